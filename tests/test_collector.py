"""checker.core.collector: the garbage collector is held while the command line imports, what the
imports made is frozen once the plugins are loaded, and a batch worker collects its young objects
less often. (What it saves is measured by benchmarks/bench_startup.py and bench_batch.py.)"""
from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from checker.core import collector


@pytest.fixture
def restored():
    """This test process's collector as it was, whatever a test did to it."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_held_start_up_is_frozen_and_collected_as_usual_after_it(restored):
    gc.unfreeze()
    collector.hold()
    assert gc.get_threshold() == collector.HELD_THRESHOLD
    kept = [[i] for i in range(1000)]       # what the imports make: containers that stay
    collector.settle()
    assert gc.get_threshold() == collector.DEFAULT_THRESHOLD
    assert gc.get_freeze_count() >= len(kept)
    assert gc.isenabled()


def test_settle_changes_nothing_where_the_start_up_did_not_hold_it(restored):
    gc.unfreeze()
    gc.set_threshold(1234, 5, 6)            # an embedding program's own settings
    collector.settle()
    assert gc.get_threshold() == (1234, 5, 6)
    assert gc.get_freeze_count() == 0


def test_a_worker_freezes_what_it_has_and_collects_its_young_objects_less_often(restored):
    gc.unfreeze()
    inherited = [{"engine": i} for i in range(1000)]
    collector.for_worker()
    assert gc.get_threshold() == collector.WORKER_THRESHOLD
    assert gc.get_freeze_count() >= len(inherited)
    # cyclic garbage made after it is still collected
    cycle = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1


PROBE = """
import gc, json, sys
from checker.cli import main
sys.argv = ["checker", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps({"threshold": gc.get_threshold(), "frozen": gc.get_freeze_count()}))
"""


def _after(*args: str, cwd) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, encoding="utf-8",
                         check=True, cwd=cwd)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_run_freezes_the_loaded_plugins_and_ends_with_the_usual_collector(seed_path, tmp_path):
    state = _after("run", str(seed_path("001", "split")), cwd=tmp_path)
    assert tuple(state["threshold"]) == collector.DEFAULT_THRESHOLD
    assert state["frozen"] > 10_000         # checker, click and the eight plugins' objects


def test_a_command_without_plugins_ends_with_the_usual_collector(tmp_path):
    state = _after("--version", cwd=tmp_path)
    assert tuple(state["threshold"]) == collector.DEFAULT_THRESHOLD
    assert state["frozen"] > 0
