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

mod board;
mod calendar;
mod call;
mod catalog;
#[cfg(feature = "full")]
mod compliance;
mod error;
pub mod frame;
mod js;
#[cfg(feature = "full")]
mod tables;
mod time;
mod types;

pub use board::Board;
pub use calendar::{Calendar, Deadline, parse_notice};
pub use call::{Call, CallPolicy};
pub use catalog::Catalog;
#[cfg(feature = "full")]
pub use compliance::compliance_report;
#[cfg(feature = "full")]
pub use tables::import_list;

use wasm_bindgen::prelude::*;

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
