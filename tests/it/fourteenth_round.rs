//! Issue 10, fourteenth round (the misses of heldout10, spent at stop 22 after its second
//! run):
//! - a department's report whose contact sentence names another department of the same
//!   city (“请联系吉林市文化局办公室” in 吉林市交通运输局's report, 吉林市交通运输局 2008,
//!   audit F2) is text copied from that department's report (`foreign-contact`);
//! - a plan dated two or more years after the report year (“制定了2011年度政务公开工作计划”
//!   in a 2008 report, same file, audit F1) is a wrong year or copied text
//!   (`distant-year-plan`);
//! - an opening whose account of the parts lists the old “相关费用情况” part (“主要内容包括
//!   主动公开政府信息情况、……、政府信息公开相关费用情况、存在问题及改进措施”, 吴起县 2023,
//!   audit F1) announces the old structure (`announced-old-structure`).

use crate::support::{assert_one_finding, check_draft as check, of_rule as of, one_warning};

const JILIN: &str = "real/heldout10/jilin-jilinshi-jiaotong-2008.txt";

#[test]
fn another_departments_contact_is_reported_with_the_own_name() {
    let msg = one_warning(JILIN, "foreign-contact");
    assert!(msg.contains("吉林市文化局"), "{msg}");
    assert!(msg.contains("吉林市交通运输局"), "{msg}");
}

fn department(opening: &str) -> Vec<(String, String, String)> {
    check(&format!(
        "{opening}\n一、基本工作情况\n我局全年主动公开政府信息46条。\n"
    ))
}

#[test]
fn own_shared_and_renamed_contacts_are_not_reported() {
    let got = department(
        "2008年,某某市交通运输局在市政务公开办的指导下开展工作。如对本年报有疑问,请联系某某市文化局办公室。",
    );
    assert_one_finding(&got, "foreign-contact", "warning", "某某市文化局");
    for opening in [
        // Its own office, the government's disclosure office, the same department under
        // its older name, and a department of another city.
        "2008年,某某市交通运输局在市政务公开办的指导下开展工作。如对本年报有疑问,请联系某某市交通运输局办公室。",
        "2008年,某某市交通运输局在市政务公开办的指导下开展工作。如对本年报有疑问,请联系某某市政务公开办公室。",
        "2008年,某某市交通局在市政务公开办的指导下开展工作。如对本年报有疑问,请联系某某市交通运输局办公室。",
        "2008年,某某市交通运输局在市政务公开办的指导下开展工作。如对本年报有疑问,请联系另一市文化局办公室。",
        // A government's report may send readers to one of its departments.
        "某某市人民政府2008年政府信息公开工作年度报告\n如对本年报有疑问,请联系某某市民政局办公室。",
    ] {
        assert!(of(&department(opening), "foreign-contact").is_empty(), "{opening}");
    }
}

#[test]
fn a_plan_two_years_after_the_report_year_is_reported() {
    let msg = one_warning(JILIN, "distant-year-plan");
    assert!(msg.contains("2011年度政务公开工作计划"), "{msg}");
    let report = |body: &str| {
        check(&format!(
            "某某市交通运输局2008年政府信息公开工作年度报告\n一、基本工作情况\n{body}\n"
        ))
    };
    assert_one_finding(
        &report("制定了2010年度政务公开工作计划。"),
        "distant-year-plan",
        "warning",
        "2010年度政务公开工作计划",
    );
    for body in [
        "制定了2009年度政务公开工作计划。",
        "按照《2006—2010年政务公开工作规划》制定了年度计划。",
        "制定了2008年度政务公开工作计划。",
    ] {
        assert!(of(&report(body), "distant-year-plan").is_empty(), "{body}");
    }
}

#[test]
fn an_account_of_the_parts_with_the_old_fee_part_is_reported() {
    let msg = one_warning(
        "real/heldout10/shaanxi-wuqi-2023.txt",
        "announced-old-structure",
    );
    assert!(msg.contains("相关费用情况"), "{msg}");
}

// Two misses of the spent heldout5, read again at stop 22.

#[test]
fn counts_cut_before_the_years_end_are_reported() {
    let msg = one_warning(
        "real/heldout5/neimenggu-keyouzhongqi-harinuoer-2019.txt",
        "period-ends-early",
    );
    assert!(msg.contains("截至2019年12月30日"), "{msg}");
    let report = |body: &str| {
        check(&format!(
            "某某苏木2019年政府信息公开工作年度报告\n一、总体情况\n{body}\n"
        ))
    };
    for body in [
        "截至2019年12月31日,我苏木主动公开143条信息。",
        "截至2019年12月20日,全苏木累计公开信息1430条。",
        "截至2019年12月30日,我苏木尚未接到行政复议。",
    ] {
        assert!(of(&report(body), "period-ends-early").is_empty(), "{body}");
    }
}

#[test]
fn a_garbled_period_after_qizhi_shijian_is_reported() {
    let msg = one_warning(
        "real/heldout5/xinjiang-urumqi-2021.txt",
        "period-date-garbled",
    );
    assert!(msg.contains("202111日"), "{msg}");
}

// A miss of the spent heldout9, read again at stop 22.

#[test]
fn a_numbered_old_fee_part_in_a_new_format_report_is_reported() {
    let msg = one_warning(
        "real/heldout9/gansu-lintao-shangying-2020.txt",
        "old-fee-part",
    );
    assert!(msg.contains("3、政府信息公开收费及减免情况"), "{msg}");
    let report = |body: &str| {
        check(&format!(
            "某某乡人民政府2020年政府信息公开工作年度报告\n一、总体情况\n{body}\n"
        ))
    };
    // Fees spoken of in running text, not as a numbered part of their own.
    assert!(of(
        &report("本年度没有政府信息公开的收费及减免事项。"),
        "old-fee-part"
    )
    .is_empty());
    assert_one_finding(
        &report("(四)信息公开收费及减免情况。本年度没有收费。"),
        "old-fee-part",
        "warning",
        "信息公开收费及减免情况",
    );
}

// A tuning miss: a reading count of one channel in the middle of the channels.

#[test]
fn a_channels_reading_count_does_not_end_the_channels() {
    let msg = one_warning("real/tuning/gansu-linxia-nanlong-2023.txt", "prose-sum");
    assert!(msg.contains("3344") && msg.contains("2918"), "{msg}");
    let report = |views: &str| {
        check(&format!(
            "某某镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n\
             政府信息主动公开数为2918条。其中:通过微信公众平台公开信息数为2464条,{views}\
             通过政府网站公开信息数为480条,其他方式公开信息数为130条。\n"
        ))
    };
    assert_one_finding(
        &report("年度阅读量为29.4万次,"),
        "prose-sum",
        "warning",
        "3074",
    );
    // Another kind of figure still ends what is sure to be the list.
    assert!(of(&report("新开设专栏6个,"), "prose-sum").is_empty());
}
