"""Import with a dry-run preview first, then the real import; export as CSV and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.web.conftest import Browser
from tests.web.html import parse

DATA = Path(__file__).parent.parent / "data"


def test_an_upload_is_previewed_then_imported_once(local: Browser) -> None:
    local.page("/transfer")
    sample = (DATA / "zonula_sample.csv").read_bytes()
    response = local.client.post("/transfer/import", data={"csrf_token": local.csrf, "format": "csv"},
                                 files={"file": ("diary.csv", sample, "text/csv")})
    assert response.status_code == 200
    doc = parse(response.text)
    assert doc.find("h2", id="report-h").text == "Preview: nothing written yet"
    assert local.client.get("/api/v1/entries").json()["count"] == 0
    confirm = doc.find("form", action="/transfer/confirm")
    fields = {i.attrs["name"]: i.attrs["value"] for i in confirm.find_all("input")}
    done = local.client.post("/transfer/confirm", data=fields)
    assert parse(done.text).find("h2", id="report-h").text == "Imported"
    count = local.client.get("/api/v1/entries").json()["count"]
    assert count > 0
    again = local.client.post("/transfer/confirm", data=fields)
    assert again.status_code == 404
    assert local.client.get("/api/v1/entries").json()["count"] == count


def test_a_broken_file_lists_its_problems_and_writes_nothing(local: Browser) -> None:
    local.page("/transfer")
    broken = (DATA / "zonula_broken.csv").read_bytes()
    response = local.client.post("/transfer/import", data={"csrf_token": local.csrf, "format": "csv"},
                                 files={"file": ("broken.csv", broken, "text/csv")})
    assert response.status_code == 422
    problems = parse(response.text).find("section", class_="error-box").find_all("li")
    assert problems and all(":" in p.text for p in problems)
    assert local.client.get("/api/v1/entries").json()["count"] == 0


def test_an_upload_without_a_file_is_named(local: Browser) -> None:
    local.page("/transfer")
    response = local.client.post("/transfer/import", data={"csrf_token": local.csrf, "format": "csv"},
                                 files={"file": ("", b"", "text/csv")})
    assert response.status_code == 422
    assert parse(response.text).find("p", id="file-error").text


def test_a_confirm_for_someone_elses_upload_is_refused(local: Browser) -> None:
    local.page("/transfer")
    response = local.client.post("/transfer/confirm", data={"csrf_token": local.csrf, "format": "csv",
                                                            "upload_id": "999-AAAAAAAAAAAAAAAAAAAAAAAA"})
    assert response.status_code == 404


def test_the_diary_downloads_as_csv_and_json(local: Browser) -> None:
    local.client.post("/api/v1/entries", json={"kind": "meal", "name": "饺子", "at": "2026-11-20T12:00"})
    csv = local.client.get("/transfer/export.csv")
    assert csv.status_code == 200
    assert "attachment" in csv.headers["content-disposition"]
    assert "饺子" in csv.content.decode("utf-8")
    data = json.loads(local.client.get("/transfer/export.json").content)
    assert any(e["name"] == "饺子" for e in data["entries"])
    assert local.client.get("/transfer/export.xml").status_code == 422


def test_problems_name_the_uploaded_file_and_bad_rows_can_be_skipped(local: Browser) -> None:
    local.page("/transfer")
    broken = (DATA / "zonula_broken.csv").read_bytes()
    refused = local.client.post("/transfer/import", data={"csrf_token": local.csrf, "format": "csv"},
                                files={"file": ("my diary.csv", broken, "text/csv")})
    assert "my_diary.csv" in parse(refused.text).find("section", class_="error-box").text
    response = local.client.post("/transfer/import", data={"csrf_token": local.csrf, "format": "csv",
                                                           "skip_bad_rows": "1"},
                                 files={"file": ("my diary.csv", broken, "text/csv")})
    assert response.status_code == 200
    doc = parse(response.text)
    preview_rows = doc.find("table").find_all("tr")
    assert len(preview_rows) > 1
    confirm = doc.find("form", action="/transfer/confirm")
    fields = {i.attrs["name"]: i.attrs["value"] for i in confirm.find_all("input")}
    assert fields["skip_bad_rows"] == "1"
    done = local.client.post("/transfer/confirm", data=fields)
    assert parse(done.text).find("h2", id="report-h").text == "Imported"
    assert local.client.get("/api/v1/entries").json()["count"] > 0
