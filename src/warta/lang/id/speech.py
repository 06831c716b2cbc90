"""Loader for ``speech_cues.yaml``: the words Indonesian news uses to attribute speech.

The data is loaded once (``load()`` is cached) and exposed as frozen sets of lower-case words and
phrases; the quote finder compiles its patterns from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from warta.errors import WartaError
from warta.lang import load_yaml

_FILE = "speech_cues.yaml"
_KEYS = (
    "direct_cues", "reporting_verbs", "reporting_verbs_with_clause", "verb_blockers", "coordinators",
    "place_prepositions", "not_subject_starts", "complementisers", "verb_adverbs",
    "according_to", "passive_cues", "demikian", "passive_subjects", "pronouns", "demonstratives",
    "speaker_stops", "title_cues", "name_prefixes", "body_heads", "name_particles", "not_names",
    "active_verb_prefixes",
)


@dataclass(frozen=True, slots=True)
class SpeechCues:
    direct_cues: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_verbs_with_clause: frozenset[str]
    verb_blockers: frozenset[str]
    coordinators: frozenset[str]
    place_prepositions: frozenset[str]
    not_subject_starts: frozenset[str]
    complementisers: frozenset[str]
    verb_adverbs: frozenset[str]
    according_to: frozenset[str]
    passive_cues: frozenset[str]
    demikian: frozenset[str]
    passive_subjects: frozenset[str]
    pronouns: frozenset[str]
    demonstratives: frozenset[str]
    speaker_stops: frozenset[str]
    title_cues: frozenset[str]
    name_prefixes: frozenset[str]
    body_heads: frozenset[str]
    name_particles: frozenset[str]
    not_names: frozenset[str]
    active_verb_prefixes: frozenset[str]

    @property
    def all_reporting_verbs(self) -> frozenset[str]:
        return self.reporting_verbs | self.reporting_verbs_with_clause


def parse(text: str, origin: str = _FILE) -> SpeechCues:
    """Build ``SpeechCues`` from the YAML text; a missing or malformed list is a clear error."""
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as e:
        raise WartaError(f"{origin}: not valid YAML: {e}") from e
    if not isinstance(data, dict):
        raise WartaError(f"{origin}: expected a mapping of lists at the top level")
    lists: dict[str, frozenset[str]] = {}
    for key in _KEYS:
        values = data.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise WartaError(f"{origin}: '{key}' must be a list of words")
        lists[key] = frozenset(" ".join(v.lower().split()) for v in values)
    return SpeechCues(**lists)


@cache
def load() -> SpeechCues:
    return parse(resources.files("warta.lang.id").joinpath(_FILE).read_text(encoding="utf-8"))
