"""Escaped-HTML rules (H): markup that reached the text still escaped — a JSON string body
(`\\u003cp\\u003e`, `\\"`, `\\/`) or HTML entities (`&lt;p&gt;`, `&amp;lt;p&amp;gt;`) — instead of
being rendered. The fix decodes the blob, parses it with lxml and puts its readable text in its
place, one block a line."""
from __future__ import annotations

import html
import re
from collections import Counter

from lxml import etree
from lxml.html import HTMLParser

from scrapelint.model import Applicability, Document, Edit, Line
from scrapelint.registry import Rule
from scrapelint.text import ENTITY, TAG_NAME, json_unescape
from scrapelint.rules.markup import BLOCK_TAGS, HTML_TAGS

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE

_NAME = TAG_NAME


def _tag_re(opener: str, closer: str) -> re.Pattern:
    """One escaped tag or comment, from its escaped ``<`` to its escaped ``>``."""
    return re.compile(
        rf"{opener}(?:!--.{{0,2000}}?--{closer}"
        rf"|(?P<slash>\\?/)?(?P<name>{_NAME})(?=[\s/\\]|{closer})(?:(?!{opener}).){{0,2000}}?{closer})"
    )


class _Dialect:
    """How one kind of escaping writes ``<`` and ``>``, and how to undo it."""

    def __init__(self, label: str, opener: str, closer: str, prescreen: tuple[str, ...], json: bool):
        self.label = label
        self.tag_re = _tag_re(opener, closer)
        self.prescreen = prescreen
        self.json = json


_JSON_U = _Dialect("JSON-escaped", r"\\u003[cC]", r"\\u003[eE]", ("\\u003c", "\\u003C"), True)
_JSON_AMP = _Dialect("JSON-escaped", r"\\u0026(?:amp;)*lt;", r"\\u0026(?:amp;)*gt;", ("\\u0026",), True)
# JSON string bodies keep "<" and ">" raw but escape quotes and slashes: <p class=\"x\">…<\/p>.
_JSON_RAW = _Dialect("JSON-escaped", r"<", r">", ("<\\/", '=\\"'), True)
_ENTITY = _Dialect(
    "entity-escaped",
    r"&(?:amp;)*(?:lt|#0*60|#[xX]0*3[cC]);",
    r"&(?:amp;)*(?:gt|#0*62|#[xX]0*3[eE]);",
    ("lt;", "&#"),
    False,
)
_PRESCREEN_LITERALS = ("\\", "lt;", "&#")  # every JSON form has a backslash
_PRESCREEN_RE = re.compile(r"\\u003[cC]|\\u0026(?:amp;)*lt;|<\\/|=\\\"|&(?:amp;)*(?:lt|#0*60|#[xX]0*3[cC]);")

_JSON_HINT_RE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|[\"/nrt\\])")
_ENTITY_HINT_RE = re.compile(ENTITY)
_RAW_TAG_RE = re.compile(rf"<(?:/?{_NAME}[\s/>]|!--)")
_ESCAPED_TAG_RE = re.compile(rf"&(?:amp;)*(?:lt|#0*60|#[xX]0*3[cC]);(?:/?{_NAME}|!--)")
_XML_INCOMPATIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WS_RE = re.compile(r"\s+")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_DROPPED = ("style", "script", "noscript", "template")
_CELLS = frozenset(("td", "th"))
_LINE_TAGS = (BLOCK_TAGS - _CELLS) | {"caption", "legend", "option", "title"}
# huge_tree: lxml otherwise stops at 255 levels of nesting and returns no text for a deeper blob.
_PARSER = HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
_MARKUP_PART_RE = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>", re.S)
#: A fix that would lose more than this share of the blob's letters is not safe.
_MAX_LOST = 0.1


def decode_blob(blob: str, json_escaped: bool) -> str:
    """Peel every escaping layer off ``blob`` until its markup is raw HTML."""
    s = blob
    if json_escaped:
        for _ in range(3):  # JSON inside JSON happens (a string field holding a JSON document)
            s = json_unescape(s)
            if not _JSON_HINT_RE.search(s) or _RAW_TAG_RE.search(s):
                break
    for _ in range(3):  # &lt;p&gt; and &amp;lt;p&amp;gt;: one layer of entities at a time
        if _RAW_TAG_RE.search(s) or not _ESCAPED_TAG_RE.search(s):
            break
        s = html.unescape(s)
    return s


def visible_letters(markup: str) -> int:
    """Letters and digits of an HTML fragment outside its tags, comments and the elements that are
    never shown (``style``, ``script``, ``noscript``, ``template``), entities decoded: what its
    text must hold. One linear pass, independent of the parser it checks."""
    count, pos, hidden = 0, 0, 0
    for m in _MARKUP_PART_RE.finditer(markup):
        if not hidden:
            count += _letters(html.unescape(markup[pos:m.start()]))
        pos = m.end()
        name = (m.group(2) or "").lower()
        if name in _DROPPED:
            hidden = max(0, hidden - 1) if m.group(1) else hidden + 1
    if not hidden:
        count += _letters(html.unescape(markup[pos:]))
    return count


def _letters(s: str) -> int:
    return sum(1 for ch in s if ch.isalnum())


def html_to_lines(markup: str) -> tuple[list[str], Counter]:
    """The readable text of an HTML fragment, one block a line, and what was dropped.

    Block elements (`p`, `h1`-`h6`, `li`, `blockquote`, `div`, `tr`, `pre`, `figcaption`…) start
    and end lines, `<br>` breaks a line, inline elements join their block, whitespace runs inside
    a block collapse to one space, empty blocks vanish. `style`, `script`, `noscript` and
    `template` elements and comments are dropped, never turned into text.
    """
    dropped: Counter = Counter()
    dropped["comment"] = markup.count("<!--")
    markup = _XML_INCOMPATIBLE_RE.sub("", markup)
    if not markup.strip():
        return [], dropped
    root = etree.fromstring(f"<html><body>{markup}</body></html>", _PARSER)
    if root is None:
        return [], dropped
    for el in root.iter(*_DROPPED):
        dropped[el.tag] += 1
    etree.strip_elements(root, *_DROPPED, with_tail=False)

    lines: list[str] = []
    buf: list[str] = []
    pre = 0

    def flush() -> None:
        if not buf:
            return
        joined = "".join(buf)
        buf.clear()
        if pre:
            lines.extend(ln.rstrip() for ln in joined.split("\n") if ln.strip())
        else:
            line = _WS_RE.sub(" ", joined).strip()
            if line:
                lines.append(line)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _LINE_TAGS:
                flush()
                if tag == "pre":
                    pre += 1
            elif tag in _CELLS and buf:
                buf.append(" ")
            if el.text:
                buf.append(el.text)
        else:
            if tag in _LINE_TAGS:
                flush()
                if tag == "pre":
                    pre -= 1
            if el.tail and el is not root:
                buf.append(el.tail)
    flush()
    return lines, dropped


class _EscapedHtml(Rule):
    """Shared detection of escaped blobs; subclasses say which escaping dialects they own."""

    dialects: tuple[_Dialect, ...] = ()
    category = "escaped-html"
    fix_applicability = SAFE
    skips_code = True

    prescreen = _PRESCREEN_LITERALS  # then the exact signature, _PRESCREEN_RE

    def check(self, doc: Document):
        text = doc.text
        if not _PRESCREEN_RE.search(text):
            return
        seen: set[int] = set()
        for m in _PRESCREEN_RE.finditer(text):
            line = doc.line_at(m.start())
            if line.number in seen:
                continue
            seen.add(line.number)
            finding = self._check_line(doc, line)
            if finding is not None:
                yield finding

    def _blob(self, line: Line) -> tuple[_Dialect, list[re.Match]] | None:
        """The first escaping dialect with tags on the line, and its tags (any rule's dialect)."""
        for dialect in (_JSON_U, _JSON_AMP, _JSON_RAW, _ENTITY):
            if not any(p in line.text for p in dialect.prescreen):
                continue
            tags = list(dialect.tag_re.finditer(line.text))
            if dialect is _JSON_RAW and not any("\\" in t.group() for t in tags):
                continue
            if any(t.group("name") for t in tags):
                return dialect, tags
        return None

    def _check_line(self, doc: Document, line: Line):
        found = self._blob(line)
        if found is None or found[0] not in self.dialects:
            return None
        dialect, tags = found
        elements = [t for t in tags if t.group("name")]
        names = {t.group("name").lower() for t in elements}
        known = names & HTML_TAGS
        start, end = tags[0].start(), tags[-1].end()
        rest = line.text[end:]
        lead = line.text[:start]
        # Text after the last tag belongs to the blob when the blob began the line, or when it is
        # still escaped the same way (a tail of the same JSON string or entity soup).
        # So does text inside an element the blob left open ("\u003cp\u003eno closing tag").
        hint = _JSON_HINT_RE if dialect.json else _ENTITY_HINT_RE
        if rest.strip() and (not lead.strip() or hint.search(rest) or _left_open(elements)):
            end = len(line.text.rstrip())
        whole = not lead.strip() and not line.text[end:].strip()
        if not known and (dialect is _ENTITY or len(elements) < 2):
            return None  # real markup: a known element name, or (JSON-escaped) two tags
        if dialect is _ENTITY:
            # "&lt;b&gt; makes text bold" is prose about HTML; require markup-shaped evidence.
            attrs = any(t.group().count("=") for t in elements)
            if not (len(tags) >= 3 or (len(tags) >= 2 and whole) or attrs):
                return None
        blob = line.text[start:end]
        try:
            decoded = decode_blob(blob, dialect.json)
            out, dropped = html_to_lines(decoded)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return None
        # Never a safe fix that loses text it cannot account for (a parser limit, broken markup).
        expected, kept = visible_letters(decoded), sum(_letters(ln) for ln in out)
        lost = expected - kept if kept < (1 - _MAX_LOST) * expected else 0
        eol = line.eol or "\n"
        s, e = line.start + start, line.start + end
        if whole:
            edit = self.drop_line(line) if not out else Edit(line.start, line.end, eol.join(out))
        else:
            # A block in the middle of a line gets lines of its own; spaces beside the breaks go.
            body = eol.join(out)
            before, after = line.text[:start], line.text[end:]
            if body and before.strip() and elements and _opens_block(elements[0]):
                body = eol + body
                s -= len(before) - len(before.rstrip())
            if body and after.strip() and elements and _opens_block(elements[-1]):
                body = body + eol
                e += len(after) - len(after.lstrip())
            if not body and before.strip() and after.strip():
                # Nothing readable inside: a break between the texts if the blob had blocks.
                s -= len(before) - len(before.rstrip())
                e += len(after) - len(after.lstrip())
                spaced = s < line.start + start or e > line.start + end
                body = eol if any(_opens_block(t) for t in elements) else " " if spaced else ""
            edit = Edit(s, e, body)
        label = dialect.label
        if dialect is _ENTITY and "&amp;" in blob[:40]:
            label = "double-escaped"
        elif dialect is _JSON_AMP:
            label = "JSON-escaped, entity-escaped"
        blocks = f"{len(out)} block{'s' * (len(out) != 1)}"
        extra = [f"{n} <{k}>" for k, n in sorted(dropped.items()) if k != "comment" and n]
        if dropped["comment"]:
            extra.append(f"{dropped['comment']} comment{'s' * (dropped['comment'] > 1)}")
        detail = f"; drops {', '.join(extra)}" if extra else ""
        if lost:
            detail += f"; its text would lose {lost} of {expected} letters"
        return self.finding(
            s, e, f"{label} HTML blob ({blocks}{detail})",
            confidence=1.0 if dialect.json else 0.9,
            fix=self.make_fix("Replace the blob with its text", [edit], UNSAFE if lost else None),
        )


def _opens_block(tag: re.Match) -> bool:
    return tag.group("name").lower() in BLOCK_TAGS


_SELF_CLOSING_RE = re.compile(r"\\?/\s*(?:\\u003[eE]|&(?:amp;)*gt;|&#0*62;|&#[xX]0*3[eE];|>)$")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _left_open(elements: list[re.Match]) -> bool:
    """Whether the tags open more (non-void) elements than they close."""
    depth = 0
    for t in elements:
        if t.group("slash"):
            depth -= 1
        elif t.group("name").lower() not in _VOID and not _SELF_CLOSING_RE.search(t.group()):
            depth += 1
    return depth > 0


class JsonEscapedHtml(_EscapedHtml):
    """HTML inside a JSON string body, pasted as text.

    ## What it does
    Finds runs of HTML escaped as a JSON string body: `\\u003cp\\u003e…\\u003c/p\\u003e`,
    `<p class=\\"x\\">…<\\/p>`, and JSON-escaped entities (`\\u0026lt;p\\u0026gt;`). The blob
    runs from the first escaped tag to the end of the last, plus the rest of the line when the
    blob began it, left an element open, or the rest is still JSON-escaped. A known HTML element
    name, or two tags, is required (`\u003cT\u003e` alone is a generic, not markup).

    ## Why is this bad?
    A scraper that took a page's data island (`"content":"\\u003cp\\u003e…"`) as text delivers the
    whole article as one line of escapes, tags, inline styles, `<style>` sheets and placeholder
    comments: unreadable for people, tokenizers and deduplication alike.

    ## Fix (safe)
    The blob is JSON-unescaped (and entity-unescaped if needed), parsed as HTML, and replaced by
    its readable text: one block element a line, inline elements joined into their block, `<br>`
    as a line break, whitespace collapsed, empty blocks dropped, and `style`, `script`,
    `noscript`, `template` elements and comments dropped. The text itself is kept word for word.
    """

    code = "H001"
    name = "json-escaped-html"
    dialects = (_JSON_U, _JSON_AMP, _JSON_RAW)
    flags = (
        "\\u003cp\\u003eThe mayor opened the bridge.\\u003c/p\\u003e\\u003cp\\u003eTraffic resumed.\\u003c/p\\u003e\n",
        '<div class=\\"body\\"><p>记者从市政府获悉<\\/p><\\/div>\n',
        "\\u0026lt;p\\u0026gt;双重转义\\u0026lt;/p\\u0026gt;\n",
    )
    passes = (
        "The JSON escape for < is \\u003c, for > it is \\u003e.\n",
        "Write `\\u003cp\\u003e` in the payload.\n",
        'He said \\"hello\\" and left.\n',
    )
    fixes = (
        (
            "Title\n\\u003cdiv\\u003e\\u003cp\\u003eFirst \\u003cb\\u003ebold\\u003c/b\\u003e line.\\u003c/p\\u003e"
            "\\u003c!--IMG_0--\\u003e\\u003cp\\u003e \\u003c/p\\u003e\\u003cp\\u003eSecond\\u003cbr\\/\\u003eline"
            "\\u003c/p\\u003e\\u003cstyle\\u003e.x{color:red}\\u003c/style\\u003e\\u003c/div\\u003e\nEnd\n",
            "Title\nFirst bold line.\nSecond\nline\nEnd\n",
        ),
        (
            "\\u003cp style=\\\"margin:0\\\"\\u003e北京  \\u003cspan\\u003e晴\\u003c/span\\u003e，\\n气温回升。\\u003c/p\\u003e\n",
            "北京 晴， 气温回升。\n",
        ),
        ("Intro: \\u003cb\\u003ebold\\u003c/b\\u003e text\n", "Intro: bold text\n"),
        ("\\u003cscript\\u003evar a=1;\\u003c/script\\u003e\\u003c!--AD--\\u003e\nNext\n", "Next\n"),
    )


class EntityEscapedHtml(_EscapedHtml):
    """HTML whose markup arrived as entities.

    ## What it does
    Finds runs of markup escaped with HTML entities (`&lt;p&gt;…&lt;/p&gt;`, `&#60;br&#62;`),
    twice-escaped markup (`&amp;lt;p&amp;gt;`) included. Prose about HTML is not markup: the run
    needs a real element name and three tags, or two tags making up the whole line, or attributes
    (`&lt;a href=&quot;…&quot;&gt;`); `a &lt; b`, `use &lt;b&gt; for bold` and code spans are left
    alone.

    ## Why is this bad?
    The page's reader saw rendered text; the scraped text shows its source. Tags, attributes and
    entities drown the words, and entity-decoding later (`&lt;p&gt;` → `<p>`) only turns one kind
    of debris into another.

    ## Fix (safe)
    The blob is unescaped one entity layer at a time until its markup is raw, parsed as HTML and
    replaced by its readable text (one block a line, as for H001). It wins over M002
    (html-entity) fixes inside it, being earlier and wider.
    """

    code = "H002"
    name = "entity-escaped-html"
    dialects = (_ENTITY,)
    flags = (
        "&lt;p&gt;Rain is expected on Friday.&lt;/p&gt;\n",
        "&amp;lt;p&amp;gt;周五有雨。&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;周六转晴。&amp;lt;/p&amp;gt;\n",
        "Summary: &lt;a href=&quot;/x&quot;&gt;read more&lt;/a&gt;\n",
    )
    passes = (
        "If a &lt; b and b &gt; c, then a &lt; c.\n",
        "To make text bold, use &lt;b&gt; before it.\n",
        "The sets satisfy a&lt;b&gt;c here.\n",
        "Escape it: `&lt;p&gt;text&lt;/p&gt;` is shown literally.\n",
        "中文新闻正文，没有任何标记。\n",
    )
    fixes = (
        (
            "&lt;p&gt;Rain on Friday.&lt;/p&gt;&lt;p&gt;Sun on &lt;em&gt;Saturday&lt;/em&gt;.&lt;/p&gt;\n",
            "Rain on Friday.\nSun on Saturday.\n",
        ),
        (
            "&amp;lt;h2&amp;gt;天气&amp;lt;/h2&amp;gt;&amp;lt;p&amp;gt;晴 &amp;amp;amp; 多云&amp;lt;/p&amp;gt;\n",
            "天气\n晴 & 多云\n",
        ),
    )


RULES = [JsonEscapedHtml(), EntityEscapedHtml()]
