"""Every rule's own examples: ``flags`` must be flagged, ``passes`` must not, ``fixes`` must hold.

Each rule is run alone, so an example proves something about that rule and no other — except a
rule that judges by the other rules' findings (``Rule.context``), which is run with the default
rules around it; only its own findings count.
"""
from __future__ import annotations

import pytest

from scrapelint.api import default_registry
from scrapelint.engine import check_document, fix_document
from scrapelint.model import CATEGORIES, Applicability, Document, Severity

RULES = list(default_registry())


def _doc(example) -> Document:
    """An example is a text, or a ``Document`` when the rule needs more than text (an encoding)."""
    return example if isinstance(example, Document) else Document(example)


def _rules(rule):
    """The rules an example of ``rule`` is run with."""
    return RULES if rule.context else [rule]


def _own(rule, findings):
    return [f for f in findings if f.code == rule.code] if rule.context else findings


def _cases(attr):
    return [
        pytest.param(rule, i, example, id=f"{rule.code}-{attr}-{i}")
        for rule in RULES
        for i, example in enumerate(getattr(rule, attr))
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.code[0].isalpha() and rule.code[1:].isdigit(), rule.code
    assert rule.name == rule.name.lower() and " " not in rule.name and "_" not in rule.name
    assert rule.category in CATEGORIES
    assert isinstance(rule.severity, Severity)
    assert len(rule.doc()) > 80, "the docstring is the rule's documentation"
    assert "## Why" in rule.doc()
    assert rule.flags, "every rule needs at least one example it flags"
    assert rule.passes, "every rule needs at least one example it must not flag"
    if rule.fix_applicability is not None:
        assert isinstance(rule.fix_applicability, Applicability)


@pytest.mark.parametrize("rule,i,text", _cases("flags"))
def test_flags(rule, i, text):
    doc = _doc(text)
    findings = _own(rule, check_document(doc, _rules(rule)))
    assert findings, f"{rule.code} should flag {text!r}"
    for f in findings:
        assert f.code == rule.code and f.category == rule.category
        assert 0 <= f.start <= f.end <= len(doc.text)
        assert 0.0 <= f.confidence <= 1.0
        assert f.message


@pytest.mark.parametrize("rule,i,text", _cases("passes"))
def test_passes(rule, i, text):
    findings = _own(rule, check_document(_doc(text), _rules(rule)))
    assert not findings, f"{rule.code} should not flag {text!r}: {[f.message for f in findings]}"


@pytest.mark.parametrize("rule,i,case", _cases("fixes"))
def test_fixes(rule, i, case):
    before, after = case
    result = fix_document(_doc(before), _rules(rule), unsafe=True)
    assert result.text == after
    if rule.context:
        assert any(f.code == rule.code for f in result.applied)
    # Idempotent: fixing the fixed text changes nothing.
    assert fix_document(Document(after), _rules(rule), unsafe=True).text == after


@pytest.mark.parametrize("rule,i,text", _cases("passes"))
def test_fix_leaves_passing_text_alone(rule, i, text):
    doc = _doc(text)
    if rule.context:  # the other rules fix what they find; this rule adds nothing to it
        applied = fix_document(doc, _rules(rule), unsafe=True).applied
        assert not any(f.code == rule.code for f in applied)
        return
    assert fix_document(doc, [rule], unsafe=True).text == doc.text
