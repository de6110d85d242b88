"""The reviewer's summary of a run over many workbooks: one row per file, counts by rule family.

A finance bureau (财政局) receiving every department's disclosure wants a table it can sort and
filter: which unit, which year and template, in what state, how many errors and warnings in each
family of rules (S 结构, A 算术, C 科目编码, Y 增减变化, P 绩效目标), and the worst findings. The
rows are made from each file's JSON entry (report.file_entry), so the CSV, the Excel and the HTML
summaries say what ``--format json`` says. Column names are Chinese and stable: scripts may read
them.
"""
from __future__ import annotations

from typing import Any, Optional, Protocol

from .findings import FAMILIES
from .report import STATUS_LABELS


class Reviewed(Protocol):
    """What the summaries need of a checked file (checker.batch.Outcome has it)."""

    entry: dict[str, Any]
    template_title: Optional[str]
    annotated: Optional[str]


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def family_counts(entry: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Unexplained errors and warnings per family prefix ("S", "A", …)."""
    counts = {prefix: {"error": 0, "warning": 0} for prefix in FAMILIES}
    for f in entry["findings"]:
        fam = counts.get(f["rule"][:1])
        if fam is not None and not f["explained"] and f["severity"] in fam:
            fam[f["severity"]] += 1
    return counts


def worst_findings(entry: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
    """The ``n`` findings a reviewer reads first: unexplained errors, then warnings, in report order."""
    shown = [f for f in entry["findings"] if not f["explained"] and f["severity"] in ("error", "warning")]
    return sorted(shown, key=lambda f: SEVERITY_RANK[f["severity"]])[:n]


def finding_place(f: dict[str, Any]) -> str:
    """"表2 …  D12" — the first location of a finding, for a one-line summary."""
    if not f["locations"]:
        return ""
    loc = f["locations"][0]
    return "  ".join(part for part in (loc["table"] or loc["sheet"], loc["cell"]) if part)


def finding_line(f: dict[str, Any]) -> str:
    """"错误 A301 表2 D12：合计与各项之和不符" — one finding on one line."""
    place = finding_place(f)
    return f"{f['severity_label']} {f['rule']} {place + '：' if place else ''}{f['message']}"


FAMILY_COLUMNS = [(prefix, f"{name}{kind}", key) for prefix, name in FAMILIES.items()
                  for kind, key in (("错误", "error"), ("警告", "warning"))]
OVERVIEW_COLUMNS = (["文件", "单位", "年度", "模板", "状态", "错误", "警告", "提示", "已说明"]
                    + [title for _, title, _ in FAMILY_COLUMNS] + ["说明"])


def overview_row(item: Reviewed) -> list[Any]:
    """One file's row under :data:`OVERVIEW_COLUMNS` (numbers as numbers; 说明: why unreadable)."""
    e = item.entry
    fams = family_counts(e)
    return ([e["path"], e["unit"] or "", e["year"] if e["year"] is not None else "",
             item.template_title or e["template"] or "", STATUS_LABELS[e["status"]],
             e["counts"]["error"], e["counts"]["warning"], e["counts"]["info"], e["counts"]["explained"]]
            + [fams[prefix][key] for prefix, _, key in FAMILY_COLUMNS] + [e.get("error") or ""])
