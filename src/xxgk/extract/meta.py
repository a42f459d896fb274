"""Who issued the report and which year it reports on.

* **Title** (``亳州市司法局 2019 年度政府信息公开年度报告``; possibly split over two
  lines, agency on the first): agency and year, ``agency_from = year_from = "title"``.
* **First paragraph** when there is no title (seeds 002, 004):
  - the agency named as the subject after ``…要求，`` (``市司法局高度重视…``);
  - a county/city government's report says it was approved by the government's office
    (``经县人民政府办公室审定``): the agency is that government;
  - ``由X编制`` names the compiler (kept in ``Meta.compiler``; the agency only when
    nothing else names one, ``agency_from = "compiler"``).
  A relative name (``市司法局``, ``县人民政府``) is completed with the place the text
  names most often before it (``抚顺`` → ``抚顺市司法局``).
* **Year**: the title's, else the reporting period (``统计时限为2020年1月1日…``,
  ``数据为2019年1月1日至…``; ``year_from = "period"``) — the year reported on, not
  the publication date.

All matching is done on a folded copy (NFKC, glosses removed, traditional →
simplified); the title keeps its printed text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from itertools import islice

from xxgk.chinese import fold, squeeze
from xxgk.model import Meta

_CJK = r"\u4e00-\u9fff"
_SUFFIX = r"(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|局|委|办|厅|署|院|中心|所|站|队|会|处|政府)"
_TITLE = re.compile(r"(?P<agency>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<rest>.*?报告)")
_TITLE_AGENCY_AFTER = re.compile(
    rf"^度?(?P<agency>[{_CJK}]{{2,30}}?)(?:政府信息公开|政务公开|信息公开)"
)
_SUBJECT = re.compile(rf"要求\s*[,，:：]\s*(?P<a>[{_CJK}]{{2,25}}?{_SUFFIX})")
_APPROVER = re.compile(
    rf"经(?P<a>[{_CJK}]{{2,25}}?(?:人民政府办公室|人民政府办公厅|政府办公室))(?:审定|审核|审批|批准|审议)"
)
_COMPILER = re.compile(
    rf"由(?P<c>[{_CJK}]{{2,30}}?{_SUFFIX})(?:负责)?(?:编制|编写|起草|汇总|编印|制作)"
)
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计时间|统计期|数据为|数据统计|统计范围|时间范围|期限为|所列数据)"
    r"[^。]{0,20}?(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
)
_PERIOD_LOOSE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—|～|~)"
)
_YEAR_TEXT = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度")
_RELATIVE = "省市县区州旗盟"
_NOT_PLACE = "本全我该各此每"
# One regex instead of three generator scans per candidate place.
_PLACE = re.compile(rf"(?![{_NOT_PLACE}])(?:(?![{_RELATIVE}])[{_CJK}])+")
_TITLE_WORDS = ("政府信息公开", "政务公开", "信息公开")
_MAX_TITLE = 80
_FRONT_LINES = 8
_SENTENCE = re.compile(r"[。：:，,；;]")
_REPORT_WORDS = r"(?:政府信息公开|政务公开|信息公开)"
# ``现公布荷塘区桂花街道办事处2019年政府信息公开工作年度报告``, ``现将河西街道2019年度…报告如下``
_ANNOUNCE = re.compile(
    rf"(?:现|特)(?:向社会)?(?:予以)?(?:公布|将|发布|印发)(?P<agency>[{_CJK}]{{0,30}}?)"
    rf"(?P<year>(?:19|20)\d{{2}})\s*年度?(?:本机关|本单位|我局|我委|我办)?{_REPORT_WORDS}"
)
# ``2021年，海口市龙华区司法局认真贯彻落实…``
_YEAR_SUBJECT = re.compile(
    rf"^(?P<year>(?:19|20)\d{{2}})\s*年(?:度|以来)?\s*[,，]\s*(?P<agency>[{_CJK}]{{2,30}}?{_SUFFIX})"
    r"(?=认真|深入|全面|坚持|紧紧|始终|严格|高度|切实|积极|进一步|以|在|按照|围绕|持续|不断)"
)
_SELF = ("我", "本", "该")  # 我局, 本机关: the agency is not named
# A web page's 索引号 / 发布机构 / 发布日期 block.
_PUBLISHER = re.compile(
    rf"(?:发布机构|发文机关|发布单位|来源单位)\s*[:：]\s*(?P<a>[{_CJK}]{{2,30}})"
)
_PUBLISHED = re.compile(
    r"(?:发布日期|发布时间|成文日期|公开日期|生成日期)\s*[:：]\s*"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
_PAGE_LINES = 60


def read_meta(lines: list[str], front_end: int, full_text: Callable[[], str]) -> Meta:
    """Meta from the printed lines; ``front_end`` is the index of the first section heading."""
    meta = Meta()
    front = [(i, t.strip()) for i, t in enumerate(lines[: max(front_end, 1)]) if t.strip()][
        :_FRONT_LINES
    ]
    _title(meta, front)
    _page_block(meta, lines[: min(max(front_end, 1), _PAGE_LINES)])
    paragraph = fold(
        " ".join(t for _, t in front if len(t) > _MAX_TITLE or meta.title is None)[:3000]
    )
    if meta.agency is None or meta.year is None:
        _from_sentence(meta, [fold(t) for _, t in front])
    if meta.agency is None:
        _agency_from_paragraph(meta, paragraph, full_text)
    else:
        compiler = _COMPILER.search(paragraph)
        meta.compiler = _complete(compiler["c"], full_text) if compiler else None
    if meta.year is None:
        _year_from_text(meta, paragraph)
    return meta


def _title_lines(front: list[tuple[int, str]]):
    """Each short front line, and each line joined with the next one when a title printed
    over two lines breaks inside a phrase (``…2022年政府信息`` / ``公开工作年度报告``)."""
    for n, (_, text) in enumerate(front):
        if len(text) > _MAX_TITLE:
            continue
        yield n, text
        nxt = front[n + 1][1] if n + 1 < len(front) else ""
        if nxt and len(text + nxt) <= _MAX_TITLE and not _SENTENCE.search(text + nxt):
            yield n, text + nxt


def _title(meta: Meta, front: list[tuple[int, str]]) -> None:
    for n, text in _title_lines(front):
        folded = fold(text)
        m = _TITLE.search(folded)
        if m is None or not any(w in folded for w in _TITLE_WORDS):
            continue
        if _SENTENCE.search(m["agency"]) or _ANNOUNCE.search(folded):
            continue  # a sentence presenting the report, not its title (_from_sentence)
        agency = _clean(m["agency"])
        printed = text
        if not agency:
            after = _TITLE_AGENCY_AFTER.match(squeeze(m["rest"]))
            if after and not after["agency"].startswith(("政府", "年")):
                agency = after["agency"]
            elif (
                n > 0
                and len(front[n - 1][1]) <= 30
                and not re.search(r"[。：:，,]", front[n - 1][1])
            ):
                agency = _clean(fold(front[n - 1][1]))
                printed = front[n - 1][1] + text
        meta.title = printed
        meta.year, meta.year_from = int(m["year"]), "title"
        if agency:
            meta.agency, meta.agency_from = agency, "title"
        return


def _clean(text: str) -> str:
    text = squeeze(text).lstrip("#").strip("“”\"'《》〈〉:：,，、.。-—")
    return text[2:] if text.startswith("关于") else text


def _page_block(meta: Meta, lines: list[str]) -> None:
    """``发布机构：…`` and ``发布日期：2022-01-20`` of a page's 索引号 block (page chrome)."""
    for line in lines:
        text = fold(line)
        if "发布" not in text and "成文" not in text and "公开日期" not in text:
            continue
        publisher = _PUBLISHER.search(text)
        if publisher and meta.agency is None:
            meta.agency, meta.agency_from = publisher["a"], "page"
        date = _PUBLISHED.search(text)
        if date and meta.published is None:
            try:
                meta.published = dt.date(int(date["y"]), int(date["m"]), int(date["d"]))
            except ValueError:  # 2022-02-30: not a date, left unread
                continue
            meta.published_from = "page"


def _from_sentence(meta: Meta, lines: list[str]) -> None:
    """Agency and year from the sentence that presents the report, when there is no title.

    A self-reference (``现公布我局2022年…``) gives the year only: the agency stays unknown."""
    sentences = (s for line in lines for s in _SENTENCE_SPLIT.split(line))
    for sentence in islice(sentences, 24):
        m = _ANNOUNCE.search(sentence) or _YEAR_SUBJECT.search(sentence.strip())
        if m is None:
            continue
        agency = _clean(m["agency"]) or _self_reference(sentence)
        if meta.agency is None and agency.startswith(_SELF):
            meta.extra["agency_unnamed"] = agency  # said so by the extractor; never guessed
        elif meta.agency is None and len(agency) >= 2:
            meta.agency, meta.agency_from = agency, "first_paragraph"
        if meta.year is None:
            meta.year, meta.year_from = int(m["year"]), "first_paragraph"
        return


_SENTENCE_SPLIT = re.compile(r"[。；;\n]")
_SELF_NAME = re.compile(r"(?:本|我)(?:机关|单位|局|委|办|厅|院|部门|府)")


def _self_reference(sentence: str) -> str:
    m = _SELF_NAME.search(sentence)
    return m.group(0) if m else ""


def _agency_from_paragraph(meta: Meta, paragraph: str, full_text: Callable[[], str]) -> None:
    compiler = _COMPILER.search(paragraph)
    if compiler:
        meta.compiler = _complete(compiler["c"], full_text)
    subject = _SUBJECT.search(paragraph)
    if subject and subject["a"][0] not in "由经按根结现特将我本":
        meta.agency, meta.agency_from = _complete(subject["a"], full_text), "first_paragraph"
        return
    approver = _APPROVER.search(paragraph)
    if approver:
        government = re.sub(r"办公室$|办公厅$", "", approver["a"])
        meta.agency, meta.agency_from = _complete(government, full_text), "first_paragraph"
        return
    if meta.compiler:
        meta.agency, meta.agency_from = meta.compiler, "compiler"


def _complete(name: str, full_text: Callable[[], str]) -> str:
    """``市司法局`` → ``抚顺市司法局``: prefix a relative name with the place printed most
    often right before it."""
    if not name or name[0] not in _RELATIVE:
        return name
    text = full_text()
    level = name[0]
    counts: Counter[str] = Counter()
    seen: set[str] = set()  # a name recurs dozens of times after the same few places
    start = text.find(name)
    while start != -1:
        for k in (2, 3, 4):
            place = text[max(start - k, 0) : start]
            if len(place) == k and place not in seen:
                seen.add(place)
                if _is_place(place):
                    counts[place] = text.count(place + level)
        start = text.find(name, start + 1)
    if not counts:
        return name
    best = max(counts, key=lambda p: (counts[p], len(p)))
    return best + name


def _is_place(text: str) -> bool:
    """Chinese characters only, not a relative level (市, 县…), not opening with 本/全/我…"""
    return _PLACE.fullmatch(text) is not None


def _year_from_text(meta: Meta, paragraph: str) -> None:
    for pattern, how in ((_PERIOD, "period"), (_PERIOD_LOOSE, "period"), (_YEAR_TEXT, "text")):
        m = pattern.search(paragraph)
        if m:
            meta.year, meta.year_from = int(m["year"]), how
            return
