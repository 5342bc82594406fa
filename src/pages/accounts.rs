//! The overview of every modelled account.

use crate::app::route::Screen;
use crate::app::studio::use_studio;
use crate::components::pager::{page_count, Pager, PAGE_SIZE};
use crate::components::screen_heading::ScreenHeading;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Accounts() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    // A page of accounts at a time: with hundreds of client accounts the
    // first screen still renders within a few frames.
    let page = RwSignal::new(0usize);
    let pages =
        Signal::derive(move || page_count(studio.doc.with(|d| d.state.accounts.len()), PAGE_SIZE));
    let rows = move || {
        studio.doc.with(|d| {
            d.state
                .accounts
                .iter()
                .skip(page.get() * PAGE_SIZE)
                .take(PAGE_SIZE)
                .map(|a| {
                    let href = Screen::home_of(a).path();
                    let (name, kind, users) = (
                        a.name.clone(),
                        a.kind.text().render(lang),
                        lang.number(a.users.len() as u64),
                    );
                    let hidden = name.clone();
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{kind}</td>
                            <td class="num">{users}</td>
                            <td>
                                <a href=href>
                                    {t_string!(i18n, open)}
                                    <span class="visually-hidden">" " {hidden}</span>
                                </a>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <ScreenHeading text=t_string!(i18n, accounts_title) />
        <p>{t_string!(i18n, accounts_intro)}</p>
        <table>
            <thead>
                <tr>
                    <th scope="col">{t_string!(i18n, col_account)}</th>
                    <th scope="col">{t_string!(i18n, col_kind)}</th>
                    <th scope="col" class="num">
                        {t_string!(i18n, col_users)}
                    </th>
                    <th scope="col">
                        <span class="visually-hidden">{t_string!(i18n, open)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Pager page=page pages=pages on_change=Callback::new(move |p| page.set(p)) />
    }
}
