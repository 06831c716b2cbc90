"""Normalisation, boilerplate removal, language identification, dates and ids."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from ingest_texts import ENGLISH, GEMPA, MALAY, MARITIM_AGENCY
from warta.ingest.ids import canonical_url, derived_id
from warta.ingest.langid import detect_language, id_or_ms
from warta.ingest.normalise import normalise_line, normalise_text, strip_boilerplate
from warta.ingest.prepare import prepare
from warta.ingest.published import parse_published
from warta.model import Article, Provenance, Quarantined


def test_normalise_unicode_spaces_and_paragraphs() -> None:
    decomposed = unicodedata.normalize("NFD", "Menlu menyambut kedatangan Perdana Menteri Prancis di Élysée")
    raw = ("  Judul\u00a0berita\t di\u200b sini  \r\n\r\n\r\n"
           f"{decomposed}.\u2028Paragraf  baru\u00ad lagi.\n   \n“Kutipan” dan ‘kutipan’ tetap — ya…\x07\n")
    text = normalise_text(raw)
    assert text == ("Judul berita di sini\n\n"
                    "Menlu menyambut kedatangan Perdana Menteri Prancis di Élysée.\n\n"
                    "Paragraf baru lagi.\n\n"
                    "“Kutipan” dan ‘kutipan’ tetap — ya…")
    assert unicodedata.is_normalized("NFC", text)
    assert normalise_text(text) == text  # idempotent


def test_normalise_line() -> None:
    assert normalise_line("  Menlu\nRI   Bertemu\u00a0Menlu  ") == "Menlu RI Bertemu Menlu"
    assert normalise_line(" \n ") is None and normalise_line(None) is None


@pytest.mark.parametrize("closing", [
    "Baca di sini untuk berita selengkapnya.",
    "Baca di sini untuk berita selengkanya.",
    "Selanjutnya, baca di sini.",
    "Baca selengkapnya di sini.",
    "Simak berita selengkapnya di sini",
])
def test_read_more_lines_removed_at_the_end(closing: str) -> None:
    text = normalise_text(f"{GEMPA}\n\n{closing}")
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == normalise_text(GEMPA)
    assert removed == [closing]


def test_inline_links_removed_anywhere_but_news_kept() -> None:
    text = normalise_text(
        "Presiden menerima kunjungan Perdana Menteri Australia di Istana Bogor.\n\n"
        "Baca juga: Harga Cabai Rawit Naik Lagi Menjelang Iduladha\n\n"
        "Selanjutnya, data diproses di aplikasi SAKTI hingga akhir bulan.\n\n"
        "[Baca Juga: Jadwal KRL Terbaru]\n\n"
        "Kedua pemimpin membahas kerja sama pertahanan.\n\n"
        "Baca di sini")
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == ("Presiden menerima kunjungan Perdana Menteri Australia di Istana Bogor.\n\n"
                       "Selanjutnya, data diproses di aplikasi SAKTI hingga akhir bulan.\n\n"
                       "Kedua pemimpin membahas kerja sama pertahanan.")
    assert removed == ["Baca juga: Harga Cabai Rawit Naik Lagi Menjelang Iduladha", "[Baca Juga: Jadwal KRL Terbaru]",
                       "Baca di sini"]


def test_read_more_in_the_middle_is_news_not_furniture() -> None:
    text = normalise_text("Selanjutnya, baca di sini.\n\n" + GEMPA)
    assert strip_boilerplate(text) == (text, [])


def test_furniture_only_record_is_left_for_the_caller() -> None:
    assert strip_boilerplate("Baca selengkapnya di sini.") == ("Baca selengkapnya di sini.", [])


def test_languages() -> None:
    assert detect_language(MARITIM_AGENCY) == "id"
    assert detect_language(GEMPA, "Bantuan Gempa untuk Turki") == "id"
    assert detect_language(MALAY) == "ms"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("OK") is None  # too short to tell
    assert detect_language("12.345 67,8 %") is None


def test_indonesian_vs_malay_markers_ignore_names() -> None:
    # "Wang" the surname must not count as Malay "wang" (money).
    assert id_or_ms("Pebulu tangkis China Wang Yilyu bertanding karena ingin juara. Wang menang.") == "id"
    assert id_or_ms("Syarikat itu membayar wang pampasan kerana kesilapan pegawai.") == "ms"
    assert id_or_ms("Kedua negara bertemu di ibu kota.") is None


def test_script_junk_does_not_decide_the_language() -> None:
    junk = "/ / <! [CDATA [! function(f, b, e, v, n, t, s) { if(f.fbq)return;n = f.fbq = function(){n.callMethod? };"
    assert detect_language(f"{junk}\n\n{GEMPA}") == "id"


@pytest.mark.parametrize("raw, expected", [
    ("Rabu, 24 Mei 2023 10:15 WIB", date(2023, 5, 24)),
    ("Kamis, 25/05/2023 08:00 WIB", date(2023, 5, 25)),
    ("Senin, 1 Agustus 2022 | 14:30 WITA", date(2022, 8, 1)),
    ("2023-05-24T23:30:00+07:00", date(2023, 5, 24)),  # local date, not UTC
    ("Wed, 24 May 2023 23:10:00 +0700", date(2023, 5, 24)),
    ("2017-03-28", date(2017, 3, 28)),
    (1496275200, date(2017, 6, 1)),
    ("bukan tanggal", None),
    ("0001-01-01", None),
    ("", None),
])
def test_published_dates(raw, expected) -> None:
    assert parse_published(raw) == expected


def test_ids_are_stable_and_url_based() -> None:
    assert canonical_url("HTTPS://Contoh.co.id/dunia/berita/#komentar") == "https://contoh.co.id/dunia/berita"
    a = derived_id("https://contoh.co.id/dunia/berita/", "x")
    assert a == derived_id("https://CONTOH.co.id/dunia/berita#top", "y")  # same page, same id
    assert a != derived_id(None, "x") and len(a) == 16


def test_prepare_keeps_given_id_and_hashes_normal_form() -> None:
    raw = Article(id="antara-1", text=f"  {GEMPA}  \n\nBaca juga: Berita Lain", title=" Bantuan  Gempa ",
                  provenance=Provenance("/data/a.jsonl", 3))
    a = prepare(raw)
    assert isinstance(a, Article)
    assert a.id == "antara-1" and a.title == "Bantuan Gempa" and a.language == "id"
    assert a.extra["removed_lines"] == ["Baca juga: Berita Lain"]
    b = prepare(Article(id="", text=GEMPA.replace("\n\n", "\n"), provenance=Provenance("/data/b.txt")))
    assert b.content_hash == a.content_hash  # same normal form, same hash
    assert b.id != a.id and len(b.id) == 16


def test_prepare_quarantines_empty_and_mojibake() -> None:
    empty = prepare(Article(id="", text=" \u200b\n\t", provenance=Provenance("/x.txt", 0)))
    assert isinstance(empty, Quarantined) and empty.reason == "empty"
    mojibake = prepare(Article(id="", text="Menteri \ufffd\ufffd berkata \ufffd" * 20, provenance=Provenance("/y.txt", 0)))
    assert isinstance(mojibake, Quarantined) and mojibake.reason == "bad-encoding"
