//! The Employees tab (R-CAM-3): every partner employee, the clients each can
//! access, access links, `Link clients` (R-CAM-5) and the `Remove employee
//! from clients` wizard (R-CAM-7).

mod details;
mod link_clients;
mod remove_from_clients;

use details::EmployeeDetails;
use link_clients::LinkClients;
use remove_from_clients::RemoveFromClients;

use super::links::{issued_link, link_for, AccessLinks, SharedLink};
use crate::app::studio::use_studio;
use crate::components::confirm::ConfirmButton;
use crate::components::modal::Modal;
use crate::components::notices::InlineNotice;
use crate::components::pager::{page_count, Pager, PAGE_SIZE};
use crate::components::row_menu::RowMenu;
use crate::components::toggle;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq)]
enum EmployeeDialog {
    Details(UserId),
    LinkClients(UserId),
    RemoveFromClients(UserId),
}

#[component]
pub fn EmployeesTab(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let menu = RwSignal::new(None::<UserId>);
    let issued = RwSignal::new(None::<SharedLink>);
    let dialog = RwSignal::new(None::<EmployeeDialog>);
    let dialog_open = RwSignal::new(false);
    let page = RwSignal::new(0usize);
    // Search and filters (name or email, the domain checkmark, a client),
    // as on the Users & Teams table.
    let search = RwSignal::new(String::new());
    let domain = RwSignal::new(None::<bool>);
    let client = RwSignal::new(None::<AccountId>);
    let matching = Memo::new(move |_| {
        let needle = search.get().trim().folded();
        let (domain, client) = (domain.get(), client.get());
        studio.doc.with(|d| {
            let Some(p) = d.state.account(partner) else {
                return (Vec::new(), 0);
            };
            let clients_of = clients_by_employee(&d.state, partner);
            let ids = p
                .users
                .iter()
                .filter(|u| {
                    needle.is_empty()
                        || u.name.folded().contains(&needle)
                        || u.email.as_str().contains(&needle)
                })
                .filter(|u| domain.is_none_or(|on| has_partner_domain_checkmark(p, u) == on))
                .filter(|u| {
                    client.is_none_or(|c| {
                        clients_of
                            .get(&u.email)
                            .is_some_and(|l| l.iter().any(|(id, _)| *id == c))
                    })
                })
                .map(|u| u.id)
                .collect::<Vec<_>>();
            (ids, p.users.len())
        })
    });
    let all_clients = studio.doc.with_untracked(|d| {
        clients_of_partner(&d.state, partner)
            .into_iter()
            .map(|(c, _)| (c, client_names(&d.state, partner, c).0))
            .collect::<Vec<_>>()
    });
    let pages = Signal::derive(move || page_count(matching.with(|m| m.0.len()), PAGE_SIZE));
    let open_dialog = move |d: EmployeeDialog| {
        menu.set(None);
        studio.notice.set(None);
        dialog.set(Some(d));
        dialog_open.set(true);
    };
    let issue = move |employee: UserId| {
        if let Some(link) = link_for(studio, partner, employee, true) {
            issued.set(Some(link));
            menu.set(None);
        }
    };
    let rows = move || {
        let ids = matching.with(|m| m.0.clone());
        studio.doc.with(|d| {
            let Some(p) = d.state.account(partner) else { return Vec::new() };
            let clients_of = clients_by_employee(&d.state, partner);
            ids.iter()
                .skip(page.get() * PAGE_SIZE)
                .take(PAGE_SIZE)
                .filter_map(|id| p.user(*id))
                .map(|u| {
                    let id = u.id;
                    let check = has_partner_domain_checkmark(p, u);
                    let clients: Vec<String> = clients_of
                        .get(&u.email)
                        .map(|l| l.iter().map(|(_, n)| n.clone()).collect())
                        .unwrap_or_default();
                    let name = u.name.clone();
                    let menu_name = name.clone();
                    // Deactivate and Remove reach every client where they
                    // are the partner's employee; the confirmation names them.
                    let in_them = employee_in_clients(&d.state, partner, u);
                    let theirs: Vec<String> = in_them
                        .iter()
                        .map(|(c, _)| client_names(&d.state, partner, c.id).0)
                        .collect();
                    let body = |key: &'static str, name: &str, clients: &[String]| {
                        label_with(key, &[("name", name.to_string()), ("clients", clients.join(", "))])
                    };
                    let deactivate_body = body(keys::deactivate_everywhere_body, &name, &theirs);
                    let remove_body = body(keys::remove_everywhere_body, &name, &theirs);
                    let removals: Vec<ClientRemoval> = in_them
                        .iter()
                        .map(|(c, _)| ClientRemoval { client: c.id, reassign_to: None })
                        .collect();
                    let in_clients = !theirs.is_empty();
                    view! {
                        <tr>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| open_dialog(EmployeeDialog::Details(id))
                                >
                                    {name}
                                </button>
                            </th>
                            <td>{u.email.to_string()} {check.then(domain_checkmark)}</td>
                            <td>{clients.join(", ")}</td>
                            <td class="row-actions">
                                <RowMenu open=menu id=id row=menu_name>
                                    <button type="button" on:click=move |_| issue(id)>
                                        {t_string!(i18n, copy_access_link)}
                                    </button>
                                    <button
                                        type="button"
                                        on:click=move |_| open_dialog(
                                            EmployeeDialog::LinkClients(id),
                                        )
                                    >
                                        {t_string!(i18n, link_clients)}
                                    </button>
                                    <button
                                        type="button"
                                        on:click=move |_| open_dialog(
                                            EmployeeDialog::RemoveFromClients(id),
                                        )
                                    >
                                        {t_string!(i18n, remove_from_clients)}
                                    </button>
                                    {in_clients
                                        .then(|| {
                                            let removals = removals.clone();
                                            view! {
                                                <ConfirmButton
                                                    label=Signal::derive(move || {
                                                        t_string!(i18n, deactivate).to_string()
                                                    })
                                                    title=Signal::derive(move || {
                                                        t_string!(i18n, deactivate_everywhere_title).to_string()
                                                    })
                                                    body=deactivate_body.clone()
                                                    confirm=Signal::derive(move || {
                                                        t_string!(i18n, deactivate).to_string()
                                                    })
                                                    on_confirm=Callback::new(move |_| {
                                                        let _ = studio
                                                            .run(Command::DeactivateEmployee {
                                                                partner,
                                                                employee: id,
                                                            });
                                                    })
                                                />
                                                <ConfirmButton
                                                    label=Signal::derive(move || {
                                                        t_string!(i18n, remove).to_string()
                                                    })
                                                    title=Signal::derive(move || {
                                                        t_string!(i18n, remove_everywhere_title).to_string()
                                                    })
                                                    body=remove_body.clone()
                                                    confirm=Signal::derive(move || {
                                                        t_string!(i18n, remove).to_string()
                                                    })
                                                    on_confirm=Callback::new(move |_| {
                                                        let _ = studio
                                                            .run(Command::RemoveEmployeeFromClients {
                                                                partner,
                                                                employee: id,
                                                                removals: removals.clone(),
                                                            });
                                                    })
                                                />
                                            }
                                        })}
                                </RowMenu>
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let filters = view! {
        <div class="filters" role="search">
            <label>
                {t_string!(i18n, search_employees)} " "
                <input
                    type="search"
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        search.set(event_target_value(&ev));
                        page.set(0);
                    }
                />
            </label>
            <label>
                {t_string!(i18n, filter_domain)} " "
                <select on:change=move |ev| {
                    domain
                        .set(
                            match event_target_value(&ev).as_str() {
                                "on" => Some(true),
                                "off" => Some(false),
                                _ => None,
                            },
                        );
                    page.set(0);
                }>
                    <option value="">{t_string!(i18n, all)}</option>
                    <option value="on">{t_string!(i18n, domain_on)}</option>
                    <option value="off">{t_string!(i18n, domain_off)}</option>
                </select>
            </label>
            <label>
                {t_string!(i18n, filter_client)} " "
                <select on:change=move |ev| {
                    client.set(event_target_value(&ev).parse::<u32>().ok().map(AccountId));
                    page.set(0);
                }>
                    <option value="">{t_string!(i18n, all_clients)}</option>
                    {all_clients
                        .into_iter()
                        .map(|(c, n)| view! { <option value=c.0.to_string()>{n}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
        <p role="status" class="count">
            {move || {
                let (shown, total) = matching.with(|m| (m.0.len(), m.1));
                label_with(
                    keys::showing_employees,
                    &[("shown", shown.to_string()), ("total", total.to_string())],
                )
            }}
        </p>
    };
    view! {
        <section role="tabpanel" id="panel-employees" aria-labelledby="tab-employees">
            {issued_link("issued-link", issued)}
            {filters}
            <Show when=move || matching.with(|m| m.0.is_empty())>
                <p>{t_string!(i18n, no_employees_match)}</p>
            </Show>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t_string!(i18n, col_name)}</th>
                        <th scope="col">{t_string!(i18n, col_email)}</th>
                        <th scope="col">{t_string!(i18n, tab_clients)}</th>
                        <th scope="col">
                            <span class="visually-hidden">{t_string!(i18n, actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Pager page=page pages=pages on_change=Callback::new(move |p| page.set(p)) />
            <AccessLinks partner=partner />
            <Modal open=dialog_open labelled_by="employee-dialog-title" class="wide">
                {move || match dialog.get() {
                    Some(EmployeeDialog::Details(u)) => {
                        view! {
                            <EmployeeDetails
                                partner=partner
                                employee=u
                                dialog=dialog
                                open=dialog_open
                            />
                        }
                            .into_any()
                    }
                    Some(EmployeeDialog::LinkClients(u)) => {
                        view! { <LinkClients partner=partner employee=u open=dialog_open /> }
                            .into_any()
                    }
                    Some(EmployeeDialog::RemoveFromClients(u)) => {
                        view! { <RemoveFromClients partner=partner employee=u open=dialog_open /> }
                            .into_any()
                    }
                    None => ().into_any(),
                }}
            </Modal>
        </section>
    }
}

/// The clients each employee of `partner` can access, by the employee's
/// address, as the partner calls them: one pass over the clients' users,
/// not one per employee.
fn clients_by_employee(
    state: &State,
    partner: AccountId,
) -> HashMap<&Email, Vec<(AccountId, String)>> {
    let directory = PartnerDirectory::new(state);
    let mut clients_of: HashMap<&Email, Vec<(AccountId, String)>> = HashMap::new();
    for c in state.clients() {
        let mut name = None;
        for u in c
            .users
            .iter()
            .filter(|u| directory.credited_partner(u) == Some(partner))
        {
            let name = name.get_or_insert_with(|| client_names(state, partner, c.id).0);
            clients_of
                .entry(&u.email)
                .or_default()
                .push((c.id, name.clone()));
        }
    }
    clients_of
}

/// The checkmark of an employee on an approved partner email domain (R-ACC-3).
fn domain_checkmark() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span
            class="checkmark"
            role="img"
            aria-label=t_string!(i18n, partner_domain_checkmark).to_string()
        >
            "✓"
        </span>
    }
}
