"""A folded view of text for matching: one character in, one character out.

Boilerplate is the same phrase written many ways: ``掃碼關注`` on a Taiwanese or Hong Kong mirror of
``扫码关注``, ``声明：`` with a full-width colon, ``SHARE THIS ARTICLE`` in capitals. Packs list each
phrase once; both the phrase and the text are folded before they are compared.

``fold`` maps, character by character:

- traditional Chinese → simplified, where OpenCC's ``t2s`` maps the single character to a single
  character (``掃`` → ``扫``, ``會`` → ``会``); phrase-level conversions are not used;
- full-width ASCII (U+FF01-U+FF5E) → ASCII, the ideographic space U+3000 and the no-break space
  → a space, and a few CJK punctuation marks → their ASCII twins (``。`` → ``.``, ``“”`` and
  ``「」`` → ``"``, ``【】`` → ``[]``);
- ASCII capitals → lower case;
- lone surrogates (the undecodable bytes of a damaged file) → U+FFFD.

Every mapping is one character to one character, so ``len(fold(s)) == len(s)`` and an offset in
the folded text is the same offset in the original: a match found in ``fold(text)`` can be
reported and removed in ``text``.

>>> fold("掃碼關注：Share ＴＨＩＳ")
'扫码关注:share this'
"""
from __future__ import annotations

from functools import lru_cache

from .text import FULL_WIDTH_ASCII_RANGES, HAN_RANGES

try:  # compiled when the package was built with a C compiler (``_text.pyx``): the same mapping
    from ._text import CharMap
except ImportError:
    CharMap = None

#: CJK Unified Ideographs, Extension A and the compatibility block: where traditional forms live.
_HAN_RANGES = HAN_RANGES

_PUNCT = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",  # no-break space
    "\u3002": ".",  # 。
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
    "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"',  # 「」『』
    "\u3010": "[", "\u3011": "]",  # 【】
    "\u3014": "(", "\u3015": ")",  # 〔〕
}


@lru_cache(maxsize=1)
def fold_table() -> list[int]:
    """The ``str.translate`` table of ``fold``, indexed by code point over the BMP (built once, on
    first use, in about 40 ms). A list, not a dict: ``translate`` looks every character up, and a
    dict miss costs an exception each time (a list is four times faster on Chinese text).
    Characters past the BMP raise ``IndexError`` and stay as they are."""
    table: dict[int, int] = {}
    table.update(_han_table())
    for lo, hi in FULL_WIDTH_ASCII_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = cp - 0xFEE0
    for src, dst in _PUNCT.items():
        table[ord(src)] = ord(dst)
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = cp + 32
    # Full-width capitals fold to ASCII lower case in one step.
    for cp, dst in list(table.items()):
        if ord("A") <= dst <= ord("Z"):
            table[cp] = dst + 32
    as_list = list(range(0x10000))
    for cp, dst in table.items():
        as_list[cp] = dst
    # Lone surrogates (undecodable bytes kept as surrogate escapes) cannot be encoded as UTF-8,
    # which the phrase automaton needs.
    as_list[0xD800:0xE000] = [0xFFFD] * 0x800
    return as_list


def _han_table() -> dict[int, int]:
    import opencc

    chars = [chr(cp) for lo, hi in _HAN_RANGES for cp in range(lo, hi + 1)]
    # One call over all characters, one a line: OpenCC converts each line on its own.
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - a conversion that merged lines
        return {}
    return {ord(a): ord(b) for a, b in zip(chars, converted) if len(b) == 1 and a != b}


def fold(text: str) -> str:
    """``text`` folded for matching; the result has the same length (see the module docstring)."""
    if text.isascii():
        return text.lower()  # same mapping, and a C loop
    return _mapper()(text)


@lru_cache(maxsize=1)
def _mapper():
    """The mapping of ``fold``: compiled, or ``str.translate`` with ``fold_table``."""
    table = fold_table()
    if CharMap is not None:
        return CharMap(table).map
    return lambda text: text.translate(table)
