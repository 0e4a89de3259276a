//! The embedded sample county: an **illustrative** responsibility list.
//!
//! No county publishes its list matter by matter, so this one is a realistic
//! composite (see `data/README` of the project's shared data): 91 matters in
//! six domains, 8 of them with the township as primary holder — the shape of
//! the list described in the article on 乡呼县应. Six matters cite a public
//! page that states that division of duties (`source`); the rest say
//! `illustrative`. Unit names follow Xiajin county (夏津县, Shandong); the
//! approval references (文号) are marked 示例 and are invented.
//!
//! How the sample files become a list:
//!
//! - Units: the county bodies (U001–U034) and the 14 township-level units
//!   (U066–U079: street offices, towns and townships) of `units-sample.tsv`.
//!   The stationed-agency *kinds* of that file (U050 police station, U051
//!   judicial office, U052 market supervision office, U053 natural resources
//!   office, U054 enforcement squad, U055 traffic police squadron, U057 power
//!   supply station) are instantiated in every township as `KIND@TOWNSHIP`
//!   (e.g. `U053@U068`, 夏津县南城镇自然资源所), each belonging to its county
//!   department. The tax sub-bureau (U056) is left out: its department is not
//!   a county unit. Township-internal offices, villages and grid roles are not
//!   units of the list.
//! - The command centre is U008, the county grid service management centre
//!   (县网格化服务管理中心): the article's county runs 乡呼县应 on its
//!   grid-management platform, whose county centre dispatches calls.
//! - Matters: for a county-primary matter the township is the supporting
//!   holder with the coded `township_duties`; for the 8 township-primary
//!   matters those codes are the township's own duties, and the county
//!   departments the detail file names as guiding or supporting become
//!   supporting holders. Workflows come from templates A–E, with a role per
//!   step. Three urgent matters get a tighter arrival limit (M026 2 h; M059,
//!   M082 1 h) — illustrative too.
//! - One revision, effective 2026-03-01 (`sample-revision.json`): adds M101
//!   and M102, removes M075, makes M090 (open-air barbecues) territorial and
//!   tightens arrival for M056.
//!
//! The list is embedded as canonical JSON (`core/data/sample-list.json`),
//! built once from its source tables (see `tables.rs`).

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::model::CatalogData;
use super::{Catalog, Inner};

#[cfg(all(test, feature = "csv"))]
mod tables;

/// How the sample list is labelled: it is illustrative, not an official list.
///
/// ```
/// assert!(huying::catalog::SAMPLE_NOTE.contains("Illustrative"));
/// ```
pub const SAMPLE_NOTE: &str = "Illustrative sample county list (示例清单): a realistic composite of \
    91 matters, 8 township-primary; not an official list. Approval references are invented.";

/// The sample list as canonical JSON ([`Catalog::to_json`]).
const SAMPLE_JSON: &str = include_str!("../../../data/sample-list.json");

impl Catalog {
    /// The embedded sample county: an **illustrative** list of 91 matters
    /// (8 township-primary) in force from 2025-07-01, with one revision
    /// effective 2026-03-01 (see [`SAMPLE_NOTE`]). For examples, tests and
    /// benchmarks — not an official list.
    ///
    /// The sample is checked by the test suite; should it ever fail to build,
    /// this returns an empty list (no units, no matters) rather than panic.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert!(c.data().illustrative);
    /// assert_eq!(c.edition("XJ-2025")?.len(), 91);
    /// assert_eq!(c.command_centre().unwrap().id, "U008");
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn sample() -> Catalog {
        static SAMPLE: OnceLock<Catalog> = OnceLock::new();
        SAMPLE
            .get_or_init(|| {
                Catalog::from_json("sample-list.json", SAMPLE_JSON).unwrap_or_else(|_| Catalog {
                    inner: Arc::new(Inner::compile(CatalogData {
                        id: "empty".into(),
                        title_zh: String::new(),
                        title_en: String::new(),
                        reference: String::new(),
                        effective: NaiveDate::MAX,
                        illustrative: true,
                        command_centre: String::new(),
                        domains: Vec::new(),
                        units: Vec::new(),
                        matters: Vec::new(),
                        revisions: Vec::new(),
                    })),
                })
            })
            .clone()
    }
}
