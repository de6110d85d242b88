"""Matching names: a project as 表7 prints it and as its target table prints it, and unit names.

Project names differ in small ways between the tables and the 绩效目标表: spaces, quote styles, a
leading year ("2024 年…"), and the suffix (…保障项目 / …保障费 / …保障经费). The matching key drops
all of these; the printed names are still compared afterwards so that a difference is reported.
Unit names are abbreviated (巴音郭楞蒙古自治州 → 巴州, 昌吉回族自治州 → 昌吉州, 人民政府 → 政府), and a
预算单位 is sometimes printed with or without its province (新疆巴州… / 巴州…, 自治区…).
"""
from __future__ import annotations

import re
from typing import Generic, Iterable, Optional, TypeVar

from checker.core.text import norm
from ...core.text import lazy_pattern

_QUOTES = lazy_pattern(r"[“”\"'‘’《》「」『』〈〉]")
_LEADING_YEAR = lazy_pattern(r"^(20\d{2})年(度)?")
_SUFFIXES = ("项目", "经费", "资金", "费用", "费", "专项")
_PUNCT = lazy_pattern(r"[。.,，、;；:：!！?？]+$")

# autonomous prefectures whose short name is not "<place>州" (the generic rule below covers
# 昌吉回族自治州 → 昌吉州, 伊犁哈萨克自治州 → 伊犁州, 湘西土家族苗族自治州 → 湘西州 …)
PREFECTURES = {
    "巴音郭楞蒙古自治州": "巴州", "博尔塔拉蒙古自治州": "博州", "克孜勒苏柯尔克孜自治州": "克州",
    "黔东南苗族侗族自治州": "黔东南州", "黔南布依族苗族自治州": "黔南州", "黔西南布依族苗族自治州": "黔西南州",
    "西双版纳傣族自治州": "西双版纳州", "德宏傣族景颇族自治州": "德宏州", "怒江傈僳族自治州": "怒江州",
}
_ETHNIC = ("蒙古族|蒙古|回族|哈萨克族|哈萨克|柯尔克孜族|柯尔克孜|藏族|彝族|苗族|土家族|布依族|侗族|壮族|傣族|白族|"
           "哈尼族|傈僳族|景颇族|朝鲜族|羌族|维吾尔族|锡伯族|塔吉克族|满族|瑶族|黎族|畲族|仡佬族|水族|纳西族|普米族|"
           "拉祜族|佤族|布朗族|傈僳|独龙族|怒族|裕固族|保安族|东乡族|撒拉族|土族|仫佬族|毛南族|达斡尔族|鄂温克族|鄂伦春族")
# <place><ethnic names>自治州/自治县 → <place>州/<place>县
_AUTONOMOUS = lazy_pattern(rf"([\u4e00-\u9fff]{{2,4}}?)(?:{_ETHNIC})+自治(州|县)")
# province-level prefixes a unit name is printed with or without (新疆巴州… / 巴州…, 自治区政务服务中心)
_REGION_PREFIX = lazy_pattern(r"^(新疆维吾尔自治区|新疆|广西壮族自治区|广西|内蒙古自治区|内蒙古|宁夏回族自治区|宁夏|"
                            r"西藏自治区|西藏|自治区|[\u4e00-\u9fff]{2,3}省)")


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
    return Matcher(candidates).best(name)


class Matcher(Generic[T]):
    """:func:`best_match` over the same candidates for many names: each candidate's key is worked
    out once, and a name is looked up by its key and its substrings rather than against every
    candidate, so matching every target table to 表7 costs the same per table however many there are."""

    SHORTEST = 6

    def __init__(self, candidates: Iterable[tuple[str, T]]) -> None:
        self.items = [(project_key(n), obj) for n, obj in candidates]
        self.by_key: dict[str, list[int]] = {}
        for i, (k, _) in enumerate(self.items):
            self.by_key.setdefault(k, []).append(i)
        self._grams: Optional[dict[str, list[int]]] = None

    def best(self, name: str) -> Optional[T]:
        key = project_key(name)
        if not key:
            return None
        exact = self.by_key.get(key)
        if exact:
            return self.items[exact[0]][1]
        n, g = len(key), self.SHORTEST
        loose: set[int] = set()
        # keys contained in ``key``: its substrings of 6 characters and 60 % of it at least
        least = max(g, -(-n * 6 // 10))
        for size in range(least, n):
            for i in range(n - size + 1):
                loose.update(self.by_key.get(key[i:i + size], ()))
        # keys containing ``key`` (and at most 1/0.6 of it): among those sharing its rarest 6 characters
        if n >= g:
            grams = self._gram_index()
            postings = min((grams.get(key[i:i + g], []) for i in range(n - g + 1)), key=len)
            loose.update(i for i in postings if key in self.items[i][0] and n * 10 >= len(self.items[i][0]) * 6)
        return self.items[loose.pop()][1] if len(loose) == 1 else None

    def _gram_index(self) -> dict[str, list[int]]:
        if self._grams is None:
            self._grams = {}
            g = self.SHORTEST
            for i, (k, _) in enumerate(self.items):
                for gram in {k[j:j + g] for j in range(len(k) - g + 1)}:
                    self._grams.setdefault(gram, []).append(i)
        return self._grams


def unit_key(name: str) -> str:
    """A unit name without 盖章 marks, the region prefix, and with prefectures abbreviated."""
    key = re.sub(r"[(（]盖章[)）]", "", norm(name))
    key = _REGION_PREFIX.sub("", key)
    for full, short in PREFECTURES.items():
        key = key.replace(full, short)
    key = _AUTONOMOUS.sub(r"\1\2", key)
    # 巴州人民政府办公室 = 巴州政府办公室
    return key.replace("人民政府", "政府")
