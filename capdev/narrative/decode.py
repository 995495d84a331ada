"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 (with BOM, or BOM-less UTF-16), cp1252 fallback.

Newlines are NOT normalised: every offset the parser reports indexes the decoded text exactly.

A file is read twice, a chunk at a time, and never held whole: first to decide (its encoding, whether it is
text at all, its size against the limit, its SHA-256), then to decode it for the parser (read_file).
decode_bytes decides and decodes bytes already in memory by the same steps.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, LimitExceeded
from .limits import MAX_FILE_BYTES

# Control characters: every C0/C1 character but tab, line feed, vertical tab, form feed and carriage return
# counts towards "binary".
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NONBLANK = re.compile(r"\S")
_BINARY_SHARE = 0.05  # more than this share of control characters: not a text file
_SNIFF = 4096  # bytes looked at to recognise BOM-less UTF-16
CHUNK = 1 << 20  # bytes read at a time

# BOMs first: UTF-32 before UTF-16 because the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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


@dataclass(frozen=True)
class Decoding:
    """How a file's bytes become its text, and what reading them once learned."""

    encoding: str
    skip: int  # bytes of the BOM, left out of the text
    strict: bool  # decoding errors are the file's (cp1252 never fails: undefined bytes read as Latin-1)
    sha256: str
    size: int  # bytes
    chars: int  # characters of the text


class _TextCheck:
    """Counts what _check_text looks at (blank or not, control characters) in text that arrives in pieces."""

    def __init__(self) -> None:
        self.chars = 0
        self.controls = 0
        self.first_control = -1
        self.blank = True

    def add(self, text: str) -> None:
        if self.blank and _NONBLANK.search(text):
            self.blank = False
        found = _CONTROL.findall(text)
        if found:
            if self.first_control < 0:
                self.first_control = self.chars + _CONTROL.search(text).start()
            self.controls += len(found)
        self.chars += len(text)

    def check(self, name: str, encoding: str) -> None:
        if self.blank:
            raise InputError("empty file (no text)", name=name)
        if self.controls and self.controls > _BINARY_SHARE * self.chars:
            share = round(100 * self.controls / self.chars)
            raise InputError(
                f"binary content, not text ({share}% control characters, first at character {self.first_control},"
                f" read as {encoding})",
                name=name,
            )


def _decoder(encoding: str):
    if encoding == "cp1252":
        # Legacy Windows exports: cp1252 has the smart quotes, dashes and euro sign; the five bytes it leaves
        # undefined fall back to Latin-1 so decoding never fails (they then count as control characters).
        return codecs.getincrementaldecoder("cp1252")(errors="_capdev_latin1")
    return codecs.getincrementaldecoder(encoding)()


def _decode_chunks(chunks: Iterable[bytes], encoding: str, skip: int = 0) -> Iterator[str]:
    """The text of chunks of bytes, the first `skip` bytes left out; an invalid byte raises, saying where."""
    decoder = _decoder(encoding)
    fed = 0  # bytes given to the decoder so far
    for chunk in chunks:
        if skip:
            cut = min(skip, len(chunk))
            chunk, skip = chunk[cut:], skip - cut
        yield _decode_step(decoder, chunk, fed, encoding)
        fed += len(chunk)
    yield _decode_step(decoder, b"", fed, encoding, final=True)


def _decode_step(decoder, chunk: bytes, fed: int, encoding: str, *, final: bool = False) -> str:
    held = len(decoder.getstate()[0])  # bytes of an earlier chunk the decoder still holds (half a character)
    try:
        return decoder.decode(chunk, final)
    except UnicodeDecodeError as exc:
        at = fed - held + exc.start
        raise _Invalid(encoding, at) from None


class _Invalid(Exception):
    """An invalid byte, at an offset counted after the BOM."""

    def __init__(self, encoding: str, at: int) -> None:
        super().__init__(encoding, at)
        self.encoding, self.at = encoding, at


def decide(read: Callable[[], Iterable[bytes]], name: str = "<input>") -> Decoding:
    """Read the bytes once (read() gives them in chunks; it is called again for a second reading where one is
    needed) and decide how to decode them; InputError for empty or binary content or an invalid byte."""
    digest, size, head, nonblank, nul = hashlib.sha256(), 0, b"", False, -1
    utf8, utf8_check = _decoder("utf-8"), _TextCheck()
    utf8_ok = True
    for chunk in read():
        digest.update(chunk)
        if len(head) < _SNIFF:
            head += chunk[: _SNIFF - len(head)]
        nonblank = nonblank or bool(chunk.strip())
        if nul < 0 and b"\x00" in chunk:
            nul = size + chunk.index(b"\x00")
        if utf8_ok:
            try:
                utf8_check.add(utf8.decode(chunk))
            except UnicodeDecodeError:
                utf8_ok = False
        size += len(chunk)
    if utf8_ok:
        try:
            utf8_check.add(utf8.decode(b"", True))
        except UnicodeDecodeError:
            utf8_ok = False
    if not size or not nonblank:
        raise InputError("empty file", name=name)
    sha = digest.hexdigest()
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return _checked(read, encoding, len(bom), True, name, sha, size)
    utf16 = _bomless_utf16(head)
    if utf16:
        return _checked(read, utf16, 0, True, name, sha, size)
    if nul >= 0:
        raise InputError(f"binary content, not text (NUL byte at byte {nul})", name=name)
    if utf8_ok:
        utf8_check.check(name, "utf-8")
        return Decoding("utf-8", 0, True, sha, size, utf8_check.chars)
    return _checked(read, "cp1252", 0, False, name, sha, size)


def _checked(read: Callable[[], Iterable[bytes]], encoding: str, skip: int, strict: bool, name: str, sha: str,
             size: int) -> Decoding:
    """A second reading in this encoding: every byte valid, and text rather than binary."""
    check = _TextCheck()
    try:
        for text in _decode_chunks(read(), encoding, skip):
            check.add(text)
    except _Invalid as exc:
        raise InputError(f"invalid {encoding.upper()} at byte {exc.at + skip}", name=name) from None
    check.check(name, encoding)
    return Decoding(encoding, skip, strict, sha, size, check.chars)


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode a file's bytes to text, or raise InputError for empty or binary content."""
    how = decide(lambda: [data] if data else [], name)
    return "".join(_decode_chunks([data], how.encoding, how.skip))


class TextFile:
    """A file the parser can read: decided (encoding, size within the limit, text and not binary), then read a
    chunk at a time (chunks()), as often as needed, without holding it whole."""

    def __init__(self, path: str | os.PathLike[str], name: str | None = None, *,
                 max_bytes: int | None = MAX_FILE_BYTES) -> None:
        self.path = Path(path)
        self.name = name or str(path)
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc})", name=self.name) from None
        if max_bytes is not None and size > max_bytes:
            raise LimitExceeded(
                f"the file is {size:,} bytes, over the limit of {max_bytes:,} bytes for one file "
                f"(capdev.narrative.limits.MAX_FILE_BYTES): split it into smaller files",
                name=self.name,
            )
        self.decoding = decide(self._bytes, self.name)

    @property
    def sha256(self) -> str:
        """SHA-256 of the file's bytes."""
        return self.decoding.sha256

    @property
    def chars(self) -> int:
        """Length of the decoded text in characters."""
        return self.decoding.chars

    def raw_chunks(self) -> Iterator[bytes]:
        """The file's bytes as they are, a chunk at a time (to keep the original)."""
        return self._bytes()

    def _bytes(self) -> Iterator[bytes]:
        try:
            with open(self.path, "rb") as fh:
                while chunk := fh.read(CHUNK):
                    yield chunk
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc})", name=self.name) from None

    def chunks(self) -> Iterator[str]:
        """The text, a piece at a time (pieces end anywhere, even inside a line)."""
        try:
            yield from _decode_chunks(self._bytes(), self.decoding.encoding, self.decoding.skip)
        except _Invalid as exc:  # the file changed since it was decided on
            raise InputError(f"invalid {exc.encoding.upper()} at byte {exc.at + self.decoding.skip}",
                             name=self.name) from None

    def text(self) -> str:
        """The whole text (for formats read whole, such as JSON; the file is within MAX_FILE_BYTES)."""
        return "".join(self.chunks())


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("_capdev_latin1", _latin1_fallback)
