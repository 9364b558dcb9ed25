//! Issue 10, twenty-second round (stop 30), after heldout22 and heldout23 were spent at
//! their second runs:
//! - a sub-item opening on another year than the report's (“(二)依申请公开政府信息情况。2022年,
//!   皮山县统计局组织相关人员多次学习……” in a 2023 report, 皮山县统计局 2023, heldout23, audit F1:
//!   year mismatch, at warning);
//! - a `其中` list set off by `;` whose items each carry their share, after a total that
//!   ends the sentence before (“主动公开80条。其中,信息公开年报1条,占比1.1%;部门工作动态信息54条,
//!   占比67.5%;……”, 原村乡 2024, heldout22, audit F1: a wrong share, at warning): 1 ÷ 80 is
//!   1.25 %, two units of the last decimal from 1.1 %, so no longer read as a slip.

use crate::support::{assert_one_finding, assert_silent, check_draft as check, overview};

#[test]
fn a_sub_item_opening_on_another_year() {
    let got = check(&overview(
        "某某县统计局2023",
        "（一）主动公开情况。2023年，我局主动公开信息5条。\n（二）依申请公开政府信息情况。2022年，我局组织相关人员多次学习答复规范，按时依规办理依申请公开事项。",
    ));
    assert_one_finding(&got, "period-year", "warning", "写成了 2022 年");
    // The report's year, last year's problems and their correction, a year named with
    // more than its comma, and a sentence with a count (year-slip's, quoted whole).
    assert_silent(
        "period-year",
        |t| overview("某某县统计局2023", t),
        [
            "（二）依申请公开情况\n2023年，我局未收到政府信息公开申请。",
            "（五）上年度问题整改情况。2022年，我局对照问题逐项整改。",
            "（三）平台建设。2022年以来，我局持续完善网站栏目。",
            "（三）平台建设。2022年底，我局完成了网站改版。",
            "（一）主动公开。2022年，我局共制发行政规范性文件6件。",
        ],
    );
    let got = check(&overview(
        "某某县统计局2023",
        "（一）主动公开。2022年，我局共制发行政规范性文件6件。",
    ));
    assert_one_finding(&got, "year-slip", "warning", "2022年");
}

#[test]
fn a_semicolon_list_with_shares_after_the_sentence_of_its_total() {
    let list = |first: &str| {
        format!("累计公开信息80条，主动公开80条。其中，信息公开年报1条，占比{first}%；部门工作动态信息54条，占比67.5%；领导信息11条，占比13.8%；财政信息7条，占比8.8%；政策文件信息4条，占比5%；政策文件解读3条，占比3.8%。")
    };
    let got = check(&overview("某某乡2024", &list("1.1")));
    assert_one_finding(&got, "prose-share", "warning", "应约为 1.3%");
    // Rounded (1.3) or cut (1.2): right. One unit from the rounded share: a slip, at info.
    assert_silent(
        "prose-share",
        |t| overview("某某乡2024", t),
        [list("1.3").as_str(), list("1.2").as_str()],
    );
    let got = check(&overview(
        "某某乡2024",
        "主动公开信息235条，其中，政策文件197条，占比83.84%；工作动态38条，占比16.17%。",
    ));
    let slips: Vec<_> = got.iter().filter(|d| d.1 == "prose-share").collect();
    assert!(
        !slips.is_empty() && slips.iter().all(|d| d.0 == "info"),
        "{got:?}"
    );
}

#[test]
fn a_draft_without_title_takes_its_year_from_the_overview_opening() {
    // 伊州区民政局 2025 (batch 27 tuning): the excerpt begins at 一、总体情况 and names last
    // year's report as published this year; the report year is the overview's, 2025, and
    // the sub-items (one with a qualifier: “法定主动公开方面”) make it a report.
    let text = "一、总体情况\n2025年，某某区民政局严格落实《中华人民共和国政府信息公开条例》。\n（一）法定主动公开方面\n2025年以来，我局主动公开2024年政府信息公开工作年度报告、机构概况等信息，共计45条。\n（二）依申请公开方面\n全年未收到政府信息公开申请。\n（三）政府信息管理方面\n健全信息发布审核制度。\n";
    let got = check(text);
    assert!(
        !got.iter()
            .any(|d| d.1 == "not-an-annual-report" || d.1 == "period-year"),
        "{got:?}"
    );
    // Without any word of a report's name, the sub-items alone make it one.
    let got = check(&text.replace("2024年政府信息公开工作年度报告、", ""));
    assert!(
        !got.iter().any(|d| d.1 == "not-an-annual-report"),
        "{got:?}"
    );
    // A title still comes first: the overview's year is then checked against it.
    let titled = format!("某某区民政局2024年政府信息公开工作年度报告\n{text}");
    let got = check(&titled);
    assert_one_finding(&got, "period-year", "warning", "写成了 2025 年");
}
