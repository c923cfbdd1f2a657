"""From a form's raw counts to what the rules need, each derived value with its inputs.

Per school (:func:`school_record`): qualified teachers per section from the degree counts;
teachers, key teachers and PE/art teachers by section; the largest class and the big-class
counts from the class-size bands; the smallest music and art room from the room bands; the
sums the county figures need. Per county (:func:`county_inputs`): the district form's rates,
and the county rates summed over its schools' forms (certificates, 360-hour training,
catchment enrolment, the junior retention rate, the training budget share).

Every derived value is a :class:`Derivation` naming its formula and the items it came from,
so a reviewer can trace it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eduequity import _columns as C
from eduequity.forms.catalogue import COUNTY_ITEMS, SCHOOL_ITEMS
from eduequity.forms.reading import FormValues

__all__ = ["Derivation", "county_inputs", "school_record"]

_SINGLE_LEVEL = {"primary": "primary", "teaching_point": "primary", "junior": "junior"}
_TYPES = {name: t for t, names in C.SCHOOL_TYPES.items() for name in (t, *names)}
# The items of one school form by what they derive
_QUALIFIED = {"primary": (27, 28, 30, 32), "junior": (29, 31, 33)}
_PE_ART = (37, 38, 39, 40)
_ITINERANT = (41, 42, 43, 44)
_CLASS_BANDS = range(16, 26)
_MUSIC_BANDS = (54, 55, 56)
_ART_BANDS = (58, 59, 60)
# The words of the defects' sentences in Chinese (the catalogue's ``form.<code>.<variant>``)
_SECTION_ZH = {"primary": "小学", "junior": "初中"}
_STEM_ZH = {"teachers": "专任教师数", "key_teachers": "骨干教师数",
            "pe_art_teachers": "体育、艺术教师数"}  # fmt: skip
_ROOM_ZH = {"music": "音乐", "art": "美术"}


def _said(zh: dict[str, str], name: str) -> dict[str, str]:
    """A name as each language's sentence says it."""
    return {"zh": zh.get(name, name), "en": name}


@dataclass(frozen=True)
class Derivation:
    """One derived value: where (school or county), what, its formula and its inputs."""

    scope: str
    name: str
    value: float | None
    formula: str
    inputs: tuple[tuple[int, str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "name": self.name,
            "value": self.value,
            "formula": self.formula,
            "inputs": [{"item_no": n, "item": t, "value": v} for n, t, v in self.inputs],
        }


class _School:
    def __init__(self, form: FormValues) -> None:
        self.form = form
        self.v = form.values
        self.sid = str(self.v.get(3, "")) or form.file
        self.derived: list[Derivation] = []

    def inputs(self, nos: Sequence[int]) -> tuple[tuple[int, str, Any], ...]:
        return tuple((n, self.form.item(n).zh, self.v.get(n)) for n in nos)

    def total(self, name: str, nos: Sequence[int], formula: str) -> float | None:
        given = [self.v[n] for n in nos if n in self.v]
        value = float(sum(given)) if given else None
        self.derived.append(Derivation(self.sid, name, value, formula, self.inputs(nos)))
        return value

    def note(self, name: str, value: float | None, formula: str, nos: Sequence[int]) -> None:
        self.derived.append(Derivation(self.sid, name, value, formula, self.inputs(nos)))


def school_record(
    form: FormValues, county_code: str | None, year: int | None
) -> tuple[dict[str, Any], list[Derivation]]:
    """The canonical school record a school form gives; defects go to ``form.defects``."""
    s = _School(form)
    v = form.values
    rec: dict[str, Any] = {"county_code": county_code, "year": year}
    for no, value in v.items():
        item = form.item(no)
        if item.column is not None:
            rec[item.column] = value * item.factor if item.factor != 1 else value
    school_type = _TYPES.get(str(v.get(2, "")))
    levels: tuple[str, ...] = ()
    if school_type is not None:
        levels = tuple(lv for lv in C.TYPE_SECTIONS.get(school_type, ()) if lv in C.LEVELS)
    for no, item in form.items.items():
        if item.only and item.only in levels and no not in v:
            form.error(no, None, f"required of a school with a {item.only} section, left empty",
                       "missing_value", variant="section",
                       section=_said(_SECTION_ZH, item.only))  # fmt: skip
    for lv in ("primary", "junior"):
        nos = _QUALIFIED[lv]
        if any(n in v for n in nos):
            name = f"qualified_teachers_{lv}"
            rec[name] = s.total(name, nos, "+".join(f"[{n}]" for n in nos))
    _teachers(s, rec, school_type, levels)
    rec["pe_art_itinerant_teachers"] = s.total("pe_art_itinerant_teachers", _ITINERANT,
                                               "[41]+[42]+[43]+[44]")  # fmt: skip
    if rec["pe_art_itinerant_teachers"] is None:
        del rec["pe_art_itinerant_teachers"]
    _classes(s, rec)
    _rooms(s, rec, "music", 53, _MUSIC_BANDS)
    _rooms(s, rec, "art", 57, _ART_BANDS)
    _checks(s, rec)
    return rec, s.derived


def _teachers(s: _School, rec: dict[str, Any], school_type: str | None,
              levels: tuple[str, ...]) -> None:  # fmt: skip
    v = s.v
    groups = (("teachers", (26,), (69, 70)), ("key_teachers", (34,), (71, 72)),
              ("pe_art_teachers", _PE_ART, (73, 74)))  # fmt: skip
    for stem, whole, by_level in groups:
        if school_type in _SINGLE_LEVEL:
            lv = _SINGLE_LEVEL[school_type]
            rec[f"{stem}_{lv}"] = s.total(f"{stem}_{lv}", whole,
                                          "+".join(f"[{n}]" for n in whole))  # fmt: skip
            continue
        given = [n for n in by_level if n in v]
        if len(given) == len(by_level):
            for lv, no in zip(("primary", "junior"), by_level, strict=True):
                if lv in levels:
                    rec[f"{stem}_{lv}"] = s.total(f"{stem}_{lv}", (no,), f"[{no}]")
            total = sum(v[n] for n in by_level)
            whole_given = [v[n] for n in whole if n in v]
            if whole_given and sum(whole_given) != total:
                s.form.error(by_level[0], total,
                             f"the sections' {stem} ({total}) differ from the school's total "
                             f"({sum(whole_given)})", "sections_disagree", variant="teachers",
                             what=_said(_STEM_ZH, stem), whole=sum(whole_given))  # fmt: skip
        elif levels:
            s.form.error(whole[0], v.get(whole[0]),
                         "a school of several sections must give its teachers by section "
                         f"(items {by_level[0]} and {by_level[1]}): the standard counts them "
                         "as the statistics report them and never splits them",
                         "teachers_need_section", variant="items", first=by_level[0],
                         second=by_level[1])  # fmt: skip


def _classes(s: _School, rec: dict[str, Any]) -> None:
    v = s.v
    bands = [(s.form.item(n).band, v.get(n)) for n in _CLASS_BANDS]
    if all(count is None for _, count in bands):
        return
    counted = sum(count or 0 for _, count in bands)
    largest = max((b for b, count in bands if count and b is not None), default=None,
                  key=lambda b: b[1])  # fmt: skip
    nos = list(_CLASS_BANDS)
    if largest is not None:
        rec["max_class_size"] = int(largest[1])
        s.note("max_class_size", largest[1],
               "upper bound of the largest non-empty band (66: 66 or more)", nos)  # fmt: skip
    rec["large_classes"] = int((v.get(23) or 0) + (v.get(24) or 0))
    rec["very_large_classes"] = int(v.get(25) or 0)
    s.note("large_classes", rec["large_classes"], "[23]+[24] (56–65 pupils)", (23, 24))
    s.note("very_large_classes", rec["very_large_classes"], "[25] (66 or more)", (25,))
    for limit in (45, 50, 55, 65):
        over = [n for n in nos if s.form.item(n).band[0] > limit]  # type: ignore[index]
        count = float(sum(v.get(n) or 0 for n in over))
        s.note(f"classes_over_{limit}", count, "+".join(f"[{n}]" for n in over), over)
    if 15 in v and v[15] != counted:
        s.form.error(15, v[15], f"the class-size bands add up to {counted}, not {v[15]}",
                     "bands_disagree", variant="classes", counted=counted)  # fmt: skip


def _rooms(s: _School, rec: dict[str, Any], what: str, total_no: int,
           band_nos: tuple[int, ...]) -> None:  # fmt: skip
    v = s.v
    if total_no not in v and not any(n in v for n in band_nos):
        return
    counted = sum(v.get(n) or 0 for n in band_nos)
    total = v.get(total_no, counted)
    lows = [s.form.item(n).band[0] for n in band_nos if v.get(n)]  # type: ignore[index]
    nos = (total_no, *band_nos)
    if counted > total:
        s.form.error(total_no, total, f"the {what}-room bands add up to {counted}, more than "
                     f"the {total} rooms", "bands_disagree", variant="rooms", counted=counted,
                     what=_said(_ROOM_ZH, what))  # fmt: skip
        return
    if total == 0:
        return
    if counted < total:
        s.form.warn(total_no, total, f"{total - counted} {what} room(s) under 61 m², below "
                    "every band of the form: the smallest is taken as 0 m²", "room_below_bands",
                    n=total - counted, what=_said(_ROOM_ZH, what))  # fmt: skip
        smallest = 0.0
    else:
        smallest = min(lows)
    rec[f"min_{what}_room_area_m2"] = smallest
    s.note(f"min_{what}_room_area_m2", smallest,
           "lower bound of the smallest non-empty band (0 when rooms are under every band)",
           nos)  # fmt: skip


def _checks(s: _School, rec: dict[str, Any]) -> None:
    v = s.v
    built = v.get(4)
    for no, year in ((5, 2010), (6, 2016)):
        if built is not None and no in v and v[no] != (built <= year):
            s.form.error(no, v[no], f"disagrees with the year built ({built})", "disagrees",
                         variant="built", built=built,
                         value_said={"zh": "是" if v[no] else "否", "en": v[no]})  # fmt: skip
    if 47 in v and 46 in v and v[47] and v[47] != v[46]:
        s.form.warn(47, v[47], f"the gymnasium ({v[47]} m²) differs from the indoor sports "
                    f"rooms ({v[46]} m², item 46); the standard's sports area counts item 46",
                    "gym_differs", indoor=v[46])  # fmt: skip
    largest = rec.get("max_class_size")
    if v.get(9) is True and largest is not None and largest > 30:
        s.form.error(9, True, f"says the largest class is under 30, but the bands give "
                     f"{largest}", "disagrees", variant="largest", largest=largest)  # fmt: skip
    for no, lv in ((13, "students_primary"), (14, "students_junior")):
        if no in v and v[no] > (rec.get(lv) or 0):
            s.form.error(no, v[no], f"more pupils in the catchment than the {rec.get(lv) or 0} "
                         "enrolled", "subset_larger", variant="enrolled",
                         enrolled=rec.get(lv) or 0)  # fmt: skip


# County figures: (input id, formula, numerator terms, denominator terms, scale), where a
# term (sign, source, key) takes a county-form item number or the sum over the schools of a
# school-form item number.
_Term = tuple[int, str, int]
_COUNTY_RATES: tuple[tuple[str, str, tuple[_Term, ...], tuple[_Term, ...], float], ...] = (
    ("special_school_funding_per_student_yuan", "[c6]/[c7]",
     ((1, "county", 6),), ((1, "county", 7),), 1.0),
    ("teacher_pay_vs_civil_servants_pct", "[c8]/[c9]×100",
     ((1, "county", 8),), ((1, "county", 9),), 100.0),
    ("teacher_rotation_pct", "[c11]/[c10]×100", ((1, "county", 11),), ((1, "county", 10),),
     100.0),
    ("key_teachers_among_rotated_pct", "[c12]/[c11]×100",
     ((1, "county", 12),), ((1, "county", 11),), 100.0),
    ("quota_allocation_pct", "[c14]/[c13]×100", ((1, "county", 14),), ((1, "county", 13),),
     100.0),
    ("quota_rural_share_pct", "[c15]/[c14]×100", ((1, "county", 15),), ((1, "county", 14),),
     100.0),
    ("migrant_children_in_public_pct", "([c17]+[c18])/[c16]×100",
     ((1, "county", 17), (1, "county", 18)), ((1, "county", 16),), 100.0),
    ("disabled_children_enrollment_pct", "[c20]/[c19]×100",
     ((1, "county", 20),), ((1, "county", 19),), 100.0),
    ("teacher_certificate_pct", "Σ[35]/Σ[26]×100", ((1, "schools", 35),),
     ((1, "schools", 26),), 100.0),
    ("teacher_training_completion_pct", "Σ[36]/Σ[26]×100", ((1, "schools", 36),),
     ((1, "schools", 26),), 100.0),
    ("nearby_enrollment_primary_pct", "Σ[13]/Σ[10]×100", ((1, "schools", 13),),
     ((1, "schools", 10),), 100.0),
    ("nearby_enrollment_junior_pct", "Σ[14]/Σ[11]×100", ((1, "schools", 14),),
     ((1, "schools", 11),), 100.0),
    ("junior_retention_pct", "Σ([64]−[66]+[67])/Σ([65]−[68])×100",
     ((1, "schools", 64), (-1, "schools", 66), (1, "schools", 67)),
     ((1, "schools", 65), (-1, "schools", 68)), 100.0),
    ("training_budget_pct", "Σ[63]/Σ[61]×100", ((1, "schools", 63),), ((1, "schools", 61),),
     100.0),
)  # fmt: skip


def county_inputs(
    county: FormValues | None, schools: Sequence[FormValues], code: str
) -> tuple[dict[str, float], list[Derivation]]:
    """The county inputs the forms give, each with its derivation.

    A rate whose terms are all missing is not given (the rule is then not assessed); one
    with a zero denominator is not given either, and noted.
    """
    out: dict[str, float] = {}
    notes: list[Derivation] = []
    for name, formula, num, den, scale in _COUNTY_RATES:
        terms = (*num, *den)
        values = [_term(county, schools, src, no) for _, src, no in terms]
        if all(x is None for x in values):
            continue
        inputs = tuple((no, _term_name(src, no), x)
                       for (_, src, no), x in zip(terms, values, strict=True))  # fmt: skip
        top = sum(sign * (x or 0.0) for (sign, _, _), x in zip(num, values, strict=False))
        bottom = sum(sign * (x or 0.0) for (sign, _, _), x in
                     zip(den, values[len(num):], strict=True))  # fmt: skip
        value = top / bottom * scale if bottom > 0 and None not in values else None
        notes.append(Derivation(code, name, value, formula, inputs))
        if value is not None:
            out[name] = value
    return out, notes


def _term_name(src: str, no: int) -> str:
    if src == "county":
        return "区县表: " + next(i.zh for i in COUNTY_ITEMS if i.no == no)
    return "各校合计: " + next(i.zh for i in SCHOOL_ITEMS if i.no == no)


def _term(county: FormValues | None, schools: Sequence[FormValues], src: str, no: int) -> Any:
    if src == "county":
        return None if county is None else county.values.get(no)
    given = [f.values[no] for f in schools if no in f.values]
    return float(sum(given)) if given else None
