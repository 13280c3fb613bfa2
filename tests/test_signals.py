"""Stopping a run: SIGTERM acts like Ctrl-C (nothing changed, temporaries removed, one message),
and worker processes never outlive their parent, even one killed outright."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc to find workers")

PARAGRAPH = ("The council approved the new bus lanes on Tuesday after a long public consultation. "
             "Work on the first corridor will begin in the spring.</p>\n")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _page(rng) -> str:
    """Distinct lines: the run must not be fast thanks to per-line caches."""
    words = "council bus lane spring corridor public approved tuesday work first new route".split()
    lines = [" ".join(rng.choice(words) for _ in range(14)).capitalize() + f" {rng.randint(0, 10**9)}.</p>"
             for _ in range(40)]
    return "\n".join(lines) + "\n" + PARAGRAPH


def _start(tmp_path):
    import random

    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(800):
        (corpus / f"{n:04d}.txt").write_text(_page(rng), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "scrapelint", "fix", "--jobs", "2", str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    workers: list[int] = []
    while time.time() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    if len(workers) < 2:
        proc.kill()
        pytest.skip("the run ended before its workers could be seen")
    time.sleep(0.3)
    return proc, corpus, workers


def _gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def test_sigterm_stops_the_run_like_ctrl_c(tmp_path):
    proc, corpus, workers = _start(tmp_path)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    unchanged = [p.read_text(encoding="utf-8").endswith(PARAGRAPH) for p in corpus.iterdir()]
    if b"no file was changed" in err:
        assert all(unchanged)
    else:  # the signal came while the fixed files were put in place: all of them were
        assert b"interrupted after the fixes were written" in err and not any(unchanged)
    assert not [p for p in corpus.iterdir() if p.name.startswith(".scrapelint-")]
    assert _gone(workers)


def test_workers_die_with_a_killed_parent(tmp_path):
    proc, _, workers = _start(tmp_path)
    proc.kill()
    proc.communicate(timeout=60)
    assert _gone(workers)
