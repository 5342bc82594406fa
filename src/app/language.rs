//! The reader's language: picked at the first visit from the browser's
//! languages, chosen in the top bar, remembered in localStorage, and given
//! to `<html lang>`.

use crate::domain::{Catalogue, Lang, MESSAGES};
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
    let remembered = browser::recall(StorageKey::Language).and_then(|code| Lang::from_code(&code));
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

/// The reader's language and the requests for its catalogues, made first
/// thing at start so that they travel while the wasm loads the stored state.
pub struct Texts {
    wanted: Lang,
    requests: Vec<(&'static Catalogue, js_sys::Promise)>,
}

impl Texts {
    /// Settles the language wanted and requests what of its catalogues is
    /// not compiled in (in the browser: both, at once).
    pub fn request() -> Texts {
        let wanted = initial_lang();
        Texts {
            wanted,
            requests: request_missing(wanted),
        }
    }
}

/// Renders `children` once the catalogues of [`Texts`] are in (labels are
/// read once, when a view is built).
///
/// The browser build compiles no catalogue in: the reader's language's two
/// (labels and what the core says) are fetched, English's like the others.
/// If they cannot be fetched, the app reads in English; if English cannot
/// be fetched either, [`TextsMissing`] says so. Until then index.html's
/// loading line stays.
#[component]
pub fn Localized(
    /// The requests for the reader's catalogues.
    texts: Texts,
    /// The app, shown once the texts are in.
    children: ChildrenFn,
) -> impl IntoView {
    let ready = RwSignal::new(None);
    let settle = move |lang: Lang| {
        set_lang(lang);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        ready.set(Some(has_texts(lang)));
    };
    let Texts { wanted, requests } = texts;
    if requests.is_empty() {
        settle(wanted);
    } else {
        leptos::task::spawn_local(async move {
            for (book, request) in requests {
                install_response(wanted, book, request).await;
            }
            if has_texts(wanted) || wanted == Lang::En {
                settle(wanted);
            } else {
                for (book, request) in request_missing(Lang::En) {
                    install_response(Lang::En, book, request).await;
                }
                settle(Lang::En);
            }
        });
    }
    move || {
        let ready = ready.get()?;
        // index.html shows a loading line while the wasm is fetched and
        // compiled and the texts are fetched; the app is in place now.
        if let Some(booting) = document().get_element_by_id("booting") {
            booting.remove();
        }
        Some(if ready {
            untrack(|| children()).into_any()
        } else {
            view! { <TextsMissing /> }.into_any()
        })
    }
}

/// A language's two catalogues, each with the folder it is served from
/// (Trunk copies `locales/` into `dist/`).
fn books() -> [(&'static Catalogue, &'static str); 2] {
    [(&LABELS, "/locales"), (&MESSAGES, "/locales/domain")]
}

/// Whether both of `lang`'s catalogues are at hand.
fn has_texts(lang: Lang) -> bool {
    books().into_iter().all(|(book, _)| book.is_available(lang))
}

/// Starts a fetch of each of `lang`'s catalogues not at hand.
fn request_missing(lang: Lang) -> Vec<(&'static Catalogue, js_sys::Promise)> {
    books()
        .into_iter()
        .filter(|(book, _)| !book.is_available(lang))
        .map(|(book, dir)| {
            let url = format!("{dir}/{}.json", lang.code());
            (book, window().fetch_with_str(&url))
        })
        .collect()
}

/// Shown when no catalogue could be fetched: the one screen whose words are
/// compiled in, in English, since there is no other language to say it in.
#[component]
fn TextsMissing() -> impl IntoView {
    let reload = |_| {
        let _ = window().location().reload();
    };
    view! {
        <main class="texts-missing">
            <h1>"Partner Access Studio could not start"</h1>
            <p role="alert">
                "The screen texts (/locales/en.json and /locales/domain/en.json) could not be \
                 loaded. Check that the app is still being served, then reload the page. Your \
                 data stays in this browser; nothing was changed."
            </p>
            <button type="button" on:click=reload>
                "Reload"
            </button>
        </main>
    }
}

/// Waits for a catalogue's fetch and installs it (if it failed, the
/// catalogue stays missing).
async fn install_response(lang: Lang, book: &'static Catalogue, request: js_sys::Promise) {
    if let Some(text) = response_text(request).await {
        book.install(lang, &text);
    }
}

async fn response_text(request: js_sys::Promise) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(request).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
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
        let remembered = browser::remember(StorageKey::Language, chosen.code()).is_ok();
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
