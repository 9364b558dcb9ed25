//! The virtual text shared by the structured readers (.docx, .html, .pdf).
//!
//! A reader hands over paragraphs and tables in reading order; this module writes them as
//! lines (one paragraph per line; one table row per line, cells separated by `\t`), records
//! the origin of every line and cell, and keeps each table as a [`Grid`] whose cells point
//! at their byte range in the text. It knows nothing about file formats.

use super::{Grid, GridCell, LoadError, Place, Source};

/// Upper bound on the cells of one expanded table (rows × columns). Real statistics
/// tables have a few hundred; a larger table is a crafted or broken file.
pub const MAX_TABLE_CELLS: usize = crate::source::ReaderLimits::DEFAULT.table_cells;

/// One position of a table with merged cells already expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A cell that owns its text (possibly empty).
    Text(String),
    /// Covered by the merged cell whose top-left corner is at (row, column), 0-based.
    Merged(usize, usize),
}

/// Accumulates the virtual text of one document.
#[derive(Debug, Default)]
pub struct Layout {
    text: String,
    origins: Vec<(usize, Place)>,
    grids: Vec<Grid>,
    headings: Vec<(usize, u8)>,
    paragraphs: usize,
}

impl Layout {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of tables written so far.
    pub fn tables(&self) -> usize {
        self.grids.len()
    }

    /// A paragraph: every non-blank line of `text` becomes a line of the virtual text.
    /// Blank paragraphs are dropped and not counted. `heading` is the outline level
    /// (0 = top) when the file marks the paragraph as a heading.
    pub fn paragraph(&mut self, text: &str, heading: Option<u8>) {
        let mut first = true;
        for line in text.split('\n') {
            let line = line.trim_end_matches(['\r', ' ']);
            if is_blank(line) {
                continue;
            }
            if first {
                self.paragraphs += 1;
                self.origins
                    .push((self.text.len(), Place::Paragraph(self.paragraphs)));
                if let Some(level) = heading {
                    self.headings.push((self.text.len(), level));
                }
                first = false;
            }
            self.text.push_str(line);
            self.text.push('\n');
        }
    }

    /// A line that carries its own place (used for pdf pages).
    pub fn line_at(&mut self, line: &str, place: Option<Place>) {
        if let Some(p) = place {
            self.origins.push((self.text.len(), p));
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// A table whose rows may have different lengths; short rows are padded with
    /// empty cells so every row line has the grid's width. Empty tables are skipped.
    pub fn table(&mut self, mut rows: Vec<Vec<Slot>>) {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        for row in &mut rows {
            row.resize(width, Slot::Text(String::new()));
        }
        let number = self.grids.len() + 1;
        let mut grid = Grid {
            number,
            rows: Vec::with_capacity(rows.len()),
        };
        for (r, row) in rows.into_iter().enumerate() {
            let mut cells = Vec::with_capacity(width);
            for (c, slot) in row.into_iter().enumerate() {
                if c > 0 {
                    self.text.push('\t');
                }
                let start = self.text.len();
                self.origins.push((
                    start,
                    Place::Cell {
                        table: number,
                        row: r + 1,
                        col: c + 1,
                    },
                ));
                let merged_from = match slot {
                    Slot::Text(t) => {
                        self.text.extend(t.chars().map(fold_cell_char));
                        None
                    }
                    Slot::Merged(mr, mc) => Some((mr, mc)),
                };
                let end = self.text.len();
                cells.push(GridCell {
                    text: self.text[start..end].to_string(),
                    start,
                    end,
                    merged_from,
                });
            }
            self.text.push('\n');
            grid.rows.push(cells);
        }
        self.grids.push(grid);
    }

    /// The finished `Source`; a document without any visible text is an error.
    pub fn finish(self, path: String, encoding: &'static str) -> Result<Source, LoadError> {
        if self.text.chars().all(|c| c.is_whitespace()) {
            return Err(LoadError::NoText);
        }
        let mut s = Source::new(path, self.text, encoding);
        s.origins = self.origins;
        s.grids = self.grids;
        s.headings = self.headings;
        Ok(s)
    }
}

/// Whitespace-only (including U+3000 and no-break spaces).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Inside a cell, line breaks and tabs would break the row line: fold them to spaces.
fn fold_cell_char(c: char) -> char {
    match c {
        '\n' | '\r' | '\t' => ' ',
        c => c,
    }
}

/// Counts grid positions while a reader expands merged cells, refusing absurd tables.
#[derive(Debug, Default)]
pub struct CellBudget {
    used: usize,
}

impl CellBudget {
    pub fn take(&mut self, n: usize) -> Result<(), LoadError> {
        self.used = self.used.saturating_add(n);
        let limit = crate::source::reader_limits().table_cells;
        if self.used > limit {
            Err(LoadError::TableTooLarge { limit })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Slot {
        Slot::Text(s.to_string())
    }

    #[test]
    fn paragraphs_and_table_lines() {
        let mut l = Layout::new();
        l.paragraph("一、总体情况", Some(0));
        l.paragraph("  \u{3000} ", None);
        l.table(vec![
            vec![t("项目"), Slot::Merged(0, 0), t("合计")],
            vec![t("a\nb"), t("")],
        ]);
        l.paragraph("第二段\n第二行", None);
        let s = l.finish("x.docx".into(), "docx").unwrap();
        assert_eq!(
            s.text,
            "一、总体情况\n项目\t\t合计\na b\t\t\n第二段\n第二行\n"
        );
        let g = &s.grids[0];
        assert_eq!(g.rows.len(), 2);
        assert!(g.rows.iter().all(|r| r.len() == 3));
        for row in &g.rows {
            for cell in row {
                assert_eq!(&s.text[cell.start..cell.end], cell.text);
            }
        }
        assert_eq!(g.rows[0][1].merged_from, Some((0, 0)));
        assert_eq!(g.rows[1][0].text, "a b");
        let at = s.text.find("合计").unwrap();
        assert_eq!(s.place(at).unwrap().to_string(), "表1 第1行 第3列");
        let at = s.text.find("第二行").unwrap();
        assert_eq!(s.place(at), Some(&Place::Paragraph(2)));
        assert_eq!(s.headings, vec![(0, 0)]);
        assert!(s.origins.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn blank_document_is_an_error() {
        let mut l = Layout::new();
        l.paragraph("\u{3000}", None);
        assert!(matches!(
            l.finish("x".into(), "docx"),
            Err(LoadError::NoText)
        ));
    }
}
