"""``make bench``: run every ``bench/bench_*.py`` (or those named) and print their figures.

    .venv/bin/python bench/run.py [NAME …] [--json] [--quick]

Each benchmark runs in its own process so its peak memory is its own; results are also written
to ``bench/results/<name>.json`` (not committed).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from common import Skip  # noqa: E402


def discover() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in BENCH.glob("bench_*.py"))


def run_one(name: str) -> dict:
    """Run benchmark ``name`` in this process: {"name", "title", "figures" | "skipped", "seconds"}."""
    module = importlib.import_module(f"bench_{name}")
    started = time.perf_counter()
    result: dict = {"name": name, "title": getattr(module, "TITLE", name)}
    try:
        result["figures"] = [f.to_dict() for f in module.run()]
    except Skip as e:
        result["skipped"] = str(e)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def show(result: dict) -> None:
    print(f"\n== {result['name']}: {result['title']}  ({result['seconds']} s)")
    if "skipped" in result:
        print(f"   skipped: {result['skipped']}")
        return
    width = max((len(f["name"]) for f in result["figures"]), default=10)
    for f in result["figures"]:
        value = f"{f['value']:,.1f}" if isinstance(f["value"], float) else (
            f"{f['value']:,}" if isinstance(f["value"], int) else str(f["value"]))
        note = f"   ({f['note']})" if f["note"] else ""
        print(f"   {f['name']:<{width}}  {value:>12} {f['unit']}{note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(discover())})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON lines")
    parser.add_argument("--quick", action="store_true",
                        help="skip the long scenarios (e.g. the 100,000-article stream); sets WARTA_BENCH_QUICK=1")
    parser.add_argument("--in-process", metavar="NAME", help=argparse.SUPPRESS)  # used by the runner itself
    args = parser.parse_args()
    if args.in_process:
        print(json.dumps(run_one(args.in_process)))
        return 0
    import os
    import subprocess

    if args.quick:
        os.environ["WARTA_BENCH_QUICK"] = "1"
    names = args.names or discover()
    unknown = set(names) - set(discover())
    if unknown:
        parser.error(f"no such benchmark: {', '.join(sorted(unknown))} (have: {', '.join(discover())})")
    (BENCH / "results").mkdir(exist_ok=True)
    failed = 0
    for name in names:
        done = subprocess.run([sys.executable, __file__, "--in-process", name], capture_output=True, text=True)
        if done.returncode != 0:
            failed += 1
            print(f"\n== {name}: FAILED\n{done.stderr[-3000:]}", file=sys.stderr)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        (BENCH / "results" / f"{name}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            show(result)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
