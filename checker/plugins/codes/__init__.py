"""Classification-code rules (C…): every 支出功能分类 and 经济分类 code and name the tables and the
narrative print, checked against the year's lists and against each other.

Modules, one job each: ``reference`` (the lists: shipped data, imported official tables, plugin
additions), ``occurrences`` (where the document prints codes and names, section 五's names tied to
表5 rows), and the checks: ``shape`` (C001), ``hierarchy`` (C002–C004), ``validity`` (C010–C014),
``names`` (C020–C021, C012 for names), ``template`` (C030), ``economic`` (C040–C041). ``importer``
reads an exported code table and ``cli`` adds ``checker codes …``. Rule metadata is in ``rules``.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

import pluggy

from checker.core.context import CheckContext
from checker.core.engine import bounded_hooks, hookimpl
from checker.core.findings import Finding, Rule
from checker.core.memo import per_object
from checker.core.model import Disclosure

from . import economic, hierarchy, names, shape, template, validity
from .occurrences import analyse
from .reference import Reference, load, shipped, user_lists
from .rules import RULES


@hookimpl
def checker_rules() -> list[Rule]:
    return RULES


@hookimpl
def checker_check(document: Disclosure, context: CheckContext) -> Iterator[Finding]:
    if not document.tables:
        return
    year = context.year if context.year is not None else document.year
    a = analyse(document, _for_check(context, year), year)
    yield from shape.check(document)
    yield from hierarchy.check(a)
    yield from validity.check(a)
    yield from names.check(a)
    yield from template.check(a)
    yield from economic.check(a)


@hookimpl
def checker_classification_names(kind: str, year: Optional[int], context: CheckContext) -> Optional[dict[str, str]]:
    ref = _for_check(context, year)
    years = ref.years(kind)
    if not years:
        return None
    nearest = year if year in years else min(years, key=lambda y: abs(y - (year or years[-1])))
    lst = ref.get(kind, nearest)
    return {code: e.name for code, e in lst.entries.items()} if lst is not None else None


@hookimpl
def checker_register_commands(cli: Any) -> None:
    from .cli import codes

    cli.add_command(codes)


def _for_check(context: CheckContext, year: Optional[int]) -> Reference:
    """The lists one check (one document, one context) uses for ``year``: built once, however
    often the checks and the other plugins (``checker_classification_names``) ask during it."""
    built = _built_for(context)
    if year not in built:
        built[year] = reference(context.hooks or context.pm, year)
    return built[year]


@per_object
def _built_for(context: CheckContext) -> dict[Optional[int], Reference]:
    return {}


def reference(hooks: Any = None, year: Optional[int] = None) -> Reference:
    """The lists this run uses: shipped, imported, and what plugins add through
    ``checker_reference_codes(year)`` for every year there is a list for (and ``year``).
    ``hooks``: ``context.hooks``, or a plugin manager (whose hooks are then called bounded too)."""
    additions: dict[int, list[dict[str, Any]]] = {}
    if isinstance(hooks, pluggy.PluginManager):
        hooks = bounded_hooks(hooks)
    if hooks is not None:
        years = {y for _, y in shipped()[0]} | {lst.year for lst in user_lists()}
        if year is not None:
            years.add(year)
        for y in sorted(years):
            items = [item for result in hooks.checker_reference_codes(year=y) for item in (result or [])]
            if items:
                additions[y] = items
    return load(additions)
