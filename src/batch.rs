//! `gongkai check`: a batch of drafts — files, directories (recursive) and globs —
//! checked in parallel under the run's configuration, then rendered in every
//! requested format. Output is sorted by path, so it is byte-identical whatever
//! `--jobs` is. A file that cannot be read is reported and never stops the run.

use crate::cli::{CheckArgs, Color, FailOn, Format};
use crate::commands::{check_text, err, load_rules, out, report_error, with_stdout, CheckOptions};
use crate::config::Loaded;
use crate::render::{self, FileReport};
use crate::rules::spec::Severity;
use crate::rules::{RuleSet, Settings};
use crate::walk::{check_outputs, collect, Configs, Input, What};
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
) -> Result<Plan<'a>, i32> {
    // Configuration rule directories first: `--rules` wins on the same id.
    let mut dirs: Vec<PathBuf> = config.map(Loaded::rule_dirs).unwrap_or_default();
    dirs.extend(args.rules.iter().cloned());
    let mut rules = match loaded.get(&dirs) {
        Some(rs) => rs.clone(),
        None => {
            let Some(rs) = load_rules(&dirs) else {
                return Err(2);
            };
            loaded.insert(dirs, rs.clone());
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
    for c in &configs.loaded {
        match plan(&args, Some(c), &mut rule_sets) {
            Ok(p) => plans.push(p),
            Err(code) => return code,
        }
    }
    let bare = plans.len();
    if configs.loaded.is_empty()
        || inputs
            .iter()
            .any(|i| i.config.is_none() && !matches!(i.what, What::Missing(..)))
    {
        match plan(&args, None, &mut rule_sets) {
            Ok(p) => plans.push(p),
            Err(code) => return code,
        }
    }
    let plan_of = |i: &Input| i.config.unwrap_or(bare).min(plans.len() - 1);
    if let Some(p) = plans.last() {
        p.rules.warm_in_background();
    }

    let max = args.max_file_size;
    let reader = crate::worker::Mode::new(
        crate::worker::Limits {
            memory: args.max_memory.saturating_mul(1024 * 1024),
            timeout: std::time::Duration::from_secs(args.timeout),
        },
        args.in_process,
    );
    let bar = progress(inputs.len());
    let work = |input: &Input| -> (FileReport, Vec<usize>, Option<String>) {
        let plan = &plans[plan_of(input)];
        let (mut report, path) = match &input.what {
            What::Stdin => match reader.load_stdin(max) {
                Ok(s) => (check_text(s, &plan.rules, &plan.opts), None),
                Err(e) => (FileReport::failed("-".into(), e.to_string()), None),
            },
            What::File(p) => {
                let shown = input::path_text(p);
                match reader.load_path(p, max) {
                    Ok(mut s) => {
                        s.path = shown;
                        (check_text(s, &plan.rules, &plan.opts), Some(p.as_path()))
                    }
                    Err(e) => (FileReport::failed(shown, e.to_string()), None),
                }
            }
            What::Missing(p, m) => (FileReport::failed(input::path_text(p), m.clone()), None),
        };
        let mut used = Vec::new();
        let mut rel = None;
        if let Some(c) = plan.config {
            for d in &mut report.diagnostics {
                if let Some(s) = c.severity_of(&d.rule) {
                    d.severity = s;
                }
            }
        }
        // Waivers name files: they apply to files read from disk, not to stdin.
        if let (Some(c), Some(path)) = (plan.config, path) {
            used = c.apply_waivers(path, &mut report);
            rel = Some(
                c.relative(path)
                    .unwrap_or_else(|| render::slash_path(&report.path)),
            );
        }
        keep_quoted_text(&mut report);
        bar.inc(1);
        (report, used, rel)
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    let results: Vec<(FileReport, Vec<usize>, Option<String>)> = if jobs == 1 || inputs.len() < 2 {
        inputs.iter().map(work).collect()
    } else {
        match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.install(|| inputs.par_iter().map(work).collect()),
            Err(_) => inputs.iter().map(work).collect(),
        }
    };
    bar.finish_and_clear();

    // Waivers that matched nothing, per configuration.
    let mut usage: Vec<(Vec<usize>, Vec<String>)> =
        vec![(Vec::new(), Vec::new()); configs.loaded.len()];
    // Collected in place (no second buffer of thousands of reports).
    let mut reports: Vec<FileReport> = results
        .into_iter()
        .enumerate()
        .map(|(i, (report, used, rel))| {
            if let (Some(c), Some(rel)) = (inputs[i].config, rel) {
                usage[c].0.extend(used);
                usage[c].1.push(rel);
            }
            report
        })
        .collect();
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
    let mut ok = emit(&args, &reports, &mut ctx);
    if !reports.iter().any(FileReport::checked) {
        err("错误：没有检查任何文件\n");
        return 2;
    }
    if let Err(m) = github_summary(&args, &reports) {
        err(&m);
        ok = false;
    }
    if !ok {
        return 2;
    }
    exit_code(&reports, threshold, args.warnings_exit_code)
}

/// Renderers read a file's text only on the lines that hold its findings (and the text
/// before them, for line numbers). Everything after the last finding's line, or the
/// whole text when there is no finding, is let go before the batch is rendered: memory
/// stays flat however many files a run checks.
fn keep_quoted_text(report: &mut FileReport) {
    let last = report
        .diagnostics
        .iter()
        .chain(report.suppressed.iter().map(|s| &s.diagnostic))
        .map(|d| d.offset.saturating_add(d.length))
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
