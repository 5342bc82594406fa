//! Identifiers and the product's notion of time.
//!
//! Time is always passed into the core (`now`), never read from a clock here,
//! so that every rule can be tested at its boundary and the simulated clock of
//! the UI is just another caller.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An account (partner or client), unique within the whole state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AccountId(pub u32);

/// A user of one account. The same person in two accounts has two ids;
/// what ties them together is their email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UserId(pub u32);

/// A point in simulated time: whole seconds since 1970-01-01 UTC.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Timestamp(pub i64);

pub const SECONDS_PER_DAY: i64 = 86_400;

impl Timestamp {
    /// Midnight UTC of a calendar date. Panics only on dates that cannot exist,
    /// which callers write as literals.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Self {
        let month = time::Month::try_from(month).expect("month literal 1..=12");
        let date = time::Date::from_calendar_date(year, month, day).expect("valid date literal");
        Timestamp(date.midnight().assume_utc().unix_timestamp())
    }

    /// Midnight UTC of a `YYYY-MM-DD` date (what a date input gives);
    /// `None` for anything else.
    pub fn parse_iso_date(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
        let day = parts.next()?.parse().ok()?;
        let date = time::Date::from_calendar_date(year, month, day).ok()?;
        Some(Timestamp(date.midnight().assume_utc().unix_timestamp()))
    }

    pub fn plus_days(self, days: i64) -> Self {
        Timestamp(self.0 + days * SECONDS_PER_DAY)
    }

    pub fn plus_seconds(self, seconds: i64) -> Self {
        Timestamp(self.0 + seconds)
    }

    /// The calendar date (UTC), for display and for date-based rules.
    pub fn date(self) -> time::Date {
        time::OffsetDateTime::from_unix_timestamp(self.0)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
            .date()
    }

    /// `2026-03-14`: unambiguous in every locale.
    pub fn iso_date(self) -> String {
        let d = self.date();
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }

    /// `2026-03-14 09:30` (UTC).
    pub fn iso_minute(self) -> String {
        let t = time::OffsetDateTime::from_unix_timestamp(self.0)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        format!("{} {:02}:{:02}", self.iso_date(), t.hour(), t.minute())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso_date())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_literal_round_trips_through_its_timestamp() {
        let t = Timestamp::from_ymd(2026, 1, 13);
        assert_eq!(t.iso_date(), "2026-01-13");
        assert_eq!(t.plus_days(60).iso_date(), "2026-03-14");
    }

    #[test]
    fn a_date_input_value_reads_back() {
        let t = Timestamp::parse_iso_date("2027-02-28").unwrap();
        assert_eq!(t.iso_date(), "2027-02-28");
        assert_eq!(t, Timestamp::from_ymd(2027, 2, 28));
        for bad in ["", "2027-02-30", "2027-13-01", "27-2", "tomorrow"] {
            assert_eq!(Timestamp::parse_iso_date(bad), None, "{bad}");
        }
    }
}
