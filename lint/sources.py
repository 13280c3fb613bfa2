"""Inputs: which files a run covers, and reading each one into a ``Document``.

Discovery follows ruff: a file named on the command line is always read; a directory is walked
(sorted, so runs are reproducible) and yields the files that match ``include`` and not
``exclude``. ``-`` is standard input.
"""
from __future__ import annotations

import fnmatch
import functools
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .decoding import BinaryFileError, DecodeError, decode_bytes
from .model import Document

STDIN = "-"

#: Corpus formats: records inside a container. Read as one text, a fix would rewrite the container
#: itself (a ``\\u003cbr\\u003e`` inside a JSON string would become a real line break and the file
#: would no longer be JSONL), so until these formats are read record by record they are skipped.
STRUCTURED_SUFFIXES = (
    ".jsonl", ".ndjson", ".json", ".parquet", ".arrow", ".feather", ".csv", ".tsv",
    ".gz", ".zst", ".zstd", ".bz2", ".xz", ".lz4", ".zip", ".tar", ".warc", ".avro",
)


class SourceError(Exception):
    """A path that cannot be read: the message names it and says why."""


class SkippedSource(Exception):
    """A path that is deliberately not linted (binary data): reported, not an error."""


@dataclass(frozen=True)
class Source:
    """A file (or standard input) to lint; ``display`` is how reports name it."""

    path: Path | None
    display: str

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def _matches(name: str, rel: str, patterns: Sequence[str]) -> bool:
    """Whether the file name or its relative path matches one of the glob ``patterns`` (as
    ``fnmatch.fnmatch``: case-folded where the file system folds case)."""
    match = _globs(tuple(patterns))
    return match(os.path.normcase(name)) is not None or match(os.path.normcase(rel)) is not None


@functools.lru_cache(maxsize=64)
def _globs(patterns: tuple[str, ...]):
    """One compiled pattern for a list of globs: a corpus walk tests every file against them."""
    if not patterns:
        return lambda s: None
    return re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns)).match


def discover(
    paths: Sequence[str],
    include: Sequence[str],
    exclude: Sequence[str],
    stdin_filename: str | None = None,
) -> Iterator[Source | SourceError]:
    """Yield every source named by ``paths``, or a ``SourceError`` for a path that cannot be walked."""
    for arg in paths:
        if arg == STDIN:
            yield Source(None, stdin_filename or STDIN)
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path, include, exclude)
        elif path.exists():
            yield Source(path, arg)
        elif path.is_symlink():
            yield SourceError(f"{arg}: broken symbolic link")
        else:
            yield SourceError(f"{arg}: no such file or directory")


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Source | SourceError]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        while errors:
            err = errors.pop()
            yield SourceError(f"{err.filename}: cannot list directory: {err.strerror or err}")
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = sorted(
            d for d in dirs if not _matches(d, os.path.normpath(os.path.join(rel_folder, d)), exclude)
        )
        for name in sorted(files):
            rel = os.path.normpath(os.path.join(rel_folder, name))
            if _matches(name, rel, exclude) or not _matches(name, rel, include):
                continue
            full = Path(folder) / name
            if full.is_symlink() and not full.exists():
                yield SourceError(f"{full}: broken symbolic link")
                continue
            yield Source(full, str(full))
    while errors:
        err = errors.pop()
        yield SourceError(f"{err.filename}: cannot list directory: {err.strerror or err}")


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def read_bytes(source: Source) -> bytes:
    if source.is_stdin:
        return sys.stdin.buffer.read()
    try:
        mode = os.stat(source.path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            # Reading a pipe or a device would wait for ever, and writing would replace it.
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise SkippedSource(f"{source.display}: skipped: {kind}, not a regular file")
        return source.path.read_bytes()
    except IsADirectoryError:
        raise SourceError(f"{source.display}: is a directory") from None
    except PermissionError:
        raise SourceError(f"{source.display}: cannot read: permission denied") from None
    except FileNotFoundError:
        raise SourceError(f"{source.display}: no such file or directory") from None
    except OSError as exc:
        raise SourceError(f"{source.display}: cannot read: {exc.strerror or exc}") from None


def structured_suffix(name: str) -> str | None:
    """The corpus-format suffix of a file name, if it has one."""
    lower = name.lower()
    return next((s for s in STRUCTURED_SUFFIXES if lower.endswith(s)), None)


def structured_kind(name: str, data: bytes) -> str | None:
    """What kind of corpus file ``name`` is (its suffix, or "JSON lines" when its first lines are
    all JSON objects, two at least), or ``None`` for text. A page that merely holds a JSON blob
    among its lines is text."""
    suffix = structured_suffix(name)
    if suffix is not None:
        return suffix
    if not data.lstrip()[:1] == b"{":
        return None
    lines = [ln for ln in data[:262144].splitlines() if ln.strip()][:5]
    if len(lines) < 2:
        return None
    try:
        if all(isinstance(json.loads(ln), dict) for ln in lines):
            return "JSON lines"
    except (ValueError, UnicodeDecodeError):
        pass
    return None


def load(source: Source, data: bytes | None = None) -> Document:
    """Read and decode one source. Raises ``SourceError`` or ``SkippedSource``."""
    if data is None:
        if not source.is_stdin and structured_suffix(source.display):  # known without reading it
            data = b""
        else:
            data = read_bytes(source)
    kind = structured_kind(source.display, data)
    if kind is not None:
        raise SkippedSource(
            f"{source.display}: skipped: structured data ({kind}) is not supported yet; left as it is"
        )
    try:
        decoded = decode_bytes(data, source.display)
    except BinaryFileError as exc:
        raise SkippedSource(f"{source.display}: skipped: binary file ({exc.reason})") from None
    except DecodeError as exc:
        raise SourceError(f"{source.display}: cannot decode: {exc}") from None
    return Document(
        decoded.text,
        source=source.display,
        encoding=decoded.encoding,
        bom=decoded.bom,
        encoding_note=decoded.note,
        encoding_confident=decoded.confident,
    )
