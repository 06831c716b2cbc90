"""Train the event filter (``warta.analyse.event_filter``) on the development gold only.

    python scripts/train_event_filter.py [--shared ../shared] [--gold FILE ...] [--folds 10]
                                         [--out src/warta/lang/id/event_filter.tsv] [--dump FILE]

For every article of split "dev" in the gold files (default: tests/gold/events-dev*.jsonl), the
analyser's rules propose event reports (``warta.analyse.events.reports``); each asserted
international report gets its feature vector and a label from the gold: 1 when its (source, type,
target) triple is a required asserted gold triple, 0 when the gold does not have it (or has it only
as future, negated or hypothetical); reports that match only an optional gold event are left out,
as the scorer ignores them. A logistic regression with an L2 penalty is fitted by Newton's method.

The penalty and the threshold are chosen by cross-validation over articles (folds by a hash of the
article id, so the same data always gives the same folds): each article's triples are scored by a
model that never saw the article, a triple keeps the highest score of its reports, and the figures
are the scorer's own (``warta eval events``: distinct international triples per article). The
threshold is the one with the best cross-validated F1 among those that cost at most
``--max-recall-loss`` of the rules' recall. The held-out split is never read.

Writes the weights with a header that records the data, the cross-validated figures and the
threshold. Deterministic: the same data and code give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from warta.analyse.pipeline import STAGES  # noqa: E402
from warta.analyse.event_filter import ArticleContext, features, scored, triple_key  # noqa: E402
from warta.analyse.events import code_events, reports  # noqa: E402
from warta.evaluate.events import load_articles, load_gold, triple  # noqa: E402
from warta.model import Doc  # noqa: E402

PENALTIES = (0.3, 1.0, 3.0, 10.0)
#: The analyser's stages before event coding (segment, dates, mentions, quotes).
BEFORE_EVENTS = STAGES[:STAGES.index(code_events)]


def collect(gold_paths: list[Path], shared: Path) -> tuple[list[dict], list[dict]]:
    """(reports, articles): one row per asserted international report (features, label, article
    key, triple); one row per article (its gold triples and optional triples)."""
    rows: list[dict] = []
    arts: list[dict] = []
    for path in gold_paths:
        gold = [g for g in load_gold(path) if g.split == "dev"]
        texts = load_articles(gold, shared)
        for g in gold:
            required, optional = set(), set()
            for ev in g.events:
                t = triple(ev.get("source"), ev.get("type", ""), ev.get("target"))
                if t is None:
                    continue
                if ev.get("required") and ev.get("modality", "asserted") == "asserted":
                    required.add(t)
                elif not ev.get("required"):
                    optional.add(t)
            optional -= required
            key = f"{path.name}:{g.id}"
            arts.append({"key": key, "required": required, "optional": optional})
            article = texts[g.id]
            doc = Doc(article=article, text=article.text)
            for stage in BEFORE_EVENTS:
                stage(doc)
            evs = reports(doc)
            ctx = ArticleContext(doc, evs)
            for e in evs:
                if not scored(e) or e.modality != "asserted":
                    continue
                t = triple_key(e)
                if t in optional:
                    continue
                rows.append({"key": key, "triple": t, "label": int(t in required), "f": features(ctx, e),
                             "rule": e.rule})
    return rows, arts


def fit(X: np.ndarray, y: np.ndarray, penalty: float, iters: int = 50) -> np.ndarray:
    """L2-penalised logistic regression by Newton's method; column 0 is the (unpenalised) bias."""
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], penalty)
    reg[0] = 1e-6
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (p - y) + reg * w
        H = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg)
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fold_of(key: str, folds: int) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % folds


def triple_scores(rows: list[dict], scores: np.ndarray) -> dict[str, dict[tuple, float]]:
    out: dict[str, dict[tuple, float]] = defaultdict(dict)
    for r, s in zip(rows, scores):
        d = out[r["key"]]
        d[r["triple"]] = max(d.get(r["triple"], 0.0), float(s))
    return out


def prf(arts: list[dict], by_article: dict[str, dict[tuple, float]], threshold: float) -> tuple[float, float, float, int, int, int]:
    tp = fp = fn = 0
    for a in arts:
        kept = {t for t, s in by_article.get(a["key"], {}).items() if s >= threshold}
        tp += len(kept & a["required"])
        fp += len(kept - a["required"] - a["optional"])
        fn += len(a["required"] - kept)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, tp, fp, fn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--gold", type=Path, nargs="*")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--max-recall-loss", type=float, default=0.01,
                    help="recall (absolute) the threshold may cost on the cross-validated figures")
    ap.add_argument("--out", type=Path, default=REPO / "src/warta/lang/id/event_filter.tsv")
    ap.add_argument("--dump", type=Path, help="also write the feature rows (JSONL) here, for inspection")
    args = ap.parse_args()
    gold_paths = args.gold or sorted((REPO / "tests/gold").glob("events-dev*.jsonl"))
    rows, arts = collect(gold_paths, args.shared)
    names = sorted({k for r in rows for k in r["f"]})
    index = {n: i + 1 for i, n in enumerate(names)}
    X = np.zeros((len(rows), len(names) + 1))
    X[:, 0] = 1.0
    for i, r in enumerate(rows):
        for k, v in r["f"].items():
            X[i, index[k]] = v
    y = np.array([r["label"] for r in rows], dtype=float)
    folds = np.array([fold_of(r["key"], args.folds) for r in rows])
    base = prf(arts, triple_scores(rows, np.ones(len(rows))), 0.5)
    print(f"{len(arts)} articles, {len(rows)} reports ({int(y.sum())} of a required gold triple); "
          f"rules alone: P={base[0]:.3f} R={base[1]:.3f} F1={base[2]:.3f} (TP {base[3]} FP {base[4]} FN {base[5]})")
    best = None
    thresholds = [round(x, 2) for x in np.arange(0.05, 0.96, 0.05)]
    for pen in PENALTIES:
        oof = np.zeros(len(rows))
        for k in range(args.folds):
            train, test = folds != k, folds == k
            if test.any():
                w = fit(X[train], y[train], pen)
                oof[test] = 1.0 / (1.0 + np.exp(-np.clip(X[test] @ w, -30, 30)))
        by_article = triple_scores(rows, oof)
        for th in thresholds:
            p, r, f1, tp, fp, fn = prf(arts, by_article, th)
            ok = r >= base[1] - args.max_recall_loss
            if ok and (best is None or f1 > best[0] + 1e-9):
                best = (f1, pen, th, p, r, tp, fp, fn)
        curve = "  ".join(f"{th:.2f}:{prf(arts, by_article, th)[0]:.3f}/{prf(arts, by_article, th)[1]:.3f}"
                          for th in thresholds[::2])
        print(f"penalty {pen}: cross-validated P/R by threshold  {curve}")
    assert best is not None
    f1, pen, th, p, r, tp, fp, fn = best
    print(f"chosen: penalty {pen}, threshold {th}: cross-validated P={p:.3f} R={r:.3f} F1={f1:.3f} "
          f"(TP {tp} FP {fp} FN {fn})")
    w = fit(X, y, pen)
    lines = [
        "# Event filter weights (warta.analyse.event_filter): logistic regression over the features of",
        "# one event report; an event is kept when its best report scores at least `threshold`.",
        "# Built by scripts/train_event_filter.py from the development gold only (split dev of",
        f"# {', '.join(p.name for p in gold_paths)}): {len(arts)} articles, {len(rows)} reports.",
        f"# L2 penalty {pen}; threshold chosen by {args.folds}-fold cross-validation over articles.",
        f"# Rules alone: P={base[0]:.3f} R={base[1]:.3f} F1={base[2]:.3f}; with the filter, cross-validated:",
        f"# P={p:.3f} R={r:.3f} F1={f1:.3f}.",
        "# Format: feature<TAB>weight; `bias` is the intercept.",
        f"threshold\t{th}",
        f"bias\t{w[0]:.5f}",
    ]
    lines += [f"{n}\t{w[index[n]]:.5f}" for n in names if abs(w[index[n]]) >= 5e-6]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(lines)} lines)")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for r, s in zip(rows, 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))):
                f.write(json.dumps({"key": r["key"], "triple": r["triple"], "label": r["label"],
                                    "rule": r["rule"], "score": round(float(s), 4), "f": r["f"]}) + "\n")


if __name__ == "__main__":
    main()
