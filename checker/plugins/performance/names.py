"""Matching names: a project as 表7 prints it and as its target table prints it, and unit names.

Project names differ in small ways between the tables and the 绩效目标表: spaces, quote styles, a
leading year ("2024 年…"), and the suffix (…保障项目 / …保障费 / …保障经费). The matching key drops
all of these; the printed names are still compared afterwards so that a difference is reported.
Unit names are abbreviated in Xinjiang as elsewhere (巴音郭楞蒙古自治州 → 巴州), and a 预算单位 is
sometimes printed with or without the region (新疆巴州… / 巴州…).
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, TypeVar

from checker.core.text import norm

_QUOTES = re.compile(r"[“”\"'‘’《》「」『』〈〉]")
_LEADING_YEAR = re.compile(r"^(20\d{2})年(度)?")
_SUFFIXES = ("项目", "经费", "资金", "费用", "费", "专项")
_PUNCT = re.compile(r"[。.,，、;；:：!！?？]+$")

# the prefectures of Xinjiang and the short names every document uses for them
PREFECTURES = {
    "巴音郭楞蒙古自治州": "巴州", "昌吉回族自治州": "昌吉州", "伊犁哈萨克自治州": "伊犁州",
    "博尔塔拉蒙古自治州": "博州", "克孜勒苏柯尔克孜自治州": "克州",
}
_REGION_PREFIX = re.compile(r"^(新疆维吾尔自治区|新疆)")


def printed(name: str) -> str:
    """The name as compared for "names differ": spaces gone, quotes of any style alike."""
    return _PUNCT.sub("", _QUOTES.sub('"', norm(name)))


def project_key(name: str) -> str:
    """The matching key of a project name."""
    key = _PUNCT.sub("", _QUOTES.sub("", norm(name)))
    key = _LEADING_YEAR.sub("", key)
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                key = key[: -len(suffix)]
                changed = True
    return key


T = TypeVar("T")


def best_match(name: str, candidates: Iterable[tuple[str, T]]) -> Optional[T]:
    """The candidate whose key equals ``name``'s key; failing that, the one whose key contains or
    is contained in it (the shorter at least 6 characters and 60 % of the longer), if only one does."""
    key = project_key(name)
    if not key:
        return None
    items = [(project_key(n), obj) for n, obj in candidates]
    exact = [obj for k, obj in items if k == key]
    if exact:
        return exact[0]
    loose = []
    for k, obj in items:
        short, long_ = sorted((k, key), key=len)
        if len(short) >= 6 and short in long_ and len(short) * 10 >= len(long_) * 6:
            loose.append(obj)
    return loose[0] if len(loose) == 1 else None


def unit_key(name: str) -> str:
    """A unit name without 盖章 marks, the region prefix, and with prefectures abbreviated."""
    key = norm(name).replace("(盖章)", "")
    key = _REGION_PREFIX.sub("", key)
    for full, short in PREFECTURES.items():
        key = key.replace(full, short)
    return key
