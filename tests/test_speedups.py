"""Compiled speed-ups give exactly what their Python fallbacks give.

``scrapelint._text`` counts CJK characters and words in one pass over a string;
``scrapelint.rules._lines`` runs the page model's prose and label tests;
``scrapelint.rules._cohesion`` (Cython, built at install time when a C++ compiler is at hand)
counts the off-topic rule's features from 64-bit hashes instead of Python strings; the rule falls
back to ``_py_feature_counts`` without it. The two are compared on the rules' own examples, the
samples, the benchmark corpus and generated text that stresses the character classes (Unicode
letters, digits of other scripts, the underscore, case folding that changes a string's length).
"""
from __future__ import annotations

import pickle
import shutil
import sysconfig

import pytest
from conftest import SAMPLES, load_bench
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapelint.rules import offtopic

from scrapelint import text as text_knowledge

try:
    from scrapelint.rules import _cohesion as compiled
except ImportError:
    compiled = None
try:
    from scrapelint import _text as compiled_text
except ImportError:
    compiled_text = None
try:
    from scrapelint.rules import _lines as compiled_lines
except ImportError:
    compiled_lines = None

needs_compiled = pytest.mark.skipif(None in (compiled, compiled_text, compiled_lines), reason="built without a compiler")


def _new_counter():
    """The rule's counter, built again from the rule's tables."""
    return compiled.FeatureCounter(offtopic.CJK_RANGES, offtopic._CJK_STOP_CHARS + offtopic._CJK_NUMERALS,
                                   offtopic._CJK_STOP_BIGRAMS, offtopic._EN_STOP, offtopic.rare_weights(),
                                   offtopic.UNLISTED_RARITY, offtopic.UNLISTED_BIGRAM_RARITY, offtopic.CHANCE_FACTOR,
                                   offtopic.fold_table())


def _py_counts(lines, cjk):
    return offtopic._py_feature_counts(lines, cjk, offtopic.rare_weights())


@pytest.fixture(scope="module")
def counter():
    return _new_counter()


def _page(text: str) -> tuple[list[str], list[bool]]:
    lines = [s.strip() for s in text.splitlines() if s.strip()]
    return lines, [offtopic._cjk_share(s) >= offtopic.CJK_SHARE for s in lines]


def _same(counter, lines, cjk):
    for flags in (cjk, [not c for c in cjk]):  # both readings of every line
        assert counter.counts(lines, flags) == _py_counts(lines, flags)


@needs_compiled
def test_the_rule_uses_the_compiled_counter():
    assert offtopic._counter().__self__.__class__ is compiled.FeatureCounter


@needs_compiled
def test_examples_samples_and_bench_pages(counter, registry):
    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [p.read_text("utf-8", errors="replace") for p in sorted(SAMPLES.rglob("*")) if p.is_file()]
    texts += [d.text for d in load_bench("corpus").generate(0.3, seed=4)]
    assert len(texts) > 500
    for text in texts:
        _same(counter, *_page(text))


@needs_compiled
def test_one_page_of_all_the_lines(counter, registry):
    """Features shared across many lines, counted once per line."""
    lines, cjk = _page("\n".join(getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)))
    _same(counter, lines, cjk)


@needs_compiled
def test_feature_hash_is_by_content():
    assert compiled.feature_hash("经济") == compiled.feature_hash("".join(["经", "济"]))
    assert compiled.feature_hash("经济") != compiled.feature_hash("济经")
    assert compiled.feature_hash("farm") != compiled.feature_hash("farms")


_CHARS = st.sampled_from(
    list("经济发展的了是在一二十記者表示ab AZsS_9٣²ⅫİıßẞΣσςДд.,，。!?'\"-")
    + ["\u0307", "ǅ", "ﬁ", "\U00020000", "ｓ", "ÉCOLE", "farmers", "Barriers", "ﾀﾞ", "\t"]
)


@needs_compiled
@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(_CHARS, max_size=40).map("".join), min_size=1, max_size=8),
       st.lists(st.booleans(), min_size=8, max_size=8))
def test_generated_text(lines, flags):
    counter = _new_counter()
    cjk = flags[: len(lines)]
    assert counter.counts(lines, cjk) == _py_counts(lines, cjk)


@needs_compiled
def test_bad_arguments(counter):
    with pytest.raises(ValueError):
        counter.counts(["a b"], [])
    with pytest.raises(ValueError):
        compiled.FeatureCounter(((0x20000, 0x2A6DF),), "", (), ())
    with pytest.raises(TypeError):
        pickle.dumps(counter)


def test_built_where_a_compiler_is():
    """Installation builds the extension wherever the interpreter's C++ compiler exists: its
    absence there means the build failed and was skipped (the extension is optional)."""
    if None not in (compiled, compiled_text, compiled_lines):
        return
    cxx = (sysconfig.get_config_var("CXX") or "c++").split()[0]
    assert shutil.which(cxx) is None, f"{cxx} exists but the compiled speed-ups were not built"


@needs_compiled
def test_text_counts_are_the_compiled_ones():
    assert text_knowledge._count_cjk.__self__.__class__ is compiled_text.CharCounter
    assert text_knowledge._count_words is compiled_text.word_count


def _same_text_counts(s: str) -> None:
    assert text_knowledge.cjk_count(s) == text_knowledge._py_cjk_count(s), s
    assert text_knowledge.word_count(s) == text_knowledge._py_word_count(s), s
    assert text_knowledge.cjk_chars(s) == text_knowledge._py_cjk_chars(s), s


@needs_compiled
def test_text_counts_on_every_line(registry):
    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [p.read_text("utf-8", errors="replace") for p in sorted(SAMPLES.rglob("*")) if p.is_file()]
    for text in texts:
        _same_text_counts(text)
        for line in text.splitlines():
            _same_text_counts(line)


@needs_compiled
@settings(max_examples=600, deadline=None)
@given(st.lists(_CHARS, max_size=60).map("".join))
def test_text_counts_generated(s):
    _same_text_counts(s)


@needs_compiled
def test_text_counter_refuses_ranges_outside_the_bmp():
    with pytest.raises(ValueError):
        compiled_text.CharCounter(((0x20000, 0x2A6DF),))


def test_char_screens_tell_what_their_patterns_tell(registry):
    """The rules' character screens pass exactly the texts with a character of their ranges
    (and a match of their pattern), compiled or not, and after a round trip through pickle."""
    import re

    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [p.read_text("utf-8", errors="replace") for p in sorted(SAMPLES.rglob("*")) if p.is_file()]
    texts += ["", "plain", "\u0080", "\u00c3\u00a9", "\u00c3 x", "Ã", "\ue000", "\uf8ff", "\ud7ff", "\U0010ffff"]
    screens = [r.prescreen for r in registry.select() if isinstance(r.prescreen, text_knowledge.CharScreen)]
    assert len(screens) >= 2
    for screen in screens:
        slow = re.compile(f"[{text_knowledge.char_class(screen.ranges)}]")
        fallback = text_knowledge.CharScreen.__new__(text_knowledge.CharScreen)
        fallback.ranges, fallback.then, fallback._any = screen.ranges, screen.then, slow.search
        again = pickle.loads(pickle.dumps(screen))
        for text in texts:
            expected = bool(slow.search(text)) and (screen.then is None or bool(screen.then.search(text)))
            assert screen(text) == fallback(text) == again(text) == expected, (screen.ranges, text[:40])


def test_the_latin_run_hint_finds_the_documents_of_the_run_pattern(registry):
    from scrapelint.rules import encoding

    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [d.text for d in load_bench("corpus").generate(0.3, seed=5)]
    for text in texts:
        assert bool(encoding._LATIN_RUN_HINT_RE.search(text)) == bool(encoding._LATIN_RUN_RE.search(text))


_FALLBACK_RUN = r"""
import json, sys
sys.modules["scrapelint._text"] = None  # as on a machine without a compiler: imports fail
sys.modules["scrapelint.rules._cohesion"] = None
sys.modules["scrapelint.rules._lines"] = None
from scrapelint import check_text, fix_text, text
from scrapelint.rules import offtopic
from scrapelint.rules import page
assert text.CharCounter is None and offtopic._counter().func is offtopic._py_feature_counts
assert page._prose_core is page._py_prose_core
out = []
for t in json.load(sys.stdin):
    found = [(f.code, f.start, f.end, f.message, f.confidence) for f in check_text(t)]
    out.append([found, fix_text(t)])
json.dump(out, sys.stdout)
"""


def test_without_the_compiled_modules_findings_and_fixes_are_the_same(registry):
    """The pure-Python twins, in a process where the compiled modules cannot be imported, find
    and fix exactly what the compiled ones do (on the samples and a slice of the bench corpus)."""
    import json
    import subprocess
    import sys

    from scrapelint import check_text, fix_text

    texts = []
    for p in sorted(SAMPLES.rglob("*.txt")):
        try:
            texts.append(p.read_text("utf-8"))
        except UnicodeDecodeError:
            continue  # the samples in legacy encodings
    texts += [d.text for d in load_bench("corpus").generate(0.25, seed=6)]
    proc = subprocess.run([sys.executable, "-c", _FALLBACK_RUN], input=json.dumps(texts), capture_output=True,
                          text=True, check=True)
    fallback = json.loads(proc.stdout)
    here = [[[list(x) for x in ((f.code, f.start, f.end, f.message, f.confidence) for f in check_text(t))],
             fix_text(t)] for t in texts]
    assert len(texts) > 30 and any(found for found, _ in here)
    assert fallback == here


@needs_compiled
@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_CHARS, st.characters()), max_size=60).map("".join))
def test_fold_maps_as_translate(s):
    from scrapelint.fold import fold, fold_table

    assert fold(s) == (s.lower() if s.isascii() else s.translate(fold_table()))


@needs_compiled
def test_fold_on_every_text(registry):
    from scrapelint.fold import fold, fold_table

    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [d.text for d in load_bench("corpus").generate(0.2, seed=8)]
    table = fold_table()
    for text in texts:
        assert fold(text) == (text.lower() if text.isascii() else text.translate(table))


def _page_lines(texts):
    from scrapelint.fold import fold

    for text in texts:
        for line in text.splitlines():
            s = fold(line).strip()
            if s:
                yield s
                yield s[: len(s) // 2].strip() or s  # shorter pieces: labels, headings


_LINE_CHARS = st.sampled_from(
    list("经济发展的了是在，、。！？：:;.!?…\"')(][{}=<>$_/\\@#%٣²Ⅻ AZaz09\t")
    + ["\u2190", "\u2bff", "\ufe0f", "\u200d", "\U0001f600", "\U0001fb00", "\u3000", "\u00a0", "”", "」", "声明:", "notice:"]
)


@needs_compiled
def test_line_tests_on_every_line(registry):
    """The page model's compiled prose and label tests answer as the Python ones on every line
    of the examples, the samples and the bench corpus."""
    from scrapelint.rules import page

    assert page._prose_core.__self__.__class__.__name__ == "LineTests"
    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [p.read_text("utf-8", errors="replace") for p in sorted(SAMPLES.rglob("*")) if p.is_file()]
    texts += [d.text for d in load_bench("corpus").generate(0.3, seed=9)]
    n = 0
    for s in _page_lines(texts):
        n += 1
        assert page._prose_core(s) == page._py_prose_core(s), s
        assert page._label(s) == page._py_label(s), s
    assert n > 5000


@needs_compiled
@pytest.mark.parametrize("s", [
    "the vote was held on 12 march and passed easily.[1][2]", "the vote was 7 to 2.[citation needed]",
    "会议于三月十二日举行,并以多数票通过.[注 1]", "menu [a][b]", "[1]", "x.[]", "home [+]", "a.[" + "x" * 30 + "]",
    "one two three four five six seven eight.[" + "x" * 24 + "]", "one two three four five six seven eight.[" + "x" * 25 + "]",
    "one two three four five six seven eight.[1]]", "one two three four five six seven eight.[[1]",
])
def test_line_tests_citation_marks(s):
    from scrapelint.rules import page

    assert page._prose_core(s) == page._py_prose_core(s)


@needs_compiled
@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINE_CHARS, min_size=1, max_size=50).map("".join))
def test_line_tests_generated(s):
    from scrapelint.rules import page

    assert page._prose_core(s) == page._py_prose_core(s)
    assert page._label(s) == page._py_label(s)


@needs_compiled
def test_the_pack_matchers_hit_filter_is_the_python_one(registry):
    """The compiled first filter of the pack automaton's hits keeps the hits the Python one keeps,
    with the same lines, on the examples, the samples and the bench corpus (and the matcher uses
    it)."""
    from array import array

    from scrapelint.model import Document
    from scrapelint.rules.packs import matcher as pack_matcher
    from scrapelint.rules.page import FoldedPage

    assert pack_matcher._short_line_hits is compiled_lines.short_line_hits
    batch = next(r.batch for r in registry.select() if r.batch is not None)
    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [p.read_text("utf-8", errors="replace") for p in sorted(SAMPLES.rglob("*")) if p.is_file()]
    texts += [d.text for d in load_bench("corpus").generate(0.3, seed=12)]
    kept = passed_over = 0
    for t in texts:
        page = FoldedPage.of(Document(t))
        hits = batch.automaton.find_matches_as_indexes(page.folded, overlapping=True)
        for widest in (batch.phrase_widest, array("q", [0] * len(batch.phrases)), array("q", [1 << 62] * len(batch.phrases))):
            fast = compiled_lines.short_line_hits(hits, page.starts, page.spans, widest)
            assert fast == pack_matcher._py_short_line_hits(hits, page.starts, page.spans, widest)
        kept += len(compiled_lines.short_line_hits(hits, page.starts, page.spans, batch.phrase_widest))
        passed_over += len(hits)
    assert 0 < kept < passed_over


def test_pair_screens_tell_what_their_patterns_tell(registry):
    """E001's pair screen (the other codecs' mojibake) passes exactly the texts in which the
    alternation it stands for finds a pair, compiled or not, and after pickling."""
    import re

    from scrapelint.rules import encoding

    screen = text_knowledge.PairScreen(encoding._OTHER_CODECS_PAIRS)
    slow = encoding._OTHER_CODECS_HINT_RE
    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [d.text for d in load_bench("corpus").generate(0.3, seed=10)]
    texts += ["", "Р", "Рµ", "x\U0001f600µ", "Ă©", "√©", "╨┐", "Привет мир", "“quoted” — dash"]
    fallback = text_knowledge.PairScreen.__new__(text_knowledge.PairScreen)
    fallback.pairs = screen.pairs
    fallback._any = re.compile("|".join(f"[{re.escape(a)}][{re.escape(b)}]" for a, b in screen.pairs)).search
    again = pickle.loads(pickle.dumps(screen))
    for text in texts:
        expected = slow.search(text) is not None
        assert screen(text) == fallback(text) == again(text) == expected, text[:40]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(list("РСрсµ©Ă˝Ĺ™√®ªé╨╤┐ùabc “”—\U0001f600")), max_size=30).map("".join))
def test_pair_screen_generated(s):
    from scrapelint.rules import encoding

    screen = text_knowledge.PairScreen(encoding._OTHER_CODECS_PAIRS)
    assert screen(s) == (encoding._OTHER_CODECS_HINT_RE.search(s) is not None)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(list("ÖÐÎÄ¾ÝÂ»ªÉç±¨µÀaZ@~ü’“—€ 中\U0001f600")), max_size=30).map("".join))
def test_pair_runs_screen_generated(s):
    """E009's screen (two pairs in a row) against the pattern it stands for, compiled, as its
    Python fallback and after pickling."""
    import re

    from scrapelint.rules import encoding

    screen = encoding._LATIN_RUN_SCREEN
    fallback = text_knowledge.PairScreen.__new__(text_knowledge.PairScreen)
    fallback.pairs, fallback.repeat = screen.pairs, screen.repeat
    fallback._any = re.compile(f"(?:{text_knowledge.pair_pattern(screen.pairs)}){{2}}").search
    again = pickle.loads(pickle.dumps(screen))
    expected = encoding._LATIN_RUN_HINT_RE.search(s) is not None
    assert screen(s) == fallback(s) == again(s) == expected


def _check_scan(text):
    from scrapelint.fold import fold
    from scrapelint.model import Document
    from scrapelint.rules import page

    doc, folded = Document(text), fold(text)
    args = (text, folded, doc.lines, page.MAX_HEADING, page._STATEMENT_RE.match)
    got, want = page._scan(*args), page._py_scan(*args)
    assert got[:6] == want[:6]
    assert list(got[6]) == [int(a != b and page.is_label(folded[a:b])) for a, b in want[1]]


@needs_compiled
def test_the_compiled_pass_over_the_lines_is_the_python_one(registry):
    """The page model's pass over a document's lines (spans, prose, short lines, labels) gives
    what its Python twin gives, on the examples, the samples and the bench corpus."""
    texts = [getattr(t, "text", t) for rule in registry.select() for t in (*rule.flags, *rule.passes)]
    texts += [p.read_text("utf-8", errors="replace") for p in sorted(SAMPLES.rglob("*")) if p.is_file()]
    texts += [d.text for d in load_bench("corpus").generate(0.3, seed=10)]
    texts += ["", "\n", " \u3000\n\t声明: 本文仅供参考。\r\n  Notice: the text.  \rlast"]
    for text in texts:
        _check_scan(text)


@needs_compiled
@settings(max_examples=800, deadline=None)
@given(st.lists(st.one_of(_LINE_CHARS, st.sampled_from(["\n", "\r\n", "\r", " ", "\u2028"])), max_size=80).map("".join))
def test_the_compiled_pass_over_generated_lines(text):
    _check_scan(text)
