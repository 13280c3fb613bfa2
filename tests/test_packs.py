"""Boilerplate packs: folding, loading and validation, zones, user packs through the CLI, and the
seed pages (skipped when ../shared/seeds is absent).

Each shipped rule's own examples are run by test_rule_examples.py.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scrapelint.api import default_registry
from scrapelint.cli import main
from scrapelint.config import ConfigError
from scrapelint.engine import check_document, fix_document
from scrapelint.fold import fold
from scrapelint.model import Document
from scrapelint.rules.packs import PACKS_DIR, PackRule, load_pack_rules, read_pack

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
PROSE = "市气象台今天上午发布消息，预计未来三天本市将持续晴好天气，最高气温将升至三十度左右，提醒市民注意防晒补水。"
EN_PROSE = "The council approved the new budget on Tuesday after a long debate over funding for buses and trains."


def _codes(text: str, rules) -> list[str]:
    return [f.code for f in check_document(Document(text), rules)]


def _pack(tmp_path: Path, body: str, name: str = "mypack.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


RULE = '''
[[rule]]
code = "{code}"
name = "{name}"
message = "test rule"
{extra}
'''


def _rule(code="B951", name="test-rule", extra='phrases = ["分享至"]') -> str:
    return RULE.format(code=code, name=name, extra=extra)


# -- folding -----------------------------------------------------------------------------------


def test_fold_traditional_to_simplified():
    assert fold("掃碼關注") == fold("扫码关注") == "扫码关注"
    assert fold("發布時間") == "发布时间"


def test_fold_full_width_and_case():
    assert fold("：") == fold(":") == ":"
    assert fold("，（）！？") == ",()!?"
    assert fold("\u3000") == " "
    assert fold("ＡＰＰ App") == "app app"
    assert fold("【广告】「网易号」“引号”。") == '[广告]"网易号""引号".'


@pytest.mark.parametrize("text", ["掃碼關注：ＳＨＡＲＥ", "plain ASCII Text", "emoji 😀 and 𠀀 (astral)", "", "İstanbul ǅ ß"])
def test_fold_preserves_length(text):
    assert len(fold(text)) == len(text)


def test_undecodable_bytes_do_not_break_matching():
    text = "分享至\n第二段\udcff\udcfe文字。\n"
    assert fold(text)[7:9] == "\ufffd\ufffd"
    assert _codes(text, [default_registry().get("B001")]) == ["B001"]


def test_fold_keeps_offsets():
    text = "正文。\n掃碼關注我們\n"
    start = fold(text).index("扫码关注")
    assert text[start:start + 4] == "掃碼關注"


# -- loading and validation --------------------------------------------------------------------


def test_load_user_pack(tmp_path):
    path = _pack(tmp_path, '[pack]\nname = "mine"\ndescription = "test"\n' + _rule())
    [rule] = load_pack_rules([path])
    assert isinstance(rule, PackRule)
    assert (rule.code, rule.name, rule.category) == ("B951", "test-rule", "boilerplate")
    assert "## What it does" in rule.doc() and "## Why" in rule.doc() and "## Fix (safe)" in rule.doc()
    assert rule.summary() == "Test rule."


@pytest.mark.parametrize(
    "extra, expected",
    [
        ('phrases = ["x"]\nmach = "line"', "rule 1 (B951): unknown key 'mach' (did you mean 'match'?)"),
        ("patterns = ['网易首页\\s*>(']", "rule 1 (B951): bad pattern '网易首页\\s*>('"),
        ('phrases = ["x"]\ncategory = "boilerplat"', "rule 1 (B951): category must be one of"),
        ('phrases = ["x"]\nmatch = "exact"', "rule 1 (B951): match must be one of line, start, end, anywhere"),
        ('phrases = ["x"]\nzone = "footer"', "rule 1 (B951): zone must be one of"),
        ('phrases = ["x"]\nmax-length = "40"', "rule 1 (B951): max-length must be a positive integer"),
        ('phrases = ["x"]\nseverity = "fatal"', "rule 1 (B951): severity must be error, warning or info"),
        ("", "rule 1 (B951): a rule needs 'phrases' or 'patterns'"),
        ("patterns = ['发布时间：']", "write '：' as ':'"),
        ('phrases = ["x"]\nfixes = [["only before"]]', "'fixes' must be a list of [before, after] pairs"),
    ],
)
def test_validation_errors_name_file_and_entry(tmp_path, extra, expected):
    path = _pack(tmp_path, _rule(extra=extra), "bad.toml")
    with pytest.raises(ConfigError) as info:
        load_pack_rules([path])
    assert str(info.value).startswith(f"{path}: ")
    assert expected in str(info.value)


def test_bad_code_and_name(tmp_path):
    with pytest.raises(ConfigError, match=r"rule 1 \(X12\): code must be B and three digits"):
        load_pack_rules([_pack(tmp_path, _rule(code="X12"))])
    with pytest.raises(ConfigError, match=r"rule 1 \(B951\): name must be kebab-case"):
        load_pack_rules([_pack(tmp_path, _rule(name="Test_Rule"))])


def test_duplicate_code_in_one_pack(tmp_path):
    path = _pack(tmp_path, _rule() + _rule(name="other-rule"))
    with pytest.raises(ConfigError) as info:
        load_pack_rules([path])
    assert str(info.value) == f"{path}: rule 2 (B951): 'B951' is already used by {path}: rule 1"


def test_duplicate_code_across_packs(tmp_path):
    first = _pack(tmp_path, _rule(), "first.toml")
    second = _pack(tmp_path, _rule(name="other-rule"), "second.toml")
    with pytest.raises(ConfigError, match=r"second\.toml: rule 1 \(B951\): 'B951' is already used by .*first\.toml: rule 1"):
        load_pack_rules([first, second])


def test_code_or_name_of_a_builtin_rule_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"rule 1 \(B001\): 'B001' is already used by a built-in rule"):
        load_pack_rules([_pack(tmp_path, _rule(code="B001"))])
    with pytest.raises(ConfigError, match=r"'share-widget' is already used by a built-in rule"):
        load_pack_rules([_pack(tmp_path, _rule(name="share-widget"))])


def test_unknown_table_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match=r"unknown table 'rules' \(did you mean 'rule'\?\)"):
        load_pack_rules([_pack(tmp_path, '[[rules]]\ncode = "B951"\n')])
    with pytest.raises(ConfigError, match="pack file not found"):
        load_pack_rules([tmp_path / "missing.toml"])
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_pack_rules([_pack(tmp_path, "[[rule]\n")])


def test_shipped_packs_are_registered():
    codes = {r.code for r in default_registry() if isinstance(r, PackRule)}
    assert len(codes) > 60
    assert {"B001", "B050", "B100", "B130", "B150", "B190"} <= codes


@pytest.mark.parametrize("path", sorted(PACKS_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_packs_pass_every_check_of_a_user_pack(path):
    # Shipped patterns are compiled on first use and not checked for exponential shapes when the
    # rules load: this is where they are.
    entries = read_pack(path)
    for entry in entries:
        for _, method in entry.compiled:
            assert method._method is not None, entry.code


def test_a_shipped_pattern_compiles_on_first_use_and_pickles_uncompiled(tmp_path):
    import pickle

    (entry,) = read_pack(_pack(tmp_path, '[[rule]]\ncode = "B901"\nname = "x"\nmessage = "m"\n'
                                          'patterns = ["share (?:this|it)"]\nmatch = "start"\n'), checked=True)
    (_, method), = entry.compiled
    assert method._method is None
    assert method("share it now") and not method("do share it")
    again = pickle.loads(pickle.dumps(method))
    assert again._method is None and again("share this")
    bad = _pack(tmp_path, '[[rule]]\ncode = "B902"\nname = "y"\nmessage = "m"\npatterns = ["(a"]\n')
    with pytest.raises(ConfigError, match="bad pattern"):
        read_pack(bad)


# -- the CLI with a user pack ------------------------------------------------------------------


def test_user_pack_through_the_config(tmp_path, capsys):
    packs = tmp_path / "packs"
    packs.mkdir()
    _pack(packs, _rule(code="B777", name="my-site-banner", extra='phrases = ["Example 客户端"]\nmatch = "start"\nmax-length = 40'), "mypack.toml")
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('extend-packs = ["packs/mypack.toml"]\nselect = ["B777"]\n', encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("标题\nEXAMPLE 客戶端，看更多\n正文。\n", encoding="utf-8")
    assert main(["check", "--config", str(cfg), str(page)]) == 1
    out = capsys.readouterr().out
    assert "B777" in out and ":2:" in out
    assert main(["fix", "--config", str(cfg), str(page)]) == 0
    assert page.read_text(encoding="utf-8") == "标题\n正文。\n"


def test_broken_user_pack_is_a_clean_error(tmp_path, capsys):
    _pack(tmp_path, _rule(extra='phrases = ["x"]\nmach = "line"'), "mypack.toml")
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('extend-packs = ["mypack.toml"]\n', encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("text\n", encoding="utf-8")
    assert main(["check", "--config", str(cfg), str(page)]) == 2
    err = capsys.readouterr().err
    assert "mypack.toml: rule 1 (B951): unknown key 'mach'" in err
    assert "Traceback" not in err


# -- matching ------------------------------------------------------------------------------------


@pytest.fixture()
def zoned(tmp_path):
    body = (
        _rule("B951", "head-only", 'phrases = ["推荐阅读"]\nzone = "head"')
        + _rule("B952", "tail-only", 'phrases = ["推荐阅读"]\nzone = "tail"')
        + _rule("B953", "first-only", 'phrases = ["推荐阅读"]\nzone = "first-line"')
        + _rule("B954", "last-only", 'phrases = ["推荐阅读"]\nzone = "last-line"')
        + _rule("B955", "outside-only", 'phrases = ["推荐阅读"]\nzone = "outside"')
    )
    return load_pack_rules([_pack(tmp_path, body)])


def test_zones(zoned):
    head = f"推荐阅读\n{PROSE}\n中间。\n{PROSE}\n"
    body = f"{PROSE}\n推荐阅读\n{PROSE}\n"
    tail = f"{PROSE}\n{PROSE}\n推荐阅读\n"
    assert sorted(_codes(head, zoned)) == ["B951", "B953", "B955"]
    assert _codes(body, zoned) == []  # a head-only (or tail-only, or outside) phrase inside the body
    assert sorted(_codes(tail, zoned)) == ["B952", "B954", "B955"]
    assert sorted(_codes(head + tail, zoned)) == ["B951", "B952", "B953", "B954", "B955", "B955"]
    # Without a prose line the page has no body: head and tail are everywhere, outside nowhere.
    assert sorted(_codes("标题\n推荐阅读\n短句。\n", zoned)) == ["B951", "B952"]


def test_labelled_lines_are_not_prose(zoned):
    # A long disclaimer that ends in a full stop does not extend the body.
    notice = "特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务，内容不代表本站观点和立场，请读者自行判断。"
    assert sorted(_codes(f"{PROSE}\n推荐阅读\n{notice}\n", zoned)) == ["B952", "B955"]


def test_prose_line_in_latin_script(zoned):
    assert sorted(_codes(f"推荐阅读\n{EN_PROSE}\n", zoned)) == ["B951", "B953", "B955"]
    assert sorted(_codes("推荐阅读\nA short line.\n", zoned)) == ["B951", "B952", "B953"]


def test_traditional_and_full_width_variants():
    registry = default_registry()
    rules = [registry.get(c) for c in ("B001", "B011", "B050", "B101")]
    assert _codes("掃碼關注我們\n", rules) == ["B011"]
    assert _codes("分享至：\n", rules) == ["B001"]
    assert _codes("ＳＨＡＲＥ ＴＨＩＳ ＡＲＴＩＣＬＥ\n", rules) == ["B050"]
    traditional = "特別聲明：以上內容（如有圖片或視頻亦包括在內）為自媒體平台“網易號”用戶上傳並發佈，本平台僅提供信息存儲服務。\n"
    assert _codes(traditional, rules) == ["B101"]


def test_max_length_protects_sentences():
    rule = default_registry().get("B011")
    assert _codes("扫码关注\n", [rule]) == ["B011"]
    sentence = "活动现场，工作人员引导市民扫码关注城市服务平台，在线办理社保、公积金等二十多项业务，十分便利。\n"
    assert _codes(sentence, [rule]) == []


def test_self_media_statement_only_in_tail():
    rule = default_registry().get("B020")
    assert _codes(f"{PROSE}\n\n声明：个人原创，仅供参考\n", [rule]) == ["B020"]
    assert _codes(f"{PROSE}\n\n声明：截止发稿为止，双方尚未回应。\n", [rule]) == []
    assert _codes(f"声明：个人原创，仅供参考\n{PROSE}\n{PROSE}\n", [rule]) == []


def test_drop_match_removes_the_match_and_its_separator(tmp_path):
    [rule] = load_pack_rules([_pack(tmp_path, _rule(extra='phrases = ["【广告】"]\nmatch = "anywhere"\nfix = "drop-match"'))])
    assert fix_document(Document("正文 | [广告] 更多正文。\n"), [rule]).text == "正文 | 更多正文。\n"
    assert fix_document(Document("正文。【廣告】\n"), [rule]).text == "正文。\n"
    # Nothing else left on the line: the whole line goes.
    assert fix_document(Document("一\n【广告】\n二\n"), [rule]).text == "一\n二\n"


def test_pattern_kinds(tmp_path):
    body = (
        _rule("B951", "p-line", "patterns = ['\\d+条评论']\nmatch = \"line\"")
        + _rule("B952", "p-start", "patterns = ['\\d+条评论']\nmatch = \"start\"")
        + _rule("B953", "p-end", "patterns = ['\\d+条评论']\nmatch = \"end\"")
        + _rule("B954", "p-anywhere", "patterns = ['\\d+条评论']\nmatch = \"anywhere\"")
    )
    rules = load_pack_rules([_pack(tmp_path, body)])
    assert _codes("12条评论\n", rules) == ["B951", "B952", "B953", "B954"]
    assert _codes("12条评论 更多\n", rules) == ["B952", "B954"]
    assert _codes("已有 12条评论\n", rules) == ["B953", "B954"]
    assert _codes("無評論\n", rules) == []
    assert _codes("已有１２條評論\n", rules) == ["B953", "B954"]  # folded before matching


def test_cache_follows_the_text():
    rule = default_registry().get("B001")
    doc = Document("分享至\n正文。\n")
    assert _codes(doc.text, [rule]) == ["B001"]
    assert len(check_document(doc, [rule])) == 1
    result = fix_document(doc, [rule])
    assert result.text == "正文。\n" and len(result.applied) == 1


# -- the seed pages ------------------------------------------------------------------------------

SEED_FILES = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".clean.txt")) if SEEDS.is_dir() else []
#: Labelled boilerplate the packs own: phrase-like lines, not bylines or trending lists.
PHRASE_LIKE = ("breadcrumb", "share widget", "disclaimer", "accessibility", "self-media statement",
               "promotion", "signature", "comment widget", "site-name prefix")
#: Lines inside those labels that the structure rules own: counters (`0` above `分享至`) and bylines.
NOT_A_PHRASE = re.compile(r"\d+|.*\d{4}-\d{1,2}-\d{1,2}.*")


def _stripped(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


@pytest.mark.parametrize("seed", SEED_FILES or [None], ids=lambda p: p.stem[:3] if p else "none")
def test_seed_boilerplate_is_removed_and_gold_kept(seed):
    if seed is None:
        pytest.skip("the seed pages (../shared/seeds) are not beside this checkout")
    raw = seed.read_text(encoding="utf-8")
    clean = (seed.parent / (seed.stem + ".clean.txt")).read_text(encoding="utf-8")
    labels = json.loads((seed.parent / (seed.stem + ".labels.json")).read_text(encoding="utf-8"))
    rules = [r for r in default_registry() if isinstance(r, PackRule)]
    doc = Document(raw)
    findings = check_document(doc, rules)
    fixed = fix_document(doc, rules, unsafe=True).text
    raw_lines = raw.splitlines()

    checked = 0
    for first, last, category, note in labels["drop"]:
        if "boilerplate" not in category or not any(k in note for k in PHRASE_LIKE):
            continue
        for row in range(first, last + 1):
            if not raw_lines[row - 1].strip() or NOT_A_PHRASE.fullmatch(raw_lines[row - 1].strip()):
                continue
            line = doc.lines[row - 1]
            assert any(f.fix and any(e.start <= line.start and e.end >= line.end for e in f.fix.edits)
                       for f in findings), f"line {row} ({note}) is not removed: {line.text[:40]!r}"
            checked += 1
    for where, category, note in labels.get("fix", []):
        if "boilerplate" in category and any(k in note for k in PHRASE_LIKE) and where != "all":
            before, after = raw_lines[where - 1].strip(), _stripped(fixed)[where - 1]
            assert len(after) < len(before) and before.endswith(after), note
            checked += 1
    assert checked, "no phrase-like boilerplate label in this seed"

    # Every gold line that the packs could touch (one present in the raw page) is still there.
    kept = set(_stripped(fixed))
    raw_set = set(_stripped(raw))
    missing = [ln for ln in _stripped(clean) if ln in raw_set and ln not in kept]
    assert not missing, f"gold lines removed: {missing[:3]}"


def test_readme_example_pack_works(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "rules" / "packs" / "README.md").read_text(encoding="utf-8")
    example = next(block for block in readme.split("```toml\n")[1:] if block.startswith("[pack]"))
    [rule] = load_pack_rules([_pack(tmp_path, example.split("```", 1)[0], "my-site.toml")])
    assert all(_codes(text, [rule]) for text in rule.flags)
    assert not any(_codes(text, [rule]) for text in rule.passes)


# --- the cache of shipped packs --------------------------------------------------------------


def _summary(entries):
    return [(e.code, e.name, e.phrases, e.patterns, e.zone, e.max_length, e.fix, e.applicability,
             [(pre, m.pattern, m.__name__) for pre, m in e.compiled]) for e in entries]


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    from scrapelint.rules.packs import cache

    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(directory))
    return directory


def test_a_shipped_pack_is_read_once_and_then_loaded_from_the_cache(cache_dir, monkeypatch):
    import tomllib

    path = PACKS_DIR / "generic-en.toml"
    first = read_pack(path, checked=True)
    assert len(list((cache_dir / "packs").glob("generic-en-*.pickle"))) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("the pack was parsed again")

    monkeypatch.setattr(tomllib, "loads", no_parsing)
    again = read_pack(path, checked=True)
    assert _summary(again) == _summary(first)
    copyright_ = next(e for e in again if e.code == "B053")
    assert copyright_.compiled[0][1]("copyright 2026 example media") is not None  # compiles on first use


def test_a_changed_pack_misses_the_cache_and_replaces_its_entry(cache_dir, tmp_path):
    path = tmp_path / "site.toml"
    path.write_text(RULE.format(code="B901", name="one", extra='phrases = ["Share this"]'), encoding="utf-8")
    assert [e.phrases for e in read_pack(path, checked=True)] == [("Share this",)]
    path.write_text(RULE.format(code="B901", name="one", extra='phrases = ["Print this"]'), encoding="utf-8")
    assert [e.phrases for e in read_pack(path, checked=True)] == [("Print this",)]
    assert len(list((cache_dir / "packs").glob("site-*.pickle"))) == 1


def test_a_user_pack_is_never_kept(cache_dir, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(RULE.format(code="B901", name="one", extra='phrases = ["Share this"]'), encoding="utf-8")
    read_pack(path)
    assert not cache_dir.exists()


def test_a_damaged_entry_or_an_unwritable_cache_is_not_an_error(cache_dir, tmp_path, monkeypatch):
    from scrapelint.rules.packs import cache

    path = PACKS_DIR / "sina.toml"
    expected = _summary(read_pack(path, checked=True))
    (entry,) = (cache_dir / "packs").glob("sina-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert _summary(read_pack(path, checked=True)) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocked / "cache"))  # a directory under a file
    assert _summary(read_pack(path, checked=True)) == expected
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_dir() is None and _summary(read_pack(path, checked=True)) == expected


def test_a_whole_line_phrase_is_found_inside_one_pair_of_brackets():
    from scrapelint.rules.packs.schema import line_key

    assert line_key(fold("【纠错】")) == line_key(fold("纠错")) == "纠错"
    assert line_key(fold(" [ 关闭 ] ")) == "关闭"
    assert line_key("(reuters)") == "reuters"
    assert line_key("[a] and [b]") == "[a] and [b]"  # two pairs: not one label in brackets
    assert line_key(fold("《人民日报》")) == "《人民日报》"  # a title in its marks is no button
    text = "市气象台今天上午发布消息，预计未来三天本市将持续晴好天气，最高气温将升至三十度左右。\n【纠错】\n"
    codes = {f.code for f in check_document(Document(text), default_registry().select())}
    assert "B014" in codes


def test_a_label_said_twice_is_read_once():
    from scrapelint.rules.packs.schema import line_key

    assert line_key("read more read more") == line_key("read more") == "read more"
    assert line_key("sponsored linkssponsored links") == "sponsored links"
    assert line_key("new york new") == "new york new"  # not the same half twice
    assert line_key("1111") == "11" and line_key("abc") == "abc"
    text = "The council voted on Tuesday to approve the new budget for the coming year.\nRead more Read more\n"
    codes = {f.code for f in check_document(Document(text), default_registry().select())}
    assert "B057" in codes


def test_the_language_variants_of_one_rule_report_a_line_once():
    """"Tags:" is the label of a tag line in nine languages' packs: the line gets one finding, from
    the first code, naming the others; ignoring that code leaves the line to the next one."""
    from scrapelint.api import check_text

    text = ("The council voted on Tuesday to extend the bus network to the northern districts.\n"
            "Tags: buses, council, transport\n")
    (found,) = [f for f in check_text(text) if f.start == text.index("Tags")]
    assert found.code == "B071" and "(also B224, B253" in found.message
    others = [f for f in check_text(text, ignore=["B071"]) if f.start == text.index("Tags")]
    assert [f.code for f in others] == ["B224"]
    # Rules of different kinds on one span are not merged.
    from scrapelint.model import Finding, Severity
    from scrapelint.rules.packs.matcher import _merge_variants

    def finding(code, name):
        return Finding(code=code, name=name, category="boilerplate", severity=Severity.WARNING, message=name,
                       start=0, end=9)

    merged = _merge_variants([finding("B071", "tag-line-en"), finding("B090", "wikipedia-tagline"),
                              finding("B224", "tag-line-de")])
    assert [(f.code, f.message) for f in merged] == [("B071", "tag-line-en (also B224)"),
                                                     ("B090", "wikipedia-tagline")]
