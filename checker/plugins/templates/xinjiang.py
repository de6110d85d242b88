"""The Xinjiang template: eleven tables in 万元, 表1 … 表11, with the 情况说明 numbered 一 … 十二.

This is also the layout of the national 2023–2025 部门预算公开 template most provinces print; its
title patterns cover the 部门/单位 variants and the spellings seen in published disclosures
(财政拨款收支总体情况表 vs 财政拨款收支预算总体情况表, 收支总表, …).
"""
from __future__ import annotations

from checker.core.engine import hookimpl
from checker.core.printed import NUMBER
from checker.core.statements import AMOUNT, SHARE
from checker.core.template import (NarrativePart, SentenceShape, TableRole, TableSpec, TemplateProfile,
                                   TemplateWording)

R = TableRole

TABLES = (
    TableSpec(R.SUMMARY, 1, "收支总体情况表", (r"(部门|单位)?收支(预算)?(总体情况|总)表",), kind_prefix=True,
              lists_every_class=True),
    TableSpec(R.INCOME, 2, "收入总体情况表", (r"(部门|单位)?收入(预算)?(总体情况|总)表",), kind_prefix=True),
    TableSpec(R.EXPENSE, 3, "支出总体情况表", (r"(部门|单位)?支出(预算)?(总体情况|总)表",), kind_prefix=True),
    TableSpec(R.FISCAL_SUMMARY, 4, "财政拨款收支总体情况表", (r"财政拨款收支(预算)?(总体情况|总)表",),
              lists_every_class=True),
    TableSpec(R.GPB_FUNCTION, 5, "一般公共预算支出情况表", (r"一般公共预算(财政拨款)?支出(预算)?(情况)?表",)),
    TableSpec(R.GPB_BASIC, 6, "一般公共预算基本支出情况表", (r"一般公共预算(财政拨款)?基本支出(预算)?(情况)?表",)),
    TableSpec(R.GPB_PROJECTS, 7, "一般公共预算项目支出情况表", (r"一般公共预算(财政拨款)?项目支出(预算)?(情况)?表",),
              may_be_empty=True, empty_words="项目支出"),
    TableSpec(R.GOV_FUNDS, 8, "政府性基金预算支出情况表", (r"政府性基金预算(财政拨款)?支出(预算)?(情况)?表",),
              may_be_empty=True, empty_words="政府性基金"),
    TableSpec(R.STATE_CAPITAL, 9, "国有资本经营预算支出情况表", (r"国有资本经营预算(财政拨款)?支出(预算)?(情况)?表",),
              may_be_empty=True, empty_words="国有资本经营"),
    TableSpec(R.THREE_PUBLIC, 10, "财政拨款“三公”经费支出情况表",
              (r"三公[\"”’']?经费(支出|预算)?(预算)?(情况)?(统计)?表",)),
    TableSpec(R.CARRYOVER, 11, "上年结转结余情况明细表", (r"上年结转结余(预算)?(情况)?(明细)?表",),
              may_be_empty=True, empty_words="结转结余"),
)

S = SentenceShape
_IS = r"(?:财政拨款)?(?:预算)?(?:数|合计)?(?:为|是)?:?"       # "“三公”经费预算数为", "公务接待费"
_SANGONG = r"三公(?:[”\"])?经费"
_TARGET_FUNDS = rf",?(?:共|合计)?涉及(?:预算)?(?:金额|资金)(?P<amount>{NUMBER})(?P<unit>万元)"
_TWELVE = r"^十二[、.]"          # 十二、其他重要事项的情况说明
_PERFORMANCE = r"绩效"           # its （四）预算绩效情况
_PROCUREMENT = r"政府采购"       # its （二）政府采购情况
_YEAR_GRANTS = r"当年拨款"       # 五、一般公共预算当年拨款情况说明 (its （三） walks each 项)
# 五（三）'s 项 sentence: at a paragraph's or sentence's start, after its number ("1、", "2.")
_ITEM_START = r"(?:^|(?<=[。;]))[-•·]?(?:\d{1,2}(?:、|\.(?!\d)))?"
_ITEM_NAME = r"[^:,。;%]{1,40}?"
# its change against last year: "比上年预算增加 15.73 万元，增长 1.57%", "比上年预算下降 7.44%", "与上年持平"
_LAST_YEAR_CHANGE = (r"(?:,?(?:比|较|与)上年(?P<base>预算数|预算)?(?:相比)?,?"
                     rf"(?:(?P<dir>增加|减少|增长|下降)(?:(?P<change>{NUMBER})(?P<cunit>万元|元),?(?:增长|下降|增幅|降幅)?)?"
                     rf"(?:(?P<pct>{NUMBER})%)?|(?P<flat>持平|无变化)))?")
# its own amount, the first after the names (not a change's: "比上年增加 X 万元"), when it prints one, and
# the change that follows it
_ITEM_AMOUNT = r"(?:(?:(?!增加|减少|增长|下降|比|较)[^。;])*?" + AMOUNT + _LAST_YEAR_CHANGE + ")?"

# 五（一）、（二）'s 类 (and 款) items, one after each list number ("1、一般公共服务支出（类）1,222.89 万元，主要用于……"),
# or the paragraph's start where it numbers none: the names from the item's start, each up to its mark, and the
# first amount of the item; an item that goes on to a 项 is 五（三）'s (the item shapes above)
_CLASS_START = r"(?:^|(?<=[。;]))[-•·]?\d{1,2}[、.．]"
_CLASS_NAME = r"(?:(?!\((?:类|款|项)\))[^:,。;\d%]){1,40}"
_CLASS_AMOUNT = (r"(?:(?:(?!(?<=[。;])[-•·]?\d{1,2}[、.．]).)*?(?P<amount>\d[\d,]*(?:\.\d+)?)(?P<unit>万元))?")
_CLASS_AT = rf"(?:{_CLASS_START}|^(?!(?:.*[。;])?[-•·]?\d{{1,2}}[、.．]))"
# an amount as printed ("1,379.81", "229"), and the look-ahead that it is not a bound ("50 万元以上",
# "100 万元（含）以下")
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NOT_A_BOUND = r"(?!\s*(?:[(（]\s*含\s*[)）])?\s*(?:及|和)?\s*(?:以上|以下|以内))"
# 一 … 十二 name their figures freely, one "subject amount 万元，占 Y%" after another: "一般公共预算
# 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元，增长 1.61%，主要原因是……" (an amount in 万元, also
# glued to a code: "0210689C134.60 万元"; not a threshold: "50 万元以上"; the share right after it, or
# in the next clause, and what it is said to be of: "占一般公共预算支出的 73.81%")
_FIGURE = r"(?<![\d.,])(?P<amount>" + _NUMBER + r")\s*(?P<unit>万元)" + _NOT_A_BOUND
_FIGURE_SHARE = (r"^\s*所?占\s*(?:比例|比重|比)?\s*(?P<shareof>[^\d%，,。；;：:]{0,16}?)\s*(?:的)?\s*(?:比例|比重|比)?\s*"
                 r"(?:为|达)?\s*(?P<share>\d+(?:\.\d+)?)\s*%")
_CHANGE_WORDS = r"增加|减少|增长|下降|上升|降低|增减|比上年|较上年|同比|压减|调减|调增|持平|节约|净增|净减"
# "收入预算包括：一般公共预算、单位资金。", "人员经费……主要包括：基本工资、津贴补贴……": the names a paragraph
# lists after its first 包括 (with a colon, or set off by 、), when the rest of the paragraph gives no amount
_NO_AMOUNT = r"(?!.*(?<![\d.,])" + _NUMBER + r"\s*万元" + _NOT_A_BOUND + ")"
_LIST = r"(?:[:：]|(?=\s*[^。]*、))\s*" + _NO_AMOUNT + r"(?P<names>[^。]+)"
_LIST_LEAD = r"^(?P<label>(?:(?!包括).)*?)"
_LIST_ITEMS = r"[、，,；;]"
# a field line of 七 after its list number or bullet ("（一）项目名称：…")
_FIELD_START = (r"^(?:(?:[-•·]\s*)?(?:\d{1,2}\s*[、.．)）](?!\d)|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*[、.．]?|"
                r"[一二三四五六七八九十]{1,3}\s*[、.．])\s*)?")
_FIELDS = (r"项目名称|设立的政策依据|政策依据|预算安排规模|项目承担单位|承担单位|资金分配情况|资金执行时间|执行时间|项目概述|"
           r"项目内容")
# 十二（三）: "车辆 7 辆，价值 229.00 万元；其中：一般公务用车 6 辆，价值 …；其他车辆 0 辆", "单位价值 50 万元以上
# 通用设备 2 台，单位价值 100 万元以上专用设备 1 台" (read as printed, spaces kept)
_ASSETS = r"国有资产|资产占用"
_WORTH = r"(?:\s*[，,]?\s*价值\s*(?P<amount>" + _NUMBER + r")\s*(?P<unit>万元))?"
_KINDS = r"一般公务用车|执法执勤用车|特种专业技术用车|其他车辆|其他用车|机要通信用车|应急保障用车|业务用车|特种用车"

# 七's 资金分配情况: each amount in 万元 or in 元 (not 亿元/千元/美元, not a threshold: "50 万元以上"), named
# 共计/合计 when it is a total; a per-unit rate is how an item was worked out, not an item (the rate group:
# "每人每月 500 元", "标准为 400 元", "400 元每人", "300 元/人/天"). Per year alone is the year's amount in
# a one-year budget ("25 万元/年", "每年 3 万元"); per person per year is a rate ("每人每年 2,000 元")
_PER = r"(?:人|月|年|天|日|次|个|台|辆|件|套|户|间|场|批|课时|小时|平方米|公里)"
_NOT_YEAR = r"(?:人|月|天|日|次|个|台|辆|件|套|户|间|场|批|课时|小时|平方米|公里)"
_ALLOCATED = r"(?<![\d.,])" + _NUMBER + r"\s*(?:万元|(?<![亿千百美日欧港])元)" + _NOT_A_BOUND
_PER_YEAR = r"(?=\s*(?:[/／]|每)\s*年(?!\s*(?:[/／]|每)))"
_PER_UNIT = rf"(?=\s*(?:[/／]|每\s*{_PER}))"
_RATE_IS = r"(?:为|是|按|[:：])?\s*"
_RATE = (rf"(?P<rate>(?:(?:每\s*{_PER}\s*)*每\s*{_NOT_YEAR}\s*|(?:每\s*{_PER}\s*)*每\s*[人月天日次个台辆件套户间场批]\s*每\s*年\s*"
         rf"|标准\s*){_RATE_IS}{_ALLOCATED}(?!{_PER_YEAR})|{_ALLOCATED}(?!{_PER_YEAR}){_PER_UNIT})")
_ALLOCATION = (rf"{_RATE}|(?:(?P<yearly>每\s*年\s*{_RATE_IS})|(?P<label>共计|合计|总计|小计)\s*)?"
               r"(?<![\d.,])(?P<amount>" + _NUMBER + r")\s*(?P<unit>万元|(?<![亿千百美日欧港])元)" + _NOT_A_BOUND
               +                rf"(?(yearly)|(?:{_PER_YEAR}|(?!{_PER_UNIT})))")

# The sentences of the 情况说明 read in the core (checker.core.statements; the reason given for a change
# by checker.core.reasons). Still read by the plugins themselves: which change clause belongs to which
# subject (yoy)
SENTENCES = (
    # 五（三）: "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）：2024 年预算数为
    # 1,018.41 万元，比上年预算增加……" (each 项 by its 类/款/项 names), or by its code: "1、2010350 事业运行：……",
    # "1、事业运行（2010350）：……"
    S("item", _ITEM_START + rf"(?P<names>{_ITEM_NAME}\(类\){_ITEM_NAME}\(款\){_ITEM_NAME}\(项\))" + _ITEM_AMOUNT,
      section=_YEAR_GRANTS),
    S("item", r"^(?:\d{1,2}(?:、|\.(?!\d)))?(?P<code>\d{7})(?P<names>[^\d:,。;(]{2,30})" + _ITEM_AMOUNT,
      section=_YEAR_GRANTS),
    S("item", r"^(?:\d{1,2}(?:、|\.(?!\d)))?(?P<names>[^\d:,。;]{2,30}?)\((?P<code>\d{7})\)" + _ITEM_AMOUNT,
      section=_YEAR_GRANTS),
    # 十: "……2024 年财政拨款“三公”经费预算数为 22.02 万元，其中：因公出国（境）费 0 万元，公务用车购置费 0
    # 万元，公务用车运行费 20.02 万元，公务接待费 2.00 万元。" (each part may add its share: "，占 90.92%")
    S("sangong_total", rf"(?:财政拨款)?[“\"]?{_SANGONG}{_IS}" + AMOUNT + SHARE, section=r"三公"),
    S("sangong_abroad", r"因公出国\(境\)费" + _IS + AMOUNT + SHARE, section=r"三公"),
    S("sangong_vehicle", r"公务用车购置及运行(?:维护)?费(?:\(小计\))?" + _IS + AMOUNT + SHARE, section=r"三公"),
    S("sangong_purchase", r"公务用车购置费" + _IS + AMOUNT + SHARE, section=r"三公"),
    S("sangong_operation", r"公务用车运行(?:维护)?费" + _IS + AMOUNT + SHARE, section=r"三公"),
    S("sangong_reception", r"公务接待费" + _IS + AMOUNT + SHARE, section=r"三公"),
    # 十二（一）: "……2024 年的机关运行经费财政拨款预算 121.35 万元，比上年预算减少 11.44 万元，……"
    S("operating", r"(?:机关|单位|部门)?运行经费(?:(?!增加|减少|增长|下降|比|较)[^,;:。\d%]){0,12}?" + AMOUNT,
      section=_TWELVE, subsection=r"运行经费"),
    # 十二（二）: "……政府采购预算 16,466.51 万元，其中：政府采购货物预算 20.00 万元，政府采购工程预算 0 万元，政府采购
    # 服务预算 16,446.51 万元。" "……面向中小企业预留政府采购项目预算金额 8,088.38 万元，小微企业预留……"
    S("procurement", r"政府采购(?:预算|金额)(?:总额|金额)?(?:为|是|共计|合计)?:?" + AMOUNT, section=_TWELVE,
      subsection=_PROCUREMENT),
    S("procurement_goods", r"货物(?:类)?(?:采购)?(?:预算)?(?:金额)?(?:为|是)?:?" + AMOUNT, section=_TWELVE,
      subsection=_PROCUREMENT),
    S("procurement_works", r"工程(?:类)?(?:采购)?(?:预算)?(?:金额)?(?:为|是)?:?" + AMOUNT, section=_TWELVE,
      subsection=_PROCUREMENT),
    S("procurement_services", r"服务(?:类)?(?:采购)?(?:预算)?(?:金额)?(?:为|是)?:?" + AMOUNT, section=_TWELVE,
      subsection=_PROCUREMENT),
    S("sme_small", r"(?:预留给)?小(?:型和)?微(?:型)?企业(?:预留)?的?(?:政府采购)?(?:项目)?(?:预算)?(?:金额)?(?:为|是)?:?"
      + AMOUNT, section=_TWELVE, subsection=_PROCUREMENT),
    S("sme_reserved", r"中小企业(?:预留)?的?(?:政府采购)?(?:项目)?(?:预算)?(?:金额)?(?:为|是)?:?" + AMOUNT,
      section=_TWELVE, subsection=_PROCUREMENT),
    # 十二（四）: "整体预算绩效目标 1 个，涉及金额 3,384.08 万元；当年财政拨款项目 5 个，涉及预算金额 373.16
    # 万元；当年非财政拨款项目 2 个，……", "当年预算安排项目共 1 个", "编制项目支出绩效目标 7 个，涉及金额 623.16 万元"
    S("target_whole", r"整体(?:预算)?绩效目标(?P<count>\d+)个" + _TARGET_FUNDS, section=_TWELVE, subsection=_PERFORMANCE),
    S("target_fiscal", r"(?<!非)财政拨款(?:安排的?)?项目(?:(?P<count>\d+)个)?" + _TARGET_FUNDS, section=_TWELVE,
      subsection=_PERFORMANCE),
    S("target_nonfiscal", r"非财政拨款(?:安排的?)?项目(?:(?P<count>\d+)个)?" + _TARGET_FUNDS, section=_TWELVE,
      subsection=_PERFORMANCE),
    S("target_all", r"项目(?:共|合计)(?P<count>\d+)个", section=_TWELVE, subsection=_PERFORMANCE),
    S("target_all", r"项目(?:支出)?绩效目标(?:共|合计)?(?P<count>\d+)个(?:" + _TARGET_FUNDS + ")?", section=_TWELVE,
      subsection=_PERFORMANCE),
    S("function_class", _CLASS_AT + rf"(?P<names>{_CLASS_NAME}\(类\)(?>(?:{_CLASS_NAME}\(款\))?))"
      rf"(?!{_CLASS_NAME}\(项\))" + _CLASS_AMOUNT, section=_YEAR_GRANTS),
    S("function_kuan", _CLASS_AT + rf"(?P<names>{_CLASS_NAME}\(款\))(?!{_CLASS_NAME}\(项\))" + _CLASS_AMOUNT,
      section=_YEAR_GRANTS),
    # every figure of 一 … 十二 with the words that name it (the arithmetic plugin ties each to its table
    # by the section it stands in); a change against last year and the amounts of its reason apart
    S("figure", _FIGURE, labelled=True, share=_FIGURE_SHARE, changes=_CHANGE_WORDS, reason=r"原因"),
    S("list", _LIST_LEAD + r"(?<!主要)包括" + _LIST, spaced=True, items=_LIST_ITEMS),
    S("main_list", _LIST_LEAD + r"主要包括" + _LIST, spaced=True, items=_LIST_ITEMS),
    # 四: "收入预算包括：一般公共预算拨款 X 万元……", "一般公共预算支出包括：一般公共服务支出（类）X 万元，主要用于……"
    S("income_listing", r"收入预算包括", spaced=True),
    S("expense_listing", r"(?P<names>一般公共预算|政府性基金预算?|国有资本经营预算?)?(?:拨款)?支出包括", spaced=True),
    # 七, one project after another: "项目名称：…", "预算安排规模：278.00 万元" (or 元, or a bare number in
    # 万元, not a table's or a year's), "资金分配情况：…" (the field a line opens with, after its number)
    S("project_field", _FIELD_START + rf"(?P<label>{_FIELDS})\s*[:：]\s*", spaced=True),
    S("project_scale", _FIELD_START + r"预算安排规模\s*[:：]\s*.*?" + _FIGURE, spaced=True),
    S("project_scale", _FIELD_START + r"预算安排规模\s*[:：]\s*.*?(?<![\d.,])(?P<amount>" + _NUMBER
      + r")\s*(?P<unit>万元|(?<![亿千百美日欧港])元)" + _NOT_A_BOUND, spaced=True),
    S("project_scale", _FIELD_START + r"预算安排规模\s*[:：]\s*.*?(?<![表第\d.,])(?P<amount>" + _NUMBER + r")(?![\d年])",
      spaced=True),
    # "资金分配情况：差旅费 15 万元，培训费 5 万元，共计 20 万元" and the lines that go on with it: every amount
    # of 七 (the arithmetic plugin keeps those after the field word), rates read past
    S("allocation", _ALLOCATION, section=r"项目支出", spaced=True),
    # "政府性基金预算未安排", "无政府性基金预算拨款和国有资本经营预算" (a clause each), "……表为空表" (a paragraph
    # with no amount)
    S("nil", r"^(?P<label>.*?)(?:资金)?(?:未安排|没有安排|无安排)$", clause=True),
    S("nil_list", r"^无(?P<names>.+)$", clause=True, items=r"[和、及]|以及"),
    S("empty_table", r"^" + _NO_AMOUNT + r".*为空表", spaced=True),
    # 十二: "2024 年部门预算未安排购置车辆经费" (a clause; spaces anywhere in the words)
    S("no_car_purchase", r"^.*?(?:未|没\s*有|不)\s*安\s*排\s*(?:公\s*务\s*用?\s*车\s*(?:辆\s*)?购\s*置|"
      r"购\s*置\s*(?:公\s*务\s*用?\s*车|车\s*辆)|车\s*辆\s*购\s*置).*$", clause=True),
    S("vehicles", r"车辆\s*(?P<count>\d+)\s*辆" + _WORTH, subsection=_ASSETS, spaced=True),
    S("vehicle_kind", rf"(?P<names>{_KINDS})\s*(?P<count>\d+)\s*辆" + _WORTH, subsection=_ASSETS,
      spaced=True),
    S("devices", r"(?P<names>50|100)\s*万元\s*(?:[(（]\s*含\s*[)）])?\s*(?:及)?以上[^，,；;。]*?(?P<count>\d+)\s*台",
      subsection=_ASSETS, spaced=True),
)

PROFILE = TemplateProfile(
    name="xinjiang",
    title="新疆（全国 2023—2025 年部门预算公开模板，11 张表）",
    tables=TABLES,
    # the more specific titles first: 财政拨款收支总表 before 收支总表, 基本支出 before 支出
    match_order=(R.FISCAL_SUMMARY, R.THREE_PUBLIC, R.CARRYOVER, R.GPB_BASIC, R.GPB_PROJECTS, R.GPB_FUNCTION,
                 R.GOV_FUNDS, R.STATE_CAPITAL, R.SUMMARY, R.INCOME, R.EXPENSE),
    narrative_parts=(
        NarrativePart("overview", r"概况$", "第一部分 部门（单位）概况"),
        NarrativePart("explanation", r"情况说明$", "第三部分 预算情况说明（一 至 十二）"),
    ),
    targets_in_document=True,
    sentences=SENTENCES,
    required_changes=(
        ("item", "五（三）"),
        ("income", "二（收入预算情况）"),
        ("expense_kind", "三（支出预算情况）"),
        ("gpb_kind", "五（一）（一般公共预算当年拨款规模变化）"),
        ("sangong", "十（“三公”经费）"),
    ),
    # the 2024 edition's 表7 heads the 302 column "商品服务 支出" (both 2024 seeds, two units, print it;
    # the 2025 edition, seed 003, prints "商品和服务支出")
    own_wording=(
        TemplateWording(R.GPB_PROJECTS, "商品服务支出", (2024,), "商品和服务支出"),
    ),
    description="十一张公开表（表1 收支总体情况表 …… 表11 上年结转结余情况明细表），金额单位万元；"
                "情况说明按一至十二编号；项目支出和部门（单位）整体绩效目标表随文件公开。",
)


@hookimpl
def checker_templates() -> list[TemplateProfile]:
    return [PROFILE]


@hookimpl
def checker_draft_narrative(document, prior):
    """The narrative of a document read by this profile, drafted from its tables."""
    if document.template is None or document.template.name != PROFILE.name:
        return None
    from .xinjiang_draft import draft

    return draft(document, prior)
