//! One or more tests per rule of RULES.md, each naming its rule ID, each
//! asserting the allowed and the refused case.

#[path = "../common.rs"]
mod common;
use common::*;
use domain::*;

/// BrightPath issues access link `n` for `employee`, as `by`.
fn issue(s: &mut State, n: u32, by: &str, employee: &str) -> LinkToken {
    let actor = as_user(s, BRIGHTPATH, by);
    let emp = uid(s, BRIGHTPATH, employee);
    accepted(
        s,
        &actor,
        Command::IssueAccessLink {
            partner: BRIGHTPATH,
            employee: emp,
            token: token(n),
        },
    );
    token(n)
}

fn custom(perms: &[Permission]) -> Access {
    Access::Custom(Permissions::of(perms))
}

mod accounts;
mod articles;
mod becoming_partner_admin;
mod bulk;
mod client_access_manager;
mod client_account;
mod partner_routes;
mod permissions;
mod relationship;
mod seats;
