//! Template-free fallback for statistics tables of forms no template covers: discover
//! total/part groups from the table itself and check their sums.
//!
//! Rows are `|`-delimited lines, or laid-out lines whose cells are tab-separated (a
//! label, then only numbers and units); one row a line. A group is a
//! row whose label names a total (总数/合计/总计/受理/收到/共), followed directly by parts
//! introduced by `其中` and numbered in one style (`1.` `2.` … or `（1）` `（2）` …), the
//! numbers consecutive from 1. A part's own sub-rows (numbered in another style) are
//! skipped. Anything else is not a group: when a total is followed by `其中` rows that
//! cannot be delimited this way the group is reported as ambiguous, never guessed.

use regex::Regex;
use std::sync::LazyLock;

/// One `|` row: its label, cells (None = not a number), and byte range of the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub cells: Vec<Option<i64>>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Group {
    /// A total with its parts (row indices), every cell a number in each.
    Sum { total: usize, parts: Vec<usize> },
    /// A total followed by 其中 rows whose extent or cells cannot be read with certainty.
    Ambiguous { total: usize, why: &'static str },
}

static TOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"总数|合计|总计|^受理|^收到|^共").expect("regex"));
static QIZHONG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^其中[:：]?").expect("regex"));
/// Numbered marker at the start of a label: (style, number).
static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(\d{1,2})\s*[.．、]|[(（](\d{1,2})[)）])").expect("regex"));

/// The `|` rows of a text (lines with at least two `|`), with their offsets.
pub fn rows(text: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if memchr::memchr_iter(b'|', l.as_bytes()).nth(1).is_none() {
            if let Some(r) = tab_row(l, start) {
                out.push(r);
            }
            continue;
        }
        let mut f = l.split('|').map(str::trim);
        let label: String = f.next().unwrap_or("").split_whitespace().collect();
        let cells: Vec<Option<i64>> = f
            .filter(|c| !c.is_empty())
            .filter(|c| !is_unit(c))
            .map(|c| c.parse::<i64>().ok())
            .collect();
        out.push(Row {
            label,
            cells,
            start,
            end: start + l.len(),
        });
    }
    out
}

/// A laid-out row (cells separated by the tabs normalization puts into wide gaps, or
/// a crawled table's rows): a label, then only numbers and units. A line with any
/// other field is prose, not a row.
fn tab_row(l: &str, start: usize) -> Option<Row> {
    // Without a tab the label is the whole line and there are no cells: prose (most
    // lines), not copied.
    memchr::memchr(b'\t', l.as_bytes())?;
    let mut f = l.split('\t').map(str::trim);
    let mut label: String = f.next()?.split_whitespace().collect();
    // Normalization joins a label and its unit column (`受理申请数  件` → `受理申请数件`).
    for unit in ["条", "件", "人次", "个", "项"] {
        if let Some(l) = label.strip_suffix(unit) {
            if l.ends_with('数') || l.ends_with('请') {
                label.truncate(l.len());
                break;
            }
        }
    }
    if !label.chars().any(crate::normalize::is_cjk) {
        return None;
    }
    let mut cells = Vec::new();
    for c in f.filter(|c| !c.is_empty() && !is_unit(c)) {
        cells.push(Some(c.parse::<i64>().ok()?));
    }
    (!cells.is_empty()).then(|| Row {
        label,
        cells,
        start,
        end: start + l.len(),
    })
}

fn is_unit(c: &str) -> bool {
    matches!(
        c,
        "条" | "件" | "个" | "人" | "人次" | "次" | "项" | "元" | "万元"
    )
}

/// (style, number) of a label's numbered marker, after an optional 其中.
fn marker(label: &str) -> Option<(u8, u32)> {
    let l = QIZHONG.replace(label, "");
    let c = MARKER.captures(&l)?;
    match (c.get(1), c.get(2)) {
        (Some(n), _) => Some((0, n.as_str().parse().ok()?)),
        (_, Some(n)) => Some((1, n.as_str().parse().ok()?)),
        _ => None,
    }
}

/// The groups of consecutive rows.
pub fn infer(rows: &[Row]) -> Vec<Group> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        let is_total =
            TOTAL.is_match(&r.label) && !QIZHONG.is_match(&r.label) && marker(&r.label).is_none();
        let next_qz = rows.get(i + 1).is_some_and(|n| QIZHONG.is_match(&n.label));
        if !is_total || !next_qz {
            i += 1;
            continue;
        }
        let Some((style, 1)) = marker(&rows[i + 1].label) else {
            out.push(Group::Ambiguous {
                total: i,
                why: "「其中」各项没有编号，无法确定分项范围",
            });
            i += 1;
            continue;
        };
        let mut parts = vec![i + 1];
        let mut want = 2;
        let mut j = i + 2;
        while j < rows.len() {
            match marker(&rows[j].label) {
                Some((s, n)) if s == style && n == want => {
                    parts.push(j);
                    want += 1;
                }
                // A part's own breakdown (其中 + the other style) belongs to that part.
                Some((s, _)) if s != style => {}
                _ if QIZHONG.is_match(&rows[j].label) => {}
                _ => break,
            }
            j += 1;
        }
        let n = r.cells.len();
        let readable = n > 0
            && r.cells.iter().all(Option::is_some)
            && parts
                .iter()
                .all(|&p| rows[p].cells.len() == n && rows[p].cells.iter().all(Option::is_some));
        out.push(if parts.len() < 2 {
            Group::Ambiguous {
                total: i,
                why: "只有一个分项",
            }
        } else if !readable {
            Group::Ambiguous {
                total: i,
                why: "分项的单元格数与合计行不同或不是数字",
            }
        } else if code_column(rows, i, &parts).is_some() {
            Group::Ambiguous {
                total: i,
                why: "有一列像是行代码（逐行加一），无法确定哪一列是数值",
            }
        } else {
            Group::Sum { total: i, parts }
        });
        i += 1;
    }
    out
}

/// A column whose values go up by one from the total row through its parts (row codes).
fn code_column(rows: &[Row], total: usize, parts: &[usize]) -> Option<usize> {
    let n = rows[total].cells.len();
    (0..n).find(|&c| {
        let v: Vec<i64> = std::iter::once(total)
            .chain(parts.iter().copied())
            .filter_map(|r| rows[r].cells.get(c).copied().flatten())
            .collect();
        v.len() > 2 && v.windows(2).all(|w| w[1] == w[0] + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `rows` as first written: every line's `|` counted by characters, and every line
    /// without two `|` read as a laid-out row (its label copied) before it was known to
    /// have cells.
    fn rows_as_before(text: &str) -> Vec<Row> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let l = line.trim_end_matches(['\n', '\r']);
            if l.matches('|').count() < 2 {
                if let Some(r) = tab_row_as_before(l, start) {
                    out.push(r);
                }
                continue;
            }
            let mut f = l.split('|').map(str::trim);
            let label: String = f.next().unwrap_or("").split_whitespace().collect();
            let cells: Vec<Option<i64>> = f
                .filter(|c| !c.is_empty())
                .filter(|c| !is_unit(c))
                .map(|c| c.parse::<i64>().ok())
                .collect();
            out.push(Row {
                label,
                cells,
                start,
                end: start + l.len(),
            });
        }
        out
    }

    fn tab_row_as_before(l: &str, start: usize) -> Option<Row> {
        let mut f = l.split('\t').map(str::trim);
        let mut label: String = f.next()?.split_whitespace().collect();
        for unit in ["条", "件", "人次", "个", "项"] {
            if let Some(l) = label.strip_suffix(unit) {
                if l.ends_with('数') || l.ends_with('请') {
                    label.truncate(l.len());
                    break;
                }
            }
        }
        if !label.chars().any(crate::normalize::is_cjk) {
            return None;
        }
        let mut cells = Vec::new();
        for c in f.filter(|c| !c.is_empty() && !is_unit(c)) {
            cells.push(Some(c.parse::<i64>().ok()?));
        }
        (!cells.is_empty()).then(|| Row {
            label,
            cells,
            start,
            end: start + l.len(),
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The rows read with byte searches and the early return for lines without a tab
        /// are the rows read as before.
        #[test]
        fn rows_are_read_as_before(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "|", "\t", "\n", "\r\n", " ", "　", "受理申请数", "件", "人次", "其中", "1.", "12",
                "-3", "x", "a b", "共", "｜",
            ]), 0..40),
        ) {
            let text = pieces.concat();
            prop_assert_eq!(rows(&text), rows_as_before(&text));
        }
    }

    /// Every fixture text reads into the same rows as before.
    #[test]
    fn fixture_rows_are_read_as_before() {
        for text in crate::facts::test_texts() {
            assert_eq!(rows(&text), rows_as_before(&text));
        }
    }

    fn groups(t: &str) -> Vec<Group> {
        infer(&rows(t))
    }

    #[test]
    fn numbered_parts_after_qizhong() {
        let t = "受理申请数 | 件 | 9 | 20 |\n其中:1.当面申请 | 件 | 3 | 6 |\n2.网上申请 | 件 | 6 | 14 |\n行政复议数 | 件 | 0 | 0 |\n";
        assert_eq!(
            groups(t),
            vec![Group::Sum {
                total: 0,
                parts: vec![1, 2]
            }]
        );
    }

    #[test]
    fn a_part_breakdown_is_skipped() {
        let t = "答复总数 | 9 |\n其中:1.同意公开 | 6 |\n2.不予公开 | 3 |\n其中:(1)国家秘密 | 1 |\n(2)商业秘密 | 2 |\n3.其他 | 0 |\n";
        let g = groups(t);
        assert_eq!(
            g[0],
            Group::Sum {
                total: 0,
                parts: vec![1, 2, 5]
            }
        );
    }

    #[test]
    fn unnumbered_qizhong_is_ambiguous() {
        let t = "申请总数 | 9 |\n其中:当面申请 | 3 |\n网上申请 | 6 |\n";
        assert!(matches!(groups(t)[0], Group::Ambiguous { .. }));
    }

    #[test]
    fn code_column_is_ambiguous() {
        let t = "申请总数 | 10 | 9 |\n其中:1.当面申请数 | 11 | 3 |\n2.网上申请数 | 12 | 6 |\n";
        assert!(matches!(groups(t)[0], Group::Ambiguous { .. }));
    }

    #[test]
    fn non_numbers_and_width_mismatch_are_ambiguous() {
        assert!(matches!(
            groups("申请总数 | 9 |\n其中:1.当面 | 3 |\n2.网上 | 六 |\n")[0],
            Group::Ambiguous { .. }
        ));
        assert!(matches!(
            groups("申请总数 | 9 |\n其中:1.当面 | 3 | 1 |\n2.网上 | 6 |\n")[0],
            Group::Ambiguous { .. }
        ));
    }

    #[test]
    fn no_total_no_group() {
        assert!(groups("当面申请 | 3 |\n其中:1.网上 | 6 |\n2.信函 | 1 |\n").is_empty());
    }

    #[test]
    fn laid_out_rows_are_read_and_prose_is_not() {
        let t = "受理申请数件\t9\t20\n其中:1.当面申请件\t3\t6\n2.网上申请件\t6\t14\n本年度\t共办理2019年的申请\n";
        let r = rows(t);
        let labels: Vec<&str> = r.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["受理申请数", "其中:1.当面申请", "2.网上申请"]);
        assert_eq!(r[0].cells, [Some(9), Some(20)]);
        assert_eq!(
            infer(&r),
            [Group::Sum {
                total: 0,
                parts: vec![1, 2]
            }]
        );
    }
}
