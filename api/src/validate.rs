//! Input rules shared by every area: texts are trimmed, non-empty and bounded.

use crate::error::{ServiceError, ServiceResult};

/// A required one-line text field: trimmed, between 1 and `max` characters, no control characters.
pub fn text(field: &str, value: &str, max: usize) -> ServiceResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ServiceError::bad_input(field, "must not be empty"));
    }
    if v.chars().count() > max {
        return Err(ServiceError::bad_input(field, format!("must be at most {max} characters")));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(ServiceError::bad_input(field, "must not contain control characters"));
    }
    Ok(v.to_owned())
}

/// A text of several lines (a description, a report): like [`text`], but line breaks and tabs
/// are allowed.
pub fn prose(field: &str, value: &str, max: usize) -> ServiceResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ServiceError::bad_input(field, "must not be empty"));
    }
    if v.chars().count() > max {
        return Err(ServiceError::bad_input(field, format!("must be at most {max} characters")));
    }
    if v.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(ServiceError::bad_input(
            field,
            "must not contain control characters other than line breaks and tabs",
        ));
    }
    Ok(v.to_owned())
}

/// A whole number within bounds.
pub fn range(field: &str, value: i32, min: i32, max: i32) -> ServiceResult<i32> {
    if value < min || value > max {
        return Err(ServiceError::bad_input(field, format!("must be between {min} and {max}")));
    }
    Ok(value)
}

/// Checks an optional expected version against the current one (optimistic concurrency).
pub fn version(expected: Option<i32>, current: i32) -> ServiceResult<()> {
    match expected {
        Some(v) if v != current => Err(ServiceError::conflict(format!(
            "the object changed since version {v} (now {current}); reload and try again"
        ))),
        _ => Ok(()),
    }
}

/// `column` contains `text` literally: a LIKE whose `%`, `_` and `\` in `text` match themselves.
pub fn contains(column: impl sea_orm::ColumnTrait, text: &str) -> sea_orm::sea_query::Expr {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    column.like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}
