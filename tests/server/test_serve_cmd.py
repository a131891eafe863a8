"""``kibaru serve``: loopback by default, a warning elsewhere, one-line errors."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from server_process import free_port

from kibaru.cli import main
from kibaru.cli.serve_cmd import is_loopback


def test_missing_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    expected = (f"kibaru: no database at {tmp_path / 'none.duckdb'}; create one with "
                "'kibaru ingest' or 'kibaru demo'")
    assert result.output.strip().splitlines() == [expected]


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    assert not is_loopback("example.org")


def test_serve_binds_loopback_by_default_and_warns_elsewhere(
    store_path: Path, server_cache: Path,
) -> None:
    kibaru = str(Path(sys.executable).parent / "kibaru")
    help_text = subprocess.run([kibaru, "serve", "--help"], capture_output=True, text=True,
                               check=True).stdout
    assert "default: 127.0.0.1" in help_text.replace("\n", " ").replace("  ", " ")
    port = free_port()
    env = {**os.environ, "KIBARU_CACHE": str(server_cache)}
    proc = subprocess.Popen([kibaru, "serve", "--db", str(store_path), "--host", "0.0.0.0",
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert "warning: binding 0.0.0.0 exposes the API" in err
    assert f"http://0.0.0.0:{port}/" in out
