"""Sample files for the private-file tests (test_private_files, test_private_uploads): the
first bytes of each accepted type and of hostile ones, a minimal Office package, and an unattached
PrivateFileField."""

import io
import zipfile

from incubator.kernel.files import PrivateFileField, private_upload_to

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64


def office_file(*folders: str, manifest: bool = True) -> bytes:
    """A minimal Office Open XML package: a manifest and one part in each folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if manifest:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for folder in folders:
            archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def private_field() -> PrivateFileField:
    """A PrivateFileField for evidence, unattached to any model."""
    return PrivateFileField(upload_to=private_upload_to("evidence"))
