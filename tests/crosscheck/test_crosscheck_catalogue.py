"""The conventions catalogue: data, each departing from the standard or not tried."""

from __future__ import annotations

import eduequity as eq
from eduequity.crosscheck import CONVENTIONS, Recipe
from eduequity.sections import SplitWeights, TeachingPointPolicy


def test_every_convention_has_a_unique_name_and_both_descriptions() -> None:
    ids = [c.name for c in CONVENTIONS]
    assert len(set(ids)) == len(ids) == 15
    for c in CONVENTIONS:
        assert all((c.zh, c.en, c.axis))
        assert c.to_dict() == {"id": c.id, "axis": c.axis, "zh": c.zh, "en": c.en}


def test_a_convention_is_tried_only_where_it_departs_from_the_standard() -> None:
    basic, quality = eq.load_rule_set("cn-2012-basic"), eq.load_rule_set("cn-2017-quality")
    by_id = {c.id: c for c in CONVENTIONS}

    def tried(rs: eq.RuleSet) -> set[str]:
        return {c.id for c in CONVENTIONS if c.apply(Recipe.of(rs), rs) is not None}

    everything = set(by_id)
    assert everything - tried(basic) == {"composite_mean", "private_excluded",
                                         "teaching_points_merged"}  # fmt: skip
    assert everything - tried(quality) == {"private_included"}
    r = by_id["teaching_points_kept"].apply(Recipe.of(quality), quality)
    assert r is not None
    assert r.scope.teaching_points == TeachingPointPolicy(mode="keep", min_students=0)
    r = by_id["split_by_enrollment"].apply(Recipe.of(basic), basic)
    assert r is not None
    assert r.scope.split == SplitWeights(junior=1.0, senior=1.0, complete_senior=1.0)
    r = by_id["unweighted"].apply(Recipe.of(basic), basic)
    assert r is not None
    assert (r.weighted, r.ddof, r.standard_statistic) == (False, 0, False)
    assert Recipe.of(basic).standard_statistic
