//! Fixtures shared by the native integration tests.
#![allow(dead_code)]

use domain::demo;
use domain::*;

#[allow(unused_imports)]
pub use demo::{BRIGHTPATH, FJORD, LINDQVIST, NORDLYS, VAN_DIJK};

pub fn world() -> State {
    demo::state()
}

pub fn now() -> Timestamp {
    demo::start()
}

pub fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

pub fn uid(state: &State, account: AccountId, address: &str) -> UserId {
    state
        .account(account)
        .unwrap()
        .user_by_email(&email(address))
        .unwrap_or_else(|| panic!("{address} is not in account {}", account.0))
        .id
}

pub fn user<'s>(state: &'s State, account: AccountId, address: &str) -> &'s User {
    state
        .account(account)
        .unwrap()
        .user_by_email(&email(address))
        .unwrap()
}

pub fn as_user(state: &State, account: AccountId, address: &str) -> Actor {
    Actor {
        account,
        user: uid(state, account, address),
    }
}

/// Runs a command and insists it is refused by `rule`, changing nothing.
pub fn refused(state: &mut State, actor: &Actor, cmd: Command, rule: &str) -> Refusal {
    let before = state.clone();
    let r = execute(state, actor, &cmd, now()).expect_err(&format!("expected refusal {rule}"));
    assert_eq!(r.rule, rule, "refused for another reason: {r}");
    assert_eq!(*state, before, "a refused command changed the state");
    r
}

pub fn accepted(state: &mut State, actor: &Actor, cmd: Command) -> Decision {
    execute(state, actor, &cmd, now()).unwrap_or_else(|r| panic!("refused: {r}"))
}

pub fn person(address: &str) -> NewPerson {
    NewPerson {
        email: email(address),
        name: String::new(),
    }
}

/// `n` new people at Fjord, addressed `<prefix><i>@fjordoutdoor.no`.
pub fn fjord_people(prefix: &str, n: usize) -> Vec<NewPerson> {
    (0..n)
        .map(|i| person(&format!("{prefix}{i}@fjordoutdoor.no")))
        .collect()
}

/// Creating `people` at Fjord with View-only seats and the View-only set.
pub fn create_view_only(people: Vec<NewPerson>) -> Command {
    Command::CreateUsers {
        account: FJORD,
        people,
        seat: Seat::ViewOnly,
        access: Access::Set(SetId::ViewOnly),
    }
}

pub fn token(n: u32) -> LinkToken {
    LinkToken::parse(&format!("tok-{n:012}")).unwrap()
}

// Demo people, by the address they use everywhere.
pub const SOFIE: &str = "sofie.jansen@brightpath.io";
pub const LARS: &str = "lars.nielsen@brightpath.io";
pub const INGRID: &str = "ingrid.berg@brightpath.io";
pub const ERIK: &str = "erik.lund@brightpath.io";
pub const NOOR: &str = "noor.visser@brightpath.io";
pub const MAJA: &str = "maja@holm-consulting.dk";
pub const KARI: &str = "kari.nordmann@nordlys.no";
pub const OLA: &str = "ola.hansen@nordlys.no";
pub const HENRIK: &str = "henrik.dahl@fjordoutdoor.no";
pub const ASTRID: &str = "astrid.moe@fjordoutdoor.no";
pub const PIA: &str = "pia.strand@fjordoutdoor.no";
pub const TOR: &str = "tor.berge@fjordoutdoor.no";
pub const KARIN: &str = "karin@lindqvistbygg.se";
pub const JEROEN: &str = "jeroen@vandijkretail.nl";
