"""GeoNames dumps import into the gazetteer cache; bad files fail naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kibaru.cli import main
from kibaru.errors import MalformedInputError
from kibaru.resolve.gazetteer import GAZETTEER_FILE, Gazetteer
from kibaru.resolve.geonames_import import import_geonames

LINE = ("2459680\tBounti\tBounti\t\t15.19878\t-2.58993\tP\tPPL\tML\t\t04\t\t\t\t0\t\t271\t"
        "Africa/Bamako\t2012-01-18\n")


def test_country_dump_imports_villages_with_region_names(geonames_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    report = import_geonames(path, [geonames_dir / "ML.txt"], build_builtin=False)
    assert report.places > 20_000 and report.admin_names > 0
    village = Gazetteer(path).lookup("Bounti")[0]
    assert (village.country3, village.admin1_name, village.source) == ("MLI", "Mopti", "import:ML.txt")


def test_reimport_of_unchanged_file_is_skipped(tmp_path: Path) -> None:
    dump = tmp_path / "XX.txt"
    dump.write_text(LINE, encoding="utf-8")
    path = tmp_path / "g.sqlite"
    import_geonames(path, [dump], build_builtin=False)
    again = import_geonames(path, [dump], build_builtin=False, skip_if_current=True)
    assert again.skipped == [str(dump)] and again.places == 0
    assert len(Gazetteer(path).lookup("Bounti")) == 1


def test_imported_place_replaces_same_id_with_finer_record(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    coarse = tmp_path / "a.txt"
    coarse.write_text(LINE.replace("\tPPL\t", "\tPPLX\t"), encoding="utf-8")
    import_geonames(path, [coarse], build_builtin=False)
    fine = tmp_path / "b.txt"
    fine.write_text(LINE.replace("\t\t\t\t0\t", "\t\t\t\t1200\t"), encoding="utf-8")
    import_geonames(path, [fine], build_builtin=False)
    (place,) = Gazetteer(path).lookup("Bounti")
    assert (place.feature_code, place.population, place.source) == ("PPL", 1200, "import:b.txt")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (LINE + "just some words\n", r"bad\.txt: line 2: expected 19 tab-separated"),
        (LINE.replace("15.19878", "north"), r"bad\.txt: line 1: bad number"),
        (LINE.replace("15.19878", "95.0"), r"bad\.txt: line 1: id or coordinates out of range"),
    ],
)
def test_bad_line_names_file_and_line_and_keeps_nothing(tmp_path: Path, content: str, message: str) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text(content, encoding="utf-8")
    path = tmp_path / "g.sqlite"
    with pytest.raises(MalformedInputError, match=message):
        import_geonames(path, [dump], build_builtin=False)
    assert Gazetteer(path).lookup("Bounti") == ()


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(MalformedInputError, match=r"bin\.txt: line 1: binary"):
        import_geonames(tmp_path / "g.sqlite", [binary], build_builtin=False)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(LINE.replace("Bounti", "S\xe9gou").encode("latin-1"))
    with pytest.raises(MalformedInputError, match=r"latin\.txt: line 1: not UTF-8"):
        import_geonames(tmp_path / "g.sqlite", [latin], build_builtin=False)


@pytest.mark.slow
def test_cli_import_then_lookup(geonames_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    shutil.copy(geonames_dir / "NE.txt", folder / "NE.txt")
    shutil.copy(geonames_dir / "admin1CodesASCII.txt", folder / "admin1CodesASCII.txt")
    cache = tmp_path / "cache"
    runner = CliRunner()
    result = runner.invoke(main, ["gazetteer", "import", str(folder / "NE.txt"), "--cache-dir", str(cache)])
    assert result.exit_code == 0, result.output
    assert (cache / GAZETTEER_FILE).exists() and "imported" in result.output
    result = runner.invoke(main, ["gazetteer", "lookup", "Banizoumbou", "--cache-dir", str(cache)])
    assert result.exit_code == 0 and "NER" in result.output
    bad = runner.invoke(main, ["gazetteer", "import", str(tmp_path / "missing.txt"), "--cache-dir", str(cache)])
    assert bad.exit_code == 1 and "missing.txt" in bad.output
