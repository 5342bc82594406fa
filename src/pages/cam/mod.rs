//! Partner > Client Access Manager (R-CAM-*): the Clients and Employees
//! tabs. Every action is a domain command; this module only shows them.

mod client_details;
mod clients;
mod employees;
mod links;

use super::AccountScreen;
use crate::app::route::{use_router, Step};
use crate::app::studio::use_studio;
use crate::components::screen_heading::ScreenHeading;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ClientAccessManager() -> impl IntoView {
    view! { <AccountScreen screen=|id| view! { <CamScreen partner=id /> }.into_any() /> }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Clients,
    Employees,
}

#[component]
fn CamScreen(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    // The tab is in the address (`?tab=employees`), so a link shows it and
    // Back returns to the other.
    let router = use_router();
    let tab = move || match router.param("tab").as_deref() {
        Some("employees") => Tab::Employees,
        _ => Tab::Clients,
    };
    let show = move |t: Tab| {
        let value = (t == Tab::Employees).then(|| "employees".to_string());
        router.set_params(&[("tab", value)], Step::Push);
    };
    let clients_tab = NodeRef::<leptos::html::Button>::new();
    let employees_tab = NodeRef::<leptos::html::Button>::new();
    // The tab list is one stop in the tab order; arrow keys, Home and End
    // move between the tabs and show theirs (the ARIA tabs pattern).
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowLeft" if untrack(tab) == Tab::Clients => Tab::Employees,
            "ArrowRight" | "ArrowLeft" | "Home" => Tab::Clients,
            "End" => Tab::Employees,
            _ => return,
        };
        ev.prevent_default();
        show(next);
        let button = if next == Tab::Clients {
            clients_tab
        } else {
            employees_tab
        };
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let stop = move |which: Tab| if tab() == which { "0" } else { "-1" };
    // A memo: the tabs are rebuilt only when access changes, not on every edit.
    let denied = Memo::new(move |_| {
        studio
            .doc
            .with(|d| may_open_client_access_manager(&d.state, &d.acting).err())
    });
    move || match denied.get() {
        Some(refusal) => view! {
            <ScreenHeading text=t_string!(i18n, cam_denied_title) />
            <p class="refusal">{refusal.render(lang)}</p>
        }
        .into_any(),
        None => view! {
            <div class="page-head">
                <ScreenHeading text=t_string!(i18n, cam_title) />
                <links::GetAccessLink partner=partner />
            </div>
            <div
                role="tablist"
                aria-label=move || t_string!(i18n, cam_title).to_string()
                on:keydown=on_keydown
            >
                <button
                    type="button"
                    role="tab"
                    id="tab-clients"
                    aria-controls="panel-clients"
                    node_ref=clients_tab
                    aria-selected=move || (tab() == Tab::Clients).to_string()
                    tabindex=move || stop(Tab::Clients)
                    on:click=move |_| show(Tab::Clients)
                >
                    {t_string!(i18n, tab_clients)}
                </button>
                <button
                    type="button"
                    role="tab"
                    id="tab-employees"
                    aria-controls="panel-employees"
                    node_ref=employees_tab
                    aria-selected=move || (tab() == Tab::Employees).to_string()
                    tabindex=move || stop(Tab::Employees)
                    on:click=move |_| show(Tab::Employees)
                >
                    {t_string!(i18n, tab_employees)}
                </button>
            </div>
            {move || match tab() {
                Tab::Clients => view! { <clients::ClientsTab partner=partner /> }.into_any(),
                Tab::Employees => view! { <employees::EmployeesTab partner=partner /> }.into_any(),
            }}
        }
        .into_any(),
    }
}
