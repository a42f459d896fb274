"""Import / export: the minimum CSV exactly as documented, XLSX, column mapping, all-or-nothing
with row-level errors, and export → import giving the same tables."""

from __future__ import annotations

import pytest

from ledger_support import db_target, ledger  # noqa: F401  (fixtures)
from xxgk.errors import LedgerError
from xxgk.ledger.book import Ledger
from xxgk.ledger.importer import ImportFailed, export, import_file

MINIMUM = """request_id,applicant_type,received,answered,outcome
2024-001,natural_person,2024-03-01,2024-03-15,granted
2024-002,commercial,2024-03-02,2024-03-20,denied.third_party
2024-003,natural_person,2024-12-20,,
2024-004,legal_service,2024-05-06,2024-05-30,other.no_correction
2023-099,natural_person,2023-12-25,2024-01-05,partially_granted
"""


def write(tmp_path, text: str, name: str = "ledger.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_minimum_csv_exactly_as_written(ledger, tmp_path):  # noqa: F811
    assert import_file(ledger, write(tmp_path, MINIMUM)) == 5
    t = ledger.report(2024).table("requests")
    # new 2024: np 2 (001, 003), commercial 1, legal 1; carried over np 1 (2023-099)
    assert (t.value("new_received", "natural_person"), t.value("new_received", "total")) == (2, 4)
    assert t.value("carried_over", "natural_person") == 1
    assert (
        t.value("granted", "natural_person"),
        t.value("partially_granted", "natural_person"),
    ) == (1, 1)
    assert (
        t.value("denied.third_party", "commercial"),
        t.value("other.no_correction", "legal_service"),
    ) == (1, 1)
    assert (t.value("carried_forward", "natural_person"), t.value("total", "total")) == (1, 4)
    assert [i.request_id for i in ledger.due("2024-12-23")] == ["2024-003", "2024-003"]


def test_optional_columns(ledger, tmp_path):  # noqa: F811
    text = (
        "request_id,applicant_type,received,answered,outcome,channel,correction_requested,correction_received,"
        "extended,consultation_days,fee_notice,fee_paid\n"
        "A,natural_person,2024-09-25,,,internet,,,yes,,,\n"
        "B,research,2024-09-25,,,post,2024-09-27,2024-10-14,,5,,\n"
        "C,natural_person,2024-09-25,,,,,,,,2024-09-30,\n"
    )
    import_file(ledger, write(tmp_path, text))
    # A: 2024-10-28 + 20 (extension) = 11-25.  B: corrected 10-14 → 11-11, + 5 wd consultation →
    # 12..15 (4), 18 (5) = 11-18.  C: fee notice outstanding → no answer date.
    assert ledger.show("A").deadlines.answer.day.isoformat() == "2024-11-25"
    assert ledger.show("A").state.channel == "internet"
    assert ledger.show("B").deadlines.answer.day.isoformat() == "2024-11-18"
    assert (
        ledger.show("C").state.state == "fee_pending" and ledger.show("C").deadlines.answer is None
    )


def test_bad_rows_are_all_reported_and_nothing_is_written(ledger, tmp_path):  # noqa: F811
    text = (
        "request_id,applicant_type,received,answered,outcome\n"
        "OK1,natural_person,2024-03-01,2024-03-15,granted\n"
        "B1,natural_person,2024-13-01,,\n"  # row 3
        "B2,company,2024-03-01,,\n"  # row 4
        "B3,natural_person,2024-03-10,2024-03-01,granted\n"  # row 5: answered before received
        "B4,natural_person,2024-03-10,2024-03-20,approved\n"  # row 6
        "OK1,natural_person,2024-03-01,,\n"  # row 7: duplicate id
        "B5,natural_person,1999-03-01,,\n"  # row 8: outside any calendar
        "B6,natural_person,2024-03-10,,granted\n"  # row 9: outcome without date
    )
    with pytest.raises(ImportFailed) as info:
        import_file(ledger, write(tmp_path, text))
    assert info.value.errors == [
        "row 3, field received: 2024-13-01: there is no month 13",
        "row 4, field applicant_type: unknown applicant type 'company' (one of natural_person, commercial, research, social_welfare, legal_service, other_org, or the form's label: 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他)",
        "row 5, field answered: answered on 2024-03-01: before the request was received on 2024-03-10",
        "row 6, field outcome: unknown outcome 'approved' (a requests row key such as granted, denied.third_party, other.no_correction, or its label: 予以公开, 保护第三方合法权益 …)",
        "row 7, field request_id: duplicate id OK1 (also row 2)",
        "row 8, field received: 1999-03-01 is outside any calendar (2004–2099)",
        "row 9, field answered: an outcome needs the date it was answered",
    ]
    assert ledger.list() == []


def test_ids_already_in_the_ledger_refuse_the_whole_file(ledger, tmp_path):  # noqa: F811
    ledger.add("2024-002", "commercial", "2024-03-02")
    with pytest.raises(LedgerError, match="already in the ledger.*2024-002"):
        import_file(ledger, write(tmp_path, MINIMUM))
    assert [r["id"] for r in ledger.list()] == ["2024-002"]


def test_missing_column_is_named(ledger, tmp_path):  # noqa: F811
    with pytest.raises(LedgerError, match="missing column.*outcome"):
        import_file(
            ledger,
            write(
                tmp_path,
                "request_id,applicant_type,received,answered\nA,natural_person,2024-01-02,\n",
            ),
        )


def test_xlsx_with_mapping_and_chinese_type_labels(ledger, tmp_path):  # noqa: F811
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "申请人类型", "收到日期", "答复日期", "办理结果"])
    sheet.append(["X1", "自然人", dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 8), "granted"])
    sheet.append(["X2", "商业企业", dt.date(2024, 3, 4), None, None])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    mapping = {
        "编号": "request_id",
        "申请人类型": "applicant_type",
        "收到日期": "received",
        "答复日期": "answered",
        "办理结果": "outcome",
    }
    assert import_file(ledger, path, mapping) == 2
    rows = {r["id"]: r for r in ledger.list()}
    assert (rows["X1"]["applicant_type"], rows["X1"]["outcome"]) == ("natural_person", "granted")
    assert (rows["X2"]["applicant_type"], rows["X2"]["state"]) == ("commercial", "open")


def test_export_then_import_gives_the_same_tables(ledger, tmp_path, db_target):  # noqa: F811
    ledger.add("E1", "natural_person", "2024-09-25")
    ledger.event("E1", "consultation_started", "2024-10-08")
    ledger.event("E1", "consultation_ended", "2024-10-15")
    ledger.add("E2", "research", "2024-12-20")
    ledger.event("E2", "correction_requested", "2024-12-23")
    ledger.event("E2", "correction_received", "2025-01-06")
    ledger.event("E2", "answered", "2025-01-20", {"outcome": "unavailable.not_held"})
    ledger.event("E1", "withdrawn", "2024-10-20")
    ledger.add("E3", "commercial", "2024-11-01")
    ledger.event("E3", "extended", "2024-11-20", {"days": 15})
    out = tmp_path / "export.csv"
    export(ledger, out)
    assert out.read_text("utf-8").splitlines()[0] == (
        "request_id,applicant_type,received,answered,outcome,channel,correction_requested,"
        "correction_received,extended,consultation_days,fee_notice,fee_paid,"
        "extended_on,consultation_started,consultation_party"
    )
    other = Ledger.init(tmp_path / "copy.db")
    import_file(other, out)
    for year in (2024, 2025):
        assert other.report(year).to_dict()["tables"] == ledger.report(year).to_dict()["tables"]
    assert other.show("E3").deadlines.answer == ledger.show("E3").deadlines.answer
    xlsx = tmp_path / "export.xlsx"
    export(ledger, xlsx)
    third = Ledger.init(tmp_path / "third.db")
    import_file(third, xlsx)
    assert third.report(2024).to_dict()["tables"] == ledger.report(2024).to_dict()["tables"]
