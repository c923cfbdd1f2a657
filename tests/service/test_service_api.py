"""The service in process: every endpoint answers what the library and the command line
give, each JSON answer conforms to its published schema, and bad input is 422 with the
error document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

import eduequity as eq
from eduequity.cli import main
from eduequity.contract import schema, schema_names, validate
from eduequity.service import Settings, create_app

INPUTS = {"999901": {"government_effort_score": 91, "public_satisfaction_pct": 88.5}}
NEGATIVE = b"school_id,school_type,county_code,students_primary\nS1,primary,100001,-5\n"


def _upload(data: bytes, name: str = "example_county.csv", **fields: str) -> dict[str, Any]:
    return {"files": {"file": (name, data, "text/csv")}, "data": fields}


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_health_standards_and_schemas(client: TestClient) -> None:
    r = client.get("/health")
    assert (r.status_code, r.json()) == (200, {"status": "ok", "version": eq.__version__})
    doc = client.get("/standards").json()
    validate(doc, "standards", strict=True)
    assert [s["id"] for s in doc["rule_sets"]] == eq.bundled_rule_sets()
    for name in schema_names():
        r = client.get(f"/schema/{name}")
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/schema+json"
        assert r.json() == schema(name)
    r = client.get("/schema/nation")
    assert r.status_code == 404
    validate(r.json(), "error", strict=True)


@pytest.mark.parametrize("standard", ["cn-2012-basic", "cn-2017-quality"])
def test_an_upload_gives_the_command_lines_assessment(
    client: TestClient, example_csv: bytes, standard: str, capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_text(json.dumps(INPUTS), encoding="utf-8")
    expected = _cli(["evaluate", str(eq.example_path()), "--standard", standard,
                     "--county-inputs", str(inputs), "--format", "json"], capsys)  # fmt: skip
    r = client.post("/evaluate", **_upload(example_csv, standard=standard,
                                           county_inputs=json.dumps(INPUTS)))  # fmt: skip
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    doc = r.json()
    validate(doc, "assessment", strict=True)
    # the same document; only a warning about the inputs names a file rather than "county inputs"
    assert {k: v for k, v in doc.items() if k != "warnings"} == {
        k: v for k, v in expected.items() if k != "warnings"}  # fmt: skip
    assert [w["code"] for w in doc["warnings"]] == [w["code"] for w in expected["warnings"]]
    # the county inputs as an uploaded file give the same
    files = {"file": ("example_county.csv", example_csv),
             "county_inputs": ("inputs.json", inputs.read_bytes())}  # fmt: skip
    r = client.post("/evaluate", files=files, data={"standard": standard})
    assert r.json() == expected | {"warnings": r.json()["warnings"]}
    assert r.json()["warnings"] == doc["warnings"]  # the file is read as data: no path shown
    assert r.json() == doc


def test_json_records_default_to_the_2017_standard(client: TestClient) -> None:
    records = eq.load_example().to_dicts()
    r = client.post("/evaluate", json={"records": records})
    assert r.status_code == 200
    doc = r.json()
    validate(doc, "assessment", strict=True)
    assert doc == json.loads(eq.evaluate(records).to_json())
    assert doc["standard"]["id"] == "cn-2017-quality"
    assert doc["source"] == "records"


def test_the_contract_option_in_either_body(client: TestClient) -> None:
    records = eq.load_example().to_dicts()
    one = client.post("/evaluate", json={"records": records, "contract": 1}).json()
    validate(one, "assessment-v1", strict=True)
    assert one == json.loads(eq.evaluate(records).to_json(contract=1))
    csv = (Path(eq.__file__).parent / "data" / "example_county.csv").read_bytes()
    form = client.post("/evaluate", files={"file": ("a.csv", csv)}, data={"contract": "1"})
    assert form.json()["format"] == "eduequity.assessment/1"
    bad = client.post("/evaluate", json={"records": records, "contract": True})
    assert bad.status_code == 422
    assert bad.json()["error"]["message"] == "contract: expected 1 or 2, got True"


def test_an_xlsx_upload_gives_the_same_numbers(client: TestClient, tmp_path: Path) -> None:
    from openpyxl import Workbook

    records = eq.load_example().to_dicts()
    names = list(dict.fromkeys(k for r in records for k in r))
    wb = Workbook()
    ws = wb.active
    ws.append(names)
    for rec in records:
        ws.append([rec.get(k) for k in names])
    path = tmp_path / "county.xlsx"
    wb.save(path)
    r = client.post("/evaluate", files={"file": ("county.xlsx", path.read_bytes())})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["source"] == "county.xlsx"
    assert doc == json.loads(eq.evaluate(path).to_json())
    verdicts = [c.passed for c in eq.evaluate(records).counties]
    assert [c["passed"] for c in doc["counties"]] == verdicts


def test_reports_in_html_and_xlsx(client: TestClient, example_csv: bytes, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    a = eq.evaluate(eq.load_example(), "cn-2017-quality")
    r = client.post("/evaluate", **_upload(example_csv, format="html", lang="en", plots="off"))
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.text == a.to_html(lang="en", plots=False)
    r = client.post("/evaluate", **_upload(example_csv, format="xlsx"))
    assert r.status_code == 200
    assert r.headers["content-disposition"] == (
        'attachment; filename="example_county-cn-2017-quality.xlsx"')  # fmt: skip
    path = tmp_path / "got.xlsx"
    path.write_bytes(r.content)
    a.to_xlsx(tmp_path / "want.xlsx")
    got, want = load_workbook(path), load_workbook(tmp_path / "want.xlsx")
    assert got.sheetnames == want.sheetnames
    for name in got.sheetnames:
        assert list(got[name].values) == list(want[name].values)
    r = client.post("/evaluate", **_upload(example_csv, format="md"))
    assert r.text == a.to_markdown()


def test_validate_plan_and_whatif_give_the_command_lines_json(
    client: TestClient, example_csv: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(eq.example_path())
    r = client.post("/validate", **_upload(example_csv))
    assert r.json() == _cli(["validate", path, "--format", "json"], capsys)
    validate(r.json(), "validate", strict=True)

    r = client.post("/plan", **_upload(example_csv))
    assert r.json() == _cli(["plan", path, "--format", "json"], capsys)
    validate(r.json(), "plan", strict=True)
    r = client.post("/plan", **_upload(example_csv, budget="100000"))
    assert r.json() == _cli(["plan", path, "--budget", "100000", "--format", "json"], capsys)
    assert r.json()["total_cost"] <= 100000

    changes = [{"add": {"school_id": "999901B014", "column": "teaching_aux_area_m2",
                        "amount": 300}}, {"close": "999901B001"}]  # fmt: skip
    expected = _cli(["whatif", path, "--add", "999901B014,teaching_aux_area_m2,300",
                     "--close", "999901B001", "--format", "json"], capsys)  # fmt: skip
    r = client.post("/whatif", **_upload(example_csv, changes=json.dumps(changes)))
    assert r.status_code == 200
    validate(r.json(), "whatif", strict=True)
    # the command line keeps the amount as typed; the verdicts and CVs are the same
    assert r.json()["counties"] == expected["counties"]
    r = client.post("/whatif", json={"records": eq.load_example().to_dicts(),
                                     "changes": changes})  # fmt: skip
    assert r.json()["counties"] == expected["counties"]


def _refused(r: Any, status: int = 422) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    doc: dict[str, Any] = r.json()
    validate(doc, "error", strict=True)
    return doc


def test_bad_data_is_422_with_every_defect(client: TestClient) -> None:
    doc = _refused(client.post("/evaluate", **_upload(NEGATIVE, name="county.csv")))
    assert doc["error"]["type"] == "DataValidationError"
    (defect,) = doc["defects"]
    assert (defect["file"], defect["row"], defect["school"], defect["column"],
            defect["value"], defect["code"]) == ("county.csv", 2, "S1", "students_primary",
                                                 -5.0, "negative_value")  # fmt: skip
    doc = _refused(client.post("/validate", json={"records": [
        {"school_id": "S1", "school_type": "primary", "students_primary": -5}]}))  # fmt: skip
    assert doc["defects"][0]["row"] == 0


@pytest.mark.parametrize(
    ("kwargs", "kind", "words"),
    [
        ({"json": {"records": [], "standard": "/etc/passwd"}}, "ConfigurationError",
         "not a bundled rule set"),
        ({"json": {"records": "/etc/passwd"}}, "DataError", "expected a list of school"),
        ({"json": {"records": [], "county_inputs": "/etc/passwd"}}, "ConfigurationError",
         "county_inputs: expected an object"),
        ({"json": {"records": [], "lang": "fr"}}, "ConfigurationError", "expected zh or en"),
        ({"json": {"records": [], "stanard": "x"}}, "ConfigurationError", "unknown key(s) stanard"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}},
         "RequestError", "not JSON"),
        ({"files": {"file": ("data.exe", b"MZ")}}, "DataError", "unsupported file type"),
        ({"data": {"standard": "cn-2012-basic"}, "files": {"other": ("a.csv", b"x")}},
         "DataError", "no file"),
        ({"json": {"records": [{"school_id": "S1", "school_type": "primary"}],
                   "county_inputs": {"100001": {"public_satisfaction_pct": "lots"}},
                   "standard": "cn-2012-basic"}}, "CountyInputError", "public_satisfaction_pct"),
    ],
)  # fmt: skip
def test_bad_requests_are_422(client: TestClient, kwargs: dict[str, Any], kind: str,
                              words: str) -> None:  # fmt: skip
    doc = _refused(client.post("/evaluate", **kwargs))
    assert doc["error"]["type"] == kind
    assert words in doc["error"]["message"]
    assert doc["defects"] == []


def test_whatif_needs_changes_and_other_media_are_415(client: TestClient) -> None:
    doc = _refused(client.post("/whatif", json={"records": eq.load_example().to_dicts()}))
    assert "changes: expected a list" in doc["error"]["message"]
    r = client.post("/evaluate", content=b"a,b\n", headers={"content-type": "text/csv"})
    assert _refused(r, 415)["error"]["type"] == "RequestError"
    assert client.get("/evaluate").status_code == 405


def test_a_browser_gets_the_defects_as_a_page(client: TestClient) -> None:
    r = client.post("/evaluate", **_upload(NEGATIVE, name="county.csv", format="html"),
                    headers={"accept": "text/html,application/xhtml+xml"})  # fmt: skip
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "<td>2</td><td>S1</td><td>students_primary</td><td>-5</td>" in r.text


def test_request_size_is_limited(example_csv: bytes) -> None:
    with TestClient(create_app(Settings(max_request_bytes=len(example_csv) // 2))) as small:
        doc = _refused(small.post("/evaluate", **_upload(example_csv)), 413)
        assert doc["error"]["type"] == "RequestTooLarge"

        def chunks() -> Any:  # no Content-Length: counted while it arrives
            for i in range(0, len(example_csv), 1000):
                yield example_csv[i : i + 1000]

        r = small.post("/evaluate", content=chunks(), headers={"content-type": "application/json"})
        assert "content-length" not in r.request.headers
        _refused(r, 413)
        # under the limit it is served
        tiny = b"school_id,school_type,students_primary\nS1,primary,100\n"
        assert small.post("/validate", **_upload(tiny, name="t.csv")).status_code == 200


def test_no_state_between_requests(client: TestClient, example_csv: bytes) -> None:
    with_inputs = _upload(example_csv, standard="cn-2012-basic", county_inputs=json.dumps(INPUTS))
    first = client.post("/evaluate", **with_inputs).json()
    assert first["counties"][0]["inputs"] == {"government_effort_score": 91.0,
                                              "public_satisfaction_pct": 88.5}  # fmt: skip
    _refused(client.post("/evaluate", **_upload(NEGATIVE, name="county.csv")))
    second = client.post("/evaluate", **_upload(example_csv, standard="cn-2012-basic")).json()
    assert second["counties"][0]["inputs"] == {}
    assert second["counties"][0]["parts"]["public_satisfaction"]["status"] == "not_assessed"
    third = client.post("/evaluate", **with_inputs).json()
    assert third == first


def test_the_openapi_document_and_page(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    assert set(doc["paths"]) >= {"/evaluate", "/validate", "/plan", "/whatif", "/standards",
                                 "/schema/{name}", "/health", "/"}  # fmt: skip
    ok = doc["paths"]["/evaluate"]["post"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/assessment"}
    assert doc["components"]["schemas"]["assessment"]["$id"] == "urn:eduequity:assessment/2"
    body = doc["paths"]["/evaluate"]["post"]["requestBody"]["content"]
    assert body["multipart/form-data"]["schema"]["required"] == ["file"]
    assert body["application/json"]["schema"]["properties"]["standard"]["enum"] == (
        eq.bundled_rule_sets())  # fmt: skip
    page = client.get("/docs").text
    assert "<code>POST /evaluate</code>" in page
    assert '<a href="/schema/assessment">' in page


def test_the_form_page(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    page = r.text
    assert '<form action="/evaluate" method="post" enctype="multipart/form-data">' in page
    assert 'name="file" type="file"' in page
    for set_id in eq.bundled_rule_sets():
        assert f'<option value="{set_id}"' in page
    assert '<option value="cn-2017-quality" selected>' in page
    assert "20 MB" in page


def test_an_infinite_value_is_a_defect_not_a_server_error(client: TestClient) -> None:
    body = (b'{"records": [{"school_id": "S1", "school_type": "primary",'
            b' "students_primary": Infinity}]}')  # fmt: skip
    r = client.post("/validate", content=body, headers={"content-type": "application/json"})
    doc = _refused(r)
    assert [(d["column"], d["value"]) for d in doc["defects"]] == [("students_primary", "inf")]
