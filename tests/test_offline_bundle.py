"""``checker excel addin DIR --offline``: a bundle that installs without internet.

Built for real, once per module (pip download from PyPI; skipped with the reason when PyPI cannot
be reached): the Windows bundle must hold a win_amd64 wheel for every requirement of every package
in it, markers evaluated for Windows (pywin32 is one pip leaves out when it runs on Linux), and
resolve with pip's --no-index --platform --only-binary; the same bundle made for this machine
installs into a fresh venv without an index and checks the example workbook.
"""
from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from checker.excel.conf import set_interpreter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = next((ROOT / "examples").glob("*.xlsx"))
CHECKER = Path(sys.executable).with_name("checker")
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


def _clean_env(**extra) -> dict[str, str]:
    """pip with no configuration: no extra index, no find-links of this machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def _pypi_reachable() -> bool:
    try:
        urllib.request.urlopen("https://pypi.org/simple/pluggy/", timeout=15).close()
        return True
    except OSError:
        return False


def _build(directory: Path, *extra: str) -> subprocess.CompletedProcess:
    if not _pypi_reachable():
        pytest.skip("PyPI 不可访问：制作离线安装包需要 pip download")
    result = subprocess.run([str(CHECKER), "excel", "addin", str(directory), "--offline", *extra],
                            capture_output=True, text=True, encoding="utf-8", timeout=1200)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def win_bundle(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("bundle") / "预算校验加载项"
    result = _build(directory)
    assert "离线安装包：wheels/ 中" in result.stdout and "安装.bat" in result.stdout
    return directory


@pytest.fixture(scope="module")
def native_bundle(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("bundle-native") / "addin"
    _build(directory, "--platform", "native")
    return directory


def _windows_env(version: str) -> dict[str, str]:
    return {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64",
            "platform_release": "10", "platform_version": "10.0.19045", "python_version": version,
            "python_full_version": f"{version}.0", "implementation_name": "cpython",
            "implementation_version": f"{version}.0", "platform_python_implementation": "CPython", "extra": ""}


def _requires(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        msg = email.parser.Parser().parsestr(zf.read(meta).decode("utf-8"))
    return [Requirement(r) for r in msg.get_all("Requires-Dist") or []]


def test_bundle_has_the_addins_the_installer_and_wheels(win_bundle):
    names = {p.name for p in win_bundle.iterdir()}
    assert {"budget_checker.xlam", "budget_checker_clear.xlam", "budget_checker.py", "budget_checker_clear.py",
            "budget_checker_draft.xlam", "budget_checker_draft.py",
            "myaddin.conf", "安装说明.txt", "安装.bat", "wheels"} <= names
    wheels = [p.name for p in (win_bundle / "wheels").glob("*.whl")]
    assert any(n.startswith("budget_disclosure_checker-") for n in wheels)
    bat = (win_bundle / "安装.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b"")
    text = bat.decode("utf-8")
    assert "chcp 65001" in text and "-m venv" in text
    assert '--no-index --find-links "%HERE%wheels"' in text and "budget-disclosure-checker" in text
    assert "-m checker.excel.conf" in text and "pythonw.exe" in text


@pytest.mark.parametrize("version", PYTHONS)
def test_every_requirement_has_a_windows_wheel_for_every_python(win_bundle, version):
    """Markers evaluated for Windows on each wheel's METADATA, not for the machine that built it."""
    vt = tuple(int(x) for x in version.split("."))
    tags = set(cpython_tags(vt, platforms=["win_amd64"])) | set(compatible_tags(vt, platforms=["win_amd64"]))
    usable = {}
    for path in (win_bundle / "wheels").glob("*.whl"):
        name, ver, _, wtags = parse_wheel_filename(path.name)
        if wtags & tags:
            usable.setdefault(canonicalize_name(name), []).append((ver, path))
    assert "budget-disclosure-checker" in usable
    env = _windows_env(version)
    assert Marker('platform_system == "Windows"').evaluate(env)
    for name, versions in usable.items():
        for _, path in versions:
            for req in _requires(path):
                if req.marker is not None and not req.marker.evaluate(env):
                    continue
                have = usable.get(canonicalize_name(req.name), [])
                assert any(req.specifier.contains(v, prereleases=True) for v, _ in have), \
                    f"{path.name} 需要 {req}，离线包中没有 Python {version} win_amd64 可用的 wheel"
    assert "pywin32" in usable             # xlwings' Windows-only requirement


@pytest.mark.parametrize("version", PYTHONS)
def test_bundle_resolves_offline_for_windows(win_bundle, tmp_path, version):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-index", "--find-links", str(win_bundle / "wheels"),
         "--only-binary=:all:", "--platform", "win_amd64", "--python-version", version, "--implementation", "cp",
         "-d", str(tmp_path), "budget-disclosure-checker", "pywin32"],
        capture_output=True, text=True, env=_clean_env(), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_native_bundle_installs_into_a_fresh_venv_without_an_index_and_runs(native_bundle, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bindir = venv / ("Scripts" if sys.platform.startswith("win") else "bin")
    install = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", "--no-index", "--find-links",
                              str(native_bundle / "wheels"), "budget-disclosure-checker"],
                             capture_output=True, text=True, env=_clean_env(), timeout=900)
    assert install.returncode == 0, install.stdout + install.stderr
    run = subprocess.run([str(bindir / "checker"), "run", str(EXAMPLE)], capture_output=True, text=True,
                         encoding="utf-8", env=_clean_env(CHECKER_DATA_DIR=str(tmp_path / "data")), timeout=600)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert "汇总：" in run.stdout and "Traceback" not in run.stderr
    conf = tmp_path / "用户" / ".myaddin" / "myaddin.conf"
    setter = subprocess.run([str(bindir / "python"), "-m", "checker.excel.conf", str(conf), r"C:\venv\pythonw.exe"],
                            capture_output=True, text=True, encoding="utf-8", env=_clean_env(), timeout=300)
    assert setter.returncode == 0, setter.stderr
    assert conf.read_bytes().decode("utf-8") == '"INTERPRETER_WIN","C:\\venv\\pythonw.exe"\r\n'


def test_setting_the_interpreter_keeps_the_other_lines(tmp_path):
    conf = tmp_path / "myaddin.conf"
    conf.write_text('"INTERPRETER_WIN","C:\\old\\pythonw.exe"\r\n"INTERPRETER_MAC","/usr/bin/python3"\r\n'
                    '"PYTHONPATH","D:\\我的代码"\r\n', encoding="utf-8")
    set_interpreter(conf, r"C:\new\pythonw.exe", encoding="utf-8")
    set_interpreter(conf, r"C:\new\pythonw.exe", encoding="utf-8")       # 安装.bat run again
    assert conf.read_text(encoding="utf-8").splitlines() == [
        '"INTERPRETER_WIN","C:\\new\\pythonw.exe"', '"INTERPRETER_MAC","/usr/bin/python3"', '"PYTHONPATH","D:\\我的代码"']
    fresh = tmp_path / "新" / "myaddin.conf"
    set_interpreter(fresh, r"C:\v\pythonw.exe", encoding="utf-8")
    assert fresh.read_bytes().decode("utf-8") == '"INTERPRETER_WIN","C:\\v\\pythonw.exe"\r\n'


def test_no_install_path_names_a_package_index_entry_that_does_not_exist():
    """checker is not on PyPI: every install command must work from the repository or a wheel."""
    texts = [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "checker" / "excel" / "addin").iterdir()]
    for path in texts:
        if path.suffix not in (".md", ".txt", ".py", ".bat"):
            continue
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "pip install" in line or "pip3 install" in line:
                assert not re.search(r"pip3? install\s+(?:-U\s+)?budget-disclosure-checker", line), (path.name, line)
    alert = (ROOT / "checker" / "excel" / "addin" / "budget_checker.py").read_text(encoding="utf-8")
    assert "安装.bat" in alert and "pip wheel . -w dist" in alert
