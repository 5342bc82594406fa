//! Dialogs for one client of the Clients tab: `Add employees` (R-CAM-4),
//! `Details` with `Change permission set` (R-CAM-6), deactivate/reactivate
//! and `Remove partner employees` (R-CAM-8), and `Change to partner admin`
//! (R-PA-3, R-PA-4).

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
        <label>{t_string!(i18n, col_set)} " "
            <select on:change=move |ev| {
                let i = event_target_value(&ev).parse::<usize>().ok();
                chosen.set(i.and_then(|i| sets.get(i)).map(|s| s.0));
            }>
                <option value="">{t_string!(i18n, choose_set)}</option>
                {options.into_iter().enumerate().map(|(i, (_, name))| view! { <option value=i.to_string()>{name}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// Partner-account users who are not yet the partner's employees in the
/// client: new to it, or already its users, who then get the set and the
/// Partner seat (R-SEAT-7).
fn candidates(
    state: &State,
    partner: AccountId,
    client: AccountId,
) -> Vec<(UserId, String, String)> {
    let (Some(p), Some(c)) = (state.account(partner), state.account(client)) else {
        return Vec::new();
    };
    p.users
        .iter()
        .filter(|u| {
            u.is_active()
                && c.user_by_email(&u.email)
                    .is_none_or(|there| partner_of(state, there) != Some(partner))
        })
        .map(|u| (u.id, u.name.clone(), u.email.to_string()))
        .collect()
}

#[component]
pub fn AddEmployees(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The client account the employees are added to.
    client: AccountId,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    studio.notice.set(None);
    let (name, people, sets) = studio.doc.with_untracked(|d| {
        let c = d.state.account(client);
        (
            client_names(&d.state, partner, client).0,
            candidates(&d.state, partner, client),
            c.map(|c| sets_in(c, lang)).unwrap_or_default(),
        )
    });
    let picked = RwSignal::new(Vec::<UserId>::new());
    let set = RwSignal::new(None::<SetId>);
    let add = move |_| {
        let Some(set) = set.get_untracked() else {
            studio
                .notice
                .set(Some(Notice::Stale(Text::msg("app.choose_set"))));
            return;
        };
        let cmd = Command::AddEmployees {
            partner,
            client,
            employees: picked.get_untracked(),
            set,
        };
        if studio.run(cmd).is_ok() {
            open.set(false);
        }
    };
    let empty = people.is_empty();
    // Only a Partner admin of the client adds (R-CAM-4): when the person is
    // not, the panel says why for this client and offers nothing.
    let not_allowed = studio.doc.with_untracked(|d| {
        may_use_partner_admin_tools(&d.state, &d.acting, client, "action.add_employees")
            .err()
            .map(|r| r.render(lang))
    });
    let heading = view! { <h2 id="client-dialog-title">{t!(i18n, add_employees_to, client = move || name.clone())}</h2> };
    if let Some(why) = not_allowed {
        return view! {
            {heading}
            <p class="refusal">{why}</p>
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>{t_string!(i18n, close)}</button>
            </div>
        }
        .into_any();
    }
    let size = people.len().clamp(2, 8).to_string();
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let options = select.selected_options();
        let ids = (0..options.length())
            .filter_map(|i| options.item(i))
            .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
            .filter_map(|o| o.value().parse::<u32>().ok().map(UserId))
            .collect();
        picked.set(ids);
    };
    view! {
        {heading}
        <p class="help">{t_string!(i18n, add_employees_help)}</p>
        {if empty {
            view! { <p>{t_string!(i18n, no_employees_to_add)}</p> }.into_any()
        } else {
            // Seed 004: the Employees dropdown, the Permission set dropdown,
            // then Add.
            view! {
                <label for="add-employees-select">{t_string!(i18n, employees_label)}</label>
                <select id="add-employees-select" multiple size=size on:change=on_pick>
                    {people.into_iter().map(|(id, name, email)| view! {
                        <option value=id.0.to_string()>{format!("{name} ({email})")}</option>
                    }).collect_view()}
                </select>
            }.into_any()
        }}
        <SetSelect sets=sets chosen=set />
        <InlineNotice />
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>{t_string!(i18n, cancel)}</button>
            <button type="button" class="primary" on:click=add>{t_string!(i18n, add)}</button>
        </div>
    }
    .into_any()
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
            <thead><tr>
                <th scope="col">
                    <input type="checkbox" aria-label=move || t_string!(i18n, select_all).to_string()
                        disabled=locked
                        prop:checked=move || { let all = all_ids(); !all.is_empty() && selected.with(|s| all.iter().all(|i| s.contains(i))) }
                        on:change=move |ev| selected.set(if event_target_checked(&ev) { all_ids() } else { Vec::new() }) />
                </th>
                <th scope="col">{t_string!(i18n, col_name)}</th>
                <th scope="col">{t_string!(i18n, col_email)}</th>
                <th scope="col">{t_string!(i18n, col_seat)}</th>
                <th scope="col">{t_string!(i18n, col_set)}</th>
                <th scope="col">{t_string!(i18n, col_status)}</th>
                <th scope="col"><span class="visually-hidden">{t_string!(i18n, actions)}</span></th>
            </tr></thead>
            <tbody>
                {move || employees.get().into_iter().map(|(id, name, email, seat, set, status)| {
                    let label = format!("{} {}", t_string!(i18n, select), name);
                    let row = name.clone();
                    view! {
                        <tr>
                            <td><input type="checkbox" aria-label=label disabled=locked prop:checked=move || selected.with(|s| s.contains(&id))
                                on:change=move |ev| { let on = event_target_checked(&ev); toggle(selected, id, on); } /></td>
                            <th scope="row">{name}</th>
                            <td>{email}</td>
                            <td>{seat}</td>
                            <td>{set}</td>
                            <td>{status}</td>
                            <td class="row-actions">
                                <RowMenu open=row_menu id=id row=row>
                                    <button type="button" on:click=move |_| { row_menu.set(None); mode.set(Mode::ChangeOne(id)); }>{t_string!(i18n, change_permission_set)}</button>
                                </RowMenu>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <div class="actions-row">
            <button type="button" disabled=none_selected on:click=move |_| mode.set(Mode::ChangeSet)>{t_string!(i18n, change_permission_set)}</button>
            <button type="button" disabled=none_selected on:click=move |_| all_selected(|account, users| Command::DeactivateUsers { account, users })>{t_string!(i18n, deactivate)}</button>
            <button type="button" disabled=none_selected on:click=move |_| all_selected(|account, users| Command::ReactivateUsers { account, users })>{t_string!(i18n, reactivate)}</button>
            <button type="button" class="danger" disabled=none_selected on:click=move |_| mode.set(Mode::Remove)>{t_string!(i18n, remove_partner_employees)}</button>
        </div>
        {move || match mode.get() {
            Mode::List => ().into_any(),
            Mode::ChangeSet => view! { <ChangeSet partner=partner client=client users=selected.get_untracked() mode=mode /> }.into_any(),
            Mode::ChangeOne(one) => view! { <ChangeSet partner=partner client=client users=vec![one] mode=mode /> }.into_any(),
            Mode::Remove => view! { <RemoveReview partner=partner client=client users=selected.get_untracked() mode=mode selected=selected /> }.into_any(),
        }}
        <InlineNotice />
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>{t_string!(i18n, close)}</button>
        </div>
    }
}

/// `Change permission set` with the R-CAM-6 preview: per employee, what the
/// acting Partner admin cannot grant or cannot take away.
#[component]
fn ChangeSet(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The client account the partner works in.
    client: AccountId,
    /// The selected users the dialog acts on.
    users: Vec<UserId>,
    /// Which view of the client is shown; set back to the list when done.
    mode: RwSignal<Mode>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let sets = studio.doc.with_untracked(|d| {
        d.state
            .account(client)
            .map(|c| sets_in(c, lang))
            .unwrap_or_default()
    });
    let set = RwSignal::new(None::<SetId>);
    let users_for_cmd = users.clone();
    let command = move |set: SetId| Command::ChangePermissionSet {
        partner,
        client,
        users: users_for_cmd.clone(),
        set,
    };
    let cmd_for_preview = command.clone();
    let preview = Memo::new(move |_| {
        let set = set.get()?;
        let lines = studio.doc.with(|d| {
            let c = d.state.account(client)?;
            let target = c.set_permissions(set)?;
            let decision = decide(&d.state, &d.acting, &cmd_for_preview(set), d.clock);
            let decision = match decision {
                Ok(x) => x,
                Err(r) => return Some(Err(r.render(lang))),
            };
            let mut lines = Vec::new();
            for &id in &users {
                let Some(u) = c.user(id) else { continue };
                let after = decision
                    .events
                    .iter()
                    .find_map(|e| match e {
                        Event::UserChanged { after, .. } if after.id == id => {
                            Some(after.permissions)
                        }
                        _ => None,
                    })
                    .unwrap_or(u.permissions);
                let gaps: Vec<String> = after
                    .changes_to(&target)
                    .iter()
                    .map(|g| g.describe().render(lang))
                    .collect();
                if !gaps.is_empty() {
                    lines.push(format!("{}: {}", u.name, gaps.join(", ")));
                }
            }
            Some(Ok(lines))
        })?;
        Some(lines)
    });
    // The refusal (if any) is shown as such, and Save stays disabled.
    let refused = move || preview.with(|p| matches!(p, Some(Err(_))));
    let save = move |_| {
        if let Some(s) = set.get_untracked() {
            if studio.run(command(s)).is_ok() {
                mode.set(Mode::List);
            }
        }
    };
    view! {
        <section class="panel" aria-labelledby="change-set-heading">
            <h3 id="change-set-heading">{t_string!(i18n, change_permission_set)}</h3>
            <SetSelect sets=sets chosen=set />
            {move || preview.get().map(|lines| match lines {
                Err(refusal) => view! { <p class="refusal" role="alert">{refusal}</p> }.into_any(),
                Ok(lines) if lines.is_empty() => view! { <p class="help">{t_string!(i18n, set_applies_fully)}</p> }.into_any(),
                Ok(lines) => {
                view! {
                    <div class="warning-box">
                        <p>{t_string!(i18n, not_granted_or_removed)}</p>
                        <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
                }
            })}
            <div class="actions-row">
                <button type="button" on:click=move |_| mode.set(Mode::List)>{t_string!(i18n, cancel)}</button>
                <button type="button" class="primary" disabled=move || set.get().is_none() || refused() on:click=save>{t_string!(i18n, confirm)}</button>
            </div>
        </section>
    }
}

/// The review of `Remove partner employees` (R-CAM-8): who leaves, what they
/// own and who receives it, and when the managed relationship ends (R-REL-2).
#[component]
fn RemoveReview(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The client account the partner works in.
    client: AccountId,
    /// The selected users the dialog acts on.
    users: Vec<UserId>,
    /// Which view of the client is shown; set back to the list when done.
    mode: RwSignal<Mode>,
    /// The client's selected employees, emptied once they are removed.
    selected: RwSignal<Vec<UserId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let (leaving, receivers, end) = studio.doc.with_untracked(|d| {
        let c = d.state.account(client);
        let leaving: Vec<(String, Vec<String>)> = users
            .iter()
            .filter_map(|&id| c.and_then(|c| c.user(id)))
            .map(|u| {
                (
                    u.name.clone(),
                    u.assets
                        .iter()
                        .map(|a| format!("{}: {}", a.kind.text().render(lang), a.name))
                        .collect(),
                )
            })
            .collect();
        let receivers: Vec<(UserId, String)> = c
            .map(|c| {
                c.users
                    .iter()
                    .filter(|u| u.is_active() && !users.contains(&u.id))
                    .map(|u| (u.id, format!("{} ({})", u.name, u.email)))
                    .collect()
            })
            .unwrap_or_default();
        // The core decides the removal as a preview (with any receiver, so
        // that only real refusals show): its own partner activity counts
        // toward the end date.
        let preview = Command::RemovePartnerEmployees {
            partner,
            client,
            users: users.clone(),
            reassign_to: receivers.first().map(|r| r.0),
        };
        let end = decide(&d.state, &d.acting, &preview, d.clock)
            .map(|decision| relationship_end_after(&d.state, partner, client, &decision))
            .map_err(|r| r.render(lang));
        (leaving, receivers, end)
    });
    let owns_something = leaving.iter().any(|(_, a)| !a.is_empty());
    let receiver = RwSignal::new(None::<UserId>);
    let confirm = move |_| {
        let cmd = Command::RemovePartnerEmployees {
            partner,
            client,
            users: users.clone(),
            reassign_to: receiver.get_untracked(),
        };
        if studio.run(cmd).is_ok() {
            selected.set(Vec::new());
            mode.set(Mode::List);
        }
    };
    view! {
        <section class="panel" aria-labelledby="remove-heading">
            <h3 id="remove-heading">{t_string!(i18n, review_removal)}</h3>
            <ul>
                {leaving.into_iter().map(|(name, assets)| view! {
                    <li>{name}
                        {if assets.is_empty() { view! { " — " {t_string!(i18n, no_owned_assets)} }.into_any() }
                         else { view! { <ul>{assets.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul> }.into_any() }}
                    </li>
                }).collect_view()}
            </ul>
            {owns_something.then(|| view! {
                <label>{t_string!(i18n, reassign_to)} " "
                    <select on:change=move |ev| receiver.set(event_target_value(&ev).parse::<u32>().ok().map(UserId))>
                        <option value="">{t_string!(i18n, choose_user)}</option>
                        {receivers.into_iter().map(|(id, label)| view! { <option value=id.0.to_string()>{label}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <p>{match end {
                Ok(Some(on)) => { let date = lang.date(on); t!(i18n, relationship_will_end, date = move || date.clone()).into_any() }
                Ok(None) => t!(i18n, relationship_continues).into_any(),
                Err(refusal) => view! { <span class="refusal">{refusal}</span> }.into_any(),
            }}</p>
            <div class="actions-row">
                <button type="button" on:click=move |_| mode.set(Mode::List)>{t_string!(i18n, back)}</button>
                <button type="button" class="danger" on:click=confirm>{t_string!(i18n, confirm_removal)}</button>
            </div>
        </section>
    }
}

/// `Change to partner admin` from the Clients tab: the acting partner user,
/// Super Admin in the client, becomes its Partner admin (R-PA-3); then other
/// partner employees who are Super Admin there can be converted (R-PA-4).
#[component]
pub fn ChangeToPartnerAdminDialog(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The client account the partner works in.
    client: AccountId,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    studio.notice.set(None);
    let keep_billing = RwSignal::new(false);
    let name = studio
        .doc
        .with_untracked(|d| client_names(&d.state, partner, client).0);
    // The actor's own user in the client, found by their address.
    let me = move || {
        studio.doc.with(|d| {
            let email = d.state.user(d.acting.account, d.acting.user)?.email.clone();
            d.state.account(client)?.user_by_email(&email).map(|u| u.id)
        })
    };
    let others = move || {
        studio.doc.with(|d| {
            let mine = me();
            managing_employees(&d.state, partner, client)
                .into_iter()
                .filter(|u| u.is_super_admin() && Some(u.id) != mine)
                .map(|u| (u.id, u.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let convert = move |user: UserId| {
        let _ = studio.run(Command::ChangeToPartnerAdmin {
            client,
            user,
            keep_billing: keep_billing.get_untracked(),
        });
    };
    // Whether the actor's own change would be accepted, and if not, why:
    // the core's answer for this client, not a fixed sentence.
    let lang = crate::app::language::lang();
    let own = move || {
        let id = me()?;
        let cmd = Command::ChangeToPartnerAdmin {
            client,
            user: id,
            keep_billing: keep_billing.get_untracked(),
        };
        Some(
            studio
                .doc
                .with(|d| decide(&d.state, &d.acting, &cmd, d.clock))
                .map(|_| id)
                .map_err(|r| r.render(lang)),
        )
    };
    view! {
        <h2 id="client-dialog-title">{t!(i18n, change_to_partner_admin_in, client = move || name.clone())}</h2>
        {move || match own() {
            Some(Ok(id)) => view! {
                <p class="help">{t_string!(i18n, change_to_partner_admin_cam_help)}</p>
                <div class="choice">
                    <input type="checkbox" id="cam-keep-billing" prop:checked=move || keep_billing.get()
                        on:change=move |ev| keep_billing.set(event_target_checked(&ev)) />
                    <label for="cam-keep-billing">{t_string!(i18n, keep_billing)}</label>
                </div>
                <AdminComparison />
                <button type="button" class="primary" on:click=move |_| convert(id)>{t_string!(i18n, confirm)}</button>
            }.into_any(),
            Some(Err(why)) => view! { <p class="refusal">{why}</p> }.into_any(),
            None => view! { <p class="refusal">{t_string!(i18n, not_a_user_there)}</p> }.into_any(),
        }}
        {move || {
            let list = others();
            (!list.is_empty()).then(|| view! {
                <h3>{t_string!(i18n, other_super_admins)}</h3>
                <ul>
                    // Named after the person, so that the vendor's "Change to
                    // partner admin" finds the button for oneself alone.
                    {list.into_iter().map(|(id, name)| {
                        view! { <li><button type="button" on:click=move |_| convert(id)>{t!(i18n, change_other_to_partner_admin, name = move || name.clone())}</button></li> }
                    }).collect_view()}
                </ul>
            })
        }}
        <InlineNotice />
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>{t_string!(i18n, close)}</button>
        </div>
    }
}
