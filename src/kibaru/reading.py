"""Read a text file or stream as article text, refusing binary, empty, huge or undecodable
input with one sentence that names the file."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from kibaru.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)

__all__ = ["DEFAULT_MAX_BYTES", "decode_text", "read_text"]

DEFAULT_MAX_BYTES = 5_000_000


def read_text(source: Path | BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES, origin: str | None = None) -> str:
    """Return the decoded text of a file path or binary stream."""
    name = origin or (str(source) if isinstance(source, Path) else "-")
    try:
        if isinstance(source, Path):
            if source.is_dir():
                raise InputError("is a folder, not a file", origin=name)
            if source.exists() and not source.is_file():  # a pipe or device: open() would block
                raise InputError("is not a regular file (a pipe, socket or device)", origin=name)
            with source.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        else:
            data = source.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError("no such file", origin=name) from exc
    except PermissionError as exc:
        raise InputError("permission denied", origin=name) from exc
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", origin=name) from exc
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"is larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)", origin=name
        )
    return decode_text(data, origin=name)


def decode_text(data: bytes, *, origin: str | None = None) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or Latin-script
    text without one), else cp1252."""
    if not data.strip():
        raise EmptyInputError("is empty", origin=origin)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError("has a UTF-16 byte-order mark but is not valid UTF-16", origin=origin) from exc
    elif (bomless := _utf16_without_bom(data)) is not None:
        text = bomless
    elif b"\x00" in data[:8192]:
        raise BinaryInputError("is binary (holds NUL bytes), not text", origin=origin)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if _looks_binary(data):
                raise BinaryInputError("is binary, not text", origin=origin) from None
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise EncodingError("is neither UTF-8 nor Windows-1252 text", origin=origin) from exc
    if "\x00" in text:
        raise BinaryInputError("holds NUL characters, not text", origin=origin)
    if not text.strip():
        raise EmptyInputError("is empty", origin=origin)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the text of UTF-16 bytes without a byte-order mark, or None when they are not.

    Text in Latin scripts saved as UTF-16 has a NUL as every other byte (the high byte of
    each character): NULs at nearly all odd positions (little-endian) or even ones
    (big-endian) and almost none at the others.
    """
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for encoding, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= 0.9 * half and others <= 0.01 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            # Binary data can alternate NULs too ("\x00\xff" * n): text has words and spaces.
            head = text[:2048]
            readable = sum(1 for c in head if c.isprintable() or c.isspace())
            if len(set(head)) < 3 or " " not in head or readable < 0.98 * len(head):
                return None
            return text
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control > len(sample) * 0.05
