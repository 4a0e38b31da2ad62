//! Memberships: matched by organisation and first day, amounts in euros, the last day recorded
//! once by the rule for leaving.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use verbund_tests::both;

use super::{assert_history_has, import, import_one_change};

/// A new member town joins with a share of the capital, as a German export writes it.
const MEMBERSHIPS: &str = "\u{feff}Organisation;Beitritt;Austritt;Gründungsmitglied;Stammkapitalanteil (Euro);Sitze;Beschluss der Vertretung am\r\n\
Stadt Lübz;01.01.2027;;nein;12.500,50;2;15.10.2026\r\n";

const READ: &str = "query($search: String) { organisations(first: 5, filter: {search: $search}) {
    nodes { memberships { joinedOn leftOn founding capitalShare seats councilDecisionOn
        history(first: 10) { nodes { operation requestId } } } }
} }";

both!(
    memberships_join_change_and_leave_by_the_registers_rules,
    |app| async move {
        let created = import(&app, &[("memberships.csv", MEMBERSHIPS)], false).await;
        assert_eq!(created.problems, [], "{:#?}", created.problems);
        assert_eq!(created.counts(), (1, 0, 0));
        let read = async || {
            let towns = app.data(READ, json!({ "search": "Stadt Lübz" })).await;
            let memberships = towns["organisations"]["nodes"][0]["memberships"].clone();
            memberships
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["joinedOn"] == "2027-01-01")
                .cloned()
                .unwrap()
        };
        let joined = read().await;
        assert_eq!(joined["capitalShare"], "12500.50");
        assert_eq!(joined["seats"], 2);
        assert_eq!(joined["founding"], false);
        assert_eq!(joined["councilDecisionOn"], "2026-10-15");
        assert_eq!(
            joined["history"]["nodes"][0]["operation"], "joinMembership",
            "{joined}"
        );

        // The same file again finds it by its organisation and first day: nothing changes.
        let again = import(&app, &[("memberships.csv", MEMBERSHIPS)], false).await;
        assert_eq!(again.counts(), (0, 0, 1), "{:?}", again.problems);

        // Seats change and the town leaves: a change of its details, then its last day by the
        // rule for leaving.
        let left = MEMBERSHIPS.replace(";;nein;12.500,50;2;", ";31.12.2030;nein;12.500,50;3;");
        let fields = import_one_change(&app, "memberships.csv", &left).await;
        assert_eq!(fields, ["seats", "leftOn"]);
        let changed = read().await;
        assert_eq!(changed["leftOn"], "2030-12-31");
        assert_eq!(changed["seats"], 3);
        assert_history_has(&changed, &["leaveMembership", "updateMembership"]);

        // A last day moved or taken back, an amount that is none, a truth value that is none and
        // a last day before the first: each refused in its column, nothing written.
        for (file, column) in [
            (left.replace("31.12.2030", "31.12.2031"), "Austritt"),
            (left.replace("31.12.2030", ""), "Austritt"),
            (
                left.replace("12.500,50", "zwölf"),
                "Stammkapitalanteil (Euro)",
            ),
            (left.replace(";nein;", ";vielleicht;"), "Gründungsmitglied"),
            (
                MEMBERSHIPS.replace("01.01.2027;;", "01.01.2028;31.12.2027;"),
                "Austritt",
            ),
        ] {
            let refused = import(&app, &[("memberships.csv", &file)], false).await;
            assert!(!refused.written);
            assert_eq!(refused.problems.len(), 1, "{file}: {:?}", refused.problems);
            assert_eq!(
                refused.problems[0].column.as_deref(),
                Some(column),
                "{file}"
            );
            assert_eq!(refused.problems[0].line, Some(2), "{file}");
        }
        assert_eq!(read().await["leftOn"], "2030-12-31");
    }
);
