"""The "Top N Dunia" digest end to end, on short world-news articles written for these tests
(several outlets, two days): structure, no story twice, dates and links, Indonesian day and month
names, headline casing, the world filter, novelty, persistence and the CLI."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from warta.model import Article
from warta.stories.digest import Item, make_digest, past_from
from warta.stories.render import edition_date, render

DAY = date(2023, 5, 25)  # a Thursday
YESTERDAY = date(2023, 5, 24)


def art(id_: str, day: date, outlet: str, title: str, text: str) -> Article:
    return Article(id=id_, text=text, title=title, url=f"https://{outlet}/berita/{id_}", source=outlet,
                   published=day, language="id")


# Japan and the Philippines sign a defence pact: four outlets, the day and the day before.
PACT = [
    art("pakta-1", DAY, "kompas.example", "Jepang dan Filipina Teken Pakta Pertahanan di Manila",
        "MANILA, KOMPAS.com - Jepang dan Filipina menandatangani pakta pertahanan timbal balik di Manila pada "
        "Kamis (25/5/2023), yang memungkinkan pasukan kedua negara berlatih di wilayah masing-masing.\n\n"
        "Menteri Pertahanan Jepang Yasukazu Hamada dan Menteri Pertahanan Filipina Gilberto Teodoro "
        "menandatangani perjanjian itu di Istana Malacanang.\n\n"
        "\"Perjanjian ini menandai babak baru kerja sama keamanan kedua negara di kawasan yang semakin tegang,\" "
        "kata Teodoro kepada wartawan seusai upacara penandatanganan.\n\n"
        "Pakta tersebut masih harus diratifikasi parlemen Jepang sebelum berlaku.\n\n"
        "China belum memberikan tanggapan resmi atas penandatanganan pakta itu."),
    art("pakta-2", DAY, "tempo.example", "Filipina dan Jepang Sepakati Pakta Pertahanan Timbal Balik",
        "TEMPO.CO, Manila - Filipina dan Jepang menyepakati pakta pertahanan timbal balik yang ditandatangani "
        "di Manila, Kamis, 25 Mei 2023.\n\nPerjanjian itu mengatur kunjungan pasukan dan latihan militer "
        "bersama kedua negara.\n\nMenteri Pertahanan Jepang Yasukazu Hamada menyebut pakta pertahanan itu "
        "penting bagi stabilitas kawasan Indo-Pasifik.\n\nPara analis menilai pakta ini merupakan respons atas "
        "meningkatnya aktivitas kapal China di Laut China Selatan."),
    art("pakta-3", DAY, "antara.example", "Jepang-Filipina tandatangani pakta pertahanan",
        "Manila (ANTARA) - Jepang dan Filipina pada Kamis menandatangani pakta pertahanan yang memungkinkan "
        "pasukan kedua negara menggelar latihan militer bersama.\n\nPenandatanganan pakta pertahanan "
        "dilakukan oleh Menteri Pertahanan Yasukazu Hamada dan Gilberto Teodoro di Manila.\n\n"
        "Kementerian Luar Negeri RI menyatakan Indonesia menghormati kerja sama bilateral kedua negara "
        "selama mendukung perdamaian di kawasan."),
    art("pakta-0", YESTERDAY, "kompas.example", "Menhan Jepang Tiba di Manila Jelang Teken Pakta Pertahanan",
        "MANILA, KOMPAS.com - Menteri Pertahanan Jepang Yasukazu Hamada tiba di Manila, Rabu (24/5/2023), "
        "menjelang penandatanganan pakta pertahanan dengan Filipina.\n\nHamada dijadwalkan bertemu Menteri "
        "Pertahanan Filipina Gilberto Teodoro di Istana Malacanang.\n\nPakta pertahanan itu akan mengatur "
        "latihan militer bersama kedua negara."),
]
# A strong earthquake in Chile: two outlets.
QUAKE = [
    art("gempa-1", DAY, "kompas.example", "Gempa Magnitudo 7,1 Guncang Chile Utara, 12 Orang Tewas",
        "SANTIAGO, KOMPAS.com - Gempa bermagnitudo 7,1 mengguncang wilayah utara Chile pada Kamis (25/5/2023) "
        "dini hari dan menewaskan sedikitnya 12 orang.\n\nPusat gempa berada di dekat kota Antofagasta pada "
        "kedalaman 40 kilometer, menurut Badan Survei Geologi Amerika Serikat (USGS).\n\nPemerintah Chile "
        "menetapkan status darurat di tiga provinsi.\n\nTim penyelamat masih mencari korban di bawah reruntuhan."),
    art("gempa-2", DAY, "detik.example", "12 Orang Tewas Akibat Gempa M 7,1 di Chile",
        "Santiago - Sedikitnya 12 orang tewas setelah gempa bermagnitudo 7,1 mengguncang Chile utara, Kamis "
        "(25/5/2023).\n\nGempa berpusat di dekat Antofagasta dan terasa hingga Bolivia.\n\nPresiden Chile "
        "menetapkan status darurat di provinsi yang terdampak gempa.\n\nKBRI Santiago memastikan tidak ada WNI "
        "yang menjadi korban gempa."),
]
# Indonesia's foreign minister in Canberra: Indonesia's foreign relations.
CANBERRA = [
    art("canberra-1", DAY, "antara.example", "Menlu RI dan Menlu Australia Bahas Perdagangan di Canberra",
        "Canberra (ANTARA) - Menteri Luar Negeri RI Retno Marsudi bertemu Menteri Luar Negeri Australia Penny "
        "Wong di Canberra, Kamis, untuk membahas perdagangan dan keamanan kawasan.\n\nKedua menteri sepakat "
        "mempercepat perundingan perdagangan bilateral.\n\nRetno juga mengajak Australia memperkuat kerja sama "
        "penanganan perubahan iklim di Pasifik."),
    art("canberra-2", DAY, "tempo.example", "Retno Marsudi Temui Penny Wong di Canberra",
        "TEMPO.CO, Canberra - Menteri Luar Negeri Retno Marsudi menemui Menteri Luar Negeri Australia Penny Wong "
        "di Canberra pada Kamis, 25 Mei 2023.\n\nDalam pertemuan bilateral itu, kedua menteri luar negeri "
        "membahas perdagangan, keamanan kawasan dan perubahan iklim.\n\n\"Australia adalah mitra penting bagi "
        "Indonesia dan kami ingin perdagangan kedua negara terus tumbuh,\" kata Retno di Canberra."),
]
# Floods in northern Italy: big yesterday, one article today (continues without growing).
FLOOD = [
    art("banjir-1", YESTERDAY, "kompas.example", "Banjir Bandang Landa Italia Utara, Ribuan Warga Mengungsi",
        "ROMA, KOMPAS.com - Banjir bandang melanda wilayah Emilia-Romagna di Italia utara, Rabu (24/5/2023), "
        "memaksa ribuan warga mengungsi.\n\nHujan deras selama dua hari membuat sungai-sungai meluap.\n\n"
        "Pemerintah Italia mengerahkan tentara untuk membantu evakuasi warga."),
    art("banjir-2", YESTERDAY, "detik.example", "Ribuan Warga Italia Mengungsi Akibat Banjir Bandang",
        "Roma - Ribuan warga di Emilia-Romagna, Italia utara, mengungsi akibat banjir bandang pada Rabu "
        "(24/5/2023).\n\nSungai-sungai meluap setelah hujan deras mengguyur wilayah itu.\n\nTentara Italia "
        "dikerahkan untuk mengevakuasi warga yang terjebak banjir."),
    art("banjir-3", DAY, "antara.example", "Banjir bandang Italia utara, warga mulai kembali ke rumah",
        "Roma (ANTARA) - Warga Emilia-Romagna di Italia utara mulai kembali ke rumah mereka setelah banjir "
        "bandang surut pada Kamis.\n\nPemerintah Italia menyatakan kerugian akibat banjir bandang mencapai "
        "miliaran euro.\n\nRibuan warga lainnya masih mengungsi."),
]
# Domestic and sports news of the day: never in "Dunia".
LOCAL = [
    art("lokal-1", DAY, "kompas.example", "Pemprov DKI Perluas Ganjil Genap ke 26 Ruas Jalan",
        "JAKARTA, KOMPAS.com - Pemerintah Provinsi DKI Jakarta memperluas kebijakan ganjil genap ke 26 ruas jalan "
        "mulai Senin depan.\n\nKepala Dinas Perhubungan DKI mengatakan perluasan itu untuk mengurangi kemacetan."
        "\n\nPengendara yang melanggar akan ditilang."),
    art("lokal-2", DAY, "detik.example", "Ganjil Genap Jakarta Diperluas, Ini Daftar 26 Ruas Jalannya",
        "Jakarta - Dinas Perhubungan DKI Jakarta memperluas ganjil genap ke 26 ruas jalan.\n\nKebijakan itu "
        "berlaku mulai Senin depan pada pagi dan sore hari.\n\nPolisi akan menilang pengendara yang melanggar."),
    art("bola-1", DAY, "tempo.example", "Timnas U-23 Kalahkan Vietnam 2-1 di Laga Uji Coba",
        "TEMPO.CO, Jakarta - Timnas U-23 Indonesia mengalahkan Vietnam 2-1 dalam laga uji coba di Stadion "
        "Gelora Bung Karno, Kamis.\n\nDua gol timnas dicetak oleh penyerang muda dalam pertandingan itu.\n\n"
        "Pelatih timnas mengaku puas dengan permainan para pemain di babak kedua."),
]
ALL = PACT + QUAKE + CANBERRA + FLOOD + LOCAL


@pytest.fixture()
def items() -> list[Item]:
    return [Item(a) for a in ALL]


@pytest.fixture()
def digest(items):
    prev = make_digest([it for it in items if it.article.published == YESTERDAY], YESTERDAY, top=3)
    past = past_from([s for s in prev.all_stories if s.is_world])
    return make_digest(items, DAY, top=3, past=past)


def story_with(digest, article_id):
    return next((s for s in digest.stories if article_id in s.article_ids), None)


# --- stories and the world filter ------------------------------------------------------------------

def test_articles_of_one_happening_form_one_story_across_outlets_and_days(digest):
    pact = story_with(digest, "pakta-1")
    assert pact is not None
    assert set(pact.article_ids) == {"pakta-0", "pakta-1", "pakta-2", "pakta-3"}
    assert {"kompas.example", "tempo.example", "antara.example"} <= set(pact.outlets)
    assert set(story_with(digest, "gempa-1").article_ids) == {"gempa-1", "gempa-2"}


def test_domestic_and_sports_news_stay_out_of_dunia(digest):
    in_digest = {a for s in digest.stories for a in s.article_ids}
    assert not in_digest & {"lokal-1", "lokal-2", "bola-1"}
    local = next(s for s in digest.all_stories if "lokal-1" in s.article_ids)
    assert not local.is_world
    assert set(local.article_ids) == {"lokal-1", "lokal-2"}


def test_indonesias_foreign_relations_count_as_world_news(items):
    d = make_digest(items, DAY, top=5)
    canberra = next(s for s in d.all_stories if "canberra-1" in s.article_ids)
    assert canberra.is_world and "AUS" in canberra.countries


def test_no_story_twice(digest):
    seen: set[str] = set()
    for s in digest.stories:
        assert not seen & set(s.article_ids)
        seen |= set(s.article_ids)
    assert len({s.id for s in digest.stories}) == len(digest.stories) == 3


def test_rank_prefers_coverage_and_demotes_a_story_that_only_continues_yesterday(digest, items):
    assert digest.stories[0].article_ids and "pakta-1" in digest.stories[0].article_ids
    flood = next(s for s in digest.all_stories if "banjir-3" in s.article_ids)
    assert flood.score_parts.get("novelty", 0) < 0
    assert any("without growing" in r for r in flood.reasons)
    assert flood not in digest.stories
    fresh = make_digest(items, DAY, top=5)  # without yesterday's stories nothing is demoted
    assert all("novelty" not in s.score_parts for s in fresh.all_stories)


# --- each item ----------------------------------------------------------------------------------------

def test_items_have_headline_summary_and_the_best_articles_link(digest):
    urls = {a.id: a.url for a in ALL}
    for s in digest.stories:
        assert s.headline and s.headline[0].isupper()
        assert 2 <= len(s.summary) <= 4
        assert s.url == urls[s.best_article_id] and s.best_article_id in s.article_ids
        assert s.day == DAY


def test_summary_sentences_come_from_the_articles_without_datelines(digest):
    texts = {a.id: a.text for a in ALL}
    for s in digest.stories:
        for para in s.summary:
            assert not re.match(r"^[A-Z ]+, KOMPAS\.com|^TEMPO\.CO|^\w+ \(ANTARA\)", para)
            for sentence in re.split(r"(?<=[.!?\"”])\s+(?=[\"“A-Z0-9])", para):
                assert any(sentence in t for t in (texts[i] for i in s.article_ids)), sentence


def test_the_story_keeps_one_strong_direct_quote(digest):
    canberra = story_with(digest, "canberra-1")
    assert canberra.quote is not None
    assert any("mitra penting" in p for p in canberra.summary)


def test_headlines_are_title_cased():
    from warta.stories.headline import case_evidence, title_case

    text = ("Kementerian Luar Negeri RI mengecam serangan Israel ke Gaza. Menurut Kemlu RI, serangan itu "
            "melanggar hukum internasional dan resolusi PBB.")
    assert title_case("kemlu ri kecam serangan israel ke gaza", [text]) == "Kemlu RI Kecam Serangan Israel ke Gaza"
    assert title_case("Jepang-Filipina tandatangani pakta pertahanan") == "Jepang-Filipina Tandatangani Pakta Pertahanan"
    assert title_case("dybala.ungkap.ketakutan.pemain.juventus") == "Dybala Ungkap Ketakutan Pemain Juventus"
    assert title_case("real madrid menang 3 0 atas barcelona", ["Para pemain Real Madrid menang 3-0 atas Barcelona."]) \
        == "Real Madrid Menang 3-0 atas Barcelona"
    ev = case_evidence(["Kunjungan itu dibahas oleh KPK dan iPhone baru."])
    assert title_case("kpk bahas iphone", evidence=ev) == "KPK Bahas iPhone"


# --- rendering ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, expected", [
    (date(2023, 5, 25), "Kamis, 25 Mei 2023"),
    (date(2024, 8, 17), "Sabtu, 17 Agustus 2024"),
    (date(2025, 1, 5), "Minggu, 5 Januari 2025"),
    (date(2022, 12, 12), "Senin, 12 Desember 2022"),
])
def test_edition_dates_use_indonesian_day_and_month_names(day, expected):
    assert edition_date(day) == expected


def test_text_digest_has_the_seed_shape(digest):
    text = render(digest, "text")
    lines = text.splitlines()
    assert lines[0].startswith("Top 3 Dunia edisi Kamis, 25 Mei 2023, dibuka dengan berita ")
    assert "Berita kedua soal " in lines[0] and "Berita ketiga tentang " in lines[0]
    assert lines[2] == "Berikut Top 3 Dunia selengkapnya:"
    numbered = [l for l in lines if re.match(r"^\d\. ", l)]
    assert [l.split(". ", 1)[1] for l in numbered] == [s.headline for s in digest.stories]
    read_more = [l for l in lines if l.startswith("Baca di sini untuk berita selengkapnya.")]
    assert read_more == [f"Baca di sini untuk berita selengkapnya. {s.url}" for s in digest.stories]


def test_intro_gists_come_from_the_stories(digest):
    intro = render(digest, "text").splitlines()[0]
    for s in digest.stories:
        assert s.gist in intro
        gist_words = set(re.findall(r"\w+", s.gist.lower()))
        story_words = set(re.findall(r"\w+", " ".join([s.headline, *s.summary]).lower()))
        assert gist_words <= story_words


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.h2 = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs)["href"])
        self.h2 += tag == "h2"


def test_markdown_html_and_json_carry_the_same_digest(digest):
    md = render(digest, "markdown")
    for s in digest.stories:
        assert f"[Baca di sini untuk berita selengkapnya.](<{s.url}>)" in md
    parser = _Links()
    page = render(digest, "html")
    parser.feed(page)
    assert parser.links == [s.url for s in digest.stories] and parser.h2 == 3
    assert '<html lang="id">' in page
    data = json.loads(render(digest, "json"))
    assert data["date"] == "2023-05-25" and data["edition_date"] == "Kamis, 25 Mei 2023"
    assert [x["rank"] for x in data["stories"]] == [1, 2, 3]
    assert [x["url"] for x in data["stories"]] == [s.url for s in digest.stories]


def test_a_day_without_world_news_says_so(items):
    local_only = [it for it in items if it.article.id.startswith(("lokal", "bola"))]
    d = make_digest(local_only, DAY, top=3)
    assert d.stories == [] and d.articles == 3
    assert render(d, "text").strip() == "Tidak ada berita dunia pada Kamis, 25 Mei 2023."


# --- store and command line -------------------------------------------------------------------------

@pytest.fixture()
def db(tmp_path):
    from warta.store import open_store
    from warta.store.records import insert_articles

    path = tmp_path / "digest.duckdb"
    con = open_store(path)
    con.execute("BEGIN TRANSACTION")
    insert_articles(con, ALL, None)
    con.execute("COMMIT")
    con.close()
    return path


def test_digest_persists_the_days_stories_and_replaces_them_on_rerun(db):
    from warta.stories.store import digest_for_day
    from warta.store import open_store

    con = open_store(db)
    try:
        first = digest_for_day(con, DAY, top=3)
        again = digest_for_day(con, DAY, top=3)
        rows = con.execute("SELECT story_id, is_world, headline FROM stories WHERE day = ?", [DAY]).fetchall()
        links = con.execute("SELECT count(*), count(DISTINCT article_id) FROM story_articles sa "
                            "JOIN stories s USING (story_id) WHERE s.day = ?", [DAY]).fetchone()
    finally:
        con.close()
    assert [s.id for s in first.stories] == [s.id for s in again.stories]
    assert len(rows) == len(first.all_stories)
    assert links[0] == links[1]  # every article in exactly one story of the day
    assert {r[0] for r in rows if r[1]} >= {s.id for s in first.stories}


def test_cli_digest_formats_and_errors(db):
    from typer.testing import CliRunner

    from warta.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["digest", "--db", str(db), "--format", "json", "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["date"] == "2023-05-25" and len(data["stories"]) == 3  # default: the latest day
    res = runner.invoke(app, ["digest", "--db", str(db), "--date", "2023-05-24", "--top", "1"])
    assert res.exit_code == 0 and res.stdout.startswith("Top 1 Dunia edisi Rabu, 24 Mei 2023")
    res = runner.invoke(app, ["digest", "--db", str(db), "--date", "25-05-2023"])
    assert res.exit_code != 0 and "YYYY-MM-DD" in str(res.exception)
    res = runner.invoke(app, ["digest", "--db", str(db), "--format", "pdf"])
    assert res.exit_code != 0


def test_stored_digest_reads_back_whole_on_a_read_only_connection(db):
    from warta.stories.store import digest_for_day, load_digest, story_day
    from warta.store import open_store

    con = open_store(db)
    try:
        built = digest_for_day(con, DAY, top=3)
    finally:
        con.close()
    ro = open_store(db, read_only=True)
    try:
        loaded = load_digest(ro, DAY, top=3)
        longer = load_digest(ro, DAY, top=5)
        info = story_day(ro, DAY)
        assert load_digest(ro, date(2023, 5, 20), top=3) is None  # never built
    finally:
        ro.close()
    assert loaded.to_dict() == built.to_dict()  # every field of every story, the intro, the counts
    assert render(loaded, "text") == render(built, "text")
    assert [s.id for s in longer.stories[:3]] == [s.id for s in built.stories]
    assert [s.id for s in longer.stories] == [s.id for s in built.lineup[:5]]
    assert (info.articles, info.stories, info.world_stories, info.stale) == \
        (built.articles, built.stories_total, built.world_stories, False)


def test_building_many_days_equals_building_each_day(db, tmp_path):
    import shutil

    from warta.stories.store import build_days, digest_for_day
    from warta.store import open_store

    other = tmp_path / "other.duckdb"
    shutil.copy(db, other)
    con = open_store(db)
    try:
        together = {d.day: d.to_dict() for d in build_days(con, [DAY, YESTERDAY], top=3)}
    finally:
        con.close()
    con = open_store(other)
    try:
        one_by_one = {day: digest_for_day(con, day, top=3).to_dict() for day in (YESTERDAY, DAY)}
    finally:
        con.close()
    assert together == one_by_one


def test_twins_are_left_out_of_the_lineup_with_a_reason(items):
    d = make_digest(items, DAY, top=10)
    shown = {s.id for s in d.lineup}
    for s in d.all_stories:
        if s.is_world and s.id not in shown:
            assert any("left out of the digest" in r for r in s.reasons)
    assert d.stories == d.lineup[:10]


def test_served_digest_is_what_warta_digest_printed(db):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from warta.api.app import create_app
    from warta.cli import app

    printed = CliRunner().invoke(app, ["digest", "--db", str(db), "--date", "2023-05-25", "--format", "json", "-q"])
    assert printed.exit_code == 0, printed.output
    text = CliRunner().invoke(app, ["digest", "--db", str(db), "--date", "2023-05-25", "--no-save", "-q"]).stdout
    api = create_app(db)
    try:
        client = TestClient(api)
        served = client.get("/api/digest?date=2023-05-25").json()
        served_text = client.get("/api/digest?date=2023-05-25&format=text").text
    finally:
        api.state.store.close()
    api_only = {"previous_date", "next_date", "built_at", "stale"}
    for story in served["stories"]:
        del story["articles"], story["article_path"]
    assert {k: v for k, v in served.items() if k not in api_only} == json.loads(printed.stdout)
    assert served_text == text


# --- the intro's gists ---------------------------------------------------------------------------------

def test_gist_of_a_headline_that_reads_as_a_clause_is_the_headline():
    from warta.stories.gist import choose_gist
    from warta.stories.headline import case_evidence

    ev = case_evidence(["Menurut laporan itu, China dan Rusia memperkuat kerja sama."])
    assert choose_gist("China dan Rusia Perkuat Kerja Sama", ["China dan Rusia memperkuat kerja sama."], ev) \
        == "China dan Rusia perkuat kerja sama"


def test_gist_drops_a_leading_day_and_prefers_the_storys_own_sentence():
    from warta.stories.gist import choose_gist, reads_as_clause, strip_leading_time
    from warta.stories.headline import case_evidence

    assert strip_leading_time("Rabu dilantik, Halimah Yacob …") == "dilantik, Halimah Yacob …"
    assert not reads_as_clause("dilantik Halimah Yacob jadi presiden")  # a passive verb first
    assert not reads_as_clause("dengan rompi anti peluru Siti Aisyah hadiri sidang")  # a fronted clause
    assert reads_as_clause("Siti Aisyah hadiri sidang kedua")
    sentences = [
        "Negara tetangga, Singapura, akan mencatat sejarah.",  # says too little of the headline
        "Wanita berhijab ini juga akan menjadi orang Melayu pertama yang menjadi presiden.",  # leans back
        "Halimah Yacob, Rabu (13/9/2017), akan dilantik setelah Departemen Pemilu menyatakan hanya dia "
        "yang layak mendapatkan sertifikat untuk mencalonkan diri dalam pemilihan presiden tahun ini, kata "
        "pejabat pemilu.",
    ]
    ev = case_evidence(sentences)
    gist = choose_gist("Rabu Dilantik, Halimah Yacob Wanita Pertama Jadi Presiden Singapura", sentences, ev)
    assert gist == "Halimah Yacob akan dilantik"  # day and date dropped, cut before "setelah …"


def test_gist_of_a_slug_headline_is_a_sentence_cut_to_its_main_clause():
    from warta.stories.gist import choose_gist
    from warta.stories.headline import case_evidence, title_case

    text = ("Kuwait memerintahkan pengusiran 15 diplomat Iran setelah pengadilan tertinggi kerajaan tersebut "
            "menjatuhkan hukuman untuk sel teror yang disebut terkait dengan Teheran.")
    headline = title_case("kuwait usir diplomat iran terkait teror", [text])
    gist = choose_gist(headline, [text], case_evidence([text]), from_slug=True)
    assert gist.startswith("Kuwait memerintahkan pengusiran 15 diplomat Iran")
    assert len(gist.split()) <= 16 and "yang disebut" not in gist
    # The words of a gist are the story's own.
    assert set(gist.lower().split()) <= set(text.lower().replace(".", "").split())


def test_reader_links_lose_click_tracking():
    from warta.stories.text import clean_url

    assert clean_url("https://www.antaranews.com/berita/1/judul?utm_source=topnews&utm_medium=home&id=7") == \
        "https://www.antaranews.com/berita/1/judul?id=7"
    assert clean_url("https://x.example/a?utm_campaign=news") == "https://x.example/a"
    assert clean_url("https://x.example/a") == "https://x.example/a" and clean_url(None) is None


def test_stories_built_before_new_articles_arrived_are_stale(db):
    from warta.stories.store import digest_for_day, story_day
    from warta.store import open_store
    from warta.store.records import insert_articles

    con = open_store(db)
    try:
        digest_for_day(con, DAY, top=3)
        assert story_day(con, DAY).stale is False
        late = art("gempa-3", DAY, "antara.example", "Korban Gempa Chile Bertambah",
                   "Santiago (ANTARA) - Korban tewas gempa di Chile utara bertambah menjadi 15 orang.")
        con.execute("BEGIN TRANSACTION")
        insert_articles(con, [late], None)
        con.execute("COMMIT")
        assert story_day(con, DAY).stale is True
        assert story_day(con, DAY + timedelta(days=3)) is None
    finally:
        con.close()


def test_cli_builds_every_day_for_the_server(db):
    from typer.testing import CliRunner

    from warta.cli import app
    from warta.stories.store import load_digest
    from warta.store import open_store

    res = CliRunner().invoke(app, ["digest", "--db", str(db), "--all-days", "-q"])
    assert res.exit_code == 0, res.output
    assert "stories built for 2 day(s) (2023-05-24 … 2023-05-25)" in res.stdout
    con = open_store(db, read_only=True)
    try:
        assert load_digest(con, YESTERDAY) is not None and load_digest(con, DAY).stories
    finally:
        con.close()
    bad = CliRunner().invoke(app, ["digest", "--db", str(db), "--all-days", "--date", "2023-05-25"])
    assert bad.exit_code != 0
