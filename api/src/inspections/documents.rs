//! The documents a team drafts on an inspection (the report, the feedback): written while the
//! team is stationed, created or replaced whole.

use entities::{InspectionStatus, inspection};
use sea_orm::ConnectionTrait;

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, Guarded},
    inspections::service::writable_inspection,
};

/// Longest report or feedback, in characters.
pub const MAX_BODY: usize = 50_000;

/// The inspection whose document of kind `G` the team may still change: stationed, not yet
/// reported.
pub async fn draftable<G: Guarded>(
    db: &impl ConnectionTrait,
    access: &Access,
    inspection_id: i32,
) -> ServiceResult<inspection::Model> {
    let i = writable_inspection::<G>(db, access, Action::Update, inspection_id).await?;
    if i.status != InspectionStatus::Stationed {
        return Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "change the report or feedback of",
            from: i.status.name(),
        });
    }
    Ok(i)
}

/// Declares the save function of a draft document of an inspection (the report, the feedback):
/// the team writes it while stationed, creating it or replacing its body; the state field it is
/// born with (`submitted_at`, `released_at`) is set by the transitions, never here.
macro_rules! save_document {
    ($name:ident, $entity:ident, $kind:expr, $unset:ident, $doc:literal) => {
        #[doc = $doc]
        pub async fn $name(
            db: &DatabaseConnection,
            access: &Access,
            inspection_id: i32,
            body: &str,
        ) -> ServiceResult<$entity::Model> {
            let body = $crate::validate::prose("body", body, $crate::inspections::documents::MAX_BODY)?;
            let txn = $crate::store::begin(db).await?;
            $crate::inspections::documents::draftable::<$entity::Entity>(&txn, access, inspection_id).await?;
            let now = $crate::clock::now();
            let existing = $crate::gate::unscoped::<$entity::Entity>("the document of an inspection in reach")
                .filter($entity::Column::InspectionId.eq(inspection_id))
                .one(&txn)
                .await?;
            let saved = match existing {
                Some(d) => {
                    let version = d.version;
                    let mut row: $entity::ActiveModel = d.into();
                    row.body = Set(body);
                    row.updated_at = Set(now);
                    row.version = Set(version + 1);
                    row.update(&txn).await?
                }
                None => {
                    $entity::ActiveModel {
                        inspection_id: Set(inspection_id),
                        body: Set(body),
                        $unset: Set(None),
                        created_at: Set(now),
                        updated_at: Set(now),
                        version: Set(1),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?
                }
            };
            $crate::gate::log::record(&txn, access, $kind, $crate::gate::Action::Update, saved.id).await?;
            txn.commit().await?;
            Ok(saved)
        }
    };
}
pub(crate) use save_document;
