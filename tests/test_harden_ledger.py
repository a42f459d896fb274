"""Issue 12, ledger items 9, 14, 15, 16 (and the ledger half of 17): through the real entry point.

Each hostile import row must be refused on its own line naming row and field, with nothing
written; each CLI refusal is one line and exit 2.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk.errors import LedgerError
from xxgk.ledger.book import Ledger
from xxgk.ledger.importer import ImportFailed, import_file
from xxgk.render import render, workbook
from xxgk.render.inputs import load

ROOT = Path(__file__).resolve().parents[1]
HEADER = "request_id,applicant_type,received,answered,outcome,extended,consultation_days,channel\n"


def cli(tmp_path: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "XXGK_LANG": lang, "XXGK_USER": "t"},
    )


def _refused(tmp_path: Path, row: str) -> ImportFailed:
    path = tmp_path / "in.csv"
    path.write_text(HEADER + "R-ok,natural_person,2025-03-03,,,,,\n" + row + "\n", "utf-8")
    book = Ledger.init(str(tmp_path / "l.db"))
    with pytest.raises(ImportFailed) as failed:
        import_file(book, path)
    assert book.list() == []  # all or nothing
    return failed.value


# --------------------------------------------------------------------------- item 9


@pytest.mark.parametrize(
    "row, field, words",
    [
        ("R-1,natural_person,2025-03-03,,,,²,", "consultation_days", "whole number"),
        ("R-1,natural_person,2025-03-03,,,²,,", "extended", "number of working days"),
        ("R-1,natural_person,2025-03-03,,,,99999999,", "consultation_days", "at most"),
        ("R-\x001,natural_person,2025-03-03,,,,,", "request_id", "control character"),
        ("R-1,natural_person,2025-03-03,,,,,x\x00y", "channel", "control character"),
        ("R-1,natural_person,2025-03-03,,,,," + "长" * 200_000, "channel", "characters"),
    ],
)
def test_a_hostile_import_row_is_refused_naming_row_and_field(
    tmp_path: Path, row: str, field: str, words: str
) -> None:
    failed = _refused(tmp_path, row)
    (line,) = failed.errors
    assert line.startswith(f"row 3, field {field}: "), line
    assert words in line
    assert len(line) < 300


def test_a_huge_field_is_one_line_from_the_cli(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(
        HEADER + "R-1,natural_person,2025-03-03,,,,," + "x" * 200_000 + "\n", "utf-8"
    )
    assert cli(tmp_path, "ledger", "init").returncode == 0
    done = cli(tmp_path, "ledger", "import", "in.csv")
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert "row 2, field channel" in line and "internal error" not in line


# --------------------------------------------------------------------------- item 14


def test_add_takes_the_official_label_and_event_the_row_label(tmp_path: Path) -> None:
    assert cli(tmp_path, "ledger", "init").returncode == 0
    done = cli(tmp_path, "ledger", "add", "R-1", "--type", "自然人", "--received", "2025-03-03")
    assert done.returncode == 0, done.stderr
    done = cli(
        tmp_path, "ledger", "add", "R-2", "--type", "法律服务机构", "--received", "2025-03-03"
    )
    assert done.returncode == 0, done.stderr
    done = cli(
        tmp_path,
        "ledger",
        "event",
        "R-1",
        "answered",
        "--on",
        "2025-03-10",
        "--outcome",
        "予以公开",
    )
    assert done.returncode == 0, done.stderr
    book = Ledger(str(tmp_path / "xxgk.db"))
    states = {s.id: s for s in book.states()}
    assert states["R-1"].applicant_type == "natural_person" and states["R-1"].outcome == "granted"
    assert states["R-2"].applicant_type == "legal_service"
    assert book.explain(2025, "requests.granted.natural_person") == ["R-1"]


def test_labels_resolve_only_when_one_row_fits() -> None:
    from xxgk.ledger.inputs import applicant_key, outcome_key

    assert applicant_key("其他") == "other_org"
    assert outcome_key("（三）不予公开/4.保护第三方合法权益") == "denied.third_party"
    assert outcome_key("保护第三方合法权益") == "denied.third_party"
    assert outcome_key("其他") == "other.other"  # 3.其他: the only outcome row of that name
    assert outcome_key("不予公开") == "不予公开"  # a group, not a row: no guess
    assert outcome_key("（六）其他处理") == "other"


@pytest.mark.parametrize(
    "date, words",
    [("2025-02-30", "the day does not exist (2025-02 has 28 days)"), ("2025-13-01", "no month 13")],
)
def test_a_day_that_does_not_exist_is_named_so(tmp_path: Path, date: str, words: str) -> None:
    assert cli(tmp_path, "ledger", "init").returncode == 0
    done = cli(tmp_path, "ledger", "add", "R-1", "--type", "natural_person", "--received", date)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert words in line and "received" in line
    done = cli(tmp_path, "ledger", "due", "--today", date)
    assert done.returncode == 2 and words in done.stderr


# --------------------------------------------------------------------------- item 15


@pytest.mark.parametrize("content", ["", HEADER])
def test_an_empty_csv_is_an_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "empty.csv").write_text(content, "utf-8")
    assert cli(tmp_path, "ledger", "init").returncode == 0
    done = cli(tmp_path, "ledger", "import", "empty.csv")
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert "empty.csv" in line and ("empty" in line or "no request" in line)


def test_reconcile_refuses_another_years_report(tmp_path: Path) -> None:
    report = load(ROOT / "examples" / "data" / "example-2021.yaml")  # a 2022 report
    (tmp_path / "p.docx").write_bytes(render(report, "docx"))
    assert cli(tmp_path, "ledger", "init").returncode == 0
    done = cli(tmp_path, "ledger", "reconcile", "--year", "2025", "p.docx")
    assert done.returncode == 2, done.stdout + done.stderr
    (line,) = done.stderr.splitlines()
    assert "2022" in line and "2025" in line


# --------------------------------------------------------------------------- item 16


def test_init_takes_the_agency_and_report_writes_a_file(tmp_path: Path) -> None:
    done = cli(tmp_path, "ledger", "init", "--agency", "示例市示例区人民政府")
    assert done.returncode == 0, done.stderr
    cli(tmp_path, "ledger", "add", "R-1", "--type", "natural_person", "--received", "2025-03-03")
    done = cli(tmp_path, "ledger", "report", "--year", "2025", "--format", "json", "-o", "r.json")
    assert done.returncode == 0 and done.stdout == "", done.stderr
    record = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert record["meta"]["agency"] == "示例市示例区人民政府"
    assert record["tables"]["requests"]["rows"]["new_received"]["natural_person"]["value"] == 1
    done = cli(tmp_path, "ledger", "report", "--year", "2025", "-o", "r.txt")
    assert done.returncode == 0, done.stderr
    assert "示例市示例区人民政府" in (tmp_path / "r.txt").read_text("utf-8")
    done = cli(tmp_path, "ledger", "report", "--year", "2025", "-o", "missing/r.txt")
    assert done.returncode == 2 and "cannot write" in done.stderr


def test_the_readme_ledger_path_names_the_agency() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "xxgk ledger init --agency " in readme


# --------------------------------------------------------------------------- item 17 (ledger)


def test_ledger_refusals_are_chinese_by_default(tmp_path: Path) -> None:
    assert cli(tmp_path, "ledger", "init", lang="zh").returncode == 0
    done = cli(
        tmp_path,
        "ledger",
        "add",
        "R-1",
        "--type",
        "natural_person",
        "--received",
        "2025-02-30",
        lang="zh",
    )
    (line,) = done.stderr.splitlines()
    assert line.startswith("xxgk: 错误：") and "这一天不存在" in line
    done = cli(tmp_path, "ledger", "show", "R-9", lang="zh")
    assert "台账中没有这件申请" in done.stderr


def test_a_ledger_error_keeps_both_languages() -> None:
    error = LedgerError("no such request in the ledger", request="R-1", field="request_id")
    assert error.text("en") == "request R-1 field request_id: no such request in the ledger"


def test_the_template_of_an_unfilled_workbook_is_not_a_ledger(tmp_path: Path) -> None:
    """A workbook that is not a ledger layout is refused naming the missing columns."""
    (tmp_path / "t.xlsx").write_bytes(workbook.template("2021"))
    assert cli(tmp_path, "ledger", "init").returncode == 0
    done = cli(tmp_path, "ledger", "import", "t.xlsx")
    assert done.returncode == 2 and "missing column" in done.stderr


# --------------------------------------------------------------------------- item 20


def test_an_imported_extension_keeps_its_own_date(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "request_id,applicant_type,received,answered,outcome,extended,extended_on\n"
        "R-1,natural_person,2025-03-03,,,yes,2025-03-20\n",
        "utf-8",
    )
    book = Ledger.init(str(tmp_path / "l.db"))
    import_file(book, path)
    (state,) = book.states()
    (ext,) = [e for e in state.events if e.kind == "extended"]
    assert ext.on.isoformat() == "2025-03-20" and state.extension_days == 20
    row = next(iter(_export_rows(book)))
    assert (row["extended"], row["extended_on"]) == ("20", "2025-03-20")


def _export_rows(book: Ledger) -> list[dict[str, str]]:
    import csv
    import io

    from xxgk.ledger.importer import export

    return list(csv.DictReader(io.StringIO(export(book) or "")))


def test_export_keeps_a_consultation_still_running(tmp_path: Path) -> None:
    book = Ledger.init(str(tmp_path / "a.db"))
    book.add("R-1", "natural_person", "2025-03-03")
    book.event("R-1", "consultation_started", "2025-03-10", {"party": "third_party"})
    before = book.show("R-1").to_dict()
    (tmp_path / "x.csv").write_text(_csv(_export_rows(book)), "utf-8")
    again = Ledger.init(str(tmp_path / "b.db"))
    import_file(again, tmp_path / "x.csv")
    after = again.show("R-1").to_dict()
    assert before["state"] == after["state"] == "consulting"
    assert before["deadlines"] == after["deadlines"]
    assert after["deadlines"]["reply"] is not None


def _csv(rows: list[dict[str, str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_extending_the_calendar_reads_the_open_requests_at_once(tmp_path: Path) -> None:
    import datetime as dt

    book = Ledger.init(str(tmp_path / "l.db"))
    for i in range(40):
        book.add(f"R-{i:03d}", "natural_person", dt.date(2025, 3, 3) + dt.timedelta(days=i))
    due_before = {r["id"]: r["answer_due"] for r in book.list()}
    reads: list[str] = []
    original = book.store.all

    def counting(sql: str, params=()):  # noqa: ANN001, ANN202
        reads.append(sql)
        return original(sql, params)

    book.store.all = counting  # type: ignore[method-assign]
    n = book.add_calendar_days([(dt.date(2025, 3, 31), False, "假日")])
    assert n == 40
    assert len(reads) <= 4, reads  # not one events query per open request
    book.store.all = original  # type: ignore[method-assign]
    moved = {r["id"] for r in book.list() if r["answer_due"] != due_before[r["id"]]}
    assert moved and "R-000" in moved  # the holiday moved the deadlines that span it


def test_a_late_correction_notice_and_a_late_extension_are_warned(tmp_path: Path) -> None:
    book = Ledger.init(str(tmp_path / "l.db"))
    book.add("R-1", "natural_person", "2025-03-03")  # notice due by 2025-03-12 (7 working days)
    book.event("R-1", "correction_requested", "2025-03-20")
    book.event("R-1", "correction_received", "2025-03-24")
    book.add("R-2", "natural_person", "2025-03-03")  # answer due 2025-03-31 (20 working days)
    book.add("R-3", "natural_person", "2025-03-03")
    book.event("R-2", "extended", "2025-04-10", {"days": 20})
    book.event("R-3", "extended", "2025-03-20", {"days": 20})  # in time: no warning
    rows = {r["id"]: r["warnings"] or "" for r in book.list()}
    assert "补正告知" in rows["R-1"] and "2025-03-12" in rows["R-1"]
    assert "延长答复期限" in rows["R-2"] and "2025-03-31" in rows["R-2"]
    assert rows["R-3"] == ""
    items = {i.request_id: i for i in book.due("2025-04-11")}
    assert any("延长答复期限" in w for w in items["R-2"].warnings)
    assert any("补正告知" in w for w in items["R-1"].warnings)
    shown = book.show("R-2").to_dict()
    assert any("延长答复期限" in w for w in shown["deadlines"]["answer"]["warnings"])
