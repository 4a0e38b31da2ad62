//! Logins sent in parallel: each attempt is counted before its password is checked, so a
//! burst gets no more tries than attempts one after the other.

use serde_json::Value;
use verbund_shared::access::Role;
use verbund_tests::{TestApp, both, codes};

use crate::logins::{PASSWORD, login, make_account, post};

/// Passwords the server has checked, from its `/metrics`.
async fn checked(app: &TestApp) -> u64 {
    let (_, _, text) = app.get("/metrics").await;
    text.lines()
        .find_map(|line| line.strip_prefix("verbund_password_checks_total "))
        .unwrap_or_else(|| panic!("no password count in {text}"))
        .parse()
        .unwrap()
}

/// Sends `bodies` all at once; the error codes and cookies of each answer.
async fn at_once(app: &TestApp, bodies: Vec<Value>) -> Vec<(Vec<String>, Vec<String>)> {
    let tasks: Vec<_> = bodies
        .into_iter()
        .map(|body| {
            let app = app.clone();
            tokio::spawn(async move {
                let (_, cookies, body) = post(&app, body, &[]).await;
                (codes(&body), cookies)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

both!(
    a_hundred_wrong_logins_at_once_check_at_most_five_passwords,
    |app| async move {
        make_account(&app, "gudrun", Role::Editor).await;
        let before = checked(&app).await;
        let bodies = (0..100)
            .map(|i| login("gudrun", &format!("guess number {i:03}")))
            .collect();
        let answers = at_once(&app, bodies).await;
        let evaluated = checked(&app).await - before;
        assert!(
            (1..=5).contains(&evaluated),
            "{evaluated} passwords checked"
        );
        let failed = answers
            .iter()
            .filter(|(codes, _)| codes == &["UNAUTHENTICATED"])
            .count();
        let refused = answers
            .iter()
            .filter(|(codes, _)| codes == &["RATE_LIMITED"])
            .count();
        assert_eq!(failed as u64, evaluated, "{answers:?}");
        assert_eq!(failed + refused, 100, "{answers:?}");
        assert!(answers.iter().all(|(_, cookies)| cookies.is_empty()));
        // A refusal says when to try again.
        let response = app
            .anonymous()
            .post_graphql(&login("gudrun", PASSWORD), &[])
            .await;
        assert_eq!(response.status().as_u16(), 429);
        let wait: i64 = verbund_tests::header(&response, "retry-after")
            .unwrap()
            .parse()
            .unwrap();
        assert!(wait > 60, "{wait}");
    }
);

both!(
    a_locked_account_stays_locked_for_a_hundred_logins_at_once,
    |app| async move {
        make_account(&app, "hartmut", Role::Editor).await;
        for i in 0..5 {
            let wrong = login("hartmut", &format!("wrong {i}"));
            assert_eq!(codes(&post(&app, wrong, &[]).await.2), ["UNAUTHENTICATED"]);
        }
        let before = checked(&app).await;
        let bodies = (0..100)
            .map(|i| {
                if i == 50 {
                    login("hartmut", PASSWORD)
                } else {
                    login("hartmut", &format!("guess number {i:03}"))
                }
            })
            .collect();
        let answers = at_once(&app, bodies).await;
        assert!(
            answers
                .iter()
                .all(|(codes, cookies)| codes == &["RATE_LIMITED"] && cookies.is_empty()),
            "{answers:?}"
        );
        assert_eq!(checked(&app).await, before, "no password checked");
    }
);

both!(a_successful_login_gives_its_place_back, |app| async move {
    make_account(&app, "ilse", Role::Viewer).await;
    // Four failures, then any number of successes: the fifth place is still free.
    for i in 0..4 {
        let wrong = login("ilse", &format!("wrong {i}"));
        assert_eq!(codes(&post(&app, wrong, &[]).await.2), ["UNAUTHENTICATED"]);
    }
    for _ in 0..3 {
        let (_, cookies, body) = post(&app, login("ilse", PASSWORD), &[]).await;
        assert_eq!(body["data"]["login"]["me"]["name"], "ilse", "{body}");
        assert!(!cookies.is_empty());
    }
    let wrong = login("ilse", "wrong again");
    assert_eq!(codes(&post(&app, wrong, &[]).await.2), ["UNAUTHENTICATED"]);
    let (_, _, body) = post(&app, login("ilse", PASSWORD), &[]).await;
    assert_eq!(codes(&body), ["RATE_LIMITED"]);
});
