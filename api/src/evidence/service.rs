//! The rules of evidence files: the unit attaches them to its own progress reports while the task
//! is open; only allowed types, never empty, never larger than the configured limit, and the bytes
//! must be what the type says. Whoever can see the task can download them.

use entities::{TaskStatus, evidence_content, evidence_file, progress_report, rectification_task};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::{
    audit,
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, Kind},
    validate,
};

/// Most files on one progress report.
pub const MAX_FILES_PER_REPORT: u64 = 20;

/// The media types accepted, and how the first bytes of each must look.
pub const ALLOWED: [(&str, &str); 6] = [
    ("application/pdf", "PDF"),
    ("image/png", "PNG image"),
    ("image/jpeg", "JPEG image"),
    ("text/plain", "UTF-8 text"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document (.docx)"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook (.xlsx)"),
];

/// Whether `bytes` look like a file of `content_type` (one of [`ALLOWED`]).
fn looks_like(content_type: &str, bytes: &[u8]) -> bool {
    match content_type {
        "application/pdf" => bytes.starts_with(b"%PDF-"),
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "text/plain" => std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')),
        _ => bytes.starts_with(b"PK\x03\x04"),
    }
}

/// The media type of a `Content-Type` header, lower-cased, without parameters.
pub fn media_type(header: &str) -> String {
    header.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// An upload as it arrived.
#[derive(Debug)]
pub struct Upload<'a> {
    /// The progress report it supports.
    pub progress_report_id: i32,
    /// The file's name.
    pub file_name: &'a str,
    /// Its declared media type (a `Content-Type` header value).
    pub content_type: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
}

/// Checks an upload's name, type and bytes; the rule broken, as a `BAD_USER_INPUT` on the part
/// of the request at fault.
fn check(upload: &Upload<'_>, max_bytes: usize) -> ServiceResult<(String, &'static str)> {
    let name = validate::text("fileName", upload.file_name, 200)?;
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(ServiceError::bad_input("fileName", "must be a plain file name, without folders"));
    }
    let wanted = media_type(upload.content_type);
    let Some(&(content_type, what)) = ALLOWED.iter().find(|(t, _)| *t == wanted) else {
        let allowed: Vec<&str> = ALLOWED.iter().map(|(t, _)| *t).collect();
        return Err(ServiceError::bad_input("contentType", format!("must be one of {}", allowed.join(", "))));
    };
    if upload.bytes.is_empty() {
        return Err(ServiceError::bad_input("file", "is empty"));
    }
    if upload.bytes.len() > max_bytes {
        return Err(ServiceError::bad_input("file", format!("is larger than {max_bytes} bytes")));
    }
    if !looks_like(content_type, upload.bytes) {
        return Err(ServiceError::bad_input("file", format!("is not a valid {what}")));
    }
    Ok((name, content_type))
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores an evidence file on a progress report of the unit's open task (the unit).
pub async fn upload(
    db: &DatabaseConnection,
    access: &Access,
    upload: Upload<'_>,
    max_bytes: usize,
) -> ServiceResult<evidence_file::Model> {
    let tasks = access.authorize_over(Kind::EvidenceFile, Action::Create, Kind::RectificationTask)?;
    let (file_name, content_type) = check(&upload, max_bytes)?;
    let txn = crate::store::begin(db).await?;
    let report = progress_report::Entity::find_by_id(upload.progress_report_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("progress report"))?;
    let task = rectification_task::Entity::find_by_id(report.task_id)
        .filter(tasks)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound("progress report"))?;
    if task.status == TaskStatus::Closed {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification task",
            action: "add evidence to",
            from: "CLOSED".into(),
        });
    }
    let attached =
        evidence_file::Entity::find().filter(evidence_file::Column::ProgressReportId.eq(report.id)).count(&txn).await?;
    if attached >= MAX_FILES_PER_REPORT {
        return Err(ServiceError::bad_input(
            "progressReportId",
            format!("already has {MAX_FILES_PER_REPORT} files, the most one report may have"),
        ));
    }
    let created = evidence_file::ActiveModel {
        progress_report_id: Set(report.id),
        task_id: Set(task.id),
        file_name: Set(file_name),
        content_type: Set(content_type.to_owned()),
        size: Set(upload.bytes.len() as i64),
        sha256: Set(sha256_hex(upload.bytes)),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    evidence_content::ActiveModel { evidence_file_id: Set(created.id), bytes: Set(upload.bytes.to_vec()) }
        .insert(&txn)
        .await?;
    audit::service::record(&txn, access, Kind::EvidenceFile, Action::Create, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// An evidence file and its bytes, if the caller can see its task; `NOT_FOUND` otherwise, exactly
/// as for a file that does not exist.
pub async fn download(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
) -> ServiceResult<(evidence_file::Model, Vec<u8>)> {
    access.principal()?;
    let scope = access.visible(Kind::EvidenceFile)?.ok_or(ServiceError::NotFound("evidence file"))?;
    let file = evidence_file::Entity::find_by_id(id)
        .filter(scope)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("evidence file"))?;
    let content = evidence_content::Entity::find_by_id(file.id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("evidence file {} has no content", file.id)))?;
    Ok((file, content.bytes))
}
