"""JSON output: exact Decimals, UTF-8 text, and the shipped JSON Schema matching Report.to_dict()."""

from __future__ import annotations

import random
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xxgk
from xxgk.model import Cell, Finding, Report, Table
from xxgk.output.jsonout import dumps, loads
from xxgk.synth import make_report

VALIDATOR = jsonschema.Draft202012Validator(xxgk.schema())


def _defs(name: str) -> jsonschema.Draft202012Validator:
    schema = dict(xxgk.schema())
    schema.pop("oneOf")
    schema["$ref"] = f"#/$defs/{name}"
    return jsonschema.Draft202012Validator(schema)


def test_decimal_is_written_digit_for_digit() -> None:
    assert dumps({"v": Decimal("8827.8344")}) == '{"v": 8827.8344}'
    assert dumps([Decimal("0.10"), Decimal("-3.5"), 7]) == "[0.10, -3.5, 7]"
    # a float would have printed 0.1 + 0.2 = 0.30000000000000004; the Decimal stays exact
    assert dumps(Decimal("0.1") + Decimal("0.2")) == "0.3"


def test_chinese_is_not_escaped_and_marker_text_survives() -> None:
    text = dumps({"raw": "减 6", "note": 'a "quoted" \ue000 mark'})
    assert "减 6" in text
    assert loads(text) == {"raw": "减 6", "note": 'a "quoted" \ue000 mark'}


def test_loads_gives_decimals_back() -> None:
    assert loads(dumps({"v": Decimal("3444.1515")}))["v"] == Decimal("3444.1515")


def test_schema_is_valid_draft_2020_12_with_versioned_id() -> None:
    schema = xxgk.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "xxgk/report/1"
    assert schema["$schema"].endswith("2020-12/schema")


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["2019", "2021"]))
def test_synthetic_reports_validate_and_round_trip(seed: int, edition: str) -> None:
    report = make_report(random.Random(seed), edition)
    data = loads(dumps(report.to_dict()))
    VALIDATOR.validate(data)
    _defs("report").validate(data)
    assert Report.from_dict(data).to_dict() == report.to_dict()


def _hand_report() -> Report:
    table = Table("requests", "2021")
    table.set("granted", "natural_person", Cell("减 6", -6))
    report = Report()
    report.tables["requests"] = table
    report.findings.append(
        Finding("requests-row-total", "error", "中文", "english", "requests", "granted", "total")
    )
    return report


def test_absent_tables_are_null_and_valid_follows_findings() -> None:
    data = loads(dumps(_hand_report().to_dict()))
    assert data["tables"]["active"] is None and data["tables"]["appeals"] is None
    assert data["valid"] is False
    VALIDATOR.validate(data)


@pytest.mark.parametrize(
    "path, bad",
    [
        (
            ("tables", "requests", "rows", "granted", "natural_person", "value"),
            "6",
        ),  # a string value
        (("tables", "requests", "edition"), "2020"),  # no such edition
        (("findings", 0, "severity"), "fatal"),
        (("valid",), "no"),
    ],
)
def test_schema_rejects_wrong_shapes(path: tuple, bad: object) -> None:
    data = _hand_report().to_dict()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = bad
    assert not VALIDATOR.is_valid(data)


def test_schema_rejects_a_cell_without_source_key() -> None:
    data = _hand_report().to_dict()
    del data["tables"]["requests"]["rows"]["granted"]["natural_person"]["source"]
    assert not VALIDATOR.is_valid(data)


def test_error_and_check_records_validate() -> None:
    VALIDATOR.validate(
        {
            "schema": "xxgk/error/1",
            "file": "a.txt",
            "error": "file is empty",
            "type": "UnreadableSource",
        }
    )
    _defs("error").validate({"schema": "xxgk/error/1", "file": "a.txt", "error": "x", "type": "T"})
    assert not VALIDATOR.is_valid({"schema": "xxgk/error/1", "file": "a.txt"})
    from xxgk.output import check_record

    VALIDATOR.validate(loads(dumps(check_record(_hand_report().to_dict()))))
