"""The server-rendered pages (parsed with lxml) and the pieces they are made of: marked text that stays
well-formed and escaped, evidence with source, trigger and target, the digest in the seed's shape, and
the relations chart with its bundled scripts."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from test_api_fixture import IDS, TEXT_TEKEN, world_db  # noqa: F401  (fixture)
from warta.api.app import create_app
from warta.api.evidence import evidence_html, evidence_ranges, trigger_spans
from warta.api.marks import Span, paragraphs, render


@pytest.fixture(scope="module")
def client(world_db: Path):  # noqa: F811
    app = create_app(world_db)
    yield TestClient(app, raise_server_exceptions=False)
    app.state.store.close()


def page(client: TestClient, url: str, status: int = 200) -> lxml.html.HtmlElement:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:400])
    assert r.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(r.text)


def text_of(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


# ---------------------------------------------------------------------------------------------
# Marked text
# ---------------------------------------------------------------------------------------------

def test_crossing_spans_nest_properly_and_keep_the_text() -> None:
    text = "Putin <b> & Xi bertemu di Beijing."
    spans = [Span(0, 9, "a", id="x"), Span(6, 14, "b", title='"q" <i>'), Span(2, 4, "c"), Span(26, 33, "d")]
    html = render(text, spans)
    root = lxml.html.fragment_fromstring(f"<p>{html}</p>")
    assert root.text_content() == text  # every character once, escaped, in order
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert [m.get("id") for m in root.iter("mark") if m.get("id")] == ["x"]  # the id is not repeated
    b = [m for m in root.iter("mark") if m.get("class") == "b"]
    assert "".join(m.text_content() for m in b) == text[6:14] and len(b) == 2  # closed and re-opened
    assert b[0].get("title") == '"q" <i>'
    assert [m.text_content() for m in root.iter("mark") if m.get("class") == "d"] == ["Beijing"]


def test_paragraphs_split_spans_that_cross_a_break() -> None:
    text = "Satu dua.\n\nTiga empat."
    paras = paragraphs(text, [Span(5, 16, "q", id="q0")])
    assert len(paras) == 2
    assert [lxml.html.fragment_fromstring(f"<p>{p}</p>").text_content() for p in paras] == ["Satu dua.", "Tiga empat."]
    assert str(paras).count('id="q0"') == 1


def test_spans_outside_the_text_are_dropped() -> None:
    assert str(render("abc", [Span(5, 9, "x"), Span(2, 1, "y"), Span(-3, 1, "z")])) == '<mark class="z">a</mark>bc'


def test_trigger_words_are_found_in_order_when_not_contiguous() -> None:
    text = "Rusia meneken tiga nota kesepahaman dengan China."
    assert trigger_spans(text, "meneken nota kesepahaman", [(0, len(text))]) == [(6, 13), (19, 23), (24, 35)]
    assert trigger_spans(text, "Meneken tiga", [(0, len(text))]) == [(6, 18)]  # phrase, any case
    assert trigger_spans(text, "menolak", [(0, len(text))]) == []


def test_evidence_joins_sentences_that_are_not_adjacent() -> None:
    text = "Xi tiba. Hujan turun. Ia bertemu Putin."
    sentences = [(0, 8, 0), (9, 21, 0), (22, 39, 0)]
    ev = {"idx": 0, "type": "CONSULT", "rule": "r", "sentence": 2, "start_char": 25, "end_char": 32,
          "trigger": "bertemu", "src_start": 0, "src_end": 2, "src_text": "Xi", "tgt_start": 33, "tgt_end": 38,
          "tgt_text": "Putin"}
    assert evidence_ranges(text, sentences, ev) == [(0, 8), (22, 39)]
    root = lxml.html.fragment_fromstring(f"<p>{evidence_html(text, sentences, ev)}</p>")
    assert root.text_content() == "Xi tiba. … Ia bertemu Putin."
    marks = {m.get("class"): m.text_content() for m in root.iter("mark")}
    assert marks == {"src": "Xi", "trg": "bertemu", "tgt": "Putin"}


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------

def test_digest_page_in_the_seed_shape(client: TestClient) -> None:
    root = page(client, "/")
    assert text_of(root.cssselect("h1")[0]).startswith("Top 2 Dunia")
    intro = text_of(root.cssselect("p.intro")[0])
    assert intro.startswith("Top 2 Dunia edisi Kamis, 25 Mei 2023, dibuka dengan berita Rusia dan China meneken")
    assert text_of(root.cssselect("p.lead-in")[0]) == "Berikut Top 2 Dunia selengkapnya:"
    stories = root.cssselect("li.story")
    assert [text_of(s.cssselect("h2")[0]) for s in stories] == [
        "1. Rusia dan China Teken Tiga Nota Kesepahaman Baru", "2. Banjir Besar Landa Italia Utara"]
    first = stories[0]
    assert len(first.cssselect("h2 ~ p:not(.read-more):not(.meta)")) == 2  # the summary paragraphs
    read = first.cssselect("a.read-here")[0]
    assert read.text_content() == "Baca di sini untuk berita selengkapnya."
    assert read.get("href") == f"/articles/{IDS['teken']}"
    assert first.cssselect("a.original")[0].get("href") == "https://kabar.example/dunia/rusia-china-teken"
    assert "Cabai" not in root.text_content()  # a domestic story is not world news
    assert root.cssselect("a[rel=prev]")[0].get("href").startswith("/?date=2023-05-20")


def test_digest_page_of_a_day_never_built_says_how_to_build_it(client: TestClient) -> None:
    root = page(client, "/?date=2023-05-10", 404)
    notice = text_of(root.cssselect("p.notice")[0])
    assert "belum disusun" in notice and "warta digest --date 2023-05-10" in notice
    assert root.cssselect("a[rel=next]")[0].get("href").startswith("/?date=2023-05-20")
    assert "Tidak ada artikel" in text_of(page(client, "/?date=2023-05-22", 404).cssselect("p.notice")[0])


def test_digest_page_of_another_day_and_bad_dates(client: TestClient) -> None:
    root = page(client, "/?date=2023-05-20&top=3")
    assert text_of(root.cssselect("h1")[0]).startswith("Top 1 Dunia")
    intro = text_of(root.cssselect("p.intro")[0])
    assert intro.startswith("Top 1 Dunia edisi Sabtu, 20 Mei 2023") and "Rusia menyerang Kyiv" in intro
    bad = page(client, "/?date=2023-02-30", 422)
    assert "not a calendar date" in text_of(bad.cssselect(".message")[0])
    page(client, "/?date=", 200)  # an empty form field is no filter


def test_event_explorer_shows_evidence_marks_and_rule(client: TestClient) -> None:
    root = page(client, "/events?country=rus&modality=asserted")
    cards = root.cssselect("article.event")
    assert len(cards) == 5
    assert "5 peristiwa" in text_of(root.cssselect("p.count")[0])
    for card in cards:
        ev = card.cssselect("blockquote.evidence")[0]
        marks = {m.get("class"): m.text_content() for m in ev.iter("mark")}
        assert {"src", "trg"} <= set(marks)
        assert card.cssselect("code.rule")[0].text_content()
    agree = next(c for c in cards if "AGREE" in text_of(c.cssselect("header")[0]))
    marks = {m.get("class"): m.text_content() for m in agree.cssselect("blockquote.evidence mark")}
    assert marks == {"src": "Rusia", "tgt": "China", "trg": "meneken tiga nota kesepahaman"}
    assert agree.cssselect("code.rule")[0].text_content() == "agree.sign.active"
    # The filter form keeps what was asked.
    assert root.cssselect("input[name=country]")[0].get("value") == "RUS"
    assert root.cssselect("select[name=modality] option[selected]")[0].get("value") == "asserted"


def test_event_explorer_filters_pages_and_errors(client: TestClient) -> None:
    root = page(client, "/events?type=ASSAULT&type=ACCUSE&from=&to=")
    assert {text_of(c.cssselect(".type")[0]) for c in root.cssselect("article.event")} == {"ASSAULT", "ACCUSE"}
    paged = page(client, "/events?limit=3&page=2")
    assert len(paged.cssselect("article.event")) == 3
    assert "Halaman 2 dari 3" in text_of(paged.cssselect("nav.pager")[0])
    nxt = paged.cssselect("nav.pager a[rel=next]")[0].get("href")
    assert "limit=3" in nxt and nxt.endswith("page=3")
    inverted = page(client, "/events?from=2023-05-30&to=2023-05-01")
    assert "setelah" in text_of(inverted.cssselect("p.notice.inverted")[0]) and not inverted.cssselect("article.event")
    bad = page(client, "/events?quad_class=9&country=R$S", 422)
    message = text_of(bad.cssselect(".message")[0])
    assert "quad_class" in message and "country" in message


def test_event_page_evidence_and_context(client: TestClient) -> None:
    root = page(client, f"/events/{IDS['teken']}/2")
    marks = {m.get("class"): m.text_content() for m in root.cssselect("blockquote.evidence mark")}
    assert marks == {"src": "Amerika Serikat", "trg": "menuduh", "tgt": "Beijing"}
    context = text_of(root.cssselect("section.context .article-text")[0])
    assert "sanksi & pembatasan <ekspor>." in context  # escaped, shown as written
    assert root.cssselect("section.context a")[0].get("href") == f"/articles/{IDS['teken']}#ev-2"
    assert len(root.cssselect("section ul.plain li")) == 2  # the article's other events
    page(client, f"/events/{IDS['teken']}/7", 404)


def test_article_page_marks_everything_with_unique_ids(client: TestClient) -> None:
    r = client.get(f"/articles/{IDS['teken']}")
    assert r.status_code == 200
    assert "&lt;ekspor&gt;" in r.text and "<ekspor>" not in r.text and "&lt;Baru&gt;" in r.text
    root = lxml.html.fromstring(r.text)
    text = root.cssselect("div.article-text")[0]
    assert [p.text_content() for p in text.cssselect("p")] == TEXT_TEKEN.split("\n\n")
    ents = text.cssselect("mark.ent[id]")
    assert len(ents) == 10 and all(e.get("title") for e in ents)
    assert {e.text_content() for e in ents} >= {"Rusia", "China", "Mikhail Mishustin", "Li Qiang", "Moskow"}
    assert text.cssselect("mark.date")[0].text_content() == "Rabu (24/5/2023)"
    quote = text.cssselect("span.quote.direct")[0]
    assert quote.text_content().startswith("“Kerja sama kita") and "Li Qiang" in quote.get("title")
    speaker = text.cssselect("span.speaker")  # the speaker is marked where the text names them
    assert [s.text_content() for s in speaker] == ["Li"] and speaker[0].get("id") == "sp-0"
    assert "Li Qiang" in speaker[0].get("title") and root.cssselect("input#show-speaker")
    assert [t.text_content() for t in text.cssselect("mark.trg[id]")] == ["meneken tiga nota kesepahaman",
                                                                        "bertemu", "menuduh"]
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for a in root.cssselect("aside a[href^='#']"):  # every in-page link lands on a mark
        assert a.get("href")[1:] in ids
    assert [a.get("href") for a in root.cssselect("aside a.ev-link")] == [
        f"/events/{IDS['teken']}/{i}" for i in (0, 1, 2)]
    page(client, "/articles/tidak-ada", 404)


def test_relations_page_chart_spec_and_table(client: TestClient) -> None:
    r = client.get("/relations/RUS/CHN")
    assert r.status_code == 200
    root = lxml.html.fromstring(r.text)
    spec = json.loads(root.cssselect("script#chart-spec")[0].text)
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")  # read, not fetched
    gold = next(d for d in spec["vconcat"][0]["data"]["values"]
                if d["period"] == "2023-05-24" and d["direction"] == "RUS → CHN")
    assert gold["goldstein"] == 9.0
    options = json.loads(root.cssselect("script#chart-options")[0].text)
    assert options["timeFormatLocale"]["months"][4] == "Mei" and options["renderer"] == "svg"
    srcs = [s.get("src") for s in root.cssselect("script[src]")]
    assert srcs == ["/static/vendor/vega.min.js", "/static/vendor/vega-lite.min.js",
                    "/static/vendor/vega-embed.min.js", "/static/relations.js"]
    for src in srcs:
        js = client.get(src)
        assert js.status_code == 200 and len(js.content) > 500
    rows = root.cssselect("table.relations-table tbody tr")
    assert [text_of(row.cssselect("td")[0]) for row in rows] == ["10 Mei 2023", "24 Mei 2023", "25 Mei 2023"]
    link = rows[1].cssselect("a")[0].get("href")
    assert link == "/events?source=RUS&target=CHN&from=2023-05-24&to=2023-05-24"
    assert len(page(client, link).cssselect("article.event")) == 2
    empty = page(client, "/relations/RUS/IDN")
    assert not empty.cssselect("#chart") and "Tidak ada peristiwa" in empty.text_content()


def test_relations_index_and_form_redirect(client: TestClient) -> None:
    root = page(client, "/relations")
    assert [a.text_content() for a in root.cssselect("table.list a")][0] == "CHN – RUS"
    r = client.get("/relations?a=rus&b=chn&from=2023-05-01", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/relations/RUS/CHN?from=2023-05-01"
    page(client, "/relations?a=rus&b=c!n", 422)


def test_other_pages_and_no_cdn_anywhere(client: TestClient) -> None:
    urls = ["/", "/events", f"/events/{IDS['teken']}/0", f"/articles/{IDS['teken']}", "/articles", "/quotes",
            "/relations", "/relations/RUS/CHN", "/docs"]
    for url in urls:
        root = page(client, url)
        for el in root.iter("script", "link", "img"):
            ref = el.get("src") or el.get("href") or ""
            assert not ref.startswith(("http:", "https:", "//")), (url, ref)
    quotes = page(client, "/quotes?speaker=Li")
    assert len(quotes.cssselect("figure.quote-card")) == 1
    assert quotes.cssselect("figure.quote-card a")[0].get("href") == f"/articles/{IDS['teken']}#q-0"
    arts = page(client, "/articles?country=UKR")
    titles = [a.text_content() for a in arts.cssselect("table.list tbody a")]
    assert titles == ["Rusia Serang Kyiv dengan Rudal Jelajah"]
    page(client, "/tidak-ada", 404)


def test_stored_links_must_be_http_and_pages_carry_a_csp(client: TestClient) -> None:
    from warta.api.filters import safe_url

    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None
    assert safe_url(" https://kabar.example/a ") == "https://kabar.example/a"
    r = client.get("/relations/RUS/CHN")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-eval'" in csp and "default-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
