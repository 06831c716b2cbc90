"""People the actor dictionary lacks: frequent person names with a role word nearby.

``warta actors unknown`` prints them with counts, the role seen and one example sentence, so that
whoever keeps the dictionary current sees who is new in the news ("Perdana Menteri Thailand Anutin
Charnvirakul" appearing in twenty articles is a missing entry).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warta.errors import InputError
from warta.model import Article, Doc

#: A role word at most this many characters before the name counts as "nearby" ("Gubernur Riau,
#: Abdul Wahid"), when only names, acronyms, brackets, commas and these joining words lie between.
ROLE_WINDOW = 60
_JOINERS = frozenset({"dan", "untuk", "di", "luar", "negeri", "dalam"})


@dataclass
class UnknownPerson:
    name: str
    count: int = 0  # mentions with a role nearby
    articles: set[str] = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)  # "Perdana Menteri (THA)" -> n
    example: str = ""
    example_article: str = ""

    @property
    def role(self) -> str:
        return self.roles.most_common(1)[0][0] if self.roles else ""


def read_articles(paths: Iterable[Path]) -> Iterator[Article]:
    """Articles from JSONL (``id, title, text, date`` — also ``content``/``body``, ``.gz``), plain text
    files and directories of them. Unreadable lines raise :class:`InputError` with the place."""
    from warta.ingest.published import parse_published

    for path in paths:
        if not path.exists():
            raise InputError(f"{path} not found")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            name = f.name[:-3] if f.name.endswith(".gz") else f.name
            opener = gzip.open if f.name.endswith(".gz") else open
            if name.endswith((".jsonl", ".json", ".ndjson")):
                with opener(f, "rt", encoding="utf-8") as fh:
                    for lineno, line in enumerate(fh, 1):
                        if not line.strip():
                            continue
                        try:
                            obj = json.loads(line)
                        except json.JSONDecodeError as e:
                            raise InputError(f"{f}:{lineno}: not JSON ({e.msg})") from None
                        text = obj.get("text") or obj.get("content") or obj.get("body") or ""
                        if not isinstance(text, str) or not text.strip():
                            continue
                        yield Article(id=str(obj.get("id") or f"{f.name}:{lineno}"), text=text,
                                      title=obj.get("title"),
                                      published=parse_published(obj.get("date") or obj.get("published")))
            elif name.endswith(".txt"):
                with opener(f, "rt", encoding="utf-8") as fh:
                    yield Article(id=f.name, text=fh.read())


def unknown_people(articles: Iterable[Article]) -> list[UnknownPerson]:
    """Person mentions that did not resolve to a dictionary entry and have a role word nearby,
    grouped by the fullest name the article gives them."""
    from warta.analyse import segment
    from warta.analyse.mentions import dictionary, find_mentions

    d = dictionary()
    found: dict[str, UnknownPerson] = {}
    for art in articles:
        doc = Doc(article=art, text=art.text)
        segment.segment(doc)
        find_mentions(doc)
        roles = d.find_roles(doc.text) if d is not None else []
        for m in doc.mentions:
            a = m.actor
            if m.label != "PER" or a is None or a.kind != "person" or a.id is not None or not a.name:
                continue
            if len(a.name.split()) < 2 and not m.rule.startswith("role:"):
                continue  # a lone word without a role phrase is too often not a name
            role = _role_near(doc.text, m, roles)
            if role is None:
                continue
            p = found.setdefault(a.name, UnknownPerson(a.name))
            p.count += 1
            p.articles.add(art.id)
            p.roles[role + (f" ({a.country})" if a.country else "")] += 1
            if not p.example:
                p.example = _sentence_text(doc, m)
                p.example_article = art.id
    return sorted(found.values(), key=lambda p: (-p.count, p.name))


def _role_near(text: str, m, roles) -> str | None:
    from warta.analyse.mentions import collective_roles

    if m.actor.role:
        return m.actor.role
    collective = collective_roles()
    for r in roles:
        if text[r.start:r.end].lower() in collective:
            continue
        if m.start - ROLE_WINDOW <= r.end <= m.start:
            words = re.findall(r"[^\W\d_][\w'’-]*", text[r.end:m.start])
            if not re.search(r"[.!?\n]", text[r.end:m.start]) and \
                    all(w[:1].isupper() or w in _JOINERS for w in words):
                return r.title or r.surface
        elif m.end <= r.start and text[m.end:r.start].strip() == ",":
            return r.title or r.surface  # apposition: "Khamozaro Waruwu, hakim …"
    return None


def _sentence_text(doc: Doc, m) -> str:
    if doc.sentences and m.sentence < len(doc.sentences):
        s = doc.sentences[m.sentence]
        return doc.text[s.start:s.end].strip()
    start = max(doc.text.rfind(".", 0, m.start), doc.text.rfind("\n", 0, m.start)) + 1
    end = min((i for i in (doc.text.find(".", m.end), doc.text.find("\n", m.end)) if i >= 0),
              default=len(doc.text))
    return doc.text[start:end + 1].strip()
