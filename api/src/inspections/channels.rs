//! The channels a team publishes on stationing (公布巡察组联系方式): the notice period, a
//! telephone, a mailbox and an address for petitions. The unit reads them on its inspection; the
//! public reads the notices of every stationed team, without an account.

use chrono::NaiveDate;
use entities::{InspectionStatus, inspection, organization, round};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, QuerySelect, Set};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, unscoped},
    pagination::{self, Ordering, Page, PageRequest, SortValue},
    rounds::service::first_day,
    validate,
};

/// The channels as the team publishes them.
#[derive(Debug, Clone)]
pub struct Channels {
    /// First day of the notice period.
    pub notice_from: NaiveDate,
    /// Last day of the notice period.
    pub notice_until: NaiveDate,
    /// Telephone.
    pub telephone: Option<String>,
    /// Mailbox (postal or e-mail).
    pub mailbox: Option<String>,
    /// Address for visits.
    pub address: Option<String>,
}

/// Publishes (or corrects) the channels of a stationed inspection (the team leader).
pub async fn publish(
    db: &DatabaseConnection,
    access: &Access,
    inspection_id: i32,
    channels: Channels,
) -> ServiceResult<inspection::Model> {
    access.permit::<inspection::Entity>(Action::Publish)?;
    let given = |field: &str, v: &Option<String>, max: usize| {
        v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(|v| validate::text(field, v, max)).transpose()
    };
    let period = if channels.notice_until < channels.notice_from {
        Err(ServiceError::bad_input("noticeUntil", "must not be before noticeFrom"))
    } else if (channels.notice_until - channels.notice_from).num_days() > 366 {
        Err(ServiceError::bad_input("noticeUntil", "a notice period lasts at most a year"))
    } else {
        Ok(())
    };
    let (telephone, mailbox, address, ()) = validate::all((
        given("telephone", &channels.telephone, 64),
        given("mailbox", &channels.mailbox, 200),
        given("address", &channels.address, 200),
        period,
    ))?;
    if telephone.is_none() && mailbox.is_none() {
        return Err(ServiceError::bad_input("telephone", "publish a telephone or a mailbox at least"));
    }
    let txn = crate::store::begin(db).await?;
    let current = access.find_locked::<inspection::Entity>(&txn, Action::Publish, inspection_id).await?;
    if current.status != InspectionStatus::Stationed {
        return Err(ServiceError::InvalidTransition {
            kind: "inspection",
            action: "publish the channels of",
            from: current.status.name(),
        });
    }
    let round = access.find::<round::Entity>(&txn, Action::Read, current.round_id).await?;
    if channels.notice_from < first_day(&round) {
        return Err(ServiceError::bad_input("noticeFrom", "must not be before the round started"));
    }
    let version = current.version;
    let mut row: inspection::ActiveModel = current.into();
    row.notice_from = Set(Some(channels.notice_from));
    row.notice_until = Set(Some(channels.notice_until));
    row.channel_telephone = Set(telephone);
    row.channel_mailbox = Set(mailbox);
    row.channel_address = Set(address);
    let now = crate::clock::now();
    row.channels_published_at = Set(Some(now));
    row.updated_at = Set(now);
    row.version = Set(version + 1);
    let updated = row.update(&txn).await?;
    log::record(&txn, access, RecordKind::Inspection, Action::Publish, inspection_id).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A published notice, as the public reads it: no ids, nothing but what is posted at the unit.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The inspection (for the cursor only).
    pub inspection: inspection::Model,
    /// The team's name.
    pub team: String,
    /// The unit's name.
    pub unit: String,
}

/// A page of the notices of every stationed team that has published its channels, newest first.
/// Public: the notice is posted at the unit and online, so no scope applies.
pub async fn notices(db: &DatabaseConnection, page: &PageRequest) -> ServiceResult<Page<Notice>> {
    let q = unscoped::<inspection::Entity>("a published notice is public: it is posted at the unit and online")
        .filter(inspection::Column::Status.eq(InspectionStatus::Stationed))
        .filter(inspection::Column::ChannelsPublishedAt.is_not_null());
    let ordering = Ordering::<inspection::Entity> {
        name: "notices",
        column: inspection::Column::Id,
        order: sea_orm::Order::Desc,
        value: |m| SortValue::Int(m.id.into()),
        id_column: inspection::Column::Id,
        id: |m| m.id,
    };
    let page = pagination::fetch(db, q, &ordering, page).await?;
    let ids: Vec<i32> = page.rows.iter().flat_map(|(_, i)| [i.team_id, i.unit_id]).collect();
    let names: std::collections::HashMap<i32, String> =
        unscoped::<organization::Entity>("the names of the teams and units of public notices")
            .select_only()
            .columns([organization::Column::Id, organization::Column::Name])
            .filter(organization::Column::Id.is_in(ids))
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
    Ok(page.map(|i| Notice { team: name(i.team_id), unit: name(i.unit_id), inspection: i }))
}
