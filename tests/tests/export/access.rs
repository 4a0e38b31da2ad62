//! Exports are open to the callers the API shows each list to, as far as it shows it.

use reqwest::StatusCode;
use serde_json::json;
use verbund_tests::{TestApp, both, header};

use super::lists::LISTS;
use super::{column, csv, get, get_with, ids_of, sorted};

both!(
    a_member_limited_token_exports_its_member_only,
    |app| async move {
        let scopes = json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]);
        let limited = app.as_partner(scopes.clone(), Some("Stadt Grabow")).await;
        let whole = app.as_partner(scopes, None).await;
        let grabow = app.organisation_id("Stadt Grabow").await;
        let schwerin = app.organisation_id("Landeshauptstadt Schwerin").await;
        // The organisations, contracts and coverages the token reads through the API.
        for (list, field, query) in LISTS
            .into_iter()
            .filter(|(list, ..)| ["organisations", "contracts", "coverages"].contains(list))
        {
            let path = format!("/export/{list}.csv");
            let expected = ids_of(&limited, query, field).await;
            let (headers, rows) = csv(&limited, &path).await;
            let exported = sorted(column(&headers, &rows, "ID"));
            assert_eq!(exported, expected, "{list}");
            let (_, all) = csv(&whole, &path).await;
            assert!(
                !rows.is_empty() && rows.len() < all.len(),
                "{list}: {} of {}",
                rows.len(),
                all.len()
            );
        }
        let (headers, rows) = csv(&limited, "/export/organisations.csv").await;
        let ids = column(&headers, &rows, "ID");
        assert!(ids.contains(&grabow) && !ids.contains(&schwerin), "{ids:?}");
        // A filter naming what the token does not see finds nothing.
        let (_, rows) = csv(
            &limited,
            &format!("/export/contracts.csv?partyId={schwerin}"),
        )
        .await;
        assert!(rows.is_empty(), "{rows:?}");
        // The desk's deadlines of its member only, without owners (staff only).
        let (_, rows) = csv(&limited, "/export/deadlines.csv").await;
        assert!(rows.iter().all(|row| row[6].is_empty()), "{rows:?}");
    }
);

both!(scopes_roles_and_sign_in_are_the_apis, |app| async move {
    let members_only = app.as_partner(json!(["MEMBERS_READ"]), None).await;
    assert_eq!(
        get(&members_only, "/export/members.csv").await.status,
        StatusCode::OK
    );
    for list in [
        "contracts",
        "coverages",
        "services",
        "deadlines",
        "audit-log",
    ] {
        let answer = get(&members_only, &format!("/export/{list}.json")).await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{list}: {}",
            answer.body
        );
        assert!(answer.body.contains("FORBIDDEN"), "{}", answer.body);
    }

    let viewer = app.as_staff("VIEWER").await;
    assert_eq!(
        get(&viewer, "/export/contracts.csv").await.status,
        StatusCode::OK
    );
    let answer = get(&viewer, "/export/audit-log.csv").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert_eq!(
        get(&app, "/export/audit-log.csv").await.status,
        StatusCode::OK
    );

    let anonymous = app.anonymous();
    for list in ["members", "contracts", "audit-log"] {
        let answer = get(&anonymous, &format!("/export/{list}.csv")).await;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "{list}: {}",
            answer.body
        );
        assert!(answer.body.contains("UNAUTHENTICATED"), "{}", answer.body);
    }
    let revoked = app.as_token("vbd_not_a_token");
    assert_eq!(
        get(&revoked, "/export/members.csv").await.status,
        StatusCode::UNAUTHORIZED
    );
});

both!(
    a_session_exports_from_its_own_pages_only,
    |app| async move {
        app.assert_own_pages_only("/export/members.csv").await;
        // A token is no cookie: a partner system's request is not a page's.
        let token = app.as_partner(json!(["MEMBERS_READ"]), None).await;
        let answer = get_with(
            &token,
            "/export/members.csv",
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
    }
);

both!(
    an_export_is_charged_to_the_callers_budget,
    |app| async move {
        let app: TestApp = app.with_rate_limit(5_000).await;
        let (headers, rows) = csv(&app, "/export/contracts.csv").await;
        let response = app.get_with_headers("/export/contracts.csv", &[]).await;
        // Each row costs one per column and one more, one point per started thousand.
        let complexity = rows.len() * (headers.len() + 1) + 1;
        let expected = complexity.div_ceil(1000).to_string();
        assert_eq!(header(&response, "x-ratelimit-cost"), Some(expected));
        let spent = header(&response, "x-ratelimit-used").unwrap();
        assert!(spent.parse::<u32>().unwrap() >= 2, "{spent}");
    }
);

both!(
    an_export_the_budget_does_not_cover_waits,
    |app| async move {
        let (_, second) = app
            .spend_a_budget_of_one("/export/services.csv", "/export/services.csv")
            .await;
        let body = second.text().await.unwrap();
        assert!(body.contains("RATE_LIMITED"), "{body}");
    }
);
