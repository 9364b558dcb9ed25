//! The five seed documents, as a reviewer reads them (issue 2 acceptance).

use crate::support::*;

fn seed(name: &str) -> String {
    fixture(&format!("seeds/{name}"))
        .to_string_lossy()
        .into_owned()
}

fn diag<'a>(v: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    v["files"][0]["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter(|d| d["rule"] == rule).collect())
        .unwrap_or_default()
}

#[test]
fn seed_000_pre2019_department() {
    let (code, v) = check_json(&[&seed("000_d881b3407b3e046e.txt")]);
    assert_eq!(v["files"][0]["profile"], "pre-2019");
    assert_eq!(v["files"][0]["report"]["year"], 2018);
    assert_eq!(v["files"][0]["report"]["agency"], "广东省戒毒管理局");
    assert_eq!(
        findings(&v),
        pairs(&[
            ("warning", "missing-section-other"),
            ("warning", "apply-count-missing")
        ])
    );
    assert_eq!(code, 0, "warnings only: exit 0 with --fail-on error");
}

#[test]
fn seed_001_is_not_a_report() {
    let (code, v) = check_json(&[&seed("001_edcae09f75506a3d.txt")]);
    let f = findings(&v);
    assert_eq!(
        f.iter()
            .filter(|(s, r)| s == "error" && r == "not-an-annual-report")
            .count(),
        1
    );
    assert!(f.len() <= 3, "{f:?}");
    assert_eq!(code, 1);
}

#[test]
fn seed_002_2019_trial_empty_table_parts() {
    let (code, v) = check_json(&[&seed("002_2dedae3f3a0bdb4a.txt")]);
    assert_eq!(v["files"][0]["profile"], "2019-trial");
    assert_eq!(v["files"][0]["report"]["year"], 2020);
    // Stop 14: parts 二、三、四 with their heading and nothing under it are one blank-tables
    // error (the parts are there; every cell of their tables is missing), not three
    // missing-section errors (tuning audit `sichuan-gongxian-audit-2020`, the same shape).
    assert_eq!(
        findings(&v),
        pairs(&[
            ("error", "bare-table-cells"),
            ("warning", "late-publication"),
        ])
    );
    // The error points at the first empty part and names all three.
    let d = diag(&v, "bare-table-cells");
    assert_eq!(d[0]["section"], "二、主动公开政府信息情况");
    for heading in [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ] {
        assert!(d[0]["message"].as_str().unwrap().contains(heading));
    }
    assert!(
        diag(&v, "prose-sum").is_empty(),
        "118 = 113+2+3 and the 8 results add to 118"
    );
    assert_eq!(code, 1);
}

#[test]
fn seed_003_fee_and_review_only_in_table_and_bad_phone() {
    let (code, v) = check_json(&[&seed("003_c5883498027fb55e.txt")]);
    assert_eq!(
        findings(&v),
        pairs(&[
            ("warning", "missing-section-fee"),
            ("warning", "missing-section-review"),
            ("warning", "missing-section-other"),
            ("warning", "contact-block"),
        ])
    );
    let phone = diag(&v, "contact-block");
    assert!(phone[0]["message"]
        .as_str()
        .unwrap()
        .contains("0851——87721339"));
    // The fee line of the attached table is what counts as the fee statement.
    assert!(diag(&v, "missing-section-fee")[0]["message"]
        .as_str()
        .unwrap()
        .contains("依申请公开信息收取的费用"));
    // The web-site footer (主办单位…联系方式…) is not report text: its phone is not used.
    let text = std::fs::read_to_string(seed("003_c5883498027fb55e.txt")).unwrap();
    let footer = text.find("主办单位").unwrap();
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        assert!(d["offset"].as_u64().unwrap() < footer as u64);
    }
    assert_eq!(code, 0);
}

#[test]
fn seed_004_county_government() {
    let (code, v) = check_json(&[&seed("004_92ab342e01c50e26.txt")]);
    assert_eq!(
        findings(&v),
        pairs(&[
            ("warning", "missing-section-problems"),
            ("warning", "missing-section-other"),
            ("warning", "late-publication")
        ])
    );
    // The fee statement inside 三 is found; the partial list under 5090条 is not a finding.
    assert!(diag(&v, "missing-section-fee").is_empty());
    assert!(diag(&v, "prose-sum").is_empty());
    assert_eq!(code, 0);
}

#[test]
fn human_output_is_chinese_and_located() {
    let out = gongkai()
        .args(["check", &seed("003_c5883498027fb55e.txt")])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("联系电话写法有误"), "{s}");
    assert!(s.contains("003_c5883498027fb55e.txt:277:7"), "{s}");
    assert!(s.contains("共检查 1 个文件"), "{s}");
}

#[test]
fn directory_of_seeds() {
    let (code, v) = check_json(&[fixture("seeds").to_str().unwrap()]);
    assert_eq!(v["summary"]["files"], 5);
    assert_eq!(code, 1);
}

#[test]
fn bundled_sample_draft() {
    let p = fixture("sample/2023年度政府信息公开工作年度报告（草稿）.txt");
    let (code, v) = check_json(&[p.to_str().unwrap()]);
    assert_eq!(
        findings(&v),
        pairs(&[
            ("error", "t3-applicants-total"),
            ("error", "t3-balance"),
            ("error", "t3-results-total"),
            ("warning", "fee-statement"),
            ("warning", "t2-cells"),
            ("warning", "t2-prose"),
            ("warning", "t2-rulemaking-authority"),
            ("warning", "year-slip"),
        ])
    );
    let d = diag(&v, "t3-results-total");
    assert_eq!(
        (d[0]["expected"].as_str(), d[0]["actual"].as_str()),
        (Some("2932"), Some("2923"))
    );
    assert_eq!(d[0]["section"], "三、收到和处理政府信息公开申请情况");
    assert_eq!(code, 1);
}
