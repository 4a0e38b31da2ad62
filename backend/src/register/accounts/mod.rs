//! Staff accounts: signing in (with the login throttle), sessions, creating and changing
//! accounts.

pub mod sessions;
pub mod throttle;

use std::str::FromStr;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use verbund_shared::access::Role;
use verbund_shared::validate::{Check, PASSWORD_MAX_CHARS};

use super::audit::{self, Actor, Change};
use super::write::{self, Tx};
use crate::auth::access::{Access, Staff};
use crate::auth::password;
use crate::entities::record::RecordType;
use crate::entities::user;
use crate::error::{ApiError, ApiResult};

pub use crate::entities::user::Model as User;

/// The longest account name.
pub const NAME_MAX_CHARS: usize = verbund_shared::text::LABEL_MAX_CHARS;

/// The staff member behind a live session id, if any.
pub async fn staff_of_session(db: &DatabaseConnection, secret: &str) -> ApiResult<Option<Staff>> {
    let Some((session, user)) = sessions::find(db, secret).await? else {
        return Ok(None);
    };
    let role = Role::from_str(&user.role).map_err(|err| ApiError::internal("role", &err))?;
    Ok(Some(Staff {
        user_id: user.id,
        name: user.name,
        role,
        session_hash: session.token_hash,
    }))
}

/// The staff member of the account named `name`, for the command line, which acts as that
/// account without a session; refused for a disabled account.
pub async fn staff_named(db: &DatabaseConnection, name: &str) -> ApiResult<Staff> {
    let Some(user) = user::Entity::find()
        .filter(user::Column::Name.eq(name))
        .one(db)
        .await?
    else {
        return Err(ApiError::bad_input("as", "No account has this name."));
    };
    if user.disabled {
        return Err(ApiError::bad_input("as", "This account is disabled."));
    }
    let role = Role::from_str(&user.role).map_err(|err| ApiError::internal("role", &err))?;
    Ok(Staff {
        user_id: user.id,
        name: user.name,
        role,
        session_hash: String::new(),
    })
}

/// Checks a name and password; on success starts a session and returns its id. The attempt
/// is counted per account and per address before the password is checked (see `throttle`);
/// failures answer the same whether the name exists. Passwords checked are counted in
/// `evaluations`.
pub async fn login(
    db: &DatabaseConnection,
    name: &str,
    password: &str,
    address: Option<&str>,
    evaluations: &password::Evaluations,
) -> ApiResult<(user::Model, String)> {
    // No account has a longer name or password: refused before anything is counted or kept.
    if name.trim().chars().count() > NAME_MAX_CHARS {
        return Err(ApiError::bad_input(
            "name",
            format!("An account name has at most {NAME_MAX_CHARS} characters."),
        ));
    }
    if password.chars().count() > PASSWORD_MAX_CHARS {
        return Err(ApiError::bad_input(
            "password",
            format!("A password has at most {PASSWORD_MAX_CHARS} characters."),
        ));
    }
    let mut keys = vec![throttle::Key::account(name)];
    if let Some(address) = address {
        keys.push(throttle::Key::address(address));
    }
    let held = throttle::reserve(db, &keys).await?;
    let user = match user::Entity::find()
        .filter(user::Column::Name.eq(name.trim()))
        .one(db)
        .await
    {
        Ok(user) => user,
        Err(err) => {
            throttle::release(db, held).await?;
            return Err(err.into());
        }
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matches = match password::verify(password.to_owned(), stored, evaluations).await {
        Ok(matches) => matches,
        Err(err) => {
            // Not evaluated (the server is busy): not a failure either.
            throttle::release(db, held).await?;
            return Err(err);
        }
    };
    match user {
        Some(user) if matches && !user.disabled => {
            throttle::release(db, held).await?;
            let secret = sessions::start(db, user.id).await?;
            Ok((user, secret))
        }
        _ => {
            throttle::fail(db, held).await?;
            Err(ApiError::LoginFailed)
        }
    }
}

/// Checks the fields of a new account.
pub fn check_account(name: &str, password: &str) -> ApiResult<String> {
    let mut check = Check::new();
    let name = check.short_name("name", name, verbund_shared::text::LABEL_MAX_CHARS);
    check.password("password", password);
    check.finish()?;
    Ok(name.map(|n| n.as_str().to_owned()).unwrap_or_default())
}

/// Creates a staff account (command line and admins), with its audit entry.
pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: Option<&str>,
    name: &str,
    role: Role,
    password: &str,
) -> ApiResult<user::Model> {
    let name = check_account(name, password)?;
    let hash = password::hash(password.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    crate::register::feed::serialize(&txn).await?;
    if user::Entity::find()
        .filter(user::Column::Name.eq(&name))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(ApiError::bad_input(
            "name",
            "An account with this name exists already.",
        ));
    }
    let row = user::ActiveModel {
        name: Set(name),
        role: Set(role.as_str().to_owned()),
        password_hash: Set(hash),
        disabled: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    committed_by(txn, actor, request_id, "createUser", None, row).await
}

/// Sets a new password for an existing account and ends its sessions (demo start, admins).
pub async fn set_password(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: Option<&str>,
    user: user::Model,
    password: &str,
) -> ApiResult<user::Model> {
    let mut check = Check::new();
    check.password("password", password);
    check.finish()?;
    let hash = password::hash(password.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    crate::register::feed::serialize(&txn).await?;
    let before = user.clone();
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(hash);
    let after = active.update(&txn).await?;
    sessions::end_all(&txn, after.id).await?;
    committed_by(txn, actor, request_id, "setPassword", Some(&before), after).await
}

/// The staff accounts, by name, at most `bounds::USERS` (admins only).
pub async fn list(db: &DatabaseConnection, access: &Access) -> ApiResult<Vec<User>> {
    access.require(Role::Admin)?;
    Ok(user::Entity::find()
        .order_by_asc(user::Column::Name)
        .limit(super::bounds::USERS as u64)
        .all(db)
        .await?)
}

/// A change to an account; `None` leaves a part as it is.
#[derive(Debug, Clone, Default)]
pub struct AccountChange {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    pub password: Option<String>,
}

/// Changes an account's role, disables or enables it, or sets its password (admins only).
/// A new role, disabling or a new password ends its sessions; nobody takes away their own
/// admin rights.
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    change: AccountChange,
) -> ApiResult<User> {
    let staff = access.require(Role::Admin)?;
    if id == staff.user_id
        && (change.disabled == Some(true) || change.role.is_some_and(|r| r != Role::Admin))
    {
        return Err(ApiError::bad_input(
            "role",
            "You cannot take away your own admin rights; ask another admin.",
        ));
    }
    let hash = match &change.password {
        Some(new) => {
            let mut check = Check::new();
            check.password("password", new);
            check.finish()?;
            Some(password::hash(new.clone()).await?)
        }
        None => None,
    };
    let tx = Tx::begin(db, access, Role::Admin).await?;
    let before = write::claim::<user::Entity>(&tx.txn, id, version, "account").await?;
    let mut active: user::ActiveModel = before.clone().into();
    let mut end_sessions = false;
    if let Some(role) = change.role {
        active.role = Set(role.as_str().to_owned());
        end_sessions |= before.role != role.as_str();
    }
    if let Some(disabled) = change.disabled {
        active.disabled = Set(disabled);
        end_sessions |= disabled;
    }
    if let Some(hash) = hash {
        active.password_hash = Set(hash);
        end_sessions = true;
    }
    let after = active.update(&tx.txn).await?;
    if end_sessions {
        sessions::end_all(&tx.txn, id).await?;
    }
    committed(tx, "updateUser", &before, after).await
}

/// The longest mail address (RFC 5321's path limit).
pub const EMAIL_MAX_CHARS: usize = 254;

/// Checks a mail address: `None` for an empty one (no mail), else the trimmed address.
pub fn check_email(email: &str) -> ApiResult<Option<String>> {
    let email = email.trim();
    if email.is_empty() {
        return Ok(None);
    }
    let valid = email.chars().count() <= EMAIL_MAX_CHARS
        && email.parse::<lettre::Address>().is_ok()
        && !email.chars().any(char::is_control);
    if !valid {
        return Err(ApiError::bad_input(
            "email",
            format!(
                "Not a mail address such as name@example.org (at most {EMAIL_MAX_CHARS} characters)."
            ),
        ));
    }
    Ok(Some(email.to_owned()))
}

/// Sets (or, with an empty address, removes) the mail address of an account: staff their
/// own, admins anyone's. The deadline desk mails its reminders there.
pub async fn set_email(
    db: &DatabaseConnection,
    access: &Access,
    id: Option<i32>,
    email: &str,
) -> ApiResult<User> {
    let staff = access.require(Role::Viewer)?;
    let id = id.unwrap_or(staff.user_id);
    if id != staff.user_id {
        access.require(Role::Admin)?;
    }
    let email = check_email(email)?;
    let tx = Tx::begin(db, access, Role::Viewer).await?;
    store_email(tx, id, email).await
}

/// The caller's own mail address, if it set one (none for a partner token).
pub async fn own_email(db: &DatabaseConnection, access: &Access) -> ApiResult<Option<String>> {
    let Some(staff) = access.staff() else {
        return Ok(None);
    };
    Ok(user::Entity::find_by_id(staff.user_id)
        .one(db)
        .await?
        .and_then(|row| row.email))
}

/// Sets or removes the mail address of the account named `name` (command line).
pub async fn set_email_of(db: &DatabaseConnection, name: &str, email: &str) -> ApiResult<User> {
    let email = check_email(email)?;
    let timing = std::sync::Arc::new(crate::timing::Timing::default());
    let tx = Tx::begin_as(db, Actor::system("command line"), None, timing).await?;
    let Some(row) = user::Entity::find()
        .filter(user::Column::Name.eq(name))
        .one(&tx.txn)
        .await?
    else {
        return Err(ApiError::bad_input("name", "No account has this name."));
    };
    store_email(tx, row.id, email).await
}

async fn store_email(tx: Tx<'_>, id: i32, email: Option<String>) -> ApiResult<User> {
    let Some(before) = user::Entity::find_by_id(id).one(&tx.txn).await? else {
        return Err(ApiError::bad_input("userId", "No such account."));
    };
    let mut active: user::ActiveModel = before.clone().into();
    active.email = Set(email);
    let after = active.update(&tx.txn).await?;
    committed(tx, "setEmail", &before, after).await
}

/// Records the change of an account from `before` to `after` in the audit log as `operation`
/// and commits it; the account as it is now.
async fn committed(tx: Tx<'_>, operation: &str, before: &User, after: User) -> ApiResult<User> {
    tx.log(
        operation,
        RecordType::User,
        after.id,
        Some(before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// [`committed`] for a change in a transaction of its own, `txn`, not a register `Tx`: from the
/// command line, a demo start, or an admin's `createUser`.
async fn committed_by(
    txn: DatabaseTransaction,
    actor: &Actor,
    request_id: Option<&str>,
    operation: &str,
    before: Option<&User>,
    after: User,
) -> ApiResult<User> {
    let change = Change {
        actor,
        request_id,
        operation,
        record_type: RecordType::User.as_str(),
        record_id: after.id,
    };
    audit::record(&txn, change, before, Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}
