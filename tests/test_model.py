"""The document model: lines and offsets."""
from __future__ import annotations

import random
import re

import pytest

from scrapelint.model import Applicability, Document, Edit, Finding, Fix, Severity


def _reference_lines(text: str) -> list[tuple[int, int, int, str, str]]:
    """Lines as a reader sees them: each ending is \\r\\n, \\r or \\n; no empty line after a final ending."""
    out = []
    for number, m in enumerate(re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", text), 1):
        if m.start() == len(text) and (number > 1):
            break
        out.append((number, m.start(1), m.end(1), m.group(2), m.group(1)))
        if not m.group(2):
            break
    return out


@pytest.mark.parametrize("seed", range(20))
def test_lines_match_the_reference(seed):
    rng = random.Random(seed)
    pieces = ["a", "正文", " ", "\n", "\n", "\r\n", "\r", "", "\t"]
    for _ in range(50):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        got = [(l.number, l.start, l.end, l.eol, l.text) for l in Document(text).lines]
        assert got == _reference_lines(text), repr(text)


def test_line_at_and_positions():
    doc = Document("一行\nsecond line\r\nthird")
    assert [l.text for l in doc.lines] == ["一行", "second line", "third"]
    assert doc.line_at(4).number == 2
    assert doc.index.position(doc.text.index("third")) == (3, 1)


def test_findings_cross_a_process_boundary_whole_and_small():
    import pickle

    fix = Fix(Applicability.UNSAFE, "Remove the line", (Edit(3, 9), Edit(12, 12, "\n")), reencode=True)
    found = [Finding("B050", "share-widget-en", "boilerplate", Severity.ERROR, "share widget label", 3, 9, 0.8, fix),
             Finding("W001", "blank-lines", "whitespace", Severity.WARNING, "3 blank lines in a row", 0, 2)]
    data = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(data) == found
    # Built from a tuple of arguments, without a state set field by field afterwards (the BUILD
    # opcode, a dataclass's __setstate__): a worker sends thousands of them.
    import pickletools

    assert "BUILD" not in {op.name for op, _, _ in pickletools.genops(data)}
