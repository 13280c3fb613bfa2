"""A deterministic benchmark corpus of distinct documents, generated from the project's own texts.

scrapelint caches work per text and per line, so a corpus made by repeating a few files measures
the caches, not the tool. Here every document and (almost) every line is new: the sentences of
the project's clean Chinese and English articles (``samples/clean``, ``bench/offtopic_data``,
``bench/pages/*.clean.txt``) are re-sampled within their article and mutated — content words
swapped for other words of the same article with the same ending, pairs of Han characters for
other pairs of the same article, figures re-drawn — so the prose keeps its shape (paragraph
lengths, punctuation, “” quotes, full-width punctuation) and its topic. A long document comes
back to its article's paragraphs, each time mutated. Swaps stay within the article because the
off-topic rule judges a line by the vocabulary it shares with the page: words from elsewhere, or
single Han characters (which break every word they touch), make clean lines look off-topic.

About 30 % of the documents carry noise of two to four of the eight categories (``Doc.kinds``)::

    from corpus import generate          # bench/ is sys.path[0] when running bench/*.py
    for doc in generate(20, seed=0):     # about 20 MB of UTF-8, one document at a time
        ...
"""
from __future__ import annotations

import html
import json
import random
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent

#: The noise categories, in the order of scrapelint's ``CATEGORIES``.
KINDS = (
    "escaped-html", "encoding", "markup-debris", "boilerplate",
    "trending-list", "off-topic", "duplicate", "whitespace",
)
NOISY_SHARE = 3  # noisy documents in every block of 10


@dataclass(frozen=True)
class Doc:
    text: str
    lang: str  # "zh" or "en"
    noisy: bool
    kinds: tuple[str, ...]  # the noise categories it carries; () when clean


# --- source texts ---------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TONES = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_NOT_PROSE = re.compile(r"[<>{}`|#*\\\[\]_@]|https?:|www\.")
# Function characters and numerals are never swapped (nor swapped in): they hold the grammar.
_ZH_KEEP = set("的了是在和与及或也都就而并把被从对于以为之其这那个们着过吗呢吧啊将已又还再向让给说道称"
               "〇零一二三四五六七八九十百千万亿两几年月日时分")
# English words never swapped (nor swapped in): function words, and the words that make a
# sentence look cut short or make a name.
_EN_STOP = frozenset("""
    that this with from have were they their there which would about been when what will into than
    them then also said more most some says just only over after before because could should while
    where these those very each other such many much does your ours here being both either neither
    every among across through during including according between whether despite minister
    president secretary chairman governor mayor within without around against until since still
    even though although however yet once like made make told tell last next first year years week
    weeks month months today people time""".split())
# A sentence ends at 。！？ outside quotes (zh), or at . ! ? before a capital (en).
_ZH_STOP_RE = re.compile(r"[。！？]+")
_EN_STOP_RE = re.compile(r"[.!?]+[\"”’')]*(?=\s+[\"“(]?[A-Z0-9])")
_EN_ABBREV = re.compile(r"(?:\b[A-Za-z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|vs|a\.m|p\.m|e\.g|i\.e|U\.S)\.$")
_ZH_TOKEN = re.compile(r"\d+|.", re.S)
_EN_TOKEN = re.compile(r"(\d+|[A-Za-z]+)")


@dataclass
class _Sentence:
    """A sentence cut into parts, so that a mutation replaces whole parts."""

    parts: list[str]
    slots: list[int]  # parts that may be swapped for a word (a Han pair) of the article
    numbers: list[int]  # parts that are digit runs


@dataclass
class _Article:
    lang: str
    title: _Sentence
    paragraphs: list[list[_Sentence]]
    pool: dict[str, list[str]]  # what a slot may become, by _form: the article's words / Han pairs
    sentences: list[_Sentence]  # all of them, to re-sample from


def _zh_sentence(s: str, margin: int = 2) -> _Sentence:
    chars = _ZH_TOKEN.findall(s)
    han = [bool(_HAN.match(c)) and c not in _ZH_KEEP for c in chars]
    # Slots are pairs of content characters (the words, and the features of the off-topic rule),
    # with Han characters ``margin`` places either side: the first words, and the last ones before
    # a comma or a stop (a speech verb, a connective), stay as written.
    parts, slots, i = [], [], 0
    while i < len(chars):
        if (margin <= i < len(chars) - 1 - margin and han[i] and han[i + 1]
                and all(_HAN.match(c) for c in chars[i - margin:i + 2 + margin])):
            slots.append(len(parts))
            parts.append(chars[i] + chars[i + 1])
            i += 2
        else:
            parts.append(chars[i])
            i += 1
    numbers = [i for i, p in enumerate(parts) if p.isdigit()]
    return _Sentence(parts, slots, numbers)


def _en_sentence(s: str, margin: int = 1) -> _Sentence:
    parts = _EN_TOKEN.split(s)
    words = [i for i in range(1, len(parts), 2) if parts[i].isalpha()]
    # Lower-case content words only (names keep their capitals), not the last ``margin`` words.
    slots = [i for i in words[:len(words) - margin]
             if parts[i].islower() and len(parts[i]) >= 4 and parts[i] not in _EN_STOP]
    numbers = [i for i in range(1, len(parts), 2) if parts[i].isdigit()]
    return _Sentence(parts, slots, numbers)


def _balanced(s: str) -> bool:
    return (s.count('"') % 2 == 0 and s.count("“") == s.count("”") and s.count("「") == s.count("」")
            and s.count("（") == s.count("）") and s.count("(") == s.count(")"))


def _split(paragraph: str, lang: str) -> list[str]:
    """Sentences of a paragraph, never cut inside quotes or parentheses."""
    out, start = [], 0
    for m in (_ZH_STOP_RE if lang == "zh" else _EN_STOP_RE).finditer(paragraph):
        piece = paragraph[start:m.end()]
        if _balanced(piece) and (lang == "zh" or not _EN_ABBREV.search(piece.rstrip("\"”’')!?"))):
            out.append(piece.strip())
            start = m.end()
    if paragraph[start:].strip():
        out.append(paragraph[start:].strip())
    return out


def _is_prose(line: str, lang: str) -> bool:
    if _NOT_PROSE.search(line) or not _balanced(line):
        return False
    if lang == "zh":
        return len(_HAN.findall(line)) >= 15 and line[-1] in "。！？”」）" and not _TONES.search(line)
    return len(line.split()) >= 8 and line[-1] in ".!?\"”’)"


def _vocabulary(sentences: list[str], lang: str) -> set[str]:
    """What slots may become: every pair of adjacent content characters (zh), every lower-case
    content word (en)."""
    if lang == "en":
        return {w for s in sentences for w in re.findall(r"\b[a-z]{4,}\b", s) if w not in _EN_STOP}
    out = set()
    for s in sentences:
        for i in range(len(s) - 1):
            pair = s[i:i + 2]
            if all(_HAN.match(c) and c not in _ZH_KEEP for c in pair):
                out.add(pair)
    return out


def _article(lang: str, text: str) -> _Article | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    make = _zh_sentence if lang == "zh" else _en_sentence
    min_slots = 4 if lang == "zh" else 3
    joiner = "" if lang == "zh" else " "
    paragraphs = []
    for line in lines[1:]:
        if not _is_prose(line, lang):
            continue
        units: list[_Sentence] = []
        pending = ""
        for s in _split(line, lang):
            # A sentence with too few slots for distinct copies is joined to the next one.
            pending = f"{pending}{joiner}{s}" if pending else s
            if len(make(pending).slots) >= min_slots:
                units.append(make(pending))
                pending = ""
        if pending:
            if units:
                units.append(make("".join(units.pop().parts) + joiner + pending))
            elif len(make(pending).slots) >= 2:
                units.append(make(pending))
        if units:
            paragraphs.append(units)
    title = make(lines[0].lstrip("# "), 1 if lang == "zh" else 0)  # a headline's last words may change
    words = sorted(_vocabulary(["".join(u.parts) for p in paragraphs for u in p], lang))
    if len(paragraphs) < 3 or len(title.slots) < 2 or len(words) < 8:
        return None  # too little prose, or a title too short to vary
    pool = {form: [w for w in words if _form(w) == form] for form in _FORMS}
    pool = {form: ws if len(ws) >= 8 else words for form, ws in pool.items()}
    return _Article(lang, title, paragraphs, pool, [u for p in paragraphs for u in p])


def _source_files() -> list[tuple[str, Path]]:
    files = [(lang, p) for lang in ("en", "zh")
             for p in sorted((ROOT / "bench/offtopic_data" / lang).glob("*.txt"))]
    # The pinyin lesson is a drill, not prose; its glosses would be broken by mutation.
    files += [(p.name[:2], p) for p in sorted((ROOT / "samples/clean").glob("*"))
              if p.name[:3] in ("en-", "zh-") and "pinyin" not in p.name]
    for p in sorted((ROOT / "bench/pages").glob("*.clean.txt")):  # zh-…, clean-zh-…, en-…
        lang = next((f for f in p.name.split("-")[:2] if f in ("en", "zh")), None)
        if lang:
            files.append((lang, p))
    return files


@lru_cache(maxsize=1)
def _articles() -> dict[str, list[_Article]]:
    out: dict[str, list[_Article]] = {"en": [], "zh": []}
    for lang, path in _source_files():
        art = _article(lang, path.read_text(encoding="utf-8"))
        if art is not None:
            out[lang].append(art)
    return out


@lru_cache(maxsize=1)
def _pack_lines() -> dict[str, list[tuple[str, str]]]:
    """(line, zone) pairs per language: the lines of the packs' ``flags`` examples that hold one
    of the rule's phrases or match one of its patterns (the other lines are article context)."""
    out: dict[str, list[tuple[str, str]]] = {"en": [], "zh": []}
    for path in sorted((ROOT / "rules/packs").glob("*.toml")):
        if path.stem.startswith("generic-") and path.stem not in ("generic-en", "generic-zh"):
            continue  # German, French and Spanish sites
        lang = "en" if path.stem == "generic-en" else "zh"  # the site packs are for Chinese sites
        for rule in tomllib.loads(path.read_text(encoding="utf-8")).get("rule", []):
            phrases = [p.lower() for p in rule.get("phrases", [])]
            patterns = [regex.compile(p) for p in rule.get("patterns", [])]
            for example in rule.get("flags", []):
                for line in example.splitlines():
                    folded = unicodedata.normalize("NFKC", line).lower().strip()
                    hit = any(p in folded for p in phrases) or any(p.search(folded) for p in patterns)
                    if folded and hit:
                        out[lang].append((line.strip(), rule.get("zone", "anywhere")))
    return out


# --- mutation -------------------------------------------------------------------------------


def _digits(rng: random.Random, s: str) -> str:
    """``s`` with every digit after the first of its run re-drawn."""
    return re.sub(r"(?<=\d)\d", lambda _: str(rng.randrange(10)), s)


_FORMS = ("ing", "ed", "ly", "s", "")


def _form(word: str) -> str:
    """The ending a swapped-in word keeps ("-ing" for "-ing"...), so that sentences stay shaped
    like English. Han pairs have none."""
    return next(f for f in _FORMS if word.endswith(f))


def _mutate(rng: random.Random, sent: _Sentence, pool: dict[str, list[str]], share: float) -> str:
    parts = sent.parts[:]
    if sent.slots:
        k = min(len(sent.slots), max(3, round(share * len(sent.slots))))
        for i in rng.sample(sent.slots, k):
            words = pool[_form(parts[i])]  # eight at least: another word comes up soon
            while (word := rng.choice(words)) == parts[i]:
                pass
            parts[i] = word
    for i in sent.numbers:
        if rng.random() < 0.5:
            parts[i] = _digits(rng, parts[i]) if len(parts[i]) > 1 else str(rng.randrange(1, 10))
    return "".join(parts)


class _Writer:
    """Mutated prose of one article."""

    def __init__(self, rng: random.Random, art: _Article):
        self.rng, self.art = rng, art
        self.share = 0.12 if art.lang == "zh" else 0.15
        self.joiner = "" if art.lang == "zh" else " "

    def sentence(self, sent: _Sentence) -> str:
        return _mutate(self.rng, sent, self.art.pool, self.share)

    def title(self) -> str:
        return _mutate(self.rng, self.art.title, self.art.pool, 0.2)

    def paragraph(self, units: list[_Sentence], resample: bool = True) -> str:
        units = units[:]
        r = self.rng.random() if resample else 1.0
        other = self.rng.choice(self.art.sentences)
        if r < 0.25 and other not in units:  # one sentence re-sampled from elsewhere in the article
            units[self.rng.randrange(len(units))] = other
        elif r < 0.4 and len(units) > 1:  # one sentence left out
            del units[self.rng.randrange(len(units))]
        elif r < 0.5 and other not in units:  # one more sentence
            units.append(other)
        return self.joiner.join(self.sentence(u) for u in units)

    def body(self, size: int) -> list[str]:
        """Paragraphs of about ``size`` bytes, each mutated: the article in order, then again in
        shuffled order as often as needed. (Every sentence comes back about as often as the others:
        a sentence seen once among sentences seen many times would stand out as off-topic.)"""
        paras, seen, total = [], set(), 0
        order = list(self.art.paragraphs)
        while total < size:
            for units in order:
                p = self.paragraph(units, resample=bool(paras))  # the lede keeps its sentences
                if p in seen:
                    continue
                seen.add(p)
                paras.append(p)
                total += len(p.encode("utf-8")) + 1
                if total >= size:
                    break
            order = self.art.paragraphs[:]
            self.rng.shuffle(order)
        return paras


# --- noise ----------------------------------------------------------------------------------


class _Page:
    """A document being built: lines before the title, the title, the body, the tail.

    Body items are [text, fresh]: noise that rewrites a paragraph takes a fresh one, so two kinds
    of noise do not land on the same paragraph."""

    def __init__(self, rng: random.Random, lang: str, title: str, body: list[str]):
        self.rng, self.lang = rng, lang
        self.head: list[str] = []
        self.title = title
        self.after_title: list[str] = []
        self.body = [[p, True] for p in body]
        self.tail: list[str] = []

    def fresh(self, n: int = 1) -> list[int]:
        idx = [i for i, (_, ok) in enumerate(self.body) if ok]
        return sorted(self.rng.sample(idx, min(n, len(idx))))

    def take(self, i: int, text: str) -> None:
        self.body[i] = [text, False]

    def insert(self, text: str, lo: int = 1) -> None:
        self.body.insert(self.rng.randint(min(lo, len(self.body)), len(self.body)), [text, False])

    def text(self, sep: str) -> str:
        items = self.head + [self.title] + self.after_title + [t for t, _ in self.body] + self.tail
        return sep.join(items) + "\n"


def _timestamp(rng: random.Random) -> str:
    return (f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _escaped_html(page: _Page, art: _Article) -> None:
    """A run of paragraphs delivered as HTML, JSON-escaped or entity-escaped."""
    rng = page.rng
    starts = [i for i in range(len(page.body) - 1) if page.body[i][1] and page.body[i + 1][1]]
    if not starts:
        return
    i = j = rng.choice(starts)
    size = rng.randint(2, 5)
    while j < len(page.body) and page.body[j][1] and j - i < size:
        j += 1
    blocks = []
    for text, _ in page.body[i:j]:
        inner = html.escape(text, quote=False)
        if rng.random() < 0.5:
            rgb = ", ".join(str(rng.randint(0, 80)) for _ in range(3))
            inner = f'<span style="color: rgb({rgb}); font-size: {rng.randint(14, 18)}px">{inner}</span>'
        blocks.append(f'<p style="line-height: {rng.choice(("1.5", "1.75", "2"))}; '
                      f'margin-bottom: {rng.randint(8, 24)}px; text-align: justify">{inner}</p>')
        if rng.random() < 0.2:
            blocks.append(f"<p><!--IMG_{rng.randint(0, 9)}--></p>")
    markup = "".join(blocks)
    dialect = rng.choice(("json", "json-raw", "entity", "entity-lines"))
    if dialect == "json":
        s = json.dumps(markup, ensure_ascii=False)[1:-1]
        s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        lines = [f'{{"id":{rng.randint(10**6, 10**7)},"content":"{s}"}}' if rng.random() < 0.5 else s]
    elif dialect == "json-raw":
        lines = [json.dumps(markup, ensure_ascii=False)[1:-1].replace("</", "<\\/")]
    elif dialect == "entity":
        lines = [html.escape(markup)]
    else:
        lines = [html.escape(b) for b in blocks]
    page.body[i:j] = [[ln, False] for ln in lines]


# UTF-8 read as Windows-1252: latin-1, then 0x80-0x9F as cp1252 has them (the five bytes it
# leaves undefined stay C1 controls, as browsers and ftfy's "sloppy" codec keep them).
_CP1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


def _as_cp1252(s: str) -> str:
    return s.encode("utf-8").decode("latin-1").translate(_CP1252)


def _typographic(s: str) -> str:
    """Curly quotes and dashes, as a CMS prints them (what mojibake then garbles)."""
    s = re.sub(r'"(\S[^"]*)"', r"“\1”", s).replace("'", "’").replace(" - ", " — ")
    if s.isascii():  # nothing typographic yet: a dash, or a closing ellipsis
        s = s.replace(", ", " — ", 1) if ", " in s else s.rstrip(".") + "…"
    return s


def _encoding(page: _Page, art: _Article) -> None:
    """A paragraph as mojibake, or with characters lost (U+FFFD, 锟斤拷)."""
    rng = page.rng
    for i in page.fresh(rng.randint(1, 2)):
        text = page.body[i][0]
        if page.lang == "en":
            if rng.random() < 0.7:
                text = _as_cp1252(_typographic(text))
            else:  # the accented or curly characters lost
                text = re.sub(r"[^\x00-\x7f]", "\ufffd", _typographic(text))
        else:
            how = rng.choice(("gbk", "latin-1", "fffd", "kunkao"))
            if how == "gbk":
                text = text.encode("utf-8").decode("gbk", errors="replace")
            elif how == "latin-1":
                text = text.encode("utf-8").decode("latin-1")
            else:
                han = [m.start() for m in _HAN.finditer(text)]
                chars = list(text)
                lost = "\ufffd" if how == "fffd" else "锟斤拷"
                for k in rng.sample(han, min(len(han), rng.randint(2, 5))):
                    chars[k] = lost * rng.randint(1, 2)
                text = "".join(chars)
        page.take(i, text)


def _css(rng: random.Random) -> str:
    cls = rng.choice(("article-content", "post-body", "rich_media_content", "art_txt", "entry-content"))
    side = rng.randint(24, 40)
    return (f".{cls} p{{margin:0 0 {rng.randint(8, 16) / 10}em;line-height:{rng.randint(15, 20) / 10};"
            f"font-size:{rng.randint(14, 18)}px;color:#{_hex(rng, 6)};text-align:justify}}"
            f".{cls} img{{display:block;max-width:100%;margin:0 auto}}"
            f".share-bar a{{display:inline-block;width:{side}px;height:{side}px}}")


def _js(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return ('var _hmt = _hmt || [];(function() {var hm = document.createElement("script");'
                f'hm.src = "https://hm.baidu.com/hm.js?{_hex(rng, 32)}";'
                'var s = document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm, s);})();')
    return (f"window.dataLayer = window.dataLayer || [];function gtag(){{dataLayer.push(arguments);}}"
            f"gtag('js', new Date());gtag('config', 'G-{_hex(rng, 10).upper()}');")


def _markup_debris(page: _Page, art: _Article) -> None:
    """Stray tags, placeholder comments, style and script dumps, empty Markdown images."""
    rng = page.rng
    for what in rng.sample(("tags", "comment", "css", "js", "md"), rng.randint(2, 3)):
        if what == "tags":
            for i in page.fresh(rng.randint(2, 4)):
                text = page.body[i][0]
                page.take(i, rng.choice((f"{text}</p>", f"{text}<br>", f"{text}<br/>",
                                         f'<span style="font-size:16px;">{text}</span></p>')))
        elif what == "comment":
            page.insert(f"<!--IMG_{rng.randint(0, 20)}-->")
        elif what == "css":
            page.insert(_css(rng), lo=0)
        elif what == "js":
            page.insert(_js(rng), lo=0)
        else:
            page.insert("![]()")


def _boilerplate(page: _Page, art: _Article) -> None:
    """Lines of the packs' examples, around the article, with their figures re-drawn."""
    rng = page.rng
    for line, zone in rng.sample(_pack_lines()[page.lang], rng.randint(2, 5)):
        line = _digits(rng, line)
        if zone == "first-line":
            page.head.insert(0, line)
        elif zone == "head" or (zone == "anywhere" and rng.random() < 0.4):
            page.after_title.append(line)
        elif zone == "last-line":
            page.tail.append(line)
        else:
            page.tail.insert(rng.randint(0, len(page.tail)), line)


_HEADINGS = {
    "zh": ("相关推荐", "热点推荐", "猜你喜欢", "大家都在看", "延伸阅读", "热门文章"),
    "en": ("Related", "Most read", "Trending now", "More stories", "Recommended for you", "Latest news"),
}
_SITES = {
    "zh": ("南湾日报", "城市晚报", "科学前沿观察", "山城慢生活", "江北新闻网", "财经快讯"),
    "en": ("Northport Herald", "Valley Times", "Harbor Daily", "City Desk", "The Ledger", "Metro Wire"),
}


def _trending_list(page: _Page, art: _Article) -> None:
    """A heading and 5-10 headlines of other stories, each with a source and a timestamp."""
    rng = page.rng
    others = [a for a in _articles()[page.lang] if a is not art]
    layout = rng.randrange(3)
    lines = [rng.choice(_HEADINGS[page.lang])]
    for other in rng.sample(others, rng.randint(5, 10)):
        head, site, ts = _Writer(rng, other).title(), rng.choice(_SITES[page.lang]), _timestamp(rng)
        lines += ([f"{head}  {site} {ts}"] if layout == 0 else [head, f"{site} {ts}"] if layout == 1
                  else [head, ts])
    page.tail.insert(0, "\n".join(lines))


def _off_topic(page: _Page, art: _Article) -> None:
    """A sentence of another story, on a line of its own inside the body; half the time cut
    short, as content farms splice them (``…at the.``, ``…，覆盖。``)."""
    rng = page.rng
    other = rng.choice([a for a in _articles()[page.lang] if a is not art])
    text = _Writer(rng, other).sentence(rng.choice(other.sentences))
    if rng.random() < 0.5:
        cut = text.find("，" if page.lang == "zh" else " ", len(text) // 2)
        if cut > 0:
            text = text[:cut + 3] + "。" if page.lang == "zh" else text[:cut] + rng.choice((".", ""))
    page.insert(text, lo=2)


def _duplicate(page: _Page, art: _Article) -> None:
    """The title printed twice, a paragraph repeated (later, or right after itself)."""
    rng = page.rng
    what = rng.randrange(3)  # 0: the title, 1: a paragraph, 2: both
    if what != 1:
        byline = ""
        if page.lang == "zh" and rng.random() < 0.5:
            byline = f" 作者:{rng.choice(_SITES['zh'])} 时间:{_timestamp(rng)}"
        page.after_title.insert(0, page.title + byline)
    if what != 0:
        i = (page.fresh(1) or [0])[0]
        page.take(i, page.body[i][0])  # both copies stay as they are
        page.body.insert(rng.randint(i + 1, len(page.body)), [page.body[i][0], False])


def _whitespace(page: _Page, art: _Article) -> None:
    """Runs of blank lines, zero-width spaces, trailing spaces, a control character."""
    rng = page.rng
    for what in rng.sample(("blank", "zwsp", "trailing", "control"), rng.randint(2, 3)):
        if what == "blank":
            page.insert("\n" * rng.randint(3, 6))
        elif what == "trailing":
            for i in page.fresh(rng.randint(2, 5)):
                page.take(i, page.body[i][0] + rng.choice(("  ", " ", "\t", "\u3000", "   ")))
        else:
            for i in page.fresh(rng.randint(1, 3) if what == "zwsp" else 1):
                text = page.body[i][0]
                k = rng.randrange(1, len(text))
                char = "\u200b" if what == "zwsp" else rng.choice("\x07\x08\x0b\x0c\x1b\x7f")
                page.take(i, text[:k] + char + text[k:])


# Applied in this order: the rewrites of whole paragraphs first, then insertions.
_NOISE = {
    "escaped-html": _escaped_html, "encoding": _encoding, "markup-debris": _markup_debris,
    "duplicate": _duplicate, "off-topic": _off_topic, "whitespace": _whitespace,
    "boilerplate": _boilerplate, "trending-list": _trending_list,
}


# --- documents ------------------------------------------------------------------------------


def _size(rng: random.Random) -> int:
    """Bytes of a document: mostly 2-20 KB (median about 6.5 KB), 2 % between 20 and 100 KB."""
    if rng.random() < 0.02:
        return rng.randint(20_000, 100_000)
    return int(min(20_000, max(2_000, rng.lognormvariate(8.78, 0.6))))


def generate(mb: float, seed: int = 0) -> Iterator[Doc]:
    """About ``mb`` megabytes of UTF-8 documents, Chinese and English about half each, 70 % clean.

    Deterministic for a seed; documents are generated one at a time (an infinite ``mb`` is an
    endless stream). Each document draws from a generator of its own (the seed and its number),
    and its noise from another: a change in how noise is made (a pack's example lines, which the
    noisy documents carry) changes the noise of the noisy documents and nothing else — not which
    documents come, their language, article, size or text — so that speeds measured before and
    after a change are measured on the same clean documents."""
    plan = random.Random(seed)
    articles = _articles()
    made, n, noisy_made = 0, 0, 0
    noisy_slots: set[int] = set()
    while made < mb * 1e6:
        if n % 10 == 0:
            noisy_slots = set(plan.sample(range(10), NOISY_SHARE))
        noisy = n % 10 in noisy_slots
        rng = random.Random(f"{seed}/{n}")
        n += 1
        lang = "zh" if rng.random() < 0.5 else "en"
        art = rng.choice(articles[lang])
        writer = _Writer(rng, art)
        page = _Page(rng, lang, writer.title(), writer.body(_size(rng)))
        sep = rng.choice(("\n", "\n\n"))
        kinds: tuple[str, ...] = ()
        if noisy:
            page.rng = rng = random.Random(f"{seed}/{n - 1}/noise")
            # Each noisy document gets the next category in turn plus one to three others, so
            # every block of eight noisy documents covers all eight.
            first = KINDS[noisy_made % len(KINDS)]
            noisy_made += 1
            chosen = {first, *rng.sample([k for k in KINDS if k != first], rng.randint(1, 3))}
            kinds = tuple(k for k in KINDS if k in chosen)
            for kind, add in _NOISE.items():
                if kind in chosen:
                    add(page, art)
        text = page.text(sep)
        made += len(text.encode("utf-8"))
        yield Doc(text, lang, noisy, kinds)
