"""Coverage: a target table for every project, and the narrative's counts (P001–P005)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from checker.core.findings import Finding, Location, amount_text
from checker.core.model import format_wan
from checker.core.rounding import Agreement, compare
from checker.core.statements import place

from .analysis import Analysis, Target
from .header import goal_contradicts_header
from .names import printed
from .statements import Secret, secret_declarations, stated_counts
from checker.core.model import TableRole


def check(a: Analysis) -> Iterator[Finding]:
    secrets = secret_declarations(a.document)
    exempt = _exempt_projects(a, secrets)
    yield from _missing_tables(a, exempt)
    yield from _unmatched_tables(a)
    yield from _names_differ(a)
    yield from _narrative_counts(a)
    yield from _secret_notes(a, secrets, exempt)


def _exempt_projects(a: Analysis, secrets: list[Secret]) -> dict[int, Secret]:
    """表7 projects without a table that a 涉密 declaration covers: by name, by amount, or all of
    them when their number and total are what the declaration states."""
    missing = [p for p in a.projects if not p.targets]
    out: dict[int, Secret] = {}
    for secret in secrets:
        for p in missing:
            if secret.names(p.name) or (secret.amount is not None and compare(p.amounts, secret.amount) is not Agreement.BROKEN):
                out[id(p)] = secret
        rest = [p for p in missing if id(p) not in out]
        if rest and secret.amount is not None and (secret.count is None or len(rest) <= secret.count):
            if compare([x for p in rest for x in p.amounts], secret.amount) is not Agreement.BROKEN:
                for p in rest:
                    out[id(p)] = secret
    return out


def _missing_tables(a: Analysis, exempt: dict[int, Secret]) -> Iterator[Finding]:
    t7 = a.document.label(TableRole.GPB_PROJECTS)
    label = a.t7.label if a.t7 is not None else t7
    for p in a.projects:
        if p.targets or id(p) in exempt:
            continue
        yield Finding("P001", f"{t7} 的项目“{p.name}”（{format_wan(p.total)} 万元）没有项目支出绩效目标表。",
                      [Location.at(p.cell, label, p.name)], actual="无绩效目标表")


def _unmatched_tables(a: Analysis) -> Iterator[Finding]:
    seen: dict[int, Target] = {}
    # a template without a 项目支出 table (Shanghai's) lists no project a target table could match
    template = a.document.template
    listed = template is None or template.has(TableRole.GPB_PROJECTS)
    for t in a.project_targets:
        loc = Location.at(t.table.title_cell, t.label, t.name)
        if t.project is not None:
            first = seen.setdefault(id(t.project), t)
            if first is not t:
                yield Finding("P002", f"“{t.name}”与“{first.name}”（{first.table.title_cell}）是"
                                      f"{a.document.label(TableRole.GPB_PROJECTS)} 同一个项目"
                                      f"“{t.project.name}”的绩效目标表，重复填报。", [loc])
            continue
        if t.carry is not None or not t.is_financial or not listed:
            continue
        fin = format_wan(t.fin.value) if t.fin else "空"
        where_ = a.document.label(TableRole.GPB_PROJECTS)
        if a.document.table(TableRole.CARRYOVER) is not None:
            where_ += f" 和{a.document.label(TableRole.CARRYOVER)}"
        yield Finding("P002", f"绩效目标表“{t.name}”使用财政拨款 {fin} 万元，但{where_}中没有对应的项目。",
                      [loc], actual=t.name)


def _names_differ(a: Analysis) -> Iterator[Finding]:
    for t in a.project_targets:
        if t.project is None or printed(t.name) == printed(t.project.name):
            continue
        fld = t.table.field_value("项目名称")
        t7 = a.document.label(TableRole.GPB_PROJECTS)
        yield Finding("P003", f"绩效目标表的项目名称“{t.name}”与{t7} 的“{t.project.name}”不一致。",
                      [Location.at(fld.cell if fld else t.table.title_cell, t.label, t.name),
                       Location.at(t.project.cell, a.t7.label if a.t7 else t7, t.project.name)],
                      expected=t.project.name, actual=t.name)


def shown_counts(a: Analysis, by_goal: bool = False) -> dict[str, tuple[int, Decimal]]:
    """What the tables show: (count, amount) of financial, non-financial and whole targets.
    ``by_goal``: a target table whose header contradicts its own 总体目标 counts with the goal's
    total instead (which of the two the narrative followed is that table's question, P015)."""
    def money_of(t: Target, header: Decimal) -> Decimal:
        goal = goal_contradicts_header(t) if by_goal else None
        return goal if goal is not None else header

    fin_count = len(a.projects)
    fin_amount = sum((p.total for p in a.projects), Decimal(0))
    non_count, non_amount = 0, Decimal(0)
    for t in a.project_targets:
        if t.project is not None:
            continue
        if t.is_financial:
            fin_count += 1
            fin_amount += t.fin.value          # type: ignore[union-attr]
        else:
            non_count += 1
            money = t.total or t.other
            non_amount += money_of(t, money.value if money else Decimal(0))
    whole_amount = Decimal(0)
    for t in a.whole_targets:
        if t.total is not None:
            whole_amount += money_of(t, t.total.value)
        else:
            whole_amount += money_of(t, sum((m.value for m in (t.fin, t.other) if m is not None), Decimal(0)))
    return {"财政拨款": (fin_count, fin_amount), "非财政拨款": (non_count, non_amount),
            "整体": (len(a.whole_targets), whole_amount),
            "全部": (fin_count + non_count, fin_amount + non_amount)}


# _SOURCE names the project table by the document's own label ({t7})
_WHAT = {"财政拨款": "当年财政拨款项目", "非财政拨款": "当年非财政拨款项目", "整体": "整体绩效目标", "全部": "当年预算安排项目"}
_SOURCE = {"财政拨款": "{t7} 的项目和{t7} 以外使用财政拨款的项目目标表", "非财政拨款": "财政拨款为 0 的项目支出绩效目标表",
           "整体": "部门（单位）整体绩效目标表", "全部": "项目支出绩效目标表对应的项目"}


def _narrative_counts(a: Analysis) -> Iterator[Finding]:
    shown = shown_counts(a)
    by_goal = None          # the sums with self-contradicting tables taken at their goal, when needed
    t7 = a.document.label(TableRole.GPB_PROJECTS)
    for s in stated_counts(a.document):
        count, amount = shown[s.what]
        source = _SOURCE[s.what].format(t7=t7)
        loc = [Location.at(s.paragraph.cell, place(s.paragraph), _WHAT[s.what])]
        if s.count is not None and s.count != count:
            yield Finding("P004", f"情况说明称{_WHAT[s.what]} {s.count} 个，但{source}共 {count} 个。",
                          loc, expected=str(count), actual=str(s.count))
        if s.amount is not None and compare(s.amount, amount) is Agreement.BROKEN:
            by_goal = by_goal or shown_counts(a, by_goal=True)
            if compare(s.amount, by_goal[s.what][1]) is not Agreement.BROKEN:
                continue    # a table whose header contradicts its own 总体目标 (P015, on that table)
            yield Finding("P004", f"情况说明称{_WHAT[s.what]}涉及金额 {format_wan(s.amount)} 万元，"
                                  f"但{source}合计 {format_wan(amount)} 万元。",
                          loc, expected=amount_text(amount), actual=amount_text(s.amount))


def _secret_notes(a: Analysis, secrets: list[Secret], exempt: dict[int, Secret]) -> Iterator[Finding]:
    for secret in secrets:
        what = []
        if secret.count is not None:
            what.append(f" {secret.count} 个涉密项目")
        if secret.amount is not None:
            what.append(f"涉及 {format_wan(secret.amount)} 万元")
        covered = [p for p in a.projects if exempt.get(id(p)) is secret]
        message = f"情况说明声明有{'，'.join(what) or '涉密项目'}，其绩效目标表不予公开；涉密项目不要求公开绩效目标表"
        if covered:
            names = "、".join(f"“{p.name}”（{format_wan(p.total)} 万元）" for p in covered)
            message += f"，{a.document.label(TableRole.GPB_PROJECTS)} 中的{names}据此不按缺表处理。"
        else:
            message += "，已记录在案。"
        yield Finding("P005", message, [Location.at(secret.paragraph.cell, place(secret.paragraph), "涉密项目")],
                      actual=amount_text(secret.amount))
