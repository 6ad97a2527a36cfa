//! Writing a record's revisions: each correction and withdrawal in the same transaction as the
//! change itself, so that no version of a record is ever lost.

use std::str::FromStr;

use entities::{RecordKind, revision};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, IntoActiveModel, ModelTrait, Set,
};
use serde_json::{Map, Value};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, Guarded, log},
    validate,
};

/// What a revision did to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Corrected: some fields changed.
    Amended,
    /// Withdrawn: entered by mistake.
    Withdrawn,
}

impl Change {
    /// As stored.
    pub fn name(self) -> &'static str {
        match self {
            Change::Amended => "AMENDED",
            Change::Withdrawn => "WITHDRAWN",
        }
    }
}

/// Fields no revision lists: those the system keeps itself.
const KEPT_BY_THE_SYSTEM: [&str; 8] =
    ["id", "version", "created_at", "created_by", "updated_at", "withdrawn_at", "withdrawn_by", "withdrawal_reason"];

/// The reason of a correction or withdrawal: required, at most 500 characters.
pub fn reason(text: &str) -> ServiceResult<String> {
    let text = validate::prose("reason", text, 500)?;
    if text.trim().is_empty() {
        return Err(ServiceError::bad_input("reason", "say why the record is corrected or withdrawn"));
    }
    Ok(text)
}

/// The fields that differ between two versions of a record (each serialised as its row is), as
/// `[{field, before, after}]`, in the row's field order.
pub fn changed_fields<T: serde::Serialize>(before: &T, after: &T) -> Vec<Value> {
    let fields = |v: &T| match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let (before, after) = (fields(before), fields(after));
    after
        .iter()
        .filter(|(field, _)| !KEPT_BY_THE_SYSTEM.contains(&field.as_str()))
        .filter_map(|(field, value)| {
            let was = before.get(field).cloned().unwrap_or(Value::Null);
            (was != *value).then(|| serde_json::json!({ "field": field, "before": was, "after": value }))
        })
        .collect()
}

/// Keeps one revision of record `kind` `id`, now at `version`.
pub async fn record(
    txn: &DatabaseTransaction,
    access: &Access,
    (kind, id, version): (RecordKind, i32, i32),
    change: Change,
    reason: &str,
    fields: Vec<Value>,
) -> ServiceResult<()> {
    revision::ActiveModel {
        object_kind: Set(kind.name().to_owned()),
        object_id: Set(id),
        version: Set(version),
        change: Set(change.name().to_owned()),
        reason: Set(reason.to_owned()),
        fields: Set(Value::Array(fields).to_string()),
        user_id: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Withdraws the row `id` of `G` entered by mistake, for whoever the policy lets `withdraw` it,
/// while `window` (the kind's rule of when its rows may still be written) allows: the row is read
/// in the caller's reach and locked, stamped with when, by whom and why, its version moved on, the
/// revision kept and the withdrawal logged, in one transaction. The row then leaves every list and
/// count; the office and the leadership group still read it by id.
pub async fn withdraw<G>(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    (reason, expected_version): (&str, Option<i32>),
    window: impl AsyncFnOnce(&DatabaseTransaction, &<G::Entity as EntityTrait>::Model) -> ServiceResult<()>,
) -> ServiceResult<<G::Entity as EntityTrait>::Model>
where
    G: Guarded,
    <G::Entity as EntityTrait>::Model: IntoActiveModel<<G::Entity as EntityTrait>::ActiveModel>,
    <G::Entity as EntityTrait>::ActiveModel: ActiveModelTrait<Entity = G::Entity> + Send,
    <<G::Entity as EntityTrait>::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i32>,
{
    access.permit::<G>(Action::Withdraw)?;
    let reason = self::reason(reason)?;
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<G>(&txn, Action::Withdraw, id).await?;
    window(&txn, &current).await?;
    let withdrawn = stamp_withdrawn::<G>(&txn, access, current, &reason, expected_version).await?;
    txn.commit().await?;
    Ok(withdrawn)
}

/// Stamps `current` withdrawn (see [`withdraw`]).
async fn stamp_withdrawn<G>(
    txn: &DatabaseTransaction,
    access: &Access,
    current: <G::Entity as EntityTrait>::Model,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<<G::Entity as EntityTrait>::Model>
where
    G: Guarded,
    <G::Entity as EntityTrait>::Model: IntoActiveModel<<G::Entity as EntityTrait>::ActiveModel>,
    <G::Entity as EntityTrait>::ActiveModel: ActiveModelTrait<Entity = G::Entity> + Send,
{
    let column = |name: &str| {
        <G::Entity as EntityTrait>::Column::from_str(name)
            .map_err(|_| ServiceError::Internal(anyhow::anyhow!("{} has no column {name}", G::KIND.name())))
    };
    let int = |v: sea_orm::Value| match v {
        sea_orm::Value::Int(Some(n)) => Ok(n),
        _ => Err(ServiceError::Internal(anyhow::anyhow!("{}: not a number", G::KIND.name()))),
    };
    let id = int(current.get(column("id")?))?;
    let version = int(current.get(column("version")?))?;
    validate::version(expected_version, version)?;
    let user_id = access.principal()?.user_id;
    let mut row = current.into_active_model();
    row.set(column("withdrawn_at")?, Some(crate::clock::now()).into());
    row.set(column("withdrawn_by")?, Some(user_id).into());
    row.set(column("withdrawal_reason")?, Some(reason.to_owned()).into());
    row.set(column("version")?, (version + 1).into());
    let updated = row.update(txn).await?;
    record(txn, access, (G::KIND, id, version + 1), Change::Withdrawn, reason, Vec::new()).await?;
    log::record(txn, access, G::KIND, Action::Withdraw, id).await?;
    Ok(updated)
}

/// Keeps the revision of an update that changed `before` into `after`, if any field changed, with
/// the reason if one was given.
pub async fn keep<T: serde::Serialize>(
    txn: &DatabaseTransaction,
    access: &Access,
    revision: (RecordKind, i32, i32),
    (before, after): (&T, &T),
    reason: Option<&str>,
) -> ServiceResult<()> {
    let fields = changed_fields(before, after);
    if fields.is_empty() {
        return Ok(());
    }
    record(txn, access, revision, Change::Amended, reason.unwrap_or_default(), fields).await
}
