"""Every speech cue word of an article in one pass (Aho-Corasick over the text).

A hit is a whole word from ``speech_cues.yaml`` — a reporting verb (mengatakan), "menurut", a passive
cue (dikatakan) or a short cue (kata, ujar) — optionally followed by "-nya" (katanya, menurutnya).
Words are matched where a word starts (after a space, a line break or common punctuation) in lower
case or capitalised, so the text is never lower-cased or copied.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import ahocorasick

from warta.lang.id.speech import SpeechCues

VERB, MENURUT, PASSIVE, CUE = "verb", "menurut", "passive", "cue"
_BEFORE = " \n\t\"“”‘’'(,—–-:;."  # what may stand right before a cue word


class Hit(NamedTuple):
    start: int
    end: int        # end of the word, without "nya"
    kind: str       # VERB, MENURUT, PASSIVE or CUE
    word: str       # the word as written, with its "nya"
    nya: bool = False

    @property
    def stop(self) -> int:
        """End of the whole word, "nya" included."""
        return self.end + 3 if self.nya else self.end


@cache
def _automaton(cues: SpeechCues) -> ahocorasick.Automaton:
    kinds: dict[str, str] = {}
    for w in cues.direct_cues:
        kinds[w] = CUE
    for w in cues.passive_cues:
        kinds[w] = PASSIVE
    for w in cues.according_to:
        kinds[w] = MENURUT
    for w in cues.all_reporting_verbs:
        kinds[w] = VERB
    a = ahocorasick.Automaton()
    for w, kind in kinds.items():
        for form in {w, w[:1].upper() + w[1:]}:
            for p in _BEFORE:
                a.add_word(p + form, (len(form), kind))
    a.make_automaton()
    return a


def find_hits(text: str, cues: SpeechCues) -> list[Hit]:
    out: list[Hit] = []
    n = len(text)
    for last, (length, kind) in _automaton(cues).iter(" " + text):
        end = last  # index in text of the char after the word (the search string has one leading space)
        start = end - length
        nxt = text[end] if end < n else " "
        nya = False
        if nxt.isalnum():
            if kind in (CUE, MENURUT) and text[end:end + 3].lower() == "nya" and (end + 3 >= n or not text[end + 3].isalnum()):
                nya = True
            else:
                continue
        out.append(Hit(start, end, kind, text[start:end + 3 if nya else end], nya))
    return out
