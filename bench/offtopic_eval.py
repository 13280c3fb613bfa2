"""Precision and recall of the off-topic rule (O001) on a labelled, generated test set.

Usage: python bench/offtopic_eval.py [--seed 7] [--copies 3] [--lang zh|en] [--mode line|splice]
       [--show-misses] [--show-fp]

The set is built from the short clean articles in ``bench/offtopic_data/{zh,en}/`` (title on the
first line, one paragraph a line), deterministically from ``--seed``:

- every article untouched, in one of three layouts (bare; with a byline block under the title;
  with blank lines between paragraphs);
- ``--copies`` copies of every article with one sentence of another article of the same
  language inserted as a line of its own. The sentence is the lede of the other article half of
  the time, otherwise any of its sentences (at least 15 CJK characters or 8 words, not opening
  with a quote mark or a bracket). In 30 % of copies it is cut at a random point between 40 % and
  85 % of its length (then closed with a full stop half of the time); in 30 % it goes between the
  title block and the body, otherwise between two paragraphs of the body. With ``--mode splice``
  it goes inside a paragraph of the body instead, between two of its sentences (a paragraph of two
  sentences or more; without a space in Chinese text, after one in English).

A finding on the inserted line (spliced: a finding that overlaps the inserted sentence) is a
true positive, a finding anywhere else a false positive.
Precision and recall are printed per language for every finding reported and at the safe
threshold, then the false positives on untouched articles. No assertion: tests/test_offtopic.py
runs a small version and holds the numbers to a floor.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from scrapelint.model import Document
from scrapelint.rules.offtopic import SAFE_THRESHOLD, OffTopicSentence, features

DATA = Path(__file__).resolve().parent / "offtopic_data"
LANGS = ("zh", "en")

_ZH_SENT_RE = re.compile(r"[^。！？]+[。！？]+[”’」』）)]*")
_EN_SENT_RE = re.compile(r".+?[.!?]+[\"”’)]*(?=\s+[A-Z\"“(]|\s*$)")
_ABBREV_RE = re.compile(r"\b(?:St|Mr|Mrs|Ms|Dr|Jr|Sr|No|vs)\.$")
_ZH_BYLINES = ("发布时间：2026-03-{d:02d} 09:{m:02d}  来源：本地新闻网", "作者：本报记者\n编辑：张小北")
_EN_BYLINES = ("By Staff Reporter\nPublished {d} March 2026", "By Local News Desk | Updated 10:{m:02d}")


@dataclass
class Case:
    lang: str
    name: str
    text: str
    injected: str | None = None  # the inserted line, None for an untouched article
    line: int = 0  # its 1-based line number
    truncated: bool = False
    header: bool = False
    span: tuple[int, int] | None = None  # a spliced sentence's offsets in the text


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_lines: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load(lang: str) -> list[tuple[str, list[str]]]:
    """(name, lines) of every article of one language: lines[0] is the title."""
    out = []
    for p in sorted((DATA / lang).glob("*.txt")):
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.append((p.stem, lines))
    return out


def sentences(lang: str, paragraph: str) -> list[str]:
    rx = _ZH_SENT_RE if lang == "zh" else _EN_SENT_RE
    out: list[str] = []
    for s in rx.findall(paragraph):
        s = s.strip()
        if out and _ABBREV_RE.search(out[-1]):
            out[-1] += " " + s  # "St. Agnes", "Dr. Farrow": not the end of a sentence
        elif s:
            out.append(s)
    return out


def _long_enough(lang: str, s: str) -> bool:
    if s[0] in "“\"「『‘'(（[【":
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", s)) >= 15 if lang == "zh" else len(s.split()) >= 8


def _layout(rng: random.Random, lang: str, lines: list[str]) -> tuple[list[str], int, str]:
    """The article laid out: its lines (blank lines included), the number of header lines, the joiner."""
    kind = rng.randrange(3)
    title, body = lines[0], lines[1:]
    header = [title]
    if kind == 1:
        by = rng.choice(_ZH_BYLINES if lang == "zh" else _EN_BYLINES)
        header += by.format(d=rng.randint(1, 28), m=rng.randint(0, 59)).split("\n")
    sep = "\n\n" if kind == 2 else "\n"
    return header + body, len(header), sep


def _render(lines: list[str], sep: str) -> str:
    return sep.join(lines) + "\n"


def _splice(rng: random.Random, lang: str, laid: list[str], n_header: int, sep: str, sent: str):
    """The text with ``sent`` between two sentences of a paragraph of the body, and its offsets;
    ``None`` when no paragraph has two sentences."""
    joiner = "" if lang == "zh" else " "
    paras = [i for i in range(n_header, len(laid)) if len(sentences(lang, laid[i])) >= 2]
    if not paras:
        return None
    i = rng.choice(paras)
    sents = sentences(lang, laid[i])
    k = rng.randint(1, len(sents) - 1)
    before = joiner.join(sents[:k]) + joiner
    out = laid[:i] + [before + sent + joiner + joiner.join(sents[k:])] + laid[i + 1:]
    start = len(sep.join(laid[:i]) + sep if i else "") + len(before)
    return _render(out, sep), (start, start + len(sent))


def build(seed: int = 7, copies: int = 3, langs=LANGS, mode: str = "line") -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    for lang in langs:
        arts = load(lang)
        for name, lines in arts:
            laid, n_header, sep = _layout(rng, lang, lines)
            cases.append(Case(lang, name, _render(laid, sep)))
            donors = [a for a in arts if a[0] != name]
            for _ in range(copies):
                dname, dlines = rng.choice(donors)
                if rng.random() < 0.5:
                    pool = sentences(lang, dlines[1])[:1]
                else:
                    pool = [s for p in dlines[1:] for s in sentences(lang, p)]
                pool = [s for s in pool if _long_enough(lang, s)] or [
                    s for p in dlines[1:] for s in sentences(lang, p) if _long_enough(lang, s)
                ]
                sent = rng.choice(pool)
                truncated = rng.random() < 0.3
                if truncated:
                    cut = int(len(sent) * rng.uniform(0.4, 0.85))
                    sent = sent[:cut].rstrip(" ，,、")
                    if rng.random() < 0.5:
                        sent += "。" if lang == "zh" else "."
                laid, n_header, sep = _layout(rng, lang, lines)
                if mode == "splice":
                    spliced = _splice(rng, lang, laid, n_header, sep, sent)
                    if spliced is not None:
                        text, span = spliced
                        line_no = text[:span[0]].count("\n") + 1
                        cases.append(Case(lang, f"{name}+{dname}", text, sent, line_no, truncated, False, span))
                    continue
                header = rng.random() < 0.3
                pos = n_header if header else rng.randint(n_header + 1, len(laid) - 1)
                out = laid[:pos] + [sent] + laid[pos:]
                text = _render(out, sep)
                line_no = text[: text.index(sent + "\n") if pos else 0].count("\n") + 1
                cases.append(Case(lang, f"{name}+{dname}", text, sent, line_no, truncated, header))
    return cases


def evaluate(cases: list[Case]) -> dict:
    """Scores per (language, threshold), and the time spent in the rule."""
    rule = OffTopicSentence()
    scores = {(lang, t): Score() for lang in {c.lang for c in cases} for t in ("flag", "safe")}
    misses: list[Case] = []
    elapsed = 0.0
    for case in cases:
        doc = Document(case.text, source=case.name)
        doc.lines  # split once, as every rule of a real run shares it
        features.cache_clear()  # the copies share their lines: time every document cold
        t0 = time.perf_counter()
        found = list(rule.check(doc))
        elapsed += time.perf_counter() - t0
        for t, threshold in (("flag", 0.0), ("safe", SAFE_THRESHOLD)):  # flag: every finding reported
            s = scores[(case.lang, t)]
            hit = False
            for f in found:
                if f.confidence < threshold:
                    continue
                row = doc.line_at(f.start).number
                if case.span is not None:
                    inside = f.start < case.span[1] and f.end > case.span[0]
                else:
                    inside = case.injected is not None and row == case.line
                if inside:
                    hit = True
                else:
                    s.fp += 1
                    s.fp_lines.append(f"{case.name}:{row} {f.confidence:.2f} {doc.lines[row - 1].text[:70]}")
            if case.injected:
                if hit:
                    s.tp += 1
                else:
                    s.fn += 1
                    if t == "flag":
                        misses.append(case)
    return {
        "scores": scores,
        "misses": misses,
        "seconds": elapsed,
        "bytes": sum(len(c.text.encode("utf-8")) for c in cases),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--lang", choices=LANGS, action="append")
    ap.add_argument("--mode", choices=("line", "splice"), default="line",
                    help="the sentence as a line of its own (default) or inside a paragraph")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--show-fp", action="store_true", help="false positives on injected copies too")
    a = ap.parse_args(argv)
    cases = build(a.seed, a.copies, tuple(a.lang or LANGS), a.mode)
    res = evaluate(cases)
    untouched = sum(1 for c in cases if not c.injected)
    where = "inside a paragraph" if a.mode == "splice" else "as a line"
    print(f"{len(cases)} documents ({untouched} untouched, {len(cases) - untouched} with one sentence inserted {where}), "
          f"seed {a.seed}")
    print(f"{'lang':4} {'threshold':>14} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    for (lang, t), s in sorted(res["scores"].items()):
        th = "reported" if t == "flag" else f"safe ({SAFE_THRESHOLD:.2f})"
        print(f"{lang:4} {th:>14} {s.tp:4d} {s.fp:4d} {s.fn:4d} {s.precision:9.3f} {s.recall:7.3f}")
    print("recall of what is reported, by kind of insertion:")
    for lang in sorted({c.lang for c in cases}):
        parts = []
        for label, pick in (("whole, in the body", lambda c: not c.truncated and not c.header),
                            ("truncated", lambda c: c.truncated), ("under the title", lambda c: c.header)):
            group = [c for c in cases if c.injected and c.lang == lang and pick(c)]
            lost = sum(1 for c in res["misses"] if c in group)
            parts.append(f"{label} {1 - lost / len(group):.2f} (n={len(group)})" if group else f"{label} -")
        print(f"   {lang}: " + ", ".join(parts))
    print(f"rule time: {res['seconds'] * 1000:.0f} ms for {res['bytes'] / 1e6:.2f} MB "
          f"({res['bytes'] / max(res['seconds'], 1e-9) / 1e6:.1f} MB/s, one core, cold cache)")
    names = {c.name for c in cases if not c.injected}
    print("false positives on untouched articles:")
    shown = 0
    for (lang, t), s in sorted(res["scores"].items()):
        for fp in s.fp_lines:
            if t == "flag" and (fp.split(":", 1)[0] in names or a.show_fp):
                print("  ", lang, fp)
                shown += 1
    if not shown:
        print("   none")
    if a.show_misses:
        print("missed insertions (not reported):")
        for c in res["misses"]:
            tags = ",".join(k for k, v in (("truncated", c.truncated), ("header", c.header)) if v)
            print(f"   {c.lang} {c.name}:{c.line} [{tags}] {c.injected[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
