"""The loopback CMS test server for ``xxgk office fetch`` (127.0.0.1 only, bounded).

Each :class:`Site` is one HTTP server on its own port (so per-host politeness applies per site)
serving a dict of routes. A route is bytes (200), or a :class:`Route` with status, headers and
behaviour: ``redirect``, ``delay`` (a slow host), ``loop`` (endless redirects), ``huge`` (an
endless body, stopped server-side at :data:`HUGE_CAP`), ``tarpit`` (one byte per interval,
stopped at :data:`TARPIT_CAP_S`). ETags are served and ``If-None-Match`` answered with 304.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HUGE_CAP = 64 * 1024 * 1024  # bytes the "huge" route sends at most
TARPIT_CAP_S = 20.0  # seconds the tarpit trickles at most


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    redirect: str | None = None
    delay: float = 0.0
    loop: bool = False
    huge: bool = False
    tarpit: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        site.hits.append((self.path, self.headers.get("User-Agent", "")))
        route = site.route(self.path)
        if route is None:
            self._send(404, b"<html><body>404 Not Found</body></html>", "text/html")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.loop:
            self._redirect(self.path.rstrip("/") + "/x")
        elif route.redirect:
            self._redirect(route.redirect)
        elif route.huge:
            self._huge()
        elif route.tarpit:
            self._tarpit()
        else:
            self._body(route)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _body(self, route: Route) -> None:
        etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
        if route.status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(route.status, route.body, route.content_type, {"ETag": etag, **route.headers})

    def _send(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.end_headers()
        chunk = b"%PDF" + b"0" * (1024 * 1024 - 4)
        try:
            for _ in range(HUGE_CAP // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            pass

    def _tarpit(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        end = time.monotonic() + TARPIT_CAP_S
        try:
            while time.monotonic() < end:
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


class Site:
    """One loopback web site: ``routes`` maps a path (with query) to bytes or a Route."""

    def __init__(self, routes: dict[str, bytes | Route] | None = None, delay: float = 0.0) -> None:
        self.routes: dict[str, bytes | Route] = dict(routes or {})
        self.delay = delay
        self.hits: list[tuple[str, str]] = []
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.site = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str) -> Route | None:
        found = self.routes.get(path)
        if found is None:
            for prefix, r in self.routes.items():
                if isinstance(r, Route) and r.loop and path.startswith(prefix):
                    return r
            return None
        route = found if isinstance(found, Route) else Route(found)
        if self.delay and not route.delay:
            route = Route(**{**route.__dict__, "delay": self.delay})
        return route

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ------------------------------------------------------------------ CMS page shapes
_NOISE_TOP = (
    '<div class="top"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 政府信息公开年报'
    '<span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>'
    '<a href="javascript:window.print()">打印本页</a> <a href="#">无障碍</a></div>'
)
_NOISE_FOOT = '<div class="foot">网站标识码 9999000001 ICP备00000000号 访问量：{hits}</div>'


def list_page(
    title: str, items: list[tuple[str, str, str]], next_href: str | None, *, charset: str = "utf-8"
) -> bytes:
    """A column page: ``items`` are (href, link text, date); text over 20 chars is cut with … and
    the whole kept in ``title`` (as CMSs do)."""
    rows = []
    for href, text, date in items:
        shown = text if len(text) <= 20 else text[:18] + "…"
        rows.append(
            f'<li><a href="{href}" title="{text}" target="_blank">{shown}</a><span>[{date}]</span></li>'
        )
    more = f'<div class="page"><a href="{next_href}">下一页</a></div>' if next_href else ""
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{title}</title></head><body>{_NOISE_TOP}<h2>{title}</h2>"
        f'<ul class="list">{"".join(rows)}</ul>{more}{_NOISE_FOOT.format(hits=123)}</body></html>'
    )
    return html.encode("gbk" if charset.lower() in ("gbk", "gb2312") else "utf-8")


def detail_page(
    title: str,
    agency: str,
    date_line: str,
    body: str,
    attachments: list[tuple[str, str]] = (),  # type: ignore[assignment]
    *,
    meta_date: str | None = None,
    charset: str = "utf-8",
    hits: int = 1,
) -> bytes:
    """A detail page: metadata block, the body (maybe the report's tables), attachments."""
    meta = f'<meta name="PubDate" content="{meta_date}">' if meta_date else ""
    files = "".join(f'<p>附件：<a href="{href}">{text}</a></p>' for href, text in attachments)
    html = (
        f'<html><head><meta charset="{charset}">{meta}<meta name="ArticleTitle" content="{title}">'
        f"<title>{title}</title></head><body>{_NOISE_TOP}"
        f'<table class="xxgk-meta"><tr><td>索引号：000000000/2026-00001</td><td>发布机构：{agency}</td></tr>'
        f"<tr><td>{date_line}</td><td>主题分类：政务公开</td></tr></table>"
        f'<div class="article"><h1>{title}</h1>{body}{files}</div>'
        f'<div class="related">相关文章：<a href="/x/1.html">关于开展政务公开培训的通知</a></div>'
        f"{_NOISE_FOOT.format(hits=hits)}</body></html>"
    )
    return html.encode("gbk" if charset.lower() in ("gbk", "gb2312") else "utf-8")


def html_body(rendered: bytes) -> str:
    """The inside of ``<body>`` of a rendered HTML report (to embed in a CMS page)."""
    text = rendered.decode("utf-8")
    start = text.find(">", text.find("<body")) + 1
    return text[start : text.rfind("</body>")]
