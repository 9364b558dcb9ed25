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

/// The WordprocessingML elements the reader acts on, named once when they open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    T,
    R,
    P,
    RPr,
    PPr,
    NumPr,
    TrPr,
    TcPr,
    SdtPr,
    Del,
    PStyle,
    OutlineLvl,
    NumId,
    Ilvl,
    Vanish,
    Tab,
    Br,
    NoBreakHyphen,
    Sym,
    FldChar,
    Sdt,
    ShowingPlcHdr,
    SdtContent,
    Tbl,
    Tr,
    Tc,
    GridBefore,
    GridAfter,
    GridSpan,
    VMerge,
    HMerge,
    /// Elements whose whole subtree carries no accepted text (`del` outside `trPr` too):
    /// `moveFrom`, `delText`, `instrText`, `delInstrText`, `pPrChange`, `rPrChange`, `tblPrChange`, `tcPrChange`, `trPrChange`, `sectPrChange`, `tblGridChange`, `numberingChange`, `sectPr`, `tblPr`, `tblPrEx`, `drawing`, `pict`, `object`, `fldData`.
    Skip,
    /// Anything else, and every element outside WordprocessingML.
    Other,
}

/// The bytes of a name of at most 16 bytes as one number (zero-padded).
const fn pack(s: &[u8]) -> u128 {
    let mut k = 0u128;
    let mut i = 0;
    while i < s.len() {
        k |= (s[i] as u128) << (8 * i);
        i += 1;
    }
    k
}

impl El {
    fn of(ns: Ns, name: &str) -> El {
        if ns != Ns::W {
            return El::Other;
        }
        let b = name.as_bytes();
        // By length first, then as one number: a few integer compares per element.
        macro_rules! pick {
            ($len:literal; $($lit:literal => $el:expr),*) => {{
                let mut buf = [0u8; 16];
                buf[..$len].copy_from_slice(b);
                let k = u128::from_le_bytes(buf);
                $(if k == const { pack($lit) } {
                    return $el;
                })*
                El::Other
            }};
        }
        match b.len() {
            1 => pick!(1; b"t" => El::T, b"r" => El::R, b"p" => El::P),
            2 => pick!(2; b"br" => El::Br, b"cr" => El::Br, b"tr" => El::Tr, b"tc" => El::Tc),
            3 => {
                pick!(3; b"rPr" => El::RPr, b"pPr" => El::PPr, b"del" => El::Del, b"tab" => El::Tab, b"sym" => El::Sym, b"sdt" => El::Sdt, b"tbl" => El::Tbl)
            }
            4 => {
                pick!(4; b"trPr" => El::TrPr, b"tcPr" => El::TcPr, b"ilvl" => El::Ilvl, b"ptab" => El::Tab, b"pict" => El::Skip)
            }
            5 => {
                pick!(5; b"numPr" => El::NumPr, b"sdtPr" => El::SdtPr, b"numId" => El::NumId, b"tblPr" => El::Skip)
            }
            6 => {
                pick!(6; b"pStyle" => El::PStyle, b"vanish" => El::Vanish, b"vMerge" => El::VMerge, b"hMerge" => El::HMerge, b"sectPr" => El::Skip, b"object" => El::Skip)
            }
            7 => {
                pick!(7; b"fldChar" => El::FldChar, b"delText" => El::Skip, b"tblPrEx" => El::Skip, b"drawing" => El::Skip, b"fldData" => El::Skip)
            }
            8 => pick!(8; b"gridSpan" => El::GridSpan, b"moveFrom" => El::Skip),
            9 => {
                pick!(9; b"gridAfter" => El::GridAfter, b"instrText" => El::Skip, b"pPrChange" => El::Skip, b"rPrChange" => El::Skip)
            }
            10 => {
                pick!(10; b"outlineLvl" => El::OutlineLvl, b"sdtContent" => El::SdtContent, b"gridBefore" => El::GridBefore, b"tcPrChange" => El::Skip, b"trPrChange" => El::Skip)
            }
            11 => pick!(11; b"tblPrChange" => El::Skip),
            12 => pick!(12; b"delInstrText" => El::Skip, b"sectPrChange" => El::Skip),
            13 => {
                pick!(13; b"noBreakHyphen" => El::NoBreakHyphen, b"showingPlcHdr" => El::ShowingPlcHdr, b"tblGridChange" => El::Skip)
            }
            15 => pick!(15; b"numberingChange" => El::Skip),
            _ => El::Other,
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
    path: Vec<El>,
    /// Depth at which a skipped subtree began.
    skip_from: Option<usize>,
    run_hidden: bool,
    /// Open fields; `true` while in the instruction part (before `separate`).
    fields: Vec<bool>,
    /// Open content controls; `true` if showing placeholder text.
    sdts: Vec<bool>,
}

pub fn parse(xml: &str) -> Result<Vec<Block>, LoadError> {
    let (mut st, r) = walk(xml, "document.xml", |st: &mut State, step| match step {
        Step::Open { ns, name, tag } => {
            let depth = st.path.len();
            let parent = st.path.last().copied().unwrap_or(El::Other);
            let el = El::of(ns, name);
            st.path.push(el);
            if st.skip_from.is_some() {
                return;
            }
            let skip = match ns {
                Ns::W => st.open(el, parent, tag),
                Ns::Mc => name == "Fallback",
                _ => false,
            };
            if skip {
                st.skip_from = Some(depth);
            }
        }
        Step::Close { ns, .. } => {
            let el = st.path.pop().unwrap_or(El::Other);
            match st.skip_from {
                Some(d) if d == st.path.len() => st.skip_from = None,
                Some(_) => {}
                None if ns == Ns::W => st.close(el),
                None => {}
            }
        }
        Step::Text(t) => {
            let in_t = st.path.last() == Some(&El::T);
            if in_t && st.skip_from.is_none() {
                t.with(|t| st.push_text(t));
            }
        }
    });
    r?;
    while !st.frames.is_empty() {
        st.close_frame();
    }
    Ok(st.body)
}

impl State {
    /// Handles an opening WordprocessingML element; returns true to skip its subtree.
    fn open(&mut self, el: El, parent: El, tag: &quick_xml::events::BytesStart<'_>) -> bool {
        match (el, parent) {
            (El::Del, El::TrPr) => {
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    r.deleted = true;
                }
                return false;
            }
            (El::RPr, El::PPr) | (El::Del | El::Skip, _) => return true,
            (El::P, _) => self.paras.push(Para::default()),
            (El::PStyle, El::PPr) => self.para(|p| p.style = attr(tag, "val").map(Cow::into_owned)),
            (El::OutlineLvl, El::PPr) => self.para(|p| p.outline = attr_num(tag, "val")),
            (El::NumId, El::NumPr) => self.para(|p| p.num_id = attr_num(tag, "val")),
            (El::Ilvl, El::NumPr) => self.para(|p| p.ilvl = attr_num(tag, "val")),
            (El::R, _) => self.run_hidden = false,
            (El::Vanish, El::RPr) => self.run_hidden |= is_on(tag),
            (El::Tab, El::R) => self.push_text("\t"),
            (El::Br, El::R) => self.push_text("\n"),
            (El::NoBreakHyphen, El::R) => self.push_text("-"),
            (El::Sym, El::R) => {
                let c = attr(tag, "char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32);
                if let Some(c) = c.filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c)) {
                    self.push_text(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            (El::FldChar, _) => match attr(tag, "fldCharType").as_deref() {
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
            (El::Sdt, _) => self.sdts.push(false),
            (El::ShowingPlcHdr, El::SdtPr) => {
                if let Some(s) = self.sdts.last_mut() {
                    *s = is_on(tag);
                }
            }
            (El::SdtContent, _) => return self.sdts.last().copied().unwrap_or(false),
            (El::Tbl, _) => self.frames.push(Frame::Table(Table::default())),
            (El::Tr, _) => self.frames.push(Frame::Row(Row::default())),
            (El::Tc, _) => self.frames.push(Frame::Cell(Cell {
                span: 1,
                vmerge: Merge::None,
                hmerge: Merge::None,
                blocks: Vec::new(),
            })),
            (El::GridBefore | El::GridAfter, El::TrPr) => {
                let n = attr_num(tag, "val").unwrap_or(0).clamp(0, MAX_SPAN) as usize;
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    if el == El::GridBefore {
                        r.before = n;
                    } else {
                        r.after = n;
                    }
                }
            }
            (El::GridSpan | El::VMerge | El::HMerge, El::TcPr) => {
                if let Some(Frame::Cell(c)) = self.frames.last_mut() {
                    let merge = if attr(tag, "val").as_deref() == Some("restart") {
                        Merge::Restart
                    } else {
                        Merge::Continue
                    };
                    match el {
                        El::GridSpan => {
                            c.span = attr_num(tag, "val").unwrap_or(1).clamp(1, MAX_SPAN) as usize
                        }
                        El::VMerge => c.vmerge = merge,
                        _ => c.hmerge = merge,
                    }
                }
            }
            _ => {}
        }
        false
    }

    fn close(&mut self, el: El) {
        match el {
            El::P => {
                if let Some(p) = self.paras.pop() {
                    self.add_block(Block::Para(p));
                }
            }
            El::R => self.run_hidden = false,
            El::Sdt => {
                self.sdts.pop();
            }
            El::Tc if matches!(self.frames.last(), Some(Frame::Cell(_))) => self.close_frame(),
            El::Tr if matches!(self.frames.last(), Some(Frame::Row(_))) => self.close_frame(),
            El::Tbl => {
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
