"""eduequity: how evenly compulsory-education resources are spread across schools.

The public API: load and validate school data, turn schools into sections, compute the
official enrollment-weighted coefficient of variation (差异系数) and the wider inequality
family (in :mod:`eduequity.metrics`), and evaluate counties against the national and
provincial standards held as rule-set data (:func:`evaluate`, :mod:`eduequity.rules`).
"""

from eduequity.assessment import Assessment
from eduequity.audit import AuditFinding, audit
from eduequity.county_inputs import read_county_inputs
from eduequity.defects import Defect
from eduequity.diagnostics import cv_diagnostics
from eduequity.errors import (
    ConfigurationError,
    CountyInputError,
    DataError,
    DataValidationError,
    EduequityError,
    MetricInputError,
    RuleSetError,
    StandardNotMetError,
    UndefinedMetricError,
)
from eduequity.evaluate import evaluate
from eduequity.examples import example_path, load_example
from eduequity.io import load_schools
from eduequity.metrics import coefficient_of_variation
from eduequity.models import School, school_json_schema
from eduequity.planning import Plan, plan
from eduequity.rules import RuleSet, bundled_rule_sets, load_rule_set, rule_set_digest
from eduequity.sections import (
    Exclusion,
    Merge,
    ScopePolicy,
    Sections,
    SplitWeights,
    TeachingPointPolicy,
    build_sections,
)
from eduequity.table import SchoolTable
from eduequity.trend import trend
from eduequity.whatif import WhatIf, whatif
from eduequity.workforce import class_sizes, workforce_profile

__version__ = "0.1.0"

__all__ = [
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
    "cv_diagnostics",
    "evaluate",
    "example_path",
    "load_example",
    "load_rule_set",
    "load_schools",
    "plan",
    "read_county_inputs",
    "rule_set_digest",
    "school_json_schema",
    "trend",
    "whatif",
    "workforce_profile",
]
