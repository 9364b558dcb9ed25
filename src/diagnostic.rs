//! A finding in a draft, in source coordinates, ready for any renderer.

use crate::rules::spec::{Category, Severity};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// Byte offset and length in the decoded source text.
    pub offset: usize,
    pub length: usize,
    pub line: usize,
    pub column: usize,
    /// The report part the finding is in (heading text), if any.
    pub section: Option<String>,
    /// The human place in the original file (段落/表格单元格/页).
    pub location: Option<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
}

impl Diagnostic {
    pub fn sort_key(&self) -> (usize, &str, usize) {
        (self.offset, self.rule.as_str(), self.length)
    }
}
