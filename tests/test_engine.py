"""The engine: prescreens, batches, crashes and fix passes."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapelint.api import check_text, default_registry, fix_text
from scrapelint.engine import RuleCrash, check_document, fix_document
from scrapelint.model import Applicability, Document, Edit, Severity
from scrapelint.registry import Rule


class _Exploding(Rule):
    """A rule that must never be asked about a document without its signature."""

    code = "X901"
    name = "exploding"
    category = "markup-debris"
    prescreen = ("<",)

    def check(self, doc):
        if "<" not in doc.text:
            raise AssertionError("checked a document its prescreen rules out")
        yield self.finding(0, 1, "seen")


class _Pattern(_Exploding):
    code = "X902"
    name = "pattern-screened"
    prescreen = re.compile(r"<[a-z]")

    def check(self, doc):
        if not self.prescreen.search(doc.text):
            raise AssertionError("checked a document its prescreen rules out")
        yield self.finding(0, 1, "seen")


@pytest.mark.parametrize("rule", [_Exploding(), _Pattern()])
def test_a_prescreen_keeps_the_rule_off_documents_without_its_signature(rule):
    assert check_document(Document("plain text\n"), [rule]) == []
    assert [f.code for f in check_document(Document("<b>bold</b>\n"), [rule])] == [rule.code]


def _with_prescreen():
    return [r for r in default_registry() if r.prescreen is not None]


def test_the_shipped_rules_declare_prescreens():
    codes = {r.code for r in _with_prescreen()}
    assert {"E001", "E003", "E005", "H001", "H002", "M001", "M002", "M003", "W005", "W006"} <= codes


@pytest.mark.parametrize("rule", _with_prescreen(), ids=lambda r: r.code)
def test_every_flagged_example_has_the_signature(rule):
    texts = [e if isinstance(e, str) else e.text for e in rule.flags]
    texts += [before if isinstance(before, str) else before.text for before, _ in rule.fixes]
    for text in texts:
        assert rule.may_apply(text), f"{rule.code}'s prescreen rules out its own example {text[:60]!r}"


class _Crashing(Rule):
    code = "X903"
    name = "crashing"
    category = "whitespace"

    def check(self, doc):
        raise ValueError("boom")


def test_a_crash_names_the_rule_and_the_input():
    with pytest.raises(RuleCrash, match=r"rule X903 \(crashing\) failed on page\.txt: ValueError\('boom'\)"):
        check_document(Document("text\n", source="page.txt"), [_Crashing()])


class _AddsMark(Rule):
    """Appends a mark once: a fix that converges after one pass."""

    code = "X904"
    name = "adds-mark"
    category = "whitespace"
    fix_applicability = Applicability.SAFE

    def check(self, doc):
        if not doc.text.endswith("!"):
            n = len(doc.text)
            yield self.finding(n, n, "no mark", fix=self.make_fix("Add", [Edit(n, n, "!")]))


def test_fix_passes_stop_at_a_fixed_point():
    result = fix_document(Document("text"), [_AddsMark()])
    assert (result.text, result.passes, result.converged) == ("text!", 1, True)
    clean = fix_document(Document("text!"), [_AddsMark()])
    assert (clean.text, clean.passes, clean.applied) == ("text!", 0, [])


def test_fix_text_says_when_fixes_did_not_settle():
    from scrapelint import FixesDidNotSettle, fix_text

    deep = "&" + "amp;" * 11 + "lt;"
    with pytest.raises(FixesDidNotSettle) as info:
        fix_text(deep)
    assert info.value.text == "&amp;lt;" and info.value.remaining
    assert fix_text("&amp;amp;lt;b") == "<b"  # three layers settle


def test_fix_overrides_are_copies():
    """``Registry.override_fixes`` changes the applicability of copies of the rules it names and
    leaves the registry's own rules alone (other callers of the API see the defaults)."""
    text = "The council met on Tuesday.<br>\nIt voted to extend the bus network.\n"
    registry = default_registry()
    rules = registry.select(["M001"])
    unsafe = registry.override_fixes(rules, extend_unsafe=["markup-debris"])
    assert unsafe[0] is not rules[0] and unsafe[0].fix_override is Applicability.UNSAFE
    assert rules[0].fix_override is None and registry.get("M001").fix_override is None
    assert [str(f.fix.applicability) for f in check_text(text, select=["M001"], extend_unsafe_fixes=["M001"])] == ["unsafe"]
    assert fix_text(text, select=["M001"], extend_unsafe_fixes=["M001"]) == text
    assert fix_text(text, select=["M001"]) != text
    both = registry.override_fixes(rules, extend_safe=["M001"], extend_unsafe=["M"])
    assert both[0].fix_override is Applicability.UNSAFE  # named by both: unsafe
    assert registry.override_fixes(rules) == rules


class _Counts(Rule):
    """A context rule: reports how many findings the other rules made."""

    code = "X910"
    name = "counts"
    category = "boilerplate"
    context = True
    seen: list = []

    def check(self, doc):  # never called: a context rule is asked with the others' findings
        raise AssertionError("check called on a context rule")

    def check_context(self, doc, findings):
        self.seen.append([f.code for f in findings])
        if findings:
            yield self.finding(0, 1, f"{len(findings)} findings")


class _CrashingContext(_Counts):
    code = "X911"
    name = "crashing-context"

    def check_context(self, doc, findings):
        raise ValueError("boom")


def test_a_context_rule_runs_after_the_others_with_their_findings():
    _Counts.seen = []
    doc = Document("a<b>c\n")
    found = check_document(doc, [_Counts(), _Exploding()])
    assert _Counts.seen == [["X901"]]
    assert sorted(f.code for f in found) == ["X901", "X910"]
    _Counts.seen = []
    assert check_document(Document("plain\n"), [_Counts(), _Exploding()]) == []
    assert _Counts.seen == [[]]


def test_a_crash_of_a_context_rule_names_it():
    with pytest.raises(RuleCrash, match=r"rule X911 \(crashing-context\) failed on page\.txt"):
        check_document(Document("text\n", source="page.txt"), [_CrashingContext()])


def test_a_finding_moved_to_its_place_in_a_long_document_keeps_every_field():
    import dataclasses

    from scrapelint.engine import _shifted
    from scrapelint.model import Edit, Finding, Fix

    f = Finding("X001", "x", "whitespace", Severity.INFO, "m", 3, 5, 0.5,
                Fix(Applicability.UNSAFE, "fix it", (Edit(3, 5, "y"),), reencode=True))
    moved = _shifted(f, 100)
    assert (moved.start, moved.end, moved.fix.edits) == (103, 105, (Edit(103, 105, "y"),))
    for field in dataclasses.fields(Finding):
        if field.name not in ("start", "end", "fix"):
            assert getattr(moved, field.name) == getattr(f, field.name), field.name
    for field in dataclasses.fields(Fix):
        if field.name != "edits":
            assert getattr(moved.fix, field.name) == getattr(f.fix, field.name), field.name


def _select_by_scanning(findings, unsafe):
    """select_fixes as it reads: every edit compared with every edit taken before it; an edit that
    only deletes may overlap edits that only delete."""
    from scrapelint.engine import _conflict

    def deletes(e):
        return not e.content and e.start < e.end

    allowed = [f for f in findings if f.fix is not None and (f.fix.edits or f.fix.reencode)
               and (unsafe or f.fix.applicability is Applicability.SAFE)]
    allowed.sort(key=lambda f: (f.fix.start, -(f.fix.end - f.fix.start), f.code))
    taken, edits = [], []
    for f in allowed:
        if any(_conflict(e, t.start, t.end) and not (deletes(e) and deletes(t)) for e in f.fix.edits for t in edits):
            continue
        taken.append(f)
        edits.extend(f.fix.edits)
    return taken


@settings(max_examples=500)
@given(st.lists(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4), st.booleans()), min_size=1, max_size=3),
                max_size=25), st.booleans())
def test_fixes_are_selected_as_by_comparing_every_pair(fixes, unsafe):
    from scrapelint.engine import apply_edits, select_fixes
    from scrapelint.model import Finding, Fix

    findings = [
        Finding(f"X{n:03d}", "x", "whitespace", Severity.INFO, "m", 0, 1, 1.0,
                Fix(Applicability.SAFE if n % 3 else Applicability.UNSAFE, "fix",
                    tuple(Edit(s, s + w, "#" if replace else "") for s, w, replace in edits)))
        for n, edits in enumerate(fixes)
    ]
    chosen = select_fixes(findings, unsafe)
    assert chosen == _select_by_scanning(findings, unsafe)
    # Applied together, the chosen edits delete the union of the deletions and replace the rest.
    text = "".join(chr(ord("a") + k % 26) for k in range(40))
    edits = [e for f in chosen for e in f.fix.edits]
    gone = {k for e in edits for k in range(e.start, e.end)}
    expected = [c for k, c in enumerate(text) if k not in gone]
    def overlapping(f):  # a fix's own edits over each other: not something a rule makes
        es = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
        return any(b.start < a.end or (b.start == a.start and a.content) for a, b in zip(es, es[1:]))

    if not any(map(overlapping, chosen)):
        assert apply_edits(text, edits).replace("#", "") == "".join(expected)


def test_fixes_that_only_delete_may_overlap_and_delete_their_union():
    from scrapelint.engine import apply_edits, select_fixes
    from scrapelint.model import Finding, Fix

    def finding(code, *edits, applicability=Applicability.SAFE):
        return Finding(code, "x", "boilerplate", Severity.INFO, "m", edits[0].start, edits[-1].end, 1.0,
                       Fix(applicability, "fix", edits))

    text = "menu\nmore menu\nrelated one\nrelated two\nArticle.\n"
    run = finding("X001", Edit(0, 15, ""))  # "menu", "more menu"
    listing = finding("X002", Edit(5, 39, ""))  # "more menu" to "related two"
    chosen = select_fixes([listing, run], unsafe=False)
    assert chosen == [run, listing]
    assert apply_edits(text, [e for f in chosen for e in f.fix.edits]) == "Article.\n"
    # A fix that rewrites text still waits for the next pass when a deletion overlaps it.
    rewrite = finding("X003", Edit(10, 20, "MENU"))
    assert select_fixes([run, rewrite], unsafe=False) == [run]
    assert select_fixes([rewrite, finding("X004", Edit(12, 30, ""))], unsafe=False) == [rewrite]
    # An unsafe deletion is not taken without unsafe fixes, whatever it overlaps.
    assert select_fixes([run, finding("X005", Edit(5, 39, ""), applicability=Applicability.UNSAFE)],
                        unsafe=False) == [run]
    with pytest.raises(ValueError, match="overlapping edits"):
        apply_edits(text, [Edit(0, 10, ""), Edit(5, 12, "x")])


class _SeesOriginal(Rule):
    """Removes one 'x' a pass, and records the text each pass's document came from."""
    code, name, category = "X920", "sees-original", "markup-debris"
    fix_applicability = Applicability.SAFE
    seen: list = []

    def check(self, doc):
        _SeesOriginal.seen.append(doc.as_it_came.text)
        k = doc.text.find("x")
        if k >= 0:
            yield self.finding(k, k + 1, "x", fix=self.make_fix("drop", [Edit(k, k + 1, "")]))


def test_every_fix_pass_sees_the_document_as_it_came():
    _SeesOriginal.seen = []
    result = fix_document(Document("axbxc\n"), [_SeesOriginal()])
    assert result.text == "abc\n" and result.passes == 2
    assert _SeesOriginal.seen == ["axbxc\n"] * 3


class _OverlappingFix(Rule):
    """A broken rule: one fix whose two edits rewrite overlapping text."""
    code, name, category = "X921", "overlapping-fix", "whitespace"
    fix_applicability = Applicability.SAFE

    def check(self, doc):
        yield self.finding(0, 4, "x", fix=self.make_fix("rewrite", [Edit(0, 3, "a"), Edit(2, 4, "b")]))


def test_a_fix_with_overlapping_edits_is_a_crash_of_its_rule_not_garbage():
    with pytest.raises(RuleCrash, match=r"rule X921 made a fix with overlapping edits on page\.txt"):
        fix_document(Document("abcdef\n", source="page.txt"), [_OverlappingFix()])


class _Repairs(Rule):
    """An encoding rule: repairs every "~" into "-"."""
    code, name, category = "X922", "repairs", "encoding"
    fix_applicability = Applicability.SAFE

    def check(self, doc):
        for m in re.finditer("~", doc.text):
            yield self.finding(m.start(), m.end(), "~", fix=self.make_fix("repair", [Edit(m.start(), m.end(), "-")]))


class _Judges(Rule):
    """A rule that judges the page: deletes every "x", and records the texts it was asked about."""
    code, name, category = "X923", "judges", "boilerplate"
    fix_applicability = Applicability.SAFE
    seen: list[str] = []

    def check(self, doc):
        type(self).seen.append(doc.text)
        for start, end in self.targets(doc):
            yield self.finding(start, end, "x", fix=self.make_fix("drop", [Edit(start, end, "")]))

    def targets(self, doc):
        return [m.span() for m in re.finditer("x", doc.text)]


def test_a_pass_that_repairs_characters_runs_no_other_rule():
    """The repairs come first and alone: the rules that judge the page are not asked about the
    text before them (their findings there would be thrown away), and the result is the same as
    when every rule is checked each pass."""
    _Judges.seen = []
    result = fix_document(Document("a~bx~c\n"), [_Judges(), _Repairs()])
    assert result.text == "a-b-c\n"
    assert _Judges.seen == ["a-bx-c\n", "a-b-c\n"]  # never "a~bx~c\n"
    assert [f.code for f in result.applied] == ["X922", "X922", "X923"]
    _Judges.seen = []
    assert fix_document(Document("abx\n"), [_Judges(), _Repairs()]).text == "ab\n"
    assert _Judges.seen == ["abx\n", "ab\n"]


class _DropsLines(_Judges):
    """A rule that judges the page: removes the lines "x" (with their endings)."""
    code, name = "X924", "drops-lines"
    seen: list[str] = []

    def targets(self, doc):
        return [(line.start, line.full_end) for line in doc.lines if line.text == "x"]


def test_what_a_pass_leaves_untidy_is_tidied_before_the_next_pass():
    """Lines removed between blank lines leave a run of them: the whitespace rules collapse it
    right after the pass, so that the next pass is the one that finds nothing (two checks of the
    page, not three), with the same result."""
    w001 = default_registry().get("W001")
    _DropsLines.seen = []
    result = fix_document(Document("a\n\nx\n\nx\n\nb\n"), [_DropsLines(), w001])
    assert result.text == "a\n\nb\n"
    assert _DropsLines.seen == ["a\n\nx\n\nx\n\nb\n", "a\n\nb\n"]
    assert sorted(f.code for f in result.applied) == ["W001", "X924", "X924"]
