"""The page around an article: lines folded for matching, and where the article body is.

Rules that judge a line by its place on the page (a breadcrumb above the article, a footer
below it) share one ``FoldedPage`` per document text, cached in ``Document.meta``.

The *body* runs from the first to the last prose line. A prose line reads like article text:

- it ends like a sentence (``。 . …``, or ``: ：`` introducing what follows) and has at least 12
  CJK characters or 8 words; or it ends with ``! ?`` or a closing quote and has at least 40 CJK
  characters or 12 words (headlines end with ``!`` and ``?`` too, rarely with a full stop);
- or it is long (40 CJK characters, 20 words) and holds two sentence stops inside;
- and it does not open with a statement label (``Notice:``, ``特别声明:``, ``免责声明:``), the form
  of platform statements and disclaimers.
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache
from collections.abc import Iterable

from .fold import fold
from .model import Document
from .text import cjk_count

#: Labels that open platform statements and disclaimers ("特别声明:", "Notice:"): such a line is
#: not article prose however long it is. Other "label: text" lines (dialogue, notes) are.
_STATEMENT_RE = re.compile(
    r"(?:特别|免责|版权|重要)?(?:声明|提示|说明)\s*:|(?:notice|disclaimer|copyright|legal notice)\s*:"
)
_STOPS_RE = re.compile(r"[.!?](?:\s|$)|[.!?]\"")
_TRAILING_SYMBOLS = re.compile(r"[\s\u2190-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]+$")
#: Folded sentence-final punctuation (。！？”」 fold to . ! ? " ").
SENTENCE_END = frozenset(".!?…\"')")
_FULL_STOP = frozenset(".…:")


#: A line that is only a reply button ends one comment of a thread.
REPLY_WORDS = frozenset(
    "reply antworten beantworten répondre responder rispondi responder 回复 回覆 答复".split()
)
_THREAD_HEADING = re.compile(
    r"(?:\d+\s+)?(?:comments?|responses?|replies|reactions?|réactions?|kommentare?|leserkommentare"
    r"|commentaires?|comentarios?|commenti|评论|网友评论|热门评论|最新评论|全部评论|精彩评论)(?:\s*\(\d+\))?"
    r"|\d+\s+(?:thoughts?\s+on|responses?\s+to|réflexions?\s+sur|kommentare?\s+zu|comentarios?\s+(?:en|a))\b.*"
)
_REPLY_TRIM = " ↓↑→»›|·•()[]"


def _comment_thread(f: str, spans, nonblank: list[int]) -> tuple[int, int] | None:
    """The first and last line of a reader-comment thread: at least two reply buttons, each
    closing a comment (author, optional time, text), opened by a heading such as
    ``14 Comments`` or ``Kommentare (3)`` when there is one."""
    replies = [i for i in nonblank if f[spans[i][0]:spans[i][1]].strip(_REPLY_TRIM) in REPLY_WORDS]
    if len(replies) < 2:
        return None
    pos = nonblank.index(replies[0])
    if pos < 2:
        return None
    start = nonblank[pos - 1]  # the first comment's text
    k = pos - 2
    while k >= 0 and pos - 2 - k < 2:  # its author and time: short lines, not prose
        line = f[spans[nonblank[k]][0]:spans[nonblank[k]][1]]
        if is_prose(line) or len(line.split()) > 4 or len(line) > 40:
            break
        start = nonblank[k]
        k -= 1
    for j in range(k, max(k - 4, -1), -1):  # a heading a few short lines above
        line = f[spans[nonblank[j]][0]:spans[nonblank[j]][1]]
        if _THREAD_HEADING.fullmatch(line):
            start = nonblank[j]
            break
        if is_prose(line):
            break
    return start, replies[-1]


@lru_cache(maxsize=16384)
def is_prose(s: str) -> bool:
    """Whether a folded, stripped line reads like article text (see the module docstring)."""
    if not s or _STATEMENT_RE.match(s):
        return False
    if not s[-1].isalnum() and s[-1] not in SENTENCE_END and s[-1] not in _FULL_STOP:
        s = _TRAILING_SYMBOLS.sub("", s) or s  # "…为止。”🍵": an emoji after the full stop
    cjk = cjk_count(s)
    is_cjk = cjk >= len(s) * 0.3
    size = cjk if is_cjk else len(s.split())
    last = s[-1]
    if last in _FULL_STOP:
        return size >= (12 if is_cjk else 8)
    if last in SENTENCE_END:
        return size >= (40 if is_cjk else 12)
    stops = sum(s.count(c) for c in ".!?") if is_cjk else len(_STOPS_RE.findall(s))
    return size >= (40 if is_cjk else 20) and stops >= 2


class FoldedPage:
    """A document's lines folded for matching, with the zones of the page.

    ``spans[i]`` is line ``i`` without its surrounding whitespace, as offsets into the text
    (equal in ``folded``); ``body`` is the indexes of the first and last prose lines, or ``None``.
    """

    def __init__(self, doc: Document):
        self.text = doc.text
        self.folded = fold(doc.text)
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []
        nonblank: list[int] = []
        prose: list[int] = []
        f = self.folded
        for i, line in enumerate(doc.lines):
            self.starts.append(line.start)
            t = line.text
            stripped = t.strip()
            if not stripped:
                self.spans.append((line.start, line.start))
                continue
            a = line.start + (len(t) - len(t.lstrip()))
            b = a + len(stripped)
            self.spans.append((a, b))
            nonblank.append(i)
            if is_prose(f[a:b]):
                prose.append(i)
        self.first = nonblank[0] if nonblank else None
        self.last = nonblank[-1] if nonblank else None
        self.body = (prose[0], prose[-1]) if prose else None
        self.thread = _comment_thread(f, self.spans, nonblank) if prose else None
        if self.thread is not None:
            # Comments read like prose; the article ends before them.
            before = [i for i in prose if i < self.thread[0]]
            self.body = (prose[0], before[-1]) if before else None
        by_length = sorted((self.spans[i][1] - self.spans[i][0], i) for i in nonblank)
        self.lengths = [n for n, _ in by_length]
        self.by_length = [i for _, i in by_length]
        #: Per-page results of the rules that share this page (pack hits, lists, the title).
        self.hits: dict[object, object] = {}

    @cached_property
    def by_first_char(self) -> dict[str, list[int]]:
        """Non-blank lines by the first character of their folded text."""
        out: dict[str, list[int]] = {}
        f = self.folded
        for i in self.by_length:
            out.setdefault(f[self.spans[i][0]], []).append(i)
        return out

    @classmethod
    def of(cls, doc: Document) -> "FoldedPage":
        """The page of ``doc``, cached in ``doc.meta`` for as long as the text is the same."""
        page = doc.meta.get("_folded_page")
        if page is None or page.text is not doc.text:
            page = doc.meta["_folded_page"] = cls(doc)
        return page

    def in_zone(self, i: int, zone: str) -> bool:
        if zone == "anywhere":
            return True
        if zone == "first-line":
            return i == self.first
        if zone == "last-line":
            return i == self.last
        if self.body is None:
            return True
        return i < self.body[0] if zone == "head" else i > self.body[1]

    def candidates(self, zone: str, max_length: int | None) -> Iterable[int]:
        """Non-blank lines that may be in ``zone`` and are no longer than ``max_length``."""
        if zone in ("first-line", "last-line"):
            i = self.first if zone == "first-line" else self.last
            return [] if i is None else [i]
        if zone in ("head", "tail") and self.body is not None:
            span = range(self.body[0]) if zone == "head" else range(self.body[1] + 1, len(self.spans))
            limit = max_length or len(self.text)
            return [i for i in span if 0 < self.spans[i][1] - self.spans[i][0] <= limit]
        return self.lines_up_to(max_length)

    def lines_up_to(self, max_length: int | None) -> list[int]:
        """Indexes of the non-blank lines no longer than ``max_length``."""
        if max_length is None:
            return self.by_length
        return self.by_length[: bisect.bisect_right(self.lengths, max_length)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1
