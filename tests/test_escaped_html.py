"""Escaped-HTML rules (H): blob detection, decoding, text extraction, and the seed acceptance test."""
from __future__ import annotations

import re

import pytest
from conftest import seed_texts

from scrapelint.engine import check_document, fix_document
from scrapelint.model import Applicability, Document
from scrapelint.rules import escaped_html, markup
from scrapelint import check_text, fix_text
from scrapelint.rules.escaped_html import decode_blob, html_to_lines, json_unescape

H_RULES = escaped_html.RULES
ALL_RULES = markup.RULES + escaped_html.RULES


def _seed(prefix: str) -> tuple[str, str]:
    return seed_texts(prefix)


def _fix(text: str, rules=H_RULES) -> str:
    return fix_document(Document(text), rules).text


def _codes(text: str, rules=H_RULES) -> list[str]:
    return [f.code for f in check_document(Document(text), rules)]


# -- the seed: a page whose body is one JSON-escaped HTML line ---------------------------------------


@pytest.mark.parametrize("rules", [H_RULES, ALL_RULES], ids=["escaped-html", "with-markup-rules"])
def test_seed_002_blob_becomes_the_gold_paragraphs(rules):
    raw, gold = _seed("002")
    blob_line = raw.splitlines()[4]
    fixed = _fix(blob_line + "\n", rules)
    assert fixed.splitlines() == gold.splitlines()[1:18]
    assert len(fixed.splitlines()) == 17
    assert "{" not in fixed and "rich_media_content" not in fixed  # no CSS
    assert "<!--" not in fixed and "IMG_" not in fixed and "MID_AD" not in fixed  # no placeholders
    assert "\\u003" not in fixed and "<" not in fixed


def test_seed_002_report_names_the_blob_and_its_debris():
    raw, _ = _seed("002")
    doc = Document(raw)
    findings = check_document(doc, ALL_RULES)
    blob = [f for f in findings if f.code == "H001"]
    assert len(blob) == 1
    assert blob[0].message.startswith("JSON-escaped HTML blob (17 blocks")
    assert "<style>" in blob[0].message and "comments" in blob[0].message
    assert doc.line_at(blob[0].start).number == 5
    # The debris inside is reported too (M003 comments, M004 CSS), but the blob's fix wins.
    assert {"M003", "M004"} <= {f.code for f in findings}
    assert all(doc.line_at(f.start).number == 5 for f in findings)


def test_seed_002_whole_page_keeps_lines_before_the_blob():
    raw, gold = _seed("002")
    fixed = _fix(raw, ALL_RULES).splitlines()
    assert fixed[:4] == raw.splitlines()[:4]  # title, byline, prompt, injected line: other rules' work
    assert fixed[4:] == gold.splitlines()[1:18]


# -- detection -------------------------------------------------------------------------------------


def test_json_escaped_blob_is_whole_line_fix():
    text = "标题\n\\u003cp\\u003e第一段。\\u003c/p\\u003e\\u003cp\\u003e第二段。\\u003c/p\\u003e\n结尾\n"
    (f,) = check_document(Document(text), H_RULES)
    assert f.code == "H001" and f.message == "JSON-escaped HTML blob (2 blocks)"
    assert f.fix.applicability is Applicability.SAFE
    assert _fix(text) == "标题\n第一段。\n第二段。\n结尾\n"


def test_json_raw_brackets_with_escaped_quotes_and_slashes():
    text = '<div class=\\"c\\"><p>One<\\/p><p>Two<\\/p><\\/div>\n'
    assert _codes(text) == ["H001"]
    assert _fix(text) == "One\nTwo\n"


def test_plain_html_is_not_an_escaped_blob():
    # Raw tags without JSON escapes are M001's business.
    assert _codes("<p>One</p><p>Two</p>\n") == []


def test_json_of_entities_and_double_escaping():
    assert _fix("\\u0026lt;p\\u0026gt;A\\u0026lt;/p\\u0026gt;\\u0026lt;p\\u0026gt;B\\u0026lt;/p\\u0026gt;\n") == "A\nB\n"
    assert _fix("&amp;lt;p&amp;gt;A&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;B&amp;lt;/p&amp;gt;\n") == "A\nB\n"
    (f,) = check_document(Document("&amp;lt;p&amp;gt;A&amp;lt;/p&amp;gt;\n"), H_RULES)
    assert f.code == "H002" and f.message.startswith("double-escaped")


def test_entity_prose_about_tags_is_left_alone():
    for text in (
        "To make text bold, use &lt;b&gt; before it.\n",
        "If a &lt; b and b &gt; c, then a &lt; c.\n",
        "The sets satisfy a&lt;b&gt;c here.\n",
        "Use `&lt;p&gt;` and `&lt;/p&gt;` around `&lt;div&gt;` paragraphs.\n",
    ):
        assert _codes(text) == [], text


def test_code_spans_are_skipped():
    assert _codes("Write `\\u003cp\\u003ehi\\u003c/p\\u003e` in the payload.\n") == []
    assert _codes("```\n\\u003cp\\u003ehi\\u003c/p\\u003e\n```\n") == []


def test_known_tag_name_or_two_tags_required():
    assert _codes("generic \\u003cT\\u003e type\n") == []
    assert _codes("\\u003cfoo\\u003ex\\u003c/foo\\u003e\n") == ["H001"]


def test_blob_in_part_of_a_line_replaces_only_the_span():
    assert _fix("Intro: \\u003cb\\u003ebold\\u003c/b\\u003e text\n") == "Intro: bold text\n"
    assert _fix("Before \\u003cp\\u003eone\\u003c/p\\u003e\\u003cp\\u003etwo\\u003c/p\\u003e after\n") == (
        "Before\none\ntwo\nafter\n"
    )


def test_unclosed_element_takes_the_rest_of_the_line():
    assert _fix("lead \\u003cp\\u003eopen \\u003cb\\u003ebold tail\n") == "lead\nopen bold tail\n"


def test_crlf_documents_keep_crlf():
    text = "T\r\n\\u003cp\\u003eA\\u003c/p\\u003e\\u003cp\\u003eB\\u003c/p\\u003e\r\nEnd\r\n"
    assert _fix(text) == "T\r\nA\r\nB\r\nEnd\r\n"


def test_blob_with_nothing_readable_removes_the_line():
    assert _fix("A\n\\u003cdiv\\u003e\\u003cimg src=\\\"x.jpg\\\"\\u003e\\u003c/div\\u003e\nB\n") == "A\nB\n"


def test_fix_is_idempotent_and_converges():
    text = "\\u003cp\\u003eA \\u0026amp; B\\u003c/p\\u003e\n"
    result = fix_document(Document(text), ALL_RULES)
    assert result.text == "A & B\n" and result.converged
    assert check_document(Document(result.text), ALL_RULES) == []


# -- decoding and extraction -----------------------------------------------------------------------


def test_json_unescape_uses_json_and_falls_back_to_a_regex():
    assert json_unescape("\\u003cp\\u003e \\\"q\\\" \\/ \\ud83d\\ude00") == '<p> "q" / \U0001F600'
    # Not a valid JSON string body (a raw quote, a dangling backslash): the regex still decodes.
    assert json_unescape('\\u003cb\\u003e"raw"\\') == '<b>"raw"\\'
    assert json_unescape("lone \\ud83d surrogate") == "lone \ufffd surrogate"


def test_decode_blob_peels_layers_until_markup_is_raw():
    assert decode_blob("&amp;lt;p&amp;gt;x &amp;amp;amp; y&amp;lt;/p&amp;gt;", False) == "<p>x &amp; y</p>"
    assert decode_blob("\\u0026lt;b\\u0026gt;", True) == "<b>"
    # A text entity inside raw markup is left for the HTML parser.
    assert decode_blob("\\u003cp\\u003eA \\u0026amp; B\\u003c/p\\u003e", True) == "<p>A &amp; B</p>"


def test_html_to_lines_blocks_inline_br_and_whitespace():
    lines, dropped = html_to_lines(
        "<div><h2>Title</h2><p>One <b>bold</b>\n  and   <i>more</i>.</p><p> </p><p></p>"
        "<ul><li>a</li><li>b<br>c</li></ul><blockquote>quote</blockquote>"
        "<table><tr><td>x</td><td>y</td></tr></table><figure><img src=a><figcaption>cap</figcaption></figure></div>"
    )
    assert lines == ["Title", "One bold and more.", "a", "b", "c", "quote", "x y", "cap"]


def test_html_to_lines_drops_style_script_noscript_template_and_comments():
    lines, dropped = html_to_lines(
        "<style>.a{color:red}</style><p>Keep<!--IMG_0--> me</p><script>var a=1;</script>"
        "<noscript>Enable JS</noscript><template><p>t</p></template><p>tail</p>"
    )
    assert lines == ["Keep me", "tail"]
    assert dropped["style"] == dropped["script"] == dropped["noscript"] == dropped["template"] == 1
    assert dropped["comment"] == 1


def test_html_to_lines_keeps_pre_lines():
    lines, _ = html_to_lines("<p>Code:</p><pre>line 1\n    indented\n</pre>")
    assert lines == ["Code:", "line 1", "    indented"]


def test_html_to_lines_survives_junk():
    assert html_to_lines("")[0] == []
    assert html_to_lines("\x00\x01")[0] == []
    assert html_to_lines("<p>unclosed <b>tags")[0] == ["unclosed tags"]


def test_nbsp_and_cjk_spaces_collapse_inside_a_block():
    lines, _ = html_to_lines("<p>\u3000\u3000段落&nbsp;&nbsp;开头。</p>")
    assert lines == ["段落 开头。"]


def test_clean_text_has_no_findings():
    text = "普通的中文新闻正文，没有标记。\nPlain English prose with a < b and \\n escapes in a path C:\\new.\n"
    assert _codes(text) == []


def test_no_css_ever_reaches_the_text():
    blob = "\\u003cstyle\\u003ep{color:red}\\u003c/style\\u003e\\u003cp\\u003eText\\u003c/p\\u003e"
    assert _fix(blob + "\n") == "Text\n"
    assert re.search(r"color", _fix(blob + "\n")) is None


@pytest.mark.parametrize("escape", ["json", "entity"])
def test_a_deeply_nested_blob_keeps_its_text(escape):
    import html as _html
    import json as _json

    inner = "记者从有关部门获悉，经济增长平稳。"
    markup = "<div>" * 300 + inner + "</div>" * 300
    blob = (_json.dumps(markup)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e") if escape == "json"
            else _html.escape(markup))
    text = "正文开始。\n" + blob + "\n正文结束。\n"
    assert fix_text(text) == "正文开始。\n" + inner + "\n正文结束。\n"


def test_a_fix_that_would_lose_text_is_not_safe(monkeypatch):
    monkeypatch.setattr(escaped_html, "html_to_lines", lambda markup: ([], escaped_html.Counter()))
    text = "Intro.\n\\u003cp\\u003eThe council approved the budget on Tuesday.\\u003c/p\\u003e\n"
    (finding,) = [f for f in check_text(text) if f.code == "H001"]
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "would lose" in finding.message
    assert "budget" in fix_text(text)
