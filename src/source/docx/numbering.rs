//! Automatic paragraph numbers (`numbering.xml`), rebuilt as text.
//!
//! In most drafts the "一、" of "一、总体情况" is not in `document.xml`: Word/WPS draw it
//! from a list definition. The outline stage needs it as text, so the counters are
//! replayed here in document order and the label is prepended to the paragraph.

use super::numfmt;
use super::xml::{attr, attr_num, walk, Ns, Step};
use crate::source::LoadError;
use std::collections::HashMap;

/// Deepest list level Word allows (`w:ilvl` 0–8).
const LEVELS: usize = 9;

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    /// `w:suff`: what follows the number (tab by default).
    suffix: String,
    legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".into(),
            text: String::new(),
            suffix: "tab".into(),
            legal: false,
        }
    }
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: Option<i64>,
    start_override: HashMap<usize, u32>,
    level_override: HashMap<usize, Level>,
}

/// The list definitions of a document and the running counters.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<i64, HashMap<usize, Level>>,
    nums: HashMap<i64, Num>,
    counters: HashMap<i64, [Option<u32>; LEVELS]>,
}

/// What `Numbering::parse` holds while walking.
#[derive(Default)]
struct Parse {
    n: Numbering,
    abs: Option<(i64, HashMap<usize, Level>)>,
    num: Option<(i64, Num)>,
    /// (ilvl, level) being read, and whether it sits in a num's override.
    lvl: Option<(usize, Level)>,
    override_ilvl: Option<usize>,
}

impl Numbering {
    pub fn parse(xml: &str) -> Result<Self, LoadError> {
        let (p, r) = walk(xml, "numbering.xml", |p: &mut Parse, step| match step {
            Step::Open {
                ns: Ns::W,
                name,
                tag,
            } => match name {
                "abstractNum" => {
                    p.abs = attr_num(tag, "abstractNumId").map(|id| (id, HashMap::new()))
                }
                "num" => p.num = attr_num(tag, "numId").map(|id| (id, Num::default())),
                "lvlOverride" => p.override_ilvl = attr_num(tag, "ilvl").and_then(level_index),
                "lvl" => {
                    p.lvl = attr_num(tag, "ilvl")
                        .and_then(level_index)
                        .map(|i| (i, Level::default()))
                }
                "abstractNumId" => {
                    if let Some((_, n)) = p.num.as_mut() {
                        n.abstract_id = attr_num(tag, "val");
                    }
                }
                "startOverride" => {
                    if let (Some((_, n)), Some(i), Some(v)) =
                        (p.num.as_mut(), p.override_ilvl, attr_num(tag, "val"))
                    {
                        n.start_override.insert(i, clamp_count(v));
                    }
                }
                _ => {
                    if let Some((_, l)) = p.lvl.as_mut() {
                        let val = attr(tag, "val");
                        match (name, val) {
                            ("start", Some(v)) => {
                                l.start = v.trim().parse().map(clamp_count).unwrap_or(1)
                            }
                            ("numFmt", Some(v)) => l.fmt = v.into_owned(),
                            ("lvlText", Some(v)) => l.text = v.into_owned(),
                            ("suff", Some(v)) => l.suffix = v.into_owned(),
                            ("isLgl", v) => {
                                l.legal = !matches!(v.as_deref(), Some("0" | "false" | "off"))
                            }
                            _ => {}
                        }
                    }
                }
            },
            Step::Close { ns: Ns::W, name } => match name {
                "lvl" => {
                    if let Some((i, l)) = p.lvl.take() {
                        match (p.override_ilvl, p.num.as_mut(), p.abs.as_mut()) {
                            (Some(_), Some((_, n)), _) => {
                                n.level_override.insert(i, l);
                            }
                            (_, _, Some((_, a))) => {
                                a.insert(i, l);
                            }
                            _ => {}
                        }
                    }
                }
                "lvlOverride" => p.override_ilvl = None,
                "abstractNum" => {
                    if let Some((id, levels)) = p.abs.take() {
                        p.n.abstracts.insert(id, levels);
                    }
                }
                "num" => {
                    if let Some((id, v)) = p.num.take() {
                        p.n.nums.insert(id, v);
                    }
                }
                _ => {}
            },
            _ => {}
        });
        r?;
        Ok(p.n)
    }

    /// Advance the counter of list `num_id` at level `ilvl` and return the label to put
    /// before the paragraph text (`None` for bullets, unknown lists and `numId` 0).
    pub fn next_label(&mut self, num_id: i64, ilvl: usize) -> Option<String> {
        if num_id == 0 || ilvl >= LEVELS {
            return None;
        }
        let levels: [Option<(&Level, u32)>; LEVELS] =
            std::array::from_fn(|i| level(&self.nums, &self.abstracts, num_id, i));
        let (level, start) = levels[ilvl]?;
        let counters = self.counters.entry(num_id).or_insert([None; LEVELS]);
        counters[ilvl] = Some(match counters[ilvl] {
            Some(v) => v.saturating_add(1),
            None => start,
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let counters = *counters;
        if level.fmt == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let Some(k) = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten()
            else {
                out.push(c);
                continue;
            };
            chars.next();
            let i = (k as usize).saturating_sub(1).min(LEVELS - 1);
            // A level the list does not define counts as the default one (decimal from 1).
            let (lv_fmt, lv_start) = match levels[i] {
                Some((lv, start)) => (lv.fmt.as_str(), start),
                None => ("decimal", 1),
            };
            let value = counters[i].unwrap_or(lv_start);
            let fmt = if level.legal && i < ilvl {
                "decimal"
            } else {
                lv_fmt
            };
            out.push_str(&numfmt::format(value, fmt).unwrap_or_default());
        }
        if out.trim().is_empty() {
            return None;
        }
        match level.suffix.as_str() {
            "nothing" => {}
            "space" => out.push(' '),
            // A tab after "一、" only aligns the text; after "1" it separates it.
            _ if out.ends_with(|c: char| !c.is_alphanumeric()) => {}
            _ => out.push(' '),
        }
        Some(out)
    }
}

/// Level `ilvl` of list `num_id` and its start value (a `startOverride` wins).
fn level<'n>(
    nums: &'n HashMap<i64, Num>,
    abstracts: &'n HashMap<i64, HashMap<usize, Level>>,
    num_id: i64,
    ilvl: usize,
) -> Option<(&'n Level, u32)> {
    let num = nums.get(&num_id)?;
    let level = num
        .level_override
        .get(&ilvl)
        .or_else(|| num.abstract_id.and_then(|a| abstracts.get(&a)?.get(&ilvl)))?;
    let start = num
        .start_override
        .get(&ilvl)
        .copied()
        .unwrap_or(level.start);
    Some((level, start))
}

fn level_index(v: i64) -> Option<usize> {
    usize::try_from(v).ok().filter(|i| *i < LEVELS)
}

fn clamp_count(v: i64) -> u32 {
    v.clamp(0, 1_000_000) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const CHINESE_OUTLINE: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="3">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"#;

    #[test]
    fn counters_and_resets() {
        let mut n = Numbering::parse(CHINESE_OUTLINE).unwrap();
        let mut l = |id, lv| n.next_label(id, lv).unwrap_or_default();
        assert_eq!(l(7, 0), "一、");
        assert_eq!(l(7, 1), "（一）");
        assert_eq!(l(7, 1), "（二）");
        assert_eq!(l(7, 2), "1.");
        assert_eq!(l(7, 0), "二、");
        assert_eq!(l(7, 1), "（一）");
        assert_eq!(l(7, 3), "2.1 ");
        assert_eq!(l(8, 0), "五、");
        assert_eq!(l(9, 0), "");
        assert_eq!(l(0, 0), "");
    }
}
