//! `--format json`: the contract of DESIGN.md, described by schemas/diagnostics.schema.json.

use super::{FileReport, Summary};
use serde::Serialize;
use std::io::Write as _;

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

/// The same output written straight into `w`, never held as one string (a batch of
/// thousands of files renders to megabytes).
pub fn write(files: &[FileReport], w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let out = Output {
        version: 1,
        files,
        summary: Summary::of(files),
    };
    // A concrete buffer over the writer: serde writes many small pieces, and each one
    // through `dyn Write` was a dynamic call into the caller's buffer.
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, &mut *w);
    serde_json::to_writer_pretty(&mut buf, &out)?;
    buf.write_all(b"\n")?;
    buf.flush()
}
