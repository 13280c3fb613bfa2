"""Whitespace rules (W): blank-line runs, trailing spaces, invisible and control characters,
non-breaking spaces in CJK text, mixed line endings."""
from __future__ import annotations

import re
from collections import Counter

from scrapelint.model import Applicability, Document, Edit
from scrapelint.registry import Rule
from scrapelint.text import CJK, CJK_PUNCTUATION, FULL_WIDTH, CharScreen, PairScreen, char_class

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE


class ExcessBlankLines(Rule):
    """Three or more blank lines in a row.

    ## What it does
    Finds runs of three or more blank (empty or whitespace-only) lines, and blank lines at the
    end of the text.

    ## Why is this bad?
    Scrapers turn every removed block (an ad, an image, a widget) into empty lines. The runs carry
    no meaning, waste tokens, and break paragraph-based chunking.

    ## Fix (safe)
    The run becomes one blank line; blank lines at the end of the text are removed.
    """

    code = "W001"
    name = "excess-blank-lines"
    category = "whitespace"
    fix_applicability = SAFE
    flags = ("First paragraph.\n\n\n\nSecond paragraph.\n", "第一段。\n\n \n\t\n第二段。\n", "Text.\n\n\n")
    passes = ("First paragraph.\n\nSecond paragraph.\n", "第一段。\n\n\n第二段。\n")
    fixes = (("A.\n\n\n\n\nB.\n", "A.\n\nB.\n"), ("A.\n\n\n", "A.\n"))

    def check(self, doc: Document):
        lines = doc.lines
        i, n = 0, len(lines)
        while i < n:
            if lines[i].text.strip():
                i += 1
                continue
            j = i
            while j < n and not lines[j].text.strip():
                j += 1
            run = lines[i:j]
            at_end = j == n and i > 0
            if len(run) >= 3 or (at_end and len(run) >= 2):
                if at_end:
                    # Keep the previous line's ending; drop everything after it.
                    start, end = run[0].start, run[-1].full_end
                    msg = f"{len(run)} blank line{'s' * (len(run) > 1)} at the end of the text"
                    edits = [Edit(start, end, "")]
                else:
                    # Keep the first blank line (with its ending), drop the rest.
                    start, end = run[0].start, run[-1].full_end
                    msg = f"{len(run)} blank lines in a row"
                    edits = [Edit(start, end, run[0].eol or "\n")]
                yield self.finding(start, end, msg, fix=self.make_fix("Collapse the blank lines", edits))
            i = j


_SPACES = " \t\u3000"
_TRAILING = re.compile(f"[{_SPACES}]+(?=\\r?\\n|\\r|\\Z)")
#: What every ``_TRAILING`` match ends with: a space before a line ending (one compiled pass; the
#: pattern, which opens with a class, tries every space of the text), or at the end.
_TRAILING_END = PairScreen([(_SPACES, "\n\r")])


def _has_trailing(text: str) -> bool:
    return _TRAILING_END(text) or text.endswith(tuple(_SPACES))


class TrailingWhitespace(Rule):
    """Spaces or tabs at the end of a line.

    ## What it does
    Finds spaces, tabs and ideographic spaces (U+3000) before a line ending.

    ## Why is this bad?
    Trailing whitespace is left behind by removed inline elements and by HTML-to-text converters;
    it is invisible, changes hashes used for deduplication, and adds tokens.

    ## Fix (unsafe)
    The trailing whitespace is removed. The fix is unsafe: the space is invisible and changes
    nothing a reader sees, and hand-made clean texts carry it too (on the development set's gold
    article bodies, 116 of 7,418 lines, in 10 of 220 bodies): a default `fix` leaves text that is
    not noise as it is. Corpora that hash lines for deduplication opt in with
    `extend-safe-fixes = ["W002"]`.
    """

    code = "W002"
    name = "trailing-whitespace"
    category = "whitespace"
    fix_applicability = UNSAFE
    flags = ("A sentence.   \nNext.\n", "一句话。\u3000\n", "Tab at end\t")
    passes = ("A sentence.\nNext.\n", "\u3000\u3000段首缩进是排版。\n")
    fixes = (("A sentence.   \r\nNext.\n", "A sentence.\r\nNext.\n"),)
    prescreen = staticmethod(_has_trailing)

    def check(self, doc: Document):
        for m in _TRAILING.finditer(doc.text):
            s, e = m.span()
            yield self.finding(
                s, e, f"{e - s} trailing whitespace character{'s' * (e - s > 1)}",
                fix=self.make_fix("Remove trailing whitespace", [Edit(s, e, "")]),
            )


# Zero-width and bidi formatting characters that have no business in scraped prose.
# ZWJ (U+200D) and ZWNJ (U+200C) are content in emoji sequences and in Arabic, Persian and Indic
# scripts: they are flagged only between two characters of scripts that never use them.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2061\u2062\u2063\u2064"
_JOINERS = "\u200c\u200d"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}{_JOINERS}]+")
_INVISIBLE_NAMES = {
    "\u200b": "ZERO WIDTH SPACE", "\u2060": "WORD JOINER", "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
    "\u00ad": "SOFT HYPHEN", "\u180e": "MONGOLIAN VOWEL SEPARATOR", "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
}
# Characters beside which a joiner is meaningless: ASCII, CJK, kana, hangul and their punctuation.
_NO_JOINER_SCRIPT = re.compile(f"[\\x00-\\x7f{CJK_PUNCTUATION}{CJK}{FULL_WIDTH}]")


def _char_name(ch: str) -> str:
    return _INVISIBLE_NAMES.get(ch, f"U+{ord(ch):04X}")


class InvisibleCharacter(Rule):
    """Zero-width, soft-hyphen and bidirectional-control characters.

    ## What it does
    Finds characters that take no space on screen: ZERO WIDTH SPACE, WORD JOINER, a BOM inside
    the text, SOFT HYPHEN, LEFT-TO-RIGHT/RIGHT-TO-LEFT marks and embedding controls, and the
    zero-width joiners when they sit between characters of scripts that never use them (ASCII,
    CJK). Joiners inside emoji sequences and in Arabic or Indic text are content and stay.

    ## Why is this bad?
    Invisible characters split words for tokenizers and search, defeat exact deduplication and
    phrase matching, and are a known vector for hiding text.

    ## Fix (safe)
    The characters are removed.
    """

    code = "W003"
    scope = "text"
    name = "invisible-character"
    category = "whitespace"
    fix_applicability = SAFE
    flags = ("zero\u200bwidth", "中\u200b文", "soft\u00adhyphen", "He said \u202ehello\u202c.", "a\u200db")
    passes = ("family: \U0001F468\u200d\U0001F469\u200d\U0001F467", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "plain text")
    fixes = (("zero\u200b\u200bwidth", "zerowidth"), ("中\u200b文", "中文"))
    prescreen = CharScreen(tuple((ord(c), ord(c)) for c in _INVISIBLE + _JOINERS))  # _INVISIBLE_RE

    def check(self, doc: Document):
        text = doc.text
        for m in _INVISIBLE_RE.finditer(text):
            s, e = m.span()
            chars = m.group()
            if all(c in _JOINERS for c in chars):
                before = text[s - 1] if s else " "
                after = text[e] if e < len(text) else " "
                if not (_NO_JOINER_SCRIPT.match(before) and _NO_JOINER_SCRIPT.match(after)):
                    continue
            names = ", ".join(sorted({_char_name(c) for c in chars}))
            yield self.finding(
                s, e, f"invisible character{'s' * (len(chars) > 1)}: {names}",
                fix=self.make_fix("Remove invisible characters", [Edit(s, e, "")]),
            )


#: C0 controls but tab and the line endings, DEL and the C1 controls.
_CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F))
_CONTROL_RE = re.compile(f"[{char_class(_CONTROL_RANGES)}]+")


class ControlCharacter(Rule):
    """ASCII and C1 control characters inside the text.

    ## What it does
    Finds control characters other than tab and line endings: NUL, backspace, vertical tab,
    form feed, escape, DEL and the C1 range U+0080-U+009F.

    ## Why is this bad?
    They come from binary debris, terminal escapes and broken decoders, break JSON and CSV
    writers downstream, and mean nothing in prose. (C1 characters that are part of mojibake are
    repaired by the encoding rules first.)

    ## Fix (safe)
    The characters are removed.
    """

    code = "W004"
    scope = "text"
    name = "control-character"
    category = "whitespace"
    fix_applicability = SAFE
    flags = ("bell\x07here", "form\x0cfeed", "c1\x85control", "esc\x1b[0m")
    passes = ("tab\tseparated\tvalues\r\n", "line one\nline two\n")
    fixes = (("bell\x07\x07here", "bellhere"),)
    prescreen = CharScreen(_CONTROL_RANGES)

    def check(self, doc: Document):
        for m in _CONTROL_RE.finditer(doc.text):
            s, e = m.span()
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in m.group()}))
            yield self.finding(
                s, e, f"control character{'s' * (e - s > 1)} {codes}",
                fix=self.make_fix("Remove control characters", [Edit(s, e, "")]),
            )


_CJK = CJK_PUNCTUATION + CJK + FULL_WIDTH
_NBSP_CJK_RE = re.compile(f"(?<=[{_CJK}])\u00a0+|\u00a0+(?=[{_CJK}])|(?m:^)\u00a0+")


class NonBreakingSpaceInCjk(Rule):
    """Non-breaking spaces beside CJK characters or used as indentation.

    ## What it does
    Finds U+00A0 NO-BREAK SPACE next to Chinese, Japanese or Korean characters, and runs of them
    at the start of a line (the residue of `&nbsp;&nbsp;` paragraph indents).

    ## Why is this bad?
    CJK text does not use no-break spaces; they are HTML residue. They defeat exact matching
    and deduplication and are mistokenized. Between Latin words (`10\u00a0km`) they are typography
    and are left alone.

    ## Fix (safe)
    Indentation runs are removed; a no-break space beside a CJK character becomes a plain space.
    """

    code = "W005"
    scope = "text"
    name = "nbsp-in-cjk"
    category = "whitespace"
    fix_applicability = SAFE
    flags = ("中文\u00a0文本", "\u00a0\u00a0\u00a0\u00a0段落开头。")
    passes = ("10\u00a0km away", "Mr.\u00a0Smith", "中文 文本")
    fixes = (("中文\u00a0文本", "中文 文本"), ("\u00a0\u00a0段落。", "段落。"))

    prescreen = ("\u00a0",)

    def check(self, doc: Document):
        text = doc.text
        for m in _NBSP_CJK_RE.finditer(text):
            s, e = m.span()
            indent = s == 0 or text[s - 1] in "\r\n"
            repl = "" if indent else " "
            what = "indentation" if indent else "beside CJK text"
            yield self.finding(
                s, e, f"no-break space{'s' * (e - s > 1)} {what}",
                fix=self.make_fix("Replace no-break spaces", [Edit(s, e, repl)]),
            )


class MixedLineEndings(Rule):
    """Line endings of more than one kind in one text.

    ## What it does
    Finds lines whose ending (`\\r\\n`, `\\n` or a lone `\\r`) differs from the text's most common
    one. A file that uses CRLF throughout is left as it is.

    ## Why is this bad?
    Mixed endings come from concatenating pages from different sources; a lone `\\r` is invisible
    in most viewers yet splits lines for others, so line numbers and chunking disagree.

    ## Fix (safe)
    Each minority ending becomes the majority ending.
    """

    code = "W006"
    name = "mixed-line-endings"
    category = "whitespace"
    fix_applicability = SAFE
    flags = ("one\r\ntwo\r\nthree\nfour\r\n", "one\ntwo\rthree\nfour\n")
    passes = ("one\r\ntwo\r\nthree\r\n", "one\ntwo\n")
    fixes = (("one\r\ntwo\r\nthree\nfour\r\n", "one\r\ntwo\r\nthree\r\nfour\r\n"),)

    prescreen = ("\r",)

    def check(self, doc: Document):
        counts = Counter(line.eol for line in doc.lines if line.eol)
        if len(counts) < 2:
            return
        major, _ = max(counts.items(), key=lambda kv: (kv[1], kv[0] == "\n"))
        shown = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
        for line in doc.lines:
            if line.eol and line.eol != major:
                yield self.finding(
                    line.end, line.full_end,
                    f"{shown[line.eol]} line ending in a text that mostly uses {shown[major]}",
                    fix=self.make_fix(f"Use {shown[major]}", [Edit(line.end, line.full_end, major)]),
                )


RULES = [
    ExcessBlankLines(),
    TrailingWhitespace(),
    InvisibleCharacter(),
    ControlCharacter(),
    NonBreakingSpaceInCjk(),
    MixedLineEndings(),
]
