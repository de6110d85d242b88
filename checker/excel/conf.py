"""Setting the interpreter in myaddin.conf without hand editing: ``python -m checker.excel.conf``.

安装.bat of the offline bundle runs ``python -m checker.excel.conf CONF PYTHONW`` with the Python
it has just installed. Only the ``"INTERPRETER_WIN"`` line is set (added when absent); every other
line the user or xlwings wrote is kept as it was, so running 安装.bat again loses no setting.
The file is read and written in the ANSI code page (GBK on Chinese Windows), as the add-in's VBA
reads it with ``Open … For Input``.
"""
from __future__ import annotations

import sys
from pathlib import Path

ENCODING = "mbcs" if sys.platform.startswith("win") else "utf-8"
KEYS = {"win": "INTERPRETER_WIN", "mac": "INTERPRETER_MAC"}


def set_interpreter(path: Path, interpreter: str, key: str = KEYS["win"], encoding: str = ENCODING) -> str:
    """Set ``key`` to ``interpreter`` in the conf at ``path`` (created with its folder if need be);
    returns the text written."""
    lines = path.read_text(encoding=encoding).splitlines() if path.is_file() else []
    line = f'"{key}","{interpreter}"'
    out, done = [], False
    for old in lines:
        if old.strip().startswith(f'"{key}",'):
            if not done:
                out.append(line)
                done = True
            continue
        out.append(old)
    if not done:
        out.insert(0, line)
    text = "\r\n".join(out) + "\r\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding, newline="")
    return text


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("用法：python -m checker.excel.conf myaddin.conf的路径 pythonw.exe的路径", file=sys.stderr)
        return 2
    path, interpreter = Path(argv[0]), argv[1]
    try:
        set_interpreter(path, interpreter)
    except OSError as exc:
        print(f"无法写入 {path}（{exc.strerror or exc}）。", file=sys.stderr)
        return 2
    print(f"已在 {path} 中设置 Python：{interpreter}")
    return 0


if __name__ == "__main__":  # pragma: no cover - run by 安装.bat
    sys.exit(main(sys.argv[1:]))
