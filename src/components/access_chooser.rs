//! `Choose to narrow access`: `Make Super Admin`, `Start with a template`, or
//! individual permissions grouped by area. Offers only what the core says the
//! actor may assign (R-PERM-4b, R-PERM-4c, R-PERM-5).

use crate::app::studio::use_studio;
use crate::components::permission_sets::{AdminComparison, SetContents};
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessKind {
    SuperAdmin,
    Template,
    Individual,
}

/// The raw choice: which kind, which template, which permissions.
#[derive(Clone, Copy)]
pub struct AccessDraft {
    pub kind: RwSignal<AccessKind>,
    pub template: RwSignal<Option<SetId>>,
    pub individual: RwSignal<Permissions>,
}

impl AccessDraft {
    /// Starts from what a user has now (or a default). The individual
    /// permissions start from `held`, what the user holds now, whichever
    /// kind is shown first: editing one by one adjusts what is there
    /// (R-PERM-4d), it does not start from nothing.
    pub fn new(current: Access, held: Permissions) -> AccessDraft {
        let (kind, template) = match current {
            Access::Set(SetId::SuperAdmin) => (AccessKind::SuperAdmin, None),
            Access::Set(s) => (AccessKind::Template, Some(s)),
            Access::Custom(_) => (AccessKind::Individual, None),
        };
        let individual = match current {
            Access::Custom(p) => p,
            _ => held,
        };
        AccessDraft {
            kind: RwSignal::new(kind),
            template: RwSignal::new(template),
            individual: RwSignal::new(individual),
        }
    }

    pub fn access(&self) -> Access {
        match self.kind.get() {
            AccessKind::SuperAdmin => Access::Set(SetId::SuperAdmin),
            AccessKind::Template => Access::Set(self.template.get().unwrap_or(SetId::ViewOnly)),
            AccessKind::Individual => Access::Custom(self.individual.get()),
        }
    }
}

#[component]
pub fn AccessChooser(
    /// The account the permissions are for.
    account: AccountId,
    /// Whom they are for (decides whether `Partner admin` is offered).
    emails: Vec<Email>,
    /// The choice being edited.
    draft: AccessDraft,
    /// The seat already chosen, when it is (Create user): the Partner
    /// admin set is then offered only with the Partner seat.
    #[prop(optional)]
    seat: Option<Seat>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let (sets, is_sa, rights, contents) = studio.doc.with_untracked(|d| {
        let offered = match seat {
            Some(seat) => sets_offered_with_seat(&d.state, &d.acting, account, &emails, seat),
            None => sets_offered(&d.state, &d.acting, account, &emails),
        };
        let sets: Vec<(SetId, String)> = offered
            .into_iter()
            .filter(|s| *s != SetId::SuperAdmin)
            .map(|s| {
                (
                    s,
                    d.state
                        .account(account)
                        .map(|a| a.set_name(s).render(lang))
                        .unwrap_or_default(),
                )
            })
            .collect();
        let is_sa = is_super_admin_in(&d.state, &d.acting, account);
        // What each set offered holds, to open beside the choice (R-PERM-3a).
        let contents: Vec<(SetId, Permissions)> = d
            .state
            .account(account)
            .map(|a| {
                sets.iter()
                    .filter_map(|(s, _)| Some((*s, a.set_permissions(*s)?)))
                    .collect()
            })
            .unwrap_or_default();
        (
            sets,
            is_sa,
            rights_in(&d.state, &d.acting, account).unwrap_or(Permissions::NONE),
            contents,
        )
    });
    // Wherever Super Admin and Partner admin are both on offer, the
    // articles' comparison is at hand (R-PERM-3a).
    let compare = is_sa && sets.iter().any(|(s, _)| *s == SetId::PartnerAdmin);
    let names: Vec<(SetId, String)> = sets.clone();
    let chosen_contents = move || {
        let set = draft.template.get()?;
        let name = names.iter().find(|(s, _)| *s == set)?.1.clone();
        let permissions = contents.iter().find(|(s, _)| *s == set)?.1;
        Some(view! { <SetContents name=name permissions=permissions /> })
    };
    if draft
        .template
        .get_untracked()
        .is_none_or(|t| !sets.iter().any(|(s, _)| *s == t))
    {
        draft.template.set(sets.first().map(|(s, _)| *s));
    }
    if draft.kind.get_untracked() == AccessKind::SuperAdmin && !is_sa {
        draft.kind.set(AccessKind::Template);
    }
    let filter = RwSignal::new(String::new());
    let radio = move |kind: AccessKind, id: &'static str, label: AnyView| {
        view! {
            <div class="choice">
                <input
                    type="radio"
                    name="access"
                    id=id
                    prop:checked=move || draft.kind.get() == kind
                    on:change=move |_| draft.kind.set(kind)
                />
                <label for=id>{label}</label>
            </div>
        }
    };
    let set_ids: Vec<SetId> = sets.iter().map(|(s, _)| *s).collect();
    let set_options = move || {
        sets.iter()
            .map(|(s, name)| {
                let s = *s;
                view! {
                    <option value=format!("{s:?}") selected=move || draft.template.get() == Some(s)>
                        {name.clone()}
                    </option>
                }
            })
            .collect_view()
    };
    let set_options = StoredValue::new(set_options);
    let permission_list = move || {
        let needle = filter.get().folded();
        Area::ALL
            .into_iter()
            .filter_map(|area| {
                let items: Vec<Permission> = Permission::ALL
                    .iter()
                    .copied()
                    .filter(|p| p.area() == area && p.text().render(lang).folded().contains(&needle))
                    .collect();
                (!items.is_empty()).then(|| {
                    view! {
                        <fieldset class="area">
                            <legend>{area.text().render(lang)}</legend>
                            {items
                                .into_iter()
                                .map(|p| {
                                    let id = format!("perm-{p:?}");
                                    let held = rights.has(p);
                                    view! {
                                        <div class="choice">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                disabled=!held
                                                prop:checked=move || draft.individual.get().has(p)
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    draft
                                                        .individual
                                                        .update(|x| *x = if on { x.with(p) } else { x.without(p) });
                                                }
                                            />
                                            <label for=id>{p.text().render(lang)}</label>
                                            {(!held)
                                                .then(|| {
                                                    view! {
                                                        <span class="reason">
                                                            " — " {t_string!(i18n, not_held)}
                                                        </span>
                                                    }
                                                })}
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    }
                })
            })
            .collect_view()
    };
    view! {
        <fieldset>
            <legend>{t_string!(i18n, step_access)}</legend>
            {is_sa
                .then(|| radio(
                    AccessKind::SuperAdmin,
                    "access-super-admin",
                    t!(i18n, make_super_admin).into_any(),
                ))}
            {radio(
                AccessKind::Template,
                "access-template",
                t!(i18n, start_with_template).into_any(),
            )}
            {radio(
                AccessKind::Individual,
                "access-individual",
                t!(i18n, choose_individually).into_any(),
            )}
        </fieldset>
        {compare.then(|| view! { <AdminComparison /> })}
        {move || match draft.kind.get() {
            AccessKind::Template => {
                let ids = set_ids.clone();
                view! {
                    <label for="template-select">{t_string!(i18n, template)}</label>
                    <select
                        id="template-select"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            draft.template.set(ids.iter().copied().find(|s| format!("{s:?}") == v));
                        }
                    >
                        {set_options.with_value(|f| f())}
                    </select>
                    {chosen_contents.clone()}
                }
                    .into_any()
            }
            AccessKind::Individual => {
                view! {
                    <label for="permission-search">{t_string!(i18n, search_permissions)}</label>
                    <input
                        id="permission-search"
                        type="search"
                        prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev))
                    />
                    <div class="permission-list">{permission_list}</div>
                }
                    .into_any()
            }
            AccessKind::SuperAdmin => ().into_any(),
        }}
    }
}
