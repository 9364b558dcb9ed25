//! Stop 17: misses of the eighth batch's tuning pages generalised (issue 10). A statistical
//! period whose 年, 月 and 日 were all lost (“2016111231”) or whose end lost its 月 and 日
//! after the year (“至2019年1231,”) (`period-date-garbled`), and a 2019-trial 表二 that made
//! more 规范性文件 than it published (`t2-unpublished-documents`). Each on small drafts of
//! the shape it was built from, with the near misses that must stay silent.

use crate::support::{assert_one_finding, check_draft as check, of_rule as of};

fn opening(year: u32, period: &str) -> String {
    format!(
        "某某局{year}年政府信息公开工作年度报告\n\
         {period}如对本报告有疑问，请与办公室联系（电话：0551-62999616）。\n\
         一、概述\n{year}年主动公开政府信息120条。\n"
    )
}

#[test]
fn a_period_written_as_one_digit_run_is_reported() {
    // 安徽省 2016 (tuning, audit F1): “统计期限为2016111231。”
    let got = check(&opening(2016, "本年度报告中使用数据统计期限为2016111231。"));
    assert_one_finding(&got, "period-date-garbled", "warning", "2016111231");
    // With the second year kept, and with leading zeros, the run is still garbled.
    for bad in [
        "本报告统计期限为20160101至20161231，",
        "统计期限为201611至20161231。",
    ] {
        let got = check(&opening(2016, bad));
        assert_eq!(of(&got, "period-date-garbled").len(), 1, "{bad}: {got:?}");
    }
    // A period written out, and an eight-digit number that is not a period, stay silent.
    for ok in [
        "本年度报告中使用数据统计期限为2016年1月1日至12月31日。",
        "统计局电话20161231。本报告统计期限为2016年1月1日至2016年12月31日。",
    ] {
        let got = check(&opening(2016, ok));
        assert!(of(&got, "period-date-garbled").is_empty(), "{ok}: {got:?}");
    }
}

#[test]
fn an_end_date_that_lost_its_month_and_day_is_reported() {
    // 兴安盟区域经济合作局 2019 (tuning, audit F2): “起至2019年1231,”.
    let got = check(&opening(
        2019,
        "报告所列数据统计期限自2019年1月28(我局成立之日)起至2019年1231,电子版在门户网站下载。",
    ));
    assert_one_finding(&got, "period-date-garbled", "warning", "2019年1231");
    for ok in [
        "报告所列数据统计期限自2019年1月28日(我局成立之日)起至2019年12月31日,电子版在门户网站下载。",
        "统计期限为2019年1月1日至12月31日，共统计1231条信息。",
    ] {
        let got = check(&opening(2019, ok));
        assert!(of(&got, "period-date-garbled").is_empty(), "{ok}: {got:?}");
    }
}

/// A 2019-trial report whose 表二 has `made` and `published` 规范性文件.
fn trial_2019(made: u32, published: u32) -> String {
    format!(
        "某某镇人民政府2019年政府信息公开工作年度报告\n\
         本报告所列数据的统计期限为2019年1月1日至2019年12月31日。联系电话：0898-62812345。\n\
         一、总体情况\n2019年共制发公文{made}件，主动公开{published}件。\n\
         二、主动公开政府信息情况\n\
         第二十条第（一）项 |\n\
         信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n\
         规章 | 0 | 0 | 0 |\n\
         规范性文件 | {made} | {published} | {published} |\n\
         第二十条第（五）项 |\n\
         信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
         行政许可 | 0 | 0 | 0 |\n\
         其他对外管理服务事项 | 0 | 0 | 0 |\n\
         第二十条第（六）项 |\n\
         信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
         行政处罚 | 0 | 0 | 0 |\n\
         行政强制 | 0 | 0 | 0 |\n\
         第二十条第（八）项 |\n\
         信息内容 | 上一年项目数量 | 本年增/减 |\n\
         行政事业性收费 | 0 | 0 |\n\
         第二十条第（九）项 |\n\
         信息内容 | 采购项目数量 | 采购总金额 |\n\
         政府集中采购 | 2 | 70487 |\n\
         三、收到和处理政府信息公开申请情况\n本年未收到政府信息公开申请。\n"
    )
}

#[test]
fn normative_documents_made_but_not_published_are_reported() {
    // 琼海大路镇 2019 (tuning, audit F2): 规范性文件 64 made, 24 published.
    let got = check(&trial_2019(64, 24));
    assert_one_finding(
        &got,
        "t2-unpublished-documents",
        "warning",
        "本年新制作 64 件，本年新公开只有 24 件",
    );
    // All published (or more, documents of last December published this year): silent.
    for (made, published) in [(64, 64), (3, 5), (0, 0)] {
        let got = check(&trial_2019(made, published));
        assert!(
            of(&got, "t2-unpublished-documents").is_empty(),
            "{made}/{published}: {got:?}"
        );
    }
}
