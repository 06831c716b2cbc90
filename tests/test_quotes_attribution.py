"""Who said it when several people are named close together: a quote introduced by one person right
after another person's quote or paragraph, a speaker named in the sentence after the quote, a
"katanya" after the article has turned to someone else. Text written for these tests; the pipeline
runs segment → mentions → quotes as ``warta analyze`` does, ``quotes_of`` the quotes stage alone
(its backup name finder standing in for the NER)."""

from __future__ import annotations

from datetime import date

import pytest

from warta.analyse.quotes import find_quotes
from warta.model import Article, Doc, Quote

MERKEL = ("Kanselir Jerman Angela Merkel bertemu Presiden China Xi Jinping di Berlin, Selasa.\n"
          "“Kita harus menjaga hubungan dagang yang sudah terbangun selama puluhan tahun,” kata Merkel.\n")
CHINA = "“China salah besar jika mengira Eropa akan diam saja.”"


def pipeline_quotes(text: str) -> list[Quote]:
    from warta.analyse import mentions, segment

    doc = Doc(article=Article(id="t", text=text, published=date(2024, 3, 5)), text=text)
    segment.segment(doc)
    mentions.find_mentions(doc)
    find_quotes(doc)
    return doc.quotes


def quotes_of(text: str) -> list[Quote]:
    doc = Doc(article=Article(id="t", text=text), text=text)
    find_quotes(doc)
    return doc.quotes


def said(quotes: list[Quote], words: str) -> Quote:
    """The direct quote whose statement starts with ``words``."""
    [q] = [q for q in quotes if q.direct and q.text.startswith(words)]
    return q


def name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


@pytest.mark.parametrize("run", [pipeline_quotes, quotes_of])
@pytest.mark.parametrize("tail", [
    " Pernyataan itu disampaikan Perdana Menteri Inggris Boris Johnson di London.",
    " Hal itu dikatakan Perdana Menteri Inggris Boris Johnson di London.",
    " Ucapan itu dilontarkan Perdana Menteri Inggris Boris Johnson di London.",
    " Begitu kata Perdana Menteri Inggris Boris Johnson di London.",
])
def test_a_speaker_named_in_the_sentence_after_the_quote_beats_the_previous_speaker(run, tail: str) -> None:
    qs = run(MERKEL + CHINA + tail)
    assert name(said(qs, "Kita harus")) == "Angela Merkel"
    q = said(qs, "China salah")
    assert name(q).endswith("Boris Johnson")  # the backup finder may keep "Inggris" in the name
    assert not q.rule.endswith("continues")


def test_a_similar_statement_does_not_take_over_a_continuing_quote() -> None:
    """"Hal senada" is someone else saying the same thing, not an attribution of the quote before it."""
    qs = pipeline_quotes(MERKEL + CHINA + " Hal senada disampaikan Perdana Menteri Inggris Boris Johnson.")
    q = said(qs, "China salah")
    assert q.rule == "direct:continues" and name(q) == "Angela Merkel"


def test_a_reporting_verb_after_a_finished_quote_introduces_the_next_one() -> None:
    text = ("Kanselir Jerman Angela Merkel dan Perdana Menteri Inggris Boris Johnson menghadiri pertemuan G7 "
            "di Cornwall.\nMerkel menyatakan Jerman tetap ingin berdagang dengan China. "
            "“Kita harus menjaga hubungan dagang yang sudah terbangun selama puluhan tahun.” "
            "Johnson menilai lain. " + CHINA)
    qs = pipeline_quotes(text)
    assert name(said(qs, "Kita harus")) == "Angela Merkel"
    assert name(said(qs, "China salah")) == "Boris Johnson"


def test_a_verb_opening_a_new_reported_clause_does_not_attribute_the_quote_before() -> None:
    text = MERKEL + CHINA + " Johnson menambahkan, Inggris siap bekerja sama dengan Jerman dalam soal ini."
    qs = pipeline_quotes(text)
    assert name(said(qs, "China salah")) == "Angela Merkel"
    [ind] = [q for q in qs if not q.direct]
    assert ind.text.startswith("Inggris siap") and name(ind) == "Johnson"  # no fuller Johnson in this text


def test_a_verb_closing_its_sentence_still_attributes_the_quote_before() -> None:
    qs = pipeline_quotes(MERKEL + CHINA + " Perdana Menteri Inggris Boris Johnson menambahkan.")
    q = said(qs, "China salah")
    assert q.rule == "direct:cue-after" and name(q) == "Boris Johnson"


@pytest.mark.parametrize("intro", [
    "Perdana Menteri Inggris Boris Johnson mengatakan, ",
    "Sementara itu, Perdana Menteri Inggris Boris Johnson mengatakan, ",
    "Perdana Menteri Inggris Boris Johnson tidak sependapat. Ia mengatakan, ",
])
def test_a_cue_before_the_quote_after_another_speakers_paragraph(intro: str) -> None:
    qs = pipeline_quotes(MERKEL + intro + CHINA)
    assert name(said(qs, "Kita harus")) == "Angela Merkel"
    assert name(said(qs, "China salah")) == "Boris Johnson"


def test_katanya_after_the_article_turned_to_someone_named_before() -> None:
    """Johnson is no first mention here: he takes "katanya" over because he is the subject of the
    sentence right before the quote, after Merkel spoke."""
    text = ("Kanselir Jerman Angela Merkel dan Perdana Menteri Inggris Boris Johnson bertemu di Berlin.\n"
            "“Kita harus menjaga hubungan dagang yang sudah terbangun selama puluhan tahun,” kata Merkel.\n"
            "Johnson menolak pandangan itu dalam jumpa pers seusai pertemuan. "
            "“China salah besar jika mengira Eropa akan diam saja,” katanya.")
    qs = pipeline_quotes(text)
    assert name(said(qs, "China salah")) == "Boris Johnson"


def test_a_name_as_the_subject_of_a_passive_verb_does_not_take_katanya_over() -> None:
    text = ("Ketua Umum Partai Maju Rudi Hartono menanggapi perombakan kabinet di Jakarta, Rabu.\n"
            "“Kami mendukung keputusan Presiden sepenuhnya,” kata Rudi.\n"
            "Menurut dia, menteri baru harus segera bekerja. Sutrisno diyakini mampu menjalankan tugas itu. "
            "“Kami percaya menteri baru akan mempercepat kerja tim ekonomi,” ujarnya.")
    qs = pipeline_quotes(text)
    assert name(said(qs, "Kami percaya")) == "Rudi Hartono"


def test_a_title_after_a_circumstance_is_not_a_quote() -> None:
    text = ("“Ekspor kita harus naik tahun depan,” ujar Menteri Perdagangan Budi Santoso dalam webinar "
            "“Strategi Ekspor Nasional di Tengah Ketidakpastian Global” di Jakarta, Kamis.\n"
            "Presiden Joko Widodo berbicara di Istana Merdeka. Kata Jokowi di Istana, “Kami tidak akan "
            "berhenti membuka pasar baru bagi produk Indonesia.”")
    qs = [q for q in quotes_of(text) if q.direct]
    assert [q.text[:20] for q in qs] == ["Ekspor kita harus na", "Kami tidak akan berh"]


def test_english_role_words_and_a_number_before_the_name_are_not_the_name() -> None:
    text = ("General Manager Bambang Sutejo mengatakan, tingkat hunian hotel naik "
            "tajam menjelang libur akhir tahun.\n“Semua kamar sudah dipesan hingga awal Januari,” katanya.")
    qs = quotes_of(text)
    assert [name(q) for q in qs] == ["Bambang Sutejo", "Bambang Sutejo"]
    text = ("Ketua Satuan Tugas Penanganan Covid - 19 Daerah Bambang Sutejo mengatakan, kasus baru "
            "turun dalam sepekan terakhir.\n“Kami tetap meminta warga memakai masker,” katanya.")
    assert [name(q) for q in pipeline_quotes(text)] == ["Bambang Sutejo", "Bambang Sutejo"]


def test_a_capital_opening_a_sentence_is_not_taken_for_a_name() -> None:
    """"Selain memastikan …" opens a sentence: "Selain" must not become a speaker's name."""
    text = ("Ketua Asosiasi Mebel Nusantara Hendra Wijaya meminta pemerintah mencari solusi atas "
            "kelangkaan bahan baku. Selain memastikan pasokan kayu, asosiasi mendorong pemerintah "
            "membentuk badan logistik.\n“Permintaan ekspor tahun depan diperkirakan naik tajam,” katanya.")
    [q] = [q for q in pipeline_quotes(text) if q.direct]
    assert name(q).endswith("Hendra Wijaya")  # the NER may keep a body word before the name


@pytest.mark.parametrize("sentence, speaker", [
    # the name before a phrase set off by commas, not a name inside it
    ("Saat dikonfirmasi, Hendra Gunawan, kuasa hukum PT Sinar Abadi dan Agus Salim, menyatakan, pihaknya "
     "menghormati langkah penyidik.", "Hendra Gunawan"),
    # a name that is the whole phrase between the commas, after a role and its body
    ("Anggota Badan Pengawas Pemilu Papua, Yohanes Wenda, menambahkan, pihaknya akan berkoordinasi dengan "
     "pemerintah provinsi.", "Yohanes Wenda"),
])
def test_an_apposition_before_the_verb_and_the_katanya_after_it(sentence: str, speaker: str) -> None:
    text = ("Ketua Komisi Pemilihan Umum Daerah Marthen Kossay menyampaikan laporan di Jayapura, Senin.\n"
            "“Anggaran pengawasan belum cair di enam kabupaten,” kata Marthen.\n"
            + sentence + " “Kami hormati proses ini dan akan terus bekerja sama,” katanya.")
    qs = pipeline_quotes(text)
    [ind] = [q for q in qs if not q.direct and q.cue in ("menyatakan", "menambahkan")]
    assert name(ind) == speaker
    assert name(said(qs, "Kami hormati")) == speaker
