//! Stop 20 (issue 10), from the twelfth batch's tuning pages: a count over more than the
//! report's year (`历年累计发布政府信息1189条`) after a breakdown is no part of the year's total.

use crate::support::{check_draft as check, of_rule as of};

fn report(body: &str) -> String {
    format!(
        "某某镇人民政府2019年政府信息公开工作年度报告\n\
         本报告所列数据统计期限为2019年1月1日至12月31日。如对本报告有疑问，请与党政办联系（电话：0595-23802569）。\n\
         一、概述\n{body}\n"
    )
}

#[test]
fn a_count_over_the_years_is_no_part_of_the_years_total() {
    for tail in [
        "历年累计发布政府信息1189条",
        "建站以来共发布政府信息1189条",
        "截至目前累计发布1189条",
    ] {
        let body = format!(
            "2019年本镇累计发布政府信息87条，其中主动公开信息42条，不主动公开信息45条，{tail}。"
        );
        let got = check(&report(&body));
        assert!(
            of(&got, "prose-sum").iter().all(|d| d.0 == "info"),
            "{tail}: {got:?}"
        );
    }
    // The parts of the year above its total stay an error.
    let body = "2019年本镇累计发布政府信息87条，其中主动公开信息42条，不主动公开信息50条，历年累计发布政府信息1189条。";
    let got = check(&report(body));
    assert!(
        of(&got, "prose-sum")
            .iter()
            .any(|d| d.0 == "error" && d.2.contains("92")),
        "{got:?}"
    );
}

#[test]
fn a_period_garbled_at_both_ends_is_one_finding() {
    let text = "某某省2017年政府信息公开工作年度报告\n\
                本年度报告中使用数据统计期限为201711日至1231日。如有疑问请联系（电话：055162999615）。\n\
                一、概述\n本省认真贯彻落实《条例》。\n";
    let got = check(text);
    assert_eq!(of(&got, "period-date-garbled").len(), 1, "{got:?}");
    // Each garble form of the twelfth batch's pages is found.
    for period in [
        "统计数据时限为2018年11日至2018年1231日",
        "本报告内容涵盖镇政府201911日至1231日期间的工作情况",
        "统计期限自2020年1月1日起至202020年12月31日止",
    ] {
        let text = format!("某某镇2019年政府信息公开工作年度报告\n{period}。\n一、概述\n本镇认真贯彻落实《条例》。\n");
        let got = check(&text);
        assert_eq!(
            of(&got, "period-date-garbled").len(),
            1,
            "{period}: {got:?}"
        );
    }
}
