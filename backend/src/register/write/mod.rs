//! What every change shares: the caller's role, one transaction, optimistic concurrency, the
//! audit entry written in the same transaction, references checked, deletion only of what
//! nothing refers to.

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel, Iterable,
    QueryFilter, QuerySelect, SqlErr, sea_query::Expr,
};
use std::any::Any;

use serde::Serialize;
use verbund_shared::access::Role;
use verbund_shared::said::say;
use verbund_shared::validate::Check;

mod refs;

pub use refs::{delete_unreferenced, unreferenced};

use super::audit::{self, Actor, Change};
use super::totals::kept::{self, Coverage};
use crate::auth::access::Access;
use crate::entities::Versioned;
use crate::entities::record::{Named, Record, RecordType};
use crate::error::{ApiError, ApiResult};

/// A unique key a change may run into, and the field error it is answered with (the field,
/// the message in English and in German).
pub type Unique = Option<(&'static str, &'static str, &'static str)>;

/// A record type that can be changed through [`Edit`].
pub trait Editable:
    Versioned<
        Model: Record + IntoActiveModel<Self::ActiveModel>,
        ActiveModel: ActiveModelBehavior<Entity = Self> + Send,
    >
{
}

impl<E> Editable for E where
    E: Versioned<
            Model: Record + IntoActiveModel<E::ActiveModel>,
            ActiveModel: ActiveModelBehavior<Entity = E> + Send,
        >
{
}

/// A change to the register by a caller with a role: create, update, change, delete, each in
/// one transaction with its audit entry, refusing a change based on an old version.
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    db: &'a DatabaseConnection,
    access: &'a Access,
    role: Role,
}

impl<'a> Edit<'a> {
    /// A change that needs the editor role.
    pub fn editor(db: &'a DatabaseConnection, access: &'a Access) -> Self {
        Self::with_role(db, access, Role::Editor)
    }

    /// A change that needs `role`.
    pub fn with_role(db: &'a DatabaseConnection, access: &'a Access, role: Role) -> Self {
        Self { db, access, role }
    }

    /// Records a new record with the columns `fields` sets (`fields` may check references in
    /// the change's transaction).
    pub async fn create<E: Editable>(
        self,
        operation: &str,
        fields: impl AsyncFnOnce(&Tx<'_>) -> ApiResult<E::ActiveModel>,
        unique: Unique,
    ) -> ApiResult<E::Model> {
        let tx = Tx::begin(self.db, self.access, self.role).await?;
        let columns = fields(&tx).await?;
        let row = tx.insert::<E>(operation, columns, unique).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Changes the record `id` at `version` to the columns `fields` sets (given the record as
    /// it is); the others stay as they are.
    pub async fn update<E: Editable>(
        self,
        operation: &str,
        id: i32,
        version: i32,
        fields: impl AsyncFnOnce(&Tx<'_>, &E::Model) -> ApiResult<E::ActiveModel>,
        unique: Unique,
    ) -> ApiResult<E::Model> {
        self.change::<E>(
            operation,
            id,
            version,
            async |tx, before| {
                Ok(overlay(
                    before.clone().into_active_model(),
                    fields(tx, before).await?,
                ))
            },
            unique,
        )
        .await
    }

    /// Changes the record `id` at `version` as `change` says, given the record as it is.
    pub async fn change<E: Editable>(
        self,
        operation: &str,
        id: i32,
        version: i32,
        change: impl AsyncFnOnce(&Tx<'_>, &E::Model) -> ApiResult<E::ActiveModel>,
        unique: Unique,
    ) -> ApiResult<E::Model> {
        let tx = Tx::begin(self.db, self.access, self.role).await?;
        let before = claim::<E>(&tx.txn, id, version, &E::Model::TYPE.noun()).await?;
        let columns = change(&tx, &before).await?;
        let after = tx.save::<E>(operation, &before, columns, unique).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Deletes the record `id` at `version` once `guard` finds nothing that depends on it.
    pub async fn delete<E: Editable>(
        self,
        operation: &str,
        id: i32,
        version: i32,
        guard: impl AsyncFnOnce(&Tx<'_>, &E::Model) -> ApiResult<()>,
    ) -> ApiResult<()> {
        let tx = Tx::begin(self.db, self.access, self.role).await?;
        let noun = E::Model::TYPE.noun();
        let before = claim::<E>(&tx.txn, id, version, &noun).await?;
        guard(&tx, &before).await?;
        delete_unreferenced::<E>(&tx.txn, id, &noun).await?;
        keep_totals(&tx, Some(&before), None).await?;
        tx.log(operation, E::Model::TYPE, id, Some(&before), None::<&()>)
            .await?;
        tx.commit().await
    }
}

/// Moves the kept coverage totals with a change of a coverage, in its transaction (nothing
/// for other records).
async fn keep_totals<M: Record>(
    tx: &Tx<'_>,
    before: Option<&M>,
    after: Option<&M>,
) -> ApiResult<()> {
    if M::TYPE != RecordType::Coverage || tx.totals_deferred {
        return Ok(());
    }
    let before = before.and_then(|row| (row as &dyn Any).downcast_ref::<Coverage>());
    let after = after.and_then(|row| (row as &dyn Any).downcast_ref::<Coverage>());
    kept::follow(&tx.txn, tx.timing.clock.today(), before, after).await
}

/// `base` with every column `fields` sets set to its value.
pub fn overlay<A: ActiveModelTrait>(mut base: A, fields: A) -> A {
    for column in <A::Entity as EntityTrait>::Column::iter() {
        if let ActiveValue::Set(value) = fields.get(column) {
            base.set(column, value);
        }
    }
    base
}

/// One change: its transaction, its caller (with the role the change needs) and the audit
/// entries it writes in that transaction. The contracts it touches (those its audit entries
/// name) have their deadlines re-armed in the same transaction when it commits, so the desk
/// never reminds of a deadline a change has moved.
pub struct Tx<'a> {
    pub txn: DatabaseTransaction,
    request_id: Option<&'a str>,
    actor: Actor,
    timing: std::sync::Arc<crate::timing::Timing>,
    touched: std::sync::Mutex<Vec<i32>>,
    /// The kept coverage totals are written afresh once, by [`Tx::rebuild_totals`], instead
    /// of following each change (an import of many rows).
    totals_deferred: bool,
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

impl<'a> Tx<'a> {
    /// Checks the caller's role, then begins the transaction.
    pub async fn begin(db: &DatabaseConnection, access: &'a Access, role: Role) -> ApiResult<Self> {
        let actor = Actor::staff(access.require(role)?);
        Self::begin_as(
            db,
            actor,
            access.request_id.as_deref(),
            access.timing.clone(),
        )
        .await
    }

    /// Begins a change made by `actor` (the command line, the seed, the scheduler), on the
    /// day `timing`'s clock tells.
    pub async fn begin_as(
        db: &DatabaseConnection,
        actor: Actor,
        request_id: Option<&'a str>,
        timing: std::sync::Arc<crate::timing::Timing>,
    ) -> ApiResult<Self> {
        let txn = crate::db::begin_write(db).await?;
        // Changes commit one after another, so the feed's order is the commit order.
        super::feed::serialize(&txn).await?;
        Ok(Self {
            txn,
            request_id,
            actor,
            timing,
            touched: std::sync::Mutex::default(),
            totals_deferred: false,
        })
    }

    /// Has the changes leave the kept coverage totals alone until [`Tx::rebuild_totals`].
    pub fn defer_totals(&mut self) {
        self.totals_deferred = true;
    }

    /// Writes every kept coverage total afresh from the coverages, within this transaction.
    pub async fn rebuild_totals(&self) -> ApiResult<()> {
        super::totals::repair::rebuild(&self.txn, self.timing.clock.today()).await
    }

    /// The clock and reminder settings the change runs with.
    pub fn timing(&self) -> &crate::timing::Timing {
        &self.timing
    }

    /// The staff account making the change, if a person makes it.
    pub fn actor_id(&self) -> Option<i32> {
        self.actor.id()
    }

    /// Has the deadlines of contract `id` re-armed when the change commits.
    pub fn touch(&self, id: i32) {
        let mut touched = crate::sync::locked(&self.touched);
        if !touched.contains(&id) {
            touched.push(id);
        }
    }

    /// Writes the audit entry of a change to a record that is not a node of the API (a
    /// deadline of the desk), under the type name `record_type`.
    pub async fn log_named<B: Serialize, A: Serialize>(
        &self,
        operation: &str,
        record_type: &str,
        id: i32,
        before: Option<&B>,
        after: Option<&A>,
    ) -> ApiResult<()> {
        let change = Change {
            actor: &self.actor,
            request_id: self.request_id,
            operation,
            record_type,
            record_id: id,
        };
        audit::record(&self.txn, change, before, after).await
    }

    /// Writes the audit entry of a change to the record `id` of type `kind`.
    pub async fn log<B: Serialize, A: Serialize>(
        &self,
        operation: &str,
        kind: RecordType,
        id: i32,
        before: Option<&B>,
        after: Option<&A>,
    ) -> ApiResult<()> {
        if kind == RecordType::Contract {
            self.touch(id);
        }
        let change = Change {
            actor: &self.actor,
            request_id: self.request_id,
            operation,
            record_type: kind.as_str(),
            record_id: id,
        };
        audit::record(&self.txn, change, before, after).await
    }

    /// Inserts a record with `columns`, keeps the coverage totals and writes the audit entry
    /// `operation`, within this transaction.
    pub async fn insert<E: Editable>(
        &self,
        operation: &str,
        columns: E::ActiveModel,
        unique: Unique,
    ) -> ApiResult<E::Model> {
        let row = columns
            .insert(&self.txn)
            .await
            .map_err(unique_key(unique))?;
        keep_totals(self, None, Some(&row)).await?;
        self.log(operation, E::Model::TYPE, row.id(), None::<&()>, Some(&row))
            .await?;
        Ok(row)
    }

    /// Saves `columns` over the claimed record `before` (see [`claim`]), keeps the coverage
    /// totals and writes the audit entry `operation`, within this transaction.
    pub async fn save<E: Editable>(
        &self,
        operation: &str,
        before: &E::Model,
        columns: E::ActiveModel,
        unique: Unique,
    ) -> ApiResult<E::Model> {
        let after = columns
            .update(&self.txn)
            .await
            .map_err(unique_key(unique))?;
        keep_totals(self, Some(before), Some(&after)).await?;
        self.log(
            operation,
            E::Model::TYPE,
            before.id(),
            Some(before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }

    /// Ends the change without writing anything: what it did is rolled back.
    pub async fn rollback(self) -> ApiResult<()> {
        self.txn.rollback().await?;
        Ok(())
    }

    /// Re-arms the deadlines of the contracts the change touched, then commits the change,
    /// its audit entries and the desk's rows together.
    pub async fn commit(self) -> ApiResult<()> {
        let touched = std::mem::take(&mut *crate::sync::locked(&self.touched));
        for id in touched {
            super::desk::arm::rearm(&self.txn, id, &self.timing, super::desk::arm::Mode::Change)
                .await?;
        }
        self.txn.commit().await?;
        super::live::committed();
        Ok(())
    }
}

/// Claims the record `id` at `version` for a change within `txn`, and returns it as it is.
///
/// The first statement is a conditional write (`UPDATE .. SET version = version WHERE id = ..
/// AND version = ..`): it takes the row's write lock (PostgreSQL) or the database's (SQLite)
/// before anything is read, so of several concurrent changes based on the same version one
/// goes through and the others wait, then find the version moved on: `CONFLICT`. The caller
/// saves its change through the entity's `ActiveModel`, which raises the version by one.
pub async fn claim<E>(
    txn: &DatabaseTransaction,
    id: i32,
    version: i32,
    what: &str,
) -> ApiResult<E::Model>
where
    E: Versioned,
    E::Model: Sync,
{
    let claimed = E::update_many()
        .col_expr(E::version_column(), Expr::col(E::version_column()))
        .filter(E::id_column().eq(id))
        .filter(E::version_column().eq(version))
        .exec(txn)
        .await?;
    let current = E::find().filter(E::id_column().eq(id)).one(txn).await?;
    match current {
        Some(row) if claimed.rows_affected == 1 => Ok(row),
        Some(_) => {
            let now = current_version::<E>(txn, id).await?;
            Err(ApiError::conflict(
                format!(
                    "The {what} was changed by someone else meanwhile (now version {}, your change was based on version {version}). Reload it and apply your change again.",
                    now.unwrap_or_default()
                ),
                now,
            ))
        }
        None => Err(ApiError::not_found(format!("No such {what}."))),
    }
}

async fn current_version<E: Versioned>(
    db: &impl ConnectionTrait,
    id: i32,
) -> ApiResult<Option<i32>> {
    Ok(E::find()
        .select_only()
        .column(E::version_column())
        .filter(E::id_column().eq(id))
        .into_tuple::<i32>()
        .one(db)
        .await?)
}

/// Maps a violation of the unique key to its field error; other errors pass.
fn unique_key(unique: Unique) -> impl FnOnce(DbErr) -> ApiError {
    move |err| match (err.sql_err(), unique) {
        (Some(SqlErr::UniqueConstraintViolation(_)), Some((field, en, de))) => {
            ApiError::bad_input(field, say(en, de))
        }
        _ => ApiError::from(err),
    }
}

/// An editor records one dated fact of the record `id` at `version` (an end, a notice): `rule`
/// checks it against the record as it is, `set` writes it.
pub async fn dated<E: Editable>(
    db: &DatabaseConnection,
    access: &Access,
    operation: &str,
    (id, version): (i32, i32),
    rule: impl FnOnce(&E::Model, &mut Check) -> ApiResult<()>,
    set: impl FnOnce(&mut E::ActiveModel),
) -> ApiResult<E::Model> {
    let change = async |_: &Tx<'_>, before: &E::Model| {
        let mut check = Check::new();
        rule(before, &mut check)?;
        check.finish()?;
        let mut active = before.clone().into_active_model();
        set(&mut active);
        Ok(active)
    };
    Edit::editor(db, access)
        .change::<E>(operation, id, version, change, None)
        .await
}

/// [`dated`] within the change `tx` (an import): the record `id` as it is now, checked by
/// `rule` and changed by `set`, with its audit entry as `operation`.
///
/// # Errors
///
/// `NOT_FOUND` for a record the register does not have; what `rule` refuses.
pub async fn dated_within<E: Editable>(
    tx: &Tx<'_>,
    operation: &str,
    id: i32,
    rule: impl FnOnce(&E::Model, &mut Check) -> ApiResult<()>,
    set: impl FnOnce(&mut E::ActiveModel),
) -> ApiResult<E::Model> {
    let Some(before) = E::find().filter(E::id_column().eq(id)).one(&tx.txn).await? else {
        let noun = <E::Model as Record>::TYPE.noun();
        return Err(ApiError::not_found(format!("No such {noun}.")));
    };
    let mut check = Check::new();
    rule(&before, &mut check)?;
    check.finish()?;
    let mut active = before.clone().into_active_model();
    set(&mut active);
    tx.save::<E>(operation, &before, active, None).await
}
