"""The Python API: lint or fix a string without touching files."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from .engine import check_document, fix_document
from .model import Document, Finding, Severity
from .registry import Registry, Rule


def default_registry() -> Registry:
    """The built-in rules (see ``scrapelint.rules.default_registry``)."""
    from .rules import default_registry as builtin

    return builtin()


def _rules(
    select: Sequence[str] | None,
    ignore: Sequence[str],
    extend_select: Sequence[str],
    registry: Registry | None,
) -> list[Rule]:
    return (registry or default_registry()).select(select, ignore, extend_select)


def check_text(
    text: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
    source: str = "-",
    registry: Registry | None = None,
) -> list[Finding]:
    """Every finding in ``text``, sorted by position.

    Selectors are rule codes (``M007``), code prefixes (``M``), rule names or category names
    (``markup-debris``); ``select`` defaults to all rules.
    """
    doc = Document(text, source=source)
    return check_document(doc, _rules(select, ignore, extend_select, registry), severity)


def fix_text(
    text: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    unsafe_fixes: bool = False,
    source: str = "-",
    registry: Registry | None = None,
) -> str:
    """``text`` with every safe fix applied (and unsafe ones with ``unsafe_fixes=True``)."""
    doc = Document(text, source=source)
    rules = _rules(select, ignore, extend_select, registry)
    return fix_document(doc, rules, unsafe=unsafe_fixes).text
