"""The service's own refusals (a body too large, not JSON, no file, an unknown standard,
format or key) carry ``message_zh`` as the command line's error documents do; the page a
browser gets is in the language the request asked for, in both when it asked for none."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient
from tests.cli.test_cli_errors_zh import latin_words

from eduequity.contract import validate
from eduequity.service import Settings, create_app

BUNDLED = [
    "cn-2012-basic", "cn-2017-quality", "cn-guangdong-2013", "cn-henan-2012",
    "cn-jiangsu-primary-basic", "cn-province-8of10", "cn-shaanxi-basic",
    "example-school-plan-2013", "example-school-plan-2016",
]  # fmt: skip
SCHOOLS = b"school_id,school_type\nS1,primary\n"


def _error(r: Any, status: int = 422) -> dict[str, Any]:
    assert r.status_code == status
    doc = r.json()
    validate(doc, "error")
    error: dict[str, Any] = doc["error"]
    return error


@pytest.mark.parametrize(
    ("kwargs", "english", "chinese", "allowed"),
    [
        ({"json": {"records": [], "standard": "nope"}},
         f"standard 'nope': not a bundled rule set ({', '.join(BUNDLED)})",
         f"没有内置规则集“nope”（可用：{'、'.join(BUNDLED)}）", ["nope", *BUNDLED]),
        ({"json": [1]}, "the JSON body must be an object with 'records'",
         "JSON 请求体须为含 records 的对象", ["JSON", "records"]),
        ({"json": {"records": "x"}}, "records: expected a list of school objects",
         "records 应为学校记录（对象）的列表", ["records"]),
        ({"json": {"records": [], "lang": "fr"}}, "lang 'fr': expected zh or en",
         "lang 应为 zh 或 en，填的是“fr”", ["lang", "zh", "en", "fr"]),
        ({"json": {"records": [], "format": "pdf"}},
         "format 'pdf': expected one of json, html, xlsx, md, text",
         "format 应为 json、html、xlsx、md、text 之一，填的是“pdf”",
         ["format", "json", "html", "xlsx", "md", "text", "pdf"]),
        ({"json": {"records": [], "stanard": "x"}},
         "unknown key(s) stanard; known: budget, changes, contract, costs, county_inputs, "
         "encoding, flags, format, lang, plots, records, sheet, standard, transfers",
         "未知的键 stanard；可用的键：budget、changes、contract、costs、county_inputs、"
         "encoding、flags、format、lang、plots、records、sheet、standard、transfers",
         ["stanard", "budget", "changes", "contract", "costs", "county_inputs", "encoding",
          "flags", "format", "lang", "plots", "records", "sheet", "standard", "transfers"]),
        ({"content": b'{"records":\n [,', "headers": {"content-type": "application/json"}},
         "the body is not JSON: Expecting value: line 2 column 3 (char 14)",
         "请求体不是有效的 JSON（第 2 行第 3 列）", ["JSON"]),
        ({"files": {"file": ("data.exe", b"MZ")}},
         "data.exe: unsupported file type (expected csv, txt, xlsx, xlsm, json)",
         "data.exe：不支持的文件类型（应为 csv、txt、xlsx、xlsm、json）",
         ["data.exe", "csv", "txt", "xlsx", "xlsm", "json"]),
        ({"data": {"lang": "zh"}, "files": {"other": ("a.csv", b"x")}},
         "no file: send the school table as the multipart field 'file'",
         "没有文件：请在表单的 file 字段中上传学校数据表", ["file"]),
        ({"data": {"flags": "{x"}, "files": {"file": ("a.csv", SCHOOLS)}},
         "flags: not JSON: Expecting property name enclosed in double quotes: line 1 column 2 "
         "(char 1)", "flags：不是有效的 JSON（第 1 行第 2 列）", ["flags", "JSON"]),
        ({"data": {"contract": "3"}, "files": {"file": ("a.csv", SCHOOLS)}},
         "contract: expected 1 or 2, got '3'", "contract 应为 1 或 2，填的是“3”", ["contract"]),
    ],
)  # fmt: skip
def test_a_refused_request_says_it_in_chinese_too(
    client: TestClient, kwargs: dict[str, Any], english: str, chinese: str, allowed: list[str]
) -> None:
    error = _error(client.post("/evaluate", **kwargs))
    assert error["message"] == english
    assert error["message_zh"] == chinese
    assert latin_words(chinese, *allowed) == []


def test_the_operations_own_options(client: TestClient) -> None:
    error = _error(client.post("/plan", json={"records": [], "budget": "x"}))
    assert (error["message"], error["message_zh"]) == (
        "budget 'x': expected yuan, a number", "budget 应为以元计的数字，填的是“x”"
    )
    error = _error(client.post("/plan", json={"records": [], "budget": -1}))
    assert error["message_zh"] == "budget 应为不小于 0 的元数，填的是“-1.0”"
    error = _error(client.post("/plan", json={"records": [], "costs": {"a": "x"}}))
    assert error["message_zh"] == "costs：单价须为数字（每单位多少元）"
    error = _error(client.post("/whatif", json={"records": [], "changes": [1]}))
    assert error["message"] == "changes: each change is an object (add, move, close, merge)"
    assert error["message_zh"] == "changes：每个调整项须为对象（add、move、close、merge）"
    error = _error(client.post("/evaluate", json={"records": [], "flags": [1]}))
    assert error["message_zh"] == 'flags 应为由 true 或 false 组成的对象，例如 {"name": true}'


def test_other_media_a_missing_schema_a_missing_page(client: TestClient) -> None:
    r = client.post("/evaluate", content=b"a,b\n", headers={"content-type": "text/csv"})
    error = _error(r, 415)
    assert error["message_zh"] == (
        "请以 multipart/form-data（文件放在 file 字段）或 application/json"
        '（{"records": [...]}）发送'
    )
    error = _error(client.get("/schema/nope"), 404)
    assert error["message"].startswith("no schema 'nope': assessment, assessment-v1, error")
    assert error["message_zh"].startswith("没有模式“nope”（可用：assessment、assessment-v1、error")
    error = _error(client.get("/nope"), 404)
    assert (error["message"], error["message_zh"]) == ("Not Found", "没有这个地址")
    error = _error(client.delete("/evaluate"), 405)
    assert error["message"] == "Method Not Allowed"
    assert error["message_zh"] == "此地址不接受这种请求方法"


def test_a_body_too_large() -> None:
    with TestClient(create_app(Settings(max_request_bytes=12_000))) as small:
        r = small.post("/evaluate", content=b"x" * 12_001,
                       headers={"content-type": "application/json"})  # fmt: skip
        error = _error(r, 413)
    assert error["message"] == "the request is over the limit of 12,000 bytes"
    assert error["message_zh"] == "请求超过了 12,000 字节的上限"


HTML = {"accept": "text/html,application/xhtml+xml"}


def test_the_page_of_an_error_is_in_the_language_asked_for(client: TestClient) -> None:
    missing = {"files": {"other": ("a.csv", b"x")}, "headers": HTML}
    page = client.post("/evaluate", data={"lang": "zh"}, **missing).text
    body = page[page.index("<body>"):]
    assert body == (
        '<body><h1 class="bad">数据未通过检查</h1><p>没有文件：请在表单的 file 字段中上传学校'
        '数据表</p><p><a href="/">返回表单</a></p></body></html>\n'
    )
    assert latin_words(body, "<body>", "</body>", "</html>", "<h1 class=\"bad\">", "</h1>",
                       "<p>", "</p>", '<a href="/">', "</a>", "file") == []  # fmt: skip
    assert "<title>输入有误 · eduequity</title>" in page
    page = client.post("/evaluate", data={"lang": "en"}, **missing).text
    assert page[page.index("<body>"):] == (
        '<body><h1 class="bad">The input was refused</h1><p>no file: send the school table as '
        "the multipart field &#x27;file&#x27;</p><p><a href=\"/\">Back to the form</a></p>"
        "</body></html>\n"
    )
    page = client.post("/evaluate", **missing).text  # no language asked for: as it was
    assert page[page.index("<body>"):] == (
        '<body><h1 class="bad">数据未通过检查 · The input was refused</h1><p>no file: send the '
        "school table as the multipart field &#x27;file&#x27;</p><p><a href=\"/\">返回 Back to "
        "the form</a></p></body></html>\n"
    )


def test_the_defects_of_a_page_in_chinese(client: TestClient) -> None:
    bad = b"school_id,school_type,county_code,students_primary\nS1,primary,100001,-5\n"
    r = client.post("/evaluate", data={"lang": "zh", "format": "html"},
                    files={"file": ("county.csv", bad)}, headers=HTML)  # fmt: skip
    assert r.status_code == 422
    assert (
        "<tr><th>行</th><th>学校</th><th>列</th><th>值</th><th>说明</th></tr>"
        "<tr><td>2</td><td>S1</td><td>students_primary</td><td>-5</td>"
        "<td>county.csv：第 2 行（学校 S1）“小学在校生数”：不能为负数，填的是 -5</td></tr>"
    ) in r.text
    assert "<p>county.csv：1 个错误，数据未被接受</p>" in r.text


def test_an_uploaded_county_inputs_file_that_is_not_json(client: TestClient) -> None:
    files = {"file": ("a.csv", SCHOOLS), "county_inputs": ("inputs.json", b'{"999901": ')}
    error = _error(client.post("/evaluate", data={"standard": "cn-2012-basic"}, files=files))
    assert error["message"] == (
        "inputs.json: cannot read county inputs: Expecting value: line 1 column 12 (char 11)"
    )
    assert error["message_zh"] == "inputs.json：无法读取县级数据：JSON 格式有误（第 1 行第 12 列）"


def test_county_inputs_the_csv_module_cannot_read(client: TestClient) -> None:
    long = b"county_code,teacher_pay_vs_civil_servants_pct\n999901,\"" + b"x" * 140_000 + b"\"\n"
    files = {"file": ("a.csv", SCHOOLS), "county_inputs": ("inputs.csv", long)}
    error = _error(client.post("/evaluate", files=files))  # not a 500
    assert error["message"] == (
        "inputs.csv: cannot read county inputs: CSV line 2: field larger than field limit (131072)"
    )
    zh = "inputs.csv：无法读取县级数据：CSV 第 2 行无法解析（如单元格过长）"
    assert error["message_zh"] == zh
    assert error["file"] == "inputs.csv"  # the file its sentence names
