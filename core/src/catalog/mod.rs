//! The responsibility list (清单): matters, primary and supporting duties,
//! revisions, and the rules the county runs on them.
//!
//! A county publishes a list of matters (事项). For each it names the unit
//! that holds the **primary duty** (主体责任) — a county department, or the
//! township where the matter arises (属地) — and the units that **support**
//! it (配合责任) with coded kinds of work: patrol, report, dissuade, assist
//! enforcement, … ([`DutyKind`]). The list changes by approved **revisions**
//! (清单动态调整), each with an approval reference (文号) and an effective
//! date; every question is asked *as of* an instant, and answered by the
//! [`Edition`] in force then.
//!
//! - **Model**: [`CatalogData`] (the canonical, serde/JSON form), [`Unit`],
//!   [`Matter`], [`Duty`], [`Revision`].
//! - **Resolution**: who answers for a matter in a township —
//!   [`Catalog::resolve`] (by id) and [`Catalog::resolve_handle`] (by
//!   interned handle, a few nanoseconds): the department's stationed agency
//!   in that township where it has one, else the department; the township
//!   itself for territorial duties.
//! - **Rules**: admission of handed-down tasks ([`Catalog::admit`]),
//!   accountability for a missed stage or duty ([`Catalog::accountable`]),
//!   queries ([`Edition::duties_of`], [`Edition::township_primary_count`],
//!   [`Edition::matrix_csv`], [`Edition::search`]).
//! - **Revisions**: [`Catalog::as_of`], [`Catalog::diff`], [`Catalog::history`].
//! - **Loading**: JSON ([`Catalog::from_json`]), CSV/TSV
//!   ([`Catalog::from_csv`], [`Catalog::from_tsv`]) and XLSX
//!   ([`Catalog::from_xlsx`]). Validation reports *every* problem
//!   ([`Problem`]: file, row, field, English and Chinese message, stable code).
//! - **The officials' sheet**: [`Catalog::import_sheet`] reads the list as a
//!   county office keeps it (a title, a Chinese header, merged 领域 cells,
//!   units by name, duties as phrases; the words it knows are in
//!   [`aliases`]) and reports what it understood ([`ImportReport`]);
//!   [`Catalog::to_xlsx`] writes a list back in that layout.
//! - **Sample**: [`Catalog::sample`], an illustrative county list of 91
//!   matters (8 township-primary) with one revision.
//!
//! ```
//! use chrono::DateTime;
//! use huying::catalog::{Catalog, Stage};
//! use huying::Lang;
//!
//! let list = Catalog::sample();
//! let march = DateTime::parse_from_rfc3339("2026-03-10T09:00:00+08:00")?;
//! // Illegal land occupation in Nancheng town: the Natural Resources Bureau's
//! // stationed office in that town answers for it.
//! let r = list.resolve("M001", "U068", &march)?;
//! assert_eq!(r.primary.id, "U053@U068");
//! assert_eq!(r.primary.name(Lang::Zh), "夏津县南城镇自然资源所");
//! // A missed dispatch is the command centre's.
//! let a = list.accountable("M001", "U068", Stage::Dispatch.into(), &march)?;
//! assert_eq!(a.units[0].id, "U008");
//! // The revision of 2026-03-01 made open-air barbecues territorial.
//! assert_eq!(list.as_of(&march)?.township_primary_count(), 9);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod load;
mod model;
mod revisions;
mod rules;
#[cfg(feature = "testkit")]
mod sample;
mod validate;

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

pub use error::{CatalogError, Problem, ProblemCode};
#[cfg(feature = "csv")]
pub use load::{Delimited, TabularFiles};
#[cfg(feature = "xlsx")]
pub use load::{Guess, ImportOptions, ImportReport, Imported, UnitSource, aliases};
pub use load::{
    MAX_CATALOG_BYTES, MAX_SHEET_CELLS, MAX_WORKBOOK_RATIO, MAX_WORKBOOK_UNZIPPED_BYTES,
};
pub use model::{
    CatalogData, Change, Domain, Duty, DutyKind, Holder, Matter, Revision, SlaOverrides, Stage,
    Step, StepRole, TERRITORIAL, Unit, UnitKind, UnitLevel,
};
pub use revisions::{Diff, Edition, HistoryEntry, HistoryEvent, Modified};
pub use rules::{
    Accountability, Admission, AdmissionReason, Breach, Decision, Holding, HoldingRole, Task,
};
#[cfg(feature = "testkit")]
pub use sample::SAMPLE_NOTE;

use validate::{Locator, Problems};

/// Id → interned handle.
type IdMap = rustc_hash::FxHashMap<String, u32>;

/// "No entry" in the compiled tables.
const NONE: u32 = u32::MAX;
/// A compiled holder that stands for the township where the matter arises.
const TERR: u32 = u32::MAX - 1;

/// A unit of a [`Catalog`], interned: a small copyable handle for fast lookups.
///
/// A handle is only meaningful for the catalog that issued it.
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let h = c.unit_handle("U010").unwrap();
/// assert_eq!(c.unit_by_handle(h).unwrap().id, "U010");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitHandle(u32);

impl UnitHandle {
    /// The index of the unit in [`CatalogData::units`].
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.unit_handle("U001").unwrap().index(), 0);
    /// ```
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A matter id of a [`Catalog`], interned over all editions (a matter added
/// by a revision has a handle too).
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let h = c.matter_handle("M001").unwrap();
/// assert_eq!(c.matter_id(h), Some("M001"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MatterHandle(u32);

impl MatterHandle {
    /// A dense index, 0 to the number of distinct matter ids.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.matter_handle("M001").unwrap().index(), 0);
    /// ```
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A validated responsibility list with all its editions, indexed for fast
/// as-of lookups. Cheap to clone (shared).
///
/// ```
/// use huying::catalog::Catalog;
/// let c = Catalog::sample();
/// assert_eq!(c.editions().count(), 2);
/// assert_eq!(c.latest().len(), 92);
/// ```
#[derive(Clone)]
pub struct Catalog {
    inner: Arc<Inner>,
}

/// One distinct text of a matter, with its holders compiled to handles.
#[derive(Debug)]
struct Version {
    matter: Matter,
    /// Compiled supporting holders (unit handle or [`TERR`]), as `matter.supporting`.
    supporting: Vec<u32>,
}

#[derive(Debug)]
struct EditionData {
    id: String,
    reference: String,
    title_zh: String,
    effective: NaiveDate,
    /// Versions in force, in list order.
    order: Vec<u32>,
}

#[derive(Debug)]
struct Inner {
    data: CatalogData,
    unit_index: IdMap,
    /// Unit handle → township slot, or NONE.
    town_of: Vec<u32>,
    /// Township slot → unit handle.
    townships: Vec<u32>,
    /// Unit handle → slot of a department that has stationed agencies, or NONE.
    dept_slot: Vec<u32>,
    /// `dept_slot * townships.len() + town slot` → agency handle, or NONE.
    agencies: Vec<u32>,
    command_centre: u32,
    matter_ids: Vec<String>,
    matter_index: IdMap,
    versions: Vec<Version>,
    /// Version → compiled primary holder (unit handle or TERR).
    primary_of: Vec<u32>,
    editions: Vec<EditionData>,
    /// Edition → start instant (Unix seconds), increasing.
    starts: Vec<i64>,
    /// `edition * matter_ids.len() + matter handle` → version, or NONE.
    slots: Vec<u32>,
}

impl Catalog {
    /// Validates a list and indexes it.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Invalid`] with every problem found; locations are
    /// model paths (`matters[3].primary.holder`) in a file named `(memory)`.
    ///
    /// ```
    /// use huying::catalog::{Catalog, Holder};
    /// let mut data = Catalog::sample().data().clone();
    /// data.matters[0].primary.holder = Holder::Unit("U999".into());
    /// data.units[0].id = "U002".into();
    /// let err = Catalog::new(data).unwrap_err();
    /// let codes: Vec<_> = err.problems().iter().map(|p| p.code.code()).collect();
    /// assert!(codes.contains(&"catalog.unknown_unit"));
    /// assert!(codes.contains(&"catalog.duplicate_id"));
    /// ```
    pub fn new(data: CatalogData) -> Result<Catalog, CatalogError> {
        let loc = Locator::Path {
            file: "(memory)".into(),
        };
        Catalog::checked(data, &loc, Problems::default())
    }

    /// Validates (adding to problems found while reading) and compiles.
    fn checked(
        data: CatalogData,
        loc: &Locator,
        mut problems: Problems,
    ) -> Result<Catalog, CatalogError> {
        validate::check(&data, loc, &mut problems);
        // Reading and checking may both see one gap (an empty cell): say it once.
        let mut seen = std::collections::HashSet::new();
        problems
            .list
            .retain(|p| seen.insert((p.code, p.file.clone(), p.row, p.field.clone())));
        if !problems.list.is_empty() {
            return Err(CatalogError::Invalid {
                problems: problems.list,
            });
        }
        Ok(Catalog {
            inner: Arc::new(Inner::compile(data)),
        })
    }

    /// The list as data (the canonical form).
    ///
    /// ```
    /// assert_eq!(huying::catalog::Catalog::sample().data().units.len(), 146);
    /// ```
    pub fn data(&self) -> &CatalogData {
        &self.inner.data
    }

    /// Whether two catalogs hold the same list (the same handle, or equal data).
    ///
    /// ```
    /// let a = huying::catalog::Catalog::sample();
    /// assert!(a.same(&a.clone()));
    /// ```
    pub fn same(&self, other: &Catalog) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner.data == other.inner.data
    }

    /// The list as canonical JSON (pretty-printed); [`Catalog::from_json`]
    /// reads it back unchanged.
    ///
    /// ```
    /// use huying::catalog::Catalog;
    /// let c = Catalog::sample();
    /// let again = Catalog::from_json("sample.json", &c.to_json())?;
    /// assert_eq!(again.data(), c.data());
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.inner.data).unwrap_or_default()
    }

    /// A unit by id.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.unit("U068").unwrap().name_zh, "夏津县南城镇");
    /// assert!(c.unit("U999").is_none());
    /// ```
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.unit_handle(id).and_then(|h| self.unit_by_handle(h))
    }

    /// The handle of a unit id.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert!(c.unit_handle("U068").is_some());
    /// ```
    pub fn unit_handle(&self, id: &str) -> Option<UnitHandle> {
        self.inner.unit_index.get(id).map(|&h| UnitHandle(h))
    }

    /// The unit of a handle.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let h = c.unit_handle("U008").unwrap();
    /// assert_eq!(c.unit_by_handle(h).unwrap().id, "U008");
    /// ```
    pub fn unit_by_handle(&self, h: UnitHandle) -> Option<&Unit> {
        self.inner.data.units.get(h.index())
    }

    /// Every unit, in list order.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.units().filter(|u| u.kind.is_township()).count(), 14);
    /// ```
    pub fn units(&self) -> impl Iterator<Item = &Unit> + '_ {
        self.inner.data.units.iter()
    }

    /// The townships and street offices, in list order.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.townships().next().unwrap().id, "U066");
    /// ```
    pub fn townships(&self) -> impl Iterator<Item = &Unit> + '_ {
        let inner = &*self.inner;
        inner
            .townships
            .iter()
            .filter_map(move |&h| inner.data.units.get(h as usize))
    }

    /// The county command centre (指挥中心), which dispatches calls.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.command_centre().unwrap().name_zh, "县网格化服务管理中心");
    /// ```
    pub fn command_centre(&self) -> Option<&Unit> {
        self.inner
            .data
            .units
            .get(self.inner.command_centre as usize)
    }

    /// The stationed agency of a department in a township, if it has one.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.agency_of("U015", "U070").unwrap().id, "U052@U070");
    /// assert!(c.agency_of("U011", "U070").is_none()); // no ecology office in towns
    /// ```
    pub fn agency_of(&self, department: &str, township: &str) -> Option<&Unit> {
        let inner = &*self.inner;
        let dep = *inner.unit_index.get(department)?;
        let town = *inner
            .town_of
            .get(*inner.unit_index.get(township)? as usize)?;
        let h = inner.agency(dep, town);
        (h != NONE)
            .then(|| inner.data.units.get(h as usize))
            .flatten()
    }

    /// The handle of a matter id (any id that was ever on the list).
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert!(c.matter_handle("M101").is_some()); // added by the 2026 revision
    /// assert!(c.matter_handle("M999").is_none());
    /// ```
    pub fn matter_handle(&self, id: &str) -> Option<MatterHandle> {
        self.inner.matter_index.get(id).map(|&h| MatterHandle(h))
    }

    /// The id of a matter handle.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let h = c.matter_handle("M091").unwrap();
    /// assert_eq!(c.matter_id(h), Some("M091"));
    /// ```
    pub fn matter_id(&self, h: MatterHandle) -> Option<&str> {
        self.inner.matter_ids.get(h.index()).map(String::as_str)
    }

    /// Who holds the primary duty for a matter in a township at an instant,
    /// by handle: the fast path (a binary search over edition dates and three
    /// table look-ups, no hashing).
    ///
    /// # Errors
    ///
    /// [`CatalogError::BeforeList`] before the list took effect;
    /// [`CatalogError::NotATownship`] when `township` is not a township;
    /// [`CatalogError::UnknownMatter`] when the matter is not in force then.
    ///
    /// ```
    /// use chrono::DateTime;
    /// let c = huying::catalog::Catalog::sample();
    /// let (m, t) = (c.matter_handle("M074").unwrap(), c.unit_handle("U070").unwrap());
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T10:00:00+08:00")?;
    /// let who = c.resolve_handle(m, t, &at)?;
    /// assert_eq!(c.unit_by_handle(who).unwrap().id, "U052@U070");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn resolve_handle(
        &self,
        matter: MatterHandle,
        township: UnitHandle,
        at: &DateTime<FixedOffset>,
    ) -> Result<UnitHandle, CatalogError> {
        let inner = &*self.inner;
        let e = inner
            .edition_at(at.timestamp())
            .ok_or_else(|| self.before(at))?;
        let town = inner
            .town_of
            .get(township.index())
            .copied()
            .filter(|&t| t != NONE)
            .ok_or_else(|| self.not_a_township(township))?;
        let v = inner
            .slot(e, matter.0)
            .ok_or_else(|| self.not_in_force(matter, e))?;
        let holder = inner.primary_of.get(v as usize).copied().unwrap_or(NONE);
        Ok(UnitHandle(inner.resolve(holder, township.0, town)))
    }

    #[cold]
    fn before(&self, at: &DateTime<FixedOffset>) -> CatalogError {
        CatalogError::BeforeList {
            // Written in UTC when the instant's own wall-clock time cannot be.
            at: crate::time::rfc3339(at),
            effective: self.inner.data.effective.to_string(),
        }
    }

    #[cold]
    fn not_a_township(&self, h: UnitHandle) -> CatalogError {
        match self.unit_by_handle(h) {
            Some(u) => CatalogError::NotATownship { id: u.id.clone() },
            None => CatalogError::UnknownUnit {
                id: format!("#{}", h.0),
            },
        }
    }

    #[cold]
    fn not_in_force(&self, h: MatterHandle, e: usize) -> CatalogError {
        CatalogError::UnknownMatter {
            id: self
                .matter_id(h)
                .map_or_else(|| format!("#{}", h.0), str::to_string),
            edition: self
                .inner
                .editions
                .get(e)
                .map(|d| d.id.clone())
                .unwrap_or_default(),
        }
    }

    /// Who answers for a matter in a township at an instant, by id: the
    /// primary holder resolved to a concrete unit, and each supporting holder.
    ///
    /// # Errors
    ///
    /// As [`Catalog::resolve_handle`], and [`CatalogError::UnknownUnit`] /
    /// [`CatalogError::UnknownMatter`] for ids the list does not have.
    ///
    /// ```
    /// use chrono::DateTime;
    /// let c = huying::catalog::Catalog::sample();
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T10:00:00+08:00")?;
    /// let r = c.resolve("M017", "U068", &at)?; // no ecology office in towns
    /// assert_eq!(r.primary.id, "U011");
    /// assert!(r.department.is_none());
    /// let r = c.resolve("M019", "U068", &at)?; // straw burning: territorial
    /// assert_eq!(r.primary.id, "U068");
    /// let r = c.resolve("M074", "U068", &at)?;
    /// assert_eq!(r.department.unwrap().id, "U015");
    /// assert_eq!(r.supporting()[0].0.id, "U068");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve(
        &self,
        matter: &str,
        township: &str,
        at: &DateTime<FixedOffset>,
    ) -> Result<Resolution<'_>, CatalogError> {
        let edition = self.as_of(at)?;
        let town = self.township(township)?;
        let inner = &*self.inner;
        let town_slot = inner.town_of.get(town.index()).copied().unwrap_or(NONE);
        let v = self
            .matter_handle(matter)
            .and_then(|mh| inner.slot(edition.index(), mh.0))
            .ok_or_else(|| edition.unknown_matter(matter))?;
        let version = inner
            .versions
            .get(v as usize)
            .ok_or_else(|| edition.unknown_matter(matter))?;
        let named = inner.primary_of.get(v as usize).copied().unwrap_or(NONE);
        let primary = inner.resolve(named, town.0, town_slot);
        let unit = |h: u32| inner.data.units.get(h as usize);
        let unknown = |id: &str| CatalogError::UnknownUnit { id: id.to_string() };
        let primary_unit = unit(primary).ok_or_else(|| unknown(matter))?;
        let department = (named != TERR && named != primary)
            .then(|| unit(named))
            .flatten();
        Ok(Resolution {
            edition,
            matter: &version.matter,
            township: unit(town.0).ok_or_else(|| unknown(township))?,
            primary: primary_unit,
            department,
            version,
            catalog: self,
            town: town.0,
        })
    }

    /// A township by id, as a handle.
    pub(crate) fn township(&self, id: &str) -> Result<UnitHandle, CatalogError> {
        let h = self
            .unit_handle(id)
            .ok_or_else(|| CatalogError::UnknownUnit { id: id.to_string() })?;
        match self.inner.town_of.get(h.index()) {
            Some(&t) if t != NONE => Ok(h),
            _ => Err(CatalogError::NotATownship { id: id.to_string() }),
        }
    }
}

/// The units that answer for a matter in one township, per the edition in
/// force: from [`Catalog::resolve`].
///
/// ```
/// use chrono::DateTime;
/// let c = huying::catalog::Catalog::sample();
/// let at = DateTime::parse_from_rfc3339("2025-12-01T10:00:00+08:00")?;
/// let r = c.resolve("M001", "U070", &at)?;
/// assert_eq!(r.primary.id, "U053@U070");
/// assert_eq!(r.department.unwrap().id, "U010");
/// assert_eq!(r.township.id, "U070");
/// assert_eq!(r.edition.id(), "XJ-2025");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct Resolution<'a> {
    /// The edition consulted.
    pub edition: Edition<'a>,
    /// The matter, as worded in that edition.
    pub matter: &'a Matter,
    /// The township asked about.
    pub township: &'a Unit,
    /// The unit that answers for the primary duty there.
    pub primary: &'a Unit,
    /// When a stationed agency answers, the department the list names.
    pub department: Option<&'a Unit>,
    version: &'a Version,
    catalog: &'a Catalog,
    town: u32,
}

impl<'a> Resolution<'a> {
    /// Each supporting duty with the concrete unit that holds it in this
    /// township.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use huying::catalog::DutyKind;
    /// let c = huying::catalog::Catalog::sample();
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T10:00:00+08:00")?;
    /// let r = c.resolve("M001", "U070", &at)?;
    /// let (unit, duty) = r.supporting()[0];
    /// assert_eq!(unit.id, "U070");
    /// assert!(duty.has(DutyKind::Patrol));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn supporting(&self) -> Vec<(&'a Unit, &'a Duty)> {
        let inner = &*self.catalog.inner;
        let town_slot = inner
            .town_of
            .get(self.town as usize)
            .copied()
            .unwrap_or(NONE);
        self.version
            .matter
            .supporting
            .iter()
            .zip(&self.version.supporting)
            .filter_map(|(duty, &h)| {
                let u = inner.resolve(h, self.town, town_slot);
                inner.data.units.get(u as usize).map(|u| (u, duty))
            })
            .collect()
    }
}

impl fmt::Debug for Resolution<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resolution")
            .field("edition", &self.edition.id())
            .field("matter", &self.matter.id)
            .field("township", &self.township.id)
            .field("primary", &self.primary.id)
            .field("department", &self.department.map(|d| &d.id))
            .finish()
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.inner.data;
        f.debug_struct("Catalog")
            .field("id", &d.id)
            .field("units", &d.units.len())
            .field("matters", &d.matters.len())
            .field("revisions", &d.revisions.len())
            .finish()
    }
}

impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        self.inner.data == other.inner.data
    }
}

impl Eq for Catalog {}

impl serde::Serialize for Catalog {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.inner.data.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Catalog {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = CatalogData::deserialize(d)?;
        Catalog::new(data).map_err(serde::de::Error::custom)
    }
}

/// The instant (Unix seconds) when a date starts in China (00:00, UTC+08:00).
fn day_start(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp() - i64::from(crate::CHINA_OFFSET_SECS)
}

impl Inner {
    fn compile(data: CatalogData) -> Inner {
        let n_units = data.units.len();
        let mut unit_index = IdMap::with_capacity_and_hasher(n_units, Default::default());
        for (i, u) in data.units.iter().enumerate() {
            unit_index.entry(u.id.clone()).or_insert(i as u32);
        }
        let mut town_of = vec![NONE; n_units];
        let mut townships = Vec::new();
        for (i, u) in data.units.iter().enumerate() {
            if u.kind.is_township() {
                if let Some(slot) = town_of.get_mut(i) {
                    *slot = townships.len() as u32;
                }
                townships.push(i as u32);
            }
        }
        // Departments with stationed agencies get a row of the agency table.
        let mut dept_slot = vec![NONE; n_units];
        let mut rows = 0u32;
        let mut links = Vec::new();
        for (i, u) in data.units.iter().enumerate() {
            if u.kind != UnitKind::StationedAgency {
                continue;
            }
            let dep = u
                .department
                .as_ref()
                .and_then(|d| unit_index.get(d))
                .copied();
            let town = u
                .township
                .as_ref()
                .and_then(|t| unit_index.get(t))
                .and_then(|&t| town_of.get(t as usize))
                .copied();
            if let (Some(dep), Some(town)) = (dep, town) {
                if let Some(slot) = dept_slot.get_mut(dep as usize) {
                    if *slot == NONE {
                        *slot = rows;
                        rows += 1;
                    }
                    links.push((*slot, town, i as u32));
                }
            }
        }
        let width = townships.len();
        let mut agencies = vec![NONE; rows as usize * width];
        for (row, town, agency) in links {
            if let Some(cell) = agencies.get_mut(row as usize * width + town as usize) {
                *cell = agency;
            }
        }
        let command_centre = unit_index
            .get(&data.command_centre)
            .copied()
            .unwrap_or(NONE);
        let t = revisions::build(&data, &unit_index);
        Inner {
            data,
            unit_index,
            town_of,
            townships,
            dept_slot,
            agencies,
            command_centre,
            matter_ids: t.matter_ids,
            matter_index: t.matter_index,
            versions: t.versions,
            primary_of: t.primary_of,
            editions: t.editions,
            starts: t.starts,
            slots: t.slots,
        }
    }

    /// The index of the edition in force at a Unix instant.
    #[inline]
    fn edition_at(&self, ts: i64) -> Option<usize> {
        self.starts.partition_point(|&s| s <= ts).checked_sub(1)
    }

    /// The version of a matter in force in an edition.
    #[inline]
    fn slot(&self, edition: usize, matter: u32) -> Option<u32> {
        let n = self.matter_ids.len();
        if matter as usize >= n {
            return None;
        }
        self.slots
            .get(edition * n + matter as usize)
            .copied()
            .filter(|&v| v != NONE)
    }

    /// The agency of a department (handle) in a township (slot), or NONE.
    #[inline]
    fn agency(&self, dep: u32, town_slot: u32) -> u32 {
        match self.dept_slot.get(dep as usize) {
            Some(&row) if row != NONE => self
                .agencies
                .get(row as usize * self.townships.len() + town_slot as usize)
                .copied()
                .unwrap_or(NONE),
            _ => NONE,
        }
    }

    /// A compiled holder made concrete in a township.
    #[inline]
    fn resolve(&self, holder: u32, township: u32, town_slot: u32) -> u32 {
        if holder == TERR {
            return township;
        }
        match self.agency(holder, town_slot) {
            NONE => holder,
            agency => agency,
        }
    }
}
