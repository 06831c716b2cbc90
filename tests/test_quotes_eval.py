"""``warta eval quotes``: reading PFSA-style gold, deriving gold speakers, scoring and the command.
The gold documents here are written for the tests in PFSA's JSONL shape (tokens, BILOU spans)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.evaluate.quotes import (
    PartScores, names_match, read_gold, score_document, split_part, surfaces_match, token_offsets, trim,
)
from warta.lang.id import speech
from warta.model import Participant, Quote

TITLES = speech.load().name_prefixes


def gold_doc(doc_id: str, sentences: list[list[str]], spans: list[tuple[str, tuple[int, int], tuple[int, int]]]) -> dict:
    """A document in documents-dev.jsonl's shape: the text is the tokens joined PFSA's way (no space
    before punctuation or after an opening mark)."""
    text = ""
    for toks in sentences:
        for t in toks:
            if text and t not in ",.”?!" and not text.endswith("“"):
                text += " "
            text += t
    return {"id": doc_id, "text": text, "sentences_tokens": sentences,
            "spans": [{"label": lab, "start": list(a), "end": list(b), "text": ""} for lab, a, b in spans]}


DOC = gold_doc("demo_1", [
    ["Menteri", "Keuangan", "Sri", "Mulyani", "Indrawati", "meninjau", "pelabuhan", "."],          # 0
    ["“", "Penerimaan", "negara", "tumbuh", "baik", ",", "”", "kata", "Sri", "Mulyani", "."],      # 1
    ["“", "Kami", "tetap", "waspada", ",", "”", "ujarnya", "."],                                   # 2
    ["“", "Belanja", "dijaga", ",", "”", "kata", "Presiden", "."],                                  # 3
], [
    ("PERSON", (0, 2), (0, 4)),
    ("STATEMENT", (1, 0), (1, 6)), ("CUE", (1, 7), (1, 7)), ("PERSONCOREF", (1, 8), (1, 9)),
    ("STATEMENT", (2, 0), (2, 5)), ("CUECOREF", (2, 6), (2, 6)),
    ("STATEMENT", (3, 0), (3, 4)), ("CUE", (3, 5), (3, 5)), ("PERSONCOREF", (3, 6), (3, 6)),
])


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "documents-dev.jsonl").write_text(json.dumps(DOC, ensure_ascii=False) + "\n", encoding="utf-8")
    return tmp_path


def test_token_offsets_map_tokens_to_the_rebuilt_text() -> None:
    offs = token_offsets(DOC["text"], DOC["sentences_tokens"])
    for toks, row in zip(DOC["sentences_tokens"], offs):
        assert [DOC["text"][a:b] for a, b in row] == toks
    with pytest.raises(ValueError):
        token_offsets("tidak ada", [["kata"]])


def test_trim_drops_marks_spaces_and_the_handing_over_comma() -> None:
    text = "” Kami siap, ”"
    a, b = trim(text, 0, len(text))
    assert text[a:b] == "Kami siap"


def test_gold_speakers_are_resolved_from_the_labels(gold_dir: Path) -> None:
    [doc] = read_gold(gold_dir / "documents-dev.jsonl", TITLES)
    assert [doc.text[s.start:s.end] for s in doc.statements] == [
        "Penerimaan negara tumbuh baik", "Kami tetap waspada", "Belanja dijaga"]
    first, second, third = doc.statements
    assert (first.kind, first.speaker) == ("cue", "Sri Mulyani Indrawati")      # short name -> full
    assert (second.kind, second.speaker) == ("cuecoref", "Sri Mulyani Indrawati")  # "ujarnya"
    assert (third.kind, third.speaker, third.resolved) == ("cue", "Presiden", False)  # no antecedent


def test_names_match_rules() -> None:
    assert names_match("Sri Mulyani Indrawati", "Sri Mulyani", TITLES)
    assert names_match("Komisaris Besar Yusri Yunus", "Yusri Yunus", TITLES)
    assert names_match("Anies", "Anies Baswedan", TITLES)
    assert not names_match("Anies Baswedan", "Ahmad Riza Patria", TITLES)
    assert not names_match("Presiden", None, TITLES)
    assert surfaces_match("Presiden", "Presiden Jokowi") and not surfaces_match("Presiden", "Jokowi")


def test_split_is_deterministic_and_sets_about_a_fifth_aside() -> None:
    ids = [f"pfsa_{i:04d}" for i in range(1000)]
    parts = [split_part(i) for i in ids]
    assert parts == [split_part(i) for i in ids]
    assert 150 < parts.count("aside") < 250


def test_scoring_exact_overlap_and_speakers(gold_dir: Path) -> None:
    [doc] = read_gold(gold_dir / "documents-dev.jsonl", TITLES)
    text = doc.text

    def q(statement: str, speaker: str | None, surface: str, direct: bool = True) -> Quote:
        a = text.index(statement)
        return Quote(text=statement, start=a, end=a + len(statement), direct=direct, cue="kata",
                     speaker=Participant(text=surface, name=speaker), rule="test")

    quotes = [q("Penerimaan negara tumbuh baik", "Sri Mulyani Indrawati", "Sri Mulyani"),  # exact, right
              q("Kami tetap", "Joko Widodo", "nya"),                                      # overlap, wrong
              q("Belanja dijaga", None, "Presiden"),                                      # surface match
              q("Menteri Keuangan", None, "x", direct=False)]                             # indirect: unscored
    s = PartScores()
    score_document(doc, quotes, s, TITLES, keep_errors=5)
    assert (s.gold, s.pred, s.exact, s.overlap, s.indirect) == (3, 3, 2, 3, 1)
    assert s.speaker_ok == 2 and len(s.errors) == 1
    assert s.exact_prf == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_eval_quotes_command_prints_both_parts_and_timing(gold_dir: Path) -> None:
    from warta.cli import app

    result = CliRunner().invoke(app, ["eval", "quotes", "--dir", str(gold_dir)])
    assert result.exit_code == 0, result.output
    assert "tuning" in result.output and "aside" in result.output
    assert "ms per article" in result.output


def test_eval_quotes_without_data_is_a_clear_error(tmp_path: Path) -> None:
    from warta.cli import app

    result = CliRunner().invoke(app, ["eval", "quotes", "--dir", str(tmp_path / "missing")])
    assert result.exit_code != 0
    assert "documents-dev.jsonl" in str(result.exception) or "documents-dev.jsonl" in result.output
