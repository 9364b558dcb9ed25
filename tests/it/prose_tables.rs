//! Seed-audit misses (tests/fixtures/real/expected/): prose against tables whose cells are
//! partly blank (上海 2019, 005 F4–F6: a blank 总计 cell is bounded below by its row's filled
//! cells, and “均获维持” is contradicted by any 表四 count of 纠正/其他/尚未审结); a template's
//! fee placeholder is no fee statement (004 F4); table cells run together are no phone
//! number (014 F1).

use crate::support::{diagnostics_of_rule, fields3};

/// (message, expected, actual) of every `rule` diagnostic at warning level of a fixture.
fn warnings(rel: &str, rule: &str) -> Vec<(String, String, String)> {
    diagnostics_of_rule(rel, rule)
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| fields3(d, ["message", "expected", "actual"]))
        .collect()
}

const SHANGHAI: &str = "real/005_shanghai-govoffice-2019-fragment.html";

#[test]
fn a_prose_count_below_the_filled_cells_of_a_blank_total_is_reported() {
    let got = warnings(SHANGHAI, "t3-prose");
    let pairs: Vec<(&str, &str)> = got
        .iter()
        .map(|(_, e, a)| (e.as_str(), a.as_str()))
        .collect();
    // F4: 予以公开 258+12+1+1 and 部分公开 3 (总计 blank) = at least 275, prose 258.
    // F5: 无法提供 (四)1–3 = 265 + 47 + 25 = at least 337, prose 265.
    assert_eq!(pairs, vec![("275", "258"), ("337", "265")]);
    assert!(got[0].0.contains("予以公开及部分公开258件"), "{}", got[0].0);
    assert!(
        got[1].0.contains("因本机关不掌握等原因无法提供265件"),
        "{}",
        got[1].0
    );
}

#[test]
fn all_upheld_is_contradicted_by_pending_cases() {
    // F6: “行政复议7件，诉讼9件，均获维持”; 表四 复议 尚未审结 2, 直诉 尚未审结 1.
    let got = warnings(SHANGHAI, "t4-upheld-prose");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("0", "3"));
}

#[test]
fn a_fee_placeholder_is_no_fee_statement() {
    // 004: 六 holds only “（文字描述，收取信息处理费情况在此处报告。）”.
    let got = warnings("real/004_template-2021-format-blank.docx", "fee-statement");
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn table_cells_run_together_are_no_phone_number() {
    // 014: “…申请数量15130000154二、…” is 表三's row, not a mobile number; the report gives
    // no contact at all.
    let got = warnings("real/text/014_pingtan-2025-crawltext.txt", "contact-block");
    assert_eq!(got.len(), 1, "{got:?}");
}
