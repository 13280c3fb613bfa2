"""The encoding family: bytes → text (``scrapelint.decoding``) and the E rules.

All sample sentences here are written for these tests. Mojibake is generated from them with the
codecs themselves, so every "damaged" text has a known original.
"""
from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapelint.api import default_registry
from scrapelint.decoding import (
    BinaryFileError,
    Decoded,
    DecodeError,
    decode_bytes,
    encode_text,
    normalize_encoding,
)
from scrapelint.engine import check_document, fix_document
from scrapelint.model import Applicability, Document, Severity

REGISTRY = default_registry()
ENCODING_RULES = REGISTRY.select(["encoding"])


def rule(code):
    return REGISTRY.get(code)


def codes(text_or_doc, *selected):
    doc = text_or_doc if isinstance(text_or_doc, Document) else Document(text_or_doc)
    rules = [rule(c) for c in selected] if selected else ENCODING_RULES
    return [f.code for f in check_document(doc, rules)]


def fixed(text, *selected, unsafe=False):
    rules = [rule(c) for c in selected] if selected else ENCODING_RULES
    return fix_document(Document(text), rules, unsafe=unsafe).text


# --- clean text in four languages: nothing here may ever be flagged ----------------------------
SIMPLIFIED = [
    "国家统计局今天发布数据，上个月全国居民消费价格同比上涨百分之零点八。",
    "受冷空气影响，北方大部分地区未来三天将出现明显降温，局地降幅超过十度。",
    "这家新能源汽车企业宣布，将在明年上半年投产一座年产二十万辆的新工厂。",
    "专家提醒，春季是流感高发期，老人和儿童应尽量避免前往人群密集的场所。",
    "市交通运输局表示，地铁五号线延伸段预计于今年年底前开通试运营。",
    "据了解，今年高校毕业生规模预计达到一千一百多万人，再创历史新高。",
    "图书馆新馆共有六层，设有少儿阅览区、数字资源区和自习室，每天开放十二小时。",
    "记者从省农业农村厅获悉，全省夏粮收购工作已全面展开，收购价格保持稳定。",
    "她笑着说：“只要肯下功夫，没有学不会的东西。”",
    "《关于进一步优化营商环境的若干措施》自下月一日起施行。",
    "比赛进入最后五分钟，主队连续投中两记三分球，将比分反超。",
    "这座始建于明代的古桥，经过两年修缮后重新向游客开放。",
    "涓涓细流汇成江河，浣溪沙是常见的词牌名，锟铻是传说中的宝剑。",
    "2024年3月，该市空气质量优良天数比例为87.5%，同比提高4.2个百分点。",
]
TRADITIONAL = [
    "中央氣象局預報，明天起東北季風增強，北部及東北部地區將有短暫陣雨。",
    "這間開業超過四十年的老書店，因租約到期將於月底熄燈，許多讀者前來道別。",
    "政府宣布擴大育兒津貼發放範圍，預計將有更多家庭受惠。",
    "颱風外圍環流影響，南部山區累積雨量可能超過五百毫米，請民眾提高警覺。",
    "「我們希望讓更多年輕人認識傳統工藝，」工坊負責人表示。",
    "捷運新路線通車首日，搭乘人次突破十萬，各站秩序大致良好。",
    "研究團隊發現，每天步行三十分鐘有助於降低罹患心血管疾病的風險。",
    "香港藝術節今年共有超過一百場演出，門票已於網上公開發售。",
    "電視臺記者在現場報導，隊伍順著陸橋前進，類似的活動每年舉辦一次。",
]
JAPANESE = [
    "気象庁によると、週末は全国的に晴れる見込みですが、朝晩は冷え込むでしょう。",
    "新しい図書館は駅から徒歩五分の場所にあり、来月から利用できるようになります。",
    "政府は来年度の予算案をまとめ、子育て支援に重点を置く方針を示した。",
    "この店のラーメンは、あっさりとしたスープが特徴で、昼時には行列ができる。",
    "大会は三日間にわたって開かれ、国内外から約二千人の選手が参加した。",
    "「もう少し早く知っていれば」と、彼女は残念そうに話した。",
]
KOREAN = [
    "기상청은 내일 전국이 대체로 맑겠지만 아침 기온이 크게 떨어질 것이라고 밝혔다.",
    "새로 문을 연 도서관에는 어린이 열람실과 디지털 자료실이 마련되어 있다.",
    "정부는 청년 주거 지원을 확대하기 위해 관련 예산을 늘리기로 했다.",
    "이번 축제에는 지역 농산물을 판매하는 장터와 다양한 공연이 준비되어 있다.",
    "경기 종료 직전 터진 결승골로 홈팀이 두 시즌 만에 우승을 차지했다.",
    '그는 "처음에는 어려웠지만 지금은 일이 즐겁다"고 말했다.',
]
CLEAN_CJK = SIMPLIFIED + TRADITIONAL + JAPANESE + KOREAN


def test_the_clean_corpus_is_big_enough():
    assert len(CLEAN_CJK) >= 30


@pytest.mark.parametrize("sentence", CLEAN_CJK)
def test_clean_cjk_is_never_flagged(sentence):
    assert codes(sentence + "\n") == []
    # The same text with half-width punctuation: many short runs between ASCII characters.
    half = sentence.translate(str.maketrans("，。、：；！？", ",.,:;!?"))
    assert codes(half + "\n") == []


def test_clean_cjk_document_is_left_byte_identical():
    text = "\n\n".join(CLEAN_CJK) + "\n"
    assert check_document(Document(text), ENCODING_RULES) == []
    assert fixed(text, unsafe=True) == text


def test_every_short_slice_of_the_clean_corpus_is_left_alone():
    # Runs of 2..8 characters are where a chance round-trip would be likeliest.
    e002 = rule("E002")
    for sentence in CLEAN_CJK:
        for size in range(2, 9):
            for i in range(0, len(sentence) - size + 1):
                piece = sentence[i:i + size]
                assert not check_document(Document(piece), [e002]), piece


# --- decoding ------------------------------------------------------------------------------
GB_NEWS = (
    "本报讯 记者从市气象台获悉，受强冷空气影响，本周后期全市将迎来大风降温天气，最低气温将降至零下五度左右。\n"
    "气象专家提醒，市民应及时添衣保暖，驾车出行注意路面结冰，农户要做好大棚蔬菜的防寒措施。\n"
    "另据市应急管理局介绍，全市已启动低温雨雪冰冻灾害防御应急响应，各部门已做好物资储备。\n"
)
# GB18030-only characters (not in GBK): the euro sign and a CJK Extension A character.
GB18030_NEWS = GB_NEWS + (
    "欧洲央行宣布维持利率不变，一欧元约合七点八元人民币（€1≈¥7.8），古籍中的“㐀”字需要四字节编码。\n"
)
BIG5_NEWS = (
    "本報訊 交通部今天公布連續假期疏運計畫，高速公路將實施高乘載管制，並開放路肩供車輛行駛。\n"
    "臺鐵與高鐵也將加開班次，預計可增加約二十萬個座位，民眾可透過網路或超商購票。\n"
    "交通部提醒，出發前請先查詢即時路況，避開尖峰時段，以免塞車影響行程。\n"
)
SJIS_NEWS = (
    "東京都は今日、新型の省エネ住宅に対する補助金制度を来年度から拡充すると発表しました。\n"
    "対象となるのは、太陽光発電や高断熱の窓を備えた新築住宅で、最大で百万円が支給されます。\n"
    "都の担当者は「家庭からの二酸化炭素の排出を減らすため、多くの方に利用してほしい」と話しています。\n"
)
EUCKR_NEWS = (
    "서울시는 오늘 시내버스 노선을 일부 개편한다고 발표했다. 새 노선은 다음 달부터 운행된다.\n"
    "시 관계자는 출퇴근 시간대의 혼잡을 줄이기 위해 배차 간격도 함께 조정할 계획이라고 밝혔다.\n"
)
CP1252_NEWS = (
    "Die Stadtverwaltung hat am Mittwoch die Pläne für den Umbau des Bahnhofsvorplatzes vorgestellt. "
    "Künftig sollen dort mehr Bäume stehen, und der Busbahnhof wird überdacht.\n"
    "„Wir wollen einen Platz, an dem man sich gern aufhält“, sagte die Baudezernentin. "
    "Die Kosten liegen bei rund 4,5 Millionen Euro – mehr als ursprünglich geplant.\n"
    "Le conseil municipal a également approuvé la rénovation de l’école primaire, fermée depuis l’été dernier. "
    "Les travaux commenceront à la rentrée et dureront près de deux ans, a précisé le maire.\n"
)


@pytest.mark.parametrize(
    "text,codec,expected",
    [
        (GB_NEWS, "gbk", "gb18030"),
        (GB_NEWS, "gb2312", "gb18030"),
        (GB18030_NEWS, "gb18030", "gb18030"),
        (BIG5_NEWS, "big5", "big5"),
        (SJIS_NEWS, "shift_jis", "shift_jis"),
        (EUCKR_NEWS, "euc_kr", "euc_kr"),
        (CP1252_NEWS, "cp1252", "cp1252"),
    ],
    ids=["gbk", "gb2312", "gb18030", "big5", "shift_jis", "euc_kr", "cp1252"],
)
def test_legacy_encodings_decode_correctly(text, codec, expected):
    data = text.encode(codec)
    d = decode_bytes(data, "news.txt")
    assert isinstance(d, Decoded)
    assert d.text == text
    assert d.encoding == expected
    assert d.bom is False
    assert encode_text(d.text, d.encoding, d.bom) == data


@pytest.mark.parametrize("size", [1, 2, 3])
def test_short_legacy_cjk_snippets(size):
    # Even a line or two is read with the right codec.
    for text, codec in ((GB_NEWS, "gb18030"), (BIG5_NEWS, "big5"), (SJIS_NEWS, "shift_jis")):
        snippet = "".join(text.splitlines(True)[:size])
        assert decode_bytes(snippet.encode(codec), "x").encoding == codec


class _Match:
    def __init__(self, encoding):
        self.encoding, self.chaos, self.coherence = encoding, 0.0, 0.0


class _Matches(list):
    def best(self):
        return self[0] if self else None


@pytest.mark.parametrize("said", ["cp1252", None, "big5"])
def test_a_wrong_detector_answer_is_overruled_for_cjk(monkeypatch, said):
    # PERF-NOTES: charset-normalizer misread GB18030/Big5 files as cp1252, None, or big5 for GB18030.
    import charset_normalizer

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: _Matches([_Match(said)] if said else []))
    d = decode_bytes(GB_NEWS.encode("gb18030"), "x")
    assert (d.encoding, d.text) == ("gb18030", GB_NEWS)
    assert "charset-normalizer" in d.note and "gb18030" in d.note
    d = decode_bytes(BIG5_NEWS.encode("big5"), "x")
    assert (d.encoding, d.text) == ("big5", BIG5_NEWS)


def test_gb18030_and_big5_are_told_apart_by_commonness():
    # Both codecs decode some texts of the other without error: commonness decides.
    for text, codec in ((GB_NEWS, "gb18030"), (BIG5_NEWS, "big5")):
        for line in text.splitlines(True):
            assert decode_bytes(line.encode(codec), "x").encoding == codec


@pytest.fixture
def small_head(monkeypatch):
    """Makes every file of more than 600 bytes a "large" one, decided on its head."""
    import charset_normalizer
    import scrapelint.decoding as decoding

    monkeypatch.setattr(decoding, "DECIDE_BYTES", 600)
    seen = []
    real = charset_normalizer.from_bytes

    def detector(data):
        seen.append(len(data))
        return real(data)

    monkeypatch.setattr(charset_normalizer, "from_bytes", detector)
    return seen


@pytest.mark.parametrize(
    "text, codec, expected",
    [(GB_NEWS, "gbk", "gb18030"), (BIG5_NEWS, "big5", "big5"), (SJIS_NEWS, "shift_jis", "shift_jis"),
     (CP1252_NEWS, "cp1252", "cp1252")],
    ids=["gbk", "big5", "shift_jis", "cp1252"],
)
def test_a_large_legacy_file_is_judged_on_its_head_and_read_whole(small_head, text, codec, expected):
    # A large file's codec is chosen on about DECIDE_BYTES of it (the detector sees no more);
    # the codec chosen then decodes all of it.
    whole = "".join(f"{i}. {line}" for i in range(40) for line in text.splitlines(True))
    d = decode_bytes(whole.encode(codec), "big.txt")
    assert (d.encoding, d.text) == (expected, whole)
    assert small_head and max(small_head) <= 600


def test_a_large_file_that_opens_with_ascii_is_judged_where_its_text_starts(small_head):
    whole = "".join(f"log line {i}: ok\n" for i in range(200)) + BIG5_NEWS * 5
    d = decode_bytes(whole.encode("big5"), "big.txt")
    assert (d.encoding, d.text) == ("big5", whole)


def test_a_large_file_whose_tail_needs_a_superset_codec_is_read_with_it(small_head):
    # The head reads as Big5; the euro sign at the end exists only in cp950, Microsoft's Big5.
    whole = BIG5_NEWS * 10 + "票價：每張 20€。\n"
    d = decode_bytes(whole.encode("cp950"), "big.txt")
    assert (d.encoding, d.text) == ("cp950", whole)


@given(st.lists(st.sampled_from([b"a", b"\n", "é".encode(), "中".encode(), "😀".encode(),
                                 b"\xff", b"\xe4\xb8", b"\x80", b"\xc3"]), max_size=60),
       st.integers(1, 9))
def test_invalid_utf8_is_counted_piece_by_piece_as_on_the_whole(parts, chunk):
    from scrapelint.decoding import _utf8_damage

    data = b"".join(parts)
    damaged, kept = data.decode("utf-8", "surrogateescape"), data.decode("utf-8", "ignore")
    expected = (len(damaged) - len(kept), len(kept) - len(kept.encode("ascii", "ignore")))
    assert _utf8_damage(data, chunk) == expected


def test_valid_utf8_costs_one_strict_decode(monkeypatch):
    import charset_normalizer

    def boom(data):
        raise AssertionError("the detector must not run on valid UTF-8")

    monkeypatch.setattr(charset_normalizer, "from_bytes", boom)
    text = "\n".join(CLEAN_CJK) + "\nplain ASCII too\n"
    d = decode_bytes(text.encode("utf-8"), "x")
    assert d == Decoded(text, "utf-8", False, "")
    assert decode_bytes(b"", "empty") == Decoded("", "utf-8", False, "")


def test_binary_png_header_is_rejected():
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + bytes(200)
    with pytest.raises(BinaryFileError) as info:
        decode_bytes(data, "image.txt")
    assert isinstance(info.value, DecodeError) and isinstance(info.value, ValueError)
    assert info.value.name == "image.txt" and "NUL" in info.value.reason
    assert "image.txt" in str(info.value)


def test_random_bytes_are_rejected():
    rng = random.Random(1234)
    with_nuls = bytes(rng.randrange(256) for _ in range(4000))
    assert b"\x00" in with_nuls
    with pytest.raises(BinaryFileError):
        decode_bytes(with_nuls, "blob")
    without_nuls = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(BinaryFileError):
        decode_bytes(without_nuls, "blob")


def test_valid_utf8_with_many_nuls_is_binary_but_a_stray_nul_is_text():
    with pytest.raises(BinaryFileError):
        decode_bytes(b"\x00\x01\x02\x03" * 100, "zeros")
    text = "正文内容。" * 200 + "\x00" + "结尾。\n"
    assert decode_bytes(text.encode(), "x").text == text


@pytest.mark.parametrize(
    "data",
    [
        "第一段文字，内容完整。\n第二段".encode() + b"\xff\xfe" + "文字。\n".encode(),
        "价格上涨了百分之五。".encode() + "中".encode()[:2] + "\n下一行。\n".encode(),  # a cut character
        ("Résumé of the meeting – all good.\n" * 20).encode() + b"caf\xe9\n",  # one stray cp1252 byte
        "Ende des Artikels – danke fürs Lesen".encode() + "。".encode()[:2],  # cut at the end of the file
    ],
    ids=["ff-fe", "cut-in-middle", "stray-cp1252", "cut-at-end"],
)
def test_invalid_utf8_bytes_round_trip_byte_identically(data):
    d = decode_bytes(data, "damaged.txt")
    assert d.encoding == "utf-8"
    assert "invalid UTF-8" in d.note
    assert re.search("[\udc80-\udcff]", d.text)
    assert encode_text(d.text, d.encoding, d.bom) == data
    # ... and E008 reports every such byte.
    findings = check_document(Document(d.text, encoding=d.encoding), [rule("E008")])
    assert sum(f.end - f.start for f in findings) == len(re.findall("[\udc80-\udcff]", d.text))
    assert all(f.severity is Severity.ERROR and f.fix is None for f in findings)


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_boms_are_removed_remembered_and_written_back(bom, codec):
    text = SIMPLIFIED[0] + "\nSecond line.\n"
    data = bom + text.encode(codec)
    d = decode_bytes(data, "bom.txt")
    assert (d.text, d.encoding, d.bom) == (text, codec, True)
    assert encode_text(d.text, d.encoding, d.bom) == data
    assert encode_text(d.text, "utf-8", d.bom) == codecs.BOM_UTF8 + text.encode()


def test_utf8_bom_with_damaged_bytes_keeps_both():
    data = codecs.BOM_UTF8 + "文字".encode() + b"\xfe" + b"\n"
    d = decode_bytes(data, "x")
    assert d.bom and d.encoding == "utf-8" and "\udcfe" in d.text
    assert encode_text(d.text, d.encoding, d.bom) == data


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    text = "A plain English line.\nAnother line, with a number: 42.\n"
    d = decode_bytes(text.encode(codec), "x")
    assert (d.text, d.encoding) == (text, codec)
    assert "BOM" in d.note


@pytest.mark.parametrize("text,codec", [(GB_NEWS, "gb18030"), (BIG5_NEWS, "big5")])
def test_legacy_file_with_damaged_bytes_keeps_them(text, codec):
    data = text.encode(codec)
    stop = data.index("。".encode(codec))
    damaged = data[: stop + 1] + b"\xff" + data[stop + 2:]  # the second byte of a "。" overwritten
    truncated = text.rstrip("\n").encode(codec)[:-1]  # the file cut in the middle of a character
    for broken in (damaged, truncated):
        d = decode_bytes(broken, "x")
        assert d.encoding == codec and "invalid" in d.note
        assert d.text[:20] == text[:20]
        assert encode_text(d.text, d.encoding, d.bom) == broken


def test_short_latin_text_is_not_read_as_cjk():
    d = decode_bytes("Ça va? Très bien, merci. À demain!".encode("cp1252"), "x")
    assert d.encoding in ("cp1252", "utf-8")  # never a CJK codec
    d = decode_bytes("Hello caf\xe9, na\xefve".encode("latin-1"), "x")
    assert (d.encoding, d.text) == ("cp1252", "Hello caf\xe9, na\xefve")


@pytest.mark.parametrize(
    "name,expected",
    [("GBK", "gb18030"), ("gb2312", "gb18030"), ("GB18030", "gb18030"), ("windows-1252", "cp1252"),
     ("UTF_8", "utf-8"), ("utf8", "utf-8"), ("Big5", "big5"), ("SJIS", "shift_jis"), ("latin_1", "latin-1"),
     ("EUC-KR", "euc_kr"), ("us-ascii", "ascii")],
)
def test_encoding_names_are_normalized(name, expected):
    assert normalize_encoding(name) == expected


def test_encode_text_refuses_characters_the_codec_lacks():
    with pytest.raises(UnicodeEncodeError):
        encode_text("简体字和한국어", "big5", False)
    # GBK and GB2312 are written as GB18030, their superset: nothing is refused.
    assert encode_text("한국어", "gb2312", False) == "한국어".encode("gb18030")


# --- E001 mojibake -------------------------------------------------------------------------
ENGLISH = (
    "The city’s new library opened on Monday — three years after the old building closed.\n"
    "“We’re thrilled,” said the head librarian, adding that the café on the ground floor "
    "would serve crème brûlée and other treats.\n"
)
GERMAN = "Die Bürgermeisterin äußerte sich erfreut: „Das Ergebnis übertrifft unsere Erwartungen.“\n"
FRENCH = "À Montréal, l’hiver a été particulièrement rigoureux ; les écoles sont restées fermées.\n"


def _sloppy_cp1252(text):
    import ftfy.bad_codecs  # noqa: F401 - registers the sloppy codecs

    return text.encode("utf-8").decode("sloppy-windows-1252")


@pytest.mark.parametrize("original", [ENGLISH, GERMAN, FRENCH])
@pytest.mark.parametrize("damage", ["sloppy-cp1252", "latin-1"])
def test_mojibake_is_repaired_exactly(original, damage):
    broken = _sloppy_cp1252(original) if damage == "sloppy-cp1252" else original.encode().decode("latin-1")
    assert broken != original
    findings = check_document(Document(broken), [rule("E001")])
    assert findings
    for f in findings:
        assert f.fix.applicability is Applicability.SAFE
        assert "decode utf-8" in f.fix.message or "decode_inconsistent_utf8" in f.fix.message
    assert fixed(broken, "E001") == original


def test_mojibake_edits_are_small_and_separate():
    broken = _sloppy_cp1252("naïve café, crème brûlée\n")
    findings = check_document(Document(broken), [rule("E001")])
    assert [broken[f.start:f.end] for f in findings] == ["naÃ¯ve", "cafÃ©", "crÃ¨me", "brÃ»lÃ©e"]
    assert findings[0].message == 'mojibake "naÃ¯ve" should read "naïve"'


CJK_WITH_LATIN = "他在采访中说：“这家café的咖啡很好喝。”「真的嗎？」她问道，全角符号（ＡＢＣ）保持原样。\n"


def test_mojibake_repair_never_touches_cjk_punctuation_or_width():
    assert codes(CJK_WITH_LATIN, "E001") == []
    damaged = CJK_WITH_LATIN.replace("café", _sloppy_cp1252("café"))
    assert damaged != CJK_WITH_LATIN
    assert fixed(damaged, "E001") == CJK_WITH_LATIN


def test_mojibake_of_chinese_inside_clean_chinese():
    line = "標題：" + _sloppy_cp1252("中文網頁") + "，發布於今天。“引號”保持不變。\n"
    assert fixed(line, "E001") == "標題：中文網頁，發布於今天。“引號”保持不變。\n"


@pytest.mark.parametrize(
    "text",
    [
        "zhōngwén pīnyīn: nǐ hǎo, Běijīng, lǜchá, nǚ’ér\n",
        "尺寸为 3×4 米，温度 25°C，约翰·史密斯说“好”。\n",
        "Ærøskøbing, São Tomé, Ångström, Œuvre, façade, señor.\n",
        "“Smart quotes” and ‘single ones’ — and an ellipsis…\n",
        "\n".join(TRADITIONAL) + "\n",
    ],
)
def test_no_mojibake_in_correct_text(text):
    assert codes(text, "E001") == []


def test_mojibake_on_a_very_long_line_is_repaired_in_windows():
    filler = "The committee approved the budget after a long debate. " * 2000
    text = filler + _sloppy_cp1252("It doesn’t matter, said the café owner. ") + filler + "\n"
    assert fixed(text, "E001") == filler + "It doesn’t matter, said the café owner. " + filler + "\n"


def test_c1_controls_are_read_as_cp1252():
    assert fixed("It was \x93fine\x94 \x96 really\x85\n", "E001") == "It was “fine” – really…\n"


# --- E002 cjk-mojibake ---------------------------------------------------------------------
def _gbk_mojibake(text, errors="strict"):
    return text.encode("utf-8").decode("gb18030", errors)


def _cp936_euro(err):
    # Windows code page 936 and browsers read a lone 0x80 as the euro sign.
    if err.object[err.start] == 0x80:
        return "€", err.start + 1
    return "\ufffd", err.start + 1


codecs.register_error("scrapelint-test-cp936", _cp936_euro)

def _lossless(text):
    try:
        return _gbk_mojibake(text) is not None
    except UnicodeDecodeError:
        return False


# A run loses a byte when its UTF-8 length is odd before an ASCII character or the line end, or
# when a 0x80 byte falls on a lead position: clauses without those, from the sentences above.
LOSSLESS = [
    clause
    for sentence in CLEAN_CJK
    for clause in re.split(r"[，。、：；！？,.!? ]", sentence)
    if len(re.findall(r"[^\x00-\x7f]", clause)) >= 3 and _lossless(clause)
]


def test_enough_sentences_round_trip_losslessly():
    assert len(LOSSLESS) >= 20
    assert {s for s in LOSSLESS if re.search("[\uac00-\ud7a3]", s)} and {s for s in LOSSLESS if re.search("[ぁ-ん]", s)}


@pytest.mark.parametrize("original", LOSSLESS)
def test_gbk_mojibake_is_repaired_exactly(original):
    broken = _gbk_mojibake(original) + "\n"
    findings = check_document(Document(broken), [rule("E002")])
    assert findings and all(f.fix.applicability is Applicability.SAFE for f in findings)
    assert all("gb18030" in f.fix.message for f in findings)
    assert fixed(broken, "E002") == original + "\n"


@pytest.mark.parametrize("original", CLEAN_CJK)
@pytest.mark.parametrize("errors", ["ignore", "replace", "scrapelint-test-cp936"])
def test_lossy_gbk_mojibake_is_flagged_and_mostly_recovered(original, errors):
    broken = _gbk_mojibake(original, errors) + "\n"
    findings = check_document(Document(broken), [rule("E002")])
    assert findings, broken
    recovered = 0
    for f in findings:
        content = f.fix.edits[0].content
        if "\ufffd" in content or "\ufffd" in broken[f.start:f.end]:
            assert f.fix.applicability is Applicability.UNSAFE and "lossy" in f.fix.message
        # A repair gives back characters of the original, in order, never different ones.
        it = iter(original)
        kept = content.replace("\ufffd", "")
        assert all(ch in it for ch in kept), (broken, content)
        recovered += len(kept)
    letters = len(re.findall(r"[^\x00-\x7f]", original))
    assert recovered >= 0.5 * letters


def test_mojibake_with_ascii_around_and_inside():
    original = "发布时间：2024年5月8日 10:30 来源：本报记者 阅读量 1024\n"
    broken = _gbk_mojibake(original, "replace")
    assert broken != original
    repaired = fixed(broken, "E002", unsafe=True)
    assert "2024" in repaired and "10:30" in repaired and "1024" in repaired
    assert "发布时间" in repaired


def test_mixed_document_only_changes_the_mojibake_lines():
    lines = SIMPLIFIED[:4] + [_gbk_mojibake(LOSSLESS[0])] + TRADITIONAL[:3] + [_gbk_mojibake(LOSSLESS[1])]
    text = "\n".join(lines) + "\n"
    result = fix_document(Document(text), ENCODING_RULES)
    expected = "\n".join(SIMPLIFIED[:4] + [LOSSLESS[0]] + TRADITIONAL[:3] + [LOSSLESS[1]]) + "\n"
    assert result.text == expected
    assert {f.code for f in result.applied} == {"E002"}


def test_big5_mojibake_round_trip():
    # UTF-8 read as Big5 loses bytes far more often than GBK; when it does not, it is repaired.
    words = [s[i:i + n] for s in SIMPLIFIED + TRADITIONAL for n in (4, 6) for i in range(len(s) - n)]
    done = 0
    for word in words:
        try:
            broken = word.encode("utf-8").decode("big5")
        except UnicodeDecodeError:
            continue
        findings = check_document(Document(broken), [rule("E002")])
        if findings and "Big5" in findings[0].message:
            assert fixed(broken, "E002") == word
            done += 1
    assert done >= 1


def test_cjk_mojibake_message_names_the_round_trip():
    f = check_document(Document(_gbk_mojibake("你好，世界！")), [rule("E002")])[0]
    assert "GBK/GB18030" in f.message and "你好，世界！" in f.message
    assert f.fix.message == "Repair by round-trip (encode gb18030, decode utf-8)"


# --- E003 .. E006 --------------------------------------------------------------------------
def test_replacement_characters():
    text = "会议于\ufffd\ufffd月召开，The caf\ufffd is open.\n"
    findings = check_document(Document(text), [rule("E003")])
    assert [text[f.start:f.end] for f in findings] == ["\ufffd\ufffd", "\ufffd"]
    assert findings[0].start == 3
    assert findings[0].message.startswith("2 replacement characters")
    assert all(f.severity is Severity.ERROR and f.fix is None for f in findings)


@pytest.mark.parametrize(
    "text,flagged",
    [
        ("下载的文件名变成了锟斤拷锟斤拷，无法打开。\n", "锟斤拷锟斤拷"),
        ("调试输出：烫烫烫烫烫烫烫烫烫烫\n", "烫烫烫烫烫烫烫烫烫烫"),
        ("堆内存里全是屯屯屯屯屯屯\n", "屯屯屯屯屯屯"),
        ("網頁標題顯示為嚙踝蕭嚙踝蕭\n", "嚙踝蕭嚙踝蕭"),
        ("제목이 占쏙옙占쏙옙로 보인다\n", "占쏙옙占쏙옙"),
    ],
)
def test_lossy_garbage(text, flagged):
    findings = check_document(Document(text), [rule("E004")])
    assert [text[f.start:f.end] for f in findings] == [flagged]
    assert findings[0].severity is Severity.ERROR and findings[0].fix is None


def test_quoted_garbage_is_reported_with_low_confidence():
    (f,) = check_document(Document("为什么网页会显示“锟斤拷”？原因是编码转换。\n"), [rule("E004")])
    assert f.confidence < 0.5


def test_question_marks_in_half_width_text_are_left_alone():
    assert codes("他说:好的,我马上到!中国??人民银行,很快!\n", "E005") == []


@pytest.mark.parametrize(
    "text",
    ["小心烫伤，汤很烫。\n", "烫头发要去理发店。\n", "屯兵于边境，囤积粮草。\n", "房子修葺一新。\n", "好烫烫！\n"],
)
def test_lossy_garbage_leaves_real_words(text):
    assert codes(text, "E004") == []


@pytest.mark.parametrize(
    "text",
    ["中国??人民银行今天宣布下调存款准备金率。\n", "据??社报道，会议于昨日闭幕。\n", "東京??区の新しい公園\n"],
)
def test_question_mark_runs_are_flagged(text):
    findings = check_document(Document(text), [rule("E005")])
    assert len(findings) == 1 and text[findings[0].start:findings[0].end] == "??"
    assert findings[0].severity is Severity.ERROR and findings[0].confidence < 1 and findings[0].fix is None


@pytest.mark.parametrize(
    "text",
    [
        "真的吗??我不信。\n",
        "真的吗??\n",
        "这是什么东西??怎么没人管。\n",
        "你为何不来??大家都在等你。\n",
        "本当ですか??信じられない。\n",
        "What?? Really??\n",
        "价格是?? 元\n",
        "他问:你去吗,我说:去!然后呢??没有了,就这样!\n",
    ],
)
def test_question_marks_that_are_punctuation_are_left_alone(text):
    assert codes(text, "E005") == []


def test_lossy_tag_signature_is_restored():
    text = "他说：“今天的会议很重要?!?/p>\n<li>“活动圆满结束?!?/li>\n“再见?!?/div>\n"
    findings = check_document(Document(text), [rule("E006")])
    assert len(findings) == 3
    assert findings[0].message == 'lossy damage "?!?/p>": "。”</p>" stood here'
    assert findings[0].fix.applicability is Applicability.SAFE
    assert fixed(text, "E006") == "他说：“今天的会议很重要。”\n<li>“活动圆满结束。”\n“再见。”\n"


def test_signature_table_is_data():
    from scrapelint.rules import encoding

    assert encoding.LOSSY_SIGNATURES and all(len(row) == 3 for row in encoding.LOSSY_SIGNATURES)


# --- E007, E008 ----------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["gb18030", "big5", "shift_jis", "cp1252", "utf-16-le"])
def test_legacy_encoding_is_reported_once_with_a_reencode_fix(encoding):
    doc = Document(GB_NEWS, encoding=encoding, encoding_note="detected")
    findings = check_document(doc, [rule("E007")])
    assert len(findings) == 1
    f = findings[0]
    assert (f.start, f.end, f.severity) == (0, 0, Severity.WARNING)
    assert encoding in f.message and "detected" in f.message
    assert f.fix.reencode and f.fix.edits == () and f.fix.applicability is Applicability.SAFE
    assert "UTF-8" in f.fix.message
    result = fix_document(doc, [rule("E007")])
    assert result.reencode and result.text == GB_NEWS and result.converged


@pytest.mark.parametrize("encoding", [None, "utf-8", "UTF8", "utf_8", "ascii", "us-ascii"])
def test_utf8_documents_are_not_reported(encoding):
    assert codes(Document(GB_NEWS, encoding=encoding), "E007") == []


def test_decoded_legacy_file_flows_into_e007():
    d = decode_bytes(BIG5_NEWS.encode("big5"), "big5.txt")
    doc = Document(d.text, encoding=d.encoding, bom=d.bom, encoding_note=d.note)
    assert codes(doc) == ["E007"]


def test_lone_surrogates_that_are_not_bytes():
    findings = check_document(Document("bad escape \ud83d here"), [rule("E008")])
    assert "U+D83D" in findings[0].message


# --- throughput guard: prescreens keep clean text cheap -------------------------------------
def test_clean_text_never_reaches_ftfy(monkeypatch):
    import ftfy

    def boom(*a, **k):
        raise AssertionError("ftfy ran on clean text")

    monkeypatch.setattr(ftfy, "fix_and_explain", boom)
    text = "\n".join(CLEAN_CJK) + "\n" + ENGLISH + GERMAN + FRENCH
    assert codes(text, "E001") == []


# --- the real seed page ---------------------------------------------------------------------
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
# Ruby/pinyin annotations ("發(fā)") are markup debris, fixed by another family.
_RUBY = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")


def test_seed_001_lossy_signatures_match_the_gold():
    raw_files = [p for p in sorted(SEEDS.glob("001_*.txt")) if not p.name.endswith(".clean.txt")]
    if not raw_files:
        pytest.skip("the seed pages (../shared/seeds) are not beside this checkout")
    raw_path = raw_files[0]
    raw = raw_path.read_text(encoding="utf-8")
    gold = raw_path.with_name(raw_path.stem + ".clean.txt").read_text(encoding="utf-8")
    result = fix_document(Document(raw), ENCODING_RULES)
    assert result.converged
    assert "?!?/" not in result.text
    gold_lines = {ln.strip() for ln in gold.splitlines()}
    raw_lines, fixed_lines = raw.splitlines(), result.text.splitlines()
    assert len(raw_lines) == len(fixed_lines)
    damaged = [i for i, ln in enumerate(raw_lines) if "?!?/" in ln]
    assert damaged
    for i in damaged:
        assert _RUBY.sub("", fixed_lines[i]).strip() in gold_lines
    # Nothing else on the page is touched by the encoding rules.
    assert [ln for i, ln in enumerate(fixed_lines) if i not in damaged] == [
        ln for i, ln in enumerate(raw_lines) if i not in damaged
    ]


def test_gbk_read_as_cp1252_is_decoded_not_garbled_by_the_utf8_repair():
    from scrapelint import check_text, fix_text

    zh = "据新华社报道，今年全国粮食总产量再创新高，达到六亿九千万吨。"
    broken = "他说：" + zh.encode("gbk").decode("cp1252") + "\n"
    assert [f.code for f in check_text(broken)] == ["E009"]
    assert fix_text(broken) == "他说：" + zh + "\n"
    big5 = "今年全國糧食總產量再創新高，達到六億九千萬噸。"
    assert fix_text("Source: " + big5.encode("big5").decode("cp1252") + "\n") == "Source: " + big5 + "\n"


def test_a_page_of_gbk_read_as_cp1252_is_repaired_between_its_digits_and_names():
    """Runs of two characters or more prove the page's codec; the single characters between
    digits (年, 月 of a date), a rarer name and a run of punctuation are then repaired too, while
    a European line on the same page keeps its accented letters (its pairs sit inside words)."""
    from scrapelint import fix_text

    lines = ["2017年2月，张伟民与妈妈出发前往马来西亚。", "主  席：李锋（内蒙古大学）", "节目《The Call》。"]
    broken = "".join(line.encode("gbk").decode("cp1252") + "\n" for line in lines)
    french = "À côté de l'église, les élèves étaient réunis pour la fête.\n"
    assert fix_text(broken + french) == "".join(line + "\n" for line in lines) + french
    # Without the evidence of the page, a lone pair is not taken for GBK.
    assert fix_text("2017\u00c4\u00ea\n") == "2017\u00c4\u00ea\n"


def test_a_page_written_in_gbk_is_read_in_gbk_throughout():
    """On a page that many runs prove written in GBK (read as latin-1), a run whose bytes happen
    to be valid UTF-8 too (学院 is `Ñ§Ôº`, UTF-8 for `ѧԺ`) is GBK like the rest, and so is a
    field line of a film's record with few common letters (`◎视频尺寸`), and a rare name or a
    single character standing alone (`»¸Óí Éã`, 桓禹 摄)."""
    from scrapelint import check_text, fix_text

    lines = [
        "影视论坛 - 下载专区", "学院 |", "◎片　　名　山河故人", "◎视频尺寸　1280 x 720", "◎导　　演　王小明",
        "记者 桓禹 摄", "·哇 今天人真多",
        "北京电影学院的老师说，这部影片的拍摄一共用了三年的时间。", "导演在发布会上表示，希望观众能够喜欢这个故事。",
    ]
    broken = "".join(line.encode("gbk").decode("latin-1") + "\n" for line in lines)
    assert "Ñ§Ôº |" in broken
    assert fix_text(broken) == "".join(line + "\n" for line in lines)
    assert {f.code for f in check_text(broken)} == {"E009"}
    # A line that is only the page's indent, one ideographic space (`¡¡`), is GBK too.
    page = lines[:5] + ["\u3000"] + lines[5:]
    broken = "".join(line.encode("gbk").decode("latin-1") + "\n" for line in page)
    assert fix_text(broken) == fix_text("".join(line + "\n" for line in page))
    # Alone, the same bytes are UTF-8 read as latin-1, repaired as such.
    assert fix_text("\u00d1\u00a7\u00d4\u00ba |\n") == "\u0467\u053a |\n"


def test_big5_read_as_gbk_is_decoded_back():
    from scrapelint import check_text, fix_text

    big5 = "臺灣的鐵路系統歷史悠久，車站建築頗具特色。"
    broken = "來源 " + big5.encode("big5").decode("gb18030") + "\n"
    assert [f.code for f in check_text(broken)] == ["E010"]
    assert fix_text(broken) == "來源 " + big5 + "\n"
    for clean in ("今年全国粮食总产量再创新高。\n", "臺灣的鐵路系統歷史悠久。\n", "東京の天気は晴れです。\n"):
        assert check_text(clean, select=["E010"]) == []


def test_a_page_of_big5_read_as_gbk_is_repaired_with_its_dates_and_names():
    """Runs with the marks of the misreading prove the page's codec; then a date's single
    characters (年 as a private-use character, 月 and 日 as kana) and a name whose repair is rarer
    are repaired too. A Japanese line on the same page keeps its kana, even a particle alone."""
    from scrapelint import fix_text

    lines = ["發行日期：2009年3月5日", "[13] 李鋒, 王喜成. 我國電子商務模式的發展現狀及對策分析"]
    broken = "".join(line.encode("big5").decode("gb18030") + "\n" for line in lines)
    japanese = "ΑΒΓ と αβγ はギリシャ文字です。\n"
    assert fix_text(broken + japanese) == "".join(line + "\n" for line in lines) + japanese
    # Without the evidence of the page, a lone character is left as it is.
    lone = "2009" + "年".encode("big5").decode("gb18030") + "\n"
    assert fix_text(lone) == lone


@given(st.text(alphabet=st.sampled_from("ab ÖÐ\u00a0\t\n中\u3000"), max_size=40), st.data())
def test_the_words_around_a_run_are_found_as_by_walking_to_the_spaces(text, data):
    from scrapelint.rules.encoding import _word_span, _words

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = start, end
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    assert _word_span(_words(text), start, end) == (a, b)


def test_a_page_is_judged_once_its_characters_are_repaired():
    """A pass that repairs characters applies only the repairs: the rules that judge lines read
    the page again, repaired. Read as latin-1, a diagram's box drawing (`©¦` for `│`) is a run of
    short label-shaped lines, which the layout rules would remove in the same pass."""
    from scrapelint import fix_text

    lines = [
        "湿地保护条例明年施行",
        "新修订的湿地保护条例将于明年一月一日起施行，首次把城市小微湿地纳入保护范围。",
        "条例还规定，占用重要湿地的建设项目须先行补充同等面积和质量的湿地，并接受社会监督。",
        "下图是湿地分级管理的流程：",
        "┌───┬───┐", "│", "│", "│", "│", "│", "│", "└───┴───┘",
        "省林业局有关负责人表示，条例施行后将开展专项检查，对违法占用湿地的行为依法严肃查处。",
        "各地将在年底前完成湿地名录的编制工作，并向社会公布。",
    ]
    clean = "".join(line + "\n" for line in lines)
    broken = "".join(line.encode("gbk").decode("latin-1") + "\n" for line in lines)
    assert fix_text(clean) == clean
    assert fix_text(broken) == clean
