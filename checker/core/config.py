"""The project configuration file, ``checker.toml``, found next to the workbooks or above them.

A finance bureau keeps the settings of one batch of submissions with the submissions: which rules
to run, their options, the template. ``checker run`` looks for ``checker.toml`` in the folder of
the first workbook given (or the folder given) and then in each folder above it, and uses the
first it finds — the way ruff finds ``ruff.toml``::

    select = ["A", "C"]            # or "A,C"
    ignore = ["C012"]
    template = "xinjiang"

    [options]
    large_change_percent = 20

Where a value comes from, weakest first: the plugin's default, ``checker options set`` (saved),
``checker.toml`` (file), the command line. ``--select``/``--ignore`` given on the command line
replace the file's. A key the file should not have, or a value of the wrong type, is refused with
the file's path (never silently ignored).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from .errors import UsageError

CONFIG_NAME = "checker.toml"
KEYS = ("select", "ignore", "options", "template")


@dataclass
class ProjectConfig:
    """A project's checker.toml: the settings a run starts from (the command line wins)."""

    path: Optional[Path] = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    template: Optional[str] = None


def find_config(paths: Iterable[Path]) -> Optional[Path]:
    """The checker.toml for a run over ``paths``: from the first one's folder upwards."""
    for p in paths:
        start = Path(p).resolve()
        folder = start if start.is_dir() else start.parent
        for directory in (folder, *folder.parents):
            candidate = directory / CONFIG_NAME
            if candidate.is_file():
                return candidate
        return None
    return None


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:    # pragma: no cover - Python 3.10 (tomli is a dependency there)
        import tomli as tomllib
    return tomllib


def _codes(value: Any, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for item in value for v in item.split(",") if v.strip()]
    raise UsageError(f"{path} 中的 {key} 应为规则编码的列表（如 {key} = [\"A\", \"C012\"]）或逗号分隔的文字。")


def read_config(path: Path) -> ProjectConfig:
    """Parse ``path`` (UsageError naming it when it is not valid TOML or has unknown keys)."""
    try:
        data = _toml().loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"无法读取配置文件 {path}（{exc}）。")
    except ValueError as exc:           # tomllib.TOMLDecodeError
        raise UsageError(f"配置文件 {path} 不是有效的 TOML：{exc}。")
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], KEYS, n=1)
        hint = f"是不是要写 {close[0]}？" if close else ""
        raise UsageError(f"配置文件 {path} 中有不认识的设置 {'、'.join(unknown)}。{hint}可用的设置：{'、'.join(KEYS)}。")
    options = data.get("options", {})
    if not isinstance(options, dict):
        raise UsageError(f"配置文件 {path} 中的 options 应为一个表（[options] 下每行 名称 = 值）。")
    template = data.get("template")
    if template is not None and not isinstance(template, str):
        raise UsageError(f"配置文件 {path} 中的 template 应为文字（如 template = \"xinjiang\"）。")
    return ProjectConfig(path=path, select=_codes(data.get("select", []), "select", path),
                         ignore=_codes(data.get("ignore", []), "ignore", path), options=dict(options),
                         template=template)


def load_config(paths: Iterable[Path], explicit: Optional[Path] = None, disabled: bool = False) -> ProjectConfig:
    """The configuration for a run: ``explicit`` (--config), else the one found; none when
    ``disabled`` (--no-config) or when there is none."""
    if disabled:
        return ProjectConfig()
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"找不到配置文件 {explicit}。")
        return read_config(explicit)
    found = find_config(paths)
    return read_config(found) if found is not None else ProjectConfig()
