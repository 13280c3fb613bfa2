"""Structure rules: page furniture recognised by its shape, not by its words.

Trending-headline lists (T), breadcrumbs, bylines, counter and profile widgets, navigation
runs and photo galleries (B8xx). They work in any language: what they look for is the layout of
a scraped page — where the article body is (``FoldedPage.body``: its prose lines, first to
last), and what the lines around it look like (short, unpunctuated, timestamped, repeated,
sharing no vocabulary with the article). What they share — line shapes, the title, the body's
vocabulary, the lists of headlines — is the page model's (``page.py``). The few words they do
need (list headings, byline labels, widget labels) are data in ``rules/data/structure.toml``.
"""
from __future__ import annotations

import bisect
import re
from itertools import chain, groupby

import regex

from scrapelint.model import Applicability, Document, Edit, Finding
from scrapelint.registry import Rule
from scrapelint.text import PairScreen

from .page import REPLY_WORDS, SENT_END, TIMESTAMP, FoldedPage, bare_label, byline_labels, has_word
from .page import Vocabulary, has_sentence, is_furniture, is_label, line_is_cjk, line_shape, vocabulary
from .page import vocabulary_overlap

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


def _too_long(part: str) -> bool:
    """Whether a part of a breadcrumb is too long to be one: over 12 CJK characters or 4 words."""
    cjk, size = line_shape(part)
    return size > (12 if cjk else 4)


def _drop_lines(doc: Document, first: int, last: int) -> Edit:
    lines = doc.lines
    return Edit(lines[first].start, lines[last].full_end, "")


# -- trending-headline lists -----------------------------------------------------------------


class TrendingList(Rule):
    """A block of headlines of other stories.

    ## What it does
    Finds blocks of short, unpunctuated headline lines that are not part of the article: a
    "相关推荐" / "热点推荐" / "Most read" / "Related" list, with or without its heading, whose items
    are often repeated and followed by an author and a timestamp, and sidebars of section-labelled
    headlines (`财经要闻` then a headline, `体育要闻` then a headline …). A block counts when it has
    at least three headlines, the structure of a list (a list heading, timestamps, repeated
    headlines, section labels, three headlines or more that open with a column tag in brackets:
    `[财经] …`, `【旅游】…`, or three or more in a row cut short at one width by an ellipsis:
    `…노르웨..`, `Why mortgage rates may fall again next year, according to three lea...`) and
    little vocabulary in common with the article — except under a heading of related stories
    after the article ("Related", "More stories", "相关阅读"), whose headlines share the article's
    words by design. A headline with the date and time of its story
    on the same line (`·… （2026-01-05 09:46）`, `… | 2026-01-05 09:46`) counts as a headline and a
    timestamp. Below an article, a box that prints each item's rank alone on the line above it
    (`1`, `2.` …, three or more from 1: "Most read", "Top topics") is a list whatever its items'
    shape, unless they end like sentences (the numbered steps of a recipe); so are three cards
    or more in a row of a headline, a sentence or two of its standfirst and the time it was
    posted (`32m ago`), standfirsts included. Between lines of prose (the teasers of other
    stories stretch the article's range past a portal's lists) a block needs a list heading,
    timestamps, column tags or cut headlines: short lines there without them are the article's
    own. It is reported as one finding spanning the block, with the number of items.

    Lists that belong to the article stay: a numbered list of points, a dated timeline of the
    story, a table of figures or a list of quoted reactions share the article's vocabulary and
    have no list furniture. A programme is not a list of headlines either: times and dates given
    as ranges (`9:00-9:30`) say when something takes place, not when a story was posted, and
    lines that repeat a field (`地点：…`, `Venue: …`) are records, not a headline shown twice.

    ## Why is this bad?
    Headline lists are the largest block of noise on portal pages — often longer than the article —
    and they put dozens of unrelated topics into a document that is about one.

    ## Fix (safe)
    The block is removed. Without a heading, timestamps or repetition, a tail block of unrelated
    headlines is still reported, with an unsafe fix; so is a block whose dates (ten or more) span
    ten years or more in the order of time, without times of day: the other stories of a list
    were posted within days or months of each other, newest first, while a discography, a
    filmography or an encyclopedia's timeline — the article's own tables — runs over decades.
    And so is a block of CJK lines that run to 25 characters or more at the median, without
    timestamps: headlines are shorter, and such lines are more often a text whose author breaks
    lines where others write commas.
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
        "本届论坛由市科协主办，来自高校和企业的两百多名代表将围绕数字经济与城市治理展开讨论。\n"
        "会议日程\n"
        "9:00-9:30 开幕式\n地  点：会展中心一号厅\n"
        "9:30-11:30 主旨演讲\n地  点：会展中心一号厅\n"
        "14:00-15:30 青年学者分论坛\n地  点：会展中心二楼会议室\n"
        "15:45-17:00 产业合作圆桌会\n地  点：会展中心二楼会议室\n"
        "18:00-19:30 欢迎晚宴\n地  点：滨江酒店宴会厅\n"
        "19:30-20:30 自由交流\n地  点：滨江酒店宴会厅\n"
        "主办方提醒，参会代表请凭电子邀请函入场，并提前十五分钟到达会场完成签到。\n",
        "歌手出道二十年来共发行了七张正规专辑和十余张数字单曲，其中多张专辑在年度销量榜上名列前茅。\n"
        "专辑资料\n"
        "首张正规专辑《春天的信》\n发行日期：2001年12月14日\n语言：国语\n唱片公司：星光音乐\n"
        "第二张正规专辑《远行》\n发行日期：2004年6月19日\n语言：国语\n唱片公司：星光音乐\n"
        "第三张正规专辑《这就是我》\n发行日期：2005年7月1日\n语言：国语、粤语\n唱片公司：蓝海娱乐\n"
        "第四张正规专辑《第四封信》\n发行日期：2006年4月13日\n语言：国语\n唱片公司：蓝海娱乐\n"
        "第五张正规专辑《归途》\n发行日期：2010年1月27日\n语言：国语\n唱片公司：蓝海娱乐\n"
        "他在接受采访时表示，每一张专辑都记录了自己当时的生活状态，新专辑预计明年春天与歌迷见面。\n",
    )
    fixes = (
        (
            "城市更新行动进入新阶段，老旧小区改造今年计划开工两万个，重点补齐养老托育停车等设施短板。\n"
            "住建部门表示，改造将坚持居民自愿原则，先民生后提升，确保工程质量和群众满意度同步提高。\n"
            "[财经] 三家银行同日下调存款利率，最高降幅二十个基点\n"
            "[体育] 主场逆转取胜，球队终结五连败\n"
            "【旅游】五一假期热门目的地出炉，小众古镇人气上涨\n"
            "[健康] 春季过敏高发，医生提醒这几点要注意\n",
            "城市更新行动进入新阶段，老旧小区改造今年计划开工两万个，重点补齐养老托育停车等设施短板。\n"
            "住建部门表示，改造将坚持居民自愿原则，先民生后提升，确保工程质量和群众满意度同步提高。\n",
        ),
        (
            "The council approved the new bus lanes on Tuesday after a long public consultation period.\n"
            "Related\nCelebrity chef opens third restaurant downtown\n2 hours ago\n"
            "Why mortgage rates may fall again next year\n5 hours ago\nLocal team signs veteran goalkeeper\n"
            "1 day ago\n",
            "The council approved the new bus lanes on Tuesday after a long public consultation period.\n",
        ),
    )

    def check(self, doc: Document):
        for found in FoldedPage.of(doc).trending_lists:
            parts = [f"list of {found.items} headlines"]
            if found.heading:
                parts.append(f"under '{found.heading}'")
            details = [f"{n} {w}" for n, w in ((found.timestamps, "timestamps"), (found.repeated, "repeated"),
                                               (found.sections, "section labels"), (found.tagged, "tagged"),
                                               (found.cut, "cut short"), (found.ranked, "ranked")) if n]
            if found.years:
                details.append(f"dated across {found.years} years: a chronology?")
            if found.long_lines:
                details.append("lines as long as a text's: the article's own?")
            if details:
                parts.append(f"({', '.join(details)})")
            parts.append(f"sharing {found.overlap:.0%} of its words with the article")
            first, last = found.first, found.last
            fix = self.make_fix(f"Remove the {last - first + 1}-line list", [_drop_lines(doc, first, last)],
                                SAFE if found.safe else UNSAFE)
            yield self.finding(doc.lines[first].start, doc.lines[last].end, " ".join(parts), fix=fix,
                               confidence=found.confidence)


# -- page furniture in the head and tail -----------------------------------------------------


#: The arrows between a trail's segments.
_CRUMB_ARROWS = ">›»"
#: One segment of a trail after its arrow, alone on its line (``> 央视社区``).
_CRUMB_PIECE = re.compile(rf"(?:>>|[{_CRUMB_ARROWS}])\s*([^{_CRUMB_ARROWS}]{{1,40}})")
_CRUMB_SEP = re.compile(rf"\s*(?:>>|[{_CRUMB_ARROWS}→])\s*|\s+[/|]\s+")
_HOME = ("首页", "主页", "home", "startseite", "accueil", "inicio", "portada")


class Breadcrumb(Rule):
    """A breadcrumb trail above the article.

    ## What it does
    Finds a line before the article body made of short segments joined by `>`, `>>`, `›`, `»`, or by
    ` / ` and ` | ` with spaces around them (`/` without them after a home link: `首页/科技/正文`):
    `首页 > 科技 > 正文`, `Home › World › Europe`. It
    needs three segments, or two when the first is a home link (`首页`, `Home`); each segment is
    short (at most 12 characters, or 4 words) and has no sentence punctuation. A trail printed one
    segment a line, each after its separator, below a home link or a trail (`首页` / `> 央视社区` /
    `> 央视论坛`), is found too.

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
    flags = ("首页/财经/正文\n央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n",
             "首页>>财经>>正文\n央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n",
             "首页 > 财经 > 正文\n央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n",
             "Home › World › Europe\nThe European Parliament approved the new rules on Wednesday by a wide margin.\n")
    passes = ("Deutsch ←→ Français ←→ English\nThe European Parliament approved the new rules on Wednesday by a wide margin.\n",
              "Profits rose > 10% in March\nThe company said profits rose sharply in March as demand for its chips grew.\n",
              "A/B testing explained\nTeams that run controlled experiments learn faster than those that guess at it.\n")
    fixes = (("首页 > 财经 > 正文\n央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n",
              "央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金。\n"),)

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        trails: set[int] = set()
        for i in page.outside[0] if page.outside else ():  # the lines above the article body
            a, b = page.spans[i]
            if a == b:
                continue
            s = page.folded[a:b]
            if len(s) > 80 or "←" in s:  # "A ←→ B": a switch between two versions, not a path
                continue
            parts = [p for p in _CRUMB_SEP.split(s) if p]
            if len(parts) == 1 and s.split("/", 1)[0] in _HOME and "/" in s:
                parts = s.split("/")  # "首页/要闻/今日关注": a trail from home, joined without spaces
                if not all(parts):
                    continue
            elif len(parts) < 2 or len(parts) != len(_CRUMB_SEP.findall(s)) + 1:
                continue
            home = parts[0].endswith(_HOME) or parts[0] in _HOME
            if len(parts) < 3 and not home:
                continue
            if any(p[-1] in SENT_END or _too_long(p) for p in parts):
                continue
            line = doc.lines[i]
            trails.add(i)
            yield self.finding(line.start, line.end, f"breadcrumb trail of {len(parts)} segments",
                               fix=self.make_fix("Remove the breadcrumb", [self.drop_line(line)]))
        if page.outside and any(c in page.folded for c in _CRUMB_ARROWS):
            yield from self._split_trails(doc, page, trails)

    def _split_trails(self, doc: Document, page: FoldedPage, trails: set[int]):
        """A trail printed one segment a line, each after its separator, below a home link or the
        start of a trail (`首页` / `> 央视社区` / `> 央视论坛`), above the article. (Without the home
        link, short lines after `>` may be a quotation in Markdown.)"""
        run: list[int] = []  # a home link or a trail (``trails``, reported already), then pieces

        def close() -> Finding | None:
            if len(run) < 2:
                return None
            first = run[0] if run[0] not in trails else run[1]
            return self.finding(doc.lines[first].start, doc.lines[run[-1]].end,
                                f"breadcrumb trail of {len(run)} parts, one a line",
                                fix=self.make_fix("Remove the breadcrumb", [_drop_lines(doc, first, run[-1])]))

        for i in page.outside[0]:
            a, b = page.spans[i]
            if a == b:
                continue
            s = page.folded[a:b]
            if run and (m := _CRUMB_PIECE.fullmatch(s)) and not _too_long(piece := m.group(1).strip()) \
                    and piece[-1] not in SENT_END:
                run.append(i)
                continue
            if (found := close()) is not None:
                yield found
            run = [i] if i in trails or (s.endswith(_HOME) and len(s) <= 12) else []  # 首页, 搜狐首页, Home
        if (found := close()) is not None:
            yield found



class Byline(Rule):
    """A byline or dateline block above the article.

    ## What it does
    Finds a short line before the article body that gives the publication time with a label
    (`发布时间:2026-03-02 10:15 来源:某某网`, `Published March 2, 2026 · By Jane Roe`), or that
    strings together two or more labelled fields (`来源:新华社 作者:张三`, or glued together:
    `09:58:03来源:新华社作者:张三`), or a short dated line
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
            labels = byline_labels(s)
            dated = bool(TIMESTAMP.search(s))
            if dated and not labels and b - a <= 80:  # "Updated 2 hours ago", "发布于 …"
                # (in the order they come in the line: the words are a set, whose order varies by run)
                labels = sorted((w for w in vocabulary()["stamp-words"] if has_word(s, w)), key=lambda w: (s.find(w), w))
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
             "秋粮收购进度过半\n1.2万\n分享至\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
             "Council backs new bus lanes\n128\nShares\nThe city council voted on Tuesday to extend the bus network to the northern districts.\n")
    passes = ("表一\n2024\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",)
    fixes = (("秋粮收购进度过半\n0\n分享至\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
              "秋粮收购进度过半\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"),)

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        labels = vocabulary()["counter-labels"]
        if not page.outside:
            return
        nonblank = page.nonblank
        head, tail = page.outside
        for pos in chain(range(bisect.bisect_left(nonblank, head.stop)),
                         range(bisect.bisect_left(nonblank, tail.start), len(nonblank))):
            i = nonblank[pos]
            if not _NUMBER_LINE.fullmatch(page.line(i)):
                continue
            for j in (nonblank[pos + 1] if pos + 1 < len(nonblank) else None,
                      nonblank[pos - 1] if pos else None):
                if j is not None and bare_label(page.line(j)) in labels:
                    first, last = min(i, j), max(i, j)
                    label = page.line(j)
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
        for i in chain(*page.outside):
            a, b = page.spans[i]
            if a == b or b - a > 60:
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


_NAV_SEP = re.compile(r"\s*[|/·•]\s*|\s+[-–—]\s+")
_NAV_CJK_SPLIT = re.compile(r"\s+")


_PIPE = re.compile(r"\s*\|\s*")


def _pipe_menu(s: str) -> bool:
    """Whether folded line ``s`` is three or more short entries between pipes (`Sign In | Sign Up
    | Subscribe`, `首页｜人物专访｜图片`): up to three words or ten CJK characters each, none ending
    like a sentence. (Slashes, dots and dashes between three words are as often prose's.)"""
    if s.count("|") < 2 or len(s) > 120:
        return False
    items = [p for p in _PIPE.split(s.strip("| ")) if p]
    return len(items) >= 3 and all(
        p[-1] not in SENT_END and (len(p) <= 10 if line_is_cjk(p) else len(p.split()) <= 3 and len(p) <= 24)
        for p in items)


class NavigationRun(Rule):
    """A run of navigation links: a menu, or a sidebar's list of sections.

    ## What it does
    Finds, before or after the article body, four or more consecutive lines of one or two words
    each (`健康`, `家居`, `教育`, `数码`; `News`, `Sport`, `Weather`), or one line of five or more
    such items separated by `|`, `/`, `·`, `•` or a spaced dash (`Home | News | Sport | Business |
    Weather`, `首页 - 新闻 - 体育 - 财经 - 娱乐`), or by spaces between CJK items (`首页 新闻 体育 财经
    娱乐`), within 80 characters — or of any length with eight items or more (a portal's top bar) —
    or three or more entries of up to three words (ten CJK characters) between pipes (`Sign In |
    Sign Up | Subscribe`, `首页｜人物专访｜图片新闻`).

    Anywhere on the page, between the article's paragraphs too (where a careless scrape puts the
    sidebars), it finds six or more label-shaped lines in a row: one to four words or two to eight
    CJK characters each, without digits, code characters or closing punctuation (`Politics`,
    `Local sport`, `Climate & Environment`, `国内新闻`). Blank lines do not break a run; the title
    does. An article's own short lists rarely hold six such labels in a row: on real careless
    scrapes 97 in 100 of the lines in these runs are menus (what remains are tables of contents,
    tables and feature lists that some gold bodies keep).

    Anywhere on the page too, it finds four or more lines in a row that are each a number, counting
    up by one (`1`, `2`, `3`, `4`): pagination, the days of a calendar widget, the line numbers of a
    code listing copied beside its code (three happen by chance in a table's row).

    Anywhere on the page, it finds four or more lines in a row that are each a name with a count in
    brackets (`Travel (12)`, `Recipes (7)`, `November 2019 (4)`): a blog's category and archive
    lists.

    ## Why is this bad?
    Menus are the same on every page of a site; they carry no content and inflate every document
    with the site's section names.

    ## Fix (safe)
    The lines are removed. On a page that opens with its article (nothing above the title that
    looks like furniture, at most five lines before the first paragraph, and under 45 % of its
    lines shaped like labels: an extractor's output) a run of labels is as often the article's
    own list or table: the fix is unsafe. So it is on a page where the shipped packs find no
    boilerplate at all (no share button, copyright line or related-articles heading): an
    encyclopedia's text or a careful extraction, whose section headings and lists have the shape of
    menus. So is a run of six labels or more that shares half its words with the article's
    prose: its table of contents (the headings of its sections) or a table of its own. Runs of
    page numbers are removed on any page. Lines of a list that T001 finds dated across decades
    (a discography, a timeline) and the lines of a numbered programme ("Round 1: …", "Round 2: …"),
    the article's own tables, are left alone.
    """

    code = "B805"
    name = "navigation-run"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = ("健康\n家居\n教育\n数码\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
             "登录\n注册\n湿地保护条例明年施行\n"
             "新修订的湿地保护条例将于明年一月一日起施行，首次把城市小微湿地纳入保护范围。\n"
             "国内新闻\n国际新闻\n财经频道\n体育频道\n娱乐频道\n科技频道\n"
             "条例还规定，占用重要湿地的建设项目须先行补充同等面积和质量的湿地。\n",
             "Home | News | Sport | Business | Weather\nThe city council voted on Tuesday to extend the bus network to the northern districts.\n",
             "首页 - 新闻 - 体育 - 娱乐 - 财经 - 科技 - 汽车 - 房产 - 旅游 - 教育 - 健康 - 女性 - 游戏 - 博客 - 论坛 - 视频 - 图片 - 地图\n"
             "新修订的湿地保护条例将于明年一月一日起施行，首次把城市小微湿地纳入保护范围。\n",
             "The city council voted on Tuesday to extend the bus network to the northern districts.\n"
             "Officials said the first new bus lanes would open in the spring, with more to follow.\n1\n2\n3\n4\nNext\n",
             "The city council voted on Tuesday to extend the bus network to the northern districts.\n"
             "Officials said the first new bus lanes would open in the spring, with more to follow.\n"
             "Categories\nTravel (12)\nRecipes (7)\nGarden (23)\nUncategorized (4)\n",
             "2025年11月\n一\n二\n三\n四\n五\n六\n日\n1\n2\n3\n4\n5\n6\n7\n"
             "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n")
    passes = ("今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"
              "参与单位包括：\n农业局\n粮食局\n气象局\n财政局\n各单位将按季度向社会报告工作进展，接受群众和媒体的监督，确保每一笔资金都用到实处。\n",
              "Skip to content\nRiver clean-up draws record crowd\n"
              "More than four hundred volunteers joined the annual river clean-up on Saturday morning in town.\n"
              "You will need:\n2 pairs of gloves\n1 litter picker\n4 bin bags\nWaterproof boots\nA flask of tea\n"
              "Sun cream\nThe organisers said next year's clean-up would cover both banks of the river for the first time.\n",
              "The final table after the last round of the season:\nRovers\n3\n2\n1\nUnited\n2\n3\n4\n"
              "The league said the two clubs would meet again in the cup final in May next year.\n",
              "The club's medals at the regional games this summer were shared among three teams:\n"
              "Gold (3)\nSilver (5)\nBronze (2)\n"
              "The coach said the young swimmers had done better than anyone expected this year.\n")
    fixes = (("健康\n家居\n教育\n数码\n今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n",
              "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。\n"),)

    @staticmethod
    def _is_item(s: str) -> bool:
        if not s or s[-1] in SENT_END or any(map(str.isdigit, s)):
            return False
        cjk = line_is_cjk(s)
        return (len(s) <= 4 and cjk) or (not cjk and len(s.split()) <= 2 and len(s) <= 16)

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        if not page.has_own_table:
            yield from self._runs(doc, page)
            return
        # The cells of a chronology (a discography, a timeline: see T001) or the rows of a
        # numbered programme are the article's table.
        for finding in self._runs(doc, page):
            if not page.in_own_table(page.line_of(finding.start), page.line_of(max(finding.start, finding.end - 1))):
                yield finding

    def _runs(self, doc: Document, page: FoldedPage):
        reported: set[int] = set()
        spans = page.spans
        # Menus and runs of links before and after the article body (none without one).
        for lines in page.outside:
            i, hi = lines.start, lines.stop
            while i < hi:
                if spans[i][0] == spans[i][1]:
                    i += 1  # a blank line is neither a menu nor an item
                    continue
                s = page.line(i)
                items = [p for p in _NAV_SEP.split(s) if p]
                if len(items) < 5 and line_is_cjk(s):
                    items = [p for p in _NAV_CJK_SPLIT.split(s) if p]
                if (len(items) >= 5 and all(self._is_item(p) for p in items) and (len(s) <= 80 or len(items) >= LONG_MENU)
                        or _pipe_menu(s)):
                    line = doc.lines[i]
                    reported.add(i)
                    yield _shape_finding(self, doc, line.start, line.end, f"navigation menu of {len(items)} links",
                                         "Remove the menu", [self.drop_line(line)])
                    i += 1
                    continue
                j = i
                while j < hi and self._is_item(page.line(j)):
                    j += 1
                if j - i >= 4:
                    reported.update(range(i, j))
                    yield _shape_finding(self, doc, doc.lines[i].start, doc.lines[j - 1].end, f"navigation run of {j - i} links",
                                         "Remove the menu", [_drop_lines(doc, i, j - 1)])
                i = max(j, i + 1)
        yield from self._number_runs(doc, page, reported)
        yield from self._counted_runs(doc, page, reported)
        yield from self._label_runs(doc, page, reported)

    def _number_runs(self, doc: Document, page: FoldedPage, reported: set[int]):
        """Runs of page numbers: ``MIN_NUMBER_RUN`` or more lines in a row, each a number one
        more than the one before (blank lines between them do not count)."""
        f = page.folded
        if len((_PAGE_NUMBER_LINE_CR if "\r" in f else _PAGE_NUMBER_LINE).findall(f)) < MIN_NUMBER_RUN - 1:
            return  # (the first line has no break before it)
        run: list[int] = []
        last = 0
        n = len(page.spans)
        for i in range(n + 1):
            value = None
            if i < n:
                a, b = page.spans[i]
                if a == b:
                    continue
                s = page.folded[a:b]
                if len(s) <= 4 and s.isascii() and s.isdigit() and i not in reported:
                    value = int(s)
                if value is not None and run and value == last + 1:
                    run.append(i)
                    last = value
                    continue
            if len(run) >= MIN_NUMBER_RUN:
                reported.update(run)
                yield self.finding(
                    doc.lines[run[0]].start, doc.lines[run[-1]].end,
                    f"{len(run)} numbers counting up, one a line ({last - len(run) + 1} to {last}): "
                    "pagination or a calendar",
                    fix=self.make_fix("Remove the page numbers", [_drop_lines(doc, run[0], run[-1])]),
                )
            run, last = ([i], value) if value is not None else ([], 0)

    def _counted_runs(self, doc: Document, page: FoldedPage, reported: set[int]):
        """Runs of entries with a count (``Travel (12)``, ``November 2019 (4)``): the category
        and archive lists of blog software, ``MIN_COUNTED_RUN`` lines or more in a row (blank
        lines between them do not count)."""
        f, spans = page.folded, page.spans
        if f.count(")") + f.count("]") < MIN_COUNTED_RUN or len(_COUNTED_LINE_END.findall(f)) < MIN_COUNTED_RUN:
            return
        def entry(i: int) -> bool:
            return i not in reported and _COUNTED_ENTRY.fullmatch(f, *spans[i]) is not None

        for counted, group in groupby(page.nonblank, key=entry):
            run = list(group)
            if counted and len(run) >= MIN_COUNTED_RUN:
                reported.update(run)
                yield _shape_finding(self, doc, doc.lines[run[0]].start, doc.lines[run[-1]].end,
                                     f"{len(run)} entries with a count in a row (a category or archive list)",
                                     "Remove the list", [_drop_lines(doc, run[0], run[-1])])

    def _label_runs(self, doc: Document, page: FoldedPage, reported: set[int]):
        """Runs of label-shaped lines anywhere on the page (the menus and section lists of
        sidebars sit between the article's paragraphs too). Blank lines and lines already
        reported as a menu neither make nor break a run (a reported line splits it into segments
        removed apart); the title breaks it."""
        if page.body is None or sum(page.labels) < MIN_LABEL_RUN:  # too few labels for a run
            return
        title = page.title
        labels = page.labels
        segments: list[list[int]] = []  # the run so far
        size = 0
        split = False
        n = len(page.spans)
        for i in range(n + 1):
            if i < n:
                a, b = page.spans[i]
                if a == b:
                    continue
                if i in reported:
                    split = True
                    continue
                if i != title and labels[i]:
                    if split or not segments:
                        segments.append([])
                    segments[-1].append(i)
                    size += 1
                    split = False
                    continue
            if size >= MIN_LABEL_RUN:
                # (The article's vocabulary is that of its prose lines: labels are none of them.)
                shared = vocabulary_overlap([page.line(k) for seg in segments for k in seg], page.body_vocabulary,
                                            extra=2)
                yield _furniture_finding(self, doc, page, segments, f"{size} label-shaped lines in a row",
                                         "a menu or section list", "its own list or table", shared=shared)
            segments, size, split = [], 0, False


#: A line of this many menu entries is a menu however long it is (a portal's top bar of twenty
#: sections); fewer make one only within 80 characters.
LONG_MENU = 8

#: Numbers counting up, one a line, that make pagination or a calendar wherever they stand. On the
#: real pages measured, 193 of the 194 lines in such runs were page furniture (careless scrapes
#: and extractor output together), and every run had four numbers or more; three in a row also
#: happen by chance in a table's row (wins, draws, losses: 2, 3, 4).
MIN_NUMBER_RUN = 4
#: A line that is only a number of one to four digits (what a run is made of: most pages have
#: too few of them to hold one, and are not looked at line by line): after a line feed, and on
#: a page with carriage returns after any line break (a pattern that opens with a literal
#: character is searched about ten times as fast as one that opens with a class).
_PAGE_NUMBER_LINE = re.compile(r"\n[^\S\r\n]*\d{1,4}[^\S\r\n]*(?![^\r\n])")
_PAGE_NUMBER_LINE_CR = re.compile(r"[\r\n][^\S\r\n]*\d{1,4}[^\S\r\n]*(?![^\r\n])")

#: Entries with a count in a row that make a blog's category or archive list: on the real pages
#: measured, 714 of the 716 lines in runs of four or more were page furniture.
MIN_COUNTED_RUN = 4
#: An entry with a count: a name without digits, or a month and year, then the count in brackets.
_COUNTED_ENTRY = re.compile(r"[^\d()\[\]]{1,40}?(?:\s\d{4})?\s*[(\[]\s*\d{1,6}\s*[)\]]")
#: What every such entry ends with (most pages have too few of them to hold a run).
_COUNTED_LINE_END = re.compile(r"[)\]][^\S\r\n]*(?=[\r\n]|\Z)")

#: Label-shaped lines in a row that make a menu wherever they stand: four are often an article's
#: own short list, six are a menu 97 times in 100 on real careless scrapes.
MIN_LABEL_RUN = 6
#: A run of labels that shares this much of its words with the article's prose is as often the
#: article's table of contents (its entries are the headings of its sections) or a table: on the
#: real careless scrapes measured, such runs were 171 content lines and 623 noise (precision
#: 0.78), the other runs 128 content lines and 14,975 noise. Their fix is unsafe.
CONTENTS_OVERLAP = 0.5


#: An item of a list the author wrote: a bullet (`* `, `• `) or a number (`12) `, `3. `, `2、`)
#: before its text. Menus and link lists in scraped text carry neither (a `·` or `|` before a
#: link is a separator of the site's, and stays furniture).
_LIST_ITEM = re.compile(r"(?:[*•▪◦●]\s+|\d{1,3}[.)、]\s*)\w")


class PageChrome(Rule):
    """Menus, links and widgets above the title, and runs of them below the article.

    ## What it does
    Careless scrapers keep the whole page, one block a line. This rule removes what lies outside
    the article by its shape alone, in any language:

    - every line above the title that does not read like a sentence (menus, "Sign in", language
      pickers, a site banner) — the title is the headline-shaped line before the body that shares
      the most vocabulary with the article (a page that opens with its <title> and repeats it
      above the article: the copy above the article);
    - after the article body, runs of three or more short lines (at most 30 CJK characters or 12
      words) that do not end like sentences: link lists, footers, pagination, share bars; a
      headline of up to 25 words in title case, without a full stop, counts as such a line
      (the titles of other stories: an article's own list is written in sentence case).

    Between the title and the body it takes only the menu lines of a long stretch (fifteen lines
    or more, six in ten shaped like menu entries: the site's menus printed again under the
    headline), and leaves the last eight lines before the article (byline, date, standfirst,
    caption) and any line that shares half its words with the article alone.

    A single short line after the article (a sign-off, a credit in brackets, an end mark such as
    `（完）`) is left alone, and so is everything else between the title and the body. A short call
    ending with `!` or `?` ("Why subscribe?", "想创业的人必看！": a widget's or an ad's link)
    belongs to a run, except right after the article, where it is the author's sign-off ("Happy
    baking!"). A line marked as a list item (`* `, `• `, `12) `, `3. `) is the article's own list,
    not furniture: it ends a run.

    ## Why is this bad?
    Page furniture repeats on every page of a site and buries the article's own words.

    ## Fix (safe)
    The lines are removed. On a page that opens with its article (nothing above the title that
    looks like furniture, at most five lines before the first paragraph, and under 45 % of its
    lines shaped like labels: the output of an HTML extractor or of a careful scraper) the runs
    after the article are as often the article's own lists, references and credits: they are
    reported with an unsafe fix. The lines are judged by their shape alone, so a removal is safe
    only where the shipped packs find boilerplate in the same part of the page: a run after the
    article where they find some after the article (a share bar, a copyright line, a related
    heading), a line above the title where they find some above the article. Elsewhere — an
    encyclopedia's references and external links, a faculty page's contact lines, a careful
    extraction — the fix is unsafe: such a text's headings and lists have the shape of page
    furniture. So is a run that opens with a heading of sources ("Sources & links",
    "References", "参考资料") above lines that are not known boilerplate: the article's reference
    list. The lines of a list that T001 finds dated across decades (the article's own table)
    break a run, and so do the lines of a numbered programme, wherever they stand (three lines or
    more that open with the same label and a number one higher each: "Round 1: 14 March –
    Silverstone", "2a etapa: …", "Day 3: …").
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
        # Lines above the title: none when at most one non-blank line precedes the body (the title).
        title = page.title if bisect.bisect_left(page.nonblank, page.body[0]) > 1 else None
        if title is not None:
            for i in range(title):
                if is_furniture(page.line(i)) and not page.in_own_table(i):
                    line = doc.lines[i]
                    yield _shape_finding(self, doc, line.start, line.end, "line above the title (page furniture)",
                                         "Remove the lines", [self.drop_line(line)], confidence=0.8, zone="head")
            yield from self._menus_under_title(doc, page, title)
        run: list[int] = []
        first = True  # the first line after the article: a sign-off such as "Happy baking!" is its own
        for i in range(page.body[1] + 1, len(page.spans) + 1):
            if i < len(page.spans) and page.spans[i][0] == page.spans[i][1]:
                continue  # blank lines neither make nor break a run
            line = page.line(i) if i < len(page.spans) else ""
            if (line and (is_furniture(line, strict=True) or _long_headline(line, doc.lines[i].text))
                    and not _LIST_ITEM.match(line)
                    and not (first and line[-1] in "!?")
                    and not page.in_own_table(i)):  # the cells of the article's table
                first = False
                run.append(i)
                continue
            first = False
            if len(run) >= 3:
                # (A run of such headings alone, or with known boilerplate, is the empty sections
                # of a page's template.)
                headings = vocabulary()["source-headings"]
                sources = bare_label(page.line(run[0])) in headings and any(
                    (line := page.line(k)) not in _known(doc)[2] and bare_label(line) not in headings
                    for k in run[1:])
                yield _furniture_finding(self, doc, page, [run], f"{len(run)} short lines after the article",
                                         "page furniture", "the article's own list", zone="tail",
                                         sources=sources)
            run = []

    def _menus_under_title(self, doc: Document, page: FoldedPage, title: int):
        """Furniture between the title and the article, on a page where that stretch is long
        (``MENU_STRETCH`` lines or more) and mostly menu entries (``MENU_STRETCH_LABELS``): the
        site's menus, printed again under the headline (or under a menu entry that shares a word
        with the article, taken for the title). The last ``NEAR_ARTICLE`` lines before the
        article — byline, date, standfirst, a caption — are left alone, and so is a line of
        ``HEADLINE_SIZE`` words or more that shares ``HEADLINE_OVERLAP`` of them with the article
        (its headline again, under a first copy taken for the title)."""
        nonblank = page.nonblank
        between = nonblank[bisect.bisect_right(nonblank, title):bisect.bisect_left(nonblank, page.body[0])]
        if len(between) < MENU_STRETCH or sum(page.labels[i] for i in between) < MENU_STRETCH_LABELS * len(between):
            return
        vocab = page.body_vocabulary
        for i in between[:-NEAR_ARTICLE]:
            s = page.line(i)
            if is_furniture(s) and not page.in_own_table(i) and not (
                    line_shape(s)[1] >= HEADLINE_SIZE and vocabulary_overlap([s], vocab) >= HEADLINE_OVERLAP):
                line = doc.lines[i]
                yield _shape_finding(self, doc, line.start, line.end, "menu line between the title and the article "
                                     "(page furniture)", "Remove the lines", [self.drop_line(line)], confidence=0.8)


#: A stretch between the title and the article this long (non-blank lines), and this share of it
#: shaped like menu entries, is the site's menus (B806); its last lines are the article's head.
MENU_STRETCH = 15
MENU_STRETCH_LABELS = 0.6
NEAR_ARTICLE = 8
#: A line of that stretch with this share of its words in the article is its headline, repeated
#: under a first copy taken for the title.
HEADLINE_OVERLAP = 0.5
HEADLINE_SIZE = 4


#: Words a headline in title case leaves in lower case.
_MINOR_WORDS = frozenset("a an the of in on to for and or but at by with from as is vs via into over nor".split())


def _long_headline(folded: str, line: str) -> bool:
    """Whether ``line`` (``folded``: its fold) is a headline too long for ``is_furniture``: 13 to
    25 words in title case, the other stories a site lists after an article, without a sentence
    or a closing mark. A line in sentence case is left out: an article's own list (the features
    of a product, one a line, without full stops) is written so."""
    if folded[-1] in ".:;," or has_sentence(folded):
        return False
    cjk, size = line_shape(folded)
    if cjk or not 12 < size <= 25 or len(line) > 200:
        return False
    words = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _MINOR_WORDS]
    return len(words) >= 6 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _furniture_finding(rule: Rule, doc: Document, page: FoldedPage, segments: list[list[int]], what: str,
                       called: str, maybe: str, zone: str | None = None, sources: bool = False,
                       shared: float = 0.0):
    """A finding that removes the lines of ``segments`` (runs of line indexes): safe, unless the
    page opens with its article (an extractor's output) or holds no known boilerplate, where
    such lines are as often the article's own (``maybe``), the lines share ``CONTENTS_OVERLAP``
    of their words with the article (``shared``: its table of contents, a table), or the run
    opens with a heading of sources (``sources``: "References", "参考资料"): then reported with an
    unsafe fix."""
    lines = doc.lines
    edits = [_drop_lines(doc, seg[0], seg[-1]) for seg in segments]
    first, last = segments[0][0], segments[-1][-1]
    if page.opens_with_article:
        return rule.finding(lines[first].start, lines[last].end,
                            f"{what}; the page opens with its article, so they may be {maybe}", confidence=0.5,
                            fix=rule.make_fix("Remove the lines", edits, UNSAFE))
    if shared >= CONTENTS_OVERLAP:
        return rule.finding(lines[first].start, lines[last].end,
                            f"{what} sharing {shared:.0%} of their words with the article: its table of contents "
                            "or a table?", confidence=0.5, fix=rule.make_fix("Remove the lines", edits, UNSAFE))
    if sources and _boilerplate_known(doc, zone):
        return rule.finding(lines[first].start, lines[last].end,
                            f"{what}, under a heading of sources: the article's references?", confidence=0.4,
                            fix=rule.make_fix("Remove the lines", edits, UNSAFE))
    return _shape_finding(rule, doc, lines[first].start, lines[last].end, f"{what} ({called})", "Remove the lines",
                          edits, confidence=0.8, zone=zone)


def _shape_finding(rule: Rule, doc: Document, start: int, end: int, message: str, action: str, edits: list[Edit],
                   confidence: float = 1.0, zone: str | None = None):
    """A finding of lines judged page furniture by their shape alone: safe on a page where the
    shipped packs find boilerplate (a share button, a copyright line, a related-articles
    heading: the marks of a careless scrape) — in ``zone`` of it, when given (see
    ``_boilerplate_known``) — unsafe on a page where they find none — an encyclopedia's text, a
    careful extraction — whose headings and lists are shaped like menus."""
    if not _boilerplate_known(doc, zone):
        where = {"head": "above the article", "tail": "after the article"}.get(zone, "on the page")
        return rule.finding(start, end, f"{message}; no known boilerplate {where}, so it may be the text's own",
                            confidence=min(confidence, 0.5), fix=rule.make_fix(action, edits, UNSAFE))
    return rule.finding(start, end, message, confidence=confidence, fix=rule.make_fix(action, edits))


def _known(doc: Document) -> tuple[FoldedPage, frozenset[int], frozenset[str]]:
    """The page as it came (``doc.as_it_came``), the indexes of its lines where the shipped packs
    find boilerplate, and those lines' folded texts (to ask about a line of a later fix pass, whose
    indexes are not that page's). Computed once per page."""
    from scrapelint.rules import shipped_pack_matcher  # the packs are rules too: loaded on first use

    page, hits = shipped_pack_matcher().scan(doc.as_it_came)
    found = page.__dict__.get("_known")
    if found is None:
        lines = frozenset(i for spots in hits.values() for i, _, _ in spots)
        found = page.__dict__["_known"] = (lines, frozenset(map(page.line, lines)))
    return page, *found


def _boilerplate_known(doc: Document, zone: str | None = None) -> bool:
    """Whether the shipped packs find any boilerplate on the page (as it came), or in one part of
    it: ``zone`` ``"head"``, above the article body, ``"tail"``, after it. On the real pages
    measured, the layout rules' removals on pages where they found none were two thirds article
    text (72 content lines, 37 noise on the careless scrapes), on the other pages one line in
    fifty; B806's runs after the article on pages where they found none after it were 14 content
    lines and 34 noise on the careless scrapes, 21 content and 5 noise after an extractor."""
    page, known, _ = _known(doc)
    if not known or zone is None or page.body is None:
        return bool(known)
    zones = page.__dict__.setdefault("_known_zones", {})  # asked once per finding: answered once
    if zone not in zones:
        # The body's first and last lines may be boilerplate themselves (a copyright line reads
        # like a sentence): the parts are bounded by its first and last lines that are not.
        prose = [i for i in page.prose if page.body[0] <= i <= page.body[1] and i not in known]
        zones[zone] = not prose or (any(i < prose[0] for i in known) if zone == "head"
                                    else any(i > prose[-1] for i in known))
    return zones[zone]


class StrandedFurniture(Rule):
    """Short lines left between two blocks that the other rules remove as noise.

    ## What it does
    Looks at the lines the other rules' safe fixes remove, and finds one to six short lines
    (the shape of page furniture: at most 30 CJK characters or 12 words, not ending like a
    sentence) with removed lines on both sides: a comment count or a lone number between a share
    bar and a list of headlines, a section name that no pack knows inside a menu whose other
    entries were removed, a "Read more" between two widgets. This is the context rule of jusText's
    classifier (Pomikálek 2011): a short line takes the class of the blocks around it. The
    message names the rules that removed its neighbours.

    ## Why is this bad?
    Phrase lists and shape rules each catch most of a block of furniture; what they miss is left
    stranded in the text, a word or a number that belongs to no sentence. On the real careless
    scrapes measured, 97 in 100 short lines with removed lines on both sides, two on one side, were
    furniture.

    ## Fix (safe)
    The lines are removed when at least two removed lines lie on one side of them (counting
    non-blank lines, up to the next kept one); with a single removed line on each side, the
    evidence is thin and the fix is unsafe. Above the article body, where the title, a kicker and
    a byline sit between menus and share bars too, only menu entries and numbers are judged, and
    their fix is safe with two removed lines on each side. Only safe fixes of other rules count
    as removed lines, so the rule follows the rules selected and their settings.
    """

    code = "B808"
    name = "stranded-furniture"
    category = "boilerplate"
    fix_applicability = SAFE
    context = True
    #: At most this many short lines in a row are judged by their neighbours: on the real careless
    #: scrapes measured, seven and eight stranded lines were as often an article's table of
    #: contents or an encyclopedia's list between two removed blocks (the rule's precision 0.949
    #: with eight, 0.963 with six, for the same noise F1 of the whole fix).
    MAX_RUN = 6
    #: Removed lines needed on one side (and one at least on the other) for a safe fix.
    MIN_SIDE = 2
    flags = (
        "Council backs new bus lanes\n"
        "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
        "Subscribe\nSign in\nWeather\nLog in or sign up\nPrivacy Policy\n"
        "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
        "Residents of the northern districts have waited almost a decade for a direct council bus service.\n",
    )
    passes = (
        "Council backs new bus lanes\n"
        "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
        "Subscribe\nSign in\nHow the new routes work\n"
        "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
        "Residents of the northern districts have waited almost a decade for a direct council bus service.\n",
        "Council backs new bus lanes\n"
        "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
        "Subscribe\nSign in\nThe vote was close.\nLog in or sign up\nPrivacy Policy\n"
        "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
        "Residents of the northern districts have waited almost a decade for a direct council bus service.\n",
    )
    fixes = (
        (
            "Council backs new bus lanes\n"
            "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
            "Subscribe\nSign in\nWeather\nLog in or sign up\nPrivacy Policy\n"
            "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
            "Residents of the northern districts have waited almost a decade for a direct council bus service.\n",
            "Council backs new bus lanes\n"
            "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
            "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
            "Residents of the northern districts have waited almost a decade for a direct council bus service.\n",
        ),
    )

    def check_context(self, doc: Document, findings):
        page = FoldedPage.of(doc)
        removed = _removed_lines(page, findings, self.code)
        if not removed or page.body is None:
            return
        # The non-blank lines in runs: (removed?, [line indexes]).
        runs: list[tuple[bool, list[int]]] = []
        for i, (a, b) in enumerate(page.spans):
            if a == b:
                continue
            gone = i in removed
            if runs and runs[-1][0] == gone:
                runs[-1][1].append(i)
            else:
                runs.append((gone, [i]))
        for k in range(1, len(runs) - 1):
            gone, kept = runs[k]
            if gone or len(kept) > self.MAX_RUN or not all(is_furniture(page.line(i), strict=True) for i in kept):
                continue
            head = kept[0] < page.body[0]
            if head and not all(is_label(page.line(i)) or page.line(i).isdigit() for i in kept):
                continue  # above the article, only menu entries and counters: the title sits between furniture too
            around = len(runs[k - 1][1]), len(runs[k + 1][1])
            # Three removed lines around it at least, two of them on one side; above the article,
            # two on each side.
            safe = (min(around) if head else max(around)) >= self.MIN_SIDE
            n = len(kept)
            note = "" if safe else "; one line on each side" if max(around) == 1 else "; one line on a side"
            message = (f"{f'{n} short lines' if n > 1 else 'short line'} between lines removed as noise "
                       f"({removed[runs[k - 1][1][-1]]} above, {removed[runs[k + 1][1][0]]} below{note})")
            yield self.finding(doc.lines[kept[0]].start, doc.lines[kept[-1]].end, message,
                               confidence=0.85 if safe else 0.6,
                               fix=self.make_fix("Remove the lines", [_drop_lines(doc, kept[0], kept[-1])],
                                                 SAFE if safe else UNSAFE))


def _removed_lines(page: FoldedPage, findings, own: str) -> dict[int, str]:
    """The non-blank lines that the safe fixes of ``findings`` (other than rule ``own``'s) delete
    whole, with the code of the rule that deletes each."""
    out: dict[int, str] = {}
    spans, starts, n = page.spans, page.starts, len(page.spans)
    for f in findings:
        fix = f.fix
        if fix is None or fix.applicability is not SAFE or f.code == own:
            continue
        for e in fix.edits:
            if e.content:
                continue
            i = page.line_of(e.start)
            # Whole when the edit runs from the line's start past its last character.
            while i < n and starts[i] < e.end:
                a, b = spans[i]
                if a != b and starts[i] >= e.start and b <= e.end:
                    out.setdefault(i, f.code)
                i += 1
    return out


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

    ## Fix (unsafe)
    The thread, from its heading or first author to its last reply button, is removed. Whether
    reader comments belong to a page's text is a convention, not a fact: some corpora and
    benchmarks keep them (CleanEval, L3S-GN1, trafilatura by default), others drop them. The
    thread is always reported; `fix` removes it with `--unsafe-fixes`, or always when the
    setting `extend-safe-fixes = ["B807"]` makes the fix safe.
    """

    code = "B807"
    name = "comment-thread"
    category = "boilerplate"
    fix_applicability = UNSAFE
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
        replies = sum(1 for i in range(first, last + 1) if page.line(i).strip(" ↓↑→»›|·•()[]") in REPLY_WORDS)
        yield self.finding(
            doc.lines[first].start, doc.lines[last].end, f"reader-comment thread ({replies} comments)",
            fix=self.make_fix("Remove the comment thread", [_drop_lines(doc, first, last)]), confidence=0.9,
        )


# -- menus whose entries were joined without spaces -------------------------------------------

#: A lower-case letter then a capital: where two entries of a menu lost the space between them.
_GLUE = re.compile(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]")
#: Anything but Latin letters, digits, spaces and the marks menu entries hold (`Family & Life`).
_NOT_MENU = re.compile(r"[^\sA-Za-zÀ-ÖØ-öø-ÿ0-9&'’-]")
#: A glued menu has at least this many joins, and at most this many characters.
MIN_GLUES, MAX_GLUED_LINE = 3, 150
#: Three joins within one line's reach: what every glued menu holds (its search is bounded).
_THREE_GLUES = re.compile(f"{_GLUE.pattern}(?:[^\\n]{{0,{MAX_GLUED_LINE}}}?{_GLUE.pattern}){{2}}")
_GLUE_PAIR = PairScreen([(
    "".join(map(chr, [*range(0x61, 0x7B), *range(0xDF, 0xF7), *range(0xF8, 0x100)])),
    "".join(map(chr, [*range(0x41, 0x5B), *range(0xC0, 0xD7), *range(0xD8, 0xDF)])),
)])


def _has_three_glues(text: str) -> bool:
    """B809's prescreen: one join (``_GLUE``) found in a compiled pass, then three of them (the
    pattern, which opens with a class, would try every lower-case letter of the text)."""
    return _GLUE_PAIR(text) and _THREE_GLUES.search(text) is not None


class GluedMenu(Rule):
    """A menu whose entries were joined without spaces.

    ## What it does
    Finds a line of words only (Latin letters, digits, spaces, `&`, `'`, `-`), at most 150
    characters, where a lower-case letter runs into a capital at least three times and such joins
    are at least half as many as its words: `FacebookTwitterPinterestEmail`,
    `NewsSportsOpinionArchives`, `Privacy PolicyTerms of UseAdChoices`. An extractor that drops
    the markup between the links of a menu, a share bar or a footer glues their labels together.
    A name with one capital inside (`iPhone`, `McDonald`, `YouTube`) has one join; a hashtag, a
    handle, an identifier in code or a sentence has characters a menu does not.

    ## Why is this bad?
    The line is the site's navigation, and once glued it makes words that exist nowhere
    (`ArchivesWeather`), which tokenizers split into rare pieces and phrase lists never match.

    ## Fix (safe)
    The line is removed.
    """

    code = "B809"
    name = "glued-menu"
    category = "boilerplate"
    fix_applicability = SAFE
    skips_code = True
    flags = (
        "NewsSportsOpinionArchivesWeather\nThe council approved the new bus lanes on Tuesday after a long consultation.\n",
        "The council approved the new bus lanes on Tuesday after a long consultation.\nFacebookTwitterPinterestEmail\n",
        "Privacy PolicyTerms of UseAdvertisingContact Us\n",
        "DeportesFútbolBásquetRugbyTenis\n",
    )
    passes = (
        "Watch it on YouTube or read the McDonald's statement on LinkedIn.\n",
        "The iPhone, the PlayStation and the MacBook all sold well this quarter, the report said.\n",
        "Call getElementById(), then addEventListener() on the result.\n",
        "Share the hashtag #KeepTheLightsOn with your friends.\n",
        "Apple iPhone iPad\n",
    )
    fixes = (
        (
            "The council approved the new bus lanes on Tuesday after a long consultation.\nFacebookTwitterPinterestEmail\n",
            "The council approved the new bus lanes on Tuesday after a long consultation.\n",
        ),
    )

    prescreen = staticmethod(_has_three_glues)

    def check(self, doc: Document):
        done = -1
        for m in _THREE_GLUES.finditer(doc.text):
            line = doc.line_at(m.start())
            if line.start <= done:
                continue
            done = line.start
            s = line.text.strip()
            if len(s) > MAX_GLUED_LINE:
                continue
            glues = len(_GLUE.findall(s))
            if glues < MIN_GLUES or 2 * glues < len(s.split()) or _NOT_MENU.search(s):
                continue
            yield self.finding(line.start, line.end, f"menu entries joined without spaces ({glues} joins)",
                               fix=self.make_fix("Remove the glued menu", [self.drop_line(line)]))


#: A slide's counter at the start of a line ("7/50", "3 of 12", "Image 3 of 12", "图3/8"),
#: alone or before the slide's title (folded text: lower case).
_SLIDE = re.compile(r"(?:(?:image|photo|picture|slide|foto|bild|图片?)\s*)?(\d{1,3})\s*(?:/|of|von|de|sur|di)"
                    r"\s*(\d{1,3})(?:\s+\S.*)?")
#: B810's prescreen: a line that opens with such a counter, after a line break (a gallery has
#: more than one), its word capitalised ("Image 3 of 12"). A pattern that opens with a literal
#: and ignores no case is searched one and a half times as fast as with ``re.IGNORECASE``.
_SLIDE_LINE = re.compile(r"\n[^\S\n]*(?:(?:Image|Photo|Picture|Slide|Foto|Bild|图片?)[^\S\n]*)?\d{1,3}[^\S\n]*"
                         r"(?:/|of|von|de|sur|di)[^\S\n]*\d{1,3}(?:[^\S\n]|$)", re.MULTILINE)
#: Short lines right above a gallery's first counter that are its heading and controls.
MAX_GALLERY_HEADING = 4
#: Counters in a row that make a gallery: two numbered lines happen by chance.
MIN_SLIDES = 3
#: The share of a gallery's words found in the rest of the article under which its slides are
#: another story's (a site's "news in pictures" carousel in the middle of an article); above
#: it, the photos are the article's own and their captions may be part of its text.
GALLERY_OVERLAP = 0.5
#: Prose lines the article must keep outside the gallery for the gallery not to be the page
#: itself (a slideshow article: "The 20 best beaches", one slide a section).
MIN_PROSE_OUTSIDE = 3


#: B810's examples: an article, and another story's gallery in the middle of it.
_ARTICLE_HEAD = (
    "The council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
    "Officials said the first new bus lanes would open in the spring, with more routes to follow.\n"
)
_OTHER_SLIDES = (
    "1/5\nRecord quarter for chip maker\nShares of the chip maker rose after it reported record sales.\nGetty\n"
    "2/5\nAirline cuts routes\nThe airline said it would drop twelve routes over the winter season.\nReuters\n"
    "3/5\nBrewer buys rival\nThe brewer agreed to buy its smaller rival for two billion pounds.\nAFP\n"
)
_ARTICLE_TAIL = (
    "Residents of the northern districts have waited almost a decade for a direct council bus service.\n"
    "Work on the new depot will start in March and should take about eight months to finish.\n"
)


class Slideshow(Rule):
    """The slides of a photo gallery that a scrape laid out as text.

    ## What it does
    Finds three or more lines that open with a slide counter of the same gallery — `1/50`, `2/50`,
    `3/50`; `Image 3 of 12`; `4 of 12 Storm damage in the harbour` — counting up (slides may be
    missing between them, but half of the gallery's slides are there: "3/9", "4/9", "5/9" before
    the results of three matchdays are dates). The gallery runs from its heading (up to four short
    lines right above the first counter: "Business news in pictures", "Show all") to the end of
    its last slide (as long as its slides are, by the median spacing of the counters): the
    counters, the slides' titles, captions and photo credits ("Getty Images").

    ## Why is this bad?
    A carousel's slides are written for the eye: a counter, a title, a caption and a credit per
    photo, repeated fifty times. When they are another story's ("Business news in pictures" in
    the middle of an article about hotels) they are off the page's topic altogether.

    ## Fix (safe)
    The gallery is removed when it shares under half of its words with the rest of the article
    and the article keeps three prose lines or more without it. A gallery of the article's own
    photos (its captions use the article's words) is reported with an unsafe fix: captions can be
    part of the text. A gallery that is the whole article (a slideshow story) is left alone.
    """

    code = "B810"
    name = "slideshow"
    category = "boilerplate"
    fix_applicability = SAFE
    flags = (_ARTICLE_HEAD + _OTHER_SLIDES + _ARTICLE_TAIL,)
    passes = (
        "The recipe needs 1/2 cup of sugar, 1/3 cup of butter and 2/3 cup of flour, mixed well.\n",
        "1/3 of the voters said yes.\n2/3 of them said they would vote again.\n3/3 turnout in the village.\n",
        "The league's opening week was a good one for the promoted clubs, who won four of their six games.\n"
        "Rovers were the surprise of the week, beating last season's champions at home on Saturday.\n"
        "3/9 Rovers 2 United 1\n4/9 City 0 Town 0\n5/9 Athletic 3 Wanderers 2\n"
        "The second round of matches will be played next weekend, with three derbies on the programme.\n"
        "Tickets for all of them sold out within hours of going on sale, the clubs said on Monday.\n",
    )
    fixes = ((_ARTICLE_HEAD + _OTHER_SLIDES + _ARTICLE_TAIL, _ARTICLE_HEAD + _ARTICLE_TAIL),)

    prescreen = _SLIDE_LINE

    def check(self, doc: Document):
        page = FoldedPage.of(doc)
        for total, run in self._galleries(page):
            # A slide is as long as the median spacing of the counters, per slide counted.
            steps = sorted((b[0] - a[0]) / (b[1] - a[1]) for a, b in zip(run, run[1:]))
            length = max(1, round(steps[len(steps) // 2]))
            first, last = run[0][0], min(len(page.spans) - 1, run[-1][0] + length - 1)
            # Its heading ("Business news in pictures", "50 photos", "Show all") goes with it.
            nonblank = page.nonblank
            k = bisect.bisect_left(nonblank, first)
            for above in reversed(nonblank[max(0, k - MAX_GALLERY_HEADING):k]):
                if not is_furniture(page.line(above)):
                    break
                first = above
            inside = nonblank[bisect.bisect_left(nonblank, first):bisect.bisect_right(nonblank, last)]
            rest = [page.line(i) for i in page.prose if not first <= i <= last]
            if len(rest) < MIN_PROSE_OUTSIDE:
                continue  # the slideshow is the page
            shared = vocabulary_overlap([page.line(i) for i in inside], Vocabulary(rest))
            what = (f"photo gallery of {len(run)} slides (counters to {total}) sharing {shared:.0%} of its words "
                    "with the article")
            edit = _drop_lines(doc, first, last)
            lines = doc.lines
            if shared < GALLERY_OVERLAP:
                yield self.finding(lines[first].start, lines[last].end, what,
                                   fix=self.make_fix("Remove the gallery", [edit]))
            else:
                yield self.finding(lines[first].start, lines[last].end, f"{what}: its captions may be the article's",
                                   confidence=0.5, fix=self.make_fix("Remove the gallery", [edit], UNSAFE))

    @staticmethod
    def _galleries(page: FoldedPage):
        """``(total, [(line, number), …])`` for each run of ``MIN_SLIDES`` or more counters of the
        same total counting up, in the order of the lines, that holds half of the total or more
        (a list of dates, "3/9", "4/9", "5/9", holds a few days of the month)."""
        by_total: dict[int, list[tuple[int, int]]] = {}
        for i in page.nonblank:
            m = _SLIDE.fullmatch(page.line(i))
            if m:
                n, total = int(m.group(1)), int(m.group(2))
                if 1 <= n <= total and total >= MIN_SLIDES:
                    by_total.setdefault(total, []).append((i, n))
        for total, counters in by_total.items():
            run: list[tuple[int, int]] = []
            for i, n in counters + [(-1, 0)]:
                if i >= 0 and (not run or n > run[-1][1]):
                    run.append((i, n))
                    continue
                if len(run) >= MIN_SLIDES and 2 * len(run) >= total:
                    yield total, run
                run = [(i, n)] if i >= 0 else []


RULES = [TrendingList(), Breadcrumb(), Byline(), CounterWidget(), ProfileWidget(), NavigationRun(), PageChrome(),
         CommentThread(), StrandedFurniture(), GluedMenu(), Slideshow()]
