//! Slows down password guessing, per account and per client address.
//!
//! After a few free failures each further one doubles the wait before the next attempt is even
//! checked (capped at 30 seconds per account and 60 per address, so that nobody can lock a user
//! out for long); a success clears the account's record. Memory is bounded: quiet records are
//! dropped.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

const FREE_PER_ACCOUNT: u32 = 5;
const FREE_PER_ADDRESS: u32 = 20;
/// Long enough to make guessing slow, short enough that nobody can lock an account out for long.
const MAX_WAIT_PER_ACCOUNT: Duration = Duration::from_secs(30);
const MAX_WAIT_PER_ADDRESS: Duration = Duration::from_secs(60);
const FORGET_AFTER: Duration = Duration::from_secs(30 * 60);
const MAX_RECORDS: usize = 100_000;

#[derive(Debug)]
struct Record {
    failures: u32,
    last: Instant,
    blocked_until: Option<Instant>,
}

/// Failed-login records.
#[derive(Debug, Default)]
pub struct Throttle {
    records: Mutex<HashMap<String, Record>>,
}

impl Throttle {
    /// `Err(wait)` while `account` or `address` must wait before trying again.
    pub fn check(&self, account: &str, address: Option<&str>) -> Result<(), Duration> {
        let now = Instant::now();
        let records = self.records.lock().unwrap_or_else(|p| p.into_inner());
        let keys = keys(account, address);
        let wait = keys
            .iter()
            .filter_map(|k| records.get(k).and_then(|r| r.blocked_until))
            .filter(|until| *until > now)
            .map(|until| until - now)
            .max();
        match wait {
            Some(w) => Err(w),
            None => Ok(()),
        }
    }

    /// Records a failed attempt.
    pub fn fail(&self, account: &str, address: Option<&str>) {
        let now = Instant::now();
        let mut records = self.records.lock().unwrap_or_else(|p| p.into_inner());
        if records.len() > MAX_RECORDS {
            records.retain(|_, r| now.duration_since(r.last) < FORGET_AFTER);
        }
        let limits = [(FREE_PER_ACCOUNT, MAX_WAIT_PER_ACCOUNT), (FREE_PER_ADDRESS, MAX_WAIT_PER_ADDRESS)];
        for (key, (free, max_wait)) in keys(account, address).into_iter().zip(limits) {
            let r = records.entry(key).or_insert(Record { failures: 0, last: now, blocked_until: None });
            if now.duration_since(r.last) > FORGET_AFTER {
                r.failures = 0;
            }
            r.failures += 1;
            r.last = now;
            if r.failures >= free {
                let doublings = (r.failures - free).min(10);
                r.blocked_until = Some(now + Duration::from_secs(1 << doublings).min(max_wait));
            }
        }
    }

    /// Clears the account's record after a successful login.
    pub fn succeed(&self, account: &str) {
        let mut records = self.records.lock().unwrap_or_else(|p| p.into_inner());
        records.remove(&account_key(account));
    }
}

fn account_key(account: &str) -> String {
    format!("account:{}", account.to_lowercase())
}

fn keys(account: &str, address: Option<&str>) -> Vec<String> {
    let mut keys = vec![account_key(account)];
    if let Some(a) = address {
        keys.push(format!("address:{a}"));
    }
    keys
}
