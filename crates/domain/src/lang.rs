//! The languages the app ships in.

/// A language the app ships in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
    Da,
    Nb,
    Sv,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Nl, Lang::Da, Lang::Nb, Lang::Sv];

    /// The BCP 47 code, as in `<html lang>` and the locale file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::Da => "da",
            Lang::Nb => "nb",
            Lang::Sv => "sv",
        }
    }

    /// The language named in itself, as the switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Nederlands",
            Lang::Da => "Dansk",
            Lang::Nb => "Norsk bokmål",
            Lang::Sv => "Svenska",
        }
    }

    /// Reads a code such as `nb`, `nb-NO`, `no` or `sv-SE`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            "da" => Some(Lang::Da),
            // Norwegian without a script tag is read as bokmål, the written
            // standard of most Norwegian admins.
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "sv" => Some(Lang::Sv),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_read_leniently() {
        assert_eq!(Lang::from_code("nb-NO"), Some(Lang::Nb));
        assert_eq!(Lang::from_code("no"), Some(Lang::Nb));
        assert_eq!(Lang::from_code("sv_SE"), Some(Lang::Sv));
        assert_eq!(Lang::from_code("de"), None);
    }
}
