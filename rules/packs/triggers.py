"""What a pack pattern needs before it can match: the prefilters of the one-pass matcher.

A pattern is run only on lines that could hold a match. Two facts about a pattern decide which:

- its **triggers**: literal texts one of which every match contains (``条评论`` of
  ``(?:已有|共)?\\d+条评论``; ``赞赏`` or ``喜欢`` of ``\\d+人(?:赞赏|喜欢)``). They go into the one
  Aho-Corasick automaton of the matcher, and the pattern runs only on the lines where one occurs;
- otherwise its **first characters**: the characters a match can begin with (a digit for
  ``\\d+\\s+comments``, ``v`` for ``vor\\s+\\d+``). A ``line`` or ``start`` pattern matches at the
  start of the (stripped) line, so it runs only on the lines that begin with one of them; a
  stripped line never begins with whitespace, so ``\\s`` adds none.

Both are read off the parse tree of the pattern (the standard library's regular-expression
parser; the ``regex`` module's ``\\p{..}`` classes are stood in for by a wildcard). A pattern the
parser cannot read, or one with inline flags, gets neither and runs on every line its zone allows:
the prefilters only ever save work, they never change what matches.

>>> analyze(r"(?:已有|共)?\\d+条评论").literals
('条评论',)
>>> analyze(r"\\d+\\s*(?:likes?|replies)").literals
('like', 'replies')
>>> sorted(analyze(r"(?:am\\s+)?\\d{1,2}\\.\\d{1,2}\\.").first.chars)
['a']
>>> analyze(r"(?:am\\s+)?\\d{1,2}\\.\\d{1,2}\\.").first.decimal
True
>>> analyze(r"\\d{1,2}\\.\\d{1,2}\\.").longest, analyze(r"\\d+条评论").longest
(6, None)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

#: Stands for a ``regex``-only class (``\\p{Han}``) in the tree: any character, never a literal.
_WILD = "\ue000"
_PROPERTY_RE = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
#: An inline flag group, ``(?i)``; not an escaped bracket made optional, ``\(?gmt``.
_INLINE_FLAGS_RE = re.compile(r"(?<!\\)\(\?[a-zA-Z]")
#: A literal shorter than this (in characters; ASCII needs one more) would be found everywhere.
_MIN_LITERAL = 2
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


@dataclass(frozen=True)
class FirstChars:
    """The characters a match can begin with: ``chars``, plus any decimal digit when ``decimal``."""

    chars: frozenset[str]
    decimal: bool = False

    def admits(self, c: str) -> bool:
        return c in self.chars or (self.decimal and c.isdecimal())


@dataclass(frozen=True)
class Prefilter:
    """``literals``: one of them is in every match (empty: none known); ``at_start``: every match
    begins with one; ``first``: what a match begins with (``None``: anything); ``longest``: the
    most characters a match can span (``None``: no bound known)."""

    literals: tuple[str, ...] = ()
    at_start: bool = False
    first: FirstChars | None = None
    longest: int | None = None


@lru_cache(maxsize=1024)
def _parsed(pattern: str):
    """The standard parser's tree of ``pattern`` (``\\p{..}`` properties read as wildcards), or
    ``None`` for syntax only the ``regex`` module knows. Parsed once for ``analyze`` (its items
    and its width) and ``catastrophic``; none changes it."""
    try:
        return _sre.parse(_PROPERTY_RE.sub(_WILD, pattern))
    except Exception:  # noqa: BLE001 - any parse failure means "unknown shape"
        return None


def _tree(pattern: str) -> list | None:
    """The items of ``_parsed``."""
    parsed = _parsed(pattern)
    return None if parsed is None else list(parsed)


def analyze(pattern: str) -> Prefilter:
    """The prefilter of a pattern (see the module docstring); an empty one when unsure."""
    if _INLINE_FLAGS_RE.search(pattern):
        return Prefilter()
    tree = _tree(pattern)
    if tree is None:  # syntax only the `regex` module knows: no prefilter
        return Prefilter()
    options = _required(tree)
    literals: tuple[str, ...] = ()
    at_start = False
    if options:
        literals, at_start = max(options, key=lambda o: (min(map(len, o[0])), -len(o[0]), o[1]))
    first, nullable = _first(tree)
    return Prefilter(literals, at_start, None if nullable or first is None else first, _longest(pattern))


def _longest(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` can span, or ``None`` when it is unbounded or
    unknown (a ``regex``-only property class stands for one character, as it matches one)."""
    parsed = _parsed(pattern)
    try:
        high = parsed.getwidth()[1]
    except Exception:  # noqa: BLE001 - unreadable (or unparsed): no bound
        return None
    return None if high >= _c.MAXREPEAT - 1 else high


def needs_digit(pattern: str) -> bool:
    """Whether every match of ``pattern`` holds a decimal digit (``\\d``, ``[0-9]``, a digit
    written out): a line without one cannot match it. ``False`` when unsure (inline flags, syntax
    only the ``regex`` module reads, a ``\\p{..}`` class).

    >>> needs_digit(r"(?:am\\s+)?\\d{1,2}\\.\\d{1,2}\\."), needs_digit(r"(?:mon|tue)day,?\\s+\\d{1,2}")
    (True, True)
    >>> needs_digit(r"(?:share\\s*:\\s*)?(?:facebook|twitter)"), needs_digit(r"\\d*\\s*comments")
    (False, False)
    """
    if _INLINE_FLAGS_RE.search(pattern):
        return False
    tree = _tree(pattern)
    return tree is not None and _holds_digit(tree)


def _holds_digit(items: list) -> bool:
    """Whether every match of the sequence ``items`` holds a decimal digit."""
    for op, av in items:
        if op is _c.LITERAL:
            if chr(av).isdecimal():
                return True
        elif op is _c.IN:
            if _digit_class(av):
                return True
        elif op is _c.SUBPATTERN:
            if _holds_digit(list(av[-1])):
                return True
        elif op is _c.BRANCH:
            if all(_holds_digit(list(alt)) for alt in av[1]):
                return True
        elif op in _REPEATS:
            low, _, sub = av
            if low >= 1 and _holds_digit(list(sub)):
                return True
    return False


def _digit_class(av) -> bool:
    """Whether a character class matches only decimal digits."""
    for op, value in av:
        if op is _c.CATEGORY:
            if value is not _c.CATEGORY_DIGIT:
                return False
        elif op is _c.LITERAL:
            if not chr(value).isdecimal():
                return False
        elif op is _c.RANGE:
            if not all(chr(x).isdecimal() for x in range(value[0], value[1] + 1)):
                return False
        else:  # NEGATE, another category
            return False
    return bool(av)


def _useful(literal: str) -> bool:
    return len(literal) >= _MIN_LITERAL + literal.isascii()


def _required(items: list) -> list[tuple[tuple[str, ...], bool]]:
    """Alternative sets of literals, each a set one of which every match of ``items`` contains,
    with whether matches begin with it (a literal run at the very start)."""
    options: list[tuple[tuple[str, ...], bool]] = []
    run: list[str] = []
    run_at = 0

    def close(index: int) -> None:
        text = "".join(run)
        if text and _useful(text):
            options.append(((text,), run_at == 0))
        run.clear()

    for index, (op, av) in enumerate(items):
        char = _single_char(op, av)
        if char is not None:
            if not run:
                run_at = index
            run.append(char)
            continue
        if op in _REPEATS and av[0] >= 1:
            inner = list(av[2])
            char = _single_char(*inner[0]) if len(inner) == 1 else None
            if char is not None:  # "s+" : the run ends with one "s"
                if not run:
                    run_at = index
                run.append(char)
                close(index)
                continue
            close(index)
            options.extend((o, False) for o, _ in _required(inner))
            continue
        close(index)
        if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group without flags
            options.extend((o, False) for o, _ in _required(list(av[3])))
        elif op is _c.BRANCH:
            union: list[str] = []
            for alternative in av[1]:
                found = _required(list(alternative))
                if not found:
                    union = []
                    break
                best = max(found, key=lambda o: (min(map(len, o[0])), -len(o[0])))[0]
                union.extend(x for x in best if x not in union)
            if union:
                options.append((tuple(union), False))
    close(len(items))
    return options


def _single_char(op, av) -> str | None:
    """The one character an item matches, if it matches exactly one."""
    if op is _c.LITERAL:
        char = chr(av)
    elif op is _c.IN and len(av) == 1 and av[0][0] is _c.LITERAL:
        char = chr(av[0][1])
    else:
        return None
    return None if char == _WILD else char


def _first(items: list) -> tuple[FirstChars | None, bool]:
    """What a match of ``items`` begins with (``None``: unknown) and whether it can be empty."""
    chars: set[str] = set()
    decimal = False
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            if chr(av) == _WILD:
                return None, False
            return FirstChars(frozenset(chars | {chr(av)}), decimal), False
        if op is _c.IN:
            got = _class_chars(av)
            if got is None:
                return None, False
            return FirstChars(frozenset(chars | got.chars), decimal or got.decimal), False
        if op is _c.SUBPATTERN:
            inner, nullable = _first(list(av[3]))
        elif op is _c.BRANCH:
            inner, nullable = _branch_first(av[1])
        elif op in _REPEATS:
            inner, nullable = _first(list(av[2]))
            nullable = nullable or av[0] == 0
        else:  # ANY, a back reference, anything else: no filter
            return None, False
        if inner is None:
            return None, False
        chars |= inner.chars
        decimal = decimal or inner.decimal
        if not nullable:
            return FirstChars(frozenset(chars), decimal), False
    return FirstChars(frozenset(chars), decimal), True


def _branch_first(alternatives) -> tuple[FirstChars | None, bool]:
    chars: set[str] = set()
    decimal = nullable = False
    for alternative in alternatives:
        inner, empty = _first(list(alternative))
        if inner is None:
            return None, False
        chars |= inner.chars
        decimal = decimal or inner.decimal
        nullable = nullable or empty
    return FirstChars(frozenset(chars), decimal), nullable


def _class_chars(av) -> FirstChars | None:
    """The characters of a character class, when it is small and not negated. Whitespace adds
    none: the matcher tries a pattern on a line stripped of its surrounding whitespace, so a
    match never begins with a space (``(?:<\\s*)?ⓒ`` and ``<?\\s*ⓒ`` begin alike)."""
    chars: set[str] = set()
    decimal = False
    for op, value in av:
        if op is _c.LITERAL:
            if chr(value) == _WILD:
                return None
            chars.add(chr(value))
        elif op is _c.RANGE and value[1] - value[0] < 256:
            chars.update(chr(x) for x in range(value[0], value[1] + 1))
        elif op is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            decimal = True
        elif op is _c.CATEGORY and value is _c.CATEGORY_SPACE:
            continue
        else:  # negated classes, \w, \s, large ranges
            return None
    return FirstChars(frozenset(chars), decimal)


def catastrophic(pattern: str) -> str | None:
    """Why ``pattern`` can take exponential time on a short line, or ``None``: a repetition whose
    body is itself only a repetition (``(a+)+``, ``(?:x*)*``), or an alternation under an
    unbounded repetition with two identical branches (``(a|a)*``). Only these obvious shapes are
    refused; the matcher's time limit catches the rest."""
    tree = _tree(pattern)
    return None if tree is None else _catastrophic(tree)  # None: the regex module compiled it


def _catastrophic(items: list) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            body = _unwrap(list(av[2]))
            unbounded = av[1] == _c.MAXREPEAT or av[1] > 64
            if unbounded and len(body) == 1 and body[0][0] in _REPEATS and body[0][1][1] != 1:
                return "a repetition of a repetition, such as (a+)+"
            for item_op, item_av in body if unbounded else ():
                # The parser factors common prefixes out: (a|a) becomes a(?:|), two empty branches.
                branches = [repr(list(b)) for b in item_av[1]] if item_op is _c.BRANCH else []
                if len(set(branches)) < len(branches):
                    return "an alternation with identical branches under a repetition, such as (a|a)*"
            found = _catastrophic(list(av[2]))
        elif op is _c.SUBPATTERN:
            found = _catastrophic(list(av[3]))
        elif op is _c.BRANCH:
            found = next((f for b in av[1] if (f := _catastrophic(list(b)))), None)
        else:
            found = None
        if found:
            return found
    return None


def _unwrap(items: list) -> list:
    """A group's content, through groups that hold nothing else."""
    while len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = list(items[0][1][3])
    return items

