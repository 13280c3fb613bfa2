"""Run rules over a document, and apply their fixes until nothing changes.

The engine knows documents, rules and findings; it knows nothing about files or formats.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Applicability, Document, Edit, Finding, Severity
from .registry import Rule

#: Bounded fix passes, as ruff does: a fix may expose another problem (a tag removed leaves
#: trailing spaces, a line removed leaves a run of blank lines), but never forever.
MAX_FIX_PASSES = 10


class RuleCrash(RuntimeError):
    """A rule raised: reported with the rule's code and the document's name, never as a bare traceback."""


def check_document(
    doc: Document,
    rules: Sequence[Rule],
    severity: Mapping[str, Severity] | None = None,
) -> list[Finding]:
    """Every finding of ``rules`` in ``doc``, sorted by position then code."""
    findings: list[Finding] = []
    for batch, members, by_code in _batches(tuple(rules)):
        try:
            if batch is None:
                if not members[0].may_apply(doc.text):
                    continue
                found = members[0].check(doc)
            else:
                found = batch.check_batch(doc, members)
            for f in found:
                rule = members[0] if by_code is None else by_code[f.code]
                if rule.skips_code and doc.is_protected(f.start, f.end):
                    continue
                if severity and f.code in severity:
                    f.severity = severity[f.code]
                findings.append(f)
        except Exception as exc:  # noqa: BLE001 - a rule bug must name the rule and the input
            names = ", ".join(f"{r.code} ({r.name})" for r in members[:3]) + (" …" if len(members) > 3 else "")
            raise RuleCrash(f"rule {names} failed on {doc.source}: {exc!r}") from exc
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


@lru_cache(maxsize=32)  # a run checks every document with the same rules
def _batches(rules: tuple[Rule, ...]) -> list[tuple[object | None, list[Rule], dict[str, Rule] | None]]:
    """The rules as the engine calls them: one call per rule, or per batch of rules that share
    one scan (``Rule.batch``), in the order of their first rule; a batch's rules by code."""
    out: list[tuple[object | None, list[Rule], dict[str, Rule] | None]] = []
    groups: dict[int, tuple[list[Rule], dict[str, Rule]]] = {}
    for rule in rules:
        batch = rule.batch
        if batch is None:
            out.append((None, [rule], None))
        elif id(batch) in groups:
            members, by_code = groups[id(batch)]
            members.append(rule)
            by_code[rule.code] = rule
        else:
            members, by_code = groups[id(batch)] = ([rule], {rule.code: rule})
            out.append((batch, members, by_code))
    return out


def select_fixes(findings: Sequence[Finding], unsafe: bool) -> list[Finding]:
    """Findings whose fixes can be applied together: allowed applicability, no overlapping edits.

    Earlier and wider fixes win: a fix that rewrites a whole escaped-HTML blob is taken before the
    small fixes inside it, which are then left for the next pass (or found moot).
    """
    allowed = [
        f
        for f in findings
        if f.fix is not None and (f.fix.edits or f.fix.reencode)
        and (unsafe or f.fix.applicability is Applicability.SAFE)
    ]
    allowed.sort(key=lambda f: (f.fix.start, -(f.fix.end - f.fix.start), f.code))
    taken: list[Finding] = []
    spans: list[tuple[int, int]] = []
    for f in allowed:
        edits = f.fix.edits
        if any(_overlaps(e, spans) for e in edits):
            continue
        taken.append(f)
        spans.extend((e.start, e.end) for e in edits)
    return taken


def _overlaps(edit: Edit, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if edit.start < b and a < edit.end:
            return True
        # Two edits at the same point (an insertion beside a deletion) would be order-dependent.
        if edit.start == edit.end and a <= edit.start <= b:
            return True
        if a == b and edit.start <= a <= edit.end:
            return True
    return False


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to ``text``."""
    parts: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[pos:e.start])
        parts.append(e.content)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass
class FixResult:
    """What fixing a document did."""

    text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    reencode: bool = False
    passes: int = 0
    converged: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_document(
    doc: Document,
    rules: Sequence[Rule],
    *,
    unsafe: bool = False,
    severity: Mapping[str, Severity] | None = None,
    max_passes: int = MAX_FIX_PASSES,
) -> FixResult:
    """Apply fixes pass after pass until a pass applies nothing (or ``max_passes`` is reached)."""
    result = FixResult(text=doc.text)
    current = doc
    for _ in range(max_passes):
        findings = check_document(current, rules, severity)
        chosen = select_fixes(findings, unsafe)
        edits = [e for f in chosen for e in f.fix.edits]
        if chosen and any(f.fix.reencode for f in chosen):
            result.reencode = True
        new_text = apply_edits(current.text, edits) if edits else current.text
        text_fixes = [f for f in chosen if f.fix.edits]
        if new_text == current.text:
            result.applied.extend(f for f in chosen if not f.fix.edits)
            result.remaining = [f for f in findings if f not in chosen]
            result.text = new_text
            return result
        result.applied.extend(text_fixes)
        result.passes += 1
        # A new text starts with empty caches: what rules cache in ``meta`` belongs to one text.
        current = dataclasses.replace(current, text=new_text, meta={})
    result.text = current.text
    result.converged = False
    result.remaining = check_document(current, rules, severity)
    return result

