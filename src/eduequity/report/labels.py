"""The library's own words in reports, in Chinese and English: one catalogue.

Each message id maps to ``{"zh": ..., "en": ...}`` with ``str.format`` fields. Names that
come with data (indicators, parts, county inputs) are read from the rule set; what the
library itself says (headers, verdicts, reasons, exclusions, warnings) lives here, so that a
report in one language never falls back to the other.

>>> text("schools_fail", "zh", failed=3, total=40)
'40 所学校中 3 所未达标'
>>> text("schools_fail", "en", failed=3, total=40)
'3 of 40 schools fail'
"""

from __future__ import annotations

from typing import Any

from eduequity.report.error_labels import ERRORS
from eduequity.report.record_labels import RECORD_ERRORS

__all__ = ["LANGS", "MESSAGES", "check_lang", "labels", "text", "unit"]

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # verdicts
    "passed": {"zh": "达标", "en": "passed"},
    "failed": {"zh": "未达标", "en": "failed"},
    "not_assessed": {"zh": "未评估", "en": "not assessed"},
    "not_applicable": {"zh": "不适用", "en": "not applicable"},
    # headers and words
    "county": {"zh": "县", "en": "County"},
    "counties": {"zh": "县数", "en": "counties"},
    "n_counties": {"zh": "{n} 个县（学年）", "en": "{n} county-years"},
    "n_schools": {"zh": "{n} 所学校", "en": "{n} schools"},
    "year": {"zh": "学年", "en": "year"},
    "standard": {"zh": "标准", "en": "Standard"},
    "primary": {"zh": "小学", "en": "primary"},
    "junior": {"zh": "初中", "en": "junior"},
    "all": {"zh": "各学段", "en": "all levels"},
    "cv": {"zh": "差异系数", "en": "coefficient of variation"},
    "composite": {"zh": "综合差异系数", "en": "composite coefficient of variation"},
    "threshold": {"zh": "标准", "en": "threshold"},
    "mean": {"zh": "均值", "en": "mean"},
    "schools": {"zh": "所学校", "en": "schools"},
    "school": {"zh": "学校", "en": "school"},
    "why": {"zh": "原因", "en": "why"},
    "excluded": {"zh": "未纳入计算", "en": "left out"},
    "missing_inputs": {"zh": "缺少县级数据", "en": "county inputs missing"},
    "parts": {"zh": "各部分", "en": "parts"},
    "undefined": {"zh": "无法计算", "en": "undefined"},
    "indicator": {"zh": "指标", "en": "indicator"},
    "verdict": {"zh": "结论", "en": "verdict"},
    "misses": {"zh": "未达标项", "en": "misses"},
    "verdict_of": {"zh": "结论（{parts}）", "en": "verdict ({parts})"},
    "warnings": {"zh": "提示", "en": "Warnings"},
    "students": {"zh": "在校生数", "en": "students"},
    "value": {"zh": "数值", "en": "value"},
    "shortfall": {"zh": "差额", "en": "shortfall"},
    "unit": {"zh": "单位", "en": "unit"},
    "code": {"zh": "代码", "en": "code"},
    "level": {"zh": "学段", "en": "level"},
    "part": {"zh": "部分", "en": "part"},
    "name": {"zh": "名称", "en": "name"},
    "type": {"zh": "类型", "en": "type"},
    "location": {"zh": "城乡", "en": "location"},
    "reason": {"zh": "原因", "en": "reason"},
    "schools_n": {"zh": "学校数", "en": "schools"},
    "summary": {"zh": "汇总", "en": "Summary"},
    "indicators": {"zh": "指标", "en": "Indicators"},
    "left_out_sheet": {"zh": "未纳入", "en": "Left out"},
    "overview": {"zh": "各县结论", "en": "Verdicts of the counties"},
    "index": {"zh": "目录", "en": "Index"},
    "digest": {"zh": "摘要值", "en": "digest"},
    "report_of": {"zh": "{county} 评估报告", "en": "Report for {county}"},
    "no_rules": {
        "zh": "本标准未含此部分的规则（如省定标准，需用省级规则集评估）",
        "en": "this standard holds no rules for this part (e.g. a province's own standard)",
    },
    "summary_counts": {
        "zh": "共 {total} 个县：{passed} 个达标，{failed} 个未达标，{open} 个未评估",
        "en": "Counties: {total} ({passed} passed, {failed} failed, {open} not assessed)",
    },
    # comparisons and misses
    "at_least": {"zh": "≥", "en": "≥"},
    "at_most": {"zh": "≤", "en": "≤"},
    "miss": {
        "zh": "{indicator} {value}{unit}，标准 {cmp} {threshold}，差 {shortfall}{unit}",
        "en": "{indicator} {value}{unit}, standard {cmp} {threshold}, short by {shortfall}{unit}",
    },
    "miss_over": {
        "zh": "{indicator} {value}{unit}，标准 {cmp} {threshold}，超出 {shortfall}{unit}",
        "en": "{indicator} {value}{unit}, standard {cmp} {threshold}, over by {shortfall}{unit}",
    },
    "miss_floor": {"zh": "，且低于下限 {floor}{unit}", "en": ", and below the floor {floor}{unit}"},
    # an at-most item's floor is the most it may be (threshold ÷ floor)
    "miss_floor_over": {
        "zh": "，且超过下限容许的 {floor}{unit}",
        "en": ", and over the floor's limit {floor}{unit}",
    },
    "tolerated": {
        "zh": "容许的未达标项：{misses}（达标 {met} 项，其余不低于标准的 {floor}%）",
        "en": "tolerated miss: {misses} (met {met}, the rest at least {floor} % of the standard)",
    },
    "tolerated_no_floor": {
        "zh": "容许的未达标项：{misses}（达标 {met} 项）",
        "en": "tolerated miss: {misses} (met {met})",
    },
    "tolerated_short": {"zh": "容许", "en": "tolerated"},
    "passes_with_tolerated": {
        "zh": "达标（含容许的未达标项）",
        "en": "passes with a tolerated miss",
    },
    # why a part fails or is open
    "schools_fail": {
        "zh": "{total} 所学校中 {failed} 所未达标",
        "en": "{failed} of {total} schools fail",
    },
    "schools_undecided": {
        "zh": "{n} 所学校无法判定",
        "en": "{n} schools cannot be decided",
    },
    "cv_over": {
        "zh": "{level}差异系数超标：{items}",
        "en": "{level} CV above the threshold: {items}",
    },
    "cv_over_item": {
        "zh": "{name} {cv}（标准 ≤ {threshold}）",
        "en": "{name} {cv} (≤ {threshold})",
    },
    "cv_undecided": {"zh": "{level}差异系数无法计算", "en": "{level} CV undefined"},
    "input_fail": {
        "zh": "{input}：{value}{unit}，标准 {cmp} {threshold}{unit}",
        "en": "{input}: {value}{unit}, standard {cmp} {threshold}{unit}",
    },
    "evidence_fail": {"zh": "{input}：未达到", "en": "{input}: not shown"},
    "veto_fail": {"zh": "{input}（一票否决）", "en": "{input} (veto)"},
    "columns_missing": {
        "zh": "{rule}未评估：数据缺少“{columns}”",
        "en": "{rule} not assessed: the data lack {columns}",
    },
    "rule_failed": {"zh": "{rule}未达标", "en": "{rule} failed"},
    "rule_open": {"zh": "{rule}未评估", "en": "{rule} not assessed"},
    "rule_k_of_n": {
        "zh": "学校{n}项指标（至少{k}项达标）",
        "en": "the {n} school indicators (at least {k} met)",
    },
    "rule_unnamed": {"zh": "一项规则", "en": "a rule"},
    "list_sep": {"zh": "、", "en": ", "},
    "clause_sep": {"zh": "；", "en": "; "},
    "colon": {"zh": "：", "en": ": "},
    # where a county input came from (its provenance, report/provenance.py)
    "prov.roster_head": {"zh": "专任教师：{n} 人", "en": "teachers: {n}"},
    "prov.sources": {"zh": "县级数据来源", "en": "county input sources"},
    "prov.social_recognition": {"zh": "社会认可度", "en": "social recognition"},
    "prov.no_rate": {"zh": "社会认可度：无有效问卷", "en": "social recognition: no valid answer"},
    # the survey command's lines (records/command.py)
    "survey.invalid": {"zh": "无效问卷 {n} 份", "en": "{n} invalid responses"},
    "survey.group": {"zh": "  {group}：{pct} %（{n} 份中 {sat} 份满意）",
                     "en": "  {group}: {pct} % ({sat} of {n} satisfied)"},
    "survey.min_valid": {"zh": "  有效问卷不少于 {n} 份：{mark}",
                         "en": "  at least {n} valid responses: {mark}"},
    "survey.min_share": {"zh": "  {group}占有效问卷不少于 {share} %：{mark}",
                         "en": "  {group} at least {share} % of valid responses: {mark}"},
    "survey.met": {"zh": "符合", "en": "met"},
    "survey.not_met": {"zh": "不符合", "en": "not met"},
    "prov.value": {"zh": "{name} {value}{unit}", "en": "{name} {value}{unit}"},
    "prov.interval": {
        "zh": "{name} {value}{unit}（{level} % 置信区间 {low}–{high}）",
        "en": "{name} {value}{unit} ({level} % CI {low}–{high})",
    },
    "prov.interval_design": {
        "zh": "{name} {value}{unit}（{level} % 置信区间 {low}–{high}，按分层权重）",
        "en": "{name} {value}{unit} ({level} % CI {low}–{high}, stratified by weights)",
    },
    "prov.count": {
        "zh": "{name} {value}{unit}（{den} 人中 {num} 人）",
        "en": "{name} {value}{unit} ({num} of {den})",
    },
    "prov.gap": {
        "zh": "{name} {value}（{method}，定义未经官方文本核实）",
        "en": "{name} {value} ({method}; definition not verified against an official text)",
    },
    "prov.icc": {
        "zh": "校间方差占比（组内相关系数）",
        "en": "between-school share of the variance (intraclass correlation)",
    },
    "prov.cv_of_means": {"zh": "校均分差异系数", "en": "CV of the school means"},
    "prov.from_survey": {"zh": "，来自 {n} 份有效问卷", "en": ", from {n} valid responses"},
    "prov.from_roster": {
        "zh": "，来自教师名册（{n} 名教师）",
        "en": ", from the teacher roster ({n} teachers)",
    },
    "prov.from_scores": {
        "zh": "，来自 {n} 名学生的成绩",
        "en": ", from the scores of {n} students",
    },
    "prov.from_form": {"zh": "，来自统计报表", "en": ", from the statistics forms"},
    "prov.from_given": {"zh": "，由县填报", "en": ", as given by the county"},
    "prov.invalid": {"zh": "无效问卷 {n} 份", "en": "{n} invalid"},
    "prov.dont_know_exclude": {
        "zh": "“不了解” {n} 份未计入",
        "en": "{n} don't know left out",
    },
    "prov.dont_know_unsatisfied": {
        "zh": "“不了解” {n} 份计为不满意",
        "en": "{n} don't know counted as not satisfied",
    },
    "prov.scheme": {"zh": "方案 {scheme}", "en": "scheme {scheme}"},
    "prov.extra": {"zh": "（{items}）", "en": " ({items})"},
    # CVs that cannot be computed (reason texts of the evaluation)
    "cv.no_value": {"zh": "没有学校有此数值", "en": "no school has a value"},
    "cv.zero_mean": {"zh": "加权均值为 0，无法计算", "en": "the weighted mean is 0"},
    "cv.negative_mean": {"zh": "加权均值为负，无法计算", "en": "the weighted mean is negative"},
    "cv.too_few_units": {"zh": "学校太少", "en": "too few schools"},
    # schools left out (reason codes of sections.py)
    "ex.private_out_of_scope": {
        "zh": "民办学校，不在评估范围",
        "en": "private school, out of scope",
    },
    "ex.special_out_of_scope": {
        "zh": "特殊教育学校，不在评估范围",
        "en": "special-education school, out of scope",
    },
    "ex.split_disabled": {
        "zh": "含多个学段的学校，且未拆分学段",
        "en": "combined school with several sections and the split disabled",
    },
    "ex.teaching_point_excluded": {
        "zh": "教学点，按规则不纳入",
        "en": "teaching point, excluded by the standard",
    },
    "ex.teaching_point_too_small": {
        "zh": "学生不足 {n} 人的教学点",
        "en": "teaching point under {n} students",
    },
    "ex.teaching_point_without_parent": {
        "zh": "教学点未填写所属学校",
        "en": "teaching point without its parent school",
    },
    "ex.parent_not_found": {
        "zh": "所属学校 {parent} 不在同一县、同一学年",
        "en": "parent school {parent} not found in the same county and year",
    },
    "ex.parent_out_of_scope": {
        "zh": "所属学校 {parent} 不在评估范围",
        "en": "parent school {parent} is out of scope",
    },
    "ex.parent_without_primary": {
        "zh": "所属学校 {parent} 没有小学学段",
        "en": "parent school {parent} has no primary section",
    },
    "ex.no_students": {"zh": "该学段没有在校生", "en": "no students in this level"},
    "ex.teaching_point_merged": {
        "zh": "教学点并入所属学校 {parent} 计算（{n} 名学生）",
        "en": "teaching point counted with its parent school {parent} ({n} students)",
    },
    "ex.unknown": {"zh": "未纳入（代码 {code}）", "en": "left out (code {code})"},
    # warnings (defect codes)
    "w.rule_not_assessed": {
        "zh": "数据缺少“{columns}”，{rule}未评估",
        "en": "the data lack {columns}: {rule} not assessed",
    },
    "w.generic": {
        "zh": "数据提示（代码 {code}）{where}",
        "en": "data note (code {code}){where}",
    },
    "w.where_school": {"zh": "：学校 {school}", "en": ": school {school}"},
    "w.where_column": {"zh": "，列“{column}”", "en": ", column {column}"},
    "w.where_value": {"zh": "，值 {value}", "en": ", value {value}"},
    "w.where_row": {"zh": "，第{row}行", "en": ", row {row}"},
    # defects and warnings of the data (report/defect_text.py): the place, then the body
    # "d.<code>" (a variant "d.<code>.<variant>"), built from the defect's fields
    "dp.error": {"zh": "错误：", "en": "error: "},
    "dp.warning": {"zh": "警告：", "en": "warning: "},
    "dp.file": {"zh": "{file}：", "en": "{file}: "},
    "dp.file_sheet": {"zh": "{file}（工作表 {sheet}）：", "en": "{file}, sheet {sheet}: "},
    "dp.row": {"zh": "第 {row} 行", "en": "row {row}"},
    # a record or DataFrame row: its position counts from 0, people count from 1
    "dp.record": {"zh": "第 {n} 条记录（位置 {row}）", "en": "record {n} (position {row})"},
    "dp.record_school": {"zh": "第 {n} 条记录（位置 {row}，学校 {school}）",
                         "en": "record {n} (position {row}, school {school})"},
    "dp.school": {"zh": "（学校 {school}）", "en": " (school {school})"},
    "dp.column": {"zh": "“{column}”", "en": "column {column}"},
    "dp.sep": {"zh": "", "en": ", "},
    "dp.colon": {"zh": "：", "en": ": "},
    "dp.refused": {
        "zh": "{file}：{n} 个错误，数据未被接受",
        "en": "{file}: {n} error(s); the data were refused",
    },
    "dp.hint": {"zh": "；是否应为“{suggestion}”？", "en": "; did you mean {suggestion}?"},
    "dp.looked": {
        "zh": "；查找表头时看过的行：{rows}",
        "en": "; rows looked at for the header: {rows}",
    },
    "dp.looked_row": {"zh": "第 {row} 行：{cells}", "en": "row {row}: {cells}"},
    "dp.quoted": {"zh": "“{text}”", "en": "{text!r}"},
    "dp.skipped": {"zh": "第 {row} 行：“{text}”", "en": "row {row}: {text!r}"},
    "d.no_rows": {"zh": "没有学校数据行", "en": "no school rows"},
    "d.missing_column": {
        "zh": "缺少必需的列“{column_zh}”（{column_id}）{looked}",
        "en": "required column {column_id} ({column_zh}) is missing{looked}",
    },
    "d.duplicate_column": {
        "zh": "{first_at} 列（“{first_header}”）与 {at} 列（“{header}”）都表示“{column}”，"
        "请删除或改名其中一列",
        "en": "column {first_at} ({first_header!r}) and column {at} ({header!r}) both mean "
        "column {column}: remove or rename one",
    },
    "d.duplicate_column.same_header": {
        "zh": "{first_at} 列与 {at} 列的表头相同（“{header}”），请删除或改名其中一列",
        "en": "column {first_at} and column {at} have the same header ({header!r}): "
        "remove or rename one",
    },
    "d.conflicting_columns": {
        "zh": "{value} 与“{other_column}”不一致",
        "en": "{value} disagrees with {other_column}",
    },
    "d.conflicting_columns.wan": {
        "zh": "{value} 万元与“{other_column}”不一致",
        "en": "{value} 万元 disagrees with {other_column}",
    },
    "d.unknown_column": {
        "zh": "{at} 列的表头“{header}”无法识别，已作为附加列保留{hint}",
        "en": "column {at}: unknown header {header!r}, kept as an extra column{hint}",
    },
    "d.unknown_column.strict": {
        "zh": "{at} 列的表头“{header}”无法识别（严格模式不接受未知表头）{hint}",
        "en": "column {at}: unknown header {header!r} (strict: unknown headers are "
        "refused){hint}",
    },
    "d.unnamed_column": {
        "zh": "{at} 列没有表头，但有 {filled} 行填了值（首个在第 {first_row} 行：“{value}”）；"
        "该列未读取，请为它加上表头",
        "en": "column {at}: no header, but values in {filled} row(s) (first: row "
        "{first_row}, {value!r}); not read: give the column a header",
    },
    "d.title_rows_skipped": {
        "zh": "表头在第 {header_row} 行，其上的行已跳过（{skipped}）；"
        "如需另选表头行，请用 --header-row",
        "en": "the header is row {header_row}; the rows above it were skipped ({skipped}); "
        "pass header_row= (--header-row) to choose another",
    },
    "d.short_row": {
        "zh": "只有 {cells} 个单元格，而表头有 {width} 列；缺少的单元格按空白读取",
        "en": "{cells} cells but the header has {width}; the missing cells are read as empty",
    },
    "d.multiline_cell": {
        "zh": "{at} 列（“{header}”）有一个带引号的单元格跨越第 {start}–{end} 行；"
        "请检查是否有引号把几行连在了一起",
        "en": "column {at} ({header!r}): a quoted cell spans lines {start}–{end}; check "
        "that a quote does not join rows",
    },
    "d.cells_outside_header": {
        "zh": "工作表已用到 {used} 列，但表头止于 {last} 列；其右侧的单元格未读取",
        "en": "the sheet's used range reaches column {used}, but the header ends at column "
        "{last}; cells right of it are not read",
    },
    "d.formula_without_value": {
        "zh": "单元格 {cell} 是公式（{value}），但没有保存计算结果；"
        "请用电子表格软件打开工作簿并保存，以存下数值",
        "en": "cell {cell}: a formula ({value}) without a saved value; open the workbook in "
        "Excel (or LibreOffice) and save it, so the values are stored",
    },
    "d.merged_cells": {
        "zh": "单元格 {value} 跨数据行合并，只有第一格有值，其余会读作空白；"
        "请取消合并并逐格填写",
        "en": "cells {value} are merged over data rows; only the first holds a value and "
        "the others would read as blank: unmerge them and fill every cell",
    },
    "d.total_row": {
        "zh": "“{mark_column}”为“{value}”：这是合计行，不是学校；请删除（合计由各校数据算出）",
        "en": "{value!r} in column {mark_column}: a row of totals, not a school; remove it "
        "(totals are computed from the schools)",
    },
    "d.not_a_number": {"zh": "“{value}”不是数字", "en": "{value!r} is not a number"},
    "d.not_a_number.decimal_comma": {
        "zh": "“{value}”不是数字（是否用了小数逗号？一点五应写作 1.5；千位按三位分隔，如 1,234）",
        "en": "{value!r} is not a number (a decimal comma? write 1.5 for one and a half; "
        "thousands are grouped by three, as in 1,234)",
    },
    "d.not_a_boolean": {
        "zh": "“{value}”不是“是/否”（可填 是/否 或 1/0）",
        "en": "{value!r} is not yes/no (是/否, 1/0)",
    },
    "d.not_a_scalar": {
        "zh": "应为单个值，却是一个 {kind}",
        "en": "expected one value, got a {kind}",
    },
    "d.not_exact": {
        "zh": "{value} 过大，无法精确读取",
        "en": "{value} is too large to be read exactly",
    },
    "d.not_finite": {"zh": "须为有限数，填的是 {value}", "en": "must be finite, got {value}"},
    "d.not_finite.wan": {
        "zh": "{value} 万元过大，无法换算为元",
        "en": "{value} 万元 is too large to convert to 元",
    },
    "d.not_whole": {
        "zh": "须为整数，填的是 {value}",
        "en": "must be a whole number, got {value}",
    },
    "d.negative_value": {"zh": "不能为负数，填的是 {value}", "en": "must be >= 0, got {value}"},
    "d.implausible_magnitude": {
        "zh": "{value} m² 折合每名学生 {per} m²，请核对",
        "en": "{value} m² is {per} m² per student",
    },
    "d.implausible_magnitude.equipment_high": {
        "zh": "教学仪器设备资产值 {value} 元，折合每名学生 {per} 元：是否把万元数填成了元？",
        "en": "equipment value {value} yuan is {per} yuan per student: were 万元 entered "
        "as 元?",
    },
    "d.implausible_magnitude.equipment_low": {
        "zh": "教学仪器设备资产值 {value} 元，折合每名学生仅 {per} 元：是否在以元为单位的表头下"
        "填了万元数？（以万元填报请用表头“教学仪器设备资产值(万元)”）",
        "en": "equipment value {value} yuan is {per} yuan per student: were 万元 figures "
        "entered under a 元 header? (a 万元 column is read with the header "
        "教学仪器设备资产值(万元))",
    },
    "d.implausible_year": {
        "zh": "须为 {low} 至 {high} 年之间的年份，填的是 {value}",
        "en": "must be a year from {low} to {high}, got {value}",
    },
    "d.unknown_school_type": {
        "zh": "“{value}”不是可用的学校类型；可填：{allowed}",
        "en": "unknown value {value!r}; expected one of {allowed}",
    },
    "d.unknown_ownership": {
        "zh": "“{value}”不是可用的办学性质；可填：{allowed}",
        "en": "unknown value {value!r}; expected one of {allowed}",
    },
    "d.unknown_location": {
        "zh": "“{value}”不是可用的城乡类型；可填：{allowed}",
        "en": "unknown value {value!r}; expected one of {allowed}",
    },
    "d.missing_school_id": {"zh": "未填写", "en": "empty: every school needs its id"},
    "d.missing_school_type": {
        "zh": "未填写：每所学校都须填写学校类型（小学、初中……）",
        "en": "empty: every school needs its type (小学, 初中, …)",
    },
    "d.duplicate_school_id": {
        "zh": "“{value}”重复（区县 {county}，学年 {year}），首次出现在第 {first_row} 行",
        "en": "{value!r} is given twice in county {county}, year {year}: first at row "
        "{first_row}",
    },
    "d.subset_exceeds_total": {
        "zh": "{value} 超过“{total_column}”（{total}）",
        "en": "{value} exceeds {total_column} ({total})",
    },
    "d.subset_exceeds_total.includes": {
        "zh": "{value} 超过包含它的“{total_column}”（{total}）",
        "en": "{value} exceeds {total_column} ({total}), which includes it",
    },
    "d.section_not_in_type": {
        "zh": "{type}没有{section}学段，却填了 {value} 名学生",
        "en": "a {type} school has no {section} section, got {value} students",
    },
    "d.students_without_teachers": {
        "zh": "有{level}学生 {students} 人，但没有{level}专任教师",
        "en": "{students} {level} students but no {level} teachers",
    },
    "d.teachers_without_students": {
        "zh": "有{level}专任教师 {teachers} 人，但没有{level}学生",
        "en": "{teachers} {level} teachers but no {level} students",
    },
    "d.teachers_need_section": {
        "zh": "含多个学段的学校须按学段填写教师数（“{primary_column}”“{junior_column}”），"
        "却填了不分学段的 {value}",
        "en": "a school with several sections must give teachers by section "
        "({primary_column}, {junior_column}), got {value} unsuffixed",
    },
    "d.unknown_input": {
        "zh": "区县 {county}：县级数据 {input} 未被 {rule_set} 使用，已忽略",
        "en": "county {county}, input {input}: not used by {rule_set}; ignored",
    },
    "d.looks_like_fraction": {
        "zh": "区县 {county}：县级数据 {input} 为 {value}，像是小数；百分比应填 0–100",
        "en": "county {county}, input {input}: {value} looks like a fraction; percentages "
        "are written 0–100",
    },
    "d.rule_not_assessed": {
        "zh": "数据缺少“{columns}”，{rule}未评估",
        "en": "{rule}: not assessed, the data lack column(s) {columns}",
    },
    "d.flag_not_applied": {
        "zh": "选项 {flag} 已开启，但数据缺少它所需的列“{columns}”，不改变任何结论",
        "en": "flag {flag} is on but the data lack its column(s) {columns}: it changes no "
        "verdict",
    },
    "d.flag_not_applied.pending": {
        "zh": "选项 {flag} 已开启但未生效：其评估方法尚待实现，不改变任何结论",
        "en": "flag {flag} is on but not applied: its evaluator is pending, so it changes "
        "no verdict",
    },
    # errors of a whole file (DataError.message_code), "e.<code>"
    "e.no_such_file": {"zh": "{file}：文件不存在", "en": "{file}: no such file"},
    "e.a_directory": {
        "zh": "{file}：这是文件夹，不是学校数据文件",
        "en": "{file}: a directory, not a file of schools",
    },
    "e.unsupported_type": {
        "zh": "{file}：不支持的文件类型 {suffix}（可用 csv、xlsx、json）",
        "en": "{file}: unsupported file type {suffix!r} (csv, xlsx, json)",
    },
    "e.empty_file": {
        "zh": "{file}：文件是空的（没有表头，也没有数据行）",
        "en": "{file}: the file is empty (no header, no rows)",
    },
    "e.not_decodable": {
        "zh": "{file}：既不是 UTF-8 也不是 GBK 编码；请用 --encoding 指定编码",
        "en": "{file}: neither UTF-8 nor GBK; pass encoding=",
    },
    "e.unbalanced_quote": {
        "zh": "{file}：第 {row} 行有一个未闭合的引号（\"），会吞掉其后的各行；请补全或删除它",
        "en": "{file}, row {row}: an unbalanced quote (\") here would swallow the rows after "
        "it; close or remove it",
    },
    "e.empty_sheet": {
        "zh": "{file}（工作表 {sheet}）：工作表是空的",
        "en": "{file}, sheet {sheet}: the sheet is empty",
    },
    "e.old_xls": {
        "zh": "{file}：这是旧版 Excel 97–2003（.xls）工作簿；请在 Excel 中另存为 .xlsx",
        "en": "{file}: an old Excel 97–2003 (.xls) workbook; save it as .xlsx in Excel",
    },
    "e.no_sheet": {
        "zh": "{file}：没有名为“{sheet}”的工作表；现有工作表：{sheets}",
        "en": "{file}: no sheet {sheet!r}; sheets: {sheets}",
    },
    "dp.unknown": {"zh": "数据提示（代码 {code}）", "en": "data note (code {code})"},
    # plots
    "plot.school_axis": {"zh": "学校（按数值排序）", "en": "schools (sorted by value)"},
    "plot.cvs": {"zh": "各指标差异系数与标准", "en": "Coefficients of variation and thresholds"},
    "plot.lorenz": {"zh": "洛伦兹曲线", "en": "Lorenz curve"},
    "plot.population": {"zh": "学生累计占比", "en": "cumulative share of pupils"},
    "plot.share": {"zh": "资源累计占比", "en": "cumulative share of the resource"},
    "plot.equality": {"zh": "完全均衡", "en": "equality"},
    "plot.met": {"zh": "达标", "en": "meets the standard"},
    "plot.missed": {"zh": "未达标", "en": "misses the standard"},
    "plot.trend": {"zh": "差异系数变化", "en": "CV over the years"},
    "plot.no_cjk_font": {
        "zh": "matplotlib 未找到中文字体，图中中文可能显示为方框；请安装 Noto Sans CJK 或文泉驿字体"
        "（SVG 报告不受影响：文字以文本保存）。",
        "en": "matplotlib found no Chinese font: Chinese text in figures may show as boxes; "
        "install Noto Sans CJK or WenQuanYi (SVG output is unaffected: text stays text).",
    },
    # school types and locations
    "type.primary": {"zh": "小学", "en": "primary school"},
    "type.junior": {"zh": "初中", "en": "junior secondary school"},
    "type.nine_year": {"zh": "九年一贯制学校", "en": "nine-year school"},
    "type.twelve_year": {"zh": "十二年一贯制学校", "en": "twelve-year school"},
    "type.complete_secondary": {"zh": "完全中学", "en": "complete secondary school"},
    "type.teaching_point": {"zh": "教学点", "en": "teaching point"},
    "type.special": {"zh": "特殊教育学校", "en": "special-education school"},
    "loc.urban": {"zh": "城区", "en": "urban"},
    "loc.town": {"zh": "镇区", "en": "town"},
    "loc.rural": {"zh": "乡村", "en": "rural"},
    # monitoring (eduequity.monitor)
    "mon.title": {"zh": "均衡发展监测", "en": "Balanced-development monitoring"},
    "mon.standard": {"zh": "标准", "en": "Standard"},
    "mon.years": {"zh": "年份", "en": "Years"},
    "mon.counties": {"zh": "县区数", "en": "Counties"},
    "mon.overview": {"zh": "总览（{year}年）", "en": "Overview ({year})"},
    "mon.rank": {"zh": "排名", "en": "Rank"},
    "mon.code": {"zh": "代码", "en": "Code"},
    "mon.county": {"zh": "县区", "en": "County"},
    "mon.verdict": {"zh": "结论", "en": "Verdict"},
    "mon.warning": {"zh": "预警", "en": "Warning"},
    "mon.binding": {"zh": "最紧约束", "en": "Binding constraint"},
    "mon.margin": {"zh": "余量（占阈值）", "en": "Margin (share of threshold)"},
    "mon.failing_sections": {"zh": "未达标学校数", "en": "Failing sections"},
    "mon.since": {"zh": "较上年", "en": "Since last year"},
    "mon.passed": {"zh": "达标", "en": "passes"},
    "mon.failed": {"zh": "未达标", "en": "fails"},
    "mon.undecided": {"zh": "待定", "en": "undecided"},
    "mon.red": {"zh": "红", "en": "red"},
    "mon.amber": {"zh": "黄", "en": "amber"},
    "mon.green": {"zh": "绿", "en": "green"},
    "mon.none": {"zh": "—", "en": "—"},
    "mon.regressed": {"zh": "退步", "en": "regressed"},
    "mon.newly_passing": {"zh": "新达标", "en": "newly passing"},
    "mon.same": {"zh": "不变", "en": "unchanged"},
    "mon.primary": {"zh": "小学", "en": "primary"},
    "mon.junior": {"zh": "初中", "en": "junior"},
    "mon.regressions": {"zh": "退步", "en": "Regressions"},
    "mon.no_regressions": {"zh": "无退步。", "en": "No regressions."},
    "mon.county_regressed": {
        "zh": "{county}：{y0}年达标，{y1}年未达标",
        "en": "{county}: passed in {y0}, fails in {y1}",
    },
    "mon.cv_crossed": {
        "zh": "{county} {level} {indicator}：{y0}年 {v0} 达标，{y1}年 {v1} 超过阈值 {t}",
        "en": "{county} {level} {indicator}: {v0} met in {y0}, {v1} above {t} in {y1}",
    },
    "mon.rollups": {"zh": "区域汇总", "en": "Regional roll-ups"},
    "mon.all": {"zh": "全部", "en": "all"},
    "mon.changes": {"zh": "较上年变化", "en": "Changes since the year before"},
    "mon.moved": {
        "zh": "{county} {level} {indicator}：{y0}年 {v0} → {y1}年 {v1}（{direction}）",
        "en": "{county} {level} {indicator}: {v0} in {y0} → {v1} in {y1} ({direction})",
    },
    "mon.rose": {"zh": "上升", "en": "rose"},
    "mon.fell": {"zh": "下降", "en": "fell"},
    "mon.unchanged_count": {
        "zh": "其余 {n} 项变化在容差内，视为不变。",
        "en": "The other {n} changes are within the tolerance: no change.",
    },
    "mon.region": {"zh": "区域", "en": "Region"},
    "mon.year": {"zh": "年份", "en": "Year"},
    "mon.n_passed": {"zh": "达标县数", "en": "Passing"},
    "mon.pupils_passing": {"zh": "达标县学生占比", "en": "Pupils in passing counties"},
    "mon.warnings": {"zh": "红/黄/绿", "en": "Red/amber/green"},
    "mon.analysis": {"zh": "县际与县内差异（分析，非官方规则）",
                 "en": "Between and within counties (an analysis, not an official rule)"},
    "mon.level": {"zh": "学段", "en": "Level"},
    "mon.indicator": {"zh": "指标", "en": "Indicator"},
    "mon.pooled_cv": {"zh": "合并差异系数", "en": "Pooled CV"},
    "mon.between_share": {"zh": "县际占比（泰尔T）", "en": "Between share (Theil T)"},
    "mon.cv_means": {"zh": "县际差异系数", "en": "CV of county means"},
    "mon.heatmap": {"zh": "各指标余量", "en": "Margins by indicator"},
    "mon.notes": {"zh": "说明", "en": "Notes"},
    "mon.bands_note": {
        "zh": "预警：红＝未达标；黄＝达标但余量不足阈值的{amber}；绿＝其余。"
              "变化小于{noise}或保留{decimals}位小数相同视为不变。",
        "en": "Warnings: red = fails; amber = passes with a margin under {amber} of the "
              "threshold; green = the rest. A change below {noise}, or equal at {decimals} "
              "decimals, is no change.",
    },
    # the command line's own words (validate, summary, plan, whatif, trend, audit)
    "cli.valid": {
        "zh": '{source}: 有效，{schools} 所学校，{warnings} 条警告',
        "en": '{source}: valid, {schools} schools, {warnings} warning(s)',
    },
    "cli.summary_head": {
        "zh": '{source}: {schools} 所学校，{counties} 个县·学年',
        "en": '{source}: {schools} schools in {counties} county-year(s)',
    },
    "cli.summary_county": {
        "zh": '  县 {code}（{name}），学年 {year}：{schools} 所学校',
        "en": '  county {code} ({name}), year {year}: {schools} schools',
    },
    "cli.by_type": {"zh": '  按类型：{types}', "en": '  by type: {types}'},
    "cli.sections": {
        "zh": '  {level}学段：{count} 个，学生 {students:.0f} 人',
        "en": '  {level} sections: {count} with {students:.0f} students',
    },
    "cli.excluded": {
        "zh": '  未纳入 {school}（{level}）：{reason}',
        "en": '  excluded {school} ({level}): {reason}',
    },
    "cli.merged": {
        "zh": '  {school} 并入 {parent}（学生 {students} 人）',
        "en": '  merged {school} into {parent} ({students} students)',
    },
    "cli.plan_head": {"zh": '方案：{standard}', "en": 'plan for {standard}'},
    "cli.plan_county": {
        "zh": '县 {code}（{year}）：{cost:,.0f} 元；资源配置 调整前 {before}，调整后 {after}',
        "en": "county {code} ({year}): {cost:,.0f} yuan; "
        "resource part before {before}, after {after}",
    },
    "cli.plan_addition": {
        "zh": '  {school} {column}：{amount:+,.2f} {unit}（{cost:,.0f} 元）',
        "en": '  {school} {column}: {amount:+,.2f} {unit} ({cost:,.0f} yuan)',
    },
    "cli.plan_table": {
        "zh": '| 学校 | 学段 | 项目 | 数量 | 费用（元） |',
        "en": '| school | level | column | amount | cost (yuan) |',
    },
    "cli.plan_note": {"zh": '  说明：{note}', "en": '  note: {note}'},
    "cli.plan_total": {"zh": '合计：{total:,.0f} 元', "en": 'total: {total:,.0f} yuan'},
    "cli.whatif_county": {
        "zh": '县 {code}（{year}）：{before} → {after}',
        "en": 'county {code} ({year}): {before} -> {after}',
    },
    "cli.whatif_cv": {
        "zh": '  差异系数 {level} {indicator}：{before} → {after}',
        "en": '  CV {level} {indicator}: {before} -> {after}',
    },
    "cli.whatif_school": {
        "zh": '  学校 {school}（{level}）：{state}',
        "en": '  school {school} ({level}): {state}',
    },
    "cli.closed": {"zh": '已撤销', "en": 'closed'},
    "cli.no_trend": {
        "zh": '没有一个县有两个或更多学年的数据',
        "en": 'no county has two years or more',
    },
    "cli.trend_line": {
        "zh": '县 {code} {level} {indicator}：{cvs}{tail}',
        "en": '{code} {level} {indicator}: {cvs}{tail}',
    },
    "cli.trend_tail": {
        "zh": '；按此速度还需 {years:g} 年达标',
        "en": '; years to target {years:g}',
    },
    "cli.cv_rose": {
        "zh": '  退步 {year}：差异系数由 {before:.3f} 升至 {after:.3f}',
        "en": '  regression {year}: CV rose from {before:.3f} to {after:.3f}',
    },
    "cli.meeting_fell": {
        "zh": '  退步 {year}：达标学校由 {before} 所减至 {after} 所',
        "en": '  regression {year}: schools meeting the standard fell from {before} to {after}',
    },
    "cli.audit_clean": {"zh": '{source}: 未发现问题', "en": '{source}: clean'},
    "cli.audit_findings": {"zh": '{source}: {n} 个问题', "en": '{source}: {n} finding(s)'},
    "cli.defect_file": {"zh": '{file}：', "en": '{file}: '},
    "cli.defect_row": {"zh": '第{row}行，', "en": 'row {row}, '},
    "cli.defect_school": {"zh": '学校 {school}，', "en": 'school {school}, '},
    "cli.defect_column": {"zh": '列 {column}，', "en": 'column {column}, '},
    "cli.defect_value": {"zh": '值 {value!r}，', "en": 'value {value!r}, '},
    "cli.passed": {"zh": '达标', "en": 'passed'},
    "cli.failed": {"zh": '未达标', "en": 'failed'},
    "cli.not_assessed": {"zh": '未评估', "en": 'not assessed'},
    "cli.primary": {"zh": '小学', "en": 'primary'},
    "cli.junior": {"zh": '初中', "en": 'junior'},
    "cli.all": {"zh": '全校', "en": 'whole school'},
    "cli.wrote": {"zh": "已写出 {target}", "en": "wrote {target}"},
    "cli.one_page_of_many": {
        "zh": "{target} 一页包含 {n} 个县（学年），共 {mb} MB，浏览器打开会很慢；"
        "--split 另写一个索引页，每县一页",
        "en": "{target} holds {n} county-years in one page ({mb} MB), slow to open in a "
        "browser; --split writes an index and one page per county",
    },
    **ERRORS,  # what the commands say of options, rule-set files and county inputs
    **RECORD_ERRORS,  # values of record files, the service's requests
}

# Units as the rule sets write them (Chinese or symbols) and their English words.
_UNITS_EN = {
    "元": "yuan",
    "万元": "10k yuan",
    "册": "books",
    "台": "computers",
    "间": "rooms",
    "人": "",  # teachers per 100 pupils, pupils per class: the name says who
    "个": "",
    "人/台": "pupils per computer",
    "points": "points",
}
_UNITS_ZH = {"points": "分"}


def check_lang(lang: str) -> str:
    """``lang`` if it is ``zh`` or ``en``; else a :class:`~eduequity.errors.ConfigurationError`.

    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        from eduequity.errors import ConfigurationError

        raise ConfigurationError(f"lang: expected 'zh' or 'en', got {lang!r}")
    return lang


def text(message_id: str, lang: str, **fields: Any) -> str:
    """The message ``message_id`` in ``lang`` with its fields filled in."""
    return MESSAGES[message_id][check_lang(lang)].format(**fields)


def labels(lang: str) -> dict[str, str]:
    """Every message of the catalogue in ``lang`` (unformatted), by id.

    >>> labels("en")["verdict"]
    'verdict'
    """
    check_lang(lang)
    return {k: v[lang] for k, v in MESSAGES.items()}


def unit(symbol: str, lang: str) -> str:
    """A unit in the report's language: symbols (m², %, h) stay, words are translated.

    >>> unit("元", "en"), unit("元", "zh"), unit("m²", "en")
    ('yuan', '元', 'm²')
    """
    if check_lang(lang) == "zh":
        return _UNITS_ZH.get(symbol, symbol)
    return _UNITS_EN.get(symbol, symbol)
