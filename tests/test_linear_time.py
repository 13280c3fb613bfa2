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

#: A Chinese page whose long line opens with three sentences and goes on without a stop (the
#: off-topic rule reads a Chinese paragraph sentence by sentence): the line's head, then the unit.
ZH_PAGE = (
    "老街尽头的修表铺上周重新开张，兄弟俩接过了父亲留下的手艺。\n"
    "铺子不大，柜台后面的墙上挂满了旧钟表，最老的一座已有一百多年。\n"
    "兄弟俩说，如今来修表的年轻人比十年前多，不少人拿着祖父留下的手表。\n"
    "修一块机械表要拆开几十个零件，逐一清洗，再换上磨损的齿轮和发条。\n"
)
HEADED_IN_A_ZH_PAGE = {
    "sentences-then-no-stop": ("修表。换发条。上油。", "字"),
}

#: Pages where ``fix`` has thousands of fixes to choose among and apply (one a few characters).
FIXED_IN_A_PAGE = {
    "mojibake-everywhere": "Â© ",
    "control-sequences-everywhere": "\x1b[0m",
}

SCRIPT = """
import json, sys, time
import scrapelint
unit, sizes, page, mode, head = (json.loads(a) for a in sys.argv[1:6])
run = getattr(scrapelint, mode)
run("warm up")
run(page + head + unit * 100 + "\\n" + page)
out = []
for n in sizes:
    text = head + unit * (n // len(unit))
    if page:
        text = page + text + "\\n" + page
    t = time.perf_counter()
    run(text)
    out.append(time.perf_counter() - t)
print(json.dumps(out))
"""


@pytest.mark.parametrize("unit,page,mode,head", [*((u, "", "check_text", "") for u in ADVERSARIAL.values()),
                                                 *((u, PAGE, "check_text", "") for u in IN_A_PAGE.values()),
                                                 *((u, ZH_PAGE, "check_text", h) for h, u in HEADED_IN_A_ZH_PAGE.values()),
                                                 *((u, PAGE, "fix_text", "") for u in FIXED_IN_A_PAGE.values())],
                         ids=[*ADVERSARIAL, *IN_A_PAGE, *HEADED_IN_A_ZH_PAGE, *FIXED_IN_A_PAGE])
def test_a_four_times_longer_line_costs_about_four_times_as_much(unit, page, mode, head):
    sizes = [60_000, 240_000] if page else [250_000, 1_000_000]
    args = [json.dumps(x) for x in (unit, sizes, page, mode, head)]
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    small, large = json.loads(done.stdout)
    ratio = large / max(small, 1e-3)
    assert ratio < 8, f"{large:.2f}s for 4x the input of {small:.2f}s: ratio {ratio:.1f} (quadratic is 16)"
