"""Rendering findings: Chinese text for a terminal, stable JSON for integrations."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .console import ANSI as _ANSI
from .console import display_width
from .engine import check_counts
from .findings import FAMILIES, Finding, Severity
from .model import Disclosure
from .suffixes import PUBLISHED_SUFFIXES


@dataclass
class FileResult:
    """One checked file: its document and findings, or why it could not be read."""

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


def summary_line(findings: list[Finding], info_hint: bool = False) -> str:
    """"3 个错误，2 个警告，1 条提示（…）"; ``info_hint`` says how to see the infos not listed."""
    counts = check_counts(findings)
    line = f"{counts['error']} 个错误，{counts['warning']} 个警告"
    if counts["info"]:
        line += f"，{counts['info']} 条提示" + ("（加 -v 显示）" if info_hint else "")
    if counts["explained"]:
        line += f"，{counts['explained']} 条已说明"
    fams = family_summary(findings)
    return line + (f"（{fams}）" if fams else "")


def render_text(results: list[FileResult], verbose: bool = False, color: bool = False, width: Optional[int] = None,
                quiet: bool = False) -> str:
    """The whole report: each file's block (:func:`render_file`), then the overview of many."""
    out = [render_file(res, verbose, color, width, quiet) for res in results]
    if len(results) > 1:
        out.append("\n".join(overview_lines(results)) + "\n")
    return "\n".join(out)


SEVERITY_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_file(res: FileResult, verbose: bool = False, color: bool = False, width: Optional[int] = None,
                quiet: bool = False) -> str:
    """One file's block (blocks are printed a blank line apart): findings grouped by table, with the group's sheet
    named once in its heading; ``width`` wraps long lines (by display width, CJK counting two);
    ``color`` colours the severities (errors red, warnings yellow); ``quiet`` only the summary."""
    out: list[str] = [f"文件：{res.path}"]
    if res.error:
        out += [f"  {res.error}"]
        return "\n".join(out) + "\n"
    doc = res.document
    if doc is not None and not quiet:
        kind = f"{doc.kind}预算" if doc.kind else "预算"
        year = f"{doc.year} 年" if doc.year else "年度未识别"
        template = f"，{doc.template.title}模板" if doc.template else ""
        out += wrap(f"单位：{doc.unit or '未识别'}（{kind}，{year}{template}，识别到 {len(doc.tables)} 张公开表、"
                    f"{len(doc.targets)} 张绩效目标表）", width, indent=2)
    shown = [] if quiet else [f for f in res.findings if verbose or f.severity is not Severity.INFO or f.explained]
    groups: list[tuple[str, list[Finding]]] = []
    for f in shown:
        table = f.locations[0].table if f.locations else ""
        if not groups or groups[-1][0] != table:
            groups.append((table, []))
        groups[-1][1].append(f)
    for table, items in groups:
        # a published PDF's locations are pages, not sheets: no sheet to name in the heading
        sheets = {loc.sheet for f in items for loc in f.locations[:3] if loc.sheet and loc.cell and loc.page is None}
        sheet = sheets.pop() if len(sheets) == 1 else ""
        heading = f"【{table or '整体'}】"
        if sheet and sheet.replace(" ", "") not in (table or "").replace(" ", ""):
            heading += f"  工作表“{sheet}”"
        out += [""] + wrap(heading, width, indent=2)
        for f in items:
            where = "、".join(_where(loc, sheet) for loc in f.locations[:3] if str(loc))
            label = f.severity.label if f.severity else ""
            if color and f.severity is not None:
                label = _style(label, SEVERITY_COLORS[f.severity])
            line = f"  {label} {f.rule} {where}  {f.message}"
            if f.expected is not None:
                line += f"  建议值：{f.expected}"
            out += wrap(line, width, indent=6)
            if f.explained:
                out += wrap(f"      已说明：{f.explained}", width, indent=6)
    out += ([] if quiet else [""]) + wrap(f"汇总：{summary_line(res.findings, info_hint=not verbose)}", width, indent=2)
    return "\n".join(out) + "\n"


def _where(loc, sheet: str) -> str:
    """A location, without the sheet when the group heading names it; on a PDF its page and row
    ("第12页 行政运行"; the group heading names the table)."""
    if loc.page is not None:
        return " ".join(part for part in (f"第{loc.page}页", loc.row) if part)
    if sheet and loc.cell and loc.sheet == sheet:
        return loc.cell
    return str(loc)


def _style(text: str, fg: str) -> str:
    import click

    return click.style(text, fg=fg, bold=True if fg == "red" else None)


_NO_LINE_START = set("，。、；：？！）】」』”’》〉%")


def wrap(line: str, width: Optional[int], indent: int = 6) -> list[str]:
    """``line`` cut to ``width`` display columns, continuation lines indented; unwrapped without a
    width (output to a file or a pipe stays one finding a line, for grep)."""
    if not width or display_width(line) <= width:
        return [line]
    out: list[str] = []
    current, used = "", 0
    limit = width
    i = 0
    while i < len(line):
        m = _ANSI.match(line, i)
        if m:                                   # colour codes take no room
            current += m.group()
            i = m.end()
            continue
        ch = line[i]
        w = display_width(ch)
        if used + w > limit and current.strip():
            # break at the last space on ASCII text rather than inside a word
            cut = current.rfind(" ")
            if cut > indent and current[cut + 1:].isascii() and current[cut + 1:].strip():
                out.append(current[:cut].rstrip())
                current = " " * indent + current[cut + 1:]
            elif ch in _NO_LINE_START and len(current.rstrip()) > indent + 3:
                # a closing mark never starts a line: the characters before it go down with it
                k = 1
                while k < 3 and current[-k] in _NO_LINE_START:
                    k += 1
                out.append(current[:-k].rstrip())
                current = " " * indent + current[-k:]
            else:
                out.append(current.rstrip())
                current = " " * indent
            used = display_width(current)
        current += ch
        used += w
        i += 1
    if current.strip():
        out.append(current.rstrip())
    return out


def file_status(res: FileResult) -> str:
    """无法读取 / 有错误 / 有警告 / 未发现问题: what a reviewer of many submissions sorts by."""
    return STATUS_LABELS[file_status_code(res)]


def file_status_code(res: FileResult) -> str:
    """The same as a stable English value for JSON: unreadable / errors / warnings / clean."""
    if res.error:
        return "unreadable"
    counts = check_counts(res.findings)
    return "errors" if counts["error"] else "warnings" if counts["warning"] else "clean"


STATUS_LABELS = {"unreadable": "无法读取", "errors": "有错误", "warnings": "有警告", "clean": "未发现问题"}
STATUS_ORDER = tuple(STATUS_LABELS.values())


def overview_lines(results: list[FileResult]) -> list[str]:
    """For a folder of submissions: how many files are in each state, then one line per file,
    the ones that need work first (a finance bureau checks every department's workbook at once)."""
    return entries_overview_lines([file_entry(r) for r in results])


def entries_overview_lines(entries: list[dict]) -> list[str]:
    """:func:`overview_lines` from the files' JSON entries (:func:`file_entry`): what a batch run
    keeps of each file once its document is dropped."""
    tally = "，".join(f"{sum(1 for e in entries if e['status'] == code)} 个{label}"
                     for code, label in STATUS_LABELS.items())
    lines = ["=" * 40, f"总览：共校验 {len(entries)} 个{file_noun(e['path'] for e in entries)}，{tally}"]
    order = list(STATUS_LABELS)
    for entry in sorted(entries, key=lambda e: order.index(e["status"])):
        status = STATUS_LABELS[entry["status"]]
        if entry.get("error"):
            lines.append(f"  {status}  {entry['error']}")       # the message names the file
            continue
        unit = f"（{entry['unit']}）" if entry["unit"] else ""
        counts = entry["counts"]
        lines.append(f"  {status}  {entry['path']}{unit}：{counts['error']} 个错误，{counts['warning']} 个警告")
    return lines


def file_noun(paths: Iterable[str]) -> str:
    """"工作簿" when every file checked (by path) is one, else "文件" (a published PDF or Word is not)."""
    return "文件" if any(p.lower().endswith(PUBLISHED_SUFFIXES) for p in paths) else "工作簿"


def finding_json(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "severity": f.severity.value if f.severity else None,
        "severity_label": f.severity.label if f.severity else None,
        "message": f.message,
        "locations": [{"sheet": loc.sheet, "cell": loc.cell, "table": loc.table, "row": loc.row, "page": loc.page}
                      for loc in f.locations],
        "expected": f.expected,
        "actual": f.actual,
        "plugin": f.plugin,
        "explained": f.explained,
    }


def file_entry(res: FileResult) -> dict:
    """One file's entry under ``"files"`` in the JSON report."""
    doc = res.document
    entry = {
        "path": res.path,
        "unit": doc.unit if doc else None,
        "year": doc.year if doc else None,
        "template": doc.template.name if doc and doc.template else None,
        "status": file_status_code(res),
        "status_label": file_status(res),
        "counts": check_counts(res.findings),
        "findings": [finding_json(f) for f in res.findings],
    }
    if res.error:
        entry["error"] = res.error
    return entry


def render_json(results: list[FileResult]) -> str:
    return render_entries([file_entry(r) for r in results])


def render_entries(files: list[dict]) -> str:
    """The JSON report from the files' entries (:func:`file_entry`)."""
    totals: dict[str, int] = {"files": len(files)}
    totals.update({code: sum(1 for e in files if e["status"] == code) for code in STATUS_LABELS})
    for key in ("error", "warning", "info", "explained"):
        totals[key] = sum(e["counts"][key] for e in files)
    # version 2: status and severity are English values with their Chinese labels beside them
    return json.dumps({"version": JSON_VERSION, "totals": totals, "files": files}, ensure_ascii=False, indent=2) + "\n"


JSON_VERSION = 2


def statistics_lines(results: list[FileResult], rules: dict) -> list[str]:
    """``--statistics``: unexplained findings per rule over all files, most frequent first."""
    return entries_statistics_lines([file_entry(r) for r in results], rules)


def entries_statistics_lines(entries: list[dict], rules: dict) -> list[str]:
    """:func:`statistics_lines` from the files' JSON entries."""
    counts: dict[str, int] = {}
    for entry in entries:
        for f in entry["findings"]:
            if not f["explained"]:
                counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    if not counts:
        return ["统计：没有结果。"]
    lines = ["统计（各规则的结果条数，已说明的不计）："]
    width = max(len(str(n)) for n in counts.values())
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(code)
        label = rule.severity.label if rule is not None else ""
        title = rule.title if rule is not None else ""
        lines.append(f"  {n:>{width}}  {code}  {label}  {title}")
    return lines + [""] if len(entries) > 1 else lines
