"""The name indexes that keep checking linear in the rows (benchmarks/bench_scale.py) find exactly
what a scan of every row found: the same rows, the same near matches, the same refusals when a
name is ambiguous."""
from __future__ import annotations

import gc
import random

from checker.core.memo import per_object
from checker.core.model import RowKind
from checker.plugins.arithmetic import narrative_tables as nt
from checker.plugins.performance.names import Matcher, project_key


def scanned_best_match(name, candidates):
    """performance.names.best_match as a scan of every candidate (its definition)."""
    key = project_key(name)
    if not key:
        return None
    items = [(project_key(n), obj) for n, obj in candidates]
    exact = [obj for k, obj in items if k == key]
    if exact:
        return exact[0]
    loose = [obj for k, obj in items
             if (lambda short, long_: len(short) >= 6 and short in long_ and len(short) * 10 >= len(long_) * 6)(
                 *sorted((k, key), key=len))]
    return loose[0] if len(loose) == 1 else None


def scanned_match_project(name, rows):
    """narrative_tables.match_project as a scan of every row (its definition)."""
    k = nt.project_key(name)
    if not k:
        return []
    same = [r for r in rows if nt.project_key(r.project or "") == k]
    if same:
        return same
    names = {nt.project_key(r.project or "") for r in rows}
    near = [n for n in names if len(k) >= 4 and len(n) >= 4 and (k in n or n in k)]
    return [r for r in rows if nt.project_key(r.project or "") == near[0]] if len(near) == 1 else []


class Row:
    def __init__(self, project):
        self.project, self.kind = project, RowKind.ITEM


def names(rng, n):
    return ["".join(rng.choice("甲乙丙丁戊") for _ in range(rng.randint(0, 12))) + rng.choice(["", "项目", "经费", "。"])
            for _ in range(n)]


def test_indexed_lookups_find_what_a_scan_finds():
    rng = random.Random(19)
    for _ in range(1500):
        pool = names(rng, rng.randint(0, 8))
        queries = pool + names(rng, 3)
        queries += [q[rng.randint(0, len(q) // 2):] for q in queries if q]
        candidates = [(n, i) for i, n in enumerate(pool)]
        rows = [Row(n) for n in pool if n]
        matcher, index = Matcher(candidates), nt.ProjectRows(rows)
        for q in queries:
            assert matcher.best(q) == scanned_best_match(q, candidates), (q, pool)
            assert [id(r) for r in nt.match_project(q, index)] == [id(r) for r in scanned_match_project(q, rows)]


def test_per_object_remembers_while_the_object_lives():
    calls = []

    class Table:
        pass

    @per_object
    def rows_of(table):
        calls.append(id(table))
        return [len(calls)]

    t = Table()
    assert rows_of(t) is rows_of(t) and len(calls) == 1
    other = Table()
    assert rows_of(other) == [2]
    del t, other
    gc.collect()
    assert rows_of.memo == {}
