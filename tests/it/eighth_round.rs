//! Stop 16: misses of the tuning set generalised (issue 10, recall). A report citing the
//! notice on another year's reports (`notice-year`), and a share “of the whole” whose whole
//! another share of the same part shows (`prose-share`, outcome `grand`). Each on small
//! drafts of the shape it was built from.

use crate::support::{check_draft as check, of_rule as of};

/// A 2011 report whose opening cites `notice`.
fn report_2011(notice: &str) -> String {
    format!(
        "白沙镇人民政府2011年政府信息公开年度工作报告\n\
         本年度报告根据《中华人民共和国政府信息公开条例》及《闽侯县人民政府办公室{notice}》编制。\n\
         一、概述\n全年主动公开政府信息46条。\n\
         二、依申请公开政府信息办理情况\n2011年未收到政府信息公开申请。\n"
    )
}

#[test]
fn a_notice_on_another_years_reports_is_reported() {
    // 闽侯白沙镇 2011 (tuning, audit F1): the opening kept the 2010 notice.
    let got = check(&report_2011(
        "关于做好2010年度政府信息公开工作年度报告有关事项的通知",
    ));
    let found = of(&got, "notice-year");
    assert_eq!(found.len(), 1, "{got:?}");
    assert_eq!(found[0].0, "warning");
    assert!(
        found[0]
            .2
            .contains("“关于做好2010年度政府信息公开工作年度报告……”的通知是布置 2010 年度年报的"),
        "{}",
        found[0].2
    );
    assert!(
        found[0].2.contains("本报告是 2011 年度的"),
        "{}",
        found[0].2
    );
    // The notice of the report's own year, and notices on other work, are not judged.
    for ok in [
        "关于做好2011年度政府信息公开工作年度报告有关事项的通知",
        "关于做好2011年政府信息公开年度报告编制和公布工作的通知",
        "关于做好2010年度政务公开工作要点落实情况督查的通知",
        "关于印发2010年政府信息公开工作要点的通知",
    ] {
        let got = check(&report_2011(ok));
        assert!(of(&got, "notice-year").is_empty(), "{ok}: {got:?}");
    }
}

/// A 2009 report whose 二 states 734 and then `shares`.
fn report_2009(shares: &str) -> String {
    format!(
        "北京市某局2009年政府信息公开年度报告\n\
         一、概述\n2009年1月1日至2009年12月31日,我局主动公开信息734条,依申请公开信息12条,不予公开信息27条。\n\
         二、政府信息主动公开情况\n本局2009年共主动公开政府信息734条,其中全文电子化率达100%。\n{shares}\n\
         三、依申请公开政府信息情况\n2009年收到政府信息公开申请1件。\n"
    )
}

#[test]
fn a_share_of_the_whole_is_checked_against_the_whole_another_share_names() {
    // 北京市文化局 2009 (tuning, audit F1): 16 / 734 = 2.18 %, written 2.8 %; 25 / 734 = 3.4 %.
    let got = check(&report_2009(
        "在主动公开的信息中,机构职能类信息16条,主要为文化局主要领导信息、机关各处室职能信息等,占总体的比例为2.8 %;\n\
         法规文件类信息25条,占总体的比例为3.4%,其中规章类文件2条。",
    ));
    let found = of(&got, "prose-share");
    assert_eq!(found.len(), 1, "{got:?}");
    assert_eq!(found[0].0, "warning");
    assert!(found[0].2.contains("占总体比例为 2.8%"), "{}", found[0].2);
    assert!(found[0].2.contains("16÷734"), "{}", found[0].2);
    assert!(found[0].2.contains("应约为 2.2%"), "{}", found[0].2);
    for ok in [
        // Both shares right.
        "机构职能类信息16条,主要为领导信息等,占总体的比例为2.2%;\n法规文件类信息25条,占总体的比例为3.4%。",
        // No other share names the whole: which count is the whole cannot be told.
        "机构职能类信息16条,主要为领导信息等,占总体的比例为2.8%。",
        // The other share fits no count either: nothing confirms a whole.
        "机构职能类信息16条,主要为领导信息等,占总体的比例为2.8%;\n法规文件类信息25条,占总体的比例为5.5%。",
        // Two counts before the share: which one it belongs to cannot be told.
        "机构职能类信息16条,较上年增加3条,占总体的比例为2.8%;\n法规文件类信息25条,占总体的比例为3.4%。",
        // 16 / 27 (不予公开 27 is not a whole of 主动公开, but 16 fits it at 59 %): some count fits.
        "机构职能类信息16条,主要为领导信息等,占总体的比例为59%;\n法规文件类信息25条,占总体的比例为3.4%。",
    ] {
        let got = check(&report_2009(ok));
        assert!(of(&got, "prose-share").is_empty(), "{ok}: {got:?}");
    }
}

/// A 2021 report that ends inside its 二 (no 表二 in what there is), with `tail` last.
fn report_cut_in_part_two(tail: &str) -> String {
    format!(
        "大东坝镇人民政府2021年政府信息公开工作年度报告\n\
         报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n\
         一、总体情况\n2021年,我镇共在政务信息公开平台主动公开政府信息18条。\n\
         二、主动公开政府信息情况\n(一)主动公开的文件数量:0件;\n\
         (二)主动公开的主要类别情况:主要包括机构设置、领导分工、工作规则、{tail}\n"
    )
}

#[test]
fn a_table_part_cut_by_the_end_of_the_text_is_not_said_to_lack_its_table() {
    // 松阳大东坝镇 2021 (tuning): the stored page stops mid-word inside 二.
    let got = check(&report_cut_in_part_two(
        "乡镇文件、工作报告、工作动态、公告通",
    ));
    let found = of(&got, "t2-structure");
    assert_eq!(found.len(), 1, "{got:?}");
    assert_eq!(found[0].0, "info", "{found:?}");
    assert!(found[0].2.contains("无法核对"), "{}", found[0].2);
    // A text that ends with a finished sentence: the part has no table (an error, as before).
    let got = check(&report_cut_in_part_two(
        "乡镇文件、工作报告、工作动态、公告通知等。",
    ));
    let found = of(&got, "t2-structure");
    assert_eq!(found.len(), 1, "{got:?}");
    assert_eq!(found[0].0, "error", "{found:?}");
}
