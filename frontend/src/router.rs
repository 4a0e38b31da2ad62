//! Which page an address shows, and links that change the page without loading the app
//! anew. A few functions instead of a general router: the app's routes are fixed, and a
//! generic router brings much code of its own into the wasm.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The current address: its path and its query (without `?`), read reactively.
#[derive(Debug, Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
}

impl Location {
    /// Reads the address from the browser; signals change only when their value does.
    fn sync(self) {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        let search = search.strip_prefix('?').unwrap_or(&search).to_owned();
        if self.pathname.with_untracked(|p| *p != path) {
            self.pathname.set(path);
        }
        if self.search.with_untracked(|s| *s != search) {
            self.search.set(search);
        }
    }

    /// Goes to `to` (a path of the app, with or without query): a new history entry, or in
    /// place of the current one with `replace`; `scroll` moves to the top of the page.
    pub fn go(self, to: &str, replace: bool, scroll: bool) {
        if let Ok(history) = window().history() {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(to))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(to))
            };
        }
        self.sync();
        if scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// The value of the query parameter `key`, decoded, if the address has it.
    pub fn query(self, key: &str) -> Option<String> {
        self.search.with(|search| {
            query_pairs(search)
                .into_iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
        })
    }
}

/// The decoded `key=value` pairs of a query.
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    search
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Decodes one part of an address (`+` is a space in a query).
pub fn decode(part: &str) -> String {
    let part = part.replace('+', " ");
    js_sys::decode_uri_component(&part).map_or(part, String::from)
}

/// Starts following the address: the Back and Forward buttons, and clicks on links to
/// pages of the app, which then change the page in place.
pub fn provide_location() -> Location {
    let location = Location {
        pathname: RwSignal::new(String::new()),
        search: RwSignal::new(String::new()),
    };
    location.sync();
    provide_context(location);
    let window = window();
    let popstate = Closure::<dyn FnMut()>::new(move || location.sync());
    let _ = window.add_event_listener_with_callback("popstate", popstate.as_ref().unchecked_ref());
    let click = Closure::<dyn FnMut(MouseEvent)>::new(move |ev: MouseEvent| {
        if let Some(to) = app_link(&ev) {
            ev.prevent_default();
            location.go(&to, false, true);
        }
    });
    // On the window, the last to hear a click: handlers of the page (the skip link's) come
    // first and may keep the click for themselves.
    let _ = window.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    // Both listen as long as the app runs.
    popstate.forget();
    click.forget();
    location
}

/// Where a click goes, when it is a plain click on a link to a page of the app.
fn app_link(ev: &MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let a = target
        .closest("a")
        .ok()??
        .dyn_into::<HtmlAnchorElement>()
        .ok()?;
    let external = a
        .get_attribute("rel")
        .is_some_and(|rel| rel.split([' ', '\t']).any(|p| p == "external"));
    if !a.target().is_empty()
        || a.href().is_empty()
        || a.has_attribute("download")
        || external
        || a.origin() != window().location().origin().ok()?
    {
        return None;
    }
    Some(format!("{}{}{}", a.pathname(), a.search(), a.hash()))
}

/// The app's current address.
pub fn use_location() -> Location {
    expect_context()
}

/// Segment `i` of a path (`/members/abc`: 0 is `members`, 1 is `abc`), decoded; "" when
/// the path has none.
pub fn segment(path: &str, i: usize) -> String {
    path.trim_matches('/')
        .split('/')
        .nth(i)
        .map(|s| js_sys::decode_uri_component(s).map_or_else(|_| s.to_owned(), String::from))
        .unwrap_or_default()
}

/// Whether a link to `href` leads to the current page or to a page below it (`/members`
/// for `/members/abc`); only the same path with `exact`.
pub fn is_current(path: &str, href: &str, exact: bool) -> bool {
    let path = path.trim_end_matches('/');
    let href = href.trim_end_matches('/');
    path == href
        || (!exact
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_links() {
        assert!(is_current("/", "/", true));
        assert!(!is_current("/members", "/", true));
        assert!(is_current("/members", "/members", false));
        assert!(is_current("/members/abc", "/members", false));
        assert!(is_current("/members/", "/members", false));
        assert!(!is_current("/membership", "/members", false));
    }
}
