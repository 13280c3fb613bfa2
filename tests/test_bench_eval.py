"""The labelled evaluation of bench/pages (``bench/evaluate.py``), held to floors.

The floors are the figures measured when the pages were labelled, less a small margin: a change
of rules or engine that loses more content or removes less noise on these pages fails here. When
the rules get better, raise the floors to the new figures (``python bench/evaluate.py``).

The clean pages (``clean-*``) are sacred: they come out byte-identical, with no finding at all.
"""
from __future__ import annotations

import json
import shutil
import sys

import pytest
from conftest import ROOT, SHARED, load_bench

from scrapelint import check_text, fix_text
from scrapelint.cli import main
from scrapelint.model import CATEGORIES

PAGES = ROOT / "bench" / "pages"
MARGIN = 0.05

#: Figures measured on bench/pages with the rules of this checkout (see the module docstring).
MEASURED = {
    "any noise": {"precision": 1.000, "recall": 0.970},
    "boilerplate": {"precision": 0.971, "recall": 0.961},
    "trending-list": {"precision": 0.598, "recall": 0.987},
    "mean": {"noise_removed": 0.977, "content_kept": 1.000, "similarity": 0.986, "flagged": 0.962},
    "content_lines_lost": 0,
}


evaluate = load_bench("evaluate")
PAGE_FILES = evaluate.page_files(PAGES)
CLEAN_PAGES = [p for p in PAGE_FILES if p.stem.startswith("clean-")]


def _labels(page):
    return json.loads((page.parent / (page.stem + ".labels.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return evaluate.evaluate(PAGE_FILES)


# -- the pages and their gold ----------------------------------------------------------------


def test_the_bench_covers_the_page_kinds():
    names = [p.stem for p in PAGE_FILES]
    assert len(names) >= 12
    for prefix in ("zh-163-", "zh-sina-", "zh-sohu-", "zh-qq-", "zh-ifeng-", "zh-thepaper-", "zh-wechat-",
                   "zh-hant-seo-", "en-careless-", "de-careless-", "fr-careless-", "es-careless-"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert len(CLEAN_PAGES) >= 2


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.stem)
def test_gold_is_well_formed(page):
    raw_lines = page.read_text(encoding="utf-8").split("\n")
    labels = _labels(page)
    assert set(labels) == {"drop", "fix", "keep_note"}
    last = 0
    for a, b, cat, note in labels["drop"]:
        assert 1 <= a <= b <= len(raw_lines) and a > last, (a, b)
        assert raw_lines[a - 1].strip() and raw_lines[b - 1].strip(), "a range starts and ends on text"
        assert all(c in CATEGORIES for c in cat.split("|")) and note
        last = b
    for where, cat, note in labels["fix"]:
        assert where == "all" or 1 <= where <= len(raw_lines)
        assert all(c in CATEGORIES for c in cat.split("|")) and note
    # Every gold line is a raw line, unless an in-line repair made it.
    raw_set = {ln.strip() for ln in raw_lines}
    clean = (page.parent / (page.stem + ".clean.txt")).read_text(encoding="utf-8")
    if not labels["fix"]:
        assert all(ln.strip() in raw_set for ln in clean.splitlines() if ln.strip())


@pytest.mark.parametrize("page", CLEAN_PAGES, ids=lambda p: p.stem)
def test_clean_page_is_left_alone(page, tmp_path, capsys, monkeypatch):
    data = page.read_bytes()
    raw = data.decode("utf-8")
    assert _labels(page)["drop"] == [] and _labels(page)["fix"] == []
    assert raw == (page.parent / (page.stem + ".clean.txt")).read_text(encoding="utf-8")
    assert not check_text(raw), [(f.code, f.message) for f in check_text(raw)]
    assert fix_text(raw) == raw
    assert fix_text(raw, unsafe_fixes=True) == raw
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / page.name
    shutil.copyfile(page, copy)
    assert main(["fix", "--unsafe-fixes", str(copy)]) == 0
    capsys.readouterr()
    assert copy.read_bytes() == data


# -- the figures -----------------------------------------------------------------------------


@pytest.mark.parametrize("category", ["any noise", "boilerplate", "trending-list"])
def test_line_precision_and_recall_hold(results, category):
    got = results["categories"][category]
    want = MEASURED[category]
    assert got["precision"] >= want["precision"] - MARGIN, (category, got)
    assert got["recall"] >= want["recall"] - MARGIN, (category, got)


def test_no_more_content_is_lost(results):
    lost = [(p["page"], line) for p in results["pages"] for line in p["lost"]]
    assert results["content_lines_lost"] <= MEASURED["content_lines_lost"], lost


def test_page_figures_hold(results):
    for key, value in MEASURED["mean"].items():
        assert results["mean"][key] >= value - MARGIN, (key, results["mean"][key])


def test_language_packs_clean_the_careless_pages(results):
    """The German, French and Spanish whole-page dumps: most noise goes, no content does."""
    pages = [p for p in results["pages"] if p["page"].split("-")[0] in ("de", "fr", "es")]
    assert len(pages) >= 3
    for p in pages:
        assert p["content_kept"] == 1.0, (p["page"], p["lost"])
        assert p["noise_removed"] >= 0.80, (p["page"], p["noise_kept"])
        assert not p["false_removals"], (p["page"], p["false_removals"])


def test_cli_and_api_agree_on_the_fixed_text():
    page = next(p for p in PAGE_FILES if p.stem.startswith("de-careless-"))
    raw = page.read_text(encoding="utf-8")
    assert evaluate.run_api(raw).fixed == fix_text(raw)


def test_the_chinese_mojibake_bench_runs_and_repairs(capsys):
    """``bench/cjk_mojibake.py`` on a few dev lines (skipped without ../shared/devset): its table
    and its count of false findings, which must be none."""
    if not (SHARED / "devset" / "clean_prose.jsonl").is_file():
        pytest.skip("../shared/devset is not available")
    bench = load_bench("cjk_mojibake")
    argv, sys.argv = sys.argv, ["cjk_mojibake.py", "--shared", str(SHARED), "--lines", "40"]
    try:
        assert bench.main() == 0
    finally:
        sys.argv = argv
    out = capsys.readouterr().out
    assert "| GBK read as cp1252 |" in out
    assert out.rstrip().endswith("clean bodies with an encoding finding: 0 of 259")
