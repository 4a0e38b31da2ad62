//! A member's own organisations: the member and its units, as the product defines them. A
//! unit is reached through "unit of" links (an Eigenbetrieb of a town, a company of the
//! Eigenbetrieb) without passing another member; territory is never a unit (a town in a
//! district or an Amt is a member in its own right or not at all), and an organisation that
//! has ever been a member is never another member's unit. This one rule decides what a
//! member-limited token sees, a member's totals with its units, and every other question about
//! "the member's own" records.

use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement};

use crate::auth::access::MemberData;
use crate::error::ApiResult;

/// The statement behind [`own_organisations_of`]: each member of the first parameter's ids with
/// each of its own organisations, itself included.
fn own_sql(backend: DbBackend) -> String {
    format!(
        "WITH RECURSIVE own(member, id) AS ( \
           SELECT o.id, o.id FROM organisations o WHERE {} \
           UNION \
           SELECT own.member, o.id FROM organisations o JOIN own ON o.parent_id = own.id \
           WHERE o.parent_link = 'UNIT' \
             AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id) \
         ) SELECT member, id FROM own",
        super::read::in_ids(backend, "o.id")
    )
}

/// The rows of the statement `sql` (for the database's backend) over the ids `ids`.
async fn over_ids(
    db: &impl ConnectionTrait,
    sql: fn(DbBackend) -> String,
    ids: &[i32],
) -> ApiResult<Vec<QueryResult>> {
    let backend = db.get_database_backend();
    Ok(db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql(backend),
            [super::read::ids_param(backend, ids.to_vec())],
        ))
        .await?)
}

/// Each of `members` with its units (transitively), in one statement.
pub async fn own_organisations_of(
    db: &impl ConnectionTrait,
    members: &[i32],
) -> ApiResult<HashMap<i32, HashSet<i32>>> {
    let rows = over_ids(db, own_sql, members).await?;
    let mut own: HashMap<i32, HashSet<i32>> = members
        .iter()
        .map(|&member| (member, HashSet::from([member])))
        .collect();
    for row in rows {
        let member: i32 = row.try_get_by_index(0)?;
        own.entry(member)
            .or_default()
            .insert(row.try_get_by_index::<i32>(1)?);
    }
    Ok(own)
}

/// The member and its units (transitively), in one statement.
pub async fn own_organisations(
    db: &impl ConnectionTrait,
    member_id: i32,
) -> ApiResult<HashSet<i32>> {
    let mut own = own_organisations_of(db, &[member_id]).await?;
    Ok(own.remove(&member_id).unwrap_or_default())
}

/// The statement behind [`owners_of`]: every organisation whose own organisations include one
/// of the first parameter's ids, climbing the rule of [`own_sql`] upwards (an organisation that
/// is a unit of its parent, and not a member, belongs to its parent's owners as well).
fn owners_sql(backend: DbBackend) -> String {
    format!(
        "WITH RECURSIVE up(id) AS ( \
           SELECT o.id FROM organisations o WHERE {} \
           UNION \
           SELECT o.parent_id FROM organisations o JOIN up ON o.id = up.id \
           WHERE o.parent_id IS NOT NULL AND o.parent_link = 'UNIT' \
             AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id) \
         ) SELECT id FROM up",
        super::read::in_ids(backend, "o.id")
    )
}

/// Every organisation that has one of `organisations` among its own (see the module
/// documentation), each of them included; one statement.
pub async fn owners_of(
    db: &impl ConnectionTrait,
    organisations: &[i32],
) -> ApiResult<HashSet<i32>> {
    if organisations.is_empty() {
        return Ok(HashSet::new());
    }
    let rows = over_ids(db, owners_sql, organisations).await?;
    rows.iter()
        .map(|row| Ok(row.try_get_by_index::<i32>(0)?))
        .collect()
}

/// What a caller limited to `member_id` may see: the member, its units, and the contracts any
/// of them is a party to. Two statements.
pub async fn member_data(db: &impl ConnectionTrait, member_id: i32) -> ApiResult<MemberData> {
    let organisations = own_organisations(db, member_id).await?;
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT DISTINCT contract_id FROM contract_parties WHERE {}",
        super::read::in_ids(backend, "organisation_id")
    );
    let ids = super::read::ids_param(backend, organisations.iter().copied().collect());
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [ids]))
        .await?;
    let mut contracts = HashSet::with_capacity(rows.len());
    for row in rows {
        contracts.insert(row.try_get_by_index::<i32>(0)?);
    }
    Ok(MemberData {
        member_id,
        organisations,
        contracts,
    })
}
