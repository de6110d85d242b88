"""Which title text names which table.

Titles are matched on the normalised text (full-width brackets and spaces folded) anywhere in a
sheet, by the title patterns of the template profiles (``checker.core.template``): each template
plugin lists its tables' title variants, most specific first.
"""
from __future__ import annotations

import functools
import re
from typing import Optional, Sequence

from ..template import TableSpec, TemplateProfile
from ..text import clean, norm
from ..text import lazy_pattern

TARGET_PATTERN = lazy_pattern(r"(项目支出|部门整体(支出)?|单位整体(支出)?)绩效目标(申报)?表")

# Narrative sentences mention table names too ("…项目支出情况表为空表"); a title is short and
# says nothing else.
_NOT_TITLE = lazy_pattern(r"(说明|关于|为空表|空表|没有|未安排|无此|详见|见下表|如下)")


def title_candidate(value: object) -> Optional[str]:
    """The normalised text of ``value`` when it may be a table title (short, no narrative words)."""
    text = norm(value)
    if not text or len(text) > 70 or _NOT_TITLE.search(text):
        return None
    return text


@functools.lru_cache(maxsize=1 << 14)
def title_texts(text: str) -> tuple[Optional[str], Optional[str]]:
    """For a cell's text at once: (:func:`title_candidate`, :func:`match_target_title`), each as
    they give it; the same headings recur in every workbook of a batch, so the answer is kept."""
    normalised = norm(text)
    if not normalised or len(normalised) > 70 or _NOT_TITLE.search(normalised):
        return None, None       # neither a table title nor a target-table title (whose limit is 40)
    target = None
    if len(normalised) <= 40:
        m = TARGET_PATTERN.search(normalised)
        if m and m.end() >= len(normalised) - 6:
            target = m.group(0)
    return normalised, target


def match_table_title(value: object, profiles: Sequence[TemplateProfile]) -> Optional[tuple[TableSpec, str]]:
    """If ``value`` is a table title by one of ``profiles`` (tried in order), return that table's
    spec and the title as printed."""
    text = title_candidate(value)
    if text is None:
        return None
    for profile in profiles:
        spec = profile.match_title(text)
        if spec is not None:
            return spec, clean(value)
    return None


def match_target_title(value: object) -> Optional[str]:
    text = norm(value)
    if not text or len(text) > 40 or _NOT_TITLE.search(text):
        return None
    m = TARGET_PATTERN.search(text)
    if m and m.end() >= len(text) - 6:
        return m.group(0)
    return None


def title_kind_word(title: str) -> str:
    """部门 or 单位 when the title says so ("单位收支总体情况表"), else ""."""
    m = re.match(r".*?(部门|单位)(收支|收入|支出)", norm(title))
    return m.group(1) if m else ""
