"""The digest of a day as the API and the front page serve it: exactly the ``Digest`` that ``warta
digest`` (or ``warta ingest``) built and stored, read back by ``warta.stories.store.load_digest``, so
issue 6's renderer (``warta.stories.render``) writes the same text, Markdown, HTML and JSON. Nothing
is clustered, summarised or written here: the web layer only reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from warta.api.views import article_path
from warta.stories.digest import Digest
from warta.stories.store import (StoryDay, latest_digest_day, load_digest, neighbour_digest_days,
                                 story_day)
from warta.store import queries
from warta.store.queries import Cursor


@dataclass(slots=True)
class StoredDigest:
    digest: Digest
    info: StoryDay  # when the day was built and whether newer articles have arrived since
    articles: dict[str, list[dict[str, Any]]]  # story id -> its articles (id, title, source, published, url)
    before: date | None  # nearest earlier day with world stories
    after: date | None


@dataclass(slots=True)
class NotBuilt:
    """A day without stored stories: why, and what to run."""

    day: date | None  # None: the database has no stories at all
    articles: int  # articles published that day
    before: date | None
    after: date | None

    @property
    def message(self) -> str:
        if self.day is None:
            return "the database has no stories yet: build them with `warta digest --date YYYY-MM-DD` " \
                   "(or ingest with `warta ingest`, which builds the days it touches)"
        if self.articles == 0:
            return f"no articles were published on {self.day.isoformat()}, so it has no digest"
        return (f"the stories of {self.day.isoformat()} have not been built ({self.articles} articles were "
                f"published that day): build them with `warta digest --date {self.day.isoformat()}`")


def stored_digest(cur: Cursor, day: date | None, top: int) -> StoredDigest | NotBuilt:
    """The stored digest of ``day`` (default: the latest built day with world stories), or why
    there is none."""
    day = day or latest_digest_day(cur)
    if day is None:
        return NotBuilt(None, 0, None, None)
    info = story_day(cur, day)
    before, after = neighbour_digest_days(cur, day)
    if info is None:
        return NotBuilt(day, queries.articles_published(cur, day), before, after)
    digest = load_digest(cur, day, top, info)
    assert digest is not None  # the day was built
    arts = queries.story_articles(cur, [s.id for s in digest.stories])
    return StoredDigest(digest, info, arts, before, after)


def digest_dict(sd: StoredDigest) -> dict[str, Any]:
    """Issue 6's JSON digest (``warta digest --format json``) plus, per story, its articles and the
    path of the best one's page, the neighbouring editions, and when the stories were built."""
    d = sd.digest.to_dict()
    for item, story in zip(d["stories"], sd.digest.stories, strict=True):
        item["articles"] = [{**a, "published": a["published"].isoformat() if a["published"] else None}
                            for a in sd.articles.get(story.id, [])]
        item["article_path"] = article_path(story.best_article_id) if story.best_article_id else None
    d["previous_date"] = sd.before.isoformat() if sd.before else None
    d["next_date"] = sd.after.isoformat() if sd.after else None
    d["built_at"] = sd.info.built_at.isoformat() + "Z" if sd.info.built_at else None
    d["stale"] = sd.info.stale
    return d
