"""Locate the dashboard's static files: our own, and third-party ones in their packages.

Third-party assets are served from where pip installed them (pinned in pyproject.toml), never
copied into the repository: Leaflet and Leaflet.markercluster from their XStatic packages,
Swagger UI from fastapi-offline. See src/kibaru/web/THIRD_PARTY.md for versions and licenses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kibaru.errors import ResourceError

__all__ = ["StaticDirs", "static_dirs", "web_dir"]


def web_dir() -> Path:
    """Return the folder of the dashboard's own HTML, CSS and JavaScript."""
    return Path(__file__).resolve().parent.parent / "web"


@dataclass(frozen=True)
class StaticDirs:
    """Folders served under /static/."""

    app: Path
    leaflet: Path
    markercluster: Path
    swagger: Path


def static_dirs() -> StaticDirs:
    """Find every static folder, failing with the package to install when one is missing."""
    try:
        import xstatic.pkg.leaflet_markercluster as markercluster
        from xstatic.pkg import leaflet
    except ImportError as exc:
        raise ResourceError(
            "the dashboard needs XStatic-Leaflet and XStatic-Leaflet-MarkerCluster; "
            "install Kibaru with pip to get them"
        ) from exc
    try:
        import fastapi_offline
    except ImportError as exc:
        raise ResourceError("the API docs need fastapi-offline; install Kibaru with pip") from exc
    dirs = StaticDirs(
        app=web_dir(),
        leaflet=Path(leaflet.BASE_DIR),
        markercluster=Path(markercluster.BASE_DIR),
        swagger=Path(fastapi_offline.__file__).resolve().parent / "static",
    )
    for name in ("app", "leaflet", "markercluster", "swagger"):
        if not getattr(dirs, name).is_dir():
            raise ResourceError(f"static folder for {name} is missing: {getattr(dirs, name)}")
    return dirs
