"""``warta relations``: the terminal table, JSON, and the chart as self-contained HTML or PNG; the
Vega-Lite spec it draws is valid against the schema altair carries."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from test_api_fixture import world_db  # noqa: F401  (fixture)
from warta.api.chart import Relations, chart_data, count_ticks, timeline, vega_lite_spec
from warta.cli import app
from warta.errors import InputError

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["relations", *args], catch_exceptions=True)


def test_table_per_day_both_directions(world_db: Path) -> None:  # noqa: F811
    r = run("RUS", "chn", "--db", str(world_db))
    assert r.exit_code == 0, r.output
    out = r.output
    assert "Relasi RUS – CHN · per hari" in out and "RUS→CHN" in out and "CHN→RUS" in out
    rows = {line.split()[0] + " " + line.split()[1]: line for line in out.splitlines()
            if re.match(r"\s*\d{1,2} Mei 2023", line)}
    assert list(rows) == ["10 Mei", "24 Mei", "25 Mei"]
    assert "+9,0" in rows["24 Mei"] and "+3,4" in rows["25 Mei"] and "+1,0" in rows["10 Mei"]
    total = next(line for line in out.splitlines() if line.strip().startswith("Jumlah"))
    assert total.split()[1:] == ["2", "2", "0", "0", "0", "+9,0", "2", "2", "0", "0", "0", "+4,4"]
    assert "Q4 konflik material" in out


def test_json_by_month_with_every_modality(world_db: Path) -> None:  # noqa: F811
    r = run("RUS", "CHN", "--by", "month", "--modality", "all", "--json", "--db", str(world_db))
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [(x["period"], x["direction"], x["events"]) for x in data["rows"]] == [
        ("2023-05-01", "AB", 2), ("2023-05-01", "BA", 3)]
    assert data["totals"]["BA"]["q1"] == 3


def test_date_window(world_db: Path) -> None:  # noqa: F811
    r = run("RUS", "CHN", "--from", "2023-05-11", "--to", "2023-05-24", "--json", "--db", str(world_db))
    assert [x["period"] for x in json.loads(r.output)["rows"]] == ["2023-05-24"]
    r = run("RUS", "IDN", "--db", str(world_db))
    assert r.exit_code == 0 and "no asserted events between RUS and IDN" in r.output


def test_chart_html_is_self_contained(world_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "rus-chn.html"
    r = run("RUS", "CHN", "--chart", str(out), "--db", str(world_db))
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    assert "<script src" not in html and "cdn" not in html.lower()
    assert html.count("<script>") == 4  # vega, vega-lite, vega-embed inlined, and the embed call
    assert 'version="6.4.0"' in html or "6.4.0" in html  # the vendored Vega build
    spec = json.loads(re.search(r'<script type="application/json" id="chart-spec">(.*?)</script>', html, re.S).group(1))
    assert spec["title"] == "Relasi RUS – CHN"


def test_chart_png(world_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "rus-chn.png"
    r = run("RUS", "CHN", "--chart", str(out), "--db", str(world_db))
    try:
        import vl_convert  # noqa: F401
    except ImportError:
        assert isinstance(r.exception, Exception) and "vl-convert-python" in str(r.exception)
        return
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


@pytest.mark.parametrize("args,message", [
    (["RUS", "R-S"], "not a country key"),
    (["RUS", "CHN", "--from", "2023-05-30", "--to", "2023-05-01"], "after"),
    (["RUS", "CHN", "--chart", "out.svg"], "write .html or .png"),
])
def test_bad_input_is_a_clear_error(world_db: Path, args: list[str], message: str) -> None:  # noqa: F811
    r = run(*args, "--db", str(world_db))
    assert isinstance(r.exception, InputError) and message in str(r.exception)


@pytest.mark.parametrize("args", [["--by", "week"], ["--modality", "maybe"], ["--from", "2023-13-01"]])
def test_bad_options_are_usage_errors(world_db: Path, args: list[str]) -> None:  # noqa: F811
    r = run("RUS", "CHN", *args, "--db", str(world_db))
    assert r.exit_code == 2 and "Invalid value" in r.output


def test_errors_reach_the_user_as_one_line(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "warta.cli", "relations", "RUS", "CHN", "--db",
                           str(tmp_path / "none.duckdb")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "error: no database at" in proc.stderr and "Traceback" not in proc.stderr


def test_spec_is_valid_vega_lite_and_spans_the_window(world_db: Path) -> None:  # noqa: F811
    from datetime import date

    from warta.store import open_store, queries

    con = open_store(world_db, read_only=True)
    try:
        rows = queries.relations(con, "RUS", "CHN", date(2023, 5, 1), date(2023, 5, 31))
    finally:
        con.close()
    rel = Relations("RUS", "CHN", "day", rows, date(2023, 5, 1), date(2023, 5, 31))
    spec = vega_lite_spec(rel, validate=True)  # altair checks it against the Vega-Lite schema
    assert len(spec["vconcat"]) == 2
    periods = timeline(rel)
    assert (periods[0], periods[-1], len(periods)) == (date(2023, 5, 1), date(2023, 5, 31), 31)
    gold, counts = chart_data(rel)
    assert len(gold) == 62 and sum(g["goldstein"] for g in gold) == pytest.approx(13.4)
    assert sum(c["n"] for c in counts) == 4
    assert count_ticks(counts) == [0, 1, 2]
    month = Relations("RUS", "CHN", "month", [{**r, "period": r["period"].replace(day=1)} for r in rows])
    assert timeline(month) == [date(2023, 5, 1)]
