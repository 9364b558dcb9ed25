//! Facts stage: typed values with spans (normalized offsets), read once per document.
//! Rules read facts; they do not re-parse numbers, dates or contact items.

pub mod breakdown;
pub mod contact;
pub mod date;
pub mod lex;
pub mod linked;
pub mod number;
mod opening;
pub mod report;
pub mod scan;
pub mod sums;

pub use breakdown::CONJUNCTIONS;
pub use contact::{ContactItem, ContactKind};
pub use date::{DateFact, Period, Ymd};
pub use number::{Dec, NumberFact};
pub use report::AgencyLevel;
pub use sums::{Introducer, SumStatement};

/// Where the report year was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    Opening,
    Period,
    Override,
}

#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub numbers: Vec<NumberFact>,
    pub dates: Vec<DateFact>,
    pub periods: Vec<Period>,
    /// Periods written without the 年 after their years (`20201月1日至202012月31日`).
    pub malformed_periods: Vec<(usize, usize)>,
    pub contacts: Vec<ContactItem>,
    pub sums: Vec<SumStatement>,
    pub year: Option<(i32, YearSource)>,
    pub agency: Option<String>,
    pub level: Option<AgencyLevel>,
    /// 落款日期: the date on the closing line.
    pub signed: Option<DateFact>,
    /// A publication date from page metadata around the report (发布时间:…).
    pub published_meta: Option<DateFact>,
}

/// The normalized texts of every .txt and .html fixture (for tests that compare a reader
/// with the pattern it replaces).
#[cfg(test)]
pub(crate) fn test_texts() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "html") {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push(crate::normalize::Normalized::new(&t).text);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut out,
    );
    assert!(out.len() > 100, "fixture texts: {}", out.len());
    out
}

/// The normalized texts of the .txt and .html fixtures outside the held-out sets.
#[cfg(test)]
pub(crate) fn test_texts_without_heldout() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out: Vec<String> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| {
            let p = e.path();
            e.file_type().is_file()
                && !p.to_string_lossy().contains("heldout")
                && p.extension().is_some_and(|x| x == "txt" || x == "html")
        })
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| crate::normalize::Normalized::new(&t).text)
        .collect();
    assert!(out.len() > 100, "fixture texts: {}", out.len());
    out
}

/// Every line of every .txt and .html fixture, normalized and trimmed.
#[cfg(test)]
pub(crate) fn test_lines() -> Vec<String> {
    test_texts()
        .iter()
        .flat_map(|t| t.lines().map(|l| l.trim().to_string()).collect::<Vec<_>>())
        .collect()
}

/// Compile the patterns of the facts every draft reads now: called by the thread that
/// compiles ahead while the rule packs load, before any draft is read.
pub fn warm() {
    linked::warm();
    contact::warm();
    date::warm();
}
