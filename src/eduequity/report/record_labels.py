"""The value-level errors of record files (surveys, rosters, scores) and of the service's
requests: the part of the catalogue (:data:`eduequity.report.labels.MESSAGES`) they are
said from.

A record's place is a phrase of its own (``e.rec.at.*``: a file's row, an in-memory
record by its ordinal and position, a school, a teacher) that the sentences take as
``{place}``; a column is named by the file's header in Chinese (``{header}``), by its id in
English (``{column}``), as the English messages always did.
"""

from __future__ import annotations

__all__ = ["RECORD_ERRORS"]

RECORD_ERRORS: dict[str, dict[str, str]] = {
    # where a value is
    "e.rec.at.file": {"zh": "{file}", "en": "{file}"},
    "e.rec.at.row": {"zh": "{file}：第 {row} 行", "en": "{file}, row {row}"},
    "e.rec.at.record": {"zh": "{file}：第 {n} 条记录（位置 {row}）", "en": "{file}, row {row}"},
    "e.rec.at.school": {"zh": "{file}：学校 {school}", "en": "{file}, school {school}"},
    "e.rec.at.school_subject": {
        "zh": "{file}：学校 {school}，科目 {subject}",
        "en": "{file}, school {school}, subject {subject}",
    },
    "e.rec.at.teacher": {"zh": "{file}：教师 {teacher}", "en": "{file}, teacher {teacher}"},
    "e.rec.at.stratum": {"zh": "{file}：层 {stratum}", "en": "{file}, stratum {stratum!r}"},
    # what is wrong with it
    "e.rec_not_a_number": {
        "zh": "{place}，“{header}”：应填数字，填的是“{value}”",
        "en": "{place}, column {column}: not a number, got {value!r}",
    },
    "e.rec_not_finite": {
        "zh": "{place}，“{header}”：应为不小于 0 的有限数，填的是“{value}”",
        "en": "{place}, column {column}: must be finite and ≥ 0, got {value!r}",
    },
    "e.rec_negative": {
        "zh": "{place}，“{header}”：不能为负数，填的是“{value}”",
        "en": "{place}, column {column}: must be ≥ 0, got {value!r}",
    },
    "e.rec_level": {
        "zh": "{place}，“{header}”：应为 Ⅰ–Ⅳ 之一，填的是“{value}”",
        "en": "{place}, column {column}: must be Ⅰ–Ⅳ, got {value!r}",
    },
    "e.rec_yes_no": {
        "zh": "{place}，“{header}”：应填“是”或“否”，填的是“{value}”",
        "en": "{place}, column {column}: must be 是 or 否, got {value!r}",
    },
    "e.rec_weight_missing": {
        "zh": "{place}，“{header}”：缺少权重",
        "en": "{place}, column {column}: a weight is missing",
    },
    "e.rec_two_weights": {
        "zh": "{place}，“{header}”：层“{stratum}”有两个权重 {first} 和 {second}；"
        "每层只能有一个权重",
        "en": "{place}, column {column}: stratum {stratum!r} has weights {first} and {second}; "
        "give each stratum one weight",
    },
    "e.rec_needs_score": {
        "zh": "{file}：须有成绩列或等级列",
        "en": "{file}: needs a score or a level column",
    },
    "e.rec_stratum_needs_weight": {
        "zh": "{file}：有分层列就须有权重列（各层占总体的比例）",
        "en": "{file}: a stratum column needs a weight column (each stratum's share of the "
        "population)",
    },
    "e.rec_needs_rotated": {
        "zh": "{file}：须有是否交流轮岗列，或两个学年的任职学校列（school_年份）",
        "en": "{file}: needs a rotated column or two school_YYYY columns",
    },
    "e.rec_previous_columns": {
        "zh": "{file}：上一年的名册须有教师编号列和学校列",
        "en": "{file}: last year's roster needs teacher_id and school",
    },
    "e.rec_previous_two_schools": {
        "zh": "{file}：上一年的名册给教师 {teacher} 填了两所学校：{first} 和 {second}",
        "en": "{file}, teacher {teacher}: last year's roster gives two schools, {first} and "
        "{second}",
    },
    "e.rec_not_a_mapping": {
        "zh": "{file}：每条记录须为映射（键和值），而这是 {kind}",
        "en": "{file}: a record must be a mapping, got {kind}",
    },
    "e.rec_cannot_read": {
        "zh": "无法从 {kind} 读取记录",
        "en": "cannot read records from {kind}",
    },
    "e.gap_definition": {
        "zh": "校际差异率的定义应为 icc 或 cv_of_means，填的是“{value}”",
        "en": "definition: expected 'icc' or 'cv_of_means', got {value!r}",
    },
}
