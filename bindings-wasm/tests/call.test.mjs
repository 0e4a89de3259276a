// One call's lifecycle from JavaScript: events in, views out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Call, CallPolicy, Calendar, Catalog } from "huying";
import { throwsCoded, t, ev, raised, CENTRE, AGENCY, TOWN } from "./helpers.mjs";

const policy = new CallPolicy(CENTRE);

test("a raised call rings and counts down to dispatch", () => {
  const call = policy.raise(raised("C1", "2025-09-26 16:00"));
  assert.equal(call.id, "C1");
  assert.equal(call.state, "raised");
  assert.equal(call.alarm, true);
  assert.equal(call.isOpen, true);
  assert.equal(call.channel, "video");
  assert.equal(call.raisedAt.getTime(), t("2025-09-26 16:00").getTime());
  const v = call.at(t("2025-09-26 16:25"));
  assert.equal(v.alarm, true);
  assert.equal(v.countdowns.length, 1);
  const c = v.countdowns[0];
  assert.equal(c.stage, "dispatch");
  assert.equal(c.light, "yellow"); // 25 of 30 minutes
  assert.equal(c.remaining, 5 * 60_000);
  assert.ok(c.due instanceof Date);
  assert.equal(c.due.getTime(), t("2025-09-26 16:30").getTime());
  assert.equal(v.reminders.length, 1); // 50% and 80% fold into one
  assert.equal(v.reminders[0].mark, "80%");
  assert.ok(v.expected.includes("acknowledged"));
  assert.ok(v.nextWakeup instanceof Date);
});

test("acknowledge stops the alarm; dispatch starts arrival and reply clocks", () => {
  const call = policy.raise(raised("C2", "2025-09-26 16:00"));
  call.apply(ev("C2", "2025-09-26 16:02", "command_centre", CENTRE, "acknowledged"));
  assert.equal(call.alarm, false);
  call.apply(ev("C2", "2025-09-26 16:20", "command_centre", CENTRE, "dispatched", { department: AGENCY, supporting: [TOWN] }));
  assert.equal(call.state, "dispatched");
  assert.equal(call.department, AGENCY);
  const v = call.at(t("2025-09-26 17:00"));
  const reply = v.countdowns.find((c) => c.stage === "reply");
  assert.ok(reply, JSON.stringify(v.countdowns));
  // 3 working days, the day of receipt not counted: Sun 09-28 (in lieu), Mon, Tue → 09-30 24:00.
  assert.equal(reply.due.toISOString(), "2025-09-30T16:00:00.000Z");
  assert.equal(reply.unit, AGENCY);
  const verdicts = call.verdicts();
  assert.equal(verdicts[0].stage, "dispatch");
  assert.equal(verdicts[0].outcome, "met");
});

test("refusals throw coded errors and change nothing", () => {
  const call = policy.raise(raised("C3", "2025-09-26 16:00"));
  const before = call.eventCount;
  // A department may not act on a call never dispatched to it.
  throwsCoded(() => call.apply(ev("C3", "2025-09-26 16:05", "department", "U010", "arrived")), "TransitionError", "call.invalid_transition");
  throwsCoded(() => call.apply(ev("C3", "2025-09-26 16:05", "township", "U070", "acknowledged")), "NotAuthorizedError", "call.not_authorized");
  throwsCoded(() => call.apply(ev("C3", "2025-09-26 15:00", "command_centre", CENTRE, "acknowledged")), "TransitionError", "call.time_backwards");
  throwsCoded(() => call.apply(ev("C9", "2025-09-26 16:05", "command_centre", CENTRE, "acknowledged")), "TransitionError", "call.wrong_call");
  throwsCoded(() => call.apply({ type: "paused", call: "C3", at: Date.now(), actor: { role: "command_centre", unit: CENTRE } }), "LogLineError", "call.bad_event");
  throwsCoded(() => call.apply(42), "InputError", "input.bad_event", TypeError);
  throwsCoded(() => call.apply({ ...ev("C3", "2025-09-26 16:05", "command_centre", CENTRE, "acknowledged"), at: "yesterday" }), "LogLineError", "call.bad_event");
  assert.equal(call.eventCount, before);
  assert.equal(call.state, "raised");
});

test("events in: Date, epoch ms, RFC 3339 string or a JSON line; the caller's object is untouched", () => {
  const e = raised("C4", "2025-09-26 16:00");
  const copy = { ...e };
  const a = Call.raise(e, policy);
  assert.deepEqual(e, copy);
  const b = Call.raise({ ...e, at: e.at.getTime() }, policy);
  const c = Call.raise({ ...e, at: "2025-09-26T16:00:00+08:00" }, policy);
  const d = Call.raise(JSON.stringify({ ...e, v: 1, at: "2025-09-26T08:00:00Z" }), policy);
  for (const x of [b, c, d]) assert.equal(x.raisedAt.getTime(), a.raisedAt.getTime());
});

test("fromEvents and replay rebuild the same call", () => {
  const events = [
    raised("C5", "2025-06-03 09:00"),
    ev("C5", "2025-06-03 09:02", "command_centre", CENTRE, "acknowledged"),
    ev("C5", "2025-06-03 09:10", "command_centre", CENTRE, "dispatched", { department: "U010", supporting: [TOWN] }),
    ev("C5", "2025-06-03 09:30", "department", "U010", "signed"),
    ev("C5", "2025-06-03 11:40", "department", "U010", "arrived"),
    ev("C5", "2025-06-05 16:00", "department", "U010", "replied", { result: "已责令停止违法占地并恢复原状" }),
    ev("C5", "2025-06-06 09:00", "township", TOWN, "evaluated", { satisfied: true, comment: "满意" }),
    ev("C5", "2025-06-06 09:30", "command_centre", CENTRE, "closed"),
  ];
  const call = Call.fromEvents(events, policy);
  assert.equal(call.state, "closed");
  assert.equal(call.isOpen, false);
  assert.equal(call.eventCount, 8);
  const log = events.map((e) => JSON.stringify({ ...e, v: 1 })).join("\n");
  const again = Call.replay(log, policy);
  assert.equal(again.state, "closed");
  assert.deepEqual(again.verdicts().map((v) => [v.stage, v.outcome]), call.verdicts().map((v) => [v.stage, v.outcome]));
  throwsCoded(() => Call.fromEvents([], policy), "TransitionError", "call.empty");
  throwsCoded(() => Call.fromEvents("nope", policy), "InputError", "input.bad_event", TypeError);
});

test("nextWakeup and pollReminders: each reminder once, recorded as an event", () => {
  const call = Call.raise(raised("C6", "2025-06-03 09:00"), policy);
  assert.equal(call.nextWakeup(t("2025-06-03 09:00")).getTime(), t("2025-06-03 09:15").getTime()); // 50%
  assert.deepEqual(call.pollReminders(t("2025-06-03 09:10")), []);
  const sent = call.pollReminders(t("2025-06-03 09:40"));
  assert.equal(sent.length, 1);
  assert.equal(sent[0].mark, "breach");
  assert.equal(sent[0].to[0].role, "command_centre");
  assert.equal(sent[0].event.type, "reminder_sent");
  assert.ok(sent[0].event.at instanceof Date);
  assert.deepEqual(call.pollReminders(t("2025-06-03 09:41")), []);
  assert.equal(call.at(t("2025-06-03 09:41")).countdowns[0].light, "red");
});

test("per-stage limits and the calendar come from the policy", () => {
  const p = new CallPolicy(CENTRE).withLimit("dispatch", "10m").withWarning(0.5).withReminders([50]).withBreachReminder(false);
  assert.equal(p.limit("dispatch"), "10m");
  assert.equal(p.warning, 0.5);
  assert.deepEqual(p.reminders, [50]);
  assert.equal(p.breachReminder, false);
  const call = p.raise(raised("C7", "2025-06-03 09:00"));
  assert.equal(call.limitOf("dispatch"), "10m");
  assert.equal(call.at(t("2025-06-03 09:06")).countdowns[0].light, "yellow");
  throwsCoded(() => p.withWarning(1.5), "CallPolicyError", "call.bad_policy");
  throwsCoded(() => p.withLimit("lunch", "1h"), "InputError", "input.bad_value", TypeError);
  throwsCoded(() => p.withLimit("reply", "soon"), "LimitParseError", "limit.parse");
  throwsCoded(() => p.withReminders([50.5]), "InputError", "input.out_of_range", RangeError);
  const office = new CallPolicy(CENTRE).withCalendar(Calendar.china().withSchedule("08:30-12:00,14:00-17:30")).withDayEnd("close_of_business");
  assert.equal(office.calendar.name, "mainland China");
});

test("a call past the covered years waits for the calendar, never guesses", () => {
  const call = Call.raise(raised("C8", "2026-12-31 09:00"), policy); // dispatch: 30 natural minutes, fine
  assert.equal(call.at(t("2026-12-31 09:10")).countdowns[0].light, "green");
  // The reply clock counts working days in 2027, which the calendar does not
  // cover: the dispatch is taken (it happened), the clock waits.
  call.apply(ev("C8", "2026-12-31 09:20", "command_centre", CENTRE, "dispatched", { department: "U010" }));
  assert.equal(call.pendingCalendar, 2027);
  const v = call.at(t("2026-12-31 09:30"));
  assert.equal(v.pendingCalendar, 2027);
  const reply = v.countdowns.find((c) => c.stage === "reply");
  assert.equal(reply.due, null);
  assert.equal(reply.light, "grey");
  assert.equal(reply.pendingCalendar, 2027);
  const arrival = v.countdowns.find((c) => c.stage === "arrival");
  assert.equal(arrival.due.getTime(), t("2026-12-31 12:20").getTime());
  assert.equal(arrival.pendingCalendar, null);
});

test("the list names who answers, and the dispatch event names the supporting units", () => {
  const list = Catalog.sample();
  const call = CallPolicy.fromCatalog(list, t("2025-09-26 16:00")).raise(raised("C9", "2025-09-26 16:00"));
  const now = t("2025-09-26 16:10");
  assert.equal(call.responsibleUnit(list, now), AGENCY);
  const e = call.dispatchEvent(now, { role: "command_centre", unit: CENTRE }, AGENCY, list);
  assert.equal(e.type, "dispatched");
  assert.equal(e.department, AGENCY);
  assert.deepEqual(e.supporting, [TOWN]);
  assert.ok(e.at instanceof Date);
  call.apply(e);
  assert.equal(call.department, AGENCY);
  throwsCoded(() => call.dispatchEvent(now, { role: "mayor" }, AGENCY, list), "InputError", "input.bad_value", TypeError);
  // A call about a matter off the list (raised where identities are not checked).
  const stray = CallPolicy.trustEveryone().raise(raised("C10", "2025-09-26 16:00", "M999"));
  throwsCoded(() => stray.responsibleUnit(list, now), "CatalogLookupError", "catalog.unknown_matter");
});

test("identities are checked against the list; trusting everyone has its own name", () => {
  const list = Catalog.sample();
  const listed = CallPolicy.fromCatalog(list, t("2025-12-01 09:00"));
  assert.equal(listed.checksList, true);
  assert.equal(listed.trustsEveryone, false);
  // A department raising a call as if it were a township.
  const asDept = { ...raised("C20", "2025-12-01 09:00"), actor: { role: "township", unit: "U010" }, township: "U010" };
  throwsCoded(() => Call.raise(asDept, listed), "NotAuthorizedError", "call.wrong_role");
  throwsCoded(() => Call.raise({ ...raised("C21", "2025-12-01 09:00"), matter: "M999" }, listed), "CatalogLookupError", "call.unknown_matter");
  const call = Call.raise(raised("C22", "2025-12-01 09:00"), listed);
  const to = (department) => ev("C22", "2025-12-01 09:05", "command_centre", CENTRE, "dispatched", { department, supporting: [] });
  throwsCoded(() => call.apply(to("ZZZ")), "NotAuthorizedError", "call.unknown_unit");
  throwsCoded(() => call.apply(to(CENTRE)), "NotAuthorizedError", "call.wrong_role");
  call.apply(to(AGENCY));
  // Believing every claim only under that name.
  const everyone = CallPolicy.trustEveryone();
  assert.equal(everyone.trustsEveryone, true);
  assert.equal(Call.raise(asDept, everyone).state, "raised");
});
