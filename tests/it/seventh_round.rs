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
    assert!(found[0].2.contains("2010年我镇通过门户网站公开各类政府信息24余条"), "{}", found[0].2);
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
