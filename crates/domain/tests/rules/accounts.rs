//! Accounts and their domains (R-ACC-*).

use super::*;

#[test]
fn accounts_are_partners_or_clients_and_partners_have_domains() {
    // R-ACC-1
    let s = world();
    let bp = s.account(BRIGHTPATH).unwrap();
    assert_eq!(bp.kind, AccountKind::Partner(PartnerKind::SolutionsPartner));
    assert!(!bp.partner_domains.is_empty());
    assert_eq!(
        s.account(NORDLYS).unwrap().kind.text().to_string(),
        "Provider"
    );
    assert_eq!(s.account(FJORD).unwrap().kind, AccountKind::Client);
    // A client account cannot issue access links: it has no partner employees.
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let cmd = Command::IssueAccessLink {
        partner: FJORD,
        employee: henrik.user,
        token: token(1),
    };
    refused(&mut s, &henrik, cmd, "R-PA-7");
}

#[test]
fn an_email_is_unique_within_an_account_whatever_its_case() {
    // R-ACC-2
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let cmd = create_view_only(vec![person("Astrid.Moe@FjordOutdoor.no")]);
    let r = refused(&mut s, &henrik, cmd, "R-ACC-2");
    assert!(r.message.to_string().contains("already a user"));
    let ok = create_view_only(vec![person("new.person@fjordoutdoor.no")]);
    accepted(&mut s, &henrik, ok);
    let u = user(&s, FJORD, "new.person@fjordoutdoor.no");
    assert_eq!(u.status, UserStatus::Active);
    assert_eq!(u.name, "new.person");
}

#[test]
fn a_partner_employee_needs_both_the_domain_and_the_partner_account() {
    // R-ACC-3
    let s = world();
    let bp = s.account(BRIGHTPATH).unwrap();
    assert_eq!(eligible_partner(&s, &email(SOFIE)), Some(BRIGHTPATH));
    assert!(has_partner_domain_checkmark(
        bp,
        bp.user_by_email(&email(SOFIE)).unwrap()
    ));
    // On the domain but not a user of the partner account.
    assert_eq!(eligible_partner(&s, &email("stranger@brightpath.io")), None);
    // A user of the partner account but not on its domain: no checkmark.
    assert!(!has_partner_domain_checkmark(
        bp,
        bp.user_by_email(&email(MAJA)).unwrap()
    ));
    assert_eq!(eligible_partner(&s, &email(MAJA)), None);
    assert_eq!(partner_of(&s, user(&s, FJORD, ERIK)), Some(BRIGHTPATH));
    assert_eq!(partner_of(&s, user(&s, FJORD, HENRIK)), None);
}

#[test]
fn only_a_partner_super_admin_sets_unique_non_shared_domains() {
    // R-ACC-3a
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let lars = as_user(&s, BRIGHTPATH, LARS);
    let domains = |d: &[&str]| {
        d.iter()
            .map(|x| Domain::parse(x).unwrap())
            .collect::<Vec<_>>()
    };
    refused(
        &mut s,
        &lars,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["brightpath.io", "bp.dk"]),
        },
        "R-ACC-3a",
    );
    let r = refused(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["brightpath.io", "gmail.com"]),
        },
        "R-ACC-3a",
    );
    assert!(r.message.to_string().contains("gmail.com"));
    refused(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["nordlys.no"]),
        },
        "R-ACC-3a",
    );
    accepted(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["brightpath.io", "holm-consulting.dk"]),
        },
    );
    assert_eq!(s.account(BRIGHTPATH).unwrap().partner_domains.len(), 2);
    assert!(is_eligible_for_partner_seat(&s, &email(MAJA)));
}

#[test]
fn the_client_is_shown_by_its_crm_name_and_its_official_name_when_they_differ() {
    // R-ACC-4
    let s = world();
    let (shown, official) = client_names(&s, BRIGHTPATH, FJORD);
    assert_eq!(shown, "Fjord Outdoor (Bergen HQ)");
    assert_eq!(official.as_deref(), Some("Fjord Outdoor AS"));
    let (shown, official) = client_names(&s, NORDLYS, FJORD);
    assert_eq!(shown, "Fjord Outdoor AS");
    assert_eq!(official, None);
}
