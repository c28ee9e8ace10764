"""Private files: the one way evidence, bids, payroll proofs and letters enter and leave the
system. Files are stored outside MEDIA_ROOT under names we choose, checked on upload
(incubator.kernel.uploads), and served only through views that have checked the object
permission first. Migrations name ``PrivateFileField``, ``PrivateUploadTo`` and
``get_private_storage`` here: they stay in this module."""

import os
import re
from uuid import uuid4

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from incubator.kernel.orphans import RollbackCleanupMixin
from incubator.kernel.uploads import (
    CONTENT_TYPES,
    allowed_extensions,
    file_extension,
    validate_private_upload,
)

SAFE_PREFIX = re.compile(r"[a-z0-9_-]+(/[a-z0-9_-]+)*")


class PrivateFileSystemStorage(RollbackCleanupMixin, FileSystemStorage):
    """Local private storage: files live outside MEDIA_ROOT and have no URL at all, so no
    template or widget can ever link to one by accident; they leave through download views.
    A file saved by a transaction that rolls back is removed (incubator.kernel.orphans)."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a download view.")


def get_private_storage() -> Storage:
    """The private storage. A callable, so migrations record this function, not the storage."""
    return storages["private"]


@deconstructible
class PrivateUploadTo:
    """``upload_to`` that names files ``<prefix>/<YYYY>/<MM>/<uuid hex>.<ext>``. The user's file
    name never reaches the disk: it can leak personal data and it is chosen by the uploader."""

    def __init__(self, prefix: str):
        if not SAFE_PREFIX.fullmatch(prefix):
            raise ValueError(f"Private upload prefix must be lower-case path segments: {prefix!r}")
        self.prefix = prefix

    def __call__(self, instance: models.Model | None, filename: str) -> str:
        """A fresh name for an upload called ``filename``; only its extension is kept."""
        extension = file_extension(filename)
        extension = "jpg" if extension == "jpeg" else extension
        suffix = f".{extension}" if re.fullmatch(r"[a-z0-9]{1,8}", extension) else ""
        now = timezone.now()
        return f"{self.prefix}/{now:%Y}/{now:%m}/{uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def private_upload_to(prefix: str) -> PrivateUploadTo:
    """An ``upload_to`` for private files under ``prefix``: ``private_upload_to("evidence")``."""
    return PrivateUploadTo(prefix)


class PrivateUploadFormField(forms.FileField):
    """A file field running the private-upload checks, and telling the browser's file picker
    which types to offer."""

    default_validators = [validate_private_upload]
    # A plain file input: the "currently" link of ClearableFileInput would need a public URL.
    widget = forms.FileInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        """Add ``accept`` (".pdf,.docx,...") unless the widget was given its own."""
        attrs = super().widget_attrs(widget)
        if "accept" not in widget.attrs:
            attrs["accept"] = ",".join(f".{extension}" for extension in allowed_extensions())
        return attrs


class PrivateFileField(models.FileField):
    """A file kept in private storage and checked on upload. ``upload_to`` is required, usually
    ``private_upload_to("<area>")``. The validator is a class default: migrations never see it."""

    default_validators = [validate_private_upload]

    def __init__(self, verbose_name=None, name=None, upload_to=None, storage=None, **kwargs):
        if not upload_to:
            raise TypeError("PrivateFileField needs upload_to, e.g. private_upload_to('evidence').")
        kwargs.setdefault("max_length", 255)
        storage = storage or get_private_storage
        super().__init__(verbose_name, name, upload_to=upload_to, storage=storage, **kwargs)

    def formfield(self, **kwargs):
        """A ``PrivateUploadFormField``, so forms refuse bad files before the model is built."""
        return super().formfield(**{"form_class": PrivateUploadFormField, **kwargs})


def _download_name(download_name: str, extension: str) -> str:
    """``download_name`` as one printable file name, ending in the stored file's extension."""
    name = os.path.basename(download_name.replace("\\", "/"))
    name = "".join(char for char in name if char.isprintable()).strip() or "file"
    if extension and CONTENT_TYPES.get(file_extension(name)) != CONTENT_TYPES.get(extension):
        name = f"{name}.{extension}"
    return name


def private_file_response(field_file: FieldFile, *, download_name: str) -> FileResponse:
    """Stream a private file to the browser: PDFs inline, everything else as an attachment named
    ``download_name``. Raises Http404 when the file is missing. This does NOT check permissions:
    the caller must have checked that the user may see the owning object first."""
    if not field_file:
        raise Http404("No file.")
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("File not found in private storage.") from error
    extension = file_extension(field_file.name)
    response = FileResponse(
        handle,
        as_attachment=extension != "pdf",
        filename=_download_name(download_name, extension),
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class MultipleFileInput(forms.FileInput):
    """A file input that lets the user pick several files at once."""

    allow_multiple_selected = True


class PrivateUploadsFormField(PrivateUploadFormField):
    """Several private files in one field; each is checked like a single upload, and an error
    names the file it is about. Cleans to a list, empty when nothing was chosen."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int = 5, **kwargs):
        kwargs.setdefault("required", False)
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if len(uploads) > self.max_files:
            raise ValidationError(
                _("Attach at most %(count)s files at a time."),
                code="too_many_files",
                params={"count": self.max_files},
            )
        errors, files = [], []
        for upload in uploads:
            try:
                files.append(super().clean(upload, initial))
            except ValidationError as error:
                # Each error names the file, unless it names it already.
                errors.extend(
                    item
                    if "name" in (item.params or {})
                    else ValidationError(
                        _("%(name)s: %(error)s"),
                        code=getattr(item, "code", None) or "invalid",
                        params={"name": os.path.basename(upload.name or ""), "error": message},
                    )
                    for item in error.error_list
                    for message in item.messages
                )
        if errors:
            raise ValidationError(errors)
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files
