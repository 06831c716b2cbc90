-- warta store, schema version 2: events per day and country pair, GDELT-style.
--
-- daily_events: one row per day, source country, target country and PLOVER event type, over the
-- asserted events of all stored articles. Like GDELT's event table it counts
--   num_mentions  how many times articles report it (events.mentions: repeats within an article
--                 are collapsed into one event with a mention count),
--   num_articles  how many distinct articles report it,
--   num_sources   how many distinct outlets (articles.source) report it,
-- and gives the mean Goldstein value and the QuadClass. The day is the event's own date when the
-- article states it to the day, else the article's publication day. Target is NULL for events
-- without a receiver (a missile test); source = target rows are domestic.
CREATE OR REPLACE VIEW daily_events AS
SELECT
    day,
    source_country,
    target_country,
    type,
    any_value(quad_class)             AS quad_class,
    avg(goldstein)                    AS goldstein,
    count(*)                          AS num_events,
    sum(mentions)                     AS num_mentions,
    count(DISTINCT article_id)        AS num_articles,
    count(DISTINCT source)            AS num_sources
FROM (
    SELECT
        CASE WHEN e.date_granularity = 'day' THEN TRY_CAST(e.event_date AS DATE)
             ELSE a.published END          AS day,
        e.src_country                      AS source_country,
        e.tgt_country                      AS target_country,
        e.type, e.quad_class, e.goldstein,
        coalesce(e.mentions, 1)            AS mentions,
        e.article_id, a.source
    FROM events e
    JOIN articles a ON a.id = e.article_id
    WHERE e.modality = 'asserted' AND e.src_country IS NOT NULL
) AS asserted
WHERE day IS NOT NULL
GROUP BY day, source_country, target_country, type;
