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
    zone = "anywhere"             # anywhere | head | tail | first-line | last-line
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
    (both are the whole page when it has no prose line); ``first-line`` and ``last-line`` are the
    first and last non-blank lines.
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

Matching is one pass per document for all the rules loaded together: the text is folded once
(cached on the document, see ``FoldedPage``), whole-line phrases are dictionary look-ups, every
other phrase of every rule, and the literal part of every pattern, is found by one Aho-Corasick
automaton over the folded text; a pattern runs only on the lines where its literal occurs (or,
without one, on the lines its zone and ``max-length`` allow).
"""
from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick_rs
import regex

from .config import ConfigError
from .fold import fold
from .model import CATEGORIES, Applicability, Document, Edit, Severity
from .page import FoldedPage
from .registry import Rule

MATCH_KINDS = ("line", "start", "end", "anywhere")
ZONES = ("anywhere", "head", "tail", "first-line", "last-line")
FIX_KINDS = ("drop-line", "drop-match", "none")
PACK_KEYS = {"name", "description"}
RULE_KEYS = {
    "code", "name", "message", "severity", "category", "match", "phrases", "patterns", "zone",
    "max-length", "fix", "applicability", "flags", "passes", "fixes", "doc",
}
_CODE_RE = re.compile(r"B\d{3}")
_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: Decoration ignored around a whole-line phrase: "» Read more", "**分享至**", "↑返回顶部", "- END -".
_KEY_TRIM = " .,;:!»›→↑…•·|*-–—"
#: What a drop-match fix removes beside the match (on the folded text).
_SEPARATORS = frozenset(" \t-–—_|·•:,>/~")
#: Folded sentence-final punctuation (。！？”」 fold to . ! ? " ").

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _line_key(s: str) -> str:
    return " ".join(s.split()).strip(_KEY_TRIM)


# -- rules ---------------------------------------------------------------------------------


@dataclass(eq=False)
class PackEntry:
    """One validated ``[[rule]]`` table."""

    code: str
    name: str
    message: str
    doc: str
    pack: str
    source: str
    severity: Severity = Severity.WARNING
    category: str = "boilerplate"
    match: str = "line"
    phrases: tuple[str, ...] = ()  # as written
    patterns: tuple[str, ...] = ()  # as written, Han characters folded
    zone: str = "anywhere"
    max_length: int | None = None
    fix: str = "drop-line"
    applicability: Applicability = Applicability.SAFE
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    fixes: tuple[tuple[str, str], ...] = ()
    #: per pattern: (literals that trigger it, whether matches start with them, match method)
    compiled: list = field(default_factory=list)


class PackRule(Rule):
    """A rule configured from a pack entry; its documentation is the entry's ``doc``."""

    def __init__(self, entry: PackEntry, matcher: "PackMatcher"):
        self.entry = entry
        self.code = entry.code
        self.name = entry.name
        self.category = entry.category
        self.severity = entry.severity
        self.fix_applicability = None if entry.fix == "none" else entry.applicability
        self.flags = entry.flags
        self.passes = entry.passes
        self.fixes = entry.fixes
        self._matcher = matcher
        self._doc = _render_doc(entry)

    def doc(self) -> str:  # an instance's text, not a class docstring
        return self._doc

    def summary(self) -> str:
        return self._doc.split("\n\n", 1)[0].replace("\n", " ")

    def check(self, doc: Document):
        # Hot path: ~200 pack rules are asked about every document, and most have no hit; the
        # page's hits are computed once (by the first rule asked) and looked up after that.
        page = doc.meta.get("_folded_page")
        hits = page.hits.get(self._matcher) if page is not None and page.text is doc.text else None
        if hits is None:
            page, hits = self._matcher.scan(doc)
        mine = hits.get(self.code)
        return self._findings(doc, page, mine) if mine else ()

    def _findings(self, doc: Document, page: FoldedPage, mine):
        entry = self.entry
        for i, s, e in mine:
            a, b = page.spans[i]
            line = doc.lines[i]
            if entry.fix == "none":
                yield self.finding(s, e, entry.message)
                continue
            span = _match_edit(page.folded, a, b, s, e) if entry.fix == "drop-match" else None
            if span is None:
                edit, what = self.drop_line(line), "Remove the line"
                start, end = (a, b) if entry.fix == "drop-line" else (s, e)
            else:
                edit, what = Edit(span[0], span[1], ""), f"Remove {doc.text[s:e]!r}"
                start, end = s, e
            yield self.finding(start, end, entry.message, fix=self.make_fix(what, [edit]))


def _match_edit(folded: str, a: int, b: int, s: int, e: int) -> tuple[int, int] | None:
    """The span a drop-match fix removes: the match and the separators after it (or before it,
    at the end of the line); ``None`` when that is the whole line."""
    while e < b and folded[e] in _SEPARATORS:
        e += 1
    if e == b:
        while s > a and folded[s - 1] in _SEPARATORS:
            s -= 1
    if s <= a and e >= b:
        return None
    return s, e


class PackMatcher:
    """Finds the lines of every rule loaded together in one pass over a document.

    Whole-line phrases are looked up in a dict; all other phrases, and the literal texts one of
    which every match of a pattern contains (``条评论`` of ``(?:已有|共)?\\d+条评论``), go into one
    Aho-Corasick automaton run over the folded text, so a pattern runs only on the lines where its
    literal occurs. Patterns without such a literal run on the lines their zone and
    ``max-length`` allow.
    """

    def __init__(self, entries: Sequence[PackEntry]):
        self.entries = list(entries)
        self.whole: dict[str, list[PackEntry]] = {}
        #: phrase → (entry, None) for a phrase, (entry, (method, at_start)) for a pattern's trigger
        found_by: dict[str, list[tuple[PackEntry, object]]] = {}
        self.unanchored: list[tuple[PackEntry, list]] = []
        for entry in self.entries:
            for phrase in entry.phrases:
                folded = fold(phrase)
                if entry.match == "line":
                    self.whole.setdefault(_line_key(folded), [])
                    if entry not in self.whole[_line_key(folded)]:
                        self.whole[_line_key(folded)].append(entry)
                elif (entry, None) not in found_by.setdefault(folded, []):
                    found_by[folded].append((entry, None))
            loose = [method for literals, _, method in entry.compiled if not literals]
            for literals, at_start, method in entry.compiled:
                for literal in literals:
                    found_by.setdefault(literal, []).append((entry, (method, at_start)))
            if loose:
                self.unanchored.append((entry, loose))
        # Decoration around a whole-line phrase is ignored, within reason.
        self.whole_max = max(map(len, self.whole), default=0) + 16
        self.phrases = list(found_by)
        self.phrase_entries = [found_by[p] for p in self.phrases]
        self.automaton = (
            ahocorasick_rs.AhoCorasick(self.phrases, matchkind=ahocorasick_rs.MatchKind.Standard)
            if self.phrases else None
        )

    def scan(self, doc: Document) -> tuple[FoldedPage, dict[str, list[tuple[int, int, int]]]]:
        """The page and, for each rule code, its hits ``(line index, start, end)``: at most one
        a line, the leftmost."""
        page = FoldedPage.of(doc)
        hits = page.hits.get(self)
        if hits is not None:
            return page, hits
        found: dict[str, dict[int, tuple[int, int]]] = {}
        folded = page.folded
        spans = page.spans

        def allowed(entry: PackEntry, i: int) -> bool:
            a, b = spans[i]
            return (entry.max_length is None or b - a <= entry.max_length) and page.in_zone(i, entry.zone)

        def hit(entry: PackEntry, i: int, s: int, e: int) -> None:
            lines = found.setdefault(entry.code, {})
            if i not in lines or (s, -e) < (lines[i][0], -lines[i][1]):
                lines[i] = (s, e)

        def try_patterns(entry: PackEntry, i: int, methods) -> None:
            a, b = spans[i]
            line = folded[a:b]
            for method in methods:
                m = method(line)
                if m is not None:
                    hit(entry, i, a + m.start(), a + m.end())
                    return

        if self.whole:
            for i in page.lines_up_to(self.whole_max):
                a, b = spans[i]
                for entry in self.whole.get(_line_key(folded[a:b]), ()):
                    if allowed(entry, i):
                        hit(entry, i, a, b)
        if self.automaton is not None:
            tried: set[tuple[int, int]] = set()
            for pid, s, e in self.automaton.find_matches_as_indexes(folded, overlapping=True):
                i = page.line_of(s)
                a, b = spans[i]
                for entry, trigger in self.phrase_entries[pid]:
                    kind = entry.match
                    if trigger is None:  # a phrase
                        if (kind == "anywhere" or (kind == "start" and s == a) or (kind == "end" and e == b)) \
                                and allowed(entry, i):
                            hit(entry, i, s, e)
                        continue
                    method, at_start = trigger  # a pattern's literal: try the pattern on this line
                    if at_start and kind in ("line", "start") and s != a:
                        continue
                    if (id(method), i) not in tried and allowed(entry, i):
                        tried.add((id(method), i))
                        try_patterns(entry, i, [method])
        for entry, methods in self.unanchored:
            for i in page.candidates(entry.zone, entry.max_length):
                if page.in_zone(i, entry.zone):
                    try_patterns(entry, i, methods)
        hits = {code: [(i, s, e) for i, (s, e) in sorted(lines.items())] for code, lines in found.items()}
        page.hits[self] = hits
        return page, hits


# -- loading and validation ------------------------------------------------------------------


def load_pack_rules(paths: Iterable[Path], *, reserved: Iterable[Rule] | None = None) -> list[Rule]:
    """The rules of the pack files ``paths``, matched together.

    Codes and names must be unique among the packs and must not reuse those of ``reserved``
    (default: the built-in rules, shipped packs included). Raises ``ConfigError``.
    """
    paths = [Path(p) for p in paths]
    if reserved is None:
        from .rules import builtin_rules

        reserved = builtin_rules()
    taken = {}
    for rule in reserved:
        taken[rule.code] = taken[rule.name] = "a built-in rule"
    entries: list[PackEntry] = []
    for path in paths:
        for n, entry in enumerate(_read_pack(path), 1):
            for key in (entry.code, entry.name):
                if key in taken:
                    raise ConfigError(f"{path}: rule {n} ({entry.code}): {key!r} is already used by {taken[key]}")
                taken[key] = f"{path}: rule {n}"
            entries.append(entry)
    matcher = PackMatcher(entries)
    return [PackRule(e, matcher) for e in entries]


def _read_pack(path: Path) -> list[PackEntry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: pack file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read pack file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    for key in data:
        if key not in ("pack", "rule"):
            raise ConfigError(f"{path}: unknown table {key!r}{_hint(key, ('pack', 'rule'))} (expected [pack] and [[rule]])")
    pack = data.get("pack", {})
    if not isinstance(pack, dict):
        raise ConfigError(f"{path}: [pack] must be a table")
    for key in pack:
        if key not in PACK_KEYS:
            raise ConfigError(f"{path}: [pack]: unknown key {key!r}{_hint(key, PACK_KEYS)}")
    name = pack.get("name", path.stem)
    rules = data.get("rule", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ConfigError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    return [_entry(raw, f"{path}: rule {n}", name, path) for n, raw in enumerate(rules, 1)]


def _hint(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _entry(raw: dict, where: str, pack: str, path: Path) -> PackEntry:
    code = raw.get("code")
    if isinstance(code, str):
        where = f"{where} ({code})"

    def fail(msg: str) -> ConfigError:
        return ConfigError(f"{where}: {msg}")

    for key in raw:
        if key not in RULE_KEYS:
            raise fail(f"unknown key {key!r}{_hint(key, RULE_KEYS)}")
    for key in ("code", "name", "message"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(f"{key!r} is required and must be a non-empty string")

    def choice(key: str, allowed: Sequence[str], default: str) -> str:
        value = raw.get(key, default)
        if value not in allowed:
            raise fail(f"{key} must be one of {', '.join(allowed)} (got {value!r})")
        return value

    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key!r} must be a list of strings")
        return tuple(value)

    if not _CODE_RE.fullmatch(code):
        raise fail(f"code must be B and three digits (got {code!r})")
    if not _NAME_RE.fullmatch(raw["name"]):
        raise fail(f"name must be kebab-case, like 'share-widget' (got {raw['name']!r})")
    try:
        severity = Severity.parse(raw.get("severity", "warning"))
    except (ValueError, AttributeError):
        raise fail(f"severity must be error, warning or info (got {raw.get('severity')!r})") from None
    category = choice("category", CATEGORIES, "boilerplate")
    match = choice("match", MATCH_KINDS, "line")
    zone = choice("zone", ZONES, "anywhere")
    fix = choice("fix", FIX_KINDS, "drop-line")
    applicability = Applicability(choice("applicability", ("safe", "unsafe"), "safe"))
    phrases, patterns = strings("phrases"), strings("patterns")
    if not phrases and not patterns:
        raise fail("a rule needs 'phrases' or 'patterns'")
    for p in phrases:
        if not p.strip() or "\n" in p or "\r" in p:
            raise fail(f"phrase {p!r} must be non-blank text on one line")
        if match == "line" and not _line_key(fold(p)):
            raise fail(f"phrase {p!r} is only decoration")
    max_length = raw.get("max-length")
    if max_length is not None and (not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1):
        raise fail(f"max-length must be a positive integer (got {max_length!r})")
    folded_patterns = tuple(_HAN_RE.sub(lambda m: fold(m.group()), p) for p in patterns)
    compiled = [_compile(p, match, fail) for p in folded_patterns]
    fixes = raw.get("fixes", [])
    if not isinstance(fixes, list) or not all(
        isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in fixes
    ):
        raise fail("'fixes' must be a list of [before, after] pairs of strings")
    doc = raw.get("doc", "")
    if not isinstance(doc, str):
        raise fail("'doc' must be a string")
    return PackEntry(
        code=code, name=raw["name"], message=raw["message"].strip(), doc=doc, pack=pack,
        source=path.name, severity=severity, category=category, match=match, phrases=phrases,
        patterns=folded_patterns, zone=zone, max_length=max_length, fix=fix,
        applicability=applicability, flags=strings("flags"), passes=strings("passes"),
        fixes=tuple((b, a) for b, a in fixes), compiled=compiled,
    )


def _compile(pattern: str, match: str, fail):
    for ch in pattern:
        if ord(ch) > 127 and not _HAN_RE.match(ch) and fold(ch) != ch:
            raise fail(f"pattern '{pattern}': write {ch!r} as {fold(ch)!r} (patterns see folded text)")
    try:
        compiled = regex.compile(pattern if match != "end" else f"(?:{pattern})\\Z")
    except regex.error as exc:
        raise fail(f"bad pattern '{pattern}': {exc}") from None
    method = {"line": compiled.fullmatch, "start": compiled.match}.get(match, compiled.search)
    return (*_triggers(pattern), method)


_META = ".^$*+?{}[]()|\\"
_ALTERNATIVES = regex.compile(r"(?:\?:)?([^.^$*+?{}\[\]()|\\]+(?:\|[^.^$*+?{}\[\]()|\\]+)*)")


def _triggers(pattern: str) -> tuple[tuple[str, ...], bool]:
    """Literal texts one of which every match of ``pattern`` contains, and whether matches start
    with it: a literal run outside groups (``网易首页\\s*>`` → ``网易首页``, at the start;
    ``(?:已有|共)?\\d+条评论`` → ``条评论``) or a required group of plain alternatives
    (``\\d+人(?:赞赏|喜欢)`` → ``赞赏``, ``喜欢``), whichever is longest. Nothing when a top-level
    ``|``, inline flags or one-byte literals make a trigger useless."""
    if regex.search(r"\(\?[a-zA-Z]", pattern):
        return (), False
    runs: list[tuple[int, str]] = []
    groups: list[tuple[int, tuple[str, ...]]] = []
    run: list[str] = []
    run_start, i, n = 0, 0, len(pattern)

    def close() -> None:
        if run:
            runs.append((run_start, "".join(run)))
        run.clear()

    while i < n:
        c, literal, step = pattern[i], None, 1
        if c == "\\":
            nxt = pattern[i + 1: i + 2]
            if nxt and not nxt.isalnum():
                literal, step = nxt, 2
            elif nxt in ("p", "P") and pattern[i + 2: i + 3] == "{":
                step = pattern.index("}", i) + 1 - i
            else:
                step = 2
        elif c == "[":
            step = _class_end(pattern, i) + 1 - i
        elif c == "(":
            end = _group_end(pattern, i)
            step = end + 1 - i
            m = _ALTERNATIVES.fullmatch(pattern, i + 1, end)
            if m and pattern[end + 1: end + 2] not in ("*", "?", "{"):
                groups.append((i, tuple(m.group(1).split("|"))))
        elif c == "|":
            return (), False
        elif c == "{" and regex.match(r"\{\d*,?\d*\}", pattern[i:]):
            step = pattern.index("}", i) + 1 - i
        elif c not in _META:
            literal = c
        following = pattern[i + step: i + step + 1]
        if literal is not None and following and following in "*?{":
            literal = None  # optional or counted
        if literal is None:
            close()
        else:
            if not run:
                run_start = i
            run.append(literal)
            if following == "+":
                close()
        i += step
    close()
    # The rarest trigger wins: the longest shortest alternative, a plain run before a group.
    options = [(min(len(a) for a in alts), -len(alts), -where, alts) for where, alts in
               [(w, (t,)) for w, t in runs] + groups if all(len(a.encode()) >= 2 for a in alts)]
    if not options:
        return (), False
    *_, minus_where, alternatives = max(options)
    return alternatives, minus_where == 0


def _class_end(pattern: str, i: int) -> int:
    """Index of the ``]`` closing the character class that opens at ``i``."""
    j = i + 1 + (pattern[i + 1: i + 2] == "^")
    j += pattern[j: j + 1] == "]"
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _group_end(pattern: str, i: int) -> int:
    """Index of the ``)`` closing the group that opens at ``i``."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 1
        elif c == "[":
            j = _class_end(pattern, j)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return len(pattern)


# -- documentation ---------------------------------------------------------------------------

_MATCH_WORDS = {
    "line": "Lines that are, as a whole,",
    "start": "Lines that start with",
    "end": "Lines that end with",
    "anywhere": "Lines that contain",
}
_ZONE_WORDS = {
    "anywhere": "",
    "head": " before the article body (in the page's head)",
    "tail": " after the article body (in the page's tail)",
    "first-line": " on the first non-blank line",
    "last-line": " on the last non-blank line",
}


def _render_doc(entry: PackEntry) -> str:
    text = _dedent(entry.doc) or f"{entry.message[0].upper()}{entry.message[1:]}."
    summary, _, rest = text.partition("\n\n")
    parts = [summary]
    if "## What it does" not in text:
        parts.append("## What it does\n" + _what(entry))
    if rest:
        parts.append(rest)
    if "## Why" not in text:
        parts.append(f"## Why is this bad?\nIt is listed in the boilerplate pack `{entry.pack}`: "
                     "text a page template adds around the article, not part of it.")
    if "## Fix" not in text:
        parts.append(_fix_words(entry))
    parts.append(f"Pack: `{entry.pack}` ({entry.source}).")
    return "\n\n".join(parts)


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text) if text.strip() else ""


def _what(entry: PackEntry) -> str:
    items = [f"`{p}`" for p in entry.phrases] + [f"the pattern `{p}`" for p in entry.patterns]
    if len(items) > 12:
        items = items[:12] + [f"{len(items) - 12} more"]
    shown = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
    text = f"{_MATCH_WORDS[entry.match]} {shown}{_ZONE_WORDS[entry.zone]}"
    if entry.max_length:
        text += f", in lines of at most {entry.max_length} characters"
    return text + (". Matching folds traditional characters to simplified, full-width forms to "
                   "ASCII and capitals to lower case, so each phrase is written once.")


def _fix_words(entry: PackEntry) -> str:
    if entry.fix == "none":
        return "## Fix\nNone: the rule only reports."
    how = {
        "drop-line": "The line is removed with its line ending.",
        "drop-match": "The matched text is removed with the spaces and separators beside it "
                      "(the whole line when nothing else is left).",
    }[entry.fix]
    return f"## Fix ({entry.applicability})\n{how}"
