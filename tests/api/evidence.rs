//! Evidence files: uploaded by the unit to its own progress reports through `POST /evidence`,
//! checked, stored with a checksum, downloaded only by those who can see the task.

use serde_json::{Value, json};
use tests::{Options, TestApp, gid};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\nstartxref\n9\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\0\0\0\0\0IEND\xaeB`\x82";

/// Reports progress on a rectification task, answering with the report's text.
const REPORT_PROGRESS_WITH_CONTENT: &str = r#"mutation($i: ReportRectificationProgressInput!) {
  reportRectificationProgress(input: $i) { progressReport { id content } }
}"#;

/// Reports progress on a rectification task.
const REPORT_PROGRESS: &str = r#"mutation($i: ReportRectificationProgressInput!) {
  reportRectificationProgress(input: $i) { progressReport { id } }
}"#;

/// A progress report on one of unit1's open tasks.
async fn progress_report(app: &TestApp) -> (String, String) {
    let unit = app.org_of("unit1").await;
    let task = gid(
        "RectificationTask",
        app.first_id(&format!(
            "SELECT id FROM rectification_tasks WHERE status = 'IN_PROGRESS' AND inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit}) ORDER BY id"
        ))
        .await,
    );
    let d = app
        .data(
            "unit1",
            REPORT_PROGRESS,
            json!({ "i": { "taskId": task, "content": "已修订财务报销制度，附制度文本。" } }),
        )
        .await;
    (task, d["reportRectificationProgress"]["progressReport"]["id"].as_str().unwrap().to_owned())
}

async fn upload(
    app: &TestApp,
    who: Option<&str>,
    report: &str,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let mut r = app
        .client()
        .post(app.url("/evidence"))
        .query(&[("progressReportId", report), ("fileName", name)])
        .header("content-type", content_type)
        .body(bytes.to_vec());
    if let Some(who) = who {
        r = r.bearer_auth(app.token(who).await);
    }
    let response = r.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn download(app: &TestApp, who: Option<&str>, path: &str) -> reqwest::Response {
    let mut r = app.client().get(app.url(path));
    if let Some(who) = who {
        r = r.bearer_auth(app.token(who).await);
    }
    r.send().await.unwrap()
}

fn code(v: &Value) -> &str {
    v["errors"][0]["extensions"]["code"].as_str().unwrap_or_default()
}

/// A task's evidence count, and the files on each of its progress reports.
const TASK_EVIDENCE: &str = r#"query($t: ID!) {
  node(id: $t) {
    ... on RectificationTask {
      evidenceCount
      progressReports { evidence { id sha256 downloadPath } }
    }
  }
}"#;

/// The access log's entries on evidence files, and those on one file.
const EVIDENCE_IN_ACCESS_LOG: &str = r#"query($f: ID!) {
  byType: accessLog(filter: { objectTypes: [EVIDENCE_FILE] }) { totalCount }
  byId: accessLog(filter: { objectId: $f }) { nodes { action } }
}"#;

#[tokio::test]
async fn a_unit_uploads_evidence_and_only_those_who_see_the_task_download_it() {
    let app = TestApp::spawn().await;
    let (task, report) = progress_report(&app).await;
    let row = tests::row_of(&task);
    let had = app.count_where("evidence_files", &format!("task_id = {row}")).await;
    let (status, body) = upload(&app, Some("unit1"), &report, "整改报告.pdf", "application/pdf", PDF).await;
    assert_eq!(status, 201, "{body}");
    let file = body["data"]["evidenceFile"].clone();
    assert_eq!(file["size"], PDF.len());
    assert_eq!(file["contentType"], "application/pdf");
    assert_eq!(file["fileName"], "整改报告.pdf");
    let path = file["downloadPath"].as_str().unwrap().to_owned();
    let sha = file["sha256"].as_str().unwrap().to_owned();
    assert_eq!(sha.len(), 64);
    // The unit, its inspecting team, the office, the leadership group and the agencies that
    // supervise rectification get the same bytes.
    for who in ["unit1", "team1", "office", "leader", "agency1", "agency2"] {
        let r = download(&app, Some(who), &path).await;
        assert_eq!(r.status(), 200, "{who}");
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(r.headers()["x-checksum-sha256"], sha.as_str());
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(r.bytes().await.unwrap().as_ref(), PDF, "{who}");
    }
    // Everyone else gets what a missing file gets; no token is unauthenticated.
    let missing = download(&app, Some("unit2"), &format!("/evidence/{}", gid("EvidenceFile", 999_999))).await;
    assert_eq!(missing.status(), 404);
    let missing: Value = missing.json().await.unwrap();
    for who in ["unit2", "unit3", "team2", "agency3"] {
        let r = download(&app, Some(who), &path).await;
        assert_eq!(r.status(), 404, "{who}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body, missing, "{who}: out of scope must look exactly like missing");
    }
    assert_eq!(download(&app, None, &path).await.status(), 401);
    // The task and the report show it, counted; unit2 cannot attach to unit1's report.
    let seen = app.data("unit1", TASK_EVIDENCE, json!({ "t": task })).await;
    assert_eq!(seen["node"]["evidenceCount"], had + 1);
    let reports = seen["node"]["progressReports"].as_array().unwrap();
    assert!(reports.iter().any(|r| r["evidence"][0]["sha256"] == sha.as_str()));
    let before = app.digest().await;
    let (status, body) = upload(&app, Some("unit2"), &report, "x.pdf", "application/pdf", PDF).await;
    assert_eq!((status, code(&body)), (404, "NOT_FOUND"));
    let (status, body) = upload(&app, Some("office"), &report, "x.pdf", "application/pdf", PDF).await;
    assert_eq!((status, code(&body)), (403, "FORBIDDEN"));
    tests::assert_unchanged(&app.digest().await, &before);
    // The upload is in the access log, found by its type and by its id.
    let log = app.data("office", EVIDENCE_IN_ACCESS_LOG, json!({ "f": file["id"] })).await;
    assert_eq!(log["byType"]["totalCount"], 1);
    assert_eq!(log["byId"]["nodes"], json!([{ "action": "CREATE" }]));
}

#[tokio::test]
async fn bad_uploads_are_refused_with_clear_errors_and_change_nothing() {
    let app =
        TestApp::spawn_with(Options { vars: vec![("MAX_UPLOAD_BYTES", "1024".into())], ..Default::default() }).await;
    let (_, report) = progress_report(&app).await;
    let before = app.digest().await;
    let big = [PDF, &[b' '; 1024][..]].concat();
    // File name, type, bytes; then the status, code and field expected.
    type Case<'a> = (&'a str, &'a str, &'a [u8], u16, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        ("big.pdf", "application/pdf", &big, 413, "BAD_USER_INPUT", "file"),
        ("a.exe", "application/x-msdownload", PDF, 415, "BAD_USER_INPUT", "contentType"),
        ("a.html", "text/html", b"<html>", 415, "BAD_USER_INPUT", "contentType"),
        ("empty.pdf", "application/pdf", b"", 400, "BAD_USER_INPUT", "file"),
        ("fake.pdf", "application/pdf", b"MZ\x90\0 not a pdf", 400, "BAD_USER_INPUT", "file"),
        ("fake.png", "image/png", PDF, 400, "BAD_USER_INPUT", "file"),
        (
            "fake.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            PDF,
            400,
            "BAD_USER_INPUT",
            "file",
        ),
        ("bin.txt", "text/plain", b"\xff\xfe\0binary", 400, "BAD_USER_INPUT", "file"),
        ("../../etc/passwd", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
        ("run.bat", "text/plain", b"@echo off\r\nstart calc.exe\r\n", 400, "BAD_USER_INPUT", "fileName"),
        ("report.html", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
        ("\u{202e}fdp.exe.pdf", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
        (".hidden.pdf", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
        ("a\u{2060}.pdf", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
        ("a\u{061c}.pdf", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
        ("\u{3164}.pdf", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
        ("eof.pdf", "application/pdf", b"%PDF-1.4\n%%EOF", 400, "BAD_USER_INPUT", "file"),
        ("stub.pdf", "application/pdf", b"%PDF-", 400, "BAD_USER_INPUT", "file"),
        ("cut.pdf", "application/pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n", 400, "BAD_USER_INPUT", "file"),
        ("sig.png", "image/png", b"\x89PNG\r\n\x1a\n", 400, "BAD_USER_INPUT", "file"),
        (
            "zip.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK\x03\x04garbage",
            400,
            "BAD_USER_INPUT",
            "file",
        ),
        ("", "application/pdf", PDF, 400, "BAD_USER_INPUT", "fileName"),
    ];
    for (name, content_type, bytes, status, c, field) in cases {
        let (got, body) = upload(&app, Some("unit1"), &report, name, content_type, bytes).await;
        assert_eq!((got, code(&body)), (status, c), "{name}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{name}: {body}");
        assert!(!body["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    let (status, body) = upload(&app, Some("unit1"), "not-an-id", "a.pdf", "application/pdf", PDF).await;
    assert_eq!((status, code(&body)), (400, "BAD_USER_INPUT"));
    let (status, body) = upload(&app, None, &report, "a.pdf", "application/pdf", PDF).await;
    assert_eq!((status, code(&body)), (401, "UNAUTHENTICATED"));
    tests::assert_unchanged(&app.digest().await, &before);
    // A PNG at the limit's edge is taken; a closed task takes no more evidence.
    let (status, body) = upload(&app, Some("unit1"), &report, "photo.png", "image/png", PNG).await;
    assert_eq!(status, 201, "{body}");
    // Evidence goes with the work: not once the task is submitted for verification, nor closed.
    let row = tests::row_of(&report);
    for state in ["SUBMITTED", "CLOSED"] {
        app.sql(&format!("UPDATE rectification_tasks SET status = '{state}' WHERE id = (SELECT task_id FROM progress_reports WHERE id = {row})")).await;
        let (status, body) = upload(&app, Some("unit1"), &report, "late.pdf", "application/pdf", PDF).await;
        assert_eq!((status, code(&body)), (409, "INVALID_TRANSITION"), "{state}");
    }
}

#[tokio::test]
async fn a_refused_upload_is_answered_before_its_body_is_read() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn().await;
    let (_, report) = progress_report(&app).await;
    let office = app.token("office").await;
    // Announce 5 MiB, send a little, and wait: the refusal must come without the rest.
    for (auth, expected) in [(String::new(), "401"), (format!("Authorization: Bearer {office}\r\n"), "403")] {
        let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
        let head = format!(
            "POST /evidence?progressReportId={report}&fileName=a.pdf HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\nContent-Length: 5242880\r\n{auth}\r\n%PDF-1.4\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut buf = vec![0u8; 512];
        let n = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut buf))
            .await
            .expect("an answer before the body is sent")
            .unwrap();
        let answer = String::from_utf8_lossy(&buf[..n]);
        assert!(answer.starts_with(&format!("HTTP/1.1 {expected}")), "{answer}");
    }
}

/// Records a regulation the unit made or revised while rectifying.
const RECORD_REGULATION: &str = r#"mutation($i: RecordRegulationInput!) {
  recordRegulation(input: $i) { regulation { id } }
}"#;

#[tokio::test]
async fn a_unit_may_retry_a_progress_report_and_an_upload_with_a_key() {
    let app = TestApp::spawn().await;
    let (task, _) = progress_report(&app).await;
    let input = json!({ "i": { "taskId": task, "content": "第二次整改进展", "idempotencyKey": "progress-2" } });
    let first = app.data("unit1", REPORT_PROGRESS_WITH_CONTENT, input.clone()).await;
    let rows = app.count("progress_reports").await;
    let again = app.data("unit1", REPORT_PROGRESS_WITH_CONTENT, input).await;
    assert_eq!(again, first);
    assert_eq!(app.count("progress_reports").await, rows);
    let other = json!({ "i": { "taskId": task, "content": "另一份进展", "idempotencyKey": "progress-2" } });
    let body = app.as_user("unit1", REPORT_PROGRESS_WITH_CONTENT, other).await;
    tests::assert_code(&body, "CONFLICT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "idempotencyKey");
    assert_eq!(app.count("progress_reports").await, rows);
    // The same file sent twice under one key is stored once and answered the same.
    let id = first["reportRectificationProgress"]["progressReport"]["id"].as_str().unwrap().to_owned();
    let send = |key: &'static str, bytes: &'static [u8]| {
        let app = &app;
        let id = id.clone();
        async move {
            let token = app.token("unit1").await;
            let r = app
                .client()
                .post(app.url("/evidence"))
                .query(&[("progressReportId", id.as_str()), ("fileName", "a.pdf"), ("idempotencyKey", key)])
                .header("content-type", "application/pdf")
                .bearer_auth(token)
                .body(bytes.to_vec())
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let files = app.count("evidence_files").await;
    let (s1, b1) = send("upload-1", PDF).await;
    let (s2, b2) = send("upload-1", PDF).await;
    assert_eq!((s1, s2), (201, 201));
    assert_eq!(b1, b2);
    assert_eq!(app.count("evidence_files").await, files + 1);
    let other_pdf: &'static [u8] = b"%PDF-1.7\nother\nstartxref\n1\n%%EOF\n";
    let (s3, b3) = send("upload-1", other_pdf).await;
    assert_eq!((s3, code(&b3)), (409, "CONFLICT"));
    assert_eq!(app.count("evidence_files").await, files + 1);
    // A regulation too.
    let inspection = app
        .first_id(&format!("SELECT inspection_id AS id FROM rectification_tasks WHERE id = {}", tests::row_of(&task)))
        .await;
    let input = json!({ "i": { "inspectionId": gid("Inspection", inspection), "title": "公务接待管理规定", "category": "OTHER", "effectiveOn": tests::today(), "idempotencyKey": "reg-1" } });
    let regulations = app.count("regulations").await;
    let r1 = app.data("unit1", RECORD_REGULATION, input.clone()).await;
    let r2 = app.data("unit1", RECORD_REGULATION, input).await;
    assert_eq!(r1, r2);
    assert_eq!(app.count("regulations").await, regulations + 1);
}

/// Creates a user account.
const CREATE_USER: &str = r#"mutation($i: CreateUserInput!) {
  createUser(input: $i) { user { id } }
}"#;

/// Gives a user a role in an organization.
const ASSIGN_ROLE: &str = r#"mutation($i: AssignRoleInput!) {
  assignRole(input: $i) { roleAssignment { id } }
}"#;

/// Revokes one role assignment.
const REVOKE_ROLE: &str = r#"mutation($i: RevokeRoleInput!) {
  revokeRole(input: $i) { deletedId }
}"#;

#[tokio::test]
async fn a_key_answers_only_its_own_sender_and_only_what_they_still_see() {
    let app = TestApp::spawn().await;
    // A person leading two units: unit1's first, then unit2's.
    let d = app
        .data(
            "office",
            CREATE_USER,
            json!({ "i": { "username": "dual.unit", "displayName": "兼职书记", "password": "dual-unit-password" } }),
        )
        .await;
    let dual = d["createUser"]["user"]["id"].as_str().unwrap().to_owned();
    for unit in ["unit1", "unit2"] {
        app.data(
            "office",
            ASSIGN_ROLE,
            json!({ "i": { "userId": dual, "role": "UNIT_LEADER", "organizationId": gid("Organization", app.org_of(unit).await) } }),
        )
        .await;
    }
    // It reports on a unit2 task under a key; unit1, sending the very same, gets nothing of it.
    let unit2 = app.org_of("unit2").await;
    let task = app
        .first_id(&format!("SELECT id FROM rectification_tasks WHERE inspection_id IN (SELECT id FROM inspections WHERE unit_id = {unit2}) ORDER BY id"))
        .await;
    app.sql(&format!("UPDATE rectification_tasks SET status = 'IN_PROGRESS' WHERE id = {task}")).await;
    let input = json!({ "i": { "taskId": gid("RectificationTask", task), "content": "水务局的整改情况", "idempotencyKey": "same-key" } });
    let token =
        app.login("dual.unit", "dual-unit-password").await["data"]["login"]["token"].as_str().unwrap().to_owned();
    let first = app.gql(Some(&token), REPORT_PROGRESS_WITH_CONTENT, input.clone()).await;
    assert!(first.get("errors").is_none(), "{first}");
    let theirs = app.as_user("unit1", REPORT_PROGRESS_WITH_CONTENT, input.clone()).await;
    tests::assert_code(&theirs, "NOT_FOUND");
    assert!(!theirs.to_string().contains("水务局的整改情况"));
    // Its own retry answers the same and stores nothing more.
    let rows = app.count("progress_reports").await;
    assert_eq!(app.gql(Some(&token), REPORT_PROGRESS_WITH_CONTENT, input.clone()).await, first);
    assert_eq!(app.count("progress_reports").await, rows);
    // Once it no longer leads unit2, its retry finds nothing it may see.
    let assignment = app
        .first_id(&format!(
            "SELECT id FROM role_assignments WHERE user_id = {} AND organization_id = {unit2}",
            tests::row_of(&dual)
        ))
        .await;
    app.data("office", REVOKE_ROLE, json!({ "i": { "id": gid("RoleAssignment", assignment) } })).await;
    // Revoking the role ended its session; logged in again, the retry finds nothing it may see.
    tests::assert_code(&app.gql(Some(&token), REPORT_PROGRESS_WITH_CONTENT, input.clone()).await, "UNAUTHENTICATED");
    let token =
        app.login("dual.unit", "dual-unit-password").await["data"]["login"]["token"].as_str().unwrap().to_owned();
    tests::assert_code(&app.gql(Some(&token), REPORT_PROGRESS_WITH_CONTENT, input).await, "NOT_FOUND");
}

/// An Office document with the parts a Word document has, and `extra` more entries.
fn docx(extra: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in [
            ("[Content_Types].xml".to_owned(), b"<Types/>".to_vec()),
            ("word/document.xml".to_owned(), b"<w:document/>".to_vec()),
        ]
        .into_iter()
        .chain(extra.iter().cloned())
        {
            zip.start_file(name, deflated).unwrap();
            zip.write_all(&bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[tokio::test]
async fn office_documents_that_expand_out_of_proportion_are_refused() {
    let app = TestApp::spawn().await;
    let (_, report) = progress_report(&app).await;
    // A real, small document is fine.
    let fine = docx(&[("word/styles.xml".into(), b"<w:styles/>".repeat(100))]);
    let (status, body) = upload(&app, Some("unit1"), &report, "plan.docx", DOCX_TYPE, &fine).await;
    assert_eq!(status, 201, "{body}");
    let before = app.digest().await;
    // A bomb: 60 MiB of zeros deflate to a few dozen KiB.
    let bomb = docx(&[("word/media/zeros.bin".into(), vec![0u8; 60 * 1024 * 1024])]);
    assert!(bomb.len() < 200 * 1024, "{} bytes", bomb.len());
    let (status, body) = upload(&app, Some("unit1"), &report, "bomb.docx", DOCX_TYPE, &bomb).await;
    assert_eq!((status, code(&body)), (400, "BAD_USER_INPUT"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "file");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("out of proportion"), "{body}");
    // Thousands of tiny parts.
    let parts: Vec<(String, Vec<u8>)> = (0..1_001).map(|i| (format!("word/p{i}.xml"), b"<p/>".to_vec())).collect();
    let (status, body) = upload(&app, Some("unit1"), &report, "parts.docx", DOCX_TYPE, &docx(&parts)).await;
    assert_eq!((status, code(&body)), (400, "BAD_USER_INPUT"), "{body}");
    tests::assert_unchanged(&app.digest().await, &before);
}

#[tokio::test]
async fn concurrent_uploads_never_pass_a_reports_limit() {
    let app =
        TestApp::spawn_with(Options { vars: vec![("MAX_REQUESTS_PER_ACCOUNT", "64".into())], ..Default::default() })
            .await;
    let (_, report) = progress_report(&app).await;
    let token = app.token("unit1").await;
    let uploads = (0..40).map(|i| {
        let (app, token, report) = (&app, token.clone(), report.clone());
        async move {
            app.client()
                .post(app.url("/evidence"))
                .query(&[("progressReportId", report.as_str()), ("fileName", &format!("scan-{i}.png"))])
                .header("content-type", "image/png")
                .bearer_auth(token)
                .body(PNG.to_vec())
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(uploads).await;
    let stored = statuses.iter().filter(|s| **s == 201).count();
    let refused = statuses.iter().filter(|s| **s == 400).count();
    assert_eq!((stored, refused), (20, 20), "{statuses:?}");
    let report_id = tests::row_of(&report);
    assert_eq!(app.count_where("evidence_files", &format!("progress_report_id = {report_id}")).await, 20);
}
