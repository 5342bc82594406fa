//! `Link clients`: clients where the employee is already a user (R-CAM-5).

use super::*;

/// R-CAM-5: clients where the employee (without a partner email domain) is
/// already a user, not yet credited to this partner.
#[component]
pub(super) fn LinkClients(
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
