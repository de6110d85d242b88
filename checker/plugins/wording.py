"""Wording rules (S010–S014): what a district's inspectors fault in a narrative before any number.

Template leftovers (XX, x,xxx, "增加（减少）", "（持平）", "……", the template's own instructions in
brackets), doubled or unmatched punctuation, a 单位 document that calls itself 部门 (as the
template profile words it), a comparison with a year that is not last year, and the statements a
template requires that the narrative does not make.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from checker.core.context import CheckContext
from checker.core.engine import hookimpl
from checker.core.findings import Finding, Location, Rule, Severity
from checker.core.model import Disclosure, Narrative, Paragraph
from checker.core.statements import part_pieces
from checker.core.template import RequiredStatement, TemplateProfile
from checker.core.text import norm
from ..core.text import lazy_pattern

RULES = [
    Rule("S010", Severity.ERROR, "模板占位内容未替换",
         "检查情况说明和各表标题、编制单位中是否留有模板的占位内容：XX、x,xxx、“增加（减少）”“（持平）”、以“……”结尾的"
         "“主要用于……”“主要原因是……”、模板的填写提示（“（若无，则写……）”“（说明项目的……）”）、“待填写”和 checker draft 起草稿中待补充的“【请填写】”，以及单位名称后"
         "照抄的“（部门）”“（单位）”。",
         "占位内容说明文件是套模板后没有改完，公开后会被直接认定为公开质量问题。",
         "2025 年上海市普陀区人民政府万里街道办事处（部门）下属 1 家机关……；公务接待费 XXX 万元，比 2024 年预算增加（减少）XXX 万元。",
         "2025 年上海市普陀区人民政府万里街道办事处下属 1 家机关……；公务接待费 1.35 万元，与 2024 年预算持平。"),
    Rule("S011", Severity.WARNING, "标点重复或不成对",
         "检查情况说明中连用的句号、逗号、分号、顿号（“。。”“；；”），不成对的括号和引号，以及全角、半角括号混用成一对"
         "（“（款)”）。",
         "标点错误虽小，却是检查公开文件时最容易被挑出的问题，也会让读者误读句子的层次。",
         "“社会保障和就业支出（类）行政事业单位养老支出（款)行政单位离退休（项）”；与上年相比无变动；；公务用车运行费……",
         "“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”；与上年相比无变动；公务用车运行费……"),
    Rule("S012", Severity.WARNING, "单位预算与部门预算的称谓混用",
         "按模板的用语，检查单位预算的说明中是否自称“本部门”，部门预算的说明中是否自称“本单位”，以及表的标题"
         "（“2025 年部门收入预算总表”）是否写了另一种预算（上海模板）。",
         "称谓混用往往是套用了另一份（部门或单位）文件的文字，相应的数字也可能没有改。",
         "（单位预算）2025 年度本部门政府采购预算 34 万元。",
         "（单位预算）2025 年度本单位政府采购预算 34 万元。"),
    Rule("S013", Severity.ERROR, "比较的年度不是上一年，或写了既非本年也非上年的年度",
         "检查“比 YYYY 年预算（执行数）增加/减少”“YYYY 年当年预算执行数”中的年度是否为文件年度的上一年（错误）；"
         "并检查说明中写到的其他“YYYY 年”是否为本年度或上年度（警告）。下列写法不算：文件名称和文号中的年度（"
         "《……》内、“〔2019〕12 号”“关于印发……的通知”）、“2020 年以来”“自 2021 年起”、时期（“2021—2025 年”）、"
         "法规的修订、施行日期（“2018 年修正”），机构的成立、改革年份（“2019 年机构改革”），以及“到 2035 年”这样的目标年份。",
         "与错误的年度比较，或在本年文件中写着往年的年度（“2023 年‘三公’经费预算情况说明”），通常是沿用了往年文件的"
         "文字，整句增减说明和相应数字都要重新核对。",
         "（2025 年文件）财政拨款收入 18,976.76 万元，比 2023 年预算增加 3,355.65 万元；2023 年本部门政府采购预算 34 万元。",
         "（2025 年文件）财政拨款收入 18,976.76 万元，比 2024 年预算增加 3,355.65 万元；2025 年本部门政府采购预算 34 万元。"),
    Rule("S014", Severity.ERROR, "说明缺少模板要求的内容",
         "按文件所用模板，检查情况说明是否写了模板要求的每一项内容（上海模板：收入、支出预算总额，“三公”经费，机关运行"
         "经费，政府采购预算及面向中小企业预留的份额，绩效目标设置情况），或模板允许的替代说法（“本部门无机关运行经费”"
         "“未安排政府采购预算”）。",
         "公开内容不完整是检查中最常见的扣分项；模板要求的段落缺了，读者无从得知相应情况。",
         "三、政府采购预算情况：2025 年度本部门政府采购预算 38.20 万元，其中：……服务预算 30.40 万元。（没有面向中小企业预留的说明）",
         "……服务预算 30.40 万元。2025 年本部门面向中小企业预留政府采购项目预算金额 38.20 万元，其中，预留给小型和微型企业的……"),
]

LEFTOVERS = [
    (lazy_pattern(r"(?<![A-Za-z])(?:X{2,}|x{2,}|x,xxx)(?![A-Za-z])"), "占位符"),
    (lazy_pattern(r"增加\((?:减少)\)|\(增加/减少\)|增加/减少"), "增减两可的写法"),
    (lazy_pattern(r"\(持平\)"), "备选的写法"),
    (lazy_pattern(r"(?:主要用于|主要原因是|原因是|包括)[:]?……"), "省略号"),
    (lazy_pattern(r"\((?:若无|说明项目|列举具体|说明立项|说明实施|无政府采购预算的|绩效目标管理工作情况)[^)]*\)"), "填写提示"),
    (lazy_pattern(r"待填写|待补充|此处填写|【请填写】"), "待填写标记"),
    (lazy_pattern(r"(?<!部门)(?<!单位)(?<=[\u4e00-\u9fff])\((?:部门|单位)\)"), "名称后照抄的类别"),
]
DOUBLED = lazy_pattern(r"([。,;、])\1")
PAIRS = {"（": "）", "(": ")", "“": "”", "《": "》"}
CLOSERS = {v: k for k, v in PAIRS.items()}
COMPARED_YEAR = lazy_pattern(r"(?:比|较|与)(20\d{2})年度?(?:当年)?(?:预算|决算)|(20\d{2})年度?当年预算执行数")
# a table title's 部门/单位 right after its year ("2025年预算单位收入预算总表", "2025年部门“三公”…")
TITLE_KIND = lazy_pattern(r"^(?:20\d{2}年度?)?(?:预算)?(部门|单位)")
QUOTED_YEAR = lazy_pattern(r"(?<![\d.,])(20\d{2})年")
# where a year that is neither this year nor last is what the text means to say (normalised text)
_DATE = r"(?:\d{1,2}月(?:\d{1,2}日)?)?"
NOT_STALE = (
    lazy_pattern(r"《[^《》]*》"),                                              # a document's or law's title
    lazy_pattern(r"关于[^。;,!?]{0,60}?(?:通知|意见|决定|批复|办法|规定|方案|要点|规划|纲要|细则|函)"),
    lazy_pattern(r"20\d{2}年?\s*[-—–~至到]\s*20\d{2}年"),                    # a period: 2021-2025年
    lazy_pattern(rf"(?:自|从)?20\d{{2}}年{_DATE}(?:以来|起|至今|开始)"),          # 2020年以来, 自2021年起
    lazy_pattern(rf"20\d{{2}}年{_DATE}[^。;,]{{0,24}}?(?:修正|修订|通过|施行|颁布|印发|发布)"),  # a law's dates
    lazy_pattern(rf"20\d{{2}}年{_DATE}(?:经[^。;,]{{0,20}}?)?(?:成立|组建|设立|挂牌|更名|机构改革)"),
    lazy_pattern(r"(?:成立|组建|设立|始建|创建)于20\d{2}年"),
)
TARGET_YEAR = lazy_pattern(r"(?<!截)(?:到|至)(20\d{2})年")                     # 到2035年: a target


@hookimpl
def checker_rules() -> list[Rule]:
    return RULES


@hookimpl
def checker_check(document: Disclosure, context: CheckContext) -> Iterator[Finding]:
    paragraphs = document.narrative.paragraphs if document.narrative else []
    for table in document.tables.values():
        for text, cell in ((table.title, table.title_cell), (table.prepared_by, table.prepared_by_cell)):
            if text and cell is not None:
                yield from _leftovers(text, Location.at(cell, table.label))
    for p in paragraphs:
        here = Location.at(p.cell, "情况说明")
        yield from _leftovers(p.text, here)
        yield from _punctuation(p, here)
    yield from _self_words(document, paragraphs)
    yield from _years(document, paragraphs)
    yield from _required(document)


def _leftovers(text: str, where: Location) -> Iterator[Finding]:
    t = norm(text)
    for pattern, what in LEFTOVERS:
        m = pattern.search(t)
        if m:
            yield Finding("S010", f"“{_around(t, m)}”中留有模板的{what}“{m.group(0)}”，请改为实际内容或删除。",
                          [where], actual=m.group(0))
            return      # one finding per text: the first leftover is enough to send it back


def _around(text: str, m: re.Match[str], width: int = 18) -> str:
    start, end = max(0, m.start() - width), min(len(text), m.end() + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _punctuation(p: Paragraph, where: Location) -> Iterator[Finding]:
    text = p.text
    m = DOUBLED.search(norm(text))
    if m:
        yield Finding("S011", f"“{_around(norm(text), m)}”中标点“{m.group(0)}”连用。", [where], actual=m.group(0))
        return
    problem = _unpaired(text)
    if problem:
        yield Finding("S011", problem, [where])


def _unpaired(text: str) -> str:
    """A bracket or quote left open or closed by the other kind ("（款)"): the first one, described."""
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            if stack and PAIRS[stack[-1][0]] == ch:
                stack.pop()
            elif stack and stack[-1][0] in "（(" and ch in "）)":
                opened, j = stack.pop()
                return f"“{text[max(0, j - 12):i + 6]}”中的括号“{opened}…{ch}”全角、半角混用。"
            else:
                return f"“{text[max(0, i - 12):i + 6]}”中的“{ch}”没有对应的“{CLOSERS[ch]}”。"
    if stack:
        opened, j = stack[0]
        return f"“{text[max(0, j - 6):j + 18]}”中的“{opened}”没有对应的“{PAIRS[opened]}”。"
    return ""


def _self_words(document: Disclosure, paragraphs: list[Paragraph]) -> Iterator[Finding]:
    words = dict(document.template.self_words) if document.template else {}
    own = words.get(document.kind)
    if not own:
        return
    for table in document.tables.values():
        m = TITLE_KIND.match(norm(table.title))
        if m and m.group(1) != document.kind and m.group(1) in words:
            yield Finding("S012", f"本文件是{document.kind}预算，{table.short_label}的标题却写“{norm(table.title)}”。"
                                  f"请改为“{document.kind}”，并核对这张表是否照抄了{m.group(1)}预算。",
                          [Location.at(table.title_cell, table.label)], expected=document.kind, actual=m.group(1))
    for kind, word in words.items():
        if kind == document.kind:
            continue
        for p in paragraphs:
            if word in norm(p.text):
                yield Finding("S012", f"本文件是{document.kind}预算，说明中却自称“{word}”：“{norm(p.text)[:40]}…”。"
                                      f"请改为“{own}”，并核对这段文字是否照抄了{kind}预算。",
                              [Location.at(p.cell, "情况说明")], expected=own, actual=word)
                return


def _years(document: Disclosure, paragraphs: list[Paragraph]) -> Iterator[Finding]:
    """A comparison with another year than last year (error), else a year quoted that is neither
    this year nor last and is none of :data:`NOT_STALE` (warning): one finding a paragraph."""
    if not document.year:
        return
    for p in paragraphs:
        text, where = norm(p.text), Location.at(p.cell, "情况说明")
        found = _compared_year(document.year, text, where) or _quoted_year(document.year, text, where)
        if found is not None:
            yield found


def _compared_year(year: int, text: str, where: Location) -> Optional[Finding]:
    for m in COMPARED_YEAR.finditer(text):
        compared = int(m.group(1) or m.group(2))
        if compared != year - 1:
            return Finding("S013", f"{year} 年的文件与 {compared} 年比较：“{_around(text, m)}”，应为 {year - 1} 年。",
                           [where], expected=str(year - 1), actual=str(compared))
    return None


def _quoted_year(year: int, text: str, where: Location) -> Optional[Finding]:
    accepted = [(m.start(), m.end()) for pattern in NOT_STALE for m in pattern.finditer(text)]
    accepted += [(m.start(), m.end()) for m in TARGET_YEAR.finditer(text) if int(m.group(1)) > year]
    for m in QUOTED_YEAR.finditer(text):
        quoted = int(m.group(1))
        if quoted in (year, year - 1) or any(start <= m.start() and m.end() <= end for start, end in accepted):
            continue
        return Finding("S013", f"{year} 年的文件写了“{_around(text, m)}”：{quoted} 年既不是本年度也不是上年度，"
                               "请核对是否沿用了往年文件的文字（文件名称、文号和历史沿革中的年度不算）。",
                       [where], actual=str(quoted), severity=Severity.WARNING)
    return None


def _required(document: Disclosure) -> Iterator[Finding]:
    template = document.template
    if template is None or not template.required_statements or document.narrative is None:
        return
    stated = {st.subject: st for st in document.statements}
    text = norm(document.narrative.text)
    for req in template.required_statements:
        if req.each:
            yield from _required_in_each(template, document.narrative, req)
            continue
        if re.search(req.present, text):
            continue
        if req.when:
            condition = stated.get(req.when)
            if condition is None or condition.amount is None or condition.amount.value <= 0:
                continue
        cell = document.narrative.paragraphs[0].cell if document.narrative.paragraphs else None
        yield Finding("S014", f"情况说明没有写{req.what}（{template.title}模板在{req.where}要求写明）。",
                      [Location.at(cell, "情况说明", req.where) if cell else Location(sheet="", cell="", table="情况说明")])


def _required_in_each(template: TemplateProfile, narrative: Narrative, req: RequiredStatement) -> Iterator[Finding]:
    """``req`` in each piece of its part (each project's 项目经费情况说明), named by its heading."""
    part = next((p for p in template.narrative_parts if p.key == req.each), None)
    if part is None:
        return
    for piece in part_pieces(narrative, part):
        if re.search(req.present, "\n".join(norm(p.text) for p in piece)):
            continue
        head = norm(piece[0].text)
        yield Finding("S014", f"“{head[:40]}”没有写{req.what}（{template.title}模板在{req.where}要求写明）。",
                      [Location.at(piece[0].cell, "情况说明", req.where)])
