"""The actor dictionary (``warta.lang.id.actors``): matching rules, date-bounded roles, keys per the
CODING-GUIDE, ``warta actors check`` and the build script. All text here is written for the tests."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from warta.lang.id import actor_files, actors, actors_check
from warta.lang.id.actors import fold, load

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def d() -> actors.ActorDictionary:
    return load()


def hits(d, text: str) -> list[tuple[str, str, str]]:
    return [(h.surface, h.entry.id, h.how) for h in d.find(text)]


def ids(d, text: str) -> list[str]:
    return [h.entry.id for h in d.find(text)]


# --- matching ------------------------------------------------------------------------------------

def test_fold_keeps_offsets_and_folds_accents() -> None:
    text = "Élysée, “Türkiye” — Erdoğan İstanbul"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("elysee   turkiye    erdogan")


def test_word_boundaries(d) -> None:
    assert ids(d, "Kunjungan ke Rusianya berlangsung singkat.") == []
    assert ids(d, "Perang dagang AS-China memanas.") == ["USA", "CHN"]
    found = d.find("Hubungan (Rusia) dan Ukraina.")
    assert [(h.surface, h.start) for h in found] == [("Rusia", 10), ("Ukraina", 21)]


def test_case_rules(d) -> None:
    assert ids(d, "AS menjatuhkan sanksi.") == ["USA"]
    assert ids(d, "Poros as roda itu patah, jelas sekali.") == []
    assert ids(d, "Negara Barat mengecam Moskow.")[0] == "WST"
    assert ids(d, "Angin bertiup dari arah barat laut.") == []
    assert ids(d, "Ia fasih berbahasa Inggris dan belajar bahasa Jepang.") == []
    assert ids(d, "Inggris dan Jepang menandatangani pakta.") == ["GBR", "JPN"]
    assert ids(d, "Pada bulan Mei Turki menolak usulan itu.") == ["TUR"]


def test_provinces_are_not_the_west(d) -> None:
    text = ("Banjir melanda Jawa Barat, Papua Barat, Nusa Tenggara Barat, Kalimantan Barat dan "
            "Sumatera Barat, juga Kecamatan Brebes Barat.")
    assert "WST" not in ids(d, text)
    assert ids(d, "Rusia menuding sanksi Barat tidak sah.") == ["RUS", "WST"]
    assert ids(d, "Sikap negara-negara Barat terbelah.") == ["WST"]
    assert hits(d, "Israel menyerbu Tepi Barat.") == [("Israel", "ISR", "name"), ("Tepi Barat", "PSE", "place")]


def test_longest_match_wins(d) -> None:
    assert ids(d, "Dewan Keamanan PBB bersidang.") == ["UN.SC"]
    assert ids(d, "Korea Utara meluncurkan rudal.") == ["PRK"]
    assert hits(d, "Produk Korea laris.") == [("Korea", "KOR", "short")]
    assert ids(d, "Kapal melintasi Laut China Selatan.") == []
    assert ids(d, "Sekjen PBB Antonio Guterres berbicara.") == ["UN.SG", "person/antonio-guterres"]


def test_metonyms_and_state_bodies(d) -> None:
    found = {h.surface: h for h in d.find("Kremlin membantah, Gedung Putih diam, Pentagon bersiaga, Moskow marah.")}
    assert found["Kremlin"].how == "metonym" and found["Kremlin"].entry.code == "RUSGOV"
    assert found["Gedung Putih"].entry.code == "USAGOV" and found["Gedung Putih"].entry.country == "USA"
    assert found["Pentagon"].entry.code == "USAMIL"
    assert found["Moskow"].entry.id == "RUS" and found["Moskow"].how == "metonym"
    assert hits(d, "Jakarta menolak klaim itu.") == [("Jakarta", "IDN", "metonym")]
    assert ids(d, "Banjir di DKI Jakarta dan Jakarta Pusat surut.") == []


def test_country_forms(d) -> None:
    found = d.find("Pemerintah Jepang dan warga Rusia menyambut negara AS.")
    assert [(h.surface, h.entry.code, h.how) for h in found] == [
        ("Pemerintah Jepang", "JPNGOV", "demonym"), ("warga Rusia", "RUSCVL", "demonym"),
        ("negara AS", "USA", "demonym")]
    assert hits(d, "Menteri Luar Negeri Rusia tiba.") == [("Rusia", "RUS", "name")]
    assert [h.entry.code for h in d.find("pemerintah Beijing bereaksi")] == ["CHNGOV"]
    assert ids(d, "Klub Liga Inggris itu menang.") == []
    assert ids(d, "Nilai kontrak AS$ 20 juta.") == []


def test_organisations_keyed_per_guide(d) -> None:
    expect = {
        "PBB": "UN", "UNRWA": "UN", "WHO": "UN", "IAEA": "UN", "UNICEF": "UN", "Mahkamah Internasional": "UN",
        "Uni Eropa": "EU", "NATO": "NATO", "ASEAN": "ASEAN", "G7": "G7", "G20": "G20", "BRICS": "BRICS",
        "APEC": "APEC", "OKI": "OIC", "Uni Afrika": "AU", "kolektif Barat": "WST",
        "Hamas": "PSE", "Hizbullah": "LBN", "Houthi": "YEM", "Taliban": "AFG",
    }
    for surface, key in expect.items():
        found = d.find(f"Pernyataan {surface} dikutip luas.")
        assert [h.entry.country for h in found] == [key], surface
    assert d.country("UN").code == "IGOUNO"
    assert d.country("NATO").code == "IGOWSTNAT"
    assert d.country("WST").name == "Barat"
    assert d.country("RUS").name == "Rusia"
    taliban = d.get("TALIBAN")
    assert d.actor(taliban, date(2019, 1, 1)).code == "AFGREBTAL"
    assert d.actor(taliban, date(2022, 1, 1)).code == "AFGGOVTAL"


def test_transnational_groups_and_their_branches_keyed_to_their_base(d) -> None:
    # the guide: a non-state group takes the country it is based in; each branch its own base
    expect = {"Al-Qaeda": "AFG", "AQAP": "YEM", "AQIM": "DZA", "JNIM": "MLI", "Al-Shabab": "SOM",
              "Al-Shabaab": "SOM", "ISIS": "SYR", "ISIS-K": "AFG", "ISWAP": "NGA", "Front al-Nusra": "SYR"}
    for surface, key in expect.items():
        found = d.find(f"Pernyataan {surface} dikutip luas.")
        assert [h.entry.country for h in found] == [key], surface


def test_foreign_regions_and_towns_are_places_of_their_state(d) -> None:
    # curated Indonesian spellings (country-aliases.tsv) and generated GeoNames towns (places.tsv)
    text = "Serangan di Kherson, Krimea, Aleppo, Khan Younis, Rakhine, Darfur dan Xinjiang."
    assert [(h.surface, h.entry.id, h.how) for h in d.find(text)] == [
        ("Kherson", "UKR", "place"), ("Krimea", "UKR", "place"), ("Aleppo", "SYR", "place"),
        ("Khan Younis", "PSE", "place"), ("Rakhine", "MMR", "place"), ("Darfur", "SDN", "place"),
        ("Xinjiang", "CHN", "place")]
    # names that are ordinary words or clubs stay out
    assert d.find("Tim Delta Unity bermain di Manchester.") == []
    rows = [line.split("\t") for line in (REPO / "src/warta/lang/id/places.tsv").read_text(encoding="utf-8")
            .splitlines() if line and not line.startswith("#")]
    assert len(rows) > 300 and all(r[1] == "place" and d.country(r[0]) is not None for r in rows)


def test_role_words(d) -> None:
    text = "Perdana Menteri China Li Qiang bertemu Menlu Sugiono dan Menhan Sjafrie; pukul 3 pm usai."
    roles = [(r.surface, r.sector, r.title) for r in d.find_roles(text)]
    assert ("Perdana Menteri", "GOV", "Perdana Menteri") in roles
    assert ("Menlu", "GOV", "Menteri Luar Negeri") in roles
    assert ("Menhan", "GOVMIL", "Menteri Pertahanan") in roles
    assert not any(r[0] == "pm" for r in roles)
    assert [r.title for r in d.find_roles("Wakil Perdana Menteri itu")] == ["Wakil Perdana Menteri"]
    assert [r.sector for r in d.find_roles("para demonstran dan pasukan")] == ["OPP", "MIL"]


# --- people and roles by date ------------------------------------------------------------------------

def test_roles_by_date(d) -> None:
    prabowo = d.get("person/prabowo-subianto")
    assert d.actor(prabowo, date(2023, 6, 1)).code == "IDNGOVMIL"
    assert d.actor(prabowo, date(2023, 6, 1)).role == "Menteri Pertahanan"
    assert d.actor(prabowo, date(2025, 3, 1)).code == "IDNGOV"
    assert d.actor(prabowo, date(2024, 10, 20)).role == "Presiden"  # the handover day gives the new office
    jokowi = d.get("person/joko-widodo")
    assert d.actor(jokowi, date(2020, 1, 1)).code == "IDNGOV"
    after = d.actor(jokowi, date(2024, 10, 21))
    assert after.code == "IDN" and after.country == "IDN" and after.role is None
    assert d.actor(jokowi).code == "IDN"  # no date: the base code
    trump = d.get("person/donald-trump")
    assert [d.actor(trump, date(y, 6, 1)).code for y in (2018, 2022, 2025)] == ["USAGOV", "USA", "USAGOV"]
    mishustin = d.get("person/mikhail-mishustin")
    assert d.actor(mishustin, date(2023, 5, 24)).code == "RUSGOV"
    guterres = d.get("person/antonio-guterres")
    assert d.actor(guterres, date(2023, 1, 1)).country == "UN"
    assert d.actor(guterres, date(2000, 1, 1)).country == "PRT"


def test_names_and_short_forms(d) -> None:
    text = "Presiden Putin dan Zelenskyy; Jokowi bertemu Xi. Perdana Menteri Li tiba."
    found = hits(d, text)
    assert ("Putin", "person/vladimir-putin", "short") in found
    assert ("Zelenskyy", "person/volodymyr-zelensky", "short") in found
    assert ("Jokowi", "person/joko-widodo", "short") in found
    assert ("Xi", "person/xi-jinping", "short") in found
    assert not any(s == "Li" for s, _, _ in found)  # ambiguous: resolved only inside an article
    li = {e.id for e in d.people_by_surname("Li")}
    assert {"person/li-qiang", "person/li-keqiang"} <= li
    assert [e.id for e in d.people_by_surname("Mishustin")] == ["person/mikhail-mishustin"]
    assert ids(d, "Kemarin Michelle Obama hadir.") == []  # a one-word form inside another name
    assert ids(d, "Kata Obama kemudian.") == ["person/barack-obama"]
    assert ids(d, "Sergey Lavrov dan Sergei Lavrov") == ["person/sergei-lavrov"] * 2


def test_curated_wins_over_generated(d) -> None:
    # PETRARCH also lists Yudhoyono; only the curated entry exists.
    assert ids(d, "Susilo Bambang Yudhoyono berpidato.") == ["person/susilo-bambang-yudhoyono"]
    assert d.get("petrarch/susilo-bambang-yudhoyono") is None
    generated = [e for e in d.entries("person") if e.id.startswith("petrarch/")]
    assert len(generated) > 10_000


# --- the check ---------------------------------------------------------------------------------------

def test_committed_dictionary_passes_the_check() -> None:
    result = actors_check.check(on=date(2025, 12, 31))
    assert result.ok, result.errors[:10]
    assert result.summary["people (total)"] >= 1000
    assert result.summary["people (curated)"] >= 1000
    assert result.summary["required polities with a current office holder"] == f"{len(actors_check.REQUIRED)}/{len(actors_check.REQUIRED)}"
    assert "Presiden: Prabowo Subianto" in result.coverage["IDN"]
    assert "Perdana Menteri: Mikhail Mishustin" in result.coverage["RUS"]


@pytest.fixture()
def small_data(tmp_path: Path) -> Path:
    """The curated small files, without people or generated data: a dictionary the check builds fast."""
    src = actors.DATA_DIR
    for name in ("countries.tsv", "country-aliases.tsv", "country-forms.tsv", "organisations.tsv",
                 "roles.tsv", "not-actors.tsv", "cameo-codes.tsv", "name-titles.txt"):
        shutil.copy(src / name, tmp_path / name)
    (tmp_path / "people").mkdir()
    return tmp_path


def test_check_reports_conflicts(small_data: Path) -> None:
    (small_data / "people" / "test.txt").write_text(
        "Satu Perdana | (Satu)\n"
        "    RUSGOV  2020-01-16..  Perdana Menteri\n"
        "Dua Perdana | (Dua)\n"
        "    RUSGOV  2021-03..2022  Perdana Menteri\n"
        "Tiga Terbalik\n"
        "    IDNGOV  2020-05-01..2019-01-01  Menteri Luar Negeri\n"
        "Empat Kode\n"
        "    IDNXYZ  2020..2021  Menteri\n"
        "Lima Ganda\n"
        "    IDNGOV  2020..2022  Menteri\n"
        "    MYSGOV  2021..2023  Menteri\n",
        encoding="utf-8")
    result = actors_check.check(small_data, on=date(2025, 1, 1))
    text = "\n".join(result.errors)
    assert not result.ok
    assert "two holders of one office: Perdana Menteri of RUS: Satu Perdana" in text
    assert "Tiga Terbalik" in text and "ends before it starts" in text
    assert "unknown component(s) XYZ" in text
    assert "Lima Ganda holds IDNGOV" in text


def test_check_accepts_handover_and_month_precision(small_data: Path) -> None:
    (small_data / "people" / "test.txt").write_text(
        "Lama Menjabat\n"
        "    IDNGOV  2014-10-20..2024-10-20  Presiden\n"
        "Baru Menjabat\n"
        "    IDNGOV  2024-10-20..  Presiden\n"
        "Bulan Saja\n"
        "    IDNGOV  2019-10..2024-10  Menteri Luar Negeri\n"
        "Bulan Juga\n"
        "    IDNGOV  2024-10..  Menteri Luar Negeri   # starts in the month the other ends\n",
        encoding="utf-8")
    result = actors_check.check(small_data, on=date(2025, 1, 1))
    assert result.ok, result.errors


def test_malformed_people_file_is_a_clear_error(small_data: Path) -> None:
    (small_data / "people" / "test.txt").write_text(
        "    IDNGOV  2020..  Presiden\nNama Benar\n    IDNGOV  20-01-01..  Presiden\n", encoding="utf-8")
    with pytest.raises(actors.DictionaryError, match=r"people/test.txt:1: role line before any name line"):
        actors.load_from(small_data, use_cache=False)
    problems = actor_files.Problems()
    actor_files.read_people_blocks(small_data / "people" / "test.txt", problems)
    assert any("test.txt:3" in p and "not a date" in p for p in problems)


def test_cli_check_exit_codes(small_data: Path) -> None:
    from typer.testing import CliRunner

    from warta.cli import app

    runner = CliRunner()
    ok = runner.invoke(app, ["actors", "check", "--data-dir", str(small_data), "--on", "2025-01-01"])
    assert ok.exit_code == 0, ok.output
    assert "OK: 0 errors" in ok.output
    (small_data / "people" / "bad.txt").write_text("Orang Salah\n    ZZZGOV  2020..  Menteri\n", encoding="utf-8")
    bad = runner.invoke(app, ["actors", "check", "--data-dir", str(small_data)])
    assert bad.exit_code == 1
    assert "ZZZ is not a country" in bad.output


# --- loading ---------------------------------------------------------------------------------------------

def test_cache_round_trip(small_data: Path, tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("WARTA_NO_CACHE", raising=False)
    built = actors.load_from(small_data)
    cached = actors.load_from(small_data)
    assert cached is not built
    text = "Pemerintah Rusia, Gedung Putih dan Dewan Keamanan PBB"
    assert [(h.surface, h.entry) for h in cached.find(text)] == [(h.surface, h.entry) for h in built.find(text)]
    # Editing a data file changes the cache key: the next load sees the edit.
    aliases = small_data / "country-aliases.tsv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "RUS\talias\tNegeri Tsar\n", encoding="utf-8")
    assert [h.entry.id for h in actors.load_from(small_data).find("Negeri Tsar")] == ["RUS"]


@pytest.mark.shared
def test_build_script_regenerates_the_committed_files(shared_dir: Path, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_actors", REPO / "scripts" / "build_actors.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    assert module.main(["--shared", str(shared_dir), "--out", str(tmp_path)]) == 0
    for name in ("countries.tsv", "people-petrarch.tsv", "organisations-petrarch.tsv", "cameo-petrarch.tsv"):
        assert (tmp_path / name).read_bytes() == (actors.DATA_DIR / name).read_bytes(), name


def test_territories_spelling_variants_and_forms_across_punctuation(d) -> None:
    def hits(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(h.surface, h.entry.country, h.entry.code) for h in d.find(text)]

    assert hits("Rudal diarahkan ke Guam.") == [("Guam", "USA", "GUM")]
    assert hits("Warga Hong Kong berunjuk rasa.") == [("Warga Hong Kong", "HKG", "HKGCVL")]
    assert [h[1] for h in hits("Jordania, Pilipina, Aljazair dan Slowakia")] == ["JOR", "PHL", "DZA", "SVK"]
    # "negara" before a state's name is a form; not across a full stop
    assert hits("perjanjian enam negara. Korea Utara menolak.") == [("Korea Utara", "PRK", "PRK")]
    assert hits("Kurs dolar AS naik.") == []


def test_lone_surnames_reach_curated_people_only(d) -> None:
    for word in ("Raja", "Kurdi", "Fajar"):
        people = d.people_by_surname(word)
        assert people and all(d.is_generated(e) for e in people)  # only PETRARCH people have them
        assert d.people_by_surname(word, generated=False) == []
    assert [e.name for e in d.people_by_surname("Mishustin", generated=False)] == ["Mikhail Mishustin"]
    assert d.is_title_word("Raja") and d.is_title_word("Presiden") and not d.is_title_word("Putin")


def test_role_homes_and_generic_bodies_before_a_state(d) -> None:
    # an office only one state has, or a body Indonesian news names bare for Indonesia's own
    homes = {r.surface: r.home for r in d.find_roles("Ketua Duma, Panglima TNI, juru bicara Kemlu, "
                                                      "Kementerian Luar Negeri dan Perdana Menteri hadir.")}
    assert homes == {"Ketua Duma": "RUS", "Panglima TNI": "IDN", "juru bicara Kemlu": "IDN",
                     "Kementerian Luar Negeri": "IDN", "Perdana Menteri": None}
    # "DPR" alone is Indonesia's house; before a state it is that state's house
    assert [(h.surface, h.entry.code) for h in d.find("DPR Filipina memakzulkan Wakil Presiden. DPR menolak.")] \
        == [("DPR Filipina", "PHLLEG"), ("DPR", "IDNLEG")]
    assert [(h.surface, h.entry.code) for h in d.find("DPR AS dan DPR RI bertemu.")] == \
        [("DPR AS", "USALEG"), ("DPR RI", "IDNLEG")]
    # Russia's parliament, Libya's governments, an ethnic group and its armed group
    assert [(h.surface, h.entry.country) for h in d.find("Duma menyetujui usul GNA soal ARSA dan etnis Rohingya.")] \
        == [("Duma", "RUS"), ("GNA", "LBY"), ("ARSA", "MMR"), ("etnis Rohingya", "MMR")]
    assert d.get("ROHINGYA").kind == "group"


def test_check_rejects_a_role_home_that_is_not_a_state(small_data: Path) -> None:
    path = small_data / "roles.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "Ketua Majelis Contoh\tLEG\tKetua Majelis\t0\tXXX\n",
                    encoding="utf-8")
    result = actors_check.check(small_data, on=date(2025, 1, 1))
    assert any("home 'XXX' is not a state key" in e for e in result.errors)
    path.write_text(path.read_text(encoding="utf-8") + "Ketua Lain\tLEG\tKetua Lain\t0\tidn\n", encoding="utf-8")
    problems = actor_files.Problems()
    actor_files.read_roles(path, problems)
    assert any("home (a country key or empty)" in p for p in problems)
