"""Writing fixed files: only regular files the user may write, never over someone else's edit,
all or nothing, and a message that says exactly what was written."""
from __future__ import annotations

import os
import stat
import time

import pytest

from conftest import run_cli
from scrapelint.writing import StagedWrites, WriteError, signature

NOISY = "Quarterly sales grew 8 percent.</p>\n"
FIXED = "Quarterly sales grew 8 percent.\n"


run = run_cli
pytestmark = pytest.mark.usefixtures("cli_isolated")


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".scrapelint-")]


def test_a_read_only_file_is_not_rewritten(capsys, tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(NOISY, encoding="utf-8")
    p.chmod(0o444)
    code, _, err = run(capsys, "fix", str(p))
    assert code == 2 and "read-only file; not changed" in err and "no file was changed" in err
    assert p.read_text(encoding="utf-8") == NOISY and stat.S_IMODE(p.stat().st_mode) == 0o444
    assert _leftovers(tmp_path) == []


def test_a_symbolic_link_is_followed_and_kept(capsys, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(NOISY, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run(capsys, "fix", str(link))[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == FIXED


def test_a_named_pipe_is_skipped_not_read(capsys, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "page.txt").write_text(NOISY, encoding="utf-8")
    code, _, err = run(capsys, "fix", str(tmp_path))  # would hang reading the pipe
    assert code == 0 and "a named pipe, not a regular file" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert (tmp_path / "page.txt").read_text(encoding="utf-8") == FIXED


def test_a_name_near_the_length_limit_is_fixed(capsys, tmp_path):
    p = tmp_path / ("n" * 246 + ".txt")
    p.write_text(NOISY, encoding="utf-8")
    assert run(capsys, "fix", str(p))[0] == 0
    assert p.read_text(encoding="utf-8") == FIXED


def test_a_file_changed_during_the_run_is_left_alone(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(NOISY, encoding="utf-8")
    read_as = signature(p)
    staged = StagedWrites()
    staged.stage(p, FIXED.encode(), read_as)
    p.write_text(NOISY + "An edit made meanwhile.\n", encoding="utf-8")
    with pytest.raises(WriteError, match="changed by another program during the run"):
        staged.commit()
    assert p.read_text(encoding="utf-8").endswith("meanwhile.\n")
    assert _leftovers(tmp_path) == []


def test_a_failed_rename_names_the_files_already_written(capsys, tmp_path, monkeypatch):
    files = [tmp_path / f"{n}.txt" for n in "abc"]
    for f in files:
        f.write_text(NOISY, encoding="utf-8")
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("b.txt"):
            raise PermissionError(1, "Operation not permitted")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, _, err = run(capsys, "fix", *map(str, files))
    assert code == 2
    assert "b.txt: cannot replace: Operation not permitted" in err
    assert f"1 file was changed before the error: {files[0]}" in err
    assert [f.read_text(encoding="utf-8") for f in files] == [FIXED, NOISY, NOISY]
    assert _leftovers(tmp_path) == []


def test_temporaries_a_killed_run_left_are_removed_by_the_next(capsys, tmp_path):
    stale = tmp_path / ".scrapelint-4242-abcd1234.tmp"
    fresh = tmp_path / ".scrapelint-4343-efgh5678.tmp"
    stale.write_text("left by a killed run", encoding="utf-8")
    fresh.write_text("another run, still going", encoding="utf-8")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    p = tmp_path / "page.txt"
    p.write_text(NOISY, encoding="utf-8")
    assert run(capsys, "fix", str(p))[0] == 0
    assert not stale.exists() and fresh.exists()


def test_a_streamed_write_that_fails_leaves_no_temporary(tmp_path):
    target = tmp_path / "page.txt"
    target.write_text("old\n", encoding="utf-8")

    def chunks():
        yield b"new "
        raise WriteError(f"{target}: the fixed text has characters that gbk cannot hold")

    staged = StagedWrites()
    with pytest.raises(WriteError):
        staged.stage(target, chunks())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]
    assert staged.commit() == []
    assert target.read_text(encoding="utf-8") == "old\n"


def test_chunks_are_written_in_order(tmp_path):
    target = tmp_path / "page.txt"
    target.write_text("old\n", encoding="utf-8")
    staged = StagedWrites()
    staged.stage(target, iter([b"one ", b"two ", b"three\n"]))
    staged.commit()
    assert target.read_bytes() == b"one two three\n"
