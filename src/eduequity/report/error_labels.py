"""The errors' part of the catalogue (:data:`eduequity.report.labels.MESSAGES`): what a
command says when its options, a rule-set file or county inputs cannot be used.

``e.<code>`` is an error's ``message_code`` (:func:`eduequity.report.error_text.error_text`),
``e.rs.<code>`` a rule-set problem's, ``e.pyd.<type>`` a pydantic error type's, ``e.usage.*``
a command line argparse refuses, ``e.os.*`` a file the system cannot read or write. The
English of each is the exception's own message (kept as it was); the Chinese says the same
from the same facts.
"""

from __future__ import annotations

__all__ = ["ERRORS"]

ERRORS: dict[str, dict[str, str]] = {
    "e.interrupted": {"zh": "已中断：未写出任何文件", "en": "interrupted: nothing was written"},
    # files the system cannot read or write (OSError)
    "e.os.file": {"zh": "{file}：{text}", "en": "{file}: {text}"},
    "e.os.no_such_file": {"zh": "文件或文件夹不存在", "en": "no such file or directory"},
    "e.os.a_directory": {"zh": "这是文件夹，不是文件", "en": "is a directory"},
    "e.os.not_a_directory": {"zh": "路径中有一段不是文件夹", "en": "not a directory"},
    "e.os.permission": {"zh": "没有权限", "en": "permission denied"},
    "e.os.disk_full": {
        "zh": "磁盘空间不足；原有文件未被改动",
        "en": "no space left on the device; the previous file is unchanged",
    },
    "e.os.other": {"zh": "系统错误（错误号 {errno}）", "en": "system error (errno {errno})"},
    # a command line argparse refuses
    "e.usage.usage": {"zh": "用法：", "en": "usage: "},
    "e.usage.invalid_choice": {
        "zh": "{prog}：参数 {option}：“{value}”不是可选的值（可选：{choices}）",
        "en": "{prog}: argument {option}: invalid choice: {value!r} (choose from {choices})",
    },
    "e.usage.invalid_command": {
        "zh": "{prog}：没有命令“{value}”（可用：{choices}）",
        "en": "{prog}: invalid command {value!r} (choose from {choices})",
    },
    "e.usage.invalid_int": {
        "zh": "{prog}：参数 {option}：“{value}”不是整数",
        "en": "{prog}: argument {option}: invalid int value: {value!r}",
    },
    "e.usage.invalid_float": {
        "zh": "{prog}：参数 {option}：“{value}”不是数字",
        "en": "{prog}: argument {option}: invalid float value: {value!r}",
    },
    "e.usage.invalid_value": {
        "zh": "{prog}：参数 {option}：“{value}”不是可用的值",
        "en": "{prog}: argument {option}: invalid value: {value!r}",
    },
    "e.usage.unrecognized": {
        "zh": "{prog}：无法识别的参数：{args}",
        "en": "{prog}: unrecognized arguments: {args}",
    },
    "e.usage.required": {
        "zh": "{prog}：缺少必需的参数：{args}",
        "en": "{prog}: the following arguments are required: {args}",
    },
    "e.usage.expected_one": {
        "zh": "{prog}：参数 {option} 后须跟一个值",
        "en": "{prog}: argument {option}: expected one argument",
    },
    "e.usage.expected_some": {
        "zh": "{prog}：参数 {option} 后须跟至少一个值",
        "en": "{prog}: argument {option}: expected at least one argument",
    },
    "e.usage.ambiguous": {
        "zh": "{prog}：选项 {option} 有歧义，可能是：{matches}",
        "en": "{prog}: ambiguous option: {option} could match {matches}",
    },
    "e.usage.not_allowed_with": {
        "zh": "{prog}：参数 {option} 不能与 {other} 同时使用",
        "en": "{prog}: argument {option}: not allowed with argument {other}",
    },
    "e.usage.ignored_value": {
        "zh": "{prog}：参数 {option} 不接受值“{value}”",
        "en": "{prog}: argument {option}: ignored explicit argument {value!r}",
    },
    # a file of schools that cannot be read (io/*.py)
    "e.xlsx_unreadable": {
        "zh": "{file}：不是可读取的 xlsx 工作簿",
        "en": "{file}: not a readable xlsx workbook",
    },
    "e.xlsx_empty": {
        "zh": "{file}：文件是空的（0 字节），不是 xlsx 工作簿",
        "en": "{file}: the file is empty (0 bytes), not an xlsx workbook",
    },
    "e.xlsx_cut_short": {
        "zh": "{file}：不是 xlsx 工作簿：文件不完整（被截断？）或已损坏",
        "en": "{file}: not an xlsx workbook: a zip package cut short (truncated?) or damaged",
    },
    "e.xlsx_text": {
        "zh": "{file}：不是 xlsx 工作簿：这是文本文件（是否把 CSV 改名成了 .xlsx？）",
        "en": "{file}: not an xlsx workbook: text, not a zip package (a CSV renamed to .xlsx?)",
    },
    "e.xlsx_not_zip": {
        "zh": "{file}：不是 xlsx 工作簿（xlsx 工作簿都是 zip 压缩包）",
        "en": "{file}: not an xlsx workbook: not a zip package, as every xlsx workbook is",
    },
    "e.xlsx_no_workbook": {
        "zh": "{file}：不是 xlsx 工作簿（压缩包中没有工作簿）",
        "en": "{file}: not an xlsx workbook (a zip without a workbook)",
    },
    "e.chart_sheet": {
        "zh": "{file}：工作表“{sheet}”是图表，不是数据表",
        "en": "{file}: sheet {sheet!r} is a chart sheet, not a table",
    },
    "e.no_worksheet": {
        "zh": "{file}：工作簿中没有工作表",
        "en": "{file}: the workbook has no worksheet",
    },
    "e.bad_encoding": {
        "zh": "{file}：无法按 {encoding} 编码读取",
        "en": "{file}: cannot be read as {encoding}",
    },
    "e.long_row": {
        "zh": "{file}：第 {row} 行有 {cells} 个单元格，而表头只有 {width} 列",
        "en": "{file}, row {row}: {cells} cells but the header has {width} columns",
    },
    "e.header_row_not_found": {
        "zh": "{file}：--header-row {row} 不是前 {n} 个非空行之一（第 {first}–{last} 行）",
        "en": "{file}: header_row={row} is not a non-blank row among the first {n} (rows "
        "{first}–{last})",
    },
    "e.cannot_load": {
        "zh": "无法从 {kind} 读取学校数据",
        "en": "cannot load schools from {kind}",
    },
    "e.cannot_read": {
        "zh": "{file}：无法读取：{errno}",
        "en": "{file}: cannot be read: {errno}",
    },
    "e.json_not_utf8": {"zh": "{file}：JSON 须为 UTF-8 编码", "en": "{file}: JSON must be UTF-8"},
    "e.json_invalid": {
        "zh": "{file}：不是有效的 JSON（第 {line} 行第 {col} 列）",
        "en": "{file}: invalid JSON (line {line}, column {col})",
    },
    "e.json_too_deep": {
        "zh": "{file}：JSON 嵌套过深，不是学校记录",
        "en": "{file}: JSON nested too deeply to be school records",
    },
    "e.json_format": {
        "zh": "{file}：未知的格式“{format}”",
        "en": "{file}: unknown format {format!r}",
    },
    "e.json_not_a_list": {
        "zh": "{file}：应为学校的列表，或 {{\"schools\": [...]}}",
        "en": "{file}: expected a list of schools or {{'schools': [...]}}",
    },
    "e.not_a_mapping": {
        "zh": "{file}：第 {n} 条记录（位置 {row}）应为映射（键和值），而这是 {kind}",
        "en": "{file}, record {n} (position {row}): expected a mapping, got {kind}",
    },
    # optional libraries, schemas, forms and registers
    "e.needs_extra": {
        "zh": "此功能需要 {module}；请安装：pip install 'eduequity[{extra}]'",
        "en": "{module} is needed for this; install it with: pip install 'eduequity[{extra}]'",
    },
    "e.no_schema": {
        "zh": "没有模式“{name}”（可用：{known}）",
        "en": "no schema {name!r}: {known}",
    },
    "e.no_such_path": {"zh": "{file}：文件或文件夹不存在", "en": "{file}: no such file or folder"},
    "e.collect_counties": {
        "zh": "有 {n} 份县级表（{files}）：一次只能汇总一个县",
        "en": "{n} county forms ({files}): collect one county at a time",
    },
    "e.collect_no_county": {
        "zh": "学校表中没有区县代码或学年：请给出县级表，或用 --county-code 和 --year 指定",
        "en": "the school forms carry no county code or year: give a county form, or "
        "county_code= and year=",
    },
    "e.collect_no_forms": {
        "zh": "没有找到填报表工作簿（.xlsx）",
        "en": "no form workbook (.xlsx) found",
    },
    "e.register_no_sheet": {
        "zh": "{file}：没有整改台账工作表",
        "en": "{file}: no register sheet (整改台账 or register)",
    },
    "e.register_no_id": {
        "zh": "{file}：整改台账工作表没有“编号”列",
        "en": "{file}: the register sheet has no 编号 (item id) column",
    },
    "e.register_item_no_id": {
        "zh": "{file}：第 {row} 行的整改项没有编号",
        "en": "{file}, row {row}: an item without its 编号 (item id)",
    },
    # records of surveys, rosters and scores (records/*.py)
    "e.rec_same_column": {
        "zh": "{file}：列“{first}”和“{second}”都表示 {column}",
        "en": "{file}: columns {first!r} and {second!r} are both {column}",
    },
    "e.rec_missing_columns": {
        "zh": "{file}：缺少列 {missing}；现有的列：{found}",
        "en": "{file}: missing column(s) {missing}; found {found}",
    },
    "e.rec_not_decodable": {
        "zh": "{file}：既不是 UTF-8 也不是 GB18030 编码的文本",
        "en": "{file}: neither UTF-8 nor GB18030 text",
    },
    "e.rec_empty": {"zh": "{file}：文件是空的", "en": "{file}: empty file"},
    "e.rec_empty_sheet": {"zh": "{file}：工作表是空的", "en": "{file}: empty sheet"},
    # monitor
    "e.monitor_by": {
        "zh": "--by 应为 {grains} 之一，填的是“{value}”",
        "en": "by must be one of {grains}, got {value!r}",
    },
    "e.monitor_twice": {
        "zh": "区县 {county} 学年 {year} 同时出现在 {first} 和 {second} 中",
        "en": "county {county}, year {year} is in both {first} and {second}",
    },
    "e.monitor_no_year": {
        "zh": "{file}：没有学年列；请按 {{学年: 数据}} 给出各年的数据",
        "en": "{file}: no year column; give the sources as {{year: source}}",
    },
    "e.monitor_no_year_in_name": {
        "zh": "{file}：没有学年列，文件名中也不是恰好含有一个年份；请加上学年列",
        "en": "{file}: no year column, and the file name does not hold exactly one year; add "
        "a year column",
    },
    "e.monitor_other_year": {
        "zh": "{file}：学年列为 {given}，而不是 {year}",
        "en": "{file}: the year column says {given}, not {year}",
    },
    "e.amber_share": {
        "zh": "--amber 须在 0 到 1 之间（不含 1），填的是 {value}",
        "en": "amber_share must be in [0, 1), got {value!r}",
    },
    # the commands' own options
    "e.path_and_example": {
        "zh": "请给出数据文件 PATH 或 --example，不要同时给出",
        "en": "give a PATH or --example, not both",
    },
    "e.no_path": {
        "zh": "请给出学校数据文件 PATH，或用 --example 使用内置的示例县",
        "en": "give a PATH of school data, or --example for the embedded county",
    },
    "e.one_path": {
        "zh": "此处只能给出一个 PATH，而不是 {n} 个",
        "en": "give one PATH here, not {n}",
    },
    "e.split_needs_html": {
        "zh": "--split 写出的是 html 文件：请加 --format html --output 文件夹",
        "en": "--split writes html files: give --format html --output FOLDER",
    },
    "e.bad_flag": {
        "zh": "--flag {item}：应写作 名称=on 或 名称=off",
        "en": "--flag {item}: expected NAME=on or NAME=off",
    },
    "e.format_needs_output": {
        "zh": "--format {format} 写出的是文件：请用 --output 指定",
        "en": "--format {format} writes files: give --output",
    },
    "e.empty_folder": {
        "zh": "{folder}：文件夹中没有 .csv、.xlsx 或 .json 文件",
        "en": "{folder}: a folder without .csv, .xlsx or .json files",
    },
    "e.batch_needs_folder": {
        "zh": "多个文件的 --format {format}：请用 --output 指定文件夹",
        "en": "--format {format} of several files: give --output FOLDER",
    },
    "e.output_not_folder": {
        "zh": "--output {folder}：多个文件须写入文件夹，而这是一个文件",
        "en": "--output {folder}: several files need a folder, not a file",
    },
    "e.same_stems": {
        "zh": "这些文件同名，报告会互相覆盖：{stems}",
        "en": "files with the same name would write the same report: {stems}",
    },
    "e.costs_unreadable": {
        "zh": "{file}：无法读取单价文件：{kind} 格式有误（第 {line} 行第 {col} 列）",
        "en": "{file}: cannot read costs: not valid {kind} (line {line}, column {col})",
    },
    "e.costs_not_numbers": {
        "zh": "{file}：单价须为数字（每单位多少元）",
        "en": "{file}: costs must be numbers (yuan per unit)",
    },
    "e.change_body": {
        "zh": "调整项“{kind}”须是由各字段组成的对象：{body}",
        "en": "a change {kind!r} is an object of its fields: {body}",
    },
    "e.change_field": {
        "zh": "调整项“{kind}”须在“{key}”下写明学校：{body}",
        "en": "a change {kind!r} names its school under {key!r}: {body}",
    },
    "e.text_not_utf8": {
        "zh": "{file}：不是 UTF-8 文本（第 {line} 行的字节 0x{byte}）：请将文件另存为 UTF-8",
        "en": "{file}: not UTF-8 text (byte 0x{byte} on line {line}): save the file as UTF-8",
    },
    "e.changes_not_json": {
        "zh": "{file}：不是由调整项组成的 JSON 列表（第 {line} 行第 {col} 列格式有误）",
        "en": "{file}: not a JSON list of changes (line {line}, column {col})",
    },
    "e.changes_not_list": {
        "zh": "{file}：不是由调整项组成的 JSON 列表",
        "en": "{file}: not a JSON list of changes",
    },
    "e.change_fields": {
        "zh": "--{what} {text}：应为 {n} 个以逗号分隔的字段",
        "en": "--{what} {text}: expected {n} comma-separated fields",
    },
    "e.no_changes": {
        "zh": "请给出调整：--add、--move、--close、--merge 或 --changes 文件",
        "en": "give changes: --add, --move, --close, --merge or --changes FILE",
    },
    "e.forms_one_county": {
        "zh": "{file}：含 {n} 个县或学年；申报表只填一个县：每个文件请只给一个县、一个学年",
        "en": "{file}: {n} counties or years; the 申报表 is one county's: give one county and "
        "year per file",
    },
    "e.rectify_needs_output": {
        "zh": "rectify --format xlsx 须用 -o 指定文件",
        "en": "rectify --format xlsx needs -o FILE",
    },
    # evaluate, plan, whatif, trend
    "e.unknown_flags": {
        "zh": "规则集 {rule_set} 没有选项 {unknown}（可用：{known}）",
        "en": "flags: unknown {unknown} for {rule_set} (flags: {known})",
    },
    "e.nothing_to_plan": {
        "zh": "{rule_set}：其学段部分没有可规划的逐校规则",
        "en": "{rule_set}: no per-school rule in its level parts to plan for",
    },
    "e.no_such_school": {"zh": "表中没有学校“{school}”", "en": "no school {school!r} in the table"},
    "e.school_in_several": {
        "zh": "学校“{school}”出现在多个县：请写作 县代码:学校标识码",
        "en": "school {school!r} is in several counties: write COUNTY:ID",
    },
    "e.change_not_number": {
        "zh": "{key}：应为数字，调整项为 {change}",
        "en": "{key}: expected a number in {change}",
    },
    "e.column_not_changeable": {
        "zh": "“{column}”在此不能调整（在校生数、共用资源和教师数不可调整）",
        "en": "column {column!r} cannot be changed here (enrollment, shared resources or teachers)",
    },
    "e.change_below_zero": {
        "zh": "学校 {school} 的 {column}：调整后为 {value}（小于 0）",
        "en": "school {school}, column {column}: would become {value} (below 0)",
    },
    "e.change_keys": {
        "zh": "每个调整项只能有一个键（add、move、close、merge）：{change}",
        "en": "a change has one key (add, move, close, merge): {change}",
    },
    "e.unknown_change": {
        "zh": "未知的调整“{kind}”：可用 add、move、close 或 merge",
        "en": "unknown change {kind!r}: add, move, close or merge",
    },
    "e.no_trend": {
        "zh": "县 {county} 的{level}没有趋势数据（需两个或更多学年）",
        "en": "no trend for county {county!r}, level {level!r}",
    },
    "e.no_trend_any": {
        "zh": "{level}没有趋势数据（需两个或更多学年；县 {county}）",
        "en": "no trend for county {county!r}, level {level!r}",
    },
    "e.xlsx_too_many_rows": {
        "zh": "工作表“{sheet}”将有 {n} 行学校，超过一个工作表最多可容纳的 {limit} 行："
        "请改写 Parquet 或 CSV 表（a.write()，或 --format parquet / csv-dir）",
        "en": "the sheet {sheet!r} would have {n} rows of schools, more than a worksheet "
        "holds ({limit}): write Parquet or CSV tables instead (a.write(), or --format "
        "parquet / csv-dir)",
    },
    "e.plot_no_county": {
        "zh": "评估结果中没有县 {county}（有：{known}）",
        "en": "county: {county!r} is not in the assessment ({known})",
    },
    "e.plot_no_level": {
        "zh": "县 {county} 没有{level}学段（有：{levels}）",
        "en": "level: county {county} has no {level!r} sections (levels: {levels})",
    },
    "e.header_row": {
        "zh": "--header-row 须为不小于 1 的行号，填的是 {value}",
        "en": "header_row must be a row number >= 1, got {value!r}",
    },
    # the collect command's lines (forms/text.py): "form.<code>" from a form's defect
    "form.summary": {
        "zh": "共 {n} 份表：{accepted} 份已接收，{returned} 份退回",
        "en": "{n} forms: {accepted} accepted, {returned} returned",
    },
    "form.where": {"zh": "  {file}：", "en": "  {file}: "},
    "form.item": {"zh": "第 {no} 项“{item}”：", "en": "item {no} {item}: "},
    "form.other": {"zh": "填报值“{value}”有误", "en": "the value {value!r} is wrong"},
    "form.duplicate_item": {"zh": "该项填了两次", "en": "the item is given twice"},
    "form.missing_value": {"zh": "必填项未填", "en": "required item left empty"},
    "form.wrong_unit": {
        "zh": "单位为“{unit}”，应为“{expected}”",
        "en": "unit {unit!r}, expected {expected!r}",
    },
    "form.not_yes_no": {
        "zh": "应填“是”或“否”，填的是“{value}”",
        "en": "must be 是 or 否, got {value!r}",
    },
    "form.not_a_number": {
        "zh": "应填数字，填的是“{value}”",
        "en": "must be a number, got {value!r}",
    },
    "form.not_finite": {
        "zh": "应填有限的数字，填的是“{value}”",
        "en": "must be a finite number, got {value!r}",
    },
    "form.negative_value": {"zh": "不能为负数，填的是 {value}", "en": "must be ≥ 0, got {value}"},
    "form.not_whole": {
        "zh": "应为整数，填的是 {value}",
        "en": "must be a whole number, got {value}",
    },
    "form.implausible_year": {
        "zh": "应为 1800 至 2100 之间的年份，填的是 {value}",
        "en": "must be a year between 1800 and 2100, got {value}",
    },
    "form.sections_disagree": {
        "zh": "分学段之和与合计不一致（{value}）",
        "en": "the sections do not add up to the total ({value})",
    },
    "form.teachers_need_section": {
        "zh": "含多个学段的学校须按学段填写（填的是 {value}）",
        "en": "a school with several sections gives it by section (got {value})",
    },
    "form.bands_disagree": {
        "zh": "各档之和与总数 {value} 不一致",
        "en": "the bands do not add up to {value}",
    },
    "form.disagrees": {
        "zh": "与其他填报项矛盾（填的是 {value}）",
        "en": "disagrees with another item (got {value})",
    },
    "form.subset_larger": {
        "zh": "{value} 超过了在校生数",
        "en": "{value} is more than the pupils enrolled",
    },
    # county inputs (county_inputs.py)
    "e.ci.where": {"zh": "{file}：区县 {county}", "en": "{file}: county {county}"},
    "e.ci.where_year": {
        "zh": "{file}：区县 {county}，学年 {year}",
        "en": "{file}: county {county}, year {year}",
    },
    "e.ci.twice": {"zh": "{where}：重复给出", "en": "{where}: given twice"},
    "e.ci.also_given": {
        "zh": "{where}，县级数据 {input}：{other} 中也已给出",
        "en": "{where}, input {input}: also given by {other}",
    },
    "e.ci.bad_sourced": {
        "zh": "{where}，县级数据 {input}：带来源的取值无法读取",
        "en": "{where}, input {input}: a value with its source that cannot be read",
    },
    "e.ci.not_yes_no": {
        "zh": "{where}，县级数据 {input}：应填 是/否（true/false、1/0），填的是“{value}”",
        "en": "{where}, input {input}: expected yes/no (true/false, 是/否, 1/0), got {value!r}",
    },
    "e.ci.not_a_number": {
        "zh": "{where}，县级数据 {input}：应填数字，填的是“{value}”",
        "en": "{where}, input {input}: expected a number, got {value!r}",
    },
    "e.ci.not_finite": {
        "zh": "{where}，县级数据 {input}：应填有限的数字，填的是“{value}”",
        "en": "{where}, input {input}: expected a finite number, got {value!r}",
    },
    "e.ci.below_min": {
        "zh": "{where}，县级数据 {input}：不能小于 {min}，填的是 {value}",
        "en": "{where}, input {input}: must be >= {min}, got {value}",
    },
    "e.ci.above_max": {
        "zh": "{where}，县级数据 {input}：不能大于 {max}，填的是 {value}",
        "en": "{where}, input {input}: must be <= {max}, got {value}",
    },
    "e.ci.bad_syntax": {
        "zh": "{file}：无法读取县级数据：{kind} 格式有误（第 {line} 行第 {col} 列）",
        "en": "{file}: cannot read county inputs: not valid {kind} (line {line}, column {col})",
    },
    "e.ci.not_utf8": {
        "zh": "{file}：无法读取县级数据：不是 UTF-8 编码",
        "en": "{file}: cannot read county inputs: not UTF-8",
    },
    "e.ci.bad_csv": {
        "zh": "{file}：无法读取县级数据：CSV 第 {line} 行无法解析（如单元格过长）",
        "en": "{file}: cannot read county inputs: CSV line {line} cannot be parsed",
    },
    "e.ci.cannot_open": {
        "zh": "{file}：无法读取县级数据：{errno}",
        "en": "{file}: cannot read county inputs: {errno}",
    },
    "e.ci.suffix": {
        "zh": "{file}：县级数据文件须为 .json、.toml 或 .csv",
        "en": "{file}: county inputs must be .json, .toml or .csv",
    },
    "e.ci.no_county": {
        "zh": "{file}：此 {format} 文档未注明区县；请给出区县（eduequity survey/teachers "
        "--county 区县代码），使之成为县级数据文件",
        "en": "{file}: this {format} document names no county; give the county (eduequity "
        "survey/teachers --county CODE) to make it a county-inputs file",
    },
    "e.ci.not_a_table": {
        "zh": "{file}：区县 {county}：应为由县级数据组成的表",
        "en": "{file}: county {county}: expected a table of inputs",
    },
    "e.ci.not_a_list": {
        "zh": "{file}：应为区县的列表或映射",
        "en": "{file}: expected a list of counties or a mapping",
    },
    "e.ci.no_county_code": {
        "zh": "{file}：位置 {entry} 的一项缺少区县代码（county_code）",
        "en": "{file}: entry {entry}: needs a county_code",
    },
    "e.ci.bad_year": {
        "zh": "{file}：区县 {county}：学年“{year}”不是年份",
        "en": "{file}: county {county}: year {year!r} is not a year",
    },
    "e.ci.inputs_not_table": {
        "zh": "{file}：区县 {county}：inputs 应为表",
        "en": "{file}: county {county}: inputs must be a table",
    },
    # a rule-set file's problems (rules/*.py): "file: key: sentence"
    "e.rs.where": {"zh": "{file}：{text}", "en": "{file}: {text}"},
    "e.rs.where_key": {"zh": "{file}：{key}：{text}", "en": "{file}: {key}: {text}"},
    "e.rs.no_such_rule_set": {
        "zh": "没有这个规则集：既不是内置规则集（{known}），也不是文件",
        "en": "no such rule set: neither a bundled id ({known}) nor a file",
    },
    "e.rs.no_such_rule_set_in": {
        "zh": "没有这个规则集：既不是内置规则集（{known}），也不是文件（相对于 {base}）",
        "en": "no such rule set: neither a bundled id ({known}) nor a file (relative to {base})",
    },
    "e.rs.outside": {
        "zh": "已拒绝：extends 只能指内置规则集或 {where} 中的文件；“{ref}”指向其外"
        "（可用 extends_dir= 允许某个文件夹）",
        "en": "refused: extends names a bundled id or a file inside {where}; {ref!r} resolves "
        "outside (pass extends_dir= to allow a folder)",
    },
    "e.rs.a_directory": {
        "zh": "这是文件夹，不是规则集文件",
        "en": "is a directory, not a rule-set file",
    },
    "e.rs.unreadable": {
        "zh": "无法读取：{errno}",
        "en": "cannot read: {errno}",
    },
    "e.rs.not_utf8": {
        "zh": "不是 UTF-8 文本（第 {line} 行的字节 0x{byte}）："
        "请将文件另存为 UTF-8（GBK 文件须转换）",
        "en": "not UTF-8 text (byte 0x{byte} on line {line}): save the file as UTF-8 (a GBK "
        "file must be converted)",
    },
    "e.rs.not_toml": {
        "zh": "不是有效的 TOML（第 {line} 行第 {col} 列附近）",
        "en": "not valid TOML (line {line}, column {col})",
    },
    "e.rs.too_deep": {
        "zh": "嵌套过深：规则文件最多嵌套 {max} 层",
        "en": "nested too deeply: rule files nest at most {max} levels",
    },
    "e.rs.too_deep_n": {
        "zh": "嵌套了 {depth} 层：规则文件最多嵌套 {max} 层",
        "en": "nested {depth} levels deep: rule files nest at most {max}",
    },
    "e.rs.bad_alias": {
        "zh": "目标“{target}”不是内置规则集",
        "en": "target {target!r} is not a bundled set",
    },
    "e.rs.circular": {"zh": "extends 循环引用：{chain}", "en": "circular extends: {chain}"},
    "e.rs.chain_too_long": {
        "zh": "extends 链超过 {max} 个文件（停在 {name}）",
        "en": "the extends chain is longer than {max} files (stopped at {name})",
    },
    "e.rs.remove_without_extends": {
        "zh": "只有扩展（extends）其他规则集的文件才能删除规则（remove）",
        "en": "only a set that extends another removes",
    },
    "e.rs.remove_unknown": {
        "zh": "上级规则集中没有规则“{rule}”（有：{known}）",
        "en": "no rule {rule!r} in the parent set (rules: {known})",
    },
    "e.rs.needs_id": {"zh": "每一项都须有 id", "en": "every entry needs an id"},
    "e.rs.duplicate_id": {"zh": "id“{id}”重复", "en": "duplicate id {id!r}"},
    "e.rs.flag_undeclared": {
        "zh": "说明了选项“{flag}”，但 [flags] 中没有它",
        "en": "documents flag {flag!r}, which [flags] lacks",
    },
    "e.rs.unknown_indicator": {
        "zh": "未知的指标“{indicator}”",
        "en": "unknown indicator {indicator!r}",
    },
    "e.rs.unknown_indicator_known": {
        "zh": "未知的指标“{indicator}”（已知：{known}）",
        "en": "unknown indicator {indicator!r} (known: {known})",
    },
    "e.rs.unknown_table_column": {
        "zh": "未知的列“{column}”：不是学校数据表的列",
        "en": "unknown column {column!r}: not a column of the school table",
    },
    "e.rs.unknown_indicator_column": {
        "zh": "未知的列“{column}”：既不是学校数据表的标准列，也未在 [[columns]] 中声明",
        "en": "unknown column {column!r}: not a canonical column of the school table and not "
        "declared under [[columns]]",
    },
    "e.rs.unknown_part": {
        "zh": "未知的部分“{part}”（有：{parts}）",
        "en": "unknown part {part!r} (parts: {parts})",
    },
    "e.rs.canonical_column": {
        "zh": "“{column}”是标准列；[[columns]] 只声明附加列",
        "en": "{column!r} is a canonical column; declare only extra columns",
    },
    "e.rs.unknown_flag": {
        "zh": "未知的选项“{flag}”（有：{flags}）",
        "en": "unknown flag {flag!r} (flags: {flags})",
    },
    "e.rs.outside_range": {
        "zh": "{value} 超出 {name} 的取值范围（{low} 至 {high}）",
        "en": "{value} is outside the range of {name} ({low} to {high})",
    },
    "e.rs.unknown_input": {
        "zh": "未知的县级数据“{input}”：请在 [[inputs]] 中声明",
        "en": "unknown input {input!r}: declare it under [[inputs]]",
    },
    "e.rs.input_type": {
        "zh": "县级数据“{input}”的类型是 {type}，此规则需要 {want}",
        "en": "input {input!r} is {type}; this rule needs {want}",
    },
    "e.rs.no_such_part": {
        "zh": "没有部分“{wanted}”（有：{known}）",
        "en": "no part {wanted!r} (parts: {known})",
    },
    "e.rs.no_such_input": {
        "zh": "没有县级数据“{wanted}”（有：{known}）",
        "en": "no input {wanted!r} (inputs: {known})",
    },
    "e.rs.no_such_indicator": {
        "zh": "没有指标“{wanted}”（有：{known}）",
        "en": "no indicator {wanted!r} (indicators: {known})",
    },
    # the schema's own checks (rules/kinds.py, rules/schema.py)
    "e.rs.not_a_ratio": {
        "zh": "应为数字或比值“a:b”，填的是“{value}”",
        "en": "expected a number or a ratio 'a:b', got {value!r}",
    },
    "e.rs.ratio_sides": {
        "zh": "比值两边都须大于 0，填的是“{value}”",
        "en": "both sides of a ratio must be > 0, got {value!r}",
    },
    "e.rs.classes_band": {
        "zh": "classes_min（{low}）须小于 classes_below（{high}）",
        "en": "classes_min ({low}) must be below classes_below ({high})",
    },
    "e.rs.built_band": {
        "zh": "built_from（{low}）须早于 built_before（{high}）",
        "en": "built_from ({low}) must be below built_before ({high})",
    },
    "e.rs.one_item": {
        "zh": "school_threshold 规则只能有 1 项，这里有 {n} 项",
        "en": "a school_threshold rule has exactly 1 item, got {n}",
    },
    "e.rs.k_of_n_counts": {
        "zh": "min_met、max_failed 只用于 school_k_of_n 规则",
        "en": "min_met / max_failed belong to school_k_of_n rules",
    },
    "e.rs.k_of_n_unknown": {
        "zh": "unknown_items 只用于 school_k_of_n 规则",
        "en": "unknown_items belongs to school_k_of_n rules",
    },
    "e.rs.k_of_n_one": {
        "zh": "school_k_of_n 规则须给出 min_met 或 max_failed 之一（只能一个）",
        "en": "a school_k_of_n rule needs exactly one of min_met or max_failed",
    },
    "e.rs.min_met_exceeds": {
        "zh": "min_met（{k}）超过了项数（{n}）",
        "en": "min_met ({k}) exceeds the number of items ({n})",
    },
    "e.rs.max_failed_exceeds": {
        "zh": "max_failed（{k}）超过了项数（{n}）",
        "en": "max_failed ({k}) exceeds the number of items ({n})",
    },
    "e.rs.unknown_items_exceed": {
        "zh": "unknown_items（{unknown}）每项都计为未达标，超过了文件允许的 {allowed} 项未达标："
        "没有学校能达标",
        "en": "unknown_items ({unknown}), each counted as not met, exceed the {allowed} "
        "failure(s) the document allows: no school could pass",
    },
    "e.rs.indicator_twice": {
        "zh": "同一指标在各项中出现了两次：{indicators}",
        "en": "an indicator appears twice among the items: {indicators}",
    },
    "e.rs.one_per_level": {
        "zh": "每个学段只能有一个标准值，这里是：{levels}",
        "en": "one threshold per level, got {levels}",
    },
    "e.rs.standard_needs_document": {
        "zh": 'kind 为 "standard" 的规则集须写明其文件（文号和标题）；由其他材料整理的规则集请用 '
        'kind = "example"',
        "en": 'a set of kind "standard" names its document (number and title); a set built '
        'from other material is kind = "example"',
    },
    # pydantic's error types, for a rule file's keys
    "e.pyd.missing": {"zh": "缺少必填项", "en": "Field required"},
    "e.pyd.extra_forbidden": {
        "zh": "不认识的键（不允许额外的键）",
        "en": "Extra inputs are not permitted",
    },
    "e.pyd.int_type": {
        "zh": "应为整数，填的是 {input}",
        "en": "Input should be a valid integer, got {input}",
    },
    "e.pyd.int_parsing": {
        "zh": "应为整数，填的是 {input}",
        "en": "Input should be a valid integer, got {input}",
    },
    "e.pyd.int_from_float": {
        "zh": "应为整数，填的是 {input}",
        "en": "Input should be a valid integer, got {input}",
    },
    "e.pyd.float_type": {
        "zh": "应为数字，填的是 {input}",
        "en": "Input should be a valid number, got {input}",
    },
    "e.pyd.float_parsing": {
        "zh": "应为数字，填的是 {input}",
        "en": "Input should be a valid number, got {input}",
    },
    "e.pyd.finite_number": {"zh": "应为有限的数字", "en": "Input should be a finite number"},
    "e.pyd.string_type": {
        "zh": "应为文本，填的是 {input}",
        "en": "Input should be a valid string, got {input}",
    },
    "e.pyd.bool_type": {
        "zh": "应为 true 或 false，填的是 {input}",
        "en": "Input should be a valid boolean, got {input}",
    },
    "e.pyd.bool_parsing": {
        "zh": "应为 true 或 false，填的是 {input}",
        "en": "Input should be a valid boolean, got {input}",
    },
    "e.pyd.list_type": {"zh": "应为列表", "en": "Input should be a valid list"},
    "e.pyd.tuple_type": {"zh": "应为列表", "en": "Input should be a valid tuple"},
    "e.pyd.dict_type": {"zh": "应为表", "en": "Input should be a valid dictionary"},
    "e.pyd.model_type": {"zh": "应为表", "en": "Input should be a valid dictionary"},
    "e.pyd.model_attributes_type": {"zh": "应为表", "en": "Input should be a valid dictionary"},
    "e.pyd.greater_than": {
        "zh": "应大于 {gt}，填的是 {input}",
        "en": "Input should be greater than {gt}, got {input}",
    },
    "e.pyd.greater_than_equal": {
        "zh": "应不小于 {ge}，填的是 {input}",
        "en": "Input should be greater than or equal to {ge}, got {input}",
    },
    "e.pyd.less_than": {
        "zh": "应小于 {lt}，填的是 {input}",
        "en": "Input should be less than {lt}, got {input}",
    },
    "e.pyd.less_than_equal": {
        "zh": "应不大于 {le}，填的是 {input}",
        "en": "Input should be less than or equal to {le}, got {input}",
    },
    "e.pyd.literal_error": {
        "zh": "应为 {expected} 之一，填的是 {input}",
        "en": "Input should be {expected}, got {input}",
    },
    "e.pyd.enum": {
        "zh": "应为 {expected} 之一，填的是 {input}",
        "en": "Input should be {expected}, got {input}",
    },
    "e.pyd.too_short": {
        "zh": "至少须有 {min_length} 项",
        "en": "List should have at least {min_length} items",
    },
    "e.pyd.too_long": {
        "zh": "至多只能有 {max_length} 项",
        "en": "List should have at most {max_length} items",
    },
    "e.pyd.string_too_short": {
        "zh": "至少须有 {min_length} 个字符",
        "en": "String should have at least {min_length} characters",
    },
    "e.pyd.union_tag_invalid": {
        "zh": "{discriminator} 为 {tag}，不是可用的种类（可用：{expected_tags}）",
        "en": "Input tag {tag} found using {discriminator} does not match any of the expected "
        "tags: {expected_tags}",
    },
    "e.pyd.union_tag_not_found": {
        "zh": "缺少 {discriminator}，无法判断规则的种类",
        "en": "Unable to extract tag using discriminator {discriminator}",
    },
}
