"""What a finding quotes from the place it points at: the words or figure to highlight there.

In order of precision: the text a fix would replace in that cell (``Fix.before``) and the stretch
around it the fix quotes, then what the message quotes in “…” (an ellipsis at either end of a
quote marks a cut), then the quotes' clauses, then the value the finding read (``actual``). A figure is matched however
it is printed ("1,234.50", "1234.5"); text in matching form (:func:`checker.core.text.norm`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..core.findings import Finding, Location
from ..core.text import lazy_pattern

QUOTED = lazy_pattern(r"“([^“”]+)”")
FIGURE = lazy_pattern(r"^-?\d[\d,]*(\.\d+)?$")
ELLIPSIS = "…"
SHORTEST = 2          # a quoted piece shorter than this (a lone bracket) is no place to highlight
CLAUSE = lazy_pattern(r"[…，；;。]|(?<!\d),|,(?!\d{3}(?!\d))")     # not a thousands separator
CLAUSE_PIECE = 4      # a clause shorter than this ("增加") is too common to point at one place


@dataclass(frozen=True)
class Quote:
    """A text to look for at a location; ``figure``: an amount, matched as a number."""

    text: str
    figure: bool = False


def _as_quote(text: str) -> Optional[Quote]:
    text = text.strip()
    if FIGURE.match(text):
        return Quote(text.replace(",", ""), figure=True)
    return Quote(text) if len(text) >= SHORTEST else None


def quotes(finding: Finding, location: Location) -> list[Quote]:
    """What ``finding`` quotes that may be printed at ``location``, most precise first: the fix's
    text, each quote whole, then their pieces (cut at an ellipsis or a clause's comma: a message
    may quote a sentence as it reads it, spaced or re-punctuated, its clauses as printed), then
    the value read."""
    out: list[Quote] = []

    def add(text: Optional[str]) -> None:
        quote = _as_quote(text) if text else None
        if quote is not None and quote not in out:
            out.append(quote)

    for fix in _fixes_at(finding, location):
        add(fix.before)
        add(fix.quote)
    whole = [m.group(1).strip(ELLIPSIS + " ") for m in QUOTED.finditer(finding.message)]
    for text in whole:
        add(text)
    for text in whole:
        for piece in CLAUSE.split(text):
            if len(piece) >= CLAUSE_PIECE and piece != text:
                add(piece)
    add(finding.actual)
    return out


def _fixes_at(finding: Finding, location: Location) -> list:
    return [fix for fix in finding.fixes
            if fix.cell.sheet == location.sheet and fix.cell.address == location.cell.upper()]


def narrowers(finding: Finding, location: Location) -> list[Quote]:
    """What to point at inside a quote found: the text a fix replaces there ("2,346.1" in the
    sentence it quotes), the value the finding read ("352.67" in “住房公积金（项） 352.67 万元…”)."""
    out = [q for q in (_as_quote(fix.before) for fix in _fixes_at(finding, location)) if q is not None]
    value = _as_quote(finding.actual) if finding.actual else None
    return out + ([value] if value is not None and value not in out else [])


def figure_pattern(figure: str) -> "re.Pattern[str]":
    """A number as printed, in matching form: thousands separators anywhere between digits, the
    decimals' trailing zeros optional ("154369326.00" matches "154,369,326" and "154,369,326.00"),
    never part of a longer number (a comma after it may be a full-width one, NFKC-normalised)."""
    sign = "-" if figure.startswith("-") else ""
    whole, _, decimals = figure.lstrip("-").partition(".")
    body = ",?".join(re.escape(d) for d in whole)
    kept = decimals.rstrip("0")
    body += (r"\." + re.escape(kept) + "0*") if kept else r"(?:\.0+)?"
    return re.compile(r"(?<![\d.])(?<!\d,)" + sign + body + r"(?!\d|,\d|\.\d)")
