//! How many requests one account may have in flight at once: a few of any kind, and fewer
//! expensive ones (the statistics, the ledgers). A request over the limit is answered at once with
//! `RATE_LIMITED` and `Retry-After`, so that one account cannot starve the others.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

struct Slots {
    any: Arc<Semaphore>,
    expensive: Arc<Semaphore>,
}

/// The slots of every account.
pub struct AccountLimits {
    per_account: usize,
    expensive: usize,
    accounts: Mutex<HashMap<i32, Slots>>,
}

impl AccountLimits {
    /// `per_account` requests of any kind and `expensive` expensive ones at once, per account.
    pub fn new(per_account: usize, expensive: usize) -> AccountLimits {
        AccountLimits { per_account, expensive, accounts: Mutex::new(HashMap::new()) }
    }

    fn slots<T>(&self, user_id: i32, pick: impl FnOnce(&Slots) -> T) -> T {
        let mut accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        let slots = accounts.entry(user_id).or_insert_with(|| Slots {
            any: Arc::new(Semaphore::new(self.per_account)),
            expensive: Arc::new(Semaphore::new(self.expensive)),
        });
        pick(slots)
    }

    /// A slot for one request of `user_id`, held until it is dropped; `None` when all are taken.
    pub fn enter(&self, user_id: i32) -> Option<OwnedSemaphorePermit> {
        self.slots(user_id, |s| s.any.clone()).try_acquire_owned().ok()
    }

    /// A slot for one expensive request of `user_id`; `None` when all are taken.
    pub fn enter_expensive(&self, user_id: i32) -> Option<OwnedSemaphorePermit> {
        self.slots(user_id, |s| s.expensive.clone()).try_acquire_owned().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_gets_its_slots_and_no_more_and_others_are_not_touched() {
        let limits = AccountLimits::new(2, 1);
        let a = limits.enter(1).unwrap();
        let _b = limits.enter(1).unwrap();
        assert!(limits.enter(1).is_none(), "a third request of account 1");
        assert!(limits.enter(2).is_some(), "account 2 is not affected");
        drop(a);
        assert!(limits.enter(1).is_some(), "a slot comes back when its request ends");
        let e = limits.enter_expensive(1).unwrap();
        assert!(limits.enter_expensive(1).is_none());
        drop(e);
        assert!(limits.enter_expensive(1).is_some());
    }
}
