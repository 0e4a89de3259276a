//! The responsibility list's part in a call: the limits a matter sets for
//! itself, the unit that answers for a matter in a township, and the
//! supporting units to notify at dispatch.
//!
//! The call works without a list: the command centre names the department
//! in the `dispatched` event, and the policy's limits apply. With a list, a
//! platform builds the policy from it and lets the list propose the unit and
//! name the supporting units.
//!
//! ```
//! use huying::calendar::Calendar;
//! use huying::call::{Actor, Call, CallPolicy, Channel, Event, EventKind};
//! use huying::catalog::{Catalog, Stage};
//! use huying::sla::Limit;
//!
//! let list = Catalog::sample();
//! let t = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
//! let policy = CallPolicy::from_catalog(&list, &t("2025-12-01T09:00:00+08:00"))?;
//! assert_eq!(policy.command_centre().unwrap(), "U008");
//! assert_eq!(policy.limit_for("M026", Stage::Arrival), Limit::Hours(2));
//!
//! let raised = Event::new("C1", t("2025-12-01T09:00:00+08:00"), Actor::township("U068"),
//!     EventKind::Raised { township: "U068".into(), matter: "M001".into(), channel: Channel::Video });
//! let call = Call::raise(&Calendar::china(), &policy, &raised)?;
//! let at = t("2025-12-01T09:10:00+08:00");
//! let unit = call.responsible_unit(&list, &at)?;
//! assert_eq!(unit, "U053@U068"); // the bureau's stationed office in that town
//! let e = call.dispatch_event(at, Actor::command_centre("U008"), &unit, Some(&list))?;
//! let EventKind::Dispatched { supporting, .. } = &e.kind else { unreachable!() };
//! assert_eq!(supporting, &["U068"]);
//! # Ok::<(), huying::call::CallError>(())
//! ```

use chrono::{DateTime, FixedOffset};

use super::{Actor, Call, CallError, CallPolicy, Event, EventKind, Id};
use crate::catalog::{Catalog, Edition};

impl CallPolicy {
    /// The policy with the matters' own limits set to those of an edition of
    /// the list (each matter's [`sla`](crate::catalog::Matter::sla)); limits
    /// set for matters before are dropped.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::{Catalog, Stage}, sla::Limit};
    /// let list = Catalog::sample();
    /// let p = CallPolicy::new("U008").with_edition(&list.latest());
    /// assert_eq!(p.limit_for("M059", Stage::Arrival), Limit::Hours(1));
    /// assert_eq!(p.limit_for("M001", Stage::Arrival), Limit::Hours(3));
    /// ```
    pub fn with_edition(self, edition: &Edition<'_>) -> CallPolicy {
        self.with_all_matters(
            edition
                .matters()
                .filter(|m| !m.sla.is_empty())
                .map(|m| (Id::from(m.id.as_str()), m.sla)),
        )
    }

    /// The standard policy under the list in force at `at`: its command
    /// centre, the limits its matters set for themselves, and every unit
    /// checked against the list (see [`CallPolicy`]).
    ///
    /// A policy fixes a call's limits when the call is raised; build one per
    /// edition when the list changes.
    ///
    /// # Errors
    /// [`CallError::Catalog`] if `at` is before the list took effect.
    ///
    /// ```
    /// use huying::{call::CallPolicy, catalog::Catalog};
    /// let at = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00+08:00").unwrap();
    /// let err = CallPolicy::from_catalog(&Catalog::sample(), &at).unwrap_err();
    /// assert_eq!(err.code(), "catalog.before_list");
    /// ```
    pub fn from_catalog(
        list: &Catalog,
        at: &DateTime<FixedOffset>,
    ) -> Result<CallPolicy, CallError> {
        let edition = list.as_of(at)?;
        Ok(CallPolicy::trust_everyone()
            .with_edition(&edition)
            .with_list(list))
    }
}

impl Call {
    /// The unit that answers for the call's matter in its township per the
    /// list in force at `at`: the department's stationed agency there where
    /// it has one, else the department (or the township itself for a
    /// territorial duty). The command centre's default choice for dispatch.
    ///
    /// # Errors
    /// [`CallError::Catalog`] for a matter or township the list does not
    /// have, or an instant before the list.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Call, CallPolicy}, catalog::Catalog};
    /// let call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE)?;
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-12-01T09:00:00+08:00").unwrap();
    /// assert_eq!(call.responsible_unit(&Catalog::sample(), &at)?, "U053@U068");
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn responsible_unit(
        &self,
        list: &Catalog,
        at: &DateTime<FixedOffset>,
    ) -> Result<Id, CallError> {
        let r = list.resolve(self.matter(), self.township(), at)?;
        Ok(Id::new(&r.primary.id))
    }

    /// The `dispatched` event for the unit the command centre chose, naming
    /// as supporting units those the list gives the matter in the call's
    /// township (as of `at`; without a list, none), the chosen unit left out.
    /// The platform notifies them when it records the event.
    ///
    /// # Errors
    /// [`CallError::Catalog`] as [`Call::responsible_unit`].
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::{Actor, Call, CallPolicy, EventKind}};
    /// let mut call = Call::replay(&Calendar::china(), &CallPolicy::new("U008"), huying::call::log::EXAMPLE.lines().next().unwrap())?;
    /// let at = chrono::DateTime::parse_from_rfc3339("2025-06-03T09:10:00+08:00").unwrap();
    /// let e = call.dispatch_event(at, Actor::command_centre("U008"), "U010", None)?;
    /// assert_eq!(e.kind, EventKind::Dispatched { department: "U010".into(), supporting: vec![] });
    /// call.apply(&e)?;
    /// # Ok::<(), huying::call::CallError>(())
    /// ```
    pub fn dispatch_event(
        &self,
        at: DateTime<FixedOffset>,
        actor: Actor,
        department: &str,
        list: Option<&Catalog>,
    ) -> Result<Event, CallError> {
        let mut supporting: Vec<Id> = Vec::new();
        if let Some(list) = list {
            let r = list.resolve(self.matter(), self.township(), &at)?;
            for (unit, _) in r.supporting() {
                if unit.id != department && !supporting.iter().any(|s| *s == unit.id.as_str()) {
                    supporting.push(Id::new(&unit.id));
                }
            }
        }
        Ok(Event::new(
            self.id().clone(),
            at,
            actor,
            EventKind::Dispatched {
                department: Id::new(department),
                supporting,
            },
        ))
    }
}
