"""The reference lists the C rules use: shipped package data, imported official tables, plugin additions."""
from __future__ import annotations

import openpyxl
import pytest

from checker.core.engine import hookimpl, make_plugin_manager
from checker.plugins.codes import reference as plugin_reference
from checker.plugins.codes.importer import import_file
from checker.plugins.codes.reference import (COLUMNS, KINDS, UNCERTAIN, VALID, _data_files, format_list, load,
                                             parse_list, shipped)

YEARS = (2023, 2024, 2025)
ECONOMIC_CLASSES = ["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]


@pytest.fixture(autouse=True)
def user_data(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "userdata"))
    return tmp_path / "userdata"


# ------------------------------------------------------------------------------------ shipped data

def test_one_file_per_list_and_year():
    names = {name for name, _ in _data_files()}
    assert names == {f"{kind}_{year}.csv" for kind in KINDS for year in YEARS} | {"function_former_names.csv"}


@pytest.mark.parametrize("name", [f"{kind}_{year}.csv" for kind in KINDS for year in YEARS])
def test_each_file_names_its_source_and_every_entry_its_provenance(name):
    text = dict(_data_files())[name]
    lst = parse_list(text)
    assert f"{lst.kind}_{lst.year}.csv" == name
    for key in ("title", "source", "classes_complete"):
        assert lst.meta.get(key), key
    header = next(line for line in text.splitlines() if not line.startswith("#"))
    assert header.split(",") == COLUMNS
    described = lst.sources()
    for code, e in lst.entries.items():
        assert e.provenance, code
        assert all(key in described for key in e.provenance), (code, e.provenance)
        assert e.status in (VALID, UNCERTAIN)
        assert code.isdigit() and len(code) in (3, 5, 7) and e.name
        assert e.level == {3: "类", 5: "款", 7: "项"}[len(code)]
        if len(code) > 3:
            # every 款/项's parent is either listed or its absence is allowed by an incomplete branch
            assert lst.get(code[:-2]) is not None or not lst.branch_complete(code[:-2]), code
    assert format_list(lst).splitlines()[-len(lst.entries):] == text.splitlines()[-len(lst.entries):]


@pytest.mark.parametrize("year", YEARS)
def test_class_lists_are_complete(year):
    lists, _ = shipped()
    function = lists[("function", year)]
    assert function.classes_complete
    codes = [e.code for e in function.classes()]
    assert len(codes) == 30 and codes[0] == "201" and codes[-1] == "234"
    assert {"218", "225", "226", "228"}.isdisjoint(codes)
    economic = lists[("economic", year)]
    assert economic.classes_complete and [e.code for e in economic.classes()] == ECONOMIC_CLASSES
    assert lists[("economic_gov", year)].classes_complete


@pytest.mark.parametrize("year", YEARS)
def test_department_economic_kuan_of_301_302_303_310_are_complete(year):
    lst = shipped()[0][("economic", year)]
    counts = {cls: len(lst.children(cls)) for cls in ("301", "302", "303", "310")}
    assert counts == {"301": 13, "302": 27, "303": 12, "310": 16}
    for cls in ECONOMIC_CLASSES:
        assert lst.get(cls).children_complete is (cls in counts)
    assert lst.get("302").name == "商品和服务支出" and lst.get("30213").name == "维修（护）费"


def test_function_kuan_and_xiang_are_marked_incomplete():
    for year in YEARS:
        lst = shipped()[0][("function", year)]
        assert not any(e.children_complete for e in lst.entries.values())
        assert not lst.branch_complete("2010308") and lst.branch_complete("218")


def test_234_in_2025_is_unsettled_not_absent():
    lists, _ = shipped()
    assert lists[("function", 2024)].get("234").status == VALID
    e = lists[("function", 2025)].get("234")
    assert e is not None and e.status == UNCERTAIN and e.name == "抗疫特别国债安排的支出"
    assert "无法确定" in e.note


def test_revision_notices_are_in_their_years():
    lists, _ = shipped()
    assert lists[("function", 2024)].get("22006").provenance == ("N2024",)
    assert lists[("function", 2025)].get("23107").name == "中央金融机构注资特别国债还本支出"
    assert lists[("function", 2025)].get("22198").name == "超长期特别国债安排的支出"


def test_former_and_other_year_names():
    ref = load()
    assert ref.name_elsewhere("function", "210", "医疗卫生与计划生育支出", 2024) == "2018 年及以前"
    assert ref.name_elsewhere("function", "210", "卫生健康支出", 2024) is None
    assert [y for y, _ in ref.valid_elsewhere("function", "2010305", 2025)] == [2024]


# ------------------------------------------------------------------------------------ plugin additions

class Province:
    @hookimpl
    def checker_reference_codes(self, year):
        if year == 2025:
            # 2010305 is shipped for 2024 only (2010399 is shipped for 2025 too, printed by 普陀区政府办)
            return [{"list": "function", "code": "2010305", "name": "专项业务及机关事务管理", "source": "新疆"},
                    {"list": "economic", "code": "30198", "name": "本省自设", "source": "新疆"},
                    {"list": "function", "code": "2010301", "name": "另一个名称"},     # does not override
                    {"list": "function", "code": "20", "name": "坏编码"}]               # ignored
        if year == 2026:
            return [{"list": "function", "code": "201", "name": "一般公共服务支出"}]
        return []


def test_plugin_additions_through_the_hook():
    ref = plugin_reference(make_plugin_manager(extra=[Province()], entry_points=False), 2026)
    f25 = ref.get("function", 2025)
    assert f25.get("2010305").provenance == ("PLUGIN",) and f25.get("2010305").note == "新疆"
    assert f25.get("2010301").name == "行政运行"
    assert ref.get("economic", 2025).get("30198").name == "本省自设"
    assert ref.get("function", 2026).origin == "plugin" and not ref.get("function", 2026).classes_complete
    assert ref.get("function", 2024).get("2010305").provenance != ("PLUGIN",)


# ------------------------------------------------------------------------------------ importing

def test_import_csv_with_a_title_line_and_revenue_codes(tmp_path, user_data):
    src = tmp_path / "export.csv"
    src.write_text("2025年政府收支分类科目\n科目编码,科目名称,备注\n101,税收收入,\n201,一般公共服务支出,\n"
                   "20103,政府办公厅（室）及相关机构事务,\n2010301,行政运行,\n2010308,信访事务,\n301,工资福利支出,\n"
                   "30101,基本工资,\n设置说明,,\n", encoding="gb18030")
    result, written = import_file(src, 2025)
    assert sorted(p.name for p in written) == ["economic_2025.csv", "function_2025.csv"]
    assert result.skipped_revenue == 1 and result.skipped_bad == ["设置说明"]
    ref = load()
    f = ref.get("function", 2025)
    assert f.origin == "imported" and f.classes_complete
    assert f.get("2010308").name == "信访事务" and f.get("2010308").provenance == ("IMPORT",)
    assert f.get("20103").name == "政府办公厅（室）及相关机构事务"      # printed names kept as they are
    assert f.get("20103").children_complete and f.get("201").children_complete
    assert f.branch_complete("2010350") and f.get("2010350") is None
    assert ref.get("function", 2024).origin == "shipped"


def test_import_xlsx_with_split_columns_carried_down(tmp_path):
    src = tmp_path / "export.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["支出功能分类科目"])
    ws.append(["类", "款", "项", "科目名称"])
    ws.append([208, None, None, "社会保障和就业支出"])
    ws.append([None, 5, None, "行政事业单位养老支出"])        # 款 05 typed as a number
    ws.append([None, None, 1, "行政单位离退休"])
    ws.append([None, None, "05", "机关事业单位基本养老保险缴费支出"])
    ws.append(["210", "11", "", "行政事业单位医疗"])
    ws.append(["", "", "01", "行政单位医疗"])
    wb.save(src)
    result, _ = import_file(src, 2025)
    entries = result.lists["function"].entries
    assert list(entries) == ["208", "20805", "2080501", "2080505", "21011", "2101101"]
    assert entries["2080505"].name == "机关事业单位基本养老保险缴费支出"


def test_import_without_a_header_and_joined_code_name_cells(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("201\t一般公共服务支出\n20103\t政府办公厅（室）及相关机构事务\n2010301\t行政运行\n", encoding="utf-8")
    result, _ = import_file(plain, 2024)
    assert list(result.lists["function"].entries) == ["201", "20103", "2010301"]
    joined = tmp_path / "joined.csv"
    joined.write_text("科目\n[302]商品和服务支出\n30201 办公费\n30213-维修（护）费\n", encoding="utf-8")
    result, _ = import_file(joined, 2024)
    assert {c: e.name for c, e in result.lists["economic"].entries.items()} == \
        {"302": "商品和服务支出", "30201": "办公费", "30213": "维修（护）费"}


def test_partial_import_is_merged_with_the_shipped_list(tmp_path):
    src = tmp_path / "province.csv"
    src.write_text("编码,名称\n2010308,信访事务\n", encoding="utf-8")
    import_file(src, 2024, partial=True)
    f = load().get("function", 2024)
    assert f.get("2010308").name == "信访事务" and f.get("2010301").name == "行政运行"
    assert f.classes_complete and f.get("2010308").provenance == ("IMPORT",)
    assert "partial" in f.origin


def test_import_refuses_a_file_without_codes(tmp_path):
    from checker.core.errors import InputError

    src = tmp_path / "nothing.csv"
    src.write_text("名称,金额\n办公费,20\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_file(src, 2025)
    with pytest.raises(InputError):
        import_file(tmp_path / "old.xls", 2025)


def test_import_name_column_repeating_the_code_and_codes_saved_as_decimals(tmp_path):
    """Budget-system exports often print "[2010301]行政运行" in the name column, and a CSV saved from a
    number column holds "2010301.0": the stored name is the name alone, the code the digits."""
    src = tmp_path / "export.csv"
    src.write_text("功能科目代码,功能科目名称,级次\n201.0,[201]一般公共服务支出,1\n20103,20103 政府办公厅（室）及相关机构事务,2\n"
                   "2010301,【2010301】行政运行,3\n2010302,一般行政管理事务,3\n", encoding="utf-8")
    result, _ = import_file(src, 2025)
    assert {c: e.name for c, e in result.lists["function"].entries.items()} == {
        "201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务", "2010301": "行政运行",
        "2010302": "一般行政管理事务"}


def test_partial_import_for_a_year_without_a_list_is_additions_only(tmp_path):
    src = tmp_path / "province.csv"
    src.write_text("编码,名称\n2010308,信访事务\n", encoding="utf-8")
    import_file(src, 2026, partial=True)
    f = load().get("function", 2026)
    assert f.additions_only and not f.classes_complete
    assert not load().get("function", 2025).additions_only


def test_other_plugins_get_official_names_through_the_hook():
    from checker.core.engine import Engine
    from checker.core.model import Disclosure
    engine = Engine()
    context = engine.context(Disclosure(path="x.xlsx"))
    function = engine.pm.hook.checker_classification_names(kind="function", year=2024, context=context)
    economic = engine.pm.hook.checker_classification_names(kind="economic", year=2024, context=context)
    assert function["201"] == "一般公共服务支出" and function["208"] == "社会保障和就业支出"
    assert economic["30201"] == "办公费" and economic["302"] == "商品和服务支出"
    # a year with no list of its own gets the nearest year's
    assert engine.pm.hook.checker_classification_names(kind="function", year=2030, context=context)["201"] \
        == "一般公共服务支出"
