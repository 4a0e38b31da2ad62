//! Where facts come from: memberships, people and key figures carry their source.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{assert_bad_input, both, codes, texts};

const ARTICLE: &str = "Neue Träger für den KSM";

both!(membership_and_people_carry_their_source, |app| async move {
    let grabow = app
        .organisation(
            "Stadt Grabow",
            "source { title } memberships { source { title publishedOn } }
         people { name role source { title } }",
        )
        .await;
    assert_eq!(grabow["source"]["title"], ARTICLE);
    assert_eq!(
        grabow["memberships"],
        json!([{ "source": { "title": ARTICLE, "publishedOn": "2018-10-08" } }])
    );
    assert_eq!(
        grabow["people"],
        json!([{ "name": "Stefan Sternberg", "role": "Bürgermeister", "source": { "title": ARTICLE } }])
    );

    // The founding dates come from other sources than the article, and say so.
    let district = app
        .organisation(
            "Landkreis Ludwigslust-Parchim",
            "officialKey memberships { founding joinedOn contractSignedOn source { title note } }",
        )
        .await;
    assert_eq!(district["officialKey"], "13076");
    let membership = &district["memberships"][0];
    assert_eq!(membership["founding"], true);
    assert_eq!(membership["joinedOn"], "2013-10-01");
    assert_eq!(membership["contractSignedOn"], "2013-08-26");
    let title = membership["source"]["title"].as_str().unwrap();
    assert!(title.starts_with("Regionalpresse"), "{title}");
    assert!(
        membership["source"]["note"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
});

both!(membership_dates_of_ludwigslust, |app| async move {
    let ludwigslust = app
        .organisation(
            "Stadt Ludwigslust",
            "officialKey parent { name } memberships {
            joinedOn councilDecisionOn contractSignedOn legalEffectOn itTakeoverOn
            founding isActive(asOf: \"2016-03-31\") }",
        )
        .await;
    assert_eq!(ludwigslust["officialKey"], "13076090");
    assert_eq!(
        ludwigslust["parent"]["name"],
        "Landkreis Ludwigslust-Parchim"
    );
    assert_eq!(
        ludwigslust["memberships"],
        json!([{
            "joinedOn": "2016-04-01",
            "councilDecisionOn": "2015-12-17",
            "contractSignedOn": "2016-03-30",
            "legalEffectOn": "2016-04-01",
            "itTakeoverOn": "2016-01-01",
            "founding": false,
            "isActive": false,
        }])
    );
});

both!(provider_figures, |app| async move {
    let ksm = app
        .organisation(
            "Kommunalservice Mecklenburg",
            "shortName kind figures { metric value qualifier asOf source { title } }
         people { name role }",
        )
        .await;
    assert_eq!(ksm["shortName"], "KSM");
    assert_eq!(ksm["kind"], "SERVICE_PROVIDER");
    let mut figures: Vec<(String, i64, String)> = ksm["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|figure| figure["asOf"] == "2018-10-08")
        .map(|figure| {
            assert_eq!(figure["source"]["title"], ARTICLE);
            (
                figure["metric"].as_str().unwrap().to_owned(),
                figure["value"].as_i64().unwrap(),
                figure["qualifier"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    figures.sort();
    assert_eq!(
        figures,
        [
            (
                "SPECIALIST_APPLICATIONS".to_owned(),
                250,
                "MORE_THAN".to_owned()
            ),
            ("STAFF".to_owned(), 130, "EXACT".to_owned()),
            ("WORKSTATIONS".to_owned(), 3000, "MORE_THAN".to_owned()),
        ]
    );
    // With 13 members in 2021: 190 staff, over 3,500 workstations.
    let mut later: Vec<(i64, &str)> = ksm["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|figure| figure["asOf"] == "2021-01-13")
        .map(|figure| {
            let qualifier = figure["qualifier"].as_str().unwrap();
            (figure["value"].as_i64().unwrap(), qualifier)
        })
        .collect();
    later.sort();
    assert_eq!(later, [(190, "EXACT"), (3500, "MORE_THAN")]);
    assert_eq!(
        ksm["people"],
        json!([{ "name": "Matthias Effenberger", "role": "Vorstand" }])
    );
});

both!(territory_is_not_a_unit, |app| async move {
    let district = app
        .organisation(
            "Landkreis Ludwigslust-Parchim",
            "units { name } territory { name parentLink parent { name } }",
        )
        .await;
    assert_eq!(
        district["units"],
        json!([]),
        "towns are never a district's units"
    );
    let mut towns: Vec<&str> = district["territory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|town| {
            assert_eq!(town["parentLink"], "TERRITORY");
            assert_eq!(town["parent"]["name"], "Landkreis Ludwigslust-Parchim");
            town["name"].as_str().unwrap()
        })
        .collect();
    towns.sort_unstable();
    // Towns within an Amt lie in its territory, not the district's.
    assert_eq!(
        towns,
        [
            "Amt Eldenburg Lübz",
            "Amt Grabow",
            "Amt Neustadt-Glewe",
            "Amt Parchimer Umland",
            "Amt Stralendorf",
            "Amt Wittenburg",
            "Amt Zarrentin",
            "Stadt Boizenburg/Elbe",
            "Stadt Ludwigslust",
            "Stadt Lübtheen",
            "Stadt Parchim",
        ]
    );
    let amt = app
        .organisation(
            "Amt Grabow",
            "units { name } territory { name kind officialKey }",
        )
        .await;
    assert_eq!(amt["units"], json!([]));
    assert_eq!(
        amt["territory"],
        json!([{ "name": "Stadt Grabow", "kind": "AMTSANGEHOERIGE_STADT", "officialKey": "13076050" }])
    );
});

const SOURCES: &str = "query($first: Int, $after: String, $search: String) {
    sources(first: $first, after: $after, filter: {search: $search}) {
        totalCount
        nodes { title publisher }
        pageInfo { hasNextPage endCursor }
    }
}";

both!(
    sources_are_listed_by_title_and_found_by_search,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        for (title, publisher) in [
            ("Zweckverband Amtsblatt 3/2024", "Amt Grabow"),
            ("Zweckverband Amtsblatt 1/2024", "Amt Zarrentin"),
        ] {
            editor
                .data(
                    "mutation($input: SourceInput!) { createSource(input: $input) { id } }",
                    json!({ "input": { "title": title, "publisher": publisher } }),
                )
                .await;
        }
        let viewer = app.as_staff("VIEWER").await;
        let found = viewer
            .data(SOURCES, json!({ "search": "zweckverband amtsblatt" }))
            .await;
        assert_eq!(found["sources"]["totalCount"], 2);
        assert_eq!(
            found["sources"]["nodes"],
            json!([
                { "title": "Zweckverband Amtsblatt 1/2024", "publisher": "Amt Zarrentin" },
                { "title": "Zweckverband Amtsblatt 3/2024", "publisher": "Amt Grabow" },
            ])
        );
        // The publisher is searched too.
        let by_publisher = viewer.data(SOURCES, json!({ "search": "ZARRENTIN" })).await;
        let titles = texts(&by_publisher["sources"], "title");
        assert!(
            titles.iter().any(|t| t == "Zweckverband Amtsblatt 1/2024"),
            "{titles:?}"
        );
        assert!(
            !titles.iter().any(|t| t == "Zweckverband Amtsblatt 3/2024"),
            "{titles:?}"
        );

        // Page by page, in the order of their titles, every source once.
        let all = viewer.data(SOURCES, json!({ "first": 100 })).await;
        let total = all["sources"]["totalCount"].as_u64().unwrap();
        let mut seen: Vec<String> = Vec::new();
        let mut after = Value::Null;
        loop {
            let page = viewer
                .data(SOURCES, json!({ "first": 2, "after": after }))
                .await;
            for node in page["sources"]["nodes"].as_array().unwrap() {
                seen.push(node["title"].as_str().unwrap().to_owned());
            }
            if page["sources"]["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["sources"]["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(seen.len() as u64, total);
        assert_eq!(
            seen.iter()
                .filter(|t| t.starts_with("Zweckverband Amtsblatt"))
                .collect::<Vec<_>>(),
            [
                "Zweckverband Amtsblatt 1/2024",
                "Zweckverband Amtsblatt 3/2024"
            ]
        );

        // Only signed-in callers read the register's sources.
        let refused = app.anonymous().graphql(SOURCES, json!({})).await;
        assert_eq!(codes(&refused), ["UNAUTHENTICATED"], "{refused:#}");
    }
);

both!(
    a_source_names_the_day_it_was_read_not_before_it_was_published,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        const CREATE: &str = "mutation($input: SourceInput!) {
            createSource(input: $input) { id version publishedOn accessedOn }
        }";
        let input = |accessed: &str| {
            json!({ "input": {
                "title": "Amtsblatt Amt Grabow 4/2021",
                "url": "https://example.org/amtsblatt-4-2021.pdf",
                "publishedOn": "2021-04-15",
                "accessedOn": accessed,
            } })
        };
        // Read the day before it appeared: refused, on the field, and nothing is written.
        let refused = editor.graphql(CREATE, input("2021-04-14")).await;
        assert_bad_input(&refused, &["accessedOn"]);
        let message = refused["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("2021-04-15"), "{message}");
        let listed = editor
            .data(SOURCES, json!({ "search": "Amtsblatt Amt Grabow 4/2021" }))
            .await;
        assert_eq!(listed["sources"]["totalCount"], 0);

        // Read on the day it appeared, then again later: both are taken and read back.
        let created = editor.data(CREATE, input("2021-04-15")).await;
        let source = &created["createSource"];
        assert_eq!(source["publishedOn"], "2021-04-15");
        assert_eq!(source["accessedOn"], "2021-04-15");
        let changed = editor
            .data(
                "mutation($id: ID!, $input: SourceInput!) {
                    updateSource(id: $id, version: 1, input: $input) {
                        accessedOn history(first: 5) { nodes { operation changes { field before after } } }
                    }
                }",
                json!({ "id": source["id"], "input": input("2026-12-01")["input"] }),
            )
            .await;
        let updated = &changed["updateSource"];
        assert_eq!(updated["accessedOn"], "2026-12-01");
        let change = updated["history"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["operation"] == "updateSource")
            .unwrap_or_else(|| panic!("no updateSource in {updated:#}"));
        assert!(
            change["changes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["field"] == "accessedOn"
                    && c["before"] == "\"2021-04-15\""
                    && c["after"] == "\"2026-12-01\""),
            "{change:#}"
        );
    }
);
