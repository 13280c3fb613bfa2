"""The off-topic family (O): a sentence of another story dropped into the page.

The rule is run alone on realistic pages (Chinese and English), then with every rule on the seed
page that motivated it, on the samples, and on a small version of the labelled evaluation in
``bench/offtopic_eval.py`` whose precision and recall are held to a floor.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from scrapelint import check_text, fix_text
from scrapelint.decoding import decode_bytes
from scrapelint.engine import check_document, fix_document
from scrapelint.model import Applicability, Document
from scrapelint.rules import offtopic
from scrapelint.rules.offtopic import FLAG_THRESHOLD, SAFE_THRESHOLD, OffTopicSentence, confidence

RULE = OffTopicSentence()
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _findings(text: str):
    doc = Document(text)
    return doc, check_document(doc, [RULE])


def _flagged_lines(text: str) -> list[str]:
    doc, found = _findings(text)
    return [doc.line_at(f.start).text for f in found]


# --- pages -----------------------------------------------------------------------------------

ZH_BODY = [
    "在城西的一条老巷子里，一家开了三十年的修表铺最近重新装修开业，店主是一对从父辈手里接过手艺的兄弟。",
    "修表铺的门面不大，柜台后面的墙上挂满了各式各样的老钟表，最老的一只座钟已经有一百多年的历史。",
    "兄弟俩说，这几年来修表的人反而多了起来，不少年轻人拿着长辈留下的老手表上门，希望把它修好继续戴。",
    "修一只机械表，要先把几十个零件逐一拆下来清洗，再换上磨损的齿轮和发条，最后上油、校准走时。",
    "遇到停产多年的老表，缺少的零件只能自己动手做。哥哥在店里放了一台小车床，专门用来车削细小的表轴。",
    "为了让更多人了解钟表维修，兄弟俩每个月在店里办一次开放日，邀请附近的孩子来看看机芯是怎么走动的。",
    "街道方面表示，将把这条老巷子里的几家老字号串联起来，设计一条手艺人主题的步行路线。",
]
ZH_TITLE = "老巷子里的修表铺：兄弟俩接过父辈的手艺"
ZH_FOREIGN = "北方多地昨日出现大风降温天气，气象部门提醒公众注意防范道路结冰和航班延误。"

EN_BODY = [
    "A clock repair shop that has stood on Mill Lane for thirty years reopened this week after a renovation, run by two brothers who learned the trade from their father.",
    "The shop is tiny, but the wall behind the counter is covered with old clocks, the oldest a mantel clock made more than a century ago.",
    "The brothers say more customers come in now than a decade ago, many of them young people carrying a watch inherited from a grandparent.",
    "Repairing a mechanical watch means taking dozens of parts apart, cleaning each one, replacing worn gears and springs, then oiling and regulating the movement.",
    "When a part has not been made for decades, they make it themselves on a small lathe that stands in the back room of the shop.",
    "Once a month the shop holds an open day, when children from the neighbourhood can watch a movement being taken apart under a magnifying lamp.",
    "The council plans a walking trail linking the lane's old workshops, with a plaque outside each one telling its story.",
]
EN_TITLE = "Brothers keep a thirty-year-old clock repair shop ticking"


def _page(title: str, body: list[str], sep: str = "\n") -> str:
    return sep.join([title, *body]) + "\n"


def test_clean_pages_pass():
    assert not _flagged_lines(_page(ZH_TITLE, ZH_BODY))
    assert not _flagged_lines(_page(EN_TITLE, EN_BODY, "\n\n"))


def test_sentence_of_another_story_in_the_body_zh():
    text = _page(ZH_TITLE, [*ZH_BODY[:4], ZH_FOREIGN, *ZH_BODY[4:]])
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [ZH_FOREIGN]
    f = found[0]
    assert FLAG_THRESHOLD <= f.confidence < SAFE_THRESHOLD  # cohesion alone: never a safe fix
    assert f.fix.applicability is Applicability.UNSAFE
    assert "cohesion" in f.message


def test_truncated_injection_between_byline_and_body_is_safe_zh():
    injected = "当地时间3月9日，邻国议会以微弱多数通过了新的预算案，投票结束后率先发言的是财政部长林。"
    text = _page(ZH_TITLE, ["发布时间：2026-03-10 08:00 来源：本地新闻网", injected, *ZH_BODY])
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [injected]
    assert found[0].confidence >= SAFE_THRESHOLD
    assert found[0].fix.applicability is Applicability.SAFE
    fixed = fix_document(doc, [RULE]).text
    assert injected not in fixed and all(p in fixed for p in ZH_BODY)


def test_lede_of_another_story_in_the_body_en():
    injected = "OSLO (Reuters) - Norway's sovereign wealth fund posted a record first-quarter gain on Thursday, lifted by a rally in technology shares."
    text = _page(EN_TITLE, [*EN_BODY[:3], injected, *EN_BODY[3:]], "\n\n")
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [injected]
    assert "lede 1.00" in found[0].message


def test_truncated_english_injection_is_flagged():
    injected = "Firefighters spent most of Sunday night battling a blaze at a timber yard on the edge of Carston, where the"
    text = _page(EN_TITLE, [*EN_BODY[:2], injected, *EN_BODY[2:]])
    assert _flagged_lines(text) == [injected]


# A piece of another story's sentence, cut in the middle of a word and ending with its stop.
EN_FRAGMENT = "lled for a recount of the votes in three districts after the deadline for postal ballots had passed."


def test_a_line_that_begins_in_the_middle_of_a_sentence_is_flagged_with_its_cut():
    text = _page(EN_TITLE, [*EN_BODY[:3], EN_FRAGMENT, *EN_BODY[3:]], "\n\n")
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [EN_FRAGMENT]
    assert "cut 1.00" in found[0].message
    # A cut start and a vocabulary shared with nothing on the page: two pieces of evidence.
    assert found[0].fix.applicability is Applicability.SAFE
    assert EN_FRAGMENT not in fix_text(text)


@pytest.mark.parametrize("line", [
    "eBay said the clock had been listed for a week before the brothers found it, still in its box.",  # a brand
    "de Gaulle once owned a clock of the same make, the brothers like to tell their customers proudly.",  # a name
    "if the spring is broken, the brothers wind a new one from steel wire on a jig they built, or",  # unclosed
])
def test_lower_case_starts_that_are_not_cuts(line):
    text = _page(EN_TITLE, [*EN_BODY[:3], line, *EN_BODY[3:]], "\n\n")
    doc, found = _findings(text)
    assert not any("cut" in f.message for f in found)


def test_after_a_heading_only_a_word_cut_in_the_middle_is_a_cut():
    from scrapelint.rules.offtopic import _broken_opening

    heading = "Open days"
    text = _page(EN_TITLE, [*EN_BODY[:3], heading, EN_FRAGMENT, *EN_BODY[3:]], "\n\n")
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [EN_FRAGMENT]
    assert "cut 1.00" in found[0].message
    # A list item in lower case after a line that announces a list is no cut, nor a name in lower
    # case that the page writes again (one written once is taken for a cut, and reported: the
    # limit of the test), nor the rest of a sentence after a line that stops on "of".
    for before, item in (
            ("What the brothers offer:", "a list of every clock they have repaired since the day they opened."),
            ("What the brothers offer", "npm installs the packages the shop's booking site uses; the brothers "
                                        "update npm monthly."),
            ("Open days are one of", "the ways the brothers keep the craft alive for the children of the street.")):
        text = _page(EN_TITLE, [*EN_BODY[:3], before, item, *EN_BODY[3:]], "\n\n")
        assert not any("cut" in f.message for f in _findings(text)[1]), item
    # The letter after an apostrophe ("don't") is not the cut word written again.
    cut = "t notably from the old station clock, which the brothers say they don't want to sell."
    text = _page(EN_TITLE, [*EN_BODY[:3], "What the brothers offer:", cut, *EN_BODY[3:]], "\n\n")
    assert "cut 1.00" in _findings(text)[1][0].message
    for line, word in (("nd has managed three clubs.", "nd"), ("e uncertainty of it all.", "e"),
                       ("n's company grew.", "n"), ("npm is a tool.", "npm")):
        assert _broken_opening(line) == word, line
    for line in ("at the end of it all.", "e-mail is how they write.", "psychology of it.", "strong winds.",
                 "http://example.com is a site.", "iPhone owners too."):
        assert _broken_opening(line) is None, line


def test_after_a_heading_a_paragraph_in_lower_case_is_a_cut():
    """A paragraph opens with a capital: after a heading (a few words, no colon), a line that opens
    with a whole word in lower case and ends a sentence was cut out of another text."""
    line = "and the brothers keep a list of every clock they have repaired since the day they opened."
    for heading in ("Open days", "Workshop news"):
        text = _page(EN_TITLE, [*EN_BODY[:3], heading, line, *EN_BODY[3:]], "\n\n")
        doc, found = _findings(text)
        assert [doc.line_at(f.start).text for f in found] == [line], heading
        assert "cut 1.00" in found[0].message
    # A line of invisible characters between them changes nothing.
    text = _page(EN_TITLE, [*EN_BODY[:3], "Open days", "\u200b", line, *EN_BODY[3:]], "\n\n")
    assert "cut 1.00" in _findings(text)[1][0].message


def test_a_page_that_opens_sentences_in_lower_case_writes_that_way():
    informal = "thanks for writing this up, it covers a lot of what people ask us about old watches."
    text = _page(EN_TITLE, [*EN_BODY[:3], EN_FRAGMENT, *EN_BODY[3:5], informal, *EN_BODY[5:]], "\n\n")
    doc, found = _findings(text)
    assert not any("cut" in f.message for f in found)


def test_a_page_that_opens_many_lines_in_lower_case_has_no_cut_inside_a_paragraph():
    """A changelog of user names (or code, or chat) opens its lines in lower case: a sentence that
    opens with a name in lower case after a stop is its own, not a piece of another text."""
    notes = [f"{user} fixed {what}" for user, what in (
        ("jdoe", "the crash in the print dialog"), ("asmith", "a hang at shutdown"),
        ("bkhan", "the layout of the settings page"), ("cliu", "two leaks in the image cache"),
        ("dmora", "the slow start on old laptops"), ("jdoe", "the sync of bookmarks"))]
    para = "We got the go-ahead for another round of student projects next term! ebrown and fkim will mentor them."
    text = _page(EN_TITLE, [*EN_BODY[:3], *notes, para, *EN_BODY[3:]])
    assert not _findings(text)[1]
    # On a page that writes with capitals, the same sentence is a cut.
    text = _page(EN_TITLE, [*EN_BODY[:3], para, *EN_BODY[3:]])
    assert [text[f.start:f.end] for f in _findings(text)[1]] == ["ebrown and fkim will mentor them."]


@pytest.mark.parametrize("broken", [
    # a sentence an extractor broke at its links: the short line before is no heading
    ["Clocks come in many kinds, from the cheapest to the dearest, and two of them,", "mantel clocks", "and",
     "wall clocks", "share most of their parts, which is why the brothers keep a drawer of each."],
    ["Shares of the family's watch company", "Clockworks Ltd", "rose sharply after the brothers' shop reopened "
     "on Mill Lane this week."],
])
def test_a_sentence_broken_at_its_links_is_not_a_cut_after_a_heading(broken):
    text = _page(EN_TITLE, [*EN_BODY[:3], *broken, *EN_BODY[3:]])
    assert not any("cut" in f.message for f in _findings(text)[1])


def test_after_a_credit_and_a_heading_a_paragraph_in_lower_case_is_a_cut():
    line = "and the brothers keep a list of every clock they have repaired since the day they opened."
    text = _page(EN_TITLE, [*EN_BODY[:3], "Photograph by Anna Berg", "Open days", line, *EN_BODY[3:]])
    assert "cut 1.00" in _findings(text)[1][0].message


# A Russian article, for the cuts inside a paragraph in Cyrillic text.
RU_TITLE = "Часовая мастерская на Мельничной улице снова открылась"
RU_BODY = [
    "Часовая мастерская, которая тридцать лет работала на Мельничной улице, снова открылась после ремонта: её ведут два брата, унаследовавшие ремесло от отца.",
    "Мастерская крошечная, но стена за прилавком увешана старыми часами, самые старые из которых каминные часы, сделанные больше века назад.",
    "Братья говорят, что клиентов сейчас больше, чем десять лет назад, и многие из них молодые люди с часами, доставшимися от дедушки.",
    "Ремонт механических часов требует терпения. Нужно разобрать десятки деталей, почистить каждую, заменить изношенные шестерни и пружины, а затем смазать механизм.",
    "Если деталь не выпускают десятилетиями, братья вытачивают её сами на маленьком токарном станке в задней комнате мастерской.",
    "Раз в месяц в мастерской проходит день открытых дверей, и соседские дети смотрят, как мастера разбирают механизм под лампой с лупой.",
]
RU_FRAGMENT = "кладём в глубокую миску, добавляем лимонный сок, масло и солим по вкусу."


def _spliced(fragment: str, lang: str = "en") -> tuple[str, str]:
    """A page with ``fragment`` spliced between the first two sentences of its fourth paragraph,
    and the page."""
    if lang == "ru":
        title, body, stop = RU_TITLE, RU_BODY, "терпения. "
    else:
        title, stop = EN_TITLE, "patience. "
        body = [*EN_BODY[:3], "Repairing a mechanical watch takes patience. " + EN_BODY[3], *EN_BODY[4:]]
    page = _page(title, body, "\n\n")
    return page.replace(stop, stop + fragment + " ", 1), page


# A word in lower case after a stop is a cut in any script with case.
@pytest.mark.parametrize("fragment, lang", [(EN_FRAGMENT, "en"), (RU_FRAGMENT, "ru")])
def test_a_sentence_cut_in_the_middle_inside_a_paragraph_is_flagged_and_removed_alone(fragment, lang):
    text, clean = _spliced(fragment, lang)
    doc, found = _findings(text)
    assert [text[f.start:f.end] for f in found] == [fragment]
    assert "inside a paragraph" in found[0].message and "cut 1.00" in found[0].message
    assert found[0].fix.applicability is Applicability.SAFE
    assert fix_text(text) == fix_text(clean) == clean


def _spliced_in(sentence: str, at: str, fragment: str) -> tuple[str, str]:
    """A page whose fourth paragraph holds ``sentence``, with ``fragment`` spliced in right after
    ``at`` (a space before it, none after: the sentence goes on glued to it), and the page."""
    body = [*EN_BODY[:3], sentence + " " + EN_BODY[3], *EN_BODY[4:]]
    page = _page(EN_TITLE, body, "\n\n")
    cut = page.index(at) + len(at)
    return page[:cut] + " " + fragment + page[cut:], page


SPLICED_WEATHER = "lack of rain across the northern plains left farmers counting their losses this spring?"


@pytest.mark.parametrize("sentence, at", [
    ("The lathe came from the U.S. and needed a new motor.", "the U."),
    ("The shop's first customer was Mr. Alder, who brought a clock.", "was Mr."),
])
def test_a_sentence_spliced_into_an_abbreviation_is_cut_out_up_to_its_stop(sentence, at):
    # A word in lower case never follows an initial or a courtesy title; the sentence ends where a
    # capital is glued to its stop, and only it goes.
    text, clean = _spliced_in(sentence, at, SPLICED_WEATHER)
    doc, found = _findings(text)
    assert [text[f.start:f.end] for f in found] == [SPLICED_WEATHER]
    assert "cut 1.00" in found[0].message
    assert fix_text(text, select=["O001"], unsafe_fixes=True) == clean


@pytest.mark.parametrize("before, after", [
    # The word after the initial is rare in general text: a genus and its species, not a cut.
    ("The brothers once repaired a clock for a lab studying Y.", "pestis in fleas, its case still marked with the lab's number."),
    # A function word: the initial abbreviates a word.
    ("The clock went to a museum at the U.", "of Chicago, where it stands in the entrance hall."),
])
def test_a_species_or_an_abbreviated_word_after_an_initial_is_no_cut(before, after):
    text, _ = _spliced_in(before, before, after)
    assert not [f for f in _findings(text)[1] if "cut" in f.message]
    assert offtopic._inline_cuts(f"{before} {after} The shop opened in May.") == []
    line = f"The lathe came from the U. {SPLICED_WEATHER}S. and needed a new motor."
    assert [line[a:z] for a, z in offtopic._inline_cuts(line)] == [SPLICED_WEATHER]


@pytest.mark.parametrize("sentence, lang", [
    ("The repair cost was paid by Watchworks Inc. and the brothers kept the spare parts.", "en"),
    ("Each movement gets one tsp. of cleaning fluid before it is oiled.", "en"),
    ("The lathe came from the U.S. and needed a new motor.", "en"),
    ("The pension fund was wound up in Jan. and its managers moved to Singapore.", "en"),
    ("Troops under Gen. retreating columns crossed the frozen river at dawn.", "en"),
    # words the page has nowhere else: only the abbreviation keeps them from being cut out
    ("Ремонт обошёлся в пять тыс. рублей, заплаченных заранее наличными.", "ru"),
    ("Подробности см. расписание выставок городского музея.", "ru"),
])
def test_abbreviations_inside_a_sentence_are_not_cuts(sentence, lang):
    text, _ = _spliced(sentence, lang)
    assert not _findings(text)[1]


def test_a_sentence_sharing_the_pages_words_is_not_cut_out():
    text, _ = _spliced("watches like these are what the brothers repair every week in the shop.")
    assert not _findings(text)[1]


def test_the_pages_own_lede_is_not_flagged():
    # A dateline lede of the page itself, first paragraph after the title and a byline.
    zh_lede = "当地时间4月2日，城西老巷子里一家开了三十年的修表铺重新开业，店主兄弟俩把父辈的手艺和老钟表一起留了下来。"
    assert not _flagged_lines(_page(ZH_TITLE, ["作者：本报记者", zh_lede, *ZH_BODY[1:]]))
    en_lede = "MILL LANE, April 2 — Two brothers reopened their father's thirty-year-old clock repair shop this week, keeping the old clocks and the trade alive."
    assert not _flagged_lines(_page(EN_TITLE, ["By Staff Reporter", en_lede, *EN_BODY[1:]], "\n\n"))


def test_own_lede_kept_and_foreign_lede_flagged_when_both_are_there():
    zh_lede = "当地时间4月2日消息，城西老巷子里一家开了三十年的修表铺重新开业，店主兄弟俩接过了父辈修钟表的手艺。"
    foreign = "当地时间2月14日，邻国总统在首都会见来访的外交部长周。"
    text = _page(ZH_TITLE, ["发布时间：2026-04-03 09:00", foreign, zh_lede, *ZH_BODY[1:]])
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [foreign]
    assert "lede 1.00" in found[0].message and found[0].confidence >= SAFE_THRESHOLD


def test_quotation_aside_transition_heading_and_list_are_never_candidates():
    zh_extra = [
        "“天气预报说明天要降温，大家出门记得多穿件衣服，路上注意安全。”",  # a quotation
        "（文中部分受访者为化名，股市行情仅供参考，不构成投资建议。）",  # an aside
        "不过，并不是所有的天气预报都这么准，台风路径也常常出人意料。",  # a transition
        "北方多地大风降温",  # a heading
        "1. 北方多地昨日出现大风降温天气，气象部门提醒公众注意防范道路结冰。",  # a list item
    ]
    text = _page(ZH_TITLE, [*ZH_BODY[:3], *zh_extra, *ZH_BODY[3:]])
    assert not _flagged_lines(text)
    en_extra = [
        "\u201cThe forecast says snow by morning, so leave early and drive slowly on the hill roads,\u201d the radio announcer warned.",
        "(Share prices quoted are for information only and are not investment advice.)",
        "But not every forecast is that reliable, and storms often arrive early.",
        "Snow expected across the north",
        "- Heavy snow is expected across northern counties, with travel disruption likely on Friday.",
        "Read more: Snow expected across the north as temperatures fall below freezing",
    ]
    text = _page(EN_TITLE, [*EN_BODY[:3], *en_extra, *EN_BODY[3:]], "\n\n")
    assert not _flagged_lines(text)


def test_footer_after_the_body_is_not_judged():
    text = _page(ZH_TITLE, [*ZH_BODY, ZH_FOREIGN])
    assert not _flagged_lines(text)


#: The items of a list after the article: an event's dates and places, without full stops.
EN_DATES = ["Open days this spring", "March 7 -- Mill Lane workshop, 10am to 4pm",
            "April 4 -- Mill Lane workshop, 10am to 4pm", "May 2 -- Town library, children's corner",
            "June 6 -- Mill Lane workshop, 10am to 4pm"]
EN_FOREIGN = "Shares of the copper miner fell 12 percent in Santiago after it cut its output forecast for 2027 by a fifth."


def test_a_sentence_among_the_items_of_a_list_after_the_article_is_judged():
    """After the article's last paragraph only a line between two items of a list (unclosed
    lines) is judged: a sentence of another text among them, not the footer's sentences."""
    text = _page(EN_TITLE, [*EN_BODY, *EN_DATES[:3], EN_FOREIGN, *EN_DATES[3:]], "\n\n")
    assert _flagged_lines(text) == [EN_FOREIGN]
    # After the last item it is a footer, as it is right after the last paragraph.
    assert not _flagged_lines(_page(EN_TITLE, [*EN_BODY, *EN_DATES, EN_FOREIGN], "\n\n"))
    assert not _flagged_lines(_page(EN_TITLE, [*EN_BODY, EN_FOREIGN, *EN_DATES], "\n\n"))


def test_short_pages_and_digests_are_left_alone():
    assert not _flagged_lines(_page(ZH_TITLE, [ZH_BODY[0], ZH_FOREIGN, ZH_BODY[1]]))
    digest = [
        "北方多地昨日出现大风降温天气，气象部门提醒公众注意防范道路结冰和航班延误。",
        "市地铁集团宣布，五号线南延段将于下月底开通试运营，沿线新增车站六座。",
        "第十届城市读书节开幕，主会场设在滨江图书馆，活动将持续两周。",
        "国内油价迎来年内第三次下调，九十二号汽油每升降低一毛五分钱。",
        "本市中小学寒假安排出炉，各校将于一月下旬陆续放假，春季学期二月中旬开学。",
        "城南菜市场完成改造重新开张，摊位统一配备了电子秤和扫码支付设备。",
    ]
    assert not _flagged_lines(_page("今日要闻", digest))


def test_markup_line_is_not_a_candidate_but_its_text_counts():
    # The body as one JSON-escaped HTML blob (as some scrapers deliver it): the injected line
    # before it is judged against the blob's text; the blob line itself is never flagged.
    paragraphs = "".join(f"\\u003cp\\u003e{p}\\u003c/p\\u003e" for p in ZH_BODY)
    blob = f'\\u003cdiv class=\\"content\\"\\u003e{paragraphs}\\u003c/div\\u003e'
    injected = "当地时间3月9日，邻国议会以微弱多数通过了新的预算案，投票结束后率先发言的是财政部长林。"
    text = f"{ZH_TITLE}\n发布时间：2026-03-10 08:00\n我要评论\n{injected}\n{blob}\n"
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [injected]
    assert found[0].confidence >= SAFE_THRESHOLD
    # Without the injected line, the blob's own first paragraph is no reason to flag anything.
    assert not _flagged_lines(text.replace(injected + "\n", ""))


def test_fix_drops_the_whole_line_with_its_crlf_ending():
    text = _page(ZH_TITLE, ["作者：本报记者", "当地时间3月9日，邻国议会通过预算案，随后发言的是财政部长林。", *ZH_BODY])
    crlf = text.replace("\n", "\r\n")
    fixed = fix_document(Document(crlf), [RULE]).text
    assert fixed == _page(ZH_TITLE, ["作者：本报记者", *ZH_BODY]).replace("\n", "\r\n")


def test_markdown_code_is_never_flagged():
    code = "```\nSELECT name FROM inventory WHERE quantity > 0 ORDER BY updated_at DESC LIMIT 20;\n```"
    text = _page(EN_TITLE, [*EN_BODY[:3], code, *EN_BODY[3:]], "\n\n")
    assert not _flagged_lines(text)


def test_confidence_is_a_noisy_or_of_the_evidence():
    cjk, spaced = offtopic.WEIGHTS["cjk"], offtopic.WEIGHTS["spaced"]
    assert confidence({"cohesion": 0.0, "truncated": 0.0}) == 0.0
    assert confidence({"cohesion": 1.0}) == pytest.approx(cjk["cohesion"])
    expected = 1 - (1 - cjk["cohesion"]) * (1 - cjk["header"] * 0.5)
    assert confidence({"cohesion": 1.0, "header": 0.5}) == pytest.approx(expected)
    both = confidence({"cohesion": 0.5, "truncated": 1.0})
    assert both > max(confidence({"cohesion": 0.5}), confidence({"truncated": 1.0}))
    # Cohesion alone: never a safe fix; in space-separated text, not even a finding.
    assert confidence({"cohesion": 1.0}) < SAFE_THRESHOLD
    assert confidence({"cohesion": 1.0}, cjk=False) == pytest.approx(spaced["cohesion"])
    assert confidence({"cohesion": 1.0}, cjk=False) < FLAG_THRESHOLD
    # Two pieces of strong evidence make it safe.
    assert confidence({"cohesion": 1.0, "truncated": 1.0}) >= SAFE_THRESHOLD
    # A cut alone never is; a cut with a little cohesion evidence (the line shares well under
    # half of what the page's lines share) is: two pieces that agree.
    assert confidence({"cut": 1.0}, cjk=False) < SAFE_THRESHOLD
    assert confidence({"cut": 1.0, "cohesion": 0.2}, cjk=False) < SAFE_THRESHOLD
    assert confidence({"cut": 1.0, "cohesion": 0.25}, cjk=False) >= SAFE_THRESHOLD
    assert confidence({"cohesion": 1.0, "truncated": 1.0}, cjk=False) >= SAFE_THRESHOLD


def test_confidence_and_applicability_agree():
    for text in (*RULE.flags, _page(ZH_TITLE, [*ZH_BODY[:4], ZH_FOREIGN, *ZH_BODY[4:]])):
        _, found = _findings(text)
        for f in found:
            assert 0.0 <= f.confidence <= 1.0
            safe = f.confidence >= SAFE_THRESHOLD
            assert (f.fix.applicability is Applicability.SAFE) == safe


# --- samples and seeds -----------------------------------------------------------------------


def _sample(path: Path) -> Document:
    d = decode_bytes(path.read_bytes(), str(path))
    return Document(d.text, source=str(path), encoding=d.encoding, bom=d.bom)


@pytest.mark.parametrize("path", sorted((SAMPLES / "clean").glob("*.*")), ids=lambda p: p.name)
def test_clean_samples_have_no_off_topic_line(path):
    assert not check_document(_sample(path), [RULE])


# What the rule finds in the noisy samples (checked raw, as `scrapelint check` sees them): the
# injected, truncated sentence before the JSON blob, safely; the injected sentence of the English
# CRLF page ("Police are appealing ..."), which shares almost nothing with its long page but
# carries no second piece of evidence: reported on cohesion alone, with an unsafe fix; and one
# caption of the other story's gallery in the English news page (B810 removes the gallery whole),
# on cohesion alone too.
NOISY_EXPECTED = {"tencent-json-blob.txt": [(4, "safe")], "english-news-crlf.txt": [(33, "unsafe")],
                  "english-news-gallery.txt": [(22, "unsafe")]}


@pytest.mark.parametrize("path", sorted((SAMPLES / "noisy").glob("*.*")), ids=lambda p: p.name)
def test_noisy_samples(path):
    doc = _sample(path)
    found = [(doc.line_at(f.start).number, str(f.fix.applicability)) for f in check_document(doc, [RULE])]
    assert found == NOISY_EXPECTED.get(path.name, [])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages (../shared/seeds) are not beside this checkout")
@pytest.mark.parametrize("gold", sorted(SEEDS.glob("*.clean.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.name[:3])
def test_gold_texts_have_no_off_topic_line(gold):
    assert not check_text(gold.read_text(encoding="utf-8"), select=["O001"])


def test_seed_002_injected_line_is_removed_and_gold_is_kept():
    if not SEEDS.is_dir():
        pytest.skip("the seed pages (../shared/seeds) are not beside this checkout")
    raw_path = next(SEEDS.glob("002_*[0-9a-f].txt"))
    raw = raw_path.read_text(encoding="utf-8")
    labels = json.loads(raw_path.with_suffix(".labels.json").read_text(encoding="utf-8"))
    ((a, _b, _category, _note),) = [d for d in labels["drop"] if d[2] == "off-topic"]
    injected = raw.splitlines()[a - 1].strip()

    findings = [f for f in check_text(raw) if f.code == "O001"]
    assert [raw.count("\n", 0, f.start) + 1 for f in findings] == [a]
    assert findings[0].fix.applicability is Applicability.SAFE

    fixed = fix_text(raw)
    lines = {ln.strip() for ln in fixed.splitlines() if ln.strip()}
    assert injected not in lines
    gold = raw_path.with_name(raw_path.stem + ".clean.txt").read_text(encoding="utf-8")
    missing = [ln for ln in (g.strip() for g in gold.splitlines()) if ln and ln not in lines]
    assert not missing, missing[:3]


# --- the labelled evaluation, small ----------------------------------------------------------


def _eval_module():
    path = ROOT / "bench" / "offtopic_eval.py"
    spec = importlib.util.spec_from_file_location("offtopic_eval", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("offtopic_eval", module)
    spec.loader.exec_module(module)
    return module


#: Recall measured on the default configuration of bench/offtopic_eval.py (seed 7, three injected
#: copies of every article, 78 per language): zh 0.63 reported / 0.24 safe, en 0.42 / 0.10. The
#: floors sit a little below, so that losing a few detections fails.
RECALL_FLOOR = {("zh", "flag"): 0.59, ("zh", "safe"): 0.21, ("en", "flag"): 0.38, ("en", "safe"): 0.09}


def test_evaluation_precision_and_recall():
    ev = _eval_module()
    cases = ev.build(seed=7, copies=3)
    assert sum(1 for c in cases if not c.injected) >= 40  # every article untouched once
    scores = ev.evaluate(cases)["scores"]
    for (lang, threshold), s in scores.items():
        assert s.precision >= 0.9, (lang, threshold, s.fp_lines[:3])
        assert s.recall >= RECALL_FLOOR[(lang, threshold)], (lang, threshold, s.recall)
    # Nothing at all on the untouched articles.
    untouched = {c.name for c in cases if not c.injected}
    assert not [fp for s in scores.values() for fp in s.fp_lines if fp.split(":", 1)[0] in untouched]


def test_evaluation_of_sentences_spliced_into_paragraphs():
    """The same articles with the sentence inside a paragraph: the Chinese ones are found (0.41
    reported at precision 0.97 on the default configuration; the floor sits a little below), each
    finding covers the sentence alone, and nothing is reported on the untouched articles."""
    ev = _eval_module()
    cases = ev.build(seed=7, copies=3, mode="splice")
    spliced = [c for c in cases if c.injected]
    assert len(spliced) >= 140 and all(c.text[c.span[0]:c.span[1]] == c.injected for c in spliced)
    assert all(c.injected + "\n" not in c.text for c in spliced if c.injected[-1] in "。.!?")  # never a line of its own
    scores = ev.evaluate(cases)["scores"]
    zh = scores[("zh", "flag")]
    assert zh.recall >= 0.36 and zh.precision >= 0.9, (zh.recall, zh.fp_lines[:3])
    untouched = {c.name for c in cases if not c.injected}
    assert not [fp for s in scores.values() for fp in s.fp_lines if fp.split(":", 1)[0] in untouched]


def test_evaluation_set_is_big_and_varied_enough():
    for lang in ("zh", "en"):
        articles = _eval_module().load(lang)
        assert len(articles) >= 20
        for name, lines in articles:
            assert 6 <= len(lines) - 1 <= 20, name  # paragraphs after the title


def test_examples_module_constants_are_documents():
    # The rule's own examples are whole pages (several paragraphs), as the rule needs.
    for text in (*offtopic.OffTopicSentence.flags, *offtopic.OffTopicSentence.passes):
        assert len([ln for ln in text.splitlines() if ln.strip()]) >= 6


# --- hard-wrapped text and cohesion alone --------------------------------------------------------

def test_truncation_marks_that_wrapped_text_also_shows():
    from scrapelint.rules.offtopic import _truncation

    assert _truncation("会后发表声明的是前外交部长王", True) == 1.0
    assert _truncation("他在会上介绍了今年的工作安排，", True) == 0.3  # stops at a comma: wrapped
    assert _truncation("会议开了一天。会后他介绍了今年的工作安排", True) == 0.3  # lost its last stop only


def test_a_list_of_short_items_ends_no_sentence_early():
    """A sentence that stops one or two characters after a comma may have lost its end (``…，王。``);
    one whose last item of a list is short (``扫码、打包、装车。``) has not."""
    from scrapelint.rules.offtopic import _truncation

    assert _truncation("分拣线上，一箱箱货物被扫码、打包、装车。", True) == 0.0
    assert _truncation("会后发表声明的是前外交部长，王。", True) == 0.7


def test_a_continuation_line_is_never_a_candidate():
    from scrapelint.rules.offtopic import _candidate_shape

    assert _candidate_shape("会后发表声明的是前外交部长王明，他说会议取得了成功。", True)
    assert not _candidate_shape("，会后发表声明的是前外交部长王明，他说会议取得了成功。", True)


@pytest.mark.parametrize("line, control", [
    # a reference list's entry, and a sentence of the same words
    ("湖畔小镇老粮仓变身咖啡馆︱周末客流翻了一番. 本地新闻网. 2026-05-08.",
     "湖畔小镇老粮仓变身咖啡馆，周末客流翻了一番，本地新闻网五月八日报道。"),
    ("湖畔小镇老粮仓变身咖啡馆｜周末客流翻了一番，店主说还要再开两家分店。",  # a title and its site
     "湖畔小镇老粮仓变身咖啡馆，周末客流翻了一番，店主说还要再开两家分店。"),
    ("The library opened in the old fire station, the town said in a notice dated 2026-03-02.",
     "The library opened in the old fire station, the town said in a notice dated March 2."),
])
def test_a_citation_or_a_dated_notice_is_never_a_candidate(line, control):
    from scrapelint.rules.offtopic import _candidate_shape

    cjk = not line.isascii()
    assert _candidate_shape(control, cjk) and not _candidate_shape(line, cjk)


def test_unclosed_lines_of_a_hard_wrapped_page_are_not_marked_truncated():
    from scrapelint.model import Document
    from scrapelint.rules.offtopic import hard_wrapped, suspects

    wrapped = [
        "今年秋粮收购工作启动以来，各地累计收购秋粮超过一亿吨，收购进度明显快于",
        "去年同期水平。粮食部门表示，将继续做好收购资金的保障工作，确保农民",
        "卖粮不难。各地粮库还加强了仓储设施的检修，为后续入库做好准备，同时",
        "提醒农民注意天气变化，及时晾晒和出售新粮，避免粮食受潮霉变造成损失。",
    ]
    assert hard_wrapped(wrapped)
    assert not hard_wrapped(ZH_BODY)
    assert not hard_wrapped(ZH_BODY + [ZH_FOREIGN.rstrip("。")])  # one unclosed line is not a style
    # Headings, list items and captions end unclosed on pages of closed paragraphs too: only
    # lines as long as the page's long lines are wrapped.
    dates = ["Tour dates", "June 3 – Riverside Amphitheatre, Tampa, FL", "June 5 – Lakeview Pavilion, Austin, TX",
             "June 8 – Harbor Arena, Portland, OR", "June 9 – Civic Center, Boise, ID"]
    assert not hard_wrapped(ZH_BODY + dates)
    assert hard_wrapped(ZH_BODY[:1] + wrapped)
    # An unclosed line among closed paragraphs is a sentence cut short.
    stray = ZH_FOREIGN.rstrip("。")
    text = ZH_TITLE + "\n" + "\n".join(ZH_BODY[:1] + [stray] + ZH_BODY[1:]) + "\n"
    found = {b.text: ev["truncated"] for b, ev, _, _ in suspects(Document(text))}
    assert found.get(stray) == 1.0


def test_cohesion_alone_is_judged_only_in_english_among_spaced_languages(monkeypatch):
    import scrapelint.rules.offtopic as offtopic

    assert offtopic._is_english(_EN_PAGE_TEXT)
    for other in ("Der Gemeinderat hat am Dienstag beschlossen, die Buslinie in die nördlichen Ortsteile "
                  "zu verlängern. Die ersten neuen Haltestellen sollen im Frühjahr eröffnet werden.",
                  "A câmara municipal aprovou na terça-feira o prolongamento da rede de autocarros para "
                  "os bairros do norte da cidade, e as primeiras paragens abrem na primavera."):
        assert not offtopic._is_english(other)
    doc = _sample(SAMPLES / "noisy" / "english-news-crlf.txt")
    assert [f for f in check_document(doc, [RULE]) if f.confidence < offtopic.FLAG_THRESHOLD]
    monkeypatch.setattr(offtopic, "_is_english", lambda text: False)
    doc = _sample(SAMPLES / "noisy" / "english-news-crlf.txt")
    assert not [f for f in check_document(doc, [RULE]) if f.confidence < offtopic.FLAG_THRESHOLD]


_EN_PAGE_TEXT = ("The city council voted on Tuesday to extend the bus network to the northern districts of the "
                 "town, and officials said that the first new lanes would open in the spring.")


@pytest.mark.parametrize("line", [
    "lled for a recount of the votes.", "élan of the team was gone by the end of the season.",
    "ñandú populations have fallen in the north of the country.", "и вот тогда всё изменилось на заводе.",
    "ότι η απόφαση θα ανακοινωθεί αύριο.", "ąsome fragment ends here.",
])
@pytest.mark.parametrize("before", ["The council met on Tuesday.", "He left.”", "Done;", "会议结束。"])
def test_the_fast_look_for_cut_lines_misses_none(before, line):
    from scrapelint.rules.offtopic import _LINE_CUT_HINT, _cut_start
    for sep in ("\n", "\r\n", " \n\n  "):
        if _cut_start(line, before):
            assert _LINE_CUT_HINT.search(before + sep + line), (before, sep, line)


# A piece of another story's sentence that opens after the words cut away: with the closing quote
# or the comma that followed them.
ZH_FRAGMENTS = ("”气象部门提醒公众注意防范道路结冰和航班延误，北方多地昨日出现大风降温天气。",
                "，气象部门提醒公众注意防范道路结冰和航班延误，北方多地昨日出现大风降温天气。")


@pytest.mark.parametrize("fragment", ZH_FRAGMENTS)
def test_a_chinese_line_that_opens_with_the_end_of_a_cut_sentence_is_flagged_with_its_cut(fragment):
    text = _page(ZH_TITLE, [*ZH_BODY[:3], fragment, *ZH_BODY[3:]])
    doc, found = _findings(text)
    assert [doc.line_at(f.start).text for f in found] == [fragment]
    assert "cut 1.00" in found[0].message


@pytest.mark.parametrize("fragment", ZH_FRAGMENTS)
def test_a_line_that_goes_on_from_an_unclosed_one_is_not_a_cut(fragment):
    # After an unclosed line it is the rest of that line's sentence (a wrapped paragraph).
    opened = ZH_BODY[2].rstrip("。")
    text = _page(ZH_TITLE, [*ZH_BODY[:2], opened, fragment, *ZH_BODY[3:]])
    assert not any("cut" in f.message for f in _findings(text)[1])



# --- isolation ---------------------------------------------------------------------------------


def test_isolation_counts_only_for_the_least_cohesive_line_far_below_the_next():
    prose = [offtopic._Block.__new__(offtopic._Block) for _ in range(10)]
    for b, c in zip(prose, (0.1, 0.8, 0.9, 1.0, 1.1, 1.2, 1.0, 0.9, 1.3, 1.0)):
        b.cohesion = c
    assert offtopic._isolation(prose[0], prose) == pytest.approx(1 - 0.1 / (offtopic.ISOLATION_GAP * 0.8))
    assert offtopic._isolation(prose[1], prose) == 0.0  # not the least cohesive line
    prose[1].cohesion = 0.15  # a second line almost as foreign: neither stands out
    assert offtopic._isolation(prose[0], prose) == 0.0
    assert offtopic._isolation(prose[0], prose[:5]) == 0.0  # too few lines to compare


def test_cohesion_and_isolation_together_never_make_a_fix_safe():
    assert confidence({"cohesion": 1.0, "isolated": 1.0}) < SAFE_THRESHOLD
    assert confidence({"cohesion": 1.0, "isolated": 1.0}, cjk=False) < SAFE_THRESHOLD
    assert confidence({"cohesion": 1.0, "isolated": 1.0, "truncated": 1.0}) >= SAFE_THRESHOLD


def test_isolation_is_not_evidence_in_a_language_whose_stop_words_are_unknown(monkeypatch):
    """The same page, read as English and as a language whose stop words the rule does not know:
    only in the first does the isolated line count as evidence."""
    body = [*EN_BODY,
            "The brothers also sell second-hand watches, each one serviced in the shop and sold with a year's guarantee.",
            "A watch that comes back within the year is repaired free of charge, the older brother says, and few ever do.",
            "Their father, who opened the shop, still comes in on Saturdays to sit at the bench by the window.",
            ]
    foreign = "Rainfall totals across the northern plains were well below the seasonal average again, forecasters said."
    text = _page(EN_TITLE, [*body[:5], foreign, *body[5:]])
    found = [e for b, e, _, _ in offtopic.suspects(Document(text)) if b.text == foreign]
    assert found and found[0]["isolated"] > 0
    assert any("isolated" in f.message for f in _findings(text)[1])
    monkeypatch.setattr(offtopic, "_is_english", lambda text: False)
    assert all("isolated" not in f.message for f in _findings(text)[1])


# --- rare words ----------------------------------------------------------------------------------


def _unshared(text: str):
    doc = Document(text)
    blocks, _ = offtopic._blocks(doc)
    prose = [b for b in blocks[1:] if not b.markup and b.tokens >= offtopic.MIN_TOKENS]
    found = offtopic._unshared_line(doc, prose)
    return None if found is None else found.text


# Three more lines of each story, so that its lines share its names and terms as an article's do.
ZH_MORE = [
    "兄弟俩的父亲当年在巷子口摆摊修表，后来才租下现在的铺面，修表铺的招牌也是他亲手写的。",
    "如今哥哥负责修理机械表和座钟，清洗齿轮、更换发条、上油校准都由他来做，弟弟专门修理石英表。",
    "不少老顾客说，看着兄弟俩在柜台后面拆洗零件、用小车床车削表轴，就像又见到了当年的老师傅。",
]
EN_MORE = [
    "The brothers also sell old watches and clocks, each one serviced in the shop, with new springs and gears where worn parts had to go.",
    "A watch that comes back within the year is repaired free of charge, and the council has listed the shop among the lane's old workshops.",
    "Their father, who opened the shop on Mill Lane, still comes in on Saturdays to sit at the lathe and talk with customers, many of them young.",
]
EN_WEATHER = "Rainfall totals across the northern plains were well below the seasonal average again, forecasters said."


@pytest.mark.parametrize("title, body, foreign", [
    (ZH_TITLE, ZH_BODY + ZH_MORE, ZH_FOREIGN),
    (EN_TITLE, EN_BODY + EN_MORE, EN_WEATHER),
])
def test_the_line_that_shares_none_of_the_pages_rarer_words_is_unshared(title, body, foreign):
    assert _unshared(_page(title, body)) is None
    assert _unshared(_page(title, [*body[:4], foreign, *body[4:]])) == foreign
    # In traditional characters, read through the same table of simplified words.
    if title == ZH_TITLE:
        import opencc

        s2t = opencc.OpenCC("s2t").convert
        assert _unshared(s2t(_page(title, [*body[:4], foreign, *body[4:]]))) == s2t(foreign)


def test_a_line_that_shares_a_name_of_the_page_is_not_unshared():
    # The same weather news, but about the lane of the page's story: it shares a rare word.
    related = "北方多地昨日出现大风降温天气，老巷子里的修表铺也提醒街坊注意防范道路结冰。"
    body = ZH_BODY + ZH_MORE
    assert _unshared(_page(ZH_TITLE, [*body[:4], ZH_FOREIGN, *body[4:]])) == ZH_FOREIGN
    assert _unshared(_page(ZH_TITLE, [*body[:4], related, *body[4:]])) is None


def test_two_lines_that_share_nothing_leave_the_page_undecided():
    second = "今年夏天南方多个城市遭遇持续高温，用电负荷连续刷新历史纪录，电网调度压力明显加大。"
    body = ZH_BODY + ZH_MORE
    assert _unshared(_page(ZH_TITLE, [*body[:2], ZH_FOREIGN, *body[2:5], second, *body[5:]])) is None


def test_rare_words_are_weighed_only_in_chinese_and_english():
    body = ZH_BODY + ZH_MORE
    japanese = _page("町の時計店", [*body[:4], ZH_FOREIGN + "ですね。", *body[4:]])
    assert _unshared(japanese) is None  # kana on the page: not read with a Chinese table
    german = [
        "Die Uhrmacherwerkstatt in der Mühlengasse hat nach einem Umbau wieder geöffnet, geführt von zwei Brüdern.",
        "Hinter dem Ladentisch hängen alte Uhren an der Wand, die älteste ist mehr als hundert Jahre alt.",
        "Die Brüder sagen, dass heute mehr junge Leute mit geerbten Uhren in die Werkstatt kommen als früher.",
        "Im Norden des Landes lagen die Niederschläge erneut deutlich unter dem Durchschnitt der Jahreszeit.",
        "Fehlende Teile drehen die Brüder selbst auf einer kleinen Drehbank im Hinterzimmer der Werkstatt.",
        "Einmal im Monat dürfen Kinder aus der Nachbarschaft zusehen, wie ein Uhrwerk zerlegt wird.",
    ]
    assert _unshared(_page("Uhrmacher in der Mühlengasse", german)) is None


def test_an_unshared_line_is_flagged_but_never_removed_on_that_evidence_alone():
    body = ZH_BODY + ZH_MORE
    text = _page(ZH_TITLE, [*body[:4], ZH_FOREIGN, *body[4:]])
    found = [e for b, e, _, _ in offtopic.suspects(Document(text)) if b.text == ZH_FOREIGN]
    assert found and found[0]["unshared"] == 1.0
    for cjk in (True, False):
        shared_only = confidence({"cohesion": 1.0, "isolated": 1.0, "unshared": 1.0}, cjk=cjk)
        assert FLAG_THRESHOLD <= shared_only < SAFE_THRESHOLD
    # In English, a novel name besides is not enough either (a genuine sentence of a new turn
    # in the story shares no word and names someone new): a third piece must agree.
    assert confidence({"cohesion": 1.0, "unshared": 1.0, "novel": 1.0}, cjk=False) < SAFE_THRESHOLD
    assert confidence({"cohesion": 1.0, "unshared": 1.0, "truncated": 1.0}) >= SAFE_THRESHOLD


def test_the_rarity_table_is_built_once_and_then_loaded_from_the_cache(tmp_path, monkeypatch):
    from scrapelint.rules.packs import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    built = offtopic._read_rare_weights()
    offtopic.rare_weights.cache_clear()
    try:
        first = offtopic.rare_weights()
        assert first == built and first["经济"] < first["播客"]  # a common word is less rare
        assert len(list((tmp_path / "rarity").glob("rarity-*.pickle"))) == 1

        def no_reading():
            raise AssertionError("the table was built again")

        monkeypatch.setattr(offtopic, "_read_rare_weights", no_reading)
        offtopic.rare_weights.cache_clear()
        assert offtopic.rare_weights() == built
        # A damaged entry is read past: the table is built again.
        next((tmp_path / "rarity").glob("*.pickle")).write_bytes(b"not a pickle")
        monkeypatch.setattr(offtopic, "_read_rare_weights", lambda: built)
        offtopic.rare_weights.cache_clear()
        assert offtopic.rare_weights() == built
    finally:
        offtopic.rare_weights.cache_clear()


def test_the_message_names_what_the_sentence_shares_and_where_it_stands():
    body = ZH_BODY + ZH_MORE
    text = _page(ZH_TITLE, [*body[:4], ZH_FOREIGN, *body[4:]])
    (finding,) = _findings(text)[1]
    assert "it shares no word with the rest of the page" in finding.message
    assert f"line 6 of {len(body) + 2}" in finding.message
    # What a line shares is named as the line writes it ("Clocks", counted as "clock").
    doc = Document(_page(EN_TITLE, [*EN_BODY[:3], "Clocks crowded the shelves of the flooded shop on Mill Lane.", *EN_BODY[3:]]))
    blocks, _ = offtopic._blocks(doc)
    line = next(b for b in blocks if b.text.startswith("Clocks"))
    said = offtopic._what_it_shares(doc, line, None)
    assert said.startswith("it shares ") and all(f"'{w}'" in said for w in ("Clocks", "shop", "Mill", "Lane")), said
    assert offtopic._what_it_shares(doc, line, (0, 6)) == "it shares 'Clocks' with the rest of the page"


# --- a sentence inside a Chinese paragraph ----------------------------------------------------------

ZH_SPLICE = offtopic._EX_ZH_SPLICE
ZH_SPLICED = offtopic._EX_ZH_SPLICED_SENTENCE


def _zh_spliced(text: str):
    found = offtopic._unshared_sentence(offtopic._blocks(Document(text))[0])
    return None if found is None else found[0].text[found[1][0]:found[1][1]]


def test_a_sentence_spliced_into_a_chinese_paragraph_is_found_and_only_it_is_removed():
    assert _zh_spliced(ZH_SPLICE) == ZH_SPLICED
    found = [f for f in check_text(ZH_SPLICE) if f.code == "O001"]
    assert len(found) == 1
    f = found[0]
    assert ZH_SPLICE[f.start:f.end] == ZH_SPLICED
    assert "inside a paragraph" in f.message and "bridged" in f.message
    assert f.fix.applicability is Applicability.UNSAFE  # the page's vocabulary alone: never safe
    assert fix_text(ZH_SPLICE, select=["O001"]) == ZH_SPLICE
    # Only the sentence goes: the paragraph around it is whole.
    assert fix_text(ZH_SPLICE, select=["O001"], unsafe_fixes=True) == ZH_SPLICE.replace(ZH_SPLICED, "")


def test_the_article_without_the_spliced_sentence_has_none():
    assert _zh_spliced(ZH_SPLICE.replace(ZH_SPLICED, "")) is None


def test_a_sentence_that_shares_a_word_with_the_one_before_is_not_taken():
    # The same news, told as what the volunteers heard on the radio while they set up the telescope.
    linked = "志愿者们在调试时听到广播说，石油输出国组织宣布减产，国际油价随即大涨。"
    assert _zh_spliced(ZH_SPLICE.replace(ZH_SPLICED, linked)) is None


def test_a_sentence_that_opens_with_a_pronoun_goes_on_from_the_one_before():
    # The volunteer goes on speaking, on another subject: the pronoun ties it to the paragraph.
    assert _zh_spliced(ZH_SPLICE.replace(ZH_SPLICED, "他还说，" + ZH_SPLICED)) is None


def test_two_sentences_that_share_nothing_leave_the_page_undecided():
    second = "今年夏天南方多个城市遭遇持续高温，用电负荷连续刷新历史纪录，电网调度压力明显加大。"
    text = ZH_SPLICE.replace("叫出了声。", "叫出了声。" + second + "老师们也兴奋地拍下了照片。")
    assert text != ZH_SPLICE
    assert _zh_spliced(text) is None
    assert _zh_spliced(text.replace(ZH_SPLICED, "")) == second  # alone, either would be taken


def test_a_light_sentence_is_not_judged_and_first_or_last_sentences_never_are():
    light = "这件事大家都知道了。"  # common words only: it weighs next to nothing
    assert _zh_spliced(ZH_SPLICE.replace(ZH_SPLICED, light)) is None
    # The foreign sentence as the paragraph's first: nothing on one side to compare it with.
    text = ZH_SPLICE.replace(ZH_SPLICED, "").replace("望远镜是", ZH_SPLICED + "望远镜是")
    assert text.count(ZH_SPLICED) == 1
    assert _zh_spliced(text) is None


def test_sentences_are_read_only_on_chinese_pages():
    japanese = ZH_SPLICE.replace("叫出了声。", "叫出了声ですね。")
    assert japanese != ZH_SPLICE
    assert not [f for f in check_text(japanese) if f.code == "O001" and "inside a paragraph" in f.message]
