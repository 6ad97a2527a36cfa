//! Who a token names, kept between requests where the database announces every change to it.
//!
//! Reading the caller's grants is a statement on every request; on a small request it is a third
//! of the database's work. On PostgreSQL the grants are kept here instead, for as long as nothing
//! could have changed them:
//!
//! - a statement that writes `users` or `role_assignments` notifies the channel
//!   `identity_changed` when it commits (a trigger, whoever writes: this server, another one, an
//!   operator by hand), and [`listen`] forgets everything kept when the notification arrives;
//! - this server forgets everything kept, before it answers, after every mutation it runs, so the
//!   client that revoked a role never races the notification;
//! - nothing is kept until the database is heard, and what was kept is forgotten as soon as it is
//!   not: the server probes its own listening connection every second, through a statement that
//!   sends the probe only while both triggers exist and fire, and a connection lost, failing, or
//!   silent for three seconds stops the keeping;
//! - a read that started before something was forgotten is not kept ([`Principals::keep`] checks
//!   the epoch it started in), and nothing is kept longer than [`MAX_AGE`] whatever happens.
//!
//! On SQLite there is no channel to listen on, so nothing is kept: the grants are read on every
//! request, as in-process reads cost little.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use sea_orm::{DatabaseBackend, DatabaseConnection};

use crate::gate::Principal;

/// The channel the database announces identity changes on (see the migration
/// `identity_changes_announced`).
pub const CHANNEL: &str = "identity_changed";

/// The longest a caller's grants are kept, even if no change is announced.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// The most callers kept at once; past it, everything is forgotten and kept afresh.
const MAX_KEPT: usize = 10_000;

/// The callers' grants kept between requests, and whether they may be used now.
#[derive(Debug, Default)]
pub struct Principals {
    /// Whether the database's announcements are being heard: nothing is kept otherwise.
    live: AtomicBool,
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    /// Moves on each time everything is forgotten.
    epoch: u64,
    by_user: HashMap<i32, Entry>,
}

#[derive(Debug)]
struct Entry {
    generation: i64,
    principal: Principal,
    read_at: Instant,
}

impl Principals {
    /// Nothing kept, and nothing to be kept until [`listen`] hears the database.
    pub fn new() -> Arc<Principals> {
        Arc::default()
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The grants kept for `user_id`'s session `generation`, if they are known to be current.
    pub fn get(&self, user_id: i32, generation: i64) -> Option<Principal> {
        if !self.live.load(Ordering::Acquire) {
            return None;
        }
        let kept = self.kept();
        let entry = kept.by_user.get(&user_id)?;
        (entry.generation == generation && entry.read_at.elapsed() < MAX_AGE).then(|| entry.principal.clone())
    }

    /// The epoch a read of the grants starts in: pass it to [`Principals::keep`].
    pub fn epoch(&self) -> u64 {
        self.kept().epoch
    }

    /// Keeps grants read from the database in `epoch`, unless something was forgotten since (the
    /// read may have seen the database before the change that made it forget).
    pub fn keep(&self, epoch: u64, generation: i64, principal: &Principal) {
        if !self.live.load(Ordering::Acquire) {
            return;
        }
        let mut kept = self.kept();
        if kept.epoch != epoch {
            return;
        }
        if kept.by_user.len() >= MAX_KEPT {
            kept.by_user.clear();
        }
        kept.by_user
            .insert(principal.user_id, Entry { generation, principal: principal.clone(), read_at: Instant::now() });
    }

    /// Forgets every caller's grants: something about who may do what may have changed.
    pub fn forget_all(&self) {
        let mut kept = self.kept();
        kept.epoch += 1;
        kept.by_user.clear();
    }

    /// Whether grants are kept now.
    pub fn is_live(&self) -> bool {
        self.live.load(Ordering::Acquire)
    }

    fn set_live(&self, live: bool) {
        // Going live: what was kept before is forgotten first, as it is not known to be current.
        // Going deaf: keeping stops first, then what was kept (a read ending meanwhile is either
        // forgotten with the rest or refused by the epoch).
        if live {
            self.forget_all();
            self.live.store(true, Ordering::Release);
        } else {
            self.live.store(false, Ordering::Release);
            self.forget_all();
        }
    }
}

/// Forgets every caller's grants when dropped: made before a mutation runs, so that whatever becomes
/// of the request (answered, cut by the timeout, dropped by its client), what it may have changed
/// is not answered from what was kept.
pub struct ForgetWhenDone(pub Arc<Principals>);

impl Drop for ForgetWhenDone {
    fn drop(&mut self) {
        self.0.forget_all();
    }
}

/// How often this server asks the database to prove it is still heard (see [`listen`]).
const PROBE_EVERY: Duration = Duration::from_secs(1);

/// How long without a word from the database before its connection is taken for dead.
const DEAF_AFTER: Duration = Duration::from_secs(3);

/// Sends a probe on `channel`, but only while both triggers that announce identity changes exist
/// and fire: a probe heard proves the announcements would be heard too.
const PROBE: &str = "SELECT pg_notify($1, 'probe') WHERE (SELECT count(*) FROM pg_trigger \
     WHERE tgenabled IN ('O', 'A') AND tgname IN ('users_identity_changed', 'role_assignments_identity_changed') \
     AND tgrelid IN (to_regclass('users'), to_regclass('role_assignments'))) = 2";

/// Listens for the database's announcements of identity changes, for as long as the runtime runs,
/// on connections of its own (not the pool's; three at most, one spare for a listener being
/// dropped from a dead connection): one listens, one sends a probe every
/// [`PROBE_EVERY`] to a channel of this server's. Grants are kept only from the first probe heard,
/// and until [`DEAF_AFTER`] passes without one (a connection dead without a word, a trigger
/// dropped or disabled), the connection is lost, or it fails. Does nothing on SQLite.
pub fn listen(db: &DatabaseConnection, principals: Arc<Principals>) {
    use sea_orm::sqlx::postgres::PgPoolOptions;
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let pool = db.get_postgres_connection_pool().clone();
    let own = PgPoolOptions::new()
        .max_connections(3)
        .acquire_timeout(DEAF_AFTER)
        .connect_lazy_with((*pool.connect_options()).clone());
    let probes = format!("identity_probe_{}", uuid::Uuid::new_v4().simple());
    runtime.spawn({
        let (own, probes, pool) = (own.clone(), probes.clone(), pool.clone());
        async move {
            while !pool.is_closed() {
                let _ = sea_orm::sqlx::query(PROBE).bind(&probes).execute(&own).await;
                tokio::time::sleep(PROBE_EVERY).await;
            }
        }
    });
    runtime.spawn(async move {
        while !pool.is_closed() {
            hear(&own, &probes, &principals).await;
            principals.set_live(false);
            tokio::time::sleep(PROBE_EVERY).await;
        }
        own.close().await;
    });
}

/// Listens until the database cannot be heard any longer.
async fn hear(own: &sea_orm::sqlx::PgPool, probes: &str, principals: &Principals) {
    use sea_orm::sqlx::postgres::PgListener;
    let Ok(mut listener) = PgListener::connect_with(own).await else {
        return;
    };
    // A lost connection is answered at once, not after reconnecting: what is announced meanwhile
    // would be missed while the kept grants were still used.
    listener.eager_reconnect(false);
    if listener.listen_all([CHANNEL, probes]).await.is_err() {
        return;
    }
    // The first probe after listening, not to wait for the prober's next turn.
    let _ = sea_orm::sqlx::query(PROBE).bind(probes).execute(&mut listener).await;
    loop {
        match tokio::time::timeout(DEAF_AFTER, listener.try_recv()).await {
            Ok(Ok(Some(heard))) if heard.channel() == probes => {
                if !principals.is_live() {
                    principals.set_live(true);
                }
            }
            Ok(Ok(Some(_))) => principals.forget_all(),
            Ok(Ok(None) | Err(_)) | Err(_) => {
                tracing::warn!("identity changes are not heard from the database; reading grants on every request");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(user_id: i32) -> Principal {
        Principal { user_id, grants: Vec::new() }
    }

    #[test]
    fn nothing_is_kept_until_the_database_is_heard() {
        let p = Principals::default();
        p.keep(p.epoch(), 1, &caller(7));
        assert!(p.get(7, 1).is_none());
        p.set_live(true);
        p.keep(p.epoch(), 1, &caller(7));
        assert_eq!(p.get(7, 1).map(|c| c.user_id), Some(7));
        // Another session generation is not the kept one.
        assert!(p.get(7, 2).is_none());
        // Deafness forgets and stops keeping.
        p.set_live(false);
        assert!(p.get(7, 1).is_none());
        p.keep(p.epoch(), 1, &caller(7));
        p.set_live(true);
        assert!(p.get(7, 1).is_none());
    }

    #[test]
    fn a_read_older_than_a_forgetting_is_not_kept() {
        let p = Principals::default();
        p.set_live(true);
        let started = p.epoch();
        p.forget_all();
        p.keep(started, 1, &caller(7));
        assert!(p.get(7, 1).is_none());
        p.keep(p.epoch(), 1, &caller(7));
        assert!(p.get(7, 1).is_some());
        p.forget_all();
        assert!(p.get(7, 1).is_none());
    }
}
