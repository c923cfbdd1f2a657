"""The clerk's form in a real browser: headless Chromium, driven over its DevTools pipe,
opens ``GET /`` of a server on 127.0.0.1, chooses the spreadsheet, picks English, submits,
and the report's verdict is on the page it gets back.

CI installs Debian's ``chromium`` (see .ci/run); elsewhere the test is skipped when no
Chromium is found, but never under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import eduequity as eq

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


class DevTools:
    """The Chrome DevTools protocol over ``--remote-debugging-pipe`` (fd 3 in, fd 4 out:
    JSON messages ended by NUL), every wait bounded."""

    def __init__(self, browser: str, profile: Path) -> None:
        cmd_read, self._cmd = os.pipe()
        self._events, events_write = os.pipe()

        def plumb() -> None:
            os.dup2(cmd_read, 3)
            os.dup2(events_write, 4)

        self.proc = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--window-size=1280,1600", "about:blank"],
            preexec_fn=plumb, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(cmd_read)
        os.close(events_write)
        self._buffer = b""
        self._next = 0
        self._pending: list[dict[str, Any]] = []
        self.session: str | None = None

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._events], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium in time")
            chunk = os.read(self._events, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed its pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, timeout: float = 60, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._cmd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self._pending.append(answer)

    def wait_for(self, event: str, timeout: float = 120) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for i, m in enumerate(self._pending):
                if m.get("method") == event:
                    return self._pending.pop(i)
            self._pending.append(self._read(deadline))

    def open_page(self) -> None:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable")

    def evaluate(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)[
            "result"
        ].get("value")

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot")["data"]))

    def close(self) -> None:
        try:
            self.session = None
            self.call("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, EOFError, OSError):
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self._cmd)
        os.close(self._events)


@pytest.fixture
def devtools(tmp_path: Path) -> Iterator[DevTools]:
    if BROWSER is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("no chromium on this machine (CI installs it)")
    tools = DevTools(BROWSER, tmp_path / "profile")
    try:
        tools.open_page()
        yield tools
    finally:
        tools.close()


def _not_blank(path: Path) -> None:
    from matplotlib.image import imread

    pixels = (imread(path)[..., :3] * 255).astype(np.uint32)
    assert pixels.std() > 10
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    assert np.unique(packed).size > 30  # text, borders, the button: not one background


def test_a_clerk_uploads_the_spreadsheet_and_reads_the_verdict(
    devtools: DevTools, server: str, tmp_path: Path
) -> None:
    upload = tmp_path / "示例县.csv"
    shutil.copy(eq.example_path(), upload)
    devtools.call("Page.navigate", url=f"{server}/")
    devtools.wait_for("Page.loadEventFired")
    assert devtools.evaluate("document.title") == "均衡发展评估 · eduequity"
    devtools.screenshot(tmp_path / "form.png")
    _not_blank(tmp_path / "form.png")

    root = devtools.call("DOM.getDocument")["root"]["nodeId"]
    field = devtools.call("DOM.querySelector", nodeId=root, selector="input[name=file]")
    devtools.call("DOM.setFileInputFiles", nodeId=field["nodeId"], files=[str(upload)])
    chosen = devtools.evaluate(
        "document.querySelector('select[name=standard]').value = 'cn-2012-basic';"
        "document.querySelector('input[name=lang][value=en]').click();"
        "document.querySelector('input[name=plots][type=checkbox]').click();"
        "[document.querySelector('input[name=file]').files[0].name,"
        " document.querySelector('select[name=standard]').value]"
    )
    assert chosen == ["示例县.csv", "cn-2012-basic"]
    devtools.evaluate("document.querySelector('button[type=submit]').click()")
    devtools.wait_for("Page.loadEventFired")
    text = devtools.evaluate("document.body.innerText")
    devtools.screenshot(tmp_path / "report.png")
    _not_blank(tmp_path / "report.png")

    a = eq.evaluate(eq.example_path(), "cn-2012-basic")
    assert a.counties[0].passed is None  # the county inputs were not given: not assessed
    assert "cn-2012-basic" in text
    assert "County 999901 示例县, year 2025: not assessed" in text
    assert devtools.evaluate("location.pathname") == "/evaluate"


def test_the_blank_check_can_fail(tmp_path: Path) -> None:
    from matplotlib.image import imsave

    imsave(tmp_path / "white.png", np.ones((40, 40, 3)))
    with pytest.raises(AssertionError):
        _not_blank(tmp_path / "white.png")
