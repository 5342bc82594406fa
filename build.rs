//! Generates one constant per screen-label key of `locales/en.json`, which
//! the `t!` and `t_string!` macros name: a missing or misspelt key is a
//! compile error, not a blank label.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales/en.json");
    let english = std::fs::read_to_string("locales/en.json")?;
    let labels: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&english)?;
    let mut out = String::new();
    for key in labels.keys() {
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(
                format!("locales/en.json: the key {key:?} is not a Rust identifier").into(),
            );
        }
        out.push_str(&format!("pub const {key}: &str = {key:?};\n"));
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR not set")?);
    std::fs::write(dir.join("label_keys.rs"), out)?;
    Ok(())
}
