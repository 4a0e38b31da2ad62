//! `/members`: the members on a date, with search, kind filter and the date in the URL.

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{Lang, org::OrganisationKind};

use crate::{
    api::{Read, ops::MEMBERS},
    components::{
        filters::select_field,
        page::{ListPage, ListTable, Shown, list_page},
        parts::link_cell,
        table::{Cell, Row, col, num},
        url_query::UrlQuery,
    },
    format,
    i18n::use_i18n,
    pages::member_edit::new_organisation,
};

/// The kinds a member can be; the provider and its partners are never members.
fn member_kinds(lang: Lang) -> Vec<(&'static str, &'static str)> {
    OrganisationKind::ALL
        .into_iter()
        .filter(|k| {
            !matches!(
                k,
                OrganisationKind::ServiceProvider | OrganisationKind::PartnerCompany
            )
        })
        .map(|k| (k.as_str(), k.label(lang)))
        .collect()
}

/// The member list.
#[component]
pub fn MembersPage() -> impl IntoView {
    let t = use_i18n().t();
    list_page(ListPage {
        title: t.members_title,
        lead: t.members_intro,
        create: new_organisation,
        see_also: Some(("/organisations/tree", t.tree.see_tree)),
        query: (MEMBERS, "Members"),
        filter,
        ids: ("members-search", "members-as-of"),
        selects: || select_field("members-kind", "kind", |t| t.kind, member_kinds).into_any(),
        path: "/members",
        live: &["Organisation", "Membership"],
        export: ("members", true),
        table: ListTable {
            list: "members",
            caption: t.members_caption,
            empty: t.members_empty,
            columns: vec![
                col(t.name),
                col(t.kind),
                col(t.official_key),
                col(t.member_since),
                num(t.workstations),
            ],
            row,
        },
    })
}

fn filter(query: UrlQuery) -> Vec<(&'static str, Value)> {
    vec![
        ("search", query.text("q")),
        ("kind", query.code_list::<OrganisationKind>("kind")),
    ]
}

/// A member's row: its name, kind, key, since when it is a member (the membership that
/// runs on the date) and its workstations.
fn row(m: &Value, s: &Shown) -> Row {
    let Shown { t, lang, as_of } = *s;
    let current = m.list("memberships").iter().find(|ms| {
        let joined = format::parse_iso(ms.str("joinedOn"));
        let left = format::parse_iso(ms.str("leftOn"));
        joined.is_some_and(|j| j <= as_of) && left.is_none_or(|l| l >= as_of)
    });
    let since = current.map_or_else(
        || format::DASH.to_owned(),
        |ms| format::date_text(lang, ms.str("joinedOn")),
    );
    let since = match current {
        Some(ms) if ms.flag("founding") => Cell::View(
            view! { <span class="nowrap">{since}</span> <span class="tag">{t.founding_member}</span> }
                .into_any(),
        ),
        _ => Cell::Date(since),
    };
    Row::new(vec![
        link_cell("/members", m.str("id"), m.str("name"), m.opt("shortName")),
        Cell::Text(m.label::<OrganisationKind>("kind", lang).to_owned()),
        Cell::Text(
            m.opt("officialKey")
                .unwrap_or_else(|| format::DASH.to_owned()),
        ),
        since,
        Cell::Num(format::opt_number(lang, m.int("workstations"))),
    ])
}
