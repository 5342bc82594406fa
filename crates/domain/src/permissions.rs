//! The permission catalogue (R-PERM-1) and permission values.
//!
//! A user's permissions are a small `Copy` value: one bit per on/off
//! permission and two bits per CRM object action for its scope. That keeps a
//! 10,000-user document compact and makes "does the actor hold this?" a
//! couple of machine instructions.

use super::text::Text;
use serde::{Deserialize, Serialize};

/// The areas the catalogue is grouped by (R-PERM-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Area {
    Crm,
    Marketing,
    Sales,
    Service,
    Reports,
    Account,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::Crm,
        Area::Marketing,
        Area::Sales,
        Area::Service,
        Area::Reports,
        Area::Account,
    ];

    pub fn text(self) -> Text {
        Text::msg(match self {
            Area::Crm => "area.crm",
            Area::Marketing => "area.marketing",
            Area::Sales => "area.sales",
            Area::Service => "area.service",
            Area::Reports => "area.reports",
            Area::Account => "area.account",
        })
    }
}

macro_rules! permissions {
    ($( $variant:ident = $bit:literal, $area:ident, $id:literal; )*) => {
        /// An on/off permission. The numbers are the bit positions in stored
        /// documents: never renumber, only add.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Permission { $( $variant = $bit, )* }

        impl Permission {
            pub const ALL: &'static [Permission] = &[ $( Permission::$variant, )* ];

            /// The vendor's name, as shown in the real screens (ids in
            /// `locales/domain/`).
            pub fn text(self) -> Text {
                Text::msg(match self { $( Permission::$variant => concat!("perm.", $id), )* })
            }

            pub fn area(self) -> Area {
                match self { $( Permission::$variant => Area::$area, )* }
            }
        }
    };
}

permissions! {
    Import = 0, Crm, "import";
    Export = 1, Crm, "export";
    BulkDelete = 2, Crm, "bulk_delete";
    EditPropertySettings = 3, Crm, "edit_property_settings";
    MarketingAccess = 4, Marketing, "marketing_access";
    Ads = 5, Marketing, "ads";
    Campaigns = 6, Marketing, "campaigns";
    MarketingEmail = 7, Marketing, "marketing_email";
    Forms = 8, Marketing, "forms";
    LandingPages = 9, Marketing, "landing_pages";
    Social = 10, Marketing, "social";
    Workflows = 11, Marketing, "workflows";
    SalesAccess = 12, Sales, "sales_access";
    Sequences = 13, Sales, "sequences";
    Templates = 14, Sales, "templates";
    Meetings = 15, Sales, "meetings";
    Forecast = 16, Sales, "forecast";
    Playbooks = 17, Sales, "playbooks";
    Quotes = 18, Sales, "quotes";
    ServiceAccess = 19, Service, "service_access";
    KnowledgeBase = 20, Service, "knowledge_base";
    FeedbackSurveys = 21, Service, "feedback_surveys";
    ConversationsInbox = 22, Service, "conversations_inbox";
    ViewReports = 23, Reports, "view_reports";
    CreateAndEditReports = 24, Reports, "create_and_edit_reports";
    EditDashboards = 25, Reports, "edit_dashboards";
    AddAndEditUsers = 26, Account, "add_and_edit_users";
    AddAndEditTeams = 27, Account, "add_and_edit_teams";
    EditAccountDefaults = 28, Account, "edit_account_defaults";
    EditBilling = 29, Account, "edit_billing";
    ViewAndEditPartnerEmployees = 30, Account, "view_and_edit_partner_employees";
    UserProvisioningScim = 31, Account, "user_provisioning_scim";
    DataCenterMigration = 32, Account, "data_center_migration";
    ManageSensitiveData = 33, Account, "manage_sensitive_data";
    AppMarketplaceAccess = 34, Account, "app_marketplace_access";
    MultiAccountManagement = 35, Account, "multi_account_management";
}

/// CRM objects whose View / Edit / Delete rights carry a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CrmObject {
    Contacts,
    Companies,
    Deals,
    Tickets,
}

impl CrmObject {
    pub const ALL: [CrmObject; 4] = [
        CrmObject::Contacts,
        CrmObject::Companies,
        CrmObject::Deals,
        CrmObject::Tickets,
    ];
    pub fn text(self) -> Text {
        Text::msg(match self {
            CrmObject::Contacts => "crm_object.contacts",
            CrmObject::Companies => "crm_object.companies",
            CrmObject::Deals => "crm_object.deals",
            CrmObject::Tickets => "crm_object.tickets",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CrmAction {
    View,
    Edit,
    Delete,
}

impl CrmAction {
    pub const ALL: [CrmAction; 3] = [CrmAction::View, CrmAction::Edit, CrmAction::Delete];
    pub fn text(self) -> Text {
        Text::msg(match self {
            CrmAction::View => "crm_action.view",
            CrmAction::Edit => "crm_action.edit",
            CrmAction::Delete => "crm_action.delete",
        })
    }
}

/// How much of a CRM object a right covers; ordered from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Scope {
    None = 0,
    OwnedOnly = 1,
    Team = 2,
    Everything = 3,
}

impl Scope {
    pub const ALL: [Scope; 4] = [
        Scope::None,
        Scope::OwnedOnly,
        Scope::Team,
        Scope::Everything,
    ];
    pub fn text(self) -> Text {
        Text::msg(match self {
            Scope::None => "scope.none",
            Scope::OwnedOnly => "scope.owned_only",
            Scope::Team => "scope.team",
            Scope::Everything => "scope.everything",
        })
    }
    fn from_bits(bits: u32) -> Scope {
        match bits & 0b11 {
            0 => Scope::None,
            1 => Scope::OwnedOnly,
            2 => Scope::Team,
            _ => Scope::Everything,
        }
    }
}

/// One scoped right: e.g. "Contacts: Edit".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CrmRight {
    pub object: CrmObject,
    pub action: CrmAction,
}

impl CrmRight {
    pub fn all() -> impl Iterator<Item = CrmRight> {
        CrmObject::ALL.into_iter().flat_map(|object| {
            CrmAction::ALL
                .into_iter()
                .map(move |action| CrmRight { object, action })
        })
    }
    fn slot(self) -> u32 {
        (self.object as u32) * 3 + self.action as u32
    }
    pub fn text(self) -> Text {
        crate::text!(
            "crm_right",
            object = self.object.text(),
            action = self.action.text()
        )
    }
}

const KNOWN_FLAGS: u64 = (1u64 << 36) - 1;
const CRM_SLOTS: u32 = 12;
const ALL_CRM_EVERYTHING: u32 = (1u32 << (2 * CRM_SLOTS)) - 1;

/// A full permission value: what a user holds, or what a set grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Permissions {
    /// One bit per [`Permission`].
    #[serde(rename = "f")]
    flags: u64,
    /// Two bits per [`CrmRight`] slot, holding a [`Scope`].
    #[serde(rename = "c")]
    crm: u32,
}

/// One difference between two permission values, for reviews and history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PermissionChange {
    Added(Permission),
    Removed(Permission),
    ScopeChanged {
        right: CrmRight,
        from: Scope,
        to: Scope,
    },
}

impl PermissionChange {
    pub fn describe(&self) -> Text {
        match self {
            PermissionChange::Added(p) => {
                crate::text!("permission_change.added", permission = p.text())
            }
            PermissionChange::Removed(p) => {
                crate::text!("permission_change.removed", permission = p.text())
            }
            PermissionChange::ScopeChanged { right, from, to } => crate::text!(
                "permission_change.scope",
                right = right.text(),
                from = from.text(),
                to = to.text()
            ),
        }
    }
}

impl Permissions {
    pub const NONE: Permissions = Permissions { flags: 0, crm: 0 };

    /// Every permission at its widest scope (a Super Admin holds all of it
    /// but the multi-account tools, R-PERM-3).
    pub const fn all() -> Permissions {
        Permissions {
            flags: KNOWN_FLAGS,
            crm: ALL_CRM_EVERYTHING,
        }
    }

    pub fn of(perms: &[Permission]) -> Permissions {
        perms.iter().fold(Permissions::NONE, |p, &x| p.with(x))
    }

    pub fn has(&self, p: Permission) -> bool {
        self.flags & (1u64 << p as u32) != 0
    }

    pub fn with(mut self, p: Permission) -> Permissions {
        self.flags |= 1u64 << p as u32;
        self
    }

    pub fn without(mut self, p: Permission) -> Permissions {
        self.flags &= !(1u64 << p as u32);
        self
    }

    pub fn scope(&self, right: CrmRight) -> Scope {
        Scope::from_bits(self.crm >> (2 * right.slot()))
    }

    pub fn with_scope(mut self, right: CrmRight, scope: Scope) -> Permissions {
        let shift = 2 * right.slot();
        self.crm = (self.crm & !(0b11 << shift)) | ((scope as u32) << shift);
        self
    }

    pub fn with_crm_everywhere(self, scope: Scope) -> Permissions {
        CrmRight::all().fold(self, |p, r| p.with_scope(r, scope))
    }

    /// Drops bits that no known permission uses, so a document written by a
    /// later release cannot smuggle in rights this one cannot show.
    pub fn normalised(self) -> Permissions {
        Permissions {
            flags: self.flags & KNOWN_FLAGS,
            crm: self.crm & ALL_CRM_EVERYTHING,
        }
    }

    /// Whether every right of `other` is covered by `self`.
    pub fn covers(&self, other: &Permissions) -> bool {
        other.flags & !self.flags == 0 && CrmRight::all().all(|r| other.scope(r) <= self.scope(r))
    }

    pub fn flags(&self) -> impl Iterator<Item = Permission> + '_ {
        Permission::ALL.iter().copied().filter(|p| self.has(*p))
    }

    pub fn is_empty(&self) -> bool {
        self.flags == 0 && self.crm == 0
    }

    pub fn count(&self) -> usize {
        self.flags.count_ones() as usize
            + CrmRight::all()
                .filter(|r| self.scope(*r) > Scope::None)
                .count()
    }

    /// What an admin holding `grantor` can make of `current` when asked for
    /// `requested` (R-CAM-6, R-PERM-4c): a right the admin holds follows the
    /// request; a right the admin lacks stays exactly as it was: it is neither
    /// granted nor taken away. For scopes, the admin can set any scope up to
    /// their own, and cannot lower a scope wider than their own.
    pub fn granted_by(
        grantor: &Permissions,
        current: &Permissions,
        requested: &Permissions,
    ) -> Permissions {
        let flags = (requested.flags & grantor.flags) | (current.flags & !grantor.flags);
        let mut out = Permissions { flags, crm: 0 };
        for r in CrmRight::all() {
            let (g, c, q) = (grantor.scope(r), current.scope(r), requested.scope(r));
            let scope = if c > g { c } else { q.min(g) };
            out = out.with_scope(r, scope);
        }
        out
    }

    /// Every difference from `self` to `after`, in catalogue order.
    pub fn changes_to(&self, after: &Permissions) -> Vec<PermissionChange> {
        let mut out = Vec::new();
        for &p in Permission::ALL {
            match (self.has(p), after.has(p)) {
                (false, true) => out.push(PermissionChange::Added(p)),
                (true, false) => out.push(PermissionChange::Removed(p)),
                _ => {}
            }
        }
        for right in CrmRight::all() {
            let (from, to) = (self.scope(right), after.scope(right));
            if from != to {
                out.push(PermissionChange::ScopeChanged { right, from, to });
            }
        }
        out
    }
}

/// A permission set (template, R-PERM-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SetId {
    SuperAdmin,
    PartnerAdmin,
    SalesRep,
    Marketer,
    ServiceAgent,
    ViewOnly,
    /// A set saved by the account itself, by its number there.
    Custom(u32),
}

impl SetId {
    pub const BUILT_IN: [SetId; 6] = [
        SetId::SuperAdmin,
        SetId::PartnerAdmin,
        SetId::SalesRep,
        SetId::Marketer,
        SetId::ServiceAgent,
        SetId::ViewOnly,
    ];

    /// The permissions of a built-in set; `None` for a custom set, whose
    /// permissions live in its account.
    pub fn built_in_permissions(self) -> Option<Permissions> {
        Some(match self {
            SetId::SuperAdmin => super_admin(),
            SetId::PartnerAdmin => partner_admin_standard(),
            SetId::SalesRep => Permissions::of(&[
                Permission::SalesAccess,
                Permission::Sequences,
                Permission::Templates,
                Permission::Meetings,
                Permission::Quotes,
                Permission::ViewReports,
            ])
            .with_crm_everywhere(Scope::OwnedOnly)
            .with_scope(view(CrmObject::Contacts), Scope::Everything)
            .with_scope(view(CrmObject::Companies), Scope::Everything),
            SetId::Marketer => Permissions::of(&[
                Permission::MarketingAccess,
                Permission::Ads,
                Permission::Campaigns,
                Permission::MarketingEmail,
                Permission::Forms,
                Permission::LandingPages,
                Permission::Social,
                Permission::Import,
                Permission::ViewReports,
                Permission::CreateAndEditReports,
            ])
            .with_scope(view(CrmObject::Contacts), Scope::Everything)
            .with_scope(edit(CrmObject::Contacts), Scope::Everything),
            SetId::ServiceAgent => Permissions::of(&[
                Permission::ServiceAccess,
                Permission::KnowledgeBase,
                Permission::ConversationsInbox,
                Permission::ViewReports,
            ])
            .with_scope(view(CrmObject::Tickets), Scope::Everything)
            .with_scope(edit(CrmObject::Tickets), Scope::Team)
            .with_scope(view(CrmObject::Contacts), Scope::Everything),
            SetId::ViewOnly => Permissions::NONE
                .with_crm_everywhere(Scope::None)
                .with_scope(view(CrmObject::Contacts), Scope::Everything)
                .with_scope(view(CrmObject::Companies), Scope::Everything)
                .with_scope(view(CrmObject::Deals), Scope::Everything)
                .with_scope(view(CrmObject::Tickets), Scope::Everything)
                .with(Permission::ViewReports),
            SetId::Custom(_) => return None,
        })
    }

    /// The name of a built-in template (translated: it is a label, not a name).
    pub fn built_in_name(self) -> Option<Text> {
        Some(Text::msg(match self {
            SetId::SuperAdmin => "set.super_admin",
            SetId::PartnerAdmin => "set.partner_admin",
            SetId::SalesRep => "set.sales_rep",
            SetId::Marketer => "set.marketer",
            SetId::ServiceAgent => "set.service_agent",
            SetId::ViewOnly => "set.view_only",
            SetId::Custom(_) => return None,
        }))
    }
}

fn view(object: CrmObject) -> CrmRight {
    CrmRight {
        object,
        action: CrmAction::View,
    }
}

fn edit(object: CrmObject) -> CrmRight {
    CrmRight {
        object,
        action: CrmAction::Edit,
    }
}

/// The standard `Partner admin` set (R-PERM-4, R-PERM-4a): everything a Super
/// Admin holds, multi-account management included, except SCIM provisioning,
/// data center migration, billing and sensitive data.
/// The Super Admin set: every permission except the multi-account
/// management tools, which only the Partner admin set has (R-PERM-3, seed
/// 001's table: Super Admin "Geen", Partner admin "Ja").
pub fn super_admin() -> Permissions {
    Permissions::all().without(Permission::MultiAccountManagement)
}

/// What an admin holding `rights` can give with the Partner admin set: the
/// multi-account management tools come with the set itself, not from the
/// person who gives it, so a Super Admin, who does not hold them, gives
/// them all the same (R-PERM-3, R-PERM-4c, R-PA-5).
pub fn with_the_partner_admin_tools(rights: Permissions) -> Permissions {
    rights.with(Permission::MultiAccountManagement)
}

pub fn partner_admin_standard() -> Permissions {
    Permissions::all()
        .without(Permission::UserProvisioningScim)
        .without(Permission::DataCenterMigration)
        .without(Permission::EditBilling)
        .without(Permission::ManageSensitiveData)
}

#[cfg(test)]
mod tests;
