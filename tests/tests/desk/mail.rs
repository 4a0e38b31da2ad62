//! Reminders by e-mail, through a real mail server (Python's aiosmtpd): the mail in German
//! with the link to the contract and a fixed `Message-ID`, deliveries failed and retried
//! while the server is down, a reminder that fell due while no server ran mailed late, and
//! two servers on one database mailing each reminder once.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{Value, json};
use verbund::register::desk::mail::{MailSettings, Mailer};
use verbund::timing::{Clock, Timing};
use verbund_tests::mail::{MailSink, free_port};
use verbund_tests::{TestApp, both, renewing_contract_row};

use super::*;

const ADDRESS: &str = "kaemmerei@amt.example";
const PUBLIC: &str = "https://verbund.example";

fn mailer(port: u16) -> Arc<Mailer> {
    let settings = MailSettings {
        url: format!("smtp://127.0.0.1:{port}"),
        from: "Verbund Fristen <fristen@verbund.example>".to_owned(),
        public_url: format!("{PUBLIC}/"),
        ca_file: None,
    };
    Arc::new(Mailer::new(&settings).unwrap())
}

/// A clock at `at` and the settings of a server that mails reminders.
fn mailing_clock(at: &str) -> (Clock, Arc<Timing>) {
    let clock = Clock::fixed(instant(at));
    let timing = Arc::new(Timing {
        clock: clock.clone(),
        mail: true,
        ..Timing::default()
    });
    (clock, timing)
}

/// One contract renewing every year from 1 January 2025 with three months' notice (its
/// notice deadline: 30 September 2025, a Tuesday), armed on 2 June 2025; the admin's mail
/// address set. Returns the contract's global ID.
async fn armed_contract(app: &TestApp, timing: &Timing) -> String {
    let row = verbund::entities::contract::ActiveModel {
        number: Set(Some("V-2025-017".to_owned())),
        ..renewing_contract_row(
            "Wartung Fachverfahren Kämmerei",
            "2024-12-01",
            "2025-01-01",
            12,
        )
    }
    .insert(app.db())
    .await
    .unwrap();
    let set = app
        .data(
            "mutation($e: String!) { setEmail(email: $e) { name email } }",
            json!({ "e": ADDRESS }),
        )
        .await;
    assert_eq!(set["setEmail"]["email"], ADDRESS);
    pass(app, timing).await;
    verbund::graphql::ids::encode(verbund::graphql::ids::NodeType::Contract, row.id).0
}

/// The deliveries of the contract's reminders that were sent.
async fn deliveries(app: &TestApp, id: &str) -> Vec<Value> {
    let node = app
        .node(
            id,
            "... on Contract { reminders { state late deliveries { channel recipient state attempts lastError nextAttemptAt sentAt } } }",
        )
        .await;
    node["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["deliveries"].as_array().unwrap().clone())
        .collect()
}

async fn wait_for_rows(app: &TestApp, table: &str, n: i64) {
    for _ in 0..200 {
        if app.count_rows(table).await >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never {n} rows of {table}");
}

both!(
    a_reminder_is_mailed_in_german_with_a_link,
    |app| async move {
        let (clock, timing) = mailing_clock("2025-06-02T08:00:00Z");
        let id = armed_contract(&app, &timing).await;
        let sink = MailSink::start(free_port(), None);
        let mailer = mailer(sink.port);
        // 07:00 in Germany on 2 July: the 90-day reminder of the notice deadline.
        clock.set(instant("2025-07-02T05:00:00Z"));
        let scheduler = verbund::scheduler::spawn(
            app.db().clone(),
            timing.clone(),
            Duration::from_millis(100),
            Some(mailer.clone()),
        );
        let mails = sink.wait_for(1, 20).await;
        // A few more passes: nothing is mailed twice.
        tokio::time::sleep(Duration::from_millis(400)).await;
        scheduler.stop().await;
        let mails = if mails.len() == 1 {
            sink.mails()
        } else {
            mails
        };
        assert_eq!(mails.len(), 1, "{mails:#?}");
        let mail = &mails[0];
        assert_eq!(mail["rcpt_tos"], json!([ADDRESS]));
        assert_eq!(mail["mail_from"], "fristen@verbund.example");
        assert_eq!(mail["to"], format!("test-admin <{ADDRESS}>"));
        assert_eq!(
            mail["subject"],
            "Frist: Kündigungsfrist, Vertrag V-2025-017 – Wartung Fachverfahren Kämmerei, handeln bis 30.09.2025"
        );
        assert_eq!(mail["content_type"], "text/plain");
        assert_eq!(mail["charset"], "utf-8");
        // Umlauts travel encoded: the message itself is ASCII.
        assert_eq!(mail["ascii_only"], true);
        // Lines end in CRLF on the wire.
        let body = mail["body"].as_str().unwrap().replace("\r\n", "\n");
        assert!(body.starts_with("Guten Tag test-admin,"), "{body}");
        assert!(
            body.contains("Vertrag:        V-2025-017 – Wartung Fachverfahren Kämmerei\n"),
            "{body}"
        );
        assert!(body.contains("Art der Frist:  Kündigungsfrist\n"), "{body}");
        assert!(body.contains("Frist:          30.09.2025\n"), "{body}");
        assert!(body.contains("Handeln bis:    30.09.2025\n"), "{body}");
        assert!(
            body.contains(&format!("Zum Vertrag: {PUBLIC}/contracts/{id}\n")),
            "{body}"
        );
        assert!(!body.contains("verspätet"), "{body}");
        let row = verbund::entities::delivery::Entity::find()
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            mail["message_id"],
            format!("<verbund.delivery.{}@verbund.example>", row.id)
        );
        let seen = deliveries(&app, &id).await;
        assert_eq!(seen.len(), 1, "{seen:#?}");
        assert_eq!(seen[0]["channel"], "EMAIL");
        assert_eq!(seen[0]["recipient"], ADDRESS);
        assert_eq!(seen[0]["state"], "SENT");
        assert_eq!(seen[0]["attempts"], 1);
        assert_eq!(seen[0]["sentAt"], "2025-07-02T05:00:00+00:00");
        assert_eq!(seen[0]["nextAttemptAt"], Value::Null);
    }
);

both!(
    a_mail_server_that_is_down_gets_the_reminder_once_it_is_up,
    |app| async move {
        let (clock, timing) = mailing_clock("2025-06-02T08:00:00Z");
        let id = armed_contract(&app, &timing).await;
        // Nothing listens on the port yet.
        let port = free_port();
        let mailer = mailer(port);
        // No server ran from June until 10:00 in Germany on 2 July.
        clock.set(instant("2025-07-02T08:00:00Z"));
        let scheduler = verbund::scheduler::spawn(
            app.db().clone(),
            timing.clone(),
            Duration::from_millis(100),
            Some(mailer.clone()),
        );
        wait_for_rows(&app, "deliveries WHERE state = 'FAILED'", 1).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let seen = deliveries(&app, &id).await;
        assert_eq!(seen.len(), 1, "{seen:#?}");
        assert_eq!(seen[0]["state"], "FAILED");
        // Tried once; the next try waits a minute on the server's clock.
        assert_eq!(seen[0]["attempts"], 1);
        assert_eq!(seen[0]["nextAttemptAt"], "2025-07-02T08:01:00+00:00");
        assert!(!seen[0]["lastError"].as_str().unwrap().is_empty());
        // A partner token with contracts:read sees the delivery, not its recipient or error.
        let partner = app.as_partner(json!(["CONTRACTS_READ"]), None).await;
        let hidden = deliveries(&partner, &id).await;
        assert_eq!(hidden[0]["state"], "FAILED");
        assert_eq!(hidden[0]["recipient"], Value::Null);
        assert_eq!(hidden[0]["lastError"], Value::Null);

        let sink = MailSink::start(port, None);
        clock.set(instant("2025-07-02T08:01:00Z"));
        let mails = sink.wait_for(1, 20).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        scheduler.stop().await;
        assert_eq!(sink.mails().len(), 1, "{mails:#?}");
        let mail = &mails[0];
        assert!(
            mail["subject"]
                .as_str()
                .unwrap()
                .starts_with("Verspätet: Frist: Kündigungsfrist"),
            "{mail:#}"
        );
        assert!(mail["body"].as_str().unwrap().contains("verspätet"));
        let seen = deliveries(&app, &id).await;
        assert_eq!(seen[0]["state"], "SENT");
        assert_eq!(seen[0]["attempts"], 2);
    }
);

both!(two_servers_mail_each_reminder_once, |app| async move {
    const CONTRACTS: usize = 200;
    let rows = (0..CONTRACTS)
        .map(|i| renewing_contract_row(format!("Vertrag {i:03}"), "2024-12-01", "2025-01-01", 12));
    verbund::entities::contract::Entity::insert_many(rows)
        .exec_without_returning(app.db())
        .await
        .unwrap();
    let (clock, timing) = mailing_clock("2025-06-02T08:00:00Z");
    armed_contract(&app, &timing).await;
    let sink = MailSink::start(free_port(), None);
    // 08:00 in Germany on 1 September: the 90-day and the 30-day reminder of each notice
    // deadline (30 September) are due.
    clock.set(instant("2025-09-01T06:00:00Z"));
    let expected = 2 * (CONTRACTS + 1);
    let other = verbund::db::connect(app.database_url()).await.unwrap();
    let started = std::time::Instant::now();
    let servers = [app.db().clone(), other.clone()].map(|db| {
        verbund::scheduler::spawn(
            db,
            timing.clone(),
            Duration::from_millis(100),
            Some(mailer(sink.port)),
        )
    });
    let mails = sink.wait_for(expected, 120).await;
    let took = started.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    for server in servers {
        server.stop().await;
    }
    eprintln!("{expected} reminder mails by two servers in {took:?}");
    let mails = if mails.len() == expected {
        sink.mails()
    } else {
        mails
    };
    assert_eq!(mails.len(), expected);
    let ids: std::collections::HashSet<_> = mails
        .iter()
        .map(|mail| mail["message_id"].to_string())
        .collect();
    assert_eq!(ids.len(), expected, "a mail arrived twice");
    assert_eq!(
        app.count_rows("deliveries WHERE state = 'SENT' AND attempts = 1")
            .await,
        expected as i64
    );
    other.close().await.unwrap();
});

/// A mailer that requires STARTTLS of the mail server on `port`, trusting `ca` when given.
fn tls_mailer(port: u16, ca: Option<std::path::PathBuf>) -> Arc<Mailer> {
    let settings = MailSettings {
        url: format!("smtp://127.0.0.1:{port}?tls=required"),
        from: "fristen@verbund.example".to_owned(),
        public_url: PUBLIC.to_owned(),
        ca_file: ca,
    };
    Arc::new(Mailer::new(&settings).unwrap())
}

both!(
    mail_goes_over_starttls_to_a_trusted_server,
    |app| async move {
        let (clock, timing) = mailing_clock("2025-06-02T08:00:00Z");
        let id = armed_contract(&app, &timing).await;
        let folder = std::env::temp_dir().join(format!(
            "verbund-tls-{}-{}",
            std::process::id(),
            free_port()
        ));
        let (ca, cert, key) = verbund_tests::mail::certificates(&folder);
        let sink = MailSink::start(free_port(), Some((&cert, &key)));
        clock.set(instant("2025-07-02T05:00:00Z"));
        // Without the authority the certificate is not trusted: nothing is sent.
        let untrusting = verbund::scheduler::spawn(
            app.db().clone(),
            timing.clone(),
            Duration::from_millis(100),
            Some(tls_mailer(sink.port, None)),
        );
        wait_for_rows(&app, "deliveries WHERE state = 'FAILED'", 1).await;
        untrusting.stop().await;
        assert!(sink.mails().is_empty());
        let error = deliveries(&app, &id).await[0]["lastError"].to_string();
        assert!(error.to_lowercase().contains("certificate"), "{error}");
        // With it, the next attempt goes through.
        clock.set(instant("2025-07-02T05:01:00Z"));
        let trusting = verbund::scheduler::spawn(
            app.db().clone(),
            timing.clone(),
            Duration::from_millis(100),
            Some(tls_mailer(sink.port, Some(ca))),
        );
        let mails = sink.wait_for(1, 20).await;
        trusting.stop().await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0]["tls"], true);
        assert_eq!(deliveries(&app, &id).await[0]["state"], "SENT");
        let _ = std::fs::remove_dir_all(folder);
    }
);

both!(a_password_never_goes_out_unencrypted, |app| async move {
    let (clock, timing) = mailing_clock("2025-06-02T08:00:00Z");
    let id = armed_contract(&app, &timing).await;
    // A mail server that offers AUTH, but no STARTTLS.
    let sink = MailSink::start_offering_auth(free_port());
    let settings = MailSettings {
        url: format!("smtp://verbund:geheim@127.0.0.1:{}", sink.port),
        from: "fristen@verbund.example".to_owned(),
        public_url: PUBLIC.to_owned(),
        ca_file: None,
    };
    let mailer = Arc::new(Mailer::new(&settings).unwrap());
    clock.set(instant("2025-07-02T05:00:00Z"));
    let scheduler = verbund::scheduler::spawn(
        app.db().clone(),
        timing.clone(),
        Duration::from_millis(100),
        Some(mailer),
    );
    wait_for_rows(&app, "deliveries WHERE state = 'FAILED'", 1).await;
    scheduler.stop().await;
    assert!(sink.mails().is_empty());
    assert_eq!(
        sink.logins(),
        Vec::<String>::new(),
        "the password went out unencrypted"
    );
    let error = deliveries(&app, &id).await[0]["lastError"].to_string();
    assert!(!error.contains("geheim"), "{error}");
});

both!(
    a_contract_whose_reminders_were_mailed_can_be_deleted,
    |app| async move {
        let (clock, timing) = mailing_clock("2025-06-02T08:00:00Z");
        let id = armed_contract(&app, &timing).await;
        // The reminder falls due and is claimed: its mail delivery is recorded.
        clock.set(instant("2025-07-02T08:00:00Z"));
        pass(&app, &timing).await;
        assert!(app.count_rows("deliveries").await > 0);
        let version = app.node(&id, "... on Contract { version }").await["version"].clone();
        let body = app
            .graphql(
                "mutation($id: ID!, $v: Int!) { deleteContract(id: $id, version: $v) }",
                json!({ "id": id, "v": version }),
            )
            .await;
        assert!(body["errors"].is_null(), "{body:#}");
        assert_eq!(app.count_rows("deliveries").await, 0);
        assert_eq!(app.count_rows("reminders").await, 0);
    }
);

both!(the_caller_reads_the_address_it_set, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let me = "{ me { name email } }";
    assert_eq!(editor.data(me, json!({})).await["me"]["email"], Value::Null);
    let set = "mutation($e: String!) { setEmail(email: $e) { email } }";
    editor.data(set, json!({ "e": ADDRESS })).await;
    assert_eq!(editor.data(me, json!({})).await["me"]["email"], ADDRESS);
    // Another account's address stays its own.
    assert_eq!(app.data(me, json!({})).await["me"]["email"], Value::Null);
    editor.data(set, json!({ "e": "" })).await;
    assert_eq!(editor.data(me, json!({})).await["me"]["email"], Value::Null);
});
