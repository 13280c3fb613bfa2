"""Shared text knowledge: the scripts, marks and markup shapes that several rules need.

One home for each fact, so that two rules never disagree about what a CJK character or a
sentence end is. Character ranges are written as the bodies of regular-expression classes
(``f"[{HAN}]"``); compiled patterns use the standard library's ``re``, which is faster than the
``regex`` module for plain classes.

>>> cjk_count("Hello 世界, こんにちは")
7
>>> cjk_count("plain ASCII")
0
"""
from __future__ import annotations

import re

#: Han ideographs: Extension A, the unified block, the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Hiragana and katakana.
KANA = "\u3040-\u30ff"
#: Hangul syllables.
HANGUL = "\uac00-\ud7af"
#: Scripts written without spaces between words (Hangul is spaced, but its lines are measured
#: like the others: in characters).
CJK = KANA + HAN + HANGUL
#: Full-width forms (``，`` ``：`` ``Ａ``) and CJK symbols and punctuation (``。`` ``「」`` ``【】``).
FULL_WIDTH = "\uff00-\uffef"
CJK_PUNCTUATION = "\u3000-\u303f"

CJK_RE = re.compile(f"[{CJK}]")
CJK_RUN_RE = re.compile(f"[{CJK}]+")


def cjk_count(s: str) -> int:
    """How many CJK characters ``s`` holds (no scan at all for ASCII text)."""
    return 0 if s.isascii() else len(CJK_RE.findall(s))
