-- warta store, schema version 1. One DuckDB file; SQL is the query interface.
-- Migrations are applied in file order by warta.store.db; each runs in one transaction and
-- records its number in schema_version.

CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id       INTEGER PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    inputs       VARCHAR,            -- JSON list of the paths given
    n_read       INTEGER DEFAULT 0,
    n_stored     INTEGER DEFAULT 0,
    n_duplicates INTEGER DEFAULT 0,
    n_quarantined INTEGER DEFAULT 0,
    n_already_stored INTEGER DEFAULT 0, -- of n_duplicates: records an earlier run stored from the same place
    n_analysed   INTEGER DEFAULT 0,
    options      VARCHAR,            -- JSON: near_threshold, batch_size, limits
    status       VARCHAR             -- running | done | interrupted | failed
);

-- Stored articles: the normalised text every offset points into.
CREATE TABLE IF NOT EXISTS articles (
    id            VARCHAR PRIMARY KEY,
    url           VARCHAR,
    source        VARCHAR,           -- outlet
    title         VARCHAR,
    published     DATE,
    text          VARCHAR NOT NULL,
    language      VARCHAR,
    content_hash  VARCHAR NOT NULL,
    input_path    VARCHAR,
    record_index  INTEGER,
    member        VARCHAR,
    extra         VARCHAR,           -- JSON: read-more lines, description, author, dateline …
    run_id        INTEGER,
    ingested_at   TIMESTAMP
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);

-- Records that repeat a stored article (exact: same normalised text; near: MinHash LSH).
CREATE TABLE IF NOT EXISTS duplicates (
    id            VARCHAR,           -- the duplicate's own id (as read)
    duplicate_of  VARCHAR NOT NULL,  -- id of the stored article
    kind          VARCHAR NOT NULL,  -- exact | near
    similarity    DOUBLE,
    url           VARCHAR,
    source        VARCHAR,
    title         VARCHAR,
    published     DATE,
    input_path    VARCHAR,
    record_index  INTEGER,
    member        VARCHAR,
    run_id        INTEGER
);

-- MinHash signatures of stored articles, so near-duplicate detection spans runs.
CREATE TABLE IF NOT EXISTS minhashes (
    article_id    VARCHAR PRIMARY KEY,
    signature     BLOB NOT NULL      -- 128 little-endian uint32 (warta.ingest.dedup)
);
-- Their LSH band keys: two articles sharing a (band, key) are near-duplicate candidates.
CREATE TABLE IF NOT EXISTS minhash_bands (
    band          SMALLINT NOT NULL,
    key           BIGINT NOT NULL,
    article_id    VARCHAR NOT NULL
);

-- Records that could not be read or are invalid, with the reason and where they were.
CREATE TABLE IF NOT EXISTS quarantine (
    input_path    VARCHAR NOT NULL,
    record_index  INTEGER,
    member        VARCHAR,
    reason        VARCHAR NOT NULL,
    detail        VARCHAR,
    run_id        INTEGER
);

-- Analysis results. Every row carries its evidence: sentence index, character offsets into
-- articles.text, and the rule or model that produced it.
CREATE TABLE IF NOT EXISTS analyses (
    article_id    VARCHAR PRIMARY KEY,
    analysed_at   TIMESTAMP,
    warta_version VARCHAR,
    skipped       VARCHAR,
    n_sentences   INTEGER,
    sentences     VARCHAR            -- JSON [[start, end, paragraph], …]
);

CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR, idx INTEGER,
    text VARCHAR, label VARCHAR, start_char INTEGER, end_char INTEGER, sentence INTEGER,
    name VARCHAR, code VARCHAR, country VARCHAR, kind VARCHAR, role VARCHAR, rule VARCHAR
);

CREATE TABLE IF NOT EXISTS dates (
    article_id VARCHAR, idx INTEGER,
    text VARCHAR, start_char INTEGER, end_char INTEGER, sentence INTEGER,
    value VARCHAR, granularity VARCHAR, rule VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, idx INTEGER,
    type VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    src_text VARCHAR, src_name VARCHAR, src_code VARCHAR, src_country VARCHAR, src_start INTEGER, src_end INTEGER,
    tgt_text VARCHAR, tgt_name VARCHAR, tgt_code VARCHAR, tgt_country VARCHAR, tgt_start INTEGER, tgt_end INTEGER,
    modality VARCHAR, event_date VARCHAR, date_granularity VARCHAR, location VARCHAR,
    sentence INTEGER, start_char INTEGER, end_char INTEGER, trigger VARCHAR, rule VARCHAR, mentions INTEGER
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);

CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, idx INTEGER,
    text VARCHAR, start_char INTEGER, end_char INTEGER, direct BOOLEAN, cue VARCHAR,
    speaker_text VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR, speaker_country VARCHAR,
    sentence INTEGER, rule VARCHAR
);

-- Stories: articles that report the same happening, across outlets and adjacent days.
CREATE TABLE IF NOT EXISTS stories (
    story_id   VARCHAR PRIMARY KEY,
    day        DATE,
    headline   VARCHAR,
    summary    VARCHAR,              -- JSON list of paragraphs
    gist       VARCHAR,
    url        VARCHAR,
    score      DOUBLE,
    is_world   BOOLEAN,
    built_at   TIMESTAMP
);
CREATE TABLE IF NOT EXISTS story_articles (
    story_id   VARCHAR,
    article_id VARCHAR
);
