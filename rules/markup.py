"""Markup-debris rules (M): what an HTML-to-text conversion left behind — raw tags, undecoded
entities, comments, CSS and JavaScript dumps, empty Markdown images, leaked ruby (pinyin)
annotations, WordPress shortcodes and forum BBCode, e-mail protection placeholders."""
from __future__ import annotations

import bisect
import html
import html.entities
import re
import unicodedata

from scrapelint.model import Applicability, Document, Edit
from scrapelint.registry import Rule
from scrapelint.text import ENTITY, HAN, HAN_SUPPLEMENT, TAG_NAME

from .page import FoldedPage

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE

#: Every HTML element name a scraper may leave behind (current and obsolete), lower case.
HTML_TAGS = frozenset(
    """a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote
    body br button canvas caption center cite code col colgroup data datalist dd del details dfn
    dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2
    h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map
    mark marquee menu meta meter nav nobr noscript object ol optgroup option output p param picture
    pre progress q rp rt ruby s samp script search section select small source span strike strong
    style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track
    tt u ul var video wbr""".split()
)
#: The shapes of inline SVG (an icon's `<path d="…"/>`), read by M001 beside the HTML elements.
SVG_TAGS = frozenset("circle defs ellipse g line path polygon polyline rect stop symbol use".split())
_MARKUP_TAGS = HTML_TAGS | SVG_TAGS

#: Elements that start a new line when rendered: removing one between two texts must not glue them.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body br center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre
    section summary table tbody tfoot thead tr ul""".split()
)

# Names that double as placeholders in prose ("usage: tool <input> <output>", "<title>"): only
# flagged with attributes, as closing tags, or when their partner is on the same line.
_PLACEHOLDER_NAMES = frozenset(
    "base code data embed font input label link map menu meta object option output param search select "
    "source style time title track var s line path stop symbol use g".split()
)

#: Elements whose opening tag stands alone in real markup: their end tag may be left out (``p``,
#: ``li``, table cells) or they have none (``br``, ``hr``).
_OPTIONAL_END = frozenset("br hr wbr p li dt dd td th tr thead tbody tfoot option colgroup caption".split())


def _stands_as_word(text: str, m: re.Match, line_start: int, lettered: bool) -> bool:
    """Whether a bare tag stands in a line like a word of it: a space or the line's edge on each
    side, and letters elsewhere on the line (``lettered``: not a tag alone on its line, nor tags
    glued to text)."""
    start, end = m.start(), m.end()
    before = text[start - 1] if start > line_start else "\n"
    after = text[end] if end < len(text) else "\n"
    return lettered and before in " \t\n" and after in " \t\r\n"


def _line_facts(text: str, line_start: int, after: int) -> tuple[frozenset[str], bool]:
    """What a line holds that decides its bare tags: the names of its closing tags, and whether it
    has letters outside its tags. One scan of the line, whatever number of tags it holds."""
    line_end = text.find("\n", after)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return frozenset(_CLOSER_RE.findall(line)), any(c.isalpha() for c in _TAG_RE.sub("", line))


_CJK_CHARS = HAN + HAN_SUPPLEMENT
_CJK_RE = re.compile(f"[{_CJK_CHARS}]")


def _glue(text: str, start: int, end: int) -> str:
    """What replaces a removed span: a space when it separated two words, else nothing."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return " " if before.isascii() and after.isascii() and before.isalnum() and after.isalnum() else ""


def _remove_span(text: str, start: int, end: int, glue: bool = False) -> Edit:
    """An edit removing ``[start, end)`` from within a line without leaving two spaces behind.

    With ``glue``, a space replaces a span that separated two words; without, the span goes as it
    would when rendered (``a<!--x-->b`` reads ``ab``).
    """
    if start > 0 and text[start - 1] in " \t":
        while end < len(text) and text[end] in " \t":
            end += 1  # "a <x> b" -> "a b"
        if end >= len(text) or text[end] in "\r\n":
            while start > 0 and text[start - 1] in " \t":
                start -= 1  # nothing follows: no trailing space either
        return Edit(start, end, "")
    return Edit(start, end, _glue(text, start, end) if glue else "")


# ---------------------------------------------------------------------------------------------
# M001 stray-html-tag

# An unquoted value may hold "=" after its first character, as browsers accept and old blog and
# forum software writes: <a href=http://example.com/p?id=1 target=_blank>.
# A quoted value may hold ">" (`title="a > b"`), never "<" or a line break.
_ATTR = r"""[A-Za-z_:@][-\w:.@]*(?:\s*=\s*(?:"[^"<\n]*"|'[^'<\n]*'|[^\s"'=<>`][^\s"'<>`]*))?"""
#: Elements in the namespaces of Microsoft Office's HTML export (`<o:p></o:p>`, `<st1:chsdate
#: Year="2024" …>`, `<v:shape>`, `<w:WordDocument>`: text pasted from Word into a site's editor)
#: and of the social widgets' markup (`<fb:like>`, `<g:plusone>`).
NAMESPACES = ("o", "w", "v", "st1", "st2", "fb", "g")
_NAMESPACED = rf"(?:{'|'.join(NAMESPACES)}):[A-Za-z][-A-Za-z0-9]{{0,30}}"
#: A custom element's name holds a hyphen (`<amp-img>`, `<lazy-img>`, `<ytd-video>`).
_CUSTOM = r"[a-z][a-z0-9]*(?:-[a-z0-9]+){1,4}"
# A closing tag may have a space after its slash (`</ p>`), a self-closing one before its `>`
# (`<br/ >`), as hand-edited HTML writes them. The markers of an XML CDATA section, as feeds wrap
# an item's HTML in (`<![CDATA[<p>…]]>`).
_TAG_RE = re.compile(
    rf"<(/?)(?:(?<=/) )?({TAG_NAME}|{_NAMESPACED}|{_CUSTOM})((?:\s+{_ATTR})*)\s*(/?) ?>|<!(DOCTYPE|doctype)\b[^<>\n]{{0,200}}>|(<!\[CDATA\[|\]\]>)"
)
_CLOSER_RE = re.compile(r"</([A-Za-z][A-Za-z0-9]*(?::[A-Za-z][-A-Za-z0-9]*|(?:-[a-z0-9]+)+)?)>")
_CDATA_MARKERS = ("<![CDATA[", "]]>")
#: After a tag, the word that makes it a tag written about: "the <img> tag", "<ul> elements".
_MENTION = re.compile(r"\s?(?:tags?|elements?|标签|元素)\b", re.IGNORECASE)
#: The tags of an HTML document's skeleton; a block of lines of markup that holds one is an HTML
#: document in the text (``_listings``).
_SKELETON = re.compile(r"<(?:!doctype\b|html\b|head>|body\b)", re.IGNORECASE)
#: A line that ends with a colon and a line that starts with a tag after it (``_listings``).
_INTRODUCED = re.compile(r"[:：][ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*<")
_BOOLEAN_ATTRS = frozenset(
    "async autoplay checked controls defer disabled hidden loop multiple muted nowrap readonly required "
    "selected allowfullscreen novalidate open".split()
)


class StrayHtmlTag(Rule):
    """Raw HTML tags left in the text.

    ## What it does
    Finds opening, closing and self-closing tags of real HTML elements (`</p>`, `<br/>`,
    `<span style="color:red">`), and the markers of the CDATA sections that feeds wrap an item's
    HTML in (`<![CDATA[`, `]]>` after one). Besides HTML's elements it reads the shapes of inline
    SVG (`<path d="…"/>`), the elements Microsoft Office writes in its own namespaces into the
    HTML it exports and social widgets in theirs (`<o:p></o:p>`, `<st1:chsdate Year="2024">`,
    `<fb:like>`: text pasted from Word into a site's editor, a share button's markup), and custom
    elements (`<amp-img src="…">`, a name with a hyphen) with attributes or their end tag on the
    line. Only names from these lists count, HTML's written in lower or upper case: `a < b`, generics such as `List<T>` or `Map<String>`, key names like
    `<Enter>` and e-mail addresses in angle brackets are not tags. A one-letter tag between two
    single characters (`a<b>c`) is read as mathematics unless its partner is on the line, and names
    that often serve as placeholders (`<input>`, `<title>`) need attributes, a `/` or their partner.
    Tags written about are not markup either: one followed by the word "tag" or "element" (`the
    <img> tag`, `<div> 标签`), or a bare tag without its partner that stands between words like a
    word (`a single <figure> and one <ul> of links`; not `<p>`, `<li>`, `<br>` and the other elements
    whose opening tag stands alone in real markup).

    ## Why is this bad?
    Tags are markup, not prose: they add tokens, split words for tokenizers, and show that the text
    was extracted carelessly. A removed block tag often was the only thing separating paragraphs.

    ## Fix (safe)
    The tags are removed; a `<script>` or `<style>` element on one line goes whole, its code
    with it. A run of tags that holds a block-level element (`p`, `div`, `br`, `li`,
    `h1`…`h6`, `tr`…) between text on both sides becomes a line break, so paragraphs are not
    glued together; a line holding nothing but tags is removed. Tags in markup shown as text —
    three or more lines of markup in a row, one of them `<!DOCTYPE>`, `<html>`, `<head>` or
    `<body>`, or lines of markup right after a line that ends with a colon ("add this line to
    your test page:") — are reported with an unsafe fix: tutorials and test pages show markup as
    code samples, where the tags are the article's text.
    """

    code = "M001"
    scope = "text"
    name = "stray-html-tag"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        "The council approved the budget.</p>\n",
        "第一段到此结束。<br/>第二段从这里开始。\n",
        '<span style="color:#333">据报道，</span>会议今天召开。\n',
        "<DIV>Old markup</DIV>\n",
    )
    passes = (
        "If a < b and b > c then a < c.\n",
        "Use List<T> or Map<String, Object> here.\n",
        "Press <Enter> to continue, or write to <press@example.org>.\n",
        "The sets satisfy a<b>c in this ordering.\n",
        "usage: convert <input> <output>\n",
        "Wrap it in `<div>` and `</div>` tags.\n",
        "中文句子里的书名号《标题》不是标签。\n",
        "Put the caption in the <figcaption> element, not in the <img> tag.\n",
        "Each test page holds a single <figure> and one <ul> of links.\n",
        "Nested lists close with ]]> in this notation.\n",
        "The ratio <a:b> of the two sides is fixed.\n",
        "If a < b > c then the order holds.\n",
        "Use the <date-picker> component in your forms.\n",
    )
    fixes = (
        ("First paragraph.</p><p>Second paragraph.\n", "First paragraph.\nSecond paragraph.\n"),
        ("See <a href=http://example.com/p?id=1 target=_blank>the report</a> here.\n", "See the report here.\n"),
        ("<p>\n新闻正文。<b>重点</b>在这里。\n</p>\n", "新闻正文。重点在这里。\n"),
        ("a <span class=\"x\">red</span> car\n", "a red car\n"),
        ("Line one<br>Line two\r\nEnd\r\n", "Line one\r\nLine two\r\nEnd\r\n"),
        ("The council met.<br/ >It approved the budget.</ p>\n", "The council met.\nIt approved the budget.\n"),
        ("<![CDATA[<p>The council met on Tuesday.</p>]]>\n", "The council met on Tuesday.\n"),
        ('Council news.<img src="x.jpg"\n  alt="A photo" />\nMore.\n', "Council news.\nMore.\n"),
        ('Read <a title="a > b"\nhref="/report">the report</a> today.\n', "Read the report today.\n"),
        ("全市已完成管网改造<st1:chmetcnv UnitName=\"公里\" SourceValue=\"120\">120公里</st1:chmetcnv>。<o:p></o:p>\n",
         "全市已完成管网改造120公里。\n"),
        ("<p>Hello<style>p{margin:0}</style> world.</p>\n", "Hello world.\n"),
        ('The museum reopened.\n<amp-img src="a.jpg" width="800"></amp-img>\n<fb:like href="/x"></fb:like>\n',
         "The museum reopened.\n"),
    )

    prescreen = ("<",)

    def check(self, doc: Document):
        text = doc.text
        facts: dict[int, tuple[frozenset[str], bool]] = {}  # per line: ``_line_facts`` (one scan a line)
        starts = doc.index.line_starts
        cdata_at = text.find("<![CDATA[")  # where the first CDATA section opens (-1: none)
        tags = [m for m in _TAG_RE.finditer(text) if self._is_tag(text, m, facts, starts, cdata_at)]
        if not tags:
            return
        # Runs of tags separated only by spaces or tabs are reported and fixed together; a script
        # or style element on one line goes whole, its code with its tags (``_raw_element_ends``).
        ends = _raw_element_ends(text, tags)
        runs: list[list[re.Match]] = [[tags[0]]]
        inside = ends.get(0, -1)  # the index of the tag that closes the element open here
        for k, m in enumerate(tags[1:], 1):
            gap = text[runs[-1][-1].end() : m.start()]
            if k <= inside or not gap.strip(" \t"):
                runs[-1].append(m)
            else:
                runs.append([m])
            inside = max(inside, ends.get(k, -1))
        listings = _listings(doc) if _SKELETON.search(text) or _INTRODUCED.search(text) else []
        k = 0  # runs and listings both in order: the one listing that may hold a run is the next
        for run in runs:
            start, end = run[0].start(), run[-1].end()
            while k < len(listings) and listings[k][1] < end:
                k += 1
            yield self._finding(doc, run, k < len(listings) and listings[k][0] <= start)

    @staticmethod
    def _is_tag(text: str, m: re.Match, facts: dict[int, tuple[frozenset[str], bool]], starts: list[int],
                cdata_at: int) -> bool:
        closing, name, attrs, _selfclose, doctype, cdata = m.groups()
        if doctype:
            return True
        if cdata:  # an end marker only after a start
            return cdata[0] == "<" or 0 <= cdata_at < m.start()
        if ":" in name:
            return True  # an Office or widget element (``NAMESPACES``): never a word of prose
        custom = "-" in name
        if not custom and (not (name.islower() or name.isupper()) or name.lower() not in _MARKUP_TAGS):
            return False
        lname = name.lower()
        if attrs:
            # Attributes must look like markup, not like words: one name=value, or known booleans.
            if "=" not in attrs and not all(a.lower() in _BOOLEAN_ATTRS for a in attrs.split()):
                return False
            return True
        if _MENTION.match(text, m.end()):
            return False  # "the <img> tag", "<div> 标签": a tag written about, not markup
        if closing or m.group(4):
            return True
        # The line's start by bisection: a backward search would cross the whole line per tag.
        line_start = starts[bisect.bisect_right(starts, m.start()) - 1]
        found = facts.get(line_start)
        if found is None:
            found = facts[line_start] = _line_facts(text, line_start, m.end())
        closers, lettered = found
        partner = name in closers
        if custom:
            return partner  # a bare <my-widget>: markup only with its end tag on the line
        if len(name) == 1 and not partner:
            before = text[m.start() - 1] if m.start() > 0 else " "
            if before.isalnum():
                return False  # a<b>c, Foo<B>: mathematics or generics
        if lname in _PLACEHOLDER_NAMES and not partner:
            return False
        if not partner and lname not in _OPTIONAL_END and _stands_as_word(text, m, line_start, lettered):
            return False  # "Single <figure>", "<ul> List of <img>": an element named in prose
        return True

    def _finding(self, doc: Document, run: list[re.Match], listing: bool):
        text = doc.text
        start, end = run[0].start(), run[-1].end()
        names = [m.group(6) or ("/" if m.group(1) else "") + (m.group(2) or "!doctype").lower() for m in run]
        block = any(n.lstrip("/") in BLOCK_TAGS for n in names)
        cell = any(n.lstrip("/") in ("td", "th") for n in names)
        line = doc.line_at(start)
        # A tag's attributes may go on over the next lines: the run ends on ``end_line``.
        end_line = line if end <= line.end else doc.line_at(end)
        # Positions, not slices: a line of thousands of tags must not be copied for each of them.
        first, _ = _text_bounds(doc, line)
        _, last = _text_bounds(doc, end_line)
        has_before, has_after = first < start, last > end
        pad_before = start - _skip_back(text, start, line.start)
        pad_after = _skip_forward(text, end, end_line.end) - end
        if not has_before and not has_after:
            edit = Edit(line.start, end_line.full_end, "")  # the lines hold nothing else
        elif has_before and has_after and (block or end_line is not line):
            # A block breaks the line; an inline tag over several lines was a space.
            edit = Edit(start - pad_before, end + pad_after, (line.eol or "\n") if block else " ")
        elif not has_after:
            edit = Edit(start - pad_before, end_line.end, "")
        elif not has_before:
            edit = Edit(line.start, end + pad_after, "")
        else:
            # Inline tags vanish as they do when rendered ("word<b>bold" reads "wordbold"); a space
            # between the tags, or between table cells, stays one space.
            inner_space = any((gap := text[a.end() : b.start()]) and gap.isspace() for a, b in zip(run, run[1:]))
            if text[start - 1] in " \t" and text[end] in " \t":
                edit = Edit(start, end + pad_after, "")
            else:
                edit = Edit(start, end, " " if inner_space or cell else "")
        shown = " ".join(n if n in _CDATA_MARKERS else f"<{n}>" for n in names[:6]) + (" …" if len(names) > 6 else "")
        what = "stray HTML tag" if len(run) == 1 else f"{len(run)} stray HTML tags"
        if listing:
            return self.finding(start, end, f"{what} {shown} in an HTML document shown as text (a code sample, "
                                f"or a page's source)", confidence=0.5,
                                fix=self.make_fix("Remove the tags", [edit], Applicability.UNSAFE))
        return self.finding(start, end, f"{what} {shown}", fix=self.make_fix("Remove the tags", [edit]))


#: Elements whose content is code, never text (HTML's raw text elements).
_RAW_ELEMENTS = frozenset(("script", "style"))


def _raw_element_ends(text: str, tags: list[re.Match]) -> dict[int, int]:
    """For each opening ``<script>`` or ``<style>`` tag of ``tags`` whose closing tag follows on
    the same line: its index → the closing tag's. The code between them goes with the tags (a
    feed item's inline style or tracker, `<style>p{margin:0}</style>`); an element over several
    lines is left to the dump rules (M004, M005), which judge its code. One pass over the tags:
    inside an open element, other tags are its code."""
    out: dict[int, int] = {}
    open_at, open_name, line_end = -1, "", -1
    for k, m in enumerate(tags):
        name = (m.group(2) or "").lower()
        if open_at >= 0 and m.start() > line_end:
            open_at = -1  # the element's line ended before its end tag
        if open_at < 0:
            if name in _RAW_ELEMENTS and not m.group(1) and not m.group(4):
                open_at, open_name = k, name
                line_end = text.find("\n", m.end())
                line_end = len(text) if line_end < 0 else line_end
        elif m.group(1) and name == open_name:
            out[open_at] = k
            open_at = -1
    return out


def _listings(doc: Document) -> list[tuple[int, int]]:
    """The spans of the HTML shown as text: lines of markup in a row (each starting with a tag,
    or ending one after the rest of a tag's attributes; blank lines between them allowed), three
    or more of which one holds a tag of the skeleton (``<!DOCTYPE>``, ``<html>``, ``<head>``,
    ``<body>``), or any number right after a line of text that ends with a colon ("add this line
    to your test page:"). Tutorials and test pages show markup as code samples; the tags there
    are the article's text."""
    out: list[tuple[int, int]] = []
    run: list = []
    intro = False  # the line before the run ends with a colon
    for line in doc.lines:
        t = line.text.strip()
        if not t and run:
            continue
        if t and (t[0] == "<" or (t[-1] == ">" and " " not in t[:t.find("<")])):
            run.append(line)
            continue
        _close_listing(run, out, intro)
        run = []
        if t:
            intro = t[-1] in ":："
    _close_listing(run, out, intro)
    return out


def _close_listing(run: list, out: list[tuple[int, int]], intro: bool) -> None:
    if run and (intro or len(run) >= 3 and any(_SKELETON.search(line.text) for line in run)):
        out.append((run[0].start, run[-1].end))


def _text_bounds(doc: Document, line) -> tuple[int, int]:
    """Offsets of the first and just past the last non-whitespace character of ``line``, cached
    per document line."""
    cache = doc.meta.setdefault("_markup_bounds", {})
    found = cache.get(line.start)
    if found is None:
        t = line.text
        found = cache[line.start] = (line.start + len(t) - len(t.lstrip()), line.start + len(t.rstrip()))
    return found


def _skip_back(text: str, pos: int, floor: int) -> int:
    """``pos`` moved back over spaces and tabs, not below ``floor``."""
    while pos > floor and text[pos - 1] in " \t":
        pos -= 1
    return pos


def _skip_forward(text: str, pos: int, ceiling: int) -> int:
    while pos < ceiling and text[pos] in " \t":
        pos += 1
    return pos


# ---------------------------------------------------------------------------------------------
# M002 html-entity

#: A reference, or ``&nbsp`` without its semicolon, as old editors write it and browsers read it
#: (not before a Latin letter, ``=`` or ``;``: a word, or a URL's query that begins so).
_BARE_NBSP = r"&(nbsp)(?![A-Za-z=;])"
_ENTITY_RE = re.compile(rf"(?:{ENTITY}|{_BARE_NBSP})+")
_ONE_ENTITY_RE = re.compile(rf"&(#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});|{_BARE_NBSP}")
_NAMED = frozenset(k[:-1] for k in html.entities.html5 if k.endswith(";"))
# Entities for spaces become a plain space: scraped prose has no use for typographic spaces.
_SPACE_ENTITIES = frozenset("nbsp NonBreakingSpace ensp emsp emsp13 emsp14 thinsp ThinSpace hairsp numsp puncsp".split())
_SPACE_CODES = frozenset((0xA0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A))


def _decode_entity(body: str) -> str | None:
    """The text an entity stands for (``body`` without ``&`` and ``;``), or None if it is none."""
    if body[0] == "#":
        cp = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
        if cp in _SPACE_CODES or cp == 9:
            return " "
        if cp == 10:
            return "\n"
        if cp == 0 or cp == 13 or cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF or cp < 32:
            return ""  # NUL, carriage-return junk, controls, surrogates: nothing readable
        return html.unescape(f"&{body};")
    if body not in _NAMED:
        return None
    if body in _SPACE_ENTITIES:
        return " "
    return html.unescape(f"&{body};")


class HtmlEntity(Rule):
    """HTML character references that were never decoded.

    ## What it does
    Finds named references with their semicolon (`&nbsp;`, `&amp;`, `&quot;`, `&mdash;`),
    numeric ones (`&#8217;`, `&#x4e2d;`), and `&nbsp` without its semicolon
    (`10am&nbsp-&nbsp6pm`, as old editors write it and browsers read it; not before a Latin
    letter or `=`). Only names defined by HTML count: `R&D`, `AT&T`, `Q&A` and a lone `&` are not
    entities. Runs of adjacent references are reported together.

    ## Why is this bad?
    The reader of the page saw `’` and a space, not `&#8217;` and `&nbsp;`. Undecoded references
    break words and quotes for tokenizers, defeat search and deduplication, and waste tokens.

    ## Fix (safe)
    Each reference is decoded; the space entities (`&nbsp;`, `&ensp;`, `&emsp;`, `&thinsp;`…)
    become a plain space, and references to control characters (`&#13;`, `&#0;`) are removed.
    A double-escaped `&amp;lt;` takes two passes, one layer each.
    """

    code = "M002"
    scope = "text"
    name = "html-entity"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        "Tom&nbsp;and Jerry\n",
        "It&#8217;s a &quot;done deal&quot;, officials said.\n",
        "&#x4e2d;&#x6587;网页\n",
        "价格&amp;服务\n",
    )
    passes = (
        "R&D spending at AT&T rose; Q&A follows & ends.\n",
        "研发(R&D)投入增加。\n",
        "Write `&amp;` to get an ampersand.\n",
        "&notanentity; stays\n",
        "See /search?q=art&nbspaces=2 for more.\n",
    )
    fixes = (
        ("Tom&nbsp;&amp;&nbsp;Jerry\n", "Tom & Jerry\n"),
        ("It&#8217;s &#x4e2d;&#25991;.&#13;\n", "It’s 中文.\n"),
        ("a &amp;lt; b\n", "a < b\n"),
        ("Open 10am&nbsp-&nbsp6pm daily.\n", "Open 10am - 6pm daily.\n"),
    )

    prescreen = ("&",)

    def check(self, doc: Document):
        text = doc.text
        for m in _ENTITY_RE.finditer(text):
            parts: list[str] = []
            names: list[str] = []
            for e in _ONE_ENTITY_RE.finditer(m.group()):
                decoded = _decode_entity(e.group(1) or e.group(2))
                if decoded is None:
                    parts.append(e.group())
                else:
                    parts.append(decoded)
                    names.append(e.group())
            if not names:
                continue
            s, e = m.span()
            shown = ", ".join(dict.fromkeys(names))
            msg = f"HTML entit{'ies' if len(names) > 1 else 'y'} {shown}"
            yield self.finding(s, e, msg, fix=self.make_fix("Decode the entities", [Edit(s, e, "".join(parts))]))


# ---------------------------------------------------------------------------------------------
# M003 html-comment

# (opener, closer, form): a comment raw, JSON-escaped, or entity-escaped (any number of times).
_COMMENT_FORMS = (
    (re.compile(r"<!--"), re.compile(r"-->"), ""),
    (re.compile(r"\\u003[cC]!--"), re.compile(r"--\\u003[eE]|\n"), " (JSON-escaped)"),
    (re.compile(r"&lt;!--"), re.compile(r"--&gt;|\n"), " (entity-escaped)"),
    (re.compile(r"&(?:amp;)+lt;!--"), re.compile(r"--&(?:amp;)+gt;|\n"), " (double-escaped)"),
)
_COMMENT_MAX = 2000
_PLACEHOLDER_RE = re.compile(r"\s*[A-Z][A-Z0-9_]*\s*")


class HtmlComment(Rule):
    """HTML comments, raw or escaped, among the text.

    ## What it does
    Finds HTML comments: the placeholders that content systems put where an image, an ad or a
    link stood (`<!--IMG_0-->`, `<!--MID_AD_1-->`, `<!--SECURE_LINK_BEGIN_0-->`) and any other
    comment, conditional comments included. It also finds them in their JSON-escaped
    (`\\u003c!--IMG_0--\\u003e`) and entity-escaped (`&lt;!--IMG_0--&gt;`) forms, so that a
    report on an escaped blob says which debris it holds.

    ## Why is this bad?
    A comment was never visible to the page's reader. Placeholders split sentences in the middle
    (`the <!--LINK_0-->company<!--LINK_END_0--> said`) and leak template internals into the corpus.

    ## Fix (safe)
    The comment is removed, and so is its line when nothing else is on it.
    """

    code = "M003"
    name = "html-comment"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        "<!--IMG_0-->\n",
        "记者在<!--SECURE_LINK_BEGIN_3-->市政府<!--SECURE_LINK_END_3-->门口采访。\n",
        "\\u003cp\\u003eText\\u003c!--MID_AD_0--\\u003e\\u003c/p\\u003e\n",
        "&lt;!-- banner --&gt;Sports news\n",
        "before <!--[if lt IE 9]><script src=\"x.js\"></script><![endif]--> after\n",
    )
    passes = (
        "An arrow --> points right, and <!- is not a comment.\n",
        "Comments look like `<!-- this -->` in HTML.\n",
        "评论区(共3条)\n",
    )
    fixes = (
        ("Title\n<!--IMG_0-->\nBody text.\n", "Title\nBody text.\n"),
        ("市场<!--LINK_0-->回暖<!--LINK_END_0-->明显。\n", "市场回暖明显。\n"),
        ("Goals &lt;!--AD--&gt;scored.\n", "Goals scored.\n"),
    )

    prescreen = ("!--",)

    def check(self, doc: Document):
        text = doc.text
        for s, e, body, form in _comments(text):
            kind = "placeholder comment" if _PLACEHOLDER_RE.fullmatch(body) else "HTML comment"
            shown = " ".join(body.split())
            shown = shown if len(shown) <= 40 else shown[:37] + "…"
            first, last = doc.line_at(s), doc.line_at(max(s, e - 1))
            if not text[first.start : s].strip() and not text[e : last.end].strip():
                edit = Edit(first.start, last.full_end, "")
            else:
                edit = _remove_span(text, s, e)
            yield self.finding(
                s, e, f"{kind} <!--{shown}-->{form}", fix=self.make_fix("Remove the comment", [edit])
            )


def _comments(text: str):
    """``(start, end, body, form)`` of every comment, in order; linear even for unclosed openers."""
    found = []
    for opener, closer, form in _COMMENT_FORMS:
        if not opener.search(text):
            continue
        close = None  # the closer found last: later openers before it share it
        taken = 0
        for o in opener.finditer(text):
            if o.start() < taken:
                continue
            if close is None or close.start() < o.end():
                close = closer.search(text, o.end())
                if close is None:
                    break  # no closer anywhere after: no later opener can close either
            if close.group() == "\n" or close.start() - o.end() > _COMMENT_MAX:
                continue  # escaped comments stay on their line; raw ones are short
            found.append((o.start(), close.end(), text[o.end() : close.start()], form))
            taken = close.end()
    found.sort()
    kept, end = [], -1
    for item in found:  # an escaped comment inside a raw one is part of the raw one
        if item[0] >= end:
            kept.append(item)
            end = item[1]
    return kept


# ---------------------------------------------------------------------------------------------
# M004 css-dump

_PAREN = r"\((?:[^(){}\n]|\([^(){}\n]*\))*\)"
_CSS_VALUE = rf"(?:[^{{}};()\n]|{_PAREN})*"
_CSS_DECL_NC = rf"\s*-{{0,2}}[A-Za-z][\w-]*\s*:{_CSS_VALUE}"
_CSS_BODY = rf"\{{\s*(?:{_CSS_DECL_NC};\s*)*{_CSS_DECL_NC};?\s*\}}"
# Parentheses in a selector only follow a pseudo-class (:not(…), :nth-child(…)): "f(){…}" is code.
_CSS_SEL = rf"[.#*\[:A-Za-z_\\&0-9%-](?::[\w-]+{_PAREN}|[\w\-.#:,>+~*%!\\ ]|&gt;|\[[^\[\]{{}}\n]*\]){{0,300}}?"
_CSS_RULE = rf"{_CSS_SEL}\s*{_CSS_BODY}"
_CSS_AT = rf"@[\w-]+[^{{}};\n]{{0,300}}?\{{\s*(?:{_CSS_RULE}\s*)+\}}|@font-face\s*{_CSS_BODY}"
#: The first CSS rule (or at-rule) whose brace is the first brace after the search's start: the
#: lazy prefix cannot cross a brace or a line break, so the rule starts before that brace, and a
#: page with a brace far from the next one (a JSON blob) is not searched at every character.
_CSS_ITEM_RE = re.compile(rf"[^{{}}\n]{{0,310}}?({_CSS_AT}|{_CSS_RULE})")
_CSS_DUMP_RE = re.compile(rf"(?:(?:{_CSS_AT}|{_CSS_RULE})[ \t]*\n?[ \t]*)+")
_CSS_PROP_RE = re.compile(r"[{;]\s*(-{0,2}[A-Za-z][\w-]*)\s*:")
_CSS_PROPERTIES = frozenset(
    """align-items background background-color background-image border border-bottom border-collapse
    border-color border-left border-radius border-right border-top bottom box-shadow box-sizing clear
    color content counter-increment counter-reset cursor display flex float font font-family font-size
    font-style font-variant-numeric font-weight gap height justify-content left letter-spacing
    line-height list-style list-style-type margin margin-bottom margin-left margin-right margin-top
    max-height max-width min-height min-width opacity outline overflow padding padding-bottom
    padding-left padding-right padding-top position right text-align text-decoration text-indent
    text-transform top transform transition vertical-align visibility white-space width word-break
    word-wrap z-index""".split()
)
_SELECTOR_TOKEN_RE = re.compile(r"(?:[.#*\[:@>+~&\\]|\d+%|(?:from|to)$)")
_DUMP_BOUNDARY = "。！？.!?”」』)>}；;:："


def _selector_like(token: str) -> bool:
    if _SELECTOR_TOKEN_RE.match(token):
        return True
    head = re.match(r"[A-Za-z][\w-]*", token)
    return bool(head) and head.group().lower() in HTML_TAGS | {"html", "body", "svg"}


class CssDump(Rule):
    """CSS rules dumped into the text.

    ## What it does
    Finds runs of two or more CSS rules (`.article{color:#333;font-size:18px}.article p{margin:0}`)
    and `@media (...) { ... }` blocks, as whole lines or as spans inside a line, minified or
    pretty-printed. A run counts only when a declaration names a common CSS property (`color`,
    `margin`, `font-size`…) or a custom property (`--x`), so JavaScript objects and set notation
    are left alone. A single rule in a sentence is left alone.

    ## Why is this bad?
    The contents of a `<style>` element are not text, yet naive extractors (`text_content()`)
    keep them; a page's worth of CSS can outweigh its article, and poisons language models
    with property soup.

    ## Fix (safe when the dump is clearly delimited, else unsafe)
    The dump is removed (its line, when nothing else is on it). The fix is safe when the dump is
    the whole line, or starts a line or follows the end of a sentence with a selector that is
    unmistakably CSS (`.class`, `#id`, `@media`); otherwise, and for pretty-printed CSS spread
    over several lines (more likely a tutorial's example), it is unsafe.
    """

    code = "M004"
    name = "css-dump"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        ".post-body{color:#333;font-size:16px}.post-body p{margin:0 0 1em;line-height:1.8}\n",
        "正文结束。.share-bar{display:none}.share-bar a{color:#999;margin-left:4px}\n",
        "@media (max-width:600px){.nav{display:none}}\n",
        "h1 {\n  font-size: 20px;\n}\nh2 {\n  font-size: 18px;\n}\n",
    )
    passes = (
        "The set {x : x > 0} is open; so is {y : y < 1}.\n",
        "Use .note{color:red} to style notes.\n",
        "var cfg = {width: 3, top: 1}; var b = {left: 2};\n",
        "配置项为{名称:值}的形式。\n",
        "```\n.a{color:red}.b{color:blue}\n```\n",
    )
    fixes = (
        (
            "Headline\n.box{margin:0;padding:4px}.box span{color:#666}\nBody text.\n",
            "Headline\nBody text.\n",
        ),
        (
            "文章到此结束。.foot{color:#999}.foot a{text-decoration:none}\n",
            "文章到此结束。\n",
        ),
    )

    prescreen = ("{",)

    def check(self, doc: Document):
        text = doc.text
        if ":" not in text:
            return
        pos = 0
        code = doc.protected if "`" in text else []
        while (brace := text.find("{", pos)) >= 0:
            span = next((b for a, b in code if a <= brace < b), None)
            if span is not None:  # braces in Markdown code are code, not a dump
                pos = span
                continue
            # Search only a window around this brace: a selector cannot hold a brace or a line
            # break and is at most 300 characters, and the first rule (or @media block) ends at
            # the first or second "}". Searching whole lines costs 300 steps per character.
            line_start = text.rfind("\n", 0, brace) + 1
            lo = max(line_start, brace - 310, text.rfind("}", max(line_start, brace - 310), brace) + 1)
            close = text.find("}", brace)
            if close < 0:
                return
            close2 = text.find("}", close + 1, brace + 4000)
            first = _CSS_ITEM_RE.match(text, lo, (close2 if close2 >= 0 else close) + 1)
            if first is None:
                pos = brace + 1
                continue
            m = _CSS_DUMP_RE.match(text, first.start(1))
            pos = max(m.end(), brace + 1)
            finding = self._finding(doc, m)
            if finding is not None:
                yield finding

    def _finding(self, doc: Document, m: re.Match):
        text = doc.text
        start, end = m.span()
        dump = m.group().rstrip()
        end = start + len(dump)
        if dump.count("}") < 2:
            return None
        props = _CSS_PROP_RE.findall(dump)
        if not any(p.startswith("--") or p.lower() in _CSS_PROPERTIES for p in props):
            return None
        # The first selector may have swallowed prose before it: keep only selector-like words.
        first = dump[: dump.index("{")]
        tokens = list(re.finditer(r"\S+", first))
        keep = len(tokens)
        while keep > 0 and _selector_like(tokens[keep - 1].group().rstrip(",")):
            keep -= 1
        if dump.startswith("@"):
            clean_start = True
        elif keep == len(tokens):
            sub = re.search(r"[.#][A-Za-z_-]", tokens[-1].group()) if tokens else None
            clean_start = sub is not None
            start += tokens[-1].start() + sub.start() if sub else 0
        else:
            clean_start = True
            start += tokens[keep].start() if keep < len(tokens) else 0
        first_line, last_line = doc.line_at(start), doc.line_at(max(start, end - 1))
        multiline = first_line.number != last_line.number
        whole = not text[first_line.start : start].strip() and not text[end : last_line.end].strip()
        before = text[first_line.start : start].rstrip()
        delimited = (not before or before[-1] in _DUMP_BOUNDARY) and clean_start
        first_sel = text[start:end].lstrip()[:1]
        safe = (whole or (delimited and first_sel in ".#@*")) and not multiline
        if whole:
            edit = Edit(first_line.start, last_line.full_end, "")
        else:
            edit = _remove_span(text, start, end, glue=True)
        rules = dump.count("}")
        confidence = 0.95 if safe else 0.7
        return self.finding(
            start, end, f"CSS dump ({rules} rules)", confidence=confidence,
            fix=self.make_fix("Remove the CSS", [edit], SAFE if safe else UNSAFE),
        )


# ---------------------------------------------------------------------------------------------
# M005 script-dump

_JS_HINT_RE = re.compile(
    r"\b(?:var|let|const)\s+[\w$]+\s*=|\bfunction\b|=>|\b(?:window|document)\.[\w$]|googletag|dataLayer"
    r"|_hmt|\bgtag\(|adsbygoogle|_gaq|\bfbq\(|\}\s*\)\s*\(|\.push\(|\btypeof\b"
)
# Literals of which every _JS_HINT_RE match holds one: cheap to test before the regex.
_JS_KEYS = (
    "var", "let", "const", "function", "=>", "window.", "document.", "googletag", "dataLayer", "_hmt",
    "gtag(", "adsbygoogle", "_gaq", "fbq(", "})", "} )", ".push(", "typeof",
)
_JS_TRACKER_RE = re.compile(
    r"_hmt\b|hm\.baidu\.com|\bdataLayer\b|googletag\b|\bgtag\(|adsbygoogle|google-analytics|googletagmanager"
    r"|_gaq\b|\bfbq\(|_czc\b|cnzz\.com|\b_paq\b|\bga\(\s*['\"]"
)
_JS_STRONG_RE = re.compile(
    r"\bfunction\s*[\w$]*\s*\([\w$,\s]*\)\s*\{"  # function definition with its body
    r"|\}\s*\)\s*\(\s*[^()]*\)\s*;?"  # end of an immediately-invoked function: })();
    r"|^\s*(?:var|let|const)\s+[\w$]+\s*=[^;]*;"  # declaration statement
    r"|\bdocument\.(?:write|writeln|createElement|getElementsBy\w+|getElementById|querySelector\w*)\s*\("
    r"|\bwindow\.[\w$.]+\s*=(?!=)"
    r"|=>\s*\{"
)
# Bounded: an unbalanced quote must not make the scan quadratic on a long line.
_JS_STRING_RE = re.compile(r"\"(?:[^\"\\\n]|\\.){0,400}+\"|'(?:[^'\\\n]|\\.){0,400}+'")
_JS_COMMENT_RE = re.compile(r"//.*$|/\*.*?\*/")
_JS_KEYWORDS = frozenset(
    "var let const function return if else for while in of new typeof instanceof this null true false "
    "undefined do try catch finally throw async await break continue switch case default void delete".split()
)
_WORD_RUN_RE = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}\b){3,}")
_CODE_CHARS = frozenset(";{}()=[]|&<>+!")


def _looks_like_code(s: str) -> bool:
    """A line dense with JavaScript syntax and without prose (string literals do not count)."""
    cjk = len(_CJK_RE.findall(s))
    if cjk > 20 and cjk > len(s) // 20:
        return False  # Chinese prose, whatever its quotes hold
    t = _JS_STRING_RE.sub('""', s.strip())
    t = _JS_COMMENT_RE.sub("", t).strip()
    if not t:
        return s.strip().startswith(("//", "/*"))
    if len(_CJK_RE.findall(t)) > 2 or any(c in t for c in "，。；：！？、"):
        return False
    for run in _WORD_RUN_RE.finditer(t):
        if sum(w not in _JS_KEYWORDS for w in run.group().split()) >= 3:
            return False  # four words in a row, three of them not keywords: a sentence
    dense = sum(c in _CODE_CHARS for c in t)
    return dense >= 2 and dense / len(t.replace(" ", "")) >= 0.08


class ScriptDump(Rule):
    """Inline JavaScript left in the text.

    ## What it does
    Finds lines, and runs of consecutive lines, dense with JavaScript syntax and without prose:
    analytics and ad snippets (`var _hmt = _hmt || [];`, `window.dataLayer = …`,
    `googletag.cmd.push(…)`), immediately-invoked functions (`(function(){ … })();`),
    `document.write(…)`. A line counts as code only when, outside its string literals, it holds
    almost no CJK text, no run of ordinary words, and enough code punctuation; a sentence that
    mentions "function" or uses semicolons is prose.

    ## Why is this bad?
    The contents of a `<script>` element were never shown to the reader; tracker snippets repeat
    on every page of a site, inflating duplicates and teaching language models boilerplate code
    in the middle of prose.

    ## Fix (safe for a known tracker, or unmistakable JavaScript outside the article; else unsafe)
    The lines are removed. The fix is safe when the run names a known tracker or ad identifier, or
    when it holds an unmistakable construct (a function definition with its body, an
    immediately-invoked function, a `var` statement, `document.write(`) and lies outside the
    article body (before its first prose line or after its last). Code between an article's
    paragraphs is as often a listing the article shows its reader — a tutorial's example — so
    its fix is unsafe.
    """

    code = "M005"
    name = "script-dump"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        "var _hmt = _hmt || [];\n",
        "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n",
        "Story text.\n(function() {\n  var s = document.createElement('script'); s.async = true;\n})();\nMore text.\n",
        "googletag.cmd.push(function() { googletag.display('ad-slot-2'); });\n",
        "if (typeof x === 'undefined') { items.push(x); }\n",
    )
    passes = (
        "The function returns a value; the caller then ignores it.\n",
        "This function (described above) returns nothing; call it once.\n",
        "他在文章里写道:var 是旧的写法;现在更常用 let 和 const。\n",
        "window.location is what the address bar shows.\n",
        "f(x) = (a + b) * c; g(x) = [x];\n",
        "```js\nvar _hmt = _hmt || [];\n```\n",
    )
    fixes = (
        ("Headline\nvar _hmt = _hmt || [];\nBody.\n", "Headline\nBody.\n"),
        ("正文。\ndocument.write('<img src=\"/ad.gif\">');\n结尾。\n", "正文。\n结尾。\n"),
    )

    def check(self, doc: Document):
        text = doc.text
        # A dump has a ";" or a "{" on its telling line: find those (C-speed literal scans), then
        # test only their lines. A \b-led regex alternation over the text is 100 times slower.
        starts, tried = set(), set()
        for mark in ";{":
            i = text.find(mark)
            while i >= 0:
                line = doc.line_at(i)
                if line.number not in tried:
                    tried.add(line.number)
                    if any(k in line.text for k in _JS_KEYS) and _looks_like_code(line.text) \
                            and _JS_HINT_RE.search(line.text):
                        starts.add(line.number)
                i = text.find(mark, line.full_end)
        if not starts:
            return
        lines = doc.lines
        done = 0  # line numbers below this one are already part of a reported run
        for number in sorted(starts):
            line = lines[number - 1]
            if line.number <= done:
                continue
            first = last = line.number - 1
            while first > 0 and first - 1 >= done and _looks_like_code(lines[first - 1].text):
                first -= 1
            while last + 1 < len(lines) and _looks_like_code(lines[last + 1].text):
                last += 1
            done = last + 1
            run = lines[first : last + 1]
            block = "\n".join(ln.text for ln in run)
            tracker = _JS_TRACKER_RE.search(block)
            strong = any(_JS_STRONG_RE.search(ln.text) for ln in run)
            hints = len(_JS_HINT_RE.findall(block))
            if not (tracker or strong or hints >= 2):
                continue
            safe = bool(tracker) or (strong and _outside_article(doc, first, last))
            what = f"tracker {tracker.group().rstrip('(')}" if tracker else "JavaScript"
            count = f"{len(run)} line{'s' * (len(run) > 1)}"
            yield self.finding(
                run[0].start, run[-1].end, f"inline {what} ({count})",
                confidence=0.95 if tracker else 0.9 if strong else 0.6,
                fix=self.make_fix("Remove the script", [Edit(run[0].start, run[-1].full_end, "")],
                                  SAFE if safe else UNSAFE),
            )


def _outside_article(doc: Document, first: int, last: int) -> bool:
    """Whether lines ``first`` to ``last`` lie before or after the article body (the page model's
    first to last prose line), not between its paragraphs."""
    body = FoldedPage.of(doc).body
    return body is None or last < body[0] or first > body[1]


# ---------------------------------------------------------------------------------------------
# M006 empty-markdown-link

_EMPTY_LINK_RE = re.compile(r"!?\[[ \t]*\]\([ \t]*\)(?![ \t]*(?:\{|->|mutable\b))")


class EmptyMarkdownLink(Rule):
    """Empty Markdown images and links.

    ## What it does
    Finds `![]()`, `[]()` and their variants with only spaces inside (`![](  )`, `[ ]()`): images
    and links whose target and text the converter lost. A C++ lambda (`[]() { … }`) is not one.

    ## Why is this bad?
    They render as nothing, carry no information, and mark every place an image stood with noise
    that chunkers and deduplication treat as text.

    ## Fix (safe)
    They are removed, with their line when nothing else is on it.
    """

    code = "M006"
    name = "empty-markdown-link"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = ("![]()\n", "See the chart ![](  ) below.\n", "[ ]() 点击查看\n")
    passes = (
        "![chart](chart.png) and [docs](https://example.com)\n",
        "auto f = []() { return 1; };\n",
        "数组写法 a[] 和调用 f() 不是链接。\n",
        "Use `![]()` for an empty image.\n",
    )
    fixes = (
        ("第一段。\n![]()\n第二段。\n", "第一段。\n第二段。\n"),
        ("Photo: ![]() taken in May.\n", "Photo: taken in May.\n"),
    )

    prescreen = ("](",)

    def check(self, doc: Document):
        text = doc.text
        alone: dict[int, bool] = {}  # by line: nothing but empty links on it (judged once a line)
        for m in _EMPTY_LINK_RE.finditer(text):
            s, e = m.span()
            line = doc.line_at(s)
            only = alone.get(line.start)
            if only is None:
                only = alone[line.start] = not _EMPTY_LINK_RE.sub("", line.text).strip()
            if only:
                edit = self.drop_line(line)
            else:
                edit = _remove_span(text, s, e)
            kind = "image" if m.group().startswith("!") else "link"
            yield self.finding(s, e, f"empty Markdown {kind} {m.group()}",
                               fix=self.make_fix(f"Remove the empty {kind}", [edit]))


# ---------------------------------------------------------------------------------------------
# M007 leaked-pinyin-annotation

#: Every valid toneless Mandarin syllable (Hanyu Pinyin, ü written as ü), interjections included.
PINYIN_SYLLABLES = frozenset(
    """a ai an ang ao e ei en eng er o ou ê
    ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
    pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
    fa fan fang fei fen feng fiao fo fou fu
    da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
    ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
    na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nü nüe
    la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lü lüe
    ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
    ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
    ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
    ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
    xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
    zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
    cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
    sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
    ra ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
    za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
    ca cai can cang cao ce cei cen ceng ci cong cou cu cuan cui cun cuo
    sa sai san sang sao se sei sen seng si song sou su suan sui sun suo
    ya yai yan yang yao ye yi yin ying yo yong you yu yuan yue yun
    wa wai wan wang wei wen weng wo wu
    m n ng hm hng""".split()
)

# Tone-marked vowel -> the vowel without its tone mark.
_TONED = dict(zip("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜếề", "aaaaeeeeiiiioooouuuuüüüüêê"))
_TONE_CHARS = "".join(_TONED)
# The glued-to character and the tone mark are checked on the (few) matches.
_SYLLABLE = rf"([a-zêü{_TONE_CHARS}\u0300\u0301\u0304\u030c]{{1,8}})[)）]"
_PINYIN_RES = {"(": re.compile(rf"\({_SYLLABLE}"), "（": re.compile(rf"（{_SYLLABLE}")}
_TONE_SCAN_RE = re.compile(f"[{_TONE_CHARS}\u0300\u0301\u0304\u030c]")
_GLUED_TO_RE = re.compile(f"[{_CJK_CHARS}A-Za-z]")
_MID_WORD_RE = re.compile(f"[{_CJK_CHARS}A-Za-z0-9]")


def pinyin_syllable(candidate: str) -> str | None:
    """The toneless syllable of a valid tone-marked pinyin syllable, else None.

    Exactly one tone mark, on the vowel that carries it by the spelling rules (a or e if present,
    the o of ou, else the last vowel): ``"chuàng"`` → ``"chuang"``, ``"xiàn"`` → ``"xian"``,
    ``"guī"`` → ``"gui"``; ``"chúang"`` and ``"mā"`` in ``"māmā"`` are rejected.
    """
    s = unicodedata.normalize("NFC", candidate)
    marks = [(i, _TONED[c]) for i, c in enumerate(s) if c in _TONED]
    if len(marks) != 1:
        return None
    i, vowel = marks[0]
    base = s[:i] + vowel + s[i + 1 :]
    if base not in PINYIN_SYLLABLES:
        return None
    if "a" in base:
        want = base.index("a")
    elif "e" in base:
        want = base.index("e")
    elif "ou" in base:
        want = base.index("o")
    else:
        vowels = [j for j, c in enumerate(base) if c in "aeiouüê"]
        want = vowels[-1] if vowels else i
    return base if want == i else None


class LeakedPinyinAnnotation(Rule):
    """Pinyin reading annotations (ruby text) leaked into the text.

    ## What it does
    Finds tone-marked pinyin syllables in parentheses, half- or full-width, glued to the character
    they annotate: `發(fā)布`, `網（wǎng）站`, and glued inside Latin words whose first letter was
    read as a character (`F(xiàn)AIR`, `W(wǎng)orld`). A syllable counts only if it is a valid
    Mandarin syllable (from a complete table) with its tone mark where the spelling rules put it.
    The decision is made for the whole document: a leak annotates scattered single characters of
    ordinary prose, many of them in the middle of a word, so it is flagged only when several glued
    single-syllable annotations occur and at least half of them are followed by another character.
    Multi-syllable glosses in a language lesson (`现在(xiànzài)`), a tone drill (`妈(mā)、麻(má)`),
    texts that annotate most characters of a phrase, and ordinary parentheses (`(CNN)`,
    `(Maria Lopez)`) are left alone.

    ## Why is this bad?
    Mirror sites render `<ruby>` or reading-aid markup as plain text; every annotation splits a
    word in two for tokenizers, search and deduplication (`網(wǎng)友` no longer matches `網友`).

    ## Fix (safe)
    The parenthesized syllable is removed; everything else on the line stays as it is. The
    finding's confidence grows with the number of annotations in the document.
    """

    code = "M007"
    name = "leaked-pinyin-annotation"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        "各地區(qū)陸續(xù)發(fā)布通知，要求加強對網(wǎng)絡的管理。\n",
        "The T(tè)eam said the G(guó)ame was close. 比賽結(jié)束後雙方握手。\n",
        "報（bào）告指出，今年經(jīng)濟數(shù)據(jù)好於預期，市場信心有所恢復。\n",
    )
    passes = (
        "今天我们学习“现在(xiànzài)”和“以后(yǐhòu)”两个词。\n",
        "四个声调：妈(mā)、麻(má)、马(mǎ)、骂(mà)。\n",
        "記者(Maria Lopez)報道，美國有線電視新聞網(CNN)和高級機器智能(AMI)項目受到關注。\n",
        "你(nǐ)好(hǎo)，我(wǒ)是(shì)學(xué)生(shēng)。\n",
        "只有一處發(fā)布的標注，不足以判斷。\n",
        "Plain English text (with parentheses) stays (as is).\n",
    )
    fixes = (
        (
            "各地區(qū)陸續(xù)發(fā)布通知，要求加強對網(wǎng)絡的管理。\n",
            "各地區陸續發布通知，要求加強對網絡的管理。\n",
        ),
        (
            "The T(tè)eam said the G(guó)ame was close. 比賽結(jié)束後雙方握手。\n",
            "The Team said the Game was close. 比賽結束後雙方握手。\n",
        ),
    )

    def check(self, doc: Document):
        text = doc.text
        # One pattern per opening parenthesis: a literal first character makes re scan fast.
        matches = [m for paren, rx in _PINYIN_RES.items() if paren in text for m in rx.finditer(text)]
        if not matches:
            return
        matches.sort(key=lambda m: m.start())
        cands = []
        for m in matches:
            s, e = m.span()
            if not s or not _GLUED_TO_RE.match(text[s - 1]) or not _TONE_SCAN_RE.search(m.group(1)):
                continue
            if pinyin_syllable(m.group(1)) is None:
                continue
            after = text[e] if e < len(text) else ""
            mid = bool(after) and bool(_MID_WORD_RE.match(after))
            latin = text[s - 1].isascii()
            if latin and not (after.isascii() and after.isalpha()):
                continue  # after a Latin letter only the glued-inside-a-word form is a leak
            cands.append((s, e, m.group(1), mid, latin))
        if not cands:
            return
        mids = sum(c[3] for c in cands)
        latin_mids = sum(c[3] and c[4] for c in cands)
        if not ((mids >= 3 and 2 * mids >= len(cands)) or (latin_mids >= 1 and mids >= 2)):
            return
        # Texts that annotate most characters of their phrases are reading aids, not leaks.
        annotated_lines = {doc.line_at(c[0]).number for c in cands}
        cjk = sum(len(_CJK_RE.findall(doc.lines[n - 1].text)) for n in annotated_lines)
        if cjk and sum(not c[4] for c in cands) > 0.5 * cjk:
            return
        confidence = min(0.99, 0.6 + 0.05 * mids)
        for s, e, syllable, _mid, _latin in cands:
            yield self.finding(
                s, e, f"leaked pinyin annotation ({syllable}) after {text[s - 1]!r}", confidence=confidence,
                fix=self.make_fix("Remove the annotation", [Edit(s, e, "")]),
            )


# ---------------------------------------------------------------------------------------------
# M008 shortcode

#: BBCode tags of forum software.
_BBCODE = frozenset(
    "b i u s strike sub sup url img quote code color colour size font center left right justify list "
    "email youtube video spoiler highlight indent".split()
)
#: Shortcodes of WordPress itself and of common plugins.
_WP_SHORTCODES = frozenset(
    "caption wp_caption gallery embed audio video playlist contact-form-7 contact-form contact-field "
    "wpforms gravityform ninja_form googlemap google-map tweet instagram soundcloud vimeo".split()
)
#: The shortcodes of page builders and shortcode plugins, by prefix (WPBakery, Divi, Avada,
#: Enfold, Shortcodes Ultimate, Jupiter, Tatsu, Cornerstone, Flatsome, Elementor templates).
_BUILDER_PREFIXES = ("vc_", "et_pb_", "fusion_", "av_", "su_", "mk_", "tatsu_", "cs_", "ux_", "elementor-")
#: Elements whose content is an address or an identifier, not text: removed with their content.
_MEDIA_CODES = frozenset("img embed youtube video audio vimeo soundcloud googlemap".split())
#: A marker: ``[name]``, ``[/name]``, ``[name=value]``, ``[name key="value" …]``, ``[name /]``.
_SHORTCODE_RE = re.compile(
    r"""\[(/?)([A-Za-z][\w-]{0,40})(=[^\[\]\n]{1,300}|(?:[ \t]+[\w-]+(?:=(?:"[^"\n]*"|'[^'\n]*'|[“”″][^“”″\n]*[“”″]|[^\s\]"']+))?){0,20})[ \t]*/?\]"""
)
#: A quoted attribute; the curly quotes are those WordPress typesets into a shortcode that no
#: plugin renders (``[button link=”http://…” type=”big”]``).
_QUOTED_ATTR = re.compile(r"""[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[“”″][^“”″\n]*[“”″])""")
#: How far after an address-holding element its end marker is looked for.
_MEDIA_SPAN = 500


class Shortcode(Rule):
    """WordPress shortcodes and forum BBCode left in the text.

    ## What it does
    Finds the markers of shortcodes and BBCode that the site's software should have rendered:
    WordPress's own (`[caption id="attachment_12" …]`, `[gallery ids="3,4"]`, `[embed]`),
    those of page builders, which a broken theme leaves around every block of a page (`[vc_row]`,
    `[et_pb_section …]`, `[fusion_text]`), any `[name key="value"]` with a quoted attribute (also in
    the curly quotes WordPress typesets into a shortcode that no plugin renders: `[button
    link=”…”]`) and its end marker, and
    forum BBCode (`[b]`, `[url=…]`, `[quote]`, `[img]`). A marker without attributes counts only
    with its partner: `[b]` with a `[/b]` after it, a `[/quote]` with a `[quote` before it — so
    `[VIDEO]` after a headline, a citation `[1]`, `[sic]`, an editor's `[I felt]` in a quotation
    or an array index `a[i]` are not markup.

    ## Why is this bad?
    The markers are instructions to the software, not text: every page of a site built with a
    page builder carries dozens of them, and a model trained on them learns to write them.

    ## Fix (safe)
    The markers are removed and the text between them is kept; an element whose content is an
    address (`[img]…[/img]`, `[embed]…[/embed]`, `[youtube]…[/youtube]`) is removed with it. A line
    that holds nothing else is removed.
    """

    code = "M008"
    scope = "text"
    name = "shortcode"
    category = "markup-debris"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        '[caption id="attachment_12" align="aligncenter" width="300"] The new bus lanes.[/caption]\n',
        "[vc_row][vc_column][vc_column_text]The council met on Tuesday.[/vc_column_text][/vc_column][/vc_row]\n",
        "[button link=”http://example.com/submit/” type=”big” newwindow=”yes”] Submit your review[/button]\n",
        "That is [b]not[/b] what the mayor said, see [url=http://example.com/report]the report[/url].\n",
        '[gallery ids="12,13,14"]\n',
    )
    passes = (
        "Storm hits the coast [VIDEO]\n",
        "Prices rose [1] and fell [2], the report [sic] said.\n",
        "Loop over a[i] and b[j] until i equals j.\n",
        "The [b] key toggles bold text in the editor.\n",
        "“[I felt] let down,” she said. Write to [email protected] for details.\n",
        "Use `[caption]` shortcodes for image captions.\n",
    )
    fixes = (
        ('[caption id="attachment_12" width="300"]<img src="/lanes.jpg" /> Bus lanes on Main Street.[/caption]\n',
         "Bus lanes on Main Street.\n"),
        ("The mayor spoke. [embed]https://www.youtube.com/watch?v=abc[/embed]\nMore.\n", "The mayor spoke.\nMore.\n"),
        ("[vc_row][vc_column]\nThe council met on Tuesday.\n[/vc_column][/vc_row]\n", "The council met on Tuesday.\n"),
        ("That is [b]not[/b] what he said.\n", "That is not what he said.\n"),
    )

    prescreen = ("[",)

    def check(self, doc: Document):
        text = doc.text
        found = [m for m in _SHORTCODE_RE.finditer(text) if _known(m)]
        if not found:
            return
        opened: set[str] = set()
        last_close: dict[str, int] = {}  # name -> where its last end marker starts (-1: none)
        spans: list[tuple[int, int, str]] = []  # start, end, what it is
        taken_until = -1
        for m in found:
            if m.start() < taken_until:
                continue  # inside a media element removed whole
            closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
            if closing:
                if name not in opened and not name.startswith(_BUILDER_PREFIXES):
                    continue
                spans.append((m.start(), m.end(), f"[/{name}]"))
                continue
            bare = "=" not in rest  # no value: "[b]", and "[I felt]" in a quotation
            if bare and not name.startswith(_BUILDER_PREFIXES):
                if name not in last_close:  # (not via text.lower(): lower case may be longer)
                    ends = re.finditer(re.escape(f"[/{name}]"), text, re.IGNORECASE)
                    last_close[name] = max((e.start() for e in ends), default=-1)
                if last_close[name] < m.end():
                    continue
            opened.add(name)
            if name in _MEDIA_CODES:
                close = re.compile(rf"[^\n]*?\[/{re.escape(name)}\]", re.IGNORECASE).match(
                    text, m.end(), m.end() + _MEDIA_SPAN)
                if close is not None:  # on the same line, not far
                    taken_until = close.end()
                    spans.append((m.start(), taken_until, f"[{name}]…[/{name}]"))
                    continue
            spans.append((m.start(), m.end(), f"[{name}]"))
        # Markers with only spaces between them are one run, reported and fixed together, with the
        # HTML tags right after an opening marker (`[caption …]<img …/> Caption[/caption]`).
        runs: list[list[tuple[int, int, str]]] = []
        for span in spans:
            if runs and not text[runs[-1][-1][1]:span[0]].strip(" \t"):
                runs[-1].append(span)
            else:
                runs.append([span])
            if not span[2].startswith("[/"):
                pos = _skip_forward(text, span[1], len(text))
                while (tag := _TAG_RE.match(text, pos)) is not None and tag.group(2) and "\n" not in tag.group():
                    runs[-1].append((tag.start(), tag.end(), f"<{tag.group(1)}{tag.group(2).lower()}>"))
                    pos = _skip_forward(text, tag.end(), len(text))
        for run in runs:
            yield self._finding(doc, run)

    def _finding(self, doc: Document, run: list[tuple[int, int, str]]):
        text = doc.text
        start, end = run[0][0], run[-1][1]
        line = doc.line_at(start)
        rest = text[line.start:start] + text[end:line.end]
        if not rest.strip():
            edit = self.drop_line(line)
        elif not text[line.start:start].strip():  # the line's text begins after the run
            edit = Edit(start, _skip_forward(text, end, line.end), "")
        else:
            edit = _remove_span(text, start, end)
        shown = " ".join(what for _, _, what in run[:5]) + (" …" if len(run) > 5 else "")
        what = "shortcode" if len(run) == 1 else f"{len(run)} shortcodes"
        return self.finding(start, end, f"{what} {shown}", fix=self.make_fix("Remove the markers", [edit]))


def _known(m: re.Match) -> bool:
    """Whether a bracketed marker is a shortcode or BBCode: a known name, or any name with a quoted
    attribute (``[name key="value"]``)."""
    name, rest = m.group(2).lower(), m.group(3)
    if name in _BBCODE or name in _WP_SHORTCODES or name.startswith(_BUILDER_PREFIXES):
        return True
    if m.group(1):
        return not rest  # an end marker: it counts after its element's start (``check``)
    return _QUOTED_ATTR.search(rest) is not None


# ---------------------------------------------------------------------------------------------
# M009 email-placeholder

#: What an e-mail address protected by Cloudflare's page filter reads as once the page is scraped
#: without running its script (the space may be a non-breaking one).
_EMAIL_PLACEHOLDER_RE = re.compile(r"\[email[\s\u00a0]+protected\]")


class EmailPlaceholder(Rule):
    """An e-mail address that a page's protection script replaced, and the scrape kept replaced.

    ## What it does
    Finds `[email protected]`: the text that a CDN's e-mail obfuscation (Cloudflare's "Email
    Address Obfuscation") puts in a page's HTML in place of every address, for a script in the
    browser to write back. A scraper that does not run the script keeps the placeholder.

    ## Why is this bad?
    The address is gone, and the sentence around it reads "write to [email protected]": a hole in
    the text, repeated on every page of the site. No tool can say what stood there.

    ## Fix
    None: the address is lost (the page's script held it encoded; re-fetch the page, or decode
    the `data-cfemail` attribute of its HTML, to recover it).
    """

    code = "M009"
    scope = "text"
    name = "email-placeholder"
    category = "markup-debris"
    skips_code = True
    flags = (
        "For tips, write to [email protected] or call the newsroom.\n",
        "联系邮箱：[email\u00a0protected]\n",
    )
    passes = (
        "For tips, write to tips@example.com or call the newsroom.\n",
        "The [email] field is protected by a password.\n",
    )

    prescreen = ("protected]",)

    def check(self, doc: Document):
        for m in _EMAIL_PLACEHOLDER_RE.finditer(doc.text):
            yield self.finding(m.start(), m.end(), "e-mail address replaced by a protection placeholder: the "
                               "address was lost in scraping")


RULES = [
    StrayHtmlTag(),
    HtmlEntity(),
    HtmlComment(),
    CssDump(),
    ScriptDump(),
    EmptyMarkdownLink(),
    LeakedPinyinAnnotation(),
    Shortcode(),
    EmailPlaceholder(),
]
