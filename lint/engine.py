"""Run rules over a document, and apply their fixes until nothing changes.

The engine knows documents, rules and findings; it knows nothing about files or formats.
"""
from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Applicability, Document, Edit, Finding, Fix, Severity
from .registry import Rule

#: Bounded fix passes, as ruff does: a fix may expose another problem (a tag removed leaves
#: trailing spaces, a line removed leaves a run of blank lines), but never forever.
MAX_FIX_PASSES = 10
#: Categories whose fixes repair characters (mojibake, lost bytes): on a pass where one of them
#: has a fix, only they are applied, and every other rule judges the repaired text on the next
#: pass (a line of GBK read as latin-1, `©¦`, is a label-shaped line to the layout rules until
#: it reads `│` again).
REPAIR_FIRST = frozenset({"encoding"})
#: Categories whose fixes tidy what the other fixes leave (a run of blank lines where lines were
#: removed): after a pass that judged the page, they are checked and applied on their own, so
#: that the next pass is the one that finds nothing, not one more that tidies.
TIDY_AFTER = frozenset({"whitespace"})


class RuleCrash(RuntimeError):
    """A rule raised: reported with the rule's code and the document's name, never as a bare traceback."""


#: A document longer than this many characters is checked and fixed in windows of at most this
#: size, so that memory stays bounded whatever the input (the text of a web page is far shorter:
#: the longest of the real pages the rules are measured on has 134,000 characters). A
#: window ends at a paragraph or line break; a line longer than a window is cut into pieces at
#: spaces, and on a piece only the rules whose ``scope`` is ``"text"`` run. Rules of ``"file"``
#: scope run on the first window only.
WINDOW_CHARS = 1 << 18


def windows(text: str, size: int | None = None) -> list[tuple[int, int, bool]]:
    """``(start, end, whole_lines)`` of the windows ``text`` is checked in: one window when the
    text fits, else consecutive slices of at most ``size`` characters that end at a paragraph
    break in their second half, else at their last line break; a line longer than ``size`` is
    cut before a space in the second half of the window (at ``size`` when there is none), and its
    pieces are windows of their own. ``whole_lines``: the window starts and ends at line breaks."""
    size = size or WINDOW_CHARS
    n = len(text)
    if n <= size:
        return [(0, n, True)]
    cuts = [0]
    pos = 0
    while pos < n:
        limit = pos + size
        if limit >= n:
            cuts.append(n)
            break
        if pos == 0 or text[pos - 1] in "\r\n":
            cut = text.rfind("\n\n", pos + size // 2, limit)
            cut = cut + 2 if cut != -1 else _last_break(text, pos, limit)
        else:  # inside a long line: its rest, up to its end, is one window of its own
            cut = _first_break(text, pos, limit)
        if cut == -1:
            cut = text.rfind(" ", pos + size // 2, limit)
            if cut <= pos:
                cut = limit - 1 if text[limit - 1] == "\r" and text[limit] == "\n" else limit
        cuts.append(cut)
        pos = cut
    return [(a, b, (a == 0 or text[a - 1] in "\r\n") and (b == n or text[b - 1] in "\r\n"))
            for a, b in zip(cuts, cuts[1:])]


def _last_break(text: str, start: int, end: int) -> int:
    """The offset after the last line ending that lies wholly in ``text[start:end]``, or -1."""
    nl = text.rfind("\n", start, end)
    cr = text.rfind("\r", start, end - 1)  # a "\r" at end - 1 may open a "\r\n"
    cut = max(nl, cr)
    return -1 if cut == -1 else cut + 1


def _first_break(text: str, start: int, end: int) -> int:
    """The offset after the first line ending in ``text[start:end]`` (``"\r\n"`` whole), or -1."""
    nl = text.find("\n", start, end)
    cr = text.find("\r", start, end - 1)  # a "\r" at end - 1 may open a "\r\n" that ends past it
    if cr != -1 and (nl == -1 or cr < nl):
        return cr + 2 if text.startswith("\r\n", cr) else cr + 1
    return -1 if nl == -1 else nl + 1


def _window_rules(rules: Sequence[Rule], first: bool, whole_lines: bool) -> tuple[Rule, ...]:
    return tuple(r for r in rules if (r.scope == "file" and first) or r.scope == "text"
                 or (r.scope == "page" and whole_lines))


def _shifted(f: Finding, offset: int) -> Finding:
    """``f`` moved by ``offset`` (built field by field: ``dataclasses.replace`` costs ten times as
    much, for each finding of a long document)."""
    if not offset:
        return f
    fix = f.fix
    if fix is not None and fix.edits:
        fix = Fix(fix.applicability, fix.message, tuple(Edit(e.start + offset, e.end + offset, e.content)
                                                        for e in fix.edits), fix.reencode)
    return Finding(f.code, f.name, f.category, f.severity, f.message, f.start + offset, f.end + offset,
                   f.confidence, fix)


def _window_documents(doc: Document) -> Iterator[tuple[int, Document, bool, bool]]:
    """``(offset, window, first window?, whole lines?)`` for a document too long to check whole."""
    for k, (a, b, whole) in enumerate(windows(doc.text)):
        yield a, dataclasses.replace(doc, text=doc.text[a:b], meta={}), k == 0, whole


def check_document(
    doc: Document,
    rules: Sequence[Rule],
    severity: Mapping[str, Severity] | None = None,
) -> list[Finding]:
    """Every finding of ``rules`` in ``doc``, sorted by position then code (a long document is
    checked window by window: see ``WINDOW_CHARS``)."""
    if len(doc.text) <= WINDOW_CHARS:
        return _check(doc, rules, severity)
    findings: list[Finding] = []
    for offset, part, first, whole in _window_documents(doc):
        found = _check(part, _window_rules(rules, first, whole), severity)
        findings.extend(_shifted(f, offset) for f in found)
    return findings


def _check(
    doc: Document,
    rules: Sequence[Rule],
    severity: Mapping[str, Severity] | None = None,
    prior: Sequence[Finding] = (),
) -> list[Finding]:
    """The findings of ``rules`` on ``doc`` with ``prior`` (findings of other rules on the same
    text, which the context rules among ``rules`` see too), sorted."""
    findings: list[Finding] = list(prior)
    rules = tuple(rules)  # the key of the per-run caches below
    for batch, members, by_code in _batches(rules):
        try:
            if batch is None:
                rule = members[0]
                if rule.context:
                    continue
                if not rule.may_apply(doc.text):
                    continue
                found = rule.check(doc)
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
    for rule in _context_rules(rules):
        others = tuple(findings)
        try:
            for f in rule.check_context(doc, others):
                if rule.skips_code and doc.is_protected(f.start, f.end):
                    continue
                if severity and f.code in severity:
                    f.severity = severity[f.code]
                findings.append(f)
        except Exception as exc:  # noqa: BLE001
            raise RuleCrash(f"rule {rule.code} ({rule.name}) failed on {doc.source}: {exc!r}") from exc
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


@lru_cache(maxsize=32)
def _checked_apart(rules: tuple[Rule, ...], categories: frozenset[str]) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """The rules of ``categories`` that a fix pass can check on their own (``REPAIR_FIRST``:
    before the others judge the page; ``TIDY_AFTER``: after a pass) — neither in a batch nor
    context rules, whose work is shared with or made of the other rules' — and the rest."""
    apart = tuple(r for r in rules if r.category in categories and r.batch is None and not r.context)
    return apart, tuple(r for r in rules if r not in apart)


@lru_cache(maxsize=32)
def _context_rules(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The rules that judge by the other rules' findings (``Rule.context``): run after them."""
    return tuple(r for r in rules if r.context)


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
    """Findings whose fixes can be applied together: allowed applicability, no conflicting edits.

    Earlier and wider fixes win: a fix that rewrites a whole escaped-HTML blob is taken before the
    small fixes inside it, which are then left for the next pass (or found moot). Deletions are
    the exception: an edit that only deletes text may overlap others that only delete, and
    together they delete the union of their spans (``apply_edits``). Each was judged on the same
    page, and the text each would delete goes either way, so none waits for a later pass that
    would judge it again on a page its neighbour's removal changed.
    """
    allowed = [
        f
        for f in findings
        if f.fix is not None and (f.fix.edits or f.fix.reencode)
        and (unsafe or f.fix.applicability is Applicability.SAFE)
    ]
    allowed.sort(key=lambda f: (f.fix.start, -(f.fix.end - f.fix.start), f.code))
    taken: list[Finding] = []
    spans = _Spans()
    for f in allowed:
        edits = f.fix.edits
        if any(spans.conflicts(e) for e in edits):
            continue
        taken.append(f)
        for e in edits:
            spans.add(e.start, e.end, _deletes(e))
    return taken


def _deletes(edit: Edit) -> bool:
    """Whether an edit only deletes text (it can overlap another deletion)."""
    return not edit.content and edit.start < edit.end


def _conflict(edit: Edit, a: int, b: int) -> bool:
    """Whether ``edit`` and an edit of ``text[a:b]`` cannot both be applied."""
    if edit.start < b and a < edit.end:
        return True
    # Two edits at the same point (an insertion beside a deletion) would be order-dependent.
    if edit.start == edit.end and a <= edit.start <= b:
        return True
    return a == b and edit.start <= a <= edit.end


class _Spans:
    """The spans of the edits taken so far, sorted, so that a new edit is compared only with the
    few spans it can touch (its neighbours), not with every one: a page with thousands of fixes
    (a misread page, a control character in every line) is selected in n log n.

    Spans taken never conflict (``_conflict``), so sorted by start they are sorted by end too;
    overlapping deletions are kept as one span, their union. A span that broke this (the edits of
    one fix overlapping each other) turns the look-up back into a scan of every span."""

    __slots__ = ("starts", "ends", "deletes", "sorted")

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.deletes: list[bool] = []  # whether the span is only deleted text
        self.sorted = True

    def _touching(self, edit: Edit) -> list[int]:
        """The indices of the spans that conflict with ``edit``."""
        starts, ends = self.starts, self.ends
        if self.sorted:
            # Only spans with start <= edit.end and end >= edit.start can conflict.
            lo, hi = bisect.bisect_left(ends, edit.start), bisect.bisect_right(starts, edit.end)
        else:
            lo, hi = 0, len(starts)
        return [k for k in range(lo, hi) if _conflict(edit, starts[k], ends[k])]

    def conflicts(self, edit: Edit) -> bool:
        """Whether ``edit`` cannot be applied with the spans taken (a deletion may overlap spans
        that are only deleted text)."""
        touching = self._touching(edit)
        return bool(touching) and not (_deletes(edit) and all(self.deletes[k] for k in touching))

    def add(self, a: int, b: int, deletes: bool = False) -> None:
        if deletes:  # one span for the union of the deletions it overlaps
            for k in reversed([k for k in self._touching(Edit(a, b, "")) if self.deletes[k]]):
                a, b = min(a, self.starts[k]), max(b, self.ends[k])
                del self.starts[k], self.ends[k], self.deletes[k]
        k = bisect.bisect_right(self.starts, a)
        if (k and self.ends[k - 1] > b) or (k < len(self.ends) and self.ends[k] < b):
            self.sorted = False
        self.starts.insert(k, a)
        self.ends.insert(k, b)
        self.deletes.insert(k, deletes)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply edits (in any order) to ``text``: edits that do not overlap, except deletions, which
    may overlap each other (the union of their spans is deleted; see ``select_fixes``)."""
    parts: list[str] = []
    pos = 0
    deleted = False  # whether the edit that reached ``pos`` was a deletion
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            if e.content or not deleted:
                raise ValueError(f"overlapping edits that are not both deletions at {e.start}")
            pos = max(pos, e.end)
            continue
        parts.append(text[pos:e.start])
        parts.append(e.content)
        pos, deleted = e.end, not e.content
    parts.append(text[pos:])
    return "".join(parts)


@dataclass
class FixResult:
    """What fixing a document did.

    ``pieces`` is the fixed text in order: one piece for a document fixed whole; for a long one,
    its windows — a window the fixes left alone as its ``(start, end)`` in ``source``, the text
    that was fixed — so that a writer can stream them (``iter_pieces``) without holding a second
    copy of the whole text. ``text`` joins them (once)."""

    pieces: list[str | tuple[int, int]]
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    reencode: bool = False
    passes: int = 0
    converged: bool = True
    source: str = ""

    @property
    def text(self) -> str:
        if len(self.pieces) != 1 or not isinstance(self.pieces[0], str):
            self.pieces = ["".join(self.iter_pieces())]
            self.source = ""
        return self.pieces[0]

    @text.setter
    def text(self, value: str) -> None:
        self.pieces = [value]
        self.source = ""

    def iter_pieces(self) -> Iterator[str]:
        """The fixed text, piece by piece."""
        for p in self.pieces:
            yield p if isinstance(p, str) else self.source[p[0]:p[1]]

    @property
    def changed(self) -> bool:
        return bool(self.applied)

    def differs_from(self, original: str) -> bool:
        """Whether the fixed text is not ``original``, without joining the pieces (a document
        whose windows all came back unchanged is one piece, the original itself)."""
        return len(self.pieces) != 1 or self.pieces[0] != original


def fix_document(
    doc: Document,
    rules: Sequence[Rule],
    *,
    unsafe: bool = False,
    severity: Mapping[str, Severity] | None = None,
    max_passes: int = MAX_FIX_PASSES,
) -> FixResult:
    """Apply fixes pass after pass until a pass applies nothing (or ``max_passes`` is reached).
    A long document is fixed window by window (see ``WINDOW_CHARS``), each window to its end."""
    if len(doc.text) > WINDOW_CHARS:
        return _fix_windows(doc, rules, unsafe, severity, max_passes)
    result = FixResult([doc.text])
    current = doc
    rules = tuple(rules)
    repairers, others = _checked_apart(rules, REPAIR_FIRST)
    tidiers = _checked_apart(rules, TIDY_AFTER)[0]
    for _ in range(max_passes):
        # Characters are repaired before the page is judged: the rules that judge lines read
        # the repaired text on the next pass, not the mojibake. The repairing rules are checked
        # first, on their own: a pass that repairs characters runs no other rule (their findings
        # on the text before the repair would be thrown away).
        findings = _check(current, repairers, severity) if repairers else []
        chosen = _repairs(findings, unsafe)
        complete = not chosen
        if complete:
            findings = _check(current, others, severity, prior=findings)
            chosen = _repairs(findings, unsafe)  # (a batched rule's repairs, if any)
        new_text = _applied(current.text, chosen, doc) if chosen else current.text
        repairs = new_text != current.text
        if not repairs:
            if not complete:  # repairs that change nothing: the page is judged as it stands
                findings = _check(current, others, severity, prior=findings)
            chosen = select_fixes(findings, unsafe)
            new_text = _applied(current.text, chosen, doc)
        if chosen and any(f.fix.reencode for f in chosen):
            result.reencode = True
        text_fixes = [f for f in chosen if f.fix.edits]
        if new_text == current.text:
            result.applied.extend(f for f in chosen if not f.fix.edits)
            result.remaining = [f for f in findings if f not in chosen]
            result.text = new_text
            return result
        result.applied.extend(text_fixes)
        result.passes += 1
        # A new text starts with empty caches: what rules cache in ``meta`` belongs to one text.
        # Until a pass has judged the page (removed anything), the page with its characters
        # repaired is the page as it came.
        came = None if repairs and current.original is None else current.as_it_came
        current = dataclasses.replace(current, text=new_text, meta={}, original=came)
        if not repairs and tidiers:
            current = _tidied(current, tidiers, unsafe, severity, result, doc)
    result.text = current.text
    result.converged = False
    result.remaining = _check(current, rules, severity)
    return result


def _tidied(current: Document, tidiers: tuple[Rule, ...], unsafe: bool, severity, result: FixResult,
            doc: Document) -> Document:
    """``current`` with the fixes of the tidying rules applied (until they find nothing more)."""
    for _ in range(MAX_FIX_PASSES):
        chosen = select_fixes([f for f in _check(current, tidiers, severity) if f.fix and f.fix.edits], unsafe)
        text = _applied(current.text, chosen, doc) if chosen else current.text
        if text == current.text:
            break
        result.applied.extend(chosen)
        result.passes += 1
        current = dataclasses.replace(current, text=text, meta={}, original=current.as_it_came)
    return current


def _repairs(findings: Sequence[Finding], unsafe: bool) -> list[Finding]:
    """The character repairs (``REPAIR_FIRST``) among ``findings`` that can be applied together."""
    return select_fixes([f for f in findings if f.category in REPAIR_FIRST and f.fix and f.fix.edits], unsafe)


def _applied(text: str, chosen: Sequence[Finding], doc: Document) -> str:
    """``text`` with the edits of the ``chosen`` fixes applied."""
    edits = [e for f in chosen for e in f.fix.edits]
    try:
        return apply_edits(text, edits) if edits else text
    except ValueError as exc:  # a fix whose own edits overlap: a bug of its rule
        codes = ", ".join(sorted({f.code for f in chosen if len(f.fix.edits) > 1}))
        raise RuleCrash(f"rule {codes} made a fix with overlapping edits on {doc.source}: {exc}") from exc


def _fix_windows(doc: Document, rules: Sequence[Rule], unsafe: bool, severity, max_passes: int) -> FixResult:
    pieces: list[str | tuple[int, int]] = []
    result = FixResult([])
    done = 0  # length of the fixed text so far: where the next window's remaining findings start
    for offset, part, first, whole in _window_documents(doc):
        sub = fix_document(part, _window_rules(rules, first, whole), unsafe=unsafe, severity=severity,
                           max_passes=max_passes)
        fixed = sub.text
        pieces.append(fixed if fixed != part.text else (offset, offset + len(fixed)))
        result.applied.extend(_shifted(f, offset) for f in sub.applied)
        result.remaining.extend(_shifted(f, done) for f in sub.remaining)
        result.reencode = result.reencode or sub.reencode
        result.passes = max(result.passes, sub.passes)
        result.converged = result.converged and sub.converged
        done += len(fixed)
    if all(isinstance(p, tuple) for p in pieces):
        result.pieces = [doc.text]  # unchanged: the document as it came
    else:
        result.pieces, result.source = pieces, doc.text
    return result
