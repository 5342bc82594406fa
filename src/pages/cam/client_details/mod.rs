//! Dialogs for one client of the Clients tab: `Add employees` (R-CAM-4),
//! `Details` with `Change permission set` (R-CAM-6), deactivate/reactivate
//! and `Remove partner employees` (R-CAM-8), and `Change to partner admin`
//! (R-PA-3, R-PA-4).

mod add_employees;
mod change_set;
mod change_to_partner_admin;
mod remove_review;

pub use add_employees::AddEmployees;
use change_set::ChangeSet;
pub use change_to_partner_admin::ChangeToPartnerAdminDialog;
use remove_review::RemoveReview;

use crate::app::studio::{use_studio, Notice};
use crate::components::notices::InlineNotice;
use crate::components::permission_sets::AdminComparison;
use crate::components::row_menu::RowMenu;
use crate::components::toggle;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

/// The sets a partner can give in a client: the built-in ones and the
/// client's own, with their names there.
fn sets_in(client: &Account, lang: Lang) -> Vec<(SetId, String)> {
    SetId::BUILT_IN
        .into_iter()
        .chain(client.custom_sets.iter().map(|s| SetId::Custom(s.id)))
        .map(|s| (s, client.set_name(s).render(lang)))
        .collect()
}

/// A `<select>` of permission sets; the value is the position in `sets`.
#[component]
fn SetSelect(
    /// The sets offered, with their names.
    sets: Vec<(SetId, String)>,
    /// The chosen set, if any.
    chosen: RwSignal<Option<SetId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = sets.clone();
    view! {
        <label>
            {t_string!(i18n, col_set)} " "
            <select on:change=move |ev| {
                let i = event_target_value(&ev).parse::<usize>().ok();
                chosen.set(i.and_then(|i| sets.get(i)).map(|s| s.0));
            }>
                <option value="">{t_string!(i18n, choose_set)}</option>
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (_, name))| view! { <option value=i.to_string()>{name}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// What the details dialog is doing besides listing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    List,
    ChangeSet,
    /// `Change permission set` from one employee's row Actions (seed 004).
    ChangeOne(UserId),
    Remove,
}

#[component]
pub fn ClientDetails(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The client account the partner works in.
    client: AccountId,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    studio.notice.set(None);
    let name = studio
        .doc
        .with_untracked(|d| client_names(&d.state, partner, client).0);
    let selected = RwSignal::new(Vec::<UserId>::new());
    let mode = RwSignal::new(Mode::List);
    let row_menu = RwSignal::new(None::<UserId>);
    let employees = Memo::new(move |_| {
        studio.doc.with(|d| {
            let c = d.state.account(client);
            managing_employees(&d.state, partner, client)
                .into_iter()
                .map(|u| {
                    (
                        u.id,
                        u.name.clone(),
                        u.email.to_string(),
                        u.seat.text().render(lang),
                        c.map(|c| c.access_label(u).render(lang))
                            .unwrap_or_default(),
                        u.status.text().render(lang),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let all_ids = move || employees.with(|e| e.iter().map(|x| x.0).collect::<Vec<_>>());
    // One command for the whole selection: all of it changes, or nothing
    // does and the refusal names every user refused.
    let all_selected = move |make: fn(AccountId, Vec<UserId>) -> Command| {
        let _ = studio.run(make(client, selected.get_untracked()));
    };
    // While a review is open, it and its command are of the selection it
    // was opened with: the ticks are locked until it closes.
    let locked = move || mode.get() != Mode::List;
    let none_selected = move || selected.with(Vec::is_empty) || locked();
    view! {
        <h2 id="client-dialog-title">{t!(i18n, employees_in, client = move || name.clone())}</h2>
        <table>
            <thead>
                <tr>
                    <th scope="col">
                        <input
                            type="checkbox"
                            aria-label=move || t_string!(i18n, select_all).to_string()
                            disabled=locked
                            prop:checked=move || {
                                let all = all_ids();
                                !all.is_empty()
                                    && selected.with(|s| all.iter().all(|i| s.contains(i)))
                            }
                            on:change=move |ev| {
                                selected
                                    .set(
                                        if event_target_checked(&ev) {
                                            all_ids()
                                        } else {
                                            Vec::new()
                                        },
                                    )
                            }
                        />
                    </th>
                    <th scope="col">{t_string!(i18n, col_name)}</th>
                    <th scope="col">{t_string!(i18n, col_email)}</th>
                    <th scope="col">{t_string!(i18n, col_seat)}</th>
                    <th scope="col">{t_string!(i18n, col_set)}</th>
                    <th scope="col">{t_string!(i18n, col_status)}</th>
                    <th scope="col">
                        <span class="visually-hidden">{t_string!(i18n, actions)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    employees
                        .get()
                        .into_iter()
                        .map(|(id, name, email, seat, set, status)| {
                            let label = format!("{} {}", t_string!(i18n, select), name);
                            let row = name.clone();
                            view! {
                                <tr>
                                    <td>
                                        <input
                                            type="checkbox"
                                            aria-label=label
                                            disabled=locked
                                            prop:checked=move || selected.with(|s| s.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                toggle(selected, id, on);
                                            }
                                        />
                                    </td>
                                    <th scope="row">{name}</th>
                                    <td>{email}</td>
                                    <td>{seat}</td>
                                    <td>{set}</td>
                                    <td>{status}</td>
                                    <td class="row-actions">
                                        <RowMenu open=row_menu id=id row=row>
                                            <button
                                                type="button"
                                                on:click=move |_| {
                                                    row_menu.set(None);
                                                    mode.set(Mode::ChangeOne(id));
                                                }
                                            >
                                                {t_string!(i18n, change_permission_set)}
                                            </button>
                                        </RowMenu>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
        <div class="actions-row">
            <button
                type="button"
                disabled=none_selected
                on:click=move |_| mode.set(Mode::ChangeSet)
            >
                {t_string!(i18n, change_permission_set)}
            </button>
            <button
                type="button"
                disabled=none_selected
                on:click=move |_| all_selected(|account, users| Command::DeactivateUsers {
                    account,
                    users,
                })
            >
                {t_string!(i18n, deactivate)}
            </button>
            <button
                type="button"
                disabled=none_selected
                on:click=move |_| all_selected(|account, users| Command::ReactivateUsers {
                    account,
                    users,
                })
            >
                {t_string!(i18n, reactivate)}
            </button>
            <button
                type="button"
                class="danger"
                disabled=none_selected
                on:click=move |_| mode.set(Mode::Remove)
            >
                {t_string!(i18n, remove_partner_employees)}
            </button>
        </div>
        {move || match mode.get() {
            Mode::List => ().into_any(),
            Mode::ChangeSet => {
                view! {
                    <ChangeSet
                        partner=partner
                        client=client
                        users=selected.get_untracked()
                        mode=mode
                    />
                }
                    .into_any()
            }
            Mode::ChangeOne(one) => {
                view! { <ChangeSet partner=partner client=client users=vec![one] mode=mode /> }
                    .into_any()
            }
            Mode::Remove => {
                view! {
                    <RemoveReview
                        partner=partner
                        client=client
                        users=selected.get_untracked()
                        mode=mode
                        selected=selected
                    />
                }
                    .into_any()
            }
        }}
        <InlineNotice />
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>
                {t_string!(i18n, close)}
            </button>
        </div>
    }
}
