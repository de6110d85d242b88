"""Working out something about a document once, however often the checks ask.

A check that looks a name up in a table per narrative mention must not rebuild the table's index
(and normalise every row's name again) per mention: that makes the cost grow with the square of the
rows. :func:`per_object` memoises a function of one object — a table, a side, a document — for as
long as that object lives. The document is not modified (plugins must not): the memo is kept beside
it, keyed by identity, and dropped when the object is collected.
"""
from __future__ import annotations

import functools
import weakref
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def per_object(fn: Callable[[T], R]) -> Callable[[T], R]:
    """``fn(obj)`` computed once per live ``obj`` (by identity; ``obj`` must take weak references).

    The answer must depend on ``obj`` alone, and ``obj`` must not change after the first call:
    documents are complete when the checks see them."""
    memo: dict[int, tuple[weakref.ref, R]] = {}

    @functools.wraps(fn)
    def wrapper(obj: T) -> R:
        ident = id(obj)
        hit = memo.get(ident)
        if hit is not None and hit[0]() is obj:
            return hit[1]
        value = fn(obj)
        memo[ident] = (weakref.ref(obj, lambda _ref, ident=ident: memo.pop(ident, None)), value)
        return value

    wrapper.memo = memo  # type: ignore[attr-defined]
    return wrapper
