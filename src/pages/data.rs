//! Your data: export, import, and unreadable data kept aside at start.

use crate::app::studio::{use_studio, Notice, Replacement, Studio};
use crate::components::confirm::ConfirmButton;
use crate::components::screen_heading::ScreenHeading;
use crate::i18n::*;
use crate::storage::browser::{self, BrowserStore};
use crate::storage::{save, Document, StorageKey, IMPORT_LIMIT_BYTES};
use leptos::{html, prelude::*};

/// Where an import stands; the current state is untouched until `Replace`.
/// Not `Clone`: it may hold a document of 50,000 entries, read in place.
enum Import {
    Idle,
    Reading(String),
    Ready { file: String, doc: Box<Document> },
    Refused { file: String, reason: String },
}

/// Counts shown before an import replaces anything.
fn summary(doc: &Document) -> (usize, usize, usize) {
    let users = doc.state.accounts.iter().map(|a| a.users.len()).sum();
    (doc.state.accounts.len(), users, doc.state.audit.len())
}

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let import = RwSignal::new(Import::Idle);
    let file_input = NodeRef::<html::Input>::new();

    let on_file = move |_| {
        let Some(file) = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        let name = file.name();
        if file.size() > IMPORT_LIMIT_BYTES {
            import.set(Import::Refused {
                file: name,
                // Whole megabytes: formatting floats would cost wasm size.
                reason: domain::text!(
                    "app.file_too_large",
                    size = ((file.size() / 1_048_576.0).ceil() as u64).to_string(),
                    limit = ((IMPORT_LIMIT_BYTES / 1_048_576.0) as u64).to_string()
                )
                .render(lang),
            });
            return;
        }
        import.set(Import::Reading(name.clone()));
        wasm_bindgen_futures::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            import.set(match text.map(|t| Document::load(&t)) {
                None => Import::Refused {
                    file: name,
                    reason: crate::domain::Text::msg("app.file_unreadable").render(lang),
                },
                Some(Err(e)) => Import::Refused {
                    file: name,
                    reason: e.text().render(lang),
                },
                Some(Ok(l)) => Import::Ready {
                    file: name,
                    doc: Box::new(l.doc),
                },
            });
        });
    };

    let replace = move |_| {
        // Moved out, not copied: the file's document becomes the state (a
        // copy of a 50,000-entry document took a tenth of the import).
        // Anything but a ready import is put back as it was.
        let ready = import
            .try_update_untracked(|i| match std::mem::replace(i, Import::Idle) {
                Import::Ready { file, doc } => Some((file, doc)),
                other => {
                    *i = other;
                    None
                }
            })
            .flatten();
        if let Some((file, doc)) = ready {
            studio.replace(
                *doc,
                Replacement::Import,
                domain::text!("app.imported", file = file),
            );
            import.notify();
            if let Some(i) = file_input.get_untracked() {
                i.set_value("");
            }
        }
    };
    let cancel = move |_| {
        import.set(Import::Idle);
        if let Some(i) = file_input.get_untracked() {
            i.set_value("");
        }
    };

    view! {
        <ScreenHeading text=t_string!(i18n, data_title) />
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{t_string!(i18n, export_heading)}</h2>
            <p>{t_string!(i18n, export_help)}</p>
            <button type="button" on:click=move |_| studio.export()>
                {t_string!(i18n, export)}
            </button>
        </section>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{t_string!(i18n, import_heading)}</h2>
            <p>{t_string!(i18n, import_help)}</p>
            <label>
                {t_string!(i18n, import)} " "
                <input
                    type="file"
                    accept=".json,application/json"
                    node_ref=file_input
                    on:change=on_file
                />
            </label>
            <div role="status" aria-live="polite">
                {move || {
                    import
                        .with(|state| match state {
                            Import::Idle => ().into_any(),
                            Import::Reading(file) => {
                                let file = file.clone();
                                view! {
                                    <p>{t!(i18n, import_reading, file = move || file.clone())}</p>
                                    <progress aria-label=move || {
                                        t_string!(i18n, loading).to_string()
                                    }></progress>
                                }
                                    .into_any()
                            }
                            Import::Refused { file, reason } => {
                                let (file, reason) = (file.clone(), reason.clone());
                                view! {
                                    <p class="notice refused">
                                        {t!(
                                            i18n, import_refused,
                                            file = move || file.clone(),
                                            reason = move || reason.clone()
                                        )}
                                    </p>
                                }
                                    .into_any()
                            }
                            Import::Ready { file, doc } => {
                                let file = file.clone();
                                let (accounts, users, audit) = summary(doc);
                                let (now_accounts, now_users, now_audit) = studio
                                    .doc
                                    .with_untracked(summary);
                                view! {
                                    <p>{t!(i18n, import_ready, file = move || file.clone())}</p>
                                    <table>
                                        <thead>
                                            <tr>
                                                <th scope="col"></th>
                                                <th scope="col" class="num">
                                                    {t_string!(i18n, import_in_file)}
                                                </th>
                                                <th scope="col" class="num">
                                                    {t_string!(i18n, import_replaced)}
                                                </th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            <tr>
                                                <th scope="row">{t_string!(i18n, col_account)}</th>
                                                <td class="num">{accounts}</td>
                                                <td class="num">{now_accounts}</td>
                                            </tr>
                                            <tr>
                                                <th scope="row">{t_string!(i18n, col_users)}</th>
                                                <td class="num">{users}</td>
                                                <td class="num">{now_users}</td>
                                            </tr>
                                            <tr>
                                                <th scope="row">{t_string!(i18n, audit_entries)}</th>
                                                <td class="num">{audit}</td>
                                                <td class="num">{now_audit}</td>
                                            </tr>
                                        </tbody>
                                    </table>
                                    <div class="actions">
                                        <button type="button" class="danger" on:click=replace>
                                            {t_string!(i18n, replace_current_data)}
                                        </button>
                                        <button type="button" on:click=cancel>
                                            {t_string!(i18n, cancel)}
                                        </button>
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                }}
            </div>
        </section>
        <KeptAside />
    }
}

/// Offers one kept-aside slot as a file, exactly as kept.
fn download_slot(studio: Studio, n: u8) {
    let Ok(Some(text)) = browser::read(StorageKey::Quarantine(n)) else {
        return;
    };
    let name = format!("partner-access-studio-unreadable-{}.json", n + 1);
    if let Err(e) = browser::download(&name, &text) {
        studio.notice.set(Some(Notice::Failed(e)));
    }
}

/// Unreadable data found at start: kept until the person discards it.
#[component]
fn KeptAside() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    // Bumped after a discard so that the list is read again.
    let version = RwSignal::new(0u32);
    let slots = move || {
        version.get();
        save::kept_aside(&BrowserStore)
            .into_iter()
            .map(|(n, text)| (n, text.len()))
            .collect::<Vec<_>>()
    };
    view! {
        <section aria-labelledby="kept-heading">
            <h2 id="kept-heading">{t_string!(i18n, kept_aside_heading)}</h2>
            {move || {
                let list = slots();
                if list.is_empty() {
                    return view! { <p>{t_string!(i18n, kept_aside_none)}</p> }.into_any();
                }
                view! {
                    <ul>
                        {list
                            .into_iter()
                            .map(|(n, len)| {
                                let discard = Callback::new(move |_| {
                                    browser::remove(StorageKey::Quarantine(n));
                                    version.update(|v| *v += 1);
                                });
                                view! {
                                    <li>
                                        {t!(
                                            i18n, kept_aside_item, n = move || n + 1, size = move || len
                                        )} " "
                                        <button
                                            type="button"
                                            on:click=move |_| {
                                                download_slot(studio, n);
                                            }
                                        >
                                            {t_string!(i18n, download_raw_data)}
                                        </button> " "
                                        <ConfirmButton
                                            label=Signal::derive(move || {
                                                t_string!(i18n, discard).to_string()
                                            })
                                            title=Signal::derive(move || {
                                                t_string!(i18n, discard_title).to_string()
                                            })
                                            body=Signal::derive(move || {
                                                t_string!(i18n, discard_body).to_string()
                                            })
                                            confirm=Signal::derive(move || {
                                                t_string!(i18n, discard).to_string()
                                            })
                                            on_confirm=discard
                                        />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
