"""``kibaru gazetteer``: import GeoNames dumps, show the cache, look a place name up."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kibaru.cli.common import friendly_errors
from kibaru.config import PipelineConfig, default_cache_dir
from kibaru.resolve.gazetteer import GAZETTEER_FILE, load_default
from kibaru.resolve.geonames_import import import_geonames

__all__ = ["gazetteer_command"]

_CACHE = click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Cache folder (default $KIBARU_CACHE or ~/.cache/kibaru).",
)


@click.group("gazetteer")
def gazetteer_command() -> None:
    """Manage the place gazetteer (built from packages, extended with GeoNames dumps)."""


@gazetteer_command.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--admin1", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="admin1CodesASCII.txt (default: beside the dump).")
@click.option("--admin2", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="admin2Codes.txt (default: beside the dump).")
@click.option("--force", is_flag=True, help="Import again dumps already imported unchanged (same size and time).")
@_CACHE
@friendly_errors
def import_command(
    paths: tuple[Path, ...], admin1: Path | None, admin2: Path | None, force: bool,
    cache_dir: Path | None,
) -> None:
    """Import GeoNames dumps (ML.txt, allCountries.txt ...) so villages resolve."""
    folder = cache_dir or default_cache_dir()
    report = import_geonames(
        folder / GAZETTEER_FILE, list(paths), admin1=admin1, admin2=admin2, skip_if_current=not force
    )
    for skipped in report.skipped:
        click.echo(f"{skipped}: already imported, unchanged (use --force to import it again)")
    click.echo(
        f"imported {report.places} places ({report.names} names, {report.admin_names} region "
        f"names) from {len(report.files)} file(s) in {report.seconds:.1f} s into "
        f"{folder / GAZETTEER_FILE}"
    )


@gazetteer_command.command("info")
@_CACHE
@friendly_errors
def info_command(cache_dir: Path | None) -> None:
    """Show the gazetteer's size and sources (building it first if needed)."""
    gazetteer = load_default(PipelineConfig(cache_dir=cache_dir or default_cache_dir()))
    click.echo(json.dumps(gazetteer.stats(), indent=2, ensure_ascii=False))


@gazetteer_command.command("lookup")
@click.argument("name")
@click.option("--country", help="Only places in this country (ISO2 or ISO3).")
@click.option("--limit", type=int, default=10, show_default=True, help="Most places to print.")
@_CACHE
@friendly_errors
def lookup_command(name: str, country: str | None, limit: int, cache_dir: Path | None) -> None:
    """Print the places called NAME, most populous first."""
    gazetteer = load_default(PipelineConfig(cache_dir=cache_dir or default_cache_dir()))
    places = gazetteer.lookup(name, country=country)
    if not places:
        click.echo(f"no place called {name!r}")
    for place in places[:limit]:
        where = ", ".join(x for x in (place.admin2_name, place.admin1_name, place.country3) if x)
        point = f"{place.lat:.4f}, {place.lon:.4f}" if place.has_coordinates else "no point"
        click.echo(
            f"{place.geonameid}\t{place.name}\t{place.kind}/{place.feature_code}\t{where}\t"
            f"{point}\tpop {place.population}\t{place.source}"
        )
