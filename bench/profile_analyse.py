"""Where the analysis spends its time: a sampling profile (pyinstrument) of ``warta.analyse.analyse``
over a corpus, in one process, printed as three tables:

- stages: share of the time under each analyser stage (``pipeline.STAGES``) and the rest;
- hot spots by own time: the functions (file:function) whose own code runs the most;
- hot spots by total time: the warta functions with the most time under them.

    .venv/bin/python bench/profile_analyse.py [CORPUS.jsonl …] [--limit N] [--top 25] [--html OUT.html]

Default corpus: ../shared/corpus/kompas-2025.jsonl. A development tool, not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SHARED  # noqa: E402


def _name(frame) -> str:
    path = frame.file_path or ""
    if "/warta/" in path:
        path = "warta/" + path.rsplit("/warta/", 1)[1]
    elif "site-packages/" in path:
        path = path.rsplit("site-packages/", 1)[1]
    elif "/lib/python" in path:
        path = "stdlib/" + path.rsplit("/", 1)[-1]
    return f"{path}:{frame.line_no}:{frame.function}" if path.startswith("warta/") else f"{path}:{frame.function}"


def walk(frame, own: dict, total: dict, stage_time: dict, stage: str | None, seen: tuple = ()) -> None:
    if frame.is_synthetic:  # "[self]" leaves: already in their parent's total_self_time
        return
    name = _name(frame)
    if frame.function in STAGE_NAMES and name.startswith("warta/analyse"):
        stage = name
    own[name] += frame.total_self_time
    if name not in seen:  # recursion counts once
        total[name] += frame.time
        seen = seen + (name,)
    if stage is not None:
        stage_time[stage] += frame.total_self_time
    for child in frame.children:
        walk(child, own, total, stage_time, stage, seen)


STAGE_NAMES: set[str] = set()


def main() -> int:
    from pyinstrument import Profiler

    from warta.analyse import analyse, pipeline
    from warta.ingest import read_articles
    from warta.model import Article
    from warta.run import warm

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[SHARED / "corpus" / "kompas-2025.jsonl"])
    parser.add_argument("--limit", type=int, default=0, help="profile only the first N articles")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    args = parser.parse_args()
    for path in args.corpus:
        if not path.exists():
            print(f"skipped: needs {path} (the development data in ../shared)")
            return 0

    STAGE_NAMES.update(stage.__name__ for stage in pipeline.STAGES)
    articles = [a for a in read_articles(args.corpus) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    warm()
    profiler = Profiler(interval=0.0005)
    started, cpu = time.perf_counter(), time.process_time()
    profiler.start()
    for a in articles:
        analyse(a)
    profiler.stop()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    session = profiler.last_session
    root = session.root_frame()
    own: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    stages: dict[str, float] = defaultdict(float)
    walk(root, own, total, stages, None)
    whole = root.time or 1e-9
    print(f"{len(articles):,} articles in {wall:.1f} s wall, {cpu:.1f} CPU-s "
          f"({cpu * 1000 / len(articles):.2f} CPU-ms/article, profiler overhead included)\n")
    print("stage (time under it)                                   share")
    for name, t in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<54} {100 * t / whole:5.1f}%")
    print(f"  {'(outside the stages)':<54} {100 * (whole - sum(stages.values())) / whole:5.1f}%")
    print(f"\nhot spots by own time (top {args.top})                      share")
    for name, t in sorted(own.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {name:<70} {100 * t / whole:5.1f}%")
    print(f"\nwarta functions by total time (top {args.top})              share")
    ours = [(n, t) for n, t in total.items() if n.startswith("warta/")]
    for name, t in sorted(ours, key=lambda kv: -kv[1])[: args.top]:
        print(f"  {name:<70} {100 * t / whole:5.1f}%")
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"\nHTML report: {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
