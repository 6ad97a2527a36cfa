//! The language of a request's messages: English, or Chinese when the request's `Accept-Language`
//! prefers it (`zh-CN`, `zh`, `zh-Hans`…). Codes, fields and data never change with it; only
//! the `message` of an error does.

mod zh;

use axum::{extract::Request, http::header, middleware::Next, response::Response};

use crate::error::ServiceError;

/// A language messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English, the default.
    English,
    /// Simplified Chinese.
    Chinese,
}

tokio::task_local! {
    static LANGUAGE: Language;
}

/// The current request's language (English outside a request).
pub fn current() -> Language {
    LANGUAGE.try_with(|l| *l).unwrap_or(Language::English)
}

/// The language an `Accept-Language` value prefers: the tag of highest weight (the first of equal
/// ones), Chinese for `zh` and its subtags, English for anything else.
pub fn preferred(accept_language: &str) -> Language {
    let mut best: Option<(f32, &str)> = None;
    for part in accept_language.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        if tag.is_empty() {
            continue;
        }
        let weight = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, tag));
        }
    }
    match best {
        Some((_, tag)) if tag.eq_ignore_ascii_case("zh") || tag.to_ascii_lowercase().starts_with("zh-") => {
            Language::Chinese
        }
        _ => Language::English,
    }
}

/// Runs the request in the language its `Accept-Language` prefers.
pub async fn middleware(request: Request, next: Next) -> Response {
    let language = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Language::English, preferred);
    LANGUAGE.scope(language, next.run(request)).await
}

/// A whole message in the current language: `english` itself, or its Chinese from the table
/// (by template, for messages with values in them); the English where none is known.
pub fn message(english: &str) -> String {
    match current() {
        Language::English => english.to_owned(),
        Language::Chinese => chinese(english).unwrap_or_else(|| english.to_owned()),
    }
}

/// The Chinese of a whole message, if the table has it: exactly, or by a template whose `{}`
/// stand for the values in it.
fn chinese(english: &str) -> Option<String> {
    if let Some((_, zh)) = zh::MESSAGES.iter().find(|(en, _)| *en == english) {
        return Some((*zh).to_owned());
    }
    // Of the templates the message fills, the most specific (the most words of its own); each value
    // in it is put in Chinese too where the table knows it (an agency's competence, a file type).
    zh::MESSAGES
        .iter()
        .filter(|(en, _)| en.contains("{}"))
        .filter_map(|(en, zh)| Some((en.replace("{}", "").len(), zh, captures(en, english)?)))
        .max_by_key(|(specific, _, _)| *specific)
        .and_then(|(_, zh, values)| {
            let values: Vec<String> = values.iter().map(|v| chinese(v).unwrap_or_else(|| v.clone())).collect();
            fill(zh, &values)
        })
}

/// The values a template's `{}` stand for in `text`, if `text` is the template filled in.
fn captures(template: &str, text: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let mut rest = text.strip_prefix(parts[0])?;
    let mut values = Vec::new();
    for (i, part) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        let at = if last {
            if !rest.ends_with(part) {
                return None;
            }
            rest.len() - part.len()
        } else if part.is_empty() {
            return None;
        } else {
            rest.find(part)?
        };
        values.push(rest[..at].to_owned());
        rest = &rest[at + part.len()..];
    }
    Some(values)
}

/// `template` with its `{}` replaced by `values`, in order.
fn fill(template: &str, values: &[String]) -> Option<String> {
    let parts: Vec<&str> = template.split("{}").collect();
    if parts.len() != values.len() + 1 {
        return None;
    }
    let mut out = parts[0].to_owned();
    for (value, part) in values.iter().zip(&parts[1..]) {
        out.push_str(value);
        out.push_str(part);
    }
    Some(out)
}

fn kind(english: &str) -> &str {
    zh::KINDS.iter().find(|(en, _)| *en == english).map_or(english, |(_, zh)| zh)
}

fn action(english: &str) -> &str {
    zh::ACTIONS.iter().find(|(en, _)| *en == english).map_or(english, |(_, zh)| zh)
}

/// What a client that asked for Chinese reads of an error (but internal and unavailable ones,
/// whose message carries the correlation id: see `error::describe`).
pub fn describe_in_chinese(e: &ServiceError) -> String {
    match e {
        ServiceError::Unauthenticated(why) => chinese(why).unwrap_or_else(|| "未登录，或登录已失效".into()),
        ServiceError::Forbidden => "您的角色无权执行此操作".into(),
        ServiceError::OutsideCompetence(why) => {
            format!("超出职责范围：{}", chinese(why).unwrap_or_else(|| why.clone()))
        }
        ServiceError::NotFound(what) => format!("未找到该{}", kind(what)),
        ServiceError::BadInput { field, message } => {
            format!("{field}：{}", chinese(message).unwrap_or_else(|| message.clone()))
        }
        ServiceError::BadInputs(all) => all
            .iter()
            .map(|(field, message)| format!("{field}：{}", chinese(message).unwrap_or_else(|| message.clone())))
            .collect::<Vec<_>>()
            .join("；"),
        ServiceError::InvalidTransition { kind: k, action: a, from } => {
            format!("该{}当前为 {from}，不能{}", kind(k), action(a))
        }
        ServiceError::Unmet { kind: k, action: a, missing } => {
            format!("尚不能{}该{}：{}", action(a), kind(k), chinese(missing).unwrap_or_else(|| missing.clone()))
        }
        ServiceError::Conflict { field, message } => {
            let message = chinese(message).unwrap_or_else(|| message.clone());
            match field {
                Some(f) => format!("{f}：{message}"),
                None => message,
            }
        }
        ServiceError::Unavailable(_) => "服务暂时不可用，请稍后重试".into(),
        ServiceError::Internal(_) => "内部错误".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preferred_language_is_the_heaviest_tag() {
        assert_eq!(preferred("zh-CN"), Language::Chinese);
        assert_eq!(preferred("zh-CN,zh;q=0.9,en;q=0.8"), Language::Chinese);
        assert_eq!(preferred("en-US,en;q=0.9,zh-CN;q=0.8"), Language::English);
        assert_eq!(preferred("en;q=0.5, zh-Hans;q=0.7"), Language::Chinese);
        assert_eq!(preferred("zh;q=0, en"), Language::English);
        assert_eq!(preferred("*"), Language::English);
        assert_eq!(preferred(""), Language::English);
        assert_eq!(preferred("zhx"), Language::English);
    }

    #[test]
    fn a_template_takes_the_values_of_a_message() {
        assert_eq!(captures("at most {} characters", "at most 200 characters"), Some(vec!["200".into()]));
        assert_eq!(
            captures("{} is {}: {}", "X is a department: no"),
            Some(vec!["X".into(), "a department".into(), "no".into()])
        );
        assert_eq!(captures("at most {} characters", "at least 2 characters"), None);
        assert_eq!(fill("最多 {} 个字符", &["200".into()]).as_deref(), Some("最多 200 个字符"));
    }

    /// The Rust string literal at the start of `text` (after blanks), as the program holds it: its
    /// escapes resolved and its `\` line continuations joined; `None` when `text` does not start
    /// with one.
    fn literal(text: &str) -> Option<(String, &str)> {
        let body = text.trim_start().strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((out, &body[i + 1..])),
                '\\' => match chars.next()?.1 {
                    'n' => out.push('\n'),
                    '\n' => {
                        // A continuation: the line break and the next line's blanks are dropped.
                        let rest = &body[i + 2..];
                        let skip = rest.len() - rest.trim_start().len();
                        for _ in 0..skip {
                            chars.next();
                        }
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        None
    }

    /// Every whole literal that follows `marker` in the sources (after `skip_args` literal
    /// arguments), where nothing but a `)` or a `,` or `.into()` follows it (not a `format!`).
    fn literals_after(sources: &[String], marker: &str, skip_args: usize) -> Vec<String> {
        let mut found = Vec::new();
        for text in sources {
            for (at, _) in text.match_indices(marker) {
                let mut rest = &text[at + marker.len()..];
                let mut ok = true;
                for _ in 0..skip_args {
                    match literal(rest) {
                        Some((_, after)) => rest = after.trim_start().strip_prefix(',').unwrap_or(after),
                        None => ok = false,
                    }
                }
                if !ok {
                    continue;
                }
                if let Some((value, after)) = literal(rest) {
                    let after = after.trim_start();
                    if after.starts_with(')') || after.starts_with(',') || after.starts_with(".into()") {
                        found.push(value);
                    }
                }
            }
        }
        found
    }

    /// The sources of the server, but their test modules.
    fn sources() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    out.push(text.split("#[cfg(test)]").next().unwrap_or("").to_owned());
                }
            }
        }
        let mut out = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
        out
    }

    #[test]
    fn every_kind_action_and_literal_message_of_the_sources_has_its_chinese() {
        let sources = sources();
        let mut missing = Vec::new();
        let mut check = |table: &[(&str, &str)], what: &str, values: Vec<String>| {
            assert!(!values.is_empty(), "no {what} found: the scan is broken");
            for v in values {
                if !table.iter().any(|(en, _)| *en == v) && chinese(&v).is_none() {
                    missing.push(format!("{what}: {v:?}"));
                }
            }
        };
        check(
            zh::KINDS,
            "kind",
            [literals_after(&sources, "NotFound(", 0), literals_after(&sources, "kind: ", 0)].concat(),
        );
        check(zh::ACTIONS, "action", literals_after(&sources, "action: ", 0));
        check(
            zh::MESSAGES,
            "message",
            [
                literals_after(&sources, "bad_input(", 1),
                literals_after(&sources, "conflict(", 0),
                literals_after(&sources, "conflict_on(", 1),
                literals_after(&sources, "missing: ", 0),
                literals_after(&sources, "Unauthenticated(", 0),
            ]
            .concat(),
        );
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "no Chinese for:\n{}", missing.join("\n"));
    }

    #[test]
    fn every_table_is_sorted_and_has_each_key_once() {
        for table in [zh::KINDS, zh::ACTIONS, zh::MESSAGES] {
            for pair in table.windows(2) {
                assert!(pair[0].0 < pair[1].0, "{:?} then {:?}", pair[0].0, pair[1].0);
            }
        }
    }
}
