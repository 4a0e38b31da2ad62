//! Who may do what: the roles of staff accounts and the scopes of partner tokens.

code_enum! {
    /// What a staff account may do. Each role includes the ones below it.
    pub enum Role("role") {
        /// Reads everything.
        Viewer = "VIEWER", de: "Lesen", en: "Viewer";
        /// Reads and edits the register.
        Editor = "EDITOR", de: "Bearbeiten", en: "Editor";
        /// Edits the register and manages accounts and partner tokens.
        Admin = "ADMIN", de: "Verwalten", en: "Admin";
    }
}

impl Role {
    /// Whether this role includes everything `other` may do.
    #[must_use]
    pub const fn includes(self, other: Self) -> bool {
        self.rank() >= other.rank()
    }

    const fn rank(self) -> u8 {
        match self {
            Self::Viewer => 0,
            Self::Editor => 1,
            Self::Admin => 2,
        }
    }
}

code_enum! {
    /// What a partner token may read. Tokens never write.
    pub enum Scope("scope") {
        /// Organisations, memberships, people and figures.
        MembersRead = "members:read", de: "Mitglieder lesen", en: "Read members";
        /// Contracts and their parties.
        ContractsRead = "contracts:read", de: "Verträge lesen", en: "Read contracts";
        /// Services and who receives them.
        CoverageRead = "coverage:read", de: "Leistungen lesen", en: "Read coverage";
    }
}

impl Scope {
    /// Reads a comma-separated list such as `members:read,contracts:read`; at least one
    /// scope, each at most once.
    ///
    /// # Errors
    ///
    /// A sentence naming the first unknown, repeated or missing scope.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, String> {
        let mut scopes = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let scope: Self = part.parse().map_err(|_| {
                format!("unknown scope {part:?}: use members:read, contracts:read or coverage:read")
            })?;
            if scopes.contains(&scope) {
                return Err(format!("the scope {part} is given twice"));
            }
            scopes.push(scope);
        }
        if scopes.is_empty() {
            return Err("give at least one scope".to_owned());
        }
        Ok(scopes)
    }

    /// The list as stored and shown: comma-separated, in the order of [`Scope::ALL`].
    #[must_use]
    pub fn join(scopes: &[Self]) -> String {
        Self::ALL
            .iter()
            .filter(|s| scopes.contains(s))
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_include_the_ones_below() {
        assert!(Role::Admin.includes(Role::Editor));
        assert!(Role::Editor.includes(Role::Viewer));
        assert!(!Role::Viewer.includes(Role::Editor));
        assert!(!Role::Editor.includes(Role::Admin));
    }

    #[test]
    fn scope_lists() {
        assert_eq!(
            Scope::parse_list(" contracts:read, members:read "),
            Ok(vec![Scope::ContractsRead, Scope::MembersRead])
        );
        assert_eq!(
            Scope::join(&[Scope::CoverageRead, Scope::MembersRead]),
            "members:read,coverage:read"
        );
        assert!(Scope::parse_list("").is_err());
        assert!(Scope::parse_list("members:read,members:read").is_err());
        assert!(Scope::parse_list("members:write").is_err());
    }
}
