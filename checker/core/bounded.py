"""Plugin code run with a time limit, and stopped when it overruns.

Every call of a plugin's code (its import, each hook implementation) runs in a worker thread of
its own. When the limit passes, :class:`PluginStopped` is raised inside that thread
(``PyThreadState_SetAsyncExc``, on every OS CPython runs on, Windows included): Python code —
a loop, a loop around ``time.sleep`` — stops at its next bytecode. Code blocked inside one C call
(a long ``time.sleep``, a lock, a C extension's loop) sees the exception only when that call
returns; after a grace time it is given up as *abandoned* and reported so.

An abandoned call's thread is named after the plugin and the hook (:func:`abandoned_name`): while
it still runs, the same hook of the same plugin is not started again (``busy``), so a long-lived
process such as Excel's holds at most one such thread per plugin and hook, however often it checks.

Why threads and not a worker process: a process per run costs an interpreter start and the
import of checker and every plugin (several times checker's own start-up, which is being cut),
plus pickling the document and its context both ways, and plugins that call hooks themselves
would need the plugin manager in the worker too. Only code stuck inside a C call escapes a
thread; it is reported and never waited for.
"""
from __future__ import annotations

import ctypes
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Optional

# How long a stopped call may take to unwind before it is given up (seconds).
STOP_GRACE = 1.0
_POLL = 0.05            # how often a waiting caller looks again (and re-raises in an overrun call)


class PluginStopped(BaseException):
    """Raised inside a plugin's thread when its time is up. A BaseException, so that a plugin's
    ``except Exception`` does not swallow it."""


@dataclass
class Outcome:
    """How one bounded call ended: its value, the exception it raised, or that it overran."""
    value: Any = None
    error: Optional[BaseException] = None
    timed_out: bool = False     # ran past the limit (then stopped, or abandoned)
    abandoned: bool = False     # still running after the grace time: stuck outside Python code
    busy: bool = False          # not started: an abandoned earlier call of the same hook still runs


def thread_name(plugin: str, hook: str) -> str:
    return f"checker-plugin:{plugin}:{hook}"


def abandoned_name(name: str) -> str:
    """What the thread of an abandoned call is renamed to (calls of the same hook running side by
    side, as in checks run in parallel threads, are no reason not to start one)."""
    return f"{name}:abandoned"


def still_running(name: str) -> bool:
    """Is an abandoned earlier call of that name still alive?"""
    return any(t.name == abandoned_name(name) and t.is_alive() for t in threading.enumerate())


class _Worker(threading.Thread):
    """Runs ``func(*args)`` once and keeps what came of it. ``stop`` raises PluginStopped in it
    only while the call is still under way: once the call has ended, nothing is raised any more
    and any exception still pending is cleared, so none can surface in threading's own code."""

    def __init__(self, name: str, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__(name=name, daemon=True)
        self._func, self._args = func, args
        self._guard = threading.Lock()
        self._done = False
        self.outcome = Outcome()
        # time spent waiting for hooks it called itself (bounded and charged on their own)
        self.paused = 0.0
        self.nested_since: Optional[float] = None

    def run(self) -> None:
        started = False
        while True:     # every statement inside the try: a late PluginStopped lands in it
            try:
                if not started:
                    started = True
                    try:
                        self.outcome.value = self._func(*self._args)
                    except PluginStopped:
                        pass            # the caller knows it stopped the call
                    except BaseException as exc:  # noqa: BLE001 - the caller reports whatever it is
                        self.outcome.error = exc
                with self._guard:
                    self._done = True
                    self._func = self._args = None      # drop the references (the document) at once
                    _async_raise(self.ident, None)
                return
            except PluginStopped:       # raised just as the call ended: it has ended
                continue

    def stop(self) -> None:
        with self._guard:
            if not self._done:
                _async_raise(self.ident, PluginStopped)


def _async_raise(ident: Optional[int], exc: Optional[type]) -> None:
    """Raise ``exc`` in the thread ``ident`` at its next bytecode (None: clear a pending one)."""
    if ident is None:
        return
    try:
        set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except AttributeError:      # pragma: no cover - not CPython: overrunning calls are abandoned
        return
    set_async(ctypes.c_ulong(ident), ctypes.py_object(exc) if exc is not None else None)


def call_bounded(func: Callable[..., Any], args: tuple[Any, ...], *, name: str, limit: float,
                 grace: float = STOP_GRACE) -> Outcome:
    """Call ``func(*args)`` in a worker thread called ``name``; stop it after ``limit`` seconds.

    Returns the outcome: its value or exception, or ``timed_out`` (stopped), ``abandoned`` (still
    running after ``grace`` more seconds) or ``busy`` (not started: an abandoned call of that name
    still runs). A hook called from inside another plugin's bounded call is timed on its own: the
    caller's clock stops meanwhile; if the caller itself is stopped while waiting, so is the call."""
    if still_running(name):
        return Outcome(busy=True)
    caller = threading.current_thread()
    outer = caller if isinstance(caller, _Worker) and caller.nested_since is None else None
    if outer is not None:       # the caller's own clock stops while this call runs
        outer.nested_since = time.monotonic()
    try:
        return _run(name, func, args, limit, grace)
    finally:
        if outer is not None and outer.nested_since is not None:
            outer.paused += time.monotonic() - outer.nested_since
            outer.nested_since = None


def _run(name: str, func: Callable[..., Any], args: tuple[Any, ...], limit: float, grace: float) -> Outcome:
    worker = _Worker(name, func, args)
    start = time.monotonic()
    worker.start()
    try:
        _wait(worker, start, limit)
        if not worker.is_alive():
            return worker.outcome
        end = time.monotonic() + grace
        while worker.is_alive() and time.monotonic() < end:
            worker.stop()       # again each round: a plugin may catch one and carry on
            worker.join(_POLL)
    finally:
        if worker.is_alive():
            worker.stop()
    abandoned = worker.is_alive()
    if abandoned:
        worker.name = abandoned_name(name)
    return Outcome(timed_out=True, abandoned=abandoned)


def _wait(worker: _Worker, start: float, limit: float) -> None:
    # in short joins, so that a waiting caller stopped from outside sees its own PluginStopped;
    # the time the worker waits for hooks it calls itself is not counted
    while worker.is_alive():
        if worker.nested_since is None and time.monotonic() >= start + limit + worker.paused:
            return
        worker.join(_POLL)
