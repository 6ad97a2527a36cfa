//! Keyset pagination for every list: stable order (ties broken by id), opaque cursors.
//!
//! A cursor names the order it was made for and the last row's sort value and id, so a page
//! never skips or repeats a row however the table changes between requests. Counting is lazy:
//! the count statement runs only when a client asks for `totalCount`.

use std::sync::Arc;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, NaiveDate, Utc};
use futures::future::BoxFuture;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Value,
};
use serde::{Deserialize, Serialize};

use crate::error::{ServiceError, ServiceResult};

/// Rows per page when the client does not say.
pub const DEFAULT_PAGE_SIZE: u64 = 20;
/// Most rows a client may ask for in one page.
pub const MAX_PAGE_SIZE: u64 = 100;

/// The value a row is sorted by, as carried in a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SortValue {
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
    /// A calendar day.
    Date(NaiveDate),
    /// An instant.
    Time(DateTime<Utc>),
}

impl From<SortValue> for Value {
    fn from(v: SortValue) -> Value {
        match v {
            SortValue::Int(i) => i.into(),
            SortValue::Text(s) => s.into(),
            SortValue::Date(d) => d.into(),
            SortValue::Time(t) => t.into(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Cursor {
    /// The order the cursor was made for.
    o: String,
    /// The sort value of the row.
    v: SortValue,
    /// The row's id.
    i: i32,
}

/// One page asked for: how many rows, after which cursor.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    /// Rows wanted, 1..=100.
    pub first: Option<i32>,
    /// Opaque cursor of the last row already seen.
    pub after: Option<String>,
}

/// How a list is ordered: a column with its direction, and how to read its value off a row.
pub struct Ordering<E: EntityTrait> {
    /// Stable name of this ordering, carried in cursors.
    pub name: &'static str,
    /// The sort column.
    pub column: E::Column,
    /// Ascending or descending.
    pub order: Order,
    /// The row's value of `column`.
    pub value: fn(&E::Model) -> SortValue,
    /// The id column (tie-breaker).
    pub id_column: E::Column,
    /// The row's id.
    pub id: fn(&E::Model) -> i32,
}

/// Counts the rows of a list when asked.
pub type Counter = Arc<dyn Fn() -> BoxFuture<'static, ServiceResult<u64>> + Send + Sync>;

/// A page of rows with their cursors.
pub struct Page<M> {
    /// The rows and each row's cursor.
    pub rows: Vec<(String, M)>,
    /// Whether rows follow this page.
    pub has_next_page: bool,
    /// Whether the page started after a cursor.
    pub has_previous_page: bool,
    /// Counts every row of the list (all pages).
    pub count: Counter,
}

impl<M> Page<M> {
    /// The same page with its rows converted.
    pub fn map<N>(self, f: impl FnMut(M) -> N) -> Page<N> {
        let mut f = f;
        Page {
            rows: self.rows.into_iter().map(|(c, m)| (c, f(m))).collect(),
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
            count: self.count,
        }
    }
}

/// Fetches one page of `select` (already filtered and scoped) in the given order.
pub async fn fetch<E>(
    db: &DatabaseConnection,
    select: Select<E>,
    ordering: &Ordering<E>,
    page: &PageRequest,
) -> ServiceResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let first = match page.first {
        None => DEFAULT_PAGE_SIZE,
        Some(n) if n >= 1 && (n as u64) <= MAX_PAGE_SIZE => n as u64,
        Some(_) => {
            return Err(ServiceError::bad_input("first", format!("must be between 1 and {MAX_PAGE_SIZE}")));
        }
    };
    let count: Counter = {
        let db = db.clone();
        let select = select.clone();
        Arc::new(move || {
            let db = db.clone();
            let select = select.clone();
            Box::pin(async move { Ok(select.count(&db).await?) })
        })
    };
    let order = format!("{}.{}", E::default().table_name(), ordering.name);
    let mut query = select;
    if let Some(after) = &page.after {
        let cursor = decode(after, &order)?;
        if !fits(&cursor.v, ordering.column.def().get_column_type()) {
            return Err(ServiceError::bad_input("after", "is not a cursor of this list and order"));
        }
        let value: Value = cursor.v.into();
        let past = match ordering.order {
            Order::Desc => ordering.column.lt(value.clone()),
            _ => ordering.column.gt(value.clone()),
        };
        query = query.filter(
            Condition::any()
                .add(past)
                .add(Condition::all().add(ordering.column.eq(value)).add(ordering.id_column.gt(cursor.i))),
        );
    }
    let mut rows = query
        .order_by(ordering.column, ordering.order.clone())
        .order_by(ordering.id_column, Order::Asc)
        .limit(first + 1)
        .all(db)
        .await?;
    let has_next_page = rows.len() as u64 > first;
    rows.truncate(first as usize);
    let rows = rows.into_iter().map(|m| (encode(&order, (ordering.value)(&m), (ordering.id)(&m)), m)).collect();
    Ok(Page { rows, has_next_page, has_previous_page: page.after.is_some(), count })
}

/// Whether a cursor's value can be compared with the sort column (a forged cursor may not).
fn fits(v: &SortValue, column: &sea_orm::sea_query::ColumnType) -> bool {
    use sea_orm::sea_query::ColumnType as C;
    matches!(
        (v, column),
        (SortValue::Int(_), C::Integer | C::BigInteger | C::SmallInteger)
            | (SortValue::Text(_), C::String(_) | C::Text | C::Char(_))
            | (SortValue::Date(_), C::Date)
            | (SortValue::Time(_), C::TimestampWithTimeZone | C::Timestamp | C::DateTime)
    )
}

fn encode(order: &str, v: SortValue, id: i32) -> String {
    let json = serde_json::to_vec(&Cursor { o: order.to_owned(), v, i: id }).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

fn decode(cursor: &str, order: &str) -> ServiceResult<Cursor> {
    let bad = || ServiceError::bad_input("after", "is not a cursor of this list and order");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let c: Cursor = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    if c.o != order {
        return Err(bad());
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::{ColumnType, StringLen};

    use super::*;

    #[test]
    fn a_cursor_comes_back_as_it_went() {
        for v in [
            SortValue::Int(-7),
            SortValue::Text("巡察 \"quoted\"".into()),
            SortValue::Date(NaiveDate::from_ymd_opt(2016, 3, 1).unwrap()),
            SortValue::Time(DateTime::from_timestamp(1_700_000_000, 123_000).unwrap()),
        ] {
            let c = encode("findings.created", v.clone(), 42);
            let back = decode(&c, "findings.created").unwrap();
            assert_eq!((back.v, back.i), (v, 42));
        }
    }

    #[test]
    fn a_cursor_of_another_list_or_order_or_a_forged_one_is_refused_as_after() {
        let c = encode("findings.created", SortValue::Int(1), 1);
        for (cursor, order) in [
            (c.as_str(), "clues.created"),
            (c.as_str(), "findings.newest"),
            ("not base64!", "findings.created"),
            ("eyJvIjoxfQ", "findings.created"),
            ("", "findings.created"),
        ] {
            match decode(cursor, order) {
                Err(ServiceError::BadInput { field, .. }) => assert_eq!(field, "after"),
                other => panic!("{cursor} for {order}: {:?}", other.map(|c| c.o)),
            }
        }
    }

    #[test]
    fn a_cursor_value_must_fit_the_column_it_is_compared_with() {
        assert!(fits(&SortValue::Int(1), &ColumnType::Integer));
        assert!(fits(&SortValue::Text("a".into()), &ColumnType::String(StringLen::N(10))));
        assert!(!fits(&SortValue::Text("a".into()), &ColumnType::Integer));
        assert!(!fits(&SortValue::Int(1), &ColumnType::Date));
        assert!(!fits(&SortValue::Date(NaiveDate::MIN), &ColumnType::TimestampWithTimeZone));
    }
}
