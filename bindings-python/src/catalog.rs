//! `Catalog` (the responsibility list, 清单) and `Problem`.
//!
//! Units, matters and admissions come back as plain dicts in the core's
//! canonical JSON form (what `Catalog.to_json()` writes), so they need no
//! class of their own and stay in step with the core's model.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use serde::Serialize;

use huying::catalog::{
    Breach, Catalog, CatalogError, DutyKind, Edition, Problem, TabularFiles, Task, Unit,
};

use crate::convert::Instant;
use crate::errors::{CoreError, to_py};

/// A value in the core's JSON form, as Python objects (dicts, lists, str, …).
pub(crate) fn json_value<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// One problem found by validation: where (file, row, field) and what.
#[pyclass(name = "Problem", module = "huying", frozen)]
pub(crate) struct PyProblem(pub(crate) Problem);

#[pymethods]
impl PyProblem {
    /// The stable code of the problem, e.g. `catalog.unknown_unit`.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code.code()
    }

    /// The file (or `file#sheet`).
    #[getter]
    fn file(&self) -> &str {
        &self.0.file
    }

    /// The 1-based row (the header is row 1), where the format has rows.
    #[getter]
    fn row(&self) -> Option<u32> {
        self.0.row
    }

    /// The column or JSON path.
    #[getter]
    fn field(&self) -> &str {
        &self.0.field
    }

    /// What was wrong, in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.0.message_en
    }

    /// What was wrong, in Chinese.
    #[getter]
    fn message_zh(&self) -> &str {
        &self.0.message_zh
    }

    /// The message in `lang` (`"zh"` or `"en"`).
    #[pyo3(signature = (lang = "zh"))]
    fn message(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.message(crate::convert::lang(lang)?).to_string())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Problem(code={:?}, file={:?}, row={}, field={:?})",
            self.0.code.code(),
            self.0.file,
            self.0
                .row
                .map_or_else(|| "None".to_string(), |r| r.to_string()),
            self.0.field
        )
    }
}

impl CoreError for CatalogError {
    fn code(&self) -> &'static str {
        CatalogError::code(self)
    }
    fn decorate(&self, exc: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = exc.py();
        let problems: Vec<Bound<'_, PyProblem>> = self
            .problems()
            .iter()
            .map(|p| Bound::new(py, PyProblem(p.clone())))
            .collect::<PyResult<_>>()?;
        exc.setattr("problems", PyList::new(py, problems)?)
    }
}

/// The responsibility list (清单): units, matters with primary and
/// supporting duties, and approved revisions. Every question is asked as of
/// an instant and answered by the edition in force then.
#[pyclass(name = "Catalog", module = "huying", frozen)]
pub(crate) struct PyCatalog(pub Catalog);

fn unit_dict<'py>(py: Python<'py>, unit: Option<&Unit>) -> PyResult<Bound<'py, PyAny>> {
    match unit {
        Some(u) => json_value(py, u),
        None => Ok(py.None().into_bound(py)),
    }
}

fn edition_dict<'py>(py: Python<'py>, e: &Edition<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", e.id())?;
    d.set_item("reference", e.reference())?;
    d.set_item("title_zh", e.title_zh())?;
    d.set_item("effective", e.effective())?;
    d.set_item("start", e.start())?;
    d.set_item("matters", e.len())?;
    d.set_item("township_primary", e.township_primary_count())?;
    Ok(d)
}

/// A breach: a stage code (`dispatch`, `arrival`, `reply`) or a duty code (`patrol`, …).
fn breach(text: &str) -> PyResult<Breach> {
    text.parse::<Breach>().map_err(PyValueError::new_err)
}

#[pymethods]
impl PyCatalog {
    /// The illustrative county list shipped with Huying (91 matters, one revision).
    #[staticmethod]
    fn sample() -> Self {
        PyCatalog(Catalog::sample())
    }

    /// Reads and validates a list from a file: `.json`, `.xlsx` (`.xls`,
    /// `.ods` are refused with a problem saying to save as `.xlsx`), or a
    /// folder (or one file in it) holding `list`, `units`, `matters` and
    /// optionally `revisions` as `.csv` or `.tsv`. Raises
    /// `CatalogValidationError` with every problem found.
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Self> {
        Catalog::load(&path).map(PyCatalog).map_err(to_py)
    }

    /// Reads and validates a list from its JSON text (the canonical form).
    #[staticmethod]
    #[pyo3(signature = (text, file = "list.json"))]
    fn from_json(text: &str, file: &str) -> PyResult<Self> {
        Catalog::from_json(file, text).map(PyCatalog).map_err(to_py)
    }

    /// Reads and validates a list from the texts of its CSV tables.
    #[staticmethod]
    #[pyo3(signature = (list, units, matters, revisions = None))]
    fn from_csv(list: &str, units: &str, matters: &str, revisions: Option<&str>) -> PyResult<Self> {
        Catalog::from_csv(&TabularFiles::csv(list, units, matters, revisions))
            .map(PyCatalog)
            .map_err(to_py)
    }

    /// Reads and validates a list from the texts of its TSV tables.
    #[staticmethod]
    #[pyo3(signature = (list, units, matters, revisions = None))]
    fn from_tsv(list: &str, units: &str, matters: &str, revisions: Option<&str>) -> PyResult<Self> {
        Catalog::from_tsv(&TabularFiles::tsv(list, units, matters, revisions))
            .map(PyCatalog)
            .map_err(to_py)
    }

    /// Reads and validates a list from a workbook's bytes (sheets `list`,
    /// `units`, `matters`, optionally `revisions`).
    #[staticmethod]
    #[pyo3(signature = (data, file = "list.xlsx"))]
    fn from_xlsx(data: &[u8], file: &str) -> PyResult<Self> {
        Catalog::from_xlsx(file, data).map(PyCatalog).map_err(to_py)
    }

    /// The list in force now as an XLSX workbook in the officials' layout
    /// (a title, the reference, a Chinese header, 领域 merged over its
    /// matters, a sheet `单位`): what `huying.import_list` reads back.
    fn to_xlsx<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = py.detach(|| self.0.to_xlsx()).map_err(to_py)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The list as JSON (the canonical form, what `from_json` reads).
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The list as a dict (the canonical form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, self.0.data())
    }

    /// The tables as CSV texts: `{"list": ..., "units": ..., "matters": ..., "revisions": ...}`.
    #[pyo3(signature = (delimiter = ","))]
    fn to_tables<'py>(&self, py: Python<'py>, delimiter: &str) -> PyResult<Bound<'py, PyDict>> {
        let d = match delimiter {
            "," => self.0.to_delimited(b','),
            "\t" => self.0.to_delimited(b'\t'),
            other => {
                return Err(PyValueError::new_err(format!(
                    "delimiter {other:?}: expected \",\" or \"\\t\""
                )));
            }
        };
        let out = PyDict::new(py);
        out.set_item("list", d.list)?;
        out.set_item("units", d.units)?;
        out.set_item("matters", d.matters)?;
        out.set_item("revisions", d.revisions)?;
        Ok(out)
    }

    /// All units, as dicts.
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.0.data().units)
    }

    /// The unit with this id, as a dict, or `None`.
    fn unit<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        unit_dict(py, self.0.unit(id))
    }

    /// The townships and street offices, as dicts.
    fn townships<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let towns: Vec<&Unit> = self.0.townships().collect();
        json_value(py, &towns)
    }

    /// The editions (the original list, then each revision), as dicts.
    fn editions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items: Vec<Bound<'py, PyDict>> = self
            .0
            .editions()
            .map(|e| edition_dict(py, &e))
            .collect::<PyResult<_>>()?;
        PyList::new(py, items)
    }

    /// The edition in force at `at` (the latest when `at` is None), as a dict.
    #[pyo3(signature = (at = None))]
    fn edition<'py>(&self, py: Python<'py>, at: Option<Instant>) -> PyResult<Bound<'py, PyDict>> {
        let e = self.edition_at(at.map(|a| a.0))?;
        edition_dict(py, &e)
    }

    /// The matters of the edition in force at `at` (the latest when None), as dicts.
    #[pyo3(signature = (at = None))]
    fn matters<'py>(&self, py: Python<'py>, at: Option<Instant>) -> PyResult<Bound<'py, PyAny>> {
        let e = self.edition_at(at.map(|a| a.0))?;
        let matters: Vec<_> = e.matters().collect();
        json_value(py, &matters)
    }

    /// The matter with this id in force at `at` (latest when None), as a dict, or `None`.
    #[pyo3(signature = (id, at = None))]
    fn matter<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        at: Option<Instant>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e = self.edition_at(at.map(|a| a.0))?;
        match e.matter(id) {
            Some(m) => json_value(py, m),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// Matters whose names or texts contain every keyword, in the edition at `at`.
    #[pyo3(signature = (keywords, at = None))]
    fn search<'py>(
        &self,
        py: Python<'py>,
        keywords: &str,
        at: Option<Instant>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e = self.edition_at(at.map(|a| a.0))?;
        json_value(py, &e.search(keywords))
    }

    /// Who answers for `matter` arising in `township` at `at`: the primary
    /// unit (a stationed agency where there is one), the department behind
    /// it, and the supporting units with their duties.
    fn resolve<'py>(
        &self,
        py: Python<'py>,
        matter: &str,
        township: &str,
        at: Instant,
    ) -> PyResult<Bound<'py, PyDict>> {
        let r = self.0.resolve(matter, township, &at.0).map_err(to_py)?;
        let d = PyDict::new(py);
        d.set_item("edition", r.edition.id())?;
        d.set_item("matter", json_value(py, r.matter)?)?;
        d.set_item("township", json_value(py, r.township)?)?;
        d.set_item("primary", json_value(py, r.primary)?)?;
        d.set_item("department", unit_dict(py, r.department)?)?;
        let supporting = PyList::empty(py);
        for (unit, duty) in r.supporting() {
            let s = PyDict::new(py);
            s.set_item("unit", json_value(py, unit)?)?;
            s.set_item("duty", json_value(py, duty)?)?;
            supporting.append(s)?;
        }
        d.set_item("supporting", supporting)?;
        Ok(d)
    }

    /// Who answers for a missed stage (`dispatch`, `arrival`, `reply`) or
    /// duty (`patrol`, …) on `matter` in `township` at `at`, with the
    /// explanation in Chinese and English.
    fn accountable<'py>(
        &self,
        py: Python<'py>,
        matter: &str,
        township: &str,
        breach: &str,
        at: Instant,
    ) -> PyResult<Bound<'py, PyDict>> {
        let b = self::breach(breach)?;
        let a = self
            .0
            .accountable(matter, township, b, &at.0)
            .map_err(to_py)?;
        let d = PyDict::new(py);
        d.set_item("breach", a.breach.to_string())?;
        d.set_item("units", json_value(py, &a.units)?)?;
        d.set_item("department", unit_dict(py, a.department)?)?;
        d.set_item("edition", a.edition.id())?;
        d.set_item("explain_zh", a.explain(huying::Lang::Zh))?;
        d.set_item("explain_en", a.explain(huying::Lang::En))?;
        Ok(d)
    }

    /// Whether the county unit `from_unit` may hand `duty` down to `township`
    /// (for `matter`, if given) at `at`: the decision, the reason and the edition.
    #[pyo3(signature = (from_unit, township, duty, at, matter = None))]
    fn admit<'py>(
        &self,
        py: Python<'py>,
        from_unit: &str,
        township: &str,
        duty: &str,
        at: Instant,
        matter: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let duty = duty.parse::<DutyKind>().map_err(PyValueError::new_err)?;
        let task = Task {
            from: from_unit,
            township,
            matter,
            duty,
        };
        let admission = self.0.admit(&task, &at.0).map_err(to_py)?;
        json_value(py, &admission)
    }

    /// The changes between two editions (by id), in words.
    #[pyo3(signature = (from_edition, to_edition, lang = "zh"))]
    fn diff(&self, from_edition: &str, to_edition: &str, lang: &str) -> PyResult<String> {
        let l = crate::convert::lang(lang)?;
        Ok(self
            .0
            .diff(from_edition, to_edition)
            .map_err(to_py)?
            .summary(l))
    }

    /// The matter's history: one `{"edition", "event", "matter"}` per change.
    fn history<'py>(&self, py: Python<'py>, matter: &str) -> PyResult<Bound<'py, PyList>> {
        let entries = self.0.history(matter).map_err(to_py)?;
        let out = PyList::empty(py);
        for h in entries {
            let d = PyDict::new(py);
            d.set_item("edition", h.edition.id())?;
            d.set_item("event", h.event.name(huying::Lang::En))?;
            d.set_item("matter", json_value(py, h.matter)?)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// The duty matrix of the edition at `at` as CSV (matters × units).
    #[pyo3(signature = (at = None, lang = "zh"))]
    fn matrix_csv(&self, at: Option<Instant>, lang: &str) -> PyResult<String> {
        let l = crate::convert::lang(lang)?;
        Ok(self.edition_at(at.map(|a| a.0))?.matrix_csv(l))
    }

    fn __len__(&self) -> usize {
        self.0.latest().len()
    }

    fn __repr__(&self) -> String {
        let d = self.0.data();
        format!(
            "Catalog(id={:?}, units={}, matters={}, editions={})",
            d.id,
            d.units.len(),
            self.0.latest().len(),
            self.0.editions().count()
        )
    }
}

impl PyCatalog {
    fn edition_at(&self, at: Option<DateTime<FixedOffset>>) -> PyResult<Edition<'_>> {
        match at {
            Some(t) => self.0.as_of(&t).map_err(to_py),
            None => Ok(self.0.latest()),
        }
    }
}
