//! Which screen the address shows, and moving between screens without a
//! reload: links, the address bar, Back and Forward.
//!
//! The app has eight fixed paths, each built by [`Screen::path`] and read
//! back by [`Screen::of_path`], so a match on their segments does what a
//! general router would; leptos_router's
//! generic matching and history code was about 80 KB of the wasm before
//! compression, for the same behaviour.

use crate::domain::{Account, AccountId};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A screen, as its path names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Accounts,
    Data,
    Outbox,
    UsersAndTeams(AccountId),
    PermissionSets(AccountId),
    ClientAccessManager(AccountId),
    PartnerSettings(AccountId),
    AuditLog(AccountId),
    /// The token as the path has it; the page says when it is not a token.
    AccessLink(String),
    NotFound,
}

impl Screen {
    /// The screen of a path such as `/accounts/10/audit-log` (a trailing
    /// slash is ignored). An account that is not a number is no screen.
    pub fn of_path(path: &str) -> Screen {
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let in_account = |id: &str, screen: fn(AccountId) -> Screen| {
            id.parse::<u32>()
                .map_or(Screen::NotFound, |n| screen(AccountId(n)))
        };
        match segments.as_slice() {
            [] => Screen::Accounts,
            ["data"] => Screen::Data,
            ["outbox"] => Screen::Outbox,
            ["access-link", token] if !token.is_empty() => Screen::AccessLink(token.to_string()),
            ["accounts", id, "settings", "users"] => in_account(id, Screen::UsersAndTeams),
            ["accounts", id, "settings", "permission-sets"] => {
                in_account(id, Screen::PermissionSets)
            }
            ["accounts", id, "partner", "client-access-manager"] => {
                in_account(id, Screen::ClientAccessManager)
            }
            ["accounts", id, "partner", "settings"] => in_account(id, Screen::PartnerSettings),
            ["accounts", id, "audit-log"] => in_account(id, Screen::AuditLog),
            _ => Screen::NotFound,
        }
    }

    /// The path that shows this screen; [`Screen::of_path`] reads it back.
    pub fn path(&self) -> String {
        match self {
            Screen::Accounts => "/".to_string(),
            Screen::Data => "/data".to_string(),
            Screen::Outbox => "/outbox".to_string(),
            Screen::UsersAndTeams(id) => format!("/accounts/{}/settings/users", id.0),
            Screen::PermissionSets(id) => format!("/accounts/{}/settings/permission-sets", id.0),
            Screen::ClientAccessManager(id) => {
                format!("/accounts/{}/partner/client-access-manager", id.0)
            }
            Screen::PartnerSettings(id) => format!("/accounts/{}/partner/settings", id.0),
            Screen::AuditLog(id) => format!("/accounts/{}/audit-log", id.0),
            Screen::AccessLink(token) => format!("/access-link/{token}"),
            Screen::NotFound => "/not-found".to_string(),
        }
    }

    /// The first screen of an account's kind.
    pub fn home_of(account: &Account) -> Screen {
        if account.kind.is_partner() {
            Screen::ClientAccessManager(account.id)
        } else {
            Screen::UsersAndTeams(account.id)
        }
    }

    /// The account whose screen this is.
    pub fn account(&self) -> Option<AccountId> {
        match self {
            Screen::UsersAndTeams(id)
            | Screen::PermissionSets(id)
            | Screen::ClientAccessManager(id)
            | Screen::PartnerSettings(id)
            | Screen::AuditLog(id) => Some(*id),
            _ => None,
        }
    }
}

/// Whether a link to `href` is to the page at `path` (for
/// `aria-current="page"`): the same path, or with `exact` off, a path below
/// it.
pub fn is_current(href: &str, path: &str, exact: bool) -> bool {
    path == href
        || (!exact
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/') || href.ends_with('/')))
}

/// Whether a click on a link to `href` stays in the app: a path of this
/// site, not a fragment of the page (the skip link) or another site.
pub fn is_app_path(href: &str) -> bool {
    href.starts_with('/') && !href.starts_with("//")
}

/// `search` (a query string without its `?`) with each named parameter set
/// to its value, or removed when the value is `None` or empty; the others
/// kept. The browser's own URLSearchParams encodes and decodes.
fn with_params(search: &str, changes: &[(&str, Option<String>)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else {
        return search.to_string();
    };
    for (name, value) in changes {
        match value.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => params.set(name, v),
            None => params.delete(name),
        }
    }
    params.to_string().into()
}

/// Whether a change of the query string is a step of its own in the
/// history (Back returns to before it) or only keeps the address up to date
/// (each keystroke of a search).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Push,
    Replace,
}

/// The address bar, shared by every screen: the path says which screen,
/// the query string what that screen shows (a tab, the filters, an open
/// user), so that a link gives exactly what its sender saw.
#[derive(Clone, Copy)]
pub struct Router {
    path: RwSignal<String>,
    /// Without the `?`.
    search: RwSignal<String>,
}

fn address_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_string())
}

/// A path with its query string (without its `?`), as the address bar and
/// the history write it.
fn url(path: &str, search: &str) -> String {
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

fn address_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

impl Router {
    /// Follows the address bar: Back and Forward, and clicks on links within
    /// the app (without a modifier key, which opens a new tab as usual).
    pub fn provide() -> Router {
        let router = Router {
            path: RwSignal::new(address_path()),
            search: RwSignal::new(address_search()),
        };
        window_event_listener(leptos::ev::popstate, move |_| router.follow_address());
        window_event_listener(leptos::ev::click, move |ev| {
            if ev.default_prevented()
                || ev.button() != 0
                || ev.meta_key()
                || ev.ctrl_key()
                || ev.shift_key()
                || ev.alt_key()
            {
                return;
            }
            let Some(link) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten())
            else {
                return;
            };
            let href = link.get_attribute("href").unwrap_or_default();
            let elsewhere = link.has_attribute("download")
                || link.get_attribute("target").is_some_and(|t| t != "_self");
            if elsewhere || !is_app_path(&href) {
                return;
            }
            ev.prevent_default();
            router.go(&href);
            // As after a page load, a screen reader starts at the new
            // screen rather than at the link that is no longer what the
            // page is about (the main region takes focus; see the skip link).
            // Without scrolling to it: the new screen starts at the top of
            // the page, top bar and all, as after a load.
            if let Some(main) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("content"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = main.focus_with_options(&options);
            }
        });
        provide_context(router);
        router
    }

    /// Shows the screen at `path` (which may carry a query string) and adds
    /// it to the history.
    pub fn go(&self, path: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if url(&address_path(), &address_search()) != path {
            if let Ok(history) = window.history() {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
            }
        }
        self.follow_address();
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Takes the path and query from the address bar; nothing changes when
    /// only the fragment did (the skip link).
    fn follow_address(&self) {
        let path = address_path();
        if self.path.with_untracked(|p| *p != path) {
            self.path.set(path);
        }
        let search = address_search();
        if self.search.with_untracked(|s| *s != search) {
            self.search.set(search);
        }
    }

    /// The parameters of the query string (tracked: a screen reading them
    /// follows Back and Forward), read once for a screen that needs several.
    pub fn params(&self) -> Option<web_sys::UrlSearchParams> {
        self.search
            .with(|s| web_sys::UrlSearchParams::new_with_str(s).ok())
    }

    /// A parameter of the query string (tracked).
    pub fn param(&self, name: &str) -> Option<String> {
        self.params()?.get(name)
    }

    /// Sets (or with `None`, removes) parameters of the query string, on
    /// the same screen.
    pub fn set_params(&self, changes: &[(&str, Option<String>)], step: Step) {
        let search = self.search.with_untracked(|s| with_params(s, changes));
        if self.search.with_untracked(|s| *s == search) {
            return;
        }
        let url = self.path.with_untracked(|path| url(path, &search));
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let null = wasm_bindgen::JsValue::NULL;
            let _ = match step {
                Step::Push => history.push_state_with_url(&null, "", Some(&url)),
                Step::Replace => history.replace_state_with_url(&null, "", Some(&url)),
            };
        }
        self.search.set(search);
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// The screen the address shows; changes only when the screen does.
pub fn use_screen() -> Memo<Screen> {
    let router = use_router();
    Memo::new(move |_| router.path.with(|p| Screen::of_path(p)))
}

/// A link within the app, marked `aria-current="page"` while its page (or,
/// unless `exact`, a page below it) is shown.
#[component]
pub fn A(
    /// The path linked to.
    #[prop(into)]
    href: String,
    /// Current only on this very path, not on the pages below it.
    #[prop(optional)]
    exact: bool,
    /// The link's content.
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let target = href.clone();
    let current = move || {
        router
            .path
            .with(|p| is_current(&target, p, exact))
            .then_some("page")
    };
    view! {
        <a href=href aria-current=current>
            {children()}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_s_path_names_it() {
        let id = AccountId(10);
        for screen in [
            Screen::Accounts,
            Screen::Data,
            Screen::Outbox,
            Screen::UsersAndTeams(id),
            Screen::PermissionSets(id),
            Screen::ClientAccessManager(id),
            Screen::PartnerSettings(id),
            Screen::AuditLog(id),
            Screen::AccessLink("abc123".into()),
            Screen::NotFound,
        ] {
            assert_eq!(Screen::of_path(&screen.path()), screen, "{}", screen.path());
        }
        assert_eq!(Screen::of_path("/data/"), Screen::Data);
        assert_eq!(
            Screen::UsersAndTeams(id).path(),
            "/accounts/10/settings/users"
        );
    }

    #[test]
    fn other_paths_are_not_found() {
        for path in [
            "/nope",
            "/accounts/ten/settings/users",
            "/accounts/10/settings",
            "/accounts/10/settings/users/extra",
            "/access-link/",
            "/data/more",
        ] {
            assert_eq!(Screen::of_path(path), Screen::NotFound, "{path}");
        }
    }

    #[test]
    fn a_link_is_current_on_its_page_and_below_unless_exact() {
        assert!(is_current("/", "/", true));
        assert!(!is_current("/", "/data", true));
        assert!(is_current("/data", "/data", false));
        assert!(is_current("/accounts/1", "/accounts/1/audit-log", false));
        assert!(!is_current("/accounts/1", "/accounts/10/audit-log", false));
        assert!(!is_current("/accounts/1", "/accounts/1/audit-log", true));
    }

    #[test]
    fn only_paths_of_this_site_stay_in_the_app() {
        assert!(is_app_path("/data"));
        assert!(!is_app_path("#content"));
        assert!(!is_app_path("//example.com/x"));
        assert!(!is_app_path("https://example.com/"));
    }
}
