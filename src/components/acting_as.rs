//! The `Acting as` switch: pick the account and the user you act as.

use crate::app::route::Screen;
use crate::app::studio::use_studio;
use crate::domain::{AccountId, Actor, Lang, Permission, State, Text, UserId};
use crate::i18n::*;
use html_escape::{encode_double_quoted_attribute_to_string, encode_text_to_string};
use leptos::prelude::*;

/// Accounts with more users than this list only some of them.
const LARGE_ACCOUNT: usize = 200;

fn option_value(actor: Actor) -> String {
    format!("{}:{}", actor.account.0, actor.user.0)
}

fn parse_value(value: &str) -> Option<Actor> {
    let (a, u) = value.split_once(':')?;
    Some(Actor {
        account: AccountId(a.parse().ok()?),
        user: UserId(u.parse().ok()?),
    })
}

/// Up to this many accounts, every option is in the control from the first
/// screen on; with more, only the person acted as until that screen is
/// drawn (see [`ActingAs`]).
const OPTIONS_AT_ONCE: usize = 50;

/// The option groups of the control as markup: one group per account, the
/// person acted as marked `selected`; with `all` false, only theirs. Names
/// are escaped: they are typed in (or imported) by whoever uses the app.
fn options_markup(state: &State, current: Actor, lang: Lang, all: bool) -> String {
    let mut html = String::new();
    for a in state
        .accounts
        .iter()
        .filter(|a| all || a.id == current.account)
    {
        let label = format!("{} ({})", a.name, a.kind.text().render(lang));
        html.push_str("<optgroup label=\"");
        encode_double_quoted_attribute_to_string(&label, &mut html);
        html.push_str("\">");
        // A 10,000-user account would make a 10,000-option control: large
        // accounts list their admins, the person acted as, and the first
        // users only.
        let large = a.users.len() > LARGE_ACCOUNT;
        for (i, u) in a.users.iter().enumerate() {
            let actor = Actor {
                account: a.id,
                user: u.id,
            };
            let listed = actor == current
                || all && (!large || i < 20 || u.permissions.has(Permission::AddAndEditUsers));
            if !listed {
                continue;
            }
            let mut text = format!("{} — {}", u.name, a.access_label(u).render(lang));
            if !u.is_active() {
                let status = Text::msg("status.deactivated");
                text = format!("{text} ({})", status.render(lang));
            }
            html.push_str("<option value=\"");
            html.push_str(&option_value(actor));
            html.push_str(if actor == current {
                "\" selected>"
            } else {
                "\">"
            });
            encode_text_to_string(&text, &mut html);
            html.push_str("</option>");
        }
        html.push_str("</optgroup>");
    }
    html
}

#[component]
pub fn ActingAs() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let router = crate::app::route::use_router();
    let on_change = move |ev| {
        let Some(actor) = parse_value(&event_target_value(&ev)) else {
            return;
        };
        studio.act_as(actor);
        let path = studio.doc.with_untracked(|d| {
            d.state
                .account(actor.account)
                .map(|a| Screen::home_of(a).path())
        });
        if let Some(path) = path {
            router.go(&path);
        }
    };
    // What the control offers, as the markup of its option groups:
    // recomputed on every change of the document but written to the DOM
    // only when it differs (a command on a user who is not listed leaves the
    // control alone). With 500 accounts it holds about 3,000 options, most
    // of the DOM of every screen; built as one piece of markup the browser
    // parses them in a few milliseconds, where building each option as a
    // view took most of the first render. The current choice carries
    // `selected`, so the control never shows a stale value.
    //
    // With many accounts, parsing those options still delays the first
    // screen: the control then holds only the person acted as until that
    // screen is drawn, and every option just after, once it can be read.
    let drawn = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || drawn.set(true), Default::default()));
    let options = Memo::new(move |_| {
        let drawn = drawn.get();
        studio.doc.with(|d| {
            let all = drawn || d.state.accounts.len() <= OPTIONS_AT_ONCE;
            options_markup(&d.state, d.acting, lang, all)
        })
    });
    view! {
        <span class="acting-as">
            <label for="acting-as">{t_string!(i18n, acting_as)}</label>
            <select id="acting-as" on:change=on_change inner_html=options></select>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_values_round_trip() {
        let a = Actor {
            account: AccountId(12),
            user: UserId(7),
        };
        assert_eq!(parse_value(&option_value(a)), Some(a));
        assert_eq!(parse_value("x:1"), None);
    }

    #[test]
    fn options_are_grouped_per_account_with_names_escaped() {
        let mut state = crate::demo::state();
        let current = crate::storage::default_actor(&state).unwrap();
        let acc = state.account_mut(current.account).unwrap();
        acc.name = "A & <B>".into();
        let mut user = acc.user(current.user).unwrap().clone();
        user.name = "<script>\"x\"</script>".into();
        acc.put_user(user);
        let html = options_markup(&state, current, Lang::En, true);
        assert_eq!(html.matches("<optgroup").count(), state.accounts.len());
        assert!(html.contains("label=\"A &amp; &lt;B&gt; ("), "{html}");
        assert!(
            html.contains("&lt;script&gt;\"x\"&lt;/script&gt; — "),
            "{html}"
        );
        assert!(!html.contains("<script>"));
        assert_eq!(html.matches(" selected>").count(), 1);
        assert!(html.contains(&format!("value=\"{}\" selected>", option_value(current))));
    }

    #[test]
    fn before_the_first_screen_only_the_person_acted_as_is_offered() {
        let state = crate::demo::state();
        let current = crate::storage::default_actor(&state).unwrap();
        let html = options_markup(&state, current, Lang::En, false);
        assert_eq!(html.matches("<optgroup").count(), 1);
        assert_eq!(html.matches("<option ").count(), 1);
        assert!(html.contains(&format!("value=\"{}\" selected>", option_value(current))));
    }
}
