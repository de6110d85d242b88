"""Normalising the text of cells so that the same words match however they were typed."""
from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Optional

from .patterns import lazy_pattern  # noqa: F401 - re-exported: every module declares its regexes with it

_SPACE = lazy_pattern(r"\s+")
_TAGS = lazy_pattern(r"</?(b|p|br|strong|span)[^>]*>", re.I)
# character references an HTML or XML export leaves in the text ("&#20010;" for 个, "&amp;"): decoded,
# so that messages quote what a person reads; a bare "&" (R&D, "收&支") is kept
_ENTITY = lazy_pattern(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


def clean(value: object) -> str:
    """A cell's text as a person reads it: stripped, HTML remnants removed (tags) or decoded
    (character references), inner runs of whitespace folded to one space. Numbers are rendered
    without a trailing ``.0``."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        text = value
        if text.isprintable() and "  " not in text and "<" not in text and "&" not in text:
            # printable text holds no whitespace but the plain space (every other \s is a control
            # or separator character): nothing to fold, most cells end here
            return text.strip()
    elif kind is int:
        return str(value)
    elif kind is float:
        return str(int(value)) if value.is_integer() else str(value)
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
    if "<" in text:                 # no tag without one: most cells skip the search
        text = _TAGS.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(_unescape, text)
    return _SPACE.sub(" ", text).strip()


def _unescape(m: re.Match[str]) -> str:
    import html     # only for a text holding a character reference

    return html.unescape(m.group(0))


def norm(value: object) -> str:
    """The matching form: NFKC (full-width brackets, colons and digits become half-width) and
    no whitespace at all, since PDF and Excel exports put spaces inside names."""
    kind = type(value)
    if kind is str:
        return _norm_text(value)
    if value is None:
        return ""
    if kind is int or kind is float:
        return clean(value)         # digits, a sign, a point: already their matching form
    return _normalised(value)


def _normalised(value: object) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", clean(value)))


# A cell's or paragraph's text is normalised by the reader (title search for each template, table
# meta lines, headers) and again by every plugin that matches it: worked out once, remembered.
_norm_text = functools.lru_cache(maxsize=1 << 16)(_normalised)


_NUMBER = lazy_pattern(r"^[-+]?\d+(\.\d+)?$")


def parse_number(value: object) -> tuple[Optional[Decimal], bool]:
    """Read an amount cell.

    Returns ``(amount, ok)``: ``(None, True)`` for a blank cell or a dash, ``(Decimal, True)`` for
    a number or numeric text such as ``"1,234.56"``, ``(None, False)`` for other text.
    """
    if value is None or isinstance(value, bool):
        return None, True
    if isinstance(value, int):
        return Decimal(value), True
    if isinstance(value, float):
        # repr() gives the shortest decimal that round-trips, i.e. what the user typed; a
        # formula's cached value may carry binary noise (1379.8100000000002), so round it off.
        d = Decimal(repr(value))
        if d.as_tuple().exponent < -8:  # type: ignore[operator]
            d = d.quantize(Decimal("1e-8")).normalize()
        return d, True
    text = norm(value).replace(",", "").replace("，", "")
    if text in ("", "-", "—", "--", "——", "/", "－"):
        return None, True
    if _NUMBER.match(text):
        try:
            return Decimal(text), True
        except InvalidOperation:  # pragma: no cover - the regex already vetted it
            return None, False
    return None, False


CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_to_int(text: str) -> int:
    """一 → 1, 十二 → 12 (numbers up to 99, as section headings use them)."""
    digits = {ch: i + 1 for i, ch in enumerate(CHINESE_NUMERALS[:9])}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 0) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(text, 0)


def decode_text(raw: bytes) -> Optional[str]:
    """Text from a file as Chinese offices save it: UTF-8 (with or without BOM) or, from older
    Windows programs, GB18030 (a superset of GBK/GB2312). None when it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
