from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def run_cli(capsys, *argv):
    """The command line in this process: (exit status, stdout, stderr)."""
    from scrapelint.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_isolated(tmp_path, monkeypatch):
    """Run from an empty folder (no config file found), without colour."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="session")
def registry():
    from scrapelint.api import default_registry

    return default_registry()


def seed_texts(prefix: str) -> tuple[str, str]:
    """The raw text and gold clean text of the seed page whose name starts with ``prefix``
    (the test is skipped when ../shared/seeds is not beside this checkout)."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not available")
    raw = next((p for p in seeds.glob(f"{prefix}_*.txt") if not p.name.endswith(".clean.txt")), None)
    if raw is None:
        pytest.skip(f"seed {prefix} is not available")
    gold = raw.with_name(raw.name[: -len(".txt")] + ".clean.txt")
    return raw.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8")


def load_bench(name: str):
    """A script of ``bench/`` imported as a module (``bench`` is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
