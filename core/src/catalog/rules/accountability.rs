//! Accountability by the list (依单监管问责): when a stage of a call or a
//! supporting duty is missed, the list in force says which unit answers.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::super::Catalog;
use super::super::error::CatalogError;
use super::super::model::{DutyKind, Matter, Stage, Unit};
use super::super::revisions::Edition;
use crate::Lang;

/// What was missed: a stage of a call, or a supporting duty of a kind.
///
/// ```
/// use huying::catalog::{Breach, DutyKind, Stage};
/// assert_eq!(Breach::from(Stage::Reply), Breach::Stage(Stage::Reply));
/// assert_eq!(Breach::from(DutyKind::Patrol).to_string(), "duty:patrol");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breach {
    /// A stage of the call: dispatch, arrival or reply.
    Stage(Stage),
    /// A duty of the given kind (patrol, report, …).
    Duty(DutyKind),
}

impl From<Stage> for Breach {
    fn from(s: Stage) -> Self {
        Breach::Stage(s)
    }
}

impl From<DutyKind> for Breach {
    fn from(d: DutyKind) -> Self {
        Breach::Duty(d)
    }
}

/// A breach from text: a stage (`dispatch`, `arrival`, `reply`), a duty code
/// (`patrol`, …), or either as [`Breach`]'s display (`stage:reply`,
/// `duty:patrol`).
///
/// ```
/// use huying::catalog::{Breach, DutyKind, Stage};
/// assert_eq!("reply".parse::<Breach>(), Ok(Breach::Stage(Stage::Reply)));
/// assert_eq!("patrol".parse::<Breach>(), Ok(Breach::Duty(DutyKind::Patrol)));
/// assert_eq!("duty:patrol".parse::<Breach>(), Ok(Breach::Duty(DutyKind::Patrol)));
/// assert!("nap".parse::<Breach>().is_err());
/// ```
impl std::str::FromStr for Breach {
    type Err = String;
    fn from_str(s: &str) -> Result<Breach, String> {
        let s = s.trim();
        let (stage, duty) = match s.split_once(':') {
            Some(("stage", rest)) => (Some(rest), None),
            Some(("duty", rest)) => (None, Some(rest)),
            _ => (Some(s), Some(s)),
        };
        if let Some(st) = stage.and_then(|x| x.parse::<Stage>().ok()) {
            return Ok(Breach::Stage(st));
        }
        if let Some(d) = duty.and_then(|x| x.parse::<DutyKind>().ok()) {
            return Ok(Breach::Duty(d));
        }
        Err(format!(
            "unknown breach {s:?}: expected a stage (dispatch, arrival, reply) or a duty code (patrol, report, …)"
        ))
    }
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breach::Stage(s) => write!(f, "stage:{s}"),
            Breach::Duty(d) => write!(f, "duty:{d}"),
        }
    }
}

/// Who answers for a breach, per the list in force: from [`Catalog::accountable`].
///
/// ```
/// use chrono::DateTime;
/// use huying::catalog::{Catalog, Stage};
/// let c = Catalog::sample();
/// let at = DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00")?;
/// let a = c.accountable("M074", "U068", Stage::Reply.into(), &at)?;
/// assert_eq!(a.units[0].id, "U052@U068");
/// assert_eq!(a.department.unwrap().id, "U015");
/// assert!(a.explain(huying::Lang::Zh).contains("答复办理结果"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Accountability<'a> {
    /// What was missed.
    pub breach: Breach,
    /// The units that answer for it (one for a stage; every holder of the duty).
    pub units: Vec<&'a Unit>,
    /// For arrival or reply answered by a stationed agency: the department the list names.
    pub department: Option<&'a Unit>,
    /// The matter, as worded in the edition in force.
    pub matter: &'a Matter,
    /// The township where the call arose.
    pub township: &'a Unit,
    /// The edition consulted.
    pub edition: Edition<'a>,
}

impl Accountability<'_> {
    /// Who answers and why, in a sentence.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use huying::catalog::{Catalog, Stage};
    /// let c = Catalog::sample();
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00")?;
    /// let a = c.accountable("M001", "U068", Stage::Dispatch.into(), &at)?;
    /// assert!(a.explain(huying::Lang::En).contains("County Grid Service Management Center"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, lang: Lang) -> String {
        let names: Vec<&str> = self.units.iter().map(|u| u.name(lang)).collect();
        let who = names.join(lang.pick("、", ", "));
        let what = match self.breach {
            Breach::Stage(s) => s.name(lang).to_string(),
            Breach::Duty(d) => d.name(lang).to_string(),
        };
        let (m, ed) = (self.matter.name(lang), self.edition.id());
        let town = self.township.name(lang);
        let via = self
            .department
            .map(|d| match lang {
                Lang::Zh => format!("（{}派驻机构）", d.name_zh),
                Lang::En => format!(" (stationed agency of {})", d.name_en),
            })
            .unwrap_or_default();
        let basis = match self.breach {
            Breach::Stage(Stage::Dispatch) => {
                lang.pick("指挥中心负责转办", "the command centre dispatches")
            }
            Breach::Stage(_) => lang.pick("主体责任单位", "the primary duty holder"),
            Breach::Duty(_) => lang.pick("配合责任单位", "the holder of that duty"),
        };
        match lang {
            Lang::Zh => format!(
                "事项“{m}”（{town}）“{what}”环节由{who}{via}负责：依据清单（{ed}），{basis}"
            ),
            Lang::En => format!(
                "{who}{via} answers for {what} on \"{m}\" in {town}: per the list ({ed}), {basis}"
            ),
        }
    }
}

impl Catalog {
    /// Which unit answers for a breach on a matter in a township, per the list
    /// in force at `at` (依单监管问责).
    ///
    /// - dispatch: the command centre;
    /// - arrival and reply: the primary holder, resolved in the township (its
    ///   stationed agency there, else the department; the township itself for
    ///   territorial matters);
    /// - a duty kind: every holder of a duty of that kind (primary or
    ///   supporting), resolved in the township.
    ///
    /// # Errors
    ///
    /// [`CatalogError::DutyNotListed`] when no holder has that duty kind, and
    /// the errors of [`Catalog::resolve`].
    ///
    /// ```
    /// use chrono::DateTime;
    /// use huying::catalog::{Catalog, DutyKind, Stage};
    /// let c = Catalog::sample();
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00")?;
    /// let a = c.accountable("M001", "U068", DutyKind::Patrol.into(), &at)?;
    /// assert_eq!(a.units[0].id, "U068"); // the town patrols
    /// let e = c.accountable("M001", "U068", DutyKind::Mediate.into(), &at).unwrap_err();
    /// assert_eq!(e.code(), "catalog.duty_not_listed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accountable(
        &self,
        matter: &str,
        township: &str,
        breach: Breach,
        at: &DateTime<FixedOffset>,
    ) -> Result<Accountability<'_>, CatalogError> {
        let r = self.resolve(matter, township, at)?;
        let mut department = None;
        let units = match breach {
            Breach::Stage(Stage::Dispatch) => {
                let cc = self
                    .command_centre()
                    .ok_or_else(|| CatalogError::UnknownUnit {
                        id: self.data().command_centre.clone(),
                    })?;
                vec![cc]
            }
            Breach::Stage(_) => {
                department = r.department;
                vec![r.primary]
            }
            Breach::Duty(kind) => {
                let mut units: Vec<&Unit> = Vec::new();
                if r.matter.primary.has(kind) {
                    units.push(r.primary);
                }
                for (unit, duty) in r.supporting() {
                    if duty.has(kind) && !units.iter().any(|u| u.id == unit.id) {
                        units.push(unit);
                    }
                }
                if units.is_empty() {
                    return Err(CatalogError::DutyNotListed {
                        matter: matter.to_string(),
                        duty: kind.code().to_string(),
                    });
                }
                units
            }
        };
        Ok(Accountability {
            breach,
            units,
            department,
            matter: r.matter,
            township: r.township,
            edition: r.edition,
        })
    }
}
