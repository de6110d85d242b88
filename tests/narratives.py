"""Narratives built by hand for the statement tests, as the reader gives them: each section's and
subsection's title a paragraph of its own, then its paragraphs, one a row of the sheet 说明."""
from __future__ import annotations

from checker.core.cells import CellRef
from checker.core.model import Narrative, Paragraph, Section


def narrative(*sections: tuple) -> Narrative:
    """Sections ``(number, title, texts)`` or ``(number, title, texts, subsections)``, each
    subsection ``(number, title, texts)`` after the section's own texts."""
    out = Narrative()
    row = 0
    for number, title, texts, *rest in sections:
        sec = Section(number, title, CellRef("说明", row, 0))
        out.sections.append(sec)
        out.paragraphs.append(Paragraph(title, CellRef("说明", row, 0), section=number))
        for text in texts:
            row += 1
            p = Paragraph(text, CellRef("说明", row, 0), section=number)
            sec.paragraphs.append(p)
            out.paragraphs.append(p)
        for sub_number, sub_title, sub_texts in (rest[0] if rest else ()):
            row += 1
            sub = Section(sub_number, sub_title, CellRef("说明", row, 0))
            sec.subsections.append(sub)
            out.paragraphs.append(Paragraph(sub_title, CellRef("说明", row, 0), section=number, subsection=sub_number))
            for text in sub_texts:
                row += 1
                p = Paragraph(text, CellRef("说明", row, 0), section=number, subsection=sub_number)
                sub.paragraphs.append(p)
                out.paragraphs.append(p)
        row += 1
    return out
