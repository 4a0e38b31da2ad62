//! SeaORM entities: the tables as the backend sees them. Only the register (`register/`) and
//! the credential checks (`auth/`) use them; the GraphQL types in `graphql/` wrap the records
//! the register hands out. Each record type is declared once with [`record::record!`].

/// Every record carries `created_at`, `updated_at` and `version`; they are set here, on every
/// save, so no caller can forget them. (Optimistic concurrency checks `version` on update.)
macro_rules! bookkeeping {
    () => {
        #[async_trait::async_trait]
        impl ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                let now = chrono::Utc::now();
                if insert {
                    self.created_at = sea_orm::ActiveValue::Set(now);
                    self.version = sea_orm::ActiveValue::Set(1);
                } else if let Some(version) = self.version.try_as_ref().copied() {
                    // Every saved change is a new version; the write path has checked
                    // beforehand that the caller's version was the current one.
                    self.version = sea_orm::ActiveValue::Set(version + 1);
                }
                self.updated_at = sea_orm::ActiveValue::Set(now);
                Ok(self)
            }
        }

        impl crate::entities::Versioned for Entity {
            fn id_column() -> Column {
                Column::Id
            }

            fn version_column() -> Column {
                Column::Version
            }
        }
    };
}

/// An entity whose records carry an integer `id` and a `version` (every editable record).
pub trait Versioned: sea_orm::EntityTrait {
    fn id_column() -> Self::Column;
    fn version_column() -> Self::Column;
}
pub(crate) use bookkeeping;

pub mod record;
pub mod rows;

pub mod api_token;
pub mod audit_entry;
pub mod calendar_feed;
pub mod contract;
pub mod contract_desk;
pub mod contract_party;
pub mod coverage;
pub mod deadline;
pub mod delivery;
pub mod express_renewal;
pub mod inbox_entry;
pub mod key_figure;
pub mod login_throttle;
pub mod membership;
pub mod organisation;
pub mod persisted_operation;
pub mod person;
pub mod reminder;
pub mod service;
pub mod session;
pub mod source;
pub mod user;
