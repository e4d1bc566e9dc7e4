"""Build real zip bombs for upload tests: small Office files whose one part unpacks to gigabytes.

The big part is deflated once per mebibyte with a full flush, so its compressed blocks repeat
and a 1.2 GB part costs about 1.2 MB and a second to build, not a minute of compressing.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

MIB = 1024 * 1024


def _deflated_repeat(prefix: bytes, filler: bytes, repeats: int, suffix: bytes) -> tuple[bytes, int, int]:
    """Return raw deflate data of prefix + filler * repeats + suffix, its CRC-32 and unpacked size."""
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = block.compress(filler) + block.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(suffix) + tail.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _n in range(repeats):
        crc = zlib.crc32(filler, crc)
    crc = zlib.crc32(suffix, crc)
    return start + repeated * repeats + end, crc, len(prefix) + len(filler) * repeats + len(suffix)


def office_bomb(base: bytes, part: str, unpacked_mib: int, marker: bytes = b"BOMB", filler: bytes = b"A") -> bytes:
    """Return the Office file ``base`` with ``marker`` in ``part`` replaced by ``unpacked_mib`` MiB of filler."""
    entries: list[tuple[str, bytes, int, int, int]] = []  # name, raw data, method, crc, size
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        prefix, _marker, suffix = source.read(part).partition(marker)
        assert _marker, f"{marker!r} not found in {part}"
        for info in source.infolist():
            if info.filename == part:
                continue
            payload = source.read(info.filename)
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            raw = packer.compress(payload) + packer.flush()
            entries.append((info.filename, raw, 8, zlib.crc32(payload), len(payload)))
    raw, crc, size = _deflated_repeat(prefix, (filler * MIB)[:MIB], unpacked_mib, suffix)
    entries.append((part, raw, 8, crc, size))
    out = io.BytesIO()
    directory = []
    for name, data, method, checksum, unpacked in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, checksum, len(data), unpacked,
                              len(encoded), 0))
        out.write(encoded)
        out.write(data)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, checksum,
                                     len(data), unpacked, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for record in directory:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), out.tell() - start, start, 0))
    return out.getvalue()


def many_parts(base: bytes, count: int) -> bytes:
    """Return the Office file ``base`` with ``count`` extra tiny parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        for number in range(count):
            target.writestr(f"extra/part{number}.xml", b"<a/>")
    return out.getvalue()
