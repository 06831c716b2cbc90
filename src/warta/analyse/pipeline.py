"""Article -> Analysis. Pure: depends on nothing but the article and the loaded language data,
so it runs the same in one process, a process pool or on a Dask cluster.

Each stage is ``stage(doc) -> None`` and fills one field of the ``Doc``; later stages read what
earlier ones set. The order is the data flow of docs/architecture.md.
"""

from __future__ import annotations

from warta.analyse import dates, events, mentions, quotes, segment
from warta.model import Analysis, Article, Doc

#: Languages the analyser reads. Others are stored with their language and skipped.
ANALYSED_LANGUAGES = frozenset({"id"})
#: Longer texts are stored but not analysed (skipped "too-long"): news articles run to tens of
#: thousands of characters; a text 10× the longest is a dump, and some stages grow faster than
#: linearly with length, so one such record would hold up a whole ingest (issue 9).
MAX_ANALYSED_CHARS = 200_000

STAGES = (
    segment.segment,        # paragraphs, sentences, tokens
    dates.find_dates,       # date expressions resolved against the publication date
    mentions.find_mentions,  # gazetteer + CRF NER, resolved to actors, in-document coreference
    quotes.find_quotes,     # direct and indirect quotes with speakers
    events.code_events,     # PLOVER / CAMEO events with modality, date and evidence
)


def analyse(article: Article) -> Analysis:
    out = Analysis(
        id=article.id, title=article.title,
        date=article.published.isoformat() if article.published else None,
        language=article.language, url=article.url, source=article.source, text=article.text,
    )
    if article.language is not None and article.language not in ANALYSED_LANGUAGES:
        out.skipped = f"language:{article.language}"
        return out
    if len(article.text) > MAX_ANALYSED_CHARS:
        out.skipped = "too-long"
        return out
    doc = Doc(article=article, text=article.text)
    for stage in STAGES:
        stage(doc)
    out.sentences = doc.sentences
    out.entities = doc.mentions
    out.dates = doc.dates
    out.events = doc.events
    out.quotes = doc.quotes
    return out
