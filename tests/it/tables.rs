//! Statistics tables (issue 3): recovery from every layout, the real reports' values and
//! findings, a mutation test over every cell, old-format detection, and seed 003's 统计表.

use crate::support::*;
use gongkai::document::table::Status;
use gongkai::document::Document;
use gongkai::rules::kind::table::{instances, Outcome};
use gongkai::rules::spec::Check;
use gongkai::rules::{Ctx, RuleSet, Settings};
use gongkai::source::Source;
use std::collections::BTreeMap;

const T3_ROWS_2021: [&str; 25] = [
    "new_received",
    "carried_in",
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
    "r_total",
    "carried_out",
];
const T3_COLS: [&str; 7] = [
    "natural", "business", "research", "welfare", "legal", "other", "total",
];
const T4_COLS: [&str; 15] = [
    "rv_keep",
    "rv_fix",
    "rv_other",
    "rv_pending",
    "rv_total",
    "ld_keep",
    "ld_fix",
    "ld_other",
    "ld_pending",
    "ld_total",
    "lr_keep",
    "lr_fix",
    "lr_other",
    "lr_pending",
    "lr_total",
];

fn t3_rows_2019() -> Vec<&'static str> {
    let mut v: Vec<&str> = T3_ROWS_2021
        .iter()
        .copied()
        .filter(|k| !k.starts_with("r_other_"))
        .collect();
    let at = v.iter().position(|k| *k == "r_total").unwrap();
    v.insert(at, "r_other");
    v
}

/// `gongkai dump` of a file: table → row → column → value (null for blanks).
fn dump(path: &std::path::Path) -> serde_json::Value {
    let out = gongkai().arg("dump").arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn cells_of(
    d: &serde_json::Value,
    table: &str,
    rows: &[&str],
    cols: &[&str],
) -> Vec<Vec<Option<i64>>> {
    rows.iter()
        .map(|r| {
            cols.iter()
                .map(|c| {
                    d["tables"][table]["rows"][r]["cells"][c]
                        .as_str()
                        .map(|v| v.parse::<f64>().unwrap() as i64)
                })
                .collect()
        })
        .collect()
}

/// The audited values of a real report (`extracted` of its expected YAML).
fn expected(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture(&format!("real/expected/{name}.yaml"))).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The audited rows of 表三 / numbers of 表四 in document order (a YAML mapping keeps its order).
fn expected_ordered(name: &str, table: &str) -> Vec<Vec<Option<i64>>> {
    let text = std::fs::read_to_string(fixture(&format!("real/expected/{name}.yaml"))).unwrap();
    let y: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let t = &y["extracted"][table];
    let m = if table == "table3" { &t["rows"] } else { t };
    m.as_mapping()
        .unwrap()
        .iter()
        .map(|(_, v)| match v.as_sequence() {
            Some(a) => a.iter().map(|x| x.as_i64()).collect(),
            None => vec![v.as_i64()],
        })
        .collect()
}

/// The three audited PDF reports (淮安 2024, 洪泽 2023 and 2024) with their 表三 rows.
fn huaian_reports() -> [(&'static str, Vec<&'static str>); 3] {
    [
        ("003_huaian-city-2024", T3_ROWS_2021.to_vec()),
        ("001_huaian-hongze-district-2023", t3_rows_2019()),
        ("002_huaian-hongze-district-2024", t3_rows_2019()),
    ]
}

/// 表三 row by row in the order of the format, and 表四's 15 numbers in their order,
/// as the audit of `name` lists them.
fn assert_t3_t4_as_audited(d: &serde_json::Value, name: &str, rows: &[&str], what: &str) {
    assert_eq!(
        cells_of(d, "t3", rows, &T3_COLS),
        expected_ordered(name, "table3"),
        "{what} 表三"
    );
    let t4: Vec<Vec<Option<i64>>> = cells_of(d, "t4", &["all"], &T4_COLS)
        .remove(0)
        .into_iter()
        .map(|v| vec![v])
        .collect();
    assert_eq!(t4, expected_ordered(name, "table4"), "{what} 表四");
}

#[test]
fn real_pdf_text_renderings_recover_the_audited_tables() {
    for (name, rows) in huaian_reports() {
        let d = dump(&fixture(&format!("real/text/{name}.txt")));
        let e = expected(name);
        for t in ["t2", "t3", "t4"] {
            assert_eq!(d["tables"][t]["status"], "recovered", "{name} {t}");
        }
        assert_t3_t4_as_audited(&d, name, &rows, name);
        // 表二.
        let t2 = &e["extracted"]["table2"];
        let row = |k: &str, cols: &[&str]| -> Vec<f64> {
            cols.iter()
                .map(|c| {
                    d["tables"]["t2"]["rows"][k]["cells"][c]
                        .as_str()
                        .unwrap()
                        .parse::<f64>()
                        .unwrap()
                })
                .collect()
        };
        let nums = |v: &serde_json::Value| -> Vec<f64> {
            match v.as_array() {
                Some(a) => a.iter().map(|x| x.as_f64().unwrap()).collect(),
                None => vec![v.as_f64().unwrap()],
            }
        };
        for (key, cols, audited) in [
            ("regulations", &["made", "repealed", "valid"][..], "规章"),
            (
                "normative",
                &["made", "repealed", "valid"][..],
                "行政规范性文件",
            ),
            ("permit", &["decisions"][..], "行政许可"),
            ("penalty", &["decisions"][..], "行政处罚"),
            ("coercion", &["decisions"][..], "行政强制"),
            ("fees", &["amount"][..], "行政事业性收费(万元)"),
        ] {
            assert_eq!(row(key, cols), nums(&t2[audited]), "{name} 表二 {audited}");
        }
    }
}

#[test]
fn real_pdf_text_findings_match_the_audits() {
    let path = |n: &str| {
        fixture(&format!("real/text/{n}.txt"))
            .to_string_lossy()
            .into_owned()
    };
    let errors = |v: &serde_json::Value| -> Vec<String> {
        let mut e: Vec<String> = findings(v)
            .into_iter()
            .filter(|(s, _)| s == "error")
            .map(|(_, r)| r)
            .collect();
        e.sort();
        e
    };
    let has = |v: &serde_json::Value, rule: &str, needle: &str| {
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == rule && d["message"].as_str().unwrap().contains(needle))
    };
    // 洪泽 2023: 表四 行政复议 总计 0 where the parts add to 11, 复议后起诉 0 vs 5; the 2019 表三; a row-label typo.
    let (_, v) = check_json(&[&path("001_huaian-hongze-district-2023")]);
    assert_eq!(
        errors(&v),
        vec!["t4-review-total", "t4-suit-after-review-total"]
    );
    assert!(has(&v, "t4-review-total", "应为 11，实为 0"));
    assert!(has(&v, "t4-suit-after-review-total", "应为 5，实为 0"));
    assert!(has(&v, "t3-structure", "2019年试行格式"));
    assert!(has(&v, "t3-structure", "2.其他法律行政止公开"));
    // 洪泽 2024: prose 17 vs table 95, the 2019 表三, no error.
    let (_, v) = check_json(&[&path("002_huaian-hongze-district-2024")]);
    assert!(errors(&v).is_empty(), "{:?}", errors(&v));
    let d: Vec<&serde_json::Value> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "t3-prose")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0]["expected"].as_str(), d[0]["actual"].as_str()),
        (Some("95"), Some("17"))
    );
    assert!(has(&v, "t3-structure", "2019年试行格式"));
    // 淮安市 2024 is clean: no table finding at all, no error.
    let (_, v) = check_json(&[&path("003_huaian-city-2024")]);
    assert!(errors(&v).is_empty());
    assert!(
        findings(&v)
            .iter()
            .all(|(_, r)| !r.starts_with("t2") && !r.starts_with("t3") && !r.starts_with("t4")),
        "{:?}",
        findings(&v)
    );
}

#[test]
fn every_layout_recovers_the_same_table() {
    let base = cells_of(
        &dump(&fixture("real/text/003_huaian-city-2024.txt")),
        "t3",
        &T3_ROWS_2021,
        &T3_COLS,
    );
    assert!(base.iter().flatten().all(|c| c.is_some()));
    let mut seen = 0;
    for entry in std::fs::read_dir(fixture("layouts")).unwrap() {
        let p = entry.unwrap().path();
        let d = dump(&p);
        assert_eq!(d["tables"]["t3"]["status"], "recovered", "{}", p.display());
        let got = cells_of(&d, "t3", &T3_ROWS_2021, &T3_COLS);
        if p.file_name().unwrap() == "blank-lone-pipe.txt" {
            let mut want = base.clone();
            want[17][2] = None; // 3.要求提供公开出版物 / 科研机构 is a lone "|"
            assert_eq!(got, want, "{}", p.display());
            assert_eq!(
                d["tables"]["t3"]["rows"]["r_np_publication"]["cells"]["research"]["blank"],
                ""
            );
        } else {
            assert_eq!(got, base, "{}", p.display());
        }
        seen += 1;
    }
    assert!(seen >= 9);
}

#[test]
fn blank_cell_is_a_finding_and_not_assessable_never_pass_or_fail() {
    let (_, v) = check_json(&[fixture("layouts/blank-lone-pipe.txt").to_str().unwrap()]);
    let t3: Vec<(String, String)> = findings(&v)
        .into_iter()
        .filter(|(_, r)| r.starts_with("t3"))
        .collect();
    assert_eq!(
        t3,
        pairs(&[
            ("info", "t3-applicants-total"),
            ("info", "t3-results-total"),
            ("warning", "t3-cells")
        ]),
        "blank cell: its own finding, its two relations not assessable, nothing passes or fails"
    );
}

/// (rule, instance) → (outcome, the cells the instance reads).
type Outcomes = BTreeMap<(String, String), (Outcome, Vec<(String, String)>)>;

/// Evaluate every table-sum instance of a profile on a document, keyed by (rule, instance).
fn outcomes(
    rs: &RuleSet,
    doc: &Document,
    profile: &str,
    mutate: Option<(&str, &str, &str, Option<i128>)>,
) -> Outcomes {
    let settings = Settings::default();
    let mut ctx = Ctx::new(doc, rs, profile, &settings);
    if let Some((table, row, col, delta)) = mutate {
        let t = ctx.tables.get_mut(table).unwrap();
        let cell = t.cell_mut(row, col).unwrap();
        cell.value = match delta {
            Some(d) => cell
                .value
                .map(|v| v.checked_add(gongkai::facts::Dec::int(d)).unwrap()),
            None => None,
        };
    }
    let mut out = BTreeMap::new();
    for r in rs.rules.iter().filter(|r| r.profile == profile) {
        if let Check::TableSum(p) = &r.spec.check {
            if p.op != gongkai::rules::spec::Comparison::Eq {
                continue;
            }
            let t = &ctx.tables[&p.table];
            for i in instances(p, t) {
                let cells: Vec<(String, String)> =
                    i.left.iter().chain(i.right.iter()).cloned().collect();
                out.insert((r.spec.id.clone(), i.at.clone()), (i.outcome, cells));
            }
        }
    }
    out
}

#[test]
fn mutation_every_cell_is_caught_by_exactly_its_relations() {
    let rs = RuleSet::builtin().unwrap();
    let text = std::fs::read_to_string(fixture("real/text/003_huaian-city-2024.txt")).unwrap();
    let doc = Document::new(Source::new("huaian", text, "UTF-8"));
    let clean = outcomes(&rs, &doc, "2021", None);
    assert!(clean.len() > 40);
    assert!(
        clean.values().all(|(o, _)| *o == Outcome::Pass),
        "the clean report passes every relation"
    );
    let settings = Settings::default();
    let ctx = Ctx::new(&doc, &rs, "2021", &settings);
    let mut mutated = 0;
    for table in ["t2", "t3", "t4"] {
        assert_eq!(ctx.tables[table].status, Status::Recovered);
        let t = &ctx.tables[table];
        let keys: Vec<(String, String)> = t
            .cells()
            .map(|(r, c, _)| (t.tpl.rows[r].key.clone(), t.tpl.columns[c].key.clone()))
            .collect();
        for (row, col) in &keys {
            let containing: Vec<&(String, String)> = clean
                .iter()
                .filter(|(_, (_, cells))| cells.contains(&(row.clone(), col.clone())))
                .map(|(k, _)| k)
                .collect();
            // +1: exactly the relations that contain the cell fail.
            let after = outcomes(&rs, &doc, "2021", Some((table, row, col, Some(1))));
            let failing: Vec<&(String, String)> = after
                .iter()
                .filter(|(_, (o, _))| matches!(o, Outcome::Fail { .. }))
                .map(|(k, _)| k)
                .collect();
            assert_eq!(failing, containing, "{table} {row}.{col} +1");
            // blank: exactly those become not assessable, nothing fails.
            let after = outcomes(&rs, &doc, "2021", Some((table, row, col, None)));
            let na: Vec<&(String, String)> = after
                .iter()
                .filter(|(_, (o, _))| matches!(o, Outcome::NotAssessable(_)))
                .map(|(k, _)| k)
                .collect();
            assert_eq!(na, containing, "{table} {row}.{col} blank");
            assert!(after
                .values()
                .all(|(o, _)| !matches!(o, Outcome::Fail { .. })));
            mutated += 1;
        }
    }
    assert!(mutated >= 175 + 15 + 10, "{mutated} cells mutated");
}

fn doc_with(year: i32, t2: &str) -> String {
    format!("某某县人民政府{year}年政府信息公开工作年度报告\n一、总体情况\n本年度工作。\n二、主动公开政府信息情况\n{t2}\n三、收到和处理政府信息公开申请情况\n")
}

const T2_2019: &str = "第二十条第（一）项 |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | 0 | 0 |\n规范性文件 | 3 | 3 | 20 |\n\
第二十条第（五）项 |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n行政许可 | 10 | -1 | 300 |\n其他对外管理服务事项 | 0 | 0 | 0 |\n\
第二十条第（六）项 |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n行政处罚 | 5 | 0 | 30 |\n行政强制 | 1 | 0 | 2 |\n\
第二十条第（八）项 |\n信息内容 | 上一年项目数量 | 本年增/减 |\n行政事业性收费 | 2 | 0 |\n第二十条第（九）项 |\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 4 | 120.5 |";

#[test]
fn old_table_two_in_a_2023_report_but_not_in_a_2019_one() {
    let dir = tempfile::tempdir().unwrap();
    let p23 = dir.path().join("2023.txt");
    std::fs::write(&p23, doc_with(2023, T2_2019)).unwrap();
    let (_, v) = check_json(&[p23.to_str().unwrap()]);
    let legacy: Vec<&serde_json::Value> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["rule"] == "t2-structure" && d["message"].as_str().unwrap().contains("2019年试行格式")
        })
        .collect();
    assert_eq!(legacy.len(), 1, "{v}");
    assert_eq!(legacy[0]["severity"], "warning");
    // The negative 本年增/减 of the 2019 table is legitimate there: no cell error.
    assert!(!findings(&v)
        .iter()
        .any(|(s, r)| s == "error" && r.starts_with("t2")));

    let p19 = dir.path().join("2019.txt");
    std::fs::write(&p19, doc_with(2019, T2_2019)).unwrap();
    let (_, v) = check_json(&[p19.to_str().unwrap()]);
    assert_eq!(v["files"][0]["profile"], "2019-trial");
    assert!(
        !findings(&v).iter().any(|(_, r)| r.starts_with("t2")),
        "{:?}",
        findings(&v)
    );
}

#[test]
fn seed_003_statistics_table_holds_and_agrees_with_prose() {
    let seed = fixture("seeds/003_c5883498027fb55e.txt");
    let d = dump(&seed);
    let t = &d["tables"]["stat"];
    assert_eq!(t["status"], "recovered");
    assert_eq!(t["rows"].as_object().unwrap().len(), 45);
    for (k, v) in [
        ("active_total", "395"),
        ("normative_public", "122"),
        ("website", "380"),
        ("weibo", "136"),
        ("wechat", "114"),
        ("staff_total", "2"),
        ("fees", "0"),
    ] {
        assert_eq!(t["rows"][k]["cells"]["value"], v, "{k}");
    }
    let (_, v) = check_json(&[seed.to_str().unwrap()]);
    assert!(
        !findings(&v).iter().any(|(_, r)| r.starts_with("stat")),
        "{:?}",
        findings(&v)
    );
    // The prose numbers are really compared: change each one and it is reported.
    let text = std::fs::read_to_string(&seed).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("政府信息395条", "政府信息394条"),
        ("文件类信息122条", "文件类信息121条"),
        ("公开信息380条", "公开信息381条"),
        ("微博公开136条", "微博公开137条"),
        ("微信公开114条", "微信公开115条"),
    ] {
        assert!(text.contains(from), "{from}");
        let p = dir.path().join("m.txt");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
        let (_, v) = check_json(&[p.to_str().unwrap()]);
        assert_eq!(
            findings(&v)
                .iter()
                .filter(|(s, r)| s == "warning" && r == "stat-prose")
                .count(),
            1,
            "{from} → {to}"
        );
    }
    // And a relation of the 统计表: 从事人员数 2 = 专职 1 + 兼职 1; make it 3.
    let p = dir.path().join("r.txt");
    std::fs::write(
        &p,
        text.replacen(
            "(三)从事政府信息公开工作人员数 |\n人 |\n2 |",
            "(三)从事政府信息公开工作人员数 |\n人 |\n3 |",
            1,
        ),
    )
    .unwrap();
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    assert!(
        findings(&v).contains(&("error".into(), "stat-staff-total".into())),
        "{:?}",
        findings(&v)
    );
}

#[test]
fn crawled_run_together_numbers_are_never_guessed() {
    // Crawled page text: cells run together. No arithmetic error may come from a guessed split.
    for name in [
        "007_pingtan-county-2012",
        "009_pingtan-2019",
        "010_pingtan-2020",
        "012_pingtan-2022",
        "014_pingtan-2025",
    ] {
        let p = fixture(&format!("real/text/{name}-crawltext.txt"));
        let (_, v) = check_json(&[p.to_str().unwrap()]);
        for (s, r) in findings(&v) {
            assert!(
                !(s == "error"
                    && (r.starts_with("t3") || r.starts_with("t4") || r.starts_with("stat"))),
                "{name}: {r}"
            );
        }
    }
    // 平潭 2023: 表四 is 15 digits for 15 cells — the split is forced, and it is right.
    let d = dump(&fixture("real/text/013_pingtan-2023-crawltext.txt"));
    let t4 = cells_of(&d, "t4", &["all"], &T4_COLS).remove(0);
    assert_eq!(
        t4,
        [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]
            .iter()
            .map(|v| Some(*v))
            .collect::<Vec<_>>()
    );
}

#[test]
fn structured_and_pdf_files_recover_the_audited_tables() {
    // The three PDFs give the same tables as their text renderings.
    for (name, rows) in huaian_reports() {
        let d = dump(&fixture(&format!("real/{name}.pdf")));
        assert_t3_t4_as_audited(&d, name, &rows, &format!("{name}.pdf"));
    }
    // 平潭 2024 (TRS page, rowspan=22) and 上海 2019 (a CMS fragment whose blank cells are &nbsp;).
    for (name, ext, rows) in [
        (
            "006_pingtan-2024-article-excerpt",
            "html",
            T3_ROWS_2021.to_vec(),
        ),
        (
            "005_shanghai-govoffice-2019-fragment",
            "html",
            t3_rows_2019(),
        ),
    ] {
        let d = dump(&fixture(&format!("real/{name}.{ext}")));
        assert_eq!(d["tables"]["t3"]["status"], "recovered", "{name}");
        assert_eq!(
            cells_of(&d, "t3", &rows, &T3_COLS),
            expected_ordered(name, "table3"),
            "{name} 表三"
        );
        let t4: Vec<Vec<Option<i64>>> = cells_of(&d, "t4", &["all"], &T4_COLS)
            .remove(0)
            .into_iter()
            .map(|v| vec![v])
            .collect();
        assert_eq!(t4, expected_ordered(name, "table4"), "{name} 表四");
    }
    // The blank 2021 template written by WPS: every value cell is blank, none is zero.
    let d = dump(&fixture("real/004_template-2021-format-blank.docx"));
    let t3 = cells_of(&d, "t3", &T3_ROWS_2021, &T3_COLS);
    assert_eq!(t3.iter().flatten().filter(|c| c.is_none()).count(), 175);
    let t4 = cells_of(&d, "t4", &["all"], &T4_COLS);
    assert_eq!(t4.iter().flatten().filter(|c| c.is_none()).count(), 15);
}

#[test]
fn structured_and_pdf_files_findings_match_the_audits() {
    let run = |rel: &str| check_json(&[fixture(rel).to_str().unwrap()]).1;
    let errors = |v: &serde_json::Value| -> Vec<String> {
        findings(v)
            .into_iter()
            .filter(|(s, _)| s == "error")
            .map(|(_, r)| r)
            .collect()
    };
    let table = |v: &serde_json::Value| -> Vec<(String, String)> {
        findings(v)
            .into_iter()
            .filter(|(_, r)| r.starts_with("t2") || r.starts_with("t3") || r.starts_with("t4"))
            .collect()
    };
    let v = run("real/001_huaian-hongze-district-2023.pdf");
    assert_eq!(
        errors(&v),
        vec!["t4-review-total", "t4-suit-after-review-total"]
    );
    let v = run("real/002_huaian-hongze-district-2024.pdf");
    assert!(errors(&v).is_empty());
    assert!(table(&v).contains(&("warning".into(), "t3-prose".into())));
    let v = run("real/003_huaian-city-2024.pdf");
    assert!(
        errors(&v).is_empty() && table(&v).is_empty(),
        "{:?}",
        findings(&v)
    );
    // 平潭 2024: arithmetically clean; no contact information (the audit's F1).
    let v = run("real/006_pingtan-2024-article-excerpt.html");
    assert!(
        errors(&v).is_empty() && table(&v).is_empty(),
        "{:?}",
        findings(&v)
    );
    assert!(findings(&v).contains(&("warning".into(), "contact-block".into())));
    // 上海 2019: the blank cells are reported, and every relation that needs one is "not
    // assessable" — never a sum error on a blank.
    let v = run("real/005_shanghai-govoffice-2019-fragment.html");
    assert!(errors(&v).is_empty(), "{:?}", errors(&v));
    for r in ["t3-cells", "t4-cells"] {
        assert!(table(&v).contains(&("warning".into(), r.into())), "{r}");
    }
    for r in ["t3-balance", "t3-results-total", "t3-applicants-total"] {
        assert!(table(&v).contains(&("info".into(), r.into())), "{r}");
    }
    // The blank template: blank cells and "not assessable", never a sum error.
    let v = run("real/004_template-2021-format-blank.docx");
    assert!(
        table(&v)
            .iter()
            .all(|(s, r)| s == "info" || r.ends_with("-cells")),
        "{:?}",
        table(&v)
    );
    assert!(table(&v).contains(&("warning".into(), "t3-cells".into())));
}

#[test]
fn dump_snapshots_of_the_real_files() {
    for name in [
        "001_huaian-hongze-district-2023.pdf",
        "002_huaian-hongze-district-2024.pdf",
        "003_huaian-city-2024.pdf",
        "004_template-2021-format-blank.docx",
        "005_shanghai-govoffice-2019-fragment.html",
        "006_pingtan-2024-article-excerpt.html",
    ] {
        let d = dump(&fixture(&format!("real/{name}")));
        insta::assert_json_snapshot!(format!("dump-tables-{name}"), d["tables"]);
    }
}

fn messages(v: &serde_json::Value, rule: &str) -> Vec<String> {
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn subtotal_rows_and_extra_columns_are_format_findings() {
    let base = std::fs::read_to_string(fixture("layouts/pipe-rows.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("d.txt");
    // A correct subtotal on the merged group label: a format finding only.
    let sub = "（三）不予公开 | 176 | 2 | 0 | 0 | 0 | 0 | 178 |\n1.属于国家秘密";
    std::fs::write(&p, base.replacen("1.属于国家秘密", sub, 1)).unwrap();
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    let m = messages(&v, "t3-structure");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("小计"), "{m:?}");
    // A wrong subtotal is also an arithmetic error, and the real rows still add up.
    std::fs::write(
        &p,
        base.replacen("1.属于国家秘密", &sub.replace("| 176 |", "| 175 |"), 1),
    )
    .unwrap();
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    let m = messages(&v, "t3-structure");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m.iter().any(|x| x.contains("小计「自然人」列")), "{m:?}");
    assert!(!findings(&v)
        .iter()
        .any(|(_, r)| r == "t3-results-total" || r == "t3-balance"));
    // An extra column on one row.
    std::fs::write(
        &p,
        base.replacen(
            "（一）予以公开 | 1288 | 21 |",
            "（一）予以公开 | 1288 | 21 | 0 |",
            1,
        ),
    )
    .unwrap();
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    let m = messages(&v, "t3-structure");
    assert!(
        m.iter().any(|x| x.contains("有 8 个数值，格式规定 7 列")),
        "{m:?}"
    );
}

#[test]
fn a_province_adds_its_own_table_template_without_rust() {
    let dir = tempfile::tempdir().unwrap();
    let pack = r#"profile: '2021'
name: 本省附表
tables:
  - id: t9
    title: 附表
    name: 政务公开专栏访问情况
    presence: ['专栏访问情况']
    columns:
      - {key: value, label: 数量, match: '数量'}
    rows:
      - {key: total, label: 访问总数, match: '访问总数'}
      - {key: pc, label: 电脑端, match: '电脑端'}
      - {key: mobile, label: 移动端, match: '移动端'}
"#;
    let rule = r#"id: t9-total
category: arithmetic
severity: error
message: '附表「访问总数」应为 {rsum}，实为 {lsum}'
help: 请核对。
basis: 本省政务公开工作要点
examples:
  valid: ["专栏访问情况 | 数量 |\n访问总数 | 10 |\n电脑端 | 4 |\n移动端 | 6 |"]
  invalid: ["专栏访问情况 | 数量 |\n访问总数 | 11 |\n电脑端 | 4 |\n移动端 | 6 |"]
check:
  table-sum:
    table: t9
    along: rows
    left: [total]
    right: [pc, mobile]
"#;
    std::fs::write(dir.path().join("pack.yaml"), pack).unwrap();
    std::fs::write(dir.path().join("t9-total.yaml"), rule).unwrap();
    let (code, s) = rules_test(dir.path());
    assert_eq!(code, Some(0), "{s}");
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, "某某县人民政府2023年政府信息公开工作年度报告\n专栏访问情况 | 数量 |\n访问总数 | 100 |\n电脑端 | 40 |\n移动端 | 50 |\n").unwrap();
    let (_, v) = check_json(&[
        "--rules",
        dir.path().to_str().unwrap(),
        draft.to_str().unwrap(),
    ]);
    assert_eq!(
        messages(&v, "t9-total"),
        vec!["附表「访问总数」应为 90，实为 100"]
    );
}

#[test]
fn a_plus_sign_in_the_change_column_is_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("2020.txt");
    std::fs::write(
        &p,
        doc_with(
            2020,
            &T2_2019.replace("| 10 | -1 | 300 |", "| 10 | +2 | 300 |"),
        ),
    )
    .unwrap();
    let d = dump(&p);
    assert_eq!(d["tables"]["t2"]["rows"]["permit"]["cells"]["change"], "2");
    let (_, v) = check_json(&[p.to_str().unwrap()]);
    assert!(
        !findings(&v).iter().any(|(_, r)| r.starts_with("t2")),
        "{:?}",
        findings(&v)
    );
}
