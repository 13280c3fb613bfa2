"""scrapelint over samples/: clean text is sacred, noisy text is fixed, fixing is idempotent."""
from __future__ import annotations

import shutil

import pytest
from conftest import SAMPLES

from scrapelint.api import default_registry
from scrapelint.cli import main
from scrapelint.decoding import decode_bytes
from scrapelint.engine import check_document, fix_document
from scrapelint.model import Document

CLEAN = sorted((SAMPLES / "clean").glob("*.*"))
NOISY = sorted((SAMPLES / "noisy").glob("*.*"))
RULES = list(default_registry())


def _doc(path):
    d = decode_bytes(path.read_bytes(), str(path))
    return Document(d.text, source=str(path), encoding=d.encoding, bom=d.bom)


def test_there_are_samples():
    assert len(CLEAN) >= 8 and len(NOISY) >= 8


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_sample_has_no_findings(path):
    findings = check_document(_doc(path), RULES)
    assert not findings, [(f.code, f.message) for f in findings]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_sample_is_byte_identical_after_fix(path, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    assert main(["fix", "--unsafe-fixes", str(copy)]) == 0
    capsys.readouterr()
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", NOISY, ids=lambda p: p.name)
def test_noisy_sample_is_flagged_and_fix_is_idempotent(path):
    doc = _doc(path)
    assert check_document(doc, RULES), "a noisy sample with nothing to report"
    once = fix_document(doc, RULES)
    assert once.converged
    assert once.text != doc.text or once.reencode
    twice = fix_document(Document(once.text, source=doc.source), RULES)
    assert twice.text == once.text
    assert not twice.applied


def test_fix_diff_on_the_samples_changes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tree = tmp_path / "samples"
    shutil.copytree(SAMPLES, tree)
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    assert main(["fix", "--diff", str(tree)]) == 1
    out = capsys.readouterr().out
    assert "+++ b/" in out
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before


def test_fix_on_the_sample_tree_then_check_is_quiet_for_fixable_rules(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tree = tmp_path / "samples"
    shutil.copytree(SAMPLES, tree)
    main(["fix", str(tree)])
    capsys.readouterr()
    # After fixing, nothing fixable is left (what remains has no safe fix).
    main(["check", "--output-format", "json", str(tree)])
    import json

    remaining = json.loads(capsys.readouterr().out)
    assert all(f["fix"] is None or f["fix"]["applicability"] == "unsafe" for f in remaining)
