"""One fetch run: every unit with a 年报 column, concurrently (politely per host)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Sequence

from xxgk.office.errors import FetchError, OfficeError
from xxgk.office.fetch import links as lk
from xxgk.office.fetch.client import Client, Response, Settings
from xxgk.office.ingest import Ingested, Parsed, ingest, parse_bytes
from xxgk.store import Store
from xxgk.store import units as uq
from xxgk.store.units import Unit


def fetch(
    *,
    store: Store,
    year: int,
    units: Sequence[str] | None = None,
    settings: Settings | None = None,
    progress: Callable[[Ingested], None] | None = None,
) -> list[Ingested]:
    """Fetch ``year``'s report of every unit (or of ``units``) that has a ``report_page``."""
    chosen = [u for u in uq.list_units(store=store) if u.report_page]
    if units:
        chosen = [u for u in chosen if u.code in set(units)]
    if not chosen:
        raise OfficeError("没有设置年报栏目网址（report_page）的单位可供下载")
    names = {
        u.code: [u.name, *(a[0] for a in uq.aliases(store=store, code=u.code))] for u in chosen
    }
    return asyncio.run(_all(store, year, chosen, names, settings or Settings(), progress))


async def _all(
    store: Store,
    year: int,
    chosen: list[Unit],
    names: dict[str, list[str]],
    settings: Settings,
    progress: Callable[[Ingested], None] | None,
) -> list[Ingested]:
    gate = asyncio.Semaphore(settings.concurrency)
    async with Client(store, settings) as client:

        async def one(unit: Unit) -> Ingested:
            async with gate:
                item = await _unit(client, store, year, unit, names[unit.code])
            if progress:
                progress(item)
            return item

        return list(await asyncio.gather(*(one(u) for u in chosen)))


async def _unit(client: Client, store: Store, year: int, unit: Unit, names: list[str]) -> Ingested:
    assert unit.report_page
    try:
        link = await _find_link(client, unit, year, names)
        if link is None:
            return Ingested(
                unit.report_page, "failed", unit.code, year, "栏目中没有找到该年度的年报链接"
            )
        return await _detail(client, store, year, unit, link)
    except FetchError as exc:
        return Ingested(exc.path or unit.report_page, "failed", unit.code, year, exc.message)


async def _find_link(client: Client, unit: Unit, year: int, names: list[str]) -> lk.Link | None:
    assert unit.report_page
    queue, seen = [unit.report_page], {unit.report_page}
    while queue and len(seen) <= client.settings.max_pages:
        page = await client.get(queue.pop(0), unit=unit.code)
        html = lk.decode(page.content)
        found = lk.report_links(html, page.final_url, year, names)
        if found:
            return found[0]
        for url in lk.next_pages(html, page.final_url, seen):
            seen.add(url)
            queue.append(url)
    return None


async def _detail(client: Client, store: Store, year: int, unit: Unit, link: lk.Link) -> Ingested:
    page = await client.get(link.url, unit=unit.code)
    if lk.is_file(page.final_url, page.content_type):
        return _record(store, year, unit, page, None, lk.file_name(page.final_url))
    html = lk.decode(page.content)
    published = lk.published_date(html)
    body = parse_bytes(page.content, "page.html")
    if body.report is not None:
        return _record(store, year, unit, page, published, "page.html", body)
    problems = [body.problem or ""]
    for attachment in lk.attachments(html, page.final_url):
        try:
            file = await client.get(attachment.url, unit=unit.code)
        except FetchError as exc:
            problems.append(f"{attachment.url}：{exc.message}")
            continue
        parsed = parse_bytes(file.content, lk.file_name(attachment.url))
        if parsed.report is not None:
            return _record(store, year, unit, file, published, lk.file_name(file.final_url), parsed)
        problems.append(f"{attachment.url}：{parsed.problem}")
    note = Parsed(None, "；".join(p for p in problems if p) or "页面不是年度报告")
    return _record(store, year, unit, page, published, "page.html", note)


def _record(
    store: Store,
    year: int,
    unit: Unit,
    resp: Response,
    published: dt.date | None,
    name: str,
    parsed: Parsed | None = None,
) -> Ingested:
    return ingest(
        store=store,
        content=resp.content,
        name=name,
        source=resp.url,
        source_kind="web",
        year=year,
        unit=unit.code,
        published=(published, "page") if published else None,
        parsed=parsed,
    )
