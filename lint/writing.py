"""Writing fixed files: atomically, and all together or not at all.

Each fixed file is first written to a temporary file beside it (same folder, so the final
``os.replace`` is an atomic rename on the same file system, with the original's permission bits).
Only when every input of the run has been read, fixed and staged are the renames done; if
anything fails before that, the temporaries are removed and every input is left as it was.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A fixed file could not be staged or put in place; the message names it."""


class StagedWrites:
    """Temporaries waiting to replace their originals."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def __len__(self) -> int:
        return len(self._staged)

    def stage(self, target: Path, data: bytes) -> None:
        folder = target.parent
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".scrapelint-tmp", dir=folder)
        except OSError as exc:
            raise WriteError(f"{target}: cannot write beside it: {exc.strerror or exc}") from None
        tmp_path = Path(tmp)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.chmod(tmp_path, stat.S_IMODE(os.stat(target).st_mode))
            except OSError:
                pass  # keep the temporary's default mode
        except OSError as exc:
            tmp_path.unlink(missing_ok=True)
            raise WriteError(f"{target}: cannot write: {exc.strerror or exc}") from None
        self._staged.append((target, tmp_path))

    def commit(self) -> None:
        """Rename every temporary over its original (each rename is atomic)."""
        done = 0
        try:
            for target, tmp in self._staged:
                os.replace(tmp, target)
                done += 1
        except OSError as exc:
            target = self._staged[done][0]
            self._staged = self._staged[done:]
            self.discard()
            raise WriteError(f"{target}: cannot replace: {exc.strerror or exc}") from None
        self._staged.clear()

    def discard(self) -> None:
        for _, tmp in self._staged:
            try:
                tmp.unlink()
            except OSError:
                pass
        self._staged.clear()
