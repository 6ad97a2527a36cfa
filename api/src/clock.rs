//! The time the system stamps on rows: now, to the microsecond, so that SQLite and PostgreSQL
//! store (and cursors compare) exactly the same instant.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

/// Now, truncated to whole microseconds.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
}

/// Today's date, as the records' days (`Date`) are written.
pub fn today() -> chrono::NaiveDate {
    now().date_naive()
}
