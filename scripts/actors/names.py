"""Turn PETRARCH's upper-case English name phrases into display names and usable variants.

PETRARCH lists, beside real spelling variants (``DMITRIY MEDVEDEV``, ``VLADIMIR V. PUTIN``), phrases
that carry an English title or nationality (``RUSSIAN PRESIDENT VLADIMIR PUTIN``). warta reads
Indonesian, where titles are Indonesian role words handled elsewhere, so such phrases are dropped;
a phrase that shares no word with the primary name is usually another person merged into the block
and is dropped too.
"""

from __future__ import annotations

import re

#: English words that make a phrase a title-plus-name rather than a name.
TITLE_WORDS = frozenset("""
PRESIDENT PRESIDENTIAL PRIME MINISTER MINISTERS MINISTRY SECRETARY SEC. SECY GENERAL GEN. GEN CHIEF
LEADER KING QUEEN PRINCE PRINCESS EMIR AMIR SULTAN SENATOR SEN. AMBASSADOR AMB. CHANCELLOR PREMIER
SPEAKER GOVERNOR GOV. MAYOR COMMANDER ADMIRAL ADM. COL. COLONEL LT. LIEUTENANT MAJOR MAJ. CAPT.
CAPTAIN FORMER EX DEPUTY VICE FOREIGN DEFENSE DEFENCE INTERIOR FINANCE STATE OF THE MR. MRS. MS. DR.
HIS HER EXCELLENCY PARTY CHAIRMAN CHAIRWOMAN CHAIR HEAD DIRECTOR ENVOY SPOKESMAN SPOKESWOMAN
OPPOSITION REBEL CANDIDATE MP MEMBER U.S. US UN U.N. EU NATO AND FOR TO PRES. PM FM REP.
LORD LADY BARONESS BARON SIR DAME JUDGE JUSTICE ATTORNEY POPE CARDINAL BISHOP ARCHBISHOP AYATOLLAH
""".split())

#: Name particles written in lower case (``al-Assad``, ``bin Salman``, ``van Rompuy``).
PARTICLES = frozenset("AL EL BIN BINTI BINT IBN DE DA DI DEL DELLA DOS DAS DO VAN VON DER DEN LA LE Y UD UL".split())

_NATIONALITY = re.compile(r"^[A-Z]{3,}(?:IAN|ESE|ISH|ICAN|EAN|I)$")
_WORD = re.compile(r"[^\s]+")


def words(phrase: str) -> list[str]:
    return phrase.split()


def is_title_phrase(variant: str, primary: str) -> bool:
    """True when ``variant`` adds a title or nationality word the primary name lacks."""
    own = set(words(primary))
    for w in words(variant):
        if w in own:
            continue
        if w in TITLE_WORDS or _NATIONALITY.match(w) and len(w) > 5:
            return True
    return False


def shares_a_word(a: str, b: str) -> bool:
    aw = {w for w in words(a) if len(w.strip(".")) >= 3}
    return any(w in aw for w in words(b) if len(w.strip(".")) >= 3)


def _cap(part: str) -> str:
    if not part:
        return part
    if part in PARTICLES:
        return part.lower()
    # Initials and dotted abbreviations stay as they are (``B.J.``); names get a capital.
    if "." in part and len(part.replace(".", "")) <= 3:
        return part
    head, tail = part[0], part[1:].lower()
    # Irish/Scottish/Arabic apostrophe names: O'BRIEN -> O'Brien, D'ALEMA -> D'Alema
    if len(tail) > 1 and tail[0] == "'":
        return head + "'" + tail[1].upper() + tail[2:]
    return head + tail


def display(phrase: str) -> str:
    """``SUSILO BAMBANG YUDHOYONO`` -> ``Susilo Bambang Yudhoyono``; ``BASHAR AL-ASSAD`` -> ``Bashar al-Assad``."""
    out = []
    for w in words(phrase):
        out.append("-".join(_cap(p) for p in w.split("-")))
    return " ".join(out)


def slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


#: English function words kept in lower case inside organisation names.
FUNCTION_WORDS = frozenset("OF THE AND FOR ON IN TO AT BY WITH FROM DE DU DES LA LE ET".split())
_VOWELS = set("AEIOU")


def display_org(phrase: str) -> str:
    """``UN SECURITY COUNCIL`` -> ``UN Security Council``; ``UNHCR`` -> ``UNHCR``."""
    ws = words(phrase)
    if len(ws) == 1 and len(ws[0].replace(".", "")) <= 6:
        return ws[0]
    out = []
    for i, w in enumerate(ws):
        bare = w.replace(".", "").replace("-", "")
        if i and w in FUNCTION_WORDS:
            out.append(w.lower())
        elif bare.isalpha() and (len(bare) <= 3 and not (set(bare) & _VOWELS) or bare in ("UN", "EU", "US", "UK")):
            out.append(w)
        elif w.startswith("(") and w.endswith(")"):
            out.append(w)
        else:
            out.append("-".join(_cap(p) for p in w.split("-")))
    return " ".join(out)


def indonesian_words() -> frozenset[str]:
    """Indonesian root words (PySastrawi's kata-dasar list): a generated one-word name that is also
    an everyday word ("ALAM", "ANSAR") would match ordinary text, so the build drops it."""
    from importlib.resources import files

    text = files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


def is_common_word(name: str, common: frozenset[str]) -> bool:
    return " " not in name.strip() and name.strip().lower() in common
