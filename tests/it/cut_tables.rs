//! Stop 19 (issue 10): a text that stops inside a statistics table (an excerpt, a page cut
//! off) proves neither that the table is missing nor that it follows an older layout.
//! Probed by cutting the bundled sample draft after every few lines: cut right after a
//! table's first header line, `t2/t4-structure` said «部分没有表二/表四» (error); cut inside
//! 表三 before its 2021-only rows, `t3-structure` said the table used the 2019 layout
//! (warning). Both are now at most «无法核对» (info).

use crate::support::{check_draft as check, fixture};

#[test]
fn a_text_cut_inside_a_table_is_not_told_the_table_is_missing_or_old() {
    let text = std::fs::read_to_string(fixture(
        "sample/2023年度政府信息公开工作年度报告（草稿）.txt",
    ))
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Every cut that ends on a table's first header line, right after its part's heading.
    let mut header_cuts = 0;
    for n in 2..lines.len() {
        let (prev, last) = (lines[n - 2], lines[n - 1]);
        let got = check(&format!("{}\n", lines[..n].join("\n")));
        let above: Vec<_> = got
            .iter()
            .filter(|d| d.1.ends_with("-structure") && d.0 != "info")
            .collect();
        assert!(above.is_empty(), "cut after line {n} ({last}): {above:?}");
        if last.contains('|') && !prev.contains('|') {
            header_cuts += 1;
            if prev.starts_with("二、") || prev.starts_with("四、") {
                assert!(
                    got.iter().any(|d| d.1.ends_with("-structure")
                        && d.0 == "info"
                        && d.2.contains("无法核对")),
                    "cut after line {n}: {got:?}"
                );
            }
        }
    }
    assert!(header_cuts >= 2, "the sample has tables: {header_cuts}");
}
