"""The items of the vertical school and county forms, and where each value goes.

The layout is the one a public 优质均衡 inspection system (Shenyang) sends to schools and
districts: one item per row, with the columns 序号 / 类别 / 填报项目 / 单位 / 填报值 / 是否必填 /
备注说明. Each :class:`Item` says what its value becomes: a column of the school table
(``column``, times ``factor``: 万元 items are read as 元), or one input of a derived value
(``derive``, e.g. the class-size bands that give the largest class). Items are matched by
their 填报项目 text, folded (NFKC, no spaces), so a form retyped with full-width characters or
stray spaces still matches. The numbers (序号) are those of the Shenyang forms.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BASIC_2012_ITEMS",
    "COUNTY_ITEMS",
    "SCHOOL_ITEMS",
    "SECTION_ITEMS",
    "SHENYANG_SCHOOL_ITEMS",
    "Item",
    "fold",
]

Kind = Literal["text", "number", "count", "bool", "year", "type"]


@dataclass(frozen=True)
class Item:
    """One row of a form."""

    no: int
    category: str
    zh: str
    en: str
    unit: str
    kind: Kind
    required: bool = True
    column: str | None = None
    factor: float = 1.0
    derive: str | None = None
    band: tuple[float, float] | None = None
    note: str = ""
    only: str = ""  # required only of schools with this section (``junior``)


def fold(text: str) -> str:
    """The matching form of an item's text: NFKC, without spaces.

    Examples
    --------
    >>> fold(" 小学学生人数 ") == fold("小学学生人数"), fold("ＡＢ（万元）")
    (True, 'AB(万元)')
    """
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


_YN = "是/否"
_S: list[Item] = []


def _s(no: int, cat: str, zh: str, en: str, unit: str, kind: Kind, **kw: object) -> None:
    _S.append(Item(no, cat, zh, en, unit, kind, **kw))  # type: ignore[arg-type]


_s(1, "基本信息", "学校名称", "School name", "", "text", column="school_name")
_s(2, "基本信息", "学校类型", "School type", "小学/初中/九年一贯制/十二年一贯制/完全中学", "type",
   column="school_type")
_s(3, "基本信息", "学校代码", "School code", "", "text", column="school_id")
_s(4, "基本信息", "建校时间", "Year built", "年", "year", column="built_year")
_s(5, "基本信息", "是否2010年及之前规划并建成", "Planned and built in or before 2010", _YN, "bool",
   derive="built_by_2010")
_s(6, "基本信息", "是否2016年及之前规划并建成", "Planned and built in or before 2016", _YN, "bool",
   derive="built_by_2016")
_s(7, "基本信息", "是否人口密度过高的大城市中心城区学校",
   "In an over-dense big-city centre", _YN, "bool", column="dense_city_centre")
_s(8, "基本信息", "是否50人及以上但不足100人的乡村小规模学校和教学点",
   "Rural small school or teaching point of 50–99 pupils", _YN, "bool",
   column="rural_small_school")
_s(9, "基本信息", "是否最大班额低于30人的农村小规模学校",
   "Rural small school whose largest class is under 30", _YN, "bool",
   derive="small_classes_under_30")
_s(10, "学生信息", "小学学生人数", "Primary pupils", "人", "count", column="students_primary")
_s(11, "学生信息", "初中学生人数", "Junior pupils", "人", "count", column="students_junior")
_s(12, "学生信息", "进城务工人员随迁子女在校生人数", "Migrant workers' children enrolled", "人",
   "count", column="migrant_students")
_s(13, "学生信息", "家庭住址在划片范围内的在校学生人数（小学）",
   "Primary pupils living in the catchment", "人", "count", derive="catchment_primary")
_s(14, "学生信息", "家庭住址在划片范围内的在校学生人数（初中）",
   "Junior pupils living in the catchment", "人", "count", derive="catchment_junior")
_s(15, "班级信息", "班级总数", "Classes", "个", "count", column="classes")
for _no, (_lo, _hi), _zh in (
    (16, (0, 25), "每班25人以下班级个数"),
    (17, (26, 30), "每班26-30人班级个数"),
    (18, (31, 35), "每班31-35人班级个数"),
    (19, (36, 40), "每班36-40人班级个数"),
    (20, (41, 45), "每班41-45人班级个数"),
    (21, (46, 50), "每班46-50人班级个数"),
    (22, (51, 55), "每班51-55人班级个数"),
    (23, (56, 60), "每班56-60人班级个数"),
    (24, (61, 65), "每班61-65人班级个数"),
    (25, (66, 66), "每班66人以上班级个数"),
):
    _en = f"Classes of {_lo}–{_hi} pupils" if _hi > _lo else f"Classes of {_lo} or more"
    _s(_no, "班级信息", _zh, _en if _lo else "Classes of 25 or fewer", "个", "count",
       derive="class_band", band=(float(_lo), float(_hi)))
_s(26, "教师学历信息", "专任教师总人数", "Full-time teachers", "人", "count", derive="teachers")
for _no, _zh, _en, _lv in (
    (27, "专科学历教师人数（小学）", "Teachers with an associate degree (primary)", "primary"),
    (28, "本科学历教师人数（小学）", "Teachers with a bachelor's degree (primary)", "primary"),
    (29, "本科学历教师人数（初中）", "Teachers with a bachelor's degree (junior)", "junior"),
    (30, "硕士学历教师人数（小学）", "Teachers with a master's degree (primary)", "primary"),
    (31, "硕士学历教师人数（初中）", "Teachers with a master's degree (junior)", "junior"),
    (32, "博士研究生学历教师人数（小学）", "Teachers with a doctorate (primary)", "primary"),
    (33, "博士研究生学历教师人数（初中）", "Teachers with a doctorate (junior)", "junior"),
):
    _s(_no, "教师学历信息", _zh, _en, "人", "count", derive=f"qualified_{_lv}")
_s(34, "教师学历信息", "县级及以上骨干教师数", "Key teachers (county level or above)", "人",
   "count", derive="key_teachers")
_s(35, "教师学历信息", "持有教师资格证的专任教师人数", "Teachers holding a certificate", "人",
   "count", column="certified_teachers")
_s(36, "教师学历信息", "近5年培训满360学时专任教师人数",
   "Teachers with 360 training hours in 5 years", "人", "count", column="trained_360h_teachers")
for _no, _zh, _en in (
    (37, "体育专任教师人数", "PE teachers"),
    (38, "音乐专任教师人数", "Music teachers"),
    (39, "美术专任教师人数", "Fine-art teachers"),
    (40, "艺术专任教师人数", "Art teachers"),
):
    _s(_no, "体育艺术教师", _zh, _en, "人", "count", derive="pe_art_teachers")
for _no, _zh, _en in (
    (41, "体育交流轮岗/兼职/走教教师人数", "PE teachers on exchange, part-time or itinerant"),
    (42, "音乐交流轮岗/兼职/走教教师人数", "Music teachers on exchange, part-time or itinerant"),
    (43, "美术交流轮岗/兼职/走教教师人数", "Fine-art teachers on exchange, part-time or itinerant"),
    (44, "艺术交流轮岗/兼职/走教教师人数", "Art teachers on exchange, part-time or itinerant"),
):
    _s(_no, "体育艺术教师", _zh, _en, "人", "count", required=False,
       derive="pe_art_itinerant_teachers", note="仅50-100人乡村小规模学校填写")
_s(45, "教学用房面积", "教学及辅助用房总面积", "Teaching and auxiliary floor area", "平方米",
   "number", column="teaching_aux_area_m2")
_s(46, "教学用房面积", "室内体育用房面积", "Indoor sports floor area", "平方米", "number",
   column="indoor_sports_area_m2")
_s(47, "体育场馆面积", "学校体育馆面积", "Gymnasium area", "平方米", "number", derive="gym_area")
_s(48, "体育场馆面积", "校内体育场面积", "Sports ground area", "平方米", "number",
   column="sports_ground_area_m2")
_s(49, "体育场馆面积", "校外租赁场馆面积", "Rented sports venues nearby", "平方米", "number",
   required=False, column="sports_area_rented_m2", note="仅人口密度过高的中心城区学校填写")
_s(50, "体育场馆面积", "校内其他体育场面积", "Other sports space on site (converted)",
   "平方米", "number", required=False, column="sports_area_converted_m2",
   note="仅人口密度过高的中心城区学校填写")
_s(51, "教学设备", "教学仪器设备资产值（账面原值）", "Teaching equipment (book value)", "万元",
   "number", column="equipment_value_yuan", factor=10_000.0)
_s(52, "教学设备", "网络多媒体教室间数", "Networked multimedia classrooms", "间", "count",
   column="multimedia_classrooms")
_s(53, "音乐美术教室", "音乐教室总间数", "Music rooms", "间", "count", column="music_rooms")
for _no, _band, _zh in (
    (54, (96.0, 1e9), "单间面积≥96㎡的音乐教室间数"),
    (55, (73.0, 96.0), "73㎡≤单间面积＜96㎡的音乐教室间数"),
    (56, (61.0, 73.0), "61㎡≤单间面积＜73㎡的音乐教室间数"),
):
    _s(_no, "音乐美术教室", _zh, f"Music rooms of {_band[0]:g} m² or more"
       + ("" if _band[1] > 1e8 else f" and under {_band[1]:g} m²"), "间", "count",
       derive="music_room_band", band=_band)
_s(57, "音乐美术教室", "美术教室总间数", "Art rooms", "间", "count", column="art_rooms")
for _no, _band, _zh in (
    (58, (90.0, 1e9), "单间面积≥90㎡的美术教室间数"),
    (59, (67.0, 90.0), "67㎡≤单间面积＜90㎡的美术教室间数"),
    (60, (61.0, 67.0), "61㎡≤单间面积＜67㎡的美术教室间数"),
):
    _s(_no, "音乐美术教室", _zh, f"Art rooms of {_band[0]:g} m² or more"
       + ("" if _band[1] > 1e8 else f" and under {_band[1]:g} m²"), "间", "count",
       derive="art_room_band", band=_band)
_s(61, "经费信息", "上一年度公用经费预算总额", "Public funds budget, last year", "万元", "number",
   column="public_funds_budget_yuan", factor=10_000.0)
_s(62, "经费信息", "上一年度公用经费决算总额", "Public funds spent, last year", "万元", "number",
   column="public_funds_spent_yuan", factor=10_000.0)
_s(63, "经费信息", "上一年度教师培训经费预算总额", "Teacher training budget, last year", "万元",
   "number", column="training_budget_yuan", factor=10_000.0)
for _no, _zh, _en in (
    (64, "本届毕业学生人数", "Graduates this year"),
    (65, "毕业年级初一时在校学生数", "The graduating cohort's pupils in grade 7"),
    (66, "毕业年级三年转入学生数", "Transfers in over the three years"),
    (67, "毕业年级三年转出学生数", "Transfers out over the three years"),
    (68, "毕业年级三年死亡学生数", "Deaths over the three years"),
):
    _s(_no, "巩固率数据", _zh, _en, "人", "count", derive="retention", note="初中填写",
       only="junior")

SHENYANG_SCHOOL_ITEMS: tuple[Item, ...] = tuple(_S)

# Items the Shenyang form lacks: a school of several sections (九年一贯制 and the like) gives
# its teachers by section, since the standard counts teachers as the statistics report them,
# by section, and never splits them. The template asks for these of combined schools only.
for _no, _lv, _lz in ((69, "primary", "小学"), (70, "junior", "初中")):
    _s(_no, "分学段教师", f"专任教师总人数（{_lz}）", f"Full-time teachers ({_lv})", "人", "count",
       required=False, derive=f"teachers_{_lv}", note="一贯制学校和完全中学填写")
for _no, _lv, _lz in ((71, "primary", "小学"), (72, "junior", "初中")):
    _s(_no, "分学段教师", f"县级及以上骨干教师数（{_lz}）", f"Key teachers ({_lv})", "人", "count",
       required=False, derive=f"key_teachers_{_lv}", note="一贯制学校和完全中学填写")
for _no, _lv, _lz in ((73, "primary", "小学"), (74, "junior", "初中")):
    _s(_no, "分学段教师", f"体育、音乐、美术、艺术专任教师人数（{_lz}）",
       f"PE, music, fine-art and art teachers ({_lv})", "人", "count", required=False,
       derive=f"pe_art_teachers_{_lv}", note="一贯制学校和完全中学填写")

SECTION_ITEMS: tuple[Item, ...] = tuple(_S[len(SHENYANG_SCHOOL_ITEMS) :])

# Items the 2012 standard needs that the 2017 form does not ask: its 8 indicators count books,
# computers and senior-title teachers. The template adds them when the standard needs them.
_s(75, "2012基本均衡", "图书册数", "Books", "册", "count", required=False, column="books")
_s(76, "2012基本均衡", "教学用计算机台数", "Teaching computers", "台", "count", required=False,
   column="teaching_computers")
for _no, _lv, _lz in ((77, "primary", "小学"), (78, "junior", "初中")):
    _s(_no, "2012基本均衡", f"中级及以上职称专任教师数（{_lz}）",
       f"Teachers of intermediate title or above ({_lv})", "人", "count", required=False,
       column=f"senior_title_teachers_{_lv}")
BASIC_2012_ITEMS: tuple[Item, ...] = tuple(_S[len(SHENYANG_SCHOOL_ITEMS) + len(SECTION_ITEMS) :])

SCHOOL_ITEMS: tuple[Item, ...] = tuple(_S)

_C: list[Item] = []


def _c(no: int, cat: str, zh: str, en: str, unit: str, kind: Kind, **kw: object) -> None:
    _C.append(Item(no, cat, zh, en, unit, kind, **kw))  # type: ignore[arg-type]


_c(1, "基本信息", "区县名称", "County name", "", "text", column="county_name")
_c(2, "基本信息", "区县代码", "County code", "", "text", column="county_code")
_c(3, "基本信息", "填报年度", "Year", "", "year", column="year")
_c(4, "经费标准", "规定的小学生均公用经费标准", "Public funds per primary pupil, as set", "元",
   "number", column="public_funds_standard_primary_yuan", note="市级1150")
_c(5, "经费标准", "规定的初中生均公用经费标准", "Public funds per junior pupil, as set", "元",
   "number", column="public_funds_standard_junior_yuan", note="市级1350")
_c(6, "经费标准", "特殊教育学校经费总额", "Special schools' funds", "元", "number",
   derive="special_funds")
_c(7, "经费标准", "特殊教育学校学生人数", "Special schools' pupils", "人", "count",
   derive="special_pupils")
_c(8, "工资收入", "上年度义务教育学校教师年平均工资收入水平（不含民办学校）",
   "Teachers' average pay last year (public schools)", "万元", "number", derive="teacher_pay")
_c(9, "工资收入", "当地公务员年平均工资收入", "Local civil servants' average pay", "万元",
   "number", derive="civil_servant_pay")
_c(10, "教师交流轮岗", "符合交流条件教师总数", "Teachers eligible for rotation", "人", "count",
   derive="rotation_eligible")
_c(11, "教师交流轮岗", "实际交流轮岗教师数", "Teachers rotated", "人", "count",
   derive="rotated")
_c(12, "教师交流轮岗", "实际交流骨干教师数量", "Key teachers rotated", "人", "count",
   derive="key_rotated")
_c(13, "优质高中招生", "优质高中招生计划总人数", "Quality senior high schools' intake plan", "人",
   "count", derive="quota_plan")
_c(14, "优质高中招生", "优质高中招生分配指标数", "Places allocated to junior schools", "人",
   "count", derive="quota_allocated")
_c(15, "优质高中招生", "向农村学校分配指标数", "Places allocated to rural schools", "人",
   "count", derive="quota_rural")
_c(16, "随迁子女", "符合条件的随迁子女总人数", "Eligible migrant children", "人", "count",
   derive="migrant_eligible")
_c(17, "随迁子女", "在县域内公办学校就读的随迁子女人数", "Migrant children in public schools",
   "人", "count", derive="migrant_public")
_c(18, "随迁子女", "在政府购买服务的民办学校就读随迁子女人数",
   "Migrant children in places the government buys", "人", "count", derive="migrant_purchased")
_c(19, "残疾儿童入学", "适龄残疾儿童少年总数", "Disabled children of school age", "人", "count",
   derive="disabled_total")
_c(20, "残疾儿童入学", "适龄残疾儿童少年入学总人数", "Disabled children enrolled", "人", "count",
   derive="disabled_enrolled")

COUNTY_ITEMS: tuple[Item, ...] = tuple(_C)
