"""Private uploads: what is accepted and refused, how files are named and stored, and how they
are served back."""

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db.migrations.writer import MigrationWriter
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import translation

import pytest

from incubator.kernel.files import (
    MB,
    PrivateFileField,
    PrivateUploadFormField,
    get_private_storage,
    private_file_response,
    private_upload_to,
    validate_private_upload,
)

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64


def office_file(*folders: str, manifest: bool = True) -> bytes:
    """A minimal Office Open XML package: a manifest and one part in each folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if manifest:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for folder in folders:
            archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def refusal(upload) -> ValidationError:
    """The ValidationError that ``validate_private_upload`` raises for ``upload``."""
    with pytest.raises(ValidationError) as caught:
        validate_private_upload(upload)
    return caught.value


def private_field() -> PrivateFileField:
    """A PrivateFileField for evidence, unattached to any model."""
    return PrivateFileField(upload_to=private_upload_to("evidence"))


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


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("photo.png", PNG),
        ("photo.jpg", JPEG),
        ("photo.JPEG", JPEG),
        ("budget.docx", office_file("word/")),
        ("payroll.xlsx", office_file("xl/")),
    ],
)
def test_accepted_types_pass(name, content):
    validate_private_upload(SimpleUploadedFile(name, content))


def test_validation_rewinds_the_file_for_saving():
    upload = SimpleUploadedFile("budget.docx", office_file("word/"))
    upload.read(5)
    validate_private_upload(upload)
    assert upload.tell() == 0


def test_plain_django_file_is_checked_like_an_upload():
    validate_private_upload(File(io.BytesIO(PDF), name="report.pdf"))
    assert refusal(File(io.BytesIO(HTML), name="report.pdf")).code == "content_mismatch"


def test_html_renamed_to_pdf_is_refused():
    assert refusal(SimpleUploadedFile("report.pdf", HTML)).code == "content_mismatch"


def test_executable_extension_is_refused():
    assert refusal(SimpleUploadedFile("setup.exe", EXE)).code == "invalid_extension"


def test_executable_renamed_to_pdf_is_refused():
    assert refusal(SimpleUploadedFile("invoice.pdf", EXE)).code == "content_mismatch"


def test_file_without_extension_is_refused():
    assert refusal(SimpleUploadedFile("report", PDF)).code == "invalid_extension"


def test_empty_file_is_refused():
    assert refusal(SimpleUploadedFile("report.pdf", b"")).code == "empty"


def test_zip_renamed_to_docx_without_word_part_is_refused():
    plain_zip = SimpleUploadedFile("budget.docx", office_file("other/", manifest=False))
    assert refusal(plain_zip).code == "content_mismatch"


def test_zip_with_manifest_but_no_word_part_is_refused():
    assert refusal(SimpleUploadedFile("budget.docx", office_file("xl/"))).code == "content_mismatch"


def test_docx_renamed_to_xlsx_is_refused():
    assert refusal(SimpleUploadedFile("pay.xlsx", office_file("word/"))).code == "content_mismatch"


def test_file_over_the_limit_is_refused(settings):
    settings.PRIVATE_UPLOAD_MAX_BYTES = 1024
    assert refusal(SimpleUploadedFile("report.pdf", PDF + b"0" * 1024)).code == "file_too_large"


def test_real_twenty_megabyte_upload_is_refused_naming_sizes_in_mb(settings):
    settings.PRIVATE_UPLOAD_MAX_BYTES = 10 * MB
    # Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE arrive as temporary files on disk.
    upload = TemporaryUploadedFile("report.pdf", "application/pdf", 0, None)
    try:
        upload.write(b"%PDF-" + b"0" * (MB - 5))
        for _ in range(19):
            upload.write(b"0" * MB)
        upload.size = upload.tell()
        with translation.override("en"):
            error = refusal(upload)
        assert error.code == "file_too_large"
        with translation.override("en"):
            assert error.messages == ["The file is 20.0 MB; the limit is 10 MB."]
    finally:
        upload.close()


def test_refusals_have_clear_english_messages():
    with translation.override("en"):
        assert refusal(SimpleUploadedFile("a.pdf", b"")).messages == ["The file is empty."]
        assert refusal(SimpleUploadedFile("a.exe", EXE)).messages == [
            "Files of this type are not accepted. Allowed types: pdf, docx, xlsx, jpg, jpeg, png."
        ]
        assert refusal(SimpleUploadedFile("a.pdf", HTML)).messages == [
            "The content of this file does not match its .pdf extension."
        ]


def test_file_just_over_the_limit_never_reads_as_equal_to_it(settings):
    settings.PRIVATE_UPLOAD_MAX_BYTES = 10 * MB
    with translation.override("en"):
        error = refusal(SimpleUploadedFile("a.pdf", PDF + b"0" * (10 * MB - len(PDF) + 1)))
    with translation.override("en"):
        assert error.messages == ["The file is 10.1 MB; the limit is 10 MB."]


@pytest.mark.parametrize(
    ("name", "content"), [("a.pdf", b""), ("a.exe", EXE), ("a.pdf", HTML), ("a.pdf", PDF * 40)]
)
def test_refusals_are_messages_in_chinese_too(name, content, settings):
    settings.PRIVATE_UPLOAD_MAX_BYTES = 1024
    with translation.override("zh-hans"):
        message = refusal(SimpleUploadedFile(name, content)).messages[0]
    assert any("\u4e00" <= char <= "\u9fff" for char in message), message


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


def test_stored_files_are_not_reread_when_a_record_is_edited():
    # The file is gone from storage, yet editing the record must not fail on it.
    validate_private_upload(FieldFile(None, private_field(), "evidence/2026/01/gone.pdf"))
