//! Rule packs: self-tests, overrides, and rule-file errors located at YAML line and column.

use crate::support::*;
use std::path::Path;

const PACK_2021: &str = "profile: '2021'\nname: 测试规则包\n";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const GOOD_RULE: &str = r#"id: needs-email
category: contact
severity: warning
message: 报告没有给出{items}
help: 请补充电子邮箱。
basis: 本省年报编制要求
examples:
  valid:
    - "联系电话：020-83831691，电子邮箱：gk@example.gov.cn"
  invalid:
    - "联系电话：020-83831691"
check:
  contact-block:
    required: [phone, email]
"#;

#[test]
fn builtin_rules_pass_their_examples() {
    let out = gongkai().args(["rules", "test"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{s}");
    let line = s.lines().last().unwrap();
    assert!(line.ends_with("passed, 0 failed"), "{line}");
    let passed: usize = line.split_whitespace().next().unwrap().parse().unwrap();
    assert!(passed >= 60, "{line}");
}

#[test]
fn every_builtin_rule_has_valid_and_invalid_examples() {
    let rs = gongkai::rules::RuleSet::builtin().unwrap();
    assert!(rs.rules.len() >= 25);
    for r in &rs.rules {
        assert!(
            !r.spec.examples.valid.is_empty() && !r.spec.examples.invalid.is_empty(),
            "{}",
            r.spec.id
        );
    }
}

#[test]
fn rules_test_fails_when_an_invalid_example_does_not_fire() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.yaml", PACK_2021);
    write(dir.path(), "needs-email.yaml", GOOD_RULE);
    let (code, s) = rules_test(dir.path());
    assert_eq!(code, Some(0), "{s}");
    assert!(s.contains("2 passed, 0 failed"), "{s}");

    // The "invalid" example now has an e-mail: it no longer fires, so the self-test must fail.
    let broken = GOOD_RULE.replace(
        "- \"联系电话：020-83831691\"\n",
        "- \"联系电话：020-83831691，电子邮箱：a@b.cn\"\n",
    );
    write(dir.path(), "needs-email.yaml", &broken);
    let (code, s) = rules_test(dir.path());
    assert_eq!(code, Some(1), "{s}");
    assert!(s.contains("invalid 示例 1 没有触发规则"), "{s}");
}

#[test]
fn user_pack_adds_and_overrides_rules() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pack.yaml",
        "profile: pre-2019\nname: 本省规则\n",
    );
    write(
        dir.path(),
        "contact-block.yaml",
        &GOOD_RULE.replace("id: needs-email", "id: contact-block"),
    );
    let seed = fixture("seeds/000_d881b3407b3e046e.txt");
    let (_, v) = check_json(&[
        "--rules",
        dir.path().to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    let d: Vec<&serde_json::Value> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "contact-block")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["message"], "报告没有给出电子邮箱");
}

fn expect_rule_error(file: &str, text: &str, needle: &str, line: usize, col: usize) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.yaml", PACK_2021);
    write(dir.path(), file, text);
    let seed = fixture("seeds/000_d881b3407b3e046e.txt");
    let out = gongkai()
        .args(["check", "--rules"])
        .arg(dir.path())
        .arg(&seed)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(needle), "expected «{needle}» in:\n{err}");
    assert!(
        err.contains(&format!("第{line}行第{col}列")),
        "expected line {line} col {col} in:\n{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is checked with a broken rule pack"
    );
}

#[test]
fn unknown_key_is_located() {
    expect_rule_error(
        "r.yaml",
        &GOOD_RULE.replace(
            "basis: 本省年报编制要求\n",
            "basis: 本省年报编制要求\nseverty: error\n",
        ),
        "未知的键「severty」",
        7,
        1,
    );
}

#[test]
fn wrong_type_is_located() {
    expect_rule_error(
        "r.yaml",
        &GOOD_RULE.replace("required: [phone, email]", "required: phone"),
        "类型不对",
        14,
        15,
    );
}

#[test]
fn invalid_regex_is_located() {
    let text = r#"id: bad-regex
category: fee
severity: warning
message: 没有说明信息处理费
help: 请说明。
basis: 测试
examples:
  valid: ["六、其他需要报告的事项\n未收取信息处理费"]
  invalid: ["六、其他需要报告的事项\n无"]
check:
  fee-statement:
    sections: [other]
    topic: ["信息处理费("]
    zero: ["未收取"]
"#;
    expect_rule_error("r.yaml", text, "无效的正则表达式", 13, 13);
}

#[test]
fn duplicate_id_is_located() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.yaml", PACK_2021);
    write(dir.path(), "a.yaml", GOOD_RULE);
    write(dir.path(), "b.yaml", GOOD_RULE);
    let out = gongkai()
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("规则 id「needs-email」重复") && err.contains("第1行第5列"),
        "{err}"
    );
}

#[test]
fn unknown_section_reference_is_located() {
    let text = GOOD_RULE.replace(
        "  contact-block:\n    required: [phone, email]\n",
        "  statement:\n    section: fees\n    patterns: [收费]\n",
    );
    expect_rule_error("r.yaml", &text, "未知的部分「fees」", 14, 14);
}

#[test]
fn unknown_rule_kind_is_reported() {
    let text = GOOD_RULE.replace("  contact-block:", "  contact-blok:");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.yaml", PACK_2021);
    write(dir.path(), "r.yaml", &text);
    let out = gongkai()
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("第"), "{err}");
}

#[test]
fn explain_and_list() {
    let out = gongkai()
        .args(["explain", "contact-block"])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        s.contains("检查什么") && s.contains("依据") && s.contains("会报告的示例"),
        "{s}"
    );
    let out = gongkai()
        .args(["explain", "no-such-rule"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = gongkai().args(["rules", "list"]).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("missing-section-fee") && s.contains("prose-sum"),
        "{s}"
    );
}
