// The shared test vectors in tests/vectors/ (repository root), which the Rust
// tests (core/tests/vectors.rs) and the Python binding run too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Calendar } from "huying";

const dir = fileURLToPath(new URL("../../tests/vectors/", import.meta.url));
const load = (name) => {
  const v = JSON.parse(readFileSync(dir + name, "utf8"));
  assert.equal(v.version, 1, `${name}: unknown vector version`);
  return v;
};

/** Runs `fn` and checks it against a case: `expected` (via `same`) or `error` (a code). */
function check(c, fn, same = (got, expected) => assert.deepEqual(got, expected)) {
  const label = JSON.stringify(c);
  if (c.error !== undefined) {
    assert.throws(fn, (e) => {
      assert.ok(e instanceof Error, `${label}: not an Error`);
      assert.equal(e.code, c.error, label);
      return true;
    });
  } else {
    let got;
    assert.doesNotThrow(() => (got = fn()), label);
    same(got, c);
  }
}

const nonEmpty = (list, key) => {
  assert.ok(Array.isArray(list) && list.length > 0, `no ${key} cases`);
  return list;
};

/** What this suite can run, by file. */
const runners = {
  "calendar.json"(v) {
    assert.equal(v.calendar, "china");
    const cal = Calendar.china();
    let n = 0;
    for (const c of nonEmpty(v.is_working_day, "is_working_day")) {
      check(c, () => cal.isWorkingDay(c.date), (got) => assert.equal(got, c.expected, c.date));
      n++;
    }
    for (const c of nonEmpty(v.add_working_days, "add_working_days")) {
      check(c, () => cal.addWorkingDays(c.date, c.n), (got) => assert.equal(got, c.expected, JSON.stringify(c)));
      n++;
    }
    for (const c of nonEmpty(v.working_days_between, "working_days_between")) {
      check(c, () => cal.workingDaysBetween(c.a, c.b), (got) => assert.equal(got, c.expected, JSON.stringify(c)));
      n++;
    }
    for (const c of nonEmpty(v.day_kind, "day_kind")) {
      check(c, () => cal.dayKind(c.date), (got) => {
        assert.equal(got.kind, c.expected, c.date);
        if (c.festival_zh !== undefined) assert.equal(got.festival?.zh, c.festival_zh, c.date);
        if (c.festival_en !== undefined) assert.equal(got.festival?.en, c.festival_en, c.date);
      });
      n++;
    }
    return n;
  },
  "deadlines.json"(v) {
    const china = Calendar.china();
    let n = 0;
    for (const c of nonEmpty(v.cases, "cases")) {
      const cal = c.schedule === undefined ? china : china.withSchedule(typeof c.schedule === "string" ? c.schedule : JSON.stringify(c.schedule));
      check(c, () => cal.deadline(new Date(c.start), c.limit, c.policy), (d) => {
        assert.equal(d.due.getTime(), Date.parse(c.expected_due), c.name);
        if (c.due_text !== undefined) assert.equal(d.text, c.due_text, c.name);
        for (const s of c.explain_en ?? []) assert.ok(d.explain("en").includes(s), `${c.name}: explain("en") lacks ${JSON.stringify(s)}`);
        for (const s of c.explain_zh ?? []) assert.ok(d.explain("zh").includes(s), `${c.name}: explain("zh") lacks ${JSON.stringify(s)}`);
      });
      n++;
    }
    return n;
  },
};

const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("the shared vectors exist", () => {
  assert.ok(files.length > 0, `no vectors in ${dir}`);
});

for (const file of files) {
  const run = runners[file];
  test(`vectors: ${file}`, { skip: run ? false : `no JS runner for ${file} yet` }, () => {
    const n = run(load(file));
    assert.ok(n > 0);
  });
}
