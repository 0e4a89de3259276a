//! Admission of handed-down tasks (交办事项准入): a county department may
//! hand a task to a township only where the list gives the township that duty.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::super::Catalog;
use super::super::error::CatalogError;
use super::super::model::{DutyKind, Holder};
use crate::Lang;

/// A task a county unit wants to hand down to a township.
///
/// `matter` is the list matter the task belongs to, or `None` when the task
/// is on no matter of the list.
///
/// ```
/// use huying::catalog::{DutyKind, Task};
/// let t = Task { from: "U010", township: "U068", matter: Some("M001"), duty: DutyKind::Patrol };
/// assert_eq!(t.duty.code(), "patrol");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Task<'a> {
    /// The county unit handing the task down.
    pub from: &'a str,
    /// The township asked to do it.
    pub township: &'a str,
    /// The matter of the list, if any.
    pub matter: Option<&'a str>,
    /// The kind of work asked of the township.
    pub duty: DutyKind,
}

/// The answer of the admission rule.
///
/// ```
/// use huying::catalog::Decision;
/// assert_eq!(Decision::NeedsApproval.code(), "needs_approval");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The list gives the township this duty: the task is admitted (准予交办).
    Admitted,
    /// The list gives the duty to someone else: the township may refuse it (不予准入).
    Refused,
    /// The task is on no matter of the list: it needs approval (报批).
    NeedsApproval,
}

impl Decision {
    /// The stable code: `admitted`, `refused` or `needs_approval`.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Decision::Refused.code(), "refused");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Decision::Admitted => "admitted",
            Decision::Refused => "refused",
            Decision::NeedsApproval => "needs_approval",
        }
    }

    /// The decision in words.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Decision::Admitted.name(huying::Lang::Zh), "准予交办");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Decision::Admitted => lang.pick("准予交办", "admitted"),
            Decision::Refused => lang.pick("不予准入", "refused"),
            Decision::NeedsApproval => lang.pick("需报批", "needs approval"),
        }
    }
}

/// Why the admission rule decided as it did.
///
/// ```
/// use huying::catalog::AdmissionReason;
/// assert_eq!(AdmissionReason::NotOnList.code(), "not_on_list");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdmissionReason {
    /// The township holds the primary duty for the matter.
    TownshipPrimary,
    /// The township holds this supporting duty for the matter.
    TownshipDuty,
    /// The township holds other duties for the matter, not this one.
    DutyNotListed {
        /// The duties the list does give the township.
        listed: Vec<DutyKind>,
    },
    /// The list gives the township no duty for the matter.
    NoTownshipDuty,
    /// The task is on no matter of the list in force.
    NotOnList,
}

impl AdmissionReason {
    /// The stable code of the reason.
    ///
    /// ```
    /// assert_eq!(huying::catalog::AdmissionReason::TownshipPrimary.code(), "township_primary");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            AdmissionReason::TownshipPrimary => "township_primary",
            AdmissionReason::TownshipDuty => "township_duty",
            AdmissionReason::DutyNotListed { .. } => "duty_not_listed",
            AdmissionReason::NoTownshipDuty => "no_township_duty",
            AdmissionReason::NotOnList => "not_on_list",
        }
    }
}

/// The outcome of [`Catalog::admit`]: the decision, the reason, and the
/// edition of the list that decided it.
///
/// ```
/// use chrono::DateTime;
/// use huying::catalog::{Catalog, Decision, DutyKind, Task};
/// let c = Catalog::sample();
/// let at = DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00")?;
/// let task = Task { from: "U010", township: "U068", matter: Some("M001"), duty: DutyKind::Patrol };
/// let a = c.admit(&task, &at)?;
/// assert_eq!(a.decision, Decision::Admitted);
/// assert!(a.explain(huying::Lang::Zh).contains("巡查"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Admission {
    /// Admitted, refused or needs approval.
    pub decision: Decision,
    /// Why.
    pub reason: AdmissionReason,
    /// The matter id of the task, if any.
    pub matter: Option<String>,
    /// The duty asked of the township.
    pub duty: DutyKind,
    /// The id of the edition consulted.
    pub edition: String,
}

impl Admission {
    /// True when the task is admitted.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use huying::catalog::{Catalog, DutyKind, Task};
    /// let c = Catalog::sample();
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00")?;
    /// let task = Task { from: "U010", township: "U068", matter: Some("M001"), duty: DutyKind::Mediate };
    /// assert!(!c.admit(&task, &at)?.is_admitted());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_admitted(&self) -> bool {
        self.decision == Decision::Admitted
    }

    /// The decision and its reason in a sentence.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use huying::catalog::{Catalog, DutyKind, Task};
    /// let c = Catalog::sample();
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00")?;
    /// let task = Task { from: "U015", township: "U068", matter: None, duty: DutyKind::Ledger };
    /// let s = c.admit(&task, &at)?.explain(huying::Lang::En);
    /// assert!(s.starts_with("needs approval"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, lang: Lang) -> String {
        let matter = self.matter.as_deref().unwrap_or("-");
        let duty = self.duty.name(lang);
        let ed = &self.edition;
        let why = match (&self.reason, lang) {
            (AdmissionReason::TownshipPrimary, Lang::Zh) => {
                format!("清单（{ed}）规定事项 {matter} 由乡镇（街道）承担主体责任")
            }
            (AdmissionReason::TownshipPrimary, Lang::En) => {
                format!("the list ({ed}) gives the township the primary duty for matter {matter}")
            }
            (AdmissionReason::TownshipDuty, Lang::Zh) => {
                format!("清单（{ed}）规定乡镇（街道）对事项 {matter} 承担“{duty}”配合责任")
            }
            (AdmissionReason::TownshipDuty, Lang::En) => {
                format!("the list ({ed}) gives the township the {duty} duty for matter {matter}")
            }
            (AdmissionReason::DutyNotListed { listed }, _) => {
                let sep = lang.pick("、", ", ");
                let names: Vec<_> = listed.iter().map(|d| d.name(lang)).collect();
                let names = names.join(sep);
                match lang {
                    Lang::Zh => format!(
                        "清单（{ed}）规定乡镇（街道）对事项 {matter} 仅承担{names}，不含“{duty}”"
                    ),
                    Lang::En => format!(
                        "the list ({ed}) gives the township only {names} for matter {matter}, not {duty}"
                    ),
                }
            }
            (AdmissionReason::NoTownshipDuty, Lang::Zh) => {
                format!("清单（{ed}）未规定乡镇（街道）对事项 {matter} 承担责任")
            }
            (AdmissionReason::NoTownshipDuty, Lang::En) => {
                format!("the list ({ed}) gives the township no duty for matter {matter}")
            }
            (AdmissionReason::NotOnList, Lang::Zh) => {
                format!("该任务不属于清单（{ed}）所列事项，须经准入审核批准")
            }
            (AdmissionReason::NotOnList, Lang::En) => {
                format!("the task is on no matter of the list ({ed}); it needs approval")
            }
        };
        let sep = lang.pick("：", ": ");
        format!("{}{sep}{why}", self.decision.name(lang))
    }
}

impl Catalog {
    /// The admission rule (交办事项准入): may `task.from` hand this task to
    /// the township, per the list in force at `at`?
    ///
    /// Admitted where the list gives the township (as territorial holder, or
    /// by name) the primary duty, or a supporting duty of that kind; refused
    /// where the matter is on the list but the township has not that duty;
    /// needs approval where the task is on no matter of the list.
    ///
    /// # Errors
    ///
    /// [`CatalogError::UnknownUnit`] for an unknown unit,
    /// [`CatalogError::NotACountyUnit`] when `from` is a township,
    /// [`CatalogError::NotATownship`], [`CatalogError::BeforeList`].
    ///
    /// ```
    /// use chrono::DateTime;
    /// use huying::catalog::{Catalog, Decision, DutyKind, Task};
    /// let c = Catalog::sample();
    /// let at = DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00")?;
    /// // M070 (school canteens): the township only reports.
    /// let task = Task { from: "U015", township: "U068", matter: Some("M070"), duty: DutyKind::Verify };
    /// let a = c.admit(&task, &at)?;
    /// assert_eq!(a.decision, Decision::Refused);
    /// assert_eq!(a.reason.code(), "duty_not_listed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn admit(
        &self,
        task: &Task<'_>,
        at: &DateTime<FixedOffset>,
    ) -> Result<Admission, CatalogError> {
        let edition = self.as_of(at)?;
        let from = self
            .unit(task.from)
            .ok_or_else(|| CatalogError::UnknownUnit {
                id: task.from.to_string(),
            })?;
        if from.kind.is_township() {
            return Err(CatalogError::NotACountyUnit {
                id: task.from.to_string(),
            });
        }
        self.township(task.township)?;
        let answer = |decision, reason| Admission {
            decision,
            reason,
            matter: task.matter.map(str::to_string),
            duty: task.duty,
            edition: edition.id().to_string(),
        };
        let Some(matter) = task.matter.and_then(|id| edition.matter(id)) else {
            return Ok(answer(Decision::NeedsApproval, AdmissionReason::NotOnList));
        };
        let mine = |h: &Holder| match h {
            Holder::Territorial => true,
            Holder::Unit(id) => id == task.township,
        };
        if mine(&matter.primary.holder) {
            return Ok(answer(Decision::Admitted, AdmissionReason::TownshipPrimary));
        }
        let mut listed: Vec<DutyKind> = Vec::new();
        for duty in matter.supporting.iter().filter(|d| mine(&d.holder)) {
            if duty.has(task.duty) {
                return Ok(answer(Decision::Admitted, AdmissionReason::TownshipDuty));
            }
            for &k in &duty.kinds {
                if !listed.contains(&k) {
                    listed.push(k);
                }
            }
        }
        if listed.is_empty() {
            Ok(answer(Decision::Refused, AdmissionReason::NoTownshipDuty))
        } else {
            Ok(answer(
                Decision::Refused,
                AdmissionReason::DutyNotListed { listed },
            ))
        }
    }
}
