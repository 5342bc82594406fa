//! Settings > Users & Teams of a client account.

pub mod create_user;
pub mod table;
pub mod user_detail;

use super::AccountScreen;
use crate::app::route::{use_router, Router, Step};
use crate::app::studio::use_studio;
use crate::components::modal::Modal;
use crate::components::notices::InlineNotice;
use crate::components::pager::Pager;
use crate::components::screen_heading::ScreenHeading;
use crate::domain::{AccountId, Seat, SetId, UserStatus};
use crate::i18n::*;
use leptos::prelude::*;
use table::{select, SetFilter, SortColumn, UserQuery};

#[component]
pub fn UsersAndTeams() -> impl IntoView {
    view! { <AccountScreen screen=|id| view! { <UsersScreen account=id /> }.into_any() /> }
}

#[component]
fn UsersScreen(
    /// The account whose screen this is.
    account: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page-head">
            <ScreenHeading text=t_string!(i18n, users_title) />
            <create_user::CreateUser account=account />
        </div>
        <SeatSummary account=account />
        <UserTable account=account />
    }
}

/// Used / purchased per seat type, Partner seats counted apart.
#[component]
fn SeatSummary(
    /// The account whose screen this is.
    account: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let items = move || {
        studio.doc.with(|d| {
            let Some(a) = d.state.account(account) else {
                return Vec::new();
            };
            Seat::ALL
                .into_iter()
                .map(|s| {
                    let used = a.seats_used(s);
                    let bought = a.seats_purchased(s);
                    let text = if s.is_paid() {
                        t!(
                            i18n,
                            seats_used_of,
                            used = move || used,
                            bought = move || bought
                        )
                        .into_any()
                    } else {
                        t!(i18n, seats_free_count, used = move || used).into_any()
                    };
                    view! {
                        <div class="seat">
                            <dt>{s.text().render(lang)}</dt>
                            <dd>{text}</dd>
                        </div>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="seat-summary" aria-labelledby="seats-heading">
            <h2 id="seats-heading">{t_string!(i18n, seats_heading)}</h2>
            <dl>{items}</dl>
        </section>
    }
}

#[component]
fn UserTable(
    /// The account whose screen this is.
    account: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    // The search, filters, sort, page and the open user are in the address,
    // so that a link shows exactly this, and Back undoes a filter or closes
    // the user again.
    let router = use_router();
    let query = Memo::new(move |_| {
        let params = router.params();
        UserQuery::from_params(|name| params.as_ref()?.get(name), studio.now())
    });
    // A user of this account: a link to one removed since (or never here)
    // opens nothing, and removing the open user closes their details.
    let selected = move || {
        let id = crate::domain::UserId(router.param("user")?.parse().ok()?);
        studio
            .doc
            .with(|d| d.state.user(account, id).is_some())
            .then_some(id)
    };
    let detail_open = RwSignal::new(untrack(selected).is_some());
    Effect::new(move |_| {
        let open = selected().is_some();
        if detail_open.get_untracked() != open {
            detail_open.set(open);
        }
    });
    Effect::new(move |_| {
        if !detail_open.get() && untrack(selected).is_some() {
            router.set_params(&[("user", None)], Step::Push);
        }
    });
    // Recomputed when the data or the query changes; only one page of rows
    // is ever rendered, so 10,000 users cost one filter pass, not 10,000 rows.
    // A memo: the rows, the count and the pager all read it, and a closure
    // ran the filter and sort once for each of them on every keystroke.
    let selection = Memo::new(move |_| {
        studio.doc.with(|d| {
            d.state
                .account(account)
                .map(|a| select(&d.state, a, &query.get(), lang))
        })
    });

    let sort_header = move |col: SortColumn, label: &'static str| {
        let aria = move || {
            let q = query.get();
            if q.sort != col {
                "none"
            } else if q.descending {
                "descending"
            } else {
                "ascending"
            }
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| {
                        change_query(
                            router,
                            query,
                            Step::Push,
                            |q| {
                                if q.sort == col {
                                    q.descending = !q.descending
                                } else {
                                    q.sort = col;
                                    q.descending = false;
                                }
                            },
                        )
                    }
                >
                    {label}
                </button>
            </th>
        }
    };

    let set_options = move || {
        studio.doc.with(|d| {
            let Some(a) = d.state.account(account) else {
                return Vec::new();
            };
            let mut sets: Vec<SetId> = SetId::BUILT_IN.to_vec();
            sets.extend(a.custom_sets.iter().map(|s| SetId::Custom(s.id)));
            sets.into_iter()
                .map(|s| {
                    let v = SetFilter::value(Some(SetFilter::Set(s)));
                    view! { <option value=v>{a.set_name(s).render(lang)}</option> }
                })
                .collect::<Vec<_>>()
        })
    };
    let on_set = move |ev| {
        let f = SetFilter::of_value(&event_target_value(&ev));
        change_query(router, query, Step::Push, |q| {
            q.set = f;
            q.page = 0;
        });
    };
    let on_seat = move |ev| {
        let v = event_target_value(&ev);
        change_query(router, query, Step::Push, |q| {
            q.set_seat_value(&v);
            q.page = 0;
        });
    };
    let on_status = move |ev| {
        let v = event_target_value(&ev);
        let now = studio.now();
        change_query(router, query, Step::Push, |q| {
            q.set_status_value(&v, now);
            q.page = 0;
        });
    };

    let rows = move || {
        let Some(sel) = selection.get() else {
            return ().into_any();
        };
        if sel.rows.is_empty() {
            return view! {
                <tr>
                    <td colspan="8" class="empty">
                        {t_string!(i18n, no_users_match)}
                        " "
                        <button
                            type="button"
                            on:click=move |_| {
                                change_query(
                                    router,
                                    query,
                                    Step::Push,
                                    |q| *q = UserQuery::default(),
                                )
                            }
                        >
                            {t_string!(i18n, clear_filters)}
                        </button>
                    </td>
                </tr>
            }
            .into_any();
        }
        sel.rows
            .into_iter()
            .map(|r| {
                let status_class = if r.status == UserStatus::Active {
                    "status active"
                } else {
                    "status deactivated"
                };
                let id = r.id;
                let open =
                    move |_| router.set_params(&[("user", Some(id.0.to_string()))], Step::Push);
                let header = format!("user-{}", r.id.0);
                view! {
                    <tr>
                        <th scope="row" id=header.clone()>
                            <button type="button" class="link" on:click=open>
                                {r.name}
                            </button>
                        </th>
                        <td>{r.email}</td>
                        <td>{r.seat.text().render(lang)}</td>
                        <td>{r.set_label}</td>
                        <td>
                            <span class=status_class>{r.status.text().render(lang)}</span>
                        </td>
                        <td>
                            {r.partner.map(|p| view! { <span class="partner-badge">{p}</span> })}
                        </td>
                        <td>
                            <time datetime=r
                                .last_change
                                .iso_date()>{lang.date(r.last_change)}</time>
                        </td>
                        // "Hover over the user and click Edit permissions", as the
                        // vendor's help says; shown on focus too, and described
                        // by the user's name.
                        <td class="row-edit">
                            <button type="button" aria-describedby=header on:click=open>
                                {t_string!(i18n, edit_permissions)}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let counts = move || {
        selection.with(|s| {
            s.as_ref()
                .map(|s| (s.matching, s.page, s.pages))
                .unwrap_or((0, 0, 1))
        })
    };
    let total = move || {
        studio
            .doc
            .with(|d| d.state.account(account).map(|a| a.users.len()).unwrap_or(0))
    };
    let shown = move || lang.number(counts().0 as u64);
    let total = move || lang.number(total() as u64);

    view! {
        <section class="users" aria-labelledby="users-heading">
            <h2 id="users-heading">{t_string!(i18n, users_heading)}</h2>
            <div class="filters">
                <label class="search">
                    <span class="visually-hidden">{t_string!(i18n, search_users)}</span>
                    <input
                        type="search"
                        placeholder=move || t_string!(i18n, search_users).to_string()
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| {
                            change_query(
                                router,
                                query,
                                Step::Replace,
                                |q| {
                                    q.text = event_target_value(&ev);
                                    q.page = 0;
                                },
                            )
                        }
                    />
                </label>
                <span class="field">
                    <label for="filter-seat">{t_string!(i18n, filter_seat)}</label>
                    <select
                        id="filter-seat"
                        on:change=on_seat
                        prop:value=move || query.with(UserQuery::seat_value)
                    >
                        <option value="">{t_string!(i18n, all)}</option>
                        {Seat::ALL
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option value=format!("{s:?}")>{s.text().render(lang)}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </span>
                <span class="field">
                    <label for="filter-set">{t_string!(i18n, filter_set)}</label>
                    <select
                        id="filter-set"
                        on:change=on_set
                        prop:value=move || query.with(|q| SetFilter::value(q.set))
                    >
                        <option value="">{t_string!(i18n, all)}</option>
                        {set_options}
                        <option value="custom">{t_string!(i18n, custom_set)}</option>
                    </select>
                </span>
                <span class="field">
                    <label for="filter-status">{t_string!(i18n, filter_status)}</label>
                    <select
                        id="filter-status"
                        on:change=on_status
                        prop:value=move || query.with(UserQuery::status_value)
                    >
                        <option value="">{t_string!(i18n, all)}</option>
                        <option value="Active">{UserStatus::Active.text().render(lang)}</option>
                        <option value="Deactivated">
                            {UserStatus::Deactivated.text().render(lang)}
                        </option>
                        <option value="Dormant">{t_string!(i18n, dormant_filter)}</option>
                    </select>
                </span>
            </div>
            <p role="status" class="count">
                {t!(i18n, showing_users, shown = shown, total = total)}
            </p>
            <table class="user-table">
                <thead>
                    <tr>
                        {sort_header(SortColumn::Name, t_string!(i18n, col_name))}
                        {sort_header(SortColumn::Email, t_string!(i18n, col_email))}
                        {sort_header(SortColumn::Seat, t_string!(i18n, col_seat))}
                        {sort_header(SortColumn::Set, t_string!(i18n, col_set))}
                        {sort_header(SortColumn::Status, t_string!(i18n, col_status))}
                        <th scope="col">{t_string!(i18n, col_partner)}</th>
                        {sort_header(SortColumn::LastChange, t_string!(i18n, col_last_change))}
                        <th scope="col" class="row-edit">
                            <span class="visually-hidden">{t_string!(i18n, actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Pager
                page=Signal::derive(move || counts().1)
                pages=Signal::derive(move || counts().2)
                on_change=Callback::new(move |p| change_query(
                    router,
                    query,
                    Step::Push,
                    |q| q.page = p,
                ))
            />
        </section>
        <Modal open=detail_open labelled_by="user-detail-title" class="wizard">
            {move || {
                selected().map(|u| view! { <user_detail::UserDetail account=account user=u /> })
            }}
            // The page's notice is inert behind the modal: say the outcome here too.
            <InlineNotice />
            <div class="actions">
                <button type="button" on:click=move |_| detail_open.set(false)>
                    {t_string!(i18n, close)}
                </button>
            </div>
        </Modal>
    }
}

/// Changes the table's query by changing the address, which it follows.
fn change_query(
    router: Router,
    query: Memo<UserQuery>,
    step: Step,
    f: impl FnOnce(&mut UserQuery),
) {
    let mut q = query.get_untracked();
    f(&mut q);
    router.set_params(&q.to_params(), step);
}
