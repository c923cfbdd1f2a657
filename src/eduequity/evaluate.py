"""Evaluating counties against a standard: :func:`evaluate`.

The steps follow the standards folder: load the rule set (:mod:`eduequity.rules`), scope
and split (:mod:`eduequity.sections`), indicator values per section
(:mod:`eduequity.indicators`), every verdict decided once in arrays
(:mod:`eduequity.evaluation`), then an :class:`~eduequity.assessment.Assessment` whose
counties are built from those arrays when first asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eduequity.assessment import Assessment, StandardInfo
from eduequity.county_inputs import read_county_inputs
from eduequity.errors import ConfigurationError
from eduequity.evaluation import Counties, Run
from eduequity.io import load_schools
from eduequity.rules.listing import school_rules_described
from eduequity.rules.loader import load_rule_set, rule_set_digest
from eduequity.rules.schema import RuleSet
from eduequity.table import SchoolTable
from eduequity.verdicts import verdict_of

__all__ = ["evaluate"]


def evaluate(
    schools: SchoolTable | str | Path | Any,
    standard: str | Path | RuleSet = "cn-2017-quality",
    county_inputs: str | Path | Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    *,
    flags: Mapping[str, bool] | None = None,
) -> Assessment:
    """Evaluate every county and year in ``schools`` against ``standard``.

    Parameters
    ----------
    schools
        A :class:`~eduequity.table.SchoolTable`, or anything :func:`~eduequity.load_schools`
        reads (a path, a DataFrame, records).
    standard
        A bundled rule-set id, a rule-set file, or a loaded :class:`RuleSet`.
    county_inputs
        The county-supplied figures (see :mod:`eduequity.county_inputs`); parts that need
        them are "not assessed" without them, never passed.
    flags
        Turn rule-set flags on or off (e.g. ``{"room_area_relaxation": True}``).

    Returns
    -------
    Assessment
        Never raises for a failing county: a verdict is a finding.

    Examples
    --------
    >>> from eduequity import load_example
    >>> a = evaluate(load_example(), "cn-2012-basic")
    >>> c = a.counties[0]
    >>> c.county_code, c.levels["primary"].composite.threshold
    ('999901', 0.65)
    """
    table = schools if isinstance(schools, SchoolTable) else load_schools(schools)
    rs = load_rule_set(standard)
    if flags:
        unknown = sorted(set(flags) - set(rs.flags))
        if unknown:
            known = ", ".join(rs.flags) or "none"
            raise ConfigurationError(
                f"flags: unknown {unknown} for {rs.id} (flags: {known})",
                message_code="unknown_flags",
                message_params={"unknown": unknown, "rule_set": rs.id, "known": list(rs.flags)},
            )
        rs = rs.model_copy(update={"flags": {**rs.flags, **flags}})
    inputs, input_warnings = read_county_inputs(county_inputs, rs)
    run = Run.decide(table, rs, inputs)
    verdicts = tuple(verdict_of(c) for c in run.counties.tolist())
    rule_warnings = (*run.rule_warnings(), *run.flag_warnings())
    info = StandardInfo(
        rs.id,
        rs.revision,
        rule_set_digest(rs),
        rs.title_zh,
        rs.title_en,
        rs.document,
        rs.status,
        rs.lineage,
        {i.id: {"zh": i.zh, "en": i.en, "unit": i.unit} for i in rs.indicators},
        school_rules_described(rs),
    )
    warnings = (*table.warnings, *input_warnings, *rule_warnings)
    keys = tuple(run.keys)
    return Assessment(info, Counties(run), table.source, tuple(warnings), keys, verdicts)
