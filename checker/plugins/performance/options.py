"""The run options the performance rules read, with their defaults (``checker run --option name=value``)."""
from __future__ import annotations

from typing import Any

from checker.core.context import CheckContext
from checker.core.options import RunOption

OPTIONS = [
    RunOption("performance_required_kinds", "数量,质量,时效,成本,效益,满意度",
              "每张项目支出绩效目标表必须有的指标类型（P022），用逗号分隔", type="text"),
    RunOption("performance_required_kinds_by_year", {},
              '按预算年度另行规定必须有的指标类型（P022），如 {"2020": "数量,质量,时效,效益,满意度"}', type="mapping"),
    RunOption("performance_required_kinds_by_region", {},
              '按地区另行规定（P022），键为单位名称中包含的地区名，如 {"昌吉": "数量,质量,时效,成本,效益,满意度"}；优先于按年度的规定', type="mapping"),
    RunOption("performance_required_kinds_whole", "",
              "部门/单位整体绩效目标表必须有的指标类型（P022），默认不要求，如 数量,质量,效益,满意度", type="text"),
    RunOption("performance_weight_totals", [90, 100],
              "允许的指标权重合计（P040）；90 表示另 10 分留给预算执行率", type="list", minimum=0),
]
DEFAULTS: dict[str, Any] = {o.name: o.default for o in OPTIONS}


def option(context: CheckContext, name: str) -> Any:
    return context.option(name, DEFAULTS[name])
