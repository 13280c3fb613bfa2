"""Rules and the registry that selects them.

A rule is a class with everything about it in one place: its code, kebab-case name, category,
default severity, fix applicability, a docstring that is its documentation, and examples of
text it must flag (``flags``) and text it must leave alone (``passes``). ``fixes`` holds
``(before, after)`` pairs: what the rule's own fixes make of a text. A parametrized test runs
all three for every registered rule.

The registry knows rules only through this interface; the engine never names a rule.
"""
from __future__ import annotations

import copy
import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ClassVar

from .model import CATEGORIES, Applicability, Document, Edit, Finding, Fix, Line, Severity


#: The scopes a rule can have (``Rule.scope``).
SCOPES = ("page", "text", "file")


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    #: Applicability of the rule's fix when it has one (a finding may downgrade it to unsafe);
    #: ``None`` when the rule never fixes.
    fix_applicability: ClassVar[Applicability | None] = None
    #: Skip findings inside Markdown code (fences and inline code spans).
    skips_code: ClassVar[bool] = False
    #: A cheap signature of the documents the rule can flag: literal texts one of which must occur
    #: in the text, a compiled pattern that must be found in it, or a callable that tells (such as
    #: ``text.CharScreen``). The engine skips the rule on a document without it (most text is
    #: clean). ``None``: the rule looks at every document.
    prescreen: ClassVar[tuple[str, ...] | re.Pattern[str] | Callable[[str], bool] | None] = None
    #: Rules checked together in one call, such as the rules of a set of packs that share one scan
    #: of the text: an object with ``check_batch(doc, rules) -> Iterable[Finding]`` for any of its
    #: rules. ``None``: the rule is checked on its own, by ``check``.
    batch: ClassVar[object | None] = None
    #: What the rule judges, which says where it can run on a document too long to check whole
    #: (see ``engine.WINDOW_CHARS``): ``"page"``, lines by the page around them (runs on windows
    #: of whole lines); ``"text"``, characters where they stand (runs on pieces of a line too);
    #: ``"file"``, the document as a file, its encoding (runs once, on the first window).
    scope: ClassVar[str] = "page"
    #: Set on a copy of the rule by ``Registry.override_fixes`` (the ``extend-safe-fixes`` and
    #: ``extend-unsafe-fixes`` settings): every fix of the rule gets this applicability.
    fix_override: Applicability | None = None
    #: A rule that judges lines by what the other rules found around them (as jusText gives a
    #: short line the class of its neighbours): the engine calls ``check_context(doc, findings)``
    #: after every other rule of the run, with their findings, and never ``check``. Its examples
    #: are checked with the default rules around it.
    context: ClassVar[bool] = False
    flags: ClassVar[Sequence[str]] = ()
    passes: ClassVar[Sequence[str]] = ()
    fixes: ClassVar[Sequence[tuple[str, str]]] = ()

    def check(self, doc: Document) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def check_context(self, doc: Document, findings: Sequence[Finding]) -> Iterable[Finding]:  # pragma: no cover
        """The findings of a ``context`` rule, given those of the other rules on ``doc``."""
        raise NotImplementedError

    def may_apply(self, text: str) -> bool:
        """Whether ``text`` has the rule's ``prescreen`` signature (always, without one)."""
        screen = self.prescreen
        if screen is None:
            return True
        if isinstance(screen, tuple):
            for literal in screen:  # a loop, not any(): no generator per document and rule
                if literal in text:
                    return True
            return False
        if isinstance(screen, re.Pattern):
            return screen.search(text) is not None
        return screen(text)

    # -- helpers for subclasses -------------------------------------------------------------
    def finding(
        self,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        confidence: float = 1.0,
        severity: Severity | None = None,
    ) -> Finding:
        if fix is not None and self.fix_override is not None and fix.applicability != self.fix_override:
            fix = dataclasses.replace(fix, applicability=self.fix_override)
        return Finding(
            code=self.code,
            name=self.name,
            category=self.category,
            severity=self.severity if severity is None else severity,
            message=message,
            start=start,
            end=end,
            confidence=round(confidence, 3),
            fix=fix,
        )

    def make_fix(
        self, message: str, edits: Iterable[Edit], applicability: Applicability | None = None
    ) -> Fix:
        app = applicability or self.fix_applicability or Applicability.UNSAFE
        return Fix(app, message, tuple(edits))

    @staticmethod
    def drop_line(line: Line) -> Edit:
        """An edit that removes a whole line with its line ending."""
        return Edit(line.start, line.full_end, "")

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n\n", 1)[0].replace("\n", " ")

    def __repr__(self) -> str:
        return f"<{self.code} {self.name}>"


class ConfigError(ValueError):
    """A configuration problem (a config file, a pack file); the message names the file and the key."""


class SelectionError(ValueError):
    """A selector names no rule, code prefix or category."""


class Registry:
    """All known rules, by code, and the selection logic of --select/--ignore/--extend-select."""

    def __init__(self, rules: Iterable[Rule]):
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> None:
        if rule.category not in CATEGORIES:
            raise ValueError(f"{rule.code}: unknown category {rule.category!r}")
        if rule.scope not in SCOPES:
            raise ValueError(f"{rule.code}: unknown scope {rule.scope!r}")
        if rule.code in self._rules:
            raise ValueError(f"duplicate rule code {rule.code}")
        self._rules[rule.code] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: _code_key(r.code)))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        if key.upper() in self._rules:
            return self._rules[key.upper()]
        for rule in self._rules.values():
            if rule.name == key:
                return rule
        return None

    def expand(self, selector: str) -> set[str]:
        """Codes named by one selector: ``ALL``, a code, a code prefix, a category or a rule name."""
        sel = selector.strip()
        if not sel:
            raise SelectionError("empty rule selector")
        if sel.upper() == "ALL":
            return set(self._rules)
        if sel in CATEGORIES:
            return {c for c, r in self._rules.items() if r.category == sel}
        rule = self.get(sel)
        if rule is not None:
            return {rule.code}
        prefix = sel.upper()
        codes = {c for c in self._rules if c.startswith(prefix)}
        if not codes:
            raise SelectionError(f"unknown rule selector {selector!r} (not a code, code prefix, rule name or category)")
        return codes

    def select(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> list[Rule]:
        """The rules a run uses: ``select`` (default all) plus ``extend_select``, minus ``ignore``."""
        chosen: set[str] = set()
        for sel in select if select else ["ALL"]:
            chosen |= self.expand(sel)
        for sel in extend_select:
            chosen |= self.expand(sel)
        for sel in ignore:
            chosen -= self.expand(sel)
        return [r for r in self if r.code in chosen]

    def override_fixes(
        self, rules: Sequence[Rule], extend_safe: Sequence[str] = (), extend_unsafe: Sequence[str] = ()
    ) -> list[Rule]:
        """``rules`` with the fixes of the rules named by ``extend_safe`` made safe and those of the
        rules named by ``extend_unsafe`` made unsafe (as ruff's settings of the same names; a rule
        named by both is unsafe). The overridden rules are copies: the registry's own stay as
        they are."""
        safe = {c for sel in extend_safe for c in self.expand(sel)}
        unsafe = {c for sel in extend_unsafe for c in self.expand(sel)}
        out = []
        for rule in rules:
            app = Applicability.UNSAFE if rule.code in unsafe else Applicability.SAFE if rule.code in safe else None
            if app is not None:
                rule = copy.copy(rule)
                rule.fix_override = app
            out.append(rule)
        return out


def _code_key(code: str) -> tuple[str, int]:
    letters = code.rstrip("0123456789")
    digits = code[len(letters):]
    return letters, int(digits or 0)
