//! Stored addresses take a shortcut when they are plain (see
//! `domain::email`); whatever the text, reading it from a stored document
//! must give exactly what `Email::parse` gives.

use domain::Email;
use proptest::prelude::*;

fn stored(text: &str) -> Result<Email, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|e| e.to_string())
}

fn check(text: &str) {
    match (stored(text), Email::parse(text)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("{text:?}: stored {a:?}, typed {b:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Texts near the plain shape: every atom character, dots in every
    /// place, hyphens at label ends, numeric labels, lengths at the limits.
    #[test]
    fn a_stored_address_reads_as_parse_reads_it(
        local in "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{0,66}",
        labels in prop::collection::vec("[a-z0-9-]{0,64}", 0..5),
        upper in any::<bool>(),
        space in any::<bool>(),
    ) {
        let mut text = format!("{local}@{}", labels.join("."));
        if upper { text = text.to_ascii_uppercase(); }
        if space { text.push(' '); }
        check(&text);
    }

    #[test]
    fn any_text_reads_as_parse_reads_it(text in "\\PC{0,40}") {
        check(&text);
    }
}

#[test]
fn shapes_at_the_edges_read_as_parse_reads_them() {
    let long_local = format!("{}@example.com", "a".repeat(64));
    let too_long_local = format!("{}@example.com", "a".repeat(65));
    let long_label = format!("x@{}.com", "b".repeat(63));
    let too_long_label = format!("x@{}.com", "b".repeat(64));
    let long_domain = format!("x@{}.com", vec!["c".repeat(60); 4].join("."));
    for text in [
        "anna@fjordoutdoor.no",
        "Anna@Fjordoutdoor.no",
        " anna@fjordoutdoor.no",
        "a.b@c.d",
        ".a@c.d",
        "a.@c.d",
        "a..b@c.d",
        "a@-c.d",
        "a@c-.d",
        "a@c..d",
        "a@c.d.",
        "a@.c.d",
        "a@cd",
        "a@123.456",
        "\"quoted\"@c.d",
        "a@[127.0.0.1]",
        "ø@c.d",
        &long_local,
        &too_long_local,
        &long_label,
        &too_long_label,
        &long_domain,
    ] {
        check(text);
    }
}

#[test]
fn r_acc_5_only_a_bare_address_is_an_address() {
    // R-ACC-5: the display-name form would be stored whole, its domain read
    // as `fjordoutdoor.no>`, and the one-address-per-account check missed.
    for (text, why) in [
        ("Anna <anna@fjordoutdoor.no>", "a name or brackets"),
        ("<anna@fjordoutdoor.no>", "a name or brackets"),
        ("anna@fjordoutdoor.no>", "a name or brackets"),
        ("anna @fjordoutdoor.no", "a space"),
        ("\"anna moe\"@fjordoutdoor.no", "a space"),
        ("anna@[192.168.0.1]", "not a valid email address"),
    ] {
        let err = Email::parse(text).expect_err(text);
        assert!(
            err.text().to_string().contains(why),
            "{text}: {}",
            err.text()
        );
        check(text);
    }
    // Case and outer spaces are still forgiven: the same address.
    assert_eq!(
        Email::parse(" Anna@FjordOutdoor.no ").unwrap().as_str(),
        "anna@fjordoutdoor.no"
    );
}

#[test]
fn r_acc_5_the_create_user_list_and_csv_refuse_display_names() {
    use domain::input::{parse_csv, parse_email_list};
    // R-ACC-5
    let err = parse_csv("name,email\nAnna,Anna <anna@fjordoutdoor.no>\n").unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].row, 2);
    assert!(err[0]
        .reason
        .to_string()
        .contains("enter the address alone"));
    let err = parse_email_list("Anna <anna@fjordoutdoor.no>").unwrap_err();
    assert!(err.iter().any(|p| p.text == "<anna@fjordoutdoor.no>"));
}
