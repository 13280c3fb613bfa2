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


class FixesDidNotSettle(ValueError):
    """``fix_text`` stopped after the maximum number of passes with safe fixes still pending, so its
    result is not a fixed point (fixing it again would change it). ``text`` is the text after the
    last pass and ``remaining`` the findings still there; the CLI leaves such a file unchanged."""

    def __init__(self, text: str, remaining: list[Finding], passes: int):
        super().__init__(f"fixes did not settle after {passes} passes ({len(remaining)} findings remain)")
        self.text = text
        self.remaining = remaining


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
    """``text`` with every safe fix applied (and unsafe ones with ``unsafe_fixes=True``).

    Raises ``FixesDidNotSettle`` when fixes are still pending after ``MAX_FIX_PASSES`` passes
    (text escaped ten times over, say): the result would not be idempotent.
    """
    doc = Document(text, source=source)
    rules = _rules(select, ignore, extend_select, registry)
    result = fix_document(doc, rules, unsafe=unsafe_fixes)
    if not result.converged:
        raise FixesDidNotSettle(result.text, result.remaining, result.passes)
    return result.text
