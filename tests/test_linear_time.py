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
}

SCRIPT = """
import json, sys, time
from scrapelint import check_text
unit, sizes = json.loads(sys.argv[1]), json.loads(sys.argv[2])
check_text("warm up")
out = []
for n in sizes:
    text = unit * (n // len(unit))
    t = time.perf_counter()
    check_text(text)
    out.append(time.perf_counter() - t)
print(json.dumps(out))
"""


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_a_four_times_longer_line_costs_about_four_times_as_much(unit):
    sizes = [250_000, 1_000_000]
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(unit), json.dumps(sizes)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    small, large = json.loads(done.stdout)
    ratio = large / max(small, 1e-3)
    assert ratio < 8, f"{large:.2f}s for 4x the input of {small:.2f}s: ratio {ratio:.1f} (quadratic is 16)"
