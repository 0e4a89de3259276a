//! `compliance_report`, `Report` and `generate_log`: compliance statistics
//! over many calls' event logs.
//!
//! A report converts to plain lists of dicts always (`groups`, `to_dict`,
//! `to_records`), and to pandas / polars DataFrames when those are installed
//! (`to_pandas`, `to_polars`), from the core's flat CSV table.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
use pyo3::exceptions::{PyImportError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use huying::calendar::Calendar;
use huying::catalog::Catalog;
use huying::compliance::generate::{Generator, GeneratorConfig};
use huying::compliance::{
    Cell, Dimension, LogError, LogFormat, OnError, Replay, Report, ReportConfig,
};

use crate::calendar::PyCalendar;
use crate::call::{PyCallPolicy, event_line};
use crate::catalog::{PyCatalog, json_value};
use crate::convert::Instant;
use crate::errors::{CoreError, to_py};

impl CoreError for LogError {
    fn code(&self) -> &'static str {
        LogError::code(self)
    }
    fn decorate(&self, exc: &Bound<'_, PyAny>) -> PyResult<()> {
        if let LogError::BadLine(b) = self {
            exc.setattr("line", b.line)?;
            exc.setattr("call", b.call.clone())?;
            exc.setattr("kind", b.kind.code())?;
        }
        Ok(())
    }
}

/// The dimensions to group by: a list of names or one comma-separated string.
fn dimensions(by: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Dimension>> {
    let Some(by) = by else { return Ok(Vec::new()) };
    let names: Vec<String> = if let Ok(s) = by.cast::<PyString>() {
        s.to_string().split(',').map(str::to_string).collect()
    } else {
        by.extract().map_err(|_| {
            PyTypeError::new_err(
                "by: expected a list of dimension names or a comma-separated string",
            )
        })?
    };
    names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| n.parse::<Dimension>().map_err(PyValueError::new_err))
        .collect()
}

/// Compliance statistics over the calls of an event log.
///
/// `source` is a path to a log (JSON lines, or CSV when it ends in `.csv`)
/// or an iterable of events (dicts in the log form, or JSON lines).
/// `catalog` attributes missed stages and names units; `by` groups rows
/// (`department`, `unit`, `township`, `matter`, `domain`, `day`, `week`,
/// `month`, `quarter`, `year`, up to the core's limit); open calls are
/// judged at `as_of` (default: the latest event). Bad lines are skipped and
/// counted (`on_error="skip"`) or raise `LogLineError` (`"fail"`).
#[pyfunction]
#[pyo3(signature = (source, catalog = None, by = None, *, as_of = None, calendar = None, policy = None, on_error = "skip"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn compliance_report(
    source: &Bound<'_, PyAny>,
    catalog: Option<&PyCatalog>,
    by: Option<&Bound<'_, PyAny>>,
    as_of: Option<Instant>,
    calendar: Option<&PyCalendar>,
    policy: Option<&PyCallPolicy>,
    on_error: &str,
) -> PyResult<PyReport> {
    let cal = calendar.map_or_else(Calendar::china, |c| c.0.clone());
    let config = ReportConfig::new(as_of.map(|t| t.0)).by(&dimensions(by)?);
    let mode = on_error.parse::<OnError>().map_err(PyValueError::new_err)?;
    let mut replay = Replay::new(&cal, catalog.map(|c| &c.0), config)
        .map_err(to_py)?
        .on_error(mode);
    if let Some(p) = policy {
        replay = replay.with_policy(p.0.clone());
    }
    let is_path = source.is_instance_of::<PyString>() || source.hasattr("__fspath__")?;
    if is_path {
        let path: PathBuf = source.extract()?;
        let file = File::open(&path).map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", path.display()))
        })?;
        let format = LogFormat::from_path(&path.to_string_lossy());
        replay.read(BufReader::new(file), format).map_err(to_py)?;
    } else {
        let mut text = String::new();
        for item in source.try_iter()? {
            text.push_str(&event_line(&item?)?);
            text.push('\n');
        }
        replay.read_json_lines(text.as_bytes()).map_err(to_py)?;
    }
    Ok(PyReport(replay.finish()))
}

/// Writes a deterministic, realistic log of `calls` calls over `days` days
/// from `start` on the list `catalog` (default: the sample list), as JSON
/// lines (or CSV with `format="csv"`). Returns the log text.
#[pyfunction]
#[pyo3(signature = (catalog = None, *, calls = 600, days = 365, start = None, seed = 2025, calendar = None, format = "jsonl"))]
pub(crate) fn generate_log(
    catalog: Option<&PyCatalog>,
    calls: u64,
    days: u32,
    start: Option<NaiveDate>,
    seed: u64,
    calendar: Option<&PyCalendar>,
    format: &str,
) -> PyResult<String> {
    let list = catalog.map_or_else(Catalog::sample, |c| c.0.clone());
    let cal = calendar.map_or_else(Calendar::china, |c| c.0.clone());
    let defaults = GeneratorConfig::default();
    let config = GeneratorConfig {
        seed,
        calls,
        from: start.unwrap_or(defaults.from),
        days,
        ..defaults
    };
    let generator = Generator::new(&list, &cal, config).map_err(to_py)?;
    let mut out = Vec::new();
    match format {
        "jsonl" | "json" => generator.write_json_lines(&mut out).map_err(to_py)?,
        "csv" => generator.write_csv(&mut out).map_err(to_py)?,
        other => {
            return Err(PyValueError::new_err(format!(
                "format {other:?}: expected \"jsonl\" or \"csv\""
            )));
        }
    };
    String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A compliance report: totals, groups, department evaluation,
/// accountability, and what was read.
#[pyclass(name = "Report", module = "huying", frozen)]
pub(crate) struct PyReport(Report);

#[pymethods]
impl PyReport {
    /// The instant open calls were judged at (None: no events at all).
    #[getter]
    fn as_of(&self) -> Option<DateTime<FixedOffset>> {
        self.0.as_of
    }

    /// The dimensions grouped by.
    #[getter]
    fn by(&self) -> Vec<String> {
        self.0.by.iter().map(ToString::to_string).collect()
    }

    /// Every call together, as a dict.
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.total)
    }

    /// One dict per group, sorted by key (periods in time order).
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.groups)
    }

    /// The department evaluation (scores and ranking), as a dict.
    #[getter]
    fn evaluation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.evaluation)
    }

    /// Missed stages by accountable unit, most first.
    #[getter]
    fn accountability<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.accountability)
    }

    /// What was read: lines, events, calls, skipped and bad lines.
    #[getter]
    fn input<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.input)
    }

    /// The whole report as a dict (the core's JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0)
    }

    /// The whole report as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The report as text for people, in Chinese (`"zh"`) or English.
    #[pyo3(signature = (lang = "zh"))]
    fn to_text(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.to_text(crate::convert::lang(lang)?))
    }

    /// The total and the groups as a CSV table (rates 0–1, times in seconds).
    #[pyo3(signature = (lang = "zh"))]
    fn to_csv(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.to_csv(crate::convert::lang(lang)?))
    }

    /// The department ranking as CSV.
    #[pyo3(signature = (lang = "zh"))]
    fn ranking_csv(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.ranking_csv(crate::convert::lang(lang)?))
    }

    /// The rows of `to_csv` as a list of flat dicts (None where undefined;
    /// `row` is `total` or `group`), names in `lang`.
    #[pyo3(signature = (lang = "en"))]
    fn to_records<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyList>> {
        let table = self.0.table(crate::convert::lang(lang)?);
        let out = PyList::empty(py);
        for cells in &table.rows {
            let row = PyDict::new(py);
            for (name, c) in table.columns.iter().zip(cells) {
                let v: Bound<'py, PyAny> = match c {
                    Cell::Text(t) => PyString::new(py, t).into_any(),
                    Cell::Int(n) => n.into_pyobject(py)?.into_any(),
                    Cell::Rate(r) => r.into_pyobject(py)?.into_any(),
                    Cell::Empty => py.None().into_bound(py),
                };
                row.set_item(name, v)?;
            }
            out.append(row)?;
        }
        Ok(out)
    }

    /// `to_records` as a pandas DataFrame (needs pandas).
    #[pyo3(signature = (lang = "en"))]
    fn to_pandas<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py
            .import("pandas")
            .map_err(|_| PyImportError::new_err("to_pandas needs pandas: pip install pandas"))?;
        pandas
            .getattr("DataFrame")?
            .call1((self.to_records(py, lang)?,))
    }

    /// `to_records` as a polars DataFrame (needs polars).
    #[pyo3(signature = (lang = "en"))]
    fn to_polars<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let polars = py
            .import("polars")
            .map_err(|_| PyImportError::new_err("to_polars needs polars: pip install polars"))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("infer_schema_length", py.None())?;
        polars
            .getattr("from_dicts")?
            .call((self.to_records(py, lang)?,), Some(&kwargs))
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(calls={}, groups={}, by={:?}, as_of={})",
            self.0.total.calls,
            self.0.groups.len(),
            self.by(),
            self.0
                .as_of
                .map_or_else(|| "None".to_string(), |t| t.to_rfc3339())
        )
    }
}
