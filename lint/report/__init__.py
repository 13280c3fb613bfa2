"""Reporters: findings of a run, written as text, JSON, JSON lines, SARIF or GitHub annotations.

A reporter gets ``FileReport`` objects (a document and its findings) and a stream; it knows
nothing about how the findings were made.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from ..model import Applicability, Document, Finding, Severity


class Positions:
    """Row and column of the offsets a file's findings use, resolved while the text was at hand,
    so that a report keeps no document text: a run over a corpus holds findings, not files.

    The same positions as ``LineIndex`` (``"\r\n"``, ``"\r"`` and ``"\n"`` end lines), found in one
    pass that counts line breaks between the offsets in order, over the text whole or in
    consecutive pieces (a long fixed text): no list of line starts, which for a file of a million
    lines would outweigh the text, and no joined copy of the pieces."""

    __slots__ = ("_at",)

    def __init__(self, text: str | Iterable[str], findings: Sequence[Finding]):
        self._at: dict[int, tuple[int, int]] = {}
        needed = set()
        for f in findings:
            needed.add(f.start)
            needed.add(f.end)
            if f.fix is not None:
                for e in f.fix.edits:
                    needed.add(e.start)
                    needed.add(e.end)
        if not needed:
            return
        offsets = sorted(needed)
        k = 0
        row, line_start, base = 1, 0, 0
        pending_cr = False  # the text so far ends with a "\r" whose "\n" may open the next piece
        for piece in (text,) if isinstance(text, str) else text:
            if pending_cr and not piece.startswith("\n"):
                row, line_start = row + 1, base  # it was a line end of its own
            pending_cr = piece.endswith("\r")
            # An offset at the end of a piece that ends with "\r" waits for the next piece.
            limit = base + len(piece) - (1 if pending_cr else 0)
            pos = 0
            while k < len(offsets) and offsets[k] <= limit:
                local = max(0, offsets[k] - base)
                row, line_start = _advance(piece, pos, local, base, row, line_start)
                self._at[offsets[k]] = (row, offsets[k] - line_start + 1)
                pos = local
                k += 1
            row, line_start = _advance(piece, pos, len(piece) - (1 if pending_cr else 0), base, row, line_start)
            base += len(piece)
        if pending_cr:
            row, line_start = row + 1, base
        for offset in offsets[k:]:  # at or past the end of the text
            self._at[offset] = (row, max(0, min(offset, base) - line_start) + 1)

    def position(self, offset: int) -> tuple[int, int]:
        return self._at[offset]


def _advance(piece: str, pos: int, local: int, base: int, row: int, line_start: int) -> tuple[int, int]:
    """Row and line start after the line ends in ``piece[pos:local]`` (``"\r\n"`` counted once; a
    ``"\r"`` just before ``local`` whose ``"\n"`` follows it is not ended yet)."""
    if pos >= local:
        return row, line_start
    breaks = piece.count("\n", pos, local)
    cr = piece.count("\r", pos, local)
    straddle = piece[local - 1] == "\r" and piece.startswith("\n", local)
    if cr:
        breaks += cr - piece.count("\r\n", pos, local) - straddle
    if not breaks:
        return row, line_start
    last = max(piece.rfind("\n", pos, local), piece.rfind("\r", pos, local - straddle))
    return row + breaks, base + last + 1


@dataclass(frozen=True)
class ReportedDocument:
    """What a report needs of a document: its name, its record and its findings' positions."""

    source: str | None
    record: str | int | None
    index: Positions


@dataclass
class FileReport:
    doc: ReportedDocument
    findings: list[Finding]

    @classmethod
    def of(cls, doc: Document, findings: Sequence[Finding], pieces: Iterable[str] | None = None) -> "FileReport":
        """The report of ``findings`` in ``doc`` (whose text may be given as ``pieces``)."""
        where = Positions(doc.text if pieces is None else pieces, findings)
        return cls(ReportedDocument(doc.source, doc.record, where), list(findings))


def finding_dict(doc: ReportedDocument, f: Finding) -> dict:
    """The JSON shape of one finding (the documented, stable interface)."""
    idx = doc.index
    row, col = idx.position(f.start)
    erow, ecol = idx.position(f.end)
    fix = None
    if f.fix is not None:
        fix = {
            "applicability": str(f.fix.applicability),
            "message": f.fix.message,
            "edits": [
                {
                    "content": e.content,
                    "location": _loc(idx.position(e.start)),
                    "end_location": _loc(idx.position(e.end)),
                }
                for e in f.fix.edits
            ],
        }
    return {
        "filename": doc.source,
        "record": doc.record,
        "code": f.code,
        "name": f.name,
        "category": f.category,
        "severity": str(f.severity),
        "message": f.message,
        "confidence": f.confidence,
        "location": _loc((row, col)),
        "end_location": _loc((erow, ecol)),
        "fix": fix,
    }


def _loc(rc: tuple[int, int]) -> dict:
    return {"row": rc[0], "column": rc[1]}


def _dumps(obj) -> str:
    # ensure_ascii=False keeps CJK readable; lone surrogates (undecodable bytes) are escaped.
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")


def use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


_SEV_COLOR = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _c(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def _safe(text: str) -> str:
    """Printable form of a message: control characters and lone surrogates escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}
_CONTROLS.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def display_name(name: str) -> str:
    """A file name as a report line shows it: a newline or other control character in the name is
    escaped, so a crafted name cannot forge a report line or an annotation."""
    return _safe(name.translate(_CONTROLS))


def _gh_property(text: str) -> str:
    """GitHub workflow-command property escaping (file=, title=)."""
    return (text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def fixable(f: Finding, unsafe: bool) -> bool:
    return f.fix is not None and (unsafe or f.fix.applicability is Applicability.SAFE)


def hidden(f: Finding, unsafe: bool) -> bool:
    """Whether ``f`` has a fix that only ``--unsafe-fixes`` applies (and it is not given)."""
    return f.fix is not None and not unsafe and f.fix.applicability is not Applicability.SAFE


def count_hidden(reports: Sequence[FileReport], unsafe: bool) -> int:
    """How many findings of ``reports`` only ``--unsafe-fixes`` would fix (``hidden``)."""
    return sum(hidden(f, unsafe) for r in reports for f in r.findings)


def write_text(reports: Sequence[FileReport], out: IO[str], *, unsafe: bool = False, summary: bool = True) -> None:
    color = use_color(out)
    total = nfix = nhidden = 0
    for rep in reports:
        idx = rep.doc.index
        where = display_name(rep.doc.source if rep.doc.record is None else f"{rep.doc.source}[{rep.doc.record}]")
        for f in rep.findings:
            row, col = idx.position(f.start)
            mark = " [*]" if fixable(f, unsafe) else ""
            code = _c(f.code, "1;" + _SEV_COLOR[f.severity], color)
            out.write(f"{_c(where, '1', color)}:{row}:{col}: {code} [{f.category}] {_safe(f.message)}{mark}\n")
            total += 1
            nfix += fixable(f, unsafe)
            nhidden += hidden(f, unsafe)
    if summary:
        out.write(summary_line(total, nfix, sum(1 for r in reports if r.findings), nhidden) + "\n")


def summary_line(total: int, nfix: int, files: int, nhidden: int = 0) -> str:
    """The report's last line; ``nhidden``: problems whose fix only ``--unsafe-fixes`` applies."""
    if not total:
        return "All checks passed!"
    line = f"Found {total} problem{'s' * (total != 1)} in {files} file{'s' * (files != 1)}"
    if nfix and nhidden:
        line += f" ({nfix} fixable with `scrapelint fix`, {nhidden} more with `--unsafe-fixes`)"
    elif nfix:
        line += f" ({nfix} fixable with `scrapelint fix`)"
    elif nhidden:
        line += f" ({nhidden} fixable with `scrapelint fix --unsafe-fixes`)"
    return line + "."


def write_json(reports: Sequence[FileReport], out: IO[str]) -> None:
    items = [finding_dict(r.doc, f) for r in reports for f in r.findings]
    out.write(_dumps(items) if items else "[]")
    out.write("\n")


def write_jsonl(reports: Sequence[FileReport], out: IO[str]) -> None:
    for r in reports:
        for f in r.findings:
            out.write(_dumps(finding_dict(r.doc, f)) + "\n")


def write_github(reports: Sequence[FileReport], out: IO[str]) -> None:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for r in reports:
        idx = r.doc.index
        for f in r.findings:
            row, col = idx.position(f.start)
            erow, ecol = idx.position(f.end)
            msg = _safe(f"{f.code} [{f.category}] {f.message}").replace("%", "%25").replace("\r", "%0D")
            msg = msg.replace("\n", "%0A")
            out.write(
                f"::{level[f.severity]} title=scrapelint ({f.code}),file={_gh_property(_safe(r.doc.source))},"
                f"line={row},col={col},endLine={erow},endColumn={ecol}::{msg}\n"
            )


def statistics(reports: Sequence[FileReport], unsafe: bool = False) -> list[dict]:
    counts: Counter[str] = Counter()
    names: dict[str, Finding] = {}
    fixes: Counter[str] = Counter()
    for r in reports:
        for f in r.findings:
            counts[f.code] += 1
            names.setdefault(f.code, f)
            fixes[f.code] += fixable(f, unsafe)
    return [
        {"code": code, "name": names[code].name, "category": names[code].category,
         "count": n, "fixable": fixes[code]}
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def write_statistics(reports: Sequence[FileReport], out: IO[str], fmt: str, unsafe: bool = False) -> None:
    rows = statistics(reports, unsafe)
    if fmt in ("json", "jsonl"):
        out.write(_dumps(rows) + "\n")
        return
    width = max((len(str(r["count"])) for r in rows), default=1)
    for r in rows:
        mark = "[*]" if r["fixable"] == r["count"] else "[-]" if r["fixable"] else "   "
        out.write(f"{r['count']:>{width}}\t{r['code']}\t{mark} {r['name']} [{r['category']}]\n")
    total = sum(r["count"] for r in rows)
    out.write(summary_line(total, sum(r["fixable"] for r in rows), sum(1 for r in reports if r.findings),
                           count_hidden(reports, unsafe)) + "\n")


def write_report(reports: Sequence[FileReport], out: IO[str], fmt: str, *, unsafe: bool = False,
                 rules=None, statistics_only: bool = False, summary: bool = True) -> None:
    if statistics_only:
        write_statistics(reports, out, fmt, unsafe)
    elif fmt == "text":
        write_text(reports, out, unsafe=unsafe, summary=summary)
    elif fmt == "json":
        write_json(reports, out)
    elif fmt == "jsonl":
        write_jsonl(reports, out)
    elif fmt == "github":
        write_github(reports, out)
    elif fmt == "sarif":
        from .sarif import write_sarif

        write_sarif(reports, out, rules or [])
    else:  # pragma: no cover - the CLI validates formats
        raise ValueError(fmt)
