//! The rules of evidence files: the unit attaches them to its own progress reports while the task
//! is open; only allowed types, never empty, never larger than the configured limit, and the bytes
//! must be what the type says. Whoever can see the task can download them.

use entities::{TaskStatus, evidence_content, evidence_file, progress_report, rectification_task};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, PaginatorTrait, QueryFilter, QuerySelect, Set};
use sha2::{Digest, Sha256};

use crate::{
    error::{ServiceError, ServiceResult},
    gate::{Access, Action, RecordKind, log, narrowing, unscoped},
    idempotency, validate,
};

/// Most files on one progress report.
pub const MAX_FILES_PER_REPORT: u64 = 20;
/// Most files on one task, over all its reports.
pub const MAX_FILES_PER_TASK: u64 = 100;

/// An accepted media type: its name, what to call it, and the file-name endings that go with it.
pub struct Allowed {
    /// The media type.
    pub media_type: &'static str,
    /// What a person calls it.
    pub what: &'static str,
    /// The endings a file of this type may have.
    pub endings: &'static [&'static str],
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The media types accepted.
const ALLOWED: [Allowed; 6] = [
    Allowed { media_type: "application/pdf", what: "PDF", endings: &[".pdf"] },
    Allowed { media_type: "image/png", what: "PNG image", endings: &[".png"] },
    Allowed { media_type: "image/jpeg", what: "JPEG image", endings: &[".jpg", ".jpeg"] },
    Allowed { media_type: "text/plain", what: "UTF-8 text", endings: &[".txt"] },
    Allowed { media_type: DOCX, what: "Word document (.docx)", endings: &[".docx"] },
    Allowed { media_type: XLSX, what: "Excel workbook (.xlsx)", endings: &[".xlsx"] },
];

/// Most entries an Office document may hold.
pub const MAX_OFFICE_ENTRIES: usize = 1_000;
/// Most bytes an Office document may expand to, in all.
pub const MAX_OFFICE_EXPANDED_BYTES: u64 = 50 * 1024 * 1024;
/// Most times larger than the file itself an Office document may expand to.
pub const MAX_OFFICE_EXPANSION: u64 = 100;

/// Whether an Office document's archive is in proportion: at most [`MAX_OFFICE_ENTRIES`] entries,
/// expanding to at most [`MAX_OFFICE_EXPANDED_BYTES`] and to at most [`MAX_OFFICE_EXPANSION`]
/// times its own size. The entries are inflated (into nothing) to count what they really hold,
/// whatever their headers claim, and the count stops at the limit.
fn in_proportion(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return false };
    if archive.len() > MAX_OFFICE_ENTRIES {
        return false;
    }
    let limit = MAX_OFFICE_EXPANDED_BYTES.min((bytes.len() as u64).saturating_mul(MAX_OFFICE_EXPANSION));
    let mut expanded: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else { return false };
        let room = limit - expanded;
        match std::io::copy(&mut entry.take(room + 1), &mut std::io::sink()) {
            Ok(n) if n <= room => expanded += n,
            _ => return false,
        }
    }
    true
}

/// Whether `bytes` hold the given byte string anywhere.
fn holds(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Whether `bytes` are a whole file of `media_type`: its signature at the start, its end marker at
/// the end, and for the Office formats a zip archive with the parts that make that kind of document.
fn is_whole(media_type: &str, bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    match media_type {
        "application/pdf" => bytes.starts_with(b"%PDF-") && holds(tail, b"startxref") && holds(tail, b"%%EOF"),
        "image/png" => {
            bytes.starts_with(b"\x89PNG\r\n\x1a\n")
                && bytes.get(12..16) == Some(b"IHDR".as_slice())
                && bytes.ends_with(b"IEND\xaeB`\x82")
        }
        "image/jpeg" => bytes.len() > 4 && bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.ends_with(&[0xFF, 0xD9]),
        "text/plain" => std::str::from_utf8(bytes)
            .is_ok_and(|t| !t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))),
        DOCX | XLSX => {
            let part: &[u8] = if media_type == DOCX { b"word/document.xml" } else { b"xl/workbook.xml" };
            bytes.starts_with(b"PK\x03\x04")
                && holds(tail, b"PK\x05\x06")
                && holds(bytes, b"[Content_Types].xml")
                && holds(bytes, part)
        }
        _ => false,
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
    /// The client's idempotency key, if any.
    pub idempotency_key: Option<&'a str>,
}

/// Checks an upload's name and type, before its bytes are read: the name must be plain and end
/// as the type does, the type must be allowed.
pub fn check_name_and_type(file_name: &str, content_type: &str) -> ServiceResult<(String, &'static Allowed)> {
    let wanted = media_type(content_type);
    let Some(allowed) = ALLOWED.iter().find(|a| a.media_type == wanted) else {
        let names: Vec<&str> = ALLOWED.iter().map(|a| a.media_type).collect();
        return Err(ServiceError::bad_input("contentType", format!("must be one of {}", names.join(", "))));
    };
    let name = validate::text("fileName", file_name, 200)?;
    if name.contains(['/', '\\']) {
        return Err(ServiceError::bad_input("fileName", "must be a plain file name, without folders"));
    }
    if name.starts_with('.') {
        return Err(ServiceError::bad_input("fileName", "must not start with a dot"));
    }
    if name.chars().any(validate::is_invisible) {
        return Err(ServiceError::bad_input("fileName", "holds invisible or direction-changing characters"));
    }
    let lower = name.to_lowercase();
    if !allowed.endings.iter().any(|e| lower.ends_with(e) && lower.len() > e.len()) {
        return Err(ServiceError::bad_input(
            "fileName",
            format!("must end in {} for a {}", allowed.endings.join(" or "), allowed.what),
        ));
    }
    Ok((name, allowed))
}

/// Checks an upload's name, type and bytes; the rule broken, as a `BAD_USER_INPUT` on the part
/// of the request at fault.
fn check(upload: &Upload<'_>, max_bytes: usize) -> ServiceResult<(String, &'static str)> {
    let (name, allowed) = check_name_and_type(upload.file_name, upload.content_type)?;
    if upload.bytes.is_empty() {
        return Err(ServiceError::bad_input("file", "is empty"));
    }
    if upload.bytes.len() > max_bytes {
        return Err(ServiceError::bad_input("file", format!("is larger than {max_bytes} bytes")));
    }
    if !is_whole(allowed.media_type, upload.bytes) {
        return Err(ServiceError::bad_input("file", format!("is not a whole, valid {}", allowed.what)));
    }
    if matches!(allowed.media_type, DOCX | XLSX) && !in_proportion(upload.bytes) {
        return Err(ServiceError::bad_input(
            "file",
            format!(
                "expands out of proportion: an Office document may hold at most {MAX_OFFICE_ENTRIES} parts and \
                 expand to at most {} MiB and {MAX_OFFICE_EXPANSION} times its own size",
                MAX_OFFICE_EXPANDED_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok((name, allowed.media_type))
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The task a progress report belongs to, if the caller may attach evidence to it now: the
/// unit's own task, in progress, with room for more files. Run before the bytes are read, and again
/// in the transaction that stores them.
pub async fn check_target(
    db: &impl sea_orm::ConnectionTrait,
    access: &Access,
    progress_report_id: i32,
) -> ServiceResult<rectification_task::Model> {
    let tasks = access.reach_over::<evidence_file::Entity, rectification_task::Entity>(Action::Create)?;
    let report = access
        .select::<progress_report::Entity>(Action::Read)?
        .filter(progress_report::Column::Id.eq(progress_report_id))
        .filter(
            progress_report::Column::TaskId
                .in_subquery(narrowing::<rectification_task::Entity>(rectification_task::Column::Id, tasks)),
        )
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("progress report"))?;
    // Locked until the file is stored: the limits below are counted and kept under it.
    let task = unscoped::<rectification_task::Entity>("the task of a progress report read in reach")
        .filter(rectification_task::Column::Id.eq(report.task_id))
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("progress report"))?;
    if task.status != TaskStatus::InProgress {
        return Err(ServiceError::InvalidTransition {
            kind: "rectification task",
            action: "add evidence to",
            from: task.status.name(),
        });
    }
    let on_report = unscoped::<evidence_file::Entity>("a limit counts every file of the report")
        .filter(evidence_file::Column::ProgressReportId.eq(report.id))
        .count(db)
        .await?;
    if on_report >= MAX_FILES_PER_REPORT {
        return Err(ServiceError::bad_input(
            "progressReportId",
            format!("already has {MAX_FILES_PER_REPORT} files, the most one report may have"),
        ));
    }
    let on_task = unscoped::<evidence_file::Entity>("a limit counts every file of the task")
        .filter(evidence_file::Column::TaskId.eq(task.id))
        .count(db)
        .await?;
    if on_task >= MAX_FILES_PER_TASK {
        return Err(ServiceError::bad_input(
            "progressReportId",
            format!("its task already has {MAX_FILES_PER_TASK} files, the most one task may have"),
        ));
    }
    Ok(task)
}

/// Stores an evidence file on a progress report of the unit's task in progress (the unit).
pub async fn upload(
    db: &DatabaseConnection,
    access: &Access,
    upload: Upload<'_>,
    max_bytes: usize,
) -> ServiceResult<evidence_file::Model> {
    let (file_name, content_type) = check(&upload, max_bytes)?;
    let sha256 = sha256_hex(upload.bytes);
    let request = ("uploadEvidence", upload.progress_report_id, &file_name, content_type, &sha256);
    let key = idempotency::key(access, upload.idempotency_key, &request)?;
    let txn = match idempotency::begin::<evidence_file::Model>(db, access.principal()?.user_id, key.as_ref()).await? {
        idempotency::Begun::Replay(first) => {
            let id = first.id;
            idempotency::still_visible::<evidence_file::Entity>(db, access, id).await?;
            return Ok(first);
        }
        idempotency::Begun::Work(txn) => txn,
    };
    let task = check_target(&txn, access, upload.progress_report_id).await?;
    let created = evidence_file::ActiveModel {
        progress_report_id: Set(upload.progress_report_id),
        task_id: Set(task.id),
        file_name: Set(file_name),
        content_type: Set(content_type.to_owned()),
        size: Set(upload.bytes.len() as i64),
        sha256: Set(sha256),
        created_by: Set(access.principal()?.user_id),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    evidence_content::ActiveModel { evidence_file_id: Set(created.id), bytes: Set(upload.bytes.to_vec()) }
        .insert(&txn)
        .await?;
    if let Some(k) = &key {
        idempotency::answer(&txn, k, &created).await?;
    }
    log::record(&txn, access, RecordKind::EvidenceFile, Action::Create, created.id).await?;
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
    // By id: a withdrawn file stays downloadable by the office and the leadership group only.
    let file = access
        .visible_by_id::<evidence_file::Entity>()?
        .ok_or(ServiceError::NotFound("evidence file"))?
        .filter(evidence_file::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("evidence file"))?;
    let content = unscoped::<evidence_content::Entity>("the bytes of a file read in reach")
        .filter(evidence_content::Column::EvidenceFileId.eq(file.id))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("evidence file {} has no content", file.id)))?;
    Ok((file, content.bytes))
}

/// Withdraws an evidence file uploaded by mistake (the unit, while its task is in progress): the
/// unit no longer lists or downloads it; the office and the leadership group still can.
pub async fn withdraw(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    reason: &str,
    expected_version: Option<i32>,
) -> ServiceResult<evidence_file::Model> {
    crate::revisions::service::withdraw::<evidence_file::Entity>(
        db,
        access,
        id,
        (reason, expected_version),
        async |txn, f| {
            crate::progress_reports::service::check_task_in_progress(txn, f.task_id, "withdraw evidence of").await
        },
    )
    .await
}
