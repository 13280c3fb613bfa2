"""The shipped packs, read once and kept between runs.

Reading a pack is most of a start: parsing its TOML, checking every key, folding its phrases and
reading each pattern's prefilter off its parse tree take about 0.2 s for the shipped packs, and
every process pays it — each pre-commit call, each command. ``read_pack(path, checked=True)``
keeps its result here, a pickle per pack file, and the next process loads it in milliseconds.

The key of a pack's entry is a digest of everything that makes its ``PackEntry`` list: the pack
file's bytes, the source of the modules that read it (``schema``, ``triggers``, ``fold``,
``text``), the scrapelint and Python versions. A changed pack, a changed reader or an upgrade misses the cache
and writes a new entry (the old ones of that pack are removed). Only shipped packs are kept:
a user's pack is read, checked and compiled on every run, so that its errors are reported.

The off-topic rule keeps its table of word rarities here too (``offtopic.rare_weights``, built
from wordfreq's tables in about 0.25 s), keyed alike by the bytes it is made from.

Where: ``$SCRAPELINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/scrapelint``, else
``~/.cache/scrapelint``; ``SCRAPELINT_CACHE_DIR=off`` keeps nothing. A directory that cannot be
written, or an entry that cannot be read, is not an error: the pack is read from its file.
Entries are written to a temporary file and renamed, so concurrent processes never see half an
entry.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

#: The environment variable that moves (or, set to ``off``, disables) the cache.
CACHE_ENV = "SCRAPELINT_CACHE_DIR"
#: Bumped when the layout of an entry changes in a way the sources' digest would not show.
FORMAT = 1


def cache_dir() -> Path | None:
    """Where the entries are kept, or ``None`` when the cache is off."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return None if explicit.lower() == "off" else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scrapelint"


@lru_cache(maxsize=1)
def _salt() -> bytes:
    """A digest of what makes an entry besides the pack file: the readers' source and versions."""
    from scrapelint import fold, text

    from . import schema, triggers

    version = getattr(sys.modules.get("scrapelint"), "__version__", "")
    h = hashlib.sha256(f"{FORMAT}|{version}|{sys.version}".encode())
    for module in (schema, triggers, fold, text):
        h.update(Path(module.__file__).read_bytes())
    return h.digest()


def _entry_path(directory: Path, path: Path, data: bytes, kind: str) -> Path:
    digest = hashlib.sha256(_salt() + data).hexdigest()[:24]
    return directory / kind / f"{path.stem}-{digest}.pickle"


def load(path: Path, data: bytes, kind: str = "packs"):
    """The entries kept for the pack file ``path`` whose bytes are ``data``, or ``None``
    (``kind``: the subdirectory, one per kind of entry)."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        with open(_entry_path(directory, path, data, kind), "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: read the pack instead
        return None


def store(path: Path, data: bytes, entries, kind: str = "packs") -> None:
    """Keep ``entries`` for the pack file ``path`` whose bytes are ``data``; never raises."""
    directory = cache_dir()
    if directory is None:
        return
    target = _entry_path(directory, path, data, kind)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(entries, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
        for old in target.parent.glob(f"{path.stem}-*.pickle"):
            if old != target and old.name[len(path.stem) + 1:-len(".pickle")].isalnum():
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache
        return
