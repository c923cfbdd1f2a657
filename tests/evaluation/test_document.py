"""The ``/2`` county documents built from the run's columns: the pieces decided once."""

from __future__ import annotations

import numpy as np

from eduequity import evaluate, load_example
from eduequity.evaluation.build import build_county
from eduequity.evaluation.document import CountyDocuments, _listed_rules, compact_county
from eduequity.verdicts import FAIL, NOT_APPLICABLE, PASS, UNDECIDED


def _naive(sections: dict[str, np.ndarray], checks: list[str], n: int) -> list[dict]:
    listed = []
    for i in range(n):
        row: dict[str, bool | None] = {}
        for rid in checks:
            c = sections[f"_code:{rid}"][i]
            if c == FAIL:
                row[rid] = False
            elif c == UNDECIDED:
                row[rid] = None
        listed.append(row)
    return listed


def test_each_section_gets_the_rules_it_does_not_pass_also_past_31_rules() -> None:
    rng = np.random.default_rng(7)
    n = 500
    for n_rules in (0, 1, 3, 31, 32, 40, 70):
        checks = [f"r{j}" for j in range(n_rules)]
        # mostly passes, as in real data, so that combinations repeat
        codes = [PASS, PASS, PASS, NOT_APPLICABLE, FAIL, UNDECIDED]
        sections = {f"_code:{r}": rng.choice(codes, n).astype(np.int8) for r in checks}
        combo, combos = _listed_rules(sections, checks, n)
        assert [combos[c] for c in combo.tolist()] == _naive(sections, checks, n)
        assert len(combos) == len({tuple(sorted(c.items())) for c in combos})  # each once
        for c in combos:  # in the order of the rules
            assert list(c) == [r for r in checks if r in c]


def test_an_input_rule_not_supplied_is_built_once_and_reads_the_same() -> None:
    a = evaluate(load_example(), "cn-2017-quality", {"999901": {"falsified_data": False}})
    run = a.counties.run
    shared: dict = {}
    with_shared = build_county(run, 0, schools=False, listings=False, shared=shared)
    alone = build_county(run, 0, schools=False, listings=False)
    assert with_shared.to_dict() == alone.to_dict()
    ids = {r.id for p in alone.parts.values() for r in p.rules if r.kind != "school_threshold"}
    assert "layout_planning" in shared  # not supplied: kept once built
    assert "veto_falsified_data" in ids
    assert "veto_falsified_data" not in shared  # supplied by the county: its own
    assert set(shared) <= ids
    again = build_county(run, 0, schools=False, listings=False, shared=shared)
    rule = next(r for p in again.parts.values() for r in p.rules if r.id == "layout_planning")
    assert rule is shared["layout_planning"]
    assert again.to_dict() == alone.to_dict()  # the supplied veto is still the county's own
    docs = CountyDocuments(run)
    assert compact_county(build_county(run, 0).to_dict())["parts"] == docs[0]["parts"]
