//! Settings > Permission sets: the built-in sets and the account's own,
//! each opened to show what it holds (R-PERM-3a); a custom set renamed or
//! deleted (R-PERM-2). Sets are saved from a user's Edit permissions.

use super::AccountScreen;
use crate::app::studio::use_studio;
use crate::components::confirm::ConfirmButton;
use crate::components::permission_sets::SetContents;
use crate::components::screen_heading::ScreenHeading;
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn PermissionSets() -> impl IntoView {
    view! { <AccountScreen screen=|id| view! { <SetsScreen account=id /> }.into_any() /> }
}

/// One row: the set, its name here, what it holds, how many users have it.
#[derive(Clone, PartialEq)]
struct SetRow {
    set: SetId,
    name: String,
    permissions: Permissions,
    users: usize,
}

#[component]
fn SetsScreen(
    /// The account whose screen this is.
    account: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let rows = Memo::new(move |_| {
        studio.doc.with(|d| {
            let Some(acc) = d.state.account(account) else {
                return Vec::new();
            };
            SetId::BUILT_IN
                .into_iter()
                .chain(acc.custom_sets.iter().map(|s| SetId::Custom(s.id)))
                .filter_map(|set| {
                    Some(SetRow {
                        set,
                        name: acc.set_name(set).render(lang),
                        permissions: acc.set_permissions(set)?,
                        users: acc.users.iter().filter(|u| u.set == Some(set)).count(),
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let has_custom = move || rows.with(|r| r.iter().any(|x| matches!(x.set, SetId::Custom(_))));
    view! {
        <ScreenHeading text=t_string!(i18n, permission_sets_title) />
        <p class="help">{t_string!(i18n, permission_sets_help)}</p>
        <table class="permission-sets">
            <thead>
                <tr>
                    <th scope="col">{t_string!(i18n, col_set)}</th>
                    <th scope="col">{t_string!(i18n, col_kind)}</th>
                    <th scope="col">{t_string!(i18n, col_users)}</th>
                    <th scope="col">{t_string!(i18n, col_holds)}</th>
                    <th scope="col">{t_string!(i18n, col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|r| (r.set, r.name.clone(), r.users) let:row>
                    <SetRowView account=account row=row />
                </For>
            </tbody>
        </table>
        <Show when=move || !has_custom()>
            <p>{t_string!(i18n, no_custom_sets)}</p>
        </Show>
    }
}

#[component]
fn SetRowView(
    /// The account whose screen this is.
    account: AccountId,
    /// The set: its name, what it holds and how many users have it.
    row: SetRow,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let kind = match row.set {
        SetId::Custom(_) => t_string!(i18n, set_kind_custom),
        _ => t_string!(i18n, set_kind_built_in),
    };
    let actions = match row.set {
        SetId::Custom(id) => {
            let name = RwSignal::new(row.name.clone());
            let field = format!("rename-set-{id}");
            let rename = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let _ = studio.run(Command::RenameCustomSet {
                    account,
                    set: id,
                    name: name.get_untracked(),
                });
            };
            let set_name = row.name.clone();
            let delete_body = Signal::derive(move || {
                label_with(
                    keys::delete_set_body,
                    &[("set", set_name.clone()), ("count", row.users.to_string())],
                )
            });
            view! {
                <form class="inline-form" on:submit=rename>
                    <label for=field.clone()>{t_string!(i18n, set_new_name)}</label>
                    <input
                        id=field
                        type="text"
                        maxlength="60"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <button type="submit">{t_string!(i18n, rename)}</button>
                </form>
                <ConfirmButton
                    label=Signal::derive(move || t_string!(i18n, delete).to_string())
                    title=Signal::derive(move || t_string!(i18n, delete_set_title).to_string())
                    body=delete_body
                    confirm=Signal::derive(move || t_string!(i18n, delete).to_string())
                    on_confirm=Callback::new(move |_| {
                        let _ = studio
                            .run(Command::DeleteCustomSet {
                                account,
                                set: id,
                            });
                    })
                />
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <tr>
            <th scope="row">{row.name.clone()}</th>
            <td>{kind}</td>
            <td>{row.users}</td>
            <td>
                <SetContents name=row.name.clone() permissions=row.permissions />
            </td>
            <td>{actions}</td>
        </tr>
    }
}
