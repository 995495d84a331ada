"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 (with BOM, or BOM-less UTF-16), cp1252 fallback.

Newlines are NOT normalised: every offset the parser reports indexes the decoded text exactly.
"""
from __future__ import annotations

import codecs

from .errors import InputError

# Control characters allowed in text; every other C0/C1 character counts towards "binary".
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_BINARY_SHARE = 0.05  # more than this share of control characters: not a text file
_SNIFF = 4096  # bytes looked at to recognise BOM-less UTF-16


def _is_control(ch: str) -> bool:
    o = ord(ch)
    return (o < 32 and ch not in _TEXT_CONTROLS) or o == 0x7F or 0x80 <= o <= 0x9F


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit regularly on one side of each pair, as in ASCII-heavy UTF-16."""
    head = data[:_SNIFF]
    pairs = len(head) // 2
    if pairs < 1:
        return None
    even_nuls = sum(1 for i in range(0, pairs * 2, 2) if head[i] == 0)
    odd_nuls = sum(1 for i in range(1, pairs * 2, 2) if head[i] == 0)
    # Latin text in UTF-16 has a NUL in (nearly) every pair, always on the same side.
    if odd_nuls >= 0.6 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.6 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode_strict(data: bytes, encoding: str, name: str, skip: int = 0) -> str:
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {encoding.upper()} at byte {exc.start + skip}", name=name) from None


def _check_text(text: str, name: str, encoding: str) -> str:
    if not text.strip():
        raise InputError("empty file (no text)", name=name)
    controls = [i for i, ch in enumerate(text) if _is_control(ch)]
    if controls and len(controls) > _BINARY_SHARE * len(text):
        share = round(100 * len(controls) / len(text))
        raise InputError(
            f"binary content, not text ({share}% control characters, first at character {controls[0]},"
            f" read as {encoding})",
            name=name,
        )
    return text


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode a file's bytes to text, or raise InputError for empty or binary content."""
    if not data or not data.strip():
        raise InputError("empty file", name=name)
    # BOMs first: UTF-32 before UTF-16 because the UTF-32 LE BOM begins with the UTF-16 LE one.
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _check_text(_decode_strict(data, encoding, name, skip=len(bom)), name, encoding)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _check_text(_decode_strict(data, utf16, name), name, utf16)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary content, not text (NUL byte at byte {nul})", name=name)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        # Legacy Windows exports: cp1252 has the smart quotes, dashes and euro sign; the five bytes it leaves
        # undefined fall back to Latin-1 so decoding never fails (they then count as control characters).
        text = data.decode("cp1252", errors="_capdev_latin1")
        encoding = "cp1252"
    return _check_text(text, name, encoding)


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("_capdev_latin1", _latin1_fallback)
