//! A user's detail panel: `Edit permissions` (seat, template or individual
//! permissions, with what changes before `Save`), `Deactivate`,
//! `Reactivate`, `Remove` with reassignment of owned assets, and the user's
//! permission history from the audit log.

use crate::app::studio::use_studio;
use crate::components::access_chooser::{AccessChooser, AccessDraft};
use crate::components::confirm::ConfirmButton;
use crate::components::permission_sets::AdminComparison;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

/// The panel for one user; rendered inside a modal by the table.
#[component]
pub fn UserDetail(
    /// The account whose screen this is.
    account: AccountId,
    /// The user shown.
    user: UserId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let current = move || studio.doc.with(|d| d.state.user(account, user).cloned());
    move || {
        let Some(u) = current() else {
            return view! { <p>{t_string!(i18n, not_found_title)}</p> }.into_any();
        };
        let partner = studio.doc.with(|d| {
            credited_partner(&d.state, &u)
                .and_then(|p| d.state.account(p))
                .map(|p| p.name.clone())
        });
        let status = u.status.text().render(lang);
        let may_migrate = u.is_super_admin()
            && studio
                .doc
                .with(|d| is_eligible_for_partner_seat(&d.state, &u.email));
        view! {
            <h2 id="user-detail-title">{u.name.clone()}</h2>
            <p class="user-meta">
                {u.email.to_string()} " · " {status}
                {partner
                    .map(|p| {
                        view! {
                            " · "
                            <span class="partner-badge">{p}</span>
                        }
                    })}
            </p>
            <EditPermissions account=account user=u.clone() />
            {may_migrate.then(|| view! { <ChangeToPartnerAdmin account=account user=u.clone() /> })}
            <Lifecycle account=account user=u.clone() />
            <History account=account user=user />
        }
        .into_any()
    }
}

#[component]
fn EditPermissions(
    /// The account whose screen this is.
    account: AccountId,
    /// The user whose permissions are edited.
    user: User,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let seat = RwSignal::new(user.seat);
    let start = match user.set {
        Some(s) => Access::Set(s),
        None => Access::Custom(user.permissions),
    };
    let draft = AccessDraft::new(start, user.permissions);
    let emails = vec![user.email.clone()];
    // R-PERM-4d: a Partner admin adjusted one by one, with the adjustments.
    let adjustments: Vec<String> = studio.doc.with_untracked(|d| {
        d.state
            .account(account)
            .map(|a| a.adjustments(&user))
            .unwrap_or_default()
            .iter()
            .map(|c| c.describe().render(lang))
            .collect()
    });
    let (offered, eligible) = studio.doc.with_untracked(|d| {
        (
            seats_offered(&d.state, account, &emails),
            is_eligible_for_partner_seat(&d.state, &user.email),
        )
    });
    let seat_options = Seat::ALL
        .into_iter()
        .filter(|s| *s != Seat::Partner || eligible || user.seat == Seat::Partner)
        .map(|s| {
            let enabled = s == user.seat || offered.contains(&s);
            view! {
                <option value=format!("{s:?}") disabled=!enabled selected=s == user.seat>
                    {s.text().render(lang)}
                </option>
            }
        })
        .collect_view();
    let command = move || Command::EditUser {
        account,
        user: user.id,
        seat: seat.get(),
        access: draft.access(),
    };
    let preview = move || {
        let cmd = command();
        studio.doc.with(|d| {
            decide(&d.state, &d.acting, &cmd, d.clock)
                .map(|dec| (dec, d.state.account(account).cloned()))
        })
    };
    let save = move |_| {
        let _ = studio.run(command());
    };
    view! {
        <section class="edit-permissions" aria-labelledby="edit-permissions-heading">
            <h3 id="edit-permissions-heading">{t_string!(i18n, edit_permissions)}</h3>
            {(!adjustments.is_empty())
                .then(|| {
                    view! {
                        <div class="adjustments">
                            <p>{t_string!(i18n, partner_admin_adjusted)}</p>
                            <ul>
                                {adjustments
                                    .into_iter()
                                    .map(|a| view! { <li>{a}</li> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
            <label for="edit-seat">{t_string!(i18n, assign_seat)}</label>
            <select
                id="edit-seat"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(s) = Seat::ALL.into_iter().find(|s| format!("{s:?}") == v) {
                        seat.set(s)
                    }
                }
            >
                {seat_options}
            </select>
            <AccessChooser account=account emails=emails.clone() draft=draft />
            <h4>{t_string!(i18n, what_changes)}</h4>
            {move || match preview() {
                Err(r) => {
                    view! {
                        <p role="alert" class="refusal">
                            {r.render(lang)}
                        </p>
                    }
                        .into_any()
                }
                Ok((decision, acc)) => {
                    let lines = change_lines(&decision, acc.as_ref(), lang);
                    if lines.is_empty() {
                        view! { <p class="help">{t_string!(i18n, no_changes)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="diff">
                                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            }}
            <button
                type="button"
                class="primary"
                disabled=move || !matches!(preview(), Ok((d, _)) if !d.events.is_empty())
                on:click=save
            >
                {t_string!(i18n, save)}
            </button>
            <SaveAsSet account=account draft=draft />
        </section>
    }
}

/// Saves the choice being made in Edit permissions as a custom set of the
/// account (R-PERM-2), to be offered wherever sets are chosen.
#[component]
fn SaveAsSet(
    /// The account whose screen this is.
    account: AccountId,
    /// The permissions being edited, saved under a name.
    draft: AccessDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let name = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let permissions = studio.doc.with_untracked(|d| match draft.access() {
            Access::Custom(p) => Some(p),
            Access::Set(s) => d.state.account(account).and_then(|a| a.set_permissions(s)),
        });
        let Some(permissions) = permissions else {
            return;
        };
        let cmd = Command::SaveCustomSet {
            account,
            name: name.get_untracked(),
            permissions,
        };
        if studio.run(cmd).is_ok() {
            name.set(String::new());
        }
    };
    view! {
        <details class="save-as-set">
            <summary>{t_string!(i18n, save_as_set)}</summary>
            <form class="inline-form" on:submit=save>
                <label for="save-set-name">{t_string!(i18n, set_name)}</label>
                <input
                    id="save-set-name"
                    type="text"
                    maxlength="60"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <button type="submit">{t_string!(i18n, save_as_set)}</button>
            </form>
        </details>
    }
}

/// What a decision changes about users, as lines a person reads.
pub fn change_lines(decision: &Decision, account: Option<&Account>, lang: Lang) -> Vec<String> {
    let label = |u: &User| {
        account
            .map(|a| a.access_label(u))
            .unwrap_or_else(|| Text::msg("set.custom"))
    };
    let mut lines = Vec::new();
    for e in &decision.events {
        if let Event::UserChanged { before, after, .. } = e {
            let seat = (before.seat != after.seat).then(|| {
                domain::text!(
                    "change.seat",
                    from = before.seat.text(),
                    to = after.seat.text()
                )
            });
            let set = (before.set != after.set)
                .then(|| domain::text!("change.set", from = label(before), to = label(after)));
            let status = (before.status != after.status).then(|| {
                domain::text!(
                    "change.status",
                    from = before.status.text(),
                    to = after.status.text()
                )
            });
            lines.extend(
                [seat, set, status]
                    .into_iter()
                    .flatten()
                    .map(|t| t.render(lang)),
            );
            lines.extend(
                before
                    .permissions
                    .changes_to(&after.permissions)
                    .iter()
                    .map(|c| c.describe().render(lang)),
            );
        }
    }
    lines
}

#[component]
fn Lifecycle(
    /// The account whose screen this is.
    account: AccountId,
    /// The user who is deactivated, reactivated or removed.
    user: User,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let id = user.id;
    let receiver = RwSignal::new(None::<UserId>);
    let others: Vec<(UserId, String)> = studio.doc.with_untracked(|d| {
        d.state
            .account(account)
            .map(|a| {
                a.users
                    .iter()
                    .filter(|u| u.id != id && u.is_active())
                    .map(|u| (u.id, format!("{} ({})", u.name, u.email)))
                    .collect()
            })
            .unwrap_or_default()
    });
    let assets = user.assets.clone();
    let asset_list = if assets.is_empty() {
        view! { <p class="help">{t_string!(i18n, no_owned_assets)}</p> }.into_any()
    } else {
        view! {
            <ul>
                {assets
                    .iter()
                    .map(|a| view! { <li>{a.kind.text().render(lang)} ": " {a.name.clone()}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let asset_text = assets
        .iter()
        .map(|a| format!("{}: {}", a.kind.text().render(lang), a.name))
        .collect::<Vec<_>>()
        .join("; ");
    let deactivate_body = Signal::derive(move || {
        let base = t_string!(i18n, deactivate_body).to_string();
        if asset_text.is_empty() {
            base
        } else {
            format!("{base} {}: {asset_text}.", t_string!(i18n, owned_assets))
        }
    });
    // Offer only what the person acting may do here; otherwise say why, in
    // the core's words for this user (a View-only user is not offered a
    // Deactivate that is refused after its confirmation).
    let refused = |cmd: Command| {
        studio.doc.with_untracked(|d| {
            decide(&d.state, &d.acting, &cmd, d.clock)
                .err()
                .map(|r| r.render(lang))
        })
    };
    let why_not = |r: String| view! { <p class="help refusal-reason">{r}</p> }.into_any();
    let actions = if user.is_active() {
        if let Some(r) = refused(Command::Deactivate { account, user: id }) {
            return view! {
                <section class="lifecycle">
                    <h3>{t_string!(i18n, owned_assets)}</h3>
                    {asset_list}
                    {why_not(r)}
                </section>
            }
            .into_any();
        }
        view! {
            <ConfirmButton
                label=Signal::derive(move || t_string!(i18n, deactivate).to_string())
                title=Signal::derive(move || t_string!(i18n, deactivate_title).to_string())
                body=deactivate_body
                confirm=Signal::derive(move || t_string!(i18n, deactivate).to_string())
                on_confirm=Callback::new(move |_| {
                    let _ = studio
                        .run(Command::Deactivate {
                            account,
                            user: id,
                        });
                })
            />
            <p class="help">{t_string!(i18n, remove_needs_deactivation)}</p>
        }
        .into_any()
    } else {
        let reactivate = match refused(Command::Reactivate { account, user: id }) {
            None => view! {
                <button
                    type="button"
                    on:click=move |_| {
                        let _ = studio
                            .run(Command::Reactivate {
                                account,
                                user: id,
                            });
                    }
                >
                    {t_string!(i18n, reactivate)}
                </button>
            }
            .into_any(),
            Some(r) => why_not(r),
        };
        view! {
            {reactivate}
            <label for="reassign-to">{t_string!(i18n, reassign_to)}</label>
            <select
                id="reassign-to"
                on:change=move |ev| {
                    receiver.set(event_target_value(&ev).parse::<u32>().ok().map(UserId));
                }
            >
                <option value="">{t_string!(i18n, choose_user)}</option>
                {others
                    .into_iter()
                    .map(|(uid, name)| view! { <option value=uid.0.to_string()>{name}</option> })
                    .collect_view()}
            </select>
            <ConfirmButton
                label=Signal::derive(move || t_string!(i18n, remove).to_string())
                title=Signal::derive(move || t_string!(i18n, remove_title).to_string())
                body=Signal::derive(move || t_string!(i18n, remove_body).to_string())
                confirm=Signal::derive(move || t_string!(i18n, remove).to_string())
                on_confirm=Callback::new(move |_| {
                    let _ = studio
                        .run(Command::RemoveUser {
                            account,
                            user: id,
                            reassign_to: receiver.get_untracked(),
                        });
                })
            />
        }
        .into_any()
    };
    view! {
        <section class="lifecycle">
            <h3>{t_string!(i18n, owned_assets)}</h3>
            {asset_list}
            <div class="actions-row">{actions}</div>
        </section>
    }
    .into_any()
}

/// Whether the event adds or changes `user` of `account`.
fn is_about(e: &Event, account: AccountId, user: UserId) -> bool {
    matches!(
        e,
        Event::UserAdded { account: a, user: u } | Event::UserChanged { account: a, after: u, .. }
            if *a == account && u.id == user
    )
}

#[component]
fn History(
    /// The account whose screen this is.
    account: AccountId,
    /// The user whose permission history is listed.
    user: UserId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let entries = move || {
        studio.doc.with(|d| {
            let acc = d.state.account(account);
            d.state
                .audit
                .iter()
                .rev()
                .filter_map(|entry| {
                    let mine: Vec<&Event> = entry
                        .events
                        .iter()
                        .filter(|e| is_about(e, account, user))
                        .collect();
                    if mine.is_empty() {
                        return None;
                    }
                    let who = match &entry.actor {
                        Some(a) => a.name.clone(),
                        None => domain::text!("change.automatic", what = entry.summary.clone())
                            .render(lang),
                    };
                    let mut lines = Vec::new();
                    for e in mine {
                        match e {
                            Event::UserAdded { user, .. } => lines.push(
                                domain::text!(
                                    "change.created_with",
                                    seat = user.seat.text(),
                                    set = acc
                                        .map(|a| a.access_label(user))
                                        .unwrap_or_else(|| Text::msg("set.custom"))
                                )
                                .render(lang),
                            ),
                            _ => {
                                let one = Decision {
                                    summary: Text::Plain(String::new()),
                                    events: vec![e.clone()],
                                };
                                lines.extend(change_lines(&one, acc, lang))
                            }
                        }
                    }
                    Some((entry.at, who, lines))
                })
                .take(50)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h3 id="history-heading">{t_string!(i18n, permission_history)}</h3>
            {move || {
                let items = entries();
                if items.is_empty() {
                    return view! { <p class="help">{t_string!(i18n, no_history)}</p> }.into_any();
                }
                view! {
                    <ol class="history-list">
                        {items
                            .into_iter()
                            .map(|(at, who, lines)| {
                                view! {
                                    <li>
                                        <time datetime=at.iso_minute()>{lang.date_time(at)}</time>
                                        " — "
                                        {who}
                                        <ul>
                                            {lines
                                                .into_iter()
                                                .map(|l| view! { <li>{l}</li> })
                                                .collect_view()}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

/// R-PA-3 from the client side: a partner employee who is Super Admin here
/// becomes Partner admin, optionally keeping billing permissions.
#[component]
fn ChangeToPartnerAdmin(
    /// The account whose screen this is.
    account: AccountId,
    /// The Super Admin who may become Partner admin.
    user: User,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let keep_billing = RwSignal::new(false);
    let id = user.id;
    let partner = studio.doc.with_untracked(|d| {
        eligible_partner(&d.state, &user.email)
            .and_then(|p| d.state.account(p))
            .map(|p| p.name.clone())
            .unwrap_or_default()
    });
    let name = user.name.clone();
    view! {
        <section class="change-to-partner-admin">
            <h3>{t_string!(i18n, change_to_partner_admin)}</h3>
            <p class="help">
                {t!(
                    i18n, change_to_partner_admin_help, name = move || name.clone(), partner = move || partner.clone()
                )}
            </p>
            <AdminComparison />
            <div class="choice">
                <input
                    type="checkbox"
                    id="keep-billing"
                    prop:checked=move || keep_billing.get()
                    on:change=move |ev| keep_billing.set(event_target_checked(&ev))
                />
                <label for="keep-billing">{t_string!(i18n, keep_billing)}</label>
            </div>
            <button
                type="button"
                on:click=move |_| {
                    let _ = studio
                        .run(Command::ChangeToPartnerAdmin {
                            client: account,
                            user: id,
                            keep_billing: keep_billing.get_untracked(),
                        });
                }
            >
                {t_string!(i18n, change_to_partner_admin)}
            </button>
        </section>
    }
}
