"""The pack format: reading a pack file and checking every key and value of it.

Errors are ``ConfigError`` naming the file and the entry
(``my-site.toml: rule 3 (B903): unknown key 'mach' (did you mean 'match'?)``). The format itself
is described in ``scrapelint.rules.packs`` and in ``packs/README.md``.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from scrapelint.fold import fold
from scrapelint.text import HAN_RE
from scrapelint.model import CATEGORIES, Applicability, Severity
from scrapelint.registry import ConfigError

from . import cache
from .triggers import Prefilter, analyze, catastrophic

MATCH_KINDS = ("line", "start", "end", "anywhere")
ZONES = ("anywhere", "head", "tail", "outside", "first-line", "last-line")
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
_HAN_RE = HAN_RE


#: Brackets a site puts around a button's label ("【打印】", "[关闭]", "(Reuters)"), folded.
_KEY_BRACKETS = {"[": "]", "(": ")", "〔": "〕"}


def line_key(s: str) -> str:
    """How a line is compared with the whole-line phrases: spaces folded, decoration trimmed,
    one pair of brackets around the whole line taken off, and a label said twice said once
    ("Read more Read more", "Sponsored LinksSponsored Links": a widget's label for screen readers
    and the visible one, glued together by the extractor)."""
    key = " ".join(s.split()).strip(_KEY_TRIM)
    if len(key) > 2 and _KEY_BRACKETS.get(key[0]) == key[-1] and key[0] not in key[1:-1]:
        key = key[1:-1].strip(_KEY_TRIM)
    n = len(key)
    if n >= 4:
        half, odd = n // 2, n % 2
        if key[0] == key[half + odd] and (not odd or key[half] == " ") and key[:half] == key[half + odd:]:
            key = key[:half]
    return key


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
    #: the phrases folded (for a ``line`` rule, their ``line_key``): read once, kept in the cache
    keys: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()  # as written, Han characters folded
    zone: str = "anywhere"
    max_length: int | None = None
    fix: str = "drop-line"
    applicability: Applicability = Applicability.SAFE
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    fixes: tuple[tuple[str, str], ...] = ()
    #: per pattern: (its prefilter, its match method: fullmatch, match or search)
    compiled: list[tuple[Prefilter, Callable]] = field(default_factory=list)


def read_pack(path: Path, *, checked: bool = False) -> list[PackEntry]:
    """The validated entries of the pack file ``path``. ``checked``: the file is one of the shipped
    packs, whose patterns the test suite compiles and checks; they are compiled on first use
    instead, which takes a tenth of a second off every start, and the entries are kept between
    runs (``scrapelint.rules.packs.cache``)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: pack file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read pack file: {exc}") from None
    if checked:
        kept = cache.load(path, raw)
        if kept is not None:
            return kept
    entries = _read(path, raw, checked)
    if checked:
        cache.store(path, raw, entries)
    return entries


def _read(path: Path, raw: bytes, checked: bool) -> list[PackEntry]:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
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
    return [_entry(raw, f"{path}: rule {n}", name, path, checked) for n, raw in enumerate(rules, 1)]


def _hint(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _entry(raw: dict, where: str, pack: str, path: Path, checked: bool = False) -> PackEntry:
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
    keys = tuple(line_key(fold(p)) if match == "line" else fold(p) for p in phrases)
    for p, key in zip(phrases, keys):
        if not key:
            raise fail(f"phrase {p!r} is only decoration")
    max_length = raw.get("max-length")
    if max_length is not None and (not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1):
        raise fail(f"max-length must be a positive integer (got {max_length!r})")
    folded_patterns = tuple(_HAN_RE.sub(lambda m: fold(m.group()), p) for p in patterns)
    compiled = [_compile(p, match, fail, checked) for p in folded_patterns]
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
        source=path.name, severity=severity, category=category, match=match, phrases=phrases, keys=keys,
        patterns=folded_patterns, zone=zone, max_length=max_length, fix=fix,
        applicability=applicability, flags=strings("flags"), passes=strings("passes"),
        fixes=tuple((b, a) for b, a in fixes), compiled=compiled,
    )


def _compile(pattern: str, match: str, fail, checked: bool = False):
    for ch in pattern:
        if ord(ch) > 127 and not _HAN_RE.match(ch) and fold(ch) != ch:
            raise fail(f"pattern '{pattern}': write {ch!r} as {fold(ch)!r} (patterns see folded text)")
    method = PatternMethod(pattern, match)
    if not checked:
        try:
            method.compile()
        except regex.error as exc:
            raise fail(f"bad pattern '{pattern}': {exc}") from None
        danger = catastrophic(pattern)
        if danger:
            raise fail(f"pattern '{pattern}' can take exponential time: {danger}; rewrite it")
    return analyze(pattern), method


_METHODS = {"line": "fullmatch", "start": "match"}


class PatternMethod:
    """A pack pattern's match method for its ``match`` kind (``fullmatch`` for a whole line,
    ``match`` at its start, ``search`` otherwise), called like the method; the pattern is compiled
    on the first call when it was not before."""

    __slots__ = ("pattern", "match", "_method")

    def __init__(self, pattern: str, match: str):
        self.pattern, self.match, self._method = pattern, match, None

    @property
    def __name__(self) -> str:
        return _METHODS.get(self.match, "search")

    def compile(self) -> Callable:
        compiled = regex.compile(self.pattern if self.match != "end" else f"(?:{self.pattern})\\Z")
        self._method = getattr(compiled, self.__name__)
        return self._method

    def __call__(self, line: str, **kwargs):
        return (self._method or self.compile())(line, **kwargs)

    def __getstate__(self):
        return self.pattern, self.match

    def __setstate__(self, state):
        self.pattern, self.match = state
        self._method = None
