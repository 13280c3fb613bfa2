"""Peak memory of ``scrapelint check`` and ``fix`` on large single files, against the file's size.

Inputs, generated in a temporary directory (distinct text throughout, no repeated lines):

- ``one-page``: one noisy page — the fixed cost (interpreter, rules and tables loaded, caches);
- ``one-line``: clean prose on a single line of ``--mb`` megabytes;
- ``short-lines``: a million short lines (about 30 MB);
- ``noisy``: the noisy documents of ``bench/corpus.py`` one after another, ``--mb`` megabytes;
- ``noisy-gb18030``: the same documents, half as many bytes, in GB18030 — a legacy encoding is
  decided on the head of a large file and the file decoded once.

Each command runs in a fresh process that reports its own peak resident set size (``VmHWM``).
A document longer than ``scrapelint.engine.WINDOW_CHARS`` characters is checked in windows, so
memory grows with the text held (and the findings), not with the page analysis of the whole file.

Usage: python bench/memory.py [--mb 50] [--skip-fix]

Prints a Markdown table; asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import generate  # bench/ is sys.path[0] when this script runs

# Runs the command line in this process, then prints the process's peak RSS (KB) to stderr.
_WRAPPER = """
import sys
from scrapelint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
with open("/proc/self/status", encoding="ascii") as f:
    peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
print(f"PEAK {peak}", file=sys.stderr)
"""

_WORDS = ("council budget river school harbour library station market bridge museum volunteers "
          "officials residents district spring autumn morning evening approved opened announced "
          "planned extended repaired visited").split()


def _sentence(rng: random.Random, i: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 14))]
    return f"{' '.join(words).capitalize()} number {i}."


def make_inputs(tmp: Path, mb: float) -> dict[str, Path]:
    rng = random.Random(0)
    paths = {"one-page": tmp / "one-page.txt", "one-line": tmp / "one-line.txt",
             "short-lines": tmp / "short-lines.txt", "noisy": tmp / "noisy.txt",
             "noisy-gb18030": tmp / "noisy-gb18030.txt"}
    page = next(doc for doc in generate(float("inf"), seed=6) if doc.noisy)
    paths["one-page"].write_text(page.text, encoding="utf-8")
    with paths["one-line"].open("w", encoding="utf-8") as f:
        size, i = 0, 0
        while size < mb * 1e6:
            s = _sentence(rng, i) + " "
            f.write(s)
            size += len(s)
            i += 1
        f.write("\n")
    with paths["short-lines"].open("w", encoding="utf-8") as f:
        for i in range(1_000_000):
            f.write(f"{rng.choice(_WORDS).capitalize()} {rng.choice(_WORDS)} {i}\n")
    with paths["noisy"].open("w", encoding="utf-8") as f:
        size = 0
        for doc in generate(float("inf"), seed=5):
            if doc.noisy:
                f.write(doc.text + "\n\n")
                size += len(doc.text.encode("utf-8")) + 2
                if size >= mb * 1e6:
                    break
    with paths["noisy"].open(encoding="utf-8") as src, paths["noisy-gb18030"].open("wb") as dst:
        size = 0
        for line in src:
            data = line.encode("gb18030", "surrogateescape")
            dst.write(data)
            size += len(data)
            if size >= mb / 2 * 1e6:
                break
    return paths


def peak_kb(args: list[str]) -> int:
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    line = next((ln for ln in done.stderr.splitlines() if ln.startswith("PEAK ")), None)
    if line is None:
        raise SystemExit(f"scrapelint {' '.join(args)} failed:\n{done.stderr}")
    return int(line.split()[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50, help="size of the one-line and noisy files")
    ap.add_argument("--skip-fix", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="scrapelint-memory-") as tmp:
        paths = make_inputs(Path(tmp), a.mb)
        base = None
        print("| input | MB | check peak | × input | fix peak | × input |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, path in paths.items():
            mb = path.stat().st_size / 1e6
            check = peak_kb(["check", "--exit-zero", "--statistics", str(path)]) / 1024
            ratio = (lambda peak: f"{peak / mb:.1f}" if mb >= 1 else "—")
            row = f"| {name} | {mb:.1f} | {check:.0f} MB | {ratio(check)} |"
            if a.skip_fix:
                row += " | |"
            else:
                work = Path(tmp) / f"fix-{path.name}"
                shutil.copy(path, work)
                fix = peak_kb(["fix", "--quiet", str(work)]) / 1024
                row += f" {fix:.0f} MB | {ratio(fix)} |"
            print(row)
            base = base or check
        print(f"\nFixed cost (the check of one page): {base:.0f} MB.")


if __name__ == "__main__":
    main()
