"""The prefilters of the pack matcher (``scrapelint.rules.packs.triggers``), and the matcher's
promise that they only save work: every shipped pattern, on lines made to match it and lines made
not to, gives the same hits with its prefilter as without."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from scrapelint.api import default_registry
from scrapelint.engine import check_document, fix_document
from scrapelint.fold import fold
from scrapelint.model import Document
from scrapelint.rules.packs import PackRule
from scrapelint.rules.packs.triggers import analyze, needs_digit


@pytest.mark.parametrize(
    ("pattern", "literals", "at_start"),
    [
        (r"网易首页\s*>", ("网易首页",), True),
        (r"(?:已有|共)?\d+条评论", ("条评论",), False),
        (r"\d+人(?:赞赏|喜欢)", ("赞赏", "喜欢"), False),
        (r"\d+\s*(?:likes?|replies)", ("like", "replies"), False),
        (r"(?:(?:发布|发表|更新)(?:时间|日期)|时间|日期)\s*:\s*\d{4}", ("时间", "日期"), False),
        (r"share(?:\s+this)?\s+(?:article|story)", ("share",), True),
        (r"read\s+more", ("read", "more")[:1], True),
    ],
)
def test_literals_every_match_contains(pattern, literals, at_start):
    found = analyze(pattern)
    assert found.literals == literals
    assert found.at_start is at_start


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?i)share",  # inline flags: the analysis does not model them
        r"\p{Han}{2,6}-",  # only a class the standard parser does not know
        r"(?:de|en|fr)(?:\s*[|/]\s*(?:de|en|fr)){1,8}",  # two-letter ASCII literals are everywhere
        r"a|\d+",  # one branch without a literal
    ],
)
def test_no_literal_when_none_is_certain(pattern):
    assert analyze(pattern).literals == ()


def test_first_characters():
    first = analyze(r"(?:am\s+)?\d{1,2}\.\s?\d{1,2}\.").first
    assert first.admits("a") and first.admits("7") and first.admits("٣")  # any decimal digit
    assert not first.admits("b") and not first.admits(" ")
    # The lines tried are stripped: whitespace never begins a match, so \s adds no first character.
    assert sorted(analyze(r"[«‹<]?\s*seite \d+").first.chars) == sorted("«‹<s")
    assert analyze(r"\s*\w+").first is None
    assert analyze(r"x?").first is None  # can match nothing
    assert analyze(r".{3}abc").first is None
    assert analyze(r"\p{L}+ abc").first is None
    assert sorted(analyze(r"(?:foo|bar)\d").first.chars) == ["b", "f"]


def test_longest_match():
    assert analyze(r"\d{1,2}月\d{1,2}日").longest == 6
    assert analyze(r"(?:am|um) \d{1,2}:\d{2}").longest == 8
    assert analyze(r"\p{Han}{2,4}说").longest == 5  # a property class matches one character
    assert analyze(r"\d+条评论").longest is None
    assert analyze(r"(?i)share").longest is None  # inline flags: nothing is assumed
    # An escaped bracket made optional is no inline flag: the pattern keeps its prefilter.
    assert analyze(r"\d{1,2}:\d{2} \(?gmt\)?").first.decimal
    assert analyze(r"(?>a+)b").longest is None or analyze(r"(?>a+)b").longest >= 2


def test_a_trigger_in_a_line_longer_than_its_patterns_match_is_passed_over(tmp_path):
    """A ``line`` pattern of bounded length is not tried on a paragraph that holds its trigger,
    and still hits the short line it was written for."""
    from scrapelint.rules.packs import load_pack_rules

    path = tmp_path / "counts.toml"
    path.write_text("[[rule]]\ncode = \"B952\"\nname = \"comment-count\"\nmessage = \"m\"\nmatch = \"line\"\n"
                    "patterns = ['\\d{1,3}条评论']\n", encoding="utf-8")
    rules = load_pack_rules([path])
    matcher = rules[0].batch
    assert matcher.phrase_widest[matcher.phrases.index("条评论")] == 6
    text = "12条评论\n" + "这篇文章发出后，很快就有了12条评论，" * 20 + "\n35条评论\n"
    assert [f.start for f in check_document(Document(text), rules)] == [0, text.index("35条评论")]


def _pack_patterns():
    rules = [r for r in default_registry() if isinstance(r, PackRule)]
    return [(r.code, p, method) for r in rules for p, (_, method) in zip(r.entry.patterns, r.entry.compiled)]


def _example_lines() -> list[str]:
    """Folded, stripped lines of every rule example and every sample and bench page: the lines
    the patterns were written for, and many they must not match."""
    root = Path(__file__).resolve().parents[1]
    texts = []
    for rule in default_registry():
        texts.extend(rule.flags)
        texts.extend(rule.passes)
        texts.extend(before for before, _ in rule.fixes)
    for path in sorted([*root.glob("samples/*/*.txt"), *root.glob("samples/*/*.md"), *root.glob("bench/pages/*.txt")]):
        texts.append(path.read_bytes().decode("utf-8", "replace"))
    return sorted({fold(line.strip()) for t in texts if isinstance(t, str) for line in t.splitlines() if line.strip()})


LINES = _example_lines()
PATTERNS = _pack_patterns()


def test_the_examples_exercise_most_patterns():
    matched = sum(any(method(line) for line in LINES) for _, _, method in PATTERNS)
    assert matched >= 0.8 * len(PATTERNS), (matched, len(PATTERNS))


@pytest.mark.parametrize(("code", "pattern", "method"), PATTERNS, ids=[f"{c}-{n}" for n, (c, _, _) in enumerate(PATTERNS)])
def test_prefilter_never_hides_a_match(code, pattern, method):
    found = analyze(pattern)
    for line in LINES:
        m = method(line)
        if m is None or m.start() == m.end():
            continue
        if found.literals:
            assert any(lit in line for lit in found.literals), (pattern, line)
            if found.at_start:
                assert line[m.start():].startswith(found.literals), (pattern, line)
        if found.first is not None and method.__name__ in ("match", "fullmatch"):
            assert found.first.admits(line[0]), (pattern, line)
        if found.longest is not None:
            assert m.end() - m.start() <= found.longest, (pattern, line)
        if needs_digit(pattern):
            assert any(c.isdecimal() for c in m.group()), (pattern, line)


def test_rules_pickle_and_check_alike():
    rules = default_registry().select()
    text = (
        "首页 > 新闻 > 正文\n"
        "市气象台今天上午发布消息，预计未来三天本市将持续晴好天气，最高气温将升至三十度左右，提醒市民注意防晒补水。\n"
        "分享到：\n12 comments\nShare this article\n"
    )
    copy = pickle.loads(pickle.dumps(rules))
    assert [(f.code, f.start, f.end) for f in check_document(Document(text), copy)] == [
        (f.code, f.start, f.end) for f in check_document(Document(text), rules)
    ]
    # And after use, with the automaton and the gates built: a worker gets rules that work.
    text += "12\n2026-01-05T09:46:29+01:00\n1 2 3 4 5 Next »\n"
    used = [(f.code, f.start, f.end) for f in check_document(Document(text), rules)]
    assert [(f.code, f.start, f.end) for f in check_document(Document(text), pickle.loads(pickle.dumps(rules)))] == used
    assert fix_document(Document(text), copy).text == fix_document(Document(text), rules).text


def test_pack_rules_are_checked_in_one_call(monkeypatch):
    rules = default_registry().select()
    packs = [r for r in rules if isinstance(r, PackRule)]
    matcher = packs[0].batch
    assert all(r.batch is matcher for r in packs)
    calls = []
    original = type(matcher).check_batch
    monkeypatch.setattr(type(matcher), "check_batch", lambda self, doc, rs: calls.append(len(rs)) or original(self, doc, rs))
    check_document(Document("分享到：\n正文。\n"), rules)
    assert calls == [len(packs)]


def test_a_selected_pack_rule_alone_reports_only_itself():
    registry = default_registry()
    text = "分享到：\n12 comments\n市气象台今天上午发布消息，预计未来三天本市将持续晴好天气，最高气温将升至三十度左右。\n"
    everything = {f.code for f in check_document(Document(text), registry.select())}
    for code in everything:
        rule = registry.get(code)
        if isinstance(rule, PackRule):
            assert {f.code for f in check_document(Document(text), [rule])} == {code}


@pytest.mark.parametrize("pattern", [r"(a|a)*$", r"(?:x+)+y", r"(?:foo|bar|foo)*z"])
def test_obviously_catastrophic_patterns_are_refused_at_load(tmp_path, pattern):
    from scrapelint.registry import ConfigError
    from scrapelint.rules.packs import load_pack_rules

    path = tmp_path / "slow.toml"
    path.write_text(f"[[rule]]\ncode = \"B950\"\nname = \"slow\"\nmessage = \"m\"\npatterns = ['{pattern}']\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"slow\.toml: rule 1 \(B950\): pattern .* can take exponential time"):
        load_pack_rules([path])


def test_a_pattern_that_runs_too_long_stops_the_run_naming_its_rule(tmp_path, monkeypatch):
    from scrapelint.engine import RuleCrash
    from scrapelint.rules.packs import load_pack_rules, matcher

    # Nested quantifiers the load-time check does not see (the inner one is not the whole body).
    path = tmp_path / "slow.toml"
    path.write_text("[[rule]]\ncode = \"B951\"\nname = \"slow-one\"\nmessage = \"m\"\npatterns = ['(?:a|aa)+c']\n"
                    "match = \"anywhere\"\n", encoding="utf-8")
    rules = load_pack_rules([path])
    monkeypatch.setattr(matcher, "PATTERN_TIMEOUT", 0.2)
    with pytest.raises(RuleCrash, match=r"B951 \(slow-one, slow\.toml\) took over 0\.2 s"):
        check_document(Document("a" * 40 + "\n", source="page.txt"), rules)


def _adversarial_lines(rule: PackRule) -> list[str]:
    """Lines that start like the rule's own examples and go on with a short word and a separator
    repeated to the rule's length limit: where nested repetitions of a pattern find many ways to
    split the line and none to match it (``by [\\w ]+(?:, [\\w ]+)*`` on ``a and a and …``)."""
    heads = []
    for example in rule.flags:
        for line in example.splitlines():
            words = fold(line).split()
            if words and " ".join(words[:3]) not in heads:
                heads.append(" ".join(words[:3]))
    limit = rule.entry.max_length or 400
    return [(f"{head} " + (word + sep) * limit)[:limit].rstrip() + "!"
            for head in heads[:3] for word in ("a", "ab") for sep in (" and ", ", ", " ")]


def test_no_shipped_pattern_backtracks_for_seconds_on_a_line():
    # The matcher stops a pattern after PATTERN_TIMEOUT and fails the run: no shipped pattern
    # may come near it. Each line here takes microseconds for a well-formed pattern.
    slow = []
    for rule in (r for r in default_registry() if isinstance(r, PackRule)):
        lines = _adversarial_lines(rule)
        for pattern, (_, method) in zip(rule.entry.patterns, rule.entry.compiled):
            for line in lines:
                try:
                    method(line, timeout=0.5)
                except TimeoutError:
                    slow.append((rule.code, pattern, line[:60]))
                    break
    assert not slow, slow


def _anchored_groups():
    """``(line, group, gate, bound)`` for every example line: what the matcher tries on it by
    its first character (``PackMatcher._anchored_for``)."""
    matcher = next(r for r in default_registry() if isinstance(r, PackRule)).batch
    for line in LINES:
        if line:
            yield (line, *matcher._anchored_for(line[0], any(c.isdecimal() for c in line)))


def test_a_gate_passes_exactly_the_lines_one_of_its_patterns_matches():
    # The anchored patterns are tried through one pattern, their union, before those that can
    # begin a line with its first character: it must let through every line one of them matches
    # (and, as no other anchored pattern can begin with that character, no other).
    gated = 0
    for line, group, gate, _ in _anchored_groups():
        if gate is None:
            continue
        gated += 1
        any_match = any(m(line) is not None for _, methods in group for m in methods)
        assert (gate(line) is not None) == any_match, line
    assert gated > 100


@pytest.mark.parametrize(("pattern", "digit"), [
    (r"\d{1,2}:\d{2}", True), (r"(?:mon|tue)day,?\s+\d{1,2}", True), (r"第\s*\d+\s*页", True),
    (r"(?:[«‹<]\s*)?\d{1,3}(?:\s+(?:\d{1,3}|…)){2,}", True), (r"[0-9]{4}年", True), (r"2026|two", False),
    (r"\d*\s*comments", False), (r"(?:\d+|un|una)\s+minuti", False), (r"[^a-z]\d", True), (r"\D{3}", False),
    (r"\p{Nd}{2}", False), (r"(?i)\d{2}", False),
])
def test_a_pattern_needs_a_digit_only_when_every_match_holds_one(pattern, digit):
    """A line without a digit meets only the anchored patterns that can match without one (the
    dates, times and page numbers of twenty languages are not tried on it): the analysis says a
    pattern needs a digit only when it must, and when unsure (a ``regex``-only class, inline
    flags) says it does not."""
    assert needs_digit(pattern) is digit


def test_an_anchored_group_is_tried_only_on_lines_it_can_hit():
    """A line longer than every rule of a group allows (its ``max-length``, or the longest line
    its ``line`` pattern can match) is not tried: no pattern of the group hits on such a line."""
    bounded = 0
    for line, group, _, bound in _anchored_groups():
        if not group or len(line) <= bound:
            continue
        bounded += 1
        for entry, methods in group:
            assert entry.max_length is not None and len(line) > entry.max_length or all(
                m.match == "line" and m(line) is None for m in methods), (entry.code, line)
    assert bounded > 10


def test_every_shipped_pattern_has_a_prefilter_unless_it_judges_one_line():
    """A pattern with neither a trigger nor known first characters runs on every line of every
    page: one such pattern (an open class at its start) multiplied the packs' pattern tries by 2.5.
    Only a pattern zoned to a single line (the first or the last) may go without."""
    matcher = next(r.batch for r in default_registry().select() if isinstance(r, PackRule))
    unfiltered = {entry.code: entry.zone for entry, _ in matcher._unfiltered}
    assert all(zone in ("first-line", "last-line") for zone in unfiltered.values()), unfiltered


def test_every_shipped_pattern_anchored_at_a_line_start_has_a_longest_line():
    """The anchored patterns of a line's first character are tried only on lines no longer than
    the longest any of them can hit (a ``max-length``, or the pattern's own longest match): one
    pattern without either (a label followed by ``\\s*:``) made every paragraph that opens with
    its first character — "The …" — go through the gate and the tries of its group."""
    from scrapelint.rules.packs.matcher import _ANY_LENGTH, _line_bound

    matcher = next(r.batch for r in default_registry().select() if isinstance(r, PackRule))
    unbounded = [entry.code for entry, loose in matcher._anchored for _, _, longest in loose
                 if _line_bound(entry, longest) >= _ANY_LENGTH]
    assert not unbounded, unbounded
