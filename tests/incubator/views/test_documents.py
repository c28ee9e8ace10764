"""Organisation documents: uploads are checked, and downloads reach only those who may see the
organisation."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from incubator.incubation.services.documents import organisation_document_upload
from incubator.models import OrganisationDocument
from tests.factories import HubFactory, OrganisationFactory, bureau_officer, manager_of, member_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def organisation():
    return OrganisationFactory(hub=HubFactory())


@pytest.fixture
def admin(organisation):
    return member_of(organisation, "admin")


def _upload(client, name: str, content: bytes, title="登记证书"):
    return client.post(
        "/en/portal/documents/",
        {
            "title": title,
            "kind": "registration_certificate",
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize(
    ("name", "content"), [("certificate.pdf", PDF), ("articles.docx", _docx())]
)
def test_admin_uploads_a_document(client, admin, organisation, name, content):
    client.force_login(admin)
    response = _upload(client, name, content)
    assert response.status_code == 302
    document = OrganisationDocument.objects.get()
    assert document.organisation == organisation
    assert document.original_name == name
    assert name not in document.file.name  # stored under a name we chose


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "does not match"),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "not accepted"),
        ("big.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "the limit is 10 MB"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_the_title_is_kept(
    client, admin, name, content, message
):
    client.force_login(admin)
    response = _upload(client, name, content, title="二〇二五年度报告")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="二〇二五年度报告"' in html
    assert '<option value="registration_certificate" selected>' in html
    assert not OrganisationDocument.objects.exists()


def test_members_see_documents_but_cannot_upload(client, organisation, admin):
    member = member_of(organisation, "member")
    client.force_login(member)
    assert "Upload a document" not in client.get("/en/portal/documents/").content.decode()
    assert _upload(client, "c.pdf", PDF).status_code == 404


@pytest.fixture
def document(organisation, admin):
    return organisation_document_upload(
        organisation=organisation,
        title="登记证书",
        kind="registration_certificate",
        file=SimpleUploadedFile("c.pdf", PDF),
        by=admin,
    )


def test_download_is_served_to_the_organisation_and_its_hub(client, organisation, document):
    for user in [
        member_of(organisation, "member"),
        manager_of(organisation.hub),
        bureau_officer(),
    ]:
        client.force_login(user)
        response = client.get(f"/files/organisation-documents/{document.pk}/")
        assert response.status_code == 200, user
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF


def test_download_answers_404_to_another_organisation_and_another_hub(client, document):
    other = OrganisationFactory()
    for user in [member_of(other, "admin"), manager_of(other.hub)]:
        client.force_login(user)
        response = client.get(f"/files/organisation-documents/{document.pk}/")
        assert response.status_code == 404


def test_download_sends_anonymous_visitors_to_login(client, document):
    response = client.get(f"/files/organisation-documents/{document.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_admin_deletes_a_document_of_their_own_organisation_only(client, admin, document):
    other_admin = member_of(OrganisationFactory(), "admin")
    client.force_login(other_admin)
    assert client.post(f"/en/portal/documents/{document.pk}/delete/").status_code == 404
    client.force_login(admin)
    assert client.post(f"/en/portal/documents/{document.pk}/delete/").status_code == 302
    assert not OrganisationDocument.objects.exists()


def test_the_file_goes_only_once_the_removal_is_committed(
    client, admin, document, django_capture_on_commit_callbacks
):
    storage, name = document.file.storage, document.file.name
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        assert client.post(f"/en/portal/documents/{document.pk}/delete/").status_code == 302
    # Not committed yet: were the removal rolled back, the document would still have its file.
    assert storage.exists(name)
    for callback in pending:
        callback()
    assert not storage.exists(name)
