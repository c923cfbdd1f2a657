"""Under ``--lang zh`` every error a command can meet reads in Chinese, said from its code
and facts (options argparse refuses, rule-set files, county inputs, the commands' own
checks); without ``--lang`` (and with ``--lang en``) its English is as it always was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eduequity.cli import main


def latin_words(text: str, *allowed: str) -> list[str]:
    """The words in Latin letters left once ``allowed`` (file names, ids, values,
    options: what the user wrote or the data name) are taken out."""
    for a in sorted(allowed, key=len, reverse=True):
        text = text.replace(a, "")
    return re.findall(r"[A-Za-z]+", text)


def _err(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    return [x for x in lines if not x.startswith((" ", "usage: ", "用法："))]


def _chdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


BUNDLED = (
    "cn-2012-basic, cn-2017-quality, cn-guangdong-2013, cn-henan-2012, "
    "cn-jiangsu-primary-basic, cn-province-8of10, cn-shaanxi-basic, "
    "example-school-plan-2013, example-school-plan-2016"
)


def test_a_helper_that_finds_english_words() -> None:
    assert latin_words("错误：a.csv：no such file", "a.csv") == ["no", "such", "file"]
    assert latin_words("错误：a.csv：文件不存在", "a.csv") == []


def test_an_unknown_rule_set(capsys: pytest.CaptureFixture[str]) -> None:
    zh = _err(["evaluate", "--example", "--standard", "nope", "--lang", "zh"], capsys)
    assert zh == [
        "错误：nope：没有这个规则集：既不是内置规则集（"
        + BUNDLED.replace(", ", "、")
        + "），也不是文件"
    ]
    assert latin_words(zh[0], "nope", *BUNDLED.split(", ")) == []
    en = _err(["evaluate", "--example", "--standard", "nope"], capsys)
    assert en == [f"error: nope: no such rule set: neither a bundled id ({BUNDLED}) nor a file"]


def test_a_bad_choice_and_its_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--example", "--format", "nope", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：eduequity evaluate [-h]")
    assert err.splitlines()[-1] == (
        "错误：eduequity evaluate：参数 --format：“nope”不是可选的值"
        "（可选：text、json、md、html、xlsx、parquet、csv-dir）"
    )
    assert main(["evaluate", "--example", "--format", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: eduequity evaluate [-h]")
    assert err.splitlines()[-1] == (
        "error: eduequity evaluate: argument --format: invalid choice: 'nope' (choose from "
        "'text', 'json', 'md', 'html', 'xlsx', 'parquet', 'csv-dir')"
    )


def test_a_bad_year_an_unknown_option_an_unknown_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _err(["collect", "x", "--year", "abc", "--lang", "zh"], capsys) == [
        "错误：eduequity collect：参数 --year：“abc”不是整数"
    ]
    assert _err(["collect", "x", "--year", "abc"], capsys) == [
        "error: eduequity collect: argument --year: invalid int value: 'abc'"
    ]
    assert _err(["validate", "a.csv", "--frob", "--lang", "zh"], capsys) == [
        "错误：eduequity：无法识别的参数：--frob"
    ]
    zh = _err(["frob", "--lang", "zh"], capsys)
    assert zh[-1].startswith("错误：eduequity：没有命令“frob”（可用：validate、summary、evaluate、")


def test_an_unknown_county_of_a_trend_plot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    _chdir(tmp_path, monkeypatch)
    argv = ["trend", "--example", "--plot", "cv.svg", "--county", "123456"]
    assert _err([*argv, "--lang", "zh"], capsys) == [
        "错误：县 123456 的小学没有趋势数据（需两个或更多学年）"
    ]
    assert _err(argv, capsys) == ["error: no trend for county '123456', level 'primary'"]


def test_a_rule_set_file_with_bad_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\nrevision = "abc"\n', encoding="utf-8")
    zh = _err(["evaluate", "--example", "--standard", str(path), "--lang", "zh"], capsys)
    assert zh[0] == f"错误：{path}：revision：应为整数，填的是 abc"
    assert f"{path}：title_zh：缺少必填项" in zh
    for line in zh:
        assert (
            latin_words(
                line,
                str(path),
                "abc",
                "revision",
                "title_zh",
                "title_en",
                "status",
                "sources",
                "scope",
                "parts",
                "kind",
                "document",
            )
            == []
        ), line
    en = _err(["evaluate", "--example", "--standard", str(path)], capsys)
    assert en[0].startswith(f"error: {path}: revision: Input should be a valid integer")
    assert f"{path}: title_zh: Field required" in en


def test_a_rule_set_file_that_is_not_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\nkind = ?\n', encoding="utf-8")
    assert _err(["evaluate", "--example", "--standard", str(path), "--lang", "zh"], capsys) == [
        f"错误：{path}：不是有效的 TOML（第 2 行第 8 列附近）"
    ]
    assert _err(["evaluate", "--example", "--standard", str(path)], capsys) == [
        f"error: {path}: not valid TOML: Invalid value (at line 2, column 8)"
    ]


def test_a_rule_checked_by_the_schema(tmp_path: Path) -> None:
    from eduequity.errors import RuleSetError
    from eduequity.report.error_text import error_text
    from eduequity.rules import load_rule_set

    path = tmp_path / "child.toml"
    path.write_text(
        'id = "child"\nrevision = 1\nextends = "cn-2012-basic"\nremove = ["no_such_rule"]\n'
        'title_zh = "子"\ntitle_en = "child"\nstatus = "draft"\nsources = []\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError) as caught:
        load_rule_set(path)
    assert error_text(caught.value, "zh") == (
        f"{path}：remove[0]：上级规则集中没有规则“no_such_rule”"
        "（有：composite_cv、government_effort_score、public_satisfaction）"
    )
    assert "no rule 'no_such_rule' in the parent set" in str(caught.value)


def test_county_inputs_with_a_bad_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "inputs.json"
    path.write_text(
        json.dumps(
            {
                "999901": {"public_satisfaction_pct": "abc"},
                "999902": {"public_satisfaction_pct": 150},
            }
        ),
        encoding="utf-8",
    )
    argv = ["evaluate", "--example", "--standard", "cn-2012-basic", "--county-inputs", str(path)]
    zh = _err([*argv, "--lang", "zh"], capsys)
    assert zh == [
        f"错误：{path}：区县 999901，县级数据 public_satisfaction_pct：应填数字，填的是“abc”",
        f"{path}：区县 999902，县级数据 public_satisfaction_pct：不能大于 100，填的是 150",
    ]
    assert all(latin_words(z, str(path), "public_satisfaction_pct", "abc") == [] for z in zh)
    assert _err(argv, capsys) == [
        f"error: {path}: county 999901, input public_satisfaction_pct: expected a number, "
        "got 'abc'",
        f"{path}: county 999902, input public_satisfaction_pct: must be <= 100, got 150",
    ]


def test_county_inputs_that_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "inputs.json"
    bad.write_text('{"999901": ', encoding="utf-8")
    argv = ["evaluate", "--example", "--county-inputs", str(bad)]
    assert _err([*argv, "--lang", "zh"], capsys) == [
        f"错误：{bad}：无法读取县级数据：JSON 格式有误（第 1 行第 12 列）"
    ]
    assert _err(argv, capsys) == [
        f"error: {bad}: cannot read county inputs: Expecting value: line 1 column 12 (char 11)"
    ]
    argv = ["evaluate", "--example", "--county-inputs", "999"]
    assert _err([*argv, "--lang", "zh"], capsys) == [
        "错误：999：县级数据文件须为 .json、.toml 或 .csv"
    ]
    assert _err(argv, capsys) == ["error: 999: county inputs must be .json, .toml or .csv"]


def test_the_commands_own_checks(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["evaluate", "--example", "--flag", "strict"]
    assert _err([*argv, "--lang", "zh"], capsys) == [
        "错误：--flag strict：应写作 名称=on 或 名称=off"
    ]
    assert _err(argv, capsys) == ["error: --flag strict: expected NAME=on or NAME=off"]
    argv = ["evaluate", "--example", "--flag", "nope=on"]
    assert _err([*argv, "--lang", "zh"], capsys) == [
        "错误：规则集 cn-2017-quality 没有选项 nope（可用：room_area_relaxation、"
        "school_size_relaxation、itinerant_pe_art_teachers、dense_centre_sports_space）"
    ]
    argv = ["whatif", "--example", "--add", "NOPE,teaching_aux_area_m2,300"]
    assert _err([*argv, "--lang", "zh"], capsys) == ["错误：表中没有学校“NOPE”"]
    assert _err(argv, capsys) == ["error: no school 'NOPE' in the table"]
    assert _err(["whatif", "--example", "--lang", "zh"], capsys) == [
        "错误：请给出调整：--add、--move、--close、--merge 或 --changes 文件"
    ]
    assert _err(["validate", "--lang", "zh"], capsys) == [
        "错误：请给出学校数据文件 PATH，或用 --example 使用内置的示例县"
    ]


def test_the_error_document_carries_the_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\nrevision = "abc"\n', encoding="utf-8")
    assert main(["evaluate", "--example", "--standard", str(path), "--format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    first = doc["defects"][0]
    assert first["key"] == "revision"
    assert first["message"].startswith("revision: Input should be a valid integer")
    assert first["message_zh"] == f"{path}：revision：应为整数，填的是 abc"
    assert doc["error"]["message_zh"].splitlines()[0] == first["message_zh"]
    assert main(["evaluate", "--example", "--standard", "nope", "--format", "json"]) == 2
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["message"].startswith("nope: no such rule set")
    assert error["message_zh"].startswith("nope：没有这个规则集")


def test_an_error_without_a_code_has_no_chinese_in_the_document() -> None:
    from eduequity.contract.error import error_document
    from eduequity.errors import ConfigurationError

    assert "message_zh" not in error_document(ConfigurationError("x"))["error"]


def test_a_school_file_that_is_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "schools.json"
    path.write_text('[{"school_id": "S1",\n  "school_type" "primary"}]', encoding="utf-8")
    assert _err(["validate", str(path), "--lang", "zh"], capsys) == [
        "错误：schools.json：不是有效的 JSON（第 2 行第 17 列）"
    ]
    assert _err(["validate", str(path)], capsys) == [
        "error: schools.json: invalid JSON: Expecting ':' delimiter: line 2 column 17 (char 37)"
    ]


def test_a_file_the_system_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-folder" / "report.html"
    argv = ["evaluate", "--example", "--format", "html", "--output", str(target), "--quiet"]
    assert _err([*argv, "--lang", "zh"], capsys) == [f"错误：{target}：文件或文件夹不存在"]
    assert _err(argv, capsys) == [f"error: {target}: No such file or directory"]


def test_every_code_an_error_is_raised_with_has_its_sentence() -> None:
    import eduequity
    from eduequity.report.labels import MESSAGES

    root = Path(eduequity.__file__).parent
    codes: set[str] = set()
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'message_code="([a-z_.]+)"', source))
        codes |= {f"rs.{c}" for c in re.findall(r'_refused\([^)]*?"([a-z_]+)"', source)}
        codes |= set(re.findall(r'"(rs\.[a-z_]+)"', source))
        codes |= {f"ci.{c}" for c in re.findall(r'refuse\([^)]*?"([a-z_]+)"', source)}
    assert len(codes) > 60
    missing = sorted(c for c in codes if f"e.{c}" not in MESSAGES)
    assert missing == []


def test_the_file_written_is_said_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    assert main(["evaluate", "--example", "--format", "md", "--output", str(target),
                 "--lang", "zh"]) == 0  # fmt: skip
    assert capsys.readouterr().err.splitlines()[-1] == f"已写出 {target}"
    assert main(["evaluate", "--example", "--format", "md", "--output", str(target)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == f"wrote {target}"


BAD_RULES = Path(__file__).parents[1] / "data" / "bad_rules"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("bad_aggregate", "rules[0] (id 'r').aggregate：应为 each、mean 之一，填的是 median"),
        ("bad_scope", "scope.teaching_points.mode：应为 merge、exclude、keep 之一，填的是 drop"),
        ("unknown_kind_of_set", "kind：应为 standard、example 之一，填的是 guess"),
    ],
)
def test_a_value_outside_its_choices_lists_them_in_chinese(
    name: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(BAD_RULES / f"{name}.toml")
    zh = _err(["evaluate", "--example", "--standard", path, "--lang", "zh"], capsys)
    assert zh[-1] == f"错误：{path}：{said}"
    assert latin_words(zh[-1], path, "rules", "id", "'r'", "aggregate", "scope",
                       "teaching_points", "mode", "kind", "each", "mean", "median", "merge",
                       "exclude", "keep", "drop", "standard", "example", "guess") == []  # fmt: skip


def test_a_change_that_names_no_school_and_a_file_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changes = tmp_path / "c.json"
    changes.write_text('[{"add": {"column": "books", "amount": 5}}]', encoding="utf-8")
    argv = ["whatif", "--example", "--changes", str(changes)]
    assert _err([*argv, "--lang", "zh"], capsys) == [
        "错误：调整项“add”须在“school_id”下写明学校：{'column': 'books', 'amount': 5}"
    ]
    assert _err(argv, capsys) == [
        "error: a change 'add' names its school under 'school_id': "
        "{'column': 'books', 'amount': 5}"
    ]
    changes.write_bytes(b'[{"add": "\xff"}]')
    assert _err([*argv, "--lang", "zh"], capsys) == [
        f"错误：{changes}：不是 UTF-8 文本（第 1 行的字节 0xff）：请将文件另存为 UTF-8"
    ]
    assert _err(argv, capsys) == [
        f"error: {changes}: not UTF-8 text (byte 0xff on line 1): save the file as UTF-8"
    ]
    costs = tmp_path / "costs.toml"
    costs.write_bytes(b'x = "\xfe"')
    assert _err(["plan", "--example", "--costs", str(costs)], capsys) == [
        f"error: {costs}: not UTF-8 text (byte 0xfe on line 1): save the file as UTF-8"
    ]


def test_a_file_that_cannot_be_opened_says_why_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "none.json")
    argv = ["evaluate", "--example", "--county-inputs", missing]
    said = _err([*argv, "--lang", "zh"], capsys)
    assert said == [f"错误：{missing}：无法读取县级数据：文件或文件夹不存在"]


def test_a_move_that_is_not_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changes = tmp_path / "c.json"
    changes.write_text('[{"move": "S1"}]', encoding="utf-8")
    argv = ["whatif", "--example", "--changes", str(changes)]
    zh = _err([*argv, "--lang", "zh"], capsys)
    assert zh == ["错误：调整项“move”须是由各字段组成的对象：'S1'"]
    assert _err(argv, capsys) == ["error: a change 'move' is an object of its fields: 'S1'"]


def test_a_choice_of_one_unquoted_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eduequity.rules import files

    bundled = Path(files.__file__).parent / "data" / "sets" / "cn-2012-basic.toml"
    text = re.sub(r"(?m)^split = .*$", "split = true", bundled.read_text(encoding="utf-8"))
    path = tmp_path / "split.toml"
    path.write_text(text, encoding="utf-8")
    zh = _err(["evaluate", "--example", "--standard", str(path), "--lang", "zh"], capsys)
    assert f"{path}：scope.split.literal[False]：应为 False 之一，填的是 True" in zh


def test_a_county_inputs_csv_with_a_cell_too_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "inputs.csv"
    path.write_text("county_code,teacher_pay_vs_civil_servants_pct\n999901,\"" + "x" * 140_000
                    + "\"\n", encoding="utf-8")  # fmt: skip
    argv = ["evaluate", "--example", "--county-inputs", str(path)]
    zh = _err([*argv, "--lang", "zh"], capsys)
    assert zh == [f"错误：{path}：无法读取县级数据：CSV 第 2 行无法解析（如单元格过长）"]
    assert _err(argv, capsys) == [
        f"error: {path}: cannot read county inputs: CSV line 2: field larger than field limit "
        "(131072)"
    ]
