"""What a list of rule sets shows: id, kind, document, year and how sure the rules are.

:func:`describe_rule_sets` gives one JSON-ready record per bundled set (what ``eduequity
rules list`` prints); :func:`certainty_summary` counts a set's rules per certainty label.
Nothing here evaluates anything.
"""

from __future__ import annotations

from typing import Any

from eduequity.rules.loader import (
    bundled_aliases,
    bundled_rule_sets,
    load_rule_set,
    rule_set_digest,
)
from eduequity.rules.schema import RuleSet, SchoolRule

__all__ = [
    "certainty_summary",
    "describe_rule_sets",
    "format_rule_sets",
    "rule_set_record",
    "school_rules_described",
]


def certainty_summary(rule_set: RuleSet) -> dict[str, int]:
    """How many of the set's rules carry each certainty label, every label listed.

    Examples
    --------
    >>> certainty_summary(load_rule_set("cn-2012-basic"))
    {'confirmed': 1, 'restated': 2, 'uncertain': 0}
    """
    return rule_set.certainty_summary()


def school_rules_described(rule_set: RuleSet) -> dict[str, dict[str, Any]]:
    """What each per-school rule's items say, by rule id: its ``part``, ``reference``,
    ``floor`` (``None`` without one) and, per item, the ``indicator``, ``comparison`` and
    ``reference`` (the assessment contract ``/2`` states these once, in
    ``standard.rules``, rather than in every failure).

    Examples
    --------
    >>> d = school_rules_described(load_rule_set("cn-2017-quality"))
    >>> d["class_size"]["part"], d["class_size"]["floor"], d["class_size"]["items"][0]["comparison"]
    ('government', None, 'at_most')
    """
    return {
        r.id: {
            "part": r.part,
            "reference": r.reference,
            "floor": r.floor,
            "items": [
                {
                    "indicator": it.indicator,
                    "comparison": it.comparison,
                    "reference": it.reference or r.reference,
                }
                for it in r.items
            ],
        }
        for r in rule_set.rules
        if isinstance(r, SchoolRule)
    }


def rule_set_record(rule_set: RuleSet) -> dict[str, Any]:
    """One set as a JSON-ready record: identity, provenance and certainty.

    Keys: ``id``, ``revision``, ``kind`` (``standard`` or ``example``), ``document``,
    ``year`` (``None`` when the text's year is unknown), ``status``, ``title_zh``,
    ``title_en``, ``extends`` (the parent id or ``None``), ``certainty`` (counts per label),
    ``rules`` (how many), ``aliases`` (retired ids that load this set) and ``digest``.

    Examples
    --------
    >>> d = rule_set_record(load_rule_set("example-school-plan-2013"))
    >>> d["kind"], d["year"], d["aliases"], d["extends"]
    ('example', 2013, ['cn-anhui-2013'], 'cn-2012-basic')
    """
    aliases = sorted(old for old, new in bundled_aliases().items() if new == rule_set.id)
    return {
        "id": rule_set.id,
        "revision": rule_set.revision,
        "kind": rule_set.kind,
        "document": rule_set.document,
        "year": rule_set.year,
        "status": rule_set.status,
        "title_zh": rule_set.title_zh,
        "title_en": rule_set.title_en,
        "extends": rule_set.lineage[-2] if len(rule_set.lineage) > 1 else None,
        "certainty": certainty_summary(rule_set),
        "rules": len(rule_set.rules),
        "aliases": aliases,
        "digest": rule_set_digest(rule_set),
    }


def describe_rule_sets() -> list[dict[str, Any]]:
    """Every bundled set as :func:`rule_set_record` describes it: standards first, then
    examples, each group by id (retired ids appear under ``aliases`` of their set).

    Examples
    --------
    >>> [(d["id"], d["kind"]) for d in describe_rule_sets()][:2]
    [('cn-2012-basic', 'standard'), ('cn-2017-quality', 'standard')]
    >>> [d["id"] for d in describe_rule_sets() if d["kind"] == "example"]
    ['example-school-plan-2013', 'example-school-plan-2016']
    """
    records = [rule_set_record(load_rule_set(i)) for i in bundled_rule_sets()]
    return sorted(records, key=lambda d: (d["kind"] != "standard", d["id"]))


def format_rule_sets(records: list[dict[str, Any]] | None = None) -> str:
    """The records of :func:`describe_rule_sets` as the text table ``rules list`` prints:
    id, kind, year, certainty counts (confirmed / restated / uncertain), document.

    Examples
    --------
    >>> print(format_rule_sets().splitlines()[0])
    id                        kind      year  confirmed/restated/uncertain  document
    """
    rows = describe_rule_sets() if records is None else records
    width = max([len("id"), *(len(d["id"]) for d in rows)]) + 2
    lines = [f"{'id':<{width}}{'kind':<10}{'year':<6}confirmed/restated/uncertain  document"]
    for d in rows:
        c = d["certainty"]
        counts = f"{c['confirmed']}/{c['restated']}/{c['uncertain']}"
        year = "—" if d["year"] is None else str(d["year"])
        lines.append(f"{d['id']:<{width}}{d['kind']:<10}{year:<6}{counts:<30}{d['document']}")
        for old in d["aliases"]:
            lines.append(f"{'':<{width}}(retired id {old}: loads this set, with a warning)")
    return "\n".join(lines) + "\n"
