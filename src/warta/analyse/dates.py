"""Date expressions, found with warta's own patterns and resolved against the publication date.

Finding: one regular expression built from the language data (``lang/id/calendar.tsv``,
``relative-dates.tsv``, ``date-context.tsv``), tried left to right only where an expression can
start (a number, "(", or one of the data's words, found by one C-speed scan), reads

- absolute dates: "Rabu (24/5/2023)", "Selasa (3/12)", "Rabu 24 Mei 2023", "Selasa, tanggal 11
  November 2025", "24 Mei 2023", "24/5/2023", "2023-05-24", "(24/5)", "26-27 Juni";
- partial dates: "Februari 2022", "akhir bulan Juni 2025", "Januari-Juni 2025", "pada Mei",
  "bulan Januari", "pada 2022", "tahun 2026", "kuartal III-2025", "2008--2009";
- relative dates: "kemarin", "hari ini", "lusa", "dua hari lalu", "pekan lalu", "bulan depan",
  "tahun lalu", "akhir pekan ini", "Senin lalu", "Jumat pekan depan", "Maret lalu", bare "Rabu".

A four-digit number is a year only where it reads as one: not after "Rp", "No.", "pukul" or a
capitalised name ("Piala Dunia 2026", "APBN 2026"), not before a unit ("2025 orang"), not in a
law's number ("UU Nomor 12 Tahun 2011", "PP 71/2019"), not inside a code ("TBL/5738/XI/2016").
A month name alone needs a cue before it ("pada", "bulan", "sejak"): "Mei" and "Juni" are names too.
"setiap Rabu" recurs, "berusia 47 tahun ini" is an age, "beberapa bulan lalu" is no last month.

Resolving: absolute dates keep what they say. A day and month without a year take, in order, the
direction of "lalu"/"mendatang" after it, the year whose calendar fits its weekday ("Selasa (3/12)"),
a year written in the same sentence ("28 Mei hingga 1 Juni 2025"), a future cue in the clause
("akan … pada 5 Mei") or "sejak", else the year that puts it nearest to the reference day. Relative
dates resolve against the reference day as ``relative-dates.tsv`` says: the publication date,
except inside a direct quotation, where "kemarin" is the day before the words were said — the date
of the quote's attribution ("…,” kata X, Jumat (25/7/2025).") or of the nearest earlier reporting
clause (", Minggu (19/10)."). A bare weekday is the last such day on or before the reference day,
or the next one when the clause speaks of the future ("akan diumumkan pada Rabu"). "Keesokan
harinya" counts from the story's previous date. A relative word right before the date that spells
it out ("kemarin (21/9)", "Minggu sore, 13 Juli 2025") is one expression, and the written date wins.

Each :class:`~warta.model.DateExpr` carries its text, offsets, sentence index, value ("YYYY-MM-DD",
"YYYY-MM" or "YYYY"), granularity and rule id ("weekday-paren", "day-month/year=closest",
"rel:{N} hari lalu/ref=speech", …). Without a publication date only what fixes its own year
resolves; the rest is returned with value None.
"""

from __future__ import annotations

import bisect
import calendar as pycalendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import ahocorasick

from warta.analyse.tokenize import words_regex
from warta.lang.id.text import RelativeRule, calendar, date_context, relative_rules
from warta.model import DateExpr, Doc, Sentence

_SP = r"[ \t\xa0]+"
_OSP = r"[ \t\xa0]*"
_YEAR = r"(?:19|20)\d\d"
_FULL_END = r"(?![\w/]|[.,]\d)"  # a number ends here: not "2023.5", "2023/24", "2023x"


def _ci(words: tuple[str, ...] | list[str]) -> str:
    return f"(?i:{words_regex(list(words))})"


@dataclass(frozen=True, slots=True)
class _Language:
    """Everything the finder needs, built once from the data files."""

    pattern: re.Pattern[str]  # all forms, tried with .match at the positions below
    starts: ahocorasick.Automaton  # lower-case words an expression can start with
    suffix: re.Pattern[str]
    rules: dict[str, RelativeRule]
    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    past_after: frozenset[str]
    future_cue: re.Pattern[str]
    past_cue: frozenset[str]
    month_cues: frozenset[str]
    month_span_words: frozenset[str]  # cue words that belong to the expression: "bulan", "awal"
    year_cues: frozenset[str]
    not_year_before: frozenset[str]
    not_year_after: frozenset[str]
    regulation_before: re.Pattern[str]
    subordinator: re.Pattern[str]
    not_a_date: tuple[str, ...]
    date_gap: re.Pattern[str]  # what may stand between "Minggu" and "13 Juli 2025": ", sore,"
    habitual: frozenset[str]
    count_units: frozenset[str]  # words a count goes before: "hari", "bulan" ({N} hari lalu)
    counts: frozenset[str]  # number words and vague counts: "dua", "beberapa"


def _cased(words: tuple[str, ...] | list[str]) -> str:
    """A case-sensitive trie of the words as written in lower case, Capitalised and in CAPITALS:
    much faster to fail than a case-insensitive one."""
    variants = {v for w in words for v in (w, w[:1].upper() + w[1:], w.upper())}
    return words_regex(sorted(variants))


def _phrase_trie(phrases: list[str], day: str, month: str, number: str) -> str:
    """One regular expression for all relative phrases, shaped as a trie over characters, spaces
    and placeholders, so that a position is rejected after a character or two and the longest
    phrase wins. A phrase's first letter may be a capital (sentence starts)."""
    placeholders = {"{N}": number, "{DAY}": day, "{MONTH}": month}
    trie: dict = {}
    for phrase in phrases:
        atoms: list[str] = []
        for i, word in enumerate(phrase.split()):
            if i:
                atoms.append(_SP)
            if word in placeholders:
                atoms.append(placeholders[word])
            else:
                first = word[0]
                atoms.append(f"[{first}{first.upper()}]" if i == 0 and first.isalpha() else re.escape(first))
                atoms.extend(re.escape(ch) for ch in word[1:])
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def build(node: dict) -> str:
        ordered = sorted(node.items(), key=lambda kv: kv[0] in placeholders.values())  # literals first
        alts = [atom + build(child) for atom, child in ordered if atom]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")"


@cache
def _language() -> _Language:
    cal = calendar()
    ctx = date_context()
    rules = relative_rules()
    day = words_regex(list(cal.weekdays))
    month = words_regex(list(cal.months))
    month_short = words_regex(list(cal.months_short)) + r"\.?"
    number = rf"(?:\d{{1,3}}|{_cased(list(cal.numbers))})"
    period = _cased(ctx["period"])
    year_word, month_word = _cased(ctx["year-word"]), _cased(ctx["month-word"])
    day_word, date_word = _cased(ctx["day-word"]), _cased(ctx["date-word"])
    ordinal = _cased(list(cal.ordinals))
    relative = _phrase_trie([r.phrase for r in rules], day, month, number)

    alternatives = [
        # Rabu (24/5/2023), Selasa (3/12), Minggu, (24/8/2025)
        rf"(?P<wdparen>(?P<wp_wd>{day}){_OSP},?{_OSP}\({_OSP}(?P<wp_d>\d{{1,2}}){_OSP}[/.-]{_OSP}"
        rf"(?P<wp_m>\d{{1,2}})(?:{_OSP}[/.-]{_OSP}(?P<wp_y>\d{{4}}|\d{{2}}))?{_OSP}\))",
        # Rabu 24 Mei 2023, Selasa, 15 November 2022, hari Selasa, tanggal 11 November 2025
        rf"(?P<wdwords>(?:{day_word}{_SP})?(?P<ww_wd>{day}){_OSP},?{_OSP}(?:{date_word}{_SP})?"
        rf"(?P<ww_d>\d{{1,2}}){_SP}(?P<ww_m>{month}|{month_short})(?:{_SP}(?P<ww_y>{_YEAR}){_FULL_END})?(?!\w))",
        # 2023-05-24
        rf"(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?![\d/-]))",
        # 24/5/2023, 24.5.2023, 24-5-2023
        rf"(?P<num>(?P<n_d>\d{{1,2}})(?P<n_sep>[/.-])(?P<n_m>\d{{1,2}})(?P=n_sep)(?P<n_y>\d{{4}}){_FULL_END})",
        # (24/5), (24/5/2023)
        rf"(?P<paren>\({_OSP}(?P<p_d>\d{{1,2}}){_OSP}/{_OSP}(?P<p_m>\d{{1,2}})"
        rf"(?:{_OSP}/{_OSP}(?P<p_y>\d{{4}}|\d{{2}}))?{_OSP}\))",
        # 24 Mei 2023, 8 Agustus, tanggal 13 Juli, 26-27 Juni, 24 - 29 Oktober
        rf"(?P<dm>(?:{date_word}{_SP})?(?P<dm_d>\d{{1,2}})(?:{_OSP}(?:[-–—]|{_cased(ctx['range'])}){_OSP}"
        rf"(?P<dm_d2>\d{{1,2}}))?{_SP}(?P<dm_m>{month}|{month_short})(?:{_SP}(?P<dm_y>{_YEAR}){_FULL_END})?(?!\w))",
        # Februari 2022, akhir bulan Juni 2025, Januari-Juni 2025
        rf"(?P<monyear>(?:(?P<my_per>{period}){_SP})?(?:{month_word}{_SP})?(?P<my_m>{month})"
        rf"(?:{_OSP}[-–—]{_OSP}(?P<my_m2>{month}))?{_SP}(?:{year_word}{_SP})?(?P<my_y>{_YEAR}){_FULL_END})",
        # kuartal III-2025, semester I/2025, kuartal ketiga tahun 2025
        rf"(?P<quarter>{_cased(ctx['quarter'])}{_OSP}(?:I{{1,3}}|IV|[1-4]|{ordinal})"
        rf"(?:{_OSP}[-/]{_OSP}|{_SP}(?:{year_word}{_SP})?)(?P<q_y>{_YEAR}){_FULL_END})",
        # kemarin, dua hari lalu, akhir pekan ini, Senin lalu, Maret lalu, Rabu
        rf"(?P<rel>(?:(?P<r_per>{period}){_SP})?(?P<r_phrase>{relative})(?!\w))",
        # Mei after a cue word: pada Mei, bulan Juni, sejak April (the cue is checked in _candidates);
        # not "Juni 2025", "April tahun depan": those are read whole above
        rf"(?P<month>(?P<mo_m>{month})(?!\w)(?!{_SP}(?:{_YEAR}|{year_word}{_SP})))",
        # 2022, tahun 2026, akhir 2017, 2008--2009
        rf"(?P<year>(?:(?P<y_per>{period}){_SP})?(?:(?P<y_word>{year_word}){_SP})?(?<![\w.,/-])(?P<y_y>{_YEAR})"
        rf"(?:{_OSP}(?:-{{1,2}}|[–—/]){_OSP}(?P<y_y2>{_YEAR}))?(?![\w/-]|[.,]\d))",
    ]
    pattern = re.compile("(?:" + "|".join(alternatives) + ")")
    # Where an expression can start: a number, "(", or one of these words. Scanning for them with
    # Aho-Corasick and trying the pattern only there is many times faster than a regex search.
    first_words = {w.split()[0] for k in ("period", "year-word", "month-word", "day-word", "date-word", "quarter")
                   for w in ctx[k]}
    first_words |= {r.phrase.split()[0] for r in rules if not r.phrase.startswith("{")}
    first_words |= {w.split()[0] for w in cal.numbers} | {w.lower() for w in (*cal.weekdays, *cal.months)}
    starts = ahocorasick.Automaton()
    for word in sorted(first_words):
        key = f" {_spaced(word.lower().rstrip('.'))} "  # as the scan sees it: "jum'at" → " jum at "
        starts.add_word(key, len(key))
    starts.make_automaton()

    direction_words = ctx["past-after"] + ctx["future-after"]
    suffix = re.compile(rf"{_SP}(?P<sfx>{_cased(direction_words)})(?!\w)")
    cues = set(ctx["month-cue"]) | set(ctx["period"]) | set(ctx["year-word"]) | set(ctx["past-cue"]) \
        | set(ctx["future-cue"]) | set(ctx["range"]) | {w.lower() for w in cal.months}
    return _Language(
        pattern=pattern,
        starts=starts,
        suffix=suffix,
        rules={r.phrase: r for r in rules},
        weekdays=cal.weekdays,
        months={**cal.months, **{k.rstrip("."): v for k, v in cal.months_short.items()}},
        numbers=cal.numbers,
        ordinals=cal.ordinals,
        past_after=frozenset(ctx["past-after"]),
        future_cue=re.compile(rf"(?<!\w){_ci(ctx['future-cue'])}(?!\w)"),
        past_cue=frozenset(ctx["past-cue"]),
        month_cues=frozenset(ctx["month-cue"]),
        month_span_words=frozenset(ctx["month-word"] + ctx["period"]),
        year_cues=frozenset(cues),
        not_year_before=frozenset(ctx["not-year-before"]),
        not_year_after=frozenset(ctx["not-year-after"]),
        # "UU Nomor 12 Tahun", "Perda nomor 10 tahun", "PMK 138 tahun": a law's number, then its year
        regulation_before=re.compile(rf"(?:(?<!\w){_ci(ctx['regulation'])}|(?<![\w.])[A-Z][A-Za-z]*[A-Z])"
                                     rf"[\s.:]*\d+[A-Za-z]?[\s,]*$"),
        subordinator=re.compile(rf"(?<!\w){_ci(ctx['subordinator'])}(?!\w)"),
        not_a_date=tuple(ctx["not-a-date"]),
        date_gap=re.compile(rf"[\s,(]*(?:{_cased(ctx['part-of-day'])}[\s,(]*)?"),
        habitual=frozenset(ctx["habitual"]),
        count_units=frozenset(r.phrase.split()[1] for r in rules if r.phrase.startswith("{N} ")),
        counts=frozenset(set(cal.numbers) | set(ctx["vague-count"])),
    )


# --- candidates -----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None  # written in the expression
    weekday: int | None = None
    direction: int = 0  # -1 "lalu", +1 "mendatang"
    rule: RelativeRule | None = None
    phrase: str = ""  # the relative rule's phrase
    count: int = 1
    granularity: str = "day"
    sentence: int = 0
    value: str | None = None
    how: str = ""  # how a missing year was chosen, or "ref=speech"


_WORD_AFTER = re.compile(r"\s*([^\s.,;:!?)\]”\"’]+)")
_CLAUSE_BREAK = re.compile(r"[,;:]")
_COUNT = re.compile(r"\d{1,3}(?:[.,]\d+)?")  # "47 tahun ini", "2,5 tahun ini": a count, not a year


def _year2(y: str | None) -> int | None:
    if not y:
        return None
    return int(y) + 2000 if len(y) == 2 else int(y)


def _previous_word(text: str, pos: int) -> tuple[int, str]:
    """The whitespace-delimited word before ``pos`` and its start ("" at the text's start)."""
    end = pos
    while end > 0 and text[end - 1] in " \t\xa0\n":
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in " \t\xa0\n" and end - start < 40:
        start -= 1
    while start < end and text[start] in "\"“‘'([«":
        start += 1  # '"Periode April' → "Periode"
    return start, text[start:end]


def _word_before(text: str, pos: int) -> str:
    return _previous_word(text, pos)[1]


def _is_year(text: str, m: re.Match[str], lang: _Language) -> bool:
    """Whether a four-digit number the pattern took for a year reads as one in its context."""
    digits = m.start("y_y")
    before = _word_before(text, m.start())
    lowered = before.lower().rstrip(":")
    if lowered in lang.not_year_before:
        return False
    if not m.group("y_word") and not m.group("y_per") and before[:1].isupper() \
            and lowered not in lang.year_cues and not before.endswith((",", ")", "”", '"')):
        return False  # a name: "Piala Dunia 2026", "APBN 2026", "Pemilu 2024"
    after = _WORD_AFTER.match(text, m.end())
    if after and after.group(1).lower() in lang.not_year_after:
        return False
    if lang.regulation_before.search(text, max(0, m.start() - 40), m.start() if m.group("y_word") else digits):
        return False  # "UU Nomor 12 Tahun 2011", "Perda nomor 10 tahun 2009"
    return True


def _relative_key(phrase: str, lang: _Language) -> tuple[str, int | None, int | None, int]:
    """The rule phrase of a matched relative expression, with its weekday, month and count."""
    words = phrase.split()
    key, weekday, month, count = [], None, None, 1
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i:i + 2]).lower()
        if two in lang.numbers:
            key.append("{N}")
            count = lang.numbers[two]
            i += 2
            continue
        if w in lang.weekdays:
            key.append("{DAY}")
            weekday = lang.weekdays[w]
        elif w in lang.months:
            key.append("{MONTH}")
            month = lang.months[w]
        elif w.isdigit():
            key.append("{N}")
            count = int(w)
        elif w.lower() in lang.numbers:
            key.append("{N}")
            count = lang.numbers[w.lower()]
        else:
            key.append(w.lower())
        i += 1
    return " ".join(key), weekday, month, count


#: A number that can start a date (one or two digits, or 19xx/20xx, not inside "1.500", "B20" or
#: "12/2023"), or "(". One character class first: the regex engine then skips to candidates at C speed.
_NUMBER_START = re.compile(r"[(0-9](?:(?<=\()|(?<![\w.,/][0-9])"
                           r"(?:[0-9]?(?![0-9])|(?<=[12])[09][0-9][0-9](?![0-9])))")
#: Characters around a word besides spaces ("\nKemarin,", '"kemarin"', "(kemarin)"), replaced by
#: spaces before the word scan (str.replace is much faster than str.translate here).
_AROUND_WORD = ("\n", "\xa0", "\t", '"', "“", "”", "‘", "’", "'", "(", ")", "[", "]", ",", ".", ":", ";", "?", "!",
                "-", "–", "—", "/")


def _spaced(text: str) -> str:
    for ch in _AROUND_WORD:
        if ch in text:
            text = text.replace(ch, " ")
    return text


def _start_positions(text: str, lowered: str, lang: _Language) -> list[int]:
    """Offsets where a date expression may start, in order: a number that may be a day or a year,
    "(", or one of the words of ``lang.starts`` standing alone."""
    positions = [m.start() for m in _NUMBER_START.finditer(text)]
    # Every word of the spaced text has a space before and after it, and so has every key of the
    # automaton: a hit is a whole word. (Key " kemarin " ending at spaced[e] starts at text[e - n + 1].)
    positions += [end - n + 1 for end, n in lang.starts.iter(_spaced(f" {lowered} "))]
    positions.sort()
    return positions


def _candidates(text: str, lowered: str, lang: _Language, sentence_starts: list[int]) -> list[_Found]:
    found: list[_Found] = []
    last_end = -1
    for pos in _start_positions(text, lowered, lang):
        if pos < last_end:
            continue  # inside the previous expression (or its "lalu"/"kemarin")
        m = lang.pattern.match(text, pos)
        if m is None:
            continue
        last_end = m.end()  # a rejected match ("Copyright 2008 - 2025") hides what is inside it
        kind = m.lastgroup or ""
        f = _Found(m.start(), m.end(), kind)
        g = m.group
        if kind == "wdparen":
            f.day, f.month, f.year, f.weekday = int(g("wp_d")), int(g("wp_m")), _year2(g("wp_y")), \
                lang.weekdays[g("wp_wd")]
            f.kind = "weekday-paren"
        elif kind == "wdwords":
            f.day, f.month, f.year, f.weekday = int(g("ww_d")), lang.months[g("ww_m").rstrip(".")], \
                _year2(g("ww_y")), lang.weekdays[g("ww_wd")]
            f.kind = "weekday-date"
        elif kind == "iso":
            f.day, f.month, f.year = int(g("iso_d")), int(g("iso_m")), int(g("iso_y"))
        elif kind == "num":
            f.day, f.month, f.year = int(g("n_d")), int(g("n_m")), int(g("n_y"))
            f.kind = "numeric"
        elif kind == "paren":
            f.day, f.month, f.year = int(g("p_d")), int(g("p_m")), _year2(g("p_y"))
        elif kind == "dm":
            f.day, f.month, f.year = int(g("dm_d")), lang.months[g("dm_m").rstrip(".")], _year2(g("dm_y"))
            f.kind = "day-month-range" if g("dm_d2") else "day-month"
        elif kind == "monyear":
            f.month, f.year, f.granularity = lang.months[g("my_m")], int(g("my_y")), "month"
            f.kind = "month-range" if g("my_m2") else "month-year"
        elif kind == "quarter":
            f.year, f.granularity = int(g("q_y")), "year"
        elif kind == "month":
            before_start, before = _previous_word(text, m.start())
            cue = before.lower()
            if cue not in lang.month_cues:
                continue  # "Mei" alone may be a name; "setiap Agustus" recurs
            if cue in lang.month_span_words:
                f.start = before_start  # "bulan Juni", "awal Mei"
            f.month, f.granularity = lang.months[g("mo_m")], "month"
            if cue in lang.past_cue:
                f.how = "past"
        elif kind == "year":
            if not _is_year(text, m, lang):
                continue
            f.year, f.granularity = int(g("y_y")), "year"
            f.kind = "year-range" if g("y_y2") else "year"
        elif kind == "rel":
            phrase = g("r_phrase")
            key, weekday, month, count = _relative_key(phrase, lang)
            per = g("r_per")
            rule = None
            if per and f"{per.lower()} {key}" in lang.rules:
                key = f"{per.lower()} {key}"
                rule = lang.rules[key]
            elif key in lang.rules:
                rule = lang.rules[key]
                if per and rule.unit not in ("week", "month", "year", "monthname", "monthname-in-year"):
                    f.start = m.start("r_phrase")  # "awal" means nothing before "kemarin"
            if rule is None:
                continue
            if rule.unit in ("weekday", "monthname") and rule.shift == 0 \
                    and _word_before(text, m.start()).lower() in lang.habitual:
                continue  # "setiap Rabu" recurs
            before = _word_before(text, m.start()).lower()
            if not rule.counted and key.split()[0] in lang.count_units \
                    and (_COUNT.fullmatch(before) or before in lang.counts):
                continue  # "berusia 47 tahun ini" is an age, "beberapa bulan lalu" no last month
            if weekday == 7 and key.startswith("{DAY} "):
                # "Minggu lalu": last Sunday, or last week when it opens the sentence
                week_key = "minggu " + key[len("{DAY} "):]
                at_start = _at_sentence_start(text, m.start("r_phrase"), sentence_starts)
                if week_key in lang.rules and at_start:
                    key, rule, weekday = week_key, lang.rules[week_key], None
            f.kind, f.rule, f.phrase, f.weekday, f.month, f.count = "rel", rule, key, weekday, month, count
            f.granularity = rule.granularity
        else:
            continue
        if kind not in ("rel",):
            sfx = lang.suffix.match(text, f.end)
            if sfx:
                f.end = sfx.end()
                f.direction = -1 if sfx.group("sfx").lower() in lang.past_after else 1
        found.append(f)
        last_end = f.end
    return found


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def _at_sentence_start(text: str, pos: int, sentence_starts: list[int]) -> bool:
    i = bisect.bisect_right(sentence_starts, pos) - 1
    start = sentence_starts[i] if i >= 0 else 0
    return not text[start:pos].strip(" \t\xa0\"“‘'(")


def _merge_adjacent(found: list[_Found], text: str, lang: _Language) -> list[_Found]:
    """A relative day or weekday followed by the date that spells it out is one expression, and the
    written date wins: "kemarin (21/9)", "Senin pekan depan (5/6)", "Sabtu malam (7/5)",
    "Minggu sore, 13 Juli 2025", "(Rabu, 5/11/2025)"."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "rel" and prev.rule is not None \
                and prev.rule.unit in ("day", "weekday", "weekday-in-week") \
                and f.granularity == "day" and f.day is not None and f.kind != "rel" \
                and lang.date_gap.fullmatch(text, prev.end, f.start):
            f.start, f.weekday = prev.start, f.weekday or prev.weekday
            f.kind = f"rel+{f.kind}"
            out[-1] = f
        else:
            out.append(f)
    return out


# --- resolution -----------------------------------------------------------------------------------

def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _clause_before(text: str, start: int, sentence_start: int) -> str:
    """The text of the clause before ``start``: from the last comma, semicolon or colon (or the
    sentence start) to the expression."""
    seg = text[sentence_start:start]
    cut = max(seg.rfind(","), seg.rfind(";"), seg.rfind(":"))
    return seg[cut + 1:]


def _year_for_day(f: _Found, ref: date | None, sentence_year: int | None, future: bool) -> tuple[int | None, str]:
    d, m = f.day or 1, f.month or 1
    if ref is None:
        return (sentence_year, "sentence") if sentence_year else (None, "")
    options = [(y, dt) for y in (ref.year - 1, ref.year, ref.year + 1) if (dt := _valid(y, m, d))]
    if not options:
        return None, ""
    if f.direction < 0:
        past = [y for y, dt in options if dt <= ref]
        return (max(past) if past else ref.year - 1), "past"
    if f.direction > 0:
        future_years = [y for y, dt in options if dt >= ref]
        return (min(future_years) if future_years else ref.year + 1), "future"
    if f.weekday:
        fits = [(abs((dt - ref).days), y) for y, dt in options if dt.isoweekday() == f.weekday]
        if fits:
            return min(fits)[1], "weekday"
    in_sentence = _valid(sentence_year, m, d) if sentence_year else None
    if in_sentence and not (future and in_sentence < ref) and not (f.how == "past" and in_sentence > ref):
        return sentence_year, "sentence"  # unless the clause's tense says otherwise
    if f.how == "past":
        past = [y for y, dt in options if dt <= ref]
        return (max(past) if past else ref.year - 1), "past"
    if future:
        future_years = [y for y, dt in options if dt >= ref]
        return (min(future_years) if future_years else ref.year + 1), "future"
    return min((abs((dt - ref).days), y) for y, dt in options)[1], "closest"


def _year_for_month(f: _Found, ref: date | None, sentence_year: int | None, future: bool) -> tuple[int | None, str]:
    m = f.month or 1
    if ref is None:
        return (sentence_year, "sentence") if sentence_year else (None, "")
    if f.direction < 0 or f.how == "past":
        return (ref.year if m <= ref.month else ref.year - 1), "past"
    if f.direction > 0:
        return (ref.year if m >= ref.month else ref.year + 1), "future"
    here = ref.year * 12 + ref.month
    if sentence_year and not (future and sentence_year * 12 + m < here):
        return sentence_year, "sentence"  # unless the clause's tense says otherwise
    if future:
        return (ref.year if m >= ref.month else ref.year + 1), "future"
    return min((abs(y * 12 + m - here), y) for y in (ref.year - 1, ref.year, ref.year + 1))[1], "closest"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _resolve_relative(f: _Found, ref: date, future: bool) -> str | None:
    rule = f.rule
    assert rule is not None
    k = rule.shift * (f.count if rule.counted else 1)
    unit = rule.unit
    if unit == "day":
        return (ref + timedelta(days=k)).isoformat()
    if unit == "week":
        d = ref + timedelta(days=7 * k)
        return _fmt(d.year, d.month)
    if unit == "month":
        return _fmt(*_shift_month(ref.year, ref.month, k))
    if unit == "year":
        return _fmt(ref.year + k)
    monday = ref - timedelta(days=ref.isoweekday() - 1)
    if unit == "weekend":
        return (monday + timedelta(days=5 + 7 * k)).isoformat()
    if unit == "week-start":
        return (monday + timedelta(days=7 * k)).isoformat()
    if unit == "weekday-in-week" and f.weekday:
        return (monday + timedelta(days=f.weekday - 1 + 7 * k)).isoformat()
    if unit == "weekday" and f.weekday:
        back = (ref.isoweekday() - f.weekday) % 7
        ahead = (f.weekday - ref.isoweekday()) % 7
        if k < 0:
            return (ref - timedelta(days=back or 7)).isoformat()
        if k > 0:
            return (ref + timedelta(days=ahead or 7)).isoformat()
        return (ref + timedelta(days=ahead) if future else ref - timedelta(days=back)).isoformat()
    if unit == "monthname" and f.month:
        m = f.month
        if k < 0:
            return _fmt(ref.year if m <= ref.month else ref.year - 1, m)
        if k > 0:
            return _fmt(ref.year if m >= ref.month else ref.year + 1, m)
        return _fmt(ref.year, m)
    if unit == "monthname-in-year" and f.month:
        return _fmt(ref.year + k, f.month)
    return None  # anaphoric-day: resolved against the story's previous date, not here


def _resolve(f: _Found, ref: date | None, text: str, sentence_start: int, sentence_year: int | None,
             lang: _Language) -> None:
    """Set ``f.value`` (None when it cannot be resolved) and complete ``f.how``."""
    future = False
    if f.year is None and f.kind not in ("year", "year-range", "quarter"):
        future = bool(lang.future_cue.search(_clause_before(text, f.start, sentence_start)))
    if f.kind == "rel":
        f.value = _resolve_relative(f, ref, future) if ref else None
        return
    if f.granularity == "year":
        f.value = _fmt(f.year) if f.year else None
        return
    if f.granularity == "month":
        year, how = (f.year, "") if f.year else _year_for_month(f, ref, sentence_year, future)
        f.value = _fmt(year, f.month) if year else None
        f.how = how
        return
    year, how = (f.year, "") if f.year else _year_for_day(f, ref, sentence_year, future)
    f.how = how
    if year is None:
        f.value = None
        return
    if _valid(year, f.month or 0, f.day or 0) is None:
        f.value, f.how = None, "invalid"
        return
    f.value = _fmt(year, f.month, f.day)


# --- quotations and the day words were said ----------------------------------------------------

_QUOTE = re.compile(r'[“"”](?:(?<=[“"])[^“”"\n]*[”"]?)?')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of direct quotations, roughly: “…” and "…" within a paragraph; one still open at a
    paragraph's end runs to it, and a closing mark without an opening one reaches back to the
    paragraph's start. (The quote extractor pairs marks more carefully; dates only need to know
    whether a word was said by someone.)"""
    spans: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(text):
        a, b = m.span()
        if text[a] == "”" and b == a + 1:
            spans.append((text.rfind("\n", 0, a) + 1, a))  # a lost opening mark
        else:
            spans.append((a + 1, b - 1 if b > a + 1 and text[b - 1] in '”"' else b))
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int] | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


#: A quotation is taken to be said at most this many days before publication; an older date near it
#: is the date of something else.
SPEECH_MAX_AGE = 31


def _speech_day(quote: tuple[int, int], anchors: list[_Found], sentence_of, text: str,
                published: date) -> date | None:
    """The day the quoted words were said: a day date after the quotation in its sentence
    ("…,” kata X, Jumat (25/7/2025)."), else the nearest earlier day date in a reporting clause
    (after a comma: "…, Minggu (19/10)."), else None — and only a day in the month before
    publication."""
    earliest = (published - timedelta(days=SPEECH_MAX_AGE)).isoformat()
    latest = published.isoformat()
    close_sentence = sentence_of(max(quote[0], quote[1] - 1))
    for a in anchors:
        if a.start >= quote[1] and a.sentence == close_sentence:
            return date.fromisoformat(a.value) if earliest <= a.value <= latest else None
        if a.start >= quote[1]:
            break
    for a in reversed(anchors):
        if a.end <= quote[0] and text[max(0, a.start - 3):a.start].rstrip(" \t\xa0").endswith(","):
            return date.fromisoformat(a.value) if earliest <= a.value <= latest else None
    return None


# --- the stage ------------------------------------------------------------------------------------

def find_date_expressions(text: str, published: date | None,
                          sentences: list[Sentence] | None = None) -> list[DateExpr]:
    """All date expressions of ``text`` resolved against ``published``, in text order."""
    lang = _language()
    sentence_starts = [s.start for s in sentences] if sentences else [0]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(sentence_starts, pos) - 1)

    lowered = text.lower()
    found = _merge_adjacent(_candidates(text, lowered, lang, sentence_starts), text, lang)
    if found:  # "Pasar Minggu", "sekolah Minggu"
        names = [(i, i + len(p)) for p in lang.not_a_date for i in _find_all(lowered, p)]
        if names:
            found = [f for f in found if not any(a < f.end and f.start < b for a, b in names)]
    for f in found:
        f.sentence = sentence_of(f.start)

    years: dict[int, list[tuple[int, int]]] = {}  # sentence → (offset, year) of the years it states
    for f in found:
        year = f.year
        if year is None and f.rule is not None and f.rule.unit == "year" and published is not None:
            year = published.year + f.rule.shift * (f.count if f.rule.counted else 1)  # "tahun lalu"
        if year is not None:
            years.setdefault(f.sentence, []).append((f.start, year))

    def sentence_year(f: _Found) -> int | None:
        here = [(abs(pos - f.start), y) for pos, y in years.get(f.sentence, ()) if pos != f.start]
        return min(here)[1] if here else None

    spans = quoted_spans(text) if any(f.kind == "rel" for f in found) else []
    span_starts = [s for s, _ in spans]
    later: list[_Found] = []
    for f in found:
        if f.kind == "rel" and published is not None and _inside(spans, span_starts, f.start):
            later.append(f)  # resolved after the dates it may lean on
            continue
        _resolve(f, published, text, sentence_starts[f.sentence] if sentences else 0,
                 sentence_year(f) if f.year is None else None, lang)
    if later and published is not None:
        waiting = {id(f) for f in later}
        anchors = [f for f in found if id(f) not in waiting and f.value and len(f.value) == 10
                   and _inside(spans, span_starts, f.start) is None]
        for f in later:
            quote = _inside(spans, span_starts, f.start)
            said = _speech_day(quote, anchors, sentence_of, text, published) if quote else None
            _resolve(f, said or published, text, sentence_starts[f.sentence] if sentences else 0, None, lang)
            if said and said != published:
                f.how = "ref=speech"

    last_day: str | None = None
    for f in found:  # "keesokan harinya": the day after the story's previous date
        if f.rule is not None and f.rule.unit == "anaphoric-day":
            k = f.rule.shift * (f.count if f.rule.counted else 1)
            f.value = (date.fromisoformat(last_day) + timedelta(days=k)).isoformat() if last_day else None
            f.how = "after-previous" if last_day else ""
        if f.value and len(f.value) == 10:
            last_day = f.value

    out = []
    for f in found:
        if f.rule is not None and f.rule.unit == "anaphoric-day" and f.value is None:
            continue  # no earlier date to count from
        if f.value is None and (published is not None or f.how == "invalid"):
            continue  # an impossible date ("31/2/2024"): not a date after all
        rule = f"rel:{f.phrase}" if f.kind == "rel" else f.kind
        if f.how:
            rule += f"/{f.how}" if f.how in ("ref=speech", "after-previous") else f"/year={f.how}"
        out.append(DateExpr(text=text[f.start:f.end], start=f.start, end=f.end, sentence=f.sentence,
                            value=f.value, granularity=f.granularity if f.value else None, rule=rule))
    return out


def find_dates(doc: Doc) -> None:
    """Stage: ``doc.dates``, resolved against ``doc.published`` (None: absolute dates only), and
    ``doc.reference_date``: the day later stages read roles on (see :func:`reference_date`)."""
    doc.dates = find_date_expressions(doc.text, doc.published, doc.sentences)
    doc.reference_date = reference_date(doc.dates, doc.published)


def reference_date(dates: list[DateExpr], published: date | None) -> date | None:
    """The day an article speaks from: its publication date; for an undated text (a sentence
    collection, a bare file) the latest date it states to the day or month, else the latest year
    it states — news reports the recent past and recalls older events, so the latest stated date
    is the best lower bound of when it was written. A month or year counts as its last day
    ("Februari 2005" → 2005-02-28). Only the text's own written dates count (relative phrases
    cannot resolve without a publication date). None when the text states no date."""
    if published is not None:
        return published
    exact = [d.value for d in dates if d.value and d.granularity in ("day", "month")]
    pool = exact or [d.value for d in dates if d.value and d.granularity == "year"]
    if not pool:
        return None
    return _last_day(max(pool))


def _last_day(value: str) -> date | None:
    """"2005-02-14" → that day; "2005-02" → 2005-02-28; "2005" → 2005-12-31."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return date(year, month, pycalendar.monthrange(year, month)[1])
        return date(int(value[:4]), 12, 31)
    except ValueError:
        return None


# --- for the event coder ------------------------------------------------------------------------

def date_for_span(doc: Doc, start: int, end: int) -> DateExpr | None:
    """The date of whatever happens at ``doc.text[start:end]`` (an event trigger): the resolved date
    expression nearest to it in the same sentence, skipping dates inside a subordinate clause the
    span is not in ("sejak Moskow mengirim tentara pada Februari 2022, …") and, for a span outside
    quotation marks, dates inside them. None when the sentence states no date."""
    if not doc.dates:
        return None
    starts = [s.start for s in doc.sentences] or [0]
    i = max(0, bisect.bisect_right(starts, start) - 1)
    s_start = starts[i]
    s_end = doc.sentences[i].end if doc.sentences else len(doc.text)
    candidates = [d for d in doc.dates if d.value and s_start <= d.start < s_end]
    if not candidates:
        return None
    lang = _language()
    clauses = _subordinate_clauses(doc.text, s_start, s_end, lang)

    def clause_of(pos: int) -> tuple[int, int] | None:
        inner = [c for c in clauses if c[0] <= pos < c[1]]
        return min(inner, key=lambda c: c[1] - c[0]) if inner else None

    span_clause = clause_of(start)
    spans = quoted_spans(doc.text)
    span_starts = [q for q, _ in spans]
    span_quote = _inside(spans, span_starts, start)

    def eligible(d: DateExpr) -> bool:
        c = clause_of(d.start)
        if c is not None and c != span_clause and not (span_clause and c[0] <= span_clause[0] < c[1]):
            return False
        return span_quote is not None or _inside(spans, span_starts, d.start) is None

    pool = [d for d in candidates if eligible(d)]
    if not pool:
        return None

    def distance(d: DateExpr) -> tuple[int, int]:
        gap = d.start - end if d.start >= end else start - d.end
        return max(gap, 0), 0 if d.start >= end else 1  # ties: the date after the verb

    return min(pool, key=distance)


def _subordinate_clauses(text: str, s_start: int, s_end: int, lang: _Language) -> list[tuple[int, int]]:
    """Spans from a subordinating word to the next comma, semicolon or sentence end. A subordinator
    right before a date ("sejak 2012", "setelah 17 Oktober") is a preposition and opens nothing."""
    out = []
    for m in lang.subordinator.finditer(text, s_start, s_end):
        if lang.pattern.match(text, m.end() + 1 if m.end() < s_end and text[m.end()] == " " else m.end()):
            continue
        stop = _CLAUSE_BREAK.search(text, m.end(), s_end)
        out.append((m.start(), stop.start() if stop else s_end))
    return out
