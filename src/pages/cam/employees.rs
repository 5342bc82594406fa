//! The Employees tab (R-CAM-3): every partner employee, the clients each can
//! access, access links, `Link clients` (R-CAM-5) and the `Remove employee
//! from clients` wizard (R-CAM-7).

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

/// An employee opened by their name, as the vendor's steps go (R-PA-2:
/// Employees > employee > Actions > Copy access link): their address, the
/// clients they can access, and the Actions of their row.
#[component]
fn EmployeeDetails(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The partner employee shown.
    employee: UserId,
    /// Which dialog is shown: Link clients and Remove employee from clients
    /// take this one's place.
    dialog: RwSignal<Option<EmployeeDialog>>,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let menu = RwSignal::new(None::<UserId>);
    let issued = RwSignal::new(None::<SharedLink>);
    let (name, email, check, clients) = studio.doc.with_untracked(|d| {
        let Some((p, u)) = d
            .state
            .account(partner)
            .and_then(|p| Some((p, p.user(employee)?)))
        else {
            return Default::default();
        };
        let clients: Vec<String> = clients_by_employee(&d.state, partner)
            .remove(&u.email)
            .unwrap_or_default()
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        (
            u.name.clone(),
            u.email.to_string(),
            has_partner_domain_checkmark(p, u),
            clients,
        )
    });
    let copy = move |_| {
        if let Some(link) = link_for(studio, partner, employee, true) {
            issued.set(Some(link));
            menu.set(None);
        }
    };
    let switch = move |to: EmployeeDialog| dialog.set(Some(to));
    view! {
        <h2 id="employee-dialog-title">{name}</h2>
        <p>{email} " " {check.then(domain_checkmark)}</p>
        <h3>{t_string!(i18n, tab_clients)}</h3>
        <p>
            {if clients.is_empty() {
                t_string!(i18n, employee_no_clients).to_string()
            } else {
                clients.join(", ")
            }}
        </p>
        // The dialog is the employee's own: no row to describe.
        <RowMenu open=menu id=employee row=String::new()>
            <button type="button" on:click=copy>
                {t_string!(i18n, copy_access_link)}
            </button>
            <button type="button" on:click=move |_| switch(EmployeeDialog::LinkClients(employee))>
                {t_string!(i18n, link_clients)}
            </button>
            <button
                type="button"
                on:click=move |_| switch(EmployeeDialog::RemoveFromClients(employee))
            >
                {t_string!(i18n, remove_from_clients)}
            </button>
        </RowMenu>
        {issued_link("employee-link", issued)}
        <p>
            <button type="button" on:click=move |_| open.set(false)>
                {t_string!(i18n, close)}
            </button>
        </p>
    }
}

/// R-CAM-5: clients where the employee (without a partner email domain) is
/// already a user, not yet credited to this partner.
#[component]
fn LinkClients(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The partner employee linked to more clients.
    employee: UserId,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let (name, clients) = studio.doc.with_untracked(|d| {
        let Some(emp) = d.state.user(partner, employee) else {
            return (String::new(), Vec::new());
        };
        let clients: Vec<(AccountId, String)> = d
            .state
            .clients()
            .filter(|c| {
                c.user_by_email(&emp.email)
                    .is_some_and(|u| credited_partner(&d.state, u) != Some(partner))
            })
            .map(|c| (c.id, client_names(&d.state, partner, c.id).0))
            .collect();
        (emp.name.clone(), clients)
    });
    // Seed 004: "Select a client in the dropdown menu and click Confirm."
    let picked = RwSignal::new(None::<AccountId>);
    let link = move |_| {
        let cmd = Command::LinkClients {
            partner,
            employee,
            clients: picked.get_untracked().into_iter().collect(),
        };
        if studio.run(cmd).is_ok() {
            open.set(false);
        }
    };
    let empty = clients.is_empty();
    view! {
        <h2 id="employee-dialog-title">
            {t!(i18n, link_clients_for, name = move || name.clone())}
        </h2>
        <p class="help">{t_string!(i18n, link_clients_help)}</p>
        {if empty {
            view! { <p>{t_string!(i18n, no_clients_to_link)}</p> }.into_any()
        } else {
            view! {
                <label for="link-client">{t_string!(i18n, client)}</label>
                <select
                    id="link-client"
                    on:change=move |ev| {
                        picked.set(event_target_value(&ev).parse::<u32>().ok().map(AccountId));
                    }
                >
                    <option value="">{t_string!(i18n, choose_client)}</option>
                    {clients
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> })
                        .collect_view()}
                </select>
            }
                .into_any()
        }}
        <InlineNotice />
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>
                {t_string!(i18n, cancel)}
            </button>
            <button
                type="button"
                class="primary"
                disabled=move || picked.get().is_none()
                on:click=link
            >
                {t_string!(i18n, confirm)}
            </button>
        </div>
    }
}

/// One client in the R-CAM-7 wizard: the employee's user there and what
/// they own, and who could receive it.
#[derive(Clone)]
struct Stop {
    client: AccountId,
    name: String,
    assets: Vec<String>,
    receivers: Vec<(UserId, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WizardStep {
    Choose,
    Review,
    Done,
}

/// R-CAM-7: walk through every client where the employee is a user and
/// what they own there; tick clients; `Next`; review (with a receiver for
/// owned assets); `Done`.
#[component]
fn RemoveFromClients(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The partner employee removed from clients.
    employee: UserId,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let (name, stops) = studio.doc.with_untracked(|d| {
        let Some(emp) = d.state.user(partner, employee) else {
            return (String::new(), Vec::new());
        };
        let stops: Vec<Stop> = d
            .state
            .clients()
            .filter_map(|c| {
                let u = c.user_by_email(&emp.email)?;
                (partner_of(&d.state, u) == Some(partner)).then(|| Stop {
                    client: c.id,
                    name: client_names(&d.state, partner, c.id).0,
                    assets: u
                        .assets
                        .iter()
                        .map(|a| format!("{}: {}", a.kind.text().render(lang), a.name))
                        .collect(),
                    receivers: c
                        .users
                        .iter()
                        .filter(|o| o.is_active() && o.id != u.id)
                        .map(|o| (o.id, format!("{} ({})", o.name, o.email)))
                        .collect(),
                })
            })
            .collect();
        (emp.name.clone(), stops)
    });
    let step = RwSignal::new(WizardStep::Choose);
    let ticked = RwSignal::new(Vec::<AccountId>::new());
    let receivers = RwSignal::new(Vec::<(AccountId, UserId)>::new());
    // Set by a refused Done: lists still without a receiver are then
    // marked, so the refusal points at what to fix (R-CAM-7).
    let tried = RwSignal::new(false);
    let stops = StoredValue::new(stops);
    let next = move |_| {
        if ticked.with(Vec::is_empty) {
            studio.notice.set(Some(crate::app::studio::Notice::Invalid(
                crate::domain::Text::msg("app.tick_a_client"),
            )));
        } else {
            studio.notice.set(None);
            step.set(WizardStep::Review);
        }
    };
    let done = move |_| {
        tried.set(true);
        let removals: Vec<ClientRemoval> = ticked
            .get_untracked()
            .into_iter()
            .map(|client| ClientRemoval {
                client,
                reassign_to: receivers
                    .with_untracked(|r| r.iter().find(|x| x.0 == client).map(|x| x.1)),
            })
            .collect();
        if studio
            .run(Command::RemoveEmployeeFromClients {
                partner,
                employee,
                removals,
            })
            .is_ok()
        {
            step.set(WizardStep::Done);
        }
    };
    let choose = move || {
        stops.get_value().into_iter().map(|s| {
            let id = s.client;
            let label = s.name.clone();
            view! {
                <li>
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || ticked.with(|t| t.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                toggle(ticked, id, on);
                            }
                        />
                        " "
                        {label}
                    </label>
                    {if s.assets.is_empty() {
                        view! { <p class="help">{t_string!(i18n, no_owned_assets)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="assets">
                                {s
                                    .assets
                                    .into_iter()
                                    .map(|a| view! { <li>{a}</li> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </li>
            }
        }).collect_view()
    };
    let review = move || {
        let chosen = ticked.get_untracked();
        stops.get_value().into_iter().filter(|s| chosen.contains(&s.client)).map(|s| {
            let id = s.client;
            let select_label = format!("{} — {}", t_string!(i18n, reassign_to), s.name);
            view! {
                <li>
                    <strong>{s.name.clone()}</strong>
                    {if s.assets.is_empty() {
                        view! {
                            " — "
                            {t_string!(i18n, no_owned_assets)}
                        }
                            .into_any()
                    } else {
                        view! {
                            <ul class="assets">
                                {s
                                    .assets
                                    .into_iter()
                                    .map(|a| view! { <li>{a}</li> })
                                    .collect_view()}
                            </ul>
                            <label>
                                {select_label} " "
                                <select
                                    aria-invalid=move || {
                                        (tried.get()
                                            && receivers.with(|r| !r.iter().any(|x| x.0 == id)))
                                            .to_string()
                                    }
                                    on:change=move |ev| {
                                        let to = event_target_value(&ev)
                                            .parse::<u32>()
                                            .ok()
                                            .map(UserId);
                                        receivers
                                            .update(|r| {
                                                r.retain(|x| x.0 != id);
                                                if let Some(u) = to {
                                                    r.push((id, u))
                                                }
                                            });
                                    }
                                >
                                    <option value="">{t_string!(i18n, choose_user)}</option>
                                    {s
                                        .receivers
                                        .into_iter()
                                        .map(|(uid, l)| {
                                            view! { <option value=uid.0.to_string()>{l}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                        }
                            .into_any()
                    }}
                </li>
            }
        }).collect_view()
    };
    let heading = name.clone();
    view! {
        <h2 id="employee-dialog-title">
            {t!(i18n, remove_from_clients_title, name = move || heading.clone())}
        </h2>
        {move || match step.get() {
            WizardStep::Choose => {
                view! {
                    <p class="step-count">{t!(i18n, step_n_of_2, step = 1)}</p>
                    <p class="help">{t_string!(i18n, remove_from_clients_help)}</p>
                    {if stops.with_value(Vec::is_empty) {
                        view! { <p>{t_string!(i18n, not_in_any_client)}</p> }.into_any()
                    } else {
                        view! { <ul class="wizard-list">{choose()}</ul> }.into_any()
                    }}
                    <InlineNotice />
                    <div class="actions">
                        <button type="button" on:click=move |_| open.set(false)>
                            {t_string!(i18n, cancel)}
                        </button>
                        <button type="button" class="primary" on:click=next>
                            {t_string!(i18n, next)}
                        </button>
                    </div>
                }
                    .into_any()
            }
            WizardStep::Review => {
                view! {
                    <p class="step-count">{t!(i18n, step_n_of_2, step = 2)}</p>
                    <ul class="wizard-list">{review()}</ul>
                    <InlineNotice />
                    <div class="actions">
                        <button type="button" on:click=move |_| step.set(WizardStep::Choose)>
                            {t_string!(i18n, back)}
                        </button>
                        <button type="button" class="primary" on:click=done>
                            {t_string!(i18n, done)}
                        </button>
                    </div>
                }
                    .into_any()
            }
            WizardStep::Done => {
                view! {
                    <InlineNotice />
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| open.set(false)>
                            {t_string!(i18n, close)}
                        </button>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}
