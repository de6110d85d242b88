"""Performance-target rules (P…): one complete, quantified 绩效目标表 for every project, agreeing with
the budget tables and the narrative.

Modules, one job each: ``analysis`` (表7 projects, target tables and which belongs to which),
``names`` (matching project and unit names), ``values`` (reading 指标值), ``statements`` (what the
情况说明 says), and the checks: ``coverage`` (P001–P005), ``header`` (P010–P016), ``framework``
(P020–P022), ``indicators`` (P030–P036), ``weights`` (P040–P041), ``goal`` (P050).
"""
from __future__ import annotations

from typing import Iterator

from checker.core.context import CheckContext
from checker.core.engine import hookimpl
from checker.core.findings import Finding, Rule
from checker.core.model import Disclosure
from checker.core.options import RunOption

from . import coverage, framework, goal, header, indicators, weights
from .analysis import analyse
from .options import OPTIONS
from .rules import RULES


@hookimpl
def checker_rules() -> list[Rule]:
    return RULES


@hookimpl
def checker_options() -> list[RunOption]:
    return OPTIONS


@hookimpl
def checker_check(document: Disclosure, context: CheckContext) -> Iterator[Finding]:
    if not document.targets and not document.tables:
        return
    if not document.targets and document.template is not None and not document.template.targets_in_document:
        return      # the template publishes its 绩效目标表 apart from the disclosure (Shanghai)
    a = analyse(document)
    yield from coverage.check(a)
    yield from header.check(a)
    yield from framework.check(a, context)
    yield from indicators.check(a)
    yield from weights.check(a, context)
    yield from goal.check(a)
