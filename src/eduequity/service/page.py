"""The pages a person sees: the one-page form of ``GET /`` (upload the spreadsheet, pick
the standard and the language, get the report back) and the page of an error.

Plain html and css, no script, nothing loaded from elsewhere: it works on a closed network.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from eduequity.report.labels import text
from eduequity.service.inputs import DEFAULT_STANDARD

__all__ = ["error_page", "form_page"]

_STYLE = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;
max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
h1{font-size:1.5rem;margin-bottom:.2rem}p.sub{color:#57606a;margin-top:0}
form{border:1px solid #d0d7de;border-radius:8px;padding:1.2rem 1.4rem;background:#f6f8fa}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
small{display:block;color:#57606a;font-weight:400}
select,input[type=file]{font-size:1rem;width:100%;padding:.35rem;box-sizing:border-box}
fieldset{border:0;padding:0;margin:.9rem 0 0}legend{font-weight:600;padding:0}
fieldset label{display:inline;font-weight:400;margin-right:1.2rem}
button{margin-top:1.3rem;font-size:1.05rem;padding:.55rem 1.6rem;border:0;border-radius:6px;
background:#1f6feb;color:#fff;cursor:pointer}
table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left}
.bad{color:#cf222e}footer{margin-top:1.5rem;color:#57606a;font-size:.85rem}
"""


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def form_page(standards: Sequence[dict[str, Any]], max_mb: float) -> str:
    """The form: a school table (csv or xlsx), a standard, a language, html or xlsx.

    Examples
    --------
    >>> page = form_page([{"id": "cn-2017-quality", "title_zh": "优质均衡",
    ...                    "title_en": "quality", "document": "教督〔2017〕6号"}], 20)
    >>> 'action="/evaluate"' in page and 'name="file"' in page and "selected" in page
    True
    """
    options = "".join(
        f'<option value="{escape(s["id"])}"{" selected" if s["id"] == DEFAULT_STANDARD else ""}>'
        f'{escape(s["id"])} · {escape(s["document"])} · {escape(s["title_zh"])}</option>'
        for s in standards
    )
    body = f"""
<h1>县域义务教育均衡发展评估</h1>
<p class="sub">Balanced compulsory education: evaluate a county's schools</p>
<form action="/evaluate" method="post" enctype="multipart/form-data">
<label for="file">学校数据表 School table
<small>CSV 或 Excel (.xlsx)，每校一行，中文或英文表头；不超过 {max_mb:g} MB</small></label>
<input id="file" name="file" type="file" accept=".csv,.xlsx,.xlsm,.json" required>
<label for="standard">评估标准 Standard</label>
<select id="standard" name="standard">{options}</select>
<label for="county_inputs">县级材料（可选）County inputs (optional)
<small>满意度、督导评分等：.json、.toml 或 .csv 文件</small></label>
<input id="county_inputs" name="county_inputs" type="file" accept=".json,.toml,.csv">
<fieldset><legend>报告语言 Language</legend>
<label><input type="radio" name="lang" value="zh" checked> 中文</label>
<label><input type="radio" name="lang" value="en"> English</label></fieldset>
<fieldset><legend>报告格式 Report</legend>
<label><input type="radio" name="format" value="html" checked> 网页 html</label>
<label><input type="radio" name="format" value="xlsx"> Excel 工作簿 xlsx</label></fieldset>
<fieldset><legend>图表 Charts</legend>
<input type="hidden" name="plots" value="off">
<label><input type="checkbox" name="plots" value="on" checked> 网页报告附图（较慢）
include charts in the html report (slower)</label></fieldset>
<button type="submit">评估 Evaluate</button>
</form>
<footer>数据只用于本次评估，服务不保存任何文件。Nothing is kept after the answer.
Systems: <a href="/docs">API</a> · <a href="/openapi.json">OpenAPI</a> ·
<a href="/standards">standards</a></footer>
"""
    return _page("均衡发展评估 · eduequity", body)


def _said(d: dict[str, Any], lang: str | None = None) -> str:
    """A sentence (a defect's or the error's) in ``lang``: in Chinese (the sheet's headers
    and rows) above the English when none was asked for; the English where it has no
    Chinese."""
    english = escape(str(d.get("message") or "")).replace("\n", "<br>")
    chinese = d.get("message_zh")
    if not chinese or lang == "en":
        return english
    chinese = escape(str(chinese)).replace("\n", "<br>")
    return chinese if lang == "zh" else f"{chinese}<br>{english}"


def _words(message_id: str, lang: str | None) -> str:
    """The page's own words in ``lang``; both languages, Chinese first, without one."""
    if lang is None:
        return f"{text(message_id, 'zh')} {text(message_id, 'en')}"
    return text(message_id, lang)


def error_page(doc: dict[str, Any], lang: str | None = None) -> str:
    """An ``eduequity.error/1`` document as a page: the message and every defect, in the
    ``lang`` the request asked for (``zh``, ``en``), or in both when it asked for none.

    Examples
    --------
    >>> page = error_page({"format": "eduequity.error/1",
    ...     "error": {"type": "DataValidationError", "message": "a.csv: 1 error(s)"},
    ...     "defects": [{"severity": "error", "code": "negative_value", "message": "m",
    ...                  "file": "a.csv", "row": 3, "school": "S1",
    ...                  "column": "books", "value": -1}]})
    >>> "<td>3</td><td>S1</td><td>books</td><td>-1</td><td>m</td>" in page
    True
    >>> doc = {"error": {"message": "no file", "message_zh": "没有文件"}}
    >>> "<p>没有文件</p>" in error_page(doc, "zh"), "<p>no file</p>" in error_page(doc, "en")
    (True, True)
    """
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape('' if d.get(k) is None else str(d.get(k)))}</td>"
            for k in ("row", "school", "column", "value")
        )
        + f"<td>{_said(d, lang)}</td></tr>"
        for d in doc.get("defects", [])
    )
    heads = "".join(
        f"<th>{_words(f'svc.page.{k}', lang)}</th>"
        for k in ("row", "school", "column", "value", "message")
    )
    table = f"<table><tr>{heads}</tr>{rows}</table>" if rows else ""
    if lang is None:  # as the page always was: both languages
        refused, back = "数据未通过检查 · The input was refused", "返回 Back to the form"
        message = escape(doc["error"]["message"]).replace("\n", "<br>")
    else:
        refused, back = text("svc.page.refused", lang), text("svc.page.back", lang)
        message = _said(doc["error"], lang)
    body = (
        f'<h1 class="bad">{refused}</h1>'
        f"<p>{message}</p>{table}"
        f'<p><a href="/">{back}</a></p>'
    )
    title = text("svc.page.title", lang or "zh")
    return _page(f"{title} · eduequity", body)
