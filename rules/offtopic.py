"""Off-topic rules (O): text from another story that a scraper or a content farm dropped into
the page — a sentence from a neighbouring article, a lede cut short, a dangling name.

The rules judge a line by the document itself: how much of its vocabulary the rest of the page
shares (lexical cohesion, and, in Chinese and English, its words weighed by how rare they are in
general text, from wordfreq's frequency tables), backed by the marks an injected sentence tends
to carry (truncation, the lede form of another story, its place between the header and the body,
names and numbers found nowhere else on the page)."""
from __future__ import annotations

import bisect
import html
import importlib.util
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import add
from pathlib import Path

from scrapelint.fold import fold, fold_table
from scrapelint.model import Applicability, Document, Edit, Line
from scrapelint.registry import Rule
from scrapelint.text import CJK, CJK_RANGES, HAN, HANGUL_RANGES, KANA_RANGES, SENTENCE_STOPS, TAG_NAME, CharScreen
from scrapelint.text import cjk_count, json_unescape

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE

# --- tokens ---------------------------------------------------------------------------------

# Characters written without spaces: their features are character bigrams. (Hangul is written
# with spaces, but its words carry their particles, so syllable bigrams match stems better.)
_CJK_CHAR_RE = re.compile(f"[{CJK}]")
# Words of space-separated scripts, and the Latin words inside CJK text.
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_ASCII_WORD_RE = re.compile(r"[A-Za-z]{2,}")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z]+")
# A capitalised word after a lower-case word or a comma: a name, not the start of a sentence.
# (Days and months are capitalised too, but every story has them.)
_NAME_RE = re.compile(
    r"(?<=[a-z,;] )(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"[A-Z][A-Za-z]+"
)


def _class_without(ranges, excluded: str) -> str:
    """A regex character class body: ``ranges`` of code points minus the ``excluded`` characters."""
    parts = []
    holes = sorted({ord(c) for c in excluded})
    for lo, hi in ranges:
        for x in holes:
            if lo <= x <= hi:
                if lo < x:
                    parts.append((lo, x - 1))
                lo = x + 1
        if lo <= hi:
            parts.append((lo, hi))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in parts)


# Particles and function characters: a bigram that holds one mostly straddles two words
# ("的发", "了一") and says nothing about the topic, so runs of CJK text are split at them (and at
# numerals, below).
_CJK_STOP_CHARS = "的了是在和与及或也都就而并把被从对于以为之其这那个们着过吗呢吧啊将已又还再"
# Numerals written as characters ("二十五", "两百多") match every other figure on the page.
_CJK_NUMERALS = "〇零一二三四五六七八九十百千万亿两几"
_CJK_CONTENT = _class_without(CJK_RANGES, _CJK_STOP_CHARS + _CJK_NUMERALS)
_CJK_RUN_RE = re.compile(f"[{_CJK_CONTENT}]{{2,}}")
_CJK_CONTENT_RE = re.compile(f"[{_CJK_CONTENT}]")
# Bigrams any Chinese news text uses, whatever the story: reporting formulas and common words.
_CJK_STOP_BIGRAMS = frozenset(
    """当地 地时 时间 北京 京时 本报 报讯 记者 获悉 消息 据悉 报道 新华 华社 中新 新网 新社 电讯
    表示 今年 去年 明年 目前 已经 可以 没有 一个 我们 他们 她们 自己 进行 相关 主要 通过 同时 其中 此外
    但是 不过 因为 所以 如果 虽然 还是 一些 很多 非常 以及 今天 昨天 日前 近日 介绍 认为 指出
    时候 现在 一年 多年 成为 开始 这样 那样 这种 一直 不是 就是 可能 需要 已有 包括 方面 问题 工作
    昨日 今日 明日 当天 当日 上午 下午 晚上 早上 中午 凌晨 每天 每年 近年 近期 此前 随后 同比 左右
    全市 本市 全国 全省 本地""".split()
)
_EN_STOP = frozenset(
    """a an the and or but nor so yet for of to in on at by from with without into onto over under
    about above after again against all am any are aren as be because been before being below between
    both can cannot could did do does doing down during each few further had has have having he her
    here hers herself him himself his how if is it its itself just me more most my myself no not now
    off once only other our ours ourselves out own same she should some such than that their theirs
    them themselves then there these they this those through too until up very was we were what when
    where which while who whom why will would you your yours yourself also said say says told tell
    according one two three four five first second last next new year years month months week weeks
    day days time today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december mr mrs
    ms dr people many much even still well like get got make made may might must per around back
    since though although however don didn doesn isn wasn weren won ve ll re""".split()
)
# The same words with a final "s" folded away, as ``features`` folds them ("says" -> "say").
_EN_STOP = _EN_STOP | frozenset(w[:-1] for w in _EN_STOP if w.endswith("s") and len(w) > 3)

# --- line shapes ----------------------------------------------------------------------------

_MARKUP_RE = re.compile(rf"\\u003[cC]|\\u0026|&(?:lt|gt|amp|quot|#\d+);|</?{TAG_NAME}[\s>/]|<!--")
# An escaped tag ends at its escaped ">" and never runs past the next escaped "<": each match
# attempt stops at the next tag, so a line of ten thousand unclosed "&lt;" costs linear time.
_TAG_RE = re.compile(
    r"\\u003[cC](?:[^\\]|\\(?!u003[cCeE])){0,2000}\\u003[eE]"
    r"|&(?:amp;)*lt;(?:[^&]|&(?!(?:amp;)*[lg]t;)){0,2000}&(?:amp;)*gt;"
    r"|<[^<>]{0,2000}>|\{[^{}]{0,4000}\}",
    re.DOTALL,
)
_LIST_RE = re.compile(r"^\s*(?:[-*+•·▪►◆■●]\s|\d{1,3}[.)、．]|[（(]\d{1,3}[)）]|[一二三四五六七八九十]{1,3}、|#)")
_LABEL_RE = re.compile(r"^[^\s:：。，,.!?！？]{1,12}[:：]|^(?:\S+\s){0,2}\S+:\s")
_META_RE = re.compile(r"[|｜︱©®™]|https?://|www\.|\S@\S|\s[>»/]\s|\d{1,2}:\d{2}|\b\d{4}-\d{2}-\d{2}\b")
_OPEN_QUOTE = "“\"「『«„‘'"
_CONTINUATION = "，,、；;。.）)」』”"
_QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』|«[^»]*»|„[^“”]*[“”]")
_ASIDE_RE = re.compile(r"^[（(\[【].*[)）\]】][。.]?$")
_TERMINAL_RE = re.compile(f"[{SENTENCE_STOPS};；][”’\"'」』）)\\]】》]*$")
_COMMA_RE = re.compile(r"[，,、]")
_SENTENCE_END_RE = re.compile(r"[。！？!?](?!$)|\.(?=\s+[A-Z\"“])")
# A connective or a pronoun at the start points back to what came before: the line belongs to
# the story around it (a transition), not to another one.
_CONNECTIVE_RE = re.compile(
    r"^(?:But|However|Still|Yet|Meanwhile|Instead|Even so|That said|Nevertheless|Nonetheless|Also|And|So|Then|"
    r"This|That|These|Those|It|He|She|They|His|Her|Their|Its|Such|Both|Neither|The same|"
    r"Others|Another|Some|For now|In the end|After all)\b|"
    r"^(?:然而|不过|但是|但|可是|此外|另外|同时|与此同时|因此|所以|而且|而|对此|这|那|此|其中|他|她|它|该|其|"
    r"不少|也有|还有|另一|随后|之后|后来|最终|如今|眼下)"
)
# The opening of a news story: a dateline, an agency tag, a reporting formula.
_LEDE_RE = re.compile(
    r"^(?:当地时间|北京时间|本报讯|本报\S{0,8}电|新华社|中新社|中新网|央视网消息|人民网|据\S{1,14}?(?:报道|消息)|"
    r"记者\S{0,16}?获悉|\S{0,10}?\d{1,2}月\d{1,2}日(?:电|讯|消息))|"
    r"^(?:\((?:Reuters|AP|AFP|Bloomberg|UPI)\)\s*[-—–]|[A-Z][A-Z.' -]{2,30}(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s+\([A-Za-z. ]{2,20}\))?\s*[-—–]{1,2}\s)"
)
_DATE_OPEN_RE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日|^(?:On|Last)\s+(?:[A-Z][a-z]+day|[A-Z][a-z]+ \d{1,2})\b")
# A title or office followed by a surname and the full stop: a name cut after the surname
# (部长王。); a title, a surname and one more character may be a whole name (部长王明。).
_TITLES = "部长|外长|主席|总统|总理|首相|书记|省长|市长|州长|局长|厅长|主任|委员|发言人|大使|秘书长|董事长|总裁|经理|教授|院长|校长|司令|议员|代表"
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_DANGLING_NAME_RE = re.compile(rf"(?:{_TITLES})([{_SURNAMES}][{CJK}]?)[。.]?$")
# A sentence that ends one or two characters after a comma (``…，王。``): cut short — but not the
# last item of a list after an enumeration comma (``扫码、打包、装车。``), which is often that short.
_SHORT_TAIL_RE = re.compile(rf"[，,]([{CJK}]{{1,2}})[。.]$")
_SPEECH_TAIL = frozenset("说 道 称 问 笑 答 说道 表示 指出 认为 强调 透露".split())
# Words an English sentence does not end on: it was cut after them. (Prepositions that a sentence
# may end on — "what they asked for." — and auxiliaries — "as fast as they can." — are not here.)
_EN_DANGLING_RE = re.compile(
    r"(?:the|a|an|and|or|but|of|than|whose|its|their|his|her|our|your|my|into|onto|between|because|"
    r"whether|despite|during|according|including|such|very|minister|president|secretary|chairman|"
    r"governor|mayor)",
    re.IGNORECASE,
)
_EN_SHORT_WORDS = frozenset("it up us me so do go no on in be he we ok tv".split())
# A CJK sentence does not end on a conjunction or a preposition: it was cut after one.
_CJK_DANGLING_RE = re.compile(r"[和与及或并在将从把被向让给对][。.]$")

#: A candidate needs this much text: shorter lines share too few features to judge.
MIN_CJK_CHARS = 12
MIN_WORDS = 6
MIN_TOKENS = 5
#: A sentence cut in the middle inside a line is judged with this many tokens at least (the cut
#: is evidence already; its words only have to be there to be compared).
MIN_SENTENCE_TOKENS = 3
#: A page whose prose lines end without closing punctuation this often, filling at least
#: WRAP_FILL of the width of its long lines, is hard-wrapped text.
WRAPPED_SHARE = 0.3
WRAP_FILL = 0.75
#: At most this many sentences: a longer block is a paragraph of its own, not a dropped sentence.
MAX_SENTENCES = 3
#: The rest of the page must offer this many distinct features, or cohesion means nothing.
MIN_REST_TOKENS = 50
#: A line is CJK text when at least this share of its characters is CJK.
CJK_SHARE = 1 / 3
#: Prose lines needed to measure the page's own cohesion; below it, ``DEFAULT_COHESION`` stands in.
MIN_PROSE_LINES = 4
DEFAULT_COHESION = 0.45
#: A page whose prose lines share less than this (median) has no one topic to stray from — a
#: digest of short items, a list of headlines — and is left alone.
MIN_PAGE_COHESION = 0.08

#: Weight of the finer features (``grams``) in a line's cohesion, against the tokens'. Any two
#: lines of CJK text share common characters, so a CJK line's character share counts only above
#: CHAR_BASELINE of the page's median, rescaled to 0..1.
GRAMS_WEIGHT = {"cjk": 0.35, "spaced": 0.5}
CHAR_BASELINE = 0.6
#: A line is a candidate only when its cohesion is at most this share of the page's median.
MAX_RELATIVE_COHESION = 0.5
#: Weights of the evidence, combined as a noisy-OR (see ``confidence``), for CJK text and for
#: space-separated text. Cohesion weighs more in CJK text, where a line has dozens of character
#: bigrams, than in space-separated text, where a sentence has a dozen content words and a genuine
#: one shares none with its article now and then: there, cohesion alone stays under
#: ``FLAG_THRESHOLD``. Novel names weigh less in CJK text, where names have no capitals and the
#: evidence rests on figures and Latin words, which genuine lines bring in all the time.
WEIGHTS = {
    "cjk": {"cohesion": 0.7, "truncated": 0.75, "cut": 0.8, "lede": 0.6, "header": 0.6, "novel": 0.2,
            "isolated": 0.5, "unshared": 0.6, "bridged": 0.5},
    "spaced": {"cohesion": 0.5, "truncated": 0.75, "cut": 0.83, "lede": 0.6, "header": 0.6, "novel": 0.35,
               "isolated": 0.3, "unshared": 0.6, "bridged": 0.5},
}
#: A line is isolated when its cohesion is at most this share of the next least cohesive line's.
ISOLATION_GAP = 0.5
#: The evidence read off the page's shared vocabulary, and the most it is worth together (CJK
#: text, space-separated text): below ``SAFE_THRESHOLD``, so that a line that only shares little
#: with its page is never removed safely. In space-separated text, where a genuine sentence shares
#: none of its dozen content words with its article now and then, no more than cohesion and
#: isolation were worth before rare words were weighed (1 - 0.5 · 0.7), so that two more pieces
#: must agree for a safe fix.
_SHARED_VOCABULARY = frozenset(("cohesion", "isolated", "unshared", "bridged"))
COHESION_CAP = {"cjk": 0.8, "spaced": 0.65}
#: Findings below this confidence are not reported ...
FLAG_THRESHOLD = 0.55
#: ... unless the line's cohesion evidence alone reaches this (CJK text, space-separated text): a
#: line that shares (almost) none of the page's vocabulary is reported on that evidence alone, with
#: its own low confidence and an unsafe fix. On the real article bodies of the development set, a
#: genuine line reaches these in 3 documents in 100, an inserted sentence in a third of them.
COHESION_ALONE = {"cjk": 0.7, "spaced": 0.6}
#: ... on a page of at least this many prose lines (on a short page a genuine line of a new
#: turn in the story shares little with the few lines around it).
MIN_PROSE_LINES_ALONE = 10
#: The fix is safe at or above this confidence, unsafe below.
SAFE_THRESHOLD = 0.85

#: Rare words (``unshared``). A token's rarity is ``-log10`` of its frequency in general text
#: (``rare_weights``); a word the tables lack — a name, a term — counts as seen once in a
#: hundred million words (rarity 8). On a page of ``n`` tokens (counted once per
#: line) a token turns up by chance when its frequency reaches ``1 / (n · CHANCE_FACTOR)``: it
#: weighs its rarity less ``log10(n · CHANCE_FACTOR)``, or nothing — 的, 一直 or "people" weigh
#: nothing on any page of some length, a name or a term two to five. Weights are counted in
#: thousandths, as integers, so that the compiled count and the Python one agree to the unit.
UNLISTED_RARITY = 8000
#: A CJK bigram the table lacks is half a name (张明 of 张明远) or two characters across two
#: words: it counts as seen once in a million, so that a name the page repeats is shared weight
#: on a page of a few hundred tokens and a chance pair weighs little on a long one. (Weightless,
#: a shared name went unnoticed: a genuine line of a page in traditional characters was taken
#: for unshared.)
UNLISTED_BIGRAM_RARITY = 6000
CHANCE_FACTOR = 3.0
#: A line is judged only when its tokens weigh this much together: a short sentence of common
#: words carries no evidence either way.
UNSHARED_MIN_WEIGHT = 3000
#: The least shared candidate line is ``unshared`` when it shares at most the first share of its
#: weight with the rest of the page and the next candidate shares more by at least the second
#: (CJK text, English). On the development set's article bodies a genuine line of a new turn in
#: the story shares nothing now and then, but rarely while every other line shares a good deal.
UNSHARED = {"cjk": (0.1, 0.1), "spaced": (0.0, 0.2)}
#: The end of a sentence of CJK text: its stops and the closing quotes or brackets after them.
#: (A sentence is the text up to its end: found by its end alone, so that a long line without a
#: stop is read once, not once from each of its characters.)
_CJK_SENTENCE_END_RE = re.compile(r"[。！？]+[”’」』）)]*")
#: A paragraph of Chinese text is read sentence by sentence from this many sentences; its first
#: and last are never judged (a sentence is compared with one on either side).
MIN_PARAGRAPH_SENTENCES = 3
#: A sentence inside such a paragraph (``_unshared_sentence``) is considered when its tokens
#: weigh at least ``SENTENCE_MIN_WEIGHT`` and it shares at most ``SENTENCE_SHARE`` of that weight
#: with the rest of the page and no token with the sentences either side; it is judged when it is
#: the page's only such sentence and weighs at least ``SENTENCE_WEIGHT``, or
#: ``SENTENCE_BRIDGED_WEIGHT`` while the sentences either side share a token with each other (the
#: paragraph goes on around it). Measured on the development set's 39 Chinese article bodies,
#: where a genuine sentence shares none of its rarer words with its page in 23 of them: with these
#: figures none is taken, and a sentence of another article spliced into a paragraph is in about
#: a quarter of the pages.
SENTENCE_SHARE = 0.02
SENTENCE_MIN_WEIGHT = 5000
SENTENCE_WEIGHT = 25000
SENTENCE_BRIDGED_WEIGHT = 10000
_KANA_HANGUL = CharScreen(KANA_RANGES + HANGUL_RANGES)
#: ``doc.meta`` key: whether the text holds kana or hangul (``_kana_or_hangul``).
_KANA_HANGUL_KEY = "_offtopic_kana_hangul"


def _kana_or_hangul(doc: Document) -> bool:
    """Whether ``doc`` holds kana or hangul (a CJK page that is not Chinese), looked for once a
    document in one compiled pass."""
    found = doc.meta.get(_KANA_HANGUL_KEY)
    if found is None:
        found = doc.meta[_KANA_HANGUL_KEY] = _KANA_HANGUL(doc.text)
    return found


def confidence(evidence: dict[str, float], cjk: bool = True) -> float:
    """Combine evidence scores (each 0..1) into one confidence: ``1 - Π(1 - weight·score)``.

    Each piece of evidence independently removes part of the remaining doubt; none alone reaches
    certainty, and a line needs two to pass ``SAFE_THRESHOLD``. Cohesion, isolation, unshared
    words and a bridged sentence are readings of the same thing (the page's shared vocabulary):
    together they count as one piece, worth at most ``COHESION_CAP``.

    >>> round(confidence({"cohesion": 1.0, "header": 1.0}), 2)
    0.88
    >>> round(confidence({"cohesion": 1.0, "isolated": 1.0}), 2)
    0.8
    """
    script = "cjk" if cjk else "spaced"
    weights = WEIGHTS[script]
    doubt = 1.0
    shared = 1.0  # the doubt that the readings of the page's vocabulary leave
    for key, score in evidence.items():
        left = 1.0 - weights[key] * max(0.0, min(1.0, score))
        if key in _SHARED_VOCABULARY:
            shared *= left
        else:
            doubt *= left
    return 1.0 - doubt * max(shared, 1.0 - COHESION_CAP[script])


def markup_text(s: str) -> str:
    """A cheap readable text of a line of (escaped) HTML: tags, style blocks and escapes removed,
    one block a line. Good enough for vocabulary; the escaped-HTML rules do the real decoding."""
    return html.unescape(json_unescape(_TAG_RE.sub("\n", s)))


# Fix passes re-read the same lines; the sets are never modified. Bounded low: the feature sets of
# 2,048 long lines weigh about 15 MB.
@lru_cache(maxsize=2048)
def features(text: str, cjk: bool) -> tuple[frozenset[str], frozenset[str]]:
    """The cohesion features of a text.

    ``tokens``: CJK character bigrams (function characters, numerals and stock bigrams left out)
    and lower-cased words without stop words, a final "s" folded away ("barriers" and "barrier"
    are one word). ``grams``, finer features that match where the tokens just miss: in CJK text
    the content characters themselves (读 and 书 of 读书会 in 没读多少书), elsewhere character
    4-grams of the words ("farm" in "farmers", "walk" in "walkouts").
    """
    toks: set[str] = set()
    if cjk or _CJK_CHAR_RE.search(text):
        for run in _CJK_RUN_RE.findall(text):
            toks.update(map(add, run, run[1:]))
        toks -= _CJK_STOP_BIGRAMS
    if cjk:
        words = {w.lower() for w in _ASCII_WORD_RE.findall(text)}
    else:
        words = set(_WORD_RE.findall(text.lower()))
    words = {w[:-1] if w[-1] == "s" and len(w) > 3 else w for w in words}
    words -= _EN_STOP
    toks |= words
    if cjk:
        return frozenset(toks), frozenset(_CJK_CONTENT_RE.findall(text))
    return frozenset(toks), frozenset({w[i:i + 4] for w in words for i in range(len(w) - 3)})


def marks(text: str, cjk: bool) -> set[str]:
    """Numbers of two digits or more, and names: capitalised words that do not open a sentence
    (in CJK text, any Latin word)."""
    out = {n for n in _NUMBER_RE.findall(text) if len(n) > 1}
    out.update((_LATIN_RE if cjk else _NAME_RE).findall(text))
    return out


@dataclass(slots=True, eq=False)
class _Block:
    """One non-blank line, as the rule sees it, with its features counted (see ``feature_counts``)."""

    line: Line
    text: str
    markup: bool
    cjk: bool
    tokens: int = 0  # distinct tokens of the line
    shared_tokens: int = 0  # of which on another line of the page too
    grams: int = 0
    shared_grams: int = 0
    weight: int = 0  # of its tokens by rarity (``feature_counts``), in thousandths
    shared_weight: int = 0  # of which on another line of the page too
    cohesion: float = 1.0  # relative to the page's median, averaged over the kinds of features


def _py_feature_counts(texts: list[str], cjk: list[bool], rarity: dict[str, int] | None = None):
    """``feature_counts`` in Python, over the sets of ``features``."""
    feats = [features(t, c) for t, c in zip(texts, cjk)]
    out: list = []
    size = 0
    for kind in (0, 1):
        seen: set[str] = set()
        shared: set[str] = set()
        for f in feats:  # set operations only: no Python code runs per feature
            shared |= f[kind] & seen
            seen |= f[kind]
        out.append([len(f[kind]) for f in feats])
        out.append([len(f[kind] & shared) for f in feats])
        if kind == 0:
            size = len(seen)
            shared_tokens = shared
    if rarity is None:
        return out[0], out[1], size, out[2], out[3], None, None
    floor = _rarity_floor(sum(out[0]))
    weight, shared_weight = [], []
    for f in feats:
        w = ws = 0
        for t in f[0]:
            x = _rarity(t, rarity) - floor
            if x > 0:
                w += x
                if t in shared_tokens:
                    ws += x
        weight.append(w)
        shared_weight.append(ws)
    return out[0], out[1], size, out[2], out[3], weight, shared_weight


def _rarity(token: str, rarity: dict[str, int]) -> int:
    """A token's rarity in thousandths (``rare_weights``; a CJK bigram folded first, traditional
    characters read as simplified ones); one the table lacks has ``UNLISTED_BIGRAM_RARITY`` if
    it is CJK text, else ``UNLISTED_RARITY`` (a name)."""
    r = rarity.get(fold(token) if _CJK_CONTENT_RE.match(token) else token)
    if r is None:
        return UNLISTED_BIGRAM_RARITY if _CJK_CONTENT_RE.match(token) else UNLISTED_RARITY
    return r


def _rarity_floor(tokens: int) -> int:
    """What a token's rarity must exceed to weigh anything on a page of ``tokens`` tokens (counted
    once per line), in thousandths: ``log10(tokens · CHANCE_FACTOR)``."""
    return math.floor(math.log10(tokens * CHANCE_FACTOR) * 1000.0 + 0.5) if tokens else 0


@lru_cache(maxsize=1)
def rare_weights() -> dict[str, int]:
    """Each token's rarity in general text, ``-log10`` of its frequency in thousandths, from
    wordfreq's "small" tables (the words seen at least once in a million): an English word as
    ``features`` folds it (the frequencies of "says" and "say" added up), a CJK bigram as the sum
    of the frequencies of the Chinese words that hold it (in simplified characters: a bigram is
    looked up folded, ``_rarity``). Built once (about 0.25 s, and 20 MB to read the tables) and
    kept between runs in the cache of the shipped packs (``packs.cache``), keyed by the bytes of
    wordfreq's two tables and of this module."""
    from scrapelint.rules.packs import cache

    tables = _wordfreq_tables()
    if tables is not None:
        kept = cache.load(_RARITY_ENTRY, tables, kind="rarity")
        if isinstance(kept, dict):
            return kept
    weights = _read_rare_weights()
    if tables is not None:
        cache.store(_RARITY_ENTRY, tables, weights, kind="rarity")
    return weights


_RARITY_ENTRY = Path("rarity")


def _wordfreq_tables() -> bytes | None:
    """The bytes the rarity table is made from: wordfreq's two tables (found without importing
    wordfreq, whose import is most of the cost) and this module; ``None`` if they cannot be read."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    try:
        return b"".join(p.read_bytes() for p in (data / "small_zh.msgpack.gz", data / "small_en.msgpack.gz",
                                                 Path(__file__)))
    except OSError:
        return None


def _read_rare_weights() -> dict[str, int]:
    import wordfreq

    freq: dict[str, float] = {}
    for word, f in wordfreq.get_frequency_dict("zh", wordlist="small").items():
        for a, b in zip(word, word[1:]):
            if _CJK_CONTENT_RE.match(a) and _CJK_CONTENT_RE.match(b):
                freq[a + b] = freq.get(a + b, 0.0) + f
    for word, f in wordfreq.get_frequency_dict("en", wordlist="small").items():
        if len(word) >= 2 and word.isalpha():
            key = word[:-1] if word[-1] == "s" and len(word) > 3 else word
            freq[key] = freq.get(key, 0.0) + f
    return {k: math.floor(-math.log10(f) * 1000.0 + 0.5) for k, f in freq.items()}


try:
    from scrapelint.rules._cohesion import FeatureCounter
except ImportError:  # built without a C++ compiler: the same counts, slower
    FeatureCounter = None


@lru_cache(maxsize=1)
def _counter():
    """The function of ``feature_counts``: compiled when the package was built with a C++
    compiler (``_cohesion.pyx``), else ``_py_feature_counts``; built on first use, with the
    rarity table."""
    if FeatureCounter is None:
        return partial(_py_feature_counts, rarity=rare_weights())
    return FeatureCounter(CJK_RANGES, _CJK_STOP_CHARS + _CJK_NUMERALS, _CJK_STOP_BIGRAMS, _EN_STOP,
                          rare_weights(), UNLISTED_RARITY, UNLISTED_BIGRAM_RARITY, CHANCE_FACTOR,
                          fold_table()).counts


def feature_counts(texts: list[str], cjk: list[bool]):
    """The features of the lines ``texts`` (``cjk[i]``: line ``i`` is CJK text), counted.

    Returns ``(tokens, shared tokens, distinct tokens of the page, grams, shared grams, weight,
    shared weight)``: per line, the number of its distinct ``features`` of each kind and how many
    of them occur on another line of the page too; the number of distinct tokens of the whole
    page; and per line, the weight of its tokens by rarity and of those shared (``_rarity``, less
    ``_rarity_floor``, in thousandths). Compiled or in Python (``_counter``): the same figures.
    """
    return _counter()(texts, cjk)


def _cjk_share(text: str) -> float:
    return cjk_count(text) / len(text) if text else 0.0


def _candidate_shape(text: str, cjk: bool) -> bool:
    """Prose of a sentence or two — not a heading, list item, label, quotation, aside or widget."""
    if cjk:
        if len(text) < MIN_CJK_CHARS or cjk_count(text) < MIN_CJK_CHARS:
            return False
    elif text.count(" ") < MIN_WORDS - 1:
        return False
    if text[0] in _CONTINUATION:
        return False  # the rest of a sentence the line before began (hard-wrapped text)
    if text[0] in _OPEN_QUOTE or text.startswith(("â€œ", "â€˜")) or text[-1] in ":：":
        return False  # a quotation (also in mojibake), or a line that introduces what follows
    if _ASIDE_RE.match(text) or _LIST_RE.match(text) or _LABEL_RE.match(text) or _CONNECTIVE_RE.match(text):
        return False
    if _META_RE.search(text):
        return False
    if sum(map(len, _QUOTED_RE.findall(text))) * 2 >= len(text):
        return False
    if len(_SENTENCE_END_RE.findall(text)) >= MAX_SENTENCES:
        return False
    if not _TERMINAL_RE.search(text):
        # No full stop: a heading unless it is long or runs on past a comma (a sentence cut short).
        long_enough = len(text) >= 40 if cjk else text.count(" ") >= 11
        if not (long_enough or _COMMA_RE.search(text)):
            return False
    return True


#: A text whose words are English stop words this often is English (on the development set's
#: article bodies: English 0.27–0.64 but for one, other languages at most 0.17).
ENGLISH_SHARE = 0.25


@lru_cache(maxsize=4)
def _is_english(text: str) -> bool:
    """Whether ``text`` (its first 20,000 characters) is English, by its stop words. (Asked by
    several steps about the same page: cached.)"""
    words = _ASCII_WORD_RE.findall(text[:20000].lower())
    return bool(words) and sum(map(_EN_STOP.__contains__, words)) >= ENGLISH_SHARE * len(words)


def _truncation(text: str, cjk: bool, wrapped: bool = False) -> float:
    """1 for a sentence that visibly stops short, less for weaker signs, 0 for a complete one.
    ``wrapped``: the page is hard-wrapped text, where an unclosed line is the norm, not a mark."""
    if not _TERMINAL_RE.search(text):
        if wrapped:
            return 0.0
        # A line that stops at a comma is as often a sentence wrapped onto the next line, and a
        # paragraph whose earlier sentences are closed has lost only its last full stop.
        return 0.3 if text[-1] in "，,、；;" or _SENTENCE_END_RE.search(text) else 1.0
    m = _DANGLING_NAME_RE.search(text)
    if m:
        return 1.0 if len(m.group(1)) == 1 else 0.3
    if cjk:
        m = _SHORT_TAIL_RE.search(text)
        if m and m.group(1) not in _SPEECH_TAIL:
            return 0.7
        return 0.7 if _CJK_DANGLING_RE.search(text) else 0.0
    if text.endswith("."):
        last = text[:-1].rsplit(None, 1)[-1]
        if _EN_DANGLING_RE.fullmatch(last) or (last.islower() and len(last) <= 2 and last not in _EN_SHORT_WORDS):
            return 0.8
    return 0.0


#: Lower-case words that open a sentence as part of a name ("de Gaulle", "van Gogh").
_NAME_PARTICLES = frozenset("de van von der den la le di da du del della des dos das ter ten zu al el bin ibn".split())


def _cut_start(text: str, before: str | None) -> float:
    """1 for a line that begins in the middle of a sentence (``_lower_opening``) right after a
    line that ended a sentence. An unclosed line is an item of a list (after one, ``_cut_starts``
    takes only a word cut in the middle, or a heading). (On a hard-wrapped page a line may go on
    from the last: ``suspects`` looks for no cut there.)"""
    return 1.0 if before and _TERMINAL_RE.search(before) and _lower_opening(text) else 0.0


def _lower_opening(text: str) -> bool:
    """Whether a line opens with a whole word in lower case (Latin, Greek or Cyrillic letters:
    ``_LINE_CUT_HINT``; not a brand such as "iPhone" or "my6sense", nor a particle of a name) and
    ends with a full stop: the shape of a piece of a sentence."""
    if not text[0].islower() or not _TERMINAL_RE.search(text):
        return False
    first = text.split(None, 1)[0].rstrip(",;:")
    return first.isalpha() and first.islower() and first not in _NAME_PARTICLES


#: The pairs of consonants that open English words (``bl``ack, ``str``eet, ``ps``ychology …).
_EN_ONSETS = frozenset("bl br ch cl cr dr dw fl fr gh gl gn gr kh kn ph pl pn pr ps pt rh sc sh sk sl sm sn sp "
                       "sq st sw th tr ts tw wh wr".split())
_OPENING_WORD_RE = re.compile(r"[a-z]+")
# A word in lower case, not the letters after an apostrophe ("t" of "don't").
_LOWER_WORD_RE = re.compile(r"(?<![\w'’])[a-z]+\b")


def _broken_opening(text: str) -> str | None:
    """The first word of ``text`` when it looks like the end of a word cut in the middle: a lone
    letter other than "a", "i" and "o" (``e uncertainty``, ``n's company``), or two consonants
    that open no English word (``nd has``, ``lled for``); else ``None``."""
    m = _OPENING_WORD_RE.match(text)
    if m is None:
        return None
    word, after = m.group(), text[m.end():m.end() + 1]
    if after not in (" ", "'", "’", ","):  # e-mail, x-ray, http://; a letter beyond ASCII goes on
        return None
    if len(word) == 1:
        return word if word not in "aio" else None
    broken = word[0] not in "aeiouy" and word[1] not in "aeiouy" and word[:2] not in _EN_ONSETS
    return word if broken else None


#: A line of at most this many words that ends without punctuation is a heading (or a caption,
#: a widget's label): a new paragraph after it opens with a capital.
MAX_HEADING_WORDS = 8
_HAS_WORD_RE = re.compile(r"\w")


def _goes_on(line: str) -> bool:
    """Whether ``line`` is a sentence that goes on in the next line: it ends on a comma, a colon
    or a dash, or on a word that announces more (``and``, ``the``, ``of``) — as a sentence does
    that an extractor broke at its links."""
    return line[-1] in ",;:-–—" or bool(_EN_DANGLING_RE.fullmatch(line.rsplit(None, 1)[-1]))


def _after_heading(before: str, earlier: str | None) -> bool:
    """Whether the unclosed line ``before`` is a heading rather than a sentence that goes on in
    the next line: a few words that do not go on (``Ingredients:`` then lower-case items), after
    a line that closed a sentence or ends on a name (a caption's credit, another heading) — not
    after a piece of a sentence (``Shares of the retailer`` / ``Home Depot`` / ``are dropping …``:
    a sentence an extractor broke at its links)."""
    if before.count(" ") >= MAX_HEADING_WORDS or _goes_on(before):
        return False
    return earlier is None or bool(_TERMINAL_RE.search(earlier)) or not earlier.rsplit(None, 1)[-1][0].islower()


#: Lines opening in lower case that make a page one that writes that way (chat, changelogs of
#: user names, code): on it, a sentence that opens in lower case is no piece of another text. Of
#: the development set's English article bodies, 149 of 160 open no line in lower case and none
#: more than four (list items, a brand written in lower case), five with a cut line; pages of
#: user names and code open a dozen or more.
LOWER_CASE_LINES = 6


def _writes_in_lower_case(text: str) -> bool:
    """Whether ``LOWER_CASE_LINES`` lines of ``text`` or more open with a lower-case letter."""
    return len(_LINE_CUT_HINT.findall(text)) + (text[:1].islower()) >= LOWER_CASE_LINES


def _cut_starts(blocks: list[_Block], text: str) -> list[_Block]:
    """The lines that begin in the middle of a sentence: after a closed line, by ``_cut_start``;
    after a list item or a line of a sentence that goes on (an unclosed line), where the next
    line may open in lower case, only with a word cut in the middle (``_broken_opening``) that is
    written nowhere else on the page (a lower-case name such as ``npm`` recurs); after a heading
    (``_after_heading``), with any word in lower case: a paragraph opens with a capital. Both on
    an English page only. The line before is the last one with a letter or a digit (not a line of
    invisible characters). The page is read once for all cut words. A line of CJK text begins in
    the middle of a sentence when it opens with a comma, a stop or a closing quote or bracket after
    a closed line (``_CJK_CUT_OPENERS``)."""
    out: list[_Block] = []
    broken: list[tuple[_Block, str | None]] = []  # with the cut word that must be unique, if any
    before: str | None = None
    earlier: str | None = None  # the line with a letter or a digit before ``before``
    for b in blocks:
        if before is None or b.markup:
            pass
        elif b.cjk:
            if b.text[0] in _CJK_CUT_OPENERS and _TERMINAL_RE.search(before) and _TERMINAL_RE.search(b.text):
                out.append(b)
        elif b.text[0].islower():
            if _TERMINAL_RE.search(before):
                if _cut_start(b.text, before):
                    out.append(b)
            elif _TERMINAL_RE.search(b.text):
                if (word := _broken_opening(b.text)) is not None:
                    broken.append((b, word))
                elif _after_heading(before, earlier) and _lower_opening(b.text):
                    broken.append((b, None))
        if _HAS_WORD_RE.search(b.text):
            before, earlier = b.text, before
    if broken and _is_english(text):
        words = {w for _, w in broken if w is not None}
        seen = Counter(w for w in _LOWER_WORD_RE.findall(text) if w in words)
        out.extend(b for b, w in broken if w is None or seen[w] == 1)
    return out


# Inside a line: a sentence stop, then a word in lower case — where a sentence of another text
# was spliced in, cut in the middle (``_inline_cuts``) — and the end of that sentence.
#: What a line that begins in the middle of a sentence (``_cut_start``) needs: a line break, then,
#: after spaces, a lower-case letter (of the Latin, Greek and Cyrillic alphabets: the scripts with
#: case that the rule looks at). Patterns that open with a literal character are searched several
#: times faster than those that open with a class; the spaces stop at the next line break, or a
#: run of blank lines would be read again from each of its line breaks.
_LOWER = "a-z\u00df-\u00ff\u0101-\u024f\u03ac-\u03ce\u0430-\u045f"
_UPPER = "A-Z\u00c0-\u00de\u0386-\u03ab\u0400-\u042f"
_LINE_CUT_HINT = re.compile(f"\n[^\\S\n]*[{_LOWER}]")
#: What opens a line of CJK text cut out of a sentence: the comma, stop or closing quote that
#: followed the words cut away. (On a hard-wrapped page, where a line goes on from the last, no
#: line is taken for cut.)
_CJK_CUT_OPENERS = "，、；：。！？）」』”’》"
_CJK_CUT_HINT = re.compile(f"\n[^\\S\n]*[{_CJK_CUT_OPENERS}]")
#: What every ``_INNER_CUT_RE`` match holds, one pattern per stop. A word in lower case after a
#: stop is a sign in every script with case (Latin, Greek, Cyrillic), not only in English.
_CUT_HINTS = tuple(re.compile(f"{stop}\\s+[{_LOWER}]") for stop in ("\\.", "!", "\\?"))
_INNER_CUT_RE = re.compile(f"(?<=[{_LOWER}{_UPPER}0-9%)’”»])[.!?]\\s+([{_LOWER}]+)(?=[\\s,;:])")
#: The end of a sentence: a stop before a space and a capital or a figure, or the end of the line;
#: or a stop glued to a capital after a word in lower case (``…warmer?S. title``: where a sentence
#: spliced into another's abbreviation ends, the other goes on without a space).
_SENTENCE_CLOSE_RE = re.compile(
    f"[.!?][\"”’')»]*(?=\\s+[\"“‘(«]?[{_UPPER}0-9]|\\s*$)|(?<=[{_LOWER}])[.!?](?=[{_UPPER}])")
_WORD_BEFORE_RE = re.compile(r"\S+$")
#: Words that end with a full stop inside a sentence ("Apple Inc. said", "1 tsp. oil"), besides
#: single letters and words with a dot inside ("U.S.", "a.m.").
_ABBREVIATIONS = frozenset(
    """etc al vs approx incl excl cf ca esp viz resp dept govt ft oz lb lbs min max sq st no nos tsp
    tbsp jr sr inc corp ltd co mr mrs ms dr prof gen rep sen gov fig figs vol pp ed eds bzw usw ggf
    inkl evtl vgl mio mrd nr jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu
    thur thurs fri sat sun ave blvd mt lt col sgt capt cmdr rev hon atty maj adm univ assn bros est
    env aprox núm pág art sra dra sig dott ecc pag np tzw itd itp godz tys mln mld zł ul tj tzv např atd
    tis mil тыс млн млрд руб коп ул пр др см ст стр рис табл гл кв гг вв им св обл ок""".split()
)
#: A capitalised word of one to three letters before a full stop is as often an abbreviation
#: ("Gen.", "Jan.", "Mt.") as the end of a sentence.
_SHORT_CAPITAL_RE = re.compile(r"[A-Z][a-z]{0,2}")
#: Courtesy titles, which stand before a name and never before a word in lower case ("Mr.",
#: "Mrs."; not "Gen." or "Rev.", which also abbreviate words, nor "Jr.", "Inc." or "St.", which
#: end a name or a street's and go on with a verb or a preposition).
_TITLE_RE = re.compile(r"Mr|Mrs|Ms|Messrs|Mme|Mlle")
#: After an initial ("W.", the "U." of a "U.S." cut in two) a word in lower case is a cut only
#: when it is a word in general use (rarity at most this, in thousandths: once in 100,000 words
#: or more often) and not a function word: a species is named by an initial and a rare word
#: ("Y. pestis", "E. coli"), and an initial may abbreviate a word ("the U. of Chicago").
COMMON_AFTER_INITIAL = 5000


def _inline_cuts(text: str) -> list[tuple[int, int]]:
    """Spans (in ``text``, one line) of the sentences that begin in the middle after a sentence
    stop inside the line: a lower-case word after ". ", "! " or "? " that no abbreviation explains,
    up to the next sentence end. Linear in the line: the sentence ends are found in one pass."""
    out: list[tuple[int, int]] = []
    ends: list[re.Match] | None = None
    starts: list[int] = []
    for m in _INNER_CUT_RE.finditer(text):
        stop = m.start()
        if text[stop] == "." or text[stop - 1].isupper():
            before = _WORD_BEFORE_RE.search(text, max(0, stop - 40), stop)
            word = before.group().lstrip("(\"“‘'") if before else ""
            if text[stop] == "." and _TITLE_RE.fullmatch(word):
                pass  # a word in lower case cannot follow a title: the sentence was cut there
            elif len(word) == 1 and word.isupper():
                w = m.group(1)  # looked up as ``features`` folds it ("lacks" -> "lack")
                w = w[:-1] if w[-1] == "s" and len(w) > 3 else w
                if w in _EN_STOP or _rarity(w, rare_weights()) > COMMON_AFTER_INITIAL:
                    continue  # ("the U. of Chicago": an initial that abbreviates a word)
            elif (word[-1:].isupper() or len(word) <= 1 or "." in word or word.lower() in _ABBREVIATIONS
                  or _SHORT_CAPITAL_RE.fullmatch(word)):
                continue
        if m.group(1) in _NAME_PARTICLES:
            continue
        if ends is None:
            ends = list(_SENTENCE_CLOSE_RE.finditer(text))
            starts = [e.start() for e in ends]
        k = bisect.bisect_left(starts, m.end())
        if k < len(ends):
            out.append((m.start(1), ends[k].end()))
    return out


def _lede(text: str) -> float:
    if _LEDE_RE.match(text):
        return 1.0
    if _DATE_OPEN_RE.match(text):
        return 0.4
    return 0.0


def _has_lede(text: str) -> bool:
    return any(_LEDE_RE.match(seg.strip()) for seg in text.split("\n") if seg.strip())


# --- examples (whole small documents: the rule judges a line by the page around it) -----------

_EX_ZH = """\
老粮仓变身咖啡馆，湖畔小镇多了一处“打卡地”
发布时间：2026-05-08 08:30 来源：本地新闻网
当地时间5月6日，联合国安理会就地区局势举行紧急会议，会后发表声明的是前外交部长陈。
在青湖镇老街的尽头，一座建于上世纪六十年代的粮仓经过一年多的改造，变成了一家能容纳六十人的咖啡馆。
粮仓的砖墙和木梁被完整保留下来，高高的屋顶下挂着几盏旧马灯，成了店里最受欢迎的拍照背景。
咖啡馆的两位店主都是从省城回乡的年轻人。他们租下粮仓后，请来老工匠修补屋顶，又把原来的晒谷场改成了露天座位。
店里的咖啡豆来自南方的合作农场，甜点则用镇上果园的桃子和梨制作。周末的上午，门口常常排起长队。
镇上的老人起初并不看好这个主意。现在，不少老人每天下午都会来粮仓坐一坐，点一杯热茶，看看来来往往的游客。
镇政府表示，将以粮仓咖啡馆为起点，把老街上几处闲置的仓库和厂房改造成书店、手工作坊和小型展厅。
"""
_EX_ZH_INJECTED = '当地时间5月6日，联合国安理会就地区局势举行紧急会议，会后发表声明的是前外交部长陈。'
_EX_EN_INJECTED = 'Shares of Andesite Copper slumped in Santiago on Tuesday after the miner slashed its annual production forecast, blaming weaker ore grades at the.'
_EX_EN = """\
Harbour town opens a library of tools

Residents of Port Ellery can now borrow a drill, a ladder or a pressure washer as easily as a novel, after the town's first tool library opened in the old fire station on Saturday.

The library holds about 400 tools, most of them donated by residents who were clearing out garages and sheds. Members pay ten dollars a year and can borrow up to three tools at a time for a week.

Volunteers check every tool when it comes back, sharpen the saws and replace worn parts. Power tools are tested for safety before they go back on the shelf.

Shares of Andesite Copper slumped in Santiago on Tuesday after the miner slashed its annual production forecast, blaming weaker ore grades at the.

Organisers say the idea is to save money and space, and to cut waste: a typical household drill is used for only a few minutes in its whole life.

On the first morning more than 80 people signed up, and the most popular items were the lawnmower, the tile cutter and a set of camping stoves.

The library plans to add repair workshops in the autumn, where volunteers will teach residents how to fix a bicycle, a lamp or a broken chair.
"""
# A sentence of another story spliced into a paragraph, between two of its sentences.
_EX_ZH_SPLICED_SENTENCE = "石油输出国组织周四宣布将把原油日产量下调五十万桶，国际油价随即大涨。"
_EX_ZH_SPLICE = """\
山村小学建起天文台，孩子们第一次看清土星光环
发布时间：2026-04-12 09:15 来源：本地新闻网
在云岭县海拔一千八百米的石门村小学，一座小小的天文台上个月正式启用，这是全县第一座建在乡村小学里的天文台。
天文台由一间旧教室改建而成，屋顶换成了可以打开的圆顶，里面安放着一台口径二十厘米的反射望远镜。
望远镜是省天文学会的志愿者捐赠的。志愿者们还花了两个周末，手把手教学校的三位老师调试设备、寻找星体。\
石油输出国组织周四宣布将把原油日产量下调五十万桶，国际油价随即大涨。现在，老师们已经能带着学生独立完成一整晚的观测。
第一次观测那天晚上，孩子们排着队趴在目镜前，看到土星光环时忍不住叫出了声。
学校的科学老师说，山里夜空干净，没有灯光干扰，是观星的好地方，孩子们对星空的兴趣比课本上的任何内容都浓。
今年暑假，学校还计划和省天文学会合作举办一期观星夏令营，邀请周边几所小学的学生一起参加。
"""
# The page's own lede, a quotation, a transition and an aside: none of them is flagged.
_EX_ZH_CLEAN = """\
港口城市试行夜间公交，首周客流好于预期
当地时间4月2日，南港市交通局宣布，全市首批六条夜间公交线路试运行一周，累计客流超过三万人次，明显好于此前预期。
夜间公交线路于每天晚上十一点至次日凌晨五点运行，连接火车站、港区、医院和几个大型居住区，发车间隔为二十分钟。
“以前下夜班只能打车，一个月光车费就要好几百。”在港区仓库上夜班的一位工人说。
交通局介绍，线路走向是根据手机信令数据和市民问卷确定的，重点照顾夜间工作者和晚归的学生。
不过，也有市民担心夜间公交的安全问题。
对此，交通局表示，所有夜间公交车都安装了车内监控和一键报警装置，司机也接受了专门的夜间驾驶培训。
（夜间公交线路图可在交通局网站查询。）
按照计划，试运行将持续三个月，交通局将根据客流情况决定是否增加线路或调整发车间隔。
"""
_EX_EN_CLEAN = """\
Valley schools switch to four-day week

WILLOW CREEK, March 3 — Schools in the Willow Creek valley will move to a four-day week from September, the district board decided on Monday, becoming the latest rural district to try the schedule to attract and keep teachers.

Pupils will attend school from Monday to Thursday, with longer school days so that the total teaching time stays the same. Fridays will be used for teacher training, sports and optional tutoring.

"We lose good teachers to the city every year, and we can't compete on salary," the district superintendent told the board. "We can compete on quality of life."

But not everyone is convinced.

Some parents worry about finding childcare on Fridays, and a group of working families has asked the district to keep school buildings open that day with supervised activities.

(The board will publish the new timetable in May.)

The district says it will survey teachers and parents after the first year and will return to a five-day week if pupils' results fall.
"""


class OffTopicSentence(Rule):
    """A sentence from another story dropped into the article.

    ## What it does
    Finds a line of one or two sentences whose vocabulary the rest of the page does not share,
    and weighs the other marks of an injected sentence. The evidence, each scored 0..1:

    - **cohesion** (required): the share of the line's features found on another line of the
      page, divided by the median share of the page's prose lines, so that neither the length of
      the line nor the size of the page decides. Features are CJK character bigrams (function
      characters such as 的/了/是, numerals and stock bigrams such as 记者/表示 left out), or
      lower-cased words without stop words. Finer features soften the match where the page has
      four prose lines or more: the character 4-grams of the words ("farm" in "farmers", half
      the weight), and in CJK text the content characters (读, 书 of 读书会 in 没读多少书; 35 % of
      the weight, counting only the share above 60 % of the page's median, since any two lines
      share common characters). A line is considered only at or below half the median; the score
      grows from 0 there to 1 for a line that shares nothing.
    - **truncated**: no closing punctuation, the body following (1); a title followed by a lone surname and `。`
      (`部长王。`, 1); a last clause of one or two characters (`，覆盖。`) or a conjunction or
      preposition before `。` (0.7); an English sentence ending on an article, a preposition or a
      one- or two-letter fragment (0.8).
    - **cut**: the line begins in the middle of a sentence — its first word in lower case (not a
      brand such as `iPhone`, nor a name's particle such as `de`) after a line that ended a
      sentence, and it ends with a full stop: a piece cut out of another text (1). After a
      heading (a few words without a colon: a paragraph opens with a capital) any word in lower
      case counts, on an English page — a heading after a closed line or a name, not the short
      piece of a sentence an extractor broke at its links (`Shares of the firm` / `Clockworks
      Ltd` / `rose …`); after a list item or a line that announces a list, only a
      word cut in the middle: a lone letter (`e uncertainty …`) or two consonants no English word
      opens with (`nd has …`), found nowhere else on the page. A line of CJK text is cut when it opens with the comma, stop or
      closing quote that followed the words cut away (`”气象部门提醒…。`) after a closed line. On a
      page that opens six lines or more in lower case (comments, chat, a changelog of user
      names, code), on one that opens another closed line so, or on a hard-wrapped one, nothing is
      cut. Such a line is judged whatever words it shares with the page. Inside a paragraph, a
      sentence that begins the same way after a sentence stop (`…last year. lled for a recount
      of the votes.`, in any script with case: Latin, Greek, Cyrillic; not after an abbreviation
      such as `Inc.`, `tsp.`, `U.S.`, `bzw.`, `тыс.`; but after an initial or a courtesy title,
      `the U. lack of …`, `Mr. lack of …`, where a sentence was spliced into an abbreviation, unless
      the word is rare in general text, as a species is, `Y. pestis`) is judged alone, up to its
      stop even where the text it was spliced into goes on without a space (`…spring?S. and`),
      by its cut and by how little of its vocabulary the rest of the page shares (it must be at
      most half the page's median); the finding covers the sentence, and its fix removes the
      sentence and the space before it.
    - **lede**: the opening of a different story (`当地时间…`, `本报讯`, `…日电`, `(Reuters) -`,
      `LONDON, March 3 —`; a bare date opening scores 0.4) — as the first paragraph only when the
      page's own lede is elsewhere (another lede with more cohesion, or one inside an HTML blob).
    - **header**: the line sits between the title block and the first paragraph of the body —
      where the page's own lede sits too, so it scores only as high as the cohesion evidence.
    - **novel**: the share of its numbers and names (two at least) found nowhere else on the page.
    - **isolated**: the line is the page's least cohesive prose line and its cohesion is at most
      half the next one's (1 for a line that shares nothing while every other line shares
      something), on a page of ten prose lines or more and, in space-separated text, only in
      English; read off the same figures as cohesion.
    - **unshared** (Chinese and English pages): the line's tokens weighed by how rare they are in
      general text (wordfreq's frequency tables; a CJK bigram weighs as the Chinese words that
      hold it, in simplified and traditional characters), each less what a page this long
      brings by chance — nothing for 一直, 女性 or "people", which bigram cohesion counts as
      shared — and the line is the page's candidate that shares the least of that weight with
      the other lines: at most 10 % (Chinese) or none (English), while the next candidate shares
      10 or 20 points more (1). A line whose tokens weigh little together (a short sentence of
      common words) is not judged; a page in another language (kana or hangul on a CJK page) is
      not read this way.
    - **inside a Chinese paragraph**: a paragraph of three sentences or more is read sentence by
      sentence (its first and last are never judged). A sentence is reported (**unshared**, 1)
      when it shares at most 2 % of its rare words' weight with the rest of the page and no
      token with the sentences either side, it is the page's only such sentence, and its tokens
      weigh enough together (25 rare words' worth; 10 when the sentences either side share a
      token with each other, **bridged**, 1: the paragraph goes on around it), and it does not
      open with a connective or a pronoun (`他还说…`: it goes on from the sentence before). The
      finding covers the sentence; its fix removes only the sentence. Not on a hard-wrapped
      page, where a line's first and last sentences are pieces.

    Cohesion, isolation, unshared words and a bridged sentence are readings of the page's
    vocabulary: together they count as one piece of evidence, worth at most 0.8 in CJK text and
    0.65 in space-separated text, where a genuine sentence shares none of its dozen content words
    with its article now and then: never a safe fix on their own.

    Confidence is the noisy-OR `1 - Π(1 - wᵢ·scoreᵢ)` with weights cohesion 0.7, truncated
    0.75, cut 0.8, lede 0.6, header 0.6, novel 0.2, isolated 0.5, unshared 0.6 and bridged 0.5
    in CJK text; in space-separated text cohesion weighs 0.5 (a genuine sentence shares none of
    its dozen content words with its article more often than a CJK line shares none of its
    bigrams), cut 0.83, novel 0.35 (capitalised names are visible), isolated 0.3 and unshared
    0.6: a cut with a little more evidence (cohesion from 0.25, novel names from 0.35) is safe, a
    cut alone is not.
    Findings under 0.55 are not reported, except a line whose cohesion score alone reaches 0.7
    in CJK text or 0.6 in English text (it shares almost none of the page's vocabulary) on a page
    of ten prose lines or more: it is reported with its own, lower confidence. In other
    space-separated languages, whose function words the rule does not know, cohesion alone
    reports nothing. In any text, cohesion alone never makes the
    fix safe (0.85): a second piece of evidence must agree (in English, usually a third).

    Never candidates: the first line (the title), headings, list items, labels (`Read more:`),
    lines under 12 CJK characters or 6 words, quotations, asides in parentheses, lines that
    start with a connective or a pronoun (transitions), lines ending with a colon, widget lines
    (`|`, `｜`, `︱`, `©`, URLs, clock times, ISO dates such as `2026-05-08`: a reference list's
    entries, dated notices), blocks of three sentences or more, and lines after the last
    paragraph of the body — unless the line stands between two items of a list there (unclosed
    lines: an event's dates, a programme), where a sentence is out of place and a footer's
    sentences are not. A line of escaped or raw HTML is never a candidate, but its text counts
    as part of the page. A page whose prose lines share almost nothing (median share under 0.08:
    a digest of short items, a list of headlines) has no one topic to stray from and is skipped.

    The message gives the evidence with its scores, what the sentence shares with the rest of
    the page (its rarest shared words, "only common words", or "no word") and its place ("line 6
    of 12"), so that a reader can judge the finding without opening the page.

    ## Why is this bad?
    Content farms and broken scrapers splice a sentence of a neighbouring article into the page,
    often cut short. It contradicts the story, teaches a model that text need not cohere, and
    survives every filter that looks at lines one at a time.

    ## Fix (safe at confidence 0.85 or above, otherwise unsafe)
    The line is removed.
    """

    code = "O001"
    name = "off-topic-sentence"
    category = "off-topic"
    fix_applicability = SAFE
    skips_code = True
    flags = (_EX_ZH, _EX_EN, _EX_ZH_SPLICE)
    passes = (_EX_ZH_CLEAN, _EX_EN_CLEAN, _EX_ZH.replace(_EX_ZH_INJECTED + "\n", ""),
              _EX_ZH_SPLICE.replace(_EX_ZH_SPLICED_SENTENCE, ""))
    fixes = (
        (_EX_ZH, _EX_ZH.replace(_EX_ZH_INJECTED + "\n", "")),
        (_EX_EN, _EX_EN.replace(_EX_EN_INJECTED + "\n", "")),
    )

    def check(self, doc: Document):
        english: bool | None = None
        for block, evidence, prose_lines, span in suspects(doc):
            if evidence.get("isolated") and not block.cjk:
                # Like cohesion alone, isolation is judged only where the stop words are known.
                english = _is_english(doc.text) if english is None else english
                if not english:
                    evidence["isolated"] = 0.0
            conf = round(confidence(evidence, block.cjk), 3)  # as reported, so the two agree
            if conf < FLAG_THRESHOLD:
                if prose_lines < MIN_PROSE_LINES_ALONE:
                    continue
                if evidence["cohesion"] < COHESION_ALONE["cjk" if block.cjk else "spaced"]:
                    continue
                if not block.cjk:
                    # Cohesion alone is judged only where the stop words are known: in another
                    # language, a line's function words would count as its vocabulary.
                    english = _is_english(doc.text) if english is None else english
                    if not english:
                        continue
            shown = ", ".join(f"{k} {v:.2f}" for k, v in evidence.items() if v)
            shown += f"; {_what_it_shares(doc, block, span)}; {_where(doc, block)}"
            app = SAFE if conf >= SAFE_THRESHOLD else UNSAFE
            if span is not None:
                # A sentence inside a paragraph: it goes with the space before it.
                line = block.line
                offset = line.start + len(line.text) - len(line.text.lstrip())
                start, end = offset + span[0], offset + span[1]
                gap = len(block.text[:span[0]]) - len(block.text[:span[0]].rstrip())
                yield self.finding(
                    start, end, f"sentence from another text inside a paragraph ({shown})",
                    fix=self.make_fix("Remove the sentence", [Edit(start - gap, end, "")], app),
                    confidence=conf,
                )
                continue
            yield self.finding(
                block.line.start, block.line.end,
                f"sentence unrelated to the rest of the page ({shown})",
                fix=self.make_fix("Remove the off-topic line", [self.drop_line(block.line)], app),
                confidence=conf,
            )


#: At most this many of the words a flagged sentence shares with its page are named.
SHOWN_WORDS = 4
#: ``doc.meta`` key: the page's tokens, counted once per line (``_blocks``).
_PAGE_TOKENS = "_offtopic_page_tokens"


def _what_it_shares(doc: Document, block: _Block, span: tuple[int, int] | None) -> str:
    """The message's account of what the sentence (the block's text, or its ``span``) shares with
    the rest of the page: its rarest shared tokens (CJK bigrams, English words), only common ones,
    or none. Worked out for a finding only: each of the sentence's tokens is looked for in the
    rest of the text (a bigram as it stands, a word among its words, with or without a final
    "s", as ``features`` folds it), not the page's features built again."""
    line = block.line
    if span is None:
        text, rest_of_line = block.text, ""
    else:
        text, rest_of_line = block.text[span[0]:span[1]], block.text[:span[0]] + " " + block.text[span[1]:]
    rest = doc.text[:line.start] + "\n" + rest_of_line + "\n" + doc.text[line.end:]
    words: set[str] | None = None
    shared = []
    for t in features(text, block.cjk)[0]:
        if _CJK_CONTENT_RE.match(t):
            found = t in rest
        else:
            if words is None:
                words = set(_WORD_RE.findall(rest.lower()))
            found = t in words or t + "s" in words
        if found:
            shared.append(t)
    if not shared:
        return "it shares no word with the rest of the page"
    rarity, floor = rare_weights(), _rarity_floor(doc.meta.get(_PAGE_TOKENS, 0))
    by_rarity = sorted(shared, key=lambda t: (-_rarity(t, rarity), t))
    rare = [t for t in by_rarity if _rarity(t, rarity) > floor]
    # A word is shown as the sentence writes it ("Clocks", counted as "clock").
    written = {w.lower(): w for w in _WORD_RE.findall(text)}

    def show(tokens: list[str]) -> str:
        return ", ".join(f"'{written.get(t) or written.get(t + 's') or t}'" for t in tokens[:SHOWN_WORDS])

    if not rare:
        return "it shares only common words with the rest of the page: " + show(by_rarity)
    more = f" and {len(rare) - SHOWN_WORDS} more" if len(rare) > SHOWN_WORDS else ""
    return f"it shares {show(rare)}{more} with the rest of the page"


def _where(doc: Document, block: _Block) -> str:
    """The block's place among the page's non-blank lines, for the message."""
    nonblank = [line.start for line in doc.lines if line.text.strip()]
    return f"line {bisect.bisect_left(nonblank, block.line.start) + 1} of {len(nonblank)}"


def suspects(doc: Document):
    """``(block, evidence, prose lines of the page, span)`` for every candidate line whose
    cohesion is low enough to judge, or that begins in the middle of a sentence; ``span`` is
    ``None`` for a whole line, else the offsets in the block's text of a sentence cut in the middle
    inside it."""
    blocks, size = _blocks(doc)
    if len(blocks) < 4:
        return
    prose = [b for b in blocks[1:] if not b.markup and b.tokens >= MIN_TOKENS]
    median = _cohesion(prose, "tokens")
    if median < MIN_PAGE_COHESION:
        return
    if len(prose) >= MIN_PROSE_LINES and any(b.grams for b in prose):
        # The finer features, where the page has enough prose lines to calibrate them.
        by_tokens = [b.cohesion for b in prose]
        _cohesion(prose, "grams")
        for b, c in zip(prose, by_tokens):
            if b.grams:
                g = b.cohesion
                if b.cjk:
                    # Any two lines share common characters: only a share above CHAR_BASELINE
                    # of the page's median says something about the topic.
                    g = max(0.0, (g - CHAR_BASELINE) / (1 - CHAR_BASELINE))
                w = GRAMS_WEIGHT["cjk" if b.cjk else "spaced"]
                b.cohesion = w * g + (1 - w) * c
            else:
                b.cohesion = c
    cut = MAX_RELATIVE_COHESION
    # A line that begins in the middle of a sentence is a piece of another text, whatever words
    # it shares — on a page where it is the only one: a page that opens several sentences in lower
    # case writes that way (comments, chat).
    hinted = _LINE_CUT_HINT.search(doc.text) or _CJK_CUT_HINT.search(doc.text)
    starts = _cut_starts(blocks, doc.text) if hinted else []
    inline = [] if not any(hint.search(doc.text) for hint in _CUT_HINTS) else [
        (b, span) for b in blocks[1:] if not b.markup and not b.cjk for span in _inline_cuts(b.text)]
    # The shape of a line is looked at only now, for the few lines that cohere poorly.
    low = [b for b in prose if b.cohesion <= cut and _candidate_shape(b.text, b.cjk)]
    unshared = _unshared_line(doc, prose)
    if unshared is not None and unshared not in low:
        low.append(unshared)
    wrapped: bool | None = None
    sentence = None
    if any(b.cjk for b in prose) and not _kana_or_hangul(doc):
        # Sentences inside Chinese paragraphs — not on a hard-wrapped page, where a line's first
        # and last sentences are pieces.
        wrapped = hard_wrapped([b.text for b in prose])
        sentence = None if wrapped else _unshared_sentence(blocks)
    if not (low or starts or inline or sentence):
        return
    if wrapped is None:
        wrapped = hard_wrapped([b.text for b in prose])
    if wrapped or ((starts or inline) and _writes_in_lower_case(doc.text)):
        starts, inline = [], []
    if sentence is not None and sentence[0] not in low:
        block, span, bridged = sentence
        yield block, {"unshared": 1.0, "bridged": 1.0 if bridged else 0.0}, len(prose), span
    cut_start = starts[0] if len(starts) == 1 and not inline else None
    if len(inline) == 1 and not starts:
        found = _inline_evidence(blocks, inline[0], median, len(prose))
        if found is not None:
            yield found
    if cut_start is not None and cut_start not in low and _candidate_shape(
            cut_start.text.lstrip(_CJK_CUT_OPENERS), cut_start.cjk):
        low.append(cut_start)
    if not low:
        return
    index = {id(b): i for i, b in enumerate(blocks)}
    # The body: paragraphs that belong to the page (cohesive, and closed like sentences, so that
    # a list of headlines in a sidebar is not taken for one), and HTML blobs.
    body = {
        i for i, b in enumerate(blocks)
        if i and (b.markup or (b.tokens >= MIN_TOKENS and b.cohesion > cut and _TERMINAL_RE.search(b.text)))
    }
    if not body:
        return
    low_ids = {id(b) for b in low}
    first_prose = next(
        i for i, b in enumerate(blocks)
        if i and (b.markup or id(b) in low_ids or i in body and _candidate_shape(b.text, b.cjk))
    )
    ledes = [b for b in blocks if b.markup or _lede(b.text) >= 1.0]
    last_body = max(body)
    for b in low:
        i = index[id(b)]
        if i >= last_body and not (
                0 < i < len(blocks) - 1 and not _TERMINAL_RE.search(blocks[i - 1].text)
                and not _TERMINAL_RE.search(blocks[i + 1].text)):
            continue  # after the body: a footer, not a sentence inside the story (but a sentence
            # between two items of a list there is out of place, as inside the story)
        if size - b.shared_tokens < MIN_REST_TOKENS:
            continue  # too little text around it to judge
        if not _TERMINAL_RE.search(b.text) and (i + 1) not in body:
            continue  # unclosed, and not followed by the body: one of a list of headlines
        evidence = {"cohesion": max(0.0, 1.0 - b.cohesion / cut), "truncated": _truncation(b.text, b.cjk, wrapped),
                    "cut": 1.0 if b is cut_start else 0.0}
        lede = _lede(b.text)
        # The first paragraph may be the page's own lede: only another lede elsewhere (with more
        # cohesion, or inside an HTML blob) makes this one foreign.
        own = i == first_prose and not any(
            o is not b and (_has_lede(o.text) if o.markup else o.cohesion > b.cohesion) for o in ledes
        )
        evidence["lede"] = 0.0 if own else lede
        # The page's own lede sits there too: the place counts only as much as the line is foreign.
        evidence["header"] = evidence["cohesion"] if i == first_prose and (i + 1) in body else 0.0
        evidence["novel"] = _novelty(b, doc.text)
        evidence["isolated"] = _isolation(b, prose)
        evidence["unshared"] = 1.0 if b is unshared else 0.0
        yield b, evidence, len(prose), None


# --- rare words ------------------------------------------------------------------------------


def _unshared_line(doc: Document, prose: list[_Block]) -> _Block | None:
    """The candidate line (``_candidate_shape``, in the page's language) that shares the least of
    its tokens' weight by rarity with the other lines, when it shares almost none and the next
    candidate clearly more (``UNSHARED``); else ``None``. Unlike ``cohesion``, which counts every
    token alike, this weighs them by how rare they are in general text: a sentence from another
    story shares the common words of any text (一直, 女性, "people"), not the names and terms of
    this one. A line whose tokens weigh little together is not judged. The lines are read from the
    least shared up, and the shape of only the first two candidates is looked at.

    Only Chinese and English are read so (the languages of the frequency tables): CJK prose on a
    page without kana or hangul, or English (``_is_english``, asked only once a line is found)."""
    cjk = any(b.cjk for b in prose)
    if cjk and _kana_or_hangul(doc):
        return None
    most, gap = UNSHARED["cjk" if cjk else "spaced"]
    # Only lines that share at most ``most + gap`` can be the least shared candidate or stand in
    # its way; any other line shares more than the least one by the gap, whatever its shape.
    low = sorted((b.shared_weight / b.weight, n) for n, b in enumerate(prose)
                 if b.shared_weight <= (most + gap) * b.weight and b.weight >= UNSHARED_MIN_WEIGHT and b.cjk == cjk)
    least: tuple[float, _Block] | None = None
    for share, n in low:
        if least is not None and share - least[0] >= gap:
            break
        if least is None and share > most:
            return None
        if _candidate_shape(prose[n].text, cjk):
            if least is not None:
                return None  # the next candidate shares about as little
            least = (share, prose[n])
    if least is None:
        return None
    return least[1] if cjk or _is_english(doc.text) else None


def _cjk_sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences of a line of CJK text, each up to its end
    (``_CJK_SENTENCE_END_RE``); what follows the last stop, unclosed, is none."""
    spans, a = [], 0
    for m in _CJK_SENTENCE_END_RE.finditer(text):
        spans.append((a, m.end()))
        a = m.end()
    return spans


def _unshared_sentence(blocks: list[_Block]) -> tuple[_Block, tuple[int, int], bool] | None:
    """``(block, span, bridged)`` of the one sentence inside a paragraph of CJK text that shares
    none of its rarer words with the rest of the page nor a token with the sentences either side
    (see ``SENTENCE_WEIGHT``); ``span``: its offsets in the block's text; ``bridged``: the sentences
    either side share a token with each other. ``None`` when no sentence or more than one is so
    (a page whose sentences often share nothing says nothing by one more). Paragraphs of
    ``MIN_PARAGRAPH_SENTENCES`` or more are counted sentence by sentence, the other lines whole,
    in one count of the page."""
    paragraphs = {
        k: spans for k, b in enumerate(blocks)
        if b.cjk and not b.markup and (t := b.text).count("。") + t.count("！") + t.count("？") >= MIN_PARAGRAPH_SENTENCES
        and len(spans := _cjk_sentences(t)) >= MIN_PARAGRAPH_SENTENCES
    }
    if not paragraphs:
        return None
    texts: list[str] = []
    cjk: list[bool] = []
    inner: list[tuple[int, _Block, tuple[int, int]]] = []  # sentences with one on either side
    for k, b in enumerate(blocks):
        spans = paragraphs.get(k)
        if spans is None:
            texts.append(b.text)
            cjk.append(b.cjk)
            continue
        first = len(texts)
        inner.extend((first + j, b, spans[j]) for j in range(1, len(spans) - 1))
        texts.extend(b.text[a:z] for a, z in spans)
        if spans[-1][1] < len(b.text):  # an unclosed end
            texts.append(b.text[spans[-1][1]:])
        cjk.extend([True] * (len(texts) - len(cjk)))
    weight, shared = feature_counts(texts, cjk)[5:7]
    found = None
    for i, b, span in inner:
        w = weight[i]
        if w < SENTENCE_MIN_WEIGHT or shared[i] > SENTENCE_SHARE * w:
            continue
        own, before, after = (features(texts[j], True)[0] for j in (i, i - 1, i + 1))
        if own & before or own & after:
            continue
        if found is not None:
            return None
        found = (w, b, span, bool(before & after))
    if found is None:
        return None
    w, b, span, bridged = found
    if _CONNECTIVE_RE.match(b.text[span[0]:span[1]]):
        return None  # it opens with a connective or a pronoun: it goes on from the sentence before
    return (b, span, bridged) if w >= SENTENCE_WEIGHT or (bridged and w >= SENTENCE_BRIDGED_WEIGHT) else None


def _inline_evidence(blocks: list[_Block], cand: tuple[_Block, tuple[int, int]], median: float, prose_lines: int):
    """``(block, evidence, prose lines, span)`` for a sentence cut in the middle inside a line,
    when the rest of the page shares little of its vocabulary (``span``: offsets in the block's
    text, from the sentence to its stop)."""
    b, (a, z) = cand
    sentence = b.text[a:z]
    own, _ = features(sentence, False)
    if len(own) < MIN_SENTENCE_TOKENS:
        return None
    rest: set[str] = set(features(b.text[:a] + " " + b.text[z:], False)[0])
    for o in blocks:
        if o is not b:
            rest |= features(o.text, o.cjk)[0]
    relative = len(own & rest) / len(own) / max(median, MIN_PAGE_COHESION)
    if relative > MAX_RELATIVE_COHESION:
        return None
    evidence = {"cohesion": 1.0 - relative / MAX_RELATIVE_COHESION, "truncated": 0.0, "cut": 1.0}
    return b, evidence, prose_lines, (a, z)


def hard_wrapped(lines: list[str]) -> bool:
    """Whether prose ``lines`` are text wrapped at a fixed width (old portals, e-mails, forum
    posts), which breaks sentences across lines: many of them end unclosed, so that being
    unclosed says nothing about a line. Only lines that fill the width count (at least
    ``WRAP_FILL`` of the page's long lines, its 90th percentile): short unclosed lines are
    headings, list items and captions, which pages of closed paragraphs have too."""
    if len(lines) < 3:
        return False
    lengths = sorted(map(len, lines))
    fill = WRAP_FILL * lengths[(len(lengths) - 1) * 9 // 10]
    unclosed = sum(1 for s in lines if len(s) >= fill and not _TERMINAL_RE.search(s))
    return unclosed >= 3 and unclosed >= WRAPPED_SHARE * len(lines)


def _cohesion(prose: list[_Block], kind: str) -> float:
    """Set each prose block's cohesion for one kind of feature, relative to the page's median.

    A block's share is the fraction of its distinct features found on at least one other line;
    dividing by the median share of the page's prose lines makes the figure comparable across
    pages of different lengths and styles (1.0 = as cohesive as a typical line of this page).
    Returns the median share (``DEFAULT_COHESION`` when the page has too few prose lines).
    """
    if kind == "tokens":
        shares = [b.shared_tokens / b.tokens if b.tokens else None for b in prose]
    else:
        shares = [b.shared_grams / b.grams if b.grams else None for b in prose]
    known = [x for x in shares if x is not None]
    median = statistics.median(known) if len(known) >= MIN_PROSE_LINES else DEFAULT_COHESION
    ref = max(median, MIN_PAGE_COHESION)
    for b, share in zip(prose, shares):
        b.cohesion = 1.0 if share is None else share / ref
    return median


def _isolation(block: _Block, prose: list[_Block]) -> float:
    """How far below every other prose line of the page the block's cohesion lies: 0 unless it
    is the page's least cohesive line and at most ``ISOLATION_GAP`` of the next one's, growing to
    1 for a line that shares nothing while every other line shares something. On a page of fewer
    than ``MIN_PROSE_LINES_ALONE`` prose lines, as for cohesion alone, 0: there a genuine line of a
    new turn in the story is often the one that stands apart."""
    if len(prose) < MIN_PROSE_LINES_ALONE:
        return 0.0
    others = [o.cohesion for o in prose if o is not block]
    nearest = min(others)
    if nearest <= 0.0 or block.cohesion > nearest:
        return 0.0
    return max(0.0, 1.0 - block.cohesion / (ISOLATION_GAP * nearest))


def _novelty(block: _Block, text: str) -> float:
    """The share of the block's numbers and names that occur nowhere else in ``text``."""
    found = marks(block.text, block.cjk)
    if len(found) < 2:
        return 0.0
    return sum(1 for m in found if text.count(m) <= block.text.count(m)) / len(found)


def _blocks(doc: Document) -> tuple[list[_Block], int]:
    """The page's non-blank lines with their features counted, and the number of distinct tokens
    of the page."""
    text = doc.text
    found = [(line, raw) for line in doc.lines if (raw := line.text.strip())]
    if not found:
        return [], 0
    texts = [raw for _, raw in found]
    markup = [False] * len(found)
    if "<" in text or "&" in text or "\\u" in text:  # what every _MARKUP_RE match holds
        for k, raw in enumerate(texts):
            if _MARKUP_RE.search(raw):
                texts[k], markup[k] = markup_text(raw), True
    cjk = [bool(t) and _cjk_share(t) >= CJK_SHARE for t in texts]  # (a markup line's text may be blank)
    toks, shared_toks, size, grams, shared_grams, weight, shared_weight = feature_counts(texts, cjk)
    doc.meta[_PAGE_TOKENS] = sum(toks)  # for the rarity floor of a finding's message
    out = list(map(_Block, [line for line, _ in found], texts, markup, cjk, toks, shared_toks, grams, shared_grams,
                   weight, shared_weight))
    return out, size


RULES = [OffTopicSentence()]
