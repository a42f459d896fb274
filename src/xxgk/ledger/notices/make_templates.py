"""Write the default notice templates (``python -m xxgk.ledger.notices.make_templates DIR``).

The shipped DOCX files in ``templates/`` are made by this script, so their wording lives in
code review; an office replaces them with its own letterhead by pointing the ``notice_templates``
setting at a directory holding files of the same names (any subset). A template may use every
variable listed in :data:`xxgk.ledger.notices.VARIABLES` (docxtpl / Jinja2 syntax).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

CLOSING = [
    "{{ agency }}",
    "{{ date }}",
]
REMEDY = (
    "如对本答复不服，可以自收到本答复书之日起六十日内依法申请行政复议，"
    "或者自收到本答复书之日起六个月内依法向人民法院提起行政诉讼。"
)

LETTERS: dict[str, tuple[str, list[str]]] = {
    "correction": (
        "政府信息公开申请补正告知书",
        [
            "{{ applicant }}：",
            "本机关于{{ received }}收到您提交的政府信息公开申请（编号：{{ request_id }}）。"
            "经审查，您的申请内容不够明确，本机关无法确定您所需要的政府信息。"
            "根据《中华人民共和国政府信息公开条例》第三十条的规定，请您自收到本告知书之日起"
            "{{ period }}个工作日内对以下事项作出补正：",
            "{{ items }}",
            "答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。",
            "特此告知。",
        ],
    ),
    "extension": (
        "政府信息公开申请延期答复告知书",
        [
            "{{ applicant }}：",
            "本机关于{{ received }}收到您提交的政府信息公开申请（编号：{{ request_id }}）。"
            "因{{ reason }}，本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》"
            "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
            "{{ days }}个工作日，本机关将于{{ new_due }}前作出答复。",
            "特此告知。",
        ],
    ),
    "consultation": (
        "政府信息公开征求意见书",
        [
            "{{ addressee }}：",
            "本机关于{{ received }}收到政府信息公开申请（编号：{{ request_id }}），申请获取："
            "{{ description }}。{{ concern }}根据《中华人民共和国政府信息公开条例》{{ article }}"
            "的规定，现书面征求你方意见。",
            "请你方自收到本意见书之日起十五个工作日内（{{ reply_due }}前）书面提出意见。{{ silence }}",
            "联系人及联系方式：{{ contact }}",
        ],
    ),
    "answer": (
        "政府信息公开申请答复书",
        [
            "{{ applicant }}：",
            "本机关于{{ received }}收到您提交的政府信息公开申请（编号：{{ request_id }}），"
            "申请获取：{{ description }}。经审查，现答复如下：",
            "{{ decision }}",
            "{{ citation }}，特此答复。",
            REMEDY,
        ],
    ),
}


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, (title, body) in LETTERS.items():
        doc = Document()
        style = doc.styles["Normal"]
        style.font.size = Pt(14)
        head = doc.add_paragraph()
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = head.add_run(title)
        run.bold = True
        run.font.size = Pt(18)
        number = doc.add_paragraph("编号：{{ request_id }}")
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for text in body:
            doc.add_paragraph(text)
        for text in CLOSING:
            doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        path = directory / f"{kind}.docx"
        doc.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintenance tool
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "templates"
    for p in write(target):
        print(p)
