"""Quality on real pages: the dev-set figures of ``../shared/devset``, next to the crude bar.

Runs the held-out scorer (``../shared/tools/heldout/score.py``) in this interpreter's process
(``api:``) on

- the careless-scrape pages, the clean gold bodies and ftfy's mojibake cases, beside
  ``builtin:drop-short`` (drop every line under 25 letters or 10 CJK characters);
- the same pages after an HTML extractor (trafilatura), beside ``builtin:identity``;

then the per-rule precision of the safe fixes on both page sets (``rule_precision.py``): which rules
delete content lines. Prints the scorer's tables as they come. Nothing is asserted here; the
figures go in the notes and the README.

Usage: python bench/devset.py [--shared ../shared] [--quick]   (--quick: skip rule precision)

When the shared folder is not beside the checkout, says so and exits 0.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str]) -> None:
    print(f"$ {' '.join(args)}", flush=True)
    subprocess.run(args, check=True)
    print(flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--quick", action="store_true", help="skip the per-rule precision tables")
    a = ap.parse_args()
    devset, tools = a.shared / "devset", a.shared / "tools" / "heldout"
    if not (devset / "boilerplate.jsonl").is_file() or not (tools / "score.py").is_file():
        print(f"skipped: no dev set at {devset}")
        return 0
    python = sys.executable
    score = [python, str(tools / "score.py"), "--jobs", "1"]
    run([*score, "--data", str(devset), "--sets", "boilerplate,clean,mojibake",
         "--fix-cmd", f"api:{python}", "--fix-cmd", "builtin:drop-short"])
    run([*score, "--data", str(devset / "after-trafilatura"), "--sets", "boilerplate",
         "--fix-cmd", "builtin:identity", "--fix-cmd", f"api:{python}"])
    if not a.quick:
        for data in (devset, devset / "after-trafilatura"):
            run([python, str(tools / "rule_precision.py"), str(data), "--top", "15"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
