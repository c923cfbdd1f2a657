"""Numbers at the ends of float64: scale invariance from 1e-300 to 1e300, values and weights
near the float maximum, checked against mpmath at 50 digits."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eduequity.errors import EduequityError, MetricInputError, UndefinedMetricError
from eduequity.metrics import (
    atkinson,
    coefficient_of_variation,
    disparity_test,
    federal_range_ratio,
    gini,
    grouped,
    grouped_cv,
    grouped_mean,
    grouped_std,
    mcloone,
    mean_log_deviation,
    theil,
    verstegen,
    weighted_mean,
    weighted_std,
)

mpmath.mp.dps = 50
Mpf = mpmath.mpf


def _mp(values: list[float]) -> list[mpmath.mpf]:
    return [Mpf(v) for v in values]


def mp_cv(x: list[float], w: list[float]) -> float:
    """The official CV in 50-digit arithmetic."""
    fx, fw = _mp(x), _mp(w)
    total = mpmath.fsum(fw)
    mean = mpmath.fsum(a * b for a, b in zip(fx, fw, strict=True)) / total
    var = mpmath.fsum(b * (a - mean) ** 2 for a, b in zip(fx, fw, strict=True)) / total
    return float(mpmath.sqrt(var) / mean)


def mp_std(x: list[float], w: list[float]) -> float:
    fx, fw = _mp(x), _mp(w)
    total = mpmath.fsum(fw)
    mean = mpmath.fsum(a * b for a, b in zip(fx, fw, strict=True)) / total
    return float(
        mpmath.sqrt(mpmath.fsum(b * (a - mean) ** 2 for a, b in zip(fx, fw, strict=True)) / total)
    )


def mp_gini(x: list[float], w: list[float]) -> float:
    """ΣΣ w_i w_j |x_i − x_j| / (2 W² μ) in 50-digit arithmetic."""
    fx, fw = _mp(x), _mp(w)
    total = mpmath.fsum(fw)
    mean = mpmath.fsum(a * b for a, b in zip(fx, fw, strict=True)) / total
    pairs = mpmath.fsum(
        wi * wj * abs(xi - xj)
        for xi, wi in zip(fx, fw, strict=True)
        for xj, wj in zip(fx, fw, strict=True)
    )
    return float(pairs / (2 * total**2 * mean))


def mp_theil(x: list[float], w: list[float]) -> float:
    fx, fw = _mp(x), _mp(w)
    total = mpmath.fsum(fw)
    mean = mpmath.fsum(a * b for a, b in zip(fx, fw, strict=True)) / total
    return float(
        mpmath.fsum(
            b / total * (a / mean) * mpmath.log(a / mean) for a, b in zip(fx, fw, strict=True)
        )
    )


def mp_atkinson(x: list[float], w: list[float], epsilon: float) -> float:
    fx, fw = _mp(x), _mp(w)
    total = mpmath.fsum(fw)
    mean = mpmath.fsum(a * b for a, b in zip(fx, fw, strict=True)) / total
    if epsilon == 1:
        ede = mpmath.exp(
            mpmath.fsum(b / total * mpmath.log(a) for a, b in zip(fx, fw, strict=True))
        )
    else:
        p = 1 - Mpf(epsilon)
        ede = mpmath.fsum(b / total * a**p for a, b in zip(fx, fw, strict=True)) ** (1 / p)
    return float(1 - ede / mean)


# --- the cases of the issue, by hand -------------------------------------------------------


def test_cv_of_tiny_values_is_not_zero() -> None:
    # mean 2e-300, deviations ±1e-300: S = 1e-300, CV = 1e-300 / 2e-300 = 0.5
    assert coefficient_of_variation([1e-300, 3e-300], [1, 1]) == pytest.approx(0.5, rel=1e-14)
    assert weighted_std([1e-300, 3e-300]) == pytest.approx(1e-300, rel=1e-14)
    assert weighted_mean([1e-300, 3e-300]) == pytest.approx(2e-300, rel=1e-14)


@pytest.mark.parametrize("scale", [1e155, 1e200, 1e300, 1e307])
def test_cv_of_huge_values_is_computed(scale: float) -> None:
    # the same two units at any scale: CV 0.5 (deviations beyond 1e154 square past float64)
    assert coefficient_of_variation([scale, 3 * scale], [1000, 1000]) == pytest.approx(
        0.5, rel=1e-14
    )
    assert weighted_std([scale, 3 * scale], [1, 3]) == pytest.approx(
        mp_std([scale, 3 * scale], [1, 3]), rel=1e-14
    )


def test_std_of_values_at_the_float_maximum() -> None:
    # ±1.7e308 with equal weights: mean 0, S = 1.7e308 (representable; its square is not)
    assert weighted_std([-1.7e308, 1.7e308]) == pytest.approx(1.7e308, rel=1e-14)
    assert weighted_std([-1.7e308, 1.7e308], [1e300, 1e300]) == pytest.approx(1.7e308, rel=1e-14)
    assert weighted_mean([1e308, 1.7e308]) == pytest.approx(1.35e308, rel=1e-14)


def test_gini_near_the_float_maximum() -> None:
    # two units, equal weights, values 1 : 3 → 2·w²·2 / (2 · 4w² · 2) = 0.25 at every scale
    assert gini([1e307, 3e307], [1000, 1000]) == pytest.approx(0.25, rel=1e-14)
    assert gini([1e307, 3e307]) == pytest.approx(0.25, rel=1e-14)
    assert gini([1.0, 3.0], [1e308, 1e308]) == pytest.approx(0.25, rel=1e-14)
    assert gini([1e-300, 3e-300], [1e-300, 1e-300]) == pytest.approx(0.25, rel=1e-14)
    # the corrected form: W / (W − 1) is 1 in float64 when W overflows
    assert gini([1.0, 3.0], [1e308, 1e308], correction=True) == pytest.approx(0.25, rel=1e-14)


def test_theil_atkinson_near_the_float_maximum() -> None:
    x, w = [1e307, 3e307], [1000.0, 1000.0]
    # shares s = 0.5, 1.5: Theil = ½ (0.5 ln 0.5 + 1.5 ln 1.5); A₁ = 1 − sqrt(0.75)
    theil_by_hand = 0.5 * (0.5 * np.log(0.5) + 1.5 * np.log(1.5))
    assert theil(x, w) == pytest.approx(theil_by_hand, rel=1e-13)
    assert atkinson(x, w, epsilon=1) == pytest.approx(1 - np.sqrt(0.75), rel=1e-13)
    # ε = 2: 1 − harmonic mean / mean = 1 − 1.5e307 / 2e307
    assert atkinson(x, [1e308, 1e308], epsilon=2) == pytest.approx(0.25, rel=1e-13)
    assert mean_log_deviation([1e-300, 3e-300], [1e-300, 1e-300]) == pytest.approx(
        -0.5 * (np.log(0.5) + np.log(1.5)), rel=1e-13
    )


def test_mcloone_verstegen_near_the_float_maximum() -> None:
    x, w = [1e307, 3e307, 5e307], [1e308, 1e308, 1e308]
    # M = 3e307: below 1e307 → 1/3; above 5e307 → 5/3
    assert mcloone(x, w) == pytest.approx(1 / 3, rel=1e-14)
    assert verstegen(x, w) == pytest.approx(5 / 3, rel=1e-14)


def test_mcloone_and_verstegen_allow_zeros_below_a_positive_median() -> None:
    # M = 4 (cumulative shares 0.2, 0.4, 0.6); below: 0, 2 → mean 1 → 1/4; above: 6 → 6/4
    assert mcloone([0.0, 2.0, 4.0, 4.0, 6.0]) == 0.25
    assert verstegen([0.0, 2.0, 4.0, 4.0, 6.0]) == 1.5
    # weighted: shares 0.2, 0.4, 0.8 put the median at 4; below: (0·10 + 2·10) / 20 = 1
    assert mcloone([0.0, 2.0, 4.0, 6.0], [10, 10, 20, 10]) == 0.25


@pytest.mark.parametrize("measure", [mcloone, verstegen])
def test_a_zero_median_is_refused(measure) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UndefinedMetricError) as info:
        measure([0.0, 0.0, 0.0, 4.0])
    assert info.value.reason == "zero_median"
    with pytest.raises(MetricInputError, match=r"values must be >= 0, got -1\.0 at position 0"):
        measure([-1.0, 2.0, 3.0, 4.0])


@pytest.mark.parametrize(
    ("measure", "name"),
    [(disparity_test, "disparity test"), (federal_range_ratio, "federal range ratio")],
)
def test_negative_spending_is_refused(measure, name: str) -> None:  # type: ignore[no-untyped-def]
    # [-1, 2, 3, 4] gave (4 − (−1)) / (−1) = −5.0, "passed"
    with pytest.raises(MetricInputError, match=rf"{name}: values must be >= 0, got -1\.0"):
        measure([-1.0, 2.0, 3.0, 4.0])
    assert isinstance(MetricInputError("x"), EduequityError)


def test_grouped_forms_at_every_scale() -> None:
    # four groups of the same shape (1 : 3, equal weights) at 1e-300, 1, 1e200 and 1e307,
    # and a constant group: CV 0.5, S = the scale, mean 2 · scale
    scales = [1e-300, 1.0, 1e200, 1e307]
    x = [v for s in scales for v in (s, 3 * s)] + [5.0, 5.0]
    g = [i for i in range(len(scales)) for _ in (0, 1)] + [9, 9]
    w = [1000.0] * len(x)
    cv = grouped_cv(x, g, w)
    assert cv.value.tolist() == pytest.approx([0.5, 0.5, 0.5, 0.5, 0.0], rel=1e-14)
    sd = grouped_std(x, g, w)
    assert sd.value.tolist() == pytest.approx([*scales, 0.0], rel=1e-14)
    assert grouped_mean(x, g, w).value.tolist() == pytest.approx(
        [2 * s for s in scales] + [5.0], rel=1e-14
    )
    # weights whose group total overflows: the CV is still defined
    heavy = grouped_cv([1.0, 3.0, 1.0, 3.0], [0, 0, 1, 1], [1e308, 1e308, 1.0, 1.0])
    assert heavy.value.tolist() == pytest.approx([0.5, 0.5], rel=1e-14)


# --- laws, against mpmath -----------------------------------------------------------------

mantissas = st.lists(st.floats(1.0, 10.0), min_size=2, max_size=12)
exponents = st.integers(-300, 300)


@given(mantissas, exponents, exponents, st.data())
def test_cv_and_std_scale_from_1e_300_to_1e300(
    ms: list[float], e: int, f: int, data: st.DataObject
) -> None:
    """The documented scale invariance: CV(k·x) = CV(x) and S(k·x) = k·S(x) for k from
    1e-300 to 1e300, with weights of any scale too, as mpmath computes them."""
    x = [m * 10.0**e for m in ms]
    w = [
        float(v) * 10.0**f
        for v in data.draw(st.lists(st.integers(1, 500), min_size=len(ms), max_size=len(ms)))
    ]
    expected = mp_cv(x, w)
    assert coefficient_of_variation(x, w) == pytest.approx(expected, rel=1e-9, abs=1e-15)
    assert coefficient_of_variation(ms, w) == pytest.approx(expected, rel=1e-9, abs=1e-15)
    assert weighted_std(x, w) == pytest.approx(mp_std(x, w), rel=1e-9, abs=1e-15 * 10.0**e)
    groups = [i % 2 for i in range(len(x))]
    by_group = grouped_cv(x + ms, groups + [2] * len(ms), w + w)
    assert by_group.value[2] == pytest.approx(expected, rel=1e-9, abs=1e-15)


@given(mantissas, exponents, exponents, st.data())
def test_inequality_measures_scale_from_1e_300_to_1e300(
    ms: list[float], e: int, f: int, data: st.DataObject
) -> None:
    x = [m * 10.0**e for m in ms]
    w = [
        float(v) * 10.0**f
        for v in data.draw(st.lists(st.integers(1, 500), min_size=len(ms), max_size=len(ms)))
    ]
    assert gini(x, w) == pytest.approx(mp_gini(x, w), rel=1e-9, abs=1e-14)
    assert theil(x, w) == pytest.approx(mp_theil(x, w), rel=1e-9, abs=1e-14)
    assert atkinson(x, w, epsilon=1) == pytest.approx(mp_atkinson(x, w, 1), rel=1e-9, abs=1e-14)
    assert atkinson(x, w, epsilon=2) == pytest.approx(mp_atkinson(x, w, 2), rel=1e-9, abs=1e-14)


@given(st.lists(st.floats(1e300, 1.7e308), min_size=2, max_size=12), st.data())
def test_measures_near_the_float_maximum_are_right_or_refused(
    xs: list[float], data: st.DataObject
) -> None:
    """Values up to the float maximum, weights up to 1e307 (their total stays finite; a
    total that overflows is tested by hand above): never NaN, 0 or 1 by overflow."""
    w = data.draw(st.lists(st.floats(1.0, 1e307), min_size=len(xs), max_size=len(xs)))
    for got, expected in [
        (gini(xs, w), mp_gini(xs, w)),
        (theil(xs, w), mp_theil(xs, w)),
        (atkinson(xs, w, epsilon=0.5), mp_atkinson(xs, w, 0.5)),
    ]:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-14)
    assert coefficient_of_variation(xs, w) == pytest.approx(mp_cv(xs, w), rel=1e-9, abs=1e-14)


# --- structure: caches and threads ---------------------------------------------------------


def test_group_index_keeps_its_run_starts_without_touching_its_dict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    codes = np.repeat(np.arange(10), 1000)  # sorted by group: long runs
    gi = grouped.group_index(codes)
    assert "run_starts" not in vars(gi)  # no attribute planted on the frozen dataclass

    def must_not_run(_: object) -> None:
        raise AssertionError("the run starts found while counting were not kept")

    monkeypatch.setattr(grouped, "_run_starts", must_not_run)
    starts = gi.run_starts
    assert starts is not None
    assert starts.tolist() == list(range(0, 10_000, 1000))
    assert gi.run_starts is starts


def test_no_module_in_metrics_imports_a_threading_library() -> None:
    root = Path(grouped.__file__).parent
    banned = {"threading", "concurrent", "multiprocessing", "_thread"}
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & banned, path.name


def test_a_large_gini_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: threading.Thread) -> None:
        raise AssertionError("a thread was started")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    rng = np.random.default_rng(3)
    x, w = rng.lognormal(1.5, 0.4, 300_000), rng.integers(20, 2500, 300_000).astype(float)
    assert 0.0 < gini(x, w) < 1.0


def test_tiny_values_with_huge_weights_keep_their_cv() -> None:
    """Values near 1e-158 square below the normal range even though their weighted sum,
    with weights near 1e106, does not: found by the scale law above (CV 1/3 exactly)."""
    x = [1.0 * 10.0**-158, 2.0 * 10.0**-158]
    w = [10.0**106, 10.0**106]
    assert coefficient_of_variation(x, w) == pytest.approx(1 / 3, rel=1e-12)
    assert grouped_cv(x + x, [0, 0, 1, 1], w + w).value.tolist() == pytest.approx(
        [1 / 3, 1 / 3], rel=1e-12
    )
