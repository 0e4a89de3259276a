// The countdown board of a county command centre, on the `huying` package
// (WebAssembly, browser build in ./pkg). A static page: serve this folder
// with any file server after `bash bindings-wasm/build.sh`.
//
// The page keeps its own simulated clock (speed and jumps), so that a demo,
// or the end-to-end test, can move time; Huying never reads the clock.
//
// URL parameters: ?start=<RFC 3339 instant>&speed=<simulated seconds per second>
import init, { Board, CallPolicy, Catalog } from "./pkg/huying.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CST = 8 * HOUR; // China Standard Time, UTC+08:00, all year
const MAX_ROWS = 100;

const STAGE_NAMES = { dispatch: "转办 dispatch", arrival: "到达 arrival", reply: "答复 reply" };
const ACTIONS = {
  command_centre: [
    ["acknowledged", "确认 Acknowledge"],
    ["dispatched", "转办 Dispatch"],
    ["supervised", "督办 Supervise"],
    ["closed", "结案 Close"],
  ],
  department: [
    ["signed", "签收 Sign"],
    ["arrived", "到达 Arrive"],
    ["replied", "答复 Reply"],
    ["returned", "退回 Return"],
  ],
  township: [
    ["evaluated", "评价 Evaluate ✓"],
    ["withdrawn", "撤回 Withdraw"],
  ],
};

const $ = (sel) => document.querySelector(sel);
const pad = (n) => String(n).padStart(2, "0");
/** `YYYY-MM-DD HH:MM:SS` in China time. */
const fmt = (ms) => new Date(ms + CST).toISOString().slice(0, 19).replace("T", " ");
/** `MM-DD HH:MM` in China time. */
const short = (ms) => new Date(ms + CST).toISOString().slice(5, 16).replace("T", " ");
/** A due time as people write it: the end of a day is `24:00` of that day, not `00:00` of the next. */
const dueText = (ms) => (short(ms).endsWith(" 00:00") ? `${short(ms - 1).slice(0, 6)}24:00` : short(ms));
/** A duration as `[Nd ]HH:MM:SS`. */
function dur(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const rest = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return d ? `${d}d ${rest}` : rest;
}
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The page's clock: simulated time that runs at `speed` and can jump ahead. */
class SimClock {
  constructor(start, speed) {
    this.base = start;
    this.real = performance.now();
    this.speed = speed;
  }
  now() {
    return Math.floor(this.base + (performance.now() - this.real) * this.speed);
  }
  setSpeed(speed) {
    this.base = this.now();
    this.real = performance.now();
    this.speed = speed;
  }
  advance(ms) {
    this.base += ms;
  }
}

/** The alarm: a beeping tone (Web Audio) while any call rings. */
class Alarm {
  constructor() {
    this.ctx = null;
    this.nodes = [];
    this.sounding = false;
  }
  /** Creates the audio context; call from a user gesture. */
  unlock() {
    const AC = window.AudioContext || window.webkitAudioContext;
    if (!this.ctx && AC) this.ctx = new AC();
    this.ctx?.resume?.();
  }
  set(on) {
    if (on === this.sounding) return;
    this.sounding = on;
    if (on) {
      this.unlock();
      const ctx = this.ctx;
      if (!ctx) return;
      const tone = ctx.createOscillator();
      tone.type = "square";
      tone.frequency.value = 880;
      const gain = ctx.createGain();
      gain.gain.value = 0.04;
      // A 2 Hz square wave on the gain: beep, pause, beep…
      const beat = ctx.createOscillator();
      beat.type = "square";
      beat.frequency.value = 2;
      const depth = ctx.createGain();
      depth.gain.value = 0.04;
      beat.connect(depth).connect(gain.gain);
      tone.connect(gain).connect(ctx.destination);
      tone.start();
      beat.start();
      this.nodes = [tone, beat, gain, depth];
    } else {
      for (const n of this.nodes) {
        try {
          n.stop?.();
        } catch {
          /* already stopped */
        }
        n.disconnect();
      }
      this.nodes = [];
    }
  }
}

function showMessage(text, ok = false) {
  const m = $("#message");
  m.hidden = false;
  m.className = ok ? "ok" : "";
  m.textContent = text;
}

function log(list, html) {
  const li = document.createElement("li");
  li.innerHTML = html;
  list.prepend(li);
  while (list.children.length > 200) list.lastChild.remove();
}

async function main() {
  await init();
  const params = new URLSearchParams(location.search);
  const start = Date.parse(params.get("start") ?? "2025-09-26T15:55:00+08:00");
  const clock = new SimClock(Number.isFinite(start) ? start : Date.now(), Number(params.get("speed") ?? 60));
  $("#speed").value = String(clock.speed);

  const catalog = Catalog.sample();
  const units = new Map(catalog.units().map((u) => [u.id, u]));
  const name = (id) => (id ? (units.get(id)?.nameZh ?? id) : "—");
  const centre = catalog.commandCentre;
  const board = Board.withPolicy(CallPolicy.fromCatalog(catalog, clock.now()));
  const alarm = new Alarm();
  const meta = new Map(); // call id → { township, matter }
  let seq = 0;
  let ids = [];
  let wake = null; // when reminders or lights change next
  let rows = new Map(); // call id → its table cells
  let frameTimes = [];

  // ---- the forms
  for (const t of catalog.townships()) $("#township").add(new Option(`${t.nameZh} ${t.id}`, t.id));
  $("#township").value = "U068";
  for (const m of catalog.matters(clock.now())) $("#matter").add(new Option(`${m.id} ${m.nameZh}`, m.id));
  $("#matter").value = "M001";
  for (const u of catalog.units()) {
    if (u.kind === "department" || u.kind === "stationed_agency" || u.kind === "stationed_city_branch") {
      $("#department").add(new Option(`${u.nameZh} ${u.id}`, u.id));
    }
  }
  $("#centre-name").textContent = centre ? `${centre.nameZh} ${centre.id}` : "";
  const role = () => document.querySelector('input[name="role"]:checked').value;

  // ---- recording events
  function record(event, how) {
    try {
      if (how === "raise") board.raise(event);
      else board.apply(event);
    } catch (e) {
      showMessage(`✗ ${e.name} [${e.code}]: ${e.message}`);
      return false;
    }
    const who = `${event.actor.role} ${name(event.actor.unit)}`;
    log($("#events"), `<time>${short(+new Date(event.at))}</time> <b>${escape(event.call)}</b> ${escape(event.type)} — ${escape(who)}`);
    showMessage(`✓ ${event.call}: ${event.type}`, true);
    changed();
    return true;
  }

  function raise() {
    alarm.unlock(); // a user gesture: audio may start
    const now = clock.now();
    const id = `C${fmt(now).slice(0, 10).replaceAll("-", "")}-${pad(++seq)}`;
    const township = $("#township").value;
    const matter = $("#matter").value;
    meta.set(id, { township, matter });
    record(
      { type: "raised", call: id, at: now, actor: { role: "township", unit: township }, township, matter, channel: $("#channel").value },
      "raise",
    );
  }

  /** The event for an action on a call, by the role the page acts as. */
  function eventFor(id, type) {
    const now = clock.now();
    const call = board.get(id);
    const base = { type, call: id, at: now };
    const responsible = () => {
      try {
        return call.responsibleUnit(catalog, now);
      } catch {
        return "";
      }
    };
    switch (role()) {
      case "command_centre": {
        const actor = { role: "command_centre", unit: centre?.id ?? "U008" };
        if (type === "dispatched") {
          // To the unit the list names, with the supporting units it names.
          try {
            return call.dispatchEvent(now, actor, responsible(), catalog);
          } catch {
            return { ...base, actor, department: "" }; // refused on recording, with the reason
          }
        }
        if (type === "supervised") {
          const v = board.view(id, now);
          return { ...base, actor, stage: v.supervise[0]?.stage ?? v.countdowns[0]?.stage ?? "dispatch", note: "请加快办理" };
        }
        return { ...base, actor };
      }
      case "department": {
        const unit = $("#department").value || call.department || responsible();
        const actor = { role: "department", unit };
        if (type === "replied") return { ...base, actor, result: "已现场处置并答复 handled on site" };
        if (type === "returned") return { ...base, actor, reason: "不属于本单位职责 not our duty" };
        return { ...base, actor };
      }
      default: {
        const actor = { role: "township", unit: call.township };
        if (type === "evaluated") return { ...base, actor, satisfied: true, comment: "满意" };
        if (type === "withdrawn") return { ...base, actor, reason: "已自行解决" };
        return { ...base, actor };
      }
    }
  }

  // ---- after any change: the table, the alarm, the next wake-up
  function changed() {
    const now = clock.now();
    ids = board.ids();
    alarm.set(board.ringing().length > 0);
    const on = alarm.sounding;
    $("#alarm").dataset.on = String(on);
    const ringing = board.ringing();
    const list = ringing.slice(0, 5).join(", ") + (ringing.length > 5 ? ` … (${ringing.length})` : "");
    $("#alarm").textContent = on ? `🔔 报警 ALARM — ${list}` : "🔕 无报警 no alarm";
    wake = board.nextWakeup(now)?.getTime() ?? null;
    renderTable();
  }

  function renderTable() {
    const tbody = $("#board tbody");
    tbody.textContent = "";
    rows = new Map();
    const open = [];
    for (let i = ids.length - 1; i >= 0 && open.length < MAX_ROWS; i--) {
      const call = board.get(ids[i]);
      if (call.isOpen) open.push(call);
    }
    const actions = ACTIONS[role()];
    for (const call of open) {
      const expected = new Set(call.expected());
      const tr = document.createElement("tr");
      tr.dataset.call = call.id;
      tr.dataset.state = call.state;
      tr.classList.toggle("ringing", call.alarm);
      const m = catalog.matter(call.matter);
      tr.innerHTML = `
        <td><b>${escape(call.id)}</b><br><small>${call.channel === "video" ? "📹" : "📝"} ${short(call.raisedAt.getTime())}</small></td>
        <td>${escape(name(call.township))}<br><small>${escape(call.matter)} ${escape(m?.nameZh ?? "")}</small></td>
        <td><span class="state">${escape(call.state)}</span>${call.alarm ? " 🔔" : ""}</td>
        <td>${escape(name(call.department))}</td>
        <td class="countdowns"></td>
        <td class="actions">${actions
          .map(([type, label]) => `<button data-type="${type}" class="${expected.has(type) ? "expected" : ""}">${label}</button>`)
          .join("")}</td>`;
      tbody.append(tr);
      rows.set(call.id, { countdowns: tr.querySelector(".countdowns") });
    }
    const hidden = ids.length - open.length;
    $("#more").hidden = hidden <= 0;
    $("#more").textContent = `… and ${hidden} more calls not shown (closed, or beyond the first ${MAX_ROWS})`;
  }

  // ---- the calendar's end: a banner from 30 days before its last day
  let bannerDay = null;
  function calendarBanner(now) {
    const day = fmt(now).slice(0, 10);
    if (day === bannerDay) return;
    bannerDay = day;
    const w = board.calendarWarning(now);
    const banner = $("#calendar-banner");
    banner.hidden = w === null;
    banner.dataset.yearNeeded = w ? String(w.yearNeeded) : "";
    banner.textContent = w ? `📅 ${w.zh} · ${w.en}` : "";
  }

  // ---- every frame: the countdowns, the lights, reminders falling due
  function tick() {
    const now = clock.now();
    $("#clock").textContent = `${fmt(now)} CST`;
    calendarBanner(now);
    const t0 = performance.now();
    const f = board.at(now);
    frameTimes.push(performance.now() - t0);
    if (frameTimes.length > 60) frameTimes.shift();
    const html = new Map();
    const count = [0, 0, 0];
    for (let i = 0; i < f.length; i++) {
      count[f.light[i]]++;
      const id = ids[f.call[i]];
      if (!rows.has(id)) continue;
      const stage = f.stages[f.stage[i]];
      const light = f.lights[f.light[i]];
      const left = light === "red" ? `+${dur(f.overrun[i])}` : dur(f.remaining[i]);
      const cell = `<span class="cd" data-stage="${stage}" data-light="${light}"><i class="light ${light}"></i>${STAGE_NAMES[stage]} <b>${left}</b>${f.paused[i] ? " ⏸" : ""} <span class="due">→ ${dueText(f.due[i])}</span></span>`;
      html.set(id, (html.get(id) ?? "") + cell);
    }
    for (const [id, r] of rows) {
      const h = html.get(id) ?? "";
      if (r.last !== h) r.countdowns.innerHTML = r.last = h;
    }
    const avg = frameTimes.reduce((a, b) => a + b, 0) / frameTimes.length;
    $("#summary").textContent = `${ids.length} calls · ${f.length} countdowns · 🟢 ${count[0]} 🟡 ${count[1]} 🔴 ${count[2]}`;
    $("#perf").textContent = `board.at: ${avg.toFixed(2)} ms/frame for ${f.length} countdowns`;
    if (wake !== null && now >= wake) {
      for (const r of board.pollReminders(now)) {
        const to = r.to.map((x) => `${x.role} ${name(x.unit)}`).join("; ");
        log(
          $("#sms"),
          `<time>${short(now)}</time> 📱 <b>${escape(r.call)}</b> ${escape(STAGE_NAMES[r.stage])} <b>${escape(r.mark)}</b> → ${escape(to)} <small>(due ${dueText(r.due.getTime())})</small>`,
        );
      }
      wake = board.nextWakeup(now)?.getTime() ?? null;
      renderTable();
    }
    requestAnimationFrame(tick);
  }

  // ---- load: many calls at various stages, to see the board keep up
  function stress(n) {
    const now = clock.now();
    const towns = catalog.townships().map((t) => t.id);
    const matters = catalog.matters(now).filter((m) => !m.territorial).map((m) => m.id);
    const rnd = (k) => Math.floor(Math.random() * k);
    for (let k = 0; k < n; k++) {
      const id = `S${board.size + 1}`;
      const township = towns[rnd(towns.length)];
      const matter = matters[rnd(matters.length)];
      let at = now - rnd(36 * HOUR);
      const steps = rnd(5);
      try {
        board.raise({ type: "raised", call: id, at, actor: { role: "township", unit: township }, township, matter, channel: "text" });
        const cc = { role: "command_centre", unit: centre?.id ?? "U008" };
        const next = (ms) => (at = Math.min(now, at + ms));
        if (steps > 0) board.apply({ type: "acknowledged", call: id, at: next(rnd(5 * MINUTE)), actor: cc });
        if (steps > 1) {
          const r = catalog.resolve(matter, township, at);
          board.apply({ type: "dispatched", call: id, at: next(rnd(40 * MINUTE)), actor: cc, department: r.primary.id });
          if (steps > 2) board.apply({ type: "signed", call: id, at: next(rnd(30 * MINUTE)), actor: { role: "department", unit: r.primary.id } });
          if (steps > 3) board.apply({ type: "arrived", call: id, at: next(rnd(4 * HOUR)), actor: { role: "department", unit: r.primary.id } });
        }
      } catch {
        /* a random walk may be refused (e.g. before the list took effect): keep what was recorded */
      }
    }
    changed();
  }

  // ---- controls
  $("#raise").addEventListener("click", raise);
  $("#board").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-type]");
    if (!b) return;
    const id = b.closest("tr").dataset.call;
    record(eventFor(id, b.dataset.type), "apply");
  });
  for (const r of document.querySelectorAll('input[name="role"]')) r.addEventListener("change", renderTable);
  $("#speed").addEventListener("change", (e) => clock.setSpeed(Number(e.target.value)));
  for (const b of document.querySelectorAll("[data-advance]")) {
    b.addEventListener("click", () => clock.advance(Number(b.dataset.advance)));
  }
  $("#stress").addEventListener("click", () => stress(1000));

  // For tests and the console.
  window.huyingBoard = {
    board,
    catalog,
    clock,
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    alarm: () => ({ sounding: alarm.sounding, audio: alarm.ctx?.state ?? "none", nodes: alarm.nodes.length }),
  };
  changed();
  requestAnimationFrame(tick);
  const status = $("#status");
  status.dataset.state = "ready";
  status.textContent = `ready · ${catalog.matters(clock.now()).length} matters on the sample list (edition ${catalog.editions().at(-1).id})`;
}

main().catch((e) => {
  const status = $("#status");
  status.dataset.state = "error";
  status.textContent = `failed to start: ${e?.name ?? "Error"} ${e?.code ?? ""} ${e?.message ?? e}`;
  throw e;
});
