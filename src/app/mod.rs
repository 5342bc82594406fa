//! The shell: top bar, navigation, routes, notices.

pub mod language;
pub mod random;
pub mod route;
pub mod studio;

use crate::components::acting_as::ActingAs;
use crate::components::clock::Clock;
use crate::components::confirm::ConfirmButton;
use crate::components::nav::Nav;
use crate::components::notices::Notices;
use crate::components::screen_heading::ScreenHeading;
use crate::components::update_ready::UpdateReady;
use crate::i18n::*;
use crate::pages::{
    access_link::AccessLinkPage, accounts::Accounts, audit_log::AuditLog, cam::ClientAccessManager,
    data::DataPage, not_found::NotFound, outbox::Outbox, partner_settings::PartnerSettings,
    permission_sets::PermissionSets, users_and_teams::UsersAndTeams,
};
use leptos::prelude::*;
use route::{Screen, A};
use studio::Studio;

/// Starts the app in the browser: requests the screen texts, lets the
/// browser send those requests, then loads the stored state and mounts.
///
/// `fetch` sends its request only when the main thread is next free, and
/// loading a large stored state holds the thread; so the app yields once in
/// between, and the texts travel during the load instead of after it.
pub fn start() {
    let texts = language::Texts::request();
    // Leptos's own executor starts with the mount.
    wasm_bindgen_futures::spawn_local(async move {
        next_task().await;
        leptos::mount::mount_to_body(move || view! { <App texts /> });
    });
}

/// Resolves in a task of its own (a zero timeout), after the browser has
/// done what was waiting for the main thread.
async fn next_task() {
    let timeout = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timeout).await;
}

#[component]
pub fn App(
    /// The requests for the reader's catalogues, sent before the mount.
    texts: language::Texts,
) -> impl IntoView {
    let studio = Studio::load();
    provide_context(studio);
    studio.persist();
    route::Router::provide();
    view! {
        <language::Localized texts>
            <Shell />
        </language::Localized>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let studio = studio::use_studio();
    let reset = move || studio.reset_demo(t_string!(i18n, reset_done).into());
    view! {
        <a class="skip-link" href="#content">
            {t_string!(i18n, skip_to_content)}
        </a>
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
                <UpdateReady />
                <Notices />
                <ErrorBoundary fallback=|_errors| view! { <ScreenError /> }>
                    <ScreenOfAddress />
                </ErrorBoundary>
            </main>
        </div>
    }
}

/// The screen the address names, built again only when the screen (or its
/// account) changes.
#[component]
fn ScreenOfAddress() -> impl IntoView {
    let screen = route::use_screen();
    move || match screen.get() {
        Screen::Accounts => view! { <Accounts /> }.into_any(),
        Screen::Data => view! { <DataPage /> }.into_any(),
        Screen::Outbox => view! { <Outbox /> }.into_any(),
        Screen::UsersAndTeams(_) => view! { <UsersAndTeams /> }.into_any(),
        Screen::ClientAccessManager(_) => view! { <ClientAccessManager /> }.into_any(),
        Screen::PartnerSettings(_) => view! { <PartnerSettings /> }.into_any(),
        Screen::AuditLog(_) => view! { <AuditLog /> }.into_any(),
        Screen::PermissionSets(_) => view! { <PermissionSets /> }.into_any(),
        Screen::AccessLink(_) => view! { <AccessLinkPage /> }.into_any(),
        Screen::NotFound => view! { <NotFound /> }.into_any(),
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
        <A href=Screen::Outbox.path() attr:class="outbox-link">
            {t_string!(i18n, outbox_title)}
            <Show when=move || {
                unread() > 0
            }>" " <span class="badge">{t!(i18n, unread_count, count = unread)}</span></Show>
        </A>
    }
}

/// Shown instead of a blank page when a screen fails.
#[component]
fn ScreenError() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section role="alert" class="screen-error">
            <ScreenHeading text=t_string!(i18n, error_title) />
            <p>{t_string!(i18n, error_body)}</p>
            <a href="/">{t_string!(i18n, go_to_accounts)}</a>
        </section>
    }
}
