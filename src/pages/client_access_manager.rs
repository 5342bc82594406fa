//! Partner > Client Access Manager.

use super::AccountScreen;
use crate::app::{paths, random, studio::use_studio};
use crate::domain::*;
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
    // A memo: the tabs are rebuilt only when access changes, not on every edit.
    let denied = Memo::new(move |_| {
        studio
            .doc
            .with(|d| may_open_client_access_manager(&d.state, &d.acting).err())
    });
    move || match denied.get() {
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
    let menu = RwSignal::new(None::<UserId>);
    let issued = RwSignal::new(None::<(String, String)>);
    let issue = move |employee: UserId| {
        let token = random::link_token();
        let cmd = Command::IssueAccessLink {
            partner,
            employee,
            token: token.clone(),
        };
        if studio.run(cmd).is_ok() {
            let name = studio.doc.with_untracked(|d| {
                d.state
                    .user(partner, employee)
                    .map(|u| u.name.clone())
                    .unwrap_or_default()
            });
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            issued.set(Some((
                name,
                format!("{origin}{}", paths::access_link(&token)),
            )));
            menu.set(None);
        }
    };
    let rows = move || {
        studio.doc.with(|d| {
            let Some(p) = d.state.account(partner) else { return Vec::new() };
            p.users
                .iter()
                .map(|u| {
                    let id = u.id;
                    let check = has_partner_domain_checkmark(p, u);
                    let clients: Vec<String> = d
                        .state
                        .clients()
                        .filter(|c| c.user_by_email(&u.email).is_some_and(|cu| partner_of(&d.state, cu) == Some(partner)))
                        .map(|c| client_names(&d.state, partner, c.id).0)
                        .collect();
                    let name = u.name.clone();
                    let menu_name = name.clone();
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>
                                {u.email.to_string()}
                                {check.then(|| view! {
                                    <span class="checkmark" role="img" aria-label=t_string!(i18n, partner_domain_checkmark).to_string()>"✓"</span>
                                })}
                            </td>
                            <td>{clients.join(", ")}</td>
                            <td class="row-actions">
                                <button type="button" aria-expanded=move || (menu.get() == Some(id)).to_string()
                                    aria-label=move || { let n = menu_name.clone(); format!("{} {}", t_string!(i18n, actions), n) }
                                    on:click=move |_| menu.update(|m| *m = if *m == Some(id) { None } else { Some(id) })>
                                    {t!(i18n, actions)}
                                </button>
                                {move || (menu.get() == Some(id)).then(|| view! {
                                    <div class="menu">
                                        <button type="button" on:click=move |_| issue(id)>{t!(i18n, copy_access_link)}</button>
                                    </div>
                                })}
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let me = move || studio.acting().user;
    view! {
        <section role="tabpanel" id="panel-employees" aria-labelledby="tab-employees">
            <p><button type="button" on:click=move |_| issue(me())>{t!(i18n, get_access_link)}</button></p>
            {move || issued.get().map(|(name, url)| view! { <IssuedLink name=name url=url /> })}
            <table>
                <thead><tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_email)}</th>
                    <th scope="col">{t!(i18n, tab_clients)}</th>
                    <th scope="col"><span class="visually-hidden">{t!(i18n, actions)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <AccessLinks partner=partner />
        </section>
    }
}

/// The link just made, ready to copy and send to the client.
#[component]
fn IssuedLink(name: String, url: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(None::<bool>);
    let to_copy = url.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        leptos::task::spawn_local(async move {
            let ok = match clipboard {
                Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&text))
                    .await
                    .is_ok(),
                None => false,
            };
            status.set(Some(ok));
        });
    };
    view! {
        <div class="issued-link">
            <label for="issued-link">{t!(i18n, access_link_label, name = move || name.clone())}</label>
            <input id="issued-link" type="text" readonly prop:value=url size="60" />
            <button type="button" on:click=copy>{t!(i18n, copy_link)}</button>
            <span role="status">{move || status.get().map(|ok| if ok { t!(i18n, link_copied).into_any() } else { t!(i18n, link_copy_failed).into_any() })}</span>
        </div>
    }
}

/// Every link of the partner with its state; active ones can be revoked.
#[component]
fn AccessLinks(partner: AccountId) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let rows = move || {
        studio.doc.with(|d| {
            let links: Vec<_> = d.state.links.iter().filter(|l| l.partner == partner).collect();
            if links.is_empty() {
                return view! { <tr><td colspan="6" class="empty">{t!(i18n, no_links)}</td></tr> }.into_any();
            }
            links
                .into_iter()
                .rev()
                .map(|l| {
                    let who = d.state.user(partner, l.employee).map(|u| u.name.clone()).unwrap_or_default();
                    let used: Vec<String> = l.used_in.iter().map(|(c, _)| client_names(&d.state, partner, *c).0).collect();
                    let status = l.status(d.clock);
                    let token = l.token.clone();
                    let revocable = l.revoked_at.is_none() && status != LinkStatus::Expired;
                    view! {
                        <tr>
                            <th scope="row">{who}</th>
                            <td>{l.issued_at.iso_date()}</td>
                            <td>{l.expires_at.iso_date()}</td>
                            <td>{status.label()}</td>
                            <td>{used.join(", ")}</td>
                            <td>{revocable.then(|| view! {
                                <button type="button" on:click=move |_| { let _ = studio.run(Command::RevokeAccessLink { token: token.clone() }); }>
                                    {t!(i18n, revoke)}
                                </button>
                            })}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <h2>{t!(i18n, access_links)}</h2>
        <table>
            <thead><tr>
                <th scope="col">{t!(i18n, col_employee)}</th>
                <th scope="col">{t!(i18n, col_issued)}</th>
                <th scope="col">{t!(i18n, col_expires)}</th>
                <th scope="col">{t!(i18n, col_state)}</th>
                <th scope="col">{t!(i18n, col_used_in)}</th>
                <th scope="col"><span class="visually-hidden">{t!(i18n, revoke)}</span></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
