//! Scalars with one spelling on the wire.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{SecondsFormat, Utc};

/// An instant, as RFC 3339 in UTC with milliseconds and a `Z` (e.g. `2026-11-27T08:30:00.000Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime(pub chrono::DateTime<Utc>);

/// An instant, as RFC 3339 in UTC with milliseconds and a `Z` (e.g. `2026-11-27T08:30:00.000Z`).
#[Scalar(name = "DateTime")]
impl ScalarType for DateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => chrono::DateTime::parse_from_rfc3339(s)
                .map(|t| DateTime(t.with_timezone(&Utc)))
                .map_err(|_| InputValueError::custom("expected an RFC 3339 date-time")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

impl From<chrono::DateTime<Utc>> for DateTime {
    fn from(t: chrono::DateTime<Utc>) -> Self {
        DateTime(t)
    }
}

/// The bookkeeping fields of every object whose state changes.
#[derive(async_graphql::SimpleObject, Clone, Debug)]
pub struct Stamps {
    /// When the object was created.
    pub created_at: DateTime,
    /// When the object last changed.
    pub updated_at: DateTime,
    /// Incremented by every change. Pass it back as `version` to change only what you saw.
    pub version: i32,
}

impl Stamps {
    /// The stamps of a row.
    pub fn new(created_at: chrono::DateTime<Utc>, updated_at: chrono::DateTime<Utc>, version: i32) -> Stamps {
        Stamps { created_at: created_at.into(), updated_at: updated_at.into(), version }
    }
}

/// A calendar day, as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub chrono::NaiveDate);

/// A calendar day, as `YYYY-MM-DD`.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| InputValueError::custom("expected a calendar day as YYYY-MM-DD")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

impl From<chrono::NaiveDate> for Date {
    fn from(d: chrono::NaiveDate) -> Self {
        Date(d)
    }
}
