//! `Change permission set` for the selected employees or one row (R-CAM-6).

use super::*;

/// `Change permission set` with the R-CAM-6 preview: per employee, what the
/// acting Partner admin cannot grant or cannot take away.
#[component]
pub(super) fn ChangeSet(
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
            {move || {
                preview
                    .get()
                    .map(|lines| match lines {
                        Err(refusal) => {
                            view! {
                                <p class="refusal" role="alert">
                                    {refusal}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(lines) if lines.is_empty() => {
                            view! { <p class="help">{t_string!(i18n, set_applies_fully)}</p> }
                                .into_any()
                        }
                        Ok(lines) => {
                            view! {
                                <div class="warning-box">
                                    <p>{t_string!(i18n, not_granted_or_removed)}</p>
                                    <ul>
                                        {lines
                                            .into_iter()
                                            .map(|l| view! { <li>{l}</li> })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
            <div class="actions-row">
                <button type="button" on:click=move |_| mode.set(Mode::List)>
                    {t_string!(i18n, cancel)}
                </button>
                <button
                    type="button"
                    class="primary"
                    disabled=move || set.get().is_none() || refused()
                    on:click=save
                >
                    {t_string!(i18n, confirm)}
                </button>
            </div>
        </section>
    }
}
