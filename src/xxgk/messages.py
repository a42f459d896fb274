"""Chinese for the English error messages raised without one (``XxgkError(..., zh=None)``).

The way to give a message in both languages is at the raise site:
``UnreadableSource("file is empty", zh="文件为空", path=p)``. This catalogue covers the messages
of the readers, the batch runner and the extractor that are raised in English only, so the
user still reads Chinese; :func:`translate` returns ``None`` for a message it does not know
(then the English is shown). Each entry is a regular expression over the whole English
message and a Chinese template filled with its groups.
"""

from __future__ import annotations

import re
from functools import cache

_CATALOGUE: tuple[tuple[str, str], ...] = (
    (r"no such file", "文件不存在"),
    (r"file is empty", "文件为空"),
    (r"permission denied", "没有读取权限"),
    (r"is a directory, not a report file", "这是目录，不是报告文件"),
    (r"directory holds no report files", "目录中没有报告文件"),
    (r"file is (\d+) bytes; the limit is (\d+)", "文件有 {0} 字节，超过上限 {1} 字节"),
    (r"cannot read: (.+)", "无法读取：{0}"),
    (
        r"not text in any supported encoding.*",
        "不是可识别编码（UTF-8、GBK/GB18030、UTF-16）的文本：二进制文件或乱码",
    ),
    (r"unsupported format (.+)", "不支持的格式 {0}"),
    (r"reading (\S+) is not available: (.+)", "无法读取 {0} 格式：{1}"),
    (r"corrupt (\S+) file \((.*)\)", "{0} 文件已损坏（{1}）"),
    (r"no table and no section of an annual report was found", "没有找到年度报告的表格或章节"),
    (r"no annual report in this HTML page.*", "此网页中没有年度报告（未找到格式中的章节或表格）"),
    (r"HTML page has no content", "网页没有内容"),
    (
        r"a zip archive that is not a Word document.*",
        "这个压缩包不是 Word 文档（没有 word/document.xml）",
    ),
    (
        r"corrupt DOCX \(word/document.xml is not well-formed XML\)",
        "DOCX 已损坏（word/document.xml 不是规范的 XML）",
    ),
    (r"DOCX has no document body", "DOCX 没有正文"),
    (r"PDF is password-protected.*", "PDF 有密码保护，请先另存一份无密码的副本"),
    (r"corrupt or truncated PDF.*", "PDF 已损坏或不完整（PDFium 无法打开）"),
    (r"PDF has (\d+) pages; the limit is (\d+).*", "PDF 有 {0} 页，超过上限 {1} 页"),
    (
        r"reading stopped after (\S+) s at page (\d+) of (\d+)",
        "读到第 {1} 页（共 {2} 页）时超过 {0} 秒，已停止",
    ),
    (r"Office document is password-protected.*", "Office 文档有密码保护，请先另存一份无密码的副本"),
    (
        r"an OLE \(Office 97–2003\) file with no Word document in it.*",
        "这个 Office 97–2003 文件里没有 Word 文档（是 Excel/PowerPoint，或文件不完整）",
    ),
    (
        r"LibreOffice could not convert this \.doc.*",
        "LibreOffice 无法转换这个 .doc 文件（已损坏或有保护？）",
    ),
    (
        r"(.+) did not finish converting this \.doc within (\S+) s",
        "{0} 在 {1} 秒内没有完成 .doc 转换",
    ),
    (r"(.+) could not convert this \.doc: (.+)", "{0} 无法转换这个 .doc 文件：{1}"),
    (
        r"corrupt or truncated (.+) \(the zip archive cannot be opened\)",
        "{0} 已损坏或不完整（无法打开压缩包）",
    ),
    (
        r"(.+) holds more than (\d+) zip entries \(not a document\)",
        "{0} 含有超过 {1} 个压缩条目（不是文档）",
    ),
    (
        r"(.+) is encrypted; save it without a password first",
        "{0} 已加密，请先另存一份无密码的副本",
    ),
    (
        r"(.+): (\S+) uses zip compression method (\d+); only stored and deflate are read",
        "{0}：{1} 使用压缩方法 {2}，只读取不压缩（stored）和 deflate 两种",
    ),
    (
        r"(.+): (\S+) declares (.+) inflated, above the (.+) limit",
        "{0}：{1} 声明解压后为 {2}，超过上限 {3}",
    ),
    (r"(.+): (\S+) inflates beyond the (.+) limit", "{0}：{1} 解压后超过上限 {2}"),
    (
        r"corrupt or truncated (.+) \((\S+) cannot be inflated\)",
        "{0} 已损坏或不完整（{1} 无法解压）",
    ),
    (r"(.+) declares (.+) inflated, above the (.+) limit", "{0} 声明解压后共 {1}，超过上限 {2}"),
    (r"took longer than the time limit of (\S+) s", "处理时间超过每个文件 {0} 秒的上限"),
    (
        r"needs more memory than the per-file limit of (\S+) MB",
        "所需内存超过每个文件 {0} MB 的上限",
    ),
    (r"internal error \((\w+)\): (.*)", "内部错误（{0}）：{1}"),
    (r"internal error while extracting: (\w+): (.*)", "提取时出现内部错误：{0}: {1}"),
    (r"(.+) needs an optional extra: install xxgk\[(\w+)\].*", "{0}需要可选组件：请安装 xxgk[{1}]"),
    # output and rendering
    (r"unknown format (.+); choose one of (.+)", "未知的输出格式 {0}，可选：{1}"),
    (
        r"--format (\S+) writes a file: give it with -o FILE",
        "--format {0} 写入文件：请用 -o FILE 指定文件",
    ),
    (
        r"--format (\S+) is for `xxgk parse`.*",
        "--format {0} 只用于 xxgk parse；其他命令输出 table、json、jsonl 或 csv",
    ),
    (r"cannot render to (.+): choose one of (.+)", "不能生成 {0} 格式，可选：{1}"),
    (r"LibreOffice did not produce a PDF.*", "LibreOffice 没有生成 PDF（DOCX 是否已损坏？）"),
    (
        r"LibreOffice did not finish converting to PDF within (\S+) s",
        "LibreOffice 在 {0} 秒内没有完成 PDF 转换",
    ),
    (r"rendering PDF needs LibreOffice: (.+)", "生成 PDF 需要 LibreOffice：{0}"),
    (r"expected a mapping with meta, tables, sections", "应为包含 meta、tables、sections 的映射"),
    (r"meta\.year must be a whole number, not (.+)", "meta.year 应为整数年份，而不是 {0}"),
    (r"meta\.edition must be one of (.+)", "meta.edition 应为 {0} 之一"),
    (r"unknown table (.+) \(expected (.+)\)", "未知的表格 {0}（应为 {1}）"),
    (
        r"tables\.(\S+): unknown row (.+) for the (\d+) edition",
        "tables.{0}：{2} 版格式中没有行 {1}",
    ),
    (r"tables\.(\S+): unknown column (.+)", "tables.{0}：没有列 {1}"),
    (r"(\S+): (.+) is not a number", "{0}：{1} 不是数字"),
    (r"sections must map a section key to its text", "sections 应把章节键名对应到其正文"),
    (r"sections\.(\S+) must be text", "sections.{0} 应为文本"),
    (r"unknown section\(s\) (.+)", "未知的章节 {0}"),
    (r"not a readable XLSX workbook \((.+)\)", "不是可读的 XLSX 工作簿（{0}）"),
    (
        r"not an xxgk fill-in workbook: sheet\(s\) (.+) missing.*",
        "不是 xxgk 填报工作簿：缺少工作表 {0}（请用 xxgk template 生成）",
    ),
    (
        r"sheet (\S+) is not in the form's layout.*",
        "工作表 {0} 与格式的版式不符（标签或行被改动了？）",
    ),
    # the ledger
    (r"no ledger here \(run: (.+)\)", "这里没有台账（请先运行：{0}）"),
    (r"use add to register a request", "登记申请请用 ledger add"),
    (r"the request is already registered", "这件申请已经登记"),
    (r"a request's first event must be its receipt", "申请的第一个事件必须是收到申请"),
    (
        r"duplicate request id: already in the ledger \(nothing imported\)",
        "申请编号重复：台账中已有（未导入任何申请）",
    ),
    (
        r"request id\(s\) already in the ledger, nothing imported: (.+)",
        "台账中已有这些申请编号，未导入任何申请：{0}",
    ),
    (
        r"(\S+) on (\S+): before the request was received on (\S+)",
        "{0}（{1}）早于收到申请的日期 {2}",
    ),
    (
        r"(\S+) on (\S+): not possible while the request is (.+)",
        "{0}（{1}）：申请处于“{2}”状态，不能记录",
    ),
    (
        r"(\S+) on (\S+): the deadline was already extended once.*",
        "{0}（{1}）：答复期限已经延长过一次（第三十三条：只能延长一次）",
    ),
    (
        r"(\S+) on (\S+): a correction was already requested on (\S+).*",
        "{0}（{1}）：已于 {2} 告知补正（第三十条：只能一次）",
    ),
    (
        r"(\S+) on (\S+): an extension is 1–(\d+) working days, not (-?\d+)",
        "{0}（{1}）：延长期限为 1–{2} 个工作日，不能是 {3}",
    ),
    (r"(\S+) on (\S+): no correction was requested", "{0}（{1}）：没有告知过补正"),
    (
        r"an extension is at most (\d+) working days, not (-?\d+)",
        "延长期限最多 {0} 个工作日，不能是 {1}",
    ),
    (r"(\S+) is outside any calendar \((\d+)–(\d+)\)", "{0} 超出工作日历的范围（{1}–{2}）"),
    (r"a deadline falls outside any calendar \((\d+)–(\d+)\)", "期限超出工作日历的范围（{0}–{1}）"),
    (r"unknown state (.+) \(one of (.+)\)", "未知的状态 {0}（应为 {1}）"),
    (r"unknown event kind (.+) \(one of (.+)\)", "未知的事件 {0}（应为 {1}）"),
    (r"no report year (\d+)", "没有 {0} 年度的报告"),
    (r"no cell (\S+) in the (\d+) tables", "{1} 年度的表格中没有单元格 {0}"),
    (
        r"a cell is table\.row\.column.*",
        "单元格写作 表.行.列，例如 requests.granted.natural_person",
    ),
    (r"a (\w+) needs an id", "缺少编号"),
    (r"a (\w+) event cannot be voided", "{0} 事件不能作废"),
    (r"void names no live event of this request: (.+)", "作废的事件 {0} 不是这件申请的有效事件"),
    (r"cannot amend (.+) \(one of (.+)\)", "不能更正 {0}（可更正：{1}）"),
    (r"row 1: missing column\(s\) (.+) \(need (.+)\)", "第 1 行（表头）缺少列 {0}（至少需要 {1}）"),
    (r"not a CSV file in UTF-8 or GB18030", "不是 UTF-8 或 GB18030 编码的 CSV 文件"),
    (r"not a readable CSV file: (.+)", "不是可读的 CSV 文件：{0}"),
    (r"cannot read the workbook: (.+)", "无法读取工作簿：{0}"),
    (r"--map wants THEIRS=ours, not (.+)", "--map 应写作 原列名=标准列名，而不是 {0}"),
    (
        r"fee method is piece or volume, not (.+)",
        "收费方式为 piece（按件）或 volume（按量），不能是 {0}",
    ),
    (r"a volume fee needs pages", "按量收费需要页数"),
    (
        r"a per-request fee needs the applicant's name.*",
        "按件收费需要申请人姓名（请更正 applicant 字段）",
    ),
    (r"pages cannot be negative: (.+)", "页数不能为负数：{0}"),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.S), zh) for pattern, zh in _CATALOGUE)


def translate(message: str) -> str | None:
    """The Chinese for an English message the catalogue knows, else ``None``."""
    for pattern, zh in _compiled():
        match = pattern.fullmatch(message)
        if match:
            return zh.format(*match.groups())
    return None
