"""``checker codes …``: look codes up, import the official code table, show what the lists cover.

``checker codes 2010301 --year 2024`` and ``checker codes 行政运行`` look up (a first argument
that is not a subcommand is a query); ``checker codes import FILE --year 2025`` loads the table
exported from the budget system into the user data directory; ``checker codes remove --year 2025``
forgets it; ``checker codes coverage`` tables what the lists hold (docs/codes.md shows its output).
"""
from __future__ import annotations


from pathlib import Path
from typing import Optional

import click

from checker.core.text import norm

from .reference import KINDS, LEVELS, VALID, Reference, user_dir
from ...core.text import lazy_pattern


class CodesGroup(click.Group):
    """A group whose first argument, when it is not a subcommand, is a code or name to look up."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["lookup", *args]
        return super().parse_args(ctx, args)


def _reference() -> Reference:
    from checker.core.engine import bounded_hooks, make_plugin_manager

    from . import reference

    return reference(bounded_hooks(make_plugin_manager()), None)


@click.group(cls=CodesGroup, context_settings={"help_option_names": ["-h", "--help"]})
def codes() -> None:
    """科目编码：查询科目、导入官方科目表、查看科目表覆盖情况。

    \b
      checker codes 2010301 --year 2024       按编码查询
      checker codes 行政运行                   按名称查询（各年度）
      checker codes import 科目表.xlsx --year 2025
                                              导入预算系统导出的官方科目表
      checker codes coverage                   各年度科目表收录了什么、是否完整
    """


@codes.command()
@click.argument("query")
@click.option("--year", type=int, help="只查这一年度的科目表。")
def lookup(query: str, year: Optional[int]) -> None:
    """按编码或名称查询科目。"""
    ref = _reference()
    q = norm(query)
    if q.isdigit():
        _lookup_code(ref, q, year)
    else:
        _lookup_name(ref, q, year)


def _lookup_code(ref: Reference, code: str, year: Optional[int]) -> None:
    kinds = [k for k in KINDS if any(lst.get(code) for (kk, _), lst in ref.lists.items() if kk == k)]
    if not kinds:
        kinds = [{"2": "function", "3": "economic", "5": "economic_gov"}.get(code[:1], "function")]
    for kind in kinds:
        years = [year] if year else ref.years(kind)
        level = LEVELS.get(len(code), "?")
        click.echo(f"{code}（{KINDS[kind]}·{level}）")
        for y in years:
            lst = ref.get(kind, y)
            if lst is None:
                click.echo(f"  {y} 年：没有该年度的{KINDS[kind]}（可用 checker codes import 导入）")
                continue
            e = lst.get(code)
            if e is None:
                sure = "该级次完整，此科目不存在" if lst.branch_complete(code) else "该级次只收录了部分科目，无法断定"
                click.echo(f"  {y} 年：科目表中没有（{sure}）")
                continue
            chain = " › ".join(f"{p} {lst.get(p).name}" for p in (code[:3], code[:5]) if len(p) < len(code) and lst.get(p))
            status = "" if e.status == VALID else "［是否有效无法确定］"
            click.echo(f"  {y} 年：{e.name}{status}" + (f"（上级：{chain}）" if chain else ""))
            sources = lst.sources()
            for key in e.provenance:
                click.echo(f"      来源 {key}：{document_name(sources.get(key, ''))}")
            if e.note:
                click.echo(f"      说明：{e.note}")
            if len(code) < 7:
                click.echo(f"      下级科目{'完整' if e.children_complete else '不完整'}（已收录 {len(lst.children(code))} 个）")


def _lookup_name(ref: Reference, q: str, year: Optional[int]) -> None:
    hits: dict[tuple[str, str, str], list[int]] = {}
    for (kind, y), lst in sorted(ref.lists.items()):
        if year and y != year:
            continue
        for code, e in lst.entries.items():
            if q in norm(e.name):
                hits.setdefault((kind, code, e.name), []).append(y)
    former = [f for f in ref.former if q in norm(f.name)]
    if not hits and not former:
        click.echo(f"科目表中没有名称含“{q}”的科目。")
        return
    from checker.core.console import aligned

    rows = [(code, name, f"{KINDS[kind]}·{LEVELS[len(code)]}", f"{'、'.join(map(str, years))} 年")
            for (kind, code, name), years in sorted(hits.items(), key=lambda h: (h[0][0], h[0][1]))]
    rows += [(f.code, f.name, f"旧名称（{f.last_year} 年及以前），现为“{f.current_name}”") for f in former]
    for line in aligned(rows):
        click.echo(line)


@codes.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=int, required=True, help="科目表的年度。")
@click.option("--list", "force", type=click.Choice(list(KINDS)),
              help="文件中全部为这一种科目（默认按编码首位判断：2 功能分类，3 部门经济分类，5 政府经济分类）。")
@click.option("--partial", is_flag=True,
              help="文件只是部分科目（如本省补充的项）：与随附科目表合并，不视为完整的官方科目表。")
@click.option("--sheet", help="工作簿中的工作表名称（默认第一张）。")
def import_(file: Path, year: int, force: Optional[str], partial: bool, sheet: Optional[str]) -> None:
    """导入预算系统导出的科目表（CSV/XLSX/XLS，含编码和名称两列），此后该年度的校验使用它。"""
    from .importer import import_file

    result, written = import_file(file, year, partial=partial, force=force, sheet=sheet)
    for kind, lst in sorted(result.lists.items()):
        counts = {level: sum(1 for c in lst.entries if LEVELS[len(c)] == level) for level in ("类", "款", "项")}
        said = "，".join(f"{level} {n} 个" for level, n in counts.items() if n)
        click.echo(f"{year} 年{KINDS[kind]}：{said}" + ("（部分科目，与随附科目表合并）" if partial else "（作为完整的官方科目表）"))
    if result.skipped_revenue:
        click.echo(f"跳过收入科目 {result.skipped_revenue} 个。")
    if result.skipped_bad:
        shown = "、".join(result.skipped_bad[:5]) + ("……" if len(result.skipped_bad) > 5 else "")
        click.echo(f"跳过无法识别的行 {len(result.skipped_bad)} 个：{shown}")
    if result.conflicts:
        click.echo(f"同一编码出现不同名称 {len(result.conflicts)} 处，保留第一个：" + "；".join(result.conflicts[:5]))
    for path in written:
        click.echo(f"已保存：{path}")


@codes.command()
@click.option("--year", type=int, required=True)
@click.option("--list", "kind", type=click.Choice(list(KINDS)), help="只删除这一种（默认该年度导入的全部）。")
def remove(year: int, kind: Optional[str]) -> None:
    """删除导入的某年度科目表，恢复使用随附科目表。"""
    folder = user_dir()
    removed = []
    for k in ([kind] if kind else list(KINDS)):
        path = folder / f"{k}_{year}.csv"
        if path.exists():
            path.unlink()
            removed.append(path)
    if not removed:
        click.echo(f"没有导入过 {year} 年的科目表。")
    for path in removed:
        click.echo(f"已删除：{path}")


@codes.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def coverage(fmt: str) -> None:
    """各年度科目表收录了多少科目、哪些级次是完整的、来源是什么。"""
    click.echo(coverage_table(_reference(), markdown=fmt == "markdown"), nl=False)


ORIGINS = {"shipped": "随附", "imported": "导入", "imported (partial)": "导入（部分）",
           "shipped + imported (partial)": "随附＋导入（部分）", "plugin": "插件补充"}


def coverage_table(ref: Reference, markdown: bool = True) -> str:
    rows = [("科目表", "年度", "来源", "类", "款", "项", "完整的级次", "编码来源")]
    for (kind, year), lst in sorted(ref.lists.items(), key=lambda kv: (list(KINDS).index(kv[0][0]), kv[0][1])):
        counts = [sum(1 for c in lst.entries if len(c) == n) for n in (3, 5, 7)]
        complete = []
        if lst.classes_complete:
            complete.append("类级清单")
        full = [c for c, e in sorted(lst.entries.items()) if e.children_complete]
        if full:
            complete.append(f"{'、'.join(full)} 的下级")
        uncertain = [c for c, e in lst.entries.items() if e.status != VALID]
        if uncertain:
            complete.append(f"{'、'.join(sorted(uncertain))} 是否有效无法确定")
        prov: dict[str, int] = {}
        for e in lst.entries.values():
            for key in e.provenance:
                prov[key] = prov.get(key, 0) + 1
        rows.append((KINDS[kind], str(year), ORIGINS.get(lst.origin, lst.origin), *(str(n) if n else "—" for n in counts),
                     "；".join(complete) or "无", " ".join(f"{k}×{n}" for k, n in sorted(prov.items()))))
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * len(rows[0])]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines) + "\n"
    from checker.core.console import aligned

    keys = sorted({k for lst in ref.lists.values() for e in lst.entries.values() for k in e.provenance})
    sources: dict[str, str] = {}
    for lst in ref.lists.values():
        for k, v in lst.sources().items():
            sources.setdefault(k, document_name(v))
    legend = ["", "编码来源："] + aligned([(f"  {k}", sources.get(k, "")) for k in keys])
    return "\n".join(aligned(rows) + (legend if keys else [])) + "\n"


_DEV_PATH = lazy_pattern(r"^(?:[\w.-]+/)+[\w.-]+\.(?:txt|pdf|md|csv|xlsx?|docx?|json)\s*[：:]\s*")


def document_name(source: str) -> str:
    """A provenance as the document it names: the development path of the text it was taken
    from ("shared/seeds/001_….txt：") is left out, the document's own name kept."""
    return _DEV_IN_BRACKETS.sub("", _DEV_PATH.sub("", source)).strip()


_DEV_IN_BRACKETS = lazy_pattern(r"[（(][^（）()]*?(?:[\w.-]+/)+[\w.-]+\.(?:txt|pdf|md|csv|xlsx?|docx?|json)[^（）()]*[）)]")
