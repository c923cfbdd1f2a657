"""Standards as data: the rule-set schema, the loader and the bundled sets.

Rule sets are TOML files (``rules/data/sets/*.toml``) validated by the schema in
:mod:`eduequity.rules.schema`; :func:`load_rule_set` resolves ``extends`` and checks every
reference. The evaluators of :mod:`eduequity.evaluation` execute them.
"""

from eduequity.rules.loader import (
    bundled_rule_sets,
    catalog_indicators,
    load_rule_set,
    rule_set_digest,
)
from eduequity.rules.schema import IndicatorDef, RuleSet

__all__ = [
    "IndicatorDef",
    "RuleSet",
    "bundled_rule_sets",
    "catalog_indicators",
    "load_rule_set",
    "rule_set_digest",
]
