"""The engine: loads the plugins, collects their rules, runs their checks.

A plugin that raises becomes a finding about that plugin (rule S900) and the run goes on. The
engine applies ``--select``/``--ignore`` and the unit's accepted deviations (sheet 校验说明).
"""
from __future__ import annotations

import copy
import traceback
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

import pluggy

from . import hookspecs
from .context import CheckContext
from .findings import Finding, Location, Rule, Severity
from .model import Disclosure
from .options import RunOption, check_names
from .vet import Limits, limit_options

ENTRY_POINT_GROUP = "checker"
hookimpl = pluggy.HookimplMarker("checker")

# The engine's own rule: it is not a check of the document but of the checks.
PLUGIN_ERROR = Rule(
    code="S900",
    severity=Severity.ERROR,
    title="校验插件运行出错",
    what="一个校验插件在检查本工作簿时出错退出；它负责的规则没有完成检查，其余插件照常运行。",
    why="插件出错意味着部分问题可能没有被发现，结果不完整，不能据此认定文件没有问题。",
    bad="插件 arithmetic 出错：ZeroDivisionError: division by zero",
    good="（所有插件正常运行，没有本条结果。）",
    plugin="checker.core",
)


def make_plugin_manager(extra: Iterable[object] = (), entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with checker's hookspecs and every plugin of the ``checker`` group."""
    pm = pluggy.PluginManager("checker")
    pm.add_hookspecs(hookspecs)
    if entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for plugin in extra:
        pm.register(plugin, name=getattr(plugin, "__name__", type(plugin).__name__))
    return pm


@dataclass
class PluginInfo:
    name: str
    module: str
    distribution: str
    rules: list[str] = field(default_factory=list)


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


class Engine:
    """Runs every registered plugin's checks over a document."""

    def __init__(self, pm: Optional[pluggy.PluginManager] = None,
                 select: Iterable[str] = (), ignore: Iterable[str] = (),
                 options: Optional[dict[str, Any]] = None, saved: Optional[dict[str, Any]] = None):
        self.pm = pm if pm is not None else make_plugin_manager()
        self.select = [s for s in select if s]
        self.ignore = [s for s in ignore if s]
        self.rule_errors: list[str] = []
        self.rules = self._collect_rules()
        self.declared_options = self._collect_options()
        # the user's saved options (core.settings; read by the caller) under this run's own
        check_names(saved or {}, self.declared_options.values(), saved=True)
        check_names(options or {}, self.declared_options.values())
        self.options = {**(saved or {}), **(options or {})}

    def _collect_rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {PLUGIN_ERROR.code: PLUGIN_ERROR}
        for impl in self.pm.hook.checker_rules.get_hookimpls():
            try:
                declared = impl.function() or []
            except Exception as exc:  # a plugin that cannot even list its rules
                self.rule_errors.append(f"{impl.plugin_name}: {type(exc).__name__}: {exc}")
                continue
            for rule in declared:
                if rule.code in rules:
                    self.rule_errors.append(f"{impl.plugin_name}: 规则 {rule.code} 与 {rules[rule.code].plugin} 重复")
                    continue
                rules[rule.code] = Rule(**{**rule.__dict__, "plugin": impl.plugin_name})
        return dict(sorted(rules.items()))

    def _collect_options(self) -> dict[str, RunOption]:
        # the engine's own: the input limits every file is vetted against (core.vet)
        declared: dict[str, RunOption] = {o.name: o for o in limit_options()}
        for impl in self.pm.hook.checker_options.get_hookimpls():
            try:
                options = impl.function() or []
            except Exception as exc:
                self.rule_errors.append(f"{impl.plugin_name}: {type(exc).__name__}: {exc}")
                continue
            for option in options:
                if option.name in declared:
                    self.rule_errors.append(
                        f"{impl.plugin_name}: 规则参数 {option.name} 与 {declared[option.name].plugin} 重复")
                    continue
                declared[option.name] = RunOption(option.name, option.default, option.help, impl.plugin_name)
        return dict(sorted(declared.items()))

    def plugins(self) -> list[PluginInfo]:
        dists = {id(plugin): dist for plugin, dist in self.pm.list_plugin_distinfo()}
        out = []
        for name, plugin in self.pm.list_name_plugin():
            dist = dists.get(id(plugin))
            module = getattr(plugin, "__name__", type(plugin).__name__)
            out.append(PluginInfo(
                name=name, module=module,
                distribution=f"{dist.project_name} {dist.version}" if dist else "（直接注册）",
                rules=[code for code, rule in self.rules.items() if rule.plugin == name]))
        return out

    def option_values(self) -> dict[str, Any]:
        """Every declared option's value for this run: defaults under saved under ``--option``."""
        options = {name: copy.deepcopy(option.default) for name, option in self.declared_options.items()}
        options.update(self.options)
        return options

    def limits(self) -> Limits:
        """The input limits of this run (:mod:`checker.core.vet`)."""
        return Limits.from_options(self.option_values())

    def context(self, document: Disclosure, prior: Optional[Disclosure] = None) -> CheckContext:
        options = self.option_values()
        return CheckContext(year=document.year, prior=prior, options=options, rules=self.rules, pm=self.pm)

    def check(self, document: Disclosure, prior: Optional[Disclosure] = None) -> list[Finding]:
        """All findings for ``document``, filtered, with accepted deviations marked."""
        ctx = self.context(document, prior)
        findings: list[Finding] = []
        for message in self.rule_errors:
            findings.append(self._plugin_error(message.split(":", 1)[0], message))
        for impl in self.pm.hook.checker_configure.get_hookimpls():
            self._call(impl, {"context": ctx}, findings)
        for impl in self.pm.hook.checker_check.get_hookimpls():
            self._call(impl, {"document": document, "context": ctx}, findings)
        findings = [f for f in findings if self._selected(f.rule)]
        _apply_deviations(document, findings)
        findings.sort(key=Finding.sort_key)
        return findings

    def _selected(self, code: str) -> bool:
        if code == PLUGIN_ERROR.code:
            return True  # a broken plugin is always reported
        if self.select and not _matches(code, self.select):
            return False
        return not _matches(code, self.ignore)

    def _call(self, impl: Any, kwargs: dict[str, Any], findings: list[Finding]) -> None:
        """Call one hook implementation, turning an exception into a finding.

        pluggy's own hook call stops at the first exception; calling each implementation
        ourselves (with the arguments it asks for) keeps one broken plugin from hiding the rest.
        """
        name = impl.plugin_name
        try:
            result = impl.function(*[kwargs[arg] for arg in impl.argnames])
            produced = list(result) if result is not None else []
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(self._plugin_error(
                name, f"插件 {name} 运行出错：{type(exc).__name__}: {exc}"
                      f"（{where.filename.rsplit('/', 1)[-1]} 第 {where.lineno} 行）。其余插件的结果不受影响。"))
            return
        for finding in produced:
            rule = self.rules.get(finding.rule)
            if rule is None:
                findings.append(self._plugin_error(name, f"插件 {name} 报告了未声明的规则 {finding.rule}：{finding.message}"))
                continue
            finding.plugin = name
            if finding.severity is None:
                finding.severity = rule.severity
            findings.append(finding)

    @staticmethod
    def _plugin_error(name: str, message: str) -> Finding:
        return Finding(rule=PLUGIN_ERROR.code, message=message, severity=Severity.ERROR,
                       locations=[Location(sheet="", cell="", table=f"插件 {name}")], plugin=name)


def _apply_deviations(document: Disclosure, findings: list[Finding]) -> None:
    """A warning listed in 校验说明 (rule, location, explanation) counts as explained.

    Errors stay errors: 强制性 rules cannot be explained away, as in 提示性审核 practice.
    """
    for finding in findings:
        if finding.severity is Severity.ERROR:
            continue
        for dev in document.deviations:
            if dev.rule != finding.rule:
                continue
            if not dev.location or any(_location_matches(dev.location, loc) for loc in finding.locations):
                finding.explained = dev.explanation
                break


def _location_matches(text: str, loc: Location) -> bool:
    text = text.replace("'", "").replace("！", "!")
    if "!" in text:
        sheet, _, cell = text.rpartition("!")
        return sheet == loc.sheet and cell.upper() == loc.cell
    return text.upper() == loc.cell or (bool(loc.table) and text in loc.table.replace(" ", ""))


def check_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts of unexplained findings by severity."""
    counts = {"error": 0, "warning": 0, "info": 0, "explained": 0}
    for f in findings:
        if f.explained:
            counts["explained"] += 1
        elif f.severity is not None:
            counts[f.severity.value] += 1
    return counts
