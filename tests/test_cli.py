"""The command line: commands, options, exit codes, output formats and configuration."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scrapelint.cli import main

NOISY = "Markets rallied on Friday.</p>\n\n\n\n\nInvestors cheered the report.\u200b\n"
CLEAN = "Markets rallied on Friday.\n\nInvestors cheered the report.\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_proc(*argv, stdin: bytes | None = None, cwd=None):
    return subprocess.run([sys.executable, "-m", "scrapelint", *argv], input=stdin,
                          capture_output=True, cwd=cwd, timeout=300)


@pytest.fixture
def noisy(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(NOISY, encoding="utf-8")
    return p


@pytest.fixture
def clean(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN, encoding="utf-8")
    return p


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    # No config file above tmp_path may leak into these tests.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


def test_check_reports_ruff_style_and_exits_1(capsys, noisy):
    code, out, _ = run(capsys, "check", str(noisy))
    assert code == 1
    lines = out.splitlines()
    assert f"{noisy}:1:27: M001 [markup-debris]" in lines[0]
    assert any(":2:1: W001 [whitespace] " in ln for ln in lines)
    assert lines[-1].startswith("Found 3 problems in 1 file (3 fixable")


def test_the_summary_counts_the_fixes_only_unsafe_fixes_apply(capsys, tmp_path):
    """As ruff does: a problem whose fix is unsafe (W002's) is not counted as fixable, and the
    summary says how many more ``--unsafe-fixes`` would fix."""
    p = tmp_path / "trailing.txt"
    p.write_text("Markets rallied on Friday.   \nInvestors cheered.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(p))
    assert out.splitlines()[-1] == "Found 1 problem in 1 file (1 fixable with `scrapelint fix --unsafe-fixes`)."
    p.write_text("Markets rallied on Friday.</p>\nInvestors cheered.   \n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(p))
    assert out.splitlines()[-1] == (
        "Found 2 problems in 1 file (1 fixable with `scrapelint fix`, 1 more with `--unsafe-fixes`).")
    code, out, _ = run(capsys, "check", "--statistics", str(p))
    assert out.splitlines()[-1].endswith("1 more with `--unsafe-fixes`).")
    code, _, err = run(capsys, "fix", str(p))
    assert "Fixed 1 problem in 1 file; 1 remaining (1 fixable with `--unsafe-fixes`)." in err
    assert p.read_text(encoding="utf-8") == "Markets rallied on Friday.\nInvestors cheered.   \n"
    code, _, err = run(capsys, "fix", "--unsafe-fixes", str(p))
    assert "Fixed 1 problem in 1 file; 0 remaining." in err
    assert p.read_text(encoding="utf-8") == "Markets rallied on Friday.\nInvestors cheered.\n"


def test_check_clean_exits_0(capsys, clean):
    code, out, _ = run(capsys, "check", str(clean))
    assert code == 0
    assert out.strip() == "All checks passed!"


def test_exit_zero_and_fail_on(capsys, noisy):
    assert run(capsys, "check", "--exit-zero", str(noisy))[0] == 0
    # All three findings are warnings: a gate on errors passes.
    assert run(capsys, "check", "--fail-on", "error", str(noisy))[0] == 0
    assert run(capsys, "check", "--fail-on", "warning", str(noisy))[0] == 1


def test_select_ignore_by_code_prefix_and_category(capsys, noisy):
    code, out, _ = run(capsys, "check", "--select", "whitespace", "--output-format", "json", str(noisy))
    assert {f["category"] for f in json.loads(out)} == {"whitespace"}
    code, out, _ = run(capsys, "check", "--select", "W", "--ignore", "W001", "--output-format", "json", str(noisy))
    assert {f["code"] for f in json.loads(out)} == {"W003"}
    code, out, _ = run(capsys, "check", "--select", "M001", "--extend-select", "W003", "--output-format", "json",
                       str(noisy))
    assert {f["code"] for f in json.loads(out)} == {"M001", "W003"}


def test_unknown_selector_is_a_usage_error(capsys, noisy):
    code, _, err = run(capsys, "check", "--select", "Z999", str(noisy))
    assert code == 2
    assert "Z999" in err and "Traceback" not in err


def test_json_shape(capsys, noisy):
    code, out, _ = run(capsys, "check", "--output-format", "json", str(noisy))
    data = json.loads(out)
    first = data[0]
    assert set(first) == {"filename", "record", "code", "name", "category", "severity", "message",
                          "confidence", "location", "end_location", "fix"}
    assert first["filename"] == str(noisy) and first["record"] is None
    assert first["location"] == {"row": 1, "column": 27}
    assert first["end_location"] == {"row": 1, "column": 31}
    assert first["fix"]["applicability"] == "safe"
    edit = first["fix"]["edits"][0]
    assert edit == {"content": "", "location": {"row": 1, "column": 27}, "end_location": {"row": 1, "column": 31}}


def test_jsonl_and_output_file(capsys, noisy, tmp_path):
    report = tmp_path / "report.jsonl"
    code, out, _ = run(capsys, "check", "--output-format", "jsonl", "-o", str(report), str(noisy))
    assert code == 1 and out == ""
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [r["code"] for r in rows] == ["M001", "W001", "W003"]


def test_sarif_validates_against_the_official_schema(capsys, noisy):
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import SHARED

    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip("the SARIF schema is not beside this checkout")
    code, out, _ = run(capsys, "check", "--output-format", "sarif", str(noisy))
    log = json.loads(out)
    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["M001", "W001", "W003"]


def test_github_annotations(capsys, noisy):
    _, out, _ = run(capsys, "check", "--output-format", "github", str(noisy))
    assert out.splitlines()[0].startswith(f"::warning title=scrapelint (M001),file={noisy},line=1,col=27")


def test_statistics(capsys, noisy):
    code, out, _ = run(capsys, "check", "--statistics", str(noisy))
    assert code == 1
    assert "M001\t[*] stray-html-tag [markup-debris]" in out


def test_fix_in_place_then_idempotent(capsys, noisy):
    code, out, err = run(capsys, "fix", str(noisy))
    assert code == 0
    assert noisy.read_text(encoding="utf-8") == CLEAN
    assert "Fixed 3 problems in 1 file; 0 remaining." in err
    code, out, err = run(capsys, "fix", str(noisy))
    assert noisy.read_text(encoding="utf-8") == CLEAN
    assert "Fixed 0 problems in 0 files" in err


def test_fix_diff_changes_nothing(capsys, noisy):
    before = noisy.read_bytes()
    code, out, err = run(capsys, "fix", "--diff", str(noisy))
    assert code == 1
    assert noisy.read_bytes() == before
    assert out.startswith(f"--- a/{noisy}\n+++ b/{noisy}\n")
    assert "-Markets rallied on Friday.</p>\n+Markets rallied on Friday.\n" in out
    assert "Would fix 3 problems in 1 file" in err


def test_fix_stdin_to_stdout():
    p = run_proc("fix", "-", stdin=NOISY.encode())
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == CLEAN


def test_check_stdin_json_with_stdin_filename():
    p = run_proc("check", "--output-format", "json", "--stdin-filename", "feed/page.txt", "-", stdin=NOISY.encode())
    assert p.returncode == 1
    assert {f["filename"] for f in json.loads(p.stdout)} == {"feed/page.txt"}


def test_directory_walk_honours_include_and_exclude(capsys, tmp_path):
    (tmp_path / "corpus" / "skip").mkdir(parents=True)
    (tmp_path / "corpus" / "a.txt").write_text(NOISY, encoding="utf-8")
    (tmp_path / "corpus" / "b.md").write_text(NOISY, encoding="utf-8")
    (tmp_path / "corpus" / "c.htm").write_text(NOISY, encoding="utf-8")
    (tmp_path / "corpus" / "skip" / "d.txt").write_text(NOISY, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--output-format", "json", "--extend-exclude", "skip", "corpus")
    assert sorted({f["filename"] for f in json.loads(out)}) == ["corpus/a.txt", "corpus/b.md"]
    code, out, _ = run(capsys, "check", "--output-format", "json", "--include", "*.htm", "corpus")
    assert sorted({f["filename"] for f in json.loads(out)}) == ["corpus/c.htm"]


def test_pyproject_config(capsys, tmp_path, noisy):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.scrapelint]\nselect = ["markup-debris"]\n[tool.scrapelint.severity]\nM001 = "error"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "--output-format", "json", str(noisy))
    data = json.loads(out)
    assert [(f["code"], f["severity"]) for f in data] == [("M001", "error")]
    # --isolated ignores it.
    code, out, _ = run(capsys, "check", "--isolated", "--output-format", "json", str(noisy))
    assert len(json.loads(out)) == 3


def test_scrapelint_toml_and_explicit_config(capsys, tmp_path, noisy):
    cfg = tmp_path / "conf" / "lint.toml"
    cfg.parent.mkdir()
    cfg.write_text('ignore = ["W"]\nfail-on = "error"\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--config", str(cfg), "--output-format", "json", str(noisy))
    assert code == 0  # one warning, gate on errors
    assert [f["code"] for f in json.loads(out)] == ["M001"]
    (tmp_path / "scrapelint.toml").write_text('select = ["W003"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--output-format", "json", str(noisy))
    assert [f["code"] for f in json.loads(out)] == ["W003"]


@pytest.mark.parametrize(
    "content,expected",
    [
        ('[tool.scrapelint]\nselectt = ["M"]\n', "unknown key 'selectt'"),
        ('[tool.scrapelint]\nselect = "M"\n', "'select' must be a list of strings"),
        ('[tool.scrapelint]\nselect = ["Q"]\n', "unknown rule selector 'Q'"),
        ('[tool.scrapelint.severity]\nM999 = "error"\n', "unknown rule code 'M999'"),
        ('[tool.scrapelint.severity]\nM001 = "fatal"\n', "unknown severity 'fatal'"),
        ('[tool.scrapelint]\nextend-safe-fixes = ["Q9"]\n', "unknown rule selector 'Q9'"),
        ('[tool.scrapelint]\nextend-unsafe-fixes = "M001"\n', "'extend-unsafe-fixes' must be a list of strings"),
        ('[tool.scrapelint\nselect = 1\n', "invalid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(capsys, tmp_path, noisy, content, expected):
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", str(noisy))
    assert code == 2
    assert expected in err and "pyproject.toml" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


_THREAD_PAGE = (
    "Council backs new bus lanes\n"
    "The city council voted on Tuesday to extend the bus network to the northern districts of the town.\n"
    "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.\n"
    "3 Comments\nmaria_k\n2 hours ago\nFinally! I have waited years for a direct bus into town.\nReply\n"
    "tom.h\n5 hours ago\nWho is going to pay for all of this, though?\nReply\n"
)


def test_fix_safety_settings(capsys, tmp_path):
    """extend-safe-fixes / extend-unsafe-fixes, as in ruff: B807's unsafe removal of a comment
    thread becomes a safe fix, M001's safe tag removal an unsafe one."""
    page = tmp_path / "page.txt"
    text = _THREAD_PAGE.replace("voted on", "voted <b>on")
    page.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--output-format", "json", str(page))
    fixable = {f["code"]: f["fix"]["applicability"] for f in json.loads(out) if f["fix"]}
    assert fixable["B807"] == "unsafe" and fixable["M001"] == "safe"
    (tmp_path / "scrapelint.toml").write_text(
        'extend-safe-fixes = ["comment-thread"]\nextend-unsafe-fixes = ["M"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--output-format", "json", str(page))
    fixable = {f["code"]: f["fix"]["applicability"] for f in json.loads(out) if f["fix"]}
    assert fixable["B807"] == "safe" and fixable["M001"] == "unsafe"
    run(capsys, "fix", str(page))
    fixed = page.read_text(encoding="utf-8")
    assert "maria_k" not in fixed and "<b>" in fixed
    assert fixed == text[: text.index("3 Comments")]


def test_missing_config_file(capsys, noisy):
    code, _, err = run(capsys, "check", "--config", "nope.toml", str(noisy))
    assert code == 2 and "nope.toml" in err


def test_rule_command(capsys):
    code, out, _ = run(capsys, "rule", "W003")
    assert code == 0
    assert out.startswith("# invisible-character (W003)")
    assert "## Why is this bad?" in out and "## Flagged" in out
    code, out, _ = run(capsys, "rule", "invisible-character", "--output-format", "json")
    assert json.loads(out)[0]["code"] == "W003"
    code, _, err = run(capsys, "rule", "X123")
    assert code == 2 and "X123" in err


def test_version():
    p = run_proc("--version")
    assert p.returncode == 0 and p.stdout.decode().startswith("scrapelint ")


def test_no_command_is_a_usage_error(capsys):
    assert run(capsys)[0] == 2


def test_fix_statistics_counts_what_remains(capsys, noisy):
    code, out, err = run(capsys, "fix", "--select", "W003", "--statistics", str(noisy))
    assert code == 0
    assert "All checks passed!" in out
    assert "Fixed 1 problem in 1 file; 0 remaining." in err


def test_parallel_run_reports_and_fixes_like_a_serial_one(capsys, tmp_path):
    from scrapelint.runner import PARALLEL_MIN_FILES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(PARALLEL_MIN_FILES + 4):
        (corpus / f"{i:03}.txt").write_text(NOISY if i % 3 else CLEAN, encoding="utf-8")
    (corpus / "bin.txt").write_bytes(b"\x00\x01" * 50)
    serial = run(capsys, "check", "--jobs", "1", "--output-format", "json", str(corpus))
    parallel = run(capsys, "check", "--jobs", "2", "--output-format", "json", str(corpus))
    assert serial == parallel and serial[0] == 1
    assert len(json.loads(parallel[1])) == 3 * sum(1 for i in range(PARALLEL_MIN_FILES + 4) if i % 3)
    code, _, err = run(capsys, "fix", "--jobs", "2", str(corpus))
    assert code == 0 and "skipped: binary file" in err
    assert all(p.read_text(encoding="utf-8") == CLEAN for p in corpus.glob("0*.txt"))


def test_a_worker_killed_mid_run_is_an_error_and_no_file_changes(capsys, tmp_path, monkeypatch):
    """The OOM killer's way: a worker dies without a word. The run says which files it held,
    exits 2 and writes nothing (the workers are forked, so they inherit the patched function)."""
    import os
    import signal

    from scrapelint import runner

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(runner.PARALLEL_MIN_FILES * 4):
        (corpus / f"{i:03}.txt").write_text(NOISY, encoding="utf-8")
    process = runner._process

    def killed_on_file_40(source, *args, **kwargs):
        if source.path.name == "040.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return process(source, *args, **kwargs)

    monkeypatch.setattr(runner, "_process", killed_on_file_40)
    code, _, err = run(capsys, "fix", "--jobs", "2", str(corpus))
    assert code == 2 and "a worker process ended while it processed these files" in err
    assert "040.txt … " in err  # the first and last file of the chunk the worker held
    assert all(p.read_text(encoding="utf-8") == NOISY for p in corpus.iterdir())
    assert not [p for p in corpus.iterdir() if p.name.startswith(".scrapelint-")]


def test_negative_jobs_is_a_usage_error(capsys, noisy):
    code, _, err = run(capsys, "check", "--jobs", "-1", str(noisy))
    assert code == 2 and "--jobs" in err


def test_quiet_drops_the_summary(capsys, noisy, clean):
    code, out, _ = run(capsys, "check", "-q", str(clean))
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "check", "-q", str(noisy))
    assert code == 1 and len(out.splitlines()) == 3 and "Found" not in out


def test_a_pyproject_whose_tool_is_not_a_table_is_a_clean_error(capsys, tmp_path, noisy):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(noisy))
    assert code == 2 and "pyproject.toml: 'tool' must be a table" in err and "Traceback" not in err


def test_the_report_never_overwrites_an_input(capsys, tmp_path, noisy):
    before = noisy.read_bytes()
    code, _, err = run(capsys, "check", "-o", str(noisy), str(noisy))
    assert code == 2 and "is one of the inputs" in err
    assert noisy.read_bytes() == before
    code, _, err = run(capsys, "fix", "-o", str(noisy), str(tmp_path))
    assert code == 2 and noisy.read_bytes() == before


def test_a_newline_in_a_file_name_cannot_forge_report_lines(capsys, tmp_path):
    p = tmp_path / "a\nb.txt"
    p.write_text(NOISY, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--output-format", "github", str(p))
    assert code == 1 and all(line.startswith("::") for line in out.splitlines()) and "a%0Ab.txt" in out
    code, out, _ = run(capsys, "check", str(p))
    assert "a\\nb.txt:1:" in out


def test_a_closed_pipe_keeps_the_failure_status(tmp_path):
    import subprocess

    for n in range(300):
        (tmp_path / f"p{n}.txt").write_text(NOISY, encoding="utf-8")
    exe = [sys.executable, "-m", "scrapelint", "check", str(tmp_path)]
    proc = subprocess.Popen(exe, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `| head -1` does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert b"Traceback" not in err
