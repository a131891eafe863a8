"""The gazetteer finds places by accent- and case-insensitive names, ids, country and point."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from kibaru.config import PipelineConfig, default_cache_dir
from kibaru.errors import ResourceError
from kibaru.resolve.gazetteer import Gazetteer, load_default, normalise


def test_normalise_ignores_accents_case_and_punctuation() -> None:
    assert normalise("Ségou") == normalise("SEGOU") == "segou"
    assert normalise("N'Djamena") == normalise("Ndjamena")
    assert normalise("Bobo-Dioulasso") == "bobo dioulasso"


def test_lookup_is_accent_insensitive_and_typed(tiny_gazetteer: Gazetteer) -> None:
    (town, *_) = tiny_gazetteer.lookup("Segou", kinds=["populated"])
    assert town.name == "Ségou" and town.country == "ML" and town.country3 == "MLI"
    assert town.admin1_name == "Ségou" and town.lat is not None and town.feature_code.startswith("PPL")


def test_village_has_region_names(tiny_gazetteer: Gazetteer) -> None:
    places = tiny_gazetteer.lookup("Bounti", country="MLI")
    assert places and all(p.admin1_name == "Mopti" for p in places)


def test_country_and_region_lookups(tiny_gazetteer: Gazetteer) -> None:
    mali = tiny_gazetteer.country("MLI")
    assert mali is not None and mali.kind == "country" and mali.country == "ML"
    region = tiny_gazetteer.admin1("ML", "04")
    assert region is not None and region.kind == "admin1" and "Mopti" in region.name


def test_nearest_town(tiny_gazetteer: Gazetteer) -> None:
    place = tiny_gazetteer.nearest(16.27, -0.045, country="ML")
    assert place is not None and place.name == "Gao"


def test_gazetteer_pickles_by_path(tiny_gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(tiny_gazetteer))
    assert copy.lookup("Kidal") == tiny_gazetteer.lookup("Kidal")


def test_missing_file_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="does not exist"):
        Gazetteer(tmp_path / "nope.sqlite")


@pytest.mark.slow
def test_default_gazetteer_from_packages_has_towns_countries_and_regions() -> None:
    gazetteer = load_default(PipelineConfig(cache_dir=default_cache_dir()))
    bamako = gazetteer.lookup("Bamako", kinds=["populated"])[0]
    assert (bamako.country3, bamako.feature_code, bamako.admin1_name) == ("MLI", "PPLC", "Bamako")
    niger = gazetteer.lookup("Niger", kinds=["country"])
    assert niger and niger[0].country3 == "NER" and niger[0].lat is None
    region = gazetteer.lookup("Boucle du Mouhoun", kinds=["admin1"])[0]
    assert region.country == "BF" and region.has_coordinates
    assert gazetteer.lookup("Bamakó") == gazetteer.lookup("bamako")


def test_regions_and_provinces_are_coded_to_their_capital() -> None:
    gazetteer = load_default(PipelineConfig(cache_dir=default_cache_dir()))
    borno = gazetteer.lookup("Borno", country="NGA", kinds=["admin1"])[0]
    maiduguri = gazetteer.lookup("Maiduguri", country="NGA", kinds=["populated"])[0]
    assert borno.representative and (borno.lat, borno.lon) == (maiduguri.lat, maiduguri.lon)
    assert borno.admin1_code == maiduguri.admin1_code
    soum = gazetteer.lookup("Soum", country="BFA", kinds=["admin2"])[0]
    djibo = gazetteer.lookup("Djibo", country="BFA", kinds=["populated"])[0]
    assert soum.representative and (soum.lat, soum.lon) == (djibo.lat, djibo.lon)
    assert soum.admin1_name == "Sahel"  # the province's region
