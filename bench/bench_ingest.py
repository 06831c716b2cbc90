"""Ingest throughput and peak memory on ../shared/corpus/kompas-2025.jsonl (1,943 Kompas.com articles).

Scenarios, each in a fresh process so its peak RSS is its own:

- prepare: read + normalise + language id only (what ``warta analyze`` does before analysing);
- store:   ``warta ingest --no-analyze`` into a new DuckDB (exact + near dedup, one transaction per
           500 records), then the same input again (every record already stored);
- stream:  a 10,000-article stream built from the same corpus (each article three random
           articles' paragraphs), to show memory stays flat as the corpus grows;
- warc:    500 of the articles as HTML pages (navigation, sidebar, footer) in a WARC.gz: the
           trafilatura path.

Analysis speed is measured by the analysis benchmarks, not here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, in_subprocess, peak_rss_mb, shared_file  # noqa: E402

TITLE = "ingest throughput and peak RSS (kompas-2025.jsonl)"
STREAM_SIZE = 10_000


def scenario_prepare(corpus: Path) -> dict:
    from warta.ingest import read_articles
    from warta.ingest.langid import detector

    detector()
    started, cpu = time.perf_counter(), time.process_time()
    n = sum(1 for _ in read_articles([corpus]))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"records": n, "seconds": seconds, "cpu": cpu, "peak_rss_mb": peak_rss_mb()}


def scenario_store(corpus: Path) -> dict:
    from warta.ingest.pipeline import store_inputs
    from warta.store import open_store

    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        con = open_store(db)
        started, cpu = time.perf_counter(), time.process_time()
        _, ledger, _ = store_inputs(con, [corpus])
        first, cpu = time.perf_counter() - started, time.process_time() - cpu
        started = time.perf_counter()
        _, again, _ = store_inputs(con, [corpus])
        second = time.perf_counter() - started
        con.close()
        size = db.stat().st_size / 2**20
    return {"records": ledger.read, "stored": ledger.stored, "duplicates": ledger.duplicates,
            "quarantined": ledger.quarantined, "seconds": first, "cpu": cpu, "again_seconds": second,
            "again_already": again.already_stored, "db_mb": size, "peak_rss_mb": peak_rss_mb()}


def make_stream(corpus: Path, out_path: Path, size: int = STREAM_SIZE) -> None:
    """``size`` distinct articles, each made of three random corpus articles' paragraphs (so no two
    are near-duplicates), written as JSON Lines."""
    articles = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    paragraphs = [[p for p in a["text"].split("\n\n") if p.strip()] for a in articles]
    rng = random.Random(2025)
    with out_path.open("w", encoding="utf-8") as out:
        for i in range(size):
            parts: list[str] = []
            for source in rng.sample(paragraphs, 3):
                parts.extend(rng.sample(source, max(1, len(source) // 2)))
            out.write(json.dumps({"id": f"s{i}", "text": "\n\n".join(parts), "date": "2025-06-01",
                                  "source": "bench"}, ensure_ascii=False) + "\n")


def scenario_stream(stream: Path) -> dict:
    from warta.ingest.pipeline import store_inputs
    from warta.store import open_store

    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        con = open_store(db)
        started, cpu = time.perf_counter(), time.process_time()
        _, ledger, _ = store_inputs(con, [stream])
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        con.close()
        size = db.stat().st_size / 2**20
    return {"records": ledger.read, "stored": ledger.stored, "duplicates": ledger.duplicates,
            "seconds": seconds, "cpu": cpu, "db_mb": size, "peak_rss_mb": peak_rss_mb()}


PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} - Kompas.com</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="Kompas.com">
<meta property="article:published_time" content="{date}T08:00:00+07:00"></head><body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/news">News</a></li><li><a href="/global">Global</a></li></ul></nav>
<main><article><h1>{title}</h1>{body}</article><aside><h3>Terpopuler</h3><ul>{links}</ul></aside></main>
<footer>Copyright 2025 Kompas.com</footer></body></html>"""


def make_warc(corpus: Path, out_path: Path, size: int = 500) -> None:
    """The first ``size`` corpus articles as HTML pages in one WARC.gz, as a crawler stores them."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with out_path.open("wb") as raw:
        writer = WARCWriter(raw, gzip=True)
        for i, line in enumerate(corpus.open(encoding="utf-8")):
            if i >= size:
                break
            a = json.loads(line)
            body = "".join(f"<p>{p}</p>" for p in a["text"].split("\n\n") if p.strip())
            links = "".join(f'<li><a href="/x/{j}">Berita populer nomor {j}</a></li>' for j in range(8))
            page = PAGE.format(title=a["title"], url=a["url"], date=a["date"], body=body, links=links)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(a["url"], "response", payload=io.BytesIO(page.encode("utf-8")),
                                                          http_headers=headers))


def scenario_warc(warc: Path) -> dict:
    from warta.ingest.pipeline import store_inputs
    from warta.store import open_store

    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        con = open_store(Path(tmp) / "bench.duckdb")
        started, cpu = time.perf_counter(), time.process_time()
        _, ledger, reasons = store_inputs(con, [warc])
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        con.close()
    return {"records": ledger.read, "stored": ledger.stored, "quarantined": ledger.quarantined,
            "seconds": seconds, "cpu": cpu, "peak_rss_mb": peak_rss_mb()}


SCENARIOS = {"prepare": scenario_prepare, "store": scenario_store, "stream": scenario_stream, "warc": scenario_warc}


def run() -> list[Figure]:
    corpus = shared_file("corpus", "kompas-2025.jsonl")
    prep = in_subprocess(Path(__file__), "--scenario", "prepare", str(corpus))
    store = in_subprocess(Path(__file__), "--scenario", "store", str(corpus))
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        stream_file = Path(tmp) / "stream.jsonl"
        make_stream(corpus, stream_file)
        stream = in_subprocess(Path(__file__), "--scenario", "stream", str(stream_file))
        warc_file = Path(tmp) / "pages.warc.gz"
        make_warc(corpus, warc_file)
        warc = in_subprocess(Path(__file__), "--scenario", "warc", str(warc_file))
    return [
        Figure("read + prepare (no store)", prep["records"] / prep["seconds"], "articles/s",
               f"{prep['records']:,} records in {prep['seconds']:.1f} s, {prep['records'] / prep['cpu']:,.0f}/CPU-s; "
               f"peak RSS {prep['peak_rss_mb']:.0f} MB"),
        Figure("ingest --no-analyze", store["records"] / store["seconds"], "articles/s",
               f"{store['records']:,} read, {store['stored']:,} stored, {store['duplicates']:,} duplicates, "
               f"{store['quarantined']:,} quarantined in {store['seconds']:.1f} s, "
               f"{store['records'] / store['cpu']:,.0f}/CPU-s"),
        Figure("ingest peak RSS", round(store["peak_rss_mb"]), "MB", f"database {store['db_mb']:.1f} MB"),
        Figure("re-ingest (all already stored)", store["records"] / store["again_seconds"], "articles/s",
               f"{store['again_already']:,} recognised as already stored"),
        Figure(f"stream of {STREAM_SIZE:,}: ingest", stream["records"] / stream["seconds"], "articles/s",
               f"{stream['stored']:,} stored, {stream['duplicates']:,} duplicates in {stream['seconds']:.1f} s, "
               f"{stream['records'] / stream['cpu']:,.0f}/CPU-s"),
        Figure(f"stream of {STREAM_SIZE:,}: peak RSS", round(stream["peak_rss_mb"]), "MB",
               f"vs {store['peak_rss_mb']:.0f} MB for 1,943; database {stream['db_mb']:.1f} MB"),
        Figure("WARC.gz of HTML pages: ingest", warc["records"] / warc["seconds"], "articles/s",
               f"{warc['records']:,} pages (trafilatura), {warc['stored']:,} stored, {warc['quarantined']:,} "
               f"quarantined in {warc['seconds']:.1f} s, {warc['records'] / warc['cpu']:,.0f}/CPU-s; "
               f"peak RSS {warc['peak_rss_mb']:.0f} MB"),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), required=True)
    parser.add_argument("input", type=Path)
    args = parser.parse_args()
    print(json.dumps(SCENARIOS[args.scenario](args.input)))
