"""Every rule runs in time linear in its input: a four times longer adversarial line costs about
four times as much, never sixteen. Measured in a subprocess as a ratio of times, never as an
absolute time (speed itself is a benchmark, in bench/)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Lines a quadratic pattern or a per-tag copy of the line would choke on.
ADVERSARIAL = {
    "unclosed-entity-tags": "&lt;b",
    "unclosed-json-tags": "a\\u003c",
    "many-tags-one-line": "a<b>c ",
    "mixed-debris": "x</p> &amp; 中文\u200b ",
    "unclosed-bbcode": "[b]x [img]y ",
}

#: Long lines inside a page of prose (the page-level rules judge them by the lines around them),
#: measured below the window size: beyond it a long line is cut into pieces, which would hide a
#: cost that grows with the square of a piece.
IN_A_PAGE = {
    "bare-tags-as-words": "word <em> more ",
    "stops-before-lower-case": "word. and ",
    "cut-sentences": "Done. lled for more. ",
    "words-cut-after-headings": "Heading here\nnd the brothers fixed the old clock for the town.\n",
    "misread-chinese-without-spaces": "中文,".encode().decode("cp1252"),
    "blank-lines-with-spaces": "\t \n",
    "empty-markdown-images": "![]()",
    "many-html-documents-shown": "<html>\n<body>\n<p>Hello</p>\n</body>\n</html>\n\nWords about the <b>page</b> here.\n",
    "many-headline-lists": "市政府今天发布消息，本市地铁线路将于明年开通，全长二十公里，沿线设车站十二座。\n相关推荐\n"
                           "男子高速上开车睡着交警一个举动救了全车人\n冬季这种水果一定要多吃很多人还不知道\n"
                           "2026-01-05 09:46:29\n",
}
#: Prose around the long line, so that the page-level rules (the off-topic rule) look at it.
PAGE = (
    "A clock repair shop that has stood on Mill Lane for thirty years reopened this week.\n"
    "The shop is tiny, but the wall behind the counter is covered with old clocks.\n"
    "The brothers say more customers come in now than a decade ago, many of them young.\n"
    "Repairing a mechanical watch means taking dozens of parts apart and cleaning each one.\n"
)

#: Pages where ``fix`` has thousands of fixes to choose among and apply (one a few characters).
FIXED_IN_A_PAGE = {
    "mojibake-everywhere": "Â© ",
    "control-sequences-everywhere": "\x1b[0m",
}

SCRIPT = """
import json, sys, time
import scrapelint
unit, sizes, page, mode = (json.loads(a) for a in sys.argv[1:5])
run = getattr(scrapelint, mode)
run("warm up")
run(page + unit * 100 + "\\n" + page)
out = []
for n in sizes:
    text = unit * (n // len(unit))
    if page:
        text = page + text + "\\n" + page
    t = time.perf_counter()
    run(text)
    out.append(time.perf_counter() - t)
print(json.dumps(out))
"""


@pytest.mark.parametrize("unit,page,mode", [*((u, "", "check_text") for u in ADVERSARIAL.values()),
                                            *((u, PAGE, "check_text") for u in IN_A_PAGE.values()),
                                            *((u, PAGE, "fix_text") for u in FIXED_IN_A_PAGE.values())],
                         ids=[*ADVERSARIAL, *IN_A_PAGE, *FIXED_IN_A_PAGE])
def test_a_four_times_longer_line_costs_about_four_times_as_much(unit, page, mode):
    sizes = [60_000, 240_000] if page else [250_000, 1_000_000]
    args = [json.dumps(x) for x in (unit, sizes, page, mode)]
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    small, large = json.loads(done.stdout)
    ratio = large / max(small, 1e-3)
    assert ratio < 8, f"{large:.2f}s for 4x the input of {small:.2f}s: ratio {ratio:.1f} (quadratic is 16)"
