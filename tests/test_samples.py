"""Structural checks of the sample texts under ``samples/`` (no linter involved).

The clean samples are the texts every rule must leave alone, so they have to be clean by
construction: UTF-8, one final newline, no trailing whitespace, no CR, no invisible or control
characters (except the joiner inside emoji sequences), no runs of blank lines. The noisy samples
must be what their names say: legacy encodings really in GBK/Big5, the BOM and CRLF files really so.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CLEAN = SAMPLES / "clean"
NOISY = SAMPLES / "noisy"

LEGACY = {"legacy-gbk.txt": "gbk", "legacy-big5.txt": "big5"}
BOM_FILE = "english-blog-bom.md"
CRLF_FILE = "english-news-crlf.txt"

CLEAN_FILES = sorted(p for p in CLEAN.iterdir() if p.is_file())
NOISY_FILES = sorted(p for p in NOISY.iterdir() if p.is_file())
NOISY_UTF8 = [p for p in NOISY_FILES if p.name not in LEGACY]

# Zero-width and other invisible format characters: never in clean text, except U+200D
# ZERO WIDTH JOINER between the parts of an emoji sequence (family, profession, flag).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # everything but \t and \n (\r tested apart)


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return cp >= 0x1F000 or 0x2600 <= cp <= 0x27BF or cp == 0xFE0F


def _ids(paths):
    return [p.name for p in paths]


def test_sample_sets_are_there():
    assert len(CLEAN_FILES) >= 8
    assert len(NOISY_FILES) >= 8
    for name in [*LEGACY, BOM_FILE, CRLF_FILE]:
        assert (NOISY / name).is_file(), name
    assert (SAMPLES / "README.md").is_file()


def test_files_are_small():
    for p in [*CLEAN_FILES, *NOISY_FILES, SAMPLES / "README.md"]:
        assert p.stat().st_size < 20_000, p.name


# --- clean samples --------------------------------------------------------------------------

CLEAN_AND_README = [*CLEAN_FILES, SAMPLES / "README.md"]


@pytest.mark.parametrize("path", CLEAN_AND_README, ids=_ids(CLEAN_AND_README))
def test_clean_is_utf8_without_bom(path):
    data = path.read_bytes()
    data.decode("utf-8")  # strict
    assert not data.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("path", CLEAN_AND_README, ids=_ids(CLEAN_AND_README))
def test_clean_ends_with_one_newline(path):
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize("path", CLEAN_AND_README, ids=_ids(CLEAN_AND_README))
def test_clean_has_no_cr_and_no_trailing_whitespace(path):
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    for n, line in enumerate(text.split("\n"), 1):
        assert line == line.rstrip(), f"{path.name}:{n} trailing whitespace"


@pytest.mark.parametrize("path", CLEAN_AND_README, ids=_ids(CLEAN_AND_README))
def test_clean_has_no_invisible_or_control_characters(path):
    text = path.read_text(encoding="utf-8")
    m = _CONTROL.search(text)
    assert m is None, f"{path.name}: control character U+{ord(m.group()):04X} at {m.start()}"
    for m in _INVISIBLE.finditer(text):
        i = m.start()
        if m.group() == "\u200d" and 0 < i < len(text) - 1 and _is_emoji(text[i - 1]) and _is_emoji(text[i + 1]):
            continue
        raise AssertionError(f"{path.name}: {unicodedata.name(m.group(), hex(ord(m.group())))} at {i}")


@pytest.mark.parametrize("path", CLEAN_AND_README, ids=_ids(CLEAN_AND_README))
def test_clean_has_no_runs_of_blank_lines(path):
    text = path.read_text(encoding="utf-8")
    assert "\n\n\n" not in text
    assert not text.startswith("\n")


def test_clean_samples_cover_the_hard_cases():
    """The content a linter must not mistake for noise is really in the clean set."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in CLEAN_FILES)
    for needle in [
        "“", "”", "‘", "’", "—", "…", "「", "」", "『", "』", "《", "》", "（", "）",
        "现在(xiànzài)", "妈(mā)、麻(má)、马(mǎ)、骂(mà)",
        "(CNN)", "(WHO)", "R&D", "AT&T", "10 km", "https://", "@",
        '<div class="x">', "a < b && c > d", "&amp;", "$(function(){})",
        "\u200d", "发布时间：", "```",
    ]:
        assert needle in text, needle
    assert re.search("[\u3040-\u30ff]", text), "Japanese kana"
    assert re.search("[\uac00-\ud7af]", text), "Korean hangul"
    assert re.search("[éèàçôÉÀ]", text), "French accents"


# --- noisy samples --------------------------------------------------------------------------


@pytest.mark.parametrize("name,encoding", sorted(LEGACY.items()))
def test_legacy_files_are_not_utf8_but_decode_strictly(name, encoding):
    data = (NOISY / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode(encoding)  # strict
    assert re.search("[\u4e00-\u9fff]{12}", text), "a Chinese article"


@pytest.mark.parametrize("path", NOISY_UTF8, ids=_ids(NOISY_UTF8))
def test_noisy_files_are_valid_utf8(path):
    path.read_bytes().decode("utf-8")  # strict; the noise is in the text, not the bytes


def test_bom_file_starts_with_bom():
    data = (NOISY / BOM_FILE).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data[3:].startswith(b"\xef\xbb\xbf")


def test_crlf_file_uses_crlf_throughout():
    data = (NOISY / CRLF_FILE).read_bytes()
    assert b"\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n"), "every line ends with CRLF"
    assert data.count(b"\r") == data.count(b"\r\n"), "no lone CR"


def test_only_the_bom_and_crlf_files_have_them():
    for p in NOISY_UTF8:
        data = p.read_bytes()
        if p.name != BOM_FILE:
            assert not data.startswith(b"\xef\xbb\xbf"), p.name
        if p.name != CRLF_FILE:
            assert b"\r" not in data, p.name


def test_noisy_samples_cover_the_noise_kinds():
    """Each kind of noise the README promises occurs in at least one noisy sample."""
    text = "\n".join(p.read_bytes().decode("utf-8") for p in NOISY_UTF8)
    for needle in [
        r"\u003cp style=\"", r"\u003c!--IMG_0--\u003e", r"\u003cstyle\u003e",  # JSON-escaped HTML
        "&lt;p&gt;", "&nbsp;", "&amp;", "&#8220;", "</p>", "<br/>", '<span style="',
        "<!--MID_AD_1-->", "var _hmt = _hmt || [];", "![]()",
        "發(fā)", "網(wǎng)", "經(jīng)", "?!?/p>", "锟斤拷", "\ufffd", "\u200b", "\u00a0\u00a0",
        "â€œ", "â€™", "Ã©", "Ã¼",  # UTF-8 read as cp1252
        "首页 > ", "责任编辑", "我要评论", "扫码关注", "相关推荐", "热点推荐",
        "Share this article", "Advertisement", "Sign up for our newsletter", "Most read",
        "All rights reserved",
    ]:
        assert needle in text, needle
    assert _CONTROL.search(text.replace("\r", "")), "control characters"
    assert "\n\n\n\n" in text, "runs of blank lines"
    assert re.search(r"[^\s] +\n", text), "trailing spaces"
    assert len(re.findall(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)) >= 40, "many pinyin leaks"
    # UTF-8 Chinese read as GBK: the mojibake of 理财产品
    assert "理财产品".encode("utf-8").decode("gb18030", "ignore") in text
    # a line repeated back to back (blank lines between ignored)
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    assert any(a == b and len(a) > 20 for a, b in zip(lines, lines[1:])), "a repeated line"
