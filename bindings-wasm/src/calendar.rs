//! `Calendar` and `Deadline`: the official calendar and working-day SLA
//! arithmetic (`huying::calendar`, `huying::sla`).

use huying::calendar::{Calendar as CoreCalendar, DayKind};
use huying::sla::{DayEnd, Deadline as CoreDeadline, Limit};
use wasm_bindgen::prelude::*;

use crate::error::{self, OrThrow};
use crate::js::Obj;
use crate::time::{self, DayArg, InstantArg};
use crate::{LangArg, lang};

/// The official working-day calendar (mainland China, 2004–2026 embedded).
#[wasm_bindgen]
#[derive(Clone)]
pub struct Calendar {
    pub(crate) inner: CoreCalendar,
}

/// Reads a limit such as `"3wd"`, `"30m"`, `"3个工作日"`.
pub(crate) fn limit(text: &str) -> Result<Limit, JsValue> {
    text.parse::<Limit>().or_throw()
}

/// A whole number from a JS number.
pub(crate) fn whole(n: f64, what: &str) -> Result<i64, JsValue> {
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= 9.0e15 {
        Ok(n as i64)
    } else {
        Err(error::input(
            "input.out_of_range",
            format!("{what}: expected a whole number, got {n}"),
        ))
    }
}

#[wasm_bindgen]
extern "C" {
    /// `"midnight"` or `"close_of_business"`.
    #[wasm_bindgen(typescript_type = "DayEnd")]
    pub type DayEndArg;
}

pub(crate) fn day_end(policy: Option<&JsValue>) -> Result<DayEnd, JsValue> {
    let Some(v) = policy.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(DayEnd::Midnight);
    };
    match v.as_string().map(|s| s.parse::<DayEnd>()) {
        Some(Ok(policy)) => Ok(policy),
        _ => Err(error::input(
            "input.bad_value",
            format!(
                "dayEnd: expected \"midnight\" or \"close_of_business\", got {}",
                time::describe(v)
            ),
        )),
    }
}

fn day_kind_obj(kind: &DayKind) -> JsValue {
    let festival = match kind.festival() {
        Some(f) => Obj::new()
            .str("zh", &f.name_zh)
            .str("en", &f.name_en)
            .into(),
        None => JsValue::NULL,
    };
    Obj::new()
        .str("kind", kind.code())
        .bool("working", kind.is_working())
        .val("festival", &festival)
        .str("zh", &kind.describe(huying::Lang::Zh))
        .str("en", &kind.describe(huying::Lang::En))
        .into()
}

#[wasm_bindgen]
impl Calendar {
    /// Mainland China from the State Council's notices (2004–2026).
    pub fn china() -> Calendar {
        Calendar {
            inner: CoreCalendar::china(),
        }
    }

    /// The calendar's name, e.g. `"mainland China"`.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The version of the embedded data.
    #[wasm_bindgen(getter, js_name = dataVersion)]
    pub fn data_version(&self) -> String {
        self.inner.data_version().to_string()
    }

    /// The first covered year.
    #[wasm_bindgen(getter, js_name = firstYear)]
    pub fn first_year(&self) -> i32 {
        *self.inner.years().start()
    }

    /// The last covered year.
    #[wasm_bindgen(getter, js_name = lastYear)]
    pub fn last_year(&self) -> i32 {
        *self.inner.years().end()
    }

    /// Whether the day's year is covered.
    pub fn covers(&self, day: &DayArg) -> Result<bool, JsValue> {
        Ok(self.inner.covers(time::day(day, "day")?))
    }

    /// Whether the day is a working day. Throws `calendar.not_covered`
    /// (a `RangeError`) for a year the data does not cover.
    #[wasm_bindgen(js_name = isWorkingDay)]
    pub fn is_working_day(&self, day: &DayArg) -> Result<bool, JsValue> {
        self.inner.is_working_day(time::day(day, "day")?).or_throw()
    }

    /// The kind of the day, its festival and a description in both languages.
    #[wasm_bindgen(js_name = dayKind, unchecked_return_type = "DayInfo")]
    pub fn day_kind(&self, day: &DayArg) -> Result<JsValue, JsValue> {
        let kind = self.inner.day_kind(time::day(day, "day")?).or_throw()?;
        Ok(day_kind_obj(&kind))
    }

    /// The day `n` working days after `day` (before it for negative `n`),
    /// not counting `day` itself, as `"YYYY-MM-DD"`.
    #[wasm_bindgen(js_name = addWorkingDays)]
    pub fn add_working_days(&self, day: &DayArg, n: f64) -> Result<String, JsValue> {
        let d = time::day(day, "day")?;
        let n = whole(n, "n")?;
        Ok(time::day_text(
            self.inner.add_working_days(d, n).or_throw()?,
        ))
    }

    /// The number of working days in `(a, b]` (negative if `b` is before `a`).
    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(&self, a: &DayArg, b: &DayArg) -> Result<f64, JsValue> {
        let (a, b) = (time::day(a, "a")?, time::day(b, "b")?);
        Ok(self.inner.working_days_between(a, b).or_throw()? as f64)
    }

    /// The first working day after `day`, as `"YYYY-MM-DD"`.
    #[wasm_bindgen(js_name = nextWorkingDay)]
    pub fn next_working_day(&self, day: &DayArg) -> Result<String, JsValue> {
        let d = self
            .inner
            .next_working_day(time::day(day, "day")?)
            .or_throw()?;
        Ok(time::day_text(d))
    }

    /// The last working day before `day`, as `"YYYY-MM-DD"`.
    #[wasm_bindgen(js_name = previousWorkingDay)]
    pub fn previous_working_day(&self, day: &DayArg) -> Result<String, JsValue> {
        let d = self
            .inner
            .previous_working_day(time::day(day, "day")?)
            .or_throw()?;
        Ok(time::day_text(d))
    }

    /// The deadline of `limit` (`"30m"`, `"3h"`, `"3d"`, `"3wd"`, `"4wh"`,
    /// `"3个工作日"`…) from `start`, counted as the law counts. `dayEnd` is
    /// `"midnight"` (default) or `"close_of_business"` (needs a schedule).
    pub fn deadline(
        &self,
        start: &InstantArg,
        limit: &str,
        #[wasm_bindgen(js_name = dayEnd)] day_end_: Option<DayEndArg>,
    ) -> Result<Deadline, JsValue> {
        let start = time::instant(start, "start")?;
        let limit = self::limit(limit)?;
        let inner = self
            .inner
            .deadline_with(
                start,
                &limit,
                day_end(day_end_.as_ref().map(AsRef::as_ref))?,
            )
            .or_throw()?;
        Ok(Deadline { inner })
    }

    /// The due instant only (no explanation): the fast path.
    pub fn due(
        &self,
        start: &InstantArg,
        limit: &str,
        #[wasm_bindgen(js_name = dayEnd)] day_end_: Option<DayEndArg>,
    ) -> Result<js_sys::Date, JsValue> {
        let start = time::instant(start, "start")?;
        let limit = self::limit(limit)?;
        let due = self
            .inner
            .due(
                start,
                &limit,
                day_end(day_end_.as_ref().map(AsRef::as_ref))?,
            )
            .or_throw()?;
        Ok(time::date(&due))
    }

    /// A copy of this calendar with office hours: a timetable such as
    /// `"08:30-12:00,14:00-17:30"` or a schedule JSON object (seasons, dates).
    #[wasm_bindgen(js_name = withSchedule)]
    pub fn with_schedule(&self, schedule: &str) -> Result<Calendar, JsValue> {
        let schedule: huying::hours::Schedule = schedule.parse().or_throw()?;
        Ok(Calendar {
            inner: self.inner.with_schedule(schedule).or_throw()?,
        })
    }

    /// Whether `t` falls inside office hours (needs a schedule).
    #[wasm_bindgen(js_name = isWorkingTime)]
    pub fn is_working_time(&self, t: &InstantArg) -> Result<bool, JsValue> {
        self.inner
            .is_working_time(time::instant(t, "t")?)
            .or_throw()
    }

    /// Adds a year from the State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知),
    /// as published, or a separate notice changing a covered year; returns
    /// the notice's year. A text that cannot be read or does not agree with
    /// itself throws `calendar.bad_notice` with `details: {line, column}`;
    /// the calendar is then unchanged.
    #[wasm_bindgen(js_name = extendFromNotice)]
    pub fn extend_from_notice(&mut self, text: &str) -> Result<i32, JsValue> {
        Ok(self.inner.extend_from_notice(text).or_throw()?.year())
    }

    /// The first and last covered days, as `"YYYY-MM-DD"`.
    #[wasm_bindgen(unchecked_return_type = "Coverage")]
    pub fn coverage(&self) -> JsValue {
        let r = self.inner.coverage();
        Obj::new()
            .str("first", &time::day_text(*r.start()))
            .str("last", &time::day_text(*r.end()))
            .into()
    }

    /// A warning when the covered range ends within `withinDays` (default
    /// 30) days of `today`, or has ended; `null` otherwise. `today` is the
    /// caller's (the board passes its clock).
    #[wasm_bindgen(js_name = coverageWarning, unchecked_return_type = "CoverageWarning | null")]
    pub fn coverage_warning(
        &self,
        today: &DayArg,
        #[wasm_bindgen(js_name = withinDays)] within_days: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let today = time::day(today, "today")?;
        coverage_warning(&self.inner, today, within_days)
    }

    /// Adds a year's notice as JSON (the format of `Calendar::extend_from_json`).
    #[wasm_bindgen(js_name = extendFromJson)]
    pub fn extend_from_json(&mut self, text: &str, source: Option<String>) -> Result<(), JsValue> {
        let source = source.unwrap_or_else(|| "json".into());
        self.inner.extend_from_json(text, &source).or_throw()
    }

    /// Adds a year's notice as TSV rows `date	kind	name	name_zh`.
    #[wasm_bindgen(js_name = extendFromTsv)]
    pub fn extend_from_tsv(&mut self, text: &str, source: Option<String>) -> Result<(), JsValue> {
        let source = source.unwrap_or_else(|| "tsv".into());
        self.inner.extend_from_tsv(text, &source).or_throw()
    }
}

/// A computed deadline that can explain itself.
#[wasm_bindgen]
pub struct Deadline {
    inner: CoreDeadline,
}

#[wasm_bindgen]
impl Deadline {
    /// The instant the limit ends (24:00 of a day is 00:00 of the next).
    #[wasm_bindgen(getter)]
    pub fn due(&self) -> js_sys::Date {
        time::date(&self.inner.due())
    }

    /// The triggering instant.
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> js_sys::Date {
        time::date(&self.inner.start())
    }

    /// The limit in its short form, e.g. `"3wd"`.
    #[wasm_bindgen(getter)]
    pub fn limit(&self) -> String {
        self.inner.limit().to_string()
    }

    /// The day-end policy used.
    #[wasm_bindgen(getter, js_name = dayEnd, unchecked_return_type = "DayEnd")]
    pub fn day_end(&self) -> String {
        match self.inner.policy() {
            DayEnd::CloseOfBusiness => "close_of_business",
            _ => "midnight",
        }
        .into()
    }

    /// The due time as people write it: `"2025-09-30 24:00"`.
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.inner.due_text()
    }

    /// The explanation: the rule, each day counted or skipped and why, the due time.
    pub fn explain(&self, lang: Option<LangArg>) -> Result<String, JsValue> {
        Ok(self.inner.explain(lang::parse(lang)?))
    }

    /// The same as `text`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.inner.due_text()
    }
}

/// The warning object of `Calendar.coverageWarning` (and `Board.calendarWarning`).
pub(crate) fn coverage_warning(
    cal: &CoreCalendar,
    today: chrono::NaiveDate,
    within_days: Option<f64>,
) -> Result<JsValue, JsValue> {
    let within = match within_days {
        None => 30,
        Some(n) => u32::try_from(whole(n, "withinDays")?).map_err(|_| {
            error::input(
                "input.out_of_range",
                format!("withinDays: expected 0 or more, got {n}"),
            )
        })?,
    };
    Ok(match cal.coverage_warning(today, within) {
        None => JsValue::NULL,
        Some(w) => Obj::new()
            .str("last", &time::day_text(w.last))
            .num("daysLeft", w.days_left as f64)
            .num("yearNeeded", f64::from(w.year_needed))
            .str("zh", &w.message(huying::Lang::Zh))
            .str("en", &w.message(huying::Lang::En))
            .into(),
    })
}

/// Reads the State Council's holiday notice (as published) into its days,
/// in date order: `{date: "YYYY-MM-DD", kind: "holiday" | "workday", festival}`
/// (`festival` in Chinese). Throws `calendar.bad_notice` with
/// `details: {line, column}` when the text cannot be read or does not agree
/// with itself.
#[wasm_bindgen(js_name = parseNotice, unchecked_return_type = "NoticeDay[]")]
pub fn parse_notice(text: &str) -> Result<JsValue, JsValue> {
    let notice = huying::calendar::Notice::parse(text).or_throw()?;
    let days = notice.days().into_iter().map(|d| {
        let kind = match d.kind {
            huying::calendar::OverrideKind::Holiday => "holiday",
            huying::calendar::OverrideKind::Workday => "workday",
            huying::calendar::OverrideKind::Rest => "rest",
        };
        JsValue::from(
            Obj::new()
                .str("date", &time::day_text(d.date))
                .str("kind", kind)
                .str("festival", &d.festival.name_zh),
        )
    });
    Ok(crate::js::array(days).into())
}
