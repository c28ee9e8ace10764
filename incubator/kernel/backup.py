"""Backups that can be restored: the database and the two file stores (public media and private
files) in one folder with a manifest of SHA-256 sums, and the restore that checks them first.

PostgreSQL is dumped with ``pg_dump --format=custom`` and restored with ``pg_restore --clean``
(the client tools must be of the server's major version or newer); SQLite is copied with its
online backup API (both in incubator.kernel.backup_database). Files are tar archives of
``MEDIA_ROOT`` and ``PRIVATE_MEDIA_ROOT``; when the file stores live in object storage instead
(django-storages), back up the buckets there and use ``--no-files``. See docs/operations.md.

A restore cannot destroy: every part is verified to its last byte before anything changes (its
SHA-256, every archive member read, the database dump read through); the file stores are
unpacked into a hidden folder *inside* each store (same file system, so the swap is a rename
per entry, and a store that is a mount point is never removed or renamed itself); the database
is restored next, and only then are the files swapped in. If a swap fails, the swapped stores
are put back and the database is restored from a safety copy taken just before, so database
and files change together or not at all. Every failure is one ``ServiceError`` line."""

import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

from incubator.kernel.backup_database import (
    DATABASE_DUMPS,
    database_vendor,
    dump_database,
    read_dump_through,
    restore_database,
)
from incubator.kernel.errors import ServiceError

MANIFEST = "manifest.json"
FILE_STORES = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}
STAGING_PREFIX = ".restore-"
UNREADABLE = (OSError, EOFError, tarfile.TarError, zlib.error, sqlite3.Error, ValueError)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _archive(root: Path, path: Path) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        if root.exists():
            for child in sorted(root.iterdir()):
                if not child.name.startswith(STAGING_PREFIX):
                    archive.add(child, arcname=child.name)
    return path


def backup_create(
    *, destination: Path, database: bool = True, files: bool = True, alias: str = "default"
) -> Path:
    """Write a new backup folder under ``destination`` and return it. After: the folder holds
    the database dump and/or the file archives, and a manifest with their SHA-256 sums."""
    folder = Path(destination) / datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    parts = []
    if database:
        parts.append(dump_database(alias, folder))
    if files:
        for name, setting in FILE_STORES.items():
            parts.append(_archive(Path(getattr(settings, setting)), folder / f"{name}.tar.gz"))
    manifest = {
        "created_at": datetime.now().astimezone().isoformat(),
        "database": connections[alias].vendor if database else None,
        "files": {part.name: _sha256(part) for part in parts},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return folder


def _read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise ServiceError(f"No {MANIFEST} in {source}: not a backup folder.") from error
    except (OSError, ValueError) as error:
        raise ServiceError(f"{MANIFEST} in {source} cannot be read: {error}") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ServiceError(f"{MANIFEST} in {source} is not a backup manifest.")
    return manifest


def _read_archive_through(path: Path) -> None:
    """Read every member of a tar.gz to its end, and refuse members that would land outside
    the store (the same filter the unpacking uses)."""
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            tarfile.data_filter(member, "/restore-check")
            if member.isfile():
                with archive.extractfile(member) as content:
                    while content.read(1 << 20):
                        pass


def backup_verify(*, source: Path) -> dict:
    """The backup's manifest, after checking that every part is there and unchanged (SHA-256)
    and readable to its end (every archive member, the whole database dump)."""
    source = Path(source)
    manifest = _read_manifest(source)
    for name, expected in manifest["files"].items():
        part = source / name
        if not part.is_file() or _sha256(part) != expected:
            raise ServiceError(f"{name} is missing or damaged (SHA-256 differs).")
    for name in manifest["files"]:
        try:
            if name.endswith(".tar.gz"):
                _read_archive_through(source / name)
            elif name in DATABASE_DUMPS.values():
                read_dump_through(source / name)
        except ServiceError as error:
            raise ServiceError(f"{name} is damaged: {error}") from error
        except UNREADABLE as error:
            reason = str(error) or type(error).__name__
            raise ServiceError(f"{name} is damaged, cannot be read to its end: {reason}") from error
    return manifest


class _StoreSwap:
    """One file store's contents replaced by an archive's, inside the store's own folder: the
    archive is unpacked into ``<store>/.restore-new-*``; ``swap`` moves the current entries
    into ``<store>/.restore-old-*`` and the new ones up; ``undo`` reverses that. The store
    folder itself is never removed or renamed: it may be a mount point."""

    def __init__(self, archive: Path, root: Path):
        self.archive, self.root = archive, root
        token = os.urandom(4).hex()
        self.new = root / f"{STAGING_PREFIX}new-{token}"
        self.old = root / f"{STAGING_PREFIX}old-{token}"
        self.moved_old: list[str] = []
        self.moved_new: list[str] = []

    def unpack(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.new.mkdir()
        with tarfile.open(self.archive, "r:gz") as archive:
            archive.extractall(self.new, filter="data")

    def swap(self) -> None:
        self.old.mkdir()
        for child in sorted(self.root.iterdir()):
            if not child.name.startswith(STAGING_PREFIX):
                child.rename(self.old / child.name)
                self.moved_old.append(child.name)
        for child in sorted(self.new.iterdir()):
            child.rename(self.root / child.name)
            self.moved_new.append(child.name)

    def undo(self) -> None:
        for name in reversed(self.moved_new):
            (self.root / name).rename(self.new / name)
        for name in reversed(self.moved_old):
            (self.old / name).rename(self.root / name)
        self.moved_new, self.moved_old = [], []

    def cleanup(self) -> None:
        """Drop the staging folders: after a swap the old files, otherwise the unused new ones."""
        for folder in (self.new, self.old):
            shutil.rmtree(folder, ignore_errors=True)


def backup_restore(
    *, source: Path, database: bool = True, files: bool = True, alias: str = "default"
) -> dict:
    """Restore a backup made by ``backup_create``, all or nothing. Before: the backup verifies
    completely; stop the app servers and task workers. After: the database and/or the file
    stores are as they were when the backup was made (files added since are gone), the store
    folders themselves untouched; on any failure, both as they were before the restore."""
    source = Path(source)
    manifest = backup_verify(source=source)
    if database and DATABASE_DUMPS[database_vendor(alias)] not in manifest["files"]:
        raise ServiceError(
            f"{DATABASE_DUMPS[database_vendor(alias)]} is not in the backup (made from another "
            "database, or with --no-database?)."
        )
    swaps = [
        _StoreSwap(source / f"{name}.tar.gz", Path(getattr(settings, setting)))
        for name, setting in FILE_STORES.items()
        if files and f"{name}.tar.gz" in manifest["files"]
    ]
    safety = Path(tempfile.mkdtemp(prefix="incubator-restore-safety-"))
    try:
        try:
            for swap in swaps:
                swap.unpack()
        except UNREADABLE as error:
            raise ServiceError(f"Unpacking the files failed, nothing changed: {error}") from error
        if database:
            if swaps:  # a copy of the current database, in case a swap fails afterwards
                dump_database(alias, safety)
            restore_database(alias, source)
        _swap_all(swaps, database=database, alias=alias, safety=safety)
    finally:
        for swap in swaps:
            swap.cleanup()
        shutil.rmtree(safety, ignore_errors=True)
    return manifest


def _swap_all(swaps: list[_StoreSwap], *, database: bool, alias: str, safety: Path) -> None:
    """Swap every store in, or put back the stores already swapped and the database."""
    done = []
    try:
        for swap in swaps:
            done.append(swap)
            swap.swap()
    except OSError as error:
        for swap in reversed(done):
            swap.undo()
        if database:
            restore_database(alias, safety)
        raise ServiceError(
            f"Swapping in the restored files failed; database and files put back: {error}"
        ) from error
