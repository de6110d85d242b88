"""Choosing the template from the tables' titles and reading the tables by it: each sheet's texts
are matched against the profiles once (core.reader.tables.TitleScan), and the chosen profile's
titles are the ones find_titles gives with that profile alone."""
from __future__ import annotations

from collections import Counter

import pytest

from checker.core.grid import grid_from_values
from checker.core.reader import contents
from checker.core.reader.document import is_annotation_sheet, pick_template, read_grids
from checker.core.reader.tables import TitleScan, find_titles
from checker.core.reader.titles import match_table_title, title_candidate
from checker.core.model import TableRole
from checker.core.template import TemplateProfile
from checker.core.workbook import load_grids
from checker.plugins.templates.shanghai import PROFILE as SHANGHAI
from checker.plugins.templates.xinjiang import PROFILE as XINJIANG

PROFILES = [XINJIANG, SHANGHAI]


@pytest.fixture
def asked(monkeypatch):
    """Every (profile, text) pair a profile's title patterns were asked about while reading the
    tables (the 目录's entries, looked up by the chosen profile, left aside)."""
    calls: Counter = Counter()
    original = TemplateProfile.match_title
    in_contents = []

    def counting(self, text):
        if not in_contents:
            calls[(self.name, text)] += 1
        return original(self, text)

    def contents_lookup(name, profiles):
        in_contents.append(True)
        try:
            return match_table_title(name, profiles)
        finally:
            in_contents.pop()

    monkeypatch.setattr(TemplateProfile, "match_title", counting)
    monkeypatch.setattr(contents, "match_table_title", contents_lookup)
    return calls


@pytest.mark.parametrize("seed", ["sh_wanli_2025", "xinjiang"])
def test_each_cell_is_matched_once_by_each_profile_to_choose_and_read(asked, shanghai_path, seed_path, seed):
    path = shanghai_path(seed) if seed != "xinjiang" else seed_path("000", "split")
    grids = load_grids(path)
    doc = read_grids(grids, str(path), templates=PROFILES)
    assert doc.template is (SHANGHAI if seed != "xinjiang" else XINJIANG)
    assert len(doc.tables) >= 9
    cells = Counter(title_candidate(text) for grid in grids if not is_annotation_sheet(grid)
                    for r in range(grid.height) for c, text in grid.row_texts(r)
                    if type(grid.rows[r][c]) not in (int, float))      # an amount is never asked
    cells.pop(None, None)
    # once per cell and profile; before TitleScan, each title text was matched again to choose,
    # again to read by the chosen profile, and the rows after each title once more per title
    assert asked == Counter({(p.name, text): n for p in PROFILES for text, n in cells.items()})


def test_the_scan_gives_what_find_titles_gives_by_each_profile(shanghai_path, seed_path):
    for path in (shanghai_path("sh_commerce_unit_2025"), seed_path("003", "split")):
        for grid in load_grids(path):
            scan = TitleScan(grid, PROFILES)
            assert _plain(scan.hits()) == _plain(find_titles(grid, PROFILES))
            for profile in PROFILES:
                assert _plain(scan.hits(profile)) == _plain(find_titles(grid, [profile]))


def _plain(hits):
    return [(h.row, h.col, h.title, h.kind if h.is_target else (h.kind.role, h.kind.number)) for h in hits]


def test_a_title_of_another_template_neither_counts_nor_confirms():
    """A sheet whose title only Shanghai's profile knows: by Xinjiang's alone no table, by both
    Shanghai's, and only Shanghai counts it when the template is chosen."""
    rows = [["2025年单位一般公共预算支出功能分类预算表"], ["编制单位：某单位", "单位：元"], ["项目", "合计"], ["合计", "10"]]
    grid = grid_from_values("表5", rows)
    scan = TitleScan(grid, PROFILES)
    assert [h.kind.role for h in scan.hits()] == [TableRole.GPB_FUNCTION]
    assert scan.roles() == [set(), {TableRole.GPB_FUNCTION}]
    assert scan.hits(XINJIANG) == []
    chosen, scans = pick_template([grid], PROFILES)
    assert chosen is SHANGHAI and [h.row for h in scans[0].hits(chosen)] == [0]
    crowded = grid_from_values("表5", [rows[0], ["部门收入总体情况表"], *rows[1:]])
    # by both profiles the Xinjiang title right under it stops Shanghai's from being confirmed;
    # by Shanghai's alone it is one more line, as find_titles has always read it
    assert [(h.row, h.kind.role) for h in TitleScan(crowded, PROFILES).hits()] == [(1, TableRole.INCOME)]
    assert [h.row for h in TitleScan(crowded, PROFILES).hits(SHANGHAI)] == [0]
    assert _plain(TitleScan(crowded, PROFILES).hits(SHANGHAI)) == _plain(find_titles(crowded, [SHANGHAI]))


def test_a_named_template_is_scanned_alone(shanghai_path):
    grids = load_grids(shanghai_path("sh_office_unit_2025"))
    chosen, scans = pick_template(grids, PROFILES, "shanghai")
    assert chosen is SHANGHAI and all(scan.profiles == [SHANGHAI] for scan in scans)
    assert sum(len(scan.hits(chosen)) for scan in scans) >= 9
