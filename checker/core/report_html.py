"""``checker run --report 汇总.html``: the reviewer's summary as one self-contained web page.

Everything is in the file — styles and the sorting script inline, no font, script or stylesheet
from the network — so it opens offline, from a USB stick or an e-mail attachment. The overview
table has one row per file and sorts by any column when its header is clicked (errors first on
the first click); below it, one section per file with its findings grouped by table, in the same
Chinese words as the text report. Every text from a workbook is HTML-escaped.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from .outputs import write_text
from .report import STATUS_LABELS
from .findings import FAMILIES
from .review import Reviewed, family_counts

STYLE = """
body{font-family:"Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 4px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
th{background:#ddebf7;text-align:left}#overview th{cursor:pointer;user-select:none}
#overview th[aria-sort=descending]::after{content:" ▼"}#overview th[aria-sort=ascending]::after{content:" ▲"}
td.n{text-align:right;white-space:nowrap}td.nw{white-space:nowrap}#overview td:first-child{min-width:14em}#overview th small{font-weight:normal;color:#555;white-space:nowrap}.top{font-size:13px}.s-errors,.error{color:#c00;font-weight:bold}.s-warnings,.warning{color:#b36b00}
.s-unreadable{color:#fff;background:#c00}.s-clean{color:#080}.info{color:#07a}.muted{color:#777}
"""

SCRIPT = """
(function(){
  var table = document.getElementById('overview');
  var heads = table.querySelectorAll('th[data-key]');
  function value(row, i, numeric){
    var cell = row.children[i];
    var v = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
    return numeric ? parseFloat(v) || 0 : v;
  }
  function sortBy(th){
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'num';
    var dir = th.getAttribute('aria-sort') === 'descending' ? 'ascending' : 'descending';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function(a, b){
      var x = value(a, i, numeric), y = value(b, i, numeric);
      var c = numeric ? x - y : String(x).localeCompare(String(y), 'zh');
      return dir === 'descending' ? -c : c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
    heads.forEach(function(h){ h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir);
  }
  heads.forEach(function(th){ th.addEventListener('click', function(){ sortBy(th); }); });
})();
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _groups(findings: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings grouped by their first location's table, in report order (as the text report does)."""
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for f in findings:
        table = f["locations"][0]["table"] if f["locations"] else ""
        if not groups or groups[-1][0] != table:
            groups.append((table, []))
        groups[-1][1].append(f)
    return groups


def _where(f: dict[str, Any], table: str) -> str:
    """Up to three cells; the sheet named only when the group's table heading does not say it."""
    def one(loc: dict[str, Any]) -> str:
        same = loc["sheet"] and loc["sheet"].replace(" ", "") in table.replace(" ", "")
        return loc["cell"] if same and loc["cell"] else f"{loc['sheet']}!{loc['cell']}" if loc["cell"] else loc["sheet"]

    return "、".join(one(loc) for loc in f["locations"][:3] if loc["sheet"] or loc["cell"])


def _overview(items: list[Reviewed]) -> list[str]:
    heads = [("unit", "单位", "text"), ("path", "文件", "text"), ("status", "状态", "num"),
             ("errors", "错误", "num"), ("warnings", "警告", "num")] + [
        (f"family-{prefix}", name, "num") for prefix, name in FAMILIES.items()]
    out = ['<table id="overview"><thead><tr>']
    out += [f'<th data-key="{k}" data-type="{t}" title="点击排序">{_e(title)}'
            + ('<br><small>错误 / 警告</small>' if k.startswith("family-") else "") + "</th>" for k, title, t in heads]
    out.append("</tr></thead><tbody>")
    order = list(STATUS_LABELS)
    for i, item in enumerate(items):
        e = item.entry
        fams = family_counts(e)
        status = e["status"]
        cells = [f'<td><a href="#file-{i}">{_e(e["unit"] or "未识别")}</a></td>', f"<td>{_e(e['path'])}</td>",
                 # sorted by how much work is left: unreadable first when descending
                 f'<td class="nw s-{status}" data-v="{len(order) - order.index(status)}">{_e(STATUS_LABELS[status])}</td>',
                 f'<td class="n">{e["counts"]["error"]}</td>', f'<td class="n">{e["counts"]["warning"]}</td>']
        # a family sorts by its errors, then its warnings
        cells += [f'<td class="n" data-v="{fams[p]["error"] * 100000 + fams[p]["warning"]}">'
                  f'{fams[p]["error"]} / {fams[p]["warning"]}</td>' for p in FAMILIES]
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return out


def _section(i: int, item: Reviewed) -> list[str]:
    e = item.entry
    c = e["counts"]
    head = f"{e['unit'] or '单位未识别'}"
    out = [f'<section id="file-{i}"><h2>{_e(head)}</h2>', f'<p class="muted">文件：{_e(e["path"])}']
    details = [f"{e['year']} 年" if e["year"] else "年度未识别"]
    if item.template_title or e["template"]:
        details.append(f"{item.template_title or e['template']}模板")
    out.append(f"（{_e('，'.join(details))}）</p>")
    if e.get("error"):
        return out + [f'<p class="error">{_e(e["error"])}</p></section>']
    summary = f"{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 条提示" + (
        f"，{c['explained']} 条已说明" if c["explained"] else "")
    out.append(f'<p>汇总：<span class="s-{_e(e["status"])}">{_e(STATUS_LABELS[e["status"]])}</span>，{_e(summary)}</p>')
    if item.annotated:
        out.append(f'<p>标注副本：{_e(item.annotated)}</p>')
    for table, findings in _groups(e["findings"]):
        out.append(f"<h3>【{_e(table or '整体')}】</h3>")
        out.append("<table><thead><tr><th>级别</th><th>规则</th><th>位置</th><th>问题</th><th>建议值</th></tr></thead><tbody>")
        for f in findings:
            message = _e(f["message"]) + (f'<br><span class="muted">已说明：{_e(f["explained"])}</span>'
                                           if f["explained"] else "")
            out.append(f'<tr><td class="nw {_e(f["severity"])}">{_e(f["severity_label"])}</td><td>{_e(f["rule"])}</td>'
                       f"<td>{_e(_where(f, table))}</td><td>{message}</td><td>{_e(f['expected'])}</td></tr>")
        out.append("</tbody></table>")
    return out + ['<p class="top"><a href="#overview">回到总览</a></p></section>']


def render_html(items: list[Reviewed]) -> str:
    entries = [item.entry for item in items]
    tally = "，".join(f"{sum(1 for e in entries if e['status'] == code)} 个{label}" for code, label in STATUS_LABELS.items())
    parts = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>预算公开校验汇总</title>", f"<style>{STYLE}</style></head><body>",
             "<h1>预算公开校验汇总</h1>",
             f"<p>共校验 {len(entries)} 个工作簿：{_e(tally)}；"
             f"错误 {sum(e['counts']['error'] for e in entries)} 个，警告 {sum(e['counts']['warning'] for e in entries)} 个。"
             "点击表头可排序。</p>"]
    parts += _overview(items)
    for i, item in enumerate(items):
        parts += _section(i, item)
    parts += [f"<script>{SCRIPT}</script>", "</body></html>"]
    return "\n".join(parts) + "\n"


def write_html(out: Path, items: list[Reviewed]) -> None:
    """Write the page to ``out`` atomically (UTF-8)."""
    write_text(Path(out), render_html(items))
