"""``xxgk ledger …`` through the real entry point (``xxgk.cli.main`` and the installed script)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import xxgk
from ledger_support import db_target  # noqa: F401  (fixture)
from xxgk.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


@pytest.mark.usefixtures("english")
def test_hypothetical_due_date_real_script():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "xxgk",
            "ledger",
            "due",
            "--received",
            "2024-09-25",
            "--db",
            "/nonexistent/x.db",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.startswith(
        "xxgk: error: /nonexistent/x.db: no ledger here"
    )
    done = subprocess.run(
        [sys.executable, "-m", "xxgk", "ledger", "due", "--received", "2024-09-25"],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2024-10-28"


def test_hypothetical_due_with_correction_extension_and_unknown_year(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XXGK_DB", raising=False)
    assert (
        run(capsys, "ledger", "due", "--received", "2024-09-25", "--extended")[1].strip()
        == "2024-11-25"
    )
    assert (
        run(capsys, "ledger", "due", "--received", "2024-09-25", "--corrected", "2024-10-14")[
            1
        ].strip()
        == "2024-11-11"
    )
    code, out, _ = run(capsys, "ledger", "due", "--received", "2026-12-21", "--format", "json")
    assert json.loads(out)["warnings"] == ["calendar unknown for 2027"] and code == 0


@pytest.mark.usefixtures("english")
def test_workflow(capsys, db_target, tmp_path):  # noqa: F811
    db = ["--db", db_target]
    assert run(capsys, "ledger", "init", *db, "--agency", "示例县交通运输局")[0] == 0
    assert (
        run(
            capsys,
            "ledger",
            "add",
            "R1",
            *db,
            "--type",
            "natural_person",
            "--received",
            "2024-09-25",
            "--by",
            "王",
        )[0]
        == 0
    )
    run(capsys, "ledger", "add", "R2", *db, "--type", "commercial", "--received", "2024-12-30")
    code, out, _ = run(
        capsys, "ledger", "event", "R1", "extended", *db, "--on", "2024-10-20", "--days", "20"
    )
    assert code == 0 and "open" in out
    code, out, _ = run(capsys, "ledger", "due", *db, "--today", "2024-11-20", "--format", "json")
    items = json.loads(out)["items"]
    assert [(i["request_id"], i["kind"], i["due"], i["working_days_left"]) for i in items][0] == (
        "R1",
        "answer",
        "2024-11-25",
        3,
    )
    run(
        capsys,
        "ledger",
        "event",
        "R1",
        "answered",
        *db,
        "--on",
        "2024-11-22",
        "--outcome",
        "partially_granted",
    )
    code, out, _ = run(capsys, "ledger", "report", *db, "--year", "2024", "--format", "json")
    report = xxgk.Report.from_dict(json.loads(out))
    assert report.meta.agency == "示例县交通运输局"
    assert report.table("requests").value("partially_granted", "natural_person") == 1
    assert report.table("requests").value("carried_forward", "commercial") == 1
    code, out, _ = run(
        capsys,
        "ledger",
        "report",
        *db,
        "--year",
        "2024",
        "--explain",
        "requests.carried_forward.total",
    )
    assert out.split() == ["R2"]
    code, out, _ = run(capsys, "ledger", "report", *db, "--year", "2024")
    assert "（二）部分公开" in out and "结转下年度继续办理" in out
    code, out, _ = run(capsys, "ledger", "show", "R1", *db)
    assert "by 王" in out and "partially_granted" in out
    code, out, _ = run(capsys, "ledger", "list", *db, "--state", "open", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == ["R2"]
    code, out, _ = run(capsys, "ledger", "export", *db)
    assert out.splitlines()[1].startswith(
        "R1,natural_person,2024-09-25,2024-11-22,partially_granted"
    )


@pytest.mark.usefixtures("english")
def test_refusals_are_one_line_exit_2(capsys, db_target):  # noqa: F811
    db = ["--db", db_target]
    run(capsys, "ledger", "init", *db)
    run(capsys, "ledger", "add", "R1", *db, "--type", "natural_person", "--received", "2024-09-25")
    code, out, err = run(
        capsys, "ledger", "event", "R1", "extended", *db, "--on", "2024-10-01", "--days", "30"
    )
    assert code == 2
    assert (
        err.strip()
        == "xxgk: error: request R1 field days: extended on 2024-10-01: an extension is 1–20 working days, not 30"
    )
    code, _, err = run(
        capsys, "ledger", "add", "R1", *db, "--type", "natural_person", "--received", "2024-09-25"
    )
    assert code == 2 and "duplicate request id" in err and "Traceback" not in err


@pytest.mark.usefixtures("english")
def test_calendar_extension_via_cli(capsys, db_target):  # noqa: F811
    db = ["--db", db_target]
    run(capsys, "ledger", "init", *db)
    run(capsys, "ledger", "add", "R1", *db, "--type", "natural_person", "--received", "2026-12-21")
    _, out, _ = run(capsys, "ledger", "due", *db, "--today", "2026-12-22")
    assert "2027-01-18" in out and "calendar unknown for 2027" in out
    code, _, err = run(
        capsys, "ledger", "calendar", "add", "2027-01-01", *db, "--holiday", "--note", "元旦"
    )
    assert code == 0 and "1 open request(s) recomputed" in err
    _, out, _ = run(capsys, "ledger", "due", *db, "--today", "2026-12-22")
    assert "2027-01-19" in out and "calendar unknown" not in out


def test_import_and_reconcile(capsys, db_target, tmp_path):  # noqa: F811
    db = ["--db", db_target]
    run(capsys, "ledger", "init", *db)
    csv = tmp_path / "in.csv"
    csv.write_text(
        "request_id,applicant_type,received,answered,outcome\n"
        "1,natural_person,2024-02-01,2024-02-20,granted\n"
        "2,natural_person,2024-02-01,2024-02-20,granted\n"
        "3,research,2024-12-30,,\n",
        encoding="utf-8",
    )
    assert run(capsys, "ledger", "import", str(csv), *db)[0] == 0
    _, out, _ = run(capsys, "ledger", "report", *db, "--year", "2024", "--format", "json")
    data = json.loads(out)
    # a hand-filled report that got two cells wrong: granted/natural_person 3, and forgot the carried request
    data["tables"]["requests"]["rows"]["granted"]["natural_person"] = {
        "raw": "3",
        "value": 3,
        "unit": None,
        "source": None,
    }
    data["tables"]["requests"]["rows"]["carried_forward"]["research"] = {
        "raw": "",
        "value": None,
        "unit": None,
        "source": None,
    }
    published = tmp_path / "published.json"
    published.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(
        capsys, "ledger", "reconcile", "--year", "2024", str(published), *db, "--format", "json"
    )
    assert code == 1
    diffs = [
        (d["row"], d["column"], d["published"], d["ledger"]) for d in json.loads(out)["differences"]
    ]
    assert diffs == [("granted", "natural_person", 3, 2), ("carried_forward", "research", None, 1)]


@pytest.mark.usefixtures("english")
def test_reconcile_a_published_docx(capsys, db_target, tmp_path):  # noqa: F811
    db = ["--db", db_target]
    run(capsys, "ledger", "init", *db, "--agency", "示例市司法局")
    run(capsys, "ledger", "add", "A", *db, "--type", "natural_person", "--received", "2024-03-01")
    run(
        capsys,
        "ledger",
        "event",
        "A",
        "answered",
        *db,
        "--on",
        "2024-03-05",
        "--outcome",
        "granted",
    )
    _, out, _ = run(capsys, "ledger", "report", *db, "--year", "2024", "--format", "json")
    report = xxgk.Report.from_dict(json.loads(out))
    docx = tmp_path / "published.docx"
    docx.write_bytes(xxgk.render(report, "docx"))
    code, _, err = run(capsys, "ledger", "reconcile", "--year", "2024", str(docx), *db)
    assert code == 0 and "matches" in err
    report.table("requests").set("granted", "natural_person", xxgk.Cell("2", 2))
    report.table("requests").set("granted", "total", xxgk.Cell("2", 2))
    docx.write_bytes(xxgk.render(report, "docx", allow_errors=True))
    code, out, _ = run(capsys, "ledger", "reconcile", "--year", "2024", str(docx), *db)
    assert code == 1
    assert [line.split()[0] for line in out.splitlines()] == [
        "requests.granted.natural_person",
        "requests.granted.total",
    ]


def test_fee_and_calendar_have_json_output(capsys, db_target):  # noqa: F811
    # 109号 by volume, progressive: 250 pages = 70×10 (31–100) + 100×20 (101–200) + 50×40 = 4700 元;
    # per request, the 35th of one applicant in a month falls in the 31–40 band: 200 元.
    code, out, _ = run(
        capsys, "ledger", "fee", "--method", "volume", "--pages", "250", "--format", "json"
    )
    assert code == 0 and json.loads(out)["fee_yuan"] == 4700
    code, out, _ = run(
        capsys, "ledger", "fee", "--method", "piece", "--nth", "35", "--format", "json"
    )
    assert code == 0 and json.loads(out)["fee_yuan"] == 200
    db = ["--db", db_target]
    run(capsys, "ledger", "init", *db)
    run(
        capsys,
        "ledger",
        "calendar",
        "add",
        "2027-02-06..2027-02-07",
        *db,
        "--workday",
        "--note",
        "调休",
    )
    code, out, _ = run(capsys, "ledger", "calendar", "list", *db, "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"day": "2027-02-06", "workday": True, "note": "调休"},
        {"day": "2027-02-07", "workday": True, "note": "调休"},
    ]
