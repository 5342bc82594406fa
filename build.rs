//! Generates the `i18n` module from `locales/*.json` (leptos_i18n): a
//! missing or extra key in a locale is a build diagnostic, not a blank label.

use leptos_i18n_build::{Config, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR not set")?).join("i18n");
    // Every language beside English; each must have exactly the keys of
    // locales/en.json (tests/catalogues.rs checks, the build warns).
    let cfg = Config::new("en")?.add_locales(["nl", "da", "nb", "sv"])?;
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}
