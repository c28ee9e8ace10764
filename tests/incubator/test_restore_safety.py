"""A restore that cannot destroy: it works inside store folders that cannot be removed (mount
points), refuses a truncated archive before touching the database, and changes the database
and the files together or not at all; every failure is one line."""

import errno
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from incubator.kernel import backup, backup_database
from incubator.models import Hub
from tests.factories import HubFactory


@pytest.fixture
def stores(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "logo.png").write_bytes(b"\x89PNG logo")
    (settings.PRIVATE_MEDIA_ROOT / "letters" / "2026").mkdir(parents=True)
    for number in range(20):
        path = settings.PRIVATE_MEDIA_ROOT / "letters" / "2026" / f"award-{number}.pdf"
        path.write_bytes(b"%PDF-1.7 " + os.urandom(4096))
    return settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def pg_tools():
    if connection.vendor == "postgresql" and not shutil.which("pg_restore"):
        pytest.skip("pg_dump and pg_restore are not installed")


def _backup(tmp_path, *options) -> Path:
    call_command("backup", str(tmp_path / "backups"), *options, stdout=io.StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    return folder


def _restore(folder, *options):
    call_command("restore", str(folder), "--noinput", *options, stdout=io.StringIO())


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def _refuse_to_remove(monkeypatch, *roots: Path) -> None:
    """Make the store folders behave like mount points: removing or renaming one fails."""
    protected = {os.path.realpath(root) for root in roots}

    def guard(path):
        if os.path.realpath(path) in protected:
            raise OSError(errno.EBUSY, "Device or resource busy", str(path))

    def guarded(original):
        def call(path, *args, **kwargs):
            guard(path)
            return original(path, *args, **kwargs)

        return call

    for module, name in ((os, "rename"), (os, "replace"), (os, "rmdir"), (shutil, "rmtree")):
        monkeypatch.setattr(module, name, guarded(getattr(module, name)))
    monkeypatch.setattr(shutil, "move", guarded(shutil.move))


def test_restore_onto_a_mount_point_replaces_contents_and_keeps_the_folder(
    stores, tmp_path, monkeypatch
):
    media, private = stores
    before = _snapshot(private)
    folder = _backup(tmp_path, "--no-database")
    (private / "letters" / "2026" / "award-3.pdf").write_bytes(b"overwritten")
    (private / "letters" / "2026" / "award-4.pdf").unlink()
    (private / "stray.pdf").write_bytes(b"added after the backup")
    inodes = {root: root.stat().st_ino for root in (media, private)}
    _refuse_to_remove(monkeypatch, media, private)

    _restore(folder, "--no-database")

    assert {root: root.stat().st_ino for root in (media, private)} == inodes
    assert _snapshot(private) == before
    assert not [child for child in private.iterdir() if child.name.startswith(".restore-")]
    assert (media / "images" / "logo.png").read_bytes() == b"\x89PNG logo"


def _truncate(folder: Path, part: str) -> None:
    """Cut ``part`` in half and write a manifest whose checksum matches the cut file, as a copy
    interrupted by a full disk and then re-summed would."""
    path = folder / part
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][part] = hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("part", ["private.tar.gz", "database dump"])
def test_a_truncated_archive_is_refused_in_one_line_and_the_database_is_untouched(
    stores, tmp_path, pg_tools, part
):
    _media, private = stores
    hub = HubFactory(name="瑞安社会工作服务中心")
    folder = _backup(tmp_path)
    part = backup_database.DATABASE_DUMPS[connection.vendor] if part == "database dump" else part
    _truncate(folder, part)
    Hub.objects.filter(pk=hub.pk).update(name="备份之后改的名字")
    (private / "after.pdf").write_bytes(b"kept")
    files_before = _snapshot(private)

    with pytest.raises(CommandError) as refused:
        _restore(folder)

    message = str(refused.value)
    assert message.startswith(f"{part} is damaged")
    assert "\n" not in message
    assert Hub.objects.get(pk=hub.pk).name == "备份之后改的名字"
    assert _snapshot(private) == files_before


@pytest.mark.django_db(transaction=True)
def test_a_failed_file_swap_puts_the_database_and_the_files_back(
    stores, tmp_path, pg_tools, monkeypatch
):
    media, private = stores
    hub = HubFactory(name="瑞安社会工作服务中心")
    folder = _backup(tmp_path)
    Hub.objects.filter(pk=hub.pk).update(name="备份之后改的名字")
    (media / "images" / "logo.png").write_bytes(b"new logo")
    (private / "after.pdf").write_bytes(b"kept")
    media_before, private_before = _snapshot(media), _snapshot(private)
    swap = backup._StoreSwap.swap

    def disk_full_on_private(self):
        if self.root == private:
            raise OSError(errno.ENOSPC, "No space left on device")
        swap(self)

    monkeypatch.setattr(backup._StoreSwap, "swap", disk_full_on_private)

    with pytest.raises(CommandError, match="database and files put back"):
        _restore(folder)

    assert Hub.objects.get(pk=hub.pk).name == "备份之后改的名字"
    assert _snapshot(media) == media_before
    assert _snapshot(private) == private_before
    assert not [child for child in media.iterdir() if child.name.startswith(".restore-")]
