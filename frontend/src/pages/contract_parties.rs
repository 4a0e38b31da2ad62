//! A contract's parties on its page: the forms that add one (the organisation searched
//! among all, with its role), change a party's role and remove one. Each changes the contract, so
//! each sends the contract's version; the page reloads after a change.

use std::rc::Rc;

use serde_json::Value;
use verbund_shared::drafts::PartyDraft;
use web_sys::Element;

use crate::{
    api::{Read, read::obj},
    dom::{Asking, ORGANISATIONS, choice, drafted, edit, form, pick, records, reloads, search},
    i18n::{Texts, use_i18n},
};

/// The roles a party can be given, by code.
pub fn roles(t: &'static Texts) -> Vec<(&'static str, &'static str)> {
    vec![
        ("PROVIDER", t.role_provider),
        ("MEMBER", t.role_member),
        ("FOUNDER", t.role_founder),
        ("PARTNER", t.role_partner),
    ]
}

/// The forms that add a party to contract `c`, change a party's role and remove one, under
/// their summaries.
pub fn party_forms(c: &Value, reload: &Rc<dyn Fn()>) -> [(&'static str, Element); 3] {
    let t = use_i18n().t();
    let contract = (c.text("id"), c.int("version"));
    let parties: Vec<Value> = c
        .list("parties")
        .iter()
        .map(|p| p["organisation"].clone())
        .collect();
    let chosen: Vec<String> = parties.iter().map(|p| p.text("id")).collect();
    let add = add_form(chosen, contract.clone(), reload);
    let role = role_form(c, reload);
    let (id, version) = contract;
    let remove = form(
        "remove-party",
        vec![pick(
            "organisationId",
            t.organisation,
            "",
            records(t.none_chosen, &parties, "name"),
        )],
        t.remove,
        edit(
            "RemoveContractParty",
            Box::new(move |v, check| {
                if v.get("organisationId").is_empty() {
                    check.fail("organisationId", v.t().check_party_missing);
                }
                obj(vec![
                    ("contractId", Value::from(id.as_str())),
                    ("version", Value::from(version)),
                    ("organisationId", v.opt("organisationId")),
                ])
            }),
        ),
        reloads(reload),
        reload.clone(),
    );
    [
        (t.add_party, add),
        (t.change_party_role, role),
        (t.remove_party, remove),
    ]
}

/// The form that gives one of the parties of contract `c` another role; each party is
/// offered with the role it has now.
fn role_form(c: &Value, reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    let (id, version) = (c.text("id"), c.int("version"));
    let mut choices = vec![(String::new(), t.none_chosen.to_owned())];
    choices.extend(c.list("parties").iter().map(|p| {
        let org = &p["organisation"];
        let name = match p.opt("role") {
            Some(role) => format!("{} ({})", org.text("name"), t.party_role(&role)),
            None => org.text("name"),
        };
        (org.text("id"), name)
    }));
    form(
        "party-role",
        vec![
            pick("organisationId", t.organisation, "", choices),
            choice("role", t.role, "MEMBER", roles(t)),
        ],
        t.save,
        edit(
            "ChangeContractPartyRole",
            Box::new(move |v, check| {
                let org = v.get("organisationId");
                if org.is_empty() {
                    check.fail("organisationId", v.t().check_party_missing);
                }
                let draft = PartyDraft {
                    organisation: (),
                    role: Some(v.get("role").to_owned()),
                };
                drafted(check, draft.check().err());
                obj(vec![
                    ("contractId", Value::from(id.as_str())),
                    ("version", Value::from(version)),
                    ("organisationId", Value::from(org)),
                    ("role", v.opt("role")),
                ])
            }),
        ),
        reloads(reload),
        reload.clone(),
    )
}

/// The form that adds an organisation of the register (not one of `chosen`, the parties now)
/// to the contract `(id, version)` in a role.
fn add_form(
    chosen: Vec<String>,
    (id, version): (String, Option<i64>),
    reload: &Rc<dyn Fn()>,
) -> Element {
    let t = use_i18n().t();
    form(
        "add-party",
        vec![
            search(
                "organisationId",
                t.organisation,
                Asking::of(&ORGANISATIONS),
                Default::default(),
            ),
            choice("role", t.role, "MEMBER", roles(t)),
        ],
        t.add,
        edit(
            "AddContractParty",
            Box::new(move |v, check| {
                let org = v.get("organisationId");
                if org.is_empty() {
                    check.fail("organisationId", v.t().check_party_missing);
                } else if chosen.iter().any(|c| c == org) {
                    // The server's rule, checked here first.
                    check.fail("organisationId", v.t().check_party_twice);
                }
                let draft = PartyDraft {
                    organisation: (),
                    role: Some(v.get("role").to_owned()),
                };
                drafted(check, draft.check().err());
                let party = obj(vec![
                    ("organisationId", Value::from(org)),
                    ("role", v.opt("role")),
                ]);
                obj(vec![
                    ("contractId", Value::from(id.as_str())),
                    ("version", Value::from(version)),
                    ("party", party),
                ])
            }),
        ),
        reloads(reload),
        reload.clone(),
    )
}
