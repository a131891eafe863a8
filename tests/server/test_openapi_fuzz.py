"""Schemathesis against the OpenAPI document: generated requests never get a 500, and every
answer matches its documented schema, status codes and content type.

Schemathesis's pytest plugin does not load under this pytest, so each operation's hypothesis
strategy is driven here directly. The one check left out is ``positive_data_acceptance``:
some rules cannot be written in a schema (``since`` after ``until``, a bbox whose south is
north of its north), and those schema-valid requests are rightly a 422.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from kibaru.server import create_app

pytestmark = pytest.mark.slow

OPERATIONS = [
    "GET /api/events", "GET /api/points", "GET /api/events/{event_id}", "GET /api/aggregates",
    "GET /api/actors", "GET /api/actors/network", "GET /api/articles/{article_id}",
    "GET /api/health", "GET /api/meta",
]


@pytest.fixture(scope="module")
def api_schema(store_path: Path, server_cache: Path) -> Iterator[schemathesis.schemas.BaseSchema]:
    # The ASGI test transport sends "Host: testserver"; the Host check has its own tests.
    app = create_app(store_path, cache_dir=server_cache, allowed_hosts=None)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.store.close()


def test_every_operation_is_fuzzed(api_schema: schemathesis.schemas.BaseSchema) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_generated_requests_never_get_a_server_error(
    api_schema: schemathesis.schemas.BaseSchema, label: str,
) -> None:
    operation = next(r.ok() for r in api_schema.get_all_operations() if r.ok().label == label)

    @given(case=operation.as_strategy())
    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
