"""docs/rules.md, generated from the rules' own metadata (``checker rules --format markdown``).

A test regenerates it and fails when the committed file differs, so the docs cannot drift from
the rules.
"""
from __future__ import annotations

from .findings import FAMILIES, Rule

HEADER = """# 校验规则

本页由 `checker rules --format markdown > docs/rules.md` 根据各规则自身的元数据生成，请勿手工编辑。

级别：**错误**（强制性，必须修改）；**警告**（提示性，须作出说明，可在工作簿的“校验说明”表中登记说明）；
**提示**（仅供参考）。标有“可自动修改”的规则，`checker fix` 能改正其“错误”级结果中有唯一正确值的地方。

各地模板给表的编号不同（上海的表8 是新疆的表6），规则按表的作用称呼各表：收支总表、收入总表、支出总表、
财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、项目支出表、政府性基金预算支出表、
国有资本经营预算支出表、“三公”经费表、上年结转结余表；各模板中它们是第几张表，见 [templates.md](templates.md)。
校验结果按文件自己的模板写表号；示例中的表号注明所依据的模板。模板没有的表，依赖它的检查不运行。

"""

FIXABLE_NOTE = ("可自动修改：结果有唯一的正确值（以表格为准）时，checker fix 在副本中把情况说明里的这一处改为正确值；"
                "无法唯一确定时不改，并说明原因。")


def render_markdown(rules: dict[str, Rule]) -> str:
    out = [HEADER]
    out.append("| 规则 | 级别 | 名称 | 插件 |\n| --- | --- | --- | --- |\n")
    for code, rule in rules.items():
        out.append(f"| [{code}](#{code.lower()}) | {rule.severity.label} | {rule.title}{'（可自动修改）' if rule.fixable else ''} "
                   f"| `{rule.plugin}` |\n")
    out.append("\n")
    family = None
    for code, rule in rules.items():
        if code[0] != family:
            family = code[0]
            out.append(f"## {family} {FAMILIES[family]}\n\n")
        out.append(f"### {code}\n\n")
        out.append(f"**{rule.title}**（{rule.severity.label}，{rule.severity.meaning}；插件 `{rule.plugin}`）\n\n")
        if rule.fixable:
            out.append(f"**{FIXABLE_NOTE.split('：', 1)[0]}**：{FIXABLE_NOTE.split('：', 1)[1]}\n\n")
        out.append(f"**检查什么**：{rule.what}\n\n")
        out.append(f"**为什么重要**：{rule.why}\n\n")
        out.append("**错误示例**：\n\n")
        out.append(_quote(rule.bad))
        out.append("**正确示例**：\n\n")
        out.append(_quote(rule.good))
    return "".join(out).rstrip() + "\n"


def _quote(text: str) -> str:
    return "".join(f"> {line}\n" if line else ">\n" for line in text.strip().splitlines()) + "\n"
