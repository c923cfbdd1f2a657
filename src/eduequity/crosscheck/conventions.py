"""The conventions other systems compute by, as data.

A :class:`Recipe` says how figures are computed: which schools count and how combined
schools become sections (the policies of :mod:`eduequity.sections`), which statistic (the
enrollment-weighted population CV of the standard, or another), and how figures are shown
(rounding, units, a composite). :meth:`Recipe.of` gives the standard's own recipe.

A :class:`Convention` changes one aspect (its ``axis``) of a recipe: ``apply`` returns the
changed recipe, or ``None`` where the convention is no departure from the standard (private
schools "in" under a standard that includes them). :data:`CONVENTIONS` is the catalogue
tried by :func:`~eduequity.crosscheck.crosscheck`, alone and in pairs of different axes;
pass a longer tuple to try more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Literal

from eduequity.rules.schema import CountyCVRule, RuleSet
from eduequity.sections import ScopePolicy, SplitWeights, TeachingPointPolicy

__all__ = ["CONVENTIONS", "Convention", "Recipe", "convention"]

EQUIPMENT = "equipment_value_per_student"
YUAN_PER_10K = 1e-4  # 1 元 = 0.0001 万元


@dataclass(frozen=True)
class Recipe:
    """How a set of figures is computed.

    ``scope`` is passed to :func:`~eduequity.sections.build_sections`. ``unsplit``:
    ``None`` (combined schools split as ``scope`` says), ``"whole"`` (each school's whole
    figures, over its whole compulsory enrollment, in every level it has pupils in) or
    ``"pooled"`` (one population of whole schools for both levels). ``weighted`` and
    ``ddof`` choose the CV (``ddof=1``: divisor ``W − 1`` weighted, ``n − 1`` unweighted).
    ``mean_factors`` rescale the means of some indicators (a unit); ``round_digits`` rounds
    the CVs and the composite before they are compared; ``composite_mean`` tests the mean
    of the CVs instead of each one.
    """

    scope: ScopePolicy
    unsplit: Literal["whole", "pooled"] | None = None
    weighted: bool = True
    ddof: int = 0
    zero_mean_as_zero: bool = False
    composite_mean: bool = False
    mean_factors: tuple[tuple[str, float], ...] = ()
    round_digits: int | None = None

    @classmethod
    def of(cls, rs: RuleSet) -> Recipe:
        """The standard's own recipe (its scope, the official CV, its rounding)."""
        digits = next((r.round_digits for r in rs.rules if isinstance(r, CountyCVRule)), None)
        return cls(scope=rs.scope.policy(), round_digits=digits)

    @property
    def standard_statistic(self) -> bool:
        """The CV is the standard's: split sections, enrollment-weighted, population form."""
        return self.unsplit is None and self.weighted and self.ddof == 0

    def mean_factor(self, indicator: str) -> float:
        return dict(self.mean_factors).get(indicator, 1.0)


@dataclass(frozen=True)
class Convention:
    """One way another system departs from the standard.

    ``zh``/``en`` describe it as a finding ("their CVs are unweighted (Σx/n)"); ``apply``
    changes a recipe accordingly (``None``: no departure under this standard).
    """

    id: str
    axis: str
    zh: str
    en: str
    apply: Callable[[Recipe, RuleSet], Recipe | None]

    @property
    def name(self) -> str:
        """The convention's name: its id."""
        return self.id

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "axis": self.axis, "zh": self.zh, "en": self.en}


def _unweighted(r: Recipe, rs: RuleSet) -> Recipe | None:
    return replace(r, weighted=False) if r.weighted else None


def _sample(r: Recipe, rs: RuleSet) -> Recipe | None:
    return replace(r, ddof=1) if r.ddof == 0 else None


def _composite_mean(r: Recipe, rs: RuleSet) -> Recipe | None:
    rules = [x for x in rs.rules if isinstance(x, CountyCVRule)]
    if r.composite_mean or not rules or any(x.aggregate == "mean" for x in rules):
        return None  # the standard averages already (2012), or has no CV rule
    return replace(r, composite_mean=True)


def _zero_mean(r: Recipe, rs: RuleSet) -> Recipe | None:
    return None if r.zero_mean_as_zero else replace(r, zero_mean_as_zero=True)


# A convention with a setting is a partial of a module-level function (not a closure), so
# that a result holding it (CrossCheck, CVMismatchError) can be pickled.
def _unsplit_as(mode: Literal["whole", "pooled"], r: Recipe, rs: RuleSet) -> Recipe | None:
    return replace(r, unsplit=mode) if r.unsplit is None else None


def _unsplit(mode: Literal["whole", "pooled"]) -> Callable[[Recipe, RuleSet], Recipe | None]:
    return partial(_unsplit_as, mode)


def _combined_excluded(r: Recipe, rs: RuleSet) -> Recipe | None:
    if r.unsplit is not None or r.scope.split is None:
        return None
    return replace(r, scope=r.scope.model_copy(update={"split": None}))


_BY_ENROLLMENT = SplitWeights(
    primary=1.0, junior=1.0, senior=1.0, complete_junior=1.0, complete_senior=1.0
)


def _split_by_enrollment(r: Recipe, rs: RuleSet) -> Recipe | None:
    if r.unsplit is not None or r.scope.split is None or r.scope.split == _BY_ENROLLMENT:
        return None
    return replace(r, scope=r.scope.model_copy(update={"split": _BY_ENROLLMENT}))


def _points_as(policy: TeachingPointPolicy, r: Recipe, rs: RuleSet) -> Recipe | None:
    if r.scope.teaching_points == policy:
        return None
    return replace(r, scope=r.scope.model_copy(update={"teaching_points": policy}))


def _teaching_points(policy: TeachingPointPolicy) -> Callable[[Recipe, RuleSet], Recipe | None]:
    return partial(_points_as, policy)


def _private_as(include: bool, r: Recipe, rs: RuleSet) -> Recipe | None:
    if r.scope.include_private == include:
        return None
    return replace(r, scope=r.scope.model_copy(update={"include_private": include}))


def _private(include: bool) -> Callable[[Recipe, RuleSet], Recipe | None]:
    return partial(_private_as, include)


def _equipment_10k(r: Recipe, rs: RuleSet) -> Recipe | None:
    if EQUIPMENT not in {i.id for i in rs.indicators} or r.mean_factor(EQUIPMENT) != 1.0:
        return None
    return replace(r, mean_factors=(*r.mean_factors, (EQUIPMENT, YUAN_PER_10K)))


def _rounded_to(digits: int, r: Recipe, rs: RuleSet) -> Recipe | None:
    return None if r.round_digits is not None else replace(r, round_digits=digits)


def _rounding(digits: int) -> Callable[[Recipe, RuleSet], Recipe | None]:
    return partial(_rounded_to, digits)


def convention(
    id: str, axis: str, zh: str, en: str, apply: Callable[[Recipe, RuleSet], Recipe | None]
) -> Convention:
    """A new convention for the catalogue (``CONVENTIONS + (convention(...),)``)."""
    return Convention(id, axis, zh, en, apply)


CONVENTIONS: tuple[Convention, ...] = (
    Convention("unweighted", "weights",
               "对方差异系数未按在校生数加权（Σx/n）",
               "their CVs are unweighted (Σx/n)", _unweighted),
    Convention("sample_sd", "divisor",
               "对方用样本标准差（除以 n−1，加权时除以 W−1）",
               "their CVs use the sample SD (n − 1, or W − 1 with weights)", _sample),
    Convention("composite_mean", "aggregate",
               "对方以7项差异系数的平均值作综合差异系数并据此判定（2017年标准逐项判定）",
               "their composite is the mean of the CVs, tested instead of each CV (2017)",
               _composite_mean),
    Convention("zero_mean_as_zero", "zero_mean",
               "对方将均值为0的差异系数记为0（标准中无定义）",
               "their CV of a zero mean is shown as 0 (undefined in the standard)", _zero_mean),
    Convention("unsplit_pooled", "split",
               "对方未拆分一贯制学校（小学与初中合并计算）",
               "their combined schools are not split (primary and junior pooled)",
               _unsplit("pooled")),
    Convention("unsplit_whole_each", "split",
               "对方未拆分一贯制学校（整校计入其所在的每个学段）",
               "their combined schools are not split (the whole school in each level)",
               _unsplit("whole")),
    Convention("combined_excluded", "split",
               "对方未计入有多个学段的一贯制学校",
               "their combined schools with several sections are left out",
               _combined_excluded),
    Convention("split_by_enrollment", "split",
               "对方按在校生数（不加权）分摊一贯制学校的共用资源",
               "their combined schools' shared resources are split by plain enrollment",
               _split_by_enrollment),
    Convention("teaching_points_kept", "teaching_points",
               "对方将教学点作为独立学校计入",
               "their teaching points count as schools of their own",
               _teaching_points(TeachingPointPolicy(mode="keep", min_students=0))),
    Convention("teaching_points_merged", "teaching_points",
               "对方将教学点并入其所属学校",
               "their teaching points are merged into their parent schools",
               _teaching_points(TeachingPointPolicy(mode="merge"))),
    Convention("private_included", "private",
               "对方计入了民办学校", "their figures include private schools", _private(True)),
    Convention("private_excluded", "private",
               "对方未计入民办学校", "their figures leave private schools out", _private(False)),
    Convention("equipment_10k_yuan", "unit",
               "对方的生均教学仪器设备值以万元计（标准以元计）",
               "their equipment value is in 万元 (10 000 yuan), not yuan", _equipment_10k),
    Convention("round_2", "rounding",
               "对方先将差异系数四舍五入到2位小数再比较",
               "their CVs are rounded to 2 decimals before comparison", _rounding(2)),
    Convention("round_4", "rounding",
               "对方先将差异系数四舍五入到4位小数再比较",
               "their CVs are rounded to 4 decimals before comparison", _rounding(4)),
)  # fmt: skip
