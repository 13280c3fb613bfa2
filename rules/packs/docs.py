"""The documentation of a pack rule: its ``doc`` text, completed from its data.

A pack entry's ``doc`` is Markdown: a one-line summary, then ``## Why is this bad?``. The
``## What it does`` and ``## Fix`` sections are written here from the entry's phrases, patterns,
zone and fix when the text has none, so ``scrapelint rule B001`` and the README's rule table
always say what the rule really matches.
"""
from __future__ import annotations

import inspect

from .schema import PackEntry

_MATCH_WORDS = {
    "line": "Lines that are, as a whole,",
    "start": "Lines that start with",
    "end": "Lines that end with",
    "anywhere": "Lines that contain",
}
_ZONE_WORDS = {
    "anywhere": "",
    "head": " before the article body (in the page's head)",
    "tail": " after the article body (in the page's tail)",
    "outside": " before or after the article body (in the page's head or tail)",
    "first-line": " on the first non-blank line",
    "last-line": " on the last non-blank line",
}


def render_doc(entry: PackEntry) -> str:
    text = _dedent(entry.doc) or f"{entry.message[0].upper()}{entry.message[1:]}."
    summary, _, rest = text.partition("\n\n")
    parts = [summary]
    if "## What it does" not in text:
        parts.append("## What it does\n" + _what(entry))
    if rest:
        parts.append(rest)
    if "## Why" not in text:
        parts.append(f"## Why is this bad?\nIt is listed in the boilerplate pack `{entry.pack}`: "
                     "text a page template adds around the article, not part of it.")
    if "## Fix" not in text:
        parts.append(_fix_words(entry))
    parts.append(f"Pack: `{entry.pack}` ({entry.source}).")
    return "\n\n".join(parts)


def _dedent(text: str) -> str:
    return inspect.cleandoc(text) if text.strip() else ""


def _what(entry: PackEntry) -> str:
    items = [f"`{p}`" for p in entry.phrases] + [f"the pattern `{p}`" for p in entry.patterns]
    if len(items) > 12:
        items = items[:12] + [f"{len(items) - 12} more"]
    shown = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
    text = f"{_MATCH_WORDS[entry.match]} {shown}{_ZONE_WORDS[entry.zone]}"
    if entry.max_length:
        text += f", in lines of at most {entry.max_length} characters"
    return text + (". Matching folds traditional characters to simplified, full-width forms to "
                   "ASCII and capitals to lower case, so each phrase is written once.")


def _fix_words(entry: PackEntry) -> str:
    if entry.fix == "none":
        return "## Fix\nNone: the rule only reports."
    how = {
        "drop-line": "The line is removed with its line ending.",
        "drop-match": "The matched text is removed with the spaces and separators beside it "
                      "(the whole line when nothing else is left).",
    }[entry.fix]
    return f"## Fix ({entry.applicability})\n{how}"
