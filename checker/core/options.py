"""Run options: the thresholds and lists a plugin's rules read, adjustable per run.

A plugin declares the options it reads through the ``checker_options`` hook, each with its
default and a Chinese description; the engine starts every run from those defaults and lays the
user's ``checker run --option name=value`` over them. A name no plugin declared is refused with
the list of the names that exist: a misspelt option must not silently leave the default in force.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence

from .errors import UsageError


@dataclass(frozen=True)
class RunOption:
    """One option a plugin reads through ``context.option(name)``."""

    name: str
    default: Any
    help: str            # what it adjusts, in Chinese, naming the rules it affects
    plugin: str = ""     # filled in by the engine
    type: Optional[str] = None            # one of TYPES; None: any value
    minimum: Optional[float] = None       # numbers (a list's items) at least this
    maximum: Optional[float] = None       # … at most this
    choices: Optional[Sequence[Any]] = None

    def __post_init__(self) -> None:
        if self.type is not None and self.type not in TYPES:
            raise ValueError(f"option {self.name}: type {self.type!r} is not one of {sorted(TYPES)}")

    @property
    def shown_default(self) -> str:
        return shown_value(self.default)

    @property
    def shown_type(self) -> str:
        """"数字（≥ 0）", "文字", …: what ``checker options`` says a value must be."""
        if self.type is None:
            return ""
        text = "数字列表" if self.type == "list" and self._numbers else TYPES[self.type]
        bounds = []
        if self.minimum is not None:
            bounds.append(f"≥ {_num(self.minimum)}")
        if self.maximum is not None:
            bounds.append(f"≤ {_num(self.maximum)}")
        if self.choices:
            bounds.append("可选 " + "、".join(map(str, self.choices)))
        return text + (f"（{'，'.join(bounds)}）" if bounds else "")

    def problem(self, value: Any) -> Optional[str]:
        """Why ``value`` does not fit (Chinese), or None when it does."""
        if self.type is None:
            return None
        if self.type in ("number", "integer"):
            return self._number_problem(value)
        if self.type == "text":
            if not isinstance(value, str):
                return f"应为文字，而不是 {shown_value(value)}"
            if self.choices and value not in self.choices:
                return f"“{value}”不是可选的值（{'、'.join(map(str, self.choices))}）"
            return None
        if self.type == "list":
            if not isinstance(value, list):
                return f"应为列表（JSON，如 {shown_value(self.default)}），而不是 {shown_value(value)}"
            if not self._numbers:
                return None
            for item in value:
                if not _is_number(item):
                    return f"列表中的 {shown_value(item)} 不是数字"
                why = self._number_problem(item)
                if why:
                    return f"列表中的 {shown_value(item)} {why}"
            return None
        if not isinstance(value, dict):      # mapping
            return f"应为 JSON 对象（如 {{\"2020\": \"…\"}}），而不是 {shown_value(value)}"
        bad = [k for k, v in value.items()
               if not (isinstance(v, str) or isinstance(v, list) and all(isinstance(i, str) for i in v))]
        return f"键 {bad[0]} 的值应为文字或文字的列表" if bad else None

    @property
    def _numbers(self) -> bool:
        """A list option whose items are numbers: it has a range, or its default is numbers."""
        return self.minimum is not None or self.maximum is not None or (
            isinstance(self.default, list) and bool(self.default) and all(map(_is_number, self.default)))

    def _number_problem(self, value: Any) -> Optional[str]:
        if not _is_number(value):
            return f"应为数字，而不是 {shown_value(value)}"
        if self.type == "integer" and value != int(value):
            return f"应为整数，而不是 {shown_value(value)}"
        if self.minimum is not None and value < self.minimum:
            return f"不能小于 {_num(self.minimum)}（给的是 {shown_value(value)}）"
        if self.maximum is not None and value > self.maximum:
            return f"不能大于 {_num(self.maximum)}（给的是 {shown_value(value)}）"
        return None

    def convert(self, value: Any) -> Any:
        """A value as typed, read as this option's type: ``20`` typed for a text option is the
        text "20"; ``"90,100"`` for a list of numbers is [90, 100]."""
        if self.type in ("number", "integer") and isinstance(value, str):
            parsed = parse_value(value.strip())
            return parsed if _is_number(parsed) else value
        if self.type == "text" and _is_number(value):
            return json.dumps(value)
        if self.type == "text" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ",".join(value)
        if self.type == "list" and isinstance(value, str) and value.strip():
            items = [parse_value(v.strip()) for v in value.split(",") if v.strip()]
            return items
        return value


TYPES = {"number": "数字", "integer": "整数", "text": "文字", "list": "列表", "mapping": "JSON 对象"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def shown_value(value: Any) -> str:
    """An option's value as it would be typed after ``--option name=``."""
    if value in ("", None):
        return "（空）"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def parse_value(raw: str) -> Any:
    """A value as typed: JSON where it is JSON (20, [90, 100], {"2020": "…"}), else the text itself."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def check_names(given: Mapping[str, Any], declared: Iterable[RunOption], saved: bool = False) -> None:
    """Refuse option names no plugin declared (UsageError, in Chinese); ``saved`` for the names
    saved with ``checker options set`` (a plugin since removed may have declared them)."""
    known = sorted(o.name for o in declared)
    unknown = [name for name in given if name not in known]
    if not unknown:
        return
    names = "、".join(unknown)
    listed = "、".join(known) if known else "（没有）"
    if saved:
        raise UsageError(f"保存的规则参数 {names} 已没有插件使用。请用 checker options unset {unknown[0]} 删除。"
                         f"可用的参数：{listed}。")
    raise UsageError(f"未知的规则参数：{names}。可用的参数：{listed}（见 checker options）。")


def check_values(given: Mapping[str, Any], declared: Mapping[str, RunOption], saved: bool = False,
                 where: str = "") -> dict[str, Any]:
    """The values converted to their options' types; a value that does not fit is a UsageError
    naming the option, what it must be and (``saved``) how to mend the saved value."""
    out: dict[str, Any] = {}
    for name, value in given.items():
        option = declared.get(name)
        if option is None:
            out[name] = value
            continue
        value = option.convert(value)
        why = option.problem(value)
        if why:
            if saved:
                raise UsageError(f"保存的规则参数 {name} 的值无效：{why}。请用 checker options set {name} 新值 重新保存，"
                                 f"或用 checker options unset {name} 恢复默认值（{option.shown_default}）。")
            raise UsageError(f"{where or '规则参数'} {name} 的值无效：{why}。"
                             f"应为 {option.shown_type}，默认 {option.shown_default}（见 checker options）。")
        out[name] = value
    return out
