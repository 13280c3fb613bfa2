"""The README stays true: its set-up commands are what CI runs, its rule table is generated from
the registry, and every option and config key is documented."""
from __future__ import annotations

import re

from conftest import ROOT

from scrapelint.api import default_registry
from scrapelint.cli import build_parser
from scrapelint.config import KNOWN_KEYS
from scrapelint.docs import render_readme

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    block = README.split("<!-- setup:begin -->", 1)[1].split("<!-- setup:end -->", 1)[0]
    return [ln for ln in block.splitlines() if ln and not ln.startswith("```")]


def test_ci_runs_exactly_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = _setup_commands()
    assert len(commands) == 2
    for cmd in commands:
        assert cmd in ci, f"{cmd!r} is in README.md but not in .ci/run"
    assert [ln for ln in ci if ln.startswith("python3 -m venv")] == commands


def test_rule_table_is_current():
    assert render_readme(README, list(default_registry())) == README, (
        "the rule table is stale: run `python -m scrapelint.docs README.md`"
    )


def test_every_option_is_documented():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        for action in p._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in README, f"{name} {opt} is not documented in README.md"


def test_every_config_key_is_documented():
    config_block = README.split("[tool.scrapelint]", 1)[1]
    for key in KNOWN_KEYS:
        assert re.search(rf"^\[?(tool\.scrapelint\.)?{re.escape(key)}\b", config_block, re.M), key
