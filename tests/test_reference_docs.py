"""The generated reference pages in docs/reference are current."""

from __future__ import annotations

from pathlib import Path

from eduequity._reference import pages

DOCS = Path(__file__).resolve().parents[1] / "docs" / "reference"


def test_reference_pages_are_current() -> None:
    for name, text in pages().items():
        committed = (DOCS / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/reference/{name} is stale: python -m eduequity._reference"


def test_reference_covers_every_rule_and_indicator() -> None:
    from eduequity.rules import bundled_rule_sets, catalog_indicators, load_rule_set

    rule_page = pages()["rule-sets.md"]
    for set_id in bundled_rule_sets():
        for rule in load_rule_set(set_id).rules:
            assert f"`{rule.id}`" in rule_page
    indicator_page = pages()["indicators.md"]
    assert all(f"`{i.id}`" in indicator_page for i in catalog_indicators())


def test_the_api_page_renders_every_public_name() -> None:
    import eduequity
    import eduequity.metrics

    page = (DOCS / "api.md").read_text(encoding="utf-8")
    for name in [*eduequity.__all__, *eduequity.metrics.__all__]:
        if name.startswith("__") or name in ("Comparison", "QuantileMethod"):  # type aliases
            continue
        assert f".{name}\n" in page or f"{name}," in page or f"{name}]" in page, name
