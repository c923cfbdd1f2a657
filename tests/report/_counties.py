"""Report inputs the report tests share: the example county copied into three counties
(each with its own school ids, names and resource levels), and the page's visible text."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from eduequity.examples import example_path

# (code, name, factor on areas and equipment): one county richer, one poorer
COUNTIES = (("999901", "示例县", 1.0), ("999902", "乙县", 1.6), ("999903", "丙县", 0.8))
_SCALED = ("教学及辅助用房面积", "运动场地面积", "教学仪器设备资产值")


def three_counties(folder: Path) -> Path:
    """A CSV of three counties built from the example county."""
    text = example_path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    head, body = rows[0], rows[1:]
    cols = {name: i for i, name in enumerate(head)}
    scaled = [i for name, i in cols.items() if name.startswith(_SCALED)]
    out = [head]
    for code, name, factor in COUNTIES:
        for row in body:
            r = list(row)
            r[cols["学校标识码"]] = r[cols["学校标识码"]].replace("999901", code)
            if r[cols["所属学校标识码"]]:
                r[cols["所属学校标识码"]] = r[cols["所属学校标识码"]].replace("999901", code)
            r[cols["学校名称"]] = r[cols["学校名称"]].replace("示例县", name)
            r[cols["区县代码"]] = code
            r[cols["区县名称"]] = name
            for i in scaled:
                if r[i]:
                    r[i] = f"{float(r[i]) * factor:.2f}"
            out.append(r)
    path = folder / "three.csv"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(out)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


class _Text(HTMLParser):
    """Visible text of a page, without <code> elements (ids may appear there) and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "style"):
            self._skip += 1
        for k, v in attrs:
            if k == "title" and v:  # tooltips are read too
                self.parts.append(v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return "\n".join(p.parts)


def markdown_text(md: str) -> str:
    """Markdown without code spans, escapes undone."""
    md = re.sub(r"`[^`]*`", " ", md)
    return (
        re.sub(r"\\(.)", r"\1", md).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
