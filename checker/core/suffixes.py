"""Which files checker reads, by their suffix: one list for the command line (which files a folder
stands for) and the report (whether a file is a workbook or a published document). It imports
nothing, so the command line can read it at start-up without loading the report."""
from __future__ import annotations

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
PUBLISHED_SUFFIXES = (".pdf", ".docx")             # a disclosure as published (PDF, Word) is read too
INPUT_SUFFIXES = WORKBOOK_SUFFIXES + PUBLISHED_SUFFIXES
