//! Partner settings: the approved partner email domains (R-ACC-1, R-ACC-3a).

use super::AccountScreen;
use crate::app::studio::{use_studio, Notice};
use crate::components::screen_heading::ScreenHeading;
use crate::domain::{AccountId, Command, Domain, PartnerDirectory, MAX_LINK_VALID_DAYS};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn PartnerSettings() -> impl IntoView {
    view! {
        <AccountScreen screen=|id| {
            view! {
                <DomainsScreen partner=id />
                <LinksAndDormant partner=id />
            }
                .into_any()
        } />
    }
}

/// Access-link validity and automatic deactivation of dormant employees,
/// with the partner's dormant employees listed for review.
#[component]
fn LinksAndDormant(
    /// The partner account whose settings these are.
    partner: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let stored = Memo::new(move |_| {
        studio.doc.with(|d| {
            d.state
                .account(partner)
                .map(|p| (p.link_valid_days, p.deactivate_dormant))
                .unwrap_or((30, false))
        })
    });
    let (days, dormant_on) = stored.get_untracked();
    let days = RwSignal::new(days.to_string());
    let dormant_on = RwSignal::new(dormant_on);
    let problem = RwSignal::new(None::<String>);
    // Whether the problem is the number of days (the field is then marked).
    let days_wrong = RwSignal::new(false);
    // The fields follow the stored settings when these change under them
    // (Undo, another tab); a save stores what they hold, so it moves nothing.
    Effect::new(move |_| {
        let (stored_days, stored_dormant) = stored.get();
        days.set(stored_days.to_string());
        dormant_on.set(stored_dormant);
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(link_valid_days) = days.get_untracked().trim().parse::<u32>() else {
            problem.set(Some(
                crate::domain::Text::msg("app.days_whole_number").render(lang),
            ));
            days_wrong.set(true);
            return;
        };
        let cmd = Command::SetPartnerSettings {
            partner,
            link_valid_days,
            deactivate_dormant: dormant_on.get_untracked(),
        };
        let refusal = studio.run(cmd).err().flatten();
        days_wrong.set(refusal.as_ref().is_some_and(|r| r.rule == "R-PA-1"));
        problem.set(refusal.map(|r| r.render(lang)));
    };
    let dormant = move || {
        studio.doc.with(|d| {
            let directory = PartnerDirectory::new(&d.state);
            d.state
                .clients()
                .flat_map(|c| {
                    let directory = &directory;
                    c.users
                        .iter()
                        .filter(move |u| {
                            u.is_dormant(d.clock) && directory.partner_of(u) == Some(partner)
                        })
                        .map(move |u| (u.name.clone(), c.name.clone(), u.last_active))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section aria-labelledby="links-heading">
            <h2 id="links-heading">{t_string!(i18n, links_and_dormant_heading)}</h2>
            // The core says what is wrong with the days (R-PA-1), not the
            // browser's own check of min and max.
            <form on:submit=save class="settings-form" novalidate>
                <label>
                    {t_string!(i18n, link_valid_days)} " "
                    <input
                        type="number"
                        min="1"
                        max=MAX_LINK_VALID_DAYS.to_string()
                        prop:value=move || days.get()
                        aria-invalid=move || days_wrong.get().to_string()
                        aria-describedby="settings-problem"
                        on:input=move |ev| days.set(event_target_value(&ev))
                    />
                </label>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || dormant_on.get()
                        on:change=move |ev| dormant_on.set(event_target_checked(&ev))
                    />
                    " "
                    {t_string!(i18n, deactivate_dormant)}
                </label>
                <button type="submit">{t_string!(i18n, save)}</button>
                <p id="settings-problem" class="field-error" role="alert">
                    {problem}
                </p>
            </form>
            <h3>{t_string!(i18n, dormant_heading)}</h3>
            {move || {
                let list = dormant();
                if list.is_empty() {
                    return view! { <p>{t_string!(i18n, no_dormant)}</p> }.into_any();
                }
                view! {
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t_string!(i18n, col_employee)}</th>
                                <th scope="col">{t_string!(i18n, col_client)}</th>
                                <th scope="col">{t_string!(i18n, col_last_active)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|(name, client, date)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td>{client}</td>
                                            <td>
                                                <time datetime=date.iso_date()>{lang.date(date)}</time>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn DomainsScreen(
    /// The partner account whose settings these are.
    partner: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let domains = move || {
        studio.doc.with(|d| {
            d.state
                .account(partner)
                .map(|a| a.partner_domains.clone())
                .unwrap_or_default()
        })
    };
    let save = move |list: Vec<Domain>| {
        let ok = studio
            .run(Command::SetPartnerDomains {
                partner,
                domains: list,
            })
            .is_ok();
        if let Some(Notice::Refused(r)) = studio.notice.get_untracked() {
            problem.set(Some(r.render(lang)));
        } else {
            problem.set(None);
        }
        ok
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Domain::parse(&typed.get_untracked()) {
            Err(e) => problem.set(Some(
                domain::text!("app.check_domain", problem = e.text()).render(lang),
            )),
            Ok(d) => {
                let mut list = domains();
                if list.contains(&d) {
                    problem.set(Some(
                        domain::text!("app.domain_already_approved", domain = d.as_str())
                            .render(lang),
                    ));
                    return;
                }
                list.push(d);
                if save(list) {
                    typed.set(String::new());
                }
            }
        }
    };
    view! {
        <ScreenHeading text=t_string!(i18n, partner_settings_title) />
        <section aria-labelledby="domains-heading">
            <h2 id="domains-heading">{t_string!(i18n, partner_domains_heading)}</h2>
            <p class="help">{t_string!(i18n, partner_domains_help)}</p>
            <ul class="domain-list">
                {move || {
                    domains()
                        .into_iter()
                        .map(|d| {
                            let shown = d.as_str().to_string();
                            let label = format!("{} {}", t_string!(i18n, remove), shown);
                            let gone = d.clone();
                            view! {
                                <li>
                                    {shown} " "
                                    <button
                                        type="button"
                                        aria-label=label
                                        on:click=move |_| {
                                            let list: Vec<Domain> = domains()
                                                .into_iter()
                                                .filter(|x| *x != gone)
                                                .collect();
                                            save(list);
                                        }
                                    >
                                        {t_string!(i18n, remove)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <form on:submit=add class="inline-form">
                <label>
                    {t_string!(i18n, add_domain)} " "
                    <input
                        type="text"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        aria-invalid=move || problem.get().is_some().to_string()
                        aria-describedby="domain-problem"
                    />
                </label>
                <button type="submit">{t_string!(i18n, add)}</button>
            </form>
            <p id="domain-problem" class="field-error" role="alert">
                {problem}
            </p>
        </section>
    }
}
