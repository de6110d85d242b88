"""Year-over-year rules (Y…): every change against last year stated consistently and really explained.

Modules, one job each: ``text`` (matching text, numbers, direction words), ``subjects`` (sections
of the 情况说明 and what a statement is about), ``statements`` (recognising the change statements
and their reasons), ``figures`` (the table figure a subject stands for, this year or last), and the
checks: ``consistency`` (Y001–Y007), ``reasons`` (Y010–Y015), ``coverage`` (Y020–Y023), ``prior``
(Y030–Y031, with ``--prior``). ``rules`` holds the rules' metadata, ``options`` the thresholds.
"""
from __future__ import annotations

from typing import Iterator

from checker.core.context import CheckContext
from checker.core.engine import hookimpl
from checker.core.findings import Finding, Rule
from checker.core.model import Disclosure
from checker.core.options import RunOption

from . import bases, consistency, coverage, prior, reasons
from .figures import family
from .fixes import settle
from .options import OPTIONS
from .rules import RULES
from .statements import read_statements


@hookimpl
def checker_rules() -> list[Rule]:
    return RULES


@hookimpl
def checker_options() -> list[RunOption]:
    return OPTIONS


@hookimpl
def checker_check(document: Disclosure, context: CheckContext) -> Iterator[Finding]:
    if document.narrative is None:
        return
    statements = read_statements(document)
    cov = coverage.item_coverage(document, statements)
    checked = list(consistency.check(statements, document, cov.complete))
    checked.extend(prior.check(document, statements, context.prior, cov))
    yield from settle(checked, context.prior is not None)      # which Y003/Y007 fixes last year vouches for
    families = {id(st): kind for st in statements if (kind := family(document, st.subject))}
    yield from reasons.check(statements, context.options, families)
    yield from coverage.check(document, statements, cov)
    yield from bases.check(document)
