//! The subcommands: check, explain, rules list/test, dump.

mod dump;

use crate::document::Document;
use crate::render::{FileReport, ReportMeta};
use crate::rules::{self, RuleSet, Settings};
use crate::source::{self, Source};
use crate::years::{self, Snapshot};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Options for checking one text (used by `check` and by rule self-tests).
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub profile: Option<String>,
    pub settings: Settings,
    pub only_rule: Option<String>,
}

#[allow(clippy::print_stdout)]
pub(crate) fn out(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
}

/// Standard output as a buffered writer, for renderers that stream.
pub(crate) fn with_stdout(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    let mut o = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let _ = f(&mut o);
    let _ = o.flush();
}

#[allow(clippy::print_stderr)]
pub(crate) fn err(s: &str) {
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(s.as_bytes());
}

pub(crate) fn report_error(e: &dyn miette::Diagnostic) {
    let handler = miette::GraphicalReportHandler::new_themed(if std::io::stderr().is_terminal() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    })
    .with_links(false);
    let mut s = String::new();
    let _ = handler.render_report(&mut s, e);
    err(&s);
}

/// Built-in packs plus `--rules` directories. Prints the problem and returns None on error.
pub(crate) fn load_rules(dirs: &[PathBuf]) -> Option<RuleSet> {
    load_rules_from(RuleSet::builtin(), dirs)
}

/// [`load_rules`] for checking drafts: the built-in rules' examples are not read.
pub(crate) fn load_rules_to_check(dirs: &[PathBuf]) -> Option<RuleSet> {
    load_rules_from(RuleSet::builtin_to_check(), dirs)
}

fn load_rules_from(
    builtin: Result<RuleSet, Box<crate::rules::load::RuleFileError>>,
    dirs: &[PathBuf],
) -> Option<RuleSet> {
    let mut rs = match builtin {
        Ok(rs) => rs,
        Err(e) => {
            report_error(e.as_ref());
            return None;
        }
    };
    for d in dirs {
        let files = match RuleSet::read_dir(d) {
            Ok(f) => f,
            Err(m) => {
                err(&format!("错误：{m}\n"));
                return None;
            }
        };
        if let Err(e) = rs.add_files(files) {
            report_error(e.as_ref());
            return None;
        }
    }
    Some(rs)
}

/// Check one decoded source with a rule set. A defect in gongkai itself (a panic)
/// is contained here: the file is reported as not checked and the run goes on.
pub fn check_text(source: Source, rs: &RuleSet, opts: &CheckOptions) -> FileReport {
    let path = source.path.clone();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_text_inner(source, rs, opts)
    })) {
        Ok(r) => r,
        Err(_) => FileReport::failed(
            path,
            "内部错误：检查此文件时程序出错（已跳过此文件，请向开发者报告）".into(),
        ),
    }
}

/// The report year (option first, else read from the draft) and the profile it selects
/// (option first, else by year, else the newest format).
pub(crate) fn year_and_profile(
    doc: &Document,
    rs: &RuleSet,
    opts: &CheckOptions,
) -> (Option<i32>, String) {
    let year = opts.settings.year.or(doc.facts.year.map(|y| y.0));
    let profile = opts
        .profile
        .clone()
        .or_else(|| {
            year.and_then(|y| rs.profile_for_year(y))
                .map(str::to_string)
        })
        .or_else(|| {
            // No year: the format the draft is written in, when its outline shows it.
            let p = year
                .is_none()
                .then(|| profile_by_structure(doc))
                .flatten()?;
            rs.packs
                .iter()
                .any(|k| k.spec.profile == p)
                .then(|| p.to_string())
        })
        .unwrap_or_else(|| "2021".to_string());
    (year, profile)
}

/// Words only a part of the pre-2019 format is titled with: its part on fees
/// (“政府信息公开的收费及减免情况”). The 2019 and 2021 formats have no such part.
const OLD_FEE_PART: [&str; 4] = ["收费及减免", "收费和减免", "支出和收费", "收费情况"];

/// The format of a draft that names no report year, read from its own structure: the
/// pre-2019 one when its first part is 一、概述, or when a top-level part, or the opening's
/// account of the parts (“全文包括……收费及减免的情况……”), is the old part on fees. Without a year nobody can
/// say the old format is out of date, so such a draft is checked as what it is rather
/// than against the 2021 format (which would report its old structure as a defect).
fn profile_by_structure(doc: &Document) -> Option<&'static str> {
    let old = |t: &str| OLD_FEE_PART.iter().any(|w| t.contains(w));
    let tops = || {
        doc.parts
            .iter()
            .map(|p| &doc.headings[p.heading])
            .filter(|h| h.level == 1)
    };
    // The old part on fees, or a first part titled 概述 (the 2019 and 2021 formats open
    // with 总体情况).
    let in_parts = tops().any(|h| old(&h.title))
        || tops()
            .next()
            .is_some_and(|h| h.number == 1 && h.title.trim() == "概述");
    let (os, oe) = doc.opening_span();
    let announced = doc.text()[os..oe]
        .split(['。', '\n'])
        .any(|s| old(s) && ["组成", "包括", "分为"].iter().any(|w| s.contains(w)));
    if in_parts || announced {
        return Some("pre-2019");
    }
    // The 2019 trial format's 表二, by two column headers the 2021 format does not have
    // (it has 本年制发件数 … and 本年处理决定数量): a draft without a year that fills that
    // table is checked against it, not told its table is out of date.
    let text = doc.text();
    (text.contains("对外公开总数量") && text.contains("上一年项目数量")).then_some("2019-trial")
}

fn check_text_inner(source: Source, rs: &RuleSet, opts: &CheckOptions) -> FileReport {
    let path = source.path.clone();
    let mut doc = Document::new(source);
    let (year, profile) = year_and_profile(&doc, rs, opts);
    rs.first_draft(&doc, &profile);
    let ctx = rules::Ctx::new(&doc, rs, &profile, &opts.settings);
    let diagnostics = rules::evaluate_ctx(&ctx, opts.only_rule.as_deref());
    // A file that is not an annual report is never paired with another year.
    let not_report = diagnostics.iter().any(|d| {
        rs.rules_for(&profile).any(|r| {
            r.spec.id == d.rule && matches!(r.spec.check, rules::spec::Check::DocumentType(_))
        })
    });
    let snapshot = (!not_report).then(|| Arc::new(Snapshot::take(&ctx, year)));
    drop(ctx);
    let ids = rs.rule_ids(&profile, opts.only_rule.as_deref());
    let agency = doc.facts.agency.clone();
    // The report keeps the text; copied once the document's own copies are freed, so
    // that a large draft is never held twice more while its rules run.
    let source_text = std::mem::take(&mut doc.source.text);
    drop(doc);
    let text: Arc<str> = Arc::from(source_text);
    FileReport {
        path,
        profile: Some(profile),
        report: ReportMeta { year, agency },
        diagnostics,
        text: Some(text),
        rules: ids,
        snapshot,
        ..Default::default()
    }
}

pub(crate) fn list(dirs: &[PathBuf]) -> i32 {
    let Some(rs) = load_rules(dirs) else { return 2 };
    let mut s = String::new();
    let mut rules: Vec<_> = rs.rules.iter().collect();
    rules.sort_by(|a, b| {
        (profile_rank(&a.profile), &a.spec.id).cmp(&(profile_rank(&b.profile), &b.spec.id))
    });
    for r in rules {
        s.push_str(&format!(
            "{:<12} {:<32} {:<4} {:<20} {}\n",
            r.profile,
            r.spec.id,
            r.spec.severity.zh(),
            r.spec.check.kind_name(),
            summary_line(&r.spec)
        ));
    }
    s.push_str(&format!("共 {} 条规则\n", rs.rules.len()));
    out(&s);
    0
}

/// One line about a rule for listings: the first sentence of its description.
fn summary_line(spec: &crate::rules::spec::RuleSpec) -> String {
    let text = spec.description.as_deref().unwrap_or(&spec.message);
    let first = text
        .split_inclusive(['。', '；'])
        .next()
        .unwrap_or(text)
        .trim_end_matches(['。', '；']);
    let short: String = first.chars().take(48).collect();
    if first.chars().count() > 48 {
        format!("{short}…")
    } else {
        short
    }
}

fn profile_rank(p: &str) -> usize {
    match p {
        "common" => 0,
        "pre-2019" => 1,
        "2019-trial" => 2,
        _ => 3,
    }
}

pub(crate) fn explain(id: &str, dirs: &[PathBuf]) -> i32 {
    let Some(rs) = load_rules(dirs) else { return 2 };
    match explain_text(&rs, id) {
        Some(s) => {
            out(&s);
            0
        }
        None => {
            err(&format!(
                "错误：没有 id 为「{id}」的规则；用 gongkai rules list 查看全部规则\n"
            ));
            2
        }
    }
}

/// The text of `gongkai explain ID`, or `None` when no rule has that id.
pub(crate) fn explain_text(rs: &RuleSet, id: &str) -> Option<String> {
    let found = rs.find(id);
    if found.is_empty() {
        return None;
    }
    let mut s = String::new();
    for r in found {
        let sp = &r.spec;
        s.push_str(&format!(
            "{}  （规则包 {}，{}，类别 {}）\n",
            sp.id,
            r.profile,
            sp.severity.zh(),
            sp.category.zh()
        ));
        s.push_str(&format!(
            "检查什么：{}\n",
            sp.description.as_deref().unwrap_or(&sp.message)
        ));
        s.push_str(&format!("提示信息：{}\n", sp.message));
        s.push_str(&format!("如何修改：{}\n", sp.help));
        s.push_str(&format!("依据：{}\n", sp.basis));
        for (title, example) in [
            ("会报告的示例", sp.examples.invalid.first()),
            ("不会报告的示例", sp.examples.valid.first()),
        ] {
            let Some(v) = example else { continue };
            s.push_str(&format!("{title}：\n"));
            if let Some(prev) = v.previous() {
                s.push_str("  上年报告：\n");
                for l in prev.lines() {
                    s.push_str(&format!("    {l}\n"));
                }
                s.push_str("  本年草稿：\n");
            }
            for l in v.draft().lines() {
                s.push_str(&format!("    {l}\n"));
            }
        }
        s.push('\n');
    }
    Some(s)
}

/// Run every rule's examples. Returns the failures as text (empty = all pass).
pub fn run_examples(rs: &RuleSet, only_origin_prefix: Option<&str>) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for r in &rs.rules {
        if only_origin_prefix.is_some_and(|p| !r.origin.starts_with(p)) {
            continue;
        }
        let profile = if r.profile == "common" {
            "2021".to_string()
        } else {
            r.profile.clone()
        };
        let opts = CheckOptions {
            profile: Some(profile),
            settings: Settings::default(),
            only_rule: Some(r.spec.id.clone()),
        };
        for (valid, examples) in [
            (true, &r.spec.examples.valid),
            (false, &r.spec.examples.invalid),
        ] {
            for (i, ex) in examples.iter().enumerate() {
                count += 1;
                let name = format!("{}#{}", r.spec.id, i);
                let src = Source::new(name.clone(), ex.draft().to_string(), "UTF-8");
                let mut rep = check_text(src, rs, &opts);
                if let Some(prev) = ex.previous() {
                    let path = format!("{name}-上年");
                    let src = Source::new(path.clone(), prev.to_string(), "UTF-8");
                    let prev_opts = CheckOptions {
                        profile: None,
                        ..opts.clone()
                    };
                    let before = check_text(src, rs, &prev_opts);
                    let found = explicit(rs, &rep, &before, &path, Some(&r.spec.id));
                    rep.add_findings(found);
                }
                let fired = rep.diagnostics.iter().any(|d| d.rule == r.spec.id);
                if let Some(e) = &rep.error {
                    // An example that cannot be checked proves nothing either way.
                    failures.push(format!(
                        "{}（{}）：示例 {} 无法检查：{e}",
                        r.spec.id,
                        r.origin,
                        i + 1
                    ));
                } else if valid && fired {
                    let msgs: Vec<String> =
                        rep.diagnostics.iter().map(|d| d.message.clone()).collect();
                    failures.push(format!(
                        "{}（{}）：valid 示例 {} 触发了规则：{}",
                        r.spec.id,
                        r.origin,
                        i + 1,
                        msgs.join("；")
                    ));
                } else if !valid && !fired {
                    failures.push(format!(
                        "{}（{}）：invalid 示例 {} 没有触发规则",
                        r.spec.id,
                        r.origin,
                        i + 1
                    ));
                }
            }
        }
    }
    (count, failures)
}

/// The cross-year findings of a draft checked against a report named as last year's
/// (`--previous`, and the examples of cross-year rules). Names are read from the reports.
pub(crate) fn explicit(
    rs: &RuleSet,
    current: &FileReport,
    previous: &FileReport,
    previous_path: &str,
    only: Option<&str>,
) -> Vec<crate::diagnostic::Diagnostic> {
    explicit_named(rs, current, None, previous, None, previous_path, only)
}

/// [`explicit`] with agency names configured for either report.
pub(crate) fn explicit_named(
    rs: &RuleSet,
    current: &FileReport,
    current_name: Option<&str>,
    previous: &FileReport,
    previous_name: Option<&str>,
    previous_path: &str,
    only: Option<&str>,
) -> Vec<crate::diagnostic::Diagnostic> {
    let Some(cur) = current.snapshot.as_deref() else {
        return Vec::new();
    };
    let Some(prev) = previous.snapshot.as_deref() else {
        let why = "它不是政府信息公开工作年度报告".to_string();
        return years::not_compared(rs, cur, previous_path, why, only);
    };
    years::check_explicit(
        rs,
        cur,
        years::name_of(cur, current_name).as_ref(),
        prev,
        years::name_of(prev, previous_name).as_ref(),
        previous_path,
        only,
    )
}

pub(crate) fn self_test(dir: Option<&Path>) -> i32 {
    let dirs: Vec<PathBuf> = dir.map(|d| vec![d.to_path_buf()]).unwrap_or_default();
    let Some(rs) = load_rules(&dirs) else {
        return 2;
    };
    let prefix = dir.map(|d| d.to_string_lossy().into_owned());
    let (count, failures) = run_examples(&rs, prefix.as_deref());
    let mut s = String::new();
    for f in &failures {
        s.push_str(&format!("✖ {f}\n"));
    }
    s.push_str(&format!(
        "{} passed, {} failed\n",
        count - failures.len(),
        failures.len()
    ));
    out(&s);
    if count == 0 {
        err("错误：没有可运行的规则示例\n");
        return 2;
    }
    if failures.is_empty() {
        0
    } else {
        1
    }
}

pub(crate) fn dump(
    file: &Path,
    profile: Option<String>,
    text_only: bool,
    previous: Option<&Path>,
) -> i32 {
    // A FIFO or device is refused from its metadata, never opened.
    let special = std::fs::metadata(file).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if let Some(why) = crate::input::refuse(file).filter(|_| special) {
        let shown = crate::render::escape::line(&crate::input::path_text(file)).into_owned();
        err(&format!("错误：{shown}：{why}\n"));
        return 2;
    }
    let src = match source::load_path(file, source::DEFAULT_MAX_BYTES) {
        Ok(s) => s,
        Err(e) => {
            err(&format!("错误：{}：{e}\n", file.display()));
            return 2;
        }
    };
    if text_only {
        out(&src.text);
        return 0;
    }
    let Some(rs) = load_rules(&[]) else { return 2 };
    let src_copy = previous.map(|_| src.clone());
    let doc = Document::new(src);
    let year = doc.facts.year.map(|y| y.0);
    let profile = profile
        .or_else(|| {
            year.and_then(|y| rs.profile_for_year(y))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "2021".into());
    let settings = Settings::default();
    let ctx = rules::Ctx::new(&doc, &rs, &profile, &settings);
    let loc = |off: usize| {
        let (o, _) = doc.norm.span(off, off);
        let (l, c) = doc.source.line_col(o);
        serde_json::json!({"line": l, "column": c})
    };
    let parts: Vec<serde_json::Value> = doc
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let h = &doc.headings[p.heading];
            serde_json::json!({"heading": doc.part_label(p), "number": h.number, "sections": ctx.bindings[i], "at": loc(h.start)})
        })
        .collect();
    let f = &doc.facts;
    let tables: serde_json::Map<String, serde_json::Value> = ctx
        .tables
        .iter()
        .map(|(id, t)| (id.clone(), table_json(&ctx, t)))
        .collect();
    let key = f
        .agency
        .as_deref()
        .and_then(crate::years::agency::Name::parse)
        .map(|n| serde_json::json!({"key": n.key, "places": n.prefixes}));
    let pairing = match previous {
        Some(p) => match dump::with_previous(src_copy, p, &rs) {
            Ok(v) => Some(v),
            Err(m) => {
                err(&format!("错误：{m}\n"));
                return 2;
            }
        },
        None => None,
    };
    let mut v = serde_json::json!({
        "path": doc.source.path,
        "encoding": doc.source.encoding,
        "profile": profile,
        "report": {"year": year, "agency": f.agency, "agency_key": key, "level": f.level},
        "title": doc.title.map(|t| doc.line_text(t).to_string()),
        "parts": parts,
        "signed": f.signed.as_ref().map(|d| d.date.zh()),
        "published_meta": f.published_meta.as_ref().map(|d| d.date.zh()),
        "periods": f.periods.iter().map(|p| format!("{}至{}", p.from.zh(), p.to.zh())).collect::<Vec<_>>(),
        "contacts": f.contacts.iter().map(|c| serde_json::json!({"kind": c.kind, "value": c.value, "valid": c.valid})).collect::<Vec<_>>(),
        "tables": tables,
        "sums": f.sums.iter().map(|s| serde_json::json!({
            "total": f.numbers[s.total].value.to_string(),
            "parts": s.parts.iter().map(|(l, i)| serde_json::json!([l, f.numbers[*i].value.to_string()])).collect::<Vec<_>>(),
            "complete": s.complete,
        })).collect::<Vec<_>>(),
    });
    if let Some(p) = pairing {
        v["previous"] = p;
    }
    out(&format!(
        "{}\n",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    ));
    0
}

/// `dump DIR`: how the reports of a folder pair across years. The configuration is
/// found as `check` finds it (current folder upward), never inside the folder shown.
pub(crate) fn dump_pairs(dir: &Path) -> i32 {
    let Some(rs) = load_rules(&[]) else { return 2 };
    let config = match crate::config::discover(Path::new(".")) {
        Some(p) => match crate::config::Loaded::read(&p, p.display().to_string()) {
            Ok(c) => Some(c),
            Err(e) => {
                report_error(e.as_ref());
                return 2;
            }
        },
        None => None,
    };
    match dump::pairs(dir, &rs, config.as_ref()) {
        Ok(v) => {
            out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            ));
            0
        }
        Err(m) => {
            err(&format!("错误：{m}\n"));
            2
        }
    }
}

/// A recovered table as JSON: keys from the template, numbers as strings (exact decimals), blanks marked.
fn table_json(ctx: &rules::Ctx, t: &crate::document::table::RecoveredTable) -> serde_json::Value {
    use crate::document::table::Status;
    let status = match &t.status {
        Status::Recovered => "recovered".to_string(),
        Status::Absent => "absent".to_string(),
        Status::Unbound(why) => format!("unbound: {why}"),
    };
    let mut rows = serde_json::Map::new();
    if let Some(tpl) = ctx.template(&t.id) {
        for r in &tpl.rows {
            let Some(hit) = t.rows.iter().find(|h| h.key == r.key) else {
                continue;
            };
            let cols: Vec<&str> = match &r.columns {
                Some(c) => c.iter().map(String::as_str).collect(),
                None => tpl.columns.iter().map(|c| c.key.as_str()).collect(),
            };
            let mut cells = serde_json::Map::new();
            for c in cols {
                let v = match t.cell(&r.key, c) {
                    Some(cell) => match (cell.value, &cell.blank) {
                        (Some(v), _) => serde_json::Value::String(v.to_string()),
                        (None, Some(m)) => serde_json::json!({"blank": m}),
                        (None, None) => serde_json::Value::Null,
                    },
                    None => serde_json::Value::Null,
                };
                cells.insert(c.to_string(), v);
            }
            let mut row = serde_json::json!({"label": r.label, "cells": cells});
            if let Some(p) = &hit.problem {
                row["problem"] = serde_json::Value::String(p.clone());
            }
            rows.insert(r.key.clone(), row);
        }
    }
    serde_json::json!({
        "title": t.title,
        "template": t.profile,
        "status": status,
        "rows": rows,
        "missing_rows": t.missing_rows,
        "subtotals": t.subtotals.iter().map(|s| s.group.clone()).collect::<Vec<_>>(),
    })
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::run_examples;
    use crate::rules::spec::Check;

    /// An example that cannot be checked (here: a rule reads a pattern the loader never
    /// registered, an internal error) is a failure, not a pass. The unregistered pattern
    /// is caught by a `debug_assert!` (a release build skips it), so these tests run in
    /// debug builds only, as `cargo test` builds.
    #[test]
    fn an_example_that_cannot_be_checked_fails() {
        let mut rs = crate::rules::RuleSet::builtin().expect("the embedded rule packs load");
        let rule = rs
            .rules
            .iter_mut()
            .find(|r| r.spec.id == "not-an-annual-report")
            .expect("built-in rule");
        let Check::DocumentType(p) = &mut rule.spec.check else {
            panic!("not-an-annual-report is a document-type check");
        };
        p.outline.push("^从未登记的模式".into());
        let (_, failures) = run_examples(&rs, None);
        assert!(
            failures
                .iter()
                .any(|f| f.starts_with("not-an-annual-report") && f.contains("无法检查")),
            "{failures:?}"
        );
    }
}
