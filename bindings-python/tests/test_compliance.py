"""Compliance reports over event logs: paths, events, grouping, records and
DataFrames, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import huying
from conftest import CHINA
from test_call import LOG


@pytest.fixture(scope="module")
def year_log() -> str:
    return huying.generate_log(calls=300, seed=6)


@pytest.fixture(scope="module")
def sample() -> huying.Catalog:
    return huying.Catalog.sample()


def test_generate_log(year_log: str) -> None:
    lines = year_log.splitlines()
    assert len(lines) > 300 and json.loads(lines[0])["type"] == "raised"
    assert huying.generate_log(calls=300, seed=6) == year_log  # deterministic
    csv = huying.generate_log(calls=20, format="csv")
    assert csv.splitlines()[0].startswith("line") or "," in csv.splitlines()[0]
    with pytest.raises(ValueError, match="format"):
        huying.generate_log(format="xml")  # type: ignore[arg-type]
    with pytest.raises(huying.ReportConfigError) as e:
        huying.generate_log(start=dt.date(2025, 1, 1))
    assert e.value.code == "compliance.generator"


def test_report_from_path_by_department(year_log: str, sample: huying.Catalog, tmp_path: Path) -> None:
    path = tmp_path / "calls.jsonl"
    path.write_text(year_log, encoding="utf-8")
    report = huying.compliance_report(str(path), catalog=sample, by=["department"])
    assert report.total["calls"] == 300 and report.by == ["department"]
    assert report.input["skipped"] == 0
    assert report.as_of is not None and report.as_of.utcoffset() == dt.timedelta(hours=8)
    groups = report.groups
    assert groups and all(g["key"][0]["id"] for g in groups)
    due = report.total["stages"]["reply"]["status"]
    assert sum(g["stages"]["reply"]["status"]["met"] for g in groups) == due["met"]
    assert "部门考核评价" in report.to_text() and report.to_text("en")
    assert report.to_csv().startswith("row,department,department_name,calls,")
    assert report.ranking_csv("en")
    assert json.loads(report.to_json())["total"]["calls"] == 300
    assert report.to_dict()["total"]["calls"] == 300
    assert isinstance(report.evaluation, dict) and isinstance(report.accountability, list)
    assert "Report(calls=300" in repr(report)
    # A pathlib.Path works too, and so does a CSV log.
    assert huying.compliance_report(path, catalog=sample).total["calls"] == 300
    csv_path = tmp_path / "calls.csv"
    csv_path.write_text(huying.generate_log(calls=300, seed=6, format="csv"), encoding="utf-8")
    assert huying.compliance_report(csv_path, catalog=sample, by="department").to_csv() == report.to_csv()


def test_records_and_dataframes(year_log: str, sample: huying.Catalog) -> None:
    report = huying.compliance_report(year_log.splitlines(), catalog=sample, by=["department", "month"])
    records = report.to_records()
    assert records[0]["row"] == "total" and records[1]["row"] == "group"
    assert all(isinstance(r["department"], str) for r in records[1:])
    assert all(isinstance(r["month"], str) for r in records[1:])
    assert isinstance(records[0]["calls"], int)
    rates = [r["on_time_rate"] for r in records if r["on_time_rate"] is not None]
    assert rates and all(isinstance(x, float) and 0 <= x <= 1 for x in rates)
    # Full precision, as in the report itself (the CSV rounds to four decimals).
    total = json.loads(report.to_json())["total"]
    assert records[0]["on_time_rate"] == total["on_time_rate"]
    assert records[0]["reply_median_secs"] == total["stages"]["reply"]["median_secs"]
    pd = pytest.importorskip("pandas")
    df = report.to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == len(records)
    assert list(df.columns)[:5] == ["row", "department", "department_name", "month", "month_name"]
    pl = pytest.importorskip("polars")
    pdf = report.to_polars("zh")
    assert isinstance(pdf, pl.DataFrame) and pdf.height == len(records)


def test_report_from_events(cal: huying.Calendar) -> None:
    events = [json.loads(line) for line in LOG.splitlines()]
    events[0]["at"] = dt.datetime(2025, 6, 3, 9, 0, tzinfo=CHINA)  # datetimes are accepted
    report = huying.compliance_report(events, as_of=dt.datetime(2025, 6, 10, 9, 0))
    assert report.total["calls"] == 1
    assert report.as_of == dt.datetime(2025, 6, 10, 9, 0, tzinfo=CHINA)
    assert huying.compliance_report([]).total["calls"] == 0


def test_bad_lines_skip_or_fail(sample: huying.Catalog) -> None:
    lines = LOG.splitlines() + ["{not json"]
    report = huying.compliance_report(lines, catalog=sample)
    assert report.input["skipped"] == 1 and report.input["bad_lines"][0]["line"] == 5
    with pytest.raises(huying.LogLineError) as e:
        huying.compliance_report(lines, catalog=sample, on_error="fail")
    err = e.value
    assert err.code == "compliance.bad_line" and err.line == 5  # type: ignore[attr-defined]
    assert err.kind == "unreadable"  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="error mode"):
        huying.compliance_report(lines, on_error="ignore")  # type: ignore[arg-type]


def test_argument_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dimension"):
        huying.compliance_report([], by=["colour"])
    with pytest.raises(TypeError):
        huying.compliance_report([], by=3)  # type: ignore[arg-type]
    with pytest.raises(huying.ReportConfigError) as e:
        huying.compliance_report([], by="matter,matter")
    assert e.value.code == "compliance.config"
    with pytest.raises(OSError):
        huying.compliance_report(tmp_path / "missing.jsonl")
    with pytest.raises(TypeError):
        huying.compliance_report([42])  # type: ignore[list-item]
