"""eduequity.metrics: pure functions on arrays (no pydantic, no I/O).

Every measure takes ``(values, weights=None, *, ...)`` where ``weights`` are frequency
weights (pupils as units), returns a plain ``float``, and raises
:class:`~eduequity.errors.UndefinedMetricError` (with a ``reason``) where it is undefined.
"""

from eduequity.metrics.bootstrap import BootstrapResult, bootstrap_ci
from eduequity.metrics.decomposition import Decomposition, ge_decomposition, theil_decomposition
from eduequity.metrics.dispersion import (
    coefficient_of_variation,
    per_100_students,
    per_student,
    ratio_of_totals,
    weighted_mean,
    weighted_std,
)
from eduequity.metrics.finance import (
    DisparityTest,
    WealthNeutrality,
    disparity_test,
    federal_range_ratio,
    mcloone,
    restricted_range,
    value_range,
    verstegen,
    wealth_neutrality,
)
from eduequity.metrics.grouped import (
    GroupedStatistic,
    GroupIndex,
    group_index,
    grouped_cv,
    grouped_generalized_entropy,
    grouped_mean,
    grouped_std,
)
from eduequity.metrics.inequality import (
    atkinson,
    generalized_entropy,
    gini,
    lorenz_curve,
    mean_log_deviation,
    theil,
)
from eduequity.metrics.influence import leave_one_out_cv, variance_shares
from eduequity.metrics.parity import adjusted_parity_index, is_parity, parity_index
from eduequity.metrics.quantiles import QuantileMethod, pupil_quantile
from eduequity.metrics.thresholds import (
    Comparison,
    KOfNCheck,
    ThresholdCheck,
    at_least,
    at_most,
    check_threshold,
    k_of_n,
    k_of_n_passed,
    k_of_n_passed_columns,
)

__all__ = [
    "BootstrapResult",
    "Comparison",
    "Decomposition",
    "DisparityTest",
    "GroupIndex",
    "GroupedStatistic",
    "KOfNCheck",
    "QuantileMethod",
    "ThresholdCheck",
    "WealthNeutrality",
    "adjusted_parity_index",
    "at_least",
    "at_most",
    "atkinson",
    "bootstrap_ci",
    "check_threshold",
    "coefficient_of_variation",
    "disparity_test",
    "federal_range_ratio",
    "ge_decomposition",
    "generalized_entropy",
    "gini",
    "group_index",
    "grouped_cv",
    "grouped_generalized_entropy",
    "grouped_mean",
    "grouped_std",
    "is_parity",
    "k_of_n",
    "k_of_n_passed",
    "k_of_n_passed_columns",
    "leave_one_out_cv",
    "lorenz_curve",
    "mcloone",
    "mean_log_deviation",
    "parity_index",
    "per_100_students",
    "per_student",
    "pupil_quantile",
    "ratio_of_totals",
    "restricted_range",
    "theil",
    "theil_decomposition",
    "value_range",
    "variance_shares",
    "verstegen",
    "wealth_neutrality",
    "weighted_mean",
    "weighted_std",
]
