//! `gongkai dump` and the checks across years: how a folder's reports pair, and
//! whether one draft pairs with a report named as last year's. JSON values only;
//! the command prints them.

use super::{check_text, CheckOptions};
use crate::config::Loaded;
use crate::render::FileReport;
use crate::rules::RuleSet;
use crate::source::{self, Source};
use crate::years;
use crate::years::agency::Name;
use crate::years::pairing::{self, Link};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn check(src: Source, rs: &RuleSet) -> FileReport {
    check_text(src, rs, &CheckOptions::default())
}

fn name_json(n: Option<&Name>) -> Value {
    match n {
        Some(n) => json!({"key": n.key, "places": n.prefixes}),
        None => Value::Null,
    }
}

/// The supported files under `dir`, sorted, hidden entries skipped.
fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && source::supported_extension(e.path()))
        .map(|e| e.into_path())
        .collect()
}

/// Every report of a folder with its year and agency, the pairs, and the ambiguities.
pub fn pairs(dir: &Path, rs: &RuleSet, config: Option<&Loaded>) -> Result<Value, String> {
    let paths = files(dir);
    if paths.is_empty() {
        return Err(format!("目录中没有可检查的文件：{}", dir.display()));
    }
    let reports: Vec<FileReport> = paths
        .par_iter()
        .map(|p| match source::load_path(p, source::DEFAULT_MAX_BYTES) {
            Ok(mut s) => {
                s.path = p.display().to_string();
                check(s, rs)
            }
            Err(e) => FileReport::failed(p.display().to_string(), e.to_string()),
        })
        .collect();
    let configured: Vec<Option<String>> = reports
        .iter()
        .zip(&paths)
        .map(|(r, p)| {
            let read = r.snapshot.as_ref()?.agency.clone();
            config?.agency_for(p, read.as_deref())
        })
        .collect();
    let keys: Vec<pairing::Key> = reports
        .iter()
        .zip(&configured)
        .map(|(r, c)| {
            let s = r.snapshot.as_deref()?;
            Some((s.year?, years::name_of(s, c.as_deref())?))
        })
        .collect();
    let links = pairing::pair(&keys);
    let listed: Vec<Value> = reports
        .iter()
        .zip(&configured)
        .zip(&keys)
        .map(|((r, c), k)| {
            let s = r.snapshot.as_deref();
            json!({
                "path": r.path,
                "year": s.and_then(|s| s.year),
                "agency": s.and_then(|s| s.agency.clone()),
                "configured": c,
                "agency_key": name_json(k.as_ref().map(|k| &k.1)),
                "error": r.error,
            })
        })
        .collect();
    let mut paired = Vec::new();
    let mut ambiguous = Vec::new();
    for l in &links {
        match l {
            Link::Pair { current, previous } => paired.push(json!({
                "current": reports[*current].path,
                "previous": reports[*previous].path,
            })),
            Link::Ambiguous {
                current,
                candidates,
            } => ambiguous.push(json!({
                "current": reports[*current].path,
                "candidates": candidates.iter().map(|&j| reports[j].path.clone()).collect::<Vec<_>>(),
            })),
        }
    }
    Ok(json!({"reports": listed, "pairs": paired, "ambiguous": ambiguous}))
}

/// Whether a draft pairs with a report named as last year's, and what the checks
/// across years find.
pub fn with_previous(
    draft: Option<Source>,
    previous: &Path,
    rs: &RuleSet,
) -> Result<Value, String> {
    let Some(draft) = draft else {
        return Ok(Value::Null);
    };
    let mut prev = source::load_path(previous, source::DEFAULT_MAX_BYTES)
        .map_err(|e| format!("无法读取上年报告 {}：{e}", previous.display()))?;
    let shown = previous.display().to_string();
    prev.path = shown.clone();
    let cur = check(draft, rs);
    let before = check(prev, rs);
    let found = super::explicit(rs, &cur, &before, &shown, None);
    let s = before.snapshot.as_deref();
    let why = match (cur.snapshot.as_deref(), s) {
        (Some(a), Some(b)) => years::explicit_pairing(
            a,
            years::name_of(a, None).as_ref(),
            b,
            years::name_of(b, None).as_ref(),
        )
        .err(),
        _ => Some("不是年度报告".to_string()),
    };
    Ok(json!({
        "path": shown,
        "year": s.and_then(|s| s.year),
        "agency": s.and_then(|s| s.agency.clone()),
        "agency_key": name_json(s.and_then(|s| years::name_of(s, None)).as_ref()),
        "paired": why.is_none(),
        "why": why,
        "findings": found.iter().map(|d| json!({"rule": d.rule, "severity": d.severity, "message": d.message})).collect::<Vec<_>>(),
    }))
}
