//! The steps of the Create user wizard: email addresses, seat, access, review.

use super::*;

#[component]
pub(super) fn EmailsStep(
    /// The wizard's answers so far.
    draft: Draft,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::app::language::lang();
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        // Refused before it is read into memory (R-CL-7 takes 100 rows).
        if file.size() > crate::domain::input::MAX_CSV_BYTES as f64 {
            draft.csv.set(None);
            draft.problems.set(vec![crate::domain::input::csv_too_large(
                &name,
                file.size() as usize,
            )]);
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            match text {
                Some(text) => draft.csv.set(Some((name, text))),
                None => draft.problems.set(vec![RowProblem {
                    row: 1,
                    text: name,
                    reason: crate::domain::Text::msg("app.file_not_text"),
                }]),
            }
        });
    };
    view! {
        <h3>{t_string!(i18n, step_emails)}</h3>
        <label for="emails-input">{t_string!(i18n, step_emails)}</label>
        <textarea
            id="emails-input"
            rows="4"
            aria-describedby="emails-help emails-problems"
            aria-invalid=move || draft.problems.with(|p| !p.is_empty()).to_string()
            prop:value=move || draft.text.get()
            on:input=move |ev| draft.text.set(event_target_value(&ev))
        ></textarea>
        <p id="emails-help" class="help">
            {t_string!(i18n, emails_help)}
        </p>
        <label for="csv-input">{t_string!(i18n, upload_csv)}</label>
        <input id="csv-input" type="file" accept=".csv,text/csv" on:change=on_file />
        {move || {
            draft
                .csv
                .get()
                .map(|(name, _)| {
                    view! {
                        <p>
                            {t!(i18n, csv_loaded, name = move || name.clone())} " "
                            <button type="button" on:click=move |_| draft.csv.set(None)>
                                {t_string!(i18n, remove_csv)}
                            </button>
                        </p>
                    }
                })
        }}
        {move || {
            let problems = draft.problems.get();
            (!problems.is_empty())
                .then(|| {
                    view! {
                        <div role="alert" class="problems" id="emails-problems">
                            <p>{t_string!(i18n, fix_rows)}</p>
                            <ul>
                                {problems
                                    .into_iter()
                                    .map(|p| {
                                        let reason = p.reason.render(lang);
                                        view! {
                                            <li>
                                                {t!(
                                                    i18n, row_problem,
                                                    row = move || p.row,
                                                    reason = move || reason.clone()
                                                )}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
        }}
    }
}

#[component]
pub(super) fn SeatStep(
    /// The account whose screen this is.
    account: AccountId,
    /// The wizard's answers so far.
    draft: Draft,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let emails = draft.emails();
    let adding = emails.len() as u32;
    let (offered, ineligible, may_pay, account_seats) = studio.doc.with_untracked(|d| {
        let offered = seats_offered(&d.state, account, &emails);
        let ineligible: Vec<String> = emails
            .iter()
            .filter(|e| !is_eligible_for_partner_seat(&d.state, e))
            .map(|e| e.to_string())
            .collect();
        let may_pay = may_change_seats(&d.state, &d.acting, account).is_ok();
        let seats: Vec<(Seat, u32, u32)> = d
            .state
            .account(account)
            .map(|a| {
                Seat::ALL
                    .iter()
                    .map(|s| (*s, a.seats_purchased(*s), a.seats_used(*s)))
                    .collect()
            })
            .unwrap_or_default();
        (offered, ineligible, may_pay, seats)
    });
    if draft
        .seat
        .get_untracked()
        .is_some_and(|s| !offered.contains(&s))
    {
        draft.seat.set(None);
    }
    // `Assign seat` is a dropdown (seeds 000, 002). The Partner seat is
    // listed only when every address is eligible (R-SEAT-2); a paid seat
    // that cannot be given says why, from the account's own numbers.
    let options = account_seats
        .into_iter()
        .filter(|(s, _, _)| *s != Seat::Partner || offered.contains(&Seat::Partner))
        .map(|(s, bought, used)| {
            let enabled = offered.contains(&s) && (!s.is_paid() || may_pay);
            let name = s.text().render(lang);
            let label = if !s.is_paid() || enabled {
                name
            } else if !may_pay {
                format!("{name} — {}", t_string!(i18n, seat_needs_billing))
            } else {
                let free = bought.saturating_sub(used);
                format!(
                    "{name} — {}",
                    label_with(
                        keys::seat_full,
                        &[
                            ("free", free.to_string()),
                            ("bought", bought.to_string()),
                            ("adding", adding.to_string()),
                        ],
                    )
                )
            };
            view! {
                <option
                    value=format!("{s:?}")
                    disabled=!enabled
                    selected=move || draft.seat.get() == Some(s)
                >
                    {label}
                </option>
            }
        })
        .collect_view();
    let who = ineligible.join(", ");
    view! {
        <h3>{t_string!(i18n, step_seat)}</h3>
        <label for="seat-select">{t_string!(i18n, step_seat)}</label>
        <select
            id="seat-select"
            on:change=move |ev| {
                let v = event_target_value(&ev);
                draft.seat.set(Seat::ALL.into_iter().find(|s| format!("{s:?}") == v));
            }
        >
            <option value="" selected=move || draft.seat.get().is_none()>
                {t_string!(i18n, choose_seat)}
            </option>
            {options}
        </select>
        {(!ineligible.is_empty())
            .then(|| {
                view! {
                    <p class="help">{t!(i18n, partner_seat_hidden, who = move || who.clone())}</p>
                }
            })}
    }
}

#[component]
pub(super) fn AccessStep(
    /// The account whose screen this is.
    account: AccountId,
    /// The wizard's answers so far.
    draft: Draft,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{t_string!(i18n, step_access)}</h3>
        <AccessChooser
            account=account
            emails=draft.emails()
            draft=draft.access
            seat=draft.seat.get_untracked().unwrap_or(Seat::ViewOnly)
        />
    }
}

#[component]
pub(super) fn ReviewStep(
    /// The account whose screen this is.
    account: AccountId,
    /// The wizard's answers so far.
    draft: Draft,
    /// The domain's refusal of the last Send, shown until the next try.
    refusal: RwSignal<Option<Refusal>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let preview = move || {
        let cmd = draft.command(account)?;
        Some(studio.doc.with(|d| {
            (
                decide(&d.state, &d.acting, &cmd, d.clock),
                d.state.account(account).cloned(),
            )
        }))
    };
    let people = draft.people.get_untracked();
    let seat = draft.seat.get_untracked();
    view! {
        <h3>{t_string!(i18n, step_review)}</h3>
        <dl class="review">
            <dt>{t_string!(i18n, review_people)}</dt>
            <dd>
                <ul>
                    {people.iter().map(|p| view! { <li>{p.email.to_string()}</li> }).collect_view()}
                </ul>
            </dd>
            <dt>{t_string!(i18n, review_seat)}</dt>
            <dd>{seat.map(|s| s.text().render(lang))}</dd>
        </dl>
        {move || match preview() {
            None => ().into_any(),
            Some((Err(r), _)) => {
                view! {
                    <p role="alert" class="refusal">
                        {r.render(lang)}
                    </p>
                }
                    .into_any()
            }
            Some((Ok(decision), acc)) => {
                let added: Vec<User> = decision
                    .events
                    .iter()
                    .filter_map(|e| match e {
                        Event::UserAdded { user, .. } => Some(user.clone()),
                        _ => None,
                    })
                    .collect();
                let first = added.first().cloned();
                let requested = match draft.access.access() {
                    Access::Custom(p) => Some(p),
                    Access::Set(s) => acc.as_ref().and_then(|a| a.set_permissions(s)),
                };
                let not_granted: Vec<String> = match (&first, requested) {
                    (Some(u), Some(req)) => {
                        u.permissions
                            .changes_to(&req)
                            .into_iter()
                            .filter_map(|c| match c {
                                PermissionChange::Added(p) => {
                                    Some(p.text().render(lang).to_string())
                                }
                                PermissionChange::ScopeChanged { right, to, from } if to > from => {
                                    Some(right.text().render(lang))
                                }
                                _ => None,
                            })
                            .collect()
                    }
                    _ => Vec::new(),
                };
                let label = match (&first, &acc) {
                    (Some(u), Some(a)) => a.access_label(u).render(lang),
                    _ => String::new(),
                };
                let count = first.map(|u| u.permissions.count()).unwrap_or(0);
                let seats_line = match (seat, &acc) {
                    (Some(s), Some(a)) if s.is_paid() => {
                        let used = a.seats_used(s) + added.len() as u32;
                        let bought = a.seats_purchased(s);
                        Some(
                            view! {
                                <p>
                                    {t!(
                                        i18n, review_seats_after,
                                        seat = move || s.text().render(lang),
                                        used = move || used,
                                        bought = move || bought
                                    )}
                                </p>
                            },
                        )
                    }
                    _ => None,
                };
                let mails: Vec<(String, String)> = decision
                    .mails()
                    .map(|m| (m.to.to_string(), m.subject.render(lang)))
                    .collect();
                let list = not_granted.join(", ");
                view! {
                    <dl class="review">
                        <dt>{t_string!(i18n, review_access)}</dt>
                        <dd>
                            {label} " — "
                            {t!(i18n, review_permissions_count, count = move || count)}
                        </dd>
                    </dl>
                    {(!not_granted.is_empty())
                        .then(|| {
                            view! {
                                <p class="help">
                                    {t!(i18n, review_not_granted, list = move || list.clone())}
                                </p>
                            }
                        })}
                    {seats_line}
                    <h4>{t_string!(i18n, review_emails)}</h4>
                    <ul class="mails">
                        {mails
                            .into_iter()
                            .map(|(to, subject)| view! { <li>{to} ": " {subject}</li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
        {move || {
            refusal
                .get()
                .map(|r| {
                    view! {
                        <p role="alert" class="refusal">
                            {r.render(lang)}
                        </p>
                    }
                })
        }}
    }
}
