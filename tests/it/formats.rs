//! Output formats on one fixture with a Chinese file name (tests/fixtures/ci):
//! snapshots of each, SARIF against the official schema, JUnit and Checkstyle
//! parsed back strictly, unique GitLab fingerprints, several outputs in one run.

use crate::support::*;
use std::path::{Path, PathBuf};

pub const DRAFT: &str = "drafts/某某市民政局2024年度报告.txt";

pub fn ci_dir() -> PathBuf {
    fixture("ci")
}

/// Run `gongkai ARGS` in `dir`: (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = gongkai()
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .expect("run gongkai");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// The fixture rendered in one format.
fn format(name: &str) -> String {
    let (code, out, err) = run_in(&ci_dir(), &["check", "--format", name, DRAFT]);
    assert_eq!(code, 1, "{name}: {err}");
    out.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(format!("format_{name}"), text);
    });
}

#[test]
fn snapshots_of_every_format() {
    for f in [
        "human",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "junit",
        "github",
        "gitlab",
        "checkstyle",
    ] {
        snapshot(f, &format(f));
    }
}

#[test]
fn snapshots_of_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("汇总.csv");
    let html = dir.path().join("报告.html");
    let (code, out, _) = run_in(
        &ci_dir(),
        &[
            "check",
            "--format",
            "concise",
            "--statistics",
            "--summary",
            "--summary-csv",
            csv.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
            DRAFT,
        ],
    );
    assert_eq!(code, 1);
    snapshot("statistics_and_summary", &out);
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(
        csv.starts_with('\u{FEFF}'),
        "CSV starts with a BOM for Excel"
    );
    snapshot("summary_csv", &csv);
    let html = std::fs::read_to_string(&html)
        .unwrap()
        .replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
    snapshot("html", &html);
}

fn sarif_validator() -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("SARIF schema compiles")
}

fn assert_valid_sarif(text: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(text).expect("SARIF is JSON");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    v
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let v = assert_valid_sarif(&format("sarif"));
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["ci-contact", "ci-deadline", "ci-numbering", "unused-waiver"]
    );
    assert!(rules[0]["shortDescription"]["text"]
        .as_str()
        .unwrap()
        .contains("报告缺少联系方式"));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("drafts/%E6%9F%90"), "{uri}");
        assert!(uri.is_ascii());
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(r["partialFingerprints"]["gongkaiFinding/v1"].is_string());
    }
    // The waived heading-number finding is kept, with its justification.
    let waived: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["ruleId"], "ci-numbering");
    assert_eq!(
        waived[0]["suppressions"][0]["justification"],
        "第三部分按上级要求合并到第二部分，序号沿用原稿"
    );
    // Columns count characters: 2025年2月10日 is 10 code points on line 16.
    let late = results
        .iter()
        .find(|r| r["ruleId"] == "ci-deadline")
        .unwrap();
    let region = &late["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(16), Some(1))
    );
    assert_eq!(region["endColumn"].as_u64(), Some(11));
    assert_eq!(region["snippet"]["text"], "2025年2月10日");
}

#[test]
fn sarif_of_a_batch_with_unreadable_files_validates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("各 单位")).unwrap();
    std::fs::copy(ci_dir().join(DRAFT), root.join("各 单位/报告#1.txt")).unwrap();
    std::fs::write(root.join("各 单位/坏.txt"), [0xff, 0xfe, 0x00, 0xd8]).unwrap();
    std::fs::write(
        root.join("gongkai.yaml"),
        format!(
            "rule_dirs: [\"{}\"]\nrules:\n  enable: [ci-contact, ci-deadline]\n",
            ci_dir()
                .join("rules")
                .display()
                .to_string()
                .replace('\\', "/")
        ),
    )
    .unwrap();
    let (code, out, err) = run_in(root, &["check", "--format", "sarif", "."]);
    assert_eq!(code, 1, "{err}");
    let v = assert_valid_sarif(&out);
    let notes = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes.as_array().unwrap().len(), 1);
    let uri = v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert_eq!(
        uri,
        "%E5%90%84%20%E5%8D%95%E4%BD%8D/%E6%8A%A5%E5%91%8A%231.txt"
    );
}

/// Parse XML strictly with quick-xml: every element closed, names matching.
/// Returns (element name, attributes) of every start or empty element.
pub fn parse_xml(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("well-formed attribute");
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .expect("attribute value");
                        (a.key.as_ref().to_string(), value.into_owned())
                    })
                    .collect();
                out.push((name, attrs));
            }
            Ok(Event::GeneralRef(r)) => {
                let known = ["amp", "lt", "gt", "quot", "apos"].contains(&r.as_ref());
                let char_ref = r.is_char_ref() && r.resolve_char_ref().ok().flatten().is_some();
                assert!(known || char_ref, "unknown entity &{};", r.as_ref());
            }
            Ok(_) => {}
            Err(e) => panic!("XML error at {}: {e}", reader.error_position()),
        }
    }
    out
}

fn attr<'a>(e: &'a (String, Vec<(String, String)>), k: &str) -> Option<&'a str> {
    e.1.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

#[test]
fn junit_parses_back_strictly() {
    let els = parse_xml(&format("junit"));
    let suites: Vec<_> = els.iter().filter(|e| e.0 == "testsuite").collect();
    assert_eq!(suites.len(), 1);
    assert_eq!(attr(suites[0], "name"), Some(DRAFT));
    assert_eq!(attr(suites[0], "tests"), Some("3"));
    assert_eq!(attr(suites[0], "failures"), Some("2"));
    assert_eq!(attr(suites[0], "skipped"), Some("1"));
    let cases: Vec<&str> = els
        .iter()
        .filter(|e| e.0 == "testcase")
        .map(|e| attr(e, "name").unwrap())
        .collect();
    assert_eq!(cases, ["ci-contact", "ci-deadline", "ci-numbering"]);
    let skipped = els.iter().find(|e| e.0 == "skipped").unwrap();
    assert!(attr(skipped, "message").unwrap().contains("序号沿用原稿"));
}

#[test]
fn checkstyle_parses_back_strictly() {
    let els = parse_xml(&format("checkstyle"));
    let errors: Vec<_> = els.iter().filter(|e| e.0 == "error").collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(attr(errors[0], "source"), Some("gongkai.ci-contact"));
    assert_eq!(attr(errors[1], "line"), Some("16"));
    assert!(attr(errors[1], "message")
        .unwrap()
        .contains("2025年2月10日"));
}

#[test]
fn github_commands_are_escaped_and_summary_is_written() {
    let out = format("github");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(
        "::error file=drafts/某某市民政局2024年度报告.txt,line=1,col=1,title=ci-contact::"
    ));
    // The help text is on a second line of the annotation: the newline is escaped.
    assert!(lines[0].contains("%0A修改建议"));
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "前一步的摘要\n").unwrap();
    let out = gongkai()
        .current_dir(ci_dir())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github", DRAFT])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("前一步的摘要\n## gongkai 检查结果"), "{md}");
    assert!(md.contains("| `drafts/某某市民政局2024年度报告.txt` | 某某市民政局 | 2024 | 2 | 0 | 0 | 1 | ✖ 未通过 |"), "{md}");
    assert!(md.contains("`ci-deadline`"));
}

#[test]
fn gitlab_fingerprints_are_unique() {
    // Two drafts with the same defects: fingerprints must still differ per finding.
    let dir = tempfile::tempdir().unwrap();
    for name in ["甲.txt", "乙.txt"] {
        std::fs::copy(ci_dir().join(DRAFT), dir.path().join(name)).unwrap();
    }
    let config = ci_dir().join("gongkai.yaml");
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "gitlab",
            "--config",
            config.to_str().unwrap(),
            ".",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issues = v.as_array().unwrap();
    // ci-contact, ci-deadline and ci-numbering in both files: the waiver names
    // drafts/*.txt, which exist but were not part of this run, so it is not judged.
    let mut names: Vec<&str> = issues
        .iter()
        .map(|i| i["check_name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "ci-contact",
            "ci-contact",
            "ci-deadline",
            "ci-deadline",
            "ci-numbering",
            "ci-numbering",
        ]
    );
    let mut fps: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), issues.len());
    for i in issues {
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&i["severity"].as_str().unwrap()));
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(!i["description"].as_str().unwrap().is_empty());
    }
}

#[test]
fn several_outputs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let junit = dir.path().join("junit.xml");
    let jsonl = dir.path().join("out.jsonl");
    let (code, out, err) = run_in(
        &ci_dir(),
        &[
            "check",
            "--output",
            &format!("sarif:{}", sarif.display()),
            "-o",
            &format!("junit:{}", junit.display()),
            "--output",
            &format!("json-lines:{}", jsonl.display()),
            DRAFT,
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("[ci-deadline]"),
        "human output on stdout: {out}"
    );
    assert_valid_sarif(&std::fs::read_to_string(&sarif).unwrap());
    parse_xml(&std::fs::read_to_string(&junit).unwrap());
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["rule"], "ci-deadline");
    assert_eq!(lines[1]["path"], DRAFT);
}

#[test]
fn bad_output_spec_is_a_usage_error() {
    let (code, _, err) = run_in(&ci_dir(), &["check", "--output", "pdf:x.pdf", DRAFT]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的格式「pdf」"), "{err}");
    let (code, _, _) = run_in(&ci_dir(), &["check", "--output", "sarif", DRAFT]);
    assert_eq!(code, 2);
}

#[test]
fn unwritable_output_exits_2() {
    let (code, _, err) = run_in(
        &ci_dir(),
        &[
            "check",
            "--output",
            "json:/nonexistent-dir/x/out.json",
            DRAFT,
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("无法写入"), "{err}");
}

#[test]
fn machine_formats_keep_stdout_parseable_with_summaries() {
    let (code, out, err) = run_in(
        &ci_dir(),
        &[
            "check",
            "--format",
            "json",
            "--statistics",
            "--summary",
            DRAFT,
        ],
    );
    assert_eq!(code, 1);
    serde_json::from_str::<serde_json::Value>(&out).expect("stdout is JSON only");
    assert!(
        err.contains("规则统计") && err.contains("文件汇总"),
        "{err}"
    );
}

#[test]
fn json_with_suppressed_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/diagnostics.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&format("json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(v["summary"]["suppressed"], 1);
    let s = &v["files"][0]["suppressed"][0];
    assert_eq!(s["rule"], "ci-numbering");
    assert_eq!(s["waiver"]["config"], "gongkai.yaml");
    assert_eq!(s["waiver"]["line"], 7);
    assert_eq!(s["waiver"]["approver"], "市政务公开办");
    // A finding with an extra key is rejected: the schema is strict.
    let mut bad = v.clone();
    bad["files"][0]["diagnostics"][0]["extra"] = serde_json::json!(1);
    assert!(!validator.is_valid(&bad));
}
