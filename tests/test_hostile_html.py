"""Hostile HTML (issue 12 items 4, 5): deep nesting, a report buried under many levels,
pages too large to read in bounded memory — each one clear line, in bounded work."""

from __future__ import annotations

import time

import pytest

import xxgk
from xxgk.errors import UnreadableSource
from xxgk.read import container, htmllimits, read_bytes
from xxgk.read.html import read as read_html

REPORT = (
    "<p>三、收到和处理政府信息公开申请情况</p>"
    "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>5</td></tr></table>"
)


def _page(body: str) -> bytes:
    return f"<html><body>{body}</body></html>".encode()


def test_a_report_inside_200000_divs_is_refused_before_parsing(monkeypatch):
    import xxgk.read.html as html_reader

    def never(*args, **kw):
        raise AssertionError("Lexbor must not be given this page (its parse is quadratic)")

    monkeypatch.setattr(html_reader, "LexborHTMLParser", never)
    data = _page("<div>" * 200_000 + REPORT + "</div>" * 200_000)
    assert len(data) > 2_000_000
    started = time.monotonic()
    with pytest.raises(UnreadableSource) as err:
        read_bytes(data, "deep.html")
    assert time.monotonic() - started < 60  # was 305 s; ~1 s on an idle machine
    assert str(err.value) == (
        "deep.html: HTML nests elements 200001 deep; the limit is 400 (not a report page)"
    )


def test_a_small_page_nested_past_the_limit_is_refused_while_walking():
    """Below the pre-scan size the walker counts depth (it used to hit RecursionError)."""
    data = _page("<div>" + REPORT + "<div>" * 600 + "<p>注</p>" + "</div>" * 601)
    assert data.count(b"<") - data.count(b"</") < htmllimits.PRESCAN_OPENS
    with pytest.raises(UnreadableSource, match="nests elements deeper than 400"):
        read_bytes(data, "deep.html")


def test_nesting_within_the_limit_is_read():
    data = _page("<div>" * 300 + REPORT + "</div>" * 300)
    doc = read_bytes(data, "ok.html")
    assert [c.text for c in doc.lines[-1].cells] == ["一、本年新收政府信息公开申请数量", "5"]


def test_nesting_depth_counts_only_elements_that_nest():
    assert htmllimits.nesting_depth("<div><div><p>x</p></div><span><b>y</b></span></div>") == 3
    assert htmllimits.nesting_depth("<br><br><img><p><p><td><li>") == 0
    # stray closing tags first do not hide the nesting after them
    assert htmllimits.nesting_depth("</div>" * 50 + "<DIV>" * 70) == 70


def test_the_container_search_is_linear_under_a_deep_comb():
    """Each level holds a small paragraph and the rest of the page: weighing every level
    by its text was quadratic (300 levels × 1 MB took 129 s)."""
    from selectolax.lexbor import LexborHTMLParser

    prose = "<p>" + "本机关认真贯彻落实条例" * 30_000 + "</p>"
    data = _page("<div><p>短</p>" * 300 + REPORT + prose + "</div>" * 300)
    tree = LexborHTMLParser(data.decode())
    page = container.Page()
    found = container.find_container(tree.body, page)
    text_length = len(tree.body.text(deep=True))
    assert page.work <= (container.FILL_AT + 2) * text_length  # was ~300 × text_length
    assert found.css_first("table") is not None and len(found.css("div")) == 1  # innermost
    doc = read_html(data, "comb.html")
    assert [line.text[:4] for line in doc.lines] == ["短", "三、收到", "一、本年", "本机关认"]


def test_a_page_above_the_size_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(htmllimits, "MAX_HTML_BYTES", 1024 * 1024)
    data = _page(REPORT + "<p>" + "年" * 400_000 + "</p>")
    with pytest.raises(UnreadableSource) as err:
        read_bytes(data, "big.html")
    assert str(err.value) == (
        "big.html: HTML page is 1 MB; the limit is 1 MB (reading takes about 60 times a "
        "page's size in memory)"
    )


def test_the_documented_html_limit_is_16_mb():
    assert htmllimits.MAX_HTML_BYTES == 16 * 2**20
    big = b"<html><body>" + b" " * (16 * 2**20) + REPORT.encode() + b"</body></html>"
    with pytest.raises(xxgk.UnreadableSource, match="the limit is 16 MB"):
        xxgk.parse(big, name="big.html")
