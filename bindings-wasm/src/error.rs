//! Errors for JavaScript: real `Error` objects with a `name` and a stable
//! `code`, never strings.
//!
//! Each core error's `name` is its family's ([`huying::ErrorKind`]) with
//! `Error`, as in Python: `CalendarNotCoveredError` (a `RangeError`, as is
//! `OutOfRangeError`), `CalendarDataError`, `CalendarNoticeError`,
//! `ScheduleError`, `NoScheduleError`, `LimitParseError`, `ClockError`,
//! `CatalogValidationError`, `CatalogReadError`, `CatalogUsageError`,
//! `CatalogLookupError`, `NotAuthorizedError`, `CallPolicyError`,
//! `TransitionError`, `LogLineError`, `LogReadError`, `ReportConfigError`.
//! The binding's own: `InputError` (`input.*`: a `TypeError` for a wrong
//! type, a `RangeError` for a value out of range) and `BoardError`.
//!
//! Every error also carries `code` (e.g. `"calendar.not_covered"`); some carry
//! `details` (e.g. the problems found in a list).

use huying::ErrorKind;
use wasm_bindgen::JsValue;

/// The base class an error is created from.
#[derive(Clone, Copy)]
pub(crate) enum Base {
    Error,
    Range,
    Type,
}

/// The `name` of an error: its family's ([`huying::ErrorKind`]) with
/// `Error` (`calendar.not_covered` → `CalendarNotCoveredError`), the same
/// class name as in Python and Java; a binding's own code (`input.*`,
/// `board.*`) takes its area's (`InputError`, `BoardError`).
fn name_of(code: &str) -> String {
    if ErrorKind::of_code(code) != ErrorKind::Other {
        return format!("{}Error", ErrorKind::of_code(code).name());
    }
    let area = code.split('.').next().unwrap_or("huying");
    let mut name = String::with_capacity(area.len() + 5);
    let mut upper = true;
    for c in area.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            name.extend(c.to_uppercase());
            upper = false;
        } else {
            name.push(c);
        }
    }
    name.push_str("Error");
    name
}

/// The base class of a family, by an exhaustive match: a new family does
/// not build until it has one.
fn base_of_kind(kind: ErrorKind) -> Base {
    match kind {
        ErrorKind::CalendarNotCovered | ErrorKind::OutOfRange => Base::Range,
        ErrorKind::CalendarData
        | ErrorKind::CalendarNotice
        | ErrorKind::Schedule
        | ErrorKind::NoSchedule
        | ErrorKind::LimitParse
        | ErrorKind::Clock
        | ErrorKind::CatalogValidation
        | ErrorKind::CatalogRead
        | ErrorKind::CatalogUsage
        | ErrorKind::CatalogLookup
        | ErrorKind::NotAuthorized
        | ErrorKind::CallPolicy
        | ErrorKind::Transition
        | ErrorKind::LogLine
        | ErrorKind::LogRead
        | ErrorKind::ReportConfig
        | ErrorKind::Other => Base::Error,
    }
}

fn base_of(code: &str) -> Base {
    match code {
        "input.out_of_range" => Base::Range,
        c if c.starts_with("input.") => Base::Type,
        c => base_of_kind(ErrorKind::of_code(c)),
    }
}

/// An `Error` (or `RangeError`/`TypeError`) with `name`, `code` and `message`.
pub(crate) fn make(code: &str, message: &str) -> js_sys::Error {
    let err: js_sys::Error = match base_of(code) {
        Base::Error => js_sys::Error::new(message),
        Base::Range => js_sys::RangeError::new(message).into(),
        Base::Type => js_sys::TypeError::new(message).into(),
    };
    err.set_name(&name_of(code));
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
    err
}

/// Attaches `details` (any JS value) to an error.
pub(crate) fn with_details(err: js_sys::Error, details: &JsValue) -> js_sys::Error {
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("details"), details);
    err
}

/// An input error: a wrong type (`TypeError`) or a value out of range.
pub(crate) fn input(code: &str, message: impl AsRef<str>) -> JsValue {
    make(code, message.as_ref()).into()
}

/// Any core error with a stable code.
pub(crate) trait Coded: std::fmt::Display {
    fn err_code(&self) -> &'static str;
    /// Where the error is, for errors that know (a line and column).
    fn details(&self) -> Option<JsValue> {
        None
    }
}

impl Coded for huying::calendar::CalendarError {
    fn err_code(&self) -> &'static str {
        self.code()
    }
    fn details(&self) -> Option<JsValue> {
        use huying::calendar::CalendarError as E;
        match self {
            E::BadNotice {
                source_name,
                line,
                column,
                ..
            } => Some(
                crate::js::Obj::new()
                    .str("source", source_name)
                    .num("line", *line as f64)
                    .num("column", *column as f64)
                    .into(),
            ),
            E::BadData {
                source_name,
                line,
                field,
                ..
            } => Some(
                crate::js::Obj::new()
                    .str("source", source_name)
                    .num("line", *line as f64)
                    .str("field", field)
                    .into(),
            ),
            _ => None,
        }
    }
}

macro_rules! coded {
    ($($t:ty),*) => {$(
        impl Coded for $t {
            fn err_code(&self) -> &'static str {
                self.code()
            }
        }
    )*};
}
coded!(
    huying::Error,
    huying::sla::LimitError,
    huying::sla::ClockError,
    huying::catalog::CatalogError,
    huying::call::CallError,
    huying::compliance::LogError
);

/// Converts a core error to a JS error.
pub(crate) fn core<E: Coded>(e: E) -> JsValue {
    let err = make(e.err_code(), &e.to_string());
    match e.details() {
        Some(d) => with_details(err, &d).into(),
        None => err.into(),
    }
}

/// `Result<T, E>` → `Result<T, JsValue>` for core errors.
pub(crate) trait OrThrow<T> {
    fn or_throw(self) -> Result<T, JsValue>;
}

impl<T, E: Coded> OrThrow<T> for Result<T, E> {
    fn or_throw(self) -> Result<T, JsValue> {
        self.map_err(core)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_area() {
        assert_eq!(name_of("calendar.not_covered"), "CalendarNotCoveredError");
        assert_eq!(name_of("call.wrong_role"), "NotAuthorizedError");
        assert_eq!(name_of("input.bad_date"), "InputError");
        assert_eq!(name_of("call_x.y"), "CallXError");
    }
}
