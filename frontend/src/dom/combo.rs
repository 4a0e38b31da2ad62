//! A choice among any number of the register's records: a text input that asks the API for
//! the records matching what is typed (the list's `search` filter) and offers the first of
//! them in a list below it, after the ARIA combobox pattern. Arrow keys move through the
//! offers, Enter takes one, Escape closes the list; a click takes one too. The record taken
//! is the field's value (the input's `data-id`); typing again drops it until another is
//! taken, and an emptied input chooses none.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
    time::Duration,
};

use leptos::prelude::set_timeout;
use serde_json::Value;
use web_sys::{Element, Event};

use super::{add, el, mark_active, next_option, on, prop, send, set, text};
use crate::{
    api::{Read, ops::EDIT, read::obj},
    i18n::Texts,
};

/// A list of the register that a [`combo`] asks: the operation of the edit document (with a
/// `$search` variable), the list in its answer and the field that names a record.
#[derive(Debug)]
pub struct Records {
    pub operation: &'static str,
    pub list: &'static str,
    pub name: &'static str,
}

pub const ORGANISATIONS: Records = Records {
    operation: "PickOrganisations",
    list: "organisations",
    name: "name",
};

pub const SERVICES: Records = Records {
    operation: "PickServices",
    list: "services",
    name: "name",
};

pub const SOURCES: Records = Records {
    operation: "PickSources",
    list: "sources",
    name: "title",
};

pub const CONTRACTS: Records = Records {
    operation: "PickContracts",
    list: "contracts",
    name: "title",
};

/// What a combobox asks for: the `records` of a list, those of a contract `party` only
/// (when given), never the record `except` (an organisation is not its own parent).
#[derive(Debug, Clone)]
pub struct Asking {
    pub records: &'static Records,
    pub party: Option<String>,
    pub except: Option<String>,
}

impl Asking {
    /// Any of `records`.
    pub fn of(records: &'static Records) -> Self {
        Self {
            records,
            party: None,
            except: None,
        }
    }

    /// Only those the organisation `id` is a party to.
    #[must_use]
    pub fn of_party(self, id: &str) -> Self {
        Self {
            party: Some(id.to_owned()),
            ..self
        }
    }

    /// Never the record `id`.
    #[must_use]
    pub fn except(self, id: &str) -> Self {
        Self {
            except: Some(id.to_owned()),
            ..self
        }
    }
}

/// The object `key` of `record` as a combobox holds it: its ID and its `name` (empty when
/// there is none).
pub fn held(record: &Value, key: &str, name: &str) -> (String, String) {
    record
        .obj(key)
        .map(|o| (o.text("id"), o.text(name)))
        .unwrap_or_default()
}

/// How long typing pauses before the API is asked.
const PAUSE: Duration = Duration::from_millis(250);

/// A combobox `id` asking for `asking`, holding the record `(id, name)` now (empty: none).
/// Answers the wrapper to place and the input to label, read and mark.
pub fn combo(
    t: &'static Texts,
    id: &str,
    asking: Asking,
    (chosen, name): (&str, &str),
) -> (Element, Element) {
    let wrap = el("span", "combo");
    let input = add(&wrap, "input", "");
    let list_id = format!("{id}-offers");
    for (key, value) in [
        ("type", "text"),
        ("role", "combobox"),
        ("autocomplete", "off"),
        ("aria-autocomplete", "list"),
        ("aria-expanded", "false"),
        ("aria-controls", list_id.as_str()),
        ("placeholder", t.combo_placeholder),
        ("value", name),
        ("data-id", chosen),
    ] {
        set(&input, key, value);
    }
    let offers = add(&wrap, "ul", "combo-offers");
    set(&offers, "id", &list_id);
    set(&offers, "role", "listbox");
    set(&offers, "hidden", "");
    let state = Rc::new(Combo {
        input: input.clone(),
        offers,
        asked: Cell::new(0),
        active: Cell::new(None),
        offered: RefCell::new(Vec::new()),
        prefix: format!("{id}-offer-"),
    });
    {
        let state = state.clone();
        on(
            &input,
            "input",
            Box::new(move |_| {
                set(&state.input, "data-id", "");
                let asked = state.asked.get() + 1;
                state.asked.set(asked);
                let (state, asking) = (state.clone(), asking.clone());
                set_timeout(
                    move || {
                        if state.asked.get() == asked {
                            state.ask(t, asking, asked);
                        }
                    },
                    PAUSE,
                );
            }),
        );
    }
    {
        let state = state.clone();
        on(&input, "keydown", Box::new(move |event| state.key(&event)));
    }
    {
        let state = state.clone();
        // Leaving the field closes the list (after a click on an offer has taken it).
        on(
            &input,
            "blur",
            Box::new(move |_| {
                let state = state.clone();
                set_timeout(move || state.close(), Duration::from_millis(150));
            }),
        );
    }
    (wrap, input)
}

/// A combobox's elements and what it has offered.
struct Combo {
    input: Element,
    offers: Element,
    /// The number of the last question asked; older answers are dropped.
    asked: Cell<u32>,
    /// The offer the arrow keys are on.
    active: Cell<Option<usize>>,
    /// The offers shown: each element with its record's ID and name.
    offered: RefCell<Vec<(Element, String, String)>>,
    /// The offers' ids begin with it.
    prefix: String,
}

impl Combo {
    /// Asks for the records matching the input's text (question number `asked`).
    fn ask(self: &Rc<Self>, t: &'static Texts, asking: Asking, asked: u32) {
        let search = prop(&self.input, "value").as_string().unwrap_or_default();
        if search.trim().is_empty() {
            self.close();
            return;
        }
        let state = self.clone();
        let Asking {
            records,
            party,
            except,
        } = asking;
        let mut variables = vec![("search", Value::from(search.trim()))];
        if let Some(party) = party {
            variables.push(("partyId", Value::from(party)));
        }
        send(
            EDIT,
            records.operation,
            obj(variables),
            Box::new(move |answer| {
                if state.asked.get() != asked {
                    return;
                }
                match answer {
                    Ok(data) => {
                        let found: Vec<(String, String)> = data[records.list]
                            .list("nodes")
                            .iter()
                            .filter(|r| except.as_deref() != Some(r.str("id")))
                            .map(|r| (r.text("id"), r.text(records.name)))
                            .collect();
                        state.show(t, &found);
                    }
                    Err(error) => state.say(t.error(&error)),
                }
            }),
        );
    }

    /// Offers `found` (or says that nothing matches).
    fn show(self: &Rc<Self>, t: &'static Texts, found: &[(String, String)]) {
        if found.is_empty() {
            self.say(t.combo_none);
            return;
        }
        self.offers.set_text_content(None);
        let mut offered = Vec::new();
        for (i, (id, name)) in found.iter().enumerate() {
            let offer = text(&self.offers, "li", name);
            set(&offer, "role", "option");
            set(&offer, "id", &format!("{}{i}", self.prefix));
            set(&offer, "aria-selected", "false");
            offered.push((offer.clone(), id.clone(), name.clone()));
            let (state, id, name) = (self.clone(), id.clone(), name.clone());
            // Taken on the press, before the input loses its focus.
            on(
                &offer,
                "mousedown",
                Box::new(move |event| {
                    event.prevent_default();
                    state.take(&id, &name);
                }),
            );
        }
        *self.offered.borrow_mut() = offered;
        self.open(None);
    }

    /// Shows `message` in place of offers.
    fn say(&self, message: &str) {
        self.offers.set_text_content(None);
        let note = text(&self.offers, "li", message);
        set(&note, "role", "presentation");
        note.set_class_name("combo-note");
        self.offered.borrow_mut().clear();
        self.open(None);
    }

    fn open(&self, active: Option<usize>) {
        let _ = self.offers.remove_attribute("hidden");
        set(&self.input, "aria-expanded", "true");
        self.activate(active);
    }

    fn close(&self) {
        set(&self.offers, "hidden", "");
        set(&self.input, "aria-expanded", "false");
        self.activate(None);
    }

    fn is_open(&self) -> bool {
        !self.offers.has_attribute("hidden")
    }

    /// Marks offer `active` as the one the keys are on.
    fn activate(&self, active: Option<usize>) {
        let offered = self.offered.borrow();
        let offer = |i: Option<usize>| i.and_then(|i| offered.get(i)).map(|(offer, _, _)| offer);
        if let Some(previous) = offer(self.active.get()) {
            previous.set_class_name("");
        }
        if let Some(now) = offer(active) {
            now.set_class_name("active");
        }
        mark_active(&self.input, offer(self.active.get()), offer(active));
        self.active.set(active);
    }

    /// Takes the record `(id, name)`.
    fn take(&self, id: &str, name: &str) {
        let _ = js_sys::Reflect::set(&self.input, &"value".into(), &name.into());
        set(&self.input, "data-id", id);
        self.close();
        if let Ok(event) = Event::new("change") {
            let _ = self.input.dispatch_event(&event);
        }
    }

    fn key(self: &Rc<Self>, event: &Event) {
        let key = js_sys::Reflect::get(event, &"key".into())
            .ok()
            .and_then(|key| key.as_string())
            .unwrap_or_default();
        let count = self.offered.borrow().len();
        match key.as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                event.prevent_default();
                self.open(Some(next_option(
                    self.active.get(),
                    key == "ArrowDown",
                    count,
                )));
            }
            "Enter" if self.is_open() => {
                // Enter in an open list takes an offer; it does not send the form.
                event.prevent_default();
                let taken = self
                    .active
                    .get()
                    .and_then(|i| self.offered.borrow().get(i).cloned());
                if let Some((_, id, name)) = taken {
                    self.take(&id, &name);
                }
            }
            "Escape" if self.is_open() => {
                event.prevent_default();
                self.close();
            }
            _ => {}
        }
    }
}
