//! The drafts' checks and normalisation.

use super::*;

fn organisation(kind: OrganisationKind, link: Option<ParentLink>) -> OrganisationDraft {
    OrganisationDraft {
        name: " Stadt Grabow ".into(),
        short_name: Some(" ".into()),
        kind,
        official_key: Some("13076050".into()),
        parent: Some(7),
        parent_link: link,
        source: None,
    }
}

fn fields(errors: Vec<FieldError>) -> Vec<String> {
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn an_organisation_is_trimmed_and_linked_as_its_kind_allows() {
    let town = organisation(OrganisationKind::AmtsangehoerigeStadt, None);
    let checked = town.check().unwrap_or_else(|_| unreachable!());
    assert_eq!(checked.name, "Stadt Grabow");
    assert_eq!(checked.short_name, None);
    assert_eq!(checked.parent_link, Some(ParentLink::Territory));
    let works = organisation(OrganisationKind::Eigenbetrieb, None);
    assert_eq!(
        works.check().map(|c| c.parent_link),
        Ok(Some(ParentLink::Unit))
    );
    let orphan = OrganisationDraft {
        parent: None,
        ..organisation(OrganisationKind::Eigenbetrieb, Some(ParentLink::Unit))
    };
    assert_eq!(orphan.check().map(|c| c.parent_link), Ok(None));
}

#[test]
fn territory_is_never_a_unit() {
    let town = organisation(OrganisationKind::AmtsfreieStadt, Some(ParentLink::Unit));
    assert_eq!(
        town.check().map_err(fields),
        Err(vec!["parentLink".to_owned()])
    );
    let company = organisation(
        OrganisationKind::MunicipalCompany,
        Some(ParentLink::Territory),
    );
    assert_eq!(
        company.check().map_err(fields),
        Err(vec!["parentLink".to_owned()])
    );
}

#[test]
fn a_service_code_has_at_most_fifty_characters() {
    let service = ServiceDraft::<i32> {
        code: "x".repeat(CODE_MAX_CHARS),
        name: "Hosting".into(),
        category: ServiceCategory::Hosting,
        vendor: None,
        description: None,
        source: None,
    };
    assert!(service.check().is_ok());
    let long = ServiceDraft {
        code: "x".repeat(CODE_MAX_CHARS + 1),
        ..service
    };
    assert_eq!(long.check().map_err(fields), Err(vec!["code".to_owned()]));
}

#[test]
fn counts_periods_and_addresses_are_checked() {
    let day = |d| NaiveDate::from_ymd_opt(2020, 1, d).unwrap_or_default();
    let coverage = CoverageDraft {
        organisation: 1,
        service: 2,
        contract: None,
        starts_on: day(2),
        ends_on: Some(day(1)),
        workstations: Some(-1),
        users: Some(3),
        source: None,
    };
    assert_eq!(
        coverage.check().map_err(fields),
        Err(vec!["endsOn".to_owned(), "workstations".to_owned()])
    );
    let source = SourceDraft {
        title: "Notice".into(),
        publisher: None,
        url: Some("ftp://example".into()),
        published_on: None,
        accessed_on: None,
        note: None,
    };
    assert_eq!(source.check().map_err(fields), Err(vec!["url".to_owned()]));
    // Read before it was published: refused; read on the day it was published: taken.
    let read_early = SourceDraft {
        url: None,
        published_on: Some(day(2)),
        accessed_on: Some(day(1)),
        ..source.clone()
    };
    assert_eq!(
        read_early.check().map_err(fields),
        Err(vec!["accessedOn".to_owned()])
    );
    let read_same_day = SourceDraft {
        accessed_on: Some(day(2)),
        ..read_early
    };
    assert_eq!(read_same_day.check(), Ok(read_same_day.clone()));
    let membership = MembershipDraft {
        organisation: 1,
        joined_on: day(1),
        left_on: None,
        founding: false,
        contract: None,
        capital_share_cents: Some(-5),
        seats: Some(-1),
        council_decision_on: None,
        contract_signed_on: None,
        legal_effect_on: None,
        it_takeover_on: None,
        source: None,
    };
    assert_eq!(
        membership.check().map_err(fields),
        Err(vec!["capitalShare".to_owned(), "seats".to_owned()])
    );
}
