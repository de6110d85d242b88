"""Python's cyclic garbage collector around checker's start-up and in batch workers.

Importing checker and its plugins makes some 100,000 objects (modules, classes, rules, templates)
that live as long as the process. Left alone, the collector walks them dozens of times while the
imports run and again in every later full collection: about 25 ms of a fresh ``checker run``'s
CPU (74 collections), 5 ms per workbook in a batch worker. The command line (:func:`hold` in
``checker.cli.main``) collects rarely while it imports, and once the plugins are loaded
(:func:`settle`) moves what the imports made out of the collector's reach (``gc.freeze``) and
restores the usual thresholds: collections are then over the objects the check makes. A batch worker
(:func:`for_worker`) also freezes what it inherited, and collects its young objects every 20,000
allocations instead of 700: a checked file's objects go by reference counting when its outcome is
sent, and scanning the young generation hundreds of times per file finds nothing to free.

Only the command line holds the collector: a process that embeds checker (Excel, a caller of
``checker.api``) keeps its own settings, and :func:`settle` changes nothing there.
"""
from __future__ import annotations

import gc

WORKER_THRESHOLD = (20_000, 20, 20)     # gc.set_threshold in a batch worker
DEFAULT_THRESHOLD = (700, 10, 10)       # CPython's own
# while the command line imports: a young generation this large is collected once or twice during
# the imports instead of dozens of times (and still collected: a command that builds no engine,
# and so never settles, keeps its memory bounded). No one else sets this value, which is how
# settle() knows the start-up held the collector.
HELD_THRESHOLD = (200_003, 10, 10)


def hold() -> None:
    """Collect rarely until :func:`settle` (the command line, while it imports)."""
    gc.set_threshold(*HELD_THRESHOLD)


def settle() -> None:
    """After a held start-up: what exists now (imports, plugins) is left out of every later
    collection, and the collector runs as usual. Nothing when the start-up did not hold it."""
    if gc.get_threshold() != HELD_THRESHOLD:
        return
    gc.freeze()
    gc.set_threshold(*DEFAULT_THRESHOLD)


def for_worker() -> None:
    """A batch worker, once its engine is built: freeze what it has, collect less often."""
    settle()
    gc.freeze()
    gc.set_threshold(*WORKER_THRESHOLD)
