//! Issue 10, twenty-first round (stop 29), after heldout21 was spent at its second run:
//! - the template's typesetting note left after a heading (“一、总体情况(宋体加粗小四号字)”,
//!   梅河口市应急管理局 2025, audit F1: template instruction, at warning);
//! - a number of the template still to be filled in (“收到申请××件”): what a draft written from
//!   a template most often keeps;
//! - the overview opening on another year than the report's (“一、总体情况 2019年,我县坚持……”
//!   in a 2020 report, 郎溪县财政局 2020, tuning, audit F1: year mismatch, at warning).

use crate::support::{
    assert_one_finding, assert_overview_case, assert_silent, check_draft as check, overview,
};

#[test]
fn a_typesetting_note_left_after_a_heading() {
    for (heading, quoted) in [
        ("一、总体情况(宋体加粗小四号字)", "宋体加粗小四号字)”"),
        ("（一）主动公开（仿宋_GB2312三号）", "仿宋_GB2312三号)”"),
        ("二、主动公开政府信息情况（黑体三号）", "黑体三号)”"),
    ] {
        let got = check(&format!(
            "某某局2025年政府信息公开工作年度报告\n{heading}\n2025年，本局扎实推进政府信息公开工作。\n"
        ));
        assert_one_finding(&got, "template-instruction", "warning", quoted);
    }
    // A font named as a font, a size word without its font, a 号 of a document number.
    assert_silent(
        "template-instruction",
        |t| overview("某某局2025", t),
        [
            "本局印发公文时统一使用仿宋字体，全年修订公文格式规范1项。",
            "本局发文统一使用三号字体。",
            "依据《某某市政府信息公开规定》（市政府令第三号）开展工作。",
        ],
    );
}

#[test]
fn a_number_of_the_template_left_to_fill_in() {
    for (sentence, quoted) in [
        ("本年度共收到政府信息公开申请××件，均已按期答复。", "××件"),
        ("全年主动公开政府信息XX条。", "XX条"),
    ] {
        let got = check(&overview("某某局2025", sentence));
        assert_one_finding(&got, "template-instruction", "warning", quoted);
    }
    assert_silent(
        "template-instruction",
        |t| {
            format!("某某区2023年政府信息公开工作年度报告\n{t}\n一、总体情况\n2023年，全区主动公开政府信息1200条。\n")
        },
        [
            "索引号:1137018100420588XX-A/2024-6538668",
            "××区政务服务中心×× 年 ××月",
        ],
    );
}

#[test]
fn the_overview_opening_on_another_year() {
    // The report's own year, and other years named on purpose, stay silent.
    assert_overview_case(
        "period-year",
        "warning",
        (
            "某某县财政局2020",
            "\n2019年,我县坚持公开为常态、不公开为例外原则，政务公开工作取得明显成效。",
        ),
        "写成了 2019 年",
        "某某县财政局2020",
        [
            "2020年，我局坚持公开为常态、不公开为例外。",
            "2019年以来，我局持续推进政务公开。",
            "2019年底机构改革后，我局重新梳理了公开目录。",
            "2019年9月，本局成立了政务公开领导小组。",
        ],
    );
}
