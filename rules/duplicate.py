"""Duplicate rules (D): text the scraper delivered twice."""
from __future__ import annotations

import unicodedata

from scrapelint.model import Applicability, Document
from scrapelint.registry import Rule

SAFE = Applicability.SAFE

#: A line needs this many letters (any script) to count as a repeat: short lines such as
#: "---", "1." or a lyric's "啦啦" repeat legitimately.
MIN_LETTERS = 6


def _letters(s: str) -> int:
    return sum(1 for c in s if unicodedata.category(c)[0] in "LN")


class RepeatedLine(Rule):
    """The same line twice in a row.

    ## What it does
    Finds a non-blank line that repeats the previous non-blank line exactly (blank lines between
    the two copies are ignored; leading and trailing whitespace is not compared). Lines with fewer
    than six letters or digits are not considered.

    ## Why is this bad?
    Scrapers duplicate a block when a page renders it twice (a headline in a link and in its
    card, a paragraph in the page and in its print view). The copy adds nothing and skews
    deduplication and training statistics.

    ## Fix (safe)
    The second copy is removed with its line ending.
    """

    code = "D001"
    name = "repeated-line"
    category = "duplicate"
    fix_applicability = SAFE
    flags = (
        "Stocks rallied on Friday after the report.\nStocks rallied on Friday after the report.\n",
        "央行宣布下调存款准备金率\n\n央行宣布下调存款准备金率\n",
    )
    passes = (
        "Stocks rallied on Friday.\nBonds fell on Friday.\n",
        "啦啦啦\n啦啦啦\n",
        "---\n---\n",
        "The committee met again.\nA second paragraph.\nThe committee met again.\n",
    )
    fixes = (
        ("Title of the story here\n\nTitle of the story here\n\nBody text.\n", "Title of the story here\n\n\nBody text.\n"),
    )

    def check(self, doc: Document):
        prev = None
        for line in doc.lines:
            key = line.text.strip()
            if not key:
                continue
            if prev is not None and key == prev.text.strip() and _letters(key) >= MIN_LETTERS:
                yield self.finding(
                    line.start, line.end,
                    f"line repeats line {prev.number}",
                    fix=self.make_fix("Remove the repeated line", [self.drop_line(line)]),
                )
                continue  # a third copy is compared with the first, and removed too
            prev = line


RULES = [RepeatedLine()]
