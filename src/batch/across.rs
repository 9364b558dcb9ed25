//! The checks across years of a batch: pair its reports, add the cross-year findings
//! to each draft, and gather the year-over-year trends per agency. They work on the
//! batch's reports, so they sit here, above `years` (which knows one pair at a time)
//! and `render` (which owns [`FileReport`]).

use crate::diagnostic::Diagnostic;
use crate::render::FileReport;
use crate::rules::{Finding, RuleSet};
use crate::years::pairing::{self, Link};
use crate::years::trend::{jump, AgencyTrend, Figures, YearRow, COLUMNS};
use crate::years::{cross_check, name_of, unpaired};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Pair the reports of a batch (sorted by path) and add the cross-year findings to
/// each draft. `names[i]` is the agency configured for report `i`, if any; `rules(i)`
/// the rule set it was checked with. Returns the links, for the supervisor outputs.
/// `parallel`: the pairs are checked on the current rayon pool (the batch's), else on
/// this thread (`--jobs 1` or a single draft: no pool is started for them).
pub fn check_batch<'r>(
    reports: &mut [FileReport],
    names: &[Option<String>],
    rules: &(dyn Fn(usize) -> &'r RuleSet + Sync),
    parallel: bool,
) -> Vec<Link> {
    let keys: Vec<pairing::Key> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let s = r.snapshot.as_deref()?;
            Some((s.year?, name_of(s, names.get(i)?.as_deref())?))
        })
        .collect();
    let links = pairing::pair(&keys);
    let check_link = |l: &Link| {
        let (i, diags) = match l {
            Link::Pair { current, previous } => {
                let cur = reports[*current].snapshot.as_deref()?;
                let prev = reports[*previous].snapshot.as_deref()?;
                (
                    *current,
                    cross_check(rules(*current), cur, prev, &reports[*previous].path, None),
                )
            }
            Link::Ambiguous {
                current,
                candidates,
            } => {
                let cur = reports[*current].snapshot.as_deref()?;
                let f = Finding::default()
                    .variant("ambiguous")
                    .var("count", candidates.len().to_string())
                    .var("candidates", candidate_list(candidates, reports))
                    .var(
                        "previous_year",
                        cur.year.map(|y| (y - 1).to_string()).unwrap_or_default(),
                    );
                (*current, unpaired(rules(*current), cur, f, None))
            }
        };
        (!diags.is_empty()).then_some((i, diags))
    };
    let found: Vec<(usize, Vec<Diagnostic>)> = if parallel {
        links.par_iter().filter_map(check_link).collect()
    } else {
        links.iter().filter_map(check_link).collect()
    };
    for (i, diags) in found {
        reports[i].add_findings(diags);
    }
    links
}

/// The candidates an ambiguous link names: the first [`SHOWN_CANDIDATES`] paths, then
/// “等” when there are more (the message gives the count). Every draft of a batch may have
/// every other as a candidate (many copies of one agency's report of one year), and a
/// full list in each message made the output grow with the square of the batch.
fn candidate_list(candidates: &[usize], reports: &[FileReport]) -> String {
    let shown: Vec<&str> = candidates
        .iter()
        .take(SHOWN_CANDIDATES)
        .map(|&j| reports[j].path.as_str())
        .collect();
    let mut list = shown.join("、");
    if candidates.len() > SHOWN_CANDIDATES {
        list.push_str(" 等");
    }
    list
}

/// How many candidate paths an ambiguous link's message names.
const SHOWN_CANDIDATES: usize = 5;

/// Trends of every agency with at least two consecutive years, by agency name.
/// `names[i]`: the agency configured for report `i` (`agencies:`), which names it first.
pub fn trends(
    reports: &[FileReport],
    links: &[Link],
    names: &[Option<String>],
) -> Vec<AgencyTrend> {
    // Union the pairs into chains.
    let mut parent: Vec<usize> = (0..reports.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for l in links {
        if let Link::Pair { current, previous } = l {
            let (a, b) = (root(&mut parent, *current), root(&mut parent, *previous));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut chains: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for l in links {
        if let Link::Pair { current, previous } = l {
            for i in [*current, *previous] {
                let r = root(&mut parent, i);
                let c = chains.entry(r).or_default();
                if !c.contains(&i) {
                    c.push(i);
                }
            }
        }
    }
    let mut out: Vec<AgencyTrend> = chains
        .into_values()
        .filter_map(|members| {
            let mut rows: Vec<(i32, usize)> = members
                .iter()
                .filter_map(|&i| Some((reports[i].snapshot.as_ref()?.year?, i)))
                .collect();
            rows.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(reports[a.1].path.cmp(&reports[b.1].path))
            });
            let latest = rows.last()?.1;
            let agency = names
                .get(latest)
                .cloned()
                .flatten()
                .or_else(|| reports[latest].report.agency.clone())
                .unwrap_or_else(|| reports[latest].path.clone());
            let mut years: Vec<YearRow> = Vec::new();
            for (year, i) in rows {
                let figures = reports[i]
                    .snapshot
                    .as_deref()
                    .map(Figures::of)
                    .unwrap_or_default();
                let jumps = match years.last() {
                    Some(prev) if prev.year + 1 == year => COLUMNS
                        .iter()
                        .map(|(k, _)| *k)
                        .filter(|k| jump(k, prev.figures.get(k), figures.get(k)))
                        .collect(),
                    _ => Vec::new(),
                };
                years.push(YearRow {
                    year,
                    path: reports[i].path.clone(),
                    figures,
                    jumps,
                });
            }
            Some(AgencyTrend {
                agency,
                rows: years,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.agency
            .cmp(&b.agency)
            .then(a.rows[0].path.cmp(&b.rows[0].path))
    });
    out
}
