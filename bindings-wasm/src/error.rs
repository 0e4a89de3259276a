//! Errors for JavaScript: real `Error` objects with a `name` and a stable
//! `code`, never strings.
//!
//! | code prefix | `name` | base class |
//! | --- | --- | --- |
//! | `calendar.*` | `CalendarError` | `RangeError` for `not_covered` / `out_of_range`, else `Error` |
//! | `limit.*` | `LimitError` | `Error` |
//! | `clock.*` | `ClockError` | `Error` |
//! | `catalog.*` | `CatalogError` | `Error` |
//! | `call.*` | `CallError` | `Error` |
//! | `input.*` | `InputError` | `TypeError` for a wrong type, `RangeError` for a value out of range |
//!
//! Every error also carries `code` (e.g. `"calendar.not_covered"`); some carry
//! `details` (e.g. the problems found in a list).

use wasm_bindgen::JsValue;

/// The base class an error is created from.
#[derive(Clone, Copy)]
pub(crate) enum Base {
    Error,
    Range,
    Type,
}

/// The `name` of an error from its code's area: `calendar.x` → `CalendarError`.
fn name_of(code: &str) -> String {
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

fn base_of(code: &str) -> Base {
    match code {
        "calendar.not_covered" | "calendar.out_of_range" | "input.out_of_range" => Base::Range,
        c if c.starts_with("input.") => Base::Type,
        _ => Base::Error,
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
        assert_eq!(name_of("calendar.not_covered"), "CalendarError");
        assert_eq!(name_of("input.bad_date"), "InputError");
        assert_eq!(name_of("call_x.y"), "CallXError");
    }
}
