//! Accuracy on renderings nobody tuned for (issue 10): the three PDF reports in their two
//! common text renderings (`pdftotext -layout` and plain `pdftotext`, one cell per line with
//! header fragments and labels gathered away from their values) give the audited findings
//! and no other arithmetic finding; a +1 change to any bound cell of the text is caught, and
//! every finding it causes states a difference of exactly 1 (no wrong cell ever read).

use crate::support::*;
use gongkai::document::Document;
use gongkai::entry::{builtin_rules, check_source};
use gongkai::rules::spec::{Category, Severity};
use gongkai::rules::{Ctx, Settings};
use gongkai::source::Source;

const REPORTS: [&str; 3] = [
    "001_huaian-hongze-district-2023",
    "002_huaian-hongze-district-2024",
    "003_huaian-city-2024",
];

fn rendering(report: &str, plain: bool) -> String {
    let ext = if plain { "plain.txt" } else { "txt" };
    std::fs::read_to_string(fixture(&format!("real/text/{report}.{ext}"))).unwrap()
}

/// (rule, severity, expected, actual) of the arithmetic and consistency findings at warning
/// level or above, and the table-structure warnings.
fn table_findings(name: &str, text: &str) -> Vec<(String, String, String, String)> {
    let r = check_source(
        Source::new(name, text.to_string(), "UTF-8"),
        builtin_rules(),
    );
    let mut v: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .filter(|d| {
            matches!(d.category, Category::Arithmetic | Category::Consistency)
                || d.rule.ends_with("-structure")
        })
        .map(|d| {
            (
                d.rule.clone(),
                format!("{:?}", d.severity).to_lowercase(),
                d.expected.clone().unwrap_or_default(),
                d.actual.clone().unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

fn f(rule: &str, sev: &str, e: &str, a: &str) -> (String, String, String, String) {
    (rule.into(), sev.into(), e.into(), a.into())
}

#[test]
fn both_renderings_give_the_audited_findings() {
    for plain in [false, true] {
        let got = table_findings("001", &rendering(REPORTS[0], plain));
        let legacy = got
            .iter()
            .find(|x| x.0 == "t3-structure")
            .cloned()
            .expect("legacy 表三 warning");
        assert_eq!(
            got,
            vec![
                legacy.clone(),
                f("t4-review-total", "error", "11", "0"),
                f("t4-suit-after-review-total", "error", "5", "0"),
            ],
            "洪泽 2023 plain={plain}"
        );
        let got = table_findings("002", &rendering(REPORTS[1], plain));
        assert_eq!(got.len(), 2, "洪泽 2024 plain={plain}: {got:?}");
        assert!(
            got.iter()
                .any(|x| x.0 == "t3-prose" && x.2 == "95" && x.3 == "17")
                || got
                    .iter()
                    .any(|x| x.0 == "t3-prose" && x.2 == "17" && x.3 == "95"),
            "洪泽 2024 plain={plain}: {got:?}"
        );
        assert!(got.iter().any(|x| x.0 == "t3-structure"), "{got:?}");
        let got = table_findings("003", &rendering(REPORTS[2], plain));
        assert_eq!(got, vec![], "淮安 2024 plain={plain}");
    }
}

/// Every bound cell of a rendering, as (table, source byte range, value).
fn bound_cells(text: &str) -> Vec<(String, usize, usize, String)> {
    let rs = builtin_rules();
    let doc = Document::new(Source::new("x", text.to_string(), "UTF-8"));
    let settings = Settings::default();
    let profile = doc
        .facts
        .year
        .and_then(|(y, _)| rs.profile_for_year(y))
        .unwrap_or("2021");
    let ctx = Ctx::new(&doc, rs, profile, &settings);
    let mut out = Vec::new();
    for (id, t) in &ctx.tables {
        for (_, _, c) in t.cells() {
            if c.value.is_none() || c.end <= c.start {
                continue;
            }
            let (s, e) = (doc.norm.to_source(c.start), doc.norm.to_source(c.end));
            let v = text[s..e].trim().to_string();
            if v.chars().all(|ch| ch.is_ascii_digit()) && !v.is_empty() {
                out.push((id.clone(), s, e, v));
            }
        }
    }
    out
}

#[test]
fn every_plus_one_in_the_text_is_caught_with_the_true_difference() {
    for plain in [false, true] {
        let text = rendering(REPORTS[2], plain);
        assert_eq!(table_findings("003", &text), vec![]);
        let cells = bound_cells(&text);
        // 表二, 表三 and 表四 complete in both renderings.
        let t3 = cells.iter().filter(|c| c.0 == "t3").count();
        assert_eq!(t3, 175, "plain={plain}: 表三 cells bound");
        assert!(
            cells.iter().filter(|c| c.0 == "t2").count() >= 9,
            "plain={plain}: 表二 cells bound"
        );
        // 表四 of the plain rendering is printed in blocks under its column groups
        // (72 64 178 37 | 复议后起诉 … 12 1 1 6 | 总计 351 | 13 4 8 1 26 | 总计 20): placed by
        // the group headers, the header words and the printed order, never by the sums.
        let t4 = cells.iter().filter(|c| c.0 == "t4").count();
        assert_eq!(t4, 15, "plain={plain}: 表四 cells bound");
        let mut missed = Vec::new();
        // 表二 has no relation inside one year's table (its continuity is a cross-year check).
        for (table, s, e, v) in cells.iter().filter(|c| c.0 != "t2") {
            let n: u128 = v.parse().unwrap();
            let mutated = format!("{}{}{}", &text[..*s], n + 1, &text[*e..]);
            let got = table_findings("003", &mutated);
            let sums: Vec<_> = got
                .iter()
                .filter(|x| x.0.starts_with(table.as_str()) && !x.0.ends_with("-prose"))
                .collect();
            if got.is_empty() {
                missed.push(format!("{table}@{s}={v}"));
            }
            for x in &got {
                // Only the mutated table's relations (or the prose that quotes the cell) fire.
                assert!(
                    x.0.starts_with(table.as_str()) || x.0.ends_with("-prose"),
                    "plain={plain} {table}@{s} {v}+1 → {x:?}"
                );
            }
            for x in sums {
                let (ex, ac): (i128, i128) = (x.2.parse().unwrap(), x.3.parse().unwrap());
                assert_eq!(
                    (ex - ac).abs(),
                    1,
                    "plain={plain} {table}@{s} {v}+1 → {x:?}"
                );
            }
        }
        assert!(missed.is_empty(), "plain={plain}: not caught: {missed:?}");
    }
}

#[test]
fn a_plus_one_never_makes_another_table_fire() {
    // The reports with real errors: a change to a bound cell may alter their findings,
    // but never produces a finding in another table (a sign of a cell read from elsewhere).
    for report in &REPORTS[..2] {
        for plain in [false, true] {
            let text = rendering(report, plain);
            let clean = table_findings(report, &text);
            for (table, s, e, v) in bound_cells(&text) {
                let n: u128 = v.parse().unwrap();
                let mutated = format!("{}{}{}", &text[..s], n + 1, &text[e..]);
                for x in table_findings(report, &mutated) {
                    if clean.contains(&x) || x.0.ends_with("-prose") {
                        continue;
                    }
                    assert!(
                        x.0.starts_with(table.as_str()),
                        "{report} plain={plain} {table}@{s} {v}+1 → {x:?}"
                    );
                }
            }
        }
    }
}

/// Text fixtures with statistics tables, in every layout the tests keep.
fn text_fixtures() -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for dir in ["layouts", "real/text", "seeds", "sample"] {
        let mut files: Vec<_> = std::fs::read_dir(fixture(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        v.extend(files);
    }
    v
}

/// (rule, expected, actual) of the table-sum findings, keyed with their table.
fn sum_findings(text: &str) -> Vec<(String, String, String, String)> {
    let rs = builtin_rules();
    let r = check_source(Source::new("x", text.to_string(), "UTF-8"), rs);
    let mut v: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .filter_map(|d| {
            let table = rs
                .find(&d.rule)
                .into_iter()
                .find_map(|r| match &r.spec.check {
                    gongkai::rules::spec::Check::TableSum(p) => Some(p.table.clone()),
                    _ => None,
                })?;
            Some((
                table,
                d.rule.clone(),
                d.expected.clone().unwrap_or_default(),
                d.actual.clone().unwrap_or_default(),
            ))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn property_a_cell_change_fires_only_its_relations_with_the_true_sum() {
    let mut mutated = 0;
    for path in text_fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let clean = sum_findings(&text);
        // Every other cell keeps the test fast; the full sweep is the 淮安 test above.
        for (table, s, e, v) in bound_cells(&text).into_iter().step_by(2) {
            let n: u128 = v.parse().unwrap();
            let changed = format!("{}{}{}", &text[..s], n + 1, &text[e..]);
            mutated += 1;
            for x in sum_findings(&changed) {
                if clean.contains(&x) {
                    continue;
                }
                assert_eq!(x.0, table, "{name}: {table}@{s} {v}+1 → {x:?}");
                // A relation that held before now differs by exactly the change.
                if !clean.iter().any(|c| c.1 == x.1) {
                    let (ex, ac): (f64, f64) = (x.2.parse().unwrap(), x.3.parse().unwrap());
                    assert!(
                        ((ex - ac).abs() - 1.0).abs() < 1e-9,
                        "{name}: {table}@{s} {v}+1 → {x:?}"
                    );
                }
            }
        }
    }
    assert!(mutated > 500, "{mutated} cells mutated");
}

#[test]
fn a_page_date_is_never_called_the_signature_date() {
    // A crawled page: the posting time in its header, the report's own 落款 (二○一二年…,
    // with ○ for zero) inside one long line. Neither may be reported as a late 落款.
    let text = std::fs::read_to_string(fixture("real/tuning/pingtan-county-2011.txt")).unwrap();
    let r = check_text(text);
    for d in r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "late-publication")
    {
        assert!(!d.message.contains("落款日期 2012年4月"), "{}", d.message);
        assert_ne!(d.severity, Severity::Error, "{}", d.message);
    }
}

#[test]
fn saying_no_application_was_received_contradicts_a_table_count() {
    let dir = fixture("sample");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(8, "本年度未收到政府信息公开申请。");
    let r = check_text(lines.join("\n"));
    let hit: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("未收到政府信息公开申请"))
        .collect();
    assert_eq!(hit.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(hit[0].rule, "no-application-claim");
    assert!(hit[0].message.contains("3119"), "{}", hit[0].message);
    // A review application not received is another matter; and the plain draft is silent.
    lines[8] = "本年度未收到政府信息公开行政复议申请。";
    let r = check_text(lines.join("\n"));
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("未收到")));
}

#[test]
fn a_page_crawled_into_one_line_gets_its_outline_back() {
    // 平潭 2011 (tuning set): the whole report on one line, parts after "。 " or "。".
    let text = std::fs::read_to_string(fixture("real/tuning/pingtan-syq-2011.txt")).unwrap();
    let doc = Document::new(Source::new("x", text.clone(), "UTF-8"));
    assert!(!doc.unstructured);
    let parts: Vec<String> = doc.parts.iter().map(|p| doc.part_label(p)).collect();
    assert_eq!(
        parts,
        [
            "一、概述",
            "二、主动公开政府信息情况",
            "三、政府信息依申请公开工作情况",
            "四、政府信息公开工作存在的主要问题及改进情况"
        ]
    );
    // Each recovered line starts where the source has its space or full stop.
    for p in &doc.parts {
        let h = &doc.headings[p.heading];
        let (s, _) = doc.norm.span(h.start, h.end);
        assert!(text[s..].starts_with("一、") || text[s..].starts_with(&doc.part_label(p)[..6]));
    }
    let r = check_text(text);
    let fee: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "missing-section-fee")
        .collect();
    assert_eq!(fee.len(), 1, "{:?}", r.diagnostics);
    assert!(!r.diagnostics.iter().any(|d| d.rule == "heading-numbering"));
}

#[test]
fn a_short_page_crawled_into_one_line_gets_its_outline_back() {
    // 龙归镇 2016 (tuning set): a 1.6 KB report on one line; its parts 一、概述 二、主动公开…
    // are found, so the parts it lacks are reported.
    let text = std::fs::read_to_string(fixture("real/tuning/guangdong-shaoguan-longgui-2016.txt"))
        .unwrap();
    assert!(text.lines().all(|l| l.len() < 3000));
    let r = check_text(text);
    for rule in [
        "missing-section-apply",
        "missing-section-fee",
        "missing-section-problems",
    ] {
        assert!(
            r.diagnostics.iter().any(|d| d.rule == rule),
            "{rule}: {:?}",
            r.diagnostics
        );
    }
    assert!(!r.diagnostics.iter().any(|d| d.rule == "heading-numbering"));
}

#[test]
fn a_long_paragraph_that_counts_is_not_a_crawled_page() {
    // A paragraph of a well-formed draft that lists its measures 一、… 二、… 三、… is one
    // line of the part it belongs to: it is not split into headings.
    let para = "我局主要做了以下工作。一、加强组织领导，明确分管领导和具体经办人员，做到分工明确、责任到人。\
                二、完善工作制度，修订了信息发布审核制度和保密审查制度，确保信息发布及时准确。\
                三、强化平台建设，及时更新门户网站栏目，方便群众查阅办事指南和政策文件。"
        .repeat(3);
    assert!(para.len() >= 800 && para.len() < 3000);
    let text = format!(
        "某局2020年政府信息公开工作年度报告\n一、总体情况\n{para}\n二、主动公开政府信息情况\n略。\n"
    );
    let doc = Document::new(Source::new("x", text, "UTF-8"));
    let parts: Vec<String> = doc.parts.iter().map(|p| doc.part_label(p)).collect();
    assert_eq!(parts, ["一、总体情况", "二、主动公开政府信息情况"]);
}

#[test]
fn a_crawled_outline_with_a_gap_is_not_assessed() {
    // 平潭 2025: 三、四、五、 are glued to the table's numbers and cannot be found, so the
    // parts are not checked at all rather than reported missing.
    let text =
        std::fs::read_to_string(fixture("real/text/014_pingtan-2025-crawltext.txt")).unwrap();
    let r = check_text(text);
    assert!(
        !r.diagnostics
            .iter()
            .any(|d| d.rule.starts_with("missing-section")),
        "{:?}",
        r.diagnostics
    );
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.rule == "heading-numbering" && d.severity == Severity::Info));
}

#[test]
fn a_crawled_statistics_table_is_read_row_by_row() {
    // 平潭 2012 (tuning set): the 福建 附表 is one run of "label unit year total" cells.
    let text = std::fs::read_to_string(fixture("real/tuning/pingtan-syq-2012.txt")).unwrap();
    let r = check_text(text);
    let prose: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "old-fj-prose")
        .collect();
    assert_eq!(prose.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(prose[0].expected.as_deref(), Some("739"));
    assert_eq!(prose[0].actual.as_deref(), Some("1913"));
    // Its received/answered totals are all 0 = 0 + … and the answered sum is checked.
    assert!(!r
        .diagnostics
        .iter()
        .any(|d| d.rule == "old-fj-answered-total"));
}

/// The built-in rules' report on a text.
fn check_text(text: String) -> gongkai::render::FileReport {
    check_source(Source::new("x", text, "UTF-8"), builtin_rules())
}

#[test]
fn plain_table_four_without_its_group_header_is_not_guessed() {
    // 淮安 2024 plain 表四 prints `12 1 1 6` right after the `复议后起诉` header. Without that
    // header two placements of its blocks are equally close to the column order: the row
    // stays unread and its relations are “无法核对”, even when a cell is changed.
    let text = rendering(REPORTS[2], true);
    assert_eq!(text.matches("\n复议后起诉\n").count(), 1);
    let text = text.replace("\n复议后起诉\n", "\n");
    assert!(bound_cells(&text).iter().all(|c| c.0 != "t4"));
    for changed in [text.clone(), text.replace("\n178\n", "\n179\n")] {
        let r = check_text(changed);
        let t4: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("t4-") && d.rule.ends_with("-total"))
            .collect();
        assert_eq!(t4.len(), 3, "{t4:?}");
        for d in t4 {
            assert_eq!(d.severity, Severity::Info, "{}", d.message);
            assert!(d.message.contains("无法核对"), "{}", d.message);
        }
    }
}
