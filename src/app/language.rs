//! The reader's language: picked at the first visit from the browser's
//! languages, chosen in the top bar, remembered in localStorage, and given
//! to `<html lang>` (by leptos_i18n's provider).

use crate::domain::Lang;
use crate::i18n::*;
use crate::storage::{browser, StorageKey};
use leptos::prelude::*;
use std::str::FromStr;

/// The language screens render in now. Views are rebuilt on a switch (see
/// [`Localized`]), so reading it once while building a view is enough.
pub fn lang() -> Lang {
    let locale = use_i18n().get_locale_untracked();
    Lang::from_code(locale.as_str()).unwrap_or_default()
}

fn locale_of(lang: Lang) -> Locale {
    Locale::from_str(lang.code()).unwrap_or_default()
}

/// The remembered choice, else the first of the browser's languages the app
/// speaks, else English.
fn initial_lang() -> Lang {
    let remembered = browser::read(StorageKey::Language)
        .ok()
        .flatten()
        .and_then(|code| Lang::from_code(&code));
    remembered
        .or_else(|| {
            let languages = web_sys::window()?.navigator().languages();
            languages
                .iter()
                .filter_map(|l| l.as_string())
                .find_map(|code| Lang::from_code(&code))
        })
        .unwrap_or_default()
}

/// Sets the first language, then rebuilds `children` whenever the language
/// changes: static labels are read once per build, which keeps each row of a
/// 10,000-user table free of reactive subscriptions.
#[component]
pub fn Localized(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    i18n.set_locale(locale_of(initial_lang()));
    move || {
        i18n.get_locale();
        untrack(|| children())
    }
}

/// The language switch in the top bar: each language named in itself.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let current = lang();
    let choose = move |code: String| {
        let Some(chosen) = Lang::from_code(&code) else {
            return;
        };
        // Not being able to remember the choice (storage full or blocked)
        // must not stop the switch itself.
        let _ = browser::write(StorageKey::Language, chosen.code());
        i18n.set_locale(locale_of(chosen));
    };
    view! {
        <div class="language">
            <label for="language">{t_string!(i18n, language)}</label>
            <select id="language" on:change=move |ev| choose(event_target_value(&ev))>
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() lang=l.code() selected=l == current>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
