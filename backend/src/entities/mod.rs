//! SeaORM entities: the tables as the backend sees them. They never leave the backend; the
//! GraphQL types in `graphql/` are separate structs.

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
                }
                self.updated_at = sea_orm::ActiveValue::Set(now);
                Ok(self)
            }
        }
    };
}
pub(crate) use bookkeeping;

pub mod contract;
pub mod contract_party;
pub mod coverage;
pub mod key_figure;
pub mod membership;
pub mod organisation;
pub mod person;
pub mod service;
pub mod source;
