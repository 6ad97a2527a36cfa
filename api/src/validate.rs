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
    if v.chars().any(is_bidi_control) {
        return Err(ServiceError::bad_input(field, "must not contain direction-changing characters"));
    }
    Ok(v.to_owned())
}

/// Characters that reverse or isolate the direction of the text around them (Bidi_Control), so
/// that a text reads otherwise than it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing where they stand: Unicode's default-ignorable code points, the
/// line and paragraph separators, and the blank fillers that look like nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
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
    if v.chars().any(is_bidi_control) {
        return Err(ServiceError::bad_input(field, "must not contain direction-changing characters"));
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

/// A day that has come: since 2000, not in the future (the day something was received, held,
/// decided, heard …).
pub fn past_day(field: &str, day: chrono::NaiveDate) -> ServiceResult<chrono::NaiveDate> {
    use chrono::Datelike;
    if day > crate::clock::today() || day.year() < 2000 {
        return Err(ServiceError::bad_input(field, "must be a day since 2000, not in the future"));
    }
    Ok(day)
}

/// A period from `startsOn` to `endsOn`: both between 2000 and 2100, the end not before the start.
pub fn period(starts_on: chrono::NaiveDate, ends_on: chrono::NaiveDate) -> ServiceResult<()> {
    use chrono::Datelike;
    let plausible = |d: chrono::NaiveDate| (2000..=2100).contains(&d.year());
    if !plausible(starts_on) {
        return Err(ServiceError::bad_input("startsOn", "must be a day between 2000 and 2100"));
    }
    if !plausible(ends_on) {
        return Err(ServiceError::bad_input("endsOn", "must be a day between 2000 and 2100"));
    }
    if ends_on < starts_on {
        return Err(ServiceError::bad_input("endsOn", "must not be before startsOn"));
    }
    Ok(())
}

/// Checks of one request's input taken together: [`all`] answers every field at fault at once.
pub trait Checks {
    /// The checked values, when every check holds.
    type Values;
    /// The values, or one error naming every field at fault.
    fn all(self) -> ServiceResult<Self::Values>;
}

/// The values of every check, or one `BAD_USER_INPUT` that names each field at fault (with its
/// rule), so that a form shows all its mistakes at once; an error that is not about the input
/// (none of the checks here makes one) is returned as it is.
///
/// ```ignore
/// let (title, body) = validate::all((validate::text("title", &t, 200), validate::prose("body", &b, 50_000)))?;
/// ```
pub fn all<C: Checks>(checks: C) -> ServiceResult<C::Values> {
    checks.all()
}

/// Gathers the errors of several checks into one.
fn gathered(errors: Vec<ServiceError>) -> ServiceError {
    let mut fields = Vec::new();
    for e in errors {
        match e {
            ServiceError::BadInput { field, message } => fields.push((field, message)),
            ServiceError::BadInputs(more) => fields.extend(more),
            other => return other,
        }
    }
    match fields.len() {
        1 => {
            let (field, message) = fields.remove(0);
            ServiceError::BadInput { field, message }
        }
        _ => ServiceError::BadInputs(fields),
    }
}

macro_rules! checks {
    ($($t:ident $v:ident),+) => {
        impl<$($t),+> Checks for ($(ServiceResult<$t>,)+) {
            type Values = ($($t,)+);
            fn all(self) -> ServiceResult<Self::Values> {
                let ($($v,)+) = self;
                match ($($v,)+) {
                    ($(Ok($v),)+) => Ok(($($v,)+)),
                    ($($v,)+) => {
                        let mut errors = Vec::new();
                        $(if let Err(e) = $v { errors.push(e); })+
                        Err(gathered(errors))
                    }
                }
            }
        }
    };
}

checks!(A a, B b);
checks!(A a, B b, C c);
checks!(A a, B b, C c, D d);
checks!(A a, B b, C c, D d, E e);
checks!(A a, B b, C c, D d, E e, F f);
checks!(A a, B b, C c, D d, E e, F f, G g);
checks!(A a, B b, C c, D d, E e, F f, G g, H h);
checks!(A a, B b, C c, D d, E e, F f, G g, H h, I i);

/// Checks an optional expected version against the current one (optimistic concurrency).
pub fn version(expected: Option<i32>, current: i32) -> ServiceResult<()> {
    match expected {
        Some(v) if v != current => Err(ServiceError::conflict(format!(
            "the object changed since version {v} (now {current}); reload and try again"
        ))),
        _ => Ok(()),
    }
}

/// `column` contains `text` literally, ASCII letters in either case and every other character
/// exactly as written — the same answer on both databases: SQLite's `LIKE` folds A–Z only, and on
/// PostgreSQL the column is folded with `translate`, which touches A–Z only (where `ILIKE` and
/// `lower` would follow the database's locale). `%`, `_` and `\` in `text` match themselves.
pub fn contains(
    backend: sea_orm::DatabaseBackend,
    column: impl sea_orm::ColumnTrait,
    text: &str,
) -> sea_orm::sea_query::Expr {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, LikeExpr};
    let escaped = text.to_ascii_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
    match backend {
        sea_orm::DatabaseBackend::Postgres => Expr::expr(
            Func::cust(Alias::new("translate"))
                .arg(column.into_expr())
                .arg("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                .arg("abcdefghijklmnopqrstuvwxyz"),
        )
        .like(pattern),
        _ => column.like(pattern),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_periods_are_plausible() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(past_day("heardOn", crate::clock::today()).is_ok());
        assert!(past_day("heardOn", day("1999-12-31")).is_err());
        assert!(past_day("heardOn", crate::clock::today() + chrono::Duration::days(1)).is_err());
        assert!(period(day("2014-01-01"), day("2018-12-31")).is_ok());
        assert!(period(day("2014-01-02"), day("2014-01-01")).is_err());
        assert!(matches!(
            period(day("1990-01-01"), day("2018-12-31")),
            Err(ServiceError::BadInput { field, .. }) if field == "startsOn"
        ));
    }

    fn refusal(r: ServiceResult<String>) -> (String, String) {
        match r {
            Err(ServiceError::BadInput { field, message }) => (field, message),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_text_is_trimmed_bounded_and_plain() {
        assert_eq!(text("name", "  区委第一巡察组 ", 10).unwrap(), "区委第一巡察组");
        assert_eq!(refusal(text("name", "   ", 10)).0, "name");
        // Characters, not bytes, are counted: ten Chinese characters fit in ten.
        assert!(text("name", "一二三四五六七八九十", 10).is_ok());
        assert!(refusal(text("name", "一二三四五六七八九十一", 10)).1.contains("at most 10"));
        assert!(refusal(text("name", "a\nb", 10)).1.contains("control"));
        assert!(refusal(text("name", "a\u{0}b", 10)).1.contains("control"));
        assert!(refusal(text("name", "abc\u{202E}def", 10)).1.contains("direction"));
    }

    #[test]
    fn prose_keeps_its_lines_but_no_other_control_character() {
        assert_eq!(prose("body", "第一段\n\t第二段\r\n", 100).unwrap(), "第一段\n\t第二段");
        assert!(refusal(prose("body", "a\u{7}b", 100)).1.contains("control"));
        assert!(refusal(prose("body", "a\u{2066}b", 100)).1.contains("direction"));
    }

    #[test]
    fn numbers_and_versions() {
        assert_eq!(range("n", 5, 1, 10).unwrap(), 5);
        assert!(range("n", 11, 1, 10).is_err());
        assert!(version(None, 3).is_ok());
        assert!(version(Some(3), 3).is_ok());
        assert!(matches!(version(Some(2), 3), Err(ServiceError::Conflict { .. })));
    }

    #[test]
    fn invisible_characters_are_known() {
        for c in ['\u{200B}', '\u{FEFF}', '\u{2060}', '\u{E0001}', '\u{3164}'] {
            assert!(is_invisible(c), "{c:?}");
        }
        assert!(!is_invisible('巡'));
    }
}
