//! Stop 13 rules, each on the tuning page or small draft it was built from: a statistical
//! period whose date lost its 年/月 (`period-date-garbled`), a template's instruction left
//! in the text (`template-instruction`), a rate or share above 100 %
//! (`impossible-percentage`), and a report year that its opening or 落款 contradicts
//! (`report-year-fit`).

use crate::support::{diagnostics_of_rule, fields3};

/// (severity, message, expected) of every `rule` diagnostic of a fixture.
fn of(rel: &str, rule: &str) -> Vec<(String, String, String)> {
    diagnostics_of_rule(rel, rule)
        .iter()
        .map(|d| fields3(d, ["severity", "message", "expected"]))
        .collect()
}

#[test]
fn a_period_date_whose_year_and_month_ran_together_is_reported() {
    let got = of(
        "real/tuning/gansu-qinan-xingguo-2025.txt",
        "period-date-garbled",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    assert!(got[0].1.contains("统计期限为2025111231日"), "{}", got[0].1);
    let got = of(
        "real/tuning/jilin-tonghua-jinchang-2025.txt",
        "period-date-garbled",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].1.contains("截止日期为20251231日"), "{}", got[0].1);
    // A period written in full is not garbled.
    assert!(of(
        "real/tuning/zhejiang-ruian-mayu-2013.txt",
        "period-date-garbled"
    )
    .is_empty());
}

#[test]
fn a_template_instruction_left_in_the_overview_is_reported() {
    let got = of(
        "real/tuning/sichuan-tongjiang-daxing-2018.txt",
        "template-instruction",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    assert!(
        got[0].1.contains("的举措和进展总体情况进行介绍。"),
        "{}",
        got[0].1
    );
    assert!(of(
        "real/tuning/zhejiang-ninghai-yishi-2013.txt",
        "template-instruction"
    )
    .is_empty());
}

#[test]
fn a_rate_or_share_above_a_hundred_percent_is_reported_and_growth_is_not() {
    let got = of("stop13/rates-above-whole.txt", "impossible-percentage");
    let quoted: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
    assert_eq!(got.len(), 2, "{quoted:?}");
    assert!(quoted[0].contains("“占总数的125%”"), "{}", quoted[0]);
    assert!(quoted[1].contains("“答复率为108.3%”"), "{}", quoted[1]);
    assert!(got.iter().all(|g| g.0 == "warning"));
    // Shares that fit their total (0.6 %, 0.2 %, 0.1 %, 99.1 % of 2190) are not reported.
    assert!(of(
        "real/tuning/guangdong-shaoguan-huimin-2014.txt",
        "impossible-percentage"
    )
    .is_empty());
}

#[test]
fn a_report_named_with_another_year_or_signed_before_its_year_ended_is_reported() {
    let got = of("stop13/year-slip-in-opening.txt", "report-year-fit");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "warning");
    assert!(
        got[0].1.contains("“2012年度政府信息公开工作年度报告”"),
        "{}",
        got[0].1
    );
    assert_eq!(got[0].2, "2013年");
    // 落款 2013年3月5日 for the 2013 report.
    assert_eq!(got[1].0, "warning");
    assert!(got[1].1.contains("2013年3月5日"), "{}", got[1].1);
    // Signed in the report year's December: only noted (the tuning audit says info).
    let got = of(
        "real/tuning/hubei-xianning-renfang-2018.txt",
        "report-year-fit",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "info");
    // A notice about another year's report, cited in 《》, is not the report itself.
    assert!(of("real/tuning/fujian-nanping-2012.txt", "report-year-fit").is_empty());
}

#[test]
fn a_title_naming_no_year_is_reported() {
    // Seed 004 F5: the blank 2021 format titled “政府信息公开工作年度报告格式模板”.
    let got = of(
        "real/004_template-2021-format-blank.docx",
        "report-year-fit",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    assert!(
        got[0]
            .1
            .contains("“政府信息公开工作年度报告格式模板”没有写明报告年度"),
        "{}",
        got[0].1
    );
    // A title whose year is on it, and a page's column label, are not reported.
    assert!(of("real/tuning/pingtan-syq-2017.txt", "report-year-fit").is_empty());
}
