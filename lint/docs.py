"""Rule documentation generated from the registry: ``scrapelint rule`` and the README's rule table.

``python -m scrapelint.docs README.md`` rewrites the table between the README's
``<!-- rules:begin -->`` and ``<!-- rules:end -->`` markers; a test fails when it is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .registry import Rule

BEGIN, END = "<!-- rules:begin -->", "<!-- rules:end -->"


def _fix_text(rule: Rule) -> str:
    return f"{rule.fix_applicability}" if rule.fix_applicability else "none"


def _show(example: object) -> str:
    text = getattr(example, "text", example)
    return repr(text)[1:-1] if isinstance(text, str) else repr(text)


def rule_markdown(rule: Rule) -> str:
    lines = [
        f"# {rule.name} ({rule.code})",
        "",
        f"Category: {rule.category}. Default severity: {rule.severity}. Fix: {_fix_text(rule)}.",
        "",
        rule.doc(),
    ]
    if rule.flags:
        lines += ["", "## Flagged", ""] + [f"    {_show(x)}" for x in rule.flags]
    if rule.passes:
        lines += ["", "## Not flagged", ""] + [f"    {_show(x)}" for x in rule.passes]
    if rule.fixes:
        lines += ["", "## Fixed", ""]
        for before, after in rule.fixes:
            lines += [f"    {_show(before)}", f"    → {_show(after)}"]
    return "\n".join(lines)


def rule_json(rule: Rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": str(rule.severity),
        "fix": rule.fix_applicability.value if rule.fix_applicability else None,
        "summary": rule.summary(),
        "doc": rule.doc(),
        "flags": [_show(x) for x in rule.flags],
        "passes": [_show(x) for x in rule.passes],
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_table(rules) -> str:
    rows = [
        "| Code | Name | Category | Severity | Fix | What it flags | Example flagged |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rules:
        example = _show(r.flags[0]) if r.flags else ""
        if len(example) > 60:
            example = example[:57] + "…"
        rows.append(
            f"| {r.code} | `{r.name}` | {r.category} | {r.severity} | {_fix_text(r)} | "
            f"{_cell(r.summary())} | `{_cell(example)}` |"
        )
    return "\n".join(rows)


def render_readme(text: str, rules) -> str:
    if BEGIN not in text or END not in text:
        raise ValueError(f"README has no {BEGIN} … {END} markers")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{rules_table(rules)}\n{END}{tail}"


def main(argv: list[str]) -> int:
    from .api import default_registry

    path = Path(argv[0] if argv else "README.md")
    text = path.read_text(encoding="utf-8")
    new = render_readme(text, list(default_registry()))
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"updated the rule table in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
