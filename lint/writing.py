"""Writing fixed files: atomically, and all together or not at all.

Each fixed file is first written to a temporary file beside it (same folder, so the final
``os.replace`` is an atomic rename on the same file system, with the original's permission bits;
a symbolic link is followed, so its target is fixed and the link stays). The temporaries have
short, recognisable names (``.scrapelint-PID-XXXXXXXX.tmp``), whatever the length of the
original's; the next run removes those a killed run left behind (after an hour).
Only when every input of the run has been read, fixed and staged are the renames done, and only
after a check of every target: a file someone else changed since it was read, a read-only file
and a file the system will not let us replace (immutable, in a folder we cannot write) stop the
commit before any rename. If a rename still fails, the error names the files already replaced.
"""
from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: What identifies a file's content without reading it again: size and modification time.
Signature = tuple[int, int]


def signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class WriteError(Exception):
    """A fixed file could not be staged or put in place; the message names it. ``written`` lists
    the files that were replaced before the error (none unless a rename failed mid-commit)."""

    def __init__(self, message: str, written: list[Path] | None = None):
        super().__init__(message)
        self.written = written or []


@dataclass
class _Staged:
    target: Path  # the file itself (a symbolic link resolved)
    tmp: Path
    shown: Path  # as the user named it
    read_as: Signature | None  # the file when it was read


class StagedWrites:
    """Temporaries waiting to replace their originals."""

    def __init__(self) -> None:
        self._staged: list[_Staged] = []
        #: This run's temporaries start with this, so that discard() finds even one an interrupt
        #: left unrecorded; the folders they may be in.
        self._prefix = f".scrapelint-{os.getpid()}-"
        self._folders: set[Path] = set()

    def __len__(self) -> int:
        return len(self._staged)

    def stage(self, path: Path, data: bytes | Iterable[bytes], read_as: Signature | None = None) -> None:
        """Write ``data`` (bytes, or chunks of them: a long text is streamed) to a temporary beside
        ``path`` (beside its target, for a link). A ``WriteError`` raised while the chunks are made
        removes the temporary and goes on up."""
        target = Path(os.path.realpath(path))
        try:
            mode = os.stat(target).st_mode
        except OSError as exc:
            raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from None
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            # Editors and ruff respect the mode even where the user could override it (root).
            raise WriteError(f"{path}: read-only file; not changed (make it writable to fix it)")
        if target.parent not in self._folders:
            self._folders.add(target.parent)
            _remove_stale(target.parent)
        try:
            fd, tmp = tempfile.mkstemp(prefix=self._prefix, suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise WriteError(f"{path}: cannot write beside it: {exc.strerror or exc}") from None
        tmp_path = Path(tmp)
        # Known before it is written, so that an interrupt while writing still removes it.
        self._staged.append(_Staged(target, tmp_path, path, read_as))
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in (data,) if isinstance(data, bytes) else data:
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.chmod(tmp_path, stat.S_IMODE(os.stat(target).st_mode))
            except OSError:
                pass  # keep the temporary's default mode
        except (OSError, WriteError) as exc:
            self._staged.pop()
            tmp_path.unlink(missing_ok=True)
            if isinstance(exc, WriteError):
                raise
            raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from None

    def _check(self, item: _Staged) -> str | None:
        """Why ``item`` cannot be put in place now, or ``None``."""
        if item.read_as is not None and signature(item.target) != item.read_as:
            return "changed by another program during the run; not changed"
        try:  # an immutable or append-only file refuses this without being modified
            os.close(os.open(item.target, os.O_WRONLY | os.O_APPEND))
        except OSError as exc:
            return f"cannot be replaced: {exc.strerror or exc}"
        if not os.access(item.target.parent, os.W_OK | os.X_OK):
            return "cannot be replaced: its folder is not writable"
        return None

    def commit(self) -> list[Path]:
        """Check every target, then rename every temporary over its original (each rename is
        atomic). Returns the files replaced; raises ``WriteError`` (with ``written``)."""
        for item in self._staged:
            problem = self._check(item)
            if problem is not None:
                self.discard()
                raise WriteError(f"{item.shown}: {problem}")
        written: list[Path] = []
        for i, item in enumerate(self._staged):
            try:
                os.replace(item.tmp, item.target)
            except OSError as exc:
                self._staged = self._staged[i:]
                self.discard()
                raise WriteError(f"{item.shown}: cannot replace: {exc.strerror or exc}", written) from None
            written.append(item.shown)
        self._staged.clear()
        return written

    def discard(self) -> None:
        for item in self._staged:
            item.tmp.unlink(missing_ok=True)
        self._staged.clear()
        for folder in self._folders:  # one an interrupt left unrecorded
            for leftover in folder.glob(f"{self._prefix}*.tmp"):
                leftover.unlink(missing_ok=True)


#: A temporary older than this was left by a run that was killed: the next run removes it.
STALE_SECONDS = 3600


def _remove_stale(folder: Path) -> None:
    now = time.time()
    for leftover in folder.glob(".scrapelint-*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            pass
