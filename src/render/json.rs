//! `--format json`: the contract of DESIGN.md, described by schemas/diagnostics.schema.json.

use super::{FileReport, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: &'a [FileReport],
    summary: Summary,
}

pub fn render(files: &[FileReport]) -> String {
    let out = Output {
        version: 1,
        files,
        summary: Summary::of(files),
    };
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
