//! Partner settings: the approved partner email domains (R-ACC-1, R-ACC-3a).

use super::AccountScreen;
use crate::app::studio::{use_studio, Notice};
use crate::domain::{AccountId, Command, Domain};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn PartnerSettings() -> impl IntoView {
    view! { <AccountScreen screen=|id| view! { <DomainsScreen partner=id /> } /> }
}

#[component]
fn DomainsScreen(partner: AccountId) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
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
            problem.set(Some(r.to_string()));
        } else {
            problem.set(None);
        }
        ok
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Domain::parse(&typed.get_untracked()) {
            Err(e) => problem.set(Some(format!("Check the domain: {e}."))),
            Ok(d) => {
                let mut list = domains();
                if list.contains(&d) {
                    problem.set(Some(format!("{} is already approved.", d.as_str())));
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
        <h1>{t_string!(i18n, partner_settings_title)}</h1>
        <section aria-labelledby="domains-heading">
            <h2 id="domains-heading">{t_string!(i18n, partner_domains_heading)}</h2>
            <p class="help">{t_string!(i18n, partner_domains_help)}</p>
            <ul class="domain-list">
                {move || domains().into_iter().map(|d| {
                    let shown = d.as_str().to_string();
                    let label = format!("{} {}", t_string!(i18n, remove), shown);
                    let gone = d.clone();
                    view! {
                        <li>{shown} " "
                            <button type="button" aria-label=label on:click=move |_| {
                                let list: Vec<Domain> = domains().into_iter().filter(|x| *x != gone).collect();
                                save(list);
                            }>{t_string!(i18n, remove)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form on:submit=add class="inline-form">
                <label>{t_string!(i18n, add_domain)} " "
                    <input type="text" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                        aria-invalid=move || problem.get().is_some().to_string() aria-describedby="domain-problem" />
                </label>
                <button type="submit">{t_string!(i18n, add)}</button>
            </form>
            <p id="domain-problem" class="field-error" role="alert">{move || problem.get()}</p>
        </section>
    }
}
