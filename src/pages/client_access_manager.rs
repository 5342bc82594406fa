//! Partner > Client Access Manager.

use super::AccountScreen;
use crate::app::studio::use_studio;
use crate::domain::{
    client_names, clients_of_partner, has_partner_domain_checkmark, may_open_client_access_manager,
    relationship_status, AccountId, RelationshipStatus,
};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ClientAccessManager() -> impl IntoView {
    view! { <AccountScreen screen=|id| view! { <CamScreen partner=id /> } /> }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Clients,
    Employees,
}

#[component]
fn CamScreen(partner: AccountId) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let tab = RwSignal::new(Tab::Clients);
    let denied = move || {
        studio
            .doc
            .with(|d| may_open_client_access_manager(&d.state, &d.acting).err())
    };
    move || match denied() {
        Some(refusal) => view! {
            <h1>{t!(i18n, cam_denied_title)}</h1>
            <p class="refusal">{refusal.to_string()}</p>
        }
        .into_any(),
        None => view! {
            <h1>{t!(i18n, cam_title)}</h1>
            <div role="tablist" aria-label=move || t_string!(i18n, cam_title).to_string()>
                <button type="button" role="tab" id="tab-clients" aria-controls="panel-clients"
                    aria-selected=move || (tab.get() == Tab::Clients).to_string()
                    on:click=move |_| tab.set(Tab::Clients)>{t!(i18n, tab_clients)}</button>
                <button type="button" role="tab" id="tab-employees" aria-controls="panel-employees"
                    aria-selected=move || (tab.get() == Tab::Employees).to_string()
                    on:click=move |_| tab.set(Tab::Employees)>{t!(i18n, tab_employees)}</button>
            </div>
            {move || match tab.get() {
                Tab::Clients => view! { <ClientsTab partner=partner /> }.into_any(),
                Tab::Employees => view! { <EmployeesTab partner=partner /> }.into_any(),
            }}
        }
        .into_any(),
    }
}

#[component]
fn ClientsTab(partner: AccountId) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let rows = move || {
        studio.doc.with(|d| {
            let clients = clients_of_partner(&d.state, partner);
            if clients.is_empty() {
                return view! { <tr><td colspan="3" class="empty">{t!(i18n, no_clients)}</td></tr> }.into_any();
            }
            clients
                .into_iter()
                .map(|(client, employees)| {
                    let (shown, official) = client_names(&d.state, partner, client);
                    let status = match relationship_status(&d.state, partner, client, d.clock) {
                        Some(RelationshipStatus::Ending { on }) => {
                            let date = on.iso_date();
                            t!(i18n, relationship_ending, date = move || date.clone()).into_any()
                        }
                        Some(RelationshipStatus::Ended { on }) => {
                            let date = on.iso_date();
                            t!(i18n, relationship_ended, date = move || date.clone()).into_any()
                        }
                        _ => t!(i18n, relationship_active).into_any(),
                    };
                    view! {
                        <tr>
                            <th scope="row">
                                {shown}
                                {official.map(|o| view! { <span class="official-name">{t!(i18n, official_name, name = move || o.clone())}</span> })}
                            </th>
                            <td>{status}</td>
                            <td class="num">{employees.len()}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <section role="tabpanel" id="panel-clients" aria-labelledby="tab-clients">
            <table>
                <thead><tr>
                    <th scope="col">{t!(i18n, col_client)}</th>
                    <th scope="col">{t!(i18n, col_relationship)}</th>
                    <th scope="col">{t!(i18n, col_employees)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn EmployeesTab(partner: AccountId) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let rows = move || {
        studio.doc.with(|d| {
            let Some(p) = d.state.account(partner) else { return Vec::new() };
            p.users
                .iter()
                .map(|u| {
                    let check = has_partner_domain_checkmark(p, u);
                    let clients: Vec<String> = d
                        .state
                        .clients()
                        .filter(|c| c.user_by_email(&u.email).is_some_and(|cu| crate::domain::partner_of(&d.state, cu) == Some(partner)))
                        .map(|c| client_names(&d.state, partner, c.id).0)
                        .collect();
                    view! {
                        <tr>
                            <th scope="row">{u.name.clone()}</th>
                            <td>
                                {u.email.to_string()}
                                {check.then(|| view! {
                                    <span class="checkmark" role="img" aria-label=t_string!(i18n, partner_domain_checkmark).to_string()>"✓"</span>
                                })}
                            </td>
                            <td>{clients.join(", ")}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section role="tabpanel" id="panel-employees" aria-labelledby="tab-employees">
            <table>
                <thead><tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_email)}</th>
                    <th scope="col">{t!(i18n, tab_clients)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
