"""Compiled patterns kept between runs (checker.core.pattern_cache): a pattern built from a
remembered program is the pattern ``re.compile`` makes (CPython compares patterns by their
program), a later process builds every remembered pattern without compiling, and a missing,
damaged or unwritable cache only costs the compiling."""
from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys

import pytest

import checker
from checker.core import pattern_cache
from checker.core.patterns import LazyPattern, lazy_pattern


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    pattern_cache.forget()
    yield tmp_path / "cache"
    pattern_cache.forget()


def _declared_patterns() -> list[tuple[str, int]]:
    """Every lazy pattern declared at module level in checker (the Excel layer aside)."""
    found = set()
    for info in pkgutil.walk_packages(checker.__path__, "checker."):
        if info.name.startswith(("checker.excel", "checker.__main__")):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, LazyPattern):
                found.add(value._source)
    return sorted(found, key=repr)


def test_every_declared_pattern_rebuilt_from_its_program_is_re_compiles(cache):
    sources = _declared_patterns()
    assert len(sources) > 150
    for pattern, flags in sources:          # compiled, and remembered
        assert pattern_cache.compile_pattern(pattern, flags) == re.compile(pattern, flags)
    written = pattern_cache.save()
    assert written is not None and written.parent == cache
    texts = [source for source in sources if isinstance(source[0], str)]     # bytes patterns are left to re
    assert len(json.loads(written.read_text(encoding="utf-8"))) == len(texts)
    pattern_cache.forget()                  # as a new process: read from the file
    for pattern, flags in sources:
        rebuilt = pattern_cache.compile_pattern(pattern, flags)
        expected = re.compile(pattern, flags)
        assert rebuilt == expected, pattern     # same flags, same pattern, same program
        assert (rebuilt.groups, rebuilt.groupindex) == (expected.groups, expected.groupindex)


def test_rebuilt_patterns_match_as_compiled_ones(cache):
    pattern = r"(?P<subject>一般公共预算|政府性基金)(?:支出)?(?P<amount>\d+(?:\.\d+)?)万元"
    pattern_cache.compile_pattern(pattern)
    pattern_cache.save()
    pattern_cache.forget()
    rebuilt = pattern_cache.compile_pattern(pattern)
    text = "其中：一般公共预算支出12.50万元，政府性基金3万元"
    assert [m.groupdict() for m in rebuilt.finditer(text)] == [m.groupdict() for m in re.finditer(pattern, text)]
    assert rebuilt.sub("X", text) == re.sub(pattern, "X", text)
    ignorecase = pattern_cache.compile_pattern("abc", re.IGNORECASE)
    assert ignorecase.match("ABC") and ignorecase.flags == re.compile("abc", re.IGNORECASE).flags


PROBE = r"""
import json, re, sys
from checker.core.patterns import lazy_pattern
re._parser.parse = None if sys.argv[1] == "strict" else re._parser.parse     # compiling now fails
pattern = lazy_pattern(r"(?P<amount>\d+)\s*万元")
print(json.dumps(pattern.search("共 120 万元").group("amount")))
"""


def _probe(cache_dir, mode: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=env)


def test_a_later_process_builds_a_remembered_pattern_without_compiling(tmp_path):
    cache_dir = tmp_path / "cache"
    assert _probe(cache_dir, "strict").returncode != 0          # nothing remembered: it must compile
    first = _probe(cache_dir, "compile")                        # compiles, and writes the file at exit
    assert first.returncode == 0 and json.loads(first.stdout) == "120"
    assert sorted(p.name for p in cache_dir.iterdir()) == [pattern_cache.cache_file().name,
                                                           pattern_cache.cache_file().name + ".lock"]
    later = _probe(cache_dir, "strict")                         # the compiler is gone: built from the file
    assert later.returncode == 0, later.stderr
    assert json.loads(later.stdout) == "120"


def test_a_damaged_file_or_entry_is_compiled_as_usual_and_rewritten(cache):
    path = pattern_cache.cache_file()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert pattern_cache.compile_pattern(r"\d+元").match("12元")
    assert pattern_cache.save() == path
    entries = json.loads(path.read_text(encoding="utf-8"))
    key = next(iter(entries))
    entries[key][1] = [999, 999]        # a program the engine refuses
    path.write_text(json.dumps(entries), encoding="utf-8")
    pattern_cache.forget()
    assert pattern_cache.compile_pattern(r"\d+元") == re.compile(r"\d+元")
    assert pattern_cache.save() == path
    assert json.loads(path.read_text(encoding="utf-8"))[key][1] != [999, 999]


def test_no_cache_when_the_directory_is_set_empty_or_cannot_be_written(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", "")
    pattern_cache.forget()
    assert pattern_cache.cache_file() is None
    assert pattern_cache.compile_pattern("a+b") == re.compile("a+b")
    assert pattern_cache.save() is None
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(blocker / "cache"))     # under a file: cannot be made
    pattern_cache.forget()
    assert pattern_cache.compile_pattern("a+c") == re.compile("a+c")
    assert pattern_cache.save() is None
    pattern_cache.forget()


def test_the_platform_cache_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("CHECKER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert pattern_cache.cache_dir() == tmp_path / "checker"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert pattern_cache.cache_dir() == tmp_path / "local" / "checker" / "cache"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert pattern_cache.cache_dir().parts[-3:] == ("Library", "Caches", "checker")


def test_a_debug_flag_or_bytes_pattern_is_left_to_re(cache):
    assert pattern_cache.compile_pattern(rb"\d+") == re.compile(rb"\d+")
    assert pattern_cache.save() is None         # nothing remembered
    assert lazy_pattern("x").pattern == "x"


def test_the_file_keeps_a_bounded_number_of_patterns(cache, monkeypatch):
    monkeypatch.setattr(pattern_cache, "MAX_PATTERNS", 3)
    for i in range(5):
        pattern_cache.compile_pattern(f"name{i}")
    path = pattern_cache.save()
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 3


def _patterns_after_run(tmp_path, name: str, files, jobs: int) -> set[str]:
    cache_dir = tmp_path / name
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache_dir), "CHECKER_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "checker", "run", *map(str, files), "--format", "json",
                           "--jobs", str(jobs)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    files_written = list(cache_dir.glob("*.json"))
    assert len(files_written) == 1
    return set(json.loads(files_written[0].read_text(encoding="utf-8")))


def test_a_pool_s_workers_remember_what_they_compiled_as_one_process_does(seed_path, tmp_path):
    """Forked workers end without running atexit: each saves after a file instead."""
    files = [seed_path("001", "split"), seed_path("003", "stacked")]
    alone = _patterns_after_run(tmp_path, "alone", files, 1)
    pooled = _patterns_after_run(tmp_path, "pooled", files, 2)
    assert len(alone) > 150
    assert pooled == alone


def test_what_another_process_wrote_meanwhile_is_kept_within_the_bound(cache, monkeypatch):
    monkeypatch.setattr(pattern_cache, "MAX_PATTERNS", 3)
    pattern_cache.compile_pattern("mine1")
    pattern_cache.compile_pattern("mine2")
    path = pattern_cache.cache_file()
    path.parent.mkdir(parents=True)
    theirs = {"0:theirs1": [32, [1], 0, {}, [None]], "0:theirs2": [32, [1], 0, {}, [None]]}
    path.write_text(json.dumps(theirs), encoding="utf-8")      # another process saved meanwhile
    assert pattern_cache.save() == path
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert len(kept) == 3 and {"0:theirs1", "0:theirs2"} <= set(kept)
