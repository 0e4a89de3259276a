//! `huying._core`: the native module behind the `huying` Python package.
//!
//! Thin by design: every function converts its arguments, calls the core
//! crate and converts the answer back; core errors become the exception
//! class of their kind (see `errors.rs`). No domain logic lives here.

mod arrays;
mod calendar;
mod call;
mod catalog;
mod compliance;
mod convert;
mod errors;
mod sheet;
mod sla;

use pyo3::prelude::*;

/// The native module, imported as `huying._core` and re-exported by `huying`.
#[pymodule]
#[pyo3(name = "_core")]
fn huying_core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CALENDAR_DATA_VERSION", huying::calendar::DATA_VERSION)?;
    errors::register(m)?;
    m.add_class::<calendar::PyCalendar>()?;
    m.add_class::<calendar::PyCalendarBuilder>()?;
    m.add_class::<calendar::PyDayKind>()?;
    m.add_class::<calendar::PyFestival>()?;
    m.add_class::<calendar::PySchedule>()?;
    m.add_class::<calendar::PyCoverageWarning>()?;
    m.add_function(wrap_pyfunction!(calendar::parse_notice, m)?)?;
    m.add_class::<sla::PyLimit>()?;
    m.add_class::<sla::PyDeadline>()?;
    m.add_class::<sla::PySlaClock>()?;
    m.add_class::<sla::PyClockStatus>()?;
    m.add_class::<sla::PyPause>()?;
    m.add_class::<catalog::PyCatalog>()?;
    m.add_class::<catalog::PyProblem>()?;
    m.add_class::<sheet::PyImportedList>()?;
    m.add_function(wrap_pyfunction!(sheet::import_list, m)?)?;
    m.add_class::<call::PyCall>()?;
    m.add_class::<call::PyCallPolicy>()?;
    m.add_class::<compliance::PyReport>()?;
    m.add_function(wrap_pyfunction!(compliance::compliance_report, m)?)?;
    m.add_function(wrap_pyfunction!(compliance::generate_log, m)?)?;
    Ok(())
}
