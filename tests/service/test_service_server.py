"""A real server: ``python -m eduequity.service`` started on 127.0.0.1 (a free port, a
bounded wait), concurrent requests, and the curl examples of docs/howto-service.md run
against it. Traffic goes to the loopback address only."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2

import eduequity as eq
from eduequity.contract import validate

ROOT = Path(__file__).resolve().parents[2]
HOWTO = ROOT / "docs" / "howto-service.md"
INPUTS = {"999901": {"government_effort_score": 91, "public_satisfaction_pct": 88.5}}


def test_the_server_answers_on_loopback(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")
    r = httpx2.get(f"{server}/health", timeout=10)
    assert r.json() == {"status": "ok", "version": eq.__version__}
    assert "评估 Evaluate" in httpx2.get(f"{server}/", timeout=10).text


def test_concurrent_requests_are_independent(server: str) -> None:
    """Eight requests of two kinds at once (the server runs two at a time): each answer
    is the library's own for its inputs, whatever ran beside it."""
    data = eq.example_path().read_bytes()
    want = {
        "cn-2012-basic": json.loads(
            eq.evaluate(eq.example_path(), "cn-2012-basic", INPUTS).to_json()),
        "cn-2017-quality": json.loads(eq.evaluate(eq.example_path(), "cn-2017-quality").to_json()),
    }  # fmt: skip

    def call(i: int) -> tuple[str, Any]:
        standard = "cn-2012-basic" if i % 2 else "cn-2017-quality"
        fields = {"standard": standard}
        if standard == "cn-2012-basic":
            fields["county_inputs"] = json.dumps(INPUTS)
        r = httpx2.post(f"{server}/evaluate", files={"file": ("example_county.csv", data)},
                        data=fields, timeout=120)  # fmt: skip
        assert r.status_code == 200, r.text
        return standard, r.json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(call, range(8)))
    assert sorted(s for s, _ in answers) == ["cn-2012-basic"] * 4 + ["cn-2017-quality"] * 4
    for standard, doc in answers:
        assert doc == want[standard]
        validate(doc, "assessment", strict=True)


def _curl_blocks() -> list[str]:
    text = HOWTO.read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    return [b for b in blocks if "curl " in b and "http://127.0.0.1:8000" in b]


def _run_curl(block: str, server: str, folder: Path) -> str:
    assert shutil.which("curl"), "curl is needed for the documented example"
    script = block.replace("http://127.0.0.1:8000", server)
    assert re.findall(r"https?://[^/\s]+", script) == [server]  # loopback only
    done = subprocess.run(["bash", "-c", script], cwd=folder, capture_output=True, text=True,
                          timeout=180, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_documented_curl_examples(server: str, tmp_path: Path) -> None:
    evaluate, refused = _curl_blocks()
    shutil.copy(eq.example_path(), tmp_path / "example_county.csv")
    doc = json.loads(_run_curl(evaluate, server, tmp_path))
    validate(doc, "assessment", strict=True)
    assert doc == json.loads(eq.evaluate(eq.example_path(), "cn-2012-basic", INPUTS).to_json())
    assert doc["counties"][0]["parts"]["public_satisfaction"]["status"] == "passed"

    assert _run_curl(refused, server, tmp_path) == "422\n"
    error = json.loads((tmp_path / "error.json").read_text(encoding="utf-8"))
    validate(error, "error", strict=True)
    shown = re.search(r"```json\n(.*?)```", HOWTO.read_text(encoding="utf-8"), flags=re.S)
    assert shown is not None
    assert error == json.loads(shown.group(1))  # the page shows what the server answers
