"""checker.api.check_file gives, for each workbook, exactly the entry ``checker run --format json``
writes for it — called directly, mapped over a process pool, and mapped with Dask (docs/scale.md)."""
from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from functools import partial

import pytest
from click.testing import CliRunner

from checker.api import check_file
from checker.cli import cli

RUNS = [
    ((), {}),
    (("--select", "A,Y", "--option", "large_change_percent=20"), {"select": "A,Y", "options": {"large_change_percent": 20}}),
    (("--ignore", "C", "--ignore", "P001"), {"ignore": ["C", "P001"]}),
]


@pytest.fixture
def paths(seed_path, tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "data"))    # no saved options, no imported lists
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    return [str(seed_path("000", "split")), str(seed_path("003", "stacked")), str(broken)]


def cli_files(paths, args):
    out = CliRunner().invoke(cli, ["run", *paths, "--format", "json", *args])
    assert out.exit_code in (1, 2), out.output
    return json.loads(out.stdout)["files"]


@pytest.mark.parametrize("args, kwargs", RUNS)
def test_check_file_is_the_cli_json(paths, args, kwargs):
    expected = cli_files(paths, args)
    assert [check_file(p, **kwargs) for p in paths] == expected
    assert expected[0]["findings"] and "error" in expected[2]


def test_process_pool_gives_the_cli_findings(paths):
    args, kwargs = RUNS[1]
    with ProcessPoolExecutor(max_workers=2) as pool:
        got = list(pool.map(partial(check_file, **kwargs), paths))
    assert got == cli_files(paths, args)


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_dask_bag_gives_the_cli_findings(paths, scheduler):
    bag = pytest.importorskip("dask.bag")
    got = bag.from_sequence(paths, npartitions=2).map(check_file).compute(scheduler=scheduler, num_workers=2)
    assert list(got) == cli_files(paths, ())
