//! Normalize stage: a folded copy of the draft for matching, with a map back.
//!
//! Folding: full-width ASCII → ASCII (`（一）`→`(一)`, `１２`→`12`, `：`→`:`),
//! ideographic and no-break spaces → space, curly quotes → straight quotes,
//! zero-width characters dropped, and runs of spaces next to a CJK character
//! dropped (`一 、概 述` → `一、概述`, `2024 年1 月` → `2024年1月`).
//! Tabs and newlines are kept: they separate table cells and lines.
//! It never replaces `Source::text`; diagnostics map back with [`Normalized::to_source`].

/// The normalized view of a source text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// (normalized byte offset, source byte offset, source char length) for every normalized char, plus an end sentinel.
    map: Vec<(u32, u32, u8)>,
}

pub fn is_cjk(c: char) -> bool {
    let u = c as u32;
    (0x2E80..=0x9FFF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0x3000..=0x303F).contains(&u)
}

fn fold(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0),
        0x3000 | 0x00A0 | 0x2000..=0x200A | 0x202F | 0x205F => Some(' '),
        0x200B..=0x200D | 0xFEFF | 0x2060 => None,
        0x201C | 0x201D | 0x201E | 0x201F | 0x300C | 0x300D => {
            Some(if u >= 0x300C { c } else { '"' })
        }
        0x2018 | 0x2019 => Some('\''),
        0xFE50 => Some(','),
        0xFE52 => Some('.'),
        _ => Some(c),
    }
}

impl Normalized {
    pub fn new(src: &str) -> Self {
        let mut text = String::with_capacity(src.len());
        let mut map = Vec::with_capacity(src.len() / 2);
        // Pending run of spaces: (source offsets of each space).
        let mut pending: Vec<u32> = Vec::new();
        let mut pending_len: Vec<u8> = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in src.char_indices() {
            let Some(f) = fold(c) else { continue };
            if f == ' ' {
                pending.push(i as u32);
                pending_len.push(c.len_utf8() as u8);
                continue;
            }
            if !pending.is_empty() {
                let edge = f == '\n' || f == '\t' || prev.is_none_or(|p| p == '\n' || p == '\t');
                // A wide gap before or after a number is a column gap of a laid-out table: a cell separator.
                let column_gap = !edge
                    && pending.len() >= 2
                    && (f.is_ascii_digit() || f == '-' || prev.is_some_and(|p| p.is_ascii_digit()));
                let drop = edge || prev.is_some_and(is_cjk) || is_cjk(f);
                if column_gap {
                    map.push((text.len() as u32, pending[0], pending_len[0]));
                    text.push('\t');
                } else if !drop {
                    for (s, l) in pending.iter().zip(pending_len.iter()) {
                        map.push((text.len() as u32, *s, *l));
                        text.push(' ');
                    }
                }
                pending.clear();
                pending_len.clear();
            }
            map.push((text.len() as u32, i as u32, c.len_utf8() as u8));
            text.push(f);
            prev = Some(f);
        }
        map.push((text.len() as u32, src.len() as u32, 0));
        Normalized { text, map }
    }

    /// Map a normalized byte offset to the corresponding source byte offset.
    pub fn to_source(&self, off: usize) -> usize {
        let off = off as u32;
        let i = self.map.partition_point(|(n, _, _)| *n <= off);
        if i == 0 {
            return 0;
        }
        let (n, s, l) = self.map[i - 1];
        // Inside a folded char (ASCII from full-width) the offset snaps to its start.
        if off > n && (off - n) >= l as u32 {
            return (s + l as u32) as usize;
        }
        if off > n {
            return s as usize;
        }
        s as usize
    }

    /// The normalized offset of the first char at or after a source offset.
    pub fn from_source(&self, src: usize) -> usize {
        let src = src as u32;
        let i = self.map.partition_point(|(_, s, _)| *s < src);
        self.map
            .get(i)
            .map(|(n, _, _)| *n as usize)
            .unwrap_or(self.text.len())
    }

    /// Map a normalized byte range to a source byte range (start, len).
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_source(start);
        let e = if end > start {
            self.to_source_end(end)
        } else {
            s
        };
        (s, e.saturating_sub(s))
    }

    /// Source offset just past the normalized char that ends at `end`.
    fn to_source_end(&self, end: usize) -> usize {
        let end = end as u32;
        let i = self.map.partition_point(|(n, _, _)| *n < end);
        if i == 0 {
            return 0;
        }
        let (_, s, l) = self.map[i - 1];
        (s + l as u32) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wide_gaps_next_to_numbers_become_tabs() {
        let n = Normalized::new("规章            1          0        11\n信息内容   本年制发件数");
        assert_eq!(n.text, "规章\t1\t0\t11\n信息内容本年制发件数");
    }

    #[test]
    fn folds_width_and_spaces() {
        let n = Normalized::new("一 、概 述\n（一）１２件　２０２４ 年1 月");
        assert_eq!(n.text, "一、概述\n(一)12件2024年1月");
    }

    #[test]
    fn keeps_ascii_spaces_and_tabs() {
        let n = Normalized::new("电话: 020 1234\t5");
        assert_eq!(n.text, "电话: 020 1234\t5");
    }

    #[test]
    fn maps_back_to_source() {
        let src = "联系电话：０８５１－８７７２１３３９";
        let n = Normalized::new(src);
        let start = n.text.find("0851").unwrap();
        let (s, len) = n.span(start, n.text.len());
        assert_eq!(&src[s..s + len], "０８５１－８７７２１３３９");
    }

    proptest! {
        #[test]
        fn offsets_land_on_char_boundaries(s in "[a-z0-9 　（）一二三，。年月日\\n\\t１２]{0,40}") {
            let n = Normalized::new(&s);
            for (i, _) in n.text.char_indices() {
                let o = n.to_source(i);
                prop_assert!(s.is_char_boundary(o));
                prop_assert!(o <= s.len());
            }
            let (a, l) = n.span(0, n.text.len());
            prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(a + l));
        }
    }
}
