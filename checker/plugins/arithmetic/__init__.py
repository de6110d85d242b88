"""Arithmetic checks (A…): every sum inside and across the tables, and every number the narrative
quotes.

The plugin is split by job: ``tables`` (in-table identities, A001–A099), ``cross`` (cross-table
identities, A100–A199), ``correspondences`` (figures that may legitimately differ, warnings,
A300–A399) and ``narrative`` (narrative against tables, A200–A299) when present. Every comparison
goes through :mod:`checker.core.rounding`. One part failing does not hide the others' findings.
"""
from __future__ import annotations

import importlib.util
from typing import Iterator

from checker.core.context import CheckContext
from checker.core.engine import PLUGIN_ERROR, hookimpl
from checker.core.findings import Finding, Location, Rule, Severity
from checker.core.model import Disclosure

from . import correspondences, cross, project_budgets, stated, tables
from .common import Arithmetic

# The narrative part is written separately; until it exists the plugin runs without it. Once the
# module is there, an error importing it is a real error and must surface.
if importlib.util.find_spec(f"{__name__}.narrative") is not None:
    from . import narrative
else:  # pragma: no cover - depends on whether narrative.py has been written yet
    narrative = None  # type: ignore[assignment]

TABLE_PARTS = [tables, cross, correspondences, stated, project_budgets]


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for part in TABLE_PARTS:
        rules.extend(part.RULES)
    if narrative is not None:
        rules.extend(narrative.RULES)
    return rules


@hookimpl
def checker_rules() -> list[Rule]:
    return all_rules()


@hookimpl
def checker_check(document: Disclosure, context: CheckContext) -> Iterator[Finding]:
    arith = Arithmetic(document)
    findings: list[Finding] = []
    for part in TABLE_PARTS:
        findings.extend(_isolated(part.__name__, lambda part=part: part.check(document, arith)))
    if narrative is not None:
        # the narrative's sections and the template's statements may read the same sentence: the
        # same rule on the same cell with the same figures is one finding
        seen = {_same(f) for f in findings}
        findings.extend(f for f in _isolated(narrative.__name__, lambda: narrative.check(document, context))
                        if _same(f) not in seen)
    return iter(findings)


def _same(finding: Finding) -> tuple:
    where = finding.locations[0] if finding.locations else None
    return (finding.rule, where.sheet if where else "", where.cell if where else "", finding.expected, finding.actual)


def _isolated(name: str, run) -> list[Finding]:
    """Run one part; an exception becomes one S900 finding naming the part, so that the other
    parts' findings are still reported."""
    try:
        return list(run() or [])
    except Exception as exc:
        import traceback    # only for a check that failed

        where = traceback.extract_tb(exc.__traceback__)[-1]
        short = name.rsplit(".", 1)[-1]
        return [Finding(PLUGIN_ERROR.code,
                        f"插件 arithmetic 的 {short} 部分运行出错：{type(exc).__name__}: {exc}"
                        f"（{where.filename.rsplit('/', 1)[-1]} 第 {where.lineno} 行）。其余部分的结果不受影响。",
                        [Location(sheet="", cell="", table=f"插件 arithmetic.{short}")], severity=Severity.ERROR)]
