//! The TypeScript types of the package that wasm-bindgen cannot derive:
//! string unions for codes (stages, lights, roles, states, events), the
//! shapes of plain objects crossing the boundary, and the error interface.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** An instant: a `Date` or milliseconds since the Unix epoch. */
export type Instant = Date | number;
/** A calendar day: `"YYYY-MM-DD"`, or a `Date` / epoch milliseconds (its date in China, UTC+08:00). */
export type Day = string | Date | number;
/** The language of texts: Chinese (default) or English. */
export type Lang = "zh" | "en";
/** When a day limit ends on its last day: 24:00 (the law) or close of business (needs a schedule). */
export type DayEnd = "midnight" | "close_of_business";
/** The kind of a day on the official calendar. */
export type DayKindCode = "working_day" | "weekend" | "holiday" | "working_day_in_lieu" | "local_rest_day";
/** What a day is, with the festival behind it and a description in both languages. */
export interface DayInfo {
  kind: DayKindCode;
  working: boolean;
  festival: { zh: string; en: string } | null;
  zh: string;
  en: string;
}

/** The days a calendar covers. */
export interface Coverage { first: string; last: string }
/** The calendar's coverage ends within the window (or has ended): warn, and load the next year's notice. */
export interface CoverageWarning {
  /** The last covered day. */
  last: string;
  /** Days from `today` to `last` (negative once it has passed). */
  daysLeft: number;
  /** The year whose notice must be loaded. */
  yearNeeded: number;
  /** The warning in Chinese and in English. */
  zh: string;
  en: string;
}
/** A day a State Council notice names. */
export interface NoticeDay { date: string; kind: "holiday" | "workday"; festival: string }

/** A stage of a call, each with its own clock: dispatch (30 min), arrival on site (3 h), reply (3 working days). */
export type Stage = "dispatch" | "arrival" | "reply";
/** A countdown's light: green on track, yellow past the warning fraction, red past due, grey while the calendar does not cover the due time. */
export type Light = "green" | "yellow" | "red" | "grey";
/** Who acts on a call. */
export type Role = "township" | "command_centre" | "department" | "system";
/** How a call was raised. */
export type Channel = "video" | "text";
/** The state of a call. */
export type StateKind = "raised" | "acknowledged" | "returned" | "dispatched" | "signed" | "arrived" | "rework" | "replied" | "evaluated" | "closed" | "withdrawn";
/** The type of an event. */
export type EventType = "raised" | "acknowledged" | "dispatched" | "signed" | "returned" | "arrived" | "replied" | "evaluated" | "closed" | "withdrawn" | "supervised" | "extension_requested" | "extension_granted" | "extension_denied" | "paused" | "resumed" | "reminder_sent";
/** A reminder mark: a percent of the limit (`"50%"`) or the due time (`"breach"`). */
export type Mark = `${number}%` | "breach";
/** Who did something: a role and the unit acting in it. */
export interface Actor { role: Role; unit: string }

interface EventBase<At> {
  /** The call's id. */
  call: string;
  /** When it happened. */
  at: At;
  actor: Actor;
  /** An optional event id. */
  id?: string;
  /** The schema version (1). */
  v?: 1;
}
type EventFacts =
  | { type: "raised"; township: string; matter: string; channel: Channel }
  | { type: "acknowledged" | "signed" | "arrived" | "closed" }
  | { type: "dispatched"; department: string; supporting?: string[] }
  | { type: "returned"; reason: string }
  | { type: "withdrawn"; reason?: string }
  | { type: "replied"; result: string }
  | { type: "evaluated"; satisfied: boolean; comment?: string }
  | { type: "supervised"; stage: Stage; note?: string }
  | { type: "extension_requested"; stage: Stage; extra: string; reason: string }
  | { type: "extension_granted"; stage: Stage; extra?: string }
  | { type: "extension_denied"; stage: Stage; reason?: string }
  | { type: "paused"; stage: Stage; reason: string }
  | { type: "resumed"; stage: Stage }
  | { type: "reminder_sent"; stage: Stage; round: number; mark: Mark };
/** An event to record: `at` a `Date`, epoch milliseconds or an RFC 3339 string (or the whole event as one JSON line). */
export type CallEventInput = (EventBase<Instant | string> & EventFacts) | string;
/** An event as recorded (`at` is a `Date`). */
export type CallEvent = EventBase<Date> & EventFacts & { v: 1 };

/** A running countdown. Durations are milliseconds, in the limit's own measure (working-day limits: 24 h per working day). */
export interface Countdown {
  stage: Stage;
  round: number;
  /** The unit that answers for it. */
  unit: string | null;
  /** The limit with extensions, e.g. `"3wd"`. */
  limit: string;
  started: Date;
  /** `null` while the calendar does not cover the due time (see `pendingCalendar`). */
  due: Date | null;
  elapsed: number;
  remaining: number;
  /** Natural milliseconds past due. */
  overrun: number;
  /** The share of the limit used (may exceed 1). */
  fraction: number;
  light: Light;
  paused: boolean;
  /** How often the stage was supervised. */
  supervised: number;
  /** The year whose notice must be loaded before the due time is known, or `null`. */
  pendingCalendar: number | null;
}
/** A reminder (SMS) to send. */
export interface Reminder {
  /** A stable id: call/stage/round/mark. */
  id: string;
  call: string;
  stage: Stage;
  round: number;
  mark: Mark;
  due: Date;
  to: { role: Role; unit: string | null }[];
  /** The `reminder_sent` event for the log. */
  event: CallEvent;
}
/** A stage past due and still running. */
export interface Overdue { stage: Stage; round: number; unit: string | null; due: Date; overrun: number; supervised: number }
/** A pending extension request. */
export interface PendingExtension { stage: Stage; round: number; extra: string; reason: string; asked: Date }
/** What to show and do for one call at an instant. */
export interface CallView {
  call: string;
  now: Date;
  state: StateKind;
  /** Whether the alarm rings (raised or returned, not yet acknowledged). */
  alarm: boolean;
  countdowns: Countdown[];
  /** Reminders due and not yet sent. */
  reminders: Reminder[];
  supervise: Overdue[];
  extension: PendingExtension | null;
  /** The events the state accepts next. */
  expected: EventType[];
  /** When anything shown changes next, or `null`. */
  nextWakeup: Date | null;
  /** The earliest year a countdown waits for (load its notice), or `null`. */
  pendingCalendar: number | null;
}
/** Whether an ended stage clock was met. */
export interface Verdict {
  stage: Stage; round: number; unit: string | null; limit: string;
  started: Date; due: Date; stopped: Date;
  outcome: "met" | "missed";
  overrun: number; cancelled: boolean; extended: boolean; supervised: number;
}

/**
 * Every running countdown of a board at an instant, column by column: entry
 * `i` of each array describes countdown `i`. Times are epoch milliseconds.
 */
export interface BoardFrame {
  length: number;
  now: Date;
  /** The index of the call in `board.ids()`. */
  call: Uint32Array;
  /** 0 dispatch, 1 arrival, 2 reply: `frame.stages[frame.stage[i]]`. */
  stage: Uint8Array;
  /** 0 green, 1 yellow, 2 red, 3 grey: `frame.lights[frame.light[i]]`. */
  light: Uint8Array;
  /** 1 if paused. */
  paused: Uint8Array;
  /** NaN while the calendar does not cover the due time. */
  due: Float64Array;
  remaining: Float64Array;
  overrun: Float64Array;
  fraction: Float64Array;
  /** Calls that cannot be shown at `now` (e.g. `now` before their latest event). */
  errors: { index: number; call: string; error: HuyingError }[];
  /** The stage of each code. */
  stages: readonly ["dispatch", "arrival", "reply"];
  /** The light of each code. */
  lights: readonly ["green", "yellow", "red", "grey"];
}
/** One countdown of a board, as an object. */
export interface BoardRowInfo extends Countdown { call: string }

/** The level of a unit. */
export type UnitLevelCode = "county" | "township" | "village" | "grid";
/** The kind of a unit. */
export type UnitKindCode = "party_organ" | "gov_office" | "platform" | "department" | "stationed_city_branch" | "sub_unit" | "institution" | "enterprise" | "township" | "street_office" | "stationed_agency";
/** A kind of duty on the list. */
export type DutyKindCode = "patrol" | "report" | "dissuade" | "assist_enforcement" | "coordinate" | "publicize" | "ledger" | "verify" | "organize" | "first_response" | "supervise_rectify" | "mediate";
/** A unit of the list. */
export interface UnitInfo {
  id: string; nameZh: string; nameEn: string;
  level: UnitLevelCode; kind: UnitKindCode;
  /** For a stationed agency: its county department. */
  department: string | null;
  /** For a stationed agency: its township. */
  township: string | null;
}
/** A duty: who holds it (a unit id or `"territorial"`) and the kinds of work. */
export interface DutyInfo { holder: string; kinds: DutyKindCode[]; textZh: string }
/** A matter of the list. */
export interface MatterInfo {
  id: string; domain: string; nameZh: string; nameEn: string;
  /** Whether the township where it arises holds the primary duty (属地). */
  territorial: boolean;
  primary: DutyInfo;
  supporting: DutyInfo[];
  /** The stage limits for this matter. */
  limits: Record<Stage, string>;
}
/** Who answers for a matter in a township, per the edition in force. */
export interface Resolution {
  edition: string;
  matter: MatterInfo;
  township: UnitInfo;
  /** The primary duty holder: a stationed agency, a department, or the township. */
  primary: UnitInfo;
  /** The county department behind a stationed agency. */
  department: UnitInfo | null;
  supporting: { unit: UnitInfo; kinds: DutyKindCode[]; textZh: string }[];
}
/** Whether a county unit may hand a duty down to a township (`Catalog.admit`). */
export interface AdmissionInfo {
  decision: "admitted" | "refused" | "needs_approval";
  /** `township_primary`, `township_duty`, `duty_not_listed`, `no_township_duty` or `not_on_list`. */
  reason: string;
  /** For `duty_not_listed`: the duties the list does give the township. */
  listed: DutyKindCode[] | null;
  matter: string | null;
  duty: DutyKindCode;
  edition: string;
  explainZh: string;
  explainEn: string;
}
/** Who answers for a missed stage or duty (`Catalog.accountable`). */
export interface AccountabilityInfo {
  /** `stage:reply`, `duty:patrol`, … */
  breach: string;
  units: UnitInfo[];
  /** The county department behind a stationed agency. */
  department: UnitInfo | null;
  edition: string;
  explainZh: string;
  explainEn: string;
}
/** Counts of stage (or call) statuses. */
export interface StatusCounts { met: number; missed: number; open_overdue: number; open_on_track: number; not_due: number; undetermined: number }
/** A rate: numerator, denominator and their quotient (`null` when nothing counts). */
export interface RateInfo { num: number; den: number; rate: number | null }
/** One row of a compliance report (the total, a group or a department). */
export interface ReportRow {
  key: { id: string; name_zh: string; name_en: string }[];
  calls: number;
  status: StatusCounts;
  on_time_rate: number | null;
  stages: Record<Stage, { status: StatusCounts; on_time_rate: number | null; missed_overrun_secs: number; timed: number; median_secs: number | null; p90_secs: number | null; exact: boolean }>;
  response: RateInfo; resolution: RateInfo; satisfaction: RateInfo;
  withdrawn: number; returned: number; reopened: number; paused: number; extended: number; supervised: number;
}
/** A compliance report in its JSON form: the keys of the Rust and Python reports (snake_case). */
export interface ComplianceReport {
  as_of: string | null;
  by: string[];
  total: ReportRow;
  groups: ReportRow[];
  evaluation: { ranking: { rank: number; department: { id: string; name_zh: string; name_en: string }; score: number; calls: number }[]; [k: string]: unknown };
  accountability: { unit: { id: string; name_zh: string; name_en: string }; department: { id: string } | null; missed: Record<Stage, number>; total: number }[];
  input: { lines: number; events: number; calls: number; skipped: number; bad_lines: { line: number; call: string | null; kind: string; code: string; message: string }[]; [k: string]: unknown };
  [k: string]: unknown;
}
/** An edition of the list: the original or a revision. */
export interface EditionInfo { id: string; reference: string; titleZh: string; effective: string; start: Date; matters: number }

/** The `name` of every error Huying throws. */
export type HuyingErrorName =
  | "CalendarNotCoveredError" | "CalendarDataError" | "CalendarNoticeError" | "ScheduleError" | "NoScheduleError"
  | "OutOfRangeError" | "LimitParseError" | "ClockError" | "CatalogValidationError" | "CatalogReadError"
  | "CatalogUsageError" | "CatalogLookupError" | "NotAuthorizedError" | "CallPolicyError" | "TransitionError"
  | "LogLineError" | "LogReadError" | "ReportConfigError" | "HuyingError" | "BoardError" | "InputError";
/** Every error Huying throws is an `Error` (a `RangeError` or `TypeError` where it fits) with these fields. */
export interface HuyingError extends Error {
  name: HuyingErrorName;
  /** A stable dotted code such as `"calendar.not_covered"` or `"call.not_authorized"`. */
  code: string;
  /** For `catalog.invalid`: every problem found in the list; for
   * `calendar.bad_notice` and `calendar.bad_data`: where in the text. */
  details?: CatalogProblem[] | { source: string; line: number; column?: number; field?: string };
}
/** What `importList` is told: the date the list takes effect, and optionally its approval reference (文号), where its units are (a units sheet's bytes, or a `Catalog`; default: the workbook's sheet 单位) and the file's name for the problems. */
export interface ImportListOptions {
  effective: Day;
  reference?: string;
  units?: Uint8Array | Catalog;
  file?: string;
}
/** Something an import understood that the sheet did not say in so many words, at a cell. */
export interface ImportGuess { cell: string; text: string; meaningEn: string; meaningZh: string }
/** A list read from the officials' sheet, with the warnings (`problems`, the cell in `field`) and guesses of the import. */
export interface ImportedList {
  catalog: Catalog;
  problems: CatalogProblem[];
  guesses: ImportGuess[];
  file: string;
  headerRow: number;
  rowsRead: number;
  reportZh: string;
  reportEn: string;
}
/** A problem found in a responsibility list: where, what, in both languages. */
export interface CatalogProblem {
  /** A stable code such as `"catalog.unknown_unit"`. */
  code: string;
  file: string;
  /** The 1-based row, where the format has rows. */
  row: number | null;
  /** The column or JSON path. */
  field: string;
  messageEn: string;
  messageZh: string;
}
"#;
