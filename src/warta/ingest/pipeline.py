"""The ingest: read -> prepare -> dedup -> store, one transaction per batch; then analyse.

Ledger (per run, in ``ingest_runs``, updated in the same transaction as each batch so it always
matches what is stored): every record read is exactly one of

- stored: a new article;
- duplicate: its text is a stored article's (exact: same normalised text) or nearly
  (near: MinHash similarity at or above the threshold). ``already_stored`` counts, among them,
  the records an earlier run stored from the very same place (input path, record index, member):
  re-ingesting an input counts every record as such a duplicate and stores nothing;
- quarantined: unreadable or invalid, with the reason.

A duplicate is recorded in ``duplicates`` with the id it repeats (once per source location: a
re-read adds no row). A record whose given ``id`` is taken by a different text is quarantined
("id-conflict"); one whose *derived* id (from its URL) is taken by a different text — a page that
changed between crawls — is stored under a variant id.

Crash safety: a run killed mid-way keeps its committed batches; rerunning the same command
recognises them (already stored) and completes the rest, so the store ends as a clean run's.

After storing, articles that have no analysis yet (this run's, and any an interrupted run left)
are analysed in batches, each committed with its analyses (``analyse_pending``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterable, Iterator, Sequence

import duckdb
import numpy as np

from warta.ingest import dedup
from warta.ingest.ids import variant_id
from warta.ingest.options import IngestOptions
from warta.ingest.prepare import prepare
from warta.ingest.sources import Progress, expand_paths, path_text, read_inputs
from warta.model import Analysis, Article, Duplicate, Ledger, Quarantined
from warta.store import records
from warta.store.analyses import write_analyses
from warta.store.db import transaction

#: Called after each committed batch with the run's ledger so far and the input position.
BatchCallback = Callable[[Ledger, Progress], None]
#: Called after each analysed batch with (done, total).
AnalysisCallback = Callable[[int, int], None]
#: How a batch of articles is analysed: ``map``, or a process pool's ``imap`` (issue 7).
MapFunction = Callable[[Callable[[Article], Analysis], Iterable[Article]], Iterable[Analysis]]


@dataclass
class IngestReport:
    run_id: int
    ledger: Ledger
    analysed: int = 0
    analysis_errors: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)


def _add(total: Ledger, delta: Ledger) -> None:
    total.read += delta.read
    total.stored += delta.stored
    total.duplicates += delta.duplicates
    total.quarantined += delta.quarantined
    total.already_stored += delta.already_stored


def _place(a: Article) -> tuple[str | None, int | None, str | None]:
    p = a.provenance
    return (p.path, p.index, p.member) if p else (None, None, None)


class BatchDeduplicator:
    """Decides, record by record, stored / duplicate / quarantined against the store and the batch.

    Holds nothing across batches: the store answers for everything committed (content hashes,
    ids, LSH band keys), so memory does not grow with the store."""

    def __init__(self, con: duckdb.DuckDBPyConnection, threshold: float) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("near-duplicate threshold must be in (0, 1]")
        self.con = con
        self.threshold = threshold

    def decide(self, raws: Sequence[Article | Quarantined],
               prepared: Sequence[tuple[Article | Quarantined, np.ndarray | None]]):
        """``prepared``: (prepared record, its MinHash signature or None) per raw record."""
        articles = [p for p, _ in prepared if isinstance(p, Article)]
        by_hash = records.stored_by_hash(self.con, sorted({a.content_hash for a in articles}))
        by_id = records.stored_ids(self.con, sorted({a.id for a in articles}))
        # LSH candidates from the store, for the whole batch at once.
        sigs: dict[int, np.ndarray] = {}
        keys: dict[int, list[int]] = {}
        for row, (item, sig) in enumerate(prepared):
            if sig is not None and isinstance(item, Article) and item.content_hash not in by_hash:
                sigs[row], keys[row] = sig, dedup.band_keys(sig)
        stored_candidates = records.near_candidates(
            self.con, [(row, band, key) for row, ks in keys.items() for band, key in enumerate(ks)])
        wanted = sorted(set().union(*stored_candidates.values())) if stored_candidates else []
        candidate_shingles = {k: set(dedup.shingle_hashes(text)) for k, text in records.texts_of(self.con, wanted).items()}
        batch_bands: dict[tuple[int, int], list[str]] = {}  # (band, key) -> ids stored in this batch
        batch_shingles: dict[str, set[int]] = {}
        batch_texts: dict[str, str] = {}

        delta = Ledger(read=len(prepared))
        store: list[Article] = []
        duplicates: list[Duplicate] = []
        quarantined: list[Quarantined] = []
        signatures: list[tuple[str, bytes, list[int]]] = []
        for row, (raw, (item, _)) in enumerate(zip(raws, prepared, strict=True)):
            if isinstance(item, Quarantined):
                quarantined.append(item)
                delta.quarantined += 1
                continue
            a = item
            hit = by_hash.get(a.content_hash)
            if hit is not None:
                delta.duplicates += 1
                if (hit[1], hit[2], hit[3]) == _place(a):
                    delta.already_stored += 1
                else:
                    duplicates.append(Duplicate(a, hit[0], "exact", 1.0))
                continue
            sig = sigs.get(row)
            own: set[int] | None = None
            if sig is not None:
                pool = {cid: candidate_shingles[cid] for cid in stored_candidates.get(row, ()) if cid in candidate_shingles}
                for band, key in enumerate(keys[row]):
                    for cid in batch_bands.get((band, key), ()):
                        if cid not in batch_shingles:  # computed only when a candidate needs it
                            batch_shingles[cid] = set(dedup.shingle_hashes(batch_texts[cid]))
                        pool[cid] = batch_shingles[cid]
                if pool:
                    own = set(dedup.shingle_hashes(a.text))
                    near = dedup.best_match(own, pool, self.threshold)
                    if near is not None:
                        delta.duplicates += 1
                        duplicates.append(Duplicate(a, near[0], "near", round(near[1], 4)))
                        continue
            if a.id in by_id:
                if isinstance(raw, Article) and not raw.id:  # derived from the URL: a changed page
                    a.id = variant_id(a.id, a.content_hash)
                else:
                    p = a.provenance
                    quarantined.append(Quarantined(p.path if p else "?", p.index if p else 0, "id-conflict",
                                                   f"id {a.id!r} is already used by a different text", p.member if p else None))
                    delta.quarantined += 1
                    continue
            store.append(a)
            delta.stored += 1
            by_hash[a.content_hash] = (a.id, *_place(a))
            by_id[a.id] = a.content_hash
            if sig is not None:
                batch_texts[a.id] = a.text
                if own is not None:
                    batch_shingles[a.id] = own
                for band, key in enumerate(keys[row]):
                    batch_bands.setdefault((band, key), []).append(a.id)
                signatures.append((a.id, dedup.to_bytes(sig), keys[row]))
        return delta, store, duplicates, quarantined, signatures


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def prepare_record(item: Article | Quarantined, options: IngestOptions = IngestOptions()
                   ) -> tuple[Article | Quarantined, np.ndarray | None]:
    """The pure, per-record part of the ingest (a pool can run it): the prepared record and its
    MinHash signature (None for quarantined or too-short texts)."""
    if not isinstance(item, Article):
        return item, None
    try:
        prepared = prepare(item, options.read)
        return prepared, dedup.signature(prepared.text) if isinstance(prepared, Article) else None
    except Exception as e:  # noqa: BLE001 - one record that breaks a library must not end the run
        p = item.provenance
        return Quarantined(p.path if p else "?", p.index if p else 0, "prepare-error",
                           f"{type(e).__name__}: {e}"[:300], p.member if p else None), None


def store_inputs(con: duckdb.DuckDBPyConnection, paths: Sequence[str | os.PathLike[str]],
                 options: IngestOptions = IngestOptions(), on_batch: BatchCallback | None = None,
                 run_id: int | None = None, map_fn: Callable = map) -> tuple[int, Ledger, dict[str, int]]:
    """Read, deduplicate and store ``paths``; returns (run id, ledger, quarantine reasons).

    ``map_fn`` maps the pure per-record preparation over a batch (a process pool's ``map`` spreads
    it over cores; dedup and writes stay in this process, in input order)."""
    files = expand_paths(paths)  # raises InputError on a missing path, before anything is written
    inputs = [path_text(os.path.abspath(p)) for p in paths]
    progress = Progress()
    items = read_inputs(files, options.read, progress)
    if run_id is None:
        run_id = records.start_run(con, inputs, {"near_threshold": options.near_threshold,
                                                  "batch_size": options.batch_size,
                                                  "max_text_bytes": options.read.max_text_bytes})
    ledger = Ledger()
    reasons: dict[str, int] = {}
    deduper = BatchDeduplicator(con, options.near_threshold)
    status = "failed"
    try:
        for raws in _batches(items, options.batch_size):
            prepared = list(map_fn(partial(prepare_record, options=options), raws))
            delta, store, duplicates, quarantined, signatures = deduper.decide(raws, prepared)
            with transaction(con):
                records.insert_articles(con, store, run_id)
                records.insert_signatures(con, signatures)
                records.insert_duplicates(con, duplicates, run_id)
                records.insert_quarantined(con, quarantined, run_id)
                records.add_to_run(con, run_id, delta)
            _add(ledger, delta)
            for q in quarantined:
                reasons[q.reason] = reasons.get(q.reason, 0) + 1
            if on_batch:
                on_batch(ledger, progress)
        status = "stored"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        records.finish_run(con, run_id, status)
    return run_id, ledger, reasons


def safe_analyse(article: Article) -> Analysis:
    """The analyser, never raising: a failure becomes ``skipped = "error: …"`` on the article."""
    from warta.analyse import analyse

    try:
        return analyse(article)
    except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
        return Analysis(id=article.id, title=article.title,
                        date=article.published.isoformat() if article.published else None,
                        language=article.language, url=article.url, source=article.source,
                        skipped=f"error: {type(e).__name__}: {e}"[:500])


PENDING = "NOT EXISTS (SELECT 1 FROM analyses x WHERE x.article_id = a.id)"


def analyse_stored(con: duckdb.DuckDBPyConnection, *, only_pending: bool = True, batch_size: int = 200,
                   on_batch: AnalysisCallback | None = None, map_fn: MapFunction = map) -> tuple[int, int]:
    """Analyse stored articles (those without an analysis, or all) and write the results,
    one transaction per batch. Returns (analysed, errors)."""
    where = PENDING if only_pending else ""
    total = con.execute(f"SELECT count(*) FROM articles a {'WHERE ' + where if where else ''}").fetchone()[0]
    done = errors = 0
    if on_batch:
        on_batch(0, total)
    # One stream across batches, so a pool's workers never wait for a batch to be written
    # (``map_fn`` is ``warta.run.Runner.map``: lazy, bounded, in order).
    articles = (a for batch in records.iter_articles(con, where, batch_size=batch_size) for a in batch)
    for analyses in _batches(map_fn(safe_analyse, articles), batch_size):
        errors += sum(1 for a in analyses if a.skipped and a.skipped.startswith("error:"))
        with transaction(con):
            write_analyses(con, analyses)
        done += len(analyses)
        if on_batch:
            on_batch(done, total)
    return done, errors


def ingest(con: duckdb.DuckDBPyConnection, paths: Sequence[str | os.PathLike[str]],
           options: IngestOptions = IngestOptions(), *, analyse: bool = True,
           on_batch: BatchCallback | None = None, on_analysed: AnalysisCallback | None = None,
           map_fn: MapFunction = map) -> IngestReport:
    """``warta ingest``: store the inputs, then analyse what has no analysis yet. ``map_fn`` (e.g. a
    process pool's ordered ``map``) runs both pure per-record steps: preparation and analysis."""
    run_id, ledger, reasons = store_inputs(con, paths, options, on_batch, map_fn=map_fn)
    report = IngestReport(run_id, ledger, quarantine_reasons=reasons)
    status = "stored"  # what stays true if the analysis fails: the next ingest or reanalyze resumes it
    try:
        if analyse:
            report.analysed, report.analysis_errors = analyse_stored(con, on_batch=on_analysed, map_fn=map_fn)
            con.execute("UPDATE ingest_runs SET n_analysed = ? WHERE run_id = ?", [report.analysed, run_id])
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        records.finish_run(con, run_id, status)
    return report
