//! The overview of every modelled account.

use crate::app::{paths, studio::use_studio};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Accounts() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let rows = move || {
        studio.doc.with(|d| {
            d.state
                .accounts
                .iter()
                .map(|a| {
                    let href = paths::home_of(a);
                    let (name, kind, users) = (a.name.clone(), a.kind.text().render(lang), lang.number(a.users.len() as u64));
                    let hidden = name.clone();
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{kind}</td>
                            <td class="num">{users}</td>
                            <td><A href=href>{t_string!(i18n, open)} <span class="visually-hidden">" " {hidden}</span></A></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h1>{t_string!(i18n, accounts_title)}</h1>
        <p>{t_string!(i18n, accounts_intro)}</p>
        <table>
            <thead>
                <tr>
                    <th scope="col">{t_string!(i18n, col_account)}</th>
                    <th scope="col">{t_string!(i18n, col_kind)}</th>
                    <th scope="col">{t_string!(i18n, col_users)}</th>
                    <th scope="col"><span class="visually-hidden">{t_string!(i18n, open)}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
