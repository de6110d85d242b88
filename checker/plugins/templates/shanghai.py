"""The Shanghai (普陀区) template: nine tables, 表1–表8 in 元 and the 三公 table in 万元.

Titles carry the year and 部门/单位 ("2025年预算单位财务收支预算总表"); the blank official
template's sheet names are shorter, so tables are recognised by their titles. There is no 项目支出
table and no 上年结转结余 table (项目经费情况说明 in the narrative instead), and the 绩效目标表
are published separately per unit.
"""
from __future__ import annotations

from checker.core.engine import hookimpl
from checker.core.printed import NUMBER
from checker.core.statements import AMOUNT, CHANGE, YEAR
from checker.core.template import (NarrativePart, RequiredStatement, SentenceShape, TableRole, TableSpec,
                                   TemplateProfile)

R = TableRole

TABLES = (
    TableSpec(R.SUMMARY, 1, "财务收支预算总表", (r"财务收支预算总表",), unit="元"),
    TableSpec(R.INCOME, 2, "收入预算总表", (r"(部门|单位)收入预算总表",), unit="元"),
    TableSpec(R.EXPENSE, 3, "支出预算总表", (r"(部门|单位)支出预算总表",), unit="元"),
    TableSpec(R.FISCAL_SUMMARY, 4, "财政拨款收支预算总表", (r"财政拨款收支预算总表",), unit="元"),
    TableSpec(R.GPB_FUNCTION, 5, "一般公共预算支出功能分类预算表", (r"一般公共预算支出功能分类预算表",), unit="元"),
    TableSpec(R.GOV_FUNDS, 6, "政府性基金预算支出功能分类预算表", (r"政府性基金预算支出功能分类预算表",), unit="元",
              may_be_empty=True, empty_words="政府性基金"),
    TableSpec(R.STATE_CAPITAL, 7, "国有资本经营预算支出功能分类预算表", (r"国有资本经营预算支出功能分类预算表",),
              unit="元", may_be_empty=True, empty_words="国有资本经营"),
    TableSpec(R.GPB_BASIC, 8, "一般公共预算基本支出部门预算经济分类预算表",
              (r"一般公共预算基本支出(部门预算)?经济分类预算表",), unit="元"),
    TableSpec(R.THREE_PUBLIC, 9, "“三公”经费和机关运行经费预算表",
              (r"三公[\"”’']?经费和机关运行(经)?费预算表",), unit="万元"),
)

_WAN = rf"(?P<amount>{NUMBER})(?P<unit>万元|元|万(?![\u4e00-\u9fff]))"     # "1720.00万" is 万元 as printed
_THEN = r",?(?:" + CHANGE + ")?"          # "…万元，比2024年预算减少2,389.52万元" (the change is optional)
_THEN_LOOSE = r"[,。]?(?:" + CHANGE + ")?"  # "公务接待费1.00万元。与2024年预算持平"
S = SentenceShape

# 部门（单位）预算编制说明, 其他相关情况说明 and 项目经费情况说明 as the district's template words them;
# the more specific shapes first (财政拨款支出预算 before 支出预算)
SENTENCES = (
    S("income_total", r"收入预算" + AMOUNT, "explanation"),
    S("fiscal_income", r"财政拨款收入" + AMOUNT + _THEN, "explanation"),
    S("operating_income", r"事业单位经营收入" + AMOUNT, "explanation"),
    S("business_income", r"事业收入" + AMOUNT, "explanation"),
    S("other_income", r"其他收入" + AMOUNT, "explanation"),
    S("fiscal_expense", r"财政拨款支出预算" + AMOUNT + _THEN, "explanation"),
    S("gpb_expense", r"一般公共预算拨款支出预算" + AMOUNT + _THEN, "explanation"),
    S("gov_funds_expense", r"政府性基金(?:预算)?拨款支出预算" + AMOUNT + _THEN, "explanation"),
    S("soe_expense", r"国有资本经营预算拨款支出预算" + AMOUNT + _THEN, "explanation"),
    S("expense_total", r"支出预算" + AMOUNT, "explanation"),
    # 1.“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元 — or with （类）（款）（项）
    S("item", r"[“\"](?P<names>[^”\"]{4,80})[”\"](?:科目)?" + AMOUNT, "explanation"),
    # …2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%
    S("item", YEAR + r"当年预算执行数为(?P<last>[-\d,.]+)(?P<lunit>万元|元),?" + YEAR + r"预算安排" + AMOUNT + r",?"
      + CHANGE, "explanation", continues=True),
    S("sangong_total", r"三公[”\"]?经费(?:财政拨款)?预算数?为?" + AMOUNT + _THEN, "other"),
    S("sangong_abroad", r"因公出国\(境\)费" + AMOUNT + _THEN_LOOSE, "other"),
    S("sangong_vehicle", r"公务用车购置及运行(?:维护)?费" + AMOUNT + _THEN_LOOSE, "other"),
    S("sangong_purchase", r"公务用车购置费" + AMOUNT + _THEN_LOOSE, "other"),
    S("sangong_operation", r"公务用车运行(?:维护)?费" + AMOUNT + _THEN_LOOSE, "other"),
    S("sangong_reception", r"公务接待费" + AMOUNT + _THEN_LOOSE, "other"),
    S("operating", r"机关运行经费(?:预算)?(?:为|是)" + AMOUNT, "other"),
    S("procurement_goods", r"政府采购货物预算" + AMOUNT, "other"),
    S("procurement_works", r"政府采购工程预算" + AMOUNT, "other"),
    S("procurement_services", r"政府采购服务预算" + AMOUNT, "other"),
    S("procurement", r"政府采购预算(?:为|是)?" + AMOUNT, "other"),
    S("sme_reserved", r"面向中小企业预留政府采购项目预算(?:金额)?(?:为|是)?" + AMOUNT, "other"),
    S("sme_small", r"预留给小型和微型企业的政府采购项目预算(?:金额)?(?:为|是)?" + AMOUNT, "other"),
    S("target_projects", r"编报绩效目标的项目(?:共)?(?P<count>\d+)个", "other"),
    S("target_funds", r"涉及项目预算资金" + AMOUNT, "other"),
    # 六、年度预算安排: "2025年度项目总预算1410.00万，其中支持引进品牌集聚340.00万，……，合计1410.00万。"
    # (万 for 万元 as printed), or the year's money by quarter "第一季度用款计划158.05万元，……"
    S("project_budget", r"项目总预算" + _WAN, "project"),
    S("project_sum", r"合计" + _WAN, "project"),
    S("project_quarter", r"第[一二三四1-4]季度用款计划" + _WAN, "project"),
    S("project_part", r"(?:其中|[,;、])[^,;、。:]{2,30}?" + _WAN, "project"),
)

REQUIRED = (
    RequiredStatement("收入预算总额", "预算编制说明", r"收入预算"),
    RequiredStatement("支出预算总额", "预算编制说明", r"支出预算"),
    RequiredStatement("“三公”经费预算数", "其他相关情况说明 一", r"三公[”\"]?经费(?:财政拨款)?预算"),
    RequiredStatement("机关运行经费预算", "其他相关情况说明 二", r"机关运行经费"),
    RequiredStatement("政府采购预算", "其他相关情况说明 三", r"政府采购预算"),
    RequiredStatement("面向中小企业预留政府采购项目预算", "其他相关情况说明 三", r"面向中小企业预留", when="procurement"),
    RequiredStatement("编报绩效目标的项目个数", "其他相关情况说明 四", r"编报绩效目标的项目"),
    # each project's 六、年度预算安排 with its amount (or still the template's prompt: S010's)
    RequiredStatement("项目年度预算安排的金额", "项目经费情况说明 六（年度预算安排）",
                      r"年度预算安排(?:(?!七、)[\s\S])*?(?:\d|[Xx])(?:万|元)|说明项目年度财政资金预算安排金额",
                      each="project"),
)

PROFILE = TemplateProfile(
    name="shanghai",
    title="上海（普陀区 9 张表，元）",
    tables=TABLES,
    match_order=(R.FISCAL_SUMMARY, R.THREE_PUBLIC, R.GPB_BASIC, R.GPB_FUNCTION, R.GOV_FUNDS, R.STATE_CAPITAL,
                 R.SUMMARY, R.INCOME, R.EXPENSE),
    narrative_parts=(
        NarrativePart("duties", r"主要职能$", "主要职能"),
        NarrativePart("explanation", r"编制说明$", "部门（单位）预算编制说明"),
        NarrativePart("other", r"其他相关情况说明$", "其他相关情况说明（三公、机关运行经费、政府采购、绩效目标、国有资产）"),
        NarrativePart("project", r"经费情况说明\d*$", "项目经费情况说明（每个项目一篇）"),
    ),
    targets_in_document=False,
    sentences=SENTENCES,
    required_statements=REQUIRED,
    self_words=(("部门", "本部门"), ("单位", "本单位")),
    # the 编制说明 lists each 项 without a change (部门 documents often add one); the 三公 and each of
    # its parts have theirs in 其他相关情况说明 一
    required_changes=(("sangong", "其他相关情况说明一（“三公”经费预算情况）"),),
    not_applicable=(
        ("A303", "普陀区离退休科目（2080501/2080502）的基本支出含离退休人员的公用经费（福利费、活动费等），"
                 "不只是“303 对个人和家庭的补助”。"),
    ),
    description="九张公开表（表1 财务收支预算总表 …… 表9 “三公”经费和机关运行经费预算表），表1—表8 金额单位元、"
                "表9 万元；单位预算的表1 支出方把基本支出分列人员经费、公用经费（与表8 核对）；说明分部门（单位）预算编制说明、"
                "其他相关情况说明和项目经费情况说明；没有项目支出表和"
                "上年结转结余表，绩效目标表按单位另行公开。",
)


@hookimpl
def checker_templates() -> list[TemplateProfile]:
    return [PROFILE]


@hookimpl
def checker_draft_narrative(document, prior):
    """The narrative of a document read by this profile, drafted from its tables."""
    if document.template is None or document.template.name != PROFILE.name:
        return None
    from .shanghai_draft import draft

    return draft(document, prior)
