"""One scan of a document for every pack rule loaded together, and the rules it answers for.

The engine calls ``PackMatcher.check_batch`` once per document for all the selected rules of a
set of packs (``PackRule.batch`` is the matcher): the page is folded once, and

- whole-line phrases are dictionary look-ups of each short line;
- every other phrase, and the triggers of the patterns (see ``triggers``), are found by one
  Aho-Corasick automaton over the folded text, so a pattern runs only on the lines where one of
  its triggers occurs;
- a ``line`` or ``start`` pattern without a trigger runs only on the lines that begin with a
  character it can begin with, and when several can begin with that character (the date and
  page-number patterns of every language begin with a digit) a line is first tried once
  against their union, the gate; the few patterns left run on the lines their zone and
  ``max-length`` allow.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from array import array
from collections.abc import Iterable, Sequence

import ahocorasick_rs
import regex

from scrapelint.model import Document, Edit, Finding
from scrapelint.registry import Rule

from ..page import FoldedPage
from .docs import render_doc
from .schema import PackEntry, line_key
from .triggers import FirstChars, needs_digit


def _py_short_line_hits(hits, starts: list[int], spans, widest) -> list[tuple[int, int, int, int]]:
    """The automaton's ``hits`` ``(phrase id, start, end)`` whose line is no longer than
    ``widest[phrase id]``, with the line: ``(phrase id, start, end, line)`` (compiled:
    ``_lines.short_line_hits``)."""
    out = []
    for pid, s, e in hits:
        i = bisect.bisect_right(starts, s) - 1
        a, b = spans[i]
        if b - a <= widest[pid]:
            out.append((pid, s, e, i))
    return out


try:
    from scrapelint.rules._lines import short_line_hits as _short_line_hits
except ImportError:  # built without a C compiler: the same hits, slower
    _short_line_hits = _py_short_line_hits

#: What a drop-match fix removes beside the match (on the folded text).
_SEPARATORS = frozenset(" \t-–—_|·•:,>/~")

#: Seconds one pattern may take on one line: a user's pattern that backtracks without end stops the
#: run with an error naming the rule, instead of hanging it.
PATTERN_TIMEOUT = 2.0
#: Anchored patterns that can begin a line with the same character are tried through one gate
#: (their union) when there are at least this many of them.
GATE_MIN = 4
#: A group reference or a named group: such a pattern is not joined with others into a gate.
_GROUP_REFERENCE = regex.compile(r"\\[1-9]|\(\?P|\\g<|\(\?<[A-Za-z_]|\(\?\(")

#: The language of a rule's name (``tag-line-de``): the packs of many languages hold the same kind
#: of rule, and shared words ("Tags:", "Facebook") make several of them match one line.
_LANGUAGE_SUFFIX = regex.compile(r"-[a-z]{2}$")


def _merge_variants(findings: list[Finding]) -> list[Finding]:
    """One finding per span for the language variants of one kind of rule (``tag-line-en``,
    ``tag-line-de``, ``tag-line-fr`` on "Tags: buses, council"): the first by code, its message
    naming the others (so that a user who ignores it knows which codes report the line too)."""
    groups: dict[tuple[int, int, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.start, f.end, _LANGUAGE_SUFFIX.sub("", f.name)), []).append(f)
    if len(groups) == len(findings):
        return findings
    merged = []
    for group in groups.values():
        group.sort(key=lambda f: f.code)
        first = group[0]
        if len(group) > 1:
            also = ", ".join(f.code for f in group[1:])
            first = dataclasses.replace(first, message=f"{first.message} (also {also})")
        merged.append(first)
    return merged


class PatternTimeout(RuntimeError):
    """A pack pattern took longer than ``PATTERN_TIMEOUT`` on one line."""


#: Hits of one document: rule code → ``(line index, start, end)``, at most one a line.
Hits = dict[str, list[tuple[int, int, int]]]


class PackRule(Rule):
    """A rule configured from a pack entry; its documentation is the entry's ``doc``."""

    def __init__(self, entry: PackEntry, matcher: "PackMatcher"):
        self.entry = entry
        self.code = entry.code
        self.name = entry.name
        self.category = entry.category
        self.severity = entry.severity
        self.fix_applicability = None if entry.fix == "none" else entry.applicability
        self.flags = entry.flags
        self.passes = entry.passes
        self.fixes = entry.fixes
        self.batch = matcher
        self._doc = render_doc(entry)

    def doc(self) -> str:  # an instance's text, not a class docstring
        return self._doc

    def summary(self) -> str:
        return self._doc.split("\n\n", 1)[0].replace("\n", " ")

    def check(self, doc: Document) -> Iterable[Finding]:
        """This rule alone (the engine asks the matcher for all of them at once)."""
        return self.batch.check_batch(doc, [self])

    def findings(self, doc: Document, page: FoldedPage, mine) -> Iterable[Finding]:
        entry = self.entry
        for i, s, e in mine:
            a, b = page.spans[i]
            if entry.fix == "none":
                yield self.finding(s, e, entry.message)
                continue
            span = _match_edit(page.folded, a, b, s, e) if entry.fix == "drop-match" else None
            if span is None:
                edit, what = self.drop_line(doc.lines[i]), "Remove the line"
                start, end = (a, b) if entry.fix == "drop-line" else (s, e)
            else:
                edit, what = Edit(span[0], span[1], ""), f"Remove {doc.text[s:e]!r}"
                start, end = s, e
            yield self.finding(start, end, entry.message, fix=self.make_fix(what, [edit]))


def _match_edit(folded: str, a: int, b: int, s: int, e: int) -> tuple[int, int] | None:
    """The span a drop-match fix removes: the match and the separators after it (or before it,
    at the end of the line); ``None`` when that is the whole line."""
    while e < b and folded[e] in _SEPARATORS:
        e += 1
    if e == b:
        while s > a and folded[s - 1] in _SEPARATORS:
            s -= 1
    if s <= a and e >= b:
        return None
    return s, e


def _first_of(entries) -> FirstChars | None:
    """What a line must begin with for any of ``entries`` (a phrase's rules and triggers) to
    match on it: the union of the patterns' first characters when each is a trigger of a pattern
    that must open its line, else ``None`` (anything)."""
    firsts = [trigger[2] if trigger is not None else None for _, trigger in entries]
    if not firsts or any(f is None for f in firsts):
        return None
    return FirstChars(frozenset().union(*(f.chars for f in firsts)), any(f.decimal for f in firsts))


#: No bound on the length of a line.
_ANY_LENGTH = 1 << 62


def _line_bound(entry: PackEntry, longest: int | None) -> int:
    """The longest line on which ``entry`` can hit through one of its patterns (or phrases): the
    least of its ``max-length`` and the pattern's longest match (``longest``: ``None`` when
    unbounded)."""
    return min((x for x in (entry.max_length, longest) if x is not None), default=_ANY_LENGTH)


def _widest(entries) -> int:
    """The longest line on which any of ``entries`` (a phrase's rules and triggers) can hit."""
    return max((_line_bound(entry, trigger and trigger[3]) for entry, trigger in entries), default=0)


def _passes(gate, line: str, passed: dict[str, bool]) -> bool:
    """``_through``, once per distinct line text (``passed``: the answers so far)."""
    answer = passed.get(line)
    if answer is None:
        answer = passed[line] = _through(gate, line)
    return answer


def _through(gate, line: str) -> bool:
    """Whether a line passes a gate; one that takes too long passes, so that the pattern that is
    slow is tried alone and names itself in the error."""
    try:
        return gate(line, timeout=PATTERN_TIMEOUT) is not None
    except TimeoutError:
        return True


#: Whether a line (``text, start, end``) holds a decimal digit (``\\d``, as the patterns read it).
_DIGIT_SEARCH = re.compile(r"\d").search
#: A decimal digit that no pattern names as its first character: the key of the digits no
#: pattern names (``PackMatcher._anchored_for``).
_ANY_DIGIT = "\U0001d7ce"


class PackMatcher:
    """Finds the lines of every rule loaded together in one pass over a document (see the module
    docstring). Picklable: the automaton is rebuilt on first use in another process."""

    def __init__(self, entries: Sequence[PackEntry]):
        self.entries = list(entries)
        self.whole: dict[str, list[PackEntry]] = {}
        #: phrase → (entry, None) for a phrase, (entry, (method, at_start, first, longest)) for a
        #: pattern's trigger (``first``: what the line must begin with, for a line or start
        #: pattern; ``longest``: the longest line a ``line`` pattern can match, ``None``: any)
        found_by: dict[str, list[tuple[PackEntry, object]]] = {}
        #: entries with patterns that have no trigger: (entry, [(first characters or None, method)])
        unanchored: list[tuple[PackEntry, list]] = []
        for entry in self.entries:
            for key in entry.keys:
                if entry.match == "line":
                    if entry not in self.whole.setdefault(key, []):
                        self.whole[key].append(entry)
                elif (entry, None) not in found_by.setdefault(key, []):
                    found_by[key].append((entry, None))
            loose = []
            for prefilter, method in entry.compiled:
                first = prefilter.first if entry.match in ("line", "start") else None
                longest = prefilter.longest if entry.match == "line" else None
                for literal in prefilter.literals:
                    found_by.setdefault(literal, []).append((entry, (method, prefilter.at_start, first, longest)))
                if not prefilter.literals:
                    loose.append((first, method, longest))
            if loose:
                unanchored.append((entry, loose))
        # Decoration around a whole-line phrase is ignored, within reason.
        self.whole_max = max(map(len, self.whole), default=0) + 16
        self.phrases = list(found_by)
        self.phrase_entries = [found_by[p] for p in self.phrases]
        #: For a phrase that only triggers patterns which must open their line: the characters
        #: such a line begins with (a hit on another line is passed over at once); else ``None``.
        self.phrase_first = [_first_of(entries) for entries in self.phrase_entries]
        #: For each phrase, the longest line on which one of its rules can hit: a hit of a phrase
        #: of ``max-length`` rules, or of a trigger of ``line`` patterns of bounded length
        #: (``\d{1,2}月\d{1,2}日``), in a longer line — a paragraph — is passed over at once.
        #: (An array of 64-bit integers, as the compiled ``_short_line_hits`` reads it.)
        self.phrase_widest = array("q", [_widest(entries) for entries in self.phrase_entries])
        self._automaton = None
        # Patterns anchored at the line's start with known first characters, and the others.
        self._unfiltered = [(e, [m for _, m, _ in loose]) for e, loose in unanchored
                            if any(first is None for first, _, _ in loose)]
        self._anchored = [(e, loose) for e, loose in unanchored if all(first is not None for first, _, _ in loose)]
        #: The characters some anchored pattern names as its first: any other character is looked
        #: up as one of two (a decimal digit, or not), so that a page of CJK text, whose lines
        #: open with thousands of different characters, builds no group for each of them.
        self._first_chars = frozenset().union(*(first.chars for _, loose in self._anchored for first, _, _ in loose))
        #: (first character of a line, whether it holds a digit) → the anchored patterns that can
        #: begin with it, their gate, and the longest line on which one of them can hit
        self._by_char: dict[tuple[str, bool], tuple[list[tuple[PackEntry, list]], object, int]] = {}
        #: The gates (``_gate``), by whether the line opens with a digit and whether it holds one.
        self._gates: dict[tuple[bool, bool], object] = {}

    def _anchored_for(self, c: str, digit: bool = True) -> tuple[list[tuple[PackEntry, list]], object, int]:
        """The anchored patterns that can begin with ``c`` on a line with a digit (``digit``) or
        without one (only those that match without a digit: most are dates, times and page
        numbers), by entry; their gate (``_gate``; ``None`` when they are too few to gain); and
        the longest line on which one of them can hit (as ``_widest``: a longer line — a
        paragraph that opens with a digit or with "the" — is not tried at all)."""
        if c not in self._first_chars:
            c = _ANY_DIGIT if c.isdecimal() else ""  # admitted alike by every pattern's FirstChars
        found = self._by_char.get((c, digit))
        if found is None:
            group, bound = [], 0
            for entry, loose in self._anchored:
                admitted = [(m, longest) for first, m, longest in loose
                            if first.admits(c) and (digit or not needs_digit(m.pattern))]
                if admitted:
                    group.append((entry, [m for m, _ in admitted]))
                    bound = max(bound, *(_line_bound(entry, longest) for _, longest in admitted))
            methods = [m for _, ms in group for m in ms]
            gate = None
            if len(methods) >= GATE_MIN and not any(map(self._unjoinable, methods)):
                gate = self._gate(c == _ANY_DIGIT or c.isdecimal(), digit)
            found = self._by_char[c, digit] = (group, gate, bound)
        return found

    @staticmethod
    def _unjoinable(method) -> bool:
        """A pattern with a group reference or a named group: its groups would clash with
        another's in one pattern, so it is in no gate."""
        return _GROUP_REFERENCE.search(method.pattern) is not None

    def _gate(self, opens_with_digit: bool, digit: bool = True):
        """One compiled pattern, the union of every anchored pattern that can be joined (line
        patterns to the end of the line, start patterns at its start), whose ``match`` fails on
        a line that none of them matches: a line that begins with a digit is tried once instead
        of once per date and page-number pattern of every language. One gate serves every first
        character, so that it is compiled once a process (the ``regex`` module compiles in
        Python: a gate of each first character's own patterns cost 0.3 s per process on the
        benchmark corpus, one of all of them 0.05 s); a line that passes it is then tried with
        the patterns of its first character only. The union is of the patterns that can open
        a line as it opens — with a digit (most are dates, times and page numbers), or with
        anything else — and, for a line without a digit, only of those that match without one
        (``needs_digit``): the dates of twenty languages, whose weekdays and month names begin
        like common words ("thu…", "mar…"), are not tried on it. (Four gates at most, each a part
        of the union of them all: the ``regex`` module tries a union's branches one by one.)"""
        key = (opens_with_digit, digit)
        gate = self._gates.get(key)
        if gate is None:
            admits = (lambda first: first.decimal or any(c.isdecimal() for c in first.chars)) if opens_with_digit \
                else (lambda first: any(not c.isdecimal() for c in first.chars))
            union = "|".join(f"(?:{m.pattern})" + ("\\Z" if m.match == "line" else "")
                             for _, loose in self._anchored for first, m, _ in loose
                             if not self._unjoinable(m) and admits(first) and (digit or not needs_digit(m.pattern)))
            gate = self._gates[key] = regex.compile(union).match
        return gate

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_automaton"] = None  # not picklable; rebuilt on first use
        state["_by_char"], state["_gates"] = {}, {}  # the compiled gates: rebuilt on first use too
        return state

    @property
    def automaton(self):
        if self._automaton is None and self.phrases:
            self._automaton = ahocorasick_rs.AhoCorasick(self.phrases, matchkind=ahocorasick_rs.MatchKind.Standard)
        return self._automaton

    def check_batch(self, doc: Document, rules: Sequence[PackRule]) -> Iterable[Finding]:
        """The findings of ``rules`` (rules of this matcher) in ``doc``, from one scan."""
        page, hits = self.scan(doc)
        if not hits:
            return []
        out: list[Finding] = []
        for rule in rules:
            mine = hits.get(rule.code)
            if mine:
                out.extend(rule.findings(doc, page, mine))
        return _merge_variants(out) if len(out) > 1 else out

    def scan(self, doc: Document) -> tuple[FoldedPage, Hits]:
        """The page and, for each rule code, its hits ``(line index, start, end)``: at most one
        a line, the leftmost. Computed once per document text."""
        page = FoldedPage.of(doc)
        hits = page.hits.get(self)
        if hits is None:
            hits = page.hits[self] = self._scan(page)
        return page, hits

    def _scan(self, page: FoldedPage) -> Hits:
        found: dict[str, dict[int, tuple[int, int]]] = {}
        folded = page.folded
        spans = page.spans

        def allowed(entry: PackEntry, i: int) -> bool:
            a, b = spans[i]
            return (entry.max_length is None or b - a <= entry.max_length) and page.in_zone(i, entry.zone)

        def hit(entry: PackEntry, i: int, s: int, e: int) -> None:
            lines = found.setdefault(entry.code, {})
            if i not in lines or (s, -e) < (lines[i][0], -lines[i][1]):
                lines[i] = (s, e)

        # What a pattern found on a line's text, by pattern and text: a page repeats short lines
        # (a table's figures, "Reply" under every comment), and each is matched once.
        seen: dict[tuple[int, str], tuple[int, int] | None] = {}

        def try_patterns(entry: PackEntry, i: int, methods) -> None:
            a, b = spans[i]
            line = folded[a:b]
            for method in methods:
                key = (id(method), line)
                if key in seen:
                    span = seen[key]
                else:
                    try:
                        m = method(line, timeout=PATTERN_TIMEOUT)
                    except TimeoutError:
                        raise PatternTimeout(
                            f"a pattern of {entry.code} ({entry.name}, {entry.source}) took over "
                            f"{PATTERN_TIMEOUT:g} s on line {i + 1}: simplify it"
                        ) from None
                    span = seen[key] = None if m is None else m.span()
                if span is not None:
                    hit(entry, i, a + span[0], a + span[1])
                    return

        if self.whole:
            whole = self.whole
            for i in page.lines_up_to(self.whole_max):
                a, b = spans[i]
                entries = whole.get(line_key(folded[a:b]))
                if entries:
                    for entry in entries:
                        if allowed(entry, i):
                            hit(entry, i, a, b)
        automaton = self.automaton
        if automaton is not None:
            tried: set[tuple[int, int]] = set()
            phrase_first = self.phrase_first
            hits = automaton.find_matches_as_indexes(folded, overlapping=True)
            for pid, s, e, i in _short_line_hits(hits, page.starts, spans, self.phrase_widest):
                a, b = spans[i]
                need = phrase_first[pid]
                if need is not None and not need.admits(folded[a]):
                    continue
                for entry, trigger in self.phrase_entries[pid]:
                    kind = entry.match
                    if trigger is None:  # a phrase
                        if (kind == "anywhere" or (kind == "start" and s == a) or (kind == "end" and e == b)) \
                                and allowed(entry, i):
                            hit(entry, i, s, e)
                        continue
                    method, at_start, first, _ = trigger  # a pattern's trigger: try the pattern on this line
                    if at_start and kind in ("line", "start") and s != a:
                        continue
                    if first is not None and not first.admits(folded[a]):
                        continue  # (a date pattern triggered by "mar" in "market": the line opens with no digit)
                    if (id(method), i) not in tried and allowed(entry, i):
                        tried.add((id(method), i))
                        try_patterns(entry, i, [method])
        if self._anchored or self._unfiltered:
            # Patterns anchored at the line's start try only lines that begin with a character
            # they can begin with; the others try every line their zone allows.
            passed: dict[str, bool] = {}  # a line's text → whether it passed its gate
            for c, lines in page.by_first_char.items():
                group, gate, bound = self._anchored_for(c)
                if not group:
                    continue
                if bound < _ANY_LENGTH:
                    lines = [i for i in lines if spans[i][1] - spans[i][0] <= bound]
                if c.isdecimal() or not lines:
                    parts = ((True, lines),)
                else:  # lines with a digit and lines without one: the latter meet fewer patterns
                    digits: list[int] = []
                    plain: list[int] = []
                    for i in lines:
                        (digits if _DIGIT_SEARCH(folded, spans[i][0], spans[i][1]) else plain).append(i)
                    parts = ((True, digits), (False, plain))
                for digit, part in parts:
                    if not digit:  # fewer patterns, and a longest line of their own
                        group, gate, bound = self._anchored_for(c, False)
                        if bound < _ANY_LENGTH:
                            part = [i for i in part if spans[i][1] - spans[i][0] <= bound]
                    if not group or not part:
                        continue
                    if gate is not None:
                        part = [i for i in part if _passes(gate, folded[spans[i][0]:spans[i][1]], passed)]
                    for entry, methods in group:
                        for i in part:
                            if allowed(entry, i):
                                try_patterns(entry, i, methods)
            for entry, methods in self._unfiltered:
                for i in page.candidates(entry.zone, entry.max_length):
                    if page.in_zone(i, entry.zone):
                        try_patterns(entry, i, methods)
        return {code: [(i, s, e) for i, (s, e) in sorted(lines.items())] for code, lines in found.items()}


