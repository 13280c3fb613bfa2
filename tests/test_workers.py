"""The worker processes of a parallel run: results in order, errors raised, and no hang when a
worker dies or the run is stopped (the failure modes of multiprocessing.Pool)."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from scrapelint.workers import WorkerDied, can_fork, ordered_map

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")


def _square(n: int) -> int:
    return n * n


def test_results_come_in_input_order_whatever_the_finishing_order():
    def uneven(n: int) -> int:
        if n % 7 == 0:
            time.sleep(0.01)  # some chunks finish late
        return n * n

    assert list(ordered_map(uneven, list(range(300)), jobs=3, chunksize=4)) == [n * n for n in range(300)]


def test_fewer_items_than_workers_and_no_items():
    assert list(ordered_map(_square, [3], jobs=4, chunksize=8)) == [9]
    assert list(ordered_map(_square, [], jobs=2, chunksize=8)) == []


def test_an_exception_in_the_function_is_raised_in_the_caller():
    def fails(n: int) -> int:
        if n == 33:
            raise ValueError("bad item 33")
        return n

    with pytest.raises(ValueError, match="bad item 33"):
        list(ordered_map(fails, list(range(100)), jobs=2, chunksize=5))


def _pids_of_workers(func, items, jobs, chunksize):
    """Start a map, take one result, and return the iterator and its workers' pids."""
    it = ordered_map(func, items, jobs=jobs, chunksize=chunksize)
    first = next(it)
    pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == os.getpid()]
    return it, first, pids


def _ppid(proc: Path) -> int:
    try:
        for line in (proc / "status").read_text().splitlines():
            if line.startswith("PPid:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


def _reaped(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


def test_a_worker_killed_outright_is_an_error_not_a_hang():
    """Pool waits forever for a task whose worker was killed (the OOM killer's way)."""
    def dies(n: int) -> int:
        if n == 50:
            os.kill(os.getpid(), signal.SIGKILL)
        return n

    with pytest.raises(WorkerDied) as caught:
        list(ordered_map(dies, list(range(200)), jobs=2, chunksize=10))
    assert 50 in caught.value.items and len(caught.value.items) == 10


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc")
def test_closing_the_iterator_early_stops_and_reaps_every_worker():
    def slow(n: int) -> int:
        time.sleep(0.002)
        return n

    it, first, pids = _pids_of_workers(slow, list(range(2000)), jobs=2, chunksize=10)
    assert first == 0 and len(pids) == 2
    it.close()
    assert all(_reaped(pid) for pid in pids)


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc")
def test_an_interrupt_while_waiting_kills_the_workers_at_once():
    """Ctrl-C while the workers are busy, some of them in the middle of sending a large result."""
    def big(n: int) -> str:
        return "x" * 200_000

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        for delay in (0.01, 0.05, 0.2):
            it, _, pids = _pids_of_workers(big, list(range(5000)), jobs=2, chunksize=1)
            signal.setitimer(signal.ITIMER_REAL, delay)
            start = time.monotonic()
            with pytest.raises(KeyboardInterrupt):
                for _ in it:
                    pass
            assert time.monotonic() - start < 10 + delay
            assert all(_reaped(pid) for pid in pids)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
