//! numpy batch work: `datetime64` arrays in and out.
//!
//! Each function borrows the array's memory, releases the GIL, and calls the
//! core's integer fast path (`*_unix`, `*_epoch_secs`) once per element — no
//! Python object and no date conversion in the loop. Any shape is accepted
//! and kept; NaT stays NaT. On an error the whole call raises the element's
//! exception (with its `index`), unless `errors="coerce"` asks for NaT.
//!
//! Instants are UTC epoch values (numpy's convention); the core drops
//! sub-second parts, so results are whole seconds in the input's unit.

use chrono::Duration;
use numpy::datetime::{Datetime, Unit, units};
use numpy::{PyArray, PyArrayDyn, PyArrayMethods, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use huying::calendar::{Calendar, CalendarError};
use huying::sla::{DayEnd, Limit};

use crate::errors::to_py_at;

/// numpy's NaT (not a time) in every datetime64 unit.
const NAT: i64 = i64::MIN;

/// What to do with an element the calendar cannot answer.
#[derive(Clone, Copy)]
enum OnError {
    Raise,
    Coerce,
}

fn on_error(errors: &str) -> PyResult<OnError> {
    match errors {
        "raise" => Ok(OnError::Raise),
        "coerce" => Ok(OnError::Coerce),
        other => Err(PyValueError::new_err(format!(
            "unknown errors={other:?}: expected \"raise\" or \"coerce\" (NaT)"
        ))),
    }
}

/// The object as a numpy array (`numpy.asarray` for lists, pandas, …).
fn as_array<'py>(ob: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyUntypedArray>> {
    if let Ok(a) = ob.cast::<PyUntypedArray>() {
        return Ok(a.clone());
    }
    let a = ob.py().import("numpy")?.call_method1("asarray", (ob,))?;
    Ok(a.cast_into::<PyUntypedArray>()?)
}

fn dtype_str(a: &Bound<'_, PyUntypedArray>) -> String {
    a.dtype()
        .str()
        .map_or_else(|_| "?".to_string(), |s| s.to_string())
}

/// The elements of `a` in logical (C) order, without copying when contiguous.
fn with_elements<'py, T, R>(
    a: &Bound<'py, PyArrayDyn<T>>,
    f: impl FnOnce(&[T], Vec<usize>) -> PyResult<R>,
) -> PyResult<R>
where
    T: numpy::Element + Copy,
{
    let ro = a
        .try_readonly()
        .map_err(|e| PyValueError::new_err(format!("the array is being written to: {e}")))?;
    let shape = ro.shape().to_vec();
    match ro.as_slice() {
        Ok(s) => f(s, shape),
        Err(_) => {
            let owned: Vec<T> = ro.as_array().iter().copied().collect();
            f(&owned, shape)
        }
    }
}

/// Applies `f` to every element; an error stops the loop (`Raise`) or gives
/// `nat` (`Coerce`).
fn run<T: Copy, O>(
    input: &[T],
    on_error: OnError,
    nat: O,
    f: impl Fn(T) -> Result<O, CalendarError>,
) -> Result<Vec<O>, (usize, CalendarError)>
where
    O: Copy,
{
    let mut out = Vec::with_capacity(input.len());
    for (i, &x) in input.iter().enumerate() {
        match f(x) {
            Ok(y) => out.push(y),
            Err(e) => match on_error {
                OnError::Raise => return Err((i, e)),
                OnError::Coerce => out.push(nat),
            },
        }
    }
    Ok(out)
}

/// A new array of `out` with `shape`.
fn to_numpy<'py, T: numpy::Element>(
    py: Python<'py>,
    out: Vec<T>,
    shape: Vec<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyArray::from_vec(py, out).reshape(shape)?.into_any())
}

/// A `datetime64[D]` array, or a TypeError saying how to make one.
fn days_array<'py>(
    ob: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArrayDyn<Datetime<units::Days>>>> {
    let a = as_array(ob)?;
    a.cast::<PyArrayDyn<Datetime<units::Days>>>()
        .cloned()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a numpy datetime64[D] array, got dtype {}; for the China dates of UTC \
             instants use (arr + np.timedelta64(8, 'h')).astype('datetime64[D]')",
                dtype_str(&a)
            ))
        })
}

/// `Calendar::is_working_unix_day` per element; NaT raises.
pub(crate) fn is_working_day<'py>(
    cal: &Calendar,
    dates: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = dates.py();
    let a = days_array(dates)?;
    with_elements(&a, |input, shape| {
        let out = py
            .detach(|| {
                run(input, OnError::Raise, false, |d| {
                    cal.is_working_unix_day(not_nat(i64::from(d))?)
                })
            })
            .map_err(|(i, e)| to_py_at(e, i))?;
        to_numpy(py, out, shape)
    })
}

/// `Calendar::add_working_days_unix` per element, `n` an int or an int array
/// of the same shape.
pub(crate) fn add_working_days<'py>(
    cal: &Calendar,
    dates: &Bound<'py, PyAny>,
    n: &Bound<'py, PyAny>,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = dates.py();
    let on_error = on_error(errors)?;
    let a = days_array(dates)?;
    let nat = Datetime::<units::Days>::from(NAT);
    if let Ok(k) = n.extract::<i64>() {
        return with_elements(&a, |input, shape| {
            let out = py
                .detach(|| {
                    run(input, on_error, nat, |d| {
                        let d = i64::from(d);
                        if d == NAT {
                            return Ok(nat);
                        }
                        cal.add_working_days_unix(d, k).map(Datetime::from)
                    })
                })
                .map_err(|(i, e)| to_py_at(e, i))?;
            to_numpy(py, out, shape)
        });
    }
    let counts = py
        .import("numpy")?
        .call_method1("asarray", (n, "int64"))?
        .cast_into::<PyArrayDyn<i64>>()?;
    with_elements(&a, |input, shape| {
        with_elements(&counts, |ks, kshape| {
            if kshape != shape {
                return Err(PyValueError::new_err(format!(
                    "n has shape {kshape:?} but the dates have shape {shape:?}"
                )));
            }
            let pairs: Vec<(i64, i64)> = input
                .iter()
                .map(|&d| i64::from(d))
                .zip(ks.iter().copied())
                .collect();
            let out = py
                .detach(|| {
                    run(&pairs, on_error, nat, |(d, k)| {
                        if d == NAT {
                            return Ok(nat);
                        }
                        cal.add_working_days_unix(d, k).map(Datetime::from)
                    })
                })
                .map_err(|(i, e)| to_py_at(e, i))?;
            to_numpy(py, out, shape)
        })
    })
}

/// `Calendar::working_days_between_unix` per pair of elements; NaT raises.
pub(crate) fn working_days_between<'py>(
    cal: &Calendar,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = a.py();
    let (a, b) = (days_array(a)?, days_array(b)?);
    with_elements(&a, |xs, shape| {
        with_elements(&b, |ys, yshape| {
            if yshape != shape {
                return Err(PyValueError::new_err(format!(
                    "the arrays have shapes {shape:?} and {yshape:?}: expected the same"
                )));
            }
            let pairs: Vec<(i64, i64)> = xs
                .iter()
                .map(|&x| i64::from(x))
                .zip(ys.iter().map(|&y| i64::from(y)))
                .collect();
            let out = py
                .detach(|| {
                    run(&pairs, OnError::Raise, 0, |(x, y)| {
                        cal.working_days_between_unix(not_nat(x)?, not_nat(y)?)
                    })
                })
                .map_err(|(i, e)| to_py_at(e, i))?;
            to_numpy(py, out, shape)
        })
    })
}

/// NaT where a value is needed: an out-of-range error naming it.
fn not_nat(x: i64) -> Result<i64, CalendarError> {
    if x == NAT {
        Err(CalendarError::OutOfRange {
            message: "NaT (not a time) has no answer here".into(),
        })
    } else {
        Ok(x)
    }
}

/// Applies `f` (epoch seconds → epoch seconds) over an array of instants in
/// any of the units s, ms, us, ns, answering in the same unit.
fn map_instants<'py, F>(
    starts: &Bound<'py, PyAny>,
    on_error: OnError,
    f: &F,
) -> PyResult<Bound<'py, PyAny>>
where
    F: Fn(i64) -> Result<i64, CalendarError> + Sync,
{
    let a = as_array(starts)?;
    if let Ok(x) = a.cast::<PyArrayDyn<Datetime<units::Seconds>>>() {
        return map_unit::<_, 1, _>(x, on_error, f);
    }
    if let Ok(x) = a.cast::<PyArrayDyn<Datetime<units::Milliseconds>>>() {
        return map_unit::<_, 1_000, _>(x, on_error, f);
    }
    if let Ok(x) = a.cast::<PyArrayDyn<Datetime<units::Microseconds>>>() {
        return map_unit::<_, 1_000_000, _>(x, on_error, f);
    }
    if let Ok(x) = a.cast::<PyArrayDyn<Datetime<units::Nanoseconds>>>() {
        return map_unit::<_, 1_000_000_000, _>(x, on_error, f);
    }
    Err(PyTypeError::new_err(format!(
        "expected a numpy datetime64[s], [ms], [us] or [ns] array of UTC instants, got dtype {}",
        dtype_str(&a)
    )))
}

/// `map_instants` for one unit, `PER` of which make a second (a constant,
/// so that the division compiles to a multiplication, or to nothing).
fn map_unit<'py, U: Unit, const PER: i64, F>(
    a: &Bound<'py, PyArrayDyn<Datetime<U>>>,
    on_error: OnError,
    f: &F,
) -> PyResult<Bound<'py, PyAny>>
where
    F: Fn(i64) -> Result<i64, CalendarError> + Sync,
{
    let py = a.py();
    let nat = Datetime::<U>::from(NAT);
    with_elements(a, |input, shape| {
        let out = py
            .detach(|| {
                run(input, on_error, nat, |t| {
                    let t = i64::from(t);
                    if t == NAT {
                        return Ok(nat);
                    }
                    let secs = f(t.div_euclid(PER))?;
                    secs.checked_mul(PER)
                        .filter(|&v| v != NAT)
                        .map(Datetime::from)
                        .ok_or_else(|| CalendarError::OutOfRange {
                            message: format!(
                                "{secs} s from the epoch does not fit this datetime64 unit"
                            ),
                        })
                })
            })
            .map_err(|(i, e)| to_py_at(e, i))?;
        to_numpy(py, out, shape)
    })
}

/// `Calendar::due_epoch_secs` per element.
pub(crate) fn deadline<'py>(
    cal: &Calendar,
    starts: &Bound<'py, PyAny>,
    limit: Limit,
    policy: DayEnd,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let on_error = on_error(errors)?;
    map_instants(starts, on_error, &|t| cal.due_epoch_secs(t, &limit, policy))
}

/// `Calendar::add_working_time_epoch_secs` per element.
pub(crate) fn add_working_time<'py>(
    cal: &Calendar,
    starts: &Bound<'py, PyAny>,
    amount: Duration,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let on_error = on_error(errors)?;
    let secs = amount.num_seconds();
    map_instants(starts, on_error, &|t| {
        cal.add_working_time_epoch_secs(t, secs)
    })
}
