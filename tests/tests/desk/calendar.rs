//! The personal calendar feed, read by a real iCalendar parser (Python's icalendar): one
//! all-day event per open deadline on its day to act, with the link to the contract and an
//! alarm; a new address replaces the old one, a revoked or wrong one answers 404.

use std::process::Command;

use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use verbund_tests::{TestApp, both, renewing_contract_row};

use super::*;

const PUBLIC: &str = "https://verbund.example";

/// Parses a feed with Python's icalendar.
fn parse(feed: &str) -> Value {
    let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("calendar/parse.py");
    let mut parser = Command::new(verbund_tests::mail::venv_python());
    parser.arg(script);
    let output = verbund_tests::process::with_input(
        &mut parser,
        feed,
        "Python's icalendar: run `source scripts/setup && verbund_setup_clients`",
    );
    assert!(
        output.status.success(),
        "icalendar refused the feed: {}\n{feed}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The feed at `url` (an absolute address of the public server): status and body.
async fn fetch(app: &TestApp, url: &str) -> (u16, String, String) {
    let path = url
        .strip_prefix(PUBLIC)
        .expect("an address at the public URL");
    let (status, content_type, body) = app.get(path).await;
    (status.as_u16(), content_type, body)
}

both!(a_calendar_feed_lists_the_open_deadlines, |app| async move {
    let (_, timing) = clock_at("2025-06-02T08:00:00Z");
    let row = verbund::entities::contract::ActiveModel {
        number: Set(Some("V-2025-017".to_owned())),
        ..renewing_contract_row("Wartung, Kämmerei; Teil 2", "2024-12-01", "2025-01-01", 12)
    }
    .insert(app.db())
    .await
    .unwrap();
    pass(&app, &timing).await;
    let app = app
        .with_settings(verbund::http::Settings {
            timing: timing.clone(),
            public_url: Some(format!("{PUBLIC}/")),
            ..verbund::http::Settings::default()
        })
        .await;
    let none = app
        .data("{ me { calendarFeed { createdAt } } }", json!({}))
        .await;
    assert_eq!(none["me"]["calendarFeed"], Value::Null);
    let made = app
        .data(
            "mutation { createCalendarFeed { url createdAt } }",
            json!({}),
        )
        .await;
    let url = made["createCalendarFeed"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        url.starts_with(&format!("{PUBLIC}/calendar/vcal_")),
        "{url}"
    );
    assert!(url.ends_with(".ics"), "{url}");
    let me = app
        .data("{ me { calendarFeed { createdAt } } }", json!({}))
        .await;
    assert_eq!(
        me["me"]["calendarFeed"]["createdAt"],
        made["createCalendarFeed"]["createdAt"]
    );

    let (status, content_type, feed) = fetch(&app, &url).await;
    assert_eq!(status, 200, "{feed}");
    assert_eq!(content_type, "text/calendar; charset=utf-8");
    // Every line ends in CRLF and is at most 75 octets long.
    assert!(feed.ends_with("\r\n"));
    assert!(!feed.replace("\r\n", "").contains('\n'));
    assert!(feed.split("\r\n").all(|line| line.len() <= 75), "{feed}");
    let calendar = parse(&feed);
    assert_eq!(calendar["version"], "2.0");
    assert_eq!(calendar["prodid"], "-//Verbund//Fristen//DE");
    let events = calendar["events"].as_array().unwrap();
    // One event per open deadline (the data set's contracts have some too).
    let open = app.count_rows("deadlines WHERE state = 'OPEN'").await;
    assert_eq!(events.len() as i64, open);
    let ours: Vec<&Value> = events
        .iter()
        .filter(|e| e["summary"].as_str().unwrap().contains("V-2025-017"))
        .collect();
    assert_eq!(ours.len(), 2, "{ours:#?}");
    let link = format!(
        "{PUBLIC}/contracts/{}",
        verbund::graphql::ids::encode(verbund::graphql::ids::NodeType::Contract, row.id).0
    );
    let notice = ours[0];
    assert_eq!(
        notice["summary"],
        "Kündigungsfrist: V-2025-017 – Wartung, Kämmerei; Teil 2"
    );
    assert_eq!(notice["dtstart"], "2025-09-30");
    assert_eq!(notice["dtstart_is_date"], true);
    assert_eq!(notice["dtend"], "2025-10-01");
    assert_eq!(notice["url"], link.as_str());
    let description = notice["description"].as_str().unwrap();
    assert!(
        description.contains("Frist: 30.09.2025\nHandeln bis: 30.09.2025\n"),
        "{description}"
    );
    assert!(description.ends_with(&link), "{description}");
    assert_eq!(notice["dtstamp"], "2025-06-02T08:00:00+00:00");
    assert_eq!(notice["alarms"].as_array().unwrap().len(), 1);
    assert_eq!(notice["alarms"][0]["action"], "DISPLAY");
    assert_eq!(notice["alarms"][0]["trigger_seconds"], -7.0 * 86400.0);
    let end = ours[1];
    assert!(
        end["summary"]
            .as_str()
            .unwrap()
            .starts_with("Vertragsende: ")
    );
    assert_eq!(end["dtstart"], "2025-12-31");
    // The same deadlines keep their UIDs.
    let again = parse(&fetch(&app, &url).await.2);
    let uids = |c: &Value| -> Vec<String> {
        c["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(uids(&again), uids(&calendar));
    assert!(
        notice["uid"]
            .as_str()
            .unwrap()
            .ends_with("@verbund.example")
    );

    // A wrong secret, a replaced one and a revoked one all answer the same 404.
    let (wrong, _, wrong_body) = fetch(&app, &format!("{PUBLIC}/calendar/vcal_falsch.ics")).await;
    assert_eq!(wrong, 404);
    let renewed = app
        .data("mutation { createCalendarFeed { url } }", json!({}))
        .await;
    let new_url = renewed["createCalendarFeed"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(new_url, url);
    assert_eq!(fetch(&app, &url).await.0, 404);
    assert_eq!(fetch(&app, &new_url).await.0, 200);
    let revoked = app.data("mutation { revokeCalendarFeed }", json!({})).await;
    assert_eq!(revoked["revokeCalendarFeed"], true);
    let (status, _, body) = fetch(&app, &new_url).await;
    assert_eq!((status, body), (404, wrong_body));
    let again = app.data("mutation { revokeCalendarFeed }", json!({})).await;
    assert_eq!(again["revokeCalendarFeed"], false);
    // Only a digest is kept.
    let secret = new_url.rsplit('/').next().unwrap().trim_end_matches(".ics");
    app.data("mutation { createCalendarFeed { url } }", json!({}))
        .await;
    let kept = app
        .count_rows(&format!("calendar_feeds WHERE secret_hash = '{secret}'"))
        .await;
    assert_eq!(kept, 0);
});

both!(partner_tokens_have_no_calendar_feed, |app| async move {
    let partner = app.as_partner(json!(["CONTRACTS_READ"]), None).await;
    let answer = partner
        .graphql("mutation { createCalendarFeed { url } }", json!({}))
        .await;
    assert_eq!(verbund_tests::codes(&answer), vec!["FORBIDDEN"], "{answer}");
});
