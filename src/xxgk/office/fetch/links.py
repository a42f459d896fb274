"""Reading a 年报 column and a detail page (see ../shared/spec/sites.md): the link to a
year's report (link text or ``title`` naming the year and 年度报告, 年报解读/图解 left out),
the next list page, the detail page's publication date, and its attachments."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from xxgk.office.names import name_key

_REPORT_WORDS = ("年度报告", "年报")
_NOT_REPORTS = ("解读", "图解", "一图读懂", "政策问答")
_NEXT = ("下一页", "下页", "后一页")
_PAGE = re.compile(r"(?:index_(\d+)\.s?html?|[?&](?:page|pageNo|p)=(\d+))", re.I)
_DATE_LABEL = re.compile(
    r"(?:发布日期|发布时间|发文日期|成文日期|公开日期)\s*[:：]?\s*"
    r"(20\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)
_META_DATE = re.compile(r"(20\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# A title naming an agency: ``××局2025年…`` — on a shared column, someone else's report.
_AGENCY_BEFORE_YEAR = re.compile(
    r"(?:局|委员会|委|办公室|办事处|政府|镇|街道|乡|厅|院|中心|公司)\s*(?:19|20)\d{2}\s*年"
)
FILE_SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".ofd", ".xlsx", ".xls", ".zip")


@dataclass(frozen=True)
class Link:
    url: str
    text: str


def decode(content: bytes) -> str:
    from xxgk.read.html import decode as html_decode

    return html_decode(content)[0]


def _links(html: str, base: str) -> list[Link]:
    tree = HTMLParser(html)
    out = []
    for a in tree.css("a"):
        href = (a.attributes.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        text = " ".join(filter(None, [a.text(strip=True), a.attributes.get("title") or ""]))
        out.append(Link(urljoin(base, href), text))
    return out


def names_year(text: str, year: int) -> bool:
    compact = re.sub(r"\s+", "", text)
    return any(
        token in compact
        for token in (f"{year}年", f"{year}年度", f"（{year}）", f"({year})", f"{year}）")
    )


def is_interpretation(text: str) -> bool:
    return any(word in text for word in _NOT_REPORTS)


def report_links(html: str, base: str, year: int, names: list[str]) -> list[Link]:
    """The links naming ``year``'s report of this unit: those naming it (``names``), else
    those naming no agency at all (a column of one agency); never another agency's."""
    found = [
        link
        for link in _links(html, base)
        if names_year(link.text, year)
        and any(w in link.text for w in _REPORT_WORDS)
        and not is_interpretation(link.text)
    ]
    keys = [name_key(n) for n in names if n]
    mine = [link for link in found if any(k and k in name_key(link.text) for k in keys)]
    return mine or [link for link in found if not _AGENCY_BEFORE_YEAR.search(link.text)]


def next_pages(html: str, base: str, seen: set[str]) -> list[str]:
    """List pages after this one (``下一页``, ``index_N.html``, ``?page=N``), not yet seen."""
    out = []
    base_host = urlsplit(base).netloc
    for link in _links(html, base):
        if link.url in seen or urlsplit(link.url).netloc != base_host:
            continue
        if any(w in link.text for w in _NEXT) or _PAGE.search(link.url):
            out.append(link.url)
    return list(dict.fromkeys(out))


def published_date(html: str) -> dt.date | None:
    """The 发布日期/发布时间 of a detail page: the ``PubDate`` meta tag, else the labelled date."""
    tree = HTMLParser(html)
    for meta in tree.css("meta"):
        name = (meta.attributes.get("name") or "").lower()
        if name in ("pubdate", "publishdate", "firstpublishedtime"):
            m = _META_DATE.search(meta.attributes.get("content") or "")
            if m:
                return _date(m)
    body = tree.body.text(separator=" ") if tree.body else html
    m = _DATE_LABEL.search(body)
    return _date(m) if m else None


def _date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def attachments(html: str, base: str) -> list[Link]:
    """Links to report files (PDF, DOC, DOCX, WPS, OFD, XLS(X), ZIP) on a detail page."""
    out = [
        link
        for link in _links(html, base)
        if urlsplit(link.url).path.lower().endswith(FILE_SUFFIXES)
    ]
    order = {s: i for i, s in enumerate((".pdf", ".docx", ".doc", ".ofd", ".wps", ".xlsx", ".xls"))}
    return sorted(out, key=lambda lk: order.get(_suffix(lk.url), 99))


def _suffix(url: str) -> str:
    path = urlsplit(url).path.lower()
    return path[path.rfind(".") :] if "." in path else ""


def file_name(url: str) -> str:
    path = urlsplit(url).path
    return path.rsplit("/", 1)[-1] or "index.html"


def is_file(url: str, content_type: str) -> bool:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return False
    return _suffix(url) in FILE_SUFFIXES or ctype.startswith("application/")
