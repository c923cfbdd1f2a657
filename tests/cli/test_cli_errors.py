"""Bad input on the command line: exit 2, the defects on stderr, or one eduequity.error/1
document on stdout with --format json; internal errors keep their traceback."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eduequity.cli import build_parser, main
from eduequity.cli._errors import error_document

DATA = Path(__file__).parents[1] / "data"
BAD = DATA / "bad" / "several_defects.csv"
BAD_RULES = DATA / "bad_rules" / "unknown_part.toml"

# The three defects of several_defects.csv, as the loader reports them (file order).
EXPECTED_DEFECTS = [
    ("unknown_school_type", 4, "S3", "school_type", "unknown"),
    ("negative_value", 2, "S1", "teaching_aux_area_m2", -1500),
    ("subset_exceeds_total", 3, "S2", "qualified_teachers_primary", 30.0),
]


def _error_doc(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    out = capsys.readouterr().out
    doc = json.loads(out)  # exactly one document: json.loads refuses trailing text
    assert isinstance(doc, dict)
    return doc


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["summary"],
        ["evaluate"],
        ["plan"],
        ["trend"],
        ["whatif", "--close", "S1"],
    ],
)
def test_refused_data_gives_one_error_document_per_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, str(BAD), "--format", "json"]) == 2
    doc = _error_doc(capsys)
    assert doc["format"] == "eduequity.error/1"
    assert doc["error"] == {
        "type": "DataValidationError",
        "code": "data_invalid",
        "message": "several_defects.csv: 3 error(s); the data were refused",
        "file": "several_defects.csv",
        "message_zh": "several_defects.csv：3 个错误，数据未被接受",
    }
    defects = doc["defects"]
    assert isinstance(defects, list)
    got = [(d["code"], d["row"], d["school"], d["column"], d["value"]) for d in defects]
    assert got == EXPECTED_DEFECTS
    for d in defects:
        assert d["severity"] == "error"
        assert d["file"] == "several_defects.csv"
        assert d["message"].startswith(f"several_defects.csv, row {d['row']}, school {d['school']}")


def test_the_text_format_lists_the_same_defects_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["evaluate", str(BAD)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 4
    assert lines[1] == (
        "error: several_defects.csv, row 2, school S1, column teaching_aux_area_m2: "
        "must be >= 0, got -1500"
    )
    assert lines[3] == "several_defects.csv: 3 error(s); the data were refused"


def test_a_bad_option_with_json_is_an_error_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--example", "--format", "json", "--lang", "fr"]) == 2
    doc = _error_doc(capsys)
    assert doc["error"]["type"] == "UsageError"
    assert doc["error"]["code"] == "usage_error"
    assert doc["error"]["message"].startswith(
        "eduequity evaluate: argument --lang: invalid choice: 'fr' (choose from "
    )
    assert doc["defects"] == []
    # without --format json: argparse's usage line and the message, exit 2 as argparse's own
    assert main(["evaluate", "--example", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: eduequity evaluate")
    assert "error: eduequity evaluate: argument --lang: invalid choice: 'fr'" in err


def test_a_bad_rule_file_lists_its_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "validate", str(BAD_RULES), "--format", "json"]) == 2
    doc = _error_doc(capsys)
    assert doc["error"]["code"] == "rule_set_invalid"
    assert doc["error"]["file"] == str(BAD_RULES)
    first = doc["defects"][0]
    assert (first["code"], first["file"], first["key"]) == (
        "rule_set_invalid",
        str(BAD_RULES),
        "rules[id=r].part",
    )
    assert first["message"].startswith("rules[id=r].part: unknown part 'governmnet'")


def test_a_missing_costs_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.toml"
    assert main(["plan", "--example", "--costs", str(missing)]) == 2
    assert capsys.readouterr().err == f"error: {missing}: No such file or directory\n"
    assert main(["plan", "--example", "--costs", str(missing), "--format", "json"]) == 2
    doc = _error_doc(capsys)
    assert doc["error"]["code"] == "file_not_found"
    assert doc["error"]["file"] == str(missing)


def test_an_output_into_a_missing_folder_or_onto_a_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "report.md"
    assert main(["evaluate", "--example", "--format", "md", "--output", str(target)]) == 2
    assert capsys.readouterr().err.endswith(f"error: {target}: No such file or directory\n")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["evaluate", "--example", "--format", "md", "--output", str(folder)]) == 2
    assert f"error: {folder}: Is a directory" in capsys.readouterr().err
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]  # no temporary file left


def test_a_missing_data_file_with_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "/no/such/file.csv", "--format", "json"]) == 2
    doc = _error_doc(capsys)
    assert doc["error"]["type"] == "DataError"
    assert "/no/such/file.csv" in doc["error"]["message"]


def test_an_internal_error_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("a bug, not bad input")

    import eduequity.cli.data as data

    monkeypatch.setattr(data, "run_validate", broken)
    with pytest.raises(RuntimeError, match="a bug, not bad input"):
        main(["validate", "--example"])


def test_error_document_of_a_full_disk() -> None:
    import errno

    doc = error_document(OSError(errno.ENOSPC, "No space left on device", "out.html"))
    assert doc["error"] == {
        "type": "OSError",
        "code": "disk_full",
        "message": "out.html: no space left on the device; the previous file is unchanged",
        "file": "out.html",
        "message_zh": "out.html：磁盘空间不足；原有文件未被改动",
    }


def test_the_parser_is_built_from_the_command_modules() -> None:
    names = list(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert names == [
        "validate", "summary", "evaluate", "audit", "trend", "monitor", "plan", "whatif",
        "template", "collect", "forms", "rectify", "survey", "teachers", "crosscheck", "rules",
        "schema", "serve",
    ]  # fmt: skip


def test_an_infinite_or_missing_value_is_text_in_the_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from eduequity.defects import Defect
    from eduequity.errors import DataValidationError

    def refuse(source: object, **kwargs: object) -> None:
        raise DataValidationError(
            [
                Defect("error", "overflow", "a.csv, row 2: inf", "a.csv", 2, "S1",
                       "equipment_value_yuan", float("inf")),
                Defect("error", "not_a_number", "a.csv, row 3: nan", "a.csv", 3, "S2",
                       "books", float("nan")),
            ],
            "a.csv",
        )  # fmt: skip

    monkeypatch.setattr("eduequity.io.load_schools", refuse)
    assert main(["validate", "a.csv", "--format", "json"]) == 2
    doc = _error_doc(capsys)
    assert [d["value"] for d in doc["defects"]] == ["inf", "nan"]


def test_permission_denied_on_writing_names_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import eduequity.io.atomic as atomic

    def denied(*args: object, dir: str = ".", **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", f"{dir}/.report.md.x.tmp")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    target = tmp_path / "report.md"
    assert main(["evaluate", "--example", "--format", "md", "--output", str(target)]) == 2
    assert capsys.readouterr().err.endswith(f"error: {target}: Permission denied\n")
    assert main(["evaluate", "--example", "--format", "json", "--output", str(target)]) == 2
    doc = _error_doc(capsys)
    assert (doc["error"]["code"], doc["error"]["file"]) == ("permission_denied", str(target))


def test_rules_and_county_inputs_errors_with_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "show", "no-such-set", "--format", "json"]) == 2
    doc = _error_doc(capsys)
    assert doc["error"]["code"] == "rule_set_invalid"
    assert "no such rule set" in doc["error"]["message"]
    missing = tmp_path / "inputs.json"
    argv = ["evaluate", "--example", "--county-inputs", str(missing), "--format", "json"]
    assert main(argv) == 2
    doc = _error_doc(capsys)
    assert str(missing) in doc["error"]["message"]
