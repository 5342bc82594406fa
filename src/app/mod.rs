//! The shell: top bar, navigation, routes, notices.

pub mod language;
pub mod paths;
pub mod random;
pub mod studio;

use crate::components::acting_as::ActingAs;
use crate::components::clock::Clock;
use crate::components::confirm::ConfirmButton;
use crate::components::nav::Nav;
use crate::components::notices::Notices;
use crate::i18n::*;
use crate::pages::{
    access_link::AccessLinkPage, accounts::Accounts, audit_log::AuditLog, cam::ClientAccessManager,
    data::DataPage, not_found::NotFound, outbox::Outbox, partner_settings::PartnerSettings,
    users_and_teams::UsersAndTeams,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use studio::{Notice, Studio};

#[component]
pub fn App() -> impl IntoView {
    let studio = Studio::load();
    provide_context(studio);
    studio.persist();
    view! {
        <Router>
            <language::Localized>
                <Shell />
            </language::Localized>
        </Router>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let studio = studio::use_studio();
    let reset = move || {
        studio.reset_demo();
        studio
            .notice
            .set(Some(Notice::Done(t_string!(i18n, reset_done).into())));
    };
    view! {
        <a class="skip-link" href="#content">{t_string!(i18n, skip_to_content)}</a>
        <header class="top-bar">
            <span class="brand">{t_string!(i18n, app_title)}</span>
            <ActingAs />
            <Clock />
            <OutboxLink />
            <language::LanguageSwitch />
            <ConfirmButton
                label=Signal::derive(move || t_string!(i18n, reset_demo_data).to_string())
                title=Signal::derive(move || t_string!(i18n, reset_title).to_string())
                body=Signal::derive(move || t_string!(i18n, reset_body).to_string())
                confirm=Signal::derive(move || t_string!(i18n, reset_confirm).to_string())
                on_confirm=Callback::new(move |_| reset())
            />
        </header>
        <div class="layout">
            <Nav />
            <main id="content" tabindex="-1">
                <Notices />
                <ErrorBoundary fallback=|_errors| view! { <ScreenError /> }>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Accounts />
                        <Route path=path!("/accounts/:id/settings/users") view=UsersAndTeams />
                        <Route path=path!("/accounts/:id/partner/client-access-manager") view=ClientAccessManager />
                        <Route path=path!("/access-link/:token") view=AccessLinkPage />
                        <Route path=path!("/data") view=DataPage />
                        <Route path=path!("/accounts/:id/partner/settings") view=PartnerSettings />
                        <Route path=path!("/accounts/:id/audit-log") view=AuditLog />
                        <Route path=path!("/outbox") view=Outbox />
                    </Routes>
                </ErrorBoundary>
            </main>
        </div>
    }
}

/// The outbox in the top bar, with how many emails are unread.
#[component]
fn OutboxLink() -> impl IntoView {
    let i18n = use_i18n();
    let studio = studio::use_studio();
    let unread = move || {
        studio
            .doc
            .with(|d| d.state.outbox.len().saturating_sub(d.mail_read))
    };
    view! {
        <A href=paths::OUTBOX attr:class="outbox-link">
            {t_string!(i18n, outbox_title)}
            <Show when=move || { unread() > 0 }>
                " " <span class="badge">{t!(i18n, unread_count, count = unread)}</span>
            </Show>
        </A>
    }
}

/// Shown instead of a blank page when a screen fails.
#[component]
fn ScreenError() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section role="alert" class="screen-error">
            <h1>{t_string!(i18n, error_title)}</h1>
            <p>{t_string!(i18n, error_body)}</p>
            <a href="/">{t_string!(i18n, go_to_accounts)}</a>
        </section>
    }
}
