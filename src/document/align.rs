//! Layout-independent binding of a table's labels and values.
//!
//! Text renderings of the same table differ in where they put a row's label: beside its
//! values, in a block of labels before or after them, or split across a page. This module
//! holds what lets recovery cope without guessing: header fragments that may sit between
//! cells, values placed by position between two labelled rows (only when they fill the
//! rows between exactly), and a choice among all placements of the labels scored by how
//! well labels and value counts agree. The sums are never looked at.

use super::{compact_cow, row_columns, Cell, Pat, RecoveredTable, RowHit, Tok};
use crate::document::template::TableTemplate;

/// Words of column headers that a text rendering may leave between the cells of a row
/// (`结果 结果 其他`, `尚未`, `审结`, `总 计`).
pub(super) struct Fragments {
    words: Vec<String>,
}

/// Header words every statistics table shares.
const COMMON: [&str; 10] = [
    "结果", "总计", "合计", "尚未", "审结", "其他", "维持", "纠正", "总", "计",
];

impl Fragments {
    pub(super) fn new(tpl: &TableTemplate) -> Self {
        let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        for c in &tpl.columns {
            for w in c.pattern.split('|') {
                if super::plain_word(w) && !words.iter().any(|x| x == w) {
                    words.push(w.to_string());
                }
            }
        }
        // Longest first, so that a word is not eaten by a shorter one inside it.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        Fragments { words }
    }

    /// Is the text made only of header words?
    pub(super) fn is_fragment(&self, s: &str) -> bool {
        let c = compact_cow(s);
        let mut rest: &str = &c;
        if rest.is_empty() {
            return false;
        }
        'outer: while !rest.is_empty() {
            for w in &self.words {
                if let Some(r) = rest.strip_prefix(w.as_str()) {
                    rest = r;
                    continue 'outer;
                }
            }
            return false;
        }
        true
    }
}

/// A value token that is certainly one cell: its own cell, a blank marker, or a number
/// alone on its line.
pub(super) fn single(t: &Tok) -> bool {
    match t {
        Tok::Cell { .. } | Tok::Blank { .. } => true,
        Tok::Run {
            lone,
            glued,
            digits,
            ..
        } => *lone && !*glued && super::valid_number(digits),
        Tok::Text { .. } => false,
    }
}

/// Give the values in `pool` to template rows `from..to` (none of them labelled), in order,
/// when they are exactly as many as those rows' cells and each is certainly one cell.
/// Trailing blank markers are the next label's empty cells and are ignored.
pub(super) fn fill_gap(
    out: &mut RecoveredTable,
    pool: &[&Tok],
    from: usize,
    to: usize,
    labelled: &[bool],
) -> bool {
    let mut pool = pool;
    while let Some((last, rest)) = pool.split_last() {
        if matches!(last, Tok::Blank { .. }) {
            pool = rest;
        } else {
            break;
        }
    }
    if pool.is_empty() || from >= to || !pool.iter().all(|t| single(t)) {
        return false;
    }
    let tpl = out.tpl;
    if (from..to).any(|r| labelled.get(r).copied().unwrap_or(true) || out.found[r]) {
        return false;
    }
    let need: usize = (from..to).map(|r| row_columns(tpl, r).len()).sum();
    if need != pool.len() {
        return false;
    }
    let nc = tpl.columns.len();
    let mut it = pool.iter();
    for r in from..to {
        let cols = row_columns(tpl, r);
        let cells: Vec<Cell> = cols
            .iter()
            .filter_map(|_| it.next().map(|t| super::to_cell(t)))
            .collect();
        let (start, end) = (
            cells.first().map_or(0, |c| c.start),
            cells.last().map_or(0, |c| c.end),
        );
        for (&c, cell) in cols.iter().zip(cells) {
            out.grid[r * nc + c] = Some(cell);
        }
        out.found[r] = true;
        out.rows.push(RowHit {
            key: tpl.rows[r].key.clone(),
            index: r,
            label: String::new(),
            start,
            end,
            complete: true,
            problem: None,
            extra_values: 0,
            by_position: true,
            short: None,
        });
    }
    true
}

/// Most candidates a placement search looks at (a hostile text with a label word
/// everywhere must not make it quadratic in the text).
const MAX_CANDIDATES: usize = 1500;

/// The placement of labels (one text position per row, in template order and increasing
/// text order) where most labels are followed by a row of values: a label followed by as
/// many values as its row has cells (or a multiple: rows whose labels were put elsewhere)
/// scores 3, a label alone 1.
pub(super) fn placements(
    toks: &[Tok],
    first: usize,
    rows: &[Option<Pat>],
    tpl: &TableTemplate,
    frag: &Fragments,
) -> Vec<(usize, usize)> {
    // Which text tokens some row's label matches (a label block must not be read as values).
    let is_label = |s: &str| rows.iter().flatten().any(|p| p.is_match(s));
    // (row, token, end of match in token, score)
    let mut cands: Vec<(usize, usize, usize, u32)> = Vec::new();
    for (ri, rx) in rows.iter().enumerate() {
        let Some(rx) = *rx else { continue };
        let n = row_columns(tpl, ri).len().max(1);
        for (ti, t) in toks.iter().enumerate().skip(first) {
            let Tok::Text { s, .. } = t else { continue };
            let mut from = 0;
            while let Some(e) = rx.find_end_at(s, from) {
                let count = following_values(toks, ti, &is_label, frag);
                let score = if count > 0 && count.is_multiple_of(n) {
                    3
                } else {
                    1
                };
                cands.push((ri, ti, e, score));
                if cands.len() > MAX_CANDIDATES {
                    return Vec::new();
                }
                if e <= from || e >= s.len() {
                    break;
                }
                from = e;
                while !s.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
    }
    // Longest chain by score: rows strictly increasing, positions strictly increasing.
    let mut best: Vec<(u32, Option<usize>)> = Vec::with_capacity(cands.len());
    for i in 0..cands.len() {
        let (ri, ti, e, sc) = cands[i];
        let mut b = (sc, None);
        for (j, &(rj, tj, ej, _)) in cands[..i].iter().enumerate() {
            if rj < ri && (tj, ej) < (ti, e) && best[j].0 + sc > b.0 {
                b = (best[j].0 + sc, Some(j));
            }
        }
        best.push(b);
    }
    let Some(mut at) = (0..best.len()).max_by_key(|&i| (best[i].0, std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut chain = vec![(cands[at].0, cands[at].1)];
    while let Some(p) = best[at].1 {
        chain.push((cands[p].0, cands[p].1));
        at = p;
    }
    chain.reverse();
    chain
}

/// How many values follow the label in token `ti`: the label may continue over a few text
/// tokens first (not other labels); header fragments between values do not end the run.
fn following_values(
    toks: &[Tok],
    ti: usize,
    is_label: &dyn Fn(&str) -> bool,
    frag: &Fragments,
) -> usize {
    let mut j = ti + 1;
    let mut skipped = 0;
    while let Some(Tok::Text { s, .. }) = toks.get(j) {
        if skipped >= 4 || is_label(&compact_cow(s)) {
            return 0;
        }
        skipped += 1;
        j += 1;
    }
    let mut count = 0;
    while let Some(t) = toks.get(j) {
        match t {
            Tok::Text { s, .. } if frag.is_fragment(s) => {}
            Tok::Text { .. } => break,
            _ => count += 1,
        }
        j += 1;
    }
    count
}

impl RecoveredTable<'_> {
    /// Rows whose cells are all bound.
    pub(super) fn certain_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.complete).count()
    }

    /// Labels and values did not line up: a row missing, unread, or with values left over.
    pub(super) fn doubtful(&self) -> bool {
        !self.missing_rows.is_empty()
            || self
                .rows
                .iter()
                .any(|r| r.problem.is_some() || r.extra_values > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tpl() -> TableTemplate {
        serde_json::from_value(serde_json::json!({
            "id": "t4", "title": "表四", "name": "复议诉讼",
            "presence": ["复议"],
            "columns": [
                {"key": "keep", "label": "维持", "match": "维持"},
                {"key": "pending", "label": "尚未审结", "match": "审结|未审"},
                {"key": "total", "label": "总计", "match": "总计"}
            ],
            "rows": [{"key": "all", "label": "复议", "match": "复议"}]
        }))
        .unwrap()
    }

    #[test]
    fn header_fragments_are_only_header_words() {
        let f = Fragments::new(&tpl());
        for s in ["总 计", "结果 结果 其他", "尚未", "审结", "维持 纠正 结果"] {
            assert!(f.is_fragment(s), "{s}");
        }
        for s in ["", "（七）总计", "1.属于国家秘密", "总计12", "复议后起诉"] {
            assert!(!f.is_fragment(s), "{s}");
        }
    }
}
