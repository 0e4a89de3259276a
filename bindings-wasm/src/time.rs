//! Time across the boundary: `Date` or epoch milliseconds in, `Date` out;
//! calendar days as `"YYYY-MM-DD"` strings (or the China date of an instant).

use chrono::{DateTime, FixedOffset, NaiveDate};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error;

#[wasm_bindgen]
extern "C" {
    /// An instant: a `Date` or milliseconds since the Unix epoch.
    #[wasm_bindgen(typescript_type = "Instant")]
    pub type InstantArg;

    /// A calendar day: `"YYYY-MM-DD"`, or a `Date` / epoch milliseconds
    /// (its date in China, UTC+08:00).
    #[wasm_bindgen(typescript_type = "Day")]
    pub type DayArg;
}

/// The largest |milliseconds| a JS `Date` can hold.
const MAX_DATE_MS: f64 = 8.64e15;

/// Epoch milliseconds of a `Date` or a number.
pub(crate) fn millis(v: &JsValue, what: &str) -> Result<f64, JsValue> {
    let ms = if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        d.get_time()
    } else if let Some(n) = v.as_f64() {
        n
    } else {
        return Err(error::input(
            "input.bad_instant",
            format!(
                "{what}: expected a Date or epoch milliseconds, got {}",
                describe(v)
            ),
        ));
    };
    if !ms.is_finite() || ms.abs() > MAX_DATE_MS {
        return Err(error::input(
            "input.out_of_range",
            format!("{what}: not a valid instant ({ms})"),
        ));
    }
    Ok(ms.floor())
}

/// An instant in China time from a `Date` or epoch milliseconds.
pub(crate) fn instant(v: &JsValue, what: &str) -> Result<DateTime<FixedOffset>, JsValue> {
    let ms = millis(v, what)?;
    from_millis(ms).ok_or_else(|| {
        error::input(
            "input.out_of_range",
            format!("{what}: not a valid instant ({ms})"),
        )
    })
}

/// An instant in China time from epoch milliseconds (already validated finite).
pub(crate) fn from_millis(ms: f64) -> Option<DateTime<FixedOffset>> {
    // `ms` is finite, whole and within ±8.64e15, so the cast is exact.
    DateTime::from_timestamp_millis(ms as i64).map(huying::to_china)
}

/// Epoch milliseconds of an instant.
pub(crate) fn to_millis<Tz: chrono::TimeZone>(t: &DateTime<Tz>) -> f64 {
    t.timestamp_millis() as f64
}

/// A `Date` for an instant.
pub(crate) fn date<Tz: chrono::TimeZone>(t: &DateTime<Tz>) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(to_millis(t)))
}

/// A calendar day from `"YYYY-MM-DD"`, a `Date` or epoch milliseconds.
pub(crate) fn day(v: &JsValue, what: &str) -> Result<NaiveDate, JsValue> {
    if let Some(s) = v.as_string() {
        return NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
            error::input(
                "input.bad_date",
                format!("{what}: cannot read {s:?} as a date; expected YYYY-MM-DD"),
            )
        });
    }
    if v.dyn_ref::<js_sys::Date>().is_some() || v.as_f64().is_some() {
        return Ok(instant(v, what)?.date_naive());
    }
    Err(error::input(
        "input.bad_date",
        format!(
            "{what}: expected \"YYYY-MM-DD\", a Date or epoch milliseconds, got {}",
            describe(v)
        ),
    ))
}

/// `"YYYY-MM-DD"`.
pub(crate) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A short description of a JS value for error messages.
pub(crate) fn describe(v: &JsValue) -> String {
    if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if let Some(s) = v.as_string() {
        format!("the string {s:?}")
    } else {
        v.js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}
