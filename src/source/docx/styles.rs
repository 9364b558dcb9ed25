//! Paragraph styles (`styles.xml`): which styles are headings, and which carry a list.
//!
//! Style ids are localized or arbitrary (WPS writes "1", "2"; Chinese Word writes
//! "1" or "标题1"), so a heading is recognised by its outline level or its *name*,
//! following `w:basedOn` chains.

use super::xml::{attr, attr_num, walk, Ns, Step};
use crate::source::LoadError;
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<i64>,
    num_id: Option<i64>,
    ilvl: Option<i64>,
}

#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

/// What `Styles::parse` holds while walking.
#[derive(Default)]
struct Parse {
    styles: Styles,
    cur: Option<(String, Style)>,
    in_ppr: bool,
}

impl Styles {
    pub fn parse(xml: &str) -> Result<Self, LoadError> {
        let (p, r) = walk(xml, "styles.xml", |p: &mut Parse, step| match step {
            Step::Open {
                ns: Ns::W,
                name,
                tag,
            } => match name {
                "style" => {
                    let para = attr(tag, "type").is_none_or(|t| t == "paragraph");
                    p.cur = attr(tag, "styleId")
                        .filter(|_| para)
                        .map(|id| (id.into_owned(), Style::default()));
                }
                "pPr" => p.in_ppr = true,
                _ => {
                    if let Some((_, s)) = p.cur.as_mut() {
                        match name {
                            "name" => {
                                s.name = attr(tag, "val").map(Cow::into_owned).unwrap_or_default()
                            }
                            "basedOn" => s.based_on = attr(tag, "val").map(Cow::into_owned),
                            "outlineLvl" if p.in_ppr => s.outline = attr_num(tag, "val"),
                            "numId" if p.in_ppr => s.num_id = attr_num(tag, "val"),
                            "ilvl" if p.in_ppr => s.ilvl = attr_num(tag, "val"),
                            _ => {}
                        }
                    }
                }
            },
            Step::Close { ns: Ns::W, name } => match name {
                "pPr" => p.in_ppr = false,
                "style" => {
                    if let Some((id, s)) = p.cur.take() {
                        p.styles.by_id.insert(id, s);
                    }
                }
                _ => {}
            },
            _ => {}
        });
        r?;
        Ok(p.styles)
    }

    /// The style and its ancestors, nearest first (cycles and long chains cut).
    fn chain<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let s = self.by_id.get(next.take()?)?;
            next = s.based_on.as_deref();
            Some(s)
        })
        .take(16)
    }

    /// 0-based outline level of a heading style.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        if let Some(l) = self.chain(id).find_map(|s| s.outline) {
            return u8::try_from(l).ok().filter(|l| *l < 9);
        }
        self.chain(id).next().and_then(|s| level_from_name(&s.name))
    }

    /// The list a style numbers its paragraphs with: (numId, ilvl).
    pub fn numbering(&self, id: &str) -> (Option<i64>, Option<i64>) {
        (
            self.chain(id).find_map(|s| s.num_id),
            self.chain(id).find_map(|s| s.ilvl),
        )
    }
}

/// "heading 2", "Heading2", "标题 2", "标题2" → 1.
fn level_from_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_by_name_and_outline_level() {
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="x"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="y"><w:name w:val="Body"/><w:basedOn w:val="x"/></w:style>
<w:style w:type="character" w:styleId="c"><w:name w:val="heading 1 Char"/></w:style>
</w:styles>"#;
        let s = Styles::parse(xml).unwrap();
        assert_eq!(s.heading_level("1"), Some(0));
        assert_eq!(s.heading_level("a5"), Some(1));
        assert_eq!(s.heading_level("x"), Some(2));
        assert_eq!(s.heading_level("y"), Some(2));
        assert_eq!(s.heading_level("c"), None);
        assert_eq!(s.heading_level("missing"), None);
        assert_eq!(s.numbering("y"), (Some(4), None));
    }
}
