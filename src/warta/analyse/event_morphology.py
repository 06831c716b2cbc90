"""Indonesian word forms of a verb stem, for the event patterns' ``stems`` (lang/id/events.yaml).

A stem is a root with an optional verb suffix after "+": ``kecam``, ``kunjung+i``, ``jatuh+kan``.
Each *form kind* is one affixation, with the regular sound changes of the prefix:

    meN     active verb     kecam -> mengecam, tuduh -> menuduh, serang -> menyerang,
                            puji -> memuji, bom -> mengebom, kritik -> mengkritik
    di      passive verb    dikecam, dikunjungi, dijatuhkan
    ter     accidental/stative passive  tertangkap, terbunuh
    bare    headline stem   kecam, kunjungi, jatuhkan
    an      noun            kecaman, kunjungan, serangan (verb suffixes dropped)
    peN-an  noun            penangkapan, penyerangan, pengusiran, pengeboman
    ber     active verb     berunding, bertemu, berkunjung
    per-an  noun            perundingan, pertemuan
    ke-an   noun            kedatangan, kehadiran

Nothing here knows any particular word: the patterns stay data, this only spells them out.
"""

from __future__ import annotations

from functools import cache

VOWELS = frozenset("aiueo")
#: Kinds a stem gets when its entry names none.
DEFAULT_KINDS = ("meN", "di")
VERB_KINDS = {"meN": "active", "ber": "active", "bare": "active", "di": "passive", "ter": "passive"}
NOUN_KINDS = frozenset({"an", "peN-an", "per-an", "ke-an"})
KINDS = frozenset(VERB_KINDS) | NOUN_KINDS

#: Consonant clusters whose first consonant stays after the nasal ("kritik" -> "mengkritik",
#: "protes" -> "memprotes", "transfer" -> "mentransfer", "sponsor" -> "mensponsori").
_CLUSTER_SECOND = frozenset("rlw")
_S_CLUSTERS = frozenset({"st", "sp", "sk", "sl", "sw", "sm", "sn", "sr", "sy"})


class MorphologyError(ValueError):
    """A stem or form kind the generator cannot spell."""


def _syllables(root: str) -> int:
    n, prev = 0, False
    for ch in root:
        v = ch in VOWELS
        if v and not prev:
            n += 1
        prev = v
    return n


def nasal(prefix: str, root: str) -> str:
    """``prefix`` is "me" or "pe": the prefix with its nasal, joined to the root."""
    if not root:
        raise MorphologyError("empty root")
    first = root[0]
    second = root[1] if len(root) > 1 else ""
    if _syllables(root) == 1:
        return f"{prefix}nge{root}"  # bom -> mengebom, cek -> mengecek
    if first in VOWELS or first in "gh":
        return f"{prefix}ng{root}"
    if first == "k":
        return f"{prefix}ng{root}" if second in _CLUSTER_SECOND or second == "h" else f"{prefix}ng{root[1:]}"
    if first == "p":
        return f"{prefix}m{root}" if second in _CLUSTER_SECOND else f"{prefix}m{root[1:]}"
    if first in "bfv":
        return f"{prefix}m{root}"
    if first == "t":
        return f"{prefix}n{root}" if second in _CLUSTER_SECOND else f"{prefix}n{root[1:]}"
    if first in "dcjz":
        return f"{prefix}n{root}"
    if first == "s":
        return f"{prefix}n{root}" if root[:2] in _S_CLUSTERS else f"{prefix}ny{root[1:]}"
    return f"{prefix}{root}"  # l m n r w y: melarang, merampas, meminta


def spell(stem: str, kind: str) -> str:
    """One form of a stem ("serang+kan", "meN") -> "menyerangkan". Multi-word stems inflect
    their first word ("ambil alih" -> "mengambil alih")."""
    if kind not in KINDS:
        raise MorphologyError(f"unknown form kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    first, _, rest = stem.strip().lower().partition(" ")
    root, _, suffix = first.partition("+")
    if not root.isalpha() or (suffix and suffix not in ("i", "kan")):
        raise MorphologyError(f"cannot spell stem {stem!r}")
    tail = f" {rest}" if rest else ""
    if kind == "meN":
        return nasal("me", root) + suffix + tail
    if kind == "ber":
        return f"{'be' if root[0] == 'r' else 'ber'}{root}{suffix}{tail}"
    if kind == "di":
        return f"di{root}{suffix}{tail}"
    if kind == "ter":
        return f"ter{root}{suffix}{tail}"
    if kind == "bare":
        return f"{root}{suffix}{tail}"
    if kind == "an":
        return f"{root}an{tail}"
    if kind == "peN-an":
        return nasal("pe", root) + "an" + tail
    if kind == "per-an":
        return f"{'pe' if root[0] == 'r' else 'per'}{root}an{tail}"
    return f"ke{root}an{tail}"  # ke-an


@cache
def expand(stem: str, kinds: tuple[str, ...] = DEFAULT_KINDS) -> dict[str, tuple[str, ...]]:
    """The stem's forms by pattern form (active, passive, noun), in the order of ``kinds``."""
    out: dict[str, list[str]] = {"active": [], "passive": [], "noun": []}
    for k in kinds:
        word = spell(stem, k)
        slot = "noun" if k in NOUN_KINDS else VERB_KINDS[k]
        if word not in out[slot]:
            out[slot].append(word)
    return {k: tuple(v) for k, v in out.items()}
