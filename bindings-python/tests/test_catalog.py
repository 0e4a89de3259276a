"""The responsibility list: loading (JSON, CSV, TSV, XLSX), validation
problems with file/row/field, queries as of an instant."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import huying
from conftest import CHINA

MARCH = dt.datetime(2026, 3, 10, 9, 0, tzinfo=CHINA)


@pytest.fixture(scope="module")
def sample() -> huying.Catalog:
    return huying.Catalog.sample()


def test_sample(sample: huying.Catalog) -> None:
    assert len(sample) == 92
    assert "Catalog(" in repr(sample)
    units = sample.units()
    assert isinstance(units, list) and all(isinstance(u, dict) for u in units)
    u = sample.unit("U010")
    assert u is not None and u["id"] == "U010"
    assert sample.unit("nope") is None
    assert all(t["id"] for t in sample.townships())
    eds = sample.editions()
    assert len(eds) == 2 and isinstance(eds[0]["effective"], dt.date)
    assert eds[1]["start"].utcoffset() == dt.timedelta(hours=8)
    assert sample.edition(MARCH)["township_primary"] == 9
    assert sample.edition()["id"] == eds[-1]["id"]
    matters = sample.matters(MARCH)
    assert any(m["id"] == "M001" for m in matters)
    m = sample.matter("M001")
    assert m is not None and m["id"] == "M001"
    assert sample.matter("M999") is None
    assert isinstance(sample.search("占地"), list)
    assert sample.to_dict()["units"] == units
    assert json.loads(sample.to_json()) == sample.to_dict()
    assert "M001" in sample.matrix_csv(lang="en")


def test_resolve_and_accountable(sample: huying.Catalog) -> None:
    r = sample.resolve("M001", "U068", MARCH)
    assert r["primary"]["id"] == "U053@U068"
    assert r["primary"]["name_zh"] == "夏津县南城镇自然资源所"
    assert r["township"]["id"] == "U068"
    assert isinstance(r["supporting"], list) and r["edition"]
    a = sample.accountable("M001", "U068", "dispatch", MARCH)
    assert a["units"][0]["id"] == "U008"
    assert a["explain_zh"] and a["explain_en"] and a["breach"] == "stage:dispatch"
    with pytest.raises(ValueError, match="stage"):
        sample.accountable("M001", "U068", "lunch", MARCH)
    with pytest.raises(huying.CatalogLookupError) as e:
        sample.resolve("M999", "U068", MARCH)
    assert e.value.code == "catalog.unknown_matter" and isinstance(e.value, LookupError)
    with pytest.raises(huying.CatalogUsageError) as e2:
        sample.resolve("M001", "U010", MARCH)
    assert e2.value.code == "catalog.not_a_township"
    with pytest.raises(huying.CatalogLookupError) as e3:
        sample.resolve("M001", "U068", dt.datetime(2000, 1, 1))
    assert e3.value.code == "catalog.before_list"


def test_admit_diff_history(sample: huying.Catalog) -> None:
    a = sample.admit("U010", "U068", "patrol", MARCH, matter="M001")
    assert a["decision"] in {"admitted", "refused", "needs_approval"}
    assert a["duty"] == "patrol"
    with pytest.raises(ValueError):
        sample.admit("U010", "U068", "dance", MARCH)
    eds = [e["id"] for e in sample.editions()]
    assert isinstance(sample.diff(eds[0], eds[1], "en"), str)
    with pytest.raises(huying.CatalogLookupError):
        sample.diff(eds[0], "nope")
    h = sample.history("M001")
    assert h and h[0]["event"] and h[0]["matter"]["id"] == "M001"


def test_load_json_csv_tsv(sample: huying.Catalog, tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(sample.to_json(), encoding="utf-8")
    assert huying.Catalog.load(tmp_path / "list.json").to_dict() == sample.to_dict()
    assert huying.Catalog.load(str(tmp_path / "list.json")).to_dict() == sample.to_dict()
    for ext, delim in (("csv", ","), ("tsv", "\t")):
        folder = tmp_path / ext
        folder.mkdir()
        for name, text in sample.to_tables(delim).items():  # type: ignore[arg-type]
            (folder / f"{name}.{ext}").write_text(text, encoding="utf-8")
        assert huying.Catalog.load(folder).to_dict() == sample.to_dict()
        assert huying.Catalog.load(folder / f"matters.{ext}").to_dict() == sample.to_dict()
    t = sample.to_tables()
    assert huying.Catalog.from_csv(t["list"], t["units"], t["matters"], t["revisions"]).to_dict() == sample.to_dict()
    t2 = sample.to_tables("\t")
    assert huying.Catalog.from_tsv(t2["list"], t2["units"], t2["matters"], t2["revisions"]).to_dict() == sample.to_dict()
    assert huying.Catalog.from_json(sample.to_json()).to_dict() == sample.to_dict()
    with pytest.raises(ValueError, match="delimiter"):
        sample.to_tables(";")  # type: ignore[arg-type]
    with pytest.raises(OSError) as info:
        huying.Catalog.load(tmp_path / "missing.json")
    assert isinstance(info.value, huying.CatalogReadError) and info.value.code == "catalog.read"


def test_load_xlsx(sample: huying.Catalog, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import csv
    import io

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, text in sample.to_tables().items():
        ws = wb.create_sheet(name)
        for row in csv.reader(io.StringIO(text)):
            ws.append(row)
    path = tmp_path / "list.xlsx"
    wb.save(path)
    loaded = huying.Catalog.load(path)
    assert loaded.to_dict() == sample.to_dict()
    assert huying.Catalog.from_xlsx(path.read_bytes()).to_dict() == sample.to_dict()


def test_validation_problems(sample: huying.Catalog) -> None:
    text = sample.to_json().replace('"holder": "U010"', '"holder": "U999"')
    with pytest.raises(huying.CatalogValidationError) as e:
        huying.Catalog.from_json(text, "list.json")
    err = e.value
    assert err.code == "catalog.invalid" and isinstance(err, ValueError)
    p = err.problems[0]
    assert isinstance(p, huying.Problem)
    assert (p.code, p.file, p.field) == ("catalog.unknown_unit", "list.json", "matters[0].primary.holder")
    assert "U999" in p.message("zh") and p.message_en and p.message_zh == p.message()
    assert "U999" in str(p) and "catalog.unknown_unit" in repr(p)
    t = sample.to_tables()
    units = t["units"].replace(",U010,U068", ",U999,U068")
    with pytest.raises(huying.CatalogValidationError) as e2:
        huying.Catalog.from_csv(t["list"], units, t["matters"], t["revisions"])
    p2 = e2.value.problems[0]
    assert (p2.code, p2.file, p2.field) == ("catalog.unknown_department", "units.csv", "department")
    assert isinstance(p2.row, int) and p2.row > 1
    with pytest.raises(huying.CatalogValidationError) as e3:
        huying.Catalog.from_xlsx(b"not a workbook")
    assert e3.value.problems[0].code == "catalog.parse"
    with pytest.raises(huying.CatalogValidationError):
        huying.Catalog.from_json("{")
