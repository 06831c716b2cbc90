"""The event coder on constructions of the language rather than of any one article: word forms
spelled from stems, every voice of a predicate, response verbs, speech acts inside statements,
complement clauses, stance names and the like. Sentences are written for these tests; mentions come
from the small test gazetteer (tests/events_doc.py) so only the coder is under test."""

from __future__ import annotations

import pytest

from events_doc import ACTORS, make_doc, triples
from warta.analyse.event_morphology import MorphologyError, expand, spell
from warta.analyse.event_patterns import PatternError, build_lexicon, find_triggers, load_lexicon
from warta.analyse.events import code
from warta.model import Participant, Quote

EXTRA = {
    "Jerman": ("Germany", "DEU", "DEU", "country"),
    "Merz": ("Friedrich Merz", "DEUGOV", "DEU", "person"),
    "Spanyol": ("Spain", "ESP", "ESP", "country"),
    "Lebanon": ("Lebanon", "LBN", "LBN", "country"),
    "Hizbullah": ("Hezbollah", "LBNREB", "LBN", "group"),
    "Kamboja": ("Cambodia", "KHM", "KHM", "country"),
    "Thailand": ("Thailand", "THA", "THA", "country"),
    "Berlin": ("Germany", "DEU", "DEU", "country", "LOC"),
    "Vietnam": ("Vietnam", "VNM", "VNM", "country"),
    "Selandia Baru": ("New Zealand", "NZL", "NZL", "country"),
    "Brunei": ("Brunei", "BRN", "BRN", "country"),
    "Kanada": ("Canada", "CAN", "CAN", "country"),
    "Meksiko": ("Mexico", "MEX", "MEX", "country"),
    "Suriah": ("Syria", "SYR", "SYR", "country"),
    "Inggris": ("United Kingdom", "GBR", "GBR", "country"),
}
GAZ = {**ACTORS, **EXTRA}


def coded(text: str, **kw):
    return code(make_doc(text, actors=kw.pop("actors", GAZ), **kw))


def asserted(text: str, **kw) -> set[tuple]:
    return triples(coded(text, **kw))


# ------------------------------------------------------------------------------------ morphology
@pytest.mark.parametrize("stem, kind, word", [
    ("kecam", "meN", "mengecam"), ("tuduh", "meN", "menuduh"), ("serang", "meN", "menyerang"),
    ("puji", "meN", "memuji"), ("bom", "meN", "mengebom"), ("kritik", "meN", "mengkritik"),
    ("protes", "meN", "memprotes"), ("desak", "meN", "mendesak"), ("larang", "meN", "melarang"),
    ("gempur", "meN", "menggempur"), ("ancam", "meN", "mengancam"), ("kunjung+i", "meN", "mengunjungi"),
    ("jatuh+kan", "di", "dijatuhkan"), ("tangkap", "peN-an", "penangkapan"), ("usir", "peN-an", "pengusiran"),
    ("sita", "peN-an", "penyitaan"), ("bom", "peN-an", "pengeboman"), ("runding", "per-an", "perundingan"),
    ("temu", "per-an", "pertemuan"), ("runding", "ber", "berunding"), ("datang", "ke-an", "kedatangan"),
    ("kecam", "an", "kecaman"), ("kunjung+i", "an", "kunjungan"), ("tangkap", "ter", "tertangkap"),
    ("ambil alih", "meN", "mengambil alih"),
])
def test_stems_are_spelled_with_the_prefix_sound_changes(stem, kind, word):
    assert spell(stem, kind) == word


def test_bad_stems_and_kinds_are_errors():
    with pytest.raises(MorphologyError):
        spell("kecam", "meN-kan")
    with pytest.raises(MorphologyError):
        spell("kecam+nya", "meN")
    raw = {"patterns": [{"id": "x", "type": "ACCUSE", "cameo": "111", "stems": [{"kecam": ["xx"]}]}]}
    with pytest.raises(PatternError, match="pattern x"):
        build_lexicon(raw)


def test_stems_give_every_voice_of_a_pattern():
    assert expand("serang", ("meN", "di", "an", "peN-an")) == {
        "active": ("menyerang",), "passive": ("diserang",), "noun": ("serangan", "penyerangan")}
    lex = build_lexicon({"patterns": [{"id": "a", "type": "ACCUSE", "cameo": "111",
                                       "stems": [{"kecam": ["meN", "di", "an"]}]}]})
    text = "Kecaman itu keras: mereka mengecam dan dikecam."
    found = {text[h.start:h.end].lower(): h.forms[0].kind for h in find_triggers(text, lex)}
    assert found == {"kecaman": "noun", "mengecam": "active", "dikecam": "passive"}


def test_packaged_stems_reach_the_trigger_finder():
    words = {"dikunjungi", "menyerang", "diserang", "digempur", "merundingkan"}
    text = " ".join(sorted(words))
    assert {text[h.start:h.end] for h in find_triggers(text, load_lexicon())} == words


# ------------------------------------------------------------------------------------ voices and frames
@pytest.mark.parametrize("text, expected", [
    ("Rusia dikecam Uni Eropa.", ("EU", "ACCUSE", "RUS")),
    ("Rusia mendapat kecaman dari Uni Eropa.", ("EU", "ACCUSE", "RUS")),
    ("Iran menuai kritik dari AS atas uji coba itu.", ("USA", "ACCUSE", "IRN")),
    ("Israel digempur Hizbullah dari utara.", ("LBN", "ASSAULT", "ISR")),
    ("Kapal Vietnam ditenggelamkan oleh Indonesia.", ("IDN", "COERCE", "VNM")),
    ("Jepang berkunjung ke Vietnam.", ("JPN", "CONSULT", "VNM")),
    ("Indonesia merundingkan perbatasan laut dengan Vietnam.", ("IDN", "CONSULT", "VNM")),
    ("Penangkapan nelayan Vietnam oleh Malaysia memicu protes.", ("MYS", "COERCE", "VNM")),
    ("Pengusiran diplomat Rusia oleh Jepang dikritik Moskow.", ("JPN", "SANCTION", "RUS")),
    ("Kanada menyatakan solidaritas dengan Ukraina.", ("CAN", "SUPPORT", "UKR")),
    ("Jerman membekukan aset bank Iran.", ("DEU", "SANCTION", "IRN")),
    ("Pengadilan Malaysia memvonis WNI tujuh tahun penjara.", ("MYS", "COERCE", "IDN")),
])
def test_voices_and_nominal_forms(text, expected):
    gaz = {**GAZ, "Pengadilan Malaysia": ("Malaysia", "MYSJUD", "MYS", "country")}
    assert expected in asserted(text, actors=gaz)


def test_a_response_verb_makes_its_subject_the_receiver_of_the_noun():
    got = asserted("Beijing membantah tuduhan Washington soal peretasan.")
    assert {("CHN", "REJECT", "USA"), ("USA", "ACCUSE", "CHN")} <= got
    assert ("USA", "REQUEST", "IRN") in asserted("Iran menolak desakan AS untuk menghentikan pengayaan.")
    # only for verbal acts: complying with sanctions is no sanction on the one who complies
    assert ("UN", "SANCTION", "CHN") not in asserted("China mematuhi sanksi PBB terhadap Korea Utara.")


def test_arguments_inside_a_complement_clause():
    got = asserted("Merz menyerukan agar proses negosiasi antara Israel dan Hamas segera dimulai.")
    assert {("DEU", "REQUEST", "ISR"), ("DEU", "REQUEST", "PSE")} <= got
    assert ("USA", "REQUEST", "ISR") in asserted("AS mendesak agar Israel menghentikan serangan.")


def test_a_phrase_after_another_event_noun_is_that_nouns():
    # "terhadap warga Palestina" belongs to "pengusiran", not to "menolak"
    assert ("DEU", "REJECT", "PSE") not in asserted(
        "Jerman menolak segala bentuk pengusiran paksa terhadap warga Palestina.",
        actors={**GAZ, "warga Palestina": ("Palestine", "PSECVL", "PSE", "country")})
    assert ("USA", "SUPPORT", "IRN") not in asserted("Warga AS mendukung ancaman terhadap Iran.")


def test_stance_names_are_not_actors_but_targets_of_protest():
    got = coded("Ribuan warga Korea Utara menggelar demonstrasi anti - AS di Pyongyang.",
                actors={**GAZ, "warga Korea Utara": ("North Korea", "PRKCVL", "PRK", "country"),
                        "Pyongyang": ("North Korea", "PRK", "PRK", "country")})
    assert ("USA", "PROTEST", "PRK") not in triples(got)


def test_absolute_clause_with_dengan_has_its_own_subject():
    got = asserted("Kedua negara berselisih soal perang itu, dengan Rusia mendukung Suriah.")
    assert ("RUS", "SUPPORT", "SYR") in got


def test_long_lists_are_not_paired_up():
    text = "Pertemuan enam negara Selandia Baru, Australia, Indonesia, Malaysia, Brunei dan Filipina digelar di Manado."
    assert asserted(text) == set()
    assert ("IDN", "CONSULT", "MYS") in asserted("Pertemuan Indonesia dan Malaysia digelar di Manado.")


def test_a_city_after_a_meeting_noun_is_the_venue():
    got = asserted("Pertemuan Berlin antara Rusia dan AS berakhir tanpa hasil.")
    assert ("RUS", "CONSULT", "USA") in got or ("USA", "CONSULT", "RUS") in got
    assert not any("DEU" in t for t in got)


def test_the_owner_of_a_place_undergoes_the_event():
    got = asserted("Pemboman kedutaan besar AS oleh Hamas menewaskan 20 orang.")
    assert ("PSE", "ASSAULT", "USA") in got and ("USA", "ASSAULT", "PSE") not in got


# ------------------------------------------------------------------------------------ speech acts
def with_quote(text: str, statement: str, speaker: str, country: str, direct: bool = True):
    doc = make_doc(text, actors=GAZ)
    a = text.index(statement)
    sp = text.rindex(speaker)
    doc.quotes = [Quote(text=statement, start=a, end=a + len(statement), direct=direct, cue="kata",
                        speaker=Participant(text=speaker, name=speaker, code=country, country=country,
                                            start=sp, end=sp + len(speaker)))]
    return code(doc)


def test_an_obligation_said_of_another_country_is_a_request():
    text = '"Israel tidak boleh melewati batas," kata Merz di Berlin.'
    got = with_quote(text, "Israel tidak boleh melewati batas", "Merz", "DEU")
    (e,) = [e for e in got if e.type == "REQUEST"]
    assert (e.source.country, e.target.country, e.rule) == ("DEU", "ISR", "request.must/statement")
    assert e.trigger == "tidak boleh" and text[e.target.start:e.target.end] == "Israel"
    text = "Menurut Merz, AS harus segera mencabut tarif itu."
    got = with_quote(text, "AS harus segera mencabut tarif itu", "Merz", "DEU", direct=False)
    assert ("DEU", "REQUEST", "USA") in triples(got)


def test_no_request_where_the_obligation_is_denied_or_ones_own():
    text = '"AS tidak perlu khawatir, dan Jerman harus berbuat lebih banyak," kata Merz.'
    got = with_quote(text, "AS tidak perlu khawatir, dan Jerman harus berbuat lebih banyak", "Merz", "DEU")
    assert not [e for e in got if e.type == "REQUEST"]


def test_a_charge_in_a_statement_is_an_accusation():
    text = '"Dunia akan melihat bagaimana kami menjinakkan gangster AS," kata juru bicara Korea Utara.'
    got = with_quote(text, "Dunia akan melihat bagaimana kami menjinakkan gangster AS", "Korea Utara", "PRK")
    assert ("PRK", "ACCUSE", "USA") in triples(got)
    text = "Menurut Jepang, tindakan China di Laut China Selatan tidak dapat dibenarkan."
    got = with_quote(text, "tindakan China di Laut China Selatan tidak dapat dibenarkan", "Jepang", "JPN", False)
    assert ("JPN", "ACCUSE", "CHN") in triples(got)
    text = "Menurut Jepang, China bukan agresor."
    assert not with_quote(text, "China bukan agresor", "Jepang", "JPN", False)


def test_a_named_consequence_is_a_threat():
    text = "Korea Utara memperingatkan, AS akan membayar harga yang pantas."
    got = with_quote(text, "AS akan membayar harga yang pantas", "Korea Utara", "PRK", False)
    assert ("PRK", "THREATEN", "USA") in triples(got)


def test_statement_cues_outside_statements_say_nothing():
    assert not [e for e in coded("Israel tidak boleh melewati batas. Rusia harus mundur.")
                if e.rule.endswith("/statement")]


# ------------------------------------------------------------------------------------ unsaid partners
def test_the_partner_of_an_accusation_is_the_one_answered():
    text = ("AS menuduh Iran memasok senjata. Iran membantah tuduhan itu dan menyebutnya fitnah. "
            "Iran juga melayangkan protes keras.")
    got = coded(text)
    protest = [e for e in got if e.rule.startswith("accuse.complain")]
    assert [(e.source.country, e.target.country) for e in protest] == [("IRN", "USA")]
    assert protest[0].rule.endswith("+partner:recent")


def test_the_main_counterpart_completes_an_event_with_its_place_empty():
    text = ("Israel menyerang Lebanon pada Senin. Israel kembali menggempur Lebanon selatan. "
            "Militer Israel menegaskan akan meneruskan operasi. Pada Sabtu, Israel melancarkan serangan udara tambahan.")
    gaz = {**GAZ, "Militer Israel": ("Israel", "ISRMIL", "ISR", "country")}
    got = coded(text, actors=gaz, dates={"Senin": ("2023-05-22", "day"), "Sabtu": ("2023-05-20", "day")})
    late = [e for e in got if e.type == "ASSAULT" and e.date == "2023-05-20"]
    assert [(e.source.country, e.target.country, e.rule) for e in late] == [
        ("ISR", "LBN", "assault.attack/active+partner:recent")]


def test_no_partner_is_guessed_where_the_receiver_is_named_but_unresolved():
    text = "Israel menyerang Lebanon. Israel juga menangkap para tersangka. Israel menyerang kelompok itu lagi."
    got = coded(text)
    assert not [e for e in got if e.type == "COERCE"]
    assert not [e for e in got if "+partner" in e.rule and e.sentence == 1]


def test_no_partner_from_events_of_the_other_leaning():
    text = "Israel dan AS menandatangani perjanjian. Israel bertemu AS. Israel melancarkan serangan udara."
    assert not [e for e in coded(text) if e.type == "ASSAULT"]


# ------------------------------------------------------------------------------------ more constructions
def test_doer_named_in_a_relative_clause_after_the_noun():
    assert ("UN", "SANCTION", "PRK") in asserted(
        "China berjanji mematuhi sanksi yang telah dijatuhkan PBB pada Korea Utara.")
    got = asserted("Israel menyerang Lebanon. Serangan roket yang Hizbullah lancarkan menghantam Israel utara.")
    assert ("LBN", "ASSAULT", "ISR") in got


def test_a_relative_clause_can_say_who_the_receiver_is():
    gaz = {**GAZ, "militan Palestina": ("Palestine", "PSEREB", "PSE", "group")}
    assert ("ISR", "ASSAULT", "PSE") in asserted(
        "Tentara Israel menembak dua warga yang dituduh militan Palestina.", actors=gaz)


def test_a_body_placed_in_a_country_at_the_start_of_its_clause():
    gaz = {**GAZ, "KPK": ("KPK", "IDNGOV", "IDN", "country")}
    assert ("KOR", "REQUEST", "IDN") in asserted("Kejaksaan di Korea Selatan meminta KPK mendalami kasus itu.", actors=gaz)
    # troops are placed where they serve, not made that country's
    assert not asserted("Pasukan di Suriah menyerang pangkalan Israel.", actors=gaz) & {("SYR", "ASSAULT", "ISR")}


def test_a_stated_intention_to_attack_is_a_threat():
    got = coded("Israel mengisyaratkan bakal meningkatkan operasi militer di Lebanon selatan.")
    assert ("ISR", "THREATEN", "LBN", "asserted") in {(e.source.country, e.type, e.target.country, e.modality) for e in got}
    assert ("ISR", "ASSAULT", "LBN", "future") in {(e.source.country, e.type, e.target.country, e.modality) for e in got}
    # a worry about someone else's attack is no threat by them
    assert not [e for e in coded("Jepang khawatir China akan menyerang Taiwan.") if e.type == "THREATEN"]


def test_time_words_keep_lalu_from_opening_a_clause():
    got = asserted("PBB, dalam resolusi 9 Oktober lalu menjatuhkan sanksi kepada Korea Utara.")
    assert ("UN", "SANCTION", "PRK") in got


def test_noun_lists_with_commas_stay_one_phrase():
    gaz = {**GAZ, "militer Israel": ("Israel", "ISRMIL", "ISR", "country")}
    got = asserted("Korea Utara prihatin atas serangan militer Israel terhadap situs sipil, nuklir, dan energi Iran.",
                   actors=gaz)
    assert ("ISR", "ASSAULT", "IRN") in got


def test_colloquial_jika_after_a_verb_of_saying_is_that():
    got = coded("Seorang diplomat Korea Utara menyebutkan, jika duta besar mereka diusir oleh Malaysia.",
                actors={**GAZ, "diplomat Korea Utara": ("North Korea", "PRKGOV", "PRK", "sector")})
    assert [(e.source.country, e.type, e.target.country, e.modality) for e in got if e.type == "SANCTION"] == [
        ("MYS", "SANCTION", "PRK", "asserted")]


def test_on_whose_request_across_appositions():
    gaz = {**GAZ, "Kepolisian Prancis": ("France", "FRAPOL", "FRA", "country"),
           "Serbia": ("Serbia", "SRB", "SRB", "country"), "Kosovo": ("Kosovo", "XKX", "XKX", "country")}
    got = asserted("Kepolisian Prancis menangkap Ramush Haradinaj, mantan perdana menteri Kosovo, atas permintaan Serbia.",
                   actors=gaz)
    assert ("SRB", "REQUEST", "FRA") in got


def test_envoys_sent_for_talks_and_descriptive_anaphors():
    assert ("PRK", "CONSULT", "USA") in asserted(
        "Korea Utara mengirimkan juru runding nuklirnya ke AS untuk melakukan pembicaraan.") | asserted(
        "Korea Utara mengirimkan juru runding nuklirnya ke AS untuk melakukan pembicaraan.")
    got = asserted("AS mendesak Hizbullah melucuti senjata. Namun, kelompok tersebut menolak desakan itu.")
    assert ("LBN", "REJECT", "USA") in got


def test_stated_obligations_and_suspended_cooperation():
    gaz = {**GAZ, "TNI": ("Indonesian military", "IDNMIL", "IDN", "country"),
           "militer Australia": ("Australia", "AUSMIL", "AUS", "country")}
    assert ("IDN", "SANCTION", "AUS") in asserted(
        "TNI menghentikan sementara kerja sama pelatihan bahasa dengan militer Australia.", actors=gaz)
    assert ("SAU", "SANCTION", "QAT") in asserted(
        "Sejak Mei lalu, Saudi memutuskan seluruh hubungan diplomatik dengan Qatar.",
        actors={**GAZ, "Saudi": ("Saudi Arabia", "SAU", "SAU", "country"), "Qatar": ("Qatar", "QAT", "QAT", "country")})


def test_a_cause_of_anger_is_the_one_criticised():
    assert ("CHN", "ACCUSE", "USA") in asserted("Telepon AS kepada Taiwan memicu kecaman dari China.")
    assert ("RUS", "ACCUSE", "USA") in asserted("Langkah Washington memancing kemarahan Moskow.")


def test_contact_and_calls_are_consultations():
    assert ("USA", "CONSULT", "TWN") in asserted("Presiden AS menghubungi Presiden Taiwan melalui telepon.",
                                                  actors={**GAZ, "Presiden AS": ("Donald Trump", "USAGOV", "USA", "person"),
                                                          "Presiden Taiwan": ("Tsai Ing-wen", "TWNGOV", "TWN", "person")})
    got = asserted("AS dan China melakukan kontak langsung.")
    assert ("CHN", "CONSULT", "USA") in got or ("USA", "CONSULT", "CHN") in got


def test_war_of_one_side_in_a_place():
    got = asserted("Washington menghadapi krisis global, seperti perang Rusia di Ukraina.")
    assert ("RUS", "ASSAULT", "UKR") in got and ("UKR", "ASSAULT", "RUS") not in got


def test_an_actor_and_its_own_allies_are_one_subject():
    gaz = {**GAZ, "Saudi": ("Saudi Arabia", "SAU", "SAU", "country"), "Qatar": ("Qatar", "QAT", "QAT", "country")}
    assert ("SAU", "SANCTION", "QAT") in asserted("Saudi dan sekutunya memutuskan hubungan diplomatik dengan Qatar.", actors=gaz)


def test_a_verbless_yang_phrase_does_not_end_the_noun_phrase():
    gaz = {**GAZ, "Olmert": ("Ehud Olmert", "ISRGOV", "ISR", "person"), "Abbas": ("Mahmud Abbas", "PSEGOV", "PSE", "person")}
    got = asserted("Hal itu menyusul pertemuan pada hari yang sama di Yerusalem antara Olmert dan Abbas.", actors=gaz)
    assert ("ISR", "CONSULT", "PSE") in got


def test_one_of_is_no_charge():
    text = "Menurut Putin, Indonesia adalah salah satu mitra dagang Rusia."
    assert not [e for e in with_quote(text, "Indonesia adalah salah satu mitra dagang Rusia", "Putin", "RUS", False)
                if e.type == "ACCUSE"]
    text = "Menurut Inggris, China salah karena melarang Liu berobat."
    assert ("GBR", "ACCUSE", "CHN") in triples(with_quote(text, "China salah karena melarang Liu berobat", "Inggris", "GBR", False))


def test_need_and_cause_in_modality():
    got = coded("Perlunya AS memberi sanksi ekonomi kepada Iran.")
    assert [e.modality for e in got if e.type == "SANCTION"] == ["hypothetical"]
    gaz = {**GAZ, "Kim": ("Kim Jong Un", "PRKGOV", "PRK", "person"), "Trump": ("Donald Trump", "USAGOV", "USA", "person")}
    # "mendorong" with no actor as its subject says what was caused: the praise happened
    got = coded("Insiden tersebut mendorong Trump untuk memuji Kim.", actors=gaz)
    assert [(e.type, e.modality) for e in got] == [("SUPPORT", "asserted")]
    # … with an actor it is urging: what is urged has not happened
    got = coded("AS mendorong Jepang untuk mengecam China.", actors=gaz)
    assert [(e.source.country, e.type, e.modality) for e in got if e.type == "ACCUSE"] == [("JPN", "ACCUSE", "hypothetical")]
