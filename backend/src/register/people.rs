//! People named in a role at an organisation, and the key figures an organisation is known by:
//! the lists, and recording, changing and deleting them.
//!
//! A person who leaves a role stays on record with the last day (`until`): the register tells
//! who held a role when. Deleting is for entries that were wrong; the audit history keeps what
//! they said.

use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, EntityTrait, Select};
use verbund_shared::people::{KeyFigureDraft, PersonDraft};

use super::bounds;
use super::read::{self, Related};
use super::stored::{Removable, Stored};
use super::write::Tx;
use crate::auth::access::Access;
use crate::entities::record::Named;
use crate::entities::record::Record;
use crate::entities::{key_figure, organisation, person};
use crate::error::{ApiError, ApiResult};

pub use crate::entities::key_figure::Model as KeyFigure;
pub use crate::entities::person::Model as Person;

/// The people whose name or function contains `search` (all without one) that the caller may
/// see (`members:read`; a member-limited token sees only the people of its member and the
/// member's units), in no order: what the register's search reads from.
pub fn selection(access: &Access, search: Option<&str>) -> ApiResult<Select<person::Entity>> {
    access.may_read::<Person>()?;
    Ok(read::searched(
        read::visible(person::Entity::find(), access),
        search,
    ))
}

/// The people of an organisation, by name.
pub const PEOPLE_OF: Related<person::Entity> = Related {
    key: person::Column::OrganisationId,
    order: &[person::Column::Name, person::Column::Id],
    group: |row| Some(row.organisation_id),
    area: None,
    bound: Some(super::bounds::PEOPLE),
};

/// The key figures of an organisation, by metric and date.
pub const FIGURES_OF: Related<key_figure::Entity> = Related {
    key: key_figure::Column::OrganisationId,
    order: &[
        key_figure::Column::Metric,
        key_figure::Column::AsOf,
        key_figure::Column::Id,
    ],
    group: |row| Some(row.organisation_id),
    area: None,
    bound: Some(super::bounds::FIGURES),
};

/// The organisation a person or figure is recorded at, checked: it exists, a record stays at
/// the organisation it was recorded at (`before`), and a new one finds room in the
/// organisation's list of `E` (its `column` names the organisation).
async fn organisation_of<E: EntityTrait>(
    tx: &Tx<'_>,
    organisation: i32,
    before: Option<i32>,
    (column, bound, list): (E::Column, usize, &str),
) -> ApiResult<i32>
where
    E::Model: Sync + Record,
{
    if let Some(before) = before {
        if organisation != before {
            let noun = <E::Model as Record>::TYPE.noun();
            return Err(ApiError::bad_input(
                "organisationId",
                format!("A {noun} cannot move to another organisation; record a new one there."),
            ));
        }
        return Ok(organisation);
    }
    let id = tx
        .refers::<organisation::Entity>(organisation, "organisationId")
        .await?;
    let of = Condition::all().add(column.eq(id));
    bounds::room::<E>(&tx.txn, of, bound, "organisationId", list).await?;
    Ok(id)
}

impl Stored for PersonDraft {
    type Entity = person::Entity;
    const CREATED: &'static str = "createPerson";
    const UPDATED: &'static str = "updatePerson";

    async fn columns(self, tx: &Tx<'_>, before: Option<&Person>) -> ApiResult<person::ActiveModel> {
        let draft = self.check()?;
        let list = (
            person::Column::OrganisationId,
            bounds::PEOPLE,
            "An organisation's people",
        );
        let before = before.map(|row| row.organisation_id);
        let organisation_id =
            organisation_of::<person::Entity>(tx, draft.organisation, before, list).await?;
        let source_id = tx.source(draft.source).await?;
        Ok(person::ActiveModel {
            organisation_id: Set(organisation_id),
            name: Set(draft.name),
            role: Set(draft.role),
            since: Set(draft.since),
            until: Set(draft.until),
            source_id: Set(source_id),
            ..Default::default()
        })
    }
}

impl Stored for KeyFigureDraft {
    type Entity = key_figure::Entity;
    const CREATED: &'static str = "createKeyFigure";
    const UPDATED: &'static str = "updateKeyFigure";

    async fn columns(
        self,
        tx: &Tx<'_>,
        before: Option<&KeyFigure>,
    ) -> ApiResult<key_figure::ActiveModel> {
        let draft = self.check()?;
        let list = (
            key_figure::Column::OrganisationId,
            bounds::FIGURES,
            "An organisation's key figures",
        );
        let before = before.map(|row| row.organisation_id);
        let organisation_id =
            organisation_of::<key_figure::Entity>(tx, draft.organisation, before, list).await?;
        let source_id = tx.source(draft.source).await?;
        Ok(key_figure::ActiveModel {
            organisation_id: Set(organisation_id),
            metric: Set(draft.metric.as_str().to_owned()),
            value: Set(draft.value),
            qualifier: Set(draft.qualifier.as_str().to_owned()),
            as_of: Set(draft.as_of),
            source_id: Set(source_id),
            ..Default::default()
        })
    }
}

/// Nothing refers to a person: an entry made in error may go.
impl Removable for person::Entity {
    const DELETED: &'static str = "deletePerson";

    async fn release(_: &Tx<'_>, _: &Person) -> ApiResult<()> {
        Ok(())
    }
}

/// Nothing refers to a key figure: a figure recorded in error may go.
impl Removable for key_figure::Entity {
    const DELETED: &'static str = "deleteKeyFigure";

    async fn release(_: &Tx<'_>, _: &KeyFigure) -> ApiResult<()> {
        Ok(())
    }
}
