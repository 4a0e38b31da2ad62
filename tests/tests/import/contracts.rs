//! Contracts with their parties, terms and notice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use verbund_tests::both;

use super::{assert_history_has, import, import_one_change};

/// A service agreement with two parties, terms and a renewal, as a German export writes it.
const CONTRACTS: &str = "\u{feff}Nummer;Titel;Art;Unterzeichnet am;Wirksam ab;Erstlaufzeit (Monate);Verlängerung;Verlängerung (Monate);Kündigungsfrist (Monate);Kündigung zum;Vertragsparteien\r\n\
DLV-IMPORT-1;Dienstleistungsvertrag Bauhof;SERVICE_AGREEMENT;15.12.2025;01.01.2026;24;TACIT;12;3;END_OF_TERM;\"Stadt Lübz (Auftraggeber); Kommunalservice Mecklenburg (Auftragnehmer)\"\r\n";

both!(
    contracts_come_with_their_parties_terms_and_notice,
    |app| async move {
        let created = import(&app, &[("contracts.csv", CONTRACTS)], false).await;
        assert_eq!(created.problems, []);
        assert_eq!(created.counts(), (1, 0, 0));
        let id = created.planned[0].id.clone();
        const READ: &str = "query($id: ID!) { node(id: $id) { ... on Contract {
        number status(asOf: \"2026-06-30\") initialTermUntil: currentTermEndsOn(asOf: \"2026-06-30\")
        parties { organisation { name } role }
        history(first: 10) { nodes { operation requestId } }
    } } }";
        let contract = app.data(READ, json!({ "id": id })).await["node"].clone();
        assert_eq!(contract["number"], "DLV-IMPORT-1");
        assert_eq!(contract["status"], "IN_FORCE");
        assert_eq!(
            contract["parties"],
            json!([
                { "organisation": { "name": "Stadt Lübz" }, "role": "Auftraggeber" },
                { "organisation": { "name": "Kommunalservice Mecklenburg" }, "role": "Auftragnehmer" },
            ])
        );
        assert_history_has(&contract, &["createContract", "addContractParty"]);

        // The same file again: nothing changes. Then a party leaves, the other's role changes and
        // notice is given: one change of the contract, by the register's rules.
        let again = import(&app, &[("contracts.csv", CONTRACTS)], false).await;
        assert_eq!(again.counts(), (0, 0, 1), "{:?}", again.problems);
        let changed = CONTRACTS
            .replace("Stadt Lübz (Auftraggeber); ", "")
            .replace("(Auftragnehmer)", "(Dienstleister)")
            .replace("Vertragsparteien", "Vertragsparteien;Gekündigt am")
            .replace("(Dienstleister)\"\r\n", "(Dienstleister)\";15.09.2027\r\n");
        let fields = import_one_change(&app, "contracts.csv", &changed).await;
        assert_eq!(fields, ["parties", "noticeGivenOn"]);
        let contract = app.data(READ, json!({ "id": id })).await["node"].clone();
        assert_eq!(
            contract["parties"],
            json!([{ "organisation": { "name": "Kommunalservice Mecklenburg" }, "role": "Dienstleister" }])
        );

        // A notice a file would move, and one on a contract without terms, are refused by name.
        let moved = changed.replace("15.09.2027", "15.10.2027");
        let refused = import(&app, &[("contracts.csv", &moved)], false).await;
        assert_eq!(refused.problems.len(), 1, "{:?}", refused.problems);
        assert_eq!(refused.problems[0].column.as_deref(), Some("Gekündigt am"));
        let no_terms =
            "Titel;Art;Gekündigt am\r\nOhne Laufzeit;COOPERATION_AGREEMENT;01.02.2026\r\n";
        let refused = import(&app, &[("contracts.csv", no_terms)], false).await;
        assert_eq!(refused.problems.len(), 1, "{:?}", refused.problems);
        assert_eq!(refused.problems[0].column.as_deref(), Some("Gekündigt am"));
        assert!(
            refused.problems[0].message.contains("without terms"),
            "{:?}",
            refused.problems
        );
    }
);
