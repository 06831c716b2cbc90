"""Resolution rules of the mentions stage that the event coder depends on: diplomatic missions,
dependent territories, appositions, qualified people, anaphors, bare roles, spelling variants,
undated texts. All text here is written for these tests (fictional events, real offices)."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("warta.lang.id.actors", reason="the actor dictionary is not installed")

from warta.analyse import dates, segment  # noqa: E402
from warta.analyse.mentions import find_mentions, named_spans  # noqa: E402
from warta.model import Article, Doc, Mention  # noqa: E402

PUBLISHED = date(2025, 7, 16)


def _doc(text: str, published: date | None = PUBLISHED) -> Doc:
    doc = Doc(article=Article(id="t", text=text, published=published), text=text)
    segment.segment(doc)
    dates.find_dates(doc)
    find_mentions(doc)
    for m in doc.mentions:  # every mention and part slices the text exactly
        assert doc.text[m.start:m.end] == m.text
        for p in m.parts:
            assert doc.text[p.start:p.end] == p.text and m.start <= p.start and p.end <= m.end
    ends = [m.end for m in doc.mentions]
    assert all(a.start >= b for a, b in zip(doc.mentions[1:], ends)), "mentions overlap"
    return doc


def _at(doc: Doc, surface: str, nth: int = 0) -> Mention:
    pos = -1
    for _ in range(nth + 1):
        pos = doc.text.index(surface, pos + 1)
    for m in doc.mentions:
        if m.start <= pos and pos + len(surface) <= m.end:
            return m
    raise AssertionError(f"no mention covers {surface!r}: {[m.text for m in doc.mentions]}")


def _country(doc: Doc, surface: str, nth: int = 0) -> str | None:
    m = _at(doc, surface, nth)
    return m.actor.country if m.actor else None


def _no_mention(doc: Doc, surface: str) -> bool:
    pos = doc.text.index(surface)
    return not any(m.start <= pos < m.end for m in doc.mentions)


# --- diplomatic missions belong to the sending state --------------------------------------------

def test_indonesian_missions_are_indonesia_and_their_city_a_place() -> None:
    doc = _doc("KBRI Tokyo dan Konsulat Jenderal Republik Indonesia (KJRI) Osaka menyampaikan imbauan "
               "kepada WNI di Jepang. KJRI Jeddah dan KBRI Phnom Penh juga memantau situasi.")
    for surface in ("KBRI Tokyo", "Konsulat Jenderal Republik Indonesia (KJRI) Osaka", "KJRI Jeddah",
                    "KBRI Phnom Penh"):
        m = _at(doc, surface)
        # one actor, the sending state: the dictionary's mission with the city as a LOC part, or
        # the CRF's organisation name that holds the mission's dictionary name
        assert m.text == surface and m.actor.country == "IDN" and m.actor.code == "IDNGOV", m
        if m.rule.endswith("+place"):
            assert m.parts[-1].label == "LOC" and surface.endswith(m.parts[-1].text)
    assert not {"Tokyo", "Osaka", "Jeddah", "Phnom Penh"} & {m.text for m in doc.mentions}
    # the mission pass itself, on a city the CRF does not join to the mission
    doc = _doc("Imbauan itu disampaikan KBRI Kairo kepada mahasiswa.")
    m = _at(doc, "KBRI Kairo")
    assert m.actor.country == "IDN" and m.text == "KBRI Kairo"


def test_foreign_embassies_and_ambassadors_belong_to_the_sending_state() -> None:
    doc = _doc("Kedubes AS di Jakarta menutup layanan, sementara Kedutaan Besar Amerika Serikat di Seoul "
               "tetap buka. Duta Besar Rusia untuk Indonesia Sergei Tolchenov bertemu Dubes RI untuk "
               "Jepang Heri Akhmadi.")
    assert _country(doc, "Kedubes AS") == "USA"
    assert _country(doc, "Kedutaan Besar Amerika Serikat") == "USA"
    assert _at(doc, "Jakarta").label == "LOC"
    assert _country(doc, "Sergei Tolchenov") == "RUS"
    heri = _at(doc, "Heri Akhmadi")
    assert heri.actor.country == "IDN" and heri.actor.kind == "person"


def test_bare_kemlu_is_indonesia_unless_the_article_named_another_ministry() -> None:
    doc = _doc("Kemlu mengimbau WNI menjauhi lokasi unjuk rasa.")
    assert _country(doc, "Kemlu") == "IDN"
    doc = _doc("Kementerian Luar Negeri Turki mengecam pernyataan itu. Menurut Kementerian, pernyataan "
               "Uni Eropa tidak akurat. Pernyataan Kemlu itu dikutip kantor berita.")
    assert _country(doc, "Kementerian", 1) == "TUR"
    kemlu = _at(doc, "Kemlu")
    assert kemlu.actor.country == "TUR" and "coref:role" in kemlu.rule


# --- dependent territories --------------------------------------------------------------------

def test_a_dependent_territory_is_keyed_by_its_state_a_sar_by_itself() -> None:
    doc = _doc("Korut mengancam akan menyerang Guam, salah satu wilayah AS di Pasifik. Puerto Riko "
               "meminta bantuan. Pemerintah Hong Kong menangkap aktivis.")
    guam = _at(doc, "Guam")
    assert guam.actor.country == "USA" and guam.actor.code == "GUM"  # the detail stays in the code
    assert _country(doc, "Puerto Riko") == "USA"
    assert _country(doc, "Pemerintah Hong Kong") == "HKG"


# --- false matches from generated names ------------------------------------------------------

def test_common_words_are_not_old_petrarch_people() -> None:
    doc = _doc("Pasukan Irak dan Kurdi memerangi ISIS. Kurdi menolak mundur. Raja Yordania bertemu "
               "pengusaha Fajar di Amman. Nilai tukar dolar AS menguat.")
    for m in doc.mentions:
        if m.text in ("Kurdi", "Fajar"):
            assert m.actor is None or m.actor.country is None, m
    assert _country(doc, "Raja Yordania") == "JOR"
    assert _no_mention(doc, "AS menguat")  # "dolar AS" is money


# --- people ---------------------------------------------------------------------------------

def test_comma_appositions_in_both_orders() -> None:
    doc = _doc("Presiden Prancis, Jean-Luc Moreau, tiba di Jakarta. Yves Martin, Menteri Luar Negeri "
               "Prancis, mendampinginya. Menlu AS, Marco Rubio, menyambut keduanya.")
    for name in ("Jean-Luc Moreau", "Yves Martin"):
        m = _at(doc, name)
        assert m.actor.country == "FRA" and m.actor.code == "FRAGOV" and m.actor.role, m
    assert _country(doc, "Marco Rubio") == "USA"


def test_a_person_described_by_nationality_takes_that_country() -> None:
    doc = _doc("Remaja Palestina Ahed Tamimi ditahan tentara Israel. Jurnalis Inggris Peter Greste dan "
               "aktivis Turki Ahmet Yilmaz ikut berunjuk rasa.")
    tamimi = _at(doc, "Ahed Tamimi")
    assert tamimi.label == "PER" and tamimi.actor.country == "PSE" and tamimi.actor.code == "PSECVL"
    assert _country(doc, "Peter Greste") == "GBR"
    assert _country(doc, "Ahmet Yilmaz") == "TUR"
    assert _country(doc, "tentara Israel") == "ISR"


def test_spelling_variants_of_known_people_and_repeated_unknown_names() -> None:
    doc = _doc("Presiden Mahmud Abbas bertemu Ehut Olmert di Yerusalem. Menlu Montenegro, Milan Rocen, "
               "tiba di Moskow. Milan Rocen bertemu walikota.", date(2007, 3, 20))
    assert _at(doc, "Mahmud Abbas").actor.name == "Mahmoud Abbas"
    assert _country(doc, "Ehut Olmert") == "ISR"
    assert _country(doc, "Milan Rocen", 1) == "MNE"


def test_a_relative_with_a_famous_surname_is_not_the_famous_one() -> None:
    doc = _doc("Brigitte Macron menghadiri jamuan. Macron kemudian berpidato di depan parlemen.")
    assert _at(doc, "Brigitte Macron").actor.country is None
    macron = _at(doc, "Macron", 1)
    assert macron.actor.name == "Emmanuel Macron" and macron.actor.country == "FRA"


def test_a_title_and_one_name_yields_to_the_article_s_own_person() -> None:
    doc = _doc("Raja Yordania Abdullah II menerima menteri pertahanan AS. Raja Abdullah mengatakan "
               "Israel harus mengakhiri pendudukan.", date(2007, 4, 17))
    assert _country(doc, "Raja Yordania Abdullah II") == "JOR"
    assert _country(doc, "Raja Abdullah") == "JOR"  # not the Saudi King Abdullah of the dictionary


def test_office_portfolios_after_a_bare_minister_word() -> None:
    doc = _doc("Menteri Unifikasi Korsel Lee Jae-young mengecam uji coba itu. Informasi ini disampaikan "
               "Wakil Menteri Hubungan dan Kerja Sama Internasional Afsel, Alvin Botes.")
    lee = _at(doc, "Lee Jae-young")
    assert lee.actor.country == "KOR" and lee.actor.role == "Menteri Unifikasi"
    assert _country(doc, "Alvin Botes") == "ZAF"


def test_pope_and_collective_bodies_named_after_a_leader() -> None:
    doc = _doc("Paus Leo menelepon Netanyahu. Paus mendesak Israel menghentikan serangan. China "
               "mengecam keputusan pemerintahan Trump. Rezim Kim Jong Un menembakkan rudal.")
    assert _country(doc, "Paus Leo") == "VAT"
    assert _country(doc, "Paus", 1) == "VAT"
    pemerintahan = _at(doc, "pemerintahan Trump")
    assert pemerintahan.actor.country == "USA" and pemerintahan.actor.code == "USAGOV"
    assert _country(doc, "Kim Jong Un") == "PRK"


# --- metonyms, epithets, anaphors -----------------------------------------------------------

@pytest.mark.parametrize("surface, country", [
    ("Negeri Paman Sam", "USA"), ("Negeri Tirai Bambu", "CHN"), ("Negeri Sakura", "JPN"),
    ("Negeri Ginseng", "KOR"), ("Negeri Jiran", "MYS"), ("Zionis", "ISR"), ("Korut", "PRK"),
    ("Teheran", "IRN"), ("Tel Aviv", "ISR"), ("Jordania", "JOR"), ("Pilipina", "PHL"),
    ("Aljazair", "DZA"), ("Slowakia", "SVK"), ("Khartoum", "SDN"), ("Afrika Bersatu", "AU"),
])
def test_epithets_metonyms_and_spelling_variants(surface: str, country: str) -> None:
    doc = _doc(f"Menurut pengamat, {surface} menolak tuduhan itu.")
    assert _country(doc, surface) == country


def test_lower_case_role_with_a_spelling_variant() -> None:
    doc = _doc("Menteri luar negeri Jordania bertemu menteri luar negeri Israel di Amman.")
    m = _at(doc, "Menteri luar negeri Jordania")
    assert m.actor.country == "JOR" and m.actor.code == "JORGOV"


def test_anaphors_take_the_last_state_or_group() -> None:
    doc = _doc("Iran menolak tuntutan itu. Pemerintah negara itu menyebut sanksi tidak sah. Hamas "
               "menembakkan roket ke Israel. Kelompok tersebut mengklaim serangan itu.")
    gov = _at(doc, "Pemerintah negara itu")
    assert gov.actor.country == "IRN" and gov.actor.code == "IRNGOV"
    group = _at(doc, "Kelompok tersebut")
    assert group.actor.country == "PSE" and group.rule == "coref:anaphor:group"
    named = named_spans(doc.mentions)
    assert not any(gov.start <= s < gov.end and t == "LOC" for s, _, t in named)  # not a name


def test_kedua_negara_itu_stays_a_group_and_places_do_not_outweigh_actors() -> None:
    doc = _doc("Sudan dan Amerika Serikat bertemu. Perjanjian itu dicapai di Abuja, Nigeria. Utusan AS "
               "menemui pejabat Sudan. Kedua negara itu sepakat.")
    group = _at(doc, "Kedua negara itu")
    assert {a.country for a in group.actor.members} == {"SDN", "USA"}


def test_bare_roles_refer_to_the_last_office_but_not_in_plurals_or_modifiers() -> None:
    doc = _doc("Menteri Luar Negeri RI Sugiono bertemu menlu Rusia Sergei Lavrov. Kedua menlu itu membahas Korea. "
               "Para menteri luar negeri negara ASEAN mendesak Korea Utara. Kemajuan militer tersebut "
               "didukung Rusia. Presiden Prabowo tiba di Moskow. Presiden mengatakan kerja sama erat.")
    group = _at(doc, "Kedua menlu")
    assert group.rule.startswith("coref:group") and group.text == "Kedua menlu"
    assert _no_mention(doc, "menteri luar negeri negara")
    assert _no_mention(doc, "militer tersebut")
    pres = _at(doc, "Presiden", 1)
    assert pres.rule == "coref:role" and pres.actor.country == "IDN"
    assert (pres.start, pres.end, "PER") not in named_spans(doc.mentions)


# --- undated texts ------------------------------------------------------------------------------

def test_an_undated_text_resolves_roles_on_its_own_latest_date() -> None:
    text = ("Ketua Kebijakan Luar Negeri UE Javier Solana tiba di Damaskus, Rabu. Hubungan resmi UE dengan "
            "Suriah membeku sejak ledakan bom di Beirut pada Februari 2005.")
    doc = _doc(text, published=None)
    assert doc.reference_date == date(2005, 2, 28)
    solana = _at(doc, "Javier Solana")
    assert solana.actor.country == "EU" and solana.actor.role
    # without any date the person's longest-held office stands (ten years at the EU, four at NATO)
    doc = _doc("Javier Solana tiba di Damaskus.", published=None)
    assert doc.reference_date is None and _country(doc, "Javier Solana") == "EU"


def test_the_headline_can_give_a_person_the_state_the_text_leaves_out() -> None:
    text = ("Ahed Tamimi ditangkap setelah ia difilmkan melawan seorang perwira Israel. Video itu "
            "menunjukkan Tamimi menampar perwira tersebut.")
    for title in ("remaja palestina ahed tamimi ditahan hingga akhir persidangan",  # a lower-cased slug
                  "Remaja Palestina Ahed Tamimi Ditahan"):
        doc = Doc(article=Article(id="t", text=text, title=title, published=date(2018, 1, 18)), text=text)
        segment.segment(doc)
        dates.find_dates(doc)
        find_mentions(doc)
        first, again = _at(doc, "Ahed Tamimi"), _at(doc, "Tamimi", 1)
        assert first.actor.country == "PSE" and first.rule.endswith("+title")
        assert again.actor.country == "PSE"
    doc = _doc(text)  # no headline: nothing to go by
    assert _at(doc, "Ahed Tamimi").actor.country is None


# --- offices with a home state, bodies named after a state, ethnic groups -----------------------

def test_russian_parliament_is_russia_with_or_without_a_known_speaker() -> None:
    doc = _doc("Ketua Duma Vyacheslav Volodin mengatakan Duma akan membahas RUU itu. Ketua Duma Sergei "
               "Petrovsky yang baru dilantik hadir, dan Parlemen Rusia (Duma) menyetujuinya pada Rabu.")
    volodin = _at(doc, "Vyacheslav Volodin")
    assert volodin.text.startswith("Ketua Duma") and volodin.actor.code == "RUSLEG"
    assert _at(doc, "Duma", 1).actor.code == "RUSLEG" and _at(doc, "Duma", 1).text == "Duma"
    unknown = _at(doc, "Sergei Petrovsky")  # not in the dictionary: the office gives the state
    assert unknown.label == "PER" and unknown.actor.country == "RUS" and unknown.actor.code == "RUSLEG"
    assert _country(doc, "Duma", 3) == "RUS"
    assert "PNG" not in {m.actor.country for m in doc.mentions if m.actor}
    doc = _doc("Anggota Duma Pyotr Tolstoy menyebut sanksi itu tidak berguna.")
    assert _at(doc, "Pyotr Tolstoy").actor.code == "RUSLEG"


def test_a_house_of_representatives_before_a_state_is_that_states() -> None:
    doc = _doc("DPR Filipina memakzulkan wakil presiden. Ketua DPR Korea Selatan Park Min-jae menerima "
               "delegasi DPR AS. Di Jakarta, Ketua DPR Puan Maharani mengatakan DPR akan memanggil menteri.")
    assert _at(doc, "DPR Filipina").actor.code == "PHLLEG"
    park = _at(doc, "Park Min-jae")
    assert park.text.startswith("Ketua DPR Korea Selatan") and park.actor.code == "KORLEG"
    assert _country(doc, "DPR AS") == "USA"
    assert _country(doc, "Puan Maharani") == "IDN"
    assert _at(doc, "DPR", 4).text == "DPR" and _country(doc, "DPR", 4) == "IDN"  # bare, in Indonesian context


def test_indonesian_offices_named_without_a_state_are_indonesias() -> None:
    doc = _doc("Menteri Imigrasi dan Pemasyarakatan Agus Andrianto bertemu Juru bicara Kemenlu Yohanes "
               "Sitompul. Kementerian Luar Negeri menyatakan seluruh WNI di Iran aman.")
    agus = _at(doc, "Agus Andrianto")
    assert agus.label == "PER" and agus.actor.code == "IDNGOV"
    assert agus.actor.role == "Menteri Imigrasi dan Pemasyarakatan"
    spokesman = _at(doc, "Yohanes Sitompul")  # an unknown holder of an Indonesian office
    assert spokesman.actor.country == "IDN" and spokesman.text.startswith("Juru bicara Kemenlu")
    ministry = _at(doc, "Kementerian Luar Negeri")
    assert ministry.text == "Kementerian Luar Negeri" and ministry.actor.code == "IDNGOV"
    # a state in the phrase, or the same office of another state named before, wins
    doc = _doc("Kementerian Luar Negeri Turki mengecam serangan itu. Menurut Kementerian Luar Negeri, "
               "serangan itu melanggar hukum internasional.")
    assert _country(doc, "Kementerian Luar Negeri Turki") == "TUR"
    assert _country(doc, "Kementerian Luar Negeri", 1) == "TUR"


def test_refugees_of_an_ethnic_group_are_a_group_not_the_state() -> None:
    doc = _doc("Ratusan pengungsi Rohingya tiba di pantai Aceh. Militer Myanmar membantah menyerang warga "
               "Rohingya, sementara ARSA menyerang pos polisi.")
    refugees = _at(doc, "pengungsi Rohingya")
    assert refugees.text == "pengungsi Rohingya" and refugees.actor.kind != "country"
    assert refugees.actor.code == "MMRREF" and refugees.actor.country == "MMR"
    assert _at(doc, "warga Rohingya").actor.kind == "group"
    assert _at(doc, "ARSA").actor.code == "MMRREB"
    assert _country(doc, "Militer Myanmar") == "MMR"


def test_libyas_rival_governments() -> None:
    doc = _doc("Pasukan GNA memukul mundur pasukan Haftar dari pinggiran Tripoli.", published=date(2019, 6, 1))
    assert _at(doc, "Pasukan GNA").actor.code == "LBYMIL"
    assert _country(doc, "Haftar") == "LBY"


def test_a_bare_office_after_a_foreign_state_opened_the_sentence_before() -> None:
    doc = _doc("Rusia menolak tuduhan itu. Pemerintah juga memanggil duta besar Jerman di Moskow.")
    gov = _at(doc, "Pemerintah")
    assert gov.actor.code == "RUSGOV" and gov.rule == "coref:role:subject"
    # once the article has named Indonesia, a bare "Pemerintah" may well be Indonesia's: left alone
    doc = _doc("Indonesia memantau situasi. Rusia menolak tuduhan itu. Pemerintah juga memanggil duta besar.")
    assert _no_mention(doc, "Pemerintah")
    # not when the state was not the previous sentence's subject
    doc = _doc("Tuduhan itu dibantah Rusia. Pemerintah juga memanggil duta besar Jerman.")
    assert _no_mention(doc, "Pemerintah")


# --- the office the text names decides a known person's actor ------------------------------------

def test_a_named_office_and_state_win_over_a_later_role() -> None:
    # Retno Marsudi joined the UN after leaving the foreign ministry; a text that calls her Indonesia's
    # foreign minister (looking back, or dated after the handover) means the Indonesian minister.
    doc = _doc("Menteri Luar Negeri Indonesia Retno Marsudi pernah bertemu Sekjen PBB di sela Sidang Majelis "
               "Umum PBB di New York. Retno mengecam serangan itu. Retno Marsudi, Menteri Luar Negeri RI, "
               "juga mendesak gencatan senjata.", published=date(2025, 3, 1))
    minister = _at(doc, "Menteri Luar Negeri Indonesia Retno Marsudi")
    assert (minister.actor.country, minister.actor.code, minister.actor.role) == \
        ("IDN", "IDNGOV", "Menteri Luar Negeri")
    assert _country(doc, "Retno", 1) == "IDN"  # "Retno mengecam"
    apposed = _at(doc, "Retno Marsudi", 1)  # "Retno Marsudi, Menteri Luar Negeri RI,"
    assert apposed.rule.endswith("+office") and apposed.actor.country == "IDN"
    # without an office in the text, the role on the article's date stands
    doc = _doc("Retno Marsudi menghadiri forum air di Jenewa.", published=date(2025, 3, 1))
    assert _country(doc, "Retno Marsudi") == "UN"
    # a past office ("mantan Menlu") is the state's elite, not the person's later UN post
    doc = _doc("Mantan Menlu Retno Marsudi hadir dalam diskusi itu.", published=date(2025, 3, 1))
    former = _at(doc, "Mantan Menlu Retno Marsudi")
    assert (former.actor.country, former.actor.code) == ("IDN", "IDNELI")


def test_un_secretary_general_named_as_such_is_the_un() -> None:
    # The guide keys the Secretary-General to the UN; a text naming Ban Ki-moon in that office (in a
    # retrospective written after his term) means the UN, not South Korea.
    doc = _doc("Pada 2015, Sekjen PBB Ban Ki-moon mengecam uji coba rudal Korea Utara. Ban juga meminta "
               "Pyongyang kembali berunding.", published=date(2019, 5, 1))
    ban = _at(doc, "Ban Ki-moon")
    assert (ban.actor.country, ban.actor.role) == ("UN", "Sekretaris Jenderal PBB")
    assert _country(doc, "Ban", 1) == "UN"  # "Ban juga"
    doc = _doc("Ban Ki-moon, Sekretaris Jenderal PBB, memuji kedua pihak.", published=date(2019, 5, 1))
    assert _country(doc, "Ban Ki-moon") == "UN"
    doc = _doc("Sekretaris Jenderal PBB Antonio Guterres menyerukan gencatan senjata.", published=date(2024, 1, 5))
    assert _country(doc, "Antonio Guterres") == "UN"
    # a former Secretary-General, or one named without the office after his term, is his own state's
    doc = _doc("Mantan Sekjen PBB Ban Ki-moon berkunjung ke Jakarta.", published=date(2019, 5, 1))
    assert _country(doc, "Ban Ki-moon") == "KOR"
    doc = _doc("Ban Ki-moon berkunjung ke Jakarta.", published=date(2019, 5, 1))
    assert _country(doc, "Ban Ki-moon") == "KOR"


def test_an_undated_text_names_the_office_its_people_hold() -> None:
    # no publication date, and the only year stated is background: the office the text names decides
    doc = _doc("Ketua PBB, Ban Ki-moon, Senin mendesak Israel mencabut blokade. Sekjen PBB juga mengingatkan "
               "putusan Mahkamah Internasional tahun 2004. Ban meminta kedua pihak menahan diri.", published=None)
    assert _country(doc, "Ban Ki-moon") == "UN" and _at(doc, "Ban Ki-moon").rule.endswith("+office:text")
    assert _country(doc, "Ban", 1) == "UN"
    # a role phrase of its own stands ("Menlu Korsel Ban Ki-moon" beside the Secretary-General)
    doc = _doc("Menlu Korea Selatan Ban Ki-moon bertemu Sekjen PBB Kofi Annan tahun 2005.", published=None)
    assert _country(doc, "Menlu Korea Selatan Ban Ki-moon") == "KOR"
    assert _country(doc, "Kofi Annan") == "UN"


# --- transnational groups: branches take the state they are based in ----------------------------

def test_al_qaeda_and_isis_branches_take_their_state() -> None:
    doc = _doc("Komando Afrika AS melancarkan serangan udara terhadap Al-Shabaab, cabang Al-Qaeda di "
               "Somalia. Washington juga menyerang Al-Qaeda di Yaman dan ISIS Afghanistan. Al-Qaeda "
               "mengecam serangan itu.", published=date(2023, 6, 1))
    assert _country(doc, "Al-Shabaab") == "SOM"
    branch = _at(doc, "Al-Qaeda di Somalia")
    assert branch.text == "Al-Qaeda di Somalia" and branch.actor.country == "SOM" and branch.rule.endswith("+branch")
    assert [(p.text, p.label) for p in branch.parts] == [("Al-Qaeda", "ORG"), ("Somalia", "LOC")]
    assert _country(doc, "Somalia") == "SOM"
    spans = named_spans(doc.mentions)  # the NER view keeps the group and the place apart
    start = doc.text.index("Al-Qaeda di Somalia")
    assert (start, start + len("Al-Qaeda"), "ORG") in spans
    assert _country(doc, "Al-Qaeda di Yaman") == "YEM"
    assert _country(doc, "ISIS Afghanistan") == "AFG"
    assert _country(doc, "Al-Qaeda", 2) == "AFG"  # "Al-Qaeda mengecam": the core keeps its base
    doc = _doc("Kelompok AQAP dan AQIM serta ISIS-K mengaku bertanggung jawab.", published=date(2023, 6, 1))
    assert [_country(doc, g) for g in ("AQAP", "AQIM", "ISIS-K")] == ["YEM", "DZA", "AFG"]
    doc = _doc("Pesawat AS menyerang tempat persembunyian jaringan Al-Qaeda di selatan Somalia.",
               published=date(2023, 6, 1))
    assert _country(doc, "Al-Qaeda") == "SOM"
    # a state that acts right after the group is not its branch
    doc = _doc("Terkait ISIS Turki menangkap 20 orang.", published=date(2023, 6, 1))
    assert _at(doc, "ISIS").text == "ISIS" and _country(doc, "ISIS") == "SYR" and _country(doc, "Turki") == "TUR"


# --- regions and towns of states at war ---------------------------------------------------------

def test_regions_and_towns_in_the_news_belong_to_their_state() -> None:
    doc = _doc("Rusia kembali menggempur Kherson dan Zaporizhzhia, sementara junta Myanmar menyerang "
               "desa-desa di negara bagian Rakhine. Serangan Israel di Khan Younis dan Rafah menewaskan "
               "puluhan orang.", published=date(2024, 1, 10))
    for surface, key in (("Kherson", "UKR"), ("Zaporizhzhia", "UKR"), ("Rakhine", "MMR"),
                         ("Khan Younis", "PSE"), ("Rafah", "PSE")):
        m = _at(doc, surface)
        assert (m.label, m.actor.country if m.actor else None) == ("LOC", key), surface
