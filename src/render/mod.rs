//! Render stage: the only place that knows output formats.

pub mod human;
pub mod json;

use crate::diagnostic::Diagnostic;
use serde::Serialize;

/// The result of checking one input.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub profile: Option<String>,
    pub report: ReportMeta,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be checked.
    pub error: Option<String>,
    #[serde(skip)]
    pub text: Option<std::sync::Arc<str>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportMeta {
    pub year: Option<i32>,
    pub agency: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Summary {
        use crate::rules::spec::Severity::*;
        let mut s = Summary {
            files: files.len(),
            ..Default::default()
        };
        for f in files {
            for d in &f.diagnostics {
                match d.severity {
                    Error => s.errors += 1,
                    Warning => s.warnings += 1,
                    Info => s.infos += 1,
                }
            }
        }
        s
    }
}
