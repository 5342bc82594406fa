//! Search, filter, sort and paging of the Users & Teams table: plain code,
//! tested natively, so the screen only renders the rows it is given.

use crate::domain::{
    sort, Account, Folded, Lang, PartnerDirectory, Seat, SetId, State, UserStatus,
};

pub const PAGE_SIZE: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Name,
    Email,
    Seat,
    Set,
    Status,
    LastChange,
}

/// Which permission set to show: a set, or users with individual ("Custom") permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetFilter {
    Set(SetId),
    Custom,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserQuery {
    pub text: String,
    pub seat: Option<Seat>,
    pub set: Option<SetFilter>,
    pub status: Option<UserStatus>,
    /// Only users dormant at this time (no activity for 90 days), for review.
    pub dormant_at: Option<crate::domain::Timestamp>,
    pub sort: SortColumn,
    pub descending: bool,
    pub page: usize,
}

/// One row as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: crate::domain::UserId,
    pub name: String,
    pub email: String,
    pub seat: Seat,
    pub set_label: String,
    pub status: UserStatus,
    pub partner: Option<String>,
    pub last_change: crate::domain::Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub rows: Vec<UserRow>,
    pub matching: usize,
    pub pages: usize,
    pub page: usize,
}

/// The page of rows `q` asks for; labels (and the order by label) in `lang`.
pub fn select(state: &State, account: &Account, q: &UserQuery, lang: Lang) -> Selection {
    let needle = q.text.trim().folded();
    let mut hits: Vec<&crate::domain::User> = account
        .users
        .iter()
        .filter(|u| q.seat.is_none_or(|s| u.seat == s))
        .filter(|u| q.status.is_none_or(|s| u.status == s))
        .filter(|u| q.dormant_at.is_none_or(|now| u.is_dormant(now)))
        .filter(|u| match q.set {
            None => true,
            Some(SetFilter::Custom) => u.set.is_none(),
            Some(SetFilter::Set(s)) => u.set == Some(s),
        })
        .filter(|u| {
            needle.is_empty()
                || u.email.as_str().contains(&needle)
                || u.name.folded().contains(&needle)
        })
        .collect();
    let set_label = |u: &crate::domain::User| account.access_label(u).render(lang);
    match q.sort {
        SortColumn::Name => sort::sort_by_cached_key(&mut hits, |u| u.name.folded()),
        SortColumn::Email => sort::sort_by(&mut hits, |a, b| a.email.cmp(&b.email)),
        SortColumn::Seat => sort::sort_by_key(&mut hits, |u| u.seat),
        SortColumn::Set => sort::sort_by_cached_key(&mut hits, |u| set_label(u)),
        SortColumn::Status => sort::sort_by_key(&mut hits, |u| u.status == UserStatus::Deactivated),
        SortColumn::LastChange => sort::sort_by_key(&mut hits, |u| u.last_change),
    }
    if q.descending {
        hits.reverse();
    }
    let matching = hits.len();
    let pages = matching.div_ceil(PAGE_SIZE).max(1);
    let page = q.page.min(pages - 1);
    let directory = PartnerDirectory::new(state);
    let rows = hits
        .into_iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|u| UserRow {
            id: u.id,
            name: u.name.clone(),
            email: u.email.to_string(),
            seat: u.seat,
            set_label: set_label(u),
            status: u.status,
            partner: directory
                .credited_partner(u)
                .and_then(|p| state.account(p))
                .map(|p| p.name.clone()),
            last_change: u.last_change,
        })
        .collect();
    Selection {
        rows,
        matching,
        pages,
        page,
    }
}

/// A value of the address's query string, written and read back by name.
fn named<T: Copy + std::fmt::Debug>(all: &[T], value: Option<&str>) -> Option<T> {
    let value = value?;
    all.iter().copied().find(|x| format!("{x:?}") == value)
}

const SORT_COLUMNS: [SortColumn; 6] = [
    SortColumn::Name,
    SortColumn::Email,
    SortColumn::Seat,
    SortColumn::Set,
    SortColumn::Status,
    SortColumn::LastChange,
];

impl SetFilter {
    /// The filter as the set filter's option values and the address name it.
    pub fn value(filter: Option<SetFilter>) -> String {
        match filter {
            None => String::new(),
            Some(SetFilter::Custom) => "custom".into(),
            Some(SetFilter::Set(SetId::Custom(n))) => format!("set-{n}"),
            Some(SetFilter::Set(s)) => format!("{s:?}"),
        }
    }

    /// Reads [`SetFilter::value`] back; a custom set that the account does
    /// not have matches nobody, as a deleted set would.
    pub fn of_value(value: &str) -> Option<SetFilter> {
        match value {
            "custom" => Some(SetFilter::Custom),
            _ => match value.strip_prefix("set-") {
                Some(n) => n.parse().ok().map(|n| SetFilter::Set(SetId::Custom(n))),
                None => named(&SetId::BUILT_IN, Some(value)).map(SetFilter::Set),
            },
        }
    }
}

impl UserQuery {
    /// The query as parameters of the address, every one named (`None` for
    /// what is at its default, so that it leaves the address).
    pub fn to_params(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("q", Some(self.text.clone())),
            ("seat", Some(self.seat_value())),
            ("set", Some(SetFilter::value(self.set))),
            ("status", Some(self.status_value())),
            (
                "sort",
                (self.sort != SortColumn::Name).then(|| format!("{:?}", self.sort)),
            ),
            ("desc", self.descending.then(|| "1".to_string())),
            ("page", (self.page > 0).then(|| (self.page + 1).to_string())),
        ]
    }

    /// Reads [`UserQuery::to_params`] back; what is unknown is left at its
    /// default. `Dormant` means dormant at `now`.
    pub fn from_params(
        param: impl Fn(&str) -> Option<String>,
        now: crate::domain::Timestamp,
    ) -> UserQuery {
        let get = |name: &str| param(name);
        let mut query = UserQuery {
            text: get("q").unwrap_or_default(),
            set: get("set").as_deref().and_then(SetFilter::of_value),
            sort: named(&SORT_COLUMNS, get("sort").as_deref()).unwrap_or_default(),
            descending: get("desc").as_deref() == Some("1"),
            page: get("page")
                .and_then(|p| p.parse::<usize>().ok())
                .map_or(0, |p| p.saturating_sub(1)),
            ..UserQuery::default()
        };
        query.set_seat_value(&get("seat").unwrap_or_default());
        query.set_status_value(&get("status").unwrap_or_default(), now);
        query
    }

    /// The seat filter's option value (and the address's `seat`); empty for
    /// every seat.
    pub fn seat_value(&self) -> String {
        self.seat.map(|s| format!("{s:?}")).unwrap_or_default()
    }

    /// Sets the seat filter from its option value.
    pub fn set_seat_value(&mut self, value: &str) {
        self.seat = named(&Seat::ALL, Some(value));
    }

    /// The status filter's option value (and the address's `status`):
    /// `Active`, `Deactivated`, `Dormant`, or empty for every status.
    pub fn status_value(&self) -> String {
        match (self.dormant_at, self.status) {
            (Some(_), _) => "Dormant".to_string(),
            (None, status) => status.map(|s| format!("{s:?}")).unwrap_or_default(),
        }
    }

    /// Sets the status filter from its option value; `Dormant` means
    /// dormant at `now`.
    pub fn set_status_value(&mut self, value: &str, now: crate::domain::Timestamp) {
        self.status = named(&[UserStatus::Active, UserStatus::Deactivated], Some(value));
        self.dormant_at = (value == "Dormant").then_some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn a_query_reads_back_from_the_address() {
        let now = demo::start();
        let query = UserQuery {
            text: "ana & bo".into(),
            seat: Some(Seat::Core),
            set: Some(SetFilter::Set(SetId::Custom(3))),
            status: None,
            dormant_at: Some(now),
            sort: SortColumn::LastChange,
            descending: true,
            page: 2,
        };
        let params = query.to_params();
        let param = |name: &str| {
            params
                .iter()
                .find(|(k, _)| *k == name)
                .and_then(|(_, v)| v.clone().filter(|v| !v.is_empty()))
        };
        assert_eq!(UserQuery::from_params(param, now), query);
        let built_in = SetFilter::Set(SetId::PartnerAdmin);
        assert_eq!(
            SetFilter::of_value(&SetFilter::value(Some(built_in))),
            Some(built_in)
        );
        assert_eq!(SetFilter::of_value("custom"), Some(SetFilter::Custom));
        // Nothing, or nonsense, is the default query.
        assert_eq!(UserQuery::from_params(|_| None, now), UserQuery::default());
        let nonsense = |name: &str| match name {
            "seat" => Some("Gold".to_string()),
            "page" => Some("x".to_string()),
            _ => None,
        };
        assert_eq!(UserQuery::from_params(nonsense, now), UserQuery::default());
    }

    #[test]
    fn search_filters_and_sorting_narrow_the_rows() {
        let s = demo::state();
        let fjord = s.account(demo::FJORD).unwrap();
        let all = select(&s, fjord, &UserQuery::default(), Lang::En);
        assert_eq!(all.matching, fjord.users.len());
        assert!(all
            .rows
            .windows(2)
            .all(|w| w[0].name.folded() <= w[1].name.folded()));
        let q = UserQuery {
            text: "BRIGHTPATH".into(),
            ..Default::default()
        };
        let partners = select(&s, fjord, &q, Lang::En);
        assert_eq!(partners.matching, 3);
        assert!(partners
            .rows
            .iter()
            .all(|r| r.partner.as_deref() == Some("BrightPath Digital")));
        let q = UserQuery {
            seat: Some(Seat::Partner),
            ..Default::default()
        };
        assert_eq!(select(&s, fjord, &q, Lang::En).matching, 2);
        let q = UserQuery {
            set: Some(SetFilter::Set(SetId::SuperAdmin)),
            ..Default::default()
        };
        assert_eq!(select(&s, fjord, &q, Lang::En).rows[0].name, "Henrik Dahl");
        let q = UserQuery {
            text: "zzz".into(),
            ..Default::default()
        };
        assert_eq!(select(&s, fjord, &q, Lang::En).matching, 0);
    }

    #[test]
    fn the_dormant_filter_lists_users_without_activity_for_90_days() {
        let s = demo::state();
        let fjord = s.account(demo::FJORD).unwrap();
        let q = UserQuery {
            dormant_at: Some(demo::start()),
            ..UserQuery::default()
        };
        let names: Vec<String> = select(&s, fjord, &q, Lang::En)
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ["Noor Visser"]);
        let later = UserQuery {
            dormant_at: Some(demo::start().plus_days(90)),
            ..UserQuery::default()
        };
        assert_eq!(
            select(&s, fjord, &later, Lang::En).matching,
            fjord.users.len()
        );
    }

    #[test]
    fn pages_hold_fifty_rows_and_clamp() {
        let s = demo::state();
        let mut big = s.account(demo::FJORD).unwrap().clone();
        let template = big.users.iter().next().unwrap().clone();
        for i in 0..120u32 {
            let mut u = template.clone();
            u.id = crate::domain::UserId(10_000 + i);
            u.email = crate::domain::Email::parse(&format!("u{i}@fjordoutdoor.no")).unwrap();
            big.put_user(u);
        }
        let q = UserQuery {
            page: 99,
            ..Default::default()
        };
        let sel = select(&s, &big, &q, Lang::En);
        assert_eq!(sel.pages, (big.users.len()).div_ceil(PAGE_SIZE));
        assert_eq!(sel.page, sel.pages - 1);
        assert!(sel.rows.len() <= PAGE_SIZE);
    }
}
