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
    let got = check(&report(&format!(
        "{RUN}当面申请4件，邮寄申请1件，网络申请6件。"
    )));
    assert_one_finding(&got, "prose-sum", "info", "无法核对");
    // Parts above every reading: still the error.
    let got = check(&report(&format!(
        "{RUN}当面申请5件，邮寄申请1件，网络申请8件。"
    )));
    assert_one_finding(&got, "prose-sum", "error", "14件");
    // A count of something else before the total is no sibling: the list is its alone.
    let got = check(&report(
        "全年发布工作动态50条，主动公开政府信息120条，其中政策文件100条、通知公告30条。",
    ));
    assert_one_finding(&got, "prose-sum", "error", "130条");
    // Counts in two sentences are no run.
    let got = check(&report(
        "2024年共收到政府信息公开申请12件。上年结转政府信息公开申请1件，其中：当面申请4件，邮寄申请1件，网络申请8件。",
    ));
    assert_one_finding(&got, "prose-sum", "error", "13件");
}
