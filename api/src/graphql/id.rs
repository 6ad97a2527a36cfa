//! Opaque global ids: `base64url("Type:number")`, where `Type` is the API type of a kind of
//! record that is an object ([`RecordKind::type_name`]). Clients must not build or parse them.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use entities::RecordKind;

use crate::error::{ServiceError, ServiceResult};

/// The global id of a row of a kind of record.
pub fn encode(kind: RecordKind, id: i32) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.type_name())))
}

/// The kind and row id of a global id; `BAD_USER_INPUT` on `field` when it is not one of ours.
pub fn decode(field: &str, id: &ID) -> ServiceResult<(RecordKind, i32)> {
    let bad = || ServiceError::bad_input(field, "is not a valid id");
    let text = URL_SAFE_NO_PAD.decode(id.as_str()).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(bad)?;
    let (name, number) = text.split_once(':').ok_or_else(bad)?;
    let kind = RecordKind::of_type_name(name).ok_or_else(bad)?;
    let n: i32 = number.parse().map_err(|_| bad())?;
    // One spelling per id: no signs, no leading zeros.
    if n <= 0 || n.to_string() != number {
        return Err(bad());
    }
    Ok((kind, n))
}

/// The row id of a global id that must be of kind `kind`.
pub fn decode_as(field: &str, id: &ID, kind: RecordKind) -> ServiceResult<i32> {
    match decode(field, id)? {
        (found, n) if found == kind => Ok(n),
        _ => Err(ServiceError::bad_input(field, format!("is not an id of type {}", kind.type_name()))),
    }
}

/// The row id of an optional global id that must be of kind `kind`.
pub fn decode_opt(field: &str, id: Option<ID>, kind: RecordKind) -> ServiceResult<Option<i32>> {
    id.map(|i| decode_as(field, &i, kind)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_comes_back_as_it_went() {
        for &kind in RecordKind::ALL.iter().filter(|k| k.is_object()) {
            let id = encode(kind, 42);
            assert_eq!(decode("id", &id).ok(), Some((kind, 42)));
            assert_eq!(decode_as("id", &id, kind).ok(), Some(42));
        }
    }

    #[test]
    fn ids_that_are_not_ours_are_refused_naming_the_field() {
        let raw = |s: &str| ID(URL_SAFE_NO_PAD.encode(s));
        for bad in [
            raw("Finding:0"),
            raw("Finding:-1"),
            raw("Finding:007"),
            raw("Finding:+7"),
            raw("Finding:99999999999"),
            raw("Finding"),
            raw("PetitionIdentity:1"),
            raw("Nothing:1"),
            ID("not base64!".into()),
            ID(URL_SAFE_NO_PAD.encode([0xff, 0xfe])),
        ] {
            match decode("filter.id", &bad) {
                Err(ServiceError::BadInput { field, .. }) => assert_eq!(field, "filter.id"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn an_id_of_another_type_is_refused() {
        let id = encode(RecordKind::Clue, 1);
        assert!(decode_as("clueId", &id, RecordKind::Finding).is_err());
    }
}
