"""What ``eduequity collect`` prints in a language: the count of forms and each returned
form's errors, said from their codes and facts (the catalogue's ``form.<code>``,
:mod:`eduequity.report.labels`), never from the English reason."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from eduequity.report.labels import MESSAGES, text

if TYPE_CHECKING:
    from eduequity.forms.collect import Collected
    from eduequity.forms.reading import FormDefect

__all__ = ["collected_lines", "form_defect_text"]


def collected_lines(got: Collected, lang: str) -> list[str]:
    """The summary line and one line per error of a returned form.

    >>> from eduequity.forms.collect import Collected
    >>> collected_lines(Collected(None, {}, (), ()), "zh")
    ['共 0 份表：0 份已接收，0 份退回']
    """
    accepted = sum(1 for f in got.log if f.status == "accepted")
    lines = [text("form.summary", lang, n=len(got.log), accepted=accepted,
                  returned=len(got.returned))]  # fmt: skip
    for f in got.returned:
        for d in f.defects:
            if d.severity == "error":
                lines.append(form_defect_text(d, lang))
    return lines


def form_defect_text(d: FormDefect, lang: str) -> str:
    """One error of a form: ``  file：第 N 项 item：sentence``."""
    where = text("form.where", lang, file=d.file)
    if d.item_no is not None:
        where += text("form.item", lang, no=d.item_no, item=d.item)
    return where + _reason(d, lang)


def _shown(v: Any, lang: str) -> Any:
    """A fact as the sentence prints it: in the language where it is given in each
    (``{"zh": …, "en": …}``), 600 rather than 600.0."""
    if isinstance(v, dict) and set(v) == {"zh", "en"}:
        v = v[lang]
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return int(v)
    return v


def _reason(d: FormDefect, lang: str) -> str:
    if d.defect is not None:  # the school table's own check: its sentence, without place
        from eduequity.report.defect_text import sentence

        said = sentence(dataclasses.replace(d.defect, source=None, row=None), lang)
        if said is not None:
            return said
    fields: dict[str, Any] = {"value": "" if d.value is None else d.value, **d.params}
    if "value_said" in fields:  # the value as each language says it (是/否 for True/False)
        fields["value"] = fields.pop("value_said")
    fields = {k: _shown(v, lang) for k, v in fields.items()}
    variant = fields.pop("variant", None)  # a sentence of the code with the facts it has
    key = f"form.{d.code}.{variant}" if f"form.{d.code}.{variant}" in MESSAGES else f"form.{d.code}"
    if key in MESSAGES:
        try:
            return text(key, lang, **fields)
        except (KeyError, IndexError, ValueError):
            pass
    return text("form.other", lang, value=fields["value"])
