"""An offline installation bundle: ``checker excel addin DIR --offline``.

Finance offices often have no internet on the PC that has Excel. The bundle is made on a PC that
has, and copied over: the add-ins (:mod:`checker.excel.addin`), ``wheels/`` with checker's own
wheel and a wheel of every package it needs, and ``安装.bat``, which makes a virtual environment,
installs from ``wheels/`` with ``pip --no-index`` and writes the interpreter into myaddin.conf
(:mod:`checker.excel.conf`).

The dependency wheels are fetched with ``pip download --platform win_amd64 --python-version 3.X``
for CPython 3.10–3.13. pip evaluates environment markers for the machine it runs on, not for the
``--platform`` it is given, so on Linux it leaves out what only Windows needs (xlwings' pywin32,
click's colorama). The bundle is therefore closed by hand: every wheel's METADATA
``Requires-Dist`` is evaluated with :mod:`packaging.markers` in a Windows environment, and whatever
no wheel in the bundle satisfies is downloaded by name, until nothing is missing.
"""
from __future__ import annotations

import email.parser
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags, sys_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from ..core.errors import CheckerError

DIST_NAME = "budget-disclosure-checker"      # checker's distribution name (setup.cfg)
WHEELS = "wheels"
INSTALL_BAT = "安装.bat"
WINDOWS_PYTHONS = ((3, 10), (3, 11), (3, 12), (3, 13))


class BundleError(CheckerError):
    """The bundle could not be made (exit status 2)."""


@dataclass(frozen=True)
class Target:
    """A Python a bundle is for: a version on a platform (``None``: the Python running this)."""

    python: tuple[int, int]
    platform: Optional[str] = None

    @property
    def label(self) -> str:
        return f"CPython {self.python[0]}.{self.python[1]} {self.platform or '本机'}"

    def environment(self) -> dict[str, str]:
        """Marker variables as that Python would see them."""
        if self.platform is None:
            return dict(default_environment())
        version = f"{self.python[0]}.{self.python[1]}"
        env = {"python_version": version, "python_full_version": f"{version}.0", "implementation_name": "cpython",
               "implementation_version": f"{version}.0", "platform_python_implementation": "CPython", "extra": ""}
        if self.platform.startswith("win"):
            env.update(os_name="nt", sys_platform="win32", platform_system="Windows", platform_release="10",
                       platform_version="10.0.19045", platform_machine="AMD64" if "amd64" in self.platform else "x86")
        else:
            env.update(os_name="posix", sys_platform="linux", platform_system="Linux", platform_release="",
                       platform_version="", platform_machine=self.platform.rsplit("_", 1)[-1])
        return env

    def tags(self) -> set[Tag]:
        if self.platform is None:
            return set(sys_tags())
        return set(cpython_tags(self.python, platforms=[self.platform])) | set(
            compatible_tags(self.python, platforms=[self.platform]))

    def pip_args(self) -> list[str]:
        if self.platform is None:
            return []
        return ["--platform", self.platform, "--python-version", f"{self.python[0]}.{self.python[1]}",
                "--implementation", "cp"]


def windows_targets() -> list[Target]:
    return [Target(v, "win_amd64") for v in WINDOWS_PYTHONS]


def native_target() -> Target:
    return Target(sys.version_info[:2], None)


# ------------------------------------------------------------------ wheels and what they require

@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str           # canonical
    version: str
    tags: frozenset

    def requires(self) -> list[Requirement]:
        with zipfile.ZipFile(self.path) as zf:
            meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
            message = email.parser.Parser().parsestr(zf.read(meta).decode("utf-8"))
        return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def wheels_in(folder: Path) -> list[Wheel]:
    out = []
    for path in sorted(folder.glob("*.whl")):
        name, version, _, tags = parse_wheel_filename(path.name)
        out.append(Wheel(path, canonicalize_name(name), str(version), frozenset(tags)))
    return out


def missing(folder: Path, target: Target, roots: Iterable[str] = (DIST_NAME,)) -> list[Requirement]:
    """The requirements (from ``roots`` down, markers evaluated for ``target``) that no wheel in
    ``folder`` for ``target`` satisfies."""
    tags = target.tags()
    usable = [w for w in wheels_in(folder) if w.tags & tags]
    env = target.environment()
    wanted = [Requirement(r) for r in roots]
    seen: set[str] = set()
    out: list[Requirement] = []
    while wanted:
        req = wanted.pop()
        if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
            continue
        name = canonicalize_name(req.name)
        found = [w for w in usable if w.name == name and req.specifier.contains(w.version, prereleases=True)]
        if not found:
            out.append(req)
            continue
        if name in seen:
            continue
        seen.add(name)
        for wheel in found[-1:]:
            wanted.extend(wheel.requires())
    return out


# ------------------------------------------------------------------ building

def _pip(args: list[str]) -> None:
    cmd = [sys.executable, "-m", "pip", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise BundleError("pip 没有完成（" + " ".join(cmd[3:6]) + " …）：" + " / ".join(tail)
                          + "。制作离线安装包需要能访问 PyPI 的网络。")


def source_tree() -> Optional[Path]:
    """The checkout checker runs from (``pip install .`` / ``-e .``), if it is one."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "setup.cfg").is_file() and (root / "pyproject.toml").is_file() else None


def checker_wheel(folder: Path, wheel: Optional[Path] = None) -> Path:
    """checker's own wheel in ``folder``: the one given, else built from the source tree."""
    if wheel is not None:
        if not wheel.is_file():
            raise BundleError(f"找不到 {wheel}。")
        target = folder / wheel.name
        if wheel.resolve() != target.resolve():
            shutil.copyfile(wheel, target)
        return target
    root = source_tree()
    if root is None:
        raise BundleError("找不到 checker 的源码目录，无法生成 checker 的 wheel。请在源码目录中运行 pip install . 后重试，"
                          "或用 --wheel 指定由 pip wheel . -w dist 生成的 budget_disclosure_checker-*.whl。")
    # built from a clean copy: an in-tree build would leave build/ behind, whose stale modules
    # could slip into a later wheel
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "src"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(
            ".git", "build", "dist", "*.egg-info", "__pycache__", ".venv", ".pytest_cache", "tests", "benchmarks"))
        _pip(["wheel", "--no-deps", "-q", "-w", str(folder), str(copy)])
    ours = [p for p in folder.glob("*.whl") if canonicalize_name(parse_wheel_filename(p.name)[0]) == DIST_NAME]
    if not ours:     # pragma: no cover - pip said it succeeded
        raise BundleError("pip wheel 没有生成 checker 的 wheel。")
    return max(ours, key=lambda p: p.stat().st_mtime)


def download(folder: Path, targets: Iterable[Target], log=lambda text: None) -> None:
    """Fill ``folder`` with a wheel of every requirement for every target (see the module doc)."""
    for target in targets:
        log(f"下载 {target.label} 的依赖 …")
        _pip(["download", "-q", "--only-binary=:all:", *target.pip_args(), "--find-links", str(folder),
              "-d", str(folder), DIST_NAME])
        for _ in range(10):        # the chain of marker-only requirements is short (pywin32, colorama)
            need = missing(folder, target)
            if not need:
                break
            _pip(["download", "-q", "--only-binary=:all:", "--no-deps", *target.pip_args(), "--find-links",
                  str(folder), "-d", str(folder), *sorted({str(Requirement(f"{r.name}{r.specifier}")) for r in need})])
        else:    # pragma: no cover
            raise BundleError(f"{target.label}：依赖 {'、'.join(map(str, need))} 无法下载。")
        need = missing(folder, target)
        if need:
            raise BundleError(f"{target.label}：依赖 {'、'.join(map(str, need))} 没有可用的 wheel。")


def write_install_bat(directory: Path) -> Path:
    """安装.bat, UTF-8 with ``chcp 65001`` (Windows 10+ prints its Chinese), CRLF line ends."""
    from .addin import DATA

    path = directory / INSTALL_BAT
    text = (DATA / "install.bat").read_text(encoding="utf-8")
    path.write_text(text.replace("\r\n", "\n").replace("\n", "\r\n"), encoding="utf-8", newline="")
    return path


def write_bundle(directory: Path, targets: Optional[list[Target]] = None, wheel: Optional[Path] = None,
                 log=lambda text: None) -> list[Path]:
    """The add-ins, ``wheels/`` and 安装.bat in ``directory``; returns the files written."""
    from .addin import write_addin

    written = write_addin(directory)
    folder = Path(directory) / WHEELS
    folder.mkdir(exist_ok=True)
    log("生成 checker 的 wheel …")
    checker_wheel(folder, wheel)
    download(folder, targets if targets is not None else windows_targets(), log)
    return written + [write_install_bat(Path(directory)), folder]
