//! The users of an account, held so that a copy costs little and a change
//! shows: runs of [`USERS_PER_RUN`] consecutive ids, each shared
//! copy-on-write.
//!
//! Cloning the users (or keeping them as last saved) shares every run;
//! changing a user copies its run of 64 if it is shared, never more. So
//! whoever kept a run can tell that nothing in it changed by its pointer
//! alone: the save after one command at 10,000 users compares one run, not
//! 10,000 users. Only a shared run is ever compared by pointer, and a run is
//! never changed in place while shared, so an equal pointer cannot hide a
//! change.

use super::{User, UserId};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// Ids per run: user `id` is in run `id / USERS_PER_RUN`. Small, because a
/// changed run is copied and saved again as a whole.
pub const USERS_PER_RUN: u32 = 64;

/// One run: the users (at least one, ordered by id) whose ids share
/// `id / USERS_PER_RUN`.
pub type Run = Arc<Vec<User>>;

/// The users of an account, ordered by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Users {
    runs: Vec<Run>,
    len: usize,
}

/// The run a user id belongs to.
pub fn run_of(id: UserId) -> u32 {
    id.0 / USERS_PER_RUN
}

fn number(run: &Run) -> u32 {
    run_of(run[0].id)
}

/// Every user, by id.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    runs: std::slice::Iter<'a, Run>,
    run: std::slice::Iter<'a, User>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a User;

    fn next(&mut self) -> Option<&'a User> {
        loop {
            if let Some(user) = self.run.next() {
                return Some(user);
            }
            self.run = self.runs.next()?.iter();
        }
    }
}

/// Every user, by id, to change (every run is then copied if shared).
pub struct IterMut<'a> {
    runs: std::slice::IterMut<'a, Run>,
    run: std::slice::IterMut<'a, User>,
}

impl<'a> Iterator for IterMut<'a> {
    type Item = &'a mut User;

    fn next(&mut self) -> Option<&'a mut User> {
        loop {
            if let Some(user) = self.run.next() {
                return Some(user);
            }
            self.run = Arc::make_mut(self.runs.next()?).iter_mut();
        }
    }
}

impl Users {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            runs: self.runs.iter(),
            run: [].iter(),
        }
    }

    /// The user with the highest id.
    pub fn last(&self) -> Option<&User> {
        self.runs.last()?.last()
    }

    /// Copies every shared run: for changes that may touch any user
    /// (upgrading a stored document, demo data). Commands use
    /// [`Users::get_mut`].
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        IterMut {
            runs: self.runs.iter_mut(),
            run: [].iter_mut(),
        }
    }

    /// The runs, by number: what storage writes as parts.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    fn find_run(&self, id: UserId) -> Result<usize, usize> {
        self.runs.binary_search_by_key(&run_of(id), number)
    }

    pub fn get(&self, id: UserId) -> Option<&User> {
        let run = &self.runs[self.find_run(id).ok()?];
        run.binary_search_by_key(&id, |u| u.id)
            .ok()
            .map(|i| &run[i])
    }

    /// The user to change; copies their run first if it is shared. The id
    /// places the user and must not change (use `remove` and `put`).
    pub fn get_mut(&mut self, id: UserId) -> Option<&mut User> {
        let r = self.find_run(id).ok()?;
        let i = self.runs[r].binary_search_by_key(&id, |u| u.id).ok()?;
        Some(&mut Arc::make_mut(&mut self.runs[r])[i])
    }

    /// Inserts a user, or replaces the one with the same id (returned).
    pub fn put(&mut self, user: User) -> Option<User> {
        match self.find_run(user.id) {
            Ok(r) => {
                let run = Arc::make_mut(&mut self.runs[r]);
                match run.binary_search_by_key(&user.id, |u| u.id) {
                    Ok(i) => return Some(std::mem::replace(&mut run[i], user)),
                    Err(i) => run.insert(i, user),
                }
            }
            Err(r) => self.runs.insert(r, Arc::new(vec![user])),
        }
        self.len += 1;
        None
    }

    pub fn remove(&mut self, id: UserId) -> Option<User> {
        let r = self.find_run(id).ok()?;
        let i = self.runs[r].binary_search_by_key(&id, |u| u.id).ok()?;
        let run = Arc::make_mut(&mut self.runs[r]);
        let gone = run.remove(i);
        if run.is_empty() {
            self.runs.remove(r);
        }
        self.len -= 1;
        Some(gone)
    }

    /// Adds a run read from storage, sharing it when it fits as the next
    /// run (as the runs a save wrote do); otherwise its users are put one
    /// by one. `Err` names an id that is already here (a damaged document:
    /// nothing is replaced).
    pub fn add_run(&mut self, run: Run) -> Result<(), UserId> {
        let fits = !run.is_empty()
            && run.windows(2).all(|w| w[0].id < w[1].id)
            && run_of(run[0].id) == run_of(run[run.len() - 1].id)
            && self
                .runs
                .last()
                .is_none_or(|last| number(last) < number(&run));
        if fits {
            self.len += run.len();
            self.runs.push(run);
            return Ok(());
        }
        if let Some(twice) = run.iter().find(|u| self.get(u.id).is_some()) {
            return Err(twice.id);
        }
        for user in run.iter() {
            if self.put(user.clone()).is_some() {
                return Err(user.id);
            }
        }
        Ok(())
    }
}

impl Users {
    /// Users in any order; `Err` names an id listed twice.
    pub fn try_from_vec(all: Vec<User>) -> Result<Users, UserId> {
        if !all.windows(2).all(|w| w[0].id < w[1].id) {
            // Not as stored: one by one (no sort is worth its code here).
            let mut users = Users::default();
            for user in all {
                let id = user.id;
                if users.put(user).is_some() {
                    return Err(id);
                }
            }
            return Ok(users);
        }
        let len = all.len();
        let mut runs: Vec<Run> = Vec::new();
        let mut all = all.into_iter().peekable();
        while let Some(first) = all.next() {
            let n = run_of(first.id);
            let mut run = vec![first];
            while let Some(next) = all.next_if(|u| run_of(u.id) == n) {
                run.push(next);
            }
            runs.push(Arc::new(run));
        }
        Ok(Users { runs, len })
    }
}

impl FromIterator<User> for Users {
    /// Orders the users by id; of users with the same id, the last stays
    /// (as with [`Users::put`]).
    fn from_iter<I: IntoIterator<Item = User>>(users: I) -> Users {
        let mut all = Users::default();
        for user in users {
            all.put(user);
        }
        all
    }
}

impl<'a> IntoIterator for &'a Users {
    type Item = &'a User;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Users {
    type Item = &'a mut User;
    type IntoIter = IterMut<'a>;
    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

/// Stored as one list of users, as before runs existed.
impl Serialize for Users {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Users {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Users, D::Error> {
        let users = Vec::<User>::deserialize(d)?;
        Users::try_from_vec(users)
            .map_err(|id| serde::de::Error::custom(format_args!("user {} is listed twice", id.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Email, Permissions, Seat, SetId, Timestamp};

    fn user(id: u32) -> User {
        User::new(
            UserId(id),
            Email::parse(&format!("u{id}@example.com")).unwrap(),
            format!("User {id}"),
            Seat::ViewOnly,
            (Permissions::default(), Some(SetId::ViewOnly)),
            Timestamp(0),
        )
    }

    fn ids(users: &Users) -> Vec<u32> {
        users.iter().map(|u| u.id.0).collect()
    }

    #[test]
    fn users_stay_ordered_by_id_in_runs_of_their_ids() {
        let mut users: Users = [300, 5, 64, 63, 200].into_iter().map(user).collect();
        assert_eq!(ids(&users), [5, 63, 64, 200, 300]);
        assert_eq!(users.runs().len(), 4, "0: 5 63, 1: 64, 3: 200, 4: 300");
        users.put(user(65));
        assert_eq!(users.remove(UserId(200)).map(|u| u.id), Some(UserId(200)));
        assert_eq!(users.remove(UserId(200)), None);
        assert_eq!(ids(&users), [5, 63, 64, 65, 300]);
        assert_eq!(users.len(), 5);
        assert_eq!(users.runs().len(), 3, "an emptied run goes");
        assert!(users.get(UserId(65)).is_some() && users.get(UserId(66)).is_none());
        let mut renamed = user(65);
        renamed.name = "Renamed".into();
        assert_eq!(users.put(renamed).map(|u| u.name), Some("User 65".into()));
        assert_eq!(users.len(), 5, "replaced, not added");
    }

    #[test]
    fn a_change_copies_only_the_run_of_the_changed_user() {
        let users: Users = (0..640).map(user).collect();
        let mut changed = users.clone();
        changed.get_mut(UserId(130)).unwrap().name = "Changed".into();
        let shared: Vec<bool> = users
            .runs()
            .iter()
            .zip(changed.runs())
            .map(|(a, b)| Arc::ptr_eq(a, b))
            .collect();
        assert_eq!(shared.iter().filter(|s| !**s).count(), 1);
        assert!(!shared[2], "run 2 holds ids 128..192");
        assert_eq!(
            users.get(UserId(130)).unwrap().name,
            "User 130",
            "the copy kept its run"
        );
        assert_ne!(users, changed);
    }

    #[test]
    fn users_are_stored_as_one_list_and_a_repeated_id_is_refused() {
        let users: Users = [70, 1, 2].into_iter().map(user).collect();
        let json = serde_json::to_string(&users).unwrap();
        let plain = serde_json::to_string(&[user(1), user(2), user(70)]).unwrap();
        assert_eq!(json, plain);
        assert_eq!(serde_json::from_str::<Users>(&json).unwrap(), users);
        let twice = serde_json::to_string(&[user(1), user(2), user(1)]).unwrap();
        let err = serde_json::from_str::<Users>(&twice).unwrap_err();
        assert!(err.to_string().contains("user 1 is listed twice"), "{err}");
    }

    #[test]
    fn a_stored_run_is_shared_when_it_fits_and_merged_otherwise() {
        let mut users = Users::default();
        let first: Run = Arc::new(vec![user(1), user(2)]);
        users.add_run(first.clone()).unwrap();
        assert!(Arc::ptr_eq(&users.runs()[0], &first));
        // Ids of two runs in one part: merged user by user.
        users.add_run(Arc::new(vec![user(63), user(64)])).unwrap();
        assert_eq!(ids(&users), [1, 2, 63, 64]);
        assert_eq!(users.add_run(Arc::new(vec![user(2)])), Err(UserId(2)));
        assert_eq!(ids(&users), [1, 2, 63, 64], "nothing replaced");
    }
}
