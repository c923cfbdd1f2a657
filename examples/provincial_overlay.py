"""A city's own rule set on top of the national 2017 standard, written as data.

Run from anywhere: ``python examples/provincial_overlay.py [OUTDIR]``. The overlay makes
classes of at most 40 pupils the rule, adds a science-laboratory requirement, turns on the
smaller music and art rooms for schools built by 2016, and drops one veto; the script
validates the file and compares the verdicts with the national set.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import eduequity as eq

OVERLAY = """
id = "example-city-2017"
revision = 1
extends = "cn-2017-quality"
title_zh = "示例市义务教育优质均衡补充标准（示例）"
title_en = "Example city's additions to the 2017 standard (illustration)"
document = "示例市教育局文件（虚构）"
status = "partial"
sources = ["an illustration written for eduequity's examples"]
remove = ["veto_unfilled_posts"]

[flags]
room_area_relaxation = true

[[rules]]
id = "class_size"
kind = "school_threshold"
part = "government"
reference = "示例市: 每班不超过 40 人"
items = [
  { indicator = "max_class_size", comparison = "at_most", thresholds = [{ value = 40 }] },
]

[[rules]]
id = "science_labs"
kind = "school_threshold"
part = "government"
reference = "示例市: 每校至少 1 间科学实验室"
items = [
  { indicator = "science_labs", comparison = "at_least", thresholds = [{ value = 1 }] },
]
"""


def main(outdir: Path) -> dict[str, int]:
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / "example-city-2017.toml"
    path.write_text(OVERLAY, encoding="utf-8")
    city = eq.load_rule_set(path)  # validated: a bad key or reference raises RuleSetError
    print(f"{city.id} r{city.revision}: built from {' > '.join(city.lineage)}")
    table = eq.load_example()
    counts = {}
    for name, standard in (("national", "cn-2017-quality"), ("city", city)):
        a = eq.evaluate(table, standard)
        part = a.counties[0].parts["government"]
        rule = next(r for r in part.rules if r.id == "class_size")
        counts[name] = rule.detail.get("n_failed", 0)
        labs = next((r.message for r in part.rules if r.id == "science_labs"), "no such rule")
        print(f"{name}: class-size rule fails {counts[name]} school sections; labs: {labs}")
    return counts


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="eduequity-")))
