//! What a choice of admin or permission set means, shown where the choice
//! is made (R-PERM-3a): the articles' comparison of Super Admin and
//! Partner admin, and any set opened to show exactly what it holds.

use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

/// The help article's table: each feature, and whether a Super Admin and a
/// Partner admin have it. Closed until opened, so that it never stands
/// between the person and the choice.
#[component]
pub fn AdminComparison() -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::app::language::lang();
    let yes_no = move |on: bool| {
        if on {
            t_string!(i18n, yes)
        } else {
            t_string!(i18n, no)
        }
    };
    let rows = admin_comparison()
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.feature.render(lang)}</th>
                    <td>{yes_no(r.super_admin)}</td>
                    <td>{yes_no(r.partner_admin)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="admin-comparison">
            <summary>{t_string!(i18n, admins_compared)}</summary>
            <table>
                <caption>{t_string!(i18n, admins_compared_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t_string!(i18n, col_feature)}</th>
                        <th scope="col">
                            {SetId::SuperAdmin.built_in_name().map(|t| t.render(lang))}
                        </th>
                        <th scope="col">
                            {SetId::PartnerAdmin.built_in_name().map(|t| t.render(lang))}
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

/// The permissions a set holds, by area, and its CRM scopes: opened from
/// wherever the set can be chosen.
#[component]
pub fn SetContents(
    /// The set's name as the account calls it.
    name: String,
    /// The permissions it holds.
    permissions: Permissions,
) -> impl IntoView {
    let lang = crate::app::language::lang();
    let areas = Area::ALL
        .into_iter()
        .filter_map(|area| {
            let items: Vec<String> = permissions
                .flags()
                .filter(|p| p.area() == area)
                .map(|p| p.text().render(lang))
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <li>
                        {area.text().render(lang)}
                        <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    </li>
                }
            })
        })
        .collect_view();
    let scopes = CrmRight::all()
        .filter(|r| permissions.scope(*r) > Scope::None)
        .map(|r| {
            let line = format!(
                "{}: {}",
                r.text().render(lang),
                permissions.scope(r).text().render(lang)
            );
            view! { <li>{line}</li> }
        })
        .collect_view();
    let summary = label_with(keys::set_holds, &[("set", name)]);
    view! {
        <details class="set-contents">
            <summary>{summary}</summary>
            <ul>{areas}</ul>
            <ul>{scopes}</ul>
        </details>
    }
}
