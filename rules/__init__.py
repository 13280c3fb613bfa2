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
| B0xx–B5xx | ``packs/*.toml`` (data, loaded and matched by ``packs``) | boilerplate |

``default_registry()`` is where the engine side meets the rules: the API, the CLI and the docs
all take their rules from it.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from scrapelint.registry import Registry, Rule

#: The shipped boilerplate packs (see packs/README.md).
PACKS_DIR = Path(__file__).parent / "packs"

FAMILIES = ("encoding", "escaped_html", "markup", "whitespace", "duplicate", "structure", "offtopic")


def builtin_rules() -> list[Rule]:
    """Every built-in rule. Rules keep no state, so the instances are shared."""
    return list(_builtin_rules())


def default_registry() -> Registry:
    """A registry of the built-in rules (a new one each call: the CLI adds user packs to it)."""
    return Registry(_builtin_rules())


@lru_cache(maxsize=1)
def _builtin_rules() -> tuple[Rule, ...]:
    return tuple(_module_rules()) + _pack_rules()


def _module_rules() -> list[Rule]:
    return [r for name in FAMILIES for r in importlib.import_module(f"{__name__}.{name}").RULES]


@lru_cache(maxsize=1)
def _pack_rules() -> tuple[Rule, ...]:
    from .packs import load_pack_rules

    return tuple(load_pack_rules(sorted(PACKS_DIR.glob("*.toml")), reserved=_module_rules(), checked=True))


def shipped_pack_matcher():
    """The matcher of the shipped packs' rules (their batch): one scan a page, shared with them."""
    return _pack_rules()[0].batch
