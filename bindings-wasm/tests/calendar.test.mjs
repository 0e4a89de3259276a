// The calendar and deadlines from JavaScript (Node build of the package).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Calendar } from "huying";
import { throwsCoded } from "./helpers.mjs";

const cal = Calendar.china();
const at = (s) => new Date(s);

test("Calendar.china describes itself", () => {
  assert.equal(cal.name, "mainland China");
  assert.equal(cal.firstYear, 2004);
  assert.equal(cal.lastYear, 2026);
  assert.match(cal.dataVersion, /2004-2026/);
});

test("working days follow the State Council notice", () => {
  assert.equal(cal.isWorkingDay("2025-09-28"), true); // Sunday, in lieu
  assert.equal(cal.isWorkingDay("2025-10-01"), false); // National Day
  assert.equal(cal.isWorkingDay("2025-01-26"), true);
  assert.equal(cal.isWorkingDay("2025-02-08"), true);
  assert.equal(cal.isWorkingDay("2025-09-27"), false); // Saturday
});

test("a Date or epoch ms is a day in China time", () => {
  // 2025-09-27T18:00Z is Sunday 2025-09-28 02:00 in China: a working day in lieu.
  assert.equal(cal.isWorkingDay(at("2025-09-27T18:00:00Z")), true);
  assert.equal(cal.isWorkingDay(Date.parse("2025-09-27T18:00:00Z")), true);
  assert.equal(cal.isWorkingDay(at("2025-09-27T15:00:00Z")), false);
});

test("dayKind names the festival in both languages", () => {
  const k = cal.dayKind("2025-10-01");
  assert.equal(k.kind, "holiday");
  assert.equal(k.working, false);
  assert.deepEqual(k.festival, { zh: "国庆节", en: "National Day" });
  assert.equal(k.zh, "国庆节 法定节假日");
  assert.equal(k.en, "National Day — statutory holiday");
  assert.equal(cal.dayKind("2025-02-08").kind, "working_day_in_lieu");
  assert.equal(cal.dayKind("2025-06-03").festival, null);
});

test("addWorkingDays does not count the start day", () => {
  assert.equal(cal.addWorkingDays("2025-09-26", 3), "2025-09-30");
  assert.equal(cal.addWorkingDays("2025-09-29", 3), "2025-10-10");
  assert.equal(cal.addWorkingDays("2025-10-10", -3), "2025-09-29");
  assert.equal(cal.nextWorkingDay("2025-09-30"), "2025-10-09");
  assert.equal(cal.previousWorkingDay("2025-10-09"), "2025-09-30");
  assert.equal(cal.workingDaysBetween("2025-09-29", "2025-10-10"), 3);
});

test("deadline of 3 working days from Friday 16:00 ends 2025-09-30 24:00", () => {
  const d = cal.deadline(at("2025-09-26T16:00:00+08:00"), "3wd");
  assert.ok(d.due instanceof Date);
  assert.equal(d.due.toISOString(), "2025-09-30T16:00:00.000Z"); // 2025-10-01 00:00 +08:00
  assert.equal(d.text, "2025-09-30 24:00");
  assert.equal(String(d), "2025-09-30 24:00");
  assert.equal(d.limit, "3wd");
  assert.equal(d.dayEnd, "midnight");
  assert.equal(d.start.getTime(), Date.parse("2025-09-26T16:00:00+08:00"));
  assert.match(d.explain("en"), /2025-09-28 Sun {2}working day 1/);
  assert.match(d.explain(), /调休上班/);
});

test("deadline over the National Day holiday", () => {
  const d = cal.deadline(Date.parse("2025-09-29T10:00:00+08:00"), "3个工作日");
  assert.equal(d.text, "2025-10-10 24:00");
  assert.match(d.explain("zh"), /2025-10-01 星期三 不计：国庆节 法定节假日/);
  assert.match(d.explain("en"), /Due: 2025-10-10 24:00/);
});

test("minute and hour limits run on natural time", () => {
  const start = at("2025-10-01T10:00:00+08:00");
  assert.equal(cal.deadline(start, "30m").due.getTime(), start.getTime() + 30 * 60_000);
  assert.equal(cal.due(start, "3h").getTime(), start.getTime() + 3 * 3_600_000);
});

test("close of business needs a schedule", () => {
  const start = at("2025-09-26T16:00:00+08:00");
  throwsCoded(() => cal.deadline(start, "3wd", "close_of_business"), "NoScheduleError", "calendar.no_schedule");
  const office = cal.withSchedule("08:30-12:00,14:00-17:30");
  const d = office.deadline(start, "3wd", "close_of_business");
  assert.equal(d.due.toISOString(), "2025-09-30T09:30:00.000Z"); // 17:30 +08:00
  assert.equal(d.dayEnd, "close_of_business");
  assert.equal(office.isWorkingTime(at("2025-09-30T09:00:00+08:00")), true);
  assert.equal(office.isWorkingTime(at("2025-09-30T13:00:00+08:00")), false);
});

test("an uncovered year is a RangeError with code calendar.not_covered", () => {
  throwsCoded(() => cal.isWorkingDay("2027-03-01"), "CalendarNotCoveredError", "calendar.not_covered", RangeError);
  throwsCoded(() => cal.addWorkingDays("2026-12-30", 10), "CalendarNotCoveredError", "calendar.not_covered", RangeError);
  throwsCoded(() => cal.deadline(at("2026-12-31T10:00:00+08:00"), "3wd"), "CalendarNotCoveredError", "calendar.not_covered", RangeError);
});

test("bad input is a real Error with a code, never a string", () => {
  throwsCoded(() => cal.deadline(at("2025-06-03T10:00:00+08:00"), "3 weeks"), "LimitParseError", "limit.parse");
  throwsCoded(() => cal.isWorkingDay("2025/06/03"), "InputError", "input.bad_date", TypeError);
  throwsCoded(() => cal.isWorkingDay({}), "InputError", "input.bad_date", TypeError);
  throwsCoded(() => cal.deadline("2025-06-03", "3h"), "InputError", "input.bad_instant", TypeError);
  throwsCoded(() => cal.deadline(new Date(NaN), "3h"), "InputError", "input.out_of_range", RangeError);
  throwsCoded(() => cal.deadline(Infinity, "3h"), "InputError", "input.out_of_range", RangeError);
  throwsCoded(() => cal.addWorkingDays("2025-06-03", 1.5), "InputError", "input.out_of_range", RangeError);
  throwsCoded(() => cal.deadline(0, "3h", "noon"), "InputError", "input.bad_value", TypeError);
  throwsCoded(() => cal.deadline(Date.parse("2025-06-03T10:00:00+08:00"), "3wd").explain("fr"), "InputError", "input.bad_value", TypeError);
});

test("the module keeps working after errors", () => {
  for (let i = 0; i < 100; i++) {
    assert.throws(() => cal.isWorkingDay("2031-01-01"));
  }
  assert.equal(cal.isWorkingDay("2025-09-28"), true);
});

test("extendFromJson adds a year; gaps are refused", () => {
  const c = Calendar.china();
  throwsCoded(() => c.extendFromJson("not json"), "CalendarDataError", "calendar.bad_data");
  assert.equal(c.lastYear, 2026);
  // A hypothetical 2028 notice would leave 2027 uncovered.
  const y2028 = JSON.stringify([{ date: "2028-01-01", kind: "holiday", name: "New Year's Day", name_zh: "元旦" }]);
  throwsCoded(() => c.extendFromJson(y2028), "CalendarDataError", "calendar.not_contiguous");
  const y2027 = JSON.stringify([{ date: "2027-01-01", kind: "holiday", name: "New Year's Day", name_zh: "元旦" }]);
  c.extendFromJson(y2027, "notice-2027.json");
  assert.equal(c.lastYear, 2027);
  assert.equal(c.isWorkingDay("2027-01-01"), false);
  assert.equal(c.dayKind("2027-01-01").festival.zh, "元旦");
  // The shared calendar is not changed.
  assert.equal(cal.lastYear, 2026);
});
