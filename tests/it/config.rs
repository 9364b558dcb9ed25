//! gongkai.yaml: discovery, overrides, severity changes, waivers (with and
//! without a reason, unused), deadlines and levels reaching the rules, schema
//! errors at their YAML line and column, and the schema drift test.

use crate::formats::{ci_dir, run_in};
use std::path::Path;

/// A draft of a department (民政局) with a phone, an address and a signing date.
fn draft(agency: &str, signed: &str, phone: bool) -> String {
    let phone = if phone {
        "联系电话：0571-87654321\n"
    } else {
        ""
    };
    format!(
        "{agency}2024年政府信息公开工作年度报告\n\n一、总体情况\n本年主动公开信息120条。\n\n\
         二、其他需要报告的事项\n本机关未收取信息处理费。\n{phone}地址：某某市人民路1号\n\n{agency}\n{signed}\n"
    )
}

/// The fixture rule pack, by absolute path (tests run from temp directories).
fn rules_line() -> String {
    format!(
        "rule_dirs: [\"{}\"]\n",
        ci_dir()
            .join("rules")
            .display()
            .to_string()
            .replace('\\', "/")
    )
}

const ENABLE: &str = "rules:\n  enable: [ci-contact, ci-deadline, ci-numbering]\n";

fn write(path: &Path, text: &str) {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run_in(dir, &all);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v, err)
}

/// (path, rule, severity) of every active finding.
fn found(v: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in v["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            out.push((
                f["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

fn t(p: &str, r: &str, s: &str) -> (String, String, String) {
    (p.into(), r.into(), s.into())
}

/// The configuration comes from the current folder upward; one inside a checked
/// folder is ignored (a submission must not decide its own verdict), with a note.
#[test]
fn discovered_from_the_current_folder_upward() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("gongkai.yaml"),
        &format!("{}{ENABLE}", rules_line()),
    );
    // A nearer configuration for 区县/: contact findings become warnings there.
    write(
        &root.join("区县/gongkai.yaml"),
        &format!(
            "{}{ENABLE}  severity:\n    ci-contact: warning\n",
            rules_line()
        ),
    );
    write(
        &root.join("市级/a/民政局.txt"),
        &draft("某某市民政局", "2025年1月20日", false),
    );
    write(
        &root.join("区县/b/民政局.txt"),
        &draft("某某县民政局", "2025年1月20日", false),
    );
    let (code, v, err) = json(root, &["."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        found(&v),
        [
            t("区县/b/民政局.txt", "ci-contact", "error"),
            t("市级/a/民政局.txt", "ci-contact", "error"),
        ]
    );
    assert!(
        err.contains("区县/gongkai.yaml") && err.contains("已忽略"),
        "{err}"
    );
    // Run from 区县/, its own configuration is the nearest one upward.
    let (code, v, err) = json(&root.join("区县"), &["b"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(found(&v), [t("b/民政局.txt", "ci-contact", "warning")]);
    assert!(!err.contains("已忽略"), "{err}");
    // --no-config: the built-in rules run instead, and none of ours.
    let (_, v, _) = json(root, &["--no-config", "."]);
    assert!(found(&v).iter().all(|f| !f.1.starts_with("ci-")));
    // --config: one file for everything.
    let (_, v, _) = json(root, &["--config", "gongkai.yaml", "区县"]);
    assert_eq!(found(&v), [t("区县/b/民政局.txt", "ci-contact", "error")]);
}

#[test]
fn profile_and_year_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("gongkai.yaml"),
        &format!("{}{ENABLE}profile: 2019-trial\nyear: 2023\n", rules_line()),
    );
    write(
        &root.join("a.txt"),
        &draft("某某市民政局", "2024年1月20日", true),
    );
    let (code, v, err) = json(root, &["a.txt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["files"][0]["profile"], "2019-trial");
    assert_eq!(v["files"][0]["report"]["year"], 2023);
    // Command-line options win over the configuration.
    let (_, v, _) = json(root, &["--profile", "2021", "--year", "2024", "a.txt"]);
    assert_eq!(v["files"][0]["profile"], "2021");
    assert_eq!(v["files"][0]["report"]["year"], 2024);
    // Year 2024 with a 2024-01-20 signature is now judged against 2025: still fine.
    assert_eq!(found(&v), []);
}

#[test]
fn severity_changes_and_disabled_rules() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("a.txt"),
        &draft("某某市民政局", "2025年2月20日", false),
    );
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}rules:\n  enable: [ci-contact, ci-deadline]\n  severity:\n    ci-contact: info\n    ci-deadline: warning\n",
            rules_line()
        ),
    );
    let (code, v, _) = json(root, &["a.txt"]);
    assert_eq!(
        found(&v),
        [
            t("a.txt", "ci-contact", "info"),
            t("a.txt", "ci-deadline", "warning")
        ]
    );
    assert_eq!(code, 0, "warnings do not fail with --fail-on error");
    let (code, _, _) = json(root, &["--fail-on", "warning", "a.txt"]);
    assert_eq!(code, 1);
    let (code, _, _) = json(root, &["--warnings-exit-code", "3", "a.txt"]);
    assert_eq!(code, 3);
    write(
        &root.join("gongkai.yaml"),
        &format!("{}{ENABLE}  disable: [ci-deadline]\n", rules_line()),
    );
    let (_, v, _) = json(root, &["a.txt"]);
    assert_eq!(found(&v), [t("a.txt", "ci-contact", "error")]);
}

#[test]
fn local_deadline_and_level_reach_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 1月28日 meets the statute (1月31日) for a department, not a local 1月26日.
    write(
        &root.join("部门.txt"),
        &draft("某某市民政局", "2025年1月28日", true),
    );
    // A 人民政府 report (3月31日) signed 2月15日.
    write(
        &root.join("政府.txt"),
        &draft("某某县人民政府", "2025年2月15日", true),
    );
    write(
        &root.join("gongkai.yaml"),
        &format!("{}{ENABLE}", rules_line()),
    );
    let (_, v, _) = json(root, &["."]);
    assert_eq!(found(&v), []);
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}{ENABLE}deadline:\n  department: \"01-26\"\n",
            rules_line()
        ),
    );
    let (code, v, _) = json(root, &["."]);
    assert_eq!(code, 1);
    assert_eq!(found(&v), [t("部门.txt", "ci-deadline", "error")]);
    let dept = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "部门.txt")
        .unwrap();
    let msg = dept["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("2025年1月26日") && msg.contains("本地规定"),
        "{msg}"
    );
    // level: department applies the department deadline to every draft.
    write(
        &root.join("gongkai.yaml"),
        &format!("{}{ENABLE}level: department\n", rules_line()),
    );
    let (_, v, _) = json(root, &["."]);
    assert_eq!(found(&v), [t("政府.txt", "ci-deadline", "error")]);
}

#[test]
fn a_deadline_later_than_the_statute_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("a.txt"),
        &draft("某某市民政局", "2025年1月20日", true),
    );
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}deadline:\n  government: \"03-01\"\n  department: \"02-28\"\n",
            rules_line()
        ),
    );
    let (code, out, err) = run_in(root, &["check", "a.txt"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("gongkai.yaml:4:15"), "{err}");
    assert!(err.contains("晚于法定期限 01-31"), "{err}");
}

#[test]
fn waivers_suppress_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("2024/民政局.txt"),
        &draft("某某市民政局", "2025年2月20日", false),
    );
    write(
        &root.join("2024/财政局.txt"),
        &draft("某某市财政局", "2025年2月20日", false),
    );
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}{ENABLE}waivers:\n  - rule: ci-deadline\n    file: \"2024/民政*.txt\"\n    reason: 经批准延期公布\n  - rule: ci-contact\n    file: \"**/*.txt\"\n    line: 1\n    reason: 联系方式在网站统一公布\n",
            rules_line()
        ),
    );
    let (code, v, err) = json(root, &["2024"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(found(&v), [t("2024/财政局.txt", "ci-deadline", "error")]);
    let s = &v["files"][0]["suppressed"];
    assert_eq!(s.as_array().unwrap().len(), 2);
    assert_eq!(s[0]["rule"], "ci-contact");
    assert_eq!(s[0]["reason"], "联系方式在网站统一公布");
    assert_eq!(s[1]["reason"], "经批准延期公布");
    assert_eq!(v["summary"]["suppressed"], 3);
    // Human output shows the count.
    let (_, out, _) = run_in(root, &["check", "--color", "never", "2024"]);
    assert!(
        out.contains("（已豁免 2 处）") && out.contains("已豁免 3 处"),
        "{out}"
    );
}

#[test]
fn a_waiver_without_a_reason_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("a.txt"),
        &draft("某某市民政局", "2025年2月20日", true),
    );
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}waivers:\n  - rule: ci-deadline\n    file: a.txt\n",
            rules_line()
        ),
    );
    let (code, _, err) = run_in(root, &["check", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("缺少必填的键 \"reason\""), "{err}");
    assert!(err.contains("gongkai.yaml:3:5"), "{err}");
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}waivers:\n  - rule: ci-deadline\n    file: a.txt\n    reason: \"\"\n",
            rules_line()
        ),
    );
    let (code, _, err) = run_in(root, &["check", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("gongkai.yaml:5:13"), "{err}");
}

#[test]
fn an_unused_waiver_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("a.txt"),
        &draft("某某市民政局", "2025年1月20日", true),
    );
    write(
        &root.join("其他/b.txt"),
        &draft("某某市民政局", "2025年1月20日", true),
    );
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}{ENABLE}waivers:\n  - rule: ci-deadline\n    file: a.txt\n    reason: 已修正\n  - rule: ci-contact\n    file: 旧稿/*.txt\n    reason: 文件已删除\n  - rule: ci-contact\n    file: 其他/*.txt\n    reason: 本次未检查\n",
            rules_line()
        ),
    );
    let (code, v, err) = json(root, &["a.txt"]);
    assert_eq!(code, 0, "warnings only: {err}");
    assert_eq!(
        found(&v),
        [
            t("gongkai.yaml", "unused-waiver", "warning"),
            t("gongkai.yaml", "unused-waiver", "warning")
        ]
    );
    let d = &v["files"][1]["diagnostics"];
    assert_eq!(v["files"][1]["path"], "gongkai.yaml");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(5), Some(5))
    );
    assert!(d[0]["message"]
        .as_str()
        .unwrap()
        .contains("没有匹配任何问题"));
    assert_eq!(d[1]["line"].as_u64(), Some(8));
    assert!(d[1]["message"]
        .as_str()
        .unwrap()
        .contains("没有匹配任何文件"));
    // The waiver for 其他/*.txt is not judged: those files exist but were not checked.
    assert_eq!(v["summary"]["files"], 1);
    let (code, _, _) = json(root, &["--fail-on", "warning", "a.txt"]);
    assert_eq!(code, 1);
    // unused-waiver obeys severity overrides like any rule.
    let text = std::fs::read_to_string(root.join("gongkai.yaml")).unwrap();
    write(
        &root.join("gongkai.yaml"),
        &text.replace("  enable: [ci-contact, ci-deadline, ci-numbering]\n", "  enable: [ci-contact, ci-deadline, ci-numbering, unused-waiver]\n  severity: {unused-waiver: error}\n"),
    );
    let (code, v, _) = json(root, &["a.txt"]);
    assert_eq!(code, 1);
    assert_eq!(v["files"][1]["diagnostics"][0]["severity"], "error");
}

#[test]
fn unknown_key_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("a.txt"),
        &draft("某某市民政局", "2025年1月20日", true),
    );
    write(
        &root.join("gongkai.yaml"),
        "year: 2024\nrules:\n  disable: []\n  serverity:\n    ci-contact: warning\n",
    );
    let (code, out, err) = run_in(root, &["check", "a.txt"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("配置文件有误"), "{err}");
    assert!(err.contains("gongkai.yaml:4:3"), "{err}");
    assert!(err.contains("未知的键「serverity」"), "{err}");
}

#[test]
fn unknown_rule_ids_and_bad_globs_are_config_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("a.txt"),
        &draft("某某市民政局", "2025年1月20日", true),
    );
    write(
        &root.join("gongkai.yaml"),
        &format!("{}rules:\n  disable: [ci-contakt]\n", rules_line()),
    );
    let (code, _, err) = run_in(root, &["check", "a.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("未知的规则 id「ci-contakt」") && err.contains("gongkai.yaml:3:13"),
        "{err}"
    );
    write(&root.join("gongkai.yaml"), "exclude: [\"[旧稿\"]\n");
    let (code, _, err) = run_in(root, &["check", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("无效的通配符"), "{err}");
}

#[test]
fn include_and_exclude_apply_to_directories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("gongkai.yaml"),
        &format!(
            "{}{ENABLE}include: [\"**/*.txt\"]\nexclude: [旧稿, \"**/*草稿*\"]\n",
            rules_line()
        ),
    );
    for p in [
        "2024/a.txt",
        "2024/b草稿.txt",
        "旧稿/c.txt",
        "2024/d.md",
        ".隐藏/e.txt",
    ] {
        write(&root.join(p), &draft("某某市民政局", "2025年1月20日", true));
    }
    let (code, v, err) = json(root, &["."]);
    assert_eq!(code, 0, "{err}");
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["2024/a.txt"]);
    // A file named on the command line is always checked.
    let (_, v, _) = json(root, &["旧稿/c.txt"]);
    assert_eq!(v["files"][0]["path"], "旧稿/c.txt");
    assert!(v["files"][0]["error"].is_null());
    // Everything excluded: nothing was checked, which is never a success.
    let (code, _, err) = run_in(root, &["check", "旧稿"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有检查任何文件"), "{err}");
}

#[test]
fn config_schema_drift() {
    let generated = serde_json::to_string_pretty(&gongkai::config::schema()).unwrap() + "\n";
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/config.schema.json");
    if std::env::var_os("GONGKAI_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/config.schema.json is out of date: run GONGKAI_UPDATE_SCHEMAS=1 cargo test config_schema_drift"
    );
}

#[test]
fn the_fixture_config_validates_against_the_committed_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/config.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let text = std::fs::read_to_string(ci_dir().join("gongkai.yaml")).unwrap();
    let v: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&v));
}
