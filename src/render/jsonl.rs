//! `--format json-lines`: one JSON object per finding (and per file that could
//! not be read), for streaming into log pipelines and `jq`.

use super::FileReport;
use crate::diagnostic::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    profile: Option<&'a str>,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

#[derive(Serialize)]
struct Failure<'a> {
    path: &'a str,
    error: &'a str,
}

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for f in files {
        if let Some(e) = &f.error {
            push(
                &mut out,
                &Failure {
                    path: &f.path,
                    error: e,
                },
            );
        }
        for d in &f.diagnostics {
            push(
                &mut out,
                &Line {
                    path: &f.path,
                    profile: f.profile.as_deref(),
                    diagnostic: d,
                },
            );
        }
    }
    out
}

fn push<T: Serialize>(out: &mut String, v: &T) {
    if let Ok(s) = serde_json::to_string(v) {
        out.push_str(&s);
        out.push('\n');
    }
}
