"""Backup and restore (``manage.py backup`` / ``manage.py restore``): files and the database come
back as they were, and a damaged backup is refused before anything changes."""

import io
import shutil
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from incubator.models import Hub
from tests.factories import HubFactory


@pytest.fixture
def stores(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "logo.png").write_bytes(b"\x89PNG logo")
    (settings.PRIVATE_MEDIA_ROOT / "letters" / "2026").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "letters" / "2026" / "award.pdf").write_bytes(b"%PDF-1.7 a")
    return settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT


def _backup(tmp_path, *options) -> Path:
    call_command("backup", str(tmp_path / "backups"), *options, stdout=io.StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    return folder


def _restore(folder, *options):
    call_command("restore", str(folder), "--noinput", *options, stdout=io.StringIO())


def test_files_come_back_as_they_were(stores, tmp_path):
    media, private = stores
    folder = _backup(tmp_path, "--no-database")
    (private / "letters" / "2026" / "award.pdf").write_bytes(b"overwritten")
    (media / "images" / "logo.png").unlink()
    (private / "stray.pdf").write_bytes(b"added after the backup")

    _restore(folder, "--no-database")

    assert (private / "letters" / "2026" / "award.pdf").read_bytes() == b"%PDF-1.7 a"
    assert (media / "images" / "logo.png").read_bytes() == b"\x89PNG logo"
    assert not (private / "stray.pdf").exists()


def test_a_damaged_backup_is_refused_and_changes_nothing(stores, tmp_path):
    _media, private = stores
    folder = _backup(tmp_path, "--no-database")
    with (folder / "private.tar.gz").open("ab") as archive:
        archive.write(b"rot")
    (private / "new.pdf").write_bytes(b"kept")

    with pytest.raises(CommandError, match="private.tar.gz is missing or damaged"):
        _restore(folder, "--no-database")
    assert (private / "new.pdf").read_bytes() == b"kept"


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup folder"):
        _restore(tmp_path, "--no-database")


@pytest.mark.django_db(transaction=True)
def test_the_database_comes_back_as_it_was(tmp_path):
    if connection.vendor == "postgresql" and not shutil.which("pg_restore"):
        pytest.skip("pg_dump and pg_restore are not installed")
    hub = HubFactory(name="瑞安社会工作服务中心")
    folder = _backup(tmp_path, "--no-files")
    Hub.objects.filter(pk=hub.pk).update(name="改过的名字")
    HubFactory(name="备份之后的基地")

    _restore(folder, "--no-files")

    assert list(Hub.objects.values_list("name", flat=True)) == ["瑞安社会工作服务中心"]
