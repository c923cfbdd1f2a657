"""collect(): forms in, the same verdicts as the canonical table; defects returned."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from tests.forms._filled import COUNTY, DATA, YEAR, county, fill, schools

import eduequity as eq
from eduequity.forms import collect
from eduequity.forms.template import write_template

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")


def _forms(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    ours = write_template("school", tmp_path / "blank.xlsx",
                          standard=eq.load_rule_set("cn-2017-quality"))  # fmt: skip
    for k, values in enumerate(schools()):
        # the Shenyang form as it is for single-section schools; ours for the nine-year one
        template = ours if 69 in values else DATA / "学校填报表格.xlsx"
        fill(template, values, folder / f"school-{k}.xlsx")
    fill(DATA / "区县填报表格.xlsx", county(), folder / "county.xlsx")
    return folder


def _canonical() -> list[dict[str, Any]]:
    """The same schools typed as canonical records, by hand from the form values."""
    rows = []
    for v in schools():
        kind = {"小学": "primary", "初中": "junior", "九年一贯制": "nine_year"}[v[2]]
        r: dict[str, Any] = {
            "school_id": v[3], "school_name": v[1], "school_type": kind,
            "county_code": COUNTY, "year": YEAR, "built_year": v[4],
            "students_primary": v[10], "students_junior": v[11],
            "teaching_aux_area_m2": v[45], "indoor_sports_area_m2": v[46],
            "sports_ground_area_m2": v[48], "equipment_value_yuan": v[51] * 10_000,
            "multimedia_classrooms": v[52], "classes": v[15], "max_class_size": 40,
            "music_rooms": v[53], "art_rooms": v[57], "min_music_room_area_m2": 96.0,
            "min_art_room_area_m2": 90.0, "certified_teachers": v[35],
        }  # fmt: skip
        if kind == "nine_year":
            r.update(teachers_primary=v[69], teachers_junior=v[70], key_teachers_primary=v[71],
                     key_teachers_junior=v[72], pe_art_teachers_primary=v[73],
                     pe_art_teachers_junior=v[74],
                     qualified_teachers_primary=v[27] + v[28] + v[30] + v[32],
                     qualified_teachers_junior=v[29] + v[31] + v[33])  # fmt: skip
        else:
            lv = "primary" if kind == "primary" else "junior"
            deg = (27, 28, 30, 32) if lv == "primary" else (29, 31, 33)
            r.update({f"teachers_{lv}": v[26], f"key_teachers_{lv}": v[34],
                      f"pe_art_teachers_{lv}": v[37] + v[38] + v[39] + v[40],
                      f"qualified_teachers_{lv}": sum(v[n] for n in deg)})  # fmt: skip
        rows.append(r)
    return rows


def test_round_trip_gives_the_canonical_verdicts(tmp_path: Path) -> None:
    got = collect(_forms(tmp_path))
    assert [f.status for f in got.log] == ["accepted"] * 5
    assert got.schools is not None
    assert len(got.schools) == 4
    ours = eq.evaluate(got.schools, "cn-2017-quality", county_inputs=got.county_inputs)
    theirs = eq.evaluate(eq.load_schools(_canonical()), "cn-2017-quality",
                         county_inputs=got.county_inputs)  # fmt: skip
    a, b = ours.counties[0], theirs.counties[0]
    assert (a.county_code, a.year) == (COUNTY, YEAR)
    assert a.passed == b.passed
    for lv in ("primary", "junior"):
        for ind, res in b.levels[lv].indicators.items():
            assert a.levels[lv].indicators[ind].cv == pytest.approx(res.cv, rel=1e-12)
        assert [s.passed for s in a.levels[lv].schools] == [s.passed for s in b.levels[lv].schools]
    assert {k: p.passed for k, p in a.parts.items()} == {k: p.passed for k, p in b.parts.items()}
    # not a trivial agreement: the rural school fails, the junior school passes 6 of 7
    primary = {s.school_id: s.passed for s in a.levels["primary"].schools}
    assert primary["2101010004"] is False
    junior = {s.school_id: [m.tolerated for m in s.failures] for s in a.levels["junior"].schools}
    assert junior["2101010002"] == [True]
    assert a.parts["resource_allocation"].passed is False


def test_county_rates_by_hand(tmp_path: Path) -> None:
    got = collect(_forms(tmp_path))
    ci = got.county_inputs[COUNTY]
    assert ci["teacher_rotation_pct"] == pytest.approx(48 / 400 * 100)
    assert ci["key_teachers_among_rotated_pct"] == pytest.approx(12 / 48 * 100)
    assert ci["migrant_children_in_public_pct"] == pytest.approx((760 + 40) / 900 * 100)
    assert ci["disabled_children_enrollment_pct"] == pytest.approx(194 / 200 * 100)
    assert ci["special_school_funding_per_student_yuan"] == pytest.approx(4_200_000 / 500)
    assert ci["teacher_pay_vs_civil_servants_pct"] == pytest.approx(9.8 / 9.5 * 100)
    # the junior retention rate from the one junior school's five counts
    assert ci["junior_retention_pct"] == pytest.approx((300 - 2 + 6) / (305 - 0) * 100)
    teachers = sum(v[26] for v in schools())
    assert ci["teacher_certificate_pct"] == pytest.approx(
        sum(v[35] for v in schools()) / teachers * 100
    )
    d = next(x for x in got.derivations if x.name == "junior_retention_pct")
    assert d.formula == "Σ([64]−[66]+[67])/Σ([65]−[68])×100"
    assert [i[0] for i in d.inputs] == [64, 66, 67, 65, 68]


def test_a_form_with_defects_is_returned_with_item_numbers(tmp_path: Path) -> None:
    folder = _forms(tmp_path)
    bad = schools()[0]
    bad.update({10: -5, 19: 99})  # negative pupils; bands no longer add up to the classes
    del bad[45]  # a required item left empty
    fill(DATA / "学校填报表格.xlsx", bad, folder / "school-0.xlsx")
    got = collect(folder)
    returned = got.returned
    assert [f.key for f in returned] == ["2101010001"]
    found = {(d.item_no, d.code) for d in returned[0].defects}
    assert {(10, "negative_value"), (45, "missing_value"), (15, "bands_disagree")} <= found
    assert got.schools is not None
    assert "2101010001" not in got.schools["school_id"].tolist()
    log = got.log_csv().splitlines()
    assert log[0] == "file,kind,key,status,severity,item_no,item,value,reason"
    assert any(",returned,error,45,教学及辅助用房总面积,," in line for line in log)


def test_a_nine_year_school_on_the_shenyang_form_is_returned(tmp_path: Path) -> None:
    folder = _forms(tmp_path)
    nine = {k: v for k, v in schools()[2].items() if k < 69}
    fill(DATA / "学校填报表格.xlsx", nine, folder / "school-2.xlsx")
    got = collect(folder)
    (ret,) = got.returned
    assert ret.key == "2101010009"
    assert any(d.code == "teachers_need_section" for d in ret.defects)


def test_derived_class_and_room_values(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    v = schools()[0]
    v.update({19: 20, 21: 5, 25: 1, 15: 26, 53: 3, 54: 1, 55: 1, 56: 0})
    fill(DATA / "学校填报表格.xlsx", v, folder / "s.xlsx")
    got = collect(folder, county_code=COUNTY, year=YEAR)
    t = got.schools
    assert t is not None
    assert t["max_class_size"].tolist() == [66.0]  # a class of 66 or more
    assert t["very_large_classes"].tolist() == [1.0]
    over = {d.name: d.value for d in got.derivations if d.name.startswith("classes_over_")}
    assert over == {"classes_over_45": 6.0, "classes_over_50": 1.0, "classes_over_55": 1.0,
                    "classes_over_65": 1.0}  # fmt: skip
    # three music rooms, two in the bands: the third is under 61 m², taken as 0 with a warning
    assert t["min_music_room_area_m2"].tolist() == [0.0]
    (status,) = got.log
    assert status.status == "accepted"
    assert [d.code for d in status.defects if d.severity == "warning"] == ["room_below_bands"]


def test_english_template_reads_back(tmp_path: Path) -> None:
    school = {"school_id": "X1", "school_name": "One", "school_type": "primary"}
    blank = write_template("school", tmp_path / "en.xlsx", lang="en", school=school)
    values = schools()[0]
    for no in (1, 2, 3):
        values.pop(no)
    filled = fill(blank, values, tmp_path / "filled.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = collect([filled], county_code=COUNTY, year=YEAR)
    assert got.log[0].status == "accepted", got.log[0].defects
    assert got.schools is not None
    assert got.schools["school_id"].tolist() == ["X1"]
    assert got.schools["school_type"].tolist() == ["primary"]
