"""Open the DuckDB event store: one file, one writer, migrations applied on open."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from kibaru.errors import MigrationError, StoreBusyError, StoreError
from kibaru.store.schema import MIGRATIONS

__all__ = ["DEFAULT_DB", "Database", "insert_rows", "now"]

DEFAULT_DB = Path("kibaru.duckdb")

_LOCK_HINTS = ("lock", "different configuration", "conflicting")
_PID = re.compile(r"PID (\d+)")


def now() -> dt.datetime:
    """Return the current UTC time without tzinfo (DuckDB TIMESTAMP)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def insert_rows(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ignore_conflicts: bool = True,
) -> None:
    """Insert ``rows`` into ``table`` in one statement (values travel as Arrow data, never
    as SQL text). ``table`` and ``columns`` are code constants, never user input."""
    if not rows:
        return
    data = pa.table({c: [row[i] for row in rows] for i, c in enumerate(columns)})
    name = f"_rows_{table}"
    conn.register(name, data)
    try:
        conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        cols = ", ".join(columns)
        conn.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}{conflict}")
    finally:
        conn.unregister(name)


class Database:
    """A DuckDB connection to one store file, migrated, with transactions.

    Only one process may hold the file for writing; a second writer (or a reader while a
    writer holds it) gets ``StoreBusyError``.
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: Path | str = DEFAULT_DB, *, read_only: bool = False,
             memory_limit: str = "2GB", wait: float = 0.0) -> Database:
        """Open (and for writing, create and migrate) the database at ``path``; while another
        process holds it, retry for up to ``wait`` seconds (``kibaru serve`` lets go of its
        read-only connection between bursts of requests)."""
        path = Path(path)
        if read_only and not path.exists():
            raise StoreError(f"no database at {path}; create one with 'kibaru ingest' or 'kibaru demo'")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        while True:
            try:
                conn = duckdb.connect(str(path), read_only=read_only,
                                      config={"memory_limit": memory_limit})
                break
            except duckdb.Error as exc:
                message = str(exc)
                busy = any(hint in message.lower() for hint in _LOCK_HINTS)
                if busy and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                if busy:
                    pid = _PID.search(message)
                    holder = f" (process {pid.group(1)})" if pid else ""
                    raise StoreBusyError(
                        f"the database {path} is in use by another Kibaru process{holder}; "
                        "wait for it to finish (only one writer at a time) and try again"
                    ) from exc
                raise StoreError(f"cannot open the database {path}: {message.splitlines()[0]}") from exc
        db = cls(conn, path, read_only=read_only)
        try:
            db._migrate()
        except BaseException:
            conn.close()
            raise
        return db

    def close(self) -> None:
        """Close the connection (a checkpoint folds the write-ahead log into the file)."""
        with contextlib.suppress(duckdb.Error):
            if not self.read_only:
                self.conn.execute("CHECKPOINT")
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block in one transaction: all of it is committed, or none of it."""
        if self.read_only:
            raise StoreError(f"the database {self.path} is open read-only")
        self.conn.begin()
        try:
            yield self.conn
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                self.conn.rollback()
            raise
        try:
            self.conn.commit()
        except duckdb.Error as exc:
            raise StoreError(f"cannot commit to {self.path}: {exc}") from exc

    def applied_migrations(self) -> list[str]:
        """Return the names of the applied migrations, in order."""
        exists = self.conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return []
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY position").fetchall()]

    def _migrate(self) -> None:
        try:
            applied = self.applied_migrations()
        except duckdb.Error as exc:
            raise MigrationError(f"{self.path} is not a Kibaru database: {exc}") from exc
        known = [name for name, _ in MIGRATIONS]
        if applied != known[: len(applied)]:
            raise MigrationError(
                f"{self.path} has migrations {applied} that this Kibaru version does not know; "
                "upgrade Kibaru or use another --db"
            )
        pending = MIGRATIONS[len(applied):]
        if not pending:
            return
        if self.read_only:
            raise MigrationError(
                f"the database {self.path} needs migrations {[n for n, _ in pending]}; open it "
                "once for writing (any 'kibaru ingest' or 'kibaru recode' run does)"
            )
        if not applied:
            with self.transaction() as conn:
                conn.execute("CREATE TABLE IF NOT EXISTS migrations (position INTEGER PRIMARY KEY, "
                             "name VARCHAR NOT NULL UNIQUE, applied_at TIMESTAMP NOT NULL)")
        for position, (name, sql) in enumerate(pending, start=len(applied) + 1):
            try:
                with self.transaction() as conn:
                    conn.execute(sql)
                    conn.execute("INSERT INTO migrations VALUES (?, ?, ?)", [position, name, now()])
            except duckdb.Error as exc:
                raise MigrationError(f"migration {name} failed on {self.path}: {exc}") from exc
