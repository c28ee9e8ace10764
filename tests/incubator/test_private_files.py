"""Private files: how uploads are named and stored, how they are served back, and the form and
model fields that carry them."""

import re
from pathlib import Path
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.migrations.writer import MigrationWriter
from django.db.models.fields.files import FieldFile
from django.http import Http404

import pytest

from incubator.kernel.files import (
    PrivateFileField,
    PrivateUploadFormField,
    get_private_storage,
    private_file_response,
    private_upload_to,
)
from tests.incubator.sample_files import HTML, PDF, PNG, office_file, private_field


@pytest.fixture
def stored(db):
    """Save content to private storage as a field file; removed again after the test. (A
    response's close() sends request_finished, which touches the database connection.)"""
    storage = get_private_storage()
    names = []

    def save(content: bytes, original_name: str) -> FieldFile:
        name = private_upload_to("evidence")(None, original_name)
        name = storage.save(name, ContentFile(content))
        names.append(name)
        return FieldFile(None, private_field(), name)

    yield save
    for name in names:
        storage.delete(name)


def test_upload_names_are_ours_under_the_prefix():
    name = private_upload_to("evidence")(None, "张三 身份证 report.PDF")
    assert re.fullmatch(r"evidence/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", name)
    assert "report" not in name
    assert "张三" not in name


def test_upload_names_are_unique_and_jpeg_becomes_jpg():
    upload_to = private_upload_to("bids")
    first, second = upload_to(None, "photo.jpeg"), upload_to(None, "photo.jpeg")
    assert first != second
    assert first.startswith("bids/")
    assert first.endswith(".jpg")


def test_upload_prefix_must_be_a_safe_path():
    with pytest.raises(ValueError):
        private_upload_to("../public")


def test_upload_to_survives_migration_serialisation():
    upload_to = private_upload_to("evidence")
    assert upload_to.deconstruct() == ("incubator.kernel.files.PrivateUploadTo", ("evidence",), {})
    assert upload_to == private_upload_to("evidence")
    assert upload_to != private_upload_to("letters")


def test_saved_files_live_outside_media_root(stored):
    field_file = stored(PNG, "photo.png")
    path = Path(get_private_storage().path(field_file.name)).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert path.is_file()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(media_root)
    # Nothing under MEDIA_ROOT answers to the name, so no MEDIA_URL can serve it.
    assert not (media_root / field_file.name).exists()


def test_private_files_have_no_url_at_all(stored):
    field_file = stored(PNG, "photo.png")
    with pytest.raises(ValueError, match="no public URL"):
        field_file.url  # noqa: B018


def test_png_is_served_as_a_protected_attachment(stored):
    response = private_file_response(stored(PNG, "photo.png"), download_name="evidence.png")
    try:
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"] == 'attachment; filename="evidence.png"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert b"".join(response.streaming_content) == PNG
    finally:
        response.close()


def test_pdf_is_served_inline(stored):
    response = private_file_response(stored(PDF, "report.pdf"), download_name="report.pdf")
    response.close()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'


def test_office_files_get_their_own_content_type(stored):
    response = private_file_response(stored(office_file("xl/"), "p.xlsx"), download_name="p.xlsx")
    response.close()
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_chinese_download_name_is_sent_as_utf8(stored):
    response = private_file_response(stored(PNG, "photo.png"), download_name="项目证明.png")
    response.close()
    expected = f"attachment; filename*=utf-8''{quote('项目证明.png')}"
    assert response["Content-Disposition"] == expected


def test_download_name_gets_the_stored_extension(stored):
    response = private_file_response(stored(PNG, "photo.png"), download_name="../工资\n证明")
    response.close()
    expected = f"attachment; filename*=utf-8''{quote('工资证明.png')}"
    assert response["Content-Disposition"] == expected


def test_missing_file_is_not_found():
    with pytest.raises(Http404):
        private_file_response(
            FieldFile(None, private_field(), "evidence/2026/01/gone.pdf"), download_name="x.pdf"
        )


class EvidenceForm(forms.Form):
    """A report with its evidence, as a milestone form would ask for them."""

    title = forms.CharField()
    evidence = PrivateUploadFormField()


def test_refused_upload_keeps_other_answers_and_shows_error_on_the_file():
    form = EvidenceForm(
        data={"title": "季度报告"}, files={"evidence": SimpleUploadedFile("q.pdf", HTML)}
    )
    assert not form.is_valid()
    assert form.has_error("evidence", code="content_mismatch")
    assert "title" not in form.errors
    assert form["title"].value() == "季度报告"
    assert form.cleaned_data["title"] == "季度报告"


def test_form_accepts_a_real_pdf():
    form = EvidenceForm(
        data={"title": "Report"}, files={"evidence": SimpleUploadedFile("q.pdf", PDF)}
    )
    assert form.is_valid(), form.errors


def test_file_picker_offers_only_allowed_types():
    assert 'accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"' in str(EvidenceForm()["evidence"])


def test_model_field_is_private_and_validates_uploads():
    field = private_field()
    assert field.storage is get_private_storage()
    assert field.max_length == 255
    assert isinstance(field.formfield(), PrivateUploadFormField)
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile("a.pdf", HTML), None)


def test_model_field_needs_upload_to():
    with pytest.raises(TypeError):
        PrivateFileField()


def test_model_field_deconstructs_without_validator_or_storage_object():
    _, path, args, kwargs = private_field().deconstruct()
    assert path == "incubator.kernel.files.PrivateFileField"
    assert kwargs == {
        "max_length": 255,
        "storage": get_private_storage,
        "upload_to": private_upload_to("evidence"),
    }
    assert private_field().deconstruct() == private_field().deconstruct()
    serialised, _ = MigrationWriter.serialize(private_field())
    assert "incubator.kernel.files.get_private_storage" in serialised
    assert "validate_private_upload" not in serialised
