"""Markup-debris rules (M): behaviour beyond the rules' own examples, and the seed acceptance tests."""
from __future__ import annotations

import re

import pytest
from conftest import seed_texts

from scrapelint.engine import check_document, fix_document
from scrapelint.model import Applicability, Document
from scrapelint.rules import escaped_html, markup
from scrapelint.rules.markup import PINYIN_SYLLABLES, pinyin_syllable

ALL_RULES = markup.RULES + escaped_html.RULES
BY_CODE = {r.code: r for r in ALL_RULES}
SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


def _seed(prefix: str) -> tuple[str, str]:
    return seed_texts(prefix)


def _find(code: str, text: str):
    return check_document(Document(text), [BY_CODE[code]])


def _fix(code: str, text: str, unsafe: bool = False) -> str:
    return fix_document(Document(text), [BY_CODE[code]], unsafe=unsafe).text


# -- seeds -------------------------------------------------------------------------------------------

_TONED_IN_PARENS = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# The lossy-encoding signature (。” and </p> lost to "?") that the encoding rules repair, not these.
_ENCODING_DAMAGE = "?!?/p>"


def test_seed_001_every_pinyin_annotation_is_fixed_as_in_the_gold():
    raw, gold = _seed("001")
    fixed = fix_document(Document(raw), ALL_RULES).text.splitlines()
    raw_lines, gold_lines = raw.splitlines(), gold.splitlines()
    assert len(fixed) == len(raw_lines)  # these rules remove no line of this page
    assert not any(_TONED_IN_PARENS.search(line) for line in fixed)
    # Line 1: the gold also drops a site-name prefix (a boilerplate rule's job).
    assert fixed[0].endswith(gold_lines[0])
    # Lines 2-5 (byline, repeated title, promotion) and 55 on (signature) are other rules' work;
    # the article, raw lines 6-54, must equal gold lines 2-50.
    for number in range(6, 55):
        got, want = fixed[number - 1], gold_lines[number - 5]
        if _ENCODING_DAMAGE in got:
            got = got.replace(_ENCODING_DAMAGE, "。”")
        assert got == want, f"raw line {number}"
    # Everything else on the lines stays: the only changes are removed annotations.
    removed = sum(len(m.group()) for m in _TONED_IN_PARENS.finditer(raw))
    assert len(raw) - len("\n".join(fixed)) - raw.endswith("\n") == removed


def test_seed_001_annotations_are_one_confident_safe_finding_each():
    raw, _ = _seed("001")
    findings = check_document(Document(raw), ALL_RULES)
    pinyin = [f for f in findings if f.code == "M007"]
    assert len(pinyin) == len(_TONED_IN_PARENS.findall(raw))
    assert all(f.fix.applicability is SAFE and f.confidence >= 0.9 for f in pinyin)
    assert {f.code for f in findings} == {"M007"}


def test_seed_003_empty_images_are_removed():
    raw, gold = _seed("003")
    fixed = fix_document(Document(raw), ALL_RULES).text
    assert "![]()" not in fixed
    expected = [line for line in raw.splitlines() if line.strip() != "![]()"]
    assert fixed.splitlines() == expected
    assert len(expected) == len(raw.splitlines()) - 3
    # All that remains between the fixed text and the gold is the disclaimers (a boilerplate rule).
    assert fixed.splitlines()[: len(gold.splitlines())] == gold.splitlines()


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_gold_texts_are_clean(prefix):
    _, gold = _seed(prefix)
    assert check_document(Document(gold), ALL_RULES) == []


# -- M001 stray-html-tag -----------------------------------------------------------------------------


def test_m001_block_tag_between_texts_becomes_a_line_break():
    assert _fix("M001", "One.</p>  <p>Two.\n") == "One.\nTwo.\n"
    assert _fix("M001", "段一。<br/>段二。<div>段三。</div>\n") == "段一。\n段二。\n段三。\n"


def test_m001_inline_tags_join_without_double_spaces():
    assert _fix("M001", "a </span> b\n") == "a b\n"
    assert _fix("M001", "word<span>glued</span>\n") == "wordglued\n"
    assert _fix("M001", "<td>x</td><td>y</td>\n") == "x y\n"


def test_m001_line_of_only_tags_is_removed():
    assert _fix("M001", "Top\n  <div class=\"wrap\">  </div>\nBottom\n") == "Top\nBottom\n"


def test_m001_only_real_html_names():
    for text in (
        "a < b > c\n", "Map<String, List<Integer>> m;\n", "Hit <Enter> or <Esc>.\n",
        "Mail <someone@example.org>.\n", "<https://example.org/page>\n", "x<y>z and a<b>c\n",
        "cmd <input> <output> [<source>]\n", "I <3 this -> <-- arrows\n", "<Object> <Foo> <T>\n",
    ):
        assert _find("M001", text) == [], text


def test_m001_placeholder_names_count_with_partner_or_attributes():
    assert _find("M001", "<title>Page</title>\n")
    assert _find("M001", '<input type="text">\n')
    assert _find("M001", "</option>\n")


def test_m001_doctype_and_uppercase():
    assert _fix("M001", "<!DOCTYPE html>\n<P>Hi</P>\n") == "Hi\n"


def test_m001_skips_code():
    assert _find("M001", "Use `<br/>` here.\n") == []


# -- M002 html-entity --------------------------------------------------------------------------------


def test_m002_decodes_and_spaces():
    assert _fix("M002", "A&nbsp;B&ensp;C&emsp;D&#160;E&#xA0;F\n") == "A B C D E F\n"
    assert _fix("M002", "&lt;&gt;&quot;&#39;&apos;&mdash;&hellip;&yen;\n") == "<>\"''—…¥\n"
    assert _fix("M002", "&#x4E2D;&#25991;&#128512;\n") == "中文😀\n"


def test_m002_control_references_are_removed():
    assert _fix("M002", "a&#0;b&#13;c&#1;d\n") == "abcd\n"


def test_m002_not_entities():
    for text in ("R&D, AT&T, Q&A, Tom & Jerry\n", "&copy without semicolon\n", "&madeup; &x;\n", "a&&b\n"):
        assert _find("M002", text) == [], text


def test_m002_adjacent_entities_are_one_finding():
    (f,) = _find("M002", "&nbsp;&nbsp;&nbsp;x\n")
    assert (f.start, f.end) == (0, 18) and "&nbsp;" in f.message


# -- M003 html-comment -------------------------------------------------------------------------------


def test_m003_names_placeholders_and_escaping():
    messages = [f.message for f in _find(
        "M003", "<!--IMG_0-->\\u003c!--MID_AD_1--\\u003e&lt;!--EOP_2--&gt;&amp;lt;!-- note --&amp;gt;\n"
    )]
    assert messages == [
        "placeholder comment <!--IMG_0-->",
        "placeholder comment <!--MID_AD_1--> (JSON-escaped)",
        "placeholder comment <!--EOP_2--> (entity-escaped)",
        "HTML comment <!--note--> (double-escaped)",
    ]


def test_m003_removes_multiline_comment_lines():
    assert _fix("M003", "A\n<!-- one\ntwo -->\nB\n") == "A\nB\n"
    assert _fix("M003", "A <!-- x --> B\n") == "A B\n"


# -- M004 css-dump -----------------------------------------------------------------------------------


def test_m004_whole_line_dump_is_safe():
    (f,) = _find("M004", ".a{color:#333;font-size:18px}.a p{margin:0}@media(max-width:600px){.a{font-size:16px}}\n")
    assert f.fix.applicability is SAFE and "4 rules" in f.message
    assert _fix("M004", "T\n.a{color:#333}.b{margin:0}\nU\n") == "T\nU\n"


def test_m004_dump_inside_a_sentence_is_unsafe():
    text = "We set .a{color:red} and .b{color:blue} in the theme.\n"
    (f,) = _find("M004", text)
    assert f.fix.applicability is UNSAFE
    assert _fix("M004", text) == text  # not applied without --unsafe-fixes


def test_m004_pretty_printed_css_is_unsafe():
    (f,) = _find("M004", "h1 {\n  font-size: 20px;\n}\nh2 {\n  font-size: 18px;\n}\n")
    assert f.fix.applicability is UNSAFE


def test_m004_not_css():
    for text in (
        "function f(){color: 1;} function g(){top: 2;}\n",
        '{"a":{"color":"red"},"b":{"margin":0}}\n',
        "Sets {x : x > 0} and {y : y < 1}.\n",
        "单条规则 .note{color:red} 不算。\n",
    ):
        assert _find("M004", text) == [], text


# -- M005 script-dump --------------------------------------------------------------------------------


def test_m005_tracker_run_is_safe_and_removed_whole():
    text = (
        "Article text.\n"
        "var _hmt = _hmt || [];\n"
        "(function() {\n"
        '  var hm = document.createElement("script");\n'
        '  hm.src = "https://hm.example.com/hm.js?abc";\n'
        "  var s = document.getElementsByTagName(\"script\")[0];\n"
        "  s.parentNode.insertBefore(hm, s);\n"
        "})();\n"
        "More article text.\n"
    )
    (f,) = _find("M005", text)
    assert f.fix.applicability is SAFE and "_hmt" in f.message and "7 lines" in f.message
    assert _fix("M005", text) == "Article text.\nMore article text.\n"


def test_m005_weak_evidence_is_unsafe():
    (f,) = _find("M005", "if (typeof x === 'undefined') { items.push(x); }\n")
    assert f.fix.applicability is UNSAFE and f.confidence < 0.9


def test_m005_prose_is_not_script():
    for text in (
        "The function returns a value; the caller then ignores it.\n",
        "Use var x = 5; to declare a variable in old JavaScript code.\n",
        "The typeof operator returns a string; see the reference for details.\n",
        "他说：函数 function 的写法是 function f() { return 1; }，很简单。\n",
        "Revenue rose 5%; costs (mainly wages) fell; profit = revenue - costs.\n",
    ):
        assert _find("M005", text) == [], text


# -- M006 empty-markdown-link ------------------------------------------------------------------------


def test_m006_variants_and_line_removal():
    assert _fix("M006", "A\n ![](  ) [ ]() \nB\n") == "A\nB\n"
    assert _fix("M006", "图片![]()说明\n") == "图片说明\n"
    assert _find("M006", "[x]() and [](y) and ![a]()\n") == []


# -- M007 leaked-pinyin-annotation -------------------------------------------------------------------


def test_m007_syllable_table_is_complete():
    assert len(PINYIN_SYLLABLES) >= 400
    for syllable in ("zhuang", "chuang", "shuang", "jiong", "qiong", "xiong", "nüe", "lüe", "er", "ng"):
        assert syllable in PINYIN_SYLLABLES
    for not_pinyin in ("bue", "gi", "ki", "jv", "qa", "xo", "zhia", "the", "and", "fe"):
        assert not_pinyin not in PINYIN_SYLLABLES, not_pinyin


def test_m007_tone_mark_must_sit_where_the_rules_put_it():
    assert pinyin_syllable("guī") == "gui"
    assert pinyin_syllable("liù") == "liu"
    assert pinyin_syllable("lǒu") == "lou"
    assert pinyin_syllable("lüè") == "lüe"
    assert pinyin_syllable("lu\u0308\u00e8") == "lüe"  # combining diaeresis, normalized
    assert pinyin_syllable("gúi") is None
    assert pinyin_syllable("loù") is None
    assert pinyin_syllable("fa") is None  # no tone mark
    assert pinyin_syllable("māmā") is None
    assert pinyin_syllable("résumé") is None


def test_m007_full_width_and_latin_glued_forms():
    text = "報（bào）告說，M(mǎ)odel的數（shù）據有問(wèn)題，已經(jīng)修正。\n"
    assert _fix("M007", text) == "報告說，Model的數據有問題，已經修正。\n"


def test_m007_confidence_grows_with_the_evidence():
    few = _find("M007", "這家公司(gōng)的產(chǎn)品在市(shì)場上很受歡迎，評價也不錯。\n")
    many = _find(
        "M007",
        "今年各地區(qū)陸續(xù)發(fā)布新規，網(wǎng)絡平臺的數(shù)據管理、內(nèi)容審核和產(chǎn)品質(zhì)量都受到關注，"
        "相關企業(yè)需要及時調(diào)整經(jīng)營策略。\n",
    )
    assert few and many
    assert max(f.confidence for f in few) < min(f.confidence for f in many)


def test_m007_content_parentheses_survive_in_a_leaky_document():
    text = "美國有線電視新聞網(CNN)報(bào)道，研究所(AMI)與記者(Maria Lopez)發(fā)布了數(shù)據。\n"
    assert _fix("M007", text) == "美國有線電視新聞網(CNN)報道，研究所(AMI)與記者(Maria Lopez)發布了數據。\n"


def test_m007_language_material_is_not_a_leak():
    for text in (
        "今天学习“现在(xiànzài)”“以后(yǐhòu)”“已经(yǐjīng)”三个词。\n",
        "四个声调：妈(mā)、麻(má)、马(mǎ)、骂(mà)。再练：汤(tāng)、糖(táng)、躺(tǎng)、烫(tàng)。\n",
        "你(nǐ)好(hǎo)，我(wǒ)是(shì)学(xué)生(shēng)，他(tā)是(shì)老(lǎo)师(shī)。\n",
        "單個的發(fā)布標注，還有網(wǎng)站，不足以判斷。\n",
    ):
        assert _find("M007", text) == [], text


def test_m007_only_the_annotation_is_removed():
    text = "  行首空格保留，發(fā)布(見附件)的內(nèi)容與數(shù)據一致。  \n"
    assert _fix("M007", text) == "  行首空格保留，發布(見附件)的內容與數據一致。  \n"


# -- all rules together ------------------------------------------------------------------------------


def test_all_rules_converge_on_mixed_debris():
    text = (
        "标题\n"
        "<p>第一段&nbsp;正文。</p><p>第二段<!--IMG_0-->正文。</p>\n"
        "![]()\n"
        ".x{color:#333}.x p{margin:0}\n"
        "var _hmt = _hmt || [];\n"
        "&lt;p&gt;第三段。&lt;/p&gt;&lt;p&gt;第四段。&lt;/p&gt;\n"
    )
    result = fix_document(Document(text), ALL_RULES)
    assert result.converged
    assert result.text == "标题\n第一段 正文。\n第二段正文。\n第三段。\n第四段。\n"
    assert check_document(Document(result.text), ALL_RULES) == []


def test_script_between_article_paragraphs_is_a_listing_unsafe_to_remove(registry):
    rule = [registry.get("M005")]
    prose = [
        "Start by creating a request object and cloning it before the body is read by the first consumer.",
        "The clone can then be read on its own, which the next example shows with a second request object.",
    ]
    listing = ["var copy = new Request(req);", "function show(data) { console.log(data); }"]
    inside = "\n".join([prose[0], *listing, prose[1]]) + "\n"
    (finding,) = check_document(Document(inside), rule)
    assert finding.fix.applicability is Applicability.UNSAFE
    outside = "\n".join([*prose, *listing]) + "\n"
    (finding,) = check_document(Document(outside), rule)
    assert finding.fix.applicability is Applicability.SAFE


def test_an_html_document_shown_as_text_keeps_its_tags_unless_unsafe():
    from scrapelint.api import check_text, fix_text
    text = ("Save this as index.html and open it in a browser:\n<!DOCTYPE html>\n<html>\n<head>\n"
            "<title>Test</title>\n</head>\n<body>\n<div id=\"app\"></div>\n<script src=\"app.js\"></script>\n"
            "</body>\n</html>\nThe page shows an empty box.</p>\n")
    found = [f for f in check_text(text, select=["M001"])]
    listed = [f for f in found if "shown as text" in f.message]
    assert len(listed) == len(found) - 1  # all but the stray </p> after the sample
    assert all(f.fix.applicability.value == "unsafe" for f in listed)
    assert fix_text(text, select=["M001"]) == text.replace("</p>", "")
    # Without the skeleton, lines of tags are leaked markup, removed as before.
    leaked = "<div id=\"app\"></div>\n<script src=\"app.js\"></script>\n<span class=\"x\"></span>\nText.\n"
    assert fix_text(leaked, select=["M001"]) == "Text.\n"
    # Unless a line of text introduces them with a colon: a snippet of a tutorial.
    snippet = ("Adding coverage to the test page is a matter of one line:\n<script src=\"vendor/cover.js\"\n"
               "  data-adapter=\"vendor/adapter.js\"></script>\nThe report then appears under the tests.\n")
    (found,) = check_text(snippet, select=["M001"])
    assert "shown as text" in found.message and found.fix.applicability.value == "unsafe"
    assert fix_text(snippet, select=["M001"]) == snippet
    assert fix_text(snippet.replace("line:", "line."), select=["M001"]) == (
        "Adding coverage to the test page is a matter of one line.\nThe report then appears under the tests.\n")


# --- M008 shortcode ----------------------------------------------------------------------------

M008 = [markup.Shortcode()]


@pytest.mark.parametrize("text", [
    "Press [/b] to end bold text.\n",  # an end marker with no start
    "Storm hits the coast [VIDEO] and [Photos]\n",
    "The [img] placeholder marks where a picture goes.\n",
])
def test_a_bracketed_word_without_its_partner_is_not_a_shortcode(text):
    assert check_document(Document(text), M008) == []


def test_a_bbcode_marker_counts_with_its_partner_in_any_case():
    text = "He said [B]no[/b] twice.\n"
    assert [f.message for f in check_document(Document(text), M008)] == ["shortcode [b]", "shortcode [/b]"]
    assert fix_document(Document(text), M008).text == "He said no twice.\n"


def test_an_address_element_goes_with_its_content_on_its_own_line_only():
    text = "Look [img]http://example.com/a.jpg[/img] here.\n"
    assert fix_document(Document(text), M008).text == "Look here.\n"
    # An end marker on another line: the markers go, the address stays.
    text = "Look [img]http://example.com/a.jpg\n[/img] here.\n"
    assert fix_document(Document(text), M008).text == "Look http://example.com/a.jpg\nhere.\n"


def test_page_builder_markers_go_without_partners():
    text = "[vc_row][vc_column]\nThe council met on Tuesday.\n[vc_empty_space height=\"32px\"]\n"
    assert fix_document(Document(text), M008).text == "The council met on Tuesday.\n"
