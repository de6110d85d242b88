"""Reading the 情况说明 and splitting it into numbered sections.

From a sheet: one paragraph per row, its text in one cell or spread over several (merged) cells
of the row, read left to right. From a file (--narrative): .txt/.md (one paragraph per line) or
.docx (one per Word paragraph). Sections are the top-level headings 一、… 十二、 of the 情况说明
part and the subsections （一）…; numbered items (1、…) stay paragraphs of their subsection.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..cells import CellRef
from ..errors import InputError
from ..grid import SheetGrid
from ..model import Narrative, Paragraph, Section
from ..text import chinese_to_int, clean, decode_text, norm
from ..vet import Limits, vet_file
from ..text import lazy_pattern

PART = lazy_pattern(r"^第([一二三四五六七八九十]+)部分")
TOP = lazy_pattern(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$")
SUB = lazy_pattern(r"^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*(.*)$")
# "（一）因公出国（境）费839万元，与2024年预算持平。" is a statement under its number, not a heading
_STATES_AMOUNT = lazy_pattern(r"\d\s*万?元.*。$")
_MARKDOWN = lazy_pattern(r"^[#>\-*\s]+|\*\*")


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


_LINE_BREAK = lazy_pattern(r"[\r\n]+")


# where a paragraph ends: a sentence's or a clause's last mark (closing quotes and brackets may follow)
_ENDS = lazy_pattern(r"[。；;：:！？!?…][”’」』)）]*$")
# a heading: 一、 （一） 第三部分 (Chinese numbers; "1、" numbers items, which are running text)
_HEADING_SOURCE = r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)"
_HEADING = lazy_pattern(_HEADING_SOURCE)
# a line that begins a paragraph of its own: a heading, a numbered item, a "标签：" line
_BEGINS = lazy_pattern(_HEADING_SOURCE[:-1] + r"|[(（]?\d+[、.．)）]|[^，。；：:,]{1,16}[:：])")
_CONTINUED_MIN = 20     # a shorter line without an end mark is a title, not a cut paragraph


def _continues(previous: Paragraph, text: str) -> bool:
    """Whether ``text``, the first line of a row, is the rest of ``previous`` (the last line of
    the row above), cut mid-sentence as a PDF line or a re-typed layout ends: ``previous`` has no
    end mark, is no heading and is long enough to be running text, and ``text`` does not begin a
    paragraph of its own. (A heading cut over two rows cannot be told from a heading and the first
    line of its text, so a heading row is never continued.)"""
    before = norm(previous.text)
    return (len(before) >= _CONTINUED_MIN and not _ENDS.search(before) and not _HEADING.match(before)
            and not _BEGINS.match(norm(text)))


def grid_paragraphs(grid: SheetGrid) -> list[Paragraph]:
    """One paragraph per row, its text read left to right over the row's cells; a line break
    inside a cell (several short paragraphs typed into one cell, as templates that give the whole
    说明 one merged cell have it) starts a new paragraph, which keeps that cell as its location.
    A row that continues the paragraph of the row above (:func:`_continues`) is joined to it."""
    out: list[Paragraph] = []
    joinable = False        # the last paragraph ended a row (not a line break inside a cell)
    for r in range(grid.height):
        cells = [(c, v) for c, v in enumerate(grid.rows[r]) if clean(v)]
        if not cells:
            continue
        lines = [""]
        for _, value in cells:
            pieces = _LINE_BREAK.split(value) if isinstance(value, str) else [value]
            lines[-1] += clean(pieces[0])
            lines.extend(clean(piece) for piece in pieces[1:])
        cell = grid.cell(r, cells[0][0])
        lines = [text for text in lines if text]
        if lines and joinable and out and _continues(out[-1], lines[0]):
            out[-1].text += lines.pop(0)
        out.extend(Paragraph(text=text, cell=cell) for text in lines)
        joinable = True
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
        if m and current is not None and len(text) <= 60 and not _STATES_AMOUNT.search(text):
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
