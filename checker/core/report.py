"""Rendering findings: Chinese text for a terminal, stable JSON for integrations."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional

from .engine import check_counts
from .findings import FAMILIES, Finding, Severity
from .model import Disclosure


@dataclass
class FileResult:
    path: str
    document: Optional[Disclosure] = None
    findings: list[Finding] = field(default_factory=list)
    error: Optional[str] = None          # the InputError message when the file could not be read


def family_summary(findings: list[Finding]) -> str:
    """"算术 2 错误 / 1 警告，科目编码 0 错误 / 3 警告" over the families that have findings."""
    parts = []
    for prefix, name in FAMILIES.items():
        fam = [f for f in findings if f.rule.startswith(prefix) and not f.explained]
        errors = sum(1 for f in fam if f.severity is Severity.ERROR)
        warnings = sum(1 for f in fam if f.severity is Severity.WARNING)
        if errors or warnings:
            parts.append(f"{name} {errors} 错误/{warnings} 警告")
    return "，".join(parts)


def summary_line(findings: list[Finding]) -> str:
    counts = check_counts(findings)
    line = f"{counts['error']} 个错误，{counts['warning']} 个警告"
    if counts["info"]:
        line += f"，{counts['info']} 条提示"
    if counts["explained"]:
        line += f"，{counts['explained']} 条已说明"
    fams = family_summary(findings)
    return line + (f"（{fams}）" if fams else "")


def render_text(results: list[FileResult], verbose: bool = False) -> str:
    out: list[str] = []
    for res in results:
        out.append(f"文件：{res.path}")
        if res.error:
            out.append(f"  {res.error}")
            out.append("")
            continue
        doc = res.document
        if doc is not None:
            kind = f"{doc.kind}预算" if doc.kind else "预算"
            year = f"{doc.year} 年" if doc.year else "年度未识别"
            template = f"，{doc.template.title}模板" if doc.template else ""
            out.append(f"单位：{doc.unit or '未识别'}（{kind}，{year}{template}，识别到 {len(doc.tables)} 张公开表、"
                       f"{len(doc.targets)} 张绩效目标表）")
        shown = [f for f in res.findings if verbose or f.severity is not Severity.INFO or f.explained]
        current = None
        for f in shown:
            table = f.locations[0].table if f.locations else ""
            if table != current:
                out.append("")
                out.append(f"【{table or '整体'}】")
                current = table
            where = "、".join(str(loc) for loc in f.locations[:3] if str(loc))
            label = f.severity.label if f.severity else ""
            line = f"  {label} {f.rule} {where}  {f.message}"
            if f.expected is not None:
                line += f"  建议值：{f.expected}"
            out.append(line)
            if f.explained:
                out.append(f"      已说明：{f.explained}")
        out.append("")
        out.append(f"汇总：{summary_line(res.findings)}")
        out.append("")
    if len(results) > 1:
        out.extend(overview_lines(results))
    return "\n".join(out).rstrip() + "\n"


def file_status(res: FileResult) -> str:
    """无法读取 / 有错误 / 有警告 / 未发现问题: what a reviewer of many submissions sorts by."""
    if res.error:
        return "无法读取"
    counts = check_counts(res.findings)
    return "有错误" if counts["error"] else "有警告" if counts["warning"] else "未发现问题"


STATUS_ORDER = ("无法读取", "有错误", "有警告", "未发现问题")


def overview_lines(results: list[FileResult]) -> list[str]:
    """For a folder of submissions: how many files are in each state, then one line per file,
    the ones that need work first (a finance bureau checks every department's workbook at once)."""
    statuses = [(file_status(r), r) for r in results]
    tally = "，".join(f"{sum(1 for s, _ in statuses if s == name)} 个{name}" for name in STATUS_ORDER)
    lines = ["=" * 40, f"总览：共校验 {len(results)} 个工作簿，{tally}"]
    for status, res in sorted(statuses, key=lambda sr: STATUS_ORDER.index(sr[0])):
        if res.error:
            lines.append(f"  {status}  {res.error}")       # the message names the file
            continue
        unit = f"（{res.document.unit}）" if res.document is not None and res.document.unit else ""
        counts = check_counts(res.findings)
        lines.append(f"  {status}  {res.path}{unit}：{counts['error']} 个错误，{counts['warning']} 个警告")
    return lines


def finding_json(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "severity": f.severity.value if f.severity else None,
        "message": f.message,
        "locations": [{"sheet": loc.sheet, "cell": loc.cell, "table": loc.table, "row": loc.row}
                      for loc in f.locations],
        "expected": f.expected,
        "actual": f.actual,
        "plugin": f.plugin,
        "explained": f.explained,
    }


def render_json(results: list[FileResult]) -> str:
    files = []
    for res in results:
        doc = res.document
        entry = {
            "path": res.path,
            "unit": doc.unit if doc else None,
            "year": doc.year if doc else None,
            "template": doc.template.name if doc and doc.template else None,
            "status": file_status(res),
            "counts": check_counts(res.findings),
            "findings": [finding_json(f) for f in res.findings],
        }
        if res.error:
            entry["error"] = res.error
        files.append(entry)
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2) + "\n"
