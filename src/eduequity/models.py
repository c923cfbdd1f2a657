"""Pydantic records at the edges: one school, as the canonical table describes it.

The table itself is columnar (:class:`~eduequity.table.SchoolTable`); a :class:`School`
is for single records, messages and the JSON Schema that embedding systems validate with.
Units are in the field names; ``equipment_value_yuan`` is in yuan (元), not 万元.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Location", "Ownership", "School", "SchoolType", "school_json_schema"]

SchoolType = Literal[
    "primary",
    "junior",
    "nine_year",
    "twelve_year",
    "complete_secondary",
    "teaching_point",
    "special",
]
Ownership = Literal["public", "private"]
Location = Literal["urban", "town", "rural"]

Count = Annotated[int, Field(ge=0)]
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class School(BaseModel):
    """One school in one year (a row of the canonical table).

    Teachers are given by section (``_primary`` / ``_junior``), as the statistics report
    them. Unknown fields are kept (``extra="allow"``).
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    school_id: Annotated[str, Field(min_length=1, description="学校标识码")]
    school_type: Annotated[SchoolType, Field(description="学校类型")]
    school_name: str | None = Field(None, description="学校名称")
    county_code: str | None = Field(None, description="区县代码 (6-digit)")
    county_name: str | None = Field(None, description="区县名称")
    year: int | None = Field(None, description="学年")
    parent_school_id: str | None = Field(None, description="所属学校标识码 (teaching points)")
    ownership: Ownership = Field("public", description="办学性质")
    location: Location | None = Field(None, description="城乡类型")

    students_primary: Count | None = Field(None, description="小学在校生数")
    students_junior: Count | None = Field(None, description="初中在校生数")
    students_senior: Count | None = Field(None, description="高中在校生数")

    teaching_aux_area_m2: Amount | None = Field(None, description="教学及辅助用房面积 (m²)")
    indoor_sports_area_m2: Amount | None = Field(None, description="室内体育用房面积 (m²)")
    sports_ground_area_m2: Amount | None = Field(None, description="运动场地面积 (m²)")
    equipment_value_yuan: Amount | None = Field(None, description="教学仪器设备资产值 (元)")
    teaching_computers: Count | None = Field(None, description="教学用计算机台数")
    books: Count | None = Field(None, description="图书册数")
    multimedia_classrooms: Count | None = Field(None, description="网络多媒体教室间数")

    teachers_primary: Count | None = Field(None, description="小学专任教师数")
    qualified_teachers_primary: Count | None = Field(None, description="小学高于规定学历专任教师数")
    senior_title_teachers_primary: Count | None = Field(
        None, description="小学中级及以上职称专任教师数"
    )
    key_teachers_primary: Count | None = Field(None, description="小学县级及以上骨干教师数")
    pe_art_teachers_primary: Count | None = Field(
        None, description="小学体育、音乐、美术专任教师数"
    )
    teachers_junior: Count | None = Field(None, description="初中专任教师数")
    qualified_teachers_junior: Count | None = Field(None, description="初中高于规定学历专任教师数")
    senior_title_teachers_junior: Count | None = Field(
        None, description="初中中级及以上职称专任教师数"
    )
    key_teachers_junior: Count | None = Field(None, description="初中县级及以上骨干教师数")
    pe_art_teachers_junior: Count | None = Field(None, description="初中体育、音乐、美术专任教师数")

    classes: Count | None = Field(None, description="班级数")
    max_class_size: Count | None = Field(None, description="最大班额")
    music_rooms: Count | None = Field(None, description="音乐专用教室数")
    art_rooms: Count | None = Field(None, description="美术专用教室数")
    min_music_room_area_m2: Amount | None = Field(None, description="最小音乐专用教室面积 (m²)")
    min_art_room_area_m2: Amount | None = Field(None, description="最小美术专用教室面积 (m²)")
    built_year: int | None = Field(None, description="建校年份")
    boarding: bool | None = Field(None, description="是否寄宿制")
    building_area_m2: Amount | None = Field(None, description="校舍建筑面积 (m²)")
    dormitory_area_m2: Amount | None = Field(None, description="学生宿舍面积 (m²)")
    site_area_m2: Amount | None = Field(None, description="占地面积 (m²)")
    staff: Count | None = Field(None, description="教职工数")
    certified_teachers: Count | None = Field(None, description="持证专任教师数")
    science_labs: Count | None = Field(None, description="科学实验室数")
    computer_rooms: Count | None = Field(None, description="计算机教室数")

    teachers_age_35_under: Count | None = Field(None, description="35岁及以下专任教师数")
    teachers_age_36_45: Count | None = Field(None, description="36-45岁专任教师数")
    teachers_age_46_over: Count | None = Field(None, description="46岁及以上专任教师数")
    teachers_title_senior: Count | None = Field(None, description="高级职称专任教师数")
    teachers_title_intermediate: Count | None = Field(None, description="中级职称专任教师数")
    teachers_title_junior: Count | None = Field(None, description="初级及以下职称专任教师数")
    teachers_degree_postgraduate: Count | None = Field(None, description="研究生学历专任教师数")
    teachers_degree_bachelor: Count | None = Field(None, description="本科学历专任教师数")
    teachers_degree_associate: Count | None = Field(None, description="专科学历专任教师数")
    teachers_degree_below: Count | None = Field(None, description="专科以下学历专任教师数")
    teachers_degree_qualified: Count | None = Field(None, description="学历达标专任教师数")
    large_classes: Count | None = Field(None, description="大班额班数 (56–65 人)")
    very_large_classes: Count | None = Field(None, description="超大班额班数 (66 人及以上)")


def school_json_schema() -> dict[str, Any]:
    """The JSON Schema of a :class:`School` record (for systems that embed eduequity).

    Examples
    --------
    >>> schema = school_json_schema()
    >>> schema["required"]
    ['school_id', 'school_type']
    """
    schema: dict[str, Any] = json.loads(json.dumps(School.model_json_schema()))
    return schema
