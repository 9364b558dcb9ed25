//! Pre-2019 statistics forms of other provinces (tests/fixtures/real/old-tables/):
//! each is recognised by its own template, and a +1 change to any part cell is reported
//! by the right relation with the right expected value.

use crate::support::*;

struct Form {
    file: &'static str,
    table: &'static str,
    /// Value columns: index of the `|`-separated field in a row line, and the column label.
    columns: &'static [(usize, &'static str)],
    /// (rule, total row label, part row labels).
    relations: &'static [(&'static str, &'static str, &'static [&'static str])],
}

const FORMS: [Form; 3] = [
    Form {
        file: "real/old-tables/gansu-dingxi-2011.txt",
        table: "stat-gs",
        columns: &[(3, "本期实际"), (4, "本年累计")],
        relations: &[
            (
                "old-gs-received-total",
                "申请总数",
                &[
                    "其中:1.当面申请数",
                    "2.传真申请数",
                    "3.电子邮件申请数",
                    "4.网上申请数",
                    "5.信函申请数",
                    "6.其他形式申请数",
                ],
            ),
            (
                "old-gs-answered-total",
                "对申请的答复总数",
                &[
                    "其中:1.同意公开答复数",
                    "2.同意部分公开答复数",
                    "3.否决公开答复总数",
                ],
            ),
        ],
    },
    Form {
        file: "real/old-tables/fujian-putian-2009.txt",
        table: "stat-fj",
        columns: &[(2, "2009年度"), (3, "历年累计")],
        relations: &[
            (
                "old-fj-received-total",
                "受理依申请公开信息总数",
                &[
                    "其中:1.当面申请数",
                    "2.传真申请数",
                    "3.电子邮件申请数",
                    "4.网上申请数",
                    "5.信函申请数",
                    "6.其它形式申请数",
                ],
            ),
            (
                "old-fj-answered-total",
                "本年度对申请的答复总数",
                &[
                    "其中:1.同意公开答复数",
                    "2.同意部分公开答复数",
                    "3.否决公开答复总数",
                ],
            ),
        ],
    },
    Form {
        file: "real/old-tables/shanghai-pudong-2012.txt",
        table: "stat-sh",
        columns: &[(3, "本月累计"), (4, "年度累计")],
        relations: &[
            (
                "old-sh-received-total",
                "申请总次数",
                &[
                    "其中：1.当面申请数",
                    "2.传真申请数",
                    "3.电子邮件申请数",
                    "4.网上申请数",
                    "5.信函申请数",
                    "6.其它形式申请数",
                ],
            ),
            (
                "old-sh-answered-total",
                "对申请的答复总数",
                &[
                    "其中：1.同意公开答复数",
                    "2.同意部分公开答复数",
                    "3.非《规定》所指政府信息数",
                    "4.信息不存在数",
                    "5.非本机关职权范围数",
                    "6.申请内容不明确数",
                    "7.重复申请数",
                ],
            ),
            (
                "old-sh-denied-total",
                "8.不予公开答复总数",
                &[
                    "（1）“国家秘密”数",
                    "（2）“商业秘密”数",
                    "（3）“个人隐私”数",
                    "（4）“过程中信息且影响安全稳定”数",
                    "（5）“危及安全和稳定”数",
                    "（6）“法律法规规定的其他情形”数",
                ],
            ),
        ],
    },
];

/// The row line whose first field is `label` (exactly), split into trimmed fields.
fn row_fields(text: &str, label: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.split('|')
                .map(|f| f.trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|f| f.first().is_some_and(|x| x == label))
        .unwrap_or_else(|| panic!("no row {label}"))
}

/// `text` with the cell of row `label`, field `field` increased by one.
fn bump(text: &str, label: &str, field: usize) -> String {
    text.lines()
        .map(|l| {
            let mut f: Vec<String> = l.split('|').map(|x| x.trim().to_string()).collect();
            if f.first().is_some_and(|x| x == label) {
                let v: i64 = f[field].parse().expect("number");
                f[field] = (v + 1).to_string();
                f.join(" | ")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn errors(v: &serde_json::Value) -> Vec<(String, String)> {
    v["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn old_province_forms_are_recognised_by_their_own_template() {
    for f in &FORMS {
        let out = gongkai()
            .arg("dump")
            .arg(fixture(f.file))
            .output()
            .expect("run");
        let d: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(d["tables"][f.table]["status"], "recovered", "{}", f.file);
        // The generic form is not read over a table with a 累计 column.
        assert_ne!(d["tables"]["stat"]["status"], "recovered", "{}", f.file);
        let (_, v) = check_json(&[fixture(f.file).to_str().unwrap()]);
        assert_eq!(errors(&v), vec![], "{}", f.file);
    }
}

#[test]
fn a_plus_one_in_any_part_cell_is_reported_with_the_true_sum() {
    let dir = tempfile::tempdir().unwrap();
    for f in &FORMS {
        let text = std::fs::read_to_string(fixture(f.file)).unwrap();
        for &(rule, total, parts) in f.relations {
            for &(field, col) in f.columns {
                let t: i64 = row_fields(&text, total)[field].parse().unwrap();
                for part in parts {
                    let p = dir.path().join("draft.txt");
                    std::fs::write(&p, bump(&text, part, field)).unwrap();
                    let (_, v) = check_json(&[p.to_str().unwrap()]);
                    let got = errors(&v);
                    let want = format!("应为 {}，实为 {t}", t + 1);
                    assert_eq!(got.len(), 1, "{} {part} {col}: {got:?}", f.file);
                    assert_eq!(got[0].0, rule, "{} {part} {col}", f.file);
                    assert!(
                        got[0].1.contains(&want),
                        "{} {part} {col}: {} lacks {want}",
                        f.file,
                        got[0].1
                    );
                }
            }
        }
    }
}

/// The 莆田 form's application rows under a header no template knows (本年度 | 累计):
/// only the template-free fallback reads it.
fn untemplated(text: &str) -> String {
    text.lines()
        .filter(|l| {
            !l.contains("主动公开信息数") && !l.contains("政府网站") && !l.contains("政府公报")
        })
        .map(|l| l.replace("2009年度 | 历年累计", "本年度 | 累计"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn by_rule(v: &serde_json::Value, rule: &str) -> Vec<(String, String)> {
    v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().into_iter().flatten())
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn inferred_sums_never_fire_on_the_fixtures() {
    let (_, v) = check_json(&[fixture("").to_str().unwrap()]);
    assert!(v["files"].as_array().is_some_and(|a| a.len() > 20));
    assert_eq!(by_rule(&v, "inferred-sum"), vec![]);
}

#[test]
fn inferred_sums_on_an_untemplated_old_form() {
    let dir = tempfile::tempdir().unwrap();
    let text = untemplated(&std::fs::read_to_string(fixture(FORMS[1].file)).unwrap());
    let p = dir.path().join("draft.txt");
    std::fs::write(&p, &text).unwrap();
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    assert_eq!(by_rule(&v, "inferred-sum"), vec![], "a correct table");
    assert_eq!(errors(&v), vec![]);
    // +1 to a part of the 受理 group in the 累计 column (20 = 6+1+3+8+2+0).
    std::fs::write(&p, bump(&text, "4.网上申请数", 3)).unwrap();
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    let got = by_rule(&v, "inferred-sum");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    assert!(
        got[0]
            .1
            .contains("「受理依申请公开信息总数」第 2 列应为 21，实为 20"),
        "{}",
        got[0].1
    );
    assert!(got[0].1.contains("（按表格结构推断）"), "{}", got[0].1);
    // Parts under 其中 without numbers: cannot assess, never a warning.
    let unnumbered = text.replace("其中:1.当面申请数", "其中:当面申请数");
    std::fs::write(&p, unnumbered).unwrap();
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    let got = by_rule(&v, "inferred-sum");
    assert!(
        !got.is_empty() && got.iter().all(|(s, _)| s == "info"),
        "{got:?}"
    );
}
