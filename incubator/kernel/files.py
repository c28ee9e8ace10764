"""Private uploads: the one way evidence, bids, payroll proofs and letters enter and leave the
system. Files are stored outside MEDIA_ROOT under names we choose, checked by size, extension and
content (the first bytes, or a ZIP's central directory for Office files), and served only through
views that have checked the object permission first.

An Office file is a ZIP archive of XML parts, and whoever opens it (a reviewer's Word, a library
reading it on the server) unpacks and parses them. So before one is stored, its archive is
bounded (entries, and bytes once unpacked: a "zip bomb" of a few kilobytes can unpack to
gigabytes) and its parts may declare no DOCTYPE or entity (an "entity bomb" expands a few
lines into gigabytes, and external entities read files)."""

import math
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from uuid import uuid4

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from incubator.kernel.orphans import RollbackCleanupMixin

MB = 1024 * 1024
PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": DOCX_TYPE,
    "xlsx": XLSX_TYPE,
}
SAFE_PREFIX = re.compile(r"[a-z0-9_-]+(/[a-z0-9_-]+)*")
# Bounds of an Office file's archive. Real documents hold tens of parts (a workbook with many
# sheets and images a few hundred) and unpack to a few times their size; 10 MB of XML, which
# compresses tenfold, unpacks to 100 MB.
OFFICE_MAX_ENTRIES = 1000
OFFICE_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Markup that declares a document type or entities, in the encodings an XML parser accepts.
XML_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


class PrivateFileSystemStorage(RollbackCleanupMixin, FileSystemStorage):
    """Local private storage: files live outside MEDIA_ROOT and have no URL at all, so no
    template or widget can ever link to one by accident; they leave through download views.
    A file saved by a transaction that rolls back is removed (incubator.kernel.orphans)."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a download view.")


def get_private_storage() -> Storage:
    """The private storage. A callable, so migrations record this function, not the storage."""
    return storages["private"]


def _extension(name: str | None) -> str:
    """The lower-cased extension of ``name`` without the dot; '' when there is none."""
    return os.path.splitext(os.path.basename(name or ""))[1].lower().lstrip(".")


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
        extension = _extension(filename)
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


def _head(file: File, length: int = 16) -> bytes:
    """The first ``length`` bytes of ``file``, leaving it rewound."""
    file.seek(0)
    try:
        return file.read(length) or b""
    finally:
        file.seek(0)


def _is_ooxml(file: File, folder: str) -> bool:
    """Whether ``file`` is a ZIP holding an Office manifest and ``folder``. Only the central
    directory is read; nothing is decompressed, so a ZIP bomb costs nothing here."""
    try:
        if not zipfile.is_zipfile(file):
            return False
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return False
    finally:
        file.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _office_archive_problem(file: File) -> tuple[str, dict] | None:
    """Why an Office file's archive is refused, as (code, params), or None when it is within
    bounds and declares no DOCTYPE or entity. Sizes are counted as the parts are unpacked, not
    taken from the archive's directory, which could lie."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > OFFICE_MAX_ENTRIES:
                return "archive_too_many_entries", {"limit": OFFICE_MAX_ENTRIES}
            too_large = ("archive_too_large", {"limit": OFFICE_MAX_UNPACKED_BYTES // MB})
            if sum(entry.file_size for entry in entries) > OFFICE_MAX_UNPACKED_BYTES:
                return too_large
            unpacked = 0
            overlap = max(len(marker) for marker in XML_DECLARATIONS) - 1
            for entry in entries:
                tail = b""
                with archive.open(entry) as part:
                    while chunk := part.read(1024 * 1024):
                        unpacked += len(chunk)
                        if unpacked > OFFICE_MAX_UNPACKED_BYTES:
                            return too_large
                        window = tail + chunk
                        if any(marker in window for marker in XML_DECLARATIONS):
                            return "xml_declarations", {}
                        tail = window[-overlap:]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError):
        return "content_mismatch", {}  # damaged, encrypted or of an unknown compression
    except (OSError, EOFError, ValueError, zlib.error):
        return "content_mismatch", {}
    finally:
        file.seek(0)
    return None


OFFICE_REFUSALS = {
    "archive_too_many_entries": _(
        "%(name)s holds more than %(limit)s parts, far more than any Office document; it is "
        "refused. Save it again from Word or Excel and upload the new file."
    ),
    "archive_too_large": _(
        "%(name)s would unpack to more than %(limit)s MB, far more than any Office document "
        '(it may be a "zip bomb"); it is refused. Save it again from Word or Excel and '
        "upload the new file."
    ),
    "xml_declarations": _(
        "%(name)s contains XML document-type or entity declarations, which Office documents "
        "never need and which can be used to attack whoever opens the file; it is refused. "
        "Save it again from Word or Excel and upload the new file."
    ),
}


CONTENT_CHECKS: dict[str, Callable[[File], bool]] = {
    "pdf": lambda file: _head(file).startswith(PDF_MAGIC),
    "png": lambda file: _head(file).startswith(PNG_MAGIC),
    "jpg": lambda file: _head(file).startswith(JPEG_MAGIC),
    "jpeg": lambda file: _head(file).startswith(JPEG_MAGIC),
    "docx": lambda file: _is_ooxml(file, "word/"),
    "xlsx": lambda file: _is_ooxml(file, "xl/"),
}


def allowed_extensions() -> list[str]:
    """The extensions accepted: those in settings whose content we know how to check."""
    configured = (extension.lower() for extension in settings.PRIVATE_UPLOAD_EXTENSIONS)
    return [extension for extension in configured if extension in CONTENT_CHECKS]


def validate_private_upload(file: File) -> None:
    """Refuse an empty or oversized file, a type not allowed, or content not matching its
    extension. Files already in storage (committed) were checked on arrival and are skipped,
    so editing a record never re-reads, or fails on, its stored files."""
    if isinstance(file, FieldFile) and file._committed:
        return
    size = file.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.PRIVATE_UPLOAD_MAX_BYTES
    if size > limit:
        shown = round(size / MB, 1)
        if shown <= limit / MB:  # Just over the limit must not read as equal to it.
            shown = math.ceil(size * 10 / MB) / 10
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="file_too_large",
            params={"size": f"{shown:.1f}", "limit": f"{limit / MB:g}"},
        )
    extension = _extension(file.name)
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type are not accepted. Allowed types: %(extensions)s."),
            code="invalid_extension",
            params={"extensions": ", ".join(allowed)},
        )
    mismatch = ValidationError(
        _("The content of this file does not match its .%(extension)s extension."),
        code="content_mismatch",
        params={"extension": extension},
    )
    if not CONTENT_CHECKS[extension](file):
        raise mismatch
    if CONTENT_TYPES[extension] in (DOCX_TYPE, XLSX_TYPE):
        problem = _office_archive_problem(file)
        if problem is not None:
            code, params = problem
            if code == "content_mismatch":
                raise mismatch
            name = os.path.basename(file.name or "")
            raise ValidationError(OFFICE_REFUSALS[code], code=code, params={**params, "name": name})


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
    if extension and CONTENT_TYPES.get(_extension(name)) != CONTENT_TYPES.get(extension):
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
    extension = _extension(field_file.name)
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
