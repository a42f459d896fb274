"""End to end on the real seed reports: the real entry point (``python -m xxgk``), the real
readers and parser. Expected values are read off the printed seeds (see the line numbers)."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

import xxgk
from xxgk.cli import main
from xxgk.output.jsonout import loads

VALIDATOR = jsonschema.Draft202012Validator(xxgk.schema())


@pytest.fixture
def chenggu(seeds_dir: Path) -> Path:
    """城固县人民政府 2020, edition 2019 (through ``seeds_dir``: one clear failure when missing)."""
    return seeds_dir / "004_b5e3c6d34f5d9b8f.txt"


def xxgk_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args], input=stdin, capture_output=True, timeout=120
    )


def _cells(record: dict) -> dict:
    """table → row → column → (raw, value, unit): the cells without their sources."""
    return {
        name: {
            r: {c: (v["raw"], v["value"], v["unit"]) for c, v in cols.items()}
            for r, cols in t["rows"].items()
        }
        for name, t in record["tables"].items()
        if t
    }


def test_parse_json_of_a_seed_through_the_entry_point(chenggu: Path) -> None:
    done = xxgk_cli("parse", "--format", "json", str(chenggu))
    record = loads(done.stdout.decode("utf-8"))
    VALIDATOR.validate(record)
    meta = record["meta"]
    assert (meta["agency"], meta["year"], meta["edition"]) == ("城固县人民政府", 2020, "2019")
    assert meta["file"] == str(chenggu)
    active = record["tables"]["active"]["rows"]
    assert active["procurement"]["amount"]["raw"] == "8827.8344"  # line 70
    assert active["procurement"]["amount"]["value"] == Decimal("8827.8344")
    assert (
        b"8827.8344," in done.stdout or b"8827.8344\n" in done.stdout
    )  # a JSON number, not a string
    assert active["punishment"]["change"]["value"] == -1
    assert record["tables"]["requests"]["rows"]["granted"]["total"]["value"] == 15  # line 111
    lawsuit = record["tables"]["appeals"]["rows"]["lawsuit_direct"]
    assert (lawsuit["upheld"]["value"], lawsuit["total"]["value"]) == (2, 0)  # lines 323, 327
    # the seed's real defects make it invalid: exit 1
    assert done.returncode == 1 and b"Traceback" not in done.stderr


def test_check_reports_the_seeds_real_defects(chenggu: Path) -> None:
    done = xxgk_cli("check", "--format", "jsonl", str(chenggu))
    [record] = [json.loads(x) for x in done.stdout.decode().splitlines()]
    found = {(f["rule"], f["table"], f["row"]) for f in record["findings"]}
    assert ("requests-row-total", "requests", "granted") in found  # 0s printed, total 15
    assert ("appeals-total", "appeals", "lawsuit_direct") in found  # 维持 2, total 0
    assert done.returncode == 1 and record["valid"] is False


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16", "utf-16-le"])
def test_encodings_give_identical_cells(tmp_path, encoding: str, chenggu: Path) -> None:
    text = chenggu.read_text("utf-8")
    path = tmp_path / f"seed-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(codecs.BOM_UTF8)
    want = _cells(xxgk.parse(chenggu).to_dict())
    got = xxgk.parse(path).to_dict()
    assert _cells(got) == want
    assert got["meta"]["agency"] == "城固县人民政府"


def test_stdin_reads_the_same_report(chenggu: Path) -> None:
    done = xxgk_cli("parse", "--format", "json", "-", stdin=chenggu.read_bytes())
    record = loads(done.stdout.decode())
    assert record["meta"]["file"] == "-"
    assert _cells(record) == _cells(xxgk.parse(chenggu).to_dict())


@pytest.mark.usefixtures("english")
def test_jsonl_batch_of_seeds_and_bad_files(tmp_path, seeds_dir: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_garbage.bin").write_bytes(bytes(range(256)) * 40)
    seeds = sorted(seeds_dir.glob("*.txt"))
    done = xxgk_cli("parse", "-f", "jsonl", "-j", "2", str(tmp_path), *map(str, seeds))
    records = [loads(x) for x in done.stdout.decode().splitlines()]
    files = [r.get("file") or r["meta"]["file"] for r in records]
    assert files == [
        str(tmp_path / "a_empty.txt"),
        str(tmp_path / "b_garbage.bin"),
        *map(str, seeds),
    ]
    assert [r["schema"] for r in records] == ["xxgk/error/1"] * 2 + ["xxgk/report/1"] * len(seeds)
    for r in records:
        VALIDATOR.validate(r)
    assert records[2]["meta"]["agency"] == "亳州市司法局"
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert f"xxgk: error: {tmp_path / 'a_empty.txt'}: file is empty" in err
    assert f"xxgk: error: {tmp_path / 'b_garbage.bin'}: " in err


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b""), "file is empty"),
        (lambda p: p.write_bytes(bytes(range(256)) * 40), "not text"),
        (lambda p: p.mkdir(), "directory holds no report files"),
    ],
)
def test_unreadable_input_is_one_line_exit_2_no_traceback(tmp_path, make, words: str) -> None:
    path = tmp_path / "input"
    make(path)
    done = xxgk_cli("parse", str(path))
    err = done.stderr.decode()
    assert done.returncode == 2 and done.stdout == b""
    assert len(err.splitlines()) == 1 and err.startswith(f"xxgk: error: {path}: ")
    assert words in err and "Traceback" not in err


def test_debug_shows_the_traceback(tmp_path) -> None:
    done = xxgk_cli("--debug", "parse", str(tmp_path / "missing.txt"))
    assert b"Traceback" in done.stderr and b"UnreadableSource" in done.stderr
    assert done.returncode != 0


def test_readable_table_of_a_seed(capsys, chenggu: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(chenggu)])
    out = capsys.readouterr().out
    assert exit_.value.code == 1
    assert "城固县人民政府（来源：首段）" in out and "2020（来源：统计期限）" in out
    assert "8827.8344" in out
    granted = next(ln for ln in out.splitlines() if ln.strip().startswith("（一）予以公开"))
    assert granted.rstrip().endswith("*15")  # the cell the requests-row-total finding names
