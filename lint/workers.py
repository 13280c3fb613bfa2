"""Forked worker processes that map a function over a list, in order, and stop without hanging.

``multiprocessing.Pool`` feeds its workers through one task queue and one result queue guarded by
locks in shared memory. A worker stopped while it holds one of them — by ``Pool.terminate()``
after Ctrl-C or SIGTERM, or by the kernel's OOM killer — leaves the pool's threads, and so the run,
waiting forever (CPython issues 66587, 73945, 78178, 96995; all open for Python 3.11). Here every
worker has a pipe of its own and holds one chunk of work at a time, so nothing is shared: stopping
the workers is killing them and waiting for their exit, and a worker that dies is an error the run
reports instead of a hang.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: How many chunks the finished results may run ahead of the one the caller waits for, per
#: worker: a slow chunk does not let the others pile up results without bound.
AHEAD_PER_WORKER = 4


class WorkerDied(RuntimeError):
    """A worker process ended without answering (killed, or out of memory); ``items`` are those
    of the chunk it held."""

    def __init__(self, items: Sequence[Any]):
        super().__init__(f"a worker process ended while it held {len(items)} items "
                         "(killed, or out of memory)")
        self.items = items


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _serve(conn: Connection, func: Callable[[Any], Any], initializer: Callable[[], None] | None) -> None:
    """A worker: answer each chunk received with ``(True, results)`` or ``(False, exception)``."""
    if initializer is not None:
        initializer()
    while True:
        try:
            chunk = conn.recv()
        except EOFError:  # the parent went away
            return
        if chunk is None:
            return
        try:
            reply: tuple[bool, Any] = (True, [func(item) for item in chunk])
        except Exception as exc:  # the parent raises it, as Pool does
            reply = (False, exc)
        try:
            conn.send(reply)
        except Exception as exc:  # a result or an exception that does not pickle
            conn.send((False, RuntimeError(f"a worker's result could not be sent back: {exc!r}")))


def ordered_map(func: Callable[[T], R], items: Sequence[T], jobs: int, chunksize: int,
                initializer: Callable[[], None] | None = None) -> Iterator[R]:
    """``func(item)`` for every item, in the order of ``items``, computed in ``jobs`` forked
    processes that inherit ``func`` (it need not pickle; the items and results must).

    Closing the iterator early, or an exception in the caller's thread while it waits (Ctrl-C),
    kills the workers and waits for them before it propagates; an exception in ``func`` is raised
    here; a worker that dies raises ``WorkerDied``.
    """
    chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
    ctx = multiprocessing.get_context("fork")
    workers: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    try:
        for _ in range(min(jobs, len(chunks))):
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(theirs, func, initializer), daemon=True)
            workers.append((proc, mine))
            proc.start()
            theirs.close()
        busy: dict[Connection, int] = {}  # a worker's pipe -> the chunk it holds
        idle: list[Connection] = [conn for _, conn in workers]
        done: dict[int, list[R]] = {}
        sent = following = 0
        window = AHEAD_PER_WORKER * len(workers)
        while following < len(chunks):
            while idle and sent < len(chunks) and sent - following < window:
                conn = idle.pop()
                conn.send(chunks[sent])
                busy[conn] = sent
                sent += 1
            for conn in wait(list(busy)):
                try:
                    ok, value = conn.recv()
                except (EOFError, OSError):
                    raise WorkerDied(chunks[busy[conn]]) from None
                if not ok:
                    raise value
                done[busy.pop(conn)] = value
                idle.append(conn)
            while following in done:
                yield from done.pop(following)
                following += 1
    except BaseException:
        for proc, _ in workers:
            if proc.is_alive():
                proc.kill()
        raise
    finally:
        for proc, conn in workers:
            try:
                conn.send(None)  # a worker still waiting for work ends
            except OSError:
                pass
            conn.close()
        for proc, _ in workers:
            proc.join()
