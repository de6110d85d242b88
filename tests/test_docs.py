"""docs/rules.md is generated from the rules' own metadata and must not drift from them."""
from __future__ import annotations

from pathlib import Path

from checker.core.engine import Engine
from checker.core.ruledocs import render_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_md_is_up_to_date():
    expected = render_markdown(Engine().rules)
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is out of date: run `checker rules --format markdown --output docs/rules.md`")


def test_every_rule_has_a_docs_entry_with_examples():
    text = DOCS.read_text(encoding="utf-8")
    for code, rule in Engine().rules.items():
        assert f"### {code}" in text
        assert rule.title in text
        assert rule.bad.strip().splitlines()[0] in text and rule.good.strip().splitlines()[0] in text


TEMPLATES = DOCS.parent / "templates.md"


def test_templates_md_is_up_to_date():
    from checker.core.templatedocs import render_markdown as templates_markdown

    expected = templates_markdown(Engine().templates)
    assert TEMPLATES.read_text(encoding="utf-8") == expected, (
        "docs/templates.md is out of date: run `checker templates --format markdown -o docs/templates.md`")
    assert "## 上海（普陀区 9 张表，元）（`shanghai`）" in expected and "| 表8 | 一般公共预算基本支出部门预算经济分类预算表 |" in expected
    assert "- A303：" in expected and "template_beijing = beijing_checker.template" in expected
