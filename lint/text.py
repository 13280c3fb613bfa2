"""Shared text knowledge: the scripts, marks and markup shapes that several rules need.

One home for each fact, so that two rules never disagree about what a CJK character or a
sentence end is. Character ranges are written as the bodies of regular-expression classes
(``f"[{HAN}]"``); compiled patterns use the standard library's ``re``, which is faster than the
``regex`` module for plain classes.

>>> cjk_count("Hello 世界, こんにちは")
7
>>> cjk_count("plain ASCII")
0
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from functools import lru_cache, partial

#: Han ideographs of the Basic Multilingual Plane: Extension A, the unified block, the
#: compatibility block (as code point ranges).
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
KANA_RANGES = ((0x3040, 0x30FF),)
HANGUL_RANGES = ((0xAC00, 0xD7AF),)
#: Scripts written without spaces between words (Hangul is spaced, but its lines are measured
#: like the others: in characters).
CJK_RANGES = KANA_RANGES + HAN_RANGES + HANGUL_RANGES


def char_class(ranges) -> str:
    """The body of a regular-expression class for code point ranges: ``f"[{char_class(r)}]"``."""
    return "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges)


HAN = char_class(HAN_RANGES)
#: Han ideographs outside the BMP (Extensions B to F and the compatibility supplement).
HAN_SUPPLEMENT = "\U00020000-\U0002ffff"
KANA = char_class(KANA_RANGES)
HANGUL = char_class(HANGUL_RANGES)
CJK = char_class(CJK_RANGES)
#: Full-width forms (``，`` ``：`` ``Ａ``) and CJK symbols and punctuation (``。`` ``「」`` ``【】``).
FULL_WIDTH = "\uff00-\uffef"
CJK_PUNCTUATION_RANGES = ((0x3000, 0x303F),)
CJK_PUNCTUATION = char_class(CJK_PUNCTUATION_RANGES)
#: The full-width forms of ASCII's printable characters (``！`` to ``～``), which fold to ASCII.
FULL_WIDTH_ASCII_RANGES = ((0xFF01, 0xFF5E),)
#: The private-use area of the BMP: icon fonts' glyphs, and what a wrong CJK codec makes of bytes
#: it has no character for.
PRIVATE_USE_RANGES = ((0xE000, 0xF8FF),)
#: Box drawing (``─`` ``│`` ``┌``): GB2312's row 9 and Big5's table lines.
BOX_DRAWING_RANGES = ((0x2500, 0x257F),)

CJK_RE = re.compile(f"[{CJK}]")
HAN_RE = re.compile(f"[{HAN}]")
NON_CJK_RE = re.compile(f"[^{CJK}]+")
#: The name of an HTML tag as scrapers leave it (``p``, ``h2``, ``blockquote``).
TAG_NAME = r"[A-Za-z][A-Za-z0-9]{0,11}"
#: One HTML character reference: ``&#60;``, ``&#x3C;``, ``&nbsp;``.
ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
#: Marks that end a sentence, in CJK and Latin text.
SENTENCE_STOPS = "。！？!?.…"
CJK_RUN_RE = re.compile(f"[{CJK}]+")


def cjk_count(s: str) -> int:
    """How many CJK characters ``s`` holds."""
    return _count_cjk(s)


def cjk_chars(s: str) -> str:
    """The CJK characters of ``s``, in order, as one string."""
    return "" if s.isascii() else _keep_cjk(s)


def _py_cjk_chars(s: str) -> str:
    return "" if s.isascii() else NON_CJK_RE.sub("", s)


def _py_cjk_count(s: str) -> int:
    return len(_py_cjk_chars(s))


_WORD_RE = re.compile(r"\w+")


def word_count(s: str) -> int:
    """How many words (runs of ``\\w``) ``s`` holds."""
    return _count_words(s)


def _py_word_count(s: str) -> int:
    return len(_WORD_RE.findall(s))


try:  # compiled when the package was built with a C compiler (``_text.pyx``): the same counts
    from scrapelint._text import CharCounter, PairScreen as _PairScreen, word_count as _count_words
except ImportError:
    CharCounter = _PairScreen = None
    _count_cjk, _count_words, _keep_cjk = _py_cjk_count, _py_word_count, _py_cjk_chars
else:
    _cjk_counter = CharCounter(CJK_RANGES)
    _count_cjk, _keep_cjk = _cjk_counter.count, _cjk_counter.keep


def char_counter(ranges) -> Callable[[str], int]:
    """How many characters of a text fall in ``ranges`` (code point ranges of the Basic
    Multilingual Plane): one compiled pass where the package was built with a compiler."""
    ranges = tuple(ranges)
    if CharCounter is not None:
        return CharCounter(ranges).count
    pattern = re.compile(f"[{char_class(ranges)}]")
    return lambda text: len(pattern.findall(text))


class CharScreen:
    """A prescreen (``Rule.prescreen``): whether a text holds a character of some code point
    ranges of the Basic Multilingual Plane and, when ``then`` is given, a match of that pattern
    too. The character test is one compiled pass (where the package was built with a compiler)
    that stops at the first hit: several times faster than a regular expression's search, and
    most text has no such character at all. Picklable (rebuilt from its ranges)."""

    def __init__(self, ranges, then: re.Pattern[str] | None = None):
        self.ranges = tuple(ranges)
        self.then = then
        self._any = self._build(self.ranges)

    @staticmethod
    def _build(ranges):
        if CharCounter is not None:
            return CharCounter(ranges).any
        return re.compile(f"[{char_class(ranges)}]").search

    def __call__(self, text: str) -> bool:
        if not self._any(text):
            return False
        return self.then is None or self.then.search(text) is not None

    def __reduce__(self):
        return CharScreen, (self.ranges, self.then)


def pair_pattern(pairs) -> str:
    """A regular expression for two characters in a row, ``[lead][follow]`` of one of ``pairs``."""
    return "|".join(f"[{re.escape(lead)}][{re.escape(follow)}]" for lead, follow in pairs)


class PairScreen:
    """A prescreen: whether a text holds two characters in a row that one of some pairs of
    character sets allows — ``[lead][follow]`` for each ``(lead, follow)`` of ``pairs`` (BMP
    characters, at most eight pairs) — or ``repeat`` such pairs in a row. One compiled pass where
    the package was built with a compiler, else the same alternation as a regular expression.
    Picklable."""

    def __init__(self, pairs, repeat: int = 1):
        self.pairs = tuple((str(a), str(b)) for a, b in pairs)
        self.repeat = repeat
        if _PairScreen is None:
            self._any = re.compile(f"(?:{pair_pattern(self.pairs)}){{{repeat}}}").search
        elif repeat == 1:
            self._any = _PairScreen(self.pairs).any
        else:
            self._any = partial(_PairScreen(self.pairs).runs, repeat=repeat)

    def __call__(self, text: str) -> bool:
        return bool(self._any(text))

    def __reduce__(self):
        return PairScreen, (self.pairs, self.repeat)


class AnyScreen:
    """A prescreen that passes where one of ``screens`` (callables) passes. Picklable when they are."""

    def __init__(self, *screens):
        self.screens = screens

    def __call__(self, text: str) -> bool:
        return any(screen(text) for screen in self.screens)


# --- codec names -----------------------------------------------------------------------------

_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "ms936": "gb18030", "euc_cn": "gb18030",
    "iso8859-1": "latin-1", "latin_1": "latin-1", "latin1": "latin-1",
    "windows-1252": "cp1252", "us-ascii": "ascii", "utf_8": "utf-8", "utf8": "utf-8",
    "utf_8_sig": "utf-8", "utf-8-sig": "utf-8", "utf_16": "utf-16", "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be", "utf_32": "utf-32", "utf_32_le": "utf-32-le", "utf_32_be": "utf-32-be",
    "sjis": "shift_jis", "shift-jis": "shift_jis", "euc-kr": "euc_kr",
}

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.


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


# --- JSON string escapes ---------------------------------------------------------------------

_JSON_ESCAPE_RE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|([\"\\/bfnrt]))")
_JSON_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "/": "/"}
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def json_unescape(s: str) -> str:
    """Undo JSON string escapes: ``json.loads`` when ``s`` is a valid string body, else a regex."""
    try:
        out = json.loads(f'"{s}"', strict=False)
    except ValueError:
        out = _JSON_ESCAPE_RE.sub(_json_escape, s)
    if _SURROGATE_RE.search(out):
        # The regex leaves \ud83d\ude00 as two surrogates, and JSON allows lone ones: join the
        # pairs, replace the rest (a lone surrogate cannot be written as UTF-8).
        out = out.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return out


def _json_escape(m: re.Match) -> str:
    return chr(int(m.group(1), 16)) if m.group(1) else _JSON_SIMPLE[m.group(2)]
