//! Structure stage: the outline of a draft plus the facts read from it.
//! Built once per file; rules only read it.

pub mod facts;
pub mod inferred;
mod line_forms;
pub mod outline;
pub mod table;
pub mod template;

use crate::facts::Facts;
use crate::normalize::Normalized;
use crate::source::Source;
pub use outline::{Heading, Line};

/// A top-level part (一、…) and the text it governs.
#[derive(Debug, Clone)]
pub struct Part {
    /// Index into `Document::headings`.
    pub heading: usize,
    /// Normalized byte offset just after the heading title.
    pub body_start: usize,
    /// Normalized byte offset where the next part (or the report) ends.
    pub end: usize,
}

/// The normalized text with line breaks removed, for prose patterns that a hard-wrapped
/// draft (PDF text, fixed-width crawls) splits over lines: `申请\n17件` → `申请17件`.
#[derive(Debug, Default)]
pub struct Flat {
    pub text: String,
    /// Normalized offsets of the removed line breaks, ascending.
    removed: Vec<usize>,
}

impl Flat {
    pub fn new(norm: &str) -> Self {
        let mut text = String::with_capacity(norm.len());
        let mut removed = Vec::new();
        let mut from = 0;
        for i in memchr::memchr_iter(b'\n', norm.as_bytes()) {
            text.push_str(&norm[from..i]);
            removed.push(i);
            from = i + 1;
        }
        text.push_str(&norm[from..]);
        Flat { text, removed }
    }

    /// [`Flat::new`] of the text `lines` split ([`outline::lines`]): every line but the
    /// last ends at a line break, so the breaks are the lines' ends and the flat text is
    /// the lines one after another (`flat_and_stops_from_the_lines_are_those_searched`).
    pub fn from_lines(norm: &str, lines: &[Line]) -> Self {
        let mut text = String::with_capacity(norm.len());
        let mut removed = Vec::with_capacity(lines.len().saturating_sub(1));
        let (last, breaks) = lines
            .split_last()
            .map_or((None, &[][..]), |(l, b)| (Some(l), b));
        for l in breaks {
            text.push_str(&norm[l.start..l.end]);
            removed.push(l.end);
        }
        if let Some(l) = last {
            text.push_str(&norm[l.start..l.end]);
        }
        Flat { text, removed }
    }

    /// The normalized offsets of the removed line breaks, ascending.
    #[cfg(test)]
    pub(crate) fn removed(&self) -> &[usize] {
        &self.removed
    }

    /// Map a flat offset back to the normalized text.
    pub fn to_norm(&self, off: usize) -> usize {
        // Each removed break before the target shifts it by one byte.
        let mut lo = 0;
        let mut hi = self.removed.len();
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.removed[mid] - mid <= off {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        off + lo
    }

    /// Flat offset of a normalized offset.
    pub fn from_norm(&self, off: usize) -> usize {
        off - self.removed.partition_point(|r| *r < off)
    }
}

#[derive(Debug)]
pub struct Document {
    pub source: Source,
    pub norm: Normalized,
    pub lines: Vec<Line>,
    /// First and last line of the report (website debris excluded).
    pub body_lines: (usize, usize),
    /// Line where an appendix (附件/附表) starts.
    pub appendix: Option<usize>,
    pub title: Option<usize>,
    pub headings: Vec<Heading>,
    pub parts: Vec<Part>,
    /// The closing date line (落款日期).
    pub date_line: Option<usize>,
    pub facts: Facts,
    pub flat: Flat,
    /// The report text has no line structure (a crawled page saved as one long line):
    /// its parts cannot be recognised, so rules that need them do not run.
    pub unstructured: bool,
    /// Normalized offsets of the (empty) continuation cells of merged cells in the
    /// structured reader's grids: they are not cells of their own.
    pub merged_cells: std::collections::HashSet<usize>,
}

impl Document {
    pub fn new(source: Source) -> Self {
        let mut doc = Document::structure(source);
        // The runs go to the facts stage and end with it (not kept twice: a big draft
        // has millions of them).
        let lex = crate::facts::lex::Lex {
            runs: std::mem::take(&mut doc.norm.runs),
        };
        doc.facts = facts::collect_lexed(&doc, &lex);
        doc
    }

    /// The structure stage alone: normalized text, outline and flat view, with empty
    /// facts (benchmarks time the stages one by one; [`Document::new`] does both).
    pub fn structure(source: Source) -> Self {
        let norm = Normalized::new(&source.text);
        let text = norm.text.as_str();
        let lines = outline::lines(text);
        let (first, last) = outline::body_range(text, &lines);
        let appendix = outline::appendix_start(text, &lines, first, last).filter(|a| *a > first);
        let main_last = appendix
            .map(|a| a.saturating_sub(1))
            .unwrap_or(last)
            .max(first);
        // A .docx/.html source knows exactly which lines are table rows (its grids):
        // a row is never a heading, even when trimming drops the tabs of its empty cells
        // ("四、结转下年度继续办理"), and a heading between two tables is still a heading.
        let grid_row = |i: usize| in_grid_row(&source, norm.to_source(lines[i].start));
        let rows: Option<&dyn Fn(usize) -> bool> = if source.grids.is_empty() {
            None
        } else {
            Some(&grid_row)
        };
        let headings = outline::headings_in(text, &lines, first, main_last, rows);
        let first_l1 = headings.iter().find(|h| h.level == 1).map(|h| h.line);
        let title = outline::title_line(text, &lines, first, first_l1);
        let date_line = outline::date_line(text, &lines, first_l1.unwrap_or(first), main_last);
        let body_end = lines[main_last].end;
        let l1: Vec<usize> = headings
            .iter()
            .enumerate()
            .filter(|(_, h)| h.level == 1)
            .map(|(i, _)| i)
            .collect();
        let mut parts = Vec::new();
        for (k, &hi) in l1.iter().enumerate() {
            let end = l1
                .get(k + 1)
                .map(|&n| lines[headings[n].line].start)
                .unwrap_or(body_end);
            let end = match date_line {
                Some(d) if k + 1 == l1.len() && lines[d].start > headings[hi].end => {
                    lines[d].start.min(end)
                }
                _ => end,
            };
            parts.push(Part {
                heading: hi,
                body_start: headings[hi].end,
                end: end.max(headings[hi].end),
            });
        }
        let mut doc = Document {
            source,
            norm,
            lines,
            body_lines: (first, last),
            appendix,
            title,
            headings,
            parts,
            date_line,
            facts: Facts::default(),
            flat: Flat::default(),
            unstructured: false,
            merged_cells: Default::default(),
        };
        doc.merged_cells = doc
            .source
            .grids
            .iter()
            .flat_map(|g| g.rows.iter().flatten())
            .filter(|c| c.merged_from.is_some())
            .map(|c| doc.norm.from_source(c.start))
            .collect();
        let (ms, me) = doc.main_span();
        let longest = (doc.body_lines.0..=doc.body_lines.1)
            .map(|i| doc.line_text(i).len())
            .max()
            .unwrap_or(0);
        // An outline read from a crawled page's recovered breaks is trusted only when its
        // top-level numbers run 一、二、三… without a gap: a heading glued to a table's
        // numbers is not found, and a missing part would then be reported wrongly.
        let recovered_gap = doc.norm.recovered_breaks > 0 && {
            let numbers: Vec<u32> = doc
                .headings
                .iter()
                .filter(|h| h.level == 1)
                .map(|h| h.number)
                .collect();
            numbers.is_empty() || numbers.iter().enumerate().any(|(i, n)| *n != i as u32 + 1)
        };
        doc.unstructured = recovered_gap
            || (doc.parts.is_empty() && longest > 1500 && longest * 5 > (me - ms) * 4);
        doc.flat = Flat::from_lines(&doc.norm.text, &doc.lines);
        doc
    }

    pub fn text(&self) -> &str {
        &self.norm.text
    }

    /// The line holding the normalized offset `off` (a line break's own offset is the end
    /// of the line it ends): the lines' ends are the breaks, so this is the line between
    /// the breaks around `off`.
    pub fn line_at(&self, off: usize) -> Line {
        let i = self.lines.partition_point(|l| l.end < off);
        self.lines[i.min(self.lines.len() - 1)]
    }

    pub fn line_text(&self, i: usize) -> &str {
        let l = self.lines[i];
        &self.norm.text[l.start..l.end]
    }

    /// Normalized byte range of the report (debris excluded), appendix included.
    pub fn body_span(&self) -> (usize, usize) {
        (
            self.lines[self.body_lines.0].start,
            self.lines[self.body_lines.1].end,
        )
    }

    /// Normalized byte range of the main text: body without the appendix.
    pub fn main_span(&self) -> (usize, usize) {
        let end = match self.appendix {
            Some(a) => self.lines[a].start,
            None => self.lines[self.body_lines.1].end,
        };
        (self.lines[self.body_lines.0].start, end)
    }

    /// Text before the first top-level heading (title and opening paragraph).
    pub fn opening_span(&self) -> (usize, usize) {
        let (s, e) = self.main_span();
        let end = self
            .parts
            .first()
            .map(|p| self.lines[self.headings[p.heading].line].start)
            .unwrap_or(e);
        (s, end.max(s))
    }

    /// Title of the part that contains a normalized offset, e.g. `三、收到和处理政府信息公开申请情况`.
    pub fn part_at(&self, off: usize) -> Option<&Part> {
        self.parts.iter().find(|p| {
            self.lines[self.headings[p.heading].line].start <= off
                && off < p.end.max(p.body_start + 1)
        })
    }

    pub fn part_label(&self, part: &Part) -> String {
        let h = &self.headings[part.heading];
        self.norm.text[h.start..h.end].to_string()
    }

    /// The full heading text of the part containing `off`, or a description of where it is.
    pub fn section_name(&self, off: usize) -> Option<String> {
        if let Some(p) = self.part_at(off) {
            return Some(self.part_label(p));
        }
        let (os, oe) = self.opening_span();
        if off >= os && off < oe {
            return Some("开头".to_string());
        }
        if let Some(a) = self.appendix {
            if off >= self.lines[a].start {
                return Some("附件".to_string());
            }
        }
        None
    }
}

/// Whether a source offset lies on a line that is a row of one of the source's grids.
fn in_grid_row(source: &Source, offset: usize) -> bool {
    source.grids.iter().any(|g| {
        g.rows.iter().any(|r| match (r.first(), r.last()) {
            (Some(a), Some(b)) => a.start <= offset && offset <= b.end,
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::Flat;

    #[test]
    fn flat_maps_back() {
        let norm = "受理政府\n信息公开申请17件\n\n下一段";
        let f = Flat::new(norm);
        assert_eq!(f.text, "受理政府信息公开申请17件下一段");
        let at = f.text.find("17").unwrap();
        assert_eq!(&norm[f.to_norm(at)..f.to_norm(at) + 2], "17");
        let at = f.text.find("下一段").unwrap();
        assert_eq!(&norm[f.to_norm(at)..], "下一段");
        assert_eq!(f.from_norm(norm.find("下一段").unwrap()), at);
    }
}
