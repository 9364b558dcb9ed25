//! 表三 (applications) and 表四 (review and litigation): numbers that add up, and
//! their official grids.

use super::grid::{GridBuilder, Table};
use super::Rng;

/// Numbers of the 2021/2019 表三: per applicant type (6 columns), per row.
pub(crate) struct T3 {
    /// Row keys in table order, each with 6 values (the total column is computed).
    pub(crate) rows: Vec<(&'static str, [u64; 6])>,
}

impl T3 {
    pub(crate) fn get(&self, key: &str) -> [u64; 6] {
        self.rows
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or_default()
    }
    pub(crate) fn total(&self, key: &str) -> u64 {
        self.get(key).iter().sum()
    }
}

pub(crate) const RESULTS_2021: [&str; 21] = [
    "r_open",
    "r_partial",
    "r_deny_secret",
    "r_deny_law",
    "r_deny_3s1w",
    "r_deny_third_party",
    "r_deny_internal",
    "r_deny_process",
    "r_deny_case_file",
    "r_deny_query",
    "r_na_not_held",
    "r_na_must_create",
    "r_na_unclear",
    "r_np_petition",
    "r_np_repeat",
    "r_np_publication",
    "r_np_mass",
    "r_np_confirm",
    "r_other_no_correction",
    "r_other_fee_unpaid",
    "r_other_other",
];

/// Relative weight of each result (index as in `RESULTS_2021`).
pub(crate) const RESULT_WEIGHTS: [u64; 21] = [
    40, 10, 1, 2, 1, 2, 1, 2, 1, 3, 18, 2, 1, 4, 2, 0, 0, 1, 5, 0, 4,
];

/// `fixed_in`: 二、上年结转 as last year's report carried it over (a multi-year chain).
pub(crate) fn t3_numbers(rng: &mut Rng, trial: bool, fixed_in: Option<[u64; 6]>) -> T3 {
    let mut new = [0u64; 6];
    let scale = *rng.pick(&[8u64, 30, 120, 600]);
    new[0] = rng.range(scale / 2, scale * 2);
    for v in new.iter_mut().skip(1) {
        *v = if rng.chance(0.5) {
            rng.range(0, scale / 4 + 1)
        } else {
            0
        };
    }
    let mut carried_in = [0u64; 6];
    let mut carried_out = [0u64; 6];
    for c in 0..6 {
        carried_in[c] = if rng.chance(0.4) {
            rng.range(0, new[c] / 10 + 1)
        } else {
            0
        };
        if let Some(f) = fixed_in {
            carried_in[c] = f[c];
        }
        carried_out[c] = if rng.chance(0.4) {
            rng.range(0, new[c] / 10)
        } else {
            0
        };
    }
    // Distribute what was closed over the results, by weight.
    let mut results = [[0u64; 6]; 21];
    for c in 0..6 {
        let closed = new[c] + carried_in[c] - carried_out[c];
        for _ in 0..closed {
            let total: u64 = RESULT_WEIGHTS.iter().sum();
            let mut x = rng.range(0, total - 1);
            for (i, w) in RESULT_WEIGHTS.iter().enumerate() {
                if x < *w {
                    results[i][c] += 1;
                    break;
                }
                x -= w;
            }
        }
    }
    let mut rows = vec![("new_received", new), ("carried_in", carried_in)];
    for (i, key) in RESULTS_2021.iter().enumerate() {
        if trial && i >= 18 {
            continue;
        }
        rows.push((key, results[i]));
    }
    if trial {
        let mut other = [0u64; 6];
        for r in &results[18..] {
            for c in 0..6 {
                other[c] += r[c];
            }
        }
        rows.push(("r_other", other));
    }
    let mut total = [0u64; 6];
    for r in &results {
        for c in 0..6 {
            total[c] += r[c];
        }
    }
    rows.push(("r_total", total));
    rows.push(("carried_out", carried_out));
    T3 { rows }
}

/// Official row labels of 表三 (the 2019 trial format has one 其他处理 row).
pub(crate) fn t3_label(key: &str) -> (&'static str, Option<&'static str>) {
    match key {
        "new_received" => ("一、本年新收政府信息公开申请数量", None),
        "carried_in" => ("二、上年结转政府信息公开申请数量", None),
        "r_open" => ("（一）予以公开", None),
        "r_partial" => (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            None,
        ),
        "r_deny_secret" => ("1.属于国家秘密", Some("（三）不予公开")),
        "r_deny_law" => ("2.其他法律行政法规禁止公开", Some("（三）不予公开")),
        "r_deny_3s1w" => ("3.危及“三安全一稳定”", Some("（三）不予公开")),
        "r_deny_third_party" => ("4.保护第三方合法权益", Some("（三）不予公开")),
        "r_deny_internal" => ("5.属于三类内部事务信息", Some("（三）不予公开")),
        "r_deny_process" => ("6.属于四类过程性信息", Some("（三）不予公开")),
        "r_deny_case_file" => ("7.属于行政执法案卷", Some("（三）不予公开")),
        "r_deny_query" => ("8.属于行政查询事项", Some("（三）不予公开")),
        "r_na_not_held" => ("1.本机关不掌握相关政府信息", Some("（四）无法提供")),
        "r_na_must_create" => ("2.没有现成信息需要另行制作", Some("（四）无法提供")),
        "r_na_unclear" => ("3.补正后申请内容仍不明确", Some("（四）无法提供")),
        "r_np_petition" => ("1.信访举报投诉类申请", Some("（五）不予处理")),
        "r_np_repeat" => ("2.重复申请", Some("（五）不予处理")),
        "r_np_publication" => ("3.要求提供公开出版物", Some("（五）不予处理")),
        "r_np_mass" => ("4.无正当理由大量反复申请", Some("（五）不予处理")),
        "r_np_confirm" => (
            "5.要求行政机关确认或重新出具已获取信息",
            Some("（五）不予处理"),
        ),
        "r_other_no_correction" => (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            Some("（六）其他处理"),
        ),
        "r_other_fee_unpaid" => (
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            Some("（六）其他处理"),
        ),
        "r_other_other" => ("3.其他", Some("（六）其他处理")),
        "r_other" => ("（六）其他处理", None),
        "r_total" => ("（七）总计", None),
        "carried_out" => ("四、结转下年度继续办理", None),
        _ => ("", None),
    }
}

pub(crate) const T3_KEY: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub(crate) const APPLICANTS: [&str; 6] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// 表三 as the official grid (3 label columns + 7 value columns) and as pasted text.
/// `cells` overrides the text of (row key, column index 0..=6).
pub(crate) fn t3_table(t3: &T3, cells: &[(&str, usize, String)]) -> Table {
    let text_of = |key: &str, c: usize| -> String {
        if let Some((_, _, s)) = cells.iter().find(|(k, i, _)| *k == key && *i == c) {
            return s.clone();
        }
        if c == 6 {
            t3.total(key).to_string()
        } else {
            t3.get(key)[c].to_string()
        }
    };
    let mut g = GridBuilder::new(10);
    g.row(&[(T3_KEY, 3, 3), ("申请人情况", 7, 1)]);
    g.row(&[("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)]);
    g.row(
        &APPLICANTS[..5]
            .iter()
            .map(|a| (*a, 1, 1))
            .collect::<Vec<_>>(),
    );
    let mut txt = vec![
        format!("{T3_KEY} | 申请人情况 |"),
        "| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |".to_string(),
    ];
    let result_rows = t3.rows.iter().filter(|(k, _)| k.starts_with("r_")).count();
    let mut group_seen: Vec<&str> = Vec::new();
    let mut first_result = true;
    for (key, _) in &t3.rows {
        let (label, group) = t3_label(key);
        let values: Vec<String> = (0..7).map(|c| text_of(key, c)).collect();
        let mut row: Vec<(String, usize, usize)> = Vec::new();
        if key.starts_with("r_") {
            if first_result {
                row.push(("三、本年度办理结果".to_string(), 1, result_rows));
                first_result = false;
            }
            match group {
                Some(gname) => {
                    if !group_seen.contains(&gname) {
                        let n = t3
                            .rows
                            .iter()
                            .filter(|(k, _)| t3_label(k).1 == Some(gname))
                            .count();
                        row.push((gname.to_string(), 1, n));
                        group_seen.push(gname);
                    }
                    row.push((label.to_string(), 1, 1));
                }
                None => row.push((label.to_string(), 2, 1)),
            }
        } else {
            row.push((label.to_string(), 3, 1));
        }
        for v in &values {
            row.push((v.clone(), 1, 1));
        }
        let refs: Vec<(&str, usize, usize)> =
            row.iter().map(|(t, c, r)| (t.as_str(), *c, *r)).collect();
        g.row(&refs);
        txt.push(format!("{label} | {} |", values.join(" | ")));
    }
    g.finish(txt)
}

/// 表四: 15 numbers (复议 5, 未经复议起诉 5, 复议后起诉 5), each block's total last.
pub(crate) fn t4_numbers(rng: &mut Rng) -> [u64; 15] {
    let mut v = [0u64; 15];
    for b in 0..3 {
        let mut sum = 0;
        for i in 0..4 {
            let x = if rng.chance(0.35) { rng.range(0, 6) } else { 0 };
            v[b * 5 + i] = x;
            sum += x;
        }
        v[b * 5 + 4] = sum;
    }
    v
}

pub(crate) fn t4_table(v: &[u64; 15]) -> Table {
    let heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut g = GridBuilder::new(15);
    g.row(&[("行政复议", 5, 1), ("行政诉讼", 10, 1)]);
    let mut r2: Vec<(&str, usize, usize)> = heads.iter().map(|h| (*h, 1, 2)).collect();
    r2.push(("未经复议直接起诉", 5, 1));
    r2.push(("复议后起诉", 5, 1));
    g.row(&r2);
    let r3: Vec<(&str, usize, usize)> = heads
        .iter()
        .chain(heads.iter())
        .map(|h| (*h, 1, 1))
        .collect();
    g.row(&r3);
    let vals: Vec<String> = v.iter().map(u64::to_string).collect();
    let r4: Vec<(&str, usize, usize)> = vals.iter().map(|s| (s.as_str(), 1, 1)).collect();
    g.row(&r4);
    let txt = vec![
        "行政复议 | 行政诉讼 |".to_string(),
        format!("{} | 未经复议直接起诉 | 复议后起诉 |", heads.join(" | ")),
        format!("{} | {} |", heads.join(" | "), heads.join(" | ")),
        format!("{} |", vals.join(" | ")),
    ];
    g.finish(txt)
}
