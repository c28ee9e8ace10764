"""Private uploads: what is accepted and refused (size, type and content), with messages in
English and Chinese."""

import io

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db.models.fields.files import FieldFile
from django.utils import translation

import pytest

from incubator.kernel.uploads import MB, validate_private_upload
from tests.incubator.sample_files import EXE, HTML, JPEG, PDF, PNG, office_file, private_field


def refusal(upload) -> ValidationError:
    """The ValidationError that ``validate_private_upload`` raises for ``upload``."""
    with pytest.raises(ValidationError) as caught:
        validate_private_upload(upload)
    return caught.value


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


def test_stored_files_are_not_reread_when_a_record_is_edited():
    # The file is gone from storage, yet editing the record must not fail on it.
    validate_private_upload(FieldFile(None, private_field(), "evidence/2026/01/gone.pdf"))
