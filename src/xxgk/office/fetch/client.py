"""Polite async HTTP for the fetcher (httpx + asyncio): a per-host concurrency limit and a
delay between requests to one host, timeouts (per read, and a whole-request deadline that a
tarpit cannot stretch), retries with backoff on 5xx and network errors, a User-Agent naming
xxgk, conditional GET from what the archive remembers, a maximum response size (streamed,
stopped at the limit) and a maximum number of redirects. Every response is archived."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from xxgk import __version__
from xxgk.office.errors import FetchError
from xxgk.store import Store
from xxgk.store import archive as arch

USER_AGENT = (
    f"xxgk/{__version__} (annual report collector of a government information disclosure office)"
)


@dataclass(frozen=True)
class Settings:
    per_host: int = 2
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # connect / read
    deadline: float = 60.0  # a whole request, however slowly it trickles
    retries: int = 2
    backoff: float = 1.0  # first retry after this, then doubled
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5
    max_pages: int = 5  # list pages followed per column
    concurrency: int = 16  # units fetched at once

    @classmethod
    def impolite(cls, **changes: float) -> Settings:
        """No delay, more per host: for loopback tests and benchmarks only."""
        values = {"per_host": 16, "delay": 0.0, "backoff": 0.05, **changes}
        return cls(**values)  # type: ignore[arg-type]


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    from_cache: bool = False


@dataclass
class _Host:
    gate: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0


class Client:
    """One fetch run's HTTP client (use as ``async with Client(store, settings)``)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.hosts: dict[str, _Host] = {}
        self.http = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            timeout=httpx.Timeout(settings.timeout),
            headers={"User-Agent": USER_AGENT},
        )

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    async def get(self, url: str, *, unit: str | None = None) -> Response:
        """GET ``url`` politely; archived and logged. Raises :class:`FetchError`."""
        last: FetchError | None = None
        for attempt in range(self.settings.retries + 1):
            if attempt:
                await asyncio.sleep(self.settings.backoff * 2 ** (attempt - 1))
            try:
                return await self._polite(url, unit)
            except _Retry as exc:
                last = FetchError(exc.message, path=url)
        assert last is not None
        self._log(url, unit, None, None, error=last.message)
        raise last

    async def _polite(self, url: str, unit: str | None) -> Response:
        host = self._host(url)
        async with host.gate:
            async with host.lock:
                wait = host.next_at - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.next_at = time.monotonic() + self.settings.delay
            try:
                async with asyncio.timeout(self.settings.deadline):
                    return await self._once(url, unit)
            except TimeoutError:
                message = f"超过 {self.settings.deadline:g} 秒仍未下载完（主机过慢或故意拖延）"
                self._log(url, unit, None, None, error=message)
                raise FetchError(message, path=url) from None

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        if key not in self.hosts:
            self.hosts[key] = _Host(asyncio.Semaphore(self.settings.per_host))
        return self.hosts[key]

    async def _once(self, url: str, unit: str | None) -> Response:
        before = arch.last_fetch(store=self.store, url=url)
        headers = {}
        if before and before.etag:
            headers["If-None-Match"] = before.etag
        if before and before.last_modified:
            headers["If-Modified-Since"] = before.last_modified
        try:
            async with self.http.stream("GET", url, headers=headers) as resp:
                if resp.status_code == 304 and before and before.sha256:
                    return self._cached(url, unit, resp, before)
                try:
                    content = await self._body(url, resp)
                except FetchError as exc:
                    self._log(url, unit, resp, None, error=exc.message)
                    raise
        except httpx.TooManyRedirects:
            message = f"重定向超过 {self.settings.max_redirects} 次"
            self._log(url, unit, None, None, error=message)
            raise FetchError(message, path=url) from None
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise _Retry(f"网络错误：{type(exc).__name__} {exc}".strip()) from None
        return self._keep(url, unit, resp, content)

    async def _body(self, url: str, resp: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        length = resp.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchError(f"响应过大（{int(length)} 字节，上限 {limit}）", path=url)
        chunks, size = [], 0
        async for chunk in resp.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"响应过大（超过上限 {limit} 字节，已停止下载）", path=url)
            chunks.append(chunk)
        return b"".join(chunks)

    def _keep(self, url: str, unit: str | None, resp: httpx.Response, content: bytes) -> Response:
        status = resp.status_code
        digest = None
        if content:
            with self.store.transaction():
                digest = arch.put_blob(store=self.store, content=content)
        self._log(url, unit, resp, digest)
        if status >= 500:
            raise _Retry(f"服务器错误 HTTP {status}")
        if status >= 400:
            raise FetchError(f"HTTP {status}", path=url)
        return Response(url, str(resp.url), status, content, resp.headers.get("content-type", ""))

    def _cached(
        self, url: str, unit: str | None, resp: httpx.Response, before: arch.Fetched
    ) -> Response:
        self._log(url, unit, resp, before.sha256)
        content = arch.get_blob(store=self.store, digest=before.sha256 or "") or b""
        return Response(url, before.final_url or url, 200, content, before.content_type or "", True)

    def _log(
        self,
        url: str,
        unit: str | None,
        resp: httpx.Response | None,
        digest: str | None,
        error: str | None = None,
    ) -> None:
        fetched = arch.Fetched(
            url=url,
            http_status=resp.status_code if resp is not None else None,
            sha256=digest,
            content_type=resp.headers.get("content-type") if resp is not None else None,
            etag=resp.headers.get("etag") if resp is not None else None,
            last_modified=resp.headers.get("last-modified") if resp is not None else None,
            final_url=str(resp.url) if resp is not None else None,
            error=error,
            unit_code=unit,
        )
        with self.store.transaction():
            arch.log_fetch(store=self.store, fetched=fetched)


class _Retry(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
