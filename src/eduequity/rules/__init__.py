"""Standards as data: the rule-set schema, the loader and the bundled sets.

Rule sets are TOML files (``rules/data/sets/*.toml``) validated by the schema in
:mod:`eduequity.rules.schema`; :func:`load_rule_set` resolves ``extends`` and checks every
reference; :mod:`eduequity.rules.listing` describes the bundled sets (kind, document, year,
certainty). The evaluators of :mod:`eduequity.evaluation` execute them.
"""

from eduequity.rules.listing import certainty_summary, describe_rule_sets
from eduequity.rules.loader import (
    MAX_EXTENDS,
    DeprecatedRuleSetWarning,
    bundled_aliases,
    bundled_rule_sets,
    catalog_indicators,
    load_rule_set,
    rule_set_digest,
)
from eduequity.rules.schema import FlagDef, IndicatorDef, RuleSet

__all__ = [
    "MAX_EXTENDS",
    "DeprecatedRuleSetWarning",
    "FlagDef",
    "IndicatorDef",
    "RuleSet",
    "bundled_aliases",
    "bundled_rule_sets",
    "catalog_indicators",
    "certainty_summary",
    "describe_rule_sets",
    "load_rule_set",
    "rule_set_digest",
]
