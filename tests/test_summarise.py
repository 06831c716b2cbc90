"""Extractive summaries and their ROUGE evaluation, on text written for these tests (and, with the
development data, on IndoSum's held-aside fold)."""

from __future__ import annotations

import pytest

from warta.evaluate.rouge import mean, rouge
from warta.stories.summarise import lead, strong_quote, candidates, summarise

ARTICLE = (
    "JAKARTA, KOMPAS.com - Pemerintah Malaysia dan Indonesia sepakat mempercepat perundingan batas laut di "
    "Laut Sulawesi dalam pertemuan di Putrajaya, Selasa (6/6/2023).\n\n"
    "Kesepakatan itu dicapai dalam pertemuan tahunan kedua kepala pemerintahan yang berlangsung selama dua hari.\n\n"
    "Baca juga: Lima Hal yang Perlu Diketahui soal Sengketa Ambalat\n\n"
    "\"Kami ingin perundingan batas laut selesai sebelum akhir tahun depan agar nelayan kedua negara "
    "mendapat kepastian,\" kata Perdana Menteri Malaysia kepada wartawan di Putrajaya.\n\n"
    "Kedua negara juga membahas perlindungan pekerja migran Indonesia di Malaysia.\n\n"
    "Kesepakatan itu dicapai dalam pertemuan tahunan kedua kepala pemerintahan yang berlangsung selama dua hari.\n\n"
    "Pertemuan berikutnya dijadwalkan berlangsung di Jakarta tahun depan.\n\n"
    "\"Bagus,\" ujarnya.\n\n"
    "[img.2]\n\n"
    "Sengketa batas laut di Laut Sulawesi sudah berlangsung lebih dari dua dekade."
)


def test_rouge_counts_clipped_ngrams_and_the_longest_common_subsequence():
    r = rouge("a b c d", "a b e d")
    assert r.r1 == pytest.approx(0.75)
    assert r.r2 == pytest.approx(1 / 3)
    assert r.rl == pytest.approx(0.75)
    assert rouge("Kata, kata!", "kata kata").r1 == pytest.approx(1.0)  # lower-cased word tokens
    assert rouge("", "kata").r1 == 0.0
    assert mean([rouge("a", "a"), rouge("a", "b")]).r1 == pytest.approx(0.5)


def test_lead_keeps_the_text_as_it_stands():
    first = lead(ARTICLE, n=1)[0]
    assert first.startswith("JAKARTA, KOMPAS.com - Pemerintah Malaysia")
    assert len(lead(ARTICLE, n=3)) == 3


def test_summary_drops_the_dateline_furniture_and_repetition():
    s = summarise(ARTICLE, "Malaysia dan Indonesia Sepakat Percepat Perundingan Batas Laut", max_words=70)
    text = s.text
    assert s.sentences[0].startswith("Pemerintah Malaysia dan Indonesia sepakat")
    assert "KOMPAS.com" not in text and "Baca juga" not in text and "[img" not in text
    assert text.count("Kesepakatan itu dicapai") <= 1
    indices = [c.sentence.index for c in s.chosen]
    assert indices == sorted(indices)  # article order
    for c in s.chosen:  # evidence: the offsets point at the sentence in the article
        assert ARTICLE[c.sentence.start:c.sentence.end].strip() == c.text


@pytest.mark.parametrize("opening, body", [
    ("KUALA LUMPUR, Bernama - ", "Malaysia menambah kuota pekerja migran."),  # an outlet only datelines.txt knows
    ("Jakarta, CNN Indonesia -- ", "Pemerintah menunda impor gas."),
    ("TEMPO.CO, Phnom Penh - ", "Kamboja memulangkan empat WNI."),
    ("MANILA – ", "Filipina memanggil duta besar China."),
])
def test_stories_start_where_the_segmenter_says_the_dateline_ends(opening, body):
    from warta.analyse.segment import dateline
    from warta.stories.text import dateline_end

    text = opening + body
    found = dateline(text)
    assert found is not None and text[dateline_end(text):] == body
    assert summarise(text).sentences == [body]


def test_summary_respects_the_word_budget():
    short = summarise(ARTICLE, max_words=20)
    long = summarise(ARTICLE, max_words=80)
    assert len(short.chosen) < len(long.chosen)
    words_before_last = sum(len(c.words) for c in sorted(short.chosen, key=lambda c: -c.score)[:-1])
    assert words_before_last < 20


def test_keep_quote_keeps_one_strong_direct_quote_and_not_a_one_word_one():
    plain = summarise(ARTICLE, max_words=40)
    with_quote = summarise(ARTICLE, max_words=40, keep_quote=True)
    assert with_quote.quote is not None
    assert "nelayan kedua negara" in with_quote.quote.text
    assert with_quote.quote in with_quote.chosen
    assert sum(1 for c in with_quote.chosen if c.text.startswith("\"")) == 1
    assert "Bagus" not in with_quote.text
    assert len(with_quote.chosen) >= len(plain.chosen)
    no_quote = strong_quote(candidates("Presiden tiba di Tokyo. Ia disambut \"hangat\", katanya."))
    assert no_quote is None


def test_empty_and_furniture_only_articles_give_an_empty_summary():
    assert summarise("").chosen == []
    assert summarise("[img.2]\n\nBaca juga: Berita Lain").chosen == []


@pytest.mark.shared
def test_summaries_beat_lead3_on_indosum_held_aside_fold(shared_dir):
    from warta.evaluate.summaries import evaluate

    r = evaluate(shared_dir / "corpus" / "indosum-dev.jsonl", split="held", limit=150)
    assert r.documents == 150
    assert r.warta.r1 > r.lead3.r1 and r.warta.r2 > r.lead3.r2
