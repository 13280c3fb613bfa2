"""Duplicate rules (D): text the scraper delivered twice."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

import regex

from scrapelint.model import Applicability, Document
from scrapelint.registry import Rule
from .page import FoldedPage, line_shape

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE

#: A line needs this many letters (any script) to count as a repeat: short lines such as
#: "---", "1." or a lyric's "啦啦" repeat legitimately.
MIN_LETTERS = 6


def _letters(s: str) -> int:
    return sum(1 for c in s if unicodedata.category(c)[0] in "LN")


class RepeatedLine(Rule):
    """The same line twice in a row.

    ## What it does
    Finds a non-blank line that repeats the previous non-blank line exactly (blank lines between
    the two copies are ignored; leading and trailing whitespace is not compared). Lines with fewer
    than six letters or digits are not considered, and headlines repeated inside a trending list
    are reported as part of that list (`T001`).

    ## Why is this bad?
    Scrapers duplicate a block when a page renders it twice (a headline in a link and in its
    card, a paragraph in the page and in its print view). The copy adds nothing and skews
    deduplication and training statistics.

    ## Fix (safe before and after the article)
    The second copy is removed with its line ending. Between the article's first and last prose
    lines, and on a page that opens with its article (an extractor's output: see `B806`), a line
    repeated back to back is as often the text's own — a table's repeated cell, a refrain, a
    question asked twice — and the fix is unsafe (on the real pages measured, nine in ten such
    repeats inside the article were noise, against 97 in 100 outside it).
    """

    code = "D001"
    name = "repeated-line"
    category = "duplicate"
    fix_applicability = SAFE
    flags = (
        "Stocks rallied on Friday after the report.\nStocks rallied on Friday after the report.\n",
        "央行宣布下调存款准备金率\n\n央行宣布下调存款准备金率\n",
    )
    passes = (
        "Stocks rallied on Friday.\nBonds fell on Friday.\n",
        "啦啦啦\n啦啦啦\n",
        "---\n---\n",
        "The committee met again.\nA second paragraph.\nThe committee met again.\n",
    )
    fixes = (
        ("Title of the story here\n\nTitle of the story here\n\nBody text.\n", "Title of the story here\n\n\nBody text.\n"),
    )

    def check(self, doc: Document):
        if not _repeated_keys(doc):
            return
        prev = None
        page = FoldedPage.of(doc)
        # Line numbers (1-based) inside a trending list or just after it.
        listed = {n for b in page.trending_lists for n in range(b.first + 1, b.last + 2)} if len(doc.lines) > 8 else set()
        for line in doc.lines:
            key = line.text.strip()
            if not key:
                continue
            if line.number in listed:
                continue  # a headline repeated inside a trending list is part of that list's finding
            if prev is not None and key == prev.text.strip() and _letters(key) >= MIN_LETTERS:
                if page.opens_with_article:  # (cached: decided at the first repeat, never before)
                    why = "; the page opens with its article, so it may be the text's own"
                elif page.body is not None and page.body[0] < line.number - 1 < page.body[1]:
                    why = "; inside the article, where a repeat may be the text's own (a table's cells, a refrain)"
                else:
                    why = ""
                yield self.finding(
                    line.start, line.end, f"line repeats line {prev.number}{why}",
                    fix=self.make_fix("Remove the repeated line", [self.drop_line(line)], UNSAFE if why else SAFE),
                )
                continue  # a third copy is compared with the first, and removed too
            prev = line


_SITE_PREFIX = regex.compile(r"^[^\s\-—|_:]{1,12}\s*[-—|_]\s*")
#: A site's name after a page's title, as the <title> element has it ("…-搜狐财经", "… | Example News").
_SITE_SUFFIX = regex.compile(r"\s*(?:-{1,2}|—|–|_|\||::)\s*[^\-—–|_:]{1,24}$")
#: A separator of a site's name from a title, which both patterns above hold.
_SITE_SEPARATOR = re.compile(r"[-—–_|:]")
_BYLINE_HINT = regex.compile(
    r"\d{4}[-/.年]\d{1,2}|\d{1,2}:\d{2}|作者|時間|时间|來源|来源|编辑|編輯|记者|記者"
    r"|\b(?:by|published|updated|source)\b",
    regex.I,
)
#: How many non-blank lines from the top may hold the title (its repeats removed, not counted).
HEAD_LINES = 8


class RepeatedTitle(Rule):
    """The title repeated near the top, alone or with a byline glued to it.

    ## What it does
    Looks at the first lines of the page. A line that repeats an earlier line (at least eight
    characters) — exactly, or followed by byline fields such as `作者:… 时间:… 来源:…` — is a
    repeat of the title. A site's or a section's name on the first copy, before the title or
    after it (`某某网-标题`, `标题-搜狐财经`, `Opinion|Title`, `Title – Example News`: the page's
    <title> element), is ignored when comparing.

    ## Why is this bad?
    Pages print their title in the header and again above the article, often with the byline on
    the same line; scraped, the title appears twice and the byline leaks into the text.

    ## Fix (safe before the article body)
    The later copy is removed with its line — but when the first copy carries the site's name and
    the later one is the title alone, the first copy goes and the headline stays. When the later
    copy lies inside the article body (between its first and last prose lines) the fix is
    unsafe: there a repeat is the article's own text as often as not.
    """

    code = "D002"
    name = "repeated-title"
    category = "duplicate"
    fix_applicability = SAFE
    flags = (
        "城市更新行动进入新阶段\n城市更新行动进入新阶段 作者: 时间:2026-03-02 来源:本地日报\n正文第一段。\n",
        "Council backs new bus lanes\n\nCouncil backs new bus lanes\nThe city council voted on Tuesday.\n",
        "本地网-城市更新行动进入新阶段\n城市更新行动进入新阶段\n正文第一段。\n",
        "城市更新行动进入新阶段_本地网\n城市更新行动进入新阶段\n正文第一段。\n",
    )
    passes = (
        "城市更新行动进入新阶段\n城市更新行动进入新阶段的三个标志，专家这样解读，值得关注。\n",
        "Council backs new bus lanes\nThe council backs new bus lanes, members said on Tuesday.\n",
        "Storm hits the coast - live updates\nStorm hits the coast tonight, forecasters warn residents.\n",
    )
    fixes = (
        (
            "城市更新行动进入新阶段\n城市更新行动进入新阶段 作者: 时间:2026-03-02 来源:本地日报\n正文第一段。\n",
            "城市更新行动进入新阶段\n正文第一段。\n",
        ),
        ("城市更新行动进入新阶段-本地网财经\n首页 > 财经\n城市更新行动进入新阶段\n正文第一段。\n",
         "首页 > 财经\n城市更新行动进入新阶段\n正文第一段。\n"),
        ("Council backs new bus lanes | Example News\nCouncil backs new bus lanes\nThe city council voted.\n",
         "Council backs new bus lanes\nThe city council voted.\n"),
    )

    def check(self, doc: Document):
        # The head is the first HEAD_LINES lines that stay: a repeat the fix removes does not
        # count, so that one check finds every repeat the fix will leave out (else each pass
        # would bring the next lines into the head, and a page of repeats would never settle).
        kept: list = []  # (line, the forms a repeat of it may take)
        for line in doc.lines:
            if len(kept) >= HEAD_LINES:
                break
            later = line.text.strip()
            if not later:
                continue
            found = self._repeat(later, kept)
            if found is None:
                kept.append((line, self._forms(later)))
                continue
            earlier, what, named = found
            # A repeat between the article's paragraphs is its text (a lede that restates the
            # title, a test page's repeated paragraph), not the page header: never a safe removal.
            inside = _zone(FoldedPage.of(doc), line.number - 1) == "the article"
            if named and what == "exactly" and not inside:
                # The first copy is the page's <title>, with the site's name: it goes, and the
                # headline stays (in the head, in its place).
                kept = [(line, self._forms(later)) if k is earlier else (k, f) for k, f in kept]
                yield self.finding(
                    earlier.start, earlier.end,
                    f"the page's title with the site's name, repeated without it on line {line.number}",
                    fix=self.make_fix("Remove the page's title", [self.drop_line(earlier)]),
                )
                continue
            if inside:
                kept.append((line, self._forms(later)))  # it stays
            yield self.finding(
                line.start, line.end,
                f"line repeats the title on line {earlier.number} {what}" + (" (inside the article)" if inside else ""),
                fix=self.make_fix("Remove the repeated title", [self.drop_line(line)], UNSAFE if inside else None),
            )

    @staticmethod
    def _forms(title: str) -> tuple[tuple[str, bool], ...]:
        """What a line of the head may be repeated as, and whether that form leaves a site's name
        out: itself, and without a site's name before it (``本地网-…``) or after it (``…-搜狐财经``,
        ``… | Example News``); forms under eight characters repeat by chance."""
        forms = [(title, False)]
        if _SITE_SEPARATOR.search(title):  # (what both patterns need: most lines have none)
            m = _SITE_PREFIX.match(title)
            if m and len(title) - m.end() >= 8:
                forms.append((title[m.end():], True))
            m = _SITE_SUFFIX.search(title)
            if m and m.start() >= 8:
                forms.append((title[:m.start()], True))
        return tuple((t, named) for t, named in forms if len(t) >= 8)

    @staticmethod
    def _repeat(later: str, head: list) -> tuple | None:
        """``(earlier line, "exactly" or "with a byline", whether the earlier copy holds a site's
        name)`` for the first line of ``head`` (lines with their ``_forms``) that ``later``
        repeats, or ``None``."""
        for earlier, forms in head:
            hit = next(((t, named) for t, named in forms if later.startswith(t)), None)
            if hit is None:
                continue
            rest = later[len(hit[0]):].strip()
            if rest and not _BYLINE_HINT.search(rest):
                continue
            return earlier, "with a byline" if rest else "exactly", hit[1]
        return None


#: A paragraph must be this long (CJK characters, or words) before a repeat is worth reporting.
MIN_PARAGRAPH_CJK, MIN_PARAGRAPH_WORDS = 20, 10


class RepeatedParagraph(Rule):
    """A paragraph that appears again later in the page.

    ## What it does
    Finds a line of at least 20 CJK characters or 10 words that is identical (leading and trailing
    whitespace aside) to an earlier, non-adjacent line. (Back-to-back repeats are `D001`.) The
    finding says where the two copies lie: in the page's head, inside the article body, or after
    it.

    ## Why is this bad?
    Pages repeat a paragraph in a pull quote, a teaser or a print view; the copy inflates the
    document and biases training towards the repeated passage.

    ## Fix (unsafe)
    One copy is removed with its line: the copy outside the article when the other is inside it
    (a teaser or standfirst in the page head repeats the article's own paragraph), else the later
    one. The fix is unsafe: on real pages the copy that goes is as often article text (a summary
    the article repeats, an interview's recurring question, a refrain, code printed twice) as
    page furniture, so a person decides.
    """

    code = "D003"
    name = "repeated-paragraph"
    category = "duplicate"
    fix_applicability = UNSAFE
    flags = (
        "The council voted on Tuesday to extend the bus network to the northern districts.\n"
        "Work will begin in spring.\n"
        "The council voted on Tuesday to extend the bus network to the northern districts.\n",
    )
    passes = (
        "The council voted on Tuesday to extend the bus network to the northern districts.\n"
        "Work will begin in spring.\nThank you.\nThank you.\n",
    )
    fixes = (
        (
            "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，进度快于去年同期。\n第二段。\n"
            "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，进度快于去年同期。\n",
            "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，进度快于去年同期。\n第二段。\n",
        ),
    )

    def check(self, doc: Document):
        repeated = _repeated_keys(doc)
        if not repeated:
            return
        lines = doc.lines
        seen: dict[str, int] = {}
        prev = None
        page = None
        for line in lines:
            key = line.text.strip()
            if not key:
                continue
            if key in seen and key != prev:
                page = page or FoldedPage.of(doc)
                first = lines[seen[key] - 1]
                where = (_zone(page, first.number - 1), _zone(page, line.number - 1))
                drop = first if where == ("the page head", "the article") else line
                yield self.finding(
                    line.start, line.end,
                    f"paragraph repeats line {seen[key]} ({where[0]}, then {where[1]})",
                    fix=self.make_fix(f"Remove the copy on line {drop.number}", [self.drop_line(drop)]),
                )
            elif key not in seen and key in repeated and _long_enough(key):
                seen[key] = line.number
            prev = key


def _zone(page: FoldedPage, i: int) -> str:
    if page.body is None:
        return "a page without an article body"
    if i < page.body[0]:
        return "the page head"
    return "after the article" if i > page.body[1] else "the article"


def _repeated_keys(doc: Document) -> set[str]:
    """The non-blank lines (stripped) that occur more than once: no repeat rule can fire without.
    Computed once per document text for D001 and D003."""
    if "_repeated_keys" not in doc.meta:
        keys = [k for k in (line.text.strip() for line in doc.lines) if k]
        doc.meta["_repeated_keys"] = (set() if len(set(keys)) == len(keys)
                                      else {k for k, n in Counter(keys).items() if n > 1})
    return doc.meta["_repeated_keys"]


def _long_enough(s: str) -> bool:
    is_cjk, size = line_shape(s)
    return size >= (MIN_PARAGRAPH_CJK if is_cjk else MIN_PARAGRAPH_WORDS)


RULES = [RepeatedLine(), RepeatedTitle(), RepeatedParagraph()]
