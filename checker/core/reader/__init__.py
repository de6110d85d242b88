"""Recognising a disclosure in sheet grids: tables, narrative, performance-target tables."""
from .document import read_grids, read_workbook

__all__ = ["read_grids", "read_workbook"]
