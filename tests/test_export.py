"""Exports (warta.store.export, store.parquet, `warta export`) on a store this test builds from
articles and analyses it composes: GDELT 2.0 Events and Mentions TSV, PLOVER JSON lines, the
analyses as JSONL, and the Parquet store that DuckDB reads like the database."""

from __future__ import annotations

import csv
import gzip
import json
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.model import Actor, Analysis, Article, DateExpr, Event, Mention, Participant, Quote, Sentence
from warta.store import export, gdelt, open_store, transaction, write_analyses
from warta.store.parquet import export_parquet, open_parquet
from warta.store.records import insert_articles

DAY = date(2024, 2, 6)

# Short news items written for this test.
TEXT_ANTARA = ("Moskow (ANTARA) - Pemerintah Rusia mengecam Amerika Serikat atas sanksi baru terhadap bank-bank Rusia. "
               "Sekretaris Jenderal PBB meminta kedua negara menahan diri.\n\n"
               "Menteri Luar Negeri China dan Menteri Luar Negeri Rusia bertemu di Beijing pada Senin (5/2/2024).")
TEXT_KOMPAS = ("MOSKWA, KOMPAS.com — Rusia mengecam Amerika Serikat. Kremlin kembali mengecam Washington sore harinya.\n\n"
               "Presiden Rusia akan mengunjungi Jakarta bulan depan.")
TEXT_ANTARA_2 = "Rusia mengecam Amerika Serikat, kata juru bicara Kremlin kepada wartawan di Moskow."
TEXT_UNDATED = "Rusia mengecam Amerika Serikat dalam pernyataan tanpa tanggal."


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for paragraph, block in enumerate(text.split("\n\n")):
        base = text.index(block, start)
        for m in re.finditer(r".+?\.(?=\s|$)", block):
            s, e = base + m.start(), base + m.end()
            while text[s] == " ":
                s += 1
            out.append(Sentence(len(out), s, e, paragraph, text[s:e]))
        start = base + len(block)
    return out


def party(text: str, part: str, name: str, code: str | None, country: str | None) -> Participant:
    s, e = span(text, part)
    return Participant(part, name, code, country, s, e)


def accuse(text: str, src: str, src_code: str, tgt: str, mentions: int = 1, sentence: int = 0) -> Event:
    s, e = span(text, "mengecam")
    return Event("ACCUSE", party(text, src, "Rusia", src_code, "RUS"), party(text, tgt, "Amerika Serikat", "USA", "USA"),
                 cameo="111", mode="disapprove", goldstein=-2.0, quad_class=3, sentence=sentence, start=s, end=e,
                 trigger="mengecam", rule="accuse.condemn/active", mentions=mentions)


def article(id_: str, text: str, source: str | None, published: date | None, url: str | None) -> Article:
    return Article(id=id_, text=text, title=f"Judul {id_}", url=url, source=source, published=published,
                   language="id", content_hash=f"hash-{id_}")


def analysis(a: Article, events: list[Event], entities: list[Mention] = (), quotes: list[Quote] = (),
             dates: list[DateExpr] = ()) -> Analysis:
    return Analysis(id=a.id, title=a.title, date=a.published.isoformat() if a.published else None,
                    language="id", url=a.url, source=a.source, entities=list(entities), dates=list(dates),
                    events=events, quotes=list(quotes), sentences=sentences(a.text), text=a.text)


def build_store(path: Path) -> tuple[list[Article], list[Analysis]]:
    a1 = article("ant-1", TEXT_ANTARA, "Antara", DAY, "https://example.org/antara/1")
    a2 = article("kom-1", TEXT_KOMPAS, "Kompas.com", DAY, "https://example.org/kompas/1")
    a3 = article("ant-2", TEXT_ANTARA_2, "Antara", DAY, None)
    a4 = article("x-1", TEXT_UNDATED, None, None, None)

    un = Event("REQUEST", party(TEXT_ANTARA, "Sekretaris Jenderal PBB", "Sekretaris Jenderal PBB", "IGOUNO", "UN"),
               party(TEXT_ANTARA, "kedua negara", "Rusia", "RUS", "RUS"), cameo="020", goldstein=3.0, quad_class=1,
               sentence=1, start=span(TEXT_ANTARA, "meminta")[0], end=span(TEXT_ANTARA, "meminta")[1],
               trigger="meminta", rule="request.ask/active")
    meet_s, meet_e = span(TEXT_ANTARA, "bertemu")
    meet = Event("CONSULT", party(TEXT_ANTARA, "Menteri Luar Negeri China", "Wang Yi", "CHNGOV", "CHN"),
                 party(TEXT_ANTARA, "Menteri Luar Negeri Rusia", "Sergei Lavrov", "RUSGOV", "RUS"), cameo="044",
                 goldstein=2.5, quad_class=1, date="2024-02-05", date_granularity="day", location="Beijing",
                 sentence=2, start=meet_s, end=meet_e, trigger="bertemu", rule="consult.meet/active")
    visit_s, visit_e = span(TEXT_KOMPAS, "mengunjungi")
    visit = Event("CONSULT", party(TEXT_KOMPAS, "Presiden Rusia", "Vladimir Putin", "RUSGOV", "RUS"),
                  party(TEXT_KOMPAS, "Jakarta", "Indonesia", "IDN", "IDN"), cameo="042", goldstein=1.9, quad_class=1,
                  modality="future", sentence=2, start=visit_s, end=visit_e, trigger="akan mengunjungi",
                  rule="consult.visit/active")
    russia = Actor("Rusia", "RUSGOV", "RUS", "country")
    ent_s, ent_e = span(TEXT_ANTARA, "Pemerintah Rusia")
    quote_s, quote_e = span(TEXT_ANTARA_2, "Rusia mengecam Amerika Serikat")
    analyses = [
        analysis(a1, [accuse(TEXT_ANTARA, "Pemerintah Rusia", "RUSGOV", "Amerika Serikat"), un, meet],
                 entities=[Mention("Pemerintah Rusia", ent_s, ent_e, 0, "GPE", russia, "gazetteer:demonym")],
                 dates=[DateExpr("Senin (5/2/2024)", *span(TEXT_ANTARA, "Senin (5/2/2024)"), 2, "2024-02-05", "day", "date:dmy")]),
        analysis(a2, [accuse(TEXT_KOMPAS, "Rusia", "RUSGOV", "Amerika Serikat", mentions=2), visit]),
        analysis(a3, [accuse(TEXT_ANTARA_2, "Rusia", "RUSGOV", "Amerika Serikat")],
                 quotes=[Quote("Rusia mengecam Amerika Serikat", quote_s, quote_e, False, "kata",
                               party(TEXT_ANTARA_2, "juru bicara Kremlin", "juru bicara Kremlin", "RUSGOV", "RUS"),
                               0, "indirect:kata")]),
        analysis(a4, [accuse(TEXT_UNDATED, "Rusia", "RUSGOV", "Amerika Serikat")]),
    ]
    con = open_store(path)
    with transaction(con):
        insert_articles(con, [a1, a2, a3, a4], run_id=None)
        write_analyses(con, analyses)
    con.close()
    return [a1, a2, a3, a4], analyses


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "w.duckdb"
    build_store(path)
    return path


@pytest.fixture
def con(store: Path):
    c = open_store(store, read_only=True)
    yield c
    c.close()


def by_name(row: list) -> dict:
    assert len(row) == 61
    return dict(zip(gdelt.EVENT_COLUMNS, row))


# --------------------------------------------------------------------------------------------
# GDELT 2.0 Events
# --------------------------------------------------------------------------------------------

def test_gdelt_columns_are_the_61_of_gdelt_2() -> None:
    assert len(gdelt.EVENT_COLUMNS) == 61 and len(set(gdelt.EVENT_COLUMNS)) == 61
    assert gdelt.EVENT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert gdelt.EVENT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert gdelt.EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(gdelt.MENTION_COLUMNS) == 16


@pytest.mark.shared
def test_gdelt_columns_match_the_codebook(shared_dir: Path) -> None:
    text = (shared_dir / "ontology" / "gdelt_schemas.txt").read_text(encoding="utf-8")
    events = text.split("## GDELT 2.0 Event table")[1].split("##")[0]
    mentions = text.split("## GDELT 2.0 Mentions table")[1].split("##")[0]
    names = lambda block: tuple(line.split("\t")[1] for line in block.splitlines() if re.match(r"^\d+\t", line))
    assert names(events) == gdelt.EVENT_COLUMNS
    assert names(mentions) == gdelt.MENTION_COLUMNS


def test_gdelt_events_aggregate_reports_of_the_same_event(con) -> None:
    report = export.ExportReport()
    rows = [by_name(r) for r in export.gdelt_events(con, report=report)]
    accuse_rows = [r for r in rows if r["EventCode"] == "111"]
    assert len(accuse_rows) == 1  # three articles, one event that day
    r = accuse_rows[0]
    assert (r["NumMentions"], r["NumArticles"], r["NumSources"]) == (4, 3, 2)  # 1 + 2 + 1; Antara and Kompas.com
    assert (r["SQLDATE"], r["MonthYear"], r["Year"], r["FractionDate"]) == (20240206, 202402, 2024, 2024.0986)  # GDELT: ((2 - 1) * 30 + 6) / 365
    assert (r["Actor1Code"], r["Actor1CountryCode"], r["Actor1Type1Code"], r["Actor1Name"]) == ("RUSGOV", "RUS", "GOV", "RUSIA")
    assert (r["Actor2Code"], r["Actor2CountryCode"]) == ("USA", "USA")
    assert (r["EventBaseCode"], r["EventRootCode"], r["QuadClass"], r["GoldsteinScale"]) == ("111", "11", 3, -2.0)
    assert r["IsRootEvent"] == 1  # in the first sentence
    assert r["AvgTone"] == 0
    assert (r["Actor1Geo_Type"], r["Actor1Geo_CountryCode"]) == (1, "RS")  # FIPS, not ISO
    assert r["SOURCEURL"] == "https://example.org/antara/1"  # the first article with a URL, by id order that day
    assert re.fullmatch(r"\d{14}", str(r["DATEADDED"]))
    # The future visit is no event for GDELT; the undated article has no day.
    assert not any(r["EventCode"] == "042" for r in rows)
    assert report.skipped == {"no date (article undated, event date not to the day)": 1}


def test_gdelt_codes_dates_and_geo(con) -> None:
    rows = {r["EventCode"]: r for r in map(by_name, export.gdelt_events(con))}
    un = rows["020"]
    assert (un["Actor1Code"], un["Actor1CountryCode"], un["Actor1KnownGroupCode"], un["Actor1Type1Code"]) == \
        ("IGOUNO", "", "UNO", "IGO")
    assert un["Actor1Geo_Type"] == 0  # an organisation has no country to place it in
    meet = rows["044"]
    assert meet["SQLDATE"] == 20240205  # the day the article gives, not the publication day
    assert meet["IsRootEvent"] == 0
    assert (meet["ActionGeo_Type"], meet["ActionGeo_CountryCode"], meet["ActionGeo_FullName"]) == (4, "CH", "Beijing, China")
    assert 39 < meet["ActionGeo_Lat"] < 41 and 115 < meet["ActionGeo_Long"] < 118
    for r in rows.values():
        assert re.fullmatch(r"\d{8}", str(r["SQLDATE"])) and str(r["SQLDATE"]).startswith(str(r["MonthYear"]))
        assert r["EventCode"].startswith(r["EventBaseCode"]) and r["EventBaseCode"].startswith(r["EventRootCode"])
        assert r["QuadClass"] in (1, 2, 3, 4) and -10 <= r["GoldsteinScale"] <= 10
        assert 0 < r["GLOBALEVENTID"] < 2**53


def test_gdelt_ids_are_stable_and_unique(con) -> None:
    first = [r[0] for r in export.gdelt_events(con)]
    again = [r[0] for r in export.gdelt_events(con)]
    assert first == again and len(set(first)) == len(first) == 3


def test_gdelt_tsv_is_read_back_as_61_columns(con, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    with path.open("w", encoding="utf-8") as f:
        n = export.write_tsv(export.gdelt_events(con), f)
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert n == len(rows) == 3
    assert all(len(r) == 61 for r in rows)
    r = dict(zip(gdelt.EVENT_COLUMNS, next(r for r in rows if r[26] == "111")))
    assert (r["EventCode"], r["GoldsteinScale"], r["NumMentions"], r["Actor1Geo_Lat"]) == ("111", "-2", "4", "60")
    assert r["Actor1EthnicCode"] == "" and r["ActionGeo_Lat"] == ""


def test_gdelt_mentions_point_at_the_evidence(con, store: Path) -> None:
    events = {r[0]: by_name(r) for r in export.gdelt_events(con)}
    mentions = [dict(zip(gdelt.MENTION_COLUMNS, m)) for m in export.gdelt_mentions(con)]
    accuse_id = next(i for i, r in events.items() if r["EventCode"] == "111")
    ours = [m for m in mentions if m["GLOBALEVENTID"] == accuse_id]
    assert len(ours) == 3 and {m["MentionSourceName"] for m in ours} == {"Antara", "Kompas.com"}
    kompas = next(m for m in ours if m["MentionSourceName"] == "Kompas.com")
    assert kompas["SentenceID"] == 1  # 1-based, as GDELT
    assert TEXT_KOMPAS[kompas["ActionCharOffset"]:].startswith("mengecam")
    assert TEXT_KOMPAS[kompas["Actor2CharOffset"]:].startswith("Amerika Serikat")
    assert kompas["EventTimeDate"] == 20240206000000 and kompas["MentionDocLen"] == len(TEXT_KOMPAS)
    assert json.loads(kompas["Extras"])["rule"] == "accuse.condemn/active"


def test_date_filter_uses_the_event_day(con) -> None:
    rows = list(export.gdelt_events(con, export.ExportFilter(date_from=DAY, date_to=DAY)))
    assert {by_name(r)["EventCode"] for r in rows} == {"111", "020"}  # the meeting was on the 5th


# --------------------------------------------------------------------------------------------
# PLOVER, JSONL
# --------------------------------------------------------------------------------------------

def test_plover_records_carry_actors_type_mode_date_and_evidence(con) -> None:
    records = list(export.plover_events(con))
    assert len(records) == 7  # every event, every modality
    visit = next(r for r in records if r["cameo"] == "042")
    assert visit["modality"] == "future" and visit["event"] == ["CONSULT"]
    acc = next(r for r in records if r["id"] == "warta-kom-1-0")
    assert acc["date"] == "2024-02-06" and acc["event"] == ["ACCUSE"] and acc["mode"] == "disapprove"
    assert acc["source"][0]["code"] == "RUS" and acc["source"][0]["sector"] == "GOV"
    assert acc["recipient"][0]["identifier_text"] == "Amerika Serikat" and acc["quad_code"] == 3
    ev = acc["evidence"]
    assert ev["article_id"] == "kom-1" and ev["trigger"] == "mengecam" and ev["rule"] == "accuse.condemn/active"
    assert TEXT_KOMPAS[ev["start"]:ev["end"]] == "mengecam"
    first = sentences(TEXT_KOMPAS)[0]
    assert ev["sentence_text"] == TEXT_KOMPAS[first.start:first.end] == acc["event_text"][0]
    assert ev["sentence_text"].endswith("Rusia mengecam Amerika Serikat.")
    assert acc["cite_info"]["publication"] == "Kompas.com" and acc["coder"].startswith("warta ")
    meet = next(r for r in records if r["cameo"] == "044")
    assert meet["event_loc"]["cc3"] == "CHN" and meet["stated_date"] == "2024-02-05"


def test_jsonl_export_is_what_analyze_prints(store: Path, con, tmp_path: Path) -> None:
    _, written = build_store(tmp_path / "again.duckdb")
    exported = {d["id"]: d for d in export.analyses(con, with_sentences=True)}
    assert len(exported) == 4
    for a in written:
        assert exported[a.id] == a.to_dict(with_sentences=True)
    speaker = exported["ant-2"]["quotes"][0]["speaker"]
    assert TEXT_ANTARA_2[speaker["start"]:speaker["end"]] == "juru bicara Kremlin"  # speaker offsets kept


# --------------------------------------------------------------------------------------------
# Parquet
# --------------------------------------------------------------------------------------------

def test_parquet_store_reads_like_the_database(con, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    counts = export_parquet(con, out)
    assert counts["articles"] == 4 and counts["events"] == 7
    assert (out / "events" / "day=2024-02-06").is_dir() and (out / "articles" / "day=undated").is_dir()
    pq = open_parquet(out)
    assert list(export.gdelt_events(pq)) == list(export.gdelt_events(con))
    assert list(export.analyses(pq, with_text=True)) == list(export.analyses(con, with_text=True))
    assert pq.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall() == \
        con.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
    # Plain DuckDB reads the files, with the partition column.
    plain = duckdb.connect()
    days = plain.execute(f"SELECT day, count(*) FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning=true) "
                         "GROUP BY 1 ORDER BY 1").fetchall()
    assert days == [("2024-02-06", 6), ("undated", 1)]


def test_parquet_store_of_an_older_warta_reads_missing_columns_as_null(con, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    export_parquet(con, out)
    for part in (out / "quotes").glob("*/*.parquet"):  # as written before quotes kept speaker offsets
        old = duckdb.connect()
        old.execute(f"COPY (SELECT * EXCLUDE (speaker_start, speaker_end) FROM read_parquet('{part}')) "
                    f"TO '{part}.old' (FORMAT parquet)")
        old.close()
        part.unlink()
        part.with_name(part.name + ".old").rename(part)
    pq = open_parquet(out)
    assert pq.execute("SELECT speaker_text, speaker_start FROM quotes").fetchall() == [("juru bicara Kremlin", None)]
    quote = next(d for d in export.analyses(pq) if d["id"] == "ant-2")["quotes"][0]
    assert quote["speaker"]["name"] == "juru bicara Kremlin" and quote["speaker"]["start"] == 0


def test_parquet_reexport_of_a_day_replaces_only_that_day(con, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    export_parquet(con, out)
    export_parquet(con, out, export.ExportFilter(DAY, DAY))
    pq = open_parquet(out)
    assert pq.execute("SELECT count(*) FROM events").fetchone()[0] == 7  # no duplicates, undated kept
    with pytest.raises(Exception, match="partitioned by day"):
        export_parquet(con, out, partition="month")


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------

def test_export_command(store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "events.tsv.gz"
    done = runner.invoke(app, ["export", "--format", "gdelt", "--db", str(store), "--out", str(out)])
    assert done.exit_code == 0, done.output
    lines = gzip.open(out, "rt", encoding="utf-8").read().splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 61 for line in lines)
    assert "left out: 1 no date" in done.stderr

    done = runner.invoke(app, ["export", "-f", "plover", "--db", str(store), "--from", "2024-02-06"])
    assert done.exit_code == 0
    assert {json.loads(line)["date"] for line in done.stdout.splitlines()} == {"2024-02-06"}

    pq = tmp_path / "pq"
    assert runner.invoke(app, ["export", "-f", "parquet", "--db", str(store), "--out", str(pq), "-q"]).exit_code == 0
    from_pq = runner.invoke(app, ["export", "-f", "gdelt", "--db", str(pq), "--header", "-q"])
    assert from_pq.stdout.splitlines()[0].split("\t") == list(gdelt.EVENT_COLUMNS)
    assert from_pq.stdout.splitlines()[1:] == lines

    bad = runner.invoke(app, ["export", "-f", "gdelt", "--db", str(store), "--from", "6/2/2024"])
    assert bad.exit_code != 0


def test_analyze_writes_a_parquet_store_that_export_reads(tmp_path: Path) -> None:
    """`warta analyze --format parquet`: the same analyses as the JSONL output, without a database."""
    import itertools

    from warta.samples import sample_path

    corpus = tmp_path / "sample.jsonl"
    with gzip.open(sample_path(), "rt", encoding="utf-8") as f:  # IndoSum sample, CC BY-SA 4.0
        corpus.write_text("".join(itertools.islice(f, 12)), encoding="utf-8")
    runner = CliRunner()
    printed = runner.invoke(app, ["analyze", str(corpus), "--workers", "1", "-q"], catch_exceptions=False)
    store = tmp_path / "store"
    wrote = runner.invoke(app, ["analyze", str(corpus), "--workers", "1", "--format", "parquet", "--out", str(store)],
                          catch_exceptions=False)
    assert wrote.exit_code == 0 and "wrote the Parquet store" in wrote.stderr
    exported = runner.invoke(app, ["export", "-f", "jsonl", "--db", str(store), "-q"], catch_exceptions=False)

    def normal(lines: str) -> dict:
        return {d["id"]: d for d in map(json.loads, lines.splitlines())}

    assert normal(exported.stdout) == normal(printed.stdout) and len(normal(printed.stdout)) == 12
    again = runner.invoke(app, ["analyze", str(corpus), "--workers", "1", "--format", "parquet", "--out", str(store)])
    assert again.exit_code != 0  # never appends twice to the same store


# --------------------------------------------------------------------------------------------
# One event day and one outlet for the daily table, relations and exports
# --------------------------------------------------------------------------------------------

def test_daily_events_relations_and_gdelt_count_alike(con) -> None:
    from warta.store import queries

    daily = con.execute("SELECT num_events, num_mentions, num_articles, num_sources FROM daily_events "
                        "WHERE day = ? AND source_country = 'RUS' AND target_country = 'USA' AND type = 'ACCUSE'",
                        [DAY]).fetchall()
    gdelt_row = next(by_name(r) for r in export.gdelt_events(con) if by_name(r)["EventCode"] == "111")
    assert daily == [(3, 4, 3, 2)]  # GDELT's counts: mentions with repeats, articles, outlets
    assert (gdelt_row["NumMentions"], gdelt_row["NumArticles"], gdelt_row["NumSources"]) == daily[0][1:]
    rel = [r for r in queries.relations(con, "RUS", "USA") if r["direction"] == "AB"]
    assert [(r["period"], r["events"], r["mentions"], r["articles"]) for r in rel] == [(DAY, 3, 4, 3)]
    # The undated article's event has no day anywhere.
    assert con.execute("SELECT count(*) FROM daily_events WHERE day IS NULL").fetchone()[0] == 0


def test_a_stated_day_that_is_no_date_falls_back_to_publication_everywhere(tmp_path: Path) -> None:
    from warta.store import queries

    text = "Rusia mengecam Amerika Serikat pada 30 Februari."
    a = article("odd-1", text, None, DAY, "https://Berita.example/odd")
    e = accuse(text, "Rusia", "RUSGOV", "Amerika Serikat")
    e.date, e.date_granularity = "2024-02-30", "day"  # resolved to a day that does not exist
    path = tmp_path / "odd.duckdb"
    c = open_store(path)
    with transaction(c):
        insert_articles(c, [a], run_id=None)
        write_analyses(c, [analysis(a, [e])])
    try:
        assert c.execute("SELECT day, num_sources FROM daily_events").fetchall() == [(DAY, 1)]
        assert [r["day"] for r in queries.list_events(c, queries.EventFilter())[1]] == [DAY]
        assert [r["period"] for r in queries.relations(c, "RUS", "USA")] == [DAY]
        row = by_name(next(export.gdelt_events(c)))
        assert (row["SQLDATE"], row["NumSources"]) == (20240206, 1)
        assert next(export.plover_events(c))["date"] == DAY.isoformat()
        # No outlet name: the URL's host is the source, as GDELT's MentionSourceName.
        assert dict(zip(gdelt.MENTION_COLUMNS, next(export.gdelt_mentions(c))))["MentionSourceName"] == "berita.example"
    finally:
        c.close()
