//! 表二 of the 2021 and 2019 trial formats and the pre-2019 统计表.

use super::grid::{GridBuilder, Table};
use super::Rng;

/// 表二 of the 2021 format.
pub(crate) struct T2 {
    pub(crate) normative: [u64; 3],
    pub(crate) permit: u64,
    pub(crate) penalty: u64,
    pub(crate) coercion: u64,
    pub(crate) fees: String,
}

pub(crate) fn t2_numbers(rng: &mut Rng) -> T2 {
    let made = rng.range(0, 12);
    let repealed = rng.range(0, 6);
    let valid = made + rng.range(0, 60);
    T2 {
        normative: [made, repealed, valid],
        permit: rng.range(0, 5000),
        penalty: rng.range(0, 3000),
        coercion: rng.range(0, 200),
        fees: format!("{}.{:02}", rng.range(0, 900), rng.range(0, 99)),
    }
}

pub(crate) fn t2_table_2021(t: &T2) -> Table {
    let mut g = GridBuilder::new(4);
    let mut txt = Vec::new();
    let n = |x: u64| x.to_string();
    let [m, r, v] = t.normative;
    let (ms, rs, vs) = (n(m), n(r), n(v));
    g.row(&[("第二十条第（一）项", 4, 1)]);
    g.row(&[
        ("信息内容", 1, 1),
        ("本年制发件数", 1, 1),
        ("本年废止件数", 1, 1),
        ("现行有效件数", 1, 1),
    ]);
    g.row(&[("规章", 1, 1), ("0", 1, 1), ("0", 1, 1), ("0", 1, 1)]);
    g.row(&[
        ("行政规范性文件", 1, 1),
        (&ms, 1, 1),
        (&rs, 1, 1),
        (&vs, 1, 1),
    ]);
    txt.push("第二十条第（一）项 |".to_string());
    txt.push("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |".to_string());
    txt.push("规章 | 0 | 0 | 0 |".to_string());
    txt.push(format!("行政规范性文件 | {ms} | {rs} | {vs} |"));
    // (heading, value column, rows of (label, value))
    type Block<'a> = (&'a str, &'a str, Vec<(&'a str, String)>);
    let blocks: [Block; 3] = [
        (
            "第二十条第（五）项",
            "本年处理决定数量",
            vec![("行政许可", n(t.permit))],
        ),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            vec![("行政处罚", n(t.penalty)), ("行政强制", n(t.coercion))],
        ),
        (
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            vec![("行政事业性收费", t.fees.clone())],
        ),
    ];
    for (head, col, rows) in &blocks {
        g.row(&[(head, 4, 1)]);
        g.row(&[("信息内容", 1, 1), (col, 3, 1)]);
        txt.push(format!("{head} |"));
        txt.push(format!("信息内容 | {col} |"));
        for (label, value) in rows {
            g.row(&[(label, 1, 1), (value, 3, 1)]);
            txt.push(format!("{label} | {value} |"));
        }
    }
    g.finish(txt)
}

pub(crate) fn t2_table_2019(rng: &mut Rng, normative_made: u64) -> Table {
    let mut g = GridBuilder::new(4);
    let mut txt = Vec::new();
    let mut push = |g: &mut GridBuilder, cells: Vec<(String, usize)>| {
        let refs: Vec<(&str, usize, usize)> =
            cells.iter().map(|(t, c)| (t.as_str(), *c, 1)).collect();
        g.row(&refs);
        let texts: Vec<&str> = cells.iter().map(|(t, _)| t.as_str()).collect();
        txt.push(format!("{} |", texts.join(" | ")));
    };
    let s = |x: &str| x.to_string();
    push(&mut g, vec![(s("第二十条第（一）项"), 4)]);
    push(
        &mut g,
        vec![
            (s("信息内容"), 1),
            (s("本年新制作数量"), 1),
            (s("本年新公开数量"), 1),
            (s("对外公开总数量"), 1),
        ],
    );
    push(
        &mut g,
        vec![(s("规章"), 1), (s("0"), 1), (s("0"), 1), (s("0"), 1)],
    );
    let total = normative_made + rng.range(0, 40);
    push(
        &mut g,
        vec![
            (s("规范性文件"), 1),
            (normative_made.to_string(), 1),
            (normative_made.to_string(), 1),
            (total.to_string(), 1),
        ],
    );
    for (head, rows) in [
        (
            "第二十条第（五）项",
            vec!["行政许可", "其他对外管理服务事项"],
        ),
        ("第二十条第（六）项", vec!["行政处罚", "行政强制"]),
    ] {
        push(&mut g, vec![(s(head), 4)]);
        push(
            &mut g,
            vec![
                (s("信息内容"), 1),
                (s("上一年项目数量"), 1),
                (s("本年增/减"), 1),
                (s("处理决定数量"), 1),
            ],
        );
        for label in rows {
            let prev = rng.range(0, 80);
            let change = rng.range(0, 6) as i64 - 3;
            // Written `2` / `-1`: gongkai does not read a leading `+` as a number.
            let change = change.to_string();
            push(
                &mut g,
                vec![
                    (s(label), 1),
                    (prev.to_string(), 1),
                    (change, 1),
                    (rng.range(0, 2000).to_string(), 1),
                ],
            );
        }
    }
    push(&mut g, vec![(s("第二十条第（八）项"), 4)]);
    push(
        &mut g,
        vec![
            (s("信息内容"), 1),
            (s("上一年项目数量"), 1),
            (s("本年增/减"), 2),
        ],
    );
    push(
        &mut g,
        vec![
            (s("行政事业性收费"), 1),
            (rng.range(0, 20).to_string(), 1),
            (s("0"), 2),
        ],
    );
    push(&mut g, vec![(s("第二十条第（九）项"), 4)]);
    push(
        &mut g,
        vec![
            (s("信息内容"), 1),
            (s("采购项目数量"), 1),
            (s("采购总金额"), 2),
        ],
    );
    push(
        &mut g,
        vec![
            (s("政府集中采购"), 1),
            (rng.range(0, 60).to_string(), 1),
            (format!("{}.{:02}", rng.range(0, 900), rng.range(0, 99)), 2),
        ],
    );
    g.finish(txt)
}

/// The pre-2019 统计表: (label, unit, value) rows; section rows have no unit.
pub(crate) struct Stat {
    pub(crate) rows: Vec<(&'static str, &'static str, String)>,
}

pub(crate) fn stat_numbers(rng: &mut Rng) -> (Stat, u64, u64) {
    let active = rng.range(60, 900);
    let normative = rng.range(0, active / 10);
    let website = rng.range(active / 2, active);
    let ways: Vec<u64> = (0..6)
        .map(|_| if rng.chance(0.5) { rng.range(0, 12) } else { 0 })
        .collect();
    let received: u64 = ways.iter().sum();
    let delayed = if received > 0 && rng.chance(0.3) {
        1
    } else {
        0
    };
    // 答复: agree most, the rest spread.
    let mut answers = [0u64; 8];
    for _ in 0..received {
        let i = *rng.pick(&[0usize, 1, 1, 1, 1, 2, 4, 5, 6, 7]);
        answers[i] += 1;
    }
    let review = [rng.range(0, 1), 0, 0];
    let suit = [rng.range(0, 1), 0, 0];
    let staff = [rng.range(1, 3), rng.range(1, 6)];
    let v = |x: u64| x.to_string();
    let rows = vec![
        ("一、主动公开情况", "", String::new()),
        (
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
            "条",
            v(active),
        ),
        ("其中：主动公开规范性文件数", "条", v(normative)),
        ("制发规范性文件总数", "件", v(normative)),
        (
            "（二）通过不同渠道和方式公开政府信息的情况",
            "",
            String::new(),
        ),
        ("1.政府公报公开政府信息数", "条", v(0)),
        ("2.政府网站公开政府信息数", "条", v(website)),
        ("3.政务微博公开政府信息数", "条", v(0)),
        ("4.政务微信公开政府信息数", "条", v(0)),
        ("5.政务客户端公开政府信息数", "条", v(0)),
        ("6.其他方式公开政府信息数", "条", v(0)),
        ("二、依申请公开情况", "", String::new()),
        ("（一）收到申请数", "件", v(received)),
        ("1.当面申请数", "件", v(ways[0])),
        ("2.传真申请数", "件", v(ways[1])),
        ("电子邮件申请数", "件", v(ways[4])),
        ("3.网络申请数", "件", v(ways[2])),
        ("4.信函申请数", "件", v(ways[3])),
        ("其他形式申请数", "件", v(ways[5])),
        ("（二）申请办结数", "件", v(received)),
        ("1.按时办结数", "件", v(received - delayed)),
        ("2.延期办结数", "件", v(delayed)),
        ("（三）申请答复数", "件", v(received)),
        ("1.属于已主动公开范围数", "件", v(answers[0])),
        ("2.同意公开答复数", "件", v(answers[1])),
        ("3.同意部分公开答复数", "件", v(answers[2])),
        ("4.不同意公开答复数", "件", v(answers[3])),
        ("其中：涉及国家秘密", "件", v(0)),
        ("涉及商业秘密", "件", v(0)),
        ("涉及个人隐私", "件", v(0)),
        ("危及国家安全、公共安全、经济安全和社会稳定", "件", v(0)),
        ("不是《条例》所指政府信息", "件", v(0)),
        ("法律法规规定的其他情形", "件", v(0)),
        ("5.不属于本行政机关公开数", "件", v(answers[4])),
        ("6.申请信息不存在数", "件", v(answers[5])),
        ("7.告知作出更改补充数", "件", v(answers[6])),
        ("8.告知通过其他途径办理数", "件", v(answers[7])),
        ("三、行政复议、行政诉讼和举报投诉情况", "", String::new()),
        ("四、行政复议数量", "件", v(review.iter().sum())),
        ("（一）维持具体行政行为数", "件", v(review[0])),
        ("（二）被依法纠错数", "件", v(review[1])),
        ("（三）其他情形数", "件", v(review[2])),
        ("五、行政诉讼数量", "件", v(suit.iter().sum())),
        (
            "（一）维持具体行政行为或者驳回原告诉讼请求数",
            "件",
            v(suit[0]),
        ),
        ("（二）被依法纠错数", "件", v(suit[1])),
        ("（三）其他情形数", "件", v(suit[2])),
        ("六、举报投诉数量", "件", v(0)),
        ("七、依申请公开信息收取的费用", "万元", v(0)),
        ("八、机构建设和保障经费情况", "", String::new()),
        (
            "（三）从事政府信息公开工作人员数",
            "人",
            v(staff[0] + staff[1]),
        ),
        ("1.专职人员数", "人", v(staff[0])),
        ("2.兼职人员数", "人", v(staff[1])),
    ];
    (Stat { rows }, active, received)
}

pub(crate) fn stat_table(stat: &Stat) -> Table {
    let mut g = GridBuilder::new(3);
    let mut txt = vec!["统计指标 | 单位 | 统计数 |".to_string()];
    g.row(&[("统计指标", 1, 1), ("单位", 1, 1), ("统计数", 1, 1)]);
    for (label, unit, value) in &stat.rows {
        if unit.is_empty() {
            g.row(&[(label, 3, 1)]);
            txt.push(format!("{label} |"));
        } else {
            g.row(&[(label, 1, 1), (unit, 1, 1), (value, 1, 1)]);
            txt.push(format!("{label} | {unit} | {value} |"));
        }
    }
    g.finish(txt)
}
