//! Issue 10, eighteenth round (stop 26), after heldout15 was spent at its second run:
//! - a list of kinds closed by a conjunction (“……工作动态38条,法律法规8条,……应急管理1条和部门文件7条”)
//!   is one enumeration to its end, even where it changes from `、` to `,`; ten kinds that
//!   add up to 64 under a total of 65 are reported (东阳市气象局 2014, audit F1);
//! - a period whose dates were never filled in (“统计数据时限为 起至止”) is a blank template
//!   line, a warning, not “未写明” (瑞安市气象局 2015, audit F1);
//! - a template's note to the writer left in place (“编写说明:可先适当综述。”, 周矶街道 2020,
//!   audit F1);
//! - the old structure announced as “全文主要叙述了……(含概述、……收费及减免情况……)” (千垛镇
//!   2019, audit F2);
//! - a page's column label (“• 乡镇政府信息公开年度报告”) above the real title is no title, and
//!   an opening that announces another agency's report (“现公布建水县民族宗教事务局2025年度
//!   政府信息公开工作年度报告” under 建水县面甸镇's title, `announced-agency`; 面甸镇 2025,
//!   audit F1);
//! - a report addressed to the office that collects reports (“盘锦市政务公开办:”, “现将2020年
//!   工作情况和2021年工作计划报告如下”, `report-to-office`; 辽东湾新区 2020, audit F1).

use crate::support::{
    assert_one_finding, check_draft as check, of_rule as of, one_warning, overview,
};

/// 表三 of the 2021 format as `t3-prose`'s own examples give it (本年新收 10 + 1 = 11; the rows
/// below it are defective on purpose: blank cells, results adding up to 10 + 1).
const EXAMPLE_T3: &str = r#"三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）| 申请人情况 |
| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
一、本年新收政府信息公开申请数量 | 10 | 1 | 0 | 0 | 0 | 0 | 11 |
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
（一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 |  |
（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 |  |
（三）不予公开 |
1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
（四）无法提供 |
1.本机关不掌握相关政府信息 | 3 | 0 | 0 | 0 | 0 | 0 |  |
2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
（五）不予处理 |
1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
（六）其他处理 |
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
（七）总计 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |
四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
四、政府信息公开行政复议、行政诉讼情况"#;

#[test]
fn a_conjunction_closes_a_list_of_kinds() {
    let msg = one_warning(
        "real/heldout15/zhejiang-dongyang-qixiangju-2014.txt",
        "prose-sum",
    );
    assert!(msg.contains("合计 64条") && msg.contains("65条"), "{msg}");
    let draft = |list: &str| {
        overview(
            "某某局2023",
            &format!("全年主动公开政府信息59条,其中{list}。"),
        )
    };
    let got = check(&draft(
        "工作动态30条、通知公告10条、人事信息5条,政策解读4条,财政信息4条,规划计划1条,应急管理2条和部门文件2条",
    ));
    assert_one_finding(&got, "prose-sum", "warning", "合计 58条");
    // Adding up, a short list closed by 和, a list without the conjunction, and a clause
    // after the run say nothing.
    for list in [
        "工作动态30条、通知公告10条、人事信息5条,政策解读4条,财政信息4条,规划计划1条,应急管理2条和部门文件3条",
        "政策文件10条和工作动态20条",
        // Five kinds closed by 和 may be the notable few of the total.
        "政策文件10条、规划计划5条、财政信息20条、人事信息3条和应急管理2条",
        "工作动态30条、通知公告10条、人事信息5条,政策解读4条,财政信息4条,规划计划1条,应急管理2条,部门文件2条",
        "工作动态30条、通知公告10条、人事信息5条,政策解读4条,办理建议4件,规划计划1条,应急管理2条和部门文件2条",
    ] {
        let got = check(&draft(list));
        assert!(of(&got, "prose-sum").is_empty(), "{list}: {got:?}");
    }
}

#[test]
fn a_blank_period_is_a_template_line() {
    let d = crate::support::diagnostics_of_rule(
        "real/heldout15/zhejiang-ruian-qixiangju-2015.txt",
        "wrong-statistical-period",
    );
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["severity"], "warning", "{d:?}");
    assert!(
        d[0]["message"].as_str().unwrap().contains("没有填写"),
        "{d:?}"
    );
    let head = "某某局2015年政府信息公开工作年度报告\n";
    for line in [
        "本报告所列数据的统计期限为    年  月  日至    年  月  日。",
        "统计时段: 自 起 至 止。",
    ] {
        let got = check(&format!("{head}{line}\n"));
        assert_one_finding(&got, "wrong-statistical-period", "warning", "没有填写");
    }
    // A written period, and none at all (info), are not blank.
    let got = check(&format!(
        "{head}本报告所列数据的统计期限为2015年1月1日至2015年12月31日。\n"
    ));
    assert!(of(&got, "wrong-statistical-period").is_empty(), "{got:?}");
    let got = check(&format!("{head}本报告介绍本局的公开工作。\n"));
    assert_one_finding(&got, "wrong-statistical-period", "info", "未写明");
}

#[test]
fn a_template_note_to_the_writer() {
    let msg = one_warning(
        "real/heldout15/hubei-qianjiang-zhouji-2020.txt",
        "template-instruction",
    );
    assert!(msg.contains("编写说明:可先适当综述。"), "{msg}");
}

#[test]
fn an_old_structure_announced_in_parentheses() {
    let msg = one_warning(
        "real/heldout15/jiangsu-xinghua-qianduo-2019.txt",
        "announced-old-structure",
    );
    assert!(msg.contains("概述"), "{msg}");
}

#[test]
fn a_column_label_is_no_title_and_another_agency_announced() {
    let rel = "real/heldout15/yunnan-jianshui-miandian-2025.txt";
    let msg = one_warning(rel, "announced-agency");
    assert!(
        msg.contains("建水县民族宗教事务局") && msg.contains("建水县面甸镇"),
        "{msg}"
    );
    assert!(crate::support::diagnostics_of_rule(rel, "report-year-fit").is_empty());
    // The column label alone, with no title below it, is still read as the title.
    let got = check("• 乡镇政府信息公开年度报告\n一、总体情况\n本镇公开信息10条。\n");
    assert_one_finding(&got, "report-year-fit", "warning", "没有写明报告年度");
    let got = check(
        "• 乡镇政府信息公开年度报告\n• 发布机构\n某某县某某镇人民政府\n\n某某县某某镇2025年政府信息公开工作年度报告\n一、总体情况\n本镇公开信息10条。\n",
    );
    assert!(of(&got, "report-year-fit").is_empty(), "{got:?}");
}

#[test]
fn a_report_addressed_to_the_collecting_office() {
    let d = crate::support::diagnostics_of_rule(
        "real/heldout15/liaoning-panjin-liaodongwan-2020.txt",
        "report-to-office",
    );
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d.iter().all(|x| x["severity"] == "warning"), "{d:?}");
}

#[test]
fn a_count_reached_is_exact_and_a_period_spaced_apart_is_garbled() {
    // Nineteenth batch, tuning: “解读总量达126件” is the count reached, 66 + 51 + 13 = 130.
    let d = crate::support::diagnostics_of_rule(
        "real/tuning/heilongjiang-daxinganling-2023.txt",
        "prose-sum",
    );
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0]["message"].as_str().unwrap().contains("130件"), "{d:?}");
    let draft = |count: &str| {
        overview(
            "某某局2023",
            &format!("全年发布政策解读{count},其中文字解读66件、图表图解51件、问答解读13件。"),
        )
    };
    assert_one_finding(&check(&draft("达126件")), "prose-sum", "error", "130件");
    // A rounded figure after 达, and 多达, stay approximate: nothing is judged.
    for count in ["达1.2万件", "多达126件", "约126件"] {
        let got = check(&draft(count));
        assert!(of(&got, "prose-sum").is_empty(), "{count}: {got:?}");
    }
    // “统计期限自 2015 1 1日起至 2015 12 31日止”: garbled, not missing.
    let rel = "real/tuning/zhejiang-qingtian-jiaotongju-2015.txt";
    one_warning(rel, "period-date-garbled");
    assert!(crate::support::diagnostics_of_rule(rel, "wrong-statistical-period").is_empty());
}

#[test]
fn pieces_in_pian_join_a_run_of_kinds_in_tiao() {
    let draft = |list: &str| {
        overview(
            "某某街道2023",
            &format!("全年通过门户网站公开信息40条,其中{list}。"),
        )
    };
    // One `、` run of kinds: 36 + 3 + 2 = 41 > 40.
    let got = check(&draft("工作动态36条、通知公告3篇、决策公开2篇"));
    assert_one_finding(&got, "prose-sum", "error", "41条");
    // After a comma a figure in another unit may be another quantity of the sentence
    // (广西荔浦 2022, tuning: “……其他信息2084条,主动公开文件597份,发布政策解读14篇”).
    let got = check(&draft("工作动态36条,其他信息3条,发布政策解读2篇"));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
    // Every item in 篇 under a total in 条: the list counts its pieces so, whatever joins it.
    let got = check(&draft("概况信息2篇,公文1篇,政务动态38篇"));
    assert_one_finding(&got, "prose-sum", "error", "41条");
    let d = crate::support::diagnostics_of_rule("real/tuning/guangxi-lipu-2022.txt", "prose-sum");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn applications_named_by_their_procedure_meet_the_table() {
    // 表三 本年新收 11 (a 2021-format table, as in the rule's own examples).
    let table = EXAMPLE_T3;
    let draft = |prose: &str| {
        format!("某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n{table}\n")
    };
    for prose in [
        "本年度受理依申请公开12件，均按时办结。",
        "全年收到依申请公开政府信息12件。",
        "本年度新收到依申请公开事项12件。",
        "全年受理信息公开申请12件。",
    ] {
        let got = check(&draft(prose));
        assert_one_finding(&got, "t3-prose", "warning", "12");
    }
    for prose in [
        "本年度受理依申请公开11件，均按时办结。",
        "全年收到依申请公开政府信息11件。",
    ] {
        let got = check(&draft(prose));
        assert!(of(&got, "t3-prose").is_empty(), "{prose}: {got:?}");
    }
}

#[test]
fn a_number_with_thousands_separators_is_read_whole() {
    // Read as its last group, “1,200条” was stated as a total of 200 (a wrong number at error).
    let draft = |a: &str, b: &str| {
        overview(
            "某某局2023",
            &format!("全年主动公开政府信息1,200条,其中政策文件{a}条、工作动态{b}条。"),
        )
    };
    let got = check(&draft("600", "700"));
    assert_one_finding(&got, "prose-sum", "error", "总数 1200条");
    let got = check(&draft("500", "700"));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
    // Digits split by a space (“1 200条”, a grouping space or a rendering's): the number may
    // be longer than the digits after the space, so nothing is judged with it.
    let got = check(&overview(
        "某某局2023",
        "全年主动公开政府信息1 200条,其中政策文件600条、工作动态700条。",
    ));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
}

#[test]
fn a_part_of_the_sentence_before_is_no_total_of_a_qizhong_sentence() {
    // 济宁市人社局 2020 (twentieth batch, tuning): “受理……21件,包括信函申请2件、网络申请19件,…。
    // 其中予以公开10件,部分公开2件。” — 19 is a part, not the total the 其中 breaks down.
    let d = crate::support::diagnostics_of_rule(
        "real/tuning/shandong-jining-renshe-2020.txt",
        "prose-sum",
    );
    assert!(d.is_empty(), "{d:?}");
    let draft = |before: &str| {
        overview(
            "某某局2023",
            &format!("{before}。其中予以公开10件,部分公开2件,不予公开1件,其他处理1件。"),
        )
    };
    let got = check(&draft(
        "全年受理申请21件,包括信函申请2件、网络申请19件,全部按时办结",
    ));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
    // The last count of the sentence before, alone, is still the total broken down.
    let got = check(&draft("全年受理申请19件,全部按时办结"));
    assert_one_finding(&got, "prose-sum", "warning", "19件");
}

#[test]
fn figures_dated_by_last_years_cut_off() {
    // 天水市乡村振兴局 2021 (twentieth batch, tuning, audit F1).
    one_warning(
        "real/tuning/gansu-tianshui-xiangcunzhenxing-2021.txt",
        "year-slip",
    );
    let draft = |line: &str| overview("某某局2021", line);
    let got = check(&draft(
        "(一)主动公开政府信息情况:截至2020年12月31日,我局通过网站发布信息120条。",
    ));
    assert_one_finding(&got, "year-slip", "warning", "2020");
    // A running total, this year's cut-off, and an older year are not judged here.
    for line in [
        "截至2020年12月31日,我局累计发布信息1200条。",
        "截至2021年12月31日,我局通过网站发布信息120条。",
        "截至2019年12月31日,我局通过网站发布信息120条。",
    ] {
        let got = check(&draft(line));
        assert!(of(&got, "year-slip").is_empty(), "{line}: {got:?}");
    }
}

#[test]
fn a_report_published_before_its_year_ends() {
    // 长通街道 2024 (twentieth batch, tuning, audit F1): “完成长通街道2024年政府信息公开年度报告,
    // 并于2024年1月15日之前……向社会公布” in a 2024 report.
    one_warning(
        "real/tuning/jilin-nanguan-changtong-2024.txt",
        "report-published-year",
    );
    let draft = |line: &str| overview("某某街道2024", line);
    let got = check(&draft(
        "按时完成2024年度政府信息公开工作年度报告,并于2023年12月在网站公布。",
    ));
    assert_one_finding(&got, "report-published-year", "warning", "2024年度");
    for line in [
        "按时完成2023年政府信息公开年度报告,并于2024年1月15日之前在网站向社会公布。",
        "印发《关于做好2024年政府信息公开工作年度报告编制工作的通知》,于2024年12月部署编制工作。",
    ] {
        let got = check(&draft(line));
        assert!(
            of(&got, "report-published-year").is_empty(),
            "{line}: {got:?}"
        );
    }
}

#[test]
fn table_cells_with_thousands_separators_are_numbers() {
    // 表三 本年新收: 自然人 1,010 + 商业企业 1 = 1,011.
    let table = EXAMPLE_T3.replace(
        "| 10 | 1 | 0 | 0 | 0 | 0 | 11 |",
        "| 1,010 | 1 | 0 | 0 | 0 | 0 | TOTAL |",
    );
    let draft = |total: &str| {
        format!(
            "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度共新收政府信息公开申请1,011件。\n{}\n",
            table.replace("TOTAL", total)
        )
    };
    // (The rule's example table below the row is defective on purpose: blank cells, and its
    // results add up to 10 + 1, so 表三 does not balance with 1,011 received.)
    let got = check(&draft("1,011"));
    assert!(of(&got, "t3-structure").is_empty(), "{got:?}");
    assert!(
        of(&got, "t3-applicants-total")
            .iter()
            .all(|d| d.0 != "error"),
        "{got:?}"
    );
    assert!(
        of(&got, "t3-balance")
            .iter()
            .any(|d| d.2.contains("申请数量 1011 +")),
        "{got:?}"
    );
    let got = check(&draft("1,012"));
    assert!(
        of(&got, "t3-applicants-total")
            .iter()
            .any(|d| d.0 == "error" && d.2.contains("1011") && d.2.contains("1012")),
        "{got:?}"
    );
}

#[test]
fn the_upper_end_of_a_range_is_no_count() {
    // “10-20条” was read as 20: 20 + 90 “exceeded” 100, though the parts may add up to it.
    for parts in [
        "10-20条、工作动态90条",
        "10至20条、工作动态90条",
        "十至二十条、工作动态90条",
    ] {
        let got = check(&overview(
            "某某局2023",
            &format!("全年主动公开政府信息100条,其中政策文件{parts}。"),
        ));
        assert!(of(&got, "prose-sum").is_empty(), "{parts}: {got:?}");
    }
    // A count after a range of months is a count.
    let got = check(&overview(
        "某某局2023",
        "1至12月共受理申请20件,其中自然人12件、法人10件。",
    ));
    assert_one_finding(&got, "prose-sum", "error", "22件");
}

#[test]
fn a_change_against_last_year_is_no_total() {
    // “较上年增加5件,其中自然人15件、法人5件”: the list breaks down the 20 received, not the 5 more.
    let draft = |line: &str| overview("某某局2023", line);
    for line in [
        "全年收到申请20件,较上年增加5件,其中自然人15件、法人5件。",
        "全年主动公开信息300条,比上年多50条,其中政策文件100条、动态200条。",
        "全年收到申请20件,较上年增加5件。其中自然人15件,法人5件。",
    ] {
        let got = check(&draft(line));
        assert!(of(&got, "prose-sum").is_empty(), "{line}: {got:?}");
    }
    let got = check(&draft("全年收到申请20件,其中自然人15件、法人6件。"));
    assert_one_finding(&got, "prose-sum", "error", "21件");
}

#[test]
fn a_figure_said_to_be_in_addition_is_no_part() {
    let got = check(&overview("某某局2023", "全年发布信息100条,其中第一季度20条、第二季度30条、第三季度25条、第四季度25条,另有转载信息40条。"));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
    // Without 另有 the clause after the run is read on, as before.
    let got = check(&overview("某某局2023", "全年发布信息100条,其中第一季度20条、第二季度30条、第三季度25条、第四季度25条,转载信息40条。"));
    assert_one_finding(&got, "prose-sum", "warning", "140条");
}

#[test]
fn figures_rounded_to_a_decimal_of_wan_are_not_summed() {
    let draft = |line: &str| overview("某某局2023", line);
    // 0.8万 is anything from 7,500 to 8,499: 0.8 + 0.8 may be 1.5万.
    let got = check(&draft(
        "全年支出费用1.5万元,其中复印费0.8万元、邮寄费0.8万元。",
    ));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
    // Whole 万 are exact.
    let got = check(&draft("全年支出费用3万元,其中复印费2万元、邮寄费2万元。"));
    assert_one_finding(&got, "prose-sum", "error", "4万元");
}

#[test]
fn another_years_applications_are_not_this_years() {
    // 表三 本年新收 11.
    let draft = |prose: &str| {
        format!(
            "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n{EXAMPLE_T3}\n"
        )
    };
    for prose in [
        "2022年共受理政府信息公开申请5件,2023年共受理政府信息公开申请11件。",
        "本年度共受理政府信息公开申请11件,较上年的受理政府信息公开申请5件有所增加。",
        "本年度共受理政府信息公开申请11件。自2008年以来累计受理政府信息公开申请120件。",
    ] {
        let got = check(&draft(prose));
        assert!(of(&got, "t3-prose").is_empty(), "{prose}: {got:?}");
    }
    let got = check(&draft("本年度共受理政府信息公开申请12件。"));
    assert_one_finding(&got, "t3-prose", "warning", "12");
}

#[test]
fn another_years_reviews_are_not_this_years() {
    // 表四 行政复议 总计 4.
    let table = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n2 | 1 | 0 | 1 | 4 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 |\n五、存在的主要问题及改进情况\n无。";
    let draft = |prose: &str| {
        format!("某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n{table}\n")
    };
    for prose in [
        "本年度发生政府信息公开行政复议4件,较上年行政复议2件有所增加。",
        "2022年发生政府信息公开行政复议2件。本年度行政复议4件。",
        "本年度行政复议4件,自2008年以来累计行政复议15件。",
    ] {
        let got = check(&draft(prose));
        assert!(of(&got, "t4-prose").is_empty(), "{prose}: {got:?}");
    }
    let got = check(&draft("本年度发生政府信息公开行政复议3件。"));
    assert_one_finding(&got, "t4-prose", "warning", "3");
}

#[test]
fn another_years_documents_are_not_this_years() {
    // 表二 行政规范性文件: 本年制发 3, 现行有效 20.
    let table = r#"某某县人民政府2023年政府信息公开工作年度报告
一、总体情况
{prose}
二、主动公开政府信息情况
第二十条第（一）项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 3 | 1 | 20 |
第二十条第（五）项 |
信息内容 | 本年处理决定数量 |
行政许可 | 12 |
第二十条第（六）项 |
信息内容 | 本年处理决定数量 |
行政处罚 | 30 |
行政强制 | 2 |
第二十条第（八）项 |
信息内容 | 本年收费金额（单位：万元） |
行政事业性收费 | 1.5 |
三、收到和处理政府信息公开申请情况
- name: 本年制发行政规范性文件数
  cells: [normative.made]
  # Another year's count, a comparison or a running total is not this year's.
  other_years_excluded: true
  exclude: ['上一?年|去年|前年|以来|累计|历年|至今|较|同比']
  patterns:
    - '(?:制发|制定|出台|印发)(?:行政)?规范性文件(?:共)?(?P<n>[0-9]+)件'
- name: 现行有效行政规范性文件数
  cells: [normative.valid]
  # As of another year's end it is another count.
  other_years_excluded: true
  patterns:
    - '现行有效(?:的)?(?:行政)?规范性文件(?:共)?(?P<n>[0-9]+)件'"#;
    let draft = |prose: &str| format!("{}\n", table.replace("{prose}", prose));
    for prose in [
        "本年度制发行政规范性文件3件,较上年制发行政规范性文件5件有所减少。现行有效行政规范性文件20件。",
        "2022年制发行政规范性文件5件。截至2022年底现行有效行政规范性文件18件。",
        "本年度制发行政规范性文件3件,现行有效行政规范性文件20件,自2008年以来累计制定规范性文件120件。",
    ] {
        let got = check(&draft(prose));
        assert!(of(&got, "t2-prose").is_empty(), "{prose}: {got:?}");
    }
    let got = check(&draft("本年度制发行政规范性文件4件。"));
    assert_one_finding(&got, "t2-prose", "warning", "4");
}
