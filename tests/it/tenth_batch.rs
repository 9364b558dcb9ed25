//! Stop 19 (issue 10): a `其中` list after counts stated side by side
//! (“共收到政府信息公开申请12件，上年结转政府信息公开申请1件，其中：当面申请4件，邮寄申请1件，网络申请8件”)
//! may break down their sum, or the first of them, not the last count alone (`prose-sum`;
//! the one false error of the eighth batch's held-out pages had this shape). Only what every
//! reading agrees on is an error.

use crate::support::{assert_one_finding, check_draft as check, of_rule as of};

fn report(body: &str) -> String {
    format!(
        "某某街道办事处2024年政府信息公开工作年度报告\n\
         本报告所列数据统计期限为2024年1月1日至12月31日。如对本报告有疑问，请与办公室联系（电话：021-56650000）。\n\
         一、总体情况\n{body}\n"
    )
}

/// The report around `body` has exactly one `rule` finding, at `severity`, quoting `quote`.
fn one_in(body: &str, rule: &str, severity: &str, quote: &str) {
    assert_one_finding(&check(&report(body)), rule, severity, quote);
}

const RUN: &str = "2024年，本机关共收到政府信息公开申请12件，上年结转政府信息公开申请1件，其中：";

#[test]
fn a_breakdown_after_counts_side_by_side_is_read_against_every_reading() {
    // Parts equal to the two counts' sum (13) or to the first count alone (12): no finding.
    for parts in [
        "当面申请4件，邮寄申请1件，网络申请8件。",
        "当面申请4件，邮寄申请1件，网络申请7件。",
    ] {
        let got = check(&report(&format!("{RUN}{parts}")));
        assert!(of(&got, "prose-sum").is_empty(), "{parts}: {got:?}");
    }
    // Parts above the last count but within the sum, equal to no reading: “无法核对” (info),
    // never an error that names 1件 as the total.
    one_in(
        &format!("{RUN}当面申请4件，邮寄申请1件，网络申请6件。"),
        "prose-sum",
        "info",
        "无法核对",
    );
    // Parts above every reading: still the error.
    one_in(
        &format!("{RUN}当面申请5件，邮寄申请1件，网络申请8件。"),
        "prose-sum",
        "error",
        "14件",
    );
    // A count of something else before the total is no sibling: the list is its alone.
    one_in(
        "全年发布工作动态50条，主动公开政府信息120条，其中政策文件100条、通知公告30条。",
        "prose-sum",
        "error",
        "130条",
    );
    // Counts in two sentences are no run.
    one_in("2024年共收到政府信息公开申请12件。上年结转政府信息公开申请1件，其中：当面申请4件，邮寄申请1件，网络申请8件。", "prose-sum", "error", "13件");
}

/// A report of `year` whose opening describes its structure with `parts`.
fn opening(year: u32, parts: &str) -> String {
    format!(
        "某某县人民政府{year}年政府信息公开工作年度报告\n\
         {parts}本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\
         如对本报告有疑问，请与县政府办公室联系（电话：0739-7621234）。\n\
         一、总体情况\n{year}年主动公开政府信息120条。\n"
    )
}

#[test]
fn a_new_format_report_that_announces_the_old_structure_is_reported() {
    // 绥宁县 2019 and 七户乡 2020 (tuning, audits F1): the opening lists the pre-2019 parts.
    for (year, old) in [
        (2019, "全文包括政府信息公开工作的基本情况，主动公开政府信息的情况，依申请公开政府信息和不予公开政府信息的情况，政府信息公开收费及减免的情况，因政府信息公开申请行政复议、提起行政诉讼的情况，政府信息公开工作存在的主要问题及改进情况等方面。"),
        (2020, "本报告由概述，政府信息主动公开情况，依申请公开政府信息情况，复议、诉讼和申诉的情况，收费情况，主要问题和改进措施及其他报告事项组成。"),
        (2023, "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、存在的主要问题和改进措施等部分组成。"),
    ] {
        let got = check(&opening(year, old));
        assert_one_finding(&got, "announced-old-structure", "warning", "收费");
    }
    // The new structure, a fee remark elsewhere, and an old report of its own time: silent.
    let new = "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。";
    for (year, text) in [
        (2023, new.to_string()),
        (2023, format!("{new}全年没有收取信息处理费，收费及减免情况为零。")),
        (2015, "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、存在的主要问题和改进措施等部分组成。".to_string()),
    ] {
        let got = check(&opening(year, &text));
        assert!(of(&got, "announced-old-structure").is_empty(), "{year} {text}: {got:?}");
    }
}

#[test]
fn a_list_item_that_counts_something_else_ends_what_is_sure_to_be_the_list() {
    // 绥宁县 2019 (tuning, audit F2, info): after “新开设专栏6个” the sentence goes on with other
    // figures; 44条 of 解读 is not surely a part of the 10220. 4792 + 5403 = 10195: no error.
    let got = check(&report(
        "截至2024年12月底，累计主动公开政府信息10220条，其中政务动态信息更新量为4792条，信息公开目录信息更新量为5403条，新开设专栏6个，发布解读信息44条，回应公众关注热点1次。",
    ));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
    // Parts before the other count that exceed the total are still an error, and items in
    // 件 within a list in 条 do not end it.
    one_in("累计主动公开政府信息10220条，其中政务动态信息更新量为5792条，信息公开目录信息更新量为5403条，新开设专栏6个，发布解读信息44条。", "prose-sum", "error", "11195条");
    one_in(
        "全年主动公开政府信息500条，其中规范性文件12件、工作动态300条、通知公告250条。",
        "prose-sum",
        "error",
        "550条",
    );
}
