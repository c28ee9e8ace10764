"""Office files are ZIP archives of XML: a zip bomb (1 GB of zeros in about 1 MB) or an entity
bomb renamed .docx or .xlsx is refused before it is stored, with a message naming the file;
real documents pass."""

import time

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest

from incubator.kernel.uploads import validate_private_upload
from tests.incubator.test_private_files import office_file
from tests.security.bombs import _stored, _zip, entity_bomb, many_parts, zip_bomb
from tests.security.test_uploads import KEPT, _counts, _forms

BOMBS = {
    "zip bomb as docx": ("plan.docx", lambda: zip_bomb("word/"), "archive_too_large"),
    "zip bomb as xlsx": ("pay.xlsx", lambda: zip_bomb("xl/"), "archive_too_large"),
    "entity bomb as xlsx": ("budget.xlsx", lambda: entity_bomb("xl/"), "xml_declarations"),
    "entity bomb as docx": ("plan.docx", lambda: entity_bomb("word/"), "xml_declarations"),
    "5000 parts": ("plan.docx", lambda: many_parts("word/"), "archive_too_many_entries"),
}


def _refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_private_upload(SimpleUploadedFile(name, content))
    return caught.value


@pytest.mark.parametrize("label", BOMBS)
def test_bombs_are_refused_naming_the_file(label):
    name, build, code = BOMBS[label]
    content = build()
    assert len(content) < 2 * 1024 * 1024  # small on the wire
    started = time.monotonic()
    error = _refusal(name, content)
    assert time.monotonic() - started < 5  # refused without unpacking a gigabyte
    assert error.code == code
    with translation.override("en"):
        assert name in error.messages[0] and "refused" in error.messages[0]


def test_an_entity_declaration_hidden_in_utf16_is_refused():
    workbook = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    content = _zip(
        [
            _stored("[Content_Types].xml", b"<Types/>"),
            _stored("xl/workbook.xml", workbook.encode("utf-16-le")),
        ]
    )
    assert _refusal("budget.xlsx", content).code == "xml_declarations"


def test_real_office_documents_pass():
    for name, folder in (("plan.docx", "word/"), ("pay.xlsx", "xl/")):
        validate_private_upload(SimpleUploadedFile(name, office_file(folder)))


def test_the_message_is_in_chinese_on_the_chinese_site():
    error = _refusal("预算.xlsx", entity_bomb("xl/"))
    with translation.override("zh-hans"):
        assert "预算.xlsx" in error.messages[0] and "拒收" in error.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["document", "evidence", "bid", "subsidy"])
def test_every_upload_form_refuses_the_bombs_and_keeps_what_was_typed(client, form):
    from tests.permissions.world import build_world

    world = build_world()
    url, data, field = _forms(world)[form]
    client.force_login(world.users["org_a_admin"])
    before = _counts()
    for name, build in (("plan.docx", zip_bomb), ("budget.xlsx", entity_bomb)):
        response = client.post(url, {**data, field: SimpleUploadedFile(name, build())})
        assert response.status_code == 200
        assert KEPT in response.content.decode()
        errors = [
            str(error)
            for key in ("form", "attachments_form")
            if response.context.get(key) is not None
            for error in response.context[key].errors.get(field, [])
        ]
        assert len(errors) == 1 and errors[0].count(name) == 1, errors
        assert _counts() == before
