//! The demo data set: a Solutions Partner, a Provider and three clients with
//! realistic users on every seat type, built from the domain types.

use crate::*;

/// The simulated date the demo starts on.
pub fn start() -> Timestamp {
    Timestamp::from_ymd(2026, 11, 23).plus_seconds(9 * 3600)
}

pub const BRIGHTPATH: AccountId = AccountId(1);
pub const NORDLYS: AccountId = AccountId(2);
pub const FJORD: AccountId = AccountId(10);
pub const LINDQVIST: AccountId = AccountId(11);
pub const VAN_DIJK: AccountId = AccountId(12);

struct Builder {
    state: State,
    at: Timestamp,
}

impl Builder {
    fn account(&mut self, id: AccountId, name: &str, kind: AccountKind) {
        self.state.add_account(Account::new(id, name, kind));
    }

    fn user(
        &mut self,
        account: AccountId,
        email: &str,
        name: &str,
        seat: Seat,
        access: Access,
    ) -> UserId {
        let id = self.state.fresh_user_id(0);
        self.state.next_user_id += 1;
        let (permissions, set) = match access {
            Access::Set(s) => (s.built_in_permissions().unwrap_or_default(), Some(s)),
            Access::Custom(p) => (p, None),
        };
        let email = Email::parse(email).expect("demo addresses are valid");
        let user = User::new(
            id,
            email,
            name.to_string(),
            seat,
            (permissions, set),
            self.at,
        );
        self.state
            .account_mut(account)
            .expect("account exists")
            .put_user(user);
        id
    }

    fn assets(&mut self, account: AccountId, user: UserId, assets: &[(AssetKind, &str)]) {
        let u = self
            .state
            .account_mut(account)
            .and_then(|a| a.user_mut(user))
            .expect("user exists");
        u.assets = assets
            .iter()
            .map(|(kind, name)| Asset {
                kind: *kind,
                name: name.to_string(),
            })
            .collect();
    }

    fn manage(&mut self, partner: AccountId, client: AccountId, days_ago: i64) {
        apply(
            &mut self.state,
            &Event::PartnerActivity {
                partner,
                client,
                at: self.at.plus_days(-days_ago),
            },
        );
    }
}

fn set(s: SetId) -> Access {
    Access::Set(s)
}

/// The demo state as of [`start`], with the time rules already run.
pub fn state() -> State {
    let now = start();
    let mut b = Builder {
        state: State {
            next_user_id: 1,
            ..State::default()
        },
        at: now.plus_days(-120),
    };

    b.account(
        BRIGHTPATH,
        "BrightPath Digital",
        AccountKind::Partner(PartnerKind::SolutionsPartner),
    );
    b.account(
        NORDLYS,
        "Nordlys Integrations",
        AccountKind::Partner(PartnerKind::Provider),
    );
    b.account(FJORD, "Fjord Outdoor AS", AccountKind::Client);
    b.account(LINDQVIST, "Lindqvist Bygg AB", AccountKind::Client);
    b.account(VAN_DIJK, "Van Dijk Retail B.V.", AccountKind::Client);

    for (id, core, sales, service) in [
        (BRIGHTPATH, 10, 0, 0),
        (NORDLYS, 5, 0, 0),
        (FJORD, 4, 3, 2),
        (LINDQVIST, 3, 2, 0),
        (VAN_DIJK, 3, 1, 3),
    ] {
        let a = b.state.account_mut(id).expect("account exists");
        a.purchased.insert(Seat::Core, core);
        if sales > 0 {
            a.purchased.insert(Seat::SalesHub, sales);
        }
        if service > 0 {
            a.purchased.insert(Seat::ServiceHub, service);
        }
    }
    {
        let bp = b.state.account_mut(BRIGHTPATH).expect("account exists");
        bp.partner_domains = vec![Domain::parse("brightpath.io").expect("valid")];
        bp.crm_names
            .insert(FJORD, "Fjord Outdoor (Bergen HQ)".into());
        bp.crm_names.insert(LINDQVIST, "Lindqvist Bygg".into());
        let no = b.state.account_mut(NORDLYS).expect("account exists");
        no.partner_domains = vec![Domain::parse("nordlys.no").expect("valid")];
        no.crm_names.insert(VAN_DIJK, "Van Dijk Retail".into());
    }

    let cam = Access::Custom(
        SetId::SalesRep
            .built_in_permissions()
            .unwrap_or_default()
            .with(Permission::ViewAndEditPartnerEmployees),
    );
    // BrightPath Digital: the partner agency.
    b.user(
        BRIGHTPATH,
        "sofie.jansen@brightpath.io",
        "Sofie Jansen",
        Seat::Core,
        set(SetId::SuperAdmin),
    );
    b.user(
        BRIGHTPATH,
        "lars.nielsen@brightpath.io",
        "Lars Nielsen",
        Seat::Core,
        cam,
    );
    b.user(
        BRIGHTPATH,
        "ingrid.berg@brightpath.io",
        "Ingrid Berg",
        Seat::Core,
        set(SetId::Marketer),
    );
    b.user(
        BRIGHTPATH,
        "erik.lund@brightpath.io",
        "Erik Lund",
        Seat::Core,
        set(SetId::SalesRep),
    );
    b.user(
        BRIGHTPATH,
        "noor.visser@brightpath.io",
        "Noor Visser",
        Seat::Core,
        set(SetId::ServiceAgent),
    );
    // A freelancer working for BrightPath from their own mail domain.
    b.user(
        BRIGHTPATH,
        "maja@holm-consulting.dk",
        "Maja Holm",
        Seat::Core,
        set(SetId::Marketer),
    );

    // Nordlys Integrations: a Provider.
    b.user(
        NORDLYS,
        "kari.nordmann@nordlys.no",
        "Kari Nordmann",
        Seat::Core,
        set(SetId::SuperAdmin),
    );
    b.user(
        NORDLYS,
        "ola.hansen@nordlys.no",
        "Ola Hansen",
        Seat::Core,
        set(SetId::SalesRep),
    );

    // Fjord Outdoor: a single Super Admin, BrightPath as Partner admin.
    b.user(
        FJORD,
        "henrik.dahl@fjordoutdoor.no",
        "Henrik Dahl",
        Seat::Core,
        set(SetId::SuperAdmin),
    );
    let astrid = b.user(
        FJORD,
        "astrid.moe@fjordoutdoor.no",
        "Astrid Moe",
        Seat::SalesHub,
        set(SetId::SalesRep),
    );
    b.user(
        FJORD,
        "jonas.vik@fjordoutdoor.no",
        "Jonas Vik",
        Seat::ServiceHub,
        set(SetId::ServiceAgent),
    );
    b.user(
        FJORD,
        "pia.strand@fjordoutdoor.no",
        "Pia Strand",
        Seat::ViewOnly,
        set(SetId::ViewOnly),
    );
    b.user(
        FJORD,
        "tor.berge@fjordoutdoor.no",
        "Tor Berge",
        Seat::Core,
        set(SetId::Marketer),
    );
    b.user(
        FJORD,
        "sofie.jansen@brightpath.io",
        "Sofie Jansen",
        Seat::Partner,
        set(SetId::PartnerAdmin),
    );
    let erik = b.user(
        FJORD,
        "erik.lund@brightpath.io",
        "Erik Lund",
        Seat::Partner,
        set(SetId::Marketer),
    );
    b.user(
        FJORD,
        "maja@holm-consulting.dk",
        "Maja Holm",
        Seat::Core,
        set(SetId::Marketer),
    );
    // Added by mistake on a View-only seat; R-SEAT-2 lets it become a Partner seat.
    b.user(
        FJORD,
        "noor.visser@brightpath.io",
        "Noor Visser",
        Seat::ViewOnly,
        set(SetId::ViewOnly),
    );
    b.assets(
        FJORD,
        astrid,
        &[
            (AssetKind::Records, "312 deals"),
            (AssetKind::Sequence, "Spring outreach"),
        ],
    );
    b.assets(
        FJORD,
        erik,
        &[
            (AssetKind::Workflow, "Lead nurturing"),
            (AssetKind::Report, "Campaign ROI"),
            (AssetKind::Records, "48 contacts"),
        ],
    );

    // Lindqvist Bygg: two Super Admins, one of them a partner employee.
    b.user(
        LINDQVIST,
        "karin@lindqvistbygg.se",
        "Karin Lindqvist",
        Seat::Core,
        set(SetId::SuperAdmin),
    );
    let sofie_at_lindqvist = b.user(
        LINDQVIST,
        "sofie.jansen@brightpath.io",
        "Sofie Jansen",
        Seat::Core,
        set(SetId::SuperAdmin),
    );
    let ingrid = b.user(
        LINDQVIST,
        "ingrid.berg@brightpath.io",
        "Ingrid Berg",
        Seat::Partner,
        // A Partner admin from before 13 January 2026 whose rights drifted:
        // R-PERM-6 moves her onto the standard set at first load.
        Access::Custom(
            partner_admin_standard()
                .without(Permission::Workflows)
                .without(Permission::EditDashboards),
        ),
    );
    if let Some(u) = b
        .state
        .account_mut(LINDQVIST)
        .and_then(|a| a.user_mut(ingrid))
    {
        u.set = Some(SetId::PartnerAdmin);
    }
    b.user(
        LINDQVIST,
        "oskar.ek@lindqvistbygg.se",
        "Oskar Ek",
        Seat::SalesHub,
        set(SetId::SalesRep),
    );
    b.user(
        LINDQVIST,
        "elin.sjo@lindqvistbygg.se",
        "Elin Sjö",
        Seat::ViewOnly,
        set(SetId::ViewOnly),
    );
    b.assets(
        LINDQVIST,
        sofie_at_lindqvist,
        &[(AssetKind::Report, "Quarterly board report")],
    );
    b.assets(
        LINDQVIST,
        ingrid,
        &[
            (AssetKind::Dashboard, "Site pipeline"),
            (AssetKind::Workflow, "Quote follow-up"),
        ],
    );

    // Van Dijk Retail: managed by Nordlys.
    b.user(
        VAN_DIJK,
        "jeroen@vandijkretail.nl",
        "Jeroen van Dijk",
        Seat::Core,
        set(SetId::SuperAdmin),
    );
    b.user(
        VAN_DIJK,
        "fenna@vandijkretail.nl",
        "Fenna de Boer",
        Seat::Core,
        set(SetId::SuperAdmin),
    );
    b.user(
        VAN_DIJK,
        "daan@vandijkretail.nl",
        "Daan Bakker",
        Seat::ServiceHub,
        set(SetId::ServiceAgent),
    );
    b.user(
        VAN_DIJK,
        "lotte@vandijkretail.nl",
        "Lotte Smit",
        Seat::SalesHub,
        set(SetId::SalesRep),
    );
    b.user(
        VAN_DIJK,
        "kari.nordmann@nordlys.no",
        "Kari Nordmann",
        Seat::Partner,
        set(SetId::PartnerAdmin),
    );
    let ola = b.user(
        VAN_DIJK,
        "ola.hansen@nordlys.no",
        "Ola Hansen",
        Seat::Partner,
        set(SetId::SalesRep),
    );
    b.assets(VAN_DIJK, ola, &[(AssetKind::Records, "120 companies")]);

    b.manage(BRIGHTPATH, FJORD, 3);
    b.manage(BRIGHTPATH, LINDQVIST, 12);
    b.manage(NORDLYS, VAN_DIJK, 1);

    let mut state = b.state;
    // The demo's partner employees came to their clients through partner
    // routes (links, Partner seats, Add employees) before the story starts.
    assume_partner_routes(&mut state);
    // Everyone was active in the last two weeks, except Noor at Fjord (the
    // seat added by mistake), who is listed as dormant for review.
    for acc in &mut state.accounts {
        for u in &mut acc.users {
            u.last_active = now.plus_days(-i64::from(u.id.0 % 14));
            if acc.id == FJORD && u.email.as_str() == "noor.visser@brightpath.io" {
                u.last_active = now.plus_days(-100);
            }
        }
    }
    for step in tick_steps(&state, now) {
        commit(&mut state, None, &step, now);
    }
    // After the migration, Van Dijk took `Reports` away from Nordlys' Partner
    // admin: the example of R-CAM-6 can be tried from Nordlys' side.
    if let Some(kari) = state.account_mut(VAN_DIJK).and_then(|a| {
        let id = a
            .user_by_email(&Email::parse("kari.nordmann@nordlys.no").ok()?)?
            .id;
        a.user_mut(id)
    }) {
        for p in [
            Permission::ViewReports,
            Permission::CreateAndEditReports,
            Permission::EditDashboards,
        ] {
            kari.permissions = kari.permissions.without(p);
        }
    }
    state
}

mod large;
pub use large::*;

#[cfg(test)]
mod tests;
