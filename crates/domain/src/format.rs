//! Dates and numbers as people in each language write them.

use super::ids::Timestamp;
use super::lang::Lang;

impl Lang {
    /// A date as people in this language write it.
    pub fn date(self, at: Timestamp) -> String {
        let d = at.date();
        let (y, m, day) = (d.year(), u8::from(d.month()), d.day());
        match self {
            Lang::En | Lang::Sv => at.iso_date(),
            Lang::Nl => format!("{day}-{m}-{y}"),
            Lang::Da | Lang::Nb => format!("{day}.{m}.{y}"),
        }
    }

    /// A date and a time of day (UTC, as the simulated clock keeps it).
    pub fn date_time(self, at: Timestamp) -> String {
        match self {
            Lang::En | Lang::Sv => at.iso_minute(),
            _ => {
                let iso = at.iso_minute();
                let time = iso.rsplit(' ').next().unwrap_or_default();
                format!("{} {time}", self.date(at))
            }
        }
    }

    /// A whole number with the language's thousands separator.
    pub fn number(self, n: u64) -> String {
        let sep = match self {
            Lang::En => ",",
            Lang::Nl | Lang::Da => ".",
            // A no-break space keeps "10 000" on one line.
            Lang::Nb | Lang::Sv => "\u{a0}",
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers_follow_the_language() {
        let d = Timestamp::from_ymd(2026, 1, 13);
        assert_eq!(Lang::En.date(d), "2026-01-13");
        assert_eq!(Lang::Nl.date(d), "13-1-2026");
        assert_eq!(Lang::Da.date(d), "13.1.2026");
        assert_eq!(Lang::Sv.date(d), "2026-01-13");
        assert_eq!(Lang::En.number(10_000), "10,000");
        assert_eq!(Lang::Nl.number(1_234_567), "1.234.567");
        assert_eq!(Lang::Sv.number(999), "999");
    }
}
