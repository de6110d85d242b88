"""``checker draft``: the narrative written from the tables, on every real seed of both templates.

The proof (issue 15 item 2): the draft put back into the workbook (``--into``) gives no A, C or Y
finding on the narrative except those the placeholders cause (without ``--prior`` the changes are
placeholders, which Y020/Y023 report as missing), the tables' own findings are those of the
original workbook, S010 reports every placeholder; and every figure the real narrative states that
the draft states too is the same, except the real documents' known mistakes, listed here.
"""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from checker.core.drafting import PLACEHOLDER, ChangeWords, Draft, DraftPart, balanced_shares, wan
from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from checker.draft.compose import draft_narrative
from checker.draft.writers import unique_name, write_docx, write_workbook_copy
from checker.plugins.arithmetic.narrative_facts import core, parts

XINJIANG = ["000", "001", "003"]
SHANGHAI = ["sh_commerce_dept_2025", "sh_commerce_unit_2025", "sh_office_dept_2025", "sh_office_unit_2025",
            "sh_wanli_2024", "sh_wanli_2025"]
# the real narratives' figures the tables contradict (test_arithmetic_narrative.SEED_FINDINGS):
# (seed, where, subject, real, draft)
KNOWN_MISTAKES = {
    ("000", "情况说明 二", "财政拨款结转", "share"): ("50.40", "50.39"),     # forced to 100 % on the largest line,
                                                                            # unexplained: A202's 舍位平衡 warning
    ("000", "情况说明 二", "单位资金", "share"): ("42.25", "42.26"),        # the largest remainder is 单位资金's
    ("001", "情况说明 五（二）", "一般公共服务支出(类)", "share"): ("74.88", "74.89"),
    # not a mistake of the document but of method: rounded half up its shares add to 100.01 %; the
    # document took the hundredth off its largest line (74.88, which A202 reports), the largest
    # remainder takes it off the line whose rounding up was least due (0.745 → 0.74)
    ("001", "情况说明 五（二）", "教育支出(类)", "share"): ("0.75", "0.74"),
}
# changes without --prior are placeholders: the coverage rules say they are missing
PLACEHOLDER_RULES = {"Y020", "Y023"}


@pytest.fixture(scope="module")
def pm():
    return make_plugin_manager()


class _Checked(Engine):
    """The engine, each document checked once (the tests look at its findings several ways)."""

    def __init__(self, pm):
        super().__init__(pm)
        self._done = {}

    def check(self, document, prior=None):
        key = (id(document), id(prior))
        if key not in self._done:
            self._done[key] = (document, prior, super().check(document, prior))
        return self._done[key][2]


@pytest.fixture(scope="module")
def engine(pm):
    return _Checked(pm)


@pytest.fixture(scope="module")
def drafted(seed_path, shanghai_path, pm, engine, tmp_path_factory):
    """seed → (original document, draft, the --into copy's document, the .docx read back)."""
    root = tmp_path_factory.mktemp("drafts")
    cache = {}

    def make(seed: str, prior: str = ""):
        key = (seed, prior)
        if key not in cache:
            source = seed_path(seed, "split") if seed in XINJIANG else shanghai_path(seed)
            doc = read_workbook(source, templates=engine.templates)
            prior_doc = read_workbook(shanghai_path(prior), templates=engine.templates) if prior else None
            result = draft_narrative(pm, doc, prior_doc)
            copy = root / f"{seed}_{prior or 'alone'}.xlsx"
            replaced, written = write_workbook_copy(source, result, doc.template, copy)
            docx = root / f"{seed}_{prior or 'alone'}.docx"
            write_docx(result, docx)
            cache[key] = (doc, result, read_workbook(copy, templates=engine.templates),
                          read_workbook(source, narrative_file=docx, templates=engine.templates), replaced, written)
        return cache[key]

    return make


def _narrative_findings(engine, doc, prior=None):
    return [f for f in engine.check(doc, prior) if f.locations and f.locations[0].table.startswith("情况说明")]


def _table_findings(engine, doc, prior=None):
    """A, C and Y findings on the tables, but those of the changes left as placeholders."""
    return sorted((f.rule, f.message) for f in engine.check(doc, prior) if f.rule[0] in "ACY"
                  and f.rule not in PLACEHOLDER_RULES and not f.locations[0].table.startswith("情况说明"))


# ------------------------------------------------------------------ the pieces

def test_shares_balanced_by_the_largest_remainder():
    # 000 二: 1,379.81 / 7,929.93 / 9,457.44 of 18,767.18 round to 7.35 + 42.25 + 50.39 = 99.99
    shares = balanced_shares([Decimal("1379.81"), Decimal("0"), Decimal("7929.93"), Decimal("9457.44")],
                             Decimal("18767.18"))
    assert shares == [Decimal("7.35"), Decimal("0.00"), Decimal("42.26"), Decimal("50.39")]
    assert sum(shares) == 100
    # rounding that overshoots: three equal thirds and a tie broken by the larger part
    assert sum(balanced_shares([Decimal(1)] * 3)) == 100
    assert balanced_shares([Decimal(2), Decimal(1)]) == [Decimal("66.67"), Decimal("33.33")]


def test_the_draft_says_when_balancing_moved_a_share(drafted):
    """000 二's shares were moved by balancing (单位资金 42.26, its own rounding 42.25): the draft says so
    under the list, so A202 has its explanation; 三's two shares are their own rounding: no note."""
    from checker.core.drafting import BALANCING_NOTE, balancing_note

    _, draft, _, _, _, _ = drafted("000")
    text = list(draft.parts[0].paragraphs)
    at = next(i for i, p in enumerate(text) if p.startswith("单位资金"))
    assert BALANCING_NOTE in text[at + 1:at + 4]
    expense = next(i for i, p in enumerate(text) if p.startswith("项目支出") and "占" in p)
    assert text[expense + 1] != BALANCING_NOTE
    assert balancing_note([Decimal(1), Decimal(1)], Decimal(2), [Decimal("50.00"), Decimal("50.00")]) == ""
    assert balancing_note([Decimal(1)], Decimal(0), [Decimal("0.00")]) == ""


def test_shares_not_balanced_when_the_parts_are_not_the_whole():
    assert balanced_shares([Decimal(1), Decimal(1)], Decimal(3)) == [Decimal("33.33"), Decimal("33.33")]
    assert balanced_shares([Decimal(3), Decimal(-1)]) == [Decimal("150.00"), Decimal("-50.00")]
    assert balanced_shares([Decimal(0), Decimal(0)]) == [Decimal("0.00"), Decimal("0.00")]


def test_change_words():
    xinjiang, shanghai = ChangeWords("上年预算"), ChangeWords("2024年预算", with_percent=False, flat="持平")
    assert xinjiang.say(Decimal("1379.81"), Decimal("1357.94")) == "比上年预算增加21.87万元，增长1.61%"
    assert xinjiang.say(Decimal("63.03"), Decimal("68.10")) == "比上年预算减少5.07万元，下降7.44%"
    assert xinjiang.say(Decimal("4.24"), Decimal(0)) == "比上年预算增加4.24万元，增长100.00%"
    assert xinjiang.say(Decimal(0), Decimal(0)) == "比上年预算增加0.00万元，增长0.00%"
    assert shanghai.say(Decimal("21.56"), Decimal("21.56")) == "比2024年预算持平"
    assert shanghai.say(Decimal(15), Decimal(25)) == "比2024年预算减少10.00万元"
    assert xinjiang.say(Decimal(1), None) == f"比上年预算{PLACEHOLDER}"


def test_sheet_names_never_clash():
    assert unique_name(["情况说明"], "情况说明") == "情况说明（2）"
    assert unique_name(["情况说明", "情况说明（2）"], "情况说明") == "情况说明（3）"
    assert unique_name([], "说" * 40) == "说" * 31
    assert len(unique_name(["说" * 31], "说" * 40)) == 31


def test_draft_counts_its_placeholders():
    draft = Draft("x", (DraftPart("", "情况说明", (f"a{PLACEHOLDER}b{PLACEHOLDER}", "c")),))
    assert draft.placeholders == 2 and draft.paragraphs == [f"a{PLACEHOLDER}b{PLACEHOLDER}", "c"]
    assert wan(None) == "0.00万元" and wan(Decimal("1379.805")) == "1,379.81万元"


# ------------------------------------------------------------------ put back into the workbook

@pytest.mark.parametrize("seed", XINJIANG + SHANGHAI)
def test_the_draft_put_back_gives_no_finding_but_the_placeholders(engine, drafted, seed):
    doc, draft, copy, _, replaced, written = drafted(seed)
    assert replaced and written == [part.sheet for part in draft.parts]
    findings = _narrative_findings(engine, copy)
    acy = [(f.rule, f.message) for f in findings if f.rule[0] in "ACY" and f.rule not in PLACEHOLDER_RULES]
    assert acy == []
    # the tables' own findings are unchanged (the draft never touches a table)
    assert _table_findings(engine, copy) == _table_findings(engine, doc)
    # every paragraph holding a placeholder is reported by S010
    reported = {f.locations[0].cell for f in engine.check(copy) if f.rule == "S010"}
    holding = {p.cell.address for p in copy.narrative.paragraphs if PLACEHOLDER in p.text}
    assert holding and holding <= reported


def test_with_prior_the_changes_are_stated_and_right(engine, drafted, shanghai_path):
    doc, draft, copy, _, _, _ = drafted("sh_wanli_2025", "sh_wanli_2024")
    prior = read_workbook(shanghai_path("sh_wanli_2024"), templates=engine.templates)
    assert draft.with_prior
    assert [(f.rule, f.message) for f in _narrative_findings(engine, copy, prior) if f.rule[0] in "ACY"] == []
    assert "比2024年预算增加3,355.65万元" in draft.paragraphs[1]
    assert "公务用车购置费15.00万元，比2024年预算减少10.00万元" in "".join(draft.paragraphs)


def test_a_wrong_share_in_the_draft_is_still_found(engine, drafted, tmp_path, seed_path):
    """The balanced share is accepted because the draft says its list was balanced (舍位平衡), not
    because A202 stopped looking: one hundredth more breaks the list's 100.00 % and is an error."""
    doc, draft, copy, _, _, _ = drafted("000")
    wrong = [p.replace("占42.26%", "占42.27%") for p in draft.parts[0].paragraphs]
    bad = dataclasses.replace(draft, parts=(dataclasses.replace(draft.parts[0], paragraphs=tuple(wrong)),))
    out = tmp_path / "wrong.xlsx"
    write_workbook_copy(seed_path("000", "split"), bad, doc.template, out)
    found = [f for f in engine.check(read_workbook(out)) if f.rule == "A202"]
    assert [f.actual for f in found] == ["42.27"] and found[0].expected == "42.25"


# ------------------------------------------------------------------ the real narratives' figures

def _xinjiang_figures(doc) -> dict:
    """Every "subject amount 万元，占 Y%" the arithmetic checks read, by section and subject; 十二（四）
    by what the performance checks read there (整体, 财政拨款, 非财政拨款, 全部: count and amount)."""
    from checker.plugins.performance.statements import stated_counts

    out = {}
    for st in stated_counts(doc):
        if st.count is not None:
            out[("情况说明 十二（四）", st.what, "count")] = str(st.count)
        if st.amount is not None:
            out[("情况说明 十二（四）", st.what, "amount")] = str(st.amount.quantize(Decimal("0.01")))
    for part in parts(doc.narrative, doc.statements):
        if part.label == "情况说明 十二（四）":
            continue
        for p in part.paragraphs:
            for fact in part.figures_of(p):
                key = (part.label, core(fact.label, doc.unit))
                out.setdefault(key + ("amount",), str(fact.amount.value.quantize(Decimal("0.01"))))
                if fact.share is not None:
                    out.setdefault(key + ("share",), str(fact.share.value.quantize(Decimal("0.01"))))
    return out


def _shanghai_figures(doc) -> dict:
    out = {}
    for st in doc.statements:
        key = (st.paragraph.part, st.subject, st.names)
        if st.amount is not None:
            out.setdefault(key + ("amount",), str(st.amount.value.quantize(Decimal("0.01"))))
        if st.change is not None or st.direction == 0:
            change = st.change.value if st.change is not None else Decimal(0)
            out.setdefault(key + ("change",), str((change * (st.direction or 0)).quantize(Decimal("0.01"))))
    return out


def _with_figures(doc) -> list[str]:
    """The narrative's paragraphs that print an amount."""
    import re

    return [p.text for p in doc.narrative.paragraphs if re.search(r"\d万元", p.text)]


def _compare(seed, real: dict, drafted: dict) -> int:
    same = 0
    for key, value in real.items():
        if key not in drafted:
            continue
        known = KNOWN_MISTAKES.get((seed, key[0], key[1], key[-1]))
        if known is not None:
            assert (value, drafted[key]) == known, key
            continue
        assert drafted[key] == value, key
        same += 1
    return same


@pytest.mark.parametrize("seed", XINJIANG)
def test_xinjiang_figures_equal_the_real_narratives(drafted, seed):
    doc, _, copy, from_docx, _, _ = drafted(seed)
    real, mine = _xinjiang_figures(doc), _xinjiang_figures(copy)
    assert _compare(seed, real, mine) >= 20      # totals, sources, kinds, classes, 项, 三公, 运行经费 …
    assert _xinjiang_figures(from_docx) == mine  # the .docx reads back as the sheet does
    # every drafted sentence with a figure is one the checks read
    read = {st.paragraph.text for st in copy.statements if st.subject == "figure"}
    assert [t for t in _with_figures(copy) if t not in read] == []


@pytest.mark.parametrize("seed,prior", [(s, "") for s in SHANGHAI] + [("sh_wanli_2025", "sh_wanli_2024")])
def test_shanghai_figures_equal_the_real_narratives(drafted, seed, prior):
    doc, draft, copy, from_docx, _, _ = drafted(seed, prior)
    real, mine = _shanghai_figures(doc), _shanghai_figures(copy)
    assert _compare(seed, real, mine) >= 15
    if prior:
        assert sum(1 for key in real if key[-1] == "change" and key in mine) >= 8
    # the .docx, read with --narrative, states what the sheets do (the copy keeps the document's own
    # 项目经费情况说明, which no table of the template drafts)
    written = {part.key for part in draft.parts}
    assert _shanghai_figures(from_docx) == {k: v for k, v in mine.items() if k[0] in written}
    # every drafted sentence with a figure is one the template's sentence shapes read
    read = {st.paragraph.text for st in copy.statements}
    drafted_texts = set(draft.paragraphs)
    assert [t for t in _with_figures(copy) if t in drafted_texts and t not in read] == []


# ------------------------------------------------------------------ the command

def _checker(*args, cwd):
    return subprocess.run([sys.executable, "-c", "from checker.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_command_writes_docx_and_copy_and_refuses_inputs(seed_path, tmp_path):
    source = seed_path("003", "split")
    before = source.read_bytes()
    done = _checker("draft", str(source), "-o", str(tmp_path / "说明.docx"), "--into", str(tmp_path / "副本.xlsx"),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已写出情况说明起草稿" in done.stderr and "原文件未改动" in done.stderr and "【请填写】" in done.stderr
    assert (tmp_path / "说明.docx").stat().st_size > 0 and source.read_bytes() == before
    printed = _checker("draft", str(source), cwd=tmp_path)
    assert printed.returncode == 0 and printed.stdout.startswith("第三部分 2025年部门预算情况说明")
    same = _checker("draft", str(source), "--into", str(source), cwd=tmp_path)
    assert same.returncode == 2 and "同一个文件" in same.stderr and "Traceback" not in same.stderr
    not_docx = _checker("draft", str(source), "-o", str(tmp_path / "x.txt"), cwd=tmp_path)
    assert not_docx.returncode == 2 and ".docx" in not_docx.stderr
    missing = _checker("draft", str(tmp_path / "无.xlsx"), cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


# ------------------------------------------------------------------ more of the drafters

def test_xinjiang_with_last_year_states_every_change(engine, pm, seed_path, tmp_path):
    """Last year's workbook the same as this year's (read as the year before): every change is
    stated, as 增加0.00万元，增长0.00%, and the checks with --prior find nothing on the narrative
    but the reasons still to write."""
    source = seed_path("001", "split")
    doc = read_workbook(source, templates=engine.templates)
    prior = read_workbook(source, templates=engine.templates)
    prior.year = doc.year - 1
    draft = draft_narrative(pm, doc, prior)
    text = "\n".join(draft.paragraphs)
    assert draft.with_prior and "比上年预算【请填写】" not in text
    assert text.count("比上年预算增加0.00万元，增长0.00%") >= 15
    out = tmp_path / "with_prior.xlsx"
    write_workbook_copy(source, draft, doc.template, out)
    copy = read_workbook(out, templates=engine.templates)
    findings = engine.check(copy, prior)
    assert [(f.rule, f.message) for f in findings if f.rule[0] in "ACY" and f.locations[0].table.startswith("情况说明")] == []
    assert not [f for f in findings if f.rule in PLACEHOLDER_RULES]


@pytest.mark.parametrize("template", ["xinjiang", "shanghai"])
def test_a_document_without_tables_is_drafted_with_zeros_and_placeholders(pm, engine, template):
    from checker.core.model import Disclosure

    profile = next(p for p in engine.templates if p.name == template)
    draft = draft_narrative(pm, Disclosure(path="空.xlsx", template=profile))
    assert draft.template == template and draft.placeholders > 5
    assert all("None" not in p for p in draft.paragraphs)


def test_no_template_or_no_drafter_is_told(pm, engine):
    from checker.core.errors import InputError
    from checker.core.model import Disclosure
    from checker.core.template import TemplateProfile

    with pytest.raises(InputError, match="无法识别工作簿所用的模板"):
        draft_narrative(pm, Disclosure(path="x.xlsx"))
    other = TemplateProfile(name="beijing", title="北京", tables=())
    with pytest.raises(InputError, match="没有起草情况说明的插件"):
        draft_narrative(pm, Disclosure(path="x.xlsx", template=other))


def test_project_numbers_in_chinese():
    from checker.plugins.templates.xinjiang_draft import _chinese

    assert [_chinese(n) for n in (1, 9, 10, 12, 20, 25)] == ["一", "九", "十", "十二", "二十", "二十五"]


def test_xinjiang_projects_funds_and_carryover_are_drafted(drafted):
    _, draft, _, _, _, _ = drafted("001")
    text = "\n".join(draft.paragraphs)
    assert "（一）项目名称：巴州政府办公室政务服务保障项目" in text and "预算安排规模：278.00万元" in text
    assert "没有上年结转结余预算安排的支出" in text
    _, draft, _, _, _, _ = drafted("003")
    assert "上年结转结余715.73万元，包括：财政拨款575.73万元，非财政拨款140.00万元" in "".join(draft.paragraphs)


def test_command_refuses_what_it_cannot_do(seed_path, shanghai_path, tmp_path):
    from click.testing import CliRunner

    from checker.cli import cli

    runner = CliRunner()
    source = str(seed_path("003", "split"))
    cases = [
        (["--into", str(tmp_path / "副本.xlsm")], "扩展名应与原文件一致"),
        (["--template", "beijing"], "没有名为“beijing”的模板"),
        (["--prior", source], "--prior 应为上一年度"),
    ]
    for extra, message in cases:
        result = runner.invoke(cli, ["draft", source, *extra])
        assert result.exit_code == 2 and message in result.stderr, (extra, result.stderr)
    xls = tmp_path / "旧.xls"
    xls.write_bytes(b"")
    result = runner.invoke(cli, ["draft", str(xls), "--into", str(tmp_path / "副本.xlsx")])
    assert result.exit_code == 2 and "只能由 .xlsx/.xlsm 工作簿生成" in result.stderr


def test_a_fund_table_with_amounts_is_stated(pm, engine, seed_path):
    """None of the seeds budgets 政府性基金: its table here is 表5's body, read from the same workbook."""
    from checker.core.template import TableRole
    from checker.plugins.templates.xinjiang_draft import draft

    doc = read_workbook(seed_path("000", "split"), templates=engine.templates)
    doc.tables[TableRole.GOV_FUNDS] = doc.table(TableRole.GPB_FUNCTION)
    text = "\n".join(draft(doc).paragraphs)
    assert f"2024年政府性基金预算拨款安排的支出1,379.81万元，主要用于{PLACEHOLDER}。" in text
    assert "国有资本经营预算支出情况表为空表" in text


def test_s010_reports_a_placeholder_until_it_is_filled():
    from checker.core.cells import CellRef
    from checker.core.findings import Location
    from checker.plugins.wording import _leftovers

    here = Location.at(CellRef("情况说明", 5, 0), "情况说明")
    left = list(_leftovers(f"一般公共预算1,379.81万元，占7.35%，比上年预算增加21.87万元，增长1.61%，主要原因是：{PLACEHOLDER}。",
                           here))
    assert [(f.rule, f.actual) for f in left] == [("S010", PLACEHOLDER)] and "待填写标记" in left[0].message
    filled = "一般公共预算1,379.81万元，占7.35%，比上年预算增加21.87万元，增长1.61%，主要原因是：绩效工资调整。"
    assert list(_leftovers(filled, here)) == []
