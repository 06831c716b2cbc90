"""The mentions stage: dictionary + CRF + role phrases, resolved to actors, in-document resolution,
and `warta actors unknown`. All text here is written for these tests (fictional events)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("warta.lang.id.actors", reason="the actor dictionary (issue 3, C1) is not installed yet")

from warta.analyse import segment  # noqa: E402
from warta.analyse.mentions import find_mentions, last_person_before, named_spans  # noqa: E402
from warta.model import Article, Doc, Mention  # noqa: E402

PUBLISHED = date(2023, 5, 25)

STORY = (
    "Perdana Menteri Rusia Mikhail Mishustin tiba di Beijing pada Rabu (24/5/2023) untuk kunjungan dua hari. "
    "Mishustin mengadakan pembicaraan dengan Perdana Menteri China Li Qiang di Aula Besar Rakyat.\n\n"
    "Kedua negara sepakat memperluas perdagangan energi, meski negara-negara Barat terus menjatuhkan sanksi "
    "kepada Moskow. Presiden Xi Jinping dijadwalkan menerima Mishustin pada Kamis.\n\n"
    "“Kerja sama kami tidak ditujukan kepada pihak ketiga,” kata Li kepada wartawan."
)


def _doc(text: str, published: date | None = PUBLISHED) -> Doc:
    doc = Doc(article=Article(id="t", text=text, published=published), text=text)
    segment.segment(doc)
    find_mentions(doc)
    return doc


def _at(doc: Doc, surface: str, nth: int = 0, context: str | None = None) -> Mention:
    """The mention that covers the nth occurrence of ``surface`` (inside ``context`` when given)."""
    pos = doc.text.index(context) - 1 if context else -1
    for _ in range(nth + 1):
        pos = doc.text.index(surface, pos + 1)
    for m in doc.mentions:
        if m.start <= pos and pos + len(surface) <= m.end:
            return m
    raise AssertionError(f"no mention covers {surface!r} #{nth}: {[m.text for m in doc.mentions]}")


def test_offsets_slice_the_text_and_mentions_do_not_overlap():
    doc = _doc(STORY)
    assert doc.mentions
    prev_end = -1
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end
        for p in m.parts:
            assert doc.text[p.start:p.end] == p.text and m.start <= p.start and p.end <= m.end
        assert m.rule
        s = doc.sentences[m.sentence] if doc.sentences else None
        if s is not None:
            assert s.start <= m.start < s.end


def test_role_phrase_with_known_person_and_surname_resolution():
    doc = _doc(STORY)
    first = _at(doc, "Mikhail Mishustin")
    assert first.label == "PER"
    assert (first.actor.name, first.actor.code, first.actor.country) == ("Mikhail Mishustin", "RUSGOV", "RUS")
    later = _at(doc, "Mishustin", 1)
    assert later.text == "Mishustin"
    assert (later.actor.name, later.actor.code, later.actor.country) == ("Mikhail Mishustin", "RUSGOV", "RUS")
    last = _at(doc, "Mishustin", context="menerima Mishustin")
    assert last.actor.name == "Mikhail Mishustin"


def test_role_phrase_gives_country_and_short_form_follows():
    doc = _doc(STORY)
    li = _at(doc, "Li Qiang")
    assert li.text == "Perdana Menteri China Li Qiang"
    assert (li.actor.name, li.actor.code, li.actor.country, li.actor.kind) == ("Li Qiang", "CHNGOV", "CHN", "person")
    assert li.rule.startswith("role:")
    assert {(p.text, p.label) for p in li.parts} == {("China", "GPE"), ("Li Qiang", "PER")}
    short = _at(doc, "Li", context="kata Li")
    assert short.text == "Li"
    assert (short.actor.name, short.actor.country) == ("Li Qiang", "CHN")


def test_president_xi_and_metonyms_and_the_west():
    doc = _doc(STORY)
    xi = _at(doc, "Xi Jinping")
    assert (xi.actor.name, xi.actor.code, xi.actor.country) == ("Xi Jinping", "CHNGOV", "CHN")
    assert _at(doc, "Beijing").actor.country == "CHN"
    assert _at(doc, "Moskow").actor.country == "RUS"
    assert _at(doc, "Barat").actor.country == "WST"


def test_kedua_negara_stands_for_the_two_states():
    doc = _doc(STORY)
    group = _at(doc, "Kedua negara")
    assert group.actor.kind == "group"
    assert {a.country for a in group.actor.members} == {"RUS", "CHN"}
    assert group.rule == "coref:group:country"
    assert (group.start, group.end) == (doc.text.index("Kedua negara"), doc.text.index("Kedua negara") + 12)


def test_unknown_person_with_role_gets_the_roles_country_and_later_short_form():
    text = ("Menteri Luar Negeri Peru Rodrigo Zapata Quispe menyerukan gencatan senjata di Gaza. "
            "Quispe juga mengkritik pemerintah Jepang. Abdirahman Dinari, tokoh oposisi, hadir. "
            "Dinari menolak berkomentar.")
    doc = _doc(text)
    fm = _at(doc, "Rodrigo Zapata Quispe")
    assert (fm.actor.name, fm.actor.country, fm.actor.code, fm.actor.kind) == \
        ("Rodrigo Zapata Quispe", "PER", "PERGOV", "person")
    assert fm.actor.id is None
    later = _at(doc, "Quispe", context="Quispe juga")
    assert (later.actor.name, later.actor.country) == ("Rodrigo Zapata Quispe", "PER")
    assert "coref:surname" in later.rule
    japan = _at(doc, "pemerintah Jepang")
    assert (japan.actor.code, japan.actor.country, japan.label) == ("JPNGOV", "JPN", "ORG")
    dinari = _at(doc, "Dinari", context="Dinari menolak")
    assert dinari.text == "Dinari" and dinari.actor.name == "Abdirahman Dinari"


def test_sector_actors():
    text = ("Pasukan Israel menyerang kamp itu, sementara polisi Kamboja menangkap tiga warga Rusia. "
            "Menlu Rusia Sergei Lavrov mengecam penangkapan itu.")
    doc = _doc(text)
    assert (_at(doc, "Pasukan Israel").actor.code, _at(doc, "Pasukan Israel").actor.country) == ("ISRMIL", "ISR")
    assert (_at(doc, "polisi Kamboja").actor.code, _at(doc, "polisi Kamboja").actor.country) == ("KHMCOP", "KHM")
    warga = _at(doc, "warga Rusia")
    assert warga.actor.country == "RUS" and warga.actor.code.startswith("RUS") and warga.actor.code != "RUSGOV"
    lavrov = _at(doc, "Sergei Lavrov")
    assert (lavrov.actor.name, lavrov.actor.code) == ("Sergei Lavrov", "RUSGOV")


def test_roles_follow_the_publication_date():
    text = "Presiden Prabowo bertemu Perdana Menteri Malaysia Anwar Ibrahim di Jakarta."
    later = _at(_doc(text, date(2025, 3, 1)), "Prabowo")
    assert (later.actor.name, later.actor.code, later.actor.country) == ("Prabowo Subianto", "IDNGOV", "IDN")
    anwar = _at(_doc(text, date(2025, 3, 1)), "Anwar Ibrahim")
    assert (anwar.actor.code, anwar.actor.country) == ("MYSGOV", "MYS")
    text = "Menteri Pertahanan Prabowo Subianto mengunjungi Prancis."
    before = _at(_doc(text, date(2022, 2, 10)), "Prabowo Subianto")
    assert before.actor.country == "IDN"
    assert before.actor.role and "Pertahanan" in before.actor.role


def test_last_person_before():
    doc = _doc(STORY)
    offset = doc.text.index("kata Li") + len("kata Li") + 1
    assert last_person_before(doc, offset).actor.name == "Li Qiang"
    offset = doc.text.index("Kedua negara")
    assert last_person_before(doc, offset).actor.name == "Li Qiang"
    assert last_person_before(doc, 5) is None


def test_named_spans_are_the_names_inside_role_phrases():
    doc = _doc(STORY)
    spans = {(doc.text[s:e], t) for s, e, t in named_spans(doc.mentions)}
    # states that act or qualify are GPE, not names of places: "Rusia" in "Perdana Menteri Rusia"
    assert {("Mikhail Mishustin", "PER"), ("Li Qiang", "PER"), ("Beijing", "LOC")} <= spans
    assert ("Rusia", "LOC") not in spans
    assert not any(text.lower().startswith("kedua") for text, _ in spans)


def test_empty_and_name_free_text():
    assert _doc("").mentions == []
    assert _doc("harga cabai naik lagi minggu ini.").mentions == []


@pytest.mark.shared
def test_seed_example(seed_example: Path):
    text = seed_example.read_text(encoding="utf-8")
    doc = _doc(text)
    by_name = {}
    for m in doc.mentions:
        if m.actor is not None:
            by_name.setdefault(m.text, []).append(m.actor)
    assert all(a.name == "Mikhail Mishustin" and a.country == "RUS" for a in by_name["Mishustin"])
    assert {a.country for a in by_name["Beijing"]} == {"CHN"}
    assert {a.country for a in by_name["Moskow"]} == {"RUS"}
    assert {a.country for a in by_name["Barat"]} == {"WST"}
    assert {a.country for a in by_name["G7"]} == {"G7"}
    li = [m for m in doc.mentions if m.actor is not None and m.actor.name == "Li Qiang"]
    assert {m.actor.country for m in li} == {"CHN"} and len(li) >= 2
    xi = [m for m in doc.mentions if m.actor is not None and m.actor.name == "Xi Jinping"]
    assert len(xi) >= 2 and {m.actor.code for m in xi} == {"CHNGOV"}
    groups = [m for m in doc.mentions if m.rule == "coref:group:country"]
    assert len(groups) == 2
    for g in groups:
        assert {a.country for a in g.actor.members} == {"RUS", "CHN"}


def test_actors_unknown_lists_new_people_with_their_role(tmp_path: Path):
    lines = [
        {"id": "a1", "date": "2025-06-02", "title": "t",
         "text": "Perdana Menteri Peru Eduardo Arana Ynfante mengunjungi Jakarta. Arana bertemu Presiden Prabowo."},
        {"id": "a2", "date": "2025-06-03", "title": "t",
         "text": "Jakarta menyambut Perdana Menteri Peru Eduardo Arana Ynfante, yang membawa 40 pengusaha."},
        {"id": "a3", "date": "2025-06-03", "title": "t",
         "text": "Pelatih tim nasional Bima Sakti Tukiman memanggil 23 pemain."},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "warta.cli", "actors", "unknown", str(path), "--min-count", "2"],
                       capture_output=True, text=True, env={"COLUMNS": "300", "PATH": ""})
    assert r.returncode == 0, r.stderr
    assert "Eduardo Arana Ynfante" in r.stdout
    assert "Perdana Menteri (PER)" in r.stdout
    assert "Prabowo" not in r.stdout  # in the dictionary
    assert "Bima Sakti" not in r.stdout  # seen once only


def test_actors_unknown_reports_a_missing_file(tmp_path: Path):
    r = subprocess.run([sys.executable, "-m", "warta.cli", "actors", "unknown", str(tmp_path / "nope.jsonl")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "not found" in r.stderr


def test_headline_case_does_not_glue_words_to_a_state():
    doc = _doc("Jepang dan Rusia Perkuat Kerja Sama Energi\nMenteri Luar Negeri Jepang tiba di Moskow pada Senin.")
    rusia = _at(doc, "Rusia")
    assert rusia.text == "Rusia" and rusia.actor.country == "RUS"
    assert _at(doc, "Moskow").label == "LOC"  # a place here: "di Moskow"


def test_a_state_acting_is_gpe_and_a_place_is_loc():
    doc = _doc("Israel menyerang Gaza, sementara delegasi Mesir tiba di Israel pada Selasa.")
    assert _at(doc, "Israel").label == "GPE"
    assert _at(doc, "Israel", 1).label == "LOC"
    assert {_at(doc, "Israel").actor.country, _at(doc, "Israel", 1).actor.country} == {"ISR"}


# --- the fast paths keep the slow paths' answers --------------------------------------------------

def test_sentence_tokens_equal_tokenizing_the_sentence_alone():
    from warta.analyse import mentions

    text = ("Kata dia.Prof. Budi Santoso tiba di Jl. Merdeka No. 5, lihat https://contoh.id/a?b=1. "
            "Harga naik 1.500 persen; e-mail: redaksi@contoh.id. “Kami siap,” ujar Dr. Ani.")
    # every start, including one right after a letter or a full stop (the "Prof." rule looks behind)
    for start in range(len(text)):
        for end in (start + 1, min(len(text), start + 40), len(text)):
            toks, spans = mentions.tokenize(text[start:end])
            assert mentions._sentence_tokens(text, start, end) == (toks, [(a + start, b + start) for a, b in spans])


def test_group_references_in_a_long_text_count_salience_as_from_scratch(monkeypatch):
    """_add_groups counts salience once, as it goes; each group must get what counting from scratch
    over the mentions before it (its sentence's first) gives."""
    from warta.analyse import mentions

    seen = {}
    real = mentions._add_groups

    def spy(text, spans, d, on, sent_starts=None):
        seen.update(spans=sorted(spans, key=lambda s: s.start), d=d, on=on, sent_starts=sent_starts)
        return real(text, spans, d, on, sent_starts)

    monkeypatch.setattr(mentions, "_add_groups", spy)
    parts = ["Presiden Prabowo Subianto bertemu Presiden Prancis Emmanuel Macron di Paris.",
             "Kedua negara sepakat memperkuat kerja sama pertahanan.",
             "Rusia menolak tuduhan Amerika Serikat, dan kedua pihak saling mengecam.",
             "Kedua pemimpin juga membahas Gaza bersama Perdana Menteri Malaysia Anwar Ibrahim.",
             "Pemerintah Australia mengecam Iran. Kedua negara memanggil duta besar masing-masing."]
    text = " ".join(parts[i % len(parts)] for i in (0, 1, 2, 1, 3, 4, 4, 2, 0, 3, 1, 1, 4, 3, 2, 0, 1))
    doc = _doc(text)
    groups = [m for m in doc.mentions if m.rule.startswith("coref:group")]
    assert len(groups) >= 10 and len({tuple(a.country for a in g.actor.members) for g in groups}) >= 3
    spans, d, on = seen["spans"], seen["d"], seen["on"]
    for g in groups:
        refers = g.rule.rsplit(":", 1)[1]
        before = [s for s in spans if s.start < g.start]
        expect = mentions._salient([s for s in before if s.start >= doc.sentences[g.sentence].start], refers, d, on)
        if len(expect) < 2:
            expect = mentions._salient(before, refers, d, on)
        assert [(a.country, a.name) for a in g.actor.members] == [(a.country, a.name) for a in expect], g
