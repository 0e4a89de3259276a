//! The rules that run on the list: admission of handed-down tasks
//! (交办事项准入), accountability by the list (依单监管问责), and the queries
//! users need (who holds what, the responsibility matrix, keyword search).

mod accountability;
mod admission;
mod queries;

pub use accountability::{Accountability, Breach};
pub use admission::{Admission, AdmissionReason, Decision, Task};
pub use queries::{Holding, HoldingRole};

use super::model::{Holder, Unit};

/// True when a unit holds a duty given to `holder`: the unit named, a
/// stationed agency of the department named, or a township for a territorial
/// duty.
pub(super) fn holds(unit: &Unit, holder: &Holder) -> bool {
    match holder {
        Holder::Territorial => unit.kind.is_township(),
        Holder::Unit(id) => {
            *id == unit.id
                || (unit.kind == super::UnitKind::StationedAgency
                    && unit.department.as_deref() == Some(id.as_str()))
        }
    }
}
