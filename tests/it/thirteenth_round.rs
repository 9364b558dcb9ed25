//! Issue 10, thirteenth round (tuning misses of stop 21):
//! - another township's own catalogue in a township's report (“制定和完善黄村乡信息公开目录” in
//!   参内乡's report, 安溪参内乡 2012, audit F1) is text copied from that township's report
//!   (`foreign-unit`);
//! - an opening whose account of the parts begins with the old 概述 and 主动公开 parts
//!   (“内容包括概述,主动公开政府信息情况,…”, 永春蓬壶镇 2019, audit F2) announces the old
//!   structure even without the old fee part (`announced-old-structure`);
//! - channels closed by a catch-all (“…;利用宣传车公开栏等方式公开各类政府信息453条”, 临邑宿安乡
//!   2018, audit F1) split the total by channel and must add up to it (`prose-sum`
//!   `channels`), also when the channels are set off by `;` and each has its own verb;
//! - a list that goes on after a change of separator (“…培训信息6条,主题教育信息32条,视频1条,…”,
//!   临河甘招庙 2025) is read to the end of its sentence when every later clause is a bare
//!   category and count (`prose-sum` `extended`, a warning);
//! - an end date that lost only its 年 (“2024年1月1日起至202412月31日”, 新疆自然资源厅 2024) is a
//!   garbled period (`period-date-garbled`);
//! - a share that names its part again later in the sentence (“动漫解读文件7个,……,动漫解读占比23%”
//!   of 23, 西夏区政府办 2024) is that part's share (`prose-share`).

use crate::support::{assert_one_finding, check_draft as check, of_rule as of, one_warning};

#[test]
fn another_townships_catalogue_is_reported_with_the_own_name() {
    let msg = one_warning("real/tuning/fujian-anxi-cannei-2012.txt", "foreign-unit");
    assert!(msg.contains("黄村乡信息公开目录"), "{msg}");
    assert!(msg.contains("参内乡"), "{msg}");
}

fn township(body: &str) -> Vec<(String, String, String)> {
    check(&format!(
        "某某县参内乡2012年政府信息公开工作年度报告\n\
         本报告所列数据统计期限为2012年1月1日至12月31日。如对本报告有疑问，请与参内乡人民政府办公室联系（电话：0595-23232684）。\n\
         一、概述\n{body}\n"
    ))
}

#[test]
fn own_names_verbs_and_reports_without_a_township_of_their_own_are_not_reported() {
    let got = township("制定和完善黄村乡信息公开目录和信息公开指南。");
    assert_one_finding(&got, "foreign-unit", "warning", "黄村乡信息公开目录");
    // The report's own township, the bare unit word after a verb, and another township
    // named for something that is not its own catalogue.
    for body in [
        "制定和完善参内乡信息公开目录。",
        "调整乡政务公开工作领导小组，更新本乡信息公开指南。",
        "协助黄村乡开展政务公开培训。",
    ] {
        assert!(of(&township(body), "foreign-unit").is_empty(), "{body}");
    }
    // A county bureau may speak of one of its townships' catalogues.
    let got = check(
        "某某县民政局2012年政府信息公开工作年度报告\n\
         本报告所列数据统计期限为2012年1月1日至12月31日。\n\
         一、概述\n指导黄村乡完善信息公开目录，审核黄村乡信息公开指南。\n",
    );
    assert!(of(&got, "foreign-unit").is_empty(), "{got:?}");
}

#[test]
fn an_account_of_parts_opening_with_the_old_overview_is_the_old_structure() {
    let msg = one_warning(
        "real/tuning/fujian-yongchun-penghu-2019.txt",
        "announced-old-structure",
    );
    assert!(msg.contains("内容包括概述"), "{msg}");
    // 概述 before the new 总体情况 (an extra first part), or inside a new part's name,
    // is not the old structure.
    let report = |account: &str| {
        check(&format!(
            "某某镇2020年政府信息公开工作年度报告\n{account}本报告所列数据统计期限为2020年1月1日至12月31日。\n\
             一、总体情况\n本年度主动公开信息20条。\n"
        ))
    };
    for account in [
        "本报告由概述、总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等部分组成。",
        "全文包括:总体情况概述、主动公开政府信息情况、收到和处理政府信息公开申请情况。",
    ] {
        assert!(
            of(&report(account), "announced-old-structure").is_empty(),
            "{account}"
        );
    }
    let got = report("全文包括概述,主动公开政府信息情况,依申请公开政府信息情况。");
    assert_one_finding(&got, "announced-old-structure", "warning", "全文包括概述");
}

fn channels(body: &str) -> Vec<(String, String, String)> {
    check(&format!(
        "某某县某某乡2018年政府信息公开工作年度报告\n\
         本报告所列数据统计期限为2018年1月1日至12月31日。如对本报告有疑问，请与乡党政办联系（电话：0534-4000000）。\n\
         一、概述\n{body}\n"
    ))
}

/// The `channels` findings of `prose-sum`.
fn closed_channels(body: &str) -> usize {
    of(&channels(body), "prose-sum")
        .iter()
        .filter(|d| d.2.contains("按发布渠道分项列出"))
        .count()
}

#[test]
fn channels_closed_by_a_catch_all_must_add_up_to_the_total() {
    let msg = one_warning("real/tuning/shandong-linyi-suan-2018.txt", "prose-sum");
    assert!(
        msg.contains("各渠道合计 2503条") && msg.contains("2873条"),
        "{msg}"
    );
    // Above the total, closed by 其他方式, within one sentence.
    assert_eq!(
        closed_channels("主动公开政府信息2918条，其中通过微信公众平台公开2464条，通过政府网站公开480条，其他方式公开130条。"),
        1
    );
    // Channels that add up, channels without a catch-all (they may overlap), and a clause
    // with a time of its own after `;` (not one more channel) are not reported.
    for body in [
        "主动公开政府信息2918条，其中通过微信公众平台公开2308条，通过政府网站公开480条，其他方式公开130条。",
        "主动公开政府信息2918条，其中通过微信公众平台公开2464条，通过政府网站公开480条。",
        "我乡主动公开政府信息2873条，其中，通过政府网站公开政府信息1600条;利用微信公众号公开政府信息450条;全年利用宣传车公开栏等方式公开各类政府信息453条。",
    ] {
        assert_eq!(closed_channels(body), 0, "{body}");
    }
}

/// The `extended` findings of `prose-sum`.
fn extended(body: &str) -> usize {
    of(&channels(body), "prose-sum")
        .iter()
        .filter(|d| d.2.contains("先以顿号、后以逗号列出"))
        .count()
}

#[test]
fn a_list_that_changes_its_separator_is_read_to_the_end_of_its_sentence() {
    let msg = one_warning(
        "real/tuning/neimenggu-linhe-ganzhaomiao-2025.txt",
        "prose-sum",
    );
    assert!(msg.contains("142条") && msg.contains("137条"), "{msg}");
    assert_eq!(
        extended("发布各类信息137条,其中,工作动态信息29条、活动信息10条、培训信息6条,主题教育信息32条,视频1条,政策解读信息38条,科普信息26条。"),
        1
    );
    // A later clause that is a figure of its own (what was done, a rate), parts within the
    // total, and a first run that alone exceeds the total (reported as before) are not
    // `extended`.
    for body in [
        "收到群众来信来访2000条,其中,局长信箱268条、咨询交流1379条,公开答复数量1061条。",
        "发布各类信息137条,其中,工作动态信息29条、活动信息10条、培训信息6条,主题教育信息32条。",
        "发布各类信息37条,其中,工作动态信息29条、活动信息10条、培训信息6条,主题教育信息32条。",
    ] {
        assert_eq!(extended(body), 0, "{body}");
    }
}

#[test]
fn an_end_date_that_lost_only_its_year_mark_is_garbled() {
    let msg = one_warning(
        "real/tuning/xinjiang-ziranziyuanting-2024.txt",
        "period-date-garbled",
    );
    assert!(msg.contains("至202412月"), "{msg}");
}

#[test]
fn a_share_that_names_its_part_later_in_the_sentence_is_checked() {
    let msg = one_warning(
        "real/tuning/ningxia-xixia-govoffice-2024.txt",
        "prose-share",
    );
    assert!(msg.contains("7÷23") && msg.contains("30%"), "{msg}");
    let share = |body: &str| of(&channels(body), "prose-share").len();
    // The right share, a name two parts hold, and a rate of something else are not reported.
    for body in [
        "共解读文件23个。其中图片解读文件16个,动漫解读文件7个,实现图文解读全覆盖,动漫解读占比30%。",
        "共解读文件23个。其中图片解读文件16个,动漫解读文件7个,实现全覆盖,解读文件占比23%。",
        "共解读文件23个。其中图片解读文件16个,动漫解读文件7个,解读覆盖率100%。",
    ] {
        assert_eq!(share(body), 0, "{body}");
    }
}
