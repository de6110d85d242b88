"""The engine: loads the plugins, collects their rules, runs their checks.

A plugin that raises becomes a finding about that plugin (rule S900) and the run goes on. The
engine applies ``--select``/``--ignore`` and the unit's accepted deviations (sheet 校验说明).
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

import pluggy

from . import hookspecs
from .bounded import Outcome, call_bounded, thread_name
from .context import CheckContext
from .findings import Finding, Fix, Location, Rule, Severity
from .model import AcceptedDeviation, Disclosure
from .options import RunOption, check_names, check_values
from .pages import locate_pages
from .selection import check_patterns, matches as _matches
from .template import TemplateProfile, UnknownTemplate
from .text import norm
from .vet import Limits, limit_options
from .text import lazy_pattern

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


# The engine's rule about 校验说明 itself: it applies the rows, so it knows which matched nothing.
UNMATCHED_DEVIATION = Rule(
    code="S020",
    severity=Severity.WARNING,
    title="校验说明中的一行没有对应的结果",
    what="检查“校验说明”工作表的每一行（规则、位置、说明）是否对应本次校验的一条警告：规则编码不存在、"
         "位置与该规则的任何结果都对不上、或说明的是“错误”级结果（错误必须修改，不能用说明代替），都会报告。"
         "位置可以照抄校验结果中的写法：工作表!单元格、表号!单元格（表5!E8）、表名!单元格、只写单元格或只写表号。",
    why="对不上的说明不起作用：原来的警告照样报告，而填写人以为已经说明了；规则编码或位置写错最常见。",
    bad="（新疆模板）校验说明：A310 | 表10!C12 | 项目支出中安排了公务用车运行费（A310 不存在，应为 A301）。",
    good="（新疆模板）校验说明：A301 | 表10!C12 | 项目支出中安排公务用车运行费 10.00 万元。",
    plugin="checker.core",
)
PLUGIN_TIME_LIMIT = RunOption(
    "plugin_time_limit", 5, "每个校验插件每一步（加载、列出规则和参数、检查一个工作簿）的时间上限（秒）；"
    "超时的插件被停止并报告为 S900，其余插件的结果照常。", "checker.core", type="number", minimum=0.01)

# What each hook does, as a finance person would say it: for the messages about a plugin's fault.
_DOING = {
    "import": "加载", "checker_rules": "列出规则", "checker_options": "列出规则参数", "checker_templates": "列出模板",
    "checker_configure": "准备校验", "checker_check": "检查", "checker_reference_codes": "提供科目编码",
    "checker_classification_names": "提供科目名称", "checker_register_commands": "添加命令",
}


def time_limit(value: Any) -> float:
    """``plugin_time_limit`` as seconds; a value that is not a positive number: the default
    (the option's own check refuses it with the allowed form where it was given)."""
    try:
        limit = float(value)
    except (TypeError, ValueError):
        return float(PLUGIN_TIME_LIMIT.default)
    return limit if limit > 0 else float(PLUGIN_TIME_LIMIT.default)


def overrun(plugin: str, hook: str, outcome: Outcome, limit: float) -> str:
    """The Chinese line for a plugin that ran out of time (or was not started again)."""
    doing = _DOING.get(hook, hook)
    if outcome.busy:
        return (f"插件 {plugin} 上次{doing}时超时，至今仍在后台运行，本次未再调用它，它的结果未计入。"
                "请更新或停用这个插件，并重新启动程序（Excel）。")
    head = f"插件 {plugin} {doing}时运行超过 {limit:g} 秒"
    if outcome.abandoned:
        head += "，停止后仍未结束（停在 Python 以外的代码中，或拦下了停止），已放弃等待，它仍在后台运行"
    else:
        head += "，已停止"
    return (f"{head}，它的结果未计入。其余插件的结果不受影响。"
            "如确需更长时间，可用 --option plugin_time_limit=秒数 放宽。")


def crashed(plugin: str, exc: BaseException) -> str:
    import traceback      # only when a plugin fails

    frames = traceback.extract_tb(exc.__traceback__)
    where = f"（{frames[-1].filename.rsplit('/', 1)[-1]} 第 {frames[-1].lineno} 行）" if frames else ""
    return f"插件 {plugin} 运行出错：{type(exc).__name__}: {_short(exc, 200)}{where}。其余插件的结果不受影响。"


class PluginCalls:
    """Every call of plugin code goes through here, each hook implementation in a bounded call of
    its own (:mod:`checker.core.bounded`): stopped after ``limit`` seconds and reported, the other
    plugins' results kept. A fault of a hook called through :meth:`hook` (by a plugin, through
    ``context.hooks``) goes to ``faults`` as (plugin, message)."""

    def __init__(self, pm: pluggy.PluginManager, limit: float = float(PLUGIN_TIME_LIMIT.default)) -> None:
        self.pm = pm
        self.limit = limit
        self.faults: list[tuple[str, str]] = []
        self._failed: set[tuple[str, str]] = set()     # (plugin, hook) that failed once: not asked again

    def call(self, impl: Any, kwargs: dict[str, Any], hook: str, listed: bool = False) -> Outcome:
        """One implementation, given the arguments it asks for; ``listed``: its result (a
        generator, say) is made a list inside the bounded call, as part of it."""
        args = tuple(kwargs[arg] for arg in impl.argnames)
        func = impl.function
        if listed:
            def func(*args: Any) -> list[Any]:
                result = impl.function(*args)
                return list(result) if result is not None else []
        return call_bounded(func, args, name=thread_name(impl.plugin_name, hook), limit=self.limit)

    def run(self, func: Any, plugin: str, hook: str) -> Outcome:
        """Any other plugin code (its import): ``func()`` under the same bound."""
        return call_bounded(func, (), name=thread_name(plugin, hook), limit=self.limit)

    def message(self, plugin: str, hook: str, outcome: Outcome) -> str:
        """What went wrong, or "" (a value came back)."""
        if outcome.timed_out or outcome.busy:
            return overrun(plugin, hook, outcome, self.limit)
        if outcome.error is not None:
            return crashed(plugin, outcome.error)
        return ""

    def hook(self, name: str, **kwargs: Any) -> Any:
        """Call hook ``name`` as pluggy would (last registered first; a ``firstresult`` hook
        stops at the first answer that is not None, the others give the list of answers), each
        implementation bounded; one that fails or overruns is left out and goes to ``faults``."""
        caller = getattr(self.pm.hook, name)
        first = bool(caller.spec and caller.spec.opts.get("firstresult"))
        results = []
        for impl in reversed(caller.get_hookimpls()):
            if (impl.plugin_name, name) in self._failed:
                continue
            outcome = self.call(impl, kwargs, name)
            fault = self.message(impl.plugin_name, name, outcome)
            if fault:
                self._failed.add((impl.plugin_name, name))
                self.faults.append((impl.plugin_name, fault))
                continue
            if outcome.value is not None:
                if first:
                    return outcome.value
                results.append(outcome.value)
        return None if first else results


class BoundedHooks:
    """``context.hooks``: the plugin manager's hooks as plugins call them
    (``context.hooks.checker_classification_names(kind=…, year=…, context=…)``), every
    implementation bounded by :class:`PluginCalls`."""

    def __init__(self, calls: PluginCalls) -> None:
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("checker_"):
            raise AttributeError(name)
        return lambda **kwargs: self._calls.hook(name, **kwargs)


def bounded_hooks(pm: pluggy.PluginManager, limit: float = float(PLUGIN_TIME_LIMIT.default)) -> BoundedHooks:
    """``pm``'s hooks called through :class:`PluginCalls` (for callers outside a check, such as
    ``checker codes``); faults are left out of the answer."""
    return BoundedHooks(PluginCalls(pm, limit))


def make_plugin_manager(extra: Iterable[object] = (), entry_points: bool = True,
                        limit: float = float(PLUGIN_TIME_LIMIT.default)) -> pluggy.PluginManager:
    """A plugin manager with checker's hookspecs and every plugin of the ``checker`` group.

    A plugin that cannot be imported or registered (an exception at import, a hook with a wrong
    signature, an import that runs past ``limit`` seconds) is left out and recorded in
    ``pm.checker_load_errors``; the engine reports it as a finding (S900) and every command goes
    on with the others."""
    pm = pluggy.PluginManager("checker")
    pm.add_hookspecs(hookspecs)
    errors: list[str] = []
    pm.checker_load_errors = errors  # type: ignore[attr-defined]
    if entry_points:
        _load_entry_points(pm, errors, PluginCalls(pm, limit))
    for plugin in extra:
        name = getattr(plugin, "__name__", type(plugin).__name__)
        try:
            pm.register(plugin, name=name)
        except Exception as exc:  # noqa: BLE001 - pluggy's PluginValidationError, ValueError
            errors.append(f"{name}: 插件无法注册（{type(exc).__name__}: {exc}）")
    return pm


def _load_entry_points(pm: pluggy.PluginManager, errors: list[str], calls: PluginCalls) -> None:
    """pluggy's ``load_setuptools_entrypoints``, one plugin at a time, each import bounded: one
    that fails to import or hangs does not keep the others (or the command) from running. The
    entry points are read from the installed packages' entry_points.txt (:mod:`.entrypoints`), not
    through importlib.metadata."""
    from .entrypoints import entry_points

    for ep in entry_points(ENTRY_POINT_GROUP):
        if pm.has_plugin(ep.name) or pm.is_blocked(ep.name):
            continue
        loaded = calls.run(ep.load, ep.name, "import")
        if isinstance(loaded.error, KeyboardInterrupt):
            raise loaded.error
        fault = calls.message(ep.name, "import", loaded).removeprefix(f"插件 {ep.name} ")
        if loaded.error is not None:      # an exception at import; an import may even call sys.exit()
            fault = f"插件无法加载（{ep.value}，{type(loaded.error).__name__}: {loaded.error}）"
        if not fault:
            plugin = loaded.value
            try:
                pm.register(plugin, name=ep.name)
            except Exception as exc:  # noqa: BLE001 - pluggy's PluginValidationError, ValueError
                fault = f"插件无法加载（{ep.value}，{type(exc).__name__}: {exc}）"
        if fault:
            errors.append(f"{ep.name}: {fault}")
            continue
        pm._plugin_distinfo.append((plugin, ep.dist))  # as pluggy does: for ``checker plugins``


def declared(calls: PluginCalls, hook: str, errors: Optional[list[str]]) -> Iterable[tuple[str, list[Any]]]:
    """What each plugin declares through the listing hook ``hook`` (rules, options, templates),
    in registration order, each call bounded; a plugin that fails or overruns goes to ``errors``
    and declares nothing."""
    impls = getattr(calls.pm.hook, hook).get_hookimpls()
    if hook != "checker_templates":    # checker's own first: a code or option name also declared
        impls = sorted(impls, key=_own_first)   # by a third party stays with the built-in one
    for impl in impls:
        outcome = calls.call(impl, {}, hook, listed=True)
        fault = calls.message(impl.plugin_name, hook, outcome)
        if not fault:
            yield impl.plugin_name, outcome.value
            continue
        if errors is not None:
            errors.append(f"{impl.plugin_name}: {fault.removeprefix(f'插件 {impl.plugin_name} ')}")


def _own_first(impl: Any) -> int:
    module = getattr(impl.plugin, "__name__", None) or type(impl.plugin).__module__
    return 0 if str(module).startswith("checker.") else 1


def collect_templates(pm: pluggy.PluginManager, errors: Optional[list[str]] = None,
                      calls: Optional[PluginCalls] = None) -> list[TemplateProfile]:
    """Every template profile the plugins declare, in registration order, each with the name of
    the plugin that declared it; a plugin that fails or overruns, or a name declared twice, goes
    to ``errors`` (the first declaration wins)."""
    profiles: dict[str, TemplateProfile] = {}
    for plugin, profiles_declared in declared(calls or PluginCalls(pm), "checker_templates", errors):
        for profile in profiles_declared:
            if not isinstance(profile, TemplateProfile):
                if errors is not None:
                    errors.append(f"{plugin}: 声明的模板不是 TemplateProfile：{_short(profile)}")
                continue
            if profile.name in profiles:
                if errors is not None:
                    errors.append(f"{plugin}: 模板 {profile.name} 与 {profiles[profile.name].plugin} 重复")
                continue
            profiles[profile.name] = dataclasses.replace(profile, plugin=plugin)
    return list(profiles.values())


def find_template(profiles: Iterable[TemplateProfile], name: str) -> TemplateProfile:
    """The profile called ``name`` (as given to --template), or :class:`UnknownTemplate`."""
    profiles = list(profiles)
    for profile in profiles:
        if profile.name == name:
            return profile
    raise UnknownTemplate(name, [p.name for p in profiles])


@dataclass
class PluginInfo:
    """A loaded plugin, as ``checker plugins`` lists it."""

    name: str
    module: str
    distribution: str
    rules: list[str] = field(default_factory=list)


class Engine:
    """Runs every registered plugin's checks over a document."""

    def __init__(self, pm: Optional[pluggy.PluginManager] = None,
                 select: Iterable[str] = (), ignore: Iterable[str] = (),
                 options: Optional[dict[str, Any]] = None, saved: Optional[dict[str, Any]] = None):
        # the plugins' listing hooks are bounded by the limit given, before the options are
        # checked (that needs the options the plugins declare); a value refused below was not
        # used for long
        given = {**(saved or {}), **(options or {})}
        limit = time_limit(given.get(PLUGIN_TIME_LIMIT.name, PLUGIN_TIME_LIMIT.default))
        self.pm = pm if pm is not None else make_plugin_manager(limit=limit)
        listing = PluginCalls(self.pm, limit)
        self.select = [s for s in select if s]
        self.ignore = [s for s in ignore if s]
        self.rule_errors: list[str] = list(getattr(self.pm, "checker_load_errors", []))
        self.rules = self._collect_rules(listing)
        self.declared_options = self._collect_options(listing)
        # a code or prefix that selects no rule is a typing mistake, not "run nothing"
        check_patterns(self.select, self.rules, "--select")
        check_patterns(self.ignore, self.rules, "--ignore")
        self.templates = collect_templates(self.pm, self.rule_errors, listing)
        # the user's saved options (core.settings; read by the caller) under this run's own
        check_names(saved or {}, self.declared_options.values(), saved=True)
        check_names(options or {}, self.declared_options.values())
        saved = check_values(saved or {}, self.declared_options, saved=True)
        options = check_values(options or {}, self.declared_options)
        self.options = {**saved, **options}

    def _collect_rules(self, calls: PluginCalls) -> dict[str, Rule]:
        rules: dict[str, Rule] = {PLUGIN_ERROR.code: PLUGIN_ERROR, UNMATCHED_DEVIATION.code: UNMATCHED_DEVIATION}
        for plugin, declared_rules in declared(calls, "checker_rules", self.rule_errors):
            for rule in declared_rules:
                if not isinstance(rule, Rule):
                    self.rule_errors.append(f"{plugin}: 声明的规则不是 Rule：{type(rule).__name__} {_short(rule)}")
                    continue
                if rule.code in rules:
                    self.rule_errors.append(f"{plugin}: 声明的规则 {rule.code} 已属于插件 {rules[rule.code].plugin}，"
                                            "已拒绝（它以此编码报告的结果不计入）")
                    continue
                rules[rule.code] = Rule(**{**rule.__dict__, "plugin": plugin})
        return dict(sorted(rules.items()))

    def _collect_options(self, calls: PluginCalls) -> dict[str, RunOption]:
        # the engine's own: the input limits every file is vetted against (core.vet) and the
        # time each plugin may take per workbook
        options: dict[str, RunOption] = {o.name: o for o in limit_options() + [PLUGIN_TIME_LIMIT]}
        for plugin, declared_options in declared(calls, "checker_options", self.rule_errors):
            for option in declared_options:
                if not all(hasattr(option, a) for a in ("name", "default", "help")):
                    self.rule_errors.append(f"{plugin}: 声明的规则参数不是 RunOption：{_short(option)}")
                    continue
                if option.name in options:
                    self.rule_errors.append(f"{plugin}: 规则参数 {option.name} 与 {options[option.name].plugin} 重复")
                    continue
                options[option.name] = dataclasses.replace(option, plugin=plugin)
        return dict(sorted(options.items()))

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

    def context(self, document: Disclosure, prior: Optional[Disclosure] = None,
                calls: Optional[PluginCalls] = None) -> CheckContext:
        options = self.option_values()
        calls = calls or PluginCalls(self.pm, self._time_limit())
        return CheckContext(year=document.year, prior=prior, options=options, rules=self.rules, pm=self.pm,
                            hooks=BoundedHooks(calls))

    def check(self, document: Disclosure, prior: Optional[Disclosure] = None) -> list[Finding]:
        """All findings for ``document``, filtered, with accepted deviations marked."""
        calls = PluginCalls(self.pm, self._time_limit())
        ctx = self.context(document, prior, calls)
        findings: list[Finding] = []
        for message in self.rule_errors:
            findings.append(self._plugin_error(message.split(":", 1)[0], message))
        for hook, kwargs in (("checker_configure", {"context": ctx}),
                             ("checker_check", {"document": document, "context": ctx})):
            for impl in getattr(self.pm.hook, hook).get_hookimpls():
                self._call(calls, impl, hook, kwargs, findings)
        # the hooks plugins called themselves (context.hooks) that failed or overran
        findings.extend(self._plugin_error(plugin, message) for plugin, message in dict.fromkeys(calls.faults))
        template = document.template
        applies = (lambda code: True) if template is None else template.applies
        findings = [f for f in findings if self._selected(f.rule) and applies(f.rule)]
        unmatched = _apply_deviations(document, findings)
        if self._selected(UNMATCHED_DEVIATION.code):
            findings.extend(self._unmatched(dev, why) for dev, why in unmatched
                            if dev.rule not in self.rules or (self._selected(dev.rule) and applies(dev.rule)))
        findings.sort(key=Finding.sort_key)
        locate_pages(document, findings)       # a published PDF: each row's page
        return findings

    def _selected(self, code: str) -> bool:
        if code == PLUGIN_ERROR.code:
            return True  # a broken plugin is always reported
        if self.select and not _matches(code, self.select):
            return False
        return not _matches(code, self.ignore)

    def _call(self, calls: PluginCalls, impl: Any, hook: str, kwargs: dict[str, Any],
              findings: list[Finding]) -> None:
        """Call one hook implementation, turning an exception, a time-out or a result that is
        not findings into a finding about the plugin.

        pluggy's own hook call stops at the first exception; calling each implementation
        ourselves (with the arguments it asks for) keeps one broken plugin from hiding the rest.
        The call is bounded (:class:`PluginCalls`, option ``plugin_time_limit``): a plugin still
        running then is stopped and reported, and nothing it produced is kept.
        """
        name = impl.plugin_name
        outcome = calls.call(impl, kwargs, hook, listed=True)     # a generator runs inside the bound too
        fault = calls.message(name, hook, outcome)
        if fault:
            findings.append(self._plugin_error(name, fault))
            return
        for finding in outcome.value or []:
            if not isinstance(finding, Finding):
                findings.append(self._plugin_error(
                    name, f"插件 {name} 返回了不是校验结果（Finding）的内容：{type(finding).__name__} "
                          f"{_short(finding)}，已忽略。"))
                continue
            fault = _malformed(finding)
            if fault:
                findings.append(self._plugin_error(name, f"插件 {name} 返回的校验结果不完整（{fault}），已忽略。"))
                continue
            rule = self.rules.get(finding.rule)
            if rule is None:
                findings.append(self._plugin_error(name, f"插件 {name} 报告了未声明的规则 {finding.rule}：{finding.message}"))
                continue
            if rule.plugin != name:
                findings.append(self._plugin_error(
                    name, f"插件 {name} 报告了属于 {rule.plugin} 的规则 {finding.rule}，已拒绝：{_short(finding.message)}"))
                continue
            finding.plugin = name
            if finding.severity is None:
                finding.severity = rule.severity
            findings.append(finding)

    def _unmatched(self, dev: AcceptedDeviation, why: str) -> Finding:
        from .selection import suggestion

        where = f"，位置 {dev.location}" if dev.location else ""
        if dev.rule not in self.rules:
            why = f"没有规则 {dev.rule}。{suggestion(dev.rule, self.rules)}"
        return Finding(UNMATCHED_DEVIATION.code,
                       f"校验说明第 {dev.cell.row + 1} 行（规则 {dev.rule}{where}）没有对应的结果：{why}",
                       [Location.at(dev.cell, "校验说明")], severity=UNMATCHED_DEVIATION.severity, plugin="checker.core")
    def _time_limit(self) -> float:
        return time_limit(self.options.get(PLUGIN_TIME_LIMIT.name, PLUGIN_TIME_LIMIT.default))

    @staticmethod
    def _plugin_error(name: str, message: str) -> Finding:
        return Finding(rule=PLUGIN_ERROR.code, message=message, severity=Severity.ERROR,
                       locations=[Location(sheet="", cell="", table=f"插件 {name}")], plugin=name)


def _malformed(finding: Finding) -> str:
    """What is wrong with a Finding a plugin built (the reports would fail on it later), or ""."""
    if not isinstance(finding.rule, str) or not isinstance(finding.message, str):
        return "规则编码和说明应为文字"
    if not isinstance(finding.locations, list) or not all(isinstance(loc, Location) for loc in finding.locations):
        return "位置应为 Location 的列表"
    if finding.severity is not None and not isinstance(finding.severity, Severity):
        return "级别应为 Severity"
    if any(v is not None and not isinstance(v, str) for v in (finding.expected, finding.actual)):
        return "建议值和实际值应为文字"
    if not isinstance(finding.fixes, list) or not all(isinstance(f, Fix) for f in finding.fixes) \
            or not isinstance(finding.unfixed, str):
        return "自动修改（fixes）应为 Fix 的列表，unfixed 应为文字"
    return ""


def _short(value: object, length: int = 60) -> str:
    try:
        text = str(value)
    except Exception:  # noqa: BLE001 - a hostile __str__
        text = object.__repr__(value)
    return text if len(text) <= length else text[:length] + "…"


def _apply_deviations(document: Disclosure, findings: list[Finding]) -> list[tuple[AcceptedDeviation, str]]:
    """A warning listed in 校验说明 (rule, location, explanation) counts as explained; returns the
    rows that explain nothing, each with why (rule S020).

    Errors stay errors: 强制性 rules cannot be explained away, as in 提示性审核 practice.
    """
    used: set[int] = set()
    for finding in findings:
        if finding.severity is Severity.ERROR:
            continue
        for i, dev in enumerate(document.deviations):
            if dev.rule != finding.rule:
                continue
            if not dev.location or any(location_matches(dev.location, loc) for loc in finding.locations):
                finding.explained = dev.explanation
                used.add(i)
                break
    unmatched = []
    for i, dev in enumerate(document.deviations):
        if i in used:
            continue
        same_rule = [f for f in findings if f.rule == dev.rule]
        at = [f for f in same_rule if not dev.location or any(location_matches(dev.location, loc) for loc in f.locations)]
        if at and all(f.severity is Severity.ERROR for f in at):
            why = "该结果是“错误”级，必须修改，不能用校验说明解释。"
        elif at:     # matched, but an earlier row already explains these findings
            why = "同一结果已由前面的行说明。"
        elif same_rule:
            places = "、".join(dict.fromkeys(str(loc) or loc.table for f in same_rule for loc in f.locations[:1]))
            why = f"规则 {dev.rule} 在这个位置没有结果；本次的结果在 {places}。请照抄校验结果中的位置。"
        else:
            why = f"本次校验没有规则 {dev.rule} 的结果（可能已经改正，可删除此行）。"
        unmatched.append((dev, why))
    return unmatched


_CELL = lazy_pattern(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_LABEL = lazy_pattern(r"^(表\d+)(.*)$")


def _place(text: str) -> str:
    """A sheet or table name in matching form: NFKC, no spaces or quotes."""
    return norm(text).replace("'", "").replace('"', "")


def _names(loc: Location) -> set[str]:
    """Every spelling of where ``loc`` is: the sheet, the table label with and without its title
    ("表5", "表5一般公共预算支出情况表", "一般公共预算支出情况表")."""
    names = {_place(loc.sheet)} if loc.sheet else set()
    table = _place(loc.table)
    if table:
        names.add(table)
        m = _LABEL.match(table)
        if m:
            names.add(m.group(1))
            if m.group(2):
                names.add(m.group(2))
    return names - {""}


def location_matches(text: str, loc: Location) -> bool:
    """Does the 校验说明 location ``text`` point at ``loc``? However the report spelled it: the sheet
    with or without spaces and quotes, the table label or full title for the sheet, a cell alone."""
    text = norm(text).replace("！", "!")
    if "!" in text:
        sheet, _, cell = text.rpartition("!")
        m = _CELL.match(cell.upper())
        return bool(m) and f"{m[1]}{m[2]}" == loc.cell and _place(sheet) in _names(loc)
    m = _CELL.match(text.upper())
    if m:
        return f"{m[1]}{m[2]}" == loc.cell
    return _place(text) in _names(loc)


def check_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts of unexplained findings by severity."""
    counts = {"error": 0, "warning": 0, "info": 0, "explained": 0}
    for f in findings:
        if f.explained:
            counts["explained"] += 1
        elif f.severity is not None:
            counts[f.severity.value] += 1
    return counts
