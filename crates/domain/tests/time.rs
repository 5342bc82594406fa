//! The time rules the product adds around RULES.md: dormant access, link
//! reminders, partner settings, and one audit entry per migrated user.

mod common;
use common::*;
use domain::*;

fn pass(state: &mut State, to: Timestamp) -> Vec<Decision> {
    let steps = tick_steps(state, to);
    for s in &steps {
        commit(state, None, s, to);
    }
    steps
}

fn opt_in(s: &mut State, on: bool) {
    let lars = as_user(s, BRIGHTPATH, LARS);
    accepted(
        s,
        &lars,
        Command::SetPartnerSettings {
            partner: BRIGHTPATH,
            link_valid_days: 30,
            deactivate_dormant: on,
        },
    );
}

#[test]
fn dormant_partner_employees_are_deactivated_at_90_days_only_where_the_partner_opted_in() {
    let mut s = world();
    let start = user(&s, FJORD, ERIK).last_active;
    // Not opted in: dormant users are only listed.
    pass(&mut s, start.plus_days(95));
    assert!(user(&s, FJORD, ERIK).is_active());
    assert!(user(&s, FJORD, ERIK).is_dormant(start.plus_days(95)));

    let mut s = world();
    opt_in(&mut s, true);
    pass(&mut s, start.plus_days(DORMANT_DAYS).plus_seconds(-1));
    assert!(user(&s, FJORD, ERIK).is_active(), "day 89: still active");
    let steps = pass(&mut s, start.plus_days(DORMANT_DAYS));
    assert_eq!(
        user(&s, FJORD, ERIK).status,
        UserStatus::Deactivated,
        "day 90"
    );
    assert!(steps
        .iter()
        .any(|d| d.summary.to_string().starts_with("Dormant access ended")));
    assert!(s
        .outbox
        .iter()
        .any(|m| m.to == email(ERIK) && m.subject.to_string().contains("deactivated")));
    // The client's own users are never touched by a partner's opt-in.
    assert!(user(&s, FJORD, HENRIK).is_active());
    assert!(
        tick(&s, start.plus_days(DORMANT_DAYS)).events.is_empty(),
        "once"
    );
}

#[test]
fn acting_keeps_access_alive() {
    let mut s = world();
    opt_in(&mut s, true);
    let start = user(&s, FJORD, SOFIE).last_active;
    // Sofie acts in Fjord on day 60: she is not dormant on day 90.
    let sofie = as_user(&s, FJORD, SOFIE);
    let pia = uid(&s, FJORD, PIA);
    execute(
        &mut s,
        &sofie,
        &Command::Deactivate {
            account: FJORD,
            user: pia,
        },
        start.plus_days(60),
    )
    .unwrap();
    pass(&mut s, start.plus_days(DORMANT_DAYS));
    assert!(user(&s, FJORD, SOFIE).is_active());
}

#[test]
fn only_whoever_may_deactivate_partner_employees_sets_the_partner_settings() {
    let mut s = world();
    let erik = as_user(&s, BRIGHTPATH, ERIK);
    refused(
        &mut s,
        &erik,
        Command::SetPartnerSettings {
            partner: BRIGHTPATH,
            link_valid_days: 30,
            deactivate_dormant: true,
        },
        "R-CAM-9",
    );
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    refused(
        &mut s,
        &sofie,
        Command::SetPartnerSettings {
            partner: BRIGHTPATH,
            link_valid_days: 0,
            deactivate_dormant: false,
        },
        "R-PA-1",
    );
    accepted(
        &mut s,
        &sofie,
        Command::SetPartnerSettings {
            partner: BRIGHTPATH,
            link_valid_days: 7,
            deactivate_dormant: false,
        },
    );
    let noor = uid(&s, BRIGHTPATH, NOOR);
    accepted(
        &mut s,
        &sofie,
        Command::IssueAccessLink {
            partner: BRIGHTPATH,
            employee: noor,
            token: token(7),
        },
    );
    assert_eq!(s.link(&token(7)).unwrap().expires_at, now().plus_days(7));
}

#[test]
fn an_unused_link_is_reminded_once_three_days_before_it_expires() {
    let mut s = world();
    let lars = as_user(&s, BRIGHTPATH, LARS);
    let noor = uid(&s, BRIGHTPATH, NOOR);
    accepted(
        &mut s,
        &lars,
        Command::IssueAccessLink {
            partner: BRIGHTPATH,
            employee: noor,
            token: token(3),
        },
    );
    let expires = s.link(&token(3)).unwrap().expires_at;
    let mails = |s: &State| {
        s.outbox
            .iter()
            .filter(|m| m.subject.to_string() == "Your access link expires soon")
            .count()
    };
    pass(
        &mut s,
        expires.plus_days(-LINK_REMINDER_DAYS).plus_seconds(-1),
    );
    assert_eq!(mails(&s), 0);
    pass(&mut s, expires.plus_days(-LINK_REMINDER_DAYS));
    assert_eq!(mails(&s), 1);
    pass(&mut s, expires.plus_seconds(-1));
    assert_eq!(mails(&s), 1, "only once");
}

#[test]
fn the_partner_admin_migration_records_one_entry_per_changed_user() {
    // R-PERM-6: the demo's drifted Partner admin (Ingrid at Lindqvist) got
    // an audit entry of her own when the demo was built past 13 Jan 2026.
    let s = world();
    let entries: Vec<_> = s
        .audit
        .iter()
        .filter(|e| {
            e.summary
                .to_string()
                .starts_with("Partner admin migration (R-PERM-6): ")
        })
        .collect();
    assert!(!entries.is_empty());
    assert!(entries
        .iter()
        .all(|e| e.events.len() == 1 && e.actor.is_none()));
    assert!(entries
        .iter()
        .any(|e| e.summary.to_string().contains(INGRID)));
}

#[test]
fn the_partner_is_told_the_end_date_when_its_last_employee_leaves_a_client() {
    // R-REL-2: "show the date on which it will end", also by email.
    let mut s = world();
    let kari = as_user(&s, NORDLYS, KARI);
    let ola = uid(&s, VAN_DIJK, OLA);
    let kari_there = uid(&s, VAN_DIJK, KARI);
    let jeroen = uid(&s, VAN_DIJK, JEROEN);
    let ends = |s: &State| {
        s.outbox
            .iter()
            .filter(|m| {
                m.subject
                    .to_string()
                    .starts_with("Your managed relationship with Van Dijk Retail")
            })
            .count()
    };
    // Ola leaves: Kari still manages, so no notice.
    accepted(
        &mut s,
        &kari,
        Command::RemovePartnerEmployees {
            partner: NORDLYS,
            client: VAN_DIJK,
            users: vec![ola],
            reassign_to: Some(jeroen),
        },
    );
    assert_eq!(ends(&s), 0);
    accepted(
        &mut s,
        &kari,
        Command::RemovePartnerEmployees {
            partner: NORDLYS,
            client: VAN_DIJK,
            users: vec![kari_there],
            reassign_to: Some(jeroen),
        },
    );
    assert_eq!(ends(&s), 1);
    let m = s
        .outbox
        .iter()
        .rev()
        .find(|m| m.subject.to_string().contains("ends on"))
        .unwrap();
    assert_eq!(m.to, email(KARI));
    assert!(
        m.subject
            .to_string()
            .ends_with(&now().plus_days(60).iso_date()),
        "{}",
        m.subject
    );
}
