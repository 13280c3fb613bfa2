"""Throughput of check and fix, one core: MB/s of UTF-8 text.

Usage: python bench/throughput.py [--mb 20] [FILES...]   (default: every file under samples/)

The inputs are repeated until about --mb megabytes are processed, one document per file copy, as a
corpus run would see them. Prints one line per phase; no assertion (speed targets are read, not
tested).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from scrapelint.api import default_registry
from scrapelint.decoding import decode_bytes
from scrapelint.engine import check_document, fix_document
from scrapelint.model import Document

ROOT = Path(__file__).resolve().parent.parent


def load(paths: list[Path]) -> list[str]:
    texts = []
    for p in paths:
        try:
            texts.append(decode_bytes(p.read_bytes(), str(p)).text)
        except ValueError:
            continue
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--mb", type=float, default=20.0)
    a = ap.parse_args()
    files = a.files or sorted(p for p in (ROOT / "samples").rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    texts = load(files)
    groups = {
        "all samples": texts,
        "clean samples": [t for p, t in zip(files, texts) if "clean" in p.parts],
        "noisy samples": [t for p, t in zip(files, texts) if "noisy" in p.parts],
    }
    rules = list(default_registry())
    print(f"{len(rules)} rules; target {a.mb:g} MB per phase")
    for label, group in groups.items():
        if not group:
            continue
        size = sum(len(t.encode("utf-8")) for t in group)
        reps = max(1, int(a.mb * 1e6 / size))
        docs = [t for _ in range(reps) for t in group]
        mb = size * reps / 1e6
        t0 = time.perf_counter()
        n = sum(len(check_document(Document(t), rules)) for t in docs)
        t1 = time.perf_counter()
        for t in docs:
            fix_document(Document(t), rules)
        t2 = time.perf_counter()
        print(f"{label:14} {mb:7.1f} MB  check {mb / (t1 - t0):7.2f} MB/s ({n} findings)  "
              f"fix {mb / (t2 - t1):7.2f} MB/s")
    # Per-rule cost on all samples, to see where time goes.
    size = sum(len(t.encode("utf-8")) for t in texts)
    reps = max(1, int(min(a.mb, 5) * 1e6 / size))
    docs = [Document(t) for _ in range(reps) for t in texts]
    costs = []
    for rule in rules:
        t0 = time.perf_counter()
        for d in docs:
            for _ in rule.check(d):
                pass
        costs.append((time.perf_counter() - t0, rule))
    total = sum(c for c, _ in costs)
    print("slowest rules (share of check time):")
    for c, rule in sorted(costs, key=lambda x: x[0], reverse=True)[:6]:
        print(f"  {rule.code} {rule.name:28} {100 * c / total:5.1f} %")


if __name__ == "__main__":
    main()
