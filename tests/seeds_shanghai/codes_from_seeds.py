"""Add the code/name pairs the six Shanghai seeds print to the shipped reference lists.

Function codes (类/款/项) from 表2, 表3 and 表5, department economic codes (类/款) from 表8, each
for the document's year. A pair already in the list gets the seed's provenance key added; a code
not in the list is added with that key; a printed name that disagrees with the list (after the
matching normalisation: full-/half-width brackets and spaces do not count) is NOT written, only
reported, since it may be a mistake of the document. Codes printed malformed (万里 2024 表8 款
"2", "7") are reported and skipped.

Usage: ``python tests/seeds_shanghai/codes_from_seeds.py [--write]`` (without --write: report only).
"""
from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "checker" / "plugins" / "codes" / "data"

# provenance key, with the document and the pages of the tables the pairs come from
KEYS = {
    "sh_commerce_dept_2025": ("SH-SW-2025B", "上海市普陀区商务委员会 2025 年部门预算"),
    "sh_commerce_unit_2025": ("SH-SWU-2025B", "上海市普陀区商务委员会 2025 年单位预算"),
    "sh_office_dept_2025": ("SH-ZB-2025B", "上海市普陀区人民政府办公室 2025 年部门预算"),
    "sh_office_unit_2025": ("SH-ZBU-2025B", "上海市普陀区人民政府办公室 2025 年单位预算"),
    "sh_wanli_2024": ("SH-WL-2024B", "上海市普陀区人民政府万里街道办事处 2024 年部门预算"),
    "sh_wanli_2025": ("SH-WL-2025B", "上海市普陀区人民政府万里街道办事处 2025 年部门预算"),
}
LEVEL = {3: "类", 5: "款", 7: "项"}


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def printed_pairs(seed: dict):
    """(list kind, code, name, table number, pages) for every coded row the seed prints."""
    for table in seed["tables"]:
        n = table["number"]
        if n in (2, 3, 5, 6, 7):
            kind, ncode = "function", 3
        elif n == 8:
            kind, ncode = "economic", 2
        else:
            continue
        for row in table["rows"]:
            parts = [p for p in row[:ncode] if p]
            if not parts or not parts[0].isdigit():
                continue
            yield kind, parts, row[ncode], n, table["pages"]


def pages_text(pages: list[int]) -> str:
    return f"p.{pages[0]}" if len(pages) == 1 else f"p.{pages[0]}–{pages[-1]}"


def main(write: bool) -> list[str]:
    problems: list[str] = []
    found: dict[tuple[str, int], dict[str, dict]] = {}
    table_pages: dict[tuple[str, str], dict[int, list[int]]] = {}
    for sid, (key, _doc) in KEYS.items():
        seed = json.loads((HERE / f"{sid}.json").read_text(encoding="utf-8"))
        for kind, parts, name, n, pages in printed_pairs(seed):
            if not all(p.isdigit() and len(p) == (3 if i == 0 else 2) for i, p in enumerate(parts)):
                problems.append(f"{sid} 表{n}: code printed as {' '.join(parts)} {name}: malformed, not added")
                continue
            code = "".join(parts)
            table_pages.setdefault((sid, kind), {})[n] = pages
            entry = found.setdefault((kind, seed["year"]), {}).setdefault(code, {"names": {}, "keys": []})
            entry["names"].setdefault(name, []).append(f"{sid} 表{n}")
            if key not in entry["keys"]:
                entry["keys"].append(key)
    for (kind, year), codes in sorted(found.items()):
        path = DATA / f"{kind}_{year}.csv"
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        head = [l for l in lines if l.startswith("#")]
        body = list(csv.DictReader(io.StringIO("\n".join(l for l in lines if not l.startswith("#")))))
        columns = ["code", "name", "level", "children_complete", "status", "provenance", "note"]
        by_code = {r["code"]: r for r in body}
        used_keys = set()
        for code, entry in sorted(codes.items()):
            names = list(entry["names"])
            if len({norm(x) for x in names}) > 1:
                problems.append(f"{year} {kind} {code}: the seeds print different names {entry['names']}")
            row = by_code.get(code)
            if row is None:
                parent = code[:-2] if len(code) > 3 else None
                if parent and parent in by_code and by_code[parent].get("children_complete") == "yes":
                    problems.append(f"{year} {kind} {code} {names[0]}: not in the list although its parent "
                                    f"{parent} is marked complete; not added")
                    continue
                row = {"code": code, "name": names[0], "level": LEVEL[len(code)],
                       "children_complete": "" if len(code) == 7 or kind == "economic" and len(code) == 5 else "no",
                       "status": "valid", "provenance": "", "note": ""}
                body.append(row)
                by_code[code] = row
            elif norm(row["name"]) not in {norm(x) for x in names}:
                problems.append(f"{year} {kind} {code}: list has “{row['name']}”, printed “{'”/“'.join(names)}” "
                                f"({'; '.join(w for ws in entry['names'].values() for w in ws)}); list kept")
                continue
            keys = row["provenance"].split()
            for key in entry["keys"]:
                if key not in keys:
                    keys.append(key)
                used_keys.add(key)
            row["provenance"] = " ".join(keys)
        body.sort(key=lambda r: (r["code"][:3], r["code"]))
        # describe every key used in this file (document, tables, pages)
        described = {l.split(":", 1)[0][len("# provenance "):] for l in head if l.startswith("# provenance ")}
        for sid, (key, doc) in KEYS.items():
            if key in used_keys and key not in described:
                tables = table_pages.get((sid, kind), {})
                where = "，".join(f"表{n} {pages_text(p)}" for n, p in sorted(tables.items()))
                source = json.loads((HERE / f"{sid}.json").read_text(encoding="utf-8"))["source"]
                head.append(f"# provenance {key}: shared/seeds-shanghai/{source}：{doc}（{where} 所印编码与名称）")
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for r in body:
            writer.writerow({c: r.get(c, "") or "" for c in columns})
        # keep the provenance lines together, in the order they were added
        meta = [l for l in head if not l.startswith("# provenance ")]
        prov = [l for l in head if l.startswith("# provenance ")]
        new = "\n".join(meta + sorted(prov, key=lambda l: l.split(":")[0])) + "\n" + out.getvalue()
        if write and new != text:
            path.write_text(new, encoding="utf-8")
            print("wrote", path)
    return problems


if __name__ == "__main__":
    for p in main("--write" in sys.argv):
        print(p)
