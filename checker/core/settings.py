"""What a user keeps between runs, in the user data directory: saved run options.

``checker options set NAME VALUE`` saves a run option in ``options.json`` there, and every later
``checker run`` and every click on the 校验 button in Excel (which has no command line to pass
``--option``) starts from it. ``--option`` still wins for one run. Imported code lists live in
the same directory (``codes/``).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, ContextManager

from .errors import InputError

SETTINGS_FILE = "options.json"


def data_dir() -> Path:
    """The user data directory: $CHECKER_DATA_DIR, else the platform's application directory."""
    env = os.environ.get("CHECKER_DATA_DIR")
    if env:
        return Path(env)
    import click

    return Path(click.get_app_dir("checker"))


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def saved_options() -> dict[str, Any]:
    """The saved run options; {} when none were saved. A damaged file is an InputError naming it
    (never silently ignored: the user believes the saved values are in force)."""
    path = settings_path()
    if not path.is_file():
        return {}
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(str(path), f"保存的规则参数文件已损坏（{exc}）。请删除该文件后用 checker options set 重新保存。")
    if not isinstance(saved, dict):
        raise InputError(str(path), "保存的规则参数文件应为 JSON 对象（名称: 值）。请删除该文件后用 checker options set 重新保存。")
    return saved


def save_option(name: str, value: Any) -> Path:
    """Save ``name = value``; returns the file written. Read, change and write happen under a
    lock, so that ``checker options set`` run in several processes at once never loses a value."""
    with _locked():
        return _write({**saved_options(), name: value})


def remove_option(name: str) -> bool:
    """Forget a saved option; False when it was not saved."""
    with _locked():
        saved = saved_options()
        if name not in saved:
            return False
        del saved[name]
        _write(saved)
        return True


def _locked() -> ContextManager[None]:
    """An exclusive lock on ``options.json.lock`` beside the settings file (core.filelock), held
    while the file is read, changed and replaced."""
    from .filelock import locked

    path = settings_path()
    return locked(path.with_name(path.name + ".lock"))


def _write(saved: dict[str, Any]) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # written to a temporary file of its own next to the file and renamed over it, so that a
    # crash never leaves half a file and two writers never share a temporary file
    import tempfile     # only when the options are saved

    fd, tmp = tempfile.mkstemp(prefix=".options-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(saved, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
