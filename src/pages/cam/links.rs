//! Access links: the one just made, and every link with its state.

use crate::app::random;
use crate::app::route::Screen;
use crate::app::studio::{use_studio, Notice, Studio};
use crate::components::confirm::ConfirmButton;
use crate::components::modal::Modal;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

/// An access link as `Copy link` shows it: whose it is, its whole address
/// and the day it expires.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedLink {
    name: String,
    url: String,
    expires: Timestamp,
    /// Copied as soon as it is shown: an employee's `Copy access link`
    /// copies, as its name says (seed 004); `Get access link` shows the
    /// link with its own `Copy link`.
    copy_now: bool,
}

/// The access link to hand out for `employee` of `partner` (R-PA-1,
/// R-PA-2): the one already made while a client can still use it (see
/// [`link_to_copy`]), else a new one. `None` when refused (the studio's
/// notice then says why).
pub fn link_for(
    studio: Studio,
    partner: AccountId,
    employee: UserId,
    copy_now: bool,
) -> Option<SharedLink> {
    let current = studio.doc.with_untracked(|d| {
        link_to_copy(&d.state, &d.acting, partner, employee, d.clock)
            .map(|link| link.map(|l| l.token.clone()))
    });
    let token = match current {
        Ok(Some(token)) => {
            // Nothing was done: an earlier action's notice would mislead.
            studio.notice.set(None);
            token
        }
        Ok(None) => {
            let token = random::link_token();
            studio
                .run(Command::IssueAccessLink {
                    partner,
                    employee,
                    token: token.clone(),
                })
                .ok()?;
            token
        }
        Err(refusal) => {
            studio.notice.set(Some(Notice::Refused(refusal)));
            return None;
        }
    };
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    studio.doc.with_untracked(|d| {
        Some(SharedLink {
            name: d.state.user(partner, employee)?.name.clone(),
            url: format!("{origin}{}", Screen::AccessLink(token.to_string()).path()),
            expires: d.state.link(&token)?.expires_at,
            copy_now,
        })
    })
}

/// `Get access link` at the top right of the Client Access Manager, as in
/// the vendor's screens: makes the acting employee's own link and shows it
/// in a dialog with `Copy link`.
#[component]
pub fn GetAccessLink(
    /// The partner account whose employee gets the link.
    partner: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let open = RwSignal::new(false);
    let issued = RwSignal::new(None::<SharedLink>);
    let get = move |_| {
        if let Some(link) = link_for(studio, partner, studio.acting().user, false) {
            issued.set(Some(link));
            open.set(true);
        }
    };
    view! {
        <button type="button" class="primary" on:click=get>
            {t_string!(i18n, get_access_link)}
        </button>
        <Modal open=open labelled_by="own-link-title" class="wizard">
            <h2 id="own-link-title">{t_string!(i18n, get_access_link)}</h2>
            {issued_link("own-link", issued)}
            <p>
                <button type="button" on:click=move |_| open.set(false)>
                    {t_string!(i18n, close)}
                </button>
            </p>
        </Modal>
    }
}

/// The link `issued` holds, once one is handed out. The three places that
/// hand out links show it through this one function, so that they share
/// one reactive view rather than building three alike.
pub fn issued_link(id: &'static str, issued: RwSignal<Option<SharedLink>>) -> impl IntoView {
    move || {
        issued
            .get()
            .map(|link| view! { <IssuedLink id=id link=link /> })
    }
}

/// An access link ready to copy and send to the client.
#[component]
pub fn IssuedLink(
    /// The id of its text field (two can be on the screen at once).
    id: &'static str,
    /// The link, its client-facing name, expiry and copy state.
    link: SharedLink,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::app::language::lang();
    let status = RwSignal::new(None::<bool>);
    let SharedLink {
        name,
        url,
        expires,
        copy_now,
    } = link;
    let to_copy = url.clone();
    let copy = move |_: ()| {
        let text = to_copy.clone();
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        leptos::task::spawn_local(async move {
            let ok = match clipboard {
                Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&text))
                    .await
                    .is_ok(),
                None => false,
            };
            status.set(Some(ok));
        });
    };
    if copy_now {
        copy(());
    }
    view! {
        <div class="issued-link">
            <label for=id>{t!(i18n, access_link_label, name = move || name.clone())}</label>
            <input id=id type="text" readonly prop:value=url size="60" />
            <button type="button" on:click=move |_| copy(())>
                {t_string!(i18n, copy_link)}
            </button>
            <span role="status">
                {move || {
                    status
                        .get()
                        .map(|ok| {
                            if ok {
                                t!(i18n, link_copied).into_any()
                            } else {
                                t!(i18n, link_copy_failed).into_any()
                            }
                        })
                }}
            </span>
            <p class="help">{t!(i18n, link_valid_until, date = move || lang.date(expires))}</p>
        </div>
    }
}

/// Every link of the partner with its state; active ones can be revoked.
#[component]
pub fn AccessLinks(
    /// The partner account whose links are listed.
    partner: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let rows = move || {
        studio.doc.with(|d| {
            let links: Vec<_> = d
                .state
                .links
                .iter()
                .filter(|l| l.partner == partner)
                .collect();
            if links.is_empty() {
                return view! {
                    <tr>
                        <td colspan="6" class="empty">
                            {t_string!(i18n, no_links)}
                        </td>
                    </tr>
                }
                .into_any();
            }
            links
                .into_iter()
                .rev()
                .map(|l| {
                    let who = d
                        .state
                        .user(partner, l.employee)
                        .map(|u| u.name.clone())
                        .unwrap_or_default();
                    let used: Vec<String> = l
                        .used_in
                        .iter()
                        .map(|(c, _)| client_names(&d.state, partner, *c).0)
                        .collect();
                    let status = l.status(d.clock);
                    let token = l.token.clone();
                    let revocable = l.revoked_at.is_none() && status != LinkStatus::Expired;
                    view! {
                        <tr>
                            <th scope="row">{who}</th>
                            <td>{lang.date(l.issued_at)}</td>
                            <td>{lang.date(l.expires_at)}</td>
                            <td>{status.text().render(lang)}</td>
                            <td>{used.join(", ")}</td>
                            <td>
                                {revocable
                                    .then(|| {
                                        view! {
                                            // A client may hold the link: it stops working at once, with no undo.
                                            <ConfirmButton
                                                label=t_string!(i18n, revoke).to_string()
                                                title=t_string!(i18n, revoke_link_title).to_string()
                                                body=t_string!(i18n, revoke_link_body).to_string()
                                                confirm=t_string!(i18n, revoke).to_string()
                                                on_confirm=Callback::new(move |_| {
                                                    let _ = studio
                                                        .run(Command::RevokeAccessLink {
                                                            token: token.clone(),
                                                        });
                                                })
                                            />
                                        }
                                    })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <h2>{t_string!(i18n, access_links)}</h2>
        <table>
            <thead>
                <tr>
                    <th scope="col">{t_string!(i18n, col_employee)}</th>
                    <th scope="col">{t_string!(i18n, col_issued)}</th>
                    <th scope="col">{t_string!(i18n, col_expires)}</th>
                    <th scope="col">{t_string!(i18n, col_state)}</th>
                    <th scope="col">{t_string!(i18n, col_used_in)}</th>
                    <th scope="col">
                        <span class="visually-hidden">{t_string!(i18n, revoke)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
