"""The layering of ARCHITECTURE.md, checked on the source: which module may import which.

Rules see the model layer only (``model``, ``registry``, and the shared text knowledge in
``text`` and ``fold``); the engine never imports a rule; only the front doors (the API, the
CLI, the docs generator) know where the built-in rules are.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "lint"
RULES = ROOT / "rules"

#: What each engine module may import of the project (``rules`` = anything of scrapelint.rules).
ENGINE_IMPORTS = {
    "model": set(),
    "_text": set(),  # compiled (lint/_text.pyx): counts for ``text``
    "text": {"_text"},
    "fold": {"text", "_text"},
    "registry": {"model"},
    "engine": {"model", "registry"},
    "config": {"model", "registry"},
    "decoding": {"text"},
    "sources": {"decoding", "model"},
    "writing": set(),
    "workers": set(),
    "report": {"model", "report", "__init__"},
    "runner": {"decoding", "engine", "model", "registry", "report", "sources", "workers", "writing"},
    "api": {"engine", "model", "registry", "rules"},
    "docs": {"registry", "api"},
    "cli": {"__init__", "api", "config", "docs", "model", "registry", "report", "rules", "runner"},
    "__init__": {"api", "model"},
    "__main__": {"cli"},
}
RULE_IMPORTS = {"model", "registry", "text", "fold", "rules"}
#: The project's top-level modules; any other name imported from the package is an attribute.
_MODULES = set(ENGINE_IMPORTS) | {"rules"}


def _project_imports(path: Path, package: list[str]) -> set[str]:
    """The top-level project modules a file imports (``scrapelint.X`` or relative), by name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts + [a.name] for a in node.names] if not node.module else [parts]
            elif node.module and node.module.split(".")[0] == "scrapelint":
                parts = node.module.split(".")
                names = [parts + [a.name] for a in node.names] if parts == ["scrapelint"] else [parts]
            else:
                continue
            for name in names:
                found.add(name[1] if len(name) > 1 and name[1] in _MODULES else "__init__")
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == "scrapelint":
                    found.add(parts[1] if len(parts) > 1 and parts[1] in _MODULES else "__init__")
    return found


def _engine_files():
    for path in sorted(ENGINE.rglob("*.py")):
        rel = path.relative_to(ENGINE)
        yield rel.parts[0].removesuffix(".py"), path, ["scrapelint", *rel.parts[:-1]]


@pytest.mark.parametrize(("module", "path", "package"), list(_engine_files()), ids=lambda x: str(x) if isinstance(x, str) else None)
def test_engine_modules_import_downwards(module, path, package):
    assert module in ENGINE_IMPORTS, f"new engine module {path.name}: add it to ENGINE_IMPORTS and ARCHITECTURE.md"
    imported = _project_imports(path, package) - {module}
    assert imported <= ENGINE_IMPORTS[module], f"{path.relative_to(ROOT)} imports {sorted(imported - ENGINE_IMPORTS[module])}"


@pytest.mark.parametrize("path", sorted(RULES.rglob("*.py")), ids=lambda p: str(p.relative_to(RULES)))
def test_rules_import_only_the_model_layer(path):
    package = ["scrapelint", "rules", *path.relative_to(RULES).parts[:-1]]
    imported = _project_imports(path, package)
    assert imported <= RULE_IMPORTS, f"{path.relative_to(ROOT)} imports {sorted(imported - RULE_IMPORTS)}"


def test_the_checker_sees_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from scrapelint.engine import check_document\nfrom ..runner import run_check\n", encoding="utf-8")
    assert _project_imports(bad, ["scrapelint", "rules"]) == {"engine", "runner"}
