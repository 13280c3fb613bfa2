"""Settings: defaults, the config file (``scrapelint.toml`` or ``[tool.scrapelint]`` in
``pyproject.toml``) and command-line options, merged in that order.

Unknown keys, unknown rule codes and wrong types are errors that name the file and the key.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Severity
from .registry import ConfigError

CONFIG_NAMES = ("scrapelint.toml", ".scrapelint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.txt", "*.md", "*.text"]
DEFAULT_EXCLUDE = [
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages",
]
OUTPUT_FORMATS = ("text", "json", "jsonl", "sarif", "github")


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    extend_include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    output_format: str = "text"
    output_file: str | None = None
    statistics: bool = False
    unsafe_fixes: bool = False
    extend_safe_fixes: list[str] = field(default_factory=list)
    extend_unsafe_fixes: list[str] = field(default_factory=list)
    exit_zero: bool = False
    fail_on: Severity = Severity.INFO
    quiet: bool = False
    jobs: int = 0
    severity: dict[str, Severity] = field(default_factory=dict)
    extend_packs: list[Path] = field(default_factory=list)
    config_path: Path | None = None

    @property
    def all_include(self) -> list[str]:
        return self.include + self.extend_include

    @property
    def all_exclude(self) -> list[str]:
        return self.exclude + self.extend_exclude


_LIST_KEYS = {"select", "ignore", "extend-select", "include", "extend-include", "exclude", "extend-exclude", "extend-packs",
              "extend-safe-fixes", "extend-unsafe-fixes"}
_BOOL_KEYS = {"statistics", "unsafe-fixes", "exit-zero", "quiet"}
_STR_KEYS = {"output-format", "output-file", "fail-on"}
_INT_KEYS = {"jobs"}
_TABLE_KEYS = {"severity"}
KNOWN_KEYS = _LIST_KEYS | _BOOL_KEYS | _STR_KEYS | _TABLE_KEYS | _INT_KEYS


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``: ``scrapelint.toml``, ``.scrapelint.toml``,
    or a ``pyproject.toml`` that has a ``[tool.scrapelint]`` table."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            except tomllib.TOMLDecodeError:
                # A broken pyproject is ours to report only when it meant to configure us.
                if "tool.scrapelint" in candidate.read_text(encoding="utf-8", errors="replace"):
                    return candidate
                continue
            tool = data.get("tool")
            if (isinstance(tool, dict) and "scrapelint" in tool) or (tool is not None and not isinstance(tool, dict)):
                return candidate  # ours, or broken where ours would be: reported by load_config
    return None


def load_config(path: Path) -> dict[str, Any]:
    """The scrapelint table of a config file, validated for shape (not yet for rule codes)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' must be a table")
        data = tool.get("scrapelint", {})
        where = "[tool.scrapelint]"
    else:
        where = "config"
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    for key, value in data.items():
        if key not in KNOWN_KEYS:
            hint = f" (did you mean {key.replace('_', '-')!r}?)" if key.replace("_", "-") in KNOWN_KEYS else ""
            raise ConfigError(f"{path}: unknown key {key!r} in {where}{hint}")
        if key in _LIST_KEYS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{path}: {key!r} must be a list of strings")
        if key in _BOOL_KEYS and not isinstance(value, bool):
            raise ConfigError(f"{path}: {key!r} must be true or false")
        if key in _STR_KEYS and not isinstance(value, str):
            raise ConfigError(f"{path}: {key!r} must be a string")
        if key in _INT_KEYS and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ConfigError(f"{path}: {key!r} must be a whole number (0: one process per CPU)")
        if key in _TABLE_KEYS and not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
            raise ConfigError(f"{path}: {key!r} must be a table of rule code = \"error\" | \"warning\" | \"info\"")
    return data


def apply_config(settings: Settings, data: dict[str, Any], path: Path) -> Settings:
    for key, value in data.items():
        attr = key.replace("-", "_")
        if key == "severity":
            try:
                settings.severity = {code.upper(): Severity.parse(level) for code, level in value.items()}
            except ValueError as exc:
                raise ConfigError(f"{path}: severity: {exc}") from None
        elif key == "fail-on":
            try:
                settings.fail_on = Severity.parse(value)
            except ValueError as exc:
                raise ConfigError(f"{path}: fail-on: {exc}") from None
        elif key == "output-format":
            if value not in OUTPUT_FORMATS:
                raise ConfigError(f"{path}: output-format must be one of {', '.join(OUTPUT_FORMATS)}")
            settings.output_format = value
        elif key == "extend-packs":
            settings.extend_packs = [(path.parent / p) for p in value]
        else:
            setattr(settings, attr, list(value) if isinstance(value, list) else value)
    settings.config_path = path
    return settings
