"""Hostile Office files built in memory: a zip bomb (1 GB of zeros packed into about 1 MB) and
an entity bomb ("billion laughs"), each a valid Office package otherwise."""

import functools
import io
import struct
import zlib

MB = 1024 * 1024
MANIFEST = b'<?xml version="1.0" encoding="UTF-8"?><Types/>'


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP archive from (name, stored bytes, method, CRC-32, unpacked size) entries, written
    by hand so that a deflated part need not be compressed here (see ``zip_bomb``)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, data, method, crc, size in entries:
        offset = out.tell()
        encoded = name.encode()
        fields = (20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + encoded + data)
        directory.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHH", *fields)
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + encoded
        )
    start, central = out.tell(), directory.getvalue()
    count = len(entries)
    out.write(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0))
    return out.getvalue()


def _stored(name: str, data: bytes) -> tuple:
    return (name, data, 0, zlib.crc32(data), len(data))


@functools.cache
def zip_bomb(folder: str = "word/", gigabytes: int = 1) -> bytes:
    """An Office package whose one big part unpacks to ``gigabytes`` GB of zeros. Deflate
    restarted at each megabyte (a full flush) turns every megabyte of zeros into the same
    bytes, so the part is those bytes repeated, not compressed here."""
    chunk = b"\0" * MB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    megabytes = 1024 * gigabytes
    deflated = block * megabytes + compressor.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    part = (f"{folder}document.xml", deflated, 8, crc, megabytes * MB)
    return _zip([_stored("[Content_Types].xml", MANIFEST), part])


def entity_bomb(folder: str = "xl/") -> bytes:
    """An Office package whose workbook part expands ten entities tenfold each ("billion
    laughs"): a few hundred bytes that an XML parser would blow up to gigabytes."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    workbook = (
        '<?xml version="1.0"?><!DOCTYPE workbook [' + "".join(entities) + "]>"
        "<workbook><sheets><sheet name='&lol9;'/></sheets></workbook>"
    ).encode()
    return _zip(
        [_stored("[Content_Types].xml", MANIFEST), _stored(f"{folder}workbook.xml", workbook)]
    )


def many_parts(folder: str = "word/", count: int = 5000) -> bytes:
    """An Office package of ``count`` tiny parts."""
    parts = [_stored(f"{folder}part{index}.xml", b"<p/>") for index in range(count)]
    return _zip([_stored("[Content_Types].xml", MANIFEST), *parts])
