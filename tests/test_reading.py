"""Reading article files refuses binary, empty, huge and undecodable input in one line."""

from pathlib import Path

import pytest

from kibaru.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError
from kibaru.reading import decode_text, read_text


def test_utf8_with_bom_and_utf16_with_bom_decode(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffGunmen attacked Mopti.".encode("utf-8"))
    (tmp_path / "b.txt").write_bytes("Gunmen attacked Ségou.".encode("utf-16"))
    assert read_text(tmp_path / "a.txt") == "Gunmen attacked Mopti."
    assert read_text(tmp_path / "b.txt") == "Gunmen attacked Ségou."


def test_windows_1252_falls_back_rather_than_failing() -> None:
    assert decode_text("Ségou".encode("cp1252")) == "Ségou"


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"", EmptyInputError, "is empty"),
        (b"   \n\t ", EmptyInputError, "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "is binary"),
        (bytes(range(256)) * 4, BinaryInputError, "is binary"),
    ],
)
def test_bad_files_get_one_line_naming_the_file(tmp_path: Path, data: bytes, error: type, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read_text(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {reason}")
    assert "\n" not in message


def test_files_over_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputTooLargeError, match="larger than the 100-byte limit"):
        read_text(path, max_bytes=100)


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
