//! The reader's language: picked at the first visit from the browser's
//! languages, chosen in the top bar, remembered in localStorage, and given
//! to `<html lang>`.

use crate::domain::{Book, Lang};
use crate::i18n::*;
use crate::storage::{browser, StorageKey};
use leptos::prelude::*;

/// The language screens render in now. A switch reloads the page (see
/// [`LanguageSwitch`]), so reading it once while building a view is enough.
pub fn lang() -> Lang {
    current_lang()
}

/// Query parameter that carries a choice through the reload when
/// localStorage refused to keep it.
const LANG_PARAM: &str = "lang=";

/// The choice carried in the address, else the remembered one, else the
/// first of the browser's languages the app speaks, else English.
fn initial_lang() -> Lang {
    let in_address = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            q.trim_start_matches('?')
                .split('&')
                .find_map(|p| p.strip_prefix(LANG_PARAM).and_then(Lang::from_code))
        });
    let remembered = browser::read(StorageKey::Language)
        .ok()
        .flatten()
        .and_then(|code| Lang::from_code(&code));
    in_address
        .or(remembered)
        .or_else(|| {
            let languages = web_sys::window()?.navigator().languages();
            languages
                .iter()
                .filter_map(|l| l.as_string())
                .find_map(|code| Lang::from_code(&code))
        })
        .unwrap_or_default()
}

/// Settles the language, then renders `children` once its catalogues are
/// at hand (labels are read once, when a view is built).
///
/// English is compiled in; another language's catalogues (labels and what
/// the core says) are fetched first. If that fails, the missing texts show
/// in English.
#[component]
pub fn Localized(children: ChildrenFn) -> impl IntoView {
    let lang = initial_lang();
    set_lang(lang);
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
    let ready = RwSignal::new(lang.is_available(Book::Domain) && lang.is_available(Book::Labels));
    if !ready.get_untracked() {
        leptos::task::spawn_local(async move {
            for book in [Book::Labels, Book::Domain] {
                if !lang.is_available(book) {
                    fetch_catalogue(lang, book).await;
                }
            }
            ready.set(true);
        });
    }
    move || ready.get().then(|| untrack(|| children()))
}

/// Fetches and installs `lang`'s catalogue of `book`; false if that failed.
async fn fetch_catalogue(lang: Lang, book: Book) -> bool {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(response) = JsFuture::from(window.fetch_with_str(&lang.catalogue_url(book))).await
    else {
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
        Some(text) => lang.install(book, &text),
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
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        if remembered {
            let _ = location.reload();
        } else {
            // Storage refused: the choice rides in the address instead.
            let path = location.pathname().unwrap_or_default();
            let _ = location.assign(&format!("{path}?{LANG_PARAM}{}", chosen.code()));
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
