"""Sentences, paragraphs, datelines and tokens on text written for these tests (and the seed
example from ../shared, which is read at test time, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyse.segment import dateline, segment, split_sentences
from warta.analyse.tokenize import TokenList, tokenize
from warta.model import Article, Doc


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, dateline(text))]


# --- sentences ------------------------------------------------------------------------------------

def test_abbreviations_and_titles_do_not_end_sentences() -> None:
    text = ("Rektor Prof. Dr. H. Ahmad Sulaiman, S.H., M.Si. membuka acara di Jl. Gatot Subroto No. 12. "
            "Acara itu dihadiri dr. Rina dan Kol. Inf. Budi. Peserta membawa buku, alat tulis, dll. "
            "Semua berjalan lancar.")
    assert texts(text) == [
        "Rektor Prof. Dr. H. Ahmad Sulaiman, S.H., M.Si. membuka acara di Jl. Gatot Subroto No. 12.",
        "Acara itu dihadiri dr. Rina dan Kol. Inf. Budi.",
        "Peserta membawa buku, alat tulis, dll.",
        "Semua berjalan lancar.",
    ]


def test_initials_stay_inside_a_sentence() -> None:
    text = "Presiden ketiga B. J. Habibie lahir di Parepare. Susilo B. Yudhoyono menjabat dua periode."
    assert texts(text) == ["Presiden ketiga B. J. Habibie lahir di Parepare.",
                           "Susilo B. Yudhoyono menjabat dua periode."]


def test_numbers_times_and_dates_do_not_split() -> None:
    text = ("Harga naik menjadi Rp 1.500 atau 3,5 persen sejak 24.5.2023 pukul 10.30. "
            "Inflasi 2,65% tercatat pada 1.9.2025. Ekspor turun.")
    assert texts(text) == ["Harga naik menjadi Rp 1.500 atau 3,5 persen sejak 24.5.2023 pukul 10.30.",
                           "Inflasi 2,65% tercatat pada 1.9.2025.", "Ekspor turun."]


def test_ellipsis_ends_a_sentence_only_before_a_capital() -> None:
    assert texts("Kami menunggu... Kemudian hujan turun.") == ["Kami menunggu...", "Kemudian hujan turun."]
    assert texts("Kami menunggu... lalu hujan turun.") == ["Kami menunggu... lalu hujan turun."]
    assert texts("Ia bertanya, “Kapan?” Tidak ada jawaban.") == ["Ia bertanya, “Kapan?”", "Tidak ada jawaban."]


def test_urls_and_emails() -> None:
    text = ("Pendaftaran dibuka di https://karier.contoh.co.id/daftar. Kirim berkas ke hrd@contoh.co.id. "
            "Informasi lain ada di www.contoh.com dan Kompas.com.")
    assert texts(text) == ["Pendaftaran dibuka di https://karier.contoh.co.id/daftar.",
                           "Kirim berkas ke hrd@contoh.co.id.",
                           "Informasi lain ada di www.contoh.com dan Kompas.com."]


def test_list_numbers_do_not_make_sentences() -> None:
    text = "Syaratnya sebagai berikut:\n1. Warga negara Indonesia.\n### 2. Berusia di atas 18 tahun\na. Sehat."
    assert texts(text) == ["Syaratnya sebagai berikut:", "1. Warga negara Indonesia.",
                           "### 2. Berusia di atas 18 tahun", "a. Sehat."]


def test_quotation_of_several_sentences_keeps_its_cue_with_the_last() -> None:
    text = ("“Kerja sama kedua negara sangat penting. Kami akan memperluasnya tahun depan. "
            "Tidak ada yang bisa menghentikan itu,” kata Menteri Luar Negeri Retno Marsudi. "
            "“Setuju!” ujar koleganya.")
    assert texts(text) == [
        "“Kerja sama kedua negara sangat penting.",
        "Kami akan memperluasnya tahun depan.",
        "Tidak ada yang bisa menghentikan itu,” kata Menteri Luar Negeri Retno Marsudi.",
        "“Setuju!” ujar koleganya.",
    ]
    # a quoted question or exclamation followed by its cue stays one sentence
    assert texts('"Mengapa harus sekarang?" tanya wartawan itu.') == ['"Mengapa harus sekarang?" tanya wartawan itu.']


def test_paragraphs_from_blank_lines_and_newlines() -> None:
    text = "Paragraf pertama. Masih pertama.\n\nParagraf kedua.\nParagraf ketiga.\n\n---\n\n[img.2]\n"
    sentences = split_sentences(text)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Paragraf pertama.", 0), ("Masih pertama.", 0), ("Paragraf kedua.", 1), ("Paragraf ketiga.", 2),
        ("[img.2]", 3),
    ]
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_a_headline_line_without_punctuation_is_its_own_sentence() -> None:
    assert texts("Menlu Bertemu Dubes\nMenteri Luar Negeri menerima duta besar.") == \
        ["Menlu Bertemu Dubes", "Menteri Luar Negeri menerima duta besar."]


# --- datelines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("opening, place, outlet", [
    ("JAKARTA, KOMPAS.com — ", "JAKARTA", "KOMPAS.com"),
    ("WASHINGTON, KOMPAS.com - ", "WASHINGTON", "KOMPAS.com"),
    ("TEMPO.CO, Jakarta - ", "Jakarta", "TEMPO.CO"),
    ("TEMPO.CO,Jakarta- ", "Jakarta", "TEMPO.CO"),
    ("Jakarta (ANTARA) - ", "Jakarta", "ANTARA"),
    ("Jeddah (ANTARA News) - ", "Jeddah", "ANTARA News"),
    ("Liputan6.com, Jakarta - ", "Jakarta", "Liputan6.com"),
    ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia"),
    ("Jakarta, CNN Indonesia - - ", "Jakarta", "CNN Indonesia"),
    ("KUALA LUMPUR, KOMPAS.com -\xa0", "KUALA LUMPUR", "KOMPAS.com"),
    ("Bisnis.com, JAKARTA — ", "JAKARTA", "Bisnis.com"),
    ("KOMPAS.com - ", None, "KOMPAS.com"),
    ("Suara.com - ", None, "Suara.com"),
    ("SPANYOL – ", "SPANYOL", None),
    ("Jakarta - ", "Jakarta", None),
])
def test_datelines(opening: str, place: str | None, outlet: str | None) -> None:
    body = "Pemerintah Rusia mengecam sanksi baru Uni Eropa. Moskow menyiapkan balasan."
    text = opening + body
    d = dateline(text)
    assert d is not None
    assert d.place == place and d.outlet == outlet
    assert text[d.start:d.end] == opening.rstrip(" \xa0")
    if place:
        assert text[d.place_start:d.place_end] == place
    sentences = split_sentences(text, d)
    assert sentences[0].text == "Pemerintah Rusia mengecam sanksi baru Uni Eropa."
    assert all(s.start >= d.end for s in sentences)


def test_no_dateline_in_ordinary_openings() -> None:
    for text in ("Presiden Joko Widodo - yang baru tiba - langsung rapat.",
                 "Harga emas turun. KOMPAS.com - mencatat penurunan itu.",
                 "Menteri Luar Negeri Sugiono bertemu mitranya dari Jepang.",
                 # a hyphen inside a name or a route is no dateline dash
                 "Perang Iran-Israel masih berkecamuk hingga Sabtu (14/6/2025).",
                 "AS-China sepakat menurunkan tarif.",
                 "Jakarta-Ciwidey bisa ditempuh dengan kereta."):
        assert dateline(text) is None
        assert texts(text)[0].startswith(text.split()[0])


def test_a_dateline_without_outlet_needs_a_space_by_its_dash() -> None:
    for opening, place in (("JAKARTA– ", "JAKARTA"), ("Jakarta- ", "Jakarta"), ("SPANYOL – ", "SPANYOL")):
        d = dateline(opening + "Pemerintah mengumumkan kebijakan baru.")
        assert d is not None and d.place == place and d.outlet is None


def test_dateline_after_a_headline_on_the_same_line() -> None:
    text = "WNI Dipulangkan dari Kamboja PHNOM PENH, KOMPAS.com - Sebanyak 20 WNI tiba di Jakarta."
    d = dateline(text)
    assert d is not None and d.place == "PHNOM PENH"
    assert texts(text) == ["WNI Dipulangkan dari Kamboja", "Sebanyak 20 WNI tiba di Jakarta."]


def test_segment_stage_sets_dateline_sentences_and_lazy_tokens() -> None:
    text = "BEIJING, KOMPAS.com - Xi Jinping menerima Putin. Keduanya berunding.\n\nHasilnya belum jelas."
    doc = Doc(article=Article(id="t", text=text), text=text)
    segment(doc)
    assert doc.dateline is not None and doc.dateline.place == "BEIJING"
    assert [(s.text, s.paragraph) for s in doc.sentences] == [
        ("Xi Jinping menerima Putin.", 0), ("Keduanya berunding.", 0), ("Hasilnya belum jelas.", 1)]
    assert isinstance(doc.tokens, TokenList)
    assert doc.tokens[0].text == "BEIJING" and len(doc.tokens) == len(tokenize(text))
    assert [t.text for t in doc.tokens][-2:] == ["jelas", "."]


# --- offsets --------------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Presiden", "Prof.", "Dr.", "B.", "J.", "Habibie", "Rp", "1.500", "3,5", "persen", "pukul", "10.30.",
    "kata", "dia.", "“Kami", "siap.”", "Ya!", "...", "Jl.", "No.", "12.", "dll.", "\n", "\n\n", " ", "?",
    "JAKARTA,", "KOMPAS.com", "—", "www.kompas.com.", "(", ")", "Senin", "(3/11).", "\xa0", "1.", "a.",
]), max_size=40))
def test_offsets_slice_the_text_exactly(words: list[str]) -> None:
    text = " ".join(words)
    sentences = split_sentences(text, dateline(text))
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        assert "\n" not in s.text
        previous_end = s.end
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text and not t.text.isspace()


# --- tokens ---------------------------------------------------------------------------------------

def test_tokens() -> None:
    text = ("Prof. Dr. Rina (Jl. Merdeka No. 5) menilai negara-negara G20 pasca-Covid-19 tumbuh 3,5% "
            "atau Rp1.500 triliun pada 24/5/2023 pukul 10.30... Lihat https://contoh.id/data. “Ya,” kata Jum'at.")
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    assert words == [
        "Prof.", "Dr.", "Rina", "(", "Jl.", "Merdeka", "No.", "5", ")", "menilai", "negara-negara", "G20",
        "pasca-Covid-19", "tumbuh", "3,5", "%", "atau", "Rp", "1.500", "triliun", "pada", "24/5/2023", "pukul",
        "10.30", "...", "Lihat", "https://contoh.id/data", ".", "“", "Ya", ",", "”", "kata", "Jum'at", ".",
    ]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    shifted = tokenize("Rusia menyerang.", offset=100)
    assert [(t.text, t.start, t.end) for t in shifted] == [("Rusia", 100, 105), ("menyerang", 106, 115), (".", 115, 116)]


def test_token_list_behaves_like_a_list() -> None:
    text = "Kedua negara sepakat."
    lazy = TokenList(text)
    assert lazy == tokenize(text) and tokenize(text) == lazy
    assert len(lazy) == 4 and lazy[-1].text == "." and [t.text for t in lazy[1:3]] == ["negara", "sepakat"]
    assert list(reversed(lazy))[0].text == "."
    lazy.append(lazy[0])
    assert len(lazy) == 5


# --- the seed example (read from ../shared at test time) -------------------------------------------

@pytest.mark.shared
def test_seed_example_sentences(seed_example: Path) -> None:
    text = seed_example.read_text(encoding="utf-8")
    sentences = split_sentences(text, dateline(text))
    assert dateline(text) is None
    assert all(text[s.start:s.end] == s.text for s in sentences)
    quoted = [s.text for s in sentences if s.text.startswith("“")]
    assert len(quoted) == 3
    assert quoted[0].endswith("kata Mishustin kepada Li dalam pertemuan mereka di Beijing.")
    assert quoted[1].endswith("katanya.")
    assert quoted[2].endswith("gunung.”")
    # every line of the item is a paragraph of its own, and no sentence crosses a line
    assert len({s.paragraph for s in sentences}) == len([line for line in text.splitlines() if line.strip()])
