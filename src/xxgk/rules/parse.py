"""Parse-phase rules: what the extractor noticed while reading the printed report.

These findings are made by :mod:`xxgk.extract` (never by a check function): a row
printed with the wrong number of cells, a table or row that is not there, a cell
that is not a number, an empty cell. Each message says what was printed and what
the extractor did about it; no number is ever invented.
"""

from __future__ import annotations

from xxgk.rules.registry import rule

rule(
    "row-cell-count",
    severity="warning",
    phase="parse",
    title="A row is printed with more or fewer cells than the form has columns.",
    zh="表格“{table_title}”中“{row_label}”一行印有 {printed} 个单元格，格式应为 {expected} 个；{action}",
    en="table {table}, row {row}: {printed} cells printed for {expected} columns; {action_en}",
)
rule(
    "table-missing",
    severity="error",
    phase="parse",
    ref="F2",
    title="One of the three statistical tables is not in the report.",
    zh="报告中没有表格“{table_title}”（{section}）",
    en="the report has no table {table} ({section_en})",
)
rule(
    "table-truncated",
    severity="error",
    phase="parse",
    title="A table stops before its last rows: the rows from the first missing one on are absent.",
    zh="表格“{table_title}”在“{row_label}”之前中断，其后 {missing} 行未印出",
    en="table {table} stops before row {row}: {missing} rows are not printed",
)
rule(
    "report-truncated",
    severity="error",
    phase="parse",
    title="The document ends inside a table: the rest of the report is missing.",
    zh="文档在表格“{table_title}”中途结束（缺 {missing} 行），报告不完整",
    en="the document ends inside table {table} ({missing} rows missing): the report is cut short",
)
rule(
    "row-missing",
    severity="error",
    phase="parse",
    title="A row of the form is not printed in its table.",
    zh="表格“{table_title}”中缺少“{row_label}”一行",
    en="table {table} does not print row {row}",
)
rule(
    "cell-unparsed",
    severity="error",
    phase="parse",
    title="A cell holds text that is not a number; its value is unknown (raw text kept).",
    zh="“{cell_label}”印为“{raw}”，不是数字，无法读取其数值",
    en="{table}/{row}/{column} is printed as “{raw}”, which is not a number; its value is unknown",
)
rule(
    "empty-cell",
    severity="warning",
    phase="parse",
    title="A cell where the form expects a number is empty (or '-', '/', '无'); it counts as 0.",
    zh="“{cell_label}”为空（{shown}），计算时按 0 处理",
    en="{table}/{row}/{column} is empty ({shown_en}); it counts as 0 in the arithmetic",
)
rule(
    "label-unknown",
    severity="warning",
    phase="parse",
    title="A row with numbers has a label that is not in the form; its numbers are not read.",
    zh="表格“{table_title}”中“{label}”一行不是格式中的项目，其 {printed} 个数值未读取",
    en="table {table}: row {label!r} is not in the form; its {printed} values were not read",
)
rule(
    "not-a-report",
    severity="warning",
    phase="parse",
    title="The page talks about an annual report (e.g. a 年报解读) but is not the report itself.",
    zh="本文档似乎是“{what}”而非年度报告本身，仅找到 {found}",
    en="this document looks like a {what_en}, not the report itself; only found {found_en}",
)
rule(
    "label-repaired",
    severity="warning",
    phase="parse",
    title="A row label is misprinted (a character dropped, doubled or wrong); its printed "
    "number and the rest of the label fit exactly one row of the form, so the row was read "
    "as that row. When two rows could fit, the label stays unknown (label-unknown).",
    zh="表格“{table_title}”中“{printed}”与格式不符，按其序号与文字读作“{row_label}”",
    en="table {table}: the label {printed!r} is misprinted; by its number and text it was read "
    "as row {row} ({row_label})",
)
rule(
    "requests-other-single",
    severity="warning",
    phase="parse",
    ref="F1",
    title="A 2021-edition report prints table 三's （六）其他处理 as the 2019 edition's single row "
    "instead of the 2021 form's three sub-rows. The row is read (key `other`, the sum of the "
    "three sub-rows) and R3 uses it. This is one warning, not report-edition-mixed: the "
    "numbers are all there and add up, only the breakdown is missing; report-edition-mixed "
    "(error) stays for reports whose table 二 blocks, or table 二 and a three-row （六）, "
    "differ in edition.",
    zh="表三“{row_label}”只印了一行（2019年版格式），未按2021年版格式分列其下3个子项；已按一行读取（3个子项之和）",
    en="table requests prints {row_label} as one row (2019 edition) instead of the 2021 form's "
    "three sub-rows; it was read as one row (their sum)",
)
rule(
    "meta-agency-unknown",
    severity="warning",
    phase="parse",
    title="The report names itself only as 我局 / 本机关 (no title, no 发布机构): its year is read "
    "from that sentence, but the agency is unknown and is not guessed.",
    zh="报告仅以“{said}”自称，未写明机关名称；机关未知（未作推测）",
    en="the report calls its agency only {said!r}; the agency is unknown (not guessed)",
)
rule(
    "cells-by-order",
    severity="warning",
    phase="parse",
    title="A table's cells were printed apart from their labels (a converter's reading order, "
    "e.g. pdftotext without -layout). They were read in the form's order only because their "
    "count matched the table exactly, none was empty and the table's sums then hold; otherwise "
    "they are not read (row-cell-count).",
    zh="表格“{table_title}”的数值与其标签分开印出；因数量（{cells} 个）与格式完全一致且{checks}成立，已按格式顺序读取",
    en="table {table}: the values were printed apart from their labels; since their count "
    "({cells}) matches the form exactly and {checks} hold, they were read in the form's order",
)
