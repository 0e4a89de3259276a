// The responsibility list from JavaScript.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Catalog, CallPolicy } from "huying";
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
