//! Stop 15 (lead): errors the seventh batch's audits do not support, each removed on the
//! tuning page or small draft it was found on, with the whole-draft case kept.

use crate::support::{check_draft as check, diagnostics_of_rule, of_rule as of};

const HEAD: &str = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作情况良好，按要求主动公开各类信息。\n\
                    二、主动公开政府信息情况\n本年度规章和行政规范性文件情况见下表，均已主动公开。\n";

#[test]
fn a_table_heading_that_ends_the_text_cannot_be_assessed() {
    // 阎良区文旅局 2020 (tuning): the stored page stops at “三、收到和处理政府”. Nothing
    // follows the heading, so whether 表三 was filled cannot be judged: info, not error.
    let d = diagnostics_of_rule(
        "real/tuning/shaanxi-yanliang-wenlv-2020.txt",
        "bare-table-cells",
    );
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["severity"], "info", "{d:?}");
    assert!(d[0]["message"].as_str().unwrap().contains("无法核对"));

    let cut = check(&format!("{HEAD}三、收到和处理政府信息公开申请情况\n"));
    let bare = of(&cut, "bare-table-cells");
    assert_eq!(bare.len(), 1, "{cut:?}");
    assert_eq!(bare[0].0, "info", "{bare:?}");
    // The parts that are missing after the cut are still reported as missing.
    assert!(!of(&cut, "missing-section-review").is_empty(), "{cut:?}");
}

#[test]
fn a_bare_table_heading_followed_by_more_text_is_still_an_error() {
    let text = format!(
        "{HEAD}三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\
         本年度未发生政府信息公开行政复议、行政诉讼。\n五、存在的主要问题及改进情况\n\
         主动公开的及时性有待提高。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
    );
    let got = check(&text);
    let bare = of(&got, "bare-table-cells");
    assert_eq!(bare.len(), 1, "{got:?}");
    assert_eq!(bare[0].0, "error", "{bare:?}");
    assert!(bare[0].2.contains("表三"), "{bare:?}");
}

#[test]
fn a_report_page_without_its_title_is_still_a_report() {
    // 普宁市赤岗镇 2024 (tuning): the stored page starts at “一、总体情况” and shows the 2021
    // format's sub-headings (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障).
    let d = diagnostics_of_rule(
        "real/tuning/guangdong-puning-chigang-2024.txt",
        "not-an-annual-report",
    );
    assert!(d.is_empty(), "{d:?}");
    let page = "一、总体情况\n（一）主动公开\n本年度主动公开政府信息120条。\n（二）依申请公开\n\
                本年度收到申请3件。\n（三）政府信息管理\n健全审查机制。\n";
    assert!(of(&check(page), "not-an-annual-report").is_empty());
    // Two of the sub-headings are not enough, and a plan that names itself stays a plan.
    let two = "一、总体情况\n（一）主动公开\n本年度主动公开政府信息120条。\n（二）依申请公开\n本年度收到申请3件。\n";
    assert_eq!(of(&check(two), "not-an-annual-report").len(), 1);
    let plan = format!("为做好政务公开工作，特制定本方案。\n{page}");
    let got = check(&plan);
    let found = of(&got, "not-an-annual-report");
    assert_eq!(found.len(), 1, "{got:?}");
    assert!(found[0].2.contains("本方案"), "{found:?}");
}
