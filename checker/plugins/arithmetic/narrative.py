"""Narrative against tables (A2xx): every amount, share and list the 情况说明 states.

The 情况说明 restates the tables in sentences of a fixed shape ("单位资金 7,929.93 万元，占
42.25%"); a figure retyped by hand is where a disclosure most often disagrees with itself. These
rules tie each figure of sections 一 to 十二 to the table cell it restates and check it,
rounding-aware; changes against last year ("比上年增加 X 万元，增长 Y%") are the yoy plugin's.

The figures, lists, field lines and nil statements are read in the core, by the template's sentence
shapes (``document.statements``: the labelled shape's ``figure`` statements for sections 一 … 十二,
``list``/``main_list``, ``project_field``, ``nil`` … for Xinjiang); the work here is split by job:
``narrative_facts`` divides the narrative into parts by topic and hands each its statements (and
still reads the amounts of 七's 资金分配情况 itself), ``narrative_tables`` finds table values,
``narrative_compare`` compares, and ``narrative_amounts`` / ``_lists`` / ``_projects`` /
``_internal`` / ``_running`` report.
"""
from __future__ import annotations

from typing import Iterable

from checker.core.context import CheckContext
from checker.core.findings import Finding, Rule, Severity
from checker.core.model import Disclosure

from .narrative_amounts import check_amounts
from .narrative_compare import floor_of
from .narrative_facts import parts
from .narrative_internal import check_internal
from .narrative_lists import check_lists
from .narrative_tables import OfficialNames
from .narrative_projects import check_carry_projects, check_projects
from .narrative_running import check_running

RULES: list[Rule] = [
    Rule("A201", Severity.ERROR, "说明中的金额与表格不一致",
         "检查情况说明复述表格数字的每一处金额是否与相应表格一致：收支总预算、各项收入来源（收支总表）、"
         "支出预算及基本支出、项目支出（支出总表）、财政拨款收支总预算及其收入和各类支出（财政拨款收支总表）、一般公共预算"
         "当年拨款的合计、基本支出、项目支出、各类和各项金额（一般公共预算支出表）、基本支出、人员经费、公用经费（一般公共预算"
         "基本支出表）、“三公”经费各项（“三公”经费表）、上年结转结余及各项目（上年结转结余表），以及“某某未安排”“……为空表”"
         "“未安排购置车辆经费”（对“三公”经费表的公务用车购置费）等说明的表中数是否为 0，以及项目支出表为空表时说明是否仍"
         "说明了有预算安排规模的项目（新疆模板的说明一至十二、上海模板的预算编制说明和其他相关情况说明都按此核对）。"
         "同一个数按相同精度四舍五入后应完全相同，差 0.01 万元也算不一致；表格以元列示时按万元两位小数比较。",
         "情况说明是公众阅读最多的部分，手工录入的数字与表格不一致是预算公开被退回的最常见原因。",
         "（新疆模板）表5 2080505 机关事业单位基本养老保险缴费支出为 57.99 万元，说明四却写“机关事业单位基本养老保险缴费 57.98 万元”。",
         "（新疆模板）说明四写“机关事业单位基本养老保险缴费 57.99 万元”，与表5 一致。", fixable=True),
    Rule("A202", Severity.ERROR, "说明中的占比与金额不符",
         "检查“占 Y%”是否等于该金额除以所属总额（按新疆模板的说明编号，二：收支总表收入总计；三：支出总表合计；"
         "四：财政拨款收支总表收入总计；五：一般公共预算支出表合计；六：一般公共预算基本支出表合计；十：“三公”经费表合计；"
         "十一：上年结转结余表总计；说明四列举某一预算的各类支出时，也可以是财政拨款收支总表该栏的支出总计）。“占 X 的 Y%”"
         "写明的 X 不是上述总额时不核对。按四舍五入前可能的取值范围计算，舍入能解释的差异不报告。同一组占比合计正好 "
         "100.00%、而按金额计算的占比四舍五入后合计不是 100% 时（舍位平衡），与计算值相差不超过末位一个单位的占比列为"
         "“警告”，不给建议值（改成计算值会使合计不等于 100%）；说明中已注明占比经舍位平衡的不再报告。",
         "占比写错会误导读者对收支结构的判断；为凑足 100% 而调整尾数（舍位平衡）虽是预算系统的常见做法，但与按金额计算的"
         "结果不符，读者核对时会以为算错，须注明。",
         "单位资金 7,929.93 万元，占 42.52%（7,929.93 ÷ 18,767.18 = 42.25%）。",
         "单位资金 7,929.93 万元，占 42.25%。", fixable=True),
    Rule("A203", Severity.ERROR, "项目预算安排规模与项目支出表不一致",
         "检查新疆模板说明七中每个项目的“预算安排规模”是否等于项目支出表中该项目各科目“项目支出合计”之和。多个科目相加时，"
         "舍入能解释的差异只作提示。",
         "同一项目在说明和项目支出表中金额不同，读者无法判断哪个才是真实的预算。",
         "（新疆模板）预算安排规模：278.00 万元；表7 中该项目为 266.00（2010302）＋ 2.00（2050803）= 268.00 万元。",
         "（新疆模板）预算安排规模：278.00 万元；表7 中该项目为 266.00 ＋ 12.00 = 278.00 万元。"),
    Rule("A204", Severity.ERROR, "项目资金分配合计与预算安排规模不一致",
         "检查新疆模板说明七中每个项目“资金分配情况”所列各项金额之和（或所写“共计”金额）是否等于“预算安排规模”。"
         "以元列示的分项换算为万元（按元的精度比较）；“400 元每人”“X 元/人/月”“每人每月 X 元”“标准 X 元”等"
         "开支标准不是分项，不计入合计。舍入能解释的差异只作提示。",
         "资金分配情况是预算安排规模的明细，二者不符说明明细有遗漏或错误。",
         "预算安排规模：30.16 万元；资金分配情况：办公费 14 万元，运转经费 10 万元，专线租赁费 6 万元（合计 30 万元）。",
         "预算安排规模：30.16 万元；资金分配情况：办公费 14 万元，运转经费 101,600 元，专线租赁费 6 万元"
         "（开支标准“400 元每人”之类不计入）。"),
    Rule("A205", Severity.ERROR, "说明列举的收入来源或支出科目与表格不一致",
         "检查“收入预算包括：”“支出预算包括：”（新疆模板说明一）、“一般公共预算支出包括：”（说明四）和“人员经费/公用经费……"
         "主要包括：”（说明六）等模板声明的列举句式所列举的名称：列举了表中为 0 的收入来源、功能分类或经济分类科目，或在“包括”（非“主要包括”）"
         "的完整列举中漏列了表中有数的项目。",
         "列举与表格不一致，读者会误以为单位有（或没有）某项收入、某类支出。",
         "（新疆模板）收入预算包括：一般公共预算、政府性基金预算、单位资金。（表1 政府性基金预算拨款为 0）",
         "收入预算包括：一般公共预算、单位资金。"),
    Rule("A206", Severity.WARNING, "说明漏列了表中有数的科目",
         "检查“主要包括”式列举（说明六）是否漏列一般公共预算基本支出表中有数的经济分类科目，说明二是否逐一说明了收支总表中"
         "有数的每项收入来源，说明三是否写了支出总表中有数的基本支出和项目支出，说明五（二）、五（三）是否逐一说明了一般公共"
         "预算支出表中有数的每个类、每个项，逐个说明项目的说明七、逐项列出结转项目的说明十一是否漏说了项目支出表、上年结转"
         "结余表中有金额的项目。",
         "说明五（三）应对每一个项作出说明，漏说的科目往往正是需要解释变化原因的科目。",
         "（新疆模板）表5 有 2101199 其他行政事业单位医疗支出 3.02 万元，说明五（三）没有这一项。",
         "（新疆模板）说明五（三）写“卫生健康支出（类）行政事业单位医疗（款）其他行政事业单位医疗支出（项）：预算数为 3.02 万元……”。"),
    Rule("A207", Severity.ERROR, "政府采购金额不能相互印证",
         "检查说明中的政府采购（新疆模板说明十二（二）、上海模板其他相关情况说明三）：政府采购预算是否等于货物、工程、服务三项之和；面向中小企业预留金额是否不超过政府采购预算，"
         "其中小微企业预留金额是否不超过中小企业预留金额。",
         "政府采购预算及预留份额是公开审查的重点，分项与总额对不上会被要求重新公开。",
         "政府采购预算 473.30 万元，其中：货物 14.60 万元，工程 2.00 万元，服务 446.70 万元。",
         "政府采购预算 473.30 万元，其中：货物 14.60 万元，工程 2.00 万元，服务 456.70 万元。"),
    Rule("A208", Severity.ERROR, "国有资产数量或价值不能相互印证",
         "检查说明中的国有资产（新疆模板说明十二（三）；模板没有声明资产句式的，如上海模板，不作此检查）：车辆总数和总价值是否等于一般公务用车、执法执勤用车、其他车辆等分类之和；单位价值 100 万元"
         "以上的大型设备台数是否不超过 50 万元以上的台数。",
         "资产数字自相矛盾，说明填报时没有核对资产账。",
         "车辆 7 辆，价值 229.00 万元；其中：一般公务用车 6 辆……执法执勤用车 0 辆……其他车辆 0 辆。",
         "车辆 7 辆，价值 229.00 万元；其中：一般公务用车 7 辆，价值 229.00 万元；执法执勤用车 0 辆；其他车辆 0 辆。"),
    Rule("A209", Severity.WARNING, "说明中的科目或项目在表中找不到",
         "检查说明中的科目和项目名称能否在相应表中找到：新疆模板说明五（二）的类、五（三）的类/款/项、七的项目名称、十一的"
         "结转项目和四的支出类名称，上海模板预算编制说明逐项写出的类/款/项。"
         "找不到时该处金额无法核对，通常是名称写法与表中不同。",
         "名称不一致使读者无法把说明与表格对应起来，也使数字无法核对。",
         "（新疆模板）说明十一写“1. 一体化平台深化应用项目 9,322.84 万元”，而表11 中的项目名称是“自治区一体化在线政务服务平台"
         "深化应用项目”。",
         "（新疆模板）说明十一写“1. 自治区一体化在线政务服务平台深化应用项目 9,322.84 万元”，与表11 名称一致。"),
    Rule("A210", Severity.ERROR, "分项金额与所属金额不符",
         "检查说明四中某类支出“主要用于”的各项：合计不能超过该类支出；只属于部分科目的金额（如某类中的其他社会保障缴费）"
         "不能超过一般公共预算基本支出表该科目总额；同时写出人员经费和公用经费时，两者之和应等于一般公共预算支出表该类的"
         "基本支出。",
         "分项相加超过总数，说明至少有一个分项写错。",
         "社会保障和就业支出 87.68 万元，主要用于基本养老保险缴费 57.99 万元；职业年金缴费 28.99 万元；"
         "其他社会保障缴费 1.71 万元（合计 88.69 万元）。",
         "社会保障和就业支出 87.68 万元，主要用于基本养老保险缴费 57.99 万元；职业年金缴费 28.99 万元；退休费 0.70 万元。"),
    Rule("A211", Severity.WARNING, "机关运行经费与一般公共预算基本支出表的公用经费不一致",
         "检查说明中的机关运行经费（新疆模板说明十二（一）、上海模板其他相关情况说明二）是否等于一般公共预算基本支出表的公用经费合计。机关运行经费是行政单位"
         "和参照公务员法管理事业单位的公用经费：单位都是这类单位时两者应相等；部门中有其他事业单位时机关运行经费可以"
         "较小，但须说明原因；超过该表公用经费时应核对。",
         "机关运行经费是“过紧日子”审查的重点，与一般公共预算基本支出表对不上时读者无法判断哪个数是真实的。",
         "（新疆模板）机关运行经费财政拨款预算 331.35 万元（表6 公用经费合计 343.55 万元，未说明原因）。",
         "（新疆模板）机关运行经费财政拨款预算 343.55 万元，与表6 公用经费合计一致。"),
]


def check(document: Disclosure, context: CheckContext) -> Iterable[Finding]:
    """All A2xx findings for ``document``; nothing when it has no 情况说明."""
    if document.narrative is None or not document.narrative.sections:
        return []
    sections = parts(document.narrative, document.statements)
    floor = floor_of(document)
    findings: list[Finding] = []
    findings.extend(check_amounts(document, sections, floor))
    findings.extend(check_lists(document, sections, OfficialNames(context, document.year)))
    findings.extend(check_projects(document, sections, floor))
    findings.extend(check_carry_projects(document, sections))
    findings.extend(check_internal(document, sections))
    findings.extend(check_running(document, sections, floor))
    return findings
