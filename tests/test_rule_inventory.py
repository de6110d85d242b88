"""The inventory of rule tests (tests/rule_tests.py) is complete and true: every rule `checker rules`
lists has an entry, every test it names exists in the test files and is about that rule, and the
rules still lacking a fire or near-miss test are exactly the ones recorded below (fill one, then
remove it here)."""
from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import pytest

from checker.core.engine import Engine
from rule_tests import RULE_TESTS

HERE = Path(__file__).resolve().parent

# Rules without a near-miss test yet (the fire test exists for every rule): none left.
NO_NEAR_MISS: set[str] = set()
NO_FIRE: set[str] = set()


@lru_cache(maxsize=None)
def _functions(file: str) -> dict[str, str]:
    """The test functions of a test file, each with its source (decorators included)."""
    source = (HERE / file).read_text(encoding="utf-8")
    out = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            text = "".join(ast.get_source_segment(source, d) or "" for d in node.decorator_list)
            out[node.name] = text + (ast.get_source_segment(source, node) or "")
    return out


def test_every_rule_has_an_entry_and_no_entry_is_stale():
    assert set(RULE_TESTS) == set(Engine().rules)


@pytest.mark.parametrize("code", sorted(RULE_TESTS))
def test_named_tests_exist_and_are_about_their_rule(code):
    for ref in RULE_TESTS[code]:
        if ref is None:
            continue
        file, name = ref.split("::")
        functions = _functions(file)
        assert name in functions, f"{code}: {ref} is not a test function"
        source = functions[name]
        assert re.search(rf"\b{code}\b", source) or code.lower() in name, f"{code}: {ref} never mentions {code}"


def test_the_gaps_are_exactly_the_recorded_ones():
    assert {c for c, (fire, _) in RULE_TESTS.items() if fire is None} == NO_FIRE
    assert {c for c, (_, near) in RULE_TESTS.items() if near is None} == NO_NEAR_MISS

