//! The Clients tab (R-CAM-2): every client an employee of the partner can
//! access, filtered by access type and searched by name, with row actions.

use super::client_details::{AddEmployees, ChangeToPartnerAdminDialog, ClientDetails};
use crate::app::studio::use_studio;
use crate::components::modal::Modal;
use crate::components::pager::{page_count, Pager, PAGE_SIZE};
use crate::components::row_menu::RowMenu;
use crate::components::toggle;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

/// A dialog opened from a row's `Actions`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ClientDialog {
    AddEmployees(AccountId),
    Details(AccountId),
    ChangeToPartnerAdmin(AccountId),
}

/// One row of the tab, computed from the state in one pass.
#[derive(Clone, PartialEq)]
struct ClientRow {
    id: AccountId,
    name: String,
    official: Option<String>,
    status: Option<RelationshipStatus>,
    with_access: usize,
    types: Vec<AccessType>,
}

fn client_rows(state: &State, partner: AccountId, now: Timestamp) -> Vec<ClientRow> {
    let directory = PartnerDirectory::new(state);
    directory
        .clients_of_partner(partner)
        .into_iter()
        .map(|(client, employees)| {
            let (name, official) = client_names(state, partner, client);
            let mut types: Vec<AccessType> = employees
                .iter()
                .filter_map(|&u| state.user(client, u))
                .map(AccessType::of)
                .collect();
            crate::domain::sort::sort(&mut types);
            types.dedup();
            ClientRow {
                id: client,
                name,
                official,
                status: directory.relationship_status(partner, client, now),
                with_access: employees
                    .iter()
                    .filter_map(|&u| state.user(client, u))
                    .filter(|u| u.is_active())
                    .count(),
                types,
            }
        })
        .collect()
}

#[component]
pub fn ClientsTab(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let ticked = RwSignal::new(AccessType::ALL.to_vec());
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    let menu = RwSignal::new(None::<AccountId>);
    let dialog = RwSignal::new(None::<ClientDialog>);
    let dialog_open = RwSignal::new(false);
    // Add employees opens as a panel on the right, as in seed 004.
    let panel_open = RwSignal::new(false);
    let panel_client = RwSignal::new(None::<AccountId>);
    Effect::new(move |_| {
        if !dialog_open.get() {
            dialog.set(None);
        }
    });
    let open_dialog = move |d: ClientDialog| {
        menu.set(None);
        if let ClientDialog::AddEmployees(c) = d {
            panel_client.set(Some(c));
            panel_open.set(true);
            return;
        }
        dialog.set(Some(d));
        dialog_open.set(true);
    };

    let all_rows = Memo::new(move |_| studio.doc.with(|d| client_rows(&d.state, partner, d.clock)));
    let filter_rows = move || {
        let ticked = ticked.get();
        let needle = search.get().trim().folded();
        all_rows.with(|rows| {
            rows.iter()
                .filter(|r| {
                    // A client with no employee left (relationship ending)
                    // shows whenever every type is ticked.
                    (r.types.is_empty() && ticked.len() == AccessType::ALL.len())
                        || r.types.iter().any(|t| ticked.contains(t))
                })
                .filter(|r| {
                    needle.is_empty()
                        || r.name.folded().contains(&needle)
                        || r.official
                            .as_ref()
                            .is_some_and(|o| o.folded().contains(&needle))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let status_view = move |status: Option<RelationshipStatus>| match status {
        Some(RelationshipStatus::Ending { on }) => {
            let date = lang.date(on);
            t!(i18n, relationship_ending, date = move || date.clone()).into_any()
        }
        Some(RelationshipStatus::Ended { on }) => {
            let date = lang.date(on);
            t!(i18n, relationship_ended, date = move || date.clone()).into_any()
        }
        _ => t!(i18n, relationship_active).into_any(),
    };
    let matching = Memo::new(move |_| filter_rows());
    let pages = Signal::derive(move || page_count(matching.with(Vec::len), PAGE_SIZE));
    let body = move || {
        let list: Vec<ClientRow> = matching.with(|m| {
            m.iter()
                .skip(page.get() * PAGE_SIZE)
                .take(PAGE_SIZE)
                .cloned()
                .collect()
        });
        if list.is_empty() {
            let none_at_all = all_rows.with(Vec::is_empty);
            return view! {
                <tr>
                    <td colspan="4" class="empty">
                        {if none_at_all {
                            t!(i18n, no_clients).into_any()
                        } else {
                            t!(i18n, no_clients_match).into_any()
                        }}
                    </td>
                </tr>
            }
            .into_any();
        }
        list.into_iter()
            .map(|r| {
                let id = r.id;
                view! {
                    <tr>
                        <th scope="row">
                            // The client's name opens it, as in the vendor's screens
                            // ("open the client", R-CAM-8); so does Actions > Details.
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| open_dialog(ClientDialog::Details(id))
                            >
                                {r.name.clone()}
                            </button>
                            {r
                                .official
                                .clone()
                                .map(|o| {
                                    view! {
                                        <span class="official-name">
                                            {t!(i18n, official_name, name = move || o.clone())}
                                        </span>
                                    }
                                })}
                        </th>
                        <td>{status_view(r.status)}</td>
                        <td class="num">{r.with_access}</td>
                        <td class="row-actions">
                            <RowMenu open=menu id=id row=r.name.clone()>
                                <button
                                    type="button"
                                    on:click=move |_| open_dialog(ClientDialog::AddEmployees(id))
                                >
                                    {t_string!(i18n, add_employees)}
                                </button>
                                <button
                                    type="button"
                                    on:click=move |_| open_dialog(ClientDialog::Details(id))
                                >
                                    {t_string!(i18n, details)}
                                </button>
                                <button
                                    type="button"
                                    on:click=move |_| open_dialog(
                                        ClientDialog::ChangeToPartnerAdmin(id),
                                    )
                                >
                                    {t_string!(i18n, change_to_partner_admin)}
                                </button>
                            </RowMenu>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section role="tabpanel" id="panel-clients" aria-labelledby="tab-clients">
            <div class="filters">
                <fieldset class="access-types">
                    <legend>{t_string!(i18n, access_types)}</legend>
                    {AccessType::ALL
                        .into_iter()
                        .map(|t| {
                            view! {
                                <label>
                                    <input
                                        type="checkbox"
                                        prop:checked=move || ticked.with(|v| v.contains(&t))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            toggle(ticked, t, on);
                                            page.set(0);
                                        }
                                    />
                                    " "
                                    {t.text().render(lang)}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <label>
                    {t_string!(i18n, search_clients)} " "
                    <input
                        type="search"
                        prop:value=move || search.get()
                        on:input=move |ev| {
                            search.set(event_target_value(&ev));
                            page.set(0);
                        }
                    />
                </label>
            </div>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t_string!(i18n, col_client)}</th>
                        <th scope="col">{t_string!(i18n, col_relationship)}</th>
                        <th scope="col" class="num">
                            {t_string!(i18n, col_employees)}
                        </th>
                        <th scope="col">
                            <span class="visually-hidden">{t_string!(i18n, actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            <Pager page=page pages=pages on_change=Callback::new(move |p| page.set(p)) />
            <Modal open=dialog_open labelled_by="client-dialog-title" class="wide">
                {move || match dialog.get() {
                    Some(ClientDialog::Details(c)) => {
                        view! { <ClientDetails partner=partner client=c open=dialog_open /> }
                            .into_any()
                    }
                    Some(ClientDialog::ChangeToPartnerAdmin(c)) => {
                        view! {
                            <ChangeToPartnerAdminDialog partner=partner client=c open=dialog_open />
                        }
                            .into_any()
                    }
                    Some(ClientDialog::AddEmployees(_)) | None => ().into_any(),
                }}
            </Modal>
            <Modal open=panel_open labelled_by="client-dialog-title" class="panel-right">
                {move || {
                    panel_open
                        .get()
                        .then(|| {
                            panel_client
                                .get()
                                .map(|c| {
                                    view! {
                                        <AddEmployees partner=partner client=c open=panel_open />
                                    }
                                })
                        })
                }}
            </Modal>
        </section>
    }
}
