//! What the exports write imports back: unchanged into the same register, and into an empty
//! one with the same answers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::Value;
use verbund::entities::{
    contract, contract_party, coverage, membership, organisation, service, source,
};
use verbund::register::import::Action;
use verbund_tests::{TestDatabase, both};

use super::{import, import_into};

both!(
    what_the_exports_write_imports_back_unchanged,
    |app| async move {
        for list in [
            "organisations.csv",
            "organisations.json",
            "memberships.csv",
            "memberships.json?lang=en",
            "services.csv?lang=en",
            "services.json",
            "coverages.csv",
            "coverages.json",
        ] {
            let response = app.get_with_headers(&format!("/export/{list}"), &[]).await;
            assert!(response.status().is_success(), "{list}");
            let text = response.text().await.unwrap();
            let name = list.split('?').next().unwrap();
            let outcome = import(&app, &[(name, &text)], false).await;
            assert_eq!(outcome.problems, [], "{list}");
            let (new, changed, same) = outcome.counts();
            let changes: Vec<_> = outcome
                .planned
                .iter()
                .filter(|p| p.action != Action::Same)
                .collect();
            assert_eq!((new, changed), (0, 0), "{list}: {changes:#?}");
            // Every exported row was read and found unchanged.
            let rows = if name.ends_with(".json") {
                serde_json::from_str::<Value>(&text)
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .len()
            } else {
                text.lines().count() - 1
            };
            assert!(rows > 0, "{list}");
            assert_eq!(same, rows, "{list}");
        }
    }
);

/// What a register answers about the importable lists, each record with its references by
/// natural key (two registers give the same records other ids), in order.
async fn answers(db: &DatabaseConnection) -> Vec<String> {
    let sources = source::Entity::find().all(db).await.unwrap();
    let organisations = organisation::Entity::find().all(db).await.unwrap();
    let services = service::Entity::find().all(db).await.unwrap();
    let contracts = contract::Entity::find().all(db).await.unwrap();
    let parties = contract_party::Entity::find().all(db).await.unwrap();
    let coverages = coverage::Entity::find().all(db).await.unwrap();
    let memberships = membership::Entity::find().all(db).await.unwrap();
    let source = |id: Option<i32>| id.map(|id| &sources.iter().find(|s| s.id == id).unwrap().title);
    let org = |id: i32| &organisations.iter().find(|o| o.id == id).unwrap().name;
    let code = |id: i32| &services.iter().find(|s| s.id == id).unwrap().code;
    let deal = |id: i32| {
        let c = contracts.iter().find(|c| c.id == id).unwrap();
        format!("{:?} {}", c.number, c.title)
    };
    let mut out = Vec::new();
    for s in &sources {
        out.push(format!(
            "source {} {:?} {:?} {:?} {:?} {:?}",
            s.title, s.publisher, s.url, s.published_on, s.accessed_on, s.note
        ));
    }
    for o in &organisations {
        out.push(format!(
            "organisation {} {:?} {} {:?} {:?} {:?} {:?}",
            o.name,
            o.short_name,
            o.kind,
            o.official_key,
            o.parent_id.map(org),
            o.parent_link,
            source(o.source_id)
        ));
    }
    for s in &services {
        out.push(format!(
            "service {} {} {} {:?} {:?} {:?}",
            s.code,
            s.name,
            s.category,
            s.vendor,
            s.description,
            source(s.source_id)
        ));
    }
    for c in &contracts {
        let mut roles: Vec<String> = parties
            .iter()
            .filter(|p| p.contract_id == c.id)
            .map(|p| format!("{}={:?}", org(p.organisation_id), p.role))
            .collect();
        roles.sort();
        out.push(format!(
            "contract {} {:?} {} {:?} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {roles:?}",
            deal(c.id),
            c.file_reference,
            c.kind,
            c.signed_on,
            c.effective_from,
            c.initial_term_months,
            c.initial_term_until,
            c.renewal,
            c.renewal_months,
            c.notice_months,
            c.notice_to,
            c.decision_months,
            c.notice_given_on,
            c.ended_on,
            source(c.source_id)
        ));
    }
    for m in &memberships {
        out.push(format!(
            "membership {} {} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            org(m.organisation_id),
            m.joined_on,
            m.left_on,
            m.founding,
            m.contract_id.map(deal),
            m.capital_share_cents,
            m.seats,
            m.council_decision_on,
            m.contract_signed_on,
            m.legal_effect_on,
            m.it_takeover_on,
            source(m.source_id)
        ));
    }
    for c in &coverages {
        out.push(format!(
            "coverage {} {} {:?} {} {:?} {:?} {:?} {:?}",
            org(c.organisation_id),
            code(c.service_id),
            c.contract_id.map(deal),
            c.starts_on,
            c.ends_on,
            c.workstations,
            c.users,
            source(c.source_id)
        ));
    }
    out.sort();
    out
}

both!(
    an_export_imports_into_an_empty_register_with_the_same_answers,
    |app| async move {
        let mut files = Vec::new();
        for list in [
            "coverages",
            "memberships",
            "contracts",
            "services",
            "organisations",
            "sources",
        ] {
            let response = app
                .get_with_headers(&format!("/export/{list}.csv"), &[])
                .await;
            assert!(response.status().is_success(), "{list}");
            files.push((format!("{list}.csv"), response.text().await.unwrap()));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let empty = TestDatabase::empty(app.backend()).await.unwrap();
        let db = empty.connect().await;
        verbund::db::migrate(&db).await.unwrap();
        let outcome = import_into(&db, &files, false).await;
        assert_eq!(outcome.problems, []);
        assert!(outcome.written);
        let (new, changed, same) = outcome.counts();
        assert_eq!((changed, same), (0, 0));
        let expected = answers(app.db()).await;
        assert_eq!(new, expected.len());
        assert_eq!(answers(&db).await, expected);
        let today = verbund::register::totals::kept::today();
        let drifts = verbund::register::totals::repair::check(&db, today)
            .await
            .unwrap();
        assert!(drifts.is_empty(), "{drifts:?}");
        drop(db);
        empty.remove().await;
    }
);
