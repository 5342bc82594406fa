//! An account's audit log: every accepted command, filterable, exportable.

use super::AccountScreen;
use crate::app::studio::use_studio;
use crate::components::screen_heading::ScreenHeading;
use crate::domain::audit::{part, to_csv, ActorFilter, AuditFilter, AuditIndex, Category};
use crate::domain::{AccountId, Text, Timestamp};
use crate::i18n::*;
use crate::pages::users_and_teams::user_detail::change_lines;
use crate::storage::browser;
use leptos::prelude::*;

/// Entries shown per page; the filters narrow the rest.
const PAGE: usize = 100;

#[component]
pub fn AuditLog() -> impl IntoView {
    view! { <AccountScreen screen=|id| view! { <AuditScreen account=id /> }.into_any() /> }
}

#[component]
fn AuditScreen(
    /// The account whose screen this is.
    account: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let filter = RwSignal::new(AuditFilter::default());
    let shown = RwSignal::new(PAGE);
    // Rebuilt when the state changes, not per keystroke.
    let index = Memo::new_with_compare(
        move |_| {
            studio
                .doc
                .with(|d| std::sync::Arc::new(AuditIndex::new(&d.state, account, lang)))
        },
        |_, _| true,
    );
    let matching = Memo::new(move |_| index.with(|i| filter.with(|f| i.matching(f))));
    let actors = move || studio.doc.with(|d| index.with(|i| i.actors(&d.state)));
    let set_filter = move |change: &dyn Fn(&mut AuditFilter)| {
        filter.update(|f| change(f));
        shown.set(PAGE);
    };

    let rows = move || {
        let ids = matching.get();
        studio.doc.with(|d| {
            let acc = d.state.account(account);
            ids.iter()
                .take(shown.get())
                .filter_map(|&i| d.state.audit.get(i))
                .map(|e| {
                    let who = e
                        .actor
                        .as_ref()
                        .map(|a| a.name.clone())
                        .unwrap_or_else(|| t_string!(i18n, automatic).to_string());
                    let acting_in = e
                        .actor
                        .as_ref()
                        .and_then(|a| d.state.account(a.account))
                        .map(|a| a.name.clone())
                        .unwrap_or_default();
                    let decision = crate::domain::Decision {
                        summary: Text::Plain(String::new()),
                        events: part(e, account).cloned().collect(),
                    };
                    let changes = change_lines(&decision, acc, lang);
                    view! {
                        <tr>
                            <td>
                                <time datetime=e.at.iso_date()>{lang.date_time(e.at)}</time>
                            </td>
                            <td>{who}</td>
                            <td>{acting_in}</td>
                            <th scope="row">{e.summary.render(lang)}</th>
                            <td>
                                <ul class="changes">
                                    {changes
                                        .into_iter()
                                        .map(|l| view! { <li>{l}</li> })
                                        .collect_view()}
                                </ul>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    let export = move |_| {
        let csv = studio
            .doc
            .with_untracked(|d| to_csv(&d.state, account, &matching.get_untracked(), lang));
        let name = format!("audit-log-{}-{}.csv", account.0, studio.now().iso_date());
        let _ = browser::download_as(&name, &csv, "text/csv");
    };

    view! {
        <ScreenHeading text=t_string!(i18n, audit_log_title) />
        <div class="filters" role="search">
            <label>
                {t_string!(i18n, search)} " "
                <input
                    type="search"
                    prop:value=move || filter.with(|f| f.search.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set_filter(&|f| f.search = v.clone());
                    }
                />
            </label>
            <label>
                {t_string!(i18n, filter_category)} " "
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let c = Category::ALL.into_iter().find(|c| c.text().render(lang) == v);
                    set_filter(&|f| f.category = c);
                }>
                    <option value="">{t_string!(i18n, all)}</option>
                    {Category::ALL
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=c.text().render(lang)>{c.text().render(lang)}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {t_string!(i18n, filter_actor)} " "
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let a = match v.as_str() {
                        "" => ActorFilter::Anyone,
                        "automatic" => ActorFilter::Automatic,
                        e => ActorFilter::Person(e.to_string()),
                    };
                    set_filter(&|f| f.actor = a.clone());
                }>
                    <option value="">{t_string!(i18n, all)}</option>
                    <option value="automatic">{t_string!(i18n, automatic)}</option>
                    {move || {
                        actors()
                            .into_iter()
                            .map(|(email, name)| view! { <option value=email>{name}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <label>
                {t_string!(i18n, filter_affected)} " "
                <input
                    type="text"
                    prop:value=move || filter.with(|f| f.affected.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set_filter(&|f| f.affected = v.clone());
                    }
                />
            </label>
            <label>
                {t_string!(i18n, date_from)} " "
                <input
                    type="date"
                    on:change=move |ev| {
                        let v = Timestamp::parse_iso_date(&event_target_value(&ev));
                        set_filter(&|f| f.from = v);
                    }
                />
            </label>
            <label>
                {t_string!(i18n, date_to)} " "
                <input
                    type="date"
                    on:change=move |ev| {
                        let v = Timestamp::parse_iso_date(&event_target_value(&ev));
                        set_filter(&|f| f.to = v);
                    }
                />
            </label>
            <button type="button" on:click=export>
                {t_string!(i18n, export_csv)}
            </button>
        </div>
        <p role="status" class="count">
            {move || {
                let (n, total) = (
                    lang.number(matching.with(Vec::len) as u64),
                    lang.number(index.with(|i| i.len()) as u64),
                );
                t!(i18n, showing_entries, shown = move || n.clone(), total = move || total.clone())
            }}
        </p>
        <Show
            when=move || matching.with(|m| !m.is_empty())
            fallback=move || {
                view! {
                    <p>
                        {move || {
                            if index.with(|i| i.len()) == 0 {
                                t_string!(i18n, audit_log_empty)
                            } else {
                                t_string!(i18n, no_entries)
                            }
                        }}
                    </p>
                }
            }
        >
            <table class="audit">
                <thead>
                    <tr>
                        <th scope="col">{t_string!(i18n, col_when)}</th>
                        <th scope="col">{t_string!(i18n, col_who)}</th>
                        <th scope="col">{t_string!(i18n, col_acting_in)}</th>
                        <th scope="col">{t_string!(i18n, col_what)}</th>
                        <th scope="col">{t_string!(i18n, col_changes)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
        <Show when=move || matching.with(|m| m.len() > shown.get())>
            <button type="button" on:click=move |_| shown.update(|s| *s += PAGE)>
                {t_string!(i18n, show_more)}
            </button>
        </Show>
    }
}
