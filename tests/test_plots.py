"""Plot functions return figures that show the assessment's numbers, readably."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure

from eduequity import ConfigurationError, evaluate, load_example
from eduequity.metrics import lorenz_curve
from eduequity.report import plots
from eduequity.report.plots import figure_svg, plot_cvs, plot_lorenz, plot_school_values


@pytest.fixture(scope="module")
def a17():  # type: ignore[no-untyped-def]
    return evaluate(load_example(), "cn-2017-quality")


def test_school_values_bars_names_and_standard(a17) -> None:  # type: ignore[no-untyped-def]
    fig = plot_school_values(a17, "teaching_area_per_student", level="junior")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    level = a17.counties[0].levels["junior"]
    rows = sorted((s.values["teaching_area_per_student"], s.school_name) for s in level.schools)
    assert [p.get_width() for p in ax.patches] == pytest.approx([v for v, _ in rows])
    assert [t.get_text() for t in ax.get_yticklabels()] == [n for _, n in rows]
    (line,) = ax.lines
    assert set(line.get_xdata()) == {5.8}  # the junior standard
    assert line.get_label() == "标准 5.8 m²"
    assert ax.get_xlabel() == "生均教学及辅助用房面积 (m²)"
    red = [
        p
        for p in ax.patches
        if p.get_facecolor()[:3] == pytest.approx((0.753, 0.224, 0.169), abs=0.01)
    ]
    assert len(red) == sum(v < 5.8 for v, _ in rows)


def test_units_in_the_plot_language(a17) -> None:  # type: ignore[no-untyped-def]
    ax = plot_school_values(a17, "equipment_value_per_student", lang="en").axes[0]
    assert ax.get_xlabel() == "Teaching equipment value per student (yuan)"
    assert ax.lines[0].get_label() == "threshold 2000 yuan"


def test_cvs_and_lorenz(a17) -> None:  # type: ignore[no-untyped-def]
    ax = plot_cvs(a17, lang="en").axes[0]
    level = a17.counties[0].levels["primary"]
    assert [p.get_width() for p in ax.patches] == pytest.approx(
        [i.cv for i in level.indicators.values()]
    )
    assert ax.get_xlabel() == "coefficient of variation"
    lz = plot_lorenz(a17, "equipment_value_per_student").axes[0]
    values = [s.values["equipment_value_per_student"] for s in level.schools]
    pupils = [s.students for s in level.schools]
    p, v = lorenz_curve(values, pupils)
    assert np.allclose(lz.lines[1].get_xdata(), p)
    assert np.allclose(lz.lines[1].get_ydata(), v)


def test_svg_keeps_text_and_is_deterministic(a17) -> None:  # type: ignore[no-untyped-def]
    one = figure_svg(plot_cvs(a17))
    assert one == figure_svg(plot_cvs(a17))
    assert "<dc:date>" not in one
    assert "生均教学及辅助用房面积" in one  # text, not glyph paths
    assert 'id="DejaVuSans' not in one  # no embedded glyph outlines
    with pytest.raises(ConfigurationError, match="county: '123456' is not in the assessment"):
        plot_cvs(a17, county="123456")


def test_one_warning_without_a_cjk_font(a17, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(plots, "cjk_font", lambda: None)
    plots._warn_no_cjk_font.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for k in ("teaching_area_per_student", "sports_area_per_student"):
            figure_svg(plot_school_values(a17, k))
        figure_svg(plot_cvs(a17))
    plots._warn_no_cjk_font.cache_clear()
    assert [str(w.message)[:30] for w in caught] == ["matplotlib found no Chinese fo"]
