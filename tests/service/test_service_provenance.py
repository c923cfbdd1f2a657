"""The service takes county inputs with their provenance in its JSON body and answers with
the provenance in the county's result."""

from __future__ import annotations

from starlette.testclient import TestClient

import eduequity as eq
from eduequity.contract import validate

GIVEN = {"value": 87.2, "provenance": {"source": "survey", "method": "wilson", "low": 85.1,
                                       "high": 89.0, "confidence": 0.95, "n_valid": 1204}}


def test_a_json_body_with_provenance(client: TestClient) -> None:
    records = eq.load_example().to_dicts()
    body = {"records": records, "county_inputs": {"999901": {"social_recognition_pct": GIVEN}}}
    r = client.post("/evaluate", json=body)
    assert r.status_code == 200, r.text
    doc = r.json()
    validate(doc, "assessment")
    county = doc["counties"][0]
    assert county["inputs"]["social_recognition_pct"] == 87.2
    assert county["provenance"]["social_recognition_pct"] == GIVEN["provenance"]
    r = client.post("/evaluate", json=dict(body, format="text", lang="en"))
    assert "social recognition 87.2 % (95 % CI 85.1–89.0), from 1,204 valid responses" in r.text
    bad = {"999901": {"social_recognition_pct": {"value": 87.2, "provenance": {"n_valid": 3}}}}
    r = client.post("/evaluate", json=dict(body, county_inputs=bad))
    assert r.status_code == 422
    assert "input social_recognition_pct: provenance source" in r.json()["error"]["message"]
