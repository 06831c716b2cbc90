"""`warta eval events`: the scoring rules (distinct international triples of asserted events,
mutual types unordered, optional gold ignored, non-asserted gold not credited), date accuracy,
reading articles from a corpus directory, and the command itself. All texts here are written for
the test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.evaluate.events import GoldArticle, Report, load_articles, load_gold, score_article, triple
from warta.errors import InputError
from warta.model import Analysis, Event, Participant


def ev(src: str, type_: str, tgt: str | None, modality: str = "asserted", date_: str | None = None) -> Event:
    return Event(type=type_, source=Participant(text=src, country=src),
                 target=Participant(text=tgt, country=tgt) if tgt else None,
                 modality=modality, date=date_, rule="test/active")  # type: ignore[arg-type]


def gold_ev(src, type_, tgt, required=True, modality="asserted", date_=None):
    return {"source": src, "type": type_, "target": tgt, "required": required, "modality": modality,
            "date": date_, "note": f"{src} {type_} {tgt}"}


def test_triple_keys():
    assert triple("RUS", "CONSULT", "CHN") == triple("CHN", "CONSULT", "RUS") == ("CHN", "CONSULT", "RUS")
    assert triple("RUS", "ACCUSE", "CHN") != triple("CHN", "ACCUSE", "RUS")
    assert triple("IDN", "ACCUSE", "IDN") is None and triple("IDN", "PROTEST", None) is None


def test_scoring_rules():
    g = GoldArticle(id="a", corpus="c", published=date(2023, 5, 25), split="dev", events=[
        gold_ev("RUS", "CONSULT", "CHN", date_="2023-05"),
        gold_ev("RUS", "ASSAULT", "UKR", date_="2022-02"),
        gold_ev("WST", "ACCUSE", "RUS", required=False),
        gold_ev("RUS", "CONSULT", "IND", modality="future"),
        gold_ev("IDN", "ACCUSE", "IDN"),
    ])
    a = Analysis(id="a", title=None, date=None, language="id", events=[
        ev("CHN", "CONSULT", "RUS", date_="2023-05-24"),  # mutual, unordered: TP, date right
        ev("RUS", "CONSULT", "CHN", date_="2023-03"),  # the same triple again: counted once
        ev("RUS", "ASSAULT", "UKR", date_="2022"),  # TP, date too coarse for "2022-02"
        ev("WST", "ACCUSE", "RUS"),  # optional in gold: ignored
        ev("RUS", "CONSULT", "IND"),  # gold says future: FP
        ev("USA", "SANCTION", "RUS", modality="future"),  # not asserted: not scored
        ev("RUS", "MOBILIZE", None),  # no target: not international
    ])
    r = Report()
    score_article(g, a, r)
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (2, 1, 0)
    assert r.ignored_optional == 1
    assert (r.dated, r.date_correct) == (2, 1)
    assert r.by_type["CONSULT"].tp == 1 and r.by_type["CONSULT"].fp == 1
    kinds = sorted((m.kind, m.triple) for m in r.errors)
    assert ("FP", ("IND", "CONSULT", "RUS")) in kinds and ("DATE", ("RUS", "ASSAULT", "UKR")) in kinds
    assert abs(r.overall.p - 2 / 3) < 1e-9 and r.overall.r == 1.0


def test_missed_gold_is_a_false_negative():
    g = GoldArticle(id="b", corpus="c", published=None, split="dev", events=[gold_ev("ISR", "ASSAULT", "PSE")])
    r = Report()
    score_article(g, Analysis(id="b", title=None, date=None, language="id"), r)
    assert (r.overall.tp, r.overall.fn) == (0, 1) and r.errors[0].note == "ISR ASSAULT PSE"


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus directory and a gold file, all written here."""
    corp = tmp_path / "shared"
    (corp / "corpus").mkdir(parents=True)
    (corp / "examples").mkdir()
    with open(corp / "corpus" / "news.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "n1", "title": "t", "date": "2023-05-25", "source": "Contoh",
                            "text": "Rusia menyerang Ukraina pada Rabu (24/5/2023)."}) + "\n")
        f.write(json.dumps({"id": "n2", "title": "t", "date": "2023-05-25", "source": "Contoh",
                            "text": "Jepang mengecam Korea Utara."}) + "\n")
    with open(corp / "corpus" / "wire.jsonl", "w", encoding="utf-8") as f:
        for i, s in enumerate(["Kabar lain.", "Israel menyerang Gaza.", "Mesir mengecam Israel.", "Akhir."]):
            f.write(json.dumps({"id": f"w{i}", "seq": i, "text_id": s}) + "\n")
    (corp / "examples" / "item.txt").write_text("China mengecam Jepang.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "n1", "corpus": "news.jsonl", "published": "2023-05-25", "split": "dev",
         "events": [gold_ev("RUS", "ASSAULT", "UKR", date_="2023-05-24")]},
        {"id": "n2", "corpus": "news.jsonl", "published": "2023-05-25", "split": "heldout",
         "events": [gold_ev("JPN", "ACCUSE", "PRK")]},
        {"id": "wire:1-2", "corpus": "wire.jsonl", "seq": [1, 2], "published": None, "split": "dev",
         "events": [gold_ev("ISR", "ASSAULT", "PSE"), gold_ev("EGY", "ACCUSE", "ISR")]},
        {"id": "seed:item", "corpus": "examples/item.txt", "published": "2023-05-25", "split": "dev",
         "events": [gold_ev("CHN", "ACCUSE", "JPN")]},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return corp, gold


def test_load_articles_by_id_by_seq_run_and_file(corpus):
    corp, gold = corpus
    arts = load_articles(load_gold(gold), corp)
    assert arts["n1"].text.startswith("Rusia menyerang") and arts["n1"].published == date(2023, 5, 25)
    assert arts["wire:1-2"].text == "Israel menyerang Gaza. Mesir mengecam Israel."
    assert arts["seed:item"].text == "China mengecam Jepang."


def test_bad_gold_and_missing_corpus_are_clear_errors(tmp_path, corpus):
    corp, gold = corpus
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        load_gold(bad)
    with pytest.raises(InputError, match="not found"):
        load_articles(load_gold(gold), tmp_path / "nowhere")


def test_cli_eval_events(corpus):
    from warta.cli import app

    corp, gold = corpus
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "events", "--gold", str(gold), "--corpus-dir", str(corp),
                              "--split", "dev", "--show-errors"])
    assert res.exit_code == 0, res.output
    assert "3 articles" in res.output and "P=" in res.output and "ASSAULT" in res.output
    res = runner.invoke(app, ["eval", "events", "--gold", str(gold), "--corpus-dir", str(corp),
                              "--split", "heldout"])
    assert res.exit_code == 0 and "1 articles" in res.output
    res = runner.invoke(app, ["eval", "events", "--gold", str(gold), "--corpus-dir", str(corp), "--split", "x"])
    assert res.exit_code != 0


def test_cli_scores_several_gold_files_apart_and_together(corpus, tmp_path):
    from warta.cli import app

    corp, gold = corpus
    second = tmp_path / "gold-2.jsonl"
    second.write_text(json.dumps({"id": "n2", "corpus": "news.jsonl", "published": "2023-05-25", "split": "dev",
                                  "batch": 2, "events": [gold_ev("JPN", "ACCUSE", "PRK")]}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "events", "--gold", str(gold), "--gold", str(second),
                                   "--corpus-dir", str(corp), "--split", "dev"])
    assert res.exit_code == 0, res.output
    assert f"{gold} split=dev: 3 articles" in " ".join(res.output.split())
    assert f"{second} split=dev: 1 articles" in " ".join(res.output.split())
    assert "4 articles" in res.output  # together
