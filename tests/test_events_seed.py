"""The guide's worked example (CODING-GUIDE, examples/top3-dunia-item.txt, published 2023-05-25)
must come out with the events the guide lists for it. Text read from ../shared, never copied."""

from __future__ import annotations

from datetime import date

import pytest

from events_doc import make_doc
from warta.analyse import analyse
from warta.analyse.events import code
from warta.model import MUTUAL_TYPES, Article

pytestmark = pytest.mark.shared

#: The guide's list (mutual types unordered). CHN CONSULT RUS is the same mutual triple as RUS CONSULT CHN.
GUIDE_ASSERTED = {
    ("RUS", "AGREE", "CHN"), ("RUS", "CONSULT", "CHN"), ("WST", "ACCUSE", "RUS"), ("WST", "ACCUSE", "CHN"),
    ("RUS", "ASSAULT", "UKR"), ("WST", "SANCTION", "RUS"), ("G7", "ACCUSE", "RUS"), ("G7", "ACCUSE", "CHN"),
    ("RUS", "ACCUSE", "G7"), ("CHN", "ACCUSE", "G7"), ("CHN", "REJECT", "WST"),
}


def key(source, type_, target):
    if type_ in MUTUAL_TYPES and target < source:
        source, target = target, source
    return source, type_, target


def scored(events, modality="asserted"):
    return {key(e.source.country, e.type, e.target.country) for e in events
            if e.modality == modality and e.target is not None and e.source.country != e.target.country}


def check(events):
    assert scored(events) == {key(*t) for t in GUIDE_ASSERTED}
    assert key("RUS", "CONSULT", "CHN") in scored(events, "future")  # "akan bertemu dengan Presiden Xi"
    agree = next(e for e in events if e.type == "AGREE" and e.modality == "asserted")
    assert agree.date == "2023-05-24" and agree.location == "Beijing"
    dates = {e.date for e in events if e.type == "CONSULT" and e.modality == "asserted"}
    assert {"2023-05-24", "2023-03"} <= dates  # the May visit and Xi's March visit, kept apart


def test_seed_example_full_pipeline(seed_example):
    article = Article(id="seed", text=seed_example.read_text(encoding="utf-8"),
                      published=date(2023, 5, 25), language="id")
    check(analyse(article).events)


def test_seed_example_coder_alone(seed_example):
    """The same with the test gazetteer instead of the language layer: the coder's own share."""
    doc = make_doc(seed_example.read_text(encoding="utf-8"), published="2023-05-25",
                   dates={"Rabu 24 Mei 2023": ("2023-05-24", "day"), "Februari 2022": ("2022-02", "month"),
                          "Maret lalu": ("2023-03", "month"), "pada 2022": ("2022", "year")})
    check(code(doc))
