"""eduequity: how evenly compulsory-education resources are spread across schools.

The public API: load and validate school data, turn schools into sections, and compute the
official enrollment-weighted coefficient of variation (差异系数) and the wider inequality
family (in :mod:`eduequity.metrics`).
"""

from eduequity.defects import Defect
from eduequity.errors import (
    ConfigurationError,
    DataError,
    DataValidationError,
    EduequityError,
    MetricInputError,
    UndefinedMetricError,
)
from eduequity.examples import example_path, load_example
from eduequity.io import load_schools
from eduequity.metrics import coefficient_of_variation
from eduequity.models import School, school_json_schema
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

__version__ = "0.1.0"

__all__ = [
    "ConfigurationError",
    "DataError",
    "DataValidationError",
    "Defect",
    "EduequityError",
    "Exclusion",
    "Merge",
    "MetricInputError",
    "School",
    "SchoolTable",
    "ScopePolicy",
    "Sections",
    "SplitWeights",
    "TeachingPointPolicy",
    "UndefinedMetricError",
    "__version__",
    "build_sections",
    "coefficient_of_variation",
    "example_path",
    "load_example",
    "load_schools",
    "school_json_schema",
]
