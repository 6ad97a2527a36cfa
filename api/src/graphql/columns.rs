//! Which columns of its rows a request reads: a list of objects that declare what each field
//! reads ([`super::Object::reads`]) selects only the columns its client's fields need, and a
//! relation read in the page's statement ([`super::joined::ToOne`]) only those of the related row.
//!
//! Reading fewer columns is what makes a short page cheap: PostgreSQL sends, and the server
//! decodes, each column of each row (the first page of inspections with their units' names read
//! 28 columns a row for the three it shows). A set of columns is kept as their names; `None` is
//! every column.

use async_graphql::{Context, SelectionField};
use sea_orm::{EntityTrait, IdenStatic, Iterable};

use super::{Object, loader::primary_key};
use crate::gate::Guarded;

type Entity<T> = <<T as Object>::Guard as Guarded>::Entity;

/// Names of the columns a selection reads; `None` is every column.
pub type Columns = Option<Vec<&'static str>>;

/// The columns the fields `fields` of objects `T` read, with the id; `None` when one of them does
/// not declare what it reads, or when they read every column anyway.
pub fn read_by<'a, T: Object>(fields: impl IntoIterator<Item = SelectionField<'a>>) -> Columns {
    let mut names = vec![primary_key::<Entity<T>>().as_str()];
    for field in fields {
        if field.name() == "__typename" {
            continue;
        }
        for column in T::reads(field.name())? {
            if !names.contains(&column.as_str()) {
                names.push(column.as_str());
            }
        }
    }
    (names.len() < <Entity<T> as EntityTrait>::Column::iter().count()).then_some(names)
}

/// The fields a list's client selects of its rows: under `nodes`, and under `edges { node }`.
pub fn of_rows<'a>(ctx: &'a Context<'_>) -> Vec<SelectionField<'a>> {
    let mut rows = Vec::new();
    for part in ctx.field().selection_set() {
        match part.name() {
            "nodes" => rows.extend(part.selection_set()),
            "edges" => {
                for edge in part.selection_set().filter(|f| f.name() == "node") {
                    rows.extend(edge.selection_set());
                }
            }
            _ => {}
        }
    }
    rows
}

/// The fields selected of the relation `field` of a list's rows (every time the client names it).
pub fn of_relation<'a>(ctx: &'a Context<'_>, field: &str) -> Vec<SelectionField<'a>> {
    let mut fields = Vec::new();
    for relation in of_rows(ctx).into_iter().filter(|f| f.name() == field) {
        fields.extend(relation.selection_set());
    }
    fields
}

/// The columns named, as bits in the order of `E`'s columns (a loader's key); every column
/// (`None`) for a table of more columns than bits.
pub fn bits<E: EntityTrait>(names: &Columns) -> Option<u64> {
    let names = names.as_ref()?;
    if E::Column::iter().count() > u64::BITS as usize {
        return None;
    }
    Some(E::Column::iter().enumerate().filter(|(_, c)| names.contains(&c.as_str())).fold(0, |b, (i, _)| b | 1 << i))
}

/// The names of the columns of `E` the bits name; `None` (every column) for `None`.
pub fn of_bits<E: EntityTrait>(bits: Option<u64>) -> Columns {
    let bits = bits?;
    Some(E::Column::iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, c)| c.as_str()).collect())
}

/// Whether the columns `kept` hold every column `wanted`.
pub fn cover(kept: &Columns, wanted: &Columns) -> bool {
    match (kept, wanted) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(kept), Some(wanted)) => wanted.iter().all(|w| kept.contains(w)),
    }
}
