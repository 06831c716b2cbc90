"""The quotes stage on text written for these tests: every form of direct and indirect quote, the
mis-spaced quotation marks real corpora carry, and speaker resolution. Most tests run the stage alone
on a ``Doc`` without mentions (the backup name finder then stands in for the NER) or with mentions
built by hand; the ``pipeline`` tests run segment → mentions → quotes as ``warta analyze`` does."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyse.quotes import find_quotes
from warta.model import Actor, Article, Doc, Mention, Quote

MARKS = "\"“”‘’'"


def quotes_of(text: str, mentions: list[Mention] | None = None) -> list[Quote]:
    doc = Doc(article=Article(id="t", text=text), text=text)
    doc.mentions = mentions or []
    find_quotes(doc)
    return doc.quotes


def pipeline_quotes(text: str, published: date = date(2024, 3, 5)) -> list[Quote]:
    from warta.analyse import mentions, segment

    doc = Doc(article=Article(id="t", text=text, published=published), text=text)
    segment.segment(doc)
    mentions.find_mentions(doc)
    find_quotes(doc)
    return doc.quotes


def only(quotes: list[Quote], direct: bool | None = None) -> list[Quote]:
    return [q for q in quotes if direct is None or q.direct == direct]


def name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


def mention(text: str, surface: str, label: str, actor: Actor | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(text=surface, start=start, end=start + len(surface), sentence=0, label=label, actor=actor)


# ---------------------------------------------------------------------------------------------
# Direct quotes
# ---------------------------------------------------------------------------------------------

def test_cue_after_typographic_marks_and_the_statement_span() -> None:
    text = ("Menteri Luar Negeri Retno Marsudi bertemu dengan mitranya di Jakarta, Senin.\n"
            "“Kami sepakat memperkuat kerja sama maritim di kawasan,” kata Retno kepada wartawan.")
    [q] = only(quotes_of(text), direct=True)
    assert q.text == "Kami sepakat memperkuat kerja sama maritim di kawasan"
    assert text[q.start:q.end] == q.text  # offsets into the text; no marks, no handing-over comma
    assert q.cue == "kata" and q.rule == "direct:cue-after"
    assert name(q) == "Retno Marsudi" and q.speaker.text == "Retno"
    assert q.sentence == 1


def test_cue_before_with_comma_and_with_colon() -> None:
    text = ("Perdana Menteri Jepang Fumio Kishida mengatakan, \"Jepang akan menambah bantuan kemanusiaan.\"\n"
            "Kishida kemudian menambahkan: \"Kami tidak akan tinggal diam.\"")
    qs = only(quotes_of(text), direct=True)
    assert [q.text for q in qs] == ["Jepang akan menambah bantuan kemanusiaan.", "Kami tidak akan tinggal diam."]
    assert [q.cue for q in qs] == ["mengatakan", "menambahkan"]
    assert all(q.rule == "direct:cue-before" for q in qs)
    assert [name(q) for q in qs] == ["Fumio Kishida", "Fumio Kishida"]
    assert qs[0].speaker.country == "JPN"  # from "Jepang" in the role phrase, without the NER


def test_katanya_and_kata_dia_refer_to_the_last_speaker() -> None:
    text = ("Juru bicara Kementerian Luar Negeri Lalu Muhamad Iqbal menjelaskan situasi di perbatasan.\n"
            "“Semua warga negara Indonesia dalam keadaan aman,” ujar Iqbal.\n"
            "“Kami terus memantau perkembangan di lapangan,” katanya.\n"
            "“Evakuasi belum diperlukan,” kata dia.")
    qs = only(quotes_of(text), direct=True)
    assert [q.cue for q in qs] == ["ujar", "katanya", "kata"]
    assert [name(q) for q in qs] == ["Lalu Muhamad Iqbal"] * 3
    assert qs[1].speaker.text == "nya" and text[qs[1].speaker.start:qs[1].speaker.end] == "nya"
    assert qs[2].speaker.text == "dia"


def test_a_paragraph_of_quotation_without_a_cue_continues_the_speaker() -> None:
    text = ("“Ekspor nikel tumbuh dua kali lipat tahun ini,” kata Menteri Perdagangan Budi Santoso.\n"
            "“Kami menargetkan pasar baru di Afrika dan Amerika Latin.”\n"
            "Harga nikel dunia turun sepanjang tahun lalu.")
    qs = only(quotes_of(text), direct=True)
    assert len(qs) == 2
    assert qs[1].rule == "direct:continues" and qs[1].cue is None
    assert name(qs[1]) == "Budi Santoso"


def test_a_quotation_run_over_paragraphs_takes_the_cue_of_its_last_paragraph() -> None:
    # the convention: every paragraph of a long quotation opens with a mark, only the last closes
    text = ("Gubernur Bank Indonesia Perry Warjiyo memaparkan arah kebijakan moneter.\n"
            "“Inflasi tetap terkendali dalam kisaran sasaran tiga persen.\n"
            "“Karena itu suku bunga acuan kami pertahankan bulan ini,” ujar Perry.")
    qs = only(quotes_of(text), direct=True)
    assert [q.text for q in qs] == ["Inflasi tetap terkendali dalam kisaran sasaran tiga persen.",
                                    "Karena itu suku bunga acuan kami pertahankan bulan ini"]
    assert [name(q) for q in qs] == ["Perry Warjiyo", "Perry Warjiyo"]


def test_a_closing_mark_used_to_open_as_pfsa_and_kompas_print_it() -> None:
    text = ("Kepala Dinas Kesehatan Kota Bogor Sri Nowo Retno meninjau posko vaksinasi.” Stok vaksin cukup "
            "untuk dua pekan. Kami minta warga datang sesuai jadwal,” kata Sri. Posko buka setiap hari.")
    [q] = only(quotes_of(text), direct=True)
    assert q.text == "Stok vaksin cukup untuk dua pekan. Kami minta warga datang sesuai jadwal"
    assert name(q) == "Sri Nowo Retno"


def test_mis_spaced_marks_glued_cues_and_a_space_before_the_closing_mark() -> None:
    text = ("Warga mengeluhkan banjir di Kampung Melayu.\n"
            "\" Air masuk sampai dada orang dewasa \", ucap Ketua RT setempat, Sutrisno.\n"
            "\"Kami butuh perahu karet,\"ujar Sutrisno.")
    qs = only(quotes_of(text), direct=True)
    assert [q.text for q in qs] == ["Air masuk sampai dada orang dewasa", "Kami butuh perahu karet"]
    assert [q.cue for q in qs] == ["ucap", "ujar"]
    assert [name(q) for q in qs] == ["Sutrisno", "Sutrisno"]


def test_single_quotation_marks_with_a_cue_and_apostrophes_left_alone() -> None:
    text = ("Wakil Presiden Ma’ruf Amin membuka pameran produk halal di Jakarta.\n"
            "‘Produk halal Indonesia harus merajai pasar dunia,’ kata Ma’ruf.")
    [q] = only(quotes_of(text), direct=True)
    assert q.text == "Produk halal Indonesia harus merajai pasar dunia"
    assert name(q) == "Ma’ruf Amin"


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = ("Diskusi bertajuk “Ekonomi Hijau untuk Semua” digelar di Bandung, Kamis. Putin menyebut Xi "
            "sebagai \"teman baik\" dalam pertemuan itu. Pemerintah menyiapkan istilah “pagar laut” baru.")
    assert only(quotes_of(text), direct=True) == []


def test_cues_inside_a_quotation_do_not_attribute_it() -> None:
    text = ("“Kalau kita biarkan, kata Mendagri, itu sama dengan membiarkan warga tertular,” kata Kapolda "
            "Metro Jaya Irjen Karyoto di Jakarta.")
    [q] = only(quotes_of(text), direct=True)
    assert q.text.startswith("Kalau kita biarkan, kata Mendagri")
    assert name(q) == "Karyoto"


# ---------------------------------------------------------------------------------------------
# Indirect quotes
# ---------------------------------------------------------------------------------------------

def test_reporting_verb_with_bahwa_and_with_a_comma() -> None:
    text = ("Menteri Keuangan Sri Mulyani Indrawati mengatakan bahwa defisit anggaran tetap di bawah tiga persen. "
            "Ia juga menegaskan, pemerintah tidak akan menambah utang baru tahun ini.")
    qs = only(quotes_of(text), direct=False)
    assert [q.text for q in qs] == ["defisit anggaran tetap di bawah tiga persen",
                                    "pemerintah tidak akan menambah utang baru tahun ini"]
    assert [q.cue for q in qs] == ["mengatakan", "menegaskan"]
    assert [q.rule for q in qs] == ["indirect:verb", "indirect:verb"]
    assert [name(q) for q in qs] == ["Sri Mulyani Indrawati"] * 2
    assert qs[1].speaker.text == "Ia"


def test_menurut_at_the_start_and_in_the_middle_of_a_sentence() -> None:
    text = ("Ekonom Universitas Indonesia Faisal Basri menyoroti harga beras. Menurut Faisal, impor beras "
            "seharusnya dihentikan saat panen raya. Saat ini, menurut dia, stok beras nasional masih aman.")
    qs = only(quotes_of(text), direct=False)
    assert [q.text for q in qs] == ["impor beras seharusnya dihentikan saat panen raya",
                                    "stok beras nasional masih aman"]
    assert all(q.rule == "indirect:menurut" for q in qs)
    assert [name(q) for q in qs] == ["Faisal Basri", "Faisal Basri"]


def test_a_statement_whose_quotation_marks_were_stripped() -> None:
    # AFP/Antara style as the bppt corpus carries it: the cue after a comma, no marks
    text = ("Pasukan kami tidak akan mundur dari perbatasan, kata juru bicara militer Thailand, "
            "Winthai Suvaree, kepada wartawan di Bangkok.")
    [q] = quotes_of(text)
    assert not q.direct and q.rule == "indirect:cue" and q.cue == "kata"
    assert q.text == "Pasukan kami tidak akan mundur dari perbatasan"
    assert name(q) == "Winthai Suvaree"


def test_juga_between_speaker_and_verb_and_a_parenthetical_cue() -> None:
    text = ("Direktur Eksekutif Indef Tauhid Ahmad juga mengatakan kenaikan tarif akan menekan daya beli. "
            "Namun, lanjut Tauhid, dampaknya baru terasa pada triwulan berikutnya.")
    qs = only(quotes_of(text), direct=False)
    assert [q.text for q in qs] == ["kenaikan tarif akan menekan daya beli",
                                    "dampaknya baru terasa pada triwulan berikutnya"]
    assert [name(q) for q in qs] == ["Tauhid Ahmad", "Tauhid Ahmad"]


def test_object_verbs_without_a_clause_are_not_reported_speech() -> None:
    text = ("Presiden Prabowo Subianto menyampaikan apresiasi kepada para petani. "
            "Ia juga menyebut nama tiga gubernur yang berhasil.")
    assert only(quotes_of(text), direct=False) == []


# ---------------------------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------------------------

def test_mentions_give_names_codes_and_countries() -> None:
    text = "“Kami menentang keras penjualan senjata itu,” kata Wang. Wang Wenbin memimpin jumpa pers."
    wang = Actor(name="Wang Wenbin", code="CHNGOV", country="CHN", kind="person")
    [q] = only(quotes_of(text, [mention(text, "Wang", "PER", wang), mention(text, "Wang Wenbin", "PER", wang)]),
               direct=True)
    assert (q.speaker.text, q.speaker.name, q.speaker.code, q.speaker.country) == ("Wang", "Wang Wenbin", "CHNGOV", "CHN")


def test_a_body_speaks_through_its_mention() -> None:
    text = "Kementerian Luar Negeri China menyatakan bahwa Beijing tidak akan mundur dari klaimnya."
    body = Actor(name="Kementerian Luar Negeri China", code="CHNGOV", country="CHN", kind="organisation")
    [q] = quotes_of(text, [mention(text, "Kementerian Luar Negeri China", "ORG", body),
                           mention(text, "Beijing", "LOC", Actor(name="China", code="CHN", country="CHN"))])
    assert q.text == "Beijing tidak akan mundur dari klaimnya"
    assert (name(q), q.speaker.code, q.speaker.country) == ("Kementerian Luar Negeri China", "CHNGOV", "CHN")


def test_a_place_without_an_actor_never_speaks() -> None:
    text = "Dalam rapat di Jakarta, Selasa, mengatakan hal itu penting sekali bagi semua pihak."
    jakarta = mention(text, "Jakarta", "LOC")
    assert all(q.speaker is None or q.speaker.name != "Jakarta" for q in quotes_of(text, [jakarta]))


def test_a_described_speaker_keeps_its_description_and_country() -> None:
    text = "“Kami tidak akan mundur,” kata seorang pejabat senior AS kepada wartawan di Jenewa."
    usa = Actor(name="Amerika Serikat", code="USA", country="USA")
    [q] = quotes_of(text, [mention(text, "AS", "LOC", usa)])
    assert q.speaker.text == "seorang pejabat senior AS"
    assert q.speaker.name is None and q.speaker.country == "USA"


def test_a_pronoun_skips_people_mentioned_as_objects() -> None:
    text = ("Kepala Bidang Humas Polda Metro Jaya Kombes Ade Ary Syam Indradi mengatakan, penyidik sudah "
            "memeriksa tujuh saksi. Pemeriksaan terhadap Rizal Ramli dijadwalkan pekan depan.\n"
            "“Kami bekerja sesuai prosedur,” ujarnya.")
    [q] = only(quotes_of(text), direct=True)
    assert name(q) == "Ade Ary Syam Indradi"


def test_a_new_person_introduced_as_subject_takes_over_a_following_pronoun() -> None:
    text = ("“Kami menghargai keputusan KPU,” kata Dede kepada wartawan.\n"
            "Anggota Komisi II DPR Mardani Ali Sera mengapresiasi langkah KPU. Menurutnya, dokumen "
            "pencalonan memang harus terbuka bagi publik.")
    dede = Actor(name="Dede Yusuf", kind="person", country="IDN")
    mardani = Actor(name="Mardani Ali Sera", kind="person", country="IDN")
    ms = [mention(text, "Dede", "PER", dede), mention(text, "Mardani Ali Sera", "PER", mardani)]
    [q] = only(quotes_of(text, ms), direct=False)
    assert q.cue == "Menurutnya" and name(q) == "Mardani Ali Sera"


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\n ", "\"", "“”", "”“”“", "kata", "\"\"\" kata \"\"\"", "Menurut"])
def test_degenerate_text_gives_no_quotes_and_no_error(text: str) -> None:
    assert quotes_of(text) == []


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["Kami siap", ", kata Ali.", " ujarnya", " Menurut Budi,", " mengatakan ",
                                 "\n", ". ", "dia", " Presiden Joko Widodo"] + list(MARKS)), max_size=30))
def test_any_mix_of_marks_and_cues_gives_valid_quotes(parts: list[str]) -> None:
    text = "".join(parts)
    for q in quotes_of(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text and q.text == q.text.strip()
        assert not q.text[0] in "\"“”" and not q.text[-1] in "\"“”,"
        if q.speaker is not None and q.speaker.end:
            assert 0 <= q.speaker.start <= q.speaker.end <= len(text)


# ---------------------------------------------------------------------------------------------
# With the segmenter and the NER (as `warta analyze` runs it)
# ---------------------------------------------------------------------------------------------

def test_pipeline_bodies_and_foreign_leaders() -> None:
    text = ("Kementerian Luar Negeri China menyatakan bahwa Beijing menentang penjualan senjata Amerika Serikat "
            "ke Taiwan.\n"
            "\"Tidak ada yang berubah dalam kebijakan kami,\" ujar juru bicara Gedung Putih, John Kirby.\n"
            "Kremlin juga menilai bahwa Barat terus memprovokasi ketegangan di Asia.")
    qs = pipeline_quotes(text)
    by_cue = {q.cue: q for q in qs}
    assert (by_cue["menyatakan"].speaker.code, by_cue["menyatakan"].speaker.country) == ("CHNGOV", "CHN")
    assert (name(by_cue["ujar"]), by_cue["ujar"].speaker.country) == ("John Kirby", "USA")
    assert by_cue["ujar"].direct and not by_cue["menilai"].direct
    assert (by_cue["menilai"].speaker.country, by_cue["menilai"].speaker.code) == ("RUS", "RUSGOV")


@pytest.mark.shared
def test_seed_example_three_mishustin_quotes(seed_example) -> None:
    text = seed_example.read_text(encoding="utf-8")
    for qs in (only(quotes_of(text), direct=True), only(pipeline_quotes(text, date(2023, 5, 25)), direct=True)):
        mishustin = [q for q in qs if name(q) == "Mikhail Mishustin"]
        assert len(mishustin) == 3
        assert [q.cue for q in mishustin] == ["kata", "katanya", None]  # the third continues, no cue
        assert mishustin[0].text.startswith("Hari ini, hubungan antara Rusia dan China")
        assert mishustin[2].rule == "direct:continues"
        assert all(q.speaker.country == "RUS" for q in mishustin)
        assert all(text[q.start:q.end] == q.text and q.text[0] not in "“\"" for q in mishustin)
        # "teman baik" and "tanpa batas" are scare quotes, not speech
        assert not any(q.text in ("teman baik", "tanpa batas") for q in qs)


def test_the_speech_cue_file_loads_and_a_malformed_one_is_a_clear_error() -> None:
    from warta.errors import WartaError
    from warta.lang.id import speech

    cues = speech.load()
    assert {"kata", "ujar", "tutur"} <= cues.direct_cues and "mengatakan" in cues.reporting_verbs
    assert "menurut" in cues.according_to and "ia" in cues.pronouns
    with pytest.raises(WartaError, match="direct_cues"):
        speech.parse("direct_cues: kata\n")
    with pytest.raises(WartaError, match="not valid YAML"):
        speech.parse("direct_cues: [kata\n")
