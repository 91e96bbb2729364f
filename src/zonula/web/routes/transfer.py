"""Import and export: upload with a dry-run preview first, download CSV or JSON."""

from __future__ import annotations

import io
import re
import secrets
import shutil
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from zonula.errors import FieldProblem, ImportFileError, NotFoundError, ValidationError
from zonula.exporters import EXPORTERS
from zonula.i18n import _
from zonula.importers import IMPORTERS
from zonula.web.deps import Form, OwnDiary, RendererDep, SettingsDep, csrf_checked
from zonula.web.forms import text

router = APIRouter(dependencies=[Depends(csrf_checked)])
MAX_UPLOAD = 50 * 1024 * 1024
_UPLOAD_ID = re.compile(r"^[0-9]+-[A-Za-z0-9_-]{16,64}$")
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def formats() -> dict[str, list[tuple[str, str]]]:
    """Import and export formats with their descriptions."""
    return {"imports": [(k, v.description) for k, v in sorted(IMPORTERS.items())],
            "exports": [(k, v.description) for k, v in sorted(EXPORTERS.items())]}


def upload_dir(data_dir: Path) -> Path:
    """Where uploads wait between the preview and the import."""
    folder = data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@router.get("/transfer")
def transfer_page(request: Request, render: RendererDep, diary: OwnDiary) -> Response:
    """The import and export page."""
    return render.page(request, "transfer/index.html", {**formats(), "report": None, "upload_id": None,
                                                        "problems": []})


@router.post("/transfer/import")
async def upload(request: Request, render: RendererDep, diary: OwnDiary, settings: SettingsDep) -> Response:
    """Save the upload and show what importing it would do (nothing is written yet)."""
    form = await request.form()
    fmt = text(form, "format")
    file = form.get("file")
    errors: dict[str, str] = {}
    if fmt not in IMPORTERS:
        errors["format"] = _("choose a format")
    if not isinstance(file, UploadFile) or not file.filename:
        errors["file"] = _("choose a file")
    if errors:
        return render.page(request, "transfer/index.html", {**formats(), "report": None, "upload_id": None,
                                                            "problems": [], "errors": errors}, status_code=422)
    assert isinstance(file, UploadFile)
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        too_big = {"file": _("the file is over 50 MB")}
        return render.page(request, "transfer/index.html", {**formats(), "report": None, "upload_id": None,
                                                            "problems": [], "errors": too_big}, status_code=413)
    upload_id = f"{diary.user.id}-{secrets.token_urlsafe(24)}"
    folder = upload_dir(settings.data_dir) / upload_id
    folder.mkdir()
    path = folder / safe_filename(file.filename or "")
    path.write_bytes(data)
    skip = bool(text(form, "skip_bad_rows"))
    return await run_in_threadpool(preview, request, render, diary, path, fmt, upload_id, skip)


def safe_filename(name: str) -> str:
    """The uploaded file's own name (shown in problem locations), reduced to safe characters."""
    base = re.sub(r"[^\w.\-]", "_", Path(name.replace("\\", "/")).name)[:100].lstrip(".")
    return base or "upload"


def forget(path: Path) -> None:
    """Delete an upload and its folder."""
    shutil.rmtree(path.parent, ignore_errors=True)


def preview(request: Request, render: RendererDep, diary: OwnDiary, path: Path, fmt: str, upload_id: str,
            skip_bad_rows: bool) -> Response:
    """The dry run of an uploaded file: counts per kind and the first entries, or every problem."""
    try:
        report = diary.import_file(fmt, path, dry_run=True, skip_bad_rows=skip_bad_rows)
    except (ImportFileError, ValidationError) as err:
        forget(path)
        return render.page(request, "transfer/index.html", {**formats(), "report": None, "upload_id": None,
                                                            "problems": err.problems[:200]}, status_code=422)
    return render.page(request, "transfer/index.html", {**formats(), "report": report, "upload_id": upload_id,
                                                        "fmt": fmt, "problems": [], "skip": skip_bad_rows})


@router.post("/transfer/confirm")
def confirm(request: Request, render: RendererDep, diary: OwnDiary, settings: SettingsDep, form: Form) -> Response:
    """Import a previewed upload for real (all or nothing), then forget the file."""
    upload_id = text(form, "upload_id")
    fmt = text(form, "format")
    if not _UPLOAD_ID.match(upload_id) or not upload_id.startswith(f"{diary.user.id}-") or fmt not in IMPORTERS:
        raise NotFoundError(_("this upload has expired; upload the file again"))
    folder = upload_dir(settings.data_dir) / upload_id
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    if len(files) != 1:
        raise NotFoundError(_("this upload has expired; upload the file again"))
    try:
        report = diary.import_file(fmt, files[0], skip_bad_rows=bool(text(form, "skip_bad_rows")))
    except ImportFileError as err:
        return render.page(request, "transfer/index.html", {**formats(), "report": None, "upload_id": None,
                                                            "problems": err.problems[:200]}, status_code=422)
    finally:
        forget(files[0])
    return render.page(request, "transfer/index.html", {**formats(), "report": report, "upload_id": None,
                                                        "fmt": fmt, "problems": []})


@router.get("/transfer/export.{fmt}")
def export(fmt: str, diary: OwnDiary) -> Response:
    """Download the whole diary."""
    if fmt not in EXPORTERS:
        raise ValidationError([FieldProblem("format", _("unknown export format"))])
    buffer = io.BytesIO()
    diary.export(fmt, buffer)
    stamp = diary.now().strftime("%Y%m%d")
    return Response(buffer.getvalue(), media_type=MEDIA.get(fmt, "application/octet-stream"),
                    headers={"Content-Disposition": f'attachment; filename="zonula-{stamp}.{fmt}"'})


@router.get("/transfer/cancel")
def cancel() -> Response:
    """Leave the preview without importing."""
    return RedirectResponse("/transfer", status_code=303)
