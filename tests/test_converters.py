"""What the converters users really run print (issue 10, item 8): a matrix.

Generated reports of both editions (one with every cell filled, one with empty cells) are
rendered by xxgk (DOCX and HTML), passed through the real converters — poppler's
``pdftotext`` with and without ``-layout`` (on LibreOffice's PDF), LibreOffice headless
DOCX→PDF, DOCX→TXT, HTML→DOCX, DOCX→DOC — and parsed back. Every cell must come back
exact, or a finding must name the row it could not place; no cell is ever wrong.

LibreOffice is slow (~1–2 s a file), so each conversion is one ``soffice`` call for all
the reports; the whole matrix runs in well under a minute on two cores.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

import xxgk
from xxgk import form
from xxgk.model import Report
from xxgk.synth import make_report
from xxgk.synth.converted import with_empty_cells

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("soffice") and shutil.which("pdftotext")),
        reason="needs LibreOffice and poppler-utils (scripts/setup installs them)",
    ),
]

REPORTS = {
    "r2019full": ("2019", 0),
    "r2019empty": ("2019", 4),
    "r2021full": ("2021", 0),
    "r2021empty": ("2021", 4),
}
# The routes that must bring every cell back exactly; the others may lose cells, but each
# lost cell's row is named by a finding.
EXACT = {"docx-pdf", "docx-txt", "html-docx", "docx-doc", "docx", "html"}
# pdftotext -layout: exact when every cell is printed; an empty cell is placed by the
# columns of the neighbouring rows, which a row printed on its own character grid (under a
# wrapped label) does not share — then the row is named by a finding (xxgk.extract.position).
EXACT_WHEN_FULL = {"pdftotext-layout"}


def _reports() -> dict[str, Report]:
    out = {}
    for n, (name, (edition, empties)) in enumerate(REPORTS.items()):
        report = make_report(random.Random(100 + n), edition)
        if empties:
            with_empty_cells(report, random.Random(n), empties)
        out[name] = report
    return out


def _soffice(target: str, files: list[Path], outdir: Path, profile: Path) -> subprocess.Popen:
    """One LibreOffice run converting ``files`` (its own profile: runs go in parallel)."""
    outdir.mkdir(exist_ok=True)
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    command += ["--norestore", "--convert-to", target, "--outdir", str(outdir)]
    return subprocess.Popen(
        [*command, *map(str, files)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _pdftotext(pdf: Path, out: Path, layout: bool) -> None:
    flags = ["-layout"] if layout else []
    subprocess.run(["pdftotext", *flags, str(pdf), str(out)], capture_output=True, check=True)


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """``{route: {report name: converted file}}``."""
    from xxgk.render import render

    root = tmp_path_factory.mktemp("converters")
    source = root / "source"
    source.mkdir()
    reports = _reports()
    for name, report in reports.items():
        (source / f"{name}.docx").write_bytes(render(report, "docx", allow_errors=True))
        (source / f"{name}.html").write_bytes(render(report, "html", allow_errors=True))
    docx = sorted(source.glob("*.docx"))
    runs = [
        _soffice("pdf", docx, root / "pdf", root / "p1"),
        _soffice("txt:Text (encoded):UTF8", docx, root / "txt", root / "p2"),
        _soffice("doc", docx, root / "doc", root / "p3"),
        _soffice(
            "docx:MS Word 2007 XML", sorted(source.glob("*.html")), root / "fromhtml", root / "p4"
        ),
    ]
    for run in runs:
        run.wait(timeout=300)
    for layout, folder in ((True, "layout"), (False, "raw")):
        (root / folder).mkdir()
        for pdf in sorted((root / "pdf").glob("*.pdf")):
            _pdftotext(pdf, root / folder / f"{pdf.stem}.txt", layout)
    routes = {
        "docx": (source, "docx"),
        "html": (source, "html"),
        "docx-pdf": (root / "pdf", "pdf"),
        "docx-txt": (root / "txt", "txt"),
        "docx-doc": (root / "doc", "doc"),
        "html-docx": (root / "fromhtml", "docx"),
        "pdftotext-layout": (root / "layout", "txt"),
        "pdftotext-raw": (root / "raw", "txt"),
    }
    out = {}
    for route, (folder, suffix) in routes.items():
        out[route] = {name: folder / f"{name}.{suffix}" for name in reports}
    out["_reports"] = reports  # type: ignore[assignment]
    return out


def _covered(got: Report) -> set[tuple[str, str]]:
    """``(table, row)`` pairs whose cells a parse finding says could not be read."""
    out: set[tuple[str, str]] = set()
    edition = got.meta.edition or "2019"
    for f in got.findings:
        if f.table is None:
            continue
        rows = [r.key for r in form.rows(f.table, edition)]
        if f.rule == "table-missing" or (f.rule == "row-cell-count" and f.row is None):
            out |= {(f.table, r) for r in rows}
        elif f.rule in ("table-truncated", "report-truncated") and f.row in rows:
            out |= {(f.table, r) for r in rows[rows.index(f.row) :]}
        elif f.rule in ("row-cell-count", "row-missing") and f.row:
            out.add((f.table, f.row))
    return out


def _compare(want: Report, got: Report) -> tuple[int, list, list]:
    """``(exact cells, wrong cells, lost cells no finding names)``."""
    exact, wrong, unnamed = 0, [], []
    covered = _covered(got)
    for name in form.TABLES:
        have = got.tables[name]
        for row, column, cell in want.tables[name].cells():
            printed = have.cell(row, column) if have is not None else None
            if printed is None:
                if (name, row) not in covered:
                    unnamed.append((name, row, column))
            elif (printed.raw, printed.value) == (cell.raw, cell.value):
                exact += 1
            else:
                wrong.append((name, row, column, printed.raw, cell.raw))
    return exact, wrong, unnamed


ROUTES = [
    "docx",
    "html",
    "docx-pdf",
    "docx-txt",
    "docx-doc",
    "html-docx",
    "pdftotext-layout",
    "pdftotext-raw",
]


def test_every_cell_back_or_named(matrix):
    """One test for the whole matrix, so that it is converted once (not once per worker)."""
    reports = matrix["_reports"]
    problems = []
    for route in ROUTES:
        for name, path in matrix[route].items():
            if route == "docx-doc" and name.endswith("full"):
                continue  # reading .doc converts again (~10 s a file): the empty-cell ones
            if not path.is_file():
                problems.append(f"{route}: the converter produced no {path.name}")
                continue
            want = reports[name]
            got = xxgk.parse(path, check=False)
            exact, wrong, unnamed = _compare(want, got)
            total = sum(1 for t in want.tables.values() for _ in t.cells())
            if wrong:  # never a wrong number
                problems.append(f"{route}/{name}: wrong cells {wrong}")
            if unnamed:  # a lost cell is a finding, not silence
                problems.append(f"{route}/{name}: lost without a finding {unnamed}")
            must = route in EXACT or (route in EXACT_WHEN_FULL and name.endswith("full"))
            if must and exact != total:
                problems.append(f"{route}/{name}: {exact} of {total} cells exact")
            meta = (got.meta.agency, got.meta.year)
            if route in EXACT and meta != (want.meta.agency, want.meta.year):
                problems.append(f"{route}/{name}: meta {meta}")
    assert problems == []
