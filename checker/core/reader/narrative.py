"""Reading the 情况说明 and splitting it into numbered sections.

From a sheet: one paragraph per row, its text in one cell or spread over several (merged) cells
of the row, read left to right. From a file (--narrative): .txt/.md (one paragraph per line) or
.docx (one per Word paragraph). Sections are the top-level headings 一、… 十二、 of the 情况说明
part and the subsections （一）…; numbered items (1、…) stay paragraphs of their subsection.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..cells import CellRef
from ..errors import InputError
from ..grid import SheetGrid
from ..model import Narrative, Paragraph, Section
from ..text import chinese_to_int, clean, decode_text, norm
from ..vet import Limits, vet_file

PART = re.compile(r"^第([一二三四五六七八九十]+)部分")
TOP = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$")
SUB = re.compile(r"^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*(.*)$")
_MARKDOWN = re.compile(r"^[#>\-*\s]+|\*\*")


def _opening_texts(grid: SheetGrid, max_rows: int, max_cells: int) -> Iterator[str]:
    """The normalised texts of a sheet's first rows, row by row: at most ``max_rows`` rows, ending
    with the row at which more than ``max_cells`` texts have been seen (a heading sits there)."""
    seen = 0
    for r in range(min(grid.height, max_rows)):
        for _, text in grid.row_texts(r):
            yield norm(text)
            seen += 1
        if seen > max_cells:
            return


def is_overview_sheet(grid: SheetGrid) -> bool:
    """A sheet named …概况 (部门概况, 单位概况), or whose first lines head it "第一部分 …概况",
    and that is not the 情况说明 itself."""
    name = norm(grid.name)
    if "说明" in name:
        return False
    if "概况" in name:
        return True
    for t in _opening_texts(grid, 10, 3):
        if "情况说明" in t:
            return False
        if t.endswith("概况") and len(t) < 60:
            return True
    return False


def is_narrative_sheet(grid: SheetGrid) -> bool:
    """A sheet named …说明 (but not 校验说明), or whose first lines say 情况说明."""
    name = norm(grid.name)
    if "校验说明" in name:
        return False
    if "说明" in name:
        return True
    return any("情况说明" in t and len(t) < 60 for t in _opening_texts(grid, 30, 6))


def grid_paragraphs(grid: SheetGrid) -> list[Paragraph]:
    out = []
    for r in range(grid.height):
        texts = grid.row_texts(r)
        if not texts:
            continue
        text = "".join(t for _, t in texts)
        out.append(Paragraph(text=text, cell=grid.cell(r, texts[0][0])))
    return out


def file_paragraphs(path: Path, limits: Optional[Limits] = None) -> list[Paragraph]:
    shown = str(path)
    if not path.exists():
        raise InputError(shown, "情况说明文件不存在，请检查 --narrative 的路径。")
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".txt", ".md", ".markdown", ""):
        raise InputError(shown, "情况说明只支持 .txt、.md 或 .docx 文件。")
    data = vet_file(path, limits, "情况说明文件")      # regular, bounded, a .docx bomb refused
    if suffix == ".docx":
        try:
            import docx  # python-docx
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:
            raise InputError(shown, f"无法读取 Word 文档（{type(exc).__name__}），请确认是 .docx 格式。") from exc
        lines: Iterable[str] = (p.text for p in document.paragraphs)
        sheet = path.name
    elif suffix in (".txt", ".md", ".markdown", ""):
        text = decode_text(data)
        if text is None:
            raise InputError(shown, "文本编码无法识别，请另存为 UTF-8 编码。")
        lines = text.splitlines()
        sheet = path.name
    else:
        raise InputError(shown, "情况说明只支持 .txt、.md 或 .docx 文件。")
    out = []
    for i, line in enumerate(lines):
        text = clean(_MARKDOWN.sub("", line))
        if text:
            # a file has no cells: the "cell" is the line (row i, column A)
            out.append(Paragraph(text=text, cell=CellRef(sheet, i, 0)))
    return out


def build_narrative(paragraphs: list[Paragraph], source: str) -> Narrative:
    """Keep the 情况说明 part (第三部分 when parts are marked) and split it into sections."""
    start, stop = 0, len(paragraphs)
    parts = [(i, PART.match(norm(p.text))) for i, p in enumerate(paragraphs)]
    marked = [(i, m) for i, m in parts if m]
    for j, (i, m) in enumerate(marked):
        if "说明" in paragraphs[i].text and "名词" not in paragraphs[i].text:
            start = i + 1
            stop = marked[j + 1][0] if j + 1 < len(marked) else len(paragraphs)
    body = paragraphs[start:stop]
    narrative = Narrative(paragraphs=body, source=source)
    current: Optional[Section] = None
    sub: Optional[Section] = None
    expected = 1
    for p in body:
        text = norm(p.text)
        top = TOP.match(text)
        if top and len(text) <= 90 and chinese_to_int(top.group(1)) == expected:
            current = Section(number=top.group(1), title=clean(p.text), cell=p.cell)
            narrative.sections.append(current)
            expected += 1
            sub = None
            p.section = current.number
            continue
        m = SUB.match(text)
        if m and current is not None and len(text) <= 60:
            sub = Section(number=m.group(1), title=clean(p.text), cell=p.cell)
            current.subsections.append(sub)
            p.section, p.subsection = current.number, sub.number
            continue
        if current is None:
            continue
        p.section = current.number
        if sub is not None:
            p.subsection = sub.number
            sub.paragraphs.append(p)
        else:
            current.paragraphs.append(p)
    return narrative


def read_narrative_grid(grid: SheetGrid) -> Narrative:
    return build_narrative(grid_paragraphs(grid), grid.name)


def read_narrative_file(path: Path, limits: Optional[Limits] = None) -> Narrative:
    return build_narrative(file_paragraphs(path, limits), str(path))
