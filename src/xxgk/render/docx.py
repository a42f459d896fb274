"""DOCX laid out like the official form (GB/T 9704 page, the form's merged cells).

python-docx builds the document; the three tables are written as WordprocessingML
directly so the merges are exactly the form's: ``w:gridSpan`` for horizontal spans,
``w:vMerge restart/continue`` for vertical ones. The vertical 三、本年度办理结果 sits
in a column one character wide, so it stacks top to bottom in Word, WPS and LibreOffice
alike (LibreOffice 7.4 draws ``w:textDirection tbRl/tbRlV`` CJK text overlapped). Fonts are the ones Chinese government documents name (仿宋_GB2312
body, 方正小标宋简体 title, 黑体 headings, 宋体 tables), each declared in the font table
with an ``altName`` fallback for machines without it. The PDF is converted from a DOCX in
:data:`PDF_FONTS` instead — the serif CJK font scripts/setup installs (Noto Serif CJK, with
Noto Sans CJK for the 黑体 headings), digits included — so it reads like a government
document on a machine without the government fonts. Column headers too wide for their column
wrap between two-character words (``商业/企业``), never inside one. The footer holds a PAGE
field; the core properties record the xxgk version and the data checksum.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from xxgk.model import Report
from xxgk.render import content, layout

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FONTS = {
    "body": BODY_FONT,
    "title": TITLE_FONT,
    "heading": HEADING_FONT,
    "table": TABLE_FONT,
    "latin": LATIN_FONT,
}
SERIF_CJK, SANS_CJK = "Noto Serif CJK SC", "Noto Sans CJK SC"  # fonts-noto-cjk
PDF_FONTS = {
    "body": SERIF_CJK,
    "title": SERIF_CJK,
    "heading": SANS_CJK,
    "table": SERIF_CJK,
    "latin": SERIF_CJK,
}
CELL_MARGIN = 57  # twips left and right of a table cell's text
# font → (fallback named in the font table, panose, pitch family)
FALLBACKS = {
    BODY_FONT: ("仿宋", "02010609030101010101", "modern"),
    TITLE_FONT: ("宋体", "02010601030101010101", "auto"),
    HEADING_FONT: ("SimHei", "02010609060101010101", "modern"),
    TABLE_FONT: ("SimSun", "02010600030101010101", "auto"),
}
TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6
# relative column widths of each table's grid (label columns wider)
WIDTHS = {
    "active": (5.4, 3.4, 3.4, 3.4),
    "requests": (0.7, 1.8, 4.7, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2),
    "appeals": (1.0,) * 15,
}
TABLE_PT = {"active": 10.5, "requests": 9, "appeals": 9}


def render(report: Report, *, fonts: dict[str, str] | None = None, **_options) -> bytes:
    document = build(report, fonts or FONTS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build(report: Report, fonts: dict[str, str] = FONTS) -> docx.document.Document:
    """The whole report as a python-docx Document, in ``fonts`` (:data:`FONTS`, :data:`PDF_FONTS`)."""
    document = docx.Document()
    _page(document)
    _styles(document, fonts)
    _font_table(document)
    _footer(document)
    _properties(document, report)
    _drop_thumbnail(document)
    _paragraph(document, content.title(report), "Title")
    for part in content.parts(report):
        _paragraph(document, part.heading, "Heading2")
        for text in part.paragraphs:
            _paragraph(document, text, None)
        if part.table is not None:
            _append_table(document, report, part.table)
    return document


def _paragraph(document, text: str, style_id: str | None) -> None:
    """A paragraph with a style set by id (python-docx's lookup by name is slow)."""
    p = document.add_paragraph(text)
    if style_id is not None:
        p._p.style = style_id


# --------------------------------------------------------------------------- page & styles


def _page(document) -> None:
    """A4 with the GB/T 9704 margins."""
    sec = document.sections[0]
    sec.start_type = WD_SECTION.NEW_PAGE
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    sec.footer_distance = Cm(2.5)


def _set_fonts(
    style, east_asia: str, size: float, bold: bool = False, latin: str = LATIN_FONT
) -> None:
    font = style.font
    font.name = latin
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = None
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _styles(document, fonts: dict[str, str]) -> None:
    styles = document.styles
    normal = styles["Normal"]
    latin = fonts["latin"]
    _set_fonts(normal, fonts["body"], 16, latin=latin)
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(32)
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    title = styles["Title"]
    _set_fonts(title, fonts["title"], 22, bold=fonts["title"] != TITLE_FONT, latin=latin)
    _plain_paragraph(title, WD_ALIGN_PARAGRAPH.CENTER, before=0, after=16)
    _no_border(title)
    heading = styles["Heading 2"]
    _set_fonts(heading, fonts["heading"], 16, latin=latin)
    _plain_paragraph(heading, WD_ALIGN_PARAGRAPH.LEFT, before=8, after=4)
    heading.paragraph_format.first_line_indent = Pt(32)
    cell = styles.add_style("Form Table", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    _set_fonts(cell, fonts["table"], 10.5, latin=latin)
    _plain_paragraph(cell, WD_ALIGN_PARAGRAPH.CENTER, before=0, after=0)
    cell.paragraph_format.first_line_indent = Pt(0)
    cell.paragraph_format.line_spacing = 1.0


def _plain_paragraph(style, align, *, before: float, after: float) -> None:
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = Pt(28) if style.name != "Form Table" else 1.0
    fmt.keep_with_next = style.name == "Heading 2"


def _no_border(style) -> None:
    """The template's Title style draws a rule under the title; the form has none."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _font_table(document) -> None:
    """Declare the government fonts with a fallback (``w:altName``) and GB2312 charset,
    so Word and WPS substitute a near font instead of a Latin default."""
    part = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    )
    root = parse_xml(part.blob)
    for name, (alt, panose, family) in FALLBACKS.items():
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footer(document) -> None:
    """A centred ``- N -`` page number (a PAGE field) on every page."""
    footer = document.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    run = p.add_run("- ")
    run.font.size = Pt(14)
    p._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
            "<w:t>1</w:t></w:r></w:fldSimple>"
        )
    )
    run = p.add_run(" -")
    run.font.size = Pt(14)


def _drop_thumbnail(document) -> None:
    """python-docx's default template ships a thumbnail of an unrelated page and a Word
    2010 ``stylesWithEffects`` copy of the styles; neither is needed, both cost time."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.rels.pop(rel_id)


def _properties(document, report: Report) -> None:
    props = document.core_properties
    props.title = content.title(report)[:255]
    props.author = (report.meta.agency or "")[:255]
    props.subject = "政府信息公开工作年度报告"
    props.keywords = f"xxgk-data-sha256:{content.checksum(report)}"
    props.comments = f"generated by {content.stamp(report)}"
    props.version = f"{content.GENERATOR} {content.version()}"
    props.identifier = f"sha256:{content.checksum(report)}"
    props.last_modified_by = f"{content.GENERATOR} {content.version()}"


# --------------------------------------------------------------------------- tables


def _append_table(document, report: Report, name: str) -> None:
    """Append the table's XML after the last paragraph (before the section properties)."""
    xml = table_xml(report, name)
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def table_xml(report: Report, name: str) -> str:
    data = report.table(name)
    grid = content.table_grid(report, name)
    widths = _twips(WIDTHS[name])
    rows = "".join(_row_xml(report, data, grid, r, widths) for r in range(grid.n_rows))
    # keep-with-next on every row but the last keeps a table on one page when it fits
    rows = rows.replace(
        '<w:pStyle w:val="FormTable"/>', '<w:pStyle w:val="FormTable"/><w:keepNext/>'
    )
    last = rows.rfind("<w:tr>")
    rows = rows[:last] + rows[last:].replace("<w:keepNext/>", "")
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>"
    )


def _twips(relative: tuple[float, ...]) -> list[int]:
    total = sum(relative)
    return [round(TEXT_WIDTH_CM * r / total * 567) for r in relative]


def _row_xml(report: Report, data, grid: layout.Grid, r: int, widths: list[int]) -> str:
    """One ``w:tr``: anchors starting here, ``vMerge`` continuations for cells from above."""
    covering = _covering(grid)
    cells, col = [], 0
    while col < grid.n_cols:
        anchor = covering[(r, col)]
        width = sum(widths[anchor.col : anchor.col + anchor.colspan])
        if anchor.row == r:
            cells.append(_cell_xml(report, data, grid, anchor, width))
        else:
            cells.append(_continue_xml(anchor, width))
        col += anchor.colspan
    header = "<w:tblHeader/>" if r < grid.header_rows else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{''.join(cells)}</w:tr>"


_COVERING: dict[tuple[str, str, int], dict] = {}


def _covering(grid: layout.Grid) -> dict:
    key = (grid.table, grid.edition, grid.n_rows)  # n_rows: with or without the single （六）
    if key not in _COVERING:
        _COVERING[key] = grid.covering()
    return _COVERING[key]


def _tc_pr(cell: layout.GridCell, width: int, merge: str | None) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    vmerge = (
        ""
        if merge is None
        else ('<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>")
    )
    return f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vmerge}<w:vAlign w:val="center"/></w:tcPr>'


def _cell_xml(report: Report, data, grid: layout.Grid, cell: layout.GridCell, width: int) -> str:
    merge = "restart" if cell.rowspan > 1 else None
    if cell.kind == layout.VALUE:
        assert cell.key is not None
        text = content.cell_text(report, data, cell.key)
    else:
        text = cell.text
    align = "left" if cell.kind == layout.LABEL and not cell.vertical and cell.col > 0 else "center"
    if grid.table == "active" and cell.kind == layout.LABEL:
        align = "center"
    size = round(TABLE_PT[grid.table] * 2)
    lines = [text]
    if cell.kind == layout.HEADER and not cell.vertical:
        lines = wrap_label(text, (width - 2 * CELL_MARGIN) // (size * 10))
    run = (
        f'<w:r><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        + "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
        + "</w:r>"
        if text
        else ""
    )
    para = f'<w:p><w:pPr><w:pStyle w:val="FormTable"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p>'
    return f"<w:tc>{_tc_pr(cell, width, merge)}{para}</w:tc>"


_CJK = re.compile(r"[\u4e00-\u9fff]+")


def wrap_label(text: str, capacity: int) -> list[str]:
    """A Chinese header in lines of at most ``capacity`` characters, broken only between
    two-character words (``商业企业`` in a 3-character column → ``商业`` / ``企业``)."""
    if len(text) <= capacity or capacity < 2 or not _CJK.fullmatch(text):
        return [text]
    words = [text[i : i + 2] for i in range(0, len(text), 2)]
    lines = [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + len(word) > capacity:
            lines.append("")
        lines[-1] += word
    return lines


def _continue_xml(anchor: layout.GridCell, width: int) -> str:
    para = '<w:p><w:pPr><w:pStyle w:val="FormTable"/></w:pPr></w:p>'
    return f"<w:tc>{_tc_pr(anchor, width, 'continue')}{para}</w:tc>"
