"""The gallery of bad input: every case the loader refuses or warns about, and what the
user sees.

Each file case has a small file in ``tests/data/bad/`` (text files committed, workbooks
and odd bytes built by ``tests/data/bad/make_gallery.py``); a test loads each one and
compares the message with the one here, and :func:`gallery_markdown` renders the table of
``docs/reference/errors.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CASES", "GalleryCase", "gallery_markdown"]


@dataclass(frozen=True)
class GalleryCase:
    """One bad input: its file (``""`` for a Python object), the case, the outcome
    (``refused``, ``read, warned`` or ``read``), the defect code (``""`` when the whole
    source is refused with a :class:`~eduequity.errors.DataError`) and the first message."""

    file: str
    case: str
    outcome: str
    code: str
    message: str


CASES: tuple[GalleryCase, ...] = (
    GalleryCase(
        'negative_students.csv',
        'a negative count',
        'refused',
        'negative_value',
        ('negative_students.csv, row 3, school S2, column students_primary: must be >= 0, '
         'got -5'),
    ),
    GalleryCase(
        'fractional_students.csv',
        'a fractional count',
        'refused',
        'not_whole',
        ('fractional_students.csv, row 2, school S1, column students_primary: must be a '
         'whole number, got 300.5'),
    ),
    GalleryCase(
        'unknown_type.csv',
        'an unknown school type',
        'refused',
        'unknown_school_type',
        ('unknown_type.csv, row 2, school S1, column school_type: unknown value '
         "'college'; expected one of primary, junior, nine_year, twelve_year, "
         'complete_secondary, teaching_point, special'),
    ),
    GalleryCase(
        'qualified_exceeds_teachers.csv',
        'a subset above its total (teachers)',
        'refused',
        'subset_exceeds_total',
        ('qualified_exceeds_teachers.csv, row 2, school S1, column '
         'qualified_teachers_primary: qualified_teachers_primary (25) exceeds '
         'teachers_primary (20)'),
    ),
    GalleryCase(
        'indoor_exceeds_aux.csv',
        'a subset above its total (areas)',
        'refused',
        'subset_exceeds_total',
        ('indoor_exceeds_aux.csv, row 2, school S1, column indoor_sports_area_m2: '
         'indoor_sports_area_m2 (1600) exceeds teaching_aux_area_m2 (1500), which '
         'includes it'),
    ),
    GalleryCase(
        'duplicate_id.csv',
        'a school_id twice in a county-year',
        'refused',
        'duplicate_school_id',
        ("duplicate_id.csv, row 3, school S1, column school_id: duplicate school_id 'S1' "
         'in county 330106, year 2025: first at row 2'),
    ),
    GalleryCase(
        'not_a_number.csv',
        'text in a number column',
        'refused',
        'not_a_number',
        ('not_a_number.csv, row 2, school S1, column equipment_value_yuan: expected a '
         "number, got 'abc'"),
    ),
    GalleryCase(
        'not_a_boolean.csv',
        'not a yes/no value',
        'refused',
        'not_a_boolean',
        ('not_a_boolean.csv, row 4, school S3, column boarding: expected yes/no (是/否, '
         "1/0), got 'maybe'"),
    ),
    GalleryCase(
        'missing_school_id_column.csv',
        'a required column missing',
        'refused',
        'missing_column',
        ('missing_school_id_column.csv: required column school_id (学校标识码) is '
         "missing; rows looked at for the header: row 1: 'county_code', 'year', "
         "'school_type'; row 2: '330106', '2025', 'primary'"),
    ),
    GalleryCase(
        'junior_students_in_primary.csv',
        'students in a section the type lacks',
        'refused',
        'section_not_in_type',
        ('junior_students_in_primary.csv, row 2, school S1, column students_junior: a '
         'primary school has no junior section, got 120 students'),
    ),
    GalleryCase(
        'several_defects.csv',
        'several defects at once (all listed)',
        'refused',
        'unknown_school_type',
        ('several_defects.csv, row 4, school S3, column school_type: unknown value '
         "'unknown'; expected one of primary, junior, nine_year, twelve_year, "
         'complete_secondary, teaching_point, special'),
    ),
    GalleryCase(
        'xlsx_renamed_csv.xlsx',
        'xlsx that is a renamed CSV',
        'refused',
        '',
        ('xlsx_renamed_csv.xlsx: not an xlsx workbook: text, not a zip package (a CSV renamed '
         'to .xlsx?)'),
    ),
    GalleryCase(
        'xlsx_zero_bytes.xlsx',
        'xlsx of 0 bytes',
        'refused',
        '',
        'xlsx_zero_bytes.xlsx: the file is empty (0 bytes), not an xlsx workbook',
    ),
    GalleryCase(
        'xlsx_truncated.xlsx',
        'xlsx cut short (truncated download)',
        'refused',
        '',
        ('xlsx_truncated.xlsx: not an xlsx workbook: a zip package cut short (truncated?) or '
         'damaged'),
    ),
    GalleryCase(
        'xlsx_empty_zip.xlsx',
        'xlsx that is an empty zip',
        'refused',
        '',
        'xlsx_empty_zip.xlsx: not an xlsx workbook (an empty zip)',
    ),
    GalleryCase(
        'xls_old_format.xlsx',
        'an Excel 97–2003 file named .xlsx',
        'refused',
        '',
        'xls_old_format.xlsx: an old Excel 97–2003 (.xls) workbook; save it as .xlsx in Excel',
    ),
    GalleryCase(
        'xlsx_chartsheet_only.xlsx',
        'workbook with chart sheets only',
        'refused',
        '',
        'xlsx_chartsheet_only.xlsx: the workbook has no worksheet (only chart sheets: 图表)',
    ),
    GalleryCase(
        'a_directory.csv',
        'a directory passed as a file',
        'refused',
        '',
        'a_directory.csv: a directory, not a file of schools',
    ),
    GalleryCase(
        'cr_line_ends.csv',
        'CSV with CR-only line ends',
        'read',
        '',
        '2 schools, rows 2, 3',
    ),
    GalleryCase(
        'unbalanced_quote.csv',
        'CSV with an unbalanced quote',
        'refused',
        '',
        ('unbalanced_quote.csv, row 2: unexpected end of data: an unbalanced quote (") here '
         'would swallow the rows after it; close or remove it'),
    ),
    GalleryCase(
        'duplicate_header.csv',
        'two columns with the same header (CSV)',
        'refused',
        'duplicate_column',
        ("duplicate_header.csv: column D ('school_type') and column F ('school_type') both "
         'mean column school_type: remove or rename one'),
    ),
    GalleryCase(
        'duplicate_header.xlsx',
        'two headers meaning one column (xlsx)',
        'refused',
        'duplicate_column',
        ("duplicate_header.xlsx, sheet 学校: column D ('school_type') and column F ('学校类型') "
         'both mean column school_type: remove or rename one'),
    ),
    GalleryCase(
        'formula_without_value.xlsx',
        'xlsx formula without a cached value',
        'refused',
        'formula_without_value',
        ('formula_without_value.xlsx, sheet 学校, row 2, cell F2: a formula (=E2/10) without a '
         'saved value; open the workbook in Excel (or LibreOffice) and save it, so the values '
         'are stored'),
    ),
    GalleryCase(
        'merged_cells.xlsx',
        'merged cells over data rows',
        'refused',
        'merged_cells',
        ('merged_cells.xlsx, sheet 学校, row 2: cells D2:D4 are merged over data rows; only the '
         'first holds a value and the others would read as blank: unmerge them and fill every '
         'cell'),
    ),
    GalleryCase(
        'wide_stray_xfd.xlsx',
        'a stray cell in column XFD',
        'read, warned',
        'cells_outside_header',
        ("wide_stray_xfd.xlsx, sheet 学校: the sheet's used range reaches column XFD, but the "
         'header ends at column E; cells right of it are not read'),
    ),
    GalleryCase(
        'title_rows.csv',
        'title rows above the header (CSV)',
        'read, warned',
        'title_rows_skipped',
        ('title_rows.csv: the header is row 3; the rows above it were skipped (row 1: '
         "'某某县2025年义务教育学校基本情况表'; row 2: '填报单位：某某县教育局'); "
         "pass header_row= (--header-row) to "
         'choose another'),
    ),
    GalleryCase(
        'title_rows.xlsx',
        'title rows above the header (xlsx)',
        'read, warned',
        'title_rows_skipped',
        ('title_rows.xlsx, sheet 学校: the header is row 3; the rows above it were skipped (row '
         "1: '某某县2025年义务教育学校基本情况表'; row 2: '单位：人'); "
         "pass header_row= (--header-row) to choose "
         'another'),
    ),
    GalleryCase(
        'missing_column_after_title.csv',
        'no recognisable header',
        'refused',
        'missing_column',
        ('missing_column_after_title.csv: required column school_id (学校标识码) is missing; rows '
         "looked at for the header: row 1: '某某县2025年义务教育学校基本情况表'; "
         "row 2: '学校', '人数', '备注'; "
         "row 3: 'S1', '300'"),
    ),
    GalleryCase(
        'total_row.csv',
        'a total row (合计)',
        'refused',
        'total_row',
        ("total_row.csv, row 4: '合计' in column school_id: a row of totals, not a school; "
         'remove it (totals are computed from the schools)'),
    ),
    GalleryCase(
        'empty_school_id.csv',
        'a row with an empty school_id',
        'refused',
        'missing_school_id',
        'empty_school_id.csv, row 2, column school_id: school_id is empty',
    ),
    GalleryCase(
        'empty_school_type.csv',
        'a row with an empty school_type',
        'refused',
        'missing_school_type',
        ('empty_school_type.csv, row 3, school S2, column school_type: school_type is empty: '
         'every school needs its type (小学, 初中, …)'),
    ),
    GalleryCase(
        'unknown_header.csv',
        'an unknown header',
        'read, warned',
        'unknown_column',
        ("unknown_header.csv: column F: unknown header '运动场面积', kept as an extra column; did "
         'you mean 运动场地面积?'),
    ),
    GalleryCase(
        'unnamed_column.csv',
        'values under an empty header',
        'read, warned',
        'unnamed_column',
        ('unnamed_column.csv, column E: no header, but values in 1 row(s) (first: row 2, '
         "'x'); not read: give the column a header"),
    ),
    GalleryCase(
        'short_row.csv',
        'a row shorter than the header',
        'read, warned',
        'short_row',
        ('short_row.csv, row 3: 4 cells but the header has 6; the missing cells are read as '
         'empty'),
    ),
    GalleryCase(
        'decimal_comma.csv',
        '1,5 and 1,2,3 (1,234 is read)',
        'refused',
        'not_a_number',
        ('decimal_comma.csv, row 2, school S1, column equipment_value_yuan: expected a '
         "number, got '1,5' (a decimal comma? write 1.5 for one and a half; thousands are "
         'grouped by three, as in 1,234)'),
    ),
    GalleryCase(
        'boolean_in_count.csv',
        'true/false in a count column',
        'refused',
        'not_a_number',
        ('boolean_in_count.csv, row 2, school S1, column students_primary: expected a number, '
         "got 'true'"),
    ),
    GalleryCase(
        'implausible_year.csv',
        'year 2024.7, -2024, 1e20',
        'refused',
        'not_whole',
        ('implausible_year.csv, row 2, school S1, column year: must be a whole number, got '
         '2024.7'),
    ),
    GalleryCase(
        'overflow_10k.csv',
        'a 万元 value overflowing to inf',
        'refused',
        'not_finite',
        ('overflow_10k.csv, row 2, school S1, column equipment_value_10k_yuan: 1e+305 万元 is '
         'too large to convert to 元'),
    ),
    GalleryCase(
        'yuan_header_10k_values.csv',
        '万元 figures under a 元 header',
        'read, warned',
        'implausible_magnitude',
        ('yuan_header_10k_values.csv, row 2, school S1, column equipment_value_yuan: '
         'equipment value 95.5 yuan is 0.32 yuan per student: were 万元 figures entered under a '
         '元 header? (a 万元 column is read with the header 教学仪器设备资产值(万元))'),
    ),
    GalleryCase(
        'records_list_value.json',
        "a list as a record's value",
        'refused',
        'not_a_scalar',
        ('records_list_value.json, row 0, column students_primary: expected one value, got a '
         'list'),
    ),
    GalleryCase(
        'deeply_nested.json',
        'JSON nested 200 000 deep',
        'refused',
        '',
        'deeply_nested.json: JSON nested too deeply to be school records',
    ),
    GalleryCase(
        "",
        "DataFrame: two columns with the same name",
        "refused",
        "",
        "DataFrame: two columns with the same name ('school_type' at columns 1 and 2); rename one",
    ),
    GalleryCase(
        "",
        "records: a dict as a value",
        "refused",
        "not_a_scalar",
        "records, row 0, column books: expected one value, got a dict",
    ),
    GalleryCase(
        "",
        "mapping= to an unknown column",
        "refused",
        "",
        ("mapping={'在校学生': 'student_primary'}: 'student_primary' is not a column of the "
         "school table; did you mean students_primary?"),
    ),
)


def gallery_markdown() -> list[str]:
    """The gallery as Markdown lines: a heading and a table (case, outcome, what the user
    sees).

    Examples
    --------
    >>> gallery_markdown()[2]
    '| case | file | outcome | code | what the user sees |'
    """
    lines = ["## Gallery of bad input", "", "| case | file | outcome | code | what the user sees |"]
    lines.append("|---|---|---|---|---|")
    for c in CASES:
        message = c.message.replace("|", "\\|").replace("\n", " ")
        file = f"`{c.file}`" if c.file else "—"
        code = f"`{c.code}`" if c.code else "—"
        lines.append(f"| {c.case} | {file} | {c.outcome} | {code} | {message} |")
    return lines
