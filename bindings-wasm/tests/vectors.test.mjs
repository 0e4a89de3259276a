// The shared test vectors in tests/vectors/ (repository root), which the Rust
// tests (core/tests/vectors.rs) and the Python binding run too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Calendar, Call, CallPolicy, Catalog, complianceReport } from "huying";

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

/** Checks the `day_kind` cases of a file: kind code and festival names. */
function dayKinds(cal, v) {
  let n = 0;
  for (const c of nonEmpty(v.day_kind, "day_kind")) {
    check(c, () => cal.dayKind(c.date), (got) => {
      assert.equal(got.kind, c.expected, c.date);
      assert.equal(got.festival?.zh, c.festival_zh, c.date);
      assert.equal(got.festival?.en, c.festival_en, c.date);
    });
    n++;
  }
  return n;
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
    return n + dayKinds(cal, v);
  },
  "holidays.json"(v) {
    assert.ok(v.periods >= 140, "too few periods");
    const cal = Calendar.china();
    for (const c of v.day_kind) {
      const working = c.expected === "working_day" || c.expected === "working_day_in_lieu";
      assert.equal(cal.isWorkingDay(c.date), working, JSON.stringify(c));
    }
    return dayKinds(cal, v);
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
  "catalog.json"(v) {
    assert.equal(v.catalog, "sample");
    const c = Catalog.sample();
    const id = (u) => (u === null ? null : u.id);
    let n = 0;
    for (const t of nonEmpty(v.resolve, "resolve")) {
      check(t, () => c.resolve(t.matter, t.township, new Date(t.at)), (r) => {
        const want = t.expected;
        assert.equal(r.edition, want.edition, t.name);
        assert.equal(r.primary.id, want.primary, t.name);
        assert.equal(id(r.department), want.department, t.name);
        assert.deepEqual(r.supporting.map((s) => ({ unit: s.unit.id, kinds: s.kinds })), want.supporting, t.name);
      });
      n++;
    }
    for (const t of nonEmpty(v.admit, "admit")) {
      check(t, () => c.admit(t.from, t.township, t.duty, new Date(t.at), t.matter ?? undefined), (a) => {
        assert.deepEqual([a.decision, a.reason, a.edition], [t.expected.decision, t.expected.reason, t.expected.edition], t.name);
      });
      n++;
    }
    for (const t of nonEmpty(v.accountable, "accountable")) {
      check(t, () => c.accountable(t.matter, t.township, t.breach, new Date(t.at)), (a) => {
        assert.deepEqual(a.units.map((u) => u.id), t.expected.units, t.name);
        assert.equal(id(a.department), t.expected.department, t.name);
        assert.equal(a.edition, t.expected.edition, t.name);
      });
      n++;
    }
    return n;
  },
  "calls.json"(v) {
    assert.deepEqual(v.policy, { command_centre: "U008" });
    const policy = new CallPolicy(v.policy.command_centre);
    const ms = (s) => (s === null ? null : Date.parse(s));
    let n = 0;
    for (const c of nonEmpty(v.cases, "cases")) {
      const [first, ...steps] = c.steps;
      const call = Call.raise(first.event, policy);
      assert.equal(call.state, first.state, c.name);
      for (const step of steps) {
        if (step.event !== undefined) {
          const before = [call.state, call.eventCount, call.lastEventAt.getTime()];
          check(step, () => call.apply(step.event), () => {});
          if (step.state !== undefined) assert.equal(call.state, step.state, `${c.name}: ${JSON.stringify(step)}`);
          else assert.deepEqual([call.state, call.eventCount, call.lastEventAt.getTime()], before, `${c.name}: a refusal changed the call`);
          n++;
          continue;
        }
        const want = step.expected;
        const b = call.at(new Date(step.at));
        const label = `${c.name} at ${step.at}`;
        assert.equal(b.state, want.state, label);
        assert.equal(b.alarm, want.alarm, label);
        const countdowns = Object.fromEntries(b.countdowns.map((d) => [d.stage, { light: d.light, due: d.due.getTime(), round: d.round }]));
        const expected = Object.fromEntries(Object.entries(want.countdowns).map(([k, d]) => [k, { light: d.light, due: ms(d.due), round: d.round }]));
        assert.deepEqual(countdowns, expected, label);
        assert.deepEqual(b.reminders.map((r) => r.id), want.reminders, label);
        assert.equal(b.nextWakeup === null ? null : b.nextWakeup.getTime(), ms(want.next_wakeup), label);
        n++;
      }
    }
    return n;
  },
  "errors.json"(v) {
    let n = 0;
    const ops = {
      is_working_day: (c, cal) => cal.isWorkingDay(c.date),
      extend_from_tsv: (c, cal) => cal.extendFromTsv(c.text, "vector"),
      extend_from_notice: (c, cal) => cal.extendFromNotice(c.text),
      deadline: (c, cal) => cal.deadline(new Date(c.start), c.limit),
      schedule: (c, cal) => cal.withSchedule(c.text),
      limit: (c, cal) => cal.deadline(new Date("2025-06-03T09:00:00+08:00"), c.text),
      catalog_json: (c) => Catalog.fromJson(c.text),
      resolve: (c) => Catalog.sample().resolve(c.matter, c.township, new Date(c.at)),
      call: (c) => Call.fromEvents(c.events, new CallPolicy(c.policy)),
      call_log: (c) => Call.replay(c.text, new CallPolicy(c.policy)),
      policy_warning: (c) => new CallPolicy(c.policy).withWarning(c.fraction),
      report: (c) => complianceReport("", undefined, c.by),
    };
    for (const c of nonEmpty(v.cases, "cases")) {
      const op = ops[c.op];
      assert.ok(op, `no JS op ${c.op}`);
      assert.throws(
        () => op(c, Calendar.china()),
        (e) => {
          assert.ok(e instanceof Error, c.name);
          assert.equal(e.code, c.code, `${c.name}: ${e.message}`);
          assert.equal(e.name, `${c.kind}Error`, c.name);
          return true;
        },
        c.name,
      );
      n++;
    }
    return n;
  },
  "compliance.json"(v) {
    let n = 0;
    for (const c of nonEmpty(v.cases, "cases")) {
      const log = c.log.join("\n");
      const asOf = c.as_of === null ? undefined : new Date(c.as_of);
      let report;
      if (c.catalog === "sample") report = Catalog.sample().complianceReport(log, asOf, c.by);
      else if (c.catalog === null) report = complianceReport(log, asOf, c.by);
      else assert.fail(`unknown list ${c.catalog}`);
      for (const [path, want] of c.expected) {
        sameJson(atPath(report, path), want, `${c.name}: ${path}`);
        n++;
      }
    }
    return n;
  },
};

/** The value at a dotted path (`length`: an array's length). */
function atPath(v, path) {
  let cur = v;
  for (const key of path.split(".")) {
    if (key === "length" && Array.isArray(cur)) return cur.length;
    cur = cur === null || cur === undefined ? undefined : cur[key];
  }
  return cur === undefined ? null : cur;
}

/** Equal JSON values, numbers within 1e-9. */
function sameJson(got, want, label) {
  if (typeof want === "number") {
    assert.equal(typeof got, "number", label);
    assert.ok(Math.abs(got - want) < 1e-9, `${label}: ${got} != ${want}`);
  } else if (want !== null && typeof want === "object") {
    assert.ok(got !== null && typeof got === "object", `${label}: ${JSON.stringify(got)}`);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), label);
    for (const k of Object.keys(want)) sameJson(got[k], want[k], `${label}.${k}`);
  } else {
    assert.equal(got, want, label);
  }
}

const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("the shared vectors exist", () => {
  assert.ok(files.length > 0, `no vectors in ${dir}`);
});

for (const file of files) {
  // Every file is run here: a vector file without a JS runner fails.
  test(`vectors: ${file}`, () => {
    const run = runners[file];
    assert.ok(run, `no JS runner for ${file}`);
    const n = run(load(file));
    assert.ok(n > 0);
  });
}
