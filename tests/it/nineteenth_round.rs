//! Issue 10, nineteenth round (stop 27), after heldout16 was spent at its second run:
//! - a number alone on its line under a table label (“行政许可 / 148 / ␣ / ␣”) is one cell,
//!   never cut into 1, 4 and 8 (互助县政务服务中心 2020: a wrong number was stated as read);
//! - a column header cut after its slash (“本年增/”, the 减 lost in the page) is still the
//!   header, and an explicit plus sign before a change (“+3”) is the number;
//! - a list of four kinds or more with a `其他…` kind among them (“……规范计划5条,其他文件4条,
//!   政务(工作)动态信息0条,……”) claims to cover its total (合水镇 2024, audit F2);
//! - an opening that announces “行政复议、诉讼和申诉情况” among the report's parts announces the
//!   old structure (龙山满族乡 2019, audit F2);
//! - a heading followed by a table that begins with a bare cell border (`|`) is a heading:
//!   the border is no number of a row label (句容市水利局 2022: a false `not-an-annual-report`
//!   error);
//! - a share off by one unit in its last decimal beyond rounding (“83.84%” for 197 of 235,
//!   83.83) is a slip, at info (展览路街道 2014);
//! - after heldout17 was spent: an old report whose parts hold 主动公开, 依申请公开 and 行政复议
//!   as subsections is an annual report (朝阳市林业局 2012: a false `not-an-annual-report`
//!   error), and those subsections are the content, not a missing part (info); a template's
//!   blank left in place (“政府门户网站(具体网址)”, 高楼街道 2023, audit F1);
//! - a probe: “未收取任何费用” beside “收取信息处理费200元” in part 六 is the fee conflict;
//! - a period whose end year is followed by other characters instead of 年 (“2020年1月1日至
//!   2020你那12月31日”, 平阳县市场监管局 2020, a tuning file of the twenty-second batch);
//! - a probe: a 落款 dated before the report year's last month (“2023年1月10日” under a 2023
//!   report) is a year not updated (`late-publication` variant `early`).

use crate::support::{
    assert_one_finding, assert_silent, check_draft as check, diagnostics_of_rule, of_rule as of,
    one_warning, overview,
};

/// 表二 of the 2019 trial format, one cell a line, with `permit` and `change` as given.
fn t2_one_cell_a_line(change_header: &str, permit: &str) -> String {
    format!(
        "某某县政务服务中心2020年政府信息公开工作年度报告
一、总体情况
本报告所列数据的统计期限为2020年1月1日至2020年12月31日。
二、主动公开政府信息情况
第二十条第(一)项
信息内容
本年新制作数量
本年新公开数量
对外公开总数量
规章
0
0
0
规范性文件
2
2
5
第二十条第(五)项
信息内容
上一年项目数量
{change_header}
处理决定数量
行政许可
{permit}
其他对外管理服务事项
3
0
257
第二十条第(六)项
信息内容
上一年项目数量
{change_header}
处理决定数量
行政处罚
0
0
0
行政强制
0
0
0
第二十条第(八)项
信息内容
上一年项目数量
{change_header}
行政事业性收费
0
0
第二十条第(九)项
信息内容
采购项目数量
采购总金额
政府集中采购
0
0
三、收到和处理政府信息公开申请情况
无。
"
    )
}

#[test]
fn a_lone_number_under_a_label_is_one_cell() {
    // One value where three are due: the row is short, its value is not cut in three.
    let got = check(&t2_one_cell_a_line("本年增/减", "148"));
    assert_one_finding(&got, "t2-cells", "warning", "「行政许可」只有 1 个数值");
    // A run that no one cell holds (leading zeros) may still be a row's cells run together.
    let got = check(&t2_one_cell_a_line("本年增/减", "000"));
    assert!(of(&got, "t2-cells").is_empty(), "{got:?}");
    assert!(!got.iter().any(|d| d.2.contains("行政许可")), "{got:?}");
}

#[test]
fn a_header_cut_after_its_slash_and_a_plus_sign_are_read() {
    let permit = "14\n+3\n17";
    // With the header whole and cut, the table is read and the row holds its three values.
    for header in ["本年增/减", "本年增/"] {
        let got = check(&t2_one_cell_a_line(header, permit));
        assert!(
            !got.iter()
                .any(|d| d.2.contains("行政许可") || d.2.contains("无法可靠识别")),
            "{header}: {got:?}"
        );
    }
    // The table is read: 规范性文件 made 2 and published 2 is fine; made 3 is not.
    let got = check(
        &t2_one_cell_a_line("本年增/", permit)
            .replace("规范性文件\n2\n2\n5", "规范性文件\n3\n2\n5"),
    );
    assert_one_finding(&got, "t2-unpublished-documents", "warning", "规范性文件");
}

#[test]
fn a_list_with_an_other_kind_covers_its_total() {
    let msg = one_warning(
        "real/heldout16/guangdong-heping-heshui-2024.txt",
        "prose-sum",
    );
    assert!(
        msg.contains("合计 14条") && msg.contains("总数 21条"),
        "{msg}"
    );
    let draft = |list: &str| {
        overview(
            "某某镇2024",
            &format!("全年主动公开政府信息30条,其中{list}。"),
        )
    };
    let got = check(&draft(
        "规章文件4条,规范计划5条,其他文件4条,政务动态信息10条,年度报告1条",
    ));
    assert_one_finding(&got, "prose-sum", "warning", "合计 24条");
    // Adding up, or three kinds only, or no `其他` kind: nothing.
    assert_silent(
        "prose-sum",
        draft,
        [
            "规章文件4条,规范计划5条,其他文件10条,政务动态信息10条,年度报告1条",
            "规章文件4条,其他文件4条,政务动态信息10条",
            "规章文件4条,规范计划5条,通知公告4条,政务动态信息10条,年度报告1条",
        ],
    );
}

#[test]
fn an_announced_appeal_part_is_the_old_structure() {
    let msg = one_warning(
        "real/heldout16/jilin-gongzhuling-longshan-2019.txt",
        "announced-old-structure",
    );
    assert!(msg.contains("报告共分为基本工作情况"), "{msg}");
}

#[test]
fn a_table_opening_with_a_bare_border_leaves_its_heading_a_heading() {
    let draft = |border: &str| {
        format!(
            "一、总体情况\n2022年,某某局认真贯彻落实《中华人民共和国政府信息公开条例》。\n\
             二、主动公开政府信息情况\n{border}\n       第二十条  第(一)项  | \n    |||\n"
        )
    };
    let got = check(&draft("| "));
    assert!(of(&got, "not-an-annual-report").is_empty(), "{got:?}");
    // The part is there (its table is cut, which is another finding).
    assert!(
        !of(&got, "missing-section-active")
            .iter()
            .any(|d| d.2.starts_with("缺少")),
        "{got:?}"
    );
}

#[test]
fn a_share_off_in_its_last_decimal_is_a_slip() {
    let draft = |share: &str| {
        format!(
            "某某街道2014年政府信息公开工作年度报告\n一、概述\n主动公开信息235条。在主动公开的信息中,\
             机构职能类信息9条,占总体的比例为3.83%;规划计划类信息4条,占总体的比例为1.70%;\
             行政职责类信息25条,占总体的比例为10.64%;业务动态类信息197条,占总体的比例为{share}%。\n"
        )
    };
    assert!(of(&check(&draft("83.83")), "prose-share").is_empty());
    assert_one_finding(&check(&draft("83.84")), "prose-share", "info", "末位相差 1");
    assert_one_finding(&check(&draft("83.86")), "prose-share", "warning", "83.83");
}

#[test]
fn old_topics_as_subsections_make_an_annual_report() {
    // No title, no marker in the opening, no part of the old format's names: the three
    // subsections are what shows the report for what it is.
    assert!(diagnostics_of_rule(
        "real/heldout17/liaoning-chaoyang-linyeju-2012.txt",
        "not-an-annual-report"
    )
    .is_empty());
    let got = check(
        "根据《中华人民共和国政府信息公开条例》,我局认真贯彻《条例》的各项要求。\n\
         一、公开政府信息情况\n（一）主动公开政府信息情况\n2012年,我局共发布各类信息541条。\n\
         （二）依申请公开政府信息情况\n2012年,我局没有接收到公开政府信息的申请。\n\
         （三）行政复议及行政诉讼情况\n2012年,我局没有因政府信息公开工作而被申请行政复议。\n\
         二、政府信息公开工作情况\n2012年,我局不断完善公开制度。\n",
    );
    assert!(of(&got, "not-an-annual-report").is_empty(), "{got:?}");
    // The parts' content is there, as subsections: a note, not a missing part.
    assert_one_finding(&got, "missing-section-active", "info", "作为小节报告");
    assert_one_finding(&got, "missing-section-apply", "info", "作为小节报告");
}

#[test]
fn a_template_blank_left_in_place() {
    let msg = one_warning(
        "real/heldout17/shandong-weishan-gaolou-2023.txt",
        "template-instruction",
    );
    assert!(msg.contains("(具体网址)"), "{msg}");
}

#[test]
fn no_fee_of_any_kind_against_an_amount_is_a_conflict() {
    let draft = |text: &str| {
        format!("某某局2023年政府信息公开工作年度报告\n六、其他需要报告的事项\n{text}\n")
    };
    let got = check(&draft(
        "本机关在政府信息公开工作中未收取任何费用。本年度共收取信息处理费200元。",
    ));
    assert_one_finding(&got, "fee-statement", "error", "未收取任何费用");
    // Without an amount, or with the amount and no such claim, no conflict.
    assert_silent(
        "fee-statement",
        draft,
        [
            "本机关未收取任何费用。本年度未收取信息处理费。",
            "本年度共收取信息处理费200元。",
        ],
    );
}

#[test]
fn an_end_year_followed_by_a_slip_is_a_garbled_period() {
    let msg = one_warning(
        "real/tuning/zhejiang-pingyang-shichangjianguanju-2020.txt",
        "period-date-garbled",
    );
    assert!(msg.contains("2020你那12月31日"), "{msg}");
    let draft = |period: &str| {
        overview(
            "某某局2020",
            &format!("本报告中所列数据统计时间为{period}。"),
        )
    };
    assert!(of(
        &check(&draft("2020年1月1日至2020年12月31日")),
        "period-date-garbled"
    )
    .is_empty());
    assert_eq!(
        of(
            &check(&draft("2020年1月1日至2020你那12月31日")),
            "period-date-garbled"
        )
        .len(),
        1
    );
}

#[test]
fn a_signature_before_the_year_ends_is_a_year_not_updated() {
    let draft = |date: &str| {
        format!(
            "某某县财政局2023年政府信息公开工作年度报告\n一、总体情况\n\
             本报告所列数据的统计期限为2023年1月1日至2023年12月31日。\n某某县财政局\n{date}\n"
        )
    };
    assert_one_finding(
        &check(&draft("2023年1月10日")),
        "late-publication",
        "warning",
        "早于 2023 年度结束",
    );
    assert_silent(
        "late-publication",
        draft,
        ["2024年1月10日", "2023年12月29日"],
    );
}
