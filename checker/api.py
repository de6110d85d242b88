"""Checking from Python: one workbook in, its result out, as ``checker run --format json`` gives it.

    from checker.api import check_file
    result = check_file("预算公开.xlsx", select=["A", "C"], options={"large_change_percent": 20})
    result["status"], result["counts"], result["findings"][0]["rule"]

:func:`check_file` is a plain function of its arguments (paths and picklable option values), so
the same check maps over many workbooks with any process pool or cluster — ``concurrent.futures``,
``multiprocessing``, Dask (``dask.bag.from_sequence(paths).map(check_file)``): see docs/scale.md.
Each worker process loads the plugins once (the first call) and reuses them for every later file
with the same rule selection and options.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

PathLike = Union[str, Path]

# one Engine per (select, ignore, options, saved) in this process: loading the plugins costs more
# than checking a workbook
_ENGINES: dict[str, Any] = {}


def _engine(select: Iterable[str], ignore: Iterable[str], options: Mapping[str, Any], saved: bool):
    from .core.engine import Engine, make_plugin_manager
    from .core.settings import saved_options

    stored = saved_options() if saved else {}
    key = json.dumps([list(select), list(ignore), dict(options), stored], sort_keys=True, default=repr)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = Engine(make_plugin_manager(), select=list(select), ignore=list(ignore),
                                        options=dict(options), saved=stored)
    return engine


def _codes(values: Union[str, Iterable[str]]) -> list[str]:
    """Rule codes or prefixes, as --select/--ignore take them ("A,C101" or ["A", "C101"])."""
    if isinstance(values, str):
        values = [values]
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def check_file(path: PathLike, *, select: Union[str, Iterable[str]] = (), ignore: Union[str, Iterable[str]] = (),
               options: Optional[Mapping[str, Any]] = None, year: Optional[int] = None,
               narrative: Optional[PathLike] = None, prior: Optional[PathLike] = None,
               recalc: bool = False, template: Optional[str] = None, saved: bool = False) -> dict[str, Any]:
    """Check the workbook at ``path``; the result is the entry ``checker run --format json`` writes
    for it under ``"files"``: path, unit, year, status, counts, findings (and error, for a workbook
    that cannot be read — never raised).

    ``select``/``ignore``/``year``/``narrative``/``prior``/``recalc``/``template`` are ``checker
    run``'s options; ``options`` its ``--option name=value`` pairs (values as Python values). The
    options saved with ``checker options set`` are laid under them only with ``saved=True``, and no
    checker.toml is looked for: by default the answer depends on the arguments alone (the reference
    code lists are, as for the command line, the shipped ones and those imported into the data
    directory)."""
    from .core.errors import InputError
    from .core.reader import read_workbook
    from .core.report import FileResult, render_json

    engine = _engine(_codes(select), _codes(ignore), options or {}, saved)
    path = Path(path)
    prior_doc = read_workbook(Path(prior), templates=engine.templates, template=template) if prior else None
    try:
        source = path
        if recalc:
            from .core.recalc import recalculated_copy

            source = recalculated_copy(path)
        document = read_workbook(source, Path(narrative) if narrative else None, year,
                                 templates=engine.templates, template=template)
        document.path = str(path)
    except InputError as exc:
        result = FileResult(path=str(path), error=str(exc))
    else:
        result = FileResult(path=str(path), document=document, findings=engine.check(document, prior_doc))
    # through the command line's own JSON rendering, so that the two cannot drift apart
    return json.loads(render_json([result]))["files"][0]
