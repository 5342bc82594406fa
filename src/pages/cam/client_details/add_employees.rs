//! `Add employees` to a client (R-CAM-4, R-SEAT-7).

use super::*;

/// Partner-account users who are not yet the partner's employees in the
/// client: new to it, or already its users, who then get the set and the
/// Partner seat (R-SEAT-7).
fn candidates(
    state: &State,
    partner: AccountId,
    client: AccountId,
) -> Vec<(UserId, String, String)> {
    let (Some(p), Some(c)) = (state.account(partner), state.account(client)) else {
        return Vec::new();
    };
    p.users
        .iter()
        .filter(|u| {
            u.is_active()
                && c.user_by_email(&u.email)
                    .is_none_or(|there| partner_of(state, there) != Some(partner))
        })
        .map(|u| (u.id, u.name.clone(), u.email.to_string()))
        .collect()
}

#[component]
pub fn AddEmployees(
    /// The partner account whose Client Access Manager this is.
    partner: AccountId,
    /// The client account the employees are added to.
    client: AccountId,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    studio.notice.set(None);
    let (name, people, sets) = studio.doc.with_untracked(|d| {
        let c = d.state.account(client);
        (
            client_names(&d.state, partner, client).0,
            candidates(&d.state, partner, client),
            c.map(|c| sets_in(c, lang)).unwrap_or_default(),
        )
    });
    let picked = RwSignal::new(Vec::<UserId>::new());
    let set = RwSignal::new(None::<SetId>);
    let add = move |_| {
        let Some(set) = set.get_untracked() else {
            studio
                .notice
                .set(Some(Notice::Invalid(Text::msg("app.choose_set"))));
            return;
        };
        let cmd = Command::AddEmployees {
            partner,
            client,
            employees: picked.get_untracked(),
            set,
        };
        if studio.run(cmd).is_ok() {
            open.set(false);
        }
    };
    let empty = people.is_empty();
    // Only a Partner admin of the client adds (R-CAM-4): when the person is
    // not, the panel says why for this client and offers nothing.
    let not_allowed = studio.doc.with_untracked(|d| {
        may_use_partner_admin_tools(&d.state, &d.acting, client, "action.add_employees")
            .err()
            .map(|r| r.render(lang))
    });
    let heading = view! {
        <h2 id="client-dialog-title">
            {t!(i18n, add_employees_to, client = move || name.clone())}
        </h2>
    };
    if let Some(why) = not_allowed {
        return view! {
            {heading}
            <p class="refusal">{why}</p>
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>
                    {t_string!(i18n, close)}
                </button>
            </div>
        }
        .into_any();
    }
    let size = people.len().clamp(2, 8).to_string();
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let options = select.selected_options();
        let ids = (0..options.length())
            .filter_map(|i| options.item(i))
            .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
            .filter_map(|o| o.value().parse::<u32>().ok().map(UserId))
            .collect();
        picked.set(ids);
    };
    view! {
        {heading}
        <p class="help">{t_string!(i18n, add_employees_help)}</p>
        {if empty {
            view! { <p>{t_string!(i18n, no_employees_to_add)}</p> }.into_any()
        } else {
            // Seed 004: the Employees dropdown, the Permission set dropdown,
            // then Add.
            view! {
                <label for="add-employees-select">{t_string!(i18n, employees_label)}</label>
                <select id="add-employees-select" multiple size=size on:change=on_pick>
                    {people
                        .into_iter()
                        .map(|(id, name, email)| {
                            view! {
                                <option value=id
                                    .0
                                    .to_string()>{format!("{name} ({email})")}</option>
                            }
                        })
                        .collect_view()}
                </select>
            }
                .into_any()
        }}
        <SetSelect sets=sets chosen=set />
        <InlineNotice />
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>
                {t_string!(i18n, cancel)}
            </button>
            <button type="button" class="primary" on:click=add>
                {t_string!(i18n, add)}
            </button>
        </div>
    }
    .into_any()
}
