"""``kibaru serve``: serve the REST API and the web dashboard over an event database."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from kibaru.cli.common import friendly_errors

__all__ = ["is_loopback", "serve_command"]


def is_loopback(host: str) -> bool:
    """Return whether ``host`` names only this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("kibaru.duckdb"), show_default=True,
              help="Event database to serve (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the data to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="TCP port.")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="Let web pages from this origin call the API (repeatable; none by default).")
@click.option("--hold-db", is_flag=True,
              help="Keep the database open the whole time: faster, parallel reads, but "
                   "'kibaru ingest' cannot write to it meanwhile.")
@friendly_errors
def serve_command(db: Path, host: str, port: int, cors_origins: tuple[str, ...],
                  hold_db: bool) -> None:
    """Serve the dashboard and the read-only REST API on http://HOST:PORT/."""
    import uvicorn

    from kibaru.server import create_app

    loopback = is_loopback(host)
    if not loopback:
        click.echo(
            f"kibaru: warning: binding {host} exposes the API and its data to other machines; "
            "it has no authentication. Use --host 127.0.0.1 to keep it local.", err=True,
        )
    # On loopback, only loopback host names are answered (defence against DNS rebinding).
    app = create_app(db, allowed_hosts=None if not loopback else ("127.0.0.1", "localhost",
                                                                   "::1", "[::1]"),
                     cors_origins=cors_origins, let_writers_in=not hold_db)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Kibaru dashboard: http://{shown}:{port}/   (API docs: http://{shown}:{port}/docs)")
    click.echo("Press Ctrl+C to stop.")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                    proxy_headers=False)
    finally:
        app.state.gate.close()
