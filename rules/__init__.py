"""The built-in rules of scrapelint, one module per family.

| family | module | category |
|---|---|---|
| E | ``encoding`` | encoding |
| H | ``escaped_html`` | escaped-html |
| M | ``markup`` | markup-debris |
| W | ``whitespace`` | whitespace |
| D | ``duplicate`` | duplicate |
| T, B8xx | ``structure`` (vocabulary in ``data/structure.toml``) | trending-list, boilerplate |
| O | ``offtopic`` | off-topic |
| B0xx–B2xx | ``packs/*.toml`` (data, loaded by ``scrapelint.packs``) | boilerplate |
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from scrapelint.registry import Rule

#: The shipped boilerplate packs (see packs/README.md).
PACKS_DIR = Path(__file__).parent / "packs"

FAMILIES = ("encoding", "escaped_html", "markup", "whitespace", "duplicate", "structure", "offtopic")


def builtin_rules() -> list[Rule]:
    """A fresh instance of every built-in rule (pack rules are shared: they keep no state)."""
    return [type(r)() for r in _module_rules()] + list(_pack_rules())


def _module_rules() -> list[Rule]:
    return [r for name in FAMILIES for r in importlib.import_module(f"{__name__}.{name}").RULES]


@lru_cache(maxsize=1)
def _pack_rules() -> tuple[Rule, ...]:
    from scrapelint.packs import load_pack_rules

    return tuple(load_pack_rules(sorted(PACKS_DIR.glob("*.toml")), reserved=_module_rules()))
