"""Saved options under concurrency: parallel ``checker options set`` processes never lose a
value (a file lock around read-change-replace), writes are atomic, a damaged file is named."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from checker.cli import cli

NAMES = ["large_change_percent", "max_file_mb", "max_uncompressed_mb", "max_ratio", "max_sheet_cells",
         "max_merged_cells", "max_entries", "plugin_time_limit"]


def test_parallel_sets_keep_every_value(tmp_path):
    env = {**os.environ, "CHECKER_DATA_DIR": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    code = ("import sys\nfrom checker.cli import main\n"
            "sys.argv = ['checker', 'options', 'set', sys.argv[1], sys.argv[2]]\nmain()")
    for round_ in range(2):
        procs = [subprocess.Popen([sys.executable, "-c", code, name, str(1000 + i + round_)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for i, name in enumerate(NAMES)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err.decode("utf-8", "replace")
        saved = json.loads((tmp_path / "options.json").read_text(encoding="utf-8"))
        assert saved == {name: 1000 + i + round_ for i, name in enumerate(NAMES)}
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("options.json", "options.json.lock")]
    assert leftovers == []


def test_a_damaged_file_is_named(tmp_path):
    (tmp_path / "options.json").write_text('{"large_change_percent": 2', encoding="utf-8")
    result = CliRunner(env={"CHECKER_DATA_DIR": str(tmp_path)}).invoke(cli, ["options", "set", "max_ratio", "300"])
    assert result.exit_code == 2
    assert str(tmp_path / "options.json") in result.output and "已损坏" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "options.json").read_text(encoding="utf-8") == '{"large_change_percent": 2'
