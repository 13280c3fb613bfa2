"""The page model: what the layout rules know of the page around an article.

Rules that judge a line by its place on the page (a breadcrumb above the article, a footer
below it, a list of headlines between its paragraphs) share one ``FoldedPage`` per document
text, cached in ``Document.meta``. It is computed in one pass over the lines when a rule first
asks for it; its derived facts (``title``, ``body_vocabulary``, ``trending_lists``) are cached
properties, computed on first use and never for a page no rule asks about. The words it needs
(list headings, section suffixes, byline labels) are data in ``data/structure.toml``.

The *body* runs from the first to the last prose line. A prose line reads like article text:

- it ends like a sentence (``。 . …``, or ``: ：`` introducing what follows) and has at least 12
  CJK characters or 8 words; or it ends with ``! ?`` or a closing quote and has at least 40 CJK
  characters or 12 words (headlines end with ``!`` and ``?`` too, rarely with a full stop);
- or it is long (40 CJK characters, 20 words) and holds two sentence stops inside;
- but a CJK line that ends with an ellipsis (``...``, ``…``) and holds no stop, comma or
  enumeration comma before it is a headline cut short for a list of teasers, not a sentence;
- and it does not open with a statement label (``Notice:``, ``特别声明:``, ``免责声明:``), the form
  of platform statements and disclaimers.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from operator import add
from pathlib import Path

import regex

from scrapelint.fold import fold
from scrapelint.model import Document
from scrapelint.text import CJK_RANGES, HAN, SENTENCE_STOPS, char_class, cjk_chars, cjk_count, word_count

DATA = Path(__file__).resolve().parent / "data" / "structure.toml"


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return {key: frozenset(fold(w).lower() for w in words) for key, words in raw.items()}



#: Labels that open platform statements and disclaimers ("特别声明:", "Notice:"): such a line is
#: not article prose however long it is. Other "label: text" lines (dialogue, notes) are.
_STATEMENT_RE = re.compile(
    r"(?:特别|免责|版权|重要)?(?:声明|提示|说明)\s*:|(?:notice|disclaimer|copyright|legal notice)\s*:"
)
_STOPS_RE = re.compile(r"[.!?](?:\s|$)|[.!?][\"\[]")
#: The longest reference mark read after a sentence's end (``_citations_end``).
CITATION_MAX = 24
#: What may trail a sentence's end besides white space: arrows and symbols, VS16, ZWJ, emoji.
_TRAILING_RANGES = ((0x2190, 0x2BFF), (0xFE0F, 0xFE0F), (0x200D, 0x200D), (0x1F000, 0x1FAFF))
_TRAILING_SYMBOLS = re.compile(rf"[\s{char_class(_TRAILING_RANGES)}]+$")
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


def _comment_thread(f: str, spans, nonblank: list[int], short: list[int]) -> tuple[int, int] | None:
    """The first and last line of a reader-comment thread: at least two reply buttons, each
    closing a comment (author, optional time, text), opened by a heading such as
    ``14 Comments`` or ``Kommentare (3)`` when there is one. ``short``: the lines that are not
    prose and not longer than ``MAX_HEADING``, where the buttons are."""
    replies = [i for i in short if f[spans[i][0]:spans[i][1]].strip(_REPLY_TRIM) in REPLY_WORDS]
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


@lru_cache(maxsize=4096)
def is_prose(s: str) -> bool:
    """Whether a folded, stripped line reads like article text (see the module docstring)."""
    if not s or (":" in s and _STATEMENT_RE.match(s)):  # every statement heading ends with ":"
        return False
    return _prose_core(s)


#: What a sentence cut short by an ellipsis holds before it, and a cut headline does not (folded:
#: 。，！？； are . , ! ? ;).
_TEASER_STOPS = frozenset(".!?,;、")


def is_teaser(s: str) -> bool:
    """Whether folded line ``s`` ends with an ellipsis and holds no stop, comma or 、 before it:
    in CJK text, a headline cut short for a list of teasers ("…获刑 涉案考生达50...")."""
    return (s[-1:] == "…" or s.endswith("..")) and not _TEASER_STOPS.intersection(s.rstrip(".…"))


#: The longest headline a list cuts short at a fixed width (``is_cut_headline``), and how many
#: of them in a row make a list.
CUT_HEADLINE_MAX = 80
CUT_RUN = 3
_NO_STOP = frozenset(".!?")


def is_cut_headline(s: str) -> bool:
    """Whether folded line ``s`` is a headline cut short at a fixed width, as lists of other
    stories print them (``…노르웨..``, ``Beijing warns US diplomat over…``): it ends with an
    ellipsis after a letter or a digit (a word cut, or a phrase cut after a word), holds
    no sentence stop before it, and is at most ``CUT_HEADLINE_MAX`` characters long. A sentence
    that trails off (``…再等等……``, ``that said...``) is told apart by the lists it stands in:
    T001 counts such lines only ``CUT_RUN`` or more in a row."""
    if len(s) > CUT_HEADLINE_MAX or not (s.endswith("..") or s[-1:] == "…"):
        return False
    core = s.rstrip(".…").rstrip()
    return bool(core) and core[-1].isalnum() and _NO_STOP.isdisjoint(core)


def _py_prose_core(s: str) -> bool:
    """``is_prose`` of a non-empty line that is not a statement heading (compiled: ``_lines.pyx``)."""
    if not s[-1].isalnum() and s[-1] not in SENTENCE_END and s[-1] not in _FULL_STOP:
        s = _TRAILING_SYMBOLS.sub("", s) or s  # "…为止。”🍵": an emoji after the full stop
    if s[-1] == "]":
        s = s[:_citations_end(s)]
    cjk = cjk_count(s)
    is_cjk = cjk >= len(s) * 0.3
    size = cjk if is_cjk else len(s.split())
    last = s[-1]
    if is_cjk and is_teaser(s):
        return False
    if last in _FULL_STOP:
        return size >= (12 if is_cjk else 8)
    if last in SENTENCE_END:
        return size >= (40 if is_cjk else 12)
    stops = sum(s.count(c) for c in ".!?") if is_cjk else len(_STOPS_RE.findall(s))
    return size >= (40 if is_cjk else 20) and stops >= 2


def _citations_end(s: str) -> int:
    """Where a sentence ends before the reference marks that follow it ("….[12][13]", "…。[注 1]",
    "….[citation needed]": up to ``CITATION_MAX`` characters in each pair of brackets), so that
    an encyclopedia's sentence reads as one; ``len(s)`` when no stop comes before such marks."""
    i = len(s)
    while i > 2 and s[i - 1] == "]":
        j = i - 2
        while j > 0 and i - j <= CITATION_MAX + 2 and s[j] not in "[]":
            j -= 1
        if j <= 0 or j == i - 2 or s[j] != "[" or i - j > CITATION_MAX + 2:
            break
        i = j
        if s[i - 1] in SENTENCE_END or s[i - 1] in _FULL_STOP:
            return i
    return len(s)


# -- line shapes (on folded, stripped lines) ---------------------------------------------------

_LONG_WORD = re.compile(r"\w{4,}")
SENT_END = SENTENCE_STOPS + "\"”」』)）"
TIMESTAMP = re.compile(
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[-/月]\d{1,2}日?\s+\d{1,2}:\d{2}"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"
    # "… ago" in Chinese, Japanese and Korean: "5分钟前", "2時間前", "3시간 전"
    r"|\d+\s*(?:(?:秒|分钟|小时|天|周|个月|年|分|時間|时间|日|週間|周间|か月|ヶ月)前|(?:초|분|시간|일|주|개월|년)\s*전)"
    r"|刚刚|昨天|前天"
    # a number first: "32m ago", "2 ore fa", "3 uur geleden", "2 часа назад", "5 minut temu", "3 saat önce"
    # (one branch for them all: the engine tries each branch at each position, so a number is
    # read once, not once per language)
    r"|\b\d+\s*(?:(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[smhdw])\s+ago"
    r"|(?:secondi|minuti|min|ore|ora|giorni|giorno|settimane|mesi|anni)\s+fa"
    r"|(?:seconden|minuten|min|uur|dagen|dag|weken|maanden|jaar)\s+geleden"
    r"|(?:секунд\w*|минут\w*|мин|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет)\.?\s+назад"
    r"|(?:sekund\w*|minut\w*|min|godz\w*|dni|dzień|tygodni\w*|miesi\w*|lat)\.?\s+temu"
    r"|(?:saniye|dakika|dk|saat|gün|hafta|ay|yıl)\s+önce)\b"
    # a word first: "vor 5 Min.", "il y a 2 h", "hace 3 horas", "há 2 dias", "Nov. 19, 2019"
    r"|\b(?:vor\s+\d+\s*(?:sek(?:unden)?|min(?:uten)?|std|stunden?|tag(?:en)?|wochen?|monaten?|jahren?)"
    r"|il y a\s+\d+\s*(?:s|sec|secondes?|min|minutes?|h|heures?|j|jours?|semaines?|mois|ans?)"
    r"|(?:hace|há)\s+\d+\s*(?:s|seg|segundos?|min|minutos?|h|horas?|d|días?|dias?|semanas?|mes|meses|años?|anos?)"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b"
)
CLAUSE_END = "。.；;，,"
#: What may stand around a label or a heading: spaces, separators and bullets.
ORNAMENTS = " \t>»›|·•-—_:：■□▪▫●○◆◇▶►▸★☆"
#: A heading's link to the rest of its list, after it: "相关推荐 更多", "Most read » more".
_MORE_TAIL = re.compile(rf"(?:[{re.escape(ORNAMENTS)}]*(?:更多|全部|more))+$")


def bare_label(s: str) -> str:
    """A folded heading or label without its ornaments and a trailing "more" link."""
    return _MORE_TAIL.sub("", s).strip(ORNAMENTS)


def _mostly_cjk(cjk: int, length: int) -> bool:
    """Whether a line of ``length`` characters, ``cjk`` of them CJK, is CJK text."""
    return cjk >= max(2, length * 0.3)


def line_shape(s: str) -> tuple[bool, int]:
    """(is CJK text, length in units: CJK characters, or words for other scripts)."""
    cjk = cjk_count(s)
    if _mostly_cjk(cjk, len(s)):
        return True, cjk
    return False, word_count(s)


def line_is_cjk(s: str) -> bool:
    """``line_shape(s)[0]``, without counting the words of other text."""
    return _mostly_cjk(cjk_count(s), len(s))


#: What every ``TIMESTAMP`` match holds: a digit, or one of the three words without one.
_TIMESTAMP_HINT = re.compile(r"\d|刚刚|昨天|前天")


#: A dash, a tilde or "to" between a date or time and a digit: ``8:30-9:00``, ``12月11-12日``.
_RANGE_AFTER = re.compile(r"\s*(?:[-–—~～至到]|\s(?:to|bis|à)\s)\s*\d")
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-–—~～至到]|\s(?:to|bis|à)\s)\s*$")


def is_timestamp_line(s: str) -> bool:
    """Whether a line is a timestamp with at most a few characters around it.

    A range of dates or times (``8:30-9:00 开幕式``, ``11-12 March``) is not: a list of other
    stories stamps each with when it was posted, and a range is when something takes place — a
    programme, an agenda, a timetable, which are content. Nor is a date under a label other than
    a publication's (``发行日期：2005年7月1日``, ``Born: 4 May 1970``): a field of a record, of a
    discography or an infobox."""
    if not _TIMESTAMP_HINT.search(s):
        return False
    rest: list[str] = []  # the line without its timestamps
    pos = 0
    for m in TIMESTAMP.finditer(s):
        if _RANGE_AFTER.match(s, m.end()) or _RANGE_BEFORE.search(s, max(0, m.start() - 6), m.start()):
            return False
        rest.append(s[pos:m.start()])
        pos = m.end()
    if not pos:
        return False
    rest.append(s[pos:])
    rest_text = "".join(rest).strip(" \t·|-,/")
    if len(rest_text) > 12:
        return False
    label = rest_text[:-1].strip() if rest_text.endswith(":") else ""
    return not label or label in _STAMP_LABELS or _STAMP_LABEL_WORD.search(label) is not None


#: The labels of a publication time ("发布时间：", "Posted:", "Updated:"); a date under another
#: label is a field of a record.
_STAMP_LABELS = frozenset(("日期", "时间", "date", "time"))
_STAMP_LABEL_WORD = re.compile(r"发布|发表|更新|修改|编辑|上传|来源|post|publi|updat|modif|edit|upload")


# A full stop with more text after it: CJK "。" (folded to ".") anywhere but the end (headlines
# do use "!" and "?" inside), or a Latin ". " between sentences after a word of four letters or
# more (not "U.S.", "Mr." or "4 Min."). Headlines, menu entries and widget labels never hold one.
_INNER_STOP = re.compile(f"[{HAN}][.](?!\\.)[\"')]?(?=\\S)|([a-z]{{4,}})[.!?][\"')]?\\s+[a-z{HAN}]")
#: Abbreviations of four letters or more that end with a full stop inside a headline or label.
_ABBREVIATIONS = frozenset("approx incl excl dept govt corp intl univ prof sept anm. bzgl ggf. inkl zzgl".replace(".", "").split())


def has_sentence(s: str) -> bool:
    """Whether a folded line holds a sentence boundary inside it (so it is prose, not a label)."""
    for m in _INNER_STOP.finditer(s):
        if m.group(1) is None or m.group(1) not in _ABBREVIATIONS:
            return True
    return False


@lru_cache(maxsize=1)
def _heading_prefixes() -> tuple[str, ...]:
    return tuple(sorted(vocabulary()["list-headings"], key=len, reverse=True))


def list_heading(s: str) -> str | None:
    """The list heading a line is (`相关推荐`, `Most read`), allowing a short tail (`往期回顾 全部`)."""
    s = s.lower()  # the fold lowers ASCII only: "Última hora"
    key = bare_label(s)
    if key in vocabulary()["list-headings"]:
        return key
    if len(s) > 40 or not s.startswith(_heading_prefixes()):
        return None
    short_tail = next((h for h in _heading_prefixes() if s.startswith(h) and len(s) - len(h) <= 4), None)
    if short_tail is not None:
        return short_tail
    # A heading of two words or more and the section it lists: "Most read in world news", "Top
    # stories in Nation", "Most read business". (Not "Most popular dog breeds in America", a
    # subheading of the article.)
    for h in _heading_prefixes():
        if " " in h and s.startswith(h) and s[len(h)] == " ":
            words = s[len(h):].strip(ORNAMENTS + ":.»").split()
            if words and (len(words) <= 2 or (words[0] in _SECTION_PREPOSITIONS and len(words) <= 5)):
                return h if not any(c in SENTENCE_STOPS for c in "".join(words)) else None
            return None
    return None


#: The words that open the section after a list heading ("Most read in …", "Popular now on …").
_SECTION_PREPOSITIONS = frozenset(("in", "on", "at", "from", "im", "en", "dans", "aus", "de", "del", "di"))


#: A line that ends like a sentence, or with a closing quote after one.
_SENTENCE_CLOSE = tuple(SENTENCE_STOPS + "”」』")
# The article's own end marks: (完), (End), -30-, ###.
_END_MARK = re.compile(r"[(（\[]?\s*(?:完|全文完|end|ends|-30-)\s*[)）\]]?|#{3}|-30-|\*{3}")


def is_table_row(s: str) -> bool:
    """Whether line ``s`` holds cells separated by tabs: a row of a table, the article's own."""
    return "\t" in s and "\t" in s.strip()  # (no new string for the lines without a tab)


#: The longest CJK line (in CJK characters), and other line (in words), that ``_is_slogan``
#: takes for a link's call rather than a sentence.
MAX_SLOGAN = 16
MAX_SLOGAN_WORDS = 4


def _is_slogan(s: str) -> bool:
    """Whether a folded line is a short call ending with ``!`` or ``?`` and nothing before it
    that ends a clause ("想创业的人必看!", "年轻人还买得起房子吗?", "Why subscribe?"): the text
    of an ad's or a teaser's link or of a widget, as the runs after an article hold them."""
    if s[-1] not in "!?" or _TEASER_STOPS.intersection(s.rstrip("!? ")):
        return False
    cjk = cjk_count(s)
    return cjk <= MAX_SLOGAN if _mostly_cjk(cjk, len(s)) else len(s.split()) <= MAX_SLOGAN_WORDS


def is_furniture(s: str, strict: bool = False) -> bool:
    """Whether folded line ``s`` is shaped like page furniture: short, not a sentence, not an end
    mark, not a table's row (cells between tabs) (and, ``strict``, not a credit in brackets such
    as ``（记者 …）``; but a short call ending with "!" or "?" is furniture there, as in the runs
    after an article)."""
    if not s or _END_MARK.fullmatch(s) or has_sentence(s) or is_table_row(s):
        return False
    if s.endswith(_SENTENCE_CLOSE) and not ((is_teaser(s) and line_is_cjk(s)) or (strict and _is_slogan(s))):
        return False  # a sentence (a CJK headline cut short ends with an ellipsis too, a call with "!")
    if s[-1] in "\"'" and s.rstrip("\"'").endswith(_SENTENCE_CLOSE):
        return False  # a sentence in quotes (the fold makes “…” straight)
    if strict and (s[0] in "(（[【" and s[-1] in ")）]】"):
        return False
    cjk, size = line_shape(s)
    return size <= (30 if cjk else 12) and len(s) <= 120


#: Besides digits, the characters no menu entry holds: code and markup, and the tab between the
#: cells of a table's row.
_NOT_A_LABEL_CHARS = "[](){}=<>;$_/\\@#%\t"
_NOT_A_LABEL = re.compile(rf"[\d{re.escape(_NOT_A_LABEL_CHARS)}]")
_CLAUSE_MARKS = frozenset(".!?。！？:：;；,，")


@lru_cache(maxsize=4096)
def is_label(s: str) -> bool:
    """Whether folded line ``s`` is shaped like a menu entry or section name: two to eight CJK
    characters or one to four words, without digits, code characters or closing punctuation."""
    return _label(s)


def _py_label(s: str) -> bool:
    """``is_label`` in Python (compiled: ``_lines.pyx``)."""
    if not s or s[-1] in _CLAUSE_MARKS or _NOT_A_LABEL.search(s):
        return False
    if cjk_count(s) * 2 >= len(s):
        return 2 <= len(s) <= 8
    return len(s) <= 30 and len(s.split()) <= 4


try:  # compiled when the package was built with a C compiler: the same answers
    from scrapelint.rules._lines import LineTests
except ImportError:
    _prose_core, _label = _py_prose_core, _py_label
    _scan = None
else:
    _tests = LineTests(
        CJK_RANGES, "".join(_FULL_STOP), "".join(SENTENCE_END),
        _TRAILING_RANGES, _NOT_A_LABEL_CHARS, "".join(_CLAUSE_MARKS), "".join(_TEASER_STOPS),
    )
    _prose_core, _label = _tests.prose_core, _tests.label
    _scan = _tests.scan  # FoldedPage's pass over the lines (``_py_scan``), in place


@lru_cache(maxsize=2048)  # fix passes and sites' recurring lines ask again
def line_grams(s: str) -> frozenset[str]:
    """Character bigrams of CJK text, words of four letters or more of other text."""
    if line_is_cjk(s):
        chars = cjk_chars(s)
        return frozenset(map(add, chars, chars[1:]))
    return frozenset(_LONG_WORD.findall(s))


class Vocabulary:
    """The grams (``line_grams``) of some lines — the article body's — without building them all.

    A page's body holds thousands of CJK bigrams and words, but only a few lines are ever
    compared with it, so none of them is built: a bigram (always two characters, where a word of
    other text has four or more) is looked up in the CJK lines' CJK characters, a word in the
    other lines as a whole run of word characters; the lines are joined by line breaks, so that
    nothing straddles two of them.
    """

    __slots__ = ("_cjk", "_parts", "_other", "_text", "_lookups", "_sets")

    def __init__(self, lines: Iterable[str]):
        self._parts: list[str] = []
        self._other: list[str] = []
        for s in lines:
            chars = cjk_chars(s)
            if _mostly_cjk(len(chars), len(s)):  # line_is_cjk(s), with the characters at hand
                self._parts.append(chars)
            else:
                self._other.append(s)
        self._cjk = "\n".join(self._parts)
        self._text = "\n".join(self._other)
        self._lookups = 0
        self._sets: tuple[set[str], set[str]] | None = None

    def __contains__(self, gram: str) -> bool:
        sets = self._sets
        if sets is None and self._lookups < LOOKUPS_BEFORE_SETS:
            self._lookups += 1
        elif sets is None:
            # Each look-up reads the body: past a few dozen (a long page's lists), its grams are
            # built once instead, or a page of 250,000 characters costs seconds.
            bigrams: set[str] = set()
            for part in self._parts:
                bigrams.update(map(add, part, part[1:]))
            sets = self._sets = (bigrams, set(_LONG_WORD.findall(self._text)))
        if sets is not None:
            return gram in sets[0 if len(gram) == 2 else 1]
        if len(gram) == 2:
            return gram in self._cjk
        text, n = self._text, len(gram)
        i = text.find(gram)
        while i >= 0:  # a word of ``line_grams`` is a whole run of \w: not inside a longer one
            j = i + n
            if (i == 0 or not _is_word_char(text[i - 1])) and (j == len(text) or not _is_word_char(text[j])):
                return True
            i = text.find(gram, i + 1)
        return False

    def at_least(self, n: int) -> bool:
        """Whether the lines hold ``n`` distinct grams or more (counted only as far as needed)."""
        found: set[str] = set()
        for s in self._other:
            if len(found) >= n:
                return True
            found.update(_LONG_WORD.findall(s))
        for part in self._parts:
            if len(found) >= n:
                break
            found.update(map(add, part, part[1:]))
        return len(found) >= n


#: Look-ups a ``Vocabulary`` answers by reading its text before it builds its sets of grams.
LOOKUPS_BEFORE_SETS = 64


def _is_word_char(c: str) -> bool:
    """``\\w`` of Python's ``re`` module on text: alphanumeric or the underscore."""
    return c.isalnum() or c == "_"


def vocabulary_overlap(lines: list[str], vocab: Vocabulary, extra: int = 0) -> float:
    """Share of the lines' grams that occur in the article body, counted with ``extra`` grams
    more than they have (a line of one or two grams that happen to occur proves little)."""
    total = hit = 0
    for s in lines:
        g = line_grams(s)
        total += len(g)
        hit += sum(1 for x in g if x in vocab)
    return hit / (total + extra) if total else 0.0


_ANNOTATION = regex.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


_LABEL_FIELD = regex.compile(r"(?:^|(?<=[\s|·,]))([\p{L} ']{1,16}?)\s*:")
_CJK_BEFORE_COLON = regex.compile(f"([{HAN}]{{2,16}})\\s*:")
_BY_NAME = regex.compile(r"(?:by|von|par|por)\s+\p{Lu}?\p{L}+")


def has_word(s: str, word: str) -> bool:
    """``word`` in ``s``, as a whole word when it is written in letters of a spaced script."""
    i = s.find(word)
    while i >= 0:
        j = i + len(word)
        if not (word[0].isascii() or word[-1].isascii()) or (
            (i == 0 or not s[i - 1].isalpha()) and (j == len(s) or not s[j].isalpha())
        ):
            return True
        i = s.find(word, i + 1)
    return False


def byline_labels(s: str) -> list[str]:
    labels = vocabulary()["byline-labels"]
    found = []
    s = _ANNOTATION.sub("", s)  # a leaked reading `发(fa)布时间` still labels a byline
    for m in _LABEL_FIELD.finditer(s):
        if m.group(1).strip() in labels:
            found.append(m.group(1).strip())
    # CJK fields glued together ("09:58:03来源:网易科学人作者:张三"): the label ends the run of CJK
    # characters before a colon.
    for m in _CJK_BEFORE_COLON.finditer(s):
        run = m.group(1)
        if m.start(1) and s[m.start(1) - 1] not in " \t|·,":  # (at a boundary, _LABEL_FIELD's)
            label = next((run[-k:] for k in range(min(6, len(run)), 1, -1) if run[-k:] in labels), None)
            if label is not None:
                found.append(label)
    if _BY_NAME.match(s) and "by" in labels:
        found.append("by")
    return found


#: Prose lines of the article needed above a list heading for the heading to end the article.
#: On the real careless scrapes measured, a heading such as "Related" or "相关文章" after ten
#: prose lines or more was followed by other stories' teasers and the page's tail (the lines it
#: moves out of the article: 2,956 noise and 40 content lines removed); after fewer, it is as
#: often a box of links inside the story, which goes on below it.
MIN_PROSE_ABOVE_LIST = 10
#: The longest line looked at as a list heading (a heading, its decoration and a short tail) or
#: as a comment's reply button.
MAX_HEADING = 60


#: Prose lines of the article more than this many non-blank lines apart belong to different
#: blocks of prose (``_start_at_core``).
PROSE_GAP = 8
#: A block of prose of at most this many characters is thin: a menu's description of a section
#: ("Get ready for the new bin collection days."), a widget's prompt.
THIN_PROSE = 300
#: The share of label-shaped lines above the article's main block that makes that part of the
#: page a site header, whatever thin prose it holds.
HEADER_LABELS = 0.4


def _start_at_core(spans, nonblank: list[int], prose: list[int], labels_of, body: tuple[int, int]) -> tuple[int, int]:
    """``body`` started at its main block of prose when what comes before that block is a site
    header: only thin blocks of prose (``THIN_PROSE``), none of which is alone the bulk of the
    article, among lines of which ``HEADER_LABELS`` or more are shaped like labels. A careless
    scrape of a portal opens with menus whose entries carry a sentence of description each;
    read as the start of the article, they hide the title and the furniture above it. An article
    that opens with a short paragraph before its table or list (a programme, an event's
    details) keeps its start: those lines are not labels. ``labels_of()``: the page's label
    marks (``FoldedPage.labels``), asked for only when the blocks leave the question open."""
    first, last = body
    lo, hi = bisect.bisect_left(prose, first), bisect.bisect_right(prose, last)
    if hi - lo < 2:
        return body
    # When all the lines between the body's prose lines are fewer than a gap, it is one block:
    # most pages, answered without a pass over their lines.
    span = bisect.bisect_left(nonblank, prose[hi - 1]) - bisect.bisect_left(nonblank, prose[lo]) + 1
    if span - (hi - lo) <= PROSE_GAP:
        return body
    # The blocks of prose: (first line, last line, characters).
    blocks: list[list[int]] = []
    previous = -1
    for i in prose[lo:hi]:
        rank = bisect.bisect_left(nonblank, i)
        a, b = spans[i]
        if blocks and rank - previous - 1 <= PROSE_GAP:
            blocks[-1][1] = i
            blocks[-1][2] += b - a
        else:
            blocks.append([i, i, b - a])
        previous = rank
    if len(blocks) < 2:
        return body
    main = max(range(len(blocks)), key=lambda k: blocks[k][2])
    before = blocks[:main]
    if not before or max(size for _, _, size in before) > THIN_PROSE or \
            blocks[main][2] < sum(size for _, _, size in before):
        return body
    header = nonblank[bisect.bisect_left(nonblank, first):bisect.bisect_left(nonblank, blocks[main][0])]
    labels = labels_of()
    if sum(labels[i] for i in header) < HEADER_LABELS * len(header):
        return body
    return blocks[main][0], last


def _end_at_list(f: str, spans, prose: list[int], short: list[int], body: tuple[int, int]) -> tuple[int, int]:
    """``body`` ended before the first list heading that follows ``MIN_PROSE_ABOVE_LIST`` of its
    prose lines: what comes after it (headlines and teasers of other stories, read like prose)
    is the page's, not the article's. ``short``: the lines that may be a heading (not prose, at
    most ``MAX_HEADING`` characters)."""
    first, last = body
    k = bisect.bisect_left(prose, first) + MIN_PROSE_ABOVE_LIST - 1  # the last prose line it needs
    if k >= len(prose) or prose[k] >= last:
        return body
    for i in short[bisect.bisect_right(short, prose[k]):bisect.bisect_left(short, last)]:
        a, b = spans[i]
        if list_heading(f[a:b]):
            return first, prose[bisect.bisect_left(prose, i) - 1]
    return body


def _py_scan(text: str, folded: str, lines, max_heading: int, statement):
    """The page model's pass over the lines in Python (compiled: ``_lines.pyx``'s ``scan``, which
    also marks the labels; here they are found when first asked for: ``None``)."""
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    nonblank: list[int] = []
    sizes: list[int] = []
    prose: list[int] = []
    short: list[int] = []
    for i, line in enumerate(lines):
        starts.append(line.start)
        t = line.text
        stripped = t.strip()
        if not stripped:
            spans.append((line.start, line.start))
            continue
        a = line.start + (len(t) - len(t.lstrip()))
        b = a + len(stripped)
        spans.append((a, b))
        nonblank.append(i)
        sizes.append(b - a)
        if is_prose(folded[a:b]):
            prose.append(i)
        elif b - a <= max_heading:
            short.append(i)
    return starts, spans, nonblank, sizes, prose, short, None


class FoldedPage:
    """A document's lines folded for matching, with the zones of the page.

    ``spans[i]`` is line ``i`` without its surrounding whitespace, as offsets into the text
    (equal in ``folded``); ``body`` is the indexes of the first and last prose lines of the
    article, or ``None``: it ends before a reader-comment thread, and before a list heading that
    follows ``MIN_PROSE_ABOVE_LIST`` of its prose lines; it starts at its main block of prose when
    only a site header's thin prose comes before (``_start_at_core``).
    """

    def __init__(self, doc: Document):
        self.text = doc.text
        #: The document as it came, when this is the text of a later fix pass: what the page is
        #: (``opens_with_article``) is judged on it.
        self.original = doc.original
        self.folded = f = fold(doc.text)
        scan = _scan or _py_scan
        self.starts, self.spans, nonblank, sizes, prose, short, labels = scan(
            doc.text, f, doc.lines, MAX_HEADING, _STATEMENT_RE.match)
        if labels is not None:
            self.__dict__["labels"] = labels
        #: The non-blank lines, and those of them that read like article text (``is_prose``), in order.
        self.nonblank, self.prose = nonblank, prose
        self.first = nonblank[0] if nonblank else None
        self.last = nonblank[-1] if nonblank else None
        self.body = (prose[0], prose[-1]) if prose else None
        self.thread = _comment_thread(f, self.spans, nonblank, short) if prose else None
        if self.thread is not None:
            # Comments read like prose; the article ends before them.
            before = [i for i in prose if i < self.thread[0]]
            self.body = (prose[0], before[-1]) if before else None
        if self.body is not None:
            self.body = _end_at_list(f, self.spans, prose, short, self.body)
            self.body = _start_at_core(self.spans, nonblank, prose, lambda: self.labels, self.body)
        order = sorted(range(len(nonblank)), key=sizes.__getitem__)  # stable: by length, then index
        self.lengths = [sizes[k] for k in order]
        self.by_length = [nonblank[k] for k in order]
        #: Hits of the pack matchers that scanned this page, by matcher.
        self.hits: dict[object, object] = {}

    # -- lines -------------------------------------------------------------------------------

    def line(self, i: int) -> str:
        """Line ``i``, folded and stripped."""
        a, b = self.spans[i]
        return self.folded[a:b]

    @cached_property
    def prose_set(self) -> frozenset[int]:
        """``prose`` as a set, for look-ups line by line."""
        return frozenset(self.prose)

    @cached_property
    def labels(self) -> Sequence[int]:
        """For each line, whether it is shaped like a label (``is_label``; 0 for a blank line)
        — marked by the compiled pass over the lines, else found here on first use."""
        f = self.folded
        return bytearray(a != b and is_label(f[a:b]) for a, b in self.spans)

    @cached_property
    def outside(self) -> tuple[range, ...]:
        """The lines before and the lines after the article body; none when no body was found:
        without an article to compare with, page furniture cannot be told from content."""
        if self.body is None:
            return ()
        return range(self.body[0]), range(self.body[1] + 1, len(self.spans))

    # -- derived facts, computed on first use ---------------------------------------------------

    @cached_property
    def body_vocabulary(self) -> Vocabulary:
        """The words (CJK bigrams) of the article's prose lines — not of the lists, headings and
        widgets between them, which are what the vocabulary is used to judge."""
        return self.vocabulary_without(())

    def vocabulary_without(self, lines: Iterable[int]) -> Vocabulary:
        """``body_vocabulary`` without the words of ``lines`` (lines that read as prose, judged
        as something else)."""
        if self.body is None:
            return Vocabulary([])
        f, prose, first, left_out = self.folded, self.prose_set, self.body[0], set(lines)
        return Vocabulary([
            line for i, (a, b) in enumerate(self.spans[first:self.body[1] + 1], first)
            if i not in left_out and (line := f[a:b]) and (i in prose or has_sentence(line))
        ])

    @cached_property
    def title(self) -> int | None:
        """The line that is most likely the page's title: before the body, shaped like a headline
        (not a byline or a timestamp), and sharing the most vocabulary with the article (the share
        of its grams found there, counted with one gram more: a menu entry that happens to share
        its one word is no headline), the earliest of the close candidates; when that is the
        page's first line and the same line comes again above the article, the later copy.
        ``None`` when the article is too short to tell."""
        if self.body is None:
            return None
        vocab = self.body_vocabulary
        if not vocab.at_least(MIN_BODY_VOCABULARY):
            return None
        scored = []
        for i in range(self.body[0]):
            s = self.line(i)
            if (not s or s[-1] in CLAUSE_END or has_sentence(s) or "<" in s or TIMESTAMP.search(s) or byline_labels(s)
                    or tag_list(s)):
                continue
            cjk, size = line_shape(s)
            if not ((cjk and 4 <= size <= 45) or (not cjk and 2 <= size <= 25)):
                continue
            # Counted with one gram more: a menu entry of one word that the article happens to
            # use ("About Our Ads") proves little.
            scored.append((vocabulary_overlap([s], vocab, extra=1), i))
        if not scored:
            return None
        best = max(o for o, _ in scored)
        if best < 0.2:
            return None
        first = min(i for o, i in scored if o >= 0.6 * best)
        if first == self.nonblank[0]:
            # The page's <title> as its first line, and the headline again above the article:
            # the headline is the title (what lies between is the site's header).
            head = self.line(first)
            first = max(i for _, i in scored if self.line(i) == head)
        return first

    @cached_property
    def opens_with_article(self) -> bool:
        """Whether the page starts with its article and is not full of menus: nothing above the
        title that looks like page furniture, at most ``MAX_HEAD_LINES`` lines before the body,
        and fewer than ``MENU_PAGE_LABELS`` of its lines shaped like menu entries — the output of an HTML
        extractor or of a careful scraper, whose remaining short lines are as often the article's
        own lists as furniture. Judged on the page as it came: a page whose first fix pass removed
        the lines above its article did not open with it."""
        if self.original is not None:
            return FoldedPage.of(self.original).opens_with_article
        if self.body is None:
            return False
        title = self.title
        if title is not None and any(is_furniture(self.line(i)) for i in range(title)):
            return False
        if sum(1 for i in range(self.body[0]) if self.spans[i][0] != self.spans[i][1]) > MAX_HEAD_LINES:
            return False
        return sum(self.labels) < MENU_PAGE_LABELS * len(self.nonblank)

    @cached_property
    def trending_lists(self) -> list["HeadlineList"]:
        """The lists of other stories' headlines on the page (see ``HeadlineList``)."""
        return list(_headline_lists(self))

    @cached_property
    def chronologies(self) -> list[tuple[int, int]]:
        """The ``(first, last)`` lines of the lists dated across decades (``HeadlineList.years``):
        the article's own tables, which the shape rules leave alone too."""
        return [(h.first, h.last) for h in self.trending_lists if h.years]

    @cached_property
    def numbered_rows(self) -> frozenset[int]:
        """The lines of a numbered programme (``_numbered_rows``: "1a etapa: …", "Day 2: …"): the
        article's own table, never a list of headlines nor page furniture."""
        return frozenset(_numbered_rows(self))

    @cached_property
    def has_own_table(self) -> bool:
        """Whether the page holds a table of the article's own (``in_own_table``)."""
        return bool(self.chronologies or self.numbered_rows)

    def in_own_table(self, first: int, last: int | None = None) -> bool:
        """Whether lines ``first`` to ``last`` (or line ``first``) touch a table of the article's
        own, which the shape rules leave alone: a chronology or a numbered programme."""
        if not self.has_own_table:
            return False
        if last is None or last == first:
            return first in self.numbered_rows or any(a <= first <= b for a, b in self.chronologies)
        return (any(a <= last and first <= b for a, b in self.chronologies)
                or any(first <= i <= last for i in self.numbered_rows))

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
            return zone != "outside"  # no article, nothing outside it; head and tail are everywhere
        if zone == "outside":
            return not self.body[0] <= i <= self.body[1]
        return i < self.body[0] if zone == "head" else i > self.body[1]

    def candidates(self, zone: str, max_length: int | None) -> Iterable[int]:
        """Non-blank lines that may be in ``zone`` and are no longer than ``max_length``."""
        if zone in ("first-line", "last-line"):
            i = self.first if zone == "first-line" else self.last
            return [] if i is None else [i]
        if zone == "outside" and self.body is None:
            return []
        if zone in ("head", "tail", "outside") and self.body is not None:
            head, tail = range(self.body[0]), range(self.body[1] + 1, len(self.spans))
            spans = {"head": (head,), "tail": (tail,), "outside": (head, tail)}[zone]
            limit = max_length or len(self.text)
            return [i for span in spans for i in span if 0 < self.spans[i][1] - self.spans[i][0] <= limit]
        return self.lines_up_to(max_length)

    def lines_up_to(self, max_length: int | None) -> list[int]:
        """Indexes of the non-blank lines no longer than ``max_length``."""
        if max_length is None:
            return self.by_length
        return self.by_length[: bisect.bisect_right(self.lengths, max_length)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


#: Below this many distinct words (or CJK bigrams) the body is too small to say which head line
#: shares its vocabulary, and no title is named.
MIN_BODY_VOCABULARY = 25
#: Lines before the body of a page that opens with its article: an extractor keeps the title, a
#: byline, a date and a standfirst, and now and then a line of related links (on the real pages
#: measured, five kept the careless scrapes' figures and made fewer removals unsafe after an
#: extractor than three did).
MAX_HEAD_LINES = 5
#: A page with this share of label-shaped lines (menu entries, section names) is a scraped page
#: full of menus even when its article comes first. On the real pages measured, an extractor's
#: output has at most 41 % of them, a careless scrape that starts with its article 42–79 %.
MENU_PAGE_LABELS = 0.45


# -- lists of other stories' headlines -------------------------------------------------------

_LIST_KINDS = ("heading", "headline", "timestamp", "section", "timed", "rank")
#: The kinds that are stories of a list: a headline alone, its timestamp, or both on one line.
_STORY_KINDS = ("headline", "timestamp", "timed")
#: The kinds that hold a story's headline (a list needs two of them: ``_judge_list``).
_HEADLINE_KINDS = ("headline", "timed")


@dataclass(frozen=True)
class HeadlineList:
    """A block of headlines of other stories (lines ``first`` to ``last``), with the evidence
    that it is a list: its heading, timestamps, repeated headlines and section labels, and the
    share of its words found in the article."""

    first: int
    last: int
    items: int
    heading: str | None
    timestamps: int
    repeated: int
    sections: int
    overlap: float
    safe: bool
    confidence: float
    #: Years between the earliest and the latest dated timestamp, when the list is a chronology.
    years: int = 0
    #: Headlines that open with a column tag in brackets.
    tagged: int = 0
    #: Its items are as long as lines of a text (``LONG_CJK_HEADLINE``).
    long_lines: bool = False
    #: Headlines cut short by an ellipsis (``is_cut_headline``).
    cut: int = 0
    #: Items under a rank alone on the line above (``RANK_RUN``).
    ranked: int = 0


def _headline_lists(page: FoldedPage) -> Iterable[HeadlineList]:
    if page.body is None:
        return
    prose, f = page.prose_set, page.folded
    kinds = ["prose" if i in prose else _line_kind(page, i) for i in range(len(page.spans))]
    # Headlines cut short read as sentences (to the prose test too): three or more in a row are
    # the items of a list, one alone is a sentence that trails off.
    run: list[int] = []
    for i in chain(page.nonblank if ".." in f or "…" in f else (), (None,)):
        if i is not None:
            a, b = page.spans[i]
            if f[b - 1] in ".…" and is_cut_headline(f[a:b]):
                run.append(i)
                continue
        if len(run) >= CUT_RUN:
            for k in run:
                kinds[k] = "headline"
        run = []
    # Lines of lists that read as prose: their words are not the article's.
    not_article = _teaser_deks(page.nonblank, page.prose, kinds)
    for k in not_article:
        kinds[k] = "dek"
    for k in page.numbered_rows:
        kinds[k] = "row"  # the steps of a programme: never headlines
    for k in _ranked_items(page, kinds):
        if kinds[k] in ("prose", "long"):
            not_article.append(k)
        kinds[k] = "headline"
    vocab = title = None  # the article's words and the page's title: looked up for a run of two headlines
    i, n = 0, len(kinds)
    while i < n:
        if kinds[i] in ("blank", "prose", "long", "row"):
            i += 1
            continue
        j = i
        last = i
        while j < n and kinds[j] not in ("prose", "long", "row"):
            if kinds[j] != "blank":
                last = j
            j += 1
        # The list is its items: leading menu lines and trailing footer lines of the run are
        # left to the boilerplate rules (and keep their own category).
        items = [k for k in range(i, last + 1) if kinds[k] in _LIST_KINDS]
        if sum(1 for k in items if kinds[k] in _HEADLINE_KINDS) < 2:
            i = j  # no list of two headlines (a lone headline: the title and its date, a subheading)
            continue
        if vocab is None:
            vocab = page.vocabulary_without(not_article) if not_article else page.body_vocabulary
            title = page.title
        heading = next((k for k in items if kinds[k] == "heading"), None)
        first = heading if heading is not None else (items[0] if items else i)
        end = max((k for k in items if kinds[k] in _STORY_KINDS), default=last)
        after = next((k for k in range(end + 1, last + 1) if kinds[k] != "blank"), None)
        if after is not None and kinds[after] == "dek":
            end = after  # the last card's standfirst, printed below its time
        if title is not None and first <= title <= end:
            first = title + 1  # the title is never part of a list, whatever it looks like
        # Nor are the headline-shaped lines that close the run and share the article's words
        # (a title and standfirst right after a ticker or a menu) — but a headline cut short is a
        # list's item, whose words are the article's only because it reads as prose.
        related = _related_after(page, heading)
        while (end > first and kinds[end] == "headline" and not is_cut_headline(line := page.line(end))
               and not related and vocabulary_overlap([line], vocab) >= 0.5):
            end = max((k for k in items if first <= k < end and kinds[k] in _STORY_KINDS),
                      default=first)
        found = _judge_list(page, kinds, first, end, vocab) if first <= end else None
        if found is not None:
            yield found
        i = j


def _related_after(page: FoldedPage, k: int | None) -> bool:
    """Whether line ``k`` is a heading of related stories ("Related", "相关阅读": the
    ``related-headings``) after the article: its list's headlines share the article's words by
    design."""
    return k is not None and k > page.body[1] and list_heading(page.line(k)) in vocabulary()["related-headings"]


#: Teaser cards: a headline, its standfirst (a sentence or two) and the time it was posted, as a
#: portal lists its other stories ("Why some towns paint their bus shelters yellow / Council
#: officers say … / 32m ago"). The standfirst reads as prose and would cut the list into pieces of one headline;
#: in DEK_RUN such cards or more in a row it is taken as part of the list.
DEK_RUN = 3


def _teaser_deks(nonblank: list[int], prose: list[int], kinds: list[str]) -> list[int]:
    """The lines read as prose that stand between a headline and a timestamp (or between a
    timestamp and the next card's headline: a card printed as headline, author, date,
    standfirst), in runs of ``DEK_RUN`` such cards or more (a card's timestamp at most two lines
    before the next card's headline) below ``MIN_PROSE_ABOVE_LIST`` prose lines of an article.
    (A live blog's entries have the same shape, but they are the article, from its top.)"""
    found: list[int] = []
    run: list[int] = []
    if kinds.count("timestamp") < DEK_RUN:
        return found

    def close() -> None:
        if len(run) >= DEK_RUN and bisect.bisect_left(prose, nonblank[run[0] - 1]) >= MIN_PROSE_ABOVE_LIST:
            found.extend(nonblank[y] for y in run)
        run.clear()

    last = len(nonblank) - 1
    for x in range(1, last + 1):
        before, after = kinds[nonblank[x - 1]], kinds[nonblank[x + 1]] if x < last else None
        if kinds[nonblank[x]] in ("prose", "long") and (
                (before in _HEADLINE_KINDS and after == "timestamp")
                # the card's time above its standfirst, and the next card's headline (or the page's
                # end, after cards) below it
                or (before == "timestamp" and (after in _HEADLINE_KINDS or (after is None and run)))):
            if run and x - run[-1] > 4:
                close()
            run.append(x)
    close()
    return found


#: A ranked list: "Most read" and "Top topics" boxes print each item's rank alone on the line above
#: it ("1", "2." …). RANK_RUN ranks or more from 1 make the lines after them the list's items,
#: whatever their shape (a headline may hold a sentence: "… was bad. It just got worse."), below
#: MIN_PROSE_ABOVE_LIST prose lines of an article and where at most a third of them end like a
#: sentence (the steps of a recipe, numbered so, are sentences).
RANK_RUN = 3
_RANK = re.compile(r"(\d{1,2})[.)]?")
_MAX_RANKED_ITEM = 160
_RANK_ONE = frozenset(("1", "1.", "1)"))


#: A line that opens with a numbered label ("1a etapa: 10 de março – Interlagos", "Day 2: the
#: coast road", "Step 3: …"): the label holds a number and ends at a colon. Found in one pass
#: over the page's folded text.
_NUMBERED_LINE = re.compile(r"\n[^\w\n]{0,3}([^:\d\n]{0,20}?)(\d{1,3})([^:\d\n]{0,20}):[^\S\n]*\S")
#: Lines in a row with the same label and numbers counting up by one, at least this many: the
#: steps, stages or days of a programme, a schedule or a recipe — the article's own table.
NUMBERED_RUN = 3


def _numbered_rows(page: FoldedPage) -> list[int]:
    """The lines of runs of ``NUMBERED_RUN`` or more non-blank lines in a row that open with the
    same label and a number one higher than the line before's (``_NUMBERED_LINE``). A list of
    other stories is not numbered so: a ranked list puts its ranks alone or before the headline,
    without a label."""
    if page.folded.count(":") < NUMBERED_RUN:
        return []  # (a count in C: most pages have no three colons)
    found: list[int] = []
    run: list[int] = []
    last: tuple[int, str, int] | None = None  # (position among the non-blank lines, label, number)
    # (The pattern opens with the line break, which the search jumps to; the text gets one more
    # before its first line, so that a match's start is its line's start in the folded text.)
    for m in chain(_NUMBERED_LINE.finditer("\n" + page.folded), (None,)):
        key = None
        if m is not None:
            i = page.line_of(m.start())
            key = (bisect.bisect_left(page.nonblank, i), m.group(1).strip() + "#" + m.group(3).strip(), int(m.group(2)))
        if key is not None and last is not None and key[0] == last[0] + 1 and key[1] == last[1] and key[2] == last[2] + 1:
            run.append(page.nonblank[key[0]])
        else:
            if len(run) >= NUMBERED_RUN:
                found.extend(run)
            run = [page.nonblank[key[0]]] if key is not None else []
        last = key
    return found


def _ranked_items(page: FoldedPage, kinds: list[str]) -> list[int]:
    """The items of ranked lists (``RANK_RUN``); their rank lines become ``rank``."""
    nonblank, found = page.nonblank, []
    # A page without a rank 1 (a line "1", "1." or "1)") has none: looked up among its shortest lines.
    if not any(page.line(i) in _RANK_ONE for i in page.by_length[:bisect.bisect_right(page.lengths, 2)]):
        return found
    x, n = 0, len(nonblank)
    while x < n - 1:
        m = _RANK.fullmatch(page.line(nonblank[x]))
        if m is None or m.group(1) != "1":
            x += 1
            continue
        rank, y, items = 1, x, []
        while y + 1 < n and (m := _RANK.fullmatch(page.line(nonblank[y]))) and int(m.group(1)) == rank:
            item = page.line(nonblank[y + 1])
            if len(item) > _MAX_RANKED_ITEM or _RANK.fullmatch(item):
                break
            items.append(nonblank[y + 1])
            rank, y = rank + 1, y + 2
        sentences = sum(1 for k in items if page.line(k)[-1] in SENTENCE_END)
        if (len(items) >= RANK_RUN and 3 * sentences <= len(items)
                and bisect.bisect_left(page.prose, nonblank[x]) >= MIN_PROSE_ABOVE_LIST):
            for k in range(x, y, 2):
                kinds[nonblank[k]] = "rank"
            found.extend(items)
            x = y
        else:
            x += 1
    return found


def _line_kind(page: FoldedPage, i: int) -> str:
    a, b = page.spans[i]
    return "blank" if a == b else line_kind(page.folded[a:b])


@lru_cache(maxsize=4096)
def line_kind(s: str) -> str:
    """What a non-blank folded line looks like to the list finder: prose, a list heading, a
    timestamp, a section label, a headline, a headline with the date and time it was posted
    (``timed``), a table's row (cells between tabs), or a short or long line of something
    else."""
    if is_prose(s):
        return "prose"
    if (s[-1] in CLAUSE_END and len(s) > 12) or has_sentence(s) or "<" in s:
        return "prose"  # a sentence, however short: headlines hold no full stop
    if is_table_row(s):
        return "row"  # never a headline
    if list_heading(s):
        return "heading"
    if is_timestamp_line(s):
        return "timestamp"
    if _TIMED_HEADLINE.match(s):
        return "timed"
    cjk, size = line_shape(s)
    if cjk and len(s) <= 10 and any(s.endswith(x) for x in vocabulary()["section-suffixes"]):
        return "section"
    if (cjk and 6 <= size <= 40) or (not cjk and 3 <= size <= 20):
        return "headline"
    if len(s) <= 24:
        return "short"
    return "long"


_FIELD_LINE = re.compile(r"[^:：\s]\s*[^:：]{0,6}[:：]")
#: A label and a list after it (``Kategorien: Backen, Brot``, ``标签：面包、烘焙``): with one of
#: the ``tag-labels``, a post's categories or tags, whose words are the article's but which is
#: never its title.
_LABELLED_LIST = re.compile(r"([^:：]{2,20}?)\s*[:：]\s*[^:：]{1,200}$")


def tag_list(s: str) -> bool:
    """Whether folded line ``s`` is a post's list of tags or categories."""
    m = _LABELLED_LIST.match(s)
    return m is not None and m.group(1).strip(ORNAMENTS) in vocabulary()["tag-labels"]
#: A headline followed by the date and time of the story, in brackets or after a separator
#: (``·… (2005-04-01 09:56)``, ``… | 2019-03-02 10:20``), and in a forum's list of threads by
#: the size and the views and replies (``…【作者】08-20 20:19 1317字 [170/1]``): an item of a
#: list of other stories. A sentence never ends on a clock time; a row of a log or a table
#: starts with it.
_TIMED_HEADLINE = re.compile(
    r"[^\d\s].{5,59}?\s*[\[(【|·-]?\s*(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s*(?:[ap]m)?[\])】]?(?:\s*\d+\s*字)?(?:\s*[\[(]\d+/\d+[\])])?\Z"
)
#: A headline that opens with a tag in brackets (``[财运] …``, ``【新竹】…``, ``·[幻灯]…``): the
#: column label a portal's list of links puts before each story. (The fold makes the brackets
#: half-width.)
_TAGGED_HEADLINE = re.compile(r"[·•]?\s*[\[【][^\]】\d]{1,6}[\]】]\s*\S")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_CLOCK = re.compile(r"\d:\d\d")
#: A list with at least CHRONOLOGY_DATES dated timestamps spanning at least CHRONOLOGY_YEARS,
#: in the order of time and without clock times, is a chronology (a discography, a filmography,
#: an encyclopedia's timeline), not a list of other stories: those were posted within days or
#: months of each other, newest first, often with the time of day. On the real pages measured,
#: lists of other stories spanned at most 11 years over 8 dates.
CHRONOLOGY_DATES = 10
CHRONOLOGY_YEARS = 10


def _chronology_years(stamps: list[str]) -> int:
    """Years spanned by the dated ``stamps`` when they make a chronology, else 0: ten dates or
    more over ten years or more, rising more often than falling (twice as often), a tenth of them
    at most with a time of day."""
    years = [int(m.group()) for m in map(_YEAR.search, stamps) if m]
    if len(years) < CHRONOLOGY_DATES or max(years) - min(years) < CHRONOLOGY_YEARS:
        return 0
    if sum(1 for s in stamps if _CLOCK.search(s)) * 10 > len(stamps):
        return 0
    rises = sum(1 for a, b in zip(years, years[1:]) if b > a)
    falls = sum(1 for a, b in zip(years, years[1:]) if b < a)
    return max(years) - min(years) if rises >= 2 * falls and rises >= 3 else 0


def _judge_list(page: FoldedPage, kinds: list[str], first: int, last: int, vocab) -> HeadlineList | None:
    idx = [k for k in range(first, last + 1) if kinds[k] != "blank"]
    text = {k: page.line(k) for k in idx}
    heads = [k for k in idx if kinds[k] in _HEADLINE_KINDS]
    counts = Counter(text[k] for k in heads)
    items = len(counts)
    if items < 2:
        return None
    stamps = [text[k] for k in idx if kinds[k] in ("timestamp", "timed")]
    n_ts = len(stamps)
    n_sec = sum(1 for k in idx if kinds[k] == "section")
    n_rank = sum(1 for k in idx if kinds[k] == "rank")
    n_dup = sum(1 for h, c in counts.items() if c > 1 and not _FIELD_LINE.match(h))
    n_tag = sum(1 for h in counts if _TAGGED_HEADLINE.match(h))
    cuts = [k for k in heads if is_cut_headline(text[k])]
    if len(cuts) >= CUT_RUN and (cuts[0], cuts[-1]) != (first, last):
        # A list of headlines cut short is the lines from its first such headline to its last:
        # the title, a byline or a credit beside it in the run are not its items.
        return _judge_list(page, kinds, cuts[0], cuts[-1], vocab)
    n_cut = len({text[k] for k in cuts})
    cut = n_cut >= CUT_RUN and 2 * n_cut >= items  # a list of headlines cut short at one width
    heading = next((list_heading(text[k]) for k in idx if kinds[k] == "heading"), None)
    tail = first > page.body[1]
    inside = page.body[0] <= first and last <= page.body[1]
    ranked = n_rank >= RANK_RUN
    signals = (heading is not None) + (n_ts >= 2) + (n_dup >= 2) + (n_sec >= 2) + (n_tag >= 3) + cut + ranked
    # Inside the article, a list shows itself by a heading, timestamps, column tags, cut headlines
    # or ranks.
    if inside and not (heading or n_ts >= 2 or n_tag >= 3 or cut or ranked):
        return None
    # The shapes of a list: the share of the article's words its headlines must stay under, and
    # the fix and confidence it gets (``None``: by its signals and that share). The words are
    # counted only for a run of one of these shapes.
    if items >= 3 and _related_after(page, next((k for k in idx if kinds[k] == "heading"), None)):
        # Under a heading of related stories after the article ("Related", "相关阅读"), the
        # headlines are other stories whatever words they share with it: they share most of them
        # by design (their share is only reported).
        limit, judged = None, (True, min(0.99, 0.7 + 0.1 * signals))
    elif signals and items >= 3:
        limit, judged = 0.5, None
    elif inside and heading and items >= 2:
        limit, judged = 0.35, (True, 0.8)
    elif tail and not signals and items >= 4:
        limit, judged = 0.2, (False, 0.6)  # after the article, no other sign
    else:
        return None
    if cut:  # its lines read as prose: the article's words are counted without theirs
        vocab = page.vocabulary_without(cuts)
    share = vocabulary_overlap(list(counts), vocab)
    if limit is not None and share >= limit:
        return None
    safe, confidence = judged or (share < 0.35, min(0.99, 0.7 + 0.1 * signals - 0.3 * share))
    years = _chronology_years(stamps) if n_ts >= CHRONOLOGY_DATES else 0
    if years:
        safe, confidence = False, min(confidence, 0.5)
    long_lines = n_ts < 2 and _long_cjk_items(list(counts))  # (timestamps make a list of posts)
    if long_lines:
        safe, confidence = False, min(confidence, 0.5)
    return HeadlineList(first, last, items, heading, n_ts, n_dup, n_sec, share, safe, confidence, years, n_tag,
                        long_lines, n_cut, n_rank if ranked else 0)


#: Chinese and Japanese headlines are short: on the real pages measured, the lists of other
#: stories had a median headline of 6 to 24 characters. A "list" whose items run to this many
#: CJK characters at the median is more likely a text written a clause a line (a blog whose
#: author breaks lines instead of writing punctuation).
LONG_CJK_HEADLINE = 25


def _long_cjk_items(items: list[str]) -> bool:
    """Whether most of a list's items are CJK and their median length is ``LONG_CJK_HEADLINE``
    CJK characters or more."""
    sizes = sorted(size for cjk, size in map(line_shape, items) if cjk)
    return 2 * len(sizes) > len(items) and sizes[len(sizes) // 2] >= LONG_CJK_HEADLINE
