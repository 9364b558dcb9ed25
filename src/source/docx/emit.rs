//! Body blocks → virtual text: list labels prepended, heading levels resolved, tables
//! expanded into grids.
//!
//! Nested tables: a table that contains another table is read as a *layout frame*
//! (drafts wrap a whole section, or the statistics table, in a one-cell frame): its
//! cells are read as ordinary paragraphs in reading order and every inner table
//! becomes a grid of its own. A table without inner tables is a data table and
//! becomes one grid. This keeps each statistics table intact whatever wraps it.

use super::body::{Block, Cell, Merge, Para, Table};
use super::numbering::Numbering;
use super::styles::Styles;
use crate::source::layout::{is_blank, CellBudget, Layout, Slot};
use crate::source::LoadError;

pub struct Emitter {
    pub layout: Layout,
    numbering: Numbering,
    styles: Styles,
    budget: CellBudget,
}

impl Emitter {
    pub fn new(numbering: Numbering, styles: Styles) -> Self {
        Emitter {
            layout: Layout::new(),
            numbering,
            styles,
            budget: CellBudget::default(),
        }
    }

    pub fn blocks(&mut self, blocks: Vec<Block>) -> Result<(), LoadError> {
        for b in blocks {
            match b {
                Block::Para(p) => {
                    let (text, heading) = self.para_text(p);
                    self.layout.paragraph(&text, heading);
                }
                Block::Table(t) if has_inner_table(&t) => {
                    for row in t.rows {
                        for cell in row.cells {
                            self.blocks(cell.blocks)?;
                        }
                    }
                }
                Block::Table(t) => self.table(t)?,
            }
        }
        Ok(())
    }

    /// The paragraph's text with its list label, and its outline level if it is a heading.
    fn para_text(&mut self, p: Para) -> (String, Option<u8>) {
        let (style_num, style_ilvl) = p
            .style
            .as_deref()
            .map(|s| self.styles.numbering(s))
            .unwrap_or((None, None));
        let num_id = p.num_id.or(style_num);
        let ilvl = p.ilvl.or(style_ilvl).unwrap_or(0);
        let label = match (num_id, usize::try_from(ilvl)) {
            (Some(id), Ok(l)) => self.numbering.next_label(id, l),
            _ => None,
        };
        let heading = match p.outline {
            Some(l) => u8::try_from(l).ok().filter(|l| *l < 9),
            None => p
                .style
                .as_deref()
                .and_then(|s| self.styles.heading_level(s)),
        };
        let text = match label {
            Some(l) if !is_blank(&p.text) || !l.is_empty() => l + &p.text,
            _ => p.text,
        };
        (text, heading)
    }

    /// The non-blank paragraphs of a cell, one per line.
    fn cell_text(&mut self, cell: Cell) -> String {
        let mut out = String::new();
        for b in cell.blocks {
            if let Block::Para(p) = b {
                let (t, _) = self.para_text(p);
                if is_blank(&t) {
                    continue;
                }
                // A non-blank text is never empty: `out` is empty only before the first.
                if out.is_empty() {
                    out = t;
                } else {
                    out.push('\n');
                    out.push_str(&t);
                }
            }
        }
        out
    }

    fn table(&mut self, t: Table) -> Result<(), LoadError> {
        let mut rows: Vec<Vec<Slot>> = Vec::with_capacity(t.rows.len());
        for row in t.rows {
            let r = rows.len();
            let mut line: Vec<Slot> = Vec::new();
            self.budget.take(row.before + row.after)?;
            line.resize(row.before, Slot::Text(String::new()));
            for cell in row.cells {
                self.budget.take(cell.span)?;
                let c0 = line.len();
                let above = |k: usize| -> Option<(usize, usize)> {
                    let prev = rows.get(r.checked_sub(1)?)?;
                    Some(origin(prev.get(c0 + k)?, r - 1, c0 + k))
                };
                if cell.vmerge == Merge::Continue && above(0).is_some() {
                    for k in 0..cell.span {
                        line.push(match above(k) {
                            Some((a, b)) => Slot::Merged(a, b),
                            None => Slot::Text(String::new()),
                        });
                    }
                    // Numbered paragraphs in a continuation still advance the counters.
                    let _ = self.cell_text(cell);
                    continue;
                }
                if cell.hmerge == Merge::Continue && c0 > 0 {
                    let (a, b) = origin(&line[c0 - 1], r, c0 - 1);
                    line.extend(std::iter::repeat_n(Slot::Merged(a, b), cell.span));
                    let _ = self.cell_text(cell);
                    continue;
                }
                let span = cell.span;
                line.push(Slot::Text(self.cell_text(cell)));
                line.extend(std::iter::repeat_n(Slot::Merged(r, c0), span - 1));
            }
            line.extend(std::iter::repeat_n(Slot::Text(String::new()), row.after));
            rows.push(line);
        }
        // Rows are padded to the widest row by the layout.
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        self.budget.take(width.saturating_mul(rows.len()))?;
        self.layout.table(rows);
        Ok(())
    }
}

/// The top-left corner a slot belongs to.
fn origin(slot: &Slot, r: usize, c: usize) -> (usize, usize) {
    match slot {
        Slot::Merged(a, b) => (*a, *b),
        Slot::Text(_) => (r, c),
    }
}

fn has_inner_table(t: &Table) -> bool {
    t.rows
        .iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| &c.blocks)
        .any(|b| matches!(b, Block::Table(_)))
}
