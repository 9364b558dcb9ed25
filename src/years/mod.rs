//! Across years: what one report cannot show. Every checked draft leaves a
//! [`Snapshot`]; a batch pairs each report with last year's report of the same
//! agency ([`pairing`]) and runs the cross-year rule kinds (`previous-cells`,
//! `previous-text`, `previous-report`) on every pair. `--previous` pairs one draft
//! explicitly. The findings join the draft's own before anything is rendered, so
//! waivers, severities and every output format treat them like any other.
//!
//! The batch-wide pass over the checked reports (`FileReport`s) lives above `render`,
//! in `batch::across`; this module knows one pair at a time.
//!
//! Nothing here reads files or prints; the order of the output follows the order
//! of the reports (sorted paths), never the order the threads finished in.

pub mod agency;
pub mod pairing;
pub mod previous;
pub mod similarity;
pub mod snapshot;
pub mod trend;

use crate::diagnostic::Diagnostic;
use crate::rules::spec::Check;
use crate::rules::{diagnose_at, Finding, RuleSet};
use agency::Name;
use previous::Pair;
pub use snapshot::Snapshot;

/// The cross-year findings for a draft paired with last year's report.
pub fn cross_check(
    rules: &RuleSet,
    current: &Snapshot,
    previous: &Snapshot,
    previous_path: &str,
    only: Option<&str>,
) -> Vec<Diagnostic> {
    let pair = Pair {
        current,
        previous,
        previous_path,
    };
    let mut out = Vec::new();
    for r in rules
        .rules_for(&current.profile)
        .filter(|r| only.is_none_or(|id| r.spec.id == id))
    {
        let found = match &r.spec.check {
            Check::PreviousCells(p) => previous::cells(p, &pair),
            Check::PreviousText(p) => previous::text(p, &pair),
            _ => continue,
        };
        out.extend(found.into_iter().map(|(f, at)| diagnose_at(r, &f, at)));
    }
    out
}

/// The `previous-report` findings: a pairing that could not be made.
pub fn unpaired(
    rules: &RuleSet,
    current: &Snapshot,
    finding: Finding,
    only: Option<&str>,
) -> Vec<Diagnostic> {
    rules
        .rules_for(&current.profile)
        .filter(|r| matches!(r.spec.check, Check::PreviousReport(_)))
        .filter(|r| only.is_none_or(|id| r.spec.id == id))
        .map(|r| diagnose_at(r, &finding, current.head.clone()))
        .collect()
}

/// The agency a report is filed under: a configured name, else the name it gives.
pub fn name_of(snapshot: &Snapshot, configured: Option<&str>) -> Option<Name> {
    configured
        .or(snapshot.agency.as_deref())
        .and_then(Name::parse)
}

/// Can a report named as last year's be compared with a draft? `Err` says why not:
/// another year, or another agency (when both names are known).
pub fn explicit_pairing(
    current: &Snapshot,
    current_name: Option<&Name>,
    previous: &Snapshot,
    previous_name: Option<&Name>,
) -> Result<(), String> {
    match (current.year, previous.year) {
        (Some(a), Some(b)) if b + 1 != a => {
            return Err(format!(
                "它是 {b} 年度的报告，本报告是 {a} 年度的，上年报告应为 {} 年度",
                a - 1
            ))
        }
        (None, _) => return Err("看不出本报告的年度".to_string()),
        (_, None) => return Err("看不出它的年度".to_string()),
        _ => {}
    }
    match (current_name, previous_name) {
        (Some(a), Some(b)) if !a.compatible(b) => Err(format!(
            "它是「{}」的报告，本报告是「{}」的",
            b.display(),
            a.display()
        )),
        _ => Ok(()),
    }
}

/// A draft checked against a report the user named as last year's (`--previous`).
/// The pairing rules still hold: another agency or another year is reported, and
/// nothing is compared.
pub fn check_explicit(
    rules: &RuleSet,
    current: &Snapshot,
    current_name: Option<&Name>,
    previous: &Snapshot,
    previous_name: Option<&Name>,
    previous_path: &str,
    only: Option<&str>,
) -> Vec<Diagnostic> {
    match explicit_pairing(current, current_name, previous, previous_name) {
        Err(why) => not_compared(rules, current, previous_path, why, only),
        Ok(()) => cross_check(rules, current, previous, previous_path, only),
    }
}

/// The `previous-report` finding for a report named as last year's that is not compared.
pub fn not_compared(
    rules: &RuleSet,
    current: &Snapshot,
    previous_path: &str,
    why: String,
    only: Option<&str>,
) -> Vec<Diagnostic> {
    let f = Finding::default()
        .var("previous", previous_path.to_string())
        .var("why", why);
    unpaired(rules, current, f, only)
}
