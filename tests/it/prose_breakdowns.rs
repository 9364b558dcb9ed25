//! Breakdowns in prose that real reports write across sentences or close with `其他…`,
//! checked on the tuning pages and the seed crawl texts of tests/fixtures/real (never on
//! held-out ones): a total in one sentence broken down in the next ones, a `主要类别有:` list
//! under a count stated before, a list whose last part is `其他…`, and the three kinds of
//! information of the 2007 条例 (主动公开 / 依申请公开 / 不予公开) as an exhaustive breakdown.

use crate::support::{check_json, diagnostics_of_rule, fields3};

/// (severity, expected, actual) of every `rule` diagnostic of a fixture.
fn diagnostics(rel: &str, rule: &str) -> Vec<(String, String, String)> {
    diagnostics_of_rule(rel, rule)
        .iter()
        .map(|d| fields3(d, ["severity", "expected", "actual"]))
        .collect()
}

fn one(sev: &str, expected: &str, actual: &str) -> Vec<(String, String, String)> {
    vec![(sev.into(), expected.into(), actual.into())]
}

#[test]
fn a_total_broken_down_in_the_next_sentences_is_summed() {
    // “2012年主动公开政府信息1913条。其中，…1397条，占73%。各乡镇主动公开政府信息534条，占27%。”
    assert_eq!(
        diagnostics("real/tuning/pingtan-syq-2012.txt", "prose-sum"),
        one("warning", "1913", "1931")
    );
}

#[test]
fn a_category_list_is_summed_against_the_count_it_names() {
    // “2014年主动公开政府信息 2543条。…主动公开政府信息的主要类别有：…946条。” (the two
    // sentences of parts before it add up to 2543 and are not reported).
    assert_eq!(
        diagnostics("real/tuning/pingtan-syq-2014.txt", "prose-sum"),
        one("warning", "2543", "2641")
    );
}

#[test]
fn a_list_closed_by_qita_must_reach_its_total() {
    // “共公布政府信息2599条，(其中机构职能类信息25条，…其他应主动公开政府信息856条)”.
    assert_eq!(
        diagnostics("real/text/009_pingtan-2019-crawltext.txt", "prose-sum"),
        one("warning", "2599", "2533")
    );
}

#[test]
fn the_three_kinds_of_information_cover_their_total() {
    // “政府信息总数3978条，其中主动公开政府信息2026条，作为依申请公开信息数46条，不予公开信息数1854条”.
    assert_eq!(
        diagnostics(
            "real/text/007_pingtan-county-2012-crawltext.txt",
            "prose-sum"
        ),
        one("warning", "3978", "3926")
    );
    // “…总数1873条，其中主动公开政府信息425条，作为依申请公开信息数46条，不予公开信息数1402。”:
    // the last part has no unit, so the shortfall is not judged.
    assert_eq!(
        diagnostics("real/tuning/pingtan-syq-2011.txt", "prose-sum"),
        vec![]
    );
}

/// (expected, actual) of every `prose-share` warning on a draft.
fn shares(text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    std::fs::write(&path, text).unwrap();
    let (_, v) = check_json(&[path.to_str().unwrap()]);
    v["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "prose-share" && d["severity"] == "warning")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
            (s("expected"), s("actual"))
        })
        .collect()
}

#[test]
fn a_share_beside_a_part_is_checked_against_part_over_total() {
    let head = "某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n";
    // 45 of 65 is 69 %, written 75 %; 20 of 65 = 30.8 %, written 30 % (truncated: accepted).
    let t = format!("{head}2023年新收政府信息公开申请65件，其中自然人45件，占75%，法人或其他组织20件，占30%。\n");
    assert_eq!(shares(&t), vec![("69%".to_string(), "75%".to_string())]);
    // Shares of the grand total in a nested list, and shares across sentences, are accepted.
    let t = format!(
        "{head}主动公开政府信息200条，其中网站公开100条（占50%），包括政策文件60条（占30%）、其他40条（占20%）。\n\
         2012年主动公开政府信息1913条。其中，区直各单位主动公开政府信息1397条，占73%。各乡镇主动公开政府信息516条，占27%。\n"
    );
    assert_eq!(shares(&t), vec![]);
    // The same shares across sentences, one of them wrong.
    let t = format!(
        "{head}2012年主动公开政府信息1913条。其中，区直各单位主动公开政府信息1397条，占63%。各乡镇主动公开政府信息516条，占27%。\n"
    );
    assert_eq!(shares(&t), vec![("73%".to_string(), "63%".to_string())]);
}

#[test]
fn a_rate_after_its_two_counts_is_checked() {
    // Tuning 平潭地税 2013 F4: “共受理审批事项117件，办结171件，办结率100%” (171 ÷ 117 = 146 %).
    let got = diagnostics("real/tuning/pingtan-dishui-2013.txt", "prose-share");
    assert_eq!(got, one("warning", "146%", "100%"));
}
