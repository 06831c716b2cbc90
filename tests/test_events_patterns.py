"""events.yaml and the ontology tables it points into: they load, agree with each other, and
compile into a trigger finder that matches whole words, longest first."""

from __future__ import annotations

import pytest

from warta.analyse.event_patterns import PatternError, build_lexicon, find_triggers, load_lexicon
from warta.model import PLOVER_TYPES
from warta.ontology import cameo, cameo_codes, quad_class


def test_ontology_facts():
    assert len(cameo_codes()) > 300
    c = cameo("057")
    assert (c.label, c.goldstein, c.root, c.quad_class) == ("Sign formal agreement", 8.0, "05", 1)
    assert cameo("042").plover_type == "CONSULT" and cameo("042").plover_mode == "visit"
    assert quad_class("1712") == 4 and quad_class("173") == 4 and quad_class("111") == 3
    with pytest.raises(KeyError, match="999"):
        cameo("999")


def test_packaged_patterns_cover_every_plover_type():
    lex = load_lexicon()
    assert {p.type for p in lex.patterns} == set(PLOVER_TYPES)
    assert len({p.id for p in lex.patterns}) == len(lex.patterns)
    for p in lex.patterns:
        assert cameo(p.cameo)  # every code exists


def test_type_must_agree_with_cameo2plover_unless_overridden():
    raw = {"patterns": [{"id": "x", "type": "ASSAULT", "cameo": "057", "active": ["menyerang"]}]}
    with pytest.raises(PatternError, match="057 is SUPPORT"):
        build_lexicon(raw)
    raw["type_overrides"] = {"057": "ASSAULT"}
    assert build_lexicon(raw).patterns[0].type == "ASSAULT"


@pytest.mark.parametrize("raw, message", [
    ({"patterns": [{"id": "x", "type": "WAR", "cameo": "190", "active": ["perang"]}]}, "unknown PLOVER type"),
    ({"patterns": [{"id": "x", "type": "ASSAULT", "cameo": "9999", "active": ["perang"]}]}, "unknown CAMEO code"),
    ({"patterns": [{"id": "x", "type": "ASSAULT", "cameo": "190"}]}, "no active, passive or noun"),
    ({"patterns": [{"id": "x", "type": "ASSAULT", "active": ["perang"]}]}, "missing 'cameo'"),
    ({"patterns": [{"id": "x", "type": "ASSAULT", "cameo": "190", "active": ["serang"]},
                   {"id": "x", "type": "ASSAULT", "cameo": "190", "active": ["gempur"]}]}, "used twice"),
    ({"patterns": [{"id": "x", "type": "ASSAULT", "cameo": "190", "active": ["serangan"]},
                   {"id": "y", "type": "ASSAULT", "cameo": "190", "noun": ["serangan"]}]}, "noun in one"),
])
def test_bad_patterns_are_named(raw, message):
    with pytest.raises(PatternError, match=message):
        build_lexicon(raw)


def test_triggers_whole_words_longest_first():
    text = "Israel melancarkan serangan udara; pendanaan dan mengatakan tidak menyerangnya."
    hits = [(text[h.start:h.end], h.forms[0].pattern.id) for h in find_triggers(text)]
    assert ("melancarkan serangan", "assault.attack") in hits
    assert not any(t in ("dana", "kata") for t, _ in hits)  # inside pendanaan, mengatakan
    # "menyerangnya" is a form of its own (the enclitic is the object), never "menyerang" inside it
    assert "menyerang" not in {t for t, _ in hits} and "menyerangnya" in {t for t, _ in hits}


def test_longer_phrase_keeps_the_shorter_readings():
    (hit,) = find_triggers("mengancam akan")
    assert {f.pattern.id for f in hit.forms} >= {"threaten.sanction", "threaten.force", "threaten.threaten"}


def test_noun_with_nya_is_found():
    (hit,) = find_triggers("Kunjungannya ke Tokyo")
    assert hit.forms[0].kind == "noun" and hit.forms[0].nya
