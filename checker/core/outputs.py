"""Where checker writes: refused up front when it would touch an input, and written atomically.

Every output path (``-o``/``--output``, ``--annotate``, ``rules -o``) is checked by
:func:`check_output` before any work is done: it must not be one of the run's inputs (the same file
through a link or a path spelled differently counts: compared with :func:`os.path.samefile` and
resolved paths), must not be a read-only file or something other than a regular file, and its
directory must exist and be writable. :func:`atomic_write` then writes beside it under a name
starting with :data:`TEMP_PREFIX` (which ``checker run DIR`` skips), gives the file the permission
bits it should have (those of the file it replaces, or of the input it is a copy of — never
``mkstemp``'s 0600), and moves it into place; on failure, Ctrl+C or SIGTERM the temporary file is
removed.
"""
from __future__ import annotations

import contextlib
import os
import signal
import stat
import threading
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .errors import CheckerError

TEMP_PREFIX = ".checker-tmp-"


class OutputError(CheckerError):
    """An output path that must not or cannot be written (exit status 2)."""


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists() and os.path.samefile(a, b):
            return True
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return os.path.abspath(a) == os.path.abspath(b)


def check_output(path: Path, inputs: Iterable[Path], flag: str) -> None:
    """Refuse ``path`` (given with option ``flag``) when writing it would overwrite an input or
    cannot succeed; one Chinese line naming it and what to do."""
    path = Path(path)
    for source in inputs:
        if _same(path, Path(source)):
            raise OutputError(f"{flag} {path} 与输入文件 {source} 是同一个文件，写出会覆盖它。请为 {flag} 另选一个文件名。")
    if path.is_dir():
        raise OutputError(f"{flag} {path} 是一个文件夹，请给出要写入的文件名。")
    if os.path.lexists(path):
        try:
            st = os.stat(path)
        except OSError as exc:
            raise OutputError(f"{flag} {path} 无法访问（{exc.strerror or exc}），请另选一个文件名。") from None
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{flag} {path} 不是普通文件（设备、管道等），不能写入。请另选一个文件名。")
        if not os.access(path, os.W_OK) or not (st.st_mode & stat.S_IWUSR):
            raise OutputError(f"{flag} {path} 是只读文件，不能覆盖。请另选一个文件名，或先取消该文件的只读属性。")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{flag} {path} 所在的文件夹 {parent} 不存在。请先创建该文件夹，或另选保存位置。")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{flag} {path} 所在的文件夹 {parent} 没有写入权限。请另选保存位置。")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def target_mode(out: Path, like: Optional[Path] = None) -> int:
    """Permission bits for the file written at ``out``: those of ``like`` (the input it copies),
    else of the file it replaces, else what a new file gets under the umask."""
    for candidate in (like, out):
        if candidate is not None:
            try:
                return stat.S_IMODE(os.stat(candidate).st_mode)
            except OSError:
                continue
    return _default_mode()


class _Terminated(KeyboardInterrupt):
    """SIGTERM during a write, raised as an interrupt so that the temporary file is removed."""


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        raise _Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):   # not settable here (embedded interpreter)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def atomic_write(out: Path, like: Optional[Path] = None) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; when the block ends normally it is moved onto
    ``out`` with :func:`target_mode`'s permission bits. On any exception — Ctrl+C and SIGTERM
    included — it is removed and ``out`` is left as it was."""
    out = Path(out)
    mode = target_mode(out, like)
    with _sigterm_as_interrupt():
        import tempfile     # only when an output is written

        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=out.suffix, dir=out.parent if str(out.parent) else ".")
        os.close(fd)
        tmp = Path(name)
        try:
            yield tmp
            os.chmod(tmp, mode)
            os.replace(tmp, out)
        except OSError as exc:
            raise OutputError(f"无法写入 {out}（{exc.strerror or exc}），请确认文件未在其他程序中打开且有写入权限。") from None
        finally:
            with contextlib.suppress(OSError):
                if tmp.exists():
                    tmp.unlink()


def write_text(out: Path, text: str) -> None:
    """Write a report atomically (UTF-8)."""
    with atomic_write(Path(out)) as tmp:
        tmp.write_text(text, encoding="utf-8")


def is_temp_file(path: Path) -> bool:
    """One of checker's own temporary files (or an older version's ``.checker-`` ones)."""
    return path.name.startswith(TEMP_PREFIX) or path.name.startswith(".checker-")
