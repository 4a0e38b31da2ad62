//! Who is asking, and what they may see. Every read and write of the register asks the
//! request's [`Access`] first, with the record type's rule (see [`super::visible`]), so no path
//! through the graph (a root list, `node(id:)`, a relation) can show more than the caller may
//! see.

use std::collections::HashSet;

use verbund_shared::access::{Role, Scope};

use crate::error::{ApiError, ApiResult};

/// A part of the register, as far as reading is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Anything open to every signed-in caller, whatever its scopes (sources, and the
    /// organisations other records name).
    SignedIn,
    /// Organisations, memberships, people, key figures.
    Members,
    /// Contracts and their parties.
    Contracts,
    /// Services and coverages, and the figures computed from them.
    Coverage,
}

impl Area {
    /// The scope a token needs for the area; none for [`Area::SignedIn`].
    fn scope(self) -> Option<Scope> {
        match self {
            Self::SignedIn => None,
            Self::Members => Some(Scope::MembersRead),
            Self::Contracts => Some(Scope::ContractsRead),
            Self::Coverage => Some(Scope::CoverageRead),
        }
    }
}

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user_id: i32,
    pub name: String,
    pub role: Role,
    /// The SHA-256 digest of the session id, so logout can end this session.
    pub session_hash: String,
}

/// A partner system's token.
#[derive(Debug, Clone)]
pub struct Partner {
    pub token_id: i32,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// When the token is limited to one member: what that member may see.
    pub limited_to: Option<std::sync::Arc<MemberData>>,
    /// The token may run registered (persisted) operations only.
    pub persisted_only: bool,
}

/// The records of one member: the member itself and its units (see `register::units`), and
/// the contracts any of them is a party to.
#[derive(Debug, Clone, Default)]
pub struct MemberData {
    pub member_id: i32,
    pub organisations: HashSet<i32>,
    pub contracts: HashSet<i32>,
}

/// Who is asking.
#[derive(Debug, Clone, Default)]
pub enum Principal {
    #[default]
    Anonymous,
    Staff(Staff),
    Partner(Partner),
}

/// The request's caller and request id, and the server's clock and reminder settings, which
/// the changes a caller makes follow (a contract's deadlines are re-armed as of today).
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub principal: Principal,
    pub request_id: Option<String>,
    pub timing: std::sync::Arc<crate::timing::Timing>,
}

impl Access {
    /// Fails unless the caller may read `area`.
    pub fn read(&self, area: Area) -> ApiResult<()> {
        match &self.principal {
            Principal::Anonymous => Err(ApiError::Unauthenticated),
            Principal::Staff(_) => Ok(()),
            Principal::Partner(partner) => match area.scope() {
                Some(scope) if !partner.scopes.contains(&scope) => Err(ApiError::forbidden(
                    format!("This token lacks the scope {}.", scope.as_str()),
                )),
                _ => Ok(()),
            },
        }
    }

    /// Fails unless the caller is signed in (sources, the catalogue of nodes).
    pub fn signed_in(&self) -> ApiResult<()> {
        match self.principal {
            Principal::Anonymous => Err(ApiError::Unauthenticated),
            _ => Ok(()),
        }
    }

    /// Fails unless the caller may see figures summed over every member: staff and tokens
    /// not limited to one member, with the coverage scope.
    pub fn read_totals(&self) -> ApiResult<()> {
        self.read(Area::Coverage)?;
        if self.member_data().is_some() {
            return Err(ApiError::forbidden(
                "This token sees one member's data only; totals over all members are not part of it.",
            ));
        }
        Ok(())
    }

    /// The member data a limited token is confined to; `None` when the caller sees everything
    /// it may read.
    pub fn member_data(&self) -> Option<&MemberData> {
        match &self.principal {
            Principal::Partner(Partner {
                limited_to: Some(data),
                ..
            }) => Some(data.as_ref()),
            _ => None,
        }
    }

    /// The staff member asking, when the request came with a session.
    pub fn staff(&self) -> Option<&Staff> {
        match &self.principal {
            Principal::Staff(staff) => Some(staff),
            _ => None,
        }
    }

    /// Fails unless the caller is a staff member with at least `role`. Tokens are read-only
    /// and are refused here, before anything runs.
    pub fn require(&self, role: Role) -> ApiResult<&Staff> {
        match &self.principal {
            Principal::Anonymous => Err(ApiError::Unauthenticated),
            Principal::Partner(_) => Err(ApiError::forbidden(
                "Partner tokens are read-only: changes need a staff session.",
            )),
            Principal::Staff(staff) if staff.role.includes(role) => Ok(staff),
            Principal::Staff(_) => Err(ApiError::forbidden(format!(
                "This needs the role {}.",
                role.as_str()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role) -> Access {
        Access {
            principal: Principal::Staff(Staff {
                user_id: 1,
                name: "a".into(),
                role,
                session_hash: String::new(),
            }),
            request_id: None,
            timing: std::sync::Arc::default(),
        }
    }

    fn partner(scopes: Vec<Scope>, limited: Option<MemberData>) -> Access {
        Access {
            principal: Principal::Partner(Partner {
                token_id: 1,
                name: "t".into(),
                scopes,
                limited_to: limited.map(std::sync::Arc::new),
                persisted_only: false,
            }),
            request_id: None,
            timing: std::sync::Arc::default(),
        }
    }

    #[test]
    fn anonymous_reads_nothing() {
        let access = Access::default();
        assert!(matches!(
            access.read(Area::Members),
            Err(ApiError::Unauthenticated)
        ));
        assert!(matches!(
            access.require(Role::Viewer),
            Err(ApiError::Unauthenticated)
        ));
    }

    #[test]
    fn roles_write_by_rank_and_tokens_never() {
        assert!(staff(Role::Viewer).require(Role::Editor).is_err());
        assert!(staff(Role::Editor).require(Role::Editor).is_ok());
        assert!(staff(Role::Editor).require(Role::Admin).is_err());
        assert!(staff(Role::Admin).require(Role::Admin).is_ok());
        let token = partner(Scope::ALL.to_vec(), None);
        assert!(matches!(
            token.require(Role::Viewer),
            Err(ApiError::Forbidden { .. })
        ));
    }

    #[test]
    fn scopes_and_member_limits() {
        let data = MemberData {
            member_id: 7,
            organisations: [7, 8].into(),
            contracts: [3].into(),
        };
        let token = partner(vec![Scope::MembersRead], Some(data));
        assert!(token.read(Area::Members).is_ok());
        assert!(matches!(
            token.read(Area::Contracts),
            Err(ApiError::Forbidden { .. })
        ));
        assert!(token.read(Area::SignedIn).is_ok());
        assert!(token.read_totals().is_err());
    }
}
