//! What the reports say: what the API shows the same caller, escaped, in German or English,
//! in a page that loads and runs nothing but its own stylesheet.

use base64::Engine as _;
use reqwest::StatusCode;
use sea_orm::ActiveModelTrait;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use verbund_tests::{both, organisation_row};

use super::{escaped, german, get};

/// The text of the page's one stylesheet.
fn style_of(body: &str) -> &str {
    let start = body.find("<style>").expect("a stylesheet") + "<style>".len();
    let end = body[start..].find("</style>").expect("its end") + start;
    &body[start..end]
}

both!(a_dossier_shows_what_the_api_shows, |app| async move {
    let id = app.organisation_id("Stadt Grabow").await;
    let org = app
        .node(
            &id,
            "... on Organisation { name memberships { joinedOn source { title } } \
             contracts(first: 100) { nodes { title } } people { name } source { title } \
             coverages(asOf: \"2024-06-30\", first: 100) { nodes { service { name } } } }",
        )
        .await;
    let page = get(&app, &format!("/report/member/{id}.html?asOf=2024-06-30")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    let body = &page.body;
    assert!(body.contains("<html lang=\"de\">"), "{body}");
    assert!(body.contains("Mitgliedsakte: Stadt Grabow"), "{body}");
    assert!(body.contains("Stand 30.06.2024"), "{body}");
    assert!(body.contains("von test-admin"), "{body}");
    let memberships = org["memberships"].as_array().unwrap();
    assert!(!memberships.is_empty());
    for membership in memberships {
        let joined = german(membership["joinedOn"].as_str().unwrap());
        assert!(body.contains(&joined), "{joined}");
    }
    let texts = |list: &Value, field: &str| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .filter_map(|item| item.pointer(field).and_then(Value::as_str))
            .map(str::to_owned)
            .collect()
    };
    let mut expected = texts(&org["contracts"]["nodes"], "/title");
    expected.extend(texts(&org["people"], "/name"));
    expected.extend(texts(&org["coverages"]["nodes"], "/service/name"));
    expected.extend(texts(&org["memberships"], "/source/title"));
    expected.extend(org["source"]["title"].as_str().map(str::to_owned));
    assert!(expected.len() > 3, "{org}");
    for text in expected {
        assert!(body.contains(&escaped(&text)), "{text} missing");
    }
    // Every cited source is a numbered note.
    assert!(body.contains("<h2>Quellen</h2>"), "{body}");

    let english = get(
        &app,
        &format!("/report/member/{id}.html?asOf=2024-06-30&lang=en"),
    )
    .await;
    assert!(
        english.body.contains("<html lang=\"en\">")
            && english.body.contains("Member dossier: Stadt Grabow")
            && english.body.contains("As of 2024-06-30")
            && english.body.contains("<h2>Sources</h2>"),
        "{}",
        english.body
    );
});

both!(
    a_report_loads_and_runs_nothing_but_its_stylesheet,
    |app| async move {
        for path in [
            "/report/coverage.html",
            "/report/deadlines.html",
            &format!(
                "/report/member/{}.html",
                app.organisation_id("Stadt Grabow").await
            ),
        ] {
            let page = get(&app, path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
            let digest = Sha256::digest(style_of(&page.body).as_bytes());
            let hash = base64::engine::general_purpose::STANDARD.encode(digest);
            assert!(
                page.policy.starts_with("default-src 'none'; ")
                    && page.policy.contains(&format!("style-src 'sha256-{hash}'"))
                    && !page.policy.contains("unsafe")
                    && !page.policy.contains("script-src"),
                "{path}: {}",
                page.policy
            );
            assert!(!page.body.contains("<script"), "{path}");
            assert!(!page.body.contains("src="), "{path}");
            assert!(!page.body.contains("<link"), "{path}");
        }
    }
);

both!(what_people_typed_is_escaped, |app| async move {
    let hostile = "Amt <b>Fett</b> & \"Söhne\" </style><script>alert(1)</script>";
    let org = organisation_row(hostile, "AMT")
        .insert(app.db())
        .await
        .unwrap();
    crate::person(
        &app,
        org.id,
        "<img src=x onerror=alert(2)>",
        "Amtsvorsteher'in",
    )
    .await;
    let id = verbund::graphql::ids::encode(verbund::graphql::ids::NodeType::Organisation, org.id);
    let page = get(&app, &format!("/report/member/{}.html", id.as_str())).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&escaped(hostile)), "{}", page.body);
    assert!(page.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(page.body.contains("Amtsvorsteher&#39;in"));
    for raw in ["<b>", "<script", "<img"] {
        assert!(!page.body.contains(raw), "{raw} in {}", page.body);
    }
    assert_eq!(page.body.matches("</style>").count(), 1, "{}", page.body);
    // The name is in the page's margins too (a CSS string), escaped there as well.
    let style = style_of(&page.body);
    assert!(!style.contains('<') && !style.contains("Fett\""), "{style}");
});

both!(
    the_matrix_and_the_desk_show_what_the_api_shows,
    |app| async move {
        let data = app
        .data(
            "{ coverages(asOf: \"2024-06-30\", first: 100) { totalCount nodes { organisation { name } service { code } } } }",
            json!({}),
        )
        .await;
        let nodes = data["coverages"]["nodes"].as_array().unwrap();
        assert!(!nodes.is_empty());
        let page = get(&app, "/report/coverage.html?asOf=2024-06-30&lang=en").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Coverage matrix"), "{}", page.body);
        for node in nodes {
            let name = node["organisation"]["name"].as_str().unwrap();
            let code = node["service"]["code"].as_str().unwrap();
            assert!(page.body.contains(&escaped(name)), "{name}");
            assert!(
                page.body.contains(&format!("<th>{}</th>", escaped(code))),
                "{code}"
            );
        }
        // A day before any coverage: an empty matrix, said so.
        let before = get(&app, "/report/coverage.html?asOf=1990-01-01").await;
        assert!(
            before
                .body
                .contains("An diesem Tag bezieht niemand eine Leistung."),
            "{}",
            before.body
        );

        let title = "Betrieb & Wartung <Fachverfahren>";
        app.contract_with_deadline(title, "Stadt Grabow").await;
        let desk = app
        .data(
            "{ deadlines(window: 3660, state: UNDECIDED, first: 100) { totalCount nodes { contract { title } } } }",
            json!({}),
        )
        .await;
        let today = chrono::Utc::now().date_naive();
        let to = today + chrono::Days::new(3660);
        let page = get(&app, &format!("/report/deadlines.html?to={to}")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Fristenbericht"), "{}", page.body);
        let nodes = desk["deadlines"]["nodes"].as_array().unwrap();
        assert!(!nodes.is_empty(), "{desk}");
        let count = format!("Fristen: {}", nodes.len());
        assert!(page.body.contains(&count), "{}", page.body);
        for node in nodes {
            let title = node["contract"]["title"].as_str().unwrap();
            assert!(page.body.contains(&escaped(title)), "{title}");
        }
        assert!(page.body.contains("Stadt Grabow"), "{}", page.body);
        // A window that ends before the deadline holds none of it.
        let page = get(&app, "/report/deadlines.html?from=2026-01-01&to=2026-01-31").await;
        assert!(!page.body.contains(&escaped(title)), "{}", page.body);
    }
);
