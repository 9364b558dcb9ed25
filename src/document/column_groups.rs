//! Rows whose values a text rendering printed in blocks under their column groups.
//!
//! Plain `pdftotext` prints a wide one-row table (表四: 行政复议 | 未经复议直接起诉 |
//! 复议后起诉, five columns each) in the order of the page's text blocks, not of its
//! columns: one group's parts under its headers, a total (whose header cell spans the
//! header rows) as a block of its own, another group's block right after that group's
//! header. This reads such a row only from what the text shows:
//!
//! - the values after the row's label are cut into blocks at every header word and group
//!   header; each value must be certainly one cell (a number alone on its line);
//! - a block starts at the first column of a group — or, when it is one value right after a
//!   header word that names some columns (`总计`), at one of those columns;
//! - a block printed right after a group's header (`复议后起诉`) starts in that group (the
//!   headers before the first block are the table's header rows and say nothing);
//! - among the placements those allow (blocks cover the row's columns exactly, each block
//!   on consecutive columns), the one that keeps the printed order closest to the
//!   template's column order (fewest pairs of blocks out of order) is taken — only when no
//!   other placement is as close; otherwise the row stays unread and its relations are
//!   “无法核对”.
//!
//! The values themselves, and so the sums, are never looked at.

use super::{compact_cow, row_columns, Pat, Patterns, RecoveredTable, Tok};

/// Longest header word between blocks (characters); longer text ends the table.
const MAX_HEADER_WORD: usize = 8;
/// Most placements looked at (a hostile text with many one-value blocks).
const MAX_NODES: usize = 200_000;

/// A run of values printed together.
struct Block<'k, 't> {
    vals: Vec<&'k Tok<'t>>,
    /// Groups whose header was printed right before the block.
    groups: Vec<usize>,
    /// Columns named by the header word right before a one-value block.
    named: Option<Vec<usize>>,
}

/// Re-read template row `ri` from tokens `from..to` (after its label) when its values are
/// printed in blocks under column groups. Returns whether the row was bound.
pub(super) fn regroup(
    out: &mut RecoveredTable,
    toks: &[Tok],
    ri: usize,
    from: usize,
    to: usize,
    re: &dyn Patterns,
) -> bool {
    let tpl = out.tpl;
    let n = tpl.columns.len();
    if row_columns(tpl, ri).len() != n || n == 0 || n > 64 {
        return false;
    }
    // Group of each column; a group's columns must be consecutive.
    let mut keys: Vec<&str> = Vec::new();
    let mut pats: Vec<Pat> = Vec::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(n);
    for c in &tpl.columns {
        let Some(g) = c.group.as_deref() else {
            return false;
        };
        let gi = match keys.iter().position(|k| *k == g) {
            Some(i) => i,
            None => {
                let Some(p) = Pat::new(g, re) else {
                    return false;
                };
                keys.push(g);
                pats.push(p);
                keys.len() - 1
            }
        };
        if group_of.last().is_some_and(|&l| l != gi) && group_of.contains(&gi) {
            return false;
        }
        group_of.push(gi);
    }
    if keys.len() < 2 {
        return false;
    }
    let col_pats: Vec<Option<Pat>> = tpl
        .columns
        .iter()
        .map(|c| Pat::new(&c.pattern, re))
        .collect();
    // Header words are made of the characters of the column labels (without their group
    // prefix, `行政复议·结果维持` → `结果维持`): `结 果`, `其他结`, `尚未审`, `总计`.
    let header_chars: Vec<char> = tpl
        .columns
        .iter()
        .flat_map(|c| c.label.rsplit('·').next().unwrap_or("").chars())
        .collect();
    let blocks = match blocks(
        toks.get(from..to).unwrap_or(&[]),
        &pats,
        &col_pats,
        &header_chars,
    ) {
        Some(b) => b,
        None => return false,
    };
    if blocks.len() < 2 || blocks.iter().map(|b| b.vals.len()).sum::<usize>() != n {
        return false;
    }
    let Some(starts) = place(&blocks, &group_of) else {
        return false;
    };
    for (b, s) in blocks.iter().zip(starts) {
        for (i, t) in b.vals.iter().enumerate() {
            out.grid[ri * n + s + i] = Some(super::to_cell(t));
        }
    }
    true
}

/// Cut the tokens after a label into blocks; `None` when a value is not certainly one cell.
fn blocks<'k, 't>(
    toks: &'k [Tok<'t>],
    groups: &[Pat],
    cols: &[Option<Pat>],
    header_chars: &[char],
) -> Option<Vec<Block<'k, 't>>> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    let mut pending: Vec<usize> = Vec::new();
    // The header word right before the next value, and the columns it names.
    let mut word: Option<Vec<usize>> = None;
    for t in toks {
        if let Tok::Text { s, .. } = t {
            open = false;
            let c = compact_cow(s);
            let gs: Vec<usize> = (0..groups.len())
                .filter(|&g| groups[g].is_match(&c))
                .collect();
            if !gs.is_empty() {
                pending.extend(gs);
                word = None;
            } else if c.chars().count() <= MAX_HEADER_WORD
                && c.chars().all(|ch| header_chars.contains(&ch))
            {
                let named: Vec<usize> = (0..cols.len())
                    .filter(|&i| cols[i].is_some_and(|p| p.is_match(&c)))
                    .collect();
                word = (!named.is_empty() && named.len() < cols.len()).then_some(named);
            } else {
                break;
            }
            continue;
        }
        if !super::align::single(t) {
            return None;
        }
        if !open {
            out.push(Block {
                vals: Vec::new(),
                groups: std::mem::take(&mut pending),
                named: word.take(),
            });
            open = true;
        }
        if let Some(b) = out.last_mut() {
            b.vals.push(t);
        }
    }
    // Only a one-value block is placed by the word before it.
    for b in &mut out {
        if b.vals.len() != 1 {
            b.named = None;
        }
    }
    Some(out)
}

/// The start column of each block in the placement closest to the template order, when it
/// is the only one that close.
fn place(blocks: &[Block], group_of: &[usize]) -> Option<Vec<usize>> {
    let n = group_of.len();
    let first_of = |s: usize| s == 0 || group_of[s - 1] != group_of[s];
    let allowed: Vec<Vec<usize>> = blocks
        .iter()
        .enumerate()
        .map(|(k, b)| {
            (0..n)
                .filter(|&s| s + b.vals.len() <= n)
                .filter(|&s| match &b.named {
                    Some(cols) => cols.contains(&s),
                    None => first_of(s),
                })
                .filter(|&s| k == 0 || b.groups.is_empty() || b.groups.contains(&group_of[s]))
                .collect()
        })
        .collect();
    struct Search<'a> {
        lens: Vec<usize>,
        allowed: &'a [Vec<usize>],
        starts: Vec<usize>,
        best: Option<(usize, Vec<usize>)>,
        ties: usize,
        nodes: usize,
    }
    fn go(s: &mut Search, k: usize, used: u64, inv: usize) {
        s.nodes += 1;
        if s.nodes > MAX_NODES || s.best.as_ref().is_some_and(|b| inv > b.0) {
            return;
        }
        if k == s.lens.len() {
            match &s.best {
                Some(b) if b.0 == inv => s.ties += 1,
                _ => {
                    s.best = Some((inv, s.starts.clone()));
                    s.ties = 0;
                }
            }
            return;
        }
        let len = s.lens[k];
        for i in 0..s.allowed[k].len() {
            let at = s.allowed[k][i];
            let mask = (((1u128 << len) - 1) << at) as u64;
            if used & mask != 0 {
                continue;
            }
            let added = s.starts.iter().filter(|&&p| p > at).count();
            s.starts.push(at);
            go(s, k + 1, used | mask, inv + added);
            s.starts.pop();
        }
    }
    let mut s = Search {
        lens: blocks.iter().map(|b| b.vals.len()).collect(),
        allowed: &allowed,
        starts: Vec::new(),
        best: None,
        ties: 0,
        nodes: 0,
    };
    go(&mut s, 0, 0, 0);
    if s.nodes > MAX_NODES || s.ties > 0 {
        return None;
    }
    s.best.map(|b| b.1)
}

#[cfg(test)]
mod tests {
    use super::super::{recover, Patterns, TableTemplate};
    use regex::Regex;
    use std::collections::HashMap;

    struct Re(HashMap<String, Regex>);
    impl Patterns for Re {
        fn get(&self, p: &str) -> Option<&Regex> {
            self.0.get(p)
        }
    }

    /// 表四 as the packs declare it.
    fn t4() -> (TableTemplate, Re) {
        let mut columns = Vec::new();
        for (g, pat) in [
            ("rv", "^行政复议$"),
            ("ld", "未经复议"),
            ("lr", "复议后起诉"),
        ] {
            for (k, l, m) in [
                ("keep", "结果维持", "维持"),
                ("fix", "结果纠正", "纠正"),
                ("other", "其他结果", "其他"),
                ("pending", "尚未审结", "审结|未审"),
                ("total", "总计", "总计"),
            ] {
                columns.push(serde_json::json!({
                    "key": format!("{g}_{k}"), "label": format!("{g}·{l}"), "match": m, "group": pat
                }));
            }
        }
        let tpl: TableTemplate = serde_json::from_value(serde_json::json!({
            "id": "t4", "title": "表四", "name": "复议诉讼",
            "presence": ["未经复议|复议后起诉|尚未审结"],
            "columns": columns,
            "rows": [{"key": "all", "label": "行政复议、行政诉讼",
                      "match": "未经复议|复议后起诉|尚未审结", "label_check": false}]
        }))
        .unwrap();
        let mut pats: Vec<String> = vec![tpl.presence[0].clone(), tpl.rows[0].pattern.clone()];
        for c in &tpl.columns {
            pats.push(c.pattern.clone());
            pats.extend(c.group.clone());
        }
        let re = Re(pats
            .into_iter()
            .map(|p| (p.clone(), Regex::new(&p).unwrap()))
            .collect());
        (tpl, re)
    }

    fn read(text: &str) -> Vec<Option<String>> {
        let (tpl, re) = t4();
        let t = recover(
            text,
            0,
            text.len(),
            &tpl,
            "2021",
            &re,
            &|_| false,
            &Default::default(),
        );
        (0..15)
            .map(|c| t.cell_at(0, c).map(|c| text[c.start..c.end].to_string()))
            .collect()
    }

    /// 淮安 2024 表四 in plain pdftotext: one cell per line, blocks in page order.
    const PLAIN: &str = "行政复议\n行政诉讼\n未经复议直接起诉\n结果\n结果\n其他结\n尚未\n维持\n纠正\n果\n审结\n总计\n\
        72\n64\n178\n37\n结 果\n结果\n其他\n复议后起诉\n尚未\n结果\n结果\n其他\n尚未审\n维持\n纠正\n结果\n结\n\
        12\n1\n1\n6\n总计\n351\n维持\n纠正\n结果\n审结\n13\n4\n8\n1\n26\n总计\n20\n";

    #[test]
    fn blocks_are_placed_by_group_headers_header_words_and_printed_order() {
        let got: Vec<String> = read(PLAIN)
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
        assert_eq!(
            got,
            [
                "72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6",
                "20"
            ]
        );
    }

    #[test]
    fn without_the_group_header_the_row_stays_unread() {
        // Without `复议后起诉` before 12 1 1 6, two placements are as close to the template
        // order: the row is not bound rather than guessed.
        let text = PLAIN.replace("复议后起诉\n", "");
        assert!(read(&text).iter().all(Option::is_none), "{:?}", read(&text));
        // A value that is not certainly one cell: not bound either.
        let text = PLAIN.replace("\n13\n4\n", "\n13 4\n");
        assert!(read(&text).iter().all(Option::is_none));
    }
}
