//! Tables as grids of anchors and merged positions, and the blocks of a draft.

/// One cell of a table grid: the top-left cell of a (possibly merged) region, or a
/// position covered by a merged region.
#[derive(Clone)]
pub(crate) enum Cell {
    Anchor {
        text: String,
        cols: usize,
        rows: usize,
    },
    Covered {
        /// Column of the anchor: a vertical continuation starts there.
        anchor_col: usize,
        /// Row of the anchor.
        anchor_row: usize,
    },
}

/// A table as a full grid (for .docx and .html) and as the lines a clerk pastes into
/// a plain-text draft.
pub(crate) struct Table {
    pub(crate) ncols: usize,
    pub(crate) grid: Vec<Vec<Cell>>,
    pub(crate) txt: Vec<String>,
}

/// Lays anchors into a grid the way HTML does: each row fills the positions that
/// merged cells from rows above leave free.
pub(crate) struct GridBuilder {
    pub(crate) ncols: usize,
    pub(crate) grid: Vec<Vec<Option<Cell>>>,
    /// Index of the next row to lay (rows below may already hold merged cells).
    pub(crate) next: usize,
}

impl GridBuilder {
    pub(crate) fn new(ncols: usize) -> Self {
        GridBuilder {
            ncols,
            grid: Vec::new(),
            next: 0,
        }
    }

    pub(crate) fn ensure(&mut self, r: usize) {
        while self.grid.len() <= r {
            self.grid.push(vec![None; self.ncols]);
        }
    }

    /// A row of (text, colspan, rowspan).
    pub(crate) fn row(&mut self, cells: &[(&str, usize, usize)]) {
        let r = self.next;
        self.next += 1;
        self.ensure(r);
        let mut c = 0;
        for (text, cs, rs) in cells {
            while c < self.ncols && self.grid[r][c].is_some() {
                c += 1;
            }
            assert!(c + cs <= self.ncols, "row {r} overflows: {text}");
            self.ensure(r + rs - 1);
            for dr in 0..*rs {
                for dc in 0..*cs {
                    self.grid[r + dr][c + dc] = Some(if dr == 0 && dc == 0 {
                        Cell::Anchor {
                            text: text.to_string(),
                            cols: *cs,
                            rows: *rs,
                        }
                    } else {
                        Cell::Covered {
                            anchor_col: c,
                            anchor_row: r,
                        }
                    });
                }
            }
            c += cs;
        }
    }

    pub(crate) fn finish(self, txt: Vec<String>) -> Table {
        let grid = self
            .grid
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|c| {
                        c.unwrap_or(Cell::Anchor {
                            text: String::new(),
                            cols: 1,
                            rows: 1,
                        })
                    })
                    .collect()
            })
            .collect();
        Table {
            ncols: self.ncols,
            grid,
            txt,
        }
    }
}

pub(crate) enum Block {
    /// A plain paragraph.
    Para(String),
    /// A numbered heading: level 0 (一、) or 1 (（一）), its number and title; `body`
    /// follows on the same paragraph (`（一）主动公开。全年……`).
    Heading {
        level: u8,
        number: usize,
        title: String,
        body: String,
    },
    Table(Table),
}
