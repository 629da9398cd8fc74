"""schemathesis against the OpenAPI spec, in process: no 5xx, and every response as the spec says.

Every check but positive-data acceptance: a well-formed place name or country code the store does not know
is a 400 with a message by design.

The schema is loaded when this module is collected (schemathesis makes one test per operation from it), so
the store it serves is built then, in a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dateline.server import create_app

from .conftest import build

_TMP = Path(tempfile.mkdtemp(prefix="dateline-schemathesis-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(build(_TMP / "api.duckdb")))


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_spec(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
