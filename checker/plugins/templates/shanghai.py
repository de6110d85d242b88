"""The Shanghai (普陀区) template: nine tables, 表1–表8 in 元 and the 三公 table in 万元.

Titles carry the year and 部门/单位 ("2025年预算单位财务收支预算总表"); the blank official
template's sheet names are shorter, so tables are recognised by their titles. There is no 项目支出
table and no 上年结转结余 table (项目经费情况说明 in the narrative instead), and the 绩效目标表
are published separately per unit.
"""
from __future__ import annotations

from checker.core.engine import hookimpl
from checker.core.template import NarrativePart, TableRole, TableSpec, TemplateProfile

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
        NarrativePart("project", r"项目经费情况说明$", "项目经费情况说明（每个项目一篇）"),
    ),
    targets_in_document=False,
    # the 编制说明 lists each 项 without a change (部门 documents often add one); the 三公 and each of
    # its parts have theirs in 其他相关情况说明 一
    required_changes=(("sangong", "其他相关情况说明一（“三公”经费预算情况）"),),
    narrative_unit="万元",
    description="九张公开表（表1 财务收支预算总表 …… 表9 “三公”经费和机关运行经费预算表），表1—表8 金额单位元、"
                "表9 万元；说明分部门（单位）预算编制说明、其他相关情况说明和项目经费情况说明；没有项目支出表和"
                "上年结转结余表，绩效目标表按单位另行公开。",
)


@hookimpl
def checker_templates() -> list[TemplateProfile]:
    return [PROFILE]
