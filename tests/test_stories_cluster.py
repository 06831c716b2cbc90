"""Story clustering and the world filter, on items written for these tests (and, with the development
data, on the labelled story pairs and the kamboja multi-outlet corpus)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from warta.stories.cluster import StoryInput, candidate_pairs, cluster, vectorise
from warta.stories.world import judge

D = date(2024, 3, 10)


def item(id_, day, outlet, title, lead):
    return StoryInput(id=id_, day=day, title=title, lead=lead, outlet=outlet)


ITEMS = [
    item("a1", D, "kompas", "Korea Utara Luncurkan Rudal Balistik ke Laut Jepang",
         "Korea Utara meluncurkan rudal balistik jarak menengah ke Laut Jepang pada Minggu pagi, menurut militer "
         "Korea Selatan. Rudal terbang sejauh 600 kilometer sebelum jatuh di luar zona ekonomi eksklusif Jepang."),
    item("a2", D, "tempo", "Pyongyang Tembakkan Rudal Balistik, Jepang Protes",
         "Korea Utara menembakkan rudal balistik ke Laut Jepang, Minggu. Pemerintah Jepang melayangkan protes "
         "melalui kedutaan di Beijing setelah rudal jatuh 600 kilometer dari pantai."),
    item("a3", date(2024, 3, 11), "antara", "Dewan Keamanan PBB bahas peluncuran rudal Korea Utara",
         "Dewan Keamanan PBB menggelar rapat darurat membahas peluncuran rudal balistik Korea Utara ke Laut Jepang "
         "yang terbang sejauh 600 kilometer pada Minggu."),
    item("b1", D, "kompas", "Korea Utara Gelar Parade Militer Peringati Ulang Tahun Partai",
         "Korea Utara menggelar parade militer besar di Pyongyang untuk memperingati ulang tahun partai berkuasa. "
         "Ribuan tentara berbaris di Lapangan Kim Il Sung."),
    item("c1", D, "detik", "Harga Beras di Pasar Induk Cipinang Naik",
         "Harga beras medium di Pasar Induk Cipinang naik menjadi Rp 14.000 per kilogram. Pedagang menyebut "
         "pasokan dari daerah berkurang karena musim tanam."),
]


def groups_of(items, **kw):
    return [{items[i].id for i in g} for g in cluster(items, **kw)]


def test_one_happening_across_outlets_and_adjacent_days_is_one_story():
    groups = groups_of(ITEMS)
    assert {"a1", "a2", "a3"} in groups
    assert {"b1"} in groups and {"c1"} in groups  # same country, another happening; domestic news


def test_articles_outside_the_date_window_are_never_joined():
    far = ITEMS[:2] + [item("a9", date(2024, 3, 20), "antara", ITEMS[0].title, ITEMS[0].lead)]
    groups = groups_of(far, window_days=2)
    assert {"a9"} in groups


def test_an_undated_article_can_join_a_story():
    undated = ITEMS[:2] + [item("u1", None, "bbc", ITEMS[1].title, ITEMS[1].lead + " Laporan lengkap menyusul.")]
    assert {"a1", "a2", "u1"} in groups_of(undated)


def test_an_outlets_repeated_navigation_text_does_not_join_its_articles():
    nav = ("Terpopuler Hari Ini Harga Emas Antam Naik Lagi Jadwal Kereta Mudik Lebaran Cuaca Jakarta Besok "
           "Hujan Ringan Pemain Timnas Dipanggil Pelatih ")
    stories = [("Banjir Rendam Ribuan Rumah di Pakistan", "Banjir merendam ribuan rumah di provinsi Sindh."),
               ("Pemilu Thailand Dimenangi Partai Oposisi", "Partai oposisi memenangi pemilu Thailand."),
               ("Kebakaran Hutan Melanda Kanada Barat", "Kebakaran hutan melanda British Columbia."),
               ("Turki Naikkan Suku Bunga Acuan", "Bank sentral Turki menaikkan suku bunga acuan.")]
    items = [item(f"n{k}", D, "beritasatu", t, nav + lead) for k, (t, lead) in enumerate(stories)]
    assert all(len(g) == 1 for g in groups_of(items))


def test_blocking_compares_far_fewer_pairs_than_all_of_them():
    rng = random.Random(7)
    vocab = [f"kata{k}" for k in range(3000)]
    items = [item(f"r{k}", D, "x", " ".join(rng.sample(vocab, 8)), " ".join(rng.sample(vocab, 50)))
             for k in range(600)]
    pairs = candidate_pairs(items, vectorise(items))
    assert len(pairs) < 600 * 599 / 2 / 50
    assert all(len(g) == 1 for g in cluster(items))


def test_world_filter_explains_its_verdicts():
    foreign = judge("Korea Utara Luncurkan Rudal Balistik ke Laut Jepang",
                    "SEOUL, KOMPAS.com - Korea Utara meluncurkan rudal balistik ke Laut Jepang, Minggu. "
                    "Dewan Keamanan PBB akan bersidang.")
    assert foreign.is_world and foreign.countries[:2] == ["PRK", "JPN"]
    assert any("dateline" in r for r in foreign.reasons)
    relations = judge("Menlu RI Bertemu Dubes Jepang di Jakarta",
                      "Menteri Luar Negeri RI menerima Duta Besar Jepang untuk membahas kerja sama bilateral.")
    assert relations.is_world
    domestic = judge("Harga Beras di Pasar Induk Cipinang Naik", ITEMS[-1].lead)
    assert not domestic.is_world and domestic.score == 0
    sport = judge("Timnas Indonesia Kalahkan Vietnam di Piala AFF",
                  "Timnas Indonesia mengalahkan Vietnam 2-1 dalam laga Piala AFF di Stadion Gelora Bung Karno. "
                  "Gol kemenangan dicetak pada babak kedua pertandingan itu.")
    assert not sport.is_world and any("another desk" in r for r in sport.reasons)


@pytest.mark.shared
def test_story_pairs_and_kamboja_recall(shared_dir):
    from pathlib import Path

    from warta.evaluate.stories import evaluate

    gold = Path(__file__).parent / "gold" / "story-pairs.jsonl"
    r = evaluate(shared_dir / "corpus", gold)
    dev = r.pairs["dev"]
    assert dev.tp + dev.fp + dev.fn + dev.tn >= 150
    assert dev.precision >= 0.6 and dev.recall >= 0.6
    assert r.kamboja.articles == 420 and r.kamboja.largest >= 15


def test_shared_actors_and_event_triples_count_as_evidence():
    from warta.model import Actor, Analysis, Article, Event, Mention, Participant
    from warta.stories.cluster import story_input, tags_of

    def analysed(id_, title, text):
        a = Article(id=id_, text=text, title=title, published=D, source=id_)
        an = Analysis(id=id_, title=title, date=str(D), language="id")
        an.entities = [Mention("Putin", 0, 5, 0, "PER", Actor("Vladimir Putin", "RUSGOV", "RUS", "person")),
                       Mention("Xi", 0, 2, 0, "PER", Actor("Xi Jinping", "CHNGOV", "CHN", "person"))]
        an.events = [Event("CONSULT", Participant("Putin", country="RUS"), Participant("Xi", country="CHN"))]
        return story_input(a, an)

    x = analysed("x", "Putin Bertemu Xi di Beijing", "Pemimpin Rusia tiba di ibu kota China untuk pembicaraan.")
    y = analysed("y", "Xi Sambut Tamu dari Moskow", "Presiden China menyambut pemimpin Kremlin di Aula Besar Rakyat.")
    assert set(x.tags) == {"actor:rusgov", "actor:chngov", "event:rus>consult>chn"}
    assert tags_of(None) == ()
    background = ITEMS  # a batch of other news, so that shared terms are rare, as on a real day
    bare = [StoryInput(i.id, i.day, i.title, i.lead, i.outlet) for i in (x, y)] + background
    assert {"x", "y"} not in groups_of(bare)
    assert {"x", "y"} in groups_of([x, y] + background)
