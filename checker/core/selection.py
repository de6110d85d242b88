"""Rule codes and prefixes a user types (``--select``, ``--ignore``, ``checker.toml``, 校验说明).

A pattern selects the rules whose code starts with it (``A``, ``C1``, ``Y015``). One that selects
no rule at all is a typing mistake — ``--select Z`` would otherwise report a clean workbook — so
it is refused with the nearest codes that exist.
"""
from __future__ import annotations

from typing import Iterable

from .errors import UsageError


def matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def nearest(text: str, codes: Iterable[str], n: int = 3) -> list[str]:
    """The codes closest to ``text`` (difflib), families (one letter) included."""
    import difflib

    codes = sorted(set(codes))
    candidates = codes + sorted({c[0] for c in codes})
    return difflib.get_close_matches(text.strip().upper(), candidates, n=n, cutoff=0.5)


def unknown_patterns(patterns: Iterable[str], codes: Iterable[str]) -> list[str]:
    codes = list(codes)
    return [p for p in patterns if p.strip() and not any(c.startswith(p.strip().upper()) for c in codes)]


def suggestion(text: str, codes: Iterable[str]) -> str:
    close = nearest(text, codes)
    return f"是不是要写 {'、'.join(close)}？" if close else ""


def check_patterns(patterns: Iterable[str], codes: Iterable[str], where: str) -> None:
    """Refuse patterns that select no rule (UsageError naming ``where``, e.g. ``--select``)."""
    codes = list(codes)
    for pattern in unknown_patterns(patterns, codes):
        raise UsageError(f"{where} 中的“{pattern}”不是任何规则的编码或前缀。{suggestion(pattern, codes)}"
                         "全部规则见 checker rules。")
