"""Layout rules: menus between the article's paragraphs, and pages that open with their article."""
from __future__ import annotations

import pytest

from scrapelint.api import default_registry
from scrapelint.engine import check_document, fix_document
from scrapelint.model import Applicability, Document
from scrapelint.api import check_text, fix_text
from scrapelint.rules.page import FoldedPage, bare_label, is_label, is_timestamp_line, tag_list

REGISTRY = default_registry()
B805 = [REGISTRY.get("B805")]
B806 = [REGISTRY.get("B806")]
B810 = [REGISTRY.get("B810")]

TITLE = "Council backs new bus lanes for the north"
BODY = [
    "The city council voted on Tuesday to extend the bus network to the northern districts of the town.",
    "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.",
    "Residents of the northern districts have waited almost a decade for a direct council bus service.",
    "Work on the depot will start in March and should take about eight months to finish, they added.",
]
SIDEBAR = ["Politics", "Business", "Local sport", "Weather", "Opinion", "Obituaries"]
HEAD = ["Skip to content", "Sign in", "Subscribe"]


def _page(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_a_sidebar_menu_between_paragraphs_is_removed_on_a_scraped_page():
    text = _page(HEAD + [TITLE, BODY[0], BODY[1]] + SIDEBAR + [BODY[2], BODY[3]])
    (finding,) = check_document(Document(text), B805)
    assert "6 label-shaped lines" in finding.message
    assert finding.fix.applicability is Applicability.SAFE
    assert fix_document(Document(text), B805).text == _page(HEAD + [TITLE] + BODY)


def test_a_run_of_labels_that_are_the_articles_own_words_is_only_reported():
    # A table of contents under the title: its entries are the article's section headings and
    # share its words. As often the article's own (a table, a list of its sections): unsafe.
    contents = ["Bus lanes", "Northern districts", "Depot work", "Council vote", "Spring routes", "Direct service"]
    text = _page(HEAD + [TITLE, BODY[0], BODY[1]] + contents + [BODY[2], BODY[3], "Share this:"])
    (finding,) = check_document(Document(text), B805)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "table of contents" in finding.message
    assert fix_document(Document(text), B805).text == text
    # The sidebar's section names share none of them: removed.
    text = _page(HEAD + [TITLE, BODY[0], BODY[1]] + SIDEBAR + [BODY[2], BODY[3], "Share this:"])
    (finding,) = check_document(Document(text), B805)
    assert finding.fix.applicability is Applicability.SAFE


def test_five_labels_are_an_article_list_and_stay():
    text = _page(HEAD + [TITLE, BODY[0], BODY[1]] + SIDEBAR[:5] + [BODY[2], BODY[3]])
    assert check_document(Document(text), B805) == []


MORE = [
    "The council expects the full network to be finished within three years, at a cost of about four million.",
    "Shop owners on the main road asked for loading bays to be kept, and the council agreed to look again.",
    "Cyclists' groups welcomed the plan but said the lanes should be separated from traffic by a kerb.",
]


def test_labels_on_a_page_that_opens_with_its_article_are_only_reported():
    body = BODY + MORE
    text = _page([TITLE, body[0], body[1]] + SIDEBAR + body[2:])
    assert FoldedPage.of(Document(text)).opens_with_article
    (finding,) = check_document(Document(text), B805)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "opens with its article" in finding.message
    assert fix_document(Document(text), B805).text == text
    assert fix_document(Document(text), B805, unsafe=True).text == _page([TITLE] + body)


def test_a_page_full_of_menus_is_a_scraped_page_even_when_its_article_comes_first():
    # 6 labels in 12 lines, and a share button the packs know.
    text = _page([TITLE, BODY[0], BODY[1]] + SIDEBAR + [BODY[2], BODY[3], "Share this:"])
    assert not FoldedPage.of(Document(text)).opens_with_article
    (finding,) = check_document(Document(text), B805)
    assert finding.fix.applicability is Applicability.SAFE


ENCYCLOPEDIA = [
    "Millbrook is a market town on the east bank of the River Lent, with a population of about fourteen thousand.",
    "Economy", "Retail", "Light engineering", "Tourism", "Agriculture", "Public services",
    "The largest employer is the district hospital, followed by the county council and the schools.",
    "The town grew up around a ford across the river, first recorded in a charter of the twelfth century.",
    "Notable people", "Anne Fairley, botanist", "Thomas Greave, engineer", "Mary Holt, novelist",
]


def test_shapes_alone_do_not_remove_lines_from_a_page_without_known_boilerplate():
    # An encyclopedia's headings and lists are shaped like menus; with nothing on the page that the
    # packs know as boilerplate, the layout rules only report them.
    text = _page(ENCYCLOPEDIA)
    found = check_document(Document(text), B805 + B806)
    assert {f.code for f in found} == {"B805", "B806"}
    assert all(f.fix.applicability is Applicability.UNSAFE for f in found)
    assert all("no known boilerplate" in f.message for f in found)
    assert fix_document(Document(text), B805 + B806).text == text
    # The same page with a share bar and a copyright line is a scraped page.
    scraped = _page(["Share this:"] + ENCYCLOPEDIA + ["Copyright © 2025 Millbrook Times. All rights reserved."])
    found = check_document(Document(scraped), B805 + B806)
    assert found and all(f.fix.applicability is Applicability.SAFE for f in found)


def test_a_run_after_the_article_is_removed_safely_where_the_packs_know_boilerplate_after_it():
    """B806's runs after the article are judged by the part of the page they are in: a share bar
    above the article says nothing of the references and links below it."""
    article = [TITLE, BODY[0], BODY[1], BODY[2], BODY[3]]
    links = ["Our partners", "Millbrook Town Council", "Millbrook Historical Society", "River Lent Trust"]
    headed = _page(["Share this:", "Sign in"] + article + links)
    found = [f for f in check_document(Document(headed), B806) if "after the article" in f.message]
    assert found and all(f.fix.applicability is Applicability.UNSAFE for f in found)
    assert "no known boilerplate after the article" in found[0].message
    footed = _page(["Share this:", "Sign in"] + article + links + ["© 2025 Millbrook Times"])
    found = [f for f in check_document(Document(footed), B806) if "after the article" in f.message]
    assert found and all(f.fix.applicability is Applicability.SAFE for f in found)


def test_a_run_after_the_article_under_a_heading_of_sources_is_reported_unsafe():
    """An article's reference list ("Sources & links" and the addresses, "参考资料" and the titles)
    has the shape of a footer's links; under such a heading the run is reported, not removed."""
    article = [TITLE, BODY[0], BODY[1], BODY[2], BODY[3]]
    sources = ["Sources & links", "https://example.org/transport/bus-network-plan",
               "https://example.org/council/minutes-2025-03", "https://example.net/northern-districts"]
    footer = ["© 2025 Millbrook Times", "Share this:"]
    (found,) = [f for f in check_document(Document(_page(["Sign in"] + article + sources + footer)), B806)
                if "after the article" in f.message]
    assert found.fix.applicability is Applicability.UNSAFE and "references" in found.message
    # The same addresses under a heading of other stories are furniture.
    (found,) = [f for f in check_document(Document(_page(["Sign in"] + article + ["More from us"] + sources[1:]
                                                         + footer)), B806) if "after the article" in f.message]
    assert found.fix.applicability is Applicability.SAFE


def test_a_later_fix_pass_judges_the_page_as_it_came():
    # The first pass removes the share bar and the copyright line; what the page is (a careless
    # scrape) was decided on the page as it came, so the furniture that pass left stays safe.
    scraped = _page(["Share this:"] + ENCYCLOPEDIA + ["Copyright © 2025 Millbrook Times. All rights reserved."])
    later = Document(_page(ENCYCLOPEDIA), original=Document(scraped))
    assert later.as_it_came.text == scraped
    found = check_document(later, B805 + B806)
    assert found and all(f.fix.applicability is Applicability.SAFE for f in found)
    # Alone, the same text has no known boilerplate.
    assert all(f.fix.applicability is Applicability.UNSAFE for f in check_document(Document(_page(ENCYCLOPEDIA)),
                                                                                   B805 + B806))
    # And a page that opened with its article still does after its first lines are removed.
    body = BODY + MORE
    opening = _page([TITLE, body[0], body[1]] + SIDEBAR + body[2:])
    later = Document(_page(body[:2] + SIDEBAR + body[2:]), original=Document(opening))
    (finding,) = check_document(later, B805)
    assert "opens with its article" in finding.message


def test_blank_lines_and_reported_menus_do_not_break_a_run():
    lines = HEAD + [TITLE, BODY[0], BODY[1], SIDEBAR[0], "", SIDEBAR[1], SIDEBAR[2], "", "", SIDEBAR[3], SIDEBAR[4],
                    SIDEBAR[5], BODY[2], BODY[3]]
    text = _page(lines)
    (finding,) = check_document(Document(text), B805)
    assert fix_document(Document(text), B805).text == _page(HEAD + [TITLE] + BODY)


def test_the_title_is_never_part_of_a_run():
    short_title = "Bus lanes approved"
    text = _page(HEAD + SIDEBAR[:5] + [short_title] + BODY)
    fixed = fix_document(Document(text), B805).text
    assert short_title in fixed


def test_the_headline_above_the_article_is_the_title_when_the_page_opens_with_its_title_tag():
    """A scraper that writes the page's <title> first and the headline again above the article:
    the second copy is the title, and the site's header between the two is page furniture."""
    lines = [TITLE] + HEAD + SIDEBAR + [TITLE] + BODY
    page = FoldedPage.of(Document(_page(lines)))
    assert page.title == len(lines) - len(BODY) - 1
    assert fix_document(Document(_page(lines)), B806).text == _page([TITLE] + BODY)
    # A headline-shaped line first and not repeated: still the earliest close candidate.
    once = [TITLE] + HEAD + SIDEBAR + BODY
    assert FoldedPage.of(Document(_page(once))).title == 0


def test_long_headlines_in_title_case_after_the_article_are_a_run_but_a_list_in_sentence_case_is_not():
    other_stories = [
        "Apple Arcade Review: The Puzzle Game That Quietly Became the Best Thing on the Service",
        "Why the New Bus Lanes in the North Are Taking Longer Than the Council Promised Last Year",
        "Inside the Depot Where the City Keeps Its Oldest Buses Running for Another Decade or Two",
    ]
    scraped = _page(["Sign in", TITLE] + BODY + other_stories + ["© 2025 Millbrook Times"])
    assert fix_document(Document(scraped), B806).text == _page([TITLE] + BODY)
    features = [
        "Hundreds of new routes that will make your trips across the northern districts shorter",
        "Dozens of quiet electric buses that will replace the old diesel fleet within two years",
        "A large number of new shelters and benches along every one of the extended routes",
    ]
    listed = _page(["Sign in", TITLE] + BODY + features)
    assert fix_document(Document(listed), B806).text == _page([TITLE] + BODY + features)


PORTAL_HEADER = [
    "Sign in", "Health A-Z", "Common Conditions", "Allergies", "Asthma", "Cancer", "Diabetes", "Featured",
    "Check your symptoms and learn what they could mean for you.",
    "Drugs", "Supplements", "Pill Identifier", "Interactions", "Vitamins", "Clinics", "Hospitals", "Nurses", "Dentists",
    "Find a doctor near your home or your office today.",
    "Newsletters", "Podcasts", "Videos", "Quizzes", "Slideshows", "Games", "Recipes", "Events",
]


def test_a_portal_header_with_a_sentence_under_each_menu_is_not_the_start_of_the_article():
    lines = PORTAL_HEADER + [TITLE] + BODY
    page = FoldedPage.of(Document(_page(lines)))
    assert page.body[0] == lines.index(BODY[0])
    assert page.title == lines.index(TITLE)
    descriptions = [s for s in PORTAL_HEADER if s.endswith(".")]
    assert fix_document(Document(_page(lines)), B806).text == _page(descriptions + [TITLE] + BODY)


def test_an_article_that_opens_with_a_short_paragraph_before_its_details_keeps_its_start():
    details = ["Tuesday to Saturday, 4 pm", "Closed on Sundays and Mondays", "Tickets", "Stalls: 60 dollars",
               "Circle: 50 dollars", "Balcony: 40 dollars", "Box office", "020 7946 0000", "Age 8 and over",
               "Running time 90 minutes"]
    lines = [TITLE, "The theatre's new dance drama opens next week after two years of work."] + details + BODY
    page = FoldedPage.of(Document(_page(lines)))
    assert page.body[0] == 1


def test_a_menu_entry_of_one_word_the_article_uses_is_not_its_title():
    headline = "City council to extend northern districts bus network next spring"
    lines = ["Sign in", "Our Council", "Sport", "Weather", headline] + BODY
    assert FoldedPage.of(Document(_page(lines))).title == 4


def test_a_posts_categories_line_is_not_its_title_however_many_of_its_words_it_holds():
    """The headline's compound ("Sauerteigbrot") is not the article's word ("Sauerteig"), while
    the categories below it are: the categories line is still no title (the page has none it can
    tell), and the headline above it is not removed as page furniture."""
    headline = "Sauerteigbrot für Anfänger: So gelingt es garantiert"
    body = [
        "Ich backe seit fünf Jahren mein eigenes Brot, und der Sauerteig ist dabei das Wichtigste beim Backen.",
        "Das Mehl mit dem Wasser verrühren und eine Stunde ruhen lassen, dann Sauerteig und Salz dazugeben.",
        "Den Teig über Nacht im Kühlschrank gehen lassen und am nächsten Morgen bei 250 Grad backen.",
        "Das Brot vor dem Anschneiden mindestens zwei Stunden auf einem Gitter auskühlen lassen.",
    ]
    lines = ["Startseite", "Über mich", "Rezepte", headline, "Kategorien: Backen, Brot", *body]
    text = _page(lines)
    assert FoldedPage.of(Document(text)).title != 4
    assert headline in fix_text(text)
    assert tag_list("tags: bread, baking") and tag_list("■ 标签：面包、烘焙") and tag_list("filed under: news")
    assert not tag_list("brexit: may, corbyn and the vote")


def test_what_makes_a_label():
    for s in ("Politics", "Local sport", "Climate & Environment", "国内新闻", "健康"):
        assert is_label(s), s
    for s in ("2 cups of flour", "Step 3", "x = y", "Read more.", "健", "国内新闻国内新闻国内新闻", "See the full list:",
              "one two three four five"):
        assert not is_label(s), s


def test_tail_runs_of_a_page_that_opens_with_its_article_are_unsafe():
    refs = ["References", "Further reading", "External links", "Notes"]
    extracted = _page([TITLE] + BODY + MORE + refs)
    (finding,) = check_document(Document(extracted), B806)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix_document(Document(extracted), B806).text == extracted
    scraped = _page(["Sign in", TITLE] + BODY + MORE + refs + ["© 2025 Millbrook Times"])
    findings = check_document(Document(scraped), B806)
    assert [f.fix.applicability for f in findings] == [Applicability.SAFE, Applicability.SAFE]
    assert fix_document(Document(scraped), B806).text == _page([TITLE] + BODY + MORE)
    # With boilerplate above the article only, the lines after it may be its own references.
    headed = _page(["Sign in", TITLE] + BODY + MORE + refs)
    findings = check_document(Document(headed), B806)
    assert [f.fix.applicability for f in findings] == [Applicability.SAFE, Applicability.UNSAFE]


@pytest.mark.parametrize("lookups_before_sets", [0, 10, 10**9])
def test_body_vocabulary_answers_as_the_set_of_its_grams(lookups_before_sets, monkeypatch):
    """``Vocabulary`` looks grams up without building them (until it has answered many): it must
    answer exactly as the set of ``line_grams`` of its lines would (bigrams across a Latin word
    inside a CJK line, a word inside a longer one, CJK letters inside a Latin line, digits and
    the underscore), reading its text or from the sets it builds."""
    import scrapelint.rules.page as page
    from scrapelint.rules.page import Vocabulary, line_grams

    monkeypatch.setattr(page, "LOOKUPS_BEFORE_SETS", lookups_before_sets)

    lines = [
        "市政府今天发布消息，本市 Metro 线路将于明年开通，全长二十公里。",
        "The council approved the budget for the northern districts on Tuesday.",
        "Officials met_with residents of Northwood 2024 and the 北京大学 delegation.",
        "改造工程预计投资3.5亿元，其中ABC公司出资一半。",
        "Farmers' markets open at dawn; the farmer_s co-op sells bread.",
    ]
    probes = [
        "Two farmers walked to the market with the council budget on Tuesday morning.",
        "Northwood residents and the delegation of 北京大学 met_with officials.",
        "本市线路明年开通，改造工程投资亿元，公司出资。",
        "metro 2024 with residents 北京 district districts northern farmer farmer_s",
        "ABC公司 Metro 线路",
    ]
    ref: set[str] = set()
    for s in lines:
        ref |= line_grams(s)
    vocab = Vocabulary(lines)
    grams = set(ref)
    for s in probes:
        grams |= line_grams(s)
    for g in sorted(grams):
        assert (g in vocab) == (g in ref), g
    for n in (1, 5, len(ref) - 1, len(ref), len(ref) + 1, 10_000):
        assert vocab.at_least(n) == (len(ref) >= n), n


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_number_runs_with_every_line_ending(eol):
    """B805's page-number runs, found whatever ends the lines (its prescreen reads "\\n" only)."""
    from scrapelint.api import check_text

    text = eol.join([
        "The city council voted on Tuesday to extend the bus network to the northern districts.",
        "1", "2", " 3 ", "４", "Next", "Officials said the first lanes would open in spring.", "7", "8", "",
    ])
    found = [f for f in check_text(text, select=["B805"])]
    assert [f.message for f in found] == ["4 numbers counting up, one a line (1 to 4): pagination or a calendar"]


# -- B808: short lines stranded between removed blocks ----------------------------------------

BUTTONS = ["Subscribe", "Sign in", "Log in or sign up", "Privacy Policy", "Contact Us", "About Us"]


def _stranded(above: list[str], middle: list[str], below: list[str]) -> str:
    return _page([TITLE, BODY[0], *above, *middle, *below, *BODY[1:]])


def _b808(text: str, **kw) -> list:
    from scrapelint.api import check_text
    return [f for f in check_text(text, **kw) if f.code == "B808"]


def test_a_short_line_between_two_removed_blocks_goes_with_them():
    text = _stranded(BUTTONS[:2], ["Weather", "12"], BUTTONS[2:4])
    (found,) = _b808(text)
    assert found.fix.applicability is Applicability.SAFE
    assert "B078 above, B078 below" in found.message
    assert text[found.start:found.end] == "Weather\n12"
    from scrapelint.api import fix_text
    fixed = fix_text(text)
    assert fixed == _page([TITLE, *BODY])
    assert fix_text(fixed) == fixed


def test_one_removed_line_on_each_side_is_thin_evidence():
    (found,) = _b808(_stranded(BUTTONS[:1], ["Weather"], BUTTONS[1:2]))
    assert found.fix.applicability is Applicability.UNSAFE
    assert "one line on each side" in found.message
    (found,) = _b808(_stranded(BUTTONS[:1], ["Weather"], BUTTONS[1:3]))
    assert found.fix.applicability is Applicability.SAFE


@pytest.mark.parametrize("middle", [
    ["The vote was close."],  # a sentence
    [f"Weekend edition {n}" for n in range(1, 10)],  # nine lines: more than a stranded line or few
])
def test_sentences_and_longer_runs_are_not_stranded(middle):
    assert not _b808(_stranded(BUTTONS[:2], middle, BUTTONS[2:4]))


def test_only_the_fixes_of_the_rules_that_run_count():
    text = _stranded(BUTTONS[:2], ["Weather"], BUTTONS[2:4])
    assert _b808(text)
    assert not _b808(text, ignore=["B078"])  # nothing removed around it any more
    # A rule whose fixes a setting makes unsafe removes nothing in a safe fix.
    assert not _b808(text, extend_unsafe_fixes=["B078"])
    assert _b808(text, select=["B078", "B808"])


def test_the_articles_own_list_after_its_body_is_not_page_chrome():
    items = ["* Server list has been improved", "* Buttons can now be placed on the ceiling",
             "* A few minor changes to village generation", "* Lots of other changes"]
    numbered = ["12) Roger Waters – The Wall", "13) Dark Side of the Moon", "14) MTV Unplugged in New York"]
    for lines in (items, numbered):
        text = _page([TITLE, *BODY, *lines])
        assert not check_document(Document(text), B806)
    # A menu after the article still goes, with or without the site's separators.
    text = _page([TITLE, *BODY, "About us", "Contact", "· Privacy policy", "Terms of use"])
    assert check_document(Document(text), B806)


def test_above_the_article_only_menu_entries_are_stranded():
    nav = ["Skip to content", "Sign in"]
    title = "Council backs new bus lanes"
    # The title between the site's buttons and a byline is the page's own (not label-shaped).
    text = _page([nav[0], nav[1], title, "Privacy Policy", "Contact Us", *BODY])
    assert not _b808(text)
    # A section name between the title and the body, among buttons, goes with them: safely with
    # two removed lines on each side, unsafely with one on a side.
    text = _page([TITLE, "Privacy Policy", "Contact Us", "Gardening", "Log in or sign up", "Subscribe", *BODY])
    (found,) = _b808(text)
    assert found.fix.applicability is Applicability.SAFE and text[found.start:found.end] == "Gardening"
    text = _page([TITLE, "Privacy Policy", "Gardening", "Log in or sign up", "Subscribe", *BODY])
    (found,) = _b808(text)
    assert found.fix.applicability is Applicability.UNSAFE


def test_up_to_six_short_lines_are_stranded():
    (found,) = _b808(_stranded(BUTTONS[:2], [f"Weekend edition {n}" for n in range(1, 7)], BUTTONS[2:4]))
    assert found.message.startswith("6 short lines")
    assert not _b808(_stranded(BUTTONS[:2], [f"Weekend edition {n}" for n in range(1, 8)], BUTTONS[2:4]))


@pytest.mark.parametrize("line, stamp", [
    ("2026-01-05 09:46:29", True), ("01-05 09:46", True), ("3 hours ago", True), ("2024年3月1日 10:30", True),
    ("9:00-9:30 开幕式", False), ("第一场1:30-3:30", False), ("(2004年12月11-12日,南开大学)", False),
    ("14:00 to 15:30 Panel", False), ("10:00～12:00", False),
])
def test_a_range_of_times_is_a_programme_not_a_timestamp(line, stamp):
    assert is_timestamp_line(line) is stamp


@pytest.mark.parametrize("line, stamp", [
    ("发布时间:2026-01-05 09:46", True), ("posted: jan 5, 2026", True), ("日期:2026-01-05", True),
    ("更新于 2026-01-05", True), ("发行日期:2009年4月13日", False), ("born: 4 may 1970", False),
    ("出生日期:1976年4月25日", False),
])
def test_a_date_under_a_field_label_is_a_record_not_a_timestamp(line, stamp):
    # Folded lines, as the list finder reads them: a discography or an infobox is a record.
    assert is_timestamp_line(line) is stamp


LONG_BODY = BODY + MORE + [
    "The first buses on the new lanes are due to run in April, the transport office said on Wednesday.",
    "Drivers will be trained over the winter, and the timetable will be published online in February.",
    "A public meeting on the routes is planned for next month at the town hall, with the mayor present.",
]
TEASERS = [
    "Library opening hours extended",
    "Plans for the new library include a café, a children's room and longer opening hours on weekends.",
    "Harbour wall repairs begin",
    "Engineers will spend the summer repairing the harbour wall after the storms damaged it last winter.",
    "Town wins regional gardening prize",
]


def test_a_list_heading_after_the_article_ends_it():
    # Ten prose lines, then "Related" and other stories' teasers (which read like prose): the
    # article ends before the heading, and the teasers are outside it.
    text = _page([TITLE, *LONG_BODY, "Related", *TEASERS])
    page = FoldedPage.of(Document(text))
    assert len(LONG_BODY) == 10 and page.body == (1, len(LONG_BODY))
    assert len(LONG_BODY) + 2 in page.outside[1]


def test_a_list_heading_early_in_the_article_is_a_box_inside_it():
    # After fewer prose lines, "Related" is a box of links and the story goes on below it.
    lines = [TITLE, *LONG_BODY[:4], "Related", *TEASERS[:1], *LONG_BODY[4:]]
    page = FoldedPage.of(Document(_page(lines)))
    assert page.body == (1, len(lines) - 1)


@pytest.mark.parametrize("line, heading", [
    ("相关推荐", "相关推荐"), ("■相关链接", "相关链接"), ("▶ 热门推荐 更多", "热门推荐"), ("Most read »", "most read"),
    ("相关推荐的理由有三条", None),
    # A heading of two words or more and the section it lists; not a subheading of the article.
    ("Most Read Business", "most read"), ("Most read in World News", "most read"),
    ("Top stories in Nation", "top stories"), ("Popular now on CityLab »", "popular now"),
    ("Most popular dog breeds in America", None), ("More stories like this one", None),
    ("Most read. Then shared", None),
])
def test_a_list_heading_is_read_through_its_ornaments(line, heading):
    from scrapelint.fold import fold
    from scrapelint.rules.page import list_heading

    assert list_heading(fold(line)) == heading


def test_a_quoted_sentence_is_not_furniture():
    from scrapelint.fold import fold
    from scrapelint.rules.page import is_furniture

    assert not is_furniture(fold("“也谢谢你……”"))
    assert not is_furniture(fold("'Thank you.'"))
    assert is_furniture(fold("Why “Dune”"))


T001 = [REGISTRY.get("T001")]
#: The biography above a singer's discography (an encyclopedia's article).
BIO = ["Mara Quill is a folk singer from the north coast who has recorded ten albums since her debut.",
       "Her early records were made in a converted boathouse with a borrowed tape machine and two microphones.",
       "She moved to a larger label in the middle of her career, but returned to small studios later on.",
       "Critics have praised her plain, unhurried voice and the sea stories that run through her songs.",
       "She still tours every autumn, playing village halls as often as the concert halls of the big cities.",
       "Her latest record was written during a winter spent in a lighthouse keeper's cottage on an island.",
       "Discography"]


def _discography(first_year: int, step: int, clock: str = "") -> list[str]:
    """Rows of an encyclopedia's discography table: an album, its release date (with ``clock``
    after it), its label."""
    rows = []
    for n, name in enumerate(("Harbour Lights", "Northern Roads", "Paper Moons", "Slow River", "Glass Town",
                              "Winter Songs", "The Long Way", "Open Water", "Quiet Hours", "Last Train",
                              "Blue Fields", "Home Again")):
        rows += [f"{name} (album)", f"{first_year + n * step}-0{n % 9 + 1}-1{n % 9}{clock}", "Lantern Records"]
    return rows


@pytest.mark.parametrize("first, step, clock, chronology", [
    (1998, 2, "", True), (1998, 0, "", False), (2020, -2, "", False), (1998, 2, " 09:30", False)])
def test_a_list_dated_across_decades_is_a_chronology_not_other_stories(first, step, clock, chronology):
    """Twelve albums released over 22 years, in the order of time, are the article's own table:
    reported, never removed. The same list dated within one year, newest first or at a time of day
    (an archive of other stories) has the shape of a list of other stories and is removed."""
    text = _page(["Mara Quill"] + BIO + _discography(first, step, clock))
    (finding,) = check_document(Document(text), T001)
    assert ("chronology" in finding.message) is chronology
    assert finding.fix.applicability is (Applicability.UNSAFE if chronology else Applicability.SAFE)


def test_the_shape_rules_leave_the_cells_of_a_chronology_alone():
    """On a careless scrape (a menu above, a share bar and a copyright line below), the track
    names of a discography are label-shaped lines after the article: neither B805 nor B806 takes
    them, since T001 found the list to be the article's own chronology."""
    from scrapelint.api import check_text, fix_text

    tracks = ["Salt Road", "Tide Clock", "Grey Gulls", "Low Water", "Net Mender", "Far Light"]
    rows = []
    for n, name in enumerate(("Harbour Lights", "Northern Roads", "Paper Moons", "Slow River", "Glass Town",
                              "Winter Songs", "The Long Way", "Open Water", "Quiet Hours", "Last Train")):
        rows += [f"{name} (album) released by Lantern Records", f"{1998 + 2 * n}-05-1{n}"] + (tracks if n == 4 else [])
    text = _page(HEAD + ["Mara Quill"] + BIO + rows + ["Share this page", "© 2026 Folk Archive. All rights reserved."])
    assert any(f.code == "T001" and "chronology" in f.message for f in check_text(text))
    fixed = fix_text(text)
    assert all(line in fixed for line in rows)
    assert "Share this page" not in fixed and "Skip to content" not in fixed


def test_headlines_under_column_tags_are_a_list_of_other_stories():
    """Four headlines after the article, each under a column tag in brackets, without a heading or
    timestamps: the list of a portal, removed. The same headlines without their tags are only
    reported (a tail block of unrelated headlines)."""
    from scrapelint.rules.structure import TrendingList

    tagged, _ = TrendingList.fixes[0]
    (finding,) = check_document(Document(tagged), T001)
    assert finding.fix.applicability is Applicability.SAFE and "4 tagged" in finding.message
    untagged = "\n".join(line.split("] ", 1)[-1].split("】", 1)[-1] for line in tagged.splitlines()) + "\n"
    (finding,) = check_document(Document(untagged), T001)
    assert finding.fix.applicability is Applicability.UNSAFE and "tagged" not in finding.message


_TAGGED = ["[社会] 男子高速上开车睡着 交警一个举动救了全车人", "[健康] 冬季这种水果一定要多吃 很多人还不知道",
           "[体育] 这支球队连输八场后终于赢了 球迷哭了", "[百态] 老街咖啡馆开业首日排起长队(图)"]
_CUT = ["Celebrity chef opens third restaurant in the old market hall, and the qu...",
        "Why mortgage rates may fall again next year, according to three lea...",
        "Local team signs veteran goalkeeper on a two-year deal after the st...",
        "Library extends its opening hours for the exam season, starting nex..."]


@pytest.mark.parametrize("body, items, teaser, evidence, plain", [
    (["城市更新行动进入新阶段，老旧小区改造今年计划开工两万个，重点补齐养老托育停车等设施短板。",
      "住建部门表示，改造将坚持居民自愿原则，先民生后提升，确保工程质量和群众满意度同步提高。"],
     _TAGGED, "一位退休教师把自家小院改成社区书屋，十年来借出图书两万多册，成了街坊们最爱去的地方。",
     "4 tagged", [line.split("] ", 1)[1] for line in _TAGGED]),
    (["The council approved the new bus lanes on Tuesday after a long public consultation period.",
      "Work on the first two routes will start in the spring and should be finished by the autumn."],
     _CUT, "A retired teacher turned her garden into a reading room, and the neighbours have borrowed two "
     "thousand books.", "4 cut short", _CUT[:2]),
])
def test_a_list_inside_the_body_range_shows_itself_by_tags_or_cut_headlines(body, items, teaser, evidence, plain):
    """A portal prints its link lists between the article and the teasers of other stories, whose
    sentences stretch the body's range past the lists: a run of headlines under column tags, or
    of three or more headlines cut short at one width (``…노르웨..``; they read as prose), is a
    list there too, as one under a heading or with timestamps is. The same lines without their
    tags, or one or two lines that trail off, are the article's own."""
    (finding,) = check_document(Document(_page(body + items + [teaser])), T001)
    assert evidence in finding.message and finding.fix.applicability is Applicability.SAFE
    assert check_document(Document(_page(body + plain + [teaser])), T001) == []


def test_headlines_with_their_date_and_time_on_the_line_are_a_list():
    """A portal's list puts each story's date and time after its headline, on the same line: four
    such lines after the article are a list of other stories (with four timestamps), removed."""
    body = ["城市更新行动进入新阶段，老旧小区改造今年计划开工两万个，重点补齐养老托育停车等设施短板。",
            "住建部门表示，改造将坚持居民自愿原则，先民生后提升，确保工程质量和群众满意度同步提高。"]
    items = ["·男子高速上开车睡着，交警一个举动救了全车人（2026-01-05 09:46）",
             "·冬季这种水果一定要多吃，很多人还不知道（2026-01-05 08:12）",
             "·这支球队连输八场后终于赢了，球迷哭了（2026-01-04 22:30）",
             "·老街咖啡馆开业首日排起长队 | 2026-01-04 18:05"]
    (finding,) = check_document(Document(_page(body + items)), T001)
    assert "4 timestamps" in finding.message and finding.fix.applicability is Applicability.SAFE
    # A forum's list of threads: title, author, time, size, views and replies.
    threads = ["周末去湖边露营，带什么装备最实用？【山野小王】01-05 09:46 1317字 [170/1]",
               "第一次自驾去海边，路线求推荐【晴天】01-05 08:12 56字 [98/4]",
               "老城区哪家早点铺子最地道【阿明】01-04 22:30 0字 [151/0]"]
    (finding,) = check_document(Document(_page(body + threads)), T001)
    assert "3 timestamps" in finding.message and finding.fix.applicability is Applicability.SAFE
    # Rows of a log that start with their time are no headlines.
    rows = ["2026-01-05 09:46:29 | 200 | 4084", "2026-01-05 09:46:30 | 404 | 0", "2026-01-05 09:46:31 | 200 | 3927"]
    assert check_document(Document(_page(body + rows)), T001) == []


_STORY = [
    "The city council voted on Tuesday to extend the bus network to the northern districts of the town.",
    "Officials said the first new bus lanes would open in the spring, with more routes to follow next year.",
    "Residents of the northern districts have waited almost a decade for a direct council bus service.",
    "Work on the depot will start in March and should take about eight months to finish, they added.",
    "The opposition said the plan was welcome but came years too late for the families who had moved away.",
    "A petition signed by four thousand residents had asked the council to act before the next election.",
    "The transport committee will publish the timetable of the new routes at the end of the month.",
    "Bus drivers' representatives said they would need at least forty more drivers to run the service.",
    "The council expects the network to carry about twelve thousand passengers a day by next summer.",
    "Fares on the new routes will be the same as on the rest of the network, the council confirmed.",
]
_CARDS = [
    "Why some towns are painting their bus shelters bright yellow",
    "Council officers say the brighter colour makes the stops easier to find after dark.",
    "32m ago",
    "Storm warning issued for coastal towns",
    "Forecasters expect gusts of up to 120 km/h along the coast overnight and into Thursday morning.",
    "1h ago",
    "Celebrity chef opens third restaurant in the old market hall",
    "The new place will serve only dishes made with produce grown within fifty kilometres of the city.",
    "updated 2h ago",
    "Library extends its opening hours for the exam season",
    "Students will be able to use the reading rooms until midnight from the first week of May.",
    "5h ago",
]


def test_teaser_cards_after_the_article_are_a_list_of_other_stories():
    """A portal lists its other stories as cards: a headline, a sentence or two of standfirst and
    the time it was posted. The standfirsts read as prose; below an article, three cards or more
    in a row are a list, standfirsts and all. The same shape from the top of a page, with no
    article above it, is a live blog's entries: the article itself."""
    (finding,) = check_document(Document(_page(_STORY + _CARDS)), T001)
    assert "4 timestamps" in finding.message and finding.fix.applicability is Applicability.SAFE
    assert fix_text(_page(_STORY + _CARDS)) == _page(_STORY)
    live = ["Live: storm reaches the coast"] + _CARDS
    assert check_document(Document(_page(live + _STORY[:3])), T001) == []


def test_teaser_cards_with_their_time_above_the_standfirst_are_a_list_too():
    """Some sites print a card as its headline, its author, the date and then the standfirst."""
    cards = []
    for k in range(0, len(_CARDS), 3):
        cards += [_CARDS[k], "Jane Example", "Tuesday November 18, 2025", _CARDS[k + 1]]
    (finding,) = check_document(Document(_page(_STORY + cards)), T001)
    assert finding.fix.applicability is Applicability.SAFE
    assert fix_text(_page(_STORY + cards)) == _page(_STORY)
    live = ["Live: storm reaches the coast"] + cards
    assert check_document(Document(_page(live + _STORY[:3])), T001) == []


_RANKED = ["Most read", "1", "The melting of the ice shelf was already bad. It just got worse.", "2",
           "The world's longest non-stop flights, mapped", "3", "Why breakfast cereals are getting sweeter", "4",
           "Tesla wins a ruling in New Jersey"]


def test_a_ranked_box_after_the_article_is_a_list_whatever_its_items_shape():
    """A "Most read" box prints each story's rank alone above it; an item may hold a sentence.
    Numbered steps (sentences, under their numbers) are the article's own."""
    for box in (_RANKED, _RANKED[1:]):
        (finding,) = check_document(Document(_page(_STORY + box)), T001)
        assert "4 ranked" in finding.message and finding.fix.applicability is Applicability.SAFE
        assert fix_text(_page(_STORY + box)) == _page(_STORY)
    steps = ["1", "Heat the oven to 200 degrees and grease a deep baking tin.", "2",
             "Mix the flour, the sugar and the butter until the dough is smooth.", "3",
             "Bake the cake for forty minutes, then leave it to cool in the tin.", "4", "Serve it warm."]
    assert check_document(Document(_page(_STORY + steps)), T001) == []
    # Nor are ranks right under the title: a countdown that is the article.
    assert check_document(Document(_page([TITLE] + _RANKED[1:] + _STORY[:3])), T001) == []


@pytest.mark.parametrize("line", [
    "32m ago", "1h ago", "Updated 16M ago", "3 d ago", "2 hours ago", "vor 5 Min.", "Vor 2 Stunden",
    "il y a 2 h", "hace 3 horas", "há 2 dias", "2 ore fa", "3 uur geleden", "2 часа назад", "5 minut temu",
    "3 saat önce", "2時間前", "3시간 전", "5分钟前",
])
def test_a_relative_time_is_a_timestamp_in_any_language(line):
    from scrapelint.fold import fold

    assert is_timestamp_line(fold(line).strip())


@pytest.mark.parametrize("line", ["Er kam vor 20 Jahren nach Berlin", "2 ore fa, ho visto il sindaco in piazza"])
def test_a_relative_time_inside_a_sentence_is_no_timestamp_line(line):
    from scrapelint.fold import fold

    assert not is_timestamp_line(fold(line).strip())


FILMS = [("The Quiet Harbour", "Lead role"), ("Northern Lights", "Supporting role"), ("A House by the River", "Cameo"),
         ("Salt and Iron", "Lead role"), ("The Long Winter", "Narrator"), ("Glass Towers", "Lead role"),
         ("Paper Boats", "Supporting role"), ("Last Train Home", "Lead role")]


def test_the_rows_of_a_table_are_not_a_list_of_headlines_or_a_menu():
    # A scraped page (share bar, copyright line) whose article ends with a table, its cells between
    # tabs: the rows are the article's, whatever their shape.
    from scrapelint.fold import fold
    from scrapelint.rules.page import is_furniture, line_kind

    layout = REGISTRY.select(["T001", "B805", "B806"])
    rows = [f"{title}\t{part}" for title, part in FILMS]
    for row in rows + ["2006年\t海边的房子\t主演\t"]:
        assert line_kind(fold(row)) == "row"
        assert not is_furniture(fold(row)) and not is_label(fold(row))
    assert line_kind(fold("The Quiet Harbour")) == "headline" and is_label(fold("Lead role"))
    page = _page(["Share this:"] + [TITLE] + BODY + ["Filmography"] + rows
                 + ["Copyright © 2025 Millbrook Times. All rights reserved."])
    fixed = fix_document(Document(page), layout).text
    assert all(row in fixed for row in rows)
    # The same names one to a line, without their cells, read as a list of headlines.
    listed = _page(["Share this:"] + [TITLE] + BODY + ["Related stories"] + [title for title, _ in FILMS]
                   + ["Copyright © 2025 Millbrook Times. All rights reserved."])
    assert "The Quiet Harbour" not in fix_document(Document(listed), layout).text


def test_a_headline_cut_short_by_an_ellipsis_is_not_prose():
    from scrapelint.fold import fold
    from scrapelint.rules.page import is_prose

    teasers = ["江苏最大规模考试作弊案多人获刑 涉案考生达五十余人...", "山区小学迎来新校舍 孩子们告别漏雨教室的日子……",
               "港口货运量创下历史新高 外贸企业订单明显回暖..."]
    for s in teasers:
        assert not is_prose(fold(s)), s
    # A sentence that trails off keeps its stops and commas before the ellipsis.
    assert is_prose(fold("市政府周二召开会议，批准了新一年的城市道路改造计划……"))
    assert is_prose(fold("他是一家大型财团的继承人、一位风险投资的开拓者……"))
    article = [
        "市政府周二召开会议，批准了新一年的城市道路改造计划，涉及中心城区的二十多条主干道。",
        "负责该项目的官员表示，施工将分三个阶段进行，预计在明年年底前全部完工。",
        "据介绍，改造内容包括路面翻修、排水管网更新以及人行道的拓宽，总投资约为十二亿元。",
    ]
    page = FoldedPage.of(Document(_page(["道路改造计划获批"] + article + ["热点新闻"] + teasers + ["返回首页"])))
    assert page.body == (1, 3)  # the article ends before the teasers, which end like "..."
    # After the article they are page furniture, as a list of links is.
    from scrapelint.rules.page import is_furniture

    assert all(is_furniture(fold(s), strict=True) for s in teasers)
    assert not is_furniture(fold("市政府周二召开会议，批准了新一年的计划……"))  # a sentence trailing off


def test_a_short_call_ending_with_an_exclamation_or_a_question_is_furniture_in_a_run_after_the_article():
    from scrapelint.fold import fold
    from scrapelint.rules.page import is_furniture

    for call in ["想创业的人必看！", "年轻人还买得起房子吗？", "★不再为失眠烦恼!", "Why subscribe?", "Thanks!"]:
        assert is_furniture(fold(call), strict=True), call
        assert not is_furniture(fold(call)), call  # elsewhere (above the title) it may be the text's
    for sentence in ["他说，这一天终于来了！", "这项改革将在明年全面推开，全市的中小学都会参与其中吗？",
                     "Who will pay for the new lanes?", "Yes, it works!"]:
        assert not is_furniture(fold(sentence), strict=True), sentence
    article = [
        "市政府周二召开会议，批准了新一年的城市道路改造计划，涉及中心城区的二十多条主干道。",
        "负责该项目的官员表示，施工将分三个阶段进行，预计在明年年底前全部完工。",
        "据介绍，改造内容包括路面翻修、排水管网更新以及人行道的拓宽，总投资约为十二亿元。",
    ]
    ads = ["全国招商加盟信息", "想创业的人必看！", "小饰品做成大生意", "理财高手怎样炼成？", "春季护肤的小窍门(图)"]
    text = _page(["分享到：", "道路改造计划获批"] + article + ads + ["版权所有 © 2025 城市晨报"])
    fixed = fix_document(Document(text), REGISTRY.select()).text
    assert all(line in fixed for line in article)
    assert not any(ad in fixed for ad in ads)
    # Right after the article, a call is the author's sign-off, not a link.
    widgets = ["Why subscribe?", "Facebook", "Pinterest", "Email", "Print"]
    text = _page(HEAD + SIDEBAR + [TITLE] + BODY + ["Happy cycling!"] + widgets + ["About us", "Privacy policy"])
    fixed = fix_document(Document(text), REGISTRY.select()).text
    assert "Happy cycling!" in fixed and not any(w in fixed for w in widgets)


SLIDES = [
    "1/4", "Record quarter for chip maker", "Shares of the chip maker rose after it reported record sales.", "Getty",
    "2/4", "Airline cuts routes", "The airline said it would drop twelve routes over the winter season.", "Reuters",
    "3/4", "Brewer buys rival", "The brewer agreed to buy its smaller rival for two billion pounds.", "AFP",
    "4/4", "Retail sales fall", "Shoppers spent less in June than in any month since the spring.", "PA",
]


def test_another_storys_gallery_inside_the_article_is_removed_whole():
    text = _page([TITLE] + BODY[:2] + ["Business news in pictures"] + SLIDES + BODY[2:])
    (finding,) = check_document(Document(text), B810)
    assert finding.fix.applicability is Applicability.SAFE and "4 slides" in finding.message
    assert fix_document(Document(text), B810).text == _page([TITLE] + BODY)


def test_a_gallery_of_the_articles_own_photos_is_only_reported():
    own = ["1/3 Image 1 of 3", "The first of the new bus lanes in the northern districts of the town.",
           "2/3", "Council officials at the depot where work on the new bus lanes will start in March.",
           "3/3", "Residents of the northern districts waiting for a direct council bus service."]
    text = _page([TITLE] + BODY[:2] + own + BODY[2:])
    (finding,) = check_document(Document(text), B810)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix_document(Document(text), B810).text == text


def test_a_slideshow_story_is_not_a_gallery_inside_an_article():
    text = _page(["Business news in pictures"] + SLIDES)
    assert not check_document(Document(text), B810)


def test_a_long_stretch_of_menus_under_the_title_is_page_furniture_but_the_articles_head_stays():
    menus = ["Politics", "Business", "Local sport", "Weather", "Opinion", "Obituaries", "Travel", "Culture",
             "Science", "Health", "Education", "Motoring", "Property", "Jobs", "Puzzles", "Podcasts"]
    head = ["By Jane Doe, transport reporter", "Tuesday 4 March 2025", "Photo: the new depot"]
    lines = [TITLE] + menus + head + BODY
    page = FoldedPage.of(Document(_page(lines)))
    assert page.title == 0 and page.body[0] == lines.index(BODY[0])
    fixed = fix_document(Document(_page(["Sign in"] + lines)), B806).text
    # The last eight lines before the article are its head (byline, date, caption) and stay.
    assert fixed == _page([TITLE] + menus[-5:] + head + BODY)
    # A line among the menus that shares most of its words with the article (a headline of it,
    # a standfirst) stays.
    again = "Northern districts wait for lanes"
    lines = [TITLE] + menus[:8] + [again] + menus[8:] + head + BODY
    assert FoldedPage.of(Document(_page(lines))).title == 0
    fixed = fix_document(Document(_page(["Sign in"] + lines)), B806).text
    assert fixed == _page([TITLE, again] + menus[-5:] + head + BODY)
    # A short stretch, or one that is not mostly menu entries, is left alone.
    short = [TITLE] + menus[:6] + head + BODY
    assert fix_document(Document(_page(["Sign in"] + short)), B806).text == _page(short)


def test_a_list_whose_lines_are_as_long_as_a_text_s_is_only_reported():
    """Under a related-articles heading, lines of 25 CJK characters or more at the median, with no
    timestamps: a blog written a clause a line, taken for a list of headlines — reported with an
    unsafe fix. Headlines of the usual length under the same heading are removed."""
    body = ["今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于去年同期水平。",
            "粮食部门表示，将继续做好收购资金和仓容保障，确保农民手中的余粮卖得出、卖得好。",
            "多地还开通了预约售粮服务，农民可以在手机上选择时间，减少排队等候的时间。",
            "专家认为，今年的秋粮收购价格总体平稳，市场供应充足，后期价格有望保持稳定。"]
    long_lines = ["一波波寒流报到 已将山后一带的层层山峦披上了嫣红的彩衣 美不胜收",
                  "沿着蜿蜒的山路一路向下 云气山岚滞留在山头 不久就来到了小学门口",
                  "营地美如其名 偌大的枫香树早已呈现金黄 泛红的色彩是摄影人的最爱",
                  "第二次造访营地 发现营区变了 以前冰冷的招牌换成了原木招牌别有风味"]
    short = ["男子高速逆行被拘", "新款电动车上市", "暴雨预警今晚发布", "主队客场逆转取胜"]
    for items, safe in ((long_lines, False), (short, True)):
        text = _page(["秋粮收购进度过半 农民余粮卖得好"] + body + ["相关文章"] + items)
        (finding,) = check_document(Document(text), T001)
        assert (finding.fix.applicability is Applicability.SAFE) is safe
        assert ("as long as a text's" in finding.message) is not safe


def test_a_bylines_words_are_named_in_the_order_of_the_line():
    """The message is the same on every run (the words are looked up in a set, whose order
    changes with the interpreter's string hashing)."""
    b802 = [REGISTRY.get("B802")]
    for line, named in (("Updated 2025-03-04 10:15, published 2025-03-03 08:00", "updated, published"),
                        ("Published 2025-03-03 08:00, updated 2025-03-04 10:15", "published, updated")):
        (finding,) = check_document(Document(_page([TITLE, line] + BODY)), b802)
        assert finding.message == f"byline ({named})"


def test_byline_fields_glued_together_are_read_one_by_one():
    """A portal's byline prints its fields without spaces ("09:58:03来源：…作者：…责任编辑：…"): each
    label ends the run of CJK characters before its colon. A colon after other words is no field."""
    from scrapelint.fold import fold
    from scrapelint.rules.page import byline_labels

    assert byline_labels(fold("2017-03-10 09:58:03来源：网易科学人作者：责任编辑：王小明")) == ["来源", "作者", "责任编辑"]
    assert byline_labels(fold("来源：新华社 作者：张三")) == ["来源", "作者"]
    assert byline_labels(fold("他在会上说：我们明天出发")) == [] and byline_labels(fold("专家表示：今年偏热")) == []
    b802 = [REGISTRY.get("B802")]
    body = ["市气象台今天上午发布消息，预计未来三天本市将持续晴好天气，最高气温将升至三十度左右。",
            "提醒市民注意防晒补水，外出时尽量避开午后高温时段，老人和儿童尤其要注意。",
            "专家表示，今年夏天的平均气温可能比往年偏高一到两度，极端天气出现的概率也会增加。"]
    (finding,) = check_document(Document(_page(["本市将迎来持续晴热天气", "2017-03-10 09:58:03来源：本地日报作者：王小明"]
                                                + body)), b802)
    assert finding.message == "byline (来源, 作者)"


def test_a_label_keeps_its_letters_when_its_ornaments_are_taken_off():
    """Ornaments and a trailing "more" link are taken off a heading or label, not the letters
    m, o, r and e at its ends: "share" beside a count is a counter widget's label."""
    assert bare_label("▶ 热门推荐 更多") == "热门推荐" and bare_label("most read » more") == "most read"
    assert bare_label("share") == "share" and bare_label("more from") == "more from"
    text = _page([TITLE, *BODY, "12", "share"])
    assert "B803" in {f.code for f in check_text(text)}


def test_reference_marks_after_a_sentence_keep_it_prose():
    """An encyclopedia's sentences end with reference marks after their stop ("….[12]"): they
    are still sentences, and a short last paragraph of the article is not taken for furniture."""
    from scrapelint.fold import fold
    from scrapelint.rules.page import is_prose

    for s in ["The bridge was opened to traffic in the spring of 1932.[4]",
              "The bridge was opened to traffic in the spring of 1932.[4][5]",
              "The bridge was opened to traffic in the spring of 1932.[citation needed]",
              "大桥于一九三二年春季正式通车，成为当时全国最长的公路桥。[注 1]",
              "The harbour bridge carries rail, vehicle and foot traffic between the business district "
              "and the north shore.[2] It was designed by a local engineer.[3] Work began in 1924[4]"]:
        assert is_prose(fold(s)), s
    for s in ["Home [+]", "See also [edit]", "[1]", "Contents [hide]", "Photos [12]"]:
        assert not is_prose(fold(s)), s
    article = [
        "The harbour bridge was opened to traffic in the spring of 1932 after eight years of work.[1]",
        "It carries rail, vehicle, bicycle and foot traffic between the business district and the north shore.[2]",
        "The bridge was designed by a local engineering firm and built by a company from abroad.[3]",
        "It was the tallest steel arch bridge in the world until 2012.[4]",
    ]
    page = FoldedPage.of(Document(_page(["Harbour bridge"] + article + ["About us", "Contact", "Privacy"])))
    assert page.body == (1, 4)


@pytest.mark.parametrize("line, menu", [
    ("Sign In | Sign Up | Subscribe", True), ("首页｜新华社记者看东北｜人物专访", True),
    ("FogBUGZ | CityDesk | Fog Creek Software | Joel Spolsky", True), ("1 | 2 | 3", True),
    ("Home | News", False), ("Bread, milk and eggs | Fruit | Vegetables and a bag of rice for the week", False),
    ("He paused. | She left. | Done.", False), ("London / Paris / Rome", False),
])
def test_short_entries_between_pipes_are_a_menu(line, menu):
    from scrapelint.fold import fold
    from scrapelint.rules.structure import _pipe_menu

    assert _pipe_menu(fold(line).strip()) is menu


def test_a_menu_between_pipes_after_the_article_is_removed():
    text = _page([TITLE] + BODY + ["Parks | Schools | Roadworks", "© 2025 Millbrook Times"])
    assert fix_text(text) == _page([TITLE] + BODY)


def test_a_breadcrumb_printed_one_segment_a_line_is_a_trail():
    """Some portals print each link of the trail as its own block: "首页", then "> 央视社区",
    "> 央视论坛". Below a home link (or a trail) the pieces go with it; short lines after ">"
    without one may be a quotation in Markdown, and stay."""
    body = ["央行今天宣布，将于下月起下调金融机构存款准备金率零点二五个百分点，释放长期资金约一万亿元。",
            "央行有关负责人表示，此次降准是常规性的流动性安排，货币政策的取向没有改变，将继续保持稳健。",
            "分析人士认为，降准有助于降低银行的资金成本，进而推动实体经济的综合融资成本稳中有降。"]
    b801 = [REGISTRY.get("B801")]
    (found,) = check_document(Document(_page(["首页", "> 央视社区", "> 央视论坛", "央行宣布降准"] + body)), b801)
    assert "3 parts, one a line" in found.message
    assert fix_document(Document(_page(["首页", "> 央视社区", "> 央视论坛", "央行宣布降准"] + body)), b801).text \
        == _page(["央行宣布降准"] + body)
    # After a trail on one line, the piece that goes on below it.
    found = check_document(Document(_page(["搜狐首页 > 搜狐财经", "> 国际财经", "央行宣布降准"] + body)), b801)
    assert [f.message for f in found] == ["breadcrumb trail of 2 segments", "breadcrumb trail of 2 parts, one a line"]
    quote = ["> Less is more", "> said the architect", "A house for the city"] + BODY
    assert check_document(Document(_page(quote)), b801) == []


# --- a numbered programme ---------------------------------------------------------------------


def _rows(lines: list[str]) -> list[str]:
    from scrapelint.rules.page import FoldedPage

    page = FoldedPage.of(Document("\n".join(lines) + "\n"))
    return [page.line(i) for i in sorted(page.numbered_rows)]


def test_the_steps_of_a_programme_are_its_table():
    rows = ["Round 1: 14 March – Silverstone", "Round 2: 4 April – Brands Hatch", "Round 3: 25 April – Donington Park"]
    assert _rows(["Calendar", *rows, "The calendar may still change."]) == [r.lower() for r in rows]
    assert _rows(["1a etapa: 10 de março – Interlagos", "2a etapa: 8 de abril – Curitiba",
                  "3a etapa: 22 de abril – Velopark"])  # the label around the number
    # Two rows, numbers that skip, or another label each: no programme.
    assert _rows(rows[:2]) == []
    assert _rows(["Day 1: the coast road", "Day 3: the hills", "Day 4: home again"]) == []
    assert _rows(["Round 1: Silverstone", "Stage 2: Brands Hatch", "Day 3: Croft"]) == []
    assert _rows(["1. Council backs new bus lanes", "2. Ferry to resume in June", "3. Library opens on Sunday"]) == []



def test_a_programme_is_the_articles_own_table():
    from scrapelint.rules.page import FoldedPage

    rows = ["Round 1: 14 March – Silverstone", "Round 2: 4 April – Brands Hatch", "Round 3: 25 April – Donington Park"]
    page = FoldedPage.of(Document("\n".join(["Calendar", *rows, "Contact"]) + "\n"))
    assert page.has_own_table
    assert [i for i in range(5) if page.in_own_table(i)] == [1, 2, 3]
    assert page.in_own_table(0, 4) and not page.in_own_table(4)
    assert not FoldedPage.of(Document("Calendar\nRound 1: Silverstone\nContact\n")).has_own_table


_BUS = ["The city council approved a plan on Tuesday to add bus lanes on Main Street and Harbour Road, ending a "
        "debate that lasted two years.",
        "Drivers will lose one lane on each road, and the council said the bus lanes would open next spring after "
        "a six-month trial on Harbour Road.",
        "Transport officials expect buses on the two roads to be eight minutes faster at the morning peak, the "
        "council's report said."]
_ON_TOPIC = ["Council delays vote on Main Street bus lanes", "Harbour Road bus lane trial extended by council",
             "Why the council wants more bus lanes on Main Street"]


@pytest.mark.parametrize("heading, found", [("Related", True), ("More stories", True), ("Most read", False),
                                            (None, False)])
def test_headlines_under_a_related_heading_may_share_the_articles_words(heading, found):
    """Under a heading of related stories after the article, three headlines on the article's own
    topic (72 % of their words are the article's) are a list of other stories, removed; under a
    heading of other kinds ("Most read") or without one, sharing so much of the article keeps them
    out of T001 (they may be the article's own list)."""
    lines = _BUS + ([heading] if heading else []) + _ON_TOPIC
    findings = check_document(Document(_page(lines)), T001)
    assert bool(findings) is found
    if found:
        (finding,) = findings
        assert finding.fix.applicability is Applicability.SAFE and "3 headlines" in finding.message


def test_related_headings_are_list_headings():
    from scrapelint.rules.page import vocabulary

    assert vocabulary()["related-headings"] <= vocabulary()["list-headings"]
