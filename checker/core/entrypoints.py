"""The plugins' entry points, found without importing :mod:`importlib.metadata`.

``importlib.metadata`` builds a Distribution (and imports the email parser) for every installed
package to list the entry points of one group; a command that checks one workbook would pay for
that each time it starts. The installed packages' ``entry_points.txt`` are read directly instead,
in the order ``importlib.metadata.distributions()`` yields them: each ``sys.path`` entry in turn,
its ``*.dist-info`` and ``*.egg-info`` folders by name. (A package installed as a zipped egg is not
seen: pip installs none.) The distribution's metadata (name, version, for ``checker plugins``) is
read through ``importlib.metadata`` only when asked for.
"""
from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .patterns import lazy_pattern

# as importlib.metadata.EntryPoint.pattern: "module", "module:attr", "module:attr.sub [extra]"
_VALUE = lazy_pattern(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class DistributionAt:
    """The installed distribution whose metadata folder is ``path``: an ``importlib.metadata``
    Distribution built when one of its attributes (``metadata``, ``version`` …) is first read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._dist: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):         # dunders, and _dist itself before __init__ (a copy)
            raise AttributeError(name)
        if self._dist is None:
            from importlib.metadata import PathDistribution

            self._dist = PathDistribution(self.path)
        return getattr(self._dist, name)


@dataclass(frozen=True)
class EntryPoint:
    """One ``name = module:attribute`` line of a group in a distribution's entry_points.txt."""

    name: str
    value: str
    group: str
    dist: DistributionAt

    def load(self) -> Any:
        """The object the entry point names (importing its module), as importlib.metadata's
        ``EntryPoint.load``."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"入口点格式不对：{self.value}")
        obj: Any = importlib.import_module(match.group("module"))
        for attr in (match.group("attr") or "").split("."):
            if attr:
                obj = getattr(obj, attr)
        return obj


def _metadata_dirs() -> Iterator[Path]:
    for entry in sys.path:
        folder = Path(entry or ".")
        try:
            names = sorted(os.listdir(folder))
        except OSError:          # a missing folder, a zip file, a file
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")) and (folder / name).is_dir():
                yield folder / name


def parse_entry_points(text: str, dist: DistributionAt) -> Iterator[EntryPoint]:
    """The entry points of an entry_points.txt (an INI file: ``[group]`` lines, then
    ``name = value`` lines; ``#`` and ``;`` start comments)."""
    group = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
            continue
        name, sep, value = line.partition("=")
        if group is not None and sep:
            yield EntryPoint(name.strip(), value.strip(), group, dist)


def entry_points(group: str) -> list[EntryPoint]:
    """Every installed entry point of ``group``, distributions in ``sys.path`` order."""
    found: list[EntryPoint] = []
    for folder in _metadata_dirs():
        try:
            text = (folder / "entry_points.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if f"[{group}]" not in text.replace(" ", ""):
            continue
        found.extend(ep for ep in parse_entry_points(text, DistributionAt(folder)) if ep.group == group)
    return found
