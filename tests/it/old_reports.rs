//! Short pre-2019 reports as towns and county bureaus published them (2009–2018): the
//! phrasings of their parts that the 2007-条例 checks must understand. Modelled on the
//! tuning pages of the third real batch (tests/fixtures/real/tuning/), never on held-out ones.

use crate::support::{check_json, findings};

/// A complete short report whose 依申请 part says “no applications” in `apply` and whose
/// 主动公开 part is headed `active_heading`.
fn report(active_heading: &str, apply: &str) -> String {
    format!(
        "某镇2013年政府信息公开工作年度报告\n\
         本报告中所列数据的统计期限自2013年1月1日起至2013年12月31日止。如对本报告有疑问，请与镇党政办联系（电话：0759-1234567）。\n\
         一、概述\n\
         2013年我镇认真贯彻《条例》，政府信息公开工作运行正常。\n\
         二、{active_heading}\n\
         2013年，我镇通过门户网站公开各类信息46条。\n\
         三、依申请公开政府信息情况\n\
         {apply}\n\
         四、政府信息公开的收费及减免情况\n\
         2013年度，我镇政府信息公开没有收费。\n\
         五、因政府信息公开申请行政复议、提起行政诉讼的情况\n\
         2013年度未发生行政复议、行政诉讼。\n\
         六、存在的主要问题及改进情况\n\
         公开内容还不够全面，下一步将加强培训。\n\
         七、其他需要报告的事项\n\
         无。\n\
         某镇人民政府\n\
         2014年3月10日\n"
    )
}

fn rules_of(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    std::fs::write(&path, text).unwrap();
    let (_, v) = check_json(&[path.to_str().unwrap()]);
    findings(&v)
        .into_iter()
        .filter(|(sev, _)| sev == "warning" || sev == "error")
        .map(|(_, rule)| rule)
        .collect()
}

#[test]
fn zero_applications_said_with_jiedao_or_meiyou_yishenqing_count_as_a_statement() {
    for apply in [
        "2013年度我镇没有接到群众主动要求公开政府信息的申请。",
        "2013年度没有依申请公开信息的情况。",
        "本年度未接收到政府信息公开申请。",
    ] {
        let rules = rules_of(&report("主动公开政府信息情况", apply));
        assert!(
            !rules.iter().any(|r| r == "apply-count-missing"),
            "{apply}: {rules:?}"
        );
    }
    // A 依申请 part that says nothing about applications is still reported.
    let rules = rules_of(&report(
        "主动公开政府信息情况",
        "我镇进一步规范依申请公开工作流程。",
    ));
    assert!(
        rules.iter().any(|r| r == "apply-count-missing"),
        "{rules:?}"
    );
}

#[test]
fn a_part_headed_just_zhengfu_xinxi_gongkai_qingkuang_is_the_proactive_part() {
    let rules = rules_of(&report(
        "政府信息公开情况",
        "2013年度未收到政府信息公开申请。",
    ));
    assert!(
        !rules.iter().any(|r| r == "missing-section-active"),
        "{rules:?}"
    );
    // The whole short report is otherwise clean: nothing at warning or error level.
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn a_proactive_part_without_any_count_is_reported() {
    let mut text = report("主动公开政府信息情况", "2013年度未收到政府信息公开申请。");
    assert!(!rules_of(&text).iter().any(|r| r == "active-count-missing"));
    text = text.replace(
        "2013年，我镇通过门户网站公开各类信息46条。",
        "通过政府网站、宣传栏、电子显示屏等多种途径，及时准确的公开政府信息，方便居民办事。",
    );
    let rules = rules_of(&text);
    assert_eq!(rules, vec!["active-count-missing".to_string()], "{rules:?}");
    // A count given in the 概述 instead is enough.
    text = text.replace(
        "政府信息公开工作运行正常。",
        "政府信息公开工作运行正常，全年主动公开政府信息46条。",
    );
    let rules = rules_of(&text);
    assert!(rules.is_empty(), "{rules:?}");
}

/// The opening's “本报告由……等N部分组成” against the numbered parts: 安徽 郊区 2017 (tuning
/// set) says five and has six; saying seven of the seven-part report above is right, and
/// an annexed statistics table named in the list may count as one more part.
#[test]
fn the_stated_number_of_parts_is_checked() {
    let real = std::fs::read_to_string(crate::support::fixture(
        "real/tuning/anhui-tongling-jiaoqu-xiang-2017.txt",
    ))
    .unwrap();
    assert!(rules_of(&real).contains(&"part-count".to_string()));
    let with = |sentence: &str| {
        report("主动公开政府信息情况", "2013年未收到政府信息公开申请。").replacen(
            "本报告中所列数据",
            &format!("{sentence}本报告中所列数据"),
            1,
        )
    };
    let parts = "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况等";
    assert!(!rules_of(&with(&format!("{parts}七部分组成。"))).contains(&"part-count".to_string()));
    assert!(rules_of(&with(&format!("{parts}五部分组成。"))).contains(&"part-count".to_string()));
    assert!(rules_of(&with(&format!("{parts}8个部分组成。"))).contains(&"part-count".to_string()));
    let annexed = "本报告由概述、主动公开政府信息情况和政府信息公开情况统计表共八个部分组成。";
    assert!(!rules_of(&with(annexed)).contains(&"part-count".to_string()));
}
