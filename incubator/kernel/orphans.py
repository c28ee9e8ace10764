"""No file without a row: files written by a transaction that rolls back are removed at the
rollback, and ``manage.py clean_orphan_files`` finds what no row references (files left by a
process that died mid-transaction, or by anything older than this module).

Why a reference drop and not a rollback hook. Django has ``transaction.on_commit`` but no
"on rollback". What it does have is exact bookkeeping of commit callbacks: a callback
registered inside an atomic block is kept on the connection with the savepoints that were open,
run once the outermost block commits, and *discarded* when the transaction (or the savepoint
it was registered under) rolls back. So each file saved inside an atomic block registers a
small keeper's ``commit`` as an on-commit callback, and the keeper removes the file when it is
freed without having been told of a commit. CPython frees an object the moment its last
reference goes, which is the moment Django drops the callback: the file goes at the rollback,
savepoint rollbacks included, on every database backend, with no patch of Django and no
per-request sweep. Outside an atomic block a save is its own commit and nothing is tracked. A
process killed before its rollback runs leaves its files: that is what the command is for."""

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import Storage
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils import timezone
from django.utils.functional import LazyObject, empty

logger = logging.getLogger(__name__)


class _UncommittedFile:
    """A file saved inside a transaction: kept if ``commit`` runs, removed when freed unsaid."""

    __slots__ = ("storage", "name", "committed")

    def __init__(self, storage: Storage, name: str):
        self.storage, self.name, self.committed = storage, name, False

    def commit(self) -> None:
        self.committed = True

    def __del__(self):
        if self.committed:
            return
        try:
            self.storage.delete(self.name)
            logger.info("Removed %s: the transaction that wrote it rolled back", self.name)
        except Exception:  # a finaliser must not raise; the orphan command catches what is left
            logger.warning("Could not remove %s after a rollback", self.name, exc_info=True)


class RollbackCleanupMixin:
    """For a ``Storage``: a file saved inside an atomic block is removed if that block (or an
    enclosing one) rolls back. See the module docstring for how."""

    def _save(self, name, content):
        name = super()._save(name, content)
        connection = transaction.get_connection(DEFAULT_DB_ALIAS)
        if connection.in_atomic_block:
            transaction.on_commit(_UncommittedFile(self, name).commit)
        return name


@dataclass(frozen=True)
class StoredFile:
    """A file in one of the stores: which store (its ``STORAGES`` key or class), its name."""

    store: str
    storage: Storage
    name: str


def _file_fields() -> Iterator[models.FileField]:
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield field


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a store nothing was ever written to
        return
    for file in files:
        yield f"{folder}/{file}" if folder else file
    for sub in folders:
        if sub.startswith("."):  # a restore's staging folder, or a file system's own
            continue
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def orphan_files(*, older_than: timedelta = timedelta(hours=1)) -> list[StoredFile]:
    """Files in the stores of every ``FileField`` of every model that no row references and
    that are older than ``older_than`` (a younger file may belong to a transaction still
    running). Read only."""
    referenced: dict[int, set[str]] = {}
    stores: dict[int, tuple[str, Storage]] = {}
    for field in _file_fields():
        storage = _unwrap(field.storage)
        stores.setdefault(id(storage), (_store_name(storage), storage))
        names = referenced.setdefault(id(storage), set())
        rows = field.model._base_manager.exclude(**{field.attname: ""}).exclude(
            **{f"{field.attname}__isnull": True}
        )
        names.update(rows.values_list(field.attname, flat=True).iterator(chunk_size=2000))
    cutoff = timezone.now() - older_than
    found = []
    for key, (store, storage) in stores.items():
        for name in _walk(storage):
            if name in referenced[key]:
                continue
            try:
                if storage.get_modified_time(name) > cutoff:
                    continue
            except (NotImplementedError, OSError):
                continue
            found.append(StoredFile(store=store, storage=storage, name=name))
    return sorted(found, key=lambda file: (file.store, file.name))


def _unwrap(storage: Storage) -> Storage:
    """The storage itself, also behind ``default_storage`` (a lazy object)."""
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        return storage._wrapped
    return storage


def _store_name(storage: Storage) -> str:
    from django.core.files.storage import storages

    for alias in storages.backends:
        if storages[alias] is storage:
            return alias
    return type(storage).__name__
