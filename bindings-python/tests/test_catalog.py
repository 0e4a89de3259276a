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


# ----- the list as officials keep it (issue 25) -----

COUNTY_CSV = (
    "附件1 ××县属地管理事项主体责任和配合责任清单\n"
    "（县编办发〔2025〕12号）\n"
    "序号,领域,事项名称,主责单位,配合单位,配合责任内容\n"
    "1.,自然资源,违法占用土地查处,县自然资源局,各乡镇（街道）,日常巡查、及时上报、协助执法\n"
    "2,,农村乱占耕地建房整治,住建局,属地乡镇,巡查，劝阻制止，文书送达\n"
)


def test_import_list_reads_the_officials_sheet(sample: huying.Catalog, tmp_path: Path) -> None:
    path = tmp_path / "county.csv"
    path.write_text(COUNTY_CSV, encoding="utf-8")
    got = huying.import_list(path, sample, effective=dt.date(2025, 7, 1))
    assert isinstance(got, huying.ImportedList) and "ImportedList(" in repr(got)
    c = got.catalog
    assert isinstance(c, huying.Catalog) and len(c) == 2
    m2 = c.matter("M002")
    assert m2 is not None
    assert m2["domain"] == "natural_resources"  # the empty 领域 continues
    assert m2["primary"]["holder"] == "U012"  # 住建局
    assert m2["supporting"][0] == {
        "holder": "territorial",
        "kinds": ["patrol", "dissuade"],
        "text_zh": "巡查，劝阻制止，文书送达",
    }
    assert c.to_dict()["reference"] == "县编办发〔2025〕12号"
    # The unknown phrase is a warning with its cell, kept in the text.
    [w] = got.problems
    assert isinstance(w, huying.Problem)
    assert (w.code, w.file, w.row, w.field) == ("catalog.unknown_duty", "county.csv", 5, "F5")
    assert "文书送达" in w.message("zh")
    assert any(g["cell"] == "D5" and g["text"] == "住建局" for g in got.guesses)
    assert (got.file, got.header_row, got.rows_read) == ("county.csv", 3, 2)
    assert "F5" in got.report("en") and "文书送达" in got.report()
    # The caller's reference wins; a path as str works too.
    again = huying.import_list(str(path), sample, effective=dt.date(2025, 7, 1), reference="X〔2025〕1号")
    assert again.catalog.to_dict()["reference"] == "X〔2025〕1号"


def test_import_list_errors_name_the_cells(sample: huying.Catalog, tmp_path: Path) -> None:
    path = tmp_path / "county.csv"
    path.write_text(COUNTY_CSV.replace("住建局", "县住建委"), encoding="utf-8")
    with pytest.raises(huying.CatalogValidationError) as info:
        huying.import_list(path, sample, effective=dt.date(2025, 7, 1))
    [p] = info.value.problems
    assert (p.code, p.field, p.row) == ("catalog.unknown_unit", "D5", 5)
    assert "县住建委" in p.message_zh and "县住建局" in p.message_zh
    assert isinstance(info.value, ValueError) and info.value.code == "catalog.invalid"
    # A workbook without a units sheet, and no units given.
    with pytest.raises(huying.CatalogValidationError) as info:
        huying.import_list(path, effective=dt.date(2025, 7, 1))
    assert info.value.problems[0].code == "catalog.parse"
    with pytest.raises(huying.CatalogReadError):
        huying.import_list(tmp_path / "none.xlsx", sample, effective=dt.date(2025, 7, 1))
    with pytest.raises(huying.CatalogReadError):
        huying.import_list(path, tmp_path / "no-units.xlsx", effective=dt.date(2025, 7, 1))
    with pytest.raises(TypeError):
        huying.import_list(path, 42, effective=dt.date(2025, 7, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        huying.import_list(path, sample)  # type: ignore[call-arg]


def test_to_xlsx_round_trips_through_import_list(sample: huying.Catalog, tmp_path: Path) -> None:
    book = sample.to_xlsx()
    assert book[:2] == b"PK"
    path = tmp_path / "list.xlsx"
    path.write_bytes(book)
    # The workbook carries its units (sheet 单位) and its reference.
    got = huying.import_list(path, effective=dt.date(2026, 3, 1))
    assert got.problems == []
    assert got.catalog.matters() == sample.matters()
    assert got.catalog.units() == sample.units()
    assert got.catalog.to_dict()["reference"] == sample.edition()["reference"]
    # A units sheet of its own (the same workbook's 单位) serves as well.
    csv = tmp_path / "county.csv"
    csv.write_text(COUNTY_CSV, encoding="utf-8")
    by_file = huying.import_list(csv, path, effective=dt.date(2025, 7, 1))
    assert by_file.catalog.matter("M001")["primary"]["holder"] == "U010"  # type: ignore[index]


def test_import_list_reads_a_workbook_made_by_openpyxl(sample: huying.Catalog, tmp_path: Path) -> None:
    """Another writer's workbook: merged title and 领域, a header of two rows."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件1"
    ws.append(["××县属地管理事项清单"])
    ws.append(["序号", "领域", "事项名称", "主体责任", None, "配合责任", None])
    ws.append([None, None, None, "单位", "内容", "单位", "内容"])
    ws.append([1, "自然资源", "违法占用土地查处", "县自然资源局", "查处", "各乡镇（街道）", "巡查、上报"])
    ws.append([2, None, "非法采矿查处", "县自然资源局", "查处", "乡镇（街道）\n县公安局", "巡查\n协助执法"])
    for cells in ["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2", "B4:B5"]:
        ws.merge_cells(cells)
    path = tmp_path / "county.xlsx"
    wb.save(path)
    got = huying.import_list(path, sample, effective=dt.date(2025, 7, 1))
    assert got.header_row == 2 and got.rows_read == 2
    m2 = got.catalog.matter("M002")
    assert m2 is not None and m2["domain"] == "natural_resources"
    assert [s["holder"] for s in m2["supporting"]] == ["territorial", "U018"]
    assert [s["kinds"] for s in m2["supporting"]] == [["patrol"], ["assist_enforcement"]]
    assert got.catalog.to_dict()["title_zh"] == "××县属地管理事项清单"
