// The board helper in Node: 5,000 calls at various stages, `board.at(now)`
// every "frame" — the same calls and instant as the native benchmark
// (benches/board.rs: `cargo bench -p huying-wasm --bench board`).
//
//   node bench/board.mjs [frames]
import { Board, CallPolicy, Catalog } from "huying";

const N = 5_000;
const MINUTE = 60_000;
const now = Date.parse("2025-09-26T16:00:00+08:00");

const list = Catalog.sample();
const board = Board.withPolicy(CallPolicy.fromCatalog(list, now));
const towns = list.townships().map((u) => u.id);
const matters = list.matters().filter((m) => !m.territorial).map((m) => m.id);

const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const call = `B${i}`;
  const township = towns[i % towns.length];
  const matter = matters[(i * 7) % matters.length];
  let t = now - ((i * 7919) % 2880) * MINUTE;
  try {
    board.raise({ type: "raised", call, at: t, actor: { role: "township", unit: township }, township, matter, channel: "text" });
  } catch {
    continue;
  }
  const steps = i % 5;
  const cc = { role: "command_centre", unit: "U008" };
  const step = (at, actor, type, facts = {}) => {
    if (at > now) return false;
    try {
      board.apply({ type, call, at, actor, ...facts });
      return true;
    } catch {
      return false;
    }
  };
  if (steps < 1) continue;
  t += (1 + (i % 5)) * MINUTE;
  if (!step(t, cc, "acknowledged") || steps < 2) continue;
  t += (5 + (i % 40)) * MINUTE;
  let dept;
  try {
    dept = list.resolve(matter, township, t).primary.id;
  } catch {
    continue;
  }
  if (!step(t, cc, "dispatched", { department: dept, supporting: [] }) || steps < 3) continue;
  t += 10 * MINUTE;
  if (!step(t, { role: "department", unit: dept }, "signed") || steps < 4) continue;
  t += (60 + (i % 180)) * MINUTE;
  step(t, { role: "department", unit: dept }, "arrived");
}
const built = performance.now() - t0;

const first = board.at(now);
console.log(`board: ${board.size} calls, ${first.length} countdowns, ${first.errors.length} errors (built in ${built.toFixed(0)} ms)`);

const frames = Number(process.argv[2] ?? 2000);
for (let k = 0; k < 200; k++) board.at(now); // warm up
const times = new Float64Array(frames);
let sink = 0;
for (let k = 0; k < frames; k++) {
  const a = performance.now();
  const f = board.at(now);
  times[k] = performance.now() - a;
  sink += f.length;
}
times.sort();
const mean = times.reduce((a, b) => a + b, 0) / frames;
const q = (p) => times[Math.min(frames - 1, Math.floor(p * frames))];
console.log(
  `board.at (5,000 calls, ${first.length} countdowns): mean ${(mean * 1000).toFixed(0)} µs, median ${(q(0.5) * 1000).toFixed(0)} µs, p95 ${(q(0.95) * 1000).toFixed(0)} µs, min ${(times[0] * 1000).toFixed(0)} µs over ${frames} frames (${sink} rows)`,
);
