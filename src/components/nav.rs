//! The left navigation: the screens of the account the person acts in.

use crate::app::route::Screen;
use crate::app::route::A;
use crate::app::studio::use_studio;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let account = move || {
        studio.doc.with(|d| {
            d.state
                .account(d.acting.account)
                .map(|a| (a.id, a.kind.is_partner()))
        })
    };
    view! {
        <nav class="side-nav" aria-label=move || t_string!(i18n, main_navigation).to_string()>
            <ul>
                <li>
                    <A href="/" exact=true>
                        {t_string!(i18n, nav_accounts)}
                    </A>
                </li>
                <li>
                    <A href=Screen::Data.path()>{t_string!(i18n, nav_data)}</A>
                </li>
            </ul>
            {move || match account() {
                Some((id, false)) => {
                    view! {
                        <h2>{t_string!(i18n, nav_settings)}</h2>
                        <ul>
                            {nav_link(
                                Screen::UsersAndTeams(id),
                                t_string!(i18n, nav_users_and_teams),
                            )}
                            {nav_link(
                                Screen::PermissionSets(id),
                                t_string!(i18n, nav_permission_sets),
                            )} {nav_link(Screen::AuditLog(id), t_string!(i18n, audit_log_title))}
                        </ul>
                    }
                        .into_any()
                }
                Some((id, true)) => {
                    view! {
                        <h2>{t_string!(i18n, nav_partner)}</h2>
                        <ul>
                            {nav_link(
                                Screen::ClientAccessManager(id),
                                t_string!(i18n, nav_client_access_manager),
                            )}
                            {nav_link(
                                Screen::PartnerSettings(id),
                                t_string!(i18n, partner_settings_title),
                            )} {nav_link(Screen::AuditLog(id), t_string!(i18n, audit_log_title))}
                        </ul>
                        // The partner account's own users: where partner
                        // employees are added and given `View and edit partner
                        // employees` (seed 004).
                        <h2>{t_string!(i18n, nav_settings)}</h2>
                        <ul>
                            {nav_link(
                                Screen::UsersAndTeams(id),
                                t_string!(i18n, nav_users_and_teams),
                            )}
                            {nav_link(
                                Screen::PermissionSets(id),
                                t_string!(i18n, nav_permission_sets),
                            )}
                        </ul>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </nav>
    }
}

/// One entry of the navigation: a link to `screen`, named `label`.
fn nav_link(screen: Screen, label: &'static str) -> impl IntoView {
    view! {
        <li>
            <A href=screen.path()>{label}</A>
        </li>
    }
}
