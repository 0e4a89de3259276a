//! The exception hierarchy: one root, `huying.HuyingError`, and one subclass
//! per core error kind, chosen by the core error's stable `code()` — never by
//! parsing its text. Input errors also subclass `ValueError`.
//!
//! The classes are made at import time with Python's `type()` so that they
//! can have two bases (`HuyingError` and `ValueError`), which
//! `create_exception!` cannot do.

use pyo3::exceptions::{PyException, PyLookupError, PyOSError, PyPermissionError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use huying::calendar::CalendarError;
use huying::sla::{ClockError, LimitError};

/// A standard-library base an exception class adds to `HuyingError`.
#[derive(Clone, Copy)]
enum Extra {
    None,
    Value,
    Lookup,
    Permission,
    OS,
}

/// Name, extra base, representative code and docstring of every subclass.
const CLASSES: &[(&str, Extra, &str, &str)] = &[
    (
        "CalendarNotCoveredError",
        Extra::Value,
        "calendar.not_covered",
        "A date outside the years the calendar covers (code calendar.not_covered): the answer would be a guess.",
    ),
    (
        "CalendarDataError",
        Extra::Value,
        "calendar.bad_data",
        "Calendar data that cannot be read or would leave a gap in the covered years (calendar.bad_data, calendar.not_contiguous).",
    ),
    (
        "ScheduleError",
        Extra::Value,
        "calendar.bad_schedule",
        "An office-hours schedule that cannot be read or used (calendar.bad_schedule).",
    ),
    (
        "NoScheduleError",
        Extra::None,
        "calendar.no_schedule",
        "A working-hours question asked of a calendar without office hours: call with_schedule first (calendar.no_schedule).",
    ),
    (
        "OutOfRangeError",
        Extra::Value,
        "calendar.out_of_range",
        "An instant or amount the arithmetic cannot represent (calendar.out_of_range).",
    ),
    (
        "LimitParseError",
        Extra::Value,
        "limit.parse",
        "A limit string that is not a limit, such as \"3 weeks\" (limit.parse).",
    ),
    (
        "ClockError",
        Extra::None,
        "clock.bad_state",
        "An SLA clock used out of order (clock.time_backwards, clock.bad_state, clock.unit_mismatch).",
    ),
    (
        "CatalogValidationError",
        Extra::Value,
        "catalog.invalid",
        "A responsibility list that does not validate; `problems` lists every problem with its file, row and field (catalog.invalid).",
    ),
    (
        "CatalogLookupError",
        Extra::Lookup,
        "catalog.unknown_matter",
        "A unit, matter, edition or duty that the responsibility list does not have (catalog.unknown_*, catalog.before_list, catalog.duty_not_listed).",
    ),
    (
        "CatalogReadError",
        Extra::OS,
        "catalog.read",
        "A list file that cannot be read: missing, unreadable, or not UTF-8 text (catalog.read).",
    ),
    (
        "CatalogUsageError",
        Extra::Value,
        "catalog.not_a_township",
        "A unit used in a role it cannot have, e.g. a county unit given as a township (catalog.not_a_township, catalog.not_a_county_unit).",
    ),
    (
        "TransitionError",
        Extra::None,
        "call.invalid_transition",
        "An event the call refuses: not allowed in its state, out of order in time, for another call, or against its clocks (call.invalid_transition, call.time_backwards, call.wrong_call, call.stage, call.extension, call.reminder, call.not_raised, call.empty).",
    ),
    (
        "CallPolicyError",
        Extra::Value,
        "call.bad_policy",
        "A call policy that cannot be used, e.g. a warning fraction outside 0..1 (call.bad_policy).",
    ),
    (
        "NotAuthorizedError",
        Extra::Permission,
        "call.not_authorized",
        "An actor not allowed to perform the action on the call (call.not_authorized).",
    ),
    (
        "LogLineError",
        Extra::Value,
        "call.bad_event",
        "An event or a line of a call log that cannot be read or is refused; `line` is its 1-based line (call.bad_event, call.bad_payload, compliance.bad_line).",
    ),
    (
        "LogReadError",
        Extra::OS,
        "compliance.io",
        "A log that cannot be read from its file or stream (compliance.io).",
    ),
    (
        "ReportConfigError",
        Extra::Value,
        "compliance.config",
        "Report or generator settings that cannot be used, e.g. too many dimensions (compliance.config, compliance.generator).",
    ),
];

/// The class name for a core error code.
pub(crate) fn class_for_code(code: &str) -> &'static str {
    match code {
        "calendar.not_covered" => "CalendarNotCoveredError",
        "calendar.bad_data" | "calendar.not_contiguous" => "CalendarDataError",
        "calendar.bad_schedule" => "ScheduleError",
        "calendar.no_schedule" => "NoScheduleError",
        "calendar.out_of_range" => "OutOfRangeError",
        "limit.parse" => "LimitParseError",
        "catalog.invalid" => "CatalogValidationError",
        "catalog.read" => "CatalogReadError",
        "catalog.write" => "HuyingError",
        "catalog.not_a_township" | "catalog.not_a_county_unit" => "CatalogUsageError",
        "call.not_authorized" => "NotAuthorizedError",
        "call.bad_event" | "call.bad_payload" => "LogLineError",
        "call.bad_policy" => "CallPolicyError",
        c if c.starts_with("clock.") => "ClockError",
        c if c.starts_with("catalog.") => "CatalogLookupError",
        c if c.starts_with("call.") => "TransitionError",
        "compliance.bad_line" => "LogLineError",
        "compliance.io" => "LogReadError",
        "compliance.config" | "compliance.generator" => "ReportConfigError",
        _ => "HuyingError",
    }
}

struct Classes {
    root: Py<PyType>,
    subclasses: Vec<(&'static str, Py<PyType>)>,
}

static CLASSES_CELL: PyOnceLock<Classes> = PyOnceLock::new();

fn make_class<'py>(
    py: Python<'py>,
    name: &str,
    bases: Bound<'py, PyTuple>,
    code: &str,
    doc: &str,
) -> PyResult<Bound<'py, PyType>> {
    let ns = PyDict::new(py);
    ns.set_item("__module__", "huying")?;
    ns.set_item("__doc__", doc)?;
    ns.set_item("code", code)?;
    let class = py.get_type::<PyType>().call1((name, bases, ns))?;
    Ok(class.cast_into::<PyType>()?)
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES_CELL.get_or_try_init(py, || {
        let root = make_class(
            py,
            "HuyingError",
            PyTuple::new(py, [py.get_type::<PyException>()])?,
            "huying",
            "The root of every error Huying raises. `code` is a stable dotted code such as \"calendar.not_covered\".",
        )?;
        let mut subclasses = Vec::with_capacity(CLASSES.len());
        for &(name, extra, code, doc) in CLASSES {
            let mut bases = vec![root.clone()];
            match extra {
                Extra::None => {}
                Extra::Value => bases.push(py.get_type::<PyValueError>()),
                Extra::Lookup => bases.push(py.get_type::<PyLookupError>()),
                Extra::Permission => bases.push(py.get_type::<PyPermissionError>()),
                Extra::OS => bases.push(py.get_type::<PyOSError>()),
            }
            let class = make_class(py, name, PyTuple::new(py, bases)?, code, doc)?;
            subclasses.push((name, class.unbind()));
        }
        Ok(Classes {
            root: root.unbind(),
            subclasses,
        })
    })
}

/// Adds `HuyingError` and its subclasses to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let c = classes(py)?;
    m.add("HuyingError", c.root.bind(py))?;
    for (name, class) in &c.subclasses {
        m.add(*name, class.bind(py))?;
    }
    Ok(())
}

/// The exception instance for a core error: the class its code maps to,
/// the message, and a `code` attribute. `decorate` may set more attributes.
pub(crate) fn new_error(
    py: Python<'_>,
    code: &str,
    message: String,
    decorate: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<()>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let c = classes(py)?;
        let wanted = class_for_code(code);
        let class = c
            .subclasses
            .iter()
            .find(|(name, _)| *name == wanted)
            .map_or(&c.root, |(_, class)| class);
        let exc = class.bind(py).call1((message,))?;
        exc.setattr("code", code)?;
        decorate(&exc)?;
        Ok(PyErr::from_value(exc))
    };
    // Making the exception can only fail if Python itself is failing (out of
    // memory); raise that error then.
    build().unwrap_or_else(|e| e)
}

/// A core error that can become a Python exception.
pub(crate) trait CoreError: std::fmt::Display {
    /// The stable code.
    fn code(&self) -> &'static str;
    /// Sets attributes beyond `code` (e.g. `problems`).
    fn decorate(&self, _exc: &Bound<'_, PyAny>) -> PyResult<()> {
        Ok(())
    }
}

impl CoreError for CalendarError {
    fn code(&self) -> &'static str {
        CalendarError::code(self)
    }
    fn decorate(&self, exc: &Bound<'_, PyAny>) -> PyResult<()> {
        match self {
            CalendarError::NotCovered { year } => exc.setattr("year", *year),
            CalendarError::BadData {
                source_name,
                line,
                field,
                ..
            } => {
                exc.setattr("source", source_name)?;
                exc.setattr("line", *line)?;
                exc.setattr("field", field)
            }
            _ => Ok(()),
        }
    }
}

impl CoreError for LimitError {
    fn code(&self) -> &'static str {
        LimitError::code(self)
    }
}

impl CoreError for ClockError {
    fn code(&self) -> &'static str {
        ClockError::code(self)
    }
    fn decorate(&self, exc: &Bound<'_, PyAny>) -> PyResult<()> {
        match self {
            ClockError::Calendar(e) => e.decorate(exc),
            _ => Ok(()),
        }
    }
}

impl CoreError for huying::Error {
    fn code(&self) -> &'static str {
        huying::Error::code(self)
    }
}

/// Converts a core error into the Python exception of its kind.
pub(crate) fn to_py<E: CoreError>(e: E) -> PyErr {
    Python::attach(|py| new_error(py, e.code(), e.to_string(), |exc| e.decorate(exc)))
}

/// A core error met at position `index` of an array: the same exception,
/// with the index in the message and an `index` attribute.
pub(crate) fn to_py_at<E: CoreError>(e: E, index: usize) -> PyErr {
    Python::attach(|py| {
        new_error(py, e.code(), format!("element {index}: {e}"), |exc| {
            exc.setattr("index", index)?;
            e.decorate(exc)
        })
    })
}
