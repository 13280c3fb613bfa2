"""Properties over generated text: check and fix never raise, every offset lies in the text, fix is
idempotent and leaves no safe fix pending, and clean prose comes out unchanged.

The generators mix what scraped text is made of: CJK and Latin prose, HTML fragments, entities,
JSON escapes, mojibake, pinyin in parentheses, and every kind of line ending. The number of
examples is set by the profile: ``ci`` (the default, 4,500 a property) or ``long``
(``SCRAPELINT_HYPOTHESIS=long``: 50,000 a property, for a longer hunt).
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapelint import FixesDidNotSettle, check_text, fix_text

#: 4,500 examples a property, 13,500 in all: about a minute on the CI machine.
settings.register_profile("ci", max_examples=4500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=50_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("SCRAPELINT_HYPOTHESIS", "ci"))

PIECES = [
    "今天", "市政府", "发布", "消息", "，", "。", "“", "”", "臺灣", "鐵路", "東京", "の", "서울", "날씨",
    "The council", " approved ", "the budget", ".", ", ", "Grüße", "café", " ", "  ", "\t",
    "<p>", "</p>", "<br>", "<div class=\"x\">", "</div>", "<!--IMG_0-->", "&amp;", "&lt;", "&gt;", "&nbsp;",
    "&#39;", "\\u003cp\\u003e", "\\u003c/p\\u003e", "\\\"", "ä¸­æ–‡", "Ã©", "â€™", "锟斤拷", "\ufffd",
    "發(fā)布", "![]()", "{color:red}", "var x = 1;", "\u200b", "\u00ad", "\x07", "\u2028",
    "\n", "\n", "\r\n", "\r", "\n\n\n\n", "相关推荐", "2024-05-12 08:31", "Share this", "Reply",
    "lled for more of it.", ". and then", "Subscribe\n", "Sign in\n", "the <img> tag", "<!DOCTYPE html>\n",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
#: Clean prose: sentences of ordinary words and CJK text, one paragraph a line.
PROSE = st.lists(
    st.sampled_from([
        "The council approved the new budget on Tuesday after a long debate about buses.",
        "Residents said the changes would help families in the northern districts.",
        "市政府今天发布消息，全市将新增十二条公交线路，方便市民出行。",
        "记者从有关部门获悉，今年粮食总产量再创新高，达到六亿九千万吨。",
        "臺灣的鐵路系統歷史悠久，車站建築頗具特色。",
    ]),
    min_size=1, max_size=5, unique=True,  # a paragraph twice in a row is noise (D001)
).map(lambda ps: "\n".join(ps) + "\n")


@given(TEXT)
def test_check_never_raises_and_offsets_lie_in_the_text(text):
    for f in check_text(text):
        assert 0 <= f.start <= f.end <= len(text)
        if f.fix is not None:
            for e in f.fix.edits:
                assert 0 <= e.start <= e.end <= len(text)


@given(TEXT)
def test_fix_is_idempotent_and_leaves_no_safe_fix(text):
    try:
        fixed = fix_text(text)
    except FixesDidNotSettle:
        return  # said, not hidden (tested on its own)
    assert fix_text(fixed) == fixed
    pending = [f for f in check_text(fixed) if f.fix is not None and str(f.fix.applicability) == "safe"
               and f.fix.edits]
    assert not pending, [(f.code, f.message) for f in pending]


@given(PROSE)
def test_clean_prose_is_unchanged(text):
    assert fix_text(text) == text
    assert check_text(text) == []


@given(st.lists(st.sampled_from(PIECES + ["\u3000", " \n", "\t\r\n", "\u3000\r", "\u200d", "\x00", "\x9f"]),
                max_size=30).map("".join))
def test_whitespace_prescreens_pass_every_text_their_patterns_match(text):
    """A prescreen that said no where its rule's pattern matches would hide a finding."""
    from scrapelint.rules import whitespace as w

    rules = {r.code: r for r in w.RULES}
    assert not w._TRAILING.search(text) or rules["W002"].may_apply(text)
    assert bool(w._INVISIBLE_RE.search(text)) == rules["W003"].may_apply(text)
    assert bool(w._CONTROL_RE.search(text)) == rules["W004"].may_apply(text)


@given(st.lists(st.sampled_from(PIECES + ["News", "Home", "Sport", "sOpinion", "aÉ", "ß", "Ø", "\n", " "]),
                max_size=30).map("".join))
def test_the_glued_menu_screen_agrees_with_its_pattern(text):
    from scrapelint.rules import structure as s

    assert bool(s._THREE_GLUES.search(text)) == s._has_three_glues(text)


@given(st.lists(st.sampled_from(PIECES + ["鍟", "鏂", "閺", "瀹", "鐨", "鍛", "浜", "於"]), max_size=30).map("".join))
def test_the_cjk_mojibake_screen_agrees_with_its_pattern(text):
    from scrapelint.rules import encoding as e

    assert bool(e._lead_pair_re().search(text)) == e._has_lead_pair(text)
