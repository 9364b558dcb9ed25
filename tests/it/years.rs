//! Across years (issue 12): a 2025 draft made from the real 淮安市 2024 report (years
//! moved on, 上年结转 34 left while 2024 carried 103 over, the 问题 part unchanged),
//! checked with `--previous` and in a folder; pairing never crosses agencies or years.

use crate::support::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const CROSS: [&str; 4] = [
    "carry-over-previous",
    "t2-valid-continuity",
    "copied-from-previous",
    "unpaired-previous-report",
];

fn report_2024() -> PathBuf {
    fixture("real/text/003_huaian-city-2024.txt")
}

fn draft_2025() -> PathBuf {
    fixture("years/huaian-city-2025-draft.txt")
}

/// The draft with its 二、上年结转 row set to what 2024 carried over.
fn fixed_draft() -> String {
    let text = std::fs::read_to_string(draft_2025()).unwrap();
    let row = "二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34";
    assert!(text.contains(row));
    text.replace(
        row,
        "二、上年结转政府信息公开申请数量               103          0        0        0        0    0   103",
    )
}

fn file<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no {name} in {v}"))
}

fn of_rule<'a>(f: &'a Value, rule: &str) -> Vec<&'a Value> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

fn cross_year(f: &Value) -> Vec<(String, String)> {
    findings_of(f)
        .into_iter()
        .filter(|(_, r)| CROSS.contains(&r.as_str()))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The 淮安 findings: 上年结转 34 against 103 in 自然人 and 总计, and the copied 问题 part.
fn assert_huaian(f: &Value, previous: &str) {
    let carry = of_rule(f, "carry-over-previous");
    assert_eq!(carry.len(), 2, "{carry:?}");
    for (d, column) in carry.iter().zip(["自然人", "总计"]) {
        assert_eq!(d["severity"], "error");
        let m = d["message"].as_str().unwrap();
        for needle in [column, "34", "103", previous, "2024年度", "2025年度"] {
            assert!(m.contains(needle), "{needle} not in {m}");
        }
        assert_eq!(
            (d["expected"].as_str(), d["actual"].as_str()),
            (Some("103"), Some("34"))
        );
    }
    let copied = of_rule(f, "copied-from-previous");
    assert_eq!(copied.len(), 1, "{copied:?}");
    let m = copied[0]["message"].as_str().unwrap();
    assert!(
        m.contains("五、存在的主要问题及改进情况") && m.contains("100%"),
        "{m}"
    );
}

#[test]
fn carry_over_fires_with_previous() {
    let (code, v) = check_json(&[s(&draft_2025()), "--previous", s(&report_2024())]);
    assert_eq!(code, 1);
    assert_huaian(&v["files"][0], "003_huaian-city-2024.txt");
}

#[test]
fn carry_over_fires_when_both_sit_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(report_2024(), dir.path().join("淮安市2024年报告.txt")).unwrap();
    std::fs::copy(
        draft_2025(),
        dir.path().join("淮安市2025年报告（草稿）.txt"),
    )
    .unwrap();
    let (_, v) = check_json(&[s(dir.path())]);
    assert_huaian(
        file(&v, "淮安市2025年报告（草稿）.txt"),
        "淮安市2024年报告.txt",
    );
    // Last year's report has no year before it here: nothing across years.
    assert_eq!(cross_year(file(&v, "淮安市2024年报告.txt")), vec![]);
}

#[test]
fn the_fixed_row_is_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("淮安市2025年报告（草稿）.txt");
    std::fs::write(&draft, fixed_draft()).unwrap();
    let (_, v) = check_json(&[s(&draft), "--previous", s(&report_2024())]);
    assert_eq!(
        of_rule(&v["files"][0], "carry-over-previous"),
        Vec::<&Value>::new()
    );
    // The copy is still there.
    assert_eq!(of_rule(&v["files"][0], "copied-from-previous").len(), 1);
    std::fs::copy(report_2024(), dir.path().join("淮安市2024年报告.txt")).unwrap();
    let (_, v) = check_json(&[s(dir.path())]);
    let f = file(&v, "淮安市2025年报告（草稿）.txt");
    assert_eq!(of_rule(f, "carry-over-previous"), Vec::<&Value>::new());
    assert_eq!(of_rule(f, "copied-from-previous").len(), 1);
}

#[test]
fn another_agency_or_year_is_never_compared() {
    // 洪泽区 2023 named as last year's report of 淮安市 2025: another year, nothing compared.
    let hongze_2023 = fixture("real/text/001_huaian-hongze-district-2023.txt");
    let (_, v) = check_json(&[s(&draft_2025()), "--previous", s(&hongze_2023)]);
    let f = &v["files"][0];
    assert_eq!(
        cross_year(f),
        pairs(&[("info", "unpaired-previous-report")])
    );
    assert!(of_rule(f, "unpaired-previous-report")[0]["message"]
        .as_str()
        .unwrap()
        .contains("2023 年度"));
    // The right year of another agency: 洪泽区 2023 for 淮安市 2024.
    let (_, v) = check_json(&[s(&report_2024()), "--previous", s(&hongze_2023)]);
    let f = &v["files"][0];
    assert_eq!(
        cross_year(f),
        pairs(&[("info", "unpaired-previous-report")])
    );
    let m = of_rule(f, "unpaired-previous-report")[0]["message"]
        .as_str()
        .unwrap();
    assert!(
        m.contains("洪泽区人民政府") && m.contains("淮安市人民政府"),
        "{m}"
    );
    // In a folder they are simply not paired, and a missing year is not bridged.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&hongze_2023, dir.path().join("a.txt")).unwrap();
    std::fs::copy(report_2024(), dir.path().join("b.txt")).unwrap();
    let later = std::fs::read_to_string(draft_2025())
        .unwrap()
        .replace("2025", "2026");
    std::fs::write(dir.path().join("c.txt"), later).unwrap();
    assert_no_cross_year_finding(dir.path());
}

#[test]
fn two_candidates_are_an_info_not_a_guess() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(report_2024(), dir.path().join("2024甲.txt")).unwrap();
    std::fs::copy(report_2024(), dir.path().join("2024乙.txt")).unwrap();
    std::fs::copy(draft_2025(), dir.path().join("2025.txt")).unwrap();
    let (_, v) = check_json(&[s(dir.path())]);
    let f = file(&v, "2025.txt");
    assert_eq!(
        cross_year(f),
        pairs(&[("info", "unpaired-previous-report")])
    );
    let m = of_rule(f, "unpaired-previous-report")[0]["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("2024甲.txt") && m.contains("2024乙.txt"), "{m}");
}

#[test]
fn many_candidates_are_counted_and_only_the_first_named() {
    // Twelve copies of one agency's 2024 report and one 2025 draft: the draft's message
    // gives the count and names five of them, so the output does not grow with the square
    // of the batch.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        std::fs::copy(report_2024(), dir.path().join(format!("2024-{i:02}.txt"))).unwrap();
    }
    std::fs::copy(draft_2025(), dir.path().join("2025.txt")).unwrap();
    let (_, v) = check_json(&[s(dir.path())]);
    let f = file(&v, "2025.txt");
    let m = of_rule(f, "unpaired-previous-report")[0]["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("有 12 份报告"), "{m}");
    assert_eq!(m.matches(".txt").count(), 5, "{m}");
    assert!(m.contains("2024-00.txt") && m.contains(" 等）"), "{m}");
    assert!(!m.contains("2024-11.txt"), "{m}");
}

#[test]
fn configured_agencies_pair_reports_without_a_readable_name() {
    // 平潭 crawl texts name no agency the facts stage can read: `agencies:` files them.
    let dir = tempfile::tempdir().unwrap();
    for n in [
        "011_pingtan-2021-crawltext.txt",
        "012_pingtan-2022-crawltext.txt",
    ] {
        std::fs::copy(fixture(&format!("real/text/{n}")), dir.path().join(n)).unwrap();
    }
    let out = gongkai().arg("dump").arg(dir.path()).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pairs"].as_array().unwrap().len(), 0, "{v}");
    std::fs::write(
        dir.path().join("gongkai.yaml"),
        "agencies:\n  - name: 平潭综合实验区管委会\n    files: [\"*pingtan*.txt\"]\n",
    )
    .unwrap();
    // The configuration is the run's (current folder upward), as a CI step would have it.
    let out = gongkai()
        .current_dir(dir.path())
        .arg("dump")
        .arg(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["pairs"][0];
    assert!(
        p["current"]
            .as_str()
            .unwrap()
            .ends_with("012_pingtan-2022-crawltext.txt"),
        "{v}"
    );
    assert!(p["previous"]
        .as_str()
        .unwrap()
        .ends_with("011_pingtan-2021-crawltext.txt"));
    // 2021 carried 1 over, 2022 took 1 in: no carry-over finding; 表二's run-together
    // 行政规范性文件 cells are unreadable, so continuity is not assessable (an info).
    let out = gongkai()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = file(&v, "012_pingtan-2022-crawltext.txt");
    assert_eq!(cross_year(f), pairs(&[("info", "t2-valid-continuity")]));
}

#[test]
fn the_real_pairs_are_checked_and_never_cross_agencies() {
    // 洪泽区 2023/2024 (名称 全称/简称) and 淮安市 2024 side by side.
    let dir = tempfile::tempdir().unwrap();
    for n in [
        "001_huaian-hongze-district-2023.txt",
        "002_huaian-hongze-district-2024.txt",
        "003_huaian-city-2024.txt",
    ] {
        std::fs::copy(fixture(&format!("real/text/{n}")), dir.path().join(n)).unwrap();
    }
    let out = gongkai().arg("dump").arg(dir.path()).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pairs_found: Vec<(String, String)> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let name = |k: &str| {
                p[k].as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            };
            (name("previous"), name("current"))
        })
        .collect();
    assert_eq!(
        pairs_found,
        vec![(
            "001_huaian-hongze-district-2023.txt".to_string(),
            "002_huaian-hongze-district-2024.txt".to_string()
        )]
    );
    // Checked by hand: 上年结转 0 = 结转下年度 0; 现行有效 8 = 5 + 3 − 0; the 问题
    // parts are 57 % alike. Nothing to report.
    assert_no_cross_year_finding(dir.path());
}

#[test]
fn output_is_the_same_with_any_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(report_2024(), dir.path().join("2024.txt")).unwrap();
    std::fs::copy(draft_2025(), dir.path().join("2025.txt")).unwrap();
    std::fs::write(
        dir.path().join("2026.txt"),
        std::fs::read_to_string(draft_2025())
            .unwrap()
            .replace("2025", "2026"),
    )
    .unwrap();
    let run = |jobs: &str| {
        gongkai()
            .args(["check", "--format", "json", "--jobs", jobs])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("4"));
    let v: Value = serde_json::from_slice(&one).unwrap();
    // 2026 copies 2025 (its 问题 part, and 上年结转 34 against 103 again).
    assert_eq!(
        of_rule(file(&v, "2026.txt"), "carry-over-previous").len(),
        2
    );
}

/// Files of a generated corpus with the findings expected on each.
type Expected = Vec<(String, Vec<(String, String)>)>;

/// A generated multi-year corpus: (file → expected findings, defect names seeded).
fn generated(dir: &Path, seed: u64, defects: f64) -> (Expected, Vec<String>) {
    let o = crate::corpus::generator::Options {
        out: dir.to_path_buf(),
        count: 24,
        seed,
        defects,
        formats: vec!["txt".into(), "docx".into(), "html".into()],
        profiles: vec!["2021".into()],
    };
    crate::corpus::generator::generate_years(&o, 4).expect("generate");
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).unwrap();
    let mut want = Vec::new();
    let mut kinds = Vec::new();
    for l in manifest.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        let mut e: Vec<(String, String)> = v["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["severity"].as_str().unwrap().to_string(),
                    e["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        e.sort();
        if let Some(k) = v["defect"].as_str() {
            kinds.push(k.to_string());
        }
        want.push((v["file"].as_str().unwrap().to_string(), e));
    }
    (want, kinds)
}

fn check_generated(dir: &Path, want: &Expected) {
    let (_, v) = check_json(&[s(dir)]);
    assert_eq!(v["files"].as_array().unwrap().len(), want.len());
    for (name, expected) in want {
        let f = file(&v, name);
        assert!(f["error"].is_null(), "{name}: {}", f["error"]);
        assert_eq!(&findings_of(f), expected, "{name}");
    }
}

#[test]
fn every_seeded_cross_year_defect_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (want, kinds) = generated(dir.path(), 1, 0.7);
    assert_eq!(want.len(), 24);
    for k in [
        "carry-over",
        "valid-continuity",
        "copied-problems",
        "stale-year",
    ] {
        assert!(
            kinds.iter().any(|x| x == k),
            "no report seeded with {k}: {kinds:?}"
        );
    }
    check_generated(dir.path(), &want);
}

#[test]
fn clean_chains_have_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (want, kinds) = generated(dir.path(), 4, 0.0);
    assert!(kinds.is_empty());
    check_generated(dir.path(), &want);
    // Six agencies, four years each: every report after the first is paired.
    let out = gongkai().arg("dump").arg(dir.path()).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pairs"].as_array().unwrap().len(), 18);
}

#[test]
fn supervisor_outputs_show_each_agencys_years() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("三年");
    let o = crate::corpus::generator::Options {
        out: corpus.clone(),
        count: 12,
        seed: 21,
        defects: 0.0,
        formats: vec!["txt".into(), "docx".into(), "html".into()],
        profiles: vec!["2021".into()],
    };
    crate::corpus::generator::generate_years(&o, 3).unwrap();
    let agencies: std::collections::BTreeSet<String> =
        std::fs::read_to_string(corpus.join("manifest.jsonl"))
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["agency"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
    assert_eq!(agencies.len(), 4);
    let (html, csv) = (dir.path().join("报告.html"), dir.path().join("汇总.csv"));
    let out = gongkai()
        .args(["check", "--format", "concise", "--summary", "--html"])
        .arg(&html)
        .arg("--summary-csv")
        .arg(&csv)
        .arg(&corpus)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("机关逐年对比"), "{text}");
    let html = std::fs::read_to_string(&html).unwrap();
    // Well-formed, no scripts, and per agency a heading, a table of its three years and a chart.
    let mut reader = quick_xml::Reader::from_str(&html);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("HTML is not well-formed: {e}"),
        }
    }
    assert!(!html.contains("<script"));
    let trends = &html[html
        .find("<section id=\"trends\">")
        .expect("a trends section")..];
    let trends = &trends[..trends.find("</section>").unwrap()];
    for a in &agencies {
        let at = trends
            .find(&format!("<h3>{a}</h3>"))
            .unwrap_or_else(|| panic!("no table for {a}"));
        let block = &trends[at..];
        let block = &block[..block.find("</div>").unwrap()];
        assert_eq!(block.matches("<tr><td>20").count(), 3, "{a}: {block}");
        assert_eq!(block.matches("<svg").count(), 1, "{a}");
        assert!(block.contains("<path "), "{a}: the chart draws lines");
    }
    let csv = std::fs::read_to_string(&csv).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with("上年报告,新收申请,予以公开占比,行政复议,行政诉讼,复议诉讼纠正占比,规范性文件制发,规范性文件现行有效,较上年变化大（请核对）"), "{header}");
}

#[test]
fn previous_must_be_one_report_for_one_draft() {
    let dir = tempfile::tempdir().unwrap();
    let notice = dir.path().join("通知.txt");
    std::fs::write(
        &notice,
        "关于开展2024年政务公开培训的通知\n各单位：请于3月1日前报名。\n",
    )
    .unwrap();
    let (_, v) = check_json(&[s(&draft_2025()), "--previous", s(&notice)]);
    let f = &v["files"][0];
    assert_eq!(
        cross_year(f),
        pairs(&[("info", "unpaired-previous-report")])
    );
    assert!(of_rule(f, "unpaired-previous-report")[0]["message"]
        .as_str()
        .unwrap()
        .contains("不是政府信息公开工作年度报告"));
    let out = gongkai()
        .arg("check")
        .arg(draft_2025())
        .arg(report_2024())
        .arg("--previous")
        .arg(report_2024())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--previous 只能与一个草稿一起使用"));
}

/// No file of a checked folder has a finding across years.
fn assert_no_cross_year_finding(dir: &Path) {
    let (_, v) = check_json(&[s(dir)]);
    for f in v["files"].as_array().unwrap() {
        assert_eq!(cross_year(f), vec![], "{}", f["path"]);
    }
}
