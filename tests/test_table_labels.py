"""Findings name a table the way the document's own template numbers it, and the rules name
tables by role: Shanghai numbers its nine tables differently from Xinjiang's eleven (its 表8 is
Xinjiang's 表6 …), so a message that spelled Xinjiang's number would send a Shanghai reader to
the wrong table.

Two guards on the messages: on the Shanghai seeds (as pinned, and with a few of a unit's slips
edited in) every 表N a message quotes is a table of the Shanghai template, and the one the finding
points at; and with every table of a document renumbered (表N → 表N+20) no message quotes a number
below 20, which a number spelled in the code would. The Xinjiang workbooks for that run carry
narrative and target-table slips that reach the messages of the narrative, year-over-year and
performance checks (A201/A203/A205/A206/A209/A211, Y020–Y022, P001–P005, P013)."""
from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest

import build  # tests/seeds/build.py (conftest puts it on the path)
from checker.core.engine import Engine, make_plugin_manager
from checker.core.model import Disclosure
from checker.core.reader import read_workbook
from test_shanghai_findings import SEEDS as SHANGHAI_SEEDS, edit_sheet

SHIFT = 20


def _quoted_numbers(message: str) -> list[int]:
    """The table numbers a message quotes as 表N, leaving out sheet!cell addresses (a Xinjiang
    workbook's sheets are named "表5 一般公共预算支出情况表"): they are the document's own names."""
    without_addresses = re.sub(r"表\d+[^，。；：（）!]*![A-Z]{1,3}\d+", "", message)
    return [int(n) for n in re.findall(r"表(\d+)", without_addresses)]


def _numbers_pointed_at(finding) -> set[int]:
    return {int(m.group(1)) for loc in finding.locations if (m := re.match(r"表(\d+)", loc.table or ""))}


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


# ------------------------------------------------------------------ Shanghai: its own numbers

def _shanghai_variants(shanghai_path, tmp_path: Path) -> list[tuple[str, Path]]:
    """The six seeds as pinned, and 政府办 (单位) with slips test_shanghai_findings pins one by one
    (a 三公 part, an item and a procurement amount retyped) all in one workbook."""
    out = [(seed, shanghai_path(seed)) for seed in SHANGHAI_SEEDS]
    seed = "sh_office_unit_2025"
    edited = edit_sheet(shanghai_path(seed), tmp_path / "edited_1.xlsx", "其他相关情况说明",
                        ("公务接待费28.50万元", "公务接待费25.80万元"), ("政府采购服务预算34万元", "政府采购服务预算43万元"),
                        once=True)
    edited = edit_sheet(edited, tmp_path / "edited_2.xlsx", "单位编制说明", ("科目380.73万元", "科目380.37万元"), once=True)
    return out + [(f"{seed} edited", edited)]


def test_shanghai_messages_quote_shanghai_tables_and_the_ones_they_point_at(engine, shanghai_path, tmp_path):
    quoted = 0
    for name, path in _shanghai_variants(shanghai_path, tmp_path):
        doc = read_workbook(path, templates=engine.templates)
        assert doc.template.name == "shanghai"
        own = {spec.number for spec in doc.template.tables}
        assert own == set(range(1, 10))
        for f in engine.check(doc):
            numbers = _quoted_numbers(f.message)
            quoted += len(numbers)
            assert set(numbers) <= own, (name, f.rule, f.message)         # no 表10/表11 in Shanghai
            pointed = _numbers_pointed_at(f)
            # the table the message names is the table the finding points at (the role it means)
            assert not pointed or set(numbers) <= pointed, (name, f.rule, f.message, sorted(pointed))
    assert quoted >= 15     # the run has messages that name tables (A001, A003, A301, C001, S007, Y001 …)


def test_the_wanli_pair_with_prior_quotes_shanghai_tables(engine, shanghai_path):
    doc = read_workbook(shanghai_path("sh_wanli_2025"), templates=engine.templates)
    prior = read_workbook(shanghai_path("sh_wanli_2024"), templates=engine.templates)
    for f in engine.check(doc, prior=prior):
        assert set(_quoted_numbers(f.message)) <= set(range(1, 10)), (f.rule, f.message)


# ------------------------------------------------------------------ no number spelled in the code

def _renumbered(doc: Disclosure) -> Disclosure:
    """``doc`` with every table, and its template's, numbered 表N+20."""
    for table in list(doc.tables.values()) + list(doc.duplicates):
        table.number += SHIFT
    profile = doc.template
    doc.template = dataclasses.replace(
        profile, tables=tuple(dataclasses.replace(spec, number=spec.number + SHIFT) for spec in profile.tables))
    return doc


def _edit(data: dict, old: str, new: str) -> dict:
    hits = [i for i, p in enumerate(data["narrative"]) if old in p]
    assert len(hits) == 1, (old, hits)
    data["narrative"][hits[0]] = data["narrative"][hits[0]].replace(old, new, 1)
    return data


def _drop(data: dict, text: str) -> dict:
    hits = [i for i, p in enumerate(data["narrative"]) if text in p]
    assert len(hits) == 1, (text, hits)
    del data["narrative"][hits[0]]
    return data


def _target(data: dict, name: str) -> dict:
    return next(t for t in data["targets"] if any(isinstance(v, str) and name in v for row in t["rows"] for v in row[:3]))


def _slips_000(data: dict) -> dict:
    _drop(data, "单位资金 7,929.93 万元，占 42.25%")                              # A206 (二, 表1)
    _drop(data, "项目支出 17,387.37 万元，占 92.65%")                             # A206 (三, 表3)
    _edit(data, "行政事业单位医疗（款）事业单位医疗（项）", "行政事业单位医疗（款）机关事业单位医疗（项）")   # Y021
    _edit(data, "机关运行经费财政拨款预算 121.35 万元", "机关运行经费财政拨款预算 112.35 万元")       # A211
    _edit(data, "1. 自治区一体化在线政务服务平台深化应用项目 9,322.84", "1. 一体化平台深化应用项目 9,322.84")  # A209 (十一)
    at = next(i for i, p in enumerate(data["narrative"]) if "一般公共预算项目支出情况表为空表" in p)
    data["narrative"][at:at + 1] = ["（一）项目名称：政务服务平台运维项目", "预算安排规模：30.00 万元",
                                    "资金分配情况：运维费 30 万元"]                   # A201 (七 while 表7 is empty)
    return data


def _slips_000_items(data: dict) -> dict:
    data["narrative"] = [p for p in data["narrative"] if "住房公积金（项）" not in p]     # Y020, A206 (五（三）)
    i = next(i for i, p in enumerate(data["narrative"]) if "事业单位医疗（项）" in p and "公务员" not in p)
    data["narrative"][i], data["narrative"][i + 1] = data["narrative"][i + 1], data["narrative"][i]   # Y022
    _edit(data, "1. 自治区一体化在线政务服务平台深化应用项目 9,322.84", "1. 自治区一体化在线政务服务平台深化应用项目 9,322.48")
    _edit(data, "福利费、公务用车运行维护费。", "福利费、公务用车运行维护费、会议费。")           # A205 (六, 表6)
    _edit(data, "收入预算包括：一般公共预算、单位资金、", "收入预算包括：一般公共预算、政府性基金预算、单位资金、")  # A205 (表1)
    return data


def _slips_001(data: dict) -> dict:
    data["targets"].remove(_target(data, "电子政务网络维护费"))                         # P001
    next(r for r in _target(data, "专家评审费项目")["rows"] if r and r[0] == "项目名称")[2] = "远程异地评标系统运维项目"  # P002, P004
    _edit(data, "（款）公务员医疗补助（项）", "（款）公务员医疗补贴（项）")                # A209 (五（三）)
    _edit(data, "项目名称：巴州数字化领导小组办公室运行保障项目", "项目名称：数字巴州建设项目")  # A209 (七), A206
    _edit(data, "支出预算包括：一般公共服务支出、教育支出、", "支出预算包括：一般公共服务支出、")      # A205
    _edit(data, "奖金、机关事业单位", "机关事业单位")                                    # A206 (六, 表6)
    return data


def _slips_001_targets(data: dict) -> dict:
    row = next(r for r in _target(data, "专家评审费项目")["rows"] if r and r[0] == "项目资金(万元)")
    row[3] = row[5] = 12.0                                                                  # P013
    _edit(data, "预算安排规模：278.00 万元", "预算安排规模：288.00 万元")                      # A203 (表7 project)
    data["targets"].remove(_target(data, "电子政务网络维护费"))
    i = data["narrative"].index("本部门无其他需说明事项。")
    data["narrative"][i] = "本部门有 1 个涉密项目，涉及预算资金 27.00 万元，项目绩效目标表不予公开。"  # P005
    return data


def _slips_003(data: dict) -> dict:
    _edit(data, "4. 机构运行补助经费 140.00 万元，", "")                                  # A206 (十一, 表11)
    _edit(data, "机关运行经费财政拨款预算 404.96 万元", "机关运行经费财政拨款预算 414.96 万元")   # A211 (more than 表6)
    _edit(data, "财政拨款结转结余、非财政拨款结转结余", "财政拨款结转结余")                   # A205
    _drop(data, "2、社会保障和就业支出（类）")                                             # A206 (五（二）, 表5)
    return data


XINJIANG = [("000", _slips_000), ("000", _slips_000_items), ("001", _slips_001), ("001", _slips_001_targets),
            ("003", _slips_003)]
MEANT = {"A201", "A203", "A205", "A206", "A209", "A211", "Y020", "Y021", "Y022", "P001", "P002", "P003", "P004", "P005",
         "P013"}


def test_no_message_spells_a_table_number_the_document_does_not_give(engine, seed_data, shanghai_path, tmp_path):
    fired: set[str] = set()
    docs = []
    for i, (seed, slips) in enumerate(XINJIANG):
        data = slips(copy.deepcopy(seed_data(seed)))
        docs.append((f"{seed} {slips.__name__}", build.build_workbook(data, "split", tmp_path / f"xj_{i}.xlsx")))
    docs += [(seed, shanghai_path(seed)) for seed in SHANGHAI_SEEDS]
    for name, path in docs:
        doc = _renumbered(read_workbook(path, templates=engine.templates))
        for f in engine.check(doc):
            fired.add(f.rule)
            spelled = [n for n in _quoted_numbers(f.message) if n < SHIFT]
            assert not spelled, (name, f.rule, f.message)
    assert MEANT <= fired, sorted(MEANT - fired)      # the slips reach the messages they are there for


# ------------------------------------------------------------------ the rules' own words

def test_rule_titles_and_descriptions_name_tables_by_role():
    """A rule's title, what and why hold for every template: no bare 表N (a sheet!cell address such as
    表5!E8, or a number said to be a named template's, may stand); an example that quotes 表N says
    which template it comes from."""
    for code, rule in Engine().rules.items():
        assert not re.search(r"表\d", rule.title), (code, rule.title)
        for text in (rule.what, rule.why):
            rest = re.sub(r"(新疆|上海)模板的?表\d+|表\d+!", "", text)
            assert not re.search(r"表\d", rest), (code, text)
        for text in (rule.bad, rule.good):
            assert not re.search(r"表\d", text) or re.search(r"(新疆|上海)模板", text), (code, text)
