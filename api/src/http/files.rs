//! Files over plain HTTP, with the same bearer token and the same gate as the GraphQL endpoint:
//! evidence uploads and downloads, and the .xlsx ledgers. Errors come back in the GraphQL error
//! shape, with the stable codes; an object out of the caller's scope is `404`, like a missing one.

use axum::{
    extract::{Path, Query, Request, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use entities::RecordKind;
use serde::Deserialize;
use serde_json::json;

use super::{AppState, auth::Caller, failure};
use crate::{
    error::ServiceError,
    evidence_files::{graphql::EvidenceFile, service},
    gate::Access,
    graphql::id,
    ledgers,
};

/// `Content-Disposition: attachment` with the name spelled for every browser (RFC 6266/5987).
fn attachment(name: &str) -> HeaderValue {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

fn file_response(content_type: &str, name: &str, bytes: Vec<u8>, sha256: Option<&str>) -> Response {
    let content_type = if content_type == "text/plain" { "text/plain; charset=utf-8" } else { content_type };
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CONTENT_DISPOSITION, attachment(name));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    if let Some(sum) = sha256.and_then(|s| HeaderValue::from_str(s).ok()) {
        h.insert("x-checksum-sha256", sum);
    }
    response
}

/// Where an upload goes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UploadTarget {
    progress_report_id: Option<String>,
    file_name: Option<String>,
    idempotency_key: Option<String>,
}

/// `POST /evidence?progressReportId=…&fileName=…`: the body is the file, `Content-Type` its type.
/// Answers `201` with `{"data": {"evidenceFile": {…}}}`. Everything that can be checked without
/// the bytes (the token, the permission, the report, the name and the type) is checked before
/// the body is read, so a refused upload costs the server nothing.
pub async fn upload(
    State(state): State<AppState>,
    Caller(access): Caller,
    target: Result<Query<UploadTarget>, QueryRejection>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let Query(target) = match target {
        Ok(t) => t,
        Err(e) => return malformed_query(e),
    };
    let max = state.limits.max_upload_bytes;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let checked = async {
        let report = target.progress_report_id.ok_or(ServiceError::bad_input("progressReportId", "is required"))?;
        let report = id::decode_as("progressReportId", &report.into(), RecordKind::ProgressReport)?;
        service::check_target(&state.db, &access, report).await?;
        let name = target.file_name.ok_or(ServiceError::bad_input("fileName", "is required"))?;
        service::check_name_and_type(&name, content_type)?;
        Ok::<_, ServiceError>((report, name))
    }
    .await;
    let (report, name) = match checked {
        Ok(c) => c,
        Err(e) => return failure(e),
    };
    let Ok(body) = axum::body::to_bytes(request.into_body(), max).await else {
        return too_large(max);
    };
    let upload = service::Upload {
        progress_report_id: report,
        file_name: &name,
        content_type,
        bytes: &body,
        idempotency_key: target.idempotency_key.as_deref(),
    };
    match service::upload(&state.db, &access, upload, max).await {
        Ok(file) => (
            StatusCode::CREATED,
            axum::Json(json!({ "data": { "evidenceFile": evidence_json(EvidenceFile::from(file)) } })),
        )
            .into_response(),
        Err(e) => failure(e),
    }
}

/// A query string that does not parse, repeats a parameter or names an unknown one; the message
/// says which.
fn malformed_query(e: QueryRejection) -> Response {
    failure(ServiceError::bad_input("query", e.body_text()))
}

/// `413` for a file over the limit, naming the limit.
pub fn too_large(max: usize) -> Response {
    let mut response = failure(ServiceError::bad_input("file", format!("is larger than {max} bytes")));
    *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    response
}

fn evidence_json(f: EvidenceFile) -> serde_json::Value {
    json!({
        "id": f.id.as_str(),
        "fileName": f.file_name,
        "contentType": f.content_type,
        "size": f.size,
        "sha256": f.sha256,
        "downloadPath": f.download_path,
        "createdAt": f.created_at.0.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    })
}

/// `GET /evidence/{id}`: the file's bytes, if the caller can see its task.
pub async fn download(State(state): State<AppState>, Caller(access): Caller, Path(gid): Path<String>) -> Response {
    // A malformed id is a file that does not exist.
    let Ok(n) = id::decode_as("id", &gid.into(), RecordKind::EvidenceFile) else {
        return failure(ServiceError::NotFound("evidence file"));
    };
    match service::download(&state.db, &access, n).await {
        Ok((file, bytes)) => file_response(&file.content_type, &file.file_name, bytes, Some(&file.sha256)),
        Err(e) => failure(e),
    }
}

/// Which unit's rectification ledger.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerUnit {
    unit_id: Option<String>,
}

/// A ledger for the caller, built by `build` from their access and the query string, as an
/// .xlsx download.
async fn ledger<Q, F, Fut>(
    access: Access,
    query: Result<Query<Q>, QueryRejection>,
    file_name: &str,
    build: F,
) -> Response
where
    F: FnOnce(Access, Q) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<u8>, ServiceError>>,
{
    let Query(q) = match query {
        Ok(q) => q,
        Err(e) => return malformed_query(e),
    };
    match build(access, q).await {
        Ok(bytes) => file_response(ledgers::XLSX, file_name, bytes, None),
        Err(e) => failure(e),
    }
}

/// `GET /ledgers/rectification.xlsx[?unitId=…]`: the tasks the caller can see, as a workbook.
pub async fn rectification_ledger(
    State(state): State<AppState>,
    Caller(access): Caller,
    q: Result<Query<LedgerUnit>, QueryRejection>,
) -> Response {
    let db = state.db.clone();
    ledger(access, q, "rectification-ledger.xlsx", |access, q: LedgerUnit| async move {
        let unit = q.unit_id.map(|u| id::decode_as("unitId", &u.into(), RecordKind::Organization)).transpose()?;
        ledgers::rectification::workbook(&db, &access, unit).await
    })
    .await
}

/// Which round's statistics ledger.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerRound {
    round_id: Option<String>,
}

/// `GET /ledgers/statistics.xlsx[?roundId=…]`: the caller's statistics, as a workbook.
pub async fn statistics_ledger(
    State(state): State<AppState>,
    Caller(access): Caller,
    q: Result<Query<LedgerRound>, QueryRejection>,
) -> Response {
    let db = state.db.clone();
    ledger(access, q, "statistics-ledger.xlsx", |access, q: LedgerRound| async move {
        let round = q.round_id.map(|r| id::decode_as("roundId", &r.into(), RecordKind::Round)).transpose()?;
        ledgers::statistics::workbook(&db, &access, round).await
    })
    .await
}
