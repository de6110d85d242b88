"""The reference lists: which codes and names each year's classification has, and how sure we are.

A list is one classification (``function`` 支出功能分类, ``economic`` 部门预算支出经济分类,
``economic_gov`` 政府预算支出经济分类) for one year. The lists come from three places, later ones
winning:

1. the shipped files ``data/<list>_<year>.csv`` (code/name pairs printed in real documents, taken from
   revision notices, or typed from the published list; see docs/codes.md);
2. lists the user imported with ``checker codes import`` (the official code table exported from the
   budget system) into the user data directory: an imported list replaces the shipped one, or with
   ``--partial`` is added to it;
3. additions returned by other plugins' ``checker_reference_codes(year)`` hook (a province's own 项).

Every file is CSV with ``# key: value`` header lines (list, year, title, source, classes_complete,
``provenance KEY`` descriptions) and the columns ``code,name,level,children_complete,status,
provenance,note``. ``children_complete`` says, for a 类 or 款, whether every child of the official
list is in the file: only then can a code missing from the file be called wrong.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from checker.core.settings import data_dir
from checker.core.text import norm

KINDS = {
    "function": "支出功能分类科目",
    "economic": "部门预算支出经济分类科目",
    "economic_gov": "政府预算支出经济分类科目",
}
LEVELS = {3: "类", 5: "款", 7: "项"}
COLUMNS = ["code", "name", "level", "children_complete", "status", "provenance", "note"]
VALID, UNCERTAIN = "valid", "uncertain"


def kind_of(code: str) -> Optional[str]:
    """The list a code belongs to by its first digit: 2 function, 3 department economic, 5 government
    economic (1 is revenue, which disclosures' expenditure tables do not use)."""
    if not code:
        return None
    return {"2": "function", "3": "economic", "5": "economic_gov"}.get(code[0])


def well_formed(kind: str, code: str) -> bool:
    return code.isdigit() and len(code) in ((3, 5, 7) if kind == "function" else (3, 5))


def parent_code(code: str) -> Optional[str]:
    return code[:-2] if len(code) > 3 else None


@dataclass(frozen=True)
class Entry:
    """One code of the official list: its code, name and level."""

    code: str
    name: str
    level: str
    children_complete: bool = False
    status: str = VALID
    provenance: tuple[str, ...] = ()
    note: str = ""


@dataclass
class CodeList:
    """One classification for one year."""

    kind: str
    year: int
    entries: dict[str, Entry] = field(default_factory=dict)
    classes_complete: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    origin: str = "shipped"            # shipped | imported | imported (partial) | plugin

    def get(self, code: str) -> Optional[Entry]:
        return self.entries.get(code)

    @property
    def additions_only(self) -> bool:
        """Only a province's additions (plugin hook, ``--partial`` import) and no list of the year under
        them: they confirm the codes and names they hold but cannot show that any other code is missing."""
        return self.origin in ("plugin", "imported (partial)")

    def branch_complete(self, code: str) -> bool:
        """Is the list complete where ``code`` would sit, so that its absence means it does not exist?"""
        parent = parent_code(code)
        if parent is None:
            return self.classes_complete
        entry = self.entries.get(parent)
        if entry is None:
            # the parent is missing too: if it cannot exist, neither can its child
            return self.branch_complete(parent)
        return entry.children_complete

    def children(self, code: str) -> list[Entry]:
        return [e for c, e in sorted(self.entries.items()) if parent_code(c) == code]

    def classes(self) -> list[Entry]:
        return [e for c, e in sorted(self.entries.items()) if len(c) == 3]

    def sources(self) -> dict[str, str]:
        return {k[len("provenance "):]: v for k, v in self.meta.items() if k.startswith("provenance ")}

    @property
    def title(self) -> str:
        return f"{self.year} 年{KINDS[self.kind]}"


@dataclass(frozen=True)
class FormerName:
    """A code's name until a year, for telling a name of another year."""

    code: str
    name: str
    last_year: int
    current_name: str


@dataclass
class Reference:
    """All lists of all years, and the former names of renamed codes."""

    lists: dict[tuple[str, int], CodeList] = field(default_factory=dict)
    former: list[FormerName] = field(default_factory=list)

    def get(self, kind: str, year: Optional[int]) -> Optional[CodeList]:
        return self.lists.get((kind, year)) if year is not None else None

    def years(self, kind: Optional[str] = None) -> list[int]:
        return sorted({y for k, y in self.lists if kind is None or k == kind})

    def valid_elsewhere(self, kind: str, code: str, year: int) -> list[tuple[int, Entry]]:
        """The other years whose list has ``code`` (as valid)."""
        out = []
        for (k, y), lst in sorted(self.lists.items()):
            if k == kind and y != year:
                e = lst.get(code)
                if e is not None and e.status == VALID:
                    out.append((y, e))
        return out

    def name_elsewhere(self, kind: str, code: str, name: str, year: int) -> Optional[str]:
        """When ``name`` is the name ``code`` has in another year (not in ``year``), say which:
        "2024 年" or "2018 年及以前"."""
        wanted = norm(name)
        own = self.get(kind, year)
        if own is not None and own.get(code) is not None and norm(own.get(code).name) == wanted:
            return None
        years = [y for y, e in self.valid_elsewhere(kind, code, year) if norm(e.name) == wanted]
        if years:
            return "、".join(f"{y} 年" for y in years)
        if kind == "function":
            for f in self.former:
                if f.code == code and norm(f.name) == wanted:
                    return f"{f.last_year} 年及以前"
        return None


# ---------------------------------------------------------------------------- files

def parse_list(text: str, origin: str = "shipped") -> CodeList:
    """Read one list file (``# key: value`` lines, then CSV with :data:`COLUMNS`)."""
    meta: dict[str, str] = {}
    lines = text.splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = i
            break
        key, _, value = line[1:].partition(":")
        meta[key.strip()] = value.strip()
    else:
        body_start = len(lines)
    kind = meta.get("list", "")
    if kind not in KINDS:
        raise ValueError(f"list must be one of {', '.join(KINDS)}: {kind!r}")
    lst = CodeList(kind=kind, year=int(meta["year"]), meta=meta, origin=origin,
                   classes_complete=meta.get("classes_complete", "no") == "yes")
    for row in csv.DictReader(io.StringIO("\n".join(lines[body_start:]))):
        code = (row.get("code") or "").strip()
        if not code:
            continue
        lst.entries[code] = Entry(
            code=code, name=(row.get("name") or "").strip(),
            level=(row.get("level") or LEVELS.get(len(code), "")).strip(),
            children_complete=(row.get("children_complete") or "").strip() == "yes",
            status=(row.get("status") or VALID).strip() or VALID,
            provenance=tuple((row.get("provenance") or "").split()),
            note=(row.get("note") or "").strip())
    return lst


def format_list(lst: CodeList) -> str:
    out = io.StringIO()
    meta = dict(lst.meta)
    meta.update({"list": lst.kind, "year": str(lst.year), "classes_complete": "yes" if lst.classes_complete else "no"})
    for key, value in meta.items():
        out.write(f"# {key}: {value}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for code, e in sorted(lst.entries.items()):
        leaf = len(code) == (7 if lst.kind == "function" else 5)
        writer.writerow([code, e.name, e.level, "" if leaf else "yes" if e.children_complete else "no",
                         e.status, " ".join(e.provenance), e.note])
    return out.getvalue()


def _data_files() -> list[tuple[str, str]]:
    root: Any = Path(__file__).with_name("data")     # the package's own folder, as pip installs it
    if not root.is_dir():       # pragma: no cover - a package run from a zip archive
        from importlib import resources

        root = resources.files("checker.plugins.codes") / "data"
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".csv"))


@lru_cache(maxsize=1)
def shipped() -> tuple[dict[tuple[str, int], CodeList], tuple[FormerName, ...]]:
    lists: dict[tuple[str, int], CodeList] = {}
    former: list[FormerName] = []
    for name, text in _data_files():
        if name == "function_former_names.csv":
            body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
            for row in csv.DictReader(io.StringIO(body)):
                former.append(FormerName(row["code"], row["name"], int(row["last_year"]), row["current_name"]))
            continue
        lst = parse_list(text)
        lists[(lst.kind, lst.year)] = lst
    return lists, tuple(former)


def user_dir() -> Path:
    return data_dir() / "codes"


def user_lists() -> list[CodeList]:
    folder = user_dir()
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        meta_mode = "partial" if "# mode: partial" in text else "replace"
        out.append(parse_list(text, origin="imported" if meta_mode == "replace" else "imported (partial)"))
    return out


def _copy(lst: CodeList) -> CodeList:
    return CodeList(kind=lst.kind, year=lst.year, entries=dict(lst.entries), classes_complete=lst.classes_complete,
                    meta=dict(lst.meta), origin=lst.origin)


def load(additions: Optional[dict[int, Iterable[dict[str, Any]]]] = None) -> Reference:
    """The reference lists as this run sees them: shipped, then imported, then plugin additions."""
    base, former = shipped()
    lists = {key: _copy(lst) for key, lst in base.items()}
    for imported in user_lists():
        key = (imported.kind, imported.year)
        if imported.origin == "imported" or key not in lists:
            lists[key] = imported
        else:
            merged = lists[key]
            merged.entries.update(imported.entries)
            merged.origin = "shipped + imported (partial)"
            merged.meta.update({k: v for k, v in imported.meta.items() if k.startswith("provenance ")})
    for year, items in (additions or {}).items():
        for item in items or ():
            add(lists, year, item)
    return Reference(lists=lists, former=list(former))


def add(lists: dict[tuple[str, int], CodeList], year: int, item: dict[str, Any]) -> None:
    """Add one code a plugin contributes: ``{"list": "function"|"economic", "code", "name", "source"}``."""
    code = norm(item.get("code", ""))
    kind = item.get("list") or kind_of(code)
    if kind == "economic" and code.startswith("5"):
        kind = "economic_gov"
    if kind not in KINDS or not well_formed(kind, code):
        return
    lst = lists.get((kind, year))
    if lst is None:
        lst = lists[(kind, year)] = CodeList(kind=kind, year=year, origin="plugin",
                                             meta={"title": f"{year} 年{KINDS[kind]}（仅插件补充）"})
    if code in lst.entries:
        return
    source = str(item.get("source") or "插件补充")
    lst.entries[code] = Entry(code=code, name=str(item.get("name", "")).strip(), level=LEVELS[len(code)],
                              provenance=("PLUGIN",), note=source)
    lst.meta.setdefault("provenance PLUGIN", "由插件（checker_reference_codes 钩子）补充，如本省自设的项级科目")
