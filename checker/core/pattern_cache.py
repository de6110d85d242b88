"""Compiled regular expressions kept between runs, as Python keeps compiled modules.

Compiling checker's patterns (``re``'s parser and code generator, written in Python) costs a fresh
``checker run`` some 40 ms of CPU: about 190 patterns, each compiled again by every new process.
What the compiler makes of a pattern is a list of integers (the regex engine's program) and its
group names; the engine itself builds a pattern from those in microseconds (``_sre.compile``,
which also checks that the program is valid). So the first process that compiles a pattern
remembers its program in a small JSON file in the user's cache directory, and later processes
build the pattern from it without compiling. The file is keyed by the interpreter (its cache tag
and the regex engine's magic number): another Python never reads it. A missing, damaged or stale
file costs nothing but the compiling it would have saved; a program that the engine refuses is
compiled as usual.

Where: ``$CHECKER_CACHE_DIR`` (empty: no cache at all), else the platform's cache directory
(``%LOCALAPPDATA%\\checker\\cache``, ``~/Library/Caches/checker``, ``$XDG_CACHE_HOME/checker`` or
``~/.cache/checker``). The file is written when the process ends (a pool's worker, which ends
without ``atexit``, after each file) and has compiled patterns the file did not have: under a
lock (:mod:`checker.core.filelock`) it is read, merged with this process's and replaced
atomically (a temporary file renamed over it), so processes running side by side lose nothing.
"""
from __future__ import annotations

import atexit
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Optional

MAX_PATTERNS = 2000         # patterns built from a document's own words must not grow the file for ever

# one process's store: what the file held when first asked, and what this process compiled anew
_store: dict[str, Any] = {}


def cache_dir() -> Optional[Path]:
    """The user's cache directory for checker, or None when $CHECKER_CACHE_DIR is set empty."""
    env = os.environ.get("CHECKER_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "checker" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "checker"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "checker"


def _engine() -> Any:
    """CPython's regex engine and compiler, or None where they are not the ones this file knows."""
    try:
        import _sre
        from re import _compiler, _parser      # type: ignore[attr-defined]
    except ImportError:     # pragma: no cover - not CPython 3.11+
        return None
    if not all(hasattr(m, a) for m, a in ((_sre, "compile"), (_sre, "MAGIC"), (_compiler, "_code"),
                                          (_parser, "parse"))):
        return None     # pragma: no cover - an interpreter whose engine differs
    return _sre, _compiler, _parser


def cache_file() -> Optional[Path]:
    """The file of this interpreter's compiled patterns, or None (no cache)."""
    folder = cache_dir()
    engine = _engine()
    if folder is None or engine is None:
        return None
    return folder / f"patterns-{sys.implementation.cache_tag}-{engine[0].MAGIC}.json"


def _programs() -> dict[str, list]:
    """pattern key → [flags, code, groups, groupindex, indexgroup], read from the file once."""
    if "programs" not in _store:
        _store["programs"], _store["new"] = {}, 0
        path = cache_file()
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                loaded = None
            if isinstance(loaded, dict):
                _store["programs"] = loaded
    programs: dict[str, list] = _store["programs"]
    return programs


def _key(pattern: str, flags: int) -> str:
    return f"{flags}:{pattern}"


def compile_pattern(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """``re.compile(pattern, flags)``, built from the program remembered for it when there is one."""
    engine = _engine()
    if engine is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    _sre, _compiler, _parser = engine
    flags = int(flags)
    programs = _programs()
    key = _key(pattern, flags)
    known = programs.get(key)
    if known is not None:
        try:
            all_flags, code, groups, groupindex, indexgroup = known
            return _sre.compile(pattern, all_flags, code, groups, groupindex, tuple(indexgroup))
        except Exception:  # noqa: BLE001 - a damaged entry: compiled as usual, and remembered anew
            del programs[key]
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Optional[str]] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = [flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup]
    compiled = _sre.compile(pattern, entry[0], code, entry[2], groupindex, tuple(indexgroup))
    if len(programs) < MAX_PATTERNS:
        programs[key] = entry
        if not _store["new"]:
            atexit.register(save)
        _store["new"] += 1
    return compiled


def save() -> Optional[Path]:
    """Write the remembered programs (with any another process wrote meanwhile) when this process
    compiled new ones; the file written, or None. Never raises: a cache that cannot be written
    is only slower."""
    path = cache_file()
    if path is None or not _store.get("new"):
        return None
    from .filelock import locked

    try:
        with locked(path.with_name(path.name + ".lock")):     # read, merge and replace: no process's lost
            _merge_into(path, _store["programs"])
    except OSError:
        return None
    _store["new"] = 0
    return path


def _merge_into(path: Path, mine: dict[str, list]) -> None:
    try:
        on_disk = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        on_disk = {}
    merged = {**(on_disk if isinstance(on_disk, dict) else {}), **mine}
    if len(merged) > MAX_PATTERNS:
        merged = dict(list(merged.items())[:MAX_PATTERNS])
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, path)


def forget() -> None:
    """Drop this process's store (read the file again when next asked; for tests)."""
    _store.clear()
