//! Conversions between Python values and core types: dates, instants,
//! limits, languages and day-end policies.
//!
//! The rules, also in the package docs:
//! - an aware `datetime` (any offset or `tzinfo`) is that instant;
//! - a naive `datetime` is China time (UTC+08:00);
//! - a `datetime` where a date is expected stands for its China date;
//! - instants come back as aware `datetime`s in UTC+08:00.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyDict};

use huying::Lang;
use huying::sla::{DayEnd, Limit};

use crate::errors::to_py;
use crate::sla::PyLimit;

/// An instant given from Python: an aware or naive (China time) `datetime`.
pub(crate) struct Instant(pub DateTime<FixedOffset>);

impl<'a, 'py> FromPyObject<'a, 'py> for Instant {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let dt = ob.cast::<PyDateTime>().map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a datetime.datetime (aware, or naive meaning China time), got {}",
                type_name(&ob)
            ))
        })?;
        Ok(Instant(instant_of(&dt)?))
    }
}

fn type_name(ob: &Borrowed<'_, '_, PyAny>) -> String {
    ob.get_type()
        .name()
        .map_or_else(|_| "an object".to_string(), |n| n.to_string())
}

/// The instant of a `datetime`: aware ones by their own offset, naive ones
/// as China time.
fn instant_of(dt: &Bound<'_, PyDateTime>) -> PyResult<DateTime<FixedOffset>> {
    let offset = dt.call_method0("utcoffset")?;
    if offset.is_none() {
        let naive: NaiveDateTime = if dt.getattr("tzinfo")?.is_none() {
            dt.extract()?
        } else {
            // A tzinfo whose utcoffset() is None: Python treats it as naive.
            let kwargs = PyDict::new(dt.py());
            kwargs.set_item("tzinfo", dt.py().None())?;
            dt.call_method("replace", (), Some(&kwargs))?.extract()?
        };
        return huying::china_offset()
            .from_local_datetime(&naive)
            .single()
            .ok_or_else(|| PyValueError::new_err(format!("{naive} is not a valid China time")));
    }
    // Python computes the offset (zoneinfo, pytz, fixed): convert there to
    // UTC+08:00, then read the fixed-offset datetime.
    let china = huying::china_offset().into_pyobject(dt.py())?;
    let in_china = dt.call_method1("astimezone", (china,))?;
    in_china.extract::<DateTime<FixedOffset>>()
}

/// A date given from Python: a `date`, or a `datetime` standing for its China date.
pub(crate) struct Day(pub NaiveDate);

impl<'a, 'py> FromPyObject<'a, 'py> for Day {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(dt) = ob.cast::<PyDateTime>() {
            return Ok(Day(instant_of(&dt)?.date_naive()));
        }
        let date = ob.cast::<PyDate>().map_err(|_| {
            PyTypeError::new_err(format!("expected a datetime.date, got {}", type_name(&ob)))
        })?;
        Ok(Day(date.extract()?))
    }
}

/// A limit given as a `Limit` or a string such as `"3wd"` or `"3个工作日"`.
pub(crate) struct LimitArg(pub Limit);

impl<'a, 'py> FromPyObject<'a, 'py> for LimitArg {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(l) = ob.cast::<PyLimit>() {
            return Ok(LimitArg(l.get().0));
        }
        let text: String = ob.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a huying.Limit or a limit string such as \"3wd\", got {}",
                type_name(&ob)
            ))
        })?;
        text.parse::<Limit>().map(LimitArg).map_err(to_py)
    }
}

/// A language code: `"zh"` or `"en"`.
pub(crate) fn lang(code: &str) -> PyResult<Lang> {
    code.parse::<Lang>().map_err(PyValueError::new_err)
}

/// A day-end policy: `"midnight"` (the default, as the law counts) or
/// `"close_of_business"`.
pub(crate) fn policy(name: &str) -> PyResult<DayEnd> {
    name.parse::<DayEnd>().map_err(PyValueError::new_err)
}

/// The name of a day-end policy, as [`policy`] reads it.
pub(crate) fn policy_name(p: DayEnd) -> &'static str {
    p.code()
}
