"""Chinese mojibake: how much of it ``fix`` repairs exactly, and what it does to clean text.

Takes the Chinese lines of the clean gold bodies of ``../shared/devset`` (``clean_prose.jsonl``)
and damages each the ways Chinese pages are misread: GBK bytes read as cp1252 or as latin-1
(``中文`` → ``ÖÐÎÄ``), and — on the line converted to traditional characters — Big5 bytes read
as GB18030 or as GBK (only the lines GBK can decode without an error). Each damaged text is
fixed alone (no page around it), whole lines (up to 120 characters) and short pieces of 2 to 8
characters; a repair counts when it gives the line back exactly. Whole bodies are damaged too,
every line, and fixed as one page (a repair counts when it gives what ``fix`` gives for the
undamaged body). Then every clean body (and the traditional form of the Chinese ones) is
checked: an encoding finding there is a false one.

Usage: python bench/cjk_mojibake.py [--shared ../shared] [--lines 500] [--seed 3]

Prints a table; asserts nothing. When the shared folder is not beside the checkout, says so and
exits 0.
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path

import opencc

from scrapelint.api import check_text, fix_text

ROOT = Path(__file__).resolve().parent.parent
_S2T = opencc.OpenCC("s2t")

#: How each damage is made from a line (simplified text in), and whether it works on the line's
#: traditional form.
DAMAGES: dict[str, tuple[Callable[[str], str], bool]] = {
    "GBK read as cp1252": (lambda s: s.encode("gbk").decode("cp1252"), False),
    "GBK read as latin-1": (lambda s: s.encode("gbk").decode("latin-1"), False),
    "Big5 read as GB18030": (lambda s: s.encode("big5").decode("gb18030"), True),
    "Big5 read as GBK": (lambda s: s.encode("big5").decode("gbk"), True),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--lines", type=int, default=500, help="Chinese lines to damage (default 500)")
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    path = a.shared / "devset" / "clean_prose.jsonl"
    if not path.is_file():
        print(f"{path} not found: nothing to measure")
        return 0
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    rng = random.Random(a.seed)
    lines = [ln.strip() for d in docs if d["lang"] == "zh" for ln in d["text"].split("\n") if ln.strip()]
    rng.shuffle(lines)
    pieces = [(ln[:120], ln[:rng.randint(2, 8)]) for ln in lines[: a.lines]]

    bodies = [d["text"] for d in docs if d["lang"] == "zh"]
    print("| damage | whole lines | short pieces | whole pages |")
    print("|---|---:|---:|---:|")
    for name, (damage, traditional) in DAMAGES.items():
        cells = []
        for k in (0, 1):
            ok = total = 0
            for piece in pieces:
                src = _S2T.convert(piece[k]) if traditional else piece[k]
                try:
                    broken = damage(src)
                except (UnicodeEncodeError, UnicodeDecodeError):
                    continue  # a character the codec has not, or bytes GBK cannot read
                if broken == src:
                    continue
                total += 1
                ok += fix_text(broken + "\n") == src + "\n"
            cells.append(f"{ok / total:.3f} ({total})" if total else "—")
        cells.append(_pages(bodies, damage, traditional))
        print(f"| {name} | {cells[0]} | {cells[1]} | {cells[2]} |")

    texts = [t for d in docs for t in ([d["text"], _S2T.convert(d["text"])] if d["lang"] == "zh" else [d["text"]])]
    false = sum(1 for t in texts if any(f.category == "encoding" for f in check_text(t)))
    print(f"\nclean bodies with an encoding finding: {false} of {len(texts)}")
    return 0


def _pages(bodies: list[str], damage: Callable[[str], str], traditional: bool) -> str:
    """Whole bodies misread line by line and fixed as one page, where the page's own evidence
    counts: a repair counts when ``fix`` gives what it gives for the undamaged body."""
    ok = total = 0
    for body in bodies:
        src = _S2T.convert(body) if traditional else body
        try:
            broken = "\n".join(damage(line) for line in src.split("\n"))
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if broken == src:
            continue
        total += 1
        ok += fix_text(broken) == fix_text(src)
    return f"{ok / total:.3f} ({total})" if total else "—"


if __name__ == "__main__":
    raise SystemExit(main())
