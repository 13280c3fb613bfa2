"""Bytes → text: which encoding a scraped file is in, and writing it back.

``decode_bytes`` tries, in order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32): the BOM is removed and remembered;
2. strict UTF-8 — the fast path: a valid UTF-8 file costs one strict decode (plus a NUL-byte
   look at its first 8 KiB, because UTF-16 text without a BOM is valid UTF-8 too); a file cut
   off in the middle of its last character is UTF-8 with a damaged end;
3. binary detection: NUL bytes or many control bytes in the first 8 KiB raise ``BinaryFileError``;
4. "UTF-8 with a few bad bytes": when invalid sequences are rare next to valid multi-byte
   characters, the file is UTF-8 that was damaged (a truncated character, a stray cp1252 byte).
   It is decoded with ``errors="surrogateescape"``: each bad byte becomes a lone surrogate
   U+DC80..U+DCFF (rule E008 reports them) and ``encode_text`` writes it back unchanged;
5. ``charset_normalizer``, checked against the CJK codecs: the detector misreads GB18030 and Big5
   files as cp1252 (or gives up), so every double-byte CJK codec that decodes the bytes strictly is
   scored by how much of its text is *common* characters (a frequency list of hanzi, kana and
   hangul), and a plausible CJK reading wins over a Latin reading full of accented garbage. A
   large file is judged on its head (``DECIDE_BYTES`` from its first non-ASCII line) and decoded
   once, with the codec chosen;
6. UTF-8 with ``surrogateescape`` when nothing else fits.

The frequency tables here are also the commonness measure of the CJK mojibake rule (E002).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .text import cjk_commonness, normalize_encoding

#: How much of the file the binary check and the plausibility score look at.
SAMPLE = 8192
#: A file in a legacy encoding larger than this is judged on its first this many bytes (cut at a
#: line break): the detector and every CJK codec read the sample, and only the codec chosen
#: decodes the whole file. Deciding on the whole file decoded it once per candidate codec and
#: kept each plausible reading (8 MB of GBK: 127 MB traced, 1.6 s).
DECIDE_BYTES = 1 << 20
#: The piece of a large file decoded at a time when its invalid UTF-8 bytes are counted.
COUNT_CHUNK = 1 << 20
#: "Mostly valid UTF-8": at most this many invalid bytes per valid multi-byte character. Legacy
#: CJK text read as UTF-8 has at least one invalid byte per valid character (measured: GBK, Big5,
#: Shift-JIS, EUC-KR and EUC-JP, from 20-character snippets up); cp1252 text has almost no valid ones.
MAX_INVALID_PER_VALID = 0.25
#: A CJK reading is accepted over the detector's answer when at least this share of its letters
#: is common (real text scores 0.7-0.95; a wrong double-byte codec gives random characters, 0.05-0.3).
MIN_PLAUSIBLE = 0.5
#: The single-byte legacy encodings real pages use: Latin-1 and the Windows code pages. A
#: detector's answer outside them (cp1006, johab, mac_*, …) is a guess from noise, not a fact.
WEB_SINGLE_BYTE = ("cp1252", "latin-1", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256",
                   "cp1257", "cp1258")
#: Fewer non-ASCII bytes than this, and a legacy encoding is a weak guess: its rewrite is unsafe.
MIN_EVIDENCE_BYTES = 10

# Double-byte codecs tried when the text is not UTF-8, each with supersets that also decode
# real-world files (Microsoft's code pages add characters the standard tables lack).
CJK_CODECS: tuple[tuple[str, ...], ...] = (
    ("gb18030",),
    ("big5", "cp950", "big5hkscs"),
    ("shift_jis", "cp932"),
    ("euc_kr", "cp949"),
)

# Names the detector (or a caller) may use, mapped to the codec this project reports and decodes with.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_BY_CODEC = {name: bom for bom, name in _BOMS}

# Control bytes that never occur in text (tab, line feed, vertical tab, form feed, carriage
# return, backspace and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x08\x1b") + b"\x7f"
_TEXT_CONTROLS = {b: None for b in _CONTROL_BYTES}  # str.translate table that deletes them
_SURROGATE_RE = re.compile("[\udc80-\udcff]")
_NON_ASCII_BYTE = re.compile(rb"[\x80-\xff]")


class DecodeError(ValueError):
    """Bytes that cannot be turned into text."""


class BinaryFileError(DecodeError):
    """The bytes are not text at all (an image, an archive, a compiled file)."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: binary data ({reason})")
        self.name = name
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of a file, the codec it was decoded with, whether a BOM was removed, and why."""

    text: str
    encoding: str
    bom: bool = False
    note: str = ""
    #: False when a legacy encoding was guessed from little evidence (a few non-ASCII bytes).
    confident: bool = True


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode a file's bytes; ``name`` is only used in error messages."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), codec, bom=True)
            except UnicodeDecodeError:
                if codec == "utf-8":
                    return _damaged_utf8(data[len(bom):], bom=True)
                break  # not really a BOM: look at the bytes as they are

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Cut off in the middle of a character (scrapers truncate at a byte limit). After pure
        # ASCII a last byte >= 0xC2 may as well be cp1252: the detector decides that case.
        if exc.reason == "unexpected end of data" and not data[: exc.start].isascii() and _is_utf8(data[: exc.start]):
            return _damaged_utf8(data, note="the file ends in the middle of a UTF-8 character")
    else:
        if "\x00" not in text[:SAMPLE]:
            return Decoded(text, "utf-8")
        # Valid UTF-8 with NUL bytes: UTF-16 without a BOM, a binary file, or a stray NUL in text.
        return _nul_bytes(data, name) or Decoded(text, "utf-8")

    head = data[:SAMPLE]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise BinaryFileError(name, "NUL bytes")
        return utf16
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls >= 4 and controls * 20 > len(head):
        raise BinaryFileError(name, f"{controls} control bytes in the first {len(head)}")

    invalid, valid = _utf8_damage(data)
    if invalid <= MAX_INVALID_PER_VALID * valid:
        return _damaged_utf8(data, invalid=invalid)

    return _detect_legacy(data) or _damaged_utf8(data, invalid=invalid)


def _utf8_damage(data: bytes, chunk: int = COUNT_CHUNK) -> tuple[int, int]:
    """``(invalid bytes, valid non-ASCII characters)`` of ``data`` read as UTF-8, counted with
    C-level passes (each invalid byte is one character more than 'ignore' keeps), a piece at a
    time so that a large file is not held as text twice."""
    escaping = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    ignoring = codecs.getincrementaldecoder("utf-8")("ignore")
    view = memoryview(data)
    invalid = valid = 0
    for start in range(0, max(1, len(data)), chunk):
        piece, final = view[start: start + chunk], start + chunk >= len(data)
        damaged, kept = escaping.decode(piece, final), ignoring.decode(piece, final)
        invalid += len(damaged) - len(kept)
        valid += len(kept) - len(kept.encode("ascii", "ignore"))
    return invalid, valid


def _head(data: bytes) -> bytes:
    """The part of ``data`` a legacy encoding is decided on: all of it when small, else about
    ``DECIDE_BYTES`` from the line of its first non-ASCII byte (a large file may open with pages
    of ASCII), cut after a line break (a line feed is never part of a double-byte character in
    GB18030, Big5, Shift-JIS or EUC-KR, nor of a single-byte code page's character)."""
    if len(data) <= DECIDE_BYTES:
        return data
    first = _NON_ASCII_BYTE.search(data)
    start = data.rfind(b"\n", 0, first.start()) + 1 if first else 0
    end = start + DECIDE_BYTES
    cut = data.rfind(b"\n", start + DECIDE_BYTES // 2, end)
    return data[start: cut + 1 if cut >= 0 else end]


def _nul_bytes(data: bytes, name: str) -> Decoded | None:
    """Bytes with NULs: UTF-16 without a BOM (returned), binary (raises ``BinaryFileError``), or
    text with a stray NUL (None: W004 reports it)."""
    head = data[:SAMPLE]
    nuls = head.count(0)
    if nuls * 100 < len(head):
        return None
    utf16 = _utf16_without_bom(data)
    if utf16 is None:
        raise BinaryFileError(name, "NUL bytes")
    return utf16


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """The bytes of ``text`` in ``encoding``, with the BOM when ``bom``.

    ``surrogateescape`` writes the undecodable bytes ``decode_bytes`` kept as lone surrogates
    back exactly as they were read. Characters the codec cannot hold raise ``UnicodeEncodeError``.
    """
    return b"".join(encode_pieces((text,), encoding, bom))


def encode_pieces(pieces: Iterable[str], encoding: str, bom: bool) -> Iterator[bytes]:
    """``encode_text`` of the text that ``pieces`` make, piece by piece (an incremental encoder
    carries a stateful codec's state across pieces): a long text is written without a second
    copy of it in memory. UTF-16 and UTF-32 are written little-endian, after their BOM."""
    codec = normalize_encoding(encoding)
    if codec == "ascii":
        codec = "utf-8"
    if codec in ("utf-16", "utf-32"):
        codec += "-le"
    if bom:
        yield codecs.BOM_UTF8 if codec == "utf-8" else _BOM_BY_CODEC.get(codec, b"")
    encoder = codecs.getincrementalencoder(codec)("surrogateescape")
    for piece in pieces:
        yield encoder.encode(piece)
    yield encoder.encode("", final=True)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _damaged_utf8(
    data: bytes, *, bom: bool = False, text: str | None = None, invalid: int | None = None, note: str = ""
) -> Decoded:
    if text is None:
        text = data.decode("utf-8", "surrogateescape")
    if invalid is None:
        invalid = len(_SURROGATE_RE.findall(text))
    notes = [f"{invalid} invalid UTF-8 byte{'s' * (invalid != 1)} kept as-is (surrogateescape)"] if invalid else []
    if note:
        notes.append(note)
    return Decoded(text, "utf-8", bom=bom, note="; ".join(notes))


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM: mostly-ASCII text has a NUL in every other byte."""
    head = data[:SAMPLE]
    half = len(head) // 2
    if half < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for nuls, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.4 * half and other <= 0.02 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            sample = text[: SAMPLE // 2]
            if len(sample) - len(sample.translate(_TEXT_CONTROLS)) > 0.01 * len(sample):
                return None  # NULs and other control characters: binary, not text
            return Decoded(text, codec, note=f"no BOM; the NUL-byte pattern says {codec}")
    return None


def _cjk_reading(data: bytes, family: tuple[str, ...]) -> tuple[str, str, int] | None:
    """``(codec, text, invalid bytes)`` of the first codec of ``family`` that decodes ``data``
    strictly, or else of the one with the fewest invalid bytes, if they are few (four, or one in
    a hundred characters), kept as surrogate escapes like damaged UTF-8."""
    for codec in family:
        try:
            return codec, data.decode(codec), 0
        except UnicodeDecodeError:
            continue
    best = None
    for codec in family:
        text = data.decode(codec, "surrogateescape")
        invalid = len(_SURROGATE_RE.findall(text))
        if best is None or invalid < best[2]:
            best = (codec, text, invalid)
    if best[2] <= max(4, len(best[1]) // 100):
        return best
    return None


def _detect_legacy(data: bytes) -> Decoded | None:
    """A legacy encoding: the detector's answer, unless a CJK codec reads the bytes as real text.
    The choice is made on the head of a large file (``_head``); the codec chosen decodes it all."""
    import charset_normalizer  # imported here: only non-UTF-8 files pay for it

    head = _head(data)
    matches = charset_normalizer.from_bytes(head)
    best = matches.best()
    guess = normalize_encoding(best.encoding) if best is not None and best.encoding else None

    candidates: list[tuple[float, tuple[str, ...], tuple[str, str, int] | None]] = []
    for family in CJK_CODECS:
        reading = _cjk_reading(head, family)
        if reading is not None:
            _, text, invalid = reading
            letters, common = cjk_commonness(text[: SAMPLE * 4])
            # Enough evidence: three common letters (two when every letter is common, as in a
            # two-character title), ten when bytes had to be escaped.
            enough = common >= 10 if invalid else (common >= 3 or common == letters >= 2)
            if enough and invalid * 20 <= letters:
                # A small file's reading is kept; a large file's head is not what is returned.
                candidates.append((common / letters, family, reading if head is data else None))
    candidates.sort(key=lambda c: -c[0])

    weak = sum(1 for b in head[: SAMPLE * 4] if b > 0x7F) < MIN_EVIDENCE_BYTES
    chosen = None
    for score, family, reading in candidates:
        if score < MIN_PLAUSIBLE:
            break
        # A large file, read whole by the family that reads its head best; a family that cannot
        # read the rest gives way to the next.
        chosen = reading or _cjk_reading(data, family)
        if chosen is not None:
            break
    if chosen is not None:
        codec, text, invalid = chosen
        notes = []
        if guess != codec:
            said = f"charset-normalizer said {guess}" if guess else "charset-normalizer had no answer"
            notes.append(f"{said}; {codec} reads as CJK text ({score:.0%} common characters)")
        if invalid:
            notes.append(f"{invalid} invalid {codec} byte{'s' * (invalid != 1)} kept as-is (surrogateescape)")
        if weak:
            notes.append("a guess from few non-ASCII bytes")
        return Decoded(text, codec, note="; ".join(notes), confident=not weak)

    # No CJK reading is plausible, so a CJK answer of the detector is wrong too (short Latin
    # text is often "detected" as cp932): take its first non-CJK answer, and cp1252 (the web's
    # legacy default) among answers the detector scores equal.
    cjk = {codec for family in CJK_CODECS for codec in family}
    latin = [m for m in matches if normalize_encoding(m.encoding) in WEB_SINGLE_BYTE]
    codec = None
    if latin:
        first = latin[0]
        for match in latin:
            if normalize_encoding(match.encoding) == "cp1252" and (match.chaos, -match.coherence) <= (
                first.chaos, -first.coherence
            ):
                first = match
        codec = normalize_encoding(first.encoding)
    # Only a reading that gives back the same bytes: some decoders do not round-trip.
    for candidate in (codec, "cp1252", "latin-1"):
        text = _round_trip(data, candidate) if candidate else None
        if text is not None:
            codec = candidate
            break
    else:
        return None
    if codec == guess:
        notes = []
    elif guess in cjk:
        notes = [f"charset-normalizer said {guess}, but the text reads as no CJK language"]
    elif guess is not None and guess not in WEB_SINGLE_BYTE:
        notes = [f"charset-normalizer said {guess}, an encoding web pages do not use; read as {codec}"]
    else:
        notes = [f"charset-normalizer ranked {guess} first; {codec} scores the same"]
    if weak:
        notes.append("a guess from few non-ASCII bytes")
    return Decoded(text, codec, note="; ".join(notes), confident=not weak)


def _round_trip(data: bytes, codec: str) -> str | None:
    """``data`` decoded with ``codec`` when encoding the text gives back exactly ``data``."""
    try:
        text = data.decode(codec)
        return text if text.encode(codec) == data else None
    except (UnicodeError, LookupError):
        return None


