"""Writing a draft: a Word document (one paragraph per line, placeholders highlighted) and a copy
of the workbook whose narrative sheets are the draft's parts, one paragraph per row in column A —
the layout the reader reads (checker.core.reader.narrative)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

from checker.core.drafting import PLACEHOLDER, Draft
from checker.core.outputs import atomic_write
from checker.core.template import TemplateProfile
from checker.core.vet import Limits

MAX_SHEET_NAME = 31


def write_docx(draft: Draft, out: Path) -> None:
    """The draft as a .docx: every part's paragraphs in order, each 【请填写】 highlighted yellow."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    document = docx.Document()
    for part in draft.parts:
        for text in part.paragraphs:
            paragraph = document.add_paragraph()
            for i, piece in enumerate(text.split(PLACEHOLDER)):
                if i:
                    run = paragraph.add_run(PLACEHOLDER)
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                if piece:
                    paragraph.add_run(piece)
    buffer = io.BytesIO()
    document.save(buffer)
    with atomic_write(out) as tmp:
        tmp.write_bytes(buffer.getvalue())


def narrative_sheets(source: Path, draft: Draft, template: TemplateProfile,
                     limits: Optional[Limits] = None) -> list[str]:
    """The sheets the reader takes the narrative from that the draft replaces: all of them, except,
    where the template divides its narrative into parts (Shanghai), the parts the draft does not
    write (项目经费情况说明: no table holds it)."""
    import re

    from checker.core.reader.document import is_annotation_sheet
    from checker.core.reader.narrative import is_narrative_sheet, is_overview_sheet
    from checker.core.reader.tables import find_titles
    from checker.core.text import norm
    from checker.core.workbook import load_grids

    written = {part.key for part in draft.parts}
    kept = [p for p in template.narrative_parts if p.key not in written and p.key != "overview"]
    out = []
    for grid in load_grids(source, limits=limits):
        if is_annotation_sheet(grid) or find_titles(grid, [template]) or is_overview_sheet(grid):
            continue
        if not is_narrative_sheet(grid):
            continue
        first = next((norm(t) for r in range(min(grid.height, 5)) for _, t in grid.row_texts(r)), "")
        if any(re.search(p.heading, norm(grid.name)) or re.search(p.heading, first) for p in kept):
            continue
        out.append(grid.name)
    return out


def fill_workbook(wb, draft: Draft, replace: list[str]) -> list[str]:
    """Put the draft's parts into ``wb`` (an openpyxl workbook) as sheets of their own, where the
    sheets in ``replace`` (the narrative it had) stood; returns the names of the sheets written."""
    position = min((wb.sheetnames.index(n) for n in replace if n in wb.sheetnames), default=len(wb.sheetnames))
    for name in replace:
        if name in wb.sheetnames:
            wb.remove(wb[name])
    from openpyxl.styles import Alignment

    written = []
    for offset, part in enumerate(draft.parts):
        name = unique_name(wb.sheetnames, part.sheet)
        ws = wb.create_sheet(name, position + offset)
        ws.column_dimensions["A"].width = 120
        for row, text in enumerate(part.paragraphs, 1):
            ws.cell(row=row, column=1, value=text).alignment = Alignment(wrap_text=True, vertical="top")
        written.append(name)
    return written


def unique_name(existing: list[str], wanted: str) -> str:
    """``wanted`` (cut to Excel's 31 characters), or with （2）, （3）… when a sheet has that name."""
    name, n = wanted[:MAX_SHEET_NAME], 1
    taken = {e.casefold() for e in existing}
    while name.casefold() in taken:
        n += 1
        suffix = f"（{n}）"
        name = wanted[:MAX_SHEET_NAME - len(suffix)] + suffix
    return name


def write_workbook_copy(source: Path, draft: Draft, template: TemplateProfile, out: Path,
                        limits: Optional[Limits] = None) -> tuple[list[str], list[str]]:
    """A copy of ``source`` at ``out`` whose narrative is the draft (the input is never written);
    returns the sheets replaced and the sheets written."""
    from checker.excel.annotate import _load

    replace = narrative_sheets(source, draft, template, limits)
    wb = _load(source, source.suffix.lower() == ".xlsm", limits)
    written = fill_workbook(wb, draft, replace)
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomic_write(out, like=source) as tmp:
        tmp.write_bytes(buffer.getvalue())
    return replace, written
