"""Plugin code run with a time limit, and stopped when it overruns.

Every call of a plugin's code (its import, each hook implementation) runs in a worker thread of
its own. When the limit passes, :class:`PluginStopped` is raised inside that thread
(``PyThreadState_SetAsyncExc``, on every OS CPython runs on, Windows included): Python code —
a loop, a loop around ``time.sleep`` — stops at its next bytecode. Code blocked inside one C call
(a long ``time.sleep``, a lock, a C extension's loop) would see the exception only when that call
returns, and a plugin that catches ``BaseException`` may swallow it; after a grace time the stop is
taken back and the call given up as *abandoned*, reported so, and left to finish on its own.

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

import functools
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Optional

# How long a stopped call may take to unwind before it is given up (seconds).
STOP_GRACE = 1.0
_POLL = 0.05            # how often a waiting caller looks again (and re-raises in an overrun call)
_HANDOFF = 0.0002       # how often an ended call looks whether its caller has let it go
_TICK = 0.005           # how often a stopping caller looks whether its stop has arrived


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
    """Runs ``func(*args)`` once and keeps what came of it.

    The caller raises PluginStopped in it (:meth:`stop`) only while the call is under way, and
    only once at a time: the next only after this one has arrived (``pending`` back to False).
    The thread does not leave ``run`` — into threading's own code, which holds locks an exception
    must not cross — before the caller has said it raises no more (``released``) and no stop is
    still on its way; every stop lands inside the ``try`` below."""

    def __init__(self, name: str, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__(name=name, daemon=True)
        self._func, self._args = func, args
        self.outcome = Outcome()
        # plain attributes only between the two threads: no lock an exception could leave held
        self.running = True
        self.pending = False            # a stop raised that has not arrived yet
        self.released = False
        self.ended = threading.Event()
        # time spent waiting for hooks it called itself (bounded and charged on their own)
        self.paused = 0.0
        self.nested_since: Optional[float] = None

    def run(self) -> None:
        started = signalled = False
        while True:     # every statement inside the try: a stop arriving late lands in it
            try:
                if not started:
                    started = True
                    try:
                        self.outcome.value = self._func(*self._args)
                    except PluginStopped:
                        self.pending = False    # the caller knows it stopped the call
                    except BaseException as exc:  # noqa: BLE001 - the caller reports whatever it is
                        self.outcome.error = exc
                self._func = self._args = None      # drop the references (the document) at once
                self.running = False
                if not signalled:
                    signalled = True
                    self.ended.set()
                while self.pending or not self.released:
                    time.sleep(_HANDOFF)
                return
            except PluginStopped:
                self.pending = False

    def stop(self) -> None:
        if self.running and not self.pending:
            self.pending = True
            _async_raise(self.ident, PluginStopped)


@functools.lru_cache(maxsize=1)
def _set_async() -> Any:
    """CPython's PyThreadState_SetAsyncExc(thread id, exception or NULL); None elsewhere. Looked up
    (and ctypes imported) only when a call has to be stopped: most runs never stop one."""
    import ctypes

    return getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)


def _async_raise(ident: Optional[int], exc: type) -> None:
    """Raise ``exc`` in the thread ``ident`` at its next bytecode."""
    import ctypes

    set_async = _set_async()
    if set_async is not None and ident is not None:
        set_async(ctypes.c_ulong(ident), ctypes.py_object(exc))


def call_bounded(func: Callable[..., Any], args: tuple[Any, ...], *, name: str, limit: float,
                 grace: float = STOP_GRACE) -> Outcome:
    """Call ``func(*args)`` in a worker thread called ``name``; stop it after ``limit`` seconds.

    Returns the outcome: its value or exception, or ``timed_out`` (stopped), ``abandoned`` (still
    running after ``grace`` more seconds) or ``busy`` (not started: an abandoned call of that name
    still runs). A hook called from inside another plugin's bounded call is timed on its own: the
    caller's clock stops meanwhile."""
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
    given_up = False
    try:
        _wait(worker, start, limit)
        if not worker.running:
            return worker.outcome
        if _stop(worker, grace):
            return Outcome(timed_out=True)
        given_up = True         # it runs on until its C call, and then the plugin, returns
        worker.name = abandoned_name(name)
        return Outcome(timed_out=True, abandoned=True)
    finally:
        if worker.running and not given_up:
            worker.stop()       # the caller itself interrupted (Ctrl+C)
        worker.released = True  # no stop is raised after this
        if not worker.running:
            worker.join()


def _wait(worker: _Worker, start: float, limit: float) -> None:
    # in short waits, so that an interrupted caller (Ctrl+C) sees it soon; the time the worker
    # waits for hooks it calls itself is not counted
    while worker.running:
        if worker.nested_since is None and time.monotonic() >= start + limit + worker.paused:
            return
        worker.ended.wait(_POLL)


class _Settled(BaseException):
    """Received by the stopping thread itself, to settle CPython's flag (see :func:`_stop`)."""


def _stop(worker: _Worker, grace: float) -> bool:
    """Stop the overrunning call: PluginStopped raised in it, once more each time one has arrived
    (a plugin may catch one), for ``grace`` seconds. True when it ended; False when it still runs
    (stuck in one C call), its stop then taken back.

    From the first stop until the last has arrived or been taken back, this thread calls no Python
    function, only C: while an asynchronous exception is pending for any thread, CPython 3.11 keeps
    every thread's eval breaker set, and a thread being traced (coverage, a debugger) then loops at
    the entry of each Python function it calls. A stop taken back leaves the flag set until some
    thread receives one: this thread then receives one itself, in a loop that makes no call."""
    import ctypes

    _SET_ASYNC = _set_async()
    if _SET_ASYNC is None:          # pragma: no cover - not CPython: an overrunning call is abandoned
        return False
    target, stop = ctypes.c_ulong(worker.ident or 0), ctypes.py_object(PluginStopped)
    end = time.monotonic() + grace
    while worker.running and time.monotonic() < end:
        if not worker.pending:
            worker.pending = True
            _SET_ASYNC(target, stop)
        time.sleep(_TICK)
    if not worker.running:
        return True
    _SET_ASYNC(target, None)        # taken back
    worker.pending = False
    own = ctypes.c_ulong(threading.get_ident())
    try:
        _SET_ASYNC(own, ctypes.py_object(_Settled))     # arrives on return, or in the loop
        while True:
            pass
    except _Settled:
        pass
    return not worker.running
