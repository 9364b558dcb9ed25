//! Waivers: accepted findings. A waived finding is not dropped: it is reported as
//! suppressed with its reason, and a waiver that matched nothing is itself a
//! finding (`unused-waiver`), so waivers cannot silently outlive their purpose.

use super::{Loaded, Waiver, MATCH};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{Category, Severity};
use crate::render::{FileReport, Suppressed, WaiverRef, UNUSED_WAIVER};
use crate::rules::load::Problem;
use std::path::Path;

/// A waiver ready to match.
#[derive(Debug)]
pub(crate) struct Compiled {
    waiver: Waiver,
    pattern: glob::Pattern,
    /// Where the waiver is written in the configuration file.
    at: Problem,
}

impl Compiled {
    pub(crate) fn new(waiver: &Waiver, pattern: glob::Pattern, at: Problem) -> Self {
        Compiled {
            waiver: waiver.clone(),
            pattern,
            at,
        }
    }

    fn matches(&self, rel: &str, d: &Diagnostic) -> bool {
        let w = &self.waiver;
        w.rule == d.rule
            && self.pattern.matches_with(rel, MATCH)
            && w.line.is_none_or(|l| l == d.line)
            && w.location.as_deref().is_none_or(|loc| {
                d.location.as_deref().is_some_and(|x| x.contains(loc))
                    || d.section.as_deref().is_some_and(|x| x.contains(loc))
            })
    }
}

impl Loaded {
    /// Move the waived findings of a report to `suppressed`; returns the indices of the waivers used.
    pub fn apply_waivers(&self, file: &Path, report: &mut FileReport) -> Vec<usize> {
        let mut used = Vec::new();
        if self.waivers.is_empty() {
            return used;
        }
        let rel = self
            .relative(file)
            .unwrap_or_else(|| crate::render::slash_path(&report.path));
        let mut kept = Vec::new();
        for d in std::mem::take(&mut report.diagnostics) {
            match self.waivers.iter().position(|w| w.matches(&rel, &d)) {
                Some(i) => {
                    let w = &self.waivers[i];
                    if !used.contains(&i) {
                        used.push(i);
                    }
                    report.suppressed.push(Suppressed {
                        diagnostic: d,
                        reason: w.waiver.reason.trim().to_string(),
                        waiver: WaiverRef {
                            config: self.display.clone(),
                            line: w.at.line,
                            approver: w.waiver.approver.clone(),
                        },
                    });
                }
                None => kept.push(d),
            }
        }
        report.diagnostics = kept;
        used
    }

    /// Does a waiver name files that exist, though none of them was checked in this run?
    fn names_unchecked_files(&self, w: &Compiled) -> bool {
        let pattern = self.dir.join(&w.waiver.file);
        let Some(pattern) = pattern.to_str() else {
            return false;
        };
        glob::glob_with(pattern, MATCH)
            .map(|mut paths| paths.any(|p| p.is_ok_and(|p| p.is_file())))
            .unwrap_or(false)
    }

    /// The `unused-waiver` findings: waivers that matched no finding although the
    /// files they name were checked (or no such file exists at all). A waiver for
    /// files that exist but were not part of this run is left alone.
    pub fn unused_waivers(&self, used: &[usize], checked: &[String]) -> Option<FileReport> {
        if self.disabled(UNUSED_WAIVER) {
            return None;
        }
        let severity = self.severity_of(UNUSED_WAIVER).unwrap_or(Severity::Warning);
        let mut diagnostics = Vec::new();
        for (i, w) in self.waivers.iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            let targeted = checked.iter().any(|rel| w.pattern.matches_with(rel, MATCH));
            if !targeted && self.names_unchecked_files(w) {
                continue;
            }
            let ww = &w.waiver;
            let mut what = format!("规则 {}，文件 {}", ww.rule, ww.file);
            if let Some(l) = ww.line {
                what.push_str(&format!("，第{l}行"));
            }
            if let Some(l) = &ww.location {
                what.push_str(&format!("，位置「{l}」"));
            }
            let message = if targeted {
                format!("豁免没有匹配任何问题：{what}")
            } else {
                format!("豁免没有匹配任何文件：{what}")
            };
            diagnostics.push(Diagnostic {
                rule: UNUSED_WAIVER.into(),
                category: Category::Format,
                severity,
                message,
                help: "问题已修正时删除这条豁免；否则修正它的 rule、file、line 或 location".into(),
                offset: w.at.offset,
                length: w.at.len,
                line: w.at.line,
                column: w.at.column,
                section: Some("waivers".into()),
                location: None,
                expected: None,
                actual: None,
            });
        }
        if diagnostics.is_empty() {
            return None;
        }
        Some(FileReport {
            path: self.display.clone(),
            diagnostics,
            text: Some(std::sync::Arc::from(self.text.as_str())),
            is_config: true,
            ..Default::default()
        })
    }
}
