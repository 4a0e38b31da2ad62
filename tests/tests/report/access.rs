//! Reports are open to the callers the exports are open to, as far as they may see, and are
//! charged to the caller's budget.

use reqwest::StatusCode;
use serde_json::json;
use verbund_tests::{both, header};

use super::get;

/// The parts of a dossier a caller's scopes do not reach say so.
const WITHHELD: &str = "Für diesen Zugang nicht freigegeben.";

both!(scopes_and_sign_in_are_the_exports, |app| async move {
    let grabow = app.organisation_id("Stadt Grabow").await;
    let member = format!("/report/member/{grabow}.html");
    let anonymous = app.anonymous();
    for path in [
        member.as_str(),
        "/report/deadlines.html",
        "/report/coverage.html",
    ] {
        let page = get(&anonymous, path).await;
        assert_eq!(
            page.status,
            StatusCode::UNAUTHORIZED,
            "{path}: {}",
            page.body
        );
        assert!(page.body.contains("UNAUTHENTICATED"), "{}", page.body);
    }
    let members_only = app.as_partner(json!(["MEMBERS_READ"]), None).await;
    let page = get(&members_only, &member).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // Contracts and coverage are not the token's: the dossier says so where they would be.
    assert_eq!(page.body.matches(WITHHELD).count(), 2, "{}", page.body);
    assert!(page.body.contains("von Token "), "{}", page.body);
    for path in ["/report/deadlines.html", "/report/coverage.html"] {
        let page = get(&members_only, path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}: {}", page.body);
    }
    let contracts_only = app.as_partner(json!(["CONTRACTS_READ"]), None).await;
    assert_eq!(
        get(&contracts_only, &member).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&contracts_only, "/report/deadlines.html").await.status,
        StatusCode::OK
    );
    // Staff read every part.
    let viewer = app.as_staff("VIEWER").await;
    let page = get(&viewer, &member).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(WITHHELD), "{}", page.body);
});

both!(
    a_member_limited_token_reports_its_member_only,
    |app| async move {
        // Contracts on the desk before the token is used (the server keeps a token's member
        // data for a few seconds once read).
        app.contract_with_deadline("Betrieb Grabow", "Stadt Grabow")
            .await;
        app.contract_with_deadline("Betrieb Schwerin", "Landeshauptstadt Schwerin")
            .await;
        let scopes = json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]);
        let limited = app.as_partner(scopes, Some("Stadt Grabow")).await;
        let grabow = app.organisation_id("Stadt Grabow").await;
        let schwerin = app.organisation_id("Landeshauptstadt Schwerin").await;
        let own = get(&limited, &format!("/report/member/{grabow}.html")).await;
        assert_eq!(own.status, StatusCode::OK, "{}", own.body);
        let other = get(&limited, &format!("/report/member/{schwerin}.html")).await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.body);
        assert!(other.body.contains("NOT_FOUND"), "{}", other.body);
        // The matrix of what its member receives; the whole register's holds more.
        let matrix = get(&limited, "/report/coverage.html?asOf=2024-06-30").await;
        assert!(matrix.body.contains("Stadt Grabow"), "{}", matrix.body);
        assert!(
            !matrix.body.contains("Landeshauptstadt Schwerin"),
            "{}",
            matrix.body
        );
        let whole = get(&app, "/report/coverage.html?asOf=2024-06-30").await;
        assert!(whole.body.contains("Landeshauptstadt Schwerin"));
        // The desk's deadlines of its member's contracts only (those made above).
        let desk = get(&limited, "/report/deadlines.html?to=2030-12-31").await;
        assert_eq!(desk.status, StatusCode::OK, "{}", desk.body);
        assert!(desk.body.contains("Betrieb Grabow"), "{}", desk.body);
        assert!(!desk.body.contains("Betrieb Schwerin"), "{}", desk.body);
        let whole = get(&app, "/report/deadlines.html?to=2030-12-31").await;
        assert!(whole.body.contains("Betrieb Schwerin"), "{}", whole.body);
    }
);

both!(
    a_session_reports_from_its_own_pages_only,
    |app| async move {
        app.assert_own_pages_only("/report/coverage.html").await;
    }
);

both!(what_a_report_is_asked_is_checked, |app| async move {
    let grabow = app.organisation_id("Stadt Grabow").await;
    for (path, status, field) in [
        ("/report/nothing.html", StatusCode::NOT_FOUND, ""),
        ("/report/coverage.csv", StatusCode::NOT_FOUND, ""),
        (
            &format!("/report/member/{grabow}"),
            StatusCode::NOT_FOUND,
            "",
        ),
        ("/report/member/T3JnOjE.html", StatusCode::BAD_REQUEST, "id"),
        (
            &format!("/report/member/{grabow}.html?window=7"),
            StatusCode::BAD_REQUEST,
            "window",
        ),
        (
            "/report/coverage.html?asOf=2024-13-01",
            StatusCode::BAD_REQUEST,
            "asOf",
        ),
        (
            "/report/coverage.html?lang=fr",
            StatusCode::BAD_REQUEST,
            "lang",
        ),
        (
            "/report/deadlines.html?from=2026-02-01&to=2026-01-01",
            StatusCode::BAD_REQUEST,
            "to",
        ),
        (
            "/report/deadlines.html?from=2020-01-01&to=2040-01-01",
            StatusCode::BAD_REQUEST,
            "to",
        ),
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, status, "{path}: {}", page.body);
        if !field.is_empty() {
            assert!(
                page.body.contains(&format!("\"{field}\"")),
                "{path}: {}",
                page.body
            );
        }
    }
});

both!(
    a_report_is_charged_to_the_callers_budget,
    |app| async move {
        let (first, _) = app
            .spend_a_budget_of_one("/report/coverage.html", "/report/deadlines.html")
            .await;
        assert_eq!(header(&first, "x-ratelimit-cost").as_deref(), Some("1"));
    }
);
