//! `gongkai check`: a batch of drafts — files, directories (recursive) and globs —
//! checked in parallel under the run's configuration, then rendered in every
//! requested format. Output is sorted by path, so it is byte-identical whatever
//! `--jobs` is. A file that cannot be read is reported and never stops the run.

mod across;

use crate::cli::{CheckArgs, Color, FailOn, Format};
use crate::commands::{
    check_text, err, load_rules_to_check, out, report_error, with_stdout, CheckOptions,
};
use crate::config::Loaded;
use crate::diagnostic::Severity;
use crate::render::{self, FileReport};
use crate::rules::{RuleSet, Settings};
use crate::walk::{check_outputs, collect, Configs, Input, What};
use crate::worker;
use crate::{input, output};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Runs with at least this many files show a progress bar (on a terminal only).
const PROGRESS_MIN_FILES: usize = 20;

/// Rules and options for the files under one configuration (or none).
struct Plan<'a> {
    config: Option<&'a Loaded>,
    rules: RuleSet,
    opts: CheckOptions,
}

/// Rule sets by rule directories: many configurations share the same ones.
type RuleSets = HashMap<Vec<PathBuf>, RuleSet>;

fn plan<'a>(
    args: &CheckArgs,
    config: Option<&'a Loaded>,
    loaded: &mut RuleSets,
    last: bool,
) -> Result<Plan<'a>, i32> {
    // Configuration rule directories first: `--rules` wins on the same id.
    let mut dirs: Vec<PathBuf> = config.map(Loaded::rule_dirs).unwrap_or_default();
    dirs.extend(args.rules.iter().cloned());
    let mut rules = match loaded.get(&dirs) {
        Some(rs) => rs.clone(),
        None => {
            let Some(rs) = load_rules_to_check(&dirs) else {
                return Err(2);
            };
            // The last plan keeps no copy: no other plan will ask for it.
            if !last {
                loaded.insert(dirs, rs.clone());
            }
            rs
        }
    };
    if let Some(c) = config {
        if let Err(e) = c.check_rule_ids(&rules) {
            report_error(e.as_ref());
            return Err(2);
        }
        c.select_rules(&mut rules);
    }
    if rules.rules.is_empty() {
        let at = config
            .map(|c| format!("（配置文件 {}）", c.display))
            .unwrap_or_default();
        err(&format!("错误：没有加载任何规则{at}\n"));
        return Err(2);
    }
    let profile = args.profile.clone().or_else(|| {
        config
            .and_then(|c| c.config.profile.as_ref())
            .map(|p| p.name())
    });
    let settings = match config {
        Some(c) => c.settings(args.year),
        None => Settings {
            year: args.year,
            ..Default::default()
        },
    };
    Ok(Plan {
        config,
        rules,
        opts: CheckOptions {
            profile,
            settings,
            only_rule: None,
        },
    })
}

fn progress(n: usize) -> indicatif::ProgressBar {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    if n < PROGRESS_MIN_FILES || ci || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(n as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("检查中 [{bar:30}] {pos}/{len} {elapsed}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

pub(crate) fn check(args: CheckArgs) -> i32 {
    crate::rules::RuleSet::warm_code_patterns();
    if let Some(p) = &args.profile {
        if !crate::rules::PROFILES.contains(&p.as_str()) {
            err(&format!(
                "错误：未知的 --profile「{p}」，可选：pre-2019、2019-trial、2021\n"
            ));
            return 2;
        }
    }
    let mut configs = match Configs::new(&args) {
        Ok(c) => c,
        Err(e) => {
            report_error(e.as_ref());
            return 2;
        }
    };
    let collected = collect(&args.paths, &mut configs);
    for n in &collected.notes {
        err(&format!("提示：{n}\n"));
    }
    if let Err(m) = check_outputs(&args, &collected, &configs) {
        err(&m);
        return 2;
    }
    let inputs = collected.inputs;
    // One plan per configuration in use, and one for files without any.
    let mut plans: Vec<Plan> = Vec::new();
    let mut rule_sets = RuleSets::new();
    let needs_bare = configs.loaded.is_empty()
        || inputs
            .iter()
            .any(|i| i.config.is_none() && !matches!(i.what, What::Missing(..)));
    let count = configs.loaded.len() + usize::from(needs_bare);
    for (i, c) in configs.loaded.iter().enumerate() {
        match plan(&args, Some(c), &mut rule_sets, i + 1 == count) {
            Ok(p) => plans.push(p),
            Err(code) => return code,
        }
    }
    let bare = plans.len();
    if needs_bare {
        match plan(&args, None, &mut rule_sets, true) {
            Ok(p) => plans.push(p),
            Err(code) => return code,
        }
    }
    let plan_of = |i: &Input| i.config.unwrap_or(bare).min(plans.len() - 1);
    if let Some(p) = plans.last() {
        p.rules.warm_in_background();
        // For measuring only (BENCHMARKS.md «Stop 27 (helper)»): every pattern compiled
        // before the first draft, so that runs under callgrind count the same.
        if std::env::var_os("GONGKAI_WAIT_FOR_PATTERNS").is_some_and(|v| !v.is_empty()) {
            p.rules.wait_for_patterns();
        }
    }

    let max = args.max_file_size;
    let reader = worker::Mode::new(
        crate::worker::Limits {
            memory: args.max_memory.saturating_mul(1024 * 1024),
            timeout: std::time::Duration::from_secs(args.timeout),
        },
        args.in_process,
    );
    let bar = progress(inputs.len());
    // Check every draft; its snapshot is kept for the checks across years.
    let work = |input: &Input| -> (FileReport, Option<PathBuf>) {
        let plan = &plans[plan_of(input)];
        let (mut report, path) = match &input.what {
            What::Stdin => match reader.load_stdin(max) {
                Ok(s) => (check_text(s, &plan.rules, &plan.opts), None),
                Err(e) => (FileReport::failed("-".into(), e.to_string()), None),
            },
            What::File(p) => load_and_check(p, max, plan, &reader),
            What::Missing(p, m) => (FileReport::failed(input::path_text(p), m.clone()), None),
        };
        // Let go of the text no finding, now or across years, can quote.
        let keep = report.snapshot.as_ref().map_or(0, |s| s.max_end);
        keep_quoted_text(&mut report, keep);
        bar.inc(1);
        (report, path)
    };
    let jobs = pool_size(args.jobs, inputs.len());
    let pool = (jobs > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .ok()
        })
        .flatten();
    let results: Vec<(FileReport, Option<PathBuf>)> = match &pool {
        Some(pool) => pool.install(|| inputs.par_iter().map(work).collect()),
        None => inputs.iter().map(work).collect(),
    };
    bar.finish_and_clear();
    let (mut reports, paths): (Vec<FileReport>, Vec<Option<PathBuf>>) = results.into_iter().unzip();

    // Across years: `--previous`, or every pair of consecutive years of one agency.
    let agency_of = |i: usize| -> Option<String> {
        let c = configs.loaded.get(inputs[i].config?)?;
        let read = reports[i].snapshot.as_ref()?.agency.clone();
        c.agency_for(paths[i].as_deref()?, read.as_deref())
    };
    let mut trends = Vec::new();
    if let Some(prev) = &args.previous {
        let drafts: Vec<usize> = (0..reports.len())
            .filter(|&i| !matches!(inputs[i].what, What::Missing(..)))
            .collect();
        if drafts.len() != 1 {
            err("错误：--previous 只能与一个草稿一起使用（检查目录时，同一机关相邻年度的报告会自动配对）\n");
            return 2;
        }
        let i = drafts[0];
        let plan = &plans[plan_of(&inputs[i])];
        let (before, _) = load_and_check(prev, max, plan, &reader);
        if let Some(e) = &before.error {
            err(&format!("错误：无法读取上年报告 {}：{e}\n", prev.display()));
            return 2;
        }
        // Last year's report is filed under the draft's configuration.
        let prev_name = plan.config.and_then(|c| {
            let read = before.snapshot.as_ref()?.agency.clone();
            c.agency_for(prev, read.as_deref())
        });
        let name = agency_of(i);
        let found = crate::commands::explicit_named(
            &plan.rules,
            &reports[i],
            name.as_deref(),
            &before,
            prev_name.as_deref(),
            &before.path,
            None,
        );
        reports[i].add_findings(found);
    } else {
        let names: Vec<Option<String>> = (0..reports.len()).map(agency_of).collect();
        let rules_of = |i: usize| &plans[plan_of(&inputs[i])].rules;
        let parallel = pool.is_some();
        let mut pair = || across::check_batch(&mut reports, &names, &rules_of, parallel);
        let links = match &pool {
            Some(pool) => pool.install(pair),
            None => pair(),
        };
        trends = across::trends(&reports, &links, &names);
    }

    // Configuration: severities, waivers, and the text kept for quoting.
    let mut usage: Vec<(Vec<usize>, Vec<String>)> =
        vec![(Vec::new(), Vec::new()); configs.loaded.len()];
    for (i, report) in reports.iter_mut().enumerate() {
        let plan = &plans[plan_of(&inputs[i])];
        if let Some(c) = plan.config {
            for d in &mut report.diagnostics {
                if let Some(s) = c.severity_of(&d.rule) {
                    d.severity = s;
                }
            }
        }
        // Waivers name files: they apply to files read from disk, not to stdin.
        if let (Some(c), Some(path)) = (plan.config, paths[i].as_deref()) {
            let used = c.apply_waivers(path, report);
            let rel = c
                .relative(path)
                .unwrap_or_else(|| render::slash_path(&report.path));
            if let Some(ci) = inputs[i].config {
                usage[ci].0.extend(used);
                usage[ci].1.push(rel);
            }
        }
        keep_quoted_text(report, 0);
    }
    drop(inputs);
    for (c, (used, checked)) in configs.loaded.iter().zip(&usage) {
        if let Some(r) = c.unused_waivers(used, checked) {
            reports.push(r);
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports.dedup_by(|a, b| a.path == b.path && !a.is_config && !b.is_config);

    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let sets: Vec<&RuleSet> = plans.iter().map(|p| &p.rules).collect();
    let mut ctx = render::Context::new(&sets, threshold);
    ctx.trends = trends;
    let mut ok = emit(&args, &reports, &mut ctx);
    let code = if !reports.iter().any(FileReport::checked) {
        err("错误：没有检查任何文件\n");
        2
    } else {
        if let Err(m) = github_summary(&args, &reports) {
            err(&m);
            ok = false;
        }
        if ok {
            exit_code(&reports, threshold, args.warnings_exit_code)
        } else {
            2
        }
    };
    drop(ctx);
    drop(sets);
    // The process ends with this code: freeing every compiled pattern and report first
    // would only delay the exit (a tenth of a one-file run's main thread).
    std::mem::forget(plans);
    std::mem::forget(reports);
    code
}

/// Threads to check `inputs` drafts with: `--jobs`, else one per core. One draft needs
/// no pool: neither the threads nor the cgroup files `available_parallelism` reads.
fn pool_size(jobs: Option<usize>, inputs: usize) -> usize {
    match jobs {
        _ if inputs <= 1 => 1,
        Some(j) => j.max(1),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// Load and check one file with a plan; the path is returned when it was read.
fn load_and_check(
    p: &Path,
    max: u64,
    plan: &Plan,
    reader: &worker::Mode,
) -> (FileReport, Option<PathBuf>) {
    let shown = input::path_text(p);
    match reader.load_path(p, max) {
        Ok(mut s) => {
            s.path = shown;
            (
                check_text(s, &plan.rules, &plan.opts),
                Some(p.to_path_buf()),
            )
        }
        Err(e) => (FileReport::failed(shown, e.to_string()), None),
    }
}

/// Renderers read a file's text only on the lines that hold its findings (and the text
/// before them, for line numbers). Everything after the last finding's line (or after
/// `keep`, what findings across years may still quote), or the whole text when there
/// is nothing to quote, is let go before the batch is rendered: memory stays flat
/// however many files a run checks.
fn keep_quoted_text(report: &mut FileReport, keep: usize) {
    let last = report
        .diagnostics
        .iter()
        .chain(report.suppressed.iter().map(|s| &s.diagnostic))
        .map(|d| d.offset.saturating_add(d.length))
        .chain((keep > 0).then_some(keep))
        .max();
    let Some(text) = &report.text else { return };
    let Some(last) = last else {
        report.text = None;
        return;
    };
    let bytes = text.as_bytes();
    let from = last.min(bytes.len());
    // Cut just after the newline that ends the line of the last finding.
    if let Some(i) = bytes[from..].iter().position(|b| *b == b'\n') {
        let cut = from + i + 1;
        if cut < bytes.len() {
            report.text = Some(std::sync::Arc::from(&text[..cut]));
        }
    }
}

/// Print and write every requested output. False when a file could not be written.
fn emit(args: &CheckArgs, reports: &[FileReport], ctx: &mut render::Context) -> bool {
    ctx.color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    with_stdout(|w| render::write(args.format, reports, ctx, w));
    ctx.color = false;
    let mut extra = String::new();
    if args.statistics {
        extra.push_str(&render::summary::statistics(reports, ctx));
    }
    if args.summary {
        if !extra.is_empty() {
            extra.push('\n');
        }
        extra.push_str(&render::summary::files_table(reports, ctx));
    }
    if !extra.is_empty() {
        // Keep a machine format on stdout parseable.
        if args.format.is_machine() {
            err(&extra);
        } else {
            out(&format!("\n{extra}"));
        }
    }
    let mut files: Vec<(&Path, String)> = Vec::new();
    for o in &args.outputs {
        files.push((&o.path, render::render(o.format, reports, ctx)));
    }
    if let Some(p) = &args.summary_csv {
        files.push((p, render::summary::csv(reports, ctx)));
    }
    if let Some(p) = &args.html {
        files.push((p, render::html::render(reports, ctx)));
    }
    let mut ok = true;
    for (path, text) in files {
        if let Err(e) = output::write(path, &text) {
            let shown = render::escape::line(&input::path_text(path)).into_owned();
            err(&format!(
                "错误：无法写入 {shown}：{}\n",
                input::io_cause(&e)
            ));
            ok = false;
        }
    }
    ok
}

/// With the github format, append the Markdown summary to `$GITHUB_STEP_SUMMARY`.
fn github_summary(args: &CheckArgs, reports: &[FileReport]) -> Result<(), String> {
    let wanted =
        args.format == Format::Github || args.outputs.iter().any(|o| o.format == Format::Github);
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| wanted && !p.is_empty())
    else {
        return Ok(());
    };
    let text = render::github::step_summary(reports);
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| {
            format!(
                "错误：无法写入 GITHUB_STEP_SUMMARY（{}）：{e}\n",
                Path::new(&path).display()
            )
        })
}

/// 0 = nothing at or above `--fail-on`; 1 = findings (or unreadable files);
/// `--warnings-exit-code` when only warnings stand in the way or remain.
fn exit_code(
    reports: &[FileReport],
    threshold: Option<Severity>,
    warnings_code: Option<u8>,
) -> i32 {
    let Some(t) = threshold else { return 0 };
    let worst = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.severity)
        .max();
    let load_failures = reports.iter().any(|r| r.error.is_some());
    if load_failures || worst == Some(Severity::Error) {
        return 1;
    }
    if worst == Some(Severity::Warning) {
        if let Some(code) = warnings_code {
            return i32::from(code);
        }
        if t <= Severity::Warning {
            return 1;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::diag;

    fn report(sevs: &[Severity]) -> FileReport {
        let mut r = FileReport {
            path: "a.txt".into(),
            ..Default::default()
        };
        r.diagnostics = sevs.iter().map(|s| diag("联系", "联系", "x", *s)).collect();
        r
    }

    #[test]
    fn one_draft_starts_no_pool() {
        assert_eq!(pool_size(None, 1), 1);
        assert_eq!(pool_size(Some(2), 1), 1);
        assert_eq!(pool_size(None, 0), 1);
        assert_eq!(pool_size(Some(2), 2), 2);
        assert_eq!(pool_size(Some(0), 5), 1);
        assert!(pool_size(None, 2) >= 1);
    }

    #[test]
    fn exit_policy() {
        use Severity::*;
        let e = Some(Error);
        let w = Some(Warning);
        assert_eq!(exit_code(&[report(&[])], e, None), 0);
        assert_eq!(exit_code(&[report(&[Info])], w, Some(3)), 0);
        assert_eq!(exit_code(&[report(&[Warning])], e, None), 0);
        assert_eq!(exit_code(&[report(&[Warning])], w, None), 1);
        assert_eq!(exit_code(&[report(&[Warning])], e, Some(3)), 3);
        assert_eq!(exit_code(&[report(&[Warning])], w, Some(3)), 3);
        assert_eq!(exit_code(&[report(&[Warning, Error])], e, Some(3)), 1);
        assert_eq!(exit_code(&[report(&[Error])], None, Some(3)), 0);
        assert_eq!(
            exit_code(&[FileReport::failed("b".into(), "x".into())], e, None),
            1
        );
    }
}
