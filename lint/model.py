"""The document and finding model: what every other part of scrapelint speaks.

Offsets are character offsets into ``Document.text`` (a ``str``), half-open ``[start, end)``.
Rows and columns are computed only when a finding is reported, by ``LineIndex``; they are
1-based, and columns count characters (not bytes, not display cells).

This module imports nothing from the rest of the project.
"""
from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass, field
from functools import cached_property

CATEGORIES = (
    "escaped-html",
    "encoding",
    "markup-debris",
    "boilerplate",
    "trending-list",
    "off-topic",
    "duplicate",
    "whitespace",
)


# Markdown fenced code blocks (``` or ~~~, to the closing fence or the end) and inline code spans.
_CODE_RE = re.compile(
    r"^[ ]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)|(`+)(?!`)[^\n]+?(?<!`)\2(?!`)",
    re.M | re.S,
)


_EOL_RE = re.compile(r"\r\n|\r|\n")
_LF_RE = re.compile(r"\n")


class Severity(enum.IntEnum):
    """How bad a finding is. ``--fail-on`` compares against this order."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


class Applicability(str, enum.Enum):
    """Whether a fix may be applied without a human looking (as in ruff)."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``content`` (an insertion when start == end)."""

    start: int
    end: int
    content: str = ""

    def __reduce__(self):  # a tuple, not a slots dataclass's state dict: a corpus run sends many
        return Edit, (self.start, self.end, self.content)


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits applied together or not at all.

    ``reencode`` marks a fix whose effect is on the file's bytes rather than its text
    (a legacy-encoded file rewritten as UTF-8); it may have no edits.
    """

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...] = ()
    reencode: bool = False

    def __reduce__(self):
        return Fix, (self.applicability, self.message, self.edits, self.reencode)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits) if self.edits else 0

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits) if self.edits else 0


@dataclass(slots=True)
class Finding:
    """One problem in one document."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    confidence: float = 1.0
    fix: Fix | None = None

    def __reduce__(self):  # worker processes send every finding to the parent: pickled as a tuple
        return Finding, (self.code, self.name, self.category, self.severity, self.message, self.start, self.end,
                         self.confidence, self.fix)


@dataclass(slots=True, unsafe_hash=True)  # not frozen: built for every line of every document,
class Line:                                # and a frozen dataclass takes four times as long to build
    """One line of a document: ``text`` excludes the line ending; ``end`` is where the ending starts.
    A value: never changed once built (equal and hashed by its fields)."""

    number: int  # 1-based
    start: int
    end: int
    eol: str  # "\n", "\r\n", "\r" or "" (last line)
    text: str

    @property
    def full_end(self) -> int:
        """Offset just past the line ending."""
        return self.end + len(self.eol)


class LineIndex:
    """Maps character offsets to 1-based (row, column) and back."""

    def __init__(self, text: str):
        # "\r\n" counts once; a lone "\r" is a line ending too (old Mac files, mixed scrapes).
        eol = _EOL_RE if "\r" in text else _LF_RE
        self._starts = [0] + [m.end() for m in eol.finditer(text)]
        self._len = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._len))
        row = bisect.bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1

    @property
    def line_starts(self) -> list[int]:
        return self._starts


@dataclass
class Document:
    """A text to lint, with where it came from.

    ``text`` is exactly what was read (after decoding and after removing a leading BOM);
    line endings are kept as they were. ``encoding`` is the codec the bytes were decoded
    with (``None`` for text given as ``str``); ``bom`` says whether a BOM was removed.
    """

    text: str
    source: str = "-"
    record: str | int | None = None
    encoding: str | None = None
    bom: bool = False
    encoding_note: str = ""
    #: False when ``encoding`` is a guess from little evidence (a few non-ASCII bytes).
    encoding_confident: bool = True
    #: What rules compute once per text and share (the page model, …): a new text, a new ``meta``.
    meta: dict = field(default_factory=dict)
    #: The document as it came, when this one is the text of a fix pass: what a page is (a careless
    #: scrape with known boilerplate, or an extractor's output that opens with its article) is
    #: judged on the page as it came, not on what the first passes left of it.
    original: "Document | None" = field(default=None, repr=False, compare=False)

    @property
    def as_it_came(self) -> "Document":
        """The document before any fix pass (itself, unless it is the text of a later pass)."""
        return self.original or self

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        if "\r" not in text:  # the common case: one split, no per-line search for the ending
            out: list[Line] = []
            parts = text.split("\n")
            last = len(parts) - 1
            pos = 0
            for number, part in enumerate(parts, 1):
                end = pos + len(part)
                if number <= last:
                    out.append(Line(number, pos, end, "\n", part))
                    pos = end + 1
                elif part or number == 1:  # no empty line after a final line ending
                    out.append(Line(number, pos, end, "", part))
            return out
        out = []
        starts = self.index.line_starts
        n = len(text)
        for number, start in enumerate(starts, 1):
            nxt = starts[number] if number < len(starts) else n
            end = nxt
            eol = ""
            if end > start and text[end - 1] == "\n":
                end -= 1
                eol = "\n"
                if end > start and text[end - 1] == "\r":
                    end -= 1
                    eol = "\r\n"
            elif end > start and text[end - 1] == "\r":
                end -= 1
                eol = "\r"
            if number == len(starts) and start == n and number > 1:
                break  # text ends with a line ending: no empty last line
            out.append(Line(number, start, end, eol, text[start:end]))
        return out

    @cached_property
    def protected(self) -> list[tuple[int, int]]:
        """Spans that hold code (Markdown fences and inline code): markup rules leave them alone."""
        if "`" not in self.text:
            return []
        return [m.span() for m in _CODE_RE.finditer(self.text)]

    def is_protected(self, start: int, end: int) -> bool:
        for a, b in self.protected:
            if a < end and start < b:
                return True
            if a >= end:
                break
        return False

    def line_at(self, offset: int) -> Line:
        row, _ = self.index.position(offset)
        return self.lines[min(row, len(self.lines)) - 1]
