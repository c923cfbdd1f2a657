"""The example county under both national standards: every report format.

Run from anywhere: ``python examples/example_county_report.py [OUTDIR]`` (default: a new
temporary folder). Writes html (Chinese and English), Markdown, JSON and Excel for the
2012 and the 2017 standard, and prints each verdict.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import eduequity as eq


def main(outdir: Path) -> dict[str, bool | None]:
    outdir.mkdir(parents=True, exist_ok=True)
    table = eq.load_example()
    # County figures a bureau would supply; the 2017 parts without them stay "not assessed".
    inputs = {"999901": {"government_effort_score": 88, "public_satisfaction_pct": 91.5}}
    verdicts: dict[str, bool | None] = {}
    for standard in ("cn-2012-basic", "cn-2017-quality"):
        a = eq.evaluate(table, standard, inputs if standard == "cn-2012-basic" else None)
        stem = outdir / f"example_county_{standard}"
        Path(f"{stem}.html").write_text(a.to_html(), encoding="utf-8")
        Path(f"{stem}.en.html").write_text(a.to_html(lang="en"), encoding="utf-8")
        Path(f"{stem}.md").write_text(a.to_markdown(), encoding="utf-8")
        Path(f"{stem}.json").write_text(a.to_json(), encoding="utf-8")
        a.to_xlsx(f"{stem}.xlsx")
        county = a.counties[0]
        verdicts[standard] = county.passed
        print(a.to_text(lang="en").splitlines()[2])
    print(f"reports in {outdir}")
    return verdicts


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="eduequity-")))
