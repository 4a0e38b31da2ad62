//! People named in a role at an organisation, and the key figures an organisation is known by.

use super::read::Related;
use crate::entities::{key_figure, person};

pub use crate::entities::key_figure::Model as KeyFigure;
pub use crate::entities::person::Model as Person;

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
