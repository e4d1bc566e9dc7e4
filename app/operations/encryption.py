"""Passphrase encryption of backup files, streamed in chunks (AES-256-GCM, key from scrypt).

Layout: header (magic, salt, scrypt parameters, nonce prefix), then chunks of at most
1 MiB plaintext, each stored as a 4-byte length and its ciphertext with tag. The nonce of a
chunk is the prefix, the chunk's number and a flag marking the last chunk, and every chunk
authenticates the header: chunks cannot be reordered, dropped, or cut off at the end
without decryption failing (the STREAM construction of Hoang, Reyhanitabar, Rogaway and
Vizár). The primitives are those of the ``cryptography`` package.
"""
from __future__ import annotations

import io
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"KONZEPTWERK-BACKUP-AES256GCM-1\n"
CHUNK_SIZE = 1 << 20
#: scrypt cost: 2**17 × 8 × 128 bytes = 128 MiB and about half a second per passphrase check.
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 17, 8, 1
#: Refuse files asking for more work than this (a crafted header must not exhaust memory).
MAX_SCRYPT_LOG2_N = 20
SALT_BYTES, PREFIX_BYTES, TAG_BYTES = 16, 7, 16
_PARAMS = struct.Struct(">BII")


class DecryptionError(Exception):
    """The passphrase is wrong, or the file was damaged or cut off."""


def is_encrypted(head: bytes) -> bool:
    """Return whether a file starting with ``head`` is an encrypted backup."""
    return head.startswith(MAGIC)


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> AESGCM:
    return AESGCM(Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(passphrase.encode("utf-8")))


def _nonce(prefix: bytes, counter: int, is_last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if is_last else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A writable stream that encrypts into ``raw``; ``close()`` writes the last chunk (``raw`` stays open)."""

    def __init__(self, raw, passphrase: str, *, log2_n: int | None = None):
        super().__init__()
        log2_n = SCRYPT_LOG2_N if log2_n is None else log2_n
        salt, self._prefix = os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
        self._header = MAGIC + salt + _PARAMS.pack(log2_n, SCRYPT_R, SCRYPT_P) + self._prefix
        self._aead = _key(passphrase, salt, log2_n, SCRYPT_R, SCRYPT_P)
        self._raw, self._buffer, self._counter = raw, bytearray(), 0
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK_SIZE:
            self._emit(bytes(self._buffer[:CHUNK_SIZE]), is_last=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def _emit(self, plaintext: bytes, *, is_last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._counter, is_last), plaintext, self._header)
        self._raw.write(len(sealed).to_bytes(4, "big") + sealed)
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), is_last=True)
            self._buffer.clear()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A readable stream of the plaintext of ``raw``; raises DecryptionError on any tampering or a wrong passphrase."""

    def __init__(self, raw, passphrase: str):
        super().__init__()
        header = raw.read(len(MAGIC) + SALT_BYTES + _PARAMS.size + PREFIX_BYTES)
        if not is_encrypted(header) or len(header) < len(MAGIC) + SALT_BYTES + _PARAMS.size + PREFIX_BYTES:
            raise DecryptionError("not an encrypted Konzeptwerk backup")
        salt = header[len(MAGIC):len(MAGIC) + SALT_BYTES]
        log2_n, r, p = _PARAMS.unpack(header[len(MAGIC) + SALT_BYTES:len(MAGIC) + SALT_BYTES + _PARAMS.size])
        if not (10 <= log2_n <= MAX_SCRYPT_LOG2_N and 1 <= r <= 32 and 1 <= p <= 16):
            raise DecryptionError("unsupported encryption parameters")
        self._header, self._prefix = header, header[-PREFIX_BYTES:]
        self._aead = _key(passphrase, salt, log2_n, r, p)
        self._raw, self._counter, self._plain, self._done = raw, 0, b"", False
        self._next_length = self._read_length()
        if self._next_length is None:
            raise DecryptionError("the file ends before its first chunk")

    def readable(self) -> bool:
        return True

    def _read_length(self) -> int | None:
        head = self._raw.read(4)
        if not head:
            return None
        if len(head) < 4:
            raise DecryptionError("the file is cut off")
        length = int.from_bytes(head, "big")
        if not TAG_BYTES <= length <= CHUNK_SIZE + TAG_BYTES:
            raise DecryptionError("the file is damaged (impossible chunk length)")
        return length

    def _next_chunk(self) -> None:
        sealed = self._raw.read(self._next_length)
        if len(sealed) < self._next_length:
            raise DecryptionError("the file is cut off")
        self._next_length = self._read_length()
        is_last = self._next_length is None
        try:
            self._plain = self._aead.decrypt(_nonce(self._prefix, self._counter, is_last), sealed, self._header)
        except InvalidTag:
            raise DecryptionError("wrong passphrase, or the file was damaged or cut off") from None
        self._counter += 1
        self._done = is_last

    def readinto(self, target) -> int:
        while not self._plain and not self._done:
            self._next_chunk()
        count = min(len(target), len(self._plain))
        target[:count] = self._plain[:count]
        self._plain = self._plain[count:]
        return count
