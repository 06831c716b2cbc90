-- warta store, schema version 3: a day's stories keep everything its digest shows, so `warta serve`
-- reads back exactly what `warta digest` (or `warta ingest`) built, without clustering again.
--
-- stories: one column per field of warta.model.Story (lists and objects as JSON), nothing twice:
--   rank             place in the day's digest (1 = first story); NULL for stories the digest never
--                    shows (not world news, or a twin of a better-ranked story)
--   best_article_id  the article the summary, headline link and quote come from
--   outlets          JSON list of the outlets that report the story, in the order the digest lists them
--   countries        JSON list of foreign country keys, most prominent first
--   score_parts      JSON object: what the ranking score is made of
--   quote            JSON of the one direct quote the summary keeps (warta.model.Quote) plus its
--                    "article_id", or NULL
--   reasons          JSON list: why the story is (not) world news, novelty notes
-- story_articles.position: the article's place in Story.article_ids.
ALTER TABLE stories ADD COLUMN rank INTEGER;
ALTER TABLE stories ADD COLUMN best_article_id VARCHAR;
ALTER TABLE stories ADD COLUMN outlets VARCHAR;
ALTER TABLE stories ADD COLUMN countries VARCHAR;
ALTER TABLE stories ADD COLUMN score_parts VARCHAR;
ALTER TABLE stories ADD COLUMN quote VARCHAR;
ALTER TABLE stories ADD COLUMN reasons VARCHAR;
ALTER TABLE story_articles ADD COLUMN position INTEGER;

-- story_days: the days whose stories were built, with the digest's counts. A day missing here was never
-- built (`warta digest --date DAY` builds it); one here with no world story had no world news.
CREATE TABLE IF NOT EXISTS story_days (
    day            DATE PRIMARY KEY,
    articles       INTEGER,          -- articles published that day the digest read
    stories        INTEGER,          -- stories of the day
    world_stories  INTEGER,          -- of them world news ("Dunia"), twins included
    built_at       TIMESTAMP         -- UTC
);
