//! Who may see a record: one rule per record type, used by every path that reads one — root
//! lists, `node` and `nodes`, relations, filters, batch loads, totals. A caller needs the read
//! scope of the record's area; a token limited to one member sees only the records that
//! belong to that member's organisations (the member and its units, see
//! `register::units`) or to the contracts one of them is a party to.

use std::collections::HashSet;

use super::access::{Access, Area};
use crate::entities::{
    contract, contract_party, coverage, deadline, express_renewal, key_figure, membership,
    organisation, person, reminder, service, source,
};
use crate::error::ApiResult;

/// What a record belongs to, as far as a member-limited caller is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// An organisation (the record's own id for an organisation).
    Organisation,
    /// A contract.
    Contract,
    /// Nobody: the same for every member (the catalogue, sources).
    Everyone,
}

/// The visibility rule of a record type.
pub trait Visible {
    /// The area whose read scope a caller needs to see the record at all.
    const AREA: Area;
    /// What the record belongs to.
    const OWNER: Owner;
    /// The column that holds the owner's id.
    const OWNER_COLUMN: &'static str;
    /// The owner's id.
    fn owner_id(&self) -> i32;
}

macro_rules! visible {
    ($($model:ty => $area:ident, $owner:ident, $column:ident;)+) => {$(
        impl Visible for $model {
            const AREA: Area = Area::$area;
            const OWNER: Owner = Owner::$owner;
            const OWNER_COLUMN: &'static str = stringify!($column);
            fn owner_id(&self) -> i32 {
                self.$column
            }
        }
    )+};
}

// Organisations are seen with any scope, since coverages and contracts name them; listing
// them needs `members:read` (see `register::organisations::list`).
visible! {
    organisation::Model => SignedIn, Organisation, id;
    membership::Model => Members, Organisation, organisation_id;
    person::Model => Members, Organisation, organisation_id;
    key_figure::Model => Members, Organisation, organisation_id;
    contract::Model => Contracts, Contract, id;
    // A party is seen with the organisation: a member's token does not learn its co-parties.
    contract_party::Model => Contracts, Organisation, organisation_id;
    coverage::Model => Coverage, Organisation, organisation_id;
    service::Model => Coverage, Everyone, id;
    source::Model => SignedIn, Everyone, id;
    // A contract's own rows on the desk: seen with the contract.
    deadline::Model => Contracts, Contract, contract_id;
    reminder::Model => Contracts, Contract, contract_id;
    express_renewal::Model => Contracts, Contract, contract_id;
}

impl Access {
    /// Fails unless the caller may read records of type `R` at all.
    pub fn may_read<R: Visible>(&self) -> ApiResult<()> {
        self.read(R::AREA)
    }

    /// The ids of `R`'s owners a member-limited caller is confined to; `None` when the caller
    /// sees every record it may read.
    pub fn confined_to<R: Visible>(&self) -> Option<&HashSet<i32>> {
        let data = self.member_data()?;
        match R::OWNER {
            Owner::Organisation => Some(&data.organisations),
            Owner::Contract => Some(&data.contracts),
            Owner::Everyone => None,
        }
    }

    /// Whether the caller sees this record (given it may read its area).
    pub fn sees<R: Visible>(&self, row: &R) -> bool {
        self.confined_to::<R>()
            .is_none_or(|ids| ids.contains(&row.owner_id()))
    }
}
