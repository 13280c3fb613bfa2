"""The pre-commit hooks of .pre-commit-hooks.yaml, run for real with `pre-commit try-repo`
(which installs this checkout into a hook environment: slow, so one test per hook)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("pre_commit")
if shutil.which("git") is None or not (ROOT / ".git").exists():
    pytest.skip("needs git and a git checkout of scrapelint", allow_module_level=True)

NOISY = "Markets rallied on Friday.</p>\nInvestors cheered.\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    d = tmp_path_factory.mktemp("hooked")
    subprocess.run(["git", "init", "-q", str(d)], check=True)
    return d


def _try_repo(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env_home = repo.parent / "pre-commit-home"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo, capture_output=True, text=True, timeout=900,
        env={"PRE_COMMIT_HOME": str(env_home), "PATH": "/usr/bin:/bin:" + str(Path(sys.executable).parent),
             "HOME": str(env_home), "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t",
             "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_EMAIL": "t@t"},
    )


def test_check_hook_fails_on_noise(repo):
    (repo / "page.txt").write_text(NOISY, encoding="utf-8")
    p = _try_repo(repo, "scrapelint", "page.txt")
    assert p.returncode == 1, p.stdout + p.stderr
    assert "M001 [markup-debris]" in p.stdout


def test_fix_hook_rewrites_the_file(repo):
    (repo / "page.txt").write_text(NOISY, encoding="utf-8")
    subprocess.run(["git", "add", "page.txt"], cwd=repo, check=True)  # pre-commit diffs tracked files
    p = _try_repo(repo, "scrapelint-fix", "page.txt")
    assert p.returncode == 1, p.stdout + p.stderr  # pre-commit fails a hook that changed files
    assert (repo / "page.txt").read_text(encoding="utf-8") == "Markets rallied on Friday.\nInvestors cheered.\n"
