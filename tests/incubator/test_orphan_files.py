"""No file without a row: an upload whose transaction rolls back leaves nothing in storage, and
``manage.py clean_orphan_files`` lists (and with --delete removes) files no row references."""

import io
import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

import pytest

from incubator.kernel.files import get_private_storage
from incubator.models import OrganisationDocument
from tests.factories import OrganisationFactory

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Crash(Exception):
    """What a killed request, a full disk or a failed constraint does to a transaction."""


def _document(organisation, title="章程") -> OrganisationDocument:
    return OrganisationDocument.objects.create(
        organisation=organisation,
        title=title,
        file=SimpleUploadedFile("articles.pdf", PDF),
        original_name="articles.pdf",
    )


def _exists(name: str) -> bool:
    return get_private_storage().exists(name)


@pytest.mark.django_db(transaction=True)
def test_files_are_removed_after_a_rolled_back_upload():
    organisation = OrganisationFactory()
    with pytest.raises(Crash), transaction.atomic():
        document = _document(organisation)
        name = document.file.name
        assert _exists(name)
        raise Crash

    assert not _exists(name)
    assert not OrganisationDocument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_committed_upload_stays():
    organisation = OrganisationFactory()
    with transaction.atomic():
        document = _document(organisation)

    assert _exists(document.file.name)
    document.file.delete(save=False)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_removes_its_files_and_keeps_the_rest():
    organisation = OrganisationFactory()
    with transaction.atomic():
        kept = _document(organisation, title="登记证书")
        with pytest.raises(Crash), transaction.atomic():
            dropped = _document(organisation, title="年报")
            raise Crash
        assert not _exists(dropped.file.name)
        assert _exists(kept.file.name)

    assert _exists(kept.file.name)
    assert list(OrganisationDocument.objects.values_list("title", flat=True)) == ["登记证书"]
    kept.file.delete(save=False)


def _age(storage, name: str, hours: float = 2) -> None:
    then = time.time() - hours * 3600
    os.utime(storage.path(name), (then, then))


def _clean(*options) -> list[str]:
    out = io.StringIO()
    call_command("clean_orphan_files", *options, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_clean_orphan_files_lists_by_default_and_removes_with_delete(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    private = get_private_storage()
    referenced = _document(OrganisationFactory()).file.name
    orphan = private.save("organisation-documents/2026/01/dead-worker.pdf", ContentFile(PDF))
    young = private.save("organisation-documents/2026/01/in-a-transaction.pdf", ContentFile(PDF))
    media_orphan = default_storage.save("documents/nobody.pdf", ContentFile(PDF))
    old = ((private, referenced), (private, orphan), (default_storage, media_orphan))
    for storage, name in old:
        _age(storage, name)

    listed = _clean()
    assert f"orphan private:{orphan}" in listed
    assert f"orphan default:{media_orphan}" in listed
    assert not any(referenced in line or young in line for line in listed)
    assert "dry run" in listed[-1]
    assert private.exists(orphan) and default_storage.exists(media_orphan)

    removed = _clean("--delete")
    assert f"removed private:{orphan}" in removed
    assert f"removed default:{media_orphan}" in removed
    assert not private.exists(orphan) and not default_storage.exists(media_orphan)
    assert private.exists(referenced) and private.exists(young)


@pytest.mark.django_db(transaction=True)
def test_the_bucket_storage_of_production_also_drops_files_of_a_rolled_back_transaction():
    moto = pytest.importorskip("moto")
    pytest.importorskip("storages")
    from incubator.kernel.s3storage import PrivateS3Storage

    with moto.mock_aws():
        storage = PrivateS3Storage(bucket_name="incubator-private", region_name="us-east-1")
        storage.connection.meta.client.create_bucket(Bucket="incubator-private")
        with transaction.atomic():
            kept = storage.save("letters/2026/01/kept.pdf", ContentFile(PDF))
        with pytest.raises(Crash), transaction.atomic():
            dropped = storage.save("letters/2026/01/dropped.pdf", ContentFile(PDF))
            assert storage.exists(dropped)
            raise Crash

        assert storage.exists(kept)
        assert not storage.exists(dropped)
        with pytest.raises(ValueError, match="no public URL"):
            storage.url(kept)
