"""Duplicate rules: which copy of a repeated paragraph a fix removes, and when it is safe."""
from __future__ import annotations

from scrapelint.api import default_registry
from scrapelint.engine import check_document, fix_document
from scrapelint.model import Applicability, Document

REGISTRY = default_registry()
D003 = [REGISTRY.get("D003")]

TEASER = "Residents of the northern districts will get a direct bus into town from next spring, the council says"
BODY = [
    "The city council voted on Tuesday to extend the bus network to the northern districts of the town.",
    "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.",
    "Work on the depot will start in March and should take about eight months to finish, they added.",
]


def _page(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_a_teaser_in_the_head_is_the_copy_removed():
    text = _page(["Home", "News", TEASER, "Council backs bus lanes", BODY[0], TEASER, BODY[1], BODY[2]])
    (finding,) = check_document(Document(text), D003)
    assert "the page head, then the article" in finding.message
    assert finding.fix.applicability is Applicability.UNSAFE
    fixed = fix_document(Document(text), D003, unsafe=True).text
    assert fixed == _page(["Home", "News", "Council backs bus lanes", BODY[0], TEASER, BODY[1], BODY[2]])


def test_a_repeat_inside_the_article_is_reported_never_removed_by_default():
    text = _page([BODY[0], TEASER, BODY[1], TEASER, BODY[2]])
    (finding,) = check_document(Document(text), D003)
    assert "the article, then the article" in finding.message
    assert fix_document(Document(text), D003).text == text  # safe fixes only
    assert fix_document(Document(text), D003, unsafe=True).text == _page([BODY[0], TEASER, BODY[1], BODY[2]])


def test_a_title_repeated_inside_the_article_is_not_removed_by_default():
    d002 = [REGISTRY.get("D002")]
    head = _page(["Council backs bus lanes", "Council backs bus lanes", BODY[0], BODY[1], BODY[2]])
    assert fix_document(Document(head), d002).text == _page(["Council backs bus lanes", BODY[0], BODY[1], BODY[2]])
    inside = _page([BODY[0], "Council backs new bus lanes for the north", BODY[1],
                    "Council backs new bus lanes for the north", BODY[2]])
    findings = check_document(Document(inside), d002)
    assert findings and all(f.fix.applicability is Applicability.UNSAFE for f in findings)
    assert fix_document(Document(inside), d002).text == inside


def test_a_line_repeated_back_to_back_after_an_extractor_is_an_unsafe_removal():
    d001 = [REGISTRY.get("D001")]
    title = "Council backs new bus lanes"
    # The article comes first (an extractor's output): a repeated table cell may be the text's own.
    extracted = _page([title, BODY[0], "Wellington Region", "Wellington Region", BODY[1], BODY[2]])
    (finding,) = check_document(Document(extracted), d001)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "opens with its article" in finding.message
    # Behind a careless scrape's menus, inside the article, it may still be a table's cells: unsafe.
    scraped = _page(["Home", "News", "Sport", "Weather", "Sign in", title, BODY[0], "Wellington Region",
                     "Wellington Region", BODY[1], BODY[2]])
    (finding,) = check_document(Document(scraped), d001)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "inside the article" in finding.message
    # Before or after the article, a repeat is a rendering artefact: safe.
    for lines in (["Home", "News", "Sign in", "Sign in to comment", "Sign in to comment", title, *BODY[:3]],
                  ["Home", "News", "Sign in", title, *BODY[:3], "More from the council desk", "More from the council desk"]):
        (finding,) = check_document(Document(_page(lines)), d001)
        assert finding.fix.applicability is Applicability.SAFE, lines


def test_every_repeat_of_the_title_is_found_in_one_check():
    # The head is the lines that stay: removing repeats must not bring new ones into it pass
    # after pass (a page of 200 repeated rows would never settle within the fix's passes).
    text = "| Station | Arrival |\n" * 200 + "The timetable above is valid from Monday.\n"
    found = [f for f in check_document(Document(text), default_registry().select()) if f.code == "D002"]
    assert len(found) == 199
    result = fix_document(Document(text), default_registry().select())
    assert result.converged and result.passes == 1
    assert result.text == "| Station | Arrival |\nThe timetable above is valid from Monday.\n"
