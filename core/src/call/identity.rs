//! Who may act as whom: a policy's identities checked against the list (see
//! [`CallPolicy`]). The platform authenticates who sent an event; these
//! checks decide what that identity may do.
//!
//! They run when a call is raised (the township and the matter) and when it
//! is dispatched (the unit that answers it and the supporting units): every
//! later event is by a unit the call already knows — its township, its
//! command centre, the unit it was dispatched to — and is checked against
//! those by equality.

use chrono::{DateTime, FixedOffset};

use super::policy::Identity;
use super::{CallError, CallPolicy, EventType, Id};
use crate::catalog::{Catalog, Unit, UnitKind, UnitLevel};
use rustc_hash::FxHashMap as FxMap;

/// What the checks need to know of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// A township or street office: raises calls, answers its territorial ones.
    Township,
    /// May be dispatched a call.
    Answers,
    /// Neither (an office, the platform, a village, a grid).
    Other,
}

/// In a [`MatterIndex`] entry: the matter is in force in an edition.
const IN_FORCE: u8 = 1;
/// ... and is territorial there.
const TERRITORIAL: u8 = 2;

/// The list's units and matters as the identity checks ask for them: built
/// once when a policy is given the list, so that a check is a hash look-up
/// or two (the compliance replay makes them for every call).
#[derive(Debug)]
pub(crate) struct ListIndex {
    units: FxMap<Id, Part>,
    /// Per matter, per edition (oldest first): [`IN_FORCE`] | [`TERRITORIAL`].
    matters: FxMap<Id, Vec<u8>>,
    /// Each edition's start, in local seconds ([`crate::time::local_secs`]), increasing.
    starts: Vec<i64>,
}

impl ListIndex {
    pub(crate) fn new(list: &Catalog) -> ListIndex {
        let units = list
            .units()
            .map(|u| {
                let part = if u.kind.is_township() {
                    Part::Township
                } else if answers_calls(u) {
                    Part::Answers
                } else {
                    Part::Other
                };
                (Id::new(&u.id), part)
            })
            .collect();
        let editions: Vec<_> = list.editions().collect();
        let mut matters: FxMap<Id, Vec<u8>> = FxMap::default();
        for (i, e) in editions.iter().enumerate() {
            for m in e.matters() {
                let flags = matters
                    .entry(Id::new(&m.id))
                    .or_insert_with(|| vec![0; editions.len()]);
                if let Some(f) = flags.get_mut(i) {
                    *f = IN_FORCE | if m.is_territorial() { TERRITORIAL } else { 0 };
                }
            }
        }
        ListIndex {
            units,
            matters,
            starts: editions
                .iter()
                .map(|e| crate::time::local_secs(&e.start()))
                .collect(),
        }
    }

    /// The matter's flags in the edition in force at local second `ls`;
    /// `None` before the list.
    fn matter(&self, matter: &Id, ls: i64) -> Option<u8> {
        let e = self.starts.partition_point(|&s| s <= ls).checked_sub(1)?;
        Some(
            self.matters
                .get(matter)
                .and_then(|f| f.get(e).copied())
                .unwrap_or(0),
        )
    }
}

/// Whether a unit of this kind may be dispatched a call: the county's
/// departments and the bodies that act like them (vertically managed
/// branches, sub-units, public institutions, enterprises with a duty) and
/// the stationed agencies — not the party and government offices, the
/// platform (the command centre), townships, villages or grids.
fn answers_calls(u: &Unit) -> bool {
    let level_ok = matches!(u.level, UnitLevel::County | UnitLevel::Township);
    let kind_ok = matches!(
        u.kind,
        UnitKind::Department
            | UnitKind::StationedCityBranch
            | UnitKind::StationedAgency
            | UnitKind::SubUnit
            | UnitKind::Institution
            | UnitKind::Enterprise
    );
    level_ok && kind_ok
}

#[cold]
#[inline(never)]
fn wrong(unit: &Id, u: Option<&Unit>, action: EventType, problem: &'static str) -> CallError {
    CallError::WrongRole {
        unit: unit.clone(),
        kind: u
            .map_or("the command centre", |u| u.kind.code())
            .to_string(),
        action,
        problem,
    }
}

#[cold]
#[inline(never)]
fn unknown(unit: &Id, context: &'static str) -> CallError {
    CallError::UnknownUnit {
        unit: unit.clone(),
        context,
    }
}

#[cold]
#[inline(never)]
fn not_in_force(list: &Catalog, matter: &Id, at: &DateTime<FixedOffset>) -> CallError {
    match list.as_of(at) {
        Ok(e) => CallError::UnknownMatter {
            matter: matter.clone(),
            edition: e.id().to_string(),
        },
        Err(e) => e.into(),
    }
}

impl CallPolicy {
    /// The checks of a `raised` event by `unit` about `matter` at `at`
    /// (`ls`, its local second; the event's township is `unit`: the caller
    /// checked that first).
    pub(crate) fn check_raise(
        &self,
        unit: &Id,
        matter: &Id,
        at: &DateTime<FixedOffset>,
        ls: i64,
    ) -> Result<(), CallError> {
        if self.command_centre() == Some(unit) && !self.trusts_everyone() {
            return Err(wrong(
                unit,
                None,
                EventType::Raised,
                "the command centre does not raise calls: a township or street office does",
            ));
        }
        let Identity::List(list, index) = self.identity() else {
            return Ok(());
        };
        match index.units.get(unit) {
            Some(Part::Township) => {}
            Some(_) => {
                return Err(wrong(
                    unit,
                    list.unit(unit),
                    EventType::Raised,
                    "only a township or street office raises a call",
                ));
            }
            None => return Err(unknown(unit, "the township raising the call")),
        }
        match index.matter(matter, ls) {
            Some(f) if f & IN_FORCE != 0 => Ok(()),
            // Not in force, or before the list (the list's own error).
            _ => Err(not_in_force(list, matter, at)),
        }
    }

    /// The checks of a `dispatched` event of a call raised by `township`
    /// about `matter`, at local second `ls`: the unit it goes to and the
    /// supporting units.
    pub(crate) fn check_dispatch(
        &self,
        department: &Id,
        supporting: &[Id],
        township: &Id,
        matter: &Id,
        ls: i64,
    ) -> Result<(), CallError> {
        let d = EventType::Dispatched;
        if self.command_centre() == Some(department) && !self.trusts_everyone() {
            return Err(wrong(
                department,
                None,
                d,
                "the command centre dispatches calls; it does not answer them",
            ));
        }
        let Identity::List(list, index) = self.identity() else {
            return Ok(());
        };
        match index.units.get(department) {
            Some(Part::Answers) => {}
            Some(Part::Township) => {
                let territorial = index
                    .matter(matter, ls)
                    .is_some_and(|f| f & TERRITORIAL != 0);
                if department != township || !territorial {
                    return Err(wrong(
                        department,
                        list.unit(department),
                        d,
                        "a township answers a call only for a territorial matter (属地) of its own",
                    ));
                }
            }
            Some(Part::Other) => {
                return Err(wrong(
                    department,
                    list.unit(department),
                    d,
                    "a call is dispatched to a department or a stationed agency",
                ));
            }
            None => return Err(unknown(department, "the unit the call is dispatched to")),
        }
        if let Some(s) = supporting.iter().find(|s| !index.units.contains_key(*s)) {
            return Err(unknown(s, "a supporting unit of the dispatch"));
        }
        Ok(())
    }

    /// Whether the policy can tell who the command centre is: it names one,
    /// or believes everyone.
    pub(crate) fn knows_command_centre(&self) -> bool {
        self.command_centre().is_some() || self.trusts_everyone()
    }
}
