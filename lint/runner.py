"""A run over many inputs: read → decode → check or fix → collect reports and writes.

The runner joins sources, the engine and the writer; it prints nothing (the CLI does).
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .decoding import encode_text
from .engine import RuleCrash, check_document, fix_document
from .model import Document, Severity
from .registry import Rule
from .report import FileReport
from .sources import Source, SkippedSource, SourceError, discover, load
from .writing import StagedWrites, WriteError

UTF8_NAMES = {"utf-8", "utf_8", "utf8", "ascii", "us-ascii"}


@dataclass
class RunResult:
    reports: list[FileReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    files: int = 0
    fixed_problems: int = 0
    fixed_files: int = 0
    diffs: list[str] = field(default_factory=list)
    stdout_text: list[bytes] = field(default_factory=list)

    def worst(self) -> Severity | None:
        sevs = [f.severity for r in self.reports for f in r.findings]
        return max(sevs) if sevs else None

    def failing(self, fail_on: Severity) -> int:
        return sum(1 for r in self.reports for f in r.findings if f.severity >= fail_on)


def _sources(paths, settings, stdin_filename, result: RunResult):
    for item in discover(paths, settings.all_include, settings.all_exclude, stdin_filename):
        if isinstance(item, SourceError):
            result.errors.append(str(item))
        else:
            yield item


def _load(source: Source, result: RunResult, read_stdin: Callable[[], bytes] | None) -> Document | None:
    try:
        data = read_stdin() if source.is_stdin and read_stdin else None
        return load(source, data)
    except SkippedSource as exc:
        result.skipped.append(str(exc))
    except SourceError as exc:
        result.errors.append(str(exc))
    return None


def _documents(paths, settings, stdin_filename, read_stdin, result: RunResult):
    """Every input that could be read and decoded, as (source, document)."""
    for source in _sources(paths, settings, stdin_filename, result):
        doc = _load(source, result, read_stdin)
        if doc is not None:
            result.files += 1
            yield source, doc


def run_check(
    paths: Sequence[str],
    settings,
    rules: Sequence[Rule],
    *,
    stdin_filename: str | None = None,
    read_stdin: Callable[[], bytes] | None = None,
) -> RunResult:
    result = RunResult()
    for _, doc in _documents(paths, settings, stdin_filename, read_stdin, result):
        try:
            findings = check_document(doc, rules, settings.severity)
        except RuleCrash as exc:
            result.errors.append(str(exc))
            continue
        result.reports.append(FileReport(doc, findings))
    return result


def _output_bytes(doc: Document, text: str, reencode: bool) -> bytes:
    """The bytes a fixed document is written as: its own encoding, or UTF-8 when re-encoded."""
    encoding = doc.encoding or "utf-8"
    if reencode or encoding.lower() in UTF8_NAMES:
        return encode_text(text, "utf-8", doc.bom)
    try:
        return encode_text(text, encoding, doc.bom)
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"{doc.source}: the fixed text has characters that {encoding} cannot hold ({exc.reason}); "
            "select E007 (non-utf8-file) to rewrite the file as UTF-8"
        ) from None


def run_fix(
    paths: Sequence[str],
    settings,
    rules: Sequence[Rule],
    *,
    diff: bool = False,
    stdin_filename: str | None = None,
    read_stdin: Callable[[], bytes] | None = None,
) -> RunResult:
    """Fix every input. Files are staged and replaced only when the whole run succeeded."""
    result = RunResult()
    staged = StagedWrites()
    try:
        for source, doc in _documents(paths, settings, stdin_filename, read_stdin, result):
            try:
                fixed = fix_document(doc, rules, unsafe=settings.unsafe_fixes, severity=settings.severity)
            except RuleCrash as exc:
                result.errors.append(str(exc))
                continue
            if not fixed.converged:
                result.errors.append(
                    f"{doc.source}: fixes did not settle after {fixed.passes} passes; file left unchanged"
                )
                continue
            result.reports.append(FileReport(Document(fixed.text, source=doc.source, record=doc.record),
                                             fixed.remaining))
            changed = fixed.text != doc.text or fixed.reencode
            if changed:
                result.fixed_files += 1
                result.fixed_problems += len(fixed.applied)
            if diff:
                if changed:
                    result.diffs.append(_unified(doc, fixed.text, fixed.reencode))
                continue
            if source.is_stdin:
                result.stdout_text.append(encode_text(fixed.text, "utf-8", doc.bom))
            elif changed:
                try:
                    staged.stage(source.path, _output_bytes(doc, fixed.text, fixed.reencode))
                except WriteError as exc:
                    result.errors.append(str(exc))
        if result.errors:
            staged.discard()
        else:
            try:
                staged.commit()
            except WriteError as exc:
                result.errors.append(str(exc))
    except BaseException:
        staged.discard()
        raise
    return result


def _unified(doc: Document, new: str, reencode: bool) -> str:
    old_lines = doc.text.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    name = doc.source
    out = "".join(
        _ensure_nl(line) for line in difflib.unified_diff(old_lines, new_lines, f"a/{name}", f"b/{name}")
    )
    if reencode:
        out = f"# {name}: would be rewritten from {doc.encoding} to UTF-8\n" + out
    return out.encode("utf-8", "backslashreplace").decode("utf-8")


def _ensure_nl(line: str) -> str:
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
