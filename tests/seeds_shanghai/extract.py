"""First-pass transcription of the six Shanghai (普陀区) budget PDFs into seed JSON.

This is the *starting point* of the reviewed files ``sh_*.json``: it reads the PDFs' text layer
with pdfplumber (ruled tables with ``extract_tables``, narrative from text lines), repairs the
extraction artefacts that can be repaired mechanically (tables continued over pages, header rows
repeated at page tops, paragraphs broken at line ends, cells wrapped onto two lines) and writes a
draft. The drafts were then reviewed against the page text by hand; the reviewed files are the
data, this script is kept so the first pass can be redone and compared (``--out DIR``).

Usage: ``python tests/seeds_shanghai/extract.py [--out DIR] [SEED_ID …]``
(without ``--out`` it writes ``DIR = /tmp/sh_extract`` so it never overwrites reviewed files).
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# seed id → PDF file name in the shared folder
SOURCES = {
    "sh_commerce_dept_2025": "上海市普陀区商务委员会25年预算.pdf",
    "sh_commerce_unit_2025": "上海市普陀区商务委员会单位25年预算.pdf",
    "sh_office_dept_2025": "上海市普陀区人民政府办公室25年预算.pdf",
    "sh_office_unit_2025": "上海市普陀区人民政府办公室单位25年预算.pdf",
    "sh_wanli_2024": "上海市普陀区人民政府万里街道办事处24年预算.pdf",
    "sh_wanli_2025": "上海市普陀区人民政府万里街道办事处25年预算.pdf",
}

# the nine tables, recognised by the end of their printed title (the title carries year and
# 部门/预算单位/单位 in front; recognise by role, not by the exact prefix)
TABLE_SUFFIXES = [
    (1, "财务收支预算总表"),
    (2, "收入预算总表"),
    (3, "支出预算总表"),
    (4, "财政拨款收支预算总表"),
    (5, "一般公共预算支出功能分类预算表"),
    (6, "政府性基金预算支出功能分类预算表"),
    (7, "国有资本经营预算支出功能分类预算表"),
    (8, "一般公共预算基本支出部门预算经济分类预算表"),
    (9, "“三公”经费和机关运行经费预算表"),
]
AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?$")
CODE = re.compile(r"^\d{2,3}$")


def shared_dir() -> Path | None:
    """The shared folder with the PDFs: $CHECKER_SHARED, else the first ``shared/seeds-shanghai``
    found walking up from this file (the repo may be a worktree at any depth under /work)."""
    env = os.environ.get("CHECKER_SHARED")
    if env:
        p = Path(env)
        p = p / "seeds-shanghai" if (p / "seeds-shanghai").is_dir() else p
        return p if p.is_dir() else None
    for parent in HERE.parents:
        p = parent / "shared" / "seeds-shanghai"
        if p.is_dir():
            return p
    return None


def table_number(title: str) -> int | None:
    # the longest matching suffix wins (收支预算总表 vs 财政拨款收支预算总表)
    best = None
    for number, suffix in TABLE_SUFFIXES:
        if title.endswith(suffix) and (best is None or len(suffix) > len(best[1])):
            best = (number, suffix)
    return best[0] if best else None


def amount(text):
    if text is None:
        return None
    t = text.replace("\n", "").strip()
    if t == "":
        return None
    if AMOUNT.match(t):
        v = float(t.replace(",", ""))
        return int(v) if "." not in t else v
    return t


def clean(text):
    return None if text is None else text.replace("\n", "").strip()


def header_merges(grid):
    """Merged header cells from pdfplumber's grid, where None marks a position covered by a merged
    cell: a None continues the cell above when that cell is one column wide, else the cell to its
    left (the Shanghai headers only merge in these two ways)."""
    rows, cols = len(grid), len(grid[0])
    owner = {}
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] is not None:
                owner[(r, c)] = (r, c)
                continue
            above = owner.get((r - 1, c)) if r else None
            left = owner.get((r, c - 1)) if c else None
            above_narrow = above is not None and above[1] == c and all(
                owner.get((rr, c + 1)) != above for rr in range(above[0], r))
            if above_narrow:
                owner[(r, c)] = above
            elif left is not None:
                owner[(r, c)] = left
            elif above is not None:
                owner[(r, c)] = above
    spans = {}
    for pos, o in owner.items():
        spans.setdefault(o, []).append(pos)
    merges = []
    for o, cells in sorted(spans.items()):
        r2 = max(p[0] for p in cells)
        c2 = max(p[1] for p in cells)
        if (r2, c2) != o:
            merges.append([o[0], o[1], r2, c2])
    return merges


def is_header_row(row, number):
    first = clean(row[0]) or ""
    if number == 9:
        return not any(AMOUNT.match(clean(x) or "x") for x in row)
    return first in ("本年收入", "财政拨款收入", "项目", "类") or first.endswith("编码") or (
        row[0] is None and not any(AMOUNT.match(clean(x) or "x") for x in row))


def _title_row(row):
    text = "".join(clean(c) or "" for c in row)
    return text == "" or "编制" in text or text.endswith("表")


def lines_of(page):
    out = []
    for ln in page.extract_text_lines():
        text = ln["text"].strip()
        if text:
            out.append((ln["x0"], ln["x1"], text))
    return out


ENUM = re.compile(r"^(（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.、．](?!\d))")
HEADING = re.compile(r"^[一二三四五六七八九十]+、\S{2,30}$")


def paragraphs(lines, margin, prev=None):
    """Join text lines into paragraphs. A line begins a paragraph when it starts right of the text
    margin (most paragraphs are indented), when it starts with an enumerator (（一）, 一、, 1.),
    when the line before was a heading or a centred title, or when the line before ended short
    of the right edge with a full stop (pages printed without indents). Otherwise it continues
    the line before, also across a page break: ``prev`` is the last line of the previous page;
    the result's first element is then ``(True, text)`` for a continuation."""
    right = max((x1 for _x0, x1, _t in lines), default=0)
    paras = []
    for x0, x1, text in lines:
        new = (prev is None or x0 >= margin + 6 or ENUM.match(text) or prev[0] > 150
               or HEADING.match(prev[2]) or (prev[1] < right - 60 and prev[2][-1] in "。；：！？"))
        if new:
            paras.append([False, text])
        elif paras:
            paras[-1][1] += text
        else:
            paras.append([True, text])
        prev = (x0, x1, text)
    return paras


def extract(seed_id: str) -> dict:
    import pdfplumber

    src = shared_dir() / SOURCES[seed_id]
    pdf = pdfplumber.open(src)
    pages = [(i + 1, p, lines_of(p)) for i, p in enumerate(pdf.pages)]
    cover = [t for _, _, t in pages[0][2]]
    kind = "单位" if "单位预算" in cover[0] else "部门"
    year = int(re.search(r"(20\d\d)年", cover[0]).group(1))
    unit = cover[1].split("：", 1)[1]
    seed = {"id": seed_id, "source": SOURCES[seed_id], "unit": unit, "kind": kind, "year": year,
            "cover": cover, "toc": [], "sections": [], "tables": [],
            "narrative": {"编制说明": [], "其他相关情况说明": [], "项目经费情况说明": []}}
    # narrative text margin: the smallest x0 of any text line outside the tables
    margin = min(x0 for _, p, ls in pages[2:] if not p.extract_tables() for x0, _, _ in ls)
    current = None       # ("section", dict) | ("table", dict) | ("narr", list)
    prev_lines = None
    last_line = None     # last text line of the previous narrative page
    for number, page, lines in pages[1:]:
        texts = [t for _, _, t in lines]
        if prev_lines is not None and texts and set(texts) <= set(prev_lines):
            print(f"{seed_id}: page {number} repeats the previous page's text; skipped", file=sys.stderr)
            continue
        prev_lines = texts
        head = re.sub(r"\s+", " ", texts[0]) if texts else ""
        tnum = table_number(head) if len(head) < 60 else None
        if head.replace(" ", "") == "目录":
            entries = [re.sub(r"[.…·\s]*\d*$", "", t).strip() for t in texts[1:]]
            seed["toc"] = [e for e in entries if e]
            current = None
            continue
        if tnum:
            prepared, unit_line = re.split(r"\s+(?=单位[:：])", texts[1])
            tables = page.extract_tables()
            grid = tables[0]
            # some tables draw the title and 编制单位 line inside the ruled grid: skip to the header
            while grid and not is_header_row(grid[0], tnum) or (grid and _title_row(grid[0])):
                grid = grid[1:]
            hdr = []
            while grid and is_header_row(grid[0], tnum) and len(hdr) < 4:
                hdr.append(grid.pop(0))
            body = grid
            header = [[clean(c) for c in r] for r in hdr]
            table = {"number": tnum, "title": head, "prepared_by": prepared.strip(),
                     "unit_line": unit_line.strip(), "pages": [number],
                     "header": header, "header_merges": header_merges(header), "rows": [],
                     "note": None}
            seed["tables"].append(table)
            current = ("table", table)
            _add_rows(table, body)
            _add_note(table, texts)
            continue
        if current and current[0] == "table" and page.extract_tables():
            table = current[1]
            table["pages"].append(number)
            grid = page.extract_tables()[0]
            body = [r for r in grid if not is_header_row(r, table["number"])]
            _add_rows(table, body)
            _add_note(table, texts)
            continue
        # narrative / overview pages
        chunks = paragraphs(lines, margin, last_line)
        paras = [t for _c, t in chunks]
        continued = bool(chunks) and chunks[0][0]
        last_line = lines[-1] if lines else None
        if head.endswith("编制说明"):
            current = ("narr", seed["narrative"]["编制说明"])
            current[1].extend(paras)
        elif head == "其他相关情况说明":
            current = ("narr", seed["narrative"]["其他相关情况说明"])
            current[1].extend(paras)
        elif head.endswith("情况说明") and len(head) < 60:
            project = list(paras)
            seed["narrative"]["项目经费情况说明"].append(project)
            current = ("narr", project)
        elif len(head) < 40 and (head.endswith("主要职能") or head.endswith("机构设置") or head == "名词解释"):
            section = {"title": head, "paragraphs": paras[1:]}
            seed["sections"].append(section)
            current = ("section", section)
        elif current and current[0] in ("narr", "section"):
            target = current[1] if current[0] == "narr" else current[1]["paragraphs"]
            if continued and target:
                target[-1] += paras.pop(0)
            target.extend(paras)
        else:
            print(f"{seed_id}: page {number} not classified: {head}", file=sys.stderr)
    for table in seed["tables"]:
        last = table["rows"][-1]
        # the printed total: 表1/表4 收入总计, the 合计 row elsewhere; 表9 has no total row, its
        # first column (“三公”经费 合计) is the total
        table["total"] = {"row": len(table["rows"]) - 1,
                          "label": last[0] if isinstance(last[0], str) else None,
                          "amount": next((v for v in last if isinstance(v, (int, float))), None)}
    return seed


def _add_rows(table, body):
    width = len(table["header"][0])
    for raw in body:
        if len(raw) < width and clean(raw[0]) == "合计":
            # a total row alone on the last page is read as a narrower grid: its amounts are the
            # right-most columns, the label spans the code/name columns
            raw = [raw[0]] + [None] * (width - len(raw)) + list(raw[1:])
        row = [amount(c) if i >= _first_amount_col(table["number"]) else clean(c)
               for i, c in enumerate(raw)]
        if all(v in (None, "") for v in row):
            continue   # the template's blank padding rows
        row = [None if v == "" else v for v in row]
        table["rows"].append(row)


def _first_amount_col(number):
    # columns before this one hold codes/names; from it on amounts (表1/表4 alternate name/amount,
    # handled by amount() leaving text as text)
    return {1: 0, 4: 0, 8: 3, 9: 0}.get(number, 4)


def _add_note(table, texts):
    for t in texts:
        if t.startswith("注"):
            table["note"] = t


def main(argv):
    out = Path("/tmp/sh_extract")
    if "--out" in argv:
        i = argv.index("--out")
        out = Path(argv[i + 1])
        del argv[i:i + 2]
    out.mkdir(parents=True, exist_ok=True)
    for seed_id in argv or SOURCES:
        seed = extract(seed_id)
        (out / f"{seed_id}.json").write_text(json.dumps(seed, ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")
        print(out / f"{seed_id}.json")


if __name__ == "__main__":
    main(sys.argv[1:])
