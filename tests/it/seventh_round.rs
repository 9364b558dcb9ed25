//! Stop 15: the spent third held-out set's misses, generalised, and contradiction rules of
//! issue 10 item 5. A year after the report year dated on work of the period
//! (`later-year-work`), a category said to be published whose 表二 row is all zero
//! (`published-but-zero`), and two different totals of proactive publication in one
//! paragraph (`active-total-twice`). Each on small drafts of the shape it was built from.

use crate::support::{check_draft as check, of_rule as of};

/// A 2009 report whose 二 holds `line`.
fn report_2009(line: &str) -> String {
    format!(
        "某某镇人民政府2009年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2009年1月1日起至2009年12月31日止。\n\
         一、概述\n2009年共整理、录入、发布14条主动公开政府信息。\n\
         二、主动公开政府信息情况\n{line}\n\
         三、依申请公开政府信息情况\n2009年未收到政府信息公开申请。\n\
         四、存在的主要问题及改进措施\n2010年,我镇通过门户网站公开各类政府信息50条。\n"
    )
}

#[test]
fn work_of_the_period_dated_in_the_following_year_is_reported() {
    // 张义镇 2009 (the spent third held-out set, audit F1): the year does not open the sentence.
    let got = check(&report_2009(
        "截止2009年12月31日,我镇主动公开政府信息累计14条。此外,2010年我镇通过门户网站公开各类政府信息24余条。",
    ));
    let found = of(&got, "later-year-work");
    assert_eq!(found.len(), 1, "{got:?}");
    assert_eq!(found[0].0, "warning");
    assert!(
        found[0]
            .2
            .contains("2010年我镇通过门户网站公开各类政府信息24余条"),
        "{}",
        found[0].2
    );
    assert!(found[0].2.contains("报告年度是 2009 年"), "{}", found[0].2);
    // Plans, dates of the report's own making, titles and cut-off dates are not judged; nor
    // is the plans part (四 of the draft holds a 2010 figure with no plan word).
    for ok in [
        "2010年,我镇将通过门户网站公开各类政府信息50条以上。",
        "2010年1月,我镇印发了《政府信息公开指南》等文件3件。",
        "根据《2010年政务公开工作要点》,我镇共公开信息14条。",
        "截至2010年,我镇累计公开各类政府信息80条。",
        "2008年,我镇通过门户网站公开各类政府信息10条。",
    ] {
        let got = check(&report_2009(ok));
        assert!(of(&got, "later-year-work").is_empty(), "{ok}: {got:?}");
    }
}

/// A 2021-format 2023 report: `overview` in 一, 表二 with `coercion` as the 行政强制 cell.
fn report_2023(overview: &str, coercion: &str) -> String {
    format!(
        "某某镇人民政府2023年政府信息公开工作年度报告\n本报告所列数据的统计期限为2023年1月1日至12月31日。\n\
         一、总体情况\n{overview}\n二、主动公开政府信息情况\n\
         第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
         规章 | 0 | 0 | 0 |\n行政规范性文件 | 3 | 1 | 20 |\n第二十条第（五）项 |\n\
         信息内容 | 本年处理决定数量 |\n行政许可 | 0 |\n第二十条第（六）项 |\n\
         信息内容 | 本年处理决定数量 |\n行政处罚 | 30 |\n行政强制 | {coercion} |\n第二十条第（八）项 |\n\
         信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 0 |\n\
         三、收到和处理政府信息公开申请情况\n本年度未收到政府信息公开申请。\n"
    )
}

#[test]
fn a_category_said_to_be_published_with_an_all_zero_row_is_reported() {
    // 云台镇 2020 (the spent third held-out set, audit F1), in the 2021 format.
    let claim = "2023年,我镇积极主动公开了行政处罚、行政强制、政府集中采购等信息若干条。";
    let got = check(&report_2023(claim, "0"));
    let found = of(&got, "published-but-zero");
    assert_eq!(found.len(), 1, "{got:?}");
    assert_eq!(found[0].0, "warning");
    assert!(found[0].2.contains("行政强制"), "{}", found[0].2);
    assert!(found[0].2.contains("表二「行政强制」"), "{}", found[0].2);
    // 行政处罚 (30) is fine; a blank cell is no evidence; lists of items, negations are not claims.
    for (overview, cell) in [
        (claim, "2"),
        (claim, "/"),
        (claim, ""),
        ("2023年,我镇公开了行政强制事项清单等信息。", "0"),
        ("2023年,我镇未公开行政强制相关信息。", "0"),
    ] {
        let got = check(&report_2023(overview, cell));
        assert!(
            of(&got, "published-but-zero").is_empty(),
            "{overview} {cell:?}: {got:?}"
        );
    }
    // 行政许可 (0 in the draft) said to be published is reported on its own.
    let got = check(&report_2023(
        "2023年,我镇通过门户网站公开行政许可决定信息。",
        "2",
    ));
    let found = of(&got, "published-but-zero");
    assert_eq!(found.len(), 1, "{got:?}");
    assert!(found[0].2.contains("行政许可"), "{}", found[0].2);
}

#[test]
fn two_different_totals_of_proactive_publication_are_reported() {
    // 朝天门街道 2025 (the spent third held-out set, audit F1), with its first figure as a total.
    let draft = |second: &str| {
        format!(
            "某某街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n\
             2023年,街道共主动公开政府信息44条。街道不断规范基层政务公开专栏建设,{second}\n"
        )
    };
    let got = check(&draft("全年累计按规公开各类信息266条。"));
    let found = of(&got, "active-total-twice");
    assert_eq!(found.len(), 1, "{got:?}");
    assert_eq!(found[0].0, "warning");
    assert!(
        found[0].2.contains("为 44") && found[0].2.contains("为 266"),
        "{}",
        found[0].2
    );
    // The same total twice, a channel, a sub-unit, a cumulative figure since a year, an
    // approximate figure, or a sum of listed parts: nothing to report.
    for ok in [
        "全年累计按规公开各类信息44条。",
        "通过政务公开专栏主动公开信息266条。",
        "各村主动公开政府信息266条。",
        "自2008年以来累计主动公开政府信息266条。",
        "全年共主动公开政府信息260余条。",
        "全年主动公开政策文件信息12条、人事信息5条。",
    ] {
        let got = check(&draft(ok));
        assert!(of(&got, "active-total-twice").is_empty(), "{ok}: {got:?}");
    }
}

#[test]
fn prose_against_the_gansu_and_shanghai_old_tables_is_checked() {
    let read = |name: &str| {
        std::fs::read_to_string(crate::support::fixture(&format!("real/old-tables/{name}")))
            .unwrap()
    };
    // 定西 2011: prose and 本年累计 agree (9 applications); then the prose is changed.
    let gs = read("gansu-dingxi-2011.txt");
    assert!(of(&check(&gs), "old-gs-prose").is_empty());
    let got = check(&gs.replacen("受理政府信息公开申请9件", "受理政府信息公开申请12件", 1));
    let found = of(&got, "old-gs-prose");
    assert_eq!(found.len(), 1, "{got:?}");
    assert!(
        found[0].2.contains("12") && found[0].2.contains("（9）"),
        "{}",
        found[0].2
    );
    // 浦东 2012: 412 proactive items in the 年度累计 column; a month's figure is not compared.
    let sh = read("shanghai-pudong-2012.txt");
    assert!(of(&check(&sh), "old-sh-prose").is_empty());
    let month = sh.replacen(
        "2012年主动公开政府信息412条",
        "2012年12月主动公开政府信息35条",
        1,
    );
    assert!(of(&check(&month), "old-sh-prose").is_empty());
    let got = check(&sh.replacen(
        "2012年主动公开政府信息412条",
        "2012年主动公开政府信息400条",
        1,
    ));
    assert_eq!(of(&got, "old-sh-prose").len(), 1, "{got:?}");
}

#[test]
fn a_sub_unit_above_the_one_proactive_total_is_reported() {
    // Seed 007 (平潭县 2012, audit F2): 县直各单位 2475 against 主动公开 2026.
    let draft = |total: &str| {
        format!(
            "某某县人民政府2012年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
             {total}主动公开的政府信息,县直各单位主动公开政府信息2475条,占62.2%。各乡镇主动公开政府信息1503条,占37.8%。\n"
        )
    };
    let got = check(&draft(
        "2012年制作、获取政府信息总数3978条,其中主动公开政府信息2026条。",
    ));
    let found = of(&got, "active-total-twice");
    assert_eq!(found.len(), 1, "{got:?}");
    assert!(
        found[0].2.contains("2475条多于") && found[0].2.contains("2026条"),
        "{}",
        found[0].2
    );
    // The parts within the total; a total that names no year or whole (the body's own
    // share); a total the parts belong to under another scope: nothing to report.
    for ok in [
        "2012年全县主动公开政府信息3978条。",
        "县政府主动公开政府信息2026条。",
        "2012年县本级主动公开政府信息2026条。",
    ] {
        let got = check(&draft(ok));
        assert!(of(&got, "active-total-twice").is_empty(), "{ok}: {got:?}");
    }
}
