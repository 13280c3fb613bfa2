"""Bad and unusual input: every case ends in a clear message naming the file, never a traceback,
and never loses data (a failed fix run leaves every input as it was)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import run_cli

NOISY = "Quarterly sales grew 8 percent.</p>\n"


run = run_cli
pytestmark = pytest.mark.usefixtures("cli_isolated")


def test_empty_file(capsys, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert run(capsys, "check", str(p))[0] == 0
    assert run(capsys, "fix", str(p))[0] == 0
    assert p.read_bytes() == b""


def test_binary_file_is_skipped_with_a_message(capsys, tmp_path):
    p = tmp_path / "image.txt"
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    p.write_bytes(data)
    code, out, err = run(capsys, "check", str(p))
    assert code == 0
    assert f"warning: {p}: skipped: binary file" in err
    assert run(capsys, "fix", str(p))[0] == 0
    assert p.read_bytes() == data


def test_invalid_utf8_bytes_are_reported_and_preserved(capsys, tmp_path):
    p = tmp_path / "damaged.txt"
    data = "第一段文字，内容完整。\n第二段".encode() + b"\xff\xfe" + "文字。</p>\n".encode()
    p.write_bytes(data)
    code, out, err = run(capsys, "check", "--output-format", "json", str(p))
    codes = {f["code"] for f in json.loads(out)}
    assert code == 1 and "E008" in codes and "M001" in codes
    run(capsys, "fix", str(p))
    # The tag is gone, the undecodable bytes are exactly where they were.
    assert p.read_bytes() == data.replace(b"</p>", b"")


def test_legacy_encoding_is_reported_and_rewritten_as_utf8(capsys, tmp_path):
    text = ("今年一季度，全省规模以上工业增加值同比增长百分之六点二，增速比上年全年加快一点一个百分点。\n"
            "分行业看，高技术制造业增加值增长百分之九点八，装备制造业增长百分之七点五。\n"
            "全省固定资产投资同比增长百分之五点一，其中民间投资增长百分之三点四。\n")
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gbk"))
    code, out, _ = run(capsys, "check", "--output-format", "json", str(p))
    e007 = [f for f in json.loads(out) if f["code"] == "E007"]
    assert e007 and "gb" in e007[0]["message"].lower()
    run(capsys, "fix", str(p))
    assert p.read_bytes().decode("utf-8") == text


def test_legacy_encoding_kept_when_reencoding_is_ignored(capsys, tmp_path):
    text = ("今年一季度，全省规模以上工业增加值同比增长。</p>\n"
            "分行业看，高技术制造业增加值增长百分之九点八。\n"
            "全省固定资产投资同比增长百分之五点一。\n")
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gbk"))
    run(capsys, "fix", "--ignore", "E007", str(p))
    assert p.read_bytes() == text.replace("</p>", "").encode("gbk")


def test_huge_single_line(capsys, tmp_path):
    p = tmp_path / "huge.txt"
    chunk = "The committee approved the budget after a long debate. "
    p.write_text(chunk * (50_000_000 // len(chunk)) + "</p>\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--output-format", "json", str(p))
    assert code == 1
    assert [f["code"] for f in json.loads(out)] == ["M001"]


def test_missing_path(capsys, tmp_path):
    code, out, err = run(capsys, "check", "no/such/file.txt")
    assert code == 2
    assert err.strip() == "error: no/such/file.txt: no such file or directory"


def test_unreadable_file_in_a_directory(capsys, tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "good.txt").write_text(NOISY, encoding="utf-8")
    os.symlink(d / "gone.txt", d / "broken.txt")
    code, out, err = run(capsys, "check", str(d))
    assert code == 2
    assert f"error: {d / 'broken.txt'}: broken symbolic link" in err
    assert "good.txt:1:" in out  # the readable file is still reported


def test_permission_denied_names_the_file(capsys, tmp_path, monkeypatch):
    from pathlib import Path

    p = tmp_path / "secret.txt"
    p.write_text(NOISY, encoding="utf-8")
    real = Path.read_bytes

    def deny(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    code, out, err = run(capsys, "check", str(p))
    assert code == 2
    assert err.strip() == f"error: {p}: cannot read: permission denied"


def test_failed_fix_run_changes_no_file(capsys, tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    good = [d / f"{i}.txt" for i in range(3)]
    for p in good:
        p.write_text(NOISY, encoding="utf-8")
    os.symlink(d / "gone.txt", d / "1b.txt")
    code, out, err = run(capsys, "fix", str(d))
    assert code == 2
    assert "no file was changed" in err
    for p in good:
        assert p.read_text(encoding="utf-8") == NOISY
    assert sorted(x.name for x in d.iterdir()) == ["0.txt", "1.txt", "1b.txt", "2.txt"]  # no temporaries left


def test_rule_crash_mid_run_changes_no_file(capsys, tmp_path, monkeypatch):
    from scrapelint.rules import whitespace

    d = tmp_path / "corpus"
    d.mkdir()
    for i in range(3):
        (d / f"{i}.txt").write_text(NOISY if i != 1 else "boom  \n", encoding="utf-8")

    def explode(self, doc):
        if "boom" in doc.text:
            raise RuntimeError("simulated bug")
        return iter(())

    monkeypatch.setattr(whitespace.TrailingWhitespace, "check", explode)
    code, out, err = run(capsys, "fix", str(d))
    assert code == 2
    assert f"rule W002 (trailing-whitespace) failed on {d / '1.txt'}" in err
    assert "Traceback" not in err
    assert all((d / f"{i}.txt").read_text(encoding="utf-8") in (NOISY, "boom  \n") for i in range(3))


def test_crlf_and_bom_are_preserved(capsys, tmp_path):
    p = tmp_path / "win.txt"
    p.write_bytes(b"\xef\xbb\xbfFirst line.</p>\r\nSecond line.\r\n")
    run(capsys, "fix", str(p))
    assert p.read_bytes() == b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n"


def test_fix_keeps_file_mode(capsys, tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(NOISY, encoding="utf-8")
    os.chmod(p, 0o640)
    run(capsys, "fix", str(p))
    assert (os.stat(p).st_mode & 0o777) == 0o640


def test_unwritable_report_file(capsys, tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(NOISY, encoding="utf-8")
    code, _, err = run(capsys, "check", "-o", str(tmp_path / "no" / "dir" / "r.json"), str(p))
    assert code == 2 and "r.json" in err


def test_no_traceback_from_the_real_command(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(b"\x00\x01\x02" * 100)
    proc = subprocess.run([sys.executable, "-m", "scrapelint", "check", str(p), "missing.txt"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "missing.txt: no such file or directory" in proc.stderr


CORPUS = (json.dumps({"id": 1, "text": "a \\u003cbr\\u003e b</p>"}) + "\n"
          + json.dumps({"id": 2, "text": "second record"}) + "\n").encode()


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.ndjson", "records.json", "corpus.txt"])
def test_corpus_files_are_never_rewritten_as_text(capsys, tmp_path, name):
    p = tmp_path / name
    p.write_bytes(CORPUS)  # corpus.txt: the content says JSON lines
    code, out, err = run(capsys, "check", str(p))
    assert code == 0 and "skipped: structured data" in err and "not supported yet" in err
    code, out, err = run(capsys, "fix", str(p))
    assert code == 0 and "skipped: structured data" in err
    assert p.read_bytes() == CORPUS


def test_a_page_that_holds_one_json_line_is_still_text(capsys, tmp_path):
    p = tmp_path / "page.txt"
    p.write_text('{"title": "x"}\n' + NOISY, encoding="utf-8")
    assert run(capsys, "check", str(p))[0] == 1


def _stdin(args, data):
    exe = [sys.executable, "-m", "scrapelint", *args]
    return subprocess.run(exe, input=data, capture_output=True, timeout=60)


@pytest.mark.parametrize("data", [CORPUS, b"\x00\x01binary\x00" * 20], ids=["jsonl", "binary"])
def test_fix_on_standard_input_passes_skipped_data_through(data):
    done = _stdin(["fix", "-"], data)
    assert done.returncode == 0, done.stderr
    assert done.stdout == data
    assert b"skipped" in done.stderr


@pytest.mark.parametrize(
    ("data", "codecs", "text"),
    [
        (b"caf\xe9\n", {"cp1252", "cp1250", "latin-1"}, "café\n"),  # was cp1006: 'caf\ufee0'
        ("你好".encode("gbk"), {"gb18030"}, "你好"),  # was euc_jis_2004: '低挫'
        (b"x\xb1y &amp;\n", {"cp1252", "latin-1"}, "x±y &amp;\n"),  # was johab
    ],
)
def test_a_legacy_encoding_is_a_web_encoding_that_round_trips(data, codecs, text):
    from scrapelint.decoding import decode_bytes

    decoded = decode_bytes(data, "page.txt")
    assert decoded.encoding in codecs and decoded.text == text
    assert decoded.text.encode(decoded.encoding) == data
    assert not decoded.confident  # a few non-ASCII bytes: a guess


def test_a_weak_encoding_guess_is_an_unsafe_rewrite(capsys, tmp_path):
    p = tmp_path / "short.txt"
    p.write_bytes(b"x\xb1y &amp;\n")
    code, out, err = run(capsys, "check", "--output-format", "json", str(p))
    (e007,) = [f for f in json.loads(out) if f["code"] == "E007"]
    assert e007["fix"]["applicability"] == "unsafe" and "a guess from few non-ASCII bytes" in e007["message"]
    run(capsys, "fix", "--ignore", "E007", str(p))
    assert p.read_bytes() == b"x\xb1y &\n"  # the entity fixed; the 0xB1 byte exactly as it was
    run(capsys, "fix", str(p))
    assert p.read_bytes() == b"x\xb1y &\n"  # the rewrite to UTF-8 waits for --unsafe-fixes
