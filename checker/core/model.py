"""The document model: one budget disclosure as the reader found it.

Every value keeps the sheet and cell it was read from, so that any finding can point at the exact
cell a finance officer has to fix. Amounts are held in 万元 as ``Decimal`` (never float: the
checks compare published two-decimal figures) together with the precision they were published in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Iterator, Optional

from typing import TYPE_CHECKING

from .cells import CellRef
from .template import TableRole, TemplateProfile
from .text import norm

if TYPE_CHECKING:  # pragma: no cover
    from .statements import Statement


YUAN_PER_WAN = Decimal(10000)    # a figure printed in 元 is divided by this to give 万元


@dataclass(frozen=True)
class Amount:
    """A published amount, normalised to 万元.

    ``precision`` is half the last published digit, in 万元: 0.005 for a figure published to
    0.01 万元, 0.00005 for one published to 0.01 元. The published value stands for the
    interval ``[value - precision, value + precision]``.
    """

    value: Decimal
    cell: CellRef
    unit: str = "万元"           # the unit the table printed
    precision: Decimal = Decimal("0.005")
    raw: object = None          # the cell content as read (number or text)

    def __str__(self) -> str:
        return format_wan(self.value)


def format_wan(value: Decimal | float | int | None) -> str:
    """Format an amount in 万元 the way disclosures print it: ``1,234.56``."""
    if value is None:
        return "空"
    return f"{Decimal(value).quantize(Decimal('0.01')):,.2f}"


@dataclass(frozen=True)
class FunctionCode:
    """A 支出功能分类 code: 类 (3 digits), 款 (2), 项 (2)."""

    cls: str
    kuan: Optional[str] = None
    xiang: Optional[str] = None

    @property
    def code(self) -> str:
        return self.cls + (self.kuan or "") + (self.xiang or "")

    @property
    def level(self) -> str:
        return "项" if self.xiang else "款" if self.kuan else "类"

    @property
    def parent(self) -> Optional["FunctionCode"]:
        if self.xiang:
            return FunctionCode(self.cls, self.kuan)
        if self.kuan:
            return FunctionCode(self.cls)
        return None

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class EconomicCode:
    """A 部门预算支出经济分类 code: 类 (3 digits) and 款 (2)."""

    cls: str
    kuan: Optional[str] = None

    @property
    def code(self) -> str:
        return self.cls + (self.kuan or "")

    @property
    def level(self) -> str:
        return "款" if self.kuan else "类"

    @property
    def parent(self) -> Optional["EconomicCode"]:
        return EconomicCode(self.cls) if self.kuan else None

    def __str__(self) -> str:
        return self.code


Code = FunctionCode | EconomicCode


@dataclass
class Column:
    """One amount column of a table, with its full header path (top header row first)."""

    path: tuple[str, ...]
    index: int                  # 0-based sheet column
    letter: str                 # sheet column letter, e.g. "E"
    header_cell: Optional[CellRef] = None   # the cell showing the column's own (last) header text

    @property
    def key(self) -> str:
        return self.path[-1] if self.path else self.letter

    @property
    def header(self) -> str:
        return "/".join(self.path)

    def matches(self, *names: str, exact: bool = False) -> bool:
        """True when ``names`` appear in this column's header path in order: each equal to a
        header (``exact``) or contained in one."""
        pos = 0
        for name in map(norm, names):
            while pos < len(self.path) and not (name == self.path[pos] if exact else name in self.path[pos]):
                pos += 1
            if pos == len(self.path):
                return False
            pos += 1
        return True


class RowKind(Enum):
    TOTAL = "total"         # 总计 / 合计 / 收入总计 / 支出总计
    ITEM = "item"           # an ordinary row: a code, an income source, a 三公 item, a project
    UNIT = "unit"           # 表7/表11: a (sub-)unit's subtotal row


@dataclass
class TableRow:
    """A body row: its label as printed, its code if any, and its amounts by column index."""

    label: str
    cell: CellRef                       # where the label (or the row's first cell) sits
    kind: RowKind = RowKind.ITEM
    code: Optional[Code] = None
    name: str = ""                      # the classification name, without its code
    project: Optional[str] = None       # 表7 项目名称; 表11 project rows
    project_cell: Optional[CellRef] = None
    unit_group: Optional[str] = None    # 表7/表11: the (sub-)unit row this row sits under
    amounts: dict[int, Amount] = field(default_factory=dict)
    code_parts: tuple[str, ...] = ()    # the digits of the code columns as printed (类, 款, 项 or one
                                        # joined column), also when they do not form a valid code
    code_cell: Optional[CellRef] = None  # the first code column's cell, when code columns hold digits
    code_from_name: bool = False        # the table printed the class name only ("一、一般公共服务支出"):
                                        # the code is the one other tables print with that name

    def amount(self, column: Optional[Column]) -> Optional[Amount]:
        if column is None:
            return None
        return self.amounts.get(column.index)

    def value(self, column: Optional[Column]) -> Decimal:
        """The amount in ``column`` in 万元, a blank cell counting as zero."""
        a = self.amount(column)
        return a.value if a is not None else Decimal(0)

    def cell_in(self, column: Column) -> CellRef:
        a = self.amounts.get(column.index)
        if a is not None:
            return a.cell
        return CellRef(self.cell.sheet, self.cell.row, column.index)


@dataclass
class TableSide:
    """One side of a table: 表1 and 表4 print income on the left and expenditure on the right."""

    name: str                           # "income", "expense" or "main"
    label_header: str                   # the header over the label column, e.g. 支出功能分类
    columns: list[Column] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)

    def column(self, *names: str) -> Optional[Column]:
        """The column whose header path holds ``names`` in order: a column whose headers equal
        them wins over one whose headers merely contain them (资本性支出 vs 资本性支出（基本建设）)."""
        for exact in (True, False):
            for col in self.columns:
                if col.matches(*names, exact=exact):
                    return col
        return None

    def find(self, label: str) -> Optional[TableRow]:
        """The first row whose normalised label contains ``label``."""
        for row in self.rows:
            if label in row.label:
                return row
        return None


@dataclass
class BudgetTable:
    """One public table as found in the workbook: its role, and its number in the document's
    template (表N as that template numbers it)."""

    kind: TableRole
    title: str
    title_cell: CellRef
    number: int = 0                     # the template's number; 0 when no template numbers it
    unit_text: str = "万元"             # the unit line said 万元 or 元
    prepared_by: Optional[str] = None   # 编制单位/编制部门 as printed
    prepared_by_cell: Optional[CellRef] = None
    sides: list[TableSide] = field(default_factory=list)
    empty_statement: Optional[str] = None   # "…为空表" printed instead of a body
    empty_statement_cell: Optional[CellRef] = None
    last_row: int = 0                   # 0-based sheet row of the table's last body row

    @property
    def short_label(self) -> str:
        """表N as the document's template numbers it ("表6"), or the role's name."""
        return f"表{self.number}" if self.number else self.kind.title

    @property
    def label(self) -> str:
        return f"{self.short_label} {self.title}"

    @property
    def sheet(self) -> str:
        return self.title_cell.sheet

    @property
    def main(self) -> TableSide:
        """The expenditure side of a two-sided table, the only side otherwise."""
        return self.sides[-1]

    @property
    def income(self) -> Optional[TableSide]:
        return self.sides[0] if len(self.sides) > 1 else None

    @property
    def rows(self) -> list[TableRow]:
        return self.main.rows

    @property
    def columns(self) -> list[Column]:
        return self.main.columns

    def column(self, *names: str) -> Optional[Column]:
        return self.main.column(*names)

    @property
    def is_empty(self) -> bool:
        """No row carries an amount: only the header, or rows printed blank (Shanghai prints an empty
        table's 合计 row with nothing in it)."""
        return not any(row.amounts for side in self.sides for row in side.rows)

    def coded_rows(self) -> Iterator[TableRow]:
        return (r for r in self.rows if r.code is not None)

    def total_row(self) -> Optional[TableRow]:
        for row in self.rows:
            if row.kind is RowKind.TOTAL:
                return row
        return None


@dataclass
class Paragraph:
    """One paragraph of the narrative, where it is printed and the section it stands in."""

    text: str
    cell: CellRef
    section: str = ""          # top-level number, e.g. "五"
    subsection: str = ""       # e.g. "三" for （三）
    part: str = ""             # the template's narrative part it stands in (NarrativePart.key), when
                               # the narrative is divided into parts on sheets of their own


@dataclass
class Section:
    """A numbered section (一、…) or subsection ((一)…) of the narrative."""

    number: str                 # "五" or, for a subsection, "三"
    title: str
    cell: CellRef
    paragraphs: list[Paragraph] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)

    def all_paragraphs(self) -> list[Paragraph]:
        out = list(self.paragraphs)
        for sub in self.subsections:
            out.extend(sub.all_paragraphs())
        return out

    def subsection(self, number: str) -> Optional["Section"]:
        for sub in self.subsections:
            if sub.number == number:
                return sub
        return None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.all_paragraphs())


@dataclass
class Narrative:
    """The 情况说明, split into its numbered sections (一、… 十二、) and subsections (（一）…)."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    source: str = ""            # sheet name or file path

    def section(self, number: str, sub: Optional[str] = None) -> Optional[Section]:
        for sec in self.sections:
            if sec.number == number:
                return sec.subsection(sub) if sub else sec
        return None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class HeaderField:
    """A labelled field of a target table's header block, e.g. 项目负责人 → 杜强."""

    label: str
    value: object
    cell: Optional[CellRef]


@dataclass
class Indicator:
    """One row of a 绩效目标表's indicator grid."""

    level1: str                 # 一级指标
    level2: str                 # 二级指标
    name: str                   # 三级指标
    value: str                  # 指标值 as printed
    cell: CellRef               # the 三级指标 cell
    value_cell: Optional[CellRef] = None
    basis: Optional[str] = None         # 指标值设置依据
    last_year: Optional[str] = None     # 上年完成值
    weight: Optional[Decimal] = None    # 指标分值权重
    weight_cell: Optional[CellRef] = None
    scoring: Optional[str] = None       # 指标赋分规则
    evidence: Optional[str] = None      # 佐证资料
    level1_cell: Optional[CellRef] = None   # the cell the 一级指标 text was read from (merged: its top)
    level2_cell: Optional[CellRef] = None   # likewise for the 二级指标


@dataclass
class TargetTable:
    """A 项目支出绩效目标表, 部门整体绩效目标表 or 单位整体绩效目标表."""

    kind: str                           # the title as found
    title_cell: CellRef
    year: Optional[int] = None
    fields: dict[str, HeaderField] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)     # indicator grid headers found
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def is_project(self) -> bool:
        return "项目" in self.kind

    def field_value(self, *labels: str) -> Optional[HeaderField]:
        for label in labels:
            for key, fld in self.fields.items():
                if label in key:
                    return fld
        return None

    @property
    def project_name(self) -> str:
        fld = self.field_value("项目名称")
        return str(fld.value).strip() if fld and fld.value is not None else ""


@dataclass
class ContentsEntry:
    """A line of the document's 目录 (table of contents) that names one of its template's tables."""

    text: str                   # as printed, without the dot leader and page number
    title: str                  # the table's name in it: the enumerator ("5．", "表3") dropped
    role: TableRole
    number: Optional[int]       # the number it gives the table ("表3", "3."), when it gives one
    cell: CellRef


@dataclass
class ReadProblem:
    """Something the reader could not read as it should; structure rules report these."""

    kind: str                   # "formula-without-value", "unparsed-table", "duplicate-table"
    message: str                # Chinese, for the user
    cell: Optional[CellRef] = None


@dataclass
class AcceptedDeviation:
    """A row of the 校验说明 sheet: a warning the unit has explained in writing."""

    rule: str
    location: str
    explanation: str
    cell: CellRef


@dataclass
class Disclosure:
    """One budget disclosure (部门预算公开 or 单位预算公开) as read from one workbook."""

    path: str
    unit: str = ""
    kind: str = ""              # 部门 or 单位
    year: Optional[int] = None
    year_source: str = ""
    tables: dict[TableRole, BudgetTable] = field(default_factory=dict)
    duplicates: list[BudgetTable] = field(default_factory=list)
    narrative: Optional[Narrative] = None
    overview: Optional[Narrative] = None   # 第一部分 部门/单位概况: functions, institutions, sub-units, staff
    targets: list[TargetTable] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    deviations: list[AcceptedDeviation] = field(default_factory=list)
    sheet_names: list[str] = field(default_factory=list)
    template: Optional[TemplateProfile] = None   # the template profile the tables were read by
    statements: list["Statement"] = field(default_factory=list)   # the narrative's statements, read
                                                # by the template's sentence shapes (core.statements)
    contents: Optional[list[ContentsEntry]] = None   # the 目录's table entries; None: no 目录
    source: str = "workbook"    # what was read: "workbook", or a published "pdf" or "docx"
    row_pages: dict[str, list[int]] = field(default_factory=dict)   # a PDF's grid → page of each row
    places: dict[str, Any] = field(default_factory=dict)   # a PDF's grid → where its cells are printed
                                                          # (core.reader.pdf_places.GridPlaces)

    def table(self, role: TableRole) -> Optional[BudgetTable]:
        return self.tables.get(role)

    def label(self, role: TableRole) -> str:
        """How this document's template labels the table of ``role`` ("表6" in Xinjiang's, "表8" in
        Shanghai's), for messages; the role's name when the template has no such table."""
        table = self.tables.get(role)
        if table is not None:
            return table.short_label
        return self.template.label(role) if self.template else role.title

