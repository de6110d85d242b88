"""Assembling a Disclosure from the sheet grids of one workbook."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

from ..cells import CellRef
from ..grid import SheetGrid
from ..model import (AcceptedDeviation, BudgetTable, Disclosure, FunctionCode, Narrative, ReadProblem, RowKind,
                     TableRole)
from ..statements import read_statements
from ..template import TemplateProfile, best_template
from ..text import clean, norm
from ..vet import Limits
from ..workbook import load_grids
from .narrative import (build_narrative, grid_paragraphs, is_narrative_sheet, is_overview_sheet, read_narrative_file,
                        read_narrative_grid)
from .contents import grid_lines, read_contents
from .plausible import error_values, set_aside
from .tables import PREPARED_BY, TitleHit, TitleScan, amounts_in_words, read_continuation, read_table
from .targets import read_target
from .titles import title_kind_word
from ..text import lazy_pattern

YEAR_TITLE = lazy_pattern(r"(20\d{2})\s*年\s*(度)?\s*(部门|单位)?\s*预算")
DEVIATION_SHEET = "校验说明"
RULE_CODE = lazy_pattern(r"^[SACYP]\d{3}$")
ORG_SUFFIX = lazy_pattern(r"(中心|办公室|政府|委员会|局|厅|院|所|站|队|馆|处|校|学校|医院|公司|协会|学会|联合会|小组|部)$")
PROJECT_SUFFIX = lazy_pattern(r"(项目|经费|费|资金|补助|工程|建设|采购|购置|[A-Za-z0-9]{4,})$")


def read_workbook(path: Path, narrative_file: Optional[Path] = None, year: Optional[int] = None,
                  templates: Optional[Sequence[TemplateProfile]] = None,
                  template: Optional[str] = None, limits: Optional[Limits] = None) -> Disclosure:
    """Read the workbook (or published PDF, :mod:`.pdf`, or Word document, :mod:`.docx`) at ``path`` (never writing to it) into a
    :class:`Disclosure`.

    ``templates`` are the template profiles to recognise the tables by (the plugins' own, from
    ``checker_templates``, when not given); ``template`` names the one to use instead of choosing.
    Both files are vetted against ``limits`` (:mod:`checker.core.vet`) before any reader sees them.
    """
    problems = []
    toc: list[tuple[int, str]] = []
    places: dict = {}
    word_toc: list[str] = []
    if Path(path).suffix.lower() == ".pdf":      # a published disclosure: same recognition below
        from .pdf import load_pdf, pdf_problems
        loaded = load_pdf(Path(path), limits)
        grids, problems, toc, places = loaded.grids, pdf_problems(loaded), loaded.contents, loaded.places
    elif Path(path).suffix.lower() == ".docx":   # published as a Word document: the same again
        from .docx import load_docx
        loaded_word = load_docx(Path(path), limits)
        grids, word_toc = loaded_word.grids, loaded_word.contents
    else:
        grids = load_grids(path, limits=limits)
    narrative = read_narrative_file(narrative_file, limits) if narrative_file else None
    doc = read_grids(grids, str(path), narrative=narrative, year=year, templates=templates, template=template)
    doc.problems.extend(problems)
    doc.places = places
    suffix = Path(path).suffix.lower()
    if suffix in (".pdf", ".docx"):
        doc.source = suffix[1:]
        doc.row_pages = {g.name: list(g.row_pages) for g in grids if getattr(g, "row_pages", None)}
    if toc:         # a PDF's 目录 page(s): not a grid (its lines would read as headings), but its list
        name = f"第{toc[0][0]}页 目录"
        doc.row_pages[name] = [page for page, _ in toc]
        doc.contents = read_contents([(text, CellRef(name, i, 0)) for i, (_, text) in enumerate(toc)], doc.template)
    if word_toc and doc.contents is None:    # a Word 目录 typed as paragraphs (or a TOC field's): likewise
        doc.contents = read_contents([(text, CellRef("目录", i, 0)) for i, text in enumerate(word_toc)], doc.template)
        if any(p is not None for p in loaded_word.contents_pages):
            doc.row_pages["目录"] = list(loaded_word.contents_pages)
    return doc


def installed_templates() -> list[TemplateProfile]:
    """The template profiles of the installed plugins (what a caller without an engine gets)."""
    from ..engine import collect_templates, make_plugin_manager
    return collect_templates(make_plugin_manager())


def pick_template(grids: list[SheetGrid], profiles: Sequence[TemplateProfile],
                  name: Optional[str] = None) -> tuple[Optional[TemplateProfile], list[TitleScan]]:
    """The profile named ``name``, or the one that recognises the most tables among the titles in
    ``grids``; with the sheets' title scans, which give the chosen profile's titles
    (:meth:`TitleScan.hits`) without reading the sheets again."""
    if name:
        from ..engine import find_template
        chosen = find_template(profiles, name)
        return chosen, [TitleScan(grid, [chosen]) for grid in grids]
    scans = [TitleScan(grid, profiles) for grid in grids]
    roles: list[set] = [set() for _ in profiles]
    for scan in scans:
        for mine, found in zip(roles, scan.roles()):
            mine |= found
    return best_template(profiles, roles), scans


# The sheets checker's own annotation adds (checker.excel, ``checker run --annotate``): the results
# sheet, known by the summary line in its A1 (a sheet of the user's by that name is read as usual),
# and the record of marked cells. They are not part of the disclosure.
RESULTS_SHEET_NAME = "校验结果"
RESULTS_SUMMARY_PREFIX = "校验结果："
MARKS_SHEET_NAME = "_checker_marks"
MARK_ID_PREFIX = "checker-marks:"     # as checker.excel.marks.MARK_ID_PREFIX (core does not import excel)
# the sheet the 生成说明 button writes the drafted narrative to (checker.excel.draftsheet): never
# read as the narrative — it is a draft to copy from, marked as checker's by its first cell
DRAFT_SHEET_NAME = "情况说明草稿"
DRAFT_PREFIX = "情况说明草稿（checker 生成）："


def is_annotation_sheet(grid: SheetGrid) -> bool:
    # where a user's sheet has one of these names, checker's own get another (校验结果_2,
    # _checker_marks_2): the marks sheet carries its id in H1 (checker.excel.annotate)
    if grid.name == MARKS_SHEET_NAME:
        return True
    if grid.name.startswith(MARKS_SHEET_NAME) and MARK_ID_PREFIX in str(grid.value(0, 7) or ""):
        return True
    first = grid.value(0, 0)
    if grid.name.startswith(DRAFT_SHEET_NAME) and isinstance(first, str) and first.startswith(DRAFT_PREFIX):
        return True
    return (grid.name.startswith(RESULTS_SHEET_NAME) and isinstance(first, str)
            and first.startswith(RESULTS_SUMMARY_PREFIX))


def read_grids(grids: list[SheetGrid], path: str, narrative: Optional[Narrative] = None,
               year: Optional[int] = None, templates: Optional[Sequence[TemplateProfile]] = None,
               template: Optional[str] = None) -> Disclosure:
    """Recognise a disclosure in sheet grids, however they were read, by the template profile
    that fits them (see :func:`pick_template`)."""
    grids = [g for g in grids if not is_annotation_sheet(g)]
    problems = list(error_values(grids))  # #REF!, #DIV/0!: reported (S015), read as blank
    problems.extend(set_aside(grids))     # NaN, infinity, 1e26: reported (S008), never read
    profiles = list(templates) if templates is not None else installed_templates()
    chosen, scans = pick_template(grids, profiles, template)
    doc = Disclosure(path=path, sheet_names=[g.name for g in grids], template=chosen)
    doc.problems.extend(problems)
    narrative_grids = []
    overview_grids = []
    last: Optional[tuple[BudgetTable, TitleHit]] = None     # the table read last, if a sheet ends with it
    for grid in grids:
        lines = grid_lines(grid) if doc.contents is None else None
        if lines is not None:
            doc.contents = read_contents(lines, chosen)
    for grid, scan in zip(grids, scans):
        if norm(grid.name) == DEVIATION_SHEET:
            doc.deviations.extend(_read_deviations(grid))
            continue
        for (r, c), formula in sorted(grid.uncached_formulas.items()):
            doc.problems.append(ReadProblem(
                "formula-without-value",
                f"单元格含公式 {formula} 但没有计算结果（文件由程序生成、从未在电子表格软件中打开并保存），"
                "无法读取其数值。请在 Excel/WPS 中打开并保存，或使用 --recalc。",
                grid.cell(r, c)))
        hits = scan.hits(chosen) if chosen else []
        if last is not None and read_continuation(grid, hits[0].row if hits else grid.height, *last):
            if not hits:
                continue    # the rest of the table before, on a sheet of its own under its header
        last = None
        if not hits and is_overview_sheet(grid):
            overview_grids.append(grid)
            continue
        if not hits and is_narrative_sheet(grid):
            narrative_grids.append(grid)
            continue
        for i, hit in enumerate(hits):
            end = hits[i + 1].row if i + 1 < len(hits) else grid.height
            if hit.is_target:
                doc.targets.append(read_target(grid, hit, end))
                last = None
                continue
            result = read_table(grid, hit, end)
            last = None
            if isinstance(result, ReadProblem):
                doc.problems.append(result)
                continue
            doc.problems.extend(amounts_in_words(grid, result))
            if result.kind in doc.tables:
                doc.duplicates.append(result)
            else:
                doc.tables[result.kind] = result
                last = (result, hit)
        if not hits and _looks_like_table(grid):
            doc.problems.append(ReadProblem(
                "unparsed-table",
                f"{_place(grid)}含有数字表格，但找不到可识别的表名（如“部门收支总体情况表”），未能读取。"
                "请保留表格标题行。", grid.cell(0, 0)))
    if narrative is None and narrative_grids:
        narrative = _read_narrative(narrative_grids, chosen)
    elif narrative is not None:
        narrative = parts_by_heading(narrative, chosen)
    doc.narrative = narrative
    if chosen is not None and chosen.sentences:
        doc.statements = read_statements(narrative, chosen.sentences)
    if overview_grids:
        doc.overview = read_narrative_grid(overview_grids[0])
    _classes_by_name(doc)
    doc.unit = _unit(doc)
    doc.kind = _kind(doc, grids)
    _mark_unit_rows(doc)
    if year is not None:
        doc.year, doc.year_source = year, "--year"
    else:
        doc.year, doc.year_source = _year(doc, grids)
    return doc


def _place(grid: SheetGrid) -> str:
    """How a message names a grid: a sheet of a workbook, or a part of a published PDF or Word
    document by its pages or its table's number ("“第3页 …”", "“表格5 …”")."""
    return f"“{grid.name}”" if getattr(grid, "published", False) else f"工作表“{grid.name}”"


def _read_narrative(grids: list[SheetGrid], template: Optional[TemplateProfile]) -> Narrative:
    """The narrative from the sheets that hold it: where the template divides it into parts on
    sheets of their own (Shanghai: 预算编制说明, 其他相关情况说明, 项目经费情况说明), every sheet that
    is one of its parts, in the template's order, each paragraph knowing its part; otherwise the
    first narrative sheet."""
    parts = [part for part in (template.narrative_parts if template else ()) if part.key != "overview"]
    found: list[tuple[int, str, SheetGrid]] = []
    for grid in grids:
        first = next((norm(t) for r in range(min(grid.height, 5)) for _, t in grid.row_texts(r)), "")
        for i, part in enumerate(parts):
            if re.search(part.heading, norm(grid.name)) or re.search(part.heading, first):
                found.append((i, part.key, grid))
                break
    if len(found) < 2:
        return parts_by_heading(read_narrative_grid(grids[0]), template)
    found.sort(key=lambda f: f[0])
    paragraphs = []
    for _, key, grid in found:
        for p in grid_paragraphs(grid):
            p.part = key
            paragraphs.append(p)
    return build_narrative(paragraphs, "、".join(g.name for _, _, g in found))


_HEADING_LENGTH = 40      # a part's heading is a title line ("2025年部门预算编制说明"), not a sentence


def parts_by_heading(narrative: Narrative, template: Optional[TemplateProfile]) -> Narrative:
    """The narrative read from one sheet or a --narrative file, where the template divides it into
    parts: each paragraph from a part's heading line on belongs to that part (as when each part
    has a sheet of its own), so the part-bound sentence shapes read it the same. Unchanged when
    fewer than two parts are headed (the heading lines are what tells the parts apart)."""
    parts = [part for part in (template.narrative_parts if template else ()) if part.key != "overview"]
    if not parts or any(p.part for p in narrative.paragraphs):
        return narrative
    heads = []
    for i, paragraph in enumerate(narrative.paragraphs):
        text = norm(paragraph.text)
        if len(text) > _HEADING_LENGTH:
            continue
        part = next((part for part in parts if re.search(part.heading, text)), None)
        if part is not None:
            heads.append((i, part.key))
    if len({key for _, key in heads}) < 2:
        return narrative
    paragraphs = list(narrative.paragraphs)
    for j, (start, key) in enumerate(heads):
        stop = heads[j + 1][0] if j + 1 < len(heads) else len(paragraphs)
        for paragraph in paragraphs[start:stop]:
            paragraph.part = key
    return build_narrative(paragraphs, narrative.source)


def _looks_like_table(grid: SheetGrid) -> bool:
    numbers = sum(1 for row in grid.rows for v in row if isinstance(v, (int, float)) and not isinstance(v, bool))
    return numbers >= 8


def _unit(doc: Disclosure) -> str:
    names = Counter()
    for table in doc.tables.values():
        if table.prepared_by:
            m = PREPARED_BY.match(norm(table.prepared_by))
            if m and m.group(3):
                names[clean(table.prepared_by).split("：", 1)[-1].split(":", 1)[-1].strip()] += 1
    if names:
        return names.most_common(1)[0][0]
    for target in doc.targets:
        fld = target.field_value("预算单位", "部门名称", "单位名称")
        if fld and fld.value:
            return clean(fld.value)
    return ""


def _kind(doc: Disclosure, grids: list[SheetGrid]) -> str:
    words = Counter(title_kind_word(t.title) for t in doc.tables.values())
    words.pop("", None)
    if words:
        return words.most_common(1)[0][0]
    for grid in grids:
        for r in range(min(grid.height, 10)):
            for _, text in grid.row_texts(r):
                m = YEAR_TITLE.search(norm(text))
                if m and m.group(3):
                    return m.group(3)
    for table in doc.tables.values():
        if table.prepared_by and "部门" in table.prepared_by[:4]:
            return "部门"
    return "单位" if doc.tables else ""


def _year(doc: Disclosure, grids: list[SheetGrid]) -> tuple[Optional[int], str]:
    for grid in grids:
        for r in range(min(grid.height, 12)):
            for c, text in grid.row_texts(r):
                m = YEAR_TITLE.search(norm(text))
                if m:
                    return int(m.group(1)), f"{grid.name}!{grid.cell(r, c).address}"
    for table in doc.tables.values():
        m = re.search(r"(20\d{2})\s*年", norm(table.title))
        if m:
            return int(m.group(1)), str(table.title_cell)
    years = Counter(t.year for t in doc.targets if t.year)
    if years:
        return years.most_common(1)[0][0], "绩效目标表"
    if doc.narrative:
        found = Counter(re.findall(r"(20\d{2})\s*年", doc.narrative.text))
        if found:
            return int(found.most_common(1)[0][0]), "情况说明"
    return None, ""


ENUMERATOR = lazy_pattern(r"^[一二三四五六七八九十]+\s*[、.．]\s*")


def _classes_by_name(doc: Disclosure) -> None:
    """The expenditure side of the summary tables may name each 类 without its code ("一、一般公共
    服务支出", Shanghai's 表1 and 表4): such a row gets the code the other tables print with that
    name, so that it is compared class by class like a coded row."""
    codes: dict[str, FunctionCode] = {}
    for table in doc.tables.values():
        for row in table.coded_rows():
            if isinstance(row.code, FunctionCode) and row.code.level == "类" and row.name:
                codes.setdefault(norm(row.name), row.code)
    for role in (TableRole.SUMMARY, TableRole.FISCAL_SUMMARY):
        table = doc.tables.get(role)
        if table is None or table.income is None:
            continue
        for row in table.rows:
            if row.code is None and row.kind is RowKind.ITEM and row.label:
                name = ENUMERATOR.sub("", row.label)
                code = codes.get(norm(name))
                if code is not None:
                    row.code, row.name, row.code_from_name = code, name, True


def _mark_unit_rows(doc: Disclosure) -> None:
    """表11 prints (sub-)unit rows and project rows under one 项目名称 column: a row is a unit row
    when it names the unit or a 表7 sub-unit, or reads as an organisation rather than a project."""
    units = {norm(doc.unit)} if doc.unit else set()
    t7 = doc.tables.get(TableRole.GPB_PROJECTS)
    if t7:
        units |= {norm(r.label) for r in t7.rows if r.kind is RowKind.UNIT}
    t11 = doc.tables.get(TableRole.CARRYOVER)
    if not t11:
        return
    group = None
    for row in t11.rows:
        if row.kind is RowKind.TOTAL:
            continue
        lab = norm(row.label)
        if lab in units or (ORG_SUFFIX.search(lab) and not PROJECT_SUFFIX.search(lab)):
            row.kind = RowKind.UNIT
            row.project = None
            row.project_cell = None
            group = row.label
        row.unit_group = group


def _read_deviations(grid: SheetGrid) -> list[AcceptedDeviation]:
    """校验说明: rows of (规则, 位置, 说明); a header row and blank rows are skipped."""
    out = []
    for r in range(grid.height):
        texts = grid.row_texts(r)
        if len(texts) < 2:
            continue
        code = norm(texts[0][1]).upper()
        if not RULE_CODE.match(code):
            continue
        location = norm(texts[1][1]) if len(texts) > 2 else ""
        explanation = texts[-1][1] if len(texts) > 2 else texts[1][1]
        out.append(AcceptedDeviation(rule=code, location=location, explanation=explanation,
                                     cell=grid.cell(r, texts[0][0])))
    return out
