"""Backups that can be restored: the database and the two file stores (public media and private
files) in one folder with a manifest of SHA-256 sums, and the restore that checks them first.

PostgreSQL is dumped with ``pg_dump --format=custom`` and restored with ``pg_restore --clean``
(the client tools must be of the server's major version or newer); SQLite is copied with its
online backup API. Files are tar archives of ``MEDIA_ROOT`` and ``PRIVATE_MEDIA_ROOT``; when the
file stores live in object storage instead (django-storages), back up the buckets there and
use ``--no-files``. See docs/operations.md."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

from incubator.errors import ServiceError

MANIFEST = "manifest.json"
DATABASE_DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
FILE_STORES = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DATABASE_DUMPS:
        raise ServiceError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_environment(alias: str) -> tuple[dict, str]:
    """The libpq environment and database name of a Django PostgreSQL connection."""
    params = connections[alias].get_connection_params()
    env = dict(os.environ)
    for key, variable in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    return env, params["dbname"]


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ServiceError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(alias: str, target: Path) -> Path:
    vendor = _vendor(alias)
    path = target / DATABASE_DUMPS[vendor]
    if vendor == "postgresql":
        env, name = _pg_environment(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", name], env)
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        copy.close()
    return path


def _restore_database(alias: str, source: Path) -> None:
    vendor = _vendor(alias)
    path = source / DATABASE_DUMPS[vendor]
    if not path.exists():
        raise ServiceError(f"{path.name} is not in the backup (made from another database?).")
    if vendor == "postgresql":
        connections[alias].close()
        env, name = _pg_environment(alias)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={name}",
                str(path),
            ],
            env,
        )
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(path) as dump:
            dump.backup(connection.connection)
        dump.close()


def _archive(root: Path, path: Path) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        if root.exists():
            for child in sorted(root.iterdir()):
                archive.add(child, arcname=child.name)
    return path


def _unpack(path: Path, root: Path) -> None:
    """Replace ``root``'s contents with the archive's: unpacked beside it first, so a broken
    archive leaves the current files as they were."""
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-restore-", dir=root.parent))
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(staging, filter="data")
        if root.exists():
            shutil.rmtree(root)
        staging.rename(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def backup_create(
    *, destination: Path, database: bool = True, files: bool = True, alias: str = "default"
) -> Path:
    """Write a new backup folder under ``destination`` and return it. After: the folder holds
    the database dump and/or the file archives, and a manifest with their SHA-256 sums."""
    folder = Path(destination) / datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    parts = []
    if database:
        parts.append(_dump_database(alias, folder))
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


def backup_verify(*, source: Path) -> dict:
    """The backup's manifest, after checking that every file in it is there and unchanged."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise ServiceError(f"No {MANIFEST} in {source}: not a backup folder.") from error
    for name, expected in manifest["files"].items():
        part = source / name
        if not part.exists() or _sha256(part) != expected:
            raise ServiceError(f"{name} is missing or damaged (SHA-256 differs).")
    return manifest


def backup_restore(
    *, source: Path, database: bool = True, files: bool = True, alias: str = "default"
) -> dict:
    """Restore a backup made by ``backup_create``. Before: the backup verifies; stop the app
    servers and task workers. After: the database and/or the file stores are as they were
    when the backup was made (files added since are gone)."""
    source = Path(source)
    manifest = backup_verify(source=source)
    if database:
        _restore_database(alias, source)
    if files:
        for name, setting in FILE_STORES.items():
            archive = source / f"{name}.tar.gz"
            if archive.name in manifest["files"]:
                _unpack(archive, Path(getattr(settings, setting)))
    return manifest
