"""Structure rules (S…): is the disclosure complete and readable as one document?"""
from __future__ import annotations

import re
from typing import Iterator

from checker.core.context import CheckContext
from checker.core.engine import hookimpl
from checker.core.findings import Finding, Location, Rule, Severity
from checker.core.model import BudgetTable, Disclosure, RowKind
from checker.core.text import norm

RULES = [
    Rule("S001", Severity.ERROR, "缺少必须公开的表格",
         "按文件所用模板（checker templates 列出各地模板）检查必须公开的表是否都在工作簿中：新疆等地 11 张"
         "（收支总体情况表……上年结转结余情况明细表），上海 9 张（财务收支预算总表……“三公”经费和机关运行经费预算表）。"
         "政府性基金、国有资本经营、项目支出和结转结余表没有数据时，可以用“……为空表”的说明代替。",
         "预算公开要求模板规定的各表全部公开（新疆模板十一张，上海模板九张）；缺表是检查中最常见的“公开不完整”问题。",
         "（新疆模板）工作簿中只有表1至表10，没有“上年结转结余情况明细表”，情况说明中也没有说明其为空表。",
         "工作簿含“上年结转结余情况明细表”，或情况说明写明“……2024 年没有上年结转结余，上年结转结余情况明细表为空表。”"),
    Rule("S002", Severity.ERROR, "同一张表出现两次",
         "检查同一张公开表是否在工作簿中出现不止一次（例如改版后旧表未删除）。",
         "两张同名表数字不同时，公开的是哪一张无从判断；校验也只能核对其中一张。",
         "（新疆模板）工作表“表5”和“表5(旧)”都有“一般公共预算支出情况表”。",
         "删除旧版本，只保留一张“一般公共预算支出情况表”。"),
    Rule("S003", Severity.ERROR, "各表或说明中的单位名称、年度不一致",
         "检查各表“编制单位/编制部门”行的单位名称、标题和情况说明中的年度是否与文件一致。",
         "套用上年或其他单位的模板时，最容易留下旧年度、旧单位名称。",
         "（新疆模板）表3 编制单位写“新疆维吾尔自治区政务服务中心”，其余各表为“新疆维吾尔自治区政务服务和公共资源交易中心”。",
         "所有表的编制单位均为“新疆维吾尔自治区政务服务和公共资源交易中心”，说明各节标题均为 2024 年。"),
    Rule("S004", Severity.ERROR, "公式没有计算结果",
         "检查含公式但没有保存计算结果的单元格（由程序生成、从未在 Excel/WPS 中打开保存的文件）。",
         "没有计算结果的公式在读取时是空值，合计看似为空，其他检查会失真。",
         "E8 含公式 =SUM(E9:E20)，文件中没有保存结果。",
         "在 Excel/WPS 中打开后保存，或运行 checker run --recalc 由 LibreOffice 重新计算。"),
    Rule("S005", Severity.ERROR, "表格无法识别",
         "检查看起来像表格、但无法识别表名或表头的工作表和区域，并说明原因。",
         "无法识别的表格不会被校验，其中的错误会被漏掉。",
         "工作表“Sheet3”有 40 个数字，但没有“……情况表”标题行。",
         "保留标题行（如“一般公共预算支出情况表”）、编制单位行、单位行和表头。"),
    Rule("S007", Severity.ERROR, "有数据的表注明为空表",
         "检查表下的注释写着“……本表为空表”“无……预算”，表中却有金额的情况。",
         "注释与表中数字矛盾，读者无从判断到底有没有这项预算；通常是套用了模板或上年文件的注释而没有删改。",
         "“三公”经费和机关运行经费预算表中“三公”经费 47.91 万元，表下注：“本部门 2024 年无“三公”经费和机关运行经费预算，故本表为空表。”",
         "表中有数时删去该注释；确实为空表时，表中不填金额。"),
    Rule("S006", Severity.WARNING, "空表没有说明",
         "检查没有任何数据行、也没有“……为空表”说明的公开表。",
         "按公开要求，没有数据的表也要公开，并说明为空的原因。",
         "“国有资本经营预算支出情况表”只有表头，下面什么也没有。",
         "表头下写明“本单位 2024 年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。”"),
    Rule("S009", Severity.WARNING, "目录与文件中的表不一致",
         "把文件自己的目录当作表的清单，与文件中实际有的公开表对照：目录列出而文件中没有的表，文件中有而目录漏列的表，"
         "目录中的表名或序号与表的标题、表号不一致（必须公开而缺少的表由 S001 报告）。只有文件带目录（“目录”页、目录工作表）时才检查。",
         "读者按目录找表；目录与正文不符，说明公开前改过表而没有改目录，或漏放、错放了表。",
         "目录写“9．2025年部门“三公”经费预算表”，表的标题却是“2025年部门“三公”经费和机关运行经费预算表”；"
         "或目录列了“7．……国有资本经营预算支出功能分类预算表”，文件中却没有这张表。",
         "目录逐项与各表标题一致：表名、序号相同，表与目录一一对应。"),
    Rule("S008", Severity.ERROR, "单元格的值不是可能的金额",
         "检查单元格中不可能是金额的值：非数字（NaN）、无穷大（inf）、科学计数法写法（1e26），"
         "或绝对值达到 10 的 15 次方的数（全国预算总额也不过 10 的 9 次方万元），以及表中写成文字的金额（如“一千万”）。"
         "这些值按空白处理，不参与其他校验。",
         "这样的值多来自公式出错、导出程序的缺陷或误输入；它们无法参与合计核对，公开后也无法解读。",
         "（新疆模板）表5!E8 的值为 1E+26（或文本“NaN”）。",
         "E8 填写实际金额，如 1,234.56。"),
    Rule("S015", Severity.ERROR, "单元格显示错误值",
         "检查显示 Excel 错误值（#REF!、#DIV/0!、#N/A、#VALUE! 等）的单元格。这些单元格既不按空白也不按 0 读取，"
         "所在的行和表无法完整校验。",
         "错误值多来自引用被删除的行或工作表、除数为零或公式写错；公开出去的表上显示 #REF!，数字就无从核对。",
         "（新疆模板）表2!F9 显示 #REF!（公式 =表3!F9 所引用的工作表已删除）。",
         "修正公式的引用，或直接填写实际金额。"),
]


@hookimpl
def checker_rules() -> list[Rule]:
    return RULES


@hookimpl
def checker_check(document: Disclosure, context: CheckContext) -> Iterator[Finding]:
    yield from _missing_tables(document)
    for dup in document.duplicates:
        first = document.tables[dup.kind]
        yield Finding("S002", f"{dup.short_label}“{dup.title}”出现了两次：{first.title_cell} 和 {dup.title_cell}。"
                              "请删除多余的一张。",
                      [Location.at(dup.title_cell, dup.label), Location.at(first.title_cell, first.label)])
    yield from _consistency(document)
    yield from _contents(document)
    for problem in document.problems:
        rule = {"formula-without-value": "S004", "unparsed-table": "S005",
                "implausible-value": "S008", "amount-in-words": "S008",
                "error-value": "S015"}.get(problem.kind, "S005")
        yield Finding(rule, problem.message, [Location.at(problem.cell)])
    for table in document.tables.values():
        if not table.is_empty and table.empty_statement and re.search(r"为空表|本表为空", table.empty_statement):
            yield Finding("S007", f"{table.label} 中有金额，表下却注明“{table.empty_statement.strip()}”。"
                                  "请删去该注释，或核对表中数字。",
                          [Location.at(table.empty_statement_cell or table.title_cell, table.label)],
                          actual=table.empty_statement.strip())
        if table.is_empty and not table.empty_statement and not _placeholder_rows(table):
            yield Finding("S006", f"{table.label} 没有数据行，也没有“……为空表”的说明。",
                          [Location.at(table.title_cell, table.label)])


def _placeholder_rows(table: BudgetTable) -> bool:
    """Rows that name items but hold no amount (a blank template's example rows): the table is not
    left without a body, it is not filled in yet."""
    return any(row.kind is RowKind.ITEM and row.label for row in table.rows)


def _squeezed(text: str) -> str:
    return norm(text).replace(" ", "")


def _contents(document: Disclosure) -> Iterator[Finding]:
    """S009: the 目录's entries against the tables the document holds."""
    entries = document.contents
    if not entries:
        return
    missing = {spec.role for spec in _missing_specs(document)}
    listed = set()
    for entry in entries:
        where = [Location.at(entry.cell, "目录")]
        table = document.tables.get(entry.role)
        listed.add(entry.role)
        if table is None:
            if entry.role not in missing:      # a required table missing is S001's finding already
                yield Finding("S009", f"目录列出“{entry.text}”，但文件中没有这张表。请补上该表，或从目录中删去。", where)
            continue
        where.append(Location.at(table.title_cell, table.label))
        if _squeezed(entry.title) != _squeezed(table.title):
            yield Finding("S009", f"目录中的“{entry.title}”与{table.short_label}的标题“{table.title}”不一致。"
                                  "请改成同一个名称。", where, expected=table.title, actual=entry.title)
        elif entry.number is not None and table.number and entry.number != table.number:
            yield Finding("S009", f"目录把“{entry.title}”编为第 {entry.number} 项，文件中它是{table.short_label}。"
                                  "请按表的顺序编排目录。", where, expected=str(table.number), actual=str(entry.number))
    if len(listed) < 3:
        return          # a 目录 of the document's parts, not of its tables
    for role, table in document.tables.items():
        if role not in listed:
            yield Finding("S009", f"{table.label} 在文件中，但目录中没有列出。请在目录中补上。",
                          [Location.at(table.title_cell, table.label)])


def _missing_specs(document: Disclosure) -> list:
    """The template's tables the document lacks without saying they are empty (S001)."""
    narrative = norm(document.narrative.text) if document.narrative else ""
    template = document.template
    if template is None:
        return []
    return [spec for spec in template.tables if spec.role not in document.tables
            and not (spec.may_be_empty and ("为空表" in narrative and norm(spec.name) in narrative))]


def _missing_tables(document: Disclosure) -> Iterator[Finding]:
    if not document.tables:
        yield Finding("S001", "工作簿中没有找到任何预算公开表（如“部门收支总体情况表”）。请确认选择的是预算公开工作簿，"
                              "且各表保留了标题行。", [Location(sheet=", ".join(document.sheet_names[:3]), cell="")])
        return
    for spec in _missing_specs(document):
        name = f"{document.kind}{spec.name}" if spec.kind_prefix else spec.name
        yield Finding("S001", f"缺少{spec.label}“{name}”",
                      [Location(sheet="", cell="", table=f"{spec.label} {spec.name}")])


def _consistency(document: Disclosure) -> Iterator[Finding]:
    unit = norm(document.unit)
    for table in document.tables.values():
        if table.prepared_by and unit:
            named = norm(table.prepared_by).split(":", 1)[-1]
            if named and named != unit:
                yield Finding("S003", f"{table.label} 的编制单位为“{named}”，与其他表的“{document.unit}”不一致。",
                              [Location.at(table.prepared_by_cell, table.label)], expected=document.unit, actual=named)
        yield from _year_in_title(document, table)
    if document.narrative and document.year:
        for section in document.narrative.sections:
            years = {int(y) for y in re.findall(r"(20\d{2})\s*年", section.title)}
            if years and document.year not in years:
                yield Finding("S003", f"情况说明“{section.title}”写的是 {min(years)} 年，文件年度为 {document.year} 年。",
                              [Location.at(section.cell, f"情况说明 {section.number}")],
                              expected=str(document.year), actual=str(min(years)))


def _year_in_title(document: Disclosure, table: BudgetTable) -> Iterator[Finding]:
    m = re.search(r"(20\d{2})\s*年", table.title)
    if m and document.year and int(m.group(1)) != document.year:
        yield Finding("S003", f"{table.label} 标题中的年度 {m.group(1)} 与文件年度 {document.year} 不一致。",
                      [Location.at(table.title_cell, table.label)], expected=str(document.year), actual=m.group(1))
