"""Executing rule sets: decide every verdict once in arrays, then describe it.

- :mod:`~eduequity.evaluation.engine` and :mod:`~eduequity.evaluation.cv`: one evaluator
  per rule kind (per-school rules, county-input, evidence and veto rules; county CV rules),
  arrays in, codes out;
- :mod:`~eduequity.evaluation.counties`: the counties of a table and each row's;
- :mod:`~eduequity.evaluation.run`: :class:`Run`, every rule, part, level and county of
  a table decided once, as arrays of codes (:mod:`eduequity.verdicts`) and numbers;
- :mod:`~eduequity.evaluation.build`: the result objects built lazily from a run.

Imports run one way: data (table, sections, indicators) → metrics → rules (declared) →
evaluation → result (:mod:`eduequity.assessment`).
"""

from eduequity.evaluation.build import Counties, build_county
from eduequity.evaluation.run import Run

__all__ = ["Counties", "Run", "build_county"]
