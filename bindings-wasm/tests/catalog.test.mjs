// The responsibility list from JavaScript.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Catalog, CallPolicy, importList } from "huying";
import { throwsCoded, t } from "./helpers.mjs";

const list = Catalog.sample();

test("the sample list: units, townships, the command centre", () => {
  assert.equal(list.commandCentre.id, "U008");
  assert.equal(list.commandCentre.kind, "platform");
  assert.ok(list.townships().length >= 10);
  assert.ok(list.townships().every((u) => u.kind === "township" || u.kind === "street_office"));
  const town = list.unit("U068");
  assert.equal(town.nameZh, "夏津县南城镇");
  assert.equal(list.unit("U999"), null);
});

test("91 matters in the original list, 8 of them territorial; the revision adds one", () => {
  const original = list.matters(t("2025-12-01 10:00"));
  assert.equal(original.length, 91);
  assert.equal(original.filter((m) => m.territorial).length, 8);
  const editions = list.editions();
  assert.ok(editions.length >= 2);
  assert.equal(editions[0].matters, 91);
  assert.ok(editions.at(-1).start instanceof Date);
  assert.match(editions.at(-1).effective, /^\d{4}-\d{2}-\d{2}$/);
});

test("resolve: the department's stationed agency in that township answers", () => {
  const r = list.resolve("M001", "U068", t("2026-03-10 09:00"));
  assert.equal(r.primary.id, "U053@U068");
  assert.equal(r.primary.nameZh, "夏津县南城镇自然资源所");
  assert.equal(r.primary.kind, "stationed_agency");
  assert.equal(r.department.id, "U010");
  assert.equal(r.township.id, "U068");
  assert.equal(r.matter.id, "M001");
  assert.deepEqual(r.matter.limits, { dispatch: "30m", arrival: "3h", reply: "3wd" });
  assert.ok(r.supporting.some((s) => s.unit.id === "U068" && s.kinds.includes("patrol")));
});

test("resolve: a territorial matter is the township's own", () => {
  const r = list.resolve("M019", "U068", t("2025-12-01 10:00"));
  assert.equal(r.primary.id, "U068");
  assert.equal(r.department, null);
});

test("resolve refuses unknown matters and non-townships with coded errors", () => {
  throwsCoded(() => list.resolve("M999", "U068", t("2025-12-01 10:00")), "CatalogLookupError", "catalog.unknown_matter");
  throwsCoded(() => list.resolve("M001", "U010", t("2025-12-01 10:00")), "CatalogUsageError", "catalog.not_a_township");
  throwsCoded(() => list.resolve("M001", "U999", t("2025-12-01 10:00")), "CatalogLookupError", "catalog.unknown_unit");
  throwsCoded(() => list.resolve("M001", "U068", t("2000-01-01 10:00")), "CatalogLookupError", "catalog.before_list");
});

test("search finds matters by keyword", () => {
  const found = list.search("STRAW");
  assert.equal(found.length, 1);
  assert.equal(found[0].territorial, true);
});

test("fromJson round-trips toJson and reports every problem in details", () => {
  const copy = Catalog.fromJson(list.toJson());
  assert.equal(copy.matters().length, list.matters().length);
  const bad = list.toJson().replace('"holder": "U010"', '"holder": "U999"');
  assert.throws(
    () => Catalog.fromJson(bad, "county.json"),
    (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.name, "CatalogValidationError");
      assert.equal(e.code, "catalog.invalid");
      assert.ok(Array.isArray(e.details) && e.details.length >= 1);
      const p = e.details[0];
      assert.equal(p.code, "catalog.unknown_unit");
      assert.equal(p.file, "county.json");
      assert.match(p.field, /primary\.holder/);
      assert.match(p.messageZh, /U999/);
      assert.equal(typeof p.messageEn, "string");
      return true;
    },
  );
  throwsCoded(() => Catalog.fromJson("{"), "CatalogValidationError", "catalog.invalid");
});

test("CallPolicy.fromCatalog names the command centre and takes the matters' own limits", () => {
  const p = CallPolicy.fromCatalog(list, t("2025-12-01 10:00"));
  assert.equal(p.limit("arrival", "M059"), "1h");
  throwsCoded(() => CallPolicy.fromCatalog(list, t("2000-01-01 10:00")), "CatalogLookupError", "catalog.before_list");
  assert.equal(p.commandCentre, "U008");
  assert.equal(p.limit("reply"), "3wd");
  assert.equal(p.limit("dispatch", "M001"), "30m");
});

test("the same list from JSON, CSV, TSV and an XLSX workbook", async () => {
  const { readFileSync, existsSync } = await import("node:fs");
  const dir = new URL("../../core/tests/data/catalog/", import.meta.url);
  const text = (p) => readFileSync(new URL(p, dir), "utf8");
  const tables = (ext) => {
    const revisions = new URL(`${ext}/revisions.${ext}`, dir);
    return [text(`${ext}/list.${ext}`), text(`${ext}/units.${ext}`), text(`${ext}/matters.${ext}`), existsSync(revisions) ? text(`${ext}/revisions.${ext}`) : undefined];
  };
  const json = Catalog.fromJson(text("small.json"), "small.json").toJson();
  assert.equal(Catalog.fromCsv(...tables("csv")).toJson(), json);
  assert.equal(Catalog.fromTsv(...tables("tsv")).toJson(), json);
  const book = new Uint8Array(readFileSync(new URL("small.xlsx", dir)));
  assert.equal(Catalog.fromXlsx(book, "small.xlsx").toJson(), json);
});

test("a bad table names its file and row", () => {
  const list = "key,value\nid,T\nreference,R1\neffective,2025-01-01\ncommand_centre,CC\n";
  const units = "id,name_zh,name_en,level,kind\nCC,指挥中心,Command centre,county,platform\nCC,重复,Again,county,platform\n";
  const matters = "id,domain,name_zh,primary,supporting\n";
  const caught = (fn) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    assert.fail("no error thrown");
  };
  const err = caught(() => Catalog.fromCsv(list, units, matters));
  assert.ok(err instanceof Error);
  assert.equal(err.name, "CatalogValidationError");
  assert.equal(err.code, "catalog.invalid");
  assert.ok(err.details.some((p) => p.file === "units.csv" && p.row === 3 && p.code === "catalog.duplicate_id"), JSON.stringify(err.details));
  const bad = caught(() => Catalog.fromXlsx(new Uint8Array([1, 2, 3])));
  assert.equal(bad.name, "CatalogValidationError");
  assert.ok(bad.details.some((p) => p.file === "list.xlsx"), JSON.stringify(bad.details));
});

// The list as officials keep it (issue 25): a Chinese sheet, units by name.
const COUNTY_CSV =
  "附件1 ××县属地管理事项主体责任和配合责任清单\n" +
  "（县编办发〔2025〕12号）\n" +
  "序号,领域,事项名称,主责单位,配合单位,配合责任内容\n" +
  "1.,自然资源,违法占用土地查处,县自然资源局,各乡镇（街道）,日常巡查、及时上报、协助执法\n" +
  "2,,农村乱占耕地建房整治,住建局,属地乡镇,巡查，劝阻制止，文书送达\n";
const bytes = (text) => new TextEncoder().encode(text);

test("importList reads the officials' sheet: units by name, warnings with their cells", () => {
  const got = importList(bytes(COUNTY_CSV), { effective: "2025-07-01", units: list, file: "county.csv" });
  assert.equal(got.file, "county.csv");
  assert.equal(got.headerRow, 3);
  assert.equal(got.rowsRead, 2);
  const m = got.catalog.matter("M002");
  assert.equal(m.domain, "natural_resources"); // the empty 领域 continues
  assert.equal(m.primary.holder, "U012"); // 住建局
  assert.equal(m.supporting[0].holder, "territorial");
  assert.deepEqual(m.supporting[0].kinds, ["patrol", "dissuade"]);
  assert.equal(m.supporting[0].textZh, "巡查，劝阻制止，文书送达");
  assert.equal(got.problems.length, 1);
  assert.deepEqual(
    [got.problems[0].code, got.problems[0].row, got.problems[0].field],
    ["catalog.unknown_duty", 5, "F5"],
  );
  assert.ok(got.guesses.some((g) => g.cell === "D5" && g.text === "住建局"));
  assert.equal(got.catalog.editions()[0].reference, "县编办发〔2025〕12号");
  assert.match(got.reportZh, /F5/);
  // The list whose units were used is still the caller's.
  assert.equal(list.commandCentre.id, "U008");
  const other = importList(bytes(COUNTY_CSV), { effective: new Date("2025-07-01T00:00:00+08:00"), units: list, reference: "X〔2025〕1号" });
  assert.equal(other.catalog.editions()[0].reference, "X〔2025〕1号");
});

test("importList errors name the cells; bad options are TypeErrors", () => {
  const bad = bytes(COUNTY_CSV.replace("住建局", "县住建委"));
  throwsCoded(() => importList(bad, { effective: "2025-07-01", units: list }), "CatalogValidationError", "catalog.invalid");
  try {
    importList(bad, { effective: "2025-07-01", units: list });
  } catch (e) {
    assert.equal(e.details[0].code, "catalog.unknown_unit");
    assert.equal(e.details[0].field, "D5");
    assert.match(e.details[0].messageZh, /县住建局/);
  }
  throwsCoded(() => importList(bytes(COUNTY_CSV), { effective: "2025-07-01" }), "CatalogValidationError", "catalog.invalid");
  throwsCoded(() => importList(bytes(COUNTY_CSV), { units: list }), "InputError", "input.bad_date", TypeError);
  throwsCoded(() => importList(bytes(COUNTY_CSV), { effective: "2025-07-01", units: 42 }), "InputError", "input.bad_units", TypeError);
});
