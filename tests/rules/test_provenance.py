"""Every bundled set says what it is, where each threshold comes from and how sure it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from _schools import AT_STANDARD
from eduequity import (
    RuleSetError,
    evaluate,
    load_example,
    load_rule_set,
    load_schools,
    rule_set_digest,
)
from eduequity.rules import (
    DeprecatedRuleSetWarning,
    bundled_aliases,
    bundled_rule_sets,
    certainty_summary,
    describe_rule_sets,
)
from eduequity.rules.listing import format_rule_sets
from eduequity.rules.schema import CERTAINTIES, CountyInputRule, SchoolRule

HEADER = """
id = "{id}"
revision = 1
title_zh = "测试"
title_en = "test"
document = "test"
status = "partial"
sources = ["test"]
"""


@pytest.mark.parametrize("set_id", bundled_rule_sets())
def test_every_bundled_set_says_what_it_is(set_id: str) -> None:
    rs = load_rule_set(set_id)
    assert rs.kind in ("standard", "example")
    assert rs.document.strip()  # a standard's number and title, an example's material
    assert rs.sources
    if rs.kind == "example":
        # examples are not offered as a province's standard
        assert rs.id.startswith("example-")
        assert rs.title_en.startswith("Example")
    else:
        assert not rs.id.startswith("example-")
    for rule in rs.rules:
        assert rule.reference.strip()
        assert rule.certainty in CERTAINTIES
    for flag in rs.flags:
        fd = rs.flag_def(flag)
        assert fd is not None, f"{set_id}: flag {flag} is not documented under [[flag_defs]]"
        assert fd.reference.strip()
        assert fd.certainty in CERTAINTIES


def test_no_standard_set_lacks_a_document() -> None:
    standards = [load_rule_set(i) for i in bundled_rule_sets()]
    assert [rs.id for rs in standards if rs.kind == "standard" and not rs.document.strip()] == []
    kinds = {rs.id: rs.kind for rs in standards}
    assert kinds == {
        "cn-2012-basic": "standard",
        "cn-2017-quality": "standard",
        "cn-guangdong-2013": "standard",
        "cn-henan-2012": "standard",
        "cn-jiangsu-primary-basic": "standard",
        "cn-province-8of10": "standard",
        "cn-shaanxi-basic": "standard",
        "example-school-plan-2013": "example",
        "example-school-plan-2016": "example",
    }
    assert load_rule_set("cn-2012-basic").document.startswith("教督〔2012〕3号《")
    assert load_rule_set("cn-2017-quality").document.startswith("教督〔2017〕6号《")


def test_a_standard_set_without_a_document_is_refused(tmp_path: Path) -> None:
    text = HEADER.format(id="x").replace('document = "test"\n', "") + (
        '\nextends = "cn-2012-basic"\n'
    )
    (tmp_path / "x.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError, match='a set of kind "standard" names its document'):
        load_rule_set(tmp_path / "x.toml")
    (tmp_path / "x.toml").write_text(text + 'kind = "example"\n', encoding="utf-8")
    assert load_rule_set(tmp_path / "x.toml").kind == "example"


@pytest.mark.parametrize(
    ("old", "new"),
    [("cn-anhui-2013", "example-school-plan-2013"), ("cn-gansu-2016", "example-school-plan-2016")],
)
def test_retired_ids_still_load_with_a_warning(old: str, new: str) -> None:
    assert bundled_aliases()[old] == new
    assert old not in bundled_rule_sets()
    with pytest.warns(DeprecatedRuleSetWarning, match=f"'{old}' is deprecated.*'{new}'"):
        rs = load_rule_set(old)
    assert rs.id == new
    assert rule_set_digest(rs) == rule_set_digest(load_rule_set(new))  # the same rules
    assert issubclass(DeprecatedRuleSetWarning, FutureWarning)  # shown by default


def test_a_retired_id_warns_through_evaluate_and_extends(tmp_path: Path) -> None:
    table = load_example()
    with pytest.warns(DeprecatedRuleSetWarning):
        a = evaluate(table, "cn-anhui-2013")
    assert a.standard.id == "example-school-plan-2013"
    (tmp_path / "city.toml").write_text(
        HEADER.format(id="city") + '\nextends = "cn-gansu-2016"\n', encoding="utf-8"
    )
    with pytest.warns(DeprecatedRuleSetWarning, match="cn-gansu-2016"):
        rs = load_rule_set(tmp_path / "city.toml")
    assert rs.lineage == ("cn-2012-basic", "example-school-plan-2016", "city")


def test_2012_score_and_satisfaction_are_restated_in_an_official_notice() -> None:
    rs = load_rule_set("cn-2012-basic")
    rules = {r.id: r for r in rs.rules}
    for rule_id in ("government_effort_score", "public_satisfaction"):
        rule = rules[rule_id]
        assert rule.certainty == "restated"
        assert "official provincial notice" in rule.reference
        assert "2016-04-07" in rule.reference
        assert isinstance(rule, CountyInputRule)
        assert rule.value == 85
    assert rules["composite_cv"].certainty == "confirmed"
    assert any("粤府教督〔2014〕13号" in s for s in rs.sources)


def test_certainty_summary_counts_every_label() -> None:
    assert certainty_summary(load_rule_set("cn-2012-basic")) == {
        "confirmed": 1,
        "restated": 2,
        "uncertain": 0,
    }
    rs = load_rule_set("cn-2017-quality")
    expected = {label: sum(r.certainty == label for r in rs.rules) for label in CERTAINTIES}
    assert certainty_summary(rs) == expected
    # 3 remembered vetoes, the 2 added ones, 4 room rules and special-school funding
    assert expected["uncertain"] == 10
    assert sum(expected.values()) == len(rs.rules) == 44


def test_describe_rule_sets_gives_what_rules_list_shows() -> None:
    records = describe_rule_sets()
    assert [d["id"] for d in records] == [
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
    first = records[0]
    assert (first["kind"], first["year"], first["extends"], first["aliases"]) == (
        "standard",
        2012,
        None,
        [],
    )
    assert first["certainty"] == {"confirmed": 1, "restated": 2, "uncertain": 0}
    assert first["rules"] == 3
    by_id = {d["id"]: d for d in records}
    assert by_id["cn-province-8of10"]["year"] is None  # the attachment is undated
    assert by_id["example-school-plan-2016"]["aliases"] == ["cn-gansu-2016"]
    text = format_rule_sets(records)
    assert text.splitlines()[1].split()[:4] == ["cn-2012-basic", "standard", "2012", "1/2/0"]
    assert "(retired id cn-anhui-2013: loads this set, with a warning)" in text


def test_lookups_of_unknown_ids_name_them() -> None:
    rs = load_rule_set("cn-2012-basic")
    with pytest.raises(RuleSetError, match=r"no part 'governmnet' \(parts: government_effort"):
        rs.part("governmnet")
    with pytest.raises(RuleSetError, match="no input 'satisfaction'"):
        rs.input("satisfaction")
    with pytest.raises(RuleSetError, match="cn-2012-basic: indicators: no indicator 'x'"):
        rs.indicator("x")
    assert rs.part("government_effort").zh.startswith("县级人民政府")


def test_extends_reaches_a_folder_only_when_the_caller_names_it(tmp_path: Path) -> None:
    shared, city = tmp_path / "shared", tmp_path / "city"
    shared.mkdir()
    city.mkdir()
    (shared / "prov.toml").write_text(
        HEADER.format(id="prov") + '\nextends = "cn-2012-basic"\n', encoding="utf-8"
    )
    (city / "city.toml").write_text(
        HEADER.format(id="city") + '\nextends = "../shared/prov.toml"\n', encoding="utf-8"
    )
    with pytest.raises(RuleSetError, match=r"'\.\./shared/prov\.toml' resolves outside"):
        load_rule_set(city / "city.toml")
    (city / "city.toml").write_text(
        HEADER.format(id="city") + '\nextends = "prov.toml"\n', encoding="utf-8"
    )
    rs = load_rule_set(city / "city.toml", extends_dir=shared)
    assert rs.lineage == ("cn-2012-basic", "prov", "city")
    # a file inside the extending file's own folder, through a subfolder, is fine
    (city / "sub").mkdir()
    (city / "sub" / "district.toml").write_text(
        HEADER.format(id="district") + '\nextends = "../city.toml"\n', encoding="utf-8"
    )
    with pytest.raises(RuleSetError, match="resolves outside"):
        load_rule_set(city / "sub" / "district.toml", extends_dir=shared)
    (city / "district.toml").write_text(
        HEADER.format(id="district") + '\nextends = "sub/../city.toml"\n', encoding="utf-8"
    )
    assert load_rule_set(city / "district.toml", extends_dir=shared).lineage[-1] == "district"


def test_the_unknown_tenth_item_counts_as_not_met_by_default() -> None:
    rs = load_rule_set("cn-province-8of10")
    rule = next(r for r in rs.rules if r.id == "p10_school_standard")
    assert isinstance(rule, SchoolRule)
    assert (len(rule.items), rule.unknown_items, rule.max_failed) == (9, 1, 2)
    assert rs.flags["unknown_items_not_met"] is True
    assert rule.unknown_items_flag == "unknown_items_not_met"
    assert rule.allowed_failures == 1  # what the evaluator applies
    assert rule.allowed_failures_for({"unknown_items_not_met": False}) == 2
    assert "tenth indicator is unknown" in rule.reference + rs.notes


def test_a_guangdong_provincial_text_with_its_site_area_numbers() -> None:
    rs = load_rule_set("cn-guangdong-2013")
    assert (rs.kind, rs.year, rs.status, rs.lineage) == (
        "standard",
        2013,
        "partial",
        ("cn-guangdong-2013",),
    )
    (rule,) = rs.rules
    assert isinstance(rule, SchoolRule)
    values = [(t.level, t.location, t.value) for t in rule.items[0].thresholds]
    assert values == [
        ("primary", ("urban",), 9.4),
        ("junior", ("urban",), 10.1),
        ("primary", None, 18.0),
        ("junior", None, 23.0),
    ]
    assert "第三条" in rule.reference


def test_shaanxi_junior_sports_ground_by_class_band_or_track() -> None:
    base = {
        **AT_STANDARD,
        "school_type": "junior",
        **dict.fromkeys(
            (
                "students_primary",
                "teachers_primary",
                "qualified_teachers_primary",
                "senior_title_teachers_primary",
                "key_teachers_primary",
                "pe_art_teachers_primary",
            ),
            0,
        ),
        "students_junior": 1000,
        "teachers_junior": 80,
        "qualified_teachers_junior": 60,
        "senior_title_teachers_junior": 30,
        "track_200m_loop_100m_straight": "否",
    }
    # (id, classes, sports ground m² for 1000 pupils, track): the bands are 5.9 / 4.2 / 3.5
    cases = [
        ("A", 11, 5900, "否"),  # 5.9 ≥ 5.9 (≤ 11 classes)
        ("B", 11, 5899, "否"),  # 5.899 < 5.9
        ("C", 12, 4200, "否"),  # 12–18 classes: 4.2
        ("D", 18, 4199, "否"),
        ("E", 19, 3500, "否"),  # 19 and more: 3.5
        ("F", 19, 100, "是"),  # the track alone meets the item
    ]
    rows = [
        {**base, "school_id": sid, "classes": k, "sports_ground_area_m2": area,
         "track_200m_loop_100m_straight": track}
        for sid, k, area, track in cases
    ]  # fmt: skip
    a = evaluate(load_schools(rows), "cn-shaanxi-basic")
    got = {
        s.school_id: s.rules["sn_junior_sports_ground"]
        for s in a.counties[0].levels["junior"].schools
    }
    assert got == {"A": True, "B": False, "C": True, "D": False, "E": True, "F": True}
    rs = load_rule_set("cn-shaanxi-basic")
    assert (rs.kind, rs.year, rs.lineage) == (
        "standard",
        None,
        ("cn-2012-basic", "cn-shaanxi-basic"),
    )
