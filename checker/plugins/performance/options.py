"""The run options the performance rules read, with their defaults (``checker run --option name=value``)."""
from __future__ import annotations

from typing import Any

from checker.core.context import CheckContext

DEFAULTS: dict[str, Any] = {
    # indicator kinds every 项目支出绩效目标表 must have (P022)
    "performance_required_kinds": "数量,质量,时效,成本,效益,满意度",
    # overrides by budget year, e.g. {"2020": "数量,质量,时效,效益,满意度"}
    "performance_required_kinds_by_year": {},
    # overrides by region, matched in the unit's name, e.g. {"昌吉": "数量,质量,时效,成本,效益,满意度"}
    "performance_required_kinds_by_region": {},
    # indicator kinds every 部门/单位整体绩效目标表 must have (P022); none by default, e.g. "数量,质量,效益,满意度"
    "performance_required_kinds_whole": "",
    # weight totals a table may have (P040): 100, or 90 with 10 points for 预算执行率
    "performance_weight_totals": [90, 100],
}


def option(context: CheckContext, name: str) -> Any:
    return context.option(name, DEFAULTS[name])
