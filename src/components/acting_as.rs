//! The `Acting as` switch: pick the account and the user you act as.

use crate::app::{paths, studio::use_studio};
use crate::domain::{AccountId, Actor, UserId};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

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

/// An account in the control, with the users it offers.
#[derive(Clone, PartialEq)]
struct Group {
    label: String,
    options: Vec<ChoiceOption>,
}

#[derive(Clone, PartialEq)]
struct ChoiceOption {
    value: String,
    text: String,
    selected: bool,
}

#[component]
pub fn ActingAs() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let navigate = use_navigate();
    let on_change = move |ev| {
        let Some(actor) = parse_value(&event_target_value(&ev)) else {
            return;
        };
        studio.act_as(actor);
        let path = studio
            .doc
            .with_untracked(|d| d.state.account(actor.account).map(paths::home_of));
        if let Some(path) = path {
            navigate(&path, Default::default());
        }
    };
    // What the control offers, recomputed on every change of the document
    // but rebuilt in the DOM only when it differs (a command on a user who
    // is not listed leaves these thousands of options alone). The current
    // choice is marked with `selected` so the control never shows a stale
    // value.
    let groups = Memo::new(move |_| {
        studio.doc.with(|d| {
            let current = d.acting;
            d.state
                .accounts
                .iter()
                .map(|a| {
                    let label = format!("{} ({})", a.name, a.kind.text().render(lang));
                    // A 10,000-user account would make a 10,000-option
                    // control: large accounts list their admins, the person
                    // acted as, and the first users only.
                    let shown: Vec<&crate::domain::User> = if a.users.len() <= LARGE_ACCOUNT {
                        a.users.iter().collect()
                    } else {
                        a.users
                            .iter()
                            .enumerate()
                            .filter(|(i, u)| {
                                *i < 20
                                    || u.permissions
                                        .has(crate::domain::Permission::AddAndEditUsers)
                                    || (a.id == current.account && u.id == current.user)
                            })
                            .map(|(_, u)| u)
                            .collect()
                    };
                    let options = shown
                        .into_iter()
                        .map(|u| {
                            let actor = Actor {
                                account: a.id,
                                user: u.id,
                            };
                            let mut text =
                                format!("{} — {}", u.name, a.access_label(u).render(lang));
                            if !u.is_active() {
                                let status = crate::domain::Text::msg("status.deactivated");
                                text = format!("{text} ({})", status.render(lang));
                            }
                            ChoiceOption {
                                value: option_value(actor),
                                text,
                                selected: actor == current,
                            }
                        })
                        .collect();
                    Group { label, options }
                })
                .collect::<Vec<_>>()
        })
    });
    let groups = move || {
        groups.with(|groups| {
            groups
                .iter()
                .map(|g| {
                    let options = g
                        .options
                        .iter()
                        .map(|o| view! { <option value=o.value.clone() selected=o.selected>{o.text.clone()}</option> })
                        .collect_view();
                    view! { <optgroup label=g.label.clone()>{options}</optgroup> }
                })
                .collect_view()
        })
    };
    view! {
        <span class="acting-as">
            <label for="acting-as">{t_string!(i18n, acting_as)}</label>
            <select id="acting-as" on:change=on_change>{groups}</select>
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
}
