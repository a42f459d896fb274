"""The public check page and POST /api/check: seed 004 (a real report whose （一）予以公开 /
自然人 cell is printed 0 where 15 makes table 三 add up), downloads, bad input, limits."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3

import pytest

from web_support import TestClient, WebClient
from xxgk.web.app import create_app

CELL = "cell-requests-granted-natural_person"
HOSTILE = '<script>alert("x")</script>\'"'


@pytest.fixture
def seed004(seeds_dir):
    return next(seeds_dir.glob("004_*.txt"))


@pytest.fixture
def check_app(tmp_path):
    app = create_app(str(tmp_path / "check.db"))
    yield app
    app.state.stores.close()


@pytest.fixture
def public(check_app):
    client = WebClient(check_app, raise_server_exceptions=False)
    client.refresh_csrf("/check")
    yield client
    client.close()


def _cell(page: str, cell_id: str) -> str:
    found = re.search(rf'<td id="{cell_id}"[^>]*>.*?</td>', page, re.S)
    assert found, f"no cell {cell_id}"
    return found.group(0)


def _finding_items(page: str) -> list[str]:
    return re.findall(r'<li id="finding-\d+">.*?</li>', page, re.S)


def test_seed_004_flags_the_granted_natural_person_cell_with_15(public, seed004):
    page = public.form("/check", files={"file": (seed004.name, seed004.read_bytes())})
    assert page.status_code == 200
    cell = _cell(page.text, CELL)
    assert "flag-error" in cell and "建议 15" in cell
    assert 'title="原文“0” · 第' in cell  # provenance: what was printed, which line
    row_finding = [i for i in _finding_items(page.text) if "（一）予以公开：各列之和为 0" in i]
    assert len(row_finding) == 1
    assert f'href="#{CELL}"' in row_finding[0] and "建议值：15" in row_finding[0]
    number = re.search(r'id="finding-(\d+)"', row_finding[0]).group(1)
    assert f'href="#finding-{number}"' in cell  # and the cell links back to it
    other = _cell(page.text, "cell-requests-granted-commercial")
    assert "flag-" not in other and "建议" not in other


def test_pasted_text_gives_the_same_cell(public, seed004):
    text = seed004.read_text("utf-8")
    page = public.form("/check", {"text": text})
    assert "建议 15" in _cell(page.text, CELL)


def test_a_file_name_does_not_decide_the_format(public, seed004):
    page = public.form("/check", files={"file": ("report.pdf", seed004.read_bytes())})
    assert page.status_code == 200 and "建议 15" in _cell(page.text, CELL)


def test_api_check_returns_report_json(check_app, seed004):
    client = TestClient(check_app)
    response = client.post("/api/check", files={"file": (seed004.name, seed004.read_bytes())})
    assert response.status_code == 200
    report = response.json()
    assert report["schema"] == "xxgk/report/1"
    rows = [f for f in report["findings"] if f["rule"] == "requests-row-total"]
    assert rows and rows[0]["row"] == "granted"
    assert rows[0]["suggestion"]["column"] == "natural_person"
    assert rows[0]["suggestion"]["value"] == 15
    granted = report["tables"]["requests"]["rows"]["granted"]
    assert granted["natural_person"]["raw"] == "0" and granted["total"]["value"] == 15


def test_api_check_with_text_field(check_app, seed004):
    response = TestClient(check_app).post("/api/check", data={"text": seed004.read_text("utf-8")})
    assert response.status_code == 200 and response.json()["meta"]["agency"] == "城固县人民政府"


def test_pasted_text_naming_a_server_file_is_text_not_a_path(check_app, seed004):
    response = TestClient(check_app).post("/api/check", data={"text": str(seed004.resolve())})
    assert response.status_code == 422  # read as (non-report) text, never as the file


@pytest.mark.parametrize(
    ("files", "data", "status", "words"),
    [
        ({"file": ("x.bin", b"\x00\x01\x02\xff" * 50)}, None, 422, "x.bin"),
        ({"file": ("empty.txt", b"")}, None, 422, "empty.txt"),
        (None, {"text": "今天天气很好。"}, 422, "粘贴的文本"),
        (None, None, 400, "请选择要检查的文件"),
    ],
)
def test_what_cannot_be_read_gets_one_chinese_line(check_app, files, data, status, words):
    response = TestClient(check_app).post("/api/check", files=files, data=data)
    assert response.status_code == status
    message = response.json()["error"]["message"]
    assert words in message and "Traceback" not in message


def test_the_page_shows_the_error_above_the_form(public):
    page = public.form("/check", files={"file": ("x.bin", b"\x00\x01\x02\xff" * 50)})
    assert page.status_code == 422
    assert 'class="alert"' in page.text and "x.bin" in page.text and 'name="file"' in page.text


def test_the_time_limit_stops_a_parse(tmp_path, seed004):
    app = create_app(str(tmp_path / "t.db"), check_timeout=0.001)
    response = TestClient(app).post("/api/check", files={"file": ("a.txt", seed004.read_bytes())})
    assert response.status_code == 504
    assert "秒内未能读完" in response.json()["error"]["message"]
    app.state.stores.close()


def test_upload_limit(tmp_path):
    app = create_app(str(tmp_path / "t.db"), max_upload=2 * 1024 * 1024)
    response = TestClient(app).post("/api/check", data={"text": "年" * (1024 * 1024)})
    assert response.status_code == 413 and "2 MB" in response.json()["error"]["message"]
    app.state.stores.close()


def _row_counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_nothing_is_stored(public, seed004, tmp_path):
    before = _row_counts(tmp_path / "check.db")
    page = public.form("/check", files={"file": (seed004.name, seed004.read_bytes())})
    assert page.status_code == 200
    assert _row_counts(tmp_path / "check.db") == before
    assert "account" in before and "audit_log" in before


def _report_field(page: str) -> str:
    return html.unescape(re.search(r'name="report" value="([^"]*)"', page).group(1))


@pytest.fixture
def checked(public, seed004):
    return _report_field(
        public.form("/check", files={"file": ("r.txt", seed004.read_bytes())}).text
    )


def test_download_json_and_csv(public, checked):
    as_json = public.form("/check/download/json", {"report": checked})
    assert as_json.status_code == 200 and "attachment" in as_json.headers["content-disposition"]
    report = json.loads(as_json.content)
    assert report["tables"]["requests"]["rows"]["granted"]["total"]["value"] == 15
    as_csv = public.form("/check/download/csv", {"report": checked}).content.decode("utf-8-sig")
    assert "r.txt,requests,granted,natural_person,0,0," in as_csv.replace("\r", "")


def test_download_xlsx_and_docx_open(public, checked):
    import docx
    import openpyxl

    workbook = openpyxl.load_workbook(
        io.BytesIO(public.form("/check/download/xlsx", {"report": checked}).content)
    )
    assert workbook.sheetnames
    document = docx.Document(
        io.BytesIO(public.form("/check/download/docx", {"report": checked}).content)
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "城固县人民政府" in text and "2020" in text


def test_download_needs_csrf_and_refuses_damaged_data(public, checked):
    assert public.post("/check/download/json", data={"report": checked}).status_code == 403
    damaged = public.form("/check/download/json", {"report": "{not json"})
    assert damaged.status_code == 400 and "报告数据已损坏" in damaged.text
    assert public.form("/check/download/exe", {"report": checked}).status_code == 400


def test_export_api_turns_report_json_into_a_file(check_app, checked):
    response = TestClient(check_app).post(
        "/api/check/export/csv", content=checked, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")


def test_hostile_text_in_a_report_is_escaped(public, seed004):
    text = seed004.read_text("utf-8")
    text = text.replace("城固县人民政府", "城固县人民政府" + HOSTILE, 1)
    text = text.replace("（一）予以公开", "（一）予以公开", 1)
    page = public.form("/check", {"text": text.replace("\n", "\n" + HOSTILE + "\n", 3)})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;&#34;" in page.text
    assert _report_field(page.text)  # the embedded report JSON is an escaped attribute


def test_openapi_describes_every_api_route(check_app):
    from xxgk.web.pages import ApiRoute

    spec = TestClient(check_app).get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    api_routes = [r for r in check_app.routes if getattr(r, "path", "").startswith("/api")]
    for route in api_routes:
        if route.path == "/api/openapi.json":
            continue
        assert isinstance(route, ApiRoute), f"{route.path} is not described"
        for method in route.methods - {"HEAD"}:
            operation = spec["paths"][route.path][method.lower()]
            assert operation["summary"] and "responses" in operation
    check = spec["paths"]["/api/check"]["post"]
    assert "multipart/form-data" in check["requestBody"]["content"] and check["security"] == []
    assert {p["name"] for p in spec["paths"]["/api/check/export/{fmt}"]["post"]["parameters"]} == {
        "fmt"
    }


def test_a_hostile_file_name_is_escaped_in_the_result_and_in_errors(public, seed004):
    name = '"><img src=x onerror=alert(1)>.txt'
    page = public.form("/check", files={"file": (name, seed004.read_bytes())})
    assert page.status_code == 200
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
    bad = public.form("/check", files={"file": (name, b"\x00\x01\x02\xff" * 50)})
    assert bad.status_code == 422
    assert "<img src=x" not in bad.text and "&gt;&lt;img src=x" in bad.text
