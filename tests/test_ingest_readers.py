"""Readers: every supported format, and every way a file can be bad, on files the tests write."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from ingest_texts import (DIGEST_ITEM, GEMPA, MARITIM_AGENCY, MARITIM_OWN_REPORT, news_page, paragraphs,
                          write_jsonl, write_warc)
from warta.errors import InputError
from warta.ingest import read_articles
from warta.ingest.options import ReadOptions
from warta.ingest.sources import read_inputs
from warta.model import Article, Quarantined


def read_all(*paths: Path, options: ReadOptions = ReadOptions()) -> list[Article | Quarantined]:
    return list(read_articles([str(p) for p in paths], options))


def only(items: list) -> Article | Quarantined:
    assert len(items) == 1, items
    return items[0]


# --- plain text ----------------------------------------------------------------------------------

def test_seed_example_title_body_and_read_more(seed_example: Path) -> None:
    a = only(read_all(seed_example))
    assert isinstance(a, Article)
    assert a.title == "China dan Rusia Perkuat Kerja Sama Meski Dikecam Barat"
    assert a.text.startswith("Perdana Menteri Rusia Mikhail Mishustin menandatangani")
    assert not a.text.startswith("2.")
    assert "Baca di sini" not in a.text
    assert a.text.endswith("tidak ditujukan untuk negara ketiga mana pun.")
    assert a.extra["removed_lines"] == ["Baca di sini untuk berita selengkanya."]
    assert a.extra["item_number"] == 2
    assert "“Hari ini, hubungan antara Rusia dan China" in a.text  # typographic quotes kept
    assert a.language == "id"
    assert a.provenance.path == str(seed_example.absolute()) and a.provenance.index == 0


def test_digest_item_title_number_and_closing_link(tmp_path: Path) -> None:
    p = tmp_path / "item.txt"
    p.write_text(DIGEST_ITEM, encoding="utf-8")
    a = only(read_all(p))
    assert a.title == "Presiden Filipina Kunjungi Jakarta Bahas Perbatasan Laut"
    assert a.extra["removed_lines"] == ["Selanjutnya, baca di sini."]
    assert a.text.endswith("perairan selatan Filipina.")
    assert a.text.count("\n\n") == 2  # three paragraphs, one blank line between each


def test_text_without_headline_keeps_first_line(tmp_path: Path) -> None:
    p = tmp_path / "lead.txt"
    p.write_text(GEMPA, encoding="utf-8")
    a = only(read_all(p))
    assert a.title is None
    assert a.text.startswith("Pemerintah Indonesia mengirimkan bantuan kemanusiaan")


def test_hard_wrapped_text_is_unwrapped(tmp_path: Path) -> None:
    p = tmp_path / "wrapped.txt"
    p.write_text("Menlu Bertemu Mitra Jepang\n\nMenteri Luar Negeri bertemu dengan\nmitranya dari Jepang di "
                 "Tokyo pada\nRabu pagi.\n\nPertemuan berlangsung dua jam.\n", encoding="utf-8")
    a = only(read_all(p))
    assert a.title == "Menlu Bertemu Mitra Jepang"
    assert a.text == ("Menteri Luar Negeri bertemu dengan mitranya dari Jepang di Tokyo pada Rabu pagi.\n\n"
                      "Pertemuan berlangsung dua jam.")


def test_bad_utf8_is_quarantined_with_the_byte(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Pertemuan di Bogor berlangsung hangat dan akrab sekali.".encode("utf-8") + b"\xe9t\xe9 \xff")
    q = only(read_all(p))
    assert isinstance(q, Quarantined)
    assert q.reason == "bad-encoding" and "byte 55" in q.detail


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    p = tmp_path / "windows.txt"
    p.write_bytes("Judul Berita Dari Windows\nIsi berita yang disimpan dalam UTF-16 oleh aplikasi lama "
                  "tetap terbaca dengan benar.".encode("utf-16"))
    a = only(read_all(p))
    assert isinstance(a, Article) and a.title == "Judul Berita Dari Windows"
    assert a.text.startswith("Isi berita yang disimpan")


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n\t  \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (bytes(range(256)) * 4, "binary"),
])
def test_empty_and_binary_files(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "berita.txt"
    p.write_bytes(content)
    q = only(read_all(p))
    assert isinstance(q, Quarantined) and q.reason == reason, q


def test_too_large_text_is_quarantined_without_reading_it_whole(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    p.write_text("Kalimat berita yang sama diulang. " * 2000, encoding="utf-8")
    q = only(read_all(p, options=ReadOptions(max_text_bytes=10_000)))
    assert isinstance(q, Quarantined) and q.reason == "too-large"


# --- JSON Lines ----------------------------------------------------------------------------------

def test_jsonl_broken_lines_and_wrong_types(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "a1", "title": "Menlu bertemu Menlu Jepang", "text": MARITIM_AGENCY, "date": "2023-05-24",
         "url": "https://contoh.co.id/a1", "source": "Antara"},
        '{"id": "a2", "title": "Terpotong", "text": "Kalimat yang tidak selesai',
        "",
        {"id": "a3", "content": GEMPA, "published": "Selasa, 7 Februari 2023 09:00 WIB", "outlet": "Warta Contoh"},
        '["bukan", "objek"]',
        {"id": "a5", "text": 12345},
        {"id": "a6", "title": "Tanpa teks", "summary": "Ringkasan saja"},
        {"id": "a7", "title": ["daftar", "bukan", "judul"], "body": MARITIM_OWN_REPORT, "date": {"bad": 1}},
    ])
    items = read_all(p)
    got = [(x.provenance.index, x.id) if isinstance(x, Article) else (x.index, x.reason) for x in items]
    assert got == [(1, "a1"), (2, "malformed-json"), (4, "a3"), (5, "invalid-record"), (6, "invalid-record"),
                   (7, "missing-text"), (8, "a7")]
    a1, a3, a7 = items[0], items[2], items[6]
    assert a1.published == date(2023, 5, 24) and a1.source == "Antara" and a1.url == "https://contoh.co.id/a1"
    assert a3.published == date(2023, 2, 7) and a3.source == "Warta Contoh" and a3.text.startswith("Pemerintah Indonesia")
    assert a7.title is None and a7.published is None
    assert any("title" in e for e in a7.extra["field_errors"])
    assert a7.extra["date_raw"]


def test_jsonl_overlong_line_is_skipped_not_held(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "long.jsonl", [
        {"id": "long", "text": "kata " * 50_000},
        {"id": "ok", "text": GEMPA},
    ])
    items = read_all(p, options=ReadOptions(max_text_bytes=20_000))
    assert [getattr(x, "reason", None) for x in items] == ["too-large", None]
    assert items[1].id == "ok" and items[1].provenance.index == 2


def test_jsonl_bad_utf8_line(tmp_path: Path) -> None:
    p = tmp_path / "enc.jsonl"
    p.write_bytes(b'{"id": "x", "text": "caf\xe9 di Jakarta"}\n' + f'{{"id": "y", "text": "{GEMPA[:200]}"}}\n'.encode())
    items = read_all(p)
    assert items[0].reason == "bad-encoding" and items[0].index == 1
    assert isinstance(items[1], Article) and items[1].id == "y"


def test_json_array_and_html_in_text_field(tmp_path: Path) -> None:
    p = tmp_path / "dump.json"
    body = "".join(f"<p>{x}</p>" for x in paragraphs(GEMPA))
    p.write_text(f'[{{"id": "h1", "title": "Bantuan untuk Turki", "text": "{body.replace(chr(34), chr(39))}"}}]',
                 encoding="utf-8")
    a = only(read_all(p))
    assert a.id == "h1" and "<p>" not in a.text
    assert a.text.count("\n\n") == len(paragraphs(GEMPA)) - 1


# --- gzip ---------------------------------------------------------------------------------------------

def test_gzip_jsonl_and_truncated_gzip(tmp_path: Path) -> None:
    import random

    words = GEMPA.split()
    rng = random.Random(7)  # shuffled words: a gzip that does not collapse to a few bytes
    rows = [{"id": f"g{i}", "text": " ".join(rng.sample(words, len(words)))} for i in range(200)]
    good = write_jsonl(tmp_path / "good.jsonl.gz", rows, gz=True)
    assert [x.id for x in read_all(good)] == [f"g{i}" for i in range(200)]
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    items = read_all(cut)
    assert isinstance(items[-1], Quarantined) and items[-1].reason == "truncated-gzip"
    assert all(isinstance(x, Article) for x in items[:-1]) and len(items) > 5
    assert items[-1].index == items[-2].provenance.index + 1  # where it broke


def test_gzip_text_file(tmp_path: Path) -> None:
    p = tmp_path / "item.txt.gz"
    p.write_bytes(gzip.compress(DIGEST_ITEM.encode("utf-8")))
    a = only(read_all(p))
    assert a.title == "Presiden Filipina Kunjungi Jakarta Bahas Perbatasan Laut"


# --- HTML -------------------------------------------------------------------------------------------

def test_html_page_main_text_without_navigation_or_boilerplate(tmp_path: Path) -> None:
    p = tmp_path / "menlu.html"
    p.write_text(news_page("Menlu RI Bertemu Menlu Jepang di Tokyo", paragraphs(MARITIM_AGENCY)), encoding="utf-8")
    a = only(read_all(p))
    assert isinstance(a, Article)
    assert a.title == "Menlu RI Bertemu Menlu Jepang di Tokyo"
    assert a.url == "https://warta-contoh.co.id/dunia/2023/05/24/menlu-ri-jepang"
    assert a.source == "Warta Contoh"
    assert a.published == date(2023, 5, 24)
    assert a.text.startswith("Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi")
    assert a.text.endswith("di kantor perdana menteri.")
    for boilerplate in ("Beranda", "Terpopuler", "Harga cabai", "Hak cipta", "cookie", "dataLayer", "Rabu, 24 Mei 2023 10:15"):
        assert boilerplate not in a.text
    assert a.text.count("\n\n") == len(paragraphs(MARITIM_AGENCY)) - 1


def test_html_date_from_visible_indonesian_date_line(tmp_path: Path) -> None:
    p = tmp_path / "nodate.htm"
    p.write_text(news_page("Bantuan Gempa Diberangkatkan", paragraphs(GEMPA), date_meta=None,
                           canonical="https://warta-contoh.co.id/dunia/bantuan-gempa-diberangkatkan",
                           date_line="Selasa, 7 Februari 2023 08:30 WIB"), encoding="utf-8")
    a = only(read_all(p))
    assert a.published == date(2023, 2, 7)


def test_html_without_main_text(tmp_path: Path) -> None:
    p = tmp_path / "menu.html"
    p.write_text("<html><head><title>Beranda</title></head><body><nav><a href='/'>Beranda</a> "
                 "<a href='/dunia'>Dunia</a></nav><footer>Hak cipta 2023</footer></body></html>", encoding="utf-8")
    q = only(read_all(p))
    assert isinstance(q, Quarantined) and q.reason == "no-main-text"


# --- feeds ------------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Warta Contoh - Dunia</title><link>https://warta-contoh.co.id/dunia</link>
<description>Berita dunia</description>
<item>
  <title>Menlu RI Bertemu Menlu Jepang di Tokyo</title>
  <link>https://warta-contoh.co.id/dunia/2023/05/24/menlu-ri-jepang</link>
  <guid isPermaLink="false">warta-contoh-123</guid>
  <pubDate>Rabu, 24 Mei 2023 10:15 WIB</pubDate>
  <description>Menlu Retno bertemu Menlu Hayashi.</description>
  <content:encoded><![CDATA[{body}]]></content:encoded>
</item>
<item>
  <title>Bantuan Gempa untuk Turki Diberangkatkan</title>
  <link>https://warta-contoh.co.id/dunia/2023/02/07/bantuan-gempa</link>
  <pubDate>Tue, 07 Feb 2023 23:30:00 +0700</pubDate>
  <description>{gempa}</description>
</item>
<item><title>Hanya judul tanpa isi</title><link>https://warta-contoh.co.id/kosong</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kabar Contoh</title><id>urn:kabar-contoh</id><updated>2023-05-25T08:00:00+07:00</updated>
  <entry>
    <title>Jepang Tambah Hibah Kapal Patroli</title>
    <id>tag:kabar-contoh.id,2023:5001</id>
    <link href="https://kabar-contoh.id/5001"/>
    <updated>Kamis, 25 Mei 2023 08:00 WIB</updated>
    <content type="html">{body}</content>
  </entry>
</feed>"""


def test_rss_with_indonesian_dates_and_full_content(tmp_path: Path) -> None:
    body = "".join(f"<p>{x}</p>" for x in paragraphs(MARITIM_AGENCY))
    p = tmp_path / "dunia.xml"
    p.write_text(RSS.format(body=body, gempa=paragraphs(GEMPA)[0]), encoding="utf-8")
    items = read_all(p)
    a, b, empty = items
    assert a.title == "Menlu RI Bertemu Menlu Jepang di Tokyo" and a.published == date(2023, 5, 24)
    assert a.text.startswith("Jakarta (ANTARA)") and a.text.count("\n\n") == len(paragraphs(MARITIM_AGENCY)) - 1
    assert a.extra["guid"] == "warta-contoh-123" and a.source == "Warta Contoh - Dunia"
    assert b.published == date(2023, 2, 7)  # the publisher's local date, not UTC's
    assert b.text.startswith("Pemerintah Indonesia mengirimkan")
    assert isinstance(empty, Quarantined) and empty.reason == "empty" and empty.index == 3
    assert a.id != b.id and len(a.id) == 16


def test_atom_with_indonesian_date(tmp_path: Path) -> None:
    from xml.sax.saxutils import escape

    body = escape("".join(f"<p>{x}</p>" for x in paragraphs(MARITIM_OWN_REPORT)))
    p = tmp_path / "kabar.atom"
    p.write_text(ATOM.format(body=body), encoding="utf-8")
    a = only(read_all(p))
    assert a.title == "Jepang Tambah Hibah Kapal Patroli"
    assert a.published == date(2023, 5, 25)
    assert a.url == "https://kabar-contoh.id/5001"
    assert a.text.startswith("Pemerintah Jepang berjanji")


def test_feed_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "bomb.rss"
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    p.write_text(f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}]>'
                 '<rss version="2.0"><channel><item><title>x</title><description>&l9;</description></item></channel></rss>')
    q = only(read_all(p))
    assert isinstance(q, Quarantined) and q.reason == "unsafe-xml"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    p = tmp_path / "sitemap.xml"
    p.write_text('<?xml version="1.0"?><urlset><url><loc>https://contoh.co.id/</loc></url></urlset>')
    q = only(read_all(p))
    assert isinstance(q, Quarantined) and q.reason == "not-a-feed"


# --- WARC -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_documents_statuses_and_types(tmp_path: Path, gz: bool) -> None:
    page = news_page("Menlu RI Bertemu Menlu Jepang di Tokyo", paragraphs(MARITIM_AGENCY)).encode("utf-8")
    p = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), [
        ("request", "https://warta-contoh.co.id/dunia/menlu", b"", ""),
        ("response", "https://warta-contoh.co.id/dunia/menlu", page, "text/html; charset=utf-8"),
        ("response", "https://warta-contoh.co.id/logo.png", b"\x89PNG\r\n\x1a\n\x00", "image/png"),
        ("response-404", "https://warta-contoh.co.id/hilang", b"<html>tidak ada</html>", "text/html"),
        ("response", "https://warta-contoh.co.id/gempa.txt", GEMPA.encode("utf-8"), "text/plain"),
    ], gz=gz)
    items = read_all(p)
    kinds = [x.reason if isinstance(x, Quarantined) else "article" for x in items]
    assert kinds == ["article", "unsupported-content-type", "http-status", "article"]
    html, _, missing, text = items
    assert html.provenance.index == 1 and html.provenance.member == "https://warta-contoh.co.id/dunia/menlu"
    assert html.title == "Menlu RI Bertemu Menlu Jepang di Tokyo" and "Terpopuler" not in html.text
    assert missing.index == 3 and "404" in missing.detail
    assert text.url == "https://warta-contoh.co.id/gempa.txt" and text.text.startswith("Pemerintah Indonesia")


def test_truncated_warc(tmp_path: Path) -> None:
    page = news_page("Menlu RI Bertemu Menlu Jepang di Tokyo", paragraphs(MARITIM_AGENCY)).encode("utf-8")
    whole = write_warc(tmp_path / "whole.warc", [
        ("response", "https://a.example/1", page, "text/html"),
        ("response", "https://a.example/2", GEMPA.encode("utf-8") * 3, "text/plain"),
    ])
    cut = tmp_path / "cut.warc"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) - 3000])
    items = read_all(cut)
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Quarantined) and items[-1].reason == "truncated-warc"
    assert items[-1].index == 2 and len(items) == 2
    header_cut = tmp_path / "header-cut.warc"
    header_cut.write_bytes(data[: len(data) - 2780])  # inside the second record's WARC header
    items = read_all(header_cut)
    assert [getattr(x, "reason", "article") for x in items] == ["article", "truncated-warc"]


# --- folders and dispatch --------------------------------------------------------------------------

def test_directory_walk_sniffs_formats_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (tmp_path / "a" / "item.txt").write_text(DIGEST_ITEM, encoding="utf-8")
    write_jsonl(tmp_path / "a" / "b" / "rows.data", [{"id": "r1", "text": GEMPA}])  # JSON Lines, odd name
    (tmp_path / "a" / "b" / "page").write_text(news_page("Menlu RI Bertemu Menlu Jepang di Tokyo",
                                                        paragraphs(MARITIM_AGENCY)), encoding="utf-8")
    (tmp_path / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    items = read_all(tmp_path)
    paths = [Path(x.provenance.path if isinstance(x, Article) else x.path).name for x in items]
    assert paths == ["item.txt", "photo.jpg", "page", "rows.data"]  # a folder's files, then its subfolders
    assert items[0].title == "Presiden Filipina Kunjungi Jakarta Bahas Perbatasan Laut"
    assert isinstance(items[1], Quarantined) and items[1].reason == "binary" and "JPEG" in items[1].detail
    assert items[2].title == "Menlu RI Bertemu Menlu Jepang di Tokyo"
    assert items[3].id == "r1"


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs([tmp_path / "tidak-ada.jsonl"]))


def test_files_without_records_are_reported(tmp_path: Path) -> None:
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n   \n")
    requests_only = write_warc(tmp_path / "requests.warc", [("request", "https://a.example/", b"", "")])
    items = read_all(blank, requests_only)
    assert [(Path(q.path).name, q.index, q.reason) for q in items] == [("blank.jsonl", 0, "empty"),
                                                                        ("requests.warc", 0, "empty")]
