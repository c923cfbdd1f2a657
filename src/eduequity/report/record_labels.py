"""The part of the catalogue (:data:`eduequity.report.labels.MESSAGES`) said of the other
inputs a command reads: values of record files (surveys, rosters, scores), the service's
requests, another system's figures (``crosscheck``), a retired rule-set id, and a form's
values once derived.

A record's place is a phrase of its own (``e.rec.at.*``: a file's row, an in-memory
record by its ordinal and position, a school, a teacher) that the sentences take as
``{place}``; a column is named by the file's header in Chinese, by its id in English, as
the English messages always did (a fact given in each language, ``{"zh": …, "en": …}``).
A figure's place is ``e.fig.at.*`` (file, row or record, column). A form's defect with
its numbers is ``form.<code>.<variant>`` (:mod:`eduequity.forms.text`).
"""

from __future__ import annotations

__all__ = ["RECORD_ERRORS"]

RECORD_ERRORS: dict[str, dict[str, str]] = {
    # where a value is
    "e.rec.at.file": {"zh": "{file}", "en": "{file}"},
    "e.rec.at.row": {"zh": "{file}：第 {row} 行", "en": "{file}, row {row}"},
    "e.rec.at.record": {
        "zh": "{file}：第 {n} 条记录（位置 {row}）", "en": "{file}, record {n} (position {row})"
    },
    "e.rec.at.school": {"zh": "{file}：学校 {school}", "en": "{file}, school {school}"},
    "e.rec.at.school_subject": {
        "zh": "{file}：学校 {school}，科目 {subject}",
        "en": "{file}, school {school}, subject {subject}",
    },
    "e.rec.at.teacher": {"zh": "{file}：教师 {teacher}", "en": "{file}, teacher {teacher}"},
    "e.rec.at.stratum": {"zh": "{file}：层 {stratum}", "en": "{file}, stratum {stratum!r}"},
    # what is wrong with it
    "e.rec_not_a_number": {
        "zh": "{place}，“{column}”：应填数字，填的是“{value}”",
        "en": "{place}, column {column}: not a number, got {value!r}",
    },
    "e.rec_not_finite": {
        "zh": "{place}，“{column}”：应为不小于 0 的有限数，填的是“{value}”",
        "en": "{place}, column {column}: must be finite and ≥ 0, got {value!r}",
    },
    "e.rec_negative": {
        "zh": "{place}，“{column}”：不能为负数，填的是“{value}”",
        "en": "{place}, column {column}: must be ≥ 0, got {value!r}",
    },
    "e.rec_level": {
        "zh": "{place}，“{column}”：应为 Ⅰ–Ⅳ 之一，填的是“{value}”",
        "en": "{place}, column {column}: must be Ⅰ–Ⅳ, got {value!r}",
    },
    "e.rec_yes_no": {
        "zh": "{place}，“{column}”：应填“是”或“否”，填的是“{value}”",
        "en": "{place}, column {column}: must be 是 or 否, got {value!r}",
    },
    "e.rec_weight_missing": {
        "zh": "{place}，“{column}”：缺少权重",
        "en": "{place}, column {column}: a weight is missing",
    },
    "e.rec_two_weights": {
        "zh": "{place}，“{column}”：层“{stratum}”有两个权重 {first} 和 {second}；"
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
    # the service's own requests (service/*.py)
    "e.svc.body_not_object": {
        "zh": "JSON 请求体须为含 records 的对象",
        "en": "the JSON body must be an object with 'records'",
    },
    "e.svc.body_not_json": {
        "zh": "请求体不是有效的 JSON（第 {line} 行第 {col} 列）",
        "en": "the body is not JSON (line {line}, column {col})",
    },
    "e.svc.media": {
        "zh": "请以 multipart/form-data（文件放在 file 字段）或 application/json"
        "（{{\"records\": [...]}}）发送",
        "en": "send multipart/form-data (a file in the field 'file') or application/json "
        "({{\"records\": [...]}})",
    },
    "e.svc.unknown_keys": {
        "zh": "未知的键 {unknown}；可用的键：{known}",
        "en": "unknown key(s) {unknown}; known: {known}",
    },
    "e.svc.records_not_list": {
        "zh": "records 应为学校记录（对象）的列表",
        "en": "records: expected a list of school objects",
    },
    "e.svc.no_file": {
        "zh": "没有文件：请在表单的 file 字段中上传学校数据表",
        "en": "no file: send the school table as the multipart field 'file'",
    },
    "e.svc.file_type": {
        "zh": "{file}：不支持的文件类型（应为 {expected}）",
        "en": "{file}: unsupported file type (expected {expected})",
    },
    "e.svc.field_not_json": {
        "zh": "{key}：不是有效的 JSON（第 {line} 行第 {col} 列）",
        "en": "{key}: not JSON (line {line}, column {col})",
    },
    "e.svc.standard": {
        "zh": "没有内置规则集“{standard}”（可用：{known}）",
        "en": "standard {standard!r}: not a bundled rule set ({known})",
    },
    "e.svc.county_inputs_type": {
        "zh": "county_inputs 应为对象，或记录的列表",
        "en": "county_inputs: expected an object or a list of records",
    },
    "e.svc.lang": {
        "zh": "lang 应为 zh 或 en，填的是“{value}”",
        "en": "lang {value!r}: expected zh or en",
    },
    "e.svc.format": {
        "zh": "format 应为 {known} 之一，填的是“{value}”",
        "en": "format {value!r}: expected one of {known}",
    },
    "e.svc.flags": {
        "zh": "flags 应为由 true 或 false 组成的对象，例如 {{\"name\": true}}",
        "en": "flags: expected an object of true/false, e.g. {{\"name\": true}}",
    },
    "e.svc.costs_type": {
        "zh": "costs 应为对象：每单位多少元",
        "en": "costs: expected an object of yuan per unit",
    },
    "e.svc.costs_numbers": {
        "zh": "costs：单价须为数字（每单位多少元）",
        "en": "costs: must be numbers (yuan per unit)",
    },
    "e.svc.budget_number": {
        "zh": "budget 应为以元计的数字，填的是“{value}”",
        "en": "budget {value!r}: expected yuan, a number",
    },
    "e.svc.budget_range": {
        "zh": "budget 应为不小于 0 的元数，填的是“{value}”",
        "en": "budget {value!r}: expected yuan, 0 or more",
    },
    "e.svc.changes_list": {
        "zh": "changes 应为调整项的列表，例如 [{{\"close\": \"SCHOOL_ID\"}}]",
        "en": "changes: expected a list of changes, e.g. [{{\"close\": \"SCHOOL_ID\"}}]",
    },
    "e.svc.change_object": {
        "zh": "changes：每个调整项须为对象（add、move、close、merge）",
        "en": "changes: each change is an object (add, move, close, merge)",
    },
    "e.svc.too_large": {
        "zh": "请求超过了 {limit:,} 字节的上限",
        "en": "the request is over the limit of {limit:,} bytes",
    },
    "e.svc.not_found": {"zh": "没有这个地址", "en": "Not Found"},
    "e.svc.method": {"zh": "此地址不接受这种请求方法", "en": "Method Not Allowed"},
    "e.svc.http": {"zh": "HTTP 错误 {status}", "en": "HTTP error {status}"},
    "e.contract": {
        "zh": "contract 应为 1 或 2，填的是“{value}”",
        "en": "contract: expected 1 or 2, got {value!r}",
    },
    # the error page of the service
    "svc.page.refused": {"zh": "数据未通过检查", "en": "The input was refused"},
    "svc.page.title": {"zh": "输入有误", "en": "Bad input"},
    "svc.page.row": {"zh": "行", "en": "row"},
    "svc.page.school": {"zh": "学校", "en": "school"},
    "svc.page.column": {"zh": "列", "en": "column"},
    "svc.page.value": {"zh": "值", "en": "value"},
    "svc.page.message": {"zh": "说明", "en": "message"},
    "svc.page.back": {"zh": "返回表单", "en": "Back to the form"},
    # warnings the command line says in the language of --lang
    "e.rs.deprecated": {
        "zh": "规则集 {old} 已弃用，将在下一版本中移除：现在载入的是 {target}。{reason}",
        "en": "rule set {old!r} is deprecated and will be removed in the next release: it now "
        "loads {target!r}. {reason}",
    },
    # the figures of another system (crosscheck/)
    "e.crosscheck_tolerance": {
        "zh": "--rtol 和 --atol 不能为负数，填的是 rtol={rtol}、atol={atol}",
        "en": "rtol and atol must be >= 0, got rtol={rtol}, atol={atol}",
    },
    "e.fig.said": {"zh": "{place}{text}", "en": "{place}{text}"},
    "e.fig.at.none": {"zh": "", "en": ""},
    "e.fig.at.f": {"zh": "{file}：", "en": "{file}: "},
    "e.fig.at.fr": {"zh": "{file}：第 {row} 行：", "en": "{file}, row {row}: "},
    "e.fig.at.fp": {
        "zh": "{file}：第 {n} 条记录（位置 {row}）：", "en": "{file}, record {n} (position {row}): "
    },
    "e.fig.at.frc": {
        "zh": "{file}：第 {row} 行“{column}”：", "en": "{file}, row {row}, column {column}: "
    },
    "e.fig.at.fpc": {
        "zh": "{file}：第 {n} 条记录（位置 {row}）“{column}”：",
        "en": "{file}, record {n} (position {row}), column {column}: ",
    },
    "e.fig.at.fc": {"zh": "{file}：“{column}”：", "en": "{file}, column {column}: "},
    "e.fig.at.r": {"zh": "第 {row} 行：", "en": "row {row}: "},
    "e.fig.at.p": {"zh": "第 {n} 条记录（位置 {row}）：", "en": "record {n} (position {row}): "},
    "e.fig.at.rc": {"zh": "第 {row} 行“{column}”：", "en": "row {row}, column {column}: "},
    "e.fig.at.pc": {
        "zh": "第 {n} 条记录（位置 {row}）“{column}”：",
        "en": "record {n} (position {row}), column {column}: ",
    },
    "e.fig.first.r": {"zh": "第 {row} 行", "en": "row {row}"},
    "e.fig.first.p": {"zh": "第 {n} 条记录（位置 {row}）", "en": "record {n} (position {row})"},
    "e.fig.at.c": {"zh": "“{column}”：", "en": "column {column}: "},
    "e.fig.cannot_read": {
        "zh": "无法从 {kind} 读取对方的数据", "en": "cannot read figures from {kind}"
    },
    "e.fig.no_such_file": {"zh": "文件不存在", "en": "no such file"},
    "e.fig.not_utf8": {"zh": "JSON 须为 UTF-8 编码", "en": "invalid JSON: not UTF-8"},
    "e.fig.not_json": {
        "zh": "不是有效的 JSON（第 {line} 行第 {col} 列）",
        "en": "invalid JSON (line {line}, column {col})",
    },
    "e.fig.not_a_list": {
        "zh": "应为数据的列表，或 {{\"figures\": [...]}}",
        "en": "expected a list of figures or {{'figures': [...]}}",
    },
    "e.fig.file_type": {
        "zh": "不支持的文件类型“{suffix}”（应为 csv、xlsx 或 json）",
        "en": "unsupported file type {suffix!r} (csv, xlsx, json)",
    },
    "e.fig.not_decodable": {
        "zh": "既不是 UTF-8 也不是 GBK 编码的文本", "en": "neither UTF-8 nor GBK"
    },
    "e.fig.empty": {"zh": "文件是空的", "en": "the file is empty"},
    "e.fig.long_row": {
        "zh": "有 {cells} 个单元格，而表头只有 {width} 列",
        "en": "{cells} cells but the header has {width} columns",
    },
    "e.fig.no_sheet": {
        "zh": "没有工作表“{sheet}”；现有的工作表：{sheets}",
        "en": "no sheet {sheet!r}; sheets: {sheets}",
    },
    "e.fig.empty_sheet": {"zh": "工作表是空的", "en": "the sheet is empty"},
    "e.fig.no_column": {"zh": "缺少列 {needed}（{names}）", "en": "no column {needed} ({names})"},
    "e.fig.not_a_mapping": {
        "zh": "应为映射（键和值），而这是 {kind}",
        "en": "expected a mapping, got {kind}",
    },
    "e.fig.same_column": {
        "zh": "列“{first}”和“{second}”都表示 {key}",
        "en": "columns {first!r} and {second!r} both give {key}",
    },
    "e.fig.county_required": {
        "zh": "须填区县代码（填的是“{value}”）", "en": "a county code is required, got {value!r}"
    },
    "e.fig.bad_level": {
        "zh": "学段应为小学或初中，填的是“{value}”",
        "en": "level must be primary/junior (小学/初中), got {value!r}",
    },
    "e.fig.unknown_indicator": {
        "zh": "不是指标目录中的指标代码或名称，填的是“{value}”",
        "en": "not an indicator id or name of the catalogue, got {value!r}",
    },
    "e.fig.two_composites": {
        "zh": "综合差异系数这一行给出了两个值：{first} 和 {value}",
        "en": "a composite row gives two values ({first}), got {value!r}",
    },
    "e.fig.year_not_whole": {
        "zh": "学年应为整数，填的是“{value}”",
        "en": "a year must be a whole number, got {value!r}",
    },
    "e.fig.not_a_number": {
        "zh": "应填数字，填的是“{value}”", "en": "expected a number, got {value!r}"
    },
    "e.fig.not_finite": {
        "zh": "应为不小于 0 的有限数，填的是“{value}”",
        "en": "expected a finite number >= 0, got {value!r}",
    },
    "e.fig.not_yes_no": {
        "zh": "应填“是”或“否”（或“达标”“未达标”），填的是“{value}”",
        "en": "expected yes/no (是/否, 达标/未达标, true/false), got {value!r}",
    },
    "e.fig.given_twice": {
        "zh": "{indicator} 的{kind}给出了两次（{first_at}为 {first}，此处为 {value}）",
        "en": "{kind} of {indicator} given twice ({first} in {first_at}, {value} here)",
    },
    "e.fig.composite_twice": {
        "zh": "{kind}给出了两次（{first_at}为 {first}，此处为 {value}）",
        "en": "{kind} of the composite given twice ({first} in {first_at}, {value} here)",
    },
    "e.fig.passed_twice": {
        "zh": "是否达标给出了两次：{first_at}为“{first}”，此处为“{now}”",
        "en": "passed given as {first} in {first_at} and {now} here",
    },
    # a form's defects found while deriving its values (forms/derive.py), with their numbers
    "form.missing_value.section": {
        "zh": "有{section}学段的学校必填，未填",
        "en": "required of a school with a {section} section, left empty",
    },
    "form.sections_disagree.teachers": {
        "zh": "分学段的{what}合计 {value}，与全校合计 {whole} 不一致",
        "en": "the sections' {what} ({value}) differ from the school's total ({whole})",
    },
    "form.teachers_need_section.items": {
        "zh": "含多个学段的学校须按学段填写教师数（第 {first} 项和第 {second} 项）："
        "标准按统计报表的口径计数，从不拆分",
        "en": "a school of several sections must give its teachers by section (items {first} "
        "and {second}): the standard counts them as the statistics report them and never "
        "splits them",
    },
    "form.bands_disagree.classes": {
        "zh": "班额各档之和为 {counted}，而不是 {value}",
        "en": "the class-size bands add up to {counted}, not {value}",
    },
    "form.bands_disagree.rooms": {
        "zh": "{what}教室各档之和为 {counted}，多于教室总数 {value}",
        "en": "the {what}-room bands add up to {counted}, more than the {value} rooms",
    },
    "form.room_below_bands": {
        "zh": "有 {n} 间{what}教室小于 61 平方米，低于表中的每一档：最小面积按 0 平方米计",
        "en": "{n} {what} room(s) under 61 m², below every band of the form: the smallest is "
        "taken as 0 m²",
    },
    "form.disagrees.built": {
        "zh": "与建校时间（{built} 年）矛盾（填的是“{value}”）",
        "en": "disagrees with the year built ({built})",
    },
    "form.disagrees.largest": {
        "zh": "填的是最大班额不超过 30 人，但班额各档给出的最大班额为 {largest} 人",
        "en": "says the largest class is under 30, but the bands give {largest}",
    },
    "form.gym_differs": {
        "zh": "体育馆面积（{value} 平方米）与室内体育用房面积（{indoor} 平方米，第 46 项）不一致；"
        "标准的体育场馆面积按第 46 项计",
        "en": "the gymnasium ({value} m²) differs from the indoor sports rooms ({indoor} m², "
        "item 46); the standard's sports area counts item 46",
    },
    "form.subset_larger.enrolled": {
        "zh": "划片范围内的学生 {value} 人，多于在校生 {enrolled} 人",
        "en": "more pupils in the catchment ({value}) than the {enrolled} enrolled",
    },
    # a form's warnings as it is read (forms/reading.py)
    "form.unknown_item": {
        "zh": "未知的填报项“{value}”（序号 {number}）：已忽略",
        "en": "unknown item {value!r} (序号 {number}): ignored",
    },
    "form.unit_converted": {
        "zh": "以“{unit}”填报，已换算为“{expected}”",
        "en": "given in {unit}, converted to {expected}",
    },
}
