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


def test_every_toml_example_is_a_valid_configuration(tmp_path):
    """The README's configuration examples load, with every selector known (the byline one too)."""
    import tomllib

    from scrapelint.config import load_config

    registry = default_registry()
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", README, re.S) if "tool" in tomllib.loads(b)]
    assert len(blocks) >= 2
    for i, block in enumerate(blocks):
        path = tmp_path / f"example{i}" / "pyproject.toml"
        path.parent.mkdir()
        path.write_text(block, encoding="utf-8")
        data = load_config(path)
        for key in ("select", "ignore", "extend-select", "extend-safe-fixes", "extend-unsafe-fixes"):
            for selector in data.get(key, []):
                assert registry.expand(selector), (key, selector)
