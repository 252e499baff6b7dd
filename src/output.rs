//! Output formatting: the `--output` formats and sanitising text that came from elsewhere before
//! it reaches a terminal.

use std::fmt::Write as _;
use std::io::Write;
use std::sync::OnceLock;

use clap::ValueEnum;
use serde_json::Value;

/// `--output`: how results are printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// JSON, the same shapes as `az` (e.g. {"existence": true}).
    #[default]
    Json,
    /// An aligned table with a header row.
    Table,
    /// Tab-separated values, no header: for `cut`, `read` and friends.
    Tsv,
    /// Nothing: the exit code is the answer.
    None,
}

/// Escapes control characters (C0, C1, DEL), bidi overrides and zero-width characters, so text
/// from a server or another client cannot move the cursor, recolour the terminal or hide itself.
/// Newlines and tabs are kept.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if c.is_control() || is_hidden_format(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Zero-width and bidi-control characters: invisible, yet they hide or reorder text on screen.
pub fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
    )
}

/// Replaces every JWT in `text` (three base64url parts, the first one starting `eyJ`, which is
/// `{"` encoded) with `<JWT redacted>`: `--debug` shows bodies, and a token is a credential.
pub fn redact_jwts(text: &str) -> String {
    let is_b64 = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = text[i..].find("eyJ") {
        let start = i + found;
        // The run of base64url characters and dots from `start`, and how many dots it has.
        let mut end = start;
        let mut dots = 0;
        while end < bytes.len() && (is_b64(bytes[end]) || (bytes[end] == b'.' && dots < 2)) {
            dots += usize::from(bytes[end] == b'.');
            end += 1;
        }
        let starts_word = start == 0 || !is_b64(bytes[start - 1]);
        if dots == 2 && starts_word {
            out.push_str(&text[copied..start]);
            out.push_str("<JWT redacted>");
            copied = end;
        }
        i = end.max(start + 3);
    }
    out.push_str(&text[copied..]);
    out
}

/// Like [`sanitize`] but for one line: newlines are escaped too.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', "\\n")
}

/// `--query`: a JMESPath expression every JSON result goes through before it is printed, as
/// az does. Set once at startup, like the colour decision.
static QUERY: OnceLock<jmespath::Expression<'static>> = OnceLock::new();

/// Checks and keeps `--query`; the error says what is wrong with the expression.
pub fn set_query(expression: &str) -> Result<(), String> {
    let compiled = jmespath::compile(expression).map_err(|e| {
        format!(
            "invalid --query {}: {}",
            sanitize_line(&format!("{expression:?}")),
            sanitize_line(&e.to_string()).replace("\\n", " ")
        )
    })?;
    let _ = QUERY.set(compiled);
    Ok(())
}

/// `value` through `--query`, or `None` when there is no query.
fn queried(value: &Value) -> Option<Value> {
    let expr = QUERY.get()?;
    let result = expr
        .search(value)
        .ok()
        .and_then(|v| serde_json::to_value(&*v).ok())
        .unwrap_or(Value::Null);
    Some(result)
}

/// A query's result in a format: JSON as it is; table and tsv as rows of its objects (columns
/// from the first one), or one value per line.
fn print_queried(out: &mut impl Write, format: Format, value: &Value) -> std::io::Result<()> {
    let rows: Vec<Value> = match value {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    };
    match format {
        Format::None => Ok(()),
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(value).unwrap_or_default()
        ),
        _ if rows.iter().all(Value::is_object) && !rows.is_empty() => {
            let keys: Vec<String> = rows[0]
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            let columns: Vec<&str> = keys.iter().map(String::as_str).collect();
            print_rows_as_is(out, format, &columns, &rows)
        }
        Format::Table => {
            let rows: Vec<Value> = rows
                .into_iter()
                .map(|v| serde_json::json!({"result": v}))
                .collect();
            print_rows_as_is(out, format, &["result"], &rows)
        }
        Format::Tsv => {
            for row in &rows {
                writeln!(out, "{}", cell(&serde_json::json!({"v": row}), "v"))?;
            }
            Ok(())
        }
    }
}

/// Prints rows (objects with the same keys) in the chosen format, through `--query` if given.
pub fn print_rows(
    out: &mut impl Write,
    format: Format,
    columns: &[&str],
    rows: &[Value],
) -> std::io::Result<()> {
    match queried(&Value::Array(rows.to_vec())) {
        Some(result) => print_queried(out, format, &result),
        None => print_rows_as_is(out, format, columns, rows),
    }
}

fn print_rows_as_is(
    out: &mut impl Write,
    format: Format,
    columns: &[&str],
    rows: &[Value],
) -> std::io::Result<()> {
    match format {
        Format::None => Ok(()),
        Format::Json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&Value::Array(rows.to_vec())).unwrap_or_default()
            )
        }
        Format::Tsv => {
            for row in rows {
                let cells: Vec<String> = columns.iter().map(|c| cell(row, c)).collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
            Ok(())
        }
        Format::Table => {
            let mut widths: Vec<usize> = columns.iter().map(|c| title(c).chars().count()).collect();
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|row| columns.iter().map(|c| cell(row, c)).collect())
                .collect();
            for row in &table {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |cells: Vec<String>| {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(columns.iter().map(|c| title(c)).collect()))?;
            writeln!(
                out,
                "{}",
                line(widths.iter().map(|w| "-".repeat(*w)).collect())
            )?;
            for row in table {
                writeln!(out, "{}", line(row))?;
            }
            Ok(())
        }
    }
}

/// Prints one object in the chosen format, through `--query` if given.
pub fn print_object(
    out: &mut impl Write,
    format: Format,
    columns: &[&str],
    value: &Value,
) -> std::io::Result<()> {
    if let Some(result) = queried(value) {
        return print_queried(out, format, &result);
    }
    match format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(value).unwrap_or_default()
        ),
        _ => print_rows_as_is(out, format, columns, std::slice::from_ref(value)),
    }
}

/// `connectionId` → `ConnectionId`, as az's table output titles columns.
fn title(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn cell(row: &Value, key: &str) -> String {
    match row.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => sanitize_line(s),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
        Some(v) => sanitize_line(&v.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwts_are_redacted_wherever_they_are() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln-_";
        assert_eq!(
            redact_jwts(&format!("{{\"token\":\"{jwt}\"}}")),
            "{\"token\":\"<JWT redacted>\"}"
        );
        assert_eq!(
            redact_jwts(&format!("ws://h/client?access_token={jwt}&x=1")),
            "ws://h/client?access_token=<JWT redacted>&x=1"
        );
        assert_eq!(
            redact_jwts("eyJ only. not a token"),
            "eyJ only. not a token"
        );
        assert_eq!(redact_jwts("héllo eyJ"), "héllo eyJ");
        assert_eq!(
            redact_jwts(&format!("{jwt} {jwt}")),
            "<JWT redacted> <JWT redacted>"
        );
    }
    use serde_json::json;

    #[test]
    fn sanitize_escapes_terminal_controls() {
        assert_eq!(sanitize("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            sanitize("\x1b]52;c;ZXZpbA==\x07"),
            "\\u{1b}]52;c;ZXZpbA==\\u{7}"
        );
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(sanitize("line1\nline2\ttab"), "line1\nline2\ttab");
        assert_eq!(sanitize_line("a\nb"), "a\\nb");
    }

    #[test]
    fn table_and_tsv() {
        let rows = vec![
            json!({"connectionId": "c1", "userId": "alice"}),
            json!({"connectionId": "connection2", "userId": null}),
        ];
        let mut out = Vec::new();
        print_rows(&mut out, Format::Table, &["connectionId", "userId"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "ConnectionId  UserId\n------------  ------\nc1            alice\nconnection2\n"
        );
        let mut out = Vec::new();
        print_rows(&mut out, Format::Tsv, &["connectionId", "userId"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "c1\talice\nconnection2\t\n"
        );
        let mut out = Vec::new();
        print_object(
            &mut out,
            Format::Table,
            &["existence"],
            &json!({"existence": true}),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Existence\n---------\nTrue\n"
        );
    }
}
