//! The partner relationship and when it ends (R-REL-*).

use super::*;

#[test]
fn deactivating_employees_does_not_end_the_relationship_at_once() {
    // R-REL-1
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, now()),
        Some(RelationshipStatus::Active)
    );
    let erik = uid(&s, FJORD, ERIK);
    accepted(
        &mut s,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: erik,
        },
    );
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, now()),
        Some(RelationshipStatus::Active)
    );
    assert_eq!(relationship_status(&s, NORDLYS, FJORD, now()), None);
}

#[test]
fn the_relationship_ends_sixty_days_after_the_last_partner_activity() {
    // R-REL-2
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let henrik = uid(&s, FJORD, HENRIK);
    let ids: Vec<UserId> = managing_employees(&s, BRIGHTPATH, FJORD)
        .iter()
        .map(|u| u.id)
        .collect();
    accepted(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: ids,
            reassign_to: Some(henrik),
        },
    );
    let end = now().plus_days(60);
    for (day, ended) in [(59, false), (60, true), (61, true)] {
        let t = now().plus_days(day);
        let status = relationship_status(&s, BRIGHTPATH, FJORD, t).unwrap();
        assert_eq!(
            matches!(status, RelationshipStatus::Ended { .. }),
            ended,
            "day {day}"
        );
    }
    assert!(tick(&s, end.plus_seconds(-1)).events.is_empty());
    let at_end = tick(&s, end);
    assert!(at_end
        .events
        .iter()
        .any(|e| matches!(e, Event::RelationshipEnded { client, .. } if *client == FJORD)));
    assert!(at_end.mails().any(|m| m.to == email(SOFIE)));
    commit(&mut s, None, &at_end, end);
    assert!(tick(&s, end.plus_days(1)).events.is_empty(), "ends once");
    // New qualified activity starts it again.
    let henrik_actor = as_user(&s, FJORD, "henrik.dahl@fjordoutdoor.no");
    execute(
        &mut s,
        &henrik_actor,
        &Command::CreateUsers {
            account: FJORD,
            people: vec![person(NOOR)],
            seat: Seat::Partner,
            access: Access::Set(SetId::ViewOnly),
        },
        end.plus_days(2),
    )
    .unwrap();
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, end.plus_days(2)),
        Some(RelationshipStatus::Active)
    );
}

#[test]
fn activity_before_the_end_restarts_the_count() {
    // R-REL-2
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let henrik = uid(&s, FJORD, HENRIK);
    let ids: Vec<UserId> = managing_employees(&s, BRIGHTPATH, FJORD)
        .iter()
        .map(|u| u.id)
        .collect();
    let erik_p = uid(&s, BRIGHTPATH, ERIK);
    let keep: Vec<UserId> = ids
        .iter()
        .copied()
        .filter(|id| *id != uid(&s, FJORD, SOFIE))
        .collect();
    // Remove everyone but Sofie, deactivate Sofie: ending 60 days after.
    accepted(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: keep,
            reassign_to: Some(henrik),
        },
    );
    let henrik_actor = as_user(&s, FJORD, HENRIK);
    let sofie_c = uid(&s, FJORD, SOFIE);
    accepted(
        &mut s,
        &henrik_actor,
        Command::Deactivate {
            account: FJORD,
            user: sofie_c,
        },
    );
    assert!(matches!(
        relationship_status(&s, BRIGHTPATH, FJORD, now()),
        Some(RelationshipStatus::Ending { .. })
    ));
    // 30 days later Lars links Maja (activity): the end moves.
    let later = now().plus_days(30);
    let lars = as_user(&s, BRIGHTPATH, LARS);
    let maja = uid(&s, BRIGHTPATH, MAJA);
    execute(
        &mut s,
        &lars,
        &Command::LinkClients {
            partner: BRIGHTPATH,
            employee: maja,
            clients: vec![FJORD],
        },
        later,
    )
    .unwrap();
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, later),
        Some(RelationshipStatus::Active)
    );
    let _ = erik_p;
}

#[test]
fn a_domain_in_use_by_a_partner_admin_anywhere_cannot_be_dropped() {
    // R-SEAT-6 with R-ACC-3a: found by the random sessions — a Partner admin
    // in another partner's account lost their partner domain.
    let mut s = world();
    let kari = as_user(&s, NORDLYS, KARI);
    accepted(
        &mut s,
        &kari,
        Command::CreateUsers {
            account: NORDLYS,
            people: vec![person(LARS)],
            seat: Seat::Partner,
            access: Access::Set(SetId::PartnerAdmin),
        },
    );
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let only_freelance = vec![Domain::parse("holm-consulting.dk").unwrap()];
    refused(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: only_freelance,
        },
        "R-SEAT-6",
    );
}

#[test]
fn removing_every_partner_employee_shows_the_end_date_60_days_after_the_last_activity() {
    // R-REL-2: the removal through the Client Access Manager is itself
    // partner activity, so the relationship ends 60 days after it.
    let s = world();
    let kari = as_user(&s, NORDLYS, KARI);
    let in_van_dijk = [uid(&s, VAN_DIJK, KARI), uid(&s, VAN_DIJK, OLA)];
    let jeroen = uid(&s, VAN_DIJK, JEROEN);
    let decision = decide(
        &s,
        &kari,
        &Command::RemovePartnerEmployees {
            partner: NORDLYS,
            client: VAN_DIJK,
            users: in_van_dijk.to_vec(),
            reassign_to: Some(jeroen),
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        relationship_end_after(&s, NORDLYS, VAN_DIJK, &decision),
        Some(now().plus_days(60))
    );
    // Removing only one of them leaves the relationship going on.
    let one = decide(
        &s,
        &kari,
        &Command::RemovePartnerEmployees {
            partner: NORDLYS,
            client: VAN_DIJK,
            users: vec![in_van_dijk[1]],
            reassign_to: Some(jeroen),
        },
        now(),
    )
    .unwrap();
    assert_eq!(relationship_end_after(&s, NORDLYS, VAN_DIJK, &one), None);
}
