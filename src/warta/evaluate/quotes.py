"""``warta eval quotes``: statement spans and speakers against PFSA-ID (``gold/quotes-pfsa-id``).

What PFSA-ID labels, and so what is scored: every STATEMENT in the dev files is a *direct* quotation of
a public figure, with the cue after it (“…,” kata X) in nearly every case. Its span includes the
quotation marks and the comma before the closing mark; warta's ``Quote.text`` does not. Both sides
are therefore trimmed of quotation marks, spaces and commas at their edges before they are compared.
warta's indirect quotes have no counterpart in PFSA and are counted, not scored.

- **exact**: the trimmed spans are equal.
- **overlap**: the spans share at least half of the longer one (|g ∩ s| ≥ 0.5 · max(|g|, |s|));
  gold and system spans are matched one-to-one, largest overlap first.
- **speaker accuracy**, over overlap-matched statements: PFSA does not link a statement to its
  speaker, so the gold speaker is derived from the labels around it — the PERSON / PERSONCOREF next to
  the statement's CUE; for a CUECOREF ("katanya") the nearest PERSON / PERSONCOREF before the
  statement; for a statement without a cue, the previous statement's speaker. A PERSONCOREF is
  resolved to the PERSON it refers to: a pronoun (ia, dia, beliau) to the nearest person before it, a
  short name ("Parwati") to the earlier PERSON whose words contain it, a bare role ("Presiden") to
  the PERSON right after an earlier ROLE with that text; unresolved, its own words stand.
  The system's speaker is correct when its ``name`` matches the resolved gold name: after dropping
  title and role words, one's words contain the other's, or they share a last word (a surname or a
  one-word name); a gold alias the actor dictionary knows ("Jokowi") also counts under the
  dictionary's name ("Joko Widodo"). When the gold could not resolve a coreference (a bare "Presiden" whose antecedent
  is not labelled), the system's reference ``text`` may match its words instead.

Documents are split deterministically by a hash of their id into a tuning part (80 %) and an aside
part (20 %) that rules are not tuned on; both are printed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warta.errors import InputError
from warta.lang.id import speech
from warta.model import Quote

DOCUMENTS = "documents-dev.jsonl"
ASIDE_SHARE = 5  # one document in five is set aside
_WARM_UP = 20  # documents analysed once before timing (lazily loaded data, caches)
_TRIM = " \t\n,\"“”„‟«»'‘’"


@dataclass(slots=True)
class GoldStatement:
    start: int
    end: int
    speaker: str | None       # resolved name, or the surface when unresolvable
    surface: str | None       # the words of the speaker reference next to the statement
    resolved: bool            # False when a coreference had no antecedent in the gold
    kind: str                 # how the gold speaker was found: cue / cuecoref / before / previous / none


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    statements: list[GoldStatement]


# ---------------------------------------------------------------------------------------------
# Reading PFSA
# ---------------------------------------------------------------------------------------------

def token_offsets(text: str, sentences: list[list[str]]) -> list[list[tuple[int, int]]]:
    """Character offsets of each gold token in the rebuilt ``text`` (tokens appear in order,
    separated by nothing or whitespace)."""
    pos = 0
    out: list[list[tuple[int, int]]] = []
    for toks in sentences:
        row = []
        for t in toks:
            i = text.find(t, pos)
            if i < 0 or text[pos:i].strip():
                raise ValueError(f"token {t!r} not found at offset {pos}")
            row.append((i, i + len(t)))
            pos = i + len(t)
        out.append(row)
    return out


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


@dataclass(slots=True)
class _Span:
    label: str
    start: int
    end: int
    text: str
    resolved: str | None = None
    ok: bool = True


def _name_words(name: str, titles: frozenset[str]) -> list[str]:
    words = [w for w in re.findall(r"[\w’'.-]+", name.lower().replace(".", " ")) if w]
    kept = [w for w in words if w not in titles]
    return kept or words


def names_match(gold: str | None, system: str | None, titles: frozenset[str]) -> bool:
    if not gold or not system:
        return False
    g, s = _name_words(gold, titles), _name_words(system, titles)
    if not g or not s:
        return False
    gs, ss = set(g), set(s)
    return gs <= ss or ss <= gs or g[-1] in ss or s[-1] in gs


@lru_cache(maxsize=None)
def canonical(name: str | None) -> str | None:
    """The actor dictionary's name for a gold name it knows as a person ("Presiden Jokowi" ->
    "Joko Widodo"), so an alias is not counted as a different speaker; None when it does not."""
    if not name:
        return None
    try:
        from warta.lang.id import actors

        d = actors.load()
    except Exception:  # noqa: BLE001 - the dictionary is optional for scoring
        return None
    people = {h.entry.name for h in d.find(name) if h.entry.kind == "person"}
    return people.pop() if len(people) == 1 else None


def surfaces_match(gold: str | None, system: str | None) -> bool:
    """The gold's unresolved reference ("Presiden") and the system's reference text ("Presiden",
    "Presiden Jokowi") point at the same words: one's words contain the other's."""
    if not gold or not system:
        return False
    g = set(re.findall(r"\w+", gold.lower()))
    s = set(re.findall(r"\w+", system.lower()))
    return bool(g and s) and (g <= s or s <= g)


def _resolve_person(sp: _Span, before: list[_Span], roles: list[_Span], titles: frozenset[str]) -> None:
    words = _name_words(sp.text, titles)
    if sp.text.lower() in speech.load().pronouns:
        prev = next((p for p in reversed(before) if p.resolved), None)
        sp.resolved, sp.ok = (prev.resolved, True) if prev else (sp.text, False)
        return
    best = None
    for p in before:
        if p.label == "PERSON" and p.resolved:
            pw = _name_words(p.resolved, titles)
            if set(words) <= set(pw) and (best is None or len(pw) > len(_name_words(best, titles))):
                best = p.resolved
    if best:
        sp.resolved = best
        return
    if sp.label == "PERSON":
        sp.resolved = sp.text
        return
    # a bare role: the PERSON right after an earlier ROLE with these words
    role = next((r for r in reversed(roles) if r.end <= sp.start and r.text.lower() == sp.text.lower()), None)
    if role is not None:
        after = next((p for p in before if p.label == "PERSON" and 0 <= p.start - role.end <= 60), None)
        if after is not None:
            sp.resolved = after.resolved
            return
    sp.resolved, sp.ok = sp.text, set(words) - titles != set() and sp.label == "PERSON"


def read_gold(path: Path, titles: frozenset[str]) -> list[GoldDoc]:
    """``documents-dev.jsonl`` -> documents with statements as trimmed character spans and speakers."""
    if not path.is_file():
        raise InputError(f"{path} not found (pass --dir with the PFSA-ID directory)")
    docs: list[GoldDoc] = []
    for lineno, line in enumerate(path.open(encoding="utf-8"), 1):
        try:
            raw = json.loads(line)
            offs = token_offsets(raw["text"], raw["sentences_tokens"])
        except (json.JSONDecodeError, KeyError, ValueError) as e:
            raise InputError(f"{path}:{lineno}: cannot read the document: {e}") from e
        text = raw["text"]
        spans = []
        for s in raw["spans"]:
            (sa, ta), (sb, tb) = s["start"], s["end"]
            spans.append(_Span(s["label"], offs[sa][ta][0], offs[sb][tb][1], text[offs[sa][ta][0]:offs[sb][tb][1]]))
        spans.sort(key=lambda s: s.start)
        persons: list[_Span] = []
        roles = [s for s in spans if s.label == "ROLE"]
        for s in spans:
            if s.label in ("PERSON", "PERSONCOREF"):
                _resolve_person(s, persons, roles, titles)
                persons.append(s)
        statements: list[GoldStatement] = []
        prev: GoldStatement | None = None
        for s in spans:
            if s.label != "STATEMENT":
                continue
            a, b = trim(text, s.start, s.end)
            g = _gold_speaker(s, spans, persons, prev)
            st = GoldStatement(a, b, *g)
            statements.append(st)
            prev = st
        docs.append(GoldDoc(raw["id"], text, statements))
    return docs


def _gold_speaker(st: _Span, spans: list[_Span], persons: list[_Span],
                  prev: GoldStatement | None) -> tuple[str | None, str | None, bool, str]:
    after = [s for s in spans if s.start >= st.end and s.start - st.end <= 8 and s.label in ("CUE", "CUECOREF")]
    if after:
        cue = after[0]
        if cue.label == "CUE":
            near = [p for p in persons if st.end <= p.start and p.start - cue.end <= 80]
            if near:
                p = near[0]
                return p.resolved, p.text, p.ok, "cue"
        before = [p for p in persons if p.end <= st.start]
        if before:
            p = before[-1]
            return p.resolved, p.text, p.ok, "cuecoref"
        return None, None, False, "cuecoref"
    before = [s for s in spans if s.end <= st.start and st.start - s.end <= 60
              and s.label in ("CUE", "CUECOREF", "PERSON", "PERSONCOREF")]
    if before:
        ps = [p for p in persons if p.end <= st.start and st.start - p.end <= 120]
        if ps:
            p = ps[-1]
            return p.resolved, p.text, p.ok, "before"
    if prev is not None:
        return prev.speaker, prev.surface, prev.resolved, "previous"
    return None, None, False, "none"


def split_part(doc_id: str) -> str:
    """'aside' for one document in ``ASIDE_SHARE`` (by a hash of its id), else 'tuning'."""
    h = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16)
    return "aside" if h % ASIDE_SHARE == 0 else "tuning"


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

@dataclass
class PartScores:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_ok: int = 0
    indirect: int = 0
    by_kind: Counter = field(default_factory=Counter)      # gold speaker kind -> matched
    by_kind_ok: Counter = field(default_factory=Counter)   # gold speaker kind -> speaker correct
    by_rule: Counter = field(default_factory=Counter)      # system rule -> predicted
    by_rule_ok: Counter = field(default_factory=Counter)   # system rule -> overlap-matched
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, kind, gold, system)

    @staticmethod
    def prf(tp: int, gold: int, pred: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def exact_prf(self) -> tuple[float, float, float]:
        return self.prf(self.exact, self.gold, self.pred)

    @property
    def overlap_prf(self) -> tuple[float, float, float]:
        return self.prf(self.overlap, self.gold, self.pred)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.overlap if self.overlap else 0.0


def _overlap_pairs(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    cands = []
    for i, (ga, gb) in enumerate(gold):
        for j, (pa, pb) in enumerate(pred):
            inter = min(gb, pb) - max(ga, pa)
            if inter > 0 and inter >= 0.5 * max(gb - ga, pb - pa):
                cands.append((inter, i, j))
    cands.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score_document(doc: GoldDoc, quotes: list[Quote], scores: PartScores, titles: frozenset[str],
                   keep_errors: int = 0) -> None:
    direct = [q for q in quotes if q.direct]
    scores.docs += 1
    scores.indirect += len(quotes) - len(direct)
    gold = [(g.start, g.end) for g in doc.statements]
    pred = [trim(doc.text, q.start, q.end) for q in direct]
    scores.gold += len(gold)
    scores.pred += len(pred)
    scores.exact += len(set(gold) & set(pred))
    for q in direct:
        scores.by_rule[q.rule] += 1
    for i, j in _overlap_pairs(gold, pred):
        scores.overlap += 1
        g, q = doc.statements[i], direct[j]
        scores.by_rule_ok[q.rule] += 1
        scores.by_kind[g.kind] += 1
        sys_name = q.speaker.name if q.speaker else None
        ok = names_match(g.speaker, sys_name, titles) or names_match(canonical(g.speaker), sys_name, titles)
        if not ok and not g.resolved and q.speaker is not None:
            ok = surfaces_match(g.surface, q.speaker.text)
        if ok:
            scores.speaker_ok += 1
            scores.by_kind_ok[g.kind] += 1
        elif len(scores.errors) < keep_errors:
            scores.errors.append((doc.id, g.kind, f"{g.speaker} ({g.surface})",
                                  f"{sys_name} ({q.speaker.text if q.speaker else None}; {q.rule}, {q.cue})"))


@dataclass
class Report:
    parts: dict[str, PartScores]
    seconds_total: float
    seconds_quotes: float
    characters: int
    failures: list[tuple[str, str]]


def evaluate(directory: Path, analyse: Callable[[str, str], tuple[list[Quote], float]] | None = None,
             limit: int | None = None, keep_errors: int = 0) -> Report:
    """Run the analyser on every PFSA document and score it. ``analyse(id, text)`` returns the
    quotes and the CPU seconds the quotes stage took; the default runs the full pipeline."""
    titles = speech.load().name_prefixes
    docs = read_gold(directory / DOCUMENTS, titles)
    if limit:
        docs = docs[:limit]
    run = analyse or analyse_with_pipeline
    for doc in docs[:_WARM_UP]:
        run(doc.id, doc.text)  # warm-up: language data and models load on first use
    # the gold, the dictionary and the models live for the whole run: keep the collector from
    # re-walking them and charging the pause to whichever stage happens to run
    gc.collect()
    gc.freeze()
    parts = {"tuning": PartScores(), "aside": PartScores()}
    failures: list[tuple[str, str]] = []
    t_total = t_quotes = 0.0
    chars = 0
    for doc in docs:
        t0 = time.process_time()
        try:
            quotes, tq = run(doc.id, doc.text)
        except Exception as e:  # noqa: BLE001 - a broken stage must not hide the figures of the rest
            failures.append((doc.id, f"{type(e).__name__}: {e}"))
            continue
        t_total += time.process_time() - t0
        t_quotes += tq
        chars += len(doc.text)
        score_document(doc, quotes, parts[split_part(doc.id)], titles, keep_errors)
    return Report(parts, t_total, t_quotes, chars, failures)


def analyse_with_pipeline(doc_id: str, text: str) -> tuple[list[Quote], float]:
    """The full analyser's stages in order (as ``pipeline.analyse`` runs them), timing the quotes
    stage in CPU time (a shared machine's load stretches wall-clock time, not CPU time)."""
    from warta.analyse import pipeline, quotes
    from warta.model import Article, Doc

    doc = Doc(article=Article(id=doc_id, text=text, language="id"), text=text)
    tq = 0.0
    for stage in pipeline.STAGES:
        t0 = time.process_time()
        stage(doc)
        if stage is quotes.find_quotes:
            tq = time.process_time() - t0
    return doc.quotes, tq
