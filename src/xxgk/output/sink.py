"""Where records go: a text stream (table, json, jsonl, csv) or a file (xlsx, sqlite).

``render`` is pure and runs in batch workers; a :class:`Sink` runs in the parent, takes one
record (and its pre-rendered text) at a time, and keeps nothing but what its format must.
"""

from __future__ import annotations

import contextlib
import sys
from typing import IO, Any, Protocol

from xxgk.errors import ConfigError, cannot_write
from xxgk.output import csv as csv_out
from xxgk.output import jsonl, jsonout
from xxgk.output import table as table_out
from xxgk.output.records import is_error

TEXT_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")
FILE_FORMATS: tuple[str, ...] = ("xlsx", "sqlite")
FORMATS: tuple[str, ...] = TEXT_FORMATS + FILE_FORMATS


class Sink(Protocol):
    def write(
        self, record: dict[str, Any] | None, text: str | None = None, prepared: Any = None
    ) -> None: ...

    def close(self) -> None: ...


def render(
    record: dict[str, Any], fmt: str, *, lang: str = "zh", command: str = "parse"
) -> str | None:
    """``record`` as text in ``fmt``; ``None`` when the format has no text for it (file formats,
    and error records in table/csv — those go to stderr as one line)."""
    if fmt == "jsonl":
        return jsonl.render(record)
    if fmt == "json":
        return jsonout.render(record)
    if is_error(record) or fmt not in TEXT_FORMATS:
        return None
    if fmt == "csv":
        return csv_out.render(record, command)
    return table_out.render(record, lang, command)


def prepare(record: dict[str, Any], fmt: str) -> Any:
    """What a file sink needs from ``record``, made where the record is made (a batch worker):
    SQLite rows; for XLSX the record itself (openpyxl's work cannot be split off)."""
    if fmt == "sqlite":
        from xxgk.output.sqlite import prepare as sqlite_rows

        return sqlite_rows(record)
    return record


class TextSink:
    """Writes rendered text; a JSON batch becomes one array, a CSV gets its header once."""

    def __init__(
        self, stream: IO[str], fmt: str, *, batch: bool, command: str, owned: bool
    ) -> None:
        self.stream, self.fmt, self.batch, self.owned = stream, fmt, batch, owned
        self.count = 0
        self.prefix = {"csv": csv_out.header(command), "json": "[\n" if batch else ""}.get(fmt, "")
        self.separator = {"json": ",\n", "table": "\n"}.get(fmt, "") if batch else ""
        self.suffix = "\n]\n" if fmt == "json" and batch else ("\n" if fmt == "json" else "")
        self.stream.write(self.prefix)

    def write(
        self, record: dict[str, Any] | None, text: str | None = None, prepared: Any = None
    ) -> None:
        if text is None:
            return
        if self.count:
            self.stream.write(self.separator)
        self.stream.write(text)
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json" and not self.batch and not self.count:
            self.suffix = ""
        self.stream.write(self.suffix)
        self.stream.flush()
        if self.owned:
            self.stream.close()


def _stdout() -> IO[str]:
    stream = sys.stdout
    if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    return stream


def open_sink(
    fmt: str,
    output: str | None = None,
    *,
    batch: bool = False,
    command: str = "parse",
    lang: str = "zh",
) -> Sink:
    """The sink for ``fmt``: stdout or ``output`` for text, ``output`` (required) for files."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in FILE_FORMATS:
        if command != "parse":
            raise ConfigError(
                f"--format {fmt} is for `xxgk parse`; `xxgk {command}` writes table, json, jsonl or csv"
            )
        if not output or output == "-":
            raise ConfigError(f"--format {fmt} writes a file: give it with -o FILE")
        return _file_sink(fmt, output)
    if output and output != "-":
        try:
            stream: IO[str] = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise cannot_write(output, exc) from None
        return TextSink(stream, fmt, batch=batch, command=command, owned=True)
    return TextSink(_stdout(), fmt, batch=batch, command=command, owned=False)


def _file_sink(fmt: str, output: str) -> Sink:
    if fmt == "xlsx":
        from xxgk.output.xlsx import XlsxSink

        return XlsxSink(output)
    from xxgk.output.sqlite import SqliteSink

    return SqliteSink(output)
