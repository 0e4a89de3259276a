// The State Council's holiday notice from JavaScript: read, checked, loaded;
// the calendar's coverage and the warning before it ends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Call, CallPolicy, Calendar, parseNotice } from "huying";
import { throwsCoded, t, ev, raised, CENTRE } from "./helpers.mjs";

const notices = new URL("../../core/tests/data/notices/", import.meta.url);
// A made-up notice for 2027 in the published form (the real one was not out
// when this was written).
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。2026年12月26日（周六）上班。
二、春节：2月6日（农历除夕、周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。
`;

test("parseNotice gives the days of the embedded calendar", () => {
  const cal = Calendar.china();
  const days = parseNotice(readFileSync(new URL("2026.txt", notices), "utf8"));
  assert.deepEqual(days[0], { date: "2026-01-01", kind: "holiday", festival: "元旦" });
  assert.ok(days.some((d) => d.date === "2026-01-04" && d.kind === "workday"));
  for (const d of days) {
    assert.equal(cal.dayKind(d.date).kind, d.kind === "holiday" ? "holiday" : "working_day_in_lieu", d.date);
  }
});

test("extendFromNotice adds the year and keeps the one before", () => {
  const cal = Calendar.china();
  assert.equal(cal.extendFromNotice(NOTICE_2027), 2027);
  assert.deepEqual(cal.coverage(), { first: "2004-01-01", last: "2027-12-31" });
  assert.equal(cal.isWorkingDay("2026-12-26"), true);
  assert.equal(cal.isWorkingDay("2026-10-10"), true);
  assert.equal(cal.addWorkingDays("2026-12-31", 3), "2027-01-06");
});

test("a bad notice throws calendar.bad_notice with its line and column", () => {
  const cal = Calendar.china();
  const bad = NOTICE_2027.replace("共8天", "共7天");
  throwsCoded(() => cal.extendFromNotice(bad), "CalendarNoticeError", "calendar.bad_notice");
  try {
    parseNotice(bad);
    assert.fail("no error");
  } catch (e) {
    assert.deepEqual(e.details, { source: "notice", line: 3, column: 6 });
    assert.match(e.message, /7 days/);
  }
  assert.deepEqual(cal.coverage(), { first: "2004-01-01", last: "2026-12-31" });
});

test("coverageWarning comes within 30 days of the end and names the year", () => {
  const cal = Calendar.china();
  assert.equal(cal.coverageWarning("2026-11-01"), null);
  const w = cal.coverageWarning("2026-12-07");
  assert.equal(w.last, "2026-12-31");
  assert.equal(w.daysLeft, 24);
  assert.equal(w.yearNeeded, 2027);
  assert.match(w.zh, /2027/);
  assert.match(w.en, /extend_from_notice/);
  assert.equal(cal.coverageWarning("2026-12-07", 10), null);
  assert.equal(cal.coverageWarning(new Date("2027-01-02T00:00:00+08:00")).daysLeft, -2);
  throwsCoded(() => cal.coverageWarning("2026-12-07", -1), "InputError", "input.out_of_range", RangeError);
});

test("a call at the year end waits for next year's notice, then counts", () => {
  const cal = Calendar.china();
  const call = Call.raise(raised("C1", "2026-12-30 09:00"), new CallPolicy(CENTRE).withCalendar(cal));
  call.apply(ev("C1", "2026-12-30 09:10", "command_centre", CENTRE, "dispatched", { department: "U010" }));
  assert.equal(call.pendingCalendar, 2027);
  const before = call.at(t("2026-12-30 10:00")).countdowns.find((c) => c.stage === "reply");
  assert.equal(before.light, "grey");
  cal.extendFromNotice(NOTICE_2027);
  call.setCalendar(cal);
  assert.equal(call.pendingCalendar, null);
  const after = call.at(t("2026-12-31 10:00")).countdowns.find((c) => c.stage === "reply");
  // 31 Dec, then 4 and 5 Jan (1-3 Jan are the New Year holiday).
  assert.equal(after.due.getTime(), t("2027-01-06 00:00").getTime());
  assert.equal(after.light, "green");
  assert.equal(after.pendingCalendar, null);
});
