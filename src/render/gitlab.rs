//! `--format gitlab`: GitLab Code Quality JSON (a Code Climate subset) for
//! `artifacts:reports:codequality`. GitLab collapses identical fingerprints, so
//! each finding gets its own (see [`super::fingerprints`]).

use super::{fingerprints, slash_path, stable_hash, FileReport, LOAD_ERROR};
use crate::diagnostic::Severity;
use serde::Serialize;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(files: &[FileReport]) -> String {
    let mut issues = Vec::new();
    for f in files {
        let path = slash_path(&f.path);
        if let Some(e) = &f.error {
            issues.push(Issue {
                description: format!("无法检查：{e}"),
                check_name: LOAD_ERROR.into(),
                fingerprint: stable_hash(&[&path, LOAD_ERROR]),
                severity: "blocker",
                location: Location {
                    path: path.clone(),
                    lines: Lines { begin: 1 },
                },
            });
        }
        for ((d, sup), fp) in f.all_findings().into_iter().zip(fingerprints(f)) {
            if sup.is_some() {
                continue;
            }
            issues.push(Issue {
                description: d.message.clone(),
                check_name: d.rule.clone(),
                fingerprint: fp,
                severity: severity(d.severity),
                location: Location {
                    path: path.clone(),
                    lines: Lines { begin: d.line },
                },
            });
        }
    }
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
