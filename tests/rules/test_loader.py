"""Rule sets as data: bundled sets, overlays, digests and the gallery of broken files."""

from __future__ import annotations

import ast
import re
import tokenize
from pathlib import Path

import pytest

from eduequity import RuleSetError, bundled_rule_sets, load_rule_set, rule_set_digest
from eduequity.rules.schema import CountyCVRule, SchoolRule

BAD = Path(__file__).parent.parent / "data" / "bad_rules"
SRC = Path(__file__).parents[2] / "src" / "eduequity"

HEADER = """
id = "{id}"
revision = 1
title_zh = "测试"
title_en = "test"
document = "test"
status = "partial"
sources = ["test"]
"""


def test_bundled_sets_are_listed_and_load() -> None:
    assert bundled_rule_sets() == [
        "cn-2012-basic",
        "cn-2017-quality",
        "cn-guangdong-2013",
        "cn-henan-2012",
        "cn-jiangsu-primary-basic",
        "cn-province-8of10",
        "cn-shaanxi-basic",
        "example-school-plan-2013",
        "example-school-plan-2016",
    ]
    for set_id in bundled_rule_sets():
        rs = load_rule_set(set_id)
        assert rs.id == set_id
        assert rs.revision == 1
        assert all(r.reference for r in rs.rules)


def test_provincial_and_example_sets_are_partial_with_sources_and_extend_2012() -> None:
    for set_id in ("example-school-plan-2013", "example-school-plan-2016", "cn-province-8of10"):
        rs = load_rule_set(set_id)
        assert rs.status == "partial"
        assert rs.sources
        assert rs.lineage == ("cn-2012-basic", set_id)
        composite = next(r for r in rs.rules if r.id == "composite_cv")
        assert isinstance(composite, CountyCVRule)
        assert any(r.part == "school_standard" for r in rs.rules)


def test_2017_resource_rule_reads_as_the_document() -> None:
    rs = load_rule_set("cn-2017-quality")
    rule = next(r for r in rs.rules if r.id == "school_resource_indicators")
    assert isinstance(rule, SchoolRule)
    assert (rule.min_met, rule.floor, len(rule.items)) == (6, 0.85, 7)
    table = {item.indicator: tuple(th.value for th in item.thresholds) for item in rule.items}
    assert table == {
        "qualified_teachers_per_100_students": (4.2, 5.3),
        "key_teachers_per_100_students": (1.0, 1.0),
        "pe_art_teachers_per_100_students": (0.9, 0.9),
        "teaching_area_per_student": (4.5, 5.8),
        "sports_area_per_student": (7.5, 10.2),
        "equipment_value_per_student": (2000.0, 2500.0),
        "multimedia_classrooms_per_100_students": (2.3, 2.4),
    }
    cv = next(r for r in rs.rules if r.id == "resource_cv")
    assert isinstance(cv, CountyCVRule)
    assert cv.aggregate == "each"
    assert {t.level: t.value for t in cv.thresholds} == {"primary": 0.5, "junior": 0.45}
    assert rs.scope.include_private
    assert not rs.scope.include_special
    assert (rs.scope.teaching_points.mode, rs.scope.teaching_points.min_students) == ("keep", 50)


def test_2012_composite_and_scope() -> None:
    rs = load_rule_set("cn-2012-basic")
    (cv,) = (r for r in rs.rules if isinstance(r, CountyCVRule))
    assert cv.aggregate == "mean"
    assert len(cv.indicators) == 8
    assert {t.level: t.value for t in cv.thresholds} == {"primary": 0.65, "junior": 0.55}
    assert not rs.scope.include_private
    assert rs.scope.teaching_points.mode == "merge"


def test_ratio_thresholds_are_written_as_the_documents_do() -> None:
    rs = load_rule_set("cn-province-8of10")
    rule = next(r for r in rs.rules if isinstance(r, SchoolRule))
    items = {i.indicator: i for i in rule.items}
    assert items["students_per_computer"].thresholds[0].value == 10.0
    staff = items["staff_per_student"].thresholds
    assert [t.written for t in staff] == ["1:21", "1:23", "1:16", "1:18"]
    assert staff[0].value == 1 / 21
    # the document allows 2 failures of 10; the unknown tenth counts as not met (strict)
    assert (rule.max_failed, rule.unknown_items, rule.allowed_failures) == (2, 1, 1)
    assert rule.allowed_failures_for(rs.flags) == 1
    assert rule.allowed_failures_for({**rs.flags, "unknown_items_not_met": False}) == 2


def test_digest_is_stable_and_tracks_content() -> None:
    a = rule_set_digest(load_rule_set("cn-2017-quality"))
    assert a == rule_set_digest(load_rule_set("cn-2017-quality"))
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", a)
    rs = load_rule_set("cn-2017-quality")
    changed = rs.model_copy(update={"flags": {"room_area_relaxation": True}})
    assert rule_set_digest(changed) != a
    assert rule_set_digest(load_rule_set("cn-2012-basic")) != a


def test_overlay_overrides_adds_and_removes(tmp_path: Path) -> None:
    (tmp_path / "city.toml").write_text(
        HEADER.format(id="city")
        + """
extends = "cn-2017-quality"
remove = ["veto_falsified_data"]

[flags]
room_area_relaxation = true

[scope]
include_private = false

[[rules]]
id = "class_size"
kind = "school_threshold"
part = "government"
reference = "city: every class ≤ 40"
items = [{ indicator = "max_class_size", comparison = "at_most", thresholds = [{ value = 40 }] }]

[[rules]]
id = "labs"
kind = "school_threshold"
part = "government"
reference = "city: one science lab"
items = [{ indicator = "science_labs", comparison = "at_least", thresholds = [{ value = 1 }] }]
""",
        encoding="utf-8",
    )
    rs = load_rule_set(tmp_path / "city.toml")
    ids = [r.id for r in rs.rules]
    assert "veto_falsified_data" not in ids
    assert ids[-1] == "labs"
    class_size = next(r for r in rs.rules if r.id == "class_size")
    assert isinstance(class_size, SchoolRule)
    assert class_size.items[0].thresholds[0].value == 40
    # flags merged key by key: the city's choice, the parent's others (off)
    assert rs.flags == {
        "room_area_relaxation": True,
        "school_size_relaxation": False,
        "itinerant_pe_art_teachers": False,
        "dense_centre_sports_space": False,
    }
    # scope merged key by key: the city's private-school choice, the parent's teaching points
    assert not rs.scope.include_private
    assert rs.scope.teaching_points.min_students == 50
    assert rs.lineage == ("cn-2017-quality", "city")
    assert rs.level_parts == ("resource_allocation",)


def test_a_city_extends_a_province_file_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "prov.toml").write_text(
        HEADER.format(id="prov") + '\nextends = "cn-2012-basic"\n', encoding="utf-8"
    )
    (tmp_path / "city.toml").write_text(
        HEADER.format(id="city") + '\nextends = "prov.toml"\n', encoding="utf-8"
    )
    assert load_rule_set(tmp_path / "city.toml").lineage == ("cn-2012-basic", "prov", "city")


# (file, key, message): the message is pydantic's for schema errors, ours otherwise.
GALLERY = [
    ("toml_syntax.toml", "", "not valid TOML: Expected ']]' at the end of an array declaration"),
    ("unknown_top_key.toml", "thresholds", "Extra inputs are not permitted"),
    ("misspelt_rule_key.toml", "rules[0] (id 'r').min_mett", "Extra inputs are not permitted"),
    ("floor_above_one.toml", "rules[0] (id 'r').floor", "less than or equal to 1"),
    (
        "min_met_and_max_failed.toml",
        "rules[0] (id 'r')",
        "a school_k_of_n rule needs exactly one of min_met or max_failed",
    ),
    (
        "unknown_indicator.toml",
        "rules[id=r]",
        "unknown indicator 'teaching_area_per_studnet' (known: art_room_area_m2",
    ),
    (
        "unknown_column.toml",
        "indicators[id=labs_per_100]",
        "unknown column 'science_lab': not a canonical column of the school table and not "
        "declared under [[columns]]",
    ),
    ("unknown_part.toml", "rules[id=r].part", "unknown part 'governmnet' (parts: "),
    (
        "veto_on_number_input.toml",
        "rules[id=r].input",
        "input 'social_recognition_pct' is number; this rule needs bool",
    ),
    (
        "unknown_input.toml",
        "rules[id=r].input",
        "unknown input 'satisfaction': declare it under [[inputs]]",
    ),
    ("unknown_parent.toml", "extends", "no such rule set: neither a bundled id"),
    ("remove_unknown_rule.toml", "remove[0]", "no rule 'school_sise' in the parent set"),
    (
        "bad_ratio.toml",
        "rules[0] (id 'r').items[0].thresholds[0].value",
        "expected a number or a ratio 'a:b', got '10:'",
    ),
    (
        "inverted_band.toml",
        "rules[0] (id 'r').items[0].thresholds[0]",
        "classes_min (18) must be below classes_below (12)",
    ),
    (
        "unknown_flag.toml",
        "rules[id=r].items[0].thresholds[0].flag",
        "unknown flag 'rooftop_venues' (flags: room_area_relaxation, school_size_relaxation, "
        "itinerant_pe_art_teachers, dense_centre_sports_space)",
    ),
    ("duplicate_rule_id.toml", "rules[1].id", "duplicate id 'r'"),
    ("bad_aggregate.toml", "rules[0] (id 'r').aggregate", "Input should be 'each' or 'mean'"),
    ("unknown_kind.toml", "rules[0] (id 'r')", "Input tag 'school_rule' found using 'kind'"),
    ("circular_a.toml", "extends", "circular extends: "),
    (
        "not_utf8_gbk.toml",
        "",
        "not UTF-8 text (byte 0xb0 on line 3): save the file as UTF-8 (a GBK file must be "
        "converted)",
    ),
    ("deeply_nested.toml", "", "nested too deeply: rule files nest at most 32 levels"),
    ("nested_past_limit.toml", "", "nested 33 levels deep: rule files nest at most 32"),
    (
        "long_chain.toml",
        "extends",
        "the extends chain is longer than 32 files (stopped at chain_32.toml)",
    ),
    ("extends_outside.toml", "extends", "'../../etc/passwd' resolves outside"),
    ("extends_absolute.toml", "extends", "'/etc/passwd' resolves outside"),
    (
        "nan_cv_limit.toml",
        "rules[0] (id 'resource_cv').thresholds[0].value",
        "Input should be a finite number",
    ),
    (
        "negative_cv_limit.toml",
        "rules[0] (id 'resource_cv').thresholds[0].value",
        "Input should be greater than or equal to 0",
    ),
    (
        "infinite_threshold.toml",
        "rules[0] (id 'r').items[0].thresholds[0].value",
        "Input should be a finite number",
    ),
    (
        "huge_threshold.toml",
        "rules[0] (id 'r').items[0].thresholds[0].value",
        "Input should be a finite number",
    ),
    (
        "negative_threshold.toml",
        "rules[id=r].items[0].thresholds[0].value",
        "-1 is outside the range of teaching_area_per_student (0 to ∞)",
    ),
    (
        "percent_above_100.toml",
        "rules[id=r].items[0].thresholds[0].value",
        "120 is outside the range of certified_teacher_rate_pct (0 to 100)",
    ),
    (
        "input_value_out_of_range.toml",
        "rules[id=social_recognition].value",
        "850 is outside the range of input social_recognition_pct (0 to 100)",
    ),
    ("standard_without_document.toml", "", 'a set of kind "standard" names its document'),
    ("unknown_kind_of_set.toml", "kind", "Input should be 'standard' or 'example'"),
    (
        "flag_def_without_flag.toml",
        "flag_defs[id=rooftop_venues]",
        "documents flag 'rooftop_venues', which [flags] lacks",
    ),
    (
        "unknown_items_leave_nothing.toml",
        "rules[0] (id 'r')",
        "unknown_items (2), each counted as not met, exceed the 1 failure(s) the document "
        "allows: no school could pass",
    ),
    ("missing_scope.toml", "scope", "Field required"),
    (
        "bad_scope.toml",
        "scope.teaching_points.mode",
        "Input should be 'merge', 'exclude' or 'keep'",
    ),
]


def test_the_gallery_is_complete() -> None:
    listed = {name for name, _, _ in GALLERY} | {"circular_b.toml"}
    assert listed == {p.name for p in BAD.glob("*.toml")}
    # long_chain.toml's 34 links: each extends the next, the last the national set
    assert len(list((BAD / "long_chain").glob("chain_*.toml"))) == 34


@pytest.mark.parametrize(("name", "key", "message"), GALLERY)
def test_broken_rule_file(name: str, key: str, message: str) -> None:
    with pytest.raises(RuleSetError) as info:
        load_rule_set(BAD / name)
    problems = info.value.problems
    assert any(Path(f).name == name and k == key and message in m for f, k, m in problems), problems
    assert name in str(info.value)


def test_official_numbers_live_in_rule_data_not_python() -> None:
    """No number token of the sources equals a threshold of the standards folder (docstrings
    and comments may quote them; code may not)."""
    official = {0.65, 0.55, 0.45, 4.2, 5.3, 7.5, 10.2, 2000, 2500, 0.85, 5.8, 2.3, 2.4}
    hits = []
    for path in SRC.rglob("*.py"):
        with path.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                if tok.type == tokenize.NUMBER and ast.literal_eval(tok.string) in official:
                    hits.append(f"{path.relative_to(SRC)}:{tok.start[0]}: {tok.line.strip()}")
    assert hits == []
