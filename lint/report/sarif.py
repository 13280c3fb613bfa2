"""SARIF 2.1.0 output, for code-scanning dashboards and CI gates."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from ..model import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(source: str) -> str:
    if source == "-":
        return "stdin"
    return Path(source).as_posix()


def write_sarif(reports: Sequence, out: IO[str], rules: Sequence) -> None:
    from .. import __version__

    rule_ids = [r.code for r in rules]
    index = {code: i for i, code in enumerate(rule_ids)}
    results = []
    for rep in reports:
        idx = rep.doc.index
        for f in rep.findings:
            row, col = idx.position(f.start)
            erow, ecol = idx.position(f.end)
            result = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f"[{f.category}] {f.message}"},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(rep.doc.source)},
                        "region": {"startLine": row, "startColumn": col, "endLine": erow, "endColumn": ecol},
                    }
                }],
                "properties": {"category": f.category, "confidence": f.confidence, "record": rep.doc.record},
            }
            if f.code in index:
                result["ruleIndex"] = index[f.code]
            results.append(result)
    driver = {
        "name": "scrapelint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/scrapelint/",
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.doc()},
                "defaultConfiguration": {"level": _LEVEL[r.severity]},
                "properties": {"category": r.category},
            }
            for r in rules
        ],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
    text = json.dumps(log, ensure_ascii=False, indent=2)
    out.write(text.encode("utf-8", "backslashreplace").decode("utf-8") + "\n")
