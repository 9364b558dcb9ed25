//! Issue 10, twenty-third round (stop 31), after heldout24 was spent at its second run:
//! - an excerpt that begins inside 总体情况 and whose sub-items name the disclosure with a
//!   longer qualifier (“(二)规范办理政府信息依申请公开工作”, 香格里拉市民政局 2023, heldout24) drew
//!   a false `not-an-annual-report` error;
//! - a count of normative documents before the noun (“以“柳体规”文号出台了2份规范性文件”, 柳州市体育局
//!   2023, heldout24, audit F1: 表二 says 0 made this year) was not read by `t2-prose`;
//! - part headings drawn as a web page's list bullets (“• 总体情况”, 兴安盟农牧局 2020, batch-28
//!   tuning) were not parts at all: a false `missing-section-overview` error;
//! - a page's 发布时间 line right under the report's title (泾县 2012, 兴安盟农牧局 2020, batch-29
//!   and batch-28 tuning) was not read, so `late-publication` said no date could be checked;
//! - a department's usual short form in its contact line (“景德镇市昌江区工信局” in the report of
//!   昌江区工业和信息化局, batch-29 tuning) was taken for another department (`foreign-contact`).

use crate::support::{assert_one_finding, check_draft as check, of_rule};

#[test]
fn sub_items_with_a_longer_qualifier_make_an_excerpt_a_report() {
    let text = "2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开。\n（一）主动公开\n全年主动公开政务信息96条。\n（二）规范办理政府信息依申请公开工作\n全年共收到政府信息公开申请2件，均按期答复。\n（三）政府信息管理\n落实信息发布保密审查制度。\n";
    let got = check(text);
    assert!(of_rule(&got, "not-an-annual-report").is_empty(), "{got:?}");
    // The same outline in a plan is still not a report.
    let plan = format!("为做好政务公开工作，特制定本方案。\n{text}");
    assert_eq!(of_rule(&check(&plan), "not-an-annual-report").len(), 1);
}

const T2: &str = "二、主动公开政府信息情况\n第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |\n行政规范性文件 | 0 | 0 | 10 |\n第二十条第（五）项 |\n信息内容 | 本年处理决定数量 |\n行政许可 | 0 |\n第二十条第（六）项 |\n信息内容 | 本年处理决定数量 |\n行政处罚 | 0 |\n行政强制 | 0 |\n第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 0 |\n\n三、收到和处理政府信息公开申请情况\n";

#[test]
fn a_count_of_normative_documents_before_the_noun() {
    let draft =
        |s: &str| format!("某某市体育局2023年政府信息公开工作年度报告\n一、总体情况\n{s}\n{T2}");
    let got = check(&draft(
        "2023年，以“某体规”文号出台了2份规范性文件，均已解读。",
    ));
    assert_one_finding(&got, "t2-prose", "warning", "出台了2份规范性文件");
    // No documents made (the table's 0), or last year's two: nothing to report.
    for s in [
        "2023年，本局未出台规范性文件。",
        "2022年出台了2份规范性文件，本年度未制发。",
    ] {
        let got = check(&draft(s));
        assert!(of_rule(&got, "t2-prose").is_empty(), "{s}: {got:?}");
    }
}

#[test]
fn parts_drawn_as_list_bullets() {
    let page = "某某局2020年政府信息公开工作年度报告\n本报告中所列数据的统计期限为2020年1月1日至2020年12月31日。\n  • 总体情况\n  • 2020年,我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n  (一)主动公开政府信息情况\n  全年主动公开信息35条。\n";
    let got = check(page);
    assert!(
        of_rule(&got, "missing-section-overview").is_empty(),
        "{got:?}"
    );
    // Without the bullet the line is no heading: the part is missing, as before.
    let got = check(&page.replace("  • 总体情况\n", "  总体情况\n"));
    assert_eq!(
        of_rule(&got, "missing-section-overview").len(),
        1,
        "{got:?}"
    );
}

#[test]
fn a_page_date_under_the_title_is_the_publication_date() {
    let page = |date: &str| {
        format!("您的位置: 政务公开 > 年报\n\n某某县财政局2020年政府信息公开工作年度报告\n\n来源:县财政局 作者:县财政局 发布时间:{date} 分享到:\n\n根据条例，现将我局2020年度政府信息公开工作年度报告公布如下。\n一、总体情况\n2020年，我局认真落实条例。\n")
    };
    let got = check(&page("2021年01月29日"));
    assert_one_finding(
        &got,
        "late-publication",
        "info",
        "按网页发布时间 2021年1月29日",
    );
    let got = check(&page("2021-02-10 09:00"));
    assert!(
        of_rule(&got, "late-publication")
            .iter()
            .any(|d| d.0 == "warning" && d.2.contains("网页发布时间 2021年2月10日 晚于公布期限")),
        "{got:?}"
    );
    // A date in the report's own text is no page date.
    let got =
        check(&page("2021年01月29日").replace("来源:县财政局 作者:县财政局 发布时间:", "本局于"));
    assert_one_finding(&got, "late-publication", "warning", "报告没有落款日期");
}

#[test]
fn a_departments_short_form_in_its_contact_line_is_the_same_department() {
    let draft = |contact: &str| {
        format!("景德镇市昌江区工业和信息化局2023年政府信息公开工作年度报告\n本报告由景德镇市昌江区工业和信息化局编制。如对本报告有疑问，请联系{contact}，电话：0798-1234567。\n一、总体情况\n2023年，我局认真落实条例。\n")
    };
    let got = check(&draft("景德镇市昌江区工信局"));
    assert!(of_rule(&got, "foreign-contact").is_empty(), "{got:?}");
    let got = check(&draft("景德镇市昌江区审计局"));
    assert_one_finding(&got, "foreign-contact", "warning", "景德镇市昌江区审计局");
}
