"""teachers(): a two-year roster; rotation and key shares, staffing and a subject shortage."""

from __future__ import annotations

from dataclasses import replace

import pytest

import eduequity as eq
from eduequity.records import StaffingNorm, teachers


def _roster() -> list[dict[str, object]]:
    rows = []
    # school A: 6 teachers (one PE), B: 4 teachers (no PE, no music)
    plan = [
        ("t1", "A", "语文", "是", "是", "是", 400, "A", "B"),   # eligible key teacher, moved
        ("t2", "A", "数学", "否", "是", "是", 360, "A", "C"),   # eligible, moved
        ("t3", "A", "体育", "否", "是", "是", 100, "A", "A"),
        ("t4", "A", "音乐", "否", "否", "是", 500, "A", "B"),   # moved, not eligible
        ("t5", "A", "美术", "是", "是", "否", 360, "A", "A"),
        ("t6", "A", "英语", "否", "是", "是", 0, "A", "A"),
        ("t7", "B", "语文", "否", "是", "是", 400, "B", "B"),
        ("t8", "B", "数学", "否", "是", "是", 400, "B", "B"),
        ("t9", "B", "美术", "否", "否", "是", 400, "B", "B"),
        ("t10", "B", "英语", "是", "是", "是", 400, "B", "A"),  # eligible key teacher, moved
    ]  # fmt: skip
    for tid, school, subj, key, elig, cert, hours, y1, y2 in plan:
        rows.append({"teacher_id": tid, "school": school, "subject": subj, "is_key_teacher": key,
                     "eligible_for_rotation": elig, "certificate": cert,
                     "training_hours_5y": hours, "school_2024": y1, "school_2025": y2})  # fmt: skip
    return rows


def test_rotation_and_rates_by_hand() -> None:
    r = teachers(_roster())
    # eligible: t1 t2 t3 t5 t6 t7 t8 t10 = 8; rotated among them: t1 t2 t10 = 3; key: t1 t10
    assert (r.eligible, r.rotated, r.key_rotated) == (8, 3, 2)
    ci = {k: v.value for k, v in r.county_inputs().items()}
    assert ci["teacher_rotation_pct"] == pytest.approx(3 / 8 * 100)
    assert ci["key_teachers_among_rotated_pct"] == pytest.approx(2 / 3 * 100)
    assert ci["teacher_certificate_pct"] == pytest.approx(9 / 10 * 100)
    # 360 hours or more: t1 t2 t4 t5 t7 t8 t9 t10 = 8
    assert ci["teacher_training_completion_pct"] == pytest.approx(80.0)


def test_staffing_against_the_norm() -> None:
    r = teachers(_roster(), students={"A": (95, 0), "B": (0, 81)})
    a, b = r.staffing
    assert (a.school, a.needed, a.on_roster, a.surplus) == ("A", 5.0, 6, 1.0)
    assert b.needed == pytest.approx(6.0)  # 81 / 13.5
    assert b.surplus == pytest.approx(-2.0)
    assert b.missing_subjects == ("体育", "音乐")
    assert a.missing_subjects == ()
    # a province's own norm is data
    province = replace(StaffingNorm.national(), primary=19.0 * 5 / 6)
    r2 = teachers(_roster(), students={"A": (95, 0)}, norm=province)
    assert r2.staffing[0].needed == pytest.approx(6.0)


def test_a_rotated_column_and_bad_flags() -> None:
    rows = [{"teacher_id": 1, "school": "A", "eligible_for_rotation": "是", "rotated": "是"},
            {"teacher_id": 2, "school": "A", "eligible_for_rotation": "是", "rotated": "否"}]
    assert teachers(rows).county_inputs()["teacher_rotation_pct"].value == 50.0
    rows[1]["rotated"] = "maybe"
    with pytest.raises(eq.DataError, match="records, row 1, column rotated: must be 是 or 否"):
        teachers(rows)


def test_previous_roster_gives_rotation(tmp_path: object) -> None:
    before = [{"teacher_id": t, "school": s, "eligible_for_rotation": "是"}
              for t, s in (("1", "A"), ("2", "A"), ("3", "B"), ("4", "B"))]  # fmt: skip
    now = [dict(r) for r in before]
    now[0]["school"] = "B"  # teacher 1 moved
    now.append({"teacher_id": "5", "school": "A", "eligible_for_rotation": "是"})  # new hire
    r = teachers(now, previous=before)
    assert (r.eligible, r.rotated) == (5, 1)
