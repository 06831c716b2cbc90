"""The digest of a day as the API and the front page serve it: the stories ``warta digest`` stored,
read back into issue 6's records (``warta.stories.digest.Digest`` of ``Story``) so that its renderer
(``warta.stories.render``) writes the text, Markdown and HTML, and the intro has one wording
everywhere. Nothing is clustered or summarised here: the web layer only reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from warta.api.views import article_path
from warta.model import Story
from warta.store import queries
from warta.store.queries import Cursor


@dataclass(slots=True)
class StoredDigest:
    digest: Any  # warta.stories.digest.Digest
    articles: dict[str, list[dict[str, Any]]]  # story id -> its articles (id, title, source, published, url)
    before: date | None  # nearest earlier day with world stories
    after: date | None


def best_article(story_url: str | None, articles: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """The article the story links to: the one at the story's URL, else the day's first."""
    if not articles:
        return None
    for a in articles:
        if story_url and a.get("url") == story_url:
            return a
    return next((a for a in articles if a.get("published") == day), articles[0])


def stored_digest(cur: Cursor, day: date | None, top: int) -> StoredDigest | None:
    """The digest of ``day`` (default: the latest day with world stories); None when the store has
    no stories at all."""
    from warta.stories.digest import Digest

    day = day or queries.latest_story_day(cur)
    if day is None:
        return None
    rows = queries.top_stories(cur, day, top)
    arts = queries.story_articles(cur, [r["story_id"] for r in rows])
    stories = []
    for r in rows:
        members = arts[r["story_id"]]
        best = best_article(r["url"], members, day)
        stories.append(Story(
            id=r["story_id"], day=r["day"], article_ids=[a["id"] for a in members], headline=r["headline"] or "",
            summary=r["summary"], gist=r["gist"] or "", url=r["url"] or (best or {}).get("url"),
            outlets=list(dict.fromkeys(a["source"] for a in members if a["source"])),
            score=r["score"] or 0.0, is_world=bool(r["is_world"]),
            best_article_id=best["id"] if best else None))
    n = queries.day_counts(cur, day)
    digest = Digest(day=day, top=top, stories=stories, world_stories=n["world_stories"],
                    stories_total=n["stories"], articles=n["articles"])
    before, after = queries.neighbour_story_days(cur, day)
    return StoredDigest(digest, arts, before, after)


def digest_dict(sd: StoredDigest) -> dict[str, Any]:
    """Issue 6's JSON digest plus, per story, its articles and the path of the best one's page."""
    d = sd.digest.to_dict()
    for item, story in zip(d["stories"], sd.digest.stories, strict=True):
        item["articles"] = [{**a, "published": a["published"].isoformat() if a["published"] else None}
                            for a in sd.articles.get(story.id, [])]
        item["article_path"] = article_path(story.best_article_id) if story.best_article_id else None
    d["previous_date"] = sd.before.isoformat() if sd.before else None
    d["next_date"] = sd.after.isoformat() if sd.after else None
    return d
