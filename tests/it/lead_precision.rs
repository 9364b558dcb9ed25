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

#[test]
fn parts_after_the_list_and_carried_over_requests_are_not_summed() {
    // 安徽省统计局 2021 (tuning): 268 + 1379 = 1647; “公开答复数量1061条” follows the 、-list
    // after a comma and is another quantity.
    for (page, rule) in [
        ("real/tuning/anhui-tongjiju-2021.txt", "prose-sum"),
        // 洪山区 2023 (tuning): 238 + 33 + 38 + 323 + 25 + 76 = 733 办结; the 45 carried
        // over to next year are not among the completed.
        ("real/tuning/hubei-wuhan-hongshan-2023.txt", "prose-sum"),
    ] {
        let d = diagnostics_of_rule(page, rule);
        assert!(d.is_empty(), "{page}: {d:?}");
    }
    // A carry-over is a part of what was received, and a 、-list throughout is summed whole.
    let in_report = |s: &str| check(&format!("{HEAD}三、收到和处理政府信息公开申请情况\n{s}\n"));
    let received = in_report(
        "2023年共收到政府信息公开申请50件，其中予以公开30件，不予公开15件，结转下年度办理8件。",
    );
    let f = of(&received, "prose-sum");
    assert_eq!(f.len(), 1, "{received:?}");
    assert!(f[0].2.contains("53"), "{f:?}");
    let listed =
        in_report("全年共办理各类在线留言100条，其中，局长信箱60条、咨询交流30条、投诉建议20条。");
    let f = of(&listed, "prose-sum");
    assert_eq!(f.len(), 1, "{listed:?}");
    assert!(f[0].2.contains("110"), "{f:?}");
}

#[test]
fn periods_with_their_digits_run_together_are_reported() {
    // 南安英都镇 2011 (“自 201111起至 20111231止”) and 上虞盖北镇 2021 (“自20211月1日起,至
    // 202112月31日止”), tuning: the period is written, but its dates cannot be read.
    for page in [
        "real/tuning/fujian-nanan-yingdu-2011.txt",
        "real/tuning/zhejiang-shangyu-gaibei-2021.txt",
    ] {
        let d = diagnostics_of_rule(page, "period-date-garbled");
        assert_eq!(d.len(), 1, "{page}: {d:?}");
        assert_eq!(d[0]["severity"], "warning");
    }
    // A period of whole years and a well-written one with 起/止 are not garbled.
    for line in [
        "本报告所列数据的统计期限自2025年1月1日起，至2025年12月31日止。",
        "统计期间为2024至2025年度的数据另见附表。",
    ] {
        let got = check(&format!("{HEAD}{line}\n"));
        assert!(
            of(&got, "period-date-garbled").is_empty(),
            "{line}: {got:?}"
        );
    }
}
