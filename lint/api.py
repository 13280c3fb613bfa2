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
    extend_safe_fixes: Sequence[str] = (),
    extend_unsafe_fixes: Sequence[str] = (),
) -> list[Rule]:
    registry = registry or default_registry()
    rules = registry.select(select, ignore, extend_select)
    return registry.override_fixes(rules, extend_safe_fixes, extend_unsafe_fixes)


def check_text(
    text: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
    extend_safe_fixes: Sequence[str] = (),
    extend_unsafe_fixes: Sequence[str] = (),
    source: str = "-",
    registry: Registry | None = None,
) -> list[Finding]:
    """Every finding in ``text``, sorted by position.

    Selectors are rule codes (``M007``), code prefixes (``M``), rule names or category names
    (``markup-debris``); ``select`` defaults to all rules. ``extend_safe_fixes`` and
    ``extend_unsafe_fixes`` name rules whose fixes count as safe, or unsafe, whatever the rule says.
    """
    doc = Document(text, source=source)
    rules = _rules(select, ignore, extend_select, registry, extend_safe_fixes, extend_unsafe_fixes)
    return check_document(doc, rules, severity)


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
    extend_safe_fixes: Sequence[str] = (),
    extend_unsafe_fixes: Sequence[str] = (),
    source: str = "-",
    registry: Registry | None = None,
) -> str:
    """``text`` with every safe fix applied (and unsafe ones with ``unsafe_fixes=True``; see
    ``check_text`` for ``extend_safe_fixes`` and ``extend_unsafe_fixes``).

    Raises ``FixesDidNotSettle`` when fixes are still pending after ``MAX_FIX_PASSES`` passes
    (text escaped ten times over, say): the result would not be idempotent.
    """
    doc = Document(text, source=source)
    rules = _rules(select, ignore, extend_select, registry, extend_safe_fixes, extend_unsafe_fixes)
    result = fix_document(doc, rules, unsafe=unsafe_fixes)
    if not result.converged:
        raise FixesDidNotSettle(result.text, result.remaining, result.passes)
    return result.text
