"""Build warta's bundled sample: international-affairs articles from IndoSum (CC BY-SA 4.0).

Reads ../shared/corpus/indosum-dev.jsonl, scores each headline-news article by what it is about —
foreign countries (CLDR's Indonesian names, from babel) and international organisations in its
title and lead, and words of politics and diplomacy in its body — and keeps the best 300, taking
whole days first so that several days carry many world stories (the digest picks the busiest
day). Writes src/warta/samples/indosum-world.jsonl.gz with the IndoSum fields id, title, date,
url, source and text, unchanged but for a URL tracking query ("?utm_source=…") cut from titles that
IndoSum rebuilt from URL slugs. The selection is deterministic: rerunning gives the same file.

    .venv/bin/python scripts/make_sample.py [--input PATH] [--size 300]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import defaultdict
from pathlib import Path

from babel import Locale

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "indosum-dev.jsonl"
OUTPUT = REPO / "src" / "warta" / "samples" / "indosum-world.jsonl.gz"
FIELDS = ("id", "title", "date", "url", "source", "text")
#: IndoSum rebuilt some titles from URL slugs with the tracking query still attached.
TRACKING = re.compile(r"\?utm_.*$")

# Names Indonesian news uses beside CLDR's (CLDR says "Tiongkok", "Inggris Raya", …).
EXTRA_NAMES = ("China", "Inggris", "Perancis", "Eropa", "Timur Tengah", "AS", "Korut", "Korsel", "Palestina", "Rohingya", "Gaza",
               "Washington", "Beijing", "Moskow", "Tokyo", "Canberra", "Kuala Lumpur", "Pyongyang",
               "Seoul", "Manila", "Bangkok", "Yerusalem", "Teheran", "Riyadh", "Brussel", "London",
               "Paris", "Berlin", "Ankara", "Kabul", "Damaskus", "Marawi", "Rakhine")
# Bare "PBB" is also Partai Bulan Bintang in domestic news: only its international compounds count.
ORGANISATIONS = ("Sekjen PBB", "DK PBB", "Dewan Keamanan PBB", "Majelis Umum PBB", "Perserikatan Bangsa-Bangsa", "ASEAN", "NATO", "Uni Eropa", "Dewan Keamanan",
                 "WHO", "IMF", "Bank Dunia", "G20", "G7", "OKI", "APEC", "ISIS", "Taliban", "Hamas",
                 "Al Qaeda", "UNHCR", "UNICEF", "Interpol", "KTT")
POLITICS = ("presiden", "perdana menteri", "menteri luar negeri", "menlu", "pemerintah", "diplomat",
            "duta besar", "kedutaan", "militer", "tentara", "perang", "serangan", "sanksi", "perjanjian",
            "kerja sama", "bilateral", "parlemen", "pemilu", "demonstran", "pengungsi", "konflik",
            "nuklir", "rudal", "teroris", "kunjungan", "dialog", "keamanan", "kecam", "tuduh", "bantuan")
#: Countries whose CLDR names are also common words, names or places in Indonesian text.
AMBIGUOUS = {"Chad", "Georgia", "Jersey", "Jordan", "Niger", "Guinea", "Mali", "Togo", "Panama", "Dominika",
             "Samoa", "Guam", "Monako", "Malta", "Oman", "Peru", "Kuba"}


def foreign_names() -> list[str]:
    territories = Locale("id").territories
    names = {name for code, name in territories.items()
             if len(code) == 2 and code.isalpha() and code not in ("ID", "ZZ", "XA", "XB", "QO", "EZ")}
    names.update(EXTRA_NAMES)
    names.update(ORGANISATIONS)
    return sorted(n for n in names if n not in AMBIGUOUS)


def score(article: dict, foreign: re.Pattern[str], politics: re.Pattern[str]) -> float:
    title = article.get("title") or ""
    text = article.get("text") or ""
    lead = text[:1200]
    found_lead = set(foreign.findall(lead))
    found_title = set(foreign.findall(title.title())) | set(foreign.findall(title.upper()))
    cues = set(politics.findall(text.lower()))
    if not found_lead or not cues:
        return 0.0
    return 2.0 * len(found_title) + len(found_lead) + 0.5 * len(cues)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--min-day", type=int, default=3, help="a day enters whole when it has this many candidates")
    args = parser.parse_args()
    if not args.input.exists():
        raise SystemExit(f"needs {args.input} (the development data, not part of a user's clone)")

    foreign = re.compile(r"\b(?:" + "|".join(map(re.escape, foreign_names())) + r")\b")
    politics = re.compile(r"\b(?:" + "|".join(map(re.escape, POLITICS)) + r")\b")
    candidates: list[tuple[float, dict]] = []
    with args.input.open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if article.get("category") != "tajuk utama" or not article.get("date"):
                continue
            s = score(article, foreign, politics)
            if s >= 3.5:
                candidates.append((s, article))

    by_day: dict[str, list[tuple[float, dict]]] = defaultdict(list)
    for s, a in candidates:
        by_day[a["date"]].append((s, a))
    chosen: dict[str, dict] = {}
    # Busy days first, whole (best-scored first within a day), so the digest has real days to pick.
    for _day, items in sorted(by_day.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(items) < args.min_day or len(chosen) >= args.size * 0.4:
            break
        for _s, a in sorted(items, key=lambda x: (-x[0], x[1]["id"])):
            chosen[a["id"]] = a
    for _s, a in sorted(candidates, key=lambda x: (-x[0], x[1]["id"])):
        if len(chosen) >= args.size:
            break
        chosen.setdefault(a["id"], a)

    rows = sorted(chosen.values(), key=lambda a: (a["date"], a["id"]))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as raw:  # mtime=0: the same bytes on every rebuild
        for a in rows:
            row = {k: a.get(k) for k in FIELDS}
            row["title"] = TRACKING.sub("", row["title"] or "").strip() or None
            raw.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
    days = defaultdict(int)
    for a in rows:
        days[a["date"]] += 1
    busiest = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print(f"{len(candidates)} candidates, wrote {len(rows)} articles over {len(days)} days to {OUTPUT}")
    print("busiest days:", ", ".join(f"{d} ({n})" for d, n in busiest))


if __name__ == "__main__":
    main()
