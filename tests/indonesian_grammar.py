"""A small grammar of Indonesian foreign-news prose, for the reliability tests (issue 9).

The sentences are composed here from invented combinations of real offices and places, so they read
like wire copy and make every analyser stage fire (datelines, dates, actors, events, direct and
indirect quotes) without copying any corpus text. ``article(rng)`` gives a whole article; the
hypothesis strategies in ``test_properties`` draw from the same parts.

Articles drawn with different seeds share few word 3-grams (random actors, verbs, numbers and
places), so they are not near-duplicates of each other.
"""

from __future__ import annotations

import random

COUNTRIES = ("Indonesia", "Malaysia", "Jepang", "China", "Rusia", "Amerika Serikat", "Ukraina", "Filipina",
             "Vietnam", "Australia", "India", "Turki", "Iran", "Korea Selatan", "Korea Utara", "Prancis",
             "Jerman", "Inggris", "Arab Saudi", "Mesir", "Brasil", "Afrika Selatan", "Singapura", "Thailand")
CAPITALS = ("Jakarta", "Kuala Lumpur", "Tokyo", "Beijing", "Moskow", "Washington", "Kyiv", "Manila",
            "Hanoi", "Canberra", "New Delhi", "Ankara", "Teheran", "Seoul", "Pyongyang", "Paris", "Berlin",
            "London", "Riyadh", "Kairo", "Brasilia", "Pretoria", "Singapura", "Bangkok")
OFFICES = ("Presiden", "Perdana Menteri", "Menteri Luar Negeri", "Menteri Pertahanan", "Duta Besar",
           "Juru bicara Kementerian Luar Negeri", "Menteri Perdagangan", "Wakil Presiden")
PEOPLE = ("Retno Marsudi", "Joko Widodo", "Anwar Ibrahim", "Fumio Kishida", "Xi Jinping", "Li Qiang",
          "Vladimir Putin", "Sergei Lavrov", "Joe Biden", "Antony Blinken", "Volodymyr Zelensky",
          "Ferdinand Marcos Jr.", "Anthony Albanese", "Narendra Modi", "Recep Tayyip Erdogan",
          "Emmanuel Macron", "Olaf Scholz", "Lee Hsien Loong", "Wang Yi", "Penny Wong")
ORGANISATIONS = ("PBB", "Dewan Keamanan PBB", "ASEAN", "Uni Eropa", "NATO", "G7", "G20", "WHO",
                 "Bank Dunia", "OKI")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
OUTLETS = ("ANTARA", "KOMPAS.com", "Tempo.co", "CNN Indonesia", "detikcom", "Republika")
TOPICS = ("kerja sama maritim", "perdagangan beras", "energi bersih", "keamanan siber", "perubahan iklim",
          "pemberantasan narkoba", "perlindungan pekerja migran", "krisis pangan", "sengketa perbatasan",
          "investasi nikel", "patroli bersama di Laut China Selatan", "bantuan kemanusiaan untuk Gaza",
          "penyelundupan senjata", "kesehatan global", "pendidikan vokasi", "transisi energi")
# (verb phrase taking a target, the preposition or nothing before the target)
VERBS = (("bertemu dengan", ""), ("mengecam", ""), ("menandatangani nota kesepahaman dengan", ""),
         ("mengirim bantuan kemanusiaan kepada", ""), ("menolak usulan", ""), ("mendesak", ""),
         ("mengunjungi", ""), ("menjatuhkan sanksi terhadap", ""), ("memuji", ""),
         ("menuduh", ""), ("mengancam", ""), ("menyerang", ""), ("menelepon", ""),
         ("sepakat memperkuat kerja sama dengan", ""), ("mengusir diplomat", ""))
CUES = ("kata", "ujar", "ucap", "tutur", "tegas", "jelas", "tambah", "ungkap")
INDIRECT = ("mengatakan bahwa", "menyatakan", "menegaskan", "menilai")
CLAIMS = ("semua pihak harus menghormati hukum internasional",
          "kedua negara siap memperluas kerja sama ekonomi",
          "pemerintahnya tidak akan mundur dari tuntutannya",
          "perundingan akan dilanjutkan pekan depan",
          "dialog adalah satu-satunya jalan keluar dari krisis",
          "bantuan tahap kedua akan dikirim bulan depan",
          "sanksi itu melanggar piagam PBB")


def actor(rng: random.Random) -> str:
    """A state, its capital, an office holder or an organisation."""
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(COUNTRIES)
    if kind < 0.5:
        return rng.choice(CAPITALS)
    if kind < 0.85:
        return f"{rng.choice(OFFICES)} {rng.choice(COUNTRIES)} {rng.choice(PEOPLE)}"
    return rng.choice(ORGANISATIONS)


def when(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        return f"pada {rng.choice(DAYS)} ({rng.randint(1, 28)}/{rng.randint(1, 12)})"
    if kind < 0.6:
        return f"pada {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2024)}"
    if kind < 0.8:
        return rng.choice(("kemarin", "pekan lalu", "pada Maret lalu", "bulan depan", "hari ini", "tahun lalu"))
    return f"pada {rng.choice(DAYS)} pagi"


def event_sentence(rng: random.Random) -> str:
    verb, _ = rng.choice(VERBS)
    future = rng.choice(("", "", "", "akan ", "tidak ", "berencana "))
    tail = rng.choice((f" untuk membahas {rng.choice(TOPICS)}", f" di {rng.choice(CAPITALS)}",
                       f" terkait {rng.choice(TOPICS)}", f" senilai {rng.randint(2, 900)} juta dolar AS", ""))
    return f"{actor(rng)} {future}{verb} {actor(rng)} {when(rng)}{tail}."


def direct_quote(rng: random.Random) -> str:
    said = rng.choice(CLAIMS)
    speaker = f"{rng.choice(OFFICES)} {rng.choice(PEOPLE)}" if rng.random() < 0.6 else rng.choice(PEOPLE)
    if rng.random() < 0.5:
        return f"“{said[0].upper()}{said[1:]},” {rng.choice(CUES)} {speaker} {when(rng)}."
    return f"{speaker} {rng.choice(CUES)}, “{said[0].upper()}{said[1:]}.”"


def indirect_quote(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"Menurut {rng.choice(PEOPLE)}, {rng.choice(CLAIMS)}."
    return f"{rng.choice(PEOPLE)} {rng.choice(INDIRECT)} {rng.choice(CLAIMS)}."


def filler(rng: random.Random) -> str:
    return (f"Sebanyak {rng.randint(3, 4000)} {rng.choice(('orang', 'warga', 'pengungsi', 'tentara', 'nelayan'))} "
            f"{rng.choice(('terdampak', 'dievakuasi', 'tiba', 'ditahan', 'berkumpul'))} di "
            f"{rng.choice(CAPITALS)} {when(rng)}, menurut data {rng.choice(ORGANISATIONS)}.")


SENTENCES = (event_sentence, event_sentence, direct_quote, indirect_quote, filler)


def paragraph(rng: random.Random, sentences: int | None = None) -> str:
    n = sentences if sentences is not None else rng.randint(1, 3)
    return " ".join(rng.choice(SENTENCES)(rng) for _ in range(n))


def dateline(rng: random.Random) -> str:
    return f"{rng.choice(CAPITALS).upper()}, {rng.choice(OUTLETS)} - "


def article(rng: random.Random, paragraphs: int | None = None) -> str:
    """A news article: a dateline, then 3–7 paragraphs separated by blank lines."""
    n = paragraphs if paragraphs is not None else rng.randint(3, 7)
    paras = [paragraph(rng) for _ in range(n)]
    paras[0] = dateline(rng) + paras[0]
    return "\n\n".join(paras)


def headline(rng: random.Random) -> str:
    return f"{rng.choice(COUNTRIES)} dan {rng.choice(COUNTRIES)} Bahas {rng.choice(TOPICS).title()}"
