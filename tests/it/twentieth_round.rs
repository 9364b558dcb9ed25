//! Issue 10, twentieth round (stop 28), after heldout18 and heldout19 were spent at their
//! second run:
//! - a statistics table laid out one cell a line whose rows are there by their labels but
//!   which holds fewer values than half its rows (“规章 / 0 / 行政规范性文件 / 第二十条第(五)项 /
//!   … / 行政许可 / 行政处罚 / …”: one number for six rows) was left mostly blank
//!   (武进区退役军人事务局 2022, audit F1: blank cells, at warning);
//! - a department's report that speaks of its own work as another department's field
//!   (“不断提高群众对人社工作的满意度” in 五华县自然资源局 2020, audit F1) was copied from that
//!   department's report (`foreign-field`);
//! - a list of twelve kinds or more names every kind of its total, however it ends: a
//!   shortfall is asked about (天长市住建局 2020, audit F2: nineteen 栏目 adding to 320 of 572),
//!   unless the next sentence goes on counting in the same unit (鹤庆县政府办 2021: 46 kinds in
//!   two sentences) or the text ends before the next sentence does (that excerpt: not judged);
//! - tuning files of the twenty-fourth batch: a count left blank before its measure word
//!   (“2020 年主动公开信息  条。”, 定西市公共资源交易中心 2020) and a date on its own line with
//!   its 年 and 月 lost (“2017210日)” under the title, 龙潭区 2017);
//! - after heldout20 was spent: a count followed by the noun it counts (“共主动公示84条信息,
//!   其中…”) heads its list. (Channels under it that add up to more than it, as in that
//!   sentence of 襄城区人社局 2024, stay unreported: one item may be published on several
//!   channels, as the rule's valid examples assert.)
//! - a probe: applications listed by how they came in (当面、网上、信函、传真 … 申请: each
//!   application comes one way, as the pre-2019 forms' rows 其中：当面申请 / 网上申请 / 信函、传真申请
//!   count them) that fall short of their total are asked about, as applicant types are.

use crate::support::{
    assert_one_finding, assert_overview_case, assert_silent, check_draft as check, overview,
};

/// A 2021-format draft whose 表二 is written one cell a line, `rows` giving each row's label
/// and values.
fn t2_draft(rows: &[(&str, &[&str])]) -> String {
    let mut t = String::from(
        "某某区退役军人事务局2022年政府信息公开工作年度报告
一、总体情况
本报告所列数据的统计期限为2022年1月1日至2022年12月31日。
二、主动公开政府信息情况
第二十条第(一)项
信息内容
本年制发件数
本年废止件数
现行有效件数
",
    );
    for (label, values) in rows {
        match *label {
            "行政许可" => t.push_str("第二十条第(五)项\n信息内容\n本年处理决定数量\n"),
            "行政处罚" => t.push_str("第二十条第(六)项\n信息内容\n本年处理决定数量\n"),
            "行政事业性收费" => {
                t.push_str("第二十条第(八)项\n信息内容\n本年收费金额(单位:万元)\n")
            }
            _ => {}
        }
        t.push_str(label);
        t.push('\n');
        for v in *values {
            t.push_str(v);
            t.push('\n');
        }
    }
    t.push_str("三、收到和处理政府信息公开申请情况\n本年度未收到政府信息公开申请。\n");
    t
}

/// [`t2_draft`] with `values` in the 规章 row and every other row empty.
fn only_the_first_row_filled(values: &[&str]) -> String {
    t2_draft(&[
        ("规章", values),
        ("行政规范性文件", &[]),
        ("行政许可", &[]),
        ("行政处罚", &[]),
        ("行政强制", &[]),
        ("行政事业性收费", &[]),
    ])
}

#[test]
fn a_table_with_most_rows_left_empty_is_blank_cells() {
    let got = check(&only_the_first_row_filled(&["0"]));
    assert_one_finding(
        &got,
        "bare-table-cells",
        "warning",
        "表二找到 6 行，全表却只有 1 个数字，至少 5 行一个数字也没有填写",
    );
    // Two values for six rows: still four rows without any.
    let got = check(&only_the_first_row_filled(&["0", "0"]));
    assert_one_finding(
        &got,
        "bare-table-cells",
        "warning",
        "只有 2 个数字，至少 4 行",
    );
}

#[test]
fn a_table_with_values_for_half_its_rows_or_cut_short_is_not_called_blank() {
    let rows_of = |n: usize| -> Vec<(&'static str, Vec<&'static str>)> {
        let labels = [
            "规章",
            "行政规范性文件",
            "行政许可",
            "行政处罚",
            "行政强制",
            "行政事业性收费",
        ];
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| (*l, if i < n { vec!["0"] } else { vec![] }))
            .collect()
    };
    assert_silent(
        "bare-table-cells",
        |n| {
            let rows = rows_of(n.parse().unwrap());
            let rows: Vec<(&str, &[&str])> = rows.iter().map(|(l, v)| (*l, v.as_slice())).collect();
            t2_draft(&rows)
        },
        ["3", "4", "6"],
    );
    // Values run together with the labels (a crawled page): each run is a value.
    let crawled = t2_draft(&[]).replace(
        "现行有效件数\n",
        "现行有效件数 规章000行政规范性文件8855698第二十条第(五)项信息内容本年处理决定数量行政许可10690第二十条第(六)项信息内容本年处理决定数量行政处罚2113行政强制0第二十条第(八)项信息内容本年收费金额(单位:万元)行政事业性收费9116.36\n",
    );
    assert_silent("bare-table-cells", |_| crawled.clone(), [""]);
    // The text ends inside the table (an excerpt): not judged.
    let cut = only_the_first_row_filled(&["0"]);
    let cut = &cut[..cut.find("三、收到").unwrap()];
    assert_silent("bare-table-cells", |_| cut.to_string(), [""]);
}

#[test]
fn another_departments_field_in_the_own_work_sentence() {
    let got = check(&overview(
        "五华县自然资源局2020",
        "积极推进政务公开工作，增强了自然资源各项工作的透明度和公开度，推进了政务管理制度化、规范化，不断提高群众对人社工作的满意度。",
    ));
    assert_one_finding(
        &got,
        "foreign-field",
        "warning",
        "五华县自然资源局的年报写“群众对人社工作的满意度”：“人社”工作是另一个部门的职责",
    );
    // The own field, a field of a combined department, a field the list does not know, a
    // government office's report, and another field outside the own-work sentence.
    assert_silent(
        "foreign-field",
        |t| {
            let (who, text) = t.split_once('|').unwrap();
            overview(who, text)
        },
        [
            "五华县自然资源局2020|不断提高群众对自然资源工作的满意度。",
            "某某县教育体育局2022|不断提高群众对体育工作的满意度。",
            "某某县市场监督管理局2022|不断提高群众对食品安全工作的满意度。",
            "某某县人民政府办公室2022|不断提高群众对民政工作的满意度。",
            "某某县卫生健康局2022|配合做好人社工作的宣传，不断提高群众对卫生健康工作的满意度。",
        ],
    );
}

/// An overview whose total of 572 is listed as `n` 栏目 of 10 条 each, then `after`.
fn columns(n: usize, after: &str) -> String {
    const NAMES: [&str; 14] = [
        "政策法规",
        "重大决策预公开",
        "规划计划",
        "决策部署落实情况",
        "建议提案办理",
        "机构领导",
        "机构设置",
        "财政资金",
        "应急管理",
        "权责清单",
        "公共服务清单",
        "行政权力运行",
        "双随机一公开",
        "招标采购",
    ];
    let items: Vec<String> = NAMES[..n]
        .iter()
        .map(|c| format!("“{c}”栏目发布信息10条"))
        .collect();
    overview(
        "某某市住房和城乡建设局2020",
        &format!(
            "2020年,我局主动公开政府信息572条,其中:{}。{after}",
            items.join(",")
        ),
    )
}

#[test]
fn a_dozen_kinds_or_more_name_every_kind_of_their_total() {
    let next = "\n(二)依申请公开情况。2020年共收到申请3件,均已按时答复。\n";
    let got = check(&columns(12, next));
    assert_one_finding(
        &got,
        "prose-sum",
        "warning",
        "正文中“572条”的分类（逐项列举了12项）分项合计 120条，少于总数 572条",
    );
    assert_silent(
        "prose-sum",
        |case| match case {
            // Eleven kinds may be the notable few.
            "eleven" => columns(11, next),
            // The next sentence goes on counting in 条.
            "goes on" => columns(12, "重点领域信息公开中重大建设项目52条,义务教育53条。\n"),
            // The text ends inside the next sentence.
            "cut" => columns(12, "重点"),
            _ => unreachable!(),
        },
        ["eleven", "goes on", "cut"],
    );
}

#[test]
fn a_count_left_blank_and_a_date_run_together() {
    assert_overview_case(
        "count-left-blank",
        "warning",
        (
            "定西市公共资源交易中心2020",
            "一是主动公开。2020 年主动公开信息  条。在中心门户网站发布工作动态信息43条,通知公告8条。",
        ),
        "“信息条。”",
        "某某单位2014",
        [
            "2020 年主动公开信息 103 条。",
            "本单位2014年没有收到政府信息公开申请件。",
            "主动公开信息条目103个。",
        ],
    );
    let got = check("龙潭区人民政府\n2017年政府信息公开工作年度报告\n2017210日)\n一、概述\n本年度工作情况良好。\n");
    assert_one_finding(&got, "date-garbled", "warning", "“2017210日)”");
    assert_silent(
        "date-garbled",
        |line| {
            format!("龙潭区人民政府2017年政府信息公开工作年度报告\n{line}\n一、概述\n共收到申请20172件。\n")
        },
        ["(2018年2月10日)", "2018年2月10日", "第2017210号"],
    );
}

#[test]
fn a_count_followed_by_its_noun_heads_its_list() {
    let draft = |t: &str| overview("襄阳市襄城区人力资源和社会保障局2024", t);
    for noun in ["信息", "政府信息"] {
        let got = check(&draft(&format!(
            "我局共主动公开84条{noun},其中政策文件50条、工作动态44条。"
        )));
        assert_one_finding(&got, "prose-sum", "error", "超过了总数 84条");
    }
    // Channels that may overlap stay unsummed.
    assert_silent(
        "prose-sum",
        draft,
        [
            "我局共主动公示84条信息,其中通过区政府门户网站20条、襄城就业微信公众号24条、市人社局门户网站14条、区人社局门户网站20条、汉水襄阳号26条。",
            "我局共主动公开84条信息,其中政策文件50条、工作动态34条。",
        ],
    );
}

#[test]
fn applications_by_how_they_came_in_cover_their_total() {
    let draft = |t: &str| overview("某某县民政局2015", t);
    let got = check(&draft(
        "本年度共受理政府信息公开申请12件，其中当面申请5件、网上申请4件、信函申请2件。",
    ));
    assert_one_finding(
        &got,
        "prose-sum",
        "warning",
        "正文中“12件”的申请方式分项合计 11件，少于总数 12件",
    );
    assert_silent(
        "prose-sum",
        draft,
        [
            "本年度共受理政府信息公开申请12件，其中当面申请5件、网上申请4件、信函申请3件。",
            "本年度共受理政府信息公开申请12件，其中当面申请5件。",
            "本年度共受理政府信息公开申请12件，其中当面申请5件、涉及征地拆迁4件。",
        ],
    );
}
