"""Long documents are checked and fixed in windows: memory stays bounded, results stay sound."""
from __future__ import annotations

import random

import pytest

from scrapelint import engine
from scrapelint.api import default_registry
from scrapelint.engine import check_document, fix_document, windows
from scrapelint.model import Document
from scrapelint.registry import Registry, Rule

REGISTRY = default_registry()
RULES = REGISTRY.select()

PAGE = (
    "首页\n新闻\n体育\n财经\n娱乐\n科技\n"
    "湿地保护条例明年施行\n"
    "新修订的湿地保护条例将于明年一月一日起施行，首次把城市小微湿地纳入保护范围。&nbsp;\n"
    "条例还规定，占用重要湿地的建设项目须先行补充同等面积\u200b和质量的湿地。\n"
    "<p>专家认为，条例的施行将有效遏制湿地面积减少的势头。</p>\n"
)


def test_windows_cover_the_text_and_end_at_breaks():
    rng = random.Random(5)
    for _ in range(2000):
        pieces = ["word ", "x", "\n", "\n\n", "\r\n", "\r", "长句子"]
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 400)))
        size = rng.randint(8, 60)
        parts = windows(text, size)
        assert "".join(text[a:b] for a, b, _ in parts) == text
        assert all(b - a <= size for a, b, _ in parts) or len(parts) == 1
        for a, b, whole in parts:
            starts_line = a == 0 or text[a - 1] in "\r\n"
            ends_line = b == len(text) or text[b - 1] in "\r\n"
            assert whole == (starts_line and ends_line)
            assert not (0 < b < len(text) and text[b - 1] == "\r" and text[b] == "\n"), "a \\r\\n was split"


def test_windows_prefer_paragraph_breaks_and_cut_long_lines_at_spaces():
    text = "aaaa\nbbbb\n\ncccc\ndddd\n"
    assert windows(text, 14) == [(0, 11, True), (11, 21, True)]
    line = "one two three four five six seven eight nine ten\n"
    parts = windows(line, 16)
    assert [line[a:b] for a, b, _ in parts][:2] == ["one two three", " four five six"]
    assert not any(whole for _, _, whole in parts)


class _Recorder(Rule):
    code, name, category = "X901", "recorder", "whitespace"

    def __init__(self, scope):
        self.scope = scope
        self.seen: list[int] = []

    def check(self, doc):
        self.seen.append(len(doc.text))
        return ()


@pytest.mark.parametrize("scope", ["page", "text", "file"])
def test_rules_see_windows_of_their_scope(monkeypatch, scope):
    monkeypatch.setattr(engine, "WINDOW_CHARS", 1000)
    rule = _Recorder(scope)
    Registry([rule])  # the scope is a valid one
    text = PAGE * 40 + "x" * 2500 + "\n" + PAGE * 5
    check_document(Document(text), [rule])
    assert max(rule.seen) <= 1000
    if scope == "file":
        assert len(rule.seen) == 1
    elif scope == "page":
        assert sum(rule.seen) < len(text)  # never the pieces of the long line
    else:
        assert sum(rule.seen) == len(text)


def test_unknown_scope_is_refused():
    with pytest.raises(ValueError, match="unknown scope"):
        Registry([_Recorder("line")])


def test_a_long_document_is_fixed_as_its_pages_are(monkeypatch):
    one = fix_document(Document(PAGE), RULES).text
    assert one != PAGE
    monkeypatch.setattr(engine, "WINDOW_CHARS", 2 * len(PAGE) + 10)
    many = "\n".join([PAGE] * 30)
    fixed = fix_document(Document(many), RULES)
    assert fixed.converged
    assert fixed.text.count("湿地保护条例明年施行") == 30
    assert "&nbsp;" not in fixed.text and "<p>" not in fixed.text and "\u200b" not in fixed.text
    assert fix_document(Document(fixed.text), RULES).text == fixed.text


def test_findings_of_a_long_document_are_placed_in_it(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW_CHARS", 3 * len(PAGE))
    many = "\n".join([PAGE] * 20)
    findings = check_document(Document(many), RULES)
    entities = [f for f in findings if f.code == "M002"]
    assert len(entities) == 20
    assert all(many[f.start:f.end] == "&nbsp;" for f in entities)
    for f in findings:
        for e in f.fix.edits if f.fix else ():
            assert 0 <= e.start <= e.end <= len(many)


def test_an_unchanged_long_document_is_returned_as_it_came(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW_CHARS", 500)
    text = "".join(f"The committee approved budget item {i} after a long debate on Tuesday evening.\n" for i in range(200))
    fixed = fix_document(Document(text), RULES)
    assert fixed.text is text


def test_a_huge_line_keeps_its_text_and_loses_its_tags(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW_CHARS", 4096)
    chunk = "The committee approved the budget after a long debate. "
    text = chunk * 2000 + "</p>\n"
    fixed = fix_document(Document(text), RULES).text
    assert fixed == (chunk * 2000).rstrip() + "\n"


def test_reports_keep_positions_not_text():
    from scrapelint.report import FileReport

    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice(["ab", "\n", "\n\n", "&amp;", "  ", "长"]) for _ in range(rng.randint(0, 80)))
        doc = Document(text, source="x.txt")
        findings = check_document(doc, RULES)
        report = FileReport.of(doc, findings)
        assert not hasattr(report.doc, "text")
        for f in findings:
            for offset in (f.start, f.end, *(x for e in (f.fix.edits if f.fix else ()) for x in (e.start, e.end))):
                assert report.doc.index.position(offset) == doc.index.position(offset)


def test_positions_with_carriage_returns_match_the_line_index():
    from scrapelint.report import FileReport

    text = "one\r\ntwo &amp; three\rfour &lt;b&gt;\n"
    doc = Document(text)
    findings = check_document(doc, RULES)
    assert findings
    report = FileReport.of(doc, findings)
    assert [report.doc.index.position(f.start) for f in findings] == [doc.index.position(f.start) for f in findings]


def test_pieces_encode_as_the_whole_text_does():
    from scrapelint.decoding import encode_pieces, encode_text

    rng = random.Random(8)
    alphabets = {"utf-8": "ab 中文\n\udcff", "gb18030": "ab 中文\n", "big5": "ab 漢字\n", "cp1252": "ab é\n",
                 "utf-16": "ab 中文\n", "iso-2022-jp": "ab こんにちは漢字\n", "shift_jis": "ab かな\n"}
    for encoding, alphabet in alphabets.items():
        for bom in (False, True):
            for _ in range(40):
                text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
                cuts = sorted(rng.sample(range(len(text) + 1), min(3, len(text) + 1)))
                pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
                assert b"".join(encode_pieces(pieces, encoding, bom)) == encode_text(text, encoding, bom)


def test_positions_from_pieces_match_the_line_index():
    from scrapelint.model import Finding, LineIndex, Severity
    from scrapelint.report import Positions

    rng = random.Random(4)
    for _ in range(2000):
        text = "".join(rng.choice(["a", "b", "\n", "\n\n", "\r", "\r\n", "xy "]) for _ in range(rng.randint(0, 60)))
        offsets = [rng.randint(0, len(text)) for _ in range(6)]
        findings = [Finding(code="X", name="x", category="whitespace", severity=Severity.WARNING, message="m",
                            start=min(a, b), end=max(a, b)) for a, b in zip(offsets, offsets[1:])]
        cuts = sorted(rng.sample(range(len(text) + 1), min(rng.randint(0, 4), len(text) + 1)))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
        index = LineIndex(text)
        for source in (text, pieces, iter(pieces)):  # a cut may fall inside a "\r\n"
            where = Positions(source, findings)
            assert all(where.position(o) == index.position(o) for o in offsets)


def test_a_long_fixed_document_comes_back_in_pieces(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW_CHARS", 2 * len(PAGE) + 10)
    many = "\n".join([PAGE] * 12)
    fixed = fix_document(Document(many), RULES)
    assert len(fixed.pieces) > 1 and fixed.differs_from(many)
    whole = "".join(fixed.iter_pieces())
    assert fixed.text == whole and fixed.pieces == [whole]


def test_a_long_file_is_written_in_pieces(tmp_path, capsys, monkeypatch):
    from conftest import run_cli

    monkeypatch.setattr(engine, "WINDOW_CHARS", 2 * len(PAGE) + 10)
    path = tmp_path / "long.txt"
    many = "\n".join([PAGE] * 12)
    path.write_text(many, encoding="utf-8")
    run_cli(capsys, "fix", str(path))
    assert path.read_text(encoding="utf-8") == fix_document(Document(many), RULES).text
    assert [p.name for p in tmp_path.iterdir()] == ["long.txt"]
