"""Terminal output that works on every console checker meets.

A Chinese Windows console (and ``PYTHONIOENCODING=gbk``, a redirected ``cmd`` pipe) encodes text
as GBK; a character GBK lacks (``↔`` in a rule's description, ``›`` in a code list's provenance,
a rare character in a unit's name) would end the command in a UnicodeEncodeError halfway through
its output. :func:`setup` makes standard output and error replace such characters with a plain
equivalent (``↔`` → ``<->``; NFKC, so ``²`` → ``2``) or, failing that, ``?``.
"""
from __future__ import annotations

import codecs
import sys
import unicodedata
from .patterns import lazy_pattern

ERRORS = "checker-plain"

PLAIN = {
    "\u2194": "<->", "\u21c4": "<->", "\u27f7": "<->", "\u203a": ">", "\u2039": "<", "\u00bb": ">>", "\u00ab": "<<",
    "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2022": "·", "\u2219": "·",
    "\u2713": "√", "\u2714": "√", "\u2717": "×", "\u2718": "×", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u200b": "", "\ufeff": "", "\u2264": "<=", "\u2265": ">=", "\u2260": "!=",
}


def _plain(char: str, encoding: str) -> str:
    for candidate in (PLAIN.get(char), unicodedata.normalize("NFKC", char)):
        if candidate is None or candidate == char:
            continue
        try:
            candidate.encode(encoding)
            return candidate
        except UnicodeEncodeError:
            continue
    return "?"


def _handler(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_plain(ch, exc.encoding) for ch in bad), exc.end


codecs.register_error(ERRORS, _handler)


def plain_text(text: str, encoding: str) -> str:
    """``text`` as it can be shown in ``encoding`` (see the module doc)."""
    return text.encode(encoding, errors=ERRORS).decode(encoding)


def setup() -> None:
    """Standard output and error never fail on a character their encoding lacks."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if not encoding or encoding in ("utf-8", "utf8", "utf-16", "utf-32"):
            continue
        try:
            stream.reconfigure(errors=ERRORS)       # type: ignore[union-attr]
        except (AttributeError, ValueError):        # not a TextIOWrapper (a test's capture)
            pass


def terminal(stream) -> tuple[bool, "int | None"]:
    """(colour, width) for output to ``stream``: colour on a terminal unless NO_COLOR is set
    (https://no-color.org), the terminal's width; plain and unwrapped for a file or a pipe."""
    import os
    import shutil

    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return False, None
    color = not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return color, max(shutil.get_terminal_size().columns, 40)


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: CJK (wide and full-width) characters two, combining
    marks none, colour codes none."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in ANSI.sub("", text))


ANSI = lazy_pattern(r"\x1b\[[0-9;]*m")


def aligned(rows, gap: int = 2) -> list[str]:
    """Rows of cells as lines whose columns line up on a terminal (by display width)."""
    rows = [[str(c) for c in row] for row in rows]
    widths = [max(display_width(row[i]) for row in rows if i < len(row)) for i in range(max(map(len, rows), default=0))]
    out = []
    for row in rows:
        cells = [c + " " * (widths[i] - display_width(c)) for i, c in enumerate(row)]
        out.append((" " * gap).join(cells).rstrip())
    return out
