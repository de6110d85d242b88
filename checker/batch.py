"""``checker run`` over many files: each file checked by one :class:`FileChecker`, in a pool of
worker processes (``--jobs N``) or in this process (``--jobs 1``).

What the run keeps of a file is its :class:`Outcome`: the file's JSON entry (the one ``--format
json`` writes), its text block already rendered, and where its annotated copy went. The parsed
workbook is dropped as soon as the outcome is made, in the worker, so the parent's memory grows by
a rendered result per file, not by a workbook.

The pool is a few long-lived worker processes, each fed one file at a time through its own pipe,
so the parent always knows which file a worker is on: a worker that dies (a crash in a C library,
``os._exit``, the kernel's OOM killer) or takes longer than ``timeout`` seconds is killed and
replaced, and only that file is reported as failed, with one Chinese line. Workers ignore
Ctrl-C; the parent stops them and reports what finished (:meth:`Batch.done`). On Linux the
workers are forked (they inherit the engine the parent built, with its plugins loaded); elsewhere
they are spawned and build their own from the picklable :class:`RunSettings`.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from .core.config import ProjectConfig
from .core.errors import InputError, UsageError

DEFAULT_TIMEOUT = 600.0      # seconds one file may take in a worker before it is given up
ANNOTATABLE = (".xlsx", ".xlsm", ".pdf")     # what --annotate writes a marked copy of


@dataclass
class RunSettings:
    """Everything a worker needs to check a file as ``checker run`` would (all picklable)."""

    config: ProjectConfig = field(default_factory=ProjectConfig)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    opts: tuple[str, ...] = ()
    year: Optional[int] = None
    narrative: Optional[str] = None
    prior: Optional[str] = None
    template: Optional[str] = None
    recalc: bool = False
    # how the text block is rendered
    verbose: bool = False
    color: bool = False
    width: Optional[int] = None
    brief: bool = False


@dataclass
class Outcome:
    """What the run keeps of one checked file."""

    path: str
    entry: dict[str, Any]                 # the file's entry in the JSON report (report.file_entry)
    block: str                            # its text block (report.render_file)
    template_title: Optional[str] = None  # the template's Chinese name, for the reviewer's summary
    annotated: Optional[str] = None       # where its annotated copy was written
    note: Optional[str] = None            # a line for stderr (why no annotated copy, …)
    usage_error: Optional[str] = None     # a mistake of the command (--prior of the wrong year)
    output_failed: bool = False           # its annotated copy could not be written (exit status 2)


def failed(path: str, message: str, settings: RunSettings) -> Outcome:
    """The outcome of a file whose check did not finish: reported like a file that cannot be read."""
    from .core.report import FileResult, file_entry, render_file

    result = FileResult(path=path, error=f"未能校验 {path}：{message}")
    return Outcome(path, file_entry(result), render_file(result, settings.verbose, settings.color, settings.width,
                                                         settings.brief))


class FileChecker:
    """Checks files one at a time with one engine (built once) and renders each result."""

    def __init__(self, settings: RunSettings, engine: Any = None, prior_doc: Any = None) -> None:
        self.settings = settings
        if engine is None:
            from .cli import _engine

            engine = _engine(settings.config, settings.select, settings.ignore, settings.opts)
        self.engine = engine
        self.limits = engine.limits()
        self.template = settings.template or settings.config.template
        if prior_doc is None and settings.prior:
            from .core.reader import read_workbook

            prior_doc = read_workbook(Path(settings.prior), templates=engine.templates, template=self.template,
                                      limits=self.limits)
        self.prior_doc = prior_doc

    def check(self, path: str, annotate_to: Optional[str] = None) -> Outcome:
        """Check ``path`` (and write its annotated copy to ``annotate_to``); never raises for the file."""
        try:
            return self._check(Path(path), annotate_to)
        except UsageError as exc:
            return Outcome(path, {}, "", usage_error=str(exc))
        except Exception as exc:  # noqa: BLE001 - one file's failure must not end the run
            return failed(path, f"校验时出错（{type(exc).__name__}: {exc}），其余文件不受影响。请把该文件发给维护者。",
                          self.settings)

    def _check(self, path: Path, annotate_to: Optional[str]) -> Outcome:
        from .core.reader import read_workbook
        from .core.recalc import recalculated_copy
        from .core.report import FileResult, file_entry, render_file
        from .core.suffixes import PUBLISHED_SUFFIXES
        from .core.workbook import vet_path

        s = self.settings
        try:
            with contextlib.ExitStack() as stack:
                source = path
                if s.recalc and path.suffix.lower() not in PUBLISHED_SUFFIXES:    # a published file has no formulas
                    vet_path(path, self.limits)     # vetted before LibreOffice sees it, like before any reader
                    import tempfile     # --recalc only

                    work = stack.enter_context(tempfile.TemporaryDirectory(prefix="checker-recalc-"))
                    source = recalculated_copy(path, Path(work))    # removed once read
                document = read_workbook(source, Path(s.narrative) if s.narrative else None, s.year,
                                         templates=self.engine.templates, template=self.template, limits=self.limits)
            document.path = str(path)
        except InputError as exc:
            result = FileResult(path=str(path), error=str(exc))
        else:
            if self.prior_doc is not None:
                from .cli import _check_prior_year

                _check_prior_year(document, self.prior_doc, s.prior)
            result = FileResult(path=str(path), document=document, findings=self.engine.check(document, self.prior_doc))
        outcome = Outcome(str(path), file_entry(result), render_file(result, s.verbose, s.color, s.width, s.brief),
                          template_title=(result.document.template.title
                                          if result.document is not None and result.document.template else None))
        if annotate_to:
            if result.document is None:
                noun = "文件" if path.suffix.lower() in PUBLISHED_SUFFIXES else "工作簿"
                outcome.note = f"未写出标注副本 {annotate_to}：{noun}无法读取。"
            else:
                from .core.errors import CheckerError

                try:
                    self._annotate(path, Path(annotate_to), result)
                    outcome.annotated = annotate_to
                except CheckerError as exc:
                    outcome.note, outcome.output_failed = f"未写出标注副本 {annotate_to}：{exc}", True
        return outcome            # the document goes out of scope here

    def _annotate(self, path: Path, out: Path, result: Any) -> None:
        """The annotated copy: a PDF's highlighted (checker.pdfmarks), a workbook's marked (checker.excel)."""
        if path.suffix.lower() == ".pdf":
            from .pdfmarks.write import annotate_pdf

            titles = {code: rule.title for code, rule in self.engine.rules.items()}
            annotate_pdf(path, out, result.findings, result.document.places, titles, self.limits)
        else:
            from .excel.annotate import annotate_copy

            annotate_copy(path, out, result.findings, self.limits)


# ------------------------------------------------------------------ the pool

def _serve(conn, settings: RunSettings, engine: Any, prior_doc: Any) -> None:
    """A worker: check the files the parent sends, one at a time, until it sends None."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the parent's to handle
    checker = FileChecker(settings, engine, prior_doc)
    from .core.collector import for_worker

    for_worker()        # what it inherited is frozen, the young generation collected less often
    from .core.pattern_cache import save

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path, annotate_to = job
        conn.send((index, checker.check(path, annotate_to)))
        save()      # patterns it compiled for the first time (a forked worker runs no atexit); else nothing


def start_method() -> str:
    """fork on Linux (workers inherit the loaded plugins), spawn elsewhere (Windows, macOS)."""
    import multiprocessing      # only where a pool runs: one file is checked in this process

    return "fork" if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() else "spawn"


@dataclass
class _Worker:
    """One worker process of the pool, its pipe, and the file it is on."""

    process: Any
    conn: Any
    job: Optional[tuple[int, str, Optional[str]]] = None
    started: float = 0.0


class Pool:
    """``jobs`` worker processes checking files; see the module doc."""

    def __init__(self, settings: RunSettings, jobs: int, engine: Any = None, prior_doc: Any = None,
                 timeout: float = DEFAULT_TIMEOUT, method: Optional[str] = None) -> None:
        self.settings = settings
        self.jobs = jobs
        self.timeout = timeout
        import multiprocessing

        self.ctx = multiprocessing.get_context(method or start_method())
        inherit = self.ctx.get_start_method() == "fork"
        self.engine = engine if inherit else None
        self.prior_doc = prior_doc if inherit else None
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        for stream in (sys.stdout, sys.stderr):    # a forked child must not write the parent's buffer again
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.flush()
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(child, self.settings, self.engine, self.prior_doc),
                                   daemon=True, name="checker-worker")
        process.start()
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker, kill: bool = False) -> None:
        if kill:
            with contextlib.suppress(OSError, ValueError):
                worker.process.kill()
        else:
            with contextlib.suppress(OSError, ValueError, BrokenPipeError):
                worker.conn.send(None)
        worker.process.join(5)
        if worker.process.is_alive():    # pragma: no cover - a worker that ignores the request to stop
            worker.process.kill()
            worker.process.join(5)
        with contextlib.suppress(OSError):
            worker.conn.close()

    def run(self, jobs: list[tuple[int, str, Optional[str]]]) -> Iterator[tuple[int, Outcome]]:
        """Outcomes as the files finish (in completion order)."""
        from multiprocessing.connection import wait

        queue = list(reversed(jobs))
        try:
            self.workers = [self._start() for _ in range(min(self.jobs, len(jobs)))]
            while queue or any(w.job for w in self.workers):
                for w in self.workers:
                    if w.job is None and queue:
                        w.job, w.started = queue.pop(), time.monotonic()
                        try:
                            w.conn.send(w.job)
                        except (OSError, BrokenPipeError):
                            pass        # it died; found below through its sentinel
                busy = [w for w in self.workers if w.job]
                deadline = min(w.started for w in busy) + self.timeout
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout=max(0.0, deadline - time.monotonic()))
                for w in busy:
                    outcome = None
                    if w.conn in ready:
                        with contextlib.suppress(EOFError, OSError):
                            index, outcome = w.conn.recv()
                    if outcome is not None:
                        w.job = None
                        yield index, outcome
                        continue
                    index, path, _ = w.job
                    if w.process.sentinel in ready or w.conn in ready:
                        w.process.join(2)      # its pipe may close a moment before its exit status is known
                        code = w.process.exitcode
                        why = f"校验进程意外退出（退出码 {code}），其余文件不受影响。请把该文件发给维护者。"
                    elif time.monotonic() - w.started >= self.timeout:
                        why = f"校验超过 {self.timeout:g} 秒仍未完成，已停止。可用 --timeout 放宽，或把该文件发给维护者。"
                    else:
                        continue
                    self._stop(w, kill=True)
                    w.job = None
                    if queue:
                        self.workers[self.workers.index(w)] = self._start()     # a fresh worker in its place
                    yield index, failed(path, why, self.settings)
        finally:
            for w in self.workers:
                self._stop(w, kill=bool(w.job))
            self.workers = []


def in_order(results: Iterator[tuple[int, Outcome]], total: int,
             progress: Optional[Callable[[int, int], None]] = None) -> Iterator[Outcome]:
    """``results`` (index, outcome) in any order, yielded in input order as soon as each is due;
    ``progress(done, total)`` after every file that finishes."""
    waiting: dict[int, Outcome] = {}
    due = done = 0
    for index, outcome in results:
        waiting[index] = outcome
        done += 1
        if progress is not None:
            progress(done, total)
        while due in waiting:
            yield waiting.pop(due)
            due += 1


class Batch:
    """Checking ``paths`` with ``jobs`` processes (1: in this process); :meth:`outcomes` yields them
    in input order. After Ctrl-C, :attr:`finished` still holds every file that was done (those not
    yet due in the order included): close the generator to stop the workers."""

    def __init__(self, paths: list[str], settings: RunSettings, jobs: int,
                 annotate: Optional[list[Optional[str]]] = None, engine: Any = None, prior_doc: Any = None,
                 timeout: float = DEFAULT_TIMEOUT, method: Optional[str] = None) -> None:
        self.paths = paths
        self.settings = settings
        self.jobs = jobs
        self.annotate = annotate or [None] * len(paths)
        self.engine = engine
        self.prior_doc = prior_doc
        self.timeout = timeout
        self.method = method
        self.finished: dict[int, Outcome] = {}

    def _results(self) -> Iterator[tuple[int, Outcome]]:
        todo = [(i, p, a) for i, (p, a) in enumerate(zip(self.paths, self.annotate))]
        if self.jobs <= 1 or len(todo) <= 1:
            checker = FileChecker(self.settings, self.engine, self.prior_doc)
            if len(todo) > 1:       # this process is the one worker (--jobs 1): the same collector settings
                from .core.collector import for_worker

                for_worker()
            source: Iterator[tuple[int, Outcome]] = ((i, checker.check(p, a)) for i, p, a in todo)
        else:
            source = Pool(self.settings, self.jobs, self.engine, self.prior_doc, self.timeout, self.method).run(todo)
        for index, outcome in source:
            self.finished[index] = outcome
            yield index, outcome

    def outcomes(self, progress: Optional[Callable[[int, int], None]] = None) -> Iterator[Outcome]:
        return in_order(self._results(), len(self.paths), progress)

    def done(self) -> list[Outcome]:
        """The files finished so far, in input order."""
        return [self.finished[i] for i in sorted(self.finished)]


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):     # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------ progress and annotated copies

class Progress:
    """``[#####-----] 12/60`` on stderr, redrawn in place; only for a terminal (see :func:`wanted`)."""

    def __init__(self, stream, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.shown = False
        self.line = ""

    @staticmethod
    def wanted(stdout, stderr, files: int) -> bool:
        """On a terminal only: both streams are TTYs (never in a pipe, a file or CI logs)."""
        try:
            return files > 1 and stdout.isatty() and stderr.isatty()
        except (AttributeError, ValueError):
            return False

    def update(self, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        self.line = f"校验进度 [{'#' * filled}{'-' * (self.width - filled)}] {done}/{total}"
        self.draw()

    def draw(self) -> None:
        if self.line:
            self.stream.write("\r" + self.line)
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        """Wipe the bar before other output goes to the terminal (redrawn with :meth:`draw`)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def annotation_targets(files: list[Path], folder: Path) -> list[Optional[Path]]:
    """Where ``--annotate FOLDER`` writes each file's annotated copy: ``FOLDER/<input's name>``,
    ``名称(2).xlsx`` … when two inputs share a name; None for a file that cannot be annotated
    (.xls, .docx). Never an input: checked by the caller with outputs.check_output."""
    taken: set[str] = set()
    inputs = {f.resolve() for f in files}
    out: list[Optional[Path]] = []
    for f in files:
        if f.suffix.lower() not in ANNOTATABLE:
            out.append(None)
            continue
        name, n = f.name, 1
        while name.lower() in taken or (folder / name).resolve() in inputs:
            n += 1
            name = f"{f.stem}({n}){f.suffix}"
        taken.add(name.lower())
        out.append(folder / name)
    return out
