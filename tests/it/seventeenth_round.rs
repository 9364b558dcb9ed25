//! Issue 10, seventeenth round (stop 25):
//! - parts written as lower bounds (`通过新闻媒体公开信息1600余条`): the exact parts and the
//!   bounds together are at least their sum, and a floor above an exact total is an excess
//!   whatever the bounds stand for (清水县 2019, tuning, audit F1: 2100 + 5469 + 1600余 +
//!   600余 against 8769, channels closed by “通过其他形式公开信息”);
//! - the old structure announced with the 概述 named “政务信息公开情况概述” (连岛街道 2019,
//!   tuning, seventeenth batch, audit F1);
//! - a period written with its 年 and 月 lost (“涵盖镇政府201211日至1231日期间”) is garbled,
//!   not missing: no “未写明统计期限” beside the garbling warning (大路边镇 2012, tuning);
//! - a received count whose list turns from how the requests came to how they ended
//!   (“受理…11件,其中网络申请11件,申请办结数8件,结转下一年办理1件”): two breakdowns, not one
//!   list of 20 against 11 (a wrong number stated at error before), and completed plus
//!   carried over falling short of the received count is reported (嘉兴市市场监管局 2022,
//!   tuning, eighteenth batch, audit F1);
//! - 表二 规章 6/6/6 in the 2019 trial format of a county bureau whose name holds 人
//!   (“县退役军人事务局”): the 2019 trial pack checks rulemaking authority too, and a 人 that
//!   is not the 人 of 人民政府 no longer hides a department (始兴县退役军人事务局 2020, tuning,
//!   eighteenth batch, audit F1);
//! - prose “2022年我区公开行政规范性文件2件” against 表二 本年制发 3, in a 表二 the excerpt cuts
//!   after 行政处罚: the documents made this year must all be published
//!   (`t2-published-prose`; 乌鲁木齐高新区 2022, tuning, eighteenth batch);
//! - a street's or township's report giving the applications of a government above it
//!   (“受理……向市政府及市政府办公室提出的政府信息公开申请5件”, “2020年光明区共受理4申请”):
//!   `higher-body-applications` (迎宾路街道 2021, eighteenth batch; 公明街道 2020, sixth
//!   batch; both tuning, audits F1). For it, a title that opens with its year names the
//!   agency after it (“2021年迎宾路街道政府信息公开工作年度报告”), and a township or street
//!   named without its office (`迎宾路街道`, `银川镇`) is of the township level;
//! - a 2021 report that “公开了我局2022年度财政预算” (`budget-year`; 平武县统计局 2021,
//!   heldout14, spent at stop 25 after its second run, audit F1).

use crate::support::{
    assert_one_finding, check_draft as check, diagnostics_of_rule, of_rule as of, one_warning,
};

#[test]
fn parts_written_as_lower_bounds_exceed_an_exact_total() {
    let msg = one_warning("real/tuning/gansu-qingshui-2019.txt", "prose-sum");
    assert!(msg.contains("至少 9769条"), "{msg}");
    assert!(msg.contains("通过其他形式公开信息"), "{msg}");
    let draft = |other: &str, total: &str| {
        format!("某某县2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息{total}，其中政策文件120条，工作动态150条，其他信息{other}。\n")
    };
    // 120 + 150 + at least 40 > 300: the floor exceeds the total.
    let got = check(&draft("40余条", "300条"));
    assert_one_finding(&got, "prose-sum", "warning", "至少为 310条");
    let got = check(&draft("超过40条", "300条"));
    assert_one_finding(&got, "prose-sum", "warning", "至少为 310条");
    // A floor at or below the total, a number that is no bound (约/近) and an approximate
    // total say nothing.
    for (other, total) in [
        ("30余条", "300条"),
        ("20多条", "300条"),
        ("约40条", "300条"),
        ("近40条", "300条"),
        ("40余条", "300余条"),
    ] {
        let got = check(&draft(other, total));
        assert!(of(&got, "prose-sum").is_empty(), "{other} {total}: {got:?}");
    }
    // Channels that may overlap are judged only when a catch-all closes them.
    let channels = |last: &str| {
        format!("某某县2023年政府信息公开工作年度报告\n一、总体情况\n主动公开政府信息870条。其中，通过市政府网站公开信息210条，通过县政府门户网站发布政府信息546条，通过新闻媒体公开信息100余条、{last}60余条。\n")
    };
    let got = check(&channels("通过其他形式公开信息"));
    assert_one_finding(&got, "prose-sum", "warning", "至少 916条");
    let got = check(&channels("通过微信公众号公开信息"));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
}

#[test]
fn the_old_structure_announced_with_a_qualified_overview() {
    // The stored page holds its opening twice: each copy is reported.
    let found = diagnostics_of_rule(
        "real/tuning/jiangsu-lianyun-liandao-2019.txt",
        "announced-old-structure",
    );
    assert_eq!(found.len(), 2, "{found:?}");
    for d in &found {
        assert_eq!(d["severity"], "warning", "{d:?}");
        let msg = d["message"].as_str().unwrap_or("");
        assert!(msg.contains("政务信息公开情况概述"), "{msg}");
    }
}

#[test]
fn a_garbled_period_is_not_a_missing_one() {
    let file = "real/tuning/guangdong-lianzhou-dalubian-2012.txt";
    let garbled = diagnostics_of_rule(file, "period-date-garbled");
    assert_eq!(garbled.len(), 1, "{garbled:?}");
    let period = diagnostics_of_rule(file, "wrong-statistical-period");
    assert!(period.is_empty(), "{period:?}");
    // With no period at all, “未写明” stays.
    let got =
        check("某某镇2012年政府信息公开工作年度报告\n一、概述\n2012年主动公开政府信息50条。\n");
    assert_one_finding(&got, "wrong-statistical-period", "info", "未写明统计期限");
}

#[test]
fn a_list_that_turns_from_channels_to_outcomes_is_two_breakdowns() {
    let file = "real/tuning/zhejiang-jiaxing-shichangjianguan-2022.txt";
    let msg = one_warning(file, "prose-sum");
    assert!(msg.contains("合计只有 9件"), "{msg}");
    assert!(!msg.contains("20件"), "{msg}");
    let draft = |list: &str| {
        format!("某某局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，本局受理政府信息公开申请{list}。\n")
    };
    // Both halves add up: nothing to report.
    for list in [
        "15件，其中网络申请11件，当面申请4件，申请办结数14件，结转下一年办理1件",
        "15件，其中新收到14件，结转上年度办理1件，办结13件，结转下年度继续办理2件",
    ] {
        let got = check(&draft(list));
        assert!(of(&got, "prose-sum").is_empty(), "{list}: {got:?}");
    }
    // Handling results closed by the carried-over ones stay one list: their excess is an error.
    let got = check(&draft(
        "50件，其中予以公开30件，不予公开15件，结转下年度办理8件",
    ));
    assert_one_finding(&got, "prose-sum", "error", "53件");
    // The channels exceeding the total are still reported, the outcomes apart.
    let got = check(&draft(
        "11件，其中网络申请9件，当面申请3件，办结10件，结转下一年办理1件",
    ));
    assert_one_finding(&got, "prose-sum", "error", "12件");
}

#[test]
fn a_county_bureau_reporting_regulations_in_the_2019_table() {
    let msg = one_warning(
        "real/tuning/guangdong-shixing-tuiyijunren-2020.txt",
        "t2-rulemaking-authority",
    );
    assert!(msg.contains("县退役军人事务局无权制定规章"), "{msg}");
    assert!(msg.contains("填了 6"), "{msg}");
}

#[test]
fn fewer_documents_published_than_made() {
    let msg = one_warning(
        "real/tuning/xinjiang-urumqi-xinshi-2022.txt",
        "t2-published-prose",
    );
    assert!(msg.contains("公开行政规范性文件 2 件"), "{msg}");
    assert!(msg.contains("（3）"), "{msg}");
}

#[test]
fn a_township_report_giving_a_higher_government_s_applications() {
    let msg = one_warning(
        "real/tuning/liaoning-shenyang-yuhong-yingbinlu-2021.txt",
        "higher-body-applications",
    );
    assert!(
        msg.contains("向市政府及市政府办公室提出的政府信息公开申请5件"),
        "{msg}"
    );
    let msg = one_warning(
        "real/tuning/guangdong-guangming-gongming-2020.txt",
        "higher-body-applications",
    );
    assert!(msg.contains("区共受理4申请"), "{msg}");
    let draft = |title: &str| {
        format!("{title}\n一、总体情况\n2021年，受理公民、法人和其他组织向市政府及市政府办公室提出的政府信息公开申请5件。\n")
    };
    // The agency after the year, and a street named without its office, are a township's.
    for title in [
        "2021年迎宾路街道政府信息公开工作年度报告",
        "迎宾路街道2021年政府信息公开工作年度报告",
        "银川镇2021年政府信息公开工作年度报告",
        "2021年度寻召乡政府信息公开工作年度报告",
    ] {
        let got = check(&draft(title));
        assert_one_finding(&got, "higher-body-applications", "warning", "市政府");
    }
    // A government's own report, a bureau's and one whose agency is unknown say nothing.
    for title in [
        "2021年某某市人民政府政府信息公开工作年度报告",
        "某某县民政局2021年政府信息公开工作年度报告",
        "2021年政府信息公开工作年度报告",
        "2021年全县政府信息公开工作年度报告",
    ] {
        let got = check(&draft(title));
        assert!(
            of(&got, "higher-body-applications").is_empty(),
            "{title}: {got:?}"
        );
    }
}

#[test]
fn a_budget_of_a_year_after_the_report_year() {
    let msg = one_warning(
        "real/heldout14/sichuan-pingwu-tongjiju-2021.txt",
        "budget-year",
    );
    assert!(msg.contains("2022年度财政预算"), "{msg}");
    let draft = |sentence: &str| {
        check(&format!(
            "某某县统计局2021年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n"
        ))
    };
    assert_one_finding(
        &draft("按照财政局相关要求，公开了我局2022年度财政预算。"),
        "budget-year",
        "warning",
        "2022",
    );
    for fine in [
        "按照财政局相关要求，公开了我局2021年度财政预算、2020年度决算报告。",
        "年底前完成了2022年度部门预算编制工作。",
        "2022年1月公开了2022年度部门预算。",
    ] {
        let got = draft(fine);
        assert!(of(&got, "budget-year").is_empty(), "{fine}: {got:?}");
    }
}
