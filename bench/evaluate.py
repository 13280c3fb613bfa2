"""Labelled evaluation of scrapelint on whole scraped pages: per page and per category.

Usage: python bench/evaluate.py [--pages DIR] [--seeds [DIR]] [--cli] [--unsafe-fixes]
                                [--select RULES] [--ignore RULES] [--show-misses] [--lines PAGE]
                                [--json]

Every page ``NAME.txt`` of ``bench/pages/`` (and, with ``--seeds``, of ``../shared/seeds`` when it
is there) comes with its gold, in the format of the seeds: ``NAME.clean.txt`` (the page as it
should read: title and article, one paragraph a line) and ``NAME.labels.json``::

    {"drop": [[first_line, last_line, "category" or "cat1|cat2", note], ...],
     "fix":  [[line or "all", "category", note], ...],
     "keep_note": "..."}

``drop`` ranges are 1-based, inclusive ranges of noise lines of the raw page; ``fix`` items are
in-line repairs. Each page is fixed (``scrapelint fix -``: the safe fixes) and checked
(``scrapelint check --output-format json -``), through the Python API by default or, with
``--cli``, by running the commands.

Printed:

(a) per page, the figures of ``shared/tools/score_seeds.py``:

    noise_removed  share of gold noise lines (non-blank, not also a gold line) gone from the fixed text
    content_kept   share of gold clean lines present, exactly, in the fixed text
    similarity     difflib ratio of the fixed text and the gold clean text (non-blank lines, stripped)
    flagged        share of gold ranges and fix items flagged by a finding of their category
    exact          1 when the fixed text equals the gold line for line

(b) line-level precision and recall per category, over all pages. A raw line is *removed* when
its stripped text is not among the fixed output's stripped lines — unless the fix repaired it in
place (a line of an in-line fix, a prefix cut off a title): a raw line that is absent but aligns,
in a difflib alignment of raw and fixed lines, with a fixed line at least 60 % similar to it
counts as kept. A removed line is *predicted noise of category C* when a finding of category C
covers its row. Through the API (the default) the page is fixed one pass at a time, as ``fix``
does, and the findings of every pass are mapped back to the raw rows, so a line that only a later
pass removes (a menu that is judged once a cookie banner above it is gone) has its category too;
with ``--cli`` only the check of the raw page is known, and such lines are counted in the
``(no finding)`` row. Gold: a line inside a drop range of category C (``a|b`` accepts either:
the line counts for the category it was predicted with when that is one of them, else for the
first). Lines of a drop range whose text is also a gold line (a title repeated in a byline block)
are left out of both sides. Columns: ``gold`` lines, ``removed`` lines predicted as the category,
``correct`` removed lines whose gold accepts it (precision = correct/removed), ``found`` gold lines
removed and predicted as their category (recall = found/gold). The ``any noise`` row compares
removed lines with gold drop lines whatever the category. ``content lines lost`` counts gold
clean lines missing from the fixed text.

``--show-misses`` lists, per page, the content lines removed, the noise lines kept and the gold
lines lost; ``--lines PAGE`` prints every line of one page with its gold and what happened to it;
``--select``/``--ignore`` run a subset of the rules (``--ignore B20,B21`` to see a pack's share).

Exit status 0 (the figures are read, not judged: ``tests/test_bench_eval.py`` holds them to floors).
"""
from __future__ import annotations

import argparse
import difflib
import json
import shlex
import subprocess
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGES = HERE / "pages"
SEEDS = ROOT.parent / "shared" / "seeds"
CATEGORIES = (
    "escaped-html", "encoding", "markup-debris", "boilerplate", "trending-list", "off-topic",
    "duplicate", "whitespace",
)
SCORE_KEYS = ("noise_removed", "content_kept", "similarity", "flagged", "exact")


# -- running scrapelint ----------------------------------------------------------------------


@dataclass
class Run:
    """What scrapelint made of one raw page: the fixed text, the findings of the check of the raw
    page as (category, first row, last row, code), and, when known, the categories of the
    findings of every fix pass mapped back to the raw rows they cover (``None``: only the check
    of the raw page is known)."""

    fixed: str
    findings: list[tuple[str, int, int, str]]
    row_categories: dict[int, set[str]] | None = None


def _rows_of(text: str):
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return lambda offset: bisect_right(starts, offset)


def _map_lines(before: list[str], after: list[str]) -> list[int | None]:
    """For each line of ``after`` (a fix pass's output), the index of the line of ``before`` it
    comes from, or None."""
    origin: list[int | None] = [None] * len(after)
    a = [ln.strip() for ln in before]
    b = [ln.strip() for ln in after]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                origin[j1 + k] = i1 + k
        elif tag == "replace":
            free = list(range(i1, i2))
            for j in range(j1, j2):
                best, best_i = 0.0, None
                for i in free:
                    r = difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).ratio()
                    if r > best:
                        best, best_i = r, i
                if best_i is not None and best >= 0.5:
                    origin[j] = best_i
                    free = [i for i in free if i > best_i]
    return origin


def run_api(raw: str, unsafe: bool = False, select=None, ignore=()) -> Run:
    """Fix ``raw`` one pass at a time (the passes of ``scrapelint fix``), keeping the findings of
    each pass and mapping their rows back to the raw page."""
    from scrapelint.api import default_registry
    from scrapelint.engine import MAX_FIX_PASSES, check_document, fix_document
    from scrapelint.model import Document

    rules = default_registry().select(select, ignore, ())
    row = _rows_of(raw)
    findings = []
    for f in check_document(Document(raw, source="-"), rules):
        findings.append((f.category, row(f.start), row(max(f.start, f.end - 1)), f.code))
    row_categories: dict[int, set[str]] = {}
    text = raw
    origin: list[int | None] = list(range(len(raw.split("\n"))))  # pass line index -> raw index
    for _ in range(MAX_FIX_PASSES):
        doc = Document(text, source="-")
        row = _rows_of(text)
        for f in check_document(doc, rules):
            for r in range(row(f.start), row(max(f.start, f.end - 1)) + 1):
                if r - 1 < len(origin) and origin[r - 1] is not None:
                    row_categories.setdefault(origin[r - 1] + 1, set()).add(f.category)
        new = fix_document(doc, rules, unsafe=unsafe, max_passes=1).text
        if new == text:
            break
        step = _map_lines(text.split("\n"), new.split("\n"))
        origin = [origin[i] if i is not None and i < len(origin) else None for i in step]
        text = new
    return Run(text, findings, row_categories)


def run_cli(raw: str, unsafe: bool = False, fix_cmd: str | None = None, check_cmd: str | None = None) -> Run:
    exe = str(ROOT / ".venv" / "bin" / "scrapelint")
    if not Path(exe).exists():
        exe = "scrapelint"
    fix_cmd = fix_cmd or f"{exe} fix {'--unsafe-fixes ' if unsafe else ''}-"
    check_cmd = check_cmd or f"{exe} check --output-format json -"
    fixed = subprocess.run(shlex.split(fix_cmd), input=raw, capture_output=True, text=True, timeout=300)
    report = subprocess.run(shlex.split(check_cmd), input=raw, capture_output=True, text=True, timeout=300)
    if fixed.returncode not in (0, 1) or report.returncode not in (0, 1):
        raise SystemExit(f"scrapelint failed: {(fixed.stderr + report.stderr).strip()[-300:]}")
    findings = []
    for f in json.loads(report.stdout or "[]"):
        loc = f.get("location") or {}
        end = f.get("end_location") or loc
        first, last = int(loc.get("row") or 0), int(end.get("row") or loc.get("row") or 0)
        # An end at column 1 is the start of the next line: the finding stops before it.
        if last > first and int(end.get("column") or 0) <= 1:
            last -= 1
        findings.append((f["category"], first, last, f["code"]))
    return Run(fixed.stdout, findings)


# -- scoring ---------------------------------------------------------------------------------


def lines_of(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


@dataclass
class LineRecord:
    """One non-blank raw line: its gold and what scrapelint did with it."""

    row: int
    text: str
    gold: tuple[str, ...] | None  # accepted categories of a gold noise line, None for content
    removed: bool
    predicted: tuple[str, ...]  # categories of the findings covering the row
    ambiguous: bool = False  # in a drop range, but its text is also a gold line


@dataclass
class PageResult:
    name: str
    scores: dict[str, float]
    missed_flags: list[str]
    lines: list[LineRecord] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # gold clean lines missing from the fixed text


def _kept_by_alignment(raw_lines: list[str], fixed_lines: list[str]) -> set[int]:
    """Indexes of raw lines that the fix changed in place: absent as they were, but aligned with
    a fixed line at least 60 % similar."""
    kept: set[int] = set()
    sm = difflib.SequenceMatcher(None, raw_lines, fixed_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "replace":
            continue
        candidates = list(range(j1, j2))
        for i in range(i1, i2):
            best, best_j = 0.0, None
            for j in candidates:
                m = difflib.SequenceMatcher(None, raw_lines[i], fixed_lines[j], autojunk=False)
                if m.real_quick_ratio() < 0.6 or m.quick_ratio() < 0.6:
                    continue
                r = m.ratio()
                if r > best:
                    best, best_j = r, j
            if best_j is not None and best >= 0.6:
                kept.add(i)
                candidates.remove(best_j)
    return kept


def score_page(raw_path: Path, run: Run) -> PageResult:
    raw = raw_path.read_text(encoding="utf-8")
    gold = (raw_path.parent / (raw_path.stem + ".clean.txt")).read_text(encoding="utf-8")
    labels = json.loads((raw_path.parent / (raw_path.stem + ".labels.json")).read_text(encoding="utf-8"))
    raw_lines = raw.split("\n")
    out_lines = lines_of(run.fixed)
    out_set = set(out_lines)
    gold_lines = lines_of(gold)
    gold_set = set(gold_lines)
    fs = run.findings

    # (a) the figures of score_seeds.py
    noise = []
    for a, b, cat, *_ in labels["drop"]:
        for i in range(a, b + 1):
            s = raw_lines[i - 1].strip()
            if s and s not in gold_set:
                noise.append(s)
    removed_n = sum(1 for s in noise if s not in out_set)
    kept_n = sum(1 for s in gold_lines if s in out_set)
    sim = difflib.SequenceMatcher(None, "\n".join(out_lines), "\n".join(gold_lines), autojunk=False).ratio()
    flagged, missed = 0, []
    for a, b, cat, *_ in labels["drop"]:
        cats = cat.split("|")
        hit = any(c in cats and r0 <= b and r1 >= a for c, r0, r1, _ in fs)
        flagged += hit
        if not hit:
            missed.append(f"{a}-{b} {cat}")
    for where, cat, *_ in labels.get("fix", []):
        cats = cat.split("|")
        hit = any(c in cats and (where == "all" or r0 <= where <= r1) for c, r0, r1, _ in fs)
        flagged += hit
        if not hit:
            missed.append(f"{where} {cat}")
    ranges = len(labels["drop"]) + len(labels.get("fix", []))
    scores = {
        "noise_removed": removed_n / len(noise) if noise else 1.0,
        "content_kept": kept_n / len(gold_lines) if gold_lines else 1.0,
        "similarity": sim,
        "flagged": flagged / ranges if ranges else 1.0,
        "exact": float(out_lines == gold_lines),
    }

    # (b) line records
    gold_cat: dict[int, tuple[str, ...]] = {}
    for a, b, cat, *_ in labels["drop"]:
        for i in range(a, b + 1):
            gold_cat[i] = tuple(cat.split("|"))
    rows = [i + 1 for i, ln in enumerate(raw_lines) if ln.strip()]
    stripped = [raw_lines[r - 1].strip() for r in rows]
    in_place = _kept_by_alignment(stripped, out_lines)
    records = []
    for k, (r, s) in enumerate(zip(rows, stripped)):
        removed = s not in out_set and k not in in_place
        if run.row_categories is not None:
            predicted = tuple(sorted(run.row_categories.get(r, ())))
        else:
            predicted = tuple(sorted({c for c, r0, r1, _ in fs if r0 <= r <= r1}))
        g = gold_cat.get(r)
        records.append(LineRecord(r, s, g, removed, predicted, ambiguous=g is not None and s in gold_set))
    lost = [s for s in gold_lines if s not in out_set]
    return PageResult(raw_path.stem, scores, missed, records, lost)


def category_table(results: list[PageResult]) -> dict[str, dict[str, float]]:
    """Line-level precision and recall per category, the ``any noise`` row and the removals no
    finding explains.

    Per category: ``gold`` lines (a line of an ``a|b`` range counts for the category it was
    predicted with when that is one of them, else for the first), ``removed`` lines predicted as
    the category, ``correct`` removed lines whose gold accepts it (precision = correct/removed),
    ``found`` gold lines removed and predicted as their category (recall = found/gold).
    """
    def row() -> dict[str, int]:
        return {"gold": 0, "predicted": 0, "tp": 0, "found": 0}

    tally: dict[str, dict[str, int]] = {c: row() for c in CATEGORIES}
    anyrow = row()
    unexplained = 0
    for res in results:
        for rec in res.lines:
            if rec.ambiguous:
                continue
            pred = rec.predicted if rec.removed else ()
            if rec.removed and not rec.predicted:
                unexplained += 1
            if rec.gold is not None:
                assigned = next((c for c in rec.gold if c in pred), rec.gold[0])
                t = tally.setdefault(assigned, row())
                t["gold"] += 1
                anyrow["gold"] += 1
                if assigned in pred:
                    t["found"] += 1
                if rec.removed:
                    anyrow["tp"] += 1
                    anyrow["found"] += 1
            if rec.removed:
                anyrow["predicted"] += 1
            for c in pred:
                t = tally.setdefault(c, row())
                t["predicted"] += 1
                if rec.gold is not None and c in rec.gold:
                    t["tp"] += 1
    table = {}
    for name, t in [*tally.items(), ("any noise", anyrow)]:
        if not t["gold"] and not t["predicted"]:
            continue
        table[name] = {
            **t,
            "precision": t["tp"] / t["predicted"] if t["predicted"] else 1.0,
            "recall": t["found"] / t["gold"] if t["gold"] else 1.0,
        }
    table["(no finding)"] = {"gold": 0, "predicted": unexplained, "tp": 0, "found": 0, "precision": None, "recall": None}
    return table


def evaluate(paths: list[Path], *, cli: bool = False, unsafe: bool = False,
             fix_cmd: str | None = None, check_cmd: str | None = None,
             select: list[str] | None = None, ignore: list[str] = ()) -> dict:
    """Score every page of ``paths``; the dict that ``--json`` prints."""
    results = []
    for p in paths:
        raw = p.read_text(encoding="utf-8")
        if cli or fix_cmd or check_cmd:
            run = run_cli(raw, unsafe, fix_cmd, check_cmd)
        else:
            run = run_api(raw, unsafe, select, ignore)
        results.append(score_page(p, run))
    mean = {k: sum(r.scores[k] for r in results) / len(results) for k in SCORE_KEYS} if results else {}
    table = category_table(results)
    return {
        "pages": [
            {
                "page": r.name, **r.scores, "missed_flags": r.missed_flags,
                "content_lines_lost": len(r.lost), "lost": r.lost,
                "false_removals": [(rec.row, rec.text) for rec in r.lines
                                   if rec.removed and rec.gold is None and not rec.ambiguous],
                "noise_kept": [(rec.row, "|".join(rec.gold), rec.text) for rec in r.lines
                               if not rec.removed and rec.gold is not None and not rec.ambiguous],
            }
            for r in results
        ],
        "mean": mean,
        "categories": table,
        "content_lines_lost": sum(len(r.lost) for r in results),
        "gold_content_lines": sum(len(lines_of((p.parent / (p.stem + ".clean.txt")).read_text(encoding="utf-8"))) for p in paths),
    }


def page_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".clean.txt")
                  and (p.parent / (p.stem + ".labels.json")).is_file())


# -- output ----------------------------------------------------------------------------------


def _cut(s: str, n: int = 70) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def print_report(data: dict, show_misses: bool) -> None:
    print(f"{'page':34} " + " ".join(f"{k:>13}" for k in SCORE_KEYS) + f" {'lost':>5}")
    for r in data["pages"]:
        print(f"{_cut(r['page'], 34):34} " + " ".join(f"{r[k]:>13.3f}" for k in SCORE_KEYS)
              + f" {r['content_lines_lost']:>5}")
        if r["missed_flags"]:
            print(f"{'':34} not flagged: {', '.join(r['missed_flags'])}")
        if show_misses:
            for row, text in r["false_removals"]:
                print(f"{'':34} content removed  {row:>4}: {_cut(text)}")
            for row, cat, text in r["noise_kept"]:
                print(f"{'':34} noise kept       {row:>4} [{cat}]: {_cut(text)}")
            for text in r["lost"]:
                print(f"{'':34} gold line lost        : {_cut(text)}")
    if data["mean"]:
        print(f"{'mean':34} " + " ".join(f"{data['mean'][k]:>13.3f}" for k in SCORE_KEYS)
              + f" {data['content_lines_lost']:>5}")
    print()
    print(f"{'category':16} {'gold':>6} {'removed':>8} {'correct':>8} {'found':>6} {'precision':>10} {'recall':>8}")
    for name, t in data["categories"].items():
        if name == "(no finding)":
            print(f"{name:16} {'':>6} {t['predicted']:>8}")
            continue
        print(f"{name:16} {t['gold']:>6} {t['predicted']:>8} {t['tp']:>8} {t['found']:>6} "
              f"{t['precision']:>10.3f} {t['recall']:>8.3f}")
    print(f"content lines lost: {data['content_lines_lost']} of {data['gold_content_lines']}")


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=PAGES, help="folder of labelled pages (default: bench/pages)")
    ap.add_argument("--seeds", type=Path, nargs="?", const=SEEDS, default=None,
                    help=f"also score the seed pages (default folder: {SEEDS}), when present")
    ap.add_argument("--cli", action="store_true", help="run the scrapelint commands instead of the Python API")
    ap.add_argument("--fix-cmd", help="fix command (implies --cli), e.g. 'scrapelint fix -'")
    ap.add_argument("--check-cmd", help="check command (implies --cli), e.g. 'scrapelint check --output-format json -'")
    ap.add_argument("--unsafe-fixes", action="store_true", help="apply the unsafe fixes too")
    ap.add_argument("--select", action="append", help="rules to use, as scrapelint --select (API only)")
    ap.add_argument("--ignore", action="append", default=[], help="rules not to use, as scrapelint --ignore (API only)")
    ap.add_argument("--show-misses", action="store_true", help="list removed content lines and kept noise lines")
    ap.add_argument("--lines", metavar="PAGE", help="print every line of one page: gold, removed, categories")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args(argv)
    if a.lines:
        path = next((p for p in page_files(a.pages) + (page_files(a.seeds) if a.seeds else [])
                     if p.stem == a.lines or p.name == a.lines), None)
        if path is None:
            print(f"no page {a.lines!r}", file=sys.stderr)
            return 2
        raw = path.read_text(encoding="utf-8")
        res = score_page(path, run_cli(raw, a.unsafe_fixes) if a.cli else run_api(raw, a.unsafe_fixes, _split(a.select), _split(a.ignore) or ()))
        for rec in res.lines:
            gold = "|".join(rec.gold) if rec.gold else "-"
            mark = "ok " if (rec.gold is not None) == rec.removed or rec.ambiguous else "ERR"
            print(f"{mark} {rec.row:>4} {'removed' if rec.removed else 'kept   '} gold={gold:26} "
                  f"found={','.join(rec.predicted) or '-':26} {_cut(rec.text, 60)}")
        return 0
    paths = page_files(a.pages)
    if a.seeds is not None and a.seeds.is_dir():
        paths += page_files(a.seeds)
    if not paths:
        print(f"no labelled pages in {a.pages}", file=sys.stderr)
        return 2
    data = evaluate(paths, cli=a.cli, unsafe=a.unsafe_fixes, fix_cmd=a.fix_cmd, check_cmd=a.check_cmd,
                    select=_split(a.select), ignore=_split(a.ignore) or ())
    if a.json:
        print(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    else:
        print_report(data, a.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
