"""Reading 项目支出绩效目标表 / 部门整体绩效目标表 / 单位整体绩效目标表.

A target table is a header block of labelled fields (预算单位 | value, 项目名称 | value | 项目负责人 |
value, …) followed by an indicator grid (一级/二级/三级指标, 指标值, …). Labels are recognised by
their text, so a table laid out a little differently, or missing a column, still reads.
"""
from __future__ import annotations

import re

from ..grid import SheetGrid
from ..model import HeaderField, Indicator, TargetTable
from ..text import clean, lazy_pattern, norm, parse_number
from .tables import YEAR_LINE, TitleHit

# Header-block labels; a cell whose normalised text is one of these is a label, and the next
# non-label cell to its right is its value.
FIELD_LABELS = [
    "预算单位", "单位名称", "部门名称", "部门名称(盖章)", "单位名称(盖章)", "主管部门", "实施单位",
    "项目名称", "项目负责人", "联系电话", "部门联系人", "单位联系人", "项目属性", "项目期限",
    "项目资金(万元)", "项目资金", "年度预算总额", "年度资金总额", "其中:财政拨款", "财政拨款", "其中:财政资金",
    "其他资金", "项目总体目标", "总体目标", "年度绩效目标", "年度总体目标", "绩效目标",
    "年度预算(万元)", "年度预算", "资金来源", "资金总额(万元)", "资金总额", "财政资金(万元)", "财政资金",
    "上级安排", "本级安排", "其他资金(万元)", "其他",
]
_LABELS = {norm(x) for x in FIELD_LABELS}

# indicator grid columns: model attribute → header texts that name it
GRID_COLUMNS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标",),
    "value": ("指标值", "目标值", "指标目标值"),
    "basis": ("指标值设置依据", "指标设定依据", "指标值设定依据", "设置依据"),
    "last_year": ("上年完成值", "上年实际完成值", "上年度完成值"),
    "weight": ("指标分值权重", "分值权重", "权重", "分值"),
    "scoring": ("指标赋分规则", "赋分规则", "评分规则"),
    "evidence": ("佐证资料", "佐证材料"),
}


_COLON = lazy_pattern(r"[:：]+$")


def _label_key(text: object) -> str:
    """A label's matching form: no spaces, no trailing colon ("年度 预算总额：" → 年度预算总额)."""
    return _COLON.sub("", norm(text))


def _is_label(text: str) -> bool:
    t = _label_key(text)
    return t in _LABELS or (t.endswith("(盖章)") and t[:-4] in _LABELS)


_INLINE_LABEL = lazy_pattern(r"([^\s:：]+)\s*[:：]")


def _inline_fields(text: str) -> list[tuple[str, str]]:
    """A cell holding its label and value together, a colon between ("项目负责人：杜强"; several pairs
    apart by spaces, "项目负责人：杜强 联系电话：0996-1234567"): each (label, value). The cell must
    begin with a label; a colon inside a value (a time, "其中:") stays in the value."""
    t = clean(text)
    first = _INLINE_LABEL.match(t)
    if first is None or not _is_label(first.group(1)):    # the first pair must open the cell
        return []
    hits = [m for m in _INLINE_LABEL.finditer(t)
            if _is_label(m.group(1)) and (m.start() == 0 or t[m.start() - 1].isspace())]
    if not hits or hits[0].start() != 0:
        return []
    ends = [m.start() for m in hits[1:]] + [len(t)]
    return [(m.group(1), t[m.end():end].strip()) for m, end in zip(hits, ends)]


def read_target(grid: SheetGrid, hit: TitleHit, end: int) -> TargetTable:
    table = TargetTable(kind=str(hit.kind), title_cell=grid.cell(hit.row, hit.col))
    r = hit.row + 1
    grid_header = None
    while r < end:
        texts = grid.row_texts(r)
        if texts and any(norm(t) == "一级指标" for _, t in texts):
            grid_header = r
            break
        for i, (c, t) in enumerate(texts):
            n = norm(t)
            m = YEAR_LINE.match(n)
            if m and table.year is None and len(texts) == 1:
                table.year = int(m.group(1))
                continue
            if _is_label(t):
                n = _label_key(t)
                value, cell = None, None
                for c2, t2 in texts[i + 1:]:
                    if _is_label(t2):
                        break
                    value, cell = grid.value(r, c2), grid.cell(r, c2)
                    break
                key = n
                if key in table.fields:  # 其他资金 under both 财政资金 and 资金总额, …
                    key = f"{key}#{r}"
                table.fields[key] = HeaderField(label=_COLON.sub("", clean(t)).strip(), value=_field_value(value),
                                                cell=cell)
                continue
            for label, inline in _inline_fields(t):
                key = _label_key(label)
                if key in table.fields:
                    key = f"{key}#{r}"
                table.fields[key] = HeaderField(label=label, value=_field_value(inline), cell=grid.cell(r, c))
        r += 1
    if grid_header is None:
        return table
    cols: dict[str, int] = {}
    for c, t in grid.row_texts(grid_header):
        n = norm(t)
        for attr, names in GRID_COLUMNS.items():
            if attr not in cols and n in {norm(x) for x in names}:
                cols[attr] = c
                break
    table.columns = [attr for attr in GRID_COLUMNS if attr in cols]
    last_col = max((c for c, _ in grid.row_texts(grid_header)), default=0)
    level1 = level2 = ""
    level1_cell = level2_cell = None
    for r in range(grid_header + 1, end):
        texts = grid.row_texts(r)
        if not texts:
            if table.indicators:
                break
            continue
        if any(norm(t) == "一级指标" for _, t in texts):
            continue  # header repeated
        shift = _shifted(grid, r, cols, last_col)
        get = lambda attr: grid.value(r, cols[attr] + shift) if attr in cols else None  # noqa: E731
        l1, l2 = clean(get("level1")), clean(get("level2"))
        level1 = l1 or level1
        if l1:
            level2, level2_cell = "", None
            level1_cell = grid.cell(r, cols["level1"] + shift)
        level2 = l2 or level2
        if l2:
            level2_cell = grid.cell(r, cols["level2"] + shift)
        name = clean(get("name"))
        value = clean(get("value"))
        if not name and not value:
            continue
        weight, _ = parse_number(get("weight"))
        table.indicators.append(Indicator(
            level1=norm(level1), level2=norm(level2), name=name, value=value,
            cell=grid.cell(r, cols.get("name", 0) + shift),
            value_cell=grid.cell(r, cols["value"] + shift) if "value" in cols else None,
            basis=clean(get("basis")) or None,
            last_year=clean(get("last_year")) or None,
            weight=weight, weight_cell=grid.cell(r, cols["weight"] + shift) if "weight" in cols else None,
            scoring=clean(get("scoring")) or None,
            evidence=clean(get("evidence")) or None,
            level1_cell=level1_cell, level2_cell=level2_cell,
        ))
    return table


def _shifted(grid: SheetGrid, r: int, cols: dict[str, int], last_col: int) -> int:
    """1 when the indicator row's cells start one column to the right of the grid header (an
    export that left a merged 一级指标 cell's place blank and pushed the row over): its 一级 and
    二级 cells are blank and the row runs past the header's last column; else 0."""
    first = cols.get("level1")
    if first is None or grid.value(r, first) is not None or grid.value(r, first + 1) is not None:
        return 0
    return int(any(c > last_col for c, _ in grid.row_texts(r)))


def _field_value(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number, _ = parse_number(value)
        return number
    text = clean(value)
    number, ok = parse_number(text)
    if number is not None and ok and re.match(r"^[\d,.]+$", text):
        return number
    return text or None


