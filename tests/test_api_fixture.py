"""A small warta database for the API, web and relations tests, built the way warta builds one
(``open_store`` migrations, ``insert_articles``, ``write_analyses``) from articles written for these
tests (not corpus text). The analyses are composed by hand so the tests do not depend on the state
of the analyser: every offset is found in the text, and the tests below check that each one slices
the text to its surface string.

Other test modules import ``build_world_db`` / the ``world_db`` fixture from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from warta.ingest.ids import content_hash
from warta.model import Actor, Analysis, Article, DateExpr, Event, Mention, Participant, Quote, Sentence, Story
from warta.store import open_store, transaction, write_analyses
from warta.store.records import insert_articles

_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“\"])")

ACTORS = {
    "Rusia": ("Russia", "RUS", "RUS", "country", "GPE"),
    "Moskow": ("Russia", "RUS", "RUS", "country", "GPE"),
    "China": ("China", "CHN", "CHN", "country", "GPE"),
    "Beijing": ("China", "CHN", "CHN", "country", "GPE"),
    "Amerika Serikat": ("United States", "USA", "USA", "country", "GPE"),
    "Ukraina": ("Ukraine", "UKR", "UKR", "country", "GPE"),
    "Kyiv": ("Ukraine", "UKR", "UKR", "country", "GPE"),
    "Mikhail Mishustin": ("Mikhail Mishustin", "RUSGOV", "RUS", "person", "PER"),
    "Mishustin": ("Mikhail Mishustin", "RUSGOV", "RUS", "person", "PER"),
    "Li Qiang": ("Li Qiang", "CHNGOV", "CHN", "person", "PER"),
    "Li": ("Li Qiang", "CHNGOV", "CHN", "person", "PER"),
    "Xi Jinping": ("Xi Jinping", "CHNGOV", "CHN", "person", "PER"),
    "Qin Gang": ("Qin Gang", "CHNGOV", "CHN", "person", "PER"),
    "Sergei Lavrov": ("Sergei Lavrov", "RUSGOV", "RUS", "person", "PER"),
    "Italia": ("Italy", "ITA", "ITA", "country", "GPE"),
}


def find(text: str, needle: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` at or after ``after`` (a test bug if absent)."""
    start = after - 1
    for _ in range(nth + 1):
        start = text.find(needle, start + 1)
        assert start >= 0, f"{needle!r} not in the fixture text"
    return start, start + len(needle)


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for p, para in enumerate(text.split("\n\n")):
        for chunk in _SENTENCE_END.split(para):
            s = text.index(chunk, pos)
            out.append(Sentence(index=len(out), start=s, end=s + len(chunk), paragraph=p, text=chunk))
            pos = s + len(chunk)
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> int:
    return next(s.index for s in sentences if s.start <= offset < s.end)


@dataclass
class Composer:
    """Builds one article's analysis from surface strings."""

    article: Article
    sentences: list[Sentence] = field(init=False)
    analysis: Analysis = field(init=False)

    def __post_init__(self) -> None:
        self.sentences = split_sentences(self.article.text)
        a = self.article
        self.analysis = Analysis(id=a.id, title=a.title, date=a.published.isoformat(), language="id",
                                 url=a.url, source=a.source, sentences=self.sentences)

    def mention(self, surface: str, nth: int = 0, after: int = 0, key: str | None = None) -> Mention:
        start, end = find(self.article.text, surface, nth, after)
        name, code, country, kind, label = ACTORS[key or surface]
        m = Mention(text=surface, start=start, end=end, sentence=sentence_at(self.sentences, start), label=label,
                    actor=Actor(name=name, code=code, country=country, kind=kind), rule="gazetteer:test")
        self.analysis.entities.append(m)
        return m

    def date(self, surface: str, value: str, granularity: str = "day") -> DateExpr:
        start, end = find(self.article.text, surface)
        d = DateExpr(text=surface, start=start, end=end, sentence=sentence_at(self.sentences, start),
                     value=value, granularity=granularity, rule="date:test")
        self.analysis.dates.append(d)
        return d

    def event(self, etype: str, cameo: str, goldstein: float, quad: int, src: Mention, tgt: Mention | None,
              trigger: str, rule: str, modality: str = "asserted", when: str | None = None,
              granularity: str | None = None, location: str | None = None) -> Event:
        t0, t1 = find(self.article.text, trigger, after=src.start)
        lo = min(src.start, t0, tgt.start if tgt else t0)
        hi = max(src.end, t1, tgt.end if tgt else t1)
        e = Event(type=etype, source=Participant.from_mention(src),
                  target=Participant.from_mention(tgt) if tgt else None, cameo=cameo, goldstein=goldstein,
                  quad_class=quad, modality=modality, date=when, date_granularity=granularity, location=location,
                  sentence=sentence_at(self.sentences, t0), start=lo, end=hi, trigger=trigger, rule=rule)
        self.analysis.events.append(e)
        return e

    def quote(self, surface: str, speaker: Mention, cue: str, direct: bool = True) -> Quote:
        start, end = find(self.article.text, surface)
        q = Quote(text=surface, start=start, end=end, direct=direct, cue=cue,
                  speaker=Participant.from_mention(speaker), sentence=sentence_at(self.sentences, start),
                  rule="quote:test")
        self.analysis.quotes.append(q)
        return q


def _article(id_: str, title: str, text: str, published: date, source: str, url: str) -> Article:
    return Article(id=id_, text=text, title=title, url=url, source=source, published=published, language="id",
                   content_hash=content_hash(text))


# ---------------------------------------------------------------------------------------------
# The articles (written for these tests)
# ---------------------------------------------------------------------------------------------

TEXT_TEKEN = (
    "BEIJING — Rusia dan China meneken tiga nota kesepahaman baru pada Rabu (24/5/2023) saat Perdana Menteri "
    "Rusia Mikhail Mishustin berkunjung ke Beijing.\n\n"
    "Mishustin bertemu Perdana Menteri China Li Qiang di Balai Agung Rakyat. Keduanya membahas perdagangan "
    "energi dan pembayaran dalam mata uang lokal.\n\n"
    "“Kerja sama kita tidak diarahkan untuk melawan negara lain,” ujar Li kepada wartawan.\n\n"
    "Sementara itu, Amerika Serikat menuduh Beijing membantu Moskow menghindari sanksi & pembatasan <ekspor>."
)

TEXT_PUJI = (
    "JAKARTA — Pemerintah China memuji Rusia sebagai mitra strategis dalam pernyataan resmi pada Kamis "
    "(25/5/2023).\n\n"
    "Presiden China Xi Jinping dijadwalkan menerima Mishustin pada Kamis sore. Beijing juga menolak tuduhan "
    "Amerika Serikat soal bantuan militer."
)

TEXT_TELEPON = (
    "Menteri Luar Negeri China Qin Gang menelepon Menteri Luar Negeri Rusia Sergei Lavrov pada Rabu (10/5/2023) "
    "untuk membahas persiapan kunjungan ke Beijing.\n\n"
    "Keduanya sepakat menjaga komunikasi rutin."
)

TEXT_SERANG = (
    "KYIV — Rusia menyerang Kyiv dengan rudal jelajah pada Sabtu (20/5/2023) dini hari.\n\n"
    "Pemerintah Ukraina menyebut serangan itu melukai sedikitnya sepuluh warga."
)

TEXT_BANJIR = (
    "ROMA — Banjir besar melanda wilayah Emilia-Romagna di Italia utara pada pekan ini.\n\n"
    "Ribuan warga mengungsi ketika sungai-sungai meluap setelah hujan deras selama dua hari."
)

TEXT_CABAI = (
    "Harga cabai rawit di sejumlah pasar di Jakarta naik menjelang akhir Mei.\n\n"
    "Pedagang menyebut pasokan dari daerah sentra produksi berkurang akibat cuaca."
)

IDS = {
    "teken": "tst-rus-chn-teken",
    "puji": "tst-chn-rus-puji",
    "telepon": "tst-chn-rus-telepon",
    "serang": "tst-rus-ukr-serang",
    "banjir": "tst-ita-banjir",
    "cabai": "tst-idn-cabai",
}


def world_records() -> tuple[list[Article], list[Analysis]]:
    teken = _article(IDS["teken"], "Rusia dan China Teken Tiga Nota Kesepahaman <Baru> & Perluas Dagang", TEXT_TEKEN,
                     date(2023, 5, 25), "Kabar Dunia", "https://kabar.example/dunia/rusia-china-teken")
    puji = _article(IDS["puji"], "China Puji Rusia sebagai Mitra Strategis", TEXT_PUJI, date(2023, 5, 25),
                    "Harian Uji", "https://harian.example/intl/china-puji-rusia")
    telepon = _article(IDS["telepon"], "Qin Gang dan Lavrov Bahas Kunjungan ke Beijing", TEXT_TELEPON,
                       date(2023, 5, 10), "Kabar Dunia", "https://kabar.example/dunia/qin-lavrov")
    serang = _article(IDS["serang"], "Rusia Serang Kyiv dengan Rudal Jelajah", TEXT_SERANG, date(2023, 5, 20),
                      "Harian Uji", "https://harian.example/intl/rusia-serang-kyiv")
    banjir = _article(IDS["banjir"], "Banjir Besar Landa Italia Utara", TEXT_BANJIR, date(2023, 5, 25),
                      "Kabar Dunia", "https://kabar.example/dunia/banjir-italia")
    cabai = _article(IDS["cabai"], "Harga Cabai Rawit di Jakarta Naik", TEXT_CABAI, date(2023, 5, 25),
                     "Harian Uji", "https://harian.example/ekonomi/cabai")

    analyses = []
    c = Composer(teken)
    rusia, china = c.mention("Rusia"), c.mention("China")
    c.mention("Mikhail Mishustin")
    c.mention("Beijing", after=find(TEXT_TEKEN, "berkunjung")[0])
    mish2, li = c.mention("Mishustin", nth=1), c.mention("Li Qiang")
    li_short = c.mention("Li", after=find(TEXT_TEKEN, "ujar")[0])
    usa, beijing = c.mention("Amerika Serikat"), c.mention("Beijing", nth=1)
    c.mention("Moskow")
    c.date("Rabu (24/5/2023)", "2023-05-24")
    c.event("AGREE", "057", 8.0, 1, rusia, china, "meneken tiga nota kesepahaman", "agree.sign.active",
            when="2023-05-24", granularity="day", location="Beijing")
    c.event("CONSULT", "040", 1.0, 1, mish2, li, "bertemu", "consult.meet.active", when="2023-05-24",
            granularity="day", location="Beijing")
    c.event("ACCUSE", "112", -2.0, 3, usa, beijing, "menuduh", "accuse.accuse.active")
    c.quote("“Kerja sama kita tidak diarahkan untuk melawan negara lain,”", li_short, "ujar")
    analyses.append(c.analysis)

    c = Composer(puji)
    china, rusia = c.mention("China"), c.mention("Rusia")
    xi, mish = c.mention("Xi Jinping"), c.mention("Mishustin")
    beijing, usa = c.mention("Beijing"), c.mention("Amerika Serikat")
    c.date("Kamis (25/5/2023)", "2023-05-25")
    c.event("SUPPORT", "051", 3.4, 1, china, rusia, "memuji", "support.praise.active", when="2023-05-25",
            granularity="day")
    c.event("CONSULT", "036", 4.0, 1, xi, mish, "dijadwalkan menerima", "consult.host.active", modality="future")
    c.event("REJECT", "120", -4.0, 3, beijing, usa, "menolak tuduhan", "reject.reject.active")
    analyses.append(c.analysis)

    c = Composer(telepon)
    qin, lavrov = c.mention("Qin Gang"), c.mention("Sergei Lavrov")
    c.date("Rabu (10/5/2023)", "2023-05-10")
    c.event("CONSULT", "040", 1.0, 1, qin, lavrov, "menelepon", "consult.phone.active", when="2023-05-10",
            granularity="day")
    analyses.append(c.analysis)

    c = Composer(serang)
    rusia, kyiv = c.mention("Rusia"), c.mention("Kyiv")
    c.date("Sabtu (20/5/2023)", "2023-05-20")
    c.event("ASSAULT", "195", -10.0, 4, rusia, kyiv, "menyerang", "assault.attack.active", when="2023-05-20",
            granularity="day", location="Kyiv")
    analyses.append(c.analysis)

    c = Composer(banjir)
    c.mention("Italia")
    analyses.append(c.analysis)
    analyses.append(Composer(cabai).analysis)
    return [teken, puji, telepon, serang, banjir, cabai], analyses


STORIES = [
    # story_id, day, headline, summary paragraphs, gist, url, score, is_world, article keys (best first)
    ("s20230525-rusiachina", date(2023, 5, 25), "Rusia dan China Teken Tiga Nota Kesepahaman Baru",
     ["Rusia dan China meneken tiga nota kesepahaman baru pada Rabu saat Perdana Menteri Mikhail Mishustin "
      "berkunjung ke Beijing.", "Pemerintah China memuji Rusia sebagai mitra strategis."],
     "Rusia dan China meneken tiga nota kesepahaman baru", "https://kabar.example/dunia/rusia-china-teken",
     9.5, True, ["teken", "puji"]),
    ("s20230525-banjiritalia", date(2023, 5, 25), "Banjir Besar Landa Italia Utara",
     ["Banjir besar melanda wilayah Emilia-Romagna di Italia utara.", "Ribuan warga mengungsi."],
     "banjir besar melanda Italia utara", "https://kabar.example/dunia/banjir-italia", 6.0, True, ["banjir"]),
    ("s20230525-cabai", date(2023, 5, 25), "Harga Cabai Rawit di Jakarta Naik",
     ["Harga cabai rawit di sejumlah pasar di Jakarta naik."], "harga cabai naik",
     "https://harian.example/ekonomi/cabai", 8.0, False, ["cabai"]),
    ("s20230520-serangkyiv", date(2023, 5, 20), "Rusia Serang Kyiv dengan Rudal Jelajah",
     ["Rusia menyerang Kyiv dengan rudal jelajah pada Sabtu dini hari.", "Sedikitnya sepuluh warga terluka."],
     "Rusia menyerang Kyiv dengan rudal jelajah", "https://harian.example/intl/rusia-serang-kyiv", 7.0, True,
     ["serang"]),
]
#: Articles published on each day with stories (the 10th has an article but its stories were never built).
ARTICLES_ON = {date(2023, 5, 25): 4, date(2023, 5, 20): 1}


def world_digests(articles: list[Article], analyses: list[Analysis]):
    """The stored digests of the fixture days, as ``warta digest`` would save them (``save_digest``)."""
    from warta.stories.digest import Digest

    outlets = {a.id: a.source for a in articles}
    quotes = {an.id: an.quotes for an in analyses}
    digests = []
    for day in sorted(ARTICLES_ON):
        stories = []
        for sid, sday, headline, summary, gist, url, score, world, keys in STORIES:
            if sday != day:
                continue
            ids = [IDS[k] for k in keys]
            quote = next((q for i in ids for q in quotes[i] if q.direct), None)
            stories.append(Story(
                id=sid, day=day, article_ids=ids, headline=headline, summary=summary, gist=gist, url=url,
                outlets=list(dict.fromkeys(outlets[i] for i in ids)), score=score, is_world=world,
                best_article_id=ids[0], quote=quote if world else None,
                quote_article_id=next((i for i in ids if quote in quotes[i]), None) if world and quote else None,
                countries=["CHN", "RUS"] if "rusia" in sid else [], score_parts={"coverage": score},
                reasons=["test fixture"]))
        ranked = sorted(stories, key=lambda s: -s.score)
        lineup = [s for s in ranked if s.is_world]
        digests.append(Digest(day=day, top=3, stories=lineup[:3], world_stories=len(lineup),
                              stories_total=len(ranked), articles=ARTICLES_ON[day], all_stories=ranked,
                              lineup=lineup))
    return digests


def build_world_db(path: Path) -> Path:
    from warta.stories.store import save_digest

    articles, analyses = world_records()
    con = open_store(path)
    try:
        with transaction(con):
            insert_articles(con, articles, run_id=None)
            write_analyses(con, analyses)
            for digest in world_digests(articles, analyses):
                save_digest(con, digest)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def world_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_world_db(tmp_path_factory.mktemp("warta-api") / "world.duckdb")


# ---------------------------------------------------------------------------------------------
# The fixture is what it says
# ---------------------------------------------------------------------------------------------

def test_every_offset_slices_its_surface_string() -> None:
    articles, analyses = world_records()
    texts = {a.id: a.text for a in articles}
    for an in analyses:
        text = texts[an.id]
        for m in an.entities:
            assert text[m.start:m.end] == m.text
        for d in an.dates:
            assert text[d.start:d.end] == d.text
        for q in an.quotes:
            assert text[q.start:q.end] == q.text
        for e in an.events:
            assert text[e.source.start:e.source.end] == e.source.text
            assert e.trigger in text[e.start:e.end]
            s = an.sentences[e.sentence]
            assert e.trigger in text[s.start:s.end]


def test_database_is_built_with_the_store_migrations(world_db: Path) -> None:
    con = open_store(world_db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 8
        assert con.execute("SELECT count(*) FROM stories WHERE is_world").fetchone()[0] == 3
    finally:
        con.close()
