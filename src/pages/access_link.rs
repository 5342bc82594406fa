//! `/access-link/:token`: a client user opens a partner employee's access
//! link, sees who asks and for what, clicks `Approve` and picks the account
//! (R-PA-1). Malformed, unknown, expired, revoked and used links get a clear
//! page, never an error.

use crate::app::route::{use_screen, Screen, A};
use crate::app::studio::use_studio;
use crate::components::permission_sets::AdminComparison;
use crate::components::screen_heading::ScreenHeading;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn AccessLinkPage() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let screen = use_screen();
    let token = move || {
        screen.with(|s| match s {
            Screen::AccessLink(t) => LinkToken::parse(t),
            _ => None,
        })
    };
    let picking = RwSignal::new(false);
    let choice = RwSignal::new(None::<Actor>);
    let approved = RwSignal::new(None::<AccountId>);
    move || {
        let invalid = || {
            view! {
                <ScreenHeading text=t_string!(i18n, link_invalid_title) />
                <p>{t_string!(i18n, link_invalid_body)}</p>
            }
            .into_any()
        };
        if let Some(account) = approved.get() {
            return view! {
                <ScreenHeading text=t_string!(i18n, approved_title) />
                <A href=Screen::UsersAndTeams(account).path()>{t_string!(i18n, go_to_users)}</A>
            }
            .into_any();
        }
        let Some(token) = token() else {
            return invalid();
        };
        let found = studio.doc.with(|d| {
            let link = d.state.link(&token)?.clone();
            let partner = d.state.account(link.partner)?.name.clone();
            let emp = d.state.user(link.partner, link.employee)?.clone();
            let problem = link_problem(&d.state, &link, d.clock);
            let approval = link_approval(&d.state, &d.acting, &token, d.clock);
            Some((partner, emp, problem, approval))
        });
        let Some((partner, emp, problem, approval)) = found else {
            return invalid();
        };
        if let Some(r) = problem {
            return view! {
                <ScreenHeading text=t_string!(i18n, link_unusable_title) />
                <p>{r.render(lang)}</p>
            }
            .into_any();
        }
        let (name, email) = (emp.name.clone(), emp.email.to_string());
        let (n1, n2, p1, p2, p3) = (
            name.clone(),
            name.clone(),
            partner.clone(),
            partner.clone(),
            partner.clone(),
        );
        // Read once: a heading of one link request does not change.
        let title = label_with(keys::link_request_title, &[("name", n1), ("partner", p1)]);
        let heading = view! { <ScreenHeading text=title /> };
        let body = view! {
            <p>
                {t!(
                    i18n, link_request_body,
                    name = move || n2.clone(),
                    email = move || email.clone(),
                    partner = move || p2.clone()
                )}
            </p>
        };
        // R-LINK-1: the true reason, account by account.
        if let Some(why) = approval.why_not() {
            return view! {
                {heading}
                {body}
                <p role="alert" class="refusal">
                    {why.render(lang)}
                </p>
            }
            .into_any();
        }
        let accounts = approval.accounts;
        if choice.get_untracked().is_none() {
            choice.set(accounts.first().map(|(a, _)| *a));
        }
        let token_for_approve = token.clone();
        let approve = move |_| {
            let Some(actor) = choice.get_untracked() else {
                return;
            };
            studio.act_as(actor);
            let cmd = Command::ApproveAccessLink {
                token: token_for_approve.clone(),
                client: actor.account,
            };
            if studio.run(cmd).is_ok() {
                approved.set(Some(actor.account));
            }
        };
        view! {
            {heading}
            {body}
            {move || {
                if picking.get() {
                    let options = accounts
                        .iter()
                        .map(|(actor, name)| {
                            let actor = *actor;
                            let id = format!("grant-{}", actor.account.0);
                            view! {
                                <div class="choice">
                                    <input
                                        type="radio"
                                        name="grant"
                                        id=id.clone()
                                        prop:checked=move || choice.get() == Some(actor)
                                        on:change=move |_| choice.set(Some(actor))
                                    />
                                    <label for=id>{name.clone()}</label>
                                </div>
                            }
                        })
                        .collect_view();
                    let p = p3.clone();
                    view! {
                        <fieldset>
                            <legend>{t!(i18n, choose_account, partner = move || p.clone())}</legend>
                            {options}
                        </fieldset>
                        <AdminComparison />
                        <button type="button" class="primary" on:click=approve.clone()>
                            {t_string!(i18n, confirm_approval)}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="primary" on:click=move |_| picking.set(true)>
                            {t_string!(i18n, approve)}
                        </button>
                    }
                        .into_any()
                }
            }}
        }
        .into_any()
    }
}
