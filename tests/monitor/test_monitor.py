"""monitor(): margins, bands, rankings, changes and the regional analysis, by hand.

Every county below has two primary schools of 1000 pupils that sit at the 2017 per-school
standard (tests/_schools.py) except for the teaching area per pupil, which is 4.5 m² in the
first school and ``b`` m² in the second. With equal weights the weighted CV of two values is
``|a − b| / (a + b)``; every other indicator is equal across the schools (CV 0).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from tests._schools import AT_STANDARD

import eduequity as eq
from eduequity.errors import ConfigurationError, DataError
from eduequity.monitor import Bands, Monitoring, NoiseTolerance, monitor
from eduequity.monitor.changes import CountyChange, slope, years_to_target

AREA = "teaching_area_per_student"
THRESHOLD = 0.50  # cn-2017-quality, primary CV threshold of every indicator


def _county(code: str, year: int, b: float) -> list[dict[str, Any]]:
    rows = []
    for k, area in enumerate((4.5, b)):
        rows.append(dict(AT_STANDARD, school_id=f"{code}-{year}-{k}", school_name=f"S{k}",
                         county_code=code, county_name=f"County {code}", year=year,
                         teaching_aux_area_m2=area * 1000))  # fmt: skip
    return rows


def _cv2(a: float, b: float) -> float:
    return abs(a - b) / (a + b)


# year 1: A passes with room, B fails, C passes with much room, D passes narrowly (amber)
YEAR1 = {"510101": 9.0, "510102": 16.0, "510201": 6.0, "510202": 12.6}
# year 2: A moves by less than the tolerance; B mends; D crosses its threshold upward
YEAR2 = {"510101": 9.02, "510102": 9.0, "510201": 6.0, "510202": 17.0}


@pytest.fixture(scope="module")
def two_years() -> Monitoring:
    rows = [r for code, b in YEAR1.items() for r in _county(code, 2024, b)]
    rows += [r for code, b in YEAR2.items() for r in _county(code, 2025, b)]
    return monitor(rows, "cn-2017-quality", by="prefecture")


def _level(m: Any, code: str, year: int) -> Any:
    c = next(c for c in m.counties if c.county_code == code and c.year == year)
    return c.levels["primary"]


def test_margins_and_shares_by_hand(two_years: Any) -> None:
    for code, b in YEAR1.items():
        lv = _level(two_years, code, 2024)
        m = next(x for x in lv.margins if x.indicator == AREA)
        cv = _cv2(4.5, b)
        assert m.value == pytest.approx(cv, rel=1e-12)
        assert m.margin == pytest.approx(THRESHOLD - cv, rel=1e-12)
        assert m.share == pytest.approx((THRESHOLD - cv) / THRESHOLD, rel=1e-12)
        assert lv.binding.indicator == AREA  # every other CV is 0: share 1
    bands = {code: _level(two_years, code, 2024).warning for code in YEAR1}
    # shares: A 1/3, B −0.122, C 0.714, D 0.0526
    assert bands == {"510101": "green", "510102": "red", "510201": "green", "510202": "amber"}


def test_ranking_by_verdict_then_margin(two_years: Any) -> None:
    order = [r.county_code for r in two_years.ranking(2024, "primary")]
    # passing levels by share (C 0.714, A 0.333, D 0.053), then the failing B
    assert order == ["510201", "510101", "510202", "510102"]
    ranks = two_years.ranking(2024, "primary")
    assert [r.rank for r in ranks] == [1, 2, 3, 4]
    assert ranks[-1].passed is False


def test_changes_within_tolerance_and_regressions(two_years: Any) -> None:
    moves = {(c.county_code, c.indicator): c for c in two_years.changes}
    a = moves[("510101", AREA)]
    assert a.value_to - a.value_from == pytest.approx(_cv2(4.5, 9.02) - 1 / 3, rel=1e-9)
    assert abs(a.value_to - a.value_from) < 0.005
    assert a.movement == "no_change"
    b = moves[("510102", AREA)]
    assert (b.movement, b.crossed_down, b.crossed_up) == ("fell", True, False)
    d = moves[("510202", AREA)]
    assert d.value_to == pytest.approx(12.5 / 21.5, rel=1e-12)
    assert (d.movement, d.crossed_up) == ("rose", True)
    regress = [(r["kind"], r["county_code"]) for r in two_years.regressions()]
    assert regress == [("cv", "510202")]
    # a CV of 0 that stays 0 is no change either
    assert moves[("510101", "sports_area_per_student")].movement == "no_change"


def test_noise_tolerance_is_the_callers() -> None:
    strict = NoiseTolerance(absolute=0.0001, decimals=6)
    assert strict.movement(1 / 3, _cv2(4.5, 9.02)) == "rose"
    assert NoiseTolerance().movement(0.157, 0.1574) == "no_change"
    assert NoiseTolerance().movement(0.1570, 0.1620) == "rose"


def test_regional_analysis_by_brute_force(two_years: Any) -> None:
    r = next(x for x in two_years.regions
             if (x.region, x.year, x.indicator) == ("5101", 2024, AREA))  # fmt: skip
    x = np.array([4.5, 9.0, 4.5, 16.0])
    w = np.full(4, 1000.0)
    g = np.array([0, 0, 1, 1])
    mu = x @ w / w.sum()
    pooled_cv = math.sqrt(((x - mu) ** 2) @ w / w.sum()) / mu
    assert r.pooled_cv == pytest.approx(pooled_cv, rel=1e-12)

    def theil(v: np.ndarray, wt: np.ndarray) -> float:
        m = v @ wt / wt.sum()
        return float((wt * (v / m) * np.log(v / m)).sum() / wt.sum())

    total = theil(x, w)
    means = np.array([6.75, 10.25])
    between = theil(np.repeat(means, 2), w)
    within = sum(0.5 * (means[k] / mu) * theil(x[g == k], w[g == k]) for k in (0, 1))
    assert r.theil_total == pytest.approx(total, rel=1e-12)
    assert r.theil_between == pytest.approx(between, rel=1e-12)
    assert r.theil_within == pytest.approx(within, rel=1e-12)
    assert r.theil_between + r.theil_within == pytest.approx(r.theil_total, rel=1e-12)
    assert r.between_share == pytest.approx(between / total, rel=1e-12)
    # county means 6.75 and 10.25 with equal pupils: CV = 1.75 / 8.5
    assert r.cv_of_county_means == pytest.approx(1.75 / 8.5, rel=1e-12)
    assert (r.counties, r.sections) == (2, 4)


def test_rollups_per_prefecture(two_years: Any) -> None:
    ups = {(u.region, u.year): u for u in two_years.rollups}
    assert set(ups) == {("5101", 2024), ("5101", 2025), ("5102", 2024), ("5102", 2025)}
    u = ups[("5101", 2024)]
    assert (u.counties, u.pupils) == (2, 4000.0)
    assert u.failed >= 1  # B's level fails, so B fails
    assert sum(u.warnings.values()) == 2


def test_within_keeps_a_prefix_and_by_is_checked() -> None:
    rows = [r for code, b in YEAR1.items() for r in _county(code, 2024, b)]
    m = monitor(rows, "cn-2017-quality", within="5102", by="province")
    assert sorted(c.county_code for c in m.counties) == ["510201", "510202"]
    assert [u.region for u in m.rollups] == ["51"]
    with pytest.raises(ConfigurationError, match="by must be one of"):
        monitor(rows, by="city")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="amber_share"):
        Bands(amber_share=1.5)


def test_files_per_year_and_years_from_names(tmp_path: Any) -> None:
    one = eq.load_schools([r for c, b in YEAR1.items() for r in _county(c, 2024, b)])
    two = eq.load_schools([r for c, b in YEAR2.items() for r in _county(c, 2025, b)])
    p1, p2 = tmp_path / "a.csv", tmp_path / "b.csv"
    one.to_csv(p1)
    two.to_csv(p2)
    m = monitor([p1, p2])
    assert m.years == [2024, 2025]
    # the same file twice: a county and year in two sources is refused
    with pytest.raises(DataError, match="510101, year 2024 is in both"):
        monitor([p1, p1])
    # a file without a year column takes the one year in its name, with a note
    rows = [{k: v for k, v in r.items() if k != "year"} for r in one.to_dicts()]
    named = tmp_path / "schools-2023.csv"
    eq.load_schools(rows).to_csv(named)
    m = monitor(named)
    assert m.years == [2023]
    assert m.notes
    assert "2023" in m.notes[0]
    unnamed = tmp_path / "schools.csv"
    eq.load_schools(rows).to_csv(unnamed)
    with pytest.raises(DataError, match="no year column"):
        monitor(unnamed)


def test_county_change_kinds_and_pace() -> None:
    assert CountyChange("1", 2024, 2025, True, False).kind == "regressed"
    assert CountyChange("1", 2024, 2025, None, True).kind == "newly_passing"
    assert CountyChange("1", 2024, 2025, False, None).kind == "same"
    assert slope([2023, 2024, 2025], [0.60, 0.55, 0.50]) == pytest.approx(-0.05)
    # 0.50 at 2025 falling 0.05 a year reaches 0.45 in one year
    assert years_to_target(0.50, 0.45, -0.05) == 1.0
    assert years_to_target(0.50, 0.45, 0.01) is None


def test_reports_speak_one_language(two_years: Any) -> None:
    zh = two_years.to_text(lang="zh")
    en = two_years.to_text(lang="en")
    assert "生均教学及辅助用房面积" in zh
    assert "510202" in zh
    assert "Teaching and auxiliary floor area per student" in en
    # the county names are the data's own ("County 510101"): strip them before the check
    for name in {c.county_name for c in two_years.counties}:
        zh = zh.replace(name, "")
    assert not [w for w in ("passes", "fails", "primary", "Rank", "Warning") if w in zh]
    assert "rose" not in zh
    assert "上升" in zh
    doc = two_years.to_dict()
    assert doc["format"] == "eduequity.monitor/1"
    assert doc["regressions"][0]["county_code"] == "510202"
    html = two_years.to_html(lang="en")
    assert html.count("<table") == 4
    assert "County 510102" in html


def test_markdown_escapes_names() -> None:
    rows = _county("510101", 2024, 9.0)
    rows = [dict(r, county_name="<script>x</script>") for r in rows]
    md = monitor(rows).to_markdown(lang="en")
    assert "<script>" not in md
    assert "&lt;script&gt;" in md
