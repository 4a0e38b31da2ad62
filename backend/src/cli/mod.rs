//! The command-line tasks besides serving: staff accounts, partner tokens, the demo accounts,
//! printed reports, imports.

mod import;

pub use import::import;

use std::io::{BufRead, IsTerminal};

use anyhow::{Context as _, bail};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::str::FromStr;
use verbund_shared::access::{Role, Scope};

use crate::auth::access::{Access, Principal, Staff};
use crate::auth::secrets;
use crate::config::{CheckWhat, ReportPrint, ReportWhat, TokenAction, UserAction};
use crate::entities::{api_token, organisation, user};
use crate::error::ApiError;
use crate::graphql::ids::{self, NodeType};
use crate::register::accounts;
use crate::register::audit::Actor;
use crate::register::feed;
use crate::register::tokens;
use crate::register::totals::{kept, repair};
use crate::report::{self as verbund_report, Meta, Which};

/// Turns an API error into a sentence for the terminal.
pub(crate) fn explain(err: ApiError) -> anyhow::Error {
    match err {
        ApiError::Invalid(errors) => anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        ApiError::BadUserInput { message, field } => match field {
            Some(field) => anyhow::anyhow!("{field}: {message}"),
            None => anyhow::anyhow!("{message}"),
        },
        ApiError::NotFound { message } => anyhow::anyhow!("{message}"),
        _ => anyhow::anyhow!("the command failed; see the log above"),
    }
}

/// Reads a new password: asked twice on a terminal, else the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// `verbund user ...`
pub async fn user(db: &DatabaseConnection, action: UserAction) -> anyhow::Result<()> {
    match action {
        UserAction::Create { name, role } => {
            let role = Role::from_str(&role.to_uppercase()).map_err(|e| anyhow::anyhow!("{e}"))?;
            let password = read_password()?;
            let row = accounts::create_user(
                db,
                &Actor::system("command line"),
                None,
                &name,
                role,
                &password,
            )
            .await
            .map_err(explain)?;
            println!("created {} ({})", row.name, row.role.to_lowercase());
        }
        UserAction::Email { name, email } => {
            let row = accounts::set_email_of(db, &name, &email)
                .await
                .map_err(explain)?;
            match row.email {
                Some(email) => println!("{}: reminders are mailed to {email}", row.name),
                None => println!(
                    "{}: no mail address; reminders go to the inbox only",
                    row.name
                ),
            }
        }
        UserAction::List => {
            let rows = user::Entity::find()
                .order_by_asc(user::Column::Name)
                .all(db)
                .await?;
            for row in rows {
                println!(
                    "{}\t{}\t{}{}",
                    row.name,
                    row.role.to_lowercase(),
                    row.email.as_deref().unwrap_or("-"),
                    if row.disabled { "\tdisabled" } else { "" }
                );
            }
        }
    }
    Ok(())
}

/// Finds a member by global ID, official key or exact name.
async fn find_member(db: &DatabaseConnection, text: &str) -> anyhow::Result<i32> {
    if let Ok(id) = ids::decode_as(&text.into(), NodeType::Organisation, "member") {
        return Ok(id);
    }
    let found = organisation::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(organisation::Column::OfficialKey.eq(text))
                .add(organisation::Column::Name.eq(text)),
        )
        .all(db)
        .await?;
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => bail!("no organisation has the ID, official key or name {text:?}"),
        _ => bail!("{text:?} names several organisations; give its ID"),
    }
}

/// `verbund token ...`
pub async fn token(db: &DatabaseConnection, action: TokenAction) -> anyhow::Result<()> {
    match action {
        TokenAction::Create {
            name,
            scope,
            member,
            expires_in,
            persisted_only,
        } => {
            let scopes = Scope::parse_list(&scope).map_err(|e| anyhow::anyhow!("--scope: {e}"))?;
            let lifetime = tokens::parse_lifetime(&expires_in)
                .map_err(|e| anyhow::anyhow!("--expires-in: {e}"))?;
            let organisation_id = match member {
                Some(text) => Some(find_member(db, &text).await?),
                None => None,
            };
            let name = verbund_shared::name::Name::parse(&name)
                .map_err(|e| anyhow::anyhow!("--name: {e}"))?;
            let (secret, row) = tokens::create(
                db,
                &Actor::system("command line"),
                None,
                tokens::NewToken {
                    name: name.as_str().to_owned(),
                    scopes,
                    organisation_id,
                    persisted_only,
                    expires_at: Utc::now() + lifetime,
                    created_by: None,
                },
            )
            .await
            .map_err(explain)?;
            println!(
                "created token {:?} ({}), expires {}; it is shown this once:",
                row.name,
                row.scopes,
                row.expires_at.format("%Y-%m-%d %H:%M UTC")
            );
            println!("{secret}");
        }
        TokenAction::List => {
            for row in tokens::list_all(db).await.map_err(explain)? {
                let state = if row.revoked_at.is_some() {
                    "revoked"
                } else if row.expires_at <= Utc::now() {
                    "expired"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}…\t{}\t{}\t{}\texpires {}\tlast used {}",
                    ids::encode(NodeType::ApiToken, row.id).as_str(),
                    row.prefix,
                    row.name,
                    row.scopes,
                    state,
                    row.expires_at.format("%Y-%m-%d"),
                    row.last_used_at.map_or_else(
                        || "never".to_owned(),
                        |t| t.format("%Y-%m-%d %H:%M").to_string()
                    ),
                );
            }
        }
        TokenAction::Revoke { id } => {
            let raw = match ids::decode_as(&id.as_str().into(), NodeType::ApiToken, "id") {
                Ok(raw) => raw,
                Err(_) => {
                    let prefix = id.trim_end_matches('…');
                    let found = api_token::Entity::find()
                        .filter(api_token::Column::Prefix.eq(prefix))
                        .all(db)
                        .await?;
                    match found.as_slice() {
                        [one] => one.id,
                        [] => bail!("no token has the ID or prefix {id:?}"),
                        _ => bail!("several tokens have the prefix {id:?}; give the ID"),
                    }
                }
            };
            let after = tokens::revoke(db, &Actor::system("command line"), None, raw)
                .await
                .map_err(explain)?;
            println!("revoked {} ({})", after.name, after.prefix);
        }
    }
    Ok(())
}

/// The demo accounts: one per role, each with a new random password on every start.
pub const DEMO_ACCOUNTS: [(&str, Role); 3] = [
    ("demo-admin", Role::Admin),
    ("demo-editor", Role::Editor),
    ("demo-viewer", Role::Viewer),
];

/// Creates the demo accounts, or gives them new passwords, and returns name and password of
/// each, to print once.
pub async fn demo_accounts(db: &DatabaseConnection) -> anyhow::Result<Vec<(String, String)>> {
    let actor = Actor::system("demo start");
    let mut out = Vec::new();
    for (name, role) in DEMO_ACCOUNTS {
        let password = secrets::random_text::<12>().map_err(explain)?;
        let existing = user::Entity::find()
            .filter(user::Column::Name.eq(name))
            .one(db)
            .await?;
        match existing {
            Some(row) => {
                accounts::set_password(db, &actor, None, row, &password)
                    .await
                    .map_err(explain)
                    .context("resetting a demo password")?;
            }
            None => {
                accounts::create_user(db, &actor, None, name, role, &password)
                    .await
                    .map_err(explain)
                    .context("creating a demo account")?;
            }
        }
        out.push((name.to_owned(), password));
    }
    Ok(out)
}

/// `verbund check totals [--fix]`
pub async fn check(db: &DatabaseConnection, what: CheckWhat) -> anyhow::Result<()> {
    let CheckWhat::Totals { fix } = what;
    let today = kept::today();
    let drifts = repair::check(db, today).await.map_err(explain)?;
    if drifts.is_empty() {
        println!("coverage totals: every group agrees with the coverages");
        return Ok(());
    }
    for drift in &drifts {
        println!("differs: {drift}");
    }
    if !fix {
        bail!(
            "{} groups' coverage totals differ from the coverages; `verbund check totals --fix` writes them afresh",
            drifts.len()
        );
    }
    let txn = crate::db::begin_write(db).await?;
    feed::serialize(&txn).await.map_err(explain)?;
    repair::rebuild(&txn, today).await.map_err(explain)?;
    txn.commit().await?;
    let left = repair::check(db, today).await.map_err(explain)?;
    if !left.is_empty() {
        bail!(
            "{} groups still differ after writing them afresh",
            left.len()
        );
    }
    println!(
        "coverage totals: {} groups written afresh; every group agrees now",
        drifts.len()
    );
    Ok(())
}

/// `verbund report member|deadlines|coverage … --out FILE.pdf|FILE.html`: the report as the
/// server's page shows it, read as the account `--as` names (else as the system user, who
/// sees everything), printed to PDF by Chromium or written as HTML.
pub async fn report(
    db: &DatabaseConnection,
    what: ReportWhat,
    print: ReportPrint,
) -> anyhow::Result<()> {
    let Some(out) = print.out else {
        bail!("name the file to write with --out FILE.pdf or --out FILE.html");
    };
    let pdf = match out.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("pdf") => true,
        Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => false,
        _ => bail!("--out: the file must end in .pdf or .html"),
    };
    let chromium = if pdf {
        Some(verbund_report::pdf::find_chromium(
            print.chromium.as_deref(),
        )?)
    } else {
        None
    };
    let staff = match &print.as_account {
        Some(name) => accounts::staff_named(db, name).await.map_err(explain)?,
        None => Staff {
            user_id: 0,
            name: system_user(),
            role: Role::Admin,
            session_hash: String::new(),
        },
    };
    let access = Access {
        principal: Principal::Staff(staff),
        ..Access::default()
    };
    let today = access.timing.clock.today();
    let which = match what {
        ReportWhat::Member { member, as_of } => Which::Member {
            id: find_member(db, &member).await?,
            as_of: as_of.unwrap_or(today),
        },
        ReportWhat::Deadlines { from, to } => Which::deadlines(today, from, to),
        ReportWhat::Coverage { as_of } => Which::Coverage {
            as_of: as_of.unwrap_or(today),
        },
    };
    let meta = Meta::of(print.lang, &access);
    let built = verbund_report::build(db, &access, which, &meta)
        .await
        .map_err(explain)?;
    match chromium {
        Some(chromium) => verbund_report::pdf::print(&chromium, &built.html.text, &out)?,
        None => std::fs::write(&out, &built.html.text)
            .with_context(|| format!("cannot write {}", out.display()))?,
    }
    println!("report written to {} ({} rows)", out.display(), built.rows);
    Ok(())
}

/// The name of the system user running the command.
pub(crate) fn system_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "command line".to_owned())
}
