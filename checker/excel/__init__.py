"""The workbook side of checker: marking problems in the workbook the user has open.

* :func:`validate` / :func:`clear` work on any xlwings ``Book``: desktop Excel through the
  classic engine (the 校验 and 清除标记 buttons of the add-in) or the remote engine of xlwings
  Server/Lite; :func:`write_draft` (the 生成说明 button) writes the narrative drafted from the
  tables to a sheet 情况说明草稿. Desktop-only calls are confined to :mod:`checker.excel.classic`.
* :func:`checker.excel.annotate.annotate_copy` writes an annotated copy with openpyxl, for
  users without Excel (WPS, LibreOffice): ``checker run --annotate``; ``checker clear`` undoes it.
* :mod:`checker.excel.addin` builds the Excel add-ins: ``checker excel addin``.

See docs/excel.md.
"""
from __future__ import annotations

from .book import clear, validate
from .draftsheet import write_draft

__all__ = ["clear", "validate", "write_draft"]
