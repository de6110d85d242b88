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


class MappedText:
    """``text`` normalised for matching, with ``source(i, j)`` giving back the original characters."""

    def __init__(self, original: str):
        # worked out once per text: the statements, reasons and fixes map the same paragraphs
        self.original, self.text, self._forms, pos = _mapped(original)
        if pos is not None:
            self.__dict__["_pos"] = pos

    @functools.cached_property
    def _pos(self) -> list[int]:
        """Where each character of ``text`` came from in ``original`` (each character mapped to at
        most one: only whitespace is dropped)."""
        forms = self._forms
        if all(forms.values()):
            return list(range(len(self.original)))
        return [i for i, ch in enumerate(self.original) if forms[ch]]

    def offset(self, i: int) -> int:
        """Where ``text[i]`` stands in ``original`` (the end of ``original`` for ``i`` past the end)."""
        return self._pos[i] if i < len(self._pos) else len(self.original)

    def source(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        if start >= end or start >= len(self._pos):
            return ""
        a = self._pos[start]
        b = self._pos[end - 1] + 1 if end - 1 < len(self._pos) else len(self.original)
        return self.original[a:b].strip()


@functools.lru_cache(maxsize=1 << 12)
def _mapped(original: str) -> tuple[str, str, dict[str, str], Optional[list[int]]]:
    """(cleaned text, matching text, each character's matching form, the position map when a
    character became several; else None: made on demand). Shared by every MappedText of the text:
    read only."""
    text = clean(original)
    # each distinct character's matching form (NFKC, whitespace dropped) once; a text whose
    # characters each stay one character (or go) is mapped in one pass
    forms = {ch: _matching_char(ch) for ch in set(text)}
    if max(map(len, forms.values()), default=0) <= 1:
        changed = {ord(ch): n for ch, n in forms.items() if n != ch}
        return text, text.translate(changed) if changed else text, forms, None
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        for n in forms[ch]:
            chars.append(n)
            pos.append(i)
    return text, "".join(chars), forms, pos


@functools.lru_cache(maxsize=1 << 12)
def _matching_char(ch: str) -> str:
    """One character's matching form: NFKC ("，" → ","; "①" → "1"), whitespace dropped."""
    return "".join(n for n in unicodedata.normalize("NFKC", ch) if not n.isspace())
