"""eduequity: how evenly compulsory-education resources are spread across schools.

The public API: load and validate school data, turn schools into sections, compute the
official enrollment-weighted coefficient of variation (差异系数) and the wider inequality
family (in :mod:`eduequity.metrics`), and evaluate counties against the national and
provincial standards held as rule-set data (:func:`evaluate`, :mod:`eduequity.rules`).

Importing the package is cheap: the errors are imported at once, every other public name
when first used (a module ``__getattr__``, as NumPy and SciPy do), so a process that only
asks for ``eduequity.__version__`` or catches an ``EduequityError`` builds no rule-set model
and loads no optional part.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from eduequity.assessment import Assessment
    from eduequity.audit import AuditFinding, audit
    from eduequity.county_inputs import read_county_inputs
    from eduequity.crosscheck import crosscheck
    from eduequity.defects import Defect
    from eduequity.diagnostics import cv_diagnostics
    from eduequity.evaluate import evaluate
    from eduequity.examples import example_path, load_example
    from eduequity.forms.collect import collect
    from eduequity.forms.register import rectification
    from eduequity.io import load_schools
    from eduequity.metrics import coefficient_of_variation
    from eduequity.models import School, school_json_schema
    from eduequity.monitor import monitor
    from eduequity.planning import Plan, plan
    from eduequity.records.scores import school_gap
    from eduequity.records.survey import survey
    from eduequity.records.teachers import teachers
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

# public name → the module that defines it (imported when the name is first used)
_LAZY = {
    "Assessment": "eduequity.assessment",
    "AuditFinding": "eduequity.audit",
    "audit": "eduequity.audit",
    "read_county_inputs": "eduequity.county_inputs",
    "Defect": "eduequity.defects",
    "cv_diagnostics": "eduequity.diagnostics",
    "evaluate": "eduequity.evaluate",
    "example_path": "eduequity.examples",
    "load_example": "eduequity.examples",
    "load_schools": "eduequity.io",
    "coefficient_of_variation": "eduequity.metrics",
    "School": "eduequity.models",
    "school_json_schema": "eduequity.models",
    "Plan": "eduequity.planning",
    "plan": "eduequity.planning",
    "RuleSet": "eduequity.rules",
    "bundled_rule_sets": "eduequity.rules",
    "load_rule_set": "eduequity.rules",
    "rule_set_digest": "eduequity.rules",
    "Exclusion": "eduequity.sections",
    "Merge": "eduequity.sections",
    "ScopePolicy": "eduequity.sections",
    "Sections": "eduequity.sections",
    "SplitWeights": "eduequity.sections",
    "TeachingPointPolicy": "eduequity.sections",
    "build_sections": "eduequity.sections",
    "SchoolTable": "eduequity.table",
    "trend": "eduequity.trend",
    "WhatIf": "eduequity.whatif",
    "whatif": "eduequity.whatif",
    "collect": "eduequity.forms.collect",
    "crosscheck": "eduequity.crosscheck",
    "monitor": "eduequity.monitor",
    "rectification": "eduequity.forms.register",
    "school_gap": "eduequity.records",
    "survey": "eduequity.records",
    "teachers": "eduequity.records",
    "class_sizes": "eduequity.workforce",
    "workforce_profile": "eduequity.workforce",
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use (then kept here)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eduequity' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


# functions named like the module that defines them: the package attribute stays the
# function when the import system, having imported that module, sets it on the package
_SHADOWED = frozenset({"audit", "crosscheck", "evaluate", "monitor", "trend", "whatif"})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
]
