// End to end: the countdown board (examples/web) in headless Chromium
// (Debian's package), driven by playwright-core. Raise a call, hear it ring,
// acknowledge and dispatch it, see a refusal, move the clock, see the light
// turn and the reminders fall due; save a screenshot in artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve, ROOT } from "./serve.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../artifacts/", import.meta.url));

// playwright-core starts Chromium with a new empty profile of its own.
let server, browser, page;
const consoleErrors = [];

before(async () => {
  assert.ok(existsSync(join(ROOT, "pkg", "huying_bg.wasm")), "build the package first: bash bindings-wasm/build.sh");
  server = await serve();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 900 }, timezoneId: "Europe/London" });
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const row = (id) => page.locator(`tr[data-call="${id}"]`);
const cd = (id, stage) => row(id).locator(`.cd[data-stage="${stage}"]`);

test("raise, ring, acknowledge, dispatch, refuse, advance: the light turns", async () => {
  // The clock stands still (speed 0) at Friday 2025-09-26 15:55 CST; the test moves it.
  await page.goto(`${server.url}?start=2025-09-26T15:55:00%2B08:00&speed=0`);
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 30_000 });
  assert.match(await page.textContent("#clock"), /2025-09-26 15:55:00 CST/);
  // 2025: the calendar runs to the end of 2026, no banner.
  assert.equal(await page.isHidden("#calendar-banner"), true);

  // A township raises a call: the alarm rings (Web Audio) and the dispatch countdown runs.
  await page.selectOption("#township", "U068");
  await page.selectOption("#matter", "M001");
  await page.click("#raise");
  const id = await page.locator("tbody tr").first().getAttribute("data-call");
  assert.match(id, /^C20250926-\d\d$/);
  await page.waitForSelector('#alarm[data-on="true"]');
  const alarm = await page.evaluate(() => window.huyingBoard.alarm());
  assert.equal(alarm.sounding, true);
  assert.ok(alarm.nodes > 0, "the oscillators are playing");
  assert.notEqual(alarm.audio, "none", "an AudioContext exists");
  assert.equal(await row(id).getAttribute("data-state"), "raised");
  assert.equal(await cd(id, "dispatch").getAttribute("data-light"), "green");
  assert.match(await cd(id, "dispatch").textContent(), /00:30:00/);
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "board-ringing.png") });

  // 25 minutes later the dispatch light is yellow and an SMS reminder has fallen due.
  await page.click('button[data-advance="1800000"]'); // +30 min would breach: use the API for 25
  await page.evaluate(() => window.huyingBoard.advance(-5 * 60_000));
  await page.waitForFunction((id) => document.querySelector(`tr[data-call="${id}"] .cd[data-stage="dispatch"]`)?.dataset.light === "yellow", id);
  await page.waitForFunction(() => document.querySelectorAll("#sms li").length > 0);
  assert.match(await page.textContent("#sms"), /80%/);

  // The command centre acknowledges (the alarm stops) and dispatches to the agency the list names.
  await row(id).locator('button[data-type="acknowledged"]').click();
  await page.waitForSelector('#alarm[data-on="false"]');
  assert.equal((await page.evaluate(() => window.huyingBoard.alarm())).nodes, 0);
  await row(id).locator('button[data-type="dispatched"]').click();
  await page.waitForFunction((id) => document.querySelector(`tr[data-call="${id}"]`)?.dataset.state === "dispatched", id);
  assert.match(await row(id).textContent(), /南城镇自然资源所/);
  await page.waitForSelector(`tr[data-call="${id}"] .cd[data-stage="arrival"]`);
  assert.equal(await cd(id, "arrival").getAttribute("data-light"), "green");
  assert.equal(await cd(id, "reply").getAttribute("data-light"), "green");
  assert.match(await cd(id, "reply").textContent(), /09-30 24:00/);

  // A department the call was not dispatched to is refused, with the error's message.
  await page.check('input[name="role"][value="department"]');
  await page.selectOption("#department", "U010");
  await row(id).locator('button[data-type="signed"]').click();
  await page.waitForSelector("#message:not([hidden])");
  const refusal = await page.textContent("#message");
  assert.match(refusal, /NotAuthorizedError \[call\.not_authorized\]/);
  assert.equal(await row(id).getAttribute("data-state"), "dispatched");

  // The assigned agency signs.
  await page.selectOption("#department", "");
  await row(id).locator('button[data-type="signed"]').click();
  await page.waitForFunction((id) => document.querySelector(`tr[data-call="${id}"]`)?.dataset.state === "signed", id);

  // Just over three hours after dispatch nobody has arrived: the arrival
  // light turns red and a breach reminder goes out.
  await page.click('button[data-advance="10800000"]');
  await page.waitForFunction((id) => document.querySelector(`tr[data-call="${id}"] .cd[data-stage="arrival"]`)?.dataset.light === "yellow", id);
  await page.click('button[data-advance="300000"]');
  await page.waitForFunction((id) => document.querySelector(`tr[data-call="${id}"] .cd[data-stage="arrival"]`)?.dataset.light === "red", id);
  await page.waitForFunction(() => /breach/.test(document.querySelector("#sms").textContent));
  assert.equal(await cd(id, "reply").getAttribute("data-light"), "green");
  assert.match(await cd(id, "arrival").textContent(), /\+00:/);

  await page.screenshot({ path: join(ARTIFACTS, "board.png"), fullPage: true });
  assert.deepEqual(consoleErrors, []);
});

test("the board keeps up with a thousand more calls", async () => {
  await page.click("#stress");
  await page.waitForFunction(() => window.huyingBoard.board.size > 1000);
  await page.waitForTimeout(500);
  const perf = await page.textContent("#perf");
  const ms = Number(/([\d.]+) ms/.exec(perf)?.[1]);
  assert.ok(ms < 16, `board.at took ${ms} ms per frame`);
  await page.screenshot({ path: join(ARTIFACTS, "board-1000.png") });
  assert.deepEqual(consoleErrors, []);
});

test("a banner warns when the calendar ends within 30 days of the board's clock", async () => {
  // Mid-December 2026: the embedded calendar ends on 2026-12-31, 16 days on.
  await page.goto(`${server.url}?start=2026-12-15T09:00:00%2B08:00&speed=0`);
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 30_000 });
  await page.waitForSelector("#calendar-banner:not([hidden])");
  const text = await page.textContent("#calendar-banner");
  assert.match(text, /2026-12-31/);
  assert.match(text, /还有16天/);
  assert.match(text, /2027/);
  assert.equal(await page.getAttribute("#calendar-banner", "data-year-needed"), "2027");
  await page.screenshot({ path: join(ARTIFACTS, "board-calendar-banner.png") });
  // A month earlier there is none.
  await page.goto(`${server.url}?start=2026-11-15T09:00:00%2B08:00&speed=0`);
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 30_000 });
  assert.equal(await page.isHidden("#calendar-banner"), true);
  // The clock moves past the window's start: the banner appears.
  await page.evaluate(() => window.huyingBoard.advance(20 * 86_400_000));
  await page.waitForSelector("#calendar-banner:not([hidden])");
  assert.deepEqual(consoleErrors, []);
});
