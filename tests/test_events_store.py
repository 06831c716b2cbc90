"""The daily event view (migration 002): GDELT-style counts per day, country pair and type."""

from __future__ import annotations

from warta.store.db import open_store


def test_daily_events_view(tmp_path):
    con = open_store(tmp_path / "w.duckdb")
    con.executemany(
        "INSERT INTO articles (id, source, published, text, content_hash) VALUES (?, ?, ?, ?, ?)",
        [("a1", "Kompas.com", "2023-05-25", "x", "h1"), ("a2", "tempo.co", "2023-05-25", "y", "h2"),
         ("a3", "tempo.co", "2023-05-26", "z", "h3")])
    rows = [
        # article, type, src, tgt, modality, date, granularity, goldstein, mentions
        ("a1", "AGREE", "RUS", "CHN", "asserted", "2023-05-24", "day", 8.0, 2),
        ("a2", "AGREE", "RUS", "CHN", "asserted", "2023-05-24", "day", 8.0, 1),
        ("a3", "AGREE", "RUS", "CHN", "asserted", "2023-05", "month", 8.0, 1),  # month only: publication day
        ("a1", "ASSAULT", "RUS", "UKR", "asserted", None, None, -10.0, 3),
        ("a1", "CONSULT", "RUS", "CHN", "future", "2023-06-01", "day", 1.0, 1),  # not asserted: left out
    ]
    con.executemany(
        "INSERT INTO events (article_id, idx, type, quad_class, src_country, tgt_country, modality, "
        "event_date, date_granularity, goldstein, mentions) VALUES (?, 0, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
        [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows])
    got = {(str(d), s, t, ty): (n_ev, n_m, n_a, n_s) for d, s, t, ty, n_ev, n_m, n_a, n_s in con.execute(
        "SELECT day, source_country, target_country, type, num_events, num_mentions, num_articles, "
        "num_sources FROM daily_events").fetchall()}
    assert got == {
        ("2023-05-24", "RUS", "CHN", "AGREE"): (2, 3, 2, 2),
        ("2023-05-26", "RUS", "CHN", "AGREE"): (1, 1, 1, 1),
        ("2023-05-25", "RUS", "UKR", "ASSAULT"): (1, 3, 1, 1),
    }
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] >= 2
    con.close()
