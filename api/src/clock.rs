//! The time the system stamps on rows, and the district's days.
//!
//! Instants are stored to the microsecond, so that SQLite and PostgreSQL store (and cursors
//! compare) exactly the same instant. Days — "today", deadlines, `overdue`, the checks that a day
//! has come — are the district's days, in its time zone (`TIME_ZONE`, `Asia/Shanghai` by
//! default), not UTC's: from 00:00 to 08:00 in Beijing the UTC day is still yesterday.
//!
//! Each request runs under its server's [`Clock`] (the zone, and in development and tests a
//! shift of the instant, `CLOCK_START`), so that a test can be at 23:30 or 00:30 local time.

use std::future::Future;

use chrono::{DateTime, DurationRound, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;

/// The district's time zone unless configured.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// A server's clock: its time zone, and how far its instant is moved from the real one (zero but
/// in development and tests).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The district's time zone.
    pub zone: Tz,
    /// Added to the real instant.
    pub shift: TimeDelta,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { zone: DEFAULT_ZONE, shift: TimeDelta::zero() }
    }
}

impl Clock {
    /// Runs `work` with this clock as the one [`now`] and [`today`] read.
    pub async fn run<F: Future>(self, work: F) -> F::Output {
        CURRENT.scope(self, work).await
    }
}

tokio::task_local! {
    static CURRENT: Clock;
}

fn current() -> Clock {
    CURRENT.try_with(|c| *c).unwrap_or_default()
}

/// Now, truncated to whole microseconds.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now() + current().shift;
    now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
}

/// The district's day an instant falls on.
pub fn day_of(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&current().zone).date_naive()
}

/// Today, the district's day, as the records' days (`Date`) are written.
pub fn today() -> NaiveDate {
    day_of(now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_day_is_the_districts_not_utcs() {
        // 23:30 and 00:30 in Beijing are 15:30 and 16:30 UTC of the day before the second.
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        for (instant, day) in [("2026-11-28T15:30:00Z", "2026-11-28"), ("2026-11-28T16:30:00Z", "2026-11-29")] {
            let clock = Clock { zone: DEFAULT_ZONE, shift: at(instant) - Utc::now() };
            let today = clock.run(async { today() }).await;
            assert_eq!(today.to_string(), day, "{instant}");
        }
    }
}
