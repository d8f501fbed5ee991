"""docs/regels-en-bronnen.md names, per rule, the module that holds it and the test that
proves it: each named test and module exists (a renamed test breaks this, not the page)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "regels-en-bronnen.md"


def test_every_test_the_rules_page_names_exists():
    text = PAGE.read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", text)
    assert len(named) >= 20
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not (ROOT / path).exists()
        or f"def {name}(" not in (ROOT / path).read_text(encoding="utf-8")
    ]
    assert missing == []


def test_every_module_the_rules_page_names_exists():
    text = PAGE.read_text(encoding="utf-8")
    modules = set(re.findall(r"`((?:[a-z_]+/)+[a-z_]*\.?p?y?)`", text))
    assert len(modules) >= 10
    missing = [m for m in modules if not (ROOT / m.rstrip("/")).exists()]
    assert missing == []
