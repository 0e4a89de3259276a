// Shared helpers of the node:test suites.
import assert from "node:assert/strict";

/** Asserts that `fn` throws a real Error (of class `base`) with the given name and code. */
export function throwsCoded(fn, name, code, base = Error) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof base, `expected ${base.name}, got ${Object.prototype.toString.call(e)}: ${e}`);
    assert.equal(e.name, name, String(e));
    assert.equal(e.code, code, String(e));
    assert.equal(typeof e.message, "string");
    assert.ok(e.message.length > 0);
    assert.equal(typeof e.stack, "string");
    return true;
  });
}

/** An instant in China time: `t("2025-09-26 16:00")`. */
export const t = (s) => new Date(s.replace(" ", "T") + (s.length <= 16 ? ":00+08:00" : "+08:00"));

export const TOWN = "U068"; // 南城镇
export const CENTRE = "U008"; // the command centre
export const AGENCY = "U053@U068"; // 南城镇自然资源所

/** An event of call `call` at `at` by `role`/`unit`. */
export const ev = (call, at, role, unit, type, facts = {}) => ({ type, call, at: t(at), actor: { role, unit }, ...facts });

/** The raised event of a call about M001 (illegal land occupation) in 南城镇. */
export const raised = (call, at, matter = "M001") =>
  ev(call, at, "township", TOWN, "raised", { township: TOWN, matter, channel: "video" });
