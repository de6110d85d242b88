"""The hooks through which checks plug into checker.

Every check family, built-in or third-party, is a plugin that implements some of these hooks.
Built-in plugins (``checker.plugins.*``) are registered exactly like third-party ones: through
the ``checker`` entry-point group in their package metadata. A third party declares in its own
``setup.cfg``::

    [options.entry_points]
    checker =
        my_checks = my_package.my_checks

and implements hooks with ``@checker.hookimpl``. The core calls these hooks; it never calls a
plugin by name. Each call of a plugin's code — its import, each hook — runs in a worker thread of
its own, bounded by the option ``plugin_time_limit``: one that runs longer is stopped (an exception
raised in its thread; do not catch ``BaseException``) and reported (S900). A plugin that calls a
hook itself does so through ``context.hooks`` (``context.hooks.checker_reference_codes(year=y)``),
which bounds each implementation the same way and does not count the wait against the caller.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    import click

    from .context import CheckContext
    from .drafting import Draft
    from .findings import Finding, Rule
    from .model import Disclosure
    from .options import RunOption
    from .template import TemplateProfile

hookspec = pluggy.HookspecMarker("checker")


@hookspec
def checker_rules() -> "list[Rule]":
    """Declare the rules this plugin can report.

    Return a list of :class:`checker.core.findings.Rule`: each with its code (S/A/C/Y/P and three
    digits, unique across all plugins), default severity, Chinese title, what it checks, why it
    matters, and a bad and a good example. ``checker rules`` and ``docs/rules.md`` are generated
    from these. A finding whose rule was not declared is itself reported as a plugin error.
    """


@hookspec
def checker_check(document: "Disclosure", context: "CheckContext") -> "Iterable[Finding]":
    """Check one disclosure and return (or yield) findings.

    ``document`` is the model the reader built from one workbook (tables, narrative, target
    tables, every value with its cell). ``context`` carries the run's options: the selected rules,
    thresholds, the year's reference data and the prior year's document when one was given.
    Must not modify ``document``. An exception raised here, or while iterating the returned
    findings, is caught by the engine and reported as a finding about this plugin; the other
    plugins still run.
    """


@hookspec
def checker_options() -> "list[RunOption]":
    """Declare the run options this plugin's rules read, with their defaults.

    Return a list of :class:`checker.core.options.RunOption` (name unique across all plugins,
    default, Chinese description naming the rules it affects). Every run starts from these
    defaults and lays ``checker run --option name=value`` over them; a name no plugin declared
    is refused. Declare ``type`` ("number", "integer", "text", "list", "mapping") and, where it
    applies, ``minimum``/``maximum``/``choices``: a value that does not fit is then refused where
    it is given (``--option``, ``checker options set``, checker.toml) instead of reaching the
    check. Read an option in ``checker_check`` with ``context.option(name)``;
    ``checker options`` lists them all.
    """


@hookspec
def checker_templates() -> "list[TemplateProfile]":
    """Declare the disclosure templates (regions' variants) this plugin knows.

    Return a list of :class:`checker.core.template.TemplateProfile`: for one region's template,
    each table's role, number, title patterns and unit, which tables may be stated empty, the
    narrative's parts and whether the 绩效目标表 are part of the document. Names are unique
    across all plugins. The reader picks the profile that recognises the most tables in a
    workbook (``checker run --template NAME`` forces one); checks address tables by
    :class:`~checker.core.template.TableRole` and skip the roles a profile does not have.
    ``checker templates`` lists them all.
    """


@hookspec
def checker_configure(context: "CheckContext") -> None:
    """Adjust the run's context before any check runs (e.g. add reference data).

    Called once per run, before ``checker_check``, with the options already set (declare your
    own options and their defaults with ``checker_options``); do not read the workbook here.
    """


@hookspec
def checker_reference_codes(year: int) -> "Iterable[dict[str, Any]]":
    """Contribute classification codes valid in ``year`` (e.g. a province's own 项).

    Return dicts with keys ``list`` (``"function"`` or ``"economic"``), ``code``, ``name`` and
    optionally ``source``. They are added to the shipped reference lists for that year; a code
    given here counts as valid in checks of that year.
    """


@hookspec(firstresult=True)
def checker_classification_names(kind: str, year: Optional[int],
                                 context: "CheckContext") -> "Optional[Mapping[str, str]]":
    """The official classification list that applies to a document of ``year``, as code → name.

    ``kind`` is ``"function"`` (支出功能分类) or ``"economic"`` (部门预算支出经济分类). A plugin
    that holds reference lists (the built-in ``codes`` plugin) answers with the list of ``year``
    or, when it has none for that year, of the nearest year it has; checks that need official
    names (e.g. to tell a real class name from a typo in the narrative) ask through this hook
    (``context.hooks.checker_classification_names(…)``) rather than importing that plugin. The first non-None answer wins; None means nobody knows.
    """


@hookspec
def checker_register_commands(cli: "click.Group") -> None:
    """Add subcommands to the ``checker`` command line (``cli.command()`` / ``cli.add_command``)."""


@hookspec(firstresult=True)
def checker_draft_narrative(document: "Disclosure", prior: "Optional[Disclosure]") -> "Optional[Draft]":
    """Draft the narrative (情况说明) of ``document`` from its tables (``checker draft``).

    A template plugin answers for the documents read by its own profile (``document.template``)
    and returns None for the others; ``prior`` is last year's disclosure (``--prior``) or None,
    when every change against last year is left as the marked placeholder. The first answer wins.
    """
