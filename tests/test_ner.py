"""The learned NER (warta.analyse.ner), its training script and `warta eval ner`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from warta.analyse import ner
from warta.analyse.mentions import tokenize
from warta.evaluate.ner import gold_sentence, read_conll, score_spans

REPO = Path(__file__).resolve().parents[1]


def _names(text: str) -> set[tuple[str, str]]:
    toks, _ = tokenize(text)
    return {(" ".join(toks[i:j]), typ) for i, j, typ in ner.iob_spans(ner.tag(toks))}


def test_iob_spans_opens_a_span_on_a_stray_inside_tag():
    labels = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-PER"]
    assert ner.iob_spans(labels) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "ORG"), (7, 8, "PER")]


def test_gazetteer_tags_mark_tokens_inside_hits():
    text = "Perdana Menteri China Li Qiang tiba"
    toks, spans = tokenize(text)
    hits = [(0, 15, "ROLE"), (16, 21, "LOC")]
    assert ner.gazetteer_tags(spans, hits) == ["B-ROLE", "I-ROLE", "B-LOC", None, None, None]


def test_features_are_strings_with_context_and_gazetteer():
    items = ner.sentence_features(["Presiden", "Joko", "Widodo"], ["B-ROLE", "B-PER", "I-PER"])
    assert all(isinstance(f, str) for item in items for f in item)
    joko = items[1]
    assert {"w=joko", "ic", "-1w=presiden", "+1w=widodo", "g=B-PER", "-1g=B-ROLE"} <= set(joko)
    assert "BOS" in items[0] and "BOS" not in joko


def test_model_is_small_and_matches_the_feature_set():
    assert ner.MODEL_PATH.stat().st_size < 5_000_000
    assert ner.model_info()["feature_version"] == ner.FEATURE_VERSION


def test_tags_names_in_composed_news_prose():
    names = _names("Menteri Keuangan Sri Mulyani Indrawati mengunjungi Universitas Gadjah Mada di Yogyakarta.")
    assert names == {("Sri Mulyani Indrawati", "PER"), ("Universitas Gadjah Mada", "ORG"), ("Yogyakarta", "LOC")}
    names = _names("Ketua Partai Garuda Nusantara Budi Santoso berbicara di Surabaya, Jawa Timur, Senin.")
    assert ("Budi Santoso", "PER") in names
    assert ("Surabaya", "LOC") in names


def test_lowercase_sentence_has_no_names():
    assert _names("harga beras naik karena musim kemarau yang panjang tahun ini.") == set()


def test_read_conll_tolerates_crlf_and_rejects_bad_tags(tmp_path: Path):
    good = tmp_path / "g.txt"
    good.write_bytes(b"Kata PROPN O\r\nAnis PROPN B-PER\r\n\r\ndi ADP O\r\nSamarinda PROPN B-LOC\r\n")
    assert read_conll(good) == [(["Kata", "Anis"], ["O", "B-PER"]), (["di", "Samarinda"], ["O", "B-LOC"])]
    bad = tmp_path / "b.txt"
    bad.write_text("Anis PROPN B-PERSON\n")
    from warta.errors import InputError
    with pytest.raises(InputError, match="b.txt:1"):
        read_conll(bad)


def test_gold_spans_lose_glued_brackets():
    s = gold_sentence(["kata", "Gubernur", "(Jokowi)", "kemarin"], ["O", "O", "B-PER", "O"])
    assert [(s.text[a:b], t) for a, b, t in s.gold] == [("Jokowi", "PER")]
    assert [lab for tok, lab in zip(s.tokens, s.labels) if tok == "Jokowi"] == ["B-PER"]
    assert s.labels[s.tokens.index("(")] == "O"


def test_score_spans_counts_exact_matches_per_type():
    gold = [(0, 0, 5, "PER"), (0, 10, 15, "LOC"), (1, 0, 3, "ORG")]
    pred = [(0, 0, 5, "PER"), (0, 10, 14, "LOC"), (1, 0, 3, "PER")]
    s = score_spans(gold, pred)
    assert s["PER"]["p"] == 0.5 and s["PER"]["r"] == 1.0
    assert s["LOC"]["f1"] == 0.0
    assert s["ALL"]["tp"] == 1 and s["ALL"]["gold"] == 3


def test_eval_ner_without_shared_data_is_a_clear_error(tmp_path: Path):
    r = subprocess.run([sys.executable, "-m", "warta.cli", "eval", "ner", "--shared", str(tmp_path / "none")],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2
    assert "not found" in r.stderr and "--shared" in r.stderr.replace("\n", " ")
    assert "Traceback" not in r.stderr


@pytest.mark.shared
def test_eval_ner_on_dev(shared_dir: Path):
    from warta.evaluate.ner import evaluate

    report = evaluate(shared_dir, "dev")
    assert report.sentences > 300
    assert report.crf["ALL"]["f1"] > 0.78
    assert report.product["ALL"]["f1"] > 0.78
    assert {"PER", "ORG", "LOC", "ALL"} <= set(report.product)


@pytest.mark.shared
def test_training_is_deterministic(shared_dir: Path, tmp_path: Path):
    """Two trainings on the same data write the same bytes (a small run: 150 sentences, 15 iterations)."""
    code = f"""
import sys; sys.path.insert(0, {str(REPO / 'scripts')!r})
import train_ner
from pathlib import Path
from warta.evaluate.ner import read_gold
data = train_ner.featurise(read_gold(Path({str(shared_dir)!r}) / 'gold/ner-idner-news-2k/train.txt')[:150])
for name in ('a', 'b'):
    train_ner.train(data, {{**train_ner.BEST, 'max_iterations': 15}}, Path({str(tmp_path)!r}) / name)
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()


def test_model_info_records_scores():
    info = json.loads(ner.MODEL_INFO_PATH.read_text())
    assert info["dev"]["ALL"]["f1"] > 0.75
    assert info["bytes"] == ner.MODEL_PATH.stat().st_size


# Sentences written for this test: names, roles, quotes, a long one and a one-word one.
_DECODER_SENTENCES = [
    "Menteri Luar Negeri Sugiono bertemu Menlu Jepang Takeshi Iwaya di Tokyo , Senin ( 3/11 ) .",
    "Presiden Prabowo Subianto menyambut Perdana Menteri Malaysia Anwar Ibrahim di Istana Merdeka .",
    "\" Kami tidak akan mundur , \" kata juru bicara Kementerian Pertahanan Thailand Surasant Kongsiri .",
    "Dewan Keamanan PBB menggelar rapat darurat atas permintaan Aljazair dan Slovenia .",
    "Hujan .",
    ("Pertemuan antara delegasi Uni Eropa , Amerika Serikat , Ukraina dan Rusia di Jenewa yang dipimpin "
     "oleh Marco Rubio serta Kaja Kallas berakhir tanpa kesepakatan setelah Kremlin menolak usulan "
     "gencatan senjata yang diajukan Volodymyr Zelensky pekan lalu di Kyiv ."),
]


def test_decoder_gives_crfsuites_labels_for_windows_with_and_without_gazetteer():
    """The numpy decoder must return exactly what pycrfsuite returns for the same features, for
    whole sentences and for windows inside them, decoded one at a time or many side by side."""
    attrs = ner.model_attributes()
    windows = []
    for text in _DECODER_SENTENCES:
        toks = text.split()
        gaz = [("B-ROLE" if t in {"Presiden", "Menteri", "Perdana"} else "B-LOC" if t in {"Tokyo", "Jenewa"} else None)
               for t in toks]
        n = len(toks)
        for lo, hi in ((0, n), (0, max(1, n // 2)), (n // 3, n), (1, n - 1)):
            if hi > lo:
                windows.append((toks, None, lo, hi))
                windows.append((toks, gaz, lo, hi))
    expected = [ner.tagger().tag(ner.sentence_features(t, g, lo, hi, attrs)) for t, g, lo, hi in windows]
    assert ner.tag_many(windows) == expected
    assert [ner.tag(t, g, lo, hi) for t, g, lo, hi in windows] == expected
    assert any(label != "O" for labels in expected for label in labels)  # the sentences do hold names
