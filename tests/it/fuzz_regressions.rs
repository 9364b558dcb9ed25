//! Inputs that once crashed gongkai (found by the fuzz targets in `fuzz/`, or by hand),
//! replayed through the same entry points the fuzz targets call. A directory per target
//! under `tests/fixtures/fuzz-regressions/`; add the crashing input there when fixing one.

use crate::support::fixture;
use gongkai::entry;

/// What `check_text` reports when it caught a panic.
const INTERNAL: &str = "内部错误";

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = fixture(&format!("fuzz-regressions/{target}"));
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter(|e| e.file_name() != ".gitkeep")
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn replay_reader(target: &str, ext: &str) {
    for (name, bytes) in inputs(target) {
        if let Ok(report) = entry::check_bytes(&format!("fuzz.{ext}"), &bytes) {
            let err = report.error.unwrap_or_default();
            assert!(!err.contains(INTERNAL), "{target}/{name}: {err}");
        }
    }
}

#[test]
fn text() {
    assert!(!inputs("text").is_empty());
    replay_reader("text", "txt");
}

#[test]
fn docx() {
    replay_reader("docx", "docx");
}

#[test]
fn html() {
    replay_reader("html", "html");
}

#[test]
fn pdf() {
    replay_reader("pdf", "pdf");
}

#[test]
fn table() {
    for (_, bytes) in inputs("table") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            entry::recover_tables(text);
        }
    }
}

#[test]
fn rules() {
    for (_, bytes) in inputs("rules") {
        entry::load_rule_file(&bytes);
    }
}
