//! Shared helpers for the integration tests.

use assert_cmd::Command;
use std::path::PathBuf;

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn gongkai() -> Command {
    let mut c = Command::cargo_bin("gongkai").expect("binary");
    c.env("NO_COLOR", "1");
    c
}

/// Run `rules test DIR` and return (exit code, stdout).
pub fn rules_test(dir: &std::path::Path) -> (Option<i32>, String) {
    let out = gongkai()
        .args(["rules", "test"])
        .arg(dir)
        .output()
        .expect("run gongkai");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Run `check --format json` and return (exit code, parsed JSON).
pub fn check_json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = gongkai()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

/// (severity, rule) pairs of the first file, sorted.
pub fn findings(v: &serde_json::Value) -> Vec<(String, String)> {
    findings_of(&v["files"][0])
}

pub fn findings_of(file: &serde_json::Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = file["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["severity"].as_str().unwrap_or("").to_string(),
                        d["rule"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

pub fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    out.sort();
    out
}

/// The `rule` diagnostics of a fixture checked alone, as JSON objects.
pub fn diagnostics_of_rule(rel: &str, rule: &str) -> Vec<serde_json::Value> {
    let path = fixture(rel);
    let (_, v) = check_json(&[path.to_str().unwrap()]);
    v["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == rule)
        .cloned()
        .collect()
}

/// The message of the one `rule` diagnostic of a fixture, which must be a warning.
#[track_caller]
pub fn one_warning(rel: &str, rule: &str) -> String {
    let d = diagnostics_of_rule(rel, rule);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["severity"], "warning", "{d:?}");
    d[0]["message"].as_str().unwrap_or("").to_string()
}

/// Fields of a diagnostic as strings (empty when absent).
pub fn fields3(d: &serde_json::Value, keys: [&str; 3]) -> (String, String, String) {
    let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
    (s(keys[0]), s(keys[1]), s(keys[2]))
}

/// (severity, rule, message) of every diagnostic of a draft checked with the built-in rules.
pub fn check_draft(text: &str) -> Vec<(String, String, String)> {
    use gongkai::entry::{builtin_rules, check_source};
    check_source(
        gongkai::source::Source::new("x", text.to_string(), "UTF-8"),
        builtin_rules(),
    )
    .diagnostics
    .iter()
    .map(|d| {
        (
            format!("{:?}", d.severity).to_lowercase(),
            d.rule.clone(),
            d.message.clone(),
        )
    })
    .collect()
}

/// The diagnostics of `got` (from [`check_draft`]) of one rule.
pub fn of_rule<'a>(
    got: &'a [(String, String, String)],
    rule: &str,
) -> Vec<&'a (String, String, String)> {
    got.iter().filter(|d| d.1 == rule).collect()
}

/// Assert that `got` (from [`check_draft`]) holds exactly one diagnostic of `rule`, at
/// `severity`, whose message contains `part`.
#[track_caller]
pub fn assert_one_finding(
    got: &[(String, String, String)],
    rule: &str,
    severity: &str,
    part: &str,
) {
    let found = of_rule(got, rule);
    assert_eq!(found.len(), 1, "{rule}: {got:?}");
    assert_eq!(found[0].0, severity, "{rule}: {got:?}");
    assert!(found[0].2.contains(part), "{rule}: {}", found[0].2);
}

/// A draft of `who_year` (`某某局2023`) whose overview part holds `text`.
pub fn overview(who_year: &str, text: &str) -> String {
    format!("{who_year}年政府信息公开工作年度报告\n一、总体情况\n{text}\n")
}

/// One overview sentence of `bad.0` (`某某局2023`) that draws exactly one finding of `rule`, at
/// `severity`, its message holding `part`; and overview sentences of `good_who` that draw none.
#[track_caller]
pub fn assert_overview_case<'a>(
    rule: &str,
    severity: &str,
    bad: (&str, &str),
    part: &str,
    good_who: &str,
    goods: impl IntoIterator<Item = &'a str>,
) {
    assert_one_finding(&check_draft(&overview(bad.0, bad.1)), rule, severity, part);
    assert_silent(rule, |t| overview(good_who, t), goods);
}

/// Assert that no draft made by `draft` from each of `inputs` draws a diagnostic of `rule`.
#[track_caller]
pub fn assert_silent<'a>(
    rule: &str,
    draft: impl Fn(&str) -> String,
    inputs: impl IntoIterator<Item = &'a str>,
) {
    for input in inputs {
        let got = check_draft(&draft(input));
        assert!(of_rule(&got, rule).is_empty(), "{input}: {got:?}");
    }
}
