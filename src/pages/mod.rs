//! One module per screen.

pub mod access_link;
pub mod accounts;
pub mod audit_log;
pub mod cam;
pub mod data;
pub mod not_found;
pub mod outbox;
pub mod partner_settings;
pub mod permission_sets;
pub mod users_and_teams;

use crate::app::studio::use_studio;
use crate::components::screen_heading::ScreenHeading;
use crate::domain::{AccountId, Actor};
use crate::i18n::*;
use crate::storage::default_actor;
use leptos::prelude::*;

/// The account whose screen the address shows.
pub fn route_account() -> Memo<Option<AccountId>> {
    let screen = crate::app::route::use_screen();
    Memo::new(move |_| screen.with(|s| s.account()))
}

/// Renders `screen` when the route's account exists and is the one the
/// person acts in; otherwise the not-found page or a way to switch.
///
/// `screen` is a plain function, not a generic closure: a generic
/// component is compiled once per screen, and this shell was four copies
/// in the wasm.
#[component]
pub fn AccountScreen(
    /// Builds the screen's content for the account shown.
    screen: fn(AccountId) -> AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let account = route_account();
    // Memos, so that the screen is rebuilt only when the route's account, its
    // name or the acting account changes, not on every edit (which would
    // close open dialogs and lose typed input).
    let name = Memo::new(move |_| {
        account.get().and_then(|id| {
            studio
                .doc
                .with(|d| d.state.account(id).map(|a| a.name.clone()))
        })
    });
    let acting_account = Memo::new(move |_| studio.doc.with(|d| d.acting.account));
    move || {
        let Some(id) = account.get() else {
            return view! { <not_found::NotFound /> }.into_any();
        };
        let Some(name) = name.get() else {
            return view! { <not_found::NotFound /> }.into_any();
        };
        if acting_account.get() != id {
            let act_here = move |_| {
                let target = studio.doc.with_untracked(|d| {
                    d.state.account(id).and_then(|a| {
                        a.users
                            .iter()
                            .find(|u| u.is_active() && u.is_super_admin())
                            .or_else(|| a.users.iter().find(|u| u.is_active()))
                            .map(|u| Actor {
                                account: id,
                                user: u.id,
                            })
                    })
                });
                if let Some(actor) =
                    target.or_else(|| studio.doc.with_untracked(|d| default_actor(&d.state)))
                {
                    studio.act_as(actor);
                }
            };
            return view! {
                <section class="other-account">
                    <ScreenHeading text=t_string!(i18n, other_account_title) />
                    <p>{t!(i18n, other_account_body, account = move || name.clone())}</p>
                    <button type="button" on:click=act_here>
                        {t_string!(i18n, act_here)}
                    </button>
                </section>
            }
            .into_any();
        }
        // Untracked: what the screen reads while it is built must not rebuild it.
        untrack(|| screen(id))
    }
}
