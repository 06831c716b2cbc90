"""The JSON API over a database the tests build (``test_api_fixture``): filters, pagination, 404s,
422s with clear messages, injection attempts, the digest, relations, and that the served database
cannot be written."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from test_api_fixture import IDS, TEXT_TEKEN, world_db  # noqa: F401  (fixture)
from warta.api.app import create_app
from warta.errors import StoreError


@pytest.fixture(scope="module")
def app(world_db: Path):  # noqa: F811
    application = create_app(world_db)
    yield application
    application.state.store.close()


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def get(client: TestClient, url: str, status: int = 200) -> dict | list:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def triples(items: list[dict]) -> set[tuple]:
    return {(e["source"]["country"], e["type"], (e["target"] or {}).get("country")) for e in items}


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------

def test_articles_newest_first_with_counts(client: TestClient) -> None:
    page = get(client, "/api/articles")
    assert page["total"] == 6 and page["pages"] == 1
    dates = [a["published"] for a in page["items"]]
    assert dates == sorted(dates, reverse=True)
    teken = next(a for a in page["items"] if a["id"] == IDS["teken"])
    assert (teken["n_events"], teken["n_quotes"], teken["source"]) == (3, 1, "Kabar Dunia")


def test_article_filters(client: TestClient) -> None:
    # Lower-case country keys are accepted and mean the same.
    assert [a["id"] for a in get(client, "/api/articles?country=ukr")["items"]] == [IDS["serang"]]
    assert [a["id"] for a in get(client, "/api/articles?q=cabai")["items"]] == [IDS["cabai"]]
    assert get(client, "/api/articles?source=kabar dunia")["total"] == 3
    assert get(client, "/api/articles?from=2023-05-20&to=2023-05-20")["total"] == 1


def test_article_detail_offsets_slice_the_text(client: TestClient) -> None:
    art = get(client, f"/api/articles/{IDS['teken']}")
    text = art["text"]
    assert text == TEXT_TEKEN
    assert art["entities"] and all(text[e["start"]:e["end"]] == e["text"] for e in art["entities"])
    assert all(text[d["start"]:d["end"]] == d["text"] for d in art["dates"])
    assert [q["speaker"]["name"] for q in art["quotes"]] == ["Li Qiang"]
    assert text[art["quotes"][0]["start"]:art["quotes"][0]["end"]].startswith("“Kerja sama")
    for e in art["events"]:
        assert text[e["source"]["start"]:e["source"]["end"]] == e["source"]["text"]
        ev = e["evidence"]
        assert ev and ev["text"] == text[ev["start"]:ev["end"]]
        spans = ev["trigger_spans"]
        assert " ".join(text[a:b] for a, b in spans).lower() == e["trigger"].lower()
    assert [s["story_id"] for s in art["stories"]] == ["s20230525-rusiachina"]
    assert all(len(s) == 3 for s in art["sentences"])


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert "no article" in get(client, "/api/articles/tidak-ada", 404)["detail"]
    get(client, f"/api/events/{IDS['teken']}/99", 404)
    get(client, "/api/events/tidak-ada/0", 404)
    get(client, "/api/stories/tidak-ada", 404)
    get(client, "/api/tidak-ada", 404)


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------

def test_event_filters(client: TestClient) -> None:
    assert get(client, "/api/events")["total"] == 8
    assert triples(get(client, "/api/events?quad_class=4")["items"]) == {("RUS", "ASSAULT", "UKR")}
    assert triples(get(client, "/api/events?type=ACCUSE&type=REJECT")["items"]) == {
        ("USA", "ACCUSE", "CHN"), ("CHN", "REJECT", "USA")}
    assert triples(get(client, "/api/events?country=usa")["items"]) == {
        ("USA", "ACCUSE", "CHN"), ("CHN", "REJECT", "USA")}
    directed = get(client, "/api/events?source=CHN&target=RUS")
    assert directed["total"] == 3
    assert get(client, "/api/events?source=CHN&target=RUS&modality=asserted")["total"] == 2
    future = get(client, "/api/events?modality=future")["items"]
    assert [(e["type"], e["source"]["name"], e["target"]["name"]) for e in future] == [
        ("CONSULT", "Xi Jinping", "Mikhail Mishustin")]
    # actor codes match by their start: RUSGOV people are found by "RUS".
    gov = get(client, "/api/events?actor=rusgov")["items"]
    assert {e["idx"] for e in gov if e["article_id"] == IDS["teken"]} == {1}
    assert get(client, "/api/events?actor=RUS")["total"] > len(gov)
    assert get(client, f"/api/events?article={IDS['puji']}")["total"] == 3


def test_event_day_is_its_own_date_else_the_publication_date(client: TestClient) -> None:
    day = get(client, "/api/events?from=2023-05-24&to=2023-05-24")["items"]
    assert {e["type"] for e in day} == {"AGREE", "CONSULT"}
    assert all(e["date"] == "2023-05-24" for e in day)
    undated = get(client, "/api/events?type=ACCUSE")["items"][0]
    assert undated["date"] is None and undated["day"] == "2023-05-25"


def test_an_inverted_date_range_matches_nothing(client: TestClient) -> None:
    # Each date is valid on its own (the OpenAPI schema cannot state an order between parameters).
    for url in ("/api/events?from=2023-05-30&to=2023-05-01", "/api/articles?from=2023-05-30&to=2023-05-01",
                "/api/quotes?from=2023-05-30&to=2023-05-01"):
        assert get(client, url)["total"] == 0
    assert get(client, "/api/relations/RUS/CHN?from=2023-05-30&to=2023-05-01")["rows"] == []


def test_event_pagination_covers_every_event_once(client: TestClient) -> None:
    seen = []
    first = get(client, "/api/events?limit=3")
    assert (first["total"], first["pages"], len(first["items"])) == (8, 3, 3)
    for page in (1, 2, 3):
        seen += [(e["article_id"], e["idx"]) for e in get(client, f"/api/events?limit=3&page={page}")["items"]]
    assert len(seen) == len(set(seen)) == 8
    assert get(client, "/api/events?limit=3&page=4")["items"] == []
    days = [e["day"] for e in get(client, "/api/events")["items"]]
    assert days == sorted(days, reverse=True)


def test_one_event_with_its_evidence(client: TestClient) -> None:
    e = get(client, f"/api/events/{IDS['teken']}/0")
    assert (e["type"], e["cameo"], e["goldstein"], e["quad_class"]) == ("AGREE", "057", 8.0, 1)
    assert e["cameo_label"] and e["rule"] == "agree.sign.active"
    assert e["evidence"]["text"].startswith("BEIJING — Rusia dan China meneken")
    assert e["article_url"] == "https://kabar.example/dunia/rusia-china-teken"


# ---------------------------------------------------------------------------------------------
# Quotes, stories, digest
# ---------------------------------------------------------------------------------------------

def test_quotes(client: TestClient) -> None:
    q = get(client, "/api/quotes?speaker=li")
    assert q["total"] == 1 and q["items"][0]["speaker"]["code"] == "CHNGOV" and q["items"][0]["direct"] is True
    assert get(client, "/api/quotes?country=chn")["total"] == 1
    assert get(client, "/api/quotes?country=RUS")["total"] == 0
    assert get(client, "/api/quotes?direct=false")["total"] == 0
    assert get(client, "/api/quotes?speaker_code=CHN")["total"] == 1


def test_stories(client: TestClient) -> None:
    day = get(client, "/api/stories?date=2023-05-25")
    assert day["total"] == 3
    world = get(client, "/api/stories?date=2023-05-25&world=true")["items"]
    assert [s["story_id"] for s in world] == ["s20230525-rusiachina", "s20230525-banjiritalia"]
    assert {a["id"] for a in world[0]["articles"]} == {IDS["teken"], IDS["puji"]}
    one = get(client, "/api/stories/s20230520-serangkyiv")
    assert one["summary"][0].startswith("Rusia menyerang Kyiv") and one["n_articles"] == 1


def test_digest_of_the_latest_day_in_the_seed_shape(client: TestClient) -> None:
    d = get(client, "/api/digest")
    assert d["date"] == "2023-05-25" and d["edition_date"] == "Kamis, 25 Mei 2023"
    assert d["intro"].startswith("Top 2 Dunia edisi Kamis, 25 Mei 2023, dibuka dengan berita Rusia dan China")
    assert [s["rank"] for s in d["stories"]] == [1, 2]
    assert [s["id"] for s in d["stories"]] == ["s20230525-rusiachina", "s20230525-banjiritalia"]  # no domestic story
    first = d["stories"][0]
    assert first["best_article_id"] == IDS["teken"] and first["article_path"] == f"/articles/{IDS['teken']}"
    assert client.get(first["article_path"]).status_code == 200
    assert first["url"] == "https://kabar.example/dunia/rusia-china-teken"
    assert d["previous_date"] == "2023-05-20" and d["next_date"] is None
    assert (d["world_stories"], d["stories_total"], d["articles"]) == (2, 3, 4)


def test_digest_of_a_date_and_its_renderings(client: TestClient) -> None:
    d = get(client, "/api/digest?date=2023-05-20&top=1")
    assert [s["headline"] for s in d["stories"]] == ["Rusia Serang Kyiv dengan Rudal Jelajah"]
    assert d["next_date"] == "2023-05-25"
    assert len(get(client, "/api/digest?top=1")["stories"]) == 1
    md = client.get("/api/digest?date=2023-05-25&format=markdown")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "Baca di sini untuk berita selengkapnya." in md.text
    text = client.get("/api/digest?date=2023-05-25&format=text").text
    assert "1. Rusia dan China Teken Tiga Nota Kesepahaman Baru" in text
    assert "Berikut Top 2 Dunia selengkapnya:" in text
    html = client.get("/api/digest?date=2023-05-25&format=html")
    assert html.headers["content-type"].startswith("text/html") and "warta-digest" in html.text



def test_a_day_without_stored_stories_says_why_and_how_to_build_them(client: TestClient) -> None:
    never_built = get(client, "/api/digest?date=2023-05-10", 404)  # an article that day, stories never built
    assert "1 articles were published" in never_built["detail"]
    assert "`warta digest --date 2023-05-10`" in never_built["detail"]
    no_news = get(client, "/api/digest?date=2023-05-22", 404)
    assert "no articles were published on 2023-05-22" in no_news["detail"]


def test_served_digest_is_the_stored_one_whole(client: TestClient) -> None:
    d = get(client, "/api/digest?date=2023-05-25&top=5")
    first = d["stories"][0]
    assert first["quote"]["text"].startswith("“Kerja sama kita") and first["quote_article_id"] == IDS["teken"]
    assert first["quote"]["speaker"]["code"] == "CHNGOV"
    assert first["outlets"] == ["Kabar Dunia", "Harian Uji"] and first["countries"] == ["CHN", "RUS"]
    assert first["score_parts"] == {"coverage": 9.5} and first["reasons"] == ["test fixture"]
    assert [a["id"] for a in first["articles"]] == first["article_ids"] == [IDS["teken"], IDS["puji"]]
    assert d["built_at"].endswith("Z") and d["stale"] is False
    story = get(client, "/api/stories/s20230525-rusiachina")
    assert story["rank"] == 1 and story["best_article_id"] == IDS["teken"]
    assert story["quote"] == first["quote"] and story["quote_article_id"] == IDS["teken"]
    assert get(client, "/api/stories/s20230525-cabai")["rank"] is None  # not world news: never in a digest


# ---------------------------------------------------------------------------------------------
# Relations and stats
# ---------------------------------------------------------------------------------------------

def test_relations_both_directions_by_day(client: TestClient) -> None:
    rel = get(client, "/api/relations/RUS/CHN")
    rows = {(r["period"], r["direction"]): r for r in rel["rows"]}
    assert set(rows) == {("2023-05-10", "BA"), ("2023-05-24", "AB"), ("2023-05-25", "BA")}
    ab = rows[("2023-05-24", "AB")]
    assert (ab["events"], ab["q1"], ab["goldstein"], ab["articles"]) == (2, 2, 9.0, 1)
    assert rows[("2023-05-25", "BA")]["goldstein"] == pytest.approx(3.4)
    assert rel["totals"]["AB"]["events"] == 2 and rel["totals"]["BA"]["goldstein"] == pytest.approx(4.4)
    # The same pair the other way round swaps the directions; keys in any case.
    swapped = get(client, "/api/relations/chn/rus")
    assert {(r["period"], r["direction"]) for r in swapped["rows"]} == {
        ("2023-05-10", "AB"), ("2023-05-24", "BA"), ("2023-05-25", "AB")}


def test_relations_options(client: TestClient) -> None:
    month = get(client, "/api/relations/RUS/CHN?by=month")["rows"]
    assert [(r["period"], r["direction"], r["events"]) for r in month] == [
        ("2023-05-01", "AB", 2), ("2023-05-01", "BA", 2)]
    every = get(client, "/api/relations/RUS/CHN?by=month&modality=all")["rows"]
    assert [r["events"] for r in every] == [2, 3]  # plus the future visit
    window = get(client, "/api/relations/RUS/CHN?from=2023-05-20&to=2023-05-24")["rows"]
    assert [(r["period"], r["direction"]) for r in window] == [("2023-05-24", "AB")]
    conflict = get(client, "/api/relations/UKR/RUS")["rows"]
    assert [(r["direction"], r["q4"], r["goldstein"]) for r in conflict] == [("BA", 1, -10.0)]
    assert get(client, "/api/relations/RUS/IDN")["rows"] == []
    # A country with itself: its domestic events, all one direction (none in the fixture).
    same = get(client, "/api/relations/rus/RUS")
    assert (same["a"], same["b"], same["rows"]) == ("RUS", "RUS", [])


def test_pairs_countries_stats(client: TestClient) -> None:
    pairs = get(client, "/api/relations")
    assert (pairs[0]["a"], pairs[0]["b"], pairs[0]["events"]) == ("CHN", "RUS", 4)
    assert {(p["a"], p["b"]) for p in pairs} == {("CHN", "RUS"), ("CHN", "USA"), ("RUS", "UKR")}
    assert get(client, "/api/countries")[0] == {"country": "CHN", "events": 7}
    stats = get(client, "/api/stats")
    assert (stats["articles"], stats["events"], stats["quotes"], stats["stories"]) == (6, 8, 1, 4)
    assert stats["modalities"] == {"asserted": 7, "future": 1} and stats["schema_version"] >= 1


# ---------------------------------------------------------------------------------------------
# Bad parameters: 422 with a message that names the parameter; injection finds nothing
# ---------------------------------------------------------------------------------------------

BAD = [
    ("/api/events?from=2023-13-01", "from"),
    ("/api/events?from=24-05-2023", "from"),
    ("/api/events?to=2023-02-30", "to"),
    ("/api/events?country=R$S", "country"),
    ("/api/events?country=RUSSIA1", "country"),
    ("/api/events?source=' OR 1=1 --", "source"),
    ("/api/events?actor=RUS;DROP TABLE events", "actor"),
    ("/api/events?type=FOO", "type"),
    ("/api/events?type=agree", "type"),
    ("/api/events?quad_class=0", "quad_class"),
    ("/api/events?quad_class=5", "quad_class"),
    ("/api/events?quad_class=x", "quad_class"),
    ("/api/events?modality=maybe", "modality"),
    ("/api/events?page=0", "page"),
    ("/api/events?page=10001", "page"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=201", "limit"),
    ("/api/events/x/-1", "idx"),
    ("/api/events/x/abc", "idx"),
    ("/api/articles?q=%01", "q"),
    ("/api/quotes?speaker=" + "x" * 101, "speaker"),
    ("/api/quotes?direct=perhaps", "direct"),
    ("/api/stories?date=kemarin", "date"),
    ("/api/digest?top=0", "top"),
    ("/api/digest?top=21", "top"),
    ("/api/digest?format=pdf", "format"),
    ("/api/relations/RUS/CHN?by=week", "by"),
    ("/api/relations/RUS/R-S", "b"),
    ("/api/relations?limit=1000", "limit"),
]


@pytest.mark.parametrize("url,named", BAD)
def test_bad_parameters_are_422_with_a_clear_message(client: TestClient, url: str, named: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text[:300])
    body = r.json()
    assert isinstance(body["detail"], list) and body["detail"]
    assert named in body["message"], body["message"]


@pytest.mark.parametrize("url", [
    "/api/articles?q=' OR '1'='1",
    "/api/articles?source=x' OR '1'='1",
    "/api/articles?q=%25",
    "/api/quotes?speaker=_",
    "/api/quotes?speaker=%25' --",
    "/api/articles/' OR 1=1 --",
    "/api/stories/1; DROP TABLE stories",
])
def test_injection_attempts_find_nothing(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in (200, 404), (url, r.status_code)
    if r.status_code == 200:
        assert r.json()["total"] == 0
    assert get(client, "/api/stats")["stories"] == 4  # nothing dropped


# ---------------------------------------------------------------------------------------------
# Read-only, concurrency, schema
# ---------------------------------------------------------------------------------------------

def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_served_database_cannot_be_written(world_db: Path) -> None:  # noqa: F811
    before = _digest(world_db)
    application = create_app(world_db)
    try:
        cur = application.state.store.cursor()
        for sql in ("INSERT INTO stories (story_id) VALUES ('x')", "DELETE FROM events",
                    "CREATE TABLE t (x INTEGER)", "UPDATE articles SET title = 'x'", "DROP TABLE quotes"):
            with pytest.raises(duckdb.Error, match="read-only"):
                cur.execute(sql)
        cur.close()
        c = TestClient(application)
        for url in ("/", "/api/events", "/api/digest", "/api/relations/RUS/CHN", f"/articles/{IDS['teken']}"):
            assert c.get(url).status_code == 200
        for method in ("post", "put", "delete", "patch"):
            assert getattr(c, method)("/api/events").status_code == 405
    finally:
        application.state.store.close()
    assert _digest(world_db) == before


def test_parallel_requests_each_get_their_own_cursor(client: TestClient) -> None:
    urls = ["/api/events?limit=5", "/api/relations/RUS/CHN", f"/api/articles/{IDS['teken']}", "/api/digest",
            "/api/quotes", "/api/stats"]
    failures: list[str] = []

    def worker(k: int) -> None:
        for i in range(12):
            url = urls[(k + i) % len(urls)]
            r = client.get(url)
            if r.status_code != 200:
                failures.append(f"{url}: {r.status_code}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_openapi_and_docs_without_cdn(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    paths = set(spec["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{article_id}/{idx}",
            "/api/quotes", "/api/stories", "/api/digest", "/api/relations/{a}/{b}", "/api/stats"} <= paths
    assert not any(p.startswith(("/events", "/articles", "/relations")) for p in paths)  # pages stay out
    params = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params["type"]["schema"]["items"]["enum"][0] == "AGREE"
    assert params["quad_class"]["schema"]["items"]["maximum"] == 4
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/relations/{a}/{b}" in docs.text
    assert "cdn" not in docs.text.lower() and "<script src=\"http" not in docs.text
    assert client.get("/redoc").status_code == 404


def test_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        create_app(tmp_path / "missing.duckdb")


def test_app_serves_again_after_its_lifespan_restarts(tmp_path):
    """A host that ends the lifespan and starts it again (as test runners do) gets a working app."""
    from fastapi.testclient import TestClient

    from warta.api.app import create_app
    from tests.test_api_fixture import build_world_db

    db = build_world_db(tmp_path / "w.duckdb")
    app = create_app(db)
    for _ in range(2):
        with TestClient(app) as client:
            assert client.get("/api/stats").status_code == 200
