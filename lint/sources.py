"""Inputs: which files a run covers, and reading each one into a ``Document``.

Discovery follows ruff: a file named on the command line is always read; a directory is walked
(sorted, so runs are reproducible) and yields the files that match ``include`` and not
``exclude``. ``-`` is standard input.
"""
from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .decoding import BinaryFileError, DecodeError, decode_bytes
from .model import Document

STDIN = "-"


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
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


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


def read_bytes(source: Source) -> bytes:
    if source.is_stdin:
        return sys.stdin.buffer.read()
    try:
        return source.path.read_bytes()
    except IsADirectoryError:
        raise SourceError(f"{source.display}: is a directory") from None
    except PermissionError:
        raise SourceError(f"{source.display}: cannot read: permission denied") from None
    except FileNotFoundError:
        raise SourceError(f"{source.display}: no such file or directory") from None
    except OSError as exc:
        raise SourceError(f"{source.display}: cannot read: {exc.strerror or exc}") from None


def load(source: Source, data: bytes | None = None) -> Document:
    """Read and decode one source. Raises ``SourceError`` or ``SkippedSource``."""
    if data is None:
        data = read_bytes(source)
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
    )
