"""A run over many inputs: read → decode → check or fix → collect reports and writes.

The runner joins sources, the engine and the writer; it prints nothing (the CLI does).
"""
from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from .decoding import encode_pieces, encode_text
from .engine import FixResult, RuleCrash, check_document, fix_document
from .model import Document, Severity
from .registry import Rule
from .report import FileReport
from .sources import Source, SkippedSource, SourceError, discover, load, read_bytes
from .workers import WorkerDied, can_fork, ordered_map
from .writing import StagedWrites, WriteError, signature

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
    #: Files that ``fix`` replaced.
    written: list = field(default_factory=list)

    def failing(self, fail_on: Severity) -> int:
        return sum(1 for r in self.reports for f in r.findings if f.severity >= fail_on)


def _sources(paths, settings, stdin_filename, result: RunResult):
    for item in discover(paths, settings.all_include, settings.all_exclude, stdin_filename):
        if isinstance(item, SourceError):
            result.errors.append(str(item))
        else:
            yield item


def tune_gc() -> None:
    """Garbage-collector settings for a process that checks many documents (the CLI's).

    Checking allocates many short-lived sets and lists per line and few reference cycles; with the
    default thresholds the collector walks the young generation every 700 allocations and costs
    about a tenth of the run. The rules and tables loaded so far are frozen (never scanned again,
    and shared untouched by forked workers), and the young generation is collected every 50,000
    allocations. A library caller keeps its own settings: nothing calls this but the CLI.
    """
    gc.collect()  # nothing already garbage is frozen
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


class InterruptedAfterWrite(KeyboardInterrupt):
    """An interrupt that arrived while the fixed files were being put in place: they all were."""

    def __init__(self, written: list):
        super().__init__()
        self.written = written


@contextlib.contextmanager
def _interrupts_held(result: RunResult):
    """Hold Ctrl-C and SIGTERM while the renames run, so that they run all or not at all; an
    interrupt that came meanwhile is raised afterwards, saying what was written."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # no signal masks here
        yield
        return
    try:
        yield
    finally:
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        except KeyboardInterrupt:
            raise InterruptedAfterWrite(result.written) from None


def _worker_init() -> None:
    """A worker leaves interrupts to its parent (one message, not one traceback per worker) and
    dies with it, even when the parent is killed outright (Linux: PR_SET_PDEATHSIG)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # not Linux: the parent still terminates its workers
        pass
    if os.getppid() == 1:  # the parent died before the call above
        os._exit(1)


#: Below this many files a run stays in one process: starting workers costs more than it saves.
PARALLEL_MIN_FILES = 16

# The rules of the run, set before worker processes are forked so that they inherit them rather
# than receive a pickled copy each.
_RUN_RULES: Sequence[Rule] = ()


@dataclass
class Outcome:
    """What processing one source gave: a document and its findings or fix, or a message."""

    source: Source
    doc: Document | None = None
    #: A check's findings, with what reports need of the document (and not its text).
    report: FileReport | None = None
    fixed: FixResult | None = None
    skipped: str | None = None
    error: str | None = None
    #: The bytes of a skipped standard input, which ``fix -`` passes through unchanged.
    raw: bytes | None = None
    #: Size and modification time of the file when it was read: a file changed since is not written.
    read_as: tuple[int, int] | None = None


def _process(source: Source, fix: bool, unsafe: bool, severity, data: bytes | None = None) -> Outcome:
    read_as = signature(source.path) if fix and not source.is_stdin else None
    try:
        if data is None and source.is_stdin:
            data = read_bytes(source)  # kept: a skipped standard input is passed through
        doc = load(source, data)
    except SkippedSource as exc:
        return Outcome(source, skipped=str(exc), raw=data if source.is_stdin else None)
    except SourceError as exc:
        return Outcome(source, error=str(exc))
    try:
        if fix:
            fixed = fix_document(doc, _RUN_RULES, unsafe=unsafe, severity=severity)
            return Outcome(source, _bare(doc), fixed=fixed, read_as=read_as)
        # A check's outcome carries its report, not the text: a corpus run holds findings only.
        return Outcome(source, report=FileReport.of(doc, check_document(doc, _RUN_RULES, severity)))
    except RuleCrash as exc:
        return Outcome(source, error=str(exc))


def _bare(doc: Document) -> Document:
    """The document without its caches (they may hold what cannot cross a process boundary)."""
    return Document(doc.text, source=doc.source, record=doc.record, encoding=doc.encoding,
                    bom=doc.bom, encoding_note=doc.encoding_note, encoding_confident=doc.encoding_confident)


def is_input(path: str, paths, settings, stdin_filename=None) -> bool:
    """Whether ``path`` is one of the files a run over ``paths`` reads."""
    if not os.path.exists(path):
        return False
    target = os.path.realpath(path)
    return any(isinstance(item, Source) and item.path is not None and os.path.realpath(item.path) == target
               for item in discover(paths, settings.all_include, settings.all_exclude, stdin_filename))


def _outcomes(paths, settings, rules, fix: bool, stdin_filename, read_stdin, result: RunResult):
    """Process every source, in order, in worker processes when the run is large enough."""
    global _RUN_RULES
    _RUN_RULES = rules
    sources = list(_sources(paths, settings, stdin_filename, result))
    jobs = settings.jobs or os.cpu_count() or 1
    work = functools.partial(_process, fix=fix, unsafe=settings.unsafe_fixes, severity=settings.severity)
    parallel = (
        jobs > 1 and len(sources) >= PARALLEL_MIN_FILES and not any(s.is_stdin for s in sources)
        and can_fork()
    )
    if parallel:
        chunksize = max(1, min(64, len(sources) // (jobs * 8)))
        try:
            yield from ordered_map(work, sources, jobs, chunksize, initializer=_worker_init)
        except WorkerDied as exc:
            first, last = exc.items[0].display, exc.items[-1].display
            held = first if first == last else f"{first} … {last}"
            result.errors.append(f"{held}: a worker process ended while it processed these files (killed, "
                                 "or out of memory); the run stopped there")
        return
    for source in sources:
        data = read_stdin() if source.is_stdin and read_stdin else None
        yield work(source, data=data)


def _documents(paths, settings, rules, fix: bool, stdin_filename, read_stdin, result: RunResult):
    """Every processed input that could be read and decoded; messages go to ``result``. A skipped
    standard input is passed through unchanged when fixing, so a pipe never loses data."""
    for out in _outcomes(paths, settings, rules, fix, stdin_filename, read_stdin, result):
        if out.skipped:
            result.skipped.append(out.skipped)
            if fix and out.raw is not None:
                result.stdout_text.append(out.raw)
        elif out.error:
            result.errors.append(out.error)
            if out.doc is not None:
                result.files += 1
        else:
            result.files += 1
            yield out


def run_check(
    paths: Sequence[str],
    settings,
    rules: Sequence[Rule],
    *,
    stdin_filename: str | None = None,
    read_stdin: Callable[[], bytes] | None = None,
) -> RunResult:
    result = RunResult()
    for out in _documents(paths, settings, rules, False, stdin_filename, read_stdin, result):
        result.reports.append(out.report)
    return result


def _output_bytes(doc: Document, fixed: FixResult) -> Iterator[bytes]:
    """The bytes a fixed document is written as, piece by piece: its own encoding, or UTF-8 when
    re-encoded. A character the encoding cannot hold raises ``WriteError``."""
    encoding = doc.encoding or "utf-8"
    if fixed.reencode or encoding.lower() in UTF8_NAMES:
        encoding = "utf-8"
    try:
        yield from encode_pieces(fixed.iter_pieces(), encoding, doc.bom)
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
        for out in _documents(paths, settings, rules, True, stdin_filename, read_stdin, result):
            source, doc, fixed = out.source, out.doc, out.fixed
            if not fixed.converged:
                result.errors.append(
                    f"{doc.source}: fixes did not settle after {fixed.passes} passes; file left unchanged"
                )
                continue
            result.reports.append(FileReport.of(doc, fixed.remaining, fixed.iter_pieces()))
            changed = fixed.differs_from(doc.text) or fixed.reencode
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
                    staged.stage(source.path, _output_bytes(doc, fixed), out.read_as)
                except WriteError as exc:
                    result.errors.append(str(exc))
        if result.errors:
            staged.discard()
        else:
            with _interrupts_held(result):
                try:
                    result.written = staged.commit()
                except WriteError as exc:
                    result.errors.append(str(exc))
                    result.written = exc.written
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
