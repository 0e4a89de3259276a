//! Lists from tables and workbooks: `importList` (the officials' sheet),
//! `Catalog.fromCsv`, `fromTsv`, `fromXlsx`. In the full package only (the
//! `full` feature): the board's build leaves them out.

use huying::catalog::{Catalog as CoreCatalog, ImportOptions, TabularFiles, UnitSource};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::catalog::{Catalog, catalog_error, loaded, problem_obj};
use crate::error;
use crate::js::{Obj, array};
use crate::time;

/// Where `importList` looks the units up: a units sheet's bytes, or a
/// `Catalog` (read through its JSON form, so the object stays the caller's).
fn unit_source(v: &JsValue) -> Result<UnitSource, JsValue> {
    if let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(UnitSource::File {
            name: "units.xlsx".into(),
            bytes: bytes.to_vec(),
        });
    }
    let to_json = js_sys::Reflect::get(v, &JsValue::from_str("toJson"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match to_json
        .and_then(|f| f.call0(v).ok())
        .and_then(|t| t.as_string())
    {
        Some(json) => Ok(UnitSource::Catalog(
            CoreCatalog::from_json("units.json", &json).map_err(catalog_error)?,
        )),
        None => Err(error::input(
            "input.bad_units",
            format!(
                "units: expected a Uint8Array (a units sheet) or a Catalog, got {}",
                time::describe(v)
            ),
        )),
    }
}

/// Reads the list as officials keep it (an `.xlsx` file or CSV text as a
/// `Uint8Array`: a title, a Chinese header, merged 领域 cells, units by
/// name, duties as phrases), in force from `options.effective`. Units are
/// looked up in `options.units` (a units sheet's bytes or a `Catalog`; by
/// default the workbook's sheet `单位`). Returns the list with the
/// warnings (`problems`, each with its cell in `field`) and the guesses of
/// the import; throws a `CatalogError` whose `details` name the cells.
#[wasm_bindgen(js_name = importList, unchecked_return_type = "ImportedList")]
pub fn import_list(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "ImportListOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let get = |k: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(k))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let effective = time::day(&get("effective").unwrap_or(JsValue::UNDEFINED), "effective")?;
    let mut o = ImportOptions::new(effective);
    if let Some(r) = get("reference") {
        let r = r
            .as_string()
            .ok_or_else(|| error::input("input.bad_reference", "reference: expected a string"))?;
        o = o.reference(r);
    }
    if let Some(u) = get("units") {
        o = o.units(unit_source(&u)?);
    }
    let file = get("file")
        .and_then(|f| f.as_string())
        .unwrap_or_else(|| "list.xlsx".into());
    let got = CoreCatalog::import_sheet(&file, bytes, &o).map_err(catalog_error)?;
    let r = &got.report;
    let guesses = array(r.guesses.iter().map(|g| {
        Obj::new()
            .str("cell", &g.cell)
            .str("text", &g.text)
            .str("meaningEn", &g.meaning_en)
            .str("meaningZh", &g.meaning_zh)
            .into()
    }));
    Ok(Obj::new()
        .val(
            "problems",
            &array(r.warnings.iter().map(problem_obj)).into(),
        )
        .val("guesses", &guesses.into())
        .str("file", &r.file)
        .num("headerRow", r.header_row.into())
        .num("rowsRead", r.rows_read as f64)
        .str("reportZh", &r.to_text(huying::Lang::Zh))
        .str("reportEn", &r.to_text(huying::Lang::En))
        .val("catalog", &Catalog { inner: got.catalog }.into())
        .into())
}

#[wasm_bindgen]
impl Catalog {
    /// Reads a list from the texts of its CSV tables (`list`, `units`,
    /// `matters`, optionally `revisions`). Errors as `fromJson`, problems
    /// named by file (`units.csv`, …) and row.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        list: &str,
        units: &str,
        matters: &str,
        revisions: Option<String>,
    ) -> Result<Catalog, JsValue> {
        loaded(CoreCatalog::from_csv(&TabularFiles::csv(
            list,
            units,
            matters,
            revisions.as_deref(),
        )))
    }

    /// Reads a list from the texts of its TSV tables. Errors as `fromJson`.
    #[wasm_bindgen(js_name = fromTsv)]
    pub fn from_tsv(
        list: &str,
        units: &str,
        matters: &str,
        revisions: Option<String>,
    ) -> Result<Catalog, JsValue> {
        loaded(CoreCatalog::from_tsv(&TabularFiles::tsv(
            list,
            units,
            matters,
            revisions.as_deref(),
        )))
    }

    /// Reads a list from a workbook's bytes (an `.xlsx` file as a
    /// `Uint8Array`; sheets `list`, `units`, `matters`, optionally
    /// `revisions`). Errors as `fromJson`.
    #[wasm_bindgen(js_name = fromXlsx)]
    pub fn from_xlsx(bytes: &[u8], file: Option<String>) -> Result<Catalog, JsValue> {
        let file = file.unwrap_or_else(|| "list.xlsx".into());
        loaded(CoreCatalog::from_xlsx(&file, bytes))
    }
}
