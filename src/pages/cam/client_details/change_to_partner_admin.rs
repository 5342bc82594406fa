//! `Change to partner admin` from the Clients tab (R-PA-3, R-PA-4).

use super::*;

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
        <h2 id="client-dialog-title">
            {t!(i18n, change_to_partner_admin_in, client = move || name.clone())}
        </h2>
        {move || match own() {
            Some(Ok(id)) => {
                view! {
                    <p class="help">{t_string!(i18n, change_to_partner_admin_cam_help)}</p>
                    <div class="choice">
                        <input
                            type="checkbox"
                            id="cam-keep-billing"
                            prop:checked=move || keep_billing.get()
                            on:change=move |ev| keep_billing.set(event_target_checked(&ev))
                        />
                        <label for="cam-keep-billing">{t_string!(i18n, keep_billing)}</label>
                    </div>
                    <AdminComparison />
                    <button type="button" class="primary" on:click=move |_| convert(id)>
                        {t_string!(i18n, confirm)}
                    </button>
                }
                    .into_any()
            }
            Some(Err(why)) => view! { <p class="refusal">{why}</p> }.into_any(),
            None => view! { <p class="refusal">{t_string!(i18n, not_a_user_there)}</p> }.into_any(),
        }}
        {move || {
            let list = others();
            (!list.is_empty())
                .then(|| {
                    view! {
                        <h3>{t_string!(i18n, other_super_admins)}</h3>
                        <ul>
                            // Named after the person, so that the vendor's "Change to
                            // partner admin" finds the button for oneself alone.
                            {list
                                .into_iter()
                                .map(|(id, name)| {
                                    view! {
                                        <li>
                                            <button type="button" on:click=move |_| convert(id)>
                                                {t!(
                                                    i18n, change_other_to_partner_admin, name = move || name.clone()
                                                )}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })
        }}
        <InlineNotice />
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>
                {t_string!(i18n, close)}
            </button>
        </div>
    }
}
