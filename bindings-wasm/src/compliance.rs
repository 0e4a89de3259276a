//! `complianceReport`: compliance statistics over a JSON-lines event log.

use huying::calendar::Calendar as CoreCalendar;
use huying::catalog::Catalog as CoreCatalog;
use huying::compliance::{Dimension, Replay, ReportConfig};
use wasm_bindgen::prelude::*;

use crate::catalog::Catalog;
use crate::error::{self, OrThrow};
use crate::time::{self, InstantArg};

#[wasm_bindgen]
extern "C" {
    /// Grouping dimensions: `"department"`, `"unit"`, `"township"`,
    /// `"matter"`, `"domain"`, `"day"`, `"week"`, `"month"`, `"quarter"`, `"year"`.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type DimensionsArg;
}

/// The report of a log, in its JSON form (the same keys as the Rust and
/// Python reports: `total`, `groups`, `evaluation`, `accountability`, `input`, …).
pub(crate) fn report(
    log: &str,
    catalog: Option<&CoreCatalog>,
    as_of: Option<InstantArg>,
    by: Option<DimensionsArg>,
) -> Result<JsValue, JsValue> {
    let as_of = match as_of {
        Some(t) if !t.is_null() && !t.is_undefined() => Some(time::instant(&t, "asOf")?),
        _ => None,
    };
    let mut dims = Vec::new();
    if let Some(by) = by.filter(|b| !b.is_null() && !b.is_undefined()) {
        let list: &js_sys::Array = by.dyn_ref().ok_or_else(|| {
            error::input(
                "input.bad_value",
                "by: expected an array of dimension names",
            )
        })?;
        for d in list.iter() {
            let name = d
                .as_string()
                .ok_or_else(|| error::input("input.bad_value", "by: expected dimension names"))?;
            dims.push(
                name.parse::<Dimension>()
                    .map_err(|e| error::input("input.bad_value", format!("by: {e}")))?,
            );
        }
    }
    let mut replay = Replay::new(
        &CoreCalendar::china(),
        catalog,
        ReportConfig::new(as_of).by(&dims),
    )
    .or_throw()?;
    replay.read_json_lines(log.as_bytes()).or_throw()?;
    let json = serde_json::to_string(&replay.finish())
        .map_err(|e| error::input("input.bad_value", format!("report: {e}")))?;
    js_sys::JSON::parse(&json)
}

/// Compliance statistics over a JSON-lines event log without a list (bad
/// lines are skipped and counted in `input`): the report in its JSON form.
/// `asOf` judges open calls (default: the latest event); `by` groups rows.
/// With a list, use `catalog.complianceReport(...)`.
#[wasm_bindgen(js_name = complianceReport, unchecked_return_type = "ComplianceReport")]
pub fn compliance_report(
    log: &str,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<InstantArg>,
    by: Option<DimensionsArg>,
) -> Result<JsValue, JsValue> {
    report(log, None, as_of, by)
}

#[wasm_bindgen]
impl Catalog {
    /// Compliance statistics over a JSON-lines event log, judged by this
    /// list: missed stages attributed to the units it names.
    #[wasm_bindgen(js_name = complianceReport, unchecked_return_type = "ComplianceReport")]
    pub fn compliance_report(
        &self,
        log: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<InstantArg>,
        by: Option<DimensionsArg>,
    ) -> Result<JsValue, JsValue> {
        report(log, Some(&self.inner), as_of, by)
    }
}
