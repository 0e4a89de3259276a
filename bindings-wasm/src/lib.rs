//! # huying (WebAssembly)
//!
//! The JavaScript face of Huying (呼应) for browsers and Node, built with
//! wasm-bindgen. Thin: every function converts its arguments, calls the core
//! crate and converts the answer; no domain rule lives here.
//!
//! JS idiom: camelCase names; instants in as `Date` or epoch milliseconds and
//! out as `Date`; calendar days in and out as `"YYYY-MM-DD"` strings (a `Date`
//! or epoch milliseconds is also accepted as a day: its date in China);
//! errors thrown as real `Error` objects with `name` and `code` (see
//! [`error`]). Nothing here panics: the workspace lints deny `unwrap`,
//! `expect`, `panic!` and indexing.
//!
//! | JS class | core |
//! | --- | --- |
//! | `Calendar`, `Deadline` | `huying::calendar`, `huying::sla` |

mod calendar;
mod error;
mod js;
mod time;

pub use calendar::{Calendar, Deadline};

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
/** The `name` of every error Huying throws. */
export type HuyingErrorName = "CalendarError" | "LimitError" | "ClockError" | "CatalogError" | "CallError" | "InputError";
/** Every error Huying throws is an `Error` (a `RangeError` or `TypeError` where it fits) with these fields. */
export interface HuyingError extends Error {
  name: HuyingErrorName;
  /** A stable dotted code such as `"calendar.not_covered"`. */
  code: string;
  /** Structured details where there are some (e.g. the problems found in a list). */
  details?: unknown;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `"zh"` or `"en"`.
    #[wasm_bindgen(typescript_type = "Lang")]
    pub type LangArg;
}

pub(crate) mod lang {
    use super::LangArg;
    use wasm_bindgen::JsValue;

    /// The language from an optional argument (default Chinese).
    pub(crate) fn parse(v: Option<LangArg>) -> Result<huying::Lang, JsValue> {
        let Some(v) = v else {
            return Ok(huying::Lang::Zh);
        };
        let v: &JsValue = &v;
        if v.is_undefined() || v.is_null() {
            return Ok(huying::Lang::Zh);
        }
        match v.as_string() {
            Some(s) => s
                .parse()
                .map_err(|e: String| crate::error::input("input.bad_value", e)),
            None => Err(crate::error::input(
                "input.bad_value",
                format!(
                    "lang: expected \"zh\" or \"en\", got {}",
                    crate::time::describe(v)
                ),
            )),
        }
    }
}
