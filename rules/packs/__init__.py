"""Boilerplate packs: rules written as data (TOML), matched on a folded view of each line.

A pack is a TOML file with a ``[pack]`` table and one ``[[rule]]`` table per rule. The detector
kinds are code (this module); the phrases, zones, messages, examples and documentation are data,
so a rule for a new site is a few lines of TOML, with no Python::

    [pack]
    name = "my-site"
    description = "Widgets of example.com pages."

    [[rule]]
    code = "B901"                 # B and three digits, unique among all rules
    name = "my-site-share-bar"    # kebab-case, unique
    message = "example.com share bar"
    match = "line"                # line | start | end | anywhere
    phrases = ["Share on Example", "分享到Example"]
    patterns = []                 # regexes (the `regex` module), on the folded line
    zone = "anywhere"             # anywhere | head | tail | outside | first-line | last-line
    max-length = 40               # longer lines are never matched (optional)
    fix = "drop-line"             # drop-line | drop-match | none
    applicability = "safe"        # safe | unsafe
    severity = "warning"          # error | warning | info
    category = "boilerplate"      # one of the eight categories
    flags = ["Article text.\\nShare on Example\\n"]
    passes = ["We share on Example every week, she said.\\n"]
    fixes = [["Text.\\nShare on Example\\n", "Text.\\n"]]
    doc = '''
    The share bar of example.com pages.

    ## Why is this bad?
    It is a widget's label, not part of the article.
    '''

Keys (``code``, ``name``, ``message`` and ``phrases`` or ``patterns`` are required):

``match``
    How a phrase must sit in the line (leading and trailing whitespace aside): ``line``, the whole
    line is the phrase (runs of spaces count as one, and decoration around it, such as
    ``. , ; : ! | * - » …``, is ignored); ``start``, the line begins with it; ``end``, the line ends
    with it; ``anywhere``, it occurs in the line. A pattern is applied the same way: ``line`` is a
    full match, ``start`` a match at the start, ``end`` a match that ends the line, ``anywhere`` a
    search.
``phrases``
    Literal text, folded when the pack is loaded (see ``scrapelint.fold``): write a phrase once,
    and its traditional-character, full-width and capitalized variants match too.
``patterns``
    Regular expressions of the ``regex`` module, applied to the *folded* line: write them with
    simplified characters, ASCII punctuation and lower case (Han characters in a pattern are
    folded for you; a full-width character is an error). ``\\p{Han}`` is any CJK ideograph.
``zone``
    Where on the page the line must be. The article body runs from the first to the last *prose
    line*: a line that ends in sentence punctuation, does not start with a short label and a colon
    (``Notice:``, ``特别声明:``), and has at least 40 characters when it holds CJK text or at
    least 12 words otherwise. ``head`` is the lines before the body, ``tail`` the lines after it
    (both are the whole page when it has no prose line), ``outside`` both (none when the page has
    no prose line); ``first-line`` and ``last-line`` are the first and last non-blank lines.
``max-length``
    Lines longer than this (in characters, whitespace stripped) are never matched: it keeps
    article sentences that happen to contain a phrase safe.
``fix``
    ``drop-line`` removes the line with its ending; ``drop-match`` removes the matched text and the
    spaces and separators (``- | : , > /``) beside it (the whole line when nothing else is left);
    ``none`` only reports. ``applicability`` says whether the fix is applied by ``scrapelint fix``
    (``safe``, the default) or only with ``--unsafe-fixes``.
``flags``, ``passes``, ``fixes``
    Examples the rule must flag, must leave alone, and ``[before, after]`` pairs of its fix; the
    test suite runs them for the shipped packs.
``doc``
    Markdown documentation: a one-line summary, then ``## Why is this bad?``. ``## What it does``
    and ``## Fix`` sections are generated from the data when the text has none.

Loading checks every key and value and raises ``ConfigError`` naming the file and the entry
(``my-site.toml: rule 3 (B903): unknown key 'mach' (did you mean 'match'?)``).

The modules: ``schema`` (reading and validation), ``triggers`` (what a pattern needs before it
can match: the prefilters), ``matcher`` (one scan of a document for all the rules loaded
together, and the ``PackRule`` class), ``docs`` (a rule's documentation from its data). The
shipped packs are the ``*.toml`` files beside them.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from scrapelint.registry import ConfigError, Rule

from .matcher import PackMatcher, PackRule
from .schema import PackEntry, read_pack

__all__ = ["PACKS_DIR", "PackEntry", "PackMatcher", "PackRule", "load_pack_rules", "read_pack"]

#: The shipped packs (see README.md beside them).
PACKS_DIR = Path(__file__).parent


def load_pack_rules(paths: Iterable[Path], *, reserved: Iterable[Rule] | None = None,
                    checked: bool = False) -> list[PackRule]:
    """The rules of the pack files ``paths``, matched together (one ``PackMatcher``).

    Codes and names must be unique among the packs and must not reuse those of ``reserved``
    (default: the built-in rules, shipped packs included). Raises ``ConfigError``. ``checked``:
    the shipped packs, whose patterns are compiled on first use (see ``read_pack``).
    """
    paths = [Path(p) for p in paths]
    if reserved is None:
        from scrapelint.rules import builtin_rules

        reserved = builtin_rules()
    taken = {}
    for rule in reserved:
        taken[rule.code] = taken[rule.name] = "a built-in rule"
    entries: list[PackEntry] = []
    for path in paths:
        for n, entry in enumerate(read_pack(path, checked=checked), 1):
            for key in (entry.code, entry.name):
                if key in taken:
                    raise ConfigError(f"{path}: rule {n} ({entry.code}): {key!r} is already used by {taken[key]}")
                taken[key] = f"{path}: rule {n}"
            entries.append(entry)
    matcher = PackMatcher(entries)
    return [PackRule(e, matcher) for e in entries]
