"""Build analyser Docs for event tests by hand: sentences split naively, mentions from a small
gazetteer given by the test, dates from the test's own list — so the event coder is tested on its
own, whatever state the language layer is in."""

from __future__ import annotations

import re
from datetime import date

from warta.model import Actor, Article, DateExpr, Doc, Mention, Sentence

LABELS = {"country": "GPE", "person": "PER", "organisation": "ORG", "group": "ORG", "sector": "ORG"}

#: A small gazetteer: surface -> (name, code, country, kind[, label]). Tests may pass their own.
ACTORS: dict[str, tuple[str, str | None, str, str]] = {
    "Rusia": ("Russia", "RUS", "RUS", "country"),
    "Moskow": ("Russia", "RUS", "RUS", "country"),
    "Kremlin": ("Russia", "RUSGOV", "RUS", "country"),
    "China": ("China", "CHN", "CHN", "country"),
    "Tiongkok": ("China", "CHN", "CHN", "country"),
    "Beijing": ("China", "CHN", "CHN", "country"),
    "Ukraina": ("Ukraine", "UKR", "UKR", "country"),
    "Kyiv": ("Ukraine", "UKR", "UKR", "country"),
    "Amerika Serikat": ("United States", "USA", "USA", "country"),
    "AS": ("United States", "USA", "USA", "country"),
    "Washington": ("United States", "USA", "USA", "country"),
    "Indonesia": ("Indonesia", "IDN", "IDN", "country"),
    "Jakarta": ("Indonesia", "IDN", "IDN", "country"),
    "Jepang": ("Japan", "JPN", "JPN", "country"),
    "Tokyo": ("Japan", "JPN", "JPN", "country"),
    "Australia": ("Australia", "AUS", "AUS", "country"),
    "Israel": ("Israel", "ISR", "ISR", "country"),
    "Palestina": ("Palestine", "PSE", "PSE", "country"),
    "Gaza": ("Palestine", "PSE", "PSE", "country"),
    "Hamas": ("Hamas", "PSEREB", "PSE", "group"),
    "Iran": ("Iran", "IRN", "IRN", "country"),
    "Korea Utara": ("North Korea", "PRK", "PRK", "country"),
    "Korut": ("North Korea", "PRK", "PRK", "country"),
    "Korea Selatan": ("South Korea", "KOR", "KOR", "country"),
    "Taiwan": ("Taiwan", "TWN", "TWN", "country"),
    "Filipina": ("Philippines", "PHL", "PHL", "country"),
    "Malaysia": ("Malaysia", "MYS", "MYS", "country"),
    "Qatar": ("Qatar", "QAT", "QAT", "country"),
    "Barat": ("the West", "WST", "WST", "organisation"),
    "negara-negara Barat": ("the West", "WST", "WST", "organisation"),
    "kolektif Barat": ("the West", "WST", "WST", "organisation"),
    "G7": ("G7", "IGOG7", "G7", "organisation"),
    "PBB": ("United Nations", "IGOUNO", "UN", "organisation"),
    "Uni Eropa": ("European Union", "IGOEU", "EU", "organisation"),
    "NATO": ("NATO", "IGONAT", "NATO", "organisation"),
    "ASEAN": ("ASEAN", "IGOASN", "ASEAN", "organisation"),
    "Mikhail Mishustin": ("Mikhail Mishustin", "RUSGOV", "RUS", "person"),
    "Mishustin": ("Mikhail Mishustin", "RUSGOV", "RUS", "person"),
    "Vladimir Putin": ("Vladimir Putin", "RUSGOV", "RUS", "person"),
    "Putin": ("Vladimir Putin", "RUSGOV", "RUS", "person"),
    "Sergei Lavrov": ("Sergei Lavrov", "RUSGOV", "RUS", "person"),
    "Lavrov": ("Sergei Lavrov", "RUSGOV", "RUS", "person"),
    "Li Qiang": ("Li Qiang", "CHNGOV", "CHN", "person"),
    "Li": ("Li Qiang", "CHNGOV", "CHN", "person"),
    "Xi Jinping": ("Xi Jinping", "CHNGOV", "CHN", "person"),
    "Xi": ("Xi Jinping", "CHNGOV", "CHN", "person"),
    "Wang Yi": ("Wang Yi", "CHNGOV", "CHN", "person"),
    "Prabowo Subianto": ("Prabowo Subianto", "IDNGOV", "IDN", "person"),
    "Prabowo": ("Prabowo Subianto", "IDNGOV", "IDN", "person"),
    "Sugiono": ("Sugiono", "IDNGOV", "IDN", "person"),
    "Antony Blinken": ("Antony Blinken", "USAGOV", "USA", "person"),
    "Volodymyr Zelensky": ("Volodymyr Zelensky", "UKRGOV", "UKR", "person"),
    "Zelensky": ("Volodymyr Zelensky", "UKRGOV", "UKR", "person"),
    "Benjamin Netanyahu": ("Benjamin Netanyahu", "ISRGOV", "ISR", "person"),
    "Netanyahu": ("Benjamin Netanyahu", "ISRGOV", "ISR", "person"),
    "WNI": ("Indonesian citizens", "IDNCVL", "IDN", "sector"),
}

_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"]?|(?=\n)|$)")


def make_doc(text: str, published: str = "2023-05-25", actors: dict | None = None,
             dates: dict[str, tuple[str, str]] | None = None) -> Doc:
    """``dates``: surface -> (value, granularity), every occurrence."""
    gaz = ACTORS if actors is None else actors
    doc = Doc(article=Article(id="t", text=text, published=date.fromisoformat(published)), text=text)
    for i, m in enumerate(_SENT.finditer(text)):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            doc.sentences.append(Sentence(index=len(doc.sentences), start=s, end=e, text=text[s:e]))
    taken: list[tuple[int, int]] = []

    def sentence_of(pos: int) -> int:
        return next((s.index for s in doc.sentences if s.start <= pos < s.end), 0)

    for surface in sorted(gaz, key=len, reverse=True):
        name, code, country, kind, *label = gaz[surface]  # an optional fifth item: the label ("LOC")
        for m in re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(surface), text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            doc.mentions.append(Mention(text=m.group(), start=m.start(), end=m.end(),
                                        sentence=sentence_of(m.start()), label=label[0] if label else LABELS[kind],
                                        actor=Actor(name=name, code=code, country=country, kind=kind),  # type: ignore[arg-type]
                                        rule="test-gazetteer"))
    doc.mentions.sort(key=lambda m: m.start)
    for surface, (value, gran) in (dates or {}).items():
        for m in re.finditer(re.escape(surface), text):
            doc.dates.append(DateExpr(text=m.group(), start=m.start(), end=m.end(),
                                      sentence=sentence_of(m.start()), value=value,
                                      granularity=gran, rule="test"))  # type: ignore[arg-type]
    doc.dates.sort(key=lambda d: d.start)
    return doc


def triples(events, modality: str | None = "asserted") -> set[tuple[str, str, str | None]]:
    """(source country, type, target country) of the events (of one modality, or all with None)."""
    return {(e.source.country, e.type, e.target.country if e.target else None)
            for e in events if modality is None or e.modality == modality}
