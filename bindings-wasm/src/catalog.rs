//! `Catalog`: the responsibility list (清单) — who answers for a matter in a
//! township (`huying::catalog`).

use huying::catalog::{
    AdmissionReason, Breach, Catalog as CoreCatalog, CatalogError, Duty, DutyKind, Edition, Matter,
    Problem, Stage, Task, Unit,
};
use wasm_bindgen::prelude::*;

use crate::error::{self, OrThrow};
use crate::js::{Obj, array};
use crate::time::{self, InstantArg};

/// The responsibility list: units, matters with primary and supporting
/// duties, and revisions. Every question is asked as of an instant and
/// answered by the edition in force then.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Catalog {
    pub(crate) inner: CoreCatalog,
}

/// A problem as a plain object (`CatalogProblem`).
pub(crate) fn problem_obj(p: &Problem) -> JsValue {
    Obj::new()
        .str("code", p.code.code())
        .str("file", &p.file)
        .val(
            "row",
            &p.row.map_or(JsValue::NULL, |r| JsValue::from_f64(r.into())),
        )
        .str("field", &p.field)
        .str("messageEn", &p.message_en)
        .str("messageZh", &p.message_zh)
        .into()
}

/// A `CatalogError` with every problem in `details`.
pub(crate) fn catalog_error(e: CatalogError) -> JsValue {
    let problems = array(e.problems().iter().map(problem_obj));
    error::with_details(error::make(e.code(), &e.to_string()), &problems.into()).into()
}

/// A loaded list, or a `CatalogError` with every problem in `details`
/// (file, row, field, code, English and Chinese message).
pub(crate) fn loaded(r: Result<CoreCatalog, CatalogError>) -> Result<Catalog, JsValue> {
    r.map(|inner| Catalog { inner }).map_err(catalog_error)
}

/// A unit as a plain object.
pub(crate) fn unit_obj(u: &Unit) -> JsValue {
    Obj::new()
        .str("id", &u.id)
        .str("nameZh", &u.name_zh)
        .str("nameEn", &u.name_en)
        .str("level", u.level.code())
        .str("kind", u.kind.code())
        .opt_str("department", u.department.as_deref())
        .opt_str("township", u.township.as_deref())
        .into()
}

fn duty_obj(d: &Duty) -> Obj {
    Obj::new()
        .str("holder", &d.holder.to_string())
        .val(
            "kinds",
            &array(d.kinds.iter().map(|k| JsValue::from_str(k.code()))).into(),
        )
        .str("textZh", &d.text_zh)
}

fn matter_obj(m: &Matter) -> JsValue {
    let limits = Stage::ALL.iter().fold(Obj::new(), |o, &s| {
        o.str(s.code(), &m.sla.limit(s).to_string())
    });
    Obj::new()
        .str("id", &m.id)
        .str("domain", &m.domain)
        .str("nameZh", &m.name_zh)
        .str("nameEn", &m.name_en)
        .bool("territorial", m.is_territorial())
        .val("primary", &duty_obj(&m.primary).into())
        .val(
            "supporting",
            &array(m.supporting.iter().map(|d| duty_obj(d).into())).into(),
        )
        .val("limits", &limits.into())
        .into()
}

impl Catalog {
    pub(crate) fn edition(&self, at: Option<InstantArg>) -> Result<Edition<'_>, JsValue> {
        match at
            .map(JsValue::from)
            .filter(|v| !v.is_undefined() && !v.is_null())
        {
            None => Ok(self.inner.latest()),
            Some(v) => self.inner.as_of(&time::instant(&v, "at")?).or_throw(),
        }
    }
}

#[wasm_bindgen]
impl Catalog {
    /// The illustrative county list: 91 matters (8 township-primary), one revision.
    pub fn sample() -> Catalog {
        Catalog {
            inner: CoreCatalog::sample(),
        }
    }

    /// Reads a list from its JSON form (as `toJson()` writes it). Throws a
    /// `CatalogError` with code `catalog.invalid` and every problem found in
    /// `details` (file, row, field, code, English and Chinese message).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str, file: Option<String>) -> Result<Catalog, JsValue> {
        let file = file.unwrap_or_else(|| "list.json".into());
        loaded(CoreCatalog::from_json(&file, text))
    }

    /// The list as JSON (the canonical form).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The county command centre (指挥中心), if the list names one.
    #[wasm_bindgen(getter, js_name = commandCentre, unchecked_return_type = "UnitInfo | null")]
    pub fn command_centre(&self) -> JsValue {
        self.inner.command_centre().map_or(JsValue::NULL, unit_obj)
    }

    /// A unit by id, or `null`.
    #[wasm_bindgen(unchecked_return_type = "UnitInfo | null")]
    pub fn unit(&self, id: &str) -> JsValue {
        self.inner.unit(id).map_or(JsValue::NULL, unit_obj)
    }

    /// Every unit.
    #[wasm_bindgen(unchecked_return_type = "UnitInfo[]")]
    pub fn units(&self) -> js_sys::Array {
        array(self.inner.units().map(unit_obj))
    }

    /// The townships and street offices.
    #[wasm_bindgen(unchecked_return_type = "UnitInfo[]")]
    pub fn townships(&self) -> js_sys::Array {
        array(self.inner.townships().map(unit_obj))
    }

    /// The matters of the edition in force at `at` (default: the latest).
    #[wasm_bindgen(unchecked_return_type = "MatterInfo[]")]
    pub fn matters(&self, at: Option<InstantArg>) -> Result<js_sys::Array, JsValue> {
        Ok(array(self.edition(at)?.matters().map(matter_obj)))
    }

    /// A matter of the edition in force at `at` (default: the latest), or `null`.
    #[wasm_bindgen(unchecked_return_type = "MatterInfo | null")]
    pub fn matter(&self, id: &str, at: Option<InstantArg>) -> Result<JsValue, JsValue> {
        Ok(self
            .edition(at)?
            .matter(id)
            .map_or(JsValue::NULL, matter_obj))
    }

    /// The matters whose names contain every keyword (Chinese or English).
    #[wasm_bindgen(unchecked_return_type = "MatterInfo[]")]
    pub fn search(&self, keywords: &str, at: Option<InstantArg>) -> Result<js_sys::Array, JsValue> {
        Ok(array(
            self.edition(at)?
                .search(keywords)
                .into_iter()
                .map(matter_obj),
        ))
    }

    /// Who answers for `matter` raised in `township` at `at`: the primary
    /// duty holder (the department's stationed agency in that township where
    /// it has one, or the township itself for territorial matters), the
    /// department behind an agency, and the supporting units with their duties.
    #[wasm_bindgen(unchecked_return_type = "Resolution")]
    pub fn resolve(
        &self,
        matter: &str,
        township: &str,
        at: &InstantArg,
    ) -> Result<JsValue, JsValue> {
        let at = time::instant(at, "at")?;
        let r = self.inner.resolve(matter, township, &at).or_throw()?;
        let supporting = array(r.supporting().into_iter().map(|(u, d)| {
            Obj::new()
                .val("unit", &unit_obj(u))
                .val(
                    "kinds",
                    &array(d.kinds.iter().map(|k| JsValue::from_str(k.code()))).into(),
                )
                .str("textZh", &d.text_zh)
                .into()
        }));
        Ok(Obj::new()
            .str("edition", r.edition.id())
            .val("matter", &matter_obj(r.matter))
            .val("township", &unit_obj(r.township))
            .val("primary", &unit_obj(r.primary))
            .val("department", &r.department.map_or(JsValue::NULL, unit_obj))
            .val("supporting", &supporting.into())
            .into())
    }

    /// Whether the county unit `fromUnit` may hand the duty `duty` (a duty
    /// code such as `"patrol"`) down to `township` at `at`, for `matter` if
    /// given: the decision, its reason and the edition consulted.
    #[wasm_bindgen(unchecked_return_type = "AdmissionInfo")]
    pub fn admit(
        &self,
        #[wasm_bindgen(js_name = fromUnit)] from_unit: &str,
        township: &str,
        duty: &str,
        at: &InstantArg,
        matter: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let at = time::instant(at, "at")?;
        let duty = duty
            .parse::<DutyKind>()
            .map_err(|e| error::input("input.bad_duty", format!("duty: {e}")))?;
        let task = Task {
            from: from_unit,
            township,
            matter: matter.as_deref(),
            duty,
        };
        let a = self.inner.admit(&task, &at).or_throw()?;
        let listed = match &a.reason {
            AdmissionReason::DutyNotListed { listed } => {
                array(listed.iter().map(|k| JsValue::from_str(k.code()))).into()
            }
            _ => JsValue::NULL,
        };
        Ok(Obj::new()
            .str("decision", a.decision.code())
            .str("reason", a.reason.code())
            .val("listed", &listed)
            .opt_str("matter", a.matter.as_deref())
            .str("duty", a.duty.code())
            .str("edition", &a.edition)
            .str("explainZh", &a.explain(huying::Lang::Zh))
            .str("explainEn", &a.explain(huying::Lang::En))
            .into())
    }

    /// Who answers for a breach on `matter` in `township` at `at`: a missed
    /// stage (`"dispatch"`, `"arrival"`, `"reply"`) or a duty not done (a
    /// duty code such as `"patrol"`), per the edition in force.
    #[wasm_bindgen(unchecked_return_type = "AccountabilityInfo")]
    pub fn accountable(
        &self,
        matter: &str,
        township: &str,
        breach: &str,
        at: &InstantArg,
    ) -> Result<JsValue, JsValue> {
        let at = time::instant(at, "at")?;
        let breach = breach
            .parse::<Breach>()
            .map_err(|e| error::input("input.bad_breach", format!("breach: {e}")))?;
        let a = self
            .inner
            .accountable(matter, township, breach, &at)
            .or_throw()?;
        Ok(Obj::new()
            .str("breach", &a.breach.to_string())
            .val("units", &array(a.units.iter().map(|u| unit_obj(u))).into())
            .val("department", &a.department.map_or(JsValue::NULL, unit_obj))
            .str("edition", a.edition.id())
            .str("explainZh", &a.explain(huying::Lang::Zh))
            .str("explainEn", &a.explain(huying::Lang::En))
            .into())
    }

    /// The editions: the original list and each revision, oldest first.
    #[wasm_bindgen(unchecked_return_type = "EditionInfo[]")]
    pub fn editions(&self) -> js_sys::Array {
        array(self.inner.editions().map(|e| {
            Obj::new()
                .str("id", e.id())
                .str("reference", e.reference())
                .str("titleZh", e.title_zh())
                .str("effective", &time::day_text(e.effective()))
                .val("start", &time::date(&e.start()).into())
                .num("matters", e.len() as f64)
                .into()
        }))
    }
}
