"""The reader's shortcuts give what the plain ways they stand in for give (each plain way written
out here as it was): a cell's title texts worked out in one step, the titles of a sheet found
among its title cells only, and a target-table cell's label pairs after a first look at its start.
Checked on every cell of the Xinjiang and Shanghai seed workbooks and on texts made to sit on
each limit."""
from __future__ import annotations

from typing import Optional

import pytest

from checker.core.reader.tables import TitleHit, TitleScan
from checker.core.reader.targets import _INLINE_LABEL, _inline_fields, _is_label
from checker.core.reader.titles import match_target_title, title_candidate, title_texts
from checker.core.text import clean
from checker.core.workbook import load_grids
from checker.plugins.templates.shanghai import PROFILE as SHANGHAI
from checker.plugins.templates.xinjiang import PROFILE as XINJIANG

PROFILES = [XINJIANG, SHANGHAI]


@pytest.fixture(scope="module")
def grids(seed_path, shanghai_path):
    paths = [seed_path(s, layout) for s in ("000", "001", "003") for layout in ("split", "stacked")]
    paths += [shanghai_path(s, layout) for s in ("sh_wanli_2024", "sh_commerce_unit_2025")
              for layout in ("template", "stacked")]
    return [grid for path in paths for grid in load_grids(path)]


def _texts(grids) -> list[str]:
    return [text for grid in grids for r in range(grid.height) for _, text in grid.row_texts(r)]


EDGES = ["", " ", "项目支出绩效目标表", "项目支出绩效目标申报表（2025年）", "部门整体支出绩效目标表" + "甲" * 25,
         "单位整体绩效目标表" + "乙" * 31, "单位整体绩效目标表" + "乙" * 32, "收支总表" + "丙" * 66,
         "收支总表" + "丙" * 67, "关于收支总表的说明", "项目支出绩效目标表为空表", "一般公共预算支出表（续）",
         "项目负责人：张新民", "项目负责人：张新民 联系电话：0996-1234567", "联系电话 项目负责人：张新民",
         "备注：项目负责人：张", "其中:项目负责人：甲", "项目名称: 电子政务 实施单位：办公室", ":：", "10:30 开会"]


def test_title_texts_are_the_candidate_and_the_target_title(grids):
    texts = _texts(grids) + EDGES
    assert len(texts) > 2000
    for text in texts:
        assert title_texts(text) == (title_candidate(text), match_target_title(text)), text


def _plain_hits(scan: TitleScan, profile=None) -> list[TitleHit]:
    """TitleScan.hits as it was: every cell of every row looked at."""
    use = [i for i, p in enumerate(scan.profiles) if profile is None or p is profile]
    hits = []
    for r in range(scan.grid.height):
        for c, text in scan.grid.row_texts(r):
            specs, target = scan._titles.get((r, c), ((), None))
            spec = next((specs[i] for i in use if i < len(specs) and specs[i] is not None), None)
            if spec is not None and scan._confirmed(r, use):
                hits.append(TitleHit(r, c, clean(text), spec))
                break
            if target and scan._confirmed(r, use):
                hits.append(TitleHit(r, c, target, target))
                break
    return hits


def test_the_titles_found_among_the_title_cells_are_those_of_every_cell(grids):
    found = 0
    for grid in grids:
        scan = TitleScan(grid, PROFILES)
        for profile in (None, *PROFILES):
            hits = scan.hits(profile)
            assert hits == _plain_hits(scan, profile), grid.name
            found += len(hits)
    assert found > 100


def _plain_inline_fields(text: str) -> list[tuple[str, str]]:
    """_inline_fields as it was, with no first look at the cell's start."""
    t = clean(text)
    hits = [m for m in _INLINE_LABEL.finditer(t)
            if _is_label(m.group(1)) and (m.start() == 0 or t[m.start() - 1].isspace())]
    if not hits or hits[0].start() != 0:
        return []
    ends = [m.start() for m in hits[1:]] + [len(t)]
    return [(m.group(1), t[m.end():end].strip()) for m, end in zip(hits, ends)]


def test_label_pairs_after_a_first_look_are_those_of_the_whole_scan(grids):
    texts = _texts(grids) + EDGES
    paired = 0
    for text in texts:
        expected: Optional[list] = _plain_inline_fields(text)
        assert _inline_fields(text) == expected, text
        paired += bool(expected)
    assert paired >= 3
