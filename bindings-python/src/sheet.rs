//! `import_list`: the list as officials keep it (an XLSX or CSV sheet in
//! Chinese), read by the core's `Catalog::import_sheet`; and
//! `ImportedList`, the list with the warnings and guesses of the import.

use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use huying::catalog::{Catalog, ImportOptions, ImportReport, UnitSource};

use crate::catalog::{PyCatalog, PyProblem, json_value};
use crate::convert::{Day, lang};
use crate::errors::to_py;

/// A list read from the officials' sheet: `catalog`, the `problems` the
/// import warns about (a duty phrase it did not understand, kept as text;
/// no approval reference) with their cells, and the `guesses` it made.
#[pyclass(name = "ImportedList", module = "huying", frozen)]
pub(crate) struct PyImportedList {
    catalog: Py<PyCatalog>,
    report: ImportReport,
}

#[pymethods]
impl PyImportedList {
    /// The list read.
    #[getter]
    fn catalog(&self, py: Python<'_>) -> Py<PyCatalog> {
        self.catalog.clone_ref(py)
    }

    /// The warnings, as `Problem`s whose `field` is the cell (e.g. `"G9"`).
    #[getter]
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items: Vec<Bound<'py, PyProblem>> = self
            .report
            .warnings
            .iter()
            .map(|p| Bound::new(py, PyProblem(p.clone())))
            .collect::<PyResult<_>>()?;
        PyList::new(py, items)
    }

    /// The guesses, as dicts: `cell`, `text`, `meaning_en`, `meaning_zh`.
    #[getter]
    fn guesses<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_value(py, &self.report.guesses)
    }

    /// The sheet read (`file#sheet`, or the file for CSV).
    #[getter]
    fn file(&self) -> &str {
        &self.report.file
    }

    /// The 1-based row of the header.
    #[getter]
    fn header_row(&self) -> u32 {
        self.report.header_row
    }

    /// The matter rows read.
    #[getter]
    fn rows_read(&self) -> usize {
        self.report.rows_read
    }

    /// The report in words (`"zh"` or `"en"`): a line per warning and guess.
    #[pyo3(signature = (lang = "zh"))]
    fn report(&self, lang: &str) -> PyResult<String> {
        Ok(self.report.to_text(self::lang(lang)?))
    }

    fn __repr__(&self) -> String {
        format!(
            "ImportedList(file={:?}, rows_read={}, problems={}, guesses={})",
            self.report.file,
            self.report.rows_read,
            self.report.warnings.len(),
            self.report.guesses.len()
        )
    }
}

/// Where the units are: `None` (the workbook's sheet `单位`), a `Catalog`
/// (its units), or the path of a units sheet (XLSX or CSV).
fn units(ob: Option<&Bound<'_, PyAny>>) -> PyResult<UnitSource> {
    let Some(ob) = ob.filter(|o| !o.is_none()) else {
        return Ok(UnitSource::Workbook);
    };
    if let Ok(c) = ob.cast::<PyCatalog>() {
        return Ok(UnitSource::Catalog(c.get().0.clone()));
    }
    let path: PathBuf = ob.extract().map_err(|_| {
        PyTypeError::new_err("units: expected None, a huying.Catalog or the path of a units sheet")
    })?;
    UnitSource::read(&path).map_err(to_py)
}

/// Reads the list as officials keep it — an XLSX workbook or a CSV file
/// with a title, a Chinese header (序号, 领域, 事项名称, 主体责任单位, …),
/// merged 领域 cells, units by name and duties as phrases — in force from
/// `effective`. Units are looked up in `units` (see above). Raises
/// `CatalogValidationError` whose `problems` name the cells (`field` is
/// e.g. `"D7"`), and `CatalogReadError` for a file that cannot be read.
#[pyfunction]
#[pyo3(signature = (path, units = None, *, effective, reference = None))]
pub(crate) fn import_list(
    py: Python<'_>,
    path: PathBuf,
    units: Option<&Bound<'_, PyAny>>,
    effective: Day,
    reference: Option<String>,
) -> PyResult<PyImportedList> {
    let mut options = ImportOptions::new(effective.0).units(self::units(units)?);
    if let Some(r) = reference {
        options = options.reference(r);
    }
    let imported = py
        .detach(|| Catalog::import_sheet_file(&path, &options))
        .map_err(to_py)?;
    Ok(PyImportedList {
        catalog: Py::new(py, PyCatalog(imported.catalog))?,
        report: imported.report,
    })
}
