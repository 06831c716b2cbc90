-- warta store, schema version 5: one definition of an event's day and of an outlet, used by the
-- daily_events view, the API's queries and relations (warta.store.queries) and the exports
-- (warta.store.export), so the daily table, relations, GDELT and PLOVER files agree.
--
-- event_day(date_granularity, event_date, published): the date the article gives the event when it
-- is stated to the day (and is a real date), otherwise the article's publication day — GDELT dates an
-- event by the report; warta by the report unless the report says when it happened. NULL only for an
-- undated article whose event has no day of its own.
CREATE OR REPLACE MACRO event_day(date_granularity, event_date, published) AS
    CASE WHEN date_granularity = 'day' THEN coalesce(try_cast(event_date AS DATE), published)
         ELSE published END;

-- outlet_key(source, url, article_id): who published an article, for counting distinct sources
-- (GDELT's NumSources): the outlet's name in lower case, else the host of its URL, else the
-- article itself (an unknown source counts as one of its own).
CREATE OR REPLACE MACRO outlet_key(source, url, article_id) AS coalesce(
    nullif(lower(trim(source)), ''),
    nullif(lower(regexp_extract(url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)', 1)), ''),
    nullif(trim(url), ''),
    'article:' || article_id);

-- daily_events: one row per day, source country, target country and PLOVER event type, over the
-- asserted events of all stored articles, with GDELT's counts (GDELT 2.0 Event codebook):
--   num_mentions  all mentions of the events in all articles, repeats within one article included
--                 (an article's repeats are one stored event with events.mentions > 1);
--   num_articles  distinct articles (GDELT's "source documents") that mention them;
--   num_sources   distinct outlets (outlet_key) that mention them;
-- and num_events (stored event records), the mean Goldstein value and the QuadClass. Target is NULL
-- for events without a receiver (a missile test); source = target rows are domestic.
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
    count(DISTINCT outlet)            AS num_sources
FROM (
    SELECT
        event_day(e.date_granularity, e.event_date, a.published) AS day,
        e.src_country                      AS source_country,
        e.tgt_country                      AS target_country,
        e.type, e.quad_class, e.goldstein,
        coalesce(e.mentions, 1)            AS mentions,
        e.article_id,
        outlet_key(a.source, a.url, a.id)  AS outlet
    FROM events e
    JOIN articles a ON a.id = e.article_id
    WHERE e.modality = 'asserted' AND e.src_country IS NOT NULL
) AS asserted
WHERE day IS NOT NULL
GROUP BY day, source_country, target_country, type;
