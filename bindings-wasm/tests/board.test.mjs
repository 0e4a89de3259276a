// The board: many calls, one frame.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Board, CallPolicy, Catalog } from "huying";
import { throwsCoded, t, ev, raised, CENTRE, AGENCY, TOWN } from "./helpers.mjs";

function board() {
  const b = Board.withPolicy(CallPolicy.fromCatalog(Catalog.sample(), t("2025-09-26 16:00")));
  b.raise(raised("A", "2025-09-26 16:00"));
  b.raise(raised("B", "2025-09-26 16:10"));
  b.apply(ev("B", "2025-09-26 16:11", "command_centre", CENTRE, "acknowledged"));
  b.apply(ev("B", "2025-09-26 16:15", "command_centre", CENTRE, "dispatched", { department: AGENCY, supporting: [TOWN] }));
  b.raise(raised("C", "2025-09-26 16:20"));
  return b;
}

test("ids, has, indexOf, get, size, ringing", () => {
  const b = board();
  assert.equal(b.size, 3);
  assert.deepEqual(b.ids(), ["A", "B", "C"]);
  assert.equal(b.has("B"), true);
  assert.equal(b.indexOf("C"), 2);
  assert.equal(b.indexOf("Z"), -1);
  assert.equal(b.get("B").state, "dispatched");
  assert.equal(b.get("Z"), undefined);
  assert.deepEqual(b.ringing(), ["A", "C"]);
});

test("a frame: typed arrays, one entry per running countdown", () => {
  const b = board();
  const f = b.at(t("2025-09-26 16:26"));
  assert.equal(f.length, 4); // A dispatch, B arrival + reply, C dispatch
  assert.ok(f.call instanceof Uint32Array && f.due instanceof Float64Array && f.light instanceof Uint8Array);
  const rows = [...Array(f.length).keys()].map((i) => [b.ids()[f.call[i]], f.stages[f.stage[i]], f.lights[f.light[i]]]);
  assert.deepEqual(rows, [
    ["A", "dispatch", "yellow"], // 26 of 30 minutes
    ["B", "arrival", "green"],
    ["B", "reply", "green"],
    ["C", "dispatch", "green"],
  ]);
  assert.equal(f.due[0], t("2025-09-26 16:30").getTime());
  assert.equal(f.remaining[0], 4 * 60_000);
  assert.equal(f.errors.length, 0);
  // Four minutes later A is past due.
  const g = b.at(t("2025-09-26 16:31"));
  assert.equal(g.lights[g.light[0]], "red");
  assert.equal(g.overrun[0], 60_000);
});

test("the frame agrees with each call's own view", () => {
  const b = board();
  const now = t("2025-09-27 10:00");
  const rows = b.rows(now);
  const ids = b.ids();
  const f = b.at(now);
  assert.equal(rows.length, f.length);
  for (const id of ids) {
    const own = b.get(id).countdowns(now);
    const mine = rows.filter((r) => r.call === id);
    assert.deepEqual(mine.map(({ call, ...c }) => c), own);
    assert.deepEqual(b.view(id, now).countdowns, own);
  }
});

test("a call that cannot be shown at now is reported, the others still shown", () => {
  const b = board();
  const f = b.at(t("2025-09-26 16:12")); // before C was raised and B dispatched
  assert.deepEqual(f.errors.map((e) => e.call), ["B", "C"]);
  assert.equal(f.errors[0].error.code, "call.time_backwards");
  assert.ok(f.errors[0].error instanceof Error);
  assert.equal(f.length, 1);
});

test("reminders across the board, each once; nextWakeup is the earliest", () => {
  const b = board();
  assert.equal(b.nextWakeup(t("2025-09-26 16:20")).getTime(), t("2025-09-26 16:20").getTime()); // A's 50% is due now
  const sent = b.pollReminders(t("2025-09-26 16:20"));
  assert.deepEqual(sent.map((r) => [r.call, r.stage, r.mark]), [["A", "dispatch", "50%"]]);
  assert.deepEqual(b.pollReminders(t("2025-09-26 16:20")), []);
  assert.equal(b.nextWakeup(t("2025-09-26 16:20")).getTime(), t("2025-09-26 16:24").getTime()); // A's 80%
});

test("raise, apply, put and remove keep the board consistent", () => {
  const b = board();
  throwsCoded(() => b.raise(raised("A", "2025-09-26 16:30")), "BoardError", "board.duplicate");
  throwsCoded(() => b.apply(ev("Z", "2025-09-26 16:30", "command_centre", CENTRE, "acknowledged")), "BoardError", "board.unknown_call");
  throwsCoded(() => b.apply(ev("A", "2025-09-26 16:30", "department", "U010", "arrived")), "TransitionError", "call.invalid_transition");
  const a = b.get("A");
  a.apply(ev("A", "2025-09-26 16:30", "command_centre", CENTRE, "acknowledged"));
  assert.equal(b.get("A").alarm, true); // a copy: the board's call is unchanged
  b.put(a);
  assert.equal(b.get("A").alarm, false);
  assert.equal(b.remove("B"), true);
  assert.equal(b.remove("B"), false);
  assert.deepEqual(b.ids(), ["A", "C"]);
  assert.equal(b.indexOf("C"), 1);
  assert.equal(new Board(new CallPolicy("U008")).size, 0);
});
