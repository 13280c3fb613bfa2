"""Bytes → text: which encoding a scraped file is in, and writing it back.

``decode_bytes`` tries, in order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32): the BOM is removed and remembered;
2. strict UTF-8 — the fast path: a valid UTF-8 file costs one strict decode (plus a NUL-byte
   look at its first 8 KiB, because UTF-16 text without a BOM is valid UTF-8 too); a file cut
   off in the middle of its last character is UTF-8 with a damaged end;
3. binary detection: NUL bytes or many control bytes in the first 8 KiB raise ``BinaryFileError``;
4. "UTF-8 with a few bad bytes": when invalid sequences are rare next to valid multi-byte
   characters, the file is UTF-8 that was damaged (a truncated character, a stray cp1252 byte).
   It is decoded with ``errors="surrogateescape"``: each bad byte becomes a lone surrogate
   U+DC80..U+DCFF (rule E008 reports them) and ``encode_text`` writes it back unchanged;
5. ``charset_normalizer``, checked against the CJK codecs: the detector misreads GB18030 and Big5
   files as cp1252 (or gives up), so every double-byte CJK codec that decodes the bytes strictly is
   scored by how much of its text is *common* characters (a frequency list of hanzi, kana and
   hangul), and a plausible CJK reading wins over a Latin reading full of accented garbage;
6. UTF-8 with ``surrogateescape`` when nothing else fits.

The frequency tables here are also the commonness measure of the CJK mojibake rule (E002).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

#: How much of the file the binary check and the plausibility score look at.
SAMPLE = 8192
#: "Mostly valid UTF-8": at most this many invalid bytes per valid multi-byte character. Legacy
#: CJK text read as UTF-8 has at least one invalid byte per valid character (measured: GBK, Big5,
#: Shift-JIS, EUC-KR and EUC-JP, from 20-character snippets up); cp1252 text has almost no valid ones.
MAX_INVALID_PER_VALID = 0.25
#: A CJK reading is accepted over the detector's answer when at least this share of its letters
#: is common (real text scores 0.7-0.95; a wrong double-byte codec gives random characters, 0.05-0.3).
MIN_PLAUSIBLE = 0.5

# Double-byte codecs tried when the text is not UTF-8, each with supersets that also decode
# real-world files (Microsoft's code pages add characters the standard tables lack).
CJK_CODECS: tuple[tuple[str, ...], ...] = (
    ("gb18030",),
    ("big5", "cp950", "big5hkscs"),
    ("shift_jis", "cp932"),
    ("euc_kr", "cp949"),
)

# Names the detector (or a caller) may use, mapped to the codec this project reports and decodes with.
_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "ms936": "gb18030", "euc_cn": "gb18030",
    "iso8859-1": "latin-1", "latin_1": "latin-1", "latin1": "latin-1",
    "windows-1252": "cp1252", "us-ascii": "ascii", "utf_8": "utf-8", "utf8": "utf-8",
    "utf_8_sig": "utf-8", "utf-8-sig": "utf-8", "utf_16": "utf-16", "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be", "utf_32": "utf-32", "utf_32_le": "utf-32-le", "utf_32_be": "utf-32-be",
    "sjis": "shift_jis", "shift-jis": "shift_jis", "euc-kr": "euc_kr",
}

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_BY_CODEC = {name: bom for bom, name in _BOMS}

# Control bytes that never occur in text (tab, line feed, vertical tab, form feed, carriage
# return, backspace and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x08\x1b") + b"\x7f"
_TEXT_CONTROLS = {b: None for b in _CONTROL_BYTES}  # str.translate table that deletes them
_SURROGATE_RE = re.compile("[\udc80-\udcff]")


class DecodeError(ValueError):
    """Bytes that cannot be turned into text."""


class BinaryFileError(DecodeError):
    """The bytes are not text at all (an image, an archive, a compiled file)."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: binary data ({reason})")
        self.name = name
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of a file, the codec it was decoded with, whether a BOM was removed, and why."""

    text: str
    encoding: str
    bom: bool = False
    note: str = ""


def normalize_encoding(name: str) -> str:
    """A Python codec name for ``name``: ``"GBK"`` → ``"gb18030"``, ``"windows-1252"`` → ``"cp1252"``."""
    key = name.strip().lower().replace(" ", "")
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        canonical = codecs.lookup(key).name
    except LookupError:
        return key
    return _ALIASES.get(canonical, canonical)


def is_utf8(name: str | None) -> bool:
    """True for UTF-8 and its subset ASCII, under any of their names."""
    return name is not None and normalize_encoding(name) in ("utf-8", "ascii")


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode a file's bytes; ``name`` is only used in error messages."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), codec, bom=True)
            except UnicodeDecodeError:
                if codec == "utf-8":
                    return _damaged_utf8(data[len(bom):], bom=True)
                break  # not really a BOM: look at the bytes as they are

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Cut off in the middle of a character (scrapers truncate at a byte limit). After pure
        # ASCII a last byte >= 0xC2 may as well be cp1252: the detector decides that case.
        if exc.reason == "unexpected end of data" and not data[: exc.start].isascii() and _is_utf8(data[: exc.start]):
            return _damaged_utf8(data, note="the file ends in the middle of a UTF-8 character")
    else:
        if "\x00" not in text[:SAMPLE]:
            return Decoded(text, "utf-8")
        # Valid UTF-8 with NUL bytes: UTF-16 without a BOM, a binary file, or a stray NUL in text.
        return _nul_bytes(data, name) or Decoded(text, "utf-8")

    head = data[:SAMPLE]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise BinaryFileError(name, "NUL bytes")
        return utf16
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls >= 4 and controls * 20 > len(head):
        raise BinaryFileError(name, f"{controls} control bytes in the first {len(head)}")

    # Counted with C-level passes: each invalid byte is one character more than 'ignore' keeps.
    damaged = data.decode("utf-8", "surrogateescape")
    kept = data.decode("utf-8", "ignore")
    invalid = len(damaged) - len(kept)
    valid = len(kept) - len(kept.encode("ascii", "ignore"))
    if invalid <= MAX_INVALID_PER_VALID * valid:
        return _damaged_utf8(data, text=damaged, invalid=invalid)

    return _detect_legacy(data) or _damaged_utf8(data, text=damaged, invalid=invalid)


def _nul_bytes(data: bytes, name: str) -> Decoded | None:
    """Bytes with NULs: UTF-16 without a BOM (returned), binary (raises ``BinaryFileError``), or
    text with a stray NUL (None: W004 reports it)."""
    head = data[:SAMPLE]
    nuls = head.count(0)
    if nuls * 100 < len(head):
        return None
    utf16 = _utf16_without_bom(data)
    if utf16 is None:
        raise BinaryFileError(name, "NUL bytes")
    return utf16


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """The bytes of ``text`` in ``encoding``, with the BOM when ``bom``.

    ``surrogateescape`` writes the undecodable bytes ``decode_bytes`` kept as lone surrogates
    back exactly as they were read. Characters the codec cannot hold raise ``UnicodeEncodeError``.
    """
    codec = normalize_encoding(encoding)
    if codec in ("utf-8", "ascii"):
        body = text.encode("utf-8", "surrogateescape")
        return codecs.BOM_UTF8 + body if bom else body
    if codec in ("utf-16", "utf-32"):
        codec += "-le"
    body = text.encode(codec, "surrogateescape")
    return _BOM_BY_CODEC.get(codec, b"") + body if bom else body


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _damaged_utf8(
    data: bytes, *, bom: bool = False, text: str | None = None, invalid: int | None = None, note: str = ""
) -> Decoded:
    if text is None:
        text = data.decode("utf-8", "surrogateescape")
    if invalid is None:
        invalid = len(_SURROGATE_RE.findall(text))
    notes = [f"{invalid} invalid UTF-8 byte{'s' * (invalid != 1)} kept as-is (surrogateescape)"] if invalid else []
    if note:
        notes.append(note)
    return Decoded(text, "utf-8", bom=bom, note="; ".join(notes))


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM: mostly-ASCII text has a NUL in every other byte."""
    head = data[:SAMPLE]
    half = len(head) // 2
    if half < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for nuls, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.4 * half and other <= 0.02 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            sample = text[: SAMPLE // 2]
            if len(sample) - len(sample.translate(_TEXT_CONTROLS)) > 0.01 * len(sample):
                return None  # NULs and other control characters: binary, not text
            return Decoded(text, codec, note=f"no BOM; the NUL-byte pattern says {codec}")
    return None


def _cjk_reading(data: bytes, family: tuple[str, ...]) -> tuple[str, str, int] | None:
    """``(codec, text, invalid bytes)`` of the first codec of ``family`` that decodes ``data``
    strictly, or else of the one with the fewest invalid bytes, if they are few (four, or one in
    a hundred characters), kept as surrogate escapes like damaged UTF-8."""
    for codec in family:
        try:
            return codec, data.decode(codec), 0
        except UnicodeDecodeError:
            continue
    best = None
    for codec in family:
        text = data.decode(codec, "surrogateescape")
        invalid = len(_SURROGATE_RE.findall(text))
        if best is None or invalid < best[2]:
            best = (codec, text, invalid)
    if best[2] <= max(4, len(best[1]) // 100):
        return best
    return None


def _detect_legacy(data: bytes) -> Decoded | None:
    """A legacy encoding: the detector's answer, unless a CJK codec reads the bytes as real text."""
    import charset_normalizer  # imported here: only non-UTF-8 files pay for it

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    guess = normalize_encoding(best.encoding) if best is not None and best.encoding else None

    candidates: list[tuple[float, str, str, int]] = []
    for family in CJK_CODECS:
        reading = _cjk_reading(data, family)
        if reading is not None:
            codec, text, invalid = reading
            letters, common = cjk_commonness(text[: SAMPLE * 4])
            # Enough evidence: three common letters, ten when bytes had to be escaped.
            if common >= (10 if invalid else 3) and invalid * 20 <= letters:
                candidates.append((common / letters, codec, text, invalid))
    candidates.sort(key=lambda c: -c[0])

    if candidates and candidates[0][0] >= MIN_PLAUSIBLE:
        score, codec, text, invalid = candidates[0]
        notes = []
        if guess != codec:
            said = f"charset-normalizer said {guess}" if guess else "charset-normalizer had no answer"
            notes.append(f"{said}; {codec} reads as CJK text ({score:.0%} common characters)")
        if invalid:
            notes.append(f"{invalid} invalid {codec} byte{'s' * (invalid != 1)} kept as-is (surrogateescape)")
        return Decoded(text, codec, note="; ".join(notes))

    # No CJK reading is plausible, so a CJK answer of the detector is wrong too (short Latin
    # text is often "detected" as cp932): take its first non-CJK answer, and cp1252 (the web's
    # legacy default) among answers the detector scores equal.
    cjk = {codec for family in CJK_CODECS for codec in family}
    latin = [m for m in matches if normalize_encoding(m.encoding) not in cjk]
    if not latin:
        return None
    first = latin[0]
    for match in latin:
        if normalize_encoding(match.encoding) == "cp1252" and (match.chaos, -match.coherence) <= (
            first.chaos, -first.coherence
        ):
            first = match
    codec = normalize_encoding(first.encoding)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if codec == guess:
        note = ""
    elif guess in cjk:
        note = f"charset-normalizer said {guess}, but the text reads as no CJK language"
    else:
        note = f"charset-normalizer ranked {guess} first; {codec} scores the same"
    return Decoded(text, codec, note=note)


# --- commonness ------------------------------------------------------------------------------
# The most frequent hanzi of modern Chinese (simplified, then the traditional forms of the same
# list), the most frequent hangul syllables, and all kana. In real CJK text 70-95 % of the letters
# are in this set; text decoded with the wrong double-byte codec (or UTF-8 decoded as GBK) is a
# near-random draw from a table of thousands of characters and scores 5-35 %.
_HANZI_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政"
    "美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员"
    "解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件"
    "计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象"
    "完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改"
    "收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调"
    "深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企"
    "八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列"
    "武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供"
    "效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值"
    "仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳"
    "若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷"
    "洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈"
    "刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央"
    "户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括"
    "舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康"
    "虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅"
    "泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶"
    "玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸"
    "扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞"
    "街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残"
    "秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵网络据称截至累计亿元融资投资涨跌指数股票基金银行保险企业市场"
    "经济增长消费价格产品服务用户平台数据技术发展研究显示记者报道表示介绍负责今年去年上半年季度同比环比"
)
_HANZI_TRADITIONAL = (
    "這個們來為說時會對過發後裡麼經現當動還進樣開從實軍與長機點業將兩間問體應戰頭見產話內給門兒東聲員論處"
    "義幾認條氣題爾別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記邊張該萬規覺術領確傳師觀讓識帶導"
    "爭運飛風轉準親極服辦議證遠單羅愛擊備連調質團價黨華級離況亞請際約復線斷滿視須寫稱農裝廣顯標談圖歷醫專"
    "費號盡較語僅隨選紅響雖勢參眾構節維劃敵陳態護興驗責營夠嚴項圍織鬥雙紀採舉殺蘇訴細願錢網熱屬臉職樂剛狀"
    "獨彈創錯蘭試腦預誰陽繼驚傷藥適衛險陸習勞財環納歡獲雲遊龍樹層衝範異漢靜餘檢靈協佔徵揮勝階審堅媽劉讀壓"
    "銀買養懷執亂幫歲優鐵稅藝陣腳惡塊頓島託戶寶釋顧貨歐換聞壞討麗監臨艦魚雜誤灣減編測敗夢溫劍漸貴槍樓縣遺"
    "謝魯慮銷鐘詩趕劇損舊錄葉鄉禮婦歸飯額順輸搖脫補謂療澤滅筆鮮詞聖擇尋廠煙諾倫奧賣載華陰園謀榮孫頂鎮練爺"
    "館礎寧紙諸訓莊絲戲隱訪軟薩夥盤擴蓋穩億擁楊齊賽牀虛購綠貿畢輪庫跡競棄偉緩潛閃燈針絡頁傑築鄭貝吳圓殘誠"
    "寬擺毀趙絡據稱億營經濟長價產數術發顯記報導表紹負責與關於東區來國學當時後說種還會們個這灣臺鐘麵裏"
    "類閱飲飾鋼顏顔鏈餅陝鑽飽鞏鋪"
)
_KANA = "".join(map(chr, range(0x3041, 0x3097))) + "".join(map(chr, range(0x30A1, 0x30FB))) + "ー"
_HANGUL = (
    "이다는의에을하가고한서지기로사리도자나인대시아어수그있들주정게요상만해보부제와전라비스국여성일적니구우마"
    "되것장소문동원방중무면오신까유개모관회학경생연실선공결내위치통발당조민세분화식교러더행날때없말물음금얼람"
    "했습합은를으였던겠었며께터처럼록데든씩야죠네군년월안및또각간감강건계과광권근김남녀노놓누느님단달담된될"
    "두드등디따떤료르른림명목못미바반받배번법변본봤불브산살새석설속손순술승심싶알았앞약양언업역영예온올왜외"
    "용운울워임입작잘재저점좋준즈증진질집차참책체초최추출충취카크키타테토트특티파판패편평포표프피할함향현형"
    "호확후휴히려력련령례론뢰루류률름린릴립링많맞매머먹메밖밤백버벌베벨별병복봉북빌빠뿐쓰씨아야어요우워유으"
    "응잡잠장저제좀줄쪽찾천청체쳐친칠커컨컴케켜코콘큰클타탈탕태택터텔템톤통투튼틀팀퍼페펴폭품풍플필핑하학한할"
    "함합항해했행허헌험혀협혜홈환활황회획효훈훨희힘"
)


@lru_cache(maxsize=1)
def common_cjk_re() -> re.Pattern[str]:
    """One character of the commonness list (frequent hanzi, kana, frequent hangul)."""
    chars = set(_HANZI_SIMPLIFIED + _HANZI_TRADITIONAL + _KANA + _HANGUL)
    return re.compile("[" + "".join(sorted(chars)) + "]")


# Letters of CJK scripts, and the characters a wrong codec produces instead of text: private-use
# characters, half-width katakana, box drawing, Latin-1 letters, Greek and Cyrillic.
_CJK_LETTER_RE = re.compile(
    "[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
    "\ue000-\uf8ff\uff61-\uff9f\u2500-\u257f\u00c0-\u00ff\u0370-\u04ff]"
)


def cjk_commonness(text: str) -> tuple[int, int]:
    """``(letters, common)``: how many CJK letters (and wrong-codec junk) ``text`` has, and how
    many of those are among the most frequent hanzi, kana and hangul."""
    letters = len(_CJK_LETTER_RE.findall(text))
    if not letters:
        return 0, 0
    return letters, len(common_cjk_re().findall(text))
