//! Stop 20 (issue 10): the report year written in Chinese numerals (`二〇一五年`), and a
//! draft that names no year at all. Neither may be checked against the 2021 format by
//! default and told that its (correct, pre-2019) structure is out of date.

use gongkai::entry::{builtin_rules, check_source};

/// Profile, year and the rules of the findings at warning or above.
fn checked(text: &str) -> (String, Option<i32>, Vec<String>) {
    let r = check_source(
        gongkai::source::Source::new("x", text.to_string(), "UTF-8"),
        builtin_rules(),
    );
    let rules = r
        .diagnostics
        .iter()
        .filter(|d| format!("{:?}", d.severity).to_lowercase() != "info")
        .map(|d| d.rule.clone())
        .collect();
    (r.profile.unwrap_or_default(), r.report.year, rules)
}

const OLD_OPENING: &str =
    "根据《中华人民共和国政府信息公开条例》要求，现公布本镇政府信息公开工作年度报告。\
全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，\
因政府信息公开申请行政复议、提起行政诉讼的情况，政府信息公开工作存在的主要问题及改进情况等。\n\
一、概述\n今年以来，我镇认真贯彻落实政府信息公开条例。\n";

fn draft(title: &str) -> String {
    format!("{title}\n发布时间：2016-03-20 来源：西安镇\n{OLD_OPENING}")
}

#[test]
fn a_year_in_chinese_numerals_names_the_report_year() {
    for title in [
        "西安镇二〇一五年政府信息公开工作年度报告",
        "西安镇二○一五年政府信息公开工作年度报告",
        "西安镇二零一五年度政府信息公开工作年度报告",
        // The year first: only the title's reading finds it (no phrase follows 年).
        "二〇一五年西安镇政府信息公开工作年度报告",
    ] {
        let (profile, year, rules) = checked(&draft(title));
        assert_eq!(
            (profile.as_str(), year),
            ("pre-2019", Some(2015)),
            "{title}"
        );
        assert!(
            !rules.iter().any(|r| r == "announced-old-structure"),
            "{title}: {rules:?}"
        );
    }
    // Named in the opening instead of the title.
    let text = format!(
        "西安镇政府信息公开年度报告\n现公布西安镇二〇一五年政府信息公开工作年度报告。\n{OLD_OPENING}"
    );
    assert_eq!(checked(&text).1, Some(2015));
    // A numeral run that is no year (`十二〇一五`), or a year out of range, names none.
    for title in [
        "西安镇十二〇一五年政府信息公开工作年度报告",
        "西安镇一二三四年政府信息公开工作年度报告",
    ] {
        assert_eq!(checked(&draft(title)).1, None, "{title}");
    }
}

#[test]
fn a_draft_without_a_year_is_checked_in_the_format_its_outline_is_written_in() {
    // Old structure announced in the opening: the pre-2019 format, and no finding that the
    // structure is out of date (nobody knows the year).
    let (profile, year, rules) = checked(&draft("西安镇政府信息公开年度报告"));
    assert_eq!((profile.as_str(), year), ("pre-2019", None));
    assert!(
        !rules.iter().any(|r| r == "announced-old-structure"),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|r| r == "report-year-fit"),
        "title without year: {rules:?}"
    );
    // Old part on fees as a heading, nothing announced.
    let text = "某局政府信息公开年度报告\n一、概述\n我局认真贯彻落实条例。\n\
                二、政府信息公开的收费及减免情况\n未收取任何费用。\n";
    assert_eq!(checked(text).0, "pre-2019");
    // A first part titled 概述: the pre-2019 format's first part.
    let text = "某局政府信息公开年度报告\n一、概述\n我局认真贯彻落实条例。\n二、主动公开政府信息情况\n无。\n";
    assert_eq!(checked(text).0, "pre-2019");
    // A draft without a year or old structure stays with the 2021 format; a fee mentioned
    // in a part's body is no old part.
    let text = "某局政府信息公开年度报告\n一、总体情况\n我局认真贯彻落实条例。\n\
                六、其他需要报告的事项\n本年度未收取信息处理费，无收费情况。\n";
    assert_eq!(checked(text).0, "2021");
    // A year that is named keeps deciding: a 2021 report announcing the old structure is
    // still reported.
    let (profile, _, rules) = checked(&draft("西安镇2021年政府信息公开工作年度报告"));
    assert_eq!(profile, "2021");
    assert!(
        rules.iter().any(|r| r == "announced-old-structure"),
        "{rules:?}"
    );
}

/// Rules of every finding, info included.
fn all_rules(text: &str) -> Vec<String> {
    check_source(
        gongkai::source::Source::new("x", text.to_string(), "UTF-8"),
        builtin_rules(),
    )
    .diagnostics
    .iter()
    .map(|d| d.rule.clone())
    .collect()
}

#[test]
fn a_page_cut_before_its_title_that_opens_with_the_first_part_is_a_report() {
    let long = "推进政府信息公开是本区贯彻落实《条例》的重要举措，是深入推行政务公开、建设人民满意的服务型政府的一项重要工作。\
                按照上级有关要求，本区政府信息公开工作在推进重点领域信息公开、规范政府信息公开行为、推进政府网站建设方面取得了新的成效。";
    // (`一、总体情况` alone is no such evidence: `lead_precision` keeps a short page headed so
    // a plan unless it shows three of the 2021 sub-headings.)
    let got = all_rules(&format!("一、概述\n{long}\n（一）严格落实制度。\n"));
    assert!(!got.iter().any(|r| r == "not-an-annual-report"), "{got:?}");
    // Plans open otherwise, or say what they are.
    for text in [
        format!("一、总体要求\n{long}\n二、工作任务\n及时公开各类信息。\n"),
        format!("一、总体情况\n{long}为进一步做好政务公开工作，特制定本方案。\n二、工作任务\n及时公开。\n"),
    ] {
        let got = all_rules(&text);
        assert!(got.iter().any(|r| r == "not-an-annual-report"), "{text}: {got:?}");
    }
}
