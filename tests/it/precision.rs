//! Stop 14: false errors removed and new kinds, each on the tuning page, seed audit or
//! small draft it was built from. Parts 二、三、四 left with their heading only
//! (`bare-table-cells`, one blank-cells error instead of three missing-section errors).

use crate::support::{check_draft as check, diagnostics_of_rule, of_rule as of};

/// A 2021-format draft whose parts 二、三、四 hold `active`, `apply`, `review`.
fn draft(active: &str, apply: &str, review: &str) -> String {
    format!(
        "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作情况良好，按要求主动公开各类信息。\n\
         二、主动公开政府信息情况\n{active}\n三、收到和处理政府信息公开申请情况\n{apply}\n\
         四、政府信息公开行政复议、行政诉讼情况\n{review}\n五、存在的主要问题及改进情况\n\
         主动公开的及时性有待提高。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
    )
}

#[test]
fn table_parts_with_only_their_heading_are_one_blank_cells_error() {
    // 珙县审计局 2020 (tuning): 二、三、四 have their headings and nothing under them. The
    // audit lists the parts as present and the tables as blank (one finding).
    let d = diagnostics_of_rule(
        "real/tuning/sichuan-gongxian-audit-2020.txt",
        "bare-table-cells",
    );
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["severity"], "error");
    let m = d[0]["message"].as_str().unwrap();
    for part in [
        "「二、主动公开政府信息情况」",
        "「三、收到和处理政府信息公开申请情况」",
        "「四、政府信息公开行政复议、行政诉讼情况」",
        "表二、表三、表四",
    ] {
        assert!(m.contains(part), "{m}");
    }
    for rule in [
        "missing-section-active",
        "missing-section-apply",
        "missing-section-review",
    ] {
        let d = diagnostics_of_rule("real/tuning/sichuan-gongxian-audit-2020.txt", rule);
        assert!(d.is_empty(), "{rule}: {d:?}");
    }
}

#[test]
fn one_bare_table_part_is_named_alone_and_a_short_part_is_still_empty() {
    let got = check(&draft(
        "本年度规章和行政规范性文件情况见下表，均已主动公开。",
        "",
        "略。",
    ));
    let bare = of(&got, "bare-table-cells");
    assert_eq!(bare.len(), 1, "{got:?}");
    assert!(bare[0]
        .2
        .starts_with("「三、收到和处理政府信息公开申请情况」部分只有标题，表三"));
    // 四 holds a word: the part is (nearly) empty, which the section rule reports as before.
    assert_eq!(of(&got, "missing-section-review").len(), 1, "{got:?}");
    assert!(of(&got, "missing-section-apply").is_empty(), "{got:?}");
    // Every table part with some text: nothing about bare parts.
    let got = check(&draft(
        "本年度规章和行政规范性文件情况见下表，均已主动公开。",
        "本年度未收到政府信息公开申请，上年无结转申请。",
        "本年度未发生政府信息公开行政复议、行政诉讼。",
    ));
    assert!(of(&got, "bare-table-cells").is_empty(), "{got:?}");
}

/// A 2022 report whose overview says `sentence`.
fn overview(sentence: &str) -> String {
    format!("某某区人民政府2022年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n")
}

#[test]
fn shares_of_one_whole_above_a_hundred_or_short_of_a_named_remainder_are_reported() {
    // Shares without counts (prose-share has no part ÷ total to compute): 60 + 30 + 20.
    let got = check(&overview(
        "全年收到政府信息公开申请40件，其中网上申请占60%，当面申请占30%，信函申请占20%。",
    ));
    let d = of(&got, "share-sum");
    assert_eq!(d.len(), 1, "{got:?}");
    assert_eq!(d[0].0, "warning");
    assert!(d[0].2.contains("110%（60% + 30% + 20%）"), "{}", d[0].2);
    // Separated by semicolons (each part its own sentence for the breakdown reader).
    let got = check(&overview(
        "全年收到申请1200件。其中，通过网络申请占87.50%；通过信函申请占20.50%；通过当面申请占2.00%。",
    ));
    assert_eq!(of(&got, "share-sum").len(), 1, "{got:?}");
    // With each part's count the facts read the list as a breakdown of 1200 (stop 30), and
    // `prose-share` names the one wrong share instead: 126 ÷ 1200 is 10.5 %, not 20.50 %.
    let got = check(&overview(
        "全年收到申请1200件。其中，通过网络申请1050件，占87.50%；通过信函申请126件，占20.50%；通过当面申请24件，占2.00%。",
    ));
    let d = of(&got, "prose-share");
    assert_eq!(d.len(), 1, "{got:?}");
    assert!(
        d[0].2.contains("126÷1200") && d[0].2.contains("10.5%"),
        "{}",
        d[0].2
    );
    // A list closed by its remainder must reach 100 %: 60 + 25 + 5.
    let got = check(&overview(
        "全年收到申请40件，其中网上申请占60%，当面申请占25%，其他方式占5%。",
    ));
    let d = of(&got, "share-sum");
    assert_eq!(d.len(), 1, "{got:?}");
    assert!(
        d[0].2.contains("列到“其他方式占5%”") && d[0].2.contains("90%"),
        "{}",
        d[0].2
    );
    // Not judged: a list that names no remainder and stays below 100 %, rounding within one
    // unit per share (33.33 × 3 = 99.99), a level inside the list, growth.
    for clean in [
        "全年收到申请40件，其中网上申请占60%，当面申请占30%。",
        "全年收到申请300件。其中，通过网络申请100件，占33.33%；通过信函申请100件，占33.33%；通过当面申请100件，占33.33%。",
        "主动公开信息200条，其中网站公开占80%，包括政策文件占50%、其他占30%，公开栏公开占20%。",
        "全年收到申请40件，同比增长25%，其中网上申请占60%，当面申请占50%。",
        "全年收到申请40件，其中网上申请占60%，当面申请占40%；答复结果中，予以公开占80%，不予公开占20%。",
    ] {
        let got = check(&overview(clean));
        assert!(of(&got, "share-sum").is_empty(), "{clean}: {got:?}");
    }
}

#[test]
fn a_year_naming_the_reporting_period_must_be_the_report_year() {
    let report = |opening: &str, body: &str| {
        format!("某某镇人民政府2014年政府信息公开工作年度报告\n{opening}\n一、概述\n{body}\n")
    };
    let got = check(&report(
        "现将我镇2013年度政府信息公开工作情况报告如下。",
        "全年主动公开信息30条。",
    ));
    let d = of(&got, "period-year");
    assert_eq!(d.len(), 1, "{got:?}");
    assert_eq!(d[0].0, "warning");
    assert!(
        d[0].2
            .contains("现将我镇2013年度政府信息公开工作情况报告如下")
            && d[0].2.contains("报告年度是 2014 年"),
        "{}",
        d[0].2
    );
    let got = check(&report("", "本年度（2013年）共主动公开信息30条。"));
    assert_eq!(of(&got, "period-year").len(), 1, "{got:?}");
    // The right year, last year's problems, a year in a comparison: nothing.
    for (opening, body) in [
        (
            "现将我镇2014年度政府信息公开工作情况报告如下。",
            "本年度（2014年）共主动公开信息30条，较2013年增加5条。",
        ),
        (
            "现将我镇有关情况报告如下。",
            "现将2013年报告中所提问题的整改情况说明如下：已全部整改。",
        ),
        ("", "2013年（上年度）主动公开信息25条。"),
    ] {
        let got = check(&report(opening, body));
        assert!(
            of(&got, "period-year").is_empty(),
            "{opening}{body}: {got:?}"
        );
    }
}
