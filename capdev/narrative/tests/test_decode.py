"""decode_bytes: encodings recognised, offsets kept exact, bad input refused with a one-line message."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from capdev.narrative import InputError, decode_bytes

FILES = Path(__file__).with_name("files")
TEXT = "Objective: “Côte d’Ivoire” – 125 000 € — naïve\nDivision: EGB\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32le-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_cp1252_smart_punctuation_and_euro() -> None:
    assert decode_bytes(b"\x93quoted\x94 \x96 \x80 100 \x92s") == "“quoted” – € 100 ’s"


def test_cp1252_undefined_bytes_do_not_crash() -> None:
    # 0x81 is undefined in cp1252: kept as a Latin-1 character rather than failing the whole file.
    assert decode_bytes(b"Objective: caf\xe9 \x81 plan, long enough text to stay under the binary threshold"
                        ).startswith("Objective: café")


def test_newlines_are_kept_as_written() -> None:
    assert decode_bytes(b"a\r\nb\rc\n") == "a\r\nb\rc\n"
    assert decode_bytes(codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le")) == "a\r\nb"


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "empty"),
        (b"   \n\t\r\n", "empty"),
        (codecs.BOM_UTF8 + b"  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "NUL byte at byte 8"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14]) * 20 + b"Title: x", "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid UTF-16-LE at byte 2"),
    ],
    ids=["empty", "whitespace", "bom-only", "nul", "controls", "bad-utf16"],
)
def test_bad_input_is_refused_with_where(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, name="in.txt")
    message = str(info.value)
    assert message.startswith("in.txt: ")
    assert words in message
    assert "\n" not in message


def test_sample_files_decode_alike() -> None:
    reference = (FILES / "record_utf8.txt").read_text(encoding="utf-8")
    for name in ("record_cp1252.txt", "record_utf8_bom.txt", "record_utf16be_bom.txt", "record_utf16le_nobom.txt"):
        assert decode_bytes((FILES / name).read_bytes(), name) == reference, name
    assert decode_bytes((FILES / "record_utf16le_bom.txt").read_bytes()) == reference.replace("\n", "\r\n")


@pytest.mark.parametrize("name", ["empty.txt", "whitespace_only.txt", "binary.png", "binary_controls.bin"])
def test_faulty_sample_files(name: str) -> None:
    with pytest.raises(InputError, match=name):
        decode_bytes((FILES / name).read_bytes(), name)
