//! Statistics tables: recover a template's cells from the text of a report part,
//! whatever layout the draft or page flattened them into.
//!
//! The text is cut into tokens (cells of `|`/tab rows, or runs of free text and
//! digits), row labels are found in template order, and each row takes the values
//! between its label and the next row's label. Digits run together with no separator
//! are split only when the split is forced (as many digits as cells, no number
//! starting with 0); otherwise the row is reported unreadable — never guessed, and
//! never split so that the sums come out. This module knows nothing about relations.

use crate::document::template::TableTemplate;
use crate::facts::Dec;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[path = "align.rs"]
mod align;
#[path = "column_groups.rs"]
mod column_groups;
#[path = "literals.rs"]
mod literals;
#[path = "text_index.rs"]
mod text_index;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum CellValue {
    Number(String),
    /// Blank, `/`, `-`, `—`, `无`: not zero.
    Blank(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub value: Option<Dec>,
    /// The marker of a blank cell (`""`, `/`, `-`, `无`…), when not a number.
    pub blank: Option<String>,
    /// Unit written in the cell (`251000元`).
    pub unit: Option<String>,
    /// Normalized byte range (empty for an invisible blank).
    pub start: usize,
    pub end: usize,
}

/// A row label found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowHit {
    pub key: String,
    /// Index of the row in the template.
    pub index: usize,
    /// The label text as written (compact), for label-fidelity findings.
    pub label: String,
    pub start: usize,
    pub end: usize,
    /// All its cells were read.
    pub complete: bool,
    /// Why not, when not.
    pub problem: Option<String>,
    /// Values found on the row beyond the template's columns (a wrong column count).
    pub extra_values: usize,
    /// Bound by its place between two labelled rows, not by its own label (which the
    /// layout put elsewhere): `label` is empty and not checked.
    pub by_position: bool,
    /// In a table laid out one cell per line, a row whose run of values is closed (by
    /// words or the next row's label) with fewer numbers than the row has columns: how
    /// many numbers it has. Those cells hold no number in the text (an empty cell, or
    /// one the rendering dropped because it was empty). Kept only when the whole table
    /// reads row by row (see `short_rows`); which column is empty is not known unless
    /// the row has no number at all, in which case its cells are bound as blanks.
    pub short: Option<usize>,
}

/// Numbers written on a group label (a subtotal row the format does not have).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subtotal {
    pub group: String,
    pub start: usize,
    pub end: usize,
    /// Row keys of the group's members.
    pub members: Vec<String>,
    pub values: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Recovered,
    /// No table in the region.
    Absent,
    /// A table is there but cannot be bound to the template.
    Unbound(String),
}

#[derive(Debug, Clone)]
pub struct RecoveredTable<'a> {
    /// The template it was read with.
    pub tpl: &'a TableTemplate,
    pub id: String,
    pub title: String,
    /// Profile of the template that was used.
    pub profile: String,
    pub status: Status,
    /// Cells by (template row index, template column index), row-major (empty, which
    /// reads as all `None`, until a table is read).
    grid: Vec<Option<Cell>>,
    /// Whether the template's row was found in the text (empty: none).
    found: Vec<bool>,
    pub rows: Vec<RowHit>,
    pub missing_rows: Vec<String>,
    pub subtotals: Vec<Subtotal>,
    /// A table the text ends inside (an excerpt cut in the middle of it), left unbound: its
    /// first template rows that were read whole, each by its own label with every cell,
    /// and no row after them, nor the row on the text's last line. Their cells, kept here
    /// apart from the (erased) grid, are compared with the prose and checked for blanks
    /// ([`RecoveredTable::certain_cell`], [`RecoveredTable::certain_cells`]); no sum reads them.
    cut_rows: usize,
    cut_cells: Vec<Option<Cell>>,
    /// At least three rows were found by their labels, not one value (a number or a blank
    /// marker such as “/”) follows the first of them anywhere in the table, and the text
    /// goes on after it: a table published with every cell left empty.
    pub valueless: bool,
    /// At least four rows were found by their labels, the text goes on after the table, and
    /// the table holds fewer values (numbers, blank markers, numbers written with a unit)
    /// than half its rows found: at least three rows, more than half, hold no number at all
    /// whichever row each value is in. `(values, rows found)`; `None` otherwise, and when
    /// `valueless`.
    pub sparse: Option<(usize, usize)>,
    /// Normalized range searched.
    pub start: usize,
    pub end: usize,
}

impl<'a> RecoveredTable<'a> {
    /// An absent table; [`RecoveredTable::sized`] before cells are bound.
    fn new(tpl: &'a TableTemplate, profile: &str, start: usize, end: usize) -> Self {
        RecoveredTable {
            tpl,
            id: tpl.id.clone(),
            title: tpl.title.clone(),
            profile: profile.to_string(),
            status: Status::Absent,
            grid: Vec::new(),
            found: Vec::new(),
            rows: Vec::new(),
            missing_rows: Vec::new(),
            subtotals: Vec::new(),
            cut_rows: 0,
            cut_cells: Vec::new(),
            valueless: false,
            sparse: None,
            start,
            end,
        }
    }
    /// With room for every cell and row of the template.
    fn sized(mut self) -> Self {
        self.grid = vec![None; self.tpl.rows.len() * self.tpl.columns.len()];
        self.found = vec![false; self.tpl.rows.len()];
        self
    }
    pub fn row_index(&self, key: &str) -> Option<usize> {
        self.tpl.rows.iter().position(|r| r.key == key)
    }
    pub fn col_index(&self, key: &str) -> Option<usize> {
        self.tpl.columns.iter().position(|c| c.key == key)
    }
    pub fn cell(&self, row: &str, col: &str) -> Option<&Cell> {
        self.cell_at(self.row_index(row)?, self.col_index(col)?)
    }
    /// The cell at template row `r`, column `c`.
    pub fn cell_at(&self, r: usize, c: usize) -> Option<&Cell> {
        if c >= self.tpl.columns.len() {
            return None;
        }
        self.grid.get(r * self.tpl.columns.len() + c)?.as_ref()
    }
    pub fn cell_mut(&mut self, row: &str, col: &str) -> Option<&mut Cell> {
        let (r, c) = (self.row_index(row)?, self.col_index(col)?);
        let nc = self.tpl.columns.len();
        self.grid.get_mut(r * nc + c)?.as_mut()
    }
    /// Does the template's row `r` have column `c`?
    pub fn defined(&self, r: usize, c: usize) -> bool {
        let tpl = self.tpl;
        c < tpl.columns.len()
            && tpl.rows.get(r).is_some_and(|row| {
                row.columns
                    .as_ref()
                    .is_none_or(|k| k.contains(&tpl.columns[c].key))
            })
    }
    /// Every recovered cell as (row index, column index, cell), in template order.
    pub fn cells(&self) -> impl Iterator<Item = (usize, usize, &Cell)> {
        let nc = self.tpl.columns.len().max(1);
        self.grid
            .iter()
            .enumerate()
            .filter_map(move |(i, c)| c.as_ref().map(|c| (i / nc, i % nc, c)))
    }
    pub fn cell_count(&self) -> usize {
        self.grid.iter().filter(|c| c.is_some()).count()
    }
    pub fn row_found(&self, key: &str) -> bool {
        self.row_index(key).is_some_and(|i| self.row_found_at(i))
    }
    pub fn row_found_at(&self, r: usize) -> bool {
        self.found.get(r).copied().unwrap_or(false)
    }
    /// Whether a prose comparison may read any cell: the table was recovered, or the text
    /// ends inside it after some rows read whole.
    pub fn readable(&self) -> bool {
        self.status == Status::Recovered || self.cut_rows > 0
    }
    /// A cell bound with certainty: any cell of a recovered table, or one of the rows read
    /// whole before the text ends inside the table.
    pub fn certain_cell(&self, row: &str, col: &str) -> Option<&Cell> {
        if self.status == Status::Recovered {
            return self.cell(row, col);
        }
        self.certain_at(self.row_index(row)?, self.col_index(col)?)
    }
    /// [`RecoveredTable::certain_cell`] by template indices.
    pub fn certain_at(&self, r: usize, c: usize) -> Option<&Cell> {
        if self.status == Status::Recovered {
            return self.cell_at(r, c);
        }
        if r >= self.cut_rows || c >= self.tpl.columns.len() {
            return None;
        }
        self.cut_cells.get(r * self.tpl.columns.len() + c)?.as_ref()
    }
    /// How many leading rows of a table the text ends inside were read whole (0 for a
    /// recovered table and for any other).
    pub fn cut_rows(&self) -> usize {
        self.cut_rows
    }
    /// Every cell bound with certainty ([`RecoveredTable::certain_cell`]) as (row index,
    /// column index, cell), in template order.
    pub fn certain_cells(&self) -> impl Iterator<Item = (usize, usize, &Cell)> {
        let nc = self.tpl.columns.len().max(1);
        let cells = if self.status == Status::Recovered {
            &self.grid
        } else {
            &self.cut_cells
        };
        cells
            .iter()
            .enumerate()
            .filter_map(move |(i, c)| c.as_ref().map(|c| (i / nc, i % nc, c)))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'t> {
    Text {
        s: &'t str,
        start: usize,
        end: usize,
    },
    /// A number from its own cell: exactly one value.
    Cell {
        v: Dec,
        unit: Option<&'static str>,
        start: usize,
        end: usize,
    },
    /// Digits from free text: possibly several values run together. `glued`: text touches
    /// it on both sides with no separator (crawled page text), so even its extent is uncertain.
    Run {
        digits: &'t str,
        start: usize,
        end: usize,
        glued: bool,
        /// Alone on its line: one cell of a one-cell-per-line layout, never cut when the
        /// row has other values.
        lone: bool,
    },
    Blank {
        marker: &'t str,
        start: usize,
        end: usize,
    },
}

impl Tok<'_> {
    fn start(&self) -> usize {
        match self {
            Tok::Text { start, .. }
            | Tok::Cell { start, .. }
            | Tok::Run { start, .. }
            | Tok::Blank { start, .. } => *start,
        }
    }
}

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-—–]\s*[0-9]{1,3}\s*[-—–]$|^第\s*[0-9]{1,3}\s*页(?:\s*共\s*[0-9]{1,3}\s*页)?$")
        .unwrap()
});
/// Units a cell may carry after its number.
const CELL_UNITS: [&str; 8] = ["万元", "元", "件", "条", "个", "人", "次", "项"];

/// A cell that is one number with an optional unit: `12`, `-3`, `96171.6`, `251000 元`.
/// The same language as `^(-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*(万元|元|件|条|个|人|次|项)?$`
/// (thousands separators allowed), read by
/// hand: this runs on every cell of every table and a capturing regex was a tenth of the
/// whole check. Returns (number, unit).
fn cell_number(t: &str) -> Option<(&str, Option<&'static str>)> {
    // An explicit plus sign (本年增/减 “+2”) is just the number.
    let t = t.strip_prefix('+').unwrap_or(t);
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits(i);
    if n == 0 {
        return None;
    }
    i += n;
    // Thousands separators (`1,234`, `12,345,678`): a first group of one to three digits,
    // then groups of exactly three.
    if n <= 3 {
        while b.get(i) == Some(&b',') && digits(i + 1) == 3 {
            i += 4;
        }
    }
    if b.get(i) == Some(&b'.') {
        let f = digits(i + 1);
        if f > 0 {
            i += 1 + f;
        }
    }
    let number = &t[..i];
    let rest = t[i..].trim_start();
    if rest.is_empty() {
        return Some((number, None));
    }
    CELL_UNITS
        .iter()
        .find(|u| rest == **u)
        .map(|u| (number, Some(*u)))
}
static MD_SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\|[|: ]*-[-|: ]*$").unwrap());

fn is_blank_marker(s: &str) -> bool {
    matches!(
        s,
        "" | "/" | "-" | "—" | "——" | "–" | "无" | "不适用" | "\\" | "／" | "空"
    )
}

/// Most tokens read from one table region. A statistics table is a few hundred tokens;
/// a region of a hostile file (megabytes of numbers or repeated labels) would otherwise
/// take about fifty times its size in tokens. Reading stops there (issue 15).
const MAX_TOKENS: usize = 65_536;

/// Longest part of one line that is tokenized (bytes); a table line is a few hundred.
const MAX_LINE: usize = 256 * 1024;

/// Cut a normalized range into tokens (at most [`MAX_TOKENS`]).
fn tokenize<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    merged: &dyn Fn(usize) -> bool,
) -> Vec<Tok<'t>> {
    // Sized once: a laid-out table has about a token per 8 bytes (`| 12 `), and growing
    // the vector by doubling copied it a few times per table.
    let mut toks = Vec::with_capacity(((end - start) / 8).min(MAX_TOKENS));
    let mut cells: Vec<(usize, &str)> = Vec::new();
    let mut line_start = start;
    for full in split_at_byte(&text[start..end], b'\n') {
        if toks.len() >= MAX_TOKENS {
            toks.truncate(MAX_TOKENS);
            break;
        }
        let ls = line_start;
        line_start += full.len() + 1;
        let mut cut = full.len().min(MAX_LINE);
        while !full.is_char_boundary(cut) {
            cut -= 1;
        }
        let line = &full[..cut];
        let t = trim(line);
        // A row of empty cells is only tabs: it is not an empty line.
        // (Cheap test first: the footer regex would run on every line.)
        // (Byte searches: `str::contains(char)` costs more than the search on a short line.)
        let has = |c: u8| memchr::memchr(c, line.as_bytes()).is_some();
        if (t.is_empty() && !has(b'\t'))
            || (t.starts_with(['-', '—', '–', '第']) && FOOTER.is_match(t))
        {
            continue;
        }
        if has(b'|') {
            if t.starts_with('|') && t.contains('-') && MD_SEP.is_match(t) {
                continue;
            }
            cells.clear();
            let mut off = 0;
            for c in split_at_byte(line, b'|') {
                cells.push((ls + off, c));
                off += c.len() + 1;
            }
            let markdown = t.starts_with('|') && cells.iter().any(|(_, c)| !trim(c).is_empty());
            if markdown && cells.first().is_some_and(|(_, c)| trim(c).is_empty()) {
                cells.remove(0);
            }
            // "label |", "3 |", "|" (one empty cell), "||" (two): the text after the last pipe is not a cell.
            if (markdown || t.ends_with('|'))
                && cells.last().is_some_and(|(_, c)| trim(c).is_empty())
            {
                cells.pop();
            }
            for &(o, c) in &cells {
                cell_token(c, o, &mut toks);
            }
        } else if has(b'\t') {
            let mut off = 0;
            for c in split_at_byte(line, b'\t') {
                // The continuation of a merged cell is not a (blank) cell of its own.
                if !(trim(c).is_empty() && merged(ls + off)) {
                    cell_token(c, ls + off, &mut toks);
                }
                off += c.len() + 1;
            }
        } else {
            free_tokens(line, ls, &mut toks);
        }
    }
    toks.truncate(MAX_TOKENS);
    toks
}

/// `s.trim()`: ASCII whitespace cut by bytes, [`str::trim`] only when an end may be
/// other whitespace (whose first byte is C2, E1, E2 or E3: U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000).
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let ws = |x: u8| matches!(x, b' ' | b'\t'..=b'\r');
    let wide = |x: u8| matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let (mut a, mut e) = (0, b.len());
    while a < e && ws(b[a]) {
        a += 1;
    }
    while e > a && ws(b[e - 1]) {
        e -= 1;
    }
    if a < e {
        let mut last = e - 1;
        while last > a && b[last] & 0xC0 == 0x80 {
            last -= 1;
        }
        if wide(b[a]) || wide(b[last]) {
            return s.trim();
        }
    }
    &s[a..e]
}

/// `s.split(sep)` for an ASCII separator: one byte search per piece.
fn split_at_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(sep, r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn cell_token<'t>(c: &'t str, at: usize, toks: &mut Vec<Tok<'t>>) {
    let t = trim(c);
    let lead = t.as_ptr() as usize - c.as_ptr() as usize;
    let (s, e) = (at + lead, at + lead + t.len());
    if is_blank_marker(t) {
        toks.push(Tok::Blank {
            marker: t,
            start: s,
            end: e,
        });
    } else if let Some((number, unit)) = cell_number(t) {
        let parsed = if number.contains(',') {
            Dec::parse(&number.replace(',', ""))
        } else {
            Dec::parse(number)
        };
        match parsed {
            Some(v) => toks.push(Tok::Cell {
                v,
                unit,
                start: s,
                end: e,
            }),
            None => toks.push(Tok::Text {
                s: t,
                start: s,
                end: e,
            }),
        }
    } else {
        free_tokens(c, at, toks);
    }
}

/// Free text: whitespace-separated segments, each split into text and digit runs.
/// A digit followed by `.`/`、` and a non-digit is a label prefix (`1.属于国家秘密`), not a value.
fn free_tokens<'t>(line: &'t str, at: usize, toks: &mut Vec<Tok<'t>>) {
    // Most cells are labels without digits: whitespace-separated text only.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        let b = line.as_bytes();
        let mut f = 0;
        loop {
            let (i, w) = next_whitespace(b, f).unwrap_or((b.len(), 0));
            if i > f {
                toks.push(Tok::Text {
                    s: &line[f..i],
                    start: at + f,
                    end: at + i,
                });
            }
            if w == 0 {
                return;
            }
            f = i + w;
        }
    }
    // Byte offsets throughout: the digits, signs and points looked at are ASCII, and
    // other characters are stepped over whole.
    let b = line.as_bytes();
    let trimmed = line.trim();
    let char_at = |i: usize| line.get(i..).and_then(|r| r.chars().next());
    let mut i = 0;
    let mut text_start: Option<usize> = None;
    let mut plus = false;
    let flush_text = |from: Option<usize>, to: usize, toks: &mut Vec<Tok<'t>>| {
        if let Some(f) = from {
            let s = &line[f..to];
            if !s.trim().is_empty() {
                toks.push(Tok::Text {
                    s,
                    start: at + f,
                    end: at + to,
                });
            }
        }
    };
    while i < b.len() {
        // Characters that are neither whitespace, digits nor `-` are text: skipped as a
        // block (the lead bytes whitespace can start with, as in `next_whitespace`).
        let plain = b[i..]
            .iter()
            .position(|&x| {
                x.is_ascii_digit()
                    || x == b'-'
                    || x == b'+'
                    || x <= b' '
                    || matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3)
            })
            .unwrap_or(b.len() - i);
        if plain > 0 {
            if text_start.is_none() {
                text_start = Some(i);
            }
            i += plain;
            continue;
        }
        let Some(c) = char_at(i) else {
            break;
        };
        if c.is_whitespace() {
            flush_text(text_start.take(), i, toks);
            i += c.len_utf8();
            continue;
        }
        // An explicit plus sign before a cell's number (本年增/减 “+3”) is just the number.
        if c == '+' && b.get(i + 1).is_some_and(u8::is_ascii_digit) && text_start.is_none() {
            plus = true;
            i += 1;
            continue;
        }
        let signed = std::mem::take(&mut plus);
        let neg = c == '-' && b.get(i + 1).is_some_and(u8::is_ascii_digit) && text_start.is_none();
        if c.is_ascii_digit() || neg {
            let mut j = i + 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            // Decimal part.
            if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            let next = char_at(j);
            let after = next.and_then(|n| char_at(j + n.len_utf8()));
            let is_prefix = matches!(next, Some('.' | '、'))
                && after.is_some_and(|a| !a.is_ascii_digit() && !a.is_whitespace());
            // "计1条", "第1项", "2018年": a number inside words, not a cell value.
            let in_words = next.is_some_and(|n| {
                matches!(
                    n,
                    '件' | '条'
                        | '个'
                        | '人'
                        | '次'
                        | '项'
                        | '元'
                        | '页'
                        | '篇'
                        | '年'
                        | '月'
                        | '日'
                        | '号'
                        | '类'
                        | '部'
                        | '期'
                        | '批'
                        | '名'
                        | '家'
                )
            }) || line[..i].ends_with('第');
            if in_words && !is_prefix {
                if text_start.is_none() {
                    text_start = Some(i);
                }
                i = j;
                continue;
            }
            if is_prefix {
                // The last digit starts a label; digits before it are a value glued to it.
                let last = j - 1;
                if last > i {
                    let glued = text_start.is_some();
                    flush_text(text_start.take(), i, toks);
                    toks.push(Tok::Run {
                        digits: &line[i..last],
                        start: at + i,
                        end: at + last,
                        glued,
                        lone: false,
                    });
                }
                if text_start.is_none() {
                    text_start = Some(last);
                }
                i = j;
                continue;
            }
            let glued = text_start.is_some() && next.is_some_and(|c| !c.is_whitespace());
            flush_text(text_start.take(), i, toks);
            toks.push(Tok::Run {
                digits: &line[i..j],
                start: at + i,
                end: at + j,
                glued,
                lone: trimmed == &line[i - usize::from(signed)..j],
            });
            i = j;
            continue;
        }
        if text_start.is_none() {
            text_start = Some(i);
        }
        i += c.len_utf8();
    }
    flush_text(text_start, line.len(), toks);
}

/// Valid single value: no leading zero unless it is `0`; decimals allowed.
fn valid_number(s: &str) -> bool {
    let int = s.trim_start_matches('-').split('.').next().unwrap_or("");
    !int.is_empty() && (int == "0" || !int.starts_with('0'))
}

/// The most digits one cell's number is read with when it stands alone on its line (a count
/// or an amount under a billion); a longer run alone is a row's cells run together.
const MAX_CELL_DIGITS: usize = 9;

/// Ways to cut `digits` into `k` valid numbers: counts up to 2, and the first way.
fn splits(runs: &[(&str, bool)], n: usize) -> (usize, Vec<String>) {
    fn go(
        runs: &[(&str, bool)],
        n: usize,
        acc: &mut Vec<String>,
        found: &mut usize,
        first: &mut Vec<String>,
    ) {
        if *found >= 2 {
            return;
        }
        let Some((head, rest)) = runs.split_first() else {
            if n == 0 {
                *found += 1;
                if first.is_empty() {
                    *first = acc.clone();
                }
            }
            return;
        };
        let (head, fixed) = *head;
        if fixed || head.contains('.') || head.starts_with('-') {
            if (fixed || valid_number(head)) && n > 0 {
                acc.push(head.to_string());
                go(rest, n - 1, acc, found, first);
                acc.pop();
            }
            return;
        }
        cut(head, rest, n, acc, found, first);
    }
    fn cut(
        s: &str,
        rest: &[(&str, bool)],
        n: usize,
        acc: &mut Vec<String>,
        found: &mut usize,
        first: &mut Vec<String>,
    ) {
        if *found >= 2 {
            return;
        }
        if s.is_empty() {
            go(rest, n, acc, found, first);
            return;
        }
        if n == 0 {
            return;
        }
        for l in 1..=s.len() {
            let piece = &s[..l];
            if !valid_number(piece) {
                break;
            }
            acc.push(piece.to_string());
            cut(&s[l..], rest, n - 1, acc, found, first);
            acc.pop();
        }
    }
    let mut found = 0;
    let mut first = Vec::new();
    go(runs, n, &mut Vec::new(), &mut found, &mut first);
    (found, first)
}

fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_compact(&mut out, s);
    out
}

/// Append `s` without its whitespace.
fn push_compact(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut run = 0;
    let mut from = 0;
    while let Some((i, w)) = next_whitespace(b, from) {
        out.push_str(&s[run..i]);
        from = i + w;
        run = from;
    }
    out.push_str(&s[run..]);
}

/// The next whitespace character at or after `from`: (offset, byte length). Skips
/// quickly over bytes that cannot start one.
fn next_whitespace(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    loop {
        i += b
            .get(i..)?
            .iter()
            .position(|&x| x <= b' ' || matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3))?;
        match whitespace_len(b, i) {
            0 => i += 1,
            w => return Some((i, w)),
        }
    }
}

/// Byte length of the whitespace character (`char::is_whitespace`) starting at `i`, or 0.
/// Only these lead bytes can start one: ASCII, C2 (U+0085, U+00A0), E1 (U+1680),
/// E2 (U+2000–U+200A, U+2028, U+2029, U+202F, U+205F), E3 (U+3000).
fn whitespace_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 => usize::from(matches!(b.get(i + 1), Some(0x85 | 0xA0))) * 2,
        0xE1 => usize::from(b.get(i + 1..i + 3) == Some(&[0x9A, 0x80])) * 3,
        0xE2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        0xE3 => usize::from(b.get(i + 1..i + 3) == Some(&[0x80, 0x80])) * 3,
        _ => 0,
    }
}

/// [`compact`] without a copy when there is nothing to remove.
fn compact_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if next_whitespace(s.as_bytes(), 0).is_some() {
        std::borrow::Cow::Owned(compact(s))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Regex lookups are passed in: templates hold pattern strings, compiled by the rule set.
pub trait Patterns {
    fn get(&self, pattern: &str) -> Option<&Regex>;
    /// What `pattern` needs to match ([`Needs::of`]); a rule set keeps it once read.
    fn needs(&self, pattern: &str) -> std::sync::Arc<Needs> {
        std::sync::Arc::new(Needs::of(pattern))
    }
}

pub use literals::Needs;

/// A pattern that is a plain word: no regex syntax, no whitespace. It matches exactly
/// where the word occurs.
fn plain_word(pattern: &str) -> bool {
    let b = pattern.as_bytes();
    !b.is_empty()
        && (0..b.len()).all(|i| {
            whitespace_len(b, i) == 0
                && !matches!(
                    b[i],
                    b'\\'
                        | b'.'
                        | b'+'
                        | b'*'
                        | b'?'
                        | b'('
                        | b')'
                        | b'|'
                        | b'['
                        | b']'
                        | b'{'
                        | b'}'
                        | b'^'
                        | b'$'
                        | b'#'
                        | b'&'
                        | b'-'
                        | b'~'
                )
        })
}

/// A template pattern, resolved once per recovery. Most are plain words (`本年新收`):
/// those are searched as substrings, which is what the regex would match, without its
/// per-call overhead (the label search calls it once per token).
#[derive(Clone, Copy)]
enum Pat<'r> {
    Lit(&'r str),
    Re(&'r Regex),
}

impl<'r> Pat<'r> {
    fn new(pattern: &'r str, re: &'r dyn Patterns) -> Option<Self> {
        if plain_word(pattern) {
            // Still require the compiled pattern: a pattern that does not compile matches nothing.
            re.get(pattern).map(|_| Pat::Lit(pattern))
        } else {
            re.get(pattern).map(Pat::Re)
        }
    }
    fn is_match(self, s: &str) -> bool {
        match self {
            // (memmem: `str::find` sets up a two-way searcher on every call, which costs
            // more than the search itself on a short token.)
            Pat::Lit(p) => memchr::memmem::find(s.as_bytes(), p.as_bytes()).is_some(),
            Pat::Re(r) => r.is_match(s),
        }
    }
    /// End of the leftmost match at or after `from`.
    fn find_end_at(self, s: &str, from: usize) -> Option<usize> {
        match self {
            Pat::Lit(p) => memchr::memmem::find(&s.as_bytes()[from..], p.as_bytes())
                .map(|i| from + i + p.len()),
            Pat::Re(r) => r.find_at(s, from).map(|m| m.end()),
        }
    }
}

/// A template pattern resolved once per template ([`Plan`]): its compiled regex (a
/// clone of the rule set's), whether it is a plain word, what it needs to match, and
/// whether it is an alternation of plain words (`审结|未审`).
struct Planned {
    re: Regex,
    /// The pattern as written, when it is a plain word.
    lit: Option<String>,
    needs: std::sync::Arc<Needs>,
    words: bool,
}

impl Planned {
    fn new(pattern: &str, re: &dyn Patterns) -> Option<Planned> {
        // A pattern that does not compile matches nothing (a plain word included).
        let r = re.get(pattern)?;
        let words = r.as_str().contains('|') && r.as_str().split('|').all(plain_word);
        Some(Planned {
            re: r.clone(),
            lit: plain_word(pattern).then(|| pattern.to_string()),
            needs: re.needs(r.as_str()),
            words,
        })
    }
    fn pat(&self) -> Pat<'_> {
        match &self.lit {
            Some(w) => Pat::Lit(w),
            None => Pat::Re(&self.re),
        }
    }
    /// What the pattern needs, for a regex (a plain word needs itself).
    fn needs(&self) -> Option<&Needs> {
        self.lit.is_none().then_some(&*self.needs)
    }
}

/// A template's patterns resolved once (kept in the template, [`TableTemplate::made`]):
/// each recovery used to look every row pattern up in the rule set and test it for
/// regex syntax again. Each is resolved when a recovery first needs it, as before (a
/// pattern the rule set has not compiled yet is compiled then, not earlier).
struct Plan {
    /// The presence patterns, in template order, each resolved when first needed: a
    /// region that lacks all of its needed words cannot hold it, and it is not compiled
    /// for that region.
    presence: Vec<Slot>,
    absence: Vec<Slot>,
    rows: std::sync::OnceLock<Vec<Option<Planned>>>,
    columns: Vec<Slot>,
    /// Its column headers' words ([`align::Fragments`]).
    frag: align::Fragments,
    /// Each row's column indices ([`row_columns`]).
    row_cols: Vec<Vec<usize>>,
}

/// One pattern, resolved on first use; what it needs, read once before that.
#[derive(Default)]
struct Slot {
    planned: std::sync::OnceLock<Option<Planned>>,
    needs: std::sync::OnceLock<std::sync::Arc<Needs>>,
}

impl Slot {
    fn get(&self, pattern: &str, re: &dyn Patterns) -> Option<&Planned> {
        self.planned
            .get_or_init(|| Planned::new(pattern, re))
            .as_ref()
    }

    /// Does the pattern match in the region `raw` (`in_region`)? Until it is resolved,
    /// a region none of whose needed words it holds (across whitespace) cannot hold it —
    /// what `in_region` answers — and it is not compiled for that region. Once resolved,
    /// `in_region` answers alone: it looks for the words itself first.
    fn in_region(
        &self,
        pattern: &str,
        re: &dyn Patterns,
        raw: &str,
        in_region: impl Fn(&Planned) -> bool,
    ) -> bool {
        if let Some(planned) = self.planned.get() {
            return planned.as_ref().is_some_and(in_region);
        }
        let needs = self.needs.get_or_init(|| re.needs(pattern));
        let lacks_words = needs
            .literals
            .as_ref()
            .is_some_and(|l| !l.iter().any(|w| literals::spaced_contains(raw, w)));
        !lacks_words && self.get(pattern, re).is_some_and(in_region)
    }
}

impl Plan {
    fn new(tpl: &TableTemplate) -> Plan {
        let slots = |n: usize| (0..n).map(|_| Slot::default()).collect();
        Plan {
            presence: slots(tpl.presence.len()),
            absence: slots(tpl.absence.len()),
            rows: std::sync::OnceLock::new(),
            columns: slots(tpl.columns.len()),
            frag: align::Fragments::new(tpl),
            row_cols: (0..tpl.rows.len())
                .map(|ri| row_columns_of(tpl, ri))
                .collect(),
        }
    }

    fn rows(&self, tpl: &TableTemplate, re: &dyn Patterns) -> &[Option<Planned>] {
        self.rows.get_or_init(|| {
            tpl.rows
                .iter()
                .map(|r| Planned::new(&r.pattern, re))
                .collect()
        })
    }

    /// The plan of `tpl`, made on first use.
    fn of(tpl: &TableTemplate) -> &Plan {
        let made = tpl
            .made
            .plan
            .get_or_init(|| std::sync::Arc::new(Plan::new(tpl)));
        match made.downcast_ref::<Plan>() {
            Some(p) => p,
            // Only this module fills the slot, with a `Plan`.
            None => unreachable!("a template's plan slot holds a Plan"),
        }
    }
}

/// Regions of a text without their whitespace, made once per region: the templates of
/// a profile mostly look for their headers in the same part or the whole report.
#[derive(Default)]
pub struct Compacted {
    made: std::cell::RefCell<Vec<(Span, std::rc::Rc<str>)>>,
}

/// A normalized byte range.
type Span = (usize, usize);

impl Compacted {
    fn get(&self, text: &str, start: usize, end: usize) -> std::rc::Rc<str> {
        if let Some((_, r)) = self.made.borrow().iter().find(|(k, _)| *k == (start, end)) {
            return r.clone();
        }
        let r: std::rc::Rc<str> = compact(&text[start..end]).into();
        self.made.borrow_mut().push(((start, end), r.clone()));
        r
    }
}

/// Recover one template from a normalized range.
#[allow(clippy::too_many_arguments)]
pub fn recover<'a>(
    text: &str,
    start: usize,
    end: usize,
    tpl: &'a TableTemplate,
    profile: &str,
    re: &dyn Patterns,
    merged: &dyn Fn(usize) -> bool,
    compacted: &Compacted,
) -> RecoveredTable<'a> {
    let out = RecoveredTable::new(tpl, profile, start, end);
    let raw = &text[start..end];
    // Does a pattern match the region without its whitespace (labels wrap)? A plain word
    // is looked for across whitespace in the raw text; a regex only runs over the compact
    // copy (made once per region) when one of the literals it needs is found that way.
    let region = std::cell::OnceCell::new();
    let plan = Plan::of(tpl);
    let in_region = |p: &Planned| match p.pat() {
        Pat::Lit(w) => literals::spaced_contains(raw, w),
        // `审结|未审`: one of its words in the raw text is a match.
        Pat::Re(r) if p.words && r.as_str().split('|').any(|w| raw.contains(w)) => true,
        Pat::Re(r) => {
            let needs = &p.needs;
            if !needs
                .literals
                .as_ref()
                .is_none_or(|l| l.iter().any(|w| literals::spaced_contains(raw, w)))
            {
                return false;
            }
            // Without look-around, a match in the raw text that holds no whitespace is
            // one in the compact copy too.
            if needs.lookless
                && r.find(raw)
                    .is_some_and(|m| next_whitespace(m.as_str().as_bytes(), 0).is_none())
            {
                return true;
            }
            r.is_match(region.get_or_init(|| compacted.get(text, start, end)))
        }
    };
    let present = |(p, slot): (&String, &Slot)| slot.in_region(p, re, raw, in_region);
    let patterns = || tpl.presence.iter().zip(&plan.presence);
    // Plain words first: they are the cheapest.
    if !patterns().filter(|(p, _)| plain_word(p)).any(present)
        && !patterns().filter(|(p, _)| !plain_word(p)).any(present)
    {
        return out;
    }
    // Another form's header: this template does not apply.
    if tpl
        .absence
        .iter()
        .zip(&plan.absence)
        .any(|(p, slot)| slot.in_region(p, re, raw, in_region))
    {
        return out;
    }
    // The table is there: every presence pattern that compiles, in template order.
    let presence: Vec<&Planned> = patterns().filter_map(|(p, slot)| slot.get(p, re)).collect();
    let presence = presence.as_slice();
    let out = out.sized();
    // 1. Row labels, in template order, from where the table starts (prose before it is not searched).
    let first_of = |toks: &[Tok], index: &text_index::TextIndex| {
        if index.compact() {
            // Every text token is its own compact form: the first token any presence
            // pattern matches, searched pattern by pattern over all tokens at once.
            presence
                .iter()
                .filter_map(|p| index.find(p.pat(), p.needs(), 0, 0))
                .map(|(t, _)| t)
                .min()
        } else {
            toks.iter().position(|t| match t {
                Tok::Text { s, .. } => {
                    let c = compact_cow(s);
                    presence.iter().any(|p| p.pat().is_match(&c))
                }
                _ => false,
            })
        }
    };
    // Lines before the first line where a presence pattern can match are read only when
    // something needs them (see `table_start`).
    let mut toks = Vec::new();
    let mut index = text_index::TextIndex::new(&toks);
    let mut first = None;
    if let Some(cut) = table_start(raw, presence, tpl) {
        toks = tokenize(text, start + cut, end, merged);
        index = text_index::TextIndex::new(&toks);
        first = first_of(&toks, &index);
    }
    if first.is_none() {
        toks = tokenize(text, start, end, merged);
        index = text_index::TextIndex::new(&toks);
        first = first_of(&toks, &index);
    }
    let first = first.unwrap_or(0);
    let planned_rows = plan.rows(tpl, re);
    let rows: Vec<Option<Pat>> = planned_rows
        .iter()
        .map(|p| p.as_ref().map(Planned::pat))
        .collect();
    let row_needs: Vec<Option<&Needs>> = planned_rows
        .iter()
        .map(|p| p.as_ref().and_then(Planned::needs))
        .collect();
    let mut hits: Vec<(usize, usize)> = Vec::new(); // (row idx, token idx)
    let mut pos = (first, 0usize);
    for (ri, rx) in rows.iter().enumerate() {
        let Some(rx) = *rx else {
            continue;
        };
        let mut from = 0;
        if let Some(Tok::Text { s, .. }) = toks.get(pos.0) {
            from = pos.1.min(s.len());
            while !s.is_char_boundary(from) {
                from += 1;
            }
        }
        let found = index.find(rx, row_needs[ri], pos.0, from);
        if let Some((ti, me)) = found {
            hits.push((ri, ti));
            let me = match toks.get(ti) {
                Some(Tok::Text { s, .. }) => me + note_after(&s[me..]),
                _ => me,
            };
            pos = (ti, me);
        }
    }
    let frag = &plan.frag;
    // The region is followed by more text (the next part's heading): a row at its end is
    // closed, not cut off by the end of an excerpt.
    let closed_end = !text[end..].trim().is_empty();
    let mut out = bind(out, &toks, &hits, first, frag, index.compact(), closed_end);
    // 2. When labels and values did not line up (labels gathered away from their values,
    // rows out of order), choose among all placements of the labels the one where most
    // labels are followed by a row of values — by labels and counts, never by the sums.
    if out.doubtful() {
        let alt_hits = align::placements(&toks, first, &rows, tpl, frag);
        if alt_hits != hits {
            let alt = bind(
                RecoveredTable::new(tpl, profile, start, end).sized(),
                &toks,
                &alt_hits,
                first,
                frag,
                index.compact(),
                closed_end,
            );
            if alt.certain_rows() > out.certain_rows() {
                out = alt;
                hits = alt_hits;
            }
        }
    }
    // 2b. A row whose values the rendering printed in blocks under its column groups
    // (plain pdftotext of 表四): placed by group headers, header words and printed order.
    if tpl.columns.iter().any(|c| c.group.is_some()) {
        for (h, &(ri, ti)) in hits.iter().enumerate() {
            let next = hits.get(h + 1).map_or(toks.len(), |x| x.1);
            let Some(row) = out.rows.iter().position(|r| r.index == ri && !r.complete) else {
                continue;
            };
            if out.rows[row].extra_values == 0
                && column_groups::regroup(&mut out, &toks, ri, ti + 1, next, re)
            {
                let r = &mut out.rows[row];
                r.complete = true;
                r.problem = None;
                r.short = None;
            }
        }
    }
    // 3. Subtotal rows: numbers written on a group label before its first member.
    let mut seen_groups: Vec<String> = Vec::new();
    for (h, &(ri, ti)) in hits.iter().enumerate() {
        let Some(g) = &tpl.rows[ri].group else {
            continue;
        };
        if seen_groups.contains(g) {
            continue;
        }
        seen_groups.push(g.clone());
        let Some(gx) = re.get(g) else { continue };
        let from = if h == 0 { 0 } else { hits[h - 1].1 };
        let n = tpl.columns.len();
        for k in from..ti {
            if let Tok::Text { s, start, end } = &toks[k] {
                if gx.is_match(&compact_cow(s)) {
                    let vals: Vec<&Tok> = toks[k + 1..ti]
                        .iter()
                        .filter(|t| !matches!(t, Tok::Text { .. }))
                        .collect();
                    // The previous row's own values come first when the group label is on its line.
                    if vals.len() >= n
                        && toks[k + 1..ti]
                            .iter()
                            .take_while(|t| !matches!(t, Tok::Text { .. }))
                            .count()
                            >= n
                    {
                        if let Ok(values) = read_values(&vals[..n], n) {
                            let members = tpl
                                .rows
                                .iter()
                                .filter(|r| r.group.as_deref() == Some(g.as_str()))
                                .map(|r| r.key.clone())
                                .collect();
                            out.subtotals.push(Subtotal {
                                group: compact(s),
                                start: *start,
                                end: *end,
                                members,
                                values,
                            });
                        }
                    }
                    break;
                }
            }
        }
    }
    short_rows(&mut out, &toks[first.min(toks.len())..]);
    out.valueless = out.rows.len() >= 3
        && !text[end..].trim().is_empty()
        && toks[first.min(toks.len())..]
            .iter()
            .all(|t| matches!(t, Tok::Text { s, .. } if !is_blank_marker(trim(s))));
    if !out.valueless && out.rows.len() >= 4 && !text[end..].trim().is_empty() {
        // Counted generously: anything that may be a cell's value is one.
        let values = toks[first.min(toks.len())..]
            .iter()
            .filter(|t| match t {
                Tok::Text { s, .. } => {
                    let s = trim(s);
                    is_blank_marker(s) || s.starts_with(|c: char| c.is_ascii_digit())
                }
                _ => true,
            })
            .count();
        if values * 2 < out.rows.len() {
            out.sparse = Some((values, out.rows.len()));
        }
    }
    // A row whose label is in the table, only away from any values, is not missing: its
    // cells are unread (not assessable), which is what the row findings say.
    out.missing_rows.retain(|k| {
        let Some(i) = tpl.rows.iter().position(|r| &r.key == k) else {
            return true;
        };
        rows[i].is_none_or(|rx| index.find(rx, row_needs[i], first, 0).is_none())
    });
    let found = out.rows.len();
    let required = tpl.rows.iter().filter(|r| !r.optional).count().max(1);
    // Columns whose header is not in the table's region (one the region never reaches, or
    // a table cut before them).
    let headerless: Vec<&super::template::ColumnDef> = tpl
        .columns
        .iter()
        .zip(&plan.columns)
        .filter(|(c, slot)| slot.get(&c.pattern, re).is_some_and(|p| !in_region(p)))
        .map(|(c, _)| c)
        .collect();
    out.status = if found * 2 < required {
        Status::Unbound(format!("只识别出 {found} 行（模板 {} 行）", tpl.rows.len()))
    } else if let Some(c) = headerless.first() {
        Status::Unbound(format!("找不到列标题「{}」", c.label))
    } else {
        Status::Recovered
    };
    if out.status != Status::Recovered {
        if (found * 2 < required || !headerless.is_empty()) && text[end..].trim().is_empty() {
            // The text ends inside the table (an excerpt): keep the leading rows read whole.
            let whole = |i: usize| {
                out.rows.iter().any(|h| {
                    h.index == i
                        && h.complete
                        && !h.by_position
                        && h.short.is_none()
                        && h.extra_values == 0
                })
            };
            // A kept row's every column has its header in the region: the text was cut
            // after them, before the headers of later rows only.
            let headed = |i: usize| {
                tpl.rows[i]
                    .columns
                    .as_ref()
                    .map_or(headerless.is_empty(), |cols| {
                        cols.iter().all(|c| headerless.iter().all(|h| &h.key != c))
                    })
            };
            let kept = (0..tpl.rows.len())
                .take_while(|i| whole(*i) && headed(*i))
                .count();
            let nc = tpl.columns.len();
            // A row that is the last line of the text may be cut in its middle (its last
            // cells would read as blank): it is not kept.
            let line_after = |r: usize| {
                let end_of_row = out.grid[r * nc..(r + 1) * nc]
                    .iter()
                    .flatten()
                    .map(|c| c.end)
                    .max()
                    .unwrap_or(end);
                text[end_of_row..]
                    .split_once('\n')
                    .is_some_and(|(_, rest)| !rest.trim().is_empty())
            };
            // A later row found on the text's last line, where the text breaks off, is a
            // label cut in its middle with no values read: it does not make the leading
            // rows uncertain.
            let on_last_line = |h: &RowHit| !text[h.end..].trim().contains('\n');
            let all_leading = out
                .rows
                .iter()
                .all(|h| h.index < kept || (!h.complete && on_last_line(h)));
            let kept = if kept > 0 && !line_after(kept - 1) {
                kept - 1
            } else {
                kept
            };
            if kept > 0 && all_leading {
                out.cut_rows = kept;
                out.cut_cells = out.grid[..kept * nc].to_vec();
            }
        }
        out.grid.iter_mut().for_each(|c| *c = None);
    }
    out
}

/// The bytes a row label's note takes right after the label's match (`事项(指行政许可以外
/// ……含行政确认、行政处罚、行政强制……)` after `其他对外管理服务`): a parenthesis opened
/// within the next few characters, up to its closing one (or the token's end when it
/// is not closed). Later rows' labels are not searched inside it: the template's notes
/// name other rows (`行政处罚`, `行政强制`). 0 when no note follows.
fn note_after(rest: &str) -> usize {
    let Some((open, _)) = rest
        .char_indices()
        .take(5)
        .find(|&(_, c)| c == '(' || c == '（')
    else {
        return 0;
    };
    let mut depth = 0usize;
    for (i, ch) in rest[open..].char_indices() {
        match ch {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + ch.len_utf8();
                }
            }
            _ => {}
        }
    }
    rest.len()
}

/// Where in a region (a line start) the tokens that matter begin, when the lines before
/// can be left unread without changing anything:
///
/// - every presence pattern needs literals, and no token on a line before the first
///   line holding one (whitespace allowed, as in the compact copy) can match: the first
///   matching token, where rows are searched from, is not there;
/// - no row of the template has a group label (a subtotal before the first row is
///   looked for from the region's first token);
/// - the region is too short to reach [`MAX_TOKENS`] (a line gives at most one token
///   per byte, and one more), so the cut-off point of the tokens does not move.
///
/// When no token matches a presence pattern (rows are then searched from the region's
/// first token), the caller reads the whole region.
fn table_start(raw: &str, presence: &[&Planned], tpl: &TableTemplate) -> Option<usize> {
    #[cfg(test)]
    if WHOLE_REGION.with(std::cell::Cell::get) {
        return None;
    }
    if raw.len() >= MAX_TOKENS / 2 || tpl.rows.iter().any(|r| r.group.is_some()) {
        return None;
    }
    let mut at: Option<usize> = None;
    for p in presence {
        let found = match p.pat() {
            Pat::Lit(w) => literals::spaced_find(raw, w),
            Pat::Re(_) => {
                let n = p.needs()?;
                n.literals
                    .as_ref()?
                    .iter()
                    .filter_map(|w| literals::spaced_find(raw, w))
                    .min()
            }
        };
        at = match (at, found) {
            (Some(a), Some(f)) => Some(a.min(f)),
            (a, f) => a.or(f),
        };
    }
    Some(raw[..at?].rfind('\n').map_or(0, |i| i + 1))
}

#[cfg(test)]
thread_local! {
    /// Tests: read every region whole (no [`table_start`]), to compare with.
    static WHOLE_REGION: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Tests: read every region of this thread whole (no [`table_start`]), or not.
#[cfg(test)]
pub fn read_regions_whole(on: bool) {
    WHOLE_REGION.with(|w| w.set(on));
}

/// Column indices of template row `ri`'s cells, in the row's order: from the
/// template's plan once it is made (every recovery makes it first).
fn row_columns(tpl: &TableTemplate, ri: usize) -> std::borrow::Cow<'_, [usize]> {
    let planned = tpl.made.plan.get().and_then(|p| p.downcast_ref::<Plan>());
    match planned.and_then(|p| p.row_cols.get(ri)) {
        Some(c) => std::borrow::Cow::Borrowed(c),
        None => std::borrow::Cow::Owned(row_columns_of(tpl, ri)),
    }
}

/// See [`row_columns`].
fn row_columns_of(tpl: &TableTemplate, ri: usize) -> Vec<usize> {
    match &tpl.rows[ri].columns {
        Some(c) => c
            .iter()
            .filter_map(|k| tpl.columns.iter().position(|x| &x.key == k))
            .collect(),
        None => (0..tpl.columns.len()).collect(),
    }
}

/// Bind the values after each label hit to its row; values a row has too many of, or
/// values with no label, go to the rows between two hits only when they fill them exactly.
fn bind<'a>(
    mut out: RecoveredTable<'a>,
    toks: &[Tok],
    hits: &[(usize, usize)],
    first: usize,
    frag: &align::Fragments,
    compact: bool,
    closed_end: bool,
) -> RecoveredTable<'a> {
    // `compact`: no text token holds whitespace, so a label is its tokens' texts.
    let push_label = |label: &mut String, s: &str| {
        if compact {
            label.push_str(s);
        } else {
            push_compact(label, s);
        }
    };
    let tpl = out.tpl;
    let nc = tpl.columns.len();
    let mut hit_rows = vec![false; tpl.rows.len()];
    for &(ri, _) in hits {
        hit_rows[ri] = true;
    }
    // Values before the first label: rows before the first hit, when they fit exactly.
    if let Some(&(r0, t0)) = hits.first() {
        let pool: Vec<&Tok> = toks[first.min(t0)..t0]
            .iter()
            .filter(|t| !matches!(t, Tok::Text { .. }))
            .collect();
        align::fill_gap(&mut out, &pool, 0, r0, &hit_rows);
    }
    for (h, &(ri, ti)) in hits.iter().enumerate() {
        let row = &tpl.rows[ri];
        out.found[ri] = true;
        let cols = row_columns(tpl, ri);
        let n = cols.len();
        let next = hits.get(h + 1).map_or(toks.len(), |x| x.1);
        let next_row = hits.get(h + 1).map_or(tpl.rows.len(), |x| x.0);
        // The label: text tokens from the label token until the first value.
        let mut label = String::with_capacity(64);
        let (ls, mut le) = (toks[ti].start(), toks[ti].start());
        let mut vals: Vec<&Tok> = Vec::with_capacity(n);
        let mut later: Vec<&Tok> = Vec::new();
        if let Tok::Text { s, end, .. } = &toks[ti] {
            push_label(&mut label, s);
            le = *end;
        }
        // The label is every piece of text up to the next row (a wrapped label may continue after the values).
        // Only the first run of values with no words in between belongs to the row; column-header
        // fragments and page numbers between its values do not end it.
        let mut closed = false;
        for t in toks.iter().take(next.min(toks.len())).skip(ti + 1) {
            match t {
                Tok::Text { s, .. } if !vals.is_empty() && !closed && frag.is_fragment(s) => {}
                Tok::Text { s, end, .. } => {
                    push_label(&mut label, s);
                    if vals.is_empty() {
                        le = *end;
                    } else {
                        closed = true;
                    }
                }
                _ if !closed => vals.push(t),
                _ => later.push(t),
            }
        }
        // Values beyond the row's columns, and values after its run: the rows between this
        // label and the next one, when they fill those rows exactly.
        let mut pool: Vec<&Tok> = vals.iter().skip(n).copied().collect();
        // (Digits inside words after the run, as in a header's “保留4位小数”, are no value.)
        let nothing_later = later
            .iter()
            .all(|t| matches!(t, Tok::Run { glued: true, .. }));
        pool.extend(later);
        let filled =
            vals.len() >= n && align::fill_gap(&mut out, &pool, ri + 1, next_row, &hit_rows);
        // Numbers beyond the template's columns (blank cells after the last value are the
        // next row's empty label cells, not extra columns).
        let mut extra_values = if filled {
            0
        } else {
            vals.iter()
                .skip(n)
                .filter(|t| !matches!(t, Tok::Blank { .. }))
                .count()
        };
        // Whole rows' worth of values after one label: other rows' values that the layout
        // put here (their labels are elsewhere), not a wrong column count of this row.
        let mut problem = None;
        if extra_values > 0 && n > 1 && extra_values.is_multiple_of(n) {
            problem = Some(format!(
                "标签后有 {} 个数值（{} 行的数量），无法确定哪些属于本行",
                n + extra_values,
                1 + extra_values / n
            ));
            extra_values = 0;
        }
        // Fewer numbers than columns, each alone on its line, with nothing left over
        // after them; a row without numbers must be its label alone, followed at once by
        // the next row's label (or by the end of the region, then closed by a heading).
        let lone = |t: &&Tok| {
            matches!(
                t,
                Tok::Run {
                    lone: true,
                    glued: false,
                    ..
                }
            )
        };
        // A number written with a unit (“70487元”) is read as words: a value all the same.
        // (Asked last: only a row already short reads its words again.)
        let numbered_words = || {
            toks.iter()
                .take(next.min(toks.len()))
                .skip(ti + 1)
                .any(|t| matches!(t, Tok::Text { s, .. } if trim(s).starts_with(|c: char| c.is_ascii_digit())))
        };
        let open_end = !closed && next >= toks.len();
        let short = (vals.len() < n
            && nothing_later
            && vals.iter().all(lone)
            && (!vals.is_empty() || next == ti + 1)
            && (!open_end || closed_end)
            && !numbered_words())
        .then_some(vals.len());
        let mut hit = RowHit {
            key: row.key.clone(),
            index: ri,
            label,
            start: ls,
            end: le,
            complete: false,
            problem,
            extra_values,
            by_position: false,
            short,
        };
        // A row with more values than columns is not bound: which value is extra is a guess.
        if extra_values == 0 && hit.problem.is_none() {
            match read_values(&vals, n) {
                Ok(cells) => {
                    for (&c, cell) in cols.iter().zip(cells) {
                        out.grid[ri * nc + c] = Some(cell);
                    }
                    hit.complete = true;
                    hit.short = None;
                }
                Err(why) => hit.problem = Some(why),
            }
        }
        out.rows.push(hit);
    }
    out.rows.sort_by_key(|r| r.index);
    out.missing_rows = tpl
        .rows
        .iter()
        .enumerate()
        .filter(|&(i, r)| !r.optional && !out.found[i])
        .map(|(_, r)| r.key.clone())
        .collect();
    out
}

/// Keep the short rows (see [`RowHit::short`]) of a table laid out one cell per line
/// (every number alone on its line, besides digits inside words) whose other rows all
/// read exactly, at least one of them with numbers, with no subtotal and no number
/// outside a row; drop the others. A short row without any number has its cells bound
/// as blanks.
fn short_rows(out: &mut RecoveredTable, toks: &[Tok]) {
    // (Digits inside words, as in a header's “保留4位小数”, are no cell.)
    let one_per_line = toks.iter().all(|t| match t {
        Tok::Text { .. } => true,
        Tok::Run { lone, glued, .. } => *lone || *glued,
        _ => false,
    });
    let others_exact = out
        .rows
        .iter()
        .filter(|r| r.short.is_none() && !r.complete)
        .count()
        == 0
        && out.rows.iter().all(|r| r.extra_values == 0)
        && out.rows.iter().any(|r| r.complete && !r.by_position);
    // Every number of the table is in a row: none left over that the layout put away
    // from its label (a rendering that prints a row's value before its label).
    let numbers = toks
        .iter()
        .filter(|t| matches!(t, Tok::Run { glued: false, .. }))
        .count();
    let placed = out.cell_count() + out.rows.iter().filter_map(|r| r.short).sum::<usize>();
    if !(one_per_line && others_exact && out.subtotals.is_empty() && numbers == placed) {
        for r in &mut out.rows {
            r.short = None;
        }
        return;
    }
    let nc = out.tpl.columns.len();
    for i in 0..out.rows.len() {
        if out.rows[i].short != Some(0) {
            continue;
        }
        let (ri, at) = (out.rows[i].index, out.rows[i].end);
        for c in row_columns(out.tpl, ri).iter() {
            out.grid[ri * nc + c] = Some(Cell {
                value: None,
                blank: Some(String::new()),
                unit: None,
                start: at,
                end: at,
            });
        }
        let r = &mut out.rows[i];
        r.complete = true;
        r.problem = None;
        r.short = None;
    }
}

/// Read `n` cells from the value tokens after a label.
fn read_values(vals: &[&Tok], n: usize) -> Result<Vec<Cell>, String> {
    // A number glued to words on both sides in a one-value row: its extent is a guess
    // (a crawled "数条20263542" may be 2026 and 3542 of two columns).
    if let Some(Tok::Run {
        digits,
        glued: true,
        ..
    }) = vals.first()
    {
        if n == 1 || digits.len() < n {
            return Err(format!("数字与文字连写（{digits}），无法确定单元格的值"));
        }
    }
    let runs_need_split = vals
        .iter()
        .take(n)
        .any(|t| matches!(t, Tok::Run { digits, glued, .. } if *glued || !valid_number(digits)));
    if vals.len() >= n && !runs_need_split {
        return Ok(vals[..n].iter().map(|t| to_cell(t)).collect());
    }
    // Only free-text digit runs may be cut, and only in exactly one way.
    let window: Vec<&Tok> = vals
        .iter()
        .copied()
        .take_while(|t| matches!(t, Tok::Run { .. } | Tok::Cell { .. }))
        .collect();
    if window.is_empty() {
        return Err(format!("该行没有数值（应有 {n} 个）"));
    }
    // (digits, fixed): a number from its own cell is one value and is never cut.
    let items: Vec<(String, bool)> = window
        .iter()
        .map(|t| match t {
            // A number alone on its line is one cell when the row has other values, or
            // when it is a number as written (no leading zero) that one cell can hold:
            // “148” alone under a label is one cell with the others blank, not 1, 4 and 8.
            // Only a run no cell could hold (“000”, or fifteen digits for fifteen cells)
            // may be the row's cells run together.
            Tok::Run { digits, lone, .. } => (
                digits.to_string(),
                *lone
                    && (window.len() > 1
                        || (valid_number(digits) && digits.len() <= MAX_CELL_DIGITS)),
            ),
            Tok::Cell { v, .. } => (v.to_string(), true),
            _ => (String::new(), true),
        })
        .collect();
    if items.iter().all(|(_, fixed)| *fixed) {
        return Err(format!("只找到 {} 个数值（应有 {n} 个）", items.len()));
    }
    let runs: Vec<(&str, bool)> = items.iter().map(|(s, f)| (s.as_str(), *f)).collect();
    let refs: Vec<&str> = runs.iter().map(|(s, _)| *s).collect();
    let (ways, first) = splits(&runs, n);
    if ways == 0 {
        return Err(format!(
            "数值个数不符：找到 {}，应有 {n} 个",
            refs.join(" ")
        ));
    }
    if ways > 1 {
        return Err(format!(
            "数字连写（{}）可以有多种拆分，无法确定各单元格的值",
            refs.join(" ")
        ));
    }
    // Positions: spread the split values over the span of their source tokens.
    let mut cells = Vec::with_capacity(n);
    let mut vi = 0;
    for (t, s) in window.iter().zip(refs.iter()) {
        let (ts, te) = (
            t.start(),
            match t {
                Tok::Run { end, .. } | Tok::Cell { end, .. } => *end,
                _ => t.start(),
            },
        );
        let mut consumed = 0;
        while consumed < s.len() && vi < first.len() {
            let piece = &first[vi];
            let ps = ts + consumed;
            cells.push(Cell {
                value: Dec::parse(piece),
                blank: None,
                unit: None,
                start: ps,
                end: (ps + piece.len()).min(te),
            });
            consumed += piece.len();
            vi += 1;
        }
    }
    if cells.len() != n {
        return Err(format!("数值个数不符：应有 {n} 个"));
    }
    Ok(cells)
}

fn to_cell(t: &Tok) -> Cell {
    match t {
        Tok::Cell {
            v,
            unit,
            start,
            end,
        } => Cell {
            value: Some(*v),
            blank: None,
            unit: unit.map(str::to_string),
            start: *start,
            end: *end,
        },
        Tok::Run {
            digits, start, end, ..
        } => Cell {
            value: Dec::parse(digits),
            blank: None,
            unit: None,
            start: *start,
            end: *end,
        },
        Tok::Blank { marker, start, end } => Cell {
            value: None,
            blank: Some(marker.to_string()),
            unit: None,
            start: *start,
            end: *end,
        },
        Tok::Text { start, end, .. } => Cell {
            value: None,
            blank: Some(String::new()),
            unit: None,
            start: *start,
            end: *end,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The byte readings of `trim` and `split` agree with the standard ones.
        #[test]
        fn trim_and_split_by_bytes_are_the_standard_ones(
            v in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}",
                "\u{1680}", "\u{2009}", "\u{2028}", "\u{205f}", "\u{3000}", "\u{3001}",
                "a", "1", "|", "字", "é", "\u{e9}\u{301}",
            ]), 0..10)
        ) {
            let s = v.concat();
            proptest::prop_assert_eq!(trim(&s), s.trim());
            for sep in [b'|', b'\n', b'\t'] {
                let got: Vec<&str> = split_at_byte(&s, sep).collect();
                let want: Vec<&str> = s.split(sep as char).collect();
                proptest::prop_assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn whitespace_by_bytes_is_char_is_whitespace() {
        let mut all = String::new();
        for u in (0..0x3100).chain(0xFEFF..0xFF10) {
            if let Some(c) = char::from_u32(u) {
                all.push(c);
                all.push('字');
            }
        }
        let want: String = all.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(compact(&all), want);
    }

    /// Patterns compiled on demand, each request logged.
    struct Logged(
        std::cell::RefCell<Vec<String>>,
        std::collections::HashMap<String, Regex>,
    );
    impl Patterns for Logged {
        fn get(&self, p: &str) -> Option<&Regex> {
            self.0.borrow_mut().push(p.to_string());
            self.1.get(p)
        }
    }

    /// Recover a one-row template (`presence`, `absence`, one column matching `column`)
    /// from each text: its status, and whether `watched` was asked for.
    fn recover_watching(
        presence: &str,
        absence: &[&str],
        column: &str,
        watched: &str,
        texts: &[&str],
    ) -> Vec<(Status, bool)> {
        let tpl: TableTemplate = serde_json::from_value(serde_json::json!({
            "id": "t", "title": "统计表", "name": "统计表",
            "presence": [presence], "absence": absence,
            "columns": [{"key": "value", "label": "统计数", "match": column}],
            "rows": [{"key": "a", "label": "收到申请数", "match": "收到申请数"}]
        }))
        .unwrap();
        let mut all = vec![presence, column, "收到申请数"];
        all.extend(absence);
        let pats = Logged(
            Default::default(),
            all.iter()
                .map(|p| (p.to_string(), Regex::new(p).unwrap()))
                .collect(),
        );
        texts
            .iter()
            .map(|text| {
                pats.0.borrow_mut().clear();
                let t = recover(
                    text,
                    0,
                    text.len(),
                    &tpl,
                    "pre-2019",
                    &pats,
                    &|_| false,
                    &Compacted::default(),
                );
                let asked = pats.0.borrow().iter().any(|p| p == watched);
                (t.status, asked)
            })
            .collect()
    }

    #[test]
    fn another_forms_header_is_compiled_only_for_a_region_with_its_words() {
        let absence = "本期实际.{0,3}本年累计";
        let got = recover_watching(
            "统计指标",
            &[absence],
            ".",
            absence,
            &[
                "统计指标 统计数\n收到申请数 12\n",
                "统计指标 本期 实际 本年累计\n收到申请数 12\n",
            ],
        );
        // Without its words the other form's header is not looked up (not compiled) and
        // the table is read; with them (across whitespace), it is, and the template does
        // not apply.
        assert_eq!(
            got,
            [(Status::Recovered, false), (Status::Absent, true)],
            "(status, absence pattern resolved) per region"
        );
    }

    #[test]
    fn a_presence_pattern_is_compiled_only_for_a_region_with_its_words() {
        let presence = "本期实际.{0,3}本年累计";
        let got = recover_watching(
            presence,
            &[],
            "累计",
            presence,
            &[
                "统计指标 统计数\n收到申请数 12\n",
                "指标 本期 实际 本年累计\n收到申请数 12\n",
            ],
        );
        // A region without the words: no table, and the pattern is not resolved. With
        // them, across whitespace as a wrapped header has them, the table is read.
        assert_eq!(
            got,
            [(Status::Absent, false), (Status::Recovered, true)],
            "(status, presence pattern resolved) per region"
        );
    }

    #[test]
    fn plain_words_are_searched_as_substrings() {
        assert!(plain_word("本年新收"));
        assert!(!plain_word("审结|未审"));
        assert!(!plain_word("规范性文件$"));
        assert!(!plain_word("本年 新收"));
        assert!(!plain_word("增/?减"));
        assert!(!plain_word(""));
    }

    #[test]
    fn numbers_alone_on_their_lines_are_never_cut() {
        // Fourteen one-per-line values for a fifteen-cell row: not one of them is cut in
        // two to make up the count (“10” read as 1 and 0 gave a wrong 表四 total).
        let text = "10\n1\n0\n0\n0\n0\n0\n0\n0\n0\n5\n0\n0\n0\n";
        let toks = tokenize(text, 0, text.len(), &|_| false);
        assert!(toks
            .iter()
            .all(|t| matches!(t, Tok::Run { lone: true, .. })));
        let vals: Vec<&Tok> = toks.iter().collect();
        assert!(read_values(&vals, 15).is_err());
        // The same digits run together on one line are still split when forced.
        let text = "101000000000500";
        let toks = tokenize(text, 0, text.len(), &|_| false);
        let vals: Vec<&Tok> = toks.iter().collect();
        let cells = read_values(&vals, 15).unwrap();
        assert_eq!(cells[0].value, Dec::parse("1"));
        assert_eq!(cells[12].value, Dec::parse("5"));
    }

    #[test]
    fn a_lone_number_is_one_cell() {
        // “148” alone under a three-column label is one value, not 1, 4 and 8; a run of
        // zeros (no cell's number) is still the row's cells run together.
        for (text, ok) in [("148", false), ("000", true), ("+3", false)] {
            let toks = tokenize(text, 0, text.len(), &|_| false);
            let vals: Vec<&Tok> = toks.iter().collect();
            assert_eq!(read_values(&vals, 3).is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn signed_cells() {
        assert_eq!(cell_number("+2"), Some(("2", None)));
        assert_eq!(cell_number("-3"), Some(("-3", None)));
        assert_eq!(cell_number("251000元"), Some(("251000", Some("元"))));
        assert_eq!(cell_number("+"), None);
    }

    #[test]
    fn forced_and_ambiguous_splits() {
        assert_eq!(
            splits(&[("7400000", false)], 7),
            (
                1,
                vec!["7", "4", "0", "0", "0", "0", "0"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )
        );
        assert_eq!(splits(&[("7400000074", false)], 7).0, 2);
        // A number from its own cell is never cut: "12" in a cell + "3" run = exactly two values.
        assert_eq!(splits(&[("12", true), ("3", false)], 3).0, 0);
        assert_eq!(splits(&[("12", true), ("30", false)], 3).0, 1);
        // "230 000023": 3 ways → ambiguous.
        assert_eq!(splits(&[("230", false), ("000023", false)], 7).0, 2);
        // "00" can only be 0 0.
        assert_eq!(
            splits(&[("100", false), ("00", false)], 4),
            (1, vec!["10".into(), "0".into(), "0".into(), "0".into()])
        );
        assert_eq!(splits(&[("5949.088667", false)], 1).0, 1);
    }

    /// The former reader of free text (over a vector of characters), kept to check the
    /// byte-offset one against.
    fn free_tokens_by_chars<'t>(line: &'t str, at: usize, toks: &mut Vec<Tok<'t>>) {
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            return free_tokens(line, at, toks);
        }
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut i = 0;
        let mut text_start: Option<usize> = None;
        // (Stop 27: an explicit plus sign before a cell's number is the number, in both
        // readers.)
        let mut plus = false;
        let flush_text = |from: Option<usize>, to: usize, toks: &mut Vec<Tok<'t>>| {
            if let Some(f) = from {
                let s = &line[f..to];
                if !s.trim().is_empty() {
                    toks.push(Tok::Text {
                        s,
                        start: at + f,
                        end: at + to,
                    });
                }
            }
        };
        while i < chars.len() {
            let (b, c) = chars[i];
            if c.is_whitespace() {
                flush_text(text_start.take(), b, toks);
                i += 1;
                continue;
            }
            if c == '+'
                && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit())
                && text_start.is_none()
            {
                plus = true;
                i += 1;
                continue;
            }
            let signed = std::mem::take(&mut plus);
            let neg = c == '-'
                && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit())
                && text_start.is_none();
            if c.is_ascii_digit() || neg {
                let mut j = i + 1;
                while j < chars.len() && chars[j].1.is_ascii_digit() {
                    j += 1;
                }
                // Decimal part.
                if j + 1 < chars.len() && chars[j].1 == '.' && chars[j + 1].1.is_ascii_digit() {
                    j += 1;
                    while j < chars.len() && chars[j].1.is_ascii_digit() {
                        j += 1;
                    }
                }
                let next = chars.get(j).map(|x| x.1);
                let after = chars.get(j + 1).map(|x| x.1);
                let is_prefix = matches!(next, Some('.' | '、'))
                    && after.is_some_and(|a| !a.is_ascii_digit() && !a.is_whitespace());
                // "计1条", "第1项", "2018年": a number inside words, not a cell value.
                let in_words = next
                    .is_some_and(|n| "件条个人次项元页篇年月日号类部期批名家".contains(n))
                    || (i > 0 && chars[i - 1].1 == '第');
                if in_words && !is_prefix {
                    if text_start.is_none() {
                        text_start = Some(b);
                    }
                    i = j;
                    continue;
                }
                if is_prefix {
                    // The last digit starts a label; digits before it are a value glued to it.
                    let last = j - 1;
                    if last > i {
                        let glued = text_start.is_some();
                        flush_text(text_start.take(), b, toks);
                        let e = chars[last].0;
                        toks.push(Tok::Run {
                            digits: &line[b..e],
                            start: at + b,
                            end: at + e,
                            glued,
                            lone: false,
                        });
                    }
                    if text_start.is_none() {
                        text_start = Some(chars[last].0);
                    }
                    i = j;
                    continue;
                }
                let glued =
                    text_start.is_some() && chars.get(j).is_some_and(|(_, c)| !c.is_whitespace());
                flush_text(text_start.take(), b, toks);
                let e = chars.get(j).map(|x| x.0).unwrap_or(line.len());
                toks.push(Tok::Run {
                    digits: &line[b..e],
                    start: at + b,
                    end: at + e,
                    glued,
                    lone: line.trim() == &line[b - usize::from(signed)..e],
                });
                i = j;
                continue;
            }
            if text_start.is_none() {
                text_start = Some(b);
            }
            i += 1;
        }
        flush_text(text_start, line.len(), toks);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// Free text is cut exactly as the reader over a vector of characters cut it.
        #[test]
        fn free_tokens_by_bytes_are_the_former_ones(
            v in proptest::collection::vec(0..FREE_CHARS.len(), 0..30)
        ) {
            let line: String = v.into_iter().map(|i| FREE_CHARS[i]).collect();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            free_tokens(&line, 7, &mut a);
            free_tokens_by_chars(&line, 7, &mut b);
            proptest::prop_assert_eq!(a, b);
        }
    }

    /// What free text is made of around its numbers.
    const FREE_CHARS: &[&str] = &[
        "0", "1", "7", "12", "-", ".", "、", "第", "条", "年", "家", "计", "属于", " ", "\u{3000}",
        "\t", "a", "（", "，", "+",
    ];

    #[test]
    fn free_text_tokens() {
        let mut t = Vec::new();
        free_tokens("0000001.属于国家秘密4000004", 0, &mut t);
        let kinds: Vec<String> = t
            .iter()
            .map(|x| match x {
                Tok::Text { s, .. } => format!("T:{s}"),
                Tok::Run { digits, .. } => format!("R:{digits}"),
                _ => "?".into(),
            })
            .collect();
        assert_eq!(kinds, vec!["R:000000", "T:1.属于国家秘密", "R:4000004"]);
        let mut t = Vec::new();
        free_tokens("行政事业性收费96171.6", 0, &mut t);
        assert!(matches!(&t[1], Tok::Run { digits, .. } if *digits == "96171.6"));
    }
}

#[cfg(test)]
mod cell_number_tests {
    use super::cell_number;
    use regex::Regex;

    /// The hand-written reader accepts exactly what the regex it replaced accepted.
    #[test]
    fn same_language_as_the_regex() {
        let re = Regex::new(
            r"^(-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*(万元|元|件|条|个|人|次|项)?$",
        )
        .unwrap();
        let cases = [
            "1,234",
            "12,345,678",
            "1,234.5",
            "1,23",
            "1234,567",
            "1,2345",
            "1,234元",
            ",123",
            "1,",
            "0",
            "12",
            "-3",
            "96171.6",
            "12.",
            "1.2.3",
            ".5",
            "-",
            "--1",
            "251000元",
            "251000 元",
            "5\u{3000}万元",
            "3件 ",
            "7 项目",
            "8万",
            "12a",
            "1 2",
            "",
            "一",
            "-0.50",
            "3人次",
            "10000000000000000000000000000000",
            "4\t个",
        ];
        for t in cases {
            let want = re
                .captures(t)
                .map(|c| (c.get(1).unwrap().as_str(), c.get(2).map(|m| m.as_str())));
            assert_eq!(cell_number(t), want, "{t:?}");
        }
    }
}
