"""Checks on private uploads: the size, the extension and the content (the first bytes, or a
ZIP's central directory for Office files) of a file before it enters private storage
(incubator.kernel.files), and the content types files are served with.

An Office file is a ZIP archive of XML parts, and whoever opens it (a reviewer's Word, a library
reading it on the server) unpacks and parses them. So before one is stored, its archive is
bounded (entries, and bytes once unpacked: a "zip bomb" of a few kilobytes can unpack to
gigabytes) and its parts may declare no DOCTYPE or entity (an "entity bomb" expands a few
lines into gigabytes, and external entities read files)."""

import math
import os
import zipfile
import zlib
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

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


def file_extension(name: str | None) -> str:
    """The lower-cased extension of ``name`` without the dot; '' when there is none."""
    return os.path.splitext(os.path.basename(name or ""))[1].lower().lstrip(".")


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
    extension = file_extension(file.name)
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
