"""The hand-built cases: unweighted vendor CVs, the 2017 average, unsplit nine-year schools,
a vendor that agrees; each convention identified, each flip reported."""

from __future__ import annotations

import math

import pytest
from _county import (
    FIVE_AREA,
    FIVE_P,
    IND_2012,
    IND_2017,
    cv,
    five_county,
    mean,
    rows,
    school,
    their_cvs,
    units,
)

import eduequity as eq
from eduequity.crosscheck import assert_cvs_match, crosscheck

TEACHING = "teaching_area_per_student"


def test_the_worked_example_weighted_0515_unweighted_0489() -> None:
    x = [r / p for r, p in zip(FIVE_AREA, FIVE_P, strict=True)]
    assert round(cv(x, FIVE_P), 3) == 0.515
    assert round(cv(x), 3) == 0.489
    # the library's CV is the weighted one; evaluate gives it too
    assert round(eq.coefficient_of_variation(x, FIVE_P), 3) == 0.515
    level = eq.evaluate(five_county(), "cn-2017-quality").counties[0].levels["primary"]
    assert level.indicators[TEACHING].cv == pytest.approx(cv(x, FIVE_P), rel=1e-12)


def test_unweighted_vendor_cvs_are_found_and_the_verdict_flips() -> None:
    data = five_county()
    theirs = their_cvs(units(data, "primary"), IND_2017, weighted=False)
    assert round(theirs[TEACHING], 3) == 0.489  # under 0.50: they pass the county
    r = crosscheck(rows(theirs), data, "cn-2017-quality")
    lv = r.level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["unweighted"]
    assert lv.explained == 7
    moved = {f.indicator for f in lv.moved}
    assert moved == {TEACHING, "sports_area_per_student", "equipment_value_per_student"}
    fig = next(f for f in lv.figures if f.indicator == TEACHING)
    assert round(fig.ours or 0, 3) == 0.515
    assert round(fig.theirs, 3) == 0.489
    assert fig.difference == pytest.approx(
        theirs[TEACHING] - cv([a / p for a, p in zip(FIVE_AREA, FIVE_P, strict=True)], FIVE_P)
    )
    assert fig.reproduced_by[0].conventions == ("unweighted",)
    assert fig.reproduced_by[0].value == pytest.approx(theirs[TEACHING], rel=1e-12)
    assert (lv.our_verdict, lv.implied_verdict, lv.flips) == (False, True, True)
    assert lv.account("en") == (
        "their CVs are unweighted (Σx/n): 3 of 7 indicators move; "
        "the county fails under the standard but passes on their figures"
    )
    assert lv.account("zh") == (
        "对方差异系数未按在校生数加权（Σx/n）：7项指标中3项不同；按标准该县未达标，按对方数值达标"
    )
    assert not r.agrees
    assert r.flips == (lv,)


def test_unweighted_sample_sd_is_found_as_a_pair_and_the_verdict_holds() -> None:
    data = five_county()
    theirs = their_cvs(units(data, "primary"), IND_2017, weighted=False, ddof=1)
    assert theirs[TEACHING] == pytest.approx(cv([1.5, 4.5, 9, 5, 4.5]) * math.sqrt(5 / 4))
    lv = crosscheck(rows(theirs), data, "cn-2017-quality").level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["unweighted", "sample_sd"]
    assert (lv.our_verdict, lv.implied_verdict, lv.flips) == (False, False, False)
    assert lv.account("en").endswith(
        "the county fails both under the standard and on their figures"
    )


def test_weighted_sample_sd_moves_a_cv_by_less_than_the_tolerance() -> None:
    # W − 1 with 2800 pupils changes a CV by a factor sqrt(2800/2799): it agrees
    data = five_county()
    theirs = their_cvs(units(data, "primary"), IND_2017, ddof=1)
    r = crosscheck(rows(theirs), data, "cn-2017-quality")
    assert r.agrees
    tight = crosscheck(rows(theirs), data, "cn-2017-quality", rtol=0, atol=1e-9)
    lv = tight.level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["sample_sd"]


def test_the_2017_average_as_composite_explains_their_pass() -> None:
    data = five_county()
    ours = their_cvs(units(data, "primary"), IND_2017)
    average = sum(ours.values()) / 7
    assert ours[TEACHING] > 0.50
    assert average <= 0.50
    figures = rows({k: round(v, 3) for k, v in ours.items()}, composite=round(average, 3),
                   passed="达标")  # fmt: skip
    lv = crosscheck(figures, data, "cn-2017-quality").level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["composite_mean"]
    composite = next(f for f in lv.figures if f.kind == "composite")
    assert composite.ours is None
    assert "no composite" in (composite.ours_undefined_reason or "")
    assert composite.reproduced_by[0].conventions == ("composite_mean",)
    assert composite.reproduced_by[0].value == pytest.approx(average, rel=1e-9)
    # their CVs under the standard fail as ours do; they state a pass, as the average gives
    assert (lv.our_verdict, lv.implied_verdict, lv.stated_verdict) == (False, False, True)
    assert (lv.flips, lv.stated_flips, lv.explanation_verdict) == (False, True, True)
    assert lv.account("en") == (
        "their composite is the mean of the CVs, tested instead of each CV (2017): "
        "0 of 7 indicators move; the composite moves; "
        "the county fails both under the standard and on their figures; "
        "they state it passes (as the convention gives)"
    )


def _nine_year_county() -> list[dict]:
    def teachers(lv: str, p: int) -> dict:
        return {f"teachers_{lv}": p // 14, f"qualified_teachers_{lv}": p // 18,
                f"senior_title_teachers_{lv}": p // 40}  # fmt: skip

    def resources(p: int, area: float, books: float) -> dict:
        return {"teaching_aux_area_m2": area, "sports_ground_area_m2": 6 * p,
                "equipment_value_yuan": 1500 * p, "teaching_computers": p // 9,
                "books": books}  # fmt: skip

    return [
        school("P1", students_primary=600, **teachers("primary", 600),
               **resources(600, 3000, 18000)),
        school("P2", students_primary=300, **teachers("primary", 300),
               **resources(300, 1200, 6000)),
        school("J1", "junior", students_junior=800, **teachers("junior", 800),
               **resources(800, 6400, 40000)),
        school("J2", "junior", students_junior=400, **teachers("junior", 400),
               **resources(400, 2000, 10000)),
        school("N1", "nine_year", students_primary=500, students_junior=300,
               **teachers("primary", 500), **teachers("junior", 300),
               **resources(800, 2400, 12000)),
        school("N2", "nine_year", students_primary=200, students_junior=400,
               **teachers("primary", 200), **teachers("junior", 400),
               **resources(600, 6000, 36000)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("how", "convention"), [("whole", "unsplit_whole_each"), ("pooled", "unsplit_pooled")]
)
def test_unsplit_nine_year_schools_are_found(how: str, convention: str) -> None:
    data = _nine_year_county()
    figures = []
    for level in ("primary", "junior"):
        theirs = their_cvs(units(data, level, how), IND_2012)
        figures += rows({k: round(v, 3) for k, v in theirs.items()}, level,
                        composite=round(sum(theirs.values()) / 8, 3))  # fmt: skip
    r = crosscheck(figures, data, "cn-2012-basic")
    for level, threshold in (("primary", 0.65), ("junior", 0.55)):
        lv = r.level("100001", level)
        assert [c.id for c in lv.explanation] == [convention], level
        assert lv.explained == 9
        split = their_cvs(units(data, level, "split"), IND_2012)
        cvs = {f.indicator: f for f in lv.figures if f.kind == "cv"}
        for ind, value in split.items():
            assert cvs[ind].ours == pytest.approx(value, rel=1e-9), (level, ind)
        composite = next(f for f in lv.figures if f.kind == "composite")
        assert composite.ours == pytest.approx(sum(split.values()) / 8, rel=1e-9)
        assert lv.our_verdict is (composite.ours <= threshold)
        assert lv.implied_verdict is (composite.theirs <= threshold)
        assert lv.flips is (lv.our_verdict != lv.implied_verdict)


def test_combined_schools_left_out() -> None:
    data = _nine_year_county()
    single = [r for r in data if r["school_type"] != "nine_year"]
    figures = []
    for level in ("primary", "junior"):
        figures += rows(their_cvs(units(single, level), IND_2012), level)
    r = crosscheck(figures, data, "cn-2012-basic")
    for level in ("primary", "junior"):
        lv = r.level("100001", level)
        assert [c.id for c in lv.explanation] == ["combined_excluded"], level


def test_combined_schools_split_by_plain_enrollment() -> None:
    data = _nine_year_county()
    figures = []
    for level in ("primary", "junior"):
        plain = units(data, level, weights={"primary": 1.0, "junior": 1.0})
        figures += rows(their_cvs(plain, IND_2012), level)
    r = crosscheck(figures, data, "cn-2012-basic")
    for level in ("primary", "junior"):
        lv = r.level("100001", level)
        assert [c.id for c in lv.explanation] == ["split_by_enrollment"], level
        assert lv.moved  # the 1 : 1.1 weights of the standard move the shared resources


def test_private_schools_left_out_where_2017_counts_them() -> None:
    data = five_county()
    data.append(school("V1", ownership="private", students_primary=500,
                       teaching_aux_area_m2=5000, sports_ground_area_m2=2000,
                       equipment_value_yuan=3_000_000, qualified_teachers_primary=30,
                       key_teachers_primary=2, pe_art_teachers_primary=4,
                       multimedia_classrooms=8))  # fmt: skip
    public = their_cvs(units(data[:5], "primary"), IND_2017)
    lv = crosscheck(rows(public), data, "cn-2017-quality").level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["private_excluded"]
    assert {f.indicator: f.ours for f in lv.figures} == pytest.approx(
        their_cvs(units(data, "primary"), IND_2017), rel=1e-9)  # fmt: skip


def test_only_single_conventions_without_pairs() -> None:
    data = five_county()
    theirs = their_cvs(units(data, "primary"), IND_2017, weighted=False, ddof=1)
    lv = crosscheck(rows(theirs), data, "cn-2017-quality", pairs=False).level(
        "100001", "primary")  # fmt: skip
    assert all(len(c) == 1 for f in lv.figures for c in [r.conventions for r in f.reproduced_by])
    assert lv.explanation == ()  # the pair is needed to reproduce them
    assert lv.account("en").startswith("no convention tried reproduces their figures")


def test_a_vendor_that_agrees() -> None:
    data = five_county()
    ours = their_cvs(units(data, "primary"), IND_2017)
    r = crosscheck(rows({k: round(v, 3) for k, v in ours.items()}), data, "cn-2017-quality")
    lv = r.level("100001", "primary")
    assert r.agrees
    assert lv.agrees
    assert not lv.moved
    assert lv.explanation == ()
    assert all(f.reproduced_by == () for f in lv.figures)
    assert (lv.our_verdict, lv.implied_verdict, lv.flips) == (False, False, False)
    assert lv.account("en") == (
        "their figures agree with the standard: 0 of 7 indicators move; "
        "the county fails both under the standard and on their figures"
    )
    assert lv.account("zh") == "对方数值与标准一致：7项指标均一致；按标准与按对方数值该县均未达标"
    assert_cvs_match(rows({k: round(v, 3) for k, v in ours.items()}), data,
                                   "cn-2017-quality")  # fmt: skip


def test_rounding_to_two_decimals_flips_a_cv_just_above_the_threshold() -> None:
    data = five_county(area_a=1160)
    ours = their_cvs(units(data, "primary"), IND_2017)
    assert 0.50 < ours[TEACHING] < 0.5005  # fails; 0.50 once rounded, which passes
    r = crosscheck(rows({k: round(v, 2) for k, v in ours.items()}), data, "cn-2017-quality")
    lv = r.level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["round_2"]
    fig = next(f for f in lv.figures if f.indicator == TEACHING)
    assert fig.agrees  # within the tolerance, and yet the verdict flips
    assert fig.reproduced_by[0].conventions == ("round_2",)
    assert fig.reproduced_by[0].exact
    assert (lv.our_verdict, lv.implied_verdict, lv.flips, lv.explanation_verdict) == (
        False, True, True, True)  # fmt: skip


def test_rounding_to_four_decimals_needs_a_tight_tolerance() -> None:
    data = five_county()
    ours = their_cvs(units(data, "primary"), IND_2017)
    figures = rows({k: round(v, 4) for k, v in ours.items()})
    assert crosscheck(figures, data, "cn-2017-quality").agrees
    lv = crosscheck(figures, data, "cn-2017-quality", rtol=0, atol=1e-7).level(
        "100001", "primary")  # fmt: skip
    assert [c.id for c in lv.explanation] == ["round_4"]


def test_a_zero_mean_shown_as_zero() -> None:
    data = five_county()
    for rec in data:
        rec["key_teachers_primary"] = 0
    ours = their_cvs(units(data, "primary"), {k: v for k, v in IND_2017.items()
                                              if not k.startswith("key")})  # fmt: skip
    theirs = {**ours, "key_teachers_per_100_students": 0.0}
    lv = crosscheck(rows(theirs), data, "cn-2017-quality").level("100001", "primary")
    fig = next(f for f in lv.figures if f.indicator == "key_teachers_per_100_students")
    assert fig.ours is None
    assert "mean is 0" in (fig.ours_undefined_reason or "")
    assert fig.reproduced_by[0].conventions == ("zero_mean_as_zero",)
    assert [c.id for c in lv.explanation] == ["zero_mean_as_zero"]
    # ours fails on the teaching area anyway; theirs fails on it as well
    assert (lv.our_verdict, lv.implied_verdict, lv.flips) == (False, False, False)


def test_a_zero_mean_leaves_our_verdict_undecided_where_theirs_passes() -> None:
    data = five_county()
    for rec in data:
        rec["key_teachers_primary"] = 0
        rec["teaching_aux_area_m2"] = 5 * rec["students_primary"]  # no spread
    ours = their_cvs(units(data, "primary"), {k: v for k, v in IND_2017.items()
                                              if not k.startswith("key")})  # fmt: skip
    lv = crosscheck(rows({**ours, "key_teachers_per_100_students": 0.0}), data,
                    "cn-2017-quality").level("100001", "primary")  # fmt: skip
    assert (lv.our_verdict, lv.implied_verdict, lv.flips) == (None, True, None)
    assert lv.account("en").endswith(
        "the county is not decided under the standard and passes on their figures"
    )


def _with_teaching_points() -> list[dict]:
    data = five_county()
    data.append(school("T1", "teaching_point", students_primary=60, parent_school_id="S2",
                       teaching_aux_area_m2=60, sports_ground_area_m2=120,
                       equipment_value_yuan=30000, teachers_primary=4,
                       qualified_teachers_primary=2, senior_title_teachers_primary=1,
                       key_teachers_primary=0, pe_art_teachers_primary=0,
                       multimedia_classrooms=1, teaching_computers=2, books=600))  # fmt: skip
    return data


def _merged(data: list[dict]) -> list[dict]:
    """The teaching point added into its parent (students, resources, teachers)."""
    tp = next(r for r in data if r["school_type"] == "teaching_point")
    out = []
    for r in data:
        if r is tp:
            continue
        if r["school_id"] == tp["parent_school_id"]:
            r = {k: (v + tp.get(k, 0) if isinstance(v, int | float) and k != "year" else v)
                 for k, v in r.items()}  # fmt: skip
        out.append(r)
    return out


def test_teaching_points_kept_where_the_2012_standard_merges_them() -> None:
    data = _with_teaching_points()
    kept = their_cvs(units(data, "primary"), IND_2012)  # the point as a school of its own
    merged = their_cvs(units(_merged(data), "primary"), IND_2012)
    r = crosscheck(rows(kept), data, "cn-2012-basic")
    lv = r.level("100001", "primary")
    ours = {f.indicator: f.ours for f in lv.figures}
    assert ours == pytest.approx(merged, rel=1e-9)
    assert [c.id for c in lv.explanation] == ["teaching_points_kept"]


def test_teaching_points_merged_where_the_2017_standard_keeps_them() -> None:
    data = _with_teaching_points()  # 60 pupils: a school of its own under 2017
    merged = their_cvs(units(_merged(data), "primary"), IND_2017)
    lv = crosscheck(rows(merged), data, "cn-2017-quality").level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["teaching_points_merged"]


def test_private_schools_included_where_2012_leaves_them_out() -> None:
    data = five_county()
    data.append(school("V1", ownership="private", students_primary=500,
                       teaching_aux_area_m2=5000, sports_ground_area_m2=2000,
                       equipment_value_yuan=3_000_000, teachers_primary=20,
                       qualified_teachers_primary=20, senior_title_teachers_primary=5,
                       teaching_computers=100, books=40000))  # fmt: skip
    theirs = their_cvs(units(data, "primary"), IND_2012)
    lv = crosscheck(rows(theirs), data, "cn-2012-basic").level("100001", "primary")
    assert [c.id for c in lv.explanation] == ["private_included"]
    public = their_cvs(units(data[:5], "primary"), IND_2012)
    assert {f.indicator: f.ours for f in lv.figures} == pytest.approx(public, rel=1e-9)


def test_equipment_in_10k_yuan_shows_only_in_a_mean() -> None:
    data = five_county()
    ours = their_cvs(units(data, "primary"), IND_2017)
    p = [u[0] for u in units(data, "primary")]
    x = [t["equipment_value_yuan"] / q for q, t in units(data, "primary")]
    figures = rows(ours)
    for f in figures:
        if f["indicator"] == "equipment_value_per_student":
            f["mean"] = mean(x, p) / 10_000  # 万元 per pupil
    lv = crosscheck(figures, data, "cn-2017-quality").level("100001", "primary")
    fig = next(f for f in lv.figures if f.kind == "mean")
    assert fig.ours == pytest.approx(mean(x, p))
    assert not fig.agrees
    assert fig.reproduced_by[0].conventions == ("equipment_10k_yuan",)
    assert [c.id for c in lv.explanation] == ["equipment_10k_yuan"]
    assert [f for f in lv.moved] == [fig]  # the CVs, scale-free, agree


def test_nothing_reproduces_figures_from_elsewhere() -> None:
    data = five_county()
    ours = their_cvs(units(data, "primary"), IND_2017)
    lv = crosscheck(rows({**ours, TEACHING: 0.9}), data, "cn-2017-quality").level(
        "100001", "primary")  # fmt: skip
    assert lv.explanation == ()
    assert lv.account("en").startswith(
        "no convention tried reproduces their figures: 1 of 7 indicators move"
    )


def test_our_verdicts_are_those_the_rules_give_on_our_figures() -> None:
    from eduequity.crosscheck.recompute import verdict_of_figures

    for standard in ("cn-2012-basic", "cn-2017-quality"):
        rs = eq.load_rule_set(standard)
        for data in (five_county(), _nine_year_county(), five_county(area_a=1160)):
            for c in eq.evaluate(data, rs).counties:
                for level, res in c.levels.items():
                    cvs = {k: v.cv for k, v in res.indicators.items()}
                    composite = None if res.composite is None else res.composite.value
                    r = crosscheck(rows({k: v for k, v in cvs.items() if v is not None},
                                        level), data, rs)  # fmt: skip
                    assert r.level("100001", level).our_verdict == verdict_of_figures(
                        rs, level, cvs, composite
                    )
