//! The reader's language: picked at the first visit from the browser's
//! languages, chosen in the top bar, remembered in localStorage, and given
//! to `<html lang>` (by leptos_i18n's provider).

use crate::domain::Lang;
use crate::i18n::*;
use crate::storage::{browser, StorageKey};
use leptos::prelude::*;
use std::str::FromStr;

/// The language screens render in now. A switch reloads the page (see
/// [`LanguageSwitch`]), so reading it once while building a view is enough.
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

/// Renders `children` once the language is ours. leptos_i18n settles its own
/// guess (from `navigator.languages`, without bokmål's `no` alias) in an
/// effect after the first render; this effect follows the locale and puts
/// ours back until they agree, and only then are the screens built (their
/// labels are read once).
///
/// The domain catalogue of a language other than English is fetched first
/// (see [`Lang::catalogue_source`]); if that fails, what the core says shows
/// in English and the screens still in the chosen language.
#[component]
pub fn Localized(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let lang = initial_lang();
    let wanted = locale_of(lang);
    let locale_set = RwSignal::new(false);
    let catalogue = RwSignal::new(lang.is_available());
    if !catalogue.get_untracked() {
        leptos::task::spawn_local(async move {
            fetch_catalogue(lang).await;
            catalogue.set(true);
        });
    }
    Effect::new(move |_| {
        if i18n.get_locale() == wanted {
            locale_set.set(true);
        } else if !locale_set.get_untracked() {
            i18n.set_locale(wanted);
        }
    });
    move || (locale_set.get() && catalogue.get()).then(|| untrack(|| children()))
}

/// Fetches and installs `lang`'s domain catalogue; false if that failed.
async fn fetch_catalogue(lang: Lang) -> bool {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(response) = JsFuture::from(window.fetch_with_str(&lang.catalogue_url())).await else {
        return false;
    };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else {
        return false;
    };
    if !response.ok() {
        return false;
    }
    let Ok(text) = response.text() else {
        return false;
    };
    match JsFuture::from(text).await.ok().and_then(|t| t.as_string()) {
        Some(text) => lang.install(&text),
        None => false,
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
        // Labels are read once when a view is built (no subscription per
        // label, which keeps a 10,000-row table light), so the page starts
        // again in the new language; the data is already saved. Rebuilding
        // the view tree in place disposed signals that event listeners of
        // the router still held.
        let remembered = browser::write(StorageKey::Language, chosen.code()).is_ok();
        match web_sys::window() {
            Some(w) if remembered => {
                let _ = w.location().reload();
            }
            // Storage refused: switch what can switch without a reload.
            _ => i18n.set_locale(locale_of(chosen)),
        }
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
