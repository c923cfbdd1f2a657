"""The public surface is a list under test: changing it is a deliberate act."""

from __future__ import annotations

import eduequity
import eduequity.metrics


def test_top_level_all() -> None:
    assert eduequity.__all__ == sorted(eduequity.__all__, key=str)
    assert set(eduequity.__all__) == {
        "Assessment",
        "AuditFinding",
        "ConfigurationError",
        "CountyInputError",
        "DataError",
        "DataValidationError",
        "Defect",
        "EduequityError",
        "Exclusion",
        "Merge",
        "MetricInputError",
        "Plan",
        "RuleSet",
        "RuleSetError",
        "School",
        "SchoolTable",
        "ScopePolicy",
        "Sections",
        "SplitWeights",
        "StandardNotMetError",
        "TeachingPointPolicy",
        "UndefinedMetricError",
        "WhatIf",
        "__version__",
        "audit",
        "build_sections",
        "bundled_rule_sets",
        "class_sizes",
        "coefficient_of_variation",
        "collect",
        "crosscheck",
        "cv_diagnostics",
        "evaluate",
        "example_path",
        "load_example",
        "load_rule_set",
        "load_schools",
        "monitor",
        "plan",
        "read_county_inputs",
        "rectification",
        "rule_set_digest",
        "school_gap",
        "school_json_schema",
        "survey",
        "teachers",
        "trend",
        "whatif",
        "workforce_profile",
    }
    for name in eduequity.__all__:
        assert hasattr(eduequity, name)


def test_metric_names_other_systems_rely_on() -> None:
    required = {
        "coefficient_of_variation",
        "gini",
        "theil",
        "mean_log_deviation",
        "generalized_entropy",
        "atkinson",
        "value_range",
        "restricted_range",
        "federal_range_ratio",
        "mcloone",
        "verstegen",
        "wealth_neutrality",
        "parity_index",
        "adjusted_parity_index",
    }
    assert required <= set(eduequity.metrics.__all__)
    assert eduequity.coefficient_of_variation is eduequity.metrics.coefficient_of_variation


def test_errors_subclass_builtins() -> None:
    assert issubclass(eduequity.DataError, ValueError)
    assert issubclass(eduequity.UndefinedMetricError, eduequity.EduequityError)
