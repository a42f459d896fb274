"""What the office's pages print, as plain data: a unit's dossier with the form's tables
(:mod:`xxgk.web.report_view`) annotated with last year's values, the supervisor's comments and
the findings' marks; a roll-up with its differences on the cells. Pure data, no office logic
(that is :mod:`xxgk.office`)."""

from __future__ import annotations

from typing import Any

from xxgk import form
from xxgk.model import Report
from xxgk.render import content, layout
from xxgk.web import report_view


def anchors(report: Report) -> dict[str, tuple[str, str, str]]:
    """``anchor id → (table, row, column)`` for every value cell of the form."""
    out = {}
    for name in report_view.TABLE_NUMBERS:
        grid = layout.grid(name, content.edition(report, report.table(name)))
        for cell in grid.values():
            if cell.key:
                out[report_view.anchor_id(name, *cell.key)] = (name, *cell.key)
    return out


def _text(value: Any) -> str:
    return "" if value is None else content.number_text(value)


def annotate(
    tables: list[dict[str, Any]],
    report: Report,
    *,
    notes: dict[tuple[str, str, str], dict[str, Any]],
) -> None:
    """Add to each value cell what ``notes`` says of it (``previous``, ``comments``,
    ``published`` …) and a CSS class per note kind."""
    keys = anchors(report)
    for table in tables:
        for row in table["head"] + table["body"]:
            for cell in row:
                key = keys.get(cell.get("id", ""))
                note = notes.get(key) if key else None
                if note:
                    cell.update(note)
                    extra = " ".join(f"note-{k}" for k in note if k != "label")
                    cell["class"] = f"{cell.get('class', '')} {extra}".strip()


def cell_notes(dossier: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    notes: dict[tuple[str, str, str], dict[str, Any]] = {}
    for key, before in dossier["changes"].items():
        notes.setdefault(key, {})["previous"] = _text(before) or "空"
    for comment in dossier["comments"]:
        if comment["table"] and comment["row"] and comment["column"]:
            key = (comment["table"], comment["row"], comment["column"])
            notes.setdefault(key, {}).setdefault("comments", []).append(comment["text"])
    return notes


def unit_page(dossier: dict[str, Any]) -> dict[str, Any]:
    """The unit page's data (JSON-ready)."""
    report: Report | None = dossier["report"]
    previous: Report | None = dossier["previous"]
    data = {k: v for k, v in dossier.items() if k not in ("report", "previous", "changes")}
    data["changes"] = [
        {"table": t, "row": r, "column": c, "label": form.cell_label(t, r, c), "previous": v}
        for (t, r, c), v in dossier["changes"].items()
    ]
    data["report"] = report.to_dict() if report else None
    data["previous_title"] = content.title(previous) if previous else None
    if report is not None:
        shown = report_view.view(report)
        annotate(shown["tables"], report, notes=cell_notes(dossier))
        data["tables"] = shown["tables"]
        data["title"] = shown["title"]
        data["cell_choices"] = _cell_choices(report, dossier)
    else:
        data["tables"], data["title"], data["cell_choices"] = [], None, []
    data["section_choices"] = [{"key": s.key, "label": s.heading} for s in form.SECTIONS]
    return data


def _cell_choices(report: Report, dossier: dict[str, Any]) -> list[dict[str, str]]:
    """Cells worth commenting on first: those with findings, then those that changed."""
    keys: list[tuple[str, str, str]] = []
    for group in ("open", "confirmed", "dismissed"):
        for finding in dossier["findings"][group]:
            cell = report_view.target(report, _finding(finding))
            if cell and cell not in keys:
                keys.append(cell)
    keys += [k for k in dossier["changes"] if k not in keys]
    return [
        {"key": ".".join(k), "label": f"表{report_view.TABLE_NUMBERS[k[0]]} {form.cell_label(*k)}"}
        for k in keys[:60]
        if k[0] in report_view.TABLE_NUMBERS
    ]


def _finding(data: dict[str, Any]):
    from xxgk.model import Finding

    return Finding.from_dict(data)
