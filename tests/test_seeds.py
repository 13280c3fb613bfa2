"""The real scraped pages in ../shared/seeds against their gold (skipped when shared/ is absent).

What is asserted here is what the rules of this project own: in-line repairs come out exactly as
in the gold, no gold line is lost, and every labelled range of a category the rules cover is
flagged with that category.
"""
from __future__ import annotations

import json

import pytest
from conftest import SHARED

from scrapelint import check_text, fix_text

SEEDS = SHARED / "seeds"
SEED_FILES = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".clean.txt")) if SEEDS.is_dir() else []
COVERED = {"escaped-html", "encoding", "markup-debris", "whitespace", "duplicate"}

pytestmark = pytest.mark.skipif(not SEED_FILES, reason="the seed pages (../shared/seeds) are not beside this checkout")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _gold(seed):
    clean = (seed.parent / (seed.stem + ".clean.txt")).read_text(encoding="utf-8")
    labels = json.loads((seed.parent / (seed.stem + ".labels.json")).read_text(encoding="utf-8"))
    return clean, labels


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_no_gold_line_is_lost(seed):
    raw = seed.read_text(encoding="utf-8")
    clean, _ = _gold(seed)
    fixed = set(_lines(fix_text(raw)))
    missing = [ln for ln in _lines(clean) if ln not in fixed]
    assert not missing, f"{len(missing)} gold lines missing, first: {missing[0][:60]!r}"


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_covered_labels_are_flagged_with_their_category(seed):
    raw = seed.read_text(encoding="utf-8")
    _, labels = _gold(seed)
    findings = check_text(raw)
    rows = [(f.category, *_rows(raw, f)) for f in findings]
    missed = []
    for a, b, cat, *_ in labels["drop"]:
        cats = set(cat.split("|"))
        if cats & COVERED and not any(c in cats and r0 <= b and r1 >= a for c, r0, r1 in rows):
            missed.append(f"{a}-{b} {cat}")
    for where, cat, *_ in labels.get("fix", []):
        cats = set(cat.split("|"))
        if not cats & COVERED:
            continue
        hit = any(c in cats and (where == "all" or r0 <= where <= r1) for c, r0, r1 in rows)
        if not hit:
            missed.append(f"{where} {cat}")
    assert not missed


def _rows(text: str, f) -> tuple[int, int]:
    return text.count("\n", 0, f.start) + 1, text.count("\n", 0, f.end) + 1


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_markup_and_encoding_debris_is_gone(seed):
    fixed = fix_text(seed.read_text(encoding="utf-8"))
    for debris in ("![]()", "?!?/p>", "\\u003c", "<!--", "</p>", "rich_media_content{", "(fā)", "(xiàn)"):
        assert debris not in fixed


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_fix_is_idempotent_on_seeds(seed):
    once = fix_text(seed.read_text(encoding="utf-8"))
    assert fix_text(once) == once
