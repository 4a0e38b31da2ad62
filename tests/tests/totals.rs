//! The kept coverage totals: random sequences of coverage changes (new, changed, deleted) and
//! days passing, changes through the API one after another and at once, the migration that fills them and the
//! repair command; every total compared with the sum of the coverages on both databases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set,
    TransactionTrait,
};
use serde_json::{Value, json};
use verbund::config::CheckWhat;
use verbund::entities::{coverage, organisation, service};
use verbund::register::totals::{self, Totals, held::HeldTotals, kept, kept::Kind, repair};
use verbund_migrations::{Migrator, MigratorTrait};
use verbund_tests::{TestApp, both, coverage_row, organisation_row, service_row};

/// A small deterministic generator (xorshift), so that a failing sequence replays from its
/// seed.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// A number below `n`, in `percent` of the throws; else none.
    fn maybe(&mut self, percent: u64, n: u64) -> Option<i32> {
        let value = self.below(n) as i32;
        (self.below(100) < percent).then_some(value)
    }
}

fn plus(day: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        day.checked_add_days(Days::new(days as u64)).unwrap()
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap()
    }
}

/// What the coverages say on `date`, per group of `kind`, summed here.
fn summed(coverages: &[coverage::Model], kind: Kind, date: NaiveDate) -> HashMap<i32, Totals> {
    let mut sums: HashMap<i32, Totals> = HashMap::new();
    let running = coverages
        .iter()
        .filter(|c| c.starts_on <= date && c.ends_on.is_none_or(|end| end >= date));
    for c in running {
        let key = match kind {
            Kind::Organisation => c.organisation_id,
            Kind::Service => c.service_id,
            Kind::Register => 0,
        };
        let sum = sums.entry(key).or_default();
        sum.coverages += 1;
        if let Some(w) = c.workstations {
            *sum.workstations.get_or_insert(0) += i64::from(w);
        }
        if let Some(u) = c.users {
            *sum.users.get_or_insert(0) += i64::from(u);
        }
    }
    sums
}

/// The kept totals agree with the coverages: the check finds nothing, and the totals read on
/// days around `today` (the kept ones, and those summed for days before them) equal the sums,
/// read from the database and through `held` (a server's held totals, kept across the calls of
/// one test, so that they are checked against every change made since they were read).
async fn assert_agree(db: &DatabaseConnection, held: &HeldTotals, today: NaiveDate, label: &str) {
    let drifts = repair::check(db, today).await.unwrap();
    assert!(
        drifts.is_empty(),
        "{label}: {}",
        drifts
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    let coverages = coverage::Entity::find().all(db).await.unwrap();
    for days in [-40, -3, 0, 1, 17, 45, 400] {
        let date = plus(today, days);
        for kind in [Kind::Organisation, Kind::Service] {
            let read = totals::sums(db, kind, date, None).await.unwrap();
            let expected = summed(&coverages, kind, date);
            assert_eq!(read, expected, "{label}: {kind:?} on {date}");
            let held = held.sums(db, kind, date, None).await.unwrap();
            assert_eq!(held, expected, "{label}: {kind:?} on {date}, held");
        }
    }
}

/// One random change to the coverages (or a day passing), written the way the register writes
/// it: the row and its totals in one transaction, on the day `today`.
async fn random_step(
    db: &DatabaseConnection,
    dice: &mut Dice,
    today: &mut NaiveDate,
    start: NaiveDate,
    (organisations, services): (&[i32], &[i32]),
) -> String {
    let existing = coverage::Entity::find().all(db).await.unwrap();
    let txn = db.begin().await.unwrap();
    let what = match dice.below(10) {
        0..=3 => {
            let starts_on = plus(start, dice.below(90) as i64 - 30);
            let mut row = coverage_row(
                None,
                dice.pick(services),
                dice.pick(organisations),
                starts_on,
            );
            row.ends_on = Set(dice
                .maybe(50, 70)
                .map(|days| plus(starts_on, i64::from(days))));
            row.workstations = Set(dice.maybe(70, 60));
            row.users = Set(dice.maybe(40, 300));
            let after = row.insert(&txn).await.unwrap();
            kept::follow(&txn, *today, None, Some(&after))
                .await
                .unwrap();
            format!("created {after:?}")
        }
        4..=5 if !existing.is_empty() => {
            let before = existing[dice.below(existing.len() as u64) as usize].clone();
            let mut row = before.clone().into_active_model();
            match dice.below(4) {
                0 => row.workstations = Set(dice.maybe(80, 60)),
                1 => row.users = Set(dice.maybe(80, 300)),
                2 => {
                    row.ends_on = Set(dice
                        .maybe(70, 70)
                        .map(|days| plus(before.starts_on, i64::from(days))));
                }
                _ => {
                    row.organisation_id = Set(dice.pick(organisations));
                    row.service_id = Set(dice.pick(services));
                }
            }
            let after = row.update(&txn).await.unwrap();
            kept::follow(&txn, *today, Some(&before), Some(&after))
                .await
                .unwrap();
            format!("changed {before:?} to {after:?}")
        }
        6 if !existing.is_empty() => {
            let before = existing[dice.below(existing.len() as u64) as usize].clone();
            coverage::Entity::delete_by_id(before.id)
                .exec(&txn)
                .await
                .unwrap();
            kept::follow(&txn, *today, Some(&before), None)
                .await
                .unwrap();
            format!("deleted {before:?}")
        }
        _ => {
            *today = plus(*today, dice.below(12) as i64);
            format!("the day is now {today}")
        }
    };
    txn.commit().await.unwrap();
    what
}

both!(random_changes_and_days_keep_the_totals, |app| async move {
    let db = app.db();
    let mut organisations = Vec::new();
    for i in 0..3 {
        let row = organisation_row(format!("Gemeinde {i}"), "GEMEINDE");
        organisations.push(row.insert(db).await.unwrap().id);
    }
    let mut services = Vec::new();
    for i in 0..2 {
        let row = service_row(format!("SVC-{i}"), format!("Dienst {i}"));
        services.push(row.insert(db).await.unwrap().id);
    }
    let start = kept::today();
    let held = HeldTotals::new();
    for seed in [
        0x9e37_79b9_7f4a_7c15_u64,
        0x2545_f491_4f6c_dd1d,
        0xdead_beef_cafe_f00d,
    ] {
        let mut dice = Dice(seed);
        // Starting before the day the totals were written: changes made by a server whose
        // clock is behind still count right.
        let mut today = plus(start, -5);
        for step in 0..40 {
            let what = random_step(
                db,
                &mut dice,
                &mut today,
                start,
                (&organisations, &services),
            )
            .await;
            assert_agree(
                db,
                &held,
                today,
                &format!("seed {seed:#x}, step {step}: {what}"),
            )
            .await;
        }
    }
});

/// An organisation's workstations on `date`, with those of its units when asked (null when no
/// coverage records any).
async fn workstations(app: &TestApp, organisation: &str, date: NaiveDate, units: bool) -> Value {
    let query = "query($id: ID!, $on: Date!, $units: Boolean!) { node(id: $id) { \
                 ... on Organisation { workstations(asOf: $on, withUnits: $units) } } }";
    let variables = json!({ "id": organisation, "on": date.to_string(), "units": units });
    app.data(query, variables).await["node"]["workstations"].clone()
}

both!(changes_through_the_api_keep_the_totals, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let db = app.db();
    let today = kept::today();
    let held = HeldTotals::new();
    let town = app.organisation_id("Stadt Grabow").await;
    let (service, _) = app.first_service().await;
    let later = plus(today, 10);
    let before_later = workstations(&app, &town, later, false).await;
    let base = before_later.as_i64().unwrap_or(0);

    let id = editor
        .created_id(
            "mutation($org: ID!, $svc: ID!, $on: Date!) { createCoverage(input: {organisationId: $org, serviceId: $svc, startsOn: $on, workstations: 12}) { id version } }",
            json!({ "org": town, "svc": service, "on": later.to_string() }),
        )
        .await;
    assert_agree(db, &held, today, "created").await;
    assert_eq!(
        workstations(&app, &town, today, false).await,
        workstations(&app, &town, plus(later, -1), false).await
    );
    assert_eq!(
        workstations(&app, &town, later, false).await,
        json!(base + 12)
    );

    editor
        .data(
            "mutation($id: ID!, $org: ID!, $svc: ID!, $on: Date!) { updateCoverage(id: $id, version: 1, input: {organisationId: $org, serviceId: $svc, startsOn: $on, workstations: 20}) { version } }",
            json!({ "id": id, "org": town, "svc": service, "on": later.to_string() }),
        )
        .await;
    assert_agree(db, &held, today, "changed").await;
    assert_eq!(
        workstations(&app, &town, later, false).await,
        json!(base + 20)
    );

    let end = plus(later, 5);
    editor
        .data(
            "mutation($id: ID!, $on: Date!) { endCoverage(id: $id, version: 2, endsOn: $on) { version } }",
            json!({ "id": id, "on": end.to_string() }),
        )
        .await;
    assert_agree(db, &held, today, "ended").await;
    assert_eq!(
        workstations(&app, &town, end, false).await,
        json!(base + 20)
    );
    assert_eq!(
        workstations(&app, &town, plus(end, 1), false).await,
        before_later
    );
});

both!(concurrent_changes_keep_the_totals, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let town = app.organisation_id("Stadt Ludwigslust").await;
    let (service, _) = app.first_service().await;
    let today = kept::today();
    let held = HeldTotals::new();
    let before = workstations(&app, &town, today, false)
        .await
        .as_i64()
        .unwrap_or(0);
    let changes = (0..16).map(|i| {
        let editor = editor.clone();
        let (town, service) = (town.clone(), service.clone());
        let starts = plus(today, (i % 3) - 1);
        async move {
            editor
                .data(
                    "mutation($org: ID!, $svc: ID!, $on: Date!, $n: Int!) { createCoverage(input: {organisationId: $org, serviceId: $svc, startsOn: $on, workstations: $n}) { id } }",
                    json!({ "org": town, "svc": service, "on": starts.to_string(), "n": i + 1 }),
                )
                .await
        }
    });
    futures_join(changes).await;
    assert_agree(app.db(), &held, today, "after 16 changes at once").await;
    // Of 1..=16, those starting yesterday or today (i % 3 is 0 or 1) run today.
    let running: i64 = (0..16).filter(|i| i % 3 != 2).map(|i| i + 1).sum();
    assert_eq!(
        workstations(&app, &town, today, false).await,
        json!(before + running)
    );
});

/// Runs the futures at once and waits for all of them.
async fn futures_join<F: std::future::Future<Output = Value> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    for handle in handles {
        handle.await.unwrap();
    }
}

both!(
    the_migration_fills_the_totals_and_the_check_mends_them,
    |app| async move {
        let db = app.db();
        let today = kept::today();
        let held = HeldTotals::new();
        // Take the kept totals away, add coverages the way an older version would have (no totals),
        // then migrate again: the migration writes them from the coverages.
        let newer = Migrator::migrations()
            .iter()
            .filter(|m| m.name() >= "m20261206_000090_kept_totals")
            .count();
        Migrator::down(db, Some(newer as u32)).await.unwrap();
        let organisation = organisation::Entity::find().all(db).await.unwrap()[0].id;
        let service = service::Entity::find().all(db).await.unwrap()[0].id;
        for (starts, ends, n) in [
            (-400, Some(-10), 5),
            (-2, None, 7),
            (3, Some(30), 11),
            (40, None, 13),
        ] {
            let mut row = coverage_row(None, service, organisation, plus(today, starts));
            row.ends_on = Set(ends.map(|days| plus(today, days)));
            row.workstations = Set(Some(n));
            row.insert(db).await.unwrap();
        }
        Migrator::up(db, None).await.unwrap();
        // The migration counts from the database's own date, which may be a day off the server's.
        let drifts = repair::check(db, today).await.unwrap();
        assert!(drifts.is_empty(), "{drifts:?}");
        assert_agree(db, &held, today, "after the migration").await;

        // Drift (a row changed behind the register's back) is found, reported and mended.
        db.execute_unprepared(&format!(
            "UPDATE coverage_totals SET workstations = workstations + 1 \
             WHERE kind = 'service' AND group_id = {service}"
        ))
        .await
        .unwrap();
        assert_eq!(repair::check(db, today).await.unwrap().len(), 1);
        let refused = verbund::cli::check(db, CheckWhat::Totals { fix: false }).await;
        assert!(refused.is_err(), "the check must fail on drift");
        verbund::cli::check(db, CheckWhat::Totals { fix: true })
            .await
            .unwrap();
        assert_agree(db, &held, today, "after the repair").await;
    }
);

/// Creates an organisation under `parent` and gives it a coverage of `n` workstations from
/// `starts`; its global ID.
async fn covered(
    editor: &TestApp,
    (name, kind, parent): (&str, &str, &str),
    service: &str,
    starts: NaiveDate,
    n: i64,
) -> String {
    let id = editor
        .created_id(
            "mutation($name: String!, $kind: OrganisationKind!, $parent: ID!) { createOrganisation(input: {name: $name, kind: $kind, parentId: $parent}) { id } }",
            json!({ "name": name, "kind": kind, "parent": parent }),
        )
        .await;
    editor
        .data(
            "mutation($org: ID!, $svc: ID!, $on: Date!, $n: Int!) { createCoverage(input: {organisationId: $org, serviceId: $svc, startsOn: $on, workstations: $n}) { id } }",
            json!({ "org": id, "svc": service, "on": starts.to_string(), "n": n }),
        )
        .await;
    id
}

both!(a_members_totals_with_its_units, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let today = kept::today();
    let town = app.organisation_id("Stadt Ludwigslust").await;
    let (service, _) = app.first_service().await;
    let own = workstations(&app, &town, today, false)
        .await
        .as_i64()
        .unwrap_or(0);
    // An Eigenbetrieb of the town and a company of the Eigenbetrieb act through it; a
    // municipality in its territory does not.
    let works = covered(
        &editor,
        ("Stadtwerke Ludwigslust", "EIGENBETRIEB", &town),
        &service,
        plus(today, -10),
        7,
    )
    .await;
    covered(
        &editor,
        ("Bäder GmbH", "MUNICIPAL_COMPANY", &works),
        &service,
        plus(today, 3),
        5,
    )
    .await;
    covered(
        &editor,
        ("Gemeinde Testdorf", "GEMEINDE", &town),
        &service,
        plus(today, -10),
        1000,
    )
    .await;

    assert_eq!(workstations(&app, &town, today, true).await, json!(own + 7));
    assert_eq!(
        workstations(&app, &town, plus(today, 3), true).await,
        json!(own + 12)
    );
    // Without units: its own alone.
    assert_eq!(
        workstations(&app, &town, plus(today, 3), false).await,
        json!(own)
    );
    // A token limited to the town sees the same sum.
    let town_only = app
        .as_partner(
            json!(["MEMBERS_READ", "COVERAGE_READ"]),
            Some("Stadt Ludwigslust"),
        )
        .await;
    let data = town_only
        .data(
            "query($id: ID!) { node(id: $id) { ... on Organisation { workstations(withUnits: true) } } }",
            json!({ "id": town }),
        )
        .await;
    assert_eq!(data["node"]["workstations"], json!(own + 7));
});
