//! `Remove partner employees` and its review (R-CAM-8, R-REL-2).

use super::*;

/// The review of `Remove partner employees` (R-CAM-8): who leaves, what they
/// own and who receives it, and when the managed relationship ends (R-REL-2).
#[component]
pub(super) fn RemoveReview(
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
                {leaving
                    .into_iter()
                    .map(|(name, assets)| {
                        view! {
                            <li>
                                {name}
                                {if assets.is_empty() {
                                    view! {
                                        " — "
                                        {t_string!(i18n, no_owned_assets)}
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <ul>
                                            {assets
                                                .into_iter()
                                                .map(|a| view! { <li>{a}</li> })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {owns_something
                .then(|| {
                    view! {
                        <label>
                            {t_string!(i18n, reassign_to)} " "
                            <select on:change=move |ev| {
                                receiver
                                    .set(event_target_value(&ev).parse::<u32>().ok().map(UserId))
                            }>
                                <option value="">{t_string!(i18n, choose_user)}</option>
                                {receivers
                                    .into_iter()
                                    .map(|(id, label)| {
                                        view! { <option value=id.0.to_string()>{label}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                })}
            <p>
                {match end {
                    Ok(Some(on)) => {
                        let date = lang.date(on);
                        t!(i18n, relationship_will_end, date = move || date.clone()).into_any()
                    }
                    Ok(None) => t!(i18n, relationship_continues).into_any(),
                    Err(refusal) => view! { <span class="refusal">{refusal}</span> }.into_any(),
                }}
            </p>
            <div class="actions-row">
                <button type="button" on:click=move |_| mode.set(Mode::List)>
                    {t_string!(i18n, back)}
                </button>
                <button type="button" class="danger" on:click=confirm>
                    {t_string!(i18n, confirm_removal)}
                </button>
            </div>
        </section>
    }
}
