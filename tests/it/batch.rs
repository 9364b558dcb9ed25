//! Batch runs: a generated directory of 1,000 drafts with known defects in known
//! files, byte-identical output for --jobs 1 and --jobs 2, globs, and the HTML
//! report of a batch parsed back.

use crate::formats::{ci_dir, parse_xml, run_in};
use std::collections::BTreeMap;
use std::path::Path;

const FILES: usize = 1000;

fn draft(i: usize, phone: bool) -> String {
    let phone = if phone {
        "如对本报告有疑问，请联系：某某市政务公开办，联系电话：0571-87654321，地址：某某市人民路1号。\n"
    } else {
        "如对本报告有疑问，请联系某某市政务公开办。\n"
    };
    format!(
        "某某市第{i}局2024年政府信息公开工作年度报告\n\n\
         本报告依据《中华人民共和国政府信息公开条例》编制。{phone}\n\
         一、总体情况\n2024年，第{i}局主动公开政府信息{n}条。\n\n\
         二、主动公开政府信息情况\n本年制发规范性文件{m}件。\n\n\
         三、其他需要报告的事项\n本机关未收取信息处理费。\n\n某某市第{i}局\n2025年1月20日\n",
        n = 100 + i,
        m = i % 17
    )
}

/// Which files carry which defect (by index).
fn no_phone(i: usize) -> bool {
    i % 10 == 3
}
fn undecodable(i: usize) -> bool {
    i % 100 == 57
}
fn gbk(i: usize) -> bool {
    i.is_multiple_of(125)
}

fn rel(i: usize) -> String {
    format!("省{}/市{}/单位{i:04}.txt", i / 250, (i / 50) % 5)
}

/// Write the batch: 1,000 drafts (some GBK), 10 undecodable, and files that are
/// not drafts (skipped by extension). Only the built-in `contact-block` rule runs.
fn generate(root: &Path) {
    std::fs::write(
        root.join("gongkai.yaml"),
        "rules:\n  enable: [contact-block]\n",
    )
    .unwrap();
    for i in 0..FILES {
        let path = root.join(rel(i));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes = if undecodable(i) {
            vec![0xff, 0xfe, 0x00, 0xd8, 0x00]
        } else if gbk(i) {
            encoding_rs::GBK
                .encode(&draft(i, !no_phone(i)))
                .0
                .into_owned()
        } else {
            draft(i, !no_phone(i)).into_bytes()
        };
        std::fs::write(&path, bytes).unwrap();
        if i % 100 == 0 {
            std::fs::write(path.with_extension("xlsx"), b"PK\x03\x04 not a report").unwrap();
        }
    }
}

#[test]
fn thousand_drafts_same_output_with_one_or_two_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    generate(root);
    let start = std::time::Instant::now();
    let (code1, out1, err1) = run_in(root, &["check", "--format", "json", "--jobs", "1", "."]);
    let one = start.elapsed();
    let start = std::time::Instant::now();
    let (code2, out2, err2) = run_in(root, &["check", "--format", "json", "--jobs", "2", "."]);
    let two = start.elapsed();
    eprintln!("1,000 drafts: --jobs 1 {one:?}, --jobs 2 {two:?}");
    assert_eq!(code1, 1, "{err1}");
    assert_eq!(code2, 1);
    assert!(out1 == out2, "--jobs 1 and --jobs 2 differ");
    // No progress bar or other noise outside a terminal.
    assert_eq!(err1, "");
    assert_eq!(err2, "");

    let v: serde_json::Value = serde_json::from_str(&out1).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), FILES);
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "sorted by path");

    let mut expected: BTreeMap<String, (Option<&str>, Vec<&str>)> = BTreeMap::new();
    for i in 0..FILES {
        let e = if undecodable(i) {
            (Some("load"), vec![])
        } else if no_phone(i) {
            (None, vec!["contact-block"])
        } else {
            (None, vec![])
        };
        expected.insert(rel(i), e);
    }
    let mut actual: BTreeMap<String, (Option<&str>, Vec<&str>)> = BTreeMap::new();
    for f in files {
        let rules: Vec<&str> = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        let error = f["error"].as_str().map(|_| "load");
        actual.insert(f["path"].as_str().unwrap().to_string(), (error, rules));
    }
    assert_eq!(actual, expected);
    assert_eq!(v["summary"]["files"], 1000);
    assert_eq!(v["summary"]["warnings"], 100);
    assert_eq!(v["summary"]["errors"], 0);
    // The GBK drafts were decoded and checked like the others.
    assert!(files
        .iter()
        .any(|f| f["path"] == rel(125) && f["error"].is_null()));
    assert!(files
        .iter()
        .all(|f| f["error"].is_null() || f["error"].as_str().unwrap().contains("编码")));
}

#[test]
fn globs_expand_in_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for p in ["2023/a.txt", "2024/b.txt", "2024/深/c.md", "2024/d.xlsx"] {
        let path = root.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, draft(1, true)).unwrap();
    }
    std::fs::write(
        root.join("gongkai.yaml"),
        "rules:\n  enable: [contact-block]\n",
    )
    .unwrap();
    let (code, out, err) = run_in(root, &["check", "--format", "concise", "2024/**/*"]);
    assert_eq!(code, 0, "{out}{err}");
    let (_, out, _) = run_in(root, &["check", "--format", "json", "2024/**/*"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["2024/b.txt", "2024/深/c.md"]);
    let (code, _, err) = run_in(root, &["check", "2025/*.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有检查任何文件"), "{err}");
}

#[test]
fn html_report_of_a_batch_is_well_formed_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let src = std::fs::read_to_string(ci_dir().join(crate::formats::DRAFT)).unwrap();
    std::fs::write(
        root.join("gongkai.yaml"),
        format!(
            "rule_dirs: [\"{}\"]\nrules:\n  enable: [ci-contact, ci-deadline, ci-numbering]\nwaivers:\n  - rule: ci-numbering\n    file: \"*1.txt\"\n    reason: 合并部分<A&B>\n",
            ci_dir().join("rules").display().to_string().replace('\\', "/")
        ),
    )
    .unwrap();
    for i in 0..12 {
        let agency = ["某某市民政局", "某某县财政局", "某某镇人民政府"][i % 3];
        let mut text = src.replace("某某市民政局", agency);
        if i % 2 == 0 {
            text = text.replace("地址：", "联系电话：0571-87654321\n地址：");
        }
        if i % 4 == 0 {
            text = text.replace("2025年2月10日", "2025年1月10日");
        }
        std::fs::write(root.join(format!("{agency}{i}.txt")), text).unwrap();
    }
    std::fs::write(root.join("坏<&>.txt"), [0xff, 0xfe, 0x00, 0xd8]).unwrap();
    let html = root.join("报告.html");
    let (code, out, err) = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--html",
            html.to_str().unwrap(),
            ".",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = std::fs::read_to_string(&html).unwrap();
    let elements = parse_xml(&text);
    // Self-contained: no scripts, no external resources.
    assert!(!elements
        .iter()
        .any(|e| ["script", "link", "img", "iframe"].contains(&e.0.as_str())));
    assert!(!text.contains("http://") && !text.contains("https://"));
    assert!(text.contains("@media print"));
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    let mut findings = 0;
    for f in v["files"].as_array().unwrap() {
        assert!(
            text.contains(&escape(f["path"].as_str().unwrap())),
            "{}",
            f["path"]
        );
        if let Some(e) = f["error"].as_str() {
            assert!(text.contains(&escape(e)));
        }
        for d in f["diagnostics"].as_array().unwrap() {
            findings += 1;
            assert!(
                text.contains(&escape(d["message"].as_str().unwrap())),
                "{d}"
            );
        }
        for s in f["suppressed"].as_array().into_iter().flatten() {
            assert!(text.contains(&escape(s["reason"].as_str().unwrap())));
        }
    }
    assert!(findings >= 12, "{findings}");
    // One list item per finding (active and waived) and the agencies × rules overview.
    let items = elements.iter().filter(|e| e.0 == "li").count();
    let total = v["summary"]["errors"].as_u64().unwrap()
        + v["summary"]["warnings"].as_u64().unwrap()
        + v["summary"]["infos"].as_u64().unwrap()
        + v["summary"]["suppressed"].as_u64().unwrap_or(0);
    assert_eq!(items as u64, total);
    assert!(text.contains("机关 × 规则"));
    for agency in ["某某市民政局", "某某县财政局", "某某镇人民政府"] {
        assert!(text.contains(&format!("<tr><td>{agency}</td>")), "{agency}");
    }
    assert!(text.contains("合并部分&lt;A&amp;B&gt;"));
}
