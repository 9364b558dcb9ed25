//! Issue 10, fifteenth round (the misses of heldout11, spent at stop 23 after its second
//! run):
//! - a 2022 report whose basis is “《中华人民共和国政府信息公开条例》(国务院令第492号)”, the
//!   2007 条例 that the 2019 revision (国务院令第711号) replaced (全州县 2022, audit F1)
//!   (`superseded-regulation`);
//! - a garbled period with no keyword before it, at the start of a paragraph
//!   (“202011日至20201231日,主动公开信息380条”, 龙山街道 2020, audit F1)
//!   (`period-date-garbled`).

use crate::support::{assert_one_finding, check_draft as check, of_rule as of, one_warning};

#[test]
fn a_new_format_report_citing_the_2007_regulation_is_reported() {
    let msg = one_warning(
        "real/heldout11/guangxi-quanzhou-2022.txt",
        "superseded-regulation",
    );
    assert!(msg.contains("国务院令第492号"), "{msg}");
    let report = |year: u32, body: &str| {
        check(&format!(
            "某某县人民政府{year}年政府信息公开工作年度报告\n{body}\n一、总体情况\n本年度主动公开政府信息46条。\n"
        ))
    };
    let basis = "根据《中华人民共和国政府信息公开条例》(国务院令第492号)(以下简称《条例》),特向社会公布本年度报告。";
    // Reported in reports of 2019 and later (both new-format packs), not before the revision.
    for year in [2019, 2020, 2022] {
        assert_one_finding(
            &report(year, basis),
            "superseded-regulation",
            "warning",
            "492号",
        );
    }
    assert!(of(&report(2017, basis), "superseded-regulation").is_empty());
    for body in [
        // The revised 条例, or no 令 number at all.
        "根据《中华人民共和国政府信息公开条例》(国务院令第711号),特向社会公布本年度报告。",
        "根据《中华人民共和国政府信息公开条例》(以下简称《条例》),特向社会公布本年度报告。",
        // A history of the revision is no basis.
        "新修订的《条例》(国务院令第711号)取代了《中华人民共和国政府信息公开条例》(国务院令第492号)。",
    ] {
        assert!(of(&report(2022, body), "superseded-regulation").is_empty(), "{body}");
    }
}

#[test]
fn a_garbled_period_at_a_paragraphs_start_is_reported() {
    let msg = one_warning(
        "real/heldout11/chongqing-yubei-longshan-2020.txt",
        "period-date-garbled",
    );
    assert!(msg.contains("202011日至20201231日"), "{msg}");
    let report = |body: &str| {
        check(&format!(
            "某某街道2020年政府信息公开工作年度报告\n一、总体情况\n{body}\n"
        ))
    };
    assert_one_finding(
        &report("202011日至20201231日,主动公开信息380条。"),
        "period-date-garbled",
        "warning",
        "202011日至20201231日",
    );
    for body in [
        "2020年1月1日至2020年12月31日,主动公开信息380条。",
        "编号202011至202012的两批文件已全部公开。",
        // Inside a longer number it is no date.
        "档案号12020110至20201231日整理完毕。",
    ] {
        assert!(
            of(&report(body), "period-date-garbled").is_empty(),
            "{body}"
        );
    }
}
