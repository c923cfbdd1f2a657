"""The canonical school table's columns: English ids, Chinese headers, kinds and units.

This is data about the table format (data-format.md), not about any standard.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Kind = Literal["str", "int", "count", "number", "enum", "bool"]


@dataclass(frozen=True)
class Column:
    """One canonical column.

    ``kind``: ``str`` text; ``int`` an integer such as the year; ``count`` a non-negative
    integer (students, teachers, rooms); ``number`` a non-negative real (areas, yuan);
    ``enum`` one of a fixed set; ``bool`` yes/no.
    """

    id: str
    zh: str
    kind: Kind
    unit: str = ""
    aliases: tuple[str, ...] = ()


SCHOOL_TYPES: dict[str, tuple[str, ...]] = {
    "primary": ("小学",),
    "junior": ("初中", "初级中学"),
    "nine_year": ("九年一贯制", "九年一贯制学校"),
    "twelve_year": ("十二年一贯制", "十二年一贯制学校"),
    "complete_secondary": ("完全中学",),
    "teaching_point": ("教学点", "小学教学点"),
    "special": ("特殊教育学校", "特殊教育", "特教学校"),
}
OWNERSHIPS: dict[str, tuple[str, ...]] = {"public": ("公办",), "private": ("民办",)}
LOCATIONS: dict[str, tuple[str, ...]] = {
    "urban": ("城区",),
    "town": ("镇区",),
    "rural": ("乡村",),
}
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "school_type": SCHOOL_TYPES,
    "ownership": OWNERSHIPS,
    "location": LOCATIONS,
}

LEVELS = ("primary", "junior")
SECTIONS = ("primary", "junior", "senior")

# Sections a school type may have students in.
TYPE_SECTIONS: dict[str, tuple[str, ...]] = {
    "primary": ("primary",),
    "teaching_point": ("primary",),
    "junior": ("junior",),
    "nine_year": ("primary", "junior"),
    "twelve_year": ("primary", "junior", "senior"),
    "complete_secondary": ("junior", "senior"),
    "special": ("primary", "junior"),
}
COMBINED_TYPES = ("nine_year", "twelve_year", "complete_secondary")

SHARED_RESOURCES: tuple[Column, ...] = (
    Column("teaching_aux_area_m2", "教学及辅助用房面积", "number", "m²"),
    Column("indoor_sports_area_m2", "室内体育用房面积", "number", "m²"),
    Column("sports_ground_area_m2", "运动场地面积", "number", "m²"),
    Column(
        "equipment_value_yuan",
        "教学仪器设备资产值",
        "number",
        "元",
        ("教学仪器设备值", "教学仪器设备资产值(元)"),
    ),
    Column("teaching_computers", "教学用计算机台数", "count", "台", ("教学用计算机",)),
    Column("books", "图书册数", "count", "册", ("图书",)),
    Column("multimedia_classrooms", "网络多媒体教室间数", "count", "间", ("网络多媒体教室",)),
)
SHARED_RESOURCE_IDS = tuple(c.id for c in SHARED_RESOURCES)

# Teacher columns by section; ``zh`` is the stem, prefixed with 小学 / 初中.
TEACHER_STEMS: tuple[tuple[str, str], ...] = (
    ("teachers", "专任教师数"),
    ("qualified_teachers", "高于规定学历专任教师数"),
    ("senior_title_teachers", "中级及以上职称专任教师数"),
    ("key_teachers", "县级及以上骨干教师数"),
    ("pe_art_teachers", "体育、音乐、美术专任教师数"),
)
TEACHER_SUBSETS = ("qualified_teachers", "senior_title_teachers", "key_teachers", "pe_art_teachers")
_LEVEL_ZH = {"primary": "小学", "junior": "初中"}


def _teacher_columns() -> tuple[Column, ...]:
    cols = []
    for level in LEVELS:
        for stem, zh in TEACHER_STEMS:
            cols.append(Column(f"{stem}_{level}", _LEVEL_ZH[level] + zh, "count", "人"))
    return tuple(cols)


TEACHER_COLUMNS = _teacher_columns()
# A single-section school may give its teachers without the section suffix.
UNSUFFIXED_TEACHER_COLUMNS: tuple[Column, ...] = tuple(
    Column(stem, zh, "count", "人") for stem, zh in TEACHER_STEMS
)

IDENTITY: tuple[Column, ...] = (
    Column("school_id", "学校标识码", "str", aliases=("学校代码", "学校识别码")),
    Column("school_name", "学校名称", "str"),
    Column("county_code", "区县代码", "str", aliases=("县区代码", "区县行政区划代码")),
    Column("county_name", "区县名称", "str", aliases=("县区名称",)),
    Column("year", "学年", "int", aliases=("年份", "年度")),
    Column("school_type", "学校类型", "enum", aliases=("办学类型",)),
    Column("parent_school_id", "所属学校标识码", "str"),
    Column("ownership", "办学性质", "enum"),
    Column("location", "城乡类型", "enum", aliases=("城乡分类",)),
)
ENROLLMENT: tuple[Column, ...] = (
    Column("students_primary", "小学在校生数", "count", "人"),
    Column("students_junior", "初中在校生数", "count", "人"),
    Column("students_senior", "高中在校生数", "count", "人"),
)
FACTS: tuple[Column, ...] = (
    Column("classes", "班级数", "count", "个", ("班数",)),
    Column("max_class_size", "最大班额", "count", "人"),
    Column("music_rooms", "音乐专用教室数", "count", "间"),
    Column("art_rooms", "美术专用教室数", "count", "间"),
    Column("min_music_room_area_m2", "最小音乐专用教室面积", "number", "m²"),
    Column("min_art_room_area_m2", "最小美术专用教室面积", "number", "m²"),
    Column("built_year", "建校年份", "int"),
    Column("boarding", "是否寄宿制", "bool", aliases=("寄宿制",)),
    Column("building_area_m2", "校舍建筑面积", "number", "m²"),
    Column("dormitory_area_m2", "学生宿舍面积", "number", "m²"),
    Column("site_area_m2", "占地面积", "number", "m²"),
    Column("staff", "教职工数", "count", "人"),
    Column("certified_teachers", "持证专任教师数", "count", "人"),
    Column("science_labs", "科学实验室数", "count", "间"),
    Column("computer_rooms", "计算机教室数", "count", "间"),
)
# Workforce profile and class sizes (issue: beyond the verdict); whole-school counts.
WORKFORCE: tuple[Column, ...] = (
    Column("teachers_age_35_under", "35岁及以下专任教师数", "count", "人"),
    Column("teachers_age_36_45", "36-45岁专任教师数", "count", "人"),
    Column("teachers_age_46_over", "46岁及以上专任教师数", "count", "人"),
    Column("teachers_title_senior", "高级职称专任教师数", "count", "人"),
    Column("teachers_title_intermediate", "中级职称专任教师数", "count", "人"),
    Column("teachers_title_junior", "初级及以下职称专任教师数", "count", "人"),
    Column("teachers_degree_postgraduate", "研究生学历专任教师数", "count", "人"),
    Column("teachers_degree_bachelor", "本科学历专任教师数", "count", "人"),
    Column("teachers_degree_associate", "专科学历专任教师数", "count", "人"),
    Column("teachers_degree_below", "专科以下学历专任教师数", "count", "人"),
    Column("teachers_degree_qualified", "学历达标专任教师数", "count", "人"),
    Column("large_classes", "大班额班数", "count", "个", ("56-65人班级数",)),
    Column("very_large_classes", "超大班额班数", "count", "个", ("66人及以上班级数",)),
)
# The 2017 special cases (a public inspection system's school form asks for them); optional,
# whole-school values.
SPECIAL_CASES: tuple[Column, ...] = (
    Column(
        "rural_small_school",
        "乡村小规模学校",
        "bool",
        aliases=("是否50人及以上但不足100人的乡村小规模学校和教学点",),
    ),
    Column(
        "dense_city_centre",
        "人口密度过高的大城市中心城区学校",
        "bool",
        aliases=("是否人口密度过高的大城市中心城区学校",),
    ),
    Column("pe_art_itinerant_teachers", "交流轮岗、兼职、走教体育艺术教师数", "count", "人"),
    Column("sports_area_rented_m2", "校外租赁场馆面积", "number", "m²"),
    Column("sports_area_converted_m2", "校内其他体育场面积", "number", "m²"),
    Column("migrant_students", "进城务工人员随迁子女在校生人数", "count", "人"),
)
EQUIPMENT_10K = Column(
    "equipment_value_10k_yuan",
    "教学仪器设备资产值(万元)",
    "number",
    "万元",
    ("教学仪器设备值(万元)",),
)

CANONICAL: tuple[Column, ...] = (
    IDENTITY + ENROLLMENT + SHARED_RESOURCES + TEACHER_COLUMNS + FACTS + WORKFORCE + SPECIAL_CASES
)
BY_ID: dict[str, Column] = {c.id: c for c in CANONICAL}
INPUT_ONLY: tuple[Column, ...] = (EQUIPMENT_10K, *UNSUFFIXED_TEACHER_COLUMNS)
REQUIRED = ("school_id", "school_type")

_BRACKETS = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]\s*$")
_SPACES = re.compile(r"[\s\u3000]+")


def normalise_header(header: str) -> str:
    """Fold a header to its matching form: NFKC, no spaces, lower case.

    Full-width brackets become ASCII (NFKC), spaces (also the ideographic space) go.
    """
    return _fold(str(header))


@functools.lru_cache(maxsize=4096)  # a load asks for each header several times
def _fold(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).strip().lstrip("\ufeff")
    text = _SPACES.sub("", text)
    return text.lower()


def strip_unit(header: str) -> str:
    """Remove a trailing bracketed unit: ``教学及辅助用房面积(平方米)`` → ``教学及辅助用房面积``."""
    return _BRACKETS.sub("", header)


@functools.cache
def header_lookup() -> Mapping[str, str]:
    """Every accepted spelling (normalised) → column id (built once: the columns are
    constants)."""
    table: dict[str, str] = {}
    for col in (*CANONICAL, *INPUT_ONLY):
        for name in (col.id, col.zh, *col.aliases):
            table[normalise_header(name)] = col.id
    return MappingProxyType(table)


def enum_lookup(column: str) -> dict[str, str]:
    """Accepted spellings of an enum column's values → canonical value."""
    out: dict[str, str] = {}
    for value, zh in ENUMS[column].items():
        out[value] = value
        for name in zh:
            out[name] = value
    return out
