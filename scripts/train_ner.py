"""Train warta's NER model (python-crfsuite) on idner-news-2k.

    python scripts/train_ner.py [--shared ../shared] [--grid]

Trains on ``train.txt``, tunes on ``dev.txt`` (c1, c2, feature minimum frequency, gazetteer dropout;
``--grid`` searches, otherwise the recorded best setting is used), reports ``test.txt`` once at the end,
and writes ``src/warta/lang/id/ner.crfsuite`` plus ``ner.json`` (feature version, parameters, scores).
Deterministic: the same data, dictionary and code give the same bytes.

Gazetteer tags come from the actor dictionary (``warta.lang.id.actors``) exactly as the mentions stage
computes them at run time. A seeded share of training sentences has them removed, so the model keeps
reading the words themselves.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from warta.analyse import ner  # noqa: E402
from warta.analyse.mentions import dictionary_tags  # noqa: E402
from warta.evaluate.ner import read_gold, score_spans  # noqa: E402

#: The setting chosen on dev (see ner.json for the grid's dev scores).
BEST = {"c1": 0.05, "c2": 0.01, "minfreq": 1, "gaz_dropout": 0.2, "max_iterations": 150}
GRID = {
    "c1": [0.02, 0.05, 0.1, 0.2],
    "c2": [0.005, 0.01, 0.05],
    "minfreq": [1],
    "gaz_dropout": [0.2, 0.4],
}
SEED = 20240601


def featurise(sentences, use_gaz: bool = True):
    """[GoldSentence] (the pipeline's tokens) -> [(items with gazetteer, items without, labels)]."""
    out = []
    for s in sentences:
        gaz = dictionary_tags(s.text, s.spans) if use_gaz else None
        with_gaz = ner.sentence_features(s.tokens, gaz)
        without = ner.sentence_features(s.tokens, None) if gaz and any(gaz) else with_gaz
        out.append((with_gaz, without, s.labels))
    return out


def train(data, params: dict, path: Path) -> None:
    import pycrfsuite

    rng = random.Random(SEED)
    trainer = pycrfsuite.Trainer(verbose=False)
    for with_gaz, without, labels in data:
        items = without if rng.random() < params["gaz_dropout"] else with_gaz
        trainer.append(items, labels)
    trainer.set_params({
        "c1": params["c1"], "c2": params["c2"], "max_iterations": params["max_iterations"],
        "feature.minfreq": params["minfreq"], "feature.possible_transitions": True,
    })
    trainer.train(str(path))


def evaluate(path: Path, data) -> dict:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    gold, pred = [], []
    for k, (with_gaz, _, labels) in enumerate(data):
        gold += [(k, *s) for s in ner.iob_spans(labels)]
        pred += [(k, *s) for s in ner.iob_spans(tagger.tag(with_gaz))]
    tagger.close()
    return score_spans(gold, pred)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--grid", action="store_true", help="search the grid on dev instead of using the recorded best")
    ap.add_argument("--no-gazetteer", action="store_true", help="train without dictionary features (comparison)")
    ap.add_argument("--out", type=Path, default=ner.MODEL_PATH)
    args = ap.parse_args()
    gold_dir = args.shared / "gold" / "ner-idner-news-2k"
    if not gold_dir.is_dir():
        sys.exit(f"error: {gold_dir} not found (the development data lives in ../shared)")

    t0 = time.time()
    train_data = featurise(read_gold(gold_dir / "train.txt"), not args.no_gazetteer)
    dev_data = featurise(read_gold(gold_dir / "dev.txt"), not args.no_gazetteer)
    print(f"features: {time.time() - t0:.1f}s, train {len(train_data)} / dev {len(dev_data)} sentences")

    grid_scores = []
    best = dict(BEST)
    with tempfile.TemporaryDirectory() as tmp:
        if args.grid:
            best_f1 = -1.0
            for c1 in GRID["c1"]:
                for c2 in GRID["c2"]:
                    for minfreq in GRID["minfreq"]:
                        for drop in GRID["gaz_dropout"]:
                            p = {**BEST, "c1": c1, "c2": c2, "minfreq": minfreq, "gaz_dropout": drop}
                            path = Path(tmp) / "m.crfsuite"
                            train(train_data, p, path)
                            f1 = evaluate(path, dev_data)["ALL"]["f1"]
                            size = path.stat().st_size
                            grid_scores.append({**p, "dev_f1": round(f1, 4), "bytes": size})
                            print(f"c1={c1} c2={c2} minfreq={minfreq} drop={drop}: dev F1 {f1:.4f} ({size / 1e6:.2f} MB)")
                            if f1 > best_f1 + 1e-9:
                                best_f1, best = f1, p
        print(f"chosen on dev: {best}")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        train(train_data, best, args.out)
    dev = evaluate(args.out, dev_data)
    test = evaluate(args.out, featurise(read_gold(gold_dir / "test.txt"), not args.no_gazetteer))
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    info = {
        "feature_version": ner.FEATURE_VERSION,
        "trained_on": "idner-news-2k train.txt (MIT, Khairunnisa et al. 2020)",
        "gazetteer": not args.no_gazetteer,
        "params": best,
        "dev": {k: {m: round(v, 4) for m, v in s.items()} for k, s in dev.items()},
        "test": {k: {m: round(v, 4) for m, v in s.items()} for k, s in test.items()},
        "sha256": digest,
        "bytes": args.out.stat().st_size,
    }
    if grid_scores:
        info["grid"] = grid_scores
    if args.out == ner.MODEL_PATH:
        ner.MODEL_INFO_PATH.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"model {args.out} ({info['bytes'] / 1e6:.2f} MB, sha256 {digest[:12]})")
    for split, s in (("dev", dev), ("test", test)):
        print(split, "  ".join(f"{k} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}" for k, v in s.items()))
    print(f"total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
