// A typed usage of the package, checked by `tsc --noEmit` (never run): the
// types must be precise — string unions, not `any` — so misuse fails to compile.
import {
  Board,
  Calendar,
  Call,
  CallPolicy,
  Catalog,
  complianceReport,
  parseNotice,
  importList,
  type AccountabilityInfo,
  type CoverageWarning,
  type NoticeDay,
  type AdmissionInfo,
  type BoardFrame,
  type ComplianceReport,
  type CallEventInput,
  type CallView,
  type Countdown,
  type HuyingError,
  type ImportedList,
  type Light,
  type Resolution,
  type Stage,
  type StateKind,
} from "huying";
import initWeb, { Calendar as WebCalendar } from "huying/web";

const cal: Calendar = Calendar.china();
const working: boolean = cal.isWorkingDay("2025-09-28");
const next: string = cal.addWorkingDays(new Date(), 3);
const n: number = cal.workingDaysBetween("2025-09-29", Date.now());
const d = cal.deadline(new Date("2025-09-26T16:00:00+08:00"), "3wd");
const due: Date = d.due;
const text: string = d.text + d.explain("en") + d.explain();
const kind = cal.dayKind("2025-10-01").kind;
if (kind === "working_day_in_lieu") console.log(kind);
// @ts-expect-error: not a day kind
if (kind === "workday") console.log(kind);
// @ts-expect-error: not a language
d.explain("fr");
// @ts-expect-error: not a day end
cal.deadline(0, "3wd", "noon");
cal.deadline(0, "3wd", "close_of_business");
const year: number = Calendar.china().extendFromNotice("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。");
const last: string = cal.coverage().last;
const warning: CoverageWarning | null = cal.coverageWarning(new Date());
if (warning) console.log(warning.daysLeft + warning.yearNeeded, warning.zh);
const noticeDays: NoticeDay[] = parseNotice("…");
if (noticeDays[0]?.kind === "workday") console.log(year, last);
// @ts-expect-error: not a notice day kind
if (noticeDays[0]?.kind === "rest") console.log(year);

const list = Catalog.sample();
const r: Resolution = list.resolve("M001", "U068", Date.now());
const primaryId: string = r.primary.id;
const dept: string | undefined = r.department?.id;
const centre = list.commandCentre?.nameZh;
const admission: AdmissionInfo = list.admit("U010", "U068", "patrol", Date.now(), "M001");
if (admission.decision === "needs_approval") console.log(admission.reason, admission.listed);
// @ts-expect-error: not a decision
if (admission.decision === "maybe") console.log(admission);
const blame: AccountabilityInfo = list.accountable("M001", "U068", "reply", new Date());
const blamed: string[] = blame.units.map((u) => u.id);
const report: ComplianceReport = list.complianceReport("", new Date(), ["department", "month"]);
const onTime: number | null = report.total.stages.reply.on_time_rate;
const skipped: number = complianceReport("").input.skipped;
const imported: ImportedList = importList(new Uint8Array(), { effective: "2025-07-01", units: list });
const cells: string[] = imported.problems.map((p) => p.field);
const fromSheet: Catalog = imported.catalog;
console.log(cells, fromSheet);
// @ts-expect-error: the effective date is required
importList(new Uint8Array(), { units: list });

const policy = CallPolicy.fromCatalog(list, Date.now()).withLimit("reply", "5wd").withReminders([50, 80]);
const named: CallPolicy = new CallPolicy("U008").withList(list);
const trusting: boolean = CallPolicy.trustEveryone().trustsEveryone && named.checksList;
if (trusting) console.log(named);
// @ts-expect-error: a policy names its command centre
new CallPolicy();
// @ts-expect-error: not a stage
policy.withLimit("lunch", "1h");

const raised: CallEventInput = {
  type: "raised",
  call: "C1",
  at: new Date(),
  actor: { role: "township", unit: "U068" },
  township: "U068",
  matter: "M001",
  channel: "video",
};
// @ts-expect-error: a raised event needs its matter
const incomplete: CallEventInput = { type: "raised", call: "C1", at: 0, actor: { role: "township", unit: "U068" }, township: "U068", channel: "video" };
// @ts-expect-error: not a role
const badRole: CallEventInput = { type: "acknowledged", call: "C1", at: 0, actor: { role: "mayor", unit: "U1" } };

const call: Call = policy.raise(raised);
call.apply({ type: "dispatched", call: "C1", at: Date.now(), actor: { role: "command_centre", unit: "U008" }, department: primaryId });
const dispatch = call.dispatchEvent(Date.now(), { role: "command_centre", unit: "U008" }, call.responsibleUnit(list, Date.now()), list);
if (dispatch.type === "dispatched") console.log(dispatch.department, dispatch.supporting);
const state: StateKind = call.state;
const view: CallView = call.at(Date.now());
const lights: Light[] = view.countdowns.map((c: Countdown) => c.light);
const stages: Stage[] = view.countdowns.map((c) => c.stage);
// A due time is null while the calendar does not cover it: the year to load is named.
const dues: (Date | null)[] = view.countdowns.map((c) => c.due);
const waitsFor: number | null = view.pendingCalendar ?? call.pendingCalendar;
call.setCalendar(Calendar.china());
// @ts-expect-error: a due time may be null
const dueTime: number = view.countdowns[0].due.getTime();
console.log(dues, waitsFor, dueTime);
const wake: Date | undefined = call.nextWakeup(Date.now());
for (const rem of call.pollReminders(Date.now())) {
  const to: string = rem.to.map((t) => t.role).join();
  const at: Date = rem.event.at;
  console.log(to, at, rem.mark);
}
// @ts-expect-error: lights are a union
const purple: Light = "purple";

const board = Board.withPolicy(policy);
board.raise({ ...raised, call: "C2" });
const frame: BoardFrame = board.at(Date.now());
for (let i = 0; i < frame.length; i++) {
  const light: Light = frame.lights[frame.light[i]];
  const stage: Stage = frame.stages[frame.stage[i]];
  const remaining: number = frame.remaining[i];
  console.log(light, stage, remaining, board.ids()[frame.call[i]]);
}

try {
  cal.isWorkingDay("2031-01-01");
} catch (e) {
  const err = e as HuyingError;
  const code: string = err.code;
  if (err.name === "CalendarNotCoveredError") console.log(code);
  // @ts-expect-error: not an error name of this package
  if (err.name === "OopsError") console.log(code);
}

await initWeb();
WebCalendar.china().isWorkingDay("2025-09-28");

console.log(working, next, n, due, text, dept, centre, state, lights, stages, wake, purple, incomplete, badRole, blamed, onTime, skipped);
