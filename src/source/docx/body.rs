//! The body of `document.xml` as a tree of paragraphs and tables, accepted text only.
//!
//! Tracked deletions, moved-away text, field instructions, hidden runs, revision
//! records and drawings are skipped; insertions, hyperlinks, smart tags, custom XML
//! and content controls are descended into. Text boxes and shapes are not part of the
//! report flow and are skipped. Numbering and table expansion happen later.

use super::xml::{attr, attr_num, is_on, walk, Ns, Step};
use crate::source::LoadError;
use std::borrow::Cow;

#[derive(Debug, Default)]
pub struct Para {
    pub text: String,
    pub style: Option<String>,
    pub num_id: Option<i64>,
    pub ilvl: Option<i64>,
    pub outline: Option<i64>,
}

#[derive(Debug)]
pub enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Default)]
pub struct Row {
    pub before: usize,
    pub after: usize,
    pub deleted: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Merge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
pub struct Cell {
    pub span: usize,
    pub vmerge: Merge,
    pub hmerge: Merge,
    pub blocks: Vec<Block>,
}

/// Largest `gridSpan`/`gridBefore`/`gridAfter` honoured.
const MAX_SPAN: i64 = 1000;

/// Elements whose whole subtree carries no accepted text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "delText"
            | "instrText"
            | "delInstrText"
            | "pPrChange"
            | "rPrChange"
            | "tblPrChange"
            | "tcPrChange"
            | "trPrChange"
            | "sectPrChange"
            | "tblGridChange"
            | "numberingChange"
            | "sectPr"
            | "tblPr"
            | "tblPrEx"
            | "drawing"
            | "pict"
            | "object"
            | "fldData"
    )
}

/// An open element, as far as the reader looks at its parent: the WordprocessingML
/// elements that matter as parents (or hold text), anything else as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    T,
    R,
    RPr,
    PPr,
    NumPr,
    TrPr,
    TcPr,
    SdtPr,
    Other,
}

impl Tag {
    fn of(ns: Ns, name: &str) -> Tag {
        if ns != Ns::W {
            return Tag::Other;
        }
        match name {
            "t" => Tag::T,
            "r" => Tag::R,
            "rPr" => Tag::RPr,
            "pPr" => Tag::PPr,
            "numPr" => Tag::NumPr,
            "trPr" => Tag::TrPr,
            "tcPr" => Tag::TcPr,
            "sdtPr" => Tag::SdtPr,
            _ => Tag::Other,
        }
    }
}

enum Frame {
    Table(Table),
    Row(Row),
    Cell(Cell),
}

#[derive(Default)]
struct State {
    body: Vec<Block>,
    frames: Vec<Frame>,
    paras: Vec<Para>,
    /// The open elements.
    path: Vec<Tag>,
    /// Depth at which a skipped subtree began.
    skip_from: Option<usize>,
    run_hidden: bool,
    /// Open fields; `true` while in the instruction part (before `separate`).
    fields: Vec<bool>,
    /// Open content controls; `true` if showing placeholder text.
    sdts: Vec<bool>,
}

pub fn parse(xml: &str) -> Result<Vec<Block>, LoadError> {
    let (mut st, r) = walk(xml, "document.xml", |st: &mut State, step| {
        match step {
            Step::Open { ns, name, tag } => {
                let depth = st.path.len();
                let parent = st.path.last().copied().unwrap_or(Tag::Other);
                st.path.push(Tag::of(ns, name));
                if st.skip_from.is_some() {
                    return Ok(());
                }
                let skip = match ns {
                    Ns::W => st.open(name, parent, tag),
                    Ns::Mc => name == "Fallback",
                    _ => false,
                };
                if skip {
                    st.skip_from = Some(depth);
                }
            }
            Step::Close { ns, name } => {
                st.path.pop();
                match st.skip_from {
                    Some(d) if d == st.path.len() => st.skip_from = None,
                    Some(_) => {}
                    None if ns == Ns::W => st.close(name),
                    None => {}
                }
            }
            Step::Text(t) => {
                let in_t = st.path.last() == Some(&Tag::T);
                if in_t && st.skip_from.is_none() {
                    t.with(|t| st.push_text(t));
                }
            }
        }
        Ok(())
    });
    r?;
    while !st.frames.is_empty() {
        st.close_frame();
    }
    Ok(st.body)
}

impl State {
    /// Handles an opening WordprocessingML element; returns true to skip its subtree.
    fn open(&mut self, name: &str, parent: Tag, tag: &quick_xml::events::BytesStart<'_>) -> bool {
        match (name, parent) {
            ("del", Tag::TrPr) => {
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    r.deleted = true;
                }
                return false;
            }
            ("rPr", Tag::PPr) => return true,
            (n, _) if skipped(n) => return true,
            ("p", _) => self.paras.push(Para::default()),
            ("pStyle", Tag::PPr) => self.para(|p| p.style = attr(tag, "val").map(Cow::into_owned)),
            ("outlineLvl", Tag::PPr) => self.para(|p| p.outline = attr_num(tag, "val")),
            ("numId", Tag::NumPr) => self.para(|p| p.num_id = attr_num(tag, "val")),
            ("ilvl", Tag::NumPr) => self.para(|p| p.ilvl = attr_num(tag, "val")),
            ("r", _) => self.run_hidden = false,
            ("vanish", Tag::RPr) => self.run_hidden |= is_on(tag),
            ("tab" | "ptab", Tag::R) => self.push_text("\t"),
            ("br" | "cr", Tag::R) => self.push_text("\n"),
            ("noBreakHyphen", Tag::R) => self.push_text("-"),
            ("sym", Tag::R) => {
                let c = attr(tag, "char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32);
                if let Some(c) = c.filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c)) {
                    self.push_text(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            ("fldChar", _) => match attr(tag, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            ("sdt", _) => self.sdts.push(false),
            ("showingPlcHdr", Tag::SdtPr) => {
                if let Some(s) = self.sdts.last_mut() {
                    *s = is_on(tag);
                }
            }
            ("sdtContent", _) => return self.sdts.last().copied().unwrap_or(false),
            ("tbl", _) => self.frames.push(Frame::Table(Table::default())),
            ("tr", _) => self.frames.push(Frame::Row(Row::default())),
            ("tc", _) => self.frames.push(Frame::Cell(Cell {
                span: 1,
                vmerge: Merge::None,
                hmerge: Merge::None,
                blocks: Vec::new(),
            })),
            ("gridBefore" | "gridAfter", Tag::TrPr) => {
                let n = attr_num(tag, "val").unwrap_or(0).clamp(0, MAX_SPAN) as usize;
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    if name == "gridBefore" {
                        r.before = n;
                    } else {
                        r.after = n;
                    }
                }
            }
            ("gridSpan" | "vMerge" | "hMerge", Tag::TcPr) => {
                if let Some(Frame::Cell(c)) = self.frames.last_mut() {
                    let merge = if attr(tag, "val").as_deref() == Some("restart") {
                        Merge::Restart
                    } else {
                        Merge::Continue
                    };
                    match name {
                        "gridSpan" => {
                            c.span = attr_num(tag, "val").unwrap_or(1).clamp(1, MAX_SPAN) as usize
                        }
                        "vMerge" => c.vmerge = merge,
                        _ => c.hmerge = merge,
                    }
                }
            }
            _ => {}
        }
        false
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" => {
                if let Some(p) = self.paras.pop() {
                    self.add_block(Block::Para(p));
                }
            }
            "r" => self.run_hidden = false,
            "sdt" => {
                self.sdts.pop();
            }
            "tc" if matches!(self.frames.last(), Some(Frame::Cell(_))) => self.close_frame(),
            "tr" if matches!(self.frames.last(), Some(Frame::Row(_))) => self.close_frame(),
            "tbl" => {
                // Close whatever the table left open (malformed files), then the table.
                while let Some(f) = self.frames.last() {
                    let is_table = matches!(f, Frame::Table(_));
                    self.close_frame();
                    if is_table {
                        break;
                    }
                }
            }
            _ => {}
        }
    }

    fn close_frame(&mut self) {
        match self.frames.pop() {
            Some(Frame::Cell(c)) => {
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    r.cells.push(c);
                }
            }
            Some(Frame::Row(r)) => {
                if let Some(Frame::Table(t)) = self.frames.last_mut() {
                    if !r.deleted {
                        t.rows.push(r);
                    }
                }
            }
            Some(Frame::Table(t)) => self.add_block(Block::Table(t)),
            None => {}
        }
    }

    fn add_block(&mut self, b: Block) {
        match self.frames.last_mut() {
            Some(Frame::Cell(c)) => c.blocks.push(b),
            Some(_) => {}
            None => self.body.push(b),
        }
    }

    fn para(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.run_hidden || self.fields.iter().any(|in_instr| *in_instr) {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(t);
        }
    }
}
