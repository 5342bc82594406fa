//! `Remove employee from clients`: the R-CAM-7 wizard.

use super::*;

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
pub(super) fn RemoveFromClients(
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
