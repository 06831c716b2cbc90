"""Date expressions found and resolved against the publication date, on sentences written for these
tests; the evaluation command on a tiny gold and corpus written by the test; the seed example
from ../shared (read at test time, never copied)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyse.dates import date_for_span, find_date_expressions, find_dates
from warta.analyse.segment import dateline, segment, split_sentences
from warta.errors import InputError
from warta.model import Article, DateExpr, Doc

THURSDAY = date(2023, 5, 25)


def dates(text: str, published: date | None = THURSDAY) -> list[DateExpr]:
    found = find_date_expressions(text, published, split_sentences(text, dateline(text)))
    for d in found:
        assert text[d.start:d.end] == d.text
    return found


def values(text: str, published: date | None = THURSDAY) -> list[tuple[str, str | None]]:
    return [(d.text, d.value) for d in dates(text, published)]


def value_of(expression: str, text: str, published: date | None = THURSDAY) -> str | None:
    """The value found for ``expression`` (which must be found, whole) inside ``text``."""
    found = [d for d in dates(text, published) if d.text == expression]
    assert found, f"{expression!r} not found in {values(text, published)}"
    return found[0].value


# --- absolute and partial ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expression, value, granularity", [
    ("Perjanjian diteken pada Rabu 24 Mei 2023 di Beijing.", "Rabu 24 Mei 2023", "2023-05-24", "day"),
    ("Perjanjian diteken pada 24 Mei 2023 di Beijing.", "24 Mei 2023", "2023-05-24", "day"),
    ("Kedua menteri bertemu di Jakarta, Rabu (24/5/2023).", "Rabu (24/5/2023)", "2023-05-24", "day"),
    ("Kedua menteri bertemu di Jakarta, Minggu, (21/5/2023).", "Minggu, (21/5/2023)", "2023-05-21", "day"),
    ("Surat itu bertanggal 24/5/2023.", "24/5/2023", "2023-05-24", "day"),
    ("Surat itu bertanggal 24.5.2023.", "24.5.2023", "2023-05-24", "day"),
    ("Data per 2023-05-24 menunjukkan kenaikan.", "2023-05-24", "2023-05-24", "day"),
    ("Sidang digelar hari Selasa, tanggal 11 Juli 2023.", "hari Selasa, tanggal 11 Juli 2023", "2023-07-11", "day"),
    ("Tentara dikirim ke Ukraina pada Februari 2022.", "Februari 2022", "2022-02", "month"),
    ("Hujan meteor terjadi pada akhir bulan Juni 2023 mendatang.", "akhir bulan Juni 2023 mendatang", "2023-06", "month"),
    ("Survei berlangsung Januari-Juni 2023.", "Januari-Juni 2023", "2023-01", "month"),
    ("Serangan Rusia pada 2022 ke Ukraina dikecam.", "2022", "2022", "year"),
    ("Program dimulai akhir tahun 2025.", "akhir tahun 2025", "2025", "year"),
    ("Laba naik selama kuartal III-2025.", "kuartal III-2025", "2025", "year"),
    ("Ia menjabat direktur periode 2008--2009.", "2008--2009", "2008", "year"),
    ("Festival berlangsung 26-27 Juni 2023.", "26-27 Juni 2023", "2023-06-26", "day"),
])
def test_absolute_and_partial_dates(text: str, expression: str, value: str, granularity: str) -> None:
    found = [d for d in dates(text) if d.text == expression]
    assert found, values(text)
    assert (found[0].value, found[0].granularity) == (value, granularity)


def test_day_and_month_without_a_year() -> None:
    # the weekday picks the year: 3 December was a Tuesday in 2024, not in 2023 or 2025
    assert value_of("Selasa (3/12)", "Ia ditangkap Selasa (3/12).", date(2024, 12, 5)) == "2024-12-03"
    assert value_of("Sabtu (28/12)", "Ia tiba Sabtu (28/12).", date(2025, 1, 2)) == "2024-12-28"
    # "lalu" / "mendatang" point the way
    assert value_of("8 Agustus lalu", "Saksi itu tewas 8 Agustus lalu.", date(2017, 8, 16)) == "2017-08-08"
    assert value_of("25 Oktober mendatang", "Ponsel dirilis 25 Oktober mendatang.", date(2016, 10, 22)) == "2016-10-25"
    # nearest to publication, across the turn of the year
    assert value_of("25 Desember", "Gereja itu penuh pada 25 Desember.", date(2025, 1, 5)) == "2024-12-25"
    # the clause speaks of the future: next January, though last January is nearer
    assert value_of("5 Januari", "Pemilu akan digelar pada 5 Januari.", date(2025, 7, 1)) == "2026-01-05"
    # a year stated in the same sentence
    assert values("Pameran berlangsung 28 Mei hingga 1 Juni 2025.", date(2025, 6, 2)) == [
        ("28 Mei", "2025-05-28"), ("1 Juni 2025", "2025-06-01")]


def test_a_month_alone_needs_a_cue() -> None:
    assert value_of("Mei", "Harga naik sejak Mei.", date(2017, 12, 4)) == "2017-05"  # not May 2018
    assert value_of("bulan Juni", "Panen raya tiba pada bulan Juni.") == "2023-06"
    assert value_of("bulan Januari", "Bantuan akan disalurkan pada bulan Januari.", date(2025, 11, 4)) == "2026-01"
    assert values("Mei Lin dan Juni Rahayu menyanyi.") == []  # names
    assert values("Kebun itu dipanen setiap Agustus dan rapat digelar setiap Rabu.") == []  # it recurs


# --- relative -------------------------------------------------------------------------------------

@pytest.mark.parametrize("expression, value", [
    ("kemarin", "2023-05-24"),
    ("kemarin lusa", "2023-05-23"),
    ("hari ini", "2023-05-25"),
    ("besok", "2023-05-26"),
    ("lusa", "2023-05-27"),
    ("tadi malam", "2023-05-24"),
    ("dua hari lalu", "2023-05-23"),
    ("3 hari yang lalu", "2023-05-22"),
    ("Senin lalu", "2023-05-22"),
    ("Kamis lalu", "2023-05-18"),
    ("Rabu mendatang", "2023-05-31"),
    ("Jumat pekan depan", "2023-06-02"),
    ("Selasa pekan lalu", "2023-05-16"),
    ("pekan lalu", "2023-05"),
    ("minggu lalu", "2023-05"),
    ("tiga pekan lalu", "2023-05"),
    ("pekan depan", "2023-06"),
    ("akhir pekan ini", "2023-05-27"),
    ("akhir pekan lalu", "2023-05-20"),
    ("awal pekan ini", "2023-05-22"),  # the week's Monday, told to the day
    ("awal pekan lalu", "2023-05-15"),
    ("awal minggu depan", "2023-05-29"),
    ("bulan lalu", "2023-04"),
    ("awal bulan ini", "2023-05"),
    ("bulan depan", "2023-06"),
    ("dua bulan lalu", "2023-03"),
    ("Maret lalu", "2023-03"),
    ("Juni lalu", "2022-06"),
    ("November mendatang", "2023-11"),
    ("Februari mendatang", "2024-02"),
    ("Maret tahun lalu", "2022-03"),
    ("tahun lalu", "2022"),
    ("akhir tahun ini", "2023"),
    ("tahun depan", "2024"),
    ("25 tahun lalu", "1998"),
])
def test_relative_dates(expression: str, value: str) -> None:
    text = f"Kedua pemimpin bertemu {expression} di Jakarta."
    assert value_of(expression, text) == value


def test_a_bare_weekday_is_the_last_one_unless_the_clause_looks_ahead() -> None:
    assert value_of("Rabu", "Menlu tiba di Tokyo pada Rabu.") == "2023-05-24"
    assert value_of("Kamis", "Menlu tiba di Tokyo, Kamis.") == "2023-05-25"  # the publication day itself
    assert value_of("Jumat", "Hasilnya akan diumumkan pada Jumat.") == "2023-05-26"


def test_minggu_is_a_week_at_a_sentence_start_and_a_sunday_inside() -> None:
    assert value_of("Minggu lalu", "Minggu lalu, pakar PBB mengkritik Israel.") == "2023-05"
    assert value_of("Minggu lalu", "Pakar PBB mengkritik Israel pada Minggu lalu.") == "2023-05-21"
    assert values("Warga Pasar Minggu, Jakarta Selatan, berunjuk rasa.") == []


def test_relative_words_inside_a_quotation_count_from_the_day_it_was_said() -> None:
    text = ("“Kami sudah bertemu kemarin,” kata Menteri Luar Negeri, Senin (22/5/2023). "
            "Perundingan dilanjutkan kemarin.")
    found = dates(text)
    assert [(d.text, d.value) for d in found] == [
        ("kemarin", "2023-05-21"), ("Senin (22/5/2023)", "2023-05-22"), ("kemarin", "2023-05-24")]
    assert found[0].rule.endswith("ref=speech")
    # the attribution can be the reporting clause of an earlier sentence
    text = "Menlu berbicara di Jakarta, Senin (22/5/2023).\n“Besok kami berangkat ke Seoul,” katanya."
    assert value_of("Besok", text) == "2023-05-23"


def test_a_relative_word_before_the_date_that_spells_it_out_is_one_expression() -> None:
    assert values("Snowden mencuit kemarin (21/9).", date(2016, 9, 22)) == [("kemarin (21/9)", "2016-09-21")]
    assert values("Raja menerimanya pada Minggu sore, 13 Juli 2025.", date(2025, 7, 20)) == [
        ("Minggu sore, 13 Juli 2025", "2025-07-13")]


def test_days_counted_from_the_story_s_own_dates() -> None:
    text = "Kapal tiba di Makassar pada Senin (22/5/2023). Keesokan harinya kapal berlayar. Dua hari kemudian kapal karam."
    assert values(text)[1:] == [("Keesokan harinya", "2023-05-23"), ("Dua hari kemudian", "2023-05-25")]
    assert values("Keesokan harinya kapal berlayar.") == []  # nothing to count from


# --- what is not a date ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Harganya Rp 2023 per lembar.",
    "Rapat dimulai pukul 20.23 WIB.",
    "Aturan itu tertuang dalam Permen No. 12/2023.",
    "Aturannya ada di UU Nomor 12 Tahun 2011 dan Perda nomor 10 tahun 2009.",
    "Sesuai PP 71/2019 dan PMK 138 tahun 2024.",
    "Kasus Covid-19 naik di negara G20.",
    "Timnas lolos ke Piala Dunia 2026.",
    "Sebanyak 2025 orang mengungsi.",
    "Lagu itu populer pada era 1990-an.",
    "Pelatih berusia 47 tahun ini memimpin latihan.",
    "Perusahaan itu memberlakukan kebijakan baru beberapa bulan lalu.",
    "Laporan bernomor TBL/5738/XI/2016/PMJ diterima polisi.",
    "Hubungi 082240406600 untuk mendaftar.",
    "Ganda putra menang 21 - 18 21 - 15.",
    "Timnas U - 22 berlatih keras.",
])
def test_false_positives_are_rejected(text: str) -> None:
    assert values(text) == []


def test_impossible_dates_are_dropped() -> None:
    assert values("Surat bertanggal 31/2/2023 itu palsu.") == []


# --- without a publication date, and the stage -----------------------------------------------

def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    found = dates("Kedua menteri bertemu Rabu (24/5/2023) dan berunding lagi kemarin.", None)
    assert [(d.text, d.value, d.granularity) for d in found] == [
        ("Rabu (24/5/2023)", "2023-05-24", "day"), ("kemarin", None, None)]


def test_reference_date_is_publication_else_the_latest_stated_date() -> None:
    from warta.analyse.dates import find_dates, reference_date
    from warta.model import Article, Doc

    def ref(text: str, published: date | None) -> date | None:
        doc = Doc(article=Article(id="t", text=text, published=published), text=text)
        find_dates(doc)
        assert doc.reference_date == reference_date(doc.dates, published)
        return doc.reference_date

    assert ref("Pertemuan digelar kemarin.", date(2023, 5, 25)) == date(2023, 5, 25)
    text = "Hubungan membeku sejak Februari 2005, setelah krisis pada 2003. Ia tiba Rabu."
    assert ref(text, None) == date(2005, 2, 28)  # a month counts as its last day
    assert ref("Perang pecah pada 2003 dan berakhir pada 2011.", None) == date(2011, 12, 31)
    assert ref("Menteri tiba Rabu dan kembali pekan depan.", None) is None


def test_stage_sets_doc_dates_with_sentence_indexes() -> None:
    text = "JAKARTA, KOMPAS.com - Presiden tiba kemarin.\n\nIa bertemu Xi pada Maret lalu. Rapat digelar 2022."
    doc = Doc(article=Article(id="t", text=text, published=THURSDAY), text=text)
    segment(doc)
    find_dates(doc)
    assert [(d.text, d.value, d.sentence, d.rule) for d in doc.dates] == [
        ("kemarin", "2023-05-24", 0, "rel:kemarin"),
        ("Maret lalu", "2023-03", 1, "rel:{MONTH} lalu"),
        ("2022", "2022", 2, "year"),
    ]
    assert all(doc.sentences[d.sentence].start <= d.start < doc.sentences[d.sentence].end for d in doc.dates)


# --- date_for_span ----------------------------------------------------------------------------

def _doc(text: str, published: date = THURSDAY) -> Doc:
    doc = Doc(article=Article(id="t", text=text, published=published), text=text)
    segment(doc)
    find_dates(doc)
    return doc


def test_date_for_span_picks_the_date_of_the_trigger_s_clause() -> None:
    text = ("Perdana Menteri Jepang, yang datang ke Seoul sejak Korea Selatan membuka perbatasan pada "
            "Februari 2022, menandatangani perjanjian dagang pada Rabu (24/5/2023). Hubungan kedua negara membaik.")
    doc = _doc(text)

    def date_of(trigger: str) -> str | None:
        start = text.index(trigger)
        found = date_for_span(doc, start, start + len(trigger))
        return found.value if found else None

    assert date_of("menandatangani") == "2023-05-24"
    assert date_of("membuka") == "2022-02"  # inside the "sejak" clause with its own date
    assert date_of("membaik") is None  # the sentence states no date


def test_date_for_span_keeps_quoted_dates_to_quoted_words() -> None:
    text = "“Kami bertemu kemarin,” kata Menlu yang menolak usulan itu."
    doc = _doc(text)
    start = text.index("menolak")
    assert date_for_span(doc, start, start + 7) is None
    start = text.index("bertemu")
    assert date_for_span(doc, start, start + 7).text == "kemarin"


# --- the evaluation command on a gold and corpus written here -----------------------------------

def _write_eval_data(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "shared" / "corpus"
    corpus.mkdir(parents=True)
    text_a = "Menlu tiba di Tokyo, Rabu (24/5/2023). Ia kembali pekan lalu dan pergi lagi pada 2022."
    text_b = "Presiden berbicara kemarin."
    (corpus / "mini.jsonl").write_text(
        json.dumps({"id": "a", "text": text_a}) + "\n" + json.dumps({"id": "b", "text": text_b}) + "\n",
        encoding="utf-8")

    def line(article: str, text: str, expr: str, value: str, form: str, split: str) -> str:
        start = text.index(expr)
        return json.dumps({"id": article, "corpus": "mini.jsonl", "published": "2023-05-25", "start": start,
                           "end": start + len(expr), "expr": expr, "value": value,
                           "granularity": "day", "form": form, "split": split})

    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([
        line("a", text_a, "Rabu (24/5/2023)", "2023-05-24", "weekday-paren-dmy", "dev"),
        line("a", text_a, "pekan lalu", "2023-04", "relative-period", "dev"),  # a wrong label: a miss
        line("b", text_b, "kemarin", "2023-05-24", "relative-day", "heldout"),
    ]) + "\n", encoding="utf-8")
    return gold, tmp_path / "shared"


def test_evaluate_counts_values_forms_misses_and_extras(tmp_path: Path) -> None:
    from warta.evaluate.dates import evaluate

    gold, shared = _write_eval_data(tmp_path)
    report = evaluate(gold, shared / "corpus", "all")
    assert (report.total, report.correct, report.found) == (3, 2, 3)
    assert report.accuracy == pytest.approx(2 / 3)
    assert report.by_form()["relative-period"] == (1, 1, 0)
    assert [e.text for _, e in report.extras] == ["2022"]
    assert evaluate(gold, shared / "corpus", "heldout").accuracy == 1.0
    with pytest.raises(InputError, match="corpus directory not found"):
        evaluate(gold, tmp_path / "nowhere", "all")
    with pytest.raises(InputError, match="--split"):
        evaluate(gold, shared / "corpus", "test")


def test_eval_dates_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import warta.cli.lang  # noqa: F401 - registers "eval dates"
    from warta.cli.app import app

    gold, shared = _write_eval_data(tmp_path)
    result = CliRunner().invoke(app, ["eval", "dates", "--gold", str(gold), "--shared", str(shared),
                                      "--split", "dev"])
    assert result.exit_code == 0, result.output
    assert "exact-value accuracy: 0.500 (1/2)" in result.output
    assert "pekan lalu" in result.output  # listed among the misses


# --- the seed example and the hand-labelled dev set (../shared, read at test time) -------------

@pytest.mark.shared
def test_seed_example_dates(seed_example: Path) -> None:
    text = seed_example.read_text(encoding="utf-8")
    doc = Doc(article=Article(id="seed", text=text, published=date(2023, 5, 25)), text=text)
    segment(doc)
    find_dates(doc)
    got = {(d.text, d.value) for d in doc.dates}
    assert {("Rabu 24 Mei 2023", "2023-05-24"), ("Februari 2022", "2022-02"), ("Maret lalu", "2023-03"),
            ("2022", "2022")} <= got

    def date_of(trigger: str) -> str | None:
        start = text.index(trigger)
        found = date_for_span(doc, start, start + len(trigger))
        return found.value if found else None

    assert date_of("menandatangani serangkaian perjanjian") == "2023-05-24"
    assert date_of("mengirim ribuan tentara") == "2022-02"
    assert date_of("mengadakan pembicaraan dengan Perdana Menteri") is None  # not the 2022 invasion's date
    assert date_of("Xi mengunjungi Rusia") == "2023-03"
    assert date_of("serangan Rusia") == "2022"


@pytest.mark.shared
def test_dev_gold_is_well_formed_and_carries_no_article_text(shared_dir: Path) -> None:
    from warta.evaluate.dates import load_gold, read_articles

    gold_path = Path(__file__).parent / "gold" / "dates-dev.jsonl"
    gold = load_gold(gold_path)
    labelled = [g for g in gold if g.start is not None]
    assert len(labelled) >= 150
    assert 0.25 <= sum(g.split == "heldout" for g in labelled) / len(labelled) <= 0.4
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g.corpus, set()).add(g.article)
    texts = read_articles(shared_dir / "corpus", wanted)
    for g in labelled:
        assert texts[(g.corpus, g.article)][g.start:g.end] == g.expr
        assert len(g.expr or "") <= 40
    keys = {"id", "corpus", "published", "published_from", "start", "end", "expr", "value", "granularity",
            "form", "split"}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == keys  # ids, offsets and labels: no article text


# --- robustness -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "Senin", "Minggu", "lalu", "depan", "mendatang", "kemarin", "(", ")", "24/5", "/2023", "31/2/2023", "2023",
    "1990-an", "Mei", "pada", "bulan", "tahun", "ini", "akhir", "pekan", "dua", "hari", "“", "”", '"', ",", ".",
    "\n", "kata", "Rp", "No.", "Desember", "12", "-", "hingga", "kuartal", "III", "keesokan", "harinya",
    "setiap", "Pasar", "tanggal", "s.d.", "\xa0", "Jum'at", "MEI", "sejak", "akan",
]), max_size=30), st.sampled_from([None, date(2023, 5, 25), date(2024, 2, 29), date(2025, 12, 31)]))
def test_any_text_gives_valid_expressions(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    found = find_date_expressions(text, published, split_sentences(text))
    ends = -1
    for d in found:
        assert text[d.start:d.end] == d.text and d.start >= ends
        ends = d.end
        if d.granularity == "day":
            date.fromisoformat(d.value)
        elif d.granularity == "month":
            assert len(d.value) == 7 and date.fromisoformat(d.value + "-01")
        elif d.granularity == "year":
            assert len(d.value) == 4 and 1900 <= int(d.value) <= 2100
        else:
            assert d.value is None
