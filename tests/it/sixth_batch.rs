//! Stop 14, second round: misses and false warnings of the sixth batch's tuning pages,
//! each on the tuning page or a small draft of the shape it was built from. A channel part
//! alone above its total (`prose-sum` `part-above`), a period sentence broken off before
//! its dates (`period-cut-short`), a title broken after its year (`report-year-fit`), and
//! a 表二 whose text ends before its last row (`t2-structure` `cut-off`).

use crate::support::{check_draft as check, diagnostics_of_rule, fields3, of_rule as of};

#[test]
fn a_channel_part_alone_above_its_total_is_reported() {
    // 彝良县 2020 (tuning, audit F1): 3747 in all, of which the portal alone 3758.
    let got = diagnostics_of_rule("real/tuning/yunnan-yiliang-county-2020.txt", "prose-sum");
    let got: Vec<_> = got
        .iter()
        .map(|d| fields3(d, ["severity", "message", "expected"]))
        .collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    assert!(got[0].1.contains("3758条"), "{}", got[0].1);
    assert!(got[0].1.contains("总数 3747条"), "{}", got[0].1);
    // Channels are still never summed: each one below the total is fine.
    let ok = check("某某县2020年政府信息公开工作年度报告\n一、总体情况\n2020年主动公开政府信息3747条，其中通过门户网站发布信息3700条，微信公众号发布信息506条。\n");
    assert!(of(&ok, "prose-sum").is_empty(), "{ok:?}");
}

#[test]
fn a_period_sentence_broken_off_before_its_dates_is_reported() {
    // 大兴区综合行政服务中心 2012 (tuning, audit F1): “统计期限自” and then the address.
    let got = diagnostics_of_rule(
        "real/tuning/beijing-daxing-xzfwzx-2012.txt",
        "period-cut-short",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["severity"], "warning");
    // A line break inside the sentence is not a cut.
    let ok = check("某某中心2012年政府信息公开工作年度报告\n本报告中所列数据的统计期限自\n2012年1月1日起至2012年12月31日止。\n");
    assert!(of(&ok, "period-cut-short").is_empty(), "{ok:?}");
}

#[test]
fn a_title_broken_after_its_year_names_its_year() {
    let split = "宿州市人民政府2016年\n政府信息公开工作年度报告\n本报告所列数据的统计期限为2016年1月1日至12月31日。\n一、概述\n我市主动公开信息20条。\n";
    let got = check(split);
    assert!(of(&got, "report-year-fit").is_empty(), "{got:?}");
    // Without a year on the line before, the title still names no year.
    let got = check(&split.replacen("宿州市人民政府2016年", "宿州市人民政府", 1));
    let fit = of(&got, "report-year-fit");
    assert_eq!(fit.len(), 1, "{got:?}");
    assert!(fit[0].2.contains("没有写明报告年度"), "{}", fit[0].2);
}

/// A 2021-format 表二 whose 行政事业性收费 row is not there, followed by `tail`.
fn table_two(tail: &str) -> String {
    format!(
        "某某县人民政府2023年政府信息公开工作年度报告\n本报告所列数据的统计期限为2023年1月1日至12月31日。\n\
         一、总体情况\n本年度主动公开政府信息120条。\n二、主动公开政府信息情况\n\
         第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
         规章 | 0 | 0 | 0 |\n行政规范性文件 | 3 | 1 | 20 |\n第二十条第（五）项 |\n\
         信息内容 | 本年处理决定数量 |\n行政许可 | 12 |\n第二十条第（六）项 |\n\
         信息内容 | 本年处理决定数量 |\n行政处罚 | 30 |\n行政强制 | 2 |\n第二十条第（八）项 |\n\
         信息内容 | 本年收费金额（单位：万元） |\n{tail}"
    )
}

#[test]
fn a_table_whose_text_ends_before_its_last_row_is_not_missing_that_row() {
    // The text ends (an excerpt, a page cut off) where the row would start: info, not judged.
    let got = check(&table_two(""));
    let t2 = of(&got, "t2-structure");
    assert_eq!(t2.len(), 1, "{got:?}");
    assert_eq!(t2[0].0, "info");
    assert!(
        t2[0].2.contains("「行政强制」行后文本就结束了"),
        "{}",
        t2[0].2
    );
    assert!(
        t2[0].2.contains("「行政事业性收费」无法核对"),
        "{}",
        t2[0].2
    );
    // A whole draft that goes on after the table really lacks the row.
    let got = check(&table_two(
        "\n三、收到和处理政府信息公开申请情况\n本年度未收到政府信息公开申请。\n",
    ));
    let t2 = of(&got, "t2-structure");
    assert_eq!(t2.len(), 1, "{got:?}");
    assert_eq!(t2[0].0, "warning");
    assert_eq!(t2[0].2, "表二缺少行「行政事业性收费」");
}
