"""The API fuzzed from its own OpenAPI schema (issue 9): schemathesis drives every operation in-process
(ASGI) against a served test database (``test_api_fixture.build_world_db``) — no response is a 5xx.
Then injection attempts in every parameter of every operation (SQL quotes, ``; DROP TABLE``,
``' OR 1=1 --``, LIKE wildcards, path traversal, huge numbers, NUL and control bytes, template and
markup payloads, unicode) each give 422, 404 or an empty result. Afterwards the database file is
byte-for-byte what it was, and a write through the app's own connection fails.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.python.asgi import get_client

from test_api_fixture import IDS, build_world_db
from warta.api.app import create_app

TABLES = ("articles", "analyses", "entities", "dates", "events", "quotes", "stories", "story_articles")
STATUSES: Counter = Counter()  # status codes of the schemathesis cases, for the closing figures
TIMES: dict[str, float] = {}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    db = build_world_db(tmp_path_factory.mktemp("fuzz") / "world.duckdb")
    before = file_digest(db)
    con = duckdb.connect(str(db), read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    con.close()
    app = create_app(db)
    yield db, app, before, counts
    app.state.store.close()


@pytest.fixture(scope="module")
def client(served) -> TestClient:
    return TestClient(served[1], raise_server_exceptions=False)


@pytest.fixture(scope="module")
def api_schema(served):
    """The schema of an app of its own on the same database: schemathesis runs the ASGI lifespan and
    ends it after the test, which closes that app's store."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(served[0]))


#: Cases per operation and generation mode. Positive cases follow the schema; negative ones break
#: it on purpose (wrong types, out-of-range numbers, patterns violated), which must give 4xx, not 5xx.
#: (Generating negative cases is what costs: schemathesis builds them from the schema's complement.)
#: WARTA_FUZZ_EXAMPLES=500 explores more in a one-off session (both modes).
EXAMPLES = {GenerationMode.POSITIVE: 15, GenerationMode.NEGATIVE: 10}
if os.environ.get("WARTA_FUZZ_EXAMPLES"):
    EXAMPLES = dict.fromkeys(EXAMPLES, int(os.environ["WARTA_FUZZ_EXAMPLES"]))


def test_no_operation_answers_with_a_server_error(api_schema) -> None:
    """Every GET operation of the OpenAPI schema, in schemathesis' positive and negative modes."""
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    session = get_client(api_schema.app)  # one in-process client for every case
    for operation in operations:
        has_parameters = any(True for _ in operation.iter_parameters())
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if has_parameters else (GenerationMode.POSITIVE,):
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES[mode], deadline=None, derandomize="WARTA_FUZZ_EXAMPLES" not in os.environ,
                      database=None,
                      suppress_health_check=list(HealthCheck))
            def call(case) -> None:
                response = case.call(session=session)
                STATUSES[response.status_code] += 1
                if response.status_code >= 500:
                    failures.append(f"{operation.label} {case.formatted_path} {case.query}: "
                                    f"{response.status_code} {response.text[:200]}")

            started = time.perf_counter()
            call()
            TIMES[f"{operation.label} {mode.value}"] = time.perf_counter() - started
    assert sum(STATUSES.values()) >= len(operations) * 10
    assert not failures, "\n".join(failures[:20])


# ---------------------------------------------------------------------------------------------
# Injection attempts in every parameter
# ---------------------------------------------------------------------------------------------

INJECTIONS = (
    "'", "' OR 1=1 --", "' OR '1'='1", "1; DROP TABLE articles", "'); DROP TABLE events; --",
    "1 UNION SELECT text FROM articles", "RUS' --", "%", "_", "\\'; --", "../../../../etc/passwd",
    "a\x00b", "\r\nX-Injected: 1", "9" * 40, "-1", "1e309", "NaN", "<script>alert(1)</script>", "{{7*7}}",
    "Индонезия 🇮🇩 ‮", "x" * 5000,
)
#: For parameters the framework validates (numbers, booleans, enums, dates, patterned keys): a few
#: of each kind are enough to see them rejected; free text gets every payload above.
TYPED_INJECTIONS = ("' OR 1=1 --", "1; DROP TABLE articles", "%", "a\x00b", "9" * 40, "NaN", "Индонезия 🇮🇩 ‮")
#: A valid value for every path parameter, so each one can be attacked while the others are sound.
PATH_VALUES = {"article_id": IDS["teken"], "idx": "0", "story_id": None, "a": "RUS", "b": "CHN"}


def _operations(client: TestClient) -> list[tuple[str, list[dict]]]:
    spec = client.get("/openapi.json").json()
    return [(path, op.get("parameters", [])) for path, ops in spec["paths"].items() for method, op in ops.items()
            if method == "get"]


def _url(path: str, values: dict[str, str], query: dict[str, str]) -> str:
    url = path
    for name, value in values.items():
        url = url.replace("{" + name + "}", quote(value, safe=""))
    if query:
        url += "?" + "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in query.items())
    return url


def _free_text(parameter: dict) -> bool:
    """A string parameter without a restricting pattern or enum (a search term, an id)."""
    schema = parameter.get("schema", {})
    variants = schema.get("anyOf", [schema])
    strings = [v for v in variants if v.get("type") == "string"]
    return bool(strings) and all("enum" not in v and "format" not in v and
                                 (v.get("pattern") is None or v["pattern"].startswith("^[^")) for v in strings)


def _is_empty(body) -> bool:
    if isinstance(body, list):
        return not body
    if isinstance(body, dict):
        if "total" in body:
            return body["total"] == 0 and not body.get("items")
        for key in ("items", "stories", "rows", "events"):
            if key in body:
                return not body[key]
    return False


def test_injection_attempts_in_every_parameter_give_422_404_or_nothing(client: TestClient) -> None:
    stories = client.get("/api/stories?limit=1").json()["items"]
    values = {**PATH_VALUES, "story_id": stories[0]["story_id"]}
    tried = 0
    wrong: list[str] = []
    for path, params in _operations(client):
        own = {p["name"]: values[p["name"]] for p in params if p["in"] == "path"}
        assert client.get(_url(path, own, {})).status_code == 200, f"{path} with valid values"
        for p in params:
            for payload in INJECTIONS if _free_text(p) else TYPED_INJECTIONS:
                if p["in"] == "path":
                    url = _url(path, {**own, p["name"]: payload}, {})
                else:
                    url = _url(path, own, {p["name"]: payload})
                r = client.get(url)
                tried += 1
                if r.status_code in (404, 422):
                    continue
                if r.status_code == 200 and _is_empty(r.json()):
                    continue
                wrong.append(f"{url[:120]} -> {r.status_code} {r.text[:160]}")
    assert tried > 400
    print(f"\ninjection attempts: {tried}")
    assert not wrong, f"{len(wrong)} of {tried} attempts got through:\n" + "\n".join(wrong[:40])


@pytest.mark.parametrize("url", [
    "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/../../../../etc/passwd", "/articles/..%2F..%2Fetc%2Fpasswd", "/static/%00", "/static/x%00.css",
])
def test_path_traversal_serves_nothing_outside(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in (400, 404, 422), (url, r.status_code)
    assert "root:" not in r.text


def test_pages_survive_injections_too(client: TestClient) -> None:
    """The server-rendered pages take the same parameters: never a 5xx, never the payload as markup."""
    for page in ("/", "/events", "/articles", "/quotes", "/relations", f"/articles/{IDS['teken']}",
                 "/relations/RUS/CHN"):
        for name in ("q", "country", "date"):
            for payload in ("' OR 1=1 --", "<script>alert(1)</script>", "\x00"):
                r = client.get(f"{page}?{name}={quote(payload, safe='')}")
                assert r.status_code < 500, (page, name, payload, r.text[:200])
                assert "<script>alert(1)</script>" not in r.text, (page, name)


# ---------------------------------------------------------------------------------------------
# Afterwards: nothing was written, nothing can be
# ---------------------------------------------------------------------------------------------

def test_the_served_database_is_unchanged_and_cannot_be_written(served, client: TestClient) -> None:
    db, app, before, counts = served
    assert sum(STATUSES.values()) >= 100 or not STATUSES, "the schemathesis run above generated too few cases"
    cur = app.state.store.cursor()
    try:
        for sql in ("INSERT INTO stories (story_id) VALUES ('x')", "DELETE FROM events", "DROP TABLE quotes",
                    "UPDATE articles SET title = 'x'", "CREATE TABLE t (x INTEGER)"):
            with pytest.raises(duckdb.Error, match="read-only"):
                cur.execute(sql)
    finally:
        cur.close()
    assert client.get("/api/stats").status_code == 200
    assert file_digest(db) == before, "the database file changed while it was served"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES} == counts
    finally:
        con.close()
    print(f"\nschemathesis: {sum(STATUSES.values())} cases, status codes {dict(sorted(STATUSES.items()))}")
