"""Plot functions return figures that show the assessment's numbers."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from eduequity import ConfigurationError, evaluate, load_example
from eduequity.metrics import lorenz_curve
from eduequity.plots import figure_svg, plot_cvs, plot_lorenz, plot_school_values


@pytest.fixture(scope="module")
def a17():  # type: ignore[no-untyped-def]
    return evaluate(load_example(), "cn-2017-quality")


def test_school_values_bars_and_standard(a17) -> None:  # type: ignore[no-untyped-def]
    fig = plot_school_values(a17, "teaching_area_per_student", level="junior")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    level = a17.counties[0].levels["junior"]
    values = sorted(s.values["teaching_area_per_student"] for s in level.schools)
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx(values)
    (line,) = ax.lines
    assert set(line.get_ydata()) == {5.8}  # the junior standard
    red = [
        p
        for p in ax.patches
        if p.get_facecolor()[:3] == pytest.approx((0.753, 0.224, 0.169), abs=0.01)
    ]
    assert len(red) == sum(v < 5.8 for v in values)


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


def test_svg_is_deterministic_and_errors_are_clear(a17) -> None:  # type: ignore[no-untyped-def]
    one = figure_svg(plot_cvs(a17))
    assert one == figure_svg(plot_cvs(a17))
    assert "<dc:date>" not in one
    with pytest.raises(ConfigurationError, match="county: '123456' is not in the assessment"):
        plot_cvs(a17, county="123456")
