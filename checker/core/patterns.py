"""Regular expressions compiled when first used.

A fresh ``checker run`` (and each click on the Excel button, a fresh Python too) imports every
plugin; compiling each module's patterns at import would cost every run all of them, when a
workbook needs some. Modules declare them with :func:`lazy_pattern` (re-exported by
:mod:`checker.core.text`) instead of ``re.compile``. A pattern is compiled from the program remembered for it between runs when there
is one (:mod:`checker.core.pattern_cache`).
"""
from __future__ import annotations

import re
from typing import Any, cast


class LazyPattern:
    """A regular expression compiled when it is first used, standing in for the ``re.Pattern``
    (its methods and attributes): a module's patterns then cost nothing at import, and a run
    compiles only those its workbook needs. After the first use its methods are the compiled
    pattern's own, looked up as fast."""

    _PUBLIC = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer", "scanner",
               "pattern", "flags", "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name not in self._PUBLIC:
            raise AttributeError(name)
        from .pattern_cache import compile_pattern

        compiled = compile_pattern(*self._source)
        for attr in self._PUBLIC:         # found in the instance from now on: no second call here
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        # pickled (for a worker process) as its source: the compiled methods stay behind
        return LazyPattern, self._source

    def __repr__(self) -> str:
        return f"lazy_pattern({self._source[0]!r})"


def lazy_pattern(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """``re.compile(pattern, flags)``, compiled when first used (see :class:`LazyPattern`). Not for
    a pattern compared by identity with ``match.re``, which is the compiled pattern."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
