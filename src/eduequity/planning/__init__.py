"""What it takes to pass: the least-cost additions per school (a mixed-integer program).

For each county, :func:`plan` finds additions (m² built, m² of sports ground, yuan of
equipment, multimedia classrooms, qualified, key, PE and art teachers) of least cost such
that every school section passes the standard's per-school rule of its level parts (2017:
at least 6 of 7 met, the rest at least 85 %): one binary "met" per school and indicator
makes it a mixed-integer program, solved with :func:`scipy.optimize.milp`. The CVs are
not linear in the additions: after a solve the plan is applied and evaluated; a CV still
above its threshold adds, for that county, level and indicator, a lower bound on every
school's value (a rising fraction of the county mean) and the program is solved again.

Additions are whole teachers and rooms, area to 0.01 m² and yuan, rounded up (a value
that lands exactly on a threshold passes it), and every plan is verified by applying it and
re-running :func:`evaluate`. Unit
costs are a small config (``data/costs.toml``: illustrative, to be overridden).

Modules: :mod:`~eduequity.planning.rounds` (``plan()``: the rounds of solving, applying
and evaluating), :mod:`~eduequity.planning.model` (one county's mixed-integer program),
:mod:`~eduequity.planning.result` (``Plan``, ``CountyPlan``, ``Addition``, unit costs) and
:mod:`~eduequity.planning.notes` (the notes in English and Chinese).

Options: only some indicators adjustable; teachers moved between schools instead of hired
(the county's numbers kept); a budget cap (then as many schools as possible, at least cost).
"""

from eduequity.planning.result import Addition, CountyPlan, Plan, default_costs
from eduequity.planning.rounds import plan

__all__ = ["Addition", "CountyPlan", "Plan", "default_costs", "plan"]
