"""Structure rules: page furniture recognised by its shape, not by its words.

Trending-headline lists (T), breadcrumbs, bylines, counter and profile widgets and navigation
runs (B8xx). They work in any language: what they look for is the layout of a scraped page —
where the article body is (``FoldedPage.body``: the first to the last prose line), and what the
lines around it look like (short, unpunctuated, timestamped, repeated, sharing no vocabulary with
the article). The few words they do need (list headings, byline labels, widget labels) are data
in ``rules/data/structure.toml``.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import regex

from scrapelint.fold import fold
from scrapelint.model import Applicability, Document, Edit
from scrapelint.page import REPLY_WORDS as _REPLIES
from scrapelint.page import FoldedPage, is_prose
from scrapelint.registry import Rule
from scrapelint.text import CJK_RE, cjk_count

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE
DATA = Path(__file__).resolve().parent / "data" / "structure.toml"


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return {key: frozenset(fold(w).lower() for w in words) for key, words in raw.items()}


# The stdlib `re` with explicit ranges: these run on every line, and `regex` is slower here.
_WORD = re.compile(r"\w+")
_SENT_END = "。！？!?.…\"”」』)）"
_TIMESTAMP = re.compile(
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[-/月]\d{1,2}日?\s+\d{1,2}:\d{2}"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"
    r"|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚|昨天|前天"
    r"|\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bvor\s+\d+\s+(?:minuten|stunden|tagen)\b|\bil y a\s+\d+\s+(?:minutes?|heures?|jours?)\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b"
)
_CLAUSE_END = "。.；;，,"
_DECOR = " \t>»›|·•-—_:：更多全部more»"


@lru_cache(maxsize=4096)
def line_shape(s: str) -> tuple[bool, int]:
    """(is CJK text, length in units: CJK characters, or words for other scripts)."""
    cjk = cjk_count(s)
    if cjk >= max(2, len(s) * 0.3):
        return True, cjk
    return False, len(_WORD.findall(s))


def _size(s: str) -> int:
    return line_shape(s)[1]


def _is_cjk(s: str) -> bool:
    return line_shape(s)[0]


def _is_timestamp_line(s: str) -> bool:
    if not _TIMESTAMP.search(s):
        return False
    rest = _TIMESTAMP.sub("", s).strip(" \t·|-,/")
    return len(rest) <= 12


# A full stop with more text after it: CJK "。" (folded to ".") anywhere but the end (headlines
# do use "!" and "?" inside), or a Latin ". " between sentences after a word of four letters or
# more (not "U.S.", "Mr." or "4 Min."). Headlines, menu entries and widget labels never hold one.
_INNER_STOP = re.compile(r"[\u3400-\u9fff][.][\"')]?(?=\S)|([a-z]{4,})[.!?][\"')]?\s+[a-z\u3400-\u9fff]")
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


def _heading(s: str) -> str | None:
    """The list heading a line is (`相关推荐`, `Most read`), allowing a short tail (`往期回顾 全部`)."""
    s = s.lower()  # the fold lowers ASCII only: "Última hora"
    key = s.strip(_DECOR)
    if key in vocabulary()["list-headings"]:
        return key
    if len(s) > 40 or not s.startswith(_heading_prefixes()):
        return None
    return next((h for h in _heading_prefixes() if s.startswith(h) and len(s) - len(h) <= 4), None)


def _grams(s: str) -> set[str]:
    """Character bigrams of CJK text, lower-cased words of other text."""
    if _is_cjk(s):
        chars = "".join(CJK_RE.findall(s))
        return {chars[i:i + 2] for i in range(len(chars) - 1)}
    return {w for w in _WORD.findall(s) if len(w) > 3}


def _body_vocabulary(page: FoldedPage) -> set[str]:
    """The words (CJK bigrams) of the article's prose lines — not of the lists, headings and
    widgets between them, which are what the vocabulary is used to judge."""
    cached = page.hits.get("structure:vocab")
    if cached is None:
        grams: set[str] = set()
        if page.body is not None:
            for i in range(page.body[0], page.body[1] + 1):
                a, b = page.spans[i]
                line = page.folded[a:b]
                if line and (is_prose(line) or has_sentence(line)):
                    grams |= _grams(line)
        cached = page.hits["structure:vocab"] = grams
    return cached


def _overlap(lines: list[str], vocab: set[str]) -> float:
    """Share of the lines' grams that occur in the article body."""
    total = hit = 0
    for s in lines:
        g = _grams(s)
        total += len(g)
        hit += len(g & vocab)
    return hit / total if total else 0.0


def _drop_lines(doc: Document, first: int, last: int) -> Edit:
    lines = doc.lines
    return Edit(lines[first].start, lines[last].full_end, "")


# -- trending-headline lists -----------------------------------------------------------------


_LIST_KINDS = ("heading", "headline", "timestamp", "section")


class TrendingList(Rule):
    """A block of headlines of other stories.

    ## What it does
    Finds blocks of short, unpunctuated headline lines that are not part of the article: a
    "相关推荐" / "热点推荐" / "Most read" / "Related" list, with or without its heading, whose items
    are often repeated and followed by an author and a timestamp, and sidebars of section-labelled
    headlines (`财经要闻` then a headline, `体育要闻` then a headline …). A block counts when it has
    at least three headlines, the structure of a list (a list heading, timestamps, repeated
    headlines or section labels) and little vocabulary in common with the article. It is reported
    as one finding spanning the block, with the number of items.

    Lists that belong to the article stay: a numbered list of points, a dated timeline of the
    story, a table of figures or a list of quoted reactions share the article's vocabulary and
    have no list furniture.

    ## Why is this bad?
    Headline lists are the largest block of noise on portal pages — often longer than the article —
    and they put dozens of unrelated topics into a document that is about one.

    ## Fix (safe)
    The block is removed. Without a heading, timestamps or repetition, a tail block of unrelated
    headlines is still reported, with an unsafe fix.
    """

    code = "T001"
    name = "trending-list"
    category = "trending-list"
    fix_applicability = SAFE
    flags = (
        "城市更新行动进入新阶段，老旧小区改造今年计划开工两万个，重点补齐养老托育停车等设施短板。\n"
        "住建部门表示，改造将坚持居民自愿原则，先民生后提升，确保工程质量和群众满意度同步提高。\n"
        "相关推荐\n"
        "男子高速上开车睡着，交警一个举动救了全车人\n"
        "2026-01-05 09:46:29\n"
        "冬季这种水果一定要多吃，很多人还不知道\n"
        "2026-01-05 08:12:10\n"
        "这支球队连输八场后终于赢了，球迷哭了\n"
        "2026-01-04 22:30:01\n",
        "The council approved the new bus lanes on Tuesday after a long public consultation period.\n"
        "Work on the first corridor will begin in the spring and should take about eight months.\n"
        "Most read\n"
        "Celebrity chef opens third restaurant downtown\n"
        "Why mortgage rates may fall again next year\n"
        "Local team signs veteran goalkeeper\n"
        "Storm warning issued for coastal towns\n",
    )
    passes = (
        "公司公布了今年的三项重点工作，董事长在发布会上逐一作了说明，并回答了记者提问。\n"
        "一、扩大研发投入\n二、拓展海外市场\n三、提升服务质量\n"
        "他表示，这三项工作将贯穿全年，公司会按季度公布进展，接受投资者和公众的监督。\n",
        "The timeline of the flood response, as described by officials, is set out below in order.\n"
        "March 3: river gauges pass the warning level\n"
        "March 4: evacuation of the riverside district begins\n"
        "March 6: the river peaks at 7.2 metres\n"
        "Officials said the response would be reviewed by an independent panel later this year.\n",
    )
    fixes = (
        (
            "The council approved the new bus lanes on Tuesday after a long public consultation period.\n"
            "Related\nCelebrity chef opens third restaurant downtown\n2 hours ago\n"
            "Why mortgage rates may fall again next year\n5 hours ago\nLocal team signs veteran goalkeeper\n"
            "1 day ago\n",
            "The council approved the new bus lanes on Tuesday after a long public consultation period.\n",
        ),
    )

    def check(self, doc: Document):
        return [finding for _, _, finding in self.blocks(doc)]

    def blocks(self, doc: Document) -> list:
        """The lists of the page as (first line, last line, finding), computed once per text."""
        page = FoldedPage.of(doc)
        cached = page.hits.get("structure:trending")
        if cached is None:
            cached = page.hits["structure:trending"] = list(self._find(doc, page))
        return cached

    def _find(self, doc: Document, page: FoldedPage):
        if page.body is None:
            return
        kinds = [self._kind(page, i) for i in range(len(page.spans))]
        vocab = _body_vocabulary(page)
        title = title_line(page)
        i, n = 0, len(kinds)
        while i < n:
            if kinds[i] in ("blank", "prose", "long"):
                i += 1
                continue
            j = i
            last = i
            while j < n and kinds[j] not in ("prose", "long"):
                if kinds[j] != "blank":
                    last = j
                j += 1
            # The list is its items: leading menu lines and trailing footer lines of the run are
            # left to the boilerplate rules (and keep their own category).
            items = [k for k in range(i, last + 1) if kinds[k] in _LIST_KINDS]
            heading = next((k for k in items if kinds[k] == "heading"), None)
            first = heading if heading is not None else (items[0] if items else i)
            end = max((k for k in items if kinds[k] in ("headline", "timestamp")), default=last)
            if title is not None and first <= title <= end:
                first = title + 1  # the title is never part of a list, whatever it looks like
            # Nor are the headline-shaped lines that close the run and share the article's words
            # (a title and standfirst right after a ticker or a menu).
            while end > first and kinds[end] == "headline" and _overlap([_line(page, end)], vocab) >= 0.5:
                end = max((k for k in items if first <= k < end and kinds[k] in ("headline", "timestamp")),
                          default=first)
            finding = self._judge(doc, page, kinds, first, end, vocab) if first <= end else None
            if finding is not None:
                yield first, end, finding
            i = j

    @staticmethod
    def _kind(page: FoldedPage, i: int) -> str:
        a, b = page.spans[i]
        if a == b:
            return "blank"
        s = page.folded[a:b]
        if is_prose(s):
            return "prose"
        if (s[-1] in _CLAUSE_END and len(s) > 12) or has_sentence(s) or "<" in s:
            return "prose"  # a sentence, however short: headlines hold no full stop
        if _heading(s):
            return "heading"
        if _is_timestamp_line(s):
            return "timestamp"
        size = _size(s)
        cjk = _is_cjk(s)
        if cjk and len(s) <= 10 and any(s.endswith(x) for x in vocabulary()["section-suffixes"]):
            return "section"
        if (cjk and 6 <= size <= 40) or (not cjk and 3 <= size <= 20):
            return "headline"
        if len(s) <= 24:
            return "short"
        return "long"

    def _judge(self, doc, page, kinds, first, last, vocab):
        idx = [k for k in range(first, last + 1) if kinds[k] != "blank"]
        text = {k: page.folded[page.spans[k][0]:page.spans[k][1]] for k in idx}
        heads = [k for k in idx if kinds[k] == "headline"]
        counts = Counter(text[k] for k in heads)
        items = len(counts)
        if items < 2:
            return None
        n_ts = sum(1 for k in idx if kinds[k] == "timestamp")
        n_sec = sum(1 for k in idx if kinds[k] == "section")
        n_dup = sum(1 for c in counts.values() if c > 1)
        heading = next((_heading(text[k]) for k in idx if kinds[k] == "heading"), None)
        overlap = _overlap(list(counts), vocab)
        tail = first > page.body[1]
        inside = page.body[0] <= first and last <= page.body[1]
        signals = (heading is not None) + (n_ts >= 2) + (n_dup >= 2) + (n_sec >= 2)
        if signals and items >= 3 and overlap < 0.5:
            applicability = SAFE if overlap < 0.35 else UNSAFE
            confidence = min(0.99, 0.7 + 0.1 * signals - 0.3 * overlap)
        elif inside and heading and items >= 2 and overlap < 0.35:
            applicability, confidence = SAFE, 0.8
        elif tail and not signals and items >= 4 and overlap < 0.2:
            applicability, confidence = UNSAFE, 0.6
        else:
            return None
        if inside and not (heading or n_ts >= 2):
            return None
        parts = [f"list of {items} headlines"]
        if heading:
            parts.append(f"under '{heading}'")
        details = [f"{n} {w}" for n, w in ((n_ts, "timestamps"), (n_dup, "repeated"), (n_sec, "section labels")) if n]
        if details:
            parts.append(f"({', '.join(details)})")
        parts.append(f"sharing {overlap:.0%} of its words with the article")
        start, end = doc.lines[first].start, doc.lines[last].end
        fix = self.make_fix(f"Remove the {last - first + 1}-line list", [_drop_lines(doc, first, last)], applicability)
        return self.finding(start, end, " ".join(parts), fix=fix, confidence=confidence)


# -- page furniture in the head and tail -----------------------------------------------------


def _outside_body(page: FoldedPage, i: int) -> bool:
    """Whether line ``i`` is before or after the article body (never, when no body was found:
    without an article to compare with, page furniture cannot be told from content)."""
    return page.body is not None and (i < page.body[0] or i > page.body[1])


def _line(page: FoldedPage, i: int) -> str:
    a, b = page.spans[i]
    return page.folded[a:b]


_CRUMB_SEP = re.compile(r"\s*(?:>|›|»|→|>>)\s*|\s+[/|]\s+")
_HOME = ("首页", "主页", "home", "startseite", "accueil", "inicio", "portada")


class Breadcrumb(Rule):
    """A breadcrumb trail above the article.

    ## What it does
    Finds a line before the article body made of short segments joined by `>`, `›`, `»`, or by
    ` / ` and ` | ` with spaces around them: `首页 > 科技 > 正文`, `Home › World › Europe`. It
    needs three segments, or two when the first is a home link (`首页`, `Home`); each segment is
    short (at most 12 characters, or 4 words) and has no sentence punctuation.

    ## Why is this bad?
    The site's navigation path is not part of the article, and it repeats on every page of the
    site, where it skews deduplication and n-gram statistics.

    ## Fix (safe)
    The line is removed.
    """

    code = "B801"
    name = "breadcrumb-trail"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = ("首页 > 财经 > 正文\n央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n",
             "Home › World › Europe\nThe European Parliament approved the new rules on Wednesday by a wide margin.\n")
    passes = ("Profits rose > 10% in March\nThe company said profits rose sharply in March as demand for its chips grew.\n",
              "A/B testing explained\nTeams that run controlled experiments learn faster than those that guess at it.\n")
    fixes = (("首页 > 财经 > 正文\n央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n",
              "央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n"),)

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        for i, (a, b) in enumerate(page.spans):
            if a == b or not _outside_body(page, i) or (page.body and i > page.body[1]):
                continue
            s = page.folded[a:b]
            if len(s) > 80:
                continue
            parts = [p for p in _CRUMB_SEP.split(s) if p]
            if len(parts) < 2 or len(parts) != len(_CRUMB_SEP.findall(s)) + 1:
                continue
            home = parts[0].endswith(_HOME) or parts[0] in _HOME
            if len(parts) < 3 and not home:
                continue
            if any(_size(p) > (12 if _is_cjk(p) else 4) or p[-1] in _SENT_END for p in parts):
                continue
            line = doc.lines[i]
            yield self.finding(line.start, line.end, f"breadcrumb trail of {len(parts)} segments",
                               fix=self.make_fix("Remove the breadcrumb", [self.drop_line(line)]))



_ANNOTATION = regex.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


_LABEL_FIELD = regex.compile(r"(?:^|(?<=[\s|·,]))([\p{L} ']{1,16}?)\s*:")
_BY_NAME = regex.compile(r"(?:by|von|par|por)\s+\p{Lu}?\p{L}+")


def _has_word(s: str, word: str) -> bool:
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


def _byline_labels(s: str) -> list[str]:
    labels = vocabulary()["byline-labels"]
    found = []
    s = _ANNOTATION.sub("", s)  # a leaked reading `发(fa)布时间` still labels a byline
    for m in _LABEL_FIELD.finditer(s):
        if m.group(1).strip() in labels:
            found.append(m.group(1).strip())
    if _BY_NAME.match(s) and "by" in labels:
        found.append("by")
    return found


class Byline(Rule):
    """A byline or dateline block above the article.

    ## What it does
    Finds a short line before the article body that gives the publication time with a label
    (`发布时间:2026-03-02 10:15 来源:某某网`, `Published March 2, 2026 · By Jane Roe`), or that
    strings together two or more labelled fields (`来源:新华社 作者:张三`), or a short dated line
    with a stamp word (`March 2, 2026 9:12 AM · Updated 2 hours ago`, `发布于 2026-03-02`). Lines of the same
    shape inside the article — a byline quoted by the writer — are content and stay.

    ## Why is this bad?
    Bylines are page metadata. Kept in the text they add names, dates and site names to every
    document, where they leak into training data and break deduplication of syndicated copies.

    ## Fix (safe)
    The line is removed.
    """

    code = "B802"
    name = "byline"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = ("发布时间:2026-03-02 10:15 来源:本地日报\n今年一季度，全市规模以上工业增加值同比增长百分之六点二，增速比上年全年加快一点一个百分点。\n",
             "By Jane Roe | Published: March 2, 2026 10:15\nThe city council voted on Tuesday to extend the bus network to the northern districts.\n",
             "來源：新華社 作者：王小明\n今年一季度，全市規模以上工業增加值同比增長百分之六點二，增速比上年全年加快一點一個百分點。\n",
             "March 2, 2026 9:12 AM GMT Updated 2 hours ago\nThe city council voted on Tuesday to extend the bus network to the northern districts.\n")
    passes = ("今年一季度，全市规模以上工业增加值同比增长百分之六点二，增速比上年全年加快一点一个百分点。\n"
              "发布时间:2026-03-02 来源:本地日报\n这行署名出现在正文中间，是作者引用的内容，应当保留，不能删除，也不能改动。\n",
              "Time: the essential ingredient\nEvery cook knows that patience matters more than any recipe, she said.\n")
    fixes = (("发布时间:2026-03-02 10:15 来源:本地日报\n今年一季度，全市规模以上工业增加值同比增长百分之六点二，增速比上年全年加快一点一个百分点。\n",
              "今年一季度，全市规模以上工业增加值同比增长百分之六点二，增速比上年全年加快一点一个百分点。\n"),)

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        if page.body is None:
            return
        for i in range(page.body[0]):
            a, b = page.spans[i]
            if a == b or b - a > 120:
                continue
            s = page.folded[a:b]
            labels = _byline_labels(s)
            dated = bool(_TIMESTAMP.search(s))
            if dated and not labels and b - a <= 80:  # "Updated 2 hours ago", "发布于 …"
                labels = [w for w in vocabulary()["stamp-words"] if _has_word(s, w)]
            if not ((labels and dated) or len(labels) >= 2):
                continue
            if s[-1] in "。!?！？" or (not labels and not dated):
                continue
            line = doc.lines[i]
            what = ", ".join(dict.fromkeys(labels)) or "date"
            yield self.finding(line.start, line.end, f"byline ({what})",
                               fix=self.make_fix("Remove the byline", [self.drop_line(line)]))


_NUMBER_LINE = re.compile(r"\d+(?:\.\d+)?\s*[万千kmw+]?")


class CounterWidget(Rule):
    """A counter widget: a lone number beside a share, like or comment label.

    ## What it does
    Finds a line that is only a number (`0`, `1.2万`, `35k`) next to a line that is a widget label
    (`分享至`, `赞`, `评论`, `Shares`, `Comments`), outside the article body. Both lines are
    reported together.

    ## Why is this bad?
    Share and like counters are page widgets whose numbers change on every crawl: they make the
    same article look different to deduplication and put stray numbers into the text.

    ## Fix (safe)
    The number and its label are removed.
    """

    code = "B803"
    name = "counter-widget"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = ("秋粮收购进度过半\n0\n分享至\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
             "Council backs new bus lanes\n128\nShares\nThe city council voted on Tuesday to extend the bus network to the northern districts.\n")
    passes = ("表一\n2024\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",)
    fixes = (("秋粮收购进度过半\n0\n分享至\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
              "秋粮收购进度过半\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"),)

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        labels = vocabulary()["counter-labels"]
        nonblank = [i for i, (a, b) in enumerate(page.spans) if a != b]
        for pos, i in enumerate(nonblank):
            if not _outside_body(page, i) or not _NUMBER_LINE.fullmatch(_line(page, i)):
                continue
            for j in (nonblank[pos + 1] if pos + 1 < len(nonblank) else None,
                      nonblank[pos - 1] if pos else None):
                if j is not None and _line(page, j).strip(_DECOR) in labels:
                    first, last = min(i, j), max(i, j)
                    label = _line(page, j)
                    yield self.finding(
                        doc.lines[first].start, doc.lines[last].end, f"counter widget ({label!s})",
                        fix=self.make_fix("Remove the counter widget", [_drop_lines(doc, first, last)]),
                    )
                    break


class ProfileWidget(Rule):
    """An author-profile widget: follower, article and like counts.

    ## What it does
    Finds a line outside the article body that holds two or more counts with profile labels,
    such as `185文章数 177关注度`, `1.2万粉丝 3万获赞` or `1,204 followers · 87 posts`.

    ## Why is this bad?
    It describes the publishing account, not the story, and its numbers change on every crawl.

    ## Fix (safe)
    The line is removed.
    """

    code = "B804"
    name = "profile-widget"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = ("今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n田间观察员\n185文章数 177关注度\n",
             "The city council voted on Tuesday to extend the bus network to the northern districts.\n1,204 followers · 87 posts\n")
    passes = ("今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n全年共发表文章185篇，获得广泛关注。\n",)
    fixes = (("今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n185文章数 177关注度\n",
              "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"),)

    _COUNT = regex.compile(r"(\d[\d,.]*\s*[万千kmw]?)\s*([\p{L}]+)")

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        labels = vocabulary()["profile-labels"]
        for i, (a, b) in enumerate(page.spans):
            if a == b or b - a > 60 or not _outside_body(page, i):
                continue
            s = page.folded[a:b]
            counts = [m for m in self._COUNT.finditer(s) if m.group(2) in labels]
            if len(counts) < 2:
                continue
            covered = sum(m.end() - m.start() for m in counts)
            if covered < 0.6 * len(s.replace(" ", "")):
                continue
            line = doc.lines[i]
            yield self.finding(line.start, line.end, f"author-profile widget ({len(counts)} counts)",
                               fix=self.make_fix("Remove the profile widget", [self.drop_line(line)]))


_NAV_SEP = re.compile(r"\s*[|/·•]\s*")
_NAV_CJK_SPLIT = re.compile(r"\s+")


class NavigationRun(Rule):
    """A run of navigation links outside the article.

    ## What it does
    Finds, before or after the article body, four or more consecutive lines of one or two words
    each (`健康`, `家居`, `教育`, `数码`; `News`, `Sport`, `Weather`), or one line of five or more
    such items separated by `|`, `/`, `·` or `•` (`Home | News | Sport | Business | Weather`), or by
    spaces between CJK items (`首页 新闻 体育 财经 娱乐`).

    ## Why is this bad?
    Menus are the same on every page of a site; they carry no content and inflate every document
    with the site's section names.

    ## Fix (safe)
    The lines are removed.
    """

    code = "B805"
    name = "navigation-run"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = ("健康\n家居\n教育\n数码\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
             "Home | News | Sport | Business | Weather\nThe city council voted on Tuesday to extend the bus network to the northern districts.\n")
    passes = ("今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"
              "参与单位包括：\n农业局\n粮食局\n气象局\n财政局\n各单位将按季度向社会报告工作进展，接受群众和媒体的监督，确保每一笔资金都用到实处。\n",)
    fixes = (("健康\n家居\n教育\n数码\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
              "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"),)

    @staticmethod
    def _is_item(s: str) -> bool:
        if not s or s[-1] in _SENT_END or any(c.isdigit() for c in s):
            return False
        return (len(s) <= 4 and _is_cjk(s)) or (not _is_cjk(s) and len(s.split()) <= 2 and len(s) <= 16)

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        n = len(page.spans)
        i = 0
        while i < n:
            if not _outside_body(page, i):
                i += 1
                continue
            s = _line(page, i)
            items = [p for p in _NAV_SEP.split(s) if p] if s else []
            if len(items) < 5 and _is_cjk(s):
                items = [p for p in _NAV_CJK_SPLIT.split(s) if p]
            if len(items) >= 5 and all(self._is_item(p) for p in items) and len(s) <= 80:
                line = doc.lines[i]
                yield self.finding(line.start, line.end, f"navigation menu of {len(items)} links",
                                   fix=self.make_fix("Remove the menu", [self.drop_line(line)]))
                i += 1
                continue
            j = i
            while j < n and _outside_body(page, j) and self._is_item(_line(page, j)):
                j += 1
            if j - i >= 4:
                yield self.finding(doc.lines[i].start, doc.lines[j - 1].end, f"navigation run of {j - i} links",
                                   fix=self.make_fix("Remove the menu", [_drop_lines(doc, i, j - 1)]))
            i = max(j, i + 1)


#: Below this many distinct words (or CJK bigrams) the body is too small to say which head line
#: shares its vocabulary, and no title is named.
MIN_BODY_VOCABULARY = 25


def title_line(page: FoldedPage) -> int | None:
    """The line that is most likely the page's title: before the body, shaped like a headline
    (not a byline or a timestamp), and sharing the most vocabulary with the article (the
    earliest of the close candidates). ``None`` when the article is too short to tell."""
    if "structure:title" not in page.hits:
        page.hits["structure:title"] = _find_title(page)
    return page.hits["structure:title"]


def _find_title(page: FoldedPage) -> int | None:
    if page.body is None:
        return None
    vocab = _body_vocabulary(page)
    if len(vocab) < MIN_BODY_VOCABULARY:
        return None
    scored = []
    for i in range(page.body[0]):
        s = _line(page, i)
        if not s or s[-1] in _CLAUSE_END or has_sentence(s) or "<" in s or _TIMESTAMP.search(s) or _byline_labels(s):
            continue
        size = _size(s)
        if not ((_is_cjk(s) and 4 <= size <= 45) or (not _is_cjk(s) and 2 <= size <= 25)):
            continue
        scored.append((_overlap([s], vocab), i))
    if not scored:
        return None
    best = max(o for o, _ in scored)
    if best < 0.2:
        return None
    return min(i for o, i in scored if o >= 0.6 * best)


_SENTENCE_END = ("。", "！", "？", "!", "?", ".", "…", "。”", "！”", "？”", ".\"", "!\"", "?\"", "”", "」", "』")


class PageChrome(Rule):
    """Menus, links and widgets above the title, and runs of them below the article.

    ## What it does
    Careless scrapers keep the whole page, one block a line. This rule removes what lies outside
    the article by its shape alone, in any language:

    - every line above the title that does not read like a sentence (menus, "Sign in", language
      pickers, a site banner) — the title is the headline-shaped line before the body that shares
      the most vocabulary with the article;
    - after the article body, runs of three or more short lines (at most 30 CJK characters or 12
      words) that do not end like sentences: link lists, footers, pagination, share bars.

    A single short line after the article (a sign-off, a credit in brackets, an end mark such as
    `（完）`) is left alone, and so is everything between the title and the body.

    ## Why is this bad?
    Page furniture repeats on every page of a site and buries the article's own words.

    ## Fix (safe)
    The lines are removed.
    """

    code = "B806"
    name = "page-chrome"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = (
        "Skip to content\nSign in\nCouncil backs new bus lanes\n"
        "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
        "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
        "Residents of the northern districts have waited almost a decade for a direct council bus service.\n",
        "Council backs new bus lanes\n"
        "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
        "About us\nContact\nPrivacy policy\nTerms of use\n",
    )
    passes = (
        "Council backs new bus lanes\n"
        "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
        "Officials said the first new route would open in the spring, with more to follow next year.\n"
        "Thank you\n",
        "秋粮收购进度过半\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"
        "（完）\n（记者 王小明 实习生 李华）\n",
    )
    fixes = (
        (
            "Sign in\nCouncil backs new bus lanes\n"
            "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
            "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
            "Residents of the northern districts have waited almost a decade for a direct council bus service.\n"
            "About us\n\nContact\nPrivacy policy\n",
            "Council backs new bus lanes\n"
            "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
            "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
            "Residents of the northern districts have waited almost a decade for a direct council bus service.\n",
        ),
    )

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        if page.body is None:
            return
        title = title_line(page)
        if title is not None:
            for i in range(title):
                if self._chrome(page, i, strict=False):
                    yield self._finding(doc, i, i, "line above the title (page furniture)")
        run: list[int] = []
        for i in range(page.body[1] + 1, len(page.spans) + 1):
            if i < len(page.spans) and page.spans[i][0] == page.spans[i][1]:
                continue  # blank lines neither make nor break a run
            if i < len(page.spans) and self._chrome(page, i, strict=True):
                run.append(i)
                continue
            if len(run) >= 3:
                yield self._finding(doc, run[0], run[-1], f"{len(run)} short lines after the article (page furniture)")
            run = []

    @staticmethod
    def _chrome(page: FoldedPage, i: int, strict: bool) -> bool:
        s = _line(page, i)
        if not s or s.endswith(_SENTENCE_END) or _END_MARK.fullmatch(s) or has_sentence(s):
            return False
        if strict and (s[0] in "(（[【" and s[-1] in ")）]】"):
            return False  # a credit line: （记者 …）
        return _size(s) <= (30 if _is_cjk(s) else 12) and len(s) <= 120

    def _finding(self, doc: Document, first: int, last: int, message: str):
        lines = doc.lines
        return self.finding(lines[first].start, lines[last].end, message, confidence=0.8,
                            fix=self.make_fix("Remove the lines", [_drop_lines(doc, first, last)]))


# The article's own end marks stay: (完), (End), -30-, ###.
_END_MARK = re.compile(r"[(（\[]?\s*(?:完|全文完|end|ends|-30-)\s*[)）\]]?|#{3}|-30-|\*{3}")


class CommentThread(Rule):
    """A thread of reader comments below the article.

    ## What it does
    Finds reader comments: two or more comments, each an author line, often a time, the comment's
    text and a reply button (`Reply`, `Antworten`, `Répondre`, `Responder`, `回复`), opened by a
    heading such as `14 Comments`, `Kommentare (3)` or `2 réflexions sur « … »` when the page has
    one. The article is taken to end before the thread, so the rules that look after the article
    (page chrome, footers) see what follows it.

    ## Why is this bad?
    Comments read like prose, so they pass every sentence test, but they are other people's
    words, often off topic, with user names and times: not the article.

    ## Fix (safe)
    The thread, from its heading or first author to its last reply button, is removed.
    """

    code = "B807"
    name = "comment-thread"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = (
        "Council backs new bus lanes\n"
        "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
        "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
        "3 Comments\nmaria_k\n2 hours ago\nFinally! I have waited years for a direct bus into town.\nReply\n"
        "tom.h\n5 hours ago\nWho is going to pay for all of this, though?\nReply\n",
    )
    passes = (
        "How to answer a difficult e-mail\n"
        "Start by reading the message twice, and wait an hour before you write anything back to the sender.\n"
        "Reply\nKeep your reply short, polite and specific, and answer every question the sender asked you.\n",
    )
    fixes = (
        (
            "Council backs new bus lanes\n"
            "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
            "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
            "3 Comments\nmaria_k\n2 hours ago\nFinally! I have waited years for a direct bus into town.\nReply\n"
            "tom.h\n5 hours ago\nWho is going to pay for all of this, though?\nReply\n",
            "Council backs new bus lanes\n"
            "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
            "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n",
        ),
    )

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        if page.thread is None:
            return
        first, last = page.thread
        replies = sum(1 for i in range(first, last + 1) if _line(page, i).strip(" ↓↑→»›|·•()[]") in _REPLIES)
        yield self.finding(
            doc.lines[first].start, doc.lines[last].end, f"reader-comment thread ({replies} comments)",
            fix=self.make_fix("Remove the comment thread", [_drop_lines(doc, first, last)]), confidence=0.9,
        )


def trending_lines(doc: Document) -> list[tuple[int, int]]:
    """The 0-based first and last lines of each trending list of the page (see T001)."""
    return [(a, b) for a, b, _ in _TRENDING.blocks(doc)]


_TRENDING = TrendingList()

RULES = [TrendingList(), Breadcrumb(), Byline(), CounterWidget(), ProfileWidget(), NavigationRun(), PageChrome(),
         CommentThread()]
