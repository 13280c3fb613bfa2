"""Encoding rules (E): mojibake, lossy-decoding damage, undecodable bytes and legacy encodings.

Mojibake is text whose bytes were decoded with the wrong codec: UTF-8 read as cp1252 gives
``doesnâ€™t``, UTF-8 read as GBK gives ``浣犲ソ`` for ``你好``. While no byte was lost it can be
reversed (encode with the wrong codec, decode as UTF-8). Lossy damage cannot: U+FFFD, ``锟斤拷``
and runs of ``?`` mark characters that are gone, and are reported as errors with no fix.
"""
from __future__ import annotations

import bisect
import difflib
import re
from functools import lru_cache
from typing import NamedTuple

from scrapelint.text import CJK, CJK_PUNCTUATION_RANGES, FULL_WIDTH_ASCII_RANGES, HAN, KANA, KANA_RANGES
from scrapelint.text import BOX_DRAWING_RANGES, HAN_RE, PRIVATE_USE_RANGES
from scrapelint.text import AnyScreen, CharScreen, PairScreen, char_class, char_counter
from scrapelint.text import cjk_commonness, cjk_count, common_cjk_re, is_utf8, pair_pattern
from scrapelint.model import Applicability, Document, Edit, Fix, Severity
from scrapelint.registry import Rule

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE

# Known lossy damage signatures (E006): a regex of the damaged text, what stood there before the
# damage, and what the fix writes instead. The close tag lost its "<" together with the
# punctuation; it is markup debris, so the fix keeps only the punctuation.
_BLOCK_TAGS = r"(?:p|div|li|h[1-6]|td|th|blockquote|section|article|dd|dt|figcaption|span)"
LOSSY_SIGNATURES: tuple[tuple[str, str, str], ...] = (
    (rf"\?!\?/(?P<tag>{_BLOCK_TAGS})>", "。”</{tag}>", "。”"),
)

# Known lossy-decoding garbage (E004): the text, how many repeats make a run, and where it comes from.
LOSSY_GARBAGE: tuple[tuple[str, int, str], ...] = (
    ("锟斤拷", 1, "two U+FFFD characters (EF BF BD EF BF BD) decoded as GBK"),
    ("嚙踝蕭", 1, "two U+FFFD characters (EF BF BD EF BF BD) decoded as Big5"),
    ("占쏙옙", 1, "two U+FFFD characters (EF BF BD EF BF BD) decoded as EUC-KR"),
    ("烫", 3, "0xCC bytes (uninitialized stack memory of MSVC debug builds) decoded as GBK"),
    ("屯", 3, "0xCD bytes (uninitialized heap memory of MSVC debug builds) decoded as GBK"),
    ("葺", 3, "0xDD bytes (freed heap memory of MSVC debug builds) decoded as GBK"),
)


_SHOW_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}


def _snippet(text: str, limit: int = 24) -> str:
    """``text`` for a message: shortened, with control characters made visible."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.translate(_SHOW_CONTROLS)


# --- E001 ------------------------------------------------------------------------------------
# What a UTF-8 lead byte (0xC2-0xF4) and a continuation byte (0x80-0xBF) look like when read as
# cp1252 or latin-1, or a lead byte whose continuation was lost (U+FFFD: `SlovenÄ�ina`); C1
# controls; and "Â"/"Ã" before a space (a 0xA0 byte that became a space).
#: The characters cp1252 gives bytes 0x80-0x9F (the rest of 0x80-0xFF read as latin-1 is U+0080-U+00FF).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CP1252_CONTINUATION = "\u0080-\u00bf" + _CP1252_HIGH
# One leading character class lets `re` skip clean text fast (5x the speed of an alternation).
_MOJIBAKE_HINT_RE = re.compile(
    f"[\u0080-\u009f\u00c2-\u00f4](?:(?<=[\u0080-\u009f])|[{_CP1252_CONTINUATION}\ufffd]|(?<=[\u00c2\u00c3]) )"
)


def _byte_chars(codec: str, lo: int, hi: int) -> str:
    """The non-ASCII characters ``codec`` reads bytes ``lo``..``hi`` as."""
    out = []
    for b in range(lo, hi + 1):
        try:
            ch = bytes((b,)).decode(codec)
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and ord(ch) > 0x7F:
            out.append(ch)
    return "".join(sorted(set(out)))


#: UTF-8 read as another single-byte codec (Cyrillic and Central European Windows pages, Mac
#: Roman, the DOS code page, Latin-2): the codec's rendering of a lead byte followed by its
#: rendering of a continuation byte (`Рµ` for `е`, `Ă©` for `é`, `√©` for `é`, `╨┐` for `п`).
#: (The hint only chooses the lines ftfy looks at; ftfy's plan names the codec it repairs with.)
OTHER_SINGLE_BYTE_CODECS = ("cp1251", "cp1250", "mac_roman", "cp437", "iso-8859-2")
_OTHER_CODECS_PAIRS = [(_byte_chars(c, 0xC2, 0xF4), _byte_chars(c, 0x80, 0xBF)) for c in OTHER_SINGLE_BYTE_CODECS]
_OTHER_CODECS_HINT_RE = re.compile(pair_pattern(_OTHER_CODECS_PAIRS))
#: Where E001 looks: either signature.
_ANY_MOJIBAKE_HINT_RE = re.compile(f"{_MOJIBAKE_HINT_RE.pattern}|{_OTHER_CODECS_HINT_RE.pattern}")
# A changed stretch must consist of characters a single-byte codec can produce (or U+FFFD, a byte
# already lost): ftfy is never allowed to touch CJK text, full-width punctuation or anything else
# outside that repertoire.
_SINGLE_BYTE_RE = re.compile(f"[\\x00-\u00ff{_CP1252_CONTINUATION}\ufffd]*")

# --- E009 ------------------------------------------------------------------------------------
# GBK (GB18030) or Big5 bytes read as cp1252 or latin-1: every byte of a double-byte character
# becomes one Latin-1, cp1252 or ASCII character ("中文" → "ÖÐÎÄ"). Runs of at least two such
# pairs (two hanzi) are candidates.
#: Two double-byte characters or more: a lead byte (0x81-0xFE) and a trail byte, which in GBK and
#: Big5 may also be ASCII (0x40-0x7E: `¤µ¦~` is Big5 今年).
#: A UTF-8 lead byte of a CJK codec's character read as cp1252 or Latin-1, and a byte that may
#: follow it (ASCII from "@", or another high byte).
_LATIN_LEAD = "".join(map(chr, range(0x81, 0xFF))) + _CP1252_HIGH
_LATIN_FOLLOW = "".join(map(chr, range(0x40, 0x7F))) + "".join(map(chr, range(0x80, 0x100))) + _CP1252_HIGH
_LATIN_PAIR = pair_pattern([(_LATIN_LEAD, _LATIN_FOLLOW)])
_LATIN_RUN_RE = re.compile(f"(?:{_LATIN_PAIR}){{2,}}")
#: Where ``_LATIN_RUN_RE`` finds a run, this finds its first two pairs: the same documents. The
#: prescreen is the same test as one compiled pass (a pattern that opens with a class is slow).
_LATIN_RUN_HINT_RE = re.compile(f"(?:{_LATIN_PAIR}){{2}}")
_LATIN_RUN_SCREEN = PairScreen([(_LATIN_LEAD, _LATIN_FOLLOW)], repeat=2)
_CP1252_SPECIALS = {ch: ch.encode("cp1252")[0] for ch in _CP1252_HIGH}
#: The legacy codecs whose bytes are tried, and the name the message gives them.
LATIN_READ_CJK_CODECS = (("gb18030", "GBK"), ("big5", "Big5"))
#: Share of the repaired characters that must be common hanzi (as E002's repairs: at 0.7 the
#: short GBK runs of a real dev page, `ÎÄ¼þ` for 文件, are missed and left to E001 to garble).
_MIN_COMMON_LATIN = 0.6


def _latin_read_cjk_of(doc: Document) -> list[tuple[int, int, str, str]]:
    """``latin_read_cjk`` of a document, computed once for E001 and E009."""
    if "_latin_read_cjk" not in doc.meta:
        doc.meta["_latin_read_cjk"] = latin_read_cjk(doc.text)
    return doc.meta["_latin_read_cjk"]


def latin_read_cjk(text: str) -> list[tuple[int, int, str, str]]:
    """Runs of ``text`` that are GBK or Big5 bytes read as cp1252 or latin-1, as
    ``(start, end, repaired text, codec name)``: the run's bytes decode without error and read as
    common Chinese characters and Chinese punctuation (real Latin-1 text — `Grüße`, `ÞÆÐ` — does
    not). Runs of two such characters or more are judged alone. On a text where they found
    ``PAGE_EVIDENCE`` characters in a codec — a text written in it — the rest is judged with
    that evidence: a run whose characters are rarer (a name: `Àî·æ`, 李锋), and a single
    character between digits or spaces (`2017Äê2ÔÂ`: 年 and 月) when it reads as a common one."""
    if text.isascii():
        return []
    found: list[tuple[int, int, str, str]] = []
    doubtful: list[tuple[int, int, bytes]] = []  # runs that read as Chinese only with evidence
    words: tuple[list[int], list[int]] | None = None
    utf8: dict[tuple[int, int], bool] = {}  # by the words around a run: runs of one word share them
    evidence: dict[str, int] = {}  # codec -> letters repaired in runs judged alone
    as_utf8: list[tuple[int, int, bytes]] = []  # runs whose bytes are valid UTF-8 too
    for m in _LATIN_RUN_RE.finditer(text):
        data = _latin_bytes(m.group())
        if len(set(data)) == 1:
            # One symbol repeated (`»»»»»»`, `¤¤¤¤`): a decoration, not 换换换 or いいい; but on a
            # page written in GBK, `¡¡¡¡` is its indent (two ideographic spaces).
            doubtful.append((m.start(), m.end(), data))
            continue
        if words is None:
            words = _words(text)
        span = _word_span(words, m.start(), m.end())
        if span not in utf8:
            utf8[span] = _reads_as_utf8(text[span[0]:span[1]])
        if utf8[span]:
            # UTF-8 read as cp1252 (E001's): far likelier than GBK when its bytes are valid
            # UTF-8 — unless the page is written in GBK (see below).
            as_utf8.append((m.start(), m.end(), data))
            continue
        for codec, label in LATIN_READ_CJK_CODECS:
            try:
                repaired = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _reads_as_chinese(repaired, 2, _min_common_latin(data)):
                found.append((m.start(), m.end(), repaired, label))
                evidence[label] = evidence.get(label, 0) + cjk_commonness(repaired)[0]
                break
        else:
            doubtful.append((m.start(), m.end(), data))
    label = max(evidence, key=evidence.get, default=None)
    if label is None or evidence[label] < PAGE_EVIDENCE:
        return found
    codec = next(c for c, name in LATIN_READ_CJK_CODECS if name == label)
    written_in = (evidence[label] >= WRITTEN_IN_EVIDENCE
                  and sum(len(data) // 2 for _, _, data in as_utf8) * UTF8_SHARE <= evidence[label])
    if written_in:
        # A page written in GBK: a run whose bytes happen to be valid UTF-8 too (`Æ¬`, 片, reads
        # as UTF-8 `Ƭ`; `Ñ§Ôº`, 学院, as `ѧԺ`) is GBK like the rest, when it reads as common
        # Chinese as a run judged alone must.
        for start, end, data in as_utf8:
            try:
                repaired = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _reads_as_chinese(repaired, 2, _min_common_latin(data)):
                found.append((start, end, repaired, label))
        # A run judged alone in the other codec is the page's too when the page's codec reads it
        # as its symbols: GBK's box drawing and arrows (`←────┬` as `¡û©¤©¤©¤©¤©Ð`) hold no
        # letter, so that alone they read better as Big5 (`↘岸岸岸岸房`).
        for k, (start, end, repaired, name) in enumerate(found):
            if name != label:
                try:
                    own = _latin_bytes(text[start:end]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if all(ch in _WRITTEN_MARKS or ch.isascii() or HAN_RE.match(ch) for ch in own):
                    found[k] = (start, end, own, label)
    for start, end, data in doubtful:
        try:
            repaired = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _stands_alone(text, start, end, data, repaired):
            continue
        min_common = _MIN_COMMON_WRITTEN_IN if written_in else _MIN_COMMON_WITH_EVIDENCE
        if _reads_as_chinese(repaired, 1, min_common) or _CJK_PUNCTUATION.issuperset(repaired) or (
                written_in and _WRITTEN_MARKS.issuperset(repaired)):
            found.append((start, end, repaired, label))
    common = common_cjk_re()
    for m in _LATIN_ONE_RE.finditer(text):
        data = _latin_bytes(m.group())
        if data[0] == data[1] and not written_in and (data != _GBK_IDEOGRAPHIC_SPACE or codec != "gb18030"):
            continue  # (a symbol doubled, `»»`, is a decoration; `¡¡` is GBK's ideographic space, and
            # on a page written in GBK throughout, `ÐÐ` is 行)
        try:
            repaired = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _stands_alone(text, m.start(), m.end(), data, repaired):
            continue
        span = _word_span(words, m.start(), m.end())
        if span not in utf8:
            utf8[span] = _reads_as_utf8(text[span[0]:span[1]])
        if utf8[span] and not (written_in and HAN_RE.fullmatch(repaired)):
            continue  # (valid UTF-8 too: UTF-8's, unless the page is written in GBK, `Í£` 停)
        if common.fullmatch(repaired) or repaired in _CJK_PUNCTUATION or (
                written_in and (HAN_RE.fullmatch(repaired) or repaired in _CJK_SYMBOLS)):
            found.append((m.start(), m.end(), repaired, label))
    found.sort()
    return found


#: Chinese punctuation, full-width forms and the symbols of GB2312's first rows (`◎` before the
#: fields of a film's record, `★`, `※`, arrows): what GBK and Big5 text holds besides its letters.
_CJK_PUNCTUATION = frozenset("“”‘’…—·◎○●★☆◇◆□■△▲※→←↑↓〓") | frozenset(
    chr(c) for lo, hi in CJK_PUNCTUATION_RANGES + FULL_WIDTH_ASCII_RANGES for c in range(lo, hi + 1))
#: Letters repaired in runs judged alone that make a text one written in a CJK codec, and the
#: share of common ones its other runs then need.
PAGE_EVIDENCE = 2
#: Letters repaired in runs judged alone that make a page one written in a CJK codec throughout,
#: where a run that is valid UTF-8 too is read in that codec (``latin_read_cjk``), while the
#: runs that are valid UTF-8 hold at most one pair of bytes for ``UTF8_SHARE`` such letters.
WRITTEN_IN_EVIDENCE = 20
UTF8_SHARE = 10
_MIN_COMMON_WITH_EVIDENCE = 0.3
#: ... and on a page written in that codec throughout (``WRITTEN_IN_EVIDENCE``), where a run of
#: high bytes standing alone is its text, whatever its letters (`◎视频尺寸`, one of four in the
#: list; a name): on the GBK pages of ``bench/cjk_mojibake.py``, 25 of 37 came back exactly with
#: 20 % common letters asked, 30 with none, and no clean body drew an encoding finding.
_MIN_COMMON_WRITTEN_IN = 0.0
#: The box drawing and arrows of GB2312's row 9 and row 1 (tables and diagrams of Chinese pages):
#: read as the page's symbols on a page written in GBK, never as evidence of it; with the
#: punctuation, what such a page holds besides its letters.
_CJK_SYMBOLS = frozenset("←↑→↓↖↗↘↙") | frozenset(
    chr(c) for lo, hi in BOX_DRAWING_RANGES for c in range(lo, hi + 1))
_WRITTEN_MARKS = _CJK_PUNCTUATION | _CJK_SYMBOLS
#: GBK's ideographic space (U+3000), the indent of a Chinese paragraph: `¡¡` read as latin-1.
_GBK_IDEOGRAPHIC_SPACE = b"\xa1\xa1"
#: A lone lead-and-trail pair, between characters that no pair holds (digits, spaces, ASCII).
_LATIN_ONE_RE = re.compile(f"(?<![{re.escape(_LATIN_LEAD)}]){_LATIN_PAIR}(?![{re.escape(_LATIN_LEAD)}])")


#: A run of this many high bytes in a row, none of them ASCII, is no European word (whose accented
#: letters sit between ASCII ones): its repair needs only ``_MIN_COMMON_LONG_RUN`` common letters.
LONG_HIGH_RUN = 6
_MIN_COMMON_LONG_RUN = 0.4


def _min_common_latin(data: bytes) -> float:
    """The share of common letters a run's repair needs (``_MIN_COMMON_LATIN``, less for a long
    run of high bytes only)."""
    return _MIN_COMMON_LONG_RUN if len(data) >= LONG_HIGH_RUN and min(data) >= 0x80 else _MIN_COMMON_LATIN


def _stands_alone(text: str, start: int, end: int, data: bytes, repaired: str) -> bool:
    """Whether ``text[start:end]`` (bytes ``data``, ``repaired`` in the page's codec) can be
    judged on the page's evidence: all its bytes are high ones (the common hanzi of GBK and Big5
    have no ASCII byte; a European word mixes its accented letters with ASCII ones), and no
    letter touches it on a side where its repair has no punctuation (`é` and `g` of `église` are
    a pair inside a word; `£¨` before `Mutizen` is a bracket, "（Mutizen")."""
    if min(data) < 0x80:
        return False
    if start and text[start - 1].isalpha() and repaired[0] not in _CJK_PUNCTUATION:
        return False
    return not (end < len(text) and text[end].isalpha() and repaired[-1] not in _CJK_PUNCTUATION)


def _reads_as_chinese(repaired: str, min_letters: int, min_common: float) -> bool:
    """Whether a run's repair reads as Chinese: ``min_letters`` CJK letters or more, of which
    ``min_common`` common, and besides them Chinese punctuation, full-width forms or ASCII, with
    at most one other character for four letters."""
    letters, common = cjk_commonness(repaired)
    if letters < min_letters or common < min_common * letters:
        return False
    others = sum(1 for ch in repaired if not ch.isascii() and ch not in _CJK_PUNCTUATION) - letters
    return others * 4 <= letters


def _latin_bytes(s: str) -> bytes:
    return bytes(_CP1252_SPECIALS.get(ch, ord(ch)) for ch in s)


_WORD_RE = re.compile(r"\S+")


def _words(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the runs of non-space characters of ``text``."""
    starts, ends = [], []
    for m in _WORD_RE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _word_span(words: tuple[list[int], list[int]], start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved out to the spaces around them (the words they are in)."""
    starts, ends = words
    i = bisect.bisect_right(starts, start - 1) - 1
    if start > 0 and i >= 0 and ends[i] > start - 1:
        start = starts[i]
    j = bisect.bisect_right(starts, end) - 1
    if j >= 0 and ends[j] > end:
        end = ends[j]
    return start, end


def _reads_as_utf8(span: str) -> bool:
    """Whether ``span`` (the words around a run), taken back to bytes, is valid UTF-8 with
    non-ASCII characters in it (`HÄ±rsÄ±zÄ±` is Turkish, `×¢×‘×¨×™×ª` Hebrew)."""
    if any(ord(ch) > 0xFF and ch not in _CP1252_SPECIALS for ch in span):
        return False
    try:
        return not _latin_bytes(span).decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False

_DIFF_LIMIT = 5000  # longer lines get one edit, trimmed to the changed middle
_LONG_LINE = 20_000  # past this, ftfy gets a window of _WINDOW characters each side of a hit
_WINDOW = 300


@lru_cache(maxsize=1)
def _ftfy_config():
    import ftfy  # imported on the first suspicious line: clean text never pays for it

    # Only the encoding repair steps: no quote uncurling, width folding, normalization, HTML
    # unescaping, line-break or control-character changes; no lossy replacement of sequences.
    return ftfy, ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


_WORD_CHAR_RE = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")


_ASCII_OR_NOT_RE = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _trimmed(old: str, new: str, a0: int, a1: int, b0: int, b1: int) -> list[int]:
    """``old[a0:a1]`` vs ``new[b0:b1]`` without their common prefix and suffix."""
    while a0 < a1 and b0 < b1 and old[a0] == new[b0]:
        a0, b0 = a0 + 1, b0 + 1
    while a1 > a0 and b1 > b0 and old[a1 - 1] == new[b1 - 1]:
        a1, b1 = a1 - 1, b1 - 1
    return [a0, a1, b0, b1]


def _aligned_changes(old: str, new: str) -> list[list[int]] | None:
    """The changes of a repair that kept every ASCII character (nearly all do): the runs of
    ASCII and non-ASCII text pair up one to one, so no diff is needed (difflib is 10x slower
    than ftfy itself). None when the ASCII text differs."""
    old_parts, new_parts = _ASCII_OR_NOT_RE.findall(old), _ASCII_OR_NOT_RE.findall(new)
    if len(old_parts) != len(new_parts):
        return None
    changes = []
    a = b = 0
    for x, y in zip(old_parts, new_parts, strict=True):
        if x != y:
            if x.isascii() or y.isascii():
                return None
            changes.append(_trimmed(old, new, a, a + len(x), b, b + len(y)))
        a, b = a + len(x), b + len(y)
    return changes


def _changed_spans(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """``(old_start, old_end, new_start, new_end)`` of the stretches that differ, each grown to
    the Latin word around it ("CafÃ©" → "Café" reads better than "Ã©" → "é"), and never with an
    empty side ("Â©" → "©", not "Â" → ""). Growth stays inside the text both strings share."""
    raw = _aligned_changes(old, new)
    if raw is None:
        if len(old) > _DIFF_LIMIT:
            raw = [_trimmed(old, new, 0, len(old), 0, len(new))]
        else:
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
            raw = [[a0, a1, b0, b1] for tag, a0, a1, b0, b1 in matcher.get_opcodes() if tag != "equal"]
    grown: list[list[int]] = []
    for i, (a0, a1, b0, b1) in enumerate(raw):
        left = raw[i - 1][1] if i else 0
        right = raw[i + 1][0] if i + 1 < len(raw) else len(old)
        while a0 > left and _WORD_CHAR_RE.match(old, a0 - 1):
            a0, b0 = a0 - 1, b0 - 1
        while a1 < right and _WORD_CHAR_RE.match(old, a1):
            a1, b1 = a1 + 1, b1 + 1
        if a0 == a1 or b0 == b1:
            if a1 < right:
                a1, b1 = a1 + 1, b1 + 1
            elif a0 > left:
                a0, b0 = a0 - 1, b0 - 1
        if grown and a0 <= grown[-1][1]:
            grown[-1][1], grown[-1][3] = a1, b1
        else:
            grown.append([a0, a1, b0, b1])
    return [tuple(g) for g in grown]


class Mojibake(Rule):
    """UTF-8 text that was decoded as a single-byte codec (`doesnâ€™t`, `CafÃ©`, `РџСЂРёРІРµС‚`).

    ## What it does
    Looks for the signature of UTF-8 read as a single-byte codec — a UTF-8 lead byte seen as
    `Ã`, `â`, `ä`… followed by a continuation byte seen as `©`, `€`, `™`…, or C1 control
    characters, as cp1252 and latin-1 show them; the same pairs as the Cyrillic and Central
    European Windows code pages, Mac Roman, the DOS code page and Latin-2 show them (`Рµ`, `Ă©`,
    `√©`, `╨┐`), or a lead byte whose continuation was lost (`Ä�`) — and runs ftfy's encoding
    repair on the lines that have it (text misread twice, `Г‚ВЈ` for `£`, is undone step by step). Only the encoding
    steps run: quotes stay curly, full-width characters stay full-width, nothing is normalized,
    and a repair may change only characters that the codec ftfy re-encodes with (a single-byte
    codec) can produce, so CJK text and its punctuation (`“”`, `「」`, `，`) are never touched,
    and neither is Cyrillic or Greek text that was decoded right. A misread character whose last
    byte was already lost (`â€�`) becomes one U+FFFD, the mark of one lost character, which E003
    reports.

    ## Why is this bad?
    Mojibake turns every accented letter, curly quote and dash into two or three junk characters:
    words stop matching, tokenizers split them into rare pieces, and readers see garbage.

    ## Fix (safe)
    The bytes are recovered and decoded as UTF-8; the message gives ftfy's plan, for example
    `encode sloppy-windows-1252, decode utf-8`.
    """

    code = "E001"
    scope = "text"
    name = "mojibake"
    category = "encoding"
    fix_applicability = SAFE
    flags = (
        "It doesnâ€™t work.\n",
        "CafÃ© au lait\n",
        "He said â€œyesâ€\x9d and left.\n",
        "标题：ä¸­æ–‡ç½‘é¡µ\n",
        "Â© 2024 Example Media\n",
        "РџСЂРёРІРµС‚, РјРёСЂ\n",
        "Cr√®me br√ªl√©e\n",
        "DobrĂ˝ den, pĹ™Ă\xadteli\n",
        "╨ù╨┤╤Ç╨░╨▓╤ü╤é╨▓╤â╨╣╤é╨╡\n",
        "Tickets cost Г‚ВЈ12 at the door.\n",  # misread twice: as Latin-1, then as cp1251
        "Moja koÄ\ufffdka je doma.\n",  # the lead byte of `č`, its second byte lost
    )
    passes = (
        "It doesn’t work.\n",
        "Российская Федерация (РФ) и Сербия подписали соглашение.\n",
        "Dobrý den, příteli. Žluťoučký kůň úpěl ďábelské ódy.\n",
        "√2 ≈ 1.414, and “Ä” is a letter.\n",
        "Рівне — місто на заході України.\n",
        "Ăsta e un test în limba română, ăla e altul.\n",
        "╔═══╗ box ║ art ╚═══╝\n",
        "Café au lait, naïve «résumé».\n",
        "他说：“今天的会议取消了。”「好的」，她回答。\n",
        "臺灣的鐵路系統歷史悠久，車站建築頗具特色。\n",
        "ＡＢＣ全角字母和１２３全角数字保持不变。\n",
        "SÃO PAULO e MANAUS\n",
    )
    fixes = (
        ("It doesnâ€™t work.\n", "It doesn’t work.\n"),
        ("CafÃ© au lait\n", "Café au lait\n"),
        ("他说“ä¸­æ–‡”很难。\n", "他说“中文”很难。\n"),
        ("РџСЂРёРІРµС‚, РјРёСЂ\n", "Привет, мир\n"),
        ("Cr√®me br√ªl√©e\n", "Crème brûlée\n"),
        ("He said â€œyesâ€\ufffd and left.\n", "He said “yes\ufffd and left.\n"),
        ("Tickets cost Г‚ВЈ12 at the door.\n", "Tickets cost £12 at the door.\n"),
        ("Moja koÄ\ufffdka je doma.\n", "Moja ko\ufffdka je doma.\n"),
    )

    prescreen = AnyScreen(
        CharScreen(((0x80, 0x9F), (0xC2, 0xF4)), then=_MOJIBAKE_HINT_RE),  # the hint's first character
        PairScreen(_OTHER_CODECS_PAIRS),  # _OTHER_CODECS_HINT_RE
    )

    def check(self, doc: Document):
        text = doc.text
        ftfy, config = _ftfy_config()
        runs = _latin_read_cjk_of(doc)  # E009's: bytes of another codec (in order, disjoint)
        claimed_starts, claimed_ends = [a for a, _, _, _ in runs], [b for _, b, _, _ in runs]
        for start, end in _segments(text, _ANY_MOJIBAKE_HINT_RE):
            segment = text[start:end]
            fixed, plan = ftfy.fix_and_explain(segment, config)
            if fixed == segment:
                continue
            how = ", ".join(f"{step.action} {step.parameter}" for step in plan or ())
            # The first codec encoded the text as it stands; later steps work on what it gave.
            codec = next((step.parameter for step in plan or () if step.action == "encode"), None)
            for a0, a1, b0, b1 in _changed_spans(segment, fixed):
                if not (_SINGLE_BYTE_RE.fullmatch(segment, a0, a1) or _encodes(segment[a0:a1], codec)):
                    continue  # the repair would touch characters no single-byte codec produces
                old, new = segment[a0:a1], fixed[b0:b1]
                s, e = start + a0, start + a1
                k = bisect.bisect_left(claimed_starts, e) - 1  # the last run that starts before e
                if k >= 0 and claimed_ends[k] > s:
                    continue
                yield self.finding(
                    s, e, f"mojibake \"{_snippet(old)}\" should read \"{_snippet(new)}\"",
                    fix=self.make_fix(f"Repair mojibake ({how})", [Edit(s, e, new)]),
                )


def _encodes(text: str, codec: str | None) -> bool:
    """Whether ``text`` is made of characters that ``codec`` (the single-byte codec a repair plan
    encoded the text with first) can write: what that codec can have produced from bytes."""
    if codec is None:
        return False
    try:
        text.replace("\ufffd", "").encode(codec)  # U+FFFD: a byte already lost, marked once by the repair
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _segments(text: str, hint: re.Pattern[str]) -> list[tuple[int, int]]:
    """The lines that hold a hit of ``hint``; on a very long line (a whole page without line
    breaks) only a window of words around each hit, so ftfy never gets megabytes at once."""
    out: list[tuple[int, int]] = []
    for m in hint.finditer(text):
        pos = m.start()
        if out and pos < out[-1][1]:
            continue
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if end - start > _LONG_LINE:
            start = max(start, text.rfind(" ", start, max(start, pos - _WINDOW)) + 1)
            cut = text.find(" ", min(end, m.end() + _WINDOW), end)
            end = end if cut < 0 else cut
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


# --- E002 ------------------------------------------------------------------------------------
# Double-byte codecs that UTF-8 text gets misread as: (codec, codecs to encode back with, label).
CJK_MOJIBAKE_CODECS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("gb18030", ("gb18030",), "GBK/GB18030"),
    ("big5", ("big5", "cp950"), "Big5"),
)
_NON_ASCII_RUN_RE = re.compile("[^\x00-\x7f\ud800-\udfff]+")  # undecodable bytes (E008) end a run
_MIN_COMMON = 0.6  # share of common letters the repaired run must have
_MIN_GAIN = 0.3  # and how much more than the damaged run


@lru_cache(maxsize=1)
def _lead_pair_re() -> re.Pattern[str]:
    """A pattern for ``_lead_pair_chars``."""
    return re.compile("[" + re.escape(_lead_pair_chars()) + "]")


@lru_cache(maxsize=1)
def _lead_pair_chars() -> str:
    """The characters the codecs above make of a UTF-8 lead byte of a 3-byte character
    (0xE2-0xEF) followed by a continuation byte: at least one in every two misread CJK
    characters, and rare in real text (GB2312 level 2, GBK extensions, Big5 level 2). The few
    common ones (`於`, `電`, `隊`: a quarter of the hits in traditional text) are left out."""
    common = common_cjk_re()
    chars = set()
    for codec, _, _ in CJK_MOJIBAKE_CODECS:
        for lead in range(0xE2, 0xF0):
            for trail in range(0x80, 0xC0):
                try:
                    ch = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and not common.match(ch):
                    chars.add(ch)
    return "".join(sorted(chars))


@lru_cache(maxsize=1)
def _lead_pair_screen() -> CharScreen:
    """``_lead_pair_chars`` as a compiled screen (one pass, stops at the first)."""
    return CharScreen(tuple((ord(c), ord(c)) for c in _lead_pair_chars()))


def _has_lead_pair(text: str) -> bool:
    """E002's prescreen: a character of ``_lead_pair_re`` (built on first use)."""
    return _lead_pair_screen()(text)


_LOST_RE = re.compile("\ufffd+")


def _encode_part(text: str, codec: str) -> bytes:
    if codec == "gb18030" and "€" in text:
        return b"\x80".join(part.encode(codec) for part in text.split("€"))
    return text.encode(codec)


def _round_trip(run: str, encoders: tuple[str, ...]) -> tuple[str, bool] | None:
    """``run`` encoded back to its bytes and decoded as UTF-8: ``(text, lossless)``, or None when
    the run holds characters the codec cannot have produced. ``€`` is the byte 0x80 (Windows
    code page 936 reads it so); U+FFFD, where the misreading lost bytes, becomes an invalid byte,
    and each damaged place comes back as one U+FFFD."""
    for codec in encoders:
        try:
            data = b"\xff".join(_encode_part(part, codec) for part in run.split("\ufffd"))
            break
        except UnicodeEncodeError:
            continue
    else:
        return None
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        return _LOST_RE.sub("\ufffd", data.decode("utf-8", "replace")), False


class CjkMojibake(Rule):
    """UTF-8 text that was decoded as GBK/GB18030 or Big5 (`浣犲ソ` for `你好`).

    ## What it does
    Finds runs of CJK characters that are UTF-8 bytes misread by a Chinese double-byte codec.
    A run is a candidate when it holds the characters such a misreading makes of a UTF-8 lead
    byte (`浣`, `鐨`, `锛`, `銆`, `鈥`…); it is reported when encoding it back with that codec
    gives valid UTF-8 whose text is mostly common characters while the run itself is mostly rare
    ones (commonness: a frequency list of hanzi, kana and hangul). On a line whose repaired runs
    are plainly text, shorter runs (Korean words between spaces) need less evidence of their own.
    Real Chinese, Japanese and Korean text does not round-trip into valid UTF-8 that reads as
    text, so it is not flagged.

    ## Why is this bad?
    The text is unreadable and every character in it is wrong: it poisons search, deduplication
    and any model trained on it, yet looks like Chinese to a script-based filter.

    ## Fix (safe when lossless)
    The run is encoded with the codec it was misread with and decoded as UTF-8; the message names
    the round-trip. When the misreading lost bytes (U+FFFD, or bytes dropped), the repair puts
    U+FFFD where characters are gone and is unsafe.
    """

    code = "E002"
    name = "cjk-mojibake"
    category = "encoding"
    fix_applicability = SAFE
    flags = (
        "浣犲ソ锛屼笘鐣岋紒\n",  # 你好，世界！
        "鏂伴椈鍙戝竷浼氬皢鍦ㄦ槑澶╀笂鍗堜妇琛屻\ufffd\ufffd\n",  # 新闻发布会将在明天上午举行。 (lossy)
        "Title: 涓\ue15e浗缁忔祹鎸佺画澧為暱\n",  # 中国经济持续增长
    )
    passes = (
        "你好，世界！\n",
        "新闻发布会将在明天上午举行。\n",
        "臺灣的鐵路系統歷史悠久，車站建築頗具特色。\n",
        "東京の天気は明日から崩れる見込みです。\n",
        "서울의 날씨는 내일부터 흐려질 전망입니다.\n",
        "涓涓细流汇成江河，浣溪沙是词牌名。\n",
    )
    fixes = (
        ("浣犲ソ锛屼笘鐣岋紒\n", "你好，世界！\n"),
        ("Title: 涓\ue15e浗缁忔祹鎸佺画澧為暱\n", "Title: 中国经济持续增长\n"),
    )

    prescreen = staticmethod(_has_lead_pair)

    def check(self, doc: Document):
        text = doc.text
        gate = _lead_pair_re()
        if gate.search(text) is None:
            return
        done_until = -1
        for hit in gate.finditer(text):
            pos = hit.start()
            if pos < done_until:
                continue
            # The hit's line, found with two C-level searches (no line index needed).
            line_start = text.rfind("\n", 0, pos) + 1
            done_until = text.find("\n", pos)
            if done_until < 0:
                done_until = len(text)
            yield from self._check_span(text, line_start, done_until, gate)

    def _check_span(self, text: str, start: int, end: int, gate: re.Pattern[str]):
        # Each run is judged alone; a line whose repaired runs are plainly text lends its
        # evidence to its short runs (Korean words between spaces are two or three letters).
        repairs = []
        for m in _NON_ASCII_RUN_RE.finditer(text, start, end):
            run = m.group()
            if len(run) < 2:
                continue
            marks = len(gate.findall(run))
            if not marks or marks * 10 < len(run):
                continue  # real traditional text has a few such characters; mojibake has many
            repair = _best_repair(run, marks)
            if repair is not None:
                repairs.append((m, repair))
        letters = sum(r.letters for _, r in repairs)
        common = sum(r.common for _, r in repairs)
        line_is_mojibake = letters >= 6 and common >= 0.75 * letters
        for m, r in repairs:
            lent = line_is_mojibake and r.text.count("\ufffd") < r.letters
            if not (r.convincing or lent):
                continue
            s, e = m.span()
            how = f"encode {r.codec}, decode utf-8"
            if r.lossless:
                confident = r.letters >= 3 or r.after >= 0.9
                app = SAFE if confident else UNSAFE
                fix_msg = f"Repair by round-trip ({how})"
                confidence = 0.95 if confident else 0.8
            else:
                lost = r.text.count("\ufffd")
                app = UNSAFE
                lost_chars = f"{lost} character{'s' * (lost != 1)}"
                fix_msg = f"Repair by round-trip ({how}); lossy: {lost_chars} could not be recovered"
                confidence = 0.7
            yield self.finding(
                s, e,
                f"UTF-8 text misread as {r.label}: \"{_snippet(m.group())}\" should read \"{_snippet(r.text)}\"",
                fix=self.make_fix(fix_msg, [Edit(s, e, r.text)], app),
                confidence=confidence,
            )


class _Repair(NamedTuple):
    text: str
    lossless: bool
    codec: str
    label: str
    letters: int  # CJK letters of the repaired text
    common: int  # how many of them are common
    after: float  # common / letters
    convincing: bool  # enough on its own


def _best_repair(run: str, marks: int) -> _Repair | None:
    """The round-trip of ``run`` whose result is most plainly text, if it is text at all."""
    before = None
    # Mojibake's own "common" characters are chance hits; its lead-pair marks are not.
    gain_needed = _MIN_GAIN if marks * 4 < len(run) else _MIN_GAIN / 2
    best = None
    for codec, encoders, label in CJK_MOJIBAKE_CODECS:
        result = _round_trip(run, encoders)
        if result is None:
            continue
        repaired, lossless = result
        lost = 0 if lossless else repaired.count("\ufffd")
        if lost > max(1, len(repaired) // 4):
            continue  # real text decodes to little but U+FFFD: the usual case, decided cheaply
        letters1, common1 = cjk_commonness(repaired)
        if letters1 < 1 or lost > max(1, letters1 // 4):
            continue
        if before is None:
            letters0, common0 = cjk_commonness(run)
            before = common0 / letters0 if letters0 else 0.0
        after = common1 / letters1
        if after - before < gain_needed or after < 0.5:
            continue
        convincing = letters1 >= 2 and after >= _MIN_COMMON
        if best is None or after > best.after:
            best = _Repair(repaired, lossless, codec, label, letters1, common1, after, convincing)
    return best


# --- E003 ------------------------------------------------------------------------------------
_REPLACEMENT_RE = re.compile("\ufffd+")


class ReplacementCharacter(Rule):
    """U+FFFD REPLACEMENT CHARACTER: bytes a decoder could not read.

    ## What it does
    Finds runs of `�` (U+FFFD), which a decoder writes in place of bytes that are invalid in
    the codec it used.

    ## Why is this bad?
    The original characters are gone: the text has holes, and no tool can say what stood there.
    The damage happened upstream (a scraper decoding with the wrong codec or with
    `errors="replace"`); the document is incomplete and may be better dropped or re-fetched.

    ## Fix
    None: the information is lost.
    """

    code = "E003"
    scope = "text"
    name = "replacement-character"
    category = "encoding"
    severity = Severity.ERROR
    flags = ("The caf\ufffd is closed.\n", "中文\ufffd\ufffd内容\n")
    passes = ("The café is closed.\n", "中文内容\n")

    prescreen = ("\ufffd",)

    def check(self, doc: Document):
        text = doc.text
        for m in _REPLACEMENT_RE.finditer(text):
            n = m.end() - m.start()
            yield self.finding(
                m.start(), m.end(),
                f"{n} replacement character{'s' * (n > 1)} (U+FFFD): characters were lost in decoding",
            )


# --- E004 ------------------------------------------------------------------------------------
_GARBAGE_RE = re.compile(
    "|".join(
        f"(?:{re.escape(text)}){{{repeats},}}" if len(text) == 1 else f"(?:{re.escape(text)})+"
        for text, repeats, _ in LOSSY_GARBAGE
    )
)
_GARBAGE_ORIGIN = {text: origin for text, _, origin in LOSSY_GARBAGE}
_OPEN_QUOTES = "“「『\"'‘《"
_CLOSE_QUOTES = "”」』\"'’》"


class LossyGarbage(Rule):
    """Known garbage of lossy decoding: `锟斤拷`, `烫烫烫`, `屯屯屯`.

    ## What it does
    Finds the character runs that broken decoding is known to leave: `锟斤拷` (two U+FFFD
    characters, already a sign of lost bytes, encoded as UTF-8 and read back as GBK; `嚙踝蕭`
    and `占쏙옙` are the same in Big5 and EUC-KR), and runs of three or more `烫`, `屯` or `葺`
    (memory filled with 0xCC, 0xCD or 0xDD by MSVC debug builds, printed as GBK). A single `烫`
    is a real word (`烫伤`) and is not flagged.

    ## Why is this bad?
    The characters that stood there are lost for good; the garbage looks like Chinese, so it
    survives script and language filters and ends up in training data and search indexes.

    ## Fix
    None: the original text cannot be recovered.
    """

    code = "E004"
    scope = "text"
    name = "lossy-garbage"
    category = "encoding"
    severity = Severity.ERROR
    flags = ("文件名：锟斤拷锟斤拷.txt\n", "输出结果烫烫烫烫烫烫烫\n", "缓冲区内容屯屯屯屯\n", "資料嚙踝蕭嚙踝蕭\n")
    passes = ("小心烫伤，水很烫。\n", "屯兵边境，囤积粮草。\n", "修葺一新的老宅。\n", "好烫烫！\n")

    prescreen = tuple(unit * repeats for unit, repeats, _ in LOSSY_GARBAGE)  # a C-speed pass each

    def check(self, doc: Document):
        text = doc.text
        for m in _GARBAGE_RE.finditer(text):
            found = m.group()
            unit = next(t for t, _, _ in LOSSY_GARBAGE if found.startswith(t))
            count = len(found) // len(unit)
            confidence = 0.99 if len(unit) > 1 else (0.95 if count >= 5 else 0.75)
            s, e = m.span()
            if s and e < len(text) and text[s - 1] in _OPEN_QUOTES and text[e] in _CLOSE_QUOTES:
                confidence = 0.4  # “锟斤拷” in quotes: more likely an article about the garbage
            yield self.finding(
                s, e,
                f"lossy-decoding garbage \"{_snippet(found)}\": {_GARBAGE_ORIGIN[unit]}; the original text is lost",
                confidence=confidence,
            )


# --- E005 ------------------------------------------------------------------------------------
_QUESTION_RUN_RE = re.compile(f"(?<=[{CJK}])\\?{{2,}}(?=[{CJK}])")
# Half-width punctuation between CJK letters: in such text "??" is more likely punctuation.
_HALF_WIDTH_PUNCT_RE = re.compile(f"[{CJK}][,;:!][{CJK}]")
# What ends a question: "真的吗??我不信" is punctuation, not loss.
_QUESTION_FINAL = set("吗嗎呢吧么麼嘛啊呀哇啦哪谁誰何かのねよ까니나요죠냐")
_QUESTION_WORD_RE = re.compile(
    "什么|什麼|甚麼|怎么|怎麼|怎样|怎樣|为什么|為什麼|为何|為何|如何|哪|谁|誰|几|幾|多少|是否|难道|難道|"
    "吗|嗎|呢|どう|なぜ|何|무엇|왜|어떻게|누구|언제|어디"
)
_CLAUSE_BREAK_RE = re.compile(r"[\s，。！？、；：,.!;:\"“”「」]")


class QuestionMarkRun(Rule):
    """Runs of `?` inside CJK text, where characters were lost (`中国??人民`).

    ## What it does
    Finds two or more ASCII question marks with CJK letters on both sides. An encoder writing a
    legacy codec with `errors="replace"` (or a database column in the wrong charset) turns each
    character it cannot represent into `?`. A run after a question (`真的吗??我不信`, a clause
    with a question word) and runs in text that uses half-width punctuation are left alone.

    ## Why is this bad?
    The characters that stood there are lost; the sentence is incomplete and may say something
    else than it did.

    ## Fix
    None: the original characters cannot be recovered.
    """

    code = "E005"
    scope = "text"
    name = "question-mark-run"
    category = "encoding"
    severity = Severity.ERROR
    flags = ("中国??人民银行宣布降准。\n", "会议在??市举行，代表???人出席。\n")
    passes = (
        "真的吗??我不信。\n",
        "你到底去了哪里??快回来。\n",
        "真的吗??\n",
        "What?? No way.\n",
        "他说:好的,我马上到!你呢??我在路上,很快!\n",
    )

    prescreen = ("??",)

    def check(self, doc: Document):
        text = doc.text
        candidates = []
        for m in _QUESTION_RUN_RE.finditer(text):
            if text[m.start() - 1] in _QUESTION_FINAL:
                continue
            clause_start = m.start()
            limit = max(0, m.start() - 30)
            while clause_start > limit and not _CLAUSE_BREAK_RE.match(text, clause_start - 1):
                clause_start -= 1
            if _QUESTION_WORD_RE.search(text, clause_start, m.start()):
                continue
            candidates.append(m)
        if not candidates or len(_HALF_WIDTH_PUNCT_RE.findall(text)) >= 2:
            return
        more = "\ufffd" in text or len(candidates) >= 3
        for m in candidates:
            n = m.end() - m.start()
            confidence = (0.75 if n >= 3 else 0.6) + (0.15 if more else 0.0)
            yield self.finding(
                m.start(), m.end(),
                f"{n} question marks inside CJK text: probably {n} lost character{'s' * (n > 1)}",
                confidence=confidence,
            )


# --- E006 ------------------------------------------------------------------------------------
_SIGNATURES = [(re.compile(pattern), lost, repl) for pattern, lost, repl in LOSSY_SIGNATURES]


class LossyTagSignature(Rule):
    """A known lossy-damage signature such as `?!?/p>` where `。”</p>` stood.

    ## What it does
    Finds fixed strings that a known lossy conversion leaves. `?!?/p>` is what becomes of
    `。”</p>` when the page was decoded with the wrong codec and written back with replacement:
    the full stop, the closing quote and the `<` of the close tag are gone. The same happens before
    other block close tags (`?!?/div>`, `?!?/li>`). The signatures are a table at the top of
    `rules/encoding.py`, so more can be added.

    ## Why is this bad?
    The sentence loses its punctuation and gains markup debris; the debris breaks sentence
    splitting and leaks into training data.

    ## Fix (safe)
    The signature is replaced with the punctuation that stood there (`。”`); the close tag is
    markup debris and is dropped.
    """

    code = "E006"
    scope = "text"
    name = "lossy-tag-signature"
    category = "encoding"
    severity = Severity.ERROR
    fix_applicability = SAFE
    flags = ("他表示：“这是一次重要的会议?!?/p>\n", "<li>“活动很成功?!?/li>\n")
    passes = ("他表示：“这是一次重要的会议。”\n", "What?!? Really?\n", "Are you sure?!?\n")
    fixes = (
        ("他表示：“这是一次重要的会议?!?/p>\n", "他表示：“这是一次重要的会议。”\n"),
        ("“好?!?/div>“再见?!?/div>\n", "“好。”“再见。”\n"),
    )

    prescreen = ("?/",)

    def check(self, doc: Document):
        text = doc.text
        for pattern, lost, repl in _SIGNATURES:
            for m in pattern.finditer(text):
                s, e = m.span()
                yield self.finding(
                    s, e, f"lossy damage \"{m.group()}\": \"{lost.format(**m.groupdict())}\" stood here",
                    fix=self.make_fix(f"Restore \"{repl}\" in place of \"{m.group()}\"", [Edit(s, e, repl)]),
                )


# --- E007 ------------------------------------------------------------------------------------
class LegacyCjkReadAsLatin(Rule):
    """GBK or Big5 text that was decoded as cp1252 or latin-1 (`ÖÐÎÄ` for `中文`).

    ## What it does
    Finds runs of four or more Latin-1 and cp1252 characters (`¾ÝÐÂ»ªÉç`) whose bytes, taken
    back, decode as GBK (GB18030) or Big5 without an error into common Chinese characters (60 %
    of the letters at least) and Chinese punctuation (`¡°ÕâÊÇÊ²Ã´¡\xad¡\xad¡±`, “这是什么……”).
    European text does not do that: its accented letters seldom come four in a row, and when they
    do their bytes do not read as common hanzi; a run of six high bytes or more with no ASCII
    among them is no European word, and 40 % common letters suffice. One symbol repeated
    (`»»»»»»`, `¤¤¤¤`) is a decoration, not 换换换 or いいい.

    On a text where such runs were found, the rest of the text is judged with that evidence: a
    run whose characters are rarer (a name, `Àî·æ` for 李锋: 30 % common suffice) or that is only
    Chinese punctuation (`¡·¡£`, 》。), and a single character between digits, spaces or
    punctuation (`2017Äê2ÔÂ`: 年 and 月) that reads as a common one. Those must be made of high
    bytes only and touch no letter on a side where their repair has no punctuation: the accented
    letters of a European word beside the Chinese (`église` has the pair `ég`) are left alone.
    There, a repeated symbol is repaired too (`¡¡¡¡` is the page's indent, two ideographic
    spaces, and a lone `¡¡` one). On a page written in the codec throughout (twenty letters or
    more repaired by runs judged alone), a run standing alone needs no common letter
    (`◎视频尺寸`; a name, `»¸Óí`, 桓禹), nor does a single character (`Éã`, 摄), and a run whose
    bytes happen to be valid UTF-8 too (`Ñ§Ôº`, 学院, is UTF-8 for `ѧԺ`) is read in the page's
    codec when it reads as common Chinese — unless such runs make a tenth of the page's.

    ## Why is this bad?
    Every character of the run is wrong; a search engine or a model sees Latin-1 noise where the
    page had Chinese text. ftfy does not know this case, and its UTF-8 repair would garble the run
    further: `E001` leaves these runs to this rule.

    ## Fix (safe)
    The run is encoded back to the bytes it came from and decoded with the codec it was written
    in; the round trip is lossless by construction (the decoding raised no error).
    """

    code = "E009"
    scope = "text"
    name = "cjk-read-as-latin"
    category = "encoding"
    fix_applicability = SAFE
    prescreen = _LATIN_RUN_SCREEN  # _LATIN_RUN_HINT_RE
    flags = (
        "\u00d6\u00d0\u00ce\u00c4\u00cd\u00f8\u00d5\u00be\n",  # 中文网站 (GBK read as cp1252)
        "Title: \u00be\u00dd\u00d0\u00c2\u00bb\u00aa\u00c9\u00e7\u00b1\u00a8\u00b5\u00c0\n",  # 据新华社报道
        "2017\u00c4\u00ea2\u00d4\u00c2\u00a3\u00ac\u00bd\u00f0\u00d6\u00dd\u00ca\u00d0\n",  # 2017年2月，金州市
    )
    passes = (
        "Grüße aus Köln, schöne Straße.\n",
        "Read the full story »»»»»»\n",
        "¤¤¤¤¤¤ Special offers ¤¤¤¤¤¤\n",
        "Ísland, Þórsmörk and Æðey are Icelandic place names.\n",
        "中文网站\n",
        "Prices: ½ ¼ ¾ — £5 ±2 °C.\n",
        "Kedi HÄ±rsÄ±zÄ± yakalandÄ±.\n",  # UTF-8 read as cp1252 (E001's), though its bytes also read as Big5
        "×¢×‘×¨×™×ª\n",  # Hebrew UTF-8 read as cp1252, also valid GBK
    )
    fixes = (
        ("\u00d6\u00d0\u00ce\u00c4\u00cd\u00f8\u00d5\u00be\n", "中文网站\n"),
        ("2017\u00c4\u00ea2\u00d4\u00c2\u00a3\u00ac\u00bd\u00f0\u00d6\u00dd\u00ca\u00d0\n", "2017年2月，金州市\n"),
        ("\u00a1\u00b0\u00d5\u00e2\u00ca\u00c7\u00ca\u00b2\u00c3\u00b4\u00a1\xad\u00a1\xad\u00a1\u00b1\n", "“这是什么……”\n"),
        ("\u00a1\u00a1\u00a1\u00a1\u00d0\u00c2\u00bb\u00aa\u00c9\u00e7\u00b5\u00e7\n", "\u3000\u3000新华社电\n"),
        ("Title: \u00be\u00dd\u00d0\u00c2\u00bb\u00aa\u00c9\u00e7\u00b1\u00a8\u00b5\u00c0\n", "Title: 据新华社报道\n"),
    )

    def check(self, doc: Document):
        for start, end, repaired, codec in _latin_read_cjk_of(doc):
            old = doc.text[start:end]
            yield self.finding(
                start, end, f"{codec} text read as cp1252 \"{_snippet(old)}\" should read \"{_snippet(repaired)}\"",
                fix=self.make_fix(f"Decode the bytes as {codec}", [Edit(start, end, repaired)]),
            )


# --- E010 ------------------------------------------------------------------------------------
# Big5 bytes read as GBK/GB18030: Big5's common hanzi (lead bytes 0xA4-0xC6) fall on GB18030's
# kana, Greek, Cyrillic and box-drawing rows, and those whose trail byte is ASCII-range on its
# user-defined area, which decodes to private-use characters. A run with one of those is a candidate;
# so is one with the kana, Greek, Cyrillic, bopomofo, box-drawing and vertical-form characters of
# GB2312's symbol rows (where the commonest Big5 hanzi, of few strokes, fall), judged by how much
# more common its repair is: Japanese text has kana too, but its repair is no commoner.
_PRIVATE_USE_RE = re.compile(f"[{char_class(PRIVATE_USE_RANGES)}]")
_BIG5_MARKS = ((0x0370, 0x03FF), (0x0400, 0x04FF), *BOX_DRAWING_RANGES, *KANA_RANGES, (0x3100, 0x312F),
               *PRIVATE_USE_RANGES, (0xFE30, 0xFE4F))
_BIG5_MARK_RE = re.compile(f"[{char_class(_BIG5_MARKS)}]")
#: Hanzi, kana and private-use characters: what a run of Big5 read as GB18030 is mostly made of.
_HANZI_KANA_RE = re.compile(f"[{KANA}{HAN}{char_class(PRIVATE_USE_RANGES)}]")
_BIG5_IN_GBK_RUN_RE = re.compile("[^\x00-\x7f\\s\ufffd\ud800-\udfff]{2,}")
#: A single such character between ASCII characters or spaces (a date's 年, 月, 日).
_BIG5_IN_GBK_ONE_RE = re.compile("(?<![^\x00-\x7f\\s])[^\x00-\x7f\\s\ufffd\ud800-\udfff](?![^\x00-\x7f\\s])")


#: A text whose CJK characters are this share or more of the rarer hanzi that Big5's common ones
#: become in GBK (``_big5_rare_count``) is read as Big5 misread, marks or none: on the dev set's
#: clean Chinese bodies the share is 0.03–0.15 (simplified and traditional), on the same bodies
#: misread 0.50–0.65.
BIG5_RARE_SHARE = 0.25
_BIG5_MARK_SCREEN = CharScreen(_BIG5_MARKS)
#: Share of a run's repair that must be common letters.
_MIN_COMMON_BIG5 = 0.7


@lru_cache(maxsize=1)
def _big5_rare_count():
    """A counter of the hanzi that GBK makes of a Big5 character of the commonest range (lead
    bytes 0xA4-0xC6) and that are not common themselves (nor marks): about 3,400 of them."""
    common = common_cjk_re()
    rare = set()
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if not common.fullmatch(ch) and not _BIG5_MARK_RE.match(ch):
                rare.add(ord(ch))
    return char_counter((c, c) for c in sorted(rare))


def _dense_with_big5_rare(text: str) -> bool:
    """Whether the rare hanzi of the misreading make ``BIG5_RARE_SHARE`` of the text's CJK
    characters (two at least)."""
    cjk = cjk_count(text)
    return cjk >= 2 and _big5_rare_count()(text) >= BIG5_RARE_SHARE * cjk


def _big5_screen(text: str) -> bool:
    """E010's prescreen: a mark of the misreading, or a text dense with its rare hanzi."""
    return _BIG5_MARK_SCREEN(text) or _dense_with_big5_rare(text)


def big5_read_as_gbk(text: str) -> list[tuple[int, int, str]]:
    """Runs of ``text`` that are Big5 bytes read as GB18030 or GBK, as ``(start, end, repaired
    text)``: the run encodes back to GB18030 and decodes as Big5 without an error, into text that
    is mostly common characters (``_MIN_COMMON_BIG5``) while the run itself is mostly rare ones
    (a run with private-use characters), or is ``_MIN_GAIN`` less common than its repair. On a text
    where such runs repaired ``PAGE_EVIDENCE`` letters, the other runs are judged with that
    evidence, and a single character between ASCII characters or spaces is repaired when it
    becomes a common one. A run without a mark is looked at only on a text dense with the rare
    hanzi of the misreading (``BIG5_RARE_SHARE``) or with that evidence."""
    found = []
    doubtful: list[tuple[int, int, str, float, float, bool]] = []  # repairs judged on the page's evidence
    plain: list[re.Match] = []  # runs without a mark, left for the page's evidence
    dense = None  # whether the text is dense with the misreading's rare hanzi (worked out once)
    evidence = 0
    for m in _BIG5_IN_GBK_RUN_RE.finditer(text):
        run = m.group()
        private = _PRIVATE_USE_RE.search(run) is not None
        if not private and not _BIG5_MARK_RE.search(run):
            if dense is None:
                dense = _dense_with_big5_rare(text)
            if not dense:
                plain.append(m)
                continue
        judged = _judge_big5(run, private)
        if judged is None:
            continue
        repaired, letters, before, after, proven = judged
        if proven:
            found.append((m.start(), m.end(), repaired))
            evidence += letters
        else:
            doubtful.append((m.start(), m.end(), repaired, before, after, private))
    if evidence < PAGE_EVIDENCE:
        return found
    # A text written in Big5: a run whose repair is rarer (a name, `\ue7b2網` for 李鋒) or holds
    # no mark (`闽龄迭` for 關鍵詞) is repaired when its repair is commoner than it, or holds a
    # private-use character (which no text has among its hanzi).
    for m in plain:
        judged = _judge_big5(m.group(), False)
        if judged is not None:
            doubtful.append((m.start(), m.end(), judged[0], judged[2], judged[3], False))
    found.extend((a, b, repaired) for a, b, repaired, before, after, private in doubtful
                 if after >= _MIN_COMMON_WITH_EVIDENCE and (private or after - before >= _MIN_GAIN))
    common = common_cjk_re()
    for m in _BIG5_IN_GBK_ONE_RE.finditer(text):
        ch = m.group()
        if common.fullmatch(ch) and not _beside_digit(text, m.start(), m.end()):
            continue  # a common character alone (`と` between words) is one: only a date's is doubtful
        try:
            repaired = ch.encode("gb18030").decode("big5")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != ch and (common.fullmatch(repaired) or repaired in _CJK_PUNCTUATION):
            found.append((m.start(), m.end(), repaired))
    found.sort()
    return found


def _judge_big5(run: str, private: bool) -> tuple[str, int, float, float, bool] | None:
    """``(repair, its letters, common share before, after, proven alone)`` of a run read back
    as Big5, or ``None`` when it cannot be one (no round trip, no hanzi or kana)."""
    if 3 * len(_HANZI_KANA_RE.findall(run)) < len(run):
        return None  # a word of Russian or a line of box drawing: marks, but no hanzi, kana or private use
    try:
        repaired = run.encode("gb18030").decode("big5")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    letters0, common0 = cjk_commonness(run)
    letters1, common1 = cjk_commonness(repaired)
    if not letters1:
        return None
    before, after = (common0 / letters0 if letters0 else 0.0), common1 / letters1
    proven = letters1 >= 2 and after >= _MIN_COMMON_BIG5 and (
        (private and before <= 0.5) or (_BIG5_MARK_RE.search(run) is not None and after - before >= _MIN_GAIN)
        or (after >= 0.8 and after - before >= 2 * _MIN_GAIN
            and 2 * _big5_rare_count()(run) >= len(run)))  # no mark: mostly rare hanzi
    return repaired, letters1, before, after, proven


def _beside_digit(text: str, start: int, end: int) -> bool:
    """Whether a digit stands right before or right after ``text[start:end]``."""
    return (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit())


class Big5ReadAsGbk(Rule):
    """Big5 text that was decoded as GBK/GB18030 (`さ瓣鲁` with private-use characters, for `今年全國`).

    ## What it does
    Finds runs of non-ASCII characters that, encoded back to GB18030, decode as Big5 without an
    error into mostly common characters (70 % of the letters), and that show the marks of the
    misreading: private-use characters (what GB18030 makes of the many Big5 characters whose
    second byte is in the ASCII range) in a run that is itself mostly rare characters; or the
    kana, Greek, Cyrillic, bopomofo, box-drawing and vertical-form characters of GB2312's symbol
    rows (where the commonest Big5 hanzi, those of few strokes, fall: `︽` for 行, `Ρヘ` for 曲目)
    in a run of hanzi and kana whose repair is at least 30 points commoner than the run; or, in a
    text whose CJK characters are a quarter or more of the rarer hanzi that Big5's common ones
    become (`恨瞶竒蕾厩` for 管理經濟學: real Chinese text has 3–15 % of them), a run that is half
    such hanzi, whose repair is 80 % common and 60 points commoner. Real simplified or traditional
    Chinese, Japanese (its kana are common, and its repair is no commoner) and Korean text does
    not; nor does a word of Russian or a line of box drawing (no hanzi or kana in it).

    On a text where such runs were found (two letters or more), the rest of the text is judged
    with that evidence: a run whose repair is rarer (a name) or holds no mark, repaired when it
    becomes 30 points commoner and 30 % common; and a single character between ASCII characters
    or spaces (a date's `2017\ue6e49る`, 2017年9月), repaired when it becomes a common one — a
    common character alone (`と` between two words) only beside a digit.

    ## Why is this bad?
    A traditional-Chinese page read with the wrong Chinese codec: every character is wrong, yet
    the text still looks like CJK to a script filter.

    ## Fix (safe)
    The run is encoded as GB18030 and decoded as Big5; the round trip is lossless by construction.
    """

    code = "E010"
    scope = "text"
    name = "big5-read-as-gbk"
    category = "encoding"
    fix_applicability = SAFE
    prescreen = staticmethod(_big5_screen)
    flags = ("今年全國糧食總產量".encode("big5").decode("gb18030") + "\n",
             "曲目與發行日期".encode("big5").decode("gbk") + "\n",
             "管理經濟學".encode("big5").decode("gbk") + "\n")
    passes = (
        "今年全國糧食總產量再創新高。\n",
        "今年全国粮食总产量再创新高。\n",
        "東京の天気は明日から崩れる見込みです。\n",
        "コンピュータのソフトウェアをインストールしてください。\n",
        "ΑΒΓ と αβγ はギリシャ文字です。ロシア語では привет と言います。\n",
        "Характеристики героев ┌──┬──┐\n",
        "A private-use icon \ue001 in a line of English.\n",
    )
    fixes = (
        ("Source: " + "今年全國糧食總產量".encode("big5").decode("gb18030") + "\n", "Source: 今年全國糧食總產量\n"),
        ("發行日期：2009年3月5日".encode("big5").decode("gb18030") + "\n", "發行日期：2009年3月5日\n"),
    )

    def check(self, doc: Document):
        for start, end, repaired in big5_read_as_gbk(doc.text):
            old = doc.text[start:end]
            yield self.finding(
                start, end, f"Big5 text read as GBK \"{_snippet(old)}\" should read \"{_snippet(repaired)}\"",
                fix=self.make_fix("Encode as GB18030, decode as Big5", [Edit(start, end, repaired)]),
            )


class NonUtf8File(Rule):
    """The file is in a legacy encoding (GB18030, Big5, Shift-JIS, cp1252…), not UTF-8.

    ## What it does
    Reports, once per file, that its bytes were decoded from an encoding other than UTF-8 (the
    reader detects it: see `scrapelint.decoding`). The message names the encoding, and how it was
    chosen when the detector was overruled.

    ## Why is this bad?
    Every tool downstream has to guess the encoding again, and guesses go wrong (GB18030 and Big5
    are often read as cp1252): one wrong guess produces mojibake for the whole file. Legacy
    codecs also cannot hold every character, so edits can fail to be written.

    ## Fix (safe)
    The file is written back as UTF-8 (the text is unchanged; only its bytes are).
    """

    code = "E007"
    scope = "file"
    name = "non-utf8-file"
    category = "encoding"
    fix_applicability = SAFE
    flags = (
        Document("今年一季度，全省经济运行平稳。\n", encoding="gb18030"),
        Document("臺灣的鐵路系統歷史悠久。\n", encoding="big5"),
        Document("Grüße aus Köln.\n", encoding="cp1252", encoding_note="charset-normalizer said cp1252"),
    )
    passes = (
        "Text given as a string has no encoding.\n",
        Document("今年一季度，全省经济运行平稳。\n", encoding="utf-8"),
        Document("Plain ASCII.\n", encoding="ascii"),
        Document("With a BOM.\n", encoding="utf-8", bom=True),
    )

    def check(self, doc: Document):
        encoding = doc.encoding
        if encoding is None or is_utf8(encoding):
            return
        note = f" ({doc.encoding_note})" if doc.encoding_note else ""
        app = SAFE if doc.encoding_confident else UNSAFE  # a guess from a few bytes is not a fact
        yield self.finding(
            0, 0, f"the file is encoded as {encoding}, not UTF-8{note}",
            fix=Fix(app, f"Rewrite as UTF-8 (from {encoding})", edits=(), reencode=True),
        )


# --- E008 ------------------------------------------------------------------------------------
_SURROGATE_RE = re.compile("[\ud800-\udfff]")  # a plain class scans 2.5x faster than a run
_SURROGATE_RUN_RE = re.compile("[\ud800-\udfff]+")


class InvalidUtf8Bytes(Rule):
    """Bytes that are not valid UTF-8, kept as they were read.

    ## What it does
    The reader decodes a mostly-UTF-8 file that has a few invalid bytes (a character cut in
    half, a stray cp1252 byte) with `surrogateescape`: each bad byte becomes a lone surrogate
    U+DC80..U+DCFF and is written back unchanged. This rule reports them, with the bytes. Other
    lone surrogates (a broken `\\ud83d` escape in JSON) are reported too: they are not characters
    and cannot be written as UTF-8.

    ## Why is this bad?
    Strict UTF-8 readers reject the whole file or line; lenient ones replace the bytes with
    U+FFFD. Either way a character is damaged, usually one that was cut in half.

    ## Fix
    None: which character the bytes belonged to is unknown.
    """

    code = "E008"
    scope = "file"
    name = "invalid-utf8-bytes"
    category = "encoding"
    severity = Severity.ERROR
    flags = ("第二段\udcff\udcfe文字。\n", "caf\udce9 au lait\n", "broken emoji \ud83d here\n")
    passes = ("第二段文字。\n", "café au lait\n", "emoji \U0001F600 here\n")

    prescreen = CharScreen(((0xD800, 0xDFFF),))  # _SURROGATE_RE

    def check(self, doc: Document):
        text = doc.text
        first = _SURROGATE_RE.search(text)
        if first is None:
            return
        codec = "UTF-8" if doc.encoding is None or is_utf8(doc.encoding) else doc.encoding
        for m in _SURROGATE_RUN_RE.finditer(text, first.start()):
            run = m.group()
            escaped = [c for c in run if "\udc80" <= c <= "\udcff"]
            if len(escaped) == len(run):
                shown = " ".join(f"0x{ord(c) - 0xDC00:02X}" for c in run[:8]) + (" …" if len(run) > 8 else "")
                many = len(run) > 1
                kept = "they were" if many else "it was"
                msg = f"{len(run)} invalid {codec} byte{'s' * many} ({shown}), kept as {kept} read"
            else:
                shown = " ".join(f"U+{ord(c):04X}" for c in run[:8]) + (" …" if len(run) > 8 else "")
                msg = f"lone surrogate{'s' * (len(run) > 1)} {shown}: not a character, cannot be written as UTF-8"
            yield self.finding(m.start(), m.end(), msg)


RULES = [
    Mojibake(),
    CjkMojibake(),
    ReplacementCharacter(),
    LossyGarbage(),
    QuestionMarkRun(),
    LossyTagSignature(),
    NonUtf8File(),
    InvalidUtf8Bytes(),
    LegacyCjkReadAsLatin(),
    Big5ReadAsGbk(),
]
