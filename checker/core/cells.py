"""Cell addresses: every value the reader produces carries one."""
from __future__ import annotations

from dataclasses import dataclass


def column_letter(index: int) -> str:
    """0-based column index to Excel letters: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letters to a 0-based column index: A → 0."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass(frozen=True, order=True)
class CellRef:
    """A cell of a sheet; ``row`` and ``col`` are 0-based, ``address`` is Excel's ``D12``."""

    sheet: str
    row: int
    col: int

    @property
    def address(self) -> str:
        return f"{column_letter(self.col)}{self.row + 1}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.address}"


def parse_address(address: str) -> tuple[int, int]:
    """``"D12"`` → ``(11, 3)`` (0-based row, column)."""
    letters = "".join(ch for ch in address if ch.isalpha())
    digits = "".join(ch for ch in address if ch.isdigit())
    if not letters or not digits:
        raise ValueError(address)
    return int(digits) - 1, column_index(letters)
