//! Case folding for search and for email normalisation.

/// Text compared without regard to case: `"Åse".folded() == "åSE".folded()`.
///
/// Unicode simple case folding (the `casefold` crate): letters of every
/// script fold one to one, å/ø/æ and Greek included (Σ, σ and ς all fold
/// to σ). Every search and email normalisation folds through here, never
/// through `str::to_lowercase`, whose 12 KB mapping table would otherwise be
/// compiled into the browser build (`clippy.toml` disallows it).
pub trait Folded {
    fn folded(&self) -> String;
}

impl Folded for str {
    fn folded(&self) -> String {
        casefold::simple_fold(self.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // std's lowercase is the reference the fold is compared with.
    #[allow(clippy::disallowed_methods)]
    fn folding_ignores_case_in_every_script_the_names_use() {
        assert_eq!("Sofie JANSEN".folded(), "sofie jansen");
        assert_eq!("ÅSE ØSTBY-ÆRØ".folded(), "åse østby-ærø");
        assert_eq!("Lindqvist Bygg AB".folded(), "lindqvist bygg ab");
        assert_eq!("ĲSSELMEER Łukasz".folded(), "ĳsselmeer łukasz");
        // Greek: a final sigma matches the other two forms.
        assert_eq!("ΣΟΦΊΑΣ".folded(), "σοφίασ");
        assert_eq!("Σοφίας".folded(), "σοφίασ");
        assert_eq!("ДМИТРИЙ".folded(), "дмитрий");
        // One to one only: ß stays, as in std's lowercase.
        assert_eq!("Straße".folded(), "straße");
        for c in ['A', 'Z', 'À', 'Þ', 'Ā', 'Ω', 'Я', 'Ｚ'] {
            let std_lower: String = c.to_string().chars().flat_map(char::to_lowercase).collect();
            assert_eq!(c.to_string().folded(), std_lower, "{c}");
        }
    }
}
