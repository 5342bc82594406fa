//! An employee opened by their name: their address, clients and Actions (R-PA-2).

use super::*;

/// An employee opened by their name, as the vendor's steps go (R-PA-2:
/// Employees > employee > Actions > Copy access link): their address, the
/// clients they can access, and the Actions of their row.
#[component]
pub(super) fn EmployeeDetails(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The partner employee shown.
    employee: UserId,
    /// Which dialog is shown: Link clients and Remove employee from clients
    /// take this one's place.
    dialog: RwSignal<Option<EmployeeDialog>>,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let menu = RwSignal::new(None::<UserId>);
    let issued = RwSignal::new(None::<SharedLink>);
    let (name, email, check, clients) = studio.doc.with_untracked(|d| {
        let Some((p, u)) = d
            .state
            .account(partner)
            .and_then(|p| Some((p, p.user(employee)?)))
        else {
            return Default::default();
        };
        let clients: Vec<String> = clients_by_employee(&d.state, partner)
            .remove(&u.email)
            .unwrap_or_default()
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        (
            u.name.clone(),
            u.email.to_string(),
            has_partner_domain_checkmark(p, u),
            clients,
        )
    });
    let copy = move |_| {
        if let Some(link) = link_for(studio, partner, employee, true) {
            issued.set(Some(link));
            menu.set(None);
        }
    };
    let switch = move |to: EmployeeDialog| dialog.set(Some(to));
    view! {
        <h2 id="employee-dialog-title">{name}</h2>
        <p>{email} " " {check.then(domain_checkmark)}</p>
        <h3>{t_string!(i18n, tab_clients)}</h3>
        <p>
            {if clients.is_empty() {
                t_string!(i18n, employee_no_clients).to_string()
            } else {
                clients.join(", ")
            }}
        </p>
        // The dialog is the employee's own: no row to describe.
        <RowMenu open=menu id=employee row=String::new()>
            <button type="button" on:click=copy>
                {t_string!(i18n, copy_access_link)}
            </button>
            <button type="button" on:click=move |_| switch(EmployeeDialog::LinkClients(employee))>
                {t_string!(i18n, link_clients)}
            </button>
            <button
                type="button"
                on:click=move |_| switch(EmployeeDialog::RemoveFromClients(employee))
            >
                {t_string!(i18n, remove_from_clients)}
            </button>
        </RowMenu>
        {issued_link("employee-link", issued)}
        <p>
            <button type="button" on:click=move |_| open.set(false)>
                {t_string!(i18n, close)}
            </button>
        </p>
    }
}
