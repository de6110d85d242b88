"""docs/templates.md from the template profiles' own metadata (``checker templates --format markdown``)."""
from __future__ import annotations

from typing import Iterable

from .template import TemplateProfile

KIND_WORDS = {
    "item": "一般公共预算支出表中的每个项", "income": "每项收入来源", "expense_kind": "基本支出、项目支出",
    "gpb_kind": "一般公共预算基本支出、项目支出", "sangong": "“三公”经费及其各项",
}

ADDING = """## 一个省（市、区）加入自己的模板

模板是一个插件：在自己的 Python 包中实现 `checker_templates` 钩子，返回一个或多个
`checker.core.template.TemplateProfile`，并在包的 `setup.cfg` 中登记：

```ini
[options.entry_points]
checker =
    template_beijing = beijing_checker.template
```

```python
from checker.core.engine import hookimpl
from checker.core.template import TableRole, TableSpec, TemplateProfile

PROFILE = TemplateProfile(
    name="beijing", title="北京（14 张表）",
    tables=(
        TableSpec(TableRole.SUMMARY, 1, "收支总表", (r"收支(预算)?总表",), unit="万元"),
        # …… 每张表一行：角色、本模板的表号、表名、标题的正则、金额单位、能否为空表
    ),
    required_changes=(("sangong", "七（“三公”经费）"),),
)

@hookimpl
def checker_templates():
    return [PROFILE]
```

安装这个包之后，`checker templates` 会列出它，`checker run` 按表名自动识别，也可以用 `--template beijing` 指定。
各项检查按表的**角色**（`TableRole`）找表，消息中的表号来自模板；模板没有的表（角色）对应的检查自动跳过。
说明的句式（`sentences`，见 `checker.core.statements`）由模板声明后，核心按它读取说明中的每一个数字，
算术、增减变化、绩效目标等检查直接使用；句式可以限定在说明的某一部分（`part`），或标题符合某一正则的编号
章节（`section`，如 `r"三公"`）及其小节（`subsection`，如 `r"绩效"`）；`labelled=True` 的句式读取每一个金额及其前面的文字
（如“单位资金 7,929.93 万元，占 42.25%”，并区分增减变化和原因中的金额），`spaced=True` 的句式按保留空格的原文匹配，
`clause=True` 的句式逐个分句匹配（如“政府性基金预算未安排”），`items` 把一组名称拆成列举的各项；`required_statements` 声明说明必须写明的内容，`not_applicable` 声明
本地模板不适用的规则及理由，`own_wording` 声明模板自身印制的非标准栏目名（`TemplateWording`）。
说明中每个项目一篇的部分（`NarrativePart` 的 `key` 为 `"project"`，句式 `project_budget` 等）写的年度预算安排，
与支出总表的项目支出核对；模板还有项目支出表（`TableRole.GPB_PROJECTS`，按单位、科目列出项目名称）时，按项目名称
与表中该项目的各行核对（A213）。绩效目标表另行公开、不在文件中的，声明 `targets_in_document=False`，不报告缺少目标表。
模板插件还可以实现 `checker_draft_narrative(document, prior)` 钩子（见 `checker.core.hookspecs`），为按本模板读取
的文件起草情况说明（`checker draft`），返回 `checker.core.drafting.Draft`；对其他模板的文件返回 None。
"""


def render_markdown(profiles: Iterable[TemplateProfile]) -> str:
    out = ["# 预算公开模板", "",
           "由各模板插件自身的声明生成（`checker templates --format markdown -o docs/templates.md`）。"
           "checker 按工作簿中的表名选择模板；`checker run --template 名称` 可以指定。", ""]
    for profile in profiles:
        out += [f"## {profile.title}（`{profile.name}`）", "", profile.description, "",
                "| 表号 | 表名 | 角色 | 金额单位 | 无数据时 |", "| --- | --- | --- | --- | --- |"]
        for spec in profile.tables:
            out.append(f"| {spec.label} | {spec.name} | {spec.role.title} | {spec.unit} | "
                       f"{'可以“为空表”的说明代替' if spec.may_be_empty else '必须列出'} |")
        missing = [role.title for role in _roles() if not profile.has(role)]
        if missing:
            out += ["", f"本模板没有的表：{'、'.join(missing)}；依赖这些表的检查不运行。"]
        if profile.narrative_parts:
            out += ["", "说明的组成部分：" + "；".join(p.topic for p in profile.narrative_parts) + "。"]
        out += ["", f"绩效目标表{'随文件公开，按 P 类规则检查' if profile.targets_in_document else '另行公开，不在文件中：不报告缺少绩效目标表'}。"]
        if profile.required_changes:
            out += ["", "必须说明与上年相比增减变化的：" +
                    "；".join(f"{KIND_WORDS.get(k, k)}（{w}）" for k, w in profile.required_changes) + "。"]
        if profile.required_statements:
            out += ["", "说明必须写明的内容（S014）：" +
                    "；".join(f"{r.what}（{r.where}）" for r in profile.required_statements) + "。"]
        if profile.sentences:
            from .statements import SUBJECT_WORDS
            subjects = list(dict.fromkeys(SUBJECT_WORDS.get(s.subject, s.subject) for s in profile.sentences))
            out += ["", f"说明的句式：{len(profile.sentences)} 种，由核心读取为数字陈述（{'、'.join(subjects)}），"
                        "供 A201、A202、A203、A204、A205、A206、A207、A208、A209、A210、A211、A212、A213、A214、P004、Y001、Y008、S014 等规则使用。"]
        if profile.not_applicable:
            out += ["", "不适用的规则："] + [f"- {code}：{why}" for code, why in profile.not_applicable]
        if profile.own_wording:
            out += ["", "模板本身印制的、与官方名称不同的栏目（单位照模板填写，不是填报错误，只作为“提示”列出）："]
            out += [f"- {'、'.join(map(str, w.years))} 年版{profile.label(w.role)}“{w.text}”（官方名称“{w.official}”）"
                    for w in profile.own_wording]
        out.append("")
    out.append(ADDING)
    return "\n".join(out)


def _roles():
    from .template import TableRole
    return list(TableRole)
